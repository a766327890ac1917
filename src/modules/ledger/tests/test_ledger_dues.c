/* 党费收缴's store on SQLite and (under tests/pg/with-postgres.sh)
 * PostgreSQL, on a database made by `shequ init` and `shequ demo`, its
 * dues emptied: months opened for members in good standing (again for
 * those who joined later), payments refused in a month not opened, the
 * check of a typed payment, arrears, a year per member and per branch,
 * the aggregate of a month, a quarter and a year on a fixture with known
 * figures, and the hand-over to the board (aggregate only, once).
 * usage: test_ledger_dues SHEQU_BINARY */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "modules/ledger/ledger_dues.h"

#include "fixture.h"

static const char *shequ;
static struct fixture fx;
static struct db *a;
static struct arena ar;
static int64_t heping, wangjg, now;
/* Heping's residents made party members here: A (第一支部, ¥20 a month),
 * B (第二支部, ¥50), T (transferred out), C (第一支部, probationary, ¥10, joins in July). */
static int64_t pa, pb, pt, pc;
static const char *name_a, *name_b, *name_c;

static struct db_query q_people =
    DB_QUERY("SELECT id, name FROM people_person WHERE community_id = ? ORDER BY id LIMIT 4");
static struct db_query q_member = DB_QUERY(
    "INSERT INTO people_party_member (community_id, person_id, branch, status, dues_base_fen, updated_at)"
    " VALUES (?, ?, ?, ?, ?, 0)");
static struct db_query q_post_body =
    DB_QUERY("SELECT body FROM disclosure_post WHERE community_id = ? AND id = ?");
static struct db_query q_post_title =
    DB_QUERY("SELECT title FROM disclosure_post WHERE community_id = ? AND id = ?");
static struct db_query q_count = DB_QUERY("SELECT COUNT(*) FROM ledger_publication WHERE community_id = ?");
static struct db_query q_paid_on =
    DB_QUERY("SELECT COUNT(*) FROM ledger_dues WHERE community_id = ? AND person_id = ? AND month = ?"
             " AND paid_on IS NULL AND paid_fen = 0 AND receipt_no = ''");

static void member(int64_t person, const char *branch, const char *status, int64_t base)
{
	struct db_stmt *st = db_stmt(a, &q_member);
	db_bind_int(st, 1, heping);
	db_bind_int(st, 2, person);
	db_bind_text(st, 3, branch, -1);
	db_bind_text(st, 4, status, -1);
	db_bind_int(st, 5, base);
	assert_int_equal(db_run(st), DB_DONE);
}

static int setup(void **state)
{
	(void)state;
	if (fixture_make(&fx, shequ) < 0 || fixture_open(&fx, &a) < 0 ||
	    fixture_script(a, "DELETE FROM ledger_publication; DELETE FROM ledger_dues;") < 0)
		return -1;
	arena_init(&ar, 64u << 20);
	heping = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "heping");
	wangjg = fixture_id(a, "SELECT id FROM users WHERE username = ?", "wangjg");
	now = (int64_t)time(NULL);
	struct db_stmt *st = db_stmt(a, &q_people);
	db_bind_int(st, 1, heping);
	int64_t ids[4];
	const char *names[4];
	int n = 0;
	while (n < 4 && db_step(st) == DB_ROW) {
		ids[n] = db_col_int(st, 0);
		names[n] = arena_strdup(&ar, db_col_text(st, 1));
		n++;
	}
	db_reset(st);
	if (n < 4)
		return -1;
	pa = ids[0], pb = ids[1], pt = ids[2], pc = ids[3];
	name_a = names[0], name_b = names[1], name_c = names[3];
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(a);
	arena_free(&ar);
	return fixture_remove(&fx);
}

static int64_t open_month(const char *month)
{
	int64_t added = -1;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_dues_open_month(a, heping, month, &added), 0);
	assert_int_equal(db_commit(a), 0);
	return added;
}

static int pay(int64_t person, const char *month, int64_t fen)
{
	char on[11];
	snprintf(on, sizeof on, "%s-15", month);
	assert_int_equal(db_begin(a), 0);
	int rc = ledger_dues_pay(a, heping, person, month, fen, on, "R-1", wangjg, now);
	if (rc == 0)
		assert_int_equal(db_commit(a), 0);
	else
		db_rollback(a);
	return rc;
}

