-- 共驻共建: the units located in a community (驻区单位) and their party
-- organizations, the co-building agreements (共建协议) they sign with the
-- community, what each agreement commits them to, and what was done.
-- Every table is keyed by community_id first (the tenant). Dates are
-- 'YYYY-MM-DD' text in China time; money is integer fen.

CREATE TABLE units_unit (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('organ', 'school', 'hospital', 'enterprise', 'bank', 'property', 'other')),
  address TEXT NOT NULL DEFAULT '',
  party_org TEXT NOT NULL DEFAULT '',        -- 党组织名称, '' when none
  party_kind TEXT NOT NULL DEFAULT 'none' CHECK (party_kind IN ('committee', 'general_branch', 'branch', 'none')),
  party_members INTEGER NOT NULL DEFAULT 0 CHECK (party_members >= 0), -- 在职党员 reported to the community
  contact_name TEXT NOT NULL DEFAULT '',     -- staff pages only
  office_phone TEXT NOT NULL DEFAULT '',     -- staff pages only
  contact_mobile_sealed @BLOB@,              -- src/pii sealed, NULL when none
  contact_mobile_masked TEXT NOT NULL DEFAULT '',
  intro TEXT NOT NULL DEFAULT '',            -- public
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  UNIQUE (community_id, name)
);
CREATE INDEX units_unit_active ON units_unit (community_id, active, id);

CREATE TABLE units_agreement (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  title TEXT NOT NULL,
  signed_on TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',          -- public
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'in_force', 'ended', 'terminated')),
  end_reason TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK (starts_on <= ends_on),
  PRIMARY KEY (community_id, id)
);
CREATE INDEX units_agreement_state ON units_agreement (community_id, state, ends_on, id);

-- The units that are parties to an agreement.
CREATE TABLE units_agreement_unit (
  community_id BIGINT NOT NULL,
  agreement_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  PRIMARY KEY (community_id, agreement_id, unit_id),
  FOREIGN KEY (community_id, agreement_id) REFERENCES units_agreement (community_id, id),
  FOREIGN KEY (community_id, unit_id) REFERENCES units_unit (community_id, id)
);
CREATE INDEX units_agreement_unit_by_unit ON units_agreement_unit (community_id, unit_id, agreement_id);

-- What a party promised. done_fen and done_quantity are the sums of its
-- fulfilments (reversals included), kept in each fulfilment's transaction
-- with this row locked.
CREATE TABLE units_commitment (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  agreement_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('money', 'room', 'volunteers', 'service', 'other')),
  promise TEXT NOT NULL,                     -- what is promised, in words
  amount_fen BIGINT NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),     -- money
  quantity BIGINT NOT NULL DEFAULT 0 CHECK (quantity >= 0),         -- the others
  quantity_unit TEXT NOT NULL DEFAULT '',    -- 人次, 次, 场
  due_on TEXT NOT NULL DEFAULT '',           -- '' when given as a period
  period TEXT NOT NULL DEFAULT '',           -- 每周六 全天, 每季度一次
  done_fen BIGINT NOT NULL DEFAULT 0,
  done_quantity BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, agreement_id, unit_id)
    REFERENCES units_agreement_unit (community_id, agreement_id, unit_id)
);
CREATE INDEX units_commitment_agreement ON units_commitment (community_id, agreement_id, id);
CREATE INDEX units_commitment_unit ON units_commitment (community_id, unit_id, id);
CREATE INDEX units_commitment_due ON units_commitment (community_id, due_on, id);

-- What was done for a commitment. Never edited: a mistake is reversed by a
-- new row (reverses_id) with the negated amount and quantity, and the row
-- it reverses gets reversed_by.
CREATE TABLE units_fulfilment (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  commitment_id BIGINT NOT NULL,
  agreement_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  kind TEXT NOT NULL,                        -- the commitment's, for the yearly report
  done_on TEXT NOT NULL,
  what TEXT NOT NULL,
  amount_fen BIGINT NOT NULL DEFAULT 0,
  quantity BIGINT NOT NULL DEFAULT 0,
  evidence TEXT NOT NULL DEFAULT '',
  reverses_id BIGINT,
  reversed_by BIGINT,
  reason TEXT NOT NULL DEFAULT '',           -- a reversal's reason
  recorded_by BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, commitment_id) REFERENCES units_commitment (community_id, id)
);
CREATE INDEX units_fulfilment_commitment ON units_fulfilment (community_id, commitment_id, id);
CREATE INDEX units_fulfilment_day ON units_fulfilment (community_id, done_on, id);
CREATE INDEX units_fulfilment_agreement ON units_fulfilment (community_id, agreement_id, done_on);
