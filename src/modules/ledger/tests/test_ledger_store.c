/* The ledger's check and store on SQLite and (under tests/pg/with-postgres.sh)
 * PostgreSQL, on a database made by `shequ init` and `shequ demo`, its
 * ledger emptied: the check of typed entries, approval by a second person,
 * voucher numbers unique per year, months closed in order and then
 * unchangeable, reversing entries, balances carried forward, races
 * between two real connections, and voucher scans (sealed at rest, their
 * limits, kept once the entry is approved, none into a closed month).
 * usage: test_ledger_store SHEQU_BINARY */
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

#include "core/date.h"
#include "db/db.h"
#include "core/token.h"
#include "modules/ledger/ledger_internal.h"
#include "pii/pii.h"

#include "fixture.h"

static const char *shequ;
static struct fixture fx;
static struct db *a, *b; /* two connections to one database */
static struct arena ar;
static int64_t xingfuli, heping, cuizhu, wangjg, zhoulx;
static int64_t now;


static int setup(void **state)
{
	(void)state;
	/* the key voucher scans are sealed with: the database's */
	if (fixture_make(&fx, shequ) < 0 || fixture_key_install(&fx) < 0 || fixture_open(&fx, &a) < 0 ||
	    fixture_open(&fx, &b) < 0)
		return -1;
	arena_init(&ar, 64u << 20);
	/* These tests count what they add: start with empty books (the demo
	 * fills them for the pages), the categories kept. */
	if (db_begin(a) < 0 ||
	    db_exec_script(a, "DELETE FROM ledger_publication; DELETE FROM ledger_dues; DELETE FROM ledger_file;"
	                      " DELETE FROM ledger_total; DELETE FROM ledger_entry WHERE reverses_id IS NOT NULL;"
	                      " DELETE FROM ledger_entry; DELETE FROM ledger_period; DELETE FROM ledger_book;") < 0 ||
	    db_commit(a) < 0)
		return -1;
	xingfuli = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "xingfuli");
	heping = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "heping");
	cuizhu = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "cuizhu");
	wangjg = fixture_id(a, "SELECT id FROM users WHERE username = ?", "wangjg");
	zhoulx = fixture_id(a, "SELECT id FROM users WHERE username = ?", "zhoulx");
	now = (int64_t)time(NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(a);
	db_close(b);
	arena_free(&ar);
	return fixture_remove(&fx);
}

static struct ledger_category *cats;
static size_t ncats;

/* The community's categories (active), in cats. */
static void load_categories(int64_t community)
{
	assert_int_equal(ledger_categories(a, &ar, community, 0, &cats, &ncats), 0);
}

/* Checks an input: the number of problems, the first one's field and message. */
static int check(const struct ledger_input *in, struct ledger_entry *e, const char **field, const char **msg)
{
	struct ledger_problem p[LEDGER_MAX_PROBLEMS];
	int n = ledger_check(&ar, in, cats, ncats, now, e, p);
	if (field)
		*field = n > 0 ? p[0].field : NULL;
	if (msg)
		*msg = n > 0 ? p[0].message : NULL;
	return n;
}

/* A date n days before today, as YYYY-MM-DD in the arena. */
static const char *days_ago(int n)
{
	struct ymd d = date_add_days(date_from_time(now), -n);
	char *s = arena_alloc(&ar, 11);
	date_format(d, s);
	return s;
}

