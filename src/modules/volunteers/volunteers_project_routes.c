/* The service projects' routes: the public list of recruiting projects (on
 * the home of 志愿服务), a project's page with its shifts and places left,
 * a volunteer's sign-up and cancellation, and the staff pages: the list
 * (paged, CSV/XLSX), a new project, its edit page with its state and its
 * shifts. */
#include <string.h>

#include "app.h"
#include "auth/auth.h"
#include "core/date.h"
#include "core/str.h"
#include "modules/volunteers/volunteers_web.h"
#include "web/export.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

#define NO_SUCH "没有这个志愿服务项目,请检查地址是否正确。"
#define SHIFTS_SHOWN 60

static const char *const weekdays[] = {"", "周一", "周二", "周三", "周四", "周五", "周六", "周日"};

const char *vol_when_text(struct arena *a, int64_t starts, int64_t ends)
{
	struct ymd d = date_from_time(starts), e = date_from_time(ends);
	int sm = date_minute_of_day(starts), em = date_minute_of_day(ends);
	int next = date_diff(d, e) == 1 && em > 0 ? 1 : 0;
	if (em == 0 && date_diff(d, e) == 1)
		em = 1440;
	if (!date_cmp(d, e) || em == 1440 || next)
		return arena_printf(a, "%d年%d月%d日 %s %02d:%02d–%s%02d:%02d", d.y, d.m, d.d, weekdays[date_weekday(d)],
				    sm / 60, sm % 60, next ? "次日" : "", em / 60, em % 60);
	return arena_printf(a, "%d年%d月%d日 %02d:%02d 至 %d月%d日 %02d:%02d", d.y, d.m, d.d, sm / 60, sm % 60, e.m, e.d,
			    em / 60, em % 60);
}

int vol_project_load(struct req *r, const char *seg, struct vol_project *p, enum http_result *hr)
{
	int64_t id = vol_id_param(seg);
	int rc = id ? vol_project_get(r->db, r->a, r->community->id, id, p) : VOL_NOT_FOUND;
	if (rc == 0 && !strcmp(p->state, "draft") && !req_has_role(r, ROLES_STAFF))
		rc = VOL_NOT_FOUND;
	if (rc == 0)
		return 0;
	*hr = rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, NO_SUCH);
	return -1;
}

int vol_may_lead(const struct req *r, const struct vol_project *p)
{
	/* staff, the project's own 负责人, or a 负责人 of the organization it belongs to */
	return req_has_role(r, ROLES_STAFF) ||
	       (r->user && ((p->leader_user_id && p->leader_user_id == r->user->id) ||
			    (p->org_id && orgs_is_leader(r->db, r->community->id, p->org_id, r->user->id) == 1)));
}

/* ---- public ---- */

/* The visitor's registration into *me: 1 found, 0 not (or no visitor), -1. */
static int registration(struct req *r, struct vol_volunteer *me)
{
	if (!r->user)
		return 0;
	int rc = vol_get_by_user(r->db, r->a, r->community->id, r->user->id, me);
	return rc == 0 ? 1 : rc == VOL_NOT_FOUND ? 0 : -1;
}

