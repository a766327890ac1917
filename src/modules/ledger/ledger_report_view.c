/* The statements' pages: the list of months, quarters and years that have
 * entries, and a statement with its figures, charts, big entries, exports
 * and the button that hands it to the board. HTML only. */
#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "modules/ledger/ledger_report.h"
#include "web/chart.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

const struct tcol ledger_span_cols[LEDGER_SPAN_NCOLS] = {
    {"期间", TCOL_ROWHEAD, NULL}, {"类型", 0, NULL}, {"状态", 0, NULL}};

void ledger_span_row(struct req *r, struct table *t, const struct ledger_span_row *s)
{
	static const char *const kinds[] = {"月报", "季报", "年报"};
	table_tr(t, NULL);
	if (t->x)
		table_text(t, s->title);
	else
		table_link(t, url_c(r->a, r->community->slug, arena_printf(r->a, "/admin/ledger/statements/%s", s->span)),
		           s->title);
	table_text(t, kinds[s->kind]);
	table_text(t, s->published ? "已结账,已提交公开栏" : s->closed ? "已结账,未提交公开栏" : "未结账");
}

void ledger_view_statements(struct req *r, const struct ledger_span_row *rows, size_t n, int64_t page, int more)
{
	struct buf *b = r->out;
	page_begin(r, "财务报表");
	H(b, "<p><a href=\"");
	h_clink(b, r->community->slug, "/admin/ledger/");
	H(b, "\">← 财务收支</a></p><h1>财务报表</h1><p>有记账的月份、季度和年度。全部月份已结账的报表可以提交到公开栏。</p>");
	export_links(r, NULL);
	struct table t;
	table_begin(&t, b, NULL, "财务报表", ledger_span_cols, LEDGER_SPAN_NCOLS, TABLE_CARDS, "还没有记账");
	for (size_t i = 0; i < n; i++)
		ledger_span_row(r, &t, &rows[i]);
	table_end(&t);
	page_pager(r, page, more);
	page_end(r);
}

static const struct tcol figure_cols[] = {
    {"项目", TCOL_ROWHEAD, NULL}, {"收支", 0, NULL}, {"笔数", TCOL_NUM, NULL}, {"金额", TCOL_NUM, "金额(元)"}};

void ledger_statement_table(struct table *t, const struct ledger_statement *st)
{
	table_tr(t, NULL);
	table_text(t, "期初余额");
	table_text(t, "");
	table_text(t, "");
	table_money(t, st->opening_fen);
	for (int k = LEDGER_INCOME; k <= LEDGER_EXPENSE; k++) {
		for (size_t i = 0; i < st->nlines; i++) {
			if ((int)st->lines[i].kind != k)
				continue;
			table_tr(t, NULL);
			table_text(t, st->lines[i].category);
			table_text(t, ledger_kind_word(st->lines[i].kind));
			table_int(t, st->lines[i].entries);
			table_money(t, st->lines[i].amount_fen);
		}
		table_tr(t, "total");
		table_text(t, k == LEDGER_INCOME ? "收入合计" : "支出合计");
		table_text(t, ledger_kind_word((enum ledger_kind)k));
		table_text(t, "");
		table_money(t, k == LEDGER_INCOME ? st->income_fen : st->expense_fen);
	}
	table_tr(t, "total");
	table_text(t, "期末余额");
	table_text(t, "");
	table_text(t, "");
	table_money(t, st->closing_fen);
}

const struct tcol *ledger_statement_cols(int *n)
{
	*n = (int)(sizeof figure_cols / sizeof *figure_cols);
	return figure_cols;
}

/* Whole yuan for a chart (a negative value would be "none": 0). */
static int64_t chart_yuan(int64_t fen)
{
	return fen > 0 ? (fen + 50) / 100 : 0;
}