static void seeded_categories_and_typed_entries_are_checked(void **state)
{
	(void)state;
	load_categories(xingfuli);
	assert_int_equal(ncats, 10);
	assert_int_equal(cats[0].kind, LEDGER_INCOME);
	assert_string_equal(cats[0].name, "上级拨款/工作经费");
	assert_int_equal(cats[9].kind, LEDGER_EXPENSE);
	struct ledger_entry e;
	const char *f, *m;
	struct ledger_input good = {"2026年3月5日", "支出", "活动经费", "¥1,234.56", "幸福里文体队", "记-2026-001",
	                            "三八节活动用品"};
	assert_int_equal(check(&good, &e, &f, &m), 0);
	assert_string_equal(e.date, "2026-03-05");
	assert_string_equal(e.period, "2026-03");
	assert_int_equal(e.voucher_year, 2026);
	assert_int_equal(e.kind, LEDGER_EXPENSE);
	assert_int_equal(e.amount_fen, 123456);
	/* the kind may be left out: the category's */
	struct ledger_input nokind = good;
	nokind.kind = "";
	nokind.category = "社会捐赠";
	assert_int_equal(check(&nokind, &e, &f, &m), 0);
	assert_int_equal(e.kind, LEDGER_INCOME);
	struct {
		struct ledger_input in;
		const char *field, *says;
	} bad[] = {
	    {{"2026-02-30", "支出", "活动经费", "10", "", "1", "x"}, "date", "2026年2月没有30日"},
	    {{"2026/13/1", "支出", "活动经费", "10", "", "1", "x"}, "date", "月份 13 不存在"},
	    {{"昨天", "支出", "活动经费", "10", "", "1", "x"}, "date", "看不懂"},
	    {{"2999-01-01", "支出", "活动经费", "10", "", "1", "x"}, "date", "晚于今天"},
	    {{"1999-12-31", "支出", "活动经费", "10", "", "1", "x"}, "date", "2000"},
	    {{"2026-01-05", "借", "活动经费", "10", "", "1", "x"}, "kind", "收入"},
	    {{"2026-01-05", "收入", "活动经费", "10", "", "1", "x"}, "category", "与收支不符"},
	    {{"2026-01-05", "支出", "吃饭", "10", "", "1", "x"}, "category", "没有“吃饭”"},
	    {{"2026-01-05", "支出", "活动经费", "0", "", "1", "x"}, "amount", "大于零"},
	    {{"2026-01-05", "支出", "活动经费", "-5", "", "1", "x"}, "amount", "大于零"},
	    {{"2026-01-05", "支出", "活动经费", "1.234", "", "1", "x"}, "amount", NULL},
	    {{"2026-01-05", "支出", "活动经费", "100000000.01", "", "1", "x"}, "amount", "一亿"},
	    {{"2026-01-05", "支出", "活动经费", "99999999999999999999", "", "1", "x"}, "amount", NULL},
	    {{"2026-01-05", "支出", "活动经费", "10", "", "", "x"}, "voucher_no", "凭证号"},
	    {{"2026-01-05", "支出", "活动经费", "10", "", "123456789012345678901234567890123", "x"}, "voucher_no", "太长"},
	    {{"2026-01-05", "支出", "活动经费", "10", "", "1", ""}, "purpose", "摘要"},
	    {{"2026-01-05", "支出", "活动经费", "10", "甲\n乙", "1", "x"}, "counterparty", "控制字符"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int n = check(&bad[i].in, &e, &f, &m);
		if (n < 1 || strcmp(f, bad[i].field) || (bad[i].says && !strstr(m, bad[i].says)))
			fail_msg("case %zu: %d problems, first %s: %s", i, n, n > 0 ? f : "-", n > 0 ? m : "-");
	}
}

/* Enters a checked entry of amount fen on date (kind by category name) as by. */
static int64_t enter(int64_t community, const char *date, const char *category, const char *amount,
                     const char *voucher, int64_t by)
{
	struct ledger_input in = {date, "", category, amount, "某单位", voucher, "测试"};
	struct ledger_entry e;
	assert_int_equal(check(&in, &e, NULL, NULL), 0);
	int64_t id = 0;
	assert_int_equal(db_begin(a), 0);
	int rc = ledger_entry_add(a, community, &e, "desk", by, now, &id);
	if (rc) {
		db_rollback(a);
		return -rc;
	}
	assert_int_equal(db_commit(a), 0);
	return id;
}

/* Runs one step in its own transaction on a: its answer, committed when 0. */
static int step_approve(int64_t community, int64_t id, int64_t by)
{
	assert_int_equal(db_begin(a), 0);
	int rc = ledger_entry_approve(a, community, id, by, now);
	if (rc)
		db_rollback(a);
	else
		assert_int_equal(db_commit(a), 0);
	return rc;
}

static int step_close(int64_t community, const char *period, int64_t by)
{
	assert_int_equal(db_begin(a), 0);
	int rc = ledger_period_close(a, community, period, by, now);
	if (rc)
		db_rollback(a);
	else
		assert_int_equal(db_commit(a), 0);
	return rc;
}

static int64_t balance(int64_t community)
{
	int64_t fen = -1;
	assert_int_equal(ledger_balance(a, community, &fen), 0);
	return fen;
}

static void approval_takes_a_second_person_and_vouchers_are_unique(void **state)
{
	(void)state;
	load_categories(xingfuli);
	int64_t in1 = enter(xingfuli, "2025-01-10", "上级拨款/工作经费", "50000", "2025-001", wangjg);
	assert_true(in1 > 0);
	assert_int_equal(balance(xingfuli), 0); /* not approved: not counted */
	assert_int_equal(step_approve(xingfuli, in1, wangjg), LEDGER_SELF);
	assert_int_equal(step_approve(xingfuli, in1, zhoulx), 0);
	assert_int_equal(step_approve(xingfuli, in1, zhoulx), LEDGER_STATE);
	assert_int_equal(balance(xingfuli), 5000000);
	/* the same voucher number in the same year is refused, in another year taken */
	assert_int_equal(enter(xingfuli, "2025-02-01", "办公经费", "10", "2025-001", wangjg), -LEDGER_DUP_VOUCHER);
	/* letters in any case are one voucher */
	assert_true(enter(xingfuli, "2026-01-03", "办公经费", "10", "ji-7", wangjg) > 0);
	assert_int_equal(enter(xingfuli, "2026-01-03", "办公经费", "10", "JI-7", wangjg), -LEDGER_DUP_VOUCHER);
	assert_true(enter(xingfuli, "2026-01-02", "办公经费", "10", "2025-001", wangjg) > 0);
	/* and in another community */
	load_categories(cuizhu);
	assert_true(enter(cuizhu, "2025-01-10", "办公经费", "10", "2025-001", wangjg) > 0);
	load_categories(xingfuli);
	struct ledger_entry e;
	assert_int_equal(ledger_entry_get(a, &ar, xingfuli, in1, &e), 0);
	assert_int_equal(e.approved_by, zhoulx);
	assert_string_equal(e.approved_name, "周立新");
	assert_string_equal(e.category, "上级拨款/工作经费");
}

static void months_close_in_order_and_then_stay_as_they_are(void **state)
{
	(void)state;
	load_categories(xingfuli);
	int64_t out1 = enter(xingfuli, "2025-01-20", "活动经费", "1200.50", "2025-002", wangjg);
	int64_t feb = enter(xingfuli, "2025-02-03", "办公经费", "300", "2025-003", wangjg);
	assert_int_equal(step_close(xingfuli, "2025-01", zhoulx), LEDGER_PENDING);
	assert_int_equal(step_approve(xingfuli, out1, zhoulx), 0);
	assert_int_equal(step_close(xingfuli, "2025-02", zhoulx), LEDGER_ORDER); /* January first */
	assert_int_equal(step_close(xingfuli, "2025-01", zhoulx), 0);
	assert_int_equal(step_close(xingfuli, "2025-01", zhoulx), LEDGER_CLOSED);
	/* nothing enters, changes or leaves a closed month, nor one before it */
	assert_int_equal(enter(xingfuli, "2025-01-31", "办公经费", "1", "2025-004", wangjg), -LEDGER_CLOSED);
	assert_int_equal(enter(xingfuli, "2024-12-31", "办公经费", "1", "2024-001", wangjg), -LEDGER_CLOSED);
	struct ledger_entry e;
	struct ledger_input in = {"2025-01-31", "", "办公经费", "300", "", "2025-003", "挪到一月"};
	assert_int_equal(check(&in, &e, NULL, NULL), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_entry_update(a, xingfuli, feb, &e, wangjg, now), LEDGER_CLOSED);
	db_rollback(a);
	/* January's figures are frozen: 50,000.00 in, 1,200.50 out */
	struct ledger_period y[12];
	assert_int_equal(ledger_year(a, &ar, xingfuli, 2025, y), 0);
	assert_true(y[0].closed);
	assert_int_equal(y[0].opening_fen, 0);
	assert_int_equal(y[0].income_fen, 5000000);
	assert_int_equal(y[0].expense_fen, 120050);
	assert_int_equal(y[0].closing_fen, 4879950);
	/* February is open: its opening carried forward, its pending entry shown, not counted */
	assert_false(y[1].closed);
	assert_int_equal(y[1].opening_fen, 4879950);
	assert_int_equal(y[1].pending, 1);
	assert_int_equal(y[1].expense_fen, 0);
	assert_int_equal(step_approve(xingfuli, feb, zhoulx), 0);
	assert_int_equal(ledger_year(a, &ar, xingfuli, 2025, y), 0);
	assert_int_equal(y[1].closing_fen, 4879950 - 30000);
	assert_int_equal(y[11].closing_fen, 4879950 - 30000); /* carried to December */
	/* a quiet month closes too; the next year opens with December's closing */
	assert_int_equal(step_close(xingfuli, "2025-02", zhoulx), 0);
	for (int m = 3; m <= 12; m++) {
		char p[8];
		snprintf(p, sizeof p, "2025-%02d", m);
		assert_int_equal(step_close(xingfuli, p, zhoulx), 0);
	}
	assert_int_equal(ledger_year(a, &ar, xingfuli, 2026, y), 0);
	assert_int_equal(y[0].opening_fen, 4879950 - 30000);
}

static void mistakes_are_reversed_never_edited(void **state)
{
	(void)state;
	load_categories(xingfuli);
	int64_t before = balance(xingfuli);
	const char *d = days_ago(0);
	int64_t wrong = enter(xingfuli, d, "救助支出", "800", "R-001", wangjg);
	assert_int_equal(step_approve(xingfuli, wrong, zhoulx), 0);
	assert_int_equal(balance(xingfuli), before - 80000);
	/* approved: no update, no withdrawal */
	struct ledger_entry e;
	assert_int_equal(ledger_entry_get(a, &ar, xingfuli, wrong, &e), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_entry_update(a, xingfuli, wrong, &e, wangjg, now), LEDGER_STATE);
	assert_int_equal(ledger_entry_withdraw(a, xingfuli, wrong), LEDGER_STATE);
	int64_t rev = 0, again = 0;
	assert_int_equal(ledger_entry_reverse(a, xingfuli, wrong, d, "R-002", "金额记错", wangjg, now, &rev), 0);
	assert_int_equal(ledger_entry_reverse(a, xingfuli, wrong, d, "R-003", "再来一次", wangjg, now, &again),
	                 LEDGER_STATE); /* one reversal at a time */
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(ledger_entry_get(a, &ar, xingfuli, rev, &e), 0);
	assert_int_equal(e.amount_fen, -80000);
	assert_int_equal(e.kind, LEDGER_EXPENSE);
	assert_int_equal(e.reverses_id, wrong);
	assert_non_null(strstr(e.purpose, "冲销 R-001"));
	assert_int_equal(balance(xingfuli), before - 80000); /* awaiting approval */
	assert_int_equal(step_approve(xingfuli, rev, zhoulx), 0);
	assert_int_equal(balance(xingfuli), before);
	assert_int_equal(ledger_entry_get(a, &ar, xingfuli, wrong, &e), 0);
	assert_int_equal(e.reversed_by_id, rev);
	/* a reversal is not reversed, an entry not twice */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_entry_reverse(a, xingfuli, rev, d, "R-004", "x", wangjg, now, &again), LEDGER_STATE);
	assert_int_equal(ledger_entry_reverse(a, xingfuli, wrong, d, "R-004", "x", wangjg, now, &again), LEDGER_STATE);
	db_rollback(a);
	/* whoever changes a pending entry becomes its enterer: the other approves it */
	int64_t other = enter(xingfuli, d, "办公经费", "5", "R-006", wangjg);
	struct ledger_input more = {d, "", "办公经费", "88888", "某人", "R-006", "改过的"};
	assert_int_equal(check(&more, &e, NULL, NULL), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_entry_update(a, xingfuli, other, &e, zhoulx, now), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(step_approve(xingfuli, other, zhoulx), LEDGER_SELF);
	assert_int_equal(step_approve(xingfuli, other, wangjg), 0);
	assert_int_equal(balance(xingfuli), before - 8888800);
	before -= 8888800;
	/* a pending entry is withdrawn without trace in the figures */
	int64_t typo = enter(xingfuli, d, "办公经费", "5", "R-005", wangjg);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_entry_withdraw(a, xingfuli, typo), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(ledger_entry_get(a, &ar, xingfuli, typo, &e), LEDGER_NOT_FOUND);
	assert_int_equal(balance(xingfuli), before);
}

struct race {
	int64_t community, id;
	const char *period;
	int rc;
};

static void *approve_on_b(void *arg)
{
	struct race *r = arg;
	if (db_begin(b) < 0) {
		r->rc = -1;
		return NULL;
	}
	r->rc = ledger_entry_approve(b, r->community, r->id, zhoulx, now);
	if (r->rc == 0 && db_commit(b) < 0)
		r->rc = -1;
	else if (r->rc)
		db_rollback(b);
	return NULL;
}

/* While a closes a month (not yet committed), b approves an entry into it:
 * b waits for a's commit and is told the month is closed; the figures a
 * froze stay right. And two approvals of one entry at once: one wins. */
static void a_month_closing_and_an_approval_at_once_do_not_mix(void **state)
{
	(void)state;
	load_categories(heping);
	int64_t late = enter(heping, "2025-05-06", "活动经费", "99", "H-100", wangjg);
	int64_t first = enter(heping, "2025-04-06", "活动经费", "10", "H-101", wangjg);
	assert_int_equal(step_approve(heping, first, zhoulx), 0);
	/* close the earlier months, then April while May's entry waits */
	char p[8];
	assert_int_equal(db_begin(a), 0);
	for (int m = 1; m <= 3; m++) {
		snprintf(p, sizeof p, "2025-%02d", m);
		assert_int_equal(ledger_period_close(a, heping, p, zhoulx, now), 0);
	}
	assert_int_equal(ledger_period_close(a, heping, "2025-04", zhoulx, now), 0);
	assert_int_equal(ledger_period_close(a, heping, "2025-05", zhoulx, now), LEDGER_PENDING);
	struct race r = {heping, late, "2025-05", -9};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, approve_on_b, &r), 0);
	usleep(200 * 1000);
	assert_int_equal(r.rc, -9); /* still waiting for a */
	assert_int_equal(db_commit(a), 0);
	pthread_join(t, NULL);
	assert_int_equal(r.rc, 0); /* May is open: approved after a's commit */
	/* now the same entry approved twice at once */
	int64_t twice = enter(heping, "2025-05-07", "办公经费", "1", "H-102", wangjg);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_entry_approve(a, heping, twice, zhoulx, now), 0);
	struct race r2 = {heping, twice, "2025-05", -9};
	assert_int_equal(pthread_create(&t, NULL, approve_on_b, &r2), 0);
	usleep(200 * 1000);
	assert_int_equal(db_commit(a), 0);
	pthread_join(t, NULL);
	assert_int_equal(r2.rc, LEDGER_STATE);
	struct ledger_period y[12];
	assert_int_equal(ledger_year(a, &ar, heping, 2025, y), 0);
	assert_int_equal(y[3].closing_fen, -1000);
	assert_int_equal(y[4].expense_fen, 9900 + 100); /* counted once */
}

