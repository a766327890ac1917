/* The service projects' HTML: the recruiting projects on the home of
 * 志愿服务, a project's page with its shifts and the visitor's sign-ups,
 * and the staff list and a project's admin page (form, state, shifts).
 * The shifts' lists, passes and records are in volunteers_shift_view.c. */
#include <string.h>

#include "modules/volunteers/volunteers_web.h"
#include "web/export.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

static const char *purl(struct req *r, int64_t id, const char *rest)
{
	return url_c_id(r->a, r->community->slug, "/admin/volunteers/projects/", id, rest);
}

static void crumbs(struct req *r, const struct vol_project *p)
{
	struct crumb c[3] = {{"/admin/volunteers/", "志愿服务管理"}, {"/admin/volunteers/projects/", "服务项目"}};
	if (p)
		c[2] = (struct crumb){arena_printf(r->a, "/admin/volunteers/projects/%lld", (long long)p->id), p->title};
	page_crumbs(r, c, p ? 3 : 2);
}

void volview_home_projects(struct req *r, const struct vol_projects_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	H(b, "<h2>正在招募的服务项目</h2>");
	if (!p->n) {
		H(b, "<p>目前没有招募中的项目,欢迎关注社区通知。</p>");
		return;
	}
	H(b, "<ol class=\"board\">");
	for (size_t i = 0; i < p->n; i++) {
		const struct vol_project *x = &p->p[i];
		H(b, "<li><a class=\"title\" href=\"");
		h_clink_id(b, slug, "/volunteers/projects/", x->id, NULL);
		H(b, "\">");
		h_text(b, x->title);
		H(b, "</a><div class=\"meta\">");
		h_text(b, x->place);
		if (*x->organizer) {
			H(b, " · ");
			h_text(b, x->organizer);
		}
		H(b, " · ");
		if (x->places_left)
			h_text(b, arena_printf(r->a, "还有 %lld 个名额", (long long)x->places_left));
		else
			H(b, "名额已满");
		H(b, "</div></li>");
	}
	H(b, "</ol>");
	page_pager(r, p->page, p->has_next);
}

void volview_project(struct req *r, const struct vol_project_page *pg)
{
	struct buf *b = r->out;
	const struct vol_project *p = pg->p;
	const char *slug = r->community->slug;
	page_begin(r, p->title);
	H(b, "<h1>");
	h_text(b, p->title);
	H(b, "</h1>");
	if (pg->notice)
		page_notice(r, pg->notice);
	form_refusal(r, pg->error);
	H(b, "<dl class=\"facts\"><dt>状态</dt><dd>");
	h_text(b, vol_project_state_label(p->state));
	if (!strcmp(p->state, "cancelled") && *p->cancel_reason) {
		H(b, "(");
		h_text(b, p->cancel_reason);
		H(b, ")");
	}
	H(b, "</dd><dt>服务地点</dt><dd>");
	h_text(b, p->place);
	H(b, "</dd>");
	if (*p->organizer) {
		H(b, "<dt>组织单位</dt><dd>");
		if (p->org_id) /* one of the community's organizations: its page says how to join */
			h_link(b, url_c_id(r->a, r->community->slug, "/volunteers/orgs/", p->org_id, NULL), p->organizer);
		else
			h_text(b, p->organizer);
		H(b, "</dd>");
	}
	H(b, "</dl>");
	if (*p->description) {
		H(b, "<h2>服务内容</h2><p>");
		h_multiline(b, p->description);
		H(b, "</p>");
	}
	H(b, "<h2>班次</h2>");
	int open = !strcmp(p->state, "recruiting");
	if (!pg->n)
		H(b, "<p>近期没有班次。</p>");
	else
		H(b, "<ul class=\"shifts\">");
	for (size_t i = 0; i < pg->n; i++) {
		const struct vol_shift *s = &pg->s[i];
		const struct vol_record *m = pg->mine[i];
		H(b, "<li><strong>");
		h_text(b, vol_when_text(r->a, s->starts_at, s->ends_at));
		H(b, "</strong> · ");
		if (s->ends_at <= r->now)
			H(b, "已结束");
		else if (s->taken < s->places)
			h_text(b, arena_printf(r->a, "共 %lld 个名额,还剩 %lld 个", (long long)s->places,
					       (long long)(s->places - s->taken)));
		else
			h_text(b, arena_printf(r->a, "%lld 个名额已满", (long long)s->places));
		if (m) {
			H(b, " · <strong>你已报名</strong>");
			if (r->now < s->starts_at && !m->checkin_at) {
				form_begin_confirm(r, url_c_id(r->a, slug, "/volunteers/projects/", p->id, "/cancel"),
						   "确定取消这个班次的报名吗?");
				form_hidden(r, "record", arena_printf(r->a, "%lld", (long long)m->id));
				form_submit(r, "取消报名");
				form_end(r);
			}
		} else if (open && pg->me && r->now < s->starts_at && s->taken < s->places) {
			form_begin(r, url_c_id(r->a, slug, "/volunteers/projects/", p->id, "/signup"));
			form_hidden(r, "shift", arena_printf(r->a, "%lld", (long long)s->id));
			form_submit(r, "报名这个班次");
			form_end(r);
		}
		if (vol_may_lead(r, p)) {
			H(b, " ");
			h_link(b, url_c_id(r->a, slug, "/volunteers/shifts/", s->id, NULL), "签到名单");
		}
		H(b, "</li>");
	}
	if (pg->n)
		H(b, "</ul>");
	H(b, "<p>");
	if (!r->user)
		H(b, "登录并登记成为志愿者后可以报名。");
	else if (!pg->me) {
		h_clink_a(b, slug, "/volunteers/register", "登记成为志愿者");
		H(b, "后可以报名。");
	} else {
		h_clink_a(b, slug, "/volunteers/mine", "我的志愿服务");
	}
	H(b, " · ");
	h_clink_a(b, slug, "/volunteers/", "全部服务项目");
	if (req_has_role(r, ROLES_STAFF)) {
		H(b, " · ");
		h_link(b, purl(r, p->id, NULL), "管理这个项目");
	}
	H(b, "</p>");
	page_end(r);
}

