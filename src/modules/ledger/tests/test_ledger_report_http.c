/* End-to-end: the statements' pages over the demo data (SQLite, and
 * PostgreSQL under tests/pg/with-postgres.sh): the list and a statement
 * with its charts, reachable from the workbench; handing a closed month
 * to the board once (audited), refused for an open one; no resident's
 * name in the board's draft; the exports; and every page refused to
 * residents, the supervisor, visitors and another community's staff. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"
#define BASE "/c/xingfuli/admin/ledger/"

/* The demo's first month (closed) and last (open), and its year. */
static char first[16], last[16];

static const char *path_of(const char *fmt, const char *arg)
{
	static char p[32][256];
	static int k;
	char *o = p[k++ % 32];
	snprintf(o, 256, fmt, arg);
	return o;
}

/* A month n months after the demo's first, YYYY-MM. */
static void months(void)
{
	int64_t y, m;
	y = db_int("SELECT CAST(SUBSTR(MIN(period), 1, 4) AS INTEGER) FROM ledger_period WHERE community_id = " XFL,
	           NULL, NULL);
	m = db_int("SELECT CAST(SUBSTR(MIN(period), 6, 2) AS INTEGER) FROM ledger_period WHERE community_id = " XFL,
	           NULL, NULL);
	snprintf(first, sizeof first, "%04d-%02d", (int)y % 10000, (int)m % 100);
	y = db_int("SELECT CAST(SUBSTR(MAX(period), 1, 4) AS INTEGER) FROM ledger_period WHERE community_id = " XFL,
	           NULL, NULL);
	m = db_int("SELECT CAST(SUBSTR(MAX(period), 6, 2) AS INTEGER) FROM ledger_period WHERE community_id = " XFL,
	           NULL, NULL);
	snprintf(last, sizeof last, "%04d-%02d", (int)y % 10000, (int)m % 100);
}

static void staff_see_the_statements_from_the_workbench(void **state)
{
	(void)state;
	months();
	assert_int_equal(db_int("SELECT COUNT(*) FROM ledger_entry WHERE community_id = " XFL, NULL, NULL) >= 200, 1);
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "href=\"" BASE "statements/\""));
	/* the card: the demo's ten closed months, none on the board yet */
	assert_true(has(&r, "财务报表待公开 <strong class=\"count\">10</strong>"));
	done(&r);
	request(c, BASE "statements/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<h1>财务报表</h1>"));
	assert_true(has(&r, path_of("href=\"" BASE "statements/%s\"", first)));
	assert_true(has(&r, path_of("href=\"" BASE "statements/%.4s\"", last)));
	assert_true(has(&r, "已结账"));
	assert_true(has(&r, "未结账"));
	assert_true(has(&r, "statements.xlsx"));
	done(&r);
	/* a closed month: figures, both charts, the big entries, the button */
	request(c, path_of(BASE "statements/%s", first), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "收支情况"));
	assert_true(has(&r, "期初余额"));
	assert_true(has(&r, "上级拨款/工作经费"));
	assert_true(has(&r, "按类别的收支"));
	assert_true(has(&r, "近12个月收支趋势"));
	assert_true(has(&r, "<svg"));
	assert_true(has(&r, "无记账")); /* the trend's months before the books began */
	assert_true(has(&r, "大额收支"));
	assert_true(has(&r, "东湖街道办事处"));
	assert_true(has(&r, "<button type=\"submit\">提交到公开栏</button>") || has(&r, ">提交到公开栏</button>"));
	done(&r);
	/* an open month: no button */
	request(c, path_of(BASE "statements/%s", last), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "还有月份未结账"));
	assert_false(has(&r, ">提交到公开栏</button>"));
	done(&r);
	static const char *const bad[] = {"2026-13", "2026-Q5", "1999", "26-01", "2026-01-01"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		request(c, path_of(BASE "statements/%s", bad[i]), NULL, NULL, &r);
		if (r.status != 404)
			fail_msg("%s got %ld", bad[i], r.status);
		done(&r);
	}
	curl_easy_cleanup(c);
}

