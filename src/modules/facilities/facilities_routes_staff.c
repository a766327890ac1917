/* The staff's pages of bookings: the facilities overview, the bookings list
 * (filters, pages, CSV/XLSX, phones masked), one booking with the audited
 * full view of whom it is for, approving, refusing, cancelling, marking a
 * no-show, and booking at the desk on someone's behalf (代订). Every POST
 * locks what it changes: the booking by a guarded UPDATE, the facility's row
 * by facilities_book. */
#include <string.h>

#include "core/str.h"
#include "http/fields.h"
#include "modules/facilities/facilities_web.h"
#include "web/export.h"
#include "web/link.h"
#include "web/list.h"

#define PER_PAGE 30
#define EXPORT_MAX 20000

/* GET /c/{c}/admin/facilities/: the facilities and the counts of bookings to look at. */
enum http_result facilities_h_admin(struct req *r)
{
	struct facilities_admin_page p = {0};
	if (facilities_list(r->db, r->a, r->community->id, 0, &p.f, &p.n) < 0 ||
	    facilities_counts(r->db, r->community->id, r->now, &p.pending, &p.today) < 0)
		return HR_ERROR;
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "added"))
		p.notice = "已新增场地。";
	else if (done && !strcmp(done, "saved"))
		p.notice = "已保存场地。";
	fview_admin(r, &p);
	return HR_OK;
}

/* The list's filter from the query: facility, state, date. 0, or -1 for a bad page. */
static int filter_read(struct req *r, struct facilities_filter *f, const char **date_err)
{
	memset(f, 0, sizeof *f);
	f->state = facilities_state_from(kv_get(&r->q, "state"));
	f->facility_id = facilities_id_param(kv_get(&r->q, "facility"));
	const char *date = kv_get(&r->q, "date");
	struct ymd d;
	*date_err = NULL;
	if (date && *date) {
		if (date_parse_typed(date, &d) < 0)
			*date_err = "日期看不懂,请写成 2026-12-01。";
		else {
			f->from = date_to_time(d);
			f->to = f->from + 86400;
		}
	}
	return 0;
}

