/* 党费收缴 (group ldues): the dues store's lists beside the contract's
 * ledger_dues_open_month, ledger_dues_pay, ledger_dues_summary and
 * ledger_dues_publish (ledger_internal.h), the check of a typed payment,
 * the dues pages, their workbench card and their demo data. Individual
 * amounts are staff's; the board gets the aggregate only. */
#ifndef SHEQU_MODULES_LEDGER_DUES_H
#define SHEQU_MODULES_LEDGER_DUES_H
#include <stddef.h>
#include <stdint.h>

#include "http/request.h"
#include "modules/ledger/ledger_internal.h"

struct workbench;

#define LEDGER_DUES_PAGE_ROWS 50
#define LEDGER_DUES_EXPORT_MAX 10000

/* Parses a span of months: "2026-10", "2026-Q3", "2026" into its first and
 * last month and its Chinese name (2026年10月, 2026年第三季度, 2026年; in
 * a). Years 2000..2999. 0, or -1 for anything else. */
int ledger_dues_span(struct arena *a, const char *s, char from[8], char to[8], const char **title);

/* A payment as typed on the form: amount (money, 0 undoes a payment, at
 * most LEDGER_MAX_FEN), date (date_parse_typed, 2000-01-01 .. today by
 * now; needed with an amount above 0), receipt number (up to
 * LEDGER_VOUCHER_MAX bytes, no control characters; needed with an amount
 * above 0). Fills *fen and paid_on (YYYY-MM-DD, "" for an undo) and
 * returns the number of problems (field "amount", "paid_on" or
 * "receipt_no", message in Chinese) written to p (at most 3). */
int ledger_dues_check(const char *amount, const char *date, const char *receipt, int64_t now, int64_t *fen,
                      char paid_on[11], struct ledger_problem p[3]);

/* One member's month. */
struct ledger_dues_row {
	int64_t person_id;
	const char *name, *branch;
	char month[8];
	int64_t due_fen, paid_fen;
	const char *paid_on, *receipt_no; /* "" when not paid */
};
/* A page of a month's rows, by branch then name's id; *more when others
 * follow. 0 or -1. */
int ledger_dues_month(struct db *db, struct arena *a, int64_t community_id, const char *month, int64_t offset,
                      int limit, struct ledger_dues_row **out, size_t *n, int *more);
/* One member's row of a month. 0, LEDGER_NOT_FOUND, -1. */
int ledger_dues_get(struct db *db, struct arena *a, int64_t community_id, int64_t person_id,
                    const char *month, struct ledger_dues_row *out);

/* A member who owes: how many months, how much, since when. */
struct ledger_dues_arrear {
	int64_t person_id;
	const char *name, *branch;
	int64_t months, owed_fen;
	char oldest[8], latest[8];
};
/* A page of the members who owe for any month (paid below due), oldest
 * debt first. 0 or -1. */
int ledger_dues_arrears(struct db *db, struct arena *a, int64_t community_id, int64_t offset, int limit,
                        struct ledger_dues_arrear **out, size_t *n, int *more);
/* How many members owe for any month (the workbench card). 0 or -1. */
int ledger_dues_arrears_count(struct db *db, int64_t community_id, int64_t *members);

/* A member's year (or any span of up to 12 months): due and paid per month
 * (index 0 the span's first month; opened[i] 0 when no row). */
struct ledger_dues_member {
	int64_t person_id;
	const char *name, *branch;
	int64_t due_fen[12], paid_fen[12];
	unsigned char opened[12];
	int64_t due_total, paid_total;
};
/* A page of members with rows in from..to (at most 12 months), by id.
 * 0 or -1. */
int ledger_dues_members(struct db *db, struct arena *a, int64_t community_id, const char *from,
                        const char *to, int64_t offset, int limit, struct ledger_dues_member **out, size_t *n,
                        int *more);

/* A branch's aggregate over a span. */
struct ledger_dues_branch {
	const char *branch;
	int64_t members, due_fen, paid_fen;
};
/* The branches with rows in from..to, by name. 0 or -1. */
int ledger_dues_branches(struct db *db, struct arena *a, int64_t community_id, const char *from,
                         const char *to, struct ledger_dues_branch **out, size_t *n);