static void a_closed_month_goes_to_the_board_once(void **state)
{
	(void)state;
	CURL *c = logged_in("zhoulx");
	struct resp r;
	const char *page = path_of(BASE "statements/%s", first);
	const char *action = path_of(BASE "statements/%s/publish", first);
	int audits = audit_count("ledger.statement_publish");
	int64_t posts = db_int("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL, NULL, NULL);
	assert_int_equal(post_form(c, page, action, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(audit_count("ledger.statement_publish"), audits + 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL, NULL, NULL), posts + 1);
	int64_t post = db_int("SELECT post_id FROM ledger_publication WHERE community_id = " XFL
	                      " AND what = 'finance' AND span = ?",
	                      first, NULL);
	assert_true(post > 0);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_post p JOIN disclosure_item i ON i.community_id ="
	                        " p.community_id AND i.id = p.item_id WHERE p.community_id = " XFL
	                        " AND p.status = 'draft' AND i.code = 'finance' AND p.body LIKE '%期末余额%'",
	                        NULL, NULL),
	                 1);
	/* no resident's name: the aid's counterparties are residents */
	static const char *const names[] = {"刘桂兰", "陈国强", "赵秀英", "孙建华", "周玉梅", "吴德明"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL
		                        " AND body LIKE '%' || ? || '%'",
		                        names[i], NULL),
		                 0);
	char done_page[300];
	snprintf(done_page, sizeof done_page, "%s?done=1", page);
	request(c, done_page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "已提交到公开栏"));
	assert_true(has(&r, "查看公开栏草稿"));
	done(&r);
	request(c, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "财务报表待公开 <strong class=\"count\">9</strong>"));
	done(&r);
	/* later visits say so too, where the button was, and the list marks the month */
	request(c, page, NULL, NULL, &r);
	assert_true(has(&r, "<p>已提交到公开栏。<a"));
	assert_false(has(&r, "data-confirm"));
	done(&r);
	request(c, BASE "statements/statements.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "已结账,已提交公开栏"));
	assert_true(has(&r, "已结账,未提交公开栏"));
	done(&r);
	/* again (the token from another form): the same post, no new draft */
	assert_int_equal(post_form(c, "/account/password", action, &r, "x=1"), 303);
	assert_true(has_header(&r, path_of(BASE "statements/%s", first)));
	done(&r);
	assert_int_equal(audit_count("ledger.statement_publish"), audits + 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL, NULL, NULL), posts + 1);
	/* an open month is refused, with why */
	assert_int_equal(post_form(c, "/account/password", path_of(BASE "statements/%s/publish", last), &r, "x=1"), 422);
	assert_true(has(&r, "还有月份未结账,结账后才能提交到公开栏"));
	done(&r);
	assert_int_equal(audit_count("ledger.statement_publish"), audits + 1);
	curl_easy_cleanup(c);
}

static void the_exports_download(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, path_of(BASE "export/%.4s.xlsx", last), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "spreadsheetml"));
	assert_true(r.body.len > 1000 && !memcmp(r.body.data, "PK", 2));
	done(&r);
	request(c, path_of(BASE "export/%.4s.csv", last), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "日期,凭证号,收支,类别,摘要,对方单位或个人,金额(元),状态"));
	assert_true(has(&r, path_of(",记-%.4s-0001,", last)));
	done(&r);
	request(c, BASE "statements/statements.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "期间,类型,状态"));
	assert_true(has(&r, "年报"));
	done(&r);
	request(c, path_of(BASE "statements/%s.xlsx", first), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(!memcmp(r.body.data, "PK", 2));
	done(&r);
	static const char *const bad[] = {"1999.csv", "2026.pdf", "2026", "20260.csv", "x.xlsx"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		request(c, path_of(BASE "export/%s", bad[i]), NULL, NULL, &r);
		if (r.status != 404)
			fail_msg("%s got %ld", bad[i], r.status);
		done(&r);
	}
	curl_easy_cleanup(c);
}

static void others_are_refused_everywhere(void **state)
{
	(void)state;
	const char *paths[] = {BASE "statements/",
	                       BASE "statements/statements.csv",
	                       path_of(BASE "statements/%s", first),
	                       path_of(BASE "statements/%s.xlsx", first),
	                       path_of(BASE "export/%.4s.xlsx", first),
	                       path_of(BASE "export/%.4s.csv", first)};
	const char *users[] = {"zhangsan", "jiandu", "wanggw", "lihong", NULL};
	for (int u = 0; u <= 4; u++) {
		CURL *c = users[u] ? logged_in(users[u]) : client();
		for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
			struct resp r;
			request(c, paths[i], NULL, NULL, &r);
			if (r.status != 403 && r.status != 404 && r.status != 303 && r.status != 401)
				fail_msg("%s got %ld for %s", users[u] ? users[u] : "a visitor", r.status, paths[i]);
			assert_false(has(&r, "期初余额"));
			done(&r);
		}
		if (users[u]) { /* nor may they hand a statement to the board */
			int64_t before = db_int("SELECT COUNT(*) FROM ledger_publication", NULL, NULL);
			struct resp r;
			long st = post_form(c, "/account/password", path_of(BASE "statements/%.4s/publish", first), &r, "x=1");
			if (st != 403 && st != 404)
				fail_msg("%s got %ld for the publish", users[u], st);
			done(&r);
			assert_int_equal(db_int("SELECT COUNT(*) FROM ledger_publication", NULL, NULL), before);
		}
		curl_easy_cleanup(c);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_ledger_report_http SHEQU_BINARY\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(staff_see_the_statements_from_the_workbench),
	    cmocka_unit_test(a_closed_month_goes_to_the_board_once),
	    cmocka_unit_test(the_exports_download),
	    cmocka_unit_test(others_are_refused_everywhere),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
