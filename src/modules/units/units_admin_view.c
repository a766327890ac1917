/* Staff pages of 共驻共建: the units and agreements lists, the unit,
 * agreement, commitment and fulfilment forms (errors by field, what was
 * typed kept), an agreement's staff page with its actions, and the page
 * that asks a reason before a step. HTML only, through src/web. */
#include <stdio.h>
#include <string.h>

#include "modules/units/units_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* 工作台 › 共驻共建管理 (› here). */
static void crumbs(struct req *r, const char *here)
{
	struct crumb c[2] = {{"/admin/units/", "共驻共建管理"}, {NULL, here}};
	page_crumbs(r, c, here ? 2 : 1);
}

static void button(struct req *r, const char *path, const char *text)
{
	H(r->out, "<a class=\"button\" href=\"");
	h_clink(r->out, r->community->slug, path);
	H(r->out, "\">");
	h_text(r->out, text);
	H(r->out, "</a> ");
}

/* ---- lists ---- */

const struct tcol units_admin_cols[] = {
    {"单位名称", TCOL_ROWHEAD, NULL}, {"类别", 0, NULL},	 {"党组织", 0, NULL},	   {"在职党员", TCOL_NUM, NULL},
    {"联系人", 0, NULL},	     {"办公电话", 0, NULL}, {"联系人手机", 0, NULL}, {"状态", 0, NULL}};
const int units_admin_ncols = (int)(sizeof units_admin_cols / sizeof *units_admin_cols);

void units_admin_rows(struct table *t, struct req *r, const struct units_unit *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_link(t, url_c_id(r->a, r->community->slug, "/admin/units/", u[i].id, NULL), u[i].name);
		table_text(t, units_kind_label(u[i].kind));
		table_text(t, *u[i].party_org ? u[i].party_org : units_party_label(UP_NONE));
		table_int(t, u[i].party_members);
		table_text(t, u[i].contact_name);
		table_text(t, u[i].office_phone);
		table_text(t, u[i].mobile_masked); /* masked: the full one only through the audited view */
		table_text(t, u[i].active ? "在册" : "已停用");
	}
}

void units_view_admin_units(struct req *r, const struct units_admin_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "共驻共建管理");
	crumbs(r, NULL);
	H(b, "<h1>共驻共建管理</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>");
	button(r, "/admin/units/new", "登记驻区单位");
	button(r, "/admin/units/agreements/", "共建协议");
	button(r, "/admin/units/agreements/new", "新建共建协议");
	H(b, "</p><section><h2>驻区单位</h2>");
	struct table t;
	table_begin(&t, b, NULL, "驻区单位", units_admin_cols, units_admin_ncols, TABLE_CARDS, "还没有登记驻区单位。");
	units_admin_rows(&t, r, p->units, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links(r, NULL);
	H(b, "<p class=\"hint\">联系人手机只显示部分号码;查看完整号码请打开单位页面,查看将记入审计日志。</p></section>");
	page_end(r);
}

const struct tcol units_ag_cols[] = {{"协议名称", TCOL_ROWHEAD, NULL}, {"签订日期", 0, NULL}, {"开始日期", 0, NULL},
				     {"结束日期", 0, NULL},		{"状态", 0, NULL},	{"原因", TCOL_EXPORT, NULL},
				     {"摘要", TCOL_EXPORT, NULL}};
const int units_ag_ncols = (int)(sizeof units_ag_cols / sizeof *units_ag_cols);

void units_ag_rows(struct table *t, struct req *r, const struct units_agreement *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_link(t, url_c_id(r->a, r->community->slug, "/admin/units/agreements/", g[i].id, NULL), g[i].title);
		table_text(t, g[i].signed_on);
		table_text(t, g[i].starts_on);
		table_text(t, g[i].ends_on);
		table_text(t, units_state_label(g[i].state));
		table_text(t, g[i].end_reason);
		table_text(t, g[i].summary);
	}
}

