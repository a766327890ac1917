/* SQL for the disclosure catalogue, posts, recipient lists and threads. */
#include <sodium.h>
#include <string.h>

#include "core/log.h"
#include "modules/disclosure/disclosure.h"
#include "pii/pii.h"

static struct db_query q_settings_put = DB_QUERY(
    "INSERT INTO disclosure_settings (community_id, two_person, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (community_id) DO NOTHING");
static struct db_query q_two_person_set = DB_QUERY(
    "INSERT INTO disclosure_settings (community_id, two_person, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (community_id) DO UPDATE SET two_person = excluded.two_person, updated_at = excluded.updated_at");
static struct db_query q_two_person =
    DB_QUERY("SELECT two_person FROM disclosure_settings WHERE community_id = ?");
#define ITEM_COLS                                                                                          \
	"SELECT i.id, i.code, i.category, i.title, i.content, i.basis, i.frequency, i.responsible,"        \
	" i.channels, i.personal_data, i.public_columns, i.notice_days, i.sort_order, i.created_at,"      \
	" COALESCE(i.retired_at, 0), (SELECT COALESCE(MAX(p.published_at), 0) FROM disclosure_post p"     \
	" WHERE p.community_id = i.community_id AND p.item_id = i.id AND p.status = 'published')"         \
	" FROM disclosure_item i WHERE i.community_id = ?"
static struct db_query q_items = DB_QUERY(ITEM_COLS " AND i.retired_at IS NULL ORDER BY i.sort_order, i.id");
static struct db_query q_items_all = DB_QUERY(ITEM_COLS " ORDER BY i.sort_order, i.id");
static struct db_query q_item = DB_QUERY(ITEM_COLS " AND i.id = ?");
static struct db_query q_item_add = DB_QUERY(
    "INSERT INTO disclosure_item (community_id, id, code, category, title, content, basis, frequency,"
    " responsible, channels, personal_data, public_columns, notice_days, sort_order, created_at, updated_at)"
    " VALUES (?1, ?15, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) RETURNING id");
static struct db_query q_item_update = DB_QUERY(
    "UPDATE disclosure_item SET category = ?, title = ?, content = ?, basis = ?, frequency = ?,"
    " responsible = ?, channels = ?, personal_data = ?, public_columns = ?, notice_days = ?, updated_at = ?"
    " WHERE community_id = ? AND id = ?");
static struct db_query q_item_retire = DB_QUERY(
    "UPDATE disclosure_item SET retired_at = ? WHERE community_id = ? AND id = ? AND retired_at IS NULL");

#define POST_COLS                                                                                          \
	"SELECT p.id, p.item_id, COALESCE(p.replaces_id, 0), p.author_id, COALESCE(p.submitted_by, 0),"     \
	" COALESCE(p.approved_by, 0), i.code, COALESCE(p.item_title, i.title), p.title, p.body,"           \
	" COALESCE(p.correction_reason, ''),"                                                              \
	" ua.display_name, COALESCE(ub.display_name, ''), p.status, COALESCE(p.period_start, 0),"          \
	" COALESCE(p.period_end, 0), COALESCE(p.notice_start, 0), p.notice_days, p.created_at,"           \
	" COALESCE(p.published_at, 0), COALESCE(p.leaf_index, -1), COALESCE(l.hash, ''),"                 \
	" COALESCE((SELECT c.id FROM disclosure_post c WHERE c.community_id = p.community_id"              \
	" AND c.replaces_id = p.id AND c.status = 'published' LIMIT 1), 0),"                             \
	" COALESCE(w.withdrawn_at, 0), COALESCE(w.reason, ''), COALESCE(w.leaf_index, -1),"                \
	" COALESCE(p.public_columns, i.public_columns), COALESCE(p.personal_data, i.personal_data),"       \
	" COALESCE(w.closes_objections, 0)"                                                                \
	" FROM disclosure_post p JOIN disclosure_item i ON i.community_id = p.community_id AND i.id = p.item_id" \
	" JOIN users ua ON ua.id = p.author_id LEFT JOIN users ub ON ub.id = p.approved_by"                \
	" LEFT JOIN tlog_leaf l ON l.community_id = p.community_id AND l.idx = p.leaf_index"               \
	" LEFT JOIN disclosure_withdrawal w ON w.community_id = p.community_id AND w.post_id = p.id"       \
	" WHERE p.community_id = ?"
static struct db_query q_post = DB_QUERY(POST_COLS " AND p.id = ?");
/* The page's posts are picked first by an index walk, so the joins and the
 * per-post subqueries run for the page's rows only. */
