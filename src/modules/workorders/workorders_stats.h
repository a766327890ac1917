/* The work orders' figures (DOMAIN.md area 2, "Outcomes and rates"): the
 * three rates, the community and street/district dashboards, their monthly
 * trends and the overdue orders. Shared by the stats files of the module
 * only (workorders_stats_*.c).
 *
 * The rates, for the orders received in a period [from, to) (received_at):
 *
 * 响应率 (response rate): orders whose first response (responded_at) came by
 *   their limit (respond_due, or accept_due when the type has no respond
 *   limit), over the orders of the period that have such a limit and whose
 *   limit has passed or that were responded to. Orders still within their
 *   limit and not yet responded to are not counted yet, either way.
 * 解决率 (resolution rate): orders replied with resolved = 1, over the
 *   orders accepted (accepted_at set). Orders not accepted (不予受理), merged
 *   into another, or transferred out are not counted.
 * 满意率 (satisfaction rate): orders rated 满意 or 基本满意, over the orders
 *   rated.
 *
 * Each is shown with its numerator and denominator. */
#ifndef SHEQU_MODULES_WORKORDERS_STATS_H
#define SHEQU_MODULES_WORKORDERS_STATS_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "http/request.h"
#include "modules/workorders/workorders_internal.h"
#include "org/org.h"
#include "web/export.h"

/* The counts behind the figures of one group of orders (a period, a
 * community, a month, a type and channel). */
struct wo_counts {
	int64_t received;        /* orders received in the period */
	int64_t closed;          /* of them, 已办结 now */
	int64_t respond_on_time; /* 响应率's numerator */
	int64_t respond_counted; /* and denominator */
	int64_t resolved;        /* 解决率's numerator */
	int64_t accepted;        /* and denominator */
	int64_t satisfied;       /* 满意率's numerator: 满意 + 基本满意 */
	int64_t rated;           /* and denominator */
	int64_t rejected;        /* 不予受理 */
};

/* A rate in tenths of a percent (873 is 87.3%), rounded half up; -1 when
 * its denominator is 0 (shown as "—"). */
struct wo_rates {
	int respond, resolve, satisfy;
};

/* The three rates of c. Pure. */
struct wo_rates wo_rates_from_counts(const struct wo_counts *c);
/* A rate as "87.3%" or "—", into out (at least 8 bytes). */
void wo_rate_format(int rate, char *out, size_t len);
/* Adds b's counts to a. */
void wo_counts_add(struct wo_counts *a, const struct wo_counts *b);

/* Counts of a period by type and channel: one row per pair that has orders. */
struct wo_kind_counts {
	enum wo_kind kind;
	enum wo_channel channel;
	struct wo_counts c;
};

/* The community's orders received in [from, to), grouped by type and
 * channel (one statement; sum them for the period's totals). now decides
 * which response limits have passed. 0 or -1. */
int wo_stats_by_kind(struct db *db, struct arena *a, int64_t community_id, int64_t from, int64_t to,
                     int64_t now, struct wo_kind_counts **out, size_t *n);

/* Twelve months' counts: month i covers [bounds[i], bounds[i+1]). */
#define WO_TREND_MONTHS 12
struct wo_trend {
	int64_t bounds[WO_TREND_MONTHS + 1];
	struct wo_counts month[WO_TREND_MONTHS];
};
/* The 12 calendar months (China time) ending with the one holding `last`
 * (its start and the 12 starts before, and the end of its month). Pure. */
void wo_trend_bounds(int64_t last, int64_t bounds[WO_TREND_MONTHS + 1]);
/* Fills t->month from t->bounds over one community's orders (community_id
 * > 0: one grouped statement) or every community under unit `scope`
 * (community_id 0; scope 0: everywhere; from workorders_daily and the
 * orders not yet responded to). 0 or -1. */
int wo_stats_trend(struct db *db, int64_t community_id, int64_t scope, int64_t now, struct wo_trend *t);

