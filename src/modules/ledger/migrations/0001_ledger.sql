-- 财务收支 and 党费: a community's accounts kept in the open. Keyed by
-- community_id first (the tenant); per-community ids come from db_next_id.
-- Money is integer fen (分), never a float.
--
-- The rules the store keeps (ledger_store.c), each under a lock on the
-- community's ledger_book row (every write of a community's accounts takes
-- it first, so two servers on one PostgreSQL database apply them one after
-- the other):
--   * an entry belongs to the month of its date (period 'YYYY-MM'); months
--     are closed in order, and a closed month, or any before it, takes no
--     new entry, approval or change;
--   * an entry counts (statements, balances) only once approved, by a staff
--     member other than the one who entered it;
--   * a mistake is never edited away after approval: a reversing entry
--     (红字冲销: the same kind and category, the amount negated) in an open
--     month points at the entry it reverses, which is marked reversed;
--   * approving adds the entry to its month's totals (ledger_total), and
--     closing a month freezes them with the opening and closing balance
--     (ledger_period), so a year's statement reads twelve months of totals,
--     never the entries.

-- A community's books: the lock every write takes, and the last month
-- closed ('' before the first): that month and all before it are closed.
CREATE TABLE ledger_book (
  community_id BIGINT PRIMARY KEY REFERENCES org_unit (id),
  closed_through TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0
);

-- 收支类别: a community's chart of categories, seeded when the community is
-- made (ledger_categories_seed) and editable by staff. A category in use is
-- retired, never deleted.
CREATE TABLE ledger_category (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('income', 'expense')),
  name TEXT NOT NULL,
  sort_no INTEGER NOT NULL DEFAULT 0,
  retired_at BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  UNIQUE (community_id, kind, name)
);

-- 会计期间: one row per month that has or had entries, or was closed
-- without any. closed_at set once by ledger_period_close, with the month's
-- figures frozen: opening (the previous closed month's closing), income and
-- expense of approved entries, closing = opening + income - expense.
CREATE TABLE ledger_period (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  period TEXT NOT NULL,                    -- YYYY-MM
  closed_at BIGINT,
  closed_by BIGINT REFERENCES users (id),
  opening_fen BIGINT NOT NULL DEFAULT 0,
  income_fen BIGINT NOT NULL DEFAULT 0,
  expense_fen BIGINT NOT NULL DEFAULT 0,
  closing_fen BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, period)
);

-- 记账凭证: one income or expense. voucher_year is the year of entry_date,
-- so that a voucher number is unique per community and year.
CREATE TABLE ledger_entry (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  period TEXT NOT NULL,                    -- YYYY-MM of entry_date
  entry_date TEXT NOT NULL,                -- YYYY-MM-DD
  kind TEXT NOT NULL CHECK (kind IN ('income', 'expense')),
  category_id BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,              -- > 0; < 0 only on a reversing entry
  counterparty TEXT NOT NULL DEFAULT '',   -- 对方单位或个人
  voucher_year INTEGER NOT NULL,
  voucher_no TEXT NOT NULL,                -- 凭证号, as the community numbers them
  purpose TEXT NOT NULL,                   -- 摘要/用途
  entered_by BIGINT NOT NULL REFERENCES users (id),
  entered_at BIGINT NOT NULL,
  approved_by BIGINT REFERENCES users (id),
  approved_at BIGINT,
  reverses_id BIGINT,                      -- the entry this one reverses
  reversed_by_id BIGINT,                   -- set on an entry once a reversing entry for it is approved
  reason TEXT NOT NULL DEFAULT '',         -- why it was reversed (on the reversing entry)
  source TEXT NOT NULL DEFAULT 'desk' CHECK (source IN ('desk', 'import', 'demo')),
  PRIMARY KEY (community_id, id),
  UNIQUE (community_id, voucher_year, voucher_no),
  FOREIGN KEY (community_id, period) REFERENCES ledger_period (community_id, period),
  FOREIGN KEY (community_id, category_id) REFERENCES ledger_category (community_id, id),
  FOREIGN KEY (community_id, reverses_id) REFERENCES ledger_entry (community_id, id),
  CHECK (amount_fen > 0 OR (amount_fen < 0 AND reverses_id IS NOT NULL)),
  CHECK (approved_by IS NULL OR approved_by <> entered_by)
)@WITHOUT_ROWID@;
-- A month's entries in date order (the entries page, a statement's list);
-- its big ones (a statement's entries above a threshold); what awaits
-- approval (the workbench card); the entries a reversal points at.
CREATE INDEX ledger_entry_period ON ledger_entry (community_id, period, entry_date, id);
CREATE INDEX ledger_entry_amount ON ledger_entry (community_id, period, amount_fen);
CREATE INDEX ledger_entry_pending ON ledger_entry (community_id, entered_at) WHERE approved_at IS NULL;
CREATE INDEX ledger_entry_reverses ON ledger_entry (community_id, reverses_id) WHERE reverses_id IS NOT NULL;

-- A month's approved totals by category, kept by ledger_entry_approve in
-- its transaction: statements and charts read these.
CREATE TABLE ledger_total (
  community_id BIGINT NOT NULL,
  period TEXT NOT NULL,
  category_id BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL DEFAULT 0,
  entries INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, period, category_id),
  FOREIGN KEY (community_id, period) REFERENCES ledger_period (community_id, period),
  FOREIGN KEY (community_id, category_id) REFERENCES ledger_category (community_id, id)
);

-- 凭证附件: scans and photos of an entry's voucher (原始凭证).
CREATE TABLE ledger_file (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  entry_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data @BLOB@ NOT NULL,
  added_by BIGINT NOT NULL REFERENCES users (id),
  added_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, entry_id) REFERENCES ledger_entry (community_id, id)
);
CREATE INDEX ledger_file_entry ON ledger_file (community_id, entry_id, id);

-- 党费收缴: what a party member (people_party_member) owes for a month and
-- what was paid. due_fen is the member's monthly amount when the month was
-- opened for dues (ledger_dues_open_month); a payment records date,
-- amount and receipt number. Individual amounts are for staff only; the
-- board gets the aggregate.
CREATE TABLE ledger_dues (
  community_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  month TEXT NOT NULL,                     -- YYYY-MM
  due_fen BIGINT NOT NULL CHECK (due_fen >= 0),
  paid_fen BIGINT NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
  paid_on TEXT,                            -- YYYY-MM-DD
  receipt_no TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT REFERENCES users (id),
  recorded_at BIGINT,
  PRIMARY KEY (community_id, person_id, month),
  FOREIGN KEY (community_id, person_id) REFERENCES people_party_member (community_id, person_id)
);
-- A month's list; the arrears (what is still owed).
CREATE INDEX ledger_dues_month ON ledger_dues (community_id, month, person_id);
CREATE INDEX ledger_dues_owed ON ledger_dues (community_id, person_id, month) WHERE paid_fen < due_fen;

-- What the ledger handed to the disclosure board: a period's statement
-- ('finance') or a dues summary ('dues'), as a draft post there.
CREATE TABLE ledger_publication (
  community_id BIGINT NOT NULL,
  what TEXT NOT NULL CHECK (what IN ('finance', 'dues')),
  span TEXT NOT NULL,                      -- YYYY-MM, YYYY-Qn or YYYY
  post_id BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, what, span)
);
