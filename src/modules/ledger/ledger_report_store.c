/* The statements' store: totals by category over months, the big entries
 * of a span, the months of the books, and what went to the board. Every
 * read walks an index of its table in the community's key. */
#include <stdio.h>
#include <stdlib.h>
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

/* A month's entries of at least the threshold, walking ledger_entry_amount
 * down from the largest, and its reversals of at least it, up from the
 * most negative: each stops at the statement's limit, so a month costs
 * the same however many small entries it holds. */
#define BIG_COLS                                                                                               \
	"SELECT e.entry_date, e.voucher_no, e.kind, c.name, e.amount_fen, e.counterparty, e.purpose, e.id,"     \
	" e.period, e.category_id FROM ledger_entry e JOIN ledger_category c ON c.community_id = e.community_id" \
	" AND c.id = e.category_id WHERE e.community_id = ?1 AND e.period = ?2 AND e.approved_at IS NOT NULL"
static struct db_query q_big_in =
    DB_QUERY(BIG_COLS " AND e.amount_fen >= ?3 ORDER BY e.amount_fen DESC LIMIT ?4");
static struct db_query q_big_out =
    DB_QUERY(BIG_COLS " AND e.amount_fen <= ?3 ORDER BY e.amount_fen LIMIT ?4");

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

static int64_t abs64(int64_t v)
{
	return v < 0 ? -v : v;
}

/* Largest first, then by date and id. */
static int big_cmp(const void *x, const void *y)
{
	const struct ledger_entry *a = x, *b = y;
	int64_t aa = abs64(a->amount_fen), bb = abs64(b->amount_fen);
	if (aa != bb)
		return aa > bb ? -1 : 1;
	int c = strcmp(a->date, b->date);
	return c ? c : a->id < b->id ? -1 : a->id > b->id;
}

int ledger_report_big(struct db *db, struct arena *a, int64_t community_id, const char *from, const char *to,
                      int64_t threshold_fen, size_t max, struct ledger_entry **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	int y, m, ty, tm;
	if (sscanf(from, "%4u-%2u", (unsigned *)&y, (unsigned *)&m) != 2 ||
	    sscanf(to, "%4u-%2u", (unsigned *)&ty, (unsigned *)&tm) != 2 || ty - y > 1 || max == 0)
		return -1;
	size_t cap = 0;
	for (int k = 0; k < 24 && (y < ty || (y == ty && m <= tm)); k++) {
		char period[16];
		snprintf(period, sizeof period, "%04d-%02d", y, m);
		for (int side = 0; side < 2; side++) {
			struct db_stmt *st = db_stmt(db, side ? &q_big_out : &q_big_in);
			if (!st)
				return -1;
			db_bind_int(st, 1, community_id);
			db_bind_text(st, 2, period, -1);
			int64_t least = threshold_fen > 0 ? threshold_fen : 1;
			db_bind_int(st, 3, side ? -least : least); /* reversals: at most its negation */
			db_bind_int(st, 4, (int64_t)max);
			struct ledger_entry *got;
			size_t ngot;
			if (db_rows(st, a, sizeof *got, max, (void **)&got, &ngot, big_fill) < 0)
				return -1;
			if (*n + ngot > cap) {
				size_t ncap = (*n + ngot) * 2;
				struct ledger_entry *v = arena_alloc(a, ncap * sizeof *v);
				if (!v)
					return -1;
				if (*n)
					memcpy(v, *out, *n * sizeof *v);
				*out = v;
				cap = ncap;
			}
			if (ngot)
				memcpy(*out + *n, got, ngot * sizeof *got);
			*n += ngot;
		}
		if (++m > 12)
			m = 1, y++;
	}
	if (*n)
		qsort(*out, *n, sizeof **out, big_cmp);
	if (*n > max)
		*n = max;
	return 0;
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

static struct db_query q_pub_spans =
    DB_QUERY("SELECT span FROM ledger_publication WHERE community_id = ? AND what = ? ORDER BY span");

int ledger_report_published(struct db *db, struct arena *a, int64_t community_id, const char *what,
                            const char ***spans)
{
	struct db_stmt *st = db_stmt(db, &q_pub_spans);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, what, -1);
	size_t n = 0, cap = 16;
	const char **v = arena_alloc(a, cap * sizeof *v);
	int rc;
	while (v && (rc = db_step(st)) == DB_ROW) {
		if (n + 1 == cap) {
			const char **w = arena_alloc(a, 2 * cap * sizeof *w);
			if (w)
				memcpy(w, v, n * sizeof *v);
			v = w;
			cap *= 2;
		}
		if (v)
			v[n++] = db_col_dup(st, 0, a);
	}
	db_reset(st);
	if (!v || rc != DB_DONE)
		return -1;
	v[n] = NULL;
	*spans = v;
	return 0;
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
	int rc = db_run(st);
	return rc == DB_DONE ? 0 : rc == DB_CONSTRAINT ? 1 : -1;
}

static struct db_query q_closed_recent = DB_QUERY(
    "SELECT period FROM ledger_period WHERE community_id = ? AND period >= ? AND closed_at IS NOT NULL"
    " ORDER BY period DESC LIMIT 12");
static struct db_query q_pubs_since = DB_QUERY(
    "SELECT span FROM ledger_publication WHERE community_id = ? AND what = 'finance' AND span >= ?");

static int has_span(char (*spans)[8], size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(spans[i], s))
			return 1;
	return 0;
}

int ledger_report_unpublished(struct db *db, int64_t community_id, const char *since, int64_t *count)
{
	*count = 0;
	char months[12][8], pubs[64][8];
	size_t nm = 0, np = 0;
	struct db_stmt *st = db_stmt(db, &q_closed_recent);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, since, -1);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		if (nm < 12)
			snprintf(months[nm++], 8, "%s", db_col_text(st, 0));
	db_reset(st);
	if (rc != DB_DONE || !(st = db_stmt(db, &q_pubs_since)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, (const char[5]){since[0], since[1], since[2], since[3], 0}, -1);
	while ((rc = db_step(st)) == DB_ROW)
		if (np < 64) /* a year has 12 months, 4 quarters, 1 year: 17 a year at most */
			snprintf(pubs[np++], 8, "%s", db_col_text(st, 0));
	db_reset(st);
	if (rc != DB_DONE)
		return -1;
	for (size_t i = 0; i < nm; i++) {
		char q[8], y[8];
		int m = (months[i][5] - '0') * 10 + (months[i][6] - '0');
		snprintf(q, sizeof q, "%.4s-Q%c", months[i], (char)('1' + (m - 1) / 3 % 4));
		snprintf(y, sizeof y, "%.4s", months[i]);
		*count += !has_span(pubs, np, months[i]) && !has_span(pubs, np, q) && !has_span(pubs, np, y);
	}
	return 0;
}