static struct db_query q_board = DB_QUERY(
    POST_COLS " AND p.id IN (SELECT b.id FROM disclosure_post b WHERE b.community_id = ? AND b.status = 'published'"
	      " AND b.published_at >= ? AND b.published_at < ?"
	      " ORDER BY b.published_at DESC, b.id DESC LIMIT ? OFFSET ?) ORDER BY p.published_at DESC, p.id DESC");
static struct db_query q_board_item = DB_QUERY(
    POST_COLS " AND p.id IN (SELECT b.id FROM disclosure_post b WHERE b.community_id = ? AND b.item_id = ?"
	      " AND b.status = 'published' AND b.published_at >= ? AND b.published_at < ?"
	      " ORDER BY b.published_at DESC, b.id DESC LIMIT ? OFFSET ?)"
	      " ORDER BY p.published_at DESC, p.id DESC");
static struct db_query q_pending =
    DB_QUERY(POST_COLS " AND p.status <> 'published' ORDER BY p.created_at DESC, p.id DESC LIMIT 200");
static struct db_query q_post_add = DB_QUERY(
    "INSERT INTO disclosure_post (community_id, id, item_id, title, body, period_start, period_end,"
    " notice_days, status, replaces_id, correction_reason, author_id, created_at)"
    " VALUES (?1, ?12, ?2, ?3, ?4, ?5, ?6, ?7, 'draft', ?8, ?9, ?10, ?11) RETURNING id");
static struct db_query q_post_submit = DB_QUERY(
    "UPDATE disclosure_post SET status = 'submitted', submitted_by = ?, submitted_at = ?"
    " WHERE community_id = ? AND id = ? AND status = 'draft'");
static struct db_query q_post_publish = DB_QUERY(
    "UPDATE disclosure_post SET status = 'published', approved_by = ?, published_at = ?, notice_start = ?,"
    " leaf_index = ? WHERE community_id = ? AND id = ? AND status <> 'published'");
