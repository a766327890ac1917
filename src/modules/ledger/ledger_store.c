/* The ledger's store: the books' lock, categories, entries with their
 * approval and reversal (months: ledger_months.c). Every write first locks the
 * community's ledger_book row (ledger_book_lock), which also says through which
 * month the books are closed. */
#include <stdio.h>
#include <string.h>

#include "modules/ledger/ledger_internal.h"

/* ---- the book ---- */

static struct db_query q_book_make =
    DB_QUERY("INSERT INTO ledger_book (community_id) VALUES (?) ON CONFLICT (community_id) DO NOTHING");
static struct db_query q_book_lock =
    DB_QUERY("SELECT closed_through FROM ledger_book WHERE community_id = ? @FOR_UPDATE@");

/* (ledger_internal.h) */
int ledger_book_lock(struct db *db, int64_t community_id, char closed_through[8])
{
	struct db_stmt *st = db_stmt(db, &q_book_make);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	if (db_run(st) != DB_DONE || !(st = db_stmt(db, &q_book_lock)))
		return -1;
	db_bind_int(st, 1, community_id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		snprintf(closed_through, 8, "%s", db_col_text(st, 0));
	db_reset(st);
	return rc == DB_ROW ? 0 : -1;
}

static struct db_query q_period_make = DB_QUERY(
    "INSERT INTO ledger_period (community_id, period) VALUES (?, ?) ON CONFLICT (community_id, period) DO NOTHING");

int ledger_open_month(struct db *db, int64_t community_id, const char *period)
{
	char through[8];
	if (ledger_book_lock(db, community_id, through) < 0)
		return -1;
	if (*through && strcmp(period, through) <= 0)
		return LEDGER_CLOSED;
	struct db_stmt *st = db_stmt(db, &q_period_make);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, period, -1);
	return db_run(st) == DB_DONE ? 0 : -1;
}

/* ---- categories ---- */

static const struct {
	enum ledger_kind kind;
	const char *name;
} seed[] = {
    {LEDGER_INCOME, "上级拨款/工作经费"}, {LEDGER_INCOME, "共建单位资助"}, {LEDGER_INCOME, "社会捐赠"},
    {LEDGER_INCOME, "其他收入"},          {LEDGER_EXPENSE, "办公经费"},     {LEDGER_EXPENSE, "活动经费"},
    {LEDGER_EXPENSE, "救助支出"},         {LEDGER_EXPENSE, "设施维修"},     {LEDGER_EXPENSE, "人员补贴"},
    {LEDGER_EXPENSE, "其他支出"},
};

static struct db_query q_cat_has = DB_QUERY("SELECT id FROM ledger_category WHERE community_id = ? AND kind = ? AND name = ?");
static struct db_query q_cat_add = DB_QUERY(
    "INSERT INTO ledger_category (community_id, id, kind, name, sort_no, created_at) VALUES (?, ?, ?, ?, ?, ?)"
    " ON CONFLICT DO NOTHING");
static struct db_query q_cat_next_sort =
    DB_QUERY("SELECT COALESCE(MAX(sort_no), 0) + 1 FROM ledger_category WHERE community_id = ? AND kind = ?");

/* Adds (kind, name) at sort_no unless the community has it. 0 (*id set),
 * LEDGER_DUP_NAME, -1. */
static int cat_add(struct db *db, int64_t community_id, enum ledger_kind kind, const char *name, int sort_no,
                   int64_t now, int64_t *id)
{
	struct db_stmt *st = db_stmt(db, &q_cat_has);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, ledger_kind_code(kind), -1);
	db_bind_text(st, 3, name, -1);
	int rc = db_one_int(st, id);
	if (rc <= 0)
		return rc < 0 ? -1 : LEDGER_DUP_NAME;
	if (db_next_id(db, community_id, "ledger_category", id) < 0 || !(st = db_stmt(db, &q_cat_add)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	db_bind_text(st, 3, ledger_kind_code(kind), -1);
	db_bind_text(st, 4, name, -1);
	db_bind_int(st, 5, sort_no);
	db_bind_int(st, 6, now);
	int64_t changed;
	if (db_run_count(st, &changed) != DB_DONE)
		return -1;
	return changed ? 0 : LEDGER_DUP_NAME;
}

int ledger_categories_seed(struct db *db, int64_t community_id, int64_t now)
{
	for (size_t i = 0; i < sizeof seed / sizeof *seed; i++) {
		int64_t id;
		if (cat_add(db, community_id, seed[i].kind, seed[i].name, (int)i + 1, now, &id) < 0)
			return -1;
	}
	return 0;
}

int ledger_category_add(struct db *db, int64_t community_id, enum ledger_kind kind, const char *name, int64_t now,
                        int64_t *id)
{
	struct db_stmt *st = db_stmt(db, &q_cat_next_sort);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, ledger_kind_code(kind), -1);
	int64_t sort_no = 1;
	if (db_one_int(st, &sort_no) < 0)
		return -1;
	return cat_add(db, community_id, kind, name, (int)sort_no, now, id);
}

