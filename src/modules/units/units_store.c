/* SQL for the units, the agreements, their parties and commitments. Every
 * statement names the community; writes run in the caller's transaction,
 * each locking what it reads before it writes. */
#include <string.h>

#include "modules/units/units_internal.h"
#include "pii/pii.h"

/* ---- units ---- */

#define UNIT_COLS                                                                                                  \
	"id, name, kind, address, party_org, party_kind, party_members, contact_mobile_masked, intro, active,"        \
	" created_at, updated_at"
/* The public's list reads no contact column; the staff's reads the contact
 * name and office phone as columns 12 and 13 (the mobile only masked). */
static struct db_query q_units_all = DB_QUERY("SELECT " UNIT_COLS ", contact_name, office_phone FROM units_unit"
					       " WHERE community_id = ? ORDER BY id LIMIT ? OFFSET ?");
static struct db_query q_units_active = DB_QUERY("SELECT " UNIT_COLS " FROM units_unit WHERE community_id = ?"
						  " AND active = 1 ORDER BY id LIMIT ? OFFSET ?");
static struct db_query q_unit = DB_QUERY("SELECT " UNIT_COLS ", contact_name, office_phone, contact_mobile_sealed"
					  " FROM units_unit WHERE community_id = ? AND id = ?");
static struct db_query q_unit_lock = DB_QUERY("SELECT 1 FROM units_unit WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_unit_add = DB_QUERY(
    "INSERT INTO units_unit (community_id, id, name, kind, address, party_org, party_kind, party_members,"
    " contact_name, office_phone, contact_mobile_sealed, contact_mobile_masked, intro, active, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?14, ?15, ?11, ?12, ?13, ?13)");
static struct db_query q_unit_update = DB_QUERY(
    "UPDATE units_unit SET name = ?3, kind = ?4, address = ?5, party_org = ?6, party_kind = ?7, party_members = ?8,"
    " contact_name = ?9, office_phone = ?10, intro = ?11, active = ?12, updated_at = ?13"
    " WHERE community_id = ?1 AND id = ?2");
static struct db_query q_unit_update_mobile = DB_QUERY(
    "UPDATE units_unit SET contact_mobile_sealed = ?3, contact_mobile_masked = ?4 WHERE community_id = ?1 AND id = ?2");

static void unit_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct units_unit *u = slot;
	memset(u, 0, sizeof *u);
	u->id = db_col_int(st, 0);
	u->name = db_col_dup(st, 1, a);
	u->kind = units_kind_from(db_col_text(st, 2));
	u->address = db_col_dup(st, 3, a);
	u->party_org = db_col_dup(st, 4, a);
	u->party_kind = units_party_from(db_col_text(st, 5));
	u->party_members = db_col_int(st, 6);
	u->mobile_masked = db_col_dup(st, 7, a);
	u->intro = db_col_dup(st, 8, a);
	u->active = db_col_int(st, 9) != 0;
	u->created_at = db_col_int(st, 10);
	u->updated_at = db_col_int(st, 11);
	u->contact_name = "";
	u->office_phone = "";
}

/* unit_from_row with the contact name and office phone (columns 12, 13). */
static void staff_unit_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct units_unit *u = slot;
	unit_from_row(st, a, slot);
	u->contact_name = db_col_dup(st, 12, a);
	u->office_phone = db_col_dup(st, 13, a);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* Binds the fields shared by add and update (3..13). */
static void bind_unit(struct db_stmt *st, const struct units_unit *u, int64_t now)
{
	db_bind_text(st, 3, u->name, -1);
	db_bind_text(st, 4, units_kind_name(u->kind), -1);
	db_bind_text(st, 5, nz(u->address), -1);
	db_bind_text(st, 6, nz(u->party_org), -1);
	db_bind_text(st, 7, units_party_name(u->party_kind), -1);
	db_bind_int(st, 8, u->party_members);
	db_bind_text(st, 9, nz(u->contact_name), -1);
	db_bind_text(st, 10, nz(u->office_phone), -1);
	db_bind_text(st, 11, nz(u->intro), -1);
	db_bind_int(st, 12, u->active != 0);
	db_bind_int(st, 13, now);
}