static struct db_query q_post_lock =
    DB_QUERY("SELECT status FROM disclosure_post WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_thread_lock =
    DB_QUERY("SELECT id FROM disclosure_thread WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_post_snapshot = DB_QUERY(
    "UPDATE disclosure_post SET item_title = ?, public_columns = ?, personal_data = ?"
    " WHERE community_id = ? AND id = ? AND item_title IS NULL");
static struct db_query q_withdraw = DB_QUERY(
    "INSERT INTO disclosure_withdrawal (community_id, post_id, reason, withdrawn_by, withdrawn_at, leaf_index,"
    " requested_by, closes_objections) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
/* Personal fields are sealed (src/pii) beside their masked projections;
 * the public reads select the projections only, the staff reads add the
 * sealed columns and open them. */
static struct db_query q_rcpt_add = DB_QUERY(
    "INSERT INTO disclosure_recipient (name_sealed, id_sealed, phone_sealed, address_sealed, note_sealed,"
    " name_masked, id_masked, phone_masked, address_masked, note_masked, community_id, post_id, row_no,"
    " household_size, amount_fen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
#define RCPT_COLS                                                                                          \
	"SELECT row_no, name_masked, id_masked, phone_masked, address_masked, note_masked, household_size,"   \
	" amount_fen"
#define RCPT_WHERE " FROM disclosure_recipient WHERE community_id = ? AND post_id = ? ORDER BY row_no"
static struct db_query q_rcpt_public = DB_QUERY(RCPT_COLS RCPT_WHERE);
static struct db_query q_rcpt_full = DB_QUERY(
    RCPT_COLS ", name_sealed, id_sealed, phone_sealed, address_sealed, note_sealed" RCPT_WHERE);
static struct db_query q_thread_add = DB_QUERY(
    "INSERT INTO disclosure_thread (body_sealed, body_masked, contact_sealed, contact_masked, community_id, id,"
    " kind, post_id, item_id, user_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " RETURNING id");
#define THREAD_SELECT                                                                                      \
	"SELECT t.id, t.kind, COALESCE(t.post_id, 0), COALESCE(t.item_id, 0), COALESCE(t.user_id, 0),"      \
	" t.body_masked, COALESCE(t.answer_masked, ''), COALESCE(t.answered_at, 0),"                       \
	" COALESCE(t.answer_leaf, -1), t.created_at, COALESCE(u.display_name, ''), COALESCE(p.title, ''),"  \
	" COALESCE(i.title, ''), t.contact_masked, t.status"
#define THREAD_FROM                                                                                        \
	" FROM disclosure_thread t LEFT JOIN users u ON u.id = t.user_id"                                  \
	" LEFT JOIN disclosure_post p ON p.community_id = t.community_id AND p.id = t.post_id"             \
	" LEFT JOIN disclosure_item i ON i.community_id = t.community_id AND i.id = t.item_id"             \
	" WHERE t.community_id = ?"
#define THREAD_COLS THREAD_SELECT THREAD_FROM
#define THREAD_FULL THREAD_SELECT ", t.body_sealed, t.contact_sealed" THREAD_FROM
static struct db_query q_threads_post = DB_QUERY(THREAD_COLS " AND t.post_id = ? ORDER BY t.id");
static struct db_query q_threads_open =
    DB_QUERY(THREAD_COLS " AND t.answered_at IS NULL AND t.status = 'shown' AND ? = 0 ORDER BY t.id");
static struct db_query q_threads_opinions =
    DB_QUERY(THREAD_COLS " AND t.kind = 'opinion' AND ? = -1 ORDER BY t.id DESC");
static struct db_query q_threads_post_full = DB_QUERY(THREAD_FULL " AND t.post_id = ? ORDER BY t.id");
static struct db_query q_threads_open_full =
    DB_QUERY(THREAD_FULL " AND t.answered_at IS NULL AND t.status = 'shown' AND ? = 0 ORDER BY t.id");
static struct db_query q_threads_opinions_full =
    DB_QUERY(THREAD_FULL " AND t.kind = 'opinion' AND ? = -1 ORDER BY t.id DESC");
static struct db_query q_thread = DB_QUERY(THREAD_COLS " AND t.id = ?");
static struct db_query q_thread_answer = DB_QUERY(
    "UPDATE disclosure_thread SET answer = ?, answer_masked = ?, answered_by = ?, answered_at = ?, answer_leaf = ?"
    " WHERE community_id = ? AND id = ? AND answered_at IS NULL");

static const char *const status_names[POST__MAX] = {"draft", "submitted", "published"};

int disclosure_seed_community(struct db *db, int64_t community_id, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_settings_put);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, 1);
	db_bind_int(st, 3, now);
	if (db_run(st) != DB_DONE)
		return -1;
	for (size_t i = 0; i < disclosure_nseed; i++) {
		const struct disclosure_seed_item *s = &disclosure_seed[i];
		struct disclosure_item it = {.code = s->code, .title = s->title, .content = s->content, .basis = s->basis,
					     .responsible = s->responsible, .channels = s->channels,
					     .public_columns = s->public_columns, .category = s->category, .freq = s->freq,
					     .personal_data = s->personal_data, .notice_days = s->notice_days,
					     .sort_order = (int)i * 10};
		int64_t id;
		if (disclosure_item_add(db, community_id, &it, now, &id) != 0)
			return -1;
	}
	return 0;
}

int disclosure_two_person(struct db *db, int64_t community_id)
{
	struct db_stmt *st = db_stmt(db, &q_two_person);
	if (!st)
		return 1;
	db_bind_int(st, 1, community_id);
	int64_t v = 1;
	db_one_int(st, &v);
	return v != 0;
}

int disclosure_two_person_set(struct db *db, int64_t community_id, int on, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_two_person_set);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, on != 0);
	db_bind_int(st, 3, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static void item_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_item *it = slot;
	it->id = db_col_int(st, 0);
	it->code = db_col_dup(st, 1, a);
	it->category = (enum disclosure_category)disclosure_category_from(db_col_text(st, 2));
	it->title = db_col_dup(st, 3, a);
	it->content = db_col_dup(st, 4, a);
	it->basis = db_col_dup(st, 5, a);
	it->freq = (enum disclosure_freq)disclosure_freq_from(db_col_text(st, 6));
	it->responsible = db_col_dup(st, 7, a);
	it->channels = db_col_dup(st, 8, a);
	it->personal_data = (int)db_col_int(st, 9);
	it->public_columns = db_col_dup(st, 10, a);
	it->notice_days = (int)db_col_int(st, 11);
	it->sort_order = (int)db_col_int(st, 12);
	it->created_at = db_col_int(st, 13);
	it->retired_at = db_col_int(st, 14);
	it->last_published = db_col_int(st, 15);
}

int disclosure_items(struct db *db, struct arena *a, int64_t community_id, int with_retired,
		     struct disclosure_item **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, with_retired ? &q_items_all : &q_items);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_rows(st, a, sizeof **out, 1000, (void **)out, n, item_from_row);
}

int disclosure_item_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct disclosure_item *it)
{
	struct db_stmt *st = db_stmt(db, &q_item);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_row(st, a, it, item_from_row);
}

