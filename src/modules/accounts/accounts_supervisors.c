/* Routes of a community's supervisors (监督员, /c/<slug>/admin/supervisors/):
 * appointing an account of the community (or a new one, whose password is
 * shown once) with an appointment date and a term, and ending an
 * appointment with a date and a reason. The serving ones hold the
 * supervisor role; ended appointments stay as history. Audited; each POST
 * locks the account or the appointment it changes. */
#include <string.h>

#include "core/date.h"
#include "core/str.h"
#include "http/fields.h"
#include "modules/accounts/accounts_web.h"
#include "pii/pii.h"
#include "web/link.h"

enum http_result accounts_h_supervisors(struct req *r)
{
	struct accounts_supervisors_page p = {0};
	struct auth_member *m;
	size_t nm;
	if (auth_supervisor_terms(r->db, r->a, r->community->id, &p.terms, &p.n) < 0 ||
	    auth_users_with_role(r->db, r->a, r->community->id, ROLE_SUPERVISOR, &m, &nm) < 0)
		return HR_ERROR;
	p.untermed = arena_alloc(r->a, (nm + 1) * sizeof *p.untermed);
	if (!p.untermed)
		return req_error(r, "out of request memory");
	for (size_t i = 0; i < nm; i++) {
		int serving = 0;
		for (size_t k = 0; k < p.n; k++)
			serving |= !p.terms[k].ended_on && p.terms[k].user_id == m[i].id;
		if (!serving)
			p.untermed[p.nuntermed++] = m[i];
	}
	const char *done = kv_get(&r->q, "done");
	if (done)
		p.notice = !strcmp(done, "appointed") ? "已聘任,公开的监督员名单即时更新。"
		           : !strcmp(done, "ended") ? "聘任已结束,该账号不再有监督员权限;记录保留在历史中。"
		                                    : NULL;
	aview_supervisors(r, &p);
	return HR_OK;
}

static const struct field appoint_fields[AS__MAX] = {
    [AS_MOBILE] = {"mobile", "手机号", FIELD_TEXT, 1, 20},
    [AS_NAME] = {"name", "姓名", FIELD_TEXT, 0, 30},
    [AS_APPOINTED] = {"appointed_on", "聘任日期", FIELD_TEXT, 1, 10},
    [AS_TERM_END] = {"term_end", "任期至", FIELD_TEXT, 1, 10},
};

static const char *today(struct req *r)
{
	char d[11];
	date_format(date_from_time(r->now), d);
	return arena_strdup(r->a, d);
}

enum http_result accounts_h_appoint_page(struct req *r)
{
	struct accounts_appoint_form f = {0};
	f.vals[AS_APPOINTED] = today(r);
	aview_appoint(r, &f);
	return HR_OK;
}

static enum http_result appoint_again(struct req *r, struct accounts_appoint_form *f)
{
	aview_appoint(r, f);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
}

struct appointment {
	const char *appointed_on, *term_end;
	int64_t id;
};

static int appoint_new_account(struct req *r, int64_t user_id, void *ctx)
{
	struct appointment *ap = ctx;
	return auth_supervisor_appoint(r->db, r->community->id, user_id, ap->appointed_on, ap->term_end,
	                               r->now, &ap->id);
}

