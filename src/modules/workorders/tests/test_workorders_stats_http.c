/* End-to-end: the work orders' figures over the demo data plus the rates'
 * fixture (wo_stats_fixture.h) in 幸福里 and 和平 of 东湖街道, on SQLite
 * and, under tests/pg/with-postgres.sh, PostgreSQL: the community and
 * street dashboards show the fixture's figures for June 2024, their
 * exports carry the same numbers, and who may not see them is refused.
 *
 * The servers run at the real time, long after June 2024: every response
 * limit of the fixture has passed, so order 7 (within its limit in the
 * unit test) counts here, late: 响应率 12/16 in 幸福里. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "harness.h"
#include "modules/workorders/workorders_internal.h"
#include "pii/pii.h"
#include "wo_stats_fixture.h"

#define JUNE "from=2024-06-01&to=2024-06-30"

/* The requester of the order recorded through the store below: none of
 * this may appear on a public page. */
#define NAME "欧阳测试"
#define PHONE "13912345678"
#define ADDRESS "幸福里 7 号楼 2 单元 1501 室"

/* One step by staff on order id, in its own transaction. */
static void step(struct db *db, struct arena *a, int64_t community, int64_t id, enum wo_action action,
                 int resolved, const char *note)
{
	struct wo_step s = {.action = action,
	                    .actor = "王建国",
	                    .actor_is_staff = 1,
	                    .note = note,
	                    .public_note = 1,
	                    .resolved = resolved};
	const char *why = NULL;
	assert_int_equal(db_begin(db), 0);
	int rc = wo_apply(db, a, community, id, &s, time(NULL), &why);
	if (rc)
		fprintf(stderr, "step %d: %d %s\n", action, rc, why ? why : db_errmsg(db));
	assert_int_equal(rc, 0);
	assert_int_equal(db_commit(db), 0);
}

/* An order with a requester's name, phone and flat, recorded and closed
 * through the store as the pages do. */
static void closed_order_with_a_requester(struct db *db, int64_t community)
{
	char key[600], err[256];
	struct pii_key k;
	assert_int_equal(pii_key_file_read(cli_key_path(dbpath, NULL, key, sizeof key), &k, err, sizeof err),
	                 0);
	pii_key_install(&k);
	struct arena a;
	arena_init(&a, 1 << 20);
	struct wo_new n = {.channel = WO_CH_HOTLINE,
	                   .kind = WO_K_REQUEST,
	                   .subject = "楼道灯坏了,回电 " PHONE,
	                   .description = NAME "反映 7 号楼 2 单元楼道灯不亮",
	                   .address = ADDRESS,
	                   .requester_name = NAME,
	                   .requester_phone = PHONE,
	                   .actor = "王建国",
	                   .received_at = time(NULL) - 3 * DAY};
	int64_t id;
	const char *code;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(wo_order_add(db, &a, community, &n, &id, &code), 0);
	assert_int_equal(db_commit(db), 0);
	step(db, &a, community, id, WO_A_ACCEPT, 0, NULL);
	step(db, &a, community, id, WO_A_REPLY, 1, NAME "您好,灯已换好,电话 " PHONE);
	step(db, &a, community, id, WO_A_CLOSE, 0, NULL);
	arena_free(&a);
}

static int setup(void **state)
{
	if (start_server(state) < 0)
		return -1;
	struct db *db;
	char err[256];
	if (db_open(dbpath, &db, err, sizeof err) < 0)
		return -1;
	int64_t xingfuli = db_int("SELECT id FROM org_unit WHERE slug = ?", "xingfuli", NULL),
	        heping = db_int("SELECT id FROM org_unit WHERE slug = ?", "heping", NULL);
	wo_fixture(db, xingfuli, heping);
	closed_order_with_a_requester(db, xingfuli);
	db_close(db);
	return 0;
}

