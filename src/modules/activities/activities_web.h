/* What the activities routes hand to the views, the forms' typed values,
 * and the handlers the module's table lists. Private to the module. */
#ifndef SHEQU_MODULES_ACTIVITIES_WEB_H
#define SHEQU_MODULES_ACTIVITIES_WEB_H
#include "core/date.h"
#include "http/fields.h"
#include "http/request.h"
#include "modules/activities/activities_internal.h"
#include "modules/facilities/facilities.h"

#define ACT_MAX_CAPACITY 100000
#define ACT_PER_PAGE 20
#define ACT_SIGNUPS_PER_PAGE 100
#define ACT_EXPORT_MAX 20000 /* rows an export holds at most */

/* ---- forms (activities_form.c) ---- */

enum {
	AF_KIND,
	AF_TITLE,
	AF_ORGANIZER,
	AF_FACILITY,
	AF_PLACE,
	AF_DATE,
	AF_START,
	AF_END_DATE,
	AF_END,
	AF_CAPACITY,
	AF_AUDIENCE,
	AF_MIN_AGE,
	AF_CLOSE_DATE,
	AF_CLOSE_TIME,
	AF_DESCRIPTION,
	AF__MAX
};
struct act_form {
	const char *vals[AF__MAX], *errs[AF__MAX];
	const char *refusal;
	const struct act_activity *editing; /* NULL: a new activity */
	const struct facilities_room *rooms; /* the rooms to choose from (the route reads them) */
	size_t nrooms;
};
/* The field table of the activity form (labels for the view). */
const struct field *act_form_fields(void);
/* Reads a posted activity form into f (values as typed, errors by field)
 * and *v (kind, texts, times, capacity, age, closing; strings point into
 * f->vals). The number of fields in error. */
int act_form_read(struct arena *a, const struct kvlist *form, struct ymd today, struct act_form *f,
		  struct act_activity *v);
/* The form's values of a saved activity. */
void act_form_fill(struct arena *a, const struct act_activity *v, struct act_form *f);

enum { DF_NAME, DF_PHONE, DF_CALL, DF__MAX };
struct act_desk_form {
	const char *vals[DF__MAX], *errs[DF__MAX];
	const char *refusal;
};
/* Reads a posted 代报名 form (name, phone, 电话提醒) into f and *s (the
 * caller sets by_user). The number of fields in error. */
int act_desk_read(struct arena *a, const struct kvlist *form, struct act_desk_form *f, struct act_signup_new *s);

/* ---- pages ---- */

struct act_list_page {
	struct act_line *lines;
	size_t n;
	int has_next, past;
	int64_t page;
	const char *kind; /* the kind filter, or NULL */
};

struct act_page {
	const struct act_activity *v;
	const struct act_signup *mine; /* the visitor's sign-up, or NULL */
	int64_t wait_pos;	       /* the visitor's place in line when waitlisted */
	const struct act_photo *photos;
	size_t nphotos;
	const char *why_not; /* why sign-up is not offered now, or NULL */
	const char *notice;
};

struct act_mine_page {
	struct act_mine *m;
	size_t n;
	int64_t *pos; /* waitlist positions, by m */
	const char *notice;
};

struct act_reports_page {
	struct act_activity *v;
	size_t n;
	int has_next;
	int64_t page;
};

struct act_admin_page {
	struct act_line *lines;
	size_t n;
	int has_next;
	int64_t page;
	const char *notice;
};

struct act_signups_page {
	const struct act_activity *v;
	struct act_signup *s;
	size_t n;
	int has_next, full;
	int64_t page;
	const char *notice;
};

struct act_attendance_page {
	const struct act_activity *v;
	struct act_signup *s;
	size_t n;
	const char *notice;
};

struct act_call_group {
	const struct act_line *act;
	struct act_signup *s;
	size_t n;
};
struct act_calls_page {
	struct act_call_group *g;
	size_t n;
	int days; /* the window: activities starting in the next days (1..7) */
};

struct act_report_page {
	const struct act_activity *v;
	const struct act_photo *photos;
	size_t nphotos;
	const char *text, *error, *photo_error, *notice;
};

/* ---- shared by the handlers (activities_routes.c) ---- */

/* The positive id in a path segment, or 0. */
int64_t act_id_param(const char *s);
/* The activity of the path's id for r's community into *v: 0, or the
 * handler's answer (404 page, 500) in *hr. */
int act_load(struct req *r, const char *seg, struct act_activity *v, enum http_result *hr);
/* A sentence saying why a refusal code refused, in Chinese. */
const char *act_refusal_text(int rc);
/* What a visitor is told of an activity that does not exist here or is
 * still a draft (the two look the same from outside). */
#define ACT_NO_SUCH "没有这个活动,请检查地址是否正确。"
/* "10月25日 周六 14:30–16:00" for an activity's time, China time. */
const char *act_when_text(struct arena *a, int64_t starts, int64_t ends);
/* "还剩 12 个名额", "名额已满,候补 3 人", "不限名额" */
const char *act_places_text(struct arena *a, int64_t capacity, int64_t confirmed, int64_t waitlisted);

/* ---- views ---- */
void actview_list(struct req *r, const struct act_list_page *p);
void actview_activity(struct req *r, const struct act_page *p);
void actview_mine(struct req *r, const struct act_mine_page *p);
void actview_reports(struct req *r, const struct act_reports_page *p);
void actview_admin(struct req *r, const struct act_admin_page *p);
void actview_form(struct req *r, const struct act_form *f);
void actview_cancel_form(struct req *r, const struct act_activity *v, const char *reason, const char *error);
void actview_signups(struct req *r, const struct act_signups_page *p);
void actview_desk(struct req *r, const struct act_activity *v, const struct act_desk_form *f);
void actview_attendance(struct req *r, const struct act_attendance_page *p);
void actview_calls(struct req *r, const struct act_calls_page *p);
void actview_report(struct req *r, const struct act_report_page *p);

/* ---- handlers ---- */
enum http_result act_h_list(struct req *r);
enum http_result act_h_export(struct req *r);
enum http_result act_h_activity(struct req *r);
enum http_result act_h_signup(struct req *r);
enum http_result act_h_cancel_mine(struct req *r);
enum http_result act_h_mine(struct req *r);
enum http_result act_h_reports(struct req *r);
enum http_result act_h_reports_export(struct req *r);
enum http_result act_h_mine_export(struct req *r);
enum http_result act_h_photo(struct req *r);
enum http_result act_h_feed(struct req *r);
enum http_result act_h_admin(struct req *r);
enum http_result act_h_admin_export(struct req *r);
enum http_result act_h_new(struct req *r);
enum http_result act_h_edit(struct req *r);
enum http_result act_h_publish(struct req *r);
enum http_result act_h_cancel(struct req *r);
enum http_result act_h_signups(struct req *r);
enum http_result act_h_signups_export(struct req *r);
enum http_result act_h_desk(struct req *r);
enum http_result act_h_signup_cancel(struct req *r);
enum http_result act_h_attendance(struct req *r);
enum http_result act_h_check_in(struct req *r);
enum http_result act_h_calls(struct req *r);
enum http_result act_h_report(struct req *r);
enum http_result act_h_api_list(struct req *r);
enum http_result act_h_api_one(struct req *r);

/* Writes the iCalendar text of n activities of r's community into b
 * (activities_ics.c). 0, or -1 when libical or the buffer fails. */
int act_ics(struct req *r, struct buf *b, const struct act_activity *v, size_t n);

/* Hooks (activities_demo.c, activities_workbench in activities_module.c). */
struct community;
int act_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

#endif
