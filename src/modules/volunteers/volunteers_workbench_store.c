/* SQL for what the staff workbench counts and lists: hours waiting for
 * confirmation (records checked out, not confirmed; on their own index)
 * and a day's shifts (on the shifts' start index). */
#include "modules/volunteers/volunteers_internal.h"

static struct db_query q_pending = DB_QUERY(
    "SELECT r.id, r.project_id, r.shift_id, r.volunteer_id, r.state, r.starts_at, r.ends_at, r.by_user,"
    " r.created_at, r.checkin_at, r.checkout_at, r.minutes, r.confirmed_minutes, r.confirmed_by,"
    " r.confirmed_at, '', r.note, p.title, v.name_masked FROM volunteers_record r"
    " JOIN volunteers_project p ON p.community_id = r.community_id AND p.id = r.project_id"
    " JOIN volunteers_volunteer v ON v.community_id = r.community_id AND v.id = r.volunteer_id"
    " WHERE r.community_id = ? AND r.confirmed_at IS NULL AND r.checkout_at IS NOT NULL"
    " ORDER BY r.checkout_at LIMIT ?");
static struct db_query q_pending_count = DB_QUERY(
    "SELECT COUNT(*) FROM volunteers_record WHERE community_id = ? AND confirmed_at IS NULL"
    " AND checkout_at IS NOT NULL");
static struct db_query q_pending_under = DB_QUERY(
    "SELECT c.id, c.slug, COUNT(r.id) FROM org_unit c JOIN org_unit s ON s.id = c.parent_id"
    " JOIN volunteers_record r ON r.community_id = c.id AND r.confirmed_at IS NULL AND r.checkout_at IS NOT NULL"
    " WHERE c.kind = 'community' AND (?1 = 0 OR c.id = ?1 OR s.id = ?1 OR s.parent_id = ?1)"
    " GROUP BY c.id, c.slug ORDER BY c.id");
static struct db_query q_between = DB_QUERY(
    "SELECT s.id, s.project_id, s.starts_at, s.ends_at, s.places, s.taken, p.title FROM volunteers_shift s"
    " JOIN volunteers_project p ON p.community_id = s.community_id AND p.id = s.project_id"
    " WHERE s.community_id = ? AND s.starts_at >= ? AND s.starts_at < ? ORDER BY s.starts_at, s.id LIMIT ?");
static struct db_query q_between_count = DB_QUERY(
    "SELECT COUNT(*) FROM volunteers_shift WHERE community_id = ? AND starts_at >= ? AND starts_at < ?");

int vol_pending(struct db *db, struct arena *a, int64_t community_id, int64_t limit, struct vol_record **out,
		size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_pending);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, limit);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, vol_record_fill);
}

int vol_pending_count(struct db *db, int64_t community_id, int64_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_pending_count);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_one_int(st, n) == 0 ? 0 : -1;
}

static void line_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct vol_shift_line *l = slot;
	l->s.id = db_col_int(st, 0);
	l->s.project_id = db_col_int(st, 1);
	l->s.starts_at = db_col_int(st, 2);
	l->s.ends_at = db_col_int(st, 3);
	l->s.places = db_col_int(st, 4);
	l->s.taken = db_col_int(st, 5);
	l->title = db_col_dup(st, 6, a);
}

int vol_shifts_between(struct db *db, struct arena *a, int64_t community_id, int64_t from, int64_t to,
		       int64_t limit, struct vol_shift_line **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_between);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, from);
	db_bind_int(st, 3, to);
	db_bind_int(st, 4, limit);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, line_fill);
}

int vol_shifts_count(struct db *db, int64_t community_id, int64_t from, int64_t to, int64_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_between_count);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, from);
	db_bind_int(st, 3, to);
	return db_one_int(st, n) == 0 ? 0 : -1;
}

static void at_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct vol_pending_at *x = slot;
	x->community_id = db_col_int(st, 0);
	x->slug = db_col_dup(st, 1, a);
	x->count = db_col_int(st, 2);
}

int vol_pending_under(struct db *db, struct arena *a, int64_t unit, struct vol_pending_at **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_pending_under);
	if (!st)
		return -1;
	db_bind_int(st, 1, unit);
	return db_rows(st, a, sizeof **out, 100000, (void **)out, n, at_fill);
}
