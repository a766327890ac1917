-- The data version: one number that changes in the same transaction as
-- every write to the data that pages are built from, so that a rendered
-- page kept in memory can be checked as still true with one read, by every
-- server process. The triggers that bump it are installed on each table
-- after the migrations (src/db/data_version.c), so that tables added later
-- by any module get them too.
CREATE TABLE data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  v BIGINT NOT NULL
);
INSERT INTO data_version (id, v) VALUES (1, 1);
