/* What the volunteers routes hand to the views, the forms' typed values,
 * and the handlers the module's table lists. Private to the module. */
#ifndef SHEQU_MODULES_VOLUNTEERS_WEB_H
#define SHEQU_MODULES_VOLUNTEERS_WEB_H
#include "core/date.h"
#include "http/fields.h"
#include "http/request.h"
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

/* ---- pages ---- */

struct vol_home_page {
	const struct vol_volunteer *me; /* the visitor's registration, or NULL */
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
	const struct vol_full *full; /* opened (audited), or NULL */
	int ask;		     /* show the reason form */
	const char *reason, *reason_error, *notice;
};

/* ---- shared by the handlers (volunteers_routes.c) ---- */

/* The positive id in a path segment, or 0. */
int64_t vol_id_param(const char *s);
/* A sentence saying why a refusal code refused, in Chinese. */
const char *vol_refusal_text(int rc);
/* "12.5 小时" for minutes. */
const char *vol_hours_text(struct arena *a, int64_t minutes);
/* 1 if the logged-in visitor is a resident (or other role) of the community. */
int vol_is_member(const struct req *r);

/* ---- views ---- */
void volview_home(struct req *r, const struct vol_home_page *p);
void volview_register(struct req *r, const struct vol_reg_form *f);
void volview_admin(struct req *r, const struct vol_admin_page *p);
void volview_volunteer(struct req *r, const struct vol_volunteer_page *p);
/* The staff list's table as an export (the same columns as the page). 0 or -1. */
struct table;
struct export_table;
int volview_volunteers_export(struct req *r, struct table *t, struct export_table *x, const struct vol_volunteer *v,
			      size_t n);

/* ---- handlers ---- */
enum http_result vol_h_home(struct req *r);
enum http_result vol_h_register(struct req *r);
enum http_result vol_h_admin(struct req *r);
enum http_result vol_h_admin_export(struct req *r);
enum http_result vol_h_desk(struct req *r);
enum http_result vol_h_volunteer(struct req *r);
enum http_result vol_h_full(struct req *r);

/* Hooks. */
struct community;
int vol_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);
/* The account id of a login name, or 0 (the demo's people). */
int64_t vol_demo_user(struct db *db, struct arena *a, const char *login);

#endif
