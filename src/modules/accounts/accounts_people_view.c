/* Pages of a community's supervisors (监督员) and two committees (两委). */
#include <string.h>

#include "modules/accounts/accounts_web.h"
#include "pii/pii.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/table.h"

static void crumbs(struct req *r)
{
	H(r->out, "<p class=\"crumbs\">");
	h_clink_a(r->out, r->community->slug, "/admin/", "工作台");
	H(r->out, "</p>");
}

static const struct tcol serving_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL}, {"手机号", 0, NULL},       {"聘任日期", 0, NULL},
    {"任期至", 0, NULL},          {"操作", TCOL_PAGE, NULL},
};
static const struct tcol history_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL}, {"聘任日期", 0, NULL}, {"任期至", 0, NULL},
    {"结束日期", 0, NULL},        {"结束原因", 0, NULL},
};
static const struct tcol untermed_cols[] = {{"姓名", TCOL_ROWHEAD, NULL}, {"授权日期", 0, NULL}};

void aview_supervisors(struct req *r, const struct accounts_supervisors_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "监督员");
	crumbs(r);
	H(b, "<h1>监督员</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>监督员(党务居务公开监督小组成员)"
	     "监督公开是否完整、及时、未被改动。在任的监督员可以登录查看和提出监督意见,"
	     "名单显示在本社区的公开页面上。</p><p><a class=\"button\" href=\"");
	h_clink(b, slug, "/admin/supervisors/new");
	H(b, "\">聘任监督员</a></p><section><h2>在任监督员</h2>");
	struct table t;
	table_begin(&t, b, NULL, "在任监督员", serving_cols, 5, TABLE_CARDS, "目前没有在任的监督员。");
	for (size_t i = 0; i < p->n; i++) {
		const struct auth_supervisor_term *s = &p->terms[i];
		if (s->ended_on)
			continue;
		table_tr(&t, NULL);
		table_text(&t, s->display_name);
		table_text(&t, s->phone ? pii_mask_phone(r->a, s->phone) : "");
		table_text(&t, s->appointed_on);
		table_text(&t, s->term_end);
		table_link(&t, url_c_id(r->a, slug, "/admin/supervisors/", s->id, "/end"),
		           arena_printf(r->a, "结束%s的聘任", s->display_name));
	}
	table_end(&t);
	H(b, "</section>");
	if (p->nuntermed) {
		H(b, "<section><h2>未登记任期的监督员</h2><p>这些账号有监督员权限,但没有登记聘任日期和任期"
		     "(例如用命令行授权)。请用“聘任监督员”为其登记任期。</p>");
		table_begin(&t, b, NULL, "未登记任期的监督员", untermed_cols, 2, TABLE_CARDS, NULL);
		for (size_t i = 0; i < p->nuntermed; i++) {
			table_tr(&t, NULL);
			table_text(&t, p->untermed[i].display_name);
			table_date(&t, p->untermed[i].granted_at);
		}
		table_end(&t);
		H(b, "</section>");
	}
	H(b, "<section><h2>历任记录</h2>");
	table_begin(&t, b, NULL, "历任记录", history_cols, 5, TABLE_CARDS, "还没有结束的聘任。");
	for (size_t i = 0; i < p->n; i++) {
		const struct auth_supervisor_term *s = &p->terms[i];
		if (!s->ended_on)
			continue;
		table_tr(&t, NULL);
		table_text(&t, s->display_name);
		table_text(&t, s->appointed_on);
		table_text(&t, s->term_end);
		table_text(&t, s->ended_on);
		table_text(&t, s->end_reason);
	}
	table_end(&t);
	H(b, "</section>");
	page_end(r);
}

static void form_head(struct req *r, const char *title, const char *refusal, const char *const *errs,
                      size_t n)
{
	struct buf *b = r->out;
	page_begin(r, title);
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/admin/supervisors/", "监督员");
	H(b, "</p><section class=\"form\"><h1>");
	h_text(b, title);
	H(b, "</h1>");
	form_refusal(r, refusal);
	form_error_summary(r, errs, n);
}

