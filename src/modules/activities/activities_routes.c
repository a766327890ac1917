/* The public routes: the list of a community's activities (upcoming and
 * past, by kind, paginated, exported), one activity's page, a resident's
 * sign-up and cancellation (logged in), 我的报名, 活动回顾 and the photos.
 * Names are shown masked on every public page. */
#include <string.h>

#include "core/date.h"
#include "core/str.h"
#include "modules/activities/activities_web.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"
#include "web/upload.h"

int64_t act_id_param(const char *s)
{
	int64_t id;
	if (!s || !*s || *s == '+' || *s == '-' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

int act_load(struct req *r, const char *seg, struct act_activity *v, enum http_result *hr)
{
	int64_t id = act_id_param(seg);
	int rc = id ? act_get(r->db, r->a, r->community->id, id, v) : ACT_NOT_FOUND;
	if (rc == 0)
		return 0;
	*hr = rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, ACT_NO_SUCH);
	return -1;
}

const char *act_refusal_text(int rc)
{
	switch (rc) {
	case ACT_NOT_FOUND:
		return "没有找到这条报名或这个活动。";
	case ACT_NOT_OPEN:
		return "这个活动未发布或已取消,不能报名。";
	case ACT_CLOSED:
		return "报名已截止。";
	case ACT_STARTED:
		return "活动已经开始,不能再报名或取消。";
	case ACT_DUPLICATE:
		return "你已经报名了这个活动。";
	case ACT_GONE:
		return "这条报名已经取消。";
	case ACT_STATE:
		return "活动当前的状态不能进行这一步。";
	case ACT_NOT_NOW:
		return "签到只能在活动开始前 2 小时到活动结束后 7 天之内登记。";
	case ACT_ATTENDED:
		return "这个人已经签到,不能再取消报名。";
	default:
		return "操作未能完成,请稍后再试。";
	}
}

static const char *const weekdays[] = {"", "周一", "周二", "周三", "周四", "周五", "周六", "周日"};

const char *act_when_text(struct arena *a, int64_t starts, int64_t ends)
{
	struct ymd d = date_from_time(starts), e = date_from_time(ends - 1);
	int sm = date_minute_of_day(starts), em = date_minute_of_day(ends);
	if (em == 0)
		em = 1440;
	if (!date_cmp(d, e))
		return arena_printf(a, "%d年%d月%d日 %s %02d:%02d–%02d:%02d", d.y, d.m, d.d, weekdays[date_weekday(d)],
				    sm / 60, sm % 60, em / 60, em % 60);
	return arena_printf(a, "%d年%d月%d日 %02d:%02d 至 %d月%d日 %02d:%02d", d.y, d.m, d.d, sm / 60, sm % 60, e.m, e.d,
			    em / 60, em % 60);
}

const char *act_places_text(struct arena *a, int64_t capacity, int64_t confirmed, int64_t waitlisted)
{
	if (!capacity)
		return arena_printf(a, "不限名额,已报名 %lld 人", (long long)confirmed);
	if (confirmed < capacity)
		return arena_printf(a, "共 %lld 个名额,还剩 %lld 个", (long long)capacity, (long long)(capacity - confirmed));
	return arena_printf(a, "%lld 个名额已满,候补 %lld 人", (long long)capacity, (long long)waitlisted);
}

/* ---- the list ---- */

/* The kind filter from ?kind=: NULL for all; *bad when it names no kind. */
static const char *kind_param(struct req *r, int *bad)
{
	const char *k = kv_get(&r->q, "kind");
	*bad = 0;
	if (!k || !*k)
		return NULL;
	if (!act_kind_ok(k)) {
		*bad = 1;
		return NULL;
	}
	return k;
}

enum http_result act_h_list(struct req *r)
{
	struct act_list_page p = {0};
	int bad;
	p.page = page_param(r);
	p.kind = kind_param(r, &bad);
	const char *when = kv_get(&r->q, "when");
	p.past = when && !strcmp(when, "past");
	int64_t off;
	if (p.page < 0 || bad || (when && *when && !p.past) || page_offset(p.page, ACT_PER_PAGE, &off) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码或筛选条件不对。");
	if (act_list(r->db, r->a, r->community->id, p.past ? ACT_PAST : ACT_UPCOMING, p.kind, r->now, off,
		     ACT_PER_PAGE + 1, &p.lines, &p.n) < 0)
		return HR_ERROR;
	p.has_next = p.n > ACT_PER_PAGE;
	if (p.has_next)
		p.n = ACT_PER_PAGE;
	/* An upcoming activity leaves the list when it ends, and its sign-up
	 * state changes when sign-up closes and when it starts. */
	for (size_t i = 0; i < p.n; i++) {
		req_valid_until(r, p.lines[i].signup_closes_at);
		req_valid_until(r, p.lines[i].starts_at);
		req_valid_until(r, p.lines[i].ends_at);
	}
	actview_list(r, &p);
	return HR_OK;
}

static const struct tcol export_cols[] = {
    {"活动名称", 0, NULL}, {"类别", 0, NULL},	   {"时间", 0, NULL},	   {"地点", 0, NULL},
    {"名额", TCOL_NUM, NULL}, {"已报名", TCOL_NUM, NULL}, {"候补", TCOL_NUM, NULL}, {"状态", 0, NULL},
};

/* The rows of a list as an export, staff with the attended count. */
static enum http_result lines_export(struct req *r, const char *title, struct act_line *l, size_t n)
{
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, title, export_cols, (int)(sizeof export_cols / sizeof *export_cols)) < 0)
		return req_error(r, "out of request memory for the export");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_text(&t, l[i].title);
		table_text(&t, act_kind_label(l[i].kind));
		table_text(&t, act_when_text(r->a, l[i].starts_at, l[i].ends_at));
		table_text(&t, l[i].place);
		table_int(&t, l[i].capacity);
		table_int(&t, l[i].confirmed);
		table_int(&t, l[i].waitlisted);
		table_text(&t, act_state_label(l[i].state));
	}
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

