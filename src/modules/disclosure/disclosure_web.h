/* What the disclosure routes hand to the disclosure views. Private to the module. */
#ifndef SHEQU_MODULES_DISCLOSURE_WEB_H
#define SHEQU_MODULES_DISCLOSURE_WEB_H
#include "auth/auth.h"
#include "http/request.h"
#include "modules/disclosure/disclosure_internal.h"
#include "web/export.h"

#define BOARD_PAGE 20
#define BOARD_YEARS 30

struct board_page {
	struct disclosure_item *items;
	size_t nitems;
	int64_t item_id; /* filter, 0 for all */
	int year;	 /* filter by year of publication (CST), 0 for all */
	int years[BOARD_YEARS]; /* the years that have posts, newest first */
	size_t nyears;
	struct disclosure_post *posts;
	size_t nposts;
	int64_t page;
	int has_next;
	int64_t log_size;
};

struct post_page {
	struct disclosure_post post; /* shown with its own item title and list columns */
	struct disclosure_post replaced; /* when post.replaces_id */
	struct disclosure_recipient *recipients;
	size_t nrecipients;
	struct disclosure_thread *threads;
	size_t nthreads;
	struct disclosure_attachment *attachments;
	size_t nattachments;
	const char *objection_errs[2]; /* body, phone */
	const char *objection_vals[2];
	const char *notice; /* at the top, e.g. the poster check */
	const char *objection_notice; /* in the objection section, where the form was: "异议已提交" */
	int refused;	    /* the objection was refused because the period ended */
	const char *objection_refusal; /* e.g. too many objections from this phone */
	size_t nheld, nrejected;       /* objections awaiting review, and rejected ones */
	int review_objections;	       /* new objections wait for review before they show */
	/* The objection form itself (…/objection); the post's own page links
	 * to it instead, so that the page holds no form token and can be kept
	 * in the response cache. */
	int objection_form;
};

/* A supervisor's appointment as the accounts pages record it. */
struct supervisor_term {
	const char *appointed_on; /* YYYY-MM-DD; NULL: unknown, the role's grant date is shown */
	const char *term_end;	  /* YYYY-MM-DD; NULL or "": no fixed term */
};

struct supervisors_page {
	struct auth_member *members;
	size_t nmembers;
	/* Parallel to members: each one's appointment date and term
	 * (auth_supervisor_terms_public); a member appointed before terms were
	 * kept has NULL dates and shows the role's grant date. */
	const struct supervisor_term *terms;
	const char *vkey;
	struct tlog_head head;
	int has_head;
	struct disclosure_thread *opinions;
	size_t nopinions;
	struct disclosure_item *items;
	size_t nitems;
	struct disclosure_post *posts;
	size_t nposts;
	const char *errs[2]; /* target, body */
	const char *vals[2];
	const char *notice;
	struct disclosure_settings settings;
	struct disclosure_setting_change *changes; /* as the public records say them: roles, not names */
	size_t nchanges;
	int64_t rejected; /* objections rejected in review, community-wide */
};

/* disclosure_view.c: public pages */
void disclosure_view_board(struct req *r, const struct board_page *b);
void disclosure_view_post(struct req *r, const struct post_page *p);
void disclosure_view_catalogue(struct req *r, const struct disclosure_item *items, size_t n);
/* The due board: the current items, then the retired ones whose last
 * period has not ended (their history is still what the board shows). */
void disclosure_view_due(struct req *r, const struct disclosure_item *items, size_t n,
			 const struct disclosure_item *retired, size_t nretired);
void disclosure_view_supervisors(struct req *r, const struct supervisors_page *s);
void disclosure_view_feed(struct req *r, const struct disclosure_post *posts, size_t n, const char *base);
/* Shared bits. */
/* Writes the post's state tags (已撤回, 已更正, 公示中) to r->out; a 公示 that
 * starts or ends later makes r's answer valid only until then. */
void disclosure_view_post_state(struct req *r, const struct disclosure_post *p);
/* A recipient table: the masked projections in the item's public columns,
 * or (full set, audited staff view) every column as typed. */
void disclosure_view_recipients(struct buf *b, const struct disclosure_recipient *r, size_t n, unsigned cols, int full);
/* The full recipient list (every column as typed) into an export titled title. 0 or -1. */
int disclosure_view_recipients_export(struct arena *a, struct export_table *x, const char *title,
			    const struct disclosure_recipient *r, size_t n);
/* The catalogue into an export, with the columns of its page and more. 0 or -1. */
int disclosure_view_catalogue_export(struct req *r, const struct disclosure_item *items, size_t n,
			   struct export_table *x);
/* One objection or opinion with its answer (or that it awaits one); with
 * context (the supervisors' page) its author and subject first. */
