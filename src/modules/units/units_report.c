/* The yearly report (年度共驻共建报告): per unit and kind of commitment,
 * what was promised by the agreements in force during the year and what
 * was done within it. Two statements, each walking an index: the commitments
 * of the year's agreements, and the totals kept per commitment and year
 * (units_year); one row per commitment, added up here by unit, kind and
 * unit word (a GROUP BY would sort them in a temporary B-tree on every
 * request). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modules/units/units_internal.h"

/* The unit word a line is counted in: the commitment's (40 人次, 12 次),
 * none for money. Lines are per unit, kind and unit word. */
#define QUNIT "CASE WHEN c.kind = 'money' THEN '' ELSE c.quantity_unit END"

/* Commitments of the agreements (not drafts) whose term meets the year. */
static struct db_query q_promised = DB_QUERY(
    "SELECT c.unit_id, u.name, c.kind, 1, c.amount_fen, c.quantity, " QUNIT
    " FROM units_agreement g JOIN units_commitment c ON c.community_id = g.community_id AND c.agreement_id = g.id"
    " JOIN units_unit u ON u.community_id = c.community_id AND u.id = c.unit_id"
    " WHERE g.community_id = ?1 AND g.state IN ('in_force', 'ended', 'terminated') AND g.ends_on >= ?2"
    " AND g.starts_on <= ?3");
/* Fulfilments done within the year, from the totals kept per commitment and
 * year (units_year, written with each fulfilment): events count those
 * standing (neither reversed nor a reversal). ?2 is the year. */
static struct db_query q_done = DB_QUERY(
    "SELECT c.unit_id, u.name, c.kind, y.events, y.fen, y.quantity, " QUNIT " FROM units_year y"
    " JOIN units_commitment c ON c.community_id = y.community_id AND c.id = y.commitment_id"
    " JOIN units_unit u ON u.community_id = c.community_id AND u.id = c.unit_id"
    " WHERE y.community_id = ?1 AND y.year = ?2");

#define REPORT_MAX 2000

struct grouped {
	int64_t unit_id;
	const char *name;
	int kind;
	int64_t count, fen, qty;
	const char *qunit;
};

static void grouped_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct grouped *g = slot;
	g->unit_id = db_col_int(st, 0);
	g->name = db_col_dup(st, 1, a);
	g->kind = units_ckind_from(db_col_text(st, 2));
	g->count = db_col_int(st, 3);
	g->fen = db_col_int(st, 4);
	g->qty = db_col_int(st, 5);
	g->qunit = db_col_dup(st, 6, a);
}

static int read_grouped(struct db *db, struct arena *a, struct db_query *q, int64_t community_id, int year,
			struct grouped **out, size_t *n)
{
	char from[16], to[16];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	struct db_stmt *st = db_stmt(db, q);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	if (q == &q_done) {
		db_bind_int(st, 2, year);
	} else {
		db_bind_text(st, 2, from, -1);
		db_bind_text(st, 3, to, -1);
	}
	return db_rows(st, a, sizeof **out, REPORT_MAX, (void **)out, n, grouped_from_row);
}

static int line_cmp(const void *x, const void *y)
{
	const struct units_report_line *a = x, *b = y;
	if (a->unit_id != b->unit_id)
		return a->unit_id < b->unit_id ? -1 : 1;
	return a->kind != b->kind ? a->kind - b->kind : strcmp(a->qunit, b->qunit);
}

/* The line of (unit, kind, unit word) in lines[0..*n), added when missing. */
static struct units_report_line *line_of(struct units_report_line *lines, size_t *n, const struct grouped *g)
{
	for (size_t i = 0; i < *n; i++)
		if (lines[i].unit_id == g->unit_id && lines[i].kind == g->kind && !strcmp(lines[i].qunit, g->qunit))
			return &lines[i];
	struct units_report_line *l = &lines[(*n)++];
	memset(l, 0, sizeof *l);
	l->unit_id = g->unit_id;
	l->unit_name = g->name;
	l->kind = g->kind;
	l->qunit = g->qunit;
	return l;
}

int units_report(struct db *db, struct arena *a, int64_t community_id, int year, struct units_report_line **out,
		 size_t *n)
{
	struct grouped *p, *d;
	size_t np, nd;
	if (read_grouped(db, a, &q_promised, community_id, year, &p, &np) < 0 ||
	    read_grouped(db, a, &q_done, community_id, year, &d, &nd) < 0)
		return -1;
	struct units_report_line *lines = arena_alloc(a, (np + nd + 1) * sizeof *lines);
	if (!lines)
		return -1;
	*n = 0;
	for (size_t i = 0; i < np; i++) {
		struct units_report_line *l = line_of(lines, n, &p[i]);
		if (__builtin_add_overflow(l->commitments, p[i].count, &l->commitments) ||
		    __builtin_add_overflow(l->promised_fen, p[i].fen, &l->promised_fen) ||
		    __builtin_add_overflow(l->promised_qty, p[i].qty, &l->promised_qty))
			return -1;
	}
	for (size_t i = 0; i < nd; i++) {
		struct units_report_line *l = line_of(lines, n, &d[i]);
		if (__builtin_add_overflow(l->events, d[i].count, &l->events) ||
		    __builtin_add_overflow(l->done_fen, d[i].fen, &l->done_fen) ||
		    __builtin_add_overflow(l->done_qty, d[i].qty, &l->done_qty))
			return -1;
	}
	qsort(lines, *n, sizeof *lines, line_cmp);
	*out = lines;
	return 0;
}
