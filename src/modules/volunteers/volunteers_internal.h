/* The volunteers module's types and store: shared by its files only. Every
 * statement names the community; writes run in the caller's transaction. */
#ifndef SHEQU_MODULES_VOLUNTEERS_INTERNAL_H
#define SHEQU_MODULES_VOLUNTEERS_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
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
	VOL_TOO_SOON,	   /* a check-out within VOL_OUT_AFTER of the check-in: a second tap, not the end */
};
/* A check-out is taken from this many seconds after the check-in: the 签退
 * button stands where 签到 stood, and a second tap must not end the service. */
#define VOL_OUT_AFTER (5 * 60)
/* The longest shift (a night patrol is 8 hours; a shift that ends before it
 * starts ends the next day, and a slip must not make a 22-hour one). */
#define VOL_SHIFT_MAX_HOURS 16

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

/* ---- projects and shifts (volunteers_project_store.c) ---- */

/* The Chinese word for a project's state (草稿, 招募中, 已结束, 已取消). */
const char *vol_project_state_label(const char *state);

struct vol_project {
	int64_t id;
	const char *title, *description, *place, *organizer;
	int64_t org_id, leader_user_id;
	const char *leader_name; /* the 负责人's display name ("" none); lists leave it "" */
	const char *state, *cancel_reason;
	int64_t shifts;
	int64_t places_left; /* read: of the shifts not yet begun (the kept column counts every shift) */
	int64_t created_at, updated_at;
};
struct vol_shift {
	int64_t id, project_id, starts_at, ends_at, places, taken;
};

/* Adds a draft project with a new id (*id): 0 or -1. */
int vol_project_add(struct db *db, int64_t community_id, const struct vol_project *p, int64_t by, int64_t now,
		    int64_t *id);
/* Replaces the editable fields (title, description, place, organizer,
 * org_id, leader): 0, VOL_NOT_FOUND or -1. */
int vol_project_update(struct db *db, int64_t community_id, const struct vol_project *p, int64_t now);
/* Moves a project to state (recruiting from draft; ended or cancelled from
 * draft or recruiting; reason for cancelled): 0, VOL_STATE, VOL_NOT_FOUND or -1. */
int vol_project_set_state(struct db *db, int64_t community_id, int64_t id, const char *state, const char *reason,
			  int64_t now);
/* Reads project id with its 负责人's name: 0, VOL_NOT_FOUND or -1. */
int vol_project_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct vol_project *out);
/* A page of projects newest first: of state (NULL: every state). 0 or -1. */
int vol_project_list(struct db *db, struct arena *a, int64_t community_id, const char *state, int64_t offset,
		     int64_t limit, struct vol_project **out, size_t *n);
/* Adds a shift to a project (not ended or cancelled) and its places to the
 * project's places left: 0, VOL_STATE, VOL_NOT_FOUND or -1. */
int vol_shift_add(struct db *db, int64_t community_id, int64_t project_id, int64_t starts, int64_t ends,
		  int64_t places, int64_t now, int64_t *id);
/* Reads shift id: 0, VOL_NOT_FOUND or -1. */
int vol_shift_get(struct db *db, int64_t community_id, int64_t id, struct vol_shift *out);
/* A project's shifts starting after `after` less a day (those that may
 * still run; 0: all), by start: at most limit. 0 or -1. */
int vol_shifts(struct db *db, struct arena *a, int64_t community_id, int64_t project_id, int64_t after,
	       int64_t limit, struct vol_shift **out, size_t *n);

/* ---- sign-ups and records (volunteers_signup.c) ---- */

/* One sign-up or record, with what its lists show of the project and the
 * volunteer. */
struct vol_record {
	int64_t id, project_id, shift_id, volunteer_id;
	const char *state;
	int64_t starts_at, ends_at, by_user, created_at;
	int64_t checkin_at, checkout_at, minutes; /* 0: not yet (minutes -1: none) */
	int64_t confirmed_minutes;		  /* -1: not confirmed */
	int64_t confirmed_by, confirmed_at;
	const char *confirmed_name; /* who confirmed ("" none) */
	const char *note;
	const char *project_title, *name_masked;
};

/* Fills a struct vol_record from a row of the records' column list (db_row). */
void vol_record_fill(struct db_stmt *st, struct arena *a, void *slot);
/* Signs volunteer vid up for shift sid, under the shift row's lock: refused
 * (VOL_NOT_FOUND, VOL_NOT_OPEN, VOL_STARTED, VOL_FULL, VOL_DUPLICATE)
 * unless its project recruits, the shift has not begun, a place is left and
 * the volunteer holds no live sign-up for it; else takes the place (the
 * shift's taken and the project's places left kept). by: staff signing
 * them up, 0 themselves. 0 with *id, a refusal, or -1. */