static void category_chart(struct req *r, const struct ledger_statement *st)
{
	int n = st->nlines < CHART_MAX_SLOTS ? (int)st->nlines : CHART_MAX_SLOTS;
	if (!n)
		return;
	const char **x = arena_alloc(r->a, (size_t)n * sizeof *x);
	int64_t *in = arena_alloc(r->a, (size_t)n * sizeof *in), *out = arena_alloc(r->a, (size_t)n * sizeof *out);
	if (!x || !in || !out)
		return;
	for (int i = 0; i < n; i++) {
		x[i] = st->lines[i].category;
		in[i] = st->lines[i].kind == LEDGER_INCOME ? chart_yuan(st->lines[i].amount_fen) : -1;
		out[i] = st->lines[i].kind == LEDGER_EXPENSE ? chart_yuan(st->lines[i].amount_fen) : -1;
	}
	struct chart_series s[2] = {{"收入(元)", CHART_BAR, in}, {"支出(元)", CHART_BAR, out}};
	struct chart c = {"by-category", "按类别的收支", "本期各类别的收入和支出金额,单位元;数字见上表。", n, x, s, 2, 0};
	chart_svg(r->out, &c);
}

static const struct tcol trend_cols[] = {{"月份", TCOL_ROWHEAD, NULL},
                                         {"收入", TCOL_NUM, NULL},
                                         {"支出", TCOL_NUM, NULL},
                                         {"月末余额", TCOL_NUM, NULL},
                                         {"状态", 0, NULL}};

static void trend(struct req *r, const struct ledger_statement *st)
{
	const char *x[12];
	int64_t in[12], out[12], bal[12];
	for (int i = 0; i < 12; i++) {
		int m = (st->months[i].period[5] - '0') * 10 + (st->months[i].period[6] - '0');
		x[i] = arena_printf(r->a, "%d月", m);
		in[i] = chart_yuan(st->months[i].income_fen);
		out[i] = chart_yuan(st->months[i].expense_fen);
		bal[i] = st->months[i].closing_fen >= 0 ? chart_yuan(st->months[i].closing_fen) : -1;
	}
	struct chart_series s[3] = {
	    {"收入(元)", CHART_BAR, in}, {"支出(元)", CHART_BAR, out}, {"月末余额(元)", CHART_LINE, bal}};
	struct chart c = {"trend", "近12个月收支趋势", "截至本期末的12个月,每月收入、支出和月末余额,单位元;数字见下表。",
	                  12, x, s, 3, 0};
	chart_svg(r->out, &c);
	struct table t;
	table_begin(&t, r->out, NULL, "近12个月收支", trend_cols, 5, TABLE_CARDS, NULL);
	for (int i = 0; i < 12; i++) {
		table_tr(&t, NULL);
		table_text(&t, st->months[i].period);
		table_money(&t, st->months[i].income_fen);
		table_money(&t, st->months[i].expense_fen);
		table_money(&t, st->months[i].closing_fen);
		const struct ledger_period *p = &st->months[i];
		table_text(&t, p->closed                                           ? "已结账"
		               : p->income_fen || p->expense_fen || p->pending ? "未结账"
		                                                                : "无记账");
	}
	table_end(&t);
}

static const struct tcol big_cols[] = {
    {"日期", 0, NULL},  {"凭证号", TCOL_ROWHEAD, NULL}, {"收支", 0, NULL},
    {"类别", 0, NULL},  {"对方单位或个人", 0, NULL},     {"摘要", 0, NULL},
    {"金额", TCOL_NUM, NULL}};

