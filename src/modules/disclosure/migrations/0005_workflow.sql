-- The disclosure workflow.
--
-- A published post is shown as it was recorded: the title of its item,
-- whether the item carried a list and the list's public columns, as in
-- force at publication. NULL until a post is published; posts published
-- before this migration take their item's values as they stand now (the
-- values their records were last checked against).
ALTER TABLE disclosure_post ADD COLUMN item_title TEXT;
ALTER TABLE disclosure_post ADD COLUMN public_columns TEXT;
ALTER TABLE disclosure_post ADD COLUMN personal_data INTEGER;
UPDATE disclosure_post SET
  item_title = (SELECT i.title FROM disclosure_item i
                WHERE i.community_id = disclosure_post.community_id AND i.id = disclosure_post.item_id),
  public_columns = (SELECT i.public_columns FROM disclosure_item i
                    WHERE i.community_id = disclosure_post.community_id AND i.id = disclosure_post.item_id),
  personal_data = (SELECT i.personal_data FROM disclosure_item i
                   WHERE i.community_id = disclosure_post.community_id AND i.id = disclosure_post.item_id)
WHERE status = 'published';