static void a_month_opens_once_for_members_in_good_standing_and_again_for_later_ones(void **state)
{
	(void)state;
	assert_int_equal(db_begin(a), 0);
	member(pa, "第一支部", "full", 2000);
	member(pb, "第二支部", "full", 5000);
	member(pt, "第一支部", "transferred_out", 3000);
	assert_int_equal(db_commit(a), 0);
	char m[8];
	for (int i = 1; i <= 6; i++) {
		snprintf(m, sizeof m, "2025-%02d", i);
		assert_int_equal(open_month(m), 2); /* A and B, never T */
	}
	assert_int_equal(open_month("2025-06"), 0); /* idempotent */
	assert_int_equal(db_begin(a), 0);
	member(pc, "第一支部", "probationary", 1000);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(open_month("2025-06"), 1); /* C joins June's list when it is opened again */
	assert_int_equal(open_month("2025-06"), 0);
	for (int i = 7; i <= 12; i++) {
		snprintf(m, sizeof m, "2025-%02d", i);
		assert_int_equal(open_month(m), 3);
	}
	struct ledger_dues_row *rows;
	size_t n;
	int more;
	assert_int_equal(ledger_dues_month(a, &ar, heping, "2025-06", 0, 2, &rows, &n, &more), 0);
	assert_int_equal(n, 2);
	assert_true(more);
	assert_int_equal(ledger_dues_month(a, &ar, heping, "2025-06", 2, 2, &rows, &n, &more), 0);
	assert_int_equal(n, 1);
	assert_false(more);
	assert_int_equal(rows[0].person_id, pc);
	assert_int_equal(rows[0].due_fen, 1000);
	assert_string_equal(rows[0].branch, "第一支部");
	assert_string_equal(rows[0].name, name_c);
	/* June was opened for C by the repeat; the fixture wants C from July only */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(
	    db_exec_script(a, "DELETE FROM ledger_dues WHERE month = '2025-06' AND due_fen = 1000"), 0);
	assert_int_equal(db_commit(a), 0);
}

static void a_payment_in_a_month_not_opened_is_refused(void **state)
{
	(void)state;
	assert_int_equal(pay(pa, "2024-12", 2000), LEDGER_NOT_FOUND);
	assert_int_equal(pay(pt, "2025-03", 3000), LEDGER_NOT_FOUND); /* transferred out: no row */
	assert_int_equal(pay(pc, "2025-03", 1000), LEDGER_NOT_FOUND); /* before C joined */
	struct ledger_dues_row row;
	assert_int_equal(ledger_dues_get(a, &ar, heping, pa, "2024-12", &row), LEDGER_NOT_FOUND);
}

