-- 志愿服务: the community's registered volunteers. A resident registers
-- themself with their account; staff register one at the desk (no account).
-- Name and mobile are sealed (src/pii) with a masked projection for lists and
-- public pages and a blind index each for the staff search by exact value.
-- Keyed by community_id first.

CREATE TABLE volunteers_volunteer (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  user_id BIGINT REFERENCES users (id),     -- NULL: registered at the desk, no account
  person_id BIGINT,                         -- people_person id when staff linked one; no foreign key
  name_sealed @BLOB@ NOT NULL,
  name_masked TEXT NOT NULL,                -- pii_mask_name
  name_index @BLOB@ NOT NULL,               -- blind index ("volunteers.name")
  phone_sealed @BLOB@,
  phone_masked TEXT NOT NULL DEFAULT '',
  phone_index @BLOB@,                       -- blind index ("volunteers.phone") of the 11 digits
  skills TEXT NOT NULL DEFAULT '',          -- codes of the fixed list, ',' separated
  skills_note TEXT NOT NULL DEFAULT '',     -- free text (其他特长)
  availability TEXT NOT NULL DEFAULT '',    -- weekdays, weekends, evenings; ',' separated
  groups TEXT NOT NULL DEFAULT '',          -- community, party, youth, women; ',' separated
  by_user BIGINT,                           -- staff who registered them at the desk; NULL: themselves
  -- kept with the data by the confirmation of hours (the 星级 honours read them)
  minutes_total BIGINT NOT NULL DEFAULT 0 CHECK (minutes_total >= 0),
  records INTEGER NOT NULL DEFAULT 0 CHECK (records >= 0),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id)
);
-- one registration per account and community
CREATE UNIQUE INDEX volunteers_volunteer_user ON volunteers_volunteer (community_id, user_id)
  WHERE user_id IS NOT NULL;
-- the staff search by exact name or mobile
CREATE INDEX volunteers_volunteer_name ON volunteers_volunteer (community_id, name_index);
CREATE INDEX volunteers_volunteer_phone ON volunteers_volunteer (community_id, phone_index);
-- 星级志愿者: by cumulative confirmed minutes
CREATE INDEX volunteers_volunteer_hours ON volunteers_volunteer (community_id, minutes_total, id);