int disclosure_item_add(struct db *db, int64_t community_id, const struct disclosure_item *it, int64_t now,
			int64_t *id)
{
	int64_t next;
	if (db_next_id(db, community_id, "disclosure_item", &next) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_item_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 15, next);
	db_bind_text(st, 2, it->code, -1);
	db_bind_text(st, 3, disclosure_category_name(it->category), -1);
	db_bind_text(st, 4, it->title, -1);
	db_bind_text(st, 5, it->content ? it->content : "", -1);
	db_bind_text(st, 6, it->basis ? it->basis : "", -1);
	db_bind_text(st, 7, disclosure_freq_name(it->freq), -1);
	db_bind_text(st, 8, it->responsible ? it->responsible : "", -1);
	db_bind_text(st, 9, it->channels ? it->channels : "", -1);
	db_bind_int(st, 10, it->personal_data);
	db_bind_text(st, 11, it->public_columns ? it->public_columns : "", -1);
	db_bind_int(st, 12, it->notice_days);
	db_bind_int(st, 13, it->sort_order);
	db_bind_int(st, 14, now);
	int rc = db_one_int(st, id);
	return rc == 0 ? 0 : rc == DB_CONSTRAINT ? DB_CONSTRAINT : -1;
}

int disclosure_item_update(struct db *db, int64_t community_id, const struct disclosure_item *it, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_item_update);
	if (!st)
		return -1;
	db_bind_text(st, 1, disclosure_category_name(it->category), -1);
	db_bind_text(st, 2, it->title, -1);
	db_bind_text(st, 3, it->content, -1);
	db_bind_text(st, 4, it->basis, -1);
	db_bind_text(st, 5, disclosure_freq_name(it->freq), -1);
	db_bind_text(st, 6, it->responsible, -1);
	db_bind_text(st, 7, it->channels, -1);
	db_bind_int(st, 8, it->personal_data);
	db_bind_text(st, 9, it->public_columns, -1);
	db_bind_int(st, 10, it->notice_days);
	db_bind_int(st, 11, now);
	db_bind_int(st, 12, community_id);
	db_bind_int(st, 13, it->id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int disclosure_item_retire(struct db *db, int64_t community_id, int64_t id, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_item_retire);
	if (!st)
		return -1;
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, community_id);
	db_bind_int(st, 3, id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static void bind_opt(struct db_stmt *st, int i, int64_t v)
{
	if (v)
		db_bind_int(st, i, v);
	else
		db_bind_null(st, i);
}

int disclosure_post_add(struct db *db, int64_t community_id, const struct disclosure_post *p, int64_t *id)
{
	int64_t next;
	if (db_next_id(db, community_id, "disclosure_post", &next) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_post_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 12, next);
	db_bind_int(st, 2, p->item_id);
	db_bind_text(st, 3, p->title, -1);
	db_bind_text(st, 4, p->body, -1);
	bind_opt(st, 5, p->period_start);
	bind_opt(st, 6, p->period_end);
	db_bind_int(st, 7, p->notice_days);
	bind_opt(st, 8, p->replaces_id);
	db_bind_text(st, 9, p->replaces_id ? p->correction_reason : NULL, -1);
	db_bind_int(st, 10, p->author_id);
	db_bind_int(st, 11, p->created_at);
	return db_one_int(st, id) == 0 ? 0 : -1;
}

static void post_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_post *p = slot;
	memset(p, 0, sizeof *p);
	p->id = db_col_int(st, 0);
	p->item_id = db_col_int(st, 1);
	p->replaces_id = db_col_int(st, 2);
	p->author_id = db_col_int(st, 3);
	p->submitted_by = db_col_int(st, 4);
	p->approved_by = db_col_int(st, 5);
	p->item_code = db_col_dup(st, 6, a);
	p->item_title = db_col_dup(st, 7, a);
	p->title = db_col_dup(st, 8, a);
	p->body = db_col_dup(st, 9, a);
	p->correction_reason = db_col_dup(st, 10, a);
	p->author_name = db_col_dup(st, 11, a);
	p->approver_name = db_col_dup(st, 12, a);
	const char *status = db_col_text(st, 13);
	for (int i = 0; i < POST__MAX; i++)
		if (!strcmp(status, status_names[i]))
			p->status = (enum post_status)i;
	p->period_start = db_col_int(st, 14);
	p->period_end = db_col_int(st, 15);
	p->notice_start = db_col_int(st, 16);
	p->notice_days = (int)db_col_int(st, 17);
	p->created_at = db_col_int(st, 18);
	p->published_at = db_col_int(st, 19);
	p->leaf_index = db_col_int(st, 20);
	p->leaf_hash = db_col_dup(st, 21, a);
	p->corrected_by = db_col_int(st, 22);
	p->withdrawn_at = db_col_int(st, 23);
	p->withdraw_reason = db_col_dup(st, 24, a);
	p->withdraw_leaf = db_col_int(st, 25);
	p->public_columns = db_col_dup(st, 26, a);
	p->personal_data = (int)db_col_int(st, 27);
	p->closes_objections = (int)db_col_int(st, 28);
}

