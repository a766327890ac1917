/* The volunteers' pages: the public home of 志愿服务 (its projects and
 * honours come with their own views), the registration form (the
 * resident's own and the desk's), the staff list and one volunteer's page
 * with the audited full view. Names only masked unless opened. */
#include <string.h>

#include "modules/volunteers/volunteers_web.h"
#include "web/export.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* 工作台 › 志愿者 (› more): where a staff page sits. */
static void crumbs(struct req *r, const char *path, const char *text)
{
	struct crumb c[2] = {{"/admin/volunteers/", "志愿服务管理"}, {path, text}};
	page_crumbs(r, c, text ? 2 : 1);
}

void volview_home(struct req *r, const struct vol_home_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "志愿服务");
	H(b, "<h1>志愿服务</h1><p class=\"lead\">");
	h_text(b, r->community->name);
	H(b, "的志愿服务项目、服务时长和志愿者荣誉。有账号的居民可以在网上登记成为志愿者;不方便上网的居民可到社区服务站请工作人员代为登记。</p>");
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "registered"))
		page_notice(r, "登记成功,欢迎加入志愿者队伍!");
	else if (done && !strcmp(done, "saved"))
		page_notice(r, "登记信息已保存。");
	H(b, "<p>");
	if (p->me) {
		H(b, "你已登记为志愿者,累计确认服务 ");
		h_text(b, vol_hours_text(r->a, p->me->minutes_total));
		H(b, "。 ");
		h_clink_a(b, slug, "/volunteers/register", "修改我的登记信息");
	} else if (r->user) {
		H(b, "<a class=\"button\" href=\"");
		h_clink(b, slug, "/volunteers/register");
		H(b, "\">登记成为志愿者</a>");
	} else {
		H(b, "登录后可以登记成为志愿者。");
	}
	H(b, "</p>");
	if (r->user) {
		H(b, "<p>");
		h_clink_a(b, slug, "/volunteers/mine", "我的志愿服务");
		H(b, "</p>");
	}
	/* the rest of the volunteering area, built by other modules (orgs, timebank) */
	H(b, "<nav aria-label=\"志愿服务栏目\"><ul class=\"cards\"><li>");
	h_clink_a(b, slug, "/volunteers/orgs/", "社区组织");
	H(b, "<br>巡逻队、老年人协会、文体艺术团和志愿服务队,在线申请加入</li><li>");
	h_clink_a(b, slug, "/volunteers/timebank/", "时间银行");
	H(b, "<br>为老人服务的时间存起来,将来需要时再用</li><li>");
	h_clink_a(b, slug, "/volunteers/stories/", "好人好事");
	H(b, "<br>身边的凡人善举</li></ul></nav>");
	struct vol_projects_page pp = {.p = p->p, .n = p->n, .has_next = p->has_next, .page = p->page};
	volview_home_projects(r, &pp);
	H(b, "<h2>志愿者荣誉</h2>");
	struct table t;
	volview_ranking_table(r, &t, NULL, arena_printf(r->a, "%d年服务时长前十名", p->year), p->top, p->ntop, 1, 0);
	H(b, "<p>");
	h_clink_a(b, slug, "/volunteers/ranking", "年度志愿服务时长排行");
	H(b, " · ");
	h_clink_a(b, slug, "/volunteers/stars", "星级志愿者");
	H(b, " · ");
	h_clink_a(b, slug, "/volunteers/certificates/", "志愿服务证明核验");
	H(b, "</p>");
	if (req_has_role(r, ROLES_STAFF)) {
		H(b, "<p><a class=\"button\" href=\"");
		h_clink(b, slug, "/admin/volunteers/");
		H(b, "\">管理志愿服务</a></p>");
	}
	page_end(r);
}

/* The checkboxes of a fixed list under a legend, those in codes checked. */
static void boxes(struct req *r, const char *group, const char *legend, const char *hint, const char *error,
		  const char *prefix, const struct vol_choice *list, size_t n, const char *codes)
{
	form_fieldset_begin(r, group, legend, hint, error);
	for (size_t i = 0; i < n; i++)
		form_checkbox(r, &(struct form_field){.name = arena_printf(r->a, "%s%s", prefix, list[i].code),
						      .label = list[i].label,
						      .value = vol_has_code(codes, list[i].code) ? "1" : NULL});
	form_fieldset_end(r);
}

