/* SQL for the service projects and their shifts: adding and editing a
 * project, its state (草稿 → 招募中 → 已结束, or 已取消), the lists (each
 * walking an index and stopping at the page's end), and the shifts. */
#include <string.h>

#include "core/clock.h"

#include "modules/volunteers/volunteers_internal.h"

const char *vol_project_state_label(const char *state)
{
	static const char *const m[][2] = {
	    {"draft", "草稿"}, {"recruiting", "招募中"}, {"ended", "已结束"}, {"cancelled", "已取消"}};
	for (size_t i = 0; state && i < sizeof m / sizeof *m; i++)
		if (!strcmp(state, m[i][0]))
			return m[i][1];
	return "";
}

/* Places still open: those of the shifts not yet begun (a past shift's
 * unfilled places are no one's to take), with the clock as parameter n. */
#define OPEN_PLACES(n)                                                                                      \
	"(SELECT COALESCE(SUM(s.places - s.taken), 0) FROM volunteers_shift s WHERE s.community_id ="     \
	" p.community_id AND s.project_id = p.id AND s.starts_at > ?" #n ")"
#define PROJECT_COLS(n)                                                                                      \
	"SELECT p.id, p.title, p.description, p.place, p.organizer, p.org_id, p.leader_user_id, p.state,"    \
	" p.cancel_reason, p.shifts, " OPEN_PLACES(n) ", p.created_at, p.updated_at"
static struct db_query q_get = DB_QUERY(
    PROJECT_COLS(3) ", COALESCE(u.display_name, '') FROM volunteers_project p LEFT JOIN users u ON u.id = p.leader_user_id"
                 " WHERE p.community_id = ?1 AND p.id = ?2");
/* Lists read no description and no leader. */
#define LINE_COLS(n)                                                                                          \
	"SELECT p.id, p.title, '', p.place, p.organizer, p.org_id, p.leader_user_id, p.state, p.cancel_reason," \
	" p.shifts, " OPEN_PLACES(n) ", p.created_at, p.updated_at FROM volunteers_project p"
static struct db_query q_list_state =
    DB_QUERY(LINE_COLS(5) " WHERE p.community_id = ?1 AND p.state = ?2 ORDER BY p.id DESC LIMIT ?3 OFFSET ?4");
static struct db_query q_list_all =
    DB_QUERY(LINE_COLS(4) " WHERE p.community_id = ?1 ORDER BY p.id DESC LIMIT ?2 OFFSET ?3");
static struct db_query q_add = DB_QUERY(
    "INSERT INTO volunteers_project (community_id, id, title, description, place, organizer, org_id,"
    " leader_user_id, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)");
static struct db_query q_update = DB_QUERY(
    "UPDATE volunteers_project SET title = ?3, description = ?4, place = ?5, organizer = ?6, org_id = ?7,"
    " leader_user_id = ?8, updated_at = ?9 WHERE community_id = ?1 AND id = ?2");
static struct db_query q_state = DB_QUERY(
    "UPDATE volunteers_project SET state = ?3, cancel_reason = ?4, updated_at = ?5"
    " WHERE community_id = ?1 AND id = ?2 AND state = ?6");
static struct db_query q_lock =
    DB_QUERY("SELECT state FROM volunteers_project WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_shift_add = DB_QUERY(
    "INSERT INTO volunteers_shift (community_id, id, project_id, starts_at, ends_at, places, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_project_places = DB_QUERY(
    "UPDATE volunteers_project SET shifts = shifts + ?3, places_left = places_left + ?4"
    " WHERE community_id = ?1 AND id = ?2");
static struct db_query q_shift_get = DB_QUERY(
    "SELECT id, project_id, starts_at, ends_at, places, taken FROM volunteers_shift WHERE community_id = ? AND id = ?");
static struct db_query q_shifts = DB_QUERY(
    "SELECT id, project_id, starts_at, ends_at, places, taken FROM volunteers_shift"
    " WHERE community_id = ? AND project_id = ? AND starts_at >= ? ORDER BY starts_at, id LIMIT ?");

static void project_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct vol_project *p = slot;
	p->id = db_col_int(st, 0);
	p->title = db_col_dup(st, 1, a);
	p->description = db_col_dup(st, 2, a);
	p->place = db_col_dup(st, 3, a);
	p->organizer = db_col_dup(st, 4, a);
	p->org_id = db_col_int(st, 5);
	p->leader_user_id = db_col_int(st, 6);
	p->state = db_col_dup(st, 7, a);
	p->cancel_reason = db_col_dup(st, 8, a);
	p->shifts = db_col_int(st, 9);
	p->places_left = db_col_int(st, 10);
	p->created_at = db_col_int(st, 11);
	p->updated_at = db_col_int(st, 12);
	p->leader_name = db_col_count(st) > 13 ? db_col_dup(st, 13, a) : "";
}

static void shift_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct vol_shift *s = slot;
	s->id = db_col_int(st, 0);
	s->project_id = db_col_int(st, 1);
	s->starts_at = db_col_int(st, 2);
	s->ends_at = db_col_int(st, 3);
	s->places = db_col_int(st, 4);
	s->taken = db_col_int(st, 5);
}

