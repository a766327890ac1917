/* SQL for the workflow's safeguards: board settings and the requests to
 * change them, withdrawal requests, the review of objections and the
 * objection rate limits. Each step that must happen once (taking a request,
 * reviewing an objection) is one statement whose returned rows say whether
 * it did, so that two servers acting at once cannot both do it. */
#include <string.h>

#include "modules/disclosure/disclosure_internal.h"

static const char *const setting_names[SETTING__MAX] = {"two_person", "review_objections"};
static const char *const setting_labels[SETTING__MAX] = {"双人审核", "异议先审后显示"};

const char *disclosure_setting_name(enum disclosure_setting s)
{
	return (unsigned)s < SETTING__MAX ? setting_names[s] : "";
}

const char *disclosure_setting_label(enum disclosure_setting s)
{
	return (unsigned)s < SETTING__MAX ? setting_labels[s] : "";
}

int disclosure_setting_from(const char *s)
{
	for (int i = 0; s && i < SETTING__MAX; i++)
		if (!strcmp(s, setting_names[i]))
			return i;
	return -1;
}

int disclosure_setting_needs_approval(enum disclosure_setting s, int value)
{
	return s == SETTING_TWO_PERSON && !value;
}

static struct db_query q_settings =
    DB_QUERY("SELECT two_person, review_objections FROM disclosure_settings WHERE community_id = ?");
static struct db_query q_review_set = DB_QUERY(
    "INSERT INTO disclosure_settings (community_id, two_person, review_objections, updated_at) VALUES (?, 1, ?, ?)"
    " ON CONFLICT (community_id) DO UPDATE SET review_objections = excluded.review_objections,"
    " updated_at = excluded.updated_at");
#define REQUEST_COLS                                                                                       \
	"r.setting, r.value, r.reason, r.requested_by, r.requested_role, r.requested_at"
static struct db_query q_request_get = DB_QUERY(
    "SELECT " REQUEST_COLS ", u.display_name FROM disclosure_setting_request r JOIN users u ON u.id = r.requested_by"
    " WHERE r.community_id = ?");
static struct db_query q_request_add = DB_QUERY(
    "INSERT INTO disclosure_setting_request (community_id, setting, value, reason, requested_by, requested_role,"
    " requested_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_id) DO NOTHING RETURNING community_id");
static struct db_query q_request_take = DB_QUERY(
    "DELETE FROM disclosure_setting_request WHERE community_id = ? AND requested_by <> ?"
    " RETURNING setting, value, reason, requested_by, requested_role, requested_at, ''");
static struct db_query q_request_drop = DB_QUERY("DELETE FROM disclosure_setting_request WHERE community_id = ?");
static struct db_query q_change_add = DB_QUERY(
    "INSERT INTO disclosure_setting_change (community_id, leaf_index, setting, value, reason, requested_by,"
    " requested_role, requested_at, approved_by, approved_role, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_changes = DB_QUERY(
    "SELECT c.setting, c.value, c.reason, c.requested_by, c.requested_role, c.requested_at, ur.display_name,"
    " COALESCE(c.approved_by, 0), c.approved_role, COALESCE(ua.display_name, ''), c.changed_at, c.leaf_index"
    " FROM disclosure_setting_change c JOIN users ur ON ur.id = c.requested_by"
    " LEFT JOIN users ua ON ua.id = c.approved_by WHERE c.community_id = ? ORDER BY c.leaf_index");

