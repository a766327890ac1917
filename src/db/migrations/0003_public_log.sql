-- Each community's public log (src/tlog/tlog_store.c), a kernel service
-- that every module appends its public records to: RFC 6962 leaves, the
-- head row that serialises appends and keeps the log's compact range (the
-- roots of its perfect subtrees, so that an append computes the new root in
-- O(log n); NULL until the next append rebuilds it from the leaves), signed
-- C2SP checkpoints, and the supervisors' witness keys (each sealed with a
-- key derived from the supervisor's own password) and cosignatures.
--
-- The disclosure module made these tables (its 0001 and 0004) before the
-- log became the kernel's. IF NOT EXISTS keeps them as they are in such a
-- database, so that it and a new one end up with the same tables; one whose
-- disclosure schema stopped before 0004 lacks tlog_head.range_hashes, which
-- the C step of this migration (tlog_store_migrated) adds.
CREATE TABLE IF NOT EXISTS tlog_head (
  community_id BIGINT PRIMARY KEY REFERENCES org_unit (id),
  size BIGINT NOT NULL,
  range_hashes @BLOB@
);
CREATE TABLE IF NOT EXISTS tlog_leaf (
  community_id BIGINT NOT NULL,
  idx BIGINT NOT NULL,
  data TEXT NOT NULL,
  hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, idx)
);
CREATE TABLE IF NOT EXISTS tlog_checkpoint (
  community_id BIGINT NOT NULL,
  size BIGINT NOT NULL,
  root TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, size)
);
CREATE TABLE IF NOT EXISTS tlog_witness (
  community_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  public_key @BLOB@ NOT NULL,
  sealed_key @BLOB@ NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, user_id)
);
CREATE TABLE IF NOT EXISTS tlog_cosignature (
  community_id BIGINT NOT NULL,
  size BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id),
  line TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, size, user_id)
);
