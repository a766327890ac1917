/* End-to-end: accounts on the web over the demo data (SQLite, and
 * PostgreSQL under tests/pg/with-postgres.sh): community staff open,
 * reset, disable and enable residents' accounts; admins manage the staff
 * of their communities; every refusal leaves everything as it was. */
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

static int64_t user_id(const char *username)
{
	return db_int("SELECT id FROM users WHERE username = ?", username, NULL);
}

static int64_t user_by_phone(const char *phone)
{
	return db_int("SELECT id FROM users WHERE phone = ?", phone, NULL);
}

static int64_t users_count(void)
{
	return db_int("SELECT COUNT(*) FROM users", NULL, NULL);
}

static int64_t grants_count(void)
{
	return db_int("SELECT COUNT(*) FROM role_grant", NULL, NULL);
}

/* The initial password a slip shows. */
static char *slip_password(const struct resp *r)
{
	static char pw[32];
	const char *p = strstr(r->body.data, "class=\"password\">");
	assert_non_null(p);
	p += strlen("class=\"password\">");
	size_t n = strcspn(p, "<");
	assert_true(n > 0 && n < sizeof pw);
	memcpy(pw, p, n);
	pw[n] = 0;
	return pw;
}

/* A column of the users row with this id. */
static int64_t user_col(const char *col, int64_t id)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT %s FROM users WHERE id = %lld", col, (long long)id);
	return db_int(sql, NULL, NULL);
}

/* Grants of role held by user id at the community with this slug. */
static int64_t grants_at(int64_t id, const char *role, const char *slug)
{
	char sql[300];
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM role_grant WHERE user_id = %lld AND role = ?"
		 " AND org_unit_id = (SELECT id FROM org_unit WHERE slug = ?)",
		 (long long)id);
	return db_int(sql, role, slug);
}

static const char *path_of(const char *fmt, int64_t id)
{
	static char buf[4][128];
	static int next;
	char *b = buf[next++ % 4];
	snprintf(b, 128, fmt, (long long)id);
	return b;
}

/* POSTs an empty form (CSRF only) to action, the token from a page every
 * signed-in user may open. */
static long post_button(CURL *c, const char *action)
{
	struct resp r;
	long st = post_form(c, "/account/password", action, &r, "x=1");
	done(&r);
	return st;
}

static long try_login(const char *login_name, const char *pw, struct resp *r)
{
	CURL *c = client();
	long st = login(c, login_name, pw, r);
	curl_easy_cleanup(c);
	return st;
}

static void a_cadre_opens_a_resident_account_and_the_resident_signs_in(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	int audits = audit_count("accounts.create");
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/accounts/new", "/c/xingfuli/admin/accounts/new", &r,
				   "name=%s&mobile=138-0013-8301&username=", "%E6%9D%8E%E5%9B%9B"),
			 200);
	assert_true(has(&r, "初始密码只在本页显示这一次"));
	assert_true(has(&r, "13800138301"));
	assert_true(has_header(&r, "no-store"));
	char pw[32];
	snprintf(pw, sizeof pw, "%s", slip_password(&r));
	done(&r);
	int64_t id = user_by_phone("13800138301");
	assert_true(id > 0);
	assert_int_equal(user_col("must_change_password", id), 1);
	assert_int_equal(grants_at(id, "resident", "xingfuli"), 1);
	assert_int_equal(audit_count("accounts.create"), audits + 1);

	/* The list shows the account, its mobile masked. */
	request(staff, "/c/xingfuli/admin/accounts/?q=%E6%9D%8E%E5%9B%9B", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "138****8301"));
	assert_false(has(&r, "13800138301"));
	done(&r);

	/* The resident signs in with the slip's password and is sent to change it. */
	CURL *res = client();
	assert_int_equal(login(res, "13800138301", pw, &r), 303);
	assert_true(has_header(&r, "location: /account/password?first=1"));
	done(&r);
	assert_int_equal(post_form(res, "/account/password?first=1", "/account/password", &r,
				   "current=%s&new=Qiu-feng-2026-lsi&confirm=Qiu-feng-2026-lsi", pw),
			 303);
	done(&r);
	assert_int_equal(user_col("must_change_password", id), 0);
	assert_int_equal(try_login("13800138301", "Qiu-feng-2026-lsi", &r), 303);
	assert_false(has_header(&r, "location: /account/password"));
	done(&r);
	curl_easy_cleanup(res);
	curl_easy_cleanup(staff);
}

