-- The public list of closed orders (/c/<slug>/workorders/closed) walks this
-- index newest first and stops at the page's end; only orders with a
-- closing time are on it.
CREATE INDEX workorders_order_closed_list ON workorders_order (community_id, closed_at, id);
