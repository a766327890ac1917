/* Pages of the staff side. */
#include <string.h>

#include "modules/admin/admin.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* The titles of the cards that count per community, in first-seen order:
 * the communities table's count columns (a title only when some
 * community's count is not 0). At most max. */
static size_t community_titles(const struct workbench *w, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < w->n; i++) {
		if (!w->cards[i].community_id)
			continue;
		size_t j = 0;
		while (j < n && strcmp(out[j], w->cards[i].title))
			j++;
		if (j == n && n < max)
			out[n++] = w->cards[i].title;
	}
	return n;
}

/* The count of the card titled title for community id, 0 if none. */
static int64_t community_count(const struct workbench *w, int64_t id, const char *title)
{
	int64_t k = 0;
	for (size_t i = 0; i < w->n; i++)
		if (w->cards[i].community_id == id && !strcmp(w->cards[i].title, title))
			k += w->cards[i].count;
	return k;
}

/* Every module may add columns: room for all of them now (on a phone the
 * table becomes one card a community). */
#define COUNT_COLS_MAX 16

void admin_view_dashboard(struct req *r, const struct community *list, size_t n, const struct admin_links *links,
			  const struct workbench *w)
{
	const char *titles[COUNT_COLS_MAX];
	size_t ntitles = community_titles(w, titles, COUNT_COLS_MAX);
	struct tcol cols[3 + COUNT_COLS_MAX] = {{"社区", TCOL_ROWHEAD, NULL}, {"街道", 0, NULL}};
	int ncols = 2;
	for (size_t i = 0; i < ntitles; i++)
		cols[ncols++] = (struct tcol){titles[i], TCOL_NUM, NULL};
	cols[ncols++] = (struct tcol){"操作", TCOL_PAGE, NULL};
	struct buf *b = r->out;
	struct table t;
	page_begin(r, "工作台");
	H(b, "<h1>工作台</h1><p class=\"lead\">");
	h_text(b, r->user->display_name);
	H(b, ",您好。</p>");
	if (w->n || req_has_role(r, ROLES_ADMIN))
		workbench_render(r, w, "需要关注", "各社区没有逾期或即将到期的公开事项。");
	if (req_has_role(r, ROLES_ADMIN))
		H(b, "<p><a href=\"/admin/due\">查看各社区公开到期情况</a></p>");
	H(b, "<section><h2>您负责的社区</h2>");
	table_begin(&t, b, NULL, "您负责的社区", cols, ncols, TABLE_CARDS, "您目前没有负责的社区。");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_link(&t, url_c(r->a, list[i].slug, "/"), list[i].name);
		table_text(&t, list[i].street.name);
		for (size_t j = 0; j < ntitles; j++)
			table_int(&t, community_count(w, list[i].id, titles[j]));
		table_link(&t, url_c(r->a, list[i].slug, "/admin/"), "社区工作台");
	}
	table_end(&t);
	H(b, "</section>");
	page_section_cards(r, "管理栏目", NULL, links->s, links->n);
	if (req_has_role(r, ROLES_ADMIN))
		H(b, "<p><a href=\"/admin/audit\">查看审计日志</a></p>");
	page_end(r);
}

/* The audit log as pages show it and as it is exported. */
static const struct tcol audit_cols[] = {
    {"时间", 0, "时间(北京时间)"},   {"操作人", 0, NULL}, {"操作", 0, NULL},	 {"操作代码", TCOL_EXPORT, NULL},
    {"对象", 0, NULL},	      {"对象编号", TCOL_EXPORT, NULL}, {"单位", 0, NULL},	 {"来源地址", 0, NULL},
    {"说明", TCOL_EXPORT, NULL},
};
#define AUDIT_NCOLS ((int)(sizeof audit_cols / sizeof *audit_cols))

/* 1 if s is record numbers: digits, commas between them ("0": an action
 * on no one record, such as an export, shows none). */
static int record_numbers(const char *s)
{
	if (!*s || !strcmp(s, "0"))
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s == ',' && s[1] >= '0' && s[1] <= '9')))
			return 0;
	return 1;
}

