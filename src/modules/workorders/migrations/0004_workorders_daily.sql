-- The counts behind the three rates, per community and day of receipt (China
-- time: day = (received_at + 28800) / 86400), kept with the data: triggers on
-- workorders_order add each order's part when it is written and take the old
-- part away when it changes, whoever writes (installed and filled from the
-- orders after this file, in its transaction, by the module's migrated hook:
-- wo_stats_counters_install). The street and district dashboards sum these
-- rows instead of every order of the period. The columns are struct
-- wo_counts' (workorders_stats.h) but respond_final: orders with a response
-- limit that were responded to; those not yet responded to are counted from
-- workorders_order_unresponded, since whether their limit has passed
-- depends on the hour of the request.
CREATE TABLE workorders_daily (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  day INTEGER NOT NULL,
  received BIGINT NOT NULL DEFAULT 0,
  closed BIGINT NOT NULL DEFAULT 0,
  respond_on_time BIGINT NOT NULL DEFAULT 0,
  respond_final BIGINT NOT NULL DEFAULT 0,
  resolved BIGINT NOT NULL DEFAULT 0,
  accepted BIGINT NOT NULL DEFAULT 0,
  satisfied BIGINT NOT NULL DEFAULT 0,
  rated BIGINT NOT NULL DEFAULT 0,
  rejected BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, day)
);

-- The orders not yet responded to (few: the newest), covering what the
-- response rate asks of them.
CREATE INDEX workorders_order_unresponded ON workorders_order (community_id, received_at, respond_due, accept_due)
  WHERE responded_at IS NULL;
