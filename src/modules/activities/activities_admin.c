/* The staff routes under /c/<slug>/admin/activities/: the list with its
 * counts, new and edit, publish, cancel with a reason, the sign-up list
 * (phones masked unless full data is asked for, and then audited), 代报名
 * at the desk (the same rule and lock as a resident's sign-up), cancelling
 * a sign-up on someone's behalf, attendance at the door, and the list of
 * people to phone. Every POST locks the activity row in its transaction
 * and is audited. */
#include <string.h>

#include "modules/activities/activities_web.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

static enum http_result to_admin(struct req *r, const char *done)
{
	return req_redirect(r, arena_printf(r->a, "%s?done=%s", url_c(r->a, r->community->slug, "/admin/activities/"),
					    done));
}

static enum http_result to_activity(struct req *r, int64_t id, const char *rest)
{
	const char *u = url_c_id(r->a, r->community->slug, "/admin/activities/", id, rest);
	return u ? req_redirect(r, u) : req_error(r, "out of request memory");
}

enum http_result act_h_admin(struct req *r)
{
	struct act_admin_page p = {0};
	p.page = page_param(r);
	int64_t off;
	if (p.page < 0 || page_offset(p.page, ACT_PER_PAGE, &off) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不对。");
	if (act_list(r->db, r->a, r->community->id, ACT_ALL, NULL, r->now, off, ACT_PER_PAGE + 1, &p.lines, &p.n) < 0)
		return HR_ERROR;
	p.has_next = p.n > ACT_PER_PAGE;
	if (p.has_next)
		p.n = ACT_PER_PAGE;
	const char *done = kv_get(&r->q, "done");
	static const char *const notices[][2] = {{"added", "活动已保存为草稿,核对后请发布。"},
						 {"saved", "活动已保存。"},
						 {"published", "活动已发布,居民可以报名了。"},
						 {"cancelled", "活动已取消,已报名的居民在“我的报名”中会看到取消原因。"}};
	for (size_t i = 0; done && i < sizeof notices / sizeof *notices; i++)
		if (!strcmp(done, notices[i][0]))
			p.notice = notices[i][1];
	actview_admin(r, &p);
	return HR_OK;
}

/* Reads the community's rooms into the form (its select and checks). 0 or -1. */
static int load_rooms(struct req *r, struct act_form *f)
{
	struct facilities_room *m;
	if (facilities_rooms(r->db, r->a, r->community->id, &m, &f->nrooms) < 0)
		return -1;
	f->rooms = m;
	return 0;
}

/* The room id among the form's rooms, or NULL. */
static const struct facilities_room *room_of(const struct act_form *f, int64_t id)
{
	for (size_t i = 0; i < f->nrooms; i++)
		if (f->rooms[i].id == id)
			return &f->rooms[i];
	return NULL;
}

/* Checks the room chosen in a read form against the active rooms and, when
 * the place was left empty, names it after the room. 0, or 1 with the
 * field's error set. */
static int check_room(struct req *r, struct act_form *f, struct act_activity *v)
{
	if (!v->facility_id)
		return 0;
	const struct facilities_room *m = room_of(f, v->facility_id);
	if (!m) {
		f->errs[AF_FACILITY] = "这个场地已停用或不存在,请另选场地";
		return 1;
	}
	if (m->capacity > 0 && (v->capacity <= 0 || v->capacity > m->capacity)) {
		/* said now, not first at publishing */
		f->errs[AF_CAPACITY] = facilities_hold_text(r->a, FH_CAPACITY, m->name, m->capacity);
		return 1;
	}
	if (!*v->place)
		v->place = *m->place ? arena_printf(r->a, "%s(%s)", m->name, m->place) : m->name;
	return 0;
}

/* Holds the room of published activity v for its time, in the caller's
 * transaction: releases the booking v->booking_id had (another time or
 * room) and, when v names a room, books it under the facility's lock and
 * records the new booking on the activity. 0; 1 refused, with the words in
 * *why (the caller rolls back); -1. */
static int hold_room(struct req *r, const struct act_activity *v, const struct act_form *f, const char *reason,
		     const char **why)
{
	if (v->booking_id &&
	    facilities_release(r->db, r->community->id, v->booking_id, r->user->id, reason, r->now) < 0)
		return -1;
	int64_t booking = 0;
	if (v->facility_id) {
		int rc = facilities_hold(r->db, r->a, r->community->id, v->facility_id, v->id, v->title, v->organizer,
					 (int)v->capacity, v->starts_at, v->ends_at, r->user->id, r->now, &booking);
		if (rc < 0)
			return -1;
		if (rc != FH_OK) {
			const struct facilities_room *m = room_of(f, v->facility_id);
			*why = facilities_hold_text(r->a, rc, m ? m->name : "这个场地", m ? m->capacity : 0);
			return 1;
		}
	}
	return act_set_booking(r->db, r->community->id, v->id, booking) < 0 ? -1 : 0;
}

static enum http_result form_again(struct req *r, struct act_form *f)
{
	actview_form(r, f);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
}

enum http_result act_h_new(struct req *r)
{
	struct act_form f = {0};
	if (load_rooms(r, &f) < 0)
		return HR_ERROR;
	if (r->method != METHOD_POST) {
		f.vals[AF_CAPACITY] = "30"; /* the kind is chosen, not assumed */
		actview_form(r, &f);
		return HR_OK;
	}
	struct act_activity v;
	if (act_form_read(r->a, &r->form, date_from_time(r->now), &f, &v) | check_room(r, &f, &v))
		return form_again(r, &f);
	int64_t id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (act_add(r->db, r->community->id, &v, r->user->id, r->now, &id) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (req_audit_commit(r, "activities.add", "activities_activity", id,
			     arena_printf(r->a, "%s(%s)", v.title, act_kind_label(v.kind))) < 0)
		return HR_ERROR;
	return to_activity(r, id, "?done=added");
}

enum http_result act_h_edit(struct req *r)
{
	struct act_activity old;
	enum http_result hr;
	if (act_load(r, r->param[1], &old, &hr) < 0)
		return hr;
	struct act_form f = {.editing = &old};
	if (load_rooms(r, &f) < 0)
		return HR_ERROR;
	if (r->method != METHOD_POST) {
		act_form_fill(r->a, &old, &f);
		actview_form(r, &f);
		return HR_OK;
	}
	struct act_activity v;
	if (act_form_read(r->a, &r->form, date_from_time(r->now), &f, &v) | check_room(r, &f, &v))
		return form_again(r, &f);
	v.id = old.id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = act_lock(r->db, r->community->id, v.id);
	if (rc == 0 && (rc = act_get(r->db, r->a, r->community->id, v.id, &old)) == 0 &&
	    !strcmp(old.state, "cancelled"))
		rc = ACT_STATE;
	if (rc == 0 && (v.starts_at != old.starts_at || v.ends_at != old.ends_at) &&
	    (old.starts_at <= r->now || old.attended || old.report_at)) {
		/* held (or under way): its date is a fact now, its attendance and
		 * report belong to it; another time is another activity */
		db_rollback(r->db);
		f.errs[AF_DATE] = "活动已开始或已举行(有签到或活动回顾),不能再改时间;如需再办,请新建活动";
		return form_again(r, &f);
	}
	if (rc == 0 && v.facility_id != old.facility_id && old.starts_at <= r->now) {
		db_rollback(r->db);
		f.errs[AF_FACILITY] = "活动已开始或已举行,不能再换场地";
		return form_again(r, &f);
	}
	if (rc == 0 && v.capacity && v.capacity < old.confirmed) {
		db_rollback(r->db);
		f.errs[AF_CAPACITY] = arena_printf(r->a, "已有 %lld 人报名成功,名额不能少于 %lld;如需减少,请先取消部分报名",
						   (long long)old.confirmed, (long long)old.confirmed);
		return form_again(r, &f);
	}
	if (rc == 0)
		rc = act_update(r->db, r->community->id, &v, r->user->id, r->now);
	if (rc == 0 && !strcmp(old.state, "published") &&
	    (v.facility_id != old.facility_id || v.starts_at != old.starts_at || v.ends_at != old.ends_at ||
	     v.capacity != old.capacity || (v.facility_id && !old.booking_id))) {
		/* the room follows the activity's time, room and places */
		const char *why = NULL;
		v.booking_id = old.booking_id;
		int h = hold_room(r, &v, &f, "活动改时间、换场地或改名额,原预约释放", &why);
		if (h) {
			db_rollback(r->db);
			if (h < 0)
				return HR_ERROR;
			f.errs[AF_FACILITY] = why;
			return form_again(r, &f);
		}
	}
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		f.refusal = rc == ACT_STATE ? "活动已取消,不能再修改。" : act_refusal_text(rc);
		return form_again(r, &f);
	}
	if (req_audit_commit(r, "activities.edit", "activities_activity", v.id,
			     arena_printf(r->a, "%s;名额 %lld→%lld", v.title, (long long)old.capacity,
					  (long long)v.capacity)) < 0)
		return HR_ERROR;
	return to_activity(r, v.id, "?done=saved");
}

enum http_result act_h_publish(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	if (act_load(r, r->param[1], &v, &hr) < 0)
		return hr;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = act_publish(r->db, r->community->id, v.id, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_INVALID, "只有草稿可以发布;这个活动已发布或已取消。");
	}
	/* the row is locked now: its room as saved, booked for its time */
	struct act_form f = {.editing = &v};
	const char *why = NULL;
	if (act_get(r->db, r->a, r->community->id, v.id, &v) < 0 || load_rooms(r, &f) < 0 ||
	    (rc = hold_room(r, &v, &f, "", &why)) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (rc) {
		db_rollback(r->db);
		v.state = "draft"; /* as it stays */
		act_form_fill(r->a, &v, &f);
		f.errs[AF_FACILITY] = why;
		f.refusal = "没有发布:活动的场地在这个时段已被占用或放不下。请改时间、换场地或减少名额后保存,再发布。";
		return form_again(r, &f);
	}
	if (req_audit_commit(r, "activities.publish", "activities_activity", v.id, v.title) < 0)
		return HR_ERROR;
	return to_admin(r, "published");
}

enum http_result act_h_cancel(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	if (act_load(r, r->param[1], &v, &hr) < 0)
		return hr;
	if (r->method != METHOD_POST) {
		actview_cancel_form(r, &v, "", NULL);
		return HR_OK;
	}
	static const struct field reason_field[] = {{"reason", "取消原因", FIELD_MULTILINE, 1, 200}};
	const char *reason, *err;
	if (fields_validate(r->a, &r->form, reason_field, 1, &reason, &err)) {
		actview_cancel_form(r, &v, reason, err);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请填写取消原因。");
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = act_cancel(r->db, r->community->id, v.id, reason, r->user->id, r->now);
	/* the room it held is free again (the booking read under the row's lock) */
	if (rc == 0 && (rc = act_get(r->db, r->a, r->community->id, v.id, &v)) == 0 && v.booking_id &&
	    (facilities_release(r->db, r->community->id, v.booking_id, r->user->id, "活动取消", r->now) < 0 ||
	     act_set_booking(r->db, r->community->id, v.id, 0) < 0))
		rc = -1;
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		actview_cancel_form(r, &v, reason, "这个活动已经取消了。");
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "这个活动已经取消了。");
	}
	if (req_audit_commit(r, "activities.cancel", "activities_activity", v.id,
			     arena_printf(r->a, "%s;原因:%s", v.title, reason)) < 0)
		return HR_ERROR;
	return to_admin(r, "cancelled");
}

