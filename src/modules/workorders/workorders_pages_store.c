/* The pages' own statements: the workbench counts of a community and the
 * street and district overview, each one query over the open orders
 * (workorders_order_state index). */
#include "modules/workorders/workorders_web.h"

/* Open orders: not final; 'replied' waits for the requester, not for staff. */
#define OPEN_STATES "('received', 'accepted', 'assigned', 'in_progress', 'replied')"
#define WORKING "o.state IN ('received', 'accepted', 'assigned', 'in_progress')"
/* A working order whose deadline in force has passed at now / falls due
 * before day (as the list's overdue filter, wo_orders, reads it). */
/* Every comparison is guarded (a missing deadline is false, never NULL),
 * so that NOT LATE is true for an order with no passed deadline. */
#define LATE(now)                                                                                               \
	"(" WORKING " AND ((o.accepted_at IS NULL AND o.accept_due IS NOT NULL AND o.accept_due < " now ")"       \
	" OR (o.finish_due IS NOT NULL AND o.finish_due < " now ")"                                               \
	" OR (o.responded_at IS NULL AND o.respond_due IS NOT NULL AND o.respond_due < " now ")))"
#define SOON(now, day)                                                                                          \
	"(NOT " LATE(now) " AND " WORKING " AND ((o.accepted_at IS NULL AND o.accept_due IS NOT NULL"              \
	" AND o.accept_due <= " day ") OR (o.finish_due IS NOT NULL AND o.finish_due <= " day ")"                 \
	" OR (o.responded_at IS NULL AND o.respond_due IS NOT NULL AND o.respond_due <= " day ")))"

static struct db_query q_counts = DB_QUERY(
    "SELECT COALESCE(SUM(CASE WHEN o.state = 'received' THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN o.state = 'received' AND " SOON("?2", "?3") " THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN o.state = 'received' AND " LATE("?2") " THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN " LATE("?2") " THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN " SOON("?2", "?3") " THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN o.assignee_user_id = ?4 THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN o.extension_state = 'requested' AND (o.extension_by IS NULL OR o.extension_by <> ?4)"
    " THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN o.rating = 'unsatisfied' THEN 1 ELSE 0 END), 0)"
    " FROM workorders_order o WHERE o.community_id = ?1 AND o.state IN " OPEN_STATES);

static struct db_query q_under = DB_QUERY(
    "SELECT c.id, c.slug, COALESCE(SUM(CASE WHEN " LATE("?2") " THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN " SOON("?2", "?3") " THEN 1 ELSE 0 END), 0)"
    " FROM org_unit c JOIN org_unit s ON s.id = c.parent_id"
    " JOIN workorders_order o ON o.community_id = c.id AND o.state IN " OPEN_STATES
    " WHERE c.kind = 'community' AND (?1 = 0 OR c.id = ?1 OR s.id = ?1 OR s.parent_id = ?1)"
    " GROUP BY c.id, c.slug ORDER BY c.id");

int wo_bench_counts(struct db *db, int64_t community_id, int64_t user, int64_t now, struct wo_bench_counts *out)
{
	struct db_stmt *st = db_stmt(db, &q_counts);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, now + 86400);
	db_bind_int(st, 4, user);
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		return -1;
	}
	int64_t *v[] = {&out->to_accept, &out->accept_soon, &out->accept_overdue, &out->overdue,
			&out->soon,	 &out->mine,	    &out->extensions,	  &out->unsatisfied};
	for (int i = 0; i < 8; i++)
		*v[i] = db_col_int(st, i);
	db_reset(st);
	return 0;
}

static void under_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_bench_row *w = slot;
	w->community_id = db_col_int(st, 0);
	w->slug = db_col_dup(st, 1, a);
	w->overdue = db_col_int(st, 2);
	w->soon = db_col_int(st, 3);
}

int wo_bench_under(struct db *db, struct arena *a, int64_t unit, int64_t now, struct wo_bench_row **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_under);
	if (!st)
		return -1;
	db_bind_int(st, 1, unit);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, now + 86400);
	return db_rows(st, a, sizeof **out, 100000, (void **)out, n, under_from_row);
}
