/* The ledger's staff pages for entries, categories and months (lpages):
 * their handlers (ledger_routes.c), views (ledger_view.c), JSON API
 * (ledger_api.c) and the workbench's counts (ledger_pages_store.c). Shared
 * by the module's files only. */
#ifndef SHEQU_MODULES_LEDGER_WEB_H
#define SHEQU_MODULES_LEDGER_WEB_H
#include <stddef.h>
#include <stdint.h>

#include "http/request.h"
#include "modules/ledger/ledger_internal.h"

struct workbench;
struct ledger_reverse_form;

#define LEDGER_PAGE_ROWS 50 /* entries on a page of the list and of the API */

/* ---- handlers (ledger_routes.c, ledger_api.c) ---- */

enum http_result ledger_h_overview(struct req *r);       /* GET /c/{c}/admin/ledger/ */
enum http_result ledger_h_entries(struct req *r);        /* GET entries, entries.csv, entries.xlsx */
enum http_result ledger_h_entry_new(struct req *r);      /* GET|POST entries/new */
enum http_result ledger_h_entry(struct req *r);          /* GET entries/{id} */
enum http_result ledger_h_entry_edit(struct req *r);     /* GET|POST entries/{id}/edit */
enum http_result ledger_h_entry_approve(struct req *r);  /* POST entries/{id}/approve */
enum http_result ledger_h_entry_withdraw(struct req *r); /* POST entries/{id}/withdraw */
enum http_result ledger_h_entry_reverse(struct req *r);  /* POST entries/{id}/reverse */
enum http_result ledger_h_categories(struct req *r);     /* GET|POST categories */
enum http_result ledger_h_months(struct req *r);         /* GET months?year=, months.csv, months.xlsx */
enum http_result ledger_h_month_close(struct req *r);    /* POST months/close */
enum http_result ledger_h_api_entries(struct req *r);    /* GET /api/v1/c/{c}/ledger/entries */
enum http_result ledger_h_api_entry(struct req *r);      /* GET /api/v1/c/{c}/ledger/entries/{id} */

/* The workbench cards of the ledger's entries and months (待审核凭证,
 * 待结账月份) for staff of c; nothing on the street's workbench (c NULL).
 * 0 or -1. */
int ledger_pages_workbench(struct req *r, const struct community *c, struct workbench *w);

/* ---- shared by the handlers ---- */

/* The filter of the list, the export and the API from the query (month=
 * YYYY-MM or year=YYYY, kind=income|expense, category=ID, pending=1). 0, or
 * -1 when a parameter is malformed. */
int ledger_filter_from(const struct kvlist *q, struct ledger_filter *f);
/* The year of ?year= (2000..2099), 0 when absent or empty, -1 when malformed. */
int ledger_year_param(const char *s);
/* The entry id of a path segment; 0 when it is not a positive number. */
int64_t ledger_id_param(const char *s);
/* The entry of the path's {id} shown again after a refused write (the
 * transaction rolled back), 422: message as the page's refusal, rf the
 * reversal form as typed, files_error beside the scans' upload field (each
 * may be NULL). */
enum http_result ledger_entry_again(struct req *r, const char *message, const struct ledger_reverse_form *rf,
                                    const char *files_error);
/* An entry's state in words: 待审核 (not approved yet, a reversing one
 * too), 冲销凭证 (an approved reversing entry), 已冲销 (approved and
 * reversed), else 已审核. */
const char *ledger_entry_status(const struct ledger_entry *e);

/* ---- the import page (ledger_routes_import.c, ledger_view_import.c) ---- */

enum http_result ledger_h_import(struct req *r);          /* GET|POST /c/{c}/admin/ledger/import */
enum http_result ledger_h_import_template(struct req *r); /* GET import/template.csv|.xlsx */
enum http_result ledger_h_import_withdraw(struct req *r); /* POST import/withdraw (by, at) */

/* What the import page shows: the form (text as pasted), and after a
 * POST that wrote nothing, what the check found. */
struct ledger_import_page {
	const char *text;        /* pasted text, kept */
	int dry_run;             /* the POST asked for a check only */
	const char *input_error; /* nothing was given */
	const char *imported;    /* after a redirect: how many entries were imported */
	const char *withdrawn;   /* after a redirect: how many an import's withdrawal took back */
	struct ledger_batch batch; /* the import just made */
	int64_t batch_pending;     /* its entries still awaiting approval */
	const struct ledger_import_result *result; /* NULL before a POST */
	int rc;                  /* ledger_import's answer: 0 clean, 1 rows refused, 2 file refused */
	const char *file_name;   /* the uploaded file's name, NULL for pasted text */
};
void ledger_view_import(struct req *r, const struct ledger_import_page *p);

/* ---- views (ledger_view.c) ---- */

/* The fields of the entry form, in the order of struct ledger_input. */
enum { LF_DATE, LF_KIND, LF_CATEGORY, LF_AMOUNT, LF_COUNTERPARTY, LF_VOUCHER, LF_PURPOSE, LF__MAX };

/* The entry form (new or edit): vals in LF_ order, errs beside each field,
 * a refusal of the whole form (may be NULL); the category select grouped
 * by kind over cats. */
void ledger_view_entry_form(struct req *r, const char *title, const char *action, const char *const *vals,
                            const char *const *errs, const char *refusal, const struct ledger_category *cats,
                            size_t ncats);
/* The reversal form's typed values and errors (date, voucher_no, reason). */
struct ledger_reverse_form {
	const char *vals[3], *errs[3];
};
/* An entry's page: its fields, who entered and approved it, its links to
 * the entry it reverses or its reversal, the actions its state allows
 * (rf: the reversal form as typed, NULL for an empty one) and its scans
 * (files, from ledger_files; NULL: no section). notice and refusal may be
 * NULL. */
void ledger_view_entry(struct req *r, const struct ledger_entry *e, const char *notice, const char *refusal,
                       const struct ledger_reverse_form *rf, const struct ledger_file_list *files);

/* ---- queries the contract lacks (ledger_pages_store.c) ---- */

struct ledger_bench {
	int64_t pending_others; /* entries awaiting approval that the viewer did not enter */
	int64_t open_past;      /* months before this_month with a row and not closed */
};
/* The workbench's counts, one indexed query each. 0 or -1. */
int ledger_bench_counts(struct db *db, int64_t community_id, int64_t viewer, const char *this_month,
                        struct ledger_bench *out);

/* The community's first month before `before` (YYYY-MM) that has entries
 * and is not closed: the next to close, since months close in order and
 * months without entries need no closing. 0 (out set), 1 none, -1. */
int ledger_next_open(struct db *db, int64_t community_id, const char *before, char out[8]);

/* ---- voucher scans (ledger_routes_files.c, ledger_view_files.c) ---- */

enum http_result ledger_h_file_upload(struct req *r); /* POST entries/{id}/files (multipart, field files) */
enum http_result ledger_h_file(struct req *r);        /* GET entries/{id}/files/{fid}: audited */
enum http_result ledger_h_file_remove(struct req *r); /* POST entries/{id}/files/{fid}/remove */
/* The 凭证附件 section of e's page: the scans of fl (name, size, who and
 * when, a link to open each; 删除 while e awaits approval), fl->error
 * beside the upload form. Nothing when fl is NULL. */
void ledger_view_files(struct req *r, const struct ledger_entry *e, const struct ledger_file_list *fl);

#endif
