/* SQL for the disclosure catalogue, its settings and posts. Recipient lists
 * and threads (sealed personal data) are in disclosure_sealed_store.c,
 * attachments in disclosure_file_store.c. */
#include <sodium.h>
#include <string.h>

#include "core/log.h"
#include "modules/disclosure/disclosure_internal.h"
#include "pii/pii.h"

static struct db_query q_settings_put = DB_QUERY(
    "INSERT INTO disclosure_settings (community_id, two_person, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (community_id) DO NOTHING");
static struct db_query q_two_person_set = DB_QUERY(
    "INSERT INTO disclosure_settings (community_id, two_person, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (community_id) DO UPDATE SET two_person = excluded.two_person, updated_at = excluded.updated_at");
static struct db_query q_two_person =
    DB_QUERY("SELECT two_person FROM disclosure_settings WHERE community_id = ?");
/* An item's last publication is kept with it (last_published_at, set in
 * the publishing transaction), so that no list looks it up among the posts. */
#define ITEM_COLS                                                                                          \
	"SELECT i.id, i.code, i.category, i.title, i.content, i.basis, i.frequency, i.responsible,"        \
	" i.channels, i.personal_data, i.public_columns, i.notice_days, i.sort_order, i.created_at,"      \
	" COALESCE(i.retired_at, 0), COALESCE(i.last_published_at, 0), i.community_id,"                   \
	" COALESCE(i.retire_reason, '')"                                                                   \
	" FROM disclosure_item i WHERE i.community_id = ?"
static struct db_query q_items = DB_QUERY(ITEM_COLS " AND i.retired_at IS NULL ORDER BY i.sort_order, i.id");
static struct db_query q_items_all = DB_QUERY(ITEM_COLS " ORDER BY i.sort_order, i.id");
static struct db_query q_item = DB_QUERY(ITEM_COLS " AND i.id = ?");
/* What the due board shows of the current items (due_from_row). */
#define DUE_COLS                                                                                           \
	"SELECT i.community_id, i.id, i.title, i.frequency, i.created_at, i.last_published_at"              \
	" FROM disclosure_item i"
static struct db_query q_items_due =
    DB_QUERY(DUE_COLS " WHERE i.community_id = ? AND i.retired_at IS NULL ORDER BY i.sort_order, i.id");
/* The retired items, with when they were retired (due_from_row). */
static struct db_query q_items_retired = DB_QUERY(
    "SELECT i.community_id, i.id, i.title, i.frequency, i.created_at, i.last_published_at, i.retired_at"
    " FROM disclosure_item i WHERE i.community_id = ? AND i.retired_at IS NOT NULL ORDER BY i.sort_order, i.id");
/* The same for every community under an org unit (0: all), in one query:
 * grouped by community, each group by sort order. */
static struct db_query q_items_due_under = DB_QUERY(
    "SELECT i.community_id, i.id, i.title, i.frequency, i.created_at, i.last_published_at FROM org_unit c"
    " JOIN org_unit s ON s.id = c.parent_id JOIN disclosure_item i ON i.community_id = c.id"
    " WHERE c.kind = 'community' AND (?1 = 0 OR c.id = ?1 OR s.id = ?1 OR s.parent_id = ?1)"
    " AND i.retired_at IS NULL ORDER BY c.id, i.sort_order, i.id");
/* Only the titles, for filters and pickers (due_from_row). */
static struct db_query q_item_titles =
    DB_QUERY("SELECT i.community_id, i.id, i.title FROM disclosure_item i WHERE i.community_id = ?"
	     " AND i.retired_at IS NULL ORDER BY i.sort_order, i.id");
/* The time a post just published counts for on the due boards: its own
 * publication, or for a correction that of the post it corrects (a
 * correction covers the same period, it is no new period's publication). */
static struct db_query q_post_counts_at = DB_QUERY(
    "UPDATE disclosure_post SET counts_at = COALESCE((SELECT o.counts_at FROM disclosure_post o"
    " WHERE o.community_id = ?1 AND o.id = disclosure_post.replaces_id), published_at)"
    " WHERE community_id = ?1 AND id = ?2 AND status = 'published' RETURNING counts_at");
static struct db_query q_item_published = DB_QUERY(
    "UPDATE disclosure_item SET last_published_at = ?1 WHERE community_id = ?2 AND id = ?3"
    " AND (last_published_at IS NULL OR last_published_at < ?1)");
