/* End-to-end: the residents' side of the people registry on a real server
 * over the demo data (SQLite, and PostgreSQL under tests/pg/with-postgres.sh):
 * self-registration (the census check links at once, else the request
 * waits; refusals beside the fields; the per-address throttle), staff
 * linking and refusing, the resident's own record (full data, who viewed
 * it, never another's), corrections applied and refused, all audited.
 * usage: test_people_self_http SHEQU_BINARY */
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
#define PW "Qiu-shui-2026-chang"

static long register_as(CURL *c, struct resp *r, const char *name, const char *phone, const char *id,
                        const char *pw, const char *confirm)
{
	return post_form(c, "/register", "/register", r,
	                 "name=%s&phone=%s&password=%s&confirm=%s&community=xingfuli&id_number=%s", enc(name),
	                 enc(phone), enc(pw), enc(confirm), enc(id));
}

static int64_t person_named(const char *name)
{
	return db_int("SELECT id FROM people_person WHERE community_id = " XFL " AND name = ?", name, NULL);
}

static int64_t user_of_phone(const char *phone)
{
	return db_int("SELECT id FROM users WHERE phone = ?", phone, NULL);
}

static void the_login_page_leads_to_registration(void **state)
{
	(void)state;
	struct resp r;
	visit(at, "/login", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "href=\"/register\">注册</a>"));
	done(&r);
	visit(at, "/register", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "注册居民账号"));
	assert_true(has(&r, "幸福里"));
	assert_true(has_header(&r, "no-store"));
	done(&r);
}

static void a_census_match_links_the_account_at_once(void **state)
{
	(void)state;
	int before = audit_count("people.register");
	CURL *c = client_from("127.0.0.21");
	struct resp r;
	assert_int_equal(register_as(c, &r, "孙桂兰", "13600136001", "110105194809180060", PW, PW), 303);
	assert_true(has_header(&r, "location: /account/people?registered=1"));
	done(&r);
	int64_t uid = user_of_phone("13600136001");
	assert_true(uid > 0);
	char u[32];
	snprintf(u, sizeof u, "%lld", (long long)uid);
	assert_int_equal(db_int("SELECT user_id FROM people_person WHERE community_id = " XFL " AND name = ?",
	                        "孙桂兰", NULL),
	                 uid);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM people_link WHERE user_id = ? AND state = 'linked'", u, NULL), 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM role_grant WHERE user_id = ? AND org_unit_id = " XFL
	                        " AND role = 'resident'",
	                        u, NULL),
	                 1);
	assert_int_equal(audit_count("people.register"), before + 1);
	/* Signed in already: her own record, in full. */
	request(c, "/account/people?registered=1", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "已与居民信息关联"));
	assert_true(has(&r, "110105194809180060"));
	assert_true(has(&r, "独居老人"));
	assert_true(has_header(&r, "no-store"));
	done(&r);
	curl_easy_cleanup(c);
}

static void without_a_match_the_request_waits_for_staff(void **state)
{
	(void)state;
	CURL *c = client_from("127.0.0.22");
	struct resp r;
	/* 李梅 is in the registry, but no ID number was given. */
	assert_int_equal(register_as(c, &r, "李梅", "13600136002", "", PW, PW), 303);
	done(&r);
	/* A right ID number under another name links nothing either. */
	CURL *c2 = client_from("127.0.0.23");
	assert_int_equal(register_as(c2, &r, "李小梅", "13600136003", "110105196807200047", PW, PW), 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM people_person WHERE community_id = " XFL
	                        " AND name = ? AND user_id IS NOT NULL",
	                        "李梅", NULL),
	                 0);
	assert_int_equal(db_int("SELECT COUNT(*) FROM people_link WHERE state = 'pending' AND name IN (?, ?)",
	                        "李梅", "李小梅"),
	                 2);
	request(c, "/account/people?registered=1", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "等待社区工作人员核实"));
	assert_false(has(&r, "110105196807200047"));
	done(&r);
	curl_easy_cleanup(c);
	curl_easy_cleanup(c2);
}

