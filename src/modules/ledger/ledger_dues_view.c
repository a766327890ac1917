/* The dues pages' HTML: a month's list with its opening button and links
 * to each member's payment form, the payment form, the arrears, and a
 * year per member and per branch with the hand-over to the board. The
 * lists' rows are written once for the page and its export. */
#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "modules/ledger/ledger_dues.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* ---- the lists ---- */

static void month_row(struct req *r, struct table *t, const void *x)
{
	const struct ledger_dues_row *d = x;
	table_tr(t, NULL);
	table_text(t, d->name);
	table_text(t, d->branch);
	table_money(t, d->due_fen);
	table_money(t, d->paid_fen);
	table_money(t, d->paid_fen < d->due_fen ? d->due_fen - d->paid_fen : 0);
	table_text(t, d->paid_on);
	table_text(t, d->receipt_no);
	if (!t->x)
		table_link(t,
		           arena_printf(r->a, "%s?month=%s&person=%lld",
		                        url_c(r->a, r->community->slug, "/admin/ledger/dues/pay"), d->month,
		                        (long long)d->person_id),
		           d->paid_fen ? "更正缴费" : "登记缴费");
}

static const struct tcol month_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL},
    {"党支部", 0, NULL},
    {"应缴", TCOL_NUM, "应缴(元)"},
    {"实缴", TCOL_NUM, "实缴(元)"},
    {"欠缴", TCOL_NUM, "欠缴(元)"},
    {"缴费日期", 0, NULL},
    {"收据号", 0, NULL},
    {"操作", TCOL_PAGE, NULL},
};

static void arrear_row(struct req *r, struct table *t, const void *x)
{
	(void)r;
	const struct ledger_dues_arrear *d = x;
	table_tr(t, NULL);
	table_text(t, d->name);
	table_text(t, d->branch);
	table_int(t, d->months);
	table_money(t, d->owed_fen);
	table_text(t, d->oldest);
	table_text(t, d->latest);
}

static const struct tcol arrear_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL},           {"党支部", 0, NULL},       {"欠缴月数", TCOL_NUM, NULL},
    {"欠缴金额", TCOL_NUM, "欠缴金额(元)"}, {"最早欠缴月份", 0, NULL}, {"最近欠缴月份", 0, NULL},
};

static void member_row(struct req *r, struct table *t, const void *x)
{
	const struct ledger_dues_member *m = x;
	table_tr(t, NULL);
	table_text(t, m->name);
	table_text(t, m->branch);
	for (int i = 0; i < 12; i++) {
		if (!m->opened[i]) {
			table_text(t, "");
			continue;
		}
		char paid[MONEY_FORMAT_SIZE];
		money_format(m->paid_fen[i], paid, sizeof paid);
		/* the page marks what is owed; the export gives the amount paid */
		if (!t->x && m->paid_fen[i] < m->due_fen[i])
			table_text(t, arena_printf(r->a, "%s(欠缴)", paid));
		else
			table_money(t, m->paid_fen[i]);
	}
	table_money(t, m->due_total);
	table_money(t, m->paid_total);
}

static const struct tcol member_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL},
    {"党支部", 0, NULL},
    {"1月", TCOL_NUM, NULL},
    {"2月", TCOL_NUM, NULL},
    {"3月", TCOL_NUM, NULL},
    {"4月", TCOL_NUM, NULL},
    {"5月", TCOL_NUM, NULL},
    {"6月", TCOL_NUM, NULL},
    {"7月", TCOL_NUM, NULL},
    {"8月", TCOL_NUM, NULL},
    {"9月", TCOL_NUM, NULL},
    {"10月", TCOL_NUM, NULL},
    {"11月", TCOL_NUM, NULL},
    {"12月", TCOL_NUM, NULL},
    {"应缴合计", TCOL_NUM, "应缴合计(元)"},
    {"实缴合计", TCOL_NUM, "实缴合计(元)"},
};

