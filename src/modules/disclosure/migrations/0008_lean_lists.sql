-- What lists show is kept with the rows they read, set in the transaction
-- of the write that changes it, so that a list is one index walk with no
-- lookup per row:
-- * each item's last publication (the catalogue, the due board, the
--   street's due overview), set when a post of the item is published;
-- * on a published post, which post corrects it and when it was withdrawn
--   (the board), set when the correction is published and when the
--   withdrawal is recorded. These two are markers for lists only: the post's
--   content is never changed, and the post's own page still reads the
--   withdrawal and the correction from their records.
ALTER TABLE disclosure_item ADD COLUMN last_published_at BIGINT;
UPDATE disclosure_item SET last_published_at = (
  SELECT MAX(p.published_at) FROM disclosure_post p
  WHERE p.community_id = disclosure_item.community_id AND p.item_id = disclosure_item.id AND p.status = 'published');
ALTER TABLE disclosure_post ADD COLUMN corrected_by BIGINT;
ALTER TABLE disclosure_post ADD COLUMN withdrawn_at BIGINT;
UPDATE disclosure_post SET corrected_by = (
  SELECT MIN(c.id) FROM disclosure_post c
  WHERE c.community_id = disclosure_post.community_id AND c.replaces_id = disclosure_post.id AND c.status = 'published');
UPDATE disclosure_post SET withdrawn_at = (
  SELECT w.withdrawn_at FROM disclosure_withdrawal w
  WHERE w.community_id = disclosure_post.community_id AND w.post_id = disclosure_post.id);
-- The catalogue in its order, for every list of items (no sort per page).
CREATE INDEX disclosure_item_order ON disclosure_item (community_id, sort_order, id);
