/* Public pages of 共驻共建: the units and agreements in force, one unit,
 * one agreement with its commitments' progress, the yearly report. HTML
 * only, through src/web; no personal contact data is ever written here. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "modules/units/units_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* ---- the list ---- */

const struct tcol units_list_cols[] = {{"单位名称", TCOL_ROWHEAD, NULL}, {"类别", 0, NULL}, {"党组织", 0, NULL},
				       {"在职党员", TCOL_NUM, "在职党员(人)"}, {"共建内容", 0, NULL},
				       {"地址", TCOL_EXPORT, NULL}, {"单位简介", TCOL_EXPORT, NULL}};
const int units_list_ncols = (int)(sizeof units_list_cols / sizeof *units_list_cols);

/* "资金 1 项、场地 2 项" for a unit from the grouped contributions. */
static const char *contrib_text(struct arena *a, const struct units_list_page *p, int64_t unit_id)
{
	const char *out = "";
	for (size_t i = 0; out && i < p->ncontrib; i++)
		if (p->contrib[i].unit_id == unit_id)
			out = arena_printf(a, "%s%s%s %lld 项", out, *out ? "、" : "", units_ckind_label(p->contrib[i].kind),
					   (long long)p->contrib[i].n);
	return out && *out ? out : "暂无履行中的协议";
}

static const char *party_text(struct arena *a, const struct units_unit *u)
{
	if (u->party_kind == UP_NONE || !*u->party_org)
		return units_party_label(UP_NONE);
	return arena_printf(a, "%s(%s)", u->party_org, units_party_label(u->party_kind));
}

void units_list_rows(struct table *t, struct req *r, const struct units_list_page *p, int staff)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct units_unit *u = &p->units[i];
		table_tr(t, NULL);
		table_link(t, url_c_id(r->a, r->community->slug, staff ? "/admin/units/" : "/units/", u->id, NULL), u->name);
		table_text(t, units_kind_label(u->kind));
		table_text(t, party_text(r->a, u));
		table_int(t, u->party_members);
		table_text(t, contrib_text(r->a, p, u->id));
		table_text(t, u->address);
		table_text(t, u->intro);
	}
}

static void term(struct buf *b, const struct units_agreement *g)
{
	h_text(b, g->starts_on);
	H(b, " 至 ");
	h_text(b, g->ends_on);
}

static const struct tcol ag_cols[] = {{"协议", TCOL_ROWHEAD, NULL}, {"期限", 0, NULL}, {"状态", 0, NULL}};

/* Agreements as a table linking to their pages (public or staff). */
static void agreement_table(struct req *r, const struct units_agreement *g, size_t n, const char *label, int staff)
{
	struct table t;
	table_begin(&t, r->out, NULL, label, ag_cols, 3, TABLE_CARDS, "暂无");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_link(&t, url_c_id(r->a, r->community->slug, staff ? "/admin/units/agreements/" : "/units/agreements/",
					g[i].id, NULL),
			   g[i].title);
		table_text(&t, arena_printf(r->a, "%s 至 %s", g[i].starts_on, g[i].ends_on));
		table_text(&t, units_state_label(g[i].state));
	}
	table_end(&t);
}

void units_view_list(struct req *r, const struct units_list_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "共驻共建");
	H(b, "<h1>共驻共建</h1><p class=\"lead\">驻");
	h_text(b, r->community->name);
	H(b, "的机关、学校、医院、企业等单位及其党组织,与社区签订共建协议,在资金、场地、志愿服务和专业服务上共同参与社区建设。</p>");
	H(b, "<section><h2>驻区单位</h2>");
	struct table t;
	table_begin(&t, b, NULL, "驻区单位", units_list_cols, units_list_ncols, TABLE_CARDS, "本社区还没有登记驻区单位。");
	units_list_rows(&t, r, p, 0);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links(r, NULL);
	H(b, "</section>");
	if (p->page == 1) {
		H(b, "<section><h2>履行中的共建协议</h2>");
		agreement_table(r, p->in_force, p->nin_force, "履行中的共建协议", 0);
		H(b, "</section>");
	}
	struct ymd today = date_from_time(r->now);
	H(b, "<p>");
	h_clink_a(b, r->community->slug, arena_printf(r->a, "/units/report/%d", today.y),
		  arena_printf(r->a, "%d 年度共驻共建报告", today.y));
	H(b, " · ");
	h_clink_a(b, r->community->slug, arena_printf(r->a, "/units/report/%d", today.y - 1),
		  arena_printf(r->a, "%d 年度报告", today.y - 1));
	H(b, "</p>");
	if (req_has_role(r, ROLES_STAFF)) {
		H(b, "<p><a class=\"button\" href=\"");
		h_clink(b, r->community->slug, "/admin/units/");
		H(b, "\">管理驻区单位和共建协议</a></p>");
	}
	page_end(r);
}

/* ---- commitments ---- */

