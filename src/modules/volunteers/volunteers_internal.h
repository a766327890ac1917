/* The volunteers module's types and store: shared by its files only. Every
 * statement names the community; writes run in the caller's transaction. */
#ifndef SHEQU_MODULES_VOLUNTEERS_INTERNAL_H
#define SHEQU_MODULES_VOLUNTEERS_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

/* What the store answers besides 0 (done) and -1 (a database error). */
enum vol_rc {
	VOL_OK = 0,
	VOL_NOT_FOUND = 1, /* no such volunteer, project, shift or sign-up here */
	VOL_DUPLICATE,	   /* already registered, or already signed up for the shift */
	VOL_NOT_OPEN,	   /* the project is not recruiting */
	VOL_FULL,	   /* the shift's places are taken */
	VOL_STARTED,	   /* the shift has begun: no sign-up or cancellation */
	VOL_GONE,	   /* the sign-up was cancelled already */
	VOL_CHECKED_IN,	   /* checked in already (twice refused; no cancellation) */
	VOL_NOT_IN,	   /* check-out before check-in */
	VOL_CHECKED_OUT,   /* checked out already */
	VOL_NOT_NOW,	   /* outside the check-in window (VOL_WINDOW_*) */
	VOL_STATE,	   /* the row is not in the state the step needs */
};

/* ---- the fixed lists: a code kept in the row and its Chinese label ---- */
struct vol_choice {
	const char *code, *label;
};
extern const struct vol_choice vol_skills[], vol_availability[], vol_groups[];
extern const size_t vol_nskills, vol_navailability, vol_ngroups;
/* 1 if code is in the ',' separated list codes. */
int vol_has_code(const char *codes, const char *code);
/* "助老服务、法律咨询" for a ',' separated code list of list (unknown codes left out). */
const char *vol_labels(struct arena *a, const struct vol_choice *list, size_t n, const char *codes);

/* ---- volunteers (volunteers_store.c) ---- */

/* One volunteer as the lists and pages show them: masked only. */
struct vol_volunteer {
	int64_t id, user_id, person_id, by_user;
	const char *name_masked, *phone_masked;
	const char *skills, *skills_note, *availability, *groups;
	int64_t minutes_total, records, created_at;
};
/* A registration to make: by the resident (user_id, by_user 0) or at the
 * desk (by_user, user_id 0). */
struct vol_new {
	int64_t user_id, by_user, person_id;
	const char *name, *phone; /* phone: 11 digits or "" */
	const char *skills, *skills_note, *availability, *groups;
};
/* The opened fields of one volunteer (staff, audited). */
struct vol_full {
	const char *name, *phone;
};

/* Registers a volunteer with a new id (*id): name and phone sealed, masked
 * and blind-indexed. VOL_DUPLICATE when the account is registered here
 * already. 0 or -1. */
int vol_add(struct db *db, struct arena *a, int64_t community_id, const struct vol_new *v, int64_t now, int64_t *id);
/* Replaces the registration's skills, availability and groups: 0,
 * VOL_NOT_FOUND or -1. */
int vol_update_profile(struct db *db, int64_t community_id, int64_t id, const struct vol_new *v);
/* Reads volunteer id (masked) into *out: 0, VOL_NOT_FOUND or -1. */
int vol_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct vol_volunteer *out);
/* The account's registration in the community: 0, VOL_NOT_FOUND or -1. */
int vol_get_by_user(struct db *db, struct arena *a, int64_t community_id, int64_t user_id, struct vol_volunteer *out);
/* Opens volunteer id's name and phone: 0, VOL_NOT_FOUND or -1 (also when
 * they do not open). */
int vol_open(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct vol_full *out);
/* A page of the staff list, newest registration first; q NULL for all, an
 * 11-digit mobile for that number, else an exact name (both through their
 * blind indexes). At most limit after offset. 0 or -1. */
int vol_list(struct db *db, struct arena *a, int64_t community_id, const char *q, int64_t offset, int64_t limit,
	     struct vol_volunteer **out, size_t *n);

#endif