static void bad_registrations_are_refused_beside_the_fields(void **state)
{
	(void)state;
	CURL *c = client_from("127.0.0.24");
	struct resp r;
	int64_t users = db_int("SELECT COUNT(*) FROM users", NULL, NULL);
	assert_int_equal(register_as(c, &r, "周明", "13600136004", "", PW, "Qiu-shui-2026-chanG"), 422);
	assert_true(has(&r, "两次输入的密码不一致"));
	assert_true(has(&r, "value=\"周明\""));
	done(&r);
	assert_int_equal(register_as(c, &r, "周明", "1360013", "", PW, PW), 422);
	assert_true(has(&r, "e-phone"));
	done(&r);
	assert_int_equal(register_as(c, &r, "周明", "13600136004", "110105194809180061", PW, PW), 422);
	assert_true(has(&r, "e-id_number"));
	done(&r);
	assert_int_equal(register_as(c, &r, "周明", "13600136004", "", "12345678", "12345678"), 422);
	assert_true(has(&r, "e-password"));
	done(&r);
	/* A mobile that has an account already. */
	assert_int_equal(register_as(c, &r, "张三", "13800138000", "", PW, PW), 422);
	assert_true(has(&r, "已经注册过"));
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM users", NULL, NULL), users);
	curl_easy_cleanup(c);
}

static void registrations_from_one_address_are_throttled(void **state)
{
	(void)state;
	CURL *c = client_from("127.0.0.25");
	struct resp r;
	char phone[16];
	for (int i = 0; i < 5; i++) {
		snprintf(phone, sizeof phone, "135001350%02d", i);
		CURL *k = client_from("127.0.0.25");
		assert_int_equal(register_as(k, &r, "吴新", phone, "", PW, PW), 303);
		done(&r);
		curl_easy_cleanup(k);
	}
	assert_int_equal(register_as(c, &r, "吴新", "13500135099", "", PW, PW), 429);
	assert_true(has(&r, "注册的账号太多"));
	done(&r);
	assert_int_equal(user_of_phone("13500135099"), -1);
	curl_easy_cleanup(c);
}

static void only_staff_see_the_requests(void **state)
{
	(void)state;
	const char *who[] = {"jiandu", "zhangsan", "lihong"};
	for (int i = 0; i < 3; i++) {
		CURL *c = logged_in(who[i]);
		struct resp r;
		request(c, "/c/xingfuli/admin/people/links", NULL, NULL, &r);
		assert_int_equal(r.status, 403);
		done(&r);
		request(c, "/c/xingfuli/admin/people/corrections", NULL, NULL, &r);
		assert_int_equal(r.status, 403);
		done(&r);
		curl_easy_cleanup(c);
	}
}

static void staff_link_a_request_to_a_resident(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "待核实的居民账号"));
	done(&r);
	request(c, "/c/xingfuli/admin/people/links", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "陈晓"));
	assert_true(has(&r, "136****6002"));
	done(&r);
	int64_t lid = db_int("SELECT id FROM people_link WHERE community_id = " XFL
	                     " AND name = ? AND state = 'pending'",
	                     "李梅", NULL);
	int64_t mei = person_named("李梅");
	assert_true(lid > 0 && mei > 0);
	char page[128], q[160];
	snprintf(page, sizeof page, "/c/xingfuli/admin/people/links/%lld", (long long)lid);
	snprintf(q, sizeof q, "%s?q=%s", page, enc("李"));
	request(c, q, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "关联到此居民"));
	done(&r);
	int before = audit_count("people.link");
	assert_int_equal(post_form(c, page, page, &r, "action=link&person=%lld", (long long)mei), 303);
	done(&r);
	assert_int_equal(audit_count("people.link"), before + 1);
	int64_t uid = user_of_phone("13600136002");
	assert_int_equal(db_int("SELECT user_id FROM people_person WHERE community_id = " XFL " AND name = ?",
	                        "李梅", NULL),
	                 uid);
	/* Decided once: a second link is refused. */
	assert_int_equal(post_form(c, page, page, &r, "action=link&person=%lld", (long long)mei), 422);
	assert_true(has(&r, "已经处理过"));
	done(&r);
	assert_int_equal(audit_count("people.link"), before + 1);
	/* 李梅 now sees her own record. */
	CURL *m = client_from("127.0.0.22");
	assert_int_equal(login(m, "13600136002", PW, &r), 303);
	done(&r);
	request(m, "/account/people", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "110105196807200047"));
	done(&r);
	curl_easy_cleanup(m);
	curl_easy_cleanup(c);
}

