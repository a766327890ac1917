/* What the orgs routes hand to the orgs views, the form parsers and the
 * handlers the module's table lists. Private to the module. */
#ifndef SHEQU_MODULES_ORGS_WEB_H
#define SHEQU_MODULES_ORGS_WEB_H
#include "http/parse.h"
#include "http/request.h"
#include "modules/orgs/orgs_internal.h"
#include "web/table.h"

#define ORGS_PER_PAGE 30
#define ORGS_EXPORT_MAX 100000 /* rows of an export at most */

/* ---- form parsing (orgs_forms.c: pure, fuzzed by fuzz_orgs_form) ---- */
enum { OF_NAME, OF_KIND, OF_GROUP, OF_PURPOSE, OF_FOUNDED, OF_MEETS, OF_JOIN, OF__MAX };
struct orgs_org_form {
	const struct orgs_org *editing; /* NULL: a new organization */
	const char *vals[OF__MAX];
	const char *errs[OF__MAX];
	const char *refusal;
};
/* Reads a posted organization form into f (values normalised, a message
 * by field) and *o: the kind and its group (a group only, and always, for
 * a 志愿服务队), a typed founding day (date_parse_typed, not in the
 * future of `today`), and the public fields refused when they hold a
 * mobile or ID number (pii_text_holds_personal). The number of errors. */
int orgs_org_read(struct arena *a, const struct kvlist *form, const char *today, struct orgs_org_form *f,
		  struct orgs_org *o);

enum { DF_NAME, DF_MOBILE, DF_ROLE, DF__MAX };
struct orgs_desk_form {
	const char *vals[DF__MAX];
	const char *errs[DF__MAX];
	const char *refusal;
};
/* Reads the desk form (a person's name, an optional 11-digit mobile and a
 * role) into f and *m (name, mobile as 11 digits or "", role). The number
 * of errors. */
int orgs_desk_read(struct arena *a, const struct kvlist *form, struct orgs_desk_form *f, struct orgs_member *m);

/* A reason typed for a step (1..200 characters; required): NULL with *out
 * set to the normalised text, or the message for the field. */
const char *orgs_reason_read(struct arena *a, const char *typed, const char **out);
/* A note of an application (0..200 characters, may hold no mobile or ID
 * number: leaders read it): NULL with *out set, or the message. */
const char *orgs_note_read(struct arena *a, const char *typed, const char **out);
/* A typed day (date_parse_typed) from 1950 to `today` as "YYYY-MM-DD" in
 * out: NULL, or the message (label names the field). Empty is an error when
 * required, else out is "". */
const char *orgs_day_read(struct arena *a, const char *typed, const char *label, int required, const char *today,
			  char out[11]);

enum { SF_TITLE, SF_ON, SF_PERSON, SF_CONSENT, SF_ORG, SF_BODY, SF__MAX };
struct orgs_story_form {
	const struct orgs_story *editing; /* NULL: a new story */
	const char *vals[SF__MAX];
	const char *errs[SF__MAX];
	const char *photo_err, *refusal;
	struct orgs_org *orgs; /* to choose from */
	size_t norgs;
	struct orgs_photo *photos; /* the story's, when editing */
	size_t nphotos;
	const char *notice;
};
/* Reads a posted story form into f and *s: title, a typed day not after
 * today, the person or group praised (editing: empty keeps the kept one,
 * s->person NULL), the consent box ("1"), an optional
 * organization id, the body; the public fields (title, person, body)
 * refused when they hold a mobile or ID number however written. The
 * number of errors. */
int orgs_story_read(struct arena *a, const struct kvlist *form, const char *today, struct orgs_story_form *f,
		    struct orgs_story *s);

/* ---- shared (orgs_routes.c) ---- */
/* A positive id from a path segment, else 0. */
int64_t orgs_id_param(const char *s);
/* The window of a list: the page asked for (?page=), its offset and the
 * rows to read (one past the page), or every row for an export (all).
 * 0, or a 400 result. */
int orgs_page_window(struct req *r, int all, int64_t *page, int64_t *offset, int64_t *limit);
/* Today in China time, "YYYY-MM-DD", in the request's arena. */
const char *orgs_today(struct req *r);

/* ---- pages ---- */
struct orgs_list_page {
	struct orgs_org *orgs;
	size_t n;
	int64_t page;
	int has_next;
	int kind; /* the filter, -1 all */
	const char *notice;
};

struct orgs_org_page {
	struct orgs_org o;
	struct orgs_member *leaders;
	size_t nleaders;
	const struct orgs_member *mine; /* the visitor's open membership, or NULL */
	int may_manage;			/* a link to the manage page */
	const char *notice;
};

