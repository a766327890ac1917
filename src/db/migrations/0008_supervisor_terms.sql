-- Supervisors' (监督员) appointments at a community: when appointed, until
-- when (the term), and when and why an appointment ended. The active ones
-- hold the supervisor role grant; ended ones stay as history. Dates are
-- text YYYY-MM-DD (China time), as people state them.
CREATE TABLE supervisor_term (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id),
  appointed_on TEXT NOT NULL,
  term_end TEXT NOT NULL,
  ended_on TEXT,
  end_reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  ended_at BIGINT,
  PRIMARY KEY (community_id, id)
);
CREATE INDEX supervisor_term_by_user ON supervisor_term (community_id, user_id);

-- The two committees' members get their term of office.
ALTER TABLE committee_member ADD COLUMN term_start TEXT NOT NULL DEFAULT '';
ALTER TABLE committee_member ADD COLUMN term_end TEXT NOT NULL DEFAULT '';