static void staff_refuse_a_request_with_a_reason(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	int64_t lid =
	    db_int("SELECT id FROM people_link WHERE community_id = " XFL " AND name = ?", "陈晓", NULL);
	char page[128];
	snprintf(page, sizeof page, "/c/xingfuli/admin/people/links/%lld", (long long)lid);
	int before = audit_count("people.link_refuse");
	assert_int_equal(post_form(c, page, page, &r, "action=refuse&reason=%s", enc("否")), 422);
	assert_true(has(&r, "至少 2 个字"));
	done(&r);
	assert_int_equal(post_form(c, page, page, &r, "action=refuse&reason=%s", enc("本社区登记中查无此人")),
	                 303);
	done(&r);
	assert_int_equal(audit_count("people.link_refuse"), before + 1);
	char l[32];
	snprintf(l, sizeof l, "%lld", (long long)lid);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM people_link WHERE id = ? AND state = 'refused' AND reason = ?", l,
	           "本社区登记中查无此人"),
	    1);
	/* The applicant sees the outcome and the reason. */
	CURL *x = client_from("127.0.0.26");
	assert_int_equal(login(x, "13700137001", "demo-pass-2026", &r), 303);
	done(&r);
	request(x, "/account/people", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "未通过核实"));
	assert_true(has(&r, "本社区登记中查无此人"));
	done(&r);
	curl_easy_cleanup(x);
	curl_easy_cleanup(c);
}

static void a_resident_sees_their_full_record_and_who_viewed_it(void **state)
{
	(void)state;
	CURL *c = logged_in("liujh");
	struct resp r;
	request(c, "/account/people", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "no-store"));
	assert_true(has(&r, "110105196503120021"));
	assert_true(has(&r, "13800138100"));
	assert_true(has(&r, "5号楼 1单元 302"));
	/* Household members masked; the staff view with its reason. */
	assert_true(has(&r, "李*"));
	assert_false(has(&r, "李梅"));
	assert_false(has(&r, "110105196807200047"));
	assert_true(has(&r, "王建国"));
	assert_true(has(&r, "核实居家养老服务申请材料"));
	/* Nobody else's record. */
	assert_false(has(&r, "110105195201050019"));
	assert_false(has(&r, "赵德明"));
	done(&r);
	curl_easy_cleanup(c);
	/* A visitor is sent to sign in. */
	visit(at, "/account/people", NULL, &r);
	assert_true(r.status == 303 || r.status == 401);
	done(&r);
}

