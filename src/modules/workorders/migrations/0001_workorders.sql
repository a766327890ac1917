-- 来信来访与服务热线: every contact with the community becomes a work order
-- with a timeline and legal deadlines. Keyed by community_id first (the
-- tenant). Personal fields are sealed at rest (src/pii: *_sealed, NULL when
-- empty) beside their masked projection (*_masked), computed when the row is
-- written: the only form public pages and Open311 read.

-- Deadline rules per community and type (kind); a type with no row uses the
-- built-in defaults (workorders_rule_default). 0 means "no such limit".
CREATE TABLE workorders_rule (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  kind TEXT NOT NULL,
  accept_days INTEGER NOT NULL DEFAULT 0 CHECK (accept_days BETWEEN 0 AND 365),
  respond_hours INTEGER NOT NULL DEFAULT 0 CHECK (respond_hours BETWEEN 0 AND 8760),
  finish_days INTEGER NOT NULL DEFAULT 0 CHECK (finish_days BETWEEN 0 AND 365),
  -- finish_days counted from acceptance (1, 信访) or from receipt (0)
  finish_from_accept INTEGER NOT NULL DEFAULT 0 CHECK (finish_from_accept IN (0, 1)),
  working_days INTEGER NOT NULL DEFAULT 0 CHECK (working_days IN (0, 1)),
  extension_max_days INTEGER NOT NULL DEFAULT 0 CHECK (extension_max_days BETWEEN 0 AND 365),
  updated_at BIGINT NOT NULL,
  updated_by BIGINT,
  PRIMARY KEY (community_id, kind)
);

CREATE TABLE workorders_order (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,                       -- db_next_id(community, 'workorders_order'): the 工单号
  tracking_code TEXT NOT NULL UNIQUE,       -- shown to the requester; the Open311 token
  channel TEXT NOT NULL,                    -- visit letter hotline emergency web dispatch mediation
  kind TEXT NOT NULL,                       -- petition request complaint suggestion inquiry mediation emergency
  state TEXT NOT NULL DEFAULT 'received',   -- received accepted rejected assigned in_progress replied closed merged transferred
  subject TEXT NOT NULL,                    -- as typed (staff pages)
  subject_masked TEXT NOT NULL,             -- numbers masked (public pages, Open311)
  description_sealed @BLOB@,
  description_masked TEXT NOT NULL DEFAULT '',
  address_sealed @BLOB@,
  address_masked TEXT NOT NULL DEFAULT '',  -- up to the building (pii_mask_address)
  lat_e6 BIGINT,                            -- optional map point, millionths of a degree
  lon_e6 BIGINT,
  anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
  requester_user_id BIGINT REFERENCES users (id),
  requester_name_sealed @BLOB@,
  requester_name_masked TEXT NOT NULL DEFAULT '',
  requester_phone_sealed @BLOB@,
  requester_phone_masked TEXT NOT NULL DEFAULT '',
  requester_phone_index @BLOB@,             -- blind index of the normalised mobile
  attributes TEXT NOT NULL DEFAULT '',      -- Open311 attributes, JSON object
  api_client_id BIGINT,                     -- workorders_api_client that posted it (Open311)
  received_by BIGINT REFERENCES users (id), -- staff who recorded it at the desk; NULL: filed by the requester
  received_at BIGINT NOT NULL,
  accept_due BIGINT,                        -- deadlines, Unix seconds; NULL: no such limit
  respond_due BIGINT,
  finish_due BIGINT,
  responded_at BIGINT,                      -- first staff action after receipt
  accepted_at BIGINT,
  assigned_at BIGINT,
  replied_at BIGINT,
  closed_at BIGINT,
  assignee_user_id BIGINT REFERENCES users (id),
  assignee_unit TEXT NOT NULL DEFAULT '',   -- a resident unit (驻区单位) by name
  reject_reason TEXT NOT NULL DEFAULT '',
  reply_sealed @BLOB@,                      -- the answer to the requester
  reply_masked TEXT NOT NULL DEFAULT '',
  resolved INTEGER CHECK (resolved IN (0, 1)), -- set with the reply
  extension_state TEXT NOT NULL DEFAULT '', -- '' requested approved refused
  extension_days INTEGER NOT NULL DEFAULT 0,
  extension_reason TEXT NOT NULL DEFAULT '',
  extension_by BIGINT REFERENCES users (id),
  extension_decided_by BIGINT REFERENCES users (id),
  reopened INTEGER NOT NULL DEFAULT 0 CHECK (reopened IN (0, 1)),
  rating TEXT,                              -- satisfied basic unsatisfied
  rating_comment_sealed @BLOB@,
  rating_comment_masked TEXT NOT NULL DEFAULT '',
  rated_at BIGINT,
  merged_into BIGINT,                       -- id of the order it duplicates (same community)
  transferred_to_community BIGINT REFERENCES org_unit (id),
  transferred_to_order BIGINT,
  transferred_from_community BIGINT REFERENCES org_unit (id),
  transferred_from_order BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id)
);
CREATE INDEX workorders_order_received ON workorders_order (community_id, received_at, id);
CREATE INDEX workorders_order_state ON workorders_order (community_id, state, received_at);
CREATE INDEX workorders_order_closed ON workorders_order (community_id, closed_at);
CREATE INDEX workorders_order_assignee ON workorders_order (assignee_user_id, state);
CREATE INDEX workorders_order_requester ON workorders_order (requester_user_id, received_at);
CREATE INDEX workorders_order_phone ON workorders_order (requester_phone_index);
-- The reminder job's walks over open orders by deadline, across communities
-- (workorders_remind.c: its queries repeat this WHERE word for word).
CREATE INDEX workorders_order_accept_due ON workorders_order (accept_due)
  WHERE state IN ('received', 'accepted', 'assigned', 'in_progress');