static struct db_query q_item_add = DB_QUERY(
    "INSERT INTO disclosure_item (community_id, id, code, category, title, content, basis, frequency,"
    " responsible, channels, personal_data, public_columns, notice_days, sort_order, created_at, updated_at)"
    " VALUES (?1, ?15, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) RETURNING id");
static struct db_query q_item_update = DB_QUERY(
    "UPDATE disclosure_item SET category = ?, title = ?, content = ?, basis = ?, frequency = ?,"
    " responsible = ?, channels = ?, personal_data = ?, public_columns = ?, notice_days = ?, updated_at = ?"
    " WHERE community_id = ? AND id = ?");
static struct db_query q_item_retire =
    DB_QUERY("UPDATE disclosure_item SET retired_at = ?, retire_reason = ? WHERE community_id = ? AND id = ?"
	     " AND retired_at IS NULL");
static struct db_query q_item_restore =
    DB_QUERY("UPDATE disclosure_item SET retired_at = NULL, retire_reason = NULL, updated_at = ?"
	     " WHERE community_id = ? AND id = ? AND retired_at IS NOT NULL");

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
	" COALESCE(w.closes_objections, 0), p.revision"                                                    \
	" FROM disclosure_post p JOIN disclosure_item i ON i.community_id = p.community_id AND i.id = p.item_id" \
	" JOIN users ua ON ua.id = p.author_id LEFT JOIN users ub ON ub.id = p.approved_by"                \
	" LEFT JOIN tlog_leaf l ON l.community_id = p.community_id AND l.idx = p.leaf_index"               \
	" LEFT JOIN disclosure_withdrawal w ON w.community_id = p.community_id AND w.post_id = p.id"       \
	" WHERE p.community_id = ?"
static struct db_query q_post = DB_QUERY(POST_COLS " AND p.id = ?");
/* Which post corrects p, and when p was withdrawn: both walk an index. */
#define CORRECTED_BY                                                                                       \
	" COALESCE((SELECT c.id FROM disclosure_post c WHERE c.community_id = p.community_id"              \
	" AND c.replaces_id = p.id AND c.status = 'published' LIMIT 1), 0)"
/* A published post as its public page shows it, in post_from_row's order:
 * no people (authors, approvers) and no catalogue join, since publishing
 * stored the item's title and list columns with the post. */
static struct db_query q_post_public = DB_QUERY(
    "SELECT p.id, p.item_id, COALESCE(p.replaces_id, 0), 0, 0, 0, '', COALESCE(p.item_title, ''), p.title, p.body,"
    " COALESCE(p.correction_reason, ''), '', '', p.status, COALESCE(p.period_start, 0), COALESCE(p.period_end, 0),"
    " COALESCE(p.notice_start, 0), p.notice_days, p.created_at, p.published_at, p.leaf_index, COALESCE(l.hash, ''),"
    CORRECTED_BY ", COALESCE(w.withdrawn_at, 0), COALESCE(w.reason, ''), COALESCE(w.leaf_index, -1),"
    " COALESCE(p.public_columns, ''), COALESCE(p.personal_data, 0), COALESCE(w.closes_objections, 0), p.revision"
    " FROM disclosure_post p LEFT JOIN tlog_leaf l ON l.community_id = p.community_id AND l.idx = p.leaf_index"
    " LEFT JOIN disclosure_withdrawal w ON w.community_id = p.community_id AND w.post_id = p.id"
    " WHERE p.community_id = ? AND p.id = ? AND p.status = 'published'");
/* A published post as lists show it (the board, the feed with its body,
 * the supervisors' picker, the wall poster), read by line_from_row: only
 * the list's columns, no joins and nothing looked up per row (which post
 * corrects it and when it was withdrawn are kept on its row). */
#define LINE_COLS                                                                                          \
	"SELECT p.id, p.item_id, p.replaces_id, p.item_title, p.title, p.notice_start, p.notice_days,"     \
	" p.published_at, p.leaf_index, p.corrected_by, p.withdrawn_at"
#define LINE_FROM " FROM disclosure_post p WHERE p.community_id = ? AND p.status = 'published'"
/* Newest first, by an index walk (disclosure_post_board or _item) that
 * stops after the page: the first page costs the same however long the
 * history behind it. */
