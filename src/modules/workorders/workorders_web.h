/* The work orders' pages (wpages): what the routes hand to the views, the
 * handlers the module's table lists, the workbench hook, and the few
 * statements of the pages' own (workorders_pages_store.c). Private to the
 * module. */
#ifndef SHEQU_MODULES_WORKORDERS_WEB_H
#define SHEQU_MODULES_WORKORDERS_WEB_H
#include <stddef.h>
#include <stdint.h>

#include "http/request.h"
#include "modules/workorders/workorders_internal.h"
#include "web/cards.h"
#include "web/table.h"

/* Rows a page of the staff list shows, and an export holds at most. */
#define WO_PAGE_ROWS 50
#define WO_EXPORT_MAX 10000
#define WO_EXPORT_CHUNK 1000 /* rows read a call (wo_orders reads at most 1000) */
/* Orders one address may file without signing in per throttle window. */
#define WO_ANON_FILINGS 5
#define WO_USER_FILINGS 20 /* filings a signed-in account may make per throttle window */

/* ---- handlers (workorders_routes.c, workorders_routes_order.c: staff;
 * workorders_routes_public.c: residents) ---- */

enum http_result wo_h_new(struct req *r);
enum http_result wo_h_list(struct req *r);
enum http_result wo_h_export(struct req *r);
enum http_result wo_h_order(struct req *r);
enum http_result wo_h_act(struct req *r);
enum http_result wo_h_full(struct req *r);
enum http_result wo_h_rules(struct req *r);
enum http_result wo_h_attachment(struct req *r);
enum http_result wo_h_file(struct req *r);
/* GET /c/{c}/workorders/filed?code=: the page after filing, the code big (404 for another community's code). */
enum http_result wo_h_filed(struct req *r);
enum http_result wo_h_track(struct req *r);
enum http_result wo_h_mine(struct req *r);

/* The module's workbench hook (workorders_workbench.c). 0 or -1. */
int wo_workbench(struct req *r, const struct community *c, struct workbench *w);

/* ---- shared by the routes ---- */

/* Redirects to the order's page, with ?done=<done> when done is set. */
enum http_result wo_web_to_order(struct req *r, int64_t id, const char *done);
/* The signed-in visitor's name for the timeline. */
const char *wo_web_actor(const struct req *r);
/* A step by the signed-in visitor: community staff (ROLES_STAFF), else a
 * grid worker (the staff routes admit no one else), who may act only on
 * the orders assigned to them (wo_refusal). */
struct wo_step wo_web_step(const struct req *r, enum wo_action a);
/* A positive decimal id from a path segment or a form value, else 0. */
int64_t wo_web_id(const char *s);
/* Checks a form's uploads (r->files): at most WO_FILES_MAX files of
 * WO_FILE_MAX_BYTES, each a PDF, PNG or JPEG. NULL, or what is wrong. */
const char *wo_web_files_problem(struct req *r);
/* Stores the uploads (checked by wo_web_files_problem) with order id, in
 * the caller's transaction, as actor (staff at the desk, or the requester
 * as they file). 0 or -1. */
int wo_web_files_store(struct req *r, int64_t id, const struct wo_step *actor);
/* The deadline an open order is working to now: acceptance while received,
 * else the finish (or the first response while none was given); 0 for a
 * final or replied order (its turn is the requester's) or none. */
int64_t wo_web_next_due(enum wo_state state, const struct wo_due *due, int64_t responded_at);
/* Reads decimal degrees ("39.9042", "-116.4", at most 6 decimals) into
 * millionths within [-limit, limit] degrees. 0, or -1 when it is not one. */
int wo_web_degrees(const char *s, int limit, int64_t *e6);
/* Reads "YYYY-MM-DD HH:MM" (or a date alone: 00:00) China time into Unix
 * seconds. 0 or -1. */
int wo_web_time(const char *s, int64_t *t);

/* ---- views (workorders_view.c: staff; workorders_view_public.c: residents) ---- */

/* The attachments' file input (name "files", PDF, PNG or JPEG, several)
 * with its error above it when there is one (id "e-files"). */
void wo_view_files_field(struct req *r, const char *label, const char *error);
/* The time left until due in a span coloured by how near it is (— for
 * none), into b. */
void wo_view_time_left(struct buf *b, struct arena *a, int64_t due, int64_t now);
/* A <dt>label</dt><dd> of a deadline: the time, then how it was kept when
 * done (the time it was done, 0: not yet) or the time left. Nothing when
 * due is 0. */
void wo_view_dt_due(struct req *r, const char *label, int64_t due, int64_t done);

