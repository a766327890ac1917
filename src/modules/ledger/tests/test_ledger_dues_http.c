/* End-to-end: 党费收缴's staff pages over the demo data (SQLite, and
 * PostgreSQL under tests/pg/with-postgres.sh): a month opened from its
 * page and audited, a payment with its errors beside the fields and what
 * was typed kept, more than due accepted and said so, a month not opened
 * refused; the arrears, the year per member and per branch, each exported
 * as CSV and XLSX that read back with their rows; the workbench card; the
 * hand-over to the board (once, aggregate only); and every page refused to
 * residents, visitors, the supervisor and another community's staff.
 * The demo gives 幸福里 two party members: 刘建华, paid up, and 赵德明,
 * two months behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/csv_import.h"
#include "core/xlsx_read.h"
#include "harness.h"

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"
#define DUES "/c/xingfuli/admin/ledger/dues/"

static const char *path_of(const char *fmt, long long v)
{
	static char p[16][256];
	static int k;
	char *o = p[k++ % 16];
	snprintf(o, 256, fmt, v);
	return o;
}

static int64_t count(const char *sql)
{
	return db_int(sql, NULL, NULL);
}

static void a_month_is_opened_from_its_page_and_audited(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, DUES "?month=2024-01", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "开始本月收缴"));
	assert_true(has(&r, "这个月没有应缴记录"));
	done(&r);
	/* a month still to come offers nothing to open */
	request(c, DUES "?month=2099-01", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, ">开始本月收缴</button>"));
	assert_true(has(&r, "这个月还没到"));
	done(&r);
	int before = audit_count("ledger.dues_open");
	assert_int_equal(post_form(c, DUES "?month=2024-01", DUES "open", &r, "month=2024-01"), 303);
	done(&r);
	assert_int_equal(audit_count("ledger.dues_open"), before + 1);
	assert_int_equal(
	    count("SELECT COUNT(*) FROM ledger_dues WHERE month = '2024-01' AND community_id = " XFL), 2);
	request(c, DUES "?month=2024-01&done=open", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "刘建华"));
	assert_true(has(&r, "赵德明"));
	assert_true(has(&r, "登记缴费"));
	assert_true(has(&r, "补登本月新党员"));
	done(&r);
	/* again: nothing more; a month to come, or no month at all, is refused */
	assert_int_equal(post_form(c, DUES, DUES "open", &r, "month=2024-01"), 303);
	done(&r);
	assert_int_equal(
	    count("SELECT COUNT(*) FROM ledger_dues WHERE month = '2024-01' AND community_id = " XFL), 2);
	assert_int_equal(post_form(c, DUES, DUES "open", &r, "month=2999-01"), 400);
	done(&r);
	assert_int_equal(post_form(c, DUES, DUES "open", &r, "month=2024-13"), 400);
	done(&r);
	request(c, DUES "?month=nonsense", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	curl_easy_cleanup(c);
}

