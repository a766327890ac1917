/* End-to-end: the volunteers on a real server over the demo data (SQLite,
 * and PostgreSQL under tests/pg/with-postgres.sh): a resident's
 * registration (the form keeps what was typed and says what is wrong),
 * the desk's registration with name and mobile sealed and shown masked,
 * the staff list's search and exports, the full view asking a reason and
 * audited, and refusals (not logged in, not staff).
 * usage: test_volunteers_http SHEQU_BINARY */
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

#include "harness.h"

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"

static void get(CURL *c, const char *path, struct resp *r)
{
	request(c, path, NULL, NULL, r);
}

static void a_resident_registers_and_the_form_keeps_input(void **state)
{
	(void)state;
	struct resp r;
	visit(at, "/c/xingfuli/volunteers/register", NULL, &r);
	assert_int_equal(r.status, 303); /* to the login page */
	done(&r);
	CURL *c = logged_in("jiandu");
	/* no availability chosen: refused next to the field, the typed text and boxes kept */
	long st = post_form(c, "/c/xingfuli/volunteers/register", "/c/xingfuli/volunteers/register", &r,
			    "skill_legal=1&skills_note=%s", enc("会手语"));
	assert_int_equal(st, 422);
	assert_true(has(&r, "请至少选择一个可服务时间"));
	assert_true(has(&r, "value=\"会手语\""));
	assert_true(has(&r, "name=\"skill_legal\" value=\"1\" checked"));
	done(&r);
	st = post_form(c, "/c/xingfuli/volunteers/register", "/c/xingfuli/volunteers/register", &r,
		       "skill_legal=1&skills_note=%s&avail_weekends=1&group_party=1", enc("会手语"));
	assert_int_equal(st, 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM volunteers_volunteer WHERE user_id = (SELECT id FROM users"
				" WHERE username = 'jiandu') AND groups = 'party' AND skills = 'legal'",
				NULL, NULL),
			 1);
	/* sealed at rest: the name is not in the clear anywhere in the row */
	assert_int_equal(db_int("SELECT COUNT(*) FROM volunteers_volunteer WHERE name_masked = '孙*'", NULL, NULL), 1);
	get(c, "/c/xingfuli/volunteers/?done=registered", &r);
	assert_true(has(&r, "登记成功"));
	assert_true(has(&r, "修改我的登记信息"));
	done(&r);
	/* the second time the form changes the registration, never a second row */
	st = post_form(c, "/c/xingfuli/volunteers/register", "/c/xingfuli/volunteers/register", &r,
		       "avail_evenings=1");
	assert_int_equal(st, 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM volunteers_volunteer WHERE user_id = (SELECT id FROM users"
				" WHERE username = 'jiandu') AND availability = 'evenings' AND groups = 'community'",
				NULL, NULL),
			 1);
	curl_easy_cleanup(c);
	/* another community's resident may not register here */
	c = logged_in("zhangsan");
	get(c, "/c/heping/volunteers/register", &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(c);
}

static void the_desk_registers_masked_and_the_full_view_is_audited(void **state)
{
	(void)state;
	struct resp r;
	CURL *z = logged_in("zhangsan");
	get(z, "/c/xingfuli/admin/volunteers/", &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(z);
	CURL *w = logged_in("wangjg");
	long st = post_form(w, "/c/xingfuli/admin/volunteers/new", "/c/xingfuli/admin/volunteers/new", &r,
			    "name=%s&phone=1391234&avail_weekdays=1", enc("欧阳春花"));
	assert_int_equal(st, 422);
	assert_true(has(&r, "value=\"欧阳春花\""));
	assert_true(has(&r, "value=\"1391234\""));
	assert_true(has(&r, "e-phone"));
	done(&r);
	st = post_form(w, "/c/xingfuli/admin/volunteers/new", "/c/xingfuli/admin/volunteers/new", &r,
		       "name=%s&phone=13912345678&avail_weekdays=1&skill_elder=1&group_women=1", enc("欧阳春花"));
	assert_int_equal(st, 303);
	done(&r);
	int64_t id = db_int("SELECT id FROM volunteers_volunteer WHERE name_masked = '欧**花'", NULL, NULL);
	assert_true(id > 0);
	assert_int_equal(db_int("SELECT COUNT(*) FROM volunteers_volunteer WHERE phone_masked = '139****5678'"
				" AND user_id IS NULL AND by_user IS NOT NULL",
				NULL, NULL),
			 1);
	/* the list: masked, searched by exact name or mobile through the blind indexes */
	get(w, "/c/xingfuli/admin/volunteers/", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "欧**花"));
	assert_false(has(&r, "欧阳春花"));
	assert_false(has(&r, "13912345678"));
	done(&r);
	get(w, "/c/xingfuli/admin/volunteers/?q=13912345678", &r);
	assert_true(has(&r, "欧**花"));
	assert_false(has(&r, "张*"));
	done(&r);
	char path[200];
	snprintf(path, sizeof path, "/c/xingfuli/admin/volunteers/?q=%s", enc("欧阳春花"));
	get(w, path, &r);
	assert_true(has(&r, "欧**花"));
	done(&r);
	get(w, "/c/xingfuli/admin/volunteers/volunteers.csv", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "欧**花"));
	assert_false(has(&r, "欧阳春花"));
	done(&r);
	get(w, "/c/xingfuli/admin/volunteers/volunteers.xlsx", &r);
	assert_int_equal(r.status, 200);
	done(&r);
	/* the full view: a reason, then the opened fields once, audited */
	int before = audit_count("volunteers.view_full");
	char full[100];
	snprintf(full, sizeof full, "/c/xingfuli/admin/volunteers/%lld/full", (long long)id);
	st = post_form(w, full, full, &r, "reason=");
	assert_int_equal(st, 422);
	assert_true(has(&r, "请填写理由"));
	done(&r);
	assert_int_equal(audit_count("volunteers.view_full"), before);
	st = post_form(w, full, full, &r, "reason=%s", enc("电话通知服务安排"));
	assert_int_equal(st, 200);
	assert_true(has(&r, "欧阳春花"));
	assert_true(has(&r, "13912345678"));
	done(&r);
	assert_int_equal(audit_count("volunteers.view_full"), before + 1);
	/* another community's staff see nothing of it */
	curl_easy_cleanup(w);
	CURL *l = logged_in("lihong");
	snprintf(path, sizeof path, "/c/xingfuli/admin/volunteers/%lld", (long long)id);
	get(l, path, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(l);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_volunteers_http PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_resident_registers_and_the_form_keeps_input),
	    cmocka_unit_test(the_desk_registers_masked_and_the_full_view_is_audited),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
