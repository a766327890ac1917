/* Public pages of 社区组织: the list by kind, one organization (leaders by
 * masked name only), the application form, and 我的组织. HTML only,
 * through src/web; no full name or mobile is ever written here. */
#include <string.h>

#include "modules/orgs/orgs_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* ---- the list ---- */

const struct tcol orgs_list_cols[] = {{"组织名称", TCOL_ROWHEAD, NULL}, {"类别", 0, NULL},
				      {"成员", TCOL_NUM, "成员(人)"},	    {"主要活动", 0, NULL},
				      {"成立日期", TCOL_EXPORT, NULL}};
const int orgs_list_ncols = (int)(sizeof orgs_list_cols / sizeof *orgs_list_cols);

void orgs_list_rows(struct table *t, struct req *r, const struct orgs_org *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_link(t, url_c_id(r->a, r->community->slug, "/volunteers/orgs/", o[i].id, NULL), o[i].name);
		table_text(t, orgs_kind_text(r->a, o[i].kind, o[i].group));
		table_int(t, o[i].members);
		table_text(t, o[i].purpose);
		table_text(t, o[i].founded_on);
	}
}

void orgs_view_list(struct req *r, const struct orgs_list_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "社区组织");
	H(b, "<h1>社区组织</h1><p>巡逻队、老年人协会、残疾人协会、文体艺术团和志愿服务队,欢迎居民加入。");
	H(b, " ");
	h_clink_a(b, r->community->slug, "/volunteers/stories/", "好人好事");
	if (r->user) {
		H(b, " · ");
		h_clink_a(b, r->community->slug, "/volunteers/orgs/mine", "我的组织");
	}
	H(b, "</p>");
	struct form_option kinds[OK__MAX];
	for (int i = 0; i < OK__MAX; i++)
		kinds[i] = (struct form_option){orgs_kind_name(i), orgs_kind_label(i), NULL};
	filter_links(r, "按类别筛选", "kind", "全部", kinds, OK__MAX);
	struct table t;
	table_begin(&t, b, NULL, "社区组织", orgs_list_cols, orgs_list_ncols, TABLE_CARDS, "暂无这一类组织。");
	orgs_list_rows(&t, r, p->orgs, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links(r, NULL);
	page_end(r);
}

/* ---- one organization ---- */

static void dt(struct buf *b, const char *term, const char *text)
{
	if (!text || !*text)
		return;
	H(b, "<dt>");
	h_text(b, term);
	H(b, "</dt><dd>");
	h_text(b, text);
	H(b, "</dd>");
}

void orgs_view_org(struct req *r, const struct orgs_org_page *p)
{
	struct buf *b = r->out;
	const struct orgs_org *o = &p->o;
	const char *slug = r->community->slug;
	page_begin(r, o->name);
	H(b, "<p>");
	h_clink_a(b, slug, "/volunteers/orgs/", "社区组织");
	H(b, "</p><h1>");
	h_text(b, o->name);
	H(b, "</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	if (!o->active) {
		H(b, "<p class=\"notice\">");
		h_text(b, arena_printf(r->a, "这个组织已于 %s 解散。", o->dissolved_on));
		H(b, "</p>");
	}
	H(b, "<dl>");
	dt(b, "类别", orgs_kind_text(r->a, o->kind, o->group));
	dt(b, "成立日期", o->founded_on);
	dt(b, "固定活动", o->meets);
	dt(b, "成员人数", arena_printf(r->a, "%lld 人", (long long)o->members));
	const char *leaders = "";
	for (size_t i = 0; leaders && i < p->nleaders; i++)
		leaders = arena_printf(r->a, "%s%s%s(%s)", leaders, *leaders ? "、" : "", p->leaders[i].name_masked,
				       orgs_role_label(p->leaders[i].role));
	dt(b, "负责人", leaders && *leaders ? leaders : "暂未登记");
	H(b, "</dl><section><h2>主要活动</h2><p>");
	h_multiline(b, o->purpose);
	H(b, "</p></section>");
	if (o->active) {
		H(b, "<section><h2>如何加入</h2>");
		if (*o->how_to_join) {
			H(b, "<p>");
			h_multiline(b, o->how_to_join);
			H(b, "</p>");
		}
		H(b, "<p>");
		if (p->mine)
			h_text(b, p->mine->state == OM_PENDING ? "你的入会申请正在等待审核。" : "你是这个组织的成员。");
		else
			h_clink_a(b, slug, arena_printf(r->a, "/volunteers/orgs/%lld/join", (long long)o->id), "申请加入");
		H(b, "</p></section>");
	}
	if (p->may_manage) {
		H(b, "<p>");
		h_clink_a(b, slug, arena_printf(r->a, "/orgs/%lld/manage", (long long)o->id), "成员管理");
		H(b, "</p>");
	}
	page_end(r);
}