static const struct tcol c_cols[] = {{"承诺单位", 0, NULL}, {"类别", 0, NULL}, {"承诺内容", 0, NULL},
				     {"履行情况", 0, NULL}};

void units_view_commitments(struct req *r, const struct units_commitment *cs, size_t n, int show_unit)
{
	struct table t;
	table_begin(&t, r->out, NULL, "承诺事项", show_unit ? c_cols : c_cols + 1, show_unit ? 4 : 3, TABLE_CARDS,
		    "暂无承诺事项");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		if (show_unit)
			table_text(&t, cs[i].unit_name);
		table_text(&t, units_ckind_label(cs[i].kind));
		table_text(&t, units_promise_text(r->a, &cs[i]));
		table_text(&t, units_progress(r->a, &cs[i]));
	}
	table_end(&t);
}

/* ---- one unit ---- */

void units_view_unit(struct req *r, const struct units_unit_page *p)
{
	struct buf *b = r->out;
	const struct units_unit *u = &p->u;
	page_begin(r, u->name);
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/units/", "共驻共建");
	H(b, " › 驻区单位</p><h1>");
	h_text(b, u->name);
	H(b, "</h1><dl class=\"contact\"><dt>类别</dt><dd>");
	h_text(b, units_kind_label(u->kind));
	H(b, "</dd><dt>党组织</dt><dd>");
	h_text(b, party_text(r->a, u));
	H(b, "</dd><dt>在职党员</dt><dd>");
	h_int(b, u->party_members);
	H(b, " 人(到社区报到)</dd>");
	if (*u->address) {
		H(b, "<dt>地址</dt><dd>");
		h_text(b, u->address);
		H(b, "</dd>");
	}
	H(b, "</dl>");
	if (*u->intro) {
		H(b, "<section><h2>单位简介</h2><p>");
		h_multiline(b, u->intro);
		H(b, "</p></section>");
	}
	H(b, "<section><h2>共建协议</h2>");
	agreement_table(r, p->ags, p->nags, "共建协议", 0);
	H(b, "</section><section><h2>承诺与履行</h2>");
	units_view_commitments(r, p->cs, p->ncs, 0);
	H(b, "</section>");
	page_end(r);
}

/* ---- one agreement ---- */

static const struct tcol f_cols[] = {{"日期", 0, NULL}, {"单位", 0, NULL}, {"内容", 0, NULL},
				     {"金额或数量", TCOL_NUM, NULL}};

const char *units_fulfilment_amount(struct arena *a, const struct units_fulfilment *f, const struct units_commitment *cs,
				    size_t n)
{
	char m[MONEY_FORMAT_SIZE];
	if (f->kind == UC_MONEY)
		return arena_strdup(a, money_format(f->amount_fen, m, sizeof m));
	const char *word = "";
	for (size_t i = 0; i < n; i++)
		if (cs[i].id == f->commitment_id)
			word = cs[i].quantity_unit;
	return arena_printf(a, "%lld %s", (long long)f->quantity, word);
}

/* The name of a unit among the agreement's parties. */
static const char *party_name(const struct units_agreement *g, int64_t unit_id)
{
	for (size_t i = 0; i < g->nunits; i++)
		if (g->unit_ids[i] == unit_id)
			return g->unit_names[i];
	return "";
}

void units_view_agreement(struct req *r, const struct units_agreement_page *p)
{
	struct buf *b = r->out;
	const struct units_agreement *g = &p->g;
	page_begin(r, g->title);
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/units/", "共驻共建");
	H(b, " › 共建协议</p><h1>");
	h_text(b, g->title);
	H(b, "</h1><dl class=\"contact\"><dt>协议各方</dt><dd>");
	h_text(b, r->community->name);
	for (size_t i = 0; i < g->nunits; i++) {
		H(b, "、");
		h_clink_a(b, r->community->slug, arena_printf(r->a, "/units/%lld", (long long)g->unit_ids[i]),
			  g->unit_names[i]);
	}
	H(b, "</dd><dt>签订日期</dt><dd>");
	h_text(b, g->signed_on);
	H(b, "</dd><dt>期限</dt><dd>");
	term(b, g);
	H(b, "</dd><dt>状态</dt><dd>");
	h_text(b, units_state_label(g->state));
	if (*g->end_reason) {
		H(b, "(");
		h_text(b, g->end_reason);
		H(b, ")");
	}
	H(b, "</dd></dl>");
	if (*g->summary) {
		H(b, "<section><h2>协议摘要</h2><p>");
		h_multiline(b, g->summary);
		H(b, "</p></section>");
	}
	H(b, "<section><h2>承诺事项与履行进度</h2>");
	units_view_commitments(r, p->cs, p->ncs, 1);
	H(b, "</section><section><h2>履行记录</h2>");
	struct table t;
	table_begin(&t, b, NULL, "履行记录", f_cols, 4, TABLE_CARDS, "暂无履行记录");
	for (size_t i = 0; i < p->nfs; i++) {
		const struct units_fulfilment *f = &p->fs[i];
		table_tr(&t, f->reversed_by || f->reverses_id ? "corrected" : NULL);
		table_text(&t, f->done_on);
		table_text(&t, party_name(g, f->unit_id));
		table_text(&t, f->reversed_by ? arena_printf(r->a, "%s(已冲销)", f->what) : f->what);
		table_text(&t, units_fulfilment_amount(r->a, f, p->cs, p->ncs));
	}
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	H(b, "</section>");
	if (req_has_role(r, ROLES_STAFF)) {
		H(b, "<p><a class=\"button\" href=\"");
		h_clink_id(b, r->community->slug, "/admin/units/agreements/", g->id, NULL);
		H(b, "\">管理这份协议</a></p>");
	}
	page_end(r);
}