/* Binds the sealed mobile and its mask at i and i + 1. 0 or -1. */
static int bind_mobile(struct db_stmt *st, int i, struct arena *a, const char *mobile)
{
	const char *m = nz(mobile);
	char *masked = pii_mask_phone(a, m);
	if (!masked || pii_bind_sealed(st, i, a, m) < 0)
		return -1;
	db_bind_text(st, i + 1, masked, -1);
	return 0;
}

int units_unit_add(struct db *db, struct arena *a, int64_t community_id, struct units_unit *u, int64_t now)
{
	if (db_next_id(db, community_id, "units_unit", &u->id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_unit_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, u->id);
	bind_unit(st, u, now);
	if (bind_mobile(st, 14, a, u->mobile) < 0) {
		db_reset(st);
		return -1;
	}
	int rc = db_run(st);
	return rc == DB_CONSTRAINT ? UNITS_DUP : rc == DB_DONE ? 0 : -1;
}

int units_unit_lock(struct db *db, int64_t community_id, int64_t id)
{
	int rc = db_lock_row(db, &q_unit_lock, community_id, id);
	return rc == 1 ? UNITS_NOT_FOUND : rc;
}

int units_unit_update(struct db *db, struct arena *a, int64_t community_id, const struct units_unit *u, int64_t now)
{
	int rc = units_unit_lock(db, community_id, u->id);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_unit_update);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, u->id);
	bind_unit(st, u, now);
	rc = db_run(st);
	if (rc == DB_CONSTRAINT)
		return UNITS_DUP;
	if (rc != DB_DONE)
		return -1;
	if (!u->mobile)
		return 0;
	if (!(st = db_stmt(db, &q_unit_update_mobile)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, u->id);
	if (bind_mobile(st, 3, a, u->mobile) < 0) {
		db_reset(st);
		return -1;
	}
	return db_run(st) == DB_DONE ? 0 : -1;
}

int units_unit_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, int full, struct units_unit *u)
{
	struct db_stmt *st = db_stmt(db, &q_unit);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? UNITS_NOT_FOUND : -1;
	}
	staff_unit_from_row(st, a, u);
	u->mobile = full ? pii_col_opened(st, 14, a) : NULL;
	db_reset(st);
	return a->failed ? -1 : 0;
}

int units_unit_list(struct db *db, struct arena *a, int64_t community_id, int active_only, int64_t offset,
		    int64_t limit, struct units_unit **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, active_only ? &q_units_active : &q_units_all);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, limit);
	db_bind_int(st, 3, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n,
		       active_only ? unit_from_row : staff_unit_from_row);
}

/* ---- agreements ---- */

#define AG_COLS                                                                                                    \
	"SELECT id, title, signed_on, starts_on, ends_on, summary, state, end_reason, created_by, created_at,"        \
	" updated_by, updated_at FROM units_agreement WHERE community_id = ?"
static struct db_query q_ag = DB_QUERY(AG_COLS " AND id = ?");
static struct db_query q_ags_all = DB_QUERY(AG_COLS " ORDER BY id DESC LIMIT ? OFFSET ?");
static struct db_query q_ags_state = DB_QUERY(AG_COLS " AND state = ? ORDER BY ends_on, id LIMIT ? OFFSET ?");
static struct db_query q_ags_of_unit = DB_QUERY(
    "SELECT g.id, g.title, g.signed_on, g.starts_on, g.ends_on, g.summary, g.state, g.end_reason, g.created_by,"
    " g.created_at, g.updated_by, g.updated_at FROM units_agreement_unit p"
    " JOIN units_agreement g ON g.community_id = p.community_id AND g.id = p.agreement_id"
    " WHERE p.community_id = ? AND p.unit_id = ? AND (? = 1 OR g.state <> 'draft') ORDER BY p.agreement_id DESC"
    " LIMIT 200");
static struct db_query q_ag_lock =
    DB_QUERY("SELECT state FROM units_agreement WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_ag_add = DB_QUERY(
    "INSERT INTO units_agreement (community_id, id, title, signed_on, starts_on, ends_on, summary, state,"
    " created_by, created_at, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'draft', ?8, ?9, ?8, ?9)");
