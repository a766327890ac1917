/* SQL for the moves of the time bank: deposits, withdrawals, transfers and
 * reversals, append-only. Each move locks its account rows (a transfer
 * both, in id order, so two opposite transfers cannot deadlock), checks
 * the rules (open accounts, no negative balance, the cap, no overflow),
 * writes the move with the balance after it, and keeps the account's
 * totals and the community's yearly totals in the same transaction. */
#include <stdio.h>
#include <string.h>

#include "modules/timebank/timebank_internal.h"

static struct db_query q_lock = DB_QUERY(
    "SELECT state, balance_minutes, deposited_minutes, drawn_minutes, name_masked FROM timebank_account"
    " WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_acc_write =
    DB_QUERY("UPDATE timebank_account SET balance_minutes = ?3, deposited_minutes = ?4, drawn_minutes = ?5,"
             " moves = moves + 1, updated_at = ?6 WHERE community_id = ?1 AND id = ?2");
static struct db_query q_move_add =
    DB_QUERY("INSERT INTO timebank_move (community_id, id, account_id, kind, minutes, balance_after, "
             "service, served_on,"
             " party_account_id, party_masked, note, pair_id, reverses_id, reason, source, source_id, "
             "recorded_by, recorded_at)"
             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_move_mark = DB_QUERY(
    "UPDATE timebank_move SET reversed_by = ?3 WHERE community_id = ?1 AND id = ?2 AND reversed_by IS NULL"
    " AND kind <> 'reversal'");
static struct db_query q_year =
    DB_QUERY("INSERT INTO timebank_year (community_id, year, service, deposited_minutes, drawn_minutes, "
             "deposits, withdrawals)"
             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (community_id, year, service) DO UPDATE SET"
             " deposited_minutes = timebank_year.deposited_minutes + ?4, drawn_minutes = "
             "timebank_year.drawn_minutes + ?5,"
             " deposits = timebank_year.deposits + ?6, withdrawals = timebank_year.withdrawals + ?7");
#define MOVE_COLS                                                                                            \
	"SELECT id, account_id, kind, minutes, balance_after, service, served_on, party_account_id, "        \
	"party_masked,"                                                                                      \
	" note, pair_id, reverses_id, reversed_by, reason, source, source_id, recorded_by, recorded_at"      \
	" FROM timebank_move WHERE community_id = ?"
static struct db_query q_move = DB_QUERY(MOVE_COLS " AND id = ?");
static struct db_query q_moves = DB_QUERY(MOVE_COLS " AND account_id = ? ORDER BY id DESC LIMIT ? OFFSET ?");
static struct db_query q_move_sum =
    DB_QUERY("SELECT COALESCE(SUM(minutes), 0) FROM timebank_move WHERE community_id = ? AND account_id = ?");
static struct db_query q_years =
    DB_QUERY("SELECT service, deposited_minutes, drawn_minutes, deposits, withdrawals FROM timebank_year"
             " WHERE community_id = ? AND year = ? ORDER BY service");

static void move_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct tb_move *m = slot;
	memset(m, 0, sizeof *m);
	m->id = db_col_int(st, 0);
	m->account_id = db_col_int(st, 1);
	m->kind = tb_kind_from(db_col_text(st, 2));
	m->minutes = db_col_int(st, 3);
	m->balance_after = db_col_int(st, 4);
	m->service = db_col_dup(st, 5, a);
	snprintf(m->served_on, sizeof m->served_on, "%s", db_col_text(st, 6));
	m->party_account_id = db_col_int(st, 7);
	m->party_masked = db_col_dup(st, 8, a);
	m->note = db_col_dup(st, 9, a);
	m->pair_id = db_col_int(st, 10);
	m->reverses_id = db_col_int(st, 11);
	m->reversed_by = db_col_int(st, 12);
	m->reason = db_col_dup(st, 13, a);
	m->source = db_col_dup(st, 14, a);
	m->source_id = db_col_int(st, 15);
	m->recorded_by = db_col_int(st, 16);
	m->recorded_at = db_col_int(st, 17);
}

/* An account's row as locked. */
struct locked {
	int64_t id;
	int state;
	int64_t balance, deposited, drawn;
	char masked[64];
};

/* Locks an account's row and reads what a move changes: 0, TB_NOT_FOUND, -1. */
static int lock_account(struct db *db, int64_t community_id, int64_t id, struct locked *l)
{
	struct db_stmt *st = db_stmt(db, &q_lock);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		l->id = id;
		l->state = tb_state_from(db_col_text(st, 0));
		l->balance = db_col_int(st, 1);
		l->deposited = db_col_int(st, 2);
		l->drawn = db_col_int(st, 3);
		snprintf(l->masked, sizeof l->masked, "%s", db_col_text(st, 4));
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? TB_NOT_FOUND : -1;
}

/* Locks two accounts in id order (the same order for every transaction
 * that locks both). 0, TB_NOT_FOUND, -1. */
static int lock_pair(struct db *db, int64_t community_id, int64_t x, int64_t y, struct locked *lx,
                     struct locked *ly)
{
	int rc;
	if (x < y) {
		if ((rc = lock_account(db, community_id, x, lx)) != 0)
			return rc;
		return lock_account(db, community_id, y, ly);
	}
	if ((rc = lock_account(db, community_id, y, ly)) != 0)
		return rc;
	return lock_account(db, community_id, x, lx);
}

/* What a move adds to the yearly totals (of the year of `on`, under service). */
struct year_effect {
	const char *on, *service;
	int64_t deposited, drawn, deposits, withdrawals;
};

static int year_add(struct db *db, int64_t community_id, const struct year_effect *e)
{
	if (!e->deposited && !e->drawn && !e->deposits && !e->withdrawals)
		return 0;
	struct db_stmt *st = db_stmt(db, &q_year);
	if (!st)
		return -1;
	int year = (int)((e->on[0] - '0') * 1000 + (e->on[1] - '0') * 100 + (e->on[2] - '0') * 10 +
	                 (e->on[3] - '0'));
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, year);
	db_bind_text(st, 3, e->service && *e->service ? e->service : "其他", -1);
	db_bind_int(st, 4, e->deposited);
	db_bind_int(st, 5, e->drawn);
	db_bind_int(st, 6, e->deposits);
	db_bind_int(st, 7, e->withdrawals);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* Writes move m (m->kind, signed m->minutes; m->id when reserved, else 0
 * for the next) on the locked account l: the
 * balance after it must stay >= 0 (TB_FUNDS) and the totals not overflow
 * (TB_RANGE). Sets m->id and m->balance_after and updates l. 0, TB_FUNDS,
 * TB_RANGE, -1. */
static int write_move(struct db *db, int64_t community_id, struct tb_move *m, struct locked *l,
                      const struct year_effect *e, int64_t by, int64_t now)
{
	int64_t balance, deposited = l->deposited, drawn = l->drawn;
	if (__builtin_add_overflow(l->balance, m->minutes, &balance) ||
	    __builtin_add_overflow(deposited, e->deposited, &deposited) ||
	    __builtin_add_overflow(drawn, e->drawn, &drawn))
		return TB_RANGE;
	if (balance < 0)
		return TB_FUNDS;
	if (!m->id && db_next_id(db, community_id, "timebank_move", &m->id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_move_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, m->id);
	db_bind_int(st, 3, l->id);
	db_bind_text(st, 4, tb_kind_name(m->kind), -1);
	db_bind_int(st, 5, m->minutes);
	db_bind_int(st, 6, balance);
	db_bind_text(st, 7, nz(m->service), -1);
	db_bind_text(st, 8, m->served_on, -1);
	db_bind_int_or_null(st, 9, m->party_account_id);
	db_bind_text(st, 10, nz(m->party_masked), -1);
	db_bind_text(st, 11, nz(m->note), -1);
	db_bind_int_or_null(st, 12, m->pair_id);
	db_bind_int_or_null(st, 13, m->reverses_id);
	db_bind_text(st, 14, nz(m->reason), -1);
	db_bind_text(st, 15, m->source && *m->source ? m->source : "desk", -1);
	db_bind_int_or_null(st, 16, m->source_id);
	db_bind_int(st, 17, by);
	db_bind_int(st, 18, now);
	if (db_run(st) != DB_DONE || !(st = db_stmt(db, &q_acc_write)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, l->id);
	db_bind_int(st, 3, balance);
	db_bind_int(st, 4, deposited);
	db_bind_int(st, 5, drawn);
	db_bind_int(st, 6, now);
	if (db_run(st) != DB_DONE)
		return -1;
	l->balance = balance;
	l->deposited = deposited;
	l->drawn = drawn;
	m->account_id = l->id;
	m->balance_after = balance;
	return year_add(db, community_id, e);
}

/* The room left under the cap for an account of this balance. */
static int64_t room_of(int64_t cap, int64_t balance)
{
	return balance >= cap ? 0 : cap - balance;
}

int tb_deposit(struct db *db, int64_t community_id, struct tb_move *m, int64_t by, int64_t now, int64_t *room)
{
	if (m->minutes <= 0 || m->minutes > TB_MOVE_MAX)
		return TB_RANGE;
	struct locked l;
	int64_t cap;
	int rc = lock_account(db, community_id, m->account_id, &l);
	if (rc)
		return rc;
	if (l.state != TS_OPEN)
		return TB_STATE;
	if (tb_cap(db, community_id, &cap) < 0)
		return -1;
	if (l.balance > cap - m->minutes) {
		*room = room_of(cap, l.balance);
		return TB_CAP;
	}
	m->kind = TK_DEPOSIT;
	struct year_effect e = {m->served_on, m->service, m->minutes, 0, 1, 0};
	return write_move(db, community_id, m, &l, &e, by, now);
}

int tb_withdraw(struct db *db, int64_t community_id, struct tb_move *m, int64_t by, int64_t now,
                int64_t *room)
{
	if (m->minutes <= 0 || m->minutes > TB_MOVE_MAX)
		return TB_RANGE;
	struct locked l;
	int rc = lock_account(db, community_id, m->account_id, &l);
	if (rc)
		return rc;
	if (l.state != TS_OPEN)
		return TB_STATE;
	int64_t want = m->minutes;
	m->kind = TK_WITHDRAW;
	m->minutes = -want;
	struct year_effect e = {m->served_on, m->service, 0, want, 0, 1};
	rc = write_move(db, community_id, m, &l, &e, by, now);
	if (rc == TB_FUNDS)
		*room = l.balance;
	m->minutes = rc ? want : m->minutes;
	return rc;
}

int tb_transfer(struct db *db, int64_t community_id, int64_t from, int64_t to, int64_t minutes,
                const char *served_on, const char *note, int64_t by, int64_t now, int64_t *out_id,
                int64_t *room)
{
	if (from == to)
		return TB_SAME;
	if (minutes <= 0 || minutes > TB_MOVE_MAX)
		return TB_RANGE;
	struct locked lf, lt;
	int64_t cap;
	int rc = lock_pair(db, community_id, from, to, &lf, &lt);
	if (rc)
		return rc;
	if (lf.state != TS_OPEN || lt.state != TS_OPEN)
		return TB_STATE;
	if (lf.balance < minutes) {
		*room = lf.balance;
		return TB_FUNDS;
	}
	if (tb_cap(db, community_id, &cap) < 0)
		return -1;
	if (lt.balance > cap - minutes) {
		*room = room_of(cap, lt.balance);
		return TB_CAP;
	}
	/* The two moves name each other: reserve both ids first. */
	int64_t first;
	if (db_next_ids(db, community_id, "timebank_move", 2, &first) < 0)
		return -1;
	struct tb_move out = {.id = first,
	                      .kind = TK_TRANSFER_OUT,
	                      .minutes = -minutes,
	                      .service = "转赠",
	                      .party_account_id = to,
	                      .party_masked = lt.masked,
	                      .note = note,
	                      .pair_id = first + 1};
	struct tb_move in = {.id = first + 1,
	                     .kind = TK_TRANSFER_IN,
	                     .minutes = minutes,
	                     .service = "转赠",
	                     .party_account_id = from,
	                     .party_masked = lf.masked,
	                     .note = note,
	                     .pair_id = first};
	snprintf(out.served_on, sizeof out.served_on, "%s", served_on);
	snprintf(in.served_on, sizeof in.served_on, "%s", served_on);
	struct year_effect none = {served_on, "", 0, 0, 0, 0};
	if ((rc = write_move(db, community_id, &out, &lf, &none, by, now)) != 0 ||
	    (rc = write_move(db, community_id, &in, &lt, &none, by, now)) != 0)
		return rc;
	*out_id = out.id;
	return 0;
}

/* The reversal of move o on its locked account l, dated on: a new move
 * negating it, the yearly totals taken back. pair: the reversal of the
 * other half of a transfer (0 none). 0, TB_FUNDS, TB_RANGE, -1. */
static int reverse_one(struct db *db, int64_t community_id, const struct tb_move *o, struct locked *l,
                       const char *on, const char *reason, int64_t id, int64_t pair, int64_t by, int64_t now)
{
	struct tb_move r = {.id = id,
	                    .kind = TK_REVERSAL,
	                    .minutes = -o->minutes,
	                    .service = o->service,
	                    .party_account_id = o->party_account_id,
	                    .party_masked = o->party_masked,
	                    .pair_id = pair,
	                    .reverses_id = o->id,
	                    .reason = reason,
	                    .source = "desk"};
	snprintf(r.served_on, sizeof r.served_on, "%s", on);
	r.note = "";
	struct year_effect e = {o->served_on, o->service, 0, 0, 0, 0};
	if (o->kind == TK_DEPOSIT) {
		e.deposited = -o->minutes;
		e.deposits = -1;
	} else if (o->kind == TK_WITHDRAW) {
		e.drawn = o->minutes; /* o->minutes < 0 */
		e.withdrawals = -1;
	}
	int rc = write_move(db, community_id, &r, l, &e, by, now);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_move_mark);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, o->id);
	db_bind_int(st, 3, r.id);
	rc = db_run_guarded(st);
	return rc == 1 ? TB_REVERSED : rc;
}

int tb_reverse(struct db *db, int64_t community_id, int64_t move_id, const char *reason, const char *on,
               int64_t by, int64_t now, int64_t *reversal)
{
	struct arena a;
	arena_init(&a, 64u << 10);
	struct tb_move o, p;
	struct locked lo, lp;
	int rc = tb_move_get(db, &a, community_id, move_id, &o);
	int pair = !rc && o.pair_id && (o.kind == TK_TRANSFER_OUT || o.kind == TK_TRANSFER_IN);
	if (!rc && pair)
		rc = tb_move_get(db, &a, community_id, o.pair_id, &p);
	if (!rc)
		rc = pair ? lock_pair(db, community_id, o.account_id, p.account_id, &lo, &lp)
		          : lock_account(db, community_id, o.account_id, &lo);
	/* Read again under the locks: another reversal may have won. */
	if (!rc)
		rc = tb_move_get(db, &a, community_id, move_id, &o);
	if (!rc && (o.reversed_by || o.kind == TK_REVERSAL))
		rc = TB_REVERSED;
	if (!rc && (lo.state == TS_CLOSED || (pair && lp.state == TS_CLOSED)))
		rc = TB_STATE;
	int64_t first = 0;
	if (!rc && db_next_ids(db, community_id, "timebank_move", pair ? 2 : 1, &first) < 0)
		rc = -1;
	/* The side that gives back goes first: its refusal is the one to tell. */
	if (!rc && pair && o.minutes < 0) {
		if (!(rc = reverse_one(db, community_id, &p, &lp, on, reason, first, first + 1, by, now)))
			rc = reverse_one(db, community_id, &o, &lo, on, reason, first + 1, first, by, now);
		first++;
	} else if (!rc) {
		if (!(rc = reverse_one(db, community_id, &o, &lo, on, reason, first, pair ? first + 1 : 0, by,
		                       now)) &&
		    pair)
			rc = reverse_one(db, community_id, &p, &lp, on, reason, first + 1, first, by, now);
	}
	if (!rc)
		*reversal = first;
	arena_free(&a);
	return rc;
}

int tb_move_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct tb_move *m)
{
	struct db_stmt *st = db_stmt(db, &q_move);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_row(st, a, m, move_from_row);
	return rc == 1 ? TB_NOT_FOUND : rc;
}

int tb_moves(struct db *db, struct arena *a, int64_t community_id, int64_t account_id, int64_t offset,
             int64_t limit, struct tb_move **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_moves);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, account_id);
	db_bind_int(st, 3, limit);
	db_bind_int(st, 4, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, move_from_row);
}

int tb_move_sum(struct db *db, int64_t community_id, int64_t account_id, int64_t *sum)
{
	struct db_stmt *st = db_stmt(db, &q_move_sum);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, account_id);
	return db_one_int(st, sum) == 0 ? 0 : -1;
}

static void year_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct tb_year_line *y = slot;
	y->service = db_col_dup(st, 0, a);
	y->deposited = db_col_int(st, 1);
	y->drawn = db_col_int(st, 2);
	y->deposits = db_col_int(st, 3);
	y->withdrawals = db_col_int(st, 4);
}

int tb_year(struct db *db, struct arena *a, int64_t community_id, int year, struct tb_year_line **out,
            size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_years);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, year);
	return db_rows(st, a, sizeof **out, 64, (void **)out, n, year_from_row);
}
