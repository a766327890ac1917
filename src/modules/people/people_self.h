/* 人员, the residents' side (pself): self-registration and the link of an
 * account to a resident (census check, else staff verification), the
 * resident's own record with who viewed it, and correction requests. The
 * handlers the module's table lists, the workbench hook, the demo, and the
 * statements of people_self_store.c. Private to the module. */
#ifndef SHEQU_MODULES_PEOPLE_SELF_H
#define SHEQU_MODULES_PEOPLE_SELF_H
#include <stddef.h>
#include <stdint.h>

#include "http/request.h"
#include "modules/people/people_internal.h"
#include "web/cards.h"

/* Registrations one address may make per throttle window. */
#define PEOPLE_SELF_REGISTRATIONS 5
/* Rows a page of pending requests shows. */
#define PEOPLE_SELF_PAGE_ROWS 50

/* ---- handlers ---- */

/* GET/POST /register (anonymous; POST on a password worker). */
enum http_result people_self_h_register(struct req *r);
/* GET /account/people: the signed-in resident's own record; POST
 * /account/people/correct: a correction request. */
enum http_result people_self_h_me(struct req *r);
enum http_result people_self_h_correct(struct req *r);
/* GET /c/{c}/admin/people/links[/{id}], POST /c/{c}/admin/people/links/{id}. */
enum http_result people_self_h_links(struct req *r);
enum http_result people_self_h_link(struct req *r);
/* GET /c/{c}/admin/people/corrections, POST /c/{c}/admin/people/corrections/{id}. */
enum http_result people_self_h_corrections(struct req *r);
enum http_result people_self_h_correction(struct req *r);
/* GET /c/{c}/admin/people/cadres: the two committees with their duties;
 * POST: a draft of the board's 两委成员职责分工 with them as a table. */
enum http_result people_self_h_cadres(struct req *r);
enum http_result people_self_h_cadres_publish(struct req *r);
/* GET /c/{c}/admin/people/representatives[.csv|.xlsx]: residents tagged 居民代表. */
enum http_result people_self_h_representatives(struct req *r);

/* The cards of pending link requests and corrections for the community
 * workbench (nothing on the street's). 0 or -1. */
int people_self_workbench(struct req *r, const struct community *c, struct workbench *w);

/* Demo data of its own in community c: a few residents, one pending link
 * request (with its account) and one pending correction. In the caller's
 * transaction. 0 or -1. */
int people_self_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

/* ---- shared by the handlers (people_self_links.c) ---- */

/* A positive decimal id from a path segment or a form value, else 0. */
int64_t people_self_id(const char *s);
/* NULL when a refusal's reason is 2–200 characters, else the message. */
const char *people_self_reason_problem(const char *reason);
/* Reads the form's "reason" (trimmed) into *reason, and its problem into
 * *err: 1 when there is one, else 0. */
int people_self_reason_read(struct req *r, const char **reason, const char **err);

/* ---- store (people_self_store.c; writes in the caller's transaction) ---- */

/* A link request as staff and the resident see it: masked, nothing sealed. */
struct people_link {
	int64_t id, user_id, person_id;                            /* person_id 0 until linked */
	const char *name, *name_masked, *phone_masked, *id_masked; /* id_masked "" when none given */
	const char *state;                                         /* "pending", "linked", "refused" */
	const char *reason;
	int64_t created_at, decided_at, decided_by;
	const char *community_slug, *community_name; /* people_self_links_of_user only */
};

/* Records a link request of user_id at community with state "pending" or
 * "linked" (person_id then, decided by the census check). id_number is the
 * normalised ID number or "". 0 with *id, or -1. */
int people_self_link_add(struct db *db, struct arena *a, int64_t community_id, int64_t user_id,
                         const char *name, const char *phone, const char *id_number, const char *state,
                         int64_t person_id, int64_t now, int64_t *id);
/* Census check: links user_id to the living resident of the community with
 * this normalised ID number when their name is name and no account is
 * linked yet. 0 with *person_id when it linked, 1 when nothing matched, -1. */
int people_self_census_link(struct db *db, int64_t community_id, const char *name, const char *id_number,
                            int64_t user_id, int64_t now, int64_t *person_id);
/* Links user_id to the resident person_id unless the resident already has
 * an account. Guarded: 0 linked, 1 not (none, or linked already), -1. */
int people_self_person_link(struct db *db, int64_t community_id, int64_t person_id, int64_t user_id,
                            int64_t now);
/* The pending requests of a community, oldest first, limit + 1 read so
 * *more tells whether a next page exists. 0 or -1. */
int people_self_links_pending(struct db *db, struct arena *a, int64_t community_id, int64_t offset, int limit,
                              struct people_link **out, size_t *n, int *more);
/* One request of the community: 0, 1 none, -1. */
int people_self_link_get(struct db *db, struct arena *a, int64_t community_id, int64_t id,
                         struct people_link *out);
/* Decides a pending request: state "linked" (person_id) or "refused"
 * (reason). Guarded: 0, 1 when it was no longer pending, -1. */
int people_self_link_decide(struct db *db, int64_t community_id, int64_t id, const char *state,
                            int64_t person_id, int64_t by_user, const char *reason, int64_t now);
