/* The activities module's types and store (activities_store.c,
 * activities_signup.c): shared by its files only. Every statement names the
 * community; writes run in the caller's transaction. */
#ifndef SHEQU_MODULES_ACTIVITIES_INTERNAL_H
#define SHEQU_MODULES_ACTIVITIES_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

/* What the store answers besides 0 (done) and -1 (a database error). */
/* An activity lasts at most this many days (a week-long class is several
 * activities): the list of upcoming ones starts its index walk there. */
#define ACT_MAX_DAYS 31
/* The years an activity may be dated in (the calendar feed and the pages
 * handle these; a typo such as 9999 is refused). */
#define ACT_FIRST_YEAR 2000
#define ACT_LAST_YEAR 2100

enum act_rc {
	ACT_OK = 0,
	ACT_NOT_FOUND = 1, /* no such activity or sign-up in this community */
	ACT_NOT_OPEN,	   /* the activity is a draft or cancelled */
	ACT_CLOSED,	   /* sign-up has closed */
	ACT_STARTED,	   /* the activity has begun (or ended) */
	ACT_DUPLICATE,	   /* this account already holds a live sign-up */
	ACT_GONE,	   /* the sign-up was cancelled already */
	ACT_STATE,	   /* the activity is not in the state the step needs */
	ACT_NOT_NOW,	   /* a check-in outside the activity's time (ACT_CHECK_IN_*) */
	ACT_ATTENDED,	   /* a checked-in sign-up cannot be cancelled */
};
/* Check-in is recorded from this long before the start (people arrive
 * early) until this long after the end (a paper sign-in sheet entered the
 * next days), in seconds. */
#define ACT_CHECK_IN_EARLY (2 * 3600)
#define ACT_CHECK_IN_LATE (7 * 86400)

/* The kinds of activity: a code kept in the row and its Chinese label. */
struct act_kind {
	const char *code, *label;
};
extern const struct act_kind act_kinds[];
extern const size_t act_nkinds;
/* The label of a kind code ("其他活动" for an unknown one). */
const char *act_kind_label(const char *code);
/* 1 if code is one of act_kinds. */
int act_kind_ok(const char *code);
/* The Chinese word for a state of an activity or a sign-up. */
const char *act_state_label(const char *state);

/* One activity, as its page and its edit form show it. */
struct act_activity {
	int64_t id;
	const char *kind, *title, *organizer, *place;
	int64_t starts_at, ends_at, signup_closes_at;
	int64_t capacity; /* 0: no limit */
	const char *audience;
	int64_t min_age;
	const char *description, *state, *cancel_reason;
	int64_t confirmed, waitlisted, next_arrival, attended, needs_call;
	const char *report;
	int64_t report_at; /* 0: no report published */
	int64_t photos;
	int64_t created_at, updated_at;
	int64_t facility_id; /* the room it is held in (src/modules/facilities), 0 none */
	int64_t booking_id;  /* the booking holding that room while published, 0 none */
};

/* One line of a list of activities: only what the lists show. */
struct act_line {
	int64_t id;
	const char *kind, *title, *place, *state;
	int64_t starts_at, ends_at, signup_closes_at, capacity;
	int64_t confirmed, waitlisted, attended, needs_call, report_at;
};

/* One sign-up. phone is the opened number only when the reader asked for it
 * (staff, audited), else NULL. */
struct act_signup {
	int64_t id, activity_id, arrival, user_id, by_user;
	const char *name, *name_masked, *phone, *phone_masked, *state;
	int needs_call;
	int64_t created_at, cancelled_at, promoted_at, attended_at;
};

/* A sign-up to make: by the resident (user_id, by_user 0) or at the desk
 * by staff (by_user; user_id 0 for someone without an account). */
struct act_signup_new {
	int64_t user_id, by_user;
	const char *name, *phone; /* phone may be "" */
	int needs_call;
};

/* ---- activities (activities_store.c) ---- */

/* Reads activity id of the community into *out (strings in a): 0,
 * ACT_NOT_FOUND or -1. */
