/* The ledger's overview (the balance now and this year's months, links
 * to every ledger page), the months' page with its 结账 button for the
 * months to close, and the workbench's cards. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "modules/ledger/ledger_web.h"
#include "web/cards.h"
#include "web/export.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* This month in China time, YYYY-MM. */
static void this_month(int64_t now, char out[8])
{
	char d[11];
	date_format(date_from_time(now), d);
	snprintf(out, 8, "%.7s", d);
}

/* ---- the overview ---- */

static void link_item(struct buf *b, const char *slug, const char *path, const char *text, const char *note)
{
	H(b, "<li>");
	h_clink_a(b, slug, path, text);
	H(b, " ");
	h_text(b, note);
	H(b, "</li>");
}

static const struct tcol month_cols[] = {
    {"月份", TCOL_ROWHEAD, NULL},   {"期初余额", TCOL_NUM, NULL}, {"收入", TCOL_NUM, NULL},
    {"支出", TCOL_NUM, NULL},       {"期末余额", TCOL_NUM, NULL}, {"状态", 0, NULL},
    {"待审核凭证", TCOL_NUM, NULL}, {"操作", TCOL_PAGE, NULL},
};
#define MONTH_NCOLS (int)(sizeof month_cols / sizeof *month_cols)

/* The year's twelve months as rows of t (a page's or an export's);
 * closable[i]: month i gets a 结账 button (closable NULL: none do). */
static void month_rows(struct req *r, struct table *t, const struct ledger_period *m, const int *closable)
{
	for (int i = 0; i < 12; i++) {
		table_tr(t, NULL);
		table_link(t,
		           arena_printf(r->a, "%s?month=%s",
		                        url_c(r->a, r->community->slug, "/admin/ledger/entries"),
		                        m[i].period),
		           m[i].period);
		table_money(t, m[i].opening_fen);
		table_money(t, m[i].income_fen);
		table_money(t, m[i].expense_fen);
		table_money(t, m[i].closing_fen);
		table_text(t, m[i].closed ? "已结账" : "未结账");
		table_int(t, m[i].pending);
		struct buf *c = table_cell(t, "");
		if (c && closable && closable[i] && m[i].pending) { /* to the entries that hold the closing up */
			H(c, "<a href=\"");
			h_clink(c, r->community->slug, "/admin/ledger/entries");
			buf_printf(c, "?month=%s&amp;pending=1\">先审核 %lld 张待审核凭证</a>", m[i].period,
			           (long long)m[i].pending);
		} else if (c && closable && closable[i]) {
			form_begin_confirm(r, url_c(r->a, r->community->slug, "/admin/ledger/months/close"),
			                   arena_printf(r->a, "结账后 %s 的账目不能再修改,更正只能在以后的月份冲销。确定结账吗?",
			                                m[i].period));
			form_hidden(r, "period", m[i].period);
			form_submit(r, "结账");
			form_end(r);
		}
		table_cell_end(t);
	}
}

/* The months as a table on the page. */
static void months_table(struct req *r, const struct ledger_period *m, const int *closable)
{
	struct table t;
	table_begin(&t, r->out, NULL, "各月收支", month_cols, MONTH_NCOLS, TABLE_CARDS | TABLE_WIDE, NULL);
	month_rows(r, &t, m, closable);
	table_end(&t);
}

/* Which of the year's months gets the 结账 button: the next to close
 * (ledger_next_open), when it is in this year; *next says which it is
 * ("" none). 0 or -1. */
static int closable_months(struct req *r, const struct ledger_period *m, int closable[12], char next[8])
{
	char now_month[8];
	this_month(r->now, now_month);
	if (ledger_next_open(r->db, r->community->id, now_month, next) < 0)
		return -1;
	for (int i = 0; i < 12; i++)
		closable[i] = *next && !strcmp(m[i].period, next);
	return 0;
}

