/* The registry's SQL: buildings, rooms and households made as named,
 * residents written with their sealed fields, blind indexes, pinyin and
 * collation key, and read back masked (lists, one resident, a household)
 * or opened (the audited full view). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/collate.h"
#include "core/pinyin.h"
#include "core/str.h"
#include "modules/people/people_internal.h"

/* ---- the address: buildings, rooms, households ---- */

/* The first run of digits in a building's name (幸福里12栋 → 12), so that
 * 2号楼 lists before 10号楼; 0 when it has none or it is too long. */
static int64_t sort_no(const char *name)
{
	const char *p = name;
	while (*p && (*p < '0' || *p > '9'))
		p++;
	int64_t v = 0;
	for (int k = 0; *p >= '0' && *p <= '9'; p++, k++) {
		if (k == 12)
			return 0;
		v = v * 10 + (*p - '0');
	}
	return v;
}

static struct db_query q_building_find =
    DB_QUERY("SELECT id FROM people_building WHERE community_id = ? AND name = ?");
static struct db_query q_building_add = DB_QUERY(
    "INSERT INTO people_building (community_id, id, name, sort_no, grid, created_at) VALUES (?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (community_id, name) DO NOTHING");
static struct db_query q_building_grid =
    DB_QUERY("UPDATE people_building SET grid = ? WHERE community_id = ? AND id = ? AND grid = ''");

/* Runs a find statement (bound) for one id: 0 with *id, 1 none, -1. */
static int find_id(struct db_stmt *st, int64_t *id)
{
	int rc = db_one_int(st, id);
	return rc == 0 ? 0 : rc == 1 ? 1 : -1;
}

int people_building_find(struct db *db, int64_t community_id, const char *name, int64_t *id)
{
	struct db_stmt *st = db_stmt(db, &q_building_find);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, name, -1);
	return find_id(st, id);
}

/* The buildings a bound statement reads (id, name, grid, residents) into
 * an arena array. 0 or -1. */
static int read_buildings(struct db_stmt *st, struct arena *a, struct people_building **out, size_t *n)
{
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? 2 * cap : 32;
			struct people_building *v = arena_alloc(a, ncap * sizeof *v);
			if (!v) {
				rc = DB_ERR;
				break;
			}
			if (*n)
				memcpy(v, *out, *n * sizeof *v);
			*out = v;
			cap = ncap;
		}
		struct people_building *b = &(*out)[(*n)++];
		b->id = db_col_int(st, 0);
		b->name = db_col_dup(st, 1, a);
		b->grid = db_col_dup(st, 2, a);
		b->residents = db_col_int(st, 3);
		if (!b->name || !b->grid) {
			rc = DB_ERR;
			break;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

int64_t people_building_number(const char *name)
{
	return sort_no(name);
}

static struct db_query q_buildings_numbered = DB_QUERY(
    "SELECT id, name, grid, 0 FROM people_building WHERE community_id = ? AND sort_no = ? ORDER BY name LIMIT ?");

int people_buildings_numbered(struct db *db, struct arena *a, int64_t community_id, int64_t number, size_t limit,
                              struct people_building **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, &q_buildings_numbered);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, number);
	db_bind_int(st, 3, (int64_t)limit);
	return read_buildings(st, a, out, n);
}

static struct db_query q_building_name =
    DB_QUERY("SELECT name FROM people_building WHERE community_id = ? AND id = ?");

int people_building_name(struct db *db, struct arena *a, int64_t community_id, int64_t id, const char **name)
{
	struct db_stmt *st = db_stmt(db, &q_building_name);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_one_text(st, a, name);
}

int people_building_ensure(struct db *db, int64_t community_id, const char *name, const char *grid, int64_t now,
                           int64_t *id, int *made)
{
	*made = 0;
	for (int round = 0; round < 2; round++) {
		struct db_stmt *st = db_stmt(db, &q_building_find);
		if (!st)
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_text(st, 2, name, -1);
		int rc = find_id(st, id);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			if (grid && *grid && !*made) {
				/* a grid named for a building that had none */
				if (!(st = db_stmt(db, &q_building_grid)))
					return -1;
				db_bind_text(st, 1, grid, -1);
				db_bind_int(st, 2, community_id);
				db_bind_int(st, 3, *id);
				if (db_run(st) != DB_DONE)
					return -1;
			}
			return 0;
		}
		if (round)
			return -1;
		int64_t nid;
		if (db_next_id(db, community_id, "people_building", &nid) < 0 || !(st = db_stmt(db, &q_building_add)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, nid);
		db_bind_text(st, 3, name, -1);
		db_bind_int(st, 4, sort_no(name));
		db_bind_text(st, 5, grid ? grid : "", -1);
		db_bind_int(st, 6, now);
		int64_t changed;
		if (db_run_count(st, &changed) != DB_DONE)
			return -1;
		if (changed) {
			*id = nid;
			*made = 1;
			return 0;
		}
		/* another transaction made it meanwhile: read its id */
	}
	return -1;
}

static struct db_query q_room_find =
    DB_QUERY("SELECT id FROM people_room WHERE community_id = ? AND building_id = ? AND unit = ? AND room = ?");
static struct db_query q_room_add = DB_QUERY(
    "INSERT INTO people_room (community_id, id, building_id, unit, room, created_at) VALUES (?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (community_id, building_id, unit, room) DO NOTHING");

