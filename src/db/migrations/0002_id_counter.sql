-- Per-scope id counters (db_next_id): one row per community and kind of
-- row, incremented in the writer's transaction, so that concurrent writers
-- on PostgreSQL never pick the same id (reading the highest id and adding
-- one would give two of them the same).
CREATE TABLE id_counter (
  scope BIGINT NOT NULL,
  name TEXT NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (scope, name)
);
INSERT INTO id_counter (scope, name, last)
  SELECT community_id, 'committee_member', MAX(id) FROM committee_member GROUP BY community_id;
