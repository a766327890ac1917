-- 志愿服务证明: certificates issued by staff for a volunteer over a period,
-- of confirmed records only, per 志愿服务记录与证明出具办法. A certificate keeps
-- a snapshot (the name as printed, sealed, with its masked projection; the
-- total hours and record count; each record's confirmed minutes at issue),
-- so that it says the same thing later whatever is corrected afterwards. Its
-- number (XFL-2026-000123) is unique in the community and checked online.

CREATE TABLE volunteers_certificate (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  number TEXT NOT NULL,
  volunteer_id BIGINT NOT NULL,
  name_sealed @BLOB@ NOT NULL,              -- the name as printed
  name_masked TEXT NOT NULL,
  minutes BIGINT NOT NULL CHECK (minutes >= 0),
  records INTEGER NOT NULL CHECK (records >= 0),
  period_from TEXT NOT NULL,                -- YYYY-MM-DD, China time, inclusive
  period_to TEXT NOT NULL,
  issuer TEXT NOT NULL,                     -- 幸福里社区居民委员会
  issued_by BIGINT,
  issued_at BIGINT NOT NULL,
  revoked_at BIGINT,
  revoke_reason TEXT NOT NULL DEFAULT '',
  revoked_by BIGINT,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, volunteer_id) REFERENCES volunteers_volunteer (community_id, id)
);
CREATE UNIQUE INDEX volunteers_certificate_number ON volunteers_certificate (community_id, number);
CREATE INDEX volunteers_certificate_volunteer ON volunteers_certificate (community_id, volunteer_id, id);

CREATE TABLE volunteers_certificate_record (
  community_id BIGINT NOT NULL,
  certificate_id BIGINT NOT NULL,
  record_id BIGINT NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes >= 0),   -- confirmed at issue
  PRIMARY KEY (community_id, certificate_id, record_id),
  FOREIGN KEY (community_id, certificate_id) REFERENCES volunteers_certificate (community_id, id),
  FOREIGN KEY (community_id, record_id) REFERENCES volunteers_record (community_id, id)
);
