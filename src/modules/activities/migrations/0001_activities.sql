-- 活动与报名: a community's activities (festivals, culture and sports,
-- 居民学校 classes, talks and training), the residents' sign-ups with a
-- waitlist that moves up by itself, attendance at the door, and the short
-- report with photos published afterwards. Keyed by community_id first.

CREATE TABLE activities_activity (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  kind TEXT NOT NULL,                       -- festival, culture, school, youth, skills, reading, volunteer, other
  title TEXT NOT NULL,
  organizer TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  starts_at BIGINT NOT NULL,                -- Unix seconds; shown in China time
  ends_at BIGINT NOT NULL,
  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),   -- 0: no limit
  audience TEXT NOT NULL DEFAULT '',        -- 面向: 社区60岁以上老人, 6-12岁儿童及家长
  min_age INTEGER NOT NULL DEFAULT 0 CHECK (min_age BETWEEN 0 AND 120),
  signup_closes_at BIGINT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'cancelled')),
  cancel_reason TEXT NOT NULL DEFAULT '',
  -- counters kept with the data, changed in the transaction of each sign-up
  confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
  waitlisted INTEGER NOT NULL DEFAULT 0 CHECK (waitlisted >= 0),
  next_arrival INTEGER NOT NULL DEFAULT 1,
  attended INTEGER NOT NULL DEFAULT 0 CHECK (attended >= 0),
  needs_call INTEGER NOT NULL DEFAULT 0 CHECK (needs_call >= 0),   -- live sign-ups to phone
  -- the report written afterwards (活动回顾)
  report TEXT NOT NULL DEFAULT '',
  report_at BIGINT,                         -- published at; NULL: not published
  photos INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_by BIGINT,
  updated_at BIGINT NOT NULL,
  CHECK (ends_at > starts_at),
  PRIMARY KEY (community_id, id)
);
-- the public list: by state and start, optionally by kind
CREATE INDEX activities_activity_start ON activities_activity (community_id, state, starts_at, id);
CREATE INDEX activities_activity_kind ON activities_activity (community_id, state, kind, starts_at, id);
-- 活动回顾, newest first
CREATE INDEX activities_activity_report ON activities_activity (community_id, report_at, id);
-- the staff list, newest start first, every state
CREATE INDEX activities_activity_all ON activities_activity (community_id, starts_at, id);

CREATE TABLE activities_signup (
  community_id BIGINT NOT NULL,
  activity_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  arrival INTEGER NOT NULL,                 -- 1, 2, 3 ... per activity, in the order sign-ups came
  user_id BIGINT REFERENCES users (id),     -- NULL: signed up at the desk, no account
  name TEXT NOT NULL,
  name_masked TEXT NOT NULL,
  phone_sealed @BLOB@,
  phone_masked TEXT NOT NULL DEFAULT '',
  needs_call INTEGER NOT NULL DEFAULT 0 CHECK (needs_call IN (0, 1)),
  by_user BIGINT,                           -- staff who signed them up (代报名); NULL: themselves
  state TEXT NOT NULL CHECK (state IN ('confirmed', 'waitlisted', 'cancelled')),
  created_at BIGINT NOT NULL,
  cancelled_at BIGINT,
  promoted_at BIGINT,
  attended_at BIGINT,
  PRIMARY KEY (community_id, id),
  UNIQUE (community_id, activity_id, arrival),
  FOREIGN KEY (community_id, activity_id) REFERENCES activities_activity (community_id, id)
);
-- one live sign-up per account and activity
CREATE UNIQUE INDEX activities_signup_once ON activities_signup (community_id, activity_id, user_id)
  WHERE user_id IS NOT NULL AND state <> 'cancelled';
-- an activity's list by state in arrival order (promotion takes the lowest waitlisted)
CREATE INDEX activities_signup_list ON activities_signup (community_id, activity_id, state, arrival);
-- 我的报名
CREATE INDEX activities_signup_user ON activities_signup (user_id, community_id, activity_id);

CREATE TABLE activities_photo (
  community_id BIGINT NOT NULL,
  activity_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
  size BIGINT NOT NULL,
  data @BLOB@ NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, activity_id) REFERENCES activities_activity (community_id, id)
);
CREATE INDEX activities_photo_activity ON activities_photo (community_id, activity_id, id);