void units_view_admin_agreements(struct req *r, const struct units_admin_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "共建协议");
	crumbs(r, "共建协议");
	H(b, "<h1>共建协议</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>");
	button(r, "/admin/units/agreements/new", "新建共建协议");
	H(b, "</p>");
	struct form_option st[US__MAX];
	for (int i = 0; i < US__MAX; i++)
		st[i] = (struct form_option){units_state_name(i), units_state_label(i), NULL};
	filter_links(r, "按状态筛选", "state", "全部", st, US__MAX);
	struct table t;
	table_begin(&t, b, NULL, "共建协议", units_ag_cols, units_ag_ncols, TABLE_CARDS, "还没有共建协议。");
	units_ag_rows(&t, r, p->ags, p->nags);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links(r, NULL);
	page_end(r);
}

/* The head of a form page: title, crumbs, heading, the error boxes. */
static void form_head(struct req *r, const char *title, const char *crumb, const char *const *errs, size_t n,
		      const char *refusal)
{
	page_begin(r, title);
	crumbs(r, crumb);
	H(r->out, "<h1>");
	h_text(r->out, title);
	H(r->out, "</h1>");
	form_error_summary(r, errs, n);
	form_refusal(r, refusal);
}

/* ---- the unit form ---- */

static void field(struct req *r, const char *name, const char *label, const char *hint, const char *value,
		  const char *error, int required, const char *type)
{
	struct form_field f = {name, label, hint, value, error, required, NULL, NULL};
	form_field_input(r, &f, type);
}

/* The 登记履行 link of commitment c (of an agreement in force) in a cell. */
static void fulfil_link(struct req *r, struct buf *cell, const struct units_commitment *c)
{
	H(cell, "<a href=\"");
	h_clink(cell, r->community->slug, arena_printf(r->a, "/admin/units/agreements/%lld/fulfil?commitment=%lld",
						       (long long)c->agreement_id, (long long)c->id));
	H(cell, "\">登记履行</a>");
}

static const struct tcol uc_cols[] = {{"类别", 0, NULL}, {"承诺内容", 0, NULL}, {"履行情况", 0, NULL},
				      {"操作", TCOL_PAGE, NULL}};

/* Below a unit's form: its agreements, each with the commitments the unit
 * made under it and, while the agreement is in force, a 登记履行 link for
 * each (unit → its commitment → 登记履行). */
static void unit_agreements(struct req *r, const struct units_unit_form *f)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	H(b, "<section><h2>共建协议和承诺事项</h2>");
	if (!f->nags)
		H(b, "<p>这个单位还没有参与共建协议。</p>");
	for (size_t i = 0; i < f->nags; i++) {
		const struct units_agreement *g = &f->ags[i];
		H(b, "<h3>");
		h_clink_a(b, slug, arena_printf(r->a, "/admin/units/agreements/%lld", (long long)g->id), g->title);
		h_text(b, arena_printf(r->a, "(%s,%s 至 %s)", units_state_label(g->state), g->starts_on, g->ends_on));
		H(b, "</h3>");
		struct table t;
		table_begin(&t, b, NULL, arena_printf(r->a, "%s:本单位的承诺事项", g->title), uc_cols, 4, TABLE_CARDS,
			    "本单位在这份协议中没有承诺事项");
		for (size_t k = 0; k < f->ncs; k++) {
			const struct units_commitment *c = &f->cs[k];
			if (c->agreement_id != g->id)
				continue;
			table_tr(&t, NULL);
			table_text(&t, units_ckind_label(c->kind));
			table_text(&t, units_promise_text(r->a, c));
			table_text(&t, units_progress(r->a, c));
			struct buf *cell = table_cell(&t, NULL);
			if (cell && g->state == US_IN_FORCE)
				fulfil_link(r, cell, c);
			table_cell_end(&t);
		}
		table_end(&t);
	}
	H(b, "</section>");
}

