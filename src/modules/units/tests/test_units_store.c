/* The units store on SQLite and (under tests/pg/with-postgres.sh)
 * PostgreSQL, on a database made by `shequ init` and `shequ demo`, the
 * module's tables emptied: units with a sealed, masked contact mobile;
 * agreements whose parties and commitments change only while draft;
 * fulfilments only while in force, reversed never edited, their totals
 * kept with the commitment; and concurrent fulfilments of one commitment
 * on real connections keeping that total equal to the sum of the rows.
 * usage: test_units_store SHEQU_BINARY */
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
#include "modules/disclosure/disclosure.h"
#include "modules/units/units_internal.h"
#include "modules/units/units_web.h"
#include "pii/pii.h"

#include "fixture.h"

static const char *shequ;
static struct fixture fx;
static struct db *a, *b; /* two connections to one database */
static struct arena ar;
static int64_t xingfuli, heping, wangjg;
static int64_t now;

static int setup(void **state)
{
	(void)state;
	if (fixture_make(&fx, shequ) < 0 || fixture_key_install(&fx) < 0 || fixture_open(&fx, &a) < 0 ||
	    fixture_open(&fx, &b) < 0)
		return -1;
	arena_init(&ar, 64u << 20);
	if (fixture_script(a, "DELETE FROM units_year; DELETE FROM units_fulfilment; DELETE FROM units_commitment;"
			      " DELETE FROM units_agreement_unit; DELETE FROM units_agreement; DELETE FROM units_unit;") < 0)
		return -1;
	xingfuli = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "xingfuli");
	heping = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "heping");
	wangjg = fixture_id(a, "SELECT id FROM users WHERE username = ?", "wangjg");
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

static int64_t add_unit(int64_t community, const char *name, int kind, const char *mobile)
{
	struct units_unit u = {.name = name,
			       .kind = kind,
			       .address = "东湖路 8 号",
			       .party_org = "党支部",
			       .party_kind = UP_BRANCH,
			       .party_members = 12,
			       .contact_name = "刘建华",
			       .office_phone = "027-87654321",
			       .mobile = mobile,
			       .intro = "驻区单位",
			       .active = 1};
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(units_unit_add(a, &ar, community, &u, now), 0);
	assert_int_equal(db_commit(a), 0);
	return u.id;
}

/* A draft agreement of one unit with one commitment of kind ck (amount or quantity q). */
static int64_t add_agreement(int64_t community, int64_t unit, int ck, int64_t q, int64_t *commitment)
{
	int64_t ids[1] = {unit};
	struct units_agreement g = {.title = "共建协议", .summary = "共驻共建", .unit_ids = ids, .nunits = 1};
	strcpy(g.signed_on, "2026-01-05");
	strcpy(g.starts_on, "2026-01-01");
	strcpy(g.ends_on, "2026-12-31");
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(units_agreement_add(a, community, &g, wangjg, now), 0);
	struct units_commitment c = {.agreement_id = g.id, .unit_id = unit, .kind = ck, .promise = "承诺"};
	if (ck == UC_MONEY)
		c.amount_fen = q;
	else {
		c.quantity = q;
		c.quantity_unit = "人次";
	}
	strcpy(c.due_on, "2026-06-30");
	assert_int_equal(units_commitment_add(a, community, &c, now), 0);
	assert_int_equal(db_commit(a), 0);
	*commitment = c.id;
	return g.id;
}

static int fulfil(struct db *db, int64_t community, int64_t commitment, int64_t fen, int64_t qty)
{
	struct units_fulfilment f = {.commitment_id = commitment, .what = "捐赠", .amount_fen = fen, .quantity = qty};
	strcpy(f.done_on, "2026-03-01");
	if (db_begin(db) < 0)
		return -1;
	int rc = units_fulfilment_add(db, community, &f, wangjg, now);
	if (rc == 0 && db_commit(db) < 0)
		rc = -1;
	else if (rc)
		db_rollback(db);
	return rc;
}