int people_room_ensure(struct db *db, int64_t community_id, int64_t building_id, const char *unit, const char *room,
                       int64_t now, struct db_id_block *ids, int64_t *id, int *made)
{
	int fresh = *made;
	*made = 0;
	for (int round = 0; round < 2; round++) {
		struct db_stmt *st;
		if (round == 0 && fresh)
			goto add; /* the caller knows it is not there: write it first */
		if (!(st = db_stmt(db, &q_room_find)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, building_id);
		db_bind_text(st, 3, unit, -1);
		db_bind_text(st, 4, room, -1);
		int rc = find_id(st, id);
		if (rc <= 0)
			return rc;
		if (round)
			return -1;
	add:;
		int64_t nid;
		if ((ids ? db_id_block_take(db, ids, &nid) : db_next_id(db, community_id, "people_room", &nid)) < 0 ||
		    !(st = db_stmt(db, &q_room_add)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, nid);
		db_bind_int(st, 3, building_id);
		db_bind_text(st, 4, unit, -1);
		db_bind_text(st, 5, room, -1);
		db_bind_int(st, 6, now);
		int64_t changed;
		if (db_run_count(st, &changed) != DB_DONE)
			return -1;
		if (changed) {
			*id = nid;
			*made = 1;
			return 0;
		}
	}
	return -1;
}

static struct db_query q_household_find =
    DB_QUERY("SELECT id FROM people_household WHERE community_id = ? AND room_id = ? AND label = ?");
static struct db_query q_household_add = DB_QUERY(
    "INSERT INTO people_household (community_id, id, room_id, label, created_at) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (community_id, room_id, label) DO NOTHING");

int people_household_ensure(struct db *db, int64_t community_id, int64_t room_id, const char *label, int64_t now,
                            struct db_id_block *ids, int64_t *id, int *made)
{
	int fresh = *made;
	*made = 0;
	for (int round = 0; round < 2; round++) {
		struct db_stmt *st;
		if (round == 0 && fresh)
			goto add;
		if (!(st = db_stmt(db, &q_household_find)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, room_id);
		db_bind_text(st, 3, label, -1);
		int rc = find_id(st, id);
		if (rc <= 0)
			return rc;
		if (round)
			return -1;
	add:;
		int64_t nid;
		if ((ids ? db_id_block_take(db, ids, &nid) : db_next_id(db, community_id, "people_household", &nid)) < 0 ||
		    !(st = db_stmt(db, &q_household_add)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, nid);
		db_bind_int(st, 3, room_id);
		db_bind_text(st, 4, label, -1);
		db_bind_int(st, 5, now);
		int64_t changed;
		if (db_run_count(st, &changed) != DB_DONE)
			return -1;
		if (changed) {
			*id = nid;
			*made = 1;
			return 0;
		}
	}
	return -1;
}

int people_address_ensure(struct db *db, int64_t community_id, const struct people_record *r, int64_t now,
                          struct people_address *out)
{
	memset(out, 0, sizeof *out);
	if (!*r->building)
		return 0;
	if (people_building_ensure(db, community_id, r->building, r->grid, now, &out->building_id,
	                           &out->made_building) < 0)
		return -1;
	if (!*r->room)
		return 0;
	out->made_room = out->made_building; /* a building just made has no rooms */
	if (people_room_ensure(db, community_id, out->building_id, r->unit, r->room, now, NULL, &out->room_id,
	                       &out->made_room) < 0)
		return -1;
	out->made_household = out->made_room;
	return people_household_ensure(db, community_id, out->room_id, r->household, now, NULL, &out->household_id,
	                               &out->made_household);
}

/* ---- writing a resident ---- */

/* The derived columns of a record: masked projections, blind indexes,
 * pinyin, collation key, tags split by sensitivity. */
/* Joins tags with 、 into the arena: the sensitive ones or the others. */
static const char *join_tags(struct arena *a, const struct people_record *r, int sensitive, int *count)
{
	size_t len = 1;
	*count = 0;
	for (int i = 0; i < r->ntags; i++)
		if (people_tag_sensitive(r->tags[i]) == sensitive)
			len += strlen(r->tags[i]) + 3;
	char *s = arena_alloc(a, len);
	if (!s)
		return NULL;
	*s = 0;
	for (int i = 0; i < r->ntags; i++)
		if (people_tag_sensitive(r->tags[i]) == sensitive) {
			if (*s)
				strcat(s, "、");
			strcat(s, r->tags[i]);
			(*count)++;
		}
	return s;
}

/* The tag as people_tag keeps it: itself, or "#" and the hex of its blind
 * index when sensitive. NULL when there is no key or the arena fails. */
static const char *tag_key(struct arena *a, const char *tag)
{
	if (!people_tag_sensitive(tag))
		return tag;
	unsigned char idx[PII_INDEX_BYTES];
	if (people_blind_index("people.tag", tag, idx) < 0)
		return NULL;
	char *s = arena_alloc(a, 2 * PII_INDEX_BYTES + 2);
	if (!s)
		return NULL;
	static const char hex[] = "0123456789abcdef";
	s[0] = '#';
	for (int i = 0; i < PII_INDEX_BYTES; i++) {
		s[1 + 2 * i] = hex[idx[i] >> 4];
		s[2 + 2 * i] = hex[idx[i] & 15];
	}
	s[1 + 2 * PII_INDEX_BYTES] = 0;
	return s;
}

const char *people_tag_key(struct arena *a, const char *tag)
{
	return tag_key(a, tag);
}

/* Seals s into *out (NULL, 0 when s is empty). 0 or -1. */
static int seal(struct arena *a, const char *s, struct people_sealed *out)
{
	out->p = NULL;
	out->n = 0;
	if (!*s)
		return 0;
	out->p = pii_seal_text(a, pii_key_current(), s, &out->n);
	return out->p ? 0 : -1;
}

int people_person_prepare(struct arena *a, const struct people_record *r, struct people_prepared *d)
{
	memset(d, 0, sizeof *d);
	if (!pii_key_current())
		return -1;
	d->name_masked = pii_mask_name(a, r->name);
	d->id_masked = pii_mask_id(a, r->id_number);
	d->phone_masked = pii_mask_phone(a, r->phone);
	d->key = collate_zh_key(a, r->name, &d->nkey);
	int clear_n;
	const char *tags_sealed = join_tags(a, r, 1, &d->tags_hidden);
	d->tags_clear = join_tags(a, r, 0, &clear_n);
	d->tag_keys = arena_alloc(a, ((size_t)r->ntags + 1) * sizeof *d->tag_keys);
	if (!d->name_masked || !d->id_masked || !d->phone_masked || !d->key || !d->tags_clear || !tags_sealed ||
	    !d->tag_keys)
		return -1;
	for (int i = 0; i < r->ntags; i++)
		if (!(d->tag_keys[i] = tag_key(a, r->tags[i])))
			return -1;
	if (pinyin_of(a, r->name, &d->pinyin, &d->initials) < 0)
		return -1;
	if (*r->id_number && people_blind_index("people.id", r->id_number, d->id_index) < 0)
		return -1;
	if (*r->phone && people_blind_index("people.phone", r->phone, d->phone_index) < 0)
		return -1;
	return seal(a, r->birth, &d->birth) < 0 || seal(a, r->id_number, &d->id) < 0 || seal(a, r->phone, &d->phone) < 0 ||
	               seal(a, tags_sealed, &d->tags) < 0 || seal(a, r->note, &d->note) < 0
	           ? -1
	           : 0;
}

static struct db_query q_tag_add = DB_QUERY(
    "INSERT INTO people_tag (community_id, tag, name_key, person_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
static struct db_query q_tags_drop = DB_QUERY("DELETE FROM people_tag WHERE community_id = ? AND person_id = ?");

static int tags_write(struct db *db, int64_t community_id, int64_t id, const struct people_record *r,
                      const struct people_prepared *d)
{
	for (int i = 0; i < r->ntags; i++) {
		struct db_stmt *st = db_stmt(db, &q_tag_add);
		if (!st)
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_text_ref(st, 2, d->tag_keys[i], -1);
		db_bind_blob_ref(st, 3, d->key, d->nkey);
		db_bind_int(st, 4, id);
		if (db_run(st) != DB_DONE)
			return -1;
	}
	return 0;
}

static struct db_query q_person_add = DB_QUERY(
    "INSERT INTO people_person (community_id, id, household_id, building_id, relation, name, name_masked, name_key,"
    " pinyin, initials, gender, birth_year, birth_sealed, id_sealed, id_masked, id_index, phone_sealed,"
    " phone_masked, phone_index, tags, tags_sealed, tags_hidden, note_sealed, created_at, created_by, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,"
    " ?23, ?24, ?25, ?24)");
static struct db_query q_person_update = DB_QUERY(
    "UPDATE people_person SET household_id = ?3, building_id = ?4, relation = ?5, name = ?6, name_masked = ?7,"
    " name_key = ?8, pinyin = ?9, initials = ?10, gender = ?11, birth_year = ?12, birth_sealed = ?13,"
    " id_sealed = ?14, id_masked = ?15, id_index = ?16, phone_sealed = ?17, phone_masked = ?18,"
    " phone_index = ?19, tags = ?20, tags_sealed = ?21, tags_hidden = ?22, note_sealed = ?23, updated_at = ?24"
    " WHERE community_id = ?1 AND id = ?2 AND erased_at IS NULL");
static struct db_query q_head_set = DB_QUERY(
    "UPDATE people_household SET head_id = ? WHERE community_id = ? AND id = ?");

/* Binds a sealed field, or SQL NULL when there is none. */
static void bind_sealed(struct db_stmt *st, int i, const struct people_sealed *v)
{
	if (v->p)
		db_bind_blob_ref(st, i, v->p, v->n);
	else
		db_bind_null(st, i);
}

/* Binds ?3..?23 of q_person_add/q_person_update without copies (r and d
 * outlive the caller's db_run). */
static void bind_person(struct db_stmt *st, const struct people_record *r, const struct people_address *addr,
                        const struct people_prepared *d)
{
	db_bind_int_or_null(st, 3, addr->household_id);
	db_bind_int_or_null(st, 4, addr->building_id);
	db_bind_text_ref(st, 5, r->relation, -1);
	db_bind_text_ref(st, 6, r->name, -1);
	db_bind_text_ref(st, 7, d->name_masked, -1);
	db_bind_blob_ref(st, 8, d->key, d->nkey);
	db_bind_text_ref(st, 9, d->pinyin, -1);
	db_bind_text_ref(st, 10, d->initials, -1);
	db_bind_text_ref(st, 11, r->gender, -1);
	db_bind_int_or_null(st, 12, r->birth_year);
	bind_sealed(st, 13, &d->birth);
	bind_sealed(st, 14, &d->id);
	db_bind_text_ref(st, 15, d->id_masked, -1);
	if (*r->id_number)
		db_bind_blob_ref(st, 16, d->id_index, PII_INDEX_BYTES);
	else
		db_bind_null(st, 16);
	bind_sealed(st, 17, &d->phone);
	db_bind_text_ref(st, 18, d->phone_masked, -1);
	if (*r->phone)
		db_bind_blob_ref(st, 19, d->phone_index, PII_INDEX_BYTES);
	else
		db_bind_null(st, 19);
	db_bind_text_ref(st, 20, d->tags_clear, -1);
	bind_sealed(st, 21, &d->tags);
	db_bind_int(st, 22, d->tags_hidden);
	bind_sealed(st, 23, &d->note);
}

static int is_head(const struct people_record *r)
{
	return !strcmp(r->relation, "户主") || !strcmp(r->relation, "本人");
}

int people_person_write(struct db *db, int64_t community_id, int64_t id, const struct people_record *r,
                        const struct people_prepared *d, const struct people_address *addr, int64_t by_user,
                        int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_person_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	bind_person(st, r, addr, d);
	db_bind_int(st, 24, now);
	db_bind_int_or_null(st, 25, by_user);
	int rc = db_run(st);
	if (rc != DB_DONE)
		return rc == DB_CONSTRAINT ? DB_CONSTRAINT : -1;
	if (tags_write(db, community_id, id, r, d) < 0)
		return -1;
	if (addr->household_id && is_head(r)) {
		if (!(st = db_stmt(db, &q_head_set)))
			return -1;
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, community_id);
		db_bind_int(st, 3, addr->household_id);
		if (db_run(st) != DB_DONE)
			return -1;
	}
	return 0;
}

int people_person_insert(struct db *db, struct arena *a, int64_t community_id, int64_t id,
                         const struct people_record *r, const struct people_address *addr, int64_t by_user,
                         int64_t now)
{
	struct people_prepared d;
	if (people_person_prepare(a, r, &d) < 0)
		return -1;
	return people_person_write(db, community_id, id, r, &d, addr, by_user, now);
}

int people_person_add(struct db *db, struct arena *a, int64_t community_id, const struct people_record *r,
                      int64_t by_user, int64_t now, int64_t *id)
{
	struct people_address addr;
	if (!pii_key_current() || people_address_ensure(db, community_id, r, now, &addr) < 0 ||
	    db_next_id(db, community_id, "people_person", id) < 0)
		return -1;
	return people_person_insert(db, a, community_id, *id, r, &addr, by_user, now);
}

int people_person_update(struct db *db, struct arena *a, int64_t community_id, int64_t id,
                         const struct people_record *r, int64_t now)
{
	struct people_address addr;
	struct people_prepared d;
	if (people_address_ensure(db, community_id, r, now, &addr) < 0 || people_person_prepare(a, r, &d) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_person_update);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	bind_person(st, r, &addr, &d);
	db_bind_int(st, 24, now);
	int64_t changed;
	int rc = db_run_count(st, &changed);
	if (rc != DB_DONE)
		return rc == DB_CONSTRAINT ? DB_CONSTRAINT : -1;
	if (!changed)
		return 1;
	if (!(st = db_stmt(db, &q_tags_drop)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	if (db_run(st) != DB_DONE || tags_write(db, community_id, id, r, &d) < 0)
		return -1;
	if (addr.household_id && is_head(r)) {
		if (!(st = db_stmt(db, &q_head_set)))
			return -1;
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, community_id);
		db_bind_int(st, 3, addr.household_id);
		if (db_run(st) != DB_DONE)
			return -1;
	}
	return 0;
}

static struct db_query q_retention =
    DB_QUERY("SELECT retention_days FROM people_setting WHERE community_id = ?");
static struct db_query q_status_set = DB_QUERY(
    "UPDATE people_person SET status = ?3, left_on = ?4, erase_after = ?5, updated_at = ?6"
    " WHERE community_id = ?1 AND id = ?2 AND status <> ?3 AND erased_at IS NULL");

int people_retention_days(struct db *db, int64_t community_id, int64_t *days)
{
	struct db_stmt *st = db_stmt(db, &q_retention);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int rc = db_one_int(st, days);
	if (rc == 1)
		*days = PEOPLE_RETENTION_DAYS;
	return rc < 0 ? -1 : 0;
}

int people_person_set_status(struct db *db, int64_t community_id, int64_t id, enum people_status s,
                             const char *left_on, int64_t now)
{
	int64_t days = 0;
	if (s != PEOPLE_LIVING && people_retention_days(db, community_id, &days) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_status_set);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, people_status_name(s), -1);
	if (s == PEOPLE_LIVING) {
		db_bind_null(st, 4);
		db_bind_null(st, 5);
	} else {
		db_bind_text(st, 4, left_on, -1);
		db_bind_int(st, 5, now + days * 86400);
	}
	db_bind_int(st, 6, now);
	return db_run_guarded(st);
}

static struct db_query q_erase_due = DB_QUERY(
    "SELECT community_id, id FROM people_person WHERE erase_after IS NOT NULL AND erase_after <= ?"
    " AND erased_at IS NULL ORDER BY erase_after LIMIT ?");
static struct db_query q_erase = DB_QUERY(
    "UPDATE people_person SET name = '已删除', name_masked = '已删除', pinyin = '', initials = '',"
    " birth_year = NULL, birth_sealed = NULL, id_sealed = NULL, id_masked = '', id_index = NULL,"
    " phone_sealed = NULL, phone_masked = '', phone_index = NULL, tags = '', tags_sealed = NULL,"
    " tags_hidden = 0, note_sealed = NULL, user_id = NULL, erased_at = ?3, updated_at = ?3"
    " WHERE community_id = ?1 AND id = ?2 AND erased_at IS NULL");

int people_erase_due(struct db *db, int64_t now, int limit, int64_t *erased)
{
	*erased = 0;
	struct db_stmt *st = db_stmt(db, &q_erase_due);
	if (!st)
		return -1;
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, limit);
	int64_t (*ids)[2] = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			size_t ncap = cap ? 2 * cap : 64;
			void *p = realloc(ids, ncap * sizeof *ids);
			if (!p) {
				rc = DB_ERR;
				break;
			}
			ids = p;
			cap = ncap;
		}
		ids[n][0] = db_col_int(st, 0);
		ids[n][1] = db_col_int(st, 1);
		n++;
	}
	db_reset(st);
	for (size_t i = 0; rc == DB_DONE && i < n; i++) {
		if (!(st = db_stmt(db, &q_erase))) {
			rc = DB_ERR;
			break;
		}
		db_bind_int(st, 1, ids[i][0]);
		db_bind_int(st, 2, ids[i][1]);
		db_bind_int(st, 3, now);
		int64_t changed;
		if (db_run_count(st, &changed) != DB_DONE) {
			rc = DB_ERR;
			break;
		}
		*erased += changed;
		if (!(st = db_stmt(db, &q_tags_drop))) {
			rc = DB_ERR;
			break;
		}
		db_bind_int(st, 1, ids[i][0]);
		db_bind_int(st, 2, ids[i][1]);
		if (db_run(st) != DB_DONE)
			rc = DB_ERR;
	}
	free(ids);
	return rc == DB_DONE ? 0 : -1;
}

/* ---- reading ---- */

#define PERSON_COLS                                                                                              \
	"SELECT p.id, p.household_id, p.building_id, p.name, p.name_masked, p.gender, p.birth_year, p.id_masked,"  \
	" p.phone_masked, p.tags, p.tags_hidden, p.status, p.left_on, p.relation, b.name, r.unit, r.room, h.label,"  \
	" b.grid, p.user_id, p.created_at, p.updated_at, p.erased_at"
#define PERSON_FROM                                                                                              \
	" FROM people_person p"                                                                                      \
	" LEFT JOIN people_household h ON h.community_id = p.community_id AND h.id = p.household_id"                 \
	" LEFT JOIN people_room r ON r.community_id = h.community_id AND r.id = h.room_id"                           \
	" LEFT JOIN people_building b ON b.community_id = p.community_id AND b.id = p.building_id"

static void person_from_row(struct db_stmt *st, struct arena *a, struct people_person *p)
{
	p->id = db_col_int(st, 0);
	p->household_id = db_col_int(st, 1);
	p->building_id = db_col_int(st, 2);
	p->name = db_col_dup(st, 3, a);
	p->name_masked = db_col_dup(st, 4, a);
	p->gender = db_col_dup(st, 5, a);
	p->birth_year = (int)db_col_int(st, 6);
	p->id_masked = db_col_dup(st, 7, a);
	p->phone_masked = db_col_dup(st, 8, a);
	p->tags = db_col_dup(st, 9, a);
	p->tags_hidden = (int)db_col_int(st, 10);
	int s = people_status_from(db_col_text(st, 11));
	p->status = s < 0 ? PEOPLE_LIVING : (enum people_status)s;
	p->left_on = db_col_dup(st, 12, a);
	p->relation = db_col_dup(st, 13, a);
	p->building = db_col_dup(st, 14, a);
	p->unit = db_col_dup(st, 15, a);
	p->room = db_col_dup(st, 16, a);
	p->household = db_col_dup(st, 17, a);
	p->grid = db_col_dup(st, 18, a);
	p->user_id = db_col_int(st, 19);
	p->created_at = db_col_int(st, 20);
	p->updated_at = db_col_int(st, 21);
	p->erased_at = db_col_int(st, 22);
}

/* Reads every row of a bound statement into a growing array. 0 or -1. */
static int read_people(struct db_stmt *st, struct arena *a, size_t limit, struct people_person **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct people_person *v = NULL;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == limit)
			continue;
		if (*n == cap) {
			size_t ncap = cap ? 2 * cap : 32;
			struct people_person *nv = arena_alloc(a, ncap * sizeof *nv);
			if (!nv) {
				rc = DB_ERR;
				break;
			}
			if (*n)
				memcpy(nv, v, *n * sizeof *nv);
			v = nv;
			cap = ncap;
		}
		person_from_row(st, a, &v[(*n)++]);
	}
	db_reset(st);
	*out = v;
	return rc == DB_DONE ? 0 : -1;
}