void units_view_unit_form(struct req *r, const struct units_unit_form *f)
{
	struct buf *b = r->out;
	const char *title = f->editing ? f->editing->name : "登记驻区单位";
	form_head(r, title, f->editing ? "修改驻区单位" : "登记驻区单位", f->errs, UF__MAX, f->refusal);
	form_begin(r, f->editing ? url_c_id(r->a, r->community->slug, "/admin/units/", f->editing->id, NULL)
				 : url_c(r->a, r->community->slug, "/admin/units/new"));
	field(r, "name", "单位名称", NULL, f->vals[UF_NAME], f->errs[UF_NAME], 1, "text");
	struct form_option kinds[UK__MAX], parties[UP__MAX];
	for (int i = 0; i < UK__MAX; i++)
		kinds[i] = (struct form_option){units_kind_name(i), units_kind_label(i), NULL};
	for (int i = 0; i < UP__MAX; i++)
		parties[i] = (struct form_option){units_party_name(i), units_party_label(i), NULL};
	struct form_field k = {"kind", "单位类别", NULL, f->vals[UF_KIND], f->errs[UF_KIND], 1, NULL, NULL};
	form_select(r, &k, kinds, UK__MAX);
	field(r, "address", "地址", NULL, f->vals[UF_ADDRESS], f->errs[UF_ADDRESS], 0, "text");
	struct form_field pk = {"party_kind", "党组织类别", NULL, f->vals[UF_PARTY_KIND], f->errs[UF_PARTY_KIND], 1, NULL, NULL};
	form_select(r, &pk, parties, UP__MAX);
	field(r, "party_org", "党组织名称", "如 幸福里小学党支部", f->vals[UF_PARTY_ORG], f->errs[UF_PARTY_ORG], 0, "text");
	struct form_field m = {"party_members", "到社区报到的在职党员人数", NULL, f->vals[UF_MEMBERS], f->errs[UF_MEMBERS], 0,
			       NULL, NULL};
	form_number(r, &m);
	H(b, "<fieldset class=\"field\"><legend>联系人(仅工作人员可见)</legend>");
	field(r, "contact_name", "联系人", NULL, f->vals[UF_CONTACT], f->errs[UF_CONTACT], 0, "text");
	field(r, "office_phone", "办公电话", NULL, f->vals[UF_OFFICE], f->errs[UF_OFFICE], 0, "tel");
	const char *mhint = f->editing ? (*f->editing->mobile_masked
					      ? arena_printf(r->a, "现为 %s;不修改请留空,填“无”删除", f->editing->mobile_masked)
					      : "现未登记;不修改请留空")
				       : "加密保存,列表中只显示部分号码";
	field(r, "mobile", "联系人手机", mhint, f->vals[UF_MOBILE], f->errs[UF_MOBILE], 0, "tel");
	H(b, "</fieldset>");
	struct form_field in = {"intro", "单位简介(公开)", "不要填写个人手机号", f->vals[UF_INTRO], f->errs[UF_INTRO], 0, NULL,
				NULL};
	form_field_textarea(r, &in);
	if (f->editing) {
		struct form_field ac = {"active", "在册(取消后不在公开页面显示)", NULL, f->vals[UF_ACTIVE], NULL, 0, NULL, NULL};
		form_checkbox(r, &ac);
	}
	form_submit(r, "保存");
	form_end(r);
	if (f->editing) {
		H(b, "<p><a href=\"");
		h_clink_id(b, r->community->slug, "/admin/units/", f->editing->id, "/contact");
		H(b, "\">查看联系人完整手机号(将记入审计日志)</a></p>");
		unit_agreements(r, f);
	}
	page_end(r);
}

/* ---- the agreement form ---- */

