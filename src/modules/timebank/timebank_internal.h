/* 时间银行: the module's types, words and store, shared by its files only.
 * The store (timebank_store.c accounts, timebank_moves.c moves,
 * timebank_reports.c residents' reports) is SQL only: writes run in the
 * caller's write transaction, reads in its snapshot. Amounts are whole
 * minutes. */
#ifndef SHEQU_MODULES_TIMEBANK_INTERNAL_H
#define SHEQU_MODULES_TIMEBANK_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

/* Store answers besides 0 and -1 (a database error). */
enum {
	TB_NOT_FOUND = 1, /* no such row in the community */
	TB_STATE = 2,     /* the account is frozen or closed, or the report not pending */
	TB_FUNDS = 3,     /* the balance is not enough */
	TB_CAP = 4,       /* the deposit would pass the cap (room left in *room) */
	TB_RANGE = 5,     /* a total would overflow */
	TB_REVERSED = 6,  /* the move was reversed already, or is a reversal */
	TB_DUP = 7,       /* the login has an account already */
	TB_SAME = 8,      /* a transfer to the account itself */
};

#define TB_CAP_DEFAULT (500 * 60) /* 500 小时 */
#define TB_MOVE_MAX (24 * 60)     /* one move: at most 24 小时 */
#define TB_CAP_MAX (100000LL * 60)

enum tb_state { TS_OPEN, TS_FROZEN, TS_CLOSED, TS__MAX };
enum tb_kind { TK_DEPOSIT, TK_WITHDRAW, TK_TRANSFER_OUT, TK_TRANSFER_IN, TK_REVERSAL, TK__MAX };
enum tb_rstate { TR_PENDING, TR_CONFIRMED, TR_REFUSED, TR__MAX };

/* Codes as stored and their Chinese labels (timebank_words.c). A name not
 * in the list reads as -1; a label of a value out of range is "". */
const char *tb_state_name(int s);
const char *tb_state_label(int s);
int tb_state_from(const char *s);
const char *tb_kind_name(int k);
const char *tb_kind_label(int k);
int tb_kind_from(const char *s);
const char *tb_rstate_name(int s);
const char *tb_rstate_label(int s);
int tb_rstate_from(const char *s);
/* The service kinds (助餐 …), stored as their Chinese names: the list and
 * whether s is one of them. */
extern const char *const tb_services[];
extern const size_t tb_nservices;
int tb_service_known(const char *s);

struct tb_account {
	int64_t id, user_id, person_id; /* user_id, person_id 0 when none */
	const char *name, *mobile;      /* in: to seal; out: NULL unless opened */
	const char *name_masked, *mobile_masked;
	int64_t balance, deposited, drawn, moves;
	int state; /* enum tb_state */
	const char *state_reason;
	int64_t created_by, created_at, updated_at;
};

struct tb_move {
	int64_t id, account_id;
	int kind;        /* enum tb_kind */
	int64_t minutes; /* in: positive; out: signed as stored */
	int64_t balance_after;
	const char *service;
	char served_on[11];
	int64_t party_account_id; /* 0 when none */
	const char *party_masked;
	const char *note;
	int64_t pair_id, reverses_id, reversed_by; /* 0 when none */
	const char *reason;
	const char *source; /* 'desk', 'self', 'volunteers' */
	int64_t source_id;  /* 0 when none */
	int64_t recorded_by, recorded_at;
};

struct tb_report {
	int64_t id, account_id;
	const char *service;
	char served_on[11];
	int64_t minutes;
	const char *party_masked;
	int64_t party_account_id;
	const char *note;
	int state; /* enum tb_rstate */
	const char *reason;
	int64_t move_id, created_at, decided_by, decided_at;
	const char *account_masked; /* out, the staff's list */
};

/* ---- settings and accounts (timebank_store.c) ---- */
/* The community's cap in minutes (TB_CAP_DEFAULT when never set). 0 or -1. */
int tb_cap(struct db *db, int64_t community_id, int64_t *cap);
/* Sets the cap (1 .. TB_CAP_MAX minutes). 0 or -1. */
int tb_cap_set(struct db *db, int64_t community_id, int64_t cap, int64_t by, int64_t now);
/* Opens an account (id from db_next_id), sealing ac->name and ac->mobile
 * (mobile "" none); ac->user_id 0 for the desk's. 0 with ac->id set,
 * TB_DUP (the login has one), -1 (also without a key). */
int tb_account_open(struct db *db, struct arena *a, int64_t community_id, struct tb_account *ac, int64_t by,
                    int64_t now);
/* One account; with full, name and mobile opened. 0, TB_NOT_FOUND, -1. */
int tb_account_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, int full,
                   struct tb_account *ac);
/* The account of a login. 0, TB_NOT_FOUND, -1. */
int tb_account_of_user(struct db *db, struct arena *a, int64_t community_id, int64_t user_id,
                       struct tb_account *ac);
