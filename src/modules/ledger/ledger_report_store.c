/* The statements' store: totals by category over months, the big entries
 * of a span, the months of the books, and what went to the board. Every
 * read walks an index of its table in the community's key. */
#include <stdio.h>
#include <string.h>

#include "modules/ledger/ledger_report.h"

static struct db_query q_lines = DB_QUERY(
    "SELECT c.id, c.name, c.kind, SUM(t.amount_fen), SUM(t.entries) FROM ledger_total t JOIN ledger_category c"
    " ON c.community_id = t.community_id AND c.id = t.category_id WHERE t.community_id = ? AND t.period >= ?"
    " AND t.period <= ? GROUP BY c.id, c.name, c.kind, c.sort_no HAVING SUM(t.entries) > 0"
    " ORDER BY c.kind = 'expense', c.sort_no, c.id");

static void line_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct ledger_line *l = slot;
	l->category_id = db_col_int(st, 0);
	l->category = db_col_dup(st, 1, a);
	l->kind = strcmp(db_col_text(st, 2), "income") ? LEDGER_EXPENSE : LEDGER_INCOME;
	l->amount_fen = db_col_int(st, 3);
	l->entries = db_col_int(st, 4);
}

int ledger_report_lines(struct db *db, struct arena *a, int64_t community_id, const char *from, const char *to,
                        struct ledger_line **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, &q_lines);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, from, -1);
	db_bind_text(st, 3, to, -1);
	return db_rows(st, a, sizeof **out, 1000, (void **)out, n, line_fill);
}

/* Walks ledger_entry_amount: each month's range of amounts at or above the
 * threshold, and at or below its negation (reversals). */
static struct db_query q_big = DB_QUERY(
    "SELECT e.entry_date, e.voucher_no, e.kind, c.name, e.amount_fen, e.counterparty, e.purpose, e.id, e.period,"
    " e.category_id FROM ledger_entry e JOIN ledger_category c ON c.community_id = e.community_id"
    " AND c.id = e.category_id WHERE e.community_id = ?1 AND e.period >= ?2 AND e.period <= ?3"
    " AND (e.amount_fen >= ?4 OR e.amount_fen <= -?4) AND e.approved_at IS NOT NULL"
    " ORDER BY ABS(e.amount_fen) DESC, e.entry_date, e.id LIMIT ?5");

static void big_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct ledger_entry *e = slot;
	memset(e, 0, sizeof *e);
	snprintf(e->date, sizeof e->date, "%s", db_col_text(st, 0));
	e->voucher_no = db_col_dup(st, 1, a);
	e->kind = strcmp(db_col_text(st, 2), "income") ? LEDGER_EXPENSE : LEDGER_INCOME;
	e->category = db_col_dup(st, 3, a);
	e->amount_fen = db_col_int(st, 4);
	e->counterparty = db_col_dup(st, 5, a);
	e->purpose = db_col_dup(st, 6, a);
	e->id = db_col_int(st, 7);
	snprintf(e->period, sizeof e->period, "%s", db_col_text(st, 8));
	e->category_id = db_col_int(st, 9);
}

int ledger_report_big(struct db *db, struct arena *a, int64_t community_id, const char *from, const char *to,
                      int64_t threshold_fen, size_t max, struct ledger_entry **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, &q_big);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, from, -1);
	db_bind_text(st, 3, to, -1);
	db_bind_int(st, 4, threshold_fen > 0 ? threshold_fen : 1);
	db_bind_int(st, 5, (int64_t)max);
	return db_rows(st, a, sizeof **out, max, (void **)out, n, big_fill);
}

static struct db_query q_months = DB_QUERY(
    "SELECT period, closed_at IS NOT NULL FROM ledger_period WHERE community_id = ? ORDER BY period DESC");

static void month_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct ledger_month *m = slot;
	snprintf(m->period, sizeof m->period, "%s", db_col_text(st, 0));
	m->closed = (int)db_col_int(st, 1);
}

int ledger_report_months(struct db *db, struct arena *a, int64_t community_id, struct ledger_month **out,
                         size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, &q_months);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	/* 100 years of months: more is not a ledger */
	return db_rows(st, a, sizeof **out, 1200, (void **)out, n, month_fill);
}

static struct db_query q_through = DB_QUERY("SELECT closed_through FROM ledger_book WHERE community_id = ?");

int ledger_report_closed_through(struct db *db, int64_t community_id, char closed_through[8])
{
	*closed_through = 0;
	struct db_stmt *st = db_stmt(db, &q_through);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		snprintf(closed_through, 8, "%s", db_col_text(st, 0));
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

static struct db_query q_book_make =
    DB_QUERY("INSERT INTO ledger_book (community_id) VALUES (?) ON CONFLICT (community_id) DO NOTHING");
static struct db_query q_book_lock =
    DB_QUERY("SELECT closed_through FROM ledger_book WHERE community_id = ? @FOR_UPDATE@");

int ledger_report_lock(struct db *db, int64_t community_id, char closed_through[8])
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

static struct db_query q_pub = DB_QUERY(
    "SELECT post_id FROM ledger_publication WHERE community_id = ? AND what = ? AND span = ?");
static struct db_query q_pub_add = DB_QUERY(
    "INSERT INTO ledger_publication (community_id, what, span, post_id, created_by, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?)");

int ledger_report_publication(struct db *db, int64_t community_id, const char *what, const char *span,
                              int64_t *post_id)
{
	struct db_stmt *st = db_stmt(db, &q_pub);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, what, -1);
	db_bind_text(st, 3, span, -1);
	int rc = db_one_int(st, post_id);
	return rc == 0 ? 0 : rc == 1 ? 1 : -1;
}

int ledger_report_publication_add(struct db *db, int64_t community_id, const char *what, const char *span,
                                  int64_t post_id, int64_t by, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_pub_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, what, -1);
	db_bind_text(st, 3, span, -1);
	db_bind_int(st, 4, post_id);
	db_bind_int(st, 5, by);
	db_bind_int(st, 6, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}
