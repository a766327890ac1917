/* SQL for what was done for a commitment (履行情况): fulfilments recorded
 * and reversed, never edited, and the commitment's totals kept with them
 * in the same transaction with the commitment's row locked. */
#include <string.h>

#include "modules/units/units_internal.h"

static struct db_query q_c_lock = DB_QUERY(
    "SELECT c.agreement_id, c.unit_id, c.kind, c.done_fen, c.done_quantity FROM units_commitment c"
    " WHERE c.community_id = ? AND c.id = ? @FOR_UPDATE@");
static struct db_query q_f_add = DB_QUERY(
    "INSERT INTO units_fulfilment (community_id, id, commitment_id, agreement_id, unit_id, kind, done_on, what,"
    " amount_fen, quantity, evidence, reverses_id, reason, recorded_by, recorded_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_c_totals = DB_QUERY(
    "UPDATE units_commitment SET done_fen = ?3, done_quantity = ?4, updated_at = ?5 WHERE community_id = ?1 AND id = ?2");
static struct db_query q_f_mark = DB_QUERY(
    "UPDATE units_fulfilment SET reversed_by = ?3 WHERE community_id = ?1 AND id = ?2 AND reversed_by IS NULL"
    " AND reverses_id IS NULL");
#define F_COLS                                                                                                     \
	"SELECT id, commitment_id, agreement_id, unit_id, kind, done_on, what, amount_fen, quantity, evidence,"       \
	" reverses_id, reversed_by, reason, recorded_by, recorded_at FROM units_fulfilment WHERE community_id = ?"
static struct db_query q_f = DB_QUERY(F_COLS " AND id = ?");
static struct db_query q_fs_c = DB_QUERY(F_COLS " AND commitment_id = ? ORDER BY id DESC LIMIT ? OFFSET ?");
static struct db_query q_fs_ag =
    DB_QUERY(F_COLS " AND agreement_id = ? ORDER BY done_on DESC, id DESC LIMIT ? OFFSET ?");
static struct db_query q_f_sums = DB_QUERY(
    "SELECT COALESCE(SUM(amount_fen), 0), COALESCE(SUM(quantity), 0) FROM units_fulfilment"
    " WHERE community_id = ? AND commitment_id = ?");

static void f_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct units_fulfilment *f = slot;
	memset(f, 0, sizeof *f);
	f->id = db_col_int(st, 0);
	f->commitment_id = db_col_int(st, 1);
	f->agreement_id = db_col_int(st, 2);
	f->unit_id = db_col_int(st, 3);
	f->kind = units_ckind_from(db_col_text(st, 4));
	const char *d = db_col_text(st, 5);
	size_t n = strlen(d);
	memcpy(f->done_on, d, n > 10 ? 10 : n);
	f->done_on[n > 10 ? 10 : n] = 0;
	f->what = db_col_dup(st, 6, a);
	f->amount_fen = db_col_int(st, 7);
	f->quantity = db_col_int(st, 8);
	f->evidence = db_col_dup(st, 9, a);
	f->reverses_id = db_col_int(st, 10);
	f->reversed_by = db_col_int(st, 11);
	f->reason = db_col_dup(st, 12, a);
	f->recorded_by = db_col_int(st, 13);
	f->recorded_at = db_col_int(st, 14);
}

struct locked {
	int64_t agreement_id, unit_id, done_fen, done_qty;
	char kind[16];
};

/* Locks a commitment's row and reads what a fulfilment changes: 0,
 * UNITS_NOT_FOUND, -1. */
static int lock_commitment(struct db *db, int64_t community_id, int64_t id, struct locked *l)
{
	struct db_stmt *st = db_stmt(db, &q_c_lock);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		l->agreement_id = db_col_int(st, 0);
		l->unit_id = db_col_int(st, 1);
		const char *k = db_col_text(st, 2);
		size_t n = strlen(k);
		if (n >= sizeof l->kind)
			n = sizeof l->kind - 1;
		memcpy(l->kind, k, n);
		l->kind[n] = 0;
		l->done_fen = db_col_int(st, 3);
		l->done_qty = db_col_int(st, 4);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? UNITS_NOT_FOUND : -1;
}

static struct db_query q_year = DB_QUERY(
    "INSERT INTO units_year (community_id, commitment_id, year, events, fen, quantity) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (community_id, year, commitment_id) DO UPDATE SET events = units_year.events + ?4,"
    " fen = units_year.fen + ?5, quantity = units_year.quantity + ?6");

/* Adds to the locked commitment's totals of the year of `on` (YYYY-MM-DD):
 * events, fen and quantity. 0 or -1. */
static int year_add(struct db *db, int64_t community_id, int64_t commitment_id, const char *on, int64_t events,
		    int64_t fen, int64_t qty)
{
	int year = 0;
	for (int i = 0; i < 4 && on[i] >= '0' && on[i] <= '9'; i++)
		year = year * 10 + (on[i] - '0');
	struct db_stmt *st = db_stmt(db, &q_year);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, commitment_id);
	db_bind_int(st, 3, year);
	db_bind_int(st, 4, events);
	db_bind_int(st, 5, fen);
	db_bind_int(st, 6, qty);
	return db_run(st) == DB_DONE ? 0 : -1;
}

/* Inserts a fulfilment row for the locked commitment and moves its totals
 * by the row's amount and quantity. 0, UNITS_RANGE, -1. */
