/* Check-in, check-out and hours on the web. A shift's list for staff and
 * the project's 负责人 (sign someone up, 签到, 签退, 确认时长, a correction
 * with its reason); 我的志愿服务 with, for a shift of today, a pass whose QR
 * code holds a URL with a fresh random token (only its hash is kept); the
 * page that URL opens for the 负责人 (masked name, the shift, one button);
 * and staff's 补录 of a past service. Anyone else is refused in Chinese. */
#include <string.h>

#include "app.h"
#include "core/date.h"
#include "core/str.h"
#include "core/token.h"
#include "modules/volunteers/volunteers_web.h"
#include "web/link.h"

#define NOT_LEADER "只有这个项目的负责人和社区工作人员可以为志愿者签到签退、确认时长。"
#define SHIFT_ROWS 500

/* A handler's shift, its project and the page of its list. */
struct shift_ctx {
	struct vol_shift s;
	struct vol_project p;
	struct vol_shift_page pg;
};

/* The shift of the path (param 1) and its project: 0, or the answer in *hr
 * (404; 403 for someone who may not lead it). */
static int load_shift(struct req *r, struct vol_shift *s, struct vol_project *p, enum http_result *hr)
{
	if (!r->user) {
		*hr = req_fail(r, HR_UNAUTHORIZED, "请先登录。");
		return -1;
	}
	int64_t sid = vol_id_param(r->param[1]);
	int rc = sid ? vol_shift_get(r->db, r->community->id, sid, s) : VOL_NOT_FOUND;
	if (rc == 0)
		rc = vol_project_get(r->db, r->a, r->community->id, s->project_id, p);
	if (rc) {
		*hr = rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个班次。");
		return -1;
	}
	if (!vol_may_lead(r, p)) {
		*hr = req_fail(r, HR_FORBIDDEN, NOT_LEADER);
		return -1;
	}
	return 0;
}

/* Loads x's shift and project for r and points its page at them: 0, or the
 * answer in *hr. */
static int begin(struct req *r, struct shift_ctx *x, enum http_result *hr)
{
	memset(x, 0, sizeof *x);
	if (load_shift(r, &x->s, &x->p, hr) < 0)
		return -1;
	x->pg.p = &x->p;
	x->pg.s = &x->s;
	return 0;
}

/* Shows the shift's list with a notice or an error (hr not HR_OK: that status). */
static enum http_result shift_page(struct req *r, struct vol_shift_page *pg, enum http_result hr)
{
	r->cache_control = "no-store";
	pg->staff = req_has_role(r, ROLES_STAFF);
	if (vol_shift_records(r->db, r->a, r->community->id, pg->s->id, SHIFT_ROWS, &pg->r, &pg->n) < 0)
		return HR_ERROR;
	volview_shift(r, pg);
	if (hr != HR_OK) {
		r->body_written = 1;
		return req_fail(r, hr, pg->error ? pg->error : pg->add_error ? pg->add_error : pg->fix_error);
	}
	return HR_OK;
}

enum http_result vol_h_shift(struct req *r)
{
	struct shift_ctx x;
	enum http_result hr;
	if (begin(r, &x, &hr) < 0)
		return hr;
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "in"))
		x.pg.notice = "已签到。";
	else if (done && !strcmp(done, "out"))
		x.pg.notice = "已签退,服务时长已计算,请确认。";
	else if (done && !strcmp(done, "confirmed"))
		x.pg.notice = "时长已确认。";
	else if (done && !strcmp(done, "added"))
		x.pg.notice = "已代为报名。";
	return shift_page(r, &x.pg, HR_OK);
}

/* A refused step on the shift's list: rolled back, the list shown afresh. */
static enum http_result shift_refused(struct req *r, struct vol_shift_page *pg, int rc)
{
	db_rollback(r->db);
	if (rc < 0)
		return HR_ERROR;
	pg->error = vol_refusal_text(rc);
	return shift_page(r, pg, HR_INVALID);
}

static enum http_result back_to_shift(struct req *r, int64_t sid, const char *done)
{
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/volunteers/shifts/", sid, done));
}