/* A user's requests, newest first, at most 20, with their community. 0 or -1. */
int people_self_links_of_user(struct db *db, struct arena *a, int64_t user_id, struct people_link **out,
                              size_t *n);
/* The resident linked to user_id: 0 with *community_id and *person_id, 1 none, -1. */
int people_self_person_of_user(struct db *db, int64_t user_id, int64_t *community_id, int64_t *person_id);
/* How many requests of the community wait: link requests and corrections. 0 or -1. */
int people_self_pending_counts(struct db *db, int64_t community_id, int64_t *links, int64_t *corrections);

/* A correction request. value is opened only by people_self_correction_get. */
struct people_correction {
	int64_t id, person_id, user_id;
	const char *field; /* "name", "phone", "address", "tags", "other" */
	const char *value_masked, *value, *note, *state, *reason;
	const char *person_name_masked; /* people_self_corrections_pending only */
	int64_t created_at, decided_at;
};
/* The Chinese label of a correction's field ("姓名"), or NULL for an unknown one. */
const char *people_self_field_label(const char *field);
/* Records a resident's correction request (value sealed, its masked form
 * beside it). 0 with *id, or -1. */
int people_self_correction_add(struct db *db, struct arena *a, int64_t community_id, int64_t person_id,
                               int64_t user_id, const char *field, const char *value,
                               const char *value_masked, const char *note, int64_t now, int64_t *id);
/* The pending corrections of a community, oldest first, limit + 1 read. 0 or -1. */
int people_self_corrections_pending(struct db *db, struct arena *a, int64_t community_id, int64_t offset,
                                    int limit, struct people_correction **out, size_t *n, int *more);
/* A resident's corrections, newest first, at most 20. 0 or -1. */
int people_self_corrections_of(struct db *db, struct arena *a, int64_t community_id, int64_t person_id,
                               struct people_correction **out, size_t *n);
/* One correction with its value opened: 0, 1 none, -1 (also when it does not open). */
int people_self_correction_get(struct db *db, struct arena *a, int64_t community_id, int64_t id,
                               struct people_correction *out);
/* Decides a pending correction: "applied" or "refused" (reason). Guarded:
 * 0, 1 when it was no longer pending, -1. */
int people_self_correction_decide(struct db *db, int64_t community_id, int64_t id, const char *state,
                                  int64_t by_user, const char *reason, int64_t now);

/* ---- the political registry (people_party_store.c) ---- */

/* A party membership with the resident's name and masked mobile. Dates
 * YYYY-MM-DD or "". */
struct people_party {
	int64_t person_id;
	const char *name, *phone_masked;
	const char *branch, *joined_on;
	const char *status; /* "full", "probationary", "transferred_out" */
	const char *transfer_in_on, *transfer_in_from, *transfer_out_on, *transfer_out_to;
};
/* 正式党员 / 预备党员 / 已转出, or NULL for an unknown status. */
const char *people_party_status_label(const char *status);
/* A page of members, by status, branch and resident; status and branch
 * ("" or NULL: any) filter. limit + 1 read. 0 or -1. */
int people_party_list(struct db *db, struct arena *a, int64_t community_id, const char *status,
                      const char *branch, int64_t offset, int limit, struct people_party **out, size_t *n,
                      int *more);
/* A resident's membership: 0, 1 none, -1. */
int people_party_get(struct db *db, struct arena *a, int64_t community_id, int64_t person_id,
                     struct people_party *out);
/* Adds or replaces a resident's membership (name and phone ignored). 0 or -1. */
int people_party_save(struct db *db, int64_t community_id, const struct people_party *m, int64_t now);

/* A training record with the resident's name. */
struct people_training {
	int64_t id, person_id;
	const char *name;
	const char *kind; /* "pre_job", "professional", "education" */
	const char *course, *taken_on, *certificate;
	int hours_tenths;
};
/* 岗前培训 / 专业培训 / 学历进修, or NULL for an unknown kind. */
const char *people_training_kind_label(const char *kind);
/* A page of records, newest first, of one resident (person_id) or all (0). limit + 1 read. 0 or -1. */
int people_training_list(struct db *db, struct arena *a, int64_t community_id, int64_t person_id,
                         int64_t offset, int limit, struct people_training **out, size_t *n, int *more);
/* Adds a record (id from db_next_id). 0 with *id, or -1. */
int people_training_add(struct db *db, int64_t community_id, const struct people_training *t, int64_t by_user,
                        int64_t now, int64_t *id);

/* ---- the political registry's pages (people_party.c) ---- */

/* GET /c/{c}/admin/people/party/[party.csv|party.xlsx]; GET/POST …/party/edit?person=. */
enum http_result people_party_h_list(struct req *r);
enum http_result people_party_h_edit(struct req *r);
/* GET /c/{c}/admin/people/training/[training.csv|training.xlsx]; GET/POST …/training/new?person=. */
enum http_result people_training_h_list(struct req *r);
enum http_result people_training_h_new(struct req *r);
/* Tenths of an hour from what was typed ("12", "1.5"; 0–10000): 0, or -1. */
int people_training_hours(const char *s, int *tenths);

#endif
