-- A correction is not a new period's publication: it counts on the due
-- boards for the period of the post it corrects (a correction of
-- September's 财务收支 published in October is not October's statement).
-- counts_at is the time a published post counts for: its own publication,
-- or for a correction that of the first post of its chain. Set when a post
-- is published; here for every published post, then each item's last
-- publication is taken again from the valid (not withdrawn) posts.
ALTER TABLE disclosure_post ADD COLUMN counts_at BIGINT;
WITH RECURSIVE chain (community_id, id, root_at) AS (
  SELECT community_id, id, published_at FROM disclosure_post
  WHERE status = 'published' AND replaces_id IS NULL
  UNION ALL
  SELECT p.community_id, p.id, c.root_at FROM disclosure_post p
  JOIN chain c ON p.community_id = c.community_id AND p.replaces_id = c.id
  WHERE p.status = 'published')
UPDATE disclosure_post SET counts_at = (
  SELECT MIN(c.root_at) FROM chain c
  WHERE c.community_id = disclosure_post.community_id AND c.id = disclosure_post.id)
WHERE status = 'published';
UPDATE disclosure_post SET counts_at = published_at WHERE status = 'published' AND counts_at IS NULL;
UPDATE disclosure_item SET last_published_at = (
  SELECT MAX(p.counts_at) FROM disclosure_post p
  WHERE p.community_id = disclosure_item.community_id AND p.item_id = disclosure_item.id
    AND p.status = 'published' AND p.withdrawn_at IS NULL);
