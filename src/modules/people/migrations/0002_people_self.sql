-- 人员, the residents' side: an account asking to be linked to a resident
-- of the registry (self-registration), and a resident's request to correct
-- a field of their own record. Personal values are sealed (src/pii) beside
-- their masked projection, as in people_person.

-- 账号关联申请: made by self-registration. Linked at once when the name and
-- the ID number typed match a resident of the community with no account
-- (census check); else pending until staff link it to a resident or refuse.
CREATE TABLE people_link (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,                       -- as typed (staff search the registry by it)
  name_masked TEXT NOT NULL,
  phone_masked TEXT NOT NULL DEFAULT '',
  id_masked TEXT NOT NULL DEFAULT '',       -- '' when no ID number was given
  id_index @BLOB@,                          -- blind index ("people.id") of the 18-digit form
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'linked', 'refused')),
  person_id BIGINT,                         -- the resident linked to
  decided_by BIGINT REFERENCES users (id),  -- NULL when the census check linked it
  decided_at BIGINT,
  reason TEXT NOT NULL DEFAULT '',          -- why it was refused
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id)
);
CREATE INDEX people_link_state ON people_link (community_id, state, created_at, id);
CREATE INDEX people_link_user ON people_link (user_id, created_at);

-- 更正申请: a resident asks to correct one field of their own record; staff
-- apply it (the corrected record checked as at the desk) or refuse it.
CREATE TABLE people_correction (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id),
  field TEXT NOT NULL CHECK (field IN ('name', 'phone', 'address', 'tags', 'other')),
  value_sealed @BLOB@,                      -- the new value as typed
  value_masked TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',            -- the resident's explanation
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'refused')),
  decided_by BIGINT REFERENCES users (id),
  decided_at BIGINT,
  reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, person_id) REFERENCES people_person (community_id, id)
);
CREATE INDEX people_correction_state ON people_correction (community_id, state, created_at, id);
CREATE INDEX people_correction_person ON people_correction (community_id, person_id, created_at);