static void branch_row(struct req *r, struct table *t, const void *x)
{
	(void)r;
	const struct ledger_dues_branch *b = x;
	table_tr(t, NULL);
	table_text(t, *b->branch ? b->branch : "未填党支部");
	table_int(t, b->members);
	table_money(t, b->due_fen);
	table_money(t, b->paid_fen);
	table_percent(t, b->due_fen > 0 ? ledger_dues_rate(b->paid_fen, b->due_fen) : -1);
}

static const struct tcol branch_cols[] = {
    {"党支部", TCOL_ROWHEAD, NULL},
    {"应缴人数", TCOL_NUM, NULL},
    {"应缴金额", TCOL_NUM, "应缴金额(元)"},
    {"实缴金额", TCOL_NUM, "实缴金额(元)"},
    {"收缴率", TCOL_NUM, NULL},
};

#define NCOLS(c) (int)(sizeof c / sizeof *c)
const struct ledger_dues_list ledger_dues_month_list = {"党费收缴", month_cols, NCOLS(month_cols), month_row,
                                                        sizeof(struct ledger_dues_row)};
const struct ledger_dues_list ledger_dues_arrears_list = {"党费欠缴名单", arrear_cols, NCOLS(arrear_cols),
                                                          arrear_row, sizeof(struct ledger_dues_arrear)};
const struct ledger_dues_list ledger_dues_members_list = {
    "党费年度汇总(按党员)", member_cols, NCOLS(member_cols), member_row, sizeof(struct ledger_dues_member)};
const struct ledger_dues_list ledger_dues_branches_list = {
    "党费年度汇总(按党支部)", branch_cols, NCOLS(branch_cols), branch_row, sizeof(struct ledger_dues_branch)};

/* The list's table on the page. */
static void list_table(struct req *r, const struct ledger_dues_list *l, const void *rows, size_t n,
                       const char *empty)
{
	struct table t;
	table_begin(&t, r->out, NULL, l->title, l->cols, l->ncols, TABLE_CARDS, empty);
	for (size_t i = 0; i < n; i++)
		l->row(r, &t, (const char *)rows + i * l->size);
	table_end(&t);
}

/* The links between the dues pages. */
static void dues_nav(struct req *r)
{
	struct buf *b = r->out;
	H(b, "<p>");
	h_clink_a(b, r->community->slug, "/admin/ledger/dues/", "按月收缴");
	H(b, " · ");
	h_clink_a(b, r->community->slug, "/admin/ledger/dues/arrears", "欠缴名单");
	H(b, " · ");
	h_clink_a(b, r->community->slug, "/admin/ledger/dues/year", "年度汇总");
	H(b, "</p>");
}

/* Opens a dues page: the title as heading, the notice, the links between
 * the pages, and a GET form choosing name (label, the input's attributes
 * attrs, a literal) on path. */
static void page_head(struct req *r, const char *title, const char *notice, const char *path,
                      const char *name, const char *label, const char *attrs, const char *value)
{
	struct buf *b = r->out;
	page_begin(r, title);
	H(b, "<h1>");
	h_text(b, title);
	H(b, "</h1>");
	if (notice)
		page_notice(r, notice);
	dues_nav(r);
	H(b, "<form method=\"get\" action=\"");
	h_clink(b, r->community->slug, path);
	buf_printf(b, "\"><label for=\"f-%s\">%s</label><input id=\"f-%s\" name=\"%s\" %s value=\"", name,
	           label, name, name, attrs);
	h_attr(b, value);
	H(b, "\"><button type=\"submit\">查看</button></form>");
}

/* "应缴 ¥x,实缴 ¥y,收缴率 z%" of an aggregate. */
static void sum_line(struct req *r, const char *lead, const struct ledger_dues_sum *s)
{
	char due[MONEY_FORMAT_SIZE], paid[MONEY_FORMAT_SIZE];
	int rate = ledger_dues_rate(s->paid_fen, s->due_fen);
	buf_printf(r->out, "<p>%s应缴 %lld 人,应缴金额 %s,实缴金额 %s,收缴率 %d.%d%%,足额缴纳 %lld 人。</p>",
	           lead, (long long)s->members, money_format(s->due_fen, due, sizeof due),
	           money_format(s->paid_fen, paid, sizeof paid), rate / 10, rate % 10,
	           (long long)s->paid_members);
}