/* GET …/admin/facilities/bookings: the bookings by filter, paginated, masked. */
enum http_result facilities_h_bookings(struct req *r)
{
	struct facilities_bookings_page p = {0};
	struct facilities_filter f;
	filter_read(r, &f, &p.date_err);
	p.page = page_param(r);
	int64_t off;
	if (p.page < 0 || page_offset(p.page, PER_PAGE, &off) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不对。");
	f.offset = (size_t)off;
	f.limit = PER_PAGE;
	if (facilities_list(r->db, r->a, r->community->id, 0, &p.facilities, &p.nfacilities) < 0 ||
	    facilities_bookings(r->db, r->a, r->community->id, &f, &p.b, &p.n) < 0)
		return HR_ERROR;
	p.has_next = p.n > PER_PAGE;
	if (p.has_next)
		p.n = PER_PAGE;
	const char *done = kv_get(&r->q, "done");
	if (done)
		p.notice = "已完成。";
	fview_bookings(r, &p);
	return HR_OK;
}

/* The bookings by the same filter as CSV or XLSX, masked; at most EXPORT_MAX. */
enum http_result facilities_h_bookings_export(struct req *r)
{
	struct facilities_filter f;
	const char *date_err;
	filter_read(r, &f, &date_err);
	f.limit = EXPORT_MAX;
	struct facilities_booking *b;
	size_t n;
	if (facilities_bookings(r->db, r->a, r->community->id, &f, &b, &n) < 0)
		return HR_ERROR;
	if (n > EXPORT_MAX)
		return req_fail(r, HR_BAD_REQUEST, "要导出的预约太多,请按场地或日期筛选后再导出。");
	struct table t;
	struct export_table x;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s场地预约", r->community->name), fview_booking_cols,
			       fview_booking_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	fview_booking_rows(&t, r, b, n);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

/* Loads the booking of the path's second segment into p (full: opened). 0, 1 none, -1. */
static int load_booking(struct req *r, struct facilities_booking_page *p, int full)
{
	int64_t id = facilities_id_param(r->param[1]);
	int rc = id ? facilities_booking_get(r->db, r->a, r->community->id, id, full, &p->b) : 1;
	if (rc)
		return rc;
	p->full = full;
	/* a room held for an activity follows the activity: changed there only */
	int own = !p->b.activity_id;
	p->can_decide = own && p->b.state == FB_PENDING && p->b.ends_at > r->now;
	p->can_cancel = own && (p->b.state == FB_PENDING || p->b.state == FB_CONFIRMED) && p->b.ends_at > r->now;
	p->can_no_show = own && p->b.state == FB_CONFIRMED && p->b.starts_at <= r->now;
	return 0;
}

/* Shows the booking of the path (full: opened) with p's messages; 404 when none. */
static enum http_result show_booking(struct req *r, struct facilities_booking_page *p, int full)
{
	int rc = load_booking(r, p, full);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个预约。");
	r->cache_control = "no-store";
	fview_booking(r, p);
	return HR_OK;
}

/* What happened and what next, in words, after the step `done` names
 * (approved, refused, cancelled, no_show, booked) on booking b: after a
 * no-show, how many the person has in the last 90 days and whether online
 * booking is now blocked. NULL for none, or with *err = 1 on a database error. */
static const char *done_words(struct req *r, const char *done, const struct facilities_booking *b, int *err)
{
	*err = 0;
	if (!done)
		return NULL;
	if (!strcmp(done, "approved"))
		return "已通过,预约已确认。预约人可在“我的预约”中看到;没有智能手机的居民请电话告知。";
	if (!strcmp(done, "refused"))
		return "已设为不通过,这段时间已空出。预约人可在“我的预约”中看到理由;没有智能手机的居民请电话告知。";
	if (!strcmp(done, "cancelled"))
		return "已取消预约,这段时间已空出,别人可以预约。请告知预约人;没有智能手机的居民请电话告知。";
	if (!strcmp(done, "booked"))
		return "已代订,预约已确认。请把日期、时间和地点告诉预约人。";
	if (strcmp(done, "no_show"))
		return "已完成。";
	if (!b->user_id)
		return "已标记未到场。这是工作人员代订的预约(预约人没有账号),不计入网上预约的未到场次数。";
	int recent;
	int64_t until;
	if (facilities_noshow_state(r->db, r->a, r->community->id, b->user_id, r->now, &recent, &until) < 0) {
		*err = 1;
		return NULL;
	}
	if (until) {
		struct ymd d = date_from_time(until);
		return arena_printf(r->a,
				    "已标记未到场。此人近 %d 天内未到场 %d 次,%d年%d月%d日前不能在网上预约;"
				    "需要时可由工作人员代订。",
				    FACILITIES_NOSHOW_WINDOW_DAYS, recent, d.y, d.m, d.d);
	}
	return arena_printf(r->a, "已标记未到场。此人近 %d 天内未到场 %d 次;满 %d 次将有 %d 天不能在网上预约。",
			    FACILITIES_NOSHOW_WINDOW_DAYS, recent, FACILITIES_NOSHOW_LIMIT, FACILITIES_NOSHOW_BLOCK_DAYS);
}

/* GET shows the booking, names and phones masked, with what the last step
 * did (?done=); POST with a reason writes the audit row, then shows them in full. */
enum http_result facilities_h_booking(struct req *r)
{
	struct facilities_booking_page p = {0};
	if (r->method != METHOD_POST) {
		int rc = load_booking(r, &p, 0), err;
		if (rc)
			return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个预约。");
		p.notice = done_words(r, kv_get(&r->q, "done"), &p.b, &err);
		if (err)
			return HR_ERROR;
		r->cache_control = "no-store";
		fview_booking(r, &p);
		return HR_OK;
	}
	const char *why = kv_get(&r->form, "reason");
	why = why ? str_normalize(r->a, why, strlen(why)) : "";
	if (!why || !*why || utf8_len(why, strlen(why)) > 200) {
		p.reason_err = "请填写查看完整信息的理由(200 字以内),例如“电话通知预约人”。";
		p.reason_for = "full";
		p.reason_kept = why;
		enum http_result hr = show_booking(r, &p, 0);
		if (hr != HR_OK)
			return hr;
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.reason_err);
	}
	int64_t id = facilities_id_param(r->param[1]);
	struct facilities_booking b;
	int rc = id ? facilities_booking_get(r->db, r->a, r->community->id, id, 0, &b) : 1;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个预约。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (req_audit_commit(r, "facilities.view_full", "facilities_booking", id,
			     arena_printf(r->a, "查看预约人完整信息,理由:%s", why)) < 0)
		return HR_ERROR;
	return show_booking(r, &p, 1);
}

/* Moves the booking of the path from the states in `from` to `to`, with
 * the form's reason (required when need_reason); audit action and words. */
static enum http_result move(struct req *r, unsigned from, enum facilities_state to, int need_reason, const char *action,
			     const char *words, const char *done)
{
	int64_t id = facilities_id_param(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这个预约。");
	const char *why = kv_get(&r->form, "reason");
	why = why ? str_normalize(r->a, why, strlen(why)) : "";
	if (!why || (need_reason && !*why) || utf8_len(why, strlen(why)) > 200) {
		struct facilities_booking_page p = {.reason_err = "请填写理由(200 字以内),预约人会看到。",
						    .reason_for = to == FB_REFUSED ? "/refuse" : "/cancel",
						    .reason_kept = why};
		enum http_result hr = show_booking(r, &p, 0);
		if (hr != HR_OK)
			return hr;
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.reason_err);
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	struct facilities_booking b;
	int rc = facilities_booking_get(r->db, r->a, r->community->id, id, 0, &b);
	if (rc == 0 && to != FB_NO_SHOW && b.ends_at <= r->now)
		rc = 2; /* over already */
	if (rc == 0 && b.activity_id)
		rc = 2; /* held for an activity: moved, released and cancelled with it */
	if (rc == 0)
		rc = facilities_booking_move(r->db, r->community->id, id, from, to, r->user->id, why, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		struct facilities_booking_page p = {.refusal = "预约的状态已经变了(或时间不对),不能这样处理,请看它现在的状态。"};
		enum http_result hr = show_booking(r, &p, 0);
		if (hr != HR_OK)
			return hr;
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.refusal);
	}
	if (req_audit_commit(r, action, "facilities_booking", id,
			     arena_printf(r->a, "%s %s %s%s%s", words, b.facility_name,
					  facilities_when(r->a, b.starts_at, b.ends_at), *why ? ",理由:" : "", why)) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/facilities/bookings/", id,
					arena_printf(r->a, "?done=%s", done)));
}