static struct db_query q_board = DB_QUERY(LINE_COLS LINE_FROM " AND p.published_at >= ? AND p.published_at < ?"
						    " ORDER BY p.published_at DESC, p.id DESC LIMIT ? OFFSET ?");
static struct db_query q_board_item =
    DB_QUERY(LINE_COLS LINE_FROM " AND p.item_id = ? AND p.published_at >= ? AND p.published_at < ?"
				 " ORDER BY p.published_at DESC, p.id DESC LIMIT ? OFFSET ?");
/* The first publication at or after a time: one step of an index walk
 * (disclosure_post_board) from year to year. */
static struct db_query q_next_published = DB_QUERY(
    "SELECT MIN(published_at) FROM disclosure_post WHERE community_id = ? AND status = 'published'"
    " AND published_at >= ?");
static struct db_query q_feed =
    DB_QUERY(LINE_COLS ", p.body" LINE_FROM " ORDER BY p.published_at DESC, p.id DESC LIMIT ?");
static struct db_query q_mark_corrected = DB_QUERY(
    "UPDATE disclosure_post SET corrected_by = ? WHERE community_id = ? AND id = ? AND corrected_by IS NULL");
/* A withdrawn post no longer counts as its item's publication: the item's
 * last one is found again among the others (the item row locked first, so
 * that a publication of the same item committing meanwhile is seen). */
static struct db_query q_item_of_post_lock = DB_QUERY(
    "SELECT 1 FROM disclosure_item WHERE community_id = ? AND id = (SELECT item_id FROM disclosure_post"
    " WHERE community_id = disclosure_item.community_id AND id = ?) @FOR_UPDATE@");
static struct db_query q_item_republished = DB_QUERY(
    "UPDATE disclosure_item SET last_published_at = (SELECT MAX(p.counts_at) FROM disclosure_post p"
    " WHERE p.community_id = disclosure_item.community_id AND p.item_id = disclosure_item.id"
    " AND p.status = 'published' AND p.withdrawn_at IS NULL)"
    " WHERE community_id = ? AND id = (SELECT item_id FROM disclosure_post WHERE community_id = ? AND id = ?)");
static struct db_query q_mark_withdrawn =
    DB_QUERY("UPDATE disclosure_post SET withdrawn_at = ? WHERE community_id = ? AND id = ?");
static struct db_query q_pending =
    DB_QUERY(POST_COLS " AND p.status <> 'published' ORDER BY p.created_at DESC, p.id DESC LIMIT 200");
static struct db_query q_post_add = DB_QUERY(
    "INSERT INTO disclosure_post (community_id, id, item_id, title, body, period_start, period_end,"
    " notice_days, status, replaces_id, correction_reason, author_id, created_at)"
    " VALUES (?1, ?12, ?2, ?3, ?4, ?5, ?6, ?7, 'draft', ?8, ?9, ?10, ?11) RETURNING id");
static struct db_query q_post_submit = DB_QUERY(
    "UPDATE disclosure_post SET status = 'submitted', submitted_by = ?, submitted_at = ?"
    " WHERE community_id = ? AND id = ? AND status = 'draft' AND author_id = ?");
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
static struct db_query q_published_ids =
    DB_QUERY("SELECT id FROM disclosure_post WHERE community_id = ? AND status = 'published' ORDER BY id");
static struct db_query q_withdraw = DB_QUERY(
    "INSERT INTO disclosure_withdrawal (community_id, post_id, reason, withdrawn_by, withdrawn_at, leaf_index,"
    " requested_by, closes_objections) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

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
	it->community_id = db_col_int(st, 16);
	it->retire_reason = db_col_dup(st, 17, a);
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

/* An item as the due board (DUE_COLS) or a picker (the first three) shows
 * it; the rest reads 0 or "". */
static void due_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_item *it = slot;
	*it = (struct disclosure_item){.code = "", .basis = "", .responsible = "", .channels = "", .content = "",
				       .public_columns = "", .retire_reason = ""};
	it->community_id = db_col_int(st, 0);
	it->id = db_col_int(st, 1);
	it->title = db_col_dup(st, 2, a);
	if (db_col_count(st) > 3) {
		it->freq = (enum disclosure_freq)disclosure_freq_from(db_col_text(st, 3));
		it->created_at = db_col_int(st, 4);
		it->last_published = db_col_int(st, 5);
	}
	if (db_col_count(st) > 6)
		it->retired_at = db_col_int(st, 6);
}