void disclosure_view_thread_item(struct req *r, const struct disclosure_thread *t, int context);
void disclosure_view_due_badge(struct buf *b, enum disclosure_due d, struct ymd due);
void disclosure_view_attachments(struct req *r, int64_t post_id, const struct disclosure_attachment *a, size_t n);

#endif

#ifndef SHEQU_MODULES_DISCLOSURE_ADMIN_WEB
#define SHEQU_MODULES_DISCLOSURE_ADMIN_WEB
/* Staff pages (disclosure_admin_view.c). */
/* The management list's filters (?status=, ?item=, ?year=, ?page=). */
enum admin_filter { AF_PENDING, AF_MINE, AF_RETURNED, AF_DRAFT, AF_SUBMITTED, AF_PUBLISHED, AF__MAX };
struct admin_board_page {
	struct disclosure_post *pending; /* the list: pending posts filtered, or a page of published ones */
	size_t npending;
	enum admin_filter filter;
	int64_t item_id, page;
	int year, has_next;
	struct disclosure_item *titles; /* for the item filter */
	size_t ntitles;
	int years[BOARD_YEARS]; /* for the year filter: the years that have posts, newest first */
	size_t nyears;
	struct disclosure_thread *open;
	size_t nopen;
	struct disclosure_item *items;
	size_t nitems;
	int two_person;
	int setting_pending; /* a request to change a setting awaits a second person */
	struct disclosure_withdraw_request *withdrawals; /* withdrawals awaiting a second person */
	size_t nwithdrawals;
	struct disclosure_thread *held; /* objections awaiting review */
	size_t nheld;
	int review_objections;
	/* A refused answer: the thread, what was typed and why (else 0, NULL). */
	int64_t answer_id;
	const char *answer_val, *answer_err;
};
struct post_form {
	struct disclosure_item *items;
	size_t nitems;
	const struct disclosure_post *replaces; /* a correction of this post */
	const struct disclosure_post *editing;	/* NULL: a new draft; else the author's draft being edited */
	const char *vals[8];			/* item, title, body, period_start, period_end, notice_days, recipients, reason */
	const char *errs[8];
	const char *file_err; /* attachments or the recipients file */
	struct disclosure_return returned; /* an edited draft's last return, when has_return */
	int has_return;
};
struct manage_page {
	struct disclosure_attachment *attachments;
	size_t nattachments;
	struct disclosure_post post;
	struct disclosure_recipient *recipients;
	size_t nrecipients;
	int two_person;
	const char *message; /* a refusal to show */
	const char *notice;
	const char *withdraw_err, *withdraw_val;
	const char *return_err, *return_val; /* the reviewer's 退回 form */
	struct disclosure_return returned;    /* when has_return: why the draft came back */
	int has_return;
	struct disclosure_withdraw_request wreq; /* when has_wreq: a withdrawal awaiting a second person */
	int has_wreq;
	int notice_open; /* published and its 公示 still running */
};
struct catalogue_form {
	struct disclosure_item *items;
	size_t nitems;
	const struct disclosure_item *editing; /* NULL: the add form */
	const char *vals[10]; /* code, category, title, content, basis, frequency, responsible, channels, public_columns, notice_days */
	const char *errs[10];
	const char *notice;
};
/* The confirmation of retiring a catalogue item, with its reason. */
struct retire_page {
	struct disclosure_item item;
	const char *reason, *error; /* as typed, and what is wrong with it */
};
struct due_row {
	const struct community *community;
	struct disclosure_item *items;
	size_t nitems;
};
struct settings_page {
	struct disclosure_settings now;
	struct disclosure_setting_change pending; /* when has_pending */
	int has_pending;
	struct disclosure_setting_change *changes;
	size_t nchanges;
	const char *notice;
	const char *message;		      /* a refusal */
	const char *reason_vals[SETTING__MAX]; /* what was typed into each setting's reason */
	const char *reason_errs[SETTING__MAX];
};
void disclosure_admin_view_home(struct req *r, const struct admin_board_page *p);
void disclosure_admin_view_settings(struct req *r, const struct settings_page *s);
void disclosure_admin_view_post_form(struct req *r, const struct post_form *f);
void disclosure_admin_view_manage(struct req *r, const struct manage_page *m);
void disclosure_admin_view_recipients(struct req *r, const struct manage_page *m);
void disclosure_admin_view_catalogue(struct req *r, const struct catalogue_form *f);
/* disclosure_admin_view_catalogue.c */
void disclosure_admin_view_retire(struct req *r, const struct retire_page *p);
void disclosure_admin_view_due_all(struct req *r, const struct due_row *rows, size_t n);
#endif