enum http_result act_h_export(struct req *r)
{
	int bad;
	const char *kind = kind_param(r, &bad);
	const char *when = kv_get(&r->q, "when");
	int past = when && !strcmp(when, "past");
	if (bad)
		return req_fail(r, HR_BAD_REQUEST, "筛选条件不对。");
	struct act_line *l;
	size_t n;
	if (act_list(r->db, r->a, r->community->id, past ? ACT_PAST : ACT_UPCOMING, kind, r->now, 0, ACT_EXPORT_MAX, &l,
		     &n) < 0)
		return HR_ERROR;
	return lines_export(r, arena_printf(r->a, "%s%s", r->community->name, past ? "往期活动" : "近期活动"), l, n);
}

enum http_result act_h_admin_export(struct req *r)
{
	struct act_line *l;
	size_t n;
	if (act_list(r->db, r->a, r->community->id, ACT_ALL, NULL, r->now, 0, ACT_EXPORT_MAX, &l, &n) < 0)
		return HR_ERROR;
	return lines_export(r, arena_printf(r->a, "%s全部活动", r->community->name), l, n);
}

/* ---- one activity ---- */

#define RESIDENTS_ONLY "只有本社区的居民可以在网上报名;可到社区服务站或打电话请工作人员代报名。"

/* 1 if the logged-in visitor may sign up online here: someone with a role
 * in this community (a resident, its supervisor, grid worker or staff). A
 * self-registered account not yet linked to a resident, or another
 * community's people, may not take its places. */
static int may_sign_up(struct req *r)
{
	return r->user && r->roles != 0;
}

/* Shows activity v's page with a notice (NULL none) and the result given. */
static enum http_result show(struct req *r, const struct act_activity *v, const char *notice, enum http_result hr)
{
	struct act_page p = {.v = v, .notice = notice};
	if (r->user) {
		struct act_signup *s = arena_zalloc(r->a, sizeof *s);
		if (!s)
			return HR_ERROR;
		int rc = act_signup_mine(r->db, r->a, r->community->id, v->id, r->user->id, s);
		if (rc < 0)
			return HR_ERROR;
		if (rc == 0) {
			p.mine = s;
			if (!strcmp(s->state, "waitlisted") &&
			    act_wait_position(r->db, r->community->id, v->id, s->arrival, &p.wait_pos) < 0)
				return HR_ERROR;
		}
	}
	if (strcmp(v->state, "published"))
		p.why_not = strcmp(v->state, "cancelled") ? "活动尚未发布。" : "活动已取消。";
	else if (r->now >= v->starts_at)
		p.why_not = r->now >= v->ends_at ? "活动已结束。" : "活动正在进行,报名已截止。";
	else if (r->now >= v->signup_closes_at)
		p.why_not = "报名已截止。";
	else if (r->user && !may_sign_up(r))
		p.why_not = RESIDENTS_ONLY;
	if (v->report_at || req_has_role(r, ROLES_STAFF)) {
		struct act_photo *ph;
		if (act_photos(r->db, r->a, r->community->id, v->id, &ph, &p.nphotos) < 0)
			return HR_ERROR;
		p.photos = ph;
	}
	req_valid_until(r, v->signup_closes_at);
	req_valid_until(r, v->starts_at);
	req_valid_until(r, v->ends_at);
	actview_activity(r, &p);
	if (hr != HR_OK) {
		r->body_written = 1;
		return req_fail(r, hr, notice);
	}
	return HR_OK;
}