static void a_payment_keeps_what_was_typed_and_says_when_it_is_more_than_due(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	long long zhao = (long long)count(
	    "SELECT p.id FROM people_person p WHERE p.name = '赵德明' AND p.community_id = " XFL);
	const char *page = path_of(DUES "pay?month=2024-01&person=%lld", zhao);
	struct resp r;
	request(c, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "赵德明"));
	assert_true(has(&r, "应缴 ¥"));
	done(&r);
	assert_int_equal(post_form(c, page, page, &r, "amount=12.345&paid_on=2024-13-01&receipt_no=DF-77"),
	                 422);
	assert_true(has(&r, "12.345"));
	assert_true(has(&r, "DF-77"));
	assert_true(has(&r, "id=\"e-amount\""));
	assert_true(has(&r, "id=\"e-paid_on\""));
	done(&r);
	assert_int_equal(count("SELECT COUNT(*) FROM ledger_dues WHERE month = '2024-01' AND paid_fen > 0"),
	                 0);
	int before = audit_count("ledger.dues_pay");
	assert_int_equal(post_form(c, page, page, &r, "amount=100&paid_on=2024-01-20&receipt_no=DF-77"), 303);
	assert_true(has_header(&r, "done=ahead"));
	done(&r);
	assert_int_equal(audit_count("ledger.dues_pay"), before + 1);
	assert_int_equal(db_int("SELECT paid_fen FROM ledger_dues WHERE month = '2024-01' AND receipt_no = ?",
	                        "DF-77", NULL),
	                 10000);
	request(c, DUES "?month=2024-01&done=ahead", NULL, NULL, &r);
	assert_true(has(&r, "多出的部分按预缴记录"));
	assert_true(has(&r, "DF-77"));
	assert_true(has(&r, "更正缴费"));
	done(&r);
	/* a month not opened: no form, no payment */
	const char *closed = path_of(DUES "pay?month=2023-01&person=%lld", zhao);
	request(c, closed, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_true(has(&r, "请先开始本月收缴"));
	done(&r);
	assert_int_equal(post_form(c, page, closed, &r, "amount=10&paid_on=2023-01-20&receipt_no=X"), 404);
	done(&r);
	assert_int_equal(count("SELECT COUNT(*) FROM ledger_dues WHERE month = '2023-01'"), 0);
	curl_easy_cleanup(c);
}

struct read_back {
	int rows;
	const char *want; /* a value some row holds */
	int found;
	const char *header; /* the first column's header */
	int header_ok;
};

static int on_row(struct csv_import *imp, const struct csv_row *row, void *ctx)
{
	(void)imp;
	struct read_back *b = ctx;
	if (row->index == 0) {
		b->header_ok = row->nfields > 0 && !strcmp(row->fields[0], b->header);
		return 0;
	}
	b->rows++;
	for (int i = 0; i < row->nfields; i++)
		if (b->want && !strcmp(row->fields[i], b->want))
			b->found = 1;
	return 0;
}

/* GETs an export and reads it back: its data rows, with one holding want. */
static int export_rows(CURL *c, const char *path, const char *header, const char *want)
{
	struct resp r;
	request(c, path, NULL, NULL, &r);
	if (r.status != 200)
		fail_msg("%s: %ld", path, r.status);
	struct arena a;
	arena_init(&a, 64u << 20);
	struct read_back b = {.want = want, .header = header};
	struct csv_import imp;
	struct csv_options o = {.row = on_row, .ctx = &b};
	if (table_import_run(&imp, &a, r.body.data, r.body.len - 1, &o) != 0)
		fail_msg("%s: %s", path, imp.fatal ? imp.fatal : "?");
	arena_free(&a);
	done(&r);
	if (!b.header_ok)
		fail_msg("%s: header is not %s", path, header);
	if (want && !b.found)
		fail_msg("%s: no %s", path, want);
	return b.rows;
}

static void lists_show_and_export_their_rows(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, DUES "arrears", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "赵德明"));
	assert_true(has(&r, "2024-01")); /* the month opened in the first test, paid by 赵德明 only */
	done(&r);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(
		    export_rows(c, i ? DUES "arrears.xlsx" : DUES "arrears.csv", "姓名", "赵德明"), 2);
		assert_int_equal(
		    export_rows(c, i ? DUES "dues.xlsx?month=2024-01" : DUES "dues.csv?month=2024-01", "姓名",
		                "DF-77"),
		    2);
		assert_int_equal(
		    export_rows(c, i ? DUES "year.xlsx" : DUES "year.csv", "姓名", "刘建华"),
		    (int)count(
		        "SELECT COUNT(DISTINCT person_id) FROM ledger_dues WHERE month LIKE '2026-%'"));
		assert_int_equal(export_rows(c, i ? DUES "branches.xlsx" : DUES "branches.csv", "党支部",
		                             "幸福里社区第二党支部"),
		                 2);
	}
	request(c, DUES "year", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "按党支部"));
	assert_true(has(&r, "幸福里社区第一党支部"));
	assert_true(has(&r, "(欠缴)"));
	assert_true(has(&r, "提交到公开栏"));
	assert_true(has(&r, "第三季度"));
	assert_true(has(&r, "未提交"));
	done(&r);
	request(c, DUES "year?year=abc", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	request(c, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "党费欠缴"));
	assert_true(has(&r, "党费收缴"));
	done(&r);
	curl_easy_cleanup(c);
}

