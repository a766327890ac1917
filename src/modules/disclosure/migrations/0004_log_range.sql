-- This migration added tlog_head.range_hashes, the log's compact range. The
-- log is now a kernel service and the column is in the core's
-- 0003_public_log.sql (which also adds it to a database that had not run this
-- yet). Kept, doing nothing, so that the versions stay in order.
SELECT 1;