/* The desk intake form (fields by name in vals/errs). */
enum wo_new_field {
	NF_CHANNEL,
	NF_KIND,
	NF_SUBJECT,
	NF_DESCRIPTION,
	NF_ADDRESS,
	NF_LAT,
	NF_LON,
	NF_NAME,
	NF_PHONE,
	NF_ANONYMOUS,
	NF_RECEIVED,
	NF_FILES, /* the attachments' error */
	NF__MAX
};
struct wo_new_form {
	const char *vals[NF__MAX], *errs[NF__MAX];
	const char *refusal;
};
void wo_view_new(struct req *r, const struct wo_new_form *f);

/* The staff list. */
struct wo_list_page {
	struct wo_line *lines;
	size_t n;
	int64_t page;
	int more;
};
void wo_view_list(struct req *r, const struct wo_list_page *p);
/* The list's rows (for the page and its exports alike). */
void wo_view_rows(struct table *t, struct req *r, const struct wo_line *l, size_t n);
extern const struct tcol wo_list_cols[];
extern const int wo_list_ncols;

/* Someone an order can be handed to. */
struct wo_person {
	int64_t id;
	const char *name, *role;
};

/* The order page. */
struct wo_order_page {
	struct wo_order o;
	struct wo_rule rule;
	struct wo_event *events;
	size_t nevents;
	struct wo_person *people; /* staff and grid workers of the community */
	size_t npeople;
	struct wo_file *files; /* attachments, without their bytes */
	size_t nfiles;
	struct community *communities; /* transfer targets */
	size_t ncommunities;
	int full;	       /* the requester's full name and phone shown (audited) */
	int ask_full;	       /* the form asking why the full view is wanted */
	const char *notice;    /* after a step */
	const char *refusal;   /* a refused step, with the action it was */
	enum wo_action refused;
	const struct kvlist *kept; /* the refused form's fields */
	const char *refused_field; /* the field the refusal is about (shown beside it), or NULL */
	const char *refusal2, *refused_field2; /* a second problem of the same form and its field, or NULL */
	int has_mediation;	      /* a mediation record exists (m) */
	struct wo_mediation m;	      /* parties opened in the full view only */
	struct wo_session *sessions;
	size_t nsessions;
	const char *refused_what;     /* which mediation form was refused */
	int allowed[WO_A__MAX];	   /* what wo_refusal allows this visitor now (with a filled form) */
	int64_t now;
};
void wo_view_order(struct req *r, const struct wo_order_page *p);

/* The rules page. */
struct wo_rules_page {
	struct wo_rule rules[WO_K__MAX];
	const char *errs[WO_K__MAX];
	const char *notice;
};
void wo_view_rules(struct req *r, const struct wo_rules_page *p);

/* The resident's filing form. */
struct wo_file_form {
	const char *vals[NF__MAX], *errs[NF__MAX];
	const char *refusal;
	int signed_in;
};
void wo_view_file(struct req *r, const struct wo_file_form *f);
/* After filing: the tracking code, big, and how many attachments arrived. */
void wo_view_filed(struct req *r, const struct wo_order *o, size_t nfiles);
/* 1 when the order page shows the mediation's session and outcome forms. */
int wo_view_mediation_steps(const struct wo_order_page *p);

/* The tracking page: a form for the code (and phone); the order's public
 * view when found; the rating and reopen forms when the phone matched or
 * the visitor is the requester. */
struct wo_track_page {
	const char *code, *phone;
	const char *code_err, *phone_err, *refusal, *notice;
	int found, proved;
	struct wo_order o;
	struct wo_event *events;
	size_t nevents;
	int may_rate, may_reopen;
	const char *rating, *comment; /* kept on refusal */
	int64_t now;
};
void wo_view_track(struct req *r, const struct wo_track_page *p);
/* 我的工单. */
void wo_view_mine(struct req *r, const struct wo_line *l, size_t n);

/* ---- the pages' own statements (workorders_pages_store.c) ---- */

/* Counts for the community workbench, at now: orders to accept, of them
 * those whose acceptance or first response is overdue or due within a
 * day; open orders overdue and due within a day; ... */
struct wo_bench_counts {
	int64_t to_accept, accept_soon, accept_overdue;
	int64_t overdue, soon, mine, extensions, unsatisfied;
};
/* The counts of one community; extensions leave out those asked by user;
 * mine counts orders assigned to user. 0 or -1. */
int wo_bench_counts(struct db *db, int64_t community_id, int64_t user, int64_t now, struct wo_bench_counts *out);
/* Open orders overdue and due within a day per community under unit (a
 * street or district; 0: all), in one grouped query; a community without
 * open orders has no row. 0 or -1. */
struct wo_bench_row {
	int64_t community_id, overdue, soon;
	const char *slug;
};
int wo_bench_under(struct db *db, struct arena *a, int64_t unit, int64_t now, struct wo_bench_row **out, size_t *n);

#endif
