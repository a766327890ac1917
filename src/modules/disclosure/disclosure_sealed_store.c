/* SQL for what holds personal data: recipient lists and threads (objections
 * and supervision opinions), sealed under the deployment key (src/pii) beside
 * their masked projections. */
#include <sodium.h>
#include <string.h>

#include "core/log.h"
#include "modules/disclosure/disclosure_internal.h"
#include "pii/pii.h"

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
		if (!m[k] || pii_bind_sealed(st, first + k, a, f[k]) < 0)
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
	r->full.name = pii_col_opened(st, 8, a);
	r->full.id_number = pii_col_opened(st, 9, a);
	r->full.phone = pii_col_opened(st, 10, a);
	r->full.address = pii_col_opened(st, 11, a);
	r->full.note = pii_col_opened(st, 12, a);
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
	if (!bm || !cm || pii_bind_sealed(st, first, a, body) < 0 || pii_bind_sealed(st, first + 2, a, contact) < 0)
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
	db_bind_int_or_null(st, 8, t->post_id);
	db_bind_int_or_null(st, 9, t->item_id);
	db_bind_int_or_null(st, 10, t->user_id);
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
	t->body = pii_col_opened(st, 15, a);
	t->contact_phone = pii_col_opened(st, 16, a);
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
	return db_run_guarded(st);
}

