-- Finding the correction of a post (the board and post pages ask for every
-- post shown) must not scan the community's posts.
CREATE INDEX disclosure_post_replaces ON disclosure_post (community_id, replaces_id);
CREATE INDEX disclosure_thread_open ON disclosure_thread (community_id, answered_at);
