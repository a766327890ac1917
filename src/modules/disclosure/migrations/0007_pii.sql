-- Personal fields sealed at rest (src/pii): each field's secretbox under the
-- key file beside the database (NULL when the field is empty), and its masked
-- projection, computed when the row is written and the only form the public
-- pages and the public record read. SQL cannot seal: the C step of this
-- migration (disclosure_migrated in disclosure_pii_migrate.c) seals the rows
-- already here and then drops the clear-text columns name, id_number, phone,
-- address, note (recipients) and body, contact_phone (threads).
ALTER TABLE disclosure_recipient ADD COLUMN name_sealed @BLOB@;
ALTER TABLE disclosure_recipient ADD COLUMN id_sealed @BLOB@;
ALTER TABLE disclosure_recipient ADD COLUMN phone_sealed @BLOB@;
ALTER TABLE disclosure_recipient ADD COLUMN address_sealed @BLOB@;
ALTER TABLE disclosure_recipient ADD COLUMN note_sealed @BLOB@;
ALTER TABLE disclosure_recipient ADD COLUMN name_masked TEXT NOT NULL DEFAULT '';
ALTER TABLE disclosure_recipient ADD COLUMN id_masked TEXT NOT NULL DEFAULT '';
ALTER TABLE disclosure_recipient ADD COLUMN phone_masked TEXT NOT NULL DEFAULT '';
ALTER TABLE disclosure_recipient ADD COLUMN address_masked TEXT NOT NULL DEFAULT '';
ALTER TABLE disclosure_recipient ADD COLUMN note_masked TEXT NOT NULL DEFAULT '';
ALTER TABLE disclosure_thread ADD COLUMN body_sealed @BLOB@;
ALTER TABLE disclosure_thread ADD COLUMN body_masked TEXT NOT NULL DEFAULT '';
ALTER TABLE disclosure_thread ADD COLUMN contact_sealed @BLOB@;
ALTER TABLE disclosure_thread ADD COLUMN contact_masked TEXT NOT NULL DEFAULT '';
ALTER TABLE disclosure_thread ADD COLUMN answer_masked TEXT;
