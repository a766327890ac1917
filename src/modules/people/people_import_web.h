/* The import pages of the people registry (branch pimport): a file
 * uploaded by staff is checked (a dry run of people_import), kept sealed in
 * people_import until staff confirm or drop it, and imported exactly as
 * checked. Shared by people_import_routes.c, people_import_view.c and
 * people_import_store.c (the only one with SQL on people_import). */
#ifndef SHEQU_MODULES_PEOPLE_IMPORT_WEB_H
#define SHEQU_MODULES_PEOPLE_IMPORT_WEB_H
#include <stddef.h>
#include <stdint.h>

#include "http/request.h"
#include "modules/people/people_internal.h"
#include "web/table.h"

struct workbench;

/* What the web takes: a file of up to 20 MiB and 200,000 rows (the page
 * says so); bigger ones go through `shequ people import`. */
#define PIMP_MAX_BYTES ((size_t)20 << 20)
#define PIMP_MAX_ROWS 200000
/* A checked file not confirmed within this many days is dropped by the tick. */
#define PIMP_KEEP_DAYS 7
/* Imports a page of the history lists. */
#define PIMP_PER_PAGE 20

/* ---- the people_import table (people_import_store.c) ---- */

/* One import as pages show it (the file itself is never read into it). */
struct pimp_import {
	int64_t id;
	const char *filename, *format; /* "csv" / "xlsx" */
	const char *mapping;           /* "" or "c=i;c=i" (pimp_mapping_parse) */
	const char *state;             /* "checked", "imported", "dropped" */
	int has_file;                  /* file_sealed is not NULL */
	int rows_total, rows_bad;
	int64_t created_by;
	const char *by; /* the uploader's display name, "" when unknown */
	int64_t created_at, done_at;
};

/* Keeps a checked file sealed under the process's key in a new row (id
 * from db_next_id), in the caller's write transaction. 0 with *id, or -1
 * (also when there is no key). */
int pimp_store_add(struct db *db, int64_t community_id, const char *filename, const char *format,
                   const void *data, size_t n, const char *mapping, int rows_total, int rows_bad,
                   int64_t by_user, int64_t now, int64_t *id);
/* One import of the community, with lock set inside a write transaction
 * (@FOR_UPDATE@). 0, 1 if there is none, -1. */
int pimp_store_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, int lock,
                   struct pimp_import *out);
/* The kept file of an import, opened into a (n bytes, NUL-terminated
 * after). 0; 1 when it has none (imported, dropped or expired); -1 on
 * error, no key, or a file that does not open. */
int pimp_store_file(struct db *db, struct arena *a, int64_t community_id, int64_t id, const char **data,
                    size_t *n);
/* A page of the community's imports, newest first, limit + 1 read so that
 * *more tells whether a next page exists. 0 or -1. */
int pimp_store_recent(struct db *db, struct arena *a, int64_t community_id, int64_t offset, int limit,
                      struct pimp_import **out, size_t *n, int *more);
/* Saves a new check of a still checked import (the mapping chosen and what
 * the check found). Guarded: 0; 1 if it is no longer checked; -1. */
int pimp_store_recheck(struct db *db, int64_t community_id, int64_t id, const char *mapping, int rows_total,
                       int rows_bad);
/* Ends a checked import as "imported" (rows_total set to rows) or
 * "dropped", its file dropped. Guarded on the state, so that of two clicks
 * or two staff one wins: 0; 1 if it was no longer checked; -1. */
int pimp_store_finish(struct db *db, int64_t community_id, int64_t id, const char *state, int rows,
                      int64_t now);
/* Drops the files of checked imports made before `before` (abandoned
 * uploads), at most limit of them; the number dropped in *dropped. 0 or -1. */
int pimp_store_expire(struct db *db, int64_t before, int limit, int64_t *dropped);
/* How many imports of the community made since `since` wait for a
 * confirmation (checked with no bad row, file kept). 0 or -1. */
int pimp_store_pending(struct db *db, int64_t community_id, int64_t since, int64_t *count);

/* ---- mapping ---- */

/* Reads "c=i;c=i" (c a column of people_columns, i a file column from 0)
 * into map[PC__MAX] (-1 for columns not named). "" gives all -1. 0, or -1
 * when the text is malformed or names a column twice. */
int pimp_mapping_parse(const char *s, int map[PC__MAX]);
/* The text of a map ("" when every column is -1). In the arena; NULL when it fails. */
const char *pimp_mapping_text(struct arena *a, const int map[PC__MAX]);

/* ---- pages (people_import_view.c) ---- */

/* The import page: the rules, the upload form, the recent imports. */
struct pimp_home_page {
	const char *file_error; /* beside the file input, NULL when none */
	struct pimp_import *recent;
	size_t nrecent;
	int64_t page;
	int more;
};
void pimp_view_home(struct req *r, const struct pimp_home_page *p);

/* One import: what its check found and what can be done. */
struct pimp_result_page {
	const struct pimp_import *imp;
	int checked; /* the check ran on the kept file */
	int rc;      /* people_import's 0 or 2 */
	const struct people_import_result *res;
	int clean;                     /* no refused row, some rows: it may be imported */
	int want_mapping;              /* the header lacked 姓名 (or staff asked): the mapping form opens */
	const int *chosen;             /* the mapping form's values (PC__MAX), NULL: the check's */
	const char *const *map_errors; /* PC__MAX errors beside the selects, or NULL */
	const char *notice;            /* after a redirect ("已导入 …"), or NULL */
	const char *refusal;           /* a refusal of the whole form, or NULL */
};
void pimp_view_result(struct req *r, const struct pimp_result_page *p);

/* The history list's columns and rows (page and export); the problems of a
 * check as an export table (行号, 问题). */
void pimp_view_history_table(struct req *r, struct table *t, const struct pimp_import *v, size_t n);
extern const struct tcol pimp_history_cols[];
extern const int pimp_history_ncols;
extern const struct tcol pimp_problem_cols[];
extern const int pimp_problem_ncols;
/* "待检查" / "已导入" / "已放弃" / "文件已过期" for an import. */
const char *pimp_state_label(const struct pimp_import *imp);

/* ---- handlers (people_import_routes.c) ---- */

enum http_result people_import_h_home(struct req *r);   /* GET  …/admin/people/import */
enum http_result people_import_h_upload(struct req *r); /* POST …/admin/people/import */
enum http_result people_import_h_show(struct req *r); /* GET  …/import/{id} and …/import/imports.csv|xlsx */
enum http_result people_import_h_problems(struct req *r); /* GET  …/import/{id}/problems.csv|xlsx */
enum http_result people_import_h_mapping(struct req *r);  /* POST …/import/{id}/mapping */
enum http_result people_import_h_commit(struct req *r);   /* POST …/import/{id}/commit */
enum http_result people_import_h_drop(struct req *r);     /* POST …/import/{id}/drop */

/* The workbench card of imports checked and not yet confirmed (the
 * community workbench; nothing on the street's). 0 or -1. */
int people_import_workbench(struct req *r, const struct community *c, struct workbench *w);
/* The tick's part: drops the files of imports left unconfirmed for
 * PIMP_KEEP_DAYS, in its own transaction under a job lock. 0 or -1. */
int people_import_tick(struct db *db, int64_t now);

#endif
