/* The time bank store on SQLite and (under tests/pg/with-postgres.sh)
 * PostgreSQL, on a database made by `shequ init` and `shequ demo`, the
 * module's tables emptied: accounts with sealed, masked names and mobiles,
 * one per login; the rules of the moves (no negative balance, the cap,
 * frozen accounts take nothing, reversals once, transfers both or
 * neither); residents' reports confirmed or refused; and, on many real
 * connections at once, transfers back and forth with withdrawals and
 * deposits keeping every balance equal to the sum of its moves, the
 * balance_after chain intact, the totals equal to deposits − withdrawals,
 * the cap holding, and no deadlock.
 * usage: test_timebank_store SHEQU_BINARY */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "modules/timebank/timebank_internal.h"
#include "modules/timebank/timebank_web.h"
#include "pii/pii.h"

#include "fixture.h"

static const char *shequ;
static struct fixture fx;
static struct db *a;
static struct arena ar;
static int64_t xingfuli, heping, wangjg, resident;
static int64_t now;

static int setup(void **state)
{
	(void)state;
	if (fixture_make(&fx, shequ) < 0 || fixture_key_install(&fx) < 0 || fixture_open(&fx, &a) < 0)
		return -1;
	arena_init(&ar, 64u << 20);
	if (fixture_script(
	        a, "DELETE FROM timebank_report; DELETE FROM timebank_move; DELETE FROM timebank_year;"
	           " DELETE FROM timebank_account; DELETE FROM timebank_setting;") < 0)
		return -1;
	xingfuli = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "xingfuli");
	heping = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "heping");
	wangjg = fixture_id(a, "SELECT id FROM users WHERE username = ?", "wangjg");
	resident = wangjg;
	now = (int64_t)time(NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(a);
	arena_free(&ar);
	return fixture_remove(&fx);
}