/* ---- the pages ---- */

void ledger_dues_view_month(struct req *r, const struct ledger_dues_month_page *p)
{
	struct buf *b = r->out;
	page_head(r, arena_printf(r->a, "党费收缴 · %s", p->title), p->notice, "/admin/ledger/dues/", "month",
	          "月份", "type=\"month\"", p->month);
	if (!p->future) {
		form_begin(r, url_c(r->a, r->community->slug, "/admin/ledger/dues/open"));
		form_hidden(r, "month", p->month);
		form_submit(r, p->sum.members ? "补登本月新党员" : "开始本月收缴");
		form_end(r);
	}
	if (p->sum.members)
		sum_line(r, "本月", &p->sum);
	else if (p->future)
		H(b, "<p>这个月还没到,到了再开始收缴。</p>");
	else
		H(b, "<p>这个月还没有开始收缴:按“开始本月收缴”为每位正式党员和预备党员生成应缴记录。</p>");
	export_links(r, NULL);
	list_table(r, &ledger_dues_month_list, p->rows, p->n, "这个月没有应缴记录");
	page_pager(r, p->page, p->more);
	page_end(r);
}

static const struct {
	const char *name, *label, *hint;
} pay_fields[3] = {
    {"amount", "实缴金额(元)", "如 20 或 20.50;多缴按预缴登记;填 0 撤销本月缴费"},
    {"paid_on", "缴费日期", "如 2026-11-01"},
    {"receipt_no", "收据号", NULL},
};

void ledger_dues_view_pay(struct req *r, const struct ledger_dues_row *row, const char *const vals[3],
                          const char *const errs[3], const char *refusal)
{
	struct buf *b = r->out;
	char due[MONEY_FORMAT_SIZE];
	page_begin(r, "登记党费缴纳");
	H(b, "<h1>登记党费缴纳:");
	h_text(b, row->name);
	H(b, "</h1><p>");
	buf_printf(b, "%.4s年%d月,", row->month, (row->month[5] - '0') * 10 + (row->month[6] - '0'));
	h_text(b, *row->branch ? row->branch : "未填党支部");
	buf_printf(b, ",应缴 %s。</p>", money_format(row->due_fen, due, sizeof due));
	form_error_summary(r, errs, 3);
	form_refusal(r, refusal);
	form_begin(r, arena_printf(r->a, "%s?month=%s&person=%lld",
	                           url_c(r->a, r->community->slug, "/admin/ledger/dues/pay"), row->month,
	                           (long long)row->person_id));
	for (int i = 0; i < 3; i++) {
		struct form_field f = {.name = pay_fields[i].name,
		                       .label = pay_fields[i].label,
		                       .hint = pay_fields[i].hint,
		                       .value = vals[i],
		                       .error = errs[i],
		                       .required = 1};
		if (i == 0)
			form_money(r, &f);
		else if (i == 1)
			form_date(r, &f);
		else
			form_field_input(r, &f, "text");
	}
	form_submit(r, "保存");
	form_end(r);
	H(b, "<p>");
	h_link(b,
	       arena_printf(r->a, "%s?month=%s", url_c(r->a, r->community->slug, "/admin/ledger/dues/"),
	                    row->month),
	       "返回本月收缴");
	H(b, "</p>");
	page_end(r);
}

