-- An item's last publication leaves out withdrawn posts: a post published
-- and then withdrawn (a duplicate, a mistake) does not make the item look
-- published on time on the due boards. Set again for every item.
UPDATE disclosure_item SET last_published_at = (
  SELECT MAX(p.published_at) FROM disclosure_post p
  WHERE p.community_id = disclosure_item.community_id AND p.item_id = disclosure_item.id
    AND p.status = 'published' AND p.withdrawn_at IS NULL);
