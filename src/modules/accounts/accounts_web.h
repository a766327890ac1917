/* What the accounts routes hand to the accounts views, the module's store
 * and its handlers. Private to the module. */
#ifndef SHEQU_MODULES_ACCOUNTS_WEB_H
#define SHEQU_MODULES_ACCOUNTS_WEB_H
#include "http/request.h"
#include "modules/accounts/accounts.h"
#include "web/table.h"

#define ACCOUNTS_PAGE 50 /* rows a list page shows */

/* An account as the lists show it, with the roles it holds at the unit
 * listed (ROLE_BIT mask of resident, supervisor and staff). */
struct accounts_row {
	int64_t id;
	const char *username, *phone, *display_name; /* username and phone may be NULL */
	int disabled;
	int64_t created_at;
	unsigned roles;
	int64_t unit_id;       /* the community of the grant (staff lists) */
	const char *unit_name; /* its name (staff lists) */
};

/* The list's filters: role "" or "resident"/"supervisor"/"staff";
 * disabled -1 any, 0 enabled, 1 disabled; q "" or a piece of the name (or a
 * whole mobile number). */
struct accounts_filter {
	const char *role;
	int disabled;
	const char *q;
};

/* accounts_store.c */
/* The accounts holding resident, supervisor or staff at community_id that
 * pass the filter, newest first: up to limit rows after offset. 0 or -1. */
int accounts_list(struct db *db, struct arena *a, int64_t community_id, const struct accounts_filter *f,
                  int64_t offset, int limit, struct accounts_row **out, size_t *n);
/* The staff grants at communities under unit (a street or district; 0:
 * everywhere), one row per grant, by community then newest account first;
 * q as in the filter. Up to limit rows after offset. 0 or -1. */
int accounts_staff_list(struct db *db, struct arena *a, int64_t unit_id, const char *q, int64_t offset,
                        int limit, struct accounts_row **out, size_t *n);
/* One account, disabled or not, without its grants. 0, 1 none, -1. */
int accounts_get(struct db *db, struct arena *a, int64_t user_id, struct accounts_row *out);

/* The form that opens an account. */
enum { AF_NAME, AF_MOBILE, AF_USERNAME, AF_COMMUNITY, AF__MAX };
struct accounts_new_form {
	const char *vals[AF__MAX];
	const char *errs[AF__MAX];
	const char *refusal;
	int staff;                           /* the staff form of /admin/accounts/ (with a community) */
	const struct community *communities; /* staff form: where it may open accounts */
	size_t ncommunities;
};

/* The page that shows a new password once, with the slip to print. */
struct accounts_slip {
	const char *name, *login, *username, *password;
	const char *community; /* its name */
	const char *back;      /* the account's page */
	const char *site;      /* the site's address, or NULL */
	int reset;             /* 1: a reset, 0: a new account */
};

/* One account's page. */
struct accounts_page {
	const struct accounts_row *acct;
	const struct auth_user *grants; /* its grants */
	int manageable;                 /* r's user may reset and disable it */
	const char *why_not;            /* why not, when not */
	const char *notice;
	const char *base;              /* the page's own path: its forms post under it */
	const char *list;              /* the list it belongs to */
	const struct community *scope; /* admins: the communities they run, for revoking staff roles */
	size_t nscope;
};

/* The admins' form that grants the staff role: mobile, community. */
struct accounts_grant_form {
	const char *vals[2];
	const char *errs[2];
};

struct accounts_list_page {
	const struct accounts_grant_form *grant; /* staff list: the grant form as typed, or NULL */
	struct accounts_row *rows;
	size_t n;
	int64_t page;
	int has_next;
	const struct accounts_filter *f;
	const char *notice;
};

/* Supervisors (监督员): the appointment form, the end form, the page. */
enum { AS_MOBILE, AS_NAME, AS_APPOINTED, AS_TERM_END, AS__MAX };
struct accounts_appoint_form {
	const char *vals[AS__MAX];
	const char *errs[AS__MAX];
	const char *refusal;
};
enum { AE_ENDED, AE_REASON, AE__MAX };
struct accounts_end_form {
	const struct auth_supervisor_term *t;
	const char *vals[AE__MAX];
	const char *errs[AE__MAX];
};
struct accounts_supervisors_page {
	struct auth_supervisor_term *terms; /* serving first, then history */
	size_t n;
	struct auth_member *untermed; /* holding the role with no appointment recorded */
	size_t nuntermed;
	const char *notice;
};

/* Two committees' members (两委). */
enum { CF_COMMITTEE, CF_NAME, CF_TITLE, CF_DUTY, CF_TERM_START, CF_TERM_END, CF__MAX };
struct accounts_member_form {
	const struct committee_member *editing; /* NULL: a new member */
	const char *vals[CF__MAX];
	const char *errs[CF__MAX];
};
struct accounts_committee_page {
	struct committee_member *m;
	size_t n;
	const char *notice;
};

