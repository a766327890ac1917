-- An activity held in one of the community's facilities: the facility
-- chosen (NULL: elsewhere, the place as typed), and the booking that holds
-- it while the activity is published (NULL for a draft, a cancelled
-- activity, or none chosen). No foreign key: the facilities module's tables
-- come after this module's in the migration order.
ALTER TABLE activities_activity ADD COLUMN facility_id BIGINT;
ALTER TABLE activities_activity ADD COLUMN booking_id BIGINT;
