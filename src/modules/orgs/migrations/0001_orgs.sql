-- 社区组织: a community's organizations (义务巡逻队, 老年人协会, 残疾人协会,
-- 文体艺术团, 志愿服务队 with its group, others) and their members. Keyed by
-- community_id first (the tenant). Dates are 'YYYY-MM-DD' text in China time.

CREATE TABLE orgs_org (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('patrol', 'elderly', 'disabled', 'arts', 'volunteer', 'other')),
  vgroup TEXT NOT NULL DEFAULT '' CHECK (vgroup IN ('', 'community', 'party', 'youth', 'women')), -- 志愿服务队 only
  name TEXT NOT NULL,
  purpose TEXT NOT NULL DEFAULT '',          -- what it does (public)
  founded_on TEXT NOT NULL DEFAULT '',       -- '' when not known
  meets TEXT NOT NULL DEFAULT '',            -- regular meeting time and place, in words (public)
  how_to_join TEXT NOT NULL DEFAULT '',      -- public
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'dissolved')),
  dissolved_on TEXT NOT NULL DEFAULT '',
  dissolve_reason TEXT NOT NULL DEFAULT '',
  -- counts kept with the data, changed in the transaction of each membership step under this row's lock
  members INTEGER NOT NULL DEFAULT 0 CHECK (members >= 0),  -- active members
  pending INTEGER NOT NULL DEFAULT 0 CHECK (pending >= 0),  -- applications waiting for a decision
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  UNIQUE (community_id, name)
);
-- the public list, by state then kind
CREATE INDEX orgs_org_state ON orgs_org (community_id, state, id);
CREATE INDEX orgs_org_kind ON orgs_org (community_id, state, kind, id);

-- A membership: an account (user_id) or a person registered at the desk
-- (user_id NULL, by_user the staff or leader who did). Name and mobile are
-- sealed (src/pii) beside their masks. Never deleted: leaving, removal and
-- refusal change its state and keep the dates.
CREATE TABLE orgs_member (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  org_id BIGINT NOT NULL,
  user_id BIGINT REFERENCES users (id),
  name_sealed @BLOB@,
  name_masked TEXT NOT NULL,
  mobile_sealed @BLOB@,
  mobile_masked TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('leader', 'deputy', 'member')),
  state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'refused', 'withdrawn', 'left', 'removed')),
  note TEXT NOT NULL DEFAULT '',             -- the applicant's note
  reason TEXT NOT NULL DEFAULT '',           -- why refused or removed
  by_user BIGINT,                            -- who registered them at the desk; NULL: they applied
  decided_by BIGINT,                         -- who approved, refused or removed
  applied_at BIGINT NOT NULL,
  joined_at BIGINT,
  left_at BIGINT,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, org_id) REFERENCES orgs_org (community_id, id)
);
-- one open membership (pending or active) per account and organization
CREATE UNIQUE INDEX orgs_member_once ON orgs_member (community_id, org_id, user_id)
  WHERE user_id IS NOT NULL AND state IN ('pending', 'active');
-- an organization's members and applications by state
CREATE INDEX orgs_member_org ON orgs_member (community_id, org_id, state, id);
-- 我的组织
CREATE INDEX orgs_member_user ON orgs_member (user_id, community_id, id);
