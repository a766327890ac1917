/* End-to-end: a real `shequ serve` on an ephemeral port over a temporary
 * database made by `shequ init` and `shequ demo`, driven with libcurl.
 * usage: test_http PATH-TO-SHEQU */
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

static void home_lists_communities_with_security_headers(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "幸福里社区"));
	assert_true(has(&r, "南山街道"));
	/* It offers what the modules have, in their words, and nothing they lack. */
	assert_true(has(&r, "<li><strong>党务居务公开栏</strong>:党务、居务、财务公开内容和公示</li>"));
	assert_true(has(&r, "<li><strong>服务站点与热线</strong>"));
	assert_true(has(&r, "<li><strong>来信来访与热线</strong>"));
	assert_false(has(&r, "公开栏管理"));
	assert_false(has(&r, "工单管理")); /* staff sections are not offered to visitors */
	/* Links for programs are folded away and said to be so. */
	assert_true(has(&r, "<details class=\"machine\"><summary>数据接口"));
	assert_true(has_header(&r, "content-security-policy: default-src 'self'; script-src 'self'"));
	assert_true(has_header(&r, "frame-ancestors 'none'"));
	assert_true(has_header(&r, "x-content-type-options: nosniff"));
	assert_true(has_header(&r, "referrer-policy: same-origin"));
	assert_true(has_header(&r, "content-type: text/html; charset=utf-8"));
	done(&r);
	curl_easy_cleanup(c);
}

