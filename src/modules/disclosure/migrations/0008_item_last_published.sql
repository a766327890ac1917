-- Each item's last publication, kept with the item and set in the
-- transaction that publishes (disclosure_publish), so that the catalogue,
-- the due board and the street's due overview read it from the item's row
-- instead of looking it up among the item's posts.
ALTER TABLE disclosure_item ADD COLUMN last_published_at BIGINT;
UPDATE disclosure_item SET last_published_at = (
  SELECT MAX(p.published_at) FROM disclosure_post p
  WHERE p.community_id = disclosure_item.community_id AND p.item_id = disclosure_item.id AND p.status = 'published');
