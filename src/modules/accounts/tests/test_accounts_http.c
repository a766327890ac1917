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

#include <pthread.h>
#include <time.h>

#include "auth/auth.h"
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

/* A flag of the users row with this id: col is "disabled" or
 * "must_change_password" (both bound, never spliced into the SQL). */
static int64_t user_col(const char *col, int64_t id)
{
	char idv[24];
	snprintf(idv, sizeof idv, "%lld", (long long)id);
	return db_int("SELECT CASE ? WHEN 'disabled' THEN disabled WHEN 'must_change_password' THEN must_change_password"
		      " END FROM users WHERE id = CAST(? AS BIGINT)",
		      col, idv);
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
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/accounts/new", "/c/xingfuli/admin/accounts/new",
	                           &r, "name=%s&mobile=138-0013-8301&username=", "%E6%9D%8E%E5%9B%9B"),
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
	/* Then on to her community, not left on an empty form. */
	request(res, "/account/password?done=1", NULL, NULL, &r);
	assert_true(has(&r, "href=\"/c/xingfuli/\">继续,进入我的社区</a>"));
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
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/accounts/new", "/c/xingfuli/admin/accounts/new",
	                           &r, "name=%s&mobile=138+0013+8302&username=wangwu", "%E7%8E%8B%E4%BA%94"),
	                 200);
	done(&r);
	assert_true(user_by_phone("13800138302") > 0);
	assert_true(user_id("wangwu") > 0);
	int64_t users = users_count(), grants = grants_count();
	int audits = audit_count("accounts.create");
	/* Too short: the error beside the field, what was typed kept. */
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/accounts/new", "/c/xingfuli/admin/accounts/new",
	                           &r, "name=%s&mobile=138-0013-830&username=", "%E8%B5%B5%E5%85%AD"),
	                 422);
	assert_true(has(&r, "id=\"e-mobile\""));
	assert_true(has(&r, "138-0013-830"));
	assert_true(has(&r, "赵六"));
	done(&r);
	/* Taken (the demo resident's mobile, typed with dashes). */
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/accounts/new", "/c/xingfuli/admin/accounts/new",
	                           &r, "name=%s&mobile=138-0013-8000&username=", "%E8%B5%B5%E5%85%AD"),
	                 422);
	assert_true(has(&r, "已有账号"));
	done(&r);
	/* Taken username. */
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/accounts/new", "/c/xingfuli/admin/accounts/new",
	                           &r, "name=%s&mobile=13800138303&username=wangwu", "%E8%B5%B5%E5%85%AD"),
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
	assert_int_equal(
	    db_int("SELECT must_change_password FROM users WHERE username = 'zhangsan'", NULL, NULL), 0);
	assert_int_equal(db_int("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'accounts.%'", NULL, NULL),
	                 audits);
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
	assert_int_equal(
	    post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/disable", user_id("wangjg"))), 403);
	/* Staff of another community who also lives here. */
	char sql[256];
	snprintf(sql, sizeof sql,
	         "INSERT INTO role_grant (user_id, org_unit_id, role, granted_at) VALUES (%lld, %s, "
	         "'resident', 0)",
	         (long long)user_id("lihong"), XFL);
	assert_int_equal(db_exec1(sql), 0);
	assert_int_equal(
	    post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/reset", user_id("lihong"))), 403);
	assert_int_equal(
	    post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/disable", user_id("lihong"))), 403);
	/* Someone not of this community at all: not found. */
	assert_int_equal(
	    post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/disable", user_id("zhengh"))), 404);
	assert_int_equal(
	    post_button(staff, path_of("/c/xingfuli/admin/accounts/%lld/disable", user_id("donghu"))), 404);
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
	/* Not without ticking that the owner asked for it. */
	assert_int_equal(post_form(staff, path_of("/c/xingfuli/admin/accounts/%lld", id),
	                           path_of("/c/xingfuli/admin/accounts/%lld/reset", id), &r, "x=1"),
	                 303);
	assert_true(has_header(&r, "done=unconfirmed"));
	done(&r);
	assert_int_equal(audit_count("accounts.reset_password"), resets);
	assert_int_equal(post_form(staff, path_of("/c/xingfuli/admin/accounts/%lld", id),
	                           path_of("/c/xingfuli/admin/accounts/%lld/reset", id), &r, "confirm=1"),
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
	/* The list links to the exports it has, with its filter. */
	request(staff, "/c/xingfuli/admin/accounts/?role=resident", NULL, NULL, &r);
	assert_true(has(&r, "href=\"/c/xingfuli/admin/accounts/accounts.csv?role=resident\""));
	assert_true(has(&r, "href=\"/c/xingfuli/admin/accounts/accounts.xlsx?role=resident\""));
	done(&r);
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
	                           "name=%s&mobile=13800138311&username=&community=heping",
	                           "%E9%92%B1%E4%B8%83"),
	                 200);
	done(&r);
	int64_t qian = user_by_phone("13800138311");
	assert_int_equal(grants_at(qian, "staff", "heping"), 1);
	assert_int_equal(audit_count("accounts.staff_create"), creates + 1);
	/* Not at a community of another street. */
	int64_t users = users_count(), grants = grants_count();
	assert_int_equal(post_form(dh, "/admin/accounts/new", "/admin/accounts/new", &r,
	                           "name=%s&mobile=13800138312&username=&community=cuizhu",
	                           "%E9%92%B1%E5%85%AB"),
	                 422);
	done(&r);
	assert_int_equal(users_count(), users);
	/* Grant and revoke the staff role of an existing account. */
	assert_int_equal(post_form(dh, "/admin/accounts/", "/admin/accounts/grant", &r,
	                           "mobile=138-0013-8000&community=xingfuli"),
	                 303);
	done(&r);
	assert_int_equal(grants_count(), grants + 1);
	assert_int_equal(post_form(dh, "/admin/accounts/",
	                           path_of("/admin/accounts/%lld/revoke", user_id("zhangsan")), &r,
	                           "community=xingfuli"),
	                 303);
	done(&r);
	assert_int_equal(grants_count(), grants);
	assert_int_equal(post_form(dh, "/admin/accounts/", "/admin/accounts/grant", &r,
	                           "mobile=13800138000&community=cuizhu"),
	                 403);
	done(&r);
	assert_int_equal(grants_count(), grants);
	/* No such account, or staff of another street: said beside the field. */
	assert_int_equal(post_form(dh, "/admin/accounts/", "/admin/accounts/grant", &r,
	                           "mobile=13800138999&community=xingfuli"),
	                 422);
	assert_true(has(&r, "id=\"e-mobile\""));
	assert_true(has(&r, "13800138999"));
	done(&r);
	assert_int_equal(post_form(dh, "/admin/accounts/", "/admin/accounts/grant", &r,
	                           "mobile=13900139003&community=xingfuli"),
	                 422);
	assert_true(has(&r, "管辖范围以外"));
	done(&r);
	assert_int_equal(grants_count(), grants);
	/* Not on staff of another street, admins or themselves. */
	assert_int_equal(post_button(dh, path_of("/admin/accounts/%lld/disable", user_id("zhengh"))), 404);
	assert_int_equal(post_button(dh, path_of("/admin/accounts/%lld/reset", user_id("zhengh"))), 404);
	assert_int_equal(post_button(dh, path_of("/admin/accounts/%lld/disable", user_id("donghu"))), 403);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM users WHERE disabled = 1 AND username IN ('zhengh', 'donghu')", NULL,
	           NULL),
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

/* Counts 幸福里's supervisor terms where cond (a literal, its values bound as p1, p2). */
#define TERMS_WHERE(cond) "SELECT COUNT(*) FROM supervisor_term WHERE community_id = " XFL " AND " cond

static void staff_appoint_and_end_supervisors_with_history(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	int64_t zs = user_id("zhangsan");
	int appoints = audit_count("accounts.supervisor_appoint");
	/* An existing resident, the mobile typed with spaces. */
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/supervisors/new",
	                           "/c/xingfuli/admin/supervisors/new", &r,
	                           "mobile=138+0013+8000&name=&appointed_on=2026-03-01&term_end=2029-02-28"),
	                 303);
	done(&r);
	assert_int_equal(grants_at(zs, "supervisor", "xingfuli"), 1);
	assert_int_equal(
	    db_int(TERMS_WHERE("ended_on IS NULL AND appointed_on = ? AND term_end = ?"), "2026-03-01", "2029-02-28"), 1);
	assert_int_equal(audit_count("accounts.supervisor_appoint"), appoints + 1);
	/* The public supervisors' page states the appointment and the term. */
	visit(at, "/c/xingfuli/supervisors", NULL, &r);
	assert_true(has(&r, "聘任于 2026-03-01,任期至 2029-02-28"));
	done(&r);
	/* Not twice; not staff; not a term ending before it starts; not someone of another community. */
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/supervisors/new",
	                           "/c/xingfuli/admin/supervisors/new", &r,
	                           "mobile=13800138000&name=&appointed_on=2026-04-01&term_end=2029-02-28"),
	                 422);
	assert_true(has(&r, "已在任"));
	done(&r);
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/supervisors/new",
	                           "/c/xingfuli/admin/supervisors/new", &r,
	                           "mobile=13900139001&name=&appointed_on=2026-04-01&term_end=2029-02-28"),
	                 422);
	done(&r);
	assert_int_equal(
	    db_exec1("INSERT INTO users (username, phone, display_name, pw_hash, created_at, pw_changed_at)"
	             " VALUES ('outsider', '13800138399', '外人', 'x', 0, 0)"),
	    0);
	char sql[300];
	snprintf(sql, sizeof sql,
	         "INSERT INTO role_grant (user_id, org_unit_id, role, granted_at)"
	         " VALUES (%lld, (SELECT id FROM org_unit WHERE slug = 'heping'), 'resident', 0)",
	         (long long)user_id("outsider"));
	assert_int_equal(db_exec1(sql), 0);
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/supervisors/new",
	                           "/c/xingfuli/admin/supervisors/new", &r,
	                           "mobile=13800138399&name=&appointed_on=2026-04-01&term_end=2029-02-28"),
	                 422);
	assert_true(has(&r, "不是本社区的居民"));
	done(&r);
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/supervisors/new",
	                           "/c/xingfuli/admin/supervisors/new", &r,
	                           "mobile=13800138302&name=&appointed_on=2026-04-01&term_end=2026-03-01"),
	                 422);
	assert_true(has(&r, "id=\"e-term_end\""));
	done(&r);
	assert_int_equal(audit_count("accounts.supervisor_appoint"), appoints + 1);
	/* Someone without an account: opened and appointed, the password shown once. */
	int64_t users = users_count();
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/supervisors/new",
	                           "/c/xingfuli/admin/supervisors/new", &r,
	                           "mobile=13800138321&name=%s&appointed_on=2026-03-01&term_end=2029-02-28",
	                           "%E5%91%A8%E5%85%AB"),
	                 200);
	assert_true(has(&r, "初始密码"));
	done(&r);
	assert_int_equal(users_count(), users + 1);
	int64_t zb = user_by_phone("13800138321");
	assert_int_equal(grants_at(zb, "supervisor", "xingfuli"), 1);
	assert_int_equal(grants_at(zb, "resident", "xingfuli"), 1);
	/* The public page of supervisors still lists them (read through the grants). */
	request(staff, "/c/xingfuli/admin/supervisors/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "周八"));
	assert_true(has(&r, "孙立")); /* the demo's, appointed by the demo data */
	done(&r);
	/* End 张三's appointment: the role goes, the record stays. */
	char path[128];
	snprintf(path, sizeof path, "/c/xingfuli/admin/supervisors/%lld/end",
	         (long long)db_int("SELECT id FROM supervisor_term WHERE user_id = ? AND ended_on IS NULL",
	                           path_of("%lld", zs), NULL));
	int ends = audit_count("accounts.supervisor_end");
	assert_int_equal(post_form(staff, path, path, &r, "ended_on=2026-11-01&reason=%s",
	                           "%E4%BB%BB%E6%9C%9F%E5%B1%8A%E6%BB%A1"),
	                 303);
	done(&r);
	assert_int_equal(grants_at(zs, "supervisor", "xingfuli"), 0);
	assert_int_equal(db_int(TERMS_WHERE("ended_on = ? AND end_reason = ?"), "2026-11-01", "任期届满"), 1);
	assert_int_equal(audit_count("accounts.supervisor_end"), ends + 1);
	/* Ended already: not found, nothing more written. */
	assert_int_equal(
	    post_form(staff, "/c/xingfuli/admin/supervisors/", path, &r, "ended_on=2026-11-02&reason=x"),
	    404);
	done(&r);
	assert_int_equal(audit_count("accounts.supervisor_end"), ends + 1);
	request(staff, "/c/xingfuli/admin/supervisors/", NULL, NULL, &r);
	assert_true(has(&r, "任期届满"));
	done(&r);
	/* Appointed again later: a second record. */
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/supervisors/new",
	                           "/c/xingfuli/admin/supervisors/new", &r,
	                           "mobile=13800138000&name=&appointed_on=2026-12-01&term_end=2029-11-30"),
	                 303);
	done(&r);
	assert_int_equal(db_int(TERMS_WHERE("user_id IN (SELECT id FROM users WHERE username = ?)"), "zhangsan", NULL), 2);
	/* Others may not. */
	CURL *res = logged_in("jiandu");
	assert_int_equal(post_form(res, "/account/password", "/c/xingfuli/admin/supervisors/new", &r,
	                           "mobile=13800138302&name=&appointed_on=2026-03-01&term_end=2029-02-28"),
	                 403);
	done(&r);
	curl_easy_cleanup(res);
	CURL *other = logged_in("lihong");
	assert_int_equal(post_form(other, "/account/password", path, &r, "ended_on=2026-11-02&reason=x"),
	                 403);
	done(&r);
	curl_easy_cleanup(other);
	curl_easy_cleanup(staff);
}