static void community_home_shows_committees_and_contact(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/c/xingfuli/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<h1>幸福里社区</h1>"));
	assert_true(has(&r, "党支部书记"));
	assert_true(has(&r, "居委会副主任"));
	assert_true(has(&r, "010-6488 1200"));
	done(&r);
	request(c, "/c/xingfuli", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(has_header(&r, "location: /c/xingfuli/"));
	done(&r);
	curl_easy_cleanup(c);
}

static void unknown_community_is_404_in_chinese(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/c/nowhere/", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_true(has(&r, "找不到这个社区"));
	done(&r);
	request(c, "/no/such/page", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_true(has(&r, "页面不存在"));
	assert_true(has(&r, "<a href=\"/login\">登录</a>"));
	done(&r);
	curl_easy_cleanup(c);
	/* Signed in, the same page shows who and how to leave, and is theirs alone. */
	c = logged_in("wangjg");
	for (int i = 0; i < 2; i++) {
		request(c, "/no/such/page", NULL, NULL, &r);
		assert_int_equal(r.status, 404);
		assert_true(has(&r, "页面不存在"));
		assert_true(has(&r, "<span class=\"who\">王建国</span>"));
		assert_true(has(&r, ">退出</button>"));
		assert_true(has_header(&r, "cache-control: private, no-store"));
		done(&r);
	}
	curl_easy_cleanup(c);
	c = client();
	request(c, "/no/such/page", NULL, NULL, &r);
	assert_false(has(&r, "王建国"));
	done(&r);
	curl_easy_cleanup(c);
}

static void login_succeeds_and_fails(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	assert_int_equal(login(c, "wangjg", "demo-pass-2026", &r), 303);
	assert_true(has_header(&r, "location: /c/xingfuli/admin/")); /* staff of one community: its workbench */
	assert_true(has_header(&r, "set-cookie: shequ_sid="));
	assert_true(has_header(&r, "HttpOnly; SameSite=Lax"));
	done(&r);
	request(c, "/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "王建国,您好"));
	done(&r);
	curl_easy_cleanup(c);

	c = client();
	assert_int_equal(login(c, "wangjg", "wrong-password", &r), 422);
	assert_true(has(&r, "账号或密码不正确"));
	assert_false(has_header(&r, "shequ_sid="));
	done(&r);
	assert_int_equal(login(c, "13900139001", "demo-pass-2026", &r), 303); /* by phone number */
	done(&r);
	curl_easy_cleanup(c);
}

static void login_is_throttled_after_repeated_failures(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	for (int i = 0; i < 5; i++) {
		assert_int_equal(login(c, "lihong", "guess-guess", &r), 422);
		done(&r);
	}
	/* Now even the right password is refused for a while. */
	assert_int_equal(login(c, "lihong", "demo-pass-2026", &r), 429);
	assert_true(has(&r, "登录失败次数过多"));
	assert_false(has_header(&r, "shequ_sid="));
	done(&r);
	curl_easy_cleanup(c);
}

static void post_without_csrf_is_refused_and_changes_nothing(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, "/c/xingfuli/admin/profile", "address=%E5%81%87%E5%9C%B0%E5%9D%80&phone=&hotline=&office_hours=&intro=",
		NULL, &r);
	assert_int_equal(r.status, 403);
	assert_true(has(&r, "CSRF"));
	done(&r);
	request(c, "/c/xingfuli/admin/profile", "csrf=forged&address=%E5%81%87", NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	request(c, "/c/xingfuli/", NULL, NULL, &r);
	assert_false(has(&r, "假地址"));
	assert_true(has(&r, "东湖街道幸福里 12 号"));
	done(&r);
	/* The login form itself needs the token too. */
	CURL *anon = client();
	request(anon, "/login", "login=wangjg&password=demo-pass-2026", NULL, &r);
	assert_int_equal(r.status, 403);
	assert_false(has_header(&r, "shequ_sid="));
	done(&r);
	curl_easy_cleanup(anon);
	curl_easy_cleanup(c);
}

/* Every management page a module adds is reachable from the workbench:
 * a community's staff sections on its workbench, the modules' street and
 * district links on /admin/; a community's staff see no admin-only link. */
static void workbenches_lead_to_the_modules_pages(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<h2>管理栏目</h2>"));
	assert_true(has(&r, "href=\"/c/xingfuli/admin/board/\">公开栏管理</a>"));
	assert_true(has(&r, "href=\"/c/xingfuli/admin/services/\""));
	done(&r);
	request(c, "/admin/", NULL, NULL, &r);
	assert_false(has(&r, "/admin/due"));
	done(&r);
	curl_easy_cleanup(c);
	c = logged_in("donghu");
	request(c, "/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "href=\"/admin/due\">各社区公开到期情况</a>"));
	done(&r);
	curl_easy_cleanup(c);
}

static void resident_is_refused_staff_pages(void **state)
{
	(void)state;
	CURL *c = logged_in("zhangsan");
	struct resp r;
	request(c, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	assert_true(has(&r, "没有权限"));
	done(&r);
	request(c, "/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(c);

	c = client(); /* a visitor is sent to log in, and back */
	request(c, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(has_header(&r, "location: /login?next=%2Fc%2Fxingfuli%2Fadmin%2F"));
	done(&r);
	curl_easy_cleanup(c);
}

static void street_admin_reaches_each_community_of_its_street_only(void **state)
{
	(void)state;
	CURL *c = logged_in("donghu");
	struct resp r;
	request(c, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	request(c, "/c/heping/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	request(c, "/c/cuizhu/admin/", NULL, NULL, &r); /* another street's community */
	assert_int_equal(r.status, 403);
	done(&r);
	request(c, "/admin/", NULL, NULL, &r);
	assert_true(has(&r, "和平社区"));
	assert_true(has(&r, "幸福里社区"));
	assert_false(has(&r, "翠竹社区"));
	done(&r);
	curl_easy_cleanup(c);
}

static void oversize_body_is_refused(void **state)
{
	(void)state;
	CURL *c = client();
	size_t n = 200000;
	char *big = malloc(n + 1);
	memset(big, 'a', n);
	big[n] = 0;
	memcpy(big, "x=", 2);
	struct resp r;
	request(c, "/login", big, NULL, &r);
	assert_int_equal(r.status, 413);
	done(&r);
	free(big);
	curl_easy_cleanup(c);
}

static void staff_action_writes_audit_row_in_same_transaction(void **state)
{
	(void)state;
	int before = audit_count("community.profile_update");
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, "/c/xingfuli/admin/profile", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	char body[1024];
	snprintf(body, sizeof body,
		 "csrf=%s&address=%%E5%%B9%%B8%%E7%%A6%%8F%%E9%%87%%8C+1+%%E5%%8F%%B7&phone=010-1234&hotline=12345&office_hours=&intro=",
		 csrf_from(&r));
	done(&r);
	request(c, "/c/xingfuli/admin/profile", body, NULL, &r);
	assert_int_equal(r.status, 303);
	done(&r);
	assert_int_equal(audit_count("community.profile_update"), before + 1);
	request(c, "/c/xingfuli/", NULL, NULL, &r);
	assert_true(has(&r, "幸福里 1 号"));
	done(&r);
	request(c, "/c/xingfuli/admin/audit", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	/* People read the action and the object in Chinese, not as codes. */
	assert_true(has(&r, "修改社区信息"));
	assert_false(has(&r, "community.profile_update"));
	assert_true(has(&r, ">社区<")); /* the object by name only: its slug is a code */
	assert_false(has(&r, ">社区 xingfuli<"));
	assert_true(has(&r, "王建国"));
	done(&r);
	request(c, "/c/xingfuli/admin/audit.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "修改社区信息,community.profile_update,社区"));
	done(&r);

	/* A rejected form changes nothing and writes no audit row. */
	request(c, "/c/xingfuli/admin/profile", NULL, NULL, &r);
	snprintf(body, sizeof body, "csrf=%s&address=&phone=abc", csrf_from(&r));
	done(&r);
	request(c, "/c/xingfuli/admin/profile", body, NULL, &r);
	assert_int_equal(r.status, 422);
	assert_true(has(&r, "请填写地址"));
	assert_true(has(&r, "aria-invalid=\"true\""));
	done(&r);
	assert_int_equal(audit_count("community.profile_update"), before + 1);
	assert_true(audit_count("login") >= 1);
	curl_easy_cleanup(c);
}

/* A save while another connection holds SQLite's write lock past the
 * wait (a big import) is told to try again in a moment: 503 in Chinese
 * with Retry-After, nothing written, not a 500. */
static void a_save_behind_a_long_write_is_told_to_retry(void **state)
{
	(void)state;
	if (!strncmp(dbpath, "postgres", 8))
		skip(); /* PostgreSQL writers wait for the rows they need, not for the database */
	int before = audit_count("community.profile_update");
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, "/c/xingfuli/admin/profile", NULL, NULL, &r);
	char body[1024];
	snprintf(body, sizeof body, "csrf=%s&address=%%E7%%AD%%89%%E5%%BE%%85&phone=010-1234&hotline=12345&office_hours=&intro=",
	         csrf_from(&r));
	done(&r);
	struct db *hold;
	char err[256];
	assert_int_equal(db_open(dbpath, &hold, err, sizeof err), 0);
	assert_int_equal(db_begin(hold), 0); /* BEGIN IMMEDIATE: the write lock, kept */
	request(c, "/c/xingfuli/admin/profile", body, NULL, &r);
	assert_int_equal(r.status, 503);
	assert_true(has(&r, "请稍等几秒后再试一次"));
	assert_true(has_header(&r, "retry-after: 10") || has_header(&r, "Retry-After: 10"));
	done(&r);
	db_rollback(hold);
	db_close(hold);
	assert_int_equal(audit_count("community.profile_update"), before);
	request(c, "/c/xingfuli/admin/profile", body, NULL, &r); /* and again, once it is free */
	assert_int_equal(r.status, 303);
	done(&r);
	curl_easy_cleanup(c);
}

static void logout_ends_the_session(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, "/admin/", NULL, NULL, &r);
	char body[128];
	snprintf(body, sizeof body, "csrf=%s", csrf_from(&r));
	done(&r);
	request(c, "/logout", body, NULL, &r);
	assert_int_equal(r.status, 303);
	done(&r);
	request(c, "/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 303); /* back to the login page */
	done(&r);
	curl_easy_cleanup(c);
}

static void api_answers_json_with_one_error_shape(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/api/v1/communities", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "content-type: application/json"));
	assert_true(has(&r, "\"slug\":\"xingfuli\",\"name\":\"幸福里社区\""));
	assert_true(has(&r, "\"street\":{\"slug\":\"donghu\",\"name\":\"东湖街道\"}"));
	done(&r);
	request(c, "/api/v1/health", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"status\":\"ok\""));
	done(&r);
	request(c, "/api/v1/nothing", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_true(has(&r, "{\"error\":{\"status\":404,\"code\":\"not_found\""));
	done(&r);
	request(c, "/api/v1/openapi.json", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"openapi\": \"3.1.0\""));
	assert_true(has(&r, "\"/api/v1/communities\""));
	done(&r);
	curl_easy_cleanup(c);
}

static void static_assets_cache_with_etag(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/static/site.css", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "cache-control: public, max-age=31536000, immutable"));
	assert_true(has(&r, "@media print"));
	const char *e = strcasestr(r.head.data, "etag: ");
	assert_non_null(e);
	char hdr[128];
	snprintf(hdr, sizeof hdr, "If-None-Match: %.*s", (int)strcspn(e + 6, "\r\n"), e + 6);
	done(&r);
	struct curl_slist *h = curl_slist_append(NULL, hdr);
	request(c, "/static/site.css", NULL, h, &r);
	assert_int_equal(r.status, 304);
	done(&r);
	curl_slist_free_all(h);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	request(c, "/static/nope.css", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	curl_easy_cleanup(c);
}

static void large_text_mode_is_remembered(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/c/xingfuli/", NULL, NULL, &r);
	assert_true(has(&r, "<html lang=\"zh-CN\"><head>"));
	assert_true(has(&r, "/prefs/text?size=large&amp;back=%2Fc%2Fxingfuli%2F"));
	done(&r);
	request(c, "/prefs/text?size=large&back=%2Fc%2Fxingfuli%2F", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(has_header(&r, "location: /c/xingfuli/"));
	assert_true(has_header(&r, "set-cookie: shequ_text=large;"));
	done(&r);
	request(c, "/c/xingfuli/", NULL, NULL, &r);
	assert_true(has(&r, "<html lang=\"zh-CN\" class=\"large\">"));
	assert_true(has(&r, "标准字号"));
	done(&r);
	request(c, "/prefs/text?size=huge", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	request(c, "/prefs/text?size=normal&back=%2F%2Fevil.example%2F", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(has_header(&r, "location: /\r"));
	done(&r);
	curl_easy_cleanup(c);
}

static void bad_input_gets_a_clear_error(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/?q=%zz", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(has(&r, "百分号编码"));
	done(&r);
	request(c, "/?q=%C0%AF", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(has(&r, "UTF-8"));
	done(&r);
	curl_easy_cleanup(c);
}

static void two_servers_act_as_one_site(void **state)
{
	(void)state;
	if (!server2)
		skip(); /* only with PostgreSQL */
	CURL *c = client();
	struct resp r;
	at = base;
	assert_int_equal(login(c, "zhengh", "demo-pass-2026", &r), 303);
	done(&r);
	/* The session made by one process is good on the other... */
	at = base2;
	request(c, "/c/cuizhu/admin/profile", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	char body[512];
	snprintf(body, sizeof body, "csrf=%s&address=%%E7%%BF%%A0%%E7%%AB%%B9%%E5%%9B%%AD+5+%%E5%%8F%%B7&phone=&hotline=&office_hours=&intro=",
		 csrf_from(&r));
	done(&r);
	/* ...and so is a CSRF token from a page of the other process. */
	int before = audit_count("community.profile_update");
	at = base;
	request(c, "/c/cuizhu/admin/profile", body, NULL, &r);
	assert_int_equal(r.status, 303);
	done(&r);
	assert_int_equal(audit_count("community.profile_update"), before + 1);
	at = base2;
	request(c, "/c/cuizhu/", NULL, NULL, &r);
	assert_true(has(&r, "翠竹园 5 号"));
	done(&r);
	/* Logging out through one ends the session on both. */
	request(c, "/admin/", NULL, NULL, &r);
	snprintf(body, sizeof body, "csrf=%s", csrf_from(&r));
	done(&r);
	request(c, "/logout", body, NULL, &r);
	assert_int_equal(r.status, 303);
	done(&r);
	at = base;
	request(c, "/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	done(&r);
	curl_easy_cleanup(c);

	/* Failed logins are counted across processes. */
	c = client();
	for (int i = 0; i < 5; i++) {
		at = i % 2 ? base2 : base;
		assert_int_equal(login(c, "nanshan", "guess-guess", &r), 422);
		done(&r);
	}
	at = base2;
	assert_int_equal(login(c, "nanshan", "demo-pass-2026", &r), 429);
	done(&r);
	at = base;
	assert_int_equal(login(c, "nanshan", "demo-pass-2026", &r), 429);
	done(&r);
	curl_easy_cleanup(c);
}

/* 我的: a signed-in resident's pages in the community, from each module,
 * linked from the header of the community's pages; a visitor is asked to
 * sign in. */
static void my_page_gathers_what_is_mine(void **state)
{
	(void)state;
	struct resp r;
	CURL *c = client();
	request(c, "/c/xingfuli/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(has_header(&r, "location: /login?next=%2Fc%2Fxingfuli%2Fmine"));
	done(&r);
	request(c, "/c/xingfuli/", NULL, NULL, &r);
	assert_false(has(&r, "href=\"/c/xingfuli/mine\""));
	done(&r);
	curl_easy_cleanup(c);
	CURL *z = logged_in("zhangsan");
	request(z, "/c/xingfuli/activities/", NULL, NULL, &r);
	assert_true(has(&r, "href=\"/c/xingfuli/mine\">我的</a>"));
	done(&r);
	request(z, "/c/xingfuli/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	/* the demo signed 张三 up for the smartphone class */
	assert_true(has(&r, "href=\"/c/xingfuli/activities/mine\">我的活动报名</a>"));
	assert_true(has(&r, "智能手机课堂"));
	assert_true(has(&r, "href=\"/c/xingfuli/facilities/mine\">我的场地预约</a>"));
	assert_true(has(&r, "href=\"/account/people\">我的登记信息</a>"));
	/* and the volunteering area's: 张三 is in two organizations and has a time bank account */
	assert_true(has(&r, "href=\"/c/xingfuli/volunteers/orgs/mine\">我的组织</a>"));
	assert_true(has(&r, "href=\"/c/xingfuli/volunteers/timebank/mine\">我的时间银行</a>"));
	assert_true(has(&r, "余额 "));
	assert_true(has(&r, "/c/xingfuli/volunteers/"));
	done(&r);
	curl_easy_cleanup(z);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_http PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(home_lists_communities_with_security_headers),
	    cmocka_unit_test(community_home_shows_committees_and_contact),
	    cmocka_unit_test(unknown_community_is_404_in_chinese),
	    cmocka_unit_test(login_succeeds_and_fails),
	    cmocka_unit_test(login_is_throttled_after_repeated_failures),
	    cmocka_unit_test(post_without_csrf_is_refused_and_changes_nothing),
	    cmocka_unit_test(workbenches_lead_to_the_modules_pages),
	    cmocka_unit_test(resident_is_refused_staff_pages),
	    cmocka_unit_test(street_admin_reaches_each_community_of_its_street_only),
	    cmocka_unit_test(oversize_body_is_refused),
	    cmocka_unit_test(staff_action_writes_audit_row_in_same_transaction),
	    cmocka_unit_test(a_save_behind_a_long_write_is_told_to_retry),
	    cmocka_unit_test(logout_ends_the_session),
	    cmocka_unit_test(api_answers_json_with_one_error_shape),
	    cmocka_unit_test(static_assets_cache_with_etag),
	    cmocka_unit_test(bad_input_gets_a_clear_error),
	    cmocka_unit_test(large_text_mode_is_remembered),
	    cmocka_unit_test(my_page_gathers_what_is_mine),
	    cmocka_unit_test(two_servers_act_as_one_site),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