/* The filters every list applies after its access path:
 * ?2 status name or NULL, ?3 building id or 0, ?4 tag key or NULL. */
#define RESIDUAL                                                                                                 \
	" AND (CAST(?2 AS TEXT) IS NULL OR p.status = ?2) AND (?3 = 0 OR p.building_id = ?3)"                                       \
	" AND (CAST(?4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM people_tag t WHERE t.community_id = p.community_id"               \
	" AND t.tag = ?4 AND t.person_id = p.id))"
#define ORDER " ORDER BY p.name_key, p.id LIMIT ?5 OFFSET ?6"

/* Access paths, most selective first. Those that walk an index in the
 * list's order (status, building, no address, a name prefix) have two
 * statements: with the status as an equality, so that the walk stops at
 * the page's end, and for every status (a sort, rarely asked for). */
#define STATUS_IS " AND p.status = ?2"
#define STATUS_ANY " AND CAST(?2 AS TEXT) IS NULL"
static struct db_query q_list_status =
    DB_QUERY(PERSON_COLS PERSON_FROM " WHERE p.community_id = ?1" STATUS_IS RESIDUAL ORDER);
static struct db_query q_list_all = DB_QUERY(PERSON_COLS PERSON_FROM " WHERE p.community_id = ?1" RESIDUAL ORDER);
static struct db_query q_list_building = DB_QUERY(
    PERSON_COLS PERSON_FROM " WHERE p.community_id = ?1 AND p.building_id = ?3" STATUS_IS RESIDUAL ORDER);