void volview_register(struct req *r, const struct vol_reg_form *f)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	const char *title = f->desk ? "代为登记志愿者" : f->editing ? "修改志愿者登记信息" : "登记成为志愿者";
	page_begin(r, title);
	if (f->desk)
		crumbs(r, NULL, title);
	H(b, "<h1>");
	h_text(b, title);
	H(b, "</h1>");
	if (f->desk)
		H(b, "<p>为不方便上网的居民登记。姓名和手机号码加密保存,名单中只显示部分字符。</p>");
	else
		H(b, "<p>姓名和手机号码取自你的账号,加密保存;公开页面只显示部分字符(如 张*丰)。</p>");
	form_refusal(r, f->refusal);
	const char *errs[RF__MAX];
	size_t ne = 0;
	for (int k = 0; k < RF__MAX; k++)
		if (f->errs[k])
			errs[ne++] = f->errs[k];
	if (ne)
		form_error_summary(r, errs, ne);
	form_begin(r, url_c(r->a, slug, f->desk ? "/admin/volunteers/new" : "/volunteers/register"));
	if (f->desk) {
		form_field_input(r,
				 &(struct form_field){"name", "姓名", NULL, f->vals[RF_NAME], f->errs[RF_NAME], 1, "off", NULL},
				 "text");
		form_field_input(r,
				 &(struct form_field){"phone", "手机号码", "11 位手机号码", f->vals[RF_PHONE],
						      f->errs[RF_PHONE], 1, "off", NULL},
				 "tel");
	}
	boxes(r, "skills", "服务技能", "可多选;没有可不选", f->errs[RF_SKILLS], "skill_", vol_skills, vol_nskills,
	      f->vals[RF_SKILLS]);
	form_field_input(r,
			 &(struct form_field){"skills_note", "其他特长", "如:会说粤语、持有急救证", f->vals[RF_NOTE],
					      f->errs[RF_NOTE], 0, NULL, NULL},
			 "text");
	boxes(r, "availability", "可服务时间", "至少选一项", f->errs[RF_AVAIL], "avail_", vol_availability,
	      vol_navailability, f->vals[RF_AVAIL]);
	boxes(r, "groups", "志愿者队伍", "不选为社区志愿者", f->errs[RF_GROUPS], "group_", vol_groups, vol_ngroups,
	      f->vals[RF_GROUPS]);
	form_submit(r, f->editing ? "保存" : "登记");
	form_end(r);
	page_end(r);
}

static const struct tcol list_cols[] = {
    {"编号", TCOL_NUM, NULL},	  {"姓名", TCOL_ROWHEAD, NULL}, {"手机", 0, NULL},
    {"志愿者队伍", 0, NULL}, {"服务技能", 0, NULL},	{"可服务时间", 0, NULL},
    {"累计时长(小时)", 0, NULL}, {"登记方式", 0, NULL},	{"登记日期", 0, NULL},
};

/* The rows of the staff list into t (a page or an export). */
static void list_rows(struct req *r, struct table *t, const struct vol_volunteer *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_int(t, v[i].id);
		table_link(t, url_c_id(r->a, r->community->slug, "/admin/volunteers/", v[i].id, NULL), v[i].name_masked);
		table_text(t, v[i].phone_masked);
		table_text(t, vol_labels(r->a, vol_groups, vol_ngroups, v[i].groups));
		const char *sk = vol_labels(r->a, vol_skills, vol_nskills, v[i].skills);
		table_text(t, *v[i].skills_note ? arena_printf(r->a, "%s%s%s", sk, *sk ? "、" : "", v[i].skills_note) : sk);
		table_text(t, vol_labels(r->a, vol_availability, vol_navailability, v[i].availability));
		table_text(t, arena_printf(r->a, "%lld.%lld", (long long)(v[i].minutes_total / 60),
					   (long long)(v[i].minutes_total % 60 * 10 / 60)));
		table_text(t, v[i].user_id ? "本人登记" : "代为登记");
		table_date(t, v[i].created_at);
	}
}

int volview_volunteers_export(struct req *r, struct table *t, struct export_table *x, const struct vol_volunteer *v,
			      size_t n)
{
	if (table_begin_export(t, r->a, x, arena_printf(r->a, "%s志愿者名单", r->community->name), list_cols,
			       (int)(sizeof list_cols / sizeof *list_cols)) < 0)
		return -1;
	list_rows(r, t, v, n);
	return table_end(t);
}