void orgs_view_join(struct req *r, const struct orgs_join_page *p)
{
	struct buf *b = r->out;
	const char *title = arena_printf(r->a, "申请加入%s", p->o->name);
	page_begin(r, title);
	H(b, "<p>");
	h_clink_a(b, r->community->slug, arena_printf(r->a, "/volunteers/orgs/%lld", (long long)p->o->id), p->o->name);
	H(b, "</p><h1>");
	h_text(b, title);
	H(b, "</h1>");
	const char *errs[1] = {p->note_err};
	form_error_summary(r, errs, 1);
	form_refusal(r, p->refusal);
	if (!p->refusal || p->note_err) {
		H(b, "<p>提交后由组织负责人或社区工作人员审核;负责人只能看到你的部分姓名和手机号。</p>");
		form_begin(r, url_c_id(r->a, r->community->slug, "/volunteers/orgs/", p->o->id, "/join"));
		struct form_field f = {"note", "附言(选填)", "如 会跳广场舞、周末有空", p->note, p->note_err, 0, NULL, NULL};
		form_field_textarea(r, &f);
		form_submit(r, "提交申请");
		form_end(r);
	}
	page_end(r);
}

/* ---- 我的组织 ---- */

const struct tcol orgs_mine_cols[] = {{"组织", TCOL_ROWHEAD, NULL}, {"状态", 0, NULL},	 {"职务", 0, NULL},
				      {"申请或登记日期", 0, NULL},	{"说明", 0, NULL}, {"操作", TCOL_PAGE, NULL}};
const int orgs_mine_ncols = (int)(sizeof orgs_mine_cols / sizeof *orgs_mine_cols);

void orgs_mine_rows(struct table *t, struct req *r, const struct orgs_member *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_link(t, url_c_id(r->a, r->community->slug, "/volunteers/orgs/", m[i].org_id, NULL), m[i].org_name);
		table_text(t, m[i].org_active ? orgs_mstate_label(m[i].state)
					      : arena_printf(r->a, "%s(组织已解散)", orgs_mstate_label(m[i].state)));
		table_text(t, orgs_role_label(m[i].role));
		table_date(t, m[i].applied_at);
		table_text(t, m[i].reason);
		struct buf *cell = table_cell(t, NULL);
		if (cell && (m[i].state == OM_PENDING || m[i].state == OM_ACTIVE)) {
			/* not "退出": the header's sign-out button says that */
			const char *label = m[i].state == OM_PENDING ? "撤回申请" : "退出组织";
			H(cell, "<form method=\"post\" data-confirm=\"");
			h_attr(cell, m[i].state == OM_PENDING ? "确定撤回入会申请吗?"
							      : arena_printf(r->a, "确定退出“%s”吗?再加入需要重新申请。",
									     m[i].org_name));
			H(cell, "\" action=\"");
			h_attr(cell, url_c_id(r->a, r->community->slug, "/volunteers/orgs/", m[i].org_id, "/leave"));
			H(cell, "\"><input type=\"hidden\" name=\"csrf\" value=\"");
			h_attr(cell, req_csrf(r));
			H(cell, "\"><input type=\"hidden\" name=\"member\" value=\"");
			h_int(cell, m[i].id);
			H(cell, "\"><button type=\"submit\" aria-label=\"");
			h_attr(cell, arena_printf(r->a, "%s:%s", label, m[i].org_name));
			H(cell, "\">");
			h_text(cell, label);
			H(cell, "</button></form>");
		}
		if (cell && m[i].state == OM_ACTIVE && (m[i].role == OR_LEADER || m[i].role == OR_DEPUTY)) {
			H(cell, " <a href=\"");
			h_clink_id(cell, r->community->slug, "/orgs/", m[i].org_id,
				   m[i].org_pending ? "/manage?state=pending" : "/manage");
			H(cell, "\">");
			h_text(cell, m[i].org_pending ? arena_printf(r->a, "成员管理(%lld 份申请待审核)", (long long)m[i].org_pending)
						      : "成员管理");
			H(cell, "</a>");
		}
		table_cell_end(t);
	}
}

void orgs_view_mine(struct req *r, const struct orgs_mine_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "我的组织");
	H(b, "<p>");
	h_clink_a(b, r->community->slug, "/volunteers/orgs/", "社区组织");
	H(b, "</p><h1>我的组织</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	struct table t;
	table_begin(&t, b, NULL, "我加入和申请的组织", orgs_mine_cols, orgs_mine_ncols, TABLE_CARDS,
		    "你还没有加入或申请加入社区组织。");
	orgs_mine_rows(&t, r, p->m, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links(r, NULL);
	page_end(r);
}