static void get(CURL *c, const char *path, struct resp *r, long status)
{
	request(c, path, NULL, NULL, r);
	if (r->status != status)
		fprintf(stderr, "%s: %ld\n%s\n", path, r->status, r->body.data ? r->body.data : "");
	assert_int_equal(r->status, status);
}

static void the_community_dashboard_shows_the_fixture_figures(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	get(c, "/c/xingfuli/admin/workorders/dashboard?" JUNE, &r, 200);
	assert_true(has(&r, "统计时段:2024-06-01 至 2024-06-30"));
	assert_true(has(&r, "共登记 17 件,其中已办结 7 件"));
	/* The rates with numerator and denominator, and their definitions. */
	assert_true(has(&r, ">75.0%<"));
	assert_true(has(&r, ">58.3%<"));
	assert_true(has(&r, ">71.4%<"));
	assert_true(has(&r, "尚在时限内、还未响应的工单暂不计入"));
	assert_true(has(&r, "不予受理、已合并到其他工单和已转办到其他社区的工单不计入"));
	/* Two charts, and the trend's table with June's figures. */
	assert_true(has(&r, "aria-labelledby=\"wo-trend-counts-t wo-trend-counts-d\""));
	assert_true(has(&r, "aria-labelledby=\"wo-trend-rates-t wo-trend-rates-d\""));
	/* On a narrow screen a chart scrolls in its own region instead of shrinking its labels. */
	assert_true(has(&r, "<figure class=\"chart\"><div class=\"wide\" role=\"region\" tabindex=\"0\" aria-label=\""));
	assert_true(has(&r, "(可左右滑动)\"><svg role=\"img\""));
	assert_true(has(&r, "2023年7月")); /* in the table; the axes say the month, the titles the span */
	assert_true(has(&r, "每月登记和已办结的工单(2023年7月至2024年6月)"));
	assert_false(has(&r, "<text x=\"") && strstr(r.body.data, ">2023年7月</text>"));
	assert_true(has(&r, "75.0%(12/16)"));
	assert_true(has(&r, "58.3%(7/12)"));
	assert_true(has(&r, "71.4%(5/7)"));
	/* May's one order, 满意. */
	assert_true(has(&r, "100.0%(1/1)"));
	/* The overdue orders of the fixture, each a link to its page. */
	assert_true(has(&r, "href=\"/c/xingfuli/admin/workorders/9006\""));
	assert_true(has(&r, "href=\"/c/xingfuli/admin/workorders/9007\""));
	assert_true(has(&r, "href=\"/c/xingfuli/admin/workorders/9019\""));
	assert_false(has(&r, "href=\"/c/xingfuli/admin/workorders/9001\"")); /* closed */
	assert_false(has(&r, "href=\"/c/xingfuli/admin/workorders/9018\"")); /* 和平's */
	assert_true(has(&r, ">逾期多久</th>"));
	assert_true(has(&r, "data-label=\"逾期多久\">已逾期 ")); /* and by how much */
	assert_true(has(&r, "dashboard.xlsx?from=2024-06-01&amp;to=2024-06-30"));
	done(&r);
	curl_easy_cleanup(c);
}

static void the_community_export_carries_the_same_figures(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	get(c, "/c/xingfuli/admin/workorders/dashboard.csv?" JUNE, &r, 200);
	assert_true(has(&r, "类型,渠道,登记,已办结,按时响应,计入响应率,响应率,已解决,已受理,解决率,"
	                    "满意和基本满意,已评价,满意率"));
	assert_true(has(&r, "求助/服务请求,服务热线,8,"));
	assert_true(has(&r, "合计,,17,7,12,16,75.0%,7,12,58.3%,5,7,71.4%"));
	done(&r);
	get(c, "/c/xingfuli/admin/workorders/dashboard.xlsx?" JUNE, &r, 200);
	assert_true(r.body.len > 100 && !memcmp(r.body.data, "PK", 2));
	done(&r);
	curl_easy_cleanup(c);
}

