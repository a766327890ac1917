/* The public pages' HTML: the list (upcoming or past, by kind), one
 * activity with its places and the visitor's sign-up, 我的报名 with the
 * reminders of the next three days, and 活动回顾. Names only masked. */
#include <string.h>

#include "modules/activities/activities_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

static void when(struct buf *b, struct arena *a, int64_t starts, int64_t ends)
{
	h_text(b, act_when_text(a, starts, ends));
}

/* A list of activities as cards with links. */
static void cards(struct req *r, const struct act_line *l, size_t n, int past)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	if (!n) {
		H(b, "<p>");
		h_text(b, past ? "还没有往期活动。" : "近期没有活动,欢迎关注社区通知。");
		H(b, "</p>");
		return;
	}
	H(b, "<ol class=\"board\">");
	for (size_t i = 0; i < n; i++) {
		H(b, "<li><a class=\"title\" href=\"");
		h_clink_id(b, slug, "/activities/", l[i].id, NULL);
		H(b, "\">");
		h_text(b, l[i].title);
		H(b, "</a><span class=\"tag\">");
		h_text(b, act_kind_label(l[i].kind));
		H(b, "</span><div class=\"meta\">");
		when(b, r->a, l[i].starts_at, l[i].ends_at);
		H(b, " · ");
		h_text(b, l[i].place);
		if (!past) {
			H(b, " · ");
			h_text(b, act_places_text(r->a, l[i].capacity, l[i].confirmed, l[i].waitlisted));
			if (r->now >= l[i].signup_closes_at)
				H(b, " · 报名已截止");
		} else if (l[i].report_at) {
			H(b, " · 有活动回顾");
		}
		H(b, "</div></li>");
	}
	H(b, "</ol>");
}

void actview_list(struct req *r, const struct act_list_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, p->past ? "往期活动" : "社区活动");
	H(b, "<h1>");
	h_text(b, p->past ? "往期活动" : "社区活动");
	H(b, "</h1><p class=\"lead\">");
	h_text(b, r->community->name);
	H(b, "的节日活动、文体活动、居民学校课程和培训。登录后可在线报名;不方便上网的居民可到社区服务站或打电话请工作人员代报名。</p>");
	struct form_option kinds[16];
	for (size_t i = 0; i < act_nkinds && i < 16; i++)
		kinds[i] = (struct form_option){act_kinds[i].code, act_kinds[i].label, NULL};
	filter_links(r, "活动类别", "kind", "全部类别", kinds, act_nkinds);
	H(b, "<nav class=\"filters\" aria-label=\"近期与往期\">");
	if (p->past) {
		H(b, "<a href=\"");
		h_href(b, url_with(r, "when", NULL));
		H(b, "\">近期活动</a><a aria-current=\"page\" href=\"");
		h_href(b, url_with(r, "when", "past"));
		H(b, "\">往期活动</a>");
	} else {
		H(b, "<a aria-current=\"page\" href=\"");
		h_href(b, url_with(r, "when", NULL));
		H(b, "\">近期活动</a><a href=\"");
		h_href(b, url_with(r, "when", "past"));
		H(b, "\">往期活动</a>");
	}
	H(b, "</nav>");
	cards(r, p->lines, p->n, p->past);
	page_pager(r, p->page, p->has_next);
	H(b, "<p>");
	export_links(r, NULL);
	H(b, " · <a href=\"");
	h_clink(b, slug, "/activities.ics");
	H(b, "\">加入日历(订阅本社区活动)</a> · ");
	h_clink_a(b, slug, "/activities/reports", "活动回顾");
	if (r->user) {
		H(b, " · ");
		h_clink_a(b, slug, "/activities/mine", "我的报名");
	}
	H(b, "</p>");
	if (req_has_role(r, ROLES_STAFF)) {
		H(b, "<p><a class=\"button\" href=\"");
		h_clink(b, slug, "/admin/activities/");
		H(b, "\">管理活动</a></p>");
	}
	page_end(r);
}

/* The button that cancels the visitor's sign-up sid to activity aid,
 * asking first; back "mine" returns to 我的报名 (NULL: the activity). */
static void cancel_button(struct req *r, int64_t aid, int64_t sid, const char *back)
{
	form_begin_confirm(r, url_c_id(r->a, r->community->slug, "/activities/", aid, "/cancel"),
			   "确定取消报名吗?名额会让给候补的居民。");
	form_hidden(r, "signup", arena_printf(r->a, "%lld", (long long)sid));
	if (back)
		form_hidden(r, "back", back);
	form_submit(r, "取消报名");
	form_end(r);
}