void units_view_agreement_form(struct req *r, const struct units_agreement_form *f)
{
	struct buf *b = r->out;
	const char *title = f->editing ? f->editing->title : "新建共建协议";
	form_head(r, title, f->editing ? "修改共建协议" : "新建共建协议", f->errs, AF__MAX, f->refusal);
	form_begin(r, f->editing ? url_c_id(r->a, r->community->slug, "/admin/units/agreements/", f->editing->id, "/edit")
				 : url_c(r->a, r->community->slug, "/admin/units/agreements/new"));
	field(r, "title", "协议名称", NULL, f->vals[AF_TITLE], f->errs[AF_TITLE], 1, "text");
	field(r, "signed_on", "签订日期", "如 2026-01-05 或 2026年1月5日", f->vals[AF_SIGNED], f->errs[AF_SIGNED], 1, "text");
	field(r, "starts_on", "开始日期", NULL, f->vals[AF_STARTS], f->errs[AF_STARTS], 1, "text");
	field(r, "ends_on", "结束日期", NULL, f->vals[AF_ENDS], f->errs[AF_ENDS], 1, "text");
	struct form_field s = {"summary", "协议摘要(公开)", NULL, f->vals[AF_SUMMARY], f->errs[AF_SUMMARY], 0, NULL, NULL};
	form_field_textarea(r, &s);
	form_fieldset_begin(r, "unit", "参与共建的驻区单位", NULL, f->errs[AF_UNITS]);
	for (size_t i = 0; i < f->nunits; i++) {
		int on = 0;
		for (size_t k = 0; k < f->nchosen && !on; k++)
			on = f->chosen[k] == f->units[i].id;
		H(b, "<div class=\"choice\"><input type=\"checkbox\" name=\"unit\" id=\"f-unit-");
		h_int(b, f->units[i].id);
		H(b, "\" value=\"");
		h_int(b, f->units[i].id);
		H(b, "\"");
		if (on)
			H(b, " checked");
		H(b, "><label for=\"f-unit-");
		h_int(b, f->units[i].id);
		H(b, "\">");
		h_text(b, f->units[i].name);
		H(b, "</label></div>");
	}
	if (!f->nunits)
		H(b, "<p>还没有在册的驻区单位,请先登记单位。</p>");
	form_fieldset_end(r);
	form_submit(r, "保存");
	form_end(r);
	page_end(r);
}

/* ---- an agreement's staff page ---- */

static const struct tcol sc_cols[] = {{"承诺单位", 0, NULL}, {"类别", 0, NULL},     {"承诺内容", 0, NULL},
				      {"履行情况", 0, NULL}, {"操作", TCOL_PAGE, NULL}};
static const struct tcol sf_cols[] = {{"日期", 0, NULL}, {"内容", 0, NULL}, {"金额或数量", TCOL_NUM, NULL},
				      {"佐证", 0, NULL}, {"操作", TCOL_PAGE, NULL}};

