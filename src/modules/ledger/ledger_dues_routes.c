/* The dues pages' handlers, all staff's: a month's list (opened on
 * demand), a member's payment, the arrears, a year per member and per
 * branch, each list exported as CSV or XLSX, and the year's or a
 * quarter's aggregate handed to the board. Every write: POST (CSRF checked
 * by the router), db_begin, the store, the audit row with the commit, a
 * redirect. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "modules/ledger/ledger_dues.h"
#include "web/cards.h"
#include "web/export.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* This month in China time, YYYY-MM. */
static void this_month(int64_t now, char out[8])
{
	struct ymd d = date_from_time(now);
	snprintf(out, 8, "%04d-%02d", d.y, d.m);
}

/* The month of ?month= (or the form's), this month when absent; 0, or -1
 * when given and not a month. title set to its Chinese name. */
static int month_param(struct req *r, const char *v, char month[8], const char **title)
{
	char from[8], to[8];
	if (!v || !*v)
		this_month(r->now, month);
	else if (strlen(v) != 7 || ledger_dues_span(r->a, v, from, to, NULL) < 0 || strcmp(from, to))
		return -1;
	else
		memcpy(month, v, 8);
	return ledger_dues_span(r->a, month, (char[8]){0}, (char[8]){0}, title);
}

/* The page window of a list or its export. 0, or -1 for a page that cannot be. */
static int window(struct req *r, const char **format, int64_t *page, int64_t *offset, int *limit)
{
	*format = export_format(r->path);
	*page = *format ? 1 : page_param(r);
	*limit = *format ? LEDGER_DUES_EXPORT_MAX : LEDGER_DUES_PAGE_ROWS;
	return page_offset(*page, *limit, offset);
}

/* Answers n rows of list l as an export. */
static enum http_result export_list(struct req *r, const struct ledger_dues_list *l, const char *title,
                                    const void *rows, size_t n, const char *format)
{
	struct table t;
	struct export_table x;
	if (table_begin_export(&t, r->a, &x, title, l->cols, l->ncols) < 0)
		return HR_ERROR;
	for (size_t i = 0; i < n; i++)
		l->row(r, &t, (const char *)rows + i * l->size);
	if (table_end(&t) < 0)
		return req_error(r, "cannot build the dues export");
	return export_send(r, &x, format);
}

/* The notice of ?done= after a redirect: the text of its word in said,
 * other for any other word, NULL without one. */
static const char *done_notice(struct req *r, const char *const said[][2], size_t n, const char *other)
{
	const char *done = kv_get(&r->q, "done");
	for (size_t i = 0; done && i < n; i++)
		if (!strcmp(done, said[i][0]))
			return said[i][1];
	return done ? other : NULL;
}

static enum http_result redirect(struct req *r, const char *path_and_query)
{
	const char *to = url_c(r->a, r->community->slug, path_and_query);
	return to ? req_redirect(r, to) : req_error(r, "out of request memory");
}