static void the_form_takes_spaced_mobiles_and_refuses_bad_or_taken_ones(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/accounts/new", "/c/xingfuli/admin/accounts/new", &r,
				   "name=%s&mobile=138+0013+8302&username=wangwu", "%E7%8E%8B%E4%BA%94"),
			 200);
	done(&r);
	assert_true(user_by_phone("13800138302") > 0);
	assert_true(user_id("wangwu") > 0);
	int64_t users = users_count(), grants = grants_count();
	int audits = audit_count("accounts.create");
	/* Too short: the error beside the field, what was typed kept. */
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/accounts/new", "/c/xingfuli/admin/accounts/new", &r,
				   "name=%s&mobile=138-0013-830&username=", "%E8%B5%B5%E5%85%AD"),
			 422);
	assert_true(has(&r, "id=\"e-mobile\""));
	assert_true(has(&r, "138-0013-830"));
	assert_true(has(&r, "赵六"));
	done(&r);
	/* Taken (the demo resident's mobile, typed with dashes). */
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/accounts/new", "/c/xingfuli/admin/accounts/new", &r,
				   "name=%s&mobile=138-0013-8000&username=", "%E8%B5%B5%E5%85%AD"),
			 422);
	assert_true(has(&r, "已有账号"));
	done(&r);
	/* Taken username. */
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/accounts/new", "/c/xingfuli/admin/accounts/new", &r,
				   "name=%s&mobile=13800138303&username=wangwu", "%E8%B5%B5%E5%85%AD"),
			 422);
	done(&r);
	assert_int_equal(users_count(), users);
	assert_int_equal(grants_count(), grants);
	assert_int_equal(audit_count("accounts.create"), audits);
	curl_easy_cleanup(staff);
}

/* Tries every management step on zhangsan (a resident of 幸福里) as a user
 * who may not, and checks each is refused with status and nothing changed. */
static void refused_everything(CURL *c, long status)
{
	int64_t zs = user_id("zhangsan");
	int64_t users = users_count(), grants = grants_count();
	int64_t audits = db_int("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'accounts.%'", NULL, NULL);
	struct resp r;
	request(c, "/c/xingfuli/admin/accounts/", NULL, NULL, &r);
	assert_int_equal(r.status, status);
	done(&r);
	request(c, path_of("/c/xingfuli/admin/accounts/%lld", zs), NULL, NULL, &r);
	assert_int_equal(r.status, status);
	done(&r);
	request(c, "/c/xingfuli/admin/accounts/accounts.csv", NULL, NULL, &r);
	assert_int_equal(r.status, status);
	done(&r);
	assert_int_equal(post_form(c, "/account/password", "/c/xingfuli/admin/accounts/new", &r,
				   "name=%s&mobile=13800138399&username=", "%E8%B5%B5"),
			 status);
	done(&r);
	assert_int_equal(post_button(c, path_of("/c/xingfuli/admin/accounts/%lld/disable", zs)), status);
	assert_int_equal(post_button(c, path_of("/c/xingfuli/admin/accounts/%lld/reset", zs)), status);
	assert_int_equal(users_count(), users);
	assert_int_equal(grants_count(), grants);
	assert_int_equal(db_int("SELECT disabled FROM users WHERE username = 'zhangsan'", NULL, NULL), 0);
	assert_int_equal(db_int("SELECT must_change_password FROM users WHERE username = 'zhangsan'", NULL, NULL), 0);
	assert_int_equal(db_int("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'accounts.%'", NULL, NULL), audits);
}

static void residents_supervisors_and_others_staff_are_refused(void **state)
{
	(void)state;
	const char *who[] = {"zhangsan", "jiandu", "lihong", "nanshan"};
	for (size_t i = 0; i < sizeof who / sizeof *who; i++) {
		CURL *c = logged_in(who[i]);
		refused_everything(c, 403);
		curl_easy_cleanup(c);
	}
}