int act_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct act_activity *out);
/* Locks the activity row until commit (inside a write transaction): 0,
 * ACT_NOT_FOUND or -1. */
int act_lock(struct db *db, int64_t community_id, int64_t id);
/* Adds a draft activity with a new id (*id): 0 or -1. */
int act_add(struct db *db, int64_t community_id, const struct act_activity *v, int64_t by, int64_t now,
	    int64_t *id);
/* Replaces the editable fields of an activity (not its state or counters)
 * and, when places were added, moves the waitlist up into them: 0,
 * ACT_NOT_FOUND or -1. Call with the row locked. */
int act_update(struct db *db, int64_t community_id, const struct act_activity *v, int64_t by, int64_t now);
/* The year of birth of the registry's resident linked to account user_id
 * in the community (0 when none is linked or the year is not known): 0 or -1. */
int act_birth_year(struct db *db, int64_t community_id, int64_t user_id, int *year);
/* Records the booking that holds the activity's room (0: none): 0 or -1.
 * Call with the row locked. */
int act_set_booking(struct db *db, int64_t community_id, int64_t id, int64_t booking_id);
/* Moves a draft to published: 0, ACT_STATE (not a draft), ACT_NOT_FOUND or -1. */
int act_publish(struct db *db, int64_t community_id, int64_t id, int64_t by, int64_t now);
/* Cancels a draft or published activity with the reason: 0, ACT_STATE,
 * ACT_NOT_FOUND or -1. Its sign-ups stay, and their pages say so. */
int act_cancel(struct db *db, int64_t community_id, int64_t id, const char *reason, int64_t by, int64_t now);

/* Which activities a list shows. */
enum act_when { ACT_UPCOMING, ACT_PAST, ACT_ALL };
/* A page of a list: published (and cancelled, for the public: they stay
 * listed, marked) activities of the community, upcoming (not yet ended, by
 * start) or past (ended, latest first), of one kind when kind is not NULL;
 * every state for staff (ACT_ALL, latest start first). At most limit rows
 * after offset skipped. 0 or -1. */
int act_list(struct db *db, struct arena *a, int64_t community_id, enum act_when when, const char *kind,
	     int64_t now, int64_t offset, int64_t limit, struct act_line **out, size_t *n);
/* Published or cancelled activities starting from `from` on, for the
 * calendar feed, by start: at most limit. 0 or -1. */
int act_feed(struct db *db, struct arena *a, int64_t community_id, int64_t from, int64_t limit,
	     struct act_activity **out, size_t *n);
/* Activities with a published report, newest report first: only their id,
 * title, place, times, report, report_at and photos (other strings ""). 0 or -1. */
int act_reports(struct db *db, struct arena *a, int64_t community_id, int64_t offset, int64_t limit,
		struct act_activity **out, size_t *n);

/* ---- sign-ups (activities_signup.c) ---- */

/* The result of a sign-up. */
struct act_signup_done {
	int64_t id, arrival;
	int confirmed; /* 1 a place, 0 the waitlist */
};
/* Signs up for activity aid, the rule under the activity row's lock:
 * refused (ACT_NOT_FOUND, ACT_NOT_OPEN, ACT_CLOSED, ACT_STARTED,
 * ACT_DUPLICATE) unless published, before sign-up closes and the start,
 * and this account holds no live sign-up; otherwise takes the next arrival
 * number and a place while confirmed < capacity (or no limit), else the
 * waitlist, and keeps the counters. Inside the caller's write transaction:
 * 0 with *done set, a refusal, or -1. */
int act_signup_add(struct db *db, struct arena *a, int64_t community_id, int64_t aid, const struct act_signup_new *s,
		   int64_t now, struct act_signup_done *done);
/* Cancels sign-up sid of activity aid: under the activity's lock, the
 * sign-up guarded (not cancelled already), the counters kept, and a freed
 * place given to the earliest waitlisted (lowest arrival) in the same
 * transaction, whose id goes to *promoted (0: none). user_id not 0: only
 * that account's own sign-up. 0, ACT_NOT_FOUND, ACT_GONE or -1. */
