/* The leader's page of an organization: its members or applications
 * (masked names and mobiles), the actions on each, the desk form. HTML
 * only, through src/web. */
#include <string.h>

#include "modules/orgs/orgs_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

const struct tcol orgs_member_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL}, {"手机", 0, NULL},	   {"职务", 0, NULL},	 {"状态", 0, NULL},
    {"申请或登记", 0, NULL},	 {"加入日期", 0, NULL},   {"离开日期", 0, NULL}, {"附言或理由", 0, NULL},
    {"方式", TCOL_EXPORT, NULL}, {"操作", TCOL_PAGE, NULL},
};
const int orgs_member_ncols = (int)(sizeof orgs_member_cols / sizeof *orgs_member_cols);

/* A POST button to the member's step path rest (a form of its own). */
static void post_button(struct buf *cell, struct req *r, const char *action, const char *label, const char *aria,
			const char *field, const char *value)
{
	H(cell, "<form class=\"inline\" method=\"post\" action=\"");
	h_attr(cell, action);
	H(cell, "\"><input type=\"hidden\" name=\"csrf\" value=\"");
	h_attr(cell, req_csrf(r));
	H(cell, "\">");
	if (field) {
		H(cell, "<input type=\"hidden\" name=\"");
		h_attr(cell, field);
		H(cell, "\" value=\"");
		h_attr(cell, value);
		H(cell, "\">");
	}
	H(cell, "<button type=\"submit\" aria-label=\"");
	h_attr(cell, aria);
	H(cell, "\">");
	h_text(cell, label);
	H(cell, "</button></form> ");
}

static void step_link(struct buf *cell, struct req *r, const char *path, const char *label, const char *aria)
{
	H(cell, "<a href=\"");
	h_attr(cell, path);
	H(cell, "\" aria-label=\"");
	h_attr(cell, aria);
	H(cell, "\">");
	h_text(cell, label);
	H(cell, "</a> ");
	(void)r;
}

static void actions(struct buf *cell, struct req *r, const struct orgs_manage_page *p, const struct orgs_member *m)
{
	const char *base = url_c_id(r->a, r->community->slug, "/orgs/", p->o.id,
				    arena_printf(r->a, "/manage/%lld", (long long)m->id));
	const char *who = m->name_masked;
	if (m->state == OM_PENDING) {
		if (p->o.active)
			post_button(cell, r, arena_printf(r->a, "%s/approve", base), "批准", arena_printf(r->a, "批准 %s", who),
				    NULL, NULL);
		step_link(cell, r, arena_printf(r->a, "%s/refuse", base), "不予通过", arena_printf(r->a, "不予通过 %s", who));
	} else if (m->state == OM_ACTIVE) {
		if (p->staff || m->role == OR_MEMBER)
			step_link(cell, r, arena_printf(r->a, "%s/remove", base), "移出", arena_printf(r->a, "移出 %s", who));
		if (p->staff)
			for (int k = 0; k < OR__MAX; k++)
				if (k != m->role)
					post_button(cell, r, arena_printf(r->a, "%s/role", base),
						    arena_printf(r->a, "设为%s", orgs_role_label(k)),
						    arena_printf(r->a, "把 %s 设为%s", who, orgs_role_label(k)), "role",
						    orgs_role_name(k));
	}
	if (p->staff)
		step_link(cell, r, arena_printf(r->a, "%s/mobile", base), "查看联系方式",
			  arena_printf(r->a, "查看 %s 的联系方式", who));
}

void orgs_member_rows(struct table *t, struct req *r, const struct orgs_manage_page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct orgs_member *m = &p->m[i];
		table_tr(t, NULL);
		table_text(t, m->name_masked);
		table_text(t, m->mobile_masked);
		table_text(t, orgs_role_label(m->role));
		table_text(t, orgs_mstate_label(m->state));
		table_date(t, m->applied_at);
		if (m->joined_at)
			table_date(t, m->joined_at);
		else
			table_text(t, NULL);
		if (m->left_at)
			table_date(t, m->left_at);
		else
			table_text(t, NULL);
		table_text(t, *m->reason ? m->reason : m->note);
		table_text(t, m->user_id ? "网上申请" : "现场登记");
		struct buf *cell = table_cell(t, NULL);
		if (cell)
			actions(cell, r, p, m);
		table_cell_end(t);
	}
}