struct orgs_join_page {
	const struct orgs_org *o;
	const char *note, *note_err, *refusal;
};

struct orgs_mine_page {
	struct orgs_member *m;
	size_t n;
	int64_t page;
	int has_next;
	const char *notice;
};

struct orgs_manage_page {
	struct orgs_org o;
	int staff; /* full mobiles and roles: staff only */
	int state; /* the list shown: OM_ACTIVE, OM_PENDING or -1 (every record) */
	struct orgs_member *m;
	size_t n;
	int64_t page;
	int has_next;
	const char *notice;
};

/* A page that asks for a reason (and maybe a day) before a step, or shows
 * what an audited view opened. */
struct orgs_reason_page {
	const char *title, *lead, *action, *back, *submit;
	const char *reason, *reason_err, *on, *on_err;
	int with_date;
	const char *refusal;
	const char *shown; /* the opened personal data after an audited view, or NULL */
};

/* orgs_view.c */
extern const struct tcol orgs_list_cols[];
extern const int orgs_list_ncols;
void orgs_list_rows(struct table *t, struct req *r, const struct orgs_org *o, size_t n);
void orgs_view_list(struct req *r, const struct orgs_list_page *p);
void orgs_view_org(struct req *r, const struct orgs_org_page *p);
void orgs_view_join(struct req *r, const struct orgs_join_page *p);
extern const struct tcol orgs_mine_cols[];
extern const int orgs_mine_ncols;
void orgs_mine_rows(struct table *t, struct req *r, const struct orgs_member *m, size_t n);
void orgs_view_mine(struct req *r, const struct orgs_mine_page *p);

/* orgs_admin_view.c */
extern const struct tcol orgs_admin_cols[];
extern const int orgs_admin_ncols;
void orgs_admin_rows(struct table *t, struct req *r, const struct orgs_org *o, size_t n);
void orgs_view_admin(struct req *r, const struct orgs_list_page *p);
void orgs_view_org_form(struct req *r, const struct orgs_org_form *f);
void orgs_view_reason(struct req *r, const struct orgs_reason_page *p);

/* orgs_manage_view.c */
extern const struct tcol orgs_member_cols[];
extern const int orgs_member_ncols;
void orgs_member_rows(struct table *t, struct req *r, const struct orgs_manage_page *p);
void orgs_view_manage(struct req *r, const struct orgs_manage_page *p);
void orgs_view_desk(struct req *r, const struct orgs_org *o, const struct orgs_desk_form *f);

/* orgs_story_view.c */
struct orgs_story_list_page {
	struct orgs_story *s;
	size_t n;
	int64_t page;
	int has_next;
	const char *notice;
};
struct orgs_story_page {
	struct orgs_story s;
	struct orgs_photo *photos;
	size_t nphotos;
};
extern const struct tcol orgs_story_cols[];
extern const int orgs_story_ncols;
void orgs_story_rows(struct table *t, struct req *r, const struct orgs_story *s, size_t n);
void orgs_view_stories(struct req *r, const struct orgs_story_list_page *p);
void orgs_view_story(struct req *r, const struct orgs_story_page *p);
extern const struct tcol orgs_admin_story_cols[];
extern const int orgs_admin_story_ncols;
void orgs_admin_story_rows(struct table *t, struct req *r, const struct orgs_story *s, size_t n);
void orgs_view_admin_stories(struct req *r, const struct orgs_story_list_page *p);
void orgs_view_story_form(struct req *r, const struct orgs_story_form *f);

/* The workbench hook (orgs_workbench.c). */
struct workbench;
int orgs_workbench(struct req *r, const struct community *c, struct workbench *w);
/* The demo hook (orgs_demo.c). */
int orgs_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

/* Handlers (orgs_routes.c, orgs_admin.c, orgs_manage.c, orgs_api.c), listed in orgs_module.c. */
#define OH(name) enum http_result orgs_h_##name(struct req *r)
OH(list);
OH(list_export);
OH(org);
OH(join);
OH(mine);
OH(mine_export);
OH(leave);
OH(admin);
OH(admin_export);
OH(new);
OH(edit);
OH(dissolve);
OH(manage);
OH(manage_export);
OH(approve);
OH(refuse);
OH(remove);
OH(role);
OH(mobile);
OH(desk);
OH(stories);
OH(stories_export);
OH(story);
OH(story_photo);
OH(admin_stories);
OH(admin_stories_export);
OH(story_new);
OH(story_edit);
OH(story_publish);
OH(story_withdraw);
OH(api_list);
OH(api_one);
#undef OH

#endif
