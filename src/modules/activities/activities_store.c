/* SQL for the activities themselves: reading one, the lists (each walking
 * an index in the order it shows and stopping at the page's end), adding,
 * editing, publishing and cancelling. Sign-ups are in activities_signup.c. */
#include <string.h>

#include "modules/activities/activities_internal.h"

const struct act_kind act_kinds[] = {
    {"festival", "节日活动"}, {"culture", "文体活动"},	    {"school", "居民学校"},
    {"youth", "青少年心理健康"}, {"skills", "就业技能培训"}, {"reading", "读书会"},
    {"volunteer", "志愿服务"},	 {"other", "其他活动"},
};
const size_t act_nkinds = sizeof act_kinds / sizeof *act_kinds;

const char *act_kind_label(const char *code)
{
	for (size_t i = 0; code && i < act_nkinds; i++)
		if (!strcmp(code, act_kinds[i].code))
			return act_kinds[i].label;
	return "其他活动";
}

int act_kind_ok(const char *code)
{
	for (size_t i = 0; code && i < act_nkinds; i++)
		if (!strcmp(code, act_kinds[i].code))
			return 1;
	return 0;
}

const char *act_state_label(const char *state)
{
	static const char *const m[][2] = {{"draft", "草稿"},	      {"published", "已发布"},
					   {"cancelled", "已取消"},   {"confirmed", "已报名"},
					   {"waitlisted", "候补"}};
	for (size_t i = 0; state && i < sizeof m / sizeof *m; i++)
		if (!strcmp(state, m[i][0]))
			return m[i][1];
	return "";
}

#define ACT_COLS                                                                                             \
	"SELECT id, kind, title, organizer, place, starts_at, ends_at, signup_closes_at, capacity, audience,"  \
	" min_age, description, state, cancel_reason, confirmed, waitlisted, next_arrival, attended, needs_call," \
	" report, report_at, photos, created_at, updated_at, facility_id, booking_id FROM activities_activity"
static struct db_query q_get = DB_QUERY(ACT_COLS " WHERE community_id = ? AND id = ?");
static struct db_query q_lock =
    DB_QUERY("SELECT 1 FROM activities_activity WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_add = DB_QUERY(
    "INSERT INTO activities_activity (community_id, id, kind, title, organizer, place, starts_at, ends_at,"
    " signup_closes_at, capacity, audience, min_age, description, created_by, created_at, updated_by, updated_at,"
    " facility_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?14, ?15, ?16)");
static struct db_query q_update = DB_QUERY(
    "UPDATE activities_activity SET kind = ?3, title = ?4, organizer = ?5, place = ?6, starts_at = ?7,"
    " ends_at = ?8, signup_closes_at = ?9, capacity = ?10, audience = ?11, min_age = ?12, description = ?13,"
    " updated_by = ?14, updated_at = ?15, facility_id = ?16 WHERE community_id = ?1 AND id = ?2");
static struct db_query q_booking = DB_QUERY(
    "UPDATE activities_activity SET booking_id = ? WHERE community_id = ? AND id = ?");
static struct db_query q_publish = DB_QUERY(
    "UPDATE activities_activity SET state = 'published', updated_by = ?, updated_at = ?"
    " WHERE community_id = ? AND id = ? AND state = 'draft'");
static struct db_query q_cancel = DB_QUERY(
    "UPDATE activities_activity SET state = 'cancelled', cancel_reason = ?, updated_by = ?, updated_at = ?"
    " WHERE community_id = ? AND id = ? AND state <> 'cancelled'");

#define LINE_COLS                                                                                           \
	"SELECT id, kind, title, place, state, starts_at, ends_at, signup_closes_at, capacity, confirmed,"   \
	" waitlisted, attended, needs_call, report_at FROM activities_activity"
/* Upcoming: not yet ended. An activity lasts at most ACT_MAX_DAYS, so
 * those still running started after now minus that: the index walk starts
 * there and never reads the history before it. */
static struct db_query q_upcoming = DB_QUERY(
    LINE_COLS " WHERE community_id = ? AND state = 'published' AND starts_at > ? AND ends_at > ?"
              " ORDER BY starts_at, id LIMIT ? OFFSET ?");
static struct db_query q_upcoming_kind = DB_QUERY(
    LINE_COLS " WHERE community_id = ? AND state = 'published' AND kind = ? AND starts_at > ? AND ends_at > ?"
              " ORDER BY starts_at, id LIMIT ? OFFSET ?");
static struct db_query q_past = DB_QUERY(
    LINE_COLS " WHERE community_id = ? AND state = 'published' AND starts_at < ? AND ends_at <= ?"
              " ORDER BY starts_at DESC, id DESC LIMIT ? OFFSET ?");
