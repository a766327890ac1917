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

/* ---- drafts: edit, delete, return; the workbench's counts ---- */

static struct db_query q_post_return = DB_QUERY(
    "UPDATE disclosure_post SET status = 'draft', submitted_by = NULL, submitted_at = NULL, returned_by = ?,"
    " returned_at = ?, return_reason = ? WHERE community_id = ? AND id = ? AND status = 'submitted'"
    " AND author_id <> ? AND COALESCE(submitted_by, 0) <> ?");
static struct db_query q_post_returned = DB_QUERY(
    "SELECT p.returned_at, p.return_reason, u.display_name FROM disclosure_post p JOIN users u ON u.id = p.returned_by"
    " WHERE p.community_id = ? AND p.id = ? AND p.status = 'draft'");
static struct db_query q_draft_update = DB_QUERY(
    "UPDATE disclosure_post SET item_id = ?, title = ?, body = ?, period_start = ?, period_end = ?, notice_days = ?,"
    " correction_reason = ?, revision = revision + 1 WHERE community_id = ? AND id = ? AND status = 'draft'"
    " AND author_id = ?");
static struct db_query q_draft_recipients_drop =
    DB_QUERY("DELETE FROM disclosure_recipient WHERE community_id = ? AND post_id = ?");
static struct db_query q_draft_attachments_drop =
    DB_QUERY("DELETE FROM disclosure_attachment WHERE community_id = ? AND post_id = ?");
static struct db_query q_draft_delete = DB_QUERY(
    "DELETE FROM disclosure_post WHERE community_id = ? AND id = ? AND status = 'draft' AND author_id = ?");
static struct db_query q_draft_owned = DB_QUERY(
    "SELECT 1 FROM disclosure_post WHERE community_id = ? AND id = ? AND status = 'draft' AND author_id = ?");

int disclosure_post_return(struct db *db, int64_t community_id, int64_t id, int64_t user, const char *reason,
			   int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_post_return);
	if (!st)
		return -1;
	db_bind_int(st, 1, user);
	db_bind_int(st, 2, now);
	db_bind_text(st, 3, reason, -1);
	db_bind_int(st, 4, community_id);
	db_bind_int(st, 5, id);
	db_bind_int(st, 6, user);
	db_bind_int(st, 7, user);
	return db_run_guarded(st);
}

static void returned_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_return *x = slot;
	x->at = db_col_int(st, 0);
	x->reason = db_col_dup(st, 1, a);
	x->by_name = db_col_dup(st, 2, a);
}

int disclosure_post_returned(struct db *db, struct arena *a, int64_t community_id, int64_t id,
			     struct disclosure_return *out)
{
	struct db_stmt *st = db_stmt(db, &q_post_returned);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_row(st, a, out, returned_from_row);
}

int disclosure_draft_owned(struct db *db, int64_t community_id, int64_t id, int64_t author)
{
	struct db_stmt *st = db_stmt(db, &q_draft_owned);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, author);
	int64_t one;
	int rc = db_one_int(st, &one);
	return rc == 0 ? 0 : rc == 1 ? 1 : -1;
}