/* The items of q bound to key (a community or an org unit), at most 100000. */
static int item_list(struct db *db, struct db_query *q, struct arena *a, int64_t key, struct disclosure_item **out,
		     size_t *n)
{
	struct db_stmt *st = db_stmt(db, q);
	if (!st)
		return -1;
	db_bind_int(st, 1, key);
	return db_rows(st, a, sizeof **out, 100000, (void **)out, n, due_from_row);
}

int disclosure_item_titles(struct db *db, struct arena *a, int64_t community_id, struct disclosure_item **out,
			   size_t *n)
{
	return item_list(db, &q_item_titles, a, community_id, out, n);
}

int disclosure_items_due(struct db *db, struct arena *a, int64_t community_id, struct disclosure_item **out,
			 size_t *n)
{
	return item_list(db, &q_items_due, a, community_id, out, n);
}

int disclosure_items_retired(struct db *db, struct arena *a, int64_t community_id, struct disclosure_item **out,
			     size_t *n)
{
	return item_list(db, &q_items_retired, a, community_id, out, n);
}

int disclosure_items_due_under(struct db *db, struct arena *a, int64_t unit_id, struct disclosure_item **out,
			       size_t *n)
{
	return item_list(db, &q_items_due_under, a, unit_id, out, n);
}

/* q, an UPDATE that sets one value on one row, bound to (v, community_id,
 * id); NULL on a prepare error. */
static struct db_stmt *set_one(struct db *db, struct db_query *q, int64_t v, int64_t community_id, int64_t id)
{
	struct db_stmt *st = db_stmt(db, q);
	if (st) {
		db_bind_int(st, 1, v);
		db_bind_int(st, 2, community_id);
		db_bind_int(st, 3, id);
	}
	return st;
}

int disclosure_item_published(struct db *db, int64_t community_id, int64_t id, int64_t post_id)
{
	struct db_stmt *st = db_stmt(db, &q_post_counts_at);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, post_id);
	int64_t at = 0;
	if (db_one_int(st, &at) != 0 || !at)
		return -1;
	st = set_one(db, &q_item_published, at, community_id, id);
	return st && db_run(st) == DB_DONE ? 0 : -1;
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
	/* Staff never type a code: an item they add is named by its id. */
	char code[32];
	snprintf(code, sizeof code, "item-%lld", (long long)next);
	db_bind_text(st, 2, it->code && *it->code ? it->code : code, -1);
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

int disclosure_item_retire(struct db *db, int64_t community_id, int64_t id, const char *reason, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_item_retire);
	if (!st)
		return -1;
	db_bind_int(st, 1, now);
	db_bind_text(st, 2, reason, -1);
	db_bind_int(st, 3, community_id);
	db_bind_int(st, 4, id);
	return db_run_guarded(st);
}

int disclosure_item_restore(struct db *db, int64_t community_id, int64_t id, int64_t now)
{
	struct db_stmt *st = set_one(db, &q_item_restore, now, community_id, id);
	return st ? db_run_guarded(st) : -1;
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
	db_bind_int_or_null(st, 5, p->period_start);
	db_bind_int_or_null(st, 6, p->period_end);
	db_bind_int(st, 7, p->notice_days);
	db_bind_int_or_null(st, 8, p->replaces_id);
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
	p->revision = db_col_int(st, 29);
}

/* One post by q (q_post or q_post_public): 0, 1 if there is none, -1. */
static int post_by_id(struct db *db, struct db_query *q, struct arena *a, int64_t community_id, int64_t id,
		      struct disclosure_post *p)
{
	struct db_stmt *st = db_stmt(db, q);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_row(st, a, p, post_from_row);
}

int disclosure_post_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct disclosure_post *p)
{
	return post_by_id(db, &q_post, a, community_id, id, p);
}

int disclosure_post_public(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct disclosure_post *p)
{
	return post_by_id(db, &q_post_public, a, community_id, id, p);
}

int disclosure_post_lock(struct db *db, int64_t community_id, int64_t id)
{
	return db_lock_row(db, &q_post_lock, community_id, id);
}

int disclosure_thread_lock(struct db *db, int64_t community_id, int64_t id)
{
	return db_lock_row(db, &q_thread_lock, community_id, id);
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
	db_bind_int(st, 5, user);
	return db_run_guarded(st);
}