int disclosure_post_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct disclosure_post *p)
{
	struct db_stmt *st = db_stmt(db, &q_post);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_row(st, a, p, post_from_row);
}

/* Locks one row (community_id, id) through a lock query until commit. */
static int lock_row(struct db *db, struct db_query *q, int64_t community_id, int64_t id)
{
	struct db_stmt *st = db_stmt(db, q);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

int disclosure_post_lock(struct db *db, int64_t community_id, int64_t id)
{
	return lock_row(db, &q_post_lock, community_id, id);
}

int disclosure_thread_lock(struct db *db, int64_t community_id, int64_t id)
{
	return lock_row(db, &q_thread_lock, community_id, id);
}

/* Runs an UPDATE guarded by a condition on one row: 0 if it changed the
 * row, 1 if it changed none (the condition no longer held), -1. */
static int guarded_update(struct db_stmt *st)
{
	int64_t n;
	if (db_run_count(st, &n) != DB_DONE)
		return -1;
	return n == 1 ? 0 : n == 0 ? 1 : -1;
}

int disclosure_post_submit(struct db *db, int64_t community_id, int64_t id, int64_t user, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_post_submit);
	if (!st)
		return -1;
	db_bind_int(st, 1, user);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, community_id);
	db_bind_int(st, 4, id);
	return guarded_update(st);
}

int disclosure_post_mark_published(struct db *db, int64_t community_id, int64_t id, int64_t approver, int64_t now,
				   int64_t notice_start, int64_t leaf_index)
{
	struct db_stmt *st = db_stmt(db, &q_post_publish);
	if (!st)
		return -1;
	db_bind_int(st, 1, approver);
	db_bind_int(st, 2, now);
	bind_opt(st, 3, notice_start);
	db_bind_int(st, 4, leaf_index);
	db_bind_int(st, 5, community_id);
	db_bind_int(st, 6, id);
	return guarded_update(st);
}

int disclosure_post_snapshot(struct db *db, int64_t community_id, const struct disclosure_post *p)
{
	struct db_stmt *st = db_stmt(db, &q_post_snapshot);
	if (!st)
		return -1;
	db_bind_text(st, 1, p->item_title, -1);
	db_bind_text(st, 2, p->public_columns ? p->public_columns : "", -1);
	db_bind_int(st, 3, p->personal_data != 0);
	db_bind_int(st, 4, community_id);
	db_bind_int(st, 5, p->id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static int post_list(struct db_stmt *st, struct arena *a, size_t cap, struct disclosure_post **out, size_t *n)
{
	return db_rows(st, a, sizeof **out, cap, (void **)out, n, post_from_row);
}

int disclosure_board(struct db *db, struct arena *a, int64_t community_id, int64_t item_id, int64_t offset, int limit,
		     struct disclosure_post **out, size_t *n)
{
	return disclosure_board_range(db, a, community_id, item_id, 0, INT64_MAX, offset, limit, out, n);
}

int disclosure_board_range(struct db *db, struct arena *a, int64_t community_id, int64_t item_id, int64_t from, int64_t to,
			   int64_t offset, int limit, struct disclosure_post **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, item_id ? &q_board_item : &q_board);
	if (!st)
		return -1;
	int i = 1;
	db_bind_int(st, i++, community_id);
	db_bind_int(st, i++, community_id);
	if (item_id)
		db_bind_int(st, i++, item_id);
	db_bind_int(st, i++, from);
	db_bind_int(st, i++, to);
	db_bind_int(st, i++, limit);
	db_bind_int(st, i++, offset);
	return post_list(st, a, (size_t)limit, out, n);
}

int disclosure_pending(struct db *db, struct arena *a, int64_t community_id, struct disclosure_post **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_pending);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return post_list(st, a, 200, out, n);
}

int disclosure_withdraw(struct db *db, int64_t community_id, int64_t post_id, const char *reason, int64_t requested_by,
			int64_t user, int64_t now, int64_t leaf_index, int closes_objections)
{
	struct db_stmt *st = db_stmt(db, &q_withdraw);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, post_id);
	db_bind_text(st, 3, reason, -1);
	db_bind_int(st, 4, user);
	db_bind_int(st, 5, now);
	db_bind_int(st, 6, leaf_index);
	db_bind_int(st, 7, requested_by);
	db_bind_int(st, 8, closes_objections != 0);
	int rc = db_run(st);
	return rc == DB_DONE ? 0 : rc == DB_CONSTRAINT ? DB_CONSTRAINT : -1;
}

