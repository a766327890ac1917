/* 场地与预约: rooms and equipment a community lends (活动室, 会议室, 多功能厅,
 * 健身器材, 台球桌, 乒乓球台, and rooms lent by resident units), their opening
 * hours (the service directory's engine, src/modules/services/services.h),
 * and bookings by residents, organizations and staff on their behalf (代订),
 * never two over one time. */
#ifndef SHEQU_MODULES_FACILITIES_H
#define SHEQU_MODULES_FACILITIES_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "http/module.h"

extern const struct module facilities_module;

/* ---- What community activities use (src/modules/activities): a room held
 * for an activity is a confirmed booking marked with the activity's id, made
 * and released in the activity's own transaction under the facility's lock,
 * so that a resident's booking and an activity never take one time. ---- */

/* A facility an activity may be held in. */
struct facilities_room {
	int64_t id;
	const char *name, *place;
	int capacity; /* people; 0 not said */
};

/* The community's active facilities by name. 0 or -1. */
int facilities_rooms(struct db *db, struct arena *a, int64_t community_id, struct facilities_room **out, size_t *n);

/* Why a room cannot be held. */
enum facilities_hold_result {
	FH_OK,
	FH_NONE,     /* no such facility, or not active */
	FH_TAKEN,    /* a pending or confirmed booking overlaps the time */
	FH_CAPACITY, /* more places than the room holds, or places without limit in a room that has one */
	FH_TOO_LONG, /* longer than one booking may last (a day) */
};

/* Holds facility_id for [from, to) for activity_id (its title as the
 * booking's purpose, its organizer as the booker, `people` places, 0 for no
 * limit): locks the facility, checks it is active, big enough (when the
 * room says how many it holds: 1 <= people <= capacity) and free, and inserts a confirmed booking by `by`. Opening hours
 * and the slot grid are residents' rules and are not applied. Inside the
 * caller's write transaction. FH_OK with *booking_id, another FH_* with
 * nothing written, or -1. */
int facilities_hold(struct db *db, struct arena *a, int64_t community_id, int64_t facility_id, int64_t activity_id,
		    const char *title, const char *organizer, int people, int64_t from, int64_t to, int64_t by,
		    int64_t now, int64_t *booking_id);

/* Releases a hold made by facilities_hold (cancelled, with reason, by `by`):
 * 0 (also when it was released already), or -1. Inside the caller's write
 * transaction. */
int facilities_release(struct db *db, int64_t community_id, int64_t booking_id, int64_t by, const char *reason,
		       int64_t now);

/* The words for a result of facilities_hold other than FH_OK, naming the
 * room (Chinese, for the form's field). */
const char *facilities_hold_text(struct arena *a, enum facilities_hold_result r, const char *room, int capacity);

#endif