enum http_result vol_h_shift_signup(struct req *r)
{
	struct shift_ctx x;
	enum http_result hr;
	if (begin(r, &x, &hr) < 0)
		return hr;
	if (!req_has_role(r, ROLES_STAFF))
		return req_fail(r, HR_FORBIDDEN, "只有社区工作人员可以代为报名。");
	x.pg.add_value = kv_get(&r->form, "volunteer");
	int64_t vid = vol_id_param(x.pg.add_value), rid;
	if (!vid) {
		x.pg.add_error = "请填写志愿者编号(志愿者名单第一列)";
		return shift_page(r, &x.pg, HR_INVALID);
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = vol_signup(r->db, r->community->id, x.s.id, vid, r->user->id, r->now, &rid);
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		x.pg.add_error = rc == VOL_NOT_FOUND ? "没有这个编号的志愿者" : vol_refusal_text(rc);
		return shift_page(r, &x.pg, HR_INVALID);
	}
	if (req_audit_commit(r, "volunteers.desk_signup", "volunteers_record", rid,
			     arena_printf(r->a, "%s:%s", x.p.title, vol_when_text(r->a, x.s.starts_at, x.s.ends_at))) < 0)
		return HR_ERROR;
	return back_to_shift(r, x.s.id, "?done=added");
}

/* The record of the form's "record" field, on shift s: 0, or VOL_NOT_FOUND / -1. */
static int form_record(struct req *r, const struct vol_shift *s, struct vol_record *rec)
{
	int64_t rid = vol_id_param(kv_get(&r->form, "record"));
	int rc = rid ? vol_record_get(r->db, r->a, r->community->id, rid, rec) : VOL_NOT_FOUND;
	return rc == 0 && rec->shift_id != s->id ? VOL_NOT_FOUND : rc;
}

/* Checks record rec in or out (out) for the visitor, audited. 0, a refusal or -1. */
static int check(struct req *r, const struct vol_project *p, const struct vol_record *rec, int out)
{
	if (out && rec->checkin_at && r->now - rec->checkin_at < VOL_OUT_AFTER)
		return VOL_TOO_SOON;
	int rc = vol_check(r->db, r->community->id, rec->id, out, r->user->id, r->now);
	if (rc)
		return rc;
	return req_audit_commit(r, out ? "volunteers.check_out" : "volunteers.check_in", "volunteers_record", rec->id,
				arena_printf(r->a, "%s:%s %s", p->title, rec->name_masked, out ? "签退" : "签到")) < 0
		   ? -1
		   : 0;
}

enum http_result vol_h_check(struct req *r)
{
	struct shift_ctx x;
	enum http_result hr;
	if (begin(r, &x, &hr) < 0)
		return hr;
	const char *action = kv_get(&r->form, "action");
	int out = action && !strcmp(action, "out");
	if (!action || (!out && strcmp(action, "in")))
		return req_fail(r, HR_BAD_REQUEST, "不认识的操作。");
	struct vol_record rec;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = form_record(r, &x.s, &rec);
	if (rc == 0)
		rc = check(r, &x.p, &rec, out);
	if (rc)
		return shift_refused(r, &x.pg, rc);
	return back_to_shift(r, x.s.id, out ? "?done=out" : "?done=in");
}

