-- What each commitment's fulfilments add up to in each calendar year, kept
-- in the transaction of each fulfilment (its commitment's row locked), so
-- that the yearly report reads one row per commitment instead of the year's
-- fulfilments. events: standing fulfilments done in the year (a reversed one
-- and its reversal count none); fen and quantity: the rows' sums, reversals
-- included (a reversal is dated when it was made).
CREATE TABLE units_year (
  community_id BIGINT NOT NULL,
  commitment_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  events BIGINT NOT NULL DEFAULT 0,
  fen BIGINT NOT NULL DEFAULT 0,
  quantity BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, year, commitment_id),
  FOREIGN KEY (community_id, commitment_id) REFERENCES units_commitment (community_id, id)
);
INSERT INTO units_year (community_id, commitment_id, year, events, fen, quantity)
SELECT community_id, commitment_id, CAST(substr(done_on, 1, 4) AS INTEGER),
  SUM(CASE WHEN reverses_id IS NULL AND reversed_by IS NULL THEN 1 ELSE 0 END), SUM(amount_fen), SUM(quantity)
FROM units_fulfilment GROUP BY community_id, commitment_id, CAST(substr(done_on, 1, 4) AS INTEGER);

-- The public units list counts each unit's commitments in force by kind:
-- walked in (unit, kind) order, without sorting them on every page.
CREATE INDEX units_commitment_unit_kind ON units_commitment (community_id, unit_id, kind, agreement_id);