static struct db_query q_cats = DB_QUERY(
    "SELECT id, kind, name, sort_no, retired_at IS NOT NULL FROM ledger_category WHERE community_id = ?"
    " AND (? OR retired_at IS NULL) ORDER BY kind = 'expense', sort_no, id");

int ledger_categories(struct db *db, struct arena *a, int64_t community_id, int with_retired,
                      struct ledger_category **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, &q_cats);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, with_retired ? 1 : 0);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			struct ledger_category *v = arena_alloc(a, ncap * sizeof *v);
			if (!v)
				break;
			if (*n)
				memcpy(v, *out, *n * sizeof *v);
			*out = v;
			cap = ncap;
		}
		struct ledger_category *c = &(*out)[(*n)++];
		c->id = db_col_int(st, 0);
		c->kind = strcmp(db_col_text(st, 1), "income") ? LEDGER_EXPENSE : LEDGER_INCOME;
		c->name = db_col_dup(st, 2, a);
		c->sort_no = (int)db_col_int(st, 3);
		c->retired = (int)db_col_int(st, 4);
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

static struct db_query q_cat_rename = DB_QUERY(
    "UPDATE ledger_category SET name = ?3 WHERE community_id = ?1 AND id = ?2 AND NOT EXISTS (SELECT 1 FROM"
    " ledger_category o WHERE o.community_id = ?1 AND o.kind = ledger_category.kind AND o.name = ?3 AND o.id <> ?2)");
static struct db_query q_cat_exists = DB_QUERY("SELECT 1 FROM ledger_category WHERE community_id = ? AND id = ?");

int ledger_category_rename(struct db *db, int64_t community_id, int64_t id, const char *name)
{
	char through[8];
	if (ledger_book_lock(db, community_id, through) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_cat_rename);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, name, -1);
	int64_t changed;
	if (db_run_count(st, &changed) != DB_DONE)
		return -1;
	if (changed)
		return 0;
	if (!(st = db_stmt(db, &q_cat_exists)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int64_t one;
	int rc = db_one_int(st, &one);
	return rc < 0 ? -1 : rc == 1 ? LEDGER_NOT_FOUND : LEDGER_DUP_NAME;
}

static struct db_query q_cat_retire =
    DB_QUERY("UPDATE ledger_category SET retired_at = ? WHERE community_id = ? AND id = ?");

int ledger_category_retire(struct db *db, int64_t community_id, int64_t id, int retired, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_cat_retire);
	if (!st)
		return -1;
	if (retired)
		db_bind_int(st, 1, now);
	else
		db_bind_null(st, 1);
	db_bind_int(st, 2, community_id);
	db_bind_int(st, 3, id);
	int64_t changed;
	if (db_run_count(st, &changed) != DB_DONE)
		return -1;
	return changed ? 0 : LEDGER_NOT_FOUND;
}

/* ---- entries ---- */

#define ENTRY_COLS                                                                                              \
	"e.id, e.period, e.entry_date, e.kind, e.category_id, c.name, e.amount_fen, e.counterparty, e.voucher_no,"  \
	" e.purpose, e.voucher_year, e.entered_by, e.entered_at, e.approved_by, e.approved_at, ue.display_name,"      \
	" ua.display_name, e.reverses_id, e.reversed_by_id, e.reason, e.source, (SELECT COUNT(*) FROM ledger_file f"     \
	" WHERE f.community_id = e.community_id AND f.entry_id = e.id)"