/* ---- the yearly report ---- */

const struct tcol units_report_cols[] = {
    {"单位", TCOL_ROWHEAD, NULL},	  {"类别", 0, NULL},		 {"承诺项数", TCOL_NUM, NULL},
    {"承诺金额", TCOL_NUM, "承诺金额(元)"}, {"承诺数量", TCOL_NUM, NULL},	 {"履行次数", TCOL_NUM, NULL},
    {"到位金额", TCOL_NUM, "到位金额(元)"}, {"完成数量", TCOL_NUM, NULL}};
const int units_report_ncols = (int)(sizeof units_report_cols / sizeof *units_report_cols);

/* A quantity with its unit word ("40 人次"), "" when the line counts none. */
static const char *qty_text(struct arena *a, int64_t q, const char *qunit)
{
	return q || *qunit ? arena_printf(a, "%lld %s", (long long)q, qunit) : "";
}

/* Money rows show amounts, the others quantities with their unit word;
 * what does not apply stays empty. */
void units_report_rows(struct table *t, struct arena *a, const struct units_report_page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct units_report_line *l = &p->lines[i];
		int money = l->kind == UC_MONEY;
		table_tr(t, NULL);
		table_text(t, l->unit_name);
		table_text(t, units_ckind_label(l->kind));
		table_int(t, l->commitments);
		if (money)
			table_money(t, l->promised_fen);
		else
			table_text(t, "");
		table_text(t, money ? "" : qty_text(a, l->promised_qty, l->qunit));
		table_int(t, l->events);
		if (money)
			table_money(t, l->done_fen);
		else
			table_text(t, "");
		table_text(t, money ? "" : qty_text(a, l->done_qty, l->qunit));
	}
}

void units_view_report(struct req *r, const struct units_report_page *p)
{
	struct buf *b = r->out;
	const char *title = arena_printf(r->a, "%d 年度共驻共建报告", p->year);
	page_begin(r, title);
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/units/", "共驻共建");
	H(b, "</p><h1>");
	h_text(b, title);
	H(b, "</h1><p class=\"lead\">");
	h_text(b, r->community->name);
	H(b, "各驻区单位在 ");
	h_int(b, p->year);
	H(b, " 年的承诺(当年有效的共建协议)与履行情况(当年完成的事项)。资金承诺共 ");
	h_money(b, p->promised_fen);
	H(b, ",已到位 ");
	h_money(b, p->done_fen);
	H(b, ";共履行 ");
	h_int(b, p->events);
	H(b, " 次。</p>");
	struct table t;
	table_begin(&t, b, NULL, title, units_report_cols, units_report_ncols, TABLE_WIDE | TABLE_CARDS,
		    "这一年没有共建承诺或履行记录。");
	units_report_rows(&t, r->a, p);
	table_end(&t);
	H(b, "<p>导出:");
	h_clink_a(b, r->community->slug, arena_printf(r->a, "/units/report/%d.xlsx", p->year), "Excel");
	H(b, " · ");
	h_clink_a(b, r->community->slug, arena_printf(r->a, "/units/report/%d.csv", p->year), "CSV");
	H(b, "</p><nav class=\"pager\" aria-label=\"其他年度\">");
	h_clink_a(b, r->community->slug, arena_printf(r->a, "/units/report/%d", p->year - 1),
		  arena_printf(r->a, "%d 年", p->year - 1));
	if (p->year < date_from_time(r->now).y) { /* no link to a year still to come */
		H(b, " · ");
		h_clink_a(b, r->community->slug, arena_printf(r->a, "/units/report/%d", p->year + 1),
			  arena_printf(r->a, "%d 年", p->year + 1));
	}
	H(b, "</nav>");
	if (req_has_role(r, ROLES_STAFF)) {
		H(b, "<p><a href=\"");
		h_clink(b, r->community->slug, arena_printf(r->a, "/admin/units/report/%d", p->year));
		H(b, "\">提交公开栏草稿</a></p>");
	}
	page_end(r);
}