enum http_result vol_h_confirm(struct req *r)
{
	struct shift_ctx x;
	enum http_result hr;
	if (begin(r, &x, &hr) < 0)
		return hr;
	const char *hours = kv_get(&r->form, "hours"), *reason = kv_get(&r->form, "reason");
	int64_t minutes = -1;
	if (hours) { /* a correction: the hours and a reason */
		x.pg.fix_id = vol_id_param(kv_get(&r->form, "record"));
		x.pg.fix_hours = hours;
		x.pg.fix_reason = reason;
		int64_t cap = (x.s.ends_at - x.s.starts_at) / 60 + VOL_OVERTIME_MINUTES;
		if (vol_hours_parse(hours, cap, &minutes) < 0)
			x.pg.fix_error = arena_printf(r->a, "时长请填 0 到 %lld 之间的小时数,如 2 或 2.5",
						    (long long)(cap / 60));
		else if (!reason || utf8_len(reason, strlen(reason)) < 2 || utf8_len(reason, strlen(reason)) > 200)
			x.pg.fix_error = "更正时长请写明原因(200 字以内),如“提前半小时离开”";
		else
			x.pg.fix_error = fields_text_problem(r->a, "更正原因", reason, 1);
		if (x.pg.fix_error)
			return shift_page(r, &x.pg, HR_INVALID);
	}
	struct vol_record rec;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = form_record(r, &x.s, &rec);
	/* nobody confirms or corrects their own hours */
	struct vol_volunteer who;
	if (rc == 0 && (rc = vol_get(r->db, r->a, r->community->id, rec.volunteer_id, &who)) == 0 &&
	    who.user_id == r->user->id) {
		db_rollback(r->db);
		x.pg.fix_error = "不能确认或更正自己的服务时长,请项目的其他负责人或社区工作人员办理";
		return shift_page(r, &x.pg, HR_FORBIDDEN);
	}
	/* a first confirmation with hours other than those worked out is a
	 * correction: kept as one, with its reason */
	if (rc == 0 && hours && rec.confirmed_minutes < 0 && rec.minutes >= 0 && minutes != rec.minutes &&
	    (rc = vol_confirm(r->db, r->community->id, rec.id, rec.minutes, NULL, r->user->id, r->now)) == 0 &&
	    (rc = vol_record_get(r->db, r->a, r->community->id, rec.id, &rec)) != 0)
		rc = rc < 0 ? -1 : rc;
	if (rc == 0)
		rc = vol_confirm(r->db, r->community->id, rec.id, minutes, reason, r->user->id, r->now);
	if (rc == VOL_STATE && hours) {
		db_rollback(r->db);
		x.pg.fix_error = "新的时长和已确认的相同,不用更正";
		return shift_page(r, &x.pg, HR_INVALID);
	}
	if (rc)
		return shift_refused(r, &x.pg, rc);
	const char *what = hours ? arena_printf(r->a, "%s:%s 时长更正为 %s,原因:%s", x.p.title, rec.name_masked,
					       vol_hours_text(r->a, minutes), reason)
				 : arena_printf(r->a, "%s:%s 确认时长 %s", x.p.title, rec.name_masked,
					       vol_hours_text(r->a, rec.minutes));
	if (req_audit_commit(r, hours ? "volunteers.correct" : "volunteers.confirm", "volunteers_record", rec.id, what) <
	    0)
		return HR_ERROR;
	return back_to_shift(r, x.s.id, "?done=confirmed");
}

/* ---- 我的志愿服务 and the pass ---- */

enum http_result vol_h_mine(struct req *r)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	r->cache_control = "no-store";
	struct vol_mine_page pg = {0};
	struct vol_volunteer me;
	int rc = vol_get_by_user(r->db, r->a, r->community->id, r->user->id, &me);
	if (rc < 0)
		return HR_ERROR;
	if (rc == 0) {
		pg.me = &me;
		if (vol_volunteer_records(r->db, r->a, r->community->id, me.id, 0, 200, &pg.r, &pg.n) < 0 ||
		    vol_certificates_of(r->db, r->a, r->community->id, me.id, 20, &pg.certs, &pg.ncerts) < 0)
			return HR_ERROR;
	}
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "cancelled"))
		pg.notice = "已取消报名。";
	volview_mine(r, &pg);
	return HR_OK;
}

/* 1 if a pass may be shown for record rec now: signed up, not checked out,
 * the shift starting today (China time) or its window open now. */
static int pass_day(const struct req *r, const struct vol_record *rec)
{
	if (strcmp(rec->state, "signed") || rec->checkout_at)
		return 0;
	return !date_cmp(date_from_time(rec->starts_at), date_from_time(r->now)) ||
	       vol_in_window(r->now, rec->starts_at, rec->ends_at);
}

enum http_result vol_h_pass(struct req *r)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	r->cache_control = "no-store";
	struct vol_volunteer me;
	struct vol_record rec;
	int64_t rid = vol_id_param(r->param[1]);
	int rc = vol_get_by_user(r->db, r->a, r->community->id, r->user->id, &me);
	if (rc == 0)
		rc = rid ? vol_record_get(r->db, r->a, r->community->id, rid, &rec) : VOL_NOT_FOUND;
	if (rc == 0 && rec.volunteer_id != me.id)
		rc = VOL_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这条报名。");
	struct vol_pass_page pg = {.r = &rec};
	if (!pass_day(r, &rec)) {
		pg.error = rec.checkout_at ? "这个班次已经签退。" : "签到码只在班次当天显示。";
		volview_pass(r, &pg);
		return HR_OK;
	}
	/* a fresh token each time the pass is shown: the one before stops working */
	char token[TOKEN_TEXT], hash[65];
	token_new(token);
	token_sha256_hex(token, strlen(token), hash);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if ((rc = vol_pass_set(r->db, r->community->id, rec.id, hash)) != 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return rc > 0 ? req_fail(r, HR_NOT_FOUND, "没有这条报名。") : HR_ERROR;
	}
	pg.url = arena_printf(r->a, "%s/c/%s/volunteers/shifts/%lld/pass/%s", r->app->public_url, r->community->slug,
			      (long long)rec.shift_id, token);
	volview_pass(r, &pg);
	return HR_OK;
}