static struct db_query q_past_kind = DB_QUERY(
    LINE_COLS " WHERE community_id = ? AND state = 'published' AND kind = ? AND starts_at < ? AND ends_at <= ?"
              " ORDER BY starts_at DESC, id DESC LIMIT ? OFFSET ?");
static struct db_query q_all = DB_QUERY(
    LINE_COLS " WHERE community_id = ? ORDER BY starts_at DESC, id DESC LIMIT ? OFFSET ?");
static struct db_query q_feed = DB_QUERY(
    ACT_COLS " WHERE community_id = ? AND starts_at >= ? AND state <> 'draft' ORDER BY starts_at, id LIMIT ?");
/* 活动回顾 reads what it shows: no description, counters or people. */
static struct db_query q_reports = DB_QUERY(
    "SELECT id, title, place, starts_at, ends_at, report, report_at, photos FROM activities_activity"
    " WHERE community_id = ? AND report_at IS NOT NULL ORDER BY report_at DESC, id DESC LIMIT ? OFFSET ?");

static void act_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct act_activity *v = slot;
	v->id = db_col_int(st, 0);
	v->kind = db_col_dup(st, 1, a);
	v->title = db_col_dup(st, 2, a);
	v->organizer = db_col_dup(st, 3, a);
	v->place = db_col_dup(st, 4, a);
	v->starts_at = db_col_int(st, 5);
	v->ends_at = db_col_int(st, 6);
	v->signup_closes_at = db_col_int(st, 7);
	v->capacity = db_col_int(st, 8);
	v->audience = db_col_dup(st, 9, a);
	v->min_age = db_col_int(st, 10);
	v->description = db_col_dup(st, 11, a);
	v->state = db_col_dup(st, 12, a);
	v->cancel_reason = db_col_dup(st, 13, a);
	v->confirmed = db_col_int(st, 14);
	v->waitlisted = db_col_int(st, 15);
	v->next_arrival = db_col_int(st, 16);
	v->attended = db_col_int(st, 17);
	v->needs_call = db_col_int(st, 18);
	v->report = db_col_dup(st, 19, a);
	v->report_at = db_col_int(st, 20);
	v->photos = db_col_int(st, 21);
	v->created_at = db_col_int(st, 22);
	v->updated_at = db_col_int(st, 23);
	v->facility_id = db_col_int(st, 24);
	v->booking_id = db_col_int(st, 25);
}

static void line_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct act_line *l = slot;
	l->id = db_col_int(st, 0);
	l->kind = db_col_dup(st, 1, a);
	l->title = db_col_dup(st, 2, a);
	l->place = db_col_dup(st, 3, a);
	l->state = db_col_dup(st, 4, a);
	l->starts_at = db_col_int(st, 5);
	l->ends_at = db_col_int(st, 6);
	l->signup_closes_at = db_col_int(st, 7);
	l->capacity = db_col_int(st, 8);
	l->confirmed = db_col_int(st, 9);
	l->waitlisted = db_col_int(st, 10);
	l->attended = db_col_int(st, 11);
	l->needs_call = db_col_int(st, 12);
	l->report_at = db_col_int(st, 13);
}

int act_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct act_activity *out)
{
	struct db_stmt *st = db_stmt(db, &q_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_row(st, a, out, act_fill);
	return rc == 1 ? ACT_NOT_FOUND : rc;
}

int act_lock(struct db *db, int64_t community_id, int64_t id)
{
	int rc = db_lock_row(db, &q_lock, community_id, id);
	return rc == 1 ? ACT_NOT_FOUND : rc;
}

static void bind_fields(struct db_stmt *st, int64_t community_id, int64_t id, const struct act_activity *v,
			int64_t by, int64_t now)
{
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, v->kind, -1);
	db_bind_text(st, 4, v->title, -1);
	db_bind_text(st, 5, v->organizer ? v->organizer : "", -1);
	db_bind_text(st, 6, v->place ? v->place : "", -1);
	db_bind_int(st, 7, v->starts_at);
	db_bind_int(st, 8, v->ends_at);
	db_bind_int(st, 9, v->signup_closes_at);
	db_bind_int(st, 10, v->capacity);
	db_bind_text(st, 11, v->audience ? v->audience : "", -1);
	db_bind_int(st, 12, v->min_age);
	db_bind_text(st, 13, v->description ? v->description : "", -1);
	db_bind_int_or_null(st, 14, by);
	db_bind_int(st, 15, now);
	db_bind_int_or_null(st, 16, v->facility_id);
}