void aview_appoint(struct req *r, const struct accounts_appoint_form *f)
{
	struct buf *b = r->out;
	const char *const *v = f->vals, *const *e = f->errs;
	form_head(r, "聘任监督员", f->refusal, e, AS__MAX);
	H(b, "<p>填写本人的手机号。本社区已有账号的居民直接聘任;还没有账号的,填写姓名,"
	     "系统同时开通账号并显示一次初始密码。</p>");
	form_begin(r, url_c(r->a, r->community->slug, "/admin/supervisors/new"));
	struct form_field fm = {"mobile", "手机号", "如 138 0013 8000", v[AS_MOBILE], e[AS_MOBILE], 1, "off"};
	struct form_field fn = {"name", "姓名(还没有账号时填写)", NULL, v[AS_NAME], e[AS_NAME], 0, "off"};
	struct form_field fa = {
	    "appointed_on", "聘任日期", "如 2026-03-01", v[AS_APPOINTED], e[AS_APPOINTED], 1, NULL};
	struct form_field ft = {"term_end", "任期至", "如 2029-02-28", v[AS_TERM_END], e[AS_TERM_END],
	                        1,          NULL};
	form_field_input(r, &fm, "tel");
	form_field_input(r, &fn, "text");
	form_date(r, &fa);
	form_date(r, &ft);
	form_submit(r, "聘任");
	form_end(r);
	H(b, "<p class=\"hint\">聘任记入审计日志,监督员名单在公开页面即时更新。</p></section>");
	page_end(r);
}

void aview_end(struct req *r, const struct accounts_end_form *f)
{
	struct buf *b = r->out;
	const char *const *v = f->vals, *const *e = f->errs;
	form_head(r, arena_printf(r->a, "结束%s的监督员聘任", f->t->display_name), NULL, e, AE__MAX);
	H(b, "<p>");
	h_text(b, arena_printf(r->a,
	                       "%s于 %s 聘任,任期至 "
	                       "%s。结束后该账号不再有监督员权限,账号本身保留;聘任记录保留在历任记录中。",
	                       f->t->display_name, f->t->appointed_on, f->t->term_end));
	H(b, "</p>");
	form_begin(r, url_c_id(r->a, r->community->slug, "/admin/supervisors/", f->t->id, "/end"));
	struct form_field fd = {"ended_on", "结束日期", NULL, v[AE_ENDED], e[AE_ENDED], 1, NULL};
	struct form_field fr = {
	    "reason", "结束原因", "如“任期届满”“本人辞去”“迁出本社区”", v[AE_REASON], e[AE_REASON], 1, "off"};
	form_date(r, &fd);
	form_field_input(r, &fr, "text");
	form_submit(r, "结束聘任");
	form_end(r);
	H(b, "</section>");
	page_end(r);
}

static const struct tcol member_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL}, {"职务", 0, NULL}, {"职责分工", 0, NULL}, {"任期", 0, NULL},
    {"操作", TCOL_PAGE, NULL},
};

static const char *term_text(struct arena *a, const struct committee_member *m)
{
	if (!*m->term_start && !*m->term_end)
		return "未填写";
	return arena_printf(a, "%s 至 %s", *m->term_start ? m->term_start : "?",
	                    *m->term_end ? m->term_end : "?");
}

/* A small form that moves member id up or down. */
static void move_button(struct req *r, int64_t id, const char *dir, const char *label)
{
	form_begin(r, url_c_id(r->a, r->community->slug, "/admin/committee/", id, "/move"));
	form_hidden(r, "dir", dir);
	form_submit(r, label);
	form_end(r);
}

void aview_committee(struct req *r, const struct accounts_committee_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "两委成员");
	crumbs(r);
	H(b, "<h1>两委成员</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>社区党组织和居委会成员的姓名、职务、职责分工和任期,按这里的顺序显示在本社区的公开页面上。</"
	     "p><p>");
	h_clink_a(b, slug, "/", "查看公开页面");
	H(b, "</p>");
	for (int c = 0; c < COMMITTEE__MAX; c++) {
		const char *label = committee_label((enum committee)c);
		H(b, "<section><h2>");
		h_text(b, label);
		H(b, "</h2><p><a class=\"button\" href=\"");
		h_clink(b, slug,
		        c == COMMITTEE_PARTY ? "/admin/committee/new?committee=party"
		                             : "/admin/committee/new?committee=residents");
		H(b, "\">新增");
		h_text(b, label);
		H(b, "成员</a></p>");
		struct table t;
		table_begin(&t, b, NULL, label, member_cols, 5, TABLE_CARDS, "还没有成员。");
		size_t count = 0, seen = 0;
		for (size_t i = 0; i < p->n; i++)
			count += p->m[i].committee == (enum committee)c;
		for (size_t i = 0; i < p->n; i++) {
			const struct committee_member *m = &p->m[i];
			if (m->committee != (enum committee)c)
				continue;
			table_tr(&t, NULL);
			table_text(&t, m->name);
			table_text(&t, m->title);
			table_text(&t, m->duty);
			table_text(&t, term_text(r->a, m));
			if (table_cell(&t, "") != NULL) {
				H(b, "<a href=\"");
				h_clink_id(b, slug, "/admin/committee/", m->id, NULL);
				H(b, "\">编辑");
				h_text(b, m->name);
				H(b, "</a>");
				if (seen > 0)
					move_button(r, m->id, "up", "上移");
				if (seen + 1 < count)
					move_button(r, m->id, "down", "下移");
			}
			table_cell_end(&t);
			seen++;
		}
		table_end(&t);
		H(b, "</section>");
	}
	page_end(r);
}