void units_view_admin_agreement(struct req *r, const struct units_agreement_page *p)
{
	struct buf *b = r->out;
	const struct units_agreement *g = &p->g;
	const char *slug = r->community->slug;
	page_begin(r, g->title);
	crumbs(r, "共建协议");
	H(b, "<h1>");
	h_text(b, g->title);
	H(b, "</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<dl class=\"contact\"><dt>状态</dt><dd>");
	h_text(b, units_state_label(g->state));
	if (*g->end_reason) {
		H(b, "(");
		h_text(b, g->end_reason);
		H(b, ")");
	}
	H(b, "</dd><dt>协议各方</dt><dd>");
	h_text(b, r->community->name);
	for (size_t i = 0; i < g->nunits; i++) {
		H(b, "、");
		h_text(b, g->unit_names[i]);
	}
	H(b, "</dd><dt>签订日期</dt><dd>");
	h_text(b, g->signed_on);
	H(b, "</dd><dt>期限</dt><dd>");
	h_text(b, g->starts_on);
	H(b, " 至 ");
	h_text(b, g->ends_on);
	H(b, "</dd><dt>摘要</dt><dd>");
	h_multiline(b, g->summary);
	H(b, "</dd></dl>");
	H(b, "<section><h2>承诺事项</h2>");
	struct table t;
	table_begin(&t, b, NULL, "承诺事项", sc_cols, 5, TABLE_CARDS, "还没有承诺事项");
	for (size_t i = 0; i < p->ncs; i++) {
		const struct units_commitment *c = &p->cs[i];
		table_tr(&t, NULL);
		table_text(&t, c->unit_name);
		table_text(&t, units_ckind_label(c->kind));
		table_text(&t, units_promise_text(r->a, c));
		table_text(&t, units_progress(r->a, c));
		struct buf *cell = table_cell(&t, NULL);
		if (cell && g->state == US_DRAFT) {
			H(cell, "<a href=\"");
			h_clink(cell, slug, arena_printf(r->a, "/admin/units/agreements/%lld/commitments/%lld", (long long)g->id,
							 (long long)c->id));
			H(cell, "\">修改</a>");
			form_begin_confirm(r, arena_printf(r->a, "/c/%s/admin/units/agreements/%lld/commitments/%lld/remove",
							   slug, (long long)g->id, (long long)c->id),
					   "删除这项承诺?");
			form_submit(r, "删除");
			form_end(r);
		} else if (cell && g->state == US_IN_FORCE)
			fulfil_link(r, cell, c);
		table_cell_end(&t);
	}
	table_end(&t);
	H(b, "</section><section><h2>操作</h2><div class=\"actions\">");
	if (g->state == US_DRAFT) {
		button(r, arena_printf(r->a, "/admin/units/agreements/%lld/edit", (long long)g->id), "修改协议内容和参与单位");
		button(r, arena_printf(r->a, "/admin/units/agreements/%lld/commitments/new", (long long)g->id), "添加承诺事项");
		form_begin_confirm(r, url_c_id(r->a, slug, "/admin/units/agreements/", g->id, "/state"),
				   "协议生效后承诺事项不能再修改,确定生效?");
		form_hidden(r, "action", "in_force");
		form_submit(r, "协议生效");
		form_end(r);
	} else if (g->state == US_IN_FORCE) {
		button(r, arena_printf(r->a, "/admin/units/agreements/%lld/fulfil", (long long)g->id), "登记履行情况");
		button(r, arena_printf(r->a, "/admin/units/agreements/%lld/state?action=ended", (long long)g->id), "期满结束");
		button(r, arena_printf(r->a, "/admin/units/agreements/%lld/state?action=terminated", (long long)g->id),
		       "提前终止");
		form_begin(r, url_c_id(r->a, slug, "/admin/units/agreements/", g->id, "/board"));
		form_submit(r, "提交公开栏草稿");
		form_end(r);
	}
	H(b, "</div></section><section><h2>履行记录</h2>");
	table_begin(&t, b, NULL, "履行记录", sf_cols, 5, TABLE_CARDS, "还没有履行记录");
	for (size_t i = 0; i < p->nfs; i++) {
		const struct units_fulfilment *f = &p->fs[i];
		table_tr(&t, f->reversed_by || f->reverses_id ? "corrected" : NULL);
		table_text(&t, f->done_on);
		table_text(&t, f->reversed_by ? arena_printf(r->a, "%s(已冲销)", f->what)
			       : f->reverses_id ? arena_printf(r->a, "%s(原因:%s)", f->what, f->reason)
						: f->what);
		table_text(&t, units_fulfilment_amount(r->a, f, p->cs, p->ncs));
		table_text(&t, f->evidence);
		struct buf *cell = table_cell(&t, NULL);
		if (cell && !f->reversed_by && !f->reverses_id) {
			H(cell, "<a href=\"");
			h_clink_id(cell, slug, "/admin/units/fulfilments/", f->id, "/reverse");
			H(cell, "\">冲销</a>");
		}
		table_cell_end(&t);
	}
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	H(b, "</section>");
	if (g->state != US_DRAFT) {
		H(b, "<p><a href=\"");
		h_clink_id(b, slug, "/units/agreements/", g->id, NULL);
		H(b, "\">查看公开页面</a></p>");
	}
	page_end(r);
}