#define ENTRY_FROM                                                                                              \
	" FROM ledger_entry e JOIN ledger_category c ON c.community_id = e.community_id AND c.id = e.category_id"    \
	" LEFT JOIN users ue ON ue.id = e.entered_by LEFT JOIN users ua ON ua.id = e.approved_by"

/* Reads a row of ENTRY_COLS. */
static void entry_from_row(struct db_stmt *st, struct arena *a, struct ledger_entry *e)
{
	memset(e, 0, sizeof *e);
	e->id = db_col_int(st, 0);
	snprintf(e->period, sizeof e->period, "%s", db_col_text(st, 1));
	snprintf(e->date, sizeof e->date, "%s", db_col_text(st, 2));
	e->kind = strcmp(db_col_text(st, 3), "income") ? LEDGER_EXPENSE : LEDGER_INCOME;
	e->category_id = db_col_int(st, 4);
	e->category = db_col_dup(st, 5, a);
	e->amount_fen = db_col_int(st, 6);
	e->counterparty = db_col_dup(st, 7, a);
	e->voucher_no = db_col_dup(st, 8, a);
	e->purpose = db_col_dup(st, 9, a);
	e->voucher_year = (int)db_col_int(st, 10);
	e->entered_by = db_col_int(st, 11);
	e->entered_at = db_col_int(st, 12);
	e->approved_by = db_col_int(st, 13);
	e->approved_at = db_col_int(st, 14);
	e->entered_name = db_col_dup(st, 15, a);
	e->approved_name = db_col_dup(st, 16, a);
	e->reverses_id = db_col_int(st, 17);
	e->reversed_by_id = db_col_int(st, 18);
	e->reason = db_col_dup(st, 19, a);
	e->source = db_col_dup(st, 20, a);
	e->files = db_col_int(st, 21);
}

static struct db_query q_entry_add = DB_QUERY(
    "INSERT INTO ledger_entry (community_id, id, period, entry_date, kind, category_id, amount_fen, counterparty,"
    " voucher_year, voucher_no, purpose, entered_by, entered_at, reverses_id, reason, source)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");

/* (ledger_internal.h) */
int ledger_entry_insert(struct db *db, int64_t community_id, const struct ledger_entry *e, const char *source,
                        int64_t by, int64_t now, int64_t id)
{
	struct db_stmt *st = db_stmt(db, &q_entry_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, e->period, -1);
	db_bind_text(st, 4, e->date, -1);
	db_bind_text(st, 5, ledger_kind_code(e->kind), -1);
	db_bind_int(st, 6, e->category_id);
	db_bind_int(st, 7, e->amount_fen);
	db_bind_text(st, 8, e->counterparty ? e->counterparty : "", -1);
	db_bind_int(st, 9, e->voucher_year);
	db_bind_text(st, 10, e->voucher_no, -1);
	db_bind_text(st, 11, e->purpose, -1);
	db_bind_int(st, 12, by);
	db_bind_int(st, 13, now);
	db_bind_int_or_null(st, 14, e->reverses_id);
	db_bind_text(st, 15, e->reason ? e->reason : "", -1);
	db_bind_text(st, 16, source, -1);
	int64_t changed;
	if (db_run_count(st, &changed) != DB_DONE)
		return -1;
	return changed ? 0 : LEDGER_DUP_VOUCHER; /* the id is fresh: the voucher clashed */
}

/* Writes e (period, date, voucher year from e) under a new id, once its
 * month is open. 0, LEDGER_CLOSED, LEDGER_DUP_VOUCHER, -1. */
static int entry_insert(struct db *db, int64_t community_id, const struct ledger_entry *e, const char *source,
                        int64_t by, int64_t now, int64_t *id)
{
	int rc = ledger_open_month(db, community_id, e->period);
	if (rc)
		return rc;
	if (db_next_id(db, community_id, "ledger_entry", id) < 0)
		return -1;
	return ledger_entry_insert(db, community_id, e, source, by, now, *id);
}

int ledger_entry_add(struct db *db, int64_t community_id, const struct ledger_entry *e, const char *source,
                     int64_t by, int64_t now, int64_t *id)
{
	if (e->amount_fen <= 0 || e->reverses_id)
		return -1;
	return entry_insert(db, community_id, e, source, by, now, id);
}