static struct db_query q_list_building_any = DB_QUERY(
    PERSON_COLS PERSON_FROM " WHERE p.community_id = ?1 AND p.building_id = ?3" STATUS_ANY RESIDUAL ORDER);
static struct db_query q_list_no_building = DB_QUERY(
    PERSON_COLS PERSON_FROM " WHERE p.community_id = ?1 AND p.building_id IS NULL AND ?3 = 0" STATUS_IS RESIDUAL ORDER);
static struct db_query q_list_no_building_any = DB_QUERY(
    PERSON_COLS PERSON_FROM " WHERE p.community_id = ?1 AND p.building_id IS NULL AND ?3 = 0" STATUS_ANY RESIDUAL
                            ORDER);
static struct db_query q_list_name = DB_QUERY(PERSON_COLS PERSON_FROM
                                              " WHERE p.community_id = ?1 AND p.name_key >= ?7 AND p.name_key < ?8"
                                              STATUS_IS RESIDUAL ORDER);
static struct db_query q_list_name_any = DB_QUERY(
    PERSON_COLS PERSON_FROM " WHERE p.community_id = ?1 AND p.name_key >= ?7 AND p.name_key < ?8" STATUS_ANY
                            RESIDUAL ORDER);
/* A tag's residents in pinyin order: people_tag keeps the name's key. */
static struct db_query q_list_tag = DB_QUERY(
    PERSON_COLS PERSON_FROM " JOIN people_tag g ON g.community_id = p.community_id AND g.person_id = p.id"
                            " WHERE g.community_id = ?1 AND g.tag = ?4" RESIDUAL
                            " ORDER BY g.name_key, g.person_id LIMIT ?5 OFFSET ?6");