void aview_member(struct req *r, const struct accounts_member_form *f)
{
	struct buf *b = r->out;
	const char *const *v = f->vals, *const *e = f->errs;
	const char *slug = r->community->slug;
	const char *title =
	    f->editing ? arena_printf(r->a, "编辑两委成员:%s", f->editing->name) : "新增两委成员";
	const char *action = f->editing ? url_c_id(r->a, slug, "/admin/committee/", f->editing->id, NULL)
	                                : url_c(r->a, slug, "/admin/committee/new");
	page_begin(r, title);
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, slug, "/admin/committee/", "两委成员");
	H(b, "</p><section class=\"form\"><h1>");
	h_text(b, title);
	H(b, "</h1>");
	form_error_summary(r, e, CF__MAX);
	form_begin(r, action);
	static const struct form_option committees[] = {{"party", "社区党组织", NULL},
	                                                {"residents", "居民委员会", NULL}};
	struct form_field fc = {"committee", "所属组织", NULL, v[CF_COMMITTEE], e[CF_COMMITTEE], 1, NULL};
	struct form_field fn = {"name", "姓名", NULL, v[CF_NAME], e[CF_NAME], 1, "off"};
	struct form_field ft = {"title", "职务", "如“党支部书记”“居委会委员”", v[CF_TITLE], e[CF_TITLE],
	                        1,       "off"};
	struct form_field fd = {"duty", "职责分工", "如“民政、低保、救灾救济”", v[CF_DUTY], e[CF_DUTY],
	                        0,      NULL};
	struct form_field fs = {
	    "term_start", "任期开始(可不填)", "如 2026-03-01", v[CF_TERM_START], e[CF_TERM_START], 0, NULL};
	struct form_field fe = {
	    "term_end", "任期结束(可不填)", "如 2031-02-28", v[CF_TERM_END], e[CF_TERM_END], 0, NULL};
	form_radios(r, &fc, committees, 2);
	form_field_input(r, &fn, "text");
	form_field_input(r, &ft, "text");
	form_field_textarea(r, &fd);
	form_date(r, &fs);
	form_date(r, &fe);
	form_submit(r, "保存");
	form_end(r);
	if (f->editing) {
		H(b,
		  "<h2>删除</h2><p>成员离任后可以删除,公开页面不再显示。</p><p><a class=\"button\" href=\"");
		h_clink_id(b, slug, "/admin/committee/", f->editing->id, "/delete");
		H(b, "\">删除这位成员</a></p>");
	}
	H(b, "</section>");
	page_end(r);
}

void aview_member_delete(struct req *r, const struct committee_member *m)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	const char *title = arena_printf(r->a, "确定删除两委成员“%s”吗?", m->name);
	page_begin(r, title);
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, slug, "/admin/committee/", "两委成员");
	H(b, "</p><section class=\"form\"><h1>");
	h_text(b, title);
	H(b, "</h1><p>");
	h_text(b, arena_printf(r->a, "%s %s。删除后本社区公开页面不再显示,操作记入审计日志。",
	                       committee_label(m->committee), m->title));
	H(b, "</p>");
	form_begin(r, url_c_id(r->a, slug, "/admin/committee/", m->id, "/delete"));
	form_submit(r, "确定删除");
	form_end(r);
	H(b, "<p><a href=\"");
	h_clink_id(b, slug, "/admin/committee/", m->id, NULL);
	H(b, "\">取消</a></p></section>");
	page_end(r);
}