int disclosure_settings_get(struct db *db, int64_t community_id, struct disclosure_settings *s)
{
	/* A community without a settings row has the defaults of a new one. */
	*s = (struct disclosure_settings){.two_person = 1, .review_objections = 0};
	struct db_stmt *st = db_stmt(db, &q_settings);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		s->two_person = db_col_int(st, 0) != 0;
		s->review_objections = db_col_int(st, 1) != 0;
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

int disclosure_setting_set(struct db *db, int64_t community_id, enum disclosure_setting s, int value, int64_t now)
{
	if (s == SETTING_TWO_PERSON)
		return disclosure_two_person_set(db, community_id, value, now);
	struct db_stmt *st = db_stmt(db, &q_review_set);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, value != 0);
	db_bind_int(st, 3, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

/* (setting, value, reason, requested_by, requested_role, requested_at, requester name) */
static void request_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_setting_change *r = slot;
	memset(r, 0, sizeof *r);
	r->setting = (enum disclosure_setting)disclosure_setting_from(db_col_text(st, 0));
	r->value = db_col_int(st, 1) != 0;
	r->reason = db_col_dup(st, 2, a);
	r->requested_by = db_col_int(st, 3);
	r->requested_role = db_col_dup(st, 4, a);
	r->requested_at = db_col_int(st, 5);
	r->requester_name = db_col_dup(st, 6, a);
	r->approved_role = "";
	r->approver_name = "";
}

int disclosure_setting_request_get(struct db *db, struct arena *a, int64_t community_id,
				   struct disclosure_setting_change *req)
{
	struct db_stmt *st = db_stmt(db, &q_request_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_row(st, a, req, request_from_row);
}

int disclosure_setting_request_add(struct db *db, int64_t community_id, const struct disclosure_setting_change *req)
{
	struct db_stmt *st = db_stmt(db, &q_request_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, disclosure_setting_name(req->setting), -1);
	db_bind_int(st, 3, req->value != 0);
	db_bind_text(st, 4, req->reason, -1);
	db_bind_int(st, 5, req->requested_by);
	db_bind_text(st, 6, req->requested_role, -1);
	db_bind_int(st, 7, req->requested_at);
	int64_t id;
	int rc = db_one_int(st, &id);
	return rc == 0 ? 0 : rc == 1 ? 1 : -1;
}

int disclosure_setting_request_take(struct db *db, struct arena *a, int64_t community_id, int64_t not_by,
				    struct disclosure_setting_change *req)
{
	struct db_stmt *st = db_stmt(db, &q_request_take);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, not_by);
	return db_row(st, a, req, request_from_row);
}

int disclosure_setting_request_drop(struct db *db, int64_t community_id)
{
	struct db_stmt *st = db_stmt(db, &q_request_drop);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int disclosure_setting_change_add(struct db *db, int64_t community_id, const struct disclosure_setting_change *ch)
{
	struct db_stmt *st = db_stmt(db, &q_change_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, ch->leaf_index);
	db_bind_text(st, 3, disclosure_setting_name(ch->setting), -1);
	db_bind_int(st, 4, ch->value != 0);
	db_bind_text(st, 5, ch->reason ? ch->reason : "", -1);
	db_bind_int(st, 6, ch->requested_by);
	db_bind_text(st, 7, ch->requested_role, -1);
	db_bind_int(st, 8, ch->requested_at);
	if (ch->approved_by)
		db_bind_int(st, 9, ch->approved_by);
	else
		db_bind_null(st, 9);
	db_bind_text(st, 10, ch->approved_by ? ch->approved_role : "", -1);
	db_bind_int(st, 11, ch->changed_at);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static void change_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_setting_change *c = slot;
	request_from_row(st, a, slot);
	c->approved_by = db_col_int(st, 7);
	c->approved_role = db_col_dup(st, 8, a);
	c->approver_name = db_col_dup(st, 9, a);
	c->changed_at = db_col_int(st, 10);
	c->leaf_index = db_col_int(st, 11);
}

int disclosure_setting_changes(struct db *db, struct arena *a, int64_t community_id,
			       struct disclosure_setting_change **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_changes);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_rows(st, a, sizeof **out, 10000, (void **)out, n, change_from_row);
}

static struct db_query q_threads_release = DB_QUERY(
    "UPDATE disclosure_thread SET status = 'shown' WHERE community_id = ? AND status = 'held'");

int disclosure_threads_release(struct db *db, int64_t community_id)
{
	struct db_stmt *st = db_stmt(db, &q_threads_release);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static struct db_query q_wreq_add = DB_QUERY(
    "INSERT INTO disclosure_withdraw_request (community_id, post_id, reason, requested_by, requested_at)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (community_id, post_id) DO NOTHING RETURNING post_id");
#define WREQ_COLS                                                                                          \
	"SELECT q.post_id, q.requested_by, q.requested_at, q.reason, u.display_name, p.title"              \
	" FROM disclosure_withdraw_request q JOIN users u ON u.id = q.requested_by"                        \
	" JOIN disclosure_post p ON p.community_id = q.community_id AND p.id = q.post_id"                  \
	" WHERE q.community_id = ?"
static struct db_query q_wreq_get = DB_QUERY(WREQ_COLS " AND q.post_id = ?");
static struct db_query q_wreqs = DB_QUERY(WREQ_COLS " ORDER BY q.requested_at, q.post_id");
static struct db_query q_wreq_take = DB_QUERY(
    "DELETE FROM disclosure_withdraw_request WHERE community_id = ? AND post_id = ? AND requested_by <> ?"
    " RETURNING post_id, requested_by, requested_at, reason, '', ''");
static struct db_query q_wreq_drop =
    DB_QUERY("DELETE FROM disclosure_withdraw_request WHERE community_id = ? AND post_id = ?");

int disclosure_withdraw_request_add(struct db *db, int64_t community_id, const struct disclosure_withdraw_request *q)
{
	struct db_stmt *st = db_stmt(db, &q_wreq_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, q->post_id);
	db_bind_text(st, 3, q->reason, -1);
	db_bind_int(st, 4, q->requested_by);
	db_bind_int(st, 5, q->requested_at);
	int64_t id;
	int rc = db_one_int(st, &id);
	return rc == 0 ? 0 : rc == 1 ? 1 : -1;
}

static void wreq_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_withdraw_request *q = slot;
	q->post_id = db_col_int(st, 0);
	q->requested_by = db_col_int(st, 1);
	q->requested_at = db_col_int(st, 2);
	q->reason = db_col_dup(st, 3, a);
	q->requester_name = db_col_dup(st, 4, a);
	q->post_title = db_col_dup(st, 5, a);
}

int disclosure_withdraw_request_get(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
				    struct disclosure_withdraw_request *q)
{
	struct db_stmt *st = db_stmt(db, &q_wreq_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, post_id);
	return db_row(st, a, q, wreq_from_row);
}

int disclosure_withdraw_request_take(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
				     int64_t not_by, struct disclosure_withdraw_request *q)
{
	struct db_stmt *st = db_stmt(db, &q_wreq_take);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, post_id);
	db_bind_int(st, 3, not_by);
	return db_row(st, a, q, wreq_from_row);
}