enum http_result vol_h_home(struct req *r)
{
	struct vol_home_page p = {0};
	struct vol_volunteer me;
	p.page = page_param(r);
	int64_t off;
	if (p.page < 0 || page_offset(p.page, VOL_PER_PAGE, &off) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不对。");
	int rc = registration(r, &me);
	if (rc < 0)
		return HR_ERROR;
	if (rc)
		p.me = &me;
	if (vol_project_list(r->db, r->a, r->community->id, "recruiting", off, VOL_PER_PAGE + 1, &p.p, &p.n) < 0)
		return HR_ERROR;
	p.has_next = p.n > VOL_PER_PAGE;
	if (p.has_next)
		p.n = VOL_PER_PAGE;
	p.year = date_from_time(r->now).y;
	if (vol_ranking(r->db, r->a, r->community->id, p.year, 0, 10, &p.top, &p.ntop) < 0)
		return HR_ERROR;
	volview_home(r, &p);
	return HR_OK;
}

/* Shows project p's page with a notice or an error and the result given. */
static enum http_result show(struct req *r, const struct vol_project *p, const char *notice, const char *error,
			     enum http_result hr)
{
	struct vol_project_page pg = {.p = p, .notice = notice, .error = error};
	struct vol_volunteer me;
	int rc = registration(r, &me);
	if (rc < 0)
		return HR_ERROR;
	if (rc)
		pg.me = &me;
	if (vol_shifts(r->db, r->a, r->community->id, p->id, r->now, SHIFTS_SHOWN, &pg.s, &pg.n) < 0)
		return HR_ERROR;
	pg.mine = arena_zalloc(r->a, (pg.n ? pg.n : 1) * sizeof *pg.mine);
	if (!pg.mine)
		return HR_ERROR;
	struct vol_record *live;
	size_t nlive = 0;
	if (pg.me && vol_project_signups_of(r->db, r->a, r->community->id, p->id, pg.me->id, 500, &live, &nlive) < 0)
		return HR_ERROR;
	for (size_t k = 0; k < nlive; k++)
		for (size_t i = 0; i < pg.n; i++)
			if (pg.s[i].id == live[k].shift_id)
				pg.mine[i] = &live[k];
	for (size_t i = 0; i < pg.n; i++)
		req_valid_until(r, pg.s[i].starts_at);
	volview_project(r, &pg);
	if (hr != HR_OK) {
		r->body_written = 1;
		return req_fail(r, hr, error);
	}
	return HR_OK;
}

enum http_result vol_h_project(struct req *r)
{
	struct vol_project p;
	enum http_result hr;
	if (vol_project_load(r, r->param[1], &p, &hr) < 0)
		return hr;
	const char *done = kv_get(&r->q, "done"), *notice = NULL;
	if (done && !strcmp(done, "signed"))
		notice = "报名成功。请按时到达,班次当天在“我的志愿服务”里出示签到码。";
	else if (done && !strcmp(done, "cancelled"))
		notice = "已取消报名。";
	return show(r, &p, notice, NULL, HR_OK);
}

/* A volunteer's step refused by the store (rc) or failed: rolled back and
 * the project's page shown afresh with the reason (422), or 500. */
static enum http_result refused(struct req *r, struct vol_project *p, int rc)
{
	db_rollback(r->db);
	if (rc < 0 || vol_project_get(r->db, r->a, r->community->id, p->id, p) != 0)
		return HR_ERROR;
	return show(r, p, NULL, vol_refusal_text(rc), HR_INVALID);
}

/* The project and the visitor's registration of a volunteer's POST. */
static int volunteer_post(struct req *r, struct vol_project *p, struct vol_volunteer *me, enum http_result *hr)
{
	if (!r->user) {
		*hr = req_fail(r, HR_UNAUTHORIZED, "请先登录。");
		return -1;
	}
	if (vol_project_load(r, r->param[1], p, hr) < 0)
		return -1;
	int rc = registration(r, me);
	if (rc <= 0) {
		*hr = rc < 0 ? HR_ERROR : show(r, p, NULL, "请先登记成为志愿者,再报名服务项目。", HR_INVALID);
		return -1;
	}
	return 0;
}

enum http_result vol_h_signup(struct req *r)
{
	struct vol_project p;
	struct vol_volunteer me;
	enum http_result hr;
	if (volunteer_post(r, &p, &me, &hr) < 0)
		return hr;
	int64_t sid = vol_id_param(kv_get(&r->form, "shift")), rid;
	struct vol_shift s;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = sid ? vol_shift_get(r->db, r->community->id, sid, &s) : VOL_NOT_FOUND;
	if (rc == 0 && s.project_id != p.id)
		rc = VOL_NOT_FOUND;
	if (rc == 0)
		rc = vol_signup(r->db, r->community->id, sid, me.id, 0, r->now, &rid);
	if (rc)
		return refused(r, &p, rc);
	if (req_audit_commit(r, "volunteers.signup", "volunteers_record", rid,
			     arena_printf(r->a, "%s:%s", p.title, vol_when_text(r->a, s.starts_at, s.ends_at))) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/volunteers/projects/", p.id, "?done=signed"));
}

enum http_result vol_h_cancel(struct req *r)
{
	struct vol_project p;
	struct vol_volunteer me;
	enum http_result hr;
	if (volunteer_post(r, &p, &me, &hr) < 0)
		return hr;
	int64_t rid = vol_id_param(kv_get(&r->form, "record"));
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	/* the sign-up must be one of this project's: the audit names the project */
	struct vol_record rec;
	int rc = rid ? vol_record_get(r->db, r->a, r->community->id, rid, &rec) : VOL_NOT_FOUND;
	if (rc == 0 && rec.project_id != p.id)
		rc = VOL_NOT_FOUND;
	if (rc == 0)
		rc = vol_signup_cancel(r->db, r->community->id, rid, me.id, r->now);
	if (rc)
		return refused(r, &p, rc);
	if (req_audit_commit(r, "volunteers.cancel", "volunteers_record", rid,
			     arena_printf(r->a, "%s:本人取消报名", p.title)) < 0)
		return HR_ERROR;
	const char *back = kv_get(&r->form, "back");
	if (back && !strcmp(back, "mine"))
		return req_redirect(r, url_c(r->a, r->community->slug, "/volunteers/mine?done=cancelled"));
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/volunteers/projects/", p.id, "?done=cancelled"));
}

/* ---- staff ---- */

enum http_result vol_h_projects(struct req *r)
{
	struct vol_projects_page p = {0};
	p.page = page_param(r);
	int64_t off;
	if (p.page < 0 || page_offset(p.page, VOL_PER_PAGE, &off) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不对。");
	if (vol_project_list(r->db, r->a, r->community->id, NULL, off, VOL_PER_PAGE + 1, &p.p, &p.n) < 0)
		return HR_ERROR;
	p.has_next = p.n > VOL_PER_PAGE;
	if (p.has_next)
		p.n = VOL_PER_PAGE;
	volview_projects(r, &p);
	return HR_OK;
}

enum http_result vol_h_projects_export(struct req *r)
{
	struct vol_project *p;
	size_t n;
	if (vol_project_list(r->db, r->a, r->community->id, NULL, 0, VOL_EXPORT_MAX, &p, &n) < 0)
		return HR_ERROR;
	struct export_table x;
	struct table t;
	if (volview_projects_export(r, &t, &x, p, n) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

/* Looks up the 负责人 typed in f (a login name or mobile) into p: 0, 1
 * when nobody has it (the field's error set), -1. */
static int leader(struct req *r, struct vol_project_form *f, struct vol_project *p)
{
	p->leader_user_id = 0;
	if (!*f->vals[PF_LEADER])
		return 0;
	struct auth_user u;
	int rc = auth_user_by_login(r->db, r->a, f->vals[PF_LEADER], &u, NULL);
	if (rc == 0 && auth_grants_load(r->db, r->a, &u) < 0)
		return -1;
	if (rc < 0)
		return -1;
	/* an account with a role in this community only: the field must not
	 * tell who holds a mobile number anywhere else */
	if (rc || !auth_roles_at(u.grants, u.ngrants, r->community->chain, 3)) {
		f->errs[PF_LEADER] = "本社区没有这个账号;请填写本社区居民或工作人员的用户名或登记的手机号码";
		return 1;
	}
	p->leader_user_id = u.id;
	return 0;
}

/* Checks the organization chosen in f (one of the community's, src/modules
 * /orgs) and, when the 组织单位 was left empty, names it after it: 0, 1 with
 * the field's error set, -1. */
static int organization(struct req *r, struct vol_project_form *f, struct vol_project *p)
{
	if (!p->org_id)
		return 0;
	const char *name;
	int rc = orgs_name(r->db, r->a, r->community->id, p->org_id, &name);
	if (rc < 0)
		return -1;
	if (rc) {
		f->errs[PF_ORG] = "没有这个社区组织,请从列表中选择";
		return 1;
	}
	if (!*p->organizer)
		p->organizer = name;
	return 0;
}

/* The project's admin page: its form f, shifts and the shift form sf. */
static enum http_result admin_page(struct req *r, struct vol_project_form *f, struct vol_shift_form *sf,
				   const char *state_error, enum http_result hr, const char *error)
{
	struct vol_project_admin_page pg = {.f = f, .sf = sf, .state_error = state_error};
	struct orgs_choice *orgs;
	if (orgs_choices(r->db, r->a, r->community->id, &orgs, &f->norgs) < 0)
		return HR_ERROR;
	f->orgs = orgs;
	struct vol_shift_form empty = {0};
	if (!pg.sf)
		pg.sf = &empty;
	if (f->editing &&
	    vol_shifts(r->db, r->a, r->community->id, f->editing->id, 0, 500, &pg.s, &pg.n) < 0)
		return HR_ERROR;
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "added"))
		pg.notice = "项目已保存为草稿。添加班次后点“开始招募”,居民才能看到并报名。";
	else if (done && !strcmp(done, "saved"))
		pg.notice = "已保存。";
	else if (done && !strcmp(done, "shift"))
		pg.notice = "班次已添加。";
	else if (done && !strcmp(done, "state"))
		pg.notice = "项目状态已更新。";
	volview_project_form(r, &pg);
	if (hr != HR_OK) {
		r->body_written = 1;
		return req_fail(r, hr, error);
	}
	return HR_OK;
}

/* Fills the form's values of a saved project. */
static void form_of(struct req *r, const struct vol_project *p, struct vol_project_form *f)
{
	f->editing = p;
	f->vals[PF_TITLE] = p->title;
	f->vals[PF_DESCRIPTION] = p->description;
	f->vals[PF_PLACE] = p->place;
	f->vals[PF_ORGANIZER] = p->organizer;
	f->vals[PF_ORG] = p->org_id ? arena_printf(r->a, "%lld", (long long)p->org_id) : "";
	f->vals[PF_LEADER] = "";
}

enum http_result vol_h_project_new(struct req *r)
{
	struct vol_project_form f = {0};
	struct vol_project p;
	if (r->method != METHOD_POST) {
		for (int k = 0; k < PF__MAX; k++)
			f.vals[k] = "";
		return admin_page(r, &f, NULL, NULL, HR_OK, NULL);
	}
	int bad = vol_project_read(r->a, &r->form, &f, &p);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = leader(r, &f, &p), ro = organization(r, &f, &p);
	if (rc < 0 || ro < 0)
		return HR_ERROR;
	if (bad || rc || ro) {
		db_rollback(r->db);
		return admin_page(r, &f, NULL, NULL, HR_INVALID, "请按提示修改后再提交。");
	}
	int64_t id;
	if (vol_project_add(r->db, r->community->id, &p, r->user->id, r->now, &id) < 0)
		return HR_ERROR;
	if (req_audit_commit(r, "volunteers.project_add", "volunteers_project", id, p.title) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/volunteers/projects/", id, "?done=added"));
}

/* The project of the staff path into *p and the form f filled: 0, or *hr. */
static int staff_project(struct req *r, struct vol_project *p, struct vol_project_form *f, enum http_result *hr)
{
	int64_t id = vol_id_param(r->param[1]);
	int rc = id ? vol_project_get(r->db, r->a, r->community->id, id, p) : VOL_NOT_FOUND;
	if (rc) {
		*hr = rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, NO_SUCH);
		return -1;
	}
	form_of(r, p, f);
	return 0;
}

enum http_result vol_h_project_edit(struct req *r)
{
	struct vol_project cur, p;
	struct vol_project_form f = {0};
	enum http_result hr;
	if (staff_project(r, &cur, &f, &hr) < 0)
		return hr;
	if (r->method != METHOD_POST)
		return admin_page(r, &f, NULL, NULL, HR_OK, NULL);
	int bad = vol_project_read(r->a, &r->form, &f, &p);
	f.editing = &cur;
	p.id = cur.id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = leader(r, &f, &p), ro = organization(r, &f, &p);
	if (rc < 0 || ro < 0)
		return HR_ERROR;
	if (!rc && !*f.vals[PF_LEADER]) /* left empty: the 负责人 stays; 清除 removes them */
		p.leader_user_id = kv_get(&r->form, "leader_clear") ? 0 : cur.leader_user_id;
	if (bad || rc || ro) {
		db_rollback(r->db);
		return admin_page(r, &f, NULL, NULL, HR_INVALID, "请按提示修改后再提交。");
	}
	if ((rc = vol_project_update(r->db, r->community->id, &p, r->now)) != 0) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, NO_SUCH);
	}
	if (req_audit_commit(r, "volunteers.project_edit", "volunteers_project", p.id, p.title) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/volunteers/projects/", p.id, "?done=saved"));
}

enum http_result vol_h_project_state(struct req *r)
{
	struct vol_project p;
	struct vol_project_form f = {0};
	enum http_result hr;
	if (staff_project(r, &p, &f, &hr) < 0)
		return hr;
	const char *to = kv_get(&r->form, "to"), *reason = kv_get(&r->form, "reason");
	if (!to || (strcmp(to, "recruiting") && strcmp(to, "ended") && strcmp(to, "cancelled")))
		return req_fail(r, HR_BAD_REQUEST, "不认识的操作。");
	const char *why_bad = !strcmp(to, "cancelled") ? vol_reason_problem(r->a, "取消原因", reason) : NULL;
	if (why_bad)
		return admin_page(r, &f, NULL, why_bad, HR_INVALID, why_bad);
	if (!strcmp(to, "recruiting") && !p.shifts)
		return admin_page(r, &f, NULL, "请先添加至少一个班次,再开始招募", HR_INVALID, "请先添加班次");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = vol_project_set_state(r->db, r->community->id, p.id, to, reason, r->now);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : admin_page(r, &f, NULL, vol_refusal_text(rc), HR_INVALID, vol_refusal_text(rc));
	}
	if (req_audit_commit(r, "volunteers.project_state", "volunteers_project", p.id,
			     arena_printf(r->a, "%s:%s", p.title, vol_project_state_label(to))) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/volunteers/projects/", p.id, "?done=state"));
}

enum http_result vol_h_shift_add(struct req *r)
{
	struct vol_project p;
	struct vol_project_form f = {0};
	enum http_result hr;
	if (staff_project(r, &p, &f, &hr) < 0)
		return hr;
	struct vol_shift_form sf = {0};
	int64_t starts, ends, places, sid;
	int bad = vol_shift_read(r->a, &r->form, date_from_time(r->now), &sf, &starts, &ends, &places);
	if (!bad && starts < r->now && ++bad) /* a service done already is recorded by 补录 */
		sf.errs[SF_DATE] = "班次的开始时间已经过去;已经做过的服务请在志愿者页面“补录”";
	if (bad)
		return admin_page(r, &f, &sf, NULL, HR_INVALID, "请按提示修改班次后再提交。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = vol_shift_add(r->db, r->community->id, p.id, starts, ends, places, r->now, &sid);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR
			      : admin_page(r, &f, &sf, "已结束或已取消的项目不能再添加班次", HR_INVALID,
					   "已结束或已取消的项目不能再添加班次");
	}
	if (req_audit_commit(r, "volunteers.shift_add", "volunteers_shift", sid,
			     arena_printf(r->a, "%s:%s,%lld 人", p.title, vol_when_text(r->a, starts, ends),
					  (long long)places)) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/volunteers/projects/", p.id, "?done=shift"));
}