static void kept_equals_rows(int64_t community, int64_t commitment)
{
	struct units_commitment c;
	int64_t fen, qty;
	assert_int_equal(units_commitment_get(a, &ar, community, commitment, &c), 0);
	assert_int_equal(units_fulfilment_sums(a, community, commitment, &fen, &qty), 0);
	assert_int_equal(c.done_fen, fen);
	assert_int_equal(c.done_quantity, qty);
	/* and the totals kept per year (the yearly report's) are the rows' own,
	 * year by year: the number of years whose kept totals differ is 0 */
	static struct db_query q = DB_QUERY(
	    "SELECT COUNT(*) FROM (SELECT CAST(substr(done_on, 1, 4) AS INTEGER) AS year,"
	    " SUM(CASE WHEN reverses_id IS NULL AND reversed_by IS NULL THEN 1 ELSE 0 END) AS events,"
	    " SUM(amount_fen) AS fen, SUM(quantity) AS quantity FROM units_fulfilment WHERE community_id = ?1"
	    " AND commitment_id = ?2 GROUP BY CAST(substr(done_on, 1, 4) AS INTEGER)) r"
	    " FULL OUTER JOIN (SELECT year, events, fen, quantity FROM units_year WHERE community_id = ?1"
	    " AND commitment_id = ?2) k ON k.year = r.year"
	    " WHERE k.year IS NULL AND r.events + r.fen + r.quantity <> 0 OR r.year IS NULL AND k.events + k.fen"
	    " + k.quantity <> 0 OR k.events <> r.events OR k.fen <> r.fen OR k.quantity <> r.quantity");
	struct db_stmt *st = db_stmt(a, &q);
	assert_non_null(st);
	db_bind_int(st, 1, community);
	db_bind_int(st, 2, commitment);
	int64_t differ = -1;
	assert_int_equal(db_one_int(st, &differ), 0);
	assert_int_equal(differ, 0);
}