int vol_signup(struct db *db, int64_t community_id, int64_t sid, int64_t vid, int64_t by, int64_t now, int64_t *id);
/* Cancels sign-up rid before its shift begins and before check-in, under
 * the shift's lock, giving the place back; vid not 0: only that
 * volunteer's own. 0, VOL_NOT_FOUND, VOL_GONE, VOL_STARTED, VOL_CHECKED_IN or -1. */
int vol_signup_cancel(struct db *db, int64_t community_id, int64_t rid, int64_t vid, int64_t now);
/* Reads record rid with the project's title and the volunteer's masked
 * name: 0, VOL_NOT_FOUND or -1. */
int vol_record_get(struct db *db, struct arena *a, int64_t community_id, int64_t rid, struct vol_record *out);
/* The live sign-up of volunteer vid for shift sid: 0, VOL_NOT_FOUND or -1. */
int vol_record_of(struct db *db, struct arena *a, int64_t community_id, int64_t sid, int64_t vid,
		  struct vol_record *out);
/* Volunteer vid's live sign-ups on project pid, newest shift first: at
 * most limit. 0 or -1. */
int vol_project_signups_of(struct db *db, struct arena *a, int64_t community_id, int64_t pid, int64_t vid,
			   int64_t limit, struct vol_record **out, size_t *n);
/* A shift's sign-ups (not cancelled), in order of signing up. 0 or -1. */
int vol_shift_records(struct db *db, struct arena *a, int64_t community_id, int64_t sid, int64_t limit,
		      struct vol_record **out, size_t *n);
/* A volunteer's sign-ups and records (not cancelled), latest first: at most
 * limit after offset. 0 or -1. */
int vol_volunteer_records(struct db *db, struct arena *a, int64_t community_id, int64_t vid, int64_t offset,
			  int64_t limit, struct vol_record **out, size_t *n);

/* ---- check-in, check-out and hours (volunteers_hours.c) ---- */

/* Check-in and check-out are taken from this long before a shift's start
 * until this long after its end, in seconds. */
#define VOL_WINDOW_EARLY 3600
#define VOL_WINDOW_LATE (12 * 3600)
/* Minutes beyond the shift's length that a record may count. */
#define VOL_OVERTIME_MINUTES 120
/* The longest shift (a night patrol 22:00–次日06:00 is 8 hours). */
#define VOL_MAX_SHIFT_MINUTES (24 * 60)
/* The minutes served between check-in and check-out (whole minutes, across
 * midnight as any other time), capped at the shift's length plus
 * VOL_OVERTIME_MINUTES; 0 when check-out is not after check-in. */
int64_t vol_minutes(int64_t checkin, int64_t checkout, int64_t starts, int64_t ends);
/* 1 if now is inside the check-in window of a shift from starts to ends. */
int vol_in_window(int64_t now, int64_t starts, int64_t ends);
/* Checks the volunteer of record rid in (out 0) or out (out 1) at now, by
 * the account by, the row guarded: VOL_NOT_FOUND (no live sign-up),
 * VOL_NOT_NOW (outside the window), VOL_CHECKED_IN (twice), VOL_NOT_IN
 * (check-out first), VOL_CHECKED_OUT (twice); at check-out the minutes are
 * worked out. 0, a refusal or -1. */
int vol_check(struct db *db, int64_t community_id, int64_t rid, int out, int64_t by, int64_t now);
/* Keeps the hash of a new pass token for record rid (the old one no longer
 * opens it): 0, VOL_NOT_FOUND or -1. */
int vol_pass_set(struct db *db, int64_t community_id, int64_t rid, const char *token_hash);
/* The record whose pass token hashes to token_hash in the community: 0,
 * VOL_NOT_FOUND or -1. */
int vol_pass_find(struct db *db, struct arena *a, int64_t community_id, const char *token_hash,
		  struct vol_record *out);
/* Confirms record rid's minutes (the first time: minutes, usually the
 * record's own) or corrects confirmed minutes (a correction row with old,
 * new, reason, who and when; reason required), keeping the volunteer's
 * totals and the year's summary in the same transaction. VOL_NOT_FOUND,
 * VOL_NOT_IN (not checked out, nothing to confirm), VOL_STATE (a
 * correction without a reason, or the same minutes). 0 or -1. */
int vol_confirm(struct db *db, int64_t community_id, int64_t rid, int64_t minutes, const char *reason, int64_t by,
		int64_t now);
/* 补录: records a past service of volunteer vid on project pid from starts
 * to ends with minutes and the reason, confirmed at once by by (totals and
 * summary kept). 0 with *id, VOL_NOT_FOUND or -1. */
int vol_backfill(struct db *db, int64_t community_id, int64_t pid, int64_t vid, int64_t starts, int64_t ends,
		 int64_t minutes, const char *reason, int64_t by, int64_t now, int64_t *id);

/* ---- certificates (volunteers_certificate_store.c) ---- */

