-- 人员: the community's registry of buildings, rooms, households and
-- residents, with party members, training records, residents' own
-- corrections and who viewed their full data. Keyed by community_id first
-- (the tenant); per-community ids come from db_next_id.
--
-- Personal data (PIPL): the name is kept in the clear (staff search by it)
-- with its masked projection; the ID number, the mobile, the birth date and
-- every tag that may reveal health, disability, assistance or a record are
-- sealed at rest (src/pii: *_sealed, NULL when empty) beside their masked
-- projection (*_masked) and, for exact lookups, a keyed blind index
-- (*_index). Nothing sealed can be read or matched without the key file.

-- 楼栋: named as people write them ("5号楼", "幸福里12栋"); created by hand
-- or by an import that names them. grid: the 网格 the building belongs to.
CREATE TABLE people_building (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  name TEXT NOT NULL,
  sort_no BIGINT NOT NULL DEFAULT 0,        -- the name's first number, for 2号楼 before 10号楼
  grid TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  UNIQUE (community_id, name)
);
CREATE INDEX people_building_order ON people_building (community_id, sort_no, name);

-- 户 (a flat): a building's unit ('' when the building has none) and room.
CREATE TABLE people_room (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  building_id BIGINT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  room TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  UNIQUE (community_id, building_id, unit, room),
  FOREIGN KEY (community_id, building_id) REFERENCES people_building (community_id, id)
);

-- 家庭户: the people living together at a room; a room may hold several
-- (rented rooms). head_id: the 户主 among its members, when known.
CREATE TABLE people_household (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  room_id BIGINT NOT NULL,
  label TEXT NOT NULL DEFAULT '',           -- 户号 from the file or the desk, '' when none
  head_id BIGINT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id),
  UNIQUE (community_id, room_id, label),
  FOREIGN KEY (community_id, room_id) REFERENCES people_room (community_id, id)
);