/* Binds s sealed under the process's key, or NULL when s is empty. 0 or -1. */
static int bind_sealed(struct db_stmt *st, int i, struct arena *a, const char *s)
{
	if (!s || !*s) {
		db_bind_null(st, i);
		return 0;
	}
	size_t len;
	unsigned char *c = pii_seal_text(a, pii_key_current(), s, &len);
	if (!c)
		return -1;
	db_bind_blob(st, i, c, len);
	return 0;
}

/* Opens a sealed column: "" for NULL, NULL when it does not open. */
static char *col_opened(struct db_stmt *st, int i, struct arena *a)
{
	size_t n;
	const void *c = db_col_blob(st, i, &n);
	return db_col_is_null(st, i) ? arena_strdup(a, "") : pii_open_text(a, pii_key_current(), c, n);
}

/* Says why a staff view fails when sealed fields do not open. Returns -1. */
static int not_opened(const char *what, int64_t id)
{
	log_error("%s %lld: a sealed personal field does not open %s", what, (long long)id,
		  pii_key_current() ? "under this key (changed in the database, or sealed with another key)"
				    : "(no key installed)");
	return -1;
}

int disclosure_recipient_bind(struct db_stmt *st, int first, struct arena *a, const struct recipient_text *full)
{
	const char *f[5] = {full->name, full->id_number, full->phone, full->address, full->note};
	for (int k = 0; k < 5; k++)
		if (!f[k])
			f[k] = "";
	const char *m[5] = {pii_mask_name(a, f[0]), pii_mask_id(a, f[1]), pii_mask_phone(a, f[2]),
			    pii_mask_address(a, f[3]), pii_mask_text(a, f[4])};
	for (int k = 0; k < 5; k++) {
		if (!m[k] || bind_sealed(st, first + k, a, f[k]) < 0)
			return -1;
		db_bind_text(st, first + 5 + k, m[k], -1);
	}
	return 0;
}

int disclosure_recipients_put(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
			      const struct disclosure_recipient *r, int n)
{
	for (int i = 0; i < n; i++) {
		struct db_stmt *st = db_stmt(db, &q_rcpt_add);
		if (!st || disclosure_recipient_bind(st, 1, a, &r[i].full) < 0)
			return -1;
		db_bind_int(st, 11, community_id);
		db_bind_int(st, 12, post_id);
		db_bind_int(st, 13, i + 1);
		db_bind_int(st, 14, r[i].household_size);
		db_bind_int(st, 15, r[i].amount_fen);
		if (db_run(st) != DB_DONE)
			return -1;
	}
	return 0;
}

static void recipient_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_recipient *r = slot;
	memset(r, 0, sizeof *r);
	r->row = (int)db_col_int(st, 0);
	r->masked.name = db_col_dup(st, 1, a);
	r->masked.id_number = db_col_dup(st, 2, a);
	r->masked.phone = db_col_dup(st, 3, a);
	r->masked.address = db_col_dup(st, 4, a);
	r->masked.note = db_col_dup(st, 5, a);
	r->household_size = (int)db_col_int(st, 6);
	r->amount_fen = db_col_int(st, 7);
}

static void recipient_full_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_recipient *r = slot;
	recipient_from_row(st, a, slot);
	r->full.name = col_opened(st, 8, a);
	r->full.id_number = col_opened(st, 9, a);
	r->full.phone = col_opened(st, 10, a);
	r->full.address = col_opened(st, 11, a);
	r->full.note = col_opened(st, 12, a);
}

static int recipients(struct db *db, struct arena *a, int64_t community_id, int64_t post_id, int full,
		      struct disclosure_recipient **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, full ? &q_rcpt_full : &q_rcpt_public);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, post_id);
	if (db_rows(st, a, sizeof **out, 2000, (void **)out, n,
		    full ? recipient_full_from_row : recipient_from_row) < 0)
		return -1;
	for (size_t i = 0; full && i < *n; i++) {
		const struct recipient_text *f = &(*out)[i].full;
		if (!f->name || !f->id_number || !f->phone || !f->address || !f->note)
			return not_opened("recipient", post_id);
	}
	return 0;
}

int disclosure_recipients_public(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
				 struct disclosure_recipient **out, size_t *n)
{
	return recipients(db, a, community_id, post_id, 0, out, n);
}

int disclosure_recipients_full(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
			       struct disclosure_recipient **out, size_t *n)
{
	return recipients(db, a, community_id, post_id, 1, out, n);
}

