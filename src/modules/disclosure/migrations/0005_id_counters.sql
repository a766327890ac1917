-- Ids of catalogue items, posts and threads now come from id_counter
-- (db_next_id); start each community's counters past the ids in use.
INSERT INTO id_counter (scope, name, last)
  SELECT community_id, 'disclosure_item', MAX(id) FROM disclosure_item GROUP BY community_id;
INSERT INTO id_counter (scope, name, last)
  SELECT community_id, 'disclosure_post', MAX(id) FROM disclosure_post GROUP BY community_id;
INSERT INTO id_counter (scope, name, last)
  SELECT community_id, 'disclosure_thread', MAX(id) FROM disclosure_thread GROUP BY community_id;