static int write_row(struct db *db, int64_t community_id, struct units_fulfilment *f, const struct locked *l,
		     int64_t by, int64_t now)
{
	int64_t fen, qty;
	if (__builtin_add_overflow(l->done_fen, f->amount_fen, &fen) || __builtin_add_overflow(l->done_qty, f->quantity, &qty))
		return UNITS_RANGE;
	if (db_next_id(db, community_id, "units_fulfilment", &f->id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_f_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, f->id);
	db_bind_int(st, 3, f->commitment_id);
	db_bind_int(st, 4, l->agreement_id);
	db_bind_int(st, 5, l->unit_id);
	db_bind_text(st, 6, l->kind, -1);
	db_bind_text(st, 7, f->done_on, -1);
	db_bind_text(st, 8, f->what ? f->what : "", -1);
	db_bind_int(st, 9, f->amount_fen);
	db_bind_int(st, 10, f->quantity);
	db_bind_text(st, 11, f->evidence ? f->evidence : "", -1);
	db_bind_int_or_null(st, 12, f->reverses_id);
	db_bind_text(st, 13, f->reason ? f->reason : "", -1);
	db_bind_int(st, 14, by);
	db_bind_int(st, 15, now);
	/* a standing row counts one event in its year; a reversal none, and
	 * takes the reversed row's event from that row's year (reverse below) */
	if (db_run(st) != DB_DONE ||
	    year_add(db, community_id, f->commitment_id, f->done_on, f->reverses_id ? 0 : 1, f->amount_fen,
		     f->quantity) < 0 ||
	    !(st = db_stmt(db, &q_c_totals)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, f->commitment_id);
	db_bind_int(st, 3, fen);
	db_bind_int(st, 4, qty);
	db_bind_int(st, 5, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int units_fulfilment_add(struct db *db, int64_t community_id, struct units_fulfilment *f, int64_t by, int64_t now)
{
	struct locked l;
	int rc = lock_commitment(db, community_id, f->commitment_id, &l);
	if (rc)
		return rc;
	/* The agreement's state, read after the commitment's lock: ending an
	 * agreement locks its row, not the commitments, so lock it too. */
	int state;
	if ((rc = units_agreement_lock(db, community_id, l.agreement_id, &state)) != 0)
		return rc;
	if (state != US_IN_FORCE)
		return UNITS_STATE;
	f->reverses_id = 0;
	f->reason = "";
	return write_row(db, community_id, f, &l, by, now);
}

int units_fulfilment_reverse(struct db *db, int64_t community_id, int64_t id, const char *on, const char *reason,
			     int64_t by, int64_t now, int64_t *reversal)
{
	struct arena a;
	arena_init(&a, 64u << 10);
	struct units_fulfilment o;
	int rc = units_fulfilment_get(db, &a, community_id, id, &o);
	struct locked l;
	if (!rc)
		rc = lock_commitment(db, community_id, o.commitment_id, &l);
	/* Read again under the lock: another reversal may have won. */
	if (!rc)
		rc = units_fulfilment_get(db, &a, community_id, id, &o);
	if (!rc && (o.reversed_by || o.reverses_id))
		rc = UNITS_REVERSED;
	struct units_fulfilment f = {0};
	if (!rc) {
		f.commitment_id = o.commitment_id;
		memcpy(f.done_on, on, strnlen(on, 10));
		f.what = arena_printf(&a, "冲销第 %lld 条履行记录", (long long)id);
		f.amount_fen = -o.amount_fen;
		f.quantity = -o.quantity;
		f.evidence = "";
		f.reverses_id = id;
		f.reason = reason;
		rc = f.what ? write_row(db, community_id, &f, &l, by, now) : -1;
	}
	if (!rc) {
		struct db_stmt *st = db_stmt(db, &q_f_mark);
		if (!st)
			rc = -1;
		else {
			db_bind_int(st, 1, community_id);
			db_bind_int(st, 2, id);
			db_bind_int(st, 3, f.id);
			rc = db_run_guarded(st);
			rc = rc == 1 ? UNITS_REVERSED : rc;
		}
	}
	if (!rc && year_add(db, community_id, o.commitment_id, o.done_on, -1, 0, 0) < 0)
		rc = -1;
	if (!rc)
		*reversal = f.id;
	arena_free(&a);
	return rc;
}

int units_fulfilment_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct units_fulfilment *f)
{
	struct db_stmt *st = db_stmt(db, &q_f);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_row(st, a, f, f_from_row);
	return rc == 1 ? UNITS_NOT_FOUND : rc;
}

int units_fulfilments(struct db *db, struct arena *a, int64_t community_id, int64_t agreement_id,
		      int64_t commitment_id, int64_t offset, size_t max, struct units_fulfilment **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, commitment_id ? &q_fs_c : &q_fs_ag);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, commitment_id ? commitment_id : agreement_id);
	db_bind_int(st, 3, (int64_t)max);
	db_bind_int(st, 4, offset);
	return db_rows(st, a, sizeof **out, max, (void **)out, n, f_from_row);
}

int units_fulfilment_sums(struct db *db, int64_t community_id, int64_t commitment_id, int64_t *fen, int64_t *qty)
{
	struct db_stmt *st = db_stmt(db, &q_f_sums);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, commitment_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*fen = db_col_int(st, 0);
		*qty = db_col_int(st, 1);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : -1;
}