static struct db_query q_ag_update = DB_QUERY(
    "UPDATE units_agreement SET title = ?3, signed_on = ?4, starts_on = ?5, ends_on = ?6, summary = ?7,"
    " updated_by = ?8, updated_at = ?9 WHERE community_id = ?1 AND id = ?2 AND state = 'draft'");
static struct db_query q_ag_state = DB_QUERY(
    "UPDATE units_agreement SET state = ?4, end_reason = ?5, updated_by = ?6, updated_at = ?7"
    " WHERE community_id = ?1 AND id = ?2 AND state = ?3");
static struct db_query q_parties = DB_QUERY(
    "SELECT p.unit_id, u.name FROM units_agreement_unit p JOIN units_unit u ON u.community_id = p.community_id"
    " AND u.id = p.unit_id WHERE p.community_id = ? AND p.agreement_id = ? ORDER BY p.unit_id");
static struct db_query q_party_add =
    DB_QUERY("INSERT INTO units_agreement_unit (community_id, agreement_id, unit_id) VALUES (?, ?, ?)");
static struct db_query q_party_clear = DB_QUERY(
    "DELETE FROM units_agreement_unit WHERE community_id = ?1 AND agreement_id = ?2 AND NOT EXISTS (SELECT 1 FROM"
    " units_commitment c WHERE c.community_id = ?1 AND c.agreement_id = ?2 AND c.unit_id = units_agreement_unit.unit_id)");
static struct db_query q_party_has = DB_QUERY(
    "SELECT 1 FROM units_agreement_unit WHERE community_id = ? AND agreement_id = ? AND unit_id = ?");

static void copy_day(char out[11], const char *s)
{
	size_t n = strlen(s);
	if (n > 10)
		n = 10;
	memcpy(out, s, n);
	out[n] = 0;
}

static void ag_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct units_agreement *g = slot;
	memset(g, 0, sizeof *g);
	g->id = db_col_int(st, 0);
	g->title = db_col_dup(st, 1, a);
	copy_day(g->signed_on, db_col_text(st, 2));
	copy_day(g->starts_on, db_col_text(st, 3));
	copy_day(g->ends_on, db_col_text(st, 4));
	g->summary = db_col_dup(st, 5, a);
	g->state = units_state_from(db_col_text(st, 6));
	g->end_reason = db_col_dup(st, 7, a);
	g->created_by = db_col_int(st, 8);
	g->created_at = db_col_int(st, 9);
	g->updated_by = db_col_int(st, 10);
	g->updated_at = db_col_int(st, 11);
}

int units_agreement_lock(struct db *db, int64_t community_id, int64_t id, int *state)
{
	struct db_stmt *st = db_stmt(db, &q_ag_lock);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW && state)
		*state = units_state_from(db_col_text(st, 0));
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? UNITS_NOT_FOUND : -1;
}

/* Adds the parties of ag not yet on it: 0, UNITS_NOT_FOUND (a unit of
 * another community or none), -1. */
static int parties_add(struct db *db, int64_t community_id, const struct units_agreement *ag)
{
	for (size_t i = 0; i < ag->nunits; i++) {
		int rc = units_unit_lock(db, community_id, ag->unit_ids[i]);
		if (rc)
			return rc;
		struct db_stmt *st = db_stmt(db, &q_party_has);
		if (!st)
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, ag->id);
		db_bind_int(st, 3, ag->unit_ids[i]);
		int64_t one;
		if ((rc = db_one_int(st, &one)) == 0)
			continue;
		if (rc != 1 || !(st = db_stmt(db, &q_party_add)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, ag->id);
		db_bind_int(st, 3, ag->unit_ids[i]);
		if (db_run(st) != DB_DONE)
			return -1;
	}
	return 0;
}