/* ?full=1 asks for the full phone numbers. */
static int want_full(struct req *r)
{
	const char *f = kv_get(&r->q, "full");
	return f && !strcmp(f, "1");
}

/* Writes the audit row of a full view of personal data and commits it
 * (the GET's route has no read snapshot). 0 or -1. */
static int audit_full_view(struct req *r, const char *action, int64_t id, const char *detail)
{
	if (db_begin(r->db) < 0)
		return -1;
	return req_audit_commit(r, action, "activities_activity", id, detail);
}

enum http_result act_h_signups(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	if (act_load(r, r->param[1], &v, &hr) < 0)
		return hr;
	struct act_signups_page p = {.v = &v, .full = want_full(r)};
	p.page = page_param(r);
	int64_t off;
	if (p.page < 0 || page_offset(p.page, ACT_SIGNUPS_PER_PAGE, &off) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不对。");
	if (act_signups(r->db, r->a, r->community->id, v.id, NULL, p.full, off, ACT_SIGNUPS_PER_PAGE + 1, &p.s, &p.n) <
	    0)
		return HR_ERROR;
	p.has_next = p.n > ACT_SIGNUPS_PER_PAGE;
	if (p.has_next)
		p.n = ACT_SIGNUPS_PER_PAGE;
	if (p.full && audit_full_view(r, "activities.signups_full", v.id,
				      arena_printf(r->a, "%s:查看报名名单完整电话(第 %lld 页)", v.title,
						   (long long)p.page)) < 0)
		return HR_ERROR;
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "signed"))
		p.notice = "代报名成功,已获得名额。";
	else if (done && !strcmp(done, "waitlisted")) {
		int64_t pos = act_id_param(kv_get(&r->q, "pos"));
		p.notice = pos ? arena_printf(r->a, "名额已满,已代为登记候补第 %lld 位。有人取消时按先后自动递补;"
						    "递补后请电话告知本人。",
					      (long long)pos)
			       : "名额已满,已代为登记候补。有人取消时按先后自动递补;递补后请电话告知本人。";
	}
	else if (done && !strcmp(done, "cancelled"))
		p.notice = "已代为取消报名。";
	r->cache_control = "private, no-store";
	actview_signups(r, &p);
	return HR_OK;
}

