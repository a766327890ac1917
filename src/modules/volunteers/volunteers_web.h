/* What the volunteers routes hand to the views, the forms' typed values,
 * and the handlers the module's table lists. Private to the module. */
#ifndef SHEQU_MODULES_VOLUNTEERS_WEB_H
#define SHEQU_MODULES_VOLUNTEERS_WEB_H
#include "core/date.h"
#include "http/fields.h"
#include "http/request.h"
#include "modules/orgs/orgs.h"
#include "modules/volunteers/volunteers_internal.h"

#define VOL_PER_PAGE 20
#define VOL_EXPORT_MAX 20000 /* rows an export holds at most */

/* ---- the registration form (volunteers_form.c) ---- */

enum { RF_NAME, RF_PHONE, RF_NOTE, RF_SKILLS, RF_AVAIL, RF_GROUPS, RF__MAX };
struct vol_reg_form {
	/* as typed; for RF_SKILLS, RF_AVAIL and RF_GROUPS the chosen codes
	 * (',' separated), their errors by the group */
	const char *vals[RF__MAX], *errs[RF__MAX];
	int desk;	     /* staff at the desk: name and mobile asked */
	const char *refusal; /* the form refused as a whole, or NULL */
	int editing;	     /* the resident's registration exists: the form changes it */
};
/* Reads a posted registration (checkboxes skill_<code>, avail_<code>,
 * group_<code> sending "1"; at the desk also name and mobile) into f and
 * *v (strings in a; the caller sets user_id or by_user). At least one
 * availability is asked; no group is 社区志愿者. The number of fields in
 * error. */
int vol_reg_read(struct arena *a, const struct kvlist *form, struct vol_reg_form *f, struct vol_new *v);
/* The form's values of a registration. */
void vol_reg_fill(const struct vol_volunteer *v, struct vol_reg_form *f);


/* ---- the project, shift, hours and 补录 forms (volunteers_project_form.c) ---- */

enum { PF_TITLE, PF_DESCRIPTION, PF_PLACE, PF_ORG, PF_ORGANIZER, PF_LEADER, PF__MAX };
struct vol_project_form {
	const char *vals[PF__MAX], *errs[PF__MAX];
	const char *refusal;
	const struct vol_project *editing; /* NULL: a new project */
	const struct orgs_choice *orgs;	   /* the organizations to choose from (the route reads them) */
	size_t norgs;
};
/* Reads a posted project form into f and *p (strings point into f->vals;
 * the 负责人 is left for the caller to look up from vals[PF_LEADER], a
 * login name or mobile, "" none). The number of fields in error. */
int vol_project_read(struct arena *a, const struct kvlist *form, struct vol_project_form *f, struct vol_project *p);

enum { SF_DATE, SF_START, SF_END, SF_PLACES, SF__MAX };
struct vol_shift_form {
	const char *vals[SF__MAX], *errs[SF__MAX];
};
/* Reads a posted shift (a day without its year taken as the nearest,
 * times as people type them; an end not after the start is the next day:
 * 22:00–06:00) into f, *starts, *ends and *places. The number of fields in
 * error. */
int vol_shift_read(struct arena *a, const struct kvlist *form, struct ymd today, struct vol_shift_form *f,
		   int64_t *starts, int64_t *ends, int64_t *places);

/* Hours as people type them ("2", "2.5", "2小时", "1.25") into whole
 * minutes, at most max_minutes: 0, or -1. */
int vol_hours_parse(const char *s, int64_t max_minutes, int64_t *minutes);

/* What is wrong with a reason typed (a correction, a cancellation, a
 * revocation, a full view): NULL when it is 2 to 200 characters without
 * control characters, else the words (Chinese; what names it). */
const char *vol_reason_problem(struct arena *a, const char *what, const char *reason);

enum { BF_DATE, BF_START, BF_END, BF_PROJECT, BF_REASON, BF__MAX };
struct vol_backfill_form {
	const char *vals[BF__MAX], *errs[BF__MAX];
	const char *refusal;
};
/* Reads a posted 补录 (date, times, project number, reason) into f, the
 * service's *starts and *ends, and the project *pid. The number of fields
 * in error. */
int vol_backfill_read(struct arena *a, const struct kvlist *form, struct ymd today, struct vol_backfill_form *f,
		      int64_t *starts, int64_t *ends, int64_t *pid);

struct table;
struct export_table;

enum { CF_FROM, CF_TO, CF_ISSUER, CF__MAX };
struct vol_cert_form {
	const char *vals[CF__MAX], *errs[CF__MAX];
	const char *refusal;
};
/* Reads a posted certificate form (the period's first and last day as
 * people type them, the issuer) into f, *from and *to. The number of
 * fields in error. */
