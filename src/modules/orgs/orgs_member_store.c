/* The membership rule and its SQL. Every step that changes a membership
 * runs in the caller's write transaction under the organization row's lock
 * (@FOR_UPDATE@ on PostgreSQL; the one writer of SQLite), reads what it
 * decides on after taking it, writes the membership and the counts kept in
 * the organization's row. So of any number of server processes, an account
 * holds at most one open (pending or active) membership of an organization
 * (the partial unique index orgs_member_once backs the rule up), and the
 * kept counts equal the rows. Names and mobiles are sealed (src/pii) with
 * their masks beside them; lists read the masks only. */
#include <string.h>

#include "modules/orgs/orgs_internal.h"
#include "pii/pii.h"

static struct db_query q_open = DB_QUERY(
    "SELECT 1 FROM orgs_member WHERE community_id = ? AND org_id = ? AND user_id = ? AND state IN ('pending', 'active')");
static struct db_query q_insert = DB_QUERY(
    "INSERT INTO orgs_member (community_id, id, org_id, user_id, name_sealed, name_masked, mobile_sealed,"
    " mobile_masked, role, state, note, by_user, applied_at, joined_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_counts = DB_QUERY(
    "UPDATE orgs_org SET members = members + ?3, pending = pending + ?4 WHERE community_id = ?1 AND id = ?2");
static struct db_query q_decide = DB_QUERY(
    "UPDATE orgs_member SET state = ?4, reason = ?5, decided_by = ?6, joined_at = ?7, left_at = ?8"
    " WHERE community_id = ?1 AND org_id = ?2 AND id = ?3 AND state = 'pending'");
static struct db_query q_end = DB_QUERY(
    "UPDATE orgs_member SET state = ?5, reason = ?6, decided_by = ?7, left_at = ?8"
    " WHERE community_id = ?1 AND org_id = ?2 AND id = ?3 AND state = ?4");
static struct db_query q_role = DB_QUERY(
    "UPDATE orgs_member SET role = ?4 WHERE community_id = ?1 AND org_id = ?2 AND id = ?3 AND state = 'active'");

#define MEMBER_COLS                                                                                                \
	"m.id, m.org_id, m.user_id, m.name_masked, m.mobile_masked, m.role, m.state, m.note, m.reason, m.by_user,"  \
	" m.decided_by, m.applied_at, m.joined_at, m.left_at"
static struct db_query q_one = DB_QUERY(
    "SELECT " MEMBER_COLS ", m.name_sealed, m.mobile_sealed FROM orgs_member m"
    " WHERE m.community_id = ? AND m.org_id = ? AND m.id = ?");
static struct db_query q_mine_open = DB_QUERY(
    "SELECT " MEMBER_COLS " FROM orgs_member m WHERE m.community_id = ? AND m.org_id = ? AND m.user_id = ?"
    " AND m.state IN ('pending', 'active')");
static struct db_query q_all = DB_QUERY(
    "SELECT " MEMBER_COLS " FROM orgs_member m WHERE m.community_id = ? AND m.org_id = ?"
    " ORDER BY m.id DESC LIMIT ? OFFSET ?");
static struct db_query q_state = DB_QUERY(
    "SELECT " MEMBER_COLS " FROM orgs_member m WHERE m.community_id = ? AND m.org_id = ? AND m.state = ?"
    " ORDER BY m.id LIMIT ? OFFSET ?");
static struct db_query q_leaders = DB_QUERY(
    "SELECT " MEMBER_COLS " FROM orgs_member m WHERE m.community_id = ? AND m.org_id = ? AND m.state = 'active'"
    " AND m.role IN ('leader', 'deputy') ORDER BY m.role = 'deputy', m.id LIMIT 10");
static struct db_query q_mine = DB_QUERY(
    "SELECT " MEMBER_COLS ", o.name, o.state, o.pending FROM orgs_member m JOIN orgs_org o"
    " ON o.community_id = m.community_id AND o.id = m.org_id"
    " WHERE m.user_id = ? AND m.community_id = ? ORDER BY m.id DESC LIMIT ? OFFSET ?");
static struct db_query q_count_rows = DB_QUERY(
    "SELECT COUNT(*) FROM orgs_member WHERE community_id = ? AND org_id = ? AND state = ?");

static void member_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct orgs_member *m = slot;
	memset(m, 0, sizeof *m);
	m->id = db_col_int(st, 0);
	m->org_id = db_col_int(st, 1);
	m->user_id = db_col_int(st, 2);
	m->name_masked = db_col_dup(st, 3, a);
	m->mobile_masked = db_col_dup(st, 4, a);
	m->role = orgs_role_from(db_col_text(st, 5));
	m->state = orgs_mstate_from(db_col_text(st, 6));
	m->note = db_col_dup(st, 7, a);
	m->reason = db_col_dup(st, 8, a);
	m->by_user = db_col_int(st, 9);
	m->decided_by = db_col_int(st, 10);
	m->applied_at = db_col_int(st, 11);
	m->joined_at = db_col_int(st, 12);
	m->left_at = db_col_int(st, 13);
}

