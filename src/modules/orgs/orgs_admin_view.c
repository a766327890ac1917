/* Staff pages of 社区组织: every organization with its counts, the
 * organization form (errors by field, what was typed kept) and the page
 * that asks a reason before a step or shows an audited view. HTML only,
 * through src/web. */
#include <string.h>

#include "modules/orgs/orgs_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

static void crumbs(struct req *r, const char *here)
{
	struct crumb c[2] = {{"/admin/orgs/", "社区组织管理"}, {NULL, here}};
	page_crumbs(r, c, here ? 2 : 1);
}

const struct tcol orgs_admin_cols[] = {
    {"组织名称", TCOL_ROWHEAD, NULL}, {"类别", 0, NULL},	    {"成员", TCOL_NUM, "成员(人)"},
    {"待审核申请", TCOL_NUM, NULL},   {"状态", 0, NULL},	    {"成立日期", TCOL_EXPORT, NULL},
    {"解散日期", TCOL_EXPORT, NULL},  {"操作", TCOL_PAGE, NULL},
};
const int orgs_admin_ncols = (int)(sizeof orgs_admin_cols / sizeof *orgs_admin_cols);

void orgs_admin_rows(struct table *t, struct req *r, const struct orgs_org *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_link(t, url_c_id(r->a, r->community->slug, "/admin/orgs/", o[i].id, NULL), o[i].name);
		table_text(t, orgs_kind_text(r->a, o[i].kind, o[i].group));
		table_int(t, o[i].members);
		table_int(t, o[i].pending);
		table_text(t, o[i].active ? "活跃" : "已解散");
		table_text(t, o[i].founded_on);
		table_text(t, o[i].dissolved_on);
		struct buf *cell = table_cell(t, NULL);
		if (cell) {
			H(cell, "<a href=\"");
			h_clink_id(cell, r->community->slug, "/orgs/", o[i].id, "/manage");
			H(cell, "\" aria-label=\"");
			h_attr(cell, arena_printf(r->a, "成员管理:%s", o[i].name));
			H(cell, "\">成员管理</a>");
		}
		table_cell_end(t);
	}
}

void orgs_view_admin(struct req *r, const struct orgs_list_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "社区组织管理");
	crumbs(r, NULL);
	H(b, "<h1>社区组织管理</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p><a class=\"button\" href=\"");
	h_clink(b, r->community->slug, "/admin/orgs/new");
	H(b, "\">新增组织</a> ");
	h_clink_a(b, r->community->slug, "/admin/orgs/stories/", "好人好事管理");
	H(b, " · ");
	h_clink_a(b, r->community->slug, "/volunteers/orgs/", "公开页面");
	H(b, "</p>");
	struct table t;
	table_begin(&t, b, NULL, "社区组织", orgs_admin_cols, orgs_admin_ncols, TABLE_CARDS, "还没有登记社区组织。");
	orgs_admin_rows(&t, r, p->orgs, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links(r, NULL);
	page_end(r);
}

static void field(struct req *r, const char *name, const char *label, const char *hint, const char *value,
		  const char *error, int required)
{
	struct form_field f = {name, label, hint, value, error, required, NULL, NULL};
	form_field_input(r, &f, "text");
}

void orgs_view_org_form(struct req *r, const struct orgs_org_form *f)
{
	struct buf *b = r->out;
	const char *title = f->editing ? arena_printf(r->a, "修改:%s", f->editing->name) : "新增社区组织";
	page_begin(r, title);
	crumbs(r, f->editing ? "修改组织" : "新增组织");
	H(b, "<h1>");
	h_text(b, title);
	H(b, "</h1>");
	form_error_summary(r, f->errs, OF__MAX);
	form_refusal(r, f->refusal);
	if (f->editing && !f->editing->active) {
		H(b, "<p class=\"notice\">");
		h_text(b, arena_printf(r->a, "这个组织已于 %s 解散,理由:%s", f->editing->dissolved_on,
				       f->editing->dissolve_reason));
		H(b, "</p>");
	}
	form_begin(r, f->editing ? url_c_id(r->a, r->community->slug, "/admin/orgs/", f->editing->id, NULL)
				 : url_c(r->a, r->community->slug, "/admin/orgs/new"));
	field(r, "name", "组织名称", "如 幸福里义务巡逻队", f->vals[OF_NAME], f->errs[OF_NAME], 1);
	struct form_option kinds[OK__MAX], groups[OG__MAX - 1];
	for (int i = 0; i < OK__MAX; i++)
		kinds[i] = (struct form_option){orgs_kind_name(i), orgs_kind_label(i), NULL};
	for (int i = 1; i < OG__MAX; i++)
		groups[i - 1] = (struct form_option){orgs_group_name(i), orgs_group_label(i), NULL};
	struct form_field k = {"kind", "组织类别", NULL, f->vals[OF_KIND], f->errs[OF_KIND], 1, NULL, NULL};
	form_select(r, &k, kinds, OK__MAX);
	struct form_field g = {"vgroup", "志愿者类别", "只有志愿服务队需要选择", f->vals[OF_GROUP], f->errs[OF_GROUP], 0,
			       NULL, NULL};
	form_select(r, &g, groups, OG__MAX - 1);
	struct form_field pu = {"purpose", "主要活动(公开)", "不要填写个人手机号", f->vals[OF_PURPOSE],
				f->errs[OF_PURPOSE], 1, NULL, NULL};
	form_field_textarea(r, &pu);
	field(r, "founded_on", "成立日期", "如 2018-05-01,不清楚可留空", f->vals[OF_FOUNDED], f->errs[OF_FOUNDED], 0);
	field(r, "meets", "固定活动时间和地点(公开)", "如 每周二、四晚 7 点,社区广场", f->vals[OF_MEETS],
	      f->errs[OF_MEETS], 0);
	struct form_field j = {"how_to_join", "如何加入(公开)", "如 年满 18 周岁的本社区居民,在线申请或到社区服务站登记",
			       f->vals[OF_JOIN], f->errs[OF_JOIN], 0, NULL, NULL};
	form_field_textarea(r, &j);
	form_submit(r, "保存");
	form_end(r);
	if (f->editing) {
		H(b, "<p>");
		h_clink_a(b, r->community->slug, arena_printf(r->a, "/orgs/%lld/manage", (long long)f->editing->id),
			  "成员管理");
		if (f->editing->active) {
			H(b, " · ");
			h_clink_a(b, r->community->slug, arena_printf(r->a, "/admin/orgs/%lld/dissolve", (long long)f->editing->id),
				  "解散组织");
		}
		H(b, "</p>");
	}
	page_end(r);
}

void orgs_view_reason(struct req *r, const struct orgs_reason_page *p)
{
	struct buf *b = r->out;
	page_begin(r, p->title);
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
	if (!p->refusal) {
		form_begin(r, p->action);
		field(r, "reason", "理由", NULL, p->reason, p->reason_err, 1);
		if (p->with_date)
			field(r, "on", "日期", "如 2026-03-01", p->on, p->on_err, 1);
		form_submit(r, p->submit);
		form_end(r);
	}
	H(b, "<p>");
	h_link(b, p->back, "返回");
	H(b, "</p>");
	page_end(r);
}