enum http_result ledger_dues_h_month(struct req *r)
{
	struct ledger_dues_month_page p = {0};
	const char *format;
	int64_t offset;
	int limit;
	if (month_param(r, kv_get(&r->q, "month"), p.month, &p.title) < 0)
		return req_fail(r, HR_NOT_FOUND, "请按 2026-11 的格式选择月份。");
	if (window(r, &format, &p.page, &offset, &limit) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这一页。");
	if (ledger_dues_month(r->db, r->a, r->community->id, p.month, offset, limit, &p.rows, &p.n, &p.more) <
	    0)
		return HR_ERROR;
	if (format)
		return export_list(r, &ledger_dues_month_list, arena_printf(r->a, "%s党费收缴", p.title),
		                   p.rows, p.n, format);
	char now_month[8];
	this_month(r->now, now_month);
	p.future = strcmp(p.month, now_month) > 0;
	if (ledger_dues_summary(r->db, r->community->id, p.month, &p.sum) < 0)
		return HR_ERROR;
	static const char *const said[][2] = {{"ahead", "已登记。实缴多于应缴,多出的部分按预缴记录。"},
	                                      {"open", "已开始本月收缴。"}};
	p.notice = done_notice(r, said, 2, "已保存。");
	ledger_dues_view_month(r, &p);
	return HR_OK;
}

enum http_result ledger_dues_h_open(struct req *r)
{
	char month[8];
	const char *title;
	if (month_param(r, kv_get(&r->form, "month"), month, &title) < 0)
		return req_fail(r, HR_BAD_REQUEST, "请按 2026-11 的格式选择月份。");
	char now_month[8];
	this_month(r->now, now_month);
	if (strcmp(month, now_month) > 0)
		return req_fail(r, HR_BAD_REQUEST, "还没到这个月,不能开始收缴。");
	int64_t added;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (ledger_dues_open_month(r->db, r->community->id, month, &added) < 0)
		return db_rollback(r->db), req_error(r, "cannot open the month for dues");
	if (req_audit_commit(r, "ledger.dues_open", "ledger_dues", 0,
	                     arena_printf(r->a, "%s,%lld", month, (long long)added)) < 0)
		return HR_ERROR;
	return redirect(r, arena_printf(r->a, "/admin/ledger/dues/?month=%s&done=open", month));
}

enum http_result ledger_dues_h_pay(struct req *r)
{
	char month[8];
	const char *title;
	const char *pv = kv_get(&r->q, "person");
	char *end = NULL;
	long long person = pv ? strtoll(pv, &end, 10) : 0;
	if (month_param(r, kv_get(&r->q, "month"), month, &title) < 0 || person <= 0 || !end || *end)
		return req_fail(r, HR_NOT_FOUND, "找不到这位党员这个月的应缴记录。");
	struct ledger_dues_row row;
	int rc = ledger_dues_get(r->db, r->a, r->community->id, person, month, &row);
	if (rc < 0)
		return HR_ERROR;
	if (rc)
		return req_fail(r, HR_NOT_FOUND, "这位党员这个月没有应缴记录:请先开始本月收缴。");
	const char *vals[3] = {0}, *errs[3] = {0};
	if (r->method != METHOD_POST) {
		char amount[MONEY_FORMAT_SIZE], today[11];
		int64_t fen = row.paid_fen ? row.paid_fen : row.due_fen;
		snprintf(amount, sizeof amount, "%lld.%02lld", (long long)(fen / 100),
		         (long long)(fen % 100));
		date_format(date_from_time(r->now), today);
		vals[0] = arena_strdup(r->a, amount);
		vals[1] = *row.paid_on ? row.paid_on : arena_strdup(r->a, today);
		vals[2] = row.receipt_no;
		ledger_dues_view_pay(r, &row, vals, errs, NULL);
		return HR_OK;
	}
	static const char *const names[3] = {"amount", "paid_on", "receipt_no"};
	for (int i = 0; i < 3; i++) {
		const char *v = kv_get(&r->form, names[i]);
		vals[i] = v ? v : "";
	}
	int64_t fen;
	char paid_on[11];
	struct ledger_problem p[3];
	int bad = ledger_dues_check(vals[0], vals[1], vals[2], r->now, &fen, paid_on, p);
	for (int i = 0; i < bad; i++)
		for (int k = 0; k < 3; k++)
			if (!strcmp(p[i].field, names[k]))
				errs[k] = p[i].message;
	if (bad) {
		ledger_dues_view_pay(r, &row, vals, errs, NULL);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = ledger_dues_pay(r->db, r->community->id, person, month, fen, paid_on, vals[2], r->user->id,
	                     r->now);
	if (rc < 0)
		return db_rollback(r->db), req_error(r, "cannot record the dues payment");
	if (rc) {
		db_rollback(r->db);
		return req_fail(r, HR_NOT_FOUND, "这位党员这个月没有应缴记录:请先开始本月收缴。");
	}
	char amount[MONEY_FORMAT_SIZE];
	if (req_audit_commit(
	        r, "ledger.dues_pay", "ledger_dues", person,
	        arena_printf(r->a, "%s,%s,%s", month, money_format(fen, amount, sizeof amount), vals[2])) < 0)
		return HR_ERROR;
	return redirect(r, arena_printf(r->a, "/admin/ledger/dues/?month=%s&done=%s", month,
	                                fen > row.due_fen ? "ahead" : "1"));
}

enum http_result ledger_dues_h_arrears(struct req *r)
{
	const char *format;
	int64_t page, offset;
	int limit;
	if (window(r, &format, &page, &offset, &limit) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这一页。");
	struct ledger_dues_arrear *a;
	size_t n;
	int more;
	if (ledger_dues_arrears(r->db, r->a, r->community->id, offset, limit, &a, &n, &more) < 0)
		return HR_ERROR;
	if (format)
		return export_list(r, &ledger_dues_arrears_list, ledger_dues_arrears_list.title, a, n,
		                   format);
	ledger_dues_view_arrears(r, a, n, more, page);
	return HR_OK;
}

/* The year of ?year= (this year when absent): 0, or -1 outside 2000..2999. */
static int year_param(struct req *r, int *year)
{
	const char *v = kv_get(&r->q, "year");
	if (!v || !*v) {
		*year = date_from_time(r->now).y;
		return 0;
	}
	char from[8], to[8];
	if (strlen(v) != 4 || ledger_dues_span(r->a, v, from, to, NULL) < 0)
		return -1;
	*year = atoi(v);
	return 0;
}

enum http_result ledger_dues_h_year(struct req *r)
{
	struct ledger_dues_year_page p = {0};
	const char *format;
	int64_t offset;
	int limit;
	if (year_param(r, &p.year) < 0)
		return req_fail(r, HR_NOT_FOUND, "请填写 2000 年以后的年份。");
	if (window(r, &format, &p.page, &offset, &limit) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这一页。");
	char from[8], to[8], span[8];
	snprintf(span, sizeof span, "%d", p.year);
	snprintf(from, sizeof from, "%d-01", p.year);
	snprintf(to, sizeof to, "%d-12", p.year);
	if (ledger_dues_members(r->db, r->a, r->community->id, from, to, offset, limit, &p.members, &p.n,
	                        &p.more) < 0)
		return HR_ERROR;
	if (format)
		return export_list(r, &ledger_dues_members_list,
		                   arena_printf(r->a, "%d年党费汇总(按党员)", p.year), p.members, p.n,
		                   format);
	if (ledger_dues_branches(r->db, r->a, r->community->id, from, to, &p.branches, &p.nbranches) < 0)
		return HR_ERROR;
	for (int q = 0; q <= 4; q++) {
		if (q)
			snprintf(span, sizeof span, "%d-Q%d", p.year, q);
		if (ledger_dues_summary(r->db, r->community->id, span, &p.sums[q]) < 0 ||
		    ledger_dues_published(r->db, r->community->id, span, &p.posts[q]) < 0)
			return HR_ERROR;
	}
	static const char *const said[][2] = {{"again", "这一期间已经提交过公开栏,下面是已有的草稿。"},
	                                      {"empty", "这一期间没有应缴记录,没有可提交的汇总。"}};
	p.notice = done_notice(r, said, 2, "已提交到公开栏,成为一篇草稿:请到公开栏审核后发布。");
	ledger_dues_view_year(r, &p);
	return HR_OK;
}

enum http_result ledger_dues_h_branches(struct req *r)
{
	int year;
	if (year_param(r, &year) < 0)
		return req_fail(r, HR_NOT_FOUND, "请填写 2000 年以后的年份。");
	const char *format = export_format(r->path);
	if (!format)
		return req_fail(r, HR_NOT_FOUND, "没有这个页面。");
	char from[8], to[8];
	snprintf(from, sizeof from, "%d-01", year);
	snprintf(to, sizeof to, "%d-12", year);
	struct ledger_dues_branch *b;
	size_t n;
	if (ledger_dues_branches(r->db, r->a, r->community->id, from, to, &b, &n) < 0)
		return HR_ERROR;
	return export_list(r, &ledger_dues_branches_list, arena_printf(r->a, "%d年党费汇总(按党支部)", year),
	                   b, n, format);
}

enum http_result ledger_dues_h_publish(struct req *r)
{
	const char *span = kv_get(&r->form, "span");
	char from[8], to[8];
	const char *title;
	if (!span || strlen(span) == 7 || ledger_dues_span(r->a, span, from, to, &title) < 0)
		return req_fail(r, HR_BAD_REQUEST, "请选择全年或一个季度。");
	int year = atoi(span);
	int64_t post = 0;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = ledger_dues_publish(r->db, r->a, r->community->id, span, r->user->id, r->now, &post);
	if (rc < 0)
		return db_rollback(r->db), req_error(r, "cannot hand the dues summary to the board");
	if (rc == LEDGER_NOT_FOUND) {
		db_rollback(r->db);
		return req_fail(r, HR_NOT_FOUND,
		                "本社区的公开目录里没有“党费收缴”这一项,请先在公开栏设置中添加。");
	}
	if (rc) {
		db_rollback(r->db);
		return redirect(r, arena_printf(r->a, "/admin/ledger/dues/year?year=%d&done=%s", year,
		                                rc == LEDGER_DUP_NAME ? "again" : "empty"));
	}
	if (req_audit_commit(r, "ledger.dues_publish", "disclosure_post", post,
	                     arena_printf(r->a, "%s", title)) < 0)
		return HR_ERROR;
	return redirect(r, arena_printf(r->a, "/admin/ledger/dues/year?year=%d&done=1", year));
}

int ledger_dues_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c)
		return 0;
	int64_t members;
	if (ledger_dues_arrears_count(r->db, c->id, &members) < 0)
		return -1;
	return workbench_card(w, "党费欠缴", members, url_c(r->a, c->slug, "/admin/ledger/dues/arrears"),
	                      "有月份未足额缴纳党费的党员", WB_TODO, NULL, 0);
}