CREATE TABLE people_person (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  household_id BIGINT,
  building_id BIGINT,                       -- the household's, kept for the building filter
  relation TEXT NOT NULL DEFAULT '',        -- 与户主关系: 户主, 配偶, 子, 女 … as written
  name TEXT NOT NULL,
  name_masked TEXT NOT NULL,                -- pii_mask_name
  name_key @BLOB@ NOT NULL,                 -- ICU zh collation key: lists in pinyin order
  pinyin TEXT NOT NULL DEFAULT '',          -- zhangsanfeng
  initials TEXT NOT NULL DEFAULT '',        -- zsf
  gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'm', 'f')),
  birth_year INTEGER,                       -- in the clear for age groups (60 岁以上); the date is sealed
  birth_sealed @BLOB@,                      -- YYYY-MM-DD
  id_sealed @BLOB@,                         -- 公民身份号码, upper-case X
  id_masked TEXT NOT NULL DEFAULT '',
  id_index @BLOB@,                          -- blind index ("people.id") of the 18-digit form
  phone_sealed @BLOB@,
  phone_masked TEXT NOT NULL DEFAULT '',
  phone_index @BLOB@,                       -- blind index ("people.phone") of the 11 digits
  tags TEXT NOT NULL DEFAULT '',            -- the tags that reveal nothing sensitive, '、'-separated
  tags_sealed @BLOB@,                       -- the sensitive ones, '、'-separated
  tags_hidden INTEGER NOT NULL DEFAULT 0,   -- how many are sealed (the page says "另有 2 项敏感标签")
  note_sealed @BLOB@,
  status TEXT NOT NULL DEFAULT 'living' CHECK (status IN ('living', 'moved_out', 'deceased')),
  left_on TEXT,                             -- YYYY-MM-DD moved out or died
  erase_after BIGINT,                       -- personal fields erased after (retention), Unix seconds
  erased_at BIGINT,
  user_id BIGINT REFERENCES users (id),     -- the resident's own account, once linked
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES users (id),
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, id)
)@WITHOUT_ROWID@;
-- The list, in pinyin order, by status (also the name prefix search: a
-- range of collation keys); the building filter; pinyin and initials
-- prefixes; exact ID and mobile through their blind indexes.
CREATE INDEX people_person_order ON people_person (community_id, status, name_key, id);
CREATE INDEX people_person_building ON people_person (community_id, building_id, status, name_key, id);
CREATE INDEX people_person_household ON people_person (community_id, household_id) WHERE household_id IS NOT NULL;
CREATE INDEX people_person_pinyin ON people_person (community_id, pinyin);
CREATE INDEX people_person_initials ON people_person (community_id, initials, pinyin);
CREATE UNIQUE INDEX people_person_id_index ON people_person (community_id, id_index);
CREATE INDEX people_person_phone_index ON people_person (community_id, phone_index) WHERE phone_index IS NOT NULL;
CREATE INDEX people_person_user ON people_person (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX people_person_erase ON people_person (erase_after) WHERE erase_after IS NOT NULL;

-- One row per tag a person has, for the tag filter: the tag itself when it
-- reveals nothing sensitive, else "#" and the hex of its blind index
-- ("people.tag"), so that the table alone never tells who is 低保户.
-- Rewritten with the person's row (people_person_update), so name_key
-- follows the name.
CREATE TABLE people_tag (
  community_id BIGINT NOT NULL,
  tag TEXT NOT NULL,
  name_key @BLOB@ NOT NULL,                 -- the person's, so that a tag's list walks in pinyin order
  person_id BIGINT NOT NULL,
  PRIMARY KEY (community_id, tag, name_key, person_id),
  FOREIGN KEY (community_id, person_id) REFERENCES people_person (community_id, id)
)@WITHOUT_ROWID@;
CREATE INDEX people_tag_person ON people_tag (community_id, person_id);

-- 党员: a resident's party membership.
CREATE TABLE people_party_member (
  community_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  branch TEXT NOT NULL DEFAULT '',          -- 党支部
  joined_on TEXT NOT NULL DEFAULT '',       -- 入党时间 YYYY-MM-DD
  status TEXT NOT NULL DEFAULT 'full' CHECK (status IN ('full', 'probationary', 'transferred_out')),
  transfer_in_on TEXT NOT NULL DEFAULT '',
  transfer_in_from TEXT NOT NULL DEFAULT '',
  transfer_out_on TEXT NOT NULL DEFAULT '',
  transfer_out_to TEXT NOT NULL DEFAULT '',
  dues_base_fen BIGINT NOT NULL DEFAULT 0,  -- 党费 monthly base or amount, integer fen
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (community_id, person_id),
  FOREIGN KEY (community_id, person_id) REFERENCES people_person (community_id, id)
);
CREATE INDEX people_party_branch ON people_party_member (community_id, status, branch);

-- 培训记录 of cadres and staff: 岗前培训, 专业培训, 学历进修.
CREATE TABLE people_training (
  community_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pre_job', 'professional', 'education')),
  course TEXT NOT NULL,
  hours_tenths INTEGER NOT NULL DEFAULT 0 CHECK (hours_tenths BETWEEN 0 AND 100000),
  taken_on TEXT NOT NULL,
  certificate TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES users (id),
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, person_id) REFERENCES people_person (community_id, id)
);
CREATE INDEX people_training_person ON people_training (community_id, person_id, taken_on);

-- Who saw a resident's full data, and why: written in the transaction of
-- the audited full view, read by the resident on their own page.
CREATE TABLE people_view (
  community_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  at BIGINT NOT NULL,
  user_id BIGINT REFERENCES users (id),
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  FOREIGN KEY (community_id, person_id) REFERENCES people_person (community_id, id)
);
CREATE INDEX people_view_person ON people_view (community_id, person_id, at);

-- A file being imported: checked (dry run) and kept sealed until staff
-- import it or drop it, so that what is written is exactly what was checked.
CREATE TABLE people_import (
  community_id BIGINT NOT NULL REFERENCES org_unit (id),
  id BIGINT NOT NULL,
  filename TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  file_sealed @BLOB@,                       -- NULL once imported or dropped
  mapping TEXT NOT NULL DEFAULT '',         -- column choices made on the mapping step
  state TEXT NOT NULL DEFAULT 'checked' CHECK (state IN ('checked', 'imported', 'dropped')),
  rows_total INTEGER NOT NULL DEFAULT 0,
  rows_bad INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  done_at BIGINT,
  PRIMARY KEY (community_id, id)
);
CREATE INDEX people_import_recent ON people_import (community_id, created_at);

-- Per community: how long personal fields of those who left are kept.
CREATE TABLE people_setting (
  community_id BIGINT NOT NULL PRIMARY KEY REFERENCES org_unit (id),
  retention_days INTEGER NOT NULL DEFAULT 1095 CHECK (retention_days BETWEEN 30 AND 36500),
  updated_at BIGINT NOT NULL
);
