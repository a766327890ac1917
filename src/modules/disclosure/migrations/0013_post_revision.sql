-- A post's revision: every edit of its content adds one, so that a reviewer
-- publishes exactly the version they read (the publish form carries it).
ALTER TABLE disclosure_post ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