static void a_typed_payment_is_checked_field_by_field(void **state)
{
	(void)state;
	int64_t fen;
	char on[11];
	struct ledger_problem p[3];
	assert_int_equal(ledger_dues_check("20.5", "2025/3/5", "DF-1", now, &fen, on, p), 0);
	assert_int_equal(fen, 2050);
	assert_string_equal(on, "2025-03-05");
	assert_int_equal(ledger_dues_check("0", "", "", now, &fen, on, p), 0); /* an undo */
	assert_int_equal(fen, 0);
	assert_string_equal(on, "");
	assert_int_equal(ledger_dues_check("20.555", "2025-03-05", "DF-1", now, &fen, on, p), 1);
	assert_string_equal(p[0].field, "amount");
	assert_int_equal(ledger_dues_check("-5", "2025-03-05", "DF-1", now, &fen, on, p), 1);
	assert_string_equal(p[0].field, "amount");
	assert_int_equal(ledger_dues_check("20", "", "", now, &fen, on, p), 2);
	assert_string_equal(p[0].field, "paid_on");
	assert_string_equal(p[1].field, "receipt_no");
	assert_int_equal(ledger_dues_check("20", "2999-01-01", "DF-1", now, &fen, on, p), 1);
	assert_string_equal(p[0].field, "paid_on");
	assert_int_equal(ledger_dues_check("20", "2025-02-30", "DF-1", now, &fen, on, p), 1);
	assert_int_equal(
	    ledger_dues_check("20", "2025-02-03", "123456789012345678901234567890123", now, &fen, on, p), 1);
	assert_string_equal(p[0].field, "receipt_no");
	assert_int_equal(ledger_dues_check("", "x", "a\tb", now, &fen, on, p), 3);
	char f[8], t[8];
	const char *title;
	assert_int_equal(ledger_dues_span(&ar, "2025-Q3", f, t, &title), 0);
	assert_string_equal(f, "2025-07");
	assert_string_equal(t, "2025-09");
	assert_string_equal(title, "2025年第三季度");
	assert_int_equal(ledger_dues_span(&ar, "2025-10", f, t, &title), 0);
	assert_string_equal(title, "2025年10月");
	assert_int_equal(ledger_dues_span(&ar, "2025", f, t, &title), 0);
	assert_string_equal(t, "2025-12");
	const char *bad[] = {"2025-Q5", "2025-13", "2025-00", "1999", "25", "2025-1", "2025-Q3x", "", "20a5"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(ledger_dues_span(&ar, bad[i], f, t, &title), -1);
}

/* The fixture: A pays January..October, B every month and December twice
 * over, C July..December with half of September. */
static void pay_the_fixture(void)
{
	char m[8];
	for (int i = 1; i <= 12; i++) {
		snprintf(m, sizeof m, "2025-%02d", i);
		if (i <= 10)
			assert_int_equal(pay(pa, m, 2000), 0);
		assert_int_equal(pay(pb, m, i == 12 ? 10000 : 5000), 0);
		if (i >= 7)
			assert_int_equal(pay(pc, m, i == 9 ? 500 : 1000), 0);
	}
}

static void arrears_count_the_months_owed_oldest_first(void **state)
{
	(void)state;
	pay_the_fixture();
	struct ledger_dues_arrear *r;
	size_t n;
	int more;
	assert_int_equal(ledger_dues_arrears(a, &ar, heping, 0, 50, &r, &n, &more), 0);
	assert_int_equal(n, 2);
	assert_false(more);
	assert_int_equal(r[0].person_id, pc); /* owes since September */
	assert_int_equal(r[0].months, 1);
	assert_int_equal(r[0].owed_fen, 500);
	assert_string_equal(r[0].oldest, "2025-09");
	assert_int_equal(r[1].person_id, pa); /* paid 10 of 12: owes 2 */
	assert_int_equal(r[1].months, 2);
	assert_int_equal(r[1].owed_fen, 4000);
	assert_string_equal(r[1].oldest, "2025-11");
	assert_string_equal(r[1].latest, "2025-12");
	assert_string_equal(r[1].name, name_a);
	int64_t count;
	assert_int_equal(ledger_dues_arrears_count(a, heping, &count), 0);
	assert_int_equal(count, 2);
	/* a correction: C's September paid in full, then undone and paid again */
	assert_int_equal(pay(pc, "2025-09", 1000), 0);
	assert_int_equal(ledger_dues_arrears_count(a, heping, &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_dues_pay(a, heping, pc, "2025-09", 0, "2025-09-15", "X", wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	struct db_stmt *st = db_stmt(a, &q_paid_on);
	db_bind_int(st, 1, heping);
	db_bind_int(st, 2, pc);
	db_bind_text(st, 3, "2025-09", -1);
	assert_int_equal(db_one_int(st, &count), 0);
	assert_int_equal(count, 1); /* undone: no date, no receipt */
	assert_int_equal(pay(pc, "2025-09", 500), 0);
	assert_int_equal(ledger_dues_arrears(a, &ar, heping, 1, 1, &r, &n, &more), 0); /* the second page */
	assert_int_equal(n, 1);
	assert_int_equal(r[0].person_id, pa);
}

static void the_summary_of_a_month_a_quarter_and_a_year_has_the_known_figures(void **state)
{
	(void)state;
	struct ledger_dues_sum s;
	assert_int_equal(ledger_dues_summary(a, heping, "2025", &s), 0);
	assert_int_equal(s.members, 3);
	assert_int_equal(s.due_fen, 12 * 2000 + 12 * 5000 + 6 * 1000);
	assert_int_equal(s.paid_fen, 10 * 2000 + 11 * 5000 + 10000 + 5 * 1000 + 500);
	assert_int_equal(s.paid_members, 1); /* B only */
	assert_int_equal(ledger_dues_rate(s.paid_fen, s.due_fen), 1006);
	assert_int_equal(ledger_dues_summary(a, heping, "2025-Q3", &s), 0);
	assert_int_equal(s.members, 3);
	assert_int_equal(s.due_fen, 3 * 8000);
	assert_int_equal(s.paid_fen, 6000 + 15000 + 2500);
	assert_int_equal(s.paid_members, 2);
	assert_int_equal(ledger_dues_summary(a, heping, "2025-12", &s), 0);
	assert_int_equal(s.due_fen, 8000);
	assert_int_equal(s.paid_fen, 11000);
	assert_int_equal(s.paid_members, 2);
	assert_int_equal(ledger_dues_summary(a, heping, "2024", &s), 0);
	assert_int_equal(s.members, 0);
	assert_int_equal(ledger_dues_summary(a, heping, "2024-Q9", &s), -1);
	struct ledger_dues_branch *b;
	size_t n;
	assert_int_equal(ledger_dues_branches(a, &ar, heping, "2025-01", "2025-12", &b, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(b[0].branch, "第一支部");
	assert_int_equal(b[0].members, 2);
	assert_int_equal(b[0].due_fen, 30000);
	assert_int_equal(b[0].paid_fen, 25500);
	assert_string_equal(b[1].branch, "第二支部");
	assert_int_equal(b[1].members, 1);
	assert_int_equal(b[1].due_fen, 60000);
	assert_int_equal(b[1].paid_fen, 65000);
	struct ledger_dues_member *m;
	int more;
	assert_int_equal(ledger_dues_members(a, &ar, heping, "2025-01", "2025-12", 0, 2, &m, &n, &more), 0);
	assert_int_equal(n, 2);
	assert_true(more);
	assert_int_equal(m[0].person_id, pa);
	assert_int_equal(m[0].due_total, 24000);
	assert_int_equal(m[0].paid_total, 20000);
	assert_int_equal(m[0].paid_fen[10], 0);
	assert_int_equal(m[0].opened[10], 1);
	assert_int_equal(ledger_dues_members(a, &ar, heping, "2025-01", "2025-12", 2, 2, &m, &n, &more), 0);
	assert_int_equal(n, 1);
	assert_false(more);
	assert_int_equal(m[0].person_id, pc);
	assert_int_equal(m[0].opened[5], 0);
	assert_int_equal(m[0].opened[6], 1);
	assert_int_equal(m[0].paid_fen[8], 500);
	assert_int_equal(m[0].due_total, 6000);
}

static const char *post_text(struct db_query *q, int64_t post)
{
	struct db_stmt *st = db_stmt(a, q);
	db_bind_int(st, 1, heping);
	db_bind_int(st, 2, post);
	assert_int_equal(db_step(st), DB_ROW);
	const char *s = arena_strdup(&ar, db_col_text(st, 0));
	db_reset(st);
	return s;
}

static void the_board_gets_the_aggregate_once(void **state)
{
	(void)state;
	int64_t post = 0, again = 0;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_dues_publish(a, &ar, heping, "2025-Q3", wangjg, now, &post), 0);
	assert_int_equal(db_commit(a), 0);
	assert_true(post > 0);
	assert_string_equal(post_text(&q_post_title, post), "2025年第三季度党费收缴情况");
	const char *body = post_text(&q_post_body, post);
	assert_non_null(strstr(body, "应缴人数:3 人"));
	assert_non_null(strstr(body, "应缴金额:¥240.00"));
	assert_non_null(strstr(body, "实缴金额:¥235.00"));
	assert_non_null(strstr(body, "收缴率:97.9%"));
	/* branches of 2 and 1: their figures would be a member's own, so not listed */
	assert_null(strstr(body, "| 党支部 |"));
	assert_null(strstr(body, "¥150.00"));
	assert_non_null(strstr(body, "不分支部列出"));
	/* no member's name, no member's monthly amount */
	assert_null(strstr(body, name_a));
	assert_null(strstr(body, name_b));
	assert_null(strstr(body, name_c));
	assert_null(strstr(body, "¥20.00"));
	assert_null(strstr(body, "¥50.00"));
	assert_null(strstr(body, "¥10.00"));
	assert_null(strstr(body, "¥5.00"));
	/* a second hand-over answers the same post */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_dues_publish(a, &ar, heping, "2025-Q3", wangjg, now, &again),
	                 LEDGER_DUP_NAME);
	db_rollback(a);
	assert_int_equal(again, post);
	int64_t published, count;
	assert_int_equal(ledger_dues_published(a, heping, "2025-Q3", &published), 0);
	assert_int_equal(published, post);
	struct db_stmt *st = db_stmt(a, &q_count);
	db_bind_int(st, 1, heping);
	assert_int_equal(db_one_int(st, &count), 0);
	assert_int_equal(count, 1);
	/* a span without dues has nothing to hand over */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_dues_publish(a, &ar, heping, "2024", wangjg, now, &again), LEDGER_STATE);
	db_rollback(a);
	/* one branch: no table of branches */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(
	    db_exec_script(a, "UPDATE people_party_member SET branch = '第一支部' WHERE branch = '第二支部'"),
	    0);
	assert_int_equal(ledger_dues_publish(a, &ar, heping, "2025", wangjg, now, &again), 0);
	assert_int_equal(db_commit(a), 0);
	assert_true(again != post);
	body = post_text(&q_post_body, again);
	assert_null(strstr(body, "| 党支部 |"));
	assert_non_null(strstr(body, "收缴率:100.6%"));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SHEQU_BINARY\n", argv[0]);
		return 2;
	}
	shequ = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_month_opens_once_for_members_in_good_standing_and_again_for_later_ones),
	    cmocka_unit_test(a_payment_in_a_month_not_opened_is_refused),
	    cmocka_unit_test(a_typed_payment_is_checked_field_by_field),
	    cmocka_unit_test(arrears_count_the_months_owed_oldest_first),
	    cmocka_unit_test(the_summary_of_a_month_a_quarter_and_a_year_has_the_known_figures),
	    cmocka_unit_test(the_board_gets_the_aggregate_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
