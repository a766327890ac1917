/* The ledger's months: closing one in order with its figures frozen, a
 * year's months as they stand, the balance now. Writes lock the books
 * (ledger_open_month) as every ledger write does. */
#include <stdio.h>
#include <string.h>

#include "modules/ledger/ledger_internal.h"

static struct db_query q_pending_in = DB_QUERY(
    "SELECT COUNT(*) FROM ledger_entry WHERE community_id = ? AND period = ? AND approved_at IS NULL");
static struct db_query q_open_before = DB_QUERY(
    "SELECT period FROM ledger_period WHERE community_id = ? AND period < ? AND closed_at IS NULL LIMIT 1");
static struct db_query q_last_closing = DB_QUERY(
    "SELECT closing_fen FROM ledger_period WHERE community_id = ? AND period < ? AND closed_at IS NOT NULL"
    " ORDER BY period DESC LIMIT 1");
static struct db_query q_month_sums = DB_QUERY(
    "SELECT c.kind, COALESCE(SUM(t.amount_fen), 0) FROM ledger_total t JOIN ledger_category c"
    " ON c.community_id = t.community_id AND c.id = t.category_id WHERE t.community_id = ? AND t.period = ?"
    " GROUP BY c.kind");
static struct db_query q_close = DB_QUERY(
    "UPDATE ledger_period SET closed_at = ?, closed_by = ?, opening_fen = ?, income_fen = ?, expense_fen = ?,"
    " closing_fen = ? WHERE community_id = ? AND period = ? AND closed_at IS NULL");
static struct db_query q_book_close =
    DB_QUERY("UPDATE ledger_book SET closed_through = ?, updated_at = ? WHERE community_id = ?");

/* The approved income and expense of a month, from its kept totals. 0 or -1. */
static int month_sums(struct db *db, int64_t community_id, const char *period, int64_t *income, int64_t *expense)
{
	*income = *expense = 0;
	struct db_stmt *st = db_stmt(db, &q_month_sums);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, period, -1);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		*(strcmp(db_col_text(st, 0), "income") ? expense : income) = db_col_int(st, 1);
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

int ledger_period_close(struct db *db, int64_t community_id, const char *period, int64_t by, int64_t now)
{
	char p[8];
	int year;
	char date[11];
	snprintf(date, sizeof date, "%.7s-01", period ? period : "");
	if (!period || strlen(period) != 7 || ledger_month_of(date, p, &year) < 0)
		return -1;
	int rc = ledger_open_month(db, community_id, p);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_open_before);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, p, -1);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc == DB_ROW ? LEDGER_ORDER : -1;
	int64_t pending = 0;
	if (!(st = db_stmt(db, &q_pending_in)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, p, -1);
	if (db_one_int(st, &pending) != 0)
		return -1;
	if (pending)
		return LEDGER_PENDING;
	int64_t opening = 0, income, expense;
	if (!(st = db_stmt(db, &q_last_closing)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, p, -1);
	if (db_one_int(st, &opening) < 0 || month_sums(db, community_id, p, &income, &expense) < 0 ||
	    !(st = db_stmt(db, &q_close)))
		return -1;
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, by);
	db_bind_int(st, 3, opening);
	db_bind_int(st, 4, income);
	db_bind_int(st, 5, expense);
	db_bind_int(st, 6, opening + income - expense);
	db_bind_int(st, 7, community_id);
	db_bind_text(st, 8, p, -1);
	if (db_run_guarded(st) != 0 || !(st = db_stmt(db, &q_book_close)))
		return -1;
	db_bind_text(st, 1, p, -1);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, community_id);
	return db_run_guarded(st) == 0 ? 0 : -1;
}

static struct db_query q_year_periods = DB_QUERY(
    "SELECT period, closed_at, closed_by, opening_fen, income_fen, expense_fen, closing_fen FROM ledger_period"
    " WHERE community_id = ? AND period >= ? AND period <= ? ORDER BY period");
static struct db_query q_year_totals = DB_QUERY(
    "SELECT t.period, c.kind, SUM(t.amount_fen) FROM ledger_total t JOIN ledger_category c"
    " ON c.community_id = t.community_id AND c.id = t.category_id WHERE t.community_id = ? AND t.period >= ?"
    " AND t.period <= ? GROUP BY t.period, c.kind");
static struct db_query q_year_pending = DB_QUERY(
    "SELECT period, COUNT(*) FROM ledger_entry WHERE community_id = ? AND approved_at IS NULL AND period >= ?"
    " AND period <= ? GROUP BY period");
static struct db_query q_before_year = DB_QUERY(
    "SELECT (SELECT closing_fen FROM ledger_period WHERE community_id = ?1 AND period < ?2 AND closed_at IS NOT NULL"
    " ORDER BY period DESC LIMIT 1), (SELECT MAX(period) FROM ledger_period WHERE community_id = ?1 AND period < ?2"
    " AND closed_at IS NOT NULL)");
