/* The SQL of the staff pages that the registry's store does not have: the
 * workbench's counts and a household's address. Each one indexed statement. */
#include <string.h>

#include "modules/people/people_web.h"

/* Due within the window: walks people_person_erase (partial) over the few
 * due within 30 days anywhere, never the community's whole registry (the
 * "+ 0" keeps the planner off the community's indexes). */
static struct db_query q_due = DB_QUERY("SELECT COUNT(*) FROM people_person WHERE erase_after IS NOT NULL"
                                        " AND erase_after <= ? AND community_id + 0 = ? AND erased_at IS NULL");
/* Living residents without a building: people_person_building (community_id, building_id IS NULL, status). */
static struct db_query q_no_address = DB_QUERY("SELECT COUNT(*) FROM people_person WHERE community_id = ? "
                                               "AND building_id IS NULL AND status = 'living'");

int people_bench_counts(struct db *db, int64_t community_id, int64_t now, struct people_bench *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = db_stmt(db, &q_due);
	if (!st)
		return -1;
	db_bind_int(st, 1, now + 30 * 86400);
	db_bind_int(st, 2, community_id);
	if (db_one_int(st, &out->due_erase) < 0 || !(st = db_stmt(db, &q_no_address)))
		return -1;
	db_bind_int(st, 1, community_id);
	return db_one_int(st, &out->no_address) < 0 ? -1 : 0;
}

static struct db_query q_household =
    DB_QUERY("SELECT h.label, r.unit, r.room, b.id, b.name, b.grid FROM people_household h"
             " JOIN people_room r ON r.community_id = h.community_id AND r.id = h.room_id"
             " JOIN people_building b ON b.community_id = r.community_id AND b.id = r.building_id"
             " WHERE h.community_id = ? AND h.id = ?");

int people_household_get(struct db *db, struct arena *a, int64_t community_id, int64_t id,
                         struct people_household_info *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = db_stmt(db, &q_household);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = id;
		out->label = db_col_dup(st, 0, a);
		out->unit = db_col_dup(st, 1, a);
		out->room = db_col_dup(st, 2, a);
		out->building_id = db_col_int(st, 3);
		out->building = db_col_dup(st, 4, a);
		out->grid = db_col_dup(st, 5, a);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}
