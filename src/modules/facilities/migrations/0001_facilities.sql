-- 场地与预约: rooms and equipment a community lends (its own, or lent by a
-- resident unit, 驻区单位), their weekly opening hours, and the bookings of
-- residents and organizations. Every table is keyed by community_id first.

CREATE TABLE facilities_facility (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,                      -- 活动室, 会议室, 多功能厅, 健身器材, 台球桌, 乒乓球台 or a kind staff named
  place TEXT NOT NULL DEFAULT '',          -- where it is
  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),   -- people; 0 not said
  rules TEXT NOT NULL DEFAULT '',
  provided_by TEXT NOT NULL DEFAULT '',    -- "幸福里小学 提供"; '' for the community's own
  needs_approval INTEGER NOT NULL DEFAULT 0 CHECK (needs_approval IN (0, 1)),
  open_residents INTEGER NOT NULL DEFAULT 1 CHECK (open_residents IN (0, 1)),
  open_orgs INTEGER NOT NULL DEFAULT 1 CHECK (open_orgs IN (0, 1)),
  slot_min INTEGER NOT NULL DEFAULT 30 CHECK (slot_min BETWEEN 5 AND 240),
  max_min INTEGER NOT NULL DEFAULT 120 CHECK (max_min BETWEEN 5 AND 1440),
  days_ahead INTEGER NOT NULL DEFAULT 14 CHECK (days_ahead BETWEEN 0 AND 90),
  holidays_open INTEGER NOT NULL DEFAULT 0 CHECK (holidays_open IN (0, 1)),
  makeup_weekday INTEGER NOT NULL DEFAULT 0 CHECK (makeup_weekday BETWEEN 0 AND 7),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  UNIQUE (community_id, name)
);

-- Opening periods as services_hours keeps them: minutes after the weekday's
-- midnight, a period may close past 1440 (the next morning).
CREATE TABLE facilities_hours (
  community_id BIGINT NOT NULL,
  facility_id BIGINT NOT NULL,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  open_min INTEGER NOT NULL CHECK (open_min BETWEEN 0 AND 1439),
  close_min INTEGER NOT NULL,
  CHECK (close_min > open_min AND close_min <= open_min + 1440),
  PRIMARY KEY (community_id, facility_id, weekday, open_min),
  FOREIGN KEY (community_id, facility_id) REFERENCES facilities_facility (community_id, id)
);

-- A booking: [starts_at, ends_at) in Unix seconds. The name and phone of
-- whom it is for are sealed at rest (src/pii) beside their masked
-- projections; public pages read none of them.
CREATE TABLE facilities_booking (
  community_id BIGINT NOT NULL,
  facility_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  user_id BIGINT REFERENCES users (id),    -- NULL for a desk booking (代订 for someone without an account)
  name_sealed @BLOB@,
  name_masked TEXT NOT NULL DEFAULT '',
  phone_sealed @BLOB@,
  phone_masked TEXT NOT NULL DEFAULT '',
  organization TEXT NOT NULL DEFAULT '',
  purpose TEXT NOT NULL DEFAULT '',
  people INTEGER NOT NULL DEFAULT 1 CHECK (people >= 1),
  state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'refused', 'cancelled', 'no_show')),
  by_user BIGINT REFERENCES users (id),    -- staff who booked it on someone's behalf (代订)
  decided_by BIGINT REFERENCES users (id),
  decided_at BIGINT,
  reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  CHECK (ends_at > starts_at),
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, facility_id) REFERENCES facilities_facility (community_id, id)
);
CREATE INDEX facilities_booking_time ON facilities_booking (community_id, facility_id, starts_at);
CREATE INDEX facilities_booking_user ON facilities_booking (community_id, user_id, starts_at);
CREATE INDEX facilities_booking_state ON facilities_booking (community_id, state, starts_at);
CREATE INDEX facilities_booking_day ON facilities_booking (community_id, starts_at);