static struct db_query q_list_id = DB_QUERY(
    PERSON_COLS PERSON_FROM " WHERE p.community_id = ?1 AND p.id_index = ?7" RESIDUAL ORDER);
static struct db_query q_list_phone = DB_QUERY(
    PERSON_COLS PERSON_FROM " WHERE p.community_id = ?1 AND p.phone_index = ?7" RESIDUAL ORDER);
/* Letters: initials ("zsf") in the order of their index (initials, then
 * pinyin), or the full pinyin ("zhangs") in its own. */
static struct db_query q_list_initials = DB_QUERY(
    PERSON_COLS PERSON_FROM " WHERE p.community_id = ?1 AND p.initials >= ?7 AND p.initials < ?8" RESIDUAL
                            " ORDER BY p.initials, p.pinyin, p.id LIMIT ?5 OFFSET ?6");
static struct db_query q_list_pinyin = DB_QUERY(
    PERSON_COLS PERSON_FROM " WHERE p.community_id = ?1 AND p.pinyin >= ?7 AND p.pinyin < ?8" RESIDUAL
                            " ORDER BY p.pinyin, p.id LIMIT ?5 OFFSET ?6");

/* The collation-key range of names starting with prefix: its primary
 * weights (the key up to the first level separator 01) and the same with
 * the last byte raised. 0, or -1 (the arena, or nothing to search by). */
