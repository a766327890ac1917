/* SQL for 好人好事: the stories and their photos. Writes run in the
 * caller's transaction, each locking the story's row before it changes it
 * (a photo counted against ORGS_MAX_PHOTOS under that lock). The person
 * praised is sealed; lists and public pages read person_shown only. */
#include <string.h>

#include "modules/orgs/orgs.h"
#include "modules/orgs/orgs_internal.h"
#include "pii/pii.h"

#define STORY_COLS                                                                                                 \
	"s.id, s.title, s.told_on, s.body, s.person_shown, s.consent, s.org_id, COALESCE(o.name, ''), s.state,"      \
	" s.withdraw_reason, s.published_at, s.photos, s.created_at, s.updated_at"
#define LINE_COLS                                                                                                  \
	"s.id, s.title, s.told_on, '', s.person_shown, s.consent, s.org_id, COALESCE(o.name, ''), s.state,"          \
	" s.withdraw_reason, s.published_at, s.photos, s.created_at, s.updated_at"
#define WITH_ORG " FROM orgs_story s LEFT JOIN orgs_org o ON o.community_id = s.community_id AND o.id = s.org_id"
static struct db_query q_one =
    DB_QUERY("SELECT " STORY_COLS ", s.person_sealed" WITH_ORG " WHERE s.community_id = ? AND s.id = ?");
static struct db_query q_published = DB_QUERY(
    "SELECT " LINE_COLS WITH_ORG " WHERE s.community_id = ? AND s.state = 'published'"
    " ORDER BY s.published_at DESC, s.id DESC LIMIT ? OFFSET ?");
static struct db_query q_all =
    DB_QUERY("SELECT " LINE_COLS WITH_ORG " WHERE s.community_id = ? ORDER BY s.id DESC LIMIT ? OFFSET ?");
static struct db_query q_person =
    DB_QUERY("SELECT person_sealed FROM orgs_story WHERE community_id = ? AND id = ?");
static struct db_query q_lock =
    DB_QUERY("SELECT state, photos FROM orgs_story WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_add = DB_QUERY(
    "INSERT INTO orgs_story (community_id, id, title, told_on, body, person_sealed, person_shown, consent, org_id,"
    " state, created_by, created_at, updated_by, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'draft', ?10, ?11, ?10, ?11)");
static struct db_query q_update = DB_QUERY(
    "UPDATE orgs_story SET title = ?3, told_on = ?4, body = ?5, person_sealed = ?6, person_shown = ?7, consent = ?8,"
    " org_id = ?9, updated_by = ?10, updated_at = ?11 WHERE community_id = ?1 AND id = ?2 AND state <> 'withdrawn'");
static struct db_query q_publish = DB_QUERY(
    "UPDATE orgs_story SET state = 'published', published_at = ?3, updated_by = ?4, updated_at = ?3"
    " WHERE community_id = ?1 AND id = ?2 AND state = 'draft'");
static struct db_query q_withdraw = DB_QUERY(
    "UPDATE orgs_story SET state = 'withdrawn', withdraw_reason = ?3, updated_by = ?4, updated_at = ?5"
    " WHERE community_id = ?1 AND id = ?2 AND state = 'published'");
static struct db_query q_photo_add = DB_QUERY(
    "INSERT INTO orgs_story_photo (community_id, story_id, id, name, mime, size, data, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_photo_count = DB_QUERY(
    "UPDATE orgs_story SET photos = photos + 1 WHERE community_id = ? AND id = ? AND photos < 6");
static struct db_query q_photos = DB_QUERY(
    "SELECT id, name, mime, size FROM orgs_story_photo WHERE community_id = ? AND story_id = ? ORDER BY id LIMIT 6");
static struct db_query q_photo = DB_QUERY(
    "SELECT id, name, mime, size, data FROM orgs_story_photo WHERE community_id = ? AND story_id = ? AND id = ?");

