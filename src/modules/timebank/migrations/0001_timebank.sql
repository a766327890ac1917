-- 时间银行 (time bank) for elderly care: people who serve elderly residents
-- deposit hours and draw them later when they need care themselves, or
-- donate them. Amounts are whole minutes (BIGINT). Every table is keyed by
-- community_id first (the tenant). Dates are 'YYYY-MM-DD' text in China time.

-- A community's rules (the per-account cap on the balance) and how many
-- accounts it has (kept by each opening, an UPSERT).
CREATE TABLE timebank_setting (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  cap_minutes BIGINT NOT NULL DEFAULT 30000 CHECK (cap_minutes > 0),
  accounts BIGINT NOT NULL DEFAULT 0,
  updated_by BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id)
);

-- One account per person per community: a holder with a login (user_id)
-- or opened at the desk. Name and mobile are sealed (src/pii) beside their
-- masks; mobile_index is the blind index of the mobile for the desk's
-- search. balance, deposited and drawn are kept with the moves, in each
-- move's transaction with this row locked.
CREATE TABLE timebank_account (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,                        -- also the account's number shown to people
  user_id BIGINT,                            -- the holder's login, NULL when opened at the desk
  person_id BIGINT,                          -- people_person id, optional
  name_sealed @BLOB@,
  name_masked TEXT NOT NULL,
  mobile_sealed @BLOB@,
  mobile_masked TEXT NOT NULL DEFAULT '',
  mobile_index @BLOB@,
  balance_minutes BIGINT NOT NULL DEFAULT 0 CHECK (balance_minutes >= 0),
  deposited_minutes BIGINT NOT NULL DEFAULT 0,
  drawn_minutes BIGINT NOT NULL DEFAULT 0,
  moves BIGINT NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'frozen', 'closed')),
  state_reason TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id)
);
CREATE UNIQUE INDEX timebank_account_user ON timebank_account (community_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX timebank_account_mobile ON timebank_account (community_id, mobile_index);
CREATE INDEX timebank_account_state ON timebank_account (community_id, state, id);

-- The moves of an account, append-only. minutes is signed (a deposit or a
-- transfer in is positive); balance_after is the account's balance after
-- it. A transfer is two rows (out and in) whose pair_id name each other. A
-- reversal (冲正) negates the move it points at (reverses_id), which gets
-- reversed_by; nothing is ever edited but that mark.
CREATE TABLE timebank_move (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('deposit', 'withdraw', 'transfer_out', 'transfer_in', 'reversal')),
  minutes BIGINT NOT NULL,
  balance_after BIGINT NOT NULL CHECK (balance_after >= 0),
  service TEXT NOT NULL DEFAULT '',          -- 助餐, 助洁, 助浴, 助医, 陪聊, 代购, 其他
  served_on TEXT NOT NULL,
  party_account_id BIGINT,                   -- to/by whom, when an account
  party_masked TEXT NOT NULL DEFAULT '',     -- to/by whom, masked name
  note TEXT NOT NULL DEFAULT '',
  pair_id BIGINT,
  reverses_id BIGINT,
  reversed_by BIGINT,
  reason TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'desk',       -- 'desk', 'self', later 'volunteers'
  source_id BIGINT,
  recorded_by BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, account_id) REFERENCES timebank_account (community_id, id)
);
CREATE INDEX timebank_move_account ON timebank_move (community_id, account_id, id);

-- What a community deposited and drew in a year, by service kind: kept by
-- each move in its transaction (an UPSERT), so the public summary reads a
-- few rows, not the history.
CREATE TABLE timebank_year (
  community_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  service TEXT NOT NULL,
  deposited_minutes BIGINT NOT NULL DEFAULT 0,
  drawn_minutes BIGINT NOT NULL DEFAULT 0,
  deposits BIGINT NOT NULL DEFAULT 0,
  withdrawals BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, year, service)
);

-- A resident's report of a service they gave (我为谁服务了多久): pending
-- until staff confirm it (the deposit is made then, move_id) or refuse it.
CREATE TABLE timebank_report (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  service TEXT NOT NULL,
  served_on TEXT NOT NULL,
  minutes BIGINT NOT NULL CHECK (minutes > 0),
  party_masked TEXT NOT NULL DEFAULT '',
  party_account_id BIGINT,
  note TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'confirmed', 'refused')),
  reason TEXT NOT NULL DEFAULT '',
  move_id BIGINT,
  created_at BIGINT NOT NULL,
  decided_by BIGINT,
  decided_at BIGINT,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, account_id) REFERENCES timebank_account (community_id, id)
);
CREATE INDEX timebank_report_state ON timebank_report (community_id, state, id);
CREATE INDEX timebank_report_account ON timebank_report (community_id, account_id, id);