struct vol_certificate {
	int64_t id, volunteer_id;
	const char *number, *name_masked;
	const char *name; /* the name as printed, opened; NULL unless asked */
	int64_t minutes, records;
	const char *period_from, *period_to, *issuer;
	int64_t issued_by, issued_at, revoked_at;
	const char *revoke_reason;
};
/* One record listed on a certificate. */
struct vol_certificate_line {
	const char *project_title;
	int64_t starts_at, ends_at, minutes;
};
/* The most records a certificate lists. */
#define VOL_CERT_LINES_MAX 2000
/* The prefix of a community's certificate numbers: its name's pinyin
 * initials in capitals without 社区 (幸福里社区 → XFL), at most 4, else
 * its slug's. */
const char *vol_cert_prefix(struct arena *a, const char *name, const char *slug);
/* Issues a certificate for volunteer vid over the days from..to (China
 * time, inclusive; YYYY-MM-DD) of their confirmed records (at most
 * VOL_CERT_LINES_MAX), the name as printed sealed, numbered
 * <prefix>-<year of issue>-<id, six digits> with the id from db_next_id.
 * VOL_NOT_FOUND (no such volunteer), VOL_STATE (no confirmed record in the
 * period). 0 with *out's id and number (in a), or -1. */
int vol_certificate_issue(struct db *db, struct arena *a, int64_t community_id, const char *prefix, int64_t vid,
			  struct ymd from, struct ymd to, const char *name, const char *issuer, int64_t by,
			  int64_t now, struct vol_certificate *out);
/* Reads the certificate numbered number; its printed name opened when
 * open_name: 0, VOL_NOT_FOUND or -1. */
int vol_certificate_get(struct db *db, struct arena *a, int64_t community_id, const char *number, int open_name,
			struct vol_certificate *out);
/* The records listed on certificate cid, by time. 0 or -1. */
int vol_certificate_lines(struct db *db, struct arena *a, int64_t community_id, int64_t cid,
			  struct vol_certificate_line **out, size_t *n);
/* A volunteer's certificates, newest first: at most limit. 0 or -1. */
int vol_certificates_of(struct db *db, struct arena *a, int64_t community_id, int64_t vid, int64_t limit,
			struct vol_certificate **out, size_t *n);
/* Revokes certificate id with the reason, guarded: 0, VOL_STATE (revoked
 * already), VOL_NOT_FOUND or -1. */
int vol_certificate_revoke(struct db *db, int64_t community_id, int64_t id, const char *reason, int64_t by,
			   int64_t now);

/* ---- honours (volunteers_honours_store.c) ---- */

/* 星级志愿者 by cumulative confirmed hours (the national 志愿者星级认定):
 * 100, 300, 600, 1000 and 1500 hours are one to five stars. */
extern const int64_t vol_star_hours[5];
/* The stars (0..5) of minutes of confirmed service. */
int vol_stars(int64_t minutes);
/* One line of a ranking: the volunteer's masked name and minutes. */
struct vol_rank {
	int64_t volunteer_id;
	const char *name_masked;
	int64_t minutes, records;
};
/* The year's ranking from the summary (most minutes first, then the
 * higher id): at most limit after offset. 0 or -1. */
int vol_ranking(struct db *db, struct arena *a, int64_t community_id, int year, int64_t offset, int64_t limit,
		struct vol_rank **out, size_t *n);
/* Volunteers with at least min_minutes in all, most first: at most limit
 * after offset. 0 or -1. */
int vol_starred(struct db *db, struct arena *a, int64_t community_id, int64_t min_minutes, int64_t offset,
		int64_t limit, struct vol_rank **out, size_t *n);

/* ---- the workbench's lists (volunteers_workbench_store.c) ---- */

/* Records checked out and not yet confirmed, oldest check-out first: at
 * most limit. 0 or -1. */
int vol_pending(struct db *db, struct arena *a, int64_t community_id, int64_t limit, struct vol_record **out,
		size_t *n);
/* How many records wait for confirmation. 0 or -1. */
int vol_pending_count(struct db *db, int64_t community_id, int64_t *n);
/* How many records wait for confirmation in one community. */
struct vol_pending_at {
	int64_t community_id;
	const char *slug;
	int64_t count;
};
/* The communities under unit (0: all) with records waiting for
 * confirmation, in one grouped statement, by id. 0 or -1. */
int vol_pending_under(struct db *db, struct arena *a, int64_t unit, struct vol_pending_at **out, size_t *n);
/* A shift with its project's title, for the list of a day's shifts. */
struct vol_shift_line {
	struct vol_shift s;
	const char *title;
};
/* Shifts starting from `from` until `to`, by start: at most limit. 0 or -1. */
int vol_shifts_between(struct db *db, struct arena *a, int64_t community_id, int64_t from, int64_t to,
		       int64_t limit, struct vol_shift_line **out, size_t *n);
/* How many shifts start from `from` until `to`. 0 or -1. */
int vol_shifts_count(struct db *db, int64_t community_id, int64_t from, int64_t to, int64_t *n);

#endif