/* The rate paid/due in tenths of a percent (0 when nothing is due). */
int ledger_dues_rate(int64_t paid_fen, int64_t due_fen);

/* The post a span's dues were handed to the board as, 0 when none. 0 or -1. */
int ledger_dues_published(struct db *db, int64_t community_id, const char *span, int64_t *post_id);

/* ledger_dues_publish (ledger_internal.h) also answers LEDGER_STATE when
 * the span has no dues rows at all (nothing to report). */

/* ---- the views (ledger_dues_view.c): HTML only ---- */

struct table;
struct tcol;
/* A list's columns and the writer of one of its rows, shared by the page
 * and its CSV/XLSX export (t->x set). */
struct ledger_dues_list {
	const char *title;
	const struct tcol *cols;
	int ncols;
	void (*row)(struct req *r, struct table *t, const void *x);
	size_t size; /* bytes of one row */
};
extern const struct ledger_dues_list ledger_dues_month_list, ledger_dues_arrears_list,
    ledger_dues_members_list, ledger_dues_branches_list;

/* What the month page shows. */
struct ledger_dues_month_page {
	char month[8];
	const char *title; /* 2026年11月 */
	struct ledger_dues_row *rows;
	size_t n;
	int more;
	int64_t page;
	struct ledger_dues_sum sum;
	const char *notice; /* after a write, or NULL */
	int future;         /* a month still to come: nothing to open yet */
};
void ledger_dues_view_month(struct req *r, const struct ledger_dues_month_page *p);

/* The payment form of one member's month: vals and errs by field (amount,
 * paid_on, receipt_no); refusal a message for the whole form or NULL. */
void ledger_dues_view_pay(struct req *r, const struct ledger_dues_row *row, const char *const vals[3],
                          const char *const errs[3], const char *refusal);

void ledger_dues_view_arrears(struct req *r, const struct ledger_dues_arrear *a, size_t n, int more,
                              int64_t page);

/* What the year page shows. */
struct ledger_dues_year_page {
	int year;
	struct ledger_dues_member *members;
	size_t n;
	int more;
	int64_t page;
	struct ledger_dues_branch *branches;
	size_t nbranches;
	struct ledger_dues_sum sums[5]; /* the year, then its quarters */
	int64_t posts[5];               /* the board's drafts of the same spans (0: none) */
	const char *notice;
};
void ledger_dues_view_year(struct req *r, const struct ledger_dues_year_page *p);

/* The pages (ledger_dues_routes.c), all staff's:
 * GET  /c/{c}/admin/ledger/dues/[dues.csv|dues.xlsx]?month=  a month
 * POST /c/{c}/admin/ledger/dues/open                         open a month
 * GET/POST /c/{c}/admin/ledger/dues/pay?month=&person=       a payment
 * GET  /c/{c}/admin/ledger/dues/arrears[.csv|.xlsx]          the arrears
 * GET  /c/{c}/admin/ledger/dues/year[.csv|.xlsx]?year=       per member
 * GET  /c/{c}/admin/ledger/dues/branches[.csv|.xlsx]?year=   per branch
 * POST /c/{c}/admin/ledger/dues/publish                      to the board */
enum http_result ledger_dues_h_month(struct req *r);
enum http_result ledger_dues_h_open(struct req *r);
enum http_result ledger_dues_h_pay(struct req *r);
enum http_result ledger_dues_h_arrears(struct req *r);
enum http_result ledger_dues_h_year(struct req *r);
enum http_result ledger_dues_h_branches(struct req *r);
enum http_result ledger_dues_h_publish(struct req *r);

/* The card 党费欠缴 (members owing) for the community workbench; nothing
 * on the street's. 0 or -1. */
int ledger_dues_workbench(struct req *r, const struct community *c, struct workbench *w);
/* Demo dues for c: the last 12 months opened for its party members (a
 * monthly amount given to those without one), most paid on time with
 * receipts, a few months owed. Nothing for a community without party
 * members. 0 or -1. */
int ledger_dues_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

/* For the demo: gives the community's party members in good standing
 * without a monthly amount one of ¥10, ¥20, ¥32 or ¥50, and counts those
 * members in *members. 0 or -1. */
int ledger_dues_demo_bases(struct db *db, int64_t community_id, int64_t now, int64_t *members);

#endif