int vol_cert_read(struct arena *a, const struct kvlist *form, struct vol_cert_form *f, struct ymd *from,
		  struct ymd *to);

/* ---- pages ---- */

struct vol_home_page {
	const struct vol_volunteer *me; /* the visitor's registration, or NULL */
	struct vol_project *p;		/* the projects recruiting */
	struct vol_rank *top; /* this year's first ten */
	size_t ntop;
	int year;
	size_t n;
	int has_next;
	int64_t page;
};

struct vol_admin_page {
	struct vol_volunteer *v;
	size_t n;
	int has_next;
	int64_t page;
	const char *q, *q_error, *notice;
};

struct vol_volunteer_page {
	const struct vol_volunteer *v;
	struct vol_record *r; /* the records, a page of them */
	struct vol_certificate *certs;
	size_t ncerts;
	size_t n;
	int has_next;
	int64_t page;
	const struct vol_full *full; /* opened (audited), or NULL */
	int ask;		     /* show the reason form */
	const char *reason, *reason_error, *notice;
};


struct vol_projects_page { /* the staff list, or the public list of recruiting ones */
	struct vol_project *p;
	size_t n;
	int has_next;
	int64_t page;
	const char *notice;
};

struct vol_project_page {
	const struct vol_project *p;
	struct vol_shift *s;
	size_t n;
	const struct vol_volunteer *me; /* the visitor's registration, or NULL */
	struct vol_record **mine;	/* by s: the visitor's live sign-up, or NULL */
	const char *notice, *error;
};

struct vol_project_admin_page {
	struct vol_project_form *f;
	struct vol_shift *s;
	size_t n;
	struct vol_shift_form *sf;
	const char *notice, *state_error;
};

struct vol_shift_page {
	const struct vol_project *p;
	const struct vol_shift *s;
	struct vol_record *r;
	size_t n;
	int staff;
	const char *notice, *error;
	const char *add_value, *add_error; /* the staff sign-up form */
	int64_t fix_id;			   /* the record whose correction form failed */
	const char *fix_hours, *fix_reason, *fix_error;
};

struct vol_mine_page {
	const struct vol_volunteer *me;
	struct vol_record *r;
	size_t n;
	struct vol_certificate *certs; /* the volunteer's certificates, newest first */
	size_t ncerts;
	const char *notice;
};

struct vol_pass_page { /* the volunteer's pass, or the 负责人's scan page */
	const struct vol_record *r;
	const char *url; /* the pass: the absolute URL its QR code holds */
	const char *notice, *error;
	int64_t valid_until;
};

struct vol_ranking_page {
	struct vol_rank *r;
	size_t n;
	int year, this_year;
};
struct vol_stars_page {
	struct vol_rank *r;
	size_t n;
	int has_next;
	int64_t page;
};

/* ---- shared by the handlers (volunteers_routes.c) ---- */

/* The positive id in a path segment, or 0. */
int64_t vol_id_param(const char *s);
/* The volunteer of the path segment seg for r's community into *v: 0, or
 * the handler's answer (404 page, 500) in *hr. */
int vol_volunteer_load(struct req *r, const char *seg, struct vol_volunteer *v, enum http_result *hr);
/* A sentence saying why a refusal code refused, in Chinese. */
const char *vol_refusal_text(int rc);
/* "12.5 小时" for minutes. */
const char *vol_hours_text(struct arena *a, int64_t minutes);
/* 1 if the logged-in visitor is a resident (or other role) of the community. */
int vol_is_member(const struct req *r);

/* "11月30日 周日 22:00–次日06:00" for a shift's time, China time. */
const char *vol_when_text(struct arena *a, int64_t starts, int64_t ends);
/* The project of the path's id for r's community into *p: 0, or the
 * handler's answer (404 page, 500) in *hr. Drafts only for staff. */
int vol_project_load(struct req *r, const char *seg, struct vol_project *p, enum http_result *hr);
/* 1 if the visitor may check volunteers in on project p: staff of the
 * community or its 负责人. */
int vol_may_lead(const struct req *r, const struct vol_project *p);

/* ---- views ---- */
void volview_home(struct req *r, const struct vol_home_page *p);
void volview_register(struct req *r, const struct vol_reg_form *f);
void volview_admin(struct req *r, const struct vol_admin_page *p);
void volview_volunteer(struct req *r, const struct vol_volunteer_page *p);
/* The staff list's table as an export (the same columns as the page). 0 or -1. */
int volview_volunteers_export(struct req *r, struct table *t, struct export_table *x, const struct vol_volunteer *v,
			      size_t n);