/* ---- the commitment and fulfilment forms ---- */

void units_view_commitment_form(struct req *r, const struct units_commitment_form *f)
{
	const char *title = f->editing ? "修改承诺事项" : "添加承诺事项";
	form_head(r, title, f->g->title, f->errs, CF__MAX, f->refusal);
	form_begin(r, f->editing ? arena_printf(r->a, "/c/%s/admin/units/agreements/%lld/commitments/%lld", r->community->slug,
						(long long)f->g->id, (long long)f->editing->id)
				 : url_c_id(r->a, r->community->slug, "/admin/units/agreements/", f->g->id, "/commitments/new"));
	struct form_option *units = arena_alloc(r->a, (f->g->nunits + 1) * sizeof *units);
	for (size_t i = 0; units && i < f->g->nunits; i++)
		units[i] = (struct form_option){arena_printf(r->a, "%lld", (long long)f->g->unit_ids[i]), f->g->unit_names[i],
						NULL};
	struct form_field u = {"unit", "承诺单位", NULL, f->vals[CF_UNIT], f->errs[CF_UNIT], 1, NULL, NULL};
	if (units)
		form_select(r, &u, units, f->g->nunits);
	struct form_option kinds[UC__MAX];
	for (int i = 0; i < UC__MAX; i++)
		kinds[i] = (struct form_option){units_ckind_name(i), units_ckind_label(i), NULL};
	struct form_field k = {"kind", "类别", NULL, f->vals[CF_KIND], f->errs[CF_KIND], 1, NULL, NULL};
	form_select(r, &k, kinds, UC__MAX);
	field(r, "promise", "承诺内容", "如 周末开放多功能厅", f->vals[CF_PROMISE], f->errs[CF_PROMISE], 1, "text");
	struct form_field am = {"amount", "承诺金额(元)", "资金类承诺填写", f->vals[CF_AMOUNT], f->errs[CF_AMOUNT], 0, NULL, NULL};
	form_money(r, &am);
	struct form_field q = {"quantity", "数量", "其他类承诺填写,如 40", f->vals[CF_QUANTITY], f->errs[CF_QUANTITY], 0, NULL,
			       NULL};
	form_number(r, &q);
	field(r, "quantity_unit", "计量单位", "如 人次、次、场", f->vals[CF_QUNIT], f->errs[CF_QUNIT], 0, "text");
	field(r, "due_on", "完成期限", "可不填,如 2026-06-30", f->vals[CF_DUE], f->errs[CF_DUE], 0, "text");
	field(r, "period", "时间安排", "如 每周六 全天", f->vals[CF_PERIOD], f->errs[CF_PERIOD], 0, "text");
	form_submit(r, "保存");
	form_end(r);
	page_end(r);
}