static struct db_query q_entry_state = DB_QUERY(
    "SELECT period, approved_at IS NOT NULL, entered_by, kind, category_id, amount_fen, reverses_id,"
    " reversed_by_id, counterparty, purpose, voucher_no FROM ledger_entry WHERE community_id = ? AND id = ?");

struct state {
	char period[8];
	int approved;
	int64_t entered_by, category_id, amount_fen, reverses_id, reversed_by_id;
	enum ledger_kind kind;
	const char *counterparty, *purpose, *voucher_no;
};

/* What the store needs to know of an entry before changing it. 0,
 * LEDGER_NOT_FOUND, -1. Strings in a (NULL: not kept). */
static int entry_state(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct state *s)
{
	struct db_stmt *st = db_stmt(db, &q_entry_state);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		memset(s, 0, sizeof *s);
		snprintf(s->period, sizeof s->period, "%s", db_col_text(st, 0));
		s->approved = (int)db_col_int(st, 1);
		s->entered_by = db_col_int(st, 2);
		s->kind = strcmp(db_col_text(st, 3), "income") ? LEDGER_EXPENSE : LEDGER_INCOME;
		s->category_id = db_col_int(st, 4);
		s->amount_fen = db_col_int(st, 5);
		s->reverses_id = db_col_int(st, 6);
		s->reversed_by_id = db_col_int(st, 7);
		if (a) {
			s->counterparty = db_col_dup(st, 8, a);
			s->purpose = db_col_dup(st, 9, a);
			s->voucher_no = db_col_dup(st, 10, a);
		}
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? LEDGER_NOT_FOUND : -1;
}

static struct db_query q_entry_update = DB_QUERY(
    "UPDATE ledger_entry SET period = ?3, entry_date = ?4, kind = ?5, category_id = ?6, amount_fen = ?7,"
    " counterparty = ?8, voucher_year = ?9, voucher_no = ?10, purpose = ?11, entered_by = ?12, entered_at = ?13"
    " WHERE community_id = ?1 AND id = ?2"
    " AND approved_at IS NULL AND reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM ledger_entry o WHERE"
    " o.community_id = ?1 AND o.voucher_year = ?9 AND o.voucher_no = ?10 AND o.id <> ?2)");

int ledger_entry_update(struct db *db, int64_t community_id, int64_t id, const struct ledger_entry *e, int64_t by,
                        int64_t now)
{
	if (e->amount_fen <= 0)
		return -1;
	struct state s;
	char through[8];
	int rc = ledger_book_lock(db, community_id, through) < 0 ? -1 : entry_state(db, NULL, community_id, id, &s);
	if (rc)
		return rc;
	if (s.approved || s.reverses_id)
		return LEDGER_STATE;
	/* the month it leaves and the month it goes to are both open */
	if ((rc = ledger_open_month(db, community_id, s.period)) || (rc = ledger_open_month(db, community_id, e->period)))
		return rc;
	struct db_stmt *st = db_stmt(db, &q_entry_update);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, e->period, -1);
	db_bind_text(st, 4, e->date, -1);
	db_bind_text(st, 5, ledger_kind_code(e->kind), -1);
	db_bind_int(st, 6, e->category_id);
	db_bind_int(st, 7, e->amount_fen);
	db_bind_text(st, 8, e->counterparty ? e->counterparty : "", -1);
	db_bind_int(st, 9, e->voucher_year);
	db_bind_text(st, 10, e->voucher_no, -1);
	db_bind_text(st, 11, e->purpose, -1);
	db_bind_int(st, 12, by);
	db_bind_int(st, 13, now);
	int64_t changed;
	if (db_run_count(st, &changed) != DB_DONE)
		return -1;
	return changed ? 0 : LEDGER_DUP_VOUCHER; /* the books are locked: only the voucher can stop it */
}

static struct db_query q_files_drop = DB_QUERY("DELETE FROM ledger_file WHERE community_id = ? AND entry_id = ?");
static struct db_query q_entry_drop =
    DB_QUERY("DELETE FROM ledger_entry WHERE community_id = ? AND id = ? AND approved_at IS NULL");

