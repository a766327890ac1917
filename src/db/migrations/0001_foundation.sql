-- Foundation schema: org units, accounts, sessions, throttling, audit.
-- Times are Unix seconds (UTC). Portable between SQLite and PostgreSQL.

CREATE TABLE org_unit (
  id @ID@,
  parent_id BIGINT REFERENCES org_unit (id),
  kind TEXT NOT NULL CHECK (kind IN ('district', 'street', 'community', 'grid')),
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX org_unit_parent ON org_unit (parent_id);

-- The public face of a community: contact, hotline, office hours.
CREATE TABLE community_profile (
  community_id BIGINT PRIMARY KEY REFERENCES org_unit (id),
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  hotline TEXT NOT NULL DEFAULT '',
  office_hours TEXT NOT NULL DEFAULT '',
  intro TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);

-- Members of the two committees (两委): the Party branch and the residents' committee.
CREATE TABLE committee_member (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  committee TEXT NOT NULL CHECK (committee IN ('party', 'residents')),
  name TEXT NOT NULL,
  title TEXT NOT NULL,
  duty TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, id)
);

CREATE TABLE users (
  id @ID@,
  username TEXT UNIQUE,
  phone TEXT UNIQUE,
  display_name TEXT NOT NULL,
  pw_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  pw_changed_at BIGINT NOT NULL
);

-- A role held at an org unit; it reaches every unit below. org_unit_id NULL
-- only for system_admin, which holds everywhere.
CREATE TABLE role_grant (
  id @ID@,
  user_id BIGINT NOT NULL REFERENCES users (id),
  org_unit_id BIGINT REFERENCES org_unit (id),
  role TEXT NOT NULL CHECK (role IN ('resident', 'staff', 'supervisor', 'street_admin', 'district_admin', 'system_admin')),
  granted_at BIGINT NOT NULL,
  UNIQUE (user_id, org_unit_id, role)
);
CREATE INDEX role_grant_by_user ON role_grant (user_id);

-- Sessions: only the SHA-256 of the token is stored.
CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_by_user ON session (user_id);

-- Failed-login counters, keyed "user:<login>" or "ip:<address>".
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start BIGINT NOT NULL,
  locked_until BIGINT NOT NULL DEFAULT 0
);

-- Who did what to which record, when and from where; written in the same
-- transaction as the change it records.
CREATE TABLE audit_log (
  id @ID@,
  at BIGINT NOT NULL,
  user_id BIGINT,
  actor TEXT NOT NULL,
  org_unit_id BIGINT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL DEFAULT '',
  entity_id TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_unit ON audit_log (org_unit_id, at);

-- Deployment secrets made by `shequ init`: the CSRF key and the Ed25519 signing key.
CREATE TABLE deployment_secret (
  name TEXT PRIMARY KEY,
  value @BLOB@ NOT NULL,
  created_at BIGINT NOT NULL
);
