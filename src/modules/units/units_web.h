/* What the units routes hand to the units views, the form parsers and the
 * handlers the module's table lists. Private to the module. */
#ifndef SHEQU_MODULES_UNITS_WEB_H
#define SHEQU_MODULES_UNITS_WEB_H
#include "http/request.h"
#include "web/table.h"
#include "modules/units/units_internal.h"

#define UNITS_PER_PAGE 30
#define UNITS_EXPORT_MAX 100000 /* rows of an export at most */

/* ---- form parsing (units_forms.c, pure; fuzzed) ---- */
/* A whole number as typed ("40", "４０", " 12 "), 0..1,000,000,000: NULL
 * with *out set, or the message for the field. */
const char *units_parse_quantity(const char *s, int64_t *out);
/* An amount in yuan (money_parse), 0 .. ¥10,000,000,000.00 (or above 0
 * when positive): NULL with *fen set, or the message. */
const char *units_parse_amount(const char *s, int positive, int64_t *fen);
/* A typed date (date_parse_typed) as "YYYY-MM-DD" in out: NULL, or the
 * message (label names the field). Empty is an error when required, else
 * out is "". */
const char *units_parse_day(struct arena *a, const char *s, const char *label, int required, char out[11]);
/* The term of an agreement: signed, starts and ends as typed, each
 * message set for its field (NULL when fine), and starts <= ends. The
 * number of errors. */
int units_parse_term(struct arena *a, const char *signed_on, const char *starts, const char *ends, char out[3][11],
		     const char *errs[3]);
/* Refuses the fields which[0..n) of a form that are shown to the public
 * when they hold a mobile or resident ID number (pii_text_find), leaving
 * fields already in error as they are. The number of new errors. */
int units_refuse_personal(struct arena *a, const char *const *vals, const char **errs, const int *which, size_t n);
/* A year in the path ("2026"), 2000..2100: the year, or 0. */
int units_parse_year(const char *s);

/* ---- shared (units_routes.c) ---- */
/* The window of a list: the page asked for (?page=) and its offset, and
 * the rows to read (one past the page to learn of a next one), or every
 * row from the start for an export (all). 0, or a 400 result. */
int units_page_window(struct req *r, int all, int64_t *page, int64_t *offset, int64_t *limit);
/* A positive id from a path segment, else 0. */
int64_t units_id_param(const char *s);
/* "已完成 ¥3,000.00 / 承诺 ¥5,000.00(60%)", "已完成 3 / 12 次" for a commitment. */
const char *units_progress(struct arena *a, const struct units_commitment *c);
/* 0..1000 tenths of a percent of the commitment done (may be above 1000
 * for money given beyond the promise), -1 when nothing measurable was promised. */
int units_progress_tenths(const struct units_commitment *c);
/* The promise in words with its amount or quantity and due date. */
const char *units_promise_text(struct arena *a, const struct units_commitment *c);

/* ---- pages ---- */
struct units_list_page {
	struct units_unit *units;
	size_t n;
	int64_t page;
	int has_next;
	struct units_contrib *contrib; /* what the units commit to under agreements in force */
	size_t ncontrib;
	struct units_agreement *in_force;
	size_t nin_force;
};

struct units_unit_page {
	struct units_unit u;
	struct units_agreement *ags;
	size_t nags;
	struct units_commitment *cs; /* of its agreements shown (not drafts) */
	size_t ncs;
};

struct units_agreement_page {
	struct units_agreement g;
	struct units_commitment *cs;
	size_t ncs;
	struct units_fulfilment *fs; /* a page of them, newest first */
	size_t nfs;
	int64_t page;
	int has_next;
	int staff; /* the staff page: actions and forms */
	const char *notice, *refusal;
	const struct kvlist *kept; /* a refused form's values */
	const char **errs;	   /* the refused commitment form's field errors, by CF_ */
	int64_t editing;	   /* the commitment whose form was refused, 0 new */
};

struct units_report_page {
	int year;
	struct units_report_line *lines;
	size_t n;
	int64_t promised_fen, done_fen, events;
};

/* Loads the year's report with its totals: 0 or -1. */
int units_report_load(struct req *r, int year, struct units_report_page *p);

/* units_view.c */
void units_view_list(struct req *r, const struct units_list_page *p);
void units_view_unit(struct req *r, const struct units_unit_page *p);
void units_view_agreement(struct req *r, const struct units_agreement_page *p);
void units_view_report(struct req *r, const struct units_report_page *p);
/* The report's rows, on its page or in its export (t opened by the caller). */
void units_report_rows(struct table *t, struct arena *a, const struct units_report_page *p);
extern const struct tcol units_report_cols[];
extern const int units_report_ncols;
/* The unit list's columns and rows (page and export). */
extern const struct tcol units_list_cols[];
extern const int units_list_ncols;
void units_list_rows(struct table *t, struct req *r, const struct units_list_page *p, int staff);
/* What a fulfilment gave, "¥1,500.00" or "4 次" (the commitment's unit
 * word from cs), for the record tables. */
const char *units_fulfilment_amount(struct arena *a, const struct units_fulfilment *f, const struct units_commitment *cs,
				    size_t n);
/* The commitments of an agreement as a table with progress. */
void units_view_commitments(struct req *r, const struct units_commitment *cs, size_t n, int show_unit);