int ledger_entry_withdraw(struct db *db, int64_t community_id, int64_t id)
{
	struct state s;
	char through[8];
	int rc = ledger_book_lock(db, community_id, through) < 0 ? -1 : entry_state(db, NULL, community_id, id, &s);
	if (rc)
		return rc;
	if (s.approved)
		return LEDGER_STATE;
	if ((rc = ledger_open_month(db, community_id, s.period)))
		return rc;
	struct db_stmt *st = db_stmt(db, &q_files_drop);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	if (db_run(st) != DB_DONE || !(st = db_stmt(db, &q_entry_drop)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_run_guarded(st) == 0 ? 0 : -1;
}

static struct db_query q_approve = DB_QUERY(
    "UPDATE ledger_entry SET approved_by = ?, approved_at = ? WHERE community_id = ? AND id = ?"
    " AND approved_at IS NULL");
static struct db_query q_total_add = DB_QUERY(
    "INSERT INTO ledger_total (community_id, period, category_id, amount_fen, entries) VALUES (?, ?, ?, ?, 1)"
    " ON CONFLICT (community_id, period, category_id) DO UPDATE SET amount_fen = ledger_total.amount_fen +"
    " excluded.amount_fen, entries = ledger_total.entries + 1");
static struct db_query q_mark_reversed = DB_QUERY(
    "UPDATE ledger_entry SET reversed_by_id = ? WHERE community_id = ? AND id = ? AND reversed_by_id IS NULL"
    " AND approved_at IS NOT NULL");

int ledger_entry_approve(struct db *db, int64_t community_id, int64_t id, int64_t by, int64_t now)
{
	struct state s;
	char through[8];
	int rc = ledger_book_lock(db, community_id, through) < 0 ? -1 : entry_state(db, NULL, community_id, id, &s);
	if (rc)
		return rc;
	if (s.approved)
		return LEDGER_STATE;
	if (s.entered_by == by)
		return LEDGER_SELF;
	if ((rc = ledger_open_month(db, community_id, s.period)))
		return rc;
	struct db_stmt *st = db_stmt(db, &q_approve);
	if (!st)
		return -1;
	db_bind_int(st, 1, by);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, community_id);
	db_bind_int(st, 4, id);
	if (db_run_guarded(st) != 0 || !(st = db_stmt(db, &q_total_add)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, s.period, -1);
	db_bind_int(st, 3, s.category_id);
	db_bind_int(st, 4, s.amount_fen);
	if (db_run(st) != DB_DONE)
		return -1;
	if (!s.reverses_id)
		return 0;
	if (!(st = db_stmt(db, &q_mark_reversed)))
		return -1;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, community_id);
	db_bind_int(st, 3, s.reverses_id);
	int64_t changed;
	if (db_run_count(st, &changed) != DB_DONE)
		return -1;
	return changed ? 0 : LEDGER_STATE;
}

static struct db_query q_reversal_of =
    DB_QUERY("SELECT id FROM ledger_entry WHERE community_id = ? AND reverses_id = ? LIMIT 1");

int ledger_month_of(const char *date, char period[8], int *year)
{
	int y, m, d;
	char tail;
	if (!date || strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12)
		return -1;
	snprintf(period, 8, "%04d-%02d", y, m);
	*year = y;
	return 0;
}

int ledger_entry_reverse(struct db *db, int64_t community_id, int64_t id, const char *date, const char *voucher_no,
                         const char *reason, int64_t by, int64_t now, int64_t *new_id)
{
	struct arena a;
	arena_init(&a, 1u << 16);
	struct state s;
	char through[8];
	int rc = ledger_book_lock(db, community_id, through) < 0 ? -1 : entry_state(db, &a, community_id, id, &s);
	if (rc == 0 && (!s.approved || s.reverses_id || s.reversed_by_id))
		rc = LEDGER_STATE;
	if (rc == 0) { /* a reversal awaiting approval counts too */
		struct db_stmt *st = db_stmt(db, &q_reversal_of);
		int64_t other;
		int found = st ? (db_bind_int(st, 1, community_id), db_bind_int(st, 2, id), db_one_int(st, &other)) : -1;
		rc = found < 0 ? -1 : found == 0 ? LEDGER_STATE : 0;
	}
	struct ledger_entry e = {0};
	if (rc == 0 && (ledger_month_of(date, e.period, &e.voucher_year) < 0 || !voucher_no || !*voucher_no || !reason))
		rc = -1;
	if (rc == 0) {
		snprintf(e.date, sizeof e.date, "%s", date);
		e.kind = s.kind;
		e.category_id = s.category_id;
		e.amount_fen = -s.amount_fen;
		e.counterparty = s.counterparty;
		e.voucher_no = voucher_no;
		e.purpose = arena_printf(&a, "冲销 %s 号凭证:%s", s.voucher_no, s.purpose);
		e.reverses_id = id;
		e.reason = reason;
		rc = e.purpose ? entry_insert(db, community_id, &e, "desk", by, now, new_id) : -1;
	}
	arena_free(&a);
	return rc;
}

static struct db_query q_entry_get = DB_QUERY("SELECT " ENTRY_COLS ENTRY_FROM " WHERE e.community_id = ? AND e.id = ?");

int ledger_entry_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct ledger_entry *e)
{
	struct db_stmt *st = db_stmt(db, &q_entry_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		entry_from_row(st, a, e);
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? LEDGER_NOT_FOUND : -1;
}

/* The list: a month or a range of months (the year's, or all), walking
 * ledger_entry_period in order; or those awaiting approval. */
static struct db_query q_entries = DB_QUERY(
    "SELECT " ENTRY_COLS ENTRY_FROM " WHERE e.community_id = ?1 AND e.period >= ?2 AND e.period <= ?3"
    " AND (?4 = '' OR e.kind = ?4) AND (?5 = 0 OR e.category_id = ?5)"
    " ORDER BY e.period, e.entry_date, e.id LIMIT ?6 OFFSET ?7");
static struct db_query q_entries_pending = DB_QUERY(
    "SELECT " ENTRY_COLS ENTRY_FROM " WHERE e.community_id = ?1 AND e.approved_at IS NULL"
    " AND e.period >= ?2 AND e.period <= ?3 AND (?4 = '' OR e.kind = ?4) AND (?5 = 0 OR e.category_id = ?5)"
    " ORDER BY e.entered_at, e.id LIMIT ?6 OFFSET ?7");

/* Binds the filter to q_entries or q_entries_pending. */
static struct db_stmt *entries_stmt(struct db *db, int64_t community_id, const struct ledger_filter *f,
                                    int64_t limit, int64_t offset)
{
	struct db_stmt *st = db_stmt(db, f->pending ? &q_entries_pending : &q_entries);
	if (!st)
		return NULL;
	char from[8] = "0000-00", to[8] = "9999-99";
	if (f->period && *f->period) {
		snprintf(from, sizeof from, "%.7s", f->period);
		snprintf(to, sizeof to, "%.7s", f->period);
	} else if (f->year > 0 && f->year <= 9999) {
		snprintf(from, sizeof from, "%04d-01", f->year);
		snprintf(to, sizeof to, "%04d-12", f->year);
	}
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, from, -1);
	db_bind_text(st, 3, to, -1);
	db_bind_text(st, 4, f->kind == LEDGER_INCOME || f->kind == LEDGER_EXPENSE ? ledger_kind_code(f->kind) : "", -1);
	db_bind_int(st, 5, f->category_id);
	db_bind_int(st, 6, limit);
	db_bind_int(st, 7, offset);
	return st;
}