/* Writes record numbers "3,4" as "第 3、4 号". */
static void h_numbers(struct buf *c, const char *s)
{
	H(c, " 第 ");
	for (; *s; s++) {
		if (*s == ',')
			H(c, "、");
		else
			buf_putc(c, *s);
	}
	H(c, " 号");
}

/* On the page people read Chinese only: a code no module has labelled
 * reads as a neutral phrase (the export keeps every code in its own
 * column); the object reads with its record numbers, never its code. */
static void audit_rows(struct table *t, const struct audit_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_time(t, e[i].at);
		table_text(t, e[i].actor);
		/* On the page the action reads with its detail, the object with its number. */
		const char *action = e[i].action_label ? e[i].action_label : "其他操作";
		struct buf *c = table_cell(t, action);
		if (c) {
			h_text(c, action);
			if (*e[i].detail) {
				H(c, "<br><small>");
				h_text(c, e[i].detail);
				H(c, "</small>");
			}
		}
		table_cell_end(t);
		table_text(t, e[i].action);
		const char *entity = e[i].entity_label ? e[i].entity_label : *e[i].entity ? "其他对象" : "";
		c = table_cell(t, entity);
		if (c) {
			h_text(c, entity);
			if (record_numbers(e[i].entity_id))
				h_numbers(c, e[i].entity_id);
		}
		table_cell_end(t);
		table_text(t, e[i].entity_id);
		table_text(t, e[i].unit_name);
		table_text(t, e[i].ip);
		table_text(t, e[i].detail);
	}
}

/* The audit rows as a table. */
static void audit_table(struct buf *b, const struct audit_entry *e, size_t n)
{
	struct table t;
	table_begin(&t, b, "audit", "审计记录", audit_cols, AUDIT_NCOLS, TABLE_WIDE | TABLE_CARDS, NULL);
	audit_rows(&t, e, n);
	table_end(&t);
}

int admin_view_audit_export(struct arena *a, struct export_table *x, const char *title,
			    const struct audit_entry *e, size_t n)
{
	struct table t;
	if (table_begin_export(&t, a, x, title, audit_cols, AUDIT_NCOLS) < 0)
		return -1;
	audit_rows(&t, e, n);
	return table_end(&t);
}

void admin_view_community(struct req *r, const struct community_profile *p, const struct audit_entry *recent,
			  size_t nrecent, const struct admin_links *links, const struct workbench *w)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "社区工作台");
	H(b, "<h1>");
	h_text(b, r->community->name);
	H(b, " · 工作台</h1>");
	workbench_render(r, w, "待办事项", "目前没有需要处理的事项。");
	page_section_cards(r, "管理栏目", slug, links->s, links->n);
	H(b, "<section><h2>社区信息</h2><dl class=\"contact\"><dt>地址</dt><dd>");
	h_text(b, *p->address ? p->address : "未填写");
	H(b, "</dd><dt>服务热线</dt><dd>");
	h_text(b, *p->hotline ? p->hotline : "未填写");
	H(b, "</dd></dl><p><a class=\"button\" href=\"");
	h_clink(b, slug, "/admin/profile");
	H(b, "\">编辑社区信息</a></p></section>");
	H(b, "<section><h2>最近操作</h2>");
	audit_table(b, recent, nrecent);
	H(b, "<p>");
	h_clink_a(b, slug, "/admin/audit", "全部审计记录");
	H(b, "</p></section>");
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
	form_begin(r, url_c(r->a, r->community->slug, "/admin/profile"));
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

void admin_view_audit(struct req *r, const struct audit_entry *e, size_t n, int64_t page, int has_next)
{
	page_begin(r, "审计日志");
	H(r->out,
	  "<h1>审计日志</h1><p class=\"lead\">记录每一次工作人员操作和个人信息查看:谁、何时、从何处、对哪条记录做了什么。</p>");
	export_links(r, "导出最近 10000 条");
	audit_table(r->out, e, n);
	page_pager(r, page, has_next);
	page_end(r);
}
