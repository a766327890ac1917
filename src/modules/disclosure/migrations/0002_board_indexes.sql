-- The board pages at 10,000 posts a community (bench/board): the newest
-- posts by an index walk, the latest publication of each catalogue item by
-- an index seek, and the correction of a post without scanning.
DROP INDEX disclosure_post_board;
DROP INDEX disclosure_post_item;
CREATE INDEX disclosure_post_board ON disclosure_post (community_id, status, published_at, id);
CREATE INDEX disclosure_post_item ON disclosure_post (community_id, item_id, status, published_at, id);
CREATE INDEX disclosure_post_replaces ON disclosure_post (community_id, replaces_id, status, id);
CREATE INDEX disclosure_thread_open ON disclosure_thread (community_id, answered_at);