int ledger_entries(struct db *db, struct arena *a, int64_t community_id, const struct ledger_filter *f,
                   int64_t offset, int limit, struct ledger_entry **out, size_t *n, int *more)
{
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit < 1 || offset < 0)
		return -1;
	*out = arena_alloc(a, (size_t)limit * sizeof **out);
	struct db_stmt *st = *out ? entries_stmt(db, community_id, f, (int64_t)limit + 1, offset) : NULL;
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == (size_t)limit) {
			*more = 1;
			continue;
		}
		entry_from_row(st, a, &(*out)[(*n)++]);
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

int ledger_entries_each(struct db *db, struct arena *a, int64_t community_id, const struct ledger_filter *f,
                        int (*fn)(void *ctx, const struct ledger_entry *e), void *ctx)
{
	struct db_stmt *st = entries_stmt(db, community_id, f, INT64_MAX, 0);
	if (!st)
		return -1;
	struct arena row;
	arena_init(&row, 1u << 20);
	int rc, out = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		arena_reset(&row);
		struct ledger_entry e;
		entry_from_row(st, &row, &e);
		if ((out = fn(ctx, &e)) != 0)
			break;
	}
	db_reset(st);
	arena_free(&row);
	(void)a;
	return out ? out : rc == DB_DONE ? 0 : -1;
}
