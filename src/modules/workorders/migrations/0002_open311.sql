-- Open311: what a client tells of the requester beyond the name and phone
-- that the order itself seals. Sealed at rest (src/pii); never answered by
-- the Open311 GETs, read only by staff.
CREATE TABLE workorders_open311_contact (
  community_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  email_sealed @BLOB@,
  device_id_sealed @BLOB@,
  account_id_sealed @BLOB@,
  PRIMARY KEY (community_id, order_id),
  FOREIGN KEY (community_id, order_id) REFERENCES workorders_order (community_id, id)
);

-- POSTs per client in the current minute (a fixed window): a client over
-- the limit waits for the next minute. No public page reads it.
CREATE TABLE workorders_api_rate (
  client_id BIGINT PRIMARY KEY REFERENCES workorders_api_client (id),
  window_start BIGINT NOT NULL,
  count INTEGER NOT NULL
);