void ledger_dues_view_arrears(struct req *r, const struct ledger_dues_arrear *a, size_t n, int more,
                              int64_t page)
{
	struct buf *b = r->out;
	page_begin(r, "党费欠缴名单");
	H(b, "<h1>党费欠缴名单</h1>");
	dues_nav(r);
	H(b, "<p>有任何一个月未足额缴纳的党员,欠得最早的在前。</p>");
	export_links(r, NULL);
	list_table(r, &ledger_dues_arrears_list, a, n, "没有欠缴党费的党员");
	page_pager(r, page, more);
	page_end(r);
}

static const char *const span_names[5] = {"全年", "第一季度", "第二季度", "第三季度", "第四季度"};

static const struct tcol span_cols[] = {
    {"期间", TCOL_ROWHEAD, NULL}, {"应缴人数", TCOL_NUM, NULL}, {"应缴金额", TCOL_NUM, NULL},
    {"实缴金额", TCOL_NUM, NULL}, {"收缴率", TCOL_NUM, NULL},   {"足额缴纳人数", TCOL_NUM, NULL},
    {"公开栏", 0, NULL},
};

void ledger_dues_view_year(struct req *r, const struct ledger_dues_year_page *p)
{
	struct buf *b = r->out;
	page_head(r, arena_printf(r->a, "%d年党费收缴汇总", p->year), p->notice, "/admin/ledger/dues/year",
	          "year", "年份", "inputmode=\"numeric\"", arena_printf(r->a, "%d", p->year));
	sum_line(r, "全年", &p->sums[0]);
	H(b, "<h2>按季度</h2>");
	struct table t;
	table_begin(&t, b, NULL, "全年和各季度的收缴情况", span_cols, NCOLS(span_cols), TABLE_CARDS, NULL);
	for (int i = 0; i < 5; i++) {
		const struct ledger_dues_sum *s = &p->sums[i];
		table_tr(&t, NULL);
		table_text(&t, span_names[i]);
		table_int(&t, s->members);
		table_money(&t, s->due_fen);
		table_money(&t, s->paid_fen);
		table_percent(&t, s->due_fen > 0 ? ledger_dues_rate(s->paid_fen, s->due_fen) : -1);
		table_int(&t, s->paid_members);
		if (p->posts[i])
			table_link(&t, url_c_id(r->a, r->community->slug, "/admin/board/", p->posts[i], NULL),
			           "查看公开栏草稿");
		else
			table_text(&t, "未提交");
	}
	table_end(&t);
	H(b, "<h2>按党支部</h2>");
	list_table(r, &ledger_dues_branches_list, p->branches, p->nbranches, "这一年没有应缴记录");
	H(b, "<p class=\"export\">按党支部导出:");
	const char *base = url_c(r->a, r->community->slug, "/admin/ledger/dues/branches");
	h_link(b, arena_printf(r->a, "%s.xlsx?year=%d", base, p->year), "Excel");
	H(b, " · ");
	h_link(b, arena_printf(r->a, "%s.csv?year=%d", base, p->year), "CSV");
	H(b, "</p><h2>提交到公开栏</"
	     "h2><p>只提交汇总数字(应缴人数、应缴金额、实缴金额、收缴率),不含任何党员的姓名和金额;"
	     "提交后成为公开栏的一篇草稿,经审核后发布。</p>");
	form_begin(r, url_c(r->a, r->community->slug, "/admin/ledger/dues/publish"));
	struct form_option o[5];
	const char *v[5];
	v[0] = arena_printf(r->a, "%d", p->year);
	for (int i = 1; i < 5; i++)
		v[i] = arena_printf(r->a, "%d-Q%d", p->year, i);
	for (int i = 0; i < 5; i++)
		o[i] = (struct form_option){v[i], span_names[i], NULL};
	struct form_field f = {.name = "span", .label = "汇总期间", .value = v[0]};
	form_select(r, &f, o, 5);
	form_submit(r, "提交到公开栏");
	form_end(r);
	H(b, "<h2>按党员</h2>");
	export_links(r, NULL);
	list_table(r, &ledger_dues_members_list, p->members, p->n, "这一年没有应缴记录");
	page_pager(r, p->page, p->more);
	page_end(r);
}
