/* SQL for the organizations: add, edit, lock, dissolve, read and list, and
 * the two questions the volunteers module asks (orgs.h). Every statement
 * names the community; writes lock the organization's row first. */
#include <string.h>

#include "modules/orgs/orgs.h"
#include "modules/orgs/orgs_internal.h"

#define ORG_COLS                                                                                                   \
	"id, kind, vgroup, name, purpose, founded_on, meets, how_to_join, state, dissolved_on, dissolve_reason,"     \
	" members, pending, created_at, updated_at"
/* Lists read no long text but what they show: purpose only (meets, how to
 * join and the reason stay "" on list rows). */
#define ORG_LINE_COLS                                                                                              \
	"id, kind, vgroup, name, purpose, founded_on, '', '', state, dissolved_on, '', members, pending, created_at,"  \
	" updated_at"
static struct db_query q_org = DB_QUERY("SELECT " ORG_COLS " FROM orgs_org WHERE community_id = ? AND id = ?");
static struct db_query q_orgs_all = DB_QUERY(
    "SELECT " ORG_LINE_COLS " FROM orgs_org WHERE community_id = ? ORDER BY id LIMIT ? OFFSET ?");
static struct db_query q_orgs_active = DB_QUERY("SELECT " ORG_LINE_COLS " FROM orgs_org WHERE community_id = ?"
						 " AND state = 'active' ORDER BY id LIMIT ? OFFSET ?");
static struct db_query q_orgs_kind = DB_QUERY("SELECT " ORG_LINE_COLS " FROM orgs_org WHERE community_id = ?"
					       " AND state = 'active' AND kind = ? ORDER BY id LIMIT ? OFFSET ?");
static struct db_query q_org_lock =
    DB_QUERY("SELECT state FROM orgs_org WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_org_add = DB_QUERY(
    "INSERT INTO orgs_org (community_id, id, kind, vgroup, name, purpose, founded_on, meets, how_to_join, state,"
    " created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'active', ?10, ?11, ?11)");
static struct db_query q_org_update = DB_QUERY(
    "UPDATE orgs_org SET kind = ?3, vgroup = ?4, name = ?5, purpose = ?6, founded_on = ?7, meets = ?8,"
    " how_to_join = ?9, updated_at = ?11 WHERE community_id = ?1 AND id = ?2");
static struct db_query q_org_dissolve = DB_QUERY(
    "UPDATE orgs_org SET state = 'dissolved', dissolved_on = ?3, dissolve_reason = ?4, pending = 0, updated_at = ?5"
    " WHERE community_id = ?1 AND id = ?2 AND state = 'active'");
static struct db_query q_refuse_waiting = DB_QUERY(
    "UPDATE orgs_member SET state = 'refused', reason = '组织已解散', decided_by = ?3, left_at = ?4"
    " WHERE community_id = ?1 AND org_id = ?2 AND state = 'pending'");
static struct db_query q_is_leader = DB_QUERY(
    "SELECT 1 FROM orgs_member WHERE user_id = ? AND community_id = ? AND org_id = ? AND state = 'active'"
    " AND role IN ('leader', 'deputy') LIMIT 1");
static struct db_query q_name = DB_QUERY("SELECT name FROM orgs_org WHERE community_id = ? AND id = ?");

static void copy_day(char out[11], const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n > 10)
		n = 10;
	if (n)
		memcpy(out, s, n);
	out[n] = 0;
}

static void org_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct orgs_org *o = slot;
	memset(o, 0, sizeof *o);
	o->id = db_col_int(st, 0);
	o->kind = orgs_kind_from(db_col_text(st, 1));
	o->group = orgs_group_from(db_col_text(st, 2));
	if (o->group < 0)
		o->group = OG_NONE;
	o->name = db_col_dup(st, 3, a);
	o->purpose = db_col_dup(st, 4, a);
	copy_day(o->founded_on, db_col_text(st, 5));
	o->meets = db_col_dup(st, 6, a);
	o->how_to_join = db_col_dup(st, 7, a);
	const char *s = db_col_text(st, 8);
	o->active = s && !strcmp(s, "active");
	copy_day(o->dissolved_on, db_col_text(st, 9));
	o->dissolve_reason = db_col_dup(st, 10, a);
	o->members = db_col_int(st, 11);
	o->pending = db_col_int(st, 12);
	o->created_at = db_col_int(st, 13);
	o->updated_at = db_col_int(st, 14);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* Binds the fields shared by add and update (3..9). */