enum http_result act_h_activity(struct req *r)
{
	const char *seg = r->param[1];
	size_t len = strlen(seg);
	if (len > 4 && !strcmp(seg + len - 4, ".ics"))
		return act_h_feed(r);
	struct act_activity v;
	enum http_result hr;
	if (act_load(r, seg, &v, &hr) < 0)
		return hr;
	if (!strcmp(v.state, "draft") && !req_has_role(r, ROLES_STAFF))
		return req_fail(r, HR_NOT_FOUND, ACT_NO_SUCH);
	const char *done = kv_get(&r->q, "done"), *notice = NULL;
	if (done && !strcmp(done, "signed"))
		notice = "报名成功。";
	else if (done && !strcmp(done, "waitlisted"))
		notice = "名额已满,你已进入候补;有人取消时按报名先后自动递补,递补成功后在“我的报名”里显示为已报名。";
	else if (done && !strcmp(done, "cancelled"))
		notice = "已取消报名。";
	return show(r, &v, notice, HR_OK);
}

/* A resident's step refused by the store (rc) or failed: rolled back, and
 * the activity's page shown afresh with the reason (422), or 500. */
static enum http_result refused(struct req *r, struct act_activity *v, int rc)
{
	db_rollback(r->db);
	if (rc < 0 || act_get(r->db, r->a, r->community->id, v->id, v) != 0)
		return HR_ERROR;
	return show(r, v, act_refusal_text(rc), HR_INVALID);
}

/* Loads the activity of a POST for the logged-in visitor. */
static int post_activity(struct req *r, struct act_activity *v, enum http_result *hr)
{
	if (!r->user) {
		*hr = req_fail(r, HR_UNAUTHORIZED, "请先登录。");
		return -1;
	}
	return act_load(r, r->param[1], v, hr);
}

enum http_result act_h_signup(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	if (post_activity(r, &v, &hr) < 0)
		return hr;
	if (!may_sign_up(r))
		return req_fail(r, HR_FORBIDDEN, RESIDENTS_ONLY);
	/* 面向60岁以上: the registry's year of birth of the account's resident
	 * says who is too young (counted by years, as age groups are); an
	 * account not linked to the registry is left to staff at the door */
	int born;
	if (v.min_age && act_birth_year(r->db, r->community->id, r->user->id, &born) < 0)
		return HR_ERROR;
	if (v.min_age && born && date_from_time(r->now).y - born < v.min_age)
		return show(r, &v,
			    arena_printf(r->a, "这个活动面向 %lld 岁以上的居民,按社区登记的出生年份你还不到这个年龄,不能在网上报名;"
					       "如有特殊情况请联系社区。",
					 (long long)v.min_age),
			    HR_INVALID);
	struct act_signup_new s = {.user_id = r->user->id,
				   .name = r->user->display_name && *r->user->display_name ? r->user->display_name
											   : r->user->username,
				   .phone = r->user->phone ? r->user->phone : ""};
	struct act_signup_done d;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = act_signup_add(r->db, r->a, r->community->id, v.id, &s, r->now, &d);
	if (rc)
		return refused(r, &v, rc);
	if (req_audit_commit(r, "activities.signup", "activities_signup", d.id,
			     arena_printf(r->a, "%s:第 %lld 位,%s", v.title, (long long)d.arrival,
					  d.confirmed ? "已报名" : "候补")) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/activities/", v.id,
					d.confirmed ? "?done=signed" : "?done=waitlisted"));
}

enum http_result act_h_cancel_mine(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	if (post_activity(r, &v, &hr) < 0)
		return hr;
	int64_t sid = act_id_param(kv_get(&r->form, "signup"));
	if (r->now >= v.starts_at)
		return show(r, &v, act_refusal_text(ACT_STARTED), HR_INVALID);
	int64_t promoted;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = sid ? act_signup_cancel(r->db, r->community->id, v.id, sid, r->user->id, r->now, &promoted)
		     : ACT_NOT_FOUND;
	if (rc)
		return refused(r, &v, rc);
	if (req_audit_commit(r, "activities.signup_cancel", "activities_signup", sid,
			     arena_printf(r->a, "%s:本人取消%s", v.title, promoted ? ",候补第一位递补" : "")) < 0)
		return HR_ERROR;
	const char *back = kv_get(&r->form, "back");
	if (back && !strcmp(back, "mine"))
		return req_redirect(r, url_c(r->a, r->community->slug, "/activities/mine?done=cancelled"));
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/activities/", v.id, "?done=cancelled"));
}

