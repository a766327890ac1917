-- Roles are no longer a fixed list in the schema: modules add their own
-- (网格员, 志愿者队长 …) and the program checks names against what the
-- modules registered. Rebuilt without the CHECK (neither database can drop
-- it in place portably); ids are given afresh in the old order, since
-- nothing refers to a grant's id.
CREATE TABLE role_grant_new (
  id @ID@,
  user_id BIGINT NOT NULL REFERENCES users (id),
  org_unit_id BIGINT REFERENCES org_unit (id),
  role TEXT NOT NULL,
  granted_at BIGINT NOT NULL,
  UNIQUE (user_id, org_unit_id, role)
);
INSERT INTO role_grant_new (user_id, org_unit_id, role, granted_at)
  SELECT user_id, org_unit_id, role, granted_at FROM role_grant ORDER BY id;
DROP TABLE role_grant;
ALTER TABLE role_grant_new RENAME TO role_grant;
CREATE INDEX role_grant_by_user ON role_grant (user_id);