static struct db_query q_open_sums_before = DB_QUERY(
    "SELECT c.kind, SUM(t.amount_fen) FROM ledger_total t JOIN ledger_period p ON p.community_id = t.community_id"
    " AND p.period = t.period JOIN ledger_category c ON c.community_id = t.community_id AND c.id = t.category_id"
    " WHERE t.community_id = ? AND t.period > ? AND t.period < ? AND p.closed_at IS NULL GROUP BY c.kind");

/* The month index 0..11 of "YYYY-MM" in year, or -1. */
static int month_index(const char *period, int year)
{
	int y, m;
	if (sscanf(period, "%4d-%2d", &y, &m) != 2 || y != year || m < 1 || m > 12)
		return -1;
	return m - 1;
}

int ledger_year(struct db *db, struct arena *a, int64_t community_id, int year, struct ledger_period out[12])
{
	(void)a;
	if (year < 1 || year > 9999)
		return -1;
	memset(out, 0, 12 * sizeof *out);
	for (int i = 0; i < 12; i++)
		snprintf(out[i].period, sizeof out[i].period, "%04d-%02d", year, i + 1);
	char from[8], to[8];
	snprintf(from, sizeof from, "%04d-01", year);
	snprintf(to, sizeof to, "%04d-12", year);
	struct db_stmt *st = db_stmt(db, &q_year_periods);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, from, -1);
	db_bind_text(st, 3, to, -1);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int i = month_index(db_col_text(st, 0), year);
		if (i < 0 || db_col_is_null(st, 1))
			continue;
		out[i].closed = 1;
		out[i].closed_at = db_col_int(st, 1);
		out[i].closed_by = db_col_int(st, 2);
		out[i].opening_fen = db_col_int(st, 3);
		out[i].income_fen = db_col_int(st, 4);
		out[i].expense_fen = db_col_int(st, 5);
		out[i].closing_fen = db_col_int(st, 6);
	}
	db_reset(st);
	if (rc != DB_DONE || !(st = db_stmt(db, &q_year_totals)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, from, -1);
	db_bind_text(st, 3, to, -1);
	while ((rc = db_step(st)) == DB_ROW) {
		int i = month_index(db_col_text(st, 0), year);
		if (i < 0 || out[i].closed)
			continue;
		if (strcmp(db_col_text(st, 1), "income"))
			out[i].expense_fen = db_col_int(st, 2);
		else
			out[i].income_fen = db_col_int(st, 2);
	}
	db_reset(st);
	if (rc != DB_DONE || !(st = db_stmt(db, &q_year_pending)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, from, -1);
	db_bind_text(st, 3, to, -1);
	while ((rc = db_step(st)) == DB_ROW) {
		int i = month_index(db_col_text(st, 0), year);
		if (i >= 0)
			out[i].pending = db_col_int(st, 1);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return -1;
	/* The balance carried into January: the last closed month before it,
	 * plus what was approved in open months between that and January. */
	if (!(st = db_stmt(db, &q_before_year)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, from, -1);
	int64_t carried = 0;
	char last_closed[8] = "0000-00";
	if ((rc = db_step(st)) == DB_ROW) {
		carried = db_col_int(st, 0);
		if (!db_col_is_null(st, 1))
			snprintf(last_closed, sizeof last_closed, "%s", db_col_text(st, 1));
	}
	db_reset(st);
	if (rc != DB_ROW || !(st = db_stmt(db, &q_open_sums_before)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, last_closed, -1);
	db_bind_text(st, 3, from, -1);
	while ((rc = db_step(st)) == DB_ROW)
		carried += strcmp(db_col_text(st, 0), "income") ? -db_col_int(st, 1) : db_col_int(st, 1);
	db_reset(st);
	if (rc != DB_DONE)
		return -1;
	for (int i = 0; i < 12; i++) {
		if (!out[i].closed) {
			out[i].opening_fen = carried;
			out[i].closing_fen = carried + out[i].income_fen - out[i].expense_fen;
		}
		carried = out[i].closing_fen;
	}
	return 0;
}

static struct db_query q_balance_closed = DB_QUERY(
    "SELECT b.closed_through, COALESCE((SELECT closing_fen FROM ledger_period p WHERE p.community_id ="
    " b.community_id AND p.period = b.closed_through), 0) FROM ledger_book b WHERE b.community_id = ?");
static struct db_query q_open_sums_after = DB_QUERY(
    "SELECT c.kind, SUM(t.amount_fen) FROM ledger_total t JOIN ledger_category c ON c.community_id ="
    " t.community_id AND c.id = t.category_id WHERE t.community_id = ? AND t.period > ? GROUP BY c.kind");

int ledger_balance(struct db *db, int64_t community_id, int64_t *fen)
{
	*fen = 0;
	struct db_stmt *st = db_stmt(db, &q_balance_closed);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	char through[8] = "";
	int rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(through, sizeof through, "%s", db_col_text(st, 0));
		*fen = db_col_int(st, 1);
	}
	db_reset(st);
	if ((rc != DB_ROW && rc != DB_DONE) || !(st = db_stmt(db, &q_open_sums_after)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, through, -1);
	while ((rc = db_step(st)) == DB_ROW)
		*fen += strcmp(db_col_text(st, 0), "income") ? -db_col_int(st, 1) : db_col_int(st, 1);
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}