static void the_street_dashboard_has_a_row_per_community(void **state)
{
	(void)state;
	CURL *c = logged_in("donghu");
	struct resp r;
	get(c, "/admin/workorders/dashboard?" JUNE, &r, 200);
	assert_true(has(&r, "工单统计 · 东湖街道"));
	assert_true(has(&r, "共登记 18 件,其中已办结 7 件"));
	assert_true(has(&r, "href=\"/c/xingfuli/admin/workorders/dashboard\""));
	assert_true(has(&r, "href=\"/c/heping/admin/workorders/dashboard\""));
	assert_false(has(&r, "翠竹社区"));
	/* 和平's one order is past its limit, not responded: 12 of 17 on time. */
	assert_true(has(&r, "70.6%(12/17)"));
	assert_true(has(&r, "href=\"/c/heping/admin/workorders/9018\""));
	done(&r);
	get(c, "/admin/workorders/dashboard.csv?" JUNE, &r, 200);
	assert_true(has(&r, "街道,社区,登记"));
	assert_true(has(&r, "东湖街道,幸福里社区,17,7,12,16,75.0%,7,12,58.3%,5,7,71.4%"));
	assert_true(has(&r, "东湖街道,和平社区,1,0,0,1,0.0%,0,0,—,0,0,—"));
	assert_true(has(&r, "合计,,18,7,12,17,70.6%,7,12,58.3%,5,7,71.4%"));
	done(&r);
	curl_easy_cleanup(c);
	/* 南山's admin sees 翠竹 only; the district's sees all three. */
	c = logged_in("nanshan");
	get(c, "/admin/workorders/dashboard?" JUNE, &r, 200);
	assert_true(has(&r, "翠竹社区"));
	assert_false(has(&r, "幸福里社区"));
	assert_true(has(&r, "共登记 0 件"));
	done(&r);
	curl_easy_cleanup(c);
	c = logged_in("quguanli");
	get(c, "/admin/workorders/dashboard?" JUNE, &r, 200);
	assert_true(has(&r, "共登记 18 件"));
	assert_true(has(&r, "翠竹社区"));
	done(&r);
	curl_easy_cleanup(c);
}

static void periods_and_bad_dates(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	get(c, "/c/xingfuli/admin/workorders/dashboard?period=custom&from=2024-06-30&to=2024-06-01", &r, 200);
	assert_true(has(&r, "结束日期不早于开始日期"));
	assert_true(has(&r, "value=\"2024-06-30\"")); /* kept as typed */
	done(&r);
	get(c, "/c/xingfuli/admin/workorders/dashboard?period=year", &r, 200);
	assert_true(has(&r, "-01-01 至 "));
	done(&r);
	get(c, "/c/xingfuli/admin/workorders/dashboard?from=2024-05-01&to=2024-05-31", &r, 200);
	assert_true(has(&r, "共登记 1 件,其中已办结 1 件"));
	done(&r);
	curl_easy_cleanup(c);
}