void orgs_view_manage(struct req *r, const struct orgs_manage_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	const char *title = arena_printf(r->a, "成员管理:%s", p->o.name);
	page_begin(r, title);
	H(b, "<p>");
	h_clink_a(b, slug, arena_printf(r->a, "/volunteers/orgs/%lld", (long long)p->o.id), p->o.name);
	if (p->staff) {
		H(b, " · ");
		h_clink_a(b, slug, "/admin/orgs/", "社区组织管理");
	}
	H(b, "</p><h1>");
	h_text(b, title);
	H(b, "</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>");
	h_text(b, arena_printf(r->a, "在册成员 %lld 人,待审核申请 %lld 份。", (long long)p->o.members,
			       (long long)p->o.pending));
	if (p->o.active) {
		H(b, " <a class=\"button\" href=\"");
		h_clink_id(b, slug, "/orgs/", p->o.id, "/manage/add");
		H(b, "\">现场登记成员</a>");
	} else
		H(b, " 组织已解散。");
	H(b, "</p>");
	struct form_option lists[2] = {{"pending", "待审核申请", NULL}, {"all", "全部记录", NULL}};
	filter_links(r, "名单", "state", "在册成员", lists, 2);
	struct table t;
	const char *label = p->state == OM_PENDING ? "待审核申请" : p->state == OM_ACTIVE ? "在册成员" : "全部记录";
	table_begin(&t, b, NULL, label, orgs_member_cols, orgs_member_ncols, TABLE_CARDS | TABLE_WIDE, "暂无");
	orgs_member_rows(&t, r, p);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links_at(r, NULL, url_c_id(r->a, r->community->slug, "/orgs/", p->o.id, "/manage/members"));
	H(b, "<p class=\"hint\">姓名和手机号只显示一部分");
	if (p->staff)
		H(b, ";查看完整信息将连同理由记入审计日志");
	H(b, "。</p>");
	page_end(r);
}

void orgs_view_desk(struct req *r, const struct orgs_org *o, const struct orgs_desk_form *f)
{
	struct buf *b = r->out;
	const char *title = arena_printf(r->a, "现场登记成员:%s", o->name);
	page_begin(r, title);
	H(b, "<p>");
	h_clink_a(b, r->community->slug, arena_printf(r->a, "/orgs/%lld/manage", (long long)o->id), "成员管理");
	H(b, "</p><h1>");
	h_text(b, title);
	H(b, "</h1>");
	form_error_summary(r, f->errs, DF__MAX);
	form_refusal(r, f->refusal);
	H(b, "<p>为没有账号的居民登记。姓名和手机号加密保存,名单中只显示一部分。</p>");
	form_begin(r, url_c_id(r->a, r->community->slug, "/orgs/", o->id, "/manage/add"));
	struct form_field n = {"name", "姓名", NULL, f->vals[DF_NAME], f->errs[DF_NAME], 1, "off", NULL};
	form_field_input(r, &n, "text");
	struct form_field m = {"mobile", "手机号码", "选填,11 位手机号", f->vals[DF_MOBILE], f->errs[DF_MOBILE], 0, "off", NULL};
	form_field_input(r, &m, "tel");
	/* only staff register a 负责人 or 副负责人: a leader is offered 成员 alone */
	int staff = req_has_role(r, ROLES_STAFF);
	struct form_option roles[OR__MAX];
	int nr = 0;
	for (int i = 0; i < OR__MAX; i++)
		if (staff || i == OR_MEMBER)
			roles[nr++] = (struct form_option){orgs_role_name(i), orgs_role_label(i), NULL};
	struct form_field ro = {"role", "职务", staff ? NULL : "负责人和副负责人由社区工作人员登记",
				staff || (f->vals[DF_ROLE] && *f->vals[DF_ROLE]) ? f->vals[DF_ROLE] : orgs_role_name(OR_MEMBER),
				f->errs[DF_ROLE], 1, NULL, NULL};
	form_radios(r, &ro, roles, (size_t)nr);
	form_submit(r, "登记");
	form_end(r);
	page_end(r);
}