/* accounts_people_view.c */
void aview_committee(struct req *r, const struct accounts_committee_page *p);
void aview_member(struct req *r, const struct accounts_member_form *f);
void aview_member_delete(struct req *r, const struct committee_member *m);
void aview_supervisors(struct req *r, const struct accounts_supervisors_page *p);
void aview_appoint(struct req *r, const struct accounts_appoint_form *f);
void aview_end(struct req *r, const struct accounts_end_form *f);

/* accounts_view.c */
void aview_list(struct req *r, const struct accounts_list_page *p);
void aview_new(struct req *r, const struct accounts_new_form *f);
void aview_slip(struct req *r, const struct accounts_slip *s);
void aview_account(struct req *r, const struct accounts_page *p);
/* The admins' list of staff, with the form that grants the staff role at
 * one of the n communities they run. */
void aview_staff_list(struct req *r, const struct accounts_list_page *p, const struct community *c, size_t n);
/* The columns and rows of the lists, shared by the pages and exports. */
void aview_list_table(struct req *r, struct table *t, const struct accounts_row *rows, size_t n, int export);
extern const struct tcol aview_list_cols[];
extern const int aview_list_ncols;
void aview_staff_table(struct req *r, struct table *t, const struct accounts_row *rows, size_t n, int export);
extern const struct tcol aview_staff_cols[];
extern const int aview_staff_ncols;
/* The roles of a row in words ("居民、监督员"). */
const char *aview_roles(struct arena *a, unsigned roles);

/* accounts_routes.c: shared */
/* A positive id from a path segment, else 0. */
int64_t accounts_id_param(const char *s);
/* A readable initial password (three groups of four letters and digits,
 * no look-alikes) that auth_password_problem accepts. 0 or -1. */
int accounts_new_password(char out[16]);
/* The mobile number as people type it ("138-0013-8000", "+86 138 0013
 * 8000"; str_mobile_normalize) as 11 digits, or the text as it was. */
const char *accounts_mobile(struct arena *a, const char *v);

/* What an account's page lets staff do to it. */
enum accounts_act { ACCOUNTS_RESET, ACCOUNTS_DISABLE, ACCOUNTS_ENABLE };
/* Whether r's user may manage account u from the page in use: NULL when
 * so, else the refusal in Chinese; *missing set when u does not belong to
 * the page at all (answered 404, not 403). */
typedef const char *accounts_check_fn(struct req *r, const struct auth_user *u, int *missing);
/* Resets, disables or enables account id after locking it and checking it
 * with check, audited. base is the account's page ("/c/x/admin/accounts/7");
 * a reset answers with the slip, the others go back to base. */
enum http_result accounts_act(struct req *r, int64_t id, enum accounts_act what, accounts_check_fn *check,
                              const char *base);
/* The account's page: its row and grants, what r's user may do; scope
 * (NULL for a community's page) lists the communities whose staff role an
 * admin may revoke there. */
enum http_result accounts_show(struct req *r, int64_t id, accounts_check_fn *check, const char *base,
                               const char *list, const struct community *scope, size_t nscope);

/* Validates the account form into f (mobile normalised; the community
 * field is the caller's). The number of fields in error. */
int accounts_new_from_form(struct req *r, struct accounts_new_form *f);
/* Shows the form again with its errors: HR_INVALID. */
enum http_result accounts_new_again(struct req *r, struct accounts_new_form *f);
/* What else opening an account does in its transaction (an appointment):
 * 0 or -1. */
struct accounts_also {
	int (*run)(struct req *r, int64_t user_id, void *ctx);
	void *ctx;
	const char *action; /* the audit action instead of the default */
	const char *detail; /* added to the audit detail */
};
/* Makes an initial password, opens the account from f with role at unit
 * (named unit_name), does also (may be NULL), audited, and answers with the
 * slip (no-store); the account's page is list + its id. A taken mobile or
 * username shows the form again. */
enum http_result accounts_open(struct req *r, struct accounts_new_form *f, int64_t unit_id, enum role role,
                               const char *unit_name, const char *list, const struct accounts_also *also);

/* accounts_demo.c: the module's demo hook. 0 or -1. */
int accounts_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

/* Handlers, listed in accounts_module.c. */
#define AH(name) enum http_result accounts_h_##name(struct req *r)
AH(list);
AH(export);
AH(new);
AH(create);
AH(account);
AH(reset);
AH(disable);
AH(enable);
AH(staff_list);
AH(staff_export);
AH(staff_new);
AH(staff_create);
AH(staff_account);
AH(staff_reset);
AH(staff_disable);
AH(staff_enable);
AH(staff_grant);
AH(staff_revoke);
AH(supervisors);
AH(appoint_page);
AH(appoint);
AH(end_term);
AH(committee);
AH(member_new);
AH(member_edit);
AH(member_delete);
AH(member_move);
#undef AH

#endif