static void mine_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct orgs_member *m = slot;
	member_from_row(st, a, slot);
	m->org_name = db_col_dup(st, 14, a);
	const char *s = db_col_text(st, 15);
	m->org_active = s && !strcmp(s, "active");
	m->org_pending = db_col_int(st, 16);
}

/* Adds to the organization's kept counts. 0 or -1. */
static int counts(struct db *db, int64_t community_id, int64_t org_id, int64_t members, int64_t pending)
{
	struct db_stmt *st = db_stmt(db, &q_counts);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, org_id);
	db_bind_int(st, 3, members);
	db_bind_int(st, 4, pending);
	return db_run_guarded(st) == 0 ? 0 : -1;
}

/* Inserts membership m in state (pending or active). 0, ORGS_DUP, -1. */
static int insert(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, struct orgs_member *m,
		  int state, int64_t by, int64_t now)
{
	if (db_next_id(db, community_id, "orgs_member", &m->id) < 0)
		return -1;
	const char *mobile = m->mobile ? m->mobile : "";
	const char *nm = pii_mask_name(a, m->name), *pm = pii_mask_phone(a, mobile);
	struct db_stmt *st = nm && pm ? db_stmt(db, &q_insert) : NULL;
	if (!st)
		return -1;
	m->name_masked = nm;
	m->mobile_masked = pm;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, m->id);
	db_bind_int(st, 3, org_id);
	db_bind_int_or_null(st, 4, m->user_id);
	if (pii_bind_sealed(st, 5, a, m->name) < 0 || pii_bind_sealed(st, 7, a, mobile) < 0) {
		db_reset(st);
		return -1;
	}
	db_bind_text(st, 6, nm, -1);
	db_bind_text(st, 8, pm, -1);
	db_bind_text(st, 9, orgs_role_name(m->role >= 0 && m->role < OR__MAX ? m->role : OR_MEMBER), -1);
	db_bind_text(st, 10, orgs_mstate_name(state), -1);
	db_bind_text(st, 11, m->note ? m->note : "", -1);
	db_bind_int_or_null(st, 12, by);
	db_bind_int(st, 13, now);
	if (state == OM_ACTIVE)
		db_bind_int(st, 14, now);
	else
		db_bind_null(st, 14);
	int rc = db_run(st);
	if (rc == DB_CONSTRAINT && m->user_id)
		return ORGS_DUP;
	if (rc != DB_DONE)
		return -1;
	m->state = state;
	return counts(db, community_id, org_id, state == OM_ACTIVE, state == OM_PENDING);
}

int orgs_apply(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, struct orgs_member *m,
	       int64_t now)
{
	int active;
	int rc = orgs_org_lock(db, community_id, org_id, &active);
	if (rc)
		return rc;
	if (!active)
		return ORGS_DISSOLVED;
	struct db_stmt *st = db_stmt(db, &q_open);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, org_id);
	db_bind_int(st, 3, m->user_id);
	int64_t one;
	rc = db_one_int(st, &one);
	if (rc == 0)
		return ORGS_DUP;
	if (rc != 1)
		return -1;
	m->role = OR_MEMBER;
	return insert(db, a, community_id, org_id, m, OM_PENDING, 0, now);
}

int orgs_desk_add(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, struct orgs_member *m,
		  int64_t by, int64_t now)
{
	int active;
	int rc = orgs_org_lock(db, community_id, org_id, &active);
	if (rc)
		return rc;
	if (!active)
		return ORGS_DISSOLVED;
	m->user_id = 0;
	return insert(db, a, community_id, org_id, m, OM_ACTIVE, by, now);
}

/* Reads the state (and owner) of a membership of the organization, whose
 * row the caller locked. 0, ORGS_NOT_FOUND, -1. */
static int read_state(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, int64_t member_id,
		      struct orgs_member *m)
{
	return orgs_member_get(db, a, community_id, org_id, member_id, 0, m);
}

int orgs_decide(struct db *db, int64_t community_id, int64_t org_id, int64_t member_id, int approve,
		const char *reason, int64_t by, int64_t now)
{
	int active;
	int rc = orgs_org_lock(db, community_id, org_id, &active);
	if (rc)
		return rc;
	struct arena a;
	arena_init(&a, 64u << 10);
	struct orgs_member m;
	rc = read_state(db, &a, community_id, org_id, member_id, &m);
	arena_free(&a);
	if (rc)
		return rc;
	if (m.state != OM_PENDING)
		return ORGS_STATE;
	if (approve && !active)
		return ORGS_DISSOLVED;
	struct db_stmt *st = db_stmt(db, &q_decide);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, org_id);
	db_bind_int(st, 3, member_id);
	db_bind_text(st, 4, orgs_mstate_name(approve ? OM_ACTIVE : OM_REFUSED), -1);
	db_bind_text(st, 5, approve || !reason ? "" : reason, -1);
	db_bind_int_or_null(st, 6, by);
	if (approve) {
		db_bind_int(st, 7, now);
		db_bind_null(st, 8);
	} else {
		db_bind_null(st, 7);
		db_bind_int(st, 8, now);
	}
	rc = db_run_guarded(st);
	if (rc)
		return rc == 1 ? ORGS_STATE : -1;
	return counts(db, community_id, org_id, approve ? 1 : 0, -1);
}