int disclosure_thread_bind(struct db_stmt *st, int first, struct arena *a, const char *body, const char *contact)
{
	body = body ? body : "";
	contact = contact ? contact : "";
	const char *bm = pii_mask_text(a, body), *cm = pii_mask_phone(a, contact);
	if (!bm || !cm || bind_sealed(st, first, a, body) < 0 || bind_sealed(st, first + 2, a, contact) < 0)
		return -1;
	db_bind_text(st, first + 1, bm, -1);
	db_bind_text(st, first + 3, cm, -1);
	return 0;
}

int disclosure_thread_add(struct db *db, struct arena *a, int64_t community_id, const struct disclosure_thread *t,
			  int64_t now, int64_t *id)
{
	int64_t next;
	if (db_next_id(db, community_id, "disclosure_thread", &next) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_thread_add);
	if (!st || disclosure_thread_bind(st, 1, a, t->body, t->contact_phone) < 0)
		return -1;
	db_bind_int(st, 5, community_id);
	db_bind_int(st, 6, next);
	db_bind_text(st, 7, t->kind == THREAD_OBJECTION ? "objection" : "opinion", -1);
	bind_opt(st, 8, t->post_id);
	bind_opt(st, 9, t->item_id);
	bind_opt(st, 10, t->user_id);
	db_bind_int(st, 11, now);
	return db_one_int(st, id) == 0 ? 0 : -1;
}

static void thread_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_thread *t = slot;
	memset(t, 0, sizeof *t);
	t->id = db_col_int(st, 0);
	t->kind = strcmp(db_col_text(st, 1), "objection") ? THREAD_OPINION : THREAD_OBJECTION;
	t->post_id = db_col_int(st, 2);
	t->item_id = db_col_int(st, 3);
	t->user_id = db_col_int(st, 4);
	t->body_masked = db_col_dup(st, 5, a);
	t->answer_masked = db_col_dup(st, 6, a);
	t->answered_at = db_col_int(st, 7);
	t->answer_leaf = db_col_int(st, 8);
	t->created_at = db_col_int(st, 9);
	t->author_name = db_col_dup(st, 10, a);
	t->post_title = db_col_dup(st, 11, a);
	t->item_title = db_col_dup(st, 12, a);
	t->contact_masked = db_col_dup(st, 13, a);
	const char *status = db_col_text(st, 14);
	t->status = !strcmp(status, "held") ? THREAD_HELD : !strcmp(status, "rejected") ? THREAD_REJECTED : THREAD_SHOWN;
}

static void thread_full_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_thread *t = slot;
	thread_from_row(st, a, slot);
	t->body = col_opened(st, 15, a);
	t->contact_phone = col_opened(st, 16, a);
}

/* Reads threads through q (bound to community_id and, when any, arg):
 * masked projections only, or with the sealed fields opened. 0 or -1. */
static int thread_rows(struct db *db, struct arena *a, struct db_query *q, int64_t community_id, int64_t arg,
		       int full, struct disclosure_thread **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, q);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	if (arg != INT64_MIN)
		db_bind_int(st, 2, arg);
	if (db_rows(st, a, sizeof **out, 500, (void **)out, n, full ? thread_full_from_row : thread_from_row) < 0)
		return -1;
	for (size_t i = 0; full && i < *n; i++)
		if (!(*out)[i].body || !(*out)[i].contact_phone)
			return not_opened("thread", (*out)[i].id);
	return 0;
}

static int threads(struct db *db, struct arena *a, int64_t community_id, int64_t post_id, int full,
		   struct disclosure_thread **out, size_t *n)
{
	struct db_query *q = post_id > 0 ? (full ? &q_threads_post_full : &q_threads_post)
			     : post_id == 0 ? (full ? &q_threads_open_full : &q_threads_open)
					    : (full ? &q_threads_opinions_full : &q_threads_opinions);
	return thread_rows(db, a, q, community_id, post_id, full, out, n);
}

int disclosure_threads(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
		       struct disclosure_thread **out, size_t *n)
{
	return threads(db, a, community_id, post_id, 0, out, n);
}

int disclosure_threads_full(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
			    struct disclosure_thread **out, size_t *n)
{
	return threads(db, a, community_id, post_id, 1, out, n);
}

/* Held objections are read only by the staff who review them: opened. */
static struct db_query q_threads_held = DB_QUERY(THREAD_FULL " AND t.status = 'held' ORDER BY t.id");

int disclosure_threads_held(struct db *db, struct arena *a, int64_t community_id, struct disclosure_thread **out,
			    size_t *n)
{
	return thread_rows(db, a, &q_threads_held, community_id, INT64_MIN, 1, out, n);
}