/* The mobile is sealed at rest beside its mask; lists carry only the mask. */
static void a_units_mobile_is_sealed_and_masked(void **state)
{
	(void)state;
	int64_t id = add_unit(xingfuli, "幸福里小学", UK_SCHOOL, "13812345678");
	struct units_unit u;
	assert_int_equal(units_unit_get(a, &ar, xingfuli, id, 0, &u), 0);
	assert_null(u.mobile);
	assert_string_equal(u.mobile_masked, "138****5678");
	assert_int_equal(units_unit_get(a, &ar, xingfuli, id, 1, &u), 0);
	assert_string_equal(u.mobile, "13812345678");
	/* the stored bytes hold no digits of it */
	int64_t n = fixture_id(a, "SELECT COUNT(*) FROM units_unit WHERE contact_mobile_masked = ?", "138****5678");
	assert_int_equal(n, 1);
	struct db_stmt *st = db_prepare_adhoc(a, "SELECT contact_mobile_sealed FROM units_unit WHERE name = '幸福里小学'");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	size_t len;
	const unsigned char *blob = db_col_blob(st, 0, &len);
	assert_int_equal(len, 11 + PII_SEAL_OVERHEAD);
	assert_null(memmem(blob, len, "12345678", 8));
	db_finalize(st);
	/* a unit of the same name is refused; in another community it is fine */
	struct units_unit dup = {.name = "幸福里小学", .kind = UK_SCHOOL, .party_kind = UP_NONE, .active = 1};
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(units_unit_add(a, &ar, xingfuli, &dup, now), UNITS_DUP);
	db_rollback(a);
	add_unit(heping, "幸福里小学", UK_SCHOOL, "");
	/* another community's unit is not found here */
	assert_int_equal(units_unit_get(a, &ar, heping, id + 1000, 0, &u), UNITS_NOT_FOUND);
	/* editing without a mobile keeps the kept one */
	assert_int_equal(units_unit_get(a, &ar, xingfuli, id, 0, &u), 0);
	u.intro = "新的介绍";
	u.mobile = NULL;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(units_unit_update(a, &ar, xingfuli, &u, now), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(units_unit_get(a, &ar, xingfuli, id, 1, &u), 0);
	assert_string_equal(u.mobile, "13812345678");
	assert_string_equal(u.intro, "新的介绍");
}

/* Commitments change only while draft; fulfilments only while in force. */
static void agreements_move_draft_in_force_ended(void **state)
{
	(void)state;
	int64_t unit = add_unit(xingfuli, "工商银行东湖支行", UK_BANK, "");
	int64_t c;
	int64_t g = add_agreement(xingfuli, unit, UC_MONEY, 500000, &c);
	/* a draft takes no fulfilment */
	assert_int_equal(fulfil(a, xingfuli, c, 100, 0), UNITS_STATE);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(units_agreement_set_state(a, xingfuli, g, US_DRAFT, US_IN_FORCE, "", wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	/* in force: commitments are fixed */
	struct units_commitment more = {.agreement_id = g, .unit_id = unit, .kind = UC_ROOM, .promise = "会议室"};
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(units_commitment_add(a, xingfuli, &more, now), UNITS_STATE);
	assert_int_equal(units_commitment_remove(a, xingfuli, g, c), UNITS_STATE);
	db_rollback(a);
	/* over-fulfilment of money is allowed */
	assert_int_equal(fulfil(a, xingfuli, c, 300000, 0), 0);
	assert_int_equal(fulfil(a, xingfuli, c, 300000, 0), 0);
	kept_equals_rows(xingfuli, c);
	struct units_commitment cc;
	assert_int_equal(units_commitment_get(a, &ar, xingfuli, c, &cc), 0);
	assert_int_equal(cc.done_fen, 600000);
	/* another community cannot fulfil it */
	assert_int_equal(fulfil(a, heping, c, 1, 0), UNITS_NOT_FOUND);
	/* ended: no more fulfilments, and not put back in force */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(units_agreement_set_state(a, xingfuli, g, US_IN_FORCE, US_ENDED, "到期", wangjg, now), 0);
	assert_int_equal(units_agreement_set_state(a, xingfuli, g, US_DRAFT, US_IN_FORCE, "", wangjg, now), UNITS_STATE);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(fulfil(a, xingfuli, c, 100, 0), UNITS_STATE);
	struct units_agreement ag;
	assert_int_equal(units_agreement_get(a, &ar, xingfuli, g, &ag), 0);
	assert_int_equal(ag.state, US_ENDED);
	assert_int_equal(ag.nunits, 1);
	assert_string_equal(ag.unit_names[0], "工商银行东湖支行");
	/* the report counts the year's promise and what was done */
	struct units_report_line *l;
	size_t n;
	assert_int_equal(units_report(a, &ar, xingfuli, 2026, &l, &n), 0);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		if (l[i].unit_id == unit && l[i].kind == UC_MONEY) {
			found = 1;
			assert_int_equal(l[i].promised_fen, 500000);
			assert_int_equal(l[i].done_fen, 600000);
			assert_int_equal(l[i].events, 2);
		}
	assert_true(found);
}

/* A mistake is reversed by a new row, once; the totals follow. */
static void fulfilments_are_reversed_once_never_edited(void **state)
{
	(void)state;
	int64_t unit = add_unit(xingfuli, "区人民医院社区卫生服务中心", UK_HOSPITAL, "");
	int64_t c;
	int64_t g = add_agreement(xingfuli, unit, UC_SERVICE, 12, &c);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(units_agreement_set_state(a, xingfuli, g, US_DRAFT, US_IN_FORCE, "", wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(fulfil(a, xingfuli, c, 0, 3), 0);
	struct units_fulfilment *fs;
	size_t n;
	assert_int_equal(units_fulfilments(a, &ar, xingfuli, 0, c, 0, 10, &fs, &n), 0);
	assert_int_equal(n, 1);
	int64_t fid = fs[0].id, rev;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(units_fulfilment_reverse(a, xingfuli, fid, "2026-03-02", "录入错误", wangjg, now, &rev), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(units_fulfilment_reverse(a, xingfuli, fid, "2026-03-02", "再次", wangjg, now, &rev),
			 UNITS_REVERSED);
	assert_int_equal(units_fulfilment_reverse(a, xingfuli, rev, "2026-03-02", "冲销的冲销", wangjg, now, &rev),
			 UNITS_REVERSED);
	db_rollback(a);
	kept_equals_rows(xingfuli, c);
	struct units_commitment cc;
	assert_int_equal(units_commitment_get(a, &ar, xingfuli, c, &cc), 0);
	assert_int_equal(cc.done_quantity, 0);
	assert_int_equal(units_fulfilments(a, &ar, xingfuli, 0, c, 0, 10, &fs, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(fs[0].reverses_id, fid);
	assert_int_equal(fs[1].reversed_by, fs[0].id);
	assert_int_equal(fs[0].quantity, -3);
}

struct race {
	struct db *db;
	int64_t commitment;
	int rounds, failed;
};

static void *fulfil_many(void *arg)
{
	struct race *r = arg;
	for (int i = 0; i < r->rounds; i++)
		if (fulfil(r->db, xingfuli, r->commitment, 100 + i, 1) != 0)
			r->failed++;
	return NULL;
}

/* Two connections record fulfilments of one commitment at once; and while
 * one holds the commitment, the other waits for its commit. */
static void concurrent_fulfilments_keep_the_total(void **state)
{
	(void)state;
	int64_t unit = add_unit(xingfuli, "鑫盛物业", UK_PROPERTY, "");
	int64_t c;
	int64_t g = add_agreement(xingfuli, unit, UC_MONEY, 1000000, &c);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(units_agreement_set_state(a, xingfuli, g, US_DRAFT, US_IN_FORCE, "", wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	/* b waits for a */
	struct units_fulfilment f = {.commitment_id = c, .what = "先", .amount_fen = 7};
	strcpy(f.done_on, "2026-04-01");
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(units_fulfilment_add(a, xingfuli, &f, wangjg, now), 0);
	struct race r1 = {b, c, 1, 0};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, fulfil_many, &r1), 0);
	usleep(200 * 1000);
	assert_int_equal(db_commit(a), 0);
	pthread_join(t, NULL);
	assert_int_equal(r1.failed, 0);
	kept_equals_rows(xingfuli, c);
	/* then both at full speed */
	struct race ra = {a, c, 25, 0}, rb = {b, c, 25, 0};
	pthread_t ta, tb;
	assert_int_equal(pthread_create(&ta, NULL, fulfil_many, &ra), 0);
	assert_int_equal(pthread_create(&tb, NULL, fulfil_many, &rb), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	/* SQLite may answer busy to a writer that waited too long: count what went in */
	kept_equals_rows(xingfuli, c);
	struct units_fulfilment *fs;
	size_t rows;
	assert_int_equal(units_fulfilments(a, &ar, xingfuli, 0, c, 0, 1000, &fs, &rows), 0);
	assert_int_equal(rows, 2 + 50 - ra.failed - rb.failed);
	assert_true(ra.failed + rb.failed < 5);
}

/* The board's "cobuild" item: seeded in new communities, added once to a
 * community that lacks it, never twice. */
static void the_board_item_is_ensured_once(void **state)
{
	(void)state;
	const char *count = "SELECT COUNT(*) FROM disclosure_item WHERE code = 'cobuild' AND community_id = "
			    "(SELECT id FROM org_unit WHERE slug = ?)";
	assert_int_equal(fixture_id(a, count, "xingfuli"), 1);
	assert_int_equal(fixture_script(a, "DELETE FROM disclosure_item WHERE code = 'cobuild' AND community_id = "
					   "(SELECT id FROM org_unit WHERE slug = 'heping')"),
			 0);
	assert_int_equal(fixture_id(a, count, "heping"), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(disclosure_seed_item_ensure(a, heping, "cobuild", now), 0);
	assert_int_equal(disclosure_seed_item_ensure(a, heping, "cobuild", now), 0);
	assert_int_equal(disclosure_seed_item_ensure(a, xingfuli, "cobuild", now), 0);
	assert_int_equal(disclosure_seed_item_ensure(a, heping, "no-such-item", now), 1);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(fixture_id(a, count, "heping"), 1);
	assert_int_equal(fixture_id(a, count, "xingfuli"), 1);
}

/* A public field refuses a mobile or ID number also when a Chinese numeral
 * beside it (a name's 三, 五, 一) makes pii_text_find see a longer plain
 * number; dates, amounts and landlines stay. */
static void public_fields_refuse_a_mobile_beside_a_numeral(void **state)
{
	(void)state;
	static const char *const refused[] = {
	    "联系张三13912345678", "联系王五:13912345678", "热线一13912345678", "联系王五:139-1234-5678",
	    "李四１３９１２３４５６７８", "身份证号一11010519491231002X", "联系 13912345678", "12013912345678000",
	};
	static const char *const taken[] = {
	    "2026年3月1日 14:30-16:00 开放", "资助 12,345.67 元", "办公电话 027-86651208", "一二三四五六七八",
	    "第三期 2026-03-01 至 2026-12-31", "热线一 027-86651208", "",
	};
	static const int which[] = {0};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		const char *vals[1] = {refused[i]}, *errs[1] = {NULL};
		if (units_refuse_personal(&ar, vals, errs, which, 1) != 1)
			fail_msg("taken: %s", refused[i]);
		assert_non_null(errs[0]);
	}
	for (size_t i = 0; i < sizeof taken / sizeof *taken; i++) {
		const char *vals[1] = {taken[i]}, *errs[1] = {NULL};
		if (units_refuse_personal(&ar, vals, errs, which, 1) != 0)
			fail_msg("refused: %s", taken[i]);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SHEQU_BINARY\n", argv[0]);
		return 2;
	}
	shequ = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_units_mobile_is_sealed_and_masked),
	    cmocka_unit_test(agreements_move_draft_in_force_ended),
	    cmocka_unit_test(fulfilments_are_reversed_once_never_edited),
	    cmocka_unit_test(concurrent_fulfilments_keep_the_total),
	    cmocka_unit_test(the_board_item_is_ensured_once),
	    cmocka_unit_test(public_fields_refuse_a_mobile_beside_a_numeral),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
