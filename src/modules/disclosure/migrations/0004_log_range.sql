-- The log's compact range (roots of its perfect subtrees), so that an append
-- computes the new root in O(log n) without reading every leaf. NULL until the
-- next append rebuilds it from the leaves.
ALTER TABLE tlog_head ADD COLUMN range_hashes @BLOB@;