void ledger_view_statement(struct req *r, const struct ledger_statement *st, const char *span,
                           const struct ledger_statement_view *v)
{
	struct buf *b = r->out;
	const char *title = arena_printf(r->a, "%s财务报表", st->title);
	page_begin(r, title);
	H(b, "<p><a href=\"");
	h_clink(b, r->community->slug, "/admin/ledger/statements/");
	H(b, "\">← 财务报表</a></p><h1>");
	h_text(b, title);
	H(b, "</h1>");
	if (v->post_id) {
		H(b, "<p role=\"status\" class=\"notice\">");
		buf_puts(b, v->fresh ? "已提交到公开栏,成为“财务收支”事项的草稿:" : "这份报表已提交过公开栏:");
		h_clink_a(b, r->community->slug, arena_printf(r->a, "/admin/board/%lld", (long long)v->post_id),
		          "查看公开栏草稿");
		H(b, "。草稿还须在公开栏中审核、发布。</p>");
	}
	if (v->refusal)
		page_notice(r, v->refusal);
	char m1[MONEY_FORMAT_SIZE], m2[MONEY_FORMAT_SIZE];
	buf_printf(b, "<p>期间:%s 至 %s。", st->from, st->to);
	buf_puts(b, st->closed ? "全部月份已结账。" : "还有月份未结账,数字可能变化。");
	buf_printf(b, "期初余额 %s,期末余额 %s。</p>", money_format(st->opening_fen, m1, sizeof m1),
	           money_format(st->closing_fen, m2, sizeof m2));
	struct table t;
	int nfig;
	const struct tcol *fig = ledger_statement_cols(&nfig);
	table_begin(&t, b, NULL, "收支情况", fig, nfig, TABLE_CARDS | TABLE_CAPTION, NULL);
	ledger_statement_table(&t, st);
	table_end(&t);
	export_links(r, "导出本表");
	category_chart(r, st);
	trend(r, st);
	H(b, "<h2>大额收支</h2>");
	buf_printf(b, "<p>单笔 %s 及以上、已审核的收支", money_format(LEDGER_BIG_FEN, m1, sizeof m1));
	buf_printf(b, "%s。</p>", st->nbig >= LEDGER_BIG_MAX ? "(只列出金额最大的 200 笔)" : "");
	table_begin(&t, b, NULL, "大额收支", big_cols, 7, TABLE_CARDS, "本期没有大额收支");
	for (size_t i = 0; i < st->nbig; i++) {
		const struct ledger_entry *e = &st->big[i];
		table_tr(&t, NULL);
		table_text(&t, e->date);
		table_text(&t, e->voucher_no);
		table_text(&t, ledger_kind_word(e->kind));
		table_text(&t, e->category);
		table_text(&t, e->counterparty);
		table_text(&t, e->purpose);
		table_money(&t, e->amount_fen);
	}
	table_end(&t);
	H(b, "<h2>导出全年明细</h2><p>");
	buf_printf(b, "%.4s 年全部凭证:每月一张工作表,另有按月、按类别的汇总表。", st->to);
	h_clink_a(b, r->community->slug, arena_printf(r->a, "/admin/ledger/export/%.4s.xlsx", st->to), "Excel");
	H(b, " · ");
	h_clink_a(b, r->community->slug, arena_printf(r->a, "/admin/ledger/export/%.4s.csv", st->to), "CSV");
	H(b, "</p><h2>提交到公开栏</h2>");
	if (!st->closed) {
		H(b, "<p>报表期间的全部月份结账后,才能提交到公开栏。</p>");
	} else if (!v->post_id) {
		H(b, "<p>提交后,公开栏“财务收支”事项下生成一份草稿(不含居民个人信息,救助对象只写“困难家庭”),"
		     "经审核后发布。</p>");
		form_begin_confirm(r, url_c(r->a, r->community->slug,
		                            arena_printf(r->a, "/admin/ledger/statements/%s/publish", span)),
		                   "提交后公开栏“财务收支”事项下生成这份报表的草稿。确定提交吗?");
		form_submit(r, "提交到公开栏");
		form_end(r);
	} else {
		H(b, "<p>已提交到公开栏。");
		h_clink_a(b, r->community->slug, arena_printf(r->a, "/admin/board/%lld", (long long)v->post_id),
		          "查看公开栏草稿");
		H(b, "</p>");
	}
	H(b, "<p>");
	h_clink_a(b, r->community->slug, "/admin/ledger/statements/", "全部财务报表");
	H(b, "</p>");
	page_end(r);
}