int disclosure_post_mark_published(struct db *db, int64_t community_id, int64_t id, int64_t approver, int64_t now,
				   int64_t notice_start, int64_t leaf_index)
{
	struct db_stmt *st = db_stmt(db, &q_post_publish);
	if (!st)
		return -1;
	db_bind_int(st, 1, approver);
	db_bind_int(st, 2, now);
	db_bind_int_or_null(st, 3, notice_start);
	db_bind_int(st, 4, leaf_index);
	db_bind_int(st, 5, community_id);
	db_bind_int(st, 6, id);
	return db_run_guarded(st);
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

/* A post of a list (LINE_COLS): what lists show; the rest reads 0 or "". */
static void line_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_post *p = slot;
	*p = (struct disclosure_post){.item_code = "", .body = "", .correction_reason = "", .author_name = "",
				      .approver_name = "", .leaf_hash = "", .withdraw_reason = "",
				      .public_columns = "", .status = POST_PUBLISHED, .withdraw_leaf = -1};
	p->id = db_col_int(st, 0);
	p->item_id = db_col_int(st, 1);
	p->replaces_id = db_col_int(st, 2);
	p->item_title = db_col_dup(st, 3, a);
	p->title = db_col_dup(st, 4, a);
	p->notice_start = db_col_int(st, 5);
	p->notice_days = (int)db_col_int(st, 6);
	p->published_at = db_col_int(st, 7);
	p->leaf_index = db_col_int(st, 8);
	p->corrected_by = db_col_int(st, 9);
	p->withdrawn_at = db_col_int(st, 10);
}

static void line_body_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	line_from_row(st, a, slot);
	((struct disclosure_post *)slot)->body = db_col_dup(st, 11, a);
}

static int post_list(struct db_stmt *st, struct arena *a, size_t cap, struct disclosure_post **out, size_t *n,
		     void (*fill)(struct db_stmt *st, struct arena *a, void *slot))
{
	return db_rows(st, a, sizeof **out, cap, (void **)out, n, fill);
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
	if (item_id)
		db_bind_int(st, i++, item_id);
	db_bind_int(st, i++, from);
	db_bind_int(st, i++, to);
	db_bind_int(st, i++, limit);
	db_bind_int(st, i++, offset);
	return post_list(st, a, (size_t)limit, out, n, line_from_row);
}

int disclosure_feed(struct db *db, struct arena *a, int64_t community_id, int limit, struct disclosure_post **out,
		    size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_feed);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, limit);
	return post_list(st, a, (size_t)limit, out, n, line_body_from_row);
}

int disclosure_pending(struct db *db, struct arena *a, int64_t community_id, struct disclosure_post **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_pending);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return post_list(st, a, 200, out, n, post_from_row);
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
	if (rc != DB_DONE)
		return rc == DB_CONSTRAINT ? DB_CONSTRAINT : -1;
	if (db_lock_row(db, &q_item_of_post_lock, community_id, post_id) != 0)
		return -1;
	st = set_one(db, &q_mark_withdrawn, now, community_id, post_id);
	if (!st || db_run_guarded(st) != 0 || !(st = set_one(db, &q_item_republished, community_id, community_id, post_id)))
		return -1;
	return db_run(st) == DB_DONE ? 0 : -1;
}

int disclosure_post_years(struct db *db, int64_t community_id, int *years, size_t max, size_t *n)
{
	*n = 0;
	int64_t from = 0;
	while (*n < max) {
		struct db_stmt *st = db_stmt(db, &q_next_published);
		if (!st)
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, from);
		int64_t at = 0;
		int rc = db_one_int(st, &at);
		if (rc < 0)
			return -1;
		if (rc == 1 || !at)
			break; /* no row, or MIN over none (NULL reads 0) */
		int y = date_from_time(at).y;
		if (y >= 9999)
			break;
		years[(*n)++] = y;
		from = date_to_time((struct ymd){y + 1, 1, 1});
	}
	for (size_t i = 0; i < *n / 2; i++) {
		int t = years[i];
		years[i] = years[*n - 1 - i];
		years[*n - 1 - i] = t;
	}
	return 0;
}

int disclosure_post_mark_corrected(struct db *db, int64_t community_id, int64_t id, int64_t by)
{
	struct db_stmt *st = set_one(db, &q_mark_corrected, by, community_id, id);
	return st ? db_run_guarded(st) : -1;
}


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