static int64_t open_account(int64_t community, int64_t user, const char *name, const char *mobile)
{
	struct tb_account ac = {.user_id = user, .name = name, .mobile = mobile};
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(tb_account_open(a, &ar, community, &ac, wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	return ac.id;
}

/* One move in its own transaction on db: the store's answer (committed
 * when 0). *room gets what the store tells of a refusal. */
enum op { DEPOSIT, WITHDRAW };
static int move(struct db *db, int64_t community, enum op op, int64_t account, int64_t minutes, int64_t *room)
{
	struct tb_move m = {
	    .account_id = account, .minutes = minutes, .service = "助餐", .party_masked = "李*"};
	strcpy(m.served_on, "2026-03-01");
	int64_t r = -1;
	if (db_begin(db) < 0)
		return -1;
	int rc = op == DEPOSIT ? tb_deposit(db, community, &m, wangjg, now, &r)
	                       : tb_withdraw(db, community, &m, wangjg, now, &r);
	if (rc == 0 && db_commit(db) < 0)
		rc = -1;
	else if (rc)
		db_rollback(db);
	if (room)
		*room = r;
	return rc;
}

static int transfer(struct db *db, int64_t community, int64_t from, int64_t to, int64_t minutes,
                    int64_t *room)
{
	int64_t id, r = -1;
	if (db_begin(db) < 0)
		return -1;
	int rc = tb_transfer(db, community, from, to, minutes, "2026-03-02", "给妈妈", wangjg, now, &id, &r);
	if (rc == 0 && db_commit(db) < 0)
		rc = -1;
	else if (rc)
		db_rollback(db);
	if (room)
		*room = r;
	return rc;
}

static int reverse(int64_t community, int64_t id, int64_t *rev)
{
	assert_int_equal(db_begin(a), 0);
	int rc = tb_reverse(a, community, id, "录入错误", "2026-03-05", wangjg, now, rev);
	if (rc == 0)
		assert_int_equal(db_commit(a), 0);
	else
		db_rollback(a);
	return rc;
}

static int64_t balance(int64_t community, int64_t id)
{
	struct tb_account ac;
	assert_int_equal(tb_account_get(a, &ar, community, id, 0, &ac), 0);
	return ac.balance;
}

/* The account's balance equals the sum of its moves, and each move's
 * balance_after is the one before it plus its minutes, never negative. */
static void account_is_consistent(int64_t community, int64_t id)
{
	struct tb_account ac;
	assert_int_equal(tb_account_get(a, &ar, community, id, 0, &ac), 0);
	int64_t sum;
	assert_int_equal(tb_move_sum(a, community, id, &sum), 0);
	assert_int_equal(ac.balance, sum);
	struct tb_move *ms;
	size_t n;
	assert_int_equal(tb_moves(a, &ar, community, id, 0, 100000, &ms, &n), 0);
	assert_int_equal((int64_t)n, ac.moves);
	int64_t run = 0;
	for (size_t i = n; i-- > 0;) {
		run += ms[i].minutes;
		if (ms[i].balance_after != run)
			fail_msg("account %lld move %lld: balance_after %lld, chain %lld", (long long)id,
			         (long long)ms[i].id, (long long)ms[i].balance_after, (long long)run);
		assert_true(ms[i].balance_after >= 0);
	}
	assert_int_equal(run, ac.balance);
}

/* Name and mobile sealed at rest beside their masks; one account a login. */
static void accounts_are_sealed_masked_and_one_per_login(void **state)
{
	(void)state;
	int64_t id = open_account(xingfuli, resident, "张秀英", "13812345678");
	struct tb_account ac;
	assert_int_equal(tb_account_get(a, &ar, xingfuli, id, 0, &ac), 0);
	assert_null(ac.name);
	assert_null(ac.mobile);
	assert_string_equal(ac.mobile_masked, "138****5678");
	assert_string_not_equal(ac.name_masked, "张秀英");
	assert_int_equal(ac.state, TS_OPEN);
	assert_int_equal(tb_account_get(a, &ar, xingfuli, id, 1, &ac), 0);
	assert_string_equal(ac.name, "张秀英");
	assert_string_equal(ac.mobile, "13812345678");
	struct db_stmt *st = db_prepare_adhoc(a, "SELECT name_sealed, mobile_sealed FROM timebank_account");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	size_t len;
	const unsigned char *blob = db_col_blob(st, 0, &len);
	assert_null(memmem(blob, len, "秀英", strlen("秀英")));
	blob = db_col_blob(st, 1, &len);
	assert_null(memmem(blob, len, "12345678", 8));
	db_finalize(st);
	/* a second account for the same login is refused; the desk opens as many as it needs */
	struct tb_account dup = {.user_id = resident, .name = "张秀英", .mobile = ""};
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(tb_account_open(a, &ar, xingfuli, &dup, wangjg, now), TB_DUP);
	db_rollback(a);
	int64_t desk = open_account(xingfuli, 0, "李桂兰", "13900001111");
	open_account(xingfuli, 0, "王德福", "");
	/* the desk finds an account by its mobile */
	struct tb_account *list;
	size_t n;
	assert_int_equal(tb_account_list(a, &ar, xingfuli, -1, "13900001111", 0, 10, &list, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, desk);
	assert_null(list[0].name);
	assert_int_equal(tb_account_list(a, &ar, xingfuli, -1, NULL, 0, 10, &list, &n), 0);
	assert_int_equal(n, 3);
	int64_t count, cap;
	assert_int_equal(tb_setting(a, xingfuli, &cap, &count), 0);
	assert_int_equal(cap, TB_CAP_DEFAULT);
	assert_int_equal(count, 3);
	/* the login's account; none in another community */
	assert_int_equal(tb_account_of_user(a, &ar, xingfuli, resident, &ac), 0);
	assert_int_equal(ac.id, id);
	assert_int_equal(tb_account_of_user(a, &ar, heping, resident, &ac), TB_NOT_FOUND);
	assert_int_equal(tb_account_get(a, &ar, heping, id, 0, &ac), TB_NOT_FOUND);
}

/* Deposits up to the cap, withdrawals down to zero, frozen accounts take
 * nothing, a transfer is both moves or none. */
static void moves_keep_the_rules(void **state)
{
	(void)state;
	int64_t x = open_account(xingfuli, 0, "赵建国", "13911112222");
	int64_t y = open_account(xingfuli, 0, "赵老太", "");
	int64_t room;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(tb_cap_set(a, xingfuli, 10 * 60, wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(move(a, xingfuli, DEPOSIT, x, 8 * 60, NULL), 0);
	/* 3 more hours would pass 10: 2 hours of room are told */
	assert_int_equal(move(a, xingfuli, DEPOSIT, x, 3 * 60, &room), TB_CAP);
	assert_int_equal(room, 2 * 60);
	assert_int_equal(move(a, xingfuli, DEPOSIT, x, 2 * 60, NULL), 0);
	assert_int_equal(move(a, xingfuli, DEPOSIT, x, 1, &room), TB_CAP);
	assert_int_equal(room, 0);
	/* more than 24 hours a move, or nothing, is refused */
	assert_int_equal(move(a, xingfuli, DEPOSIT, y, 24 * 60 + 1, NULL), TB_RANGE);
	assert_int_equal(move(a, xingfuli, DEPOSIT, y, 0, NULL), TB_RANGE);
	/* withdrawal beyond the balance: refused, the balance told */
	assert_int_equal(move(a, xingfuli, WITHDRAW, x, 11 * 60, &room), TB_FUNDS);
	assert_int_equal(room, 10 * 60);
	assert_int_equal(move(a, xingfuli, WITHDRAW, x, 90, NULL), 0);
	assert_int_equal(balance(xingfuli, x), 10 * 60 - 90);
	/* transfer: too much refused, nothing moved */
	assert_int_equal(transfer(a, xingfuli, x, y, 10 * 60, &room), TB_FUNDS);
	assert_int_equal(balance(xingfuli, x), 10 * 60 - 90);
	assert_int_equal(balance(xingfuli, y), 0);
	assert_int_equal(transfer(a, xingfuli, x, x, 10, NULL), TB_SAME);
	assert_int_equal(transfer(a, xingfuli, x, y, 120, NULL), 0);
	assert_int_equal(balance(xingfuli, y), 120);
	/* the receiver's cap holds for transfers too */
	assert_int_equal(move(a, xingfuli, DEPOSIT, y, 8 * 60, NULL), 0);
	assert_int_equal(transfer(a, xingfuli, x, y, 60, &room), TB_CAP);
	assert_int_equal(room, 0);
	/* another community cannot move it */
	assert_int_equal(move(a, heping, DEPOSIT, x, 60, NULL), TB_NOT_FOUND);
	/* frozen: takes nothing, gives nothing */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(tb_account_set_state(a, xingfuli, y, TS_FROZEN, "核查中", now), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(move(a, xingfuli, WITHDRAW, y, 10, NULL), TB_STATE);
	assert_int_equal(transfer(a, xingfuli, x, y, 10, NULL), TB_STATE);
	assert_int_equal(transfer(a, xingfuli, y, x, 10, NULL), TB_STATE);
	/* closing needs a zero balance */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(tb_account_set_state(a, xingfuli, y, TS_CLOSED, "迁出", now), TB_STATE);
	assert_int_equal(tb_account_set_state(a, xingfuli, y, TS_OPEN, "", now), 0);
	assert_int_equal(db_commit(a), 0);
	account_is_consistent(xingfuli, x);
	account_is_consistent(xingfuli, y);
	/* the year's totals: deposited 8+2+8 hours, drawn 90 minutes */
	struct tb_year_line *yl;
	size_t n;
	assert_int_equal(tb_year(a, &ar, xingfuli, 2026, &yl, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(yl[0].service, "助餐");
	assert_int_equal(yl[0].deposited, 18 * 60);
	assert_int_equal(yl[0].drawn, 90);
	assert_int_equal(yl[0].deposits, 3);
	assert_int_equal(yl[0].withdrawals, 1);
}

/* A wrong move is reversed by a new one, once; a transfer's two halves
 * together; a reversal that would leave a negative balance is refused. */
static void reversals_negate_once(void **state)
{
	(void)state;
	int64_t x = open_account(xingfuli, 0, "孙丽华", "");
	int64_t y = open_account(xingfuli, 0, "孙大爷", "");
	assert_int_equal(move(a, xingfuli, DEPOSIT, x, 180, NULL), 0);
	struct tb_move *ms;
	size_t n;
	assert_int_equal(tb_moves(a, &ar, xingfuli, x, 0, 10, &ms, &n), 0);
	int64_t dep = ms[0].id, rev, rev2;
	assert_int_equal(transfer(a, xingfuli, x, y, 100, NULL), 0);
	/* the deposit cannot be reversed while 100 of it went on */
	assert_int_equal(reverse(xingfuli, dep, &rev), TB_FUNDS);
	assert_int_equal(tb_moves(a, &ar, xingfuli, x, 0, 10, &ms, &n), 0);
	int64_t out = ms[0].id;
	assert_int_equal(ms[0].kind, TK_TRANSFER_OUT);
	assert_int_equal(ms[0].party_account_id, y);
	/* reversing the transfer (by its half in y) gives both back */
	assert_int_equal(reverse(xingfuli, ms[0].pair_id, &rev), 0);
	assert_int_equal(balance(xingfuli, x), 180);
	assert_int_equal(balance(xingfuli, y), 0);
	assert_int_equal(reverse(xingfuli, out, &rev2), TB_REVERSED);
	assert_int_equal(reverse(xingfuli, rev, &rev2), TB_REVERSED);
	assert_int_equal(reverse(xingfuli, dep, &rev), 0);
	assert_int_equal(balance(xingfuli, x), 0);
	assert_int_equal(reverse(xingfuli, dep, &rev2), TB_REVERSED);
	struct tb_move m;
	assert_int_equal(tb_move_get(a, &ar, xingfuli, dep, &m), 0);
	assert_int_equal(m.reversed_by, rev);
	assert_int_equal(tb_move_get(a, &ar, xingfuli, rev, &m), 0);
	assert_int_equal(m.kind, TK_REVERSAL);
	assert_int_equal(m.minutes, -180);
	assert_int_equal(m.reverses_id, dep);
	account_is_consistent(xingfuli, x);
	account_is_consistent(xingfuli, y);
}

/* A resident's report waits for staff: confirmed, it deposits (the cap
 * checked then); refused, nothing moves; decided once. */
static void reports_wait_for_staff(void **state)
{
	(void)state;
	int64_t x = open_account(heping, 0, "周玉梅", "");
	struct tb_report r = {.account_id = x, .service = "陪聊", .minutes = 90, .party_masked = "吴*"};
	strcpy(r.served_on, "2026-03-03");
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(tb_report_add(a, heping, &r, now), 0);
	struct tb_report r2 = r, r3 = r;
	r3.minutes = 100 * 60;
	assert_int_equal(tb_report_add(a, heping, &r2, now), 0);
	assert_int_equal(db_commit(a), 0);
	int64_t pending, mv, room;
	assert_int_equal(tb_reports_pending(a, heping, &pending), 0);
	assert_int_equal(pending, 2);
	assert_int_equal(balance(heping, x), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(tb_report_confirm(a, heping, r.id, wangjg, now, &mv, &room), 0);
	assert_int_equal(tb_report_confirm(a, heping, r.id, wangjg, now, &mv, &room), TB_STATE);
	assert_int_equal(tb_report_refuse(a, heping, r2.id, "服务对象不在本社区", wangjg, now), 0);
	assert_int_equal(tb_report_refuse(a, heping, r2.id, "再次", wangjg, now), TB_STATE);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(balance(heping, x), 90);
	struct tb_move m;
	assert_int_equal(tb_move_get(a, &ar, heping, mv, &m), 0);
	assert_string_equal(m.source, "self");
	assert_int_equal(m.source_id, r.id);
	/* the cap is checked at confirmation */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(tb_cap_set(a, heping, 120, wangjg, now), 0);
	struct tb_report r4 = r;
	r4.minutes = 60;
	assert_int_equal(tb_report_add(a, heping, &r4, now), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(tb_report_confirm(a, heping, r4.id, wangjg, now, &mv, &room), TB_CAP);
	assert_int_equal(room, 30);
	db_rollback(a);
	struct tb_report got;
	assert_int_equal(tb_report_get(a, &ar, heping, r4.id, &got), 0);
	assert_int_equal(got.state, TR_PENDING);
	assert_int_equal(tb_report_get(a, &ar, heping, r2.id, &got), 0);
	assert_int_equal(got.state, TR_REFUSED);
	assert_string_equal(got.reason, "服务对象不在本社区");
	(void)r3;
}

/* ---- many connections at once ---- */

#define NACC 4
#define NTHREADS 6
#define ROUNDS 40

static int64_t race_acc[NACC];
static int64_t race_community;

struct racer {
	struct db *db;
	unsigned seed;
	int ok, refused, failed;
	char err[200];
};

static void *race(void *arg)
{
	struct racer *t = arg;
	for (int i = 0; i < ROUNDS; i++) {
		int k = rand_r(&t->seed) % 10;
		int64_t x = race_acc[rand_r(&t->seed) % NACC], y = race_acc[rand_r(&t->seed) % NACC];
		int64_t minutes = 1 + rand_r(&t->seed) % 240;
		int rc;
		if (k < 6)
			rc = transfer(t->db, race_community, x, y, minutes, NULL);
		else if (k < 9)
			rc = move(t->db, race_community, WITHDRAW, x, minutes, NULL);
		else
			rc = move(t->db, race_community, DEPOSIT, x, minutes, NULL);
		if (rc == 0)
			t->ok++;
		else if (rc > 0)
			t->refused++;
		else {
			t->failed++;
			snprintf(t->err, sizeof t->err, "%s", db_errmsg(t->db));
		}
	}
	return NULL;
}

static int is_pg(void)
{
	return !strcmp(db_backend(a), "postgresql");
}

/* Transfers back and forth between a few accounts and withdrawals at the
 * same time, each thread on its own connection. */
static void concurrent_transfers_are_atomic(void **state)
{
	(void)state;
	race_community = xingfuli;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(tb_cap_set(a, xingfuli, 500 * 60, wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	for (int i = 0; i < NACC; i++) {
		race_acc[i] = open_account(xingfuli, 0, "并发测试", "");
		for (int j = 0; j < 10; j++)
			assert_int_equal(move(a, xingfuli, DEPOSIT, race_acc[i], 12 * 60, NULL), 0);
	}
	struct racer t[NTHREADS];
	pthread_t th[NTHREADS];
	for (int i = 0; i < NTHREADS; i++) {
		memset(&t[i], 0, sizeof t[i]);
		t[i].seed = 1234u + (unsigned)i;
		assert_int_equal(fixture_open(&fx, &t[i].db), 0);
	}
	for (int i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, race, &t[i]), 0);
	int ok = 0, failed = 0, refused = 0;
	for (int i = 0; i < NTHREADS; i++) {
		pthread_join(th[i], NULL);
		ok += t[i].ok;
		failed += t[i].failed;
		refused += t[i].refused;
		if (t[i].failed)
			fprintf(stderr, "thread %d: %d failed: %s\n", i, t[i].failed, t[i].err);
		db_close(t[i].db);
	}
	fprintf(stderr, "%d moves, %d refused, %d failed\n", ok, refused, failed);
	/* PostgreSQL: no deadlock and no error at all; SQLite may answer busy
	 * to a writer that waited too long */
	if (is_pg())
		assert_int_equal(failed, 0);
	else
		assert_true(failed < NTHREADS * ROUNDS / 10);
	assert_true(ok > NTHREADS * ROUNDS / 3);
	int64_t total = 0;
	for (int i = 0; i < NACC; i++) {
		account_is_consistent(xingfuli, race_acc[i]);
		total += balance(xingfuli, race_acc[i]);
	}
	/* the total over accounts equals deposits − withdrawals (transfers move, never make) */
	int64_t dep = 0, wd = 0, tr = 0;
	for (int i = 0; i < NACC; i++) {
		struct tb_move *ms;
		size_t n;
		assert_int_equal(tb_moves(a, &ar, xingfuli, race_acc[i], 0, 100000, &ms, &n), 0);
		for (size_t k = 0; k < n; k++)
			if (ms[k].kind == TK_DEPOSIT)
				dep += ms[k].minutes;
			else if (ms[k].kind == TK_WITHDRAW)
				wd -= ms[k].minutes;
			else
				tr += ms[k].minutes;
	}
	assert_int_equal(tr, 0);
	assert_int_equal(total, dep - wd);
}

/* Deposits into one account from many connections stop at the cap. */
static void the_cap_holds_under_concurrent_deposits(void **state)
{
	(void)state;
	int64_t x = open_account(heping, 0, "钱志强", "");
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(tb_cap_set(a, heping, 20 * 60, wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	race_community = heping;
	for (int i = 0; i < NACC; i++)
		race_acc[i] = x;
	struct racer t[NTHREADS];
	pthread_t th[NTHREADS];
	for (int i = 0; i < NTHREADS; i++) {
		memset(&t[i], 0, sizeof t[i]);
		assert_int_equal(fixture_open(&fx, &t[i].db), 0);
	}
	struct depositor {
		struct racer *t;
	};
	void *deposit_many(void *arg);
	for (int i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, deposit_many, &t[i]), 0);
	int ok = 0, failed = 0;
	for (int i = 0; i < NTHREADS; i++) {
		pthread_join(th[i], NULL);
		ok += t[i].ok;
		failed += t[i].failed;
		db_close(t[i].db);
	}
	if (is_pg())
		assert_int_equal(failed, 0);
	assert_int_equal(ok, 20); /* 20 of an hour each fit, no more */
	assert_int_equal(balance(heping, x), 20 * 60);
	account_is_consistent(heping, x);
}

void *deposit_many(void *arg)
{
	struct racer *t = arg;
	for (int i = 0; i < 8; i++) {
		int rc = move(t->db, race_community, DEPOSIT, race_acc[0], 60, NULL);
		if (rc == 0)
			t->ok++;
		else if (rc < 0)
			t->failed++;
	}
	return NULL;
}

/* The hours parser: what people type, and what it refuses. */
static void hours_are_read_as_typed(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int64_t minutes;
	} ok[] = {{"2", 120},     {"1.5", 90},  {"1小时30分", 90}, {"90分钟", 90},  {"１．５", 90},
	          {"2小时", 120}, {"1.5h", 90}, {"半小时", 30},    {"1小时半", 90}, {" 1 小时 20 分钟 ", 80},
	          {"0.25", 15},   {"45分", 45}, {"24", 1440},      {"1时30分", 90}, {"2个小时", 120}};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		int64_t m = -1;
		const char *e = tb_parse_hours(ok[i].in, &m);
		if (e || m != ok[i].minutes)
			fail_msg("%s: %s %lld", ok[i].in, e ? e : "", (long long)m);
	}
	static const char *const bad[] = {"",        "0",         "-1",    "24.5",       "1.333",
	                                  "abc",     "1小时60分", "1.5分", "1e3",        "99999999",
	                                  "1小时30", "2..5",      ".",     "1小时半30分"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int64_t m = -1;
		if (!tb_parse_hours(bad[i], &m))
			fail_msg("taken: %s as %lld", bad[i], (long long)m);
	}
	assert_string_equal(tb_minutes_text(&ar, 200), "3小时20分钟");
	assert_string_equal(tb_minutes_text(&ar, 120), "2小时");
	assert_string_equal(tb_minutes_text(&ar, 45), "45分钟");
	assert_string_equal(tb_hours_text(&ar, 200), "3.3");
	assert_string_equal(tb_hours_text(&ar, 30000), "500.0");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SHEQU_BINARY\n", argv[0]);
		return 2;
	}
	shequ = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(hours_are_read_as_typed),
	    cmocka_unit_test(accounts_are_sealed_masked_and_one_per_login),
	    cmocka_unit_test(moves_keep_the_rules),
	    cmocka_unit_test(reversals_negate_once),
	    cmocka_unit_test(reports_wait_for_staff),
	    cmocka_unit_test(concurrent_transfers_are_atomic),
	    cmocka_unit_test(the_cap_holds_under_concurrent_deposits),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