enum http_result vol_h_scan(struct req *r)
{
	struct shift_ctx x;
	enum http_result hr;
	if (begin(r, &x, &hr) < 0)
		return hr;
	r->cache_control = "no-store";
	const char *token = r->param[2];
	char hash[65];
	token_sha256_hex(token, strlen(token), hash);
	struct vol_record rec;
	struct vol_pass_page pg = {.r = &rec};
	int rc = vol_pass_find(r->db, r->a, r->community->id, hash, &rec);
	if (rc < 0)
		return HR_ERROR;
	if (rc || rec.shift_id != x.s.id)
		return req_fail(r, HR_NOT_FOUND,
				"这个签到码无效:可能不是这个班次的,或志愿者已重新打开签到码。请让志愿者刷新后再扫。");
	if (r->method == METHOD_POST) {
		int out = rec.checkin_at != 0;
		/* the button pressed names its step: 签到 pressed twice is refused, not taken as 签退 */
		const char *action = kv_get(&r->form, "action");
		if (action && !strcmp(action, "in") && out)
			rc = VOL_CHECKED_IN;
		else if (action && !strcmp(action, "out") && !out)
			rc = VOL_NOT_IN;
		if (rc) {
			pg.error = vol_refusal_text(rc);
			volview_scan(r, &pg);
			r->body_written = 1;
			return req_fail(r, HR_INVALID, pg.error);
		}
		if (db_begin(r->db) < 0)
			return HR_ERROR;
		rc = check(r, &x.p, &rec, out);
		if (rc) {
			db_rollback(r->db);
			if (rc < 0)
				return HR_ERROR;
			pg.error = vol_refusal_text(rc);
			volview_scan(r, &pg);
			r->body_written = 1;
			return req_fail(r, HR_INVALID, pg.error);
		}
		pg.notice = arena_printf(r->a, "%s 已%s。", rec.name_masked, out ? "签退" : "签到");
		if (vol_record_get(r->db, r->a, r->community->id, rec.id, &rec) != 0)
			return HR_ERROR;
		if (out) { /* check-out forgets the token: the page says what was done, without a button */
			pg.r = &rec;
			volview_scan(r, &pg);
			return HR_OK;
		}
	}
	volview_scan(r, &pg);
	return HR_OK;
}

/* ---- 补录 ---- */

enum http_result vol_h_backfill(struct req *r)
{
	struct vol_volunteer v;
	enum http_result hr;
	if (vol_volunteer_load(r, r->param[1], &v, &hr) < 0)
		return hr;
	int rc;
	r->cache_control = "no-store";
	struct vol_backfill_form f = {0};
	if (r->method != METHOD_POST) {
		for (int k = 0; k < BF__MAX; k++)
			f.vals[k] = "";
		volview_backfill(r, &v, &f);
		return HR_OK;
	}
	int64_t starts, ends, pid, id;
	int bad = vol_backfill_read(r->a, &r->form, date_from_time(r->now), &f, &starts, &ends, &pid);
	if (!bad && ends > r->now && ++bad)
		f.errs[BF_END] = "补录只用于已经结束的服务";
	if (!bad && ends - starts > VOL_MAX_SHIFT_MINUTES * 60 && ++bad)
		f.errs[BF_END] = "一次服务最长 24 小时";
	if (!bad && v.user_id && v.user_id == r->user->id && ++bad) /* nobody credits their own hours */
		f.errs[BF_REASON] = "不能为自己补录服务时长,请其他工作人员办理";
	struct vol_project p;
	if (!bad && (rc = vol_project_get(r->db, r->a, r->community->id, pid, &p)) != 0) {
		if (rc < 0)
			return HR_ERROR;
		f.errs[BF_PROJECT] = "没有这个编号的服务项目";
		bad++;
	}
	if (bad) {
		volview_backfill(r, &v, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请按提示修改后再提交。");
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = vol_backfill(r->db, r->community->id, pid, v.id, starts, ends, (ends - starts) / 60, f.vals[BF_REASON],
			  r->user->id, r->now, &id);
	if (rc) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (req_audit_commit(r, "volunteers.backfill", "volunteers_record", id,
			     arena_printf(r->a, "%s:%s 补录 %s,原因:%s", p.title, v.name_masked,
					  vol_hours_text(r->a, (ends - starts) / 60), f.vals[BF_REASON])) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/volunteers/", v.id, "?done=backfill"));
}