static void story_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct orgs_story *s = slot;
	memset(s, 0, sizeof *s);
	s->id = db_col_int(st, 0);
	s->title = db_col_dup(st, 1, a);
	const char *d = db_col_text(st, 2);
	size_t n = d ? strlen(d) : 0;
	if (n > 10)
		n = 10;
	if (n)
		memcpy(s->told_on, d, n);
	s->told_on[n] = 0;
	s->body = db_col_dup(st, 3, a);
	s->person_shown = db_col_dup(st, 4, a);
	s->consent = db_col_int(st, 5) != 0;
	s->org_id = db_col_int(st, 6);
	s->org_name = db_col_dup(st, 7, a);
	s->state = orgs_sstate_from(db_col_text(st, 8));
	s->withdraw_reason = db_col_dup(st, 9, a);
	s->published_at = db_col_int(st, 10);
	s->photos = db_col_int(st, 11);
	s->created_at = db_col_int(st, 12);
	s->updated_at = db_col_int(st, 13);
}

/* 0, or ORGS_NOT_FOUND when org_id (not 0) is no organization of the community, -1. */
static int org_exists(struct db *db, struct arena *a, int64_t community_id, int64_t org_id)
{
	const char *name;
	int rc = org_id ? orgs_name(db, a, community_id, org_id, &name) : 0;
	return rc == 1 ? ORGS_NOT_FOUND : rc;
}

/* Binds the fields shared by add and update (3..11). 0 or -1. */
static int bind_story(struct db_stmt *st, struct arena *a, const struct orgs_story *s, int64_t by, int64_t now)
{
	const char *shown = s->consent ? s->person : pii_mask_name(a, s->person);
	if (!shown || pii_bind_sealed(st, 6, a, s->person) < 0)
		return -1;
	db_bind_text(st, 3, s->title, -1);
	db_bind_text(st, 4, s->told_on, -1);
	db_bind_text(st, 5, s->body, -1);
	db_bind_text(st, 7, shown, -1);
	db_bind_int(st, 8, s->consent ? 1 : 0);
	db_bind_int_or_null(st, 9, s->org_id);
	db_bind_int_or_null(st, 10, by);
	db_bind_int(st, 11, now);
	return 0;
}

int orgs_story_add(struct db *db, struct arena *a, int64_t community_id, struct orgs_story *s, int64_t by,
		   int64_t now)
{
	int rc = org_exists(db, a, community_id, s->org_id);
	if (rc)
		return rc;
	if (db_next_id(db, community_id, "orgs_story", &s->id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, s->id);
	if (bind_story(st, a, s, by, now) < 0) {
		db_reset(st);
		return -1;
	}
	return db_run(st) == DB_DONE ? 0 : -1;
}

int orgs_story_lock(struct db *db, int64_t community_id, int64_t id, int *state, int64_t *photos)
{
	struct db_stmt *st = db_stmt(db, &q_lock);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		if (state)
			*state = orgs_sstate_from(db_col_text(st, 0));
		if (photos)
			*photos = db_col_int(st, 1);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? ORGS_NOT_FOUND : -1;
}

int orgs_story_update(struct db *db, struct arena *a, int64_t community_id, const struct orgs_story *s, int64_t by,
		      int64_t now)
{
	int state;
	int rc = orgs_story_lock(db, community_id, s->id, &state, NULL);
	if (rc)
		return rc;
	if (state == OS_WITHDRAWN)
		return ORGS_STATE;
	if ((rc = org_exists(db, a, community_id, s->org_id)) != 0)
		return rc;
	struct orgs_story kept = *s;
	if (!kept.person) { /* the kept person, opened here only to seal and mask it again */
		struct db_stmt *p = db_stmt(db, &q_person);
		if (!p)
			return -1;
		db_bind_int(p, 1, community_id);
		db_bind_int(p, 2, s->id);
		if (db_step(p) == DB_ROW)
			kept.person = pii_col_opened(p, 0, a);
		db_reset(p);
		if (!kept.person)
			return -1;
	}
	s = &kept;
	struct db_stmt *st = db_stmt(db, &q_update);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, s->id);
	if (bind_story(st, a, s, by, now) < 0) {
		db_reset(st);
		return -1;
	}
	rc = db_run_guarded(st);
	return rc == 1 ? ORGS_STATE : rc;
}