int act_add(struct db *db, int64_t community_id, const struct act_activity *v, int64_t by, int64_t now,
	    int64_t *id)
{
	if (db_next_id(db, community_id, "activities_activity", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_add);
	if (!st)
		return -1;
	bind_fields(st, community_id, *id, v, by, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int act_update(struct db *db, int64_t community_id, const struct act_activity *v, int64_t by, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_update);
	if (!st)
		return -1;
	bind_fields(st, community_id, v->id, v, by, now);
	int rc = db_run_guarded(st);
	if (rc)
		return rc == 1 ? ACT_NOT_FOUND : -1;
	return act_fill_places(db, community_id, v->id, now, NULL);
}

/* The resident of the registry (src/modules/people) linked to an account in
 * this community: their year of birth, kept in the clear for age groups
 * (the latest, should an account be linked to two). */
static struct db_query q_birth_year = DB_QUERY(
    "SELECT MAX(birth_year) FROM people_person WHERE user_id = ? AND community_id = ? AND birth_year IS NOT NULL");

int act_birth_year(struct db *db, int64_t community_id, int64_t user_id, int *year)
{
	struct db_stmt *st = db_stmt(db, &q_birth_year);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, community_id);
	int64_t y = 0;
	int rc = db_one_int(st, &y);
	*year = rc == 0 ? (int)y : 0;
	return rc < 0 ? -1 : 0;
}

int act_set_booking(struct db *db, int64_t community_id, int64_t id, int64_t booking_id)
{
	struct db_stmt *st = db_stmt(db, &q_booking);
	if (!st)
		return -1;
	db_bind_int_or_null(st, 1, booking_id);
	db_bind_int(st, 2, community_id);
	db_bind_int(st, 3, id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

/* Tells a guarded step's result apart: the row missing or in another state. */
static int guarded_result(struct db *db, int64_t community_id, int64_t id, int rc)
{
	if (rc <= 0)
		return rc;
	rc = act_lock(db, community_id, id);
	return rc == 0 ? ACT_STATE : rc;
}

int act_publish(struct db *db, int64_t community_id, int64_t id, int64_t by, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_publish);
	if (!st)
		return -1;
	db_bind_int_or_null(st, 1, by);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, community_id);
	db_bind_int(st, 4, id);
	return guarded_result(db, community_id, id, db_run_guarded(st));
}

int act_cancel(struct db *db, int64_t community_id, int64_t id, const char *reason, int64_t by, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_cancel);
	if (!st)
		return -1;
	db_bind_text(st, 1, reason, -1);
	db_bind_int_or_null(st, 2, by);
	db_bind_int(st, 3, now);
	db_bind_int(st, 4, community_id);
	db_bind_int(st, 5, id);
	return guarded_result(db, community_id, id, db_run_guarded(st));
}

int act_list(struct db *db, struct arena *a, int64_t community_id, enum act_when when, const char *kind,
	     int64_t now, int64_t offset, int64_t limit, struct act_line **out, size_t *n)
{
	struct db_query *q = when == ACT_ALL	    ? &q_all
			     : when == ACT_UPCOMING ? (kind ? &q_upcoming_kind : &q_upcoming)
						    : (kind ? &q_past_kind : &q_past);
	struct db_stmt *st = db_stmt(db, q);
	if (!st)
		return -1;
	int i = 1;
	db_bind_int(st, i++, community_id);
	if (when != ACT_ALL) {
		if (kind)
			db_bind_text(st, i++, kind, -1);
		db_bind_int(st, i++, when == ACT_UPCOMING ? now - ACT_MAX_DAYS * 86400 : now);
		db_bind_int(st, i++, now);
	}
	db_bind_int(st, i++, limit);
	db_bind_int(st, i, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, line_fill);
}

int act_feed(struct db *db, struct arena *a, int64_t community_id, int64_t from, int64_t limit,
	     struct act_activity **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_feed);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, from);
	db_bind_int(st, 3, limit);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, act_fill);
}

static void report_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct act_activity *v = slot;
	memset(v, 0, sizeof *v);
	v->id = db_col_int(st, 0);
	v->title = db_col_dup(st, 1, a);
	v->place = db_col_dup(st, 2, a);
	v->starts_at = db_col_int(st, 3);
	v->ends_at = db_col_int(st, 4);
	v->report = db_col_dup(st, 5, a);
	v->report_at = db_col_int(st, 6);
	v->photos = db_col_int(st, 7);
	v->kind = v->organizer = v->audience = v->description = v->state = v->cancel_reason = "";
}

int act_reports(struct db *db, struct arena *a, int64_t community_id, int64_t offset, int64_t limit,
		struct act_activity **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_reports);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, limit);
	db_bind_int(st, 3, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, report_fill);
}