static void the_public_list_shows_closed_orders_without_the_requester(void **state)
{
	(void)state;
	struct resp r;
	visit(at, "/c/xingfuli/workorders/closed", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "楼道灯坏了"));
	assert_true(has(&r, "7 号楼"));
	assert_true(has(&r, "已解决"));
	assert_false(has(&r, PHONE));
	assert_false(has(&r, "5678"));
	assert_false(has(&r, NAME));
	assert_false(has(&r, "欧阳"));
	assert_false(has(&r, "1501"));
	assert_false(has(&r, "灯已换好"));
	done(&r);
	/* Kept by the page cache: the second visit is a hit. */
	visit(at, "/c/xingfuli/workorders/closed", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "x-cache: hit"));
	done(&r);
	visit(at, "/c/xingfuli/workorders/closed.csv", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "事项,类型,位置,登记日期,办结日期,结果"));
	assert_true(has(&r, "工单 9001,求助/服务请求,,2024-06-02,2024-06-07,已解决"));
	assert_true(has(&r, "工单 9003,投诉,,2024-06-04,2024-06-09,未解决"));
	/* The fixture's closed orders of June 2024 (7 in 幸福里) after the demo's, newest closed first. */
	assert_true(has(&r, "工单 9017,求助/服务请求,,2024-06-01,2024-06-06,已解决"));
	assert_false(has(&r, "工单 9004,")); /* replied, not closed */
	assert_false(has(&r, "工单 9018,")); /* 和平's */
	const char *mine = strstr(r.body.data, "楼道灯坏了"), *o13 = strstr(r.body.data, "工单 9013,"),
	           *o17 = strstr(r.body.data, "工单 9017,");
	assert_true(mine && o13 && o17 && mine < o13 && o13 < o17);
	assert_false(has(&r, PHONE));
	assert_false(has(&r, NAME));
	done(&r);
	visit(at, "/c/xingfuli/workorders/closed.xlsx", NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	visit(at, "/c/xingfuli/workorders/closed?page=0", NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	visit(at, "/c/xingfuli/workorders/closed?page=99999", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "还没有办结的工单"));
	done(&r);
}

/* POSTs the summary form with this title and text (URL-encoded here). */
static long post_summary(CURL *c, const char *page, const char *title, const char *body, struct resp *r)
{
	char *t = curl_easy_escape(c, title, 0), *b = curl_easy_escape(c, body, 0);
	assert_non_null(t);
	assert_non_null(b);
	long st = post_form(c, page, "/c/xingfuli/admin/workorders/summary", r,
	                    "quarter=2024-2&title=%s&body=%s", t, b);
	curl_free(t);
	curl_free(b);
	return st;
}

static int64_t post_status_is(int64_t id, const char *status)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)id);
	return db_int("SELECT COUNT(*) FROM disclosure_post WHERE id = CAST(? AS BIGINT) AND status = ?", v,
	              status);
}

