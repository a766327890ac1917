/* SQL for the audit log. */
#include <string.h>

#include "auth/audit.h"

static struct db_query q_add = DB_QUERY(
    "INSERT INTO audit_log (at, user_id, actor, org_unit_id, action, entity, entity_id, ip, detail)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
#define AUDIT_COLS                                                                                         \
	"SELECT a.id, a.at, COALESCE(a.user_id, 0), a.actor, COALESCE(a.org_unit_id, 0), a.action, a.entity," \
	" a.entity_id, a.ip, a.detail, COALESCE(o.name, '') FROM audit_log a LEFT JOIN org_unit o ON o.id = a.org_unit_id"
static struct db_query q_all = DB_QUERY(AUDIT_COLS " ORDER BY a.id DESC LIMIT ? OFFSET ?");
/* The unit itself and up to two levels below it (district → street → community). */
static struct db_query q_under = DB_QUERY(
    AUDIT_COLS " WHERE a.org_unit_id IN (SELECT id FROM org_unit WHERE id = ? OR parent_id = ?"
	       " OR parent_id IN (SELECT id FROM org_unit WHERE parent_id = ?))"
	       " ORDER BY a.id DESC LIMIT ? OFFSET ?");

int audit_write(struct db *db, const struct audit_event *e, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, now);
	if (e->user_id)
		db_bind_int(st, 2, e->user_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, e->actor ? e->actor : "", -1);
	if (e->unit_id)
		db_bind_int(st, 4, e->unit_id);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, e->action, -1);
	db_bind_text(st, 6, e->entity ? e->entity : "", -1);
	db_bind_text(st, 7, e->entity_id ? e->entity_id : "", -1);
	db_bind_text(st, 8, e->ip ? e->ip : "", -1);
	db_bind_text(st, 9, e->detail ? e->detail : "", -1);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static void entry_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct audit_entry *e = slot;
	e->id = db_col_int(st, 0);
	e->at = db_col_int(st, 1);
	e->user_id = db_col_int(st, 2);
	e->actor = db_col_dup(st, 3, a);
	e->unit_id = db_col_int(st, 4);
	e->action = db_col_dup(st, 5, a);
	e->entity = db_col_dup(st, 6, a);
	e->entity_id = db_col_dup(st, 7, a);
	e->ip = db_col_dup(st, 8, a);
	e->detail = db_col_dup(st, 9, a);
	e->unit_name = db_col_dup(st, 10, a);
}

int audit_list(struct db *db, struct arena *a, int64_t unit_id, int64_t offset, int limit,
	       struct audit_entry **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, unit_id ? &q_under : &q_all);
	if (!st)
		return -1;
	int p = 1;
	if (unit_id) {
		db_bind_int(st, p++, unit_id);
		db_bind_int(st, p++, unit_id);
		db_bind_int(st, p++, unit_id);
	}
	db_bind_int(st, p++, limit);
	db_bind_int(st, p++, offset);
	return db_rows(st, a, sizeof **out, (size_t)(limit > 0 ? limit : 0), (void **)out, n, entry_from_row);
}
