/* Pages of the staff side. */
#include <string.h>

#include "modules/admin/admin.h"
#include "web/layout.h"

void admin_view_dashboard(struct req *r, const struct community *list, size_t n)
{
	struct buf *b = r->out;
	page_begin(r, "工作台");
	H(b, "<h1>工作台</h1><p class=\"lead\">");
	h_text(b, r->user->display_name);
	H(b, ",您好。以下是您负责的社区:</p>");
	if (!n)
		H(b, "<p>您目前没有负责的社区。</p>");
	else
		H(b, "<table><thead><tr><th scope=\"col\">社区</th><th scope=\"col\">街道</th>"
		     "<th scope=\"col\">区</th><th scope=\"col\">操作</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		H(b, "<tr><td><a href=\"/c/");
		h_url(b, list[i].slug);
		H(b, "/\">");
		h_text(b, list[i].name);
		H(b, "</a></td><td>");
		h_text(b, list[i].street.name);
		H(b, "</td><td>");
		h_text(b, list[i].district.name);
		H(b, "</td><td><a href=\"/c/");
		h_url(b, list[i].slug);
		H(b, "/admin/\">社区工作台</a></td></tr>");
	}
	if (n)
		H(b, "</tbody></table>");
	if (req_has_role(r, ROLES_ADMIN))
		H(b, "<p><a href=\"/admin/audit\">查看审计日志</a></p>");
	page_end(r);
}

/* The audit rows as a table. */
static void audit_table(struct buf *b, const struct audit_entry *e, size_t n)
{
	if (!n) {
		H(b, "<p>暂无记录。</p>");
		return;
	}
	H(b, "<table class=\"audit\"><thead><tr><th scope=\"col\">时间</th><th scope=\"col\">操作人</th>"
	     "<th scope=\"col\">操作</th><th scope=\"col\">对象</th><th scope=\"col\">单位</th>"
	     "<th scope=\"col\">来源地址</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		H(b, "<tr><td>");
		h_time(b, e[i].at);
		H(b, "</td><td>");
		h_text(b, e[i].actor);
		H(b, "</td><td><code>");
		h_text(b, e[i].action);
		H(b, "</code>");
		if (*e[i].detail) {
			H(b, "<br><small>");
			h_text(b, e[i].detail);
			H(b, "</small>");
		}
		H(b, "</td><td>");
		h_text(b, e[i].entity);
		if (*e[i].entity_id) {
			H(b, " ");
			h_text(b, e[i].entity_id);
		}
		H(b, "</td><td>");
		h_text(b, e[i].unit_name);
		H(b, "</td><td>");
		h_text(b, e[i].ip);
		H(b, "</td></tr>");
	}
	H(b, "</tbody></table>");
}

void admin_view_community(struct req *r, const struct community_profile *p, const struct audit_entry *recent,
			  size_t nrecent)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "社区工作台");
	H(b, "<h1>");
	h_text(b, r->community->name);
	H(b, " · 工作台</h1><section><h2>社区信息</h2><dl class=\"contact\"><dt>地址</dt><dd>");
	h_text(b, *p->address ? p->address : "未填写");
	H(b, "</dd><dt>服务热线</dt><dd>");
	h_text(b, *p->hotline ? p->hotline : "未填写");
	H(b, "</dd></dl><p><a class=\"button\" href=\"/c/");
	h_url(b, slug);
	H(b, "/admin/profile\">编辑社区信息</a></p></section><section><h2>最近操作</h2>");
	audit_table(b, recent, nrecent);
	H(b, "<p><a href=\"/c/");
	h_url(b, slug);
	H(b, "/admin/audit\">全部审计记录</a></p></section>");
	page_end(r);
}

void admin_view_profile(struct req *r, const struct profile_form *f)
{
	struct buf *b = r->out;
	page_begin(r, "编辑社区信息");
	H(b, "<section class=\"narrow\"><h1>编辑社区信息</h1>");
	if (f->saved)
		page_notice(r, "已保存。");
	form_error_summary(r, f->errs, 5);
	form_begin(r, arena_printf(r->a, "/c/%s/admin/profile", r->community->slug));
	form_input(r, "address", "地址", "text", f->vals[0], f->errs[0], 1, "street-address");
	form_input(r, "phone", "办公电话", "tel", f->vals[1], f->errs[1], 0, NULL);
	form_input(r, "hotline", "服务热线", "tel", f->vals[2], f->errs[2], 0, NULL);
	form_input(r, "office_hours", "办公时间", "text", f->vals[3], f->errs[3], 0, NULL);
	form_textarea(r, "intro", "社区简介", f->vals[4], f->errs[4], 0);
	form_submit(r, "保存");
	form_end(r);
	H(b, "</section>");
	page_end(r);
}

void admin_view_audit(struct req *r, const char *base, const struct audit_entry *e, size_t n, int64_t page,
		      int has_next)
{
	page_begin(r, "审计日志");
	H(r->out, "<h1>审计日志</h1><p class=\"lead\">记录每一次工作人员操作和个人信息查看:谁、何时、从何处、对哪条记录做了什么。</p>"
		  "<p>导出最近 10000 条:<a href=\"");
	/* base is the page's path and "?"; the exports sit beside it. */
	int stem = (int)strlen(base) - 1;
	h_href(r->out, arena_printf(r->a, "%.*s.xlsx", stem, base));
	H(r->out, "\">Excel</a> · <a href=\"");
	h_href(r->out, arena_printf(r->a, "%.*s.csv", stem, base));
	H(r->out, "\">CSV</a></p>");
	audit_table(r->out, e, n);
	page_pager(r, base, page, has_next);
	page_end(r);
}