static int key_range(struct arena *a, const char *prefix, unsigned char **lo, size_t *nlo, unsigned char **hi)
{
	size_t n;
	unsigned char *k = collate_zh_key(a, prefix, &n);
	if (!k)
		return -1;
	size_t m = 0;
	while (m < n && k[m] > 1)
		m++;
	unsigned char *h = arena_alloc(a, m ? m : 1);
	if (!h)
		return -1;
	memcpy(h, k, m);
	size_t j = m;
	while (j > 0 && h[j - 1] == 0xff)
		j--;
	if (j == 0)
		return -1;
	h[j - 1]++;
	*lo = k;
	*nlo = m;
	*hi = h;
	return (int)j;
}

/* The ASCII upper bound of a lower-case [a-z0-9] prefix: the prefix with
 * its last character raised ("zs" → "zt"; "z" and "9" carry leftwards). */
static char *ascii_upper(struct arena *a, const char *p)
{
	char *h = arena_strdup(a, p);
	if (!h)
		return NULL;
	size_t n = strlen(h);
	while (n > 0 && (h[n - 1] == 'z' || h[n - 1] == '9'))
		h[--n] = 0;
	if (!n)
		return arena_strdup(a, "~"); /* every [a-z0-9] string sorts before it in any collation we meet */
	h[n - 1]++;
	return h;
}