int act_signup_cancel(struct db *db, int64_t community_id, int64_t aid, int64_t sid, int64_t user_id, int64_t now,
		      int64_t *promoted);
/* Gives free places to the waitlist in arrival order while confirmed is
 * below capacity (all of it with no limit), the activity row locked by the
 * caller; the number promoted in *n (may be NULL). 0 or -1. */
int act_fill_places(struct db *db, int64_t community_id, int64_t aid, int64_t now, int64_t *n);
/* The account's live or latest sign-up for the activity: 0, ACT_NOT_FOUND or -1. */
int act_signup_mine(struct db *db, struct arena *a, int64_t community_id, int64_t aid, int64_t user_id,
		    struct act_signup *out);
/* The place in the waitlist (1: next to move up) of a waitlisted arrival. 0 or -1. */
int act_wait_position(struct db *db, int64_t community_id, int64_t aid, int64_t arrival, int64_t *pos);
/* An activity's sign-ups in state (NULL: confirmed then waitlisted, by
 * arrival; "all": every state), phones opened when open_phones. At most
 * limit after offset. 0 or -1 (also when a phone does not open). */
int act_signups(struct db *db, struct arena *a, int64_t community_id, int64_t aid, const char *state,
		int open_phones, int64_t offset, int64_t limit, struct act_signup **out, size_t *n);
/* An account's sign-ups (not cancelled ones) with their activities, for
 * 我的报名: activities ending after `after`, by start. 0 or -1. */
struct act_mine {
	struct act_signup s;
	struct act_line act;
	const char *cancel_reason;
};
int act_mine(struct db *db, struct arena *a, int64_t community_id, int64_t user_id, int64_t after, int64_t limit,
	     struct act_mine **out, size_t *n);
/* The places in line of the account's waitlisted sign-ups, in one
 * statement: pos[i] for m[i] (left as it is for the others). 0 or -1. */
int act_wait_positions(struct db *db, int64_t community_id, int64_t user_id, struct act_mine *m, size_t n,
		       int64_t *pos);
/* The live sign-ups with 电话提醒 of published activities starting from
 * `from` until `to`, by start and arrival, phones opened: at most limit.
 * 0 or -1 (also when a phone does not open). */
int act_calls(struct db *db, struct arena *a, int64_t community_id, int64_t from, int64_t to, int64_t limit,
	      struct act_mine **out, size_t *n);
/* Marks a confirmed sign-up as come (guarded: twice changes nothing and is
 * 0 with *changed 0), keeping the activity's attended count. 0,
 * ACT_NOT_FOUND or -1. */
int act_check_in(struct db *db, int64_t community_id, int64_t aid, int64_t sid, int64_t now, int *changed);

/* ---- report and photos (activities_report.c) ---- */

struct act_photo {
	int64_t id;
	const char *name, *mime;
	int64_t size;
	const void *data; /* NULL in lists */
};
#define ACT_MAX_PHOTOS 9
#define ACT_PHOTO_BYTES (2u << 20)
/* Saves the report text, published (report_at now) when publish: 0,
 * ACT_NOT_FOUND, ACT_STATE (not ended yet or not published) or -1. */
int act_report_save(struct db *db, int64_t community_id, int64_t aid, const char *text, int publish, int64_t by,
		    int64_t now);
/* Adds a photo: 0, ACT_STATE (already ACT_MAX_PHOTOS), ACT_NOT_FOUND or -1. */
int act_photo_add(struct db *db, int64_t community_id, int64_t aid, const char *name, const char *mime,
		  const void *data, size_t len, int64_t now, int64_t *id);
/* An activity's photos without their bytes, in order. 0 or -1. */
int act_photos(struct db *db, struct arena *a, int64_t community_id, int64_t aid, struct act_photo **out,
	       size_t *n);
/* One photo with its bytes: 0, ACT_NOT_FOUND or -1. */
int act_photo_get(struct db *db, struct arena *a, int64_t community_id, int64_t aid, int64_t pid,
		  struct act_photo *out);

#endif
