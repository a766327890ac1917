-- A booking that holds a room for a community activity (facilities_hold,
-- made by the activities module): the activity's id; NULL for a booking by a
-- resident, an organization or the desk.
ALTER TABLE facilities_booking ADD COLUMN activity_id BIGINT;