static void bind_ag(struct db_stmt *st, const struct units_agreement *ag, int64_t by, int64_t now)
{
	db_bind_text(st, 3, ag->title, -1);
	db_bind_text(st, 4, ag->signed_on, -1);
	db_bind_text(st, 5, ag->starts_on, -1);
	db_bind_text(st, 6, ag->ends_on, -1);
	db_bind_text(st, 7, nz(ag->summary), -1);
	db_bind_int(st, 8, by);
	db_bind_int(st, 9, now);
}

int units_agreement_add(struct db *db, int64_t community_id, struct units_agreement *ag, int64_t by, int64_t now)
{
	if (db_next_id(db, community_id, "units_agreement", &ag->id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_ag_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, ag->id);
	bind_ag(st, ag, by, now);
	if (db_run(st) != DB_DONE)
		return -1;
	return parties_add(db, community_id, ag);
}

int units_agreement_update(struct db *db, int64_t community_id, const struct units_agreement *ag, int64_t by,
			   int64_t now)
{
	int state;
	int rc = units_agreement_lock(db, community_id, ag->id, &state);
	if (rc)
		return rc;
	if (state != US_DRAFT)
		return UNITS_STATE;
	struct db_stmt *st = db_stmt(db, &q_ag_update);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, ag->id);
	bind_ag(st, ag, by, now);
	if ((rc = db_run_guarded(st)) != 0)
		return rc == 1 ? UNITS_STATE : -1;
	/* Parties: drop those without commitments, add the listed ones; a
	 * dropped party that still has commitments stays and is refused. */
	if (!(st = db_stmt(db, &q_party_clear)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, ag->id);
	if (db_run(st) != DB_DONE)
		return -1;
	if ((rc = parties_add(db, community_id, ag)) != 0)
		return rc;
	struct arena tmp;
	arena_init(&tmp, 1u << 20);
	struct units_agreement now_ag;
	rc = units_agreement_get(db, &tmp, community_id, ag->id, &now_ag);
	if (rc == 0 && now_ag.nunits != ag->nunits)
		rc = UNITS_STATE;
	arena_free(&tmp);
	return rc;
}

int units_agreement_set_state(struct db *db, int64_t community_id, int64_t id, int from, int to, const char *reason,
			      int64_t by, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_ag_state);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, units_state_name(from), -1);
	db_bind_text(st, 4, units_state_name(to), -1);
	db_bind_text(st, 5, nz(reason), -1);
	db_bind_int(st, 6, by);
	db_bind_int(st, 7, now);
	int rc = db_run_guarded(st);
	return rc == 1 ? UNITS_STATE : rc;
}

struct party_row {
	int64_t id;
	const char *name;
};

static void party_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct party_row *p = slot;
	p->id = db_col_int(st, 0);
	p->name = db_col_dup(st, 1, a);
}

int units_agreement_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct units_agreement *ag)
{
	struct db_stmt *st = db_stmt(db, &q_ag);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_row(st, a, ag, ag_from_row);
	if (rc)
		return rc == 1 ? UNITS_NOT_FOUND : -1;
	if (!(st = db_stmt(db, &q_parties)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	struct party_row *p;
	size_t n;
	if (db_rows(st, a, sizeof *p, 500, (void **)&p, &n, party_from_row) < 0)
		return -1;
	ag->unit_ids = arena_alloc(a, (n ? n : 1) * sizeof *ag->unit_ids);
	ag->unit_names = arena_alloc(a, (n ? n : 1) * sizeof *ag->unit_names);
	if (!ag->unit_ids || !ag->unit_names)
		return -1;
	for (size_t i = 0; i < n; i++) {
		ag->unit_ids[i] = p[i].id;
		ag->unit_names[i] = p[i].name;
	}
	ag->nunits = n;
	return 0;
}

int units_agreement_list(struct db *db, struct arena *a, int64_t community_id, int state, int64_t offset,
			 int64_t limit, struct units_agreement **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, state < 0 ? &q_ags_all : &q_ags_state);
	if (!st)
		return -1;
	int i = 1;
	db_bind_int(st, i++, community_id);
	if (state >= 0)
		db_bind_text(st, i++, units_state_name(state), -1);
	db_bind_int(st, i++, limit);
	db_bind_int(st, i, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, ag_from_row);
}

int units_agreements_of_unit(struct db *db, struct arena *a, int64_t community_id, int64_t unit_id, int drafts,
			     struct units_agreement **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_ags_of_unit);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, unit_id);
	db_bind_int(st, 3, drafts != 0);
	return db_rows(st, a, sizeof **out, 200, (void **)out, n, ag_from_row);
}