static void staff_cannot_manage_staff_admins_or_themselves(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	int64_t users = users_count();
	/* Their own account. */
	assert_int_equal(post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/disable", user_id("wangjg"))), 403);
	/* Staff of another community who also lives here. */
	char sql[256];
	snprintf(sql, sizeof sql,
		 "INSERT INTO role_grant (user_id, org_unit_id, role, granted_at) VALUES (%lld, %s, 'resident', 0)",
		 (long long)user_id("lihong"), XFL);
	assert_int_equal(db_exec1(sql), 0);
	assert_int_equal(post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/reset", user_id("lihong"))), 403);
	assert_int_equal(post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/disable", user_id("lihong"))), 403);
	/* Someone not of this community at all: not found. */
	assert_int_equal(post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/disable", user_id("zhengh"))), 404);
	assert_int_equal(post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/disable", user_id("donghu"))), 404);
	assert_int_equal(db_int("SELECT COUNT(*) FROM users WHERE (disabled = 1 OR must_change_password = 1)"
				" AND username IN ('wangjg', 'lihong', 'zhengh', 'donghu')",
				NULL, NULL),
			 0);
	assert_int_equal(users_count(), users);
	curl_easy_cleanup(staff);
}

static void a_reset_shows_a_new_password_and_disabling_ends_the_sessions(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	int64_t id = user_by_phone("13800138302"); /* 王五, opened above */
	assert_true(id > 0);
	struct resp r;
	int resets = audit_count("accounts.reset_password");
	assert_int_equal(post_form(staff, path_of("/c/xingfuli/admin/accounts/%lld", id),
				   path_of("/c/xingfuli/admin/accounts/%lld/reset", id), &r, "x=1"),
			 200);
	assert_true(has(&r, "密码已重置"));
	assert_true(has_header(&r, "no-store"));
	char pw[32];
	snprintf(pw, sizeof pw, "%s", slip_password(&r));
	done(&r);
	assert_int_equal(audit_count("accounts.reset_password"), resets + 1);

	CURL *res = client();
	assert_int_equal(login(res, "wangwu", pw, &r), 303);
	assert_true(has_header(&r, "location: /account/password?first=1"));
	done(&r);
	request(res, "/account/password", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);

	int disables = audit_count("accounts.disable");
	assert_int_equal(post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/disable", id)), 303);
	assert_int_equal(audit_count("accounts.disable"), disables + 1);
	/* Its session has ended and it cannot sign in. */
	request(res, "/account/password", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(has_header(&r, "location: /login"));
	done(&r);
	assert_int_equal(try_login("wangwu", pw, &r), 422);
	done(&r);
	/* Disabling again changes nothing and writes no audit row. */
	assert_int_equal(post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/disable", id)), 303);
	assert_int_equal(audit_count("accounts.disable"), disables + 1);
	/* A disabled account's password is not reset. */
	assert_int_equal(post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/reset", id)), 303);
	assert_int_equal(audit_count("accounts.reset_password"), resets + 1);
	/* The list filters by state. */
	request(staff, "/c/xingfuli/admin/accounts/?state=disabled", NULL, NULL, &r);
	assert_true(has(&r, "王五"));
	assert_false(has(&r, "张三"));
	done(&r);
	int enables = audit_count("accounts.enable");
	assert_int_equal(post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/enable", id)), 303);
	assert_int_equal(audit_count("accounts.enable"), enables + 1);
	assert_int_equal(try_login("wangwu", pw, &r), 303);
	done(&r);
	curl_easy_cleanup(res);
	curl_easy_cleanup(staff);
}

static void the_list_exports_with_masked_mobiles(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	request(staff, "/c/xingfuli/admin/accounts/accounts.csv?role=resident", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "张三"));
	assert_true(has(&r, "138****8000"));
	assert_false(has(&r, "孙立")); /* the supervisor, filtered out */
	done(&r);
	request(staff, "/c/xingfuli/admin/accounts/accounts.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	request(staff, "/c/xingfuli/admin/accounts/?role=admin", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	curl_easy_cleanup(staff);
}

static void a_street_admin_manages_staff_only_under_their_street(void **state)
{
	(void)state;
	CURL *dh = logged_in("donghu");
	struct resp r;
	int creates = audit_count("accounts.staff_create");
	assert_int_equal(post_form(dh, "/admin/accounts/new", "/admin/accounts/new", &r,
				   "name=%s&mobile=13800138311&username=&community=heping", "%E9%92%B1%E4%B8%83"),
			 200);
	done(&r);
	int64_t qian = user_by_phone("13800138311");
	assert_int_equal(grants_at(qian, "staff", "heping"), 1);
	assert_int_equal(audit_count("accounts.staff_create"), creates + 1);
	/* Not at a community of another street. */
	int64_t users = users_count(), grants = grants_count();
	assert_int_equal(post_form(dh, "/admin/accounts/new", "/admin/accounts/new", &r,
				   "name=%s&mobile=13800138312&username=&community=cuizhu", "%E9%92%B1%E5%85%AB"),
			 422);
	done(&r);
	assert_int_equal(users_count(), users);
	/* Grant and revoke the staff role of an existing account. */
	assert_int_equal(post_form(dh, "/admin/accounts/", "/admin/accounts/grant", &r,
				   "mobile=138-0013-8000&community=xingfuli"),
			 303);
	done(&r);
	assert_int_equal(grants_count(), grants + 1);
	assert_int_equal(post_form(dh, "/admin/accounts/", path_of("/admin/accounts/%lld/revoke", user_id("zhangsan")), &r,
				   "community=xingfuli"),
			 303);
	done(&r);
	assert_int_equal(grants_count(), grants);
	assert_int_equal(post_form(dh, "/admin/accounts/", "/admin/accounts/grant", &r,
				   "mobile=13800138000&community=cuizhu"),
			 403);
	done(&r);
	assert_int_equal(grants_count(), grants);
	/* Not on staff of another street, admins or themselves. */
	assert_int_equal(post_button(dh, path_of("/admin/accounts/%lld/disable", user_id("zhengh"))), 404);
	assert_int_equal(post_button(dh, path_of("/admin/accounts/%lld/reset", user_id("zhengh"))), 404);
	assert_int_equal(post_button(dh, path_of("/admin/accounts/%lld/disable", user_id("donghu"))), 403);
	assert_int_equal(db_int("SELECT COUNT(*) FROM users WHERE disabled = 1 AND username IN ('zhengh', 'donghu')",
				NULL, NULL),
			 0);
	/* 南山's admin cannot touch 东湖's staff; staff cannot open /admin/accounts/. */
	CURL *ns = logged_in("nanshan");
	assert_int_equal(post_button(ns, path_of("/admin/accounts/%lld/disable", user_id("wangjg"))), 404);
	request(ns, "/admin/accounts/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, "王建国"));
	assert_true(has(&r, "郑海燕"));
	done(&r);
	CURL *st = logged_in("wangjg");
	request(st, "/admin/accounts/", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	assert_int_equal(db_int("SELECT disabled FROM users WHERE username = 'wangjg'", NULL, NULL), 0);
	/* The street admin disables and re-enables a staff account of the street. */
	assert_int_equal(post_button(dh, path_of("/admin/accounts/%lld/disable", qian)), 303);
	assert_int_equal(user_col("disabled", qian), 1);
	assert_int_equal(post_button(dh, path_of("/admin/accounts/%lld/enable", qian)), 303);
	assert_int_equal(user_col("disabled", qian), 0);
	curl_easy_cleanup(st);
	curl_easy_cleanup(ns);
	curl_easy_cleanup(dh);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_accounts_http PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_cadre_opens_a_resident_account_and_the_resident_signs_in),
	    cmocka_unit_test(the_form_takes_spaced_mobiles_and_refuses_bad_or_taken_ones),
	    cmocka_unit_test(residents_supervisors_and_others_staff_are_refused),
	    cmocka_unit_test(staff_cannot_manage_staff_admins_or_themselves),
	    cmocka_unit_test(a_reset_shows_a_new_password_and_disabling_ends_the_sessions),
	    cmocka_unit_test(the_list_exports_with_masked_mobiles),
	    cmocka_unit_test(a_street_admin_manages_staff_only_under_their_street),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
