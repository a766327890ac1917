-- 好人好事: stories of good deeds written by staff, with up to 6 photos,
-- draft → published → withdrawn (with a reason). The person or group
-- praised is sealed (src/pii); person_shown is what public pages show:
-- the name when the person agreed to it being published, else its mask.

CREATE TABLE orgs_story (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  title TEXT NOT NULL,
  told_on TEXT NOT NULL,                     -- the day of the deed, 'YYYY-MM-DD'
  body TEXT NOT NULL,
  person_sealed @BLOB@,
  person_shown TEXT NOT NULL,
  consent INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),  -- 本人同意公开姓名
  org_id BIGINT,                             -- the organization it is about, if any
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'withdrawn')),
  withdraw_reason TEXT NOT NULL DEFAULT '',
  published_at BIGINT,
  photos INTEGER NOT NULL DEFAULT 0 CHECK (photos BETWEEN 0 AND 6), -- kept with the photo rows
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_by BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, org_id) REFERENCES orgs_org (community_id, id)
);
-- the public list, newest first
CREATE INDEX orgs_story_published ON orgs_story (community_id, state, published_at, id);

CREATE TABLE orgs_story_photo (
  community_id BIGINT NOT NULL,
  story_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
  size BIGINT NOT NULL,
  data @BLOB@ NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, story_id) REFERENCES orgs_story (community_id, id)
);
CREATE INDEX orgs_story_photo_story ON orgs_story_photo (community_id, story_id, id);