/* Q2 2024 of 幸福里: June's 17 orders and May's one. */
static void the_quarterly_summary_becomes_a_board_draft_and_is_published_by_a_second_member(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	const char *page = "/c/xingfuli/admin/workorders/summary?quarter=2024-2";
	get(w, page, &r, 200);
	assert_true(has(&r, "value=\"2024年第二季度热点难点处理情况\""));
	assert_true(has(&r, "2024年4月1日至6月30日,本社区共登记居民来信来访、热线和网上诉求 18 件,已办结 8 "
	                    "件,不予受理 1 件。"));
	assert_true(has(&r, "- 求助/服务请求:10 件,已办结 4 件"));
	assert_true(has(&r, "- 响应率 76.5%:在时限内首次响应 13 件,应计 17 件"));
	assert_true(has(&r, "- 解决率 61.5%:答复已解决 8 件,已受理 13 件"));
	assert_true(has(&r, "- 满意率 75.0%:满意和基本满意 6 件,已评价 8 件"));
	assert_true(has(&r, "居民反映较多的问题"));
	done(&r);

	/* An empty title is refused, the text kept. */
	assert_int_equal(post_summary(w, page, "", "正文保留", &r), 422);
	assert_true(has(&r, "正文保留"));
	done(&r);
	/* The generated text saved as it came, its gap not filled in: refused, kept. */
	assert_int_equal(post_summary(w, page, "2024年第二季度热点难点处理情况",
	                              "## 主要做法和结果\n\n(请填写对上述问题采取的措施、办理结果和下一步安排。)\n", &r),
	                 422);
	assert_true(has(&r, "请先填写“主要做法和结果”"));
	done(&r);

	int audits = audit_count("workorders.summary_draft");
	int64_t log = log_size("xingfuli");
	assert_int_equal(post_summary(w, page, "2024年第二季度热点难点处理情况",
	                              "## 办理情况\n\n- 楼道灯已全部更换\n", &r),
	                 303);
	int64_t id = post_titled("2024年第二季度热点难点处理情况");
	assert_true(id > 0);
	char loc[128], act[160];
	snprintf(loc, sizeof loc, "location: /c/xingfuli/admin/board/%lld", (long long)id);
	assert_true(has_header(&r, loc));
	done(&r);
	assert_int_equal(audit_count("workorders.summary_draft"), audits + 1);
	assert_int_equal(post_status_is(id, "draft"), 1);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM disclosure_post p JOIN disclosure_item i ON i.community_id ="
	           " p.community_id AND i.id = p.item_id WHERE p.title = ? AND i.code = 'hot-issues'",
	           "2024年第二季度热点难点处理情况", NULL),
	    1);
	assert_int_equal(log_size("xingfuli"), log); /* a draft is not public */

	/* The board's own path: the author submits, a second staff member publishes. */
	char board[96];
	snprintf(board, sizeof board, "/c/xingfuli/admin/board/%lld", (long long)id);
	snprintf(act, sizeof act, "%s/submit", board);
	assert_int_equal(post_form(w, board, act, &r, "x=1"), 303);
	done(&r);
	snprintf(act, sizeof act, "%s/publish", board);
	assert_int_equal(post_form(w, board, act, &r, "x=1"), 422); /* not by its author */
	done(&r);
	assert_int_equal(post_status_is(id, "submitted"), 1);
	CURL *z = logged_in("zhoulx");
	assert_int_equal(post_form(z, board, act, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(post_status_is(id, "published"), 1);
	assert_int_equal(log_size("xingfuli"), log + 1);
	curl_easy_cleanup(z);

	/* Quarters that are not: a bad one, one not begun. */
	get(w, "/c/xingfuli/admin/workorders/summary?quarter=2024-5", &r, 400);
	done(&r);
	get(w, "/c/xingfuli/admin/workorders/summary?quarter=2999-1", &r, 400);
	done(&r);
	curl_easy_cleanup(w);
}

static void who_may_not_see_the_figures_is_refused(void **state)
{
	(void)state;
	struct resp r;
	CURL *c = logged_in("lihong"); /* 和平's staff */
	get(c, "/c/xingfuli/admin/workorders/dashboard", &r, 403);
	done(&r);
	get(c, "/c/xingfuli/admin/workorders/dashboard.csv", &r, 403);
	done(&r);
	get(c, "/admin/workorders/dashboard", &r, 403);
	done(&r);
	curl_easy_cleanup(c);
	c = logged_in("zhangsan");
	get(c, "/c/xingfuli/admin/workorders/dashboard", &r, 403);
	done(&r);
	get(c, "/c/xingfuli/admin/workorders/summary", &r, 403);
	done(&r);
	curl_easy_cleanup(c);
	c = logged_in("jiandu");
	get(c, "/c/xingfuli/admin/workorders/dashboard", &r, 403);
	done(&r);
	curl_easy_cleanup(c);
	c = client();
	request(c, "/c/xingfuli/admin/workorders/dashboard", NULL, NULL, &r);
	assert_int_not_equal(r.status, 200);
	assert_false(has(&r, "三项比率"));
	done(&r);
	curl_easy_cleanup(c);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_ALL);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(the_community_dashboard_shows_the_fixture_figures),
	    cmocka_unit_test(the_community_export_carries_the_same_figures),
	    cmocka_unit_test(the_street_dashboard_has_a_row_per_community),
	    cmocka_unit_test(periods_and_bad_dates),
	    cmocka_unit_test(the_public_list_shows_closed_orders_without_the_requester),
	    cmocka_unit_test(the_quarterly_summary_becomes_a_board_draft_and_is_published_by_a_second_member),
	    cmocka_unit_test(who_may_not_see_the_figures_is_refused),
	};
	int rc = cmocka_run_group_tests(tests, setup, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