/* The day of workorders_daily that holds time t: days since 1970-01-01
 * in China time, as its triggers compute it. Pure. */
int64_t wo_day_of(int64_t t);

/* Installs the triggers that keep workorders_daily with workorders_order
 * (SQLite triggers; a PL/pgSQL function and its triggers on PostgreSQL)
 * and fills it from the orders already there, in the caller's transaction
 * (the migration of 0004_workorders_daily.sql). 0, or -1 with the reason
 * in err. */
int wo_stats_counters_install(struct db *db, char *err, size_t errlen);
/* Counts workorders_daily again from the orders (replacing its rows), in
 * the caller's transaction if any. 0 or -1. */
int wo_stats_counters_fill(struct db *db);

/* One community's counts for the street and district dashboard. */
struct wo_community_counts {
	int64_t community_id;
	struct wo_counts c;
};
/* Counts of [from, to) (China midnights) per community under unit scope
 * (0: everywhere), ordered by community id, from workorders_daily (its
 * cost grows with the days and communities, not the orders) and the orders
 * not yet responded to; communities without orders have no row. 0 or -1. */
int wo_stats_by_community(struct db *db, struct arena *a, int64_t scope, int64_t from, int64_t to,
                          int64_t now, struct wo_community_counts **out, size_t *n);

/* An overdue open order: an accept, respond or finish limit has passed
 * without the step it asks for. */
struct wo_overdue {
	int64_t community_id, id;
	enum wo_kind kind;
	enum wo_state state;
	const char *subject_masked;
	int64_t received_at;
	int64_t due;      /* the earliest limit passed */
	const char *what; /* "受理", "响应" or "办结" */
};
#define WO_OVERDUE_MAX 200
/* The open overdue orders at now of one community (community_id > 0) or of
 * every community under scope (community_id 0; scope 0: everywhere), the
 * longest waiting (received first) first, at most max (*more set when there were more). 0 or -1. */
int wo_stats_overdue(struct db *db, struct arena *a, int64_t community_id, int64_t scope, int64_t now,
                     size_t max, struct wo_overdue **out, size_t *n, int *more);

/* ---- the public list of closed orders ---- */

/* 已解决, 未解决, 不予受理: what a closed order's line says. */
enum wo_outcome { WO_O_RESOLVED, WO_O_UNRESOLVED, WO_O_REJECTED, WO_O__MAX };
const char *wo_outcome_label(enum wo_outcome o);

/* One line of the public list: masked columns only, never the requester,
 * the phone, the description or the address beyond the building. */
struct wo_closed {
	int64_t id;
	enum wo_kind kind;
	const char *subject_masked, *address_masked;
	int64_t received_at, closed_at;
	enum wo_outcome outcome;
};
#define WO_CLOSED_PER_PAGE 50
#define WO_CLOSED_EXPORT_MAX 10000
/* A page of the community's orders with a closing time (closed, or not
 * accepted once the store stamps that), newest closed first, walking
 * workorders_order_closed_list; limit + 1 read so that *more tells whether
 * a next page exists. 0 or -1. */
int wo_closed_list(struct db *db, struct arena *a, int64_t community_id, int64_t offset, int limit,
                   struct wo_closed **out, size_t *n, int *more);

/* ---- the quarterly summary (workorders_stats_summary.c) ---- */

struct wo_range;

/* A subject and how many orders of a period had it. */
struct wo_subject_count {
	const char *subject_masked;
	int64_t n;
};
/* The max most frequent (masked) subjects of the community's orders
 * received in [from, to) that occur at least twice (a subject met once is
 * one resident's, not a hot issue), most first. 0 or -1. */
int wo_stats_top_subjects(struct db *db, struct arena *a, int64_t community_id, int64_t from, int64_t to,
                          int max, struct wo_subject_count **out, size_t *n);