/* Picks the access path for a filter and binds it: the statement, or NULL
 * (*none set when the search can match nothing). */
static struct db_stmt *list_stmt(struct db *db, struct arena *a, int64_t community_id, const struct people_filter *f,
                                 int64_t offset, int64_t limit, int initials_only, int *none)
{
	*none = 0; /* 2: the pinyin path was taken (people_list may retry as initials) */
	struct db_query *q;
	const char *tag = NULL;
	if (f->tag && *f->tag && !(tag = tag_key(a, f->tag)))
		return NULL;
	unsigned char idx[PII_INDEX_BYTES];
	const void *b7 = NULL, *b8 = NULL;
	size_t n7 = 0, n8 = 0;
	const char *t7 = NULL, *t8 = NULL;
	char digits[20];
	const char *qs = f->q && *f->q ? f->q : NULL;
	if (qs && (strlen(qs) == 18 || strlen(qs) == 15) && pii_id_valid(qs)) {
		snprintf(digits, sizeof digits, "%s", qs);
		if (digits[17] == 'x')
			digits[17] = 'X';
		if (people_blind_index("people.id", digits, idx) < 0)
			return NULL;
		q = &q_list_id;
		b7 = idx;
		n7 = sizeof idx;
	} else if (qs && str_mobile_normalize(qs, digits) == 0) {
		if (people_blind_index("people.phone", digits, idx) < 0)
			return NULL;
		q = &q_list_phone;
		b7 = idx;
		n7 = sizeof idx;
	} else if (qs) {
		char *full, *ini;
		int ascii = 1;
		for (const char *p = qs; *p; p++)
			ascii &= (unsigned char)*p < 0x80;
		if (ascii && pinyin_of(a, qs, &full, &ini) == 0 && *full) {
			/* initials have no vowel ("zsf"); pinyin has ("zhangs");
			 * the caller retries "an", "ou" … as initials (安娜 "an") */
			q = strpbrk(full, "aeiouv") && !initials_only ? &q_list_pinyin : &q_list_initials;
			if (q == &q_list_pinyin)
				*none = 2;
			t7 = full;
			if (!(t8 = ascii_upper(a, full)))
				return NULL;
		} else {
			/* "张 桂林": names are kept without spaces */
			char *packed = arena_strdup(a, qs);
			if (!packed)
				return NULL;
			size_t k = 0;
			for (const char *p = qs; *p; p++)
				if (*p != ' ' && *p != '\t')
					packed[k++] = *p;
			packed[k] = 0;
			unsigned char *lo, *hi;
			size_t nlo;
			int nhi = key_range(a, packed, &lo, &nlo, &hi);
			if (nhi < 0) {
				*none = 1;
				return NULL;
			}
			q = f->status >= 0 ? &q_list_name : &q_list_name_any;
			b7 = lo;
			n7 = nlo;
			b8 = hi;
			n8 = (size_t)nhi;
		}
	} else if (tag) {
		q = &q_list_tag;
	} else if (f->building_id < 0) {
		q = f->status >= 0 ? &q_list_no_building : &q_list_no_building_any;
	} else if (f->building_id) {
		q = f->status >= 0 ? &q_list_building : &q_list_building_any;
	} else if (f->status >= 0) {
		q = &q_list_status;
	} else {
		q = &q_list_all;
	}
	struct db_stmt *st = db_stmt(db, q);
	if (!st)
		return NULL;
	db_bind_int(st, 1, community_id);
	if (f->status >= 0)
		db_bind_text(st, 2, people_status_name((enum people_status)f->status), -1);
	else
		db_bind_null(st, 2);
	db_bind_int(st, 3, f->building_id > 0 ? f->building_id : 0);
	db_bind_text(st, 4, tag, -1);
	db_bind_int(st, 5, limit);
	db_bind_int(st, 6, offset);
	if (b7)
		db_bind_blob(st, 7, b7, n7);
	else if (t7)
		db_bind_text(st, 7, t7, -1);
	if (b8)
		db_bind_blob(st, 8, b8, n8);
	else if (t8)
		db_bind_text(st, 8, t8, -1);
	return st;
}

int people_list(struct db *db, struct arena *a, int64_t community_id, const struct people_filter *f,
                int64_t offset, int limit, struct people_person **out, size_t *n, int *more)
{
	*more = 0;
	*out = NULL;
	*n = 0;
	int none;
	struct db_stmt *st = list_stmt(db, a, community_id, f, offset, (int64_t)limit + 1, 0, &none);
	if (!st)
		return none == 1 ? 0 : -1;
	if (read_people(st, a, (size_t)limit + 1, out, n) < 0)
		return -1;
	/* letters with a vowel found no pinyin: they may be initials (安娜 "an") */
	if (!*n && none == 2) {
		if (!(st = list_stmt(db, a, community_id, f, offset, (int64_t)limit + 1, 1, &none)) ||
		    read_people(st, a, (size_t)limit + 1, out, n) < 0)
			return -1;
	}
	if (*n > (size_t)limit) {
		*more = 1;
		*n = (size_t)limit;
	}
	return 0;
}