/* ---- commitments ---- */

#define C_COLS                                                                                                     \
	"SELECT c.id, c.agreement_id, c.unit_id, c.kind, c.promise, c.amount_fen, c.quantity, c.quantity_unit,"       \
	" c.due_on, c.period, c.done_fen, c.done_quantity, u.name FROM units_commitment c JOIN units_unit u"          \
	" ON u.community_id = c.community_id AND u.id = c.unit_id WHERE c.community_id = ?"
static struct db_query q_c = DB_QUERY(C_COLS " AND c.id = ?");
static struct db_query q_cs_ag = DB_QUERY(C_COLS " AND c.agreement_id = ? ORDER BY c.id LIMIT ?");
static struct db_query q_cs_unit = DB_QUERY(C_COLS " AND c.unit_id = ? ORDER BY c.id LIMIT ?");
static struct db_query q_cs_shown = DB_QUERY(
    "SELECT c.id, c.agreement_id, c.unit_id, c.kind, c.promise, c.amount_fen, c.quantity, c.quantity_unit,"
    " c.due_on, c.period, c.done_fen, c.done_quantity, u.name FROM units_agreement g JOIN units_commitment c"
    " ON c.community_id = g.community_id AND c.agreement_id = g.id JOIN units_unit u ON u.community_id ="
    " c.community_id AND u.id = c.unit_id WHERE g.community_id = ? AND g.state <> 'draft'"
    " ORDER BY c.agreement_id, c.id LIMIT ?");
static struct db_query q_c_add = DB_QUERY(
    "INSERT INTO units_commitment (community_id, id, agreement_id, unit_id, kind, promise, amount_fen, quantity,"
    " quantity_unit, due_on, period, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)");
static struct db_query q_c_update = DB_QUERY(
    "UPDATE units_commitment SET unit_id = ?4, kind = ?5, promise = ?6, amount_fen = ?7, quantity = ?8,"
    " quantity_unit = ?9, due_on = ?10, period = ?11, updated_at = ?12"
    " WHERE community_id = ?1 AND id = ?2 AND agreement_id = ?3");
static struct db_query q_c_remove =
    DB_QUERY("DELETE FROM units_commitment WHERE community_id = ? AND id = ? AND agreement_id = ?");

static void c_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct units_commitment *c = slot;
	memset(c, 0, sizeof *c);
	c->id = db_col_int(st, 0);
	c->agreement_id = db_col_int(st, 1);
	c->unit_id = db_col_int(st, 2);
	c->kind = units_ckind_from(db_col_text(st, 3));
	c->promise = db_col_dup(st, 4, a);
	c->amount_fen = db_col_int(st, 5);
	c->quantity = db_col_int(st, 6);
	c->quantity_unit = db_col_dup(st, 7, a);
	copy_day(c->due_on, db_col_text(st, 8));
	c->period = db_col_dup(st, 9, a);
	c->done_fen = db_col_int(st, 10);
	c->done_quantity = db_col_int(st, 11);
	c->unit_name = db_col_dup(st, 12, a);
}

/* Locks the draft agreement a commitment change is made in: 0,
 * UNITS_NOT_FOUND, UNITS_STATE, -1. */
static int draft_locked(struct db *db, int64_t community_id, int64_t agreement_id)
{
	int state;
	int rc = units_agreement_lock(db, community_id, agreement_id, &state);
	return rc ? rc : state == US_DRAFT ? 0 : UNITS_STATE;
}

/* 0 if the unit is a party to the agreement, UNITS_NOT_FOUND, -1. */
static int is_party(struct db *db, int64_t community_id, int64_t agreement_id, int64_t unit_id)
{
	struct db_stmt *st = db_stmt(db, &q_party_has);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, agreement_id);
	db_bind_int(st, 3, unit_id);
	int64_t one;
	int rc = db_one_int(st, &one);
	return rc == 0 ? 0 : rc == 1 ? UNITS_NOT_FOUND : -1;
}