static void the_board_gets_the_aggregate_once(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	int before = audit_count("ledger.dues_publish");
	assert_int_equal(post_form(c, DUES "year?year=2026", DUES "publish", &r, "span=2026"), 303);
	done(&r);
	assert_int_equal(audit_count("ledger.dues_publish"), before + 1);
	int64_t post = count("SELECT post_id FROM ledger_publication WHERE what = 'dues' AND span = '2026'");
	assert_true(post > 0);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_post WHERE title = ? AND (body LIKE ? OR "
	                        "body LIKE '%赵德明%')",
	                        "2026年度党费收缴情况", "%刘建华%"),
	                 0);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM disclosure_post WHERE title = ?", "2026年度党费收缴情况", NULL), 1);
	request(c, DUES "year?year=2026&done=1", NULL, NULL, &r);
	assert_true(has(&r, "已提交到公开栏"));
	assert_true(has(&r, path_of("/c/xingfuli/admin/board/%lld", (long long)post)));
	done(&r);
	/* again: the same post, no second draft */
	assert_int_equal(post_form(c, DUES "year?year=2026", DUES "publish", &r, "span=2026"), 303);
	assert_true(has_header(&r, "done=again"));
	done(&r);
	assert_int_equal(audit_count("ledger.dues_publish"), before + 1);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM disclosure_post WHERE title = ?", "2026年度党费收缴情况", NULL), 1);
	assert_int_equal(post_form(c, DUES "year", DUES "publish", &r, "span=2026-10"), 400);
	done(&r);
	request(c, path_of("/c/xingfuli/admin/board/%lld", (long long)post), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "应缴人数"));
	done(&r);
	curl_easy_cleanup(c);
}

static void others_are_refused_everywhere(void **state)
{
	(void)state;
	const char *gets[] = {DUES,
	                      DUES "dues.csv",
	                      DUES "dues.xlsx",
	                      DUES "arrears",
	                      DUES "arrears.csv",
	                      DUES "year",
	                      DUES "year.xlsx",
	                      DUES "branches.csv",
	                      DUES "pay?month=2024-01&person=1"};
	const char *users[] = {"zhangsan", "jiandu", "lihong", NULL};
	int64_t rows = count("SELECT COUNT(*) FROM ledger_dues");
	for (int u = 0; u <= 3; u++) {
		CURL *c = users[u] ? logged_in(users[u]) : client();
		for (size_t i = 0; i < sizeof gets / sizeof *gets; i++) {
			struct resp r;
			request(c, gets[i], NULL, NULL, &r);
			if (r.status != 403 && r.status != 404 && r.status != 303 && r.status != 401)
				fail_msg("%s got %ld for %s", users[u] ? users[u] : "a visitor", r.status,
				         gets[i]);
			assert_false(has(&r, "赵德明"));
			done(&r);
		}
		struct resp r;
		request(c, DUES "open", "month=2023-02", NULL, &r);
		assert_true(r.status == 403 || r.status == 404 || r.status == 303 || r.status == 401 ||
		            r.status == 400);
		done(&r);
		curl_easy_cleanup(c);
	}
	assert_int_equal(count("SELECT COUNT(*) FROM ledger_dues"), rows);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_ledger_dues_http SHEQU_BINARY\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_month_is_opened_from_its_page_and_audited),
	    cmocka_unit_test(a_payment_keeps_what_was_typed_and_says_when_it_is_more_than_due),
	    cmocka_unit_test(lists_show_and_export_their_rows),
	    cmocka_unit_test(the_board_gets_the_aggregate_once),
	    cmocka_unit_test(others_are_refused_everywhere),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