CREATE INDEX workorders_order_respond_due ON workorders_order (respond_due)
  WHERE state IN ('received', 'accepted', 'assigned', 'in_progress');
CREATE INDEX workorders_order_finish_due ON workorders_order (finish_due)
  WHERE state IN ('received', 'accepted', 'assigned', 'in_progress');

-- The timeline: every step, who, when, what; public notes are told to the
-- requester, internal ones only to staff.
CREATE TABLE workorders_event (
  community_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  id BIGINT NOT NULL,                       -- db_next_id(community, 'workorders_event')
  at BIGINT NOT NULL,
  actor_user_id BIGINT REFERENCES users (id),
  actor TEXT NOT NULL DEFAULT '',           -- shown: 王建国(社区工作人员), 来电人, 某 Open311 客户端
  action TEXT NOT NULL,                     -- receive accept reject assign start reply close reopen rate transfer merge extend_ask extend_approve extend_refuse note remind mediation
  public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
  note_sealed @BLOB@,
  note_masked TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, order_id) REFERENCES workorders_order (community_id, id)
);
CREATE INDEX workorders_event_order ON workorders_event (community_id, order_id, at);

CREATE TABLE workorders_file (
  community_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  id BIGINT NOT NULL,                       -- db_next_id(community, 'workorders_file')
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data @BLOB@ NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, order_id) REFERENCES workorders_order (community_id, id)
);
CREATE INDEX workorders_file_order ON workorders_file (community_id, order_id);

-- 人民调解: the parties, the mediator, the outcome.
CREATE TABLE workorders_mediation (
  community_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  parties_sealed @BLOB@,
  parties_masked TEXT NOT NULL DEFAULT '',
  mediator TEXT NOT NULL DEFAULT '',        -- the 人民调解员's name (a public role)
  outcome TEXT NOT NULL DEFAULT 'pending',  -- pending agreed failed
  agreement_sealed @BLOB@,
  concluded_at BIGINT,
  PRIMARY KEY (community_id, order_id),
  FOREIGN KEY (community_id, order_id) REFERENCES workorders_order (community_id, id)
);

CREATE TABLE workorders_session (
  community_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  id BIGINT NOT NULL,                       -- db_next_id(community, 'workorders_session')
  at BIGINT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  note_sealed @BLOB@,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, order_id) REFERENCES workorders_mediation (community_id, order_id)
);
CREATE INDEX workorders_session_order ON workorders_session (community_id, order_id, at);

-- Reminders the background job recorded as deadlines came near or passed;
-- one of each kind per order.
CREATE TABLE workorders_reminder (
  community_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL,
  what TEXT NOT NULL,                       -- accept_soon accept_overdue respond_overdue finish_soon finish_overdue
  due_at BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, order_id, what),
  FOREIGN KEY (community_id, order_id) REFERENCES workorders_order (community_id, id)
);

-- Open311 clients: a key each, issued by an admin; only its SHA-256 is kept.
CREATE TABLE workorders_api_client (
  id @ID@,
  name TEXT NOT NULL UNIQUE,
  key_hash TEXT NOT NULL UNIQUE,            -- hex SHA-256 of the key
  key_hint TEXT NOT NULL,                   -- the key's first characters, to tell keys apart
  created_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  disabled_at BIGINT
);
