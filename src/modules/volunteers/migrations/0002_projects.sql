-- 志愿服务项目: service projects with their shifts (班次), the volunteers'
-- sign-ups that become service records once checked in and out (or entered
-- afterwards, 补录), corrections of confirmed minutes, and the confirmed
-- minutes per volunteer and year kept in the transaction of each
-- confirmation or correction (the ranking reads them, never the records).

CREATE TABLE volunteers_project (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',     -- what to do
  place TEXT NOT NULL DEFAULT '',
  organizer TEXT NOT NULL DEFAULT '',       -- as written: 社区党委, 青年志愿者服务队
  org_id BIGINT,                            -- an organization (orgs module); no foreign key here
  leader_user_id BIGINT REFERENCES users (id),   -- 负责人: may check volunteers in and confirm hours
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'recruiting', 'ended', 'cancelled')),
  cancel_reason TEXT NOT NULL DEFAULT '',
  shifts INTEGER NOT NULL DEFAULT 0 CHECK (shifts >= 0),
  places_left INTEGER NOT NULL DEFAULT 0 CHECK (places_left >= 0),   -- over its shifts, kept with sign-ups
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id)
);
-- the public list (recruiting) and the staff list (all), newest first
CREATE INDEX volunteers_project_state ON volunteers_project (community_id, state, id);
-- the projects an account leads
CREATE INDEX volunteers_project_leader ON volunteers_project (leader_user_id, community_id, id);

CREATE TABLE volunteers_shift (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  project_id BIGINT NOT NULL,
  starts_at BIGINT NOT NULL,                -- Unix seconds; may end the next day (22:00–次日06:00)
  ends_at BIGINT NOT NULL,
  places INTEGER NOT NULL CHECK (places > 0),
  taken INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= places),
  created_at BIGINT NOT NULL,
  CHECK (ends_at > starts_at),
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, project_id) REFERENCES volunteers_project (community_id, id)
);
CREATE INDEX volunteers_shift_project ON volunteers_shift (community_id, project_id, starts_at, id);
CREATE INDEX volunteers_shift_start ON volunteers_shift (community_id, starts_at, id);

CREATE TABLE volunteers_record (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  project_id BIGINT NOT NULL,
  shift_id BIGINT,                          -- NULL: 补录 of a past service
  volunteer_id BIGINT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('signed', 'cancelled', 'backfill')),
  starts_at BIGINT NOT NULL,                -- the shift's, or the service's for 补录
  ends_at BIGINT NOT NULL,
  by_user BIGINT,                           -- staff who signed them up or entered it; NULL: themselves
  created_at BIGINT NOT NULL,
  cancelled_at BIGINT,
  token_hash TEXT,                          -- SHA-256 (hex) of the pass's random token; the token is never kept
  checkin_at BIGINT,
  checkin_by BIGINT,
  checkout_at BIGINT,
  checkout_by BIGINT,
  minutes INTEGER CHECK (minutes >= 0),     -- from check-in and check-out (capped), or entered for 补录
  confirmed_minutes INTEGER CHECK (confirmed_minutes >= 0),
  confirmed_by BIGINT,
  confirmed_at BIGINT,
  note TEXT NOT NULL DEFAULT '',            -- why it was entered afterwards (补录)
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, project_id) REFERENCES volunteers_project (community_id, id),
  FOREIGN KEY (community_id, volunteer_id) REFERENCES volunteers_volunteer (community_id, id)
);
-- one live sign-up per volunteer and shift
CREATE UNIQUE INDEX volunteers_record_once ON volunteers_record (community_id, shift_id, volunteer_id)
  WHERE state = 'signed';
CREATE INDEX volunteers_record_shift ON volunteers_record (community_id, shift_id, id);
-- a volunteer's records, newest first (their page, 我的志愿服务, certificates)
CREATE INDEX volunteers_record_volunteer ON volunteers_record (community_id, volunteer_id, starts_at, id);
CREATE UNIQUE INDEX volunteers_record_token ON volunteers_record (token_hash);
-- hours waiting for confirmation (the workbench card)
CREATE INDEX volunteers_record_pending ON volunteers_record (community_id, confirmed_at, checkout_at);

CREATE TABLE volunteers_correction (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  record_id BIGINT NOT NULL,
  old_minutes INTEGER NOT NULL,
  new_minutes INTEGER NOT NULL CHECK (new_minutes >= 0),
  reason TEXT NOT NULL,
  by_user BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, record_id) REFERENCES volunteers_record (community_id, id)
);
CREATE INDEX volunteers_correction_record ON volunteers_correction (community_id, record_id, id);

CREATE TABLE volunteers_year (
  community_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  volunteer_id BIGINT NOT NULL,
  minutes BIGINT NOT NULL DEFAULT 0 CHECK (minutes >= 0),
  records INTEGER NOT NULL DEFAULT 0 CHECK (records >= 0),
  PRIMARY KEY (community_id, year, volunteer_id)
);
-- 年度志愿服务时长排行
CREATE INDEX volunteers_year_rank ON volunteers_year (community_id, year, minutes, volunteer_id);
