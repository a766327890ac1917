-- 服务站点与热线: each community's service stations and convenience outlets,
-- their weekly opening hours, and the community's hotlines. Every table is
-- keyed by community_id first (the tenant, and the Citus distribution column).

CREATE TABLE services_station (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  kind TEXT NOT NULL,                      -- 社区服务站, 社会救助站, ... or a kind staff named
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',          -- the station's public number, never a personal mobile
  services TEXT NOT NULL DEFAULT '',       -- one service a line
  duty TEXT NOT NULL DEFAULT '',           -- staff on duty (a public officials' roster)
  duty_public INTEGER NOT NULL DEFAULT 1 CHECK (duty_public IN (0, 1)),
  holidays_open INTEGER NOT NULL DEFAULT 0 CHECK (holidays_open IN (0, 1)),
  -- 调休上班: a make-up working day keeps this weekday's hours (1 Monday ..
  -- 7 Sunday); 0: the station keeps the day's own hours.
  makeup_weekday INTEGER NOT NULL DEFAULT 1 CHECK (makeup_weekday BETWEEN 0 AND 7),
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  UNIQUE (community_id, name)
);

-- A station's opening periods: minutes after the weekday's midnight; a
-- period may close past 1440, the next morning (22:00-02:00 is 1320-1560).
CREATE TABLE services_hours (
  community_id BIGINT NOT NULL,
  station_id BIGINT NOT NULL,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  open_min INTEGER NOT NULL CHECK (open_min BETWEEN 0 AND 1439),
  close_min INTEGER NOT NULL,
  CHECK (close_min > open_min AND close_min <= open_min + 1440),
  PRIMARY KEY (community_id, station_id, weekday, open_min),
  FOREIGN KEY (community_id, station_id) REFERENCES services_station (community_id, id)
);

CREATE TABLE services_hotline (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('service', 'emergency', 'city', 'other')),
  name TEXT NOT NULL,
  number TEXT NOT NULL,
  hours TEXT NOT NULL DEFAULT '',          -- when it answers, as staff word it: 24小时, 工作日 8:30-17:30
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id)
);
