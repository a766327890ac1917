/* What the services routes hand to the services views, and the handlers
 * the module's table lists. Private to the module. */
#ifndef SHEQU_MODULES_SERVICES_WEB_H
#define SHEQU_MODULES_SERVICES_WEB_H
#include "http/request.h"
#include "modules/services/services.h"

/* The calendar of one request: yesterday, today and the days after, and
 * the minute of today, China time. */
struct services_clock {
	struct services_day_info days[SERVICES_HORIZON];
	int minute;
};

/* A station with what it is doing now. */
struct services_entry {
	const struct services_station *s;
	struct services_status status;
	const char *now;   /* "正在办公 · 今天 17:30 下班" */
	const char *today; /* today's hours as kept today: "08:30–12:00, 14:00–17:30", "休息" */
};

/* One of the next days on a station's page. */
struct services_day_row {
	const struct services_day_info *day;
	const char *hours;
};

struct services_list_page {
	struct services_entry *entries;
	size_t n;
	struct services_hotline *hotlines;
	size_t nhotlines;
	const char *today; /* "10月3日 周四 · 国庆节" */
};

struct services_station_page {
	struct services_entry e;
	struct services_day_row next[7]; /* today and the six days after */
};

struct services_street_block {
	const struct community *c;
	struct services_entry *entries;
	size_t n;
};

struct services_street_page {
	const char *street_slug, *street_name;
	struct services_street_block *blocks;
	size_t nblocks;
	const char *today;
};

struct services_admin_page {
	struct services_entry *entries;
	size_t n;
	struct services_hotline *hotlines;
	size_t nhotlines;
	const char *notice;
};

/* The page that asks before a station or hotline is removed. */
struct services_delete_page {
	const char *what;	 /* "服务站点" or "热线" */
	const char *name;	 /* the station's or hotline's name */
	const char *consequence; /* what removing it does, in a sentence */
	const char *action;	 /* where the confirming form posts */
	const char *back;	 /* the edit page: 取消 */
};

/* The station form's fields, in the order of services_routes.c's table. */
enum {
	SF_KIND,
	SF_KIND_OTHER,
	SF_NAME,
	SF_ADDRESS,
	SF_PHONE,
	SF_SERVICES,
	SF_HOURS, /* seven: Monday .. Sunday */
	SF_HOLIDAYS = SF_HOURS + 7,
	SF_MAKEUP,
	SF_DUTY,
	SF_DUTY_PUBLIC,
	SF_NOTE,
	SF__MAX
};

struct services_station_form {
	const struct services_station *editing; /* NULL: a new station */
	const char *vals[SF__MAX];
	const char *errs[SF__MAX];
	const char **kinds; /* the standard kinds, then others the community uses */
	size_t nkinds;
	const char *refusal; /* why the form as a whole was refused, or NULL */
};

enum { HF_KIND, HF_NAME, HF_NUMBER, HF_HOURS, HF__MAX };

struct services_hotline_form {
	const struct services_hotline *editing; /* NULL: a new hotline */
	const char *vals[HF__MAX];
	const char *errs[HF__MAX];
	const char *refusal; /* why the form as a whole was refused, or NULL */
};

/* services_view.c */
void sview_list(struct req *r, const struct services_list_page *p);
void sview_station(struct req *r, const struct services_station_page *p);
void sview_street(struct req *r, const struct services_street_page *p);
void sview_admin(struct req *r, const struct services_admin_page *p);
void sview_station_form(struct req *r, const struct services_station_form *f);
void sview_hotline_form(struct req *r, const struct services_hotline_form *f);
void sview_delete_confirm(struct req *r, const struct services_delete_page *p);
/* The community's hotlines in the page footer; nothing when it has none. */
void sview_footer(struct req *r, struct buf *out, const struct services_hotline *h, size_t n);
/* "10月3日 周四 · 国庆节": how a day is named on the pages. */
const char *sview_day_label(struct arena *a, const struct services_day_info *d);
/* Holiday and make-up rules of a schedule in words. */
const char *sview_holiday_rule(const struct services_schedule *s);
const char *sview_makeup_rule(struct arena *a, const struct services_schedule *s);

/* Handlers (services_routes.c, services_api.c), listed in services_module.c. */
#define SH(name) enum http_result services_h_##name(struct req *r)
SH(list);
SH(station);
SH(export);
SH(street);
SH(street_export);
SH(admin);
SH(admin_export);
SH(admin_hotlines_export);
SH(station_new);
SH(station_edit);
SH(station_delete);
SH(hotline_new);
SH(hotline_edit);
SH(hotline_delete);
SH(api_list);
SH(api_station);
#undef SH
/* The community_footer hook: the community's hotlines under every page. */
void services_footer(struct req *r, struct buf *out);

/* services_routes.c, shared with services_api.c */
/* Fills the request's calendar. */
void services_clock_now(struct req *r, struct services_clock *clk);
/* Fills entries[0..n) for stations at the clock. 0 or -1 (arena). */
int services_entries(struct req *r, const struct services_clock *clk, const struct services_station *s, size_t n,
		     struct services_entry **out);
/* The stations of a community, or its hotlines (r's community): 0, or -1
 * (a 500, its cause set when the list is over its cap rather than cut). */
int services_read_stations(struct req *r, int64_t community_id, struct services_station **s, size_t *n);
int services_read_hotlines(struct req *r, struct services_hotline **h, size_t *n);
/* The community's stations with their status now (and its hotlines, when
 * h is not NULL). 0, or -1 (a 500: the cause is the database's or set). */
int services_load(struct req *r, struct services_clock *clk, struct services_entry **e, size_t *n,
		  struct services_hotline **h, size_t *nh);
/* The station of the path's second parameter with its status now: 0, 1 if
 * there is none in the community, -1. */
int services_load_station(struct req *r, struct services_clock *clk, struct services_entry **e);
/* A positive id from a path segment, else 0. */
int64_t services_id_param(const char *s);

#endif