void units_view_fulfil_form(struct req *r, const struct units_fulfil_form *f)
{
	struct buf *b = r->out;
	page_begin(r, "登记履行情况");
	crumbs(r, f->g->title);
	H(b, "<h1>登记履行情况</h1><p class=\"lead\">");
	h_text(b, f->g->title);
	H(b, "</p>");
	form_error_summary(r, f->errs, FF__MAX);
	form_refusal(r, f->refusal);
	if (f->done_already)
		H(b, "<p class=\"notice\" role=\"status\"><strong>该承诺已完成,确定还要登记吗?</strong>"
		     "超出承诺的部分也可以登记,将显示为“超出承诺”。</p>");
	form_begin(r, url_c_id(r->a, r->community->slug, "/admin/units/agreements/", f->g->id, "/fulfil"));
	/* each choice with what was promised and what is done */
	struct form_option *cs = arena_alloc(r->a, (f->ncs + 1) * sizeof *cs);
	for (size_t i = 0; cs && i < f->ncs; i++)
		cs[i] = (struct form_option){arena_printf(r->a, "%lld", (long long)f->cs[i].id),
					     arena_printf(r->a, "%s:%s(%s%s)", f->cs[i].unit_name, f->cs[i].promise,
							  units_progress(r->a, &f->cs[i]),
							  units_progress_tenths(&f->cs[i]) >= 1000 ? ",已全部完成" : ""),
					     NULL};
	struct form_field c = {"commitment", "承诺事项", NULL, f->vals[FF_COMMITMENT], f->errs[FF_COMMITMENT], 1, NULL, NULL};
	if (cs)
		form_select(r, &c, cs, f->ncs);
	field(r, "done_on", "履行日期", "如 2026-03-01 或 2026年3月1日", f->vals[FF_ON], f->errs[FF_ON], 1, "text");
	field(r, "what", "履行内容", "如 3月义诊,服务居民 60 人", f->vals[FF_WHAT], f->errs[FF_WHAT], 1, "text");
	struct form_field am = {"amount", "到位金额(元)", "资金类承诺填写;超出承诺的金额也可登记", f->vals[FF_AMOUNT],
				f->errs[FF_AMOUNT], 0, NULL, NULL};
	form_money(r, &am);
	struct form_field q = {"quantity", "完成数量", "其他类承诺填写,按承诺的计量单位", f->vals[FF_QUANTITY],
			       f->errs[FF_QUANTITY], 0, NULL, NULL};
	form_number(r, &q);
	field(r, "evidence", "佐证材料说明", "如 照片和签到表已存档", f->vals[FF_EVIDENCE], f->errs[FF_EVIDENCE], 0, "text");
	form_submit(r, "登记");
	form_end(r);
	page_end(r);
}

/* ---- a reason before a step ---- */

void units_view_reason(struct req *r, const struct units_reason_page *p)
{
	struct buf *b = r->out;
	page_begin(r, p->title);
	crumbs(r, NULL);
	H(b, "<h1>");
	h_text(b, p->title);
	H(b, "</h1>");
	if (p->shown) {
		H(b, "<p class=\"notice\" role=\"status\">");
		h_text(b, p->shown);
		H(b, "</p><p>");
		h_link(b, p->back, "返回");
		H(b, "</p>");
		page_end(r);
		return;
	}
	H(b, "<p>");
	h_text(b, p->lead);
	H(b, "</p>");
	const char *errs[2] = {p->reason_err, p->on_err};
	form_error_summary(r, errs, 2);
	form_refusal(r, p->refusal);
	form_begin(r, p->action);
	if (p->hidden_action)
		form_hidden(r, "action", p->hidden_action);
	field(r, "reason", "理由", NULL, p->reason, p->reason_err, 1, "text");
	if (p->with_date)
		field(r, "on", "日期", "如 2026-03-01", p->on, p->on_err, 1, "text");
	form_submit(r, p->submit);
	form_end(r);
	H(b, "<p>");
	h_link(b, p->back, "取消");
	H(b, "</p>");
	page_end(r);
}

void units_view_report_confirm(struct req *r, int year)
{
	struct buf *b = r->out;
	const char *title = arena_printf(r->a, "%d 年度共驻共建报告:提交公开栏草稿", year);
	page_begin(r, title);
	crumbs(r, "年度报告");
	H(b, "<h1>");
	h_text(b, title);
	H(b, "</h1><p>将按");
	h_clink_a(b, r->community->slug, arena_printf(r->a, "/units/report/%d", year), "年度报告");
	H(b, "的内容生成一篇公开栏草稿(公开目录“共驻共建协议及履行情况”),经审核后发布。</p>");
	form_begin(r, url_c(r->a, r->community->slug, arena_printf(r->a, "/admin/units/report/%d", year)));
	form_submit(r, "提交公开栏草稿");
	form_end(r);
	page_end(r);
}