static const struct tcol signup_cols[] = {
    {"序号", TCOL_NUM, "报名序号"}, {"姓名", 0, NULL},	       {"电话", 0, NULL}, {"状态", 0, NULL},
    {"电话提醒", 0, NULL},	    {"报名方式", 0, NULL},      {"报名时间", 0, NULL}, {"签到", 0, NULL},
};

enum http_result act_h_signups_export(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	const char *seg = r->param[1];
	if (act_load(r, seg, &v, &hr) < 0)
		return hr;
	int full = want_full(r);
	struct act_signup *s;
	size_t n;
	if (act_signups(r->db, r->a, r->community->id, v.id, NULL, full, 0, ACT_EXPORT_MAX, &s, &n) < 0)
		return HR_ERROR;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s报名名单", v.title), signup_cols,
			       (int)(sizeof signup_cols / sizeof *signup_cols)) < 0)
		return req_error(r, "out of request memory for the export");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_int(&t, s[i].arrival);
		table_text(&t, full ? s[i].name : s[i].name_masked);
		table_text(&t, full ? s[i].phone : s[i].phone_masked);
		table_text(&t, act_state_label(s[i].state));
		table_text(&t, s[i].needs_call ? "需要" : "");
		table_text(&t, s[i].by_user ? "代报名" : "本人报名");
		table_time(&t, s[i].created_at);
		table_text(&t, s[i].attended_at ? "已签到" : "");
	}
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	if (full && audit_full_view(r, "activities.signups_export_full", v.id,
				    arena_printf(r->a, "%s:导出报名名单完整信息 %zu 人", v.title, n)) < 0)
		return HR_ERROR;
	return export_send(r, &x, export_format(r->path));
}