/* Appoints the account of the typed mobile, or opens one for the typed name. */
enum http_result accounts_h_appoint(struct req *r)
{
	struct accounts_appoint_form f = {0};
	int bad = fields_validate(r->a, &r->form, appoint_fields, AS__MAX, f.vals, f.errs);
	struct ymd d;
	const char *mobile = accounts_mobile(r->a, f.vals[AS_MOBILE]);
	if (!f.errs[AS_MOBILE] && !str_is_mobile(mobile)) {
		f.errs[AS_MOBILE] = "手机号应为 11 位数字,如 13800138000(可带空格或短横线)";
		bad++;
	}
	if (!f.errs[AS_APPOINTED] && date_parse(f.vals[AS_APPOINTED], &d) < 0) {
		f.errs[AS_APPOINTED] = "聘任日期应为日期,如 2026-03-01";
		bad++;
	}
	if (!f.errs[AS_TERM_END] && date_parse(f.vals[AS_TERM_END], &d) < 0) {
		f.errs[AS_TERM_END] = "任期至应为日期,如 2029-02-28";
		bad++;
	} else if (!f.errs[AS_TERM_END] && !f.errs[AS_APPOINTED] &&
	           strcmp(f.vals[AS_TERM_END], f.vals[AS_APPOINTED]) <= 0) {
		f.errs[AS_TERM_END] = "任期结束日期应晚于聘任日期";
		bad++;
	}
	if (bad)
		return appoint_again(r, &f);
	struct appointment ap = {f.vals[AS_APPOINTED], f.vals[AS_TERM_END], 0};
	struct auth_user u;
	int rc = auth_user_by_login(r->db, r->a, mobile, &u, NULL);
	if (rc < 0)
		return HR_ERROR;
	if (rc == 1) {
		/* No account yet: open one (a resident of the community) and appoint it. */
		if (!*f.vals[AS_NAME]) {
			f.errs[AS_NAME] = "这个手机号还没有账号,请填写姓名以开通新账号";
			return appoint_again(r, &f);
		}
		struct accounts_new_form nf = {0};
		nf.vals[AF_NAME] = f.vals[AS_NAME];
		nf.vals[AF_MOBILE] = mobile;
		nf.vals[AF_USERNAME] = "";
		nf.vals[AF_COMMUNITY] = "";
		struct accounts_also also = {
		    appoint_new_account, &ap, "accounts.supervisor_appoint",
		    arena_printf(r->a, ",聘任为监督员 %s 至 %s", ap.appointed_on, ap.term_end)};
		const char *list = url_c(r->a, r->community->slug, "/admin/accounts/");
		if (!list || !also.detail)
			return req_error(r, "out of request memory");
		enum http_result hr =
		    accounts_open(r, &nf, r->community->id, ROLE_RESIDENT, r->community->name, list, &also);
		if (hr == HR_INVALID) { /* taken by a disabled account */
			buf_reset(r->out);
			f.errs[AS_MOBILE] = "这个手机号属于一个已停用的账号,请先在“居民账号”中恢复它";
			return appoint_again(r, &f);
		}
		return hr;
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = auth_user_lock(r->db, r->a, u.id, &u, NULL);
	struct auth_supervisor_term serving;
	int member = 0;
	for (size_t g = 0; rc == 0 && g < u.ngrants; g++)
		member |= u.grants[g].unit_id == r->community->id;
	const char *why = rc != 0 ? NULL
	                  : auth_roles_anywhere(u.grants, u.ngrants) & ROLES_STAFF
	                      ? "社区干部和管理员不能担任监督员"
	                  : !member ? "这个账号不是本社区的居民;请先在“居民账号”中为本人开通,或核对手机号"
	                            : NULL;
	int on = rc == 0 && !why ? auth_supervisor_serving(r->db, r->a, r->community->id, u.id, &serving) : 1;
	if (rc == 0 && !why && on == 0)
		why = arena_printf(r->a, "%s已在任(%s 聘任,任期至 %s);请先结束原聘任", u.display_name,
		                   serving.appointed_on, serving.term_end);
	if (rc != 0 || on < 0 || why) {
		db_rollback(r->db);
		if (rc < 0 || on < 0)
			return HR_ERROR;
		f.errs[AS_MOBILE] = rc ? "没有这个账号" : why;
		return appoint_again(r, &f);
	}
	if (auth_supervisor_appoint(r->db, r->community->id, u.id, ap.appointed_on, ap.term_end, r->now,
	                            &ap.id) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (req_audit_commit(r, "accounts.supervisor_appoint", "user", u.id,
	                     arena_printf(r->a, "%s(%s),聘任为监督员 %s 至 %s", u.display_name,
	                                  pii_mask_phone(r->a, mobile), ap.appointed_on, ap.term_end)) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug, "/admin/supervisors/?done=appointed"));
}

static const struct field end_fields[AE__MAX] = {
    [AE_ENDED] = {"ended_on", "结束日期", FIELD_TEXT, 1, 10},
    [AE_REASON] = {"reason", "结束原因", FIELD_TEXT, 1, 100},
};

/* GET: the form; POST: ends the appointment of the path's id. */
enum http_result accounts_h_end_term(struct req *r)
{
	int64_t id = accounts_id_param(r->param[1]);
	struct auth_supervisor_term t;
	struct accounts_end_form f = {.t = &t};
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这项聘任。");
	if (r->method != METHOD_POST) {
		struct auth_supervisor_term *all;
		size_t n;
		if (auth_supervisor_terms(r->db, r->a, r->community->id, &all, &n) < 0)
			return HR_ERROR;
		for (size_t i = 0; i < n; i++)
			if (all[i].id == id && !all[i].ended_on) {
				t = all[i];
				f.vals[AE_ENDED] = today(r);
				aview_end(r, &f);
				return HR_OK;
			}
		return req_fail(r, HR_NOT_FOUND, "没有这项在任的聘任,它可能已经结束。");
	}
	int bad = fields_validate(r->a, &r->form, end_fields, AE__MAX, f.vals, f.errs);
	struct ymd d;
	if (!f.errs[AE_ENDED] && date_parse(f.vals[AE_ENDED], &d) < 0) {
		f.errs[AE_ENDED] = "结束日期应为日期,如 2026-11-30";
		bad++;
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = auth_supervisor_term_lock(r->db, r->a, r->community->id, id, &t);
	if (rc == 0 && t.ended_on)
		rc = 1;
	if (rc == 0 && !f.errs[AE_ENDED] && strcmp(f.vals[AE_ENDED], t.appointed_on) < 0) {
		f.errs[AE_ENDED] = "结束日期不能早于聘任日期";
		bad++;
	}
	if (rc == 0 && bad) {
		db_rollback(r->db);
		aview_end(r, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	if (rc == 0)
		rc = auth_supervisor_end(r->db, r->community->id, id, t.user_id, f.vals[AE_ENDED],
		                         f.vals[AE_REASON], r->now);
	if (rc != 0) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这项在任的聘任,它可能刚刚被结束。");
	}
	if (req_audit_commit(r, "accounts.supervisor_end", "user", t.user_id,
	                     arena_printf(r->a, "%s,监督员聘任(%s 起)于 %s 结束:%s", t.display_name,
	                                  t.appointed_on, f.vals[AE_ENDED], f.vals[AE_REASON])) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug, "/admin/supervisors/?done=ended"));
}
