-- 党务居务公开: catalogue, posts, recipient lists, objections and supervision
-- opinions; their public records go to the community's transparency log (a
-- kernel service, see below). Every table is keyed by community_id first
-- (Citus distribution column, see doc/scaling.md).

CREATE TABLE disclosure_settings (
  community_id BIGINT PRIMARY KEY REFERENCES org_unit (id),
  two_person INTEGER NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL
);

CREATE TABLE disclosure_item (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  code TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('party', 'residents', 'finance')),
  title TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  basis TEXT NOT NULL DEFAULT '',
  frequency TEXT NOT NULL CHECK (frequency IN ('immediate', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'on_change')),
  responsible TEXT NOT NULL DEFAULT '',
  channels TEXT NOT NULL DEFAULT '',
  personal_data INTEGER NOT NULL DEFAULT 0,
  public_columns TEXT NOT NULL DEFAULT '',
  notice_days INTEGER NOT NULL DEFAULT 0,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  retired_at BIGINT,
  PRIMARY KEY (community_id, id),
  UNIQUE (community_id, code)
);

-- A post is editable while a draft; once published it is never updated:
-- corrections are new posts (replaces_id), withdrawals are rows below.
CREATE TABLE disclosure_post (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  item_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  period_start BIGINT,
  period_end BIGINT,
  notice_start BIGINT,
  notice_days INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'published')),
  replaces_id BIGINT,
  correction_reason TEXT,
  author_id BIGINT NOT NULL REFERENCES users (id),
  submitted_by BIGINT REFERENCES users (id),
  approved_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  submitted_at BIGINT,
  published_at BIGINT,
  leaf_index BIGINT,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, item_id) REFERENCES disclosure_item (community_id, id)
);
CREATE INDEX disclosure_post_board ON disclosure_post (community_id, status, published_at);
CREATE INDEX disclosure_post_item ON disclosure_post (community_id, item_id, published_at);

CREATE TABLE disclosure_withdrawal (
  community_id BIGINT NOT NULL,
  post_id BIGINT NOT NULL,
  reason TEXT NOT NULL,
  withdrawn_by BIGINT NOT NULL REFERENCES users (id),
  withdrawn_at BIGINT NOT NULL,
  leaf_index BIGINT NOT NULL,
  PRIMARY KEY (community_id, post_id),
  FOREIGN KEY (community_id, post_id) REFERENCES disclosure_post (community_id, id)
);

-- Full recipient rows; only masked public columns ever reach the log.
CREATE TABLE disclosure_recipient (
  community_id BIGINT NOT NULL,
  post_id BIGINT NOT NULL,
  row_no INTEGER NOT NULL,
  name TEXT NOT NULL,
  id_number TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  household_size INTEGER NOT NULL,
  amount_fen BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (community_id, post_id, row_no),
  FOREIGN KEY (community_id, post_id) REFERENCES disclosure_post (community_id, id)
);

-- 异议 during a 公示期, and 监督意见 by supervisors; the answer is public.
CREATE TABLE disclosure_thread (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('objection', 'opinion')),
  post_id BIGINT,
  item_id BIGINT,
  user_id BIGINT REFERENCES users (id),
  contact_phone TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  answer TEXT,
  answered_by BIGINT REFERENCES users (id),
  answered_at BIGINT,
  answer_leaf BIGINT,
  PRIMARY KEY (community_id, id)
);
CREATE INDEX disclosure_thread_post ON disclosure_thread (community_id, post_id);

-- The community's transparency log (tlog_head, tlog_leaf, tlog_checkpoint,
-- tlog_witness, tlog_cosignature) was created here until it became a kernel
-- service: the core's 0003_public_log.sql creates it now, before any
-- module's migrations run.
