/* The facilities module's own types and functions, shared by its files only. */
#ifndef SHEQU_MODULES_FACILITIES_INTERNAL_H
#define SHEQU_MODULES_FACILITIES_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "db/db.h"
#include "modules/facilities/facilities.h"
#include "modules/services/services.h"

/* The no-show rule: a resident with FACILITIES_NOSHOW_LIMIT no-shows within
 * FACILITIES_NOSHOW_WINDOW_DAYS cannot book online for
 * FACILITIES_NOSHOW_BLOCK_DAYS after the last of them (staff may still book
 * for them at the desk). */
#define FACILITIES_NOSHOW_LIMIT 3
#define FACILITIES_NOSHOW_WINDOW_DAYS 90
#define FACILITIES_NOSHOW_BLOCK_DAYS 30
/* No booking is longer than a day, whatever a facility allows: the overlap
 * check looks back this far only. */
#define FACILITIES_LONGEST_MIN 1440
#define FACILITIES_MAX 200 /* facilities a community may keep */

struct facilities_facility {
	int64_t id;
	const char *name, *kind, *place, *rules, *provided_by;
	int capacity; /* people; 0 not said */
	int needs_approval, open_residents, open_orgs, active;
	int slot_min, max_min, days_ahead;
	struct services_schedule hours; /* holidays_open and makeup_weekday too */
	int64_t created_at, updated_at;
};

enum facilities_state {
	FB_PENDING,
	FB_CONFIRMED,
	FB_REFUSED,
	FB_CANCELLED,
	FB_NO_SHOW,
	FB__MAX
};

struct facilities_booking {
	int64_t id, facility_id;
	int64_t starts_at, ends_at;
	int64_t user_id; /* 0: a desk booking */
	const char *name, *phone; /* masked unless read with full = 1 */
	const char *organization, *purpose;
	int people;
	enum facilities_state state;
	int64_t by_user, decided_by, decided_at;
	const char *reason;
	int64_t created_at;
	const char *facility_name; /* lists only */
	int64_t activity_id;	   /* a room held for a community activity (facilities_hold), else 0 */
};

/* A booking asked for: the time as typed and checked (date, minutes of that
 * day: end may pass 1440 for a booking into the next morning). */
struct facilities_request {
	struct ymd day;
	int start_min, end_min;
	int people;
	const char *organization, *purpose;
	const char *name, *phone; /* whom it is for (sealed) */
	int64_t user_id;	  /* 0: a desk booking */
	int64_t by_user;	  /* staff booking on someone's behalf, else 0 */
};

/* Why a booking is refused (facilities_book), each with its words. */
enum facilities_refusal {
	FR_OK,
	FR_NO_FACILITY,	 /* none such, or not active */
	FR_GRID,	 /* not on the slot grid */
	FR_LENGTH,	 /* longer than the facility allows */
	FR_PAST,	 /* starts before now */
	FR_TOO_FAR,	 /* past the booking window */
	FR_CLOSED,	 /* outside the opening hours of that day */
	FR_TAKEN,	 /* overlaps a pending or confirmed booking */
	FR_NOSHOWS,	 /* the resident is blocked for no-shows */
	FR_NOT_OPEN_TO,	 /* the facility does not take this kind of booker */
	FR_CAPACITY,	 /* more people than it holds */
	FR__MAX
};

/* ---- facilities_rules.c: pure ---- */

/* 1 if [start, end) minutes of a day (0 <= start < end, end may pass 1440)
 * lies inside one of the effective periods of that day (today), or inside
 * an overnight period of the day before (prev: start and end then read as
 * 1440 more on prev's clock); else 0. prev and today are the calendar's
 * words for the two days (services_day_info). */
int facilities_hours_fit(const struct services_schedule *s, const struct services_day_info *prev,
			 const struct services_day_info *today, int start, int end);
/* The same, and start on the period's slot grid: the period that holds it
 * opens at o (on its own day's clock) and start is o + k * slot (slot < 1
 * read as 1). The grid counts from each period's opening, not midnight. */