static void bind_c(struct db_stmt *st, int64_t community_id, const struct units_commitment *c, int64_t now)
{
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, c->id);
	db_bind_int(st, 3, c->agreement_id);
	db_bind_int(st, 4, c->unit_id);
	db_bind_text(st, 5, units_ckind_name(c->kind), -1);
	db_bind_text(st, 6, c->promise, -1);
	db_bind_int(st, 7, c->kind == UC_MONEY ? c->amount_fen : 0);
	db_bind_int(st, 8, c->kind == UC_MONEY ? 0 : c->quantity);
	db_bind_text(st, 9, c->kind == UC_MONEY ? "" : nz(c->quantity_unit), -1);
	db_bind_text(st, 10, c->due_on, -1);
	db_bind_text(st, 11, nz(c->period), -1);
	db_bind_int(st, 12, now);
}

int units_commitment_add(struct db *db, int64_t community_id, struct units_commitment *c, int64_t now)
{
	int rc = draft_locked(db, community_id, c->agreement_id);
	if (!rc)
		rc = is_party(db, community_id, c->agreement_id, c->unit_id);
	if (rc)
		return rc;
	if (db_next_id(db, community_id, "units_commitment", &c->id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_c_add);
	if (!st)
		return -1;
	bind_c(st, community_id, c, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int units_commitment_update(struct db *db, int64_t community_id, const struct units_commitment *c, int64_t now)
{
	int rc = draft_locked(db, community_id, c->agreement_id);
	if (!rc)
		rc = is_party(db, community_id, c->agreement_id, c->unit_id);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_c_update);
	if (!st)
		return -1;
	bind_c(st, community_id, c, now);
	rc = db_run_guarded(st);
	return rc == 1 ? UNITS_NOT_FOUND : rc;
}

int units_commitment_remove(struct db *db, int64_t community_id, int64_t agreement_id, int64_t id)
{
	int rc = draft_locked(db, community_id, agreement_id);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_c_remove);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, agreement_id);
	rc = db_run_guarded(st);
	return rc == 1 ? UNITS_NOT_FOUND : rc;
}

int units_commitment_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct units_commitment *c)
{
	struct db_stmt *st = db_stmt(db, &q_c);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_row(st, a, c, c_from_row);
	return rc == 1 ? UNITS_NOT_FOUND : rc;
}

int units_commitments(struct db *db, struct arena *a, int64_t community_id, int64_t agreement_id, int64_t unit_id,
		      size_t max, struct units_commitment **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, agreement_id ? &q_cs_ag : &q_cs_unit);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, agreement_id ? agreement_id : unit_id);
	db_bind_int(st, 3, (int64_t)max);
	return db_rows(st, a, sizeof **out, max, (void **)out, n, c_from_row);
}

static struct db_query q_contrib = DB_QUERY(
    "SELECT c.unit_id, c.kind, COUNT(*) FROM units_agreement g JOIN units_commitment c ON c.community_id ="
    " g.community_id AND c.agreement_id = g.id WHERE g.community_id = ? AND g.state = 'in_force'"
    " GROUP BY c.unit_id, c.kind ORDER BY c.unit_id, c.kind LIMIT 5000");

static void contrib_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct units_contrib *c = slot;
	c->unit_id = db_col_int(st, 0);
	c->kind = units_ckind_from(db_col_text(st, 1));
	c->n = db_col_int(st, 2);
}

int units_contribs(struct db *db, struct arena *a, int64_t community_id, struct units_contrib **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_contrib);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_rows(st, a, sizeof **out, 5000, (void **)out, n, contrib_from_row);
}

int units_commitments_shown(struct db *db, struct arena *a, int64_t community_id, size_t max,
			    struct units_commitment **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_cs_shown);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, (int64_t)max);
	return db_rows(st, a, sizeof **out, max, (void **)out, n, c_from_row);
}