enum http_result act_h_desk(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	if (act_load(r, r->param[1], &v, &hr) < 0)
		return hr;
	struct act_desk_form f = {0};
	if (r->method != METHOD_POST) {
		actview_desk(r, &v, &f);
		return HR_OK;
	}
	struct act_signup_new s;
	if (act_desk_read(r->a, &r->form, &f, &s)) {
		actview_desk(r, &v, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	s.by_user = r->user->id;
	struct act_signup_done d;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = act_signup_add(r->db, r->a, r->community->id, v.id, &s, r->now, &d);
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		f.refusal = act_refusal_text(rc);
		actview_desk(r, &v, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, f.refusal);
	}
	int64_t pos = 0; /* the place in line, to tell the caller on the phone */
	if (!d.confirmed && act_wait_position(r->db, r->community->id, v.id, d.arrival, &pos) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (req_audit_commit(r, "activities.desk_signup", "activities_signup", d.id,
			     arena_printf(r->a, "%s:代报名 %s,第 %lld 位,%s", v.title, s.name, (long long)d.arrival,
					  d.confirmed ? "已报名" : "候补")) < 0)
		return HR_ERROR;
	return to_activity(r, v.id,
			   d.confirmed ? "/signups?done=signed"
				       : arena_printf(r->a, "/signups?done=waitlisted&pos=%lld", (long long)pos));
}

enum http_result act_h_signup_cancel(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	if (act_load(r, r->param[1], &v, &hr) < 0)
		return hr;
	int64_t sid = act_id_param(r->param[2]), promoted = 0;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = sid ? act_signup_cancel(r->db, r->community->id, v.id, sid, 0, r->now, &promoted) : ACT_NOT_FOUND;
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, rc == ACT_NOT_FOUND ? HR_NOT_FOUND : HR_INVALID, act_refusal_text(rc));
	}
	if (req_audit_commit(r, "activities.signup_cancel", "activities_signup", sid,
			     arena_printf(r->a, "%s:工作人员代为取消%s", v.title, promoted ? ",候补第一位递补" : "")) < 0)
		return HR_ERROR;
	return to_activity(r, v.id, "/signups?done=cancelled");
}