/* "下一个待结账的月份" with a link to its year's months, when there is one
 * (shown year: the page's own, where the month is in the table below: no link). */
static void next_line(struct req *r, const char *next, int shown_year)
{
	if (!*next)
		return;
	struct buf *b = r->out;
	H(b, "<p>下一个待结账的月份:");
	if (shown_year == date_digits(next, 4)) {
		h_text(b, next);
		H(b, "(见下表)</p>");
		return;
	}
	H(b, "<a href=\"");
	h_clink(b, r->community->slug, "/admin/ledger/months");
	buf_printf(b, "?year=%.4s\">", next);
	h_text(b, next);
	H(b, "</a></p>");
}

enum http_result ledger_h_overview(struct req *r)
{
	struct ymd today = date_from_time(r->now);
	struct ledger_period m[12];
	int64_t balance;
	if (ledger_balance(r->db, r->community->id, &balance) < 0 ||
	    ledger_year(r->db, r->a, r->community->id, today.y, m) < 0)
		return req_error(r, "cannot read the ledger's year");
	int closable[12];
	char next[8];
	if (closable_months(r, m, closable, next) < 0)
		return req_error(r, "cannot read the ledger's months");
	int64_t pending = 0;
	for (int i = 0; i < 12; i++)
		pending += m[i].pending;
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "财务收支");
	H(b, "<h1>财务收支</h1><p class=\"lead\">当前余额 <strong class=\"num\">");
	h_money(b, balance);
	H(b, "</strong>");
	if (pending)
		buf_printf(b, ",本年有 %lld 张凭证待审核", (long long)pending);
	H(b, "</p><ul class=\"links\">");
	link_item(b, slug, "/admin/ledger/entries/new", "记一笔", "录入收入或支出凭证");
	link_item(b, slug, "/admin/ledger/import", "导入凭证", "从 Excel 或 CSV 文件一次导入多张凭证");
	link_item(b, slug, "/admin/ledger/entries", "收支明细", "按月份、收支、类别查找,导出 Excel 或 CSV");
	link_item(b, slug, "/admin/ledger/entries?pending=1", "待审核凭证", "由另一名工作人员审核");
	link_item(b, slug, "/admin/ledger/months", "月末结账", "逐月结账,结账后该月不能再改");
	link_item(b, slug, "/admin/ledger/categories", "收支类别", "添加、重命名、停用类别");
	link_item(b, slug, "/admin/ledger/statements/", "财务报表", "月度、季度、年度报表和趋势图,导出全年明细,提交到公开栏");
	link_item(b, slug, "/admin/ledger/dues/", "党费收缴", "每月应缴和实缴、欠缴名单、年度汇总");
	H(b, "</ul>");
	buf_printf(b, "<h2>%d年各月</h2>", today.y);
	next_line(r, next, today.y);
	months_table(r, m, closable);
	page_end(r);
	return HR_OK;
}

/* ---- months ---- */

static enum http_result months_page(struct req *r, int year, const char *notice, const char *refusal)
{
	struct ledger_period m[12];
	if (ledger_year(r->db, r->a, r->community->id, year, m) < 0)
		return req_error(r, "cannot read the ledger's year");
	const char *format = r->method == METHOD_GET ? export_format(r->path) : NULL;
	if (format) {
		struct table t;
		struct export_table x;
		if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%d年各月收支", year), month_cols,
		                       MONTH_NCOLS) < 0)
			return req_error(r, "out of request memory");
		month_rows(r, &t, m, NULL);
		if (table_end(&t) < 0)
			return req_error(r, "cannot export the ledger's months");
		return export_send(r, &x, format);
	}
	int closable[12];
	char next[8];
	if (closable_months(r, m, closable, next) < 0)
		return req_error(r, "cannot read the ledger's months");
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, arena_printf(r->a, "%d年月末结账", year));
	H(b, "<p><a href=\"");
	h_clink(b, slug, "/admin/ledger/");
	buf_printf(b, "\">← 财务收支</a></p><h1>%d年月末结账</h1>", year);
	if (notice)
		page_notice(r, notice);
	form_refusal(r, refusal);
	H(b, "<p>月份须按顺序结账;有待审核凭证的月份不能结账。结账后该月的凭证不能再录入、修改或撤回。</p>"
	     "<p><a href=\"");
	h_clink(b, slug, "/admin/ledger/months");
	buf_printf(b, "?year=%d\">上一年</a> · <a href=\"", year - 1);
	h_clink(b, slug, "/admin/ledger/months");
	buf_printf(b, "?year=%d\">下一年</a></p>", year + 1);
	export_links(r, NULL);
	next_line(r, next, year);
	months_table(r, m, closable);
	page_end(r);
	if (refusal) {
		r->body_written = 1;
		return req_fail(r, HR_INVALID, refusal);
	}
	return HR_OK;
}

