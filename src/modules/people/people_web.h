/* The registry's staff pages (ppages): the list, the desk's form, a
 * resident's page with the audited full view, edit and status change, the
 * buildings and households, the workbench cards, the JSON API and the
 * demo data. Handlers (people_routes*.c) fill the page structs, views
 * (people_view*.c) render them. Shared by the module's files only. */
#ifndef SHEQU_MODULES_PEOPLE_WEB_H
#define SHEQU_MODULES_PEOPLE_WEB_H
#include <stddef.h>
#include <stdint.h>

#include "http/request.h"
#include "modules/people/people_internal.h"

struct workbench;

/* Residents a list page shows. */
#define PEOPLE_PAGE 50
/* Who saw a resident's full data: the latest shown on their page. */
#define PEOPLE_VIEWS_SHOWN 20

/* ---- the workbench and households (people_pages_store.c) ---- */

struct people_bench {
	int64_t due_erase;  /* personal fields erased within 30 days */
	int64_t no_address; /* living residents without a building */
};
/* The workbench's counts at now, one indexed statement each. 0 or -1. */
int people_bench_counts(struct db *db, int64_t community_id, int64_t now, struct people_bench *out);

struct people_household_info {
	int64_t id, building_id;
	const char *label, *building, *unit, *room, *grid;
};
/* A household's address. 0, 1 if there is none in the community, -1. */
int people_household_get(struct db *db, struct arena *a, int64_t community_id, int64_t id,
                         struct people_household_info *out);

/* ---- pages (people_routes.c fills, people_view.c renders) ---- */

/* The desk's fields, in the order of struct people_input and enum
 * people_column; names are people_input's member names. */
extern const char *const people_field_names[PC__MAX];

/* More buildings than this: the list's building filter is a name typed
 * (楼栋名称), not a choice among all of them. */
#define PEOPLE_BUILDING_CHOICES 100
/* Buildings a page on the buildings page. */
#define PEOPLE_BUILDINGS_PAGE 100

struct people_list_page {
	struct people_filter f;
	const char *status;   /* as in the query: "" (在册), moved_out, deceased, all */
	const char *building; /* the building's id as typed, "" */
	/* The building by name (?bname=, when the community has more than
	 * PEOPLE_BUILDING_CHOICES): as typed or the chosen building's, and why
	 * it matched none (the list is then empty). */
	const char *building_name, *building_error;
	/* with building_error: the buildings whose names carry the number typed */
	struct people_building *building_guesses;
	size_t nbuilding_guesses;
	int buildings_typed;
	int64_t page;
	int has_next;
	struct people_person *rows;
	size_t n;
	struct people_building *buildings;
	size_t nbuildings;
};

/* The desk's form (new, or edit of person_id): values as typed or opened,
 * errors by field. */
struct people_form {
	int64_t person_id; /* 0: a new resident */
	const char *v[PC__MAX], *e[PC__MAX];
	const char *refusal;
	const char *reason; /* edit: the reason given to open the form */
};

enum people_ask { PEOPLE_ASK_NONE, PEOPLE_ASK_FULL, PEOPLE_ASK_EDIT };

struct people_person_page {
	struct people_person p;
	const struct people_full *full; /* opened fields once revealed, else NULL */
	struct people_person *members;
	size_t nmembers;
	struct people_view *views;
	size_t nviews;
	enum people_ask ask; /* a reason form instead of the buttons */
	const char *reason, *reason_error;
	const char *notice;
};

struct people_status_page {
	struct people_person p;
	int64_t retention_days;
	const char *status, *on; /* as typed */
	const char *status_error, *on_error;
};

struct people_export_page {
	const char *format, *reason, *confirm;
	const char *format_error, *reason_error, *confirm_error;
	const char *refusal; /* why nothing was exported, above the form */
};

void pview_list(struct req *r, const struct people_list_page *p);
void pview_form(struct req *r, const struct people_form *f);
void pview_person(struct req *r, const struct people_person_page *p);
void pview_status(struct req *r, const struct people_status_page *p);
void pview_buildings(struct req *r, const struct people_building *b, size_t n, int64_t page, int has_next);
void pview_household(struct req *r, const struct people_household_info *h, const struct people_person *m,
                     size_t n);
void pview_export_full(struct req *r, const struct people_export_page *p);
/* "1956 年(70 岁)", "" when unknown. */
const char *pview_birth(struct req *r, int birth_year);
/* "5号楼 1单元 302", "" when none. */
const char *pview_address(struct arena *a, const char *building, const char *unit, const char *room);
/* The non-sensitive tags and "另有 N 项敏感标签". */
const char *pview_tags(struct arena *a, const char *tags, int hidden);

/* Handlers (people_routes.c, people_routes_person.c, people_api.c). */
enum http_result people_h_list(struct req *r);
enum http_result people_h_export(struct req *r);
enum http_result people_h_export_full(struct req *r);
enum http_result people_h_new(struct req *r);
enum http_result people_h_buildings(struct req *r);
enum http_result people_h_household(struct req *r);
enum http_result people_h_person(struct req *r);
enum http_result people_h_full(struct req *r);
enum http_result people_h_edit(struct req *r);
enum http_result people_h_status(struct req *r);
enum http_result people_h_api_list(struct req *r);
enum http_result people_h_api_person(struct req *r);

/* Shared by the handlers: a positive id from a path segment, else 0. */
int64_t people_id_param(const char *s);
/* The list's filter from a query or form (q, status, building or bname, tag) into
 * p. 0, or -1 when one is malformed (400). */
int people_filter_from(struct req *r, const struct kvlist *kv, struct people_list_page *p);
/* The building typed by name (?bname=) as the filter's building: its id
 * (the only building whose name carries the number typed when none has the
 * name: "12" for 12号楼), or p->building_error and the guesses when none
 * or several do. 0, or -1 on a database error. */
int people_building_named(struct req *r, struct people_list_page *p);
/* Checks the form's values: their problems set beside the fields (f->e),
 * the record in *rec. The number of problems. */
int people_form_check(struct req *r, struct people_form *f, struct people_record *rec);
/* Shows the form again with its errors: HR_INVALID. */
enum http_result people_form_again(struct req *r, struct people_form *f);
/* The error beside the ID number when a resident other than except holds
 * it ("已登记为居民 张三(编号 12)"), else NULL. */
const char *people_id_taken(struct req *r, const char *id_number, int64_t except);
/* A reason for a full view from the form: normalised, 2–200 characters,
 * else NULL with *error set. */
const char *people_reason(struct req *r, const char **error);

/* The workbench hook: cards of what needs doing at c. 0 or -1. */
int people_workbench(struct req *r, const struct community *c, struct workbench *w);

/* Fills a demo community's registry (`shequ demo`), in the caller's
 * transaction. 0 or -1. */
int people_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

#endif