static void corrections_are_applied_or_refused(void **state)
{
	(void)state;
	CURL *z = logged_in("liujh");
	struct resp r;
	assert_int_equal(
	    post_form(z, "/account/people", "/account/people/correct", &r, "field=tags&value=&note="), 422);
	assert_true(has(&r, "e-value"));
	done(&r);
	int asked = audit_count("people.correction_ask");
	assert_int_equal(post_form(z, "/account/people", "/account/people/correct", &r,
	                           "field=tags&value=%s&note=%s", enc("党员、退役军人"), enc("2019 年退役")),
	                 303);
	done(&r);
	assert_int_equal(audit_count("people.correction_ask"), asked + 1);

	CURL *c = logged_in("wangjg");
	request(c, "/c/xingfuli/admin/people/corrections", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "138****8109"));
	assert_false(has(&r, "13800138109"));
	assert_true(has(&r, "2019 年退役"));
	done(&r);
	int64_t phone_k = db_int("SELECT id FROM people_correction WHERE community_id = " XFL
	                         " AND field = 'phone' AND state = 'pending'",
	                         NULL, NULL);
	int64_t tags_k = db_int("SELECT id FROM people_correction WHERE community_id = " XFL
	                        " AND field = 'tags' AND state = 'pending'",
	                        NULL, NULL);
	char to[128];
	snprintf(to, sizeof to, "/c/xingfuli/admin/people/corrections/%lld", (long long)phone_k);
	int applied = audit_count("people.correction_apply");
	assert_int_equal(post_form(c, "/c/xingfuli/admin/people/corrections", to, &r, "action=apply"), 303);
	done(&r);
	assert_int_equal(audit_count("people.correction_apply"), applied + 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM people_person WHERE community_id = " XFL
	                        " AND name = ? AND phone_masked = ?",
	                        "刘建华", "138****8109"),
	                 1);
	snprintf(to, sizeof to, "/c/xingfuli/admin/people/corrections/%lld", (long long)tags_k);
	int refused = audit_count("people.correction_refuse");
	assert_int_equal(post_form(c, "/c/xingfuli/admin/people/corrections", to, &r,
	                           "action=refuse&reason=%s", enc("请带退役证到社区核实")),
	                 303);
	done(&r);
	assert_int_equal(audit_count("people.correction_refuse"), refused + 1);
	/* Decided once. */
	assert_int_equal(post_form(c, "/c/xingfuli/admin/people/corrections", to, &r, "action=apply"), 422);
	done(&r);
	curl_easy_cleanup(c);

	request(z, "/account/people", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "13800138109"));
	assert_true(has(&r, "已更正"));
	assert_true(has(&r, "未更正"));
	assert_true(has(&r, "请带退役证到社区核实"));
	done(&r);
	curl_easy_cleanup(z);
}