int orgs_end(struct db *db, int64_t community_id, int64_t org_id, int64_t member_id, int64_t user_id,
	     const char *reason, int64_t by, int64_t now)
{
	int rc = orgs_org_lock(db, community_id, org_id, NULL);
	if (rc)
		return rc;
	struct arena a;
	arena_init(&a, 64u << 10);
	struct orgs_member m;
	rc = read_state(db, &a, community_id, org_id, member_id, &m);
	arena_free(&a);
	if (rc)
		return rc;
	if (user_id && m.user_id != user_id)
		return ORGS_NOT_FOUND;
	int to;
	if (m.state == OM_ACTIVE)
		to = user_id ? OM_LEFT : OM_REMOVED;
	else if (m.state == OM_PENDING && user_id)
		to = OM_WITHDRAWN;
	else
		return ORGS_STATE;
	struct db_stmt *st = db_stmt(db, &q_end);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, org_id);
	db_bind_int(st, 3, member_id);
	db_bind_text(st, 4, orgs_mstate_name(m.state), -1);
	db_bind_text(st, 5, orgs_mstate_name(to), -1);
	db_bind_text(st, 6, reason ? reason : "", -1);
	db_bind_int_or_null(st, 7, user_id ? 0 : by);
	db_bind_int(st, 8, now);
	rc = db_run_guarded(st);
	if (rc)
		return rc == 1 ? ORGS_STATE : -1;
	return counts(db, community_id, org_id, -(m.state == OM_ACTIVE), -(m.state == OM_PENDING));
}

int orgs_set_role(struct db *db, int64_t community_id, int64_t org_id, int64_t member_id, int role, int64_t now)
{
	(void)now;
	if (role < 0 || role >= OR__MAX)
		return ORGS_STATE;
	int rc = orgs_org_lock(db, community_id, org_id, NULL);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_role);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, org_id);
	db_bind_int(st, 3, member_id);
	db_bind_text(st, 4, orgs_role_name(role), -1);
	rc = db_run_guarded(st);
	return rc == 1 ? ORGS_STATE : rc;
}

int orgs_member_get(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, int64_t member_id,
		    int full, struct orgs_member *m)
{
	struct db_stmt *st = db_stmt(db, &q_one);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, org_id);
	db_bind_int(st, 3, member_id);
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? ORGS_NOT_FOUND : -1;
	}
	member_from_row(st, a, m);
	if (full) {
		m->name = pii_col_opened(st, 14, a);
		m->mobile = pii_col_opened(st, 15, a);
	}
	db_reset(st);
	return a->failed ? -1 : 0;
}

int orgs_members(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, int state, int64_t offset,
		 int64_t limit, struct orgs_member **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, state < 0 ? &q_all : &q_state);
	if (!st)
		return -1;
	int i = 1;
	db_bind_int(st, i++, community_id);
	db_bind_int(st, i++, org_id);
	if (state >= 0)
		db_bind_text(st, i++, orgs_mstate_name(state), -1);
	db_bind_int(st, i++, limit);
	db_bind_int(st, i, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, member_from_row);
}

int orgs_leaders(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, struct orgs_member **out,
		 size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_leaders);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, org_id);
	return db_rows(st, a, sizeof **out, 10, (void **)out, n, member_from_row);
}

int orgs_mine(struct db *db, struct arena *a, int64_t community_id, int64_t user_id, int64_t offset, int64_t limit,
	      struct orgs_member **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_mine);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, community_id);
	db_bind_int(st, 3, limit);
	db_bind_int(st, 4, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, mine_from_row);
}

int orgs_open_membership(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, int64_t user_id,
			 struct orgs_member *m)
{
	struct db_stmt *st = db_stmt(db, &q_mine_open);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, org_id);
	db_bind_int(st, 3, user_id);
	int rc = db_row(st, a, m, member_from_row);
	return rc == 1 ? ORGS_NOT_FOUND : rc < 0 || a->failed ? -1 : 0;
}

static int count_rows(struct db *db, int64_t community_id, int64_t org_id, const char *state, int64_t *out)
{
	struct db_stmt *st = db_stmt(db, &q_count_rows);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, org_id);
	db_bind_text(st, 3, state, -1);
	return db_one_int(st, out) == 0 ? 0 : -1;
}

int orgs_member_counts(struct db *db, int64_t community_id, int64_t org_id, int64_t *active, int64_t *pending)
{
	return count_rows(db, community_id, org_id, "active", active) < 0 ||
		       count_rows(db, community_id, org_id, "pending", pending) < 0
		   ? -1
		   : 0;
}
