/* SQL of the accounts module's lists. Writes to users and grants go
 * through src/auth (auth_store.c); this file only reads. */
#include <string.h>

#include "auth/auth.h"
#include "core/buf.h"
#include "modules/accounts/accounts_web.h"

#define ROLE_FLAGS                                                                                           \
	" MAX(CASE WHEN g.role = 'resident' THEN 1 ELSE 0 END), MAX(CASE WHEN g.role = 'supervisor' THEN 1 " \
	"ELSE 0 END),"                                                                                       \
	" MAX(CASE WHEN g.role = 'staff' THEN 1 ELSE 0 END)"

/* One row per account holding a role at the community: the roles as flags
 * (portable, where string aggregation is not). Walks role_grant_by_unit.
 * Parameters: community, disabled filter (-1 any), name pattern ('' none),
 * exact mobile, role filter ('' none), limit, offset. */
static struct db_query q_list = DB_QUERY(
    "SELECT u.id, u.username, u.phone, u.display_name, u.disabled, u.created_at," ROLE_FLAGS
    " FROM role_grant g JOIN users u ON u.id = g.user_id"
    " WHERE g.org_unit_id = ?1 AND g.role IN ('resident', 'supervisor', 'staff')"
    " AND (CAST(?2 AS BIGINT) < 0 OR u.disabled = CAST(?2 AS BIGINT))"
    " AND (CAST(?3 AS TEXT) = '' OR u.display_name LIKE CAST(?3 AS TEXT) ESCAPE '!' OR u.phone = CAST(?4 AS "
    "TEXT))"
    " GROUP BY u.id, u.username, u.phone, u.display_name, u.disabled, u.created_at"
    " HAVING (CAST(?5 AS TEXT) = '' OR MAX(CASE WHEN g.role = CAST(?5 AS TEXT) THEN 1 ELSE 0 END) = 1)"
    " ORDER BY u.id DESC LIMIT ?6 OFFSET ?7");

/* Staff grants at the communities under a unit (0: all). Communities are
 * at most two levels below a district. */
static struct db_query q_staff =
    DB_QUERY("SELECT u.id, u.username, u.phone, u.display_name, u.disabled, u.created_at, c.id, c.name"
             " FROM org_unit c JOIN role_grant g ON g.org_unit_id = c.id AND g.role = 'staff'"
             " JOIN users u ON u.id = g.user_id LEFT JOIN org_unit s ON s.id = c.parent_id"
             " WHERE c.kind = 'community' AND (CAST(?1 AS BIGINT) = 0 OR c.parent_id = CAST(?1 AS BIGINT)"
             " OR s.parent_id = CAST(?1 AS BIGINT))"
             " AND (CAST(?2 AS TEXT) = '' OR u.display_name LIKE CAST(?2 AS TEXT) ESCAPE '!' OR u.phone = "
             "CAST(?3 AS TEXT))"
             " ORDER BY c.name, c.id, u.id DESC LIMIT ?4 OFFSET ?5");

static struct db_query q_get =
    DB_QUERY("SELECT id, username, phone, display_name, disabled, created_at FROM users WHERE id = ?");

static void base_from_row(struct db_stmt *st, struct arena *a, struct accounts_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = db_col_int(st, 0);
	r->username = db_col_is_null(st, 1) ? NULL : db_col_dup(st, 1, a);
	r->phone = db_col_is_null(st, 2) ? NULL : db_col_dup(st, 2, a);
	r->display_name = db_col_dup(st, 3, a);
	r->disabled = db_col_int(st, 4) != 0;
	r->created_at = db_col_int(st, 5);
}

static void list_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct accounts_row *r = slot;
	base_from_row(st, a, r);
	r->roles = (db_col_int(st, 6) ? ROLE_BIT(ROLE_RESIDENT) : 0) |
	           (db_col_int(st, 7) ? ROLE_BIT(ROLE_SUPERVISOR) : 0) |
	           (db_col_int(st, 8) ? ROLE_BIT(ROLE_STAFF) : 0);
}

static void staff_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct accounts_row *r = slot;
	base_from_row(st, a, r);
	r->roles = ROLE_BIT(ROLE_STAFF);
	r->unit_id = db_col_int(st, 6);
	r->unit_name = db_col_dup(st, 7, a);
}

static void get_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	base_from_row(st, a, slot);
}

int accounts_list(struct db *db, struct arena *a, int64_t community_id, const struct accounts_filter *f,
                  int64_t offset, int limit, struct accounts_row **out, size_t *n)
{
	const char *like = db_like_pattern(a, f->q);
	struct db_stmt *st = like ? db_stmt(db, &q_list) : NULL;
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, f->disabled);
	db_bind_text(st, 3, like, -1);
	db_bind_text(st, 4, f->q ? f->q : "", -1);
	db_bind_text(st, 5, f->role ? f->role : "", -1);
	db_bind_int(st, 6, limit);
	db_bind_int(st, 7, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, list_from_row);
}

int accounts_staff_list(struct db *db, struct arena *a, int64_t unit_id, const char *q, int64_t offset,
                        int limit, struct accounts_row **out, size_t *n)
{
	const char *like = db_like_pattern(a, q);
	struct db_stmt *st = like ? db_stmt(db, &q_staff) : NULL;
	if (!st)
		return -1;
	db_bind_int(st, 1, unit_id);
	db_bind_text(st, 2, like, -1);
	db_bind_text(st, 3, q ? q : "", -1);
	db_bind_int(st, 4, limit);
	db_bind_int(st, 5, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, staff_from_row);
}

int accounts_get(struct db *db, struct arena *a, int64_t user_id, struct accounts_row *out)
{
	struct db_stmt *st = db_stmt(db, &q_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	return db_row(st, a, out, get_from_row);
}