/* POST …/approve: pending → confirmed. */
enum http_result facilities_h_approve(struct req *r)
{
	return move(r, 1u << FB_PENDING, FB_CONFIRMED, 0, "facilities.approve", "通过", "approved");
}

/* POST …/refuse: pending → refused, with a reason; frees the time. */
enum http_result facilities_h_refuse(struct req *r)
{
	return move(r, 1u << FB_PENDING, FB_REFUSED, 1, "facilities.refuse", "不通过", "refused");
}

/* POST …/cancel: pending or confirmed → cancelled, with a reason; frees the time. */
enum http_result facilities_h_staff_cancel(struct req *r)
{
	return move(r, (1u << FB_PENDING) | (1u << FB_CONFIRMED), FB_CANCELLED, 1, "facilities.cancel", "取消", "cancelled");
}

/* POST …/no_show: a confirmed booking that has started → no_show. */
enum http_result facilities_h_no_show(struct req *r)
{
	return move(r, 1u << FB_CONFIRMED, FB_NO_SHOW, 0, "facilities.no_show", "标记未到场", "no_show");
}

/* 代订: GET shows the form, POST books for whom staff name (confirmed at once). */
enum http_result facilities_h_desk(struct req *r)
{
	int64_t fid = facilities_id_param(r->param[1]);
	struct facilities_facility f;
	int rc = fid ? facilities_get(r->db, r->a, r->community->id, fid, &f) : 1;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个场地。");
	struct facilities_book_form form = {.desk = 1};
	form.action = url_c_id(r->a, r->community->slug, "/admin/facilities/", fid, "/book");
	if (r->method != METHOD_POST) {
		fview_desk_form(r, &f, &form);
		return HR_OK;
	}
	struct facilities_request q;
	if (facilities_form_read(r, &form, &q) == 0) {
		int64_t id;
		q.user_id = 0; /* a desk booking: whom it is for by name and mobile */
		q.by_user = r->user->id;
		enum facilities_refusal rf;
		int rc2 = facilities_book_audited(r, fid, &q, "facilities.book_for", arena_printf(r->a, "代订 %s", f.name), &id,
						  &rf);
		if (rc2 < 0)
			return HR_ERROR;
		if (rc2 == 0)
			return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/facilities/bookings/", id, "?done=booked"));
		facilities_form_refused(&form, rf);
	}
	fview_desk_form(r, &f, &form);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
}
