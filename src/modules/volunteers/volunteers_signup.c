/* The sign-up rule and the records' reads. A step that decides on places
 * runs under the shift row's lock (@FOR_UPDATE@ on PostgreSQL; the one
 * writer of SQLite), reads the counter kept in that row, writes the sign-up
 * and the counters, all in the caller's transaction: so of any number of
 * server processes signing up at once, a shift never holds more sign-ups
 * than places, and a volunteer holds one live sign-up per shift. */
#include <stdio.h>
#include <string.h>

#include "modules/volunteers/volunteers_internal.h"

static struct db_query q_rule = DB_QUERY(
    "SELECT s.project_id, s.starts_at, s.ends_at, s.places, s.taken, p.state FROM volunteers_shift s"
    " JOIN volunteers_project p ON p.community_id = s.community_id AND p.id = s.project_id"
    " WHERE s.community_id = ? AND s.id = ?");
static struct db_query q_lock_shift =
    DB_QUERY("SELECT 1 FROM volunteers_shift WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_live = DB_QUERY(
    "SELECT 1 FROM volunteers_record WHERE community_id = ? AND shift_id = ? AND volunteer_id = ? AND state = 'signed'");
static struct db_query q_volunteer =
    DB_QUERY("SELECT 1 FROM volunteers_volunteer WHERE community_id = ? AND id = ?");
static struct db_query q_insert = DB_QUERY(
    "INSERT INTO volunteers_record (community_id, id, project_id, shift_id, volunteer_id, state, starts_at, ends_at,"
    " by_user, created_at) VALUES (?, ?, ?, ?, ?, 'signed', ?, ?, ?, ?)");
static struct db_query q_taken = DB_QUERY(
    "UPDATE volunteers_shift SET taken = taken + ?3 WHERE community_id = ?1 AND id = ?2");
static struct db_query q_places_left = DB_QUERY(
    "UPDATE volunteers_project SET places_left = places_left - ?3 WHERE community_id = ?1 AND id = ?2");
static struct db_query q_cancel = DB_QUERY(
    "UPDATE volunteers_record SET state = 'cancelled', cancelled_at = ?3, token_hash = NULL"
    " WHERE community_id = ?1 AND id = ?2 AND state = 'signed' AND checkin_at IS NULL");

#define RECORD_COLS                                                                                            \
	"SELECT r.id, r.project_id, r.shift_id, r.volunteer_id, r.state, r.starts_at, r.ends_at, r.by_user,"  \
	" r.created_at, r.checkin_at, r.checkout_at, r.minutes, r.confirmed_minutes, r.confirmed_by,"           \
	" r.confirmed_at, COALESCE(u.display_name, ''), r.note, p.title, v.name_masked"                        \
	" FROM volunteers_record r"                                                                             \
	" JOIN volunteers_project p ON p.community_id = r.community_id AND p.id = r.project_id"                \
	" JOIN volunteers_volunteer v ON v.community_id = r.community_id AND v.id = r.volunteer_id"            \
	" LEFT JOIN users u ON u.id = r.confirmed_by"
static struct db_query q_get = DB_QUERY(RECORD_COLS " WHERE r.community_id = ? AND r.id = ?");
static struct db_query q_of = DB_QUERY(
    RECORD_COLS " WHERE r.community_id = ? AND r.shift_id = ? AND r.volunteer_id = ? AND r.state = 'signed'");
static struct db_query q_of_shift = DB_QUERY(
    RECORD_COLS " WHERE r.community_id = ? AND r.shift_id = ? AND r.state <> 'cancelled' ORDER BY r.id LIMIT ?");
static struct db_query q_in_project = DB_QUERY(
    RECORD_COLS " WHERE r.community_id = ? AND r.volunteer_id = ? AND r.state = 'signed' AND r.project_id = ?"
                " ORDER BY r.starts_at DESC, r.id DESC LIMIT ?");
static struct db_query q_of_volunteer = DB_QUERY(
    RECORD_COLS " WHERE r.community_id = ? AND r.volunteer_id = ? AND r.state <> 'cancelled'"
                " ORDER BY r.starts_at DESC, r.id DESC LIMIT ? OFFSET ?");

void vol_record_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct vol_record *r = slot;
	r->id = db_col_int(st, 0);
	r->project_id = db_col_int(st, 1);
	r->shift_id = db_col_int(st, 2);
	r->volunteer_id = db_col_int(st, 3);
	r->state = db_col_dup(st, 4, a);
	r->starts_at = db_col_int(st, 5);
	r->ends_at = db_col_int(st, 6);
	r->by_user = db_col_int(st, 7);
	r->created_at = db_col_int(st, 8);
	r->checkin_at = db_col_int(st, 9);
	r->checkout_at = db_col_int(st, 10);
	r->minutes = db_col_is_null(st, 11) ? -1 : db_col_int(st, 11);
	r->confirmed_minutes = db_col_is_null(st, 12) ? -1 : db_col_int(st, 12);
	r->confirmed_by = db_col_int(st, 13);
	r->confirmed_at = db_col_int(st, 14);
	r->confirmed_name = db_col_dup(st, 15, a);
	r->note = db_col_dup(st, 16, a);
	r->project_title = db_col_dup(st, 17, a);
	r->name_masked = db_col_dup(st, 18, a);
}

/* Adds n to shift sid's taken and takes n from its project's places left. 0 or -1. */
static int take_places(struct db *db, int64_t community_id, int64_t sid, int64_t pid, int64_t n)
{
	struct db_stmt *st = db_stmt(db, &q_taken);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, sid);
	db_bind_int(st, 3, n);
	if (db_run_guarded(st) != 0 || !(st = db_stmt(db, &q_places_left)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, pid);
	db_bind_int(st, 3, n);
	return db_run_guarded(st) == 0 ? 0 : -1;
}

