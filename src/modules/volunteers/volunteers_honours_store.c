/* SQL for the honours: the year's ranking read from the summary kept with
 * each confirmation (volunteers_year, walked down its index, never the
 * records) and the 星级志愿者 from the totals kept on each volunteer. */
#include "modules/volunteers/volunteers_internal.h"

const int64_t vol_star_hours[5] = {100, 300, 600, 1000, 1500};

int vol_stars(int64_t minutes)
{
	int s = 0;
	while (s < 5 && minutes >= vol_star_hours[s] * 60)
		s++;
	return s;
}

static struct db_query q_ranking = DB_QUERY(
    "SELECT y.volunteer_id, v.name_masked, y.minutes, y.records FROM volunteers_year y"
    " JOIN volunteers_volunteer v ON v.community_id = y.community_id AND v.id = y.volunteer_id"
    " WHERE y.community_id = ? AND y.year = ? AND y.minutes > 0"
    " ORDER BY y.minutes DESC, y.volunteer_id DESC LIMIT ? OFFSET ?");
static struct db_query q_starred = DB_QUERY(
    "SELECT id, name_masked, minutes_total, records FROM volunteers_volunteer"
    " WHERE community_id = ? AND minutes_total >= ? ORDER BY minutes_total DESC, id DESC LIMIT ? OFFSET ?");

static void rank_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct vol_rank *r = slot;
	r->volunteer_id = db_col_int(st, 0);
	r->name_masked = db_col_dup(st, 1, a);
	r->minutes = db_col_int(st, 2);
	r->records = db_col_int(st, 3);
}

int vol_ranking(struct db *db, struct arena *a, int64_t community_id, int year, int64_t offset, int64_t limit,
		struct vol_rank **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_ranking);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, year);
	db_bind_int(st, 3, limit);
	db_bind_int(st, 4, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, rank_fill);
}

int vol_starred(struct db *db, struct arena *a, int64_t community_id, int64_t min_minutes, int64_t offset,
		int64_t limit, struct vol_rank **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_starred);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, min_minutes);
	db_bind_int(st, 3, limit);
	db_bind_int(st, 4, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, rank_fill);
}