enum http_result act_h_attendance(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	if (act_load(r, r->param[1], &v, &hr) < 0)
		return hr;
	struct act_attendance_page p = {.v = &v};
	if (act_signups(r->db, r->a, r->community->id, v.id, "confirmed", 0, 0, ACT_EXPORT_MAX, &p.s, &p.n) < 0)
		return HR_ERROR;
	/* The names in full at the door: one audited view of the list. */
	if (audit_full_view(r, "activities.attendance_view", v.id,
			    arena_printf(r->a, "%s:签到名单 %zu 人", v.title, p.n)) < 0)
		return HR_ERROR;
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "in"))
		p.notice = "已签到。";
	r->cache_control = "private, no-store";
	actview_attendance(r, &p);
	return HR_OK;
}

enum http_result act_h_check_in(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	if (act_load(r, r->param[1], &v, &hr) < 0)
		return hr;
	int64_t sid = act_id_param(r->param[2]);
	int changed = 0;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = sid ? act_check_in(r->db, r->community->id, v.id, sid, r->now, &changed) : ACT_NOT_FOUND;
	if (rc) {
		db_rollback(r->db);
		return rc < 0		     ? HR_ERROR
		       : rc == ACT_NOT_FOUND ? req_fail(r, HR_NOT_FOUND, "这个人不在已报名名单中。")
					     : req_fail(r, HR_INVALID, act_refusal_text(rc));
	}
	if (!changed) {
		db_rollback(r->db); /* checked in before: nothing to record */
		return to_activity(r, v.id, "/attendance?done=in");
	}
	if (req_audit_commit(r, "activities.check_in", "activities_signup", sid, v.title) < 0)
		return HR_ERROR;
	return to_activity(r, v.id, "/attendance?done=in");
}

enum http_result act_h_calls(struct req *r)
{
	struct act_calls_page p = {.days = 3};
	const char *d = kv_get(&r->q, "days");
	if (d && *d) {
		if (strlen(d) != 1 || *d < '1' || *d > '7')
			return req_fail(r, HR_BAD_REQUEST, "天数请选 1 到 7。");
		p.days = *d - '0';
	}
	struct act_mine *m;
	size_t n;
	if (act_calls(r->db, r->a, r->community->id, r->now, r->now + (int64_t)p.days * 86400, ACT_EXPORT_MAX, &m, &n) <
	    0)
		return HR_ERROR;
	/* One group per activity, the rows already in its order. */
	p.g = arena_zalloc(r->a, (n ? n : 1) * sizeof *p.g);
	struct act_signup *s = arena_zalloc(r->a, (n ? n : 1) * sizeof *s);
	if (!p.g || !s)
		return HR_ERROR;
	for (size_t i = 0; i < n; i++) {
		s[i] = m[i].s;
		if (!p.n || p.g[p.n - 1].act->id != m[i].act.id)
			p.g[p.n++] = (struct act_call_group){&m[i].act, &s[i], 0};
		p.g[p.n - 1].n++;
	}
	if (n && audit_full_view(r, "activities.calls_view", 0,
				 arena_printf(r->a, "电话提醒名单:%zu 个活动 %zu 人(完整电话)", p.n, n)) < 0)
		return HR_ERROR;
	r->cache_control = "private, no-store";
	actview_calls(r, &p);
	return HR_OK;
}