/* A page of accounts for staff, masked, by id: all (state < 0) or of one
 * state; mobile non-NULL: only the accounts of that mobile (11 digits, by
 * its blind index). At most limit rows after offset. 0 or -1. */
int tb_account_list(struct db *db, struct arena *a, int64_t community_id, int state, const char *mobile,
                    int64_t offset, int64_t limit, struct tb_account **out, size_t *n);
/* Freezes, reopens or closes an account with a reason (locked; closing
 * needs a zero balance). 0, TB_NOT_FOUND, TB_STATE (closed already, or a
 * balance left), -1. */
int tb_account_set_state(struct db *db, int64_t community_id, int64_t id, int state, const char *reason,
                         int64_t now);
/* The cap (TB_CAP_DEFAULT when never set) and how many accounts the
 * community has opened (a kept count), in one read. 0 or -1. */
int tb_setting(struct db *db, int64_t community_id, int64_t *cap, int64_t *accounts);

/* ---- moves (timebank_moves.c) ---- */
/* A deposit of m->minutes (1 .. TB_MOVE_MAX) into m->account_id, the
 * account's row locked: 0 with m->id and m->balance_after set, TB_NOT_FOUND,
 * TB_STATE (not open), TB_CAP (*room: the minutes it may still take),
 * TB_RANGE, -1. */
int tb_deposit(struct db *db, int64_t community_id, struct tb_move *m, int64_t by, int64_t now,
               int64_t *room);
/* A withdrawal: as tb_deposit, TB_FUNDS when the balance (in *room) is short. */
int tb_withdraw(struct db *db, int64_t community_id, struct tb_move *m, int64_t by, int64_t now,
                int64_t *room);
/* A transfer of minutes (1 .. TB_MOVE_MAX) from one account to another: both rows locked in id
 * order, two moves (out and in) naming each other. 0 with *out_id set (the
 * move out), TB_NOT_FOUND, TB_SAME, TB_STATE (either not open), TB_FUNDS
 * (*room: the balance), TB_CAP (*room: the room left in the receiver),
 * TB_RANGE, -1. */
int tb_transfer(struct db *db, int64_t community_id, int64_t from, int64_t to, int64_t minutes,
                const char *served_on, const char *note, int64_t by, int64_t now, int64_t *out_id,
                int64_t *room);
/* Reverses a move (冲正) by a new move negating it, and the other half of a
 * transfer with it; the reversed moves get reversed_by. 0 with *reversal
 * set, TB_NOT_FOUND, TB_REVERSED, TB_STATE (an account closed), TB_FUNDS
 * (the balance cannot give back what it received), TB_RANGE, -1. */
int tb_reverse(struct db *db, int64_t community_id, int64_t move_id, const char *reason, const char *on,
               int64_t by, int64_t now, int64_t *reversal);
/* One move. 0, TB_NOT_FOUND, -1. */
int tb_move_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct tb_move *m);
/* An account's moves, newest first, at most limit after offset. 0 or -1. */
int tb_moves(struct db *db, struct arena *a, int64_t community_id, int64_t account_id, int64_t offset,
             int64_t limit, struct tb_move **out, size_t *n);
/* The sum of an account's moves (a check for tests): 0 or -1. */
int tb_move_sum(struct db *db, int64_t community_id, int64_t account_id, int64_t *sum);

/* One year's totals by service kind, and the year's whole. */
struct tb_year_line {
	const char *service;
	int64_t deposited, drawn, deposits, withdrawals;
};
int tb_year(struct db *db, struct arena *a, int64_t community_id, int year, struct tb_year_line **out,
            size_t *n);

/* ---- residents' reports (timebank_reports.c) ---- */
/* A pending report of the account's holder. 0 with r->id set, TB_NOT_FOUND,
 * TB_STATE (the account not open), -1. */
int tb_report_add(struct db *db, int64_t community_id, struct tb_report *r, int64_t now);
/* Confirms a pending report: locks it, deposits (the cap checked now) and
 * marks it. 0 with *move_id set, TB_NOT_FOUND, TB_STATE (not pending or
 * the account not open), TB_CAP (*room), TB_RANGE, -1. */
int tb_report_confirm(struct db *db, int64_t community_id, int64_t id, int64_t by, int64_t now,
                      int64_t *move_id, int64_t *room);
/* Refuses a pending report with a reason. 0, TB_NOT_FOUND, TB_STATE, -1. */
int tb_report_refuse(struct db *db, int64_t community_id, int64_t id, const char *reason, int64_t by,
                     int64_t now);
/* One report. 0, TB_NOT_FOUND, -1. */
int tb_report_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct tb_report *r);
/* Reports: of one account (account_id > 0) or all (0), of one state (< 0
 * any), newest first, at most limit after offset. 0 or -1. */
int tb_reports(struct db *db, struct arena *a, int64_t community_id, int64_t account_id, int state,
               int64_t offset, int64_t limit, struct tb_report **out, size_t *n);
/* How many reports wait (the workbench card). 0 or -1. */
int tb_reports_pending(struct db *db, int64_t community_id, int64_t *n);

#endif