void volview_admin(struct req *r, const struct vol_admin_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	struct table t;
	page_begin(r, "志愿服务管理");
	crumbs(r, NULL, NULL);
	H(b, "<h1>志愿服务管理</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p><a class=\"button\" href=\"");
	h_clink(b, slug, "/admin/volunteers/new");
	H(b, "\">代为登记志愿者</a> <a class=\"button\" href=\"");
	h_clink(b, slug, "/admin/volunteers/projects/");
	H(b, "\">服务项目</a></p><p>");
	/* the cards' pages, reachable from here too */
	h_clink_a(b, slug, "/admin/volunteers/pending", "待确认的服务时长");
	H(b, " · ");
	h_clink_a(b, slug, "/admin/volunteers/today", "今日志愿服务班次");
	H(b, " · ");
	h_clink_a(b, slug, "/volunteers/certificates/", "证明核验");
	H(b, "</p>");
	static const char *const names[] = {"q"};
	filter_begin(r, "查找志愿者", names, 1);
	form_field_input(r,
			 &(struct form_field){"q", "查找", "完整姓名或 11 位手机号码", p->q, p->q_error, 0, "off", NULL},
			 "search");
	filter_end(r, "查找");
	H(b, "<p>");
	export_links(r, NULL);
	H(b, " · ");
	h_clink_a(b, slug, "/volunteers/", "查看公开页面");
	H(b, "</p>");
	table_begin(&t, b, NULL, "志愿者名单", list_cols, (int)(sizeof list_cols / sizeof *list_cols), TABLE_CARDS,
		    p->q ? "没有找到这位志愿者。" : "还没有登记的志愿者。");
	list_rows(r, &t, p->v, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	page_end(r);
}

void volview_volunteer(struct req *r, const struct vol_volunteer_page *p)
{
	struct buf *b = r->out;
	const struct vol_volunteer *v = p->v;
	page_begin(r, arena_printf(r->a, "志愿者 %s", v->name_masked));
	crumbs(r, NULL, v->name_masked);
	H(b, "<h1>志愿者 ");
	h_text(b, p->full ? p->full->name : v->name_masked);
	H(b, "</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<dl class=\"facts\"><dt>编号</dt><dd>");
	h_int(b, v->id);
	H(b, "</dd><dt>姓名</dt><dd>");
	h_text(b, p->full ? p->full->name : v->name_masked);
	H(b, "</dd><dt>手机</dt><dd>");
	h_text(b, p->full ? (*p->full->phone ? p->full->phone : "未填") : (*v->phone_masked ? v->phone_masked : "未填"));
	H(b, "</dd><dt>志愿者队伍</dt><dd>");
	h_text(b, vol_labels(r->a, vol_groups, vol_ngroups, v->groups));
	H(b, "</dd><dt>服务技能</dt><dd>");
	h_text(b, vol_labels(r->a, vol_skills, vol_nskills, v->skills));
	if (*v->skills_note) {
		H(b, " ");
		h_text(b, v->skills_note);
	}
	H(b, "</dd><dt>可服务时间</dt><dd>");
	h_text(b, vol_labels(r->a, vol_availability, vol_navailability, v->availability));
	H(b, "</dd><dt>累计确认时长</dt><dd>");
	h_text(b, vol_hours_text(r->a, v->minutes_total));
	H(b, "(");
	h_int(b, v->records);
	H(b, " 条记录)</dd><dt>登记</dt><dd>");
	h_text(b, v->user_id ? "本人登记" : "工作人员代为登记");
	H(b, ",");
	h_date(b, v->created_at);
	H(b, "</dd></dl>");
	H(b, "<p><a class=\"button\" href=\"");
	h_clink_id(b, r->community->slug, "/admin/volunteers/", v->id, "/backfill");
	H(b, "\">补录服务记录</a> <a class=\"button\" href=\"");
	h_clink_id(b, r->community->slug, "/admin/volunteers/", v->id, "/certificates/new");
	H(b, "\">出具志愿服务证明</a></p>");
	if (p->ncerts) {
		H(b, "<h2>志愿服务证明</h2><ul>");
		for (size_t i = 0; i < p->ncerts; i++) {
			const struct vol_certificate *c = &p->certs[i];
			H(b, "<li>");
			h_link(b,
			       url_c(r->a, r->community->slug,
				     arena_printf(r->a, "/admin/volunteers/certificates/%s", c->number)),
			       c->number);
			h_text(b, arena_printf(r->a, " · %s 至 %s · %s%s", c->period_from, c->period_to,
					       vol_hours_text(r->a, c->minutes), c->revoked_at ? " · 已撤销" : ""));
			H(b, "</li>");
		}
		H(b, "</ul>");
	}
	H(b, "<h2>志愿服务记录</h2>");
	/* the same page shows at …/<id>/full: its records still leave as …/<id>.xlsx */
	export_links_at(r, NULL, url_c_id(r->a, r->community->slug, "/admin/volunteers/", v->id, NULL));
	struct table t;
	volview_records_begin(r, &t, NULL, "志愿服务记录");
	volview_record_rows(r, &t, p->r, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	if (p->ask) {
		H(b, "<h2>查看完整信息</h2><p>完整姓名和手机号码只在填写理由后显示一次,查看记入审计日志。</p>");
		if (p->reason_error)
			form_error_summary(r, &p->reason_error, 1);
		form_begin(r, url_c_id(r->a, r->community->slug, "/admin/volunteers/", v->id, "/full"));
		form_field_input(r,
				 &(struct form_field){"reason", "理由", "如:电话通知服务安排", p->reason, p->reason_error, 1,
						      "off", NULL},
				 "text");
		form_submit(r, "查看");
		form_end(r);
	} else if (!p->full) {
		H(b, "<p>");
		h_link(b, url_c_id(r->a, r->community->slug, "/admin/volunteers/", v->id, "/full"), "查看完整姓名和手机号码");
		H(b, "</p>");
	}
	page_end(r);
}