void volview_projects(struct req *r, const struct vol_projects_page *p);
int volview_projects_export(struct req *r, struct table *t, struct export_table *x, const struct vol_project *p,
			    size_t n);
void volview_project(struct req *r, const struct vol_project_page *p);
void volview_project_form(struct req *r, const struct vol_project_admin_page *p);
void volview_shift(struct req *r, const struct vol_shift_page *p);
void volview_mine(struct req *r, const struct vol_mine_page *p);
void volview_pass(struct req *r, const struct vol_pass_page *p);
void volview_scan(struct req *r, const struct vol_pass_page *p);
void volview_backfill(struct req *r, const struct vol_volunteer *v, const struct vol_backfill_form *f);
/* The records table (志愿服务记录: who, what, when, hours, confirmed by
 * whom) of n records into t, a page or an export. */
void volview_record_rows(struct req *r, struct table *t, const struct vol_record *x, size_t n);
/* Opens the records table on the page or, x not NULL, as an export titled title. 0 or -1. */
int volview_records_begin(struct req *r, struct table *t, struct export_table *x, const char *title);
void volview_home_projects(struct req *r, const struct vol_projects_page *p);

void volview_cert_form(struct req *r, const struct vol_volunteer *v, const struct vol_cert_form *f);
/* The certificate's page: the public check (staff 0) or the staff page
 * with the PDF link and the revoke form. */
/* 证明核验: the form to type a certificate's number, with what was typed and its error. */
void volview_cert_lookup(struct req *r, const char *typed, const char *error);
void volview_certificate(struct req *r, const struct vol_certificate *c, int staff, const char *notice,
			 const char *error);

void volview_ranking(struct req *r, const struct vol_ranking_page *p);
void volview_stars(struct req *r, const struct vol_stars_page *p);
/* The ranking's table (rank, masked name, hours, records) into t, page or export. */
int volview_ranking_table(struct req *r, struct table *t, struct export_table *x, const char *title,
			  const struct vol_rank *v, size_t n, int64_t first, int stars);

/* ---- handlers ---- */
enum http_result vol_h_project(struct req *r);
enum http_result vol_h_signup(struct req *r);
enum http_result vol_h_cancel(struct req *r);
enum http_result vol_h_mine(struct req *r);
enum http_result vol_h_pass(struct req *r);
enum http_result vol_h_shift(struct req *r);
enum http_result vol_h_shift_signup(struct req *r);
enum http_result vol_h_check(struct req *r);
enum http_result vol_h_confirm(struct req *r);
enum http_result vol_h_scan(struct req *r);
enum http_result vol_h_projects(struct req *r);
enum http_result vol_h_projects_export(struct req *r);
enum http_result vol_h_project_new(struct req *r);
enum http_result vol_h_project_edit(struct req *r);
enum http_result vol_h_project_state(struct req *r);
enum http_result vol_h_shift_add(struct req *r);
enum http_result vol_h_backfill(struct req *r);
enum http_result vol_h_records_export(struct req *r);
enum http_result vol_h_mine_export(struct req *r);
enum http_result vol_h_cert_new(struct req *r);
enum http_result vol_h_cert_admin(struct req *r);
enum http_result vol_h_cert_pdf(struct req *r);
enum http_result vol_h_cert_revoke(struct req *r);
enum http_result vol_h_cert_check(struct req *r);
enum http_result vol_h_cert_lookup(struct req *r);
enum http_result vol_h_pending(struct req *r);
enum http_result vol_h_api_projects(struct req *r);
enum http_result vol_h_api_project(struct req *r);
enum http_result vol_h_today(struct req *r);
enum http_result vol_h_ranking(struct req *r);
enum http_result vol_h_ranking_export(struct req *r);
enum http_result vol_h_stars(struct req *r);
enum http_result vol_h_stars_export(struct req *r);
enum http_result vol_h_home(struct req *r);
enum http_result vol_h_register(struct req *r);
enum http_result vol_h_admin(struct req *r);
enum http_result vol_h_admin_export(struct req *r);
enum http_result vol_h_desk(struct req *r);
enum http_result vol_h_volunteer(struct req *r);
enum http_result vol_h_full(struct req *r);

/* Hooks. */
struct community;
struct workbench;
int vol_workbench(struct req *r, const struct community *c, struct workbench *w);
int vol_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);
/* The account id of a login name, or 0 (the demo's people). */
int64_t vol_demo_user(struct db *db, struct arena *a, const char *login);

#endif
