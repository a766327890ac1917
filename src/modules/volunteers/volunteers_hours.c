/* Check-in, check-out and hours: the arithmetic of minutes served (across
 * midnight, capped), the check-in window, the guarded check steps, the
 * pass tokens (only their hash kept), the confirmation of hours with its
 * corrections, and 补录. Every confirmation or correction keeps the
 * volunteer's totals and the year's summary (volunteers_year) in the same
 * transaction, so the summary always equals the sum of confirmed records. */
#include <string.h>

#include "core/date.h"
#include "modules/volunteers/volunteers_internal.h"

int64_t vol_minutes(int64_t checkin, int64_t checkout, int64_t starts, int64_t ends)
{
	if (checkout <= checkin || ends <= starts)
		return 0;
	int64_t m = (checkout - checkin) / 60, cap = (ends - starts) / 60 + VOL_OVERTIME_MINUTES;
	return m < cap ? m : cap;
}

int vol_in_window(int64_t now, int64_t starts, int64_t ends)
{
	return now >= starts - VOL_WINDOW_EARLY && now <= ends + VOL_WINDOW_LATE;
}

static struct db_query q_lock = DB_QUERY(
    "SELECT state, starts_at, ends_at, checkin_at, checkout_at, volunteer_id, minutes, confirmed_minutes"
    " FROM volunteers_record WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_in = DB_QUERY(
    "UPDATE volunteers_record SET checkin_at = ?3, checkin_by = ?4 WHERE community_id = ?1 AND id = ?2"
    " AND state = 'signed' AND checkin_at IS NULL");
static struct db_query q_out = DB_QUERY(
    "UPDATE volunteers_record SET checkout_at = ?3, checkout_by = ?4, minutes = ?5, token_hash = NULL"
    " WHERE community_id = ?1 AND id = ?2 AND state = 'signed' AND checkin_at IS NOT NULL AND checkout_at IS NULL");
static struct db_query q_pass = DB_QUERY(
    "UPDATE volunteers_record SET token_hash = ?3 WHERE community_id = ?1 AND id = ?2 AND state = 'signed'");
static struct db_query q_confirm = DB_QUERY(
    "UPDATE volunteers_record SET confirmed_minutes = ?3, confirmed_by = ?4, confirmed_at = ?5"
    " WHERE community_id = ?1 AND id = ?2");
static struct db_query q_correction = DB_QUERY(
    "INSERT INTO volunteers_correction (community_id, id, record_id, old_minutes, new_minutes, reason, by_user,"
    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_year = DB_QUERY(
    "UPDATE volunteers_year SET minutes = minutes + ?4, records = records + ?5"
    " WHERE community_id = ?1 AND year = ?2 AND volunteer_id = ?3");
static struct db_query q_year_new = DB_QUERY(
    "INSERT INTO volunteers_year (community_id, year, volunteer_id, minutes, records) VALUES (?, ?, ?, ?, ?)");
static struct db_query q_total = DB_QUERY(
    "UPDATE volunteers_volunteer SET minutes_total = minutes_total + ?3, records = records + ?4"
    " WHERE community_id = ?1 AND id = ?2");
static struct db_query q_backfill = DB_QUERY(
    "INSERT INTO volunteers_record (community_id, id, project_id, shift_id, volunteer_id, state, starts_at, ends_at,"
    " by_user, created_at, minutes, confirmed_minutes, confirmed_by, confirmed_at, note)"
    " VALUES (?1, ?2, ?3, NULL, ?4, 'backfill', ?5, ?6, ?7, ?8, ?9, ?9, ?7, ?8, ?10)");

struct locked {
	char state[16];
	int64_t starts, ends, checkin, checkout, volunteer, minutes, confirmed;
};

/* Locks record rid and reads it. 0, VOL_NOT_FOUND or -1. */
static int lock_record(struct db *db, int64_t community_id, int64_t rid, struct locked *l)
{
	struct db_stmt *st = db_stmt(db, &q_lock);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, rid);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		const char *s = db_col_text(st, 0);
		strncpy(l->state, s ? s : "", sizeof l->state - 1);
		l->state[sizeof l->state - 1] = 0;
		l->starts = db_col_int(st, 1);
		l->ends = db_col_int(st, 2);
		l->checkin = db_col_int(st, 3);
		l->checkout = db_col_int(st, 4);
		l->volunteer = db_col_int(st, 5);
		l->minutes = db_col_is_null(st, 6) ? -1 : db_col_int(st, 6);
		l->confirmed = db_col_is_null(st, 7) ? -1 : db_col_int(st, 7);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? VOL_NOT_FOUND : -1;
}

int vol_check(struct db *db, int64_t community_id, int64_t rid, int out, int64_t by, int64_t now)
{
	struct locked l;
	int rc = lock_record(db, community_id, rid, &l);
	if (rc)
		return rc;
	if (strcmp(l.state, "signed"))
		return VOL_NOT_FOUND;
	if (!vol_in_window(now, l.starts, l.ends))
		return VOL_NOT_NOW;
	if (!out && l.checkin)
		return VOL_CHECKED_IN;
	if (out && !l.checkin)
		return VOL_NOT_IN;
	if (out && l.checkout)
		return VOL_CHECKED_OUT;
	struct db_stmt *st = db_stmt(db, out ? &q_out : &q_in);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, rid);
	db_bind_int(st, 3, now);
	db_bind_int_or_null(st, 4, by);
	if (out)
		db_bind_int(st, 5, vol_minutes(l.checkin, now, l.starts, l.ends));
	rc = db_run_guarded(st);
	return rc == 1 ? (out ? VOL_CHECKED_OUT : VOL_CHECKED_IN) : rc;
}

