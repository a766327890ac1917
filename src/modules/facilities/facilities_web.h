/* What the facilities routes hand to the facilities views, and the
 * handlers the module's table lists. Private to the module. */
#ifndef SHEQU_MODULES_FACILITIES_WEB_H
#define SHEQU_MODULES_FACILITIES_WEB_H
#include "http/request.h"
#include "web/table.h"
#include "modules/facilities/facilities_internal.h"

/* A facility with what it is doing now (the service directory's status words). */
struct facilities_entry {
	const struct facilities_facility *f;
	const char *now;   /* "正在开放 · 今天 21:00 关闭"-style words from services_status_text */
	const char *today; /* today's hours: "08:30–12:00, 14:00–21:00", "休息" */
};

/* A stretch of one day on the calendar, minutes from that day's 00:00 (to
 * may pass 1440). */
struct facilities_span {
	int from, to;
	int taken; /* 1 已预约, 0 可预约 */
};

struct facilities_cal_day {
	struct ymd d;
	struct services_day_info info;
	const char *hours; /* the day's effective hours in words */
	struct facilities_span *spans;
	size_t n;
};

/* The booking form's fields. */
enum { BF_DATE, BF_START, BF_END, BF_PEOPLE, BF_PURPOSE, BF_ORG, BF_NAME, BF_PHONE, BF__MAX };

struct facilities_book_form {
	const char *vals[BF__MAX];
	const char *errs[BF__MAX];
	const char *refusal;
	int desk;	    /* staff 代订: name and phone asked */
	const char *action; /* where it posts */
};

struct facilities_page {
	struct facilities_entry e;
	struct facilities_cal_day days[7];
	const char *weekly[7];	     /* each weekday's hours in words, Monday first */
	struct ymd week, prev, next; /* Monday of this week, and of the weeks before and after */
	int can_prev;
	int64_t blocked_until;		  /* the visitor's no-show block, 0 none */
	struct facilities_book_form *form; /* NULL: no form (visitor, or not a resident) */
	int login;			  /* show "登录后预约" */
};

struct facilities_mine_page {
	struct facilities_booking *b;
	size_t n;
	int64_t page;
	int has_next;
	int past;     /* the tab of bookings over; else those to come, soonest first */
	int64_t mark; /* the booking just made, marked in the list; 0 none */
	const char *notice;
};

/* facilities_calendar.c */
/* The spans of day d (info: what kind of day it is) for facility f: its effective periods (overnight
 * ones running into the next morning), cut into free and taken stretches
 * by the bookings b (pending and confirmed, any order), stretches before
 * `now` left out. In the arena. 0 or -1. */
int facilities_day_spans(struct arena *a, const struct facilities_facility *f, struct ymd d,
			 const struct services_day_info *info, const struct facilities_booking *b, size_t nb, int64_t now,
			 struct facilities_span **out, size_t *n);
/* The calendar of one request: yesterday, today and the days after, and the minute of today, China time. */
struct facilities_clock {
	struct services_day_info days[SERVICES_HORIZON];
	int minute;
};
void facilities_clock_now(struct req *r, struct facilities_clock *clk);
/* Fills the entry's status words at the clock, and lowers the page's validity to the next change. 0 or -1. */
int facilities_entry_fill(struct req *r, const struct facilities_clock *clk, const struct facilities_facility *f,
			  struct facilities_entry *e);
/* "14:30" or "次日01:00" for minute m of a day (m may pass 1440). In the arena. */
const char *facilities_hhmm(struct arena *a, int m);
/* The same written into out (at least 16 bytes), no allocation; returns out. */
char *facilities_hhmm_to(char out[16], int m);
/* "12月1日 周二 14:00–16:00" for a booking. In the arena. */
const char *facilities_when(struct arena *a, int64_t from, int64_t to);
/* A positive id from a path segment, else 0. */
int64_t facilities_id_param(const char *s);

/* facilities_routes_public.c, shared with the staff's 代订 */
/* Loads the facility of the path's second segment with its week calendar
 * (?week=, any day of it; default this week) into p. 0, 1 if none, -1. */
int facilities_load_page(struct req *r, struct facilities_page *p);
/* Reads the booking form (name and phone too when form->desk) into q,
 * errors by field in form. 0, or -1 when a field is wrong. */
