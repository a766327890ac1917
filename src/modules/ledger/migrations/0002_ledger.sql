-- The entries awaiting approval by month: a month's closing counts them,
-- and every statement and the months' page count them for a year. With
-- only (community_id, entered_at) to go by, those counts walked every
-- entry of the months and read each row for approved_at; pending entries
-- are few, so this partial index answers them from a handful of rows.
CREATE INDEX ledger_entry_pending_period ON ledger_entry (community_id, period) WHERE approved_at IS NULL;