int vol_pass_set(struct db *db, int64_t community_id, int64_t rid, const char *token_hash)
{
	struct db_stmt *st = db_stmt(db, &q_pass);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, rid);
	db_bind_text(st, 3, token_hash, -1);
	int rc = db_run_guarded(st);
	return rc == 1 ? VOL_NOT_FOUND : rc;
}

#define FIND_SQL                                                                                               \
	"SELECT r.id, r.project_id, r.shift_id, r.volunteer_id, r.state, r.starts_at, r.ends_at, r.by_user,"  \
	" r.created_at, r.checkin_at, r.checkout_at, r.minutes, r.confirmed_minutes, r.confirmed_by,"           \
	" r.confirmed_at, '', r.note, p.title, v.name_masked FROM volunteers_record r"                         \
	" JOIN volunteers_project p ON p.community_id = r.community_id AND p.id = r.project_id"                \
	" JOIN volunteers_volunteer v ON v.community_id = r.community_id AND v.id = r.volunteer_id"            \
	" WHERE r.token_hash = ? AND r.community_id = ?"
static struct db_query q_find = DB_QUERY(FIND_SQL);

int vol_pass_find(struct db *db, struct arena *a, int64_t community_id, const char *token_hash,
		  struct vol_record *out)
{
	struct db_stmt *st = db_stmt(db, &q_find);
	if (!st)
		return -1;
	db_bind_text(st, 1, token_hash, -1);
	db_bind_int(st, 2, community_id);
	int rc = db_row(st, a, out, vol_record_fill);
	return rc == 1 ? VOL_NOT_FOUND : rc;
}

/* Adds minutes and records to volunteer vid's totals and to the summary of
 * the year of `at` (China time). 0 or -1. */
static int summary_add(struct db *db, int64_t community_id, int64_t vid, int64_t at, int64_t minutes,
		       int64_t records)
{
	/* the volunteer's row first: its lock orders every change to this
	 * volunteer's summary, so the year's row is made once */
	struct db_stmt *st = db_stmt(db, &q_total);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, vid);
	db_bind_int(st, 3, minutes);
	db_bind_int(st, 4, records);
	if (db_run_guarded(st) != 0)
		return -1;
	for (int insert = 0; insert < 2; insert++) {
		if (!(st = db_stmt(db, insert ? &q_year_new : &q_year)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, date_from_time(at).y);
		db_bind_int(st, 3, vid);
		db_bind_int(st, 4, minutes);
		db_bind_int(st, 5, records);
		int rc = insert ? (db_run(st) == DB_DONE ? 0 : -1) : db_run_guarded(st);
		if (rc <= 0)
			return rc;
	}
	return -1;
}

int vol_confirm(struct db *db, int64_t community_id, int64_t rid, int64_t minutes, const char *reason, int64_t by,
		int64_t now)
{
	struct locked l;
	int rc = lock_record(db, community_id, rid, &l);
	if (rc)
		return rc;
	if (!strcmp(l.state, "cancelled"))
		return VOL_NOT_FOUND;
	if (l.minutes < 0)
		return VOL_NOT_IN;
	if (minutes < 0)
		minutes = l.minutes;
	int first = l.confirmed < 0;
	if (!first && (minutes == l.confirmed || !reason || !*reason))
		return VOL_STATE;
	struct db_stmt *st = db_stmt(db, &q_confirm);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, rid);
	db_bind_int(st, 3, minutes);
	db_bind_int_or_null(st, 4, by);
	db_bind_int(st, 5, now);
	if (db_run_guarded(st) != 0)
		return -1;
	if (!first) {
		int64_t cid;
		if (db_next_id(db, community_id, "volunteers_correction", &cid) < 0 || !(st = db_stmt(db, &q_correction)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, cid);
		db_bind_int(st, 3, rid);
		db_bind_int(st, 4, l.confirmed);
		db_bind_int(st, 5, minutes);
		db_bind_text(st, 6, reason, -1);
		db_bind_int_or_null(st, 7, by);
		db_bind_int(st, 8, now);
		if (db_run(st) != DB_DONE)
			return -1;
	}
	return summary_add(db, community_id, l.volunteer, l.starts, first ? minutes : minutes - l.confirmed, first);
}

int vol_backfill(struct db *db, int64_t community_id, int64_t pid, int64_t vid, int64_t starts, int64_t ends,
		 int64_t minutes, const char *reason, int64_t by, int64_t now, int64_t *id)
{
	if (db_next_id(db, community_id, "volunteers_record", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_backfill);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	db_bind_int(st, 3, pid);
	db_bind_int(st, 4, vid);
	db_bind_int(st, 5, starts);
	db_bind_int(st, 6, ends);
	db_bind_int_or_null(st, 7, by);
	db_bind_int(st, 8, now);
	db_bind_int(st, 9, minutes);
	db_bind_text(st, 10, reason, -1);
	int rc = db_run(st);
	if (rc == DB_CONSTRAINT)
		return VOL_NOT_FOUND; /* no such project or volunteer here */
	if (rc != DB_DONE)
		return -1;
	return summary_add(db, community_id, vid, starts, minutes, 1);
}