/* The visitor's own sign-up and its cancel button. */
static void mine_box(struct req *r, const struct act_page *p)
{
	struct buf *b = r->out;
	const struct act_signup *s = p->mine;
	const struct act_activity *v = p->v;
	if (!strcmp(s->state, "cancelled"))
		return;
	H(b, "<section class=\"notice\" aria-label=\"我的报名\"><p><strong>");
	if (!strcmp(s->state, "confirmed"))
		H(b, "你已报名");
	else
		h_text(b, arena_printf(r->a, "你在候补第 %lld 位", (long long)p->wait_pos));
	H(b, "</strong>");
	if (s->promoted_at)
		H(b, "(由候补递补)");
	if (!strcmp(v->state, "cancelled"))
		H(b, "。但活动已取消");
	H(b, "</p>");
	if (r->now < v->starts_at && strcmp(v->state, "cancelled")) {
		cancel_button(r, v->id, s->id, NULL);
	}
	H(b, "</section>");
}

void actview_activity(struct req *r, const struct act_page *p)
{
	struct buf *b = r->out;
	const struct act_activity *v = p->v;
	const char *slug = r->community->slug;
	page_begin(r, v->title);
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, slug, "/activities/", "社区活动");
	H(b, " › ");
	h_text(b, act_kind_label(v->kind));
	H(b, "</p><h1>");
	h_text(b, v->title);
	H(b, "</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	if (!strcmp(v->state, "cancelled")) {
		H(b, "<p class=\"notice\" role=\"status\"><strong>活动已取消</strong>");
		if (*v->cancel_reason) {
			H(b, ":");
			h_text(b, v->cancel_reason);
		}
		H(b, "</p>");
	}
	H(b, "<dl class=\"facts\"><dt>时间</dt><dd>");
	when(b, r->a, v->starts_at, v->ends_at);
	H(b, "</dd><dt>地点</dt><dd>");
	if (v->booking_id) /* held in a room of the community: its page says where and when it is free */
		h_link(b, url_c_id(r->a, r->community->slug, "/facilities/", v->facility_id, NULL), v->place);
	else
		h_text(b, v->place);
	H(b, "</dd>");
	if (*v->organizer) {
		H(b, "<dt>主办</dt><dd>");
		h_text(b, v->organizer);
		H(b, "</dd>");
	}
	if (*v->audience || v->min_age) {
		H(b, "<dt>面向</dt><dd>");
		h_text(b, v->audience);
		const char *age = v->min_age ? arena_printf(r->a, "%lld岁以上", (long long)v->min_age) : NULL;
		if (age && !strstr(v->audience, age)) /* "社区60岁以上老人" says it already */
			h_text(b, arena_printf(r->a, "%s%s", *v->audience ? "," : "", age));
		H(b, "</dd>");
	}
	H(b, "<dt>名额</dt><dd>");
	h_text(b, act_places_text(r->a, v->capacity, v->confirmed, v->waitlisted));
	H(b, "</dd><dt>报名截止</dt><dd>");
	h_time(b, v->signup_closes_at);
	H(b, "</dd></dl>");
	if (*v->description) {
		H(b, "<section><h2>活动介绍</h2>");
		h_multiline(b, v->description);
		H(b, "</section>");
	}
	H(b, "<section><h2>报名</h2>");
	if (p->mine && strcmp(p->mine->state, "cancelled"))
		mine_box(r, p);
	else if (p->why_not)
		h_text(b, p->why_not);
	else if (!r->user) {
		H(b, "<p><a class=\"button\" href=\"/login?next=");
		h_url(b, url_c_id(r->a, slug, "/activities/", v->id, NULL));
		H(b, "\">登录后报名</a></p><p>没有智能手机的居民,可到社区服务站或打电话请工作人员代报名。</p>");
	} else {
		form_begin(r, url_c_id(r->a, slug, "/activities/", v->id, "/signup"));
		form_submit(r, v->capacity && v->confirmed >= v->capacity ? "报名候补" : "我要报名");
		form_end(r);
	}
	H(b, "</section>");
	if (v->report_at) {
		H(b, "<section><h2>活动回顾</h2>");
		h_multiline(b, v->report);
		for (size_t i = 0; i < p->nphotos; i++) {
			/* 280 pixels wide, to fit a 360-pixel phone (the attribute: the
			 * page's CSP allows no inline style), height in proportion; the
			 * link opens it whole. */
			const char *src = url_c_id(r->a, slug, "/activities/", v->id,
						   arena_printf(r->a, "/photos/%lld", (long long)p->photos[i].id));
			H(b, "<p><a href=\"");
			h_href(b, src);
			H(b, "\"><img loading=\"lazy\" width=\"280\" src=\"");
			h_href(b, src);
			H(b, "\" alt=\"");
			h_attr(b, arena_printf(r->a, "活动照片 %zu:%s", i + 1, p->photos[i].name));
			H(b, "\"></a></p>");
		}
		H(b, "</section>");
	}
	H(b, "<p><a href=\"");
	h_clink_id(b, slug, "/activities/", v->id, ".ics");
	H(b, "\">加入日历</a>");
	if (r->user) {
		H(b, " · ");
		h_clink_a(b, slug, "/activities/mine", "我的报名");
	}
	H(b, "</p>");
	if (req_has_role(r, ROLES_STAFF)) {
		H(b, "<p><a class=\"button\" href=\"");
		h_clink_id(b, slug, "/admin/activities/", v->id, NULL);
		H(b, "\">管理这个活动</a></p>");
	}
	page_end(r);
}