int facilities_hours_grid_fit(const struct services_schedule *s, const struct services_day_info *prev,
			      const struct services_day_info *today, int start, int end, int slot);
/* What the calendar says of day d (weekday, kind, holiday name). */
void facilities_day_info(struct ymd d, struct services_day_info *out);
/* The end of the no-show block from the times (Unix seconds, any order; the
 * array is sorted in place) of a resident's no-shows: the latest moment
 * FACILITIES_NOSHOW_BLOCK_DAYS after a no-show that made
 * FACILITIES_NOSHOW_LIMIT within FACILITIES_NOSHOW_WINDOW_DAYS; 0 if none. */
int64_t facilities_noshow_until(int64_t *times, size_t n);
/* Checks a request's time against the facility at `now` (length a whole
 * number of slots, length, past, window, hours, start at the opening of its
 * period + k slots), no database: FR_OK or the refusal. */
enum facilities_refusal facilities_time_check(const struct facilities_facility *f, const struct facilities_request *q,
					      int64_t now);
/* The slot lengths (minutes) staff may choose on the facility form. */
#define FACILITIES_NSLOTS 5
extern const int facilities_slots[FACILITIES_NSLOTS];
/* 1 if slot is one of facilities_slots, or is kept (> 0): the value a
 * facility being edited already has, kept as it was; else 0. */
int facilities_slot_allowed(int slot, int kept);
/* The refusal in Chinese, for the form. */
const char *facilities_refusal_text(enum facilities_refusal r);
/* "pending", ... and "待审批", ...; state from its name, -1 if none. */
const char *facilities_state_name(enum facilities_state s);
const char *facilities_state_label(enum facilities_state s);
int facilities_state_from(const char *s);
/* Parses the booking form's typed values: date (date_parse_typed_near:
 * 12月2日 without its year is the coming one, seen from today), start and
 * end (date_time_parse_typed; an end not after the start is the next
 * morning), people (1..9999). Each error in errs[0..3] (date, start, end,
 * people), NULL when that one is fine. 0 when all parse, else -1. */
int facilities_parse_time(struct ymd today, const char *date, const char *start, const char *end, const char *people,
			  struct facilities_request *q, const char *errs[4]);

/* ---- facilities_store.c: SQL; writes in the caller's transaction ---- */

/* The community's facilities by kind and name (hours attached); active_only
 * leaves out the inactive. 0 or -1. */
int facilities_list(struct db *db, struct arena *a, int64_t community_id, int active_only,
		    struct facilities_facility **out, size_t *n);
/* One facility with its hours: 0, 1 if none in this community, -1. */
int facilities_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct facilities_facility *out);
/* Adds one (id from db_next_id): 0, DB_CONSTRAINT for a name taken, -1. */
int facilities_add(struct db *db, int64_t community_id, const struct facilities_facility *f, int64_t now, int64_t *id);
/* Replaces facility f->id and its hours (lock it first): 0, 1 none, DB_CONSTRAINT, -1. */
int facilities_update(struct db *db, int64_t community_id, const struct facilities_facility *f, int64_t now);
/* Locks the facility's row until commit: 0, 1 if none, -1. */
int facilities_lock(struct db *db, int64_t community_id, int64_t id);

/* Books: locks the facility, checks the request (facilities_time_check,
 * capacity, the booker kind, the no-show block for an online booking by a
 * resident, no overlap with a pending or confirmed booking) and inserts it,
 * pending when the facility needs approval and it is not a staff booking,
 * else confirmed. Inside the caller's write transaction. 0 with *id and
 * *refusal = FR_OK; 0 with *refusal set when refused (nothing written); -1. */
int facilities_book(struct db *db, struct arena *a, int64_t community_id, int64_t facility_id,
		    const struct facilities_request *q, int64_t now, int64_t *id, enum facilities_refusal *refusal);