/* The quarter "YYYY-Q" (Q 1..4) as a range, or with s NULL or "" the last
 * quarter ended before now; *year and *q are set. 0, or -1 when s does not
 * name a quarter of 2000..2999 that has begun by now. Pure. */
int wo_quarter_range(const char *s, int64_t now, struct wo_range *out, int *year, int *q);

/* The summary's form: the quarter, the title and text as generated or as
 * typed, their errors, and a refusal for the whole form. */
struct wo_summary_form {
	int year, q;
	const char *quarters[8], *quarter_labels[8]; /* the picker: the last 8 quarters, newest first */
	const char *title, *body;
	const char *title_err, *body_err, *refusal;
};
void wo_view_summary(struct req *r, const struct wo_summary_form *f);
enum http_result wo_h_summary(struct req *r);

/* ---- periods (workorders_stats.c, pure) ---- */

enum wo_period { WO_P_MONTH, WO_P_LAST_MONTH, WO_P_QUARTER, WO_P_YEAR, WO_P_CUSTOM, WO_P__MAX };

/* The period [from, to) of received_at, and its words for the page. */
struct wo_range {
	enum wo_period period;
	int64_t from, to;
	char from_text[11], to_text[11]; /* YYYY-MM-DD, to_text the last day included */
};

/* The period named p (本月, 上月, 本季度, 本年) in China time around now. For
 * WO_P_CUSTOM, from and to are dates "YYYY-MM-DD", to included; 0, or -1
 * when one does not parse, to is before from, or the range passes 10
 * years. Pure. */
int wo_range_make(enum wo_period p, int64_t now, const char *from, const char *to, struct wo_range *out);
const char *wo_period_name(enum wo_period p);
const char *wo_period_label(enum wo_period p);
int wo_period_from(const char *s);

/* ---- pages (workorders_stats_routes.c fills, workorders_stats_view.c shows) ---- */

/* One community's row on the street and district dashboard. */
struct wo_dash_row {
	const struct community *community;
	struct wo_counts c;
};

/* What a dashboard shows: a community's (slug set) or the communities'
 * under the visitor's street or district (rows set). */
struct wo_dash {
	const char *heading; /* the community's or the area's name */
	const char *slug;    /* the community's, NULL on the area dashboard */
	struct wo_range g;
	const char *from, *to; /* the custom dates as typed */
	const char *error;     /* why the custom dates were not taken, or NULL */
	struct wo_counts total;
	struct wo_counts kind[WO_K__MAX], channel[WO_CH__MAX];
	struct wo_kind_counts *cells; /* per type and channel, for the export */
	size_t ncells;
	struct wo_dash_row *rows;
	size_t nrows;
	const struct community *communities; /* by id, to name the overdue orders' communities */
	size_t ncommunities;
	struct wo_trend trend;
	struct wo_overdue *overdue;
	size_t noverdue;
	int overdue_more;
};

void wo_view_dashboard(struct req *r, const struct wo_dash *d);

/* The public list's page (page number, its lines, a next page or not). */
struct wo_closed_page {
	int64_t page;
	struct wo_closed *rows;
	size_t n;
	int more;
};
void wo_view_closed(struct req *r, const struct wo_closed_page *p);
/* Its export: every line up to WO_CLOSED_EXPORT_MAX. 0 or -1. */
int wo_view_closed_export(struct req *r, const struct wo_closed_page *p, struct export_table *x);
enum http_result wo_h_closed(struct req *r);
enum http_result wo_h_closed_export(struct req *r);
/* The figures as a table for the .csv/.xlsx export. 0 or -1. */
int wo_view_dashboard_export(struct req *r, const struct wo_dash *d, struct export_table *x);

enum http_result wo_h_dashboard(struct req *r);
enum http_result wo_h_dashboard_export(struct req *r);
enum http_result wo_h_area_dashboard(struct req *r);
enum http_result wo_h_area_dashboard_export(struct req *r);

#endif