int disclosure_withdraw_request_drop(struct db *db, int64_t community_id, int64_t post_id)
{
	struct db_stmt *st = db_stmt(db, &q_wreq_drop);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, post_id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int disclosure_withdraw_requests(struct db *db, struct arena *a, int64_t community_id,
				 struct disclosure_withdraw_request **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_wreqs);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_rows(st, a, sizeof **out, 500, (void **)out, n, wreq_from_row);
}

/* A new window when the old one has passed, else one more in it. PostgreSQL
 * cannot type "? - ?", so the parameters carry casts (no-ops on SQLite). */
#define L_NOW "CAST(?3 AS BIGINT)"
#define L_WINDOW "CAST(?4 AS BIGINT)"
static struct db_query q_limit_count = DB_QUERY(
    "INSERT INTO disclosure_objection_limit (community_id, key, window_start, hits) VALUES (?1, ?2, " L_NOW ", 1)"
    " ON CONFLICT (community_id, key) DO UPDATE SET"
    " hits = CASE WHEN " L_NOW " - disclosure_objection_limit.window_start >= " L_WINDOW
    " THEN 1 ELSE disclosure_objection_limit.hits + 1 END,"
    " window_start = CASE WHEN " L_NOW " - disclosure_objection_limit.window_start >= " L_WINDOW
    " THEN " L_NOW " ELSE disclosure_objection_limit.window_start END"
    " RETURNING hits");
static struct db_query q_limit_expire = DB_QUERY(
    "DELETE FROM disclosure_objection_limit WHERE community_id = ? AND window_start <= CAST(? AS BIGINT)");
static struct db_query q_thread_hold = DB_QUERY(
    "UPDATE disclosure_thread SET status = 'held' WHERE community_id = ? AND id = ? AND answered_at IS NULL");
static struct db_query q_thread_review = DB_QUERY(
    "UPDATE disclosure_thread SET status = ?, reviewed_by = ?, reviewed_at = ?, review_note = ?"
    " WHERE community_id = ? AND id = ? AND status = 'held' RETURNING id");
static struct db_query q_rejected_post = DB_QUERY(
    "SELECT COUNT(*) FROM disclosure_thread WHERE community_id = ? AND post_id = ? AND status = 'rejected'");
static struct db_query q_rejected_all = DB_QUERY(
    "SELECT COUNT(*) FROM disclosure_thread WHERE community_id = ? AND status = 'rejected' AND ? = 0");

int64_t disclosure_objection_count(struct db *db, int64_t community_id, const char *key, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_limit_expire);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, now - OBJECTION_WINDOW);
	if (db_run(st) != DB_DONE || !(st = db_stmt(db, &q_limit_count)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, key, -1);
	db_bind_int(st, 3, now);
	db_bind_int(st, 4, OBJECTION_WINDOW);
	int64_t hits = -1;
	return db_one_int(st, &hits) == 0 ? hits : -1;
}

int disclosure_thread_hold(struct db *db, int64_t community_id, int64_t id)
{
	struct db_stmt *st = db_stmt(db, &q_thread_hold);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int disclosure_thread_review(struct db *db, int64_t community_id, int64_t id, enum thread_status to, int64_t user,
			     int64_t now, const char *note)
{
	struct db_stmt *st = db_stmt(db, &q_thread_review);
	if (!st)
		return -1;
	db_bind_text(st, 1, to == THREAD_REJECTED ? "rejected" : "shown", -1);
	db_bind_int(st, 2, user);
	db_bind_int(st, 3, now);
	db_bind_text(st, 4, note ? note : "", -1);
	db_bind_int(st, 5, community_id);
	db_bind_int(st, 6, id);
	int64_t got;
	int rc = db_one_int(st, &got);
	return rc == 0 ? 0 : rc == 1 ? 1 : -1;
}

int64_t disclosure_threads_rejected(struct db *db, int64_t community_id, int64_t post_id)
{
	struct db_stmt *st = db_stmt(db, post_id ? &q_rejected_post : &q_rejected_all);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, post_id);
	int64_t n = -1;
	return db_one_int(st, &n) == 0 ? n : -1;
}