static void party_members_are_listed_edited_and_exported(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, "/c/xingfuli/admin/people/party/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "幸福里社区第一党支部"));
	assert_true(has(&r, "预备党员"));
	assert_true(has(&r, "东湖街道机关党支部"));
	done(&r);
	request(c, "/c/xingfuli/admin/people/party/?status=probationary", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "赵德明"));
	assert_false(has(&r, "幸福里社区第一党支部"));
	done(&r);
	request(c, "/c/xingfuli/admin/people/party/party.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "党支部"));
	assert_true(has(&r, "赵德明"));
	assert_false(has(&r, "修改"));
	done(&r);
	request(c, "/c/xingfuli/admin/people/party/party.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "spreadsheetml"));
	done(&r);
	int64_t sun = person_named("孙桂兰");
	char page[128];
	snprintf(page, sizeof page, "/c/xingfuli/admin/people/party/edit?person=%lld", (long long)sun);
	int before = audit_count("people.party_save");
	assert_int_equal(
	    post_form(c, page, page, &r, "branch=%s&joined_on=1970-13-01&status=full", enc("第三党支部")),
	    422);
	assert_true(has(&r, "e-joined_on"));
	assert_true(has(&r, "第三党支部"));
	done(&r);
	assert_int_equal(
	    post_form(c, page, page, &r,
	              "branch=%s&joined_on=1970-07-01&status=transferred_out&transfer_out_on=2026-10-08"
	              "&transfer_out_to=%s",
	              enc("第三党支部"), enc("南山街道翠竹社区党支部")),
	    303);
	done(&r);
	assert_int_equal(audit_count("people.party_save"), before + 1);
	char id[32];
	snprintf(id, sizeof id, "%lld", (long long)sun);
	assert_int_equal(db_int("SELECT COUNT(*) FROM people_party_member WHERE person_id = ? AND status = ?",
	                        id, "transferred_out"),
	                 1);
	curl_easy_cleanup(c);
}

static void training_records_are_added_and_exported(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, "/c/xingfuli/admin/people/training/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "人民调解实务"));
	assert_true(has(&r, "8.5"));
	assert_true(has(&r, "岗前培训"));
	done(&r);
	int64_t zhao = person_named("赵德明");
	char page[128];
	snprintf(page, sizeof page, "/c/xingfuli/admin/people/training/new?person=%lld", (long long)zhao);
	int before = audit_count("people.training_add");
	assert_int_equal(post_form(c, page, page, &r,
	                           "kind=education&course=%s&hours=abc&taken_on=2026-10-01",
	                           enc("社会工作专业")),
	                 422);
	assert_true(has(&r, "e-hours"));
	done(&r);
	assert_int_equal(post_form(c, page, page, &r,
	                           "kind=education&course=%s&hours=2.5&taken_on=2026-10-01",
	                           enc("社会工作专业")),
	                 303);
	done(&r);
	assert_int_equal(audit_count("people.training_add"), before + 1);
	assert_int_equal(
	    db_int("SELECT hours_tenths FROM people_training WHERE course = ?", "社会工作专业", NULL), 25);
	request(c, "/c/xingfuli/admin/people/training/training.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "社会工作专业"));
	assert_true(has(&r, "学历进修"));
	done(&r);
	CURL *s = logged_in("jiandu");
	request(s, "/c/xingfuli/admin/people/training/", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	request(s, "/c/xingfuli/admin/people/party/", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(s);
	curl_easy_cleanup(c);
}

static void the_duties_go_to_the_board_as_a_draft(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, "/c/xingfuli/admin/people/cadres", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "发布到公开栏"));
	done(&r);
	int64_t drafts = db_int("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL
	                        " AND status = 'draft' AND title = ?",
	                        "幸福里社区两委成员职责分工", NULL);
	int before = audit_count("people.duties_draft");
	assert_int_equal(
	    post_form(c, "/c/xingfuli/admin/people/cadres", "/c/xingfuli/admin/people/cadres", &r, "x=1"),
	    303);
	done(&r);
	assert_int_equal(audit_count("people.duties_draft"), before + 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL
	                        " AND status = 'draft' AND title = ?",
	                        "幸福里社区两委成员职责分工", NULL),
	                 drafts + 1);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL
	           " AND status = 'draft' AND title = ? AND body LIKE '| 班子 | 姓名 | 职务 | 职责分工 |%'",
	           "幸福里社区两委成员职责分工", NULL),
	    drafts + 1);
	request(c, "/c/xingfuli/admin/board/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "幸福里社区两委成员职责分工"));
	done(&r);
	curl_easy_cleanup(c);
}

static void the_representatives_are_listed_and_exported(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, "/c/xingfuli/admin/people/representatives", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "赵德明"));
	assert_true(has(&r, "137****7002"));
	assert_false(has(&r, "孙桂兰"));
	done(&r);
	/* The export is the registry's masked one. */
	request(c, "/c/xingfuli/admin/people/representatives.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "赵*明"));
	assert_false(has(&r, "孙*兰"));
	assert_false(has(&r, "13700137002"));
	done(&r);
	curl_easy_cleanup(c);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_people_self_http PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(the_login_page_leads_to_registration),
	    cmocka_unit_test(a_census_match_links_the_account_at_once),
	    cmocka_unit_test(without_a_match_the_request_waits_for_staff),
	    cmocka_unit_test(bad_registrations_are_refused_beside_the_fields),
	    cmocka_unit_test(registrations_from_one_address_are_throttled),
	    cmocka_unit_test(only_staff_see_the_requests),
	    cmocka_unit_test(staff_link_a_request_to_a_resident),
	    cmocka_unit_test(staff_refuse_a_request_with_a_reason),
	    cmocka_unit_test(a_resident_sees_their_full_record_and_who_viewed_it),
	    cmocka_unit_test(corrections_are_applied_or_refused),
	    cmocka_unit_test(party_members_are_listed_edited_and_exported),
	    cmocka_unit_test(training_records_are_added_and_exported),
	    cmocka_unit_test(the_duties_go_to_the_board_as_a_draft),
	    cmocka_unit_test(the_representatives_are_listed_and_exported),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