void actview_mine(struct req *r, const struct act_mine_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "我的报名");
	H(b, "<h1>我的报名</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	size_t soon = 0;
	for (size_t i = 0; i < p->n; i++)
		soon += p->m[i].act.starts_at > r->now && p->m[i].act.starts_at - r->now <= 3 * 86400 &&
			!strcmp(p->m[i].act.state, "published") && !strcmp(p->m[i].s.state, "confirmed");
	if (soon) {
		H(b, "<p class=\"notice\" role=\"status\"><strong>提醒:</strong>");
		h_text(b, arena_printf(r->a, "你有 %zu 个活动在 3 天内开始,请按时参加。", soon));
		H(b, "</p>");
	}
	if (!p->n) {
		H(b, "<p>你还没有报名近期的活动。</p>");
	} else {
		H(b, "<ol class=\"board\">");
		for (size_t i = 0; i < p->n; i++) {
			const struct act_mine *m = &p->m[i];
			H(b, "<li><a class=\"title\" href=\"");
			h_clink_id(b, slug, "/activities/", m->act.id, NULL);
			H(b, "\">");
			h_text(b, m->act.title);
			H(b, "</a><div class=\"meta\">");
			when(b, r->a, m->act.starts_at, m->act.ends_at);
			H(b, " · ");
			h_text(b, m->act.place);
			H(b, "</div><p>");
			if (!strcmp(m->act.state, "cancelled")) {
				H(b, "<strong>活动已取消</strong>");
				if (*m->cancel_reason) {
					H(b, ":");
					h_text(b, m->cancel_reason);
				}
			} else if (!strcmp(m->s.state, "confirmed")) {
				H(b, "<strong>你已报名</strong>");
				if (m->s.promoted_at)
					H(b, "(由候补递补)");
				if (m->act.starts_at > r->now && m->act.starts_at - r->now <= 3 * 86400)
					H(b, " · 3 天内开始,请按时参加");
			} else {
				h_text(b, arena_printf(r->a, "你在候补第 %lld 位", (long long)p->pos[i]));
			}
			H(b, "</p>");
			if (r->now < m->act.starts_at && strcmp(m->act.state, "cancelled")) {
				cancel_button(r, m->act.id, m->s.id, "mine");
			}
			H(b, "</li>");
		}
		H(b, "</ol>");
	}
	H(b, "<p>");
	if (p->n) {
		export_links(r, NULL);
		H(b, " · ");
	}
	h_clink_a(b, slug, "/activities/", "看看其他活动");
	H(b, "</p>");
	page_end(r);
}

void actview_reports(struct req *r, const struct act_reports_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "活动回顾");
	H(b, "<h1>活动回顾</h1><p class=\"lead\">");
	h_text(b, r->community->name);
	H(b, "已举办活动的简报和照片。</p>");
	if (!p->n)
		H(b, "<p>还没有发布活动回顾。</p>");
	H(b, "<ol class=\"board\">");
	for (size_t i = 0; i < p->n; i++) {
		const struct act_activity *v = &p->v[i];
		H(b, "<li><a class=\"title\" href=\"");
		h_clink_id(b, slug, "/activities/", v->id, NULL);
		H(b, "\">");
		h_text(b, v->title);
		H(b, "</a><div class=\"meta\">");
		when(b, r->a, v->starts_at, v->ends_at);
		H(b, " · ");
		h_text(b, v->place);
		if (v->photos)
			h_text(b, arena_printf(r->a, " · %lld 张照片", (long long)v->photos));
		H(b, "</div><p>");
		h_text(b, v->report);
		H(b, "</p></li>");
	}
	H(b, "</ol>");
	page_pager(r, p->page, p->has_next);
	H(b, "<p>");
	export_links(r, NULL);
	H(b, " · ");
	h_clink_a(b, slug, "/activities/", "社区活动");
	H(b, "</p>");
	page_end(r);
}