static int64_t member_order(const char *name, const char *committee)
{
	char sql[200];
	snprintf(
	    sql, sizeof sql,
	    "SELECT sort_order FROM committee_member WHERE community_id = %s AND name = ? AND committee = ?",
	    XFL);
	return db_int(sql, name, committee);
}

static void staff_edit_the_two_committees(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	int adds = audit_count("accounts.committee_add");
	assert_int_equal(
	    post_form(
	        staff, "/c/xingfuli/admin/committee/new", "/c/xingfuli/admin/committee/new", &r,
	        "committee=residents&name=%s&title=%s&duty=%s&term_start=2026-03-01&term_end=2031-02-28",
	        "%E9%92%B1%E4%B9%9D", "%E5%B1%85%E5%A7%94%E4%BC%9A%E5%A7%94%E5%91%98", "%E6%96%87%E4%BD%93"),
	    303);
	done(&r);
	assert_int_equal(audit_count("accounts.committee_add"), adds + 1);
	assert_int_equal(member_order("钱九", "residents"), 6); /* after the demo's 3, 4, 5 */
	/* The public page shows the new member. */
	visit(at, "/c/xingfuli/", NULL, &r);
	assert_true(has(&r, "钱九"));
	done(&r);
	int64_t id = db_int("SELECT id FROM committee_member WHERE name = '钱九'", NULL, NULL);
	char path[128];
	/* Moved up: it and 周立新 change places. */
	snprintf(path, sizeof path, "/c/xingfuli/admin/committee/%lld/move", (long long)id);
	assert_int_equal(post_form(staff, "/c/xingfuli/admin/committee/", path, &r, "dir=up"), 303);
	done(&r);
	assert_int_equal(member_order("钱九", "residents"), 2);
	assert_int_equal(member_order("周立新", "residents"), 3);
	/* A bad date is shown beside its field, the rest kept. */
	snprintf(path, sizeof path, "/c/xingfuli/admin/committee/%lld", (long long)id);
	assert_int_equal(post_form(staff, path, path, &r,
	                           "committee=residents&name=%s&title=%s&duty=&term_start=2026-3-1&term_end=",
	                           "%E9%92%B1%E4%B9%9D", "%E5%89%AF%E4%B8%BB%E4%BB%BB"),
	                 422);
	assert_true(has(&r, "id=\"e-term_start\""));
	assert_true(has(&r, "副主任"));
	done(&r);
	assert_int_equal(post_form(staff, path, path, &r,
	                           "committee=party&name=%s&title=%s&duty=&term_start=&term_end=",
	                           "%E9%92%B1%E4%B9%9D", "%E5%85%9A%E6%94%AF%E9%83%A8%E5%A7%94%E5%91%98"),
	                 303);
	done(&r);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM committee_member WHERE name = '钱九' AND committee = 'party'"
	           " AND title = '党支部委员'",
	           NULL, NULL),
	    1);
	/* Another community's staff may not; removal asks first, then removes. */
	CURL *other = logged_in("lihong");
	assert_int_equal(post_form(other, "/account/password", path, &r, "committee=party&name=x&title=x"),
	                 403);
	done(&r);
	curl_easy_cleanup(other);
	snprintf(path, sizeof path, "/c/xingfuli/admin/committee/%lld/delete", (long long)id);
	request(staff, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "确定删除"));
	done(&r);
	assert_int_equal(post_form(staff, path, path, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM committee_member WHERE name = '钱九'", NULL, NULL), 0);
	assert_int_equal(audit_count("accounts.committee_delete"), 1);
	curl_easy_cleanup(staff);
}

/* ---- races: two connections, as two server processes ---- */

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

struct appoint_race {
	struct db *db;
	int64_t community, user;
	int rc; /* 0 appointed, 1 found serving, -1 error */
};

/* What the appointment handler does: lock the account, look for a serving
 * appointment, appoint when there is none. */
static int appoint_once(struct db *db, int64_t community, int64_t user, int hold_ms)
{
	struct arena a;
	arena_init(&a, 1 << 20);
	struct auth_user u;
	struct auth_supervisor_term t;
	int64_t id;
	int rc = db_begin(db);
	if (rc == 0)
		rc = auth_user_lock(db, &a, user, &u, NULL);
	int on = rc == 0 ? auth_supervisor_serving(db, &a, community, user, &t) : -1;
	if (on == 1)
		rc = auth_supervisor_appoint(db, community, user, "2027-01-01", "2030-01-01", 1, &id);
	if (hold_ms)
		sleep_ms(hold_ms);
	if (rc == 0 && on == 1)
		rc = db_commit(db);
	else
		db_rollback(db);
	arena_free(&a);
	return rc < 0 || on < 0 ? -1 : on == 0 ? 1 : 0;
}

static void *appoint_on_b(void *arg)
{
	struct appoint_race *r = arg;
	r->rc = appoint_once(r->db, r->community, r->user, 0);
	return NULL;
}

struct end_race {
	struct db *db;
	int64_t community, id, user;
	int rc; /* 0 ended, 1 found ended, -1 error */
};

/* What the end handler does: lock the appointment, end it if serving. */
static void *end_on_b(void *arg)
{
	struct end_race *e = arg;
	struct arena a;
	arena_init(&a, 1 << 20);
	struct auth_supervisor_term t;
	int rc = db_begin(e->db);
	if (rc == 0)
		rc = auth_supervisor_term_lock(e->db, &a, e->community, e->id, &t);
	if (rc == 0 && t.ended_on)
		rc = 1;
	if (rc == 0)
		rc = auth_supervisor_end(e->db, e->community, e->id, e->user, "2027-06-02", "b", 3);
	if (rc == 0)
		rc = db_commit(e->db);
	else
		db_rollback(e->db);
	e->rc = rc;
	arena_free(&a);
	return NULL;
}

/* Two staff appoint the same person at once: the second waits for the
 * first's lock and finds the appointment it made. */
static void two_appointments_of_one_person_at_once_make_one(void **state)
{
	(void)state;
	struct db *a, *b;
	char err[256];
	assert_int_equal(db_open(dbpath, &a, err, sizeof err), 0);
	assert_int_equal(db_open(dbpath, &b, err, sizeof err), 0);
	int64_t wangwu = user_by_phone("13800138302");
	int64_t community = db_int("SELECT id FROM org_unit WHERE slug = 'xingfuli'", NULL, NULL);
	int64_t before = db_int(TERMS_WHERE("ended_on IS NULL"), NULL, NULL);
	struct appoint_race r = {b, community, wangwu, -2};
	pthread_t th;
	/* a takes the lock and holds it while b starts. */
	struct arena ar;
	arena_init(&ar, 1 << 20);
	struct auth_user u;
	struct auth_supervisor_term t;
	int64_t id;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(auth_user_lock(a, &ar, wangwu, &u, NULL), 0);
	assert_int_equal(auth_supervisor_serving(a, &ar, community, wangwu, &t), 1);
	assert_int_equal(pthread_create(&th, NULL, appoint_on_b, &r), 0);
	sleep_ms(300);
	assert_int_equal(auth_supervisor_appoint(a, community, wangwu, "2027-01-01", "2030-01-01", 1, &id),
	                 0);
	assert_int_equal(db_commit(a), 0);
	pthread_join(th, NULL);
	assert_int_equal(r.rc, 1);
	assert_int_equal(db_int(TERMS_WHERE("ended_on IS NULL"), NULL, NULL), before + 1);
	/* Ending it twice at once: one ends it, the other finds it ended. */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(auth_supervisor_term_lock(a, &ar, community, id, &t), 0);
	assert_int_equal(auth_supervisor_end(a, community, id, wangwu, "2027-06-01", "a", 2), 0);
	struct end_race e = {b, community, id, wangwu, -2};
	assert_int_equal(pthread_create(&th, NULL, end_on_b, &e), 0);
	sleep_ms(300);
	assert_int_equal(db_commit(a), 0);
	pthread_join(th, NULL);
	assert_int_equal(e.rc, 1);
	assert_int_equal(grants_at(wangwu, "supervisor", "xingfuli"), 0);
	assert_int_equal(db_int(TERMS_WHERE("ended_on = ? AND end_reason = ?"), "2027-06-01", "a"), 1);
	arena_free(&ar);
	db_close(a);
	db_close(b);
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
	    cmocka_unit_test(staff_appoint_and_end_supervisors_with_history),
	    cmocka_unit_test(staff_edit_the_two_committees),
	    cmocka_unit_test(two_appointments_of_one_person_at_once_make_one),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