enum http_result ledger_h_months(struct req *r)
{
	int year = ledger_year_param(kv_get(&r->q, "year"));
	if (year < 0)
		return req_fail(r, HR_BAD_REQUEST, "年份不正确:如 2026。");
	const char *done = kv_get(&r->q, "closed");
	return months_page(r, year ? year : date_from_time(r->now).y,
	                   done && ledger_month_ok(done) ? arena_printf(r->a, "%s 已结账。", done) : NULL,
	                   NULL);
}

enum http_result ledger_h_month_close(struct req *r)
{
	const char *period = kv_get(&r->form, "period");
	if (!ledger_month_ok(period))
		return req_fail(r, HR_BAD_REQUEST, "月份不正确。");
	int year =
	    (period[0] - '0') * 1000 + (period[1] - '0') * 100 + (period[2] - '0') * 10 + (period[3] - '0');
	char now_month[8];
	this_month(r->now, now_month);
	if (strcmp(period, now_month) >= 0)
		return months_page(r, year, NULL, arena_printf(r->a, "%s 尚未结束,不能结账。", period));
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin");
	int rc = ledger_period_close(r->db, r->community->id, period, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		const char *why = rc == LEDGER_ORDER ? "之前还有未结账的月份,请按顺序先结之前的月份。"
		                  : rc == LEDGER_PENDING ? "这个月还有待审核的凭证,请先审核或撤回。"
		                  : rc == LEDGER_CLOSED ? "这个月已经结账了。"
		                                        : NULL;
		return why ? months_page(r, year, NULL, arena_printf(r->a, "%s 不能结账:%s", period, why))
		           : req_error(r, "cannot close a month");
	}
	if (req_audit_commit(r, "ledger.period_close", "ledger_period",
	                     (int64_t)year * 100 + (period[5] - '0') * 10 + (period[6] - '0'),
	                     arena_printf(r->a, "%s 结账", period)) < 0)
		return HR_ERROR;
	const char *to = arena_printf(r->a, "%s?year=%d&closed=%s",
	                              url_c(r->a, r->community->slug, "/admin/ledger/months"), year, period);
	return to ? req_redirect(r, to) : req_error(r, "out of request memory");
}

/* ---- the workbench ---- */

int ledger_pages_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c || !r->user)
		return 0;
	char now_month[8];
	this_month(r->now, now_month);
	struct ledger_bench k;
	if (ledger_bench_counts(r->db, c->id, r->user->id, now_month, &k) < 0)
		return -1;
	return workbench_card(w, "待审核凭证", k.pending_others,
	                      url_c(r->a, c->slug, "/admin/ledger/entries?pending=1"),
	                      "其他工作人员录入的收支凭证,审核通过后计入账目", WB_TODO,
	                      "等待您或另一名工作人员审核", 0) |
	       workbench_card(w, "待结账月份", k.open_past, url_c(r->a, c->slug, "/admin/ledger/months"),
	                      "已过去但尚未结账的月份,请按顺序结账", WB_TODO, NULL, 0);
}
