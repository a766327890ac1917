/* The residents' pages: the community's facilities, one facility with its
 * week calendar and (for a signed-in resident) the booking form, the
 * booking POST, and 我的预约 with cancelling. */
#include <stddef.h>
#include <string.h>

#include "http/fields.h"
#include "modules/facilities/facilities_web.h"
#include "web/export.h"
#include "web/link.h"
#include "web/list.h"

#define MINE_PER_PAGE 20

/* GET /c/{c}/facilities/: the community's active facilities, open now or when they open. */
enum http_result facilities_h_list(struct req *r)
{
	struct facilities_facility *f;
	size_t n;
	if (facilities_list(r->db, r->a, r->community->id, 1, &f, &n) < 0)
		return HR_ERROR;
	struct facilities_entry *e = arena_zalloc(r->a, (n ? n : 1) * sizeof *e);
	if (!e)
		return HR_ERROR;
	struct facilities_clock clk;
	facilities_clock_now(r, &clk);
	for (size_t i = 0; i < n; i++)
		if (facilities_entry_fill(r, &clk, &f[i], &e[i]) < 0)
			return req_error(r, "out of request memory for the facility list");
	fview_list(r, e, n);
	return HR_OK;
}

/* Sends t's export named title, or a 500. */
static enum http_result send_export(struct req *r, struct table *t, struct export_table *x)
{
	if (table_end(t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, x, export_format(r->path));
}

/* The facility list as CSV or XLSX: the active ones, or (under /admin/, for staff) all. */
enum http_result facilities_h_list_export(struct req *r)
{
	struct facilities_facility *f;
	size_t n;
	if (facilities_list(r->db, r->a, r->community->id, !strstr(r->path, "/admin/"), &f, &n) < 0)
		return HR_ERROR;
	struct table t;
	struct export_table x;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s可预约场地", r->community->name), fview_facility_cols,
			       fview_facility_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	fview_facility_rows(&t, r, f, n);
	return send_export(r, &t, &x);
}

/* 我的预约 as CSV or XLSX: the signed-in visitor's bookings here, latest first. */
enum http_result facilities_h_mine_export(struct req *r)
{
	if (!r->user)
		return HR_UNAUTHORIZED;
	struct facilities_filter f = {.state = -1, .user_id = r->user->id, .limit = 5000};
	struct facilities_booking *b;
	size_t n;
	if (facilities_bookings(r->db, r->a, r->community->id, &f, &b, &n) < 0)
		return HR_ERROR;
	if (n > f.limit)
		n = f.limit;
	r->cache_control = "no-store";
	struct table t;
	struct export_table x;
	if (table_begin_export(&t, r->a, &x, "我的场地预约", fview_mine_cols, fview_mine_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	fview_mine_rows(&t, r, b, n, 0);
	return send_export(r, &t, &x);
}

/* 1 if the visitor may book online here: a resident of the community, or its staff. */
static int may_book(struct req *r)
{
	return r->user && req_has_role(r, ROLE_BIT(ROLE_RESIDENT) | ROLES_STAFF);
}

/* The visitor's no-show block at now (0: none); -1 on error. */
static int64_t blocked_until(struct req *r)
{
	int64_t until;
	if (facilities_noshow_state(r->db, r->a, r->community->id, r->user->id, r->now, NULL, &until) < 0)
		return -1;
	return until;
}

/* Loads the facility of the path's second segment and its week (?week=,
 * any day of it; default this week) into p. 0, 1 if none, -1. */
int facilities_load_page(struct req *r, struct facilities_page *p)
{
	int64_t id = facilities_id_param(r->param[1]);
	struct facilities_facility *f = arena_alloc(r->a, sizeof *f);
	if (!f)
		return -1;
	int rc = id ? facilities_get(r->db, r->a, r->community->id, id, f) : 1;
	if (rc)
		return rc;
	if (!f->active && !req_has_role(r, ROLES_STAFF))
		return 1;
	struct facilities_clock clk;
	facilities_clock_now(r, &clk);
	if (facilities_entry_fill(r, &clk, f, &p->e) < 0)
		return -1;
	struct ymd today = date_from_time(r->now), w = today;
	const char *wq = kv_get(&r->q, "week");
	if (wq && date_parse(wq, &w) < 0)
		w = today;
	/* a week no further than the booking window, none before this one */
	if (date_diff(today, w) > f->days_ahead + 7 || date_cmp(w, today) < 0)
		w = today;
	p->week = date_add_days(w, 1 - date_weekday(w));
	struct ymd this_week = date_add_days(today, 1 - date_weekday(today));
	p->prev = date_add_days(p->week, -7);
	p->next = date_add_days(p->week, 7);
	p->can_prev = date_cmp(p->week, this_week) > 0;
	int64_t from = date_to_time(p->week), to = date_to_time(p->next) + 86400;
	struct facilities_booking *b;
	size_t nb;
	if (facilities_taken(r->db, r->a, r->community->id, f->id, from, to, &b, &nb) < 0)
		return -1;
	char h[SERVICES_HOURS_TEXT];
	for (int w = 0; w < 7; w++)
		p->weekly[w] = arena_strdup(r->a, services_day_format(&f->hours.week[w], h, sizeof h));
	/* the calendar's words for the day before the week and its seven days, at once */
	struct services_day_info info[8];
	int minute;
	services_calendar(date_to_time(p->week), info, 8, &minute);
	for (int k = 0; k < 7; k++) {
		struct facilities_cal_day *d = &p->days[k];
		d->d = date_add_days(p->week, k);
		d->info = info[k + 1];
		/* the weekday's words unless a holiday or 调休 changes the day */
		const struct services_day *eff = services_day_effective(&f->hours, &d->info);
		ptrdiff_t w = eff - f->hours.week;
		d->hours = w >= 0 && w < 7 ? p->weekly[w] : arena_strdup(r->a, services_day_format(eff, h, sizeof h));
		if (facilities_day_spans(r->a, f, d->d, &d->info, b, nb, r->now, &d->spans, &d->n) < 0)
			return -1;
	}
	/* free stretches shrink as the clock passes: valid to the next minute of a slot */
	int slot = f->slot_min > 0 ? f->slot_min : 30;
	req_valid_until(r, r->now - r->now % (slot * 60) + slot * 60);
	return 0;
}

/* The booking form's fields, as fields_validate reads them. */
static const struct field book_fields[BF__MAX] = {
    [BF_DATE] = {"date", "日期", FIELD_TEXT, 1, 20},
    [BF_START] = {"start", "开始时间", FIELD_TEXT, 1, 20},
    [BF_END] = {"end", "结束时间", FIELD_TEXT, 1, 20},
    [BF_PEOPLE] = {"people", "人数", FIELD_TEXT, 0, 10},
    [BF_PURPOSE] = {"purpose", "用途", FIELD_TEXT, 1, 100},
    [BF_ORG] = {"organization", "组织名称", FIELD_TEXT, 0, 60},
    [BF_NAME] = {"name", "预约人姓名", FIELD_TEXT, 1, 40},
    [BF_PHONE] = {"phone", "联系电话", FIELD_MOBILE, 1, 20},
};

int facilities_form_read(struct req *r, struct facilities_book_form *form, struct facilities_request *q)
{
	size_t nf = form->desk ? BF__MAX : BF_NAME;
	int bad = fields_validate(r->a, &r->form, book_fields, nf, form->vals, form->errs);
	const char *terrs[4];
	memset(q, 0, sizeof *q);
	if (facilities_parse_time(date_from_time(r->now), form->vals[BF_DATE], form->vals[BF_START], form->vals[BF_END], form->vals[BF_PEOPLE], q,
				  terrs) < 0) {
		static const int at[4] = {BF_DATE, BF_START, BF_END, BF_PEOPLE};
		for (int i = 0; i < 4; i++)
			if (terrs[i] && !form->errs[at[i]]) {
				form->errs[at[i]] = terrs[i];
				bad++;
			}
	}
	q->purpose = form->vals[BF_PURPOSE];
	q->organization = form->vals[BF_ORG];
	if (form->desk) {
		q->name = form->vals[BF_NAME];
		q->phone = form->vals[BF_PHONE];
	}
	return bad ? -1 : 0;
}

/* The field a refusal belongs next to. */
static int refusal_field(enum facilities_refusal rf)
{
	switch (rf) {
	case FR_GRID:
	case FR_LENGTH:
		return BF_END;
	case FR_PAST:
	case FR_TOO_FAR:
		return BF_DATE;
	case FR_CLOSED:
	case FR_TAKEN:
		return BF_START;
	case FR_CAPACITY:
		return BF_PEOPLE;
	case FR_NOT_OPEN_TO:
		return BF_ORG;
	default:
		return -1;
	}
}

void facilities_form_refused(struct facilities_book_form *form, enum facilities_refusal rf)
{
	int at = refusal_field(rf);
	if (at >= 0 && !form->errs[at])
		form->errs[at] = facilities_refusal_text(rf);
	else
		form->refusal = facilities_refusal_text(rf);
}

/* Shows the facility page, with the form f when the visitor may book. */
static enum http_result show(struct req *r, struct facilities_book_form *form)
{
	struct facilities_page p = {0};
	int rc = facilities_load_page(r, &p);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个场地,它可能已停用。");
	if (!r->user)
		p.login = 1;
	else if (may_book(r)) {
		if ((p.blocked_until = blocked_until(r)) < 0)
			return HR_ERROR;
		p.form = form;
		form->action = url_c_id(r->a, r->community->slug, "/facilities/", p.e.f->id, "/book");
		r->cache_control = "no-store";
	}
	fview_facility(r, &p);
	return HR_OK;
}

/* GET /c/{c}/facilities/{id}: the facility page (with the booking form for a resident). */
enum http_result facilities_h_facility(struct req *r)
{
	struct facilities_book_form form = {0};
	return show(r, &form);
}

int facilities_book_audited(struct req *r, int64_t fid, const struct facilities_request *q, const char *action,
			    const char *words, int64_t *id, enum facilities_refusal *rf)
{
	if (db_begin(r->db) < 0)
		return -1;
	if (facilities_book(r->db, r->a, r->community->id, fid, q, r->now, id, rf) < 0) {
		db_rollback(r->db);
		return -1;
	}
	if (*rf != FR_OK) {
		db_rollback(r->db);
		return 1;
	}
	const char *when = facilities_when(r->a, date_at_minute(q->day, q->start_min), date_at_minute(q->day, q->end_min));
	return req_audit_commit(r, action, "facilities_booking", *id, arena_printf(r->a, "%s %s", words, when)) < 0 ? -1 : 0;
}

/* POST /c/{c}/facilities/{id}/book: a resident's online booking; a refusal re-shows the page (422). */
enum http_result facilities_h_book(struct req *r)
{
	if (!r->user)
		return HR_UNAUTHORIZED;
	if (!may_book(r))
		return req_fail(r, HR_FORBIDDEN, "只有本社区的居民可以在网上预约场地。");
	int64_t fid = facilities_id_param(r->param[1]);
	if (!fid)
		return req_fail(r, HR_NOT_FOUND, "没有这个场地。");
	struct facilities_book_form form = {0};
	struct facilities_request q;
	int bad = facilities_form_read(r, &form, &q);
	enum facilities_refusal rf = FR_OK;
	int64_t id = 0;
	if (!bad) {
		q.user_id = r->user->id;
		q.name = r->user->display_name;
		q.phone = r->user->phone;
		int rc = facilities_book_audited(r, fid, &q, "facilities.book", "预约", &id, &rf);
		if (rc < 0)
			return HR_ERROR;
		if (rc == 0)
			return req_redirect(r, url_with_path(r, url_c(r->a, r->community->slug, "/facilities/mine"), "done",
							     arena_printf(r->a, "%lld", (long long)id)));
		if (rf == FR_NO_FACILITY)
			return req_fail(r, HR_NOT_FOUND, facilities_refusal_text(rf));
		facilities_form_refused(&form, rf);
	}
	/* the page afresh, the form with what was typed and why it was refused */
	if (db_read_begin(r->db) < 0)
		return HR_ERROR;
	enum http_result hr = show(r, &form);
	db_read_end(r->db);
	if (hr != HR_OK)
		return hr;
	r->body_written = 1;
	return HR_INVALID;
}

/* GET /c/{c}/facilities/mine[?when=past][&done=ID]: the signed-in
 * visitor's bookings here not yet over, soonest first (when=past: those
 * over, latest first), paginated; done names the booking just made, marked
 * in the list and told in the notice. */
enum http_result facilities_h_mine(struct req *r)
{
	if (!r->user)
		return HR_UNAUTHORIZED;
	struct facilities_mine_page p = {0};
	p.page = page_param(r);
	int64_t off;
	if (p.page < 0 || page_offset(p.page, MINE_PER_PAGE, &off) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不对。");
	const char *when = kv_get(&r->q, "when");
	p.past = when && !strcmp(when, "past");
	struct facilities_filter f = {.state = -1, .user_id = r->user->id, .when = p.past ? FW_PAST : FW_UPCOMING,
				      .at = r->now, .offset = (size_t)off, .limit = MINE_PER_PAGE};
	if (facilities_bookings(r->db, r->a, r->community->id, &f, &p.b, &p.n) < 0)
		return HR_ERROR;
	p.has_next = p.n > MINE_PER_PAGE;
	if (p.has_next)
		p.n = MINE_PER_PAGE;
	const char *cancelled = kv_get(&r->q, "cancelled");
	p.mark = facilities_id_param(kv_get(&r->q, "done"));
	struct facilities_booking k;
	int rc = p.mark ? facilities_booking_get(r->db, r->a, r->community->id, p.mark, 0, &k) : 1;
	if (rc < 0)
		return HR_ERROR;
	if (rc == 0 && k.user_id == r->user->id)
		p.notice = arena_printf(r->a, "已提交预约:%s %s(下面标着“刚提交”的一行)。%s", k.facility_name,
					facilities_when(r->a, k.starts_at, k.ends_at),
					k.state == FB_PENDING ? "这个场地需要社区审批,审批后这里的状态会变为“已确认”。"
							      : "预约已确认,请按时使用;不能来请提前取消。");
	else if (cancelled)
		p.notice = "预约已取消。";
	if (rc || k.user_id != r->user->id)
		p.mark = 0;
	r->cache_control = "no-store";
	fview_mine(r, &p);
	return HR_OK;
}

/* POST …/mine/{id}/cancel: the visitor cancels an own booking not yet started (guarded UPDATE, audited). */
enum http_result facilities_h_cancel(struct req *r)
{
	if (!r->user)
		return HR_UNAUTHORIZED;
	int64_t id = facilities_id_param(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这个预约。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	struct facilities_booking b;
	int rc = facilities_booking_get(r->db, r->a, r->community->id, id, 0, &b);
	if (rc < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (rc || b.user_id != r->user->id) {
		db_rollback(r->db);
		return req_fail(r, HR_NOT_FOUND, "没有这个预约。");
	}
	/* a booking not yet started, pending or confirmed: a guarded update tells a lost race */
	rc = b.starts_at > r->now ? facilities_booking_move(r->db, r->community->id, id,
							  (1u << FB_PENDING) | (1u << FB_CONFIRMED), FB_CANCELLED,
							  r->user->id, "本人取消", r->now)
				  : 1;
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_INVALID, "这个预约已开始、已取消或未通过审批,不能取消。");
	}
	if (req_audit_commit(r, "facilities.cancel", "facilities_booking", id,
			     arena_printf(r->a, "本人取消 %s", facilities_when(r->a, b.starts_at, b.ends_at))) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug, "/facilities/mine?cancelled=1"));
}