enum http_result act_h_mine(struct req *r)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	struct act_mine_page p = {0};
	if (act_mine(r->db, r->a, r->community->id, r->user->id, r->now, 200, &p.m, &p.n) < 0)
		return HR_ERROR;
	p.pos = arena_zalloc(r->a, (p.n ? p.n : 1) * sizeof *p.pos);
	if (!p.pos)
		return HR_ERROR;
	if (act_wait_positions(r->db, r->community->id, r->user->id, p.m, p.n, p.pos) < 0)
		return HR_ERROR;
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "cancelled"))
		p.notice = "已取消报名。";
	actview_mine(r, &p);
	return HR_OK;
}

enum http_result act_h_reports(struct req *r)
{
	struct act_reports_page p = {0};
	p.page = page_param(r);
	int64_t off;
	if (p.page < 0 || page_offset(p.page, ACT_PER_PAGE, &off) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不对。");
	if (act_reports(r->db, r->a, r->community->id, off, ACT_PER_PAGE + 1, &p.v, &p.n) < 0)
		return HR_ERROR;
	p.has_next = p.n > ACT_PER_PAGE;
	if (p.has_next)
		p.n = ACT_PER_PAGE;
	actview_reports(r, &p);
	return HR_OK;
}

static const struct tcol report_cols[] = {
    {"活动名称", 0, NULL}, {"时间", 0, NULL}, {"地点", 0, NULL}, {"照片", TCOL_NUM, "照片(张)"}, {"活动回顾", 0, NULL},
};

enum http_result act_h_reports_export(struct req *r)
{
	struct act_activity *v;
	size_t n;
	if (act_reports(r->db, r->a, r->community->id, 0, ACT_EXPORT_MAX, &v, &n) < 0)
		return HR_ERROR;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s活动回顾", r->community->name), report_cols,
			       (int)(sizeof report_cols / sizeof *report_cols)) < 0)
		return req_error(r, "out of request memory for the export");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_text(&t, v[i].title);
		table_text(&t, act_when_text(r->a, v[i].starts_at, v[i].ends_at));
		table_text(&t, v[i].place);
		table_int(&t, v[i].photos);
		table_text(&t, v[i].report);
	}
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

static const struct tcol mine_cols[] = {
    {"活动名称", 0, NULL}, {"时间", 0, NULL}, {"地点", 0, NULL}, {"报名状态", 0, NULL}, {"报名时间", 0, NULL},
};

enum http_result act_h_mine_export(struct req *r)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	struct act_mine *m;
	size_t n;
	if (act_mine(r->db, r->a, r->community->id, r->user->id, r->now, 200, &m, &n) < 0)
		return HR_ERROR;
	int64_t *pos = arena_zalloc(r->a, (n ? n : 1) * sizeof *pos);
	if (!pos || act_wait_positions(r->db, r->community->id, r->user->id, m, n, pos) < 0)
		return HR_ERROR;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, "我的报名", mine_cols, (int)(sizeof mine_cols / sizeof *mine_cols)) < 0)
		return req_error(r, "out of request memory for the export");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_text(&t, m[i].act.title);
		table_text(&t, act_when_text(r->a, m[i].act.starts_at, m[i].act.ends_at));
		table_text(&t, m[i].act.place);
		table_text(&t, !strcmp(m[i].act.state, "cancelled") ? "活动已取消"
			       : !strcmp(m[i].s.state, "confirmed") ? "已报名"
								      : arena_printf(r->a, "候补第 %lld 位", (long long)pos[i]));
		table_time(&t, m[i].s.created_at);
	}
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	r->cache_control = "private, no-store";
	return export_send(r, &x, export_format(r->path));
}

enum http_result act_h_photo(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	if (act_load(r, r->param[1], &v, &hr) < 0)
		return hr;
	int64_t pid = act_id_param(r->param[2]);
	struct act_photo ph;
	int rc = pid && (v.report_at || req_has_role(r, ROLES_STAFF))
		     ? act_photo_get(r->db, r->a, r->community->id, v.id, pid, &ph)
		     : ACT_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这张照片。");
	upload_send_inline(r, ph.data, (size_t)ph.size, ph.mime, ph.name);
	if (!v.report_at)
		r->cache_control = "private, no-store";
	return HR_OK;
}
