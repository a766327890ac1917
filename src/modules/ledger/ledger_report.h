/* The ledger's statements, what it hands to the board, its yearly export,
 * its demo and its command: the group's own declarations beside the
 * contract of ledger_internal.h (ledger_span_parse, ledger_statement,
 * ledger_statement_publish). */
#ifndef SHEQU_MODULES_LEDGER_REPORT_H
#define SHEQU_MODULES_LEDGER_REPORT_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "http/module.h"
#include "web/table.h"
#include "modules/ledger/ledger_internal.h"

/* A statement's entries of at least this much (absolute): ¥5,000.00. */
#define LEDGER_BIG_FEN INT64_C(500000)
/* Most big entries a statement lists. */
#define LEDGER_BIG_MAX 200

struct community;

enum ledger_span_kind { LEDGER_SPAN_MONTH, LEDGER_SPAN_QUARTER, LEDGER_SPAN_YEAR };

/* A month that has (or had) entries, or was closed without any. */
struct ledger_month {
	char period[8];
	int closed;
};

/* ---- the store's reads and writes (ledger_report_store.c) ---- */

/* The approved totals of the months from..to by category, income first,
 * each kind by sort_no; categories with no entry left out. 0 or -1. */
int ledger_report_lines(struct db *db, struct arena *a, int64_t community_id, const char *from, const char *to,
                        struct ledger_line **out, size_t *n);
/* The approved entries of from..to of at least threshold_fen (absolute),
 * largest first then by date, at most max (date, voucher, kind, category,
 * amount, counterparty, purpose). 0 or -1. */
int ledger_report_big(struct db *db, struct arena *a, int64_t community_id, const char *from, const char *to,
                      int64_t threshold_fen, size_t max, struct ledger_entry **out, size_t *n);
/* Every month of the community's books, newest first. 0 or -1. */
int ledger_report_months(struct db *db, struct arena *a, int64_t community_id, struct ledger_month **out,
                         size_t *n);
/* Through which month the books are closed ("" when none), unlocked. 0 or -1. */
int ledger_report_closed_through(struct db *db, int64_t community_id, char closed_through[8]);
/* The post a span's what ('finance' or 'dues') went to: 0 (*post_id set),
 * 1 none, -1. */
int ledger_report_publication(struct db *db, int64_t community_id, const char *what, const char *span,
                              int64_t *post_id);
/* The spans whose what ('finance' or 'dues') went to the board, as a
 * NULL-terminated array in a. 0 or -1. */
int ledger_report_published(struct db *db, struct arena *a, int64_t community_id, const char *what,
                            const char ***spans);
/* Remembers that a span's what went to post_id. 0, 1 when another
 * transaction remembered one for it meanwhile (the caller rolls back), -1. */
int ledger_report_publication_add(struct db *db, int64_t community_id, const char *what, const char *span,
                                  int64_t post_id, int64_t by, int64_t now);

/* How many of the closed months since (YYYY-MM; at most the 12 latest)
 * went to the board neither alone nor in their quarter or year. 0 or -1. */
int ledger_report_unpublished(struct db *db, int64_t community_id, const char *since, int64_t *count);

/* ---- statements (ledger_statement.c) ---- */

/* The statement's title for the span kind and its first month:
 * 2026年10月, 2026年第三季度, 2026年度. In a; NULL when it fails. */
const char *ledger_span_title(struct arena *a, int kind, const char *from);
/* The statement as a Markdown table for the board (ledger_publish.c): no
 * personal data; a counterparty or purpose of 救助支出 and 人员补贴 is
 * replaced by who it went to in general ("困难家庭"). In a; NULL on failure. */
const char *ledger_statement_markdown(struct arena *a, const struct ledger_statement *st);

/* ---- the yearly export (ledger_export.c) ---- */

/* A year's entries as a workbook (xlsx nonzero: a sheet a month and a
 * summary sheet of totals per month and category, money as numbers) or as
 * one CSV of all entries; *title the file's name without extension. 0; 1
 * when the year holds more than max entries (0: no limit), nothing
 * written; -1. */
int ledger_export_year(struct db *db, struct arena *a, int64_t community_id, int year, int xlsx, size_t max,
                       struct buf *out, const char **title);

/* ---- pages (ledger_report_routes.c, ledger_report_view.c) ---- */

struct table;

/* A row of the statements' list: a month, quarter or year with entries. */
struct ledger_span_row {
	char span[8];      /* 2026-10, 2026-Q4, 2026 */
	const char *title; /* ledger_span_title */
	int kind;          /* enum ledger_span_kind */
	int closed;
	int published;     /* its statement went to the board */
};
#define LEDGER_SPAN_NCOLS 3
extern const struct tcol ledger_span_cols[LEDGER_SPAN_NCOLS];
/* Writes a row of the list (page or export). */
void ledger_span_row(struct req *r, struct table *t, const struct ledger_span_row *s);
void ledger_view_statements(struct req *r, const struct ledger_span_row *rows, size_t n, int64_t page, int more);

/* What a statement page says besides the statement. */
struct ledger_statement_view {
	int64_t post_id;     /* the board's draft it went to; 0 none */
	int fresh;           /* handed over just now */
	const char *refusal; /* why handing it over was refused; NULL */
};
/* The figures' columns and rows (page and export). */
const struct tcol *ledger_statement_cols(int *n);
void ledger_statement_table(struct table *t, const struct ledger_statement *st);
void ledger_view_statement(struct req *r, const struct ledger_statement *st, const char *span,
                           const struct ledger_statement_view *v);


enum http_result ledger_report_h_list(struct req *r);
enum http_result ledger_report_h_statement(struct req *r);
enum http_result ledger_report_h_publish(struct req *r);
enum http_result ledger_report_h_export(struct req *r);

/* The workbench's card (ledger_report_routes.c): closed months of the
 * last year not yet on the board. Nothing on the street's workbench. 0 or -1. */
struct workbench;
int ledger_report_workbench(struct req *r, const struct community *c, struct workbench *w);

/* ---- demo and command line ---- */

/* Gives a demo community a year of entries (ledger_demo.c): see the file. 0 or -1. */
int ledger_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);
/* `shequ ledger ...` (ledger_cli.c): argv[0] is "ledger"; the exit code. */
int ledger_command(int argc, char **argv);

#endif