int people_each(struct db *db, struct arena *a, int64_t community_id, const struct people_filter *f,
                int (*each)(const struct people_person *p, void *ctx), void *ctx)
{
	int none;
	struct db_stmt *st = list_stmt(db, a, community_id, f, 0, INT64_MAX, 0, &none);
	if (!st)
		return none == 1 ? 0 : -1;
	struct arena row;
	arena_init(&row, 1u << 16);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct people_person p;
		arena_reset(&row);
		person_from_row(st, &row, &p);
		if (each(&p, ctx) < 0) {
			rc = 1;
			break;
		}
	}
	db_reset(st);
	arena_free(&row);
	return rc == DB_DONE ? 0 : rc == 1 ? 1 : -1;
}


static struct db_query q_person_get = DB_QUERY(PERSON_COLS PERSON_FROM " WHERE p.community_id = ? AND p.id = ?");

int people_person_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct people_person *out)
{
	struct db_stmt *st = db_stmt(db, &q_person_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		person_from_row(st, a, out);
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

static struct db_query q_household_members = DB_QUERY(
    PERSON_COLS PERSON_FROM " WHERE p.community_id = ? AND p.household_id = ?"
                            " ORDER BY CASE WHEN p.id = h.head_id THEN 0 ELSE 1 END, p.name_key, p.id LIMIT 200");

int people_household_members(struct db *db, struct arena *a, int64_t community_id, int64_t household_id,
                             struct people_person **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_household_members);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, household_id);
	return read_people(st, a, 200, out, n);
}

static struct db_query q_person_sealed = DB_QUERY(
    "SELECT id_sealed, phone_sealed, birth_sealed, tags_sealed, note_sealed FROM people_person"
    " WHERE community_id = ? AND id = ?");

int people_person_open(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct people_full *out)
{
	memset(out, 0, sizeof *out);
	if (!pii_key_current())
		return -1;
	struct db_stmt *st = db_stmt(db, &q_person_sealed);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	int bad = 0;
	if (rc == DB_ROW) {
		const char **f[5] = {&out->id_number, &out->phone, &out->birth, &out->tags, &out->note};
		for (int i = 0; i < 5; i++)
			bad |= !(*f[i] = pii_col_opened(st, i, a));
	}
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	if (rc != DB_ROW || bad) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return 0;
}

static struct db_query q_find_id =
    DB_QUERY("SELECT id FROM people_person WHERE community_id = ? AND id_index = ?");

int people_find_id_number(struct db *db, int64_t community_id, const char *id_number, int64_t *person_id)
{
	*person_id = 0;
	unsigned char idx[PII_INDEX_BYTES];
	if (people_blind_index("people.id", id_number, idx) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_find_id);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_blob(st, 2, idx, sizeof idx);
	int rc = db_one_int(st, person_id);
	return rc < 0 ? -1 : 0;
}

/* One grouped count for all the buildings (a covering index walk), not
 * one count per building. */
static struct db_query q_buildings = DB_QUERY(
    "SELECT b.id, b.name, b.grid, COALESCE(c.n, 0) FROM people_building b LEFT JOIN"
    " (SELECT building_id, COUNT(*) AS n FROM people_person WHERE community_id = ?1 AND status = 'living'"
    " GROUP BY building_id) c ON c.building_id = b.id WHERE b.community_id = ?1 ORDER BY b.sort_no, b.name"
    " LIMIT ?2 OFFSET ?3");

static struct db_query q_building_names = DB_QUERY(
    "SELECT id, name, grid, 0 FROM people_building WHERE community_id = ?1 ORDER BY sort_no, name"
    " LIMIT ?2 OFFSET ?3");

int people_buildings(struct db *db, struct arena *a, int64_t community_id, int counts, int64_t offset,
                     size_t limit, struct people_building **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, counts ? &q_buildings : &q_building_names);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, (int64_t)limit);
	db_bind_int(st, 3, offset);
	return read_buildings(st, a, out, n);
}

/* ---- who saw the full data ---- */

static struct db_query q_view_add = DB_QUERY(
    "INSERT INTO people_view (community_id, person_id, at, user_id, actor, reason) VALUES (?, ?, ?, ?, ?, ?)");
static struct db_query q_views = DB_QUERY(
    "SELECT at, user_id, actor, reason FROM people_view WHERE community_id = ? AND person_id = ?"
    " ORDER BY at DESC LIMIT ?");

int people_view_add(struct db *db, int64_t community_id, int64_t person_id, int64_t user_id, const char *actor,
                    const char *reason, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_view_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, person_id);
	db_bind_int(st, 3, now);
	db_bind_int_or_null(st, 4, user_id);
	db_bind_text(st, 5, actor, -1);
	db_bind_text(st, 6, reason, -1);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int people_views(struct db *db, struct arena *a, int64_t community_id, int64_t person_id, int limit,
                 struct people_view **out, size_t *n)
{
	*n = 0;
	*out = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof **out);
	struct db_stmt *st = *out ? db_stmt(db, &q_views) : NULL;
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, person_id);
	db_bind_int(st, 3, limit);
	int rc;
	while ((rc = db_step(st)) == DB_ROW && *n < (size_t)limit) {
		struct people_view *v = &(*out)[(*n)++];
		v->at = db_col_int(st, 0);
		v->user_id = db_col_int(st, 1);
		v->actor = db_col_dup(st, 2, a);
		v->reason = db_col_dup(st, 3, a);
	}
	db_reset(st);
	return rc == DB_DONE || rc == DB_ROW ? 0 : -1;
}