/* Pending or confirmed bookings of the facility overlapping [from, to), which
 * lasts at most FACILITIES_LONGEST_MIN: the count, or -1. */
int64_t facilities_overlapping(struct db *db, int64_t community_id, int64_t facility_id, int64_t from, int64_t to);
/* Inserts a booking of [from, to) for q's booker in `state`, held for
 * activity_id (0 none), with an id from db_next_id; checks nothing (the
 * caller has locked the facility and checked). 0 with *id, or -1. */
int facilities_insert(struct db *db, struct arena *a, int64_t community_id, int64_t facility_id,
		      const struct facilities_request *q, int64_t from, int64_t to, const char *state,
		      int64_t activity_id, int64_t now, int64_t *id);
/* Rooms held for activities (facilities_hold) not yet over: how many, and
 * the most places one of them has. 0 or -1. */
int facilities_holds_ahead(struct db *db, int64_t community_id, int64_t facility_id, int64_t now, int64_t *count,
			   int64_t *most);
/* One booking (full: name and phone opened, else masked): 0, 1 none, -1. */
int facilities_booking_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, int full,
			   struct facilities_booking *out);
/* Moves a booking from one of the states in the mask `from` (1 << state)
 * to `to`, recording who and why: a guarded UPDATE. 0, 1 when it was not in
 * such a state (or not found, or for no_show: not yet started), -1. */
int facilities_booking_move(struct db *db, int64_t community_id, int64_t id, unsigned from, enum facilities_state to,
			    int64_t by, const char *reason, int64_t now);
/* Pending and confirmed bookings of a facility overlapping [from, to),
 * by start: the calendar's taken times. 0 or -1. */
int facilities_taken(struct db *db, struct arena *a, int64_t community_id, int64_t facility_id, int64_t from,
		     int64_t to, struct facilities_booking **out, size_t *n);
/* The times of a user's no-shows since `since`. 0 or -1. */
int facilities_noshows(struct db *db, struct arena *a, int64_t community_id, int64_t user_id, int64_t since,
		       int64_t **out, size_t *n);

/* A user's no-shows at now: *recent (may be NULL) those that started in the
 * last FACILITIES_NOSHOW_WINDOW_DAYS, *until the end of the online-booking
 * block (facilities_noshow_until), 0 when not blocked at now. 0 or -1. */
int facilities_noshow_state(struct db *db, struct arena *a, int64_t community_id, int64_t user_id, int64_t now,
			    int *recent, int64_t *until);

/* A bookings list's filter and page. */
struct facilities_filter {
	int64_t facility_id; /* 0: all */
	int state;	     /* -1: all */
	int64_t from, to;    /* starts_at in [from, to); 0: unbounded */
	int64_t user_id;     /* 0: all */
	/* with user_id: FW_ALL, or those not over at `at` (FW_UPCOMING,
	 * soonest first), or those over by `at` (FW_PAST) */
	enum { FW_ALL, FW_UPCOMING, FW_PAST } when;
	int64_t at;
	size_t offset, limit;
	int full;
};
/* Bookings by start, latest first (FW_UPCOMING: soonest first), at most
 * limit + 1 (to tell a next page). 0 or -1. */
int facilities_bookings(struct db *db, struct arena *a, int64_t community_id, const struct facilities_filter *f,
			struct facilities_booking **out, size_t *n);
/* Counts for the workbench: pending bookings from now on, and today's
 * pending or confirmed bookings. 0 or -1. */
int facilities_counts(struct db *db, int64_t community_id, int64_t now, int64_t *pending, int64_t *today);

/* Pending bookings from now on per community under unit (a street or
 * district id; 0: everywhere), one grouped query: pairs {community id,
 * count} of the communities that have some, by id. 0 or -1. */
int facilities_pending_under(struct db *db, struct arena *a, int64_t unit, int64_t now, int64_t (**out)[2], size_t *n);

/* facilities_demo.c */
int facilities_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

#endif