int facilities_form_read(struct req *r, struct facilities_book_form *form, struct facilities_request *q);
/* Books q at facility fid in one write transaction under its lock,
 * audited as action ("facilities.book") with words before the time: 0 with
 * *id when booked, 1 when refused (*rf set, rolled back), -1 on error. */
int facilities_book_audited(struct req *r, int64_t fid, const struct facilities_request *q, const char *action,
			    const char *words, int64_t *id, enum facilities_refusal *rf);
/* Puts a refusal next to its field, or over the form. */
void facilities_form_refused(struct facilities_book_form *form, enum facilities_refusal rf);

/* facilities_view_public.c */
void fview_list(struct req *r, const struct facilities_entry *e, size_t n);
void fview_facility(struct req *r, const struct facilities_page *p);
void fview_mine(struct req *r, const struct facilities_mine_page *p);
/* 我的预约 and the facility list as tables on the page or an export (t begun
 * by the caller); mark: the booking to mark 刚提交 on the page, 0 none. */
void fview_mine_rows(struct table *t, struct req *r, const struct facilities_booking *b, size_t n, int64_t mark);
void fview_facility_rows(struct table *t, struct req *r, const struct facilities_facility *f, size_t n);
extern const struct tcol fview_mine_cols[], fview_facility_cols[];
extern const int fview_mine_ncols, fview_facility_ncols;
/* The booking form's fields (shared with the staff's 代订 page). */
void fview_book_fields(struct req *r, const struct facilities_book_form *f);
/* The error summary and refusal of a rejected booking form. */
void fview_book_errors(struct req *r, const struct facilities_book_form *f);
/* The facility's facts (kind, place, capacity, provider, approval) as a <dl>. */
void fview_facts(struct req *r, const struct facilities_facility *f);

/* The staff's bookings list. */
struct facilities_bookings_page {
	struct facilities_facility *facilities; /* for the filter */
	size_t nfacilities;
	struct facilities_booking *b;
	size_t n;
	int64_t page;
	int has_next;
	const char *date_err; /* the date filter could not be read */
	const char *notice;
};

/* One booking for staff: its actions, and the full name and phone once the
 * viewing was audited. */
struct facilities_booking_page {
	struct facilities_booking b;
	int full;
	int can_decide, can_cancel, can_no_show;
	const char *refusal;	 /* why an action was refused */
	const char *reason_err; /* a reason was needed */
	const char *reason_for; /* by which form: "/refuse", "/cancel" or "full" */
	const char *reason_kept; /* what was typed there */
	const char *notice;
};

/* The staff's facility form. */
enum { FF_NAME, FF_KIND, FF_PLACE, FF_CAPACITY, FF_RULES, FF_PROVIDED, FF_APPROVAL, FF_RESIDENTS, FF_ORGS, FF_SLOT,
       FF_MAX, FF_AHEAD, FF_HOURS, FF_HOLIDAYS = FF_HOURS + 7, FF_MAKEUP, FF_ACTIVE, FF__MAX };

struct facilities_facility_form {
	const struct facilities_facility *editing; /* NULL: a new one */
	const char *vals[FF__MAX];
	const char *errs[FF__MAX];
};

struct facilities_admin_page {
	struct facilities_facility *f;
	size_t n;
	int64_t pending, today;
	const char *notice;
};

/* facilities_view_admin.c */
void fview_admin(struct req *r, const struct facilities_admin_page *p);
void fview_bookings(struct req *r, const struct facilities_bookings_page *p);
/* The bookings as a table on the page or an export (t begun by the caller). */
void fview_booking_rows(struct table *t, struct req *r, const struct facilities_booking *b, size_t n);
void fview_booking(struct req *r, const struct facilities_booking_page *p);
void fview_facility_form(struct req *r, const struct facilities_facility_form *f);
void fview_desk_form(struct req *r, const struct facilities_facility *f, const struct facilities_book_form *form);
extern const struct tcol fview_booking_cols[];
extern const int fview_booking_ncols;

#define FH(name) enum http_result facilities_h_##name(struct req *r)
FH(list);
FH(list_export);
FH(mine_export);
FH(facility);
FH(book);
FH(mine);
FH(cancel);
FH(admin);
FH(bookings);
FH(bookings_export);
FH(booking);
FH(approve);
FH(refuse);
FH(staff_cancel);
FH(no_show);
FH(desk);
FH(facility_new);
FH(facility_edit);
FH(api_list);
FH(api_facility);
#undef FH

#endif
