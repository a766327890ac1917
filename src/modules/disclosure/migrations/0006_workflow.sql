-- The disclosure workflow.
--
-- A published post is shown as it was recorded: the title of its item,
-- whether the item carried a list and the list's public columns, as in
-- force at publication. NULL until a post is published; posts published
-- before this migration take their item's values as they stand now (the
-- values their records were last checked against).
ALTER TABLE disclosure_post ADD COLUMN item_title TEXT;
ALTER TABLE disclosure_post ADD COLUMN public_columns TEXT;
ALTER TABLE disclosure_post ADD COLUMN personal_data INTEGER;
UPDATE disclosure_post SET
  item_title = (SELECT i.title FROM disclosure_item i
                WHERE i.community_id = disclosure_post.community_id AND i.id = disclosure_post.item_id),
  public_columns = (SELECT i.public_columns FROM disclosure_item i
                    WHERE i.community_id = disclosure_post.community_id AND i.id = disclosure_post.item_id),
  personal_data = (SELECT i.personal_data FROM disclosure_item i
                   WHERE i.community_id = disclosure_post.community_id AND i.id = disclosure_post.item_id)
WHERE status = 'published';

-- Board settings. Switching the two-person rule off is requested by one
-- staff member and takes effect when a second person approves; at most one
-- request is pending in a community. Every change made enters the
-- community's public log; the rows below are what `shequ verify` checks the
-- records against.
ALTER TABLE disclosure_settings ADD COLUMN review_objections INTEGER NOT NULL DEFAULT 0;
CREATE TABLE disclosure_setting_request (
  community_id BIGINT PRIMARY KEY REFERENCES org_unit (id),
  setting TEXT NOT NULL CHECK (setting IN ('two_person', 'review_objections')),
  value INTEGER NOT NULL,
  reason TEXT NOT NULL,
  requested_by BIGINT NOT NULL REFERENCES users (id),
  requested_role TEXT NOT NULL,
  requested_at BIGINT NOT NULL
);
CREATE TABLE disclosure_setting_change (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  leaf_index BIGINT NOT NULL,
  setting TEXT NOT NULL CHECK (setting IN ('two_person', 'review_objections')),
  value INTEGER NOT NULL,
  reason TEXT NOT NULL,
  requested_by BIGINT NOT NULL REFERENCES users (id),
  requested_role TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  approved_by BIGINT REFERENCES users (id),
  approved_role TEXT NOT NULL DEFAULT '',
  changed_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, leaf_index)
);

-- Withdrawals follow the two-person rule: one staff member asks (with the
-- public reason), another carries it out. A withdrawal during a 公示 period
-- also ends it: no more objections (said in its record).
CREATE TABLE disclosure_withdraw_request (
  community_id BIGINT NOT NULL,
  post_id BIGINT NOT NULL,
  reason TEXT NOT NULL,
  requested_by BIGINT NOT NULL REFERENCES users (id),
  requested_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, post_id),
  FOREIGN KEY (community_id, post_id) REFERENCES disclosure_post (community_id, id)
);
ALTER TABLE disclosure_withdrawal ADD COLUMN requested_by BIGINT REFERENCES users (id);
ALTER TABLE disclosure_withdrawal ADD COLUMN closes_objections INTEGER NOT NULL DEFAULT 0;

-- Objections: 'shown' at once, or, where the community reviews them first,
-- 'held' until staff show them or reject them as spam or abuse ('rejected':
-- kept and counted on the post's page, never shown). Review is off by
-- default (review_objections above): an objection is a resident's remedy
-- against the very staff who would review it, so it shows at once unless a
-- community switches review on, which is itself a public record.
ALTER TABLE disclosure_thread ADD COLUMN status TEXT NOT NULL DEFAULT 'shown'
  CHECK (status IN ('shown', 'held', 'rejected'));
ALTER TABLE disclosure_thread ADD COLUMN reviewed_by BIGINT REFERENCES users (id);
ALTER TABLE disclosure_thread ADD COLUMN reviewed_at BIGINT;
ALTER TABLE disclosure_thread ADD COLUMN review_note TEXT;

-- Objections accepted per client address and per phone (or account) in the
-- current window; one upsert counts each, so concurrent servers lose none.
-- Keys are keyed hashes: no phone number or address is kept here.
CREATE TABLE disclosure_objection_limit (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  key TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (community_id, key)
);