/* ---- staff forms (units_admin.c, units_admin_view.c) ---- */
enum { UF_NAME, UF_KIND, UF_ADDRESS, UF_PARTY_ORG, UF_PARTY_KIND, UF_MEMBERS, UF_CONTACT, UF_OFFICE, UF_MOBILE,
       UF_INTRO, UF_ACTIVE, UF__MAX };
struct units_unit_form {
	const struct units_unit *editing; /* NULL: a new unit */
	const char *vals[UF__MAX];
	const char *errs[UF__MAX];
	const char *refusal;
	/* editing: the agreements the unit is party to (drafts too) and the
	 * commitments it made under them, shown below the form */
	struct units_agreement *ags;
	size_t nags;
	struct units_commitment *cs;
	size_t ncs;
};

enum { AF_TITLE, AF_SIGNED, AF_STARTS, AF_ENDS, AF_SUMMARY, AF_UNITS, AF__MAX };
struct units_agreement_form {
	const struct units_agreement *editing; /* NULL: a new agreement */
	const char *vals[AF_UNITS];
	const char *errs[AF__MAX];
	int64_t *chosen; /* the parties ticked */
	size_t nchosen;
	struct units_unit *units; /* to choose from */
	size_t nunits;
	const char *refusal;
};

enum { CF_UNIT, CF_KIND, CF_PROMISE, CF_AMOUNT, CF_QUANTITY, CF_QUNIT, CF_DUE, CF_PERIOD, CF__MAX };
struct units_commitment_form {
	const struct units_agreement *g;
	const struct units_commitment *editing; /* NULL: a new one */
	const char *vals[CF__MAX];
	const char *errs[CF__MAX];
	const char *refusal;
};

enum { FF_COMMITMENT, FF_ON, FF_WHAT, FF_AMOUNT, FF_QUANTITY, FF_EVIDENCE, FF__MAX };
struct units_fulfil_form {
	const struct units_agreement *g;
	const struct units_commitment *cs;
	size_t ncs;
	const char *vals[FF__MAX];
	const char *errs[FF__MAX];
	const char *refusal;
	int done_already; /* the chosen commitment is fully done: warned, not refused */
};

struct units_admin_page {
	struct units_unit *units;
	size_t n;
	int64_t page;
	int has_next;
	struct units_agreement *ags; /* the agreements page */
	size_t nags;
	int state; /* its filter, -1 for all */
	const char *notice;
};

/* A page that asks for a reason (and maybe a date) before a step. */
struct units_reason_page {
	const char *title, *lead, *action, *back, *submit;
	const char *reason, *reason_err, *on, *on_err;
	int with_date;
	const char *refusal;
	const char *shown; /* the full contact after an audited view, or NULL */
	const char *hidden_action; /* an "action" field the form carries, or NULL */
};

/* Loads the agreement of the path's second parameter with its
 * commitments and fulfilments for a staff page: 0, or the http result to
 * answer (a 404 for none in the community). */
int units_load_agreement(struct req *r, struct units_agreement_page *p);

void units_view_admin_units(struct req *r, const struct units_admin_page *p);
void units_view_admin_agreements(struct req *r, const struct units_admin_page *p);
void units_view_unit_form(struct req *r, const struct units_unit_form *f);
void units_view_agreement_form(struct req *r, const struct units_agreement_form *f);
void units_view_admin_agreement(struct req *r, const struct units_agreement_page *p);
void units_view_commitment_form(struct req *r, const struct units_commitment_form *f);
void units_view_fulfil_form(struct req *r, const struct units_fulfil_form *f);
void units_view_reason(struct req *r, const struct units_reason_page *p);
extern const struct tcol units_admin_cols[];
extern const int units_admin_ncols;
void units_admin_rows(struct table *t, struct req *r, const struct units_unit *u, size_t n);
extern const struct tcol units_ag_cols[];
extern const int units_ag_ncols;
void units_ag_rows(struct table *t, struct req *r, const struct units_agreement *g, size_t n);

/* units_board.c: the Markdown of an agreement for the board (parties,
 * term, summary, commitments with their progress; every typed text
 * escaped). NULL when out of memory. */
char *units_agreement_markdown(struct arena *a, const char *community, const struct units_agreement *g,
			       const struct units_commitment *cs, size_t n);
/* The page that asks before the year's report goes to the board. */
void units_view_report_confirm(struct req *r, int year);

/* The workbench hook (units_workbench.c). */
struct workbench;
int units_workbench(struct req *r, const struct community *c, struct workbench *w);

/* The demo hook (units_demo.c). */
int units_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

/* Handlers (units_routes.c, units_admin.c, units_api.c), listed in units_module.c. */
#define UH(name) enum http_result units_h_##name(struct req *r)
UH(list);
UH(list_export);
UH(unit);
UH(agreement);
UH(report);
UH(api_units);
UH(admin);
UH(overdue);
UH(admin_export);
UH(unit_new);
UH(unit_edit);
UH(unit_contact);
UH(agreements);
UH(agreements_export);
UH(agreement_new);
UH(agreement_admin);
UH(agreement_edit);
UH(commitment_new);
UH(commitment_edit);
UH(commitment_remove);
UH(agreement_state);
UH(fulfil);
UH(reverse);
UH(agreement_board);
UH(report_board);
UH(api_agreements);
#undef UH

#endif