int disclosure_thread_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct disclosure_thread *t)
{
	struct db_stmt *st = db_stmt(db, &q_thread);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_row(st, a, t, thread_from_row);
}

int disclosure_thread_answer(struct db *db, int64_t community_id, int64_t id, const char *answer,
			     const char *answer_masked, int64_t user, int64_t now, int64_t leaf)
{
	struct db_stmt *st = db_stmt(db, &q_thread_answer);
	if (!st)
		return -1;
	db_bind_text(st, 1, answer, -1);
	db_bind_text(st, 2, answer_masked, -1);
	db_bind_int(st, 3, user);
	db_bind_int(st, 4, now);
	db_bind_int(st, 5, leaf);
	db_bind_int(st, 6, community_id);
	db_bind_int(st, 7, id);
	return guarded_update(st);
}

static struct db_query q_published_ids =
    DB_QUERY("SELECT id FROM disclosure_post WHERE community_id = ? AND status = 'published' ORDER BY id");

int disclosure_published_ids(struct db *db, struct arena *a, int64_t community_id, int64_t **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_published_ids);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	size_t cap = 1024;
	*out = arena_alloc(a, cap * sizeof **out);
	*n = 0;
	int rc;
	while (*out && (rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			int64_t *bigger = arena_alloc(a, 2 * cap * sizeof *bigger);
			if (!bigger) {
				rc = DB_ERR;
				break;
			}
			memcpy(bigger, *out, cap * sizeof *bigger);
			*out = bigger;
			cap *= 2;
		}
		(*out)[(*n)++] = db_col_int(st, 0);
	}
	db_reset(st);
	return rc == DB_DONE && *out ? 0 : -1;
}

static struct db_query q_file_put = DB_QUERY(
    "INSERT INTO disclosure_file (community_id, sha256, data, size, created_at) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (community_id, sha256) DO NOTHING");
static struct db_query q_attach_add = DB_QUERY(
    "INSERT INTO disclosure_attachment (community_id, post_id, seq, name, mime, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_attachments = DB_QUERY(
    "SELECT seq, name, mime, size, sha256 FROM disclosure_attachment WHERE community_id = ? AND post_id = ? ORDER BY seq");
static struct db_query q_file_get =
    DB_QUERY("SELECT data FROM disclosure_file WHERE community_id = ? AND sha256 = ?");

const char *attachment_sniff(const void *data, size_t n)
{
	const unsigned char *d = data;
	if (n >= 5 && !memcmp(d, "%PDF-", 5))
		return "application/pdf";
	if (n >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return "image/jpeg";
	return NULL;
}

int disclosure_attach(struct db *db, int64_t community_id, int64_t post_id, int seq, const char *name, const char *mime,
		      const void *data, size_t n, int64_t now)
{
	char hex[65];
	unsigned char h[32];
	crypto_hash_sha256(h, data, n);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	struct db_stmt *st = db_stmt(db, &q_file_put);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, hex, 64);
	db_bind_blob(st, 3, data, n);
	db_bind_int(st, 4, (int64_t)n);
	db_bind_int(st, 5, now);
	if (db_run(st) != DB_DONE || !(st = db_stmt(db, &q_attach_add)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, post_id);
	db_bind_int(st, 3, seq);
	db_bind_text(st, 4, name, -1);
	db_bind_text(st, 5, mime, -1);
	db_bind_int(st, 6, (int64_t)n);
	db_bind_text(st, 7, hex, 64);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static void attachment_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_attachment *x = slot;
	x->seq = (int)db_col_int(st, 0);
	x->name = db_col_dup(st, 1, a);
	x->mime = db_col_dup(st, 2, a);
	x->size = db_col_int(st, 3);
	x->sha256 = db_col_dup(st, 4, a);
}

int disclosure_attachments(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
			   struct disclosure_attachment **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_attachments);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, post_id);
	return db_rows(st, a, sizeof **out, ATTACH_MAX_COUNT, (void **)out, n, attachment_from_row);
}

int disclosure_file_get(struct db *db, struct arena *a, int64_t community_id, const char *sha256, const void **data,
			size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_file_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, sha256, -1);
	int rc = db_step(st), out = rc == DB_DONE ? 1 : -1;
	if (rc == DB_ROW) {
		const void *p = db_col_blob(st, 0, n);
		void *copy = arena_alloc(a, *n ? *n : 1);
		if (copy) {
			if (*n)
				memcpy(copy, p, *n);
			*data = copy;
			out = 0;
		}
	}
	db_reset(st);
	return out;
}