/* Runs a guarded state step bound to (community, id, then its own values). */
static int step(struct db *db, int64_t community_id, int64_t id, struct db_stmt *st)
{
	int rc = orgs_story_lock(db, community_id, id, NULL, NULL);
	if (rc) {
		db_reset(st);
		return rc;
	}
	rc = db_run_guarded(st);
	return rc == 1 ? ORGS_STATE : rc;
}

int orgs_story_publish(struct db *db, int64_t community_id, int64_t id, int64_t by, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_publish);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, now);
	db_bind_int_or_null(st, 4, by);
	return step(db, community_id, id, st);
}

int orgs_story_withdraw(struct db *db, int64_t community_id, int64_t id, const char *reason, int64_t by,
			int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_withdraw);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, reason, -1);
	db_bind_int_or_null(st, 4, by);
	db_bind_int(st, 5, now);
	return step(db, community_id, id, st);
}

int orgs_story_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, int full, struct orgs_story *s)
{
	struct db_stmt *st = db_stmt(db, &q_one);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? ORGS_NOT_FOUND : -1;
	}
	story_from_row(st, a, s);
	s->person = full ? pii_col_opened(st, 14, a) : NULL;
	db_reset(st);
	return a->failed ? -1 : 0;
}

int orgs_story_list(struct db *db, struct arena *a, int64_t community_id, int published_only, int64_t offset,
		    int64_t limit, struct orgs_story **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, published_only ? &q_published : &q_all);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, limit);
	db_bind_int(st, 3, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, story_from_row);
}

int orgs_photo_add(struct db *db, int64_t community_id, int64_t story_id, const char *name, const char *mime,
		   const void *data, size_t len, int64_t now, int64_t *id)
{
	int state;
	int64_t photos;
	int rc = orgs_story_lock(db, community_id, story_id, &state, &photos);
	if (rc)
		return rc;
	if (state == OS_WITHDRAWN || photos >= ORGS_MAX_PHOTOS)
		return ORGS_STATE;
	struct db_stmt *st = db_stmt(db, &q_photo_count);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, story_id);
	if ((rc = db_run_guarded(st)) != 0)
		return rc == 1 ? ORGS_STATE : -1;
	if (db_next_id(db, community_id, "orgs_story_photo", id) < 0 || !(st = db_stmt(db, &q_photo_add)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, story_id);
	db_bind_int(st, 3, *id);
	db_bind_text(st, 4, name, -1);
	db_bind_text(st, 5, mime, -1);
	db_bind_int(st, 6, (int64_t)len);
	db_bind_blob_ref(st, 7, data, len);
	db_bind_int(st, 8, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static void photo_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct orgs_photo *p = slot;
	memset(p, 0, sizeof *p);
	p->id = db_col_int(st, 0);
	p->name = db_col_dup(st, 1, a);
	p->mime = db_col_dup(st, 2, a);
	p->size = db_col_int(st, 3);
}

static void photo_with_data(struct db_stmt *st, struct arena *a, void *slot)
{
	struct orgs_photo *p = slot;
	photo_from_row(st, a, slot);
	size_t n;
	const void *d = db_col_blob(st, 4, &n);
	void *copy = arena_alloc(a, n ? n : 1);
	if (copy && n)
		memcpy(copy, d, n);
	p->data = copy;
	p->size = (int64_t)n;
}

int orgs_photos(struct db *db, struct arena *a, int64_t community_id, int64_t story_id, struct orgs_photo **out,
		size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_photos);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, story_id);
	return db_rows(st, a, sizeof **out, ORGS_MAX_PHOTOS, (void **)out, n, photo_from_row);
}

int orgs_photo_get(struct db *db, struct arena *a, int64_t community_id, int64_t story_id, int64_t id,
		   struct orgs_photo *out)
{
	struct db_stmt *st = db_stmt(db, &q_photo);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, story_id);
	db_bind_int(st, 3, id);
	int rc = db_row(st, a, out, photo_with_data);
	if (rc == 0 && !out->data)
		return -1;
	return rc == 1 ? ORGS_NOT_FOUND : rc;
}