/* Adds a scan to an entry as wangjg in its own transaction: the store's answer. */
static int add_scan(int64_t community, int64_t entry, const char *name, const void *data, size_t len,
                    int64_t *fid)
{
	assert_int_equal(db_begin(a), 0);
	int rc = ledger_file_add(a, &ar, community, entry, name, data, len, wangjg, now, fid);
	if (rc)
		db_rollback(a);
	else
		assert_int_equal(db_commit(a), 0);
	return rc;
}

static int remove_scan(int64_t community, int64_t entry, int64_t fid)
{
	const char *name;
	assert_int_equal(db_begin(a), 0);
	int rc = ledger_file_remove(a, &ar, community, entry, fid, &name);
	if (rc)
		db_rollback(a);
	else
		assert_int_equal(db_commit(a), 0);
	return rc;
}

static struct db_query q_raw = DB_QUERY("SELECT data FROM ledger_file WHERE community_id = ? AND id = ?");

static void voucher_scans_are_sealed_limited_and_kept(void **state)
{
	(void)state;
	load_categories(cuizhu);
	int64_t e1 = enter(cuizhu, "2024-03-05", "办公经费", "100", "F-001", wangjg);
	assert_true(e1 > 0);
	static const char png[] = "\x89PNG\r\n\x1a\n-PLAIN-SCAN-BYTES-of-a-receipt";
	static const char pdf[] = "%PDF-1.4 PLAIN-SCAN-BYTES-of-an-invoice";
	int64_t f1, f2, f, fmax;
	assert_int_equal(add_scan(cuizhu, e1, "收据.png", png, sizeof png - 1, &f1), 0);
	assert_int_equal(add_scan(cuizhu, e1, "发票.pdf", pdf, sizeof pdf - 1, &f2), 0);
	/* listed without bytes, oldest first, with who added them */
	struct ledger_file_list fl;
	assert_int_equal(ledger_files(a, &ar, cuizhu, e1, &fl), 0);
	assert_int_equal(fl.n, 2);
	assert_int_equal(fl.v[0].id, f1);
	assert_string_equal(fl.v[0].name, "收据.png");
	assert_string_equal(fl.v[0].mime, "image/png");
	assert_string_equal(fl.v[1].mime, "application/pdf");
	assert_int_equal(fl.v[0].bytes, sizeof png - 1);
	assert_int_equal(fl.v[0].added_by, wangjg);
	assert_true(fl.v[0].added_name && *fl.v[0].added_name);
	assert_null(fl.v[0].data);
	char sha[65];
	token_sha256_hex(png, sizeof png - 1, sha);
	assert_string_equal(fl.v[0].sha256, sha);
	/* sealed at rest: the column holds no plain byte run of the scan */
	struct db_stmt *st = db_stmt(a, &q_raw);
	db_bind_int(st, 1, cuizhu);
	db_bind_int(st, 2, f1);
	assert_int_equal(db_step(st), DB_ROW);
	size_t n;
	const unsigned char *raw = db_col_blob(st, 0, &n);
	assert_int_equal(n, sizeof png - 1 + PII_SEAL_OVERHEAD);
	assert_null(memmem(raw, n, "PLAIN-SCAN-BYTES", 16));
	assert_null(memmem(raw, n, "PNG", 3));
	db_reset(st);
	/* opened: the same bytes */
	struct ledger_file one;
	assert_int_equal(ledger_file_get(a, &ar, cuizhu, e1, f1, &one), 0);
	assert_int_equal(one.bytes, sizeof png - 1);
	assert_memory_equal(one.data, png, sizeof png - 1);
	/* another community's books have no such scan; nor an entry that is not */
	assert_int_equal(ledger_file_get(a, &ar, heping, e1, f1, &one), LEDGER_NOT_FOUND);
	assert_int_equal(ledger_file_get(a, &ar, cuizhu, e1 + 1000, f1, &one), LEDGER_NOT_FOUND);
	assert_int_equal(add_scan(cuizhu, e1 + 1000, "x.png", png, sizeof png - 1, &f), LEDGER_NOT_FOUND);
	/* limits: type by the bytes, size, name, count */
	assert_int_equal(add_scan(cuizhu, e1, "a.png", "hello", 5, &f), LEDGER_FILE_TYPE);
	assert_int_equal(add_scan(cuizhu, e1, "a.png", png, 0, &f), LEDGER_FILE_SIZE);
	size_t big = LEDGER_FILE_MAX_BYTES + 1;
	char *huge = calloc(1, big);
	memcpy(huge, png, sizeof png - 1);
	assert_int_equal(add_scan(cuizhu, e1, "big.png", huge, big, &f), LEDGER_FILE_SIZE);
	assert_int_equal(add_scan(cuizhu, e1, "max.png", huge, big - 1, &fmax), 0); /* 10 MB exactly */
	free(huge);
	char name[400] = "";
	for (int i = 0; i < 101; i++)
		strcat(name, "票");
	assert_int_equal(add_scan(cuizhu, e1, name, png, sizeof png - 1, &f), LEDGER_FILE_NAME);
	name[3 * 100] = 0; /* 100 characters */
	assert_int_equal(add_scan(cuizhu, e1, name, png, sizeof png - 1, &f), 0);
	for (int i = 4; i < LEDGER_FILES_MAX; i++)
		assert_int_equal(add_scan(cuizhu, e1, "more.png", png, sizeof png - 1, &f), 0);
	assert_int_equal(add_scan(cuizhu, e1, "eleven.png", png, sizeof png - 1, &f), LEDGER_FILE_COUNT);
	/* removed while pending; an approved entry's scans stay; a closed month takes none */
	assert_int_equal(remove_scan(cuizhu, e1, f), 0);
	assert_int_equal(remove_scan(cuizhu, e1, f), LEDGER_NOT_FOUND);
	assert_int_equal(remove_scan(cuizhu, e1, fmax), 0);
	assert_int_not_equal(remove_scan(heping, e1, f2), 0); /* ids are per community: whatever heping has, not this */
	assert_int_equal(step_approve(cuizhu, e1, zhoulx), 0);
	assert_int_equal(remove_scan(cuizhu, e1, f2), LEDGER_STATE);
	assert_int_equal(add_scan(cuizhu, e1, "补.png", png, sizeof png - 1, &f), 0);
	assert_int_equal(step_close(cuizhu, "2024-03", zhoulx), 0);
	assert_int_equal(add_scan(cuizhu, e1, "late.png", png, sizeof png - 1, &f), LEDGER_CLOSED); /* 9 of 10 */
	assert_int_equal(ledger_files(a, &ar, cuizhu, e1, &fl), 0);
	assert_int_equal(fl.n, LEDGER_FILES_MAX - 1);
	/* a withdrawn entry takes its scans with it */
	int64_t e2 = enter(cuizhu, "2024-04-02", "办公经费", "5", "F-002", wangjg);
	assert_int_equal(add_scan(cuizhu, e2, "收据.png", png, sizeof png - 1, &f), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_entry_withdraw(a, cuizhu, e2), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(ledger_files(a, &ar, cuizhu, e2, &fl), 0);
	assert_int_equal(fl.n, 0);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SHEQU_BINARY\n", argv[0]);
		return 2;
	}
	shequ = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(seeded_categories_and_typed_entries_are_checked),
	    cmocka_unit_test(approval_takes_a_second_person_and_vouchers_are_unique),
	    cmocka_unit_test(months_close_in_order_and_then_stay_as_they_are),
	    cmocka_unit_test(mistakes_are_reversed_never_edited),
	    cmocka_unit_test(a_month_closing_and_an_approval_at_once_do_not_mix),
	    cmocka_unit_test(voucher_scans_are_sealed_limited_and_kept),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
