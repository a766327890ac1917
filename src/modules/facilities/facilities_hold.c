/* Rooms held for community activities (facilities.h): the activity's
 * transaction books the room under the facility's lock, as a resident's
 * booking does, so the two never share a time. */
#include <string.h>

#include "modules/facilities/facilities.h"
#include "modules/facilities/facilities_internal.h"

static struct db_query q_rooms = DB_QUERY(
    "SELECT id, name, place, capacity FROM facilities_facility WHERE community_id = ? AND active = 1 ORDER BY name"
    " LIMIT 200");

static void room_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct facilities_room *r = slot;
	r->id = db_col_int(st, 0);
	r->name = db_col_dup(st, 1, a);
	r->place = db_col_dup(st, 2, a);
	r->capacity = (int)db_col_int(st, 3);
}

int facilities_rooms(struct db *db, struct arena *a, int64_t community_id, struct facilities_room **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_rooms);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_rows(st, a, sizeof **out, 200, (void **)out, n, room_from_row);
}

int facilities_hold(struct db *db, struct arena *a, int64_t community_id, int64_t facility_id, int64_t activity_id,
		    const char *title, const char *organizer, int people, int64_t from, int64_t to, int64_t by,
		    int64_t now, int64_t *booking_id)
{
	if (to <= from || to - from > (int64_t)FACILITIES_LONGEST_MIN * 60)
		return FH_TOO_LONG;
	int rc = facilities_lock(db, community_id, facility_id);
	if (rc < 0)
		return -1;
	struct facilities_facility f;
	if (rc == 1 || (rc = facilities_get(db, a, community_id, facility_id, &f)) == 1 || (rc == 0 && !f.active))
		return FH_NONE;
	if (rc < 0)
		return -1;
	/* places without limit (0) do not fit a room that holds so many */
	if (f.capacity > 0 && (people <= 0 || people > f.capacity))
		return FH_CAPACITY;
	int64_t taken = facilities_overlapping(db, community_id, facility_id, from, to);
	if (taken < 0)
		return -1;
	if (taken > 0)
		return FH_TAKEN;
	struct facilities_request q = {
	    .people = people > 0 ? people : 1,
	    .organization = organizer && *organizer ? organizer : "社区活动",
	    .purpose = title,
	    .by_user = by,
	};
	return facilities_insert(db, a, community_id, facility_id, &q, from, to, "confirmed", activity_id, now,
				 booking_id) < 0
		   ? -1
		   : FH_OK;
}

static struct db_query q_holds_ahead = DB_QUERY(
    "SELECT COUNT(*), COALESCE(MAX(people), 0) FROM facilities_booking WHERE community_id = ? AND facility_id = ?"
    " AND starts_at > ? AND ends_at > ? AND activity_id IS NOT NULL AND state = 'confirmed'");

int facilities_holds_ahead(struct db *db, int64_t community_id, int64_t facility_id, int64_t now, int64_t *count,
			   int64_t *most)
{
	struct db_stmt *st = db_stmt(db, &q_holds_ahead);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, facility_id);
	db_bind_int(st, 3, now - (int64_t)FACILITIES_LONGEST_MIN * 60);
	db_bind_int(st, 4, now);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*count = db_col_int(st, 0);
		*most = db_col_int(st, 1);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : -1;
}

int facilities_release(struct db *db, int64_t community_id, int64_t booking_id, int64_t by, const char *reason,
		       int64_t now)
{
	int rc = facilities_booking_move(db, community_id, booking_id, 1u << FB_PENDING | 1u << FB_CONFIRMED,
					 FB_CANCELLED, by, reason, now);
	return rc < 0 ? -1 : 0;
}

const char *facilities_hold_text(struct arena *a, enum facilities_hold_result r, const char *room, int capacity)
{
	switch (r) {
	case FH_NONE:
		return "这个场地已停用或不存在,请另选场地";
	case FH_TAKEN:
		return arena_printf(a, "%s 在这个时段已有预约,请改时间或另选场地(场地的预约日历里能看到空闲时段)",
				    room);
	case FH_CAPACITY:
		return arena_printf(a, "%s 最多容纳 %d 人,活动名额须填写且不能超过它;请改名额或另选场地", room, capacity);
	case FH_TOO_LONG:
		return "一次预约场地最长一天;跨天的活动请不选场地,另行分天预约";
	default:
		return "";
	}
}