static void bind_org(struct db_stmt *st, const struct orgs_org *o)
{
	db_bind_text(st, 3, orgs_kind_name(o->kind), -1);
	db_bind_text(st, 4, o->kind == OK_VOLUNTEER ? orgs_group_name(o->group) : "", -1);
	db_bind_text(st, 5, o->name, -1);
	db_bind_text(st, 6, nz(o->purpose), -1);
	db_bind_text(st, 7, o->founded_on, -1);
	db_bind_text(st, 8, nz(o->meets), -1);
	db_bind_text(st, 9, nz(o->how_to_join), -1);
}

int orgs_org_add(struct db *db, int64_t community_id, struct orgs_org *o, int64_t by, int64_t now)
{
	if (db_next_id(db, community_id, "orgs_org", &o->id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_org_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, o->id);
	bind_org(st, o);
	db_bind_int_or_null(st, 10, by);
	db_bind_int(st, 11, now);
	int rc = db_run(st);
	return rc == DB_CONSTRAINT ? ORGS_DUP : rc == DB_DONE ? 0 : -1;
}

int orgs_org_lock(struct db *db, int64_t community_id, int64_t id, int *active)
{
	struct db_stmt *st = db_stmt(db, &q_org_lock);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW && active) {
		const char *s = db_col_text(st, 0);
		*active = s && !strcmp(s, "active");
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? ORGS_NOT_FOUND : -1;
}

int orgs_org_update(struct db *db, int64_t community_id, const struct orgs_org *o, int64_t now)
{
	int rc = orgs_org_lock(db, community_id, o->id, NULL);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_org_update);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, o->id);
	bind_org(st, o);
	db_bind_int(st, 11, now);
	rc = db_run(st);
	return rc == DB_CONSTRAINT ? ORGS_DUP : rc == DB_DONE ? 0 : -1;
}

int orgs_org_dissolve(struct db *db, int64_t community_id, int64_t id, const char *on, const char *reason,
		      int64_t by, int64_t now)
{
	int active;
	int rc = orgs_org_lock(db, community_id, id, &active);
	if (rc)
		return rc;
	if (!active)
		return ORGS_STATE;
	struct db_stmt *st = db_stmt(db, &q_org_dissolve);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, on, -1);
	db_bind_text(st, 4, reason, -1);
	db_bind_int(st, 5, now);
	rc = db_run_guarded(st);
	if (rc)
		return rc == 1 ? ORGS_STATE : -1;
	if (!(st = db_stmt(db, &q_refuse_waiting)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_int_or_null(st, 3, by);
	db_bind_int(st, 4, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int orgs_org_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct orgs_org *o)
{
	struct db_stmt *st = db_stmt(db, &q_org);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_row(st, a, o, org_from_row);
	return rc == 1 ? ORGS_NOT_FOUND : rc < 0 || a->failed ? -1 : 0;
}

int orgs_org_list(struct db *db, struct arena *a, int64_t community_id, int active_only, int kind, int64_t offset,
		  int64_t limit, struct orgs_org **out, size_t *n)
{
	int by_kind = active_only && kind >= 0;
	struct db_stmt *st = db_stmt(db, !active_only ? &q_orgs_all : by_kind ? &q_orgs_kind : &q_orgs_active);
	if (!st)
		return -1;
	int i = 1;
	db_bind_int(st, i++, community_id);
	if (by_kind)
		db_bind_text(st, i++, orgs_kind_name(kind), -1);
	db_bind_int(st, i++, limit);
	db_bind_int(st, i, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, org_from_row);
}

int orgs_is_leader(struct db *db, int64_t community_id, int64_t org_id, int64_t user_id)
{
	if (user_id <= 0)
		return 0;
	struct db_stmt *st = db_stmt(db, &q_is_leader);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, community_id);
	db_bind_int(st, 3, org_id);
	int64_t one;
	int rc = db_one_int(st, &one);
	return rc == 0 ? 1 : rc == 1 ? 0 : -1;
}

int orgs_name(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, const char **name)
{
	struct db_stmt *st = db_stmt(db, &q_name);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, org_id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*name = db_col_dup(st, 0, a);
	db_reset(st);
	if (rc == DB_ROW)
		return *name ? 0 : -1;
	return rc == DB_DONE ? 1 : -1;
}

int orgs_choices(struct db *db, struct arena *a, int64_t community_id, struct orgs_choice **out, size_t *n)
{
	struct orgs_org *o;
	size_t k;
	if (orgs_org_list(db, a, community_id, 1, -1, 0, 200, &o, &k) < 0)
		return -1;
	*out = arena_alloc(a, (k ? k : 1) * sizeof **out);
	if (!*out)
		return -1;
	for (size_t i = 0; i < k; i++)
		(*out)[i] = (struct orgs_choice){o[i].id, o[i].name};
	*n = k;
	return 0;
}