static void bind_project(struct db_stmt *st, int64_t community_id, int64_t id, const struct vol_project *p)
{
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, p->title, -1);
	db_bind_text(st, 4, p->description ? p->description : "", -1);
	db_bind_text(st, 5, p->place ? p->place : "", -1);
	db_bind_text(st, 6, p->organizer ? p->organizer : "", -1);
	db_bind_int_or_null(st, 7, p->org_id);
	db_bind_int_or_null(st, 8, p->leader_user_id);
}

int vol_project_add(struct db *db, int64_t community_id, const struct vol_project *p, int64_t by, int64_t now,
		    int64_t *id)
{
	if (db_next_id(db, community_id, "volunteers_project", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_add);
	if (!st)
		return -1;
	bind_project(st, community_id, *id, p);
	db_bind_int_or_null(st, 9, by);
	db_bind_int(st, 10, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int vol_project_update(struct db *db, int64_t community_id, const struct vol_project *p, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_update);
	if (!st)
		return -1;
	bind_project(st, community_id, p->id, p);
	db_bind_int(st, 9, now);
	int rc = db_run_guarded(st);
	return rc == 1 ? VOL_NOT_FOUND : rc;
}

/* Locks project id and reads its state into state[16]: 0, VOL_NOT_FOUND or -1. */
static int lock_project(struct db *db, int64_t community_id, int64_t id, char state[16])
{
	struct db_stmt *st = db_stmt(db, &q_lock);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		const char *s = db_col_text(st, 0);
		strncpy(state, s ? s : "", 15);
		state[15] = 0;
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? VOL_NOT_FOUND : -1;
}

int vol_project_set_state(struct db *db, int64_t community_id, int64_t id, const char *state, const char *reason,
			  int64_t now)
{
	char cur[16];
	int rc = lock_project(db, community_id, id, cur);
	if (rc)
		return rc;
	int live = !strcmp(cur, "draft") || !strcmp(cur, "recruiting");
	int ok = !strcmp(state, "recruiting") ? !strcmp(cur, "draft")
		 : !strcmp(state, "ended") || !strcmp(state, "cancelled") ? live
									  : 0;
	if (!ok)
		return VOL_STATE;
	struct db_stmt *st = db_stmt(db, &q_state);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, state, -1);
	db_bind_text(st, 4, reason ? reason : "", -1);
	db_bind_int(st, 5, now);
	db_bind_text(st, 6, cur, -1);
	rc = db_run_guarded(st);
	return rc == 1 ? VOL_STATE : rc;
}

int vol_project_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct vol_project *out)
{
	struct db_stmt *st = db_stmt(db, &q_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, clock_now());
	int rc = db_row(st, a, out, project_fill);
	return rc == 1 ? VOL_NOT_FOUND : rc;
}

int vol_project_list(struct db *db, struct arena *a, int64_t community_id, const char *state, int64_t offset,
		     int64_t limit, struct vol_project **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, state ? &q_list_state : &q_list_all);
	if (!st)
		return -1;
	int i = 1;
	db_bind_int(st, i++, community_id);
	if (state)
		db_bind_text(st, i++, state, -1);
	db_bind_int(st, i++, limit);
	db_bind_int(st, i++, offset);
	db_bind_int(st, i, clock_now());
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, project_fill);
}

int vol_shift_add(struct db *db, int64_t community_id, int64_t project_id, int64_t starts, int64_t ends,
		  int64_t places, int64_t now, int64_t *id)
{
	char cur[16];
	int rc = lock_project(db, community_id, project_id, cur);
	if (rc)
		return rc;
	if (strcmp(cur, "draft") && strcmp(cur, "recruiting"))
		return VOL_STATE;
	if (db_next_id(db, community_id, "volunteers_shift", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_shift_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	db_bind_int(st, 3, project_id);
	db_bind_int(st, 4, starts);
	db_bind_int(st, 5, ends);
	db_bind_int(st, 6, places);
	db_bind_int(st, 7, now);
	if (db_run(st) != DB_DONE || !(st = db_stmt(db, &q_project_places)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, project_id);
	db_bind_int(st, 3, 1);
	db_bind_int(st, 4, places);
	return db_run_guarded(st) == 0 ? 0 : -1;
}

int vol_shift_get(struct db *db, int64_t community_id, int64_t id, struct vol_shift *out)
{
	struct db_stmt *st = db_stmt(db, &q_shift_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		shift_fill(st, NULL, out);
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? VOL_NOT_FOUND : -1;
}

int vol_shifts(struct db *db, struct arena *a, int64_t community_id, int64_t project_id, int64_t after,
	       int64_t limit, struct vol_shift **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_shifts);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, project_id);
	/* a shift lasts at most a day: those ending after `after` start after after - 1 day */
	db_bind_int(st, 3, after ? after - VOL_MAX_SHIFT_MINUTES * 60 : 0);
	db_bind_int(st, 4, limit);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, shift_fill);
}