/* Runs q bound to (community_id, post_id): 0 or -1. */
static int drop_rows(struct db *db, struct db_query *q, int64_t community_id, int64_t post_id)
{
	struct db_stmt *st = db_stmt(db, q);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, post_id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int disclosure_draft_update(struct db *db, int64_t community_id, const struct disclosure_post *p, int drop_list)
{
	struct db_stmt *st = db_stmt(db, &q_draft_update);
	if (!st)
		return -1;
	db_bind_int(st, 1, p->item_id);
	db_bind_text(st, 2, p->title, -1);
	db_bind_text(st, 3, p->body, -1);
	if (p->period_start)
		db_bind_int(st, 4, p->period_start);
	else
		db_bind_null(st, 4);
	if (p->period_end)
		db_bind_int(st, 5, p->period_end);
	else
		db_bind_null(st, 5);
	db_bind_int(st, 6, p->notice_days);
	if (p->correction_reason && *p->correction_reason)
		db_bind_text(st, 7, p->correction_reason, -1);
	else
		db_bind_null(st, 7);
	db_bind_int(st, 8, community_id);
	db_bind_int(st, 9, p->id);
	db_bind_int(st, 10, p->author_id);
	int rc = db_run_guarded(st);
	if (rc == 0 && drop_list && drop_rows(db, &q_draft_recipients_drop, community_id, p->id) < 0)
		return -1;
	return rc;
}

int disclosure_draft_delete(struct db *db, int64_t community_id, int64_t id, int64_t author)
{
	int rc = disclosure_draft_owned(db, community_id, id, author);
	if (rc)
		return rc;
	if (drop_rows(db, &q_draft_recipients_drop, community_id, id) < 0 ||
	    drop_rows(db, &q_draft_attachments_drop, community_id, id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_draft_delete);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, author);
	return db_run_guarded(st);
}

static struct db_query q_todo_posts = DB_QUERY(
    "SELECT status, CASE WHEN author_id = ?2 OR COALESCE(submitted_by, 0) = ?2 THEN 1 ELSE 0 END,"
    " CASE WHEN returned_at IS NULL THEN 0 ELSE 1 END, COUNT(*) FROM disclosure_post"
    " WHERE community_id = ?1 AND status IN ('draft', 'submitted') GROUP BY 1, 2, 3");
static struct db_query q_todo_last_return = DB_QUERY(
    "SELECT return_reason FROM disclosure_post WHERE community_id = ? AND status = 'draft' AND author_id = ?"
    " AND returned_at IS NOT NULL ORDER BY returned_at DESC, id DESC LIMIT 1");
static struct db_query q_todo_threads = DB_QUERY(
    "SELECT kind, status, COUNT(*) FROM disclosure_thread WHERE community_id = ? AND answered_at IS NULL"
    " GROUP BY kind, status");
static struct db_query q_todo_wreqs = DB_QUERY(
    "SELECT COUNT(*) FROM disclosure_withdraw_request WHERE community_id = ? AND requested_by <> ?");

int disclosure_todo_counts(struct db *db, struct arena *a, int64_t community_id, int64_t user,
			   struct disclosure_todo *t)
{
	memset(t, 0, sizeof *t);
	struct db_stmt *st = db_stmt(db, &q_todo_posts);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, user);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int draft = !strcmp(db_col_text(st, 0), "draft"), mine = db_col_int(st, 1) != 0;
		int returned = db_col_int(st, 2) != 0;
		int64_t k = db_col_int(st, 3);
		if (draft && mine && returned)
			t->returned_mine += k;
		if (draft)
			*(mine ? &t->drafts_mine : &t->drafts_others) += k;
		else
			*(mine ? &t->submitted_mine : &t->submitted_others) += k;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return -1;
	if (t->returned_mine) {
		if (!(st = db_stmt(db, &q_todo_last_return)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, user);
		if ((rc = db_step(st)) == DB_ROW)
			t->last_return_reason = db_col_dup(st, 0, a);
		db_reset(st);
		if (rc != DB_ROW && rc != DB_DONE)
			return -1;
	}
	if (!(st = db_stmt(db, &q_todo_threads)))
		return -1;
	db_bind_int(st, 1, community_id);
	while ((rc = db_step(st)) == DB_ROW) {
		int objection = !strcmp(db_col_text(st, 0), "objection");
		const char *status = db_col_text(st, 1);
		int64_t k = db_col_int(st, 2);
		if (!strcmp(status, "held"))
			t->held += k;
		else if (!strcmp(status, "shown"))
			*(objection ? &t->objections : &t->opinions) += k;
	}
	db_reset(st);
	if (rc != DB_DONE || !(st = db_stmt(db, &q_todo_wreqs)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, user);
	return db_one_int(st, &t->withdrawals) == 0 ? 0 : -1;
}

/* Per community under the unit: posts waiting for review ('p') and
 * objections and opinions not answered ('t'), each a grouped index walk. */
static struct db_query q_todo_under = DB_QUERY(
    "SELECT 'p', c.id, COUNT(*) FROM org_unit c JOIN org_unit s ON s.id = c.parent_id"
    " JOIN disclosure_post p ON p.community_id = c.id AND p.status = 'submitted'"
    " WHERE c.kind = 'community' AND (?1 = 0 OR c.id = ?1 OR s.id = ?1 OR s.parent_id = ?1) GROUP BY c.id"
    " UNION ALL SELECT 't', c.id, COUNT(*) FROM org_unit c JOIN org_unit s ON s.id = c.parent_id"
    " JOIN disclosure_thread t ON t.community_id = c.id AND t.answered_at IS NULL AND t.status = 'shown'"
    " WHERE c.kind = 'community' AND (?1 = 0 OR c.id = ?1 OR s.id = ?1 OR s.parent_id = ?1) GROUP BY c.id");

static void under_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct disclosure_todo_row *x = slot;
	x->unanswered = *db_col_text(st, 0) == 't';
	x->community_id = db_col_int(st, 1);
	x->count = db_col_int(st, 2);
}

int disclosure_todo_under(struct db *db, struct arena *a, int64_t unit_id, struct disclosure_todo_row **out,
			  size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_todo_under);
	if (!st)
		return -1;
	db_bind_int(st, 1, unit_id);
	return db_rows(st, a, sizeof **out, 20000, (void **)out, n, under_from_row);
}

static struct db_query q_returned_ids = DB_QUERY(
    "SELECT id FROM disclosure_post WHERE community_id = ? AND status = 'draft' AND returned_at IS NOT NULL"
    " ORDER BY id LIMIT 200");

static void id_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	*(int64_t *)slot = db_col_int(st, 0);
}

int disclosure_returned_ids(struct db *db, struct arena *a, int64_t community_id, int64_t **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_returned_ids);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_rows(st, a, sizeof **out, 200, (void **)out, n, id_from_row);
}
