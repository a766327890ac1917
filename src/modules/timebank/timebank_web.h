/* 时间银行: what the module's handlers, views and API share (its files only). */
#ifndef SHEQU_MODULES_TIMEBANK_WEB_H
#define SHEQU_MODULES_TIMEBANK_WEB_H
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "http/request.h"
#include "modules/timebank/timebank_internal.h"
#include "web/table.h"

#define TB_PER_PAGE 30
#define TB_EXPORT_MAX 100000 /* rows of an export at most */

/* ---- timebank_hours.c (pure) ---- */
/* Reads a duration as people type it: hours (2, 1.5, 2小时, 1.5h, 1小时半),
 * hours and minutes (1小时30分, 1时30分钟), minutes (90分钟, 90分), 半小时;
 * full-width digits and spaces allowed. Whole minutes, 1 .. TB_MOVE_MAX.
 * NULL with *minutes set, or the reason in Chinese. */
const char *tb_parse_hours(const char *s, int64_t *minutes);
/* Minutes as 3小时20分钟 (2小时, 45分钟). */
char *tb_minutes_text(struct arena *a, int64_t minutes);
/* Minutes as hours with one decimal, rounded (200 → "3.3"). */
char *tb_hours_text(struct arena *a, int64_t minutes);

/* A day of a service as typed (date_parse_typed): not after today, not
 * before 2000. NULL with out "YYYY-MM-DD", or the reason. */
const char *tb_parse_day(const char *s, struct ymd today, char out[11]);
/* An account number as typed ("12", "１２", "No.12" not): NULL with *id, or the reason. */
const char *tb_parse_number(const char *s, int64_t *id);

/* ---- forms ---- */
/* The desk's move form and the resident's report and donation forms share
 * these fields (a form shows the ones it needs). */
enum { MF_KIND, MF_HOURS, MF_SERVICE, MF_ON, MF_PARTY, MF_TO, MF_NOTE, MF__MAX };
struct tb_form {
	const char *vals[MF__MAX], *errs[MF__MAX];
};
/* Reads the posted fields of a move form: kind (when with_kind: deposit,
 * withdraw or transfer), hours, service (deposits, withdrawals and
 * reports), day, the person served (masked name, optional) and an
 * account (the receiver of a transfer; for a deposit or withdrawal,
 * optionally the account of the person served or who served). Fills m (minutes positive, served_on,
 * service, party_masked masked) and *to. The number of errors, each set
 * by its field. */
int tb_form_read(struct req *r, struct tb_form *f, int with_kind, int kind, struct tb_move *m, int64_t *to);

/* ---- shared (timebank_routes.c) ---- */
/* The window of a list: the page asked for (?page=) and its offset, and the
 * rows to read (one past the page), or every row for an export (all). 0,
 * or a 400 result. */
int tb_page_window(struct req *r, int all, int64_t *page, int64_t *offset, int64_t *limit);
/* A positive id from a path segment, else 0. */
int64_t tb_id_param(const char *s);
/* Today in China. */
struct ymd tb_today(struct req *r);

/* ---- pages ---- */
struct tb_summary_page {
	int year;
	int64_t accounts, cap;
	struct tb_year_line *lines;
	size_t n;
	int64_t deposited, drawn; /* the year's whole */
};

struct tb_mine_page {
	int has_account, may_open; /* may_open: a resident (or staff) of the community */
	struct tb_account ac;
	struct tb_move *moves;
	size_t n;
	int64_t page;
	int has_next;
	struct tb_report *reports; /* pending and recent */
	size_t nreports;
	int64_t cap;
	struct tb_form open, report, donate;
	const char *confirm_to_masked; /* a donation waiting for its confirmation */
	int64_t confirm_to;
	const char *notice, *refusal, *refusal_at; /* refusal_at: "report", "donate", "open" */
};

struct tb_admin_page {
	struct tb_account *accounts;
	size_t n;
	int64_t page, pending, cap;
	int has_next, state;
	const char *q, *q_err;
	const char *notice;
};

struct tb_account_page {
	struct tb_account ac;
	struct tb_move *moves;
	size_t n;
	int64_t page, cap;
	int has_next;
	struct tb_form form;
	const char *notice, *refusal;
};

struct tb_reports_page {
	struct tb_report *reports;
	size_t n;
	int64_t page;
	int has_next, state;
	const char *notice, *refusal;
};

struct tb_open_page {
	const char *vals[3], *errs[3]; /* name, mobile, person id */
	const char *refusal;
};

/* A page that asks a reason before a step (a reversal, a state change, a
 * refusal, a full view), and shows what an audited view opened. */
struct tb_reason_page {
	const char *title, *lead, *action, *back, *submit;
	const char *reason, *reason_err;
	const struct form_option *choices; /* a select "state" before the reason, or NULL */
	size_t nchoices;
	const char *choice, *choice_err;
	const char *refusal;
	const char *shown; /* after an audited view */
};

struct tb_cap_page {
	int64_t cap;
	const char *value, *err;
};

/* The facts of an account (staff: with the masked mobile and how it was opened). */
void tb_view_facts(struct req *r, const struct tb_account *ac, int64_t cap, int staff);
void tb_view_summary(struct req *r, const struct tb_summary_page *p);
void tb_view_mine(struct req *r, const struct tb_mine_page *p);
void tb_view_admin(struct req *r, const struct tb_admin_page *p);
void tb_view_account(struct req *r, const struct tb_account_page *p);
void tb_view_reports(struct req *r, const struct tb_reports_page *p);
void tb_view_open(struct req *r, const struct tb_open_page *p);
void tb_view_reason(struct req *r, const struct tb_reason_page *p);
void tb_view_cap(struct req *r, const struct tb_cap_page *p);

extern const struct tcol tb_account_cols[];
extern const int tb_account_ncols;
void tb_account_rows(struct table *t, struct req *r, const struct tb_account *a, size_t n);
extern const struct tcol tb_report_cols[];
extern const int tb_report_ncols;
void tb_report_rows(struct table *t, struct req *r, const struct tb_report *rep, size_t n);
extern const struct tcol tb_move_cols[];
extern const int tb_move_ncols;
void tb_move_rows(struct table *t, struct req *r, const struct tb_move *m, size_t n, int staff);

/* ---- handlers ---- */
enum http_result tb_h_summary(struct req *r);
enum http_result tb_h_api_summary(struct req *r);
enum http_result tb_h_mine(struct req *r);
enum http_result tb_h_mine_export(struct req *r);
enum http_result tb_h_mine_open(struct req *r);
enum http_result tb_h_mine_report(struct req *r);
enum http_result tb_h_mine_donate(struct req *r);
enum http_result tb_h_admin(struct req *r);
enum http_result tb_h_admin_export(struct req *r);
enum http_result tb_h_open(struct req *r);
enum http_result tb_h_cap(struct req *r);
enum http_result tb_h_account(struct req *r);
enum http_result tb_h_account_export(struct req *r);
enum http_result tb_h_move(struct req *r);
enum http_result tb_h_contact(struct req *r);
enum http_result tb_h_state(struct req *r);
enum http_result tb_h_reverse(struct req *r);
enum http_result tb_h_reports(struct req *r);
enum http_result tb_h_reports_export(struct req *r);
enum http_result tb_h_report_confirm(struct req *r);
enum http_result tb_h_report_refuse(struct req *r);

#endif