struct rule {
	int64_t project_id, starts, ends, places, taken;
	char state[16];
};

/* Locks shift sid and reads what the rule decides on. 0, VOL_NOT_FOUND or -1. */
static int read_rule(struct db *db, int64_t community_id, int64_t sid, struct rule *r)
{
	int rc = db_lock_row(db, &q_lock_shift, community_id, sid);
	if (rc)
		return rc == 1 ? VOL_NOT_FOUND : -1;
	struct db_stmt *st = db_stmt(db, &q_rule);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, sid);
	rc = db_step(st);
	if (rc == DB_ROW) {
		r->project_id = db_col_int(st, 0);
		r->starts = db_col_int(st, 1);
		r->ends = db_col_int(st, 2);
		r->places = db_col_int(st, 3);
		r->taken = db_col_int(st, 4);
		const char *s = db_col_text(st, 5);
		snprintf(r->state, sizeof r->state, "%s", s ? s : "");
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? VOL_NOT_FOUND : -1;
}

/* 0 when the query (community, a, b) finds a row, 1 when not, -1. */
static int exists(struct db *db, struct db_query *q, int64_t community_id, int64_t a, int64_t b)
{
	struct db_stmt *st = db_stmt(db, q);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, a);
	if (b)
		db_bind_int(st, 3, b);
	int64_t one;
	return db_one_int(st, &one);
}

int vol_signup(struct db *db, int64_t community_id, int64_t sid, int64_t vid, int64_t by, int64_t now, int64_t *id)
{
	struct rule r;
	int rc = read_rule(db, community_id, sid, &r);
	if (rc)
		return rc;
	if (strcmp(r.state, "recruiting"))
		return VOL_NOT_OPEN;
	if (now >= r.starts)
		return VOL_STARTED;
	if ((rc = exists(db, &q_volunteer, community_id, vid, 0)) != 0)
		return rc == 1 ? VOL_NOT_FOUND : -1;
	if ((rc = exists(db, &q_live, community_id, sid, vid)) != 1)
		return rc == 0 ? VOL_DUPLICATE : -1;
	if (r.taken >= r.places)
		return VOL_FULL;
	if (db_next_id(db, community_id, "volunteers_record", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_insert);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	db_bind_int(st, 3, r.project_id);
	db_bind_int(st, 4, sid);
	db_bind_int(st, 5, vid);
	db_bind_int(st, 6, r.starts);
	db_bind_int(st, 7, r.ends);
	db_bind_int_or_null(st, 8, by);
	db_bind_int(st, 9, now);
	rc = db_run(st);
	if (rc == DB_CONSTRAINT)
		return VOL_DUPLICATE;
	if (rc != DB_DONE)
		return -1;
	return take_places(db, community_id, sid, r.project_id, 1);
}

int vol_signup_cancel(struct db *db, int64_t community_id, int64_t rid, int64_t vid, int64_t now)
{
	struct vol_record rec;
	struct arena a;
	arena_init(&a, 1u << 14);
	int rc = vol_record_get(db, &a, community_id, rid, &rec);
	if (rc == 0 && ((vid && rec.volunteer_id != vid) || !rec.shift_id))
		rc = VOL_NOT_FOUND;
	struct rule r;
	if (rc == 0)
		rc = read_rule(db, community_id, rec.shift_id, &r);
	/* read again under the shift's lock: what it says now holds */
	if (rc == 0)
		rc = vol_record_get(db, &a, community_id, rid, &rec);
	if (rc == 0)
		rc = strcmp(rec.state, "signed") ? VOL_GONE : rec.checkin_at ? VOL_CHECKED_IN : now >= r.starts ? VOL_STARTED : 0;
	arena_free(&a);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_cancel);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, rid);
	db_bind_int(st, 3, now);
	rc = db_run_guarded(st);
	if (rc)
		return rc == 1 ? VOL_CHECKED_IN : -1; /* checked in meanwhile (check-in locks the record, not the shift) */
	return take_places(db, community_id, rec.shift_id, r.project_id, -1);
}

int vol_record_get(struct db *db, struct arena *a, int64_t community_id, int64_t rid, struct vol_record *out)
{
	struct db_stmt *st = db_stmt(db, &q_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, rid);
	int rc = db_row(st, a, out, vol_record_fill);
	return rc == 1 ? VOL_NOT_FOUND : rc;
}

int vol_record_of(struct db *db, struct arena *a, int64_t community_id, int64_t sid, int64_t vid,
		  struct vol_record *out)
{
	struct db_stmt *st = db_stmt(db, &q_of);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, sid);
	db_bind_int(st, 3, vid);
	int rc = db_row(st, a, out, vol_record_fill);
	return rc == 1 ? VOL_NOT_FOUND : rc;
}

int vol_shift_records(struct db *db, struct arena *a, int64_t community_id, int64_t sid, int64_t limit,
		      struct vol_record **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_of_shift);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, sid);
	db_bind_int(st, 3, limit);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, vol_record_fill);
}

int vol_volunteer_records(struct db *db, struct arena *a, int64_t community_id, int64_t vid, int64_t offset,
			  int64_t limit, struct vol_record **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_of_volunteer);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, vid);
	db_bind_int(st, 3, limit);
	db_bind_int(st, 4, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, vol_record_fill);
}

int vol_project_signups_of(struct db *db, struct arena *a, int64_t community_id, int64_t pid, int64_t vid,
			   int64_t limit, struct vol_record **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_in_project);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, vid);
	db_bind_int(st, 3, pid);
	db_bind_int(st, 4, limit);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, vol_record_fill);
}
