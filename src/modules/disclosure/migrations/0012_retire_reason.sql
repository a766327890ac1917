-- Retiring a catalogue item says why (shown to staff beside the item, and
-- in the audit log); restoring it clears both.
ALTER TABLE disclosure_item ADD COLUMN retire_reason TEXT;