static const struct tcol project_cols[] = {
    {"编号", TCOL_NUM, NULL}, {"项目名称", TCOL_ROWHEAD, NULL}, {"服务地点", 0, NULL}, {"组织单位", 0, NULL},
    {"状态", 0, NULL},	      {"班次", TCOL_NUM, NULL},		 {"剩余名额", TCOL_NUM, NULL},
};

static void project_rows(struct req *r, struct table *t, const struct vol_project *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_int(t, p[i].id);
		table_link(t, purl(r, p[i].id, NULL), p[i].title);
		table_text(t, p[i].place);
		table_text(t, p[i].organizer);
		table_text(t, vol_project_state_label(p[i].state));
		table_int(t, p[i].shifts);
		table_int(t, p[i].places_left);
	}
}

int volview_projects_export(struct req *r, struct table *t, struct export_table *x, const struct vol_project *p,
			    size_t n)
{
	if (table_begin_export(t, r->a, x, arena_printf(r->a, "%s志愿服务项目", r->community->name), project_cols,
			       (int)(sizeof project_cols / sizeof *project_cols)) < 0)
		return -1;
	project_rows(r, t, p, n);
	return table_end(t);
}

void volview_projects(struct req *r, const struct vol_projects_page *p)
{
	struct buf *b = r->out;
	struct table t;
	page_begin(r, "服务项目");
	crumbs(r, NULL);
	H(b, "<h1>服务项目</h1><p><a class=\"button\" href=\"");
	h_clink(b, r->community->slug, "/admin/volunteers/projects/new");
	H(b, "\">新建服务项目</a></p><p>");
	export_links(r, NULL);
	H(b, "</p>");
	table_begin(&t, b, NULL, "全部服务项目", project_cols, (int)(sizeof project_cols / sizeof *project_cols),
		    TABLE_CARDS, "还没有服务项目。");
	project_rows(r, &t, p->p, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	page_end(r);
}

/* A button posting to="to" to the project's state route. */
static void state_button(struct req *r, const struct vol_project *p, const char *to, const char *label,
			 const char *question)
{
	form_begin_confirm(r, purl(r, p->id, "/state"), question);
	form_hidden(r, "to", to);
	form_submit(r, label);
	form_end(r);
}

void volview_project_form(struct req *r, const struct vol_project_admin_page *pg)
{
	struct buf *b = r->out;
	const struct vol_project_form *f = pg->f;
	const struct vol_project *p = f->editing;
	const char *slug = r->community->slug;
	page_begin(r, p ? p->title : "新建服务项目");
	crumbs(r, p);
	H(b, "<h1>");
	h_text(b, p ? p->title : "新建服务项目");
	H(b, "</h1>");
	if (pg->notice)
		page_notice(r, pg->notice);
	form_refusal(r, pg->state_error);
	if (p) {
		H(b, "<p>状态:");
		h_text(b, vol_project_state_label(p->state));
		H(b, " · 班次 ");
		h_int(b, p->shifts);
		H(b, " 个 · 剩余名额 ");
		h_int(b, p->places_left);
		if (*p->leader_name) {
			H(b, " · 负责人:");
			h_text(b, p->leader_name);
		}
		H(b, "</p>");
		if (!strcmp(p->state, "draft"))
			state_button(r, p, "recruiting", "开始招募", "开始招募后居民就能看到并报名,确定吗?");
		if (!strcmp(p->state, "recruiting"))
			state_button(r, p, "ended", "结束项目", "结束后不能再报名和添加班次,确定吗?");
		if (!strcmp(p->state, "draft") || !strcmp(p->state, "recruiting")) {
			form_begin_confirm(r, purl(r, p->id, "/state"), "确定取消这个项目吗?");
			form_hidden(r, "to", "cancelled");
			form_field_input(r,
					 &(struct form_field){"reason", "取消原因", "如:因天气原因取消", NULL, NULL, 0,
							      "off", "cancel-reason"},
					 "text");
			form_submit(r, "取消项目");
			form_end(r);
		}
		H(b, "<p>");
		h_link(b, url_c_id(r->a, slug, "/volunteers/projects/", p->id, NULL), "查看公开页面");
		H(b, "</p><h2>班次</h2>");
		if (!pg->n)
			H(b, "<p>还没有班次。</p>");
		else
			H(b, "<ul class=\"shifts\">");
		for (size_t i = 0; i < pg->n; i++) {
			const struct vol_shift *s = &pg->s[i];
			H(b, "<li>");
			h_link(b, url_c_id(r->a, slug, "/volunteers/shifts/", s->id, NULL),
			       vol_when_text(r->a, s->starts_at, s->ends_at));
			h_text(b, arena_printf(r->a, " · 已报名 %lld / %lld", (long long)s->taken, (long long)s->places));
			H(b, "</li>");
		}
		if (pg->n)
			H(b, "</ul>");
		if (!strcmp(p->state, "draft") || !strcmp(p->state, "recruiting")) {
			const struct vol_shift_form *sf = pg->sf;
			H(b, "<h2>添加班次</h2>");
			const char *errs[SF__MAX];
			size_t ne = 0;
			for (int k = 0; k < SF__MAX; k++)
				if (sf->errs[k])
					errs[ne++] = sf->errs[k];
			if (ne)
				form_error_summary(r, errs, ne);
			form_begin(r, purl(r, p->id, "/shifts"));
			form_field_input(r,
					 &(struct form_field){"date", "日期", "如 2026-11-28 或 11月28日", sf->vals[SF_DATE],
							      sf->errs[SF_DATE], 1, "off", NULL},
					 "text");
			form_field_input(r,
					 &(struct form_field){"start", "开始时间", "如 08:30 或 下午2点", sf->vals[SF_START],
							      sf->errs[SF_START], 1, "off", NULL},
					 "text");
			form_field_input(r,
					 &(struct form_field){"end", "结束时间", "过了午夜写次日的时间,如 06:00",
							      sf->vals[SF_END], sf->errs[SF_END], 1, "off", NULL},
					 "text");
			form_number(r, &(struct form_field){"places", "名额", "1 到 1000", sf->vals[SF_PLACES],
							    sf->errs[SF_PLACES], 1, "off", NULL});
			form_submit(r, "添加班次");
			form_end(r);
		}
		H(b, "<h2>修改项目信息</h2>");
	}
	const char *errs[PF__MAX];
	size_t ne = 0;
	for (int k = 0; k < PF__MAX; k++)
		if (f->errs[k])
			errs[ne++] = f->errs[k];
	if (ne)
		form_error_summary(r, errs, ne);
	form_begin(r, p ? purl(r, p->id, NULL) : url_c(r->a, slug, "/admin/volunteers/projects/new"));
	form_field_input(r,
			 &(struct form_field){"title", "项目名称", "如:重阳节敬老服务", f->vals[PF_TITLE], f->errs[PF_TITLE],
					      1, "off", NULL},
			 "text");
	form_field_textarea(r, &(struct form_field){"description", "服务内容", "志愿者要做什么、注意事项",
						    f->vals[PF_DESCRIPTION], f->errs[PF_DESCRIPTION], 0, NULL, NULL});
	form_field_input(r,
			 &(struct form_field){"place", "服务地点", "如:社区服务中心二楼", f->vals[PF_PLACE],
					      f->errs[PF_PLACE], 1, "off", NULL},
			 "text");
	if (f->norgs) {
		/* the organization's 负责人 may then lead it too */
		struct form_option *o = arena_alloc(r->a, (f->norgs + 1) * sizeof *o);
		if (o) {
			o[0] = (struct form_option){"", "不属于社区组织", NULL};
			for (size_t i = 0; i < f->norgs; i++)
				o[i + 1] = (struct form_option){arena_printf(r->a, "%lld", (long long)f->orgs[i].id),
								f->orgs[i].name, NULL};
			form_select(r,
				    &(struct form_field){"org", "所属社区组织", "选了组织,组织的负责人也能为志愿者签到签退、确认时长",
							 f->vals[PF_ORG], f->errs[PF_ORG], 0, NULL, NULL},
				    o, f->norgs + 1);
		}
	}
	form_field_input(r,
			 &(struct form_field){"organizer", "组织单位", "选了社区组织可不填;如:社区党委、青年志愿者服务队",
					      f->vals[PF_ORGANIZER], f->errs[PF_ORGANIZER], 0, "off", NULL},
			 "text");
	form_field_input(r,
			 &(struct form_field){"leader", "项目负责人",
					      p && *p->leader_name
						  ? arena_printf(r->a, "现为 %s;填写用户名或手机号码更换,不填则保留",
								 p->leader_name)
						  : "负责人的用户名或手机号码;负责人可以为志愿者签到签退、确认时长",
					      f->vals[PF_LEADER], f->errs[PF_LEADER], 0, "off", NULL},
			 "text");
	if (p && *p->leader_name)
		form_checkbox(r, &(struct form_field){.name = "leader_clear", .label = "不再设负责人"});
	form_submit(r, p ? "保存" : "保存为草稿");
	form_end(r);
	page_end(r);
}

