/* End-to-end: 社区组织 on a real server over the demo data, on SQLite and
 * (under tests/pg/with-postgres.sh) PostgreSQL: the public list and page
 * show leaders by masked name only; the exports; a resident applies, the
 * organization's leader approves; leaders manage only their own
 * organization (403 for another's leader and for a member, a visitor sent
 * to log in); the staff's full view of a member is audited; the staff
 * forms keep what was typed with their errors; dissolving.
 * usage: test_orgs_http PATH-TO-SHEQU */
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

static int64_t org_named(const char *name)
{
	return db_int("SELECT id FROM orgs_org WHERE community_id = " XFL " AND name = ?", name, NULL);
}

static const char *path_of(const char *fmt, int64_t id)
{
	static char p[4][160];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], fmt, (long long)id);
	return p[k];
}

/* The list by kind, one organization's page and the API: leaders by
 * masked name, no full name or mobile. */
static void the_public_pages_show_only_masked_names(void **state)
{
	(void)state;
	struct resp r;
	visit(at, "/c/xingfuli/volunteers/orgs/", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "幸福里义务巡逻队"));
	assert_true(has(&r, "志愿服务队(党员志愿者)"));
	done(&r);
	visit(at, "/c/xingfuli/volunteers/orgs/?kind=volunteer", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "幸福里巾帼志愿服务队"));
	assert_false(has(&r, "幸福里义务巡逻队"));
	done(&r);
	visit(at, "/c/xingfuli/volunteers/orgs/?kind=nope", NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	int64_t patrol = org_named("幸福里义务巡逻队");
	visit(at, path_of("/c/xingfuli/volunteers/orgs/%lld", patrol), NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "王*伟(负责人)"));
	assert_true(has(&r, "12 人"));
	assert_true(has(&r, "申请加入"));
	assert_false(has(&r, "王国伟"));
	assert_false(has(&r, "13900139006"));
	assert_false(has(&r, "139****9006"));
	done(&r);
	visit(at, path_of("/api/v1/c/xingfuli/orgs/%lld", patrol), NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"name_masked\":\"王*伟\""));
	assert_false(has(&r, "王国伟"));
	assert_false(has(&r, "1390013"));
	done(&r);
	visit(at, "/api/v1/c/xingfuli/orgs?kind=arts", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "广场舞队"));
	done(&r);
	/* another community's organization is not found here; a dissolved one says so */
	visit(at, "/c/xingfuli/volunteers/orgs/99999", NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	int64_t club = db_int("SELECT id FROM orgs_org WHERE name = ?", "翠竹读书会", NULL);
	visit(at, path_of("/c/cuizhu/volunteers/orgs/%lld", club), NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "解散"));
	assert_false(has(&r, "申请加入"));
	done(&r);
	visit(at, "/c/cuizhu/volunteers/orgs/", NULL, &r);
	assert_false(has(&r, "翠竹读书会"));
	done(&r);
}

static void the_exports(void **state)
{
	(void)state;
	struct resp r;
	visit(at, "/c/xingfuli/volunteers/orgs/orgs.csv", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "组织名称,类别,成员(人),主要活动,成立日期"));
	assert_true(has(&r, "幸福里老年人协会,老年人协会,8,"));
	done(&r);
	visit(at, "/c/xingfuli/volunteers/orgs/orgs.xlsx", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(r.body.len > 100 && !memcmp(r.body.data, "PK", 2));
	done(&r);
	CURL *w = logged_in("wangjg");
	request(w, "/c/xingfuli/admin/orgs/orgs.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "待审核申请"));
	done(&r);
	int64_t patrol = org_named("幸福里义务巡逻队");
	request(w, path_of("/c/xingfuli/orgs/%lld/manage/members.csv", patrol), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "王*伟"));
	assert_true(has(&r, "139****9006"));
	assert_false(has(&r, "13900139006"));
	done(&r);
	request(w, path_of("/c/xingfuli/orgs/%lld/manage/members.xlsx?state=all", patrol), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	curl_easy_cleanup(w);
}

/* Who may open an organization's manage page and take its steps. */
static void leaders_manage_only_their_own_org(void **state)
{
	(void)state;
	struct resp r;
	int64_t patrol = org_named("幸福里义务巡逻队"), dance = org_named("幸福里文体艺术团(广场舞队)");
	CURL *anon = client();
	request(anon, path_of("/c/xingfuli/orgs/%lld/manage", patrol), NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(has_header(&r, "location: /login?next="));
	done(&r);
	curl_easy_cleanup(anon);
	/* 张三 patrols (a member) and leads the dance troupe */
	CURL *z = logged_in("zhangsan");
	request(z, path_of("/c/xingfuli/orgs/%lld/manage", patrol), NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	int64_t someone = db_int("SELECT MIN(id) FROM orgs_member WHERE org_id = ? AND community_id = " XFL
				 " AND role = 'member' AND state = 'active' AND user_id IS NULL",
				 path_of("%lld", patrol), NULL);
	char act[200];
	snprintf(act, sizeof act, "/c/xingfuli/orgs/%lld/manage/%lld/remove", (long long)patrol, (long long)someone);
	assert_int_equal(post_form(z, "/c/xingfuli/volunteers/orgs/mine", act, &r, "reason=%s", enc("不想要")), 403);
	done(&r);
	request(z, path_of("/c/xingfuli/orgs/%lld/manage?state=pending", dance), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "孙*")); /* 孙立's application, masked */
	assert_false(has(&r, "孙立"));
	assert_false(has(&r, "13900139004"));
	assert_false(has(&r, "查看联系方式")); /* full views are for staff */
	done(&r);
	/* 我的组织 leads a leader to the applications waiting */
	request(z, "/c/xingfuli/volunteers/orgs/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "成员管理(1 份申请待审核)"));
	assert_true(has(&r, path_of("/c/xingfuli/orgs/%lld/manage?state=pending", dance)));
	done(&r);
	/* a leader approves an application to their own organization */
	int64_t app = db_int("SELECT id FROM orgs_member WHERE org_id = ? AND community_id = " XFL " AND state = 'pending'",
			     path_of("%lld", dance), NULL);
	int approvals = audit_count("orgs.approve");
	snprintf(act, sizeof act, "/c/xingfuli/orgs/%lld/manage/%lld/approve", (long long)dance, (long long)app);
	assert_int_equal(post_form(z, path_of("/c/xingfuli/orgs/%lld/manage?state=pending", dance), act, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(audit_count("orgs.approve"), approvals + 1);
	assert_int_equal(post_form(z, path_of("/c/xingfuli/orgs/%lld/manage", dance), act, &r, "x=1"), 422);
	done(&r);
	/* a leader cannot change roles nor see a full mobile */
	snprintf(act, sizeof act, "/c/xingfuli/orgs/%lld/manage/%lld/role", (long long)dance, (long long)app);
	assert_int_equal(post_form(z, path_of("/c/xingfuli/orgs/%lld/manage", dance), act, &r, "role=leader"), 403);
	done(&r);
	snprintf(act, sizeof act, "/c/xingfuli/orgs/%lld/manage/%lld/mobile", (long long)dance, (long long)app);
	request(z, act, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(z);
	/* the new member (孙立, supervisor) is now a member, not a leader: 403 */
	CURL *j = logged_in("jiandu");
	request(j, path_of("/c/xingfuli/orgs/%lld/manage", dance), NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	request(j, "/c/xingfuli/volunteers/orgs/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "在册"));
	done(&r);
	curl_easy_cleanup(j);
	/* another community's staff */
	CURL *l = logged_in("lihong");
	request(l, path_of("/c/xingfuli/orgs/%lld/manage", patrol), NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	request(l, "/c/xingfuli/admin/orgs/", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(l);
}

/* A resident applies with a note, cannot apply twice, withdraws; the
 * note refuses a mobile and keeps what was typed. */
static void a_resident_applies_and_withdraws(void **state)
{
	(void)state;
	struct resp r;
	int64_t elderly = org_named("幸福里老年人协会");
	const char *join = path_of("/c/xingfuli/volunteers/orgs/%lld/join", elderly);
	CURL *anon = client();
	request(anon, join, NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(has_header(&r, "location: /login?next="));
	done(&r);
	curl_easy_cleanup(anon);
	CURL *z = logged_in("zhangsan");
	assert_int_equal(post_form(z, join, join, &r, "note=%s", enc("我的电话 13912345678")), 422);
	assert_true(has(&r, "附言里不要写手机号"));
	assert_true(has(&r, "我的电话 13912345678"));
	done(&r);
	int applies = audit_count("orgs.apply");
	assert_int_equal(post_form(z, join, join, &r, "note=%s", enc("周末有空")), 303);
	done(&r);
	assert_int_equal(audit_count("orgs.apply"), applies + 1);
	assert_int_equal(post_form(z, join, join, &r, "note="), 422);
	assert_true(has(&r, "已有一份申请在等待审核"));
	done(&r);
	request(z, "/c/xingfuli/volunteers/orgs/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "待审核"));
	assert_true(has(&r, "撤回申请"));
	done(&r);
	int64_t mine = db_int("SELECT id FROM orgs_member WHERE org_id = ? AND community_id = " XFL " AND state = 'pending'"
			      " AND user_id = (SELECT id FROM users WHERE username = 'zhangsan')",
			      path_of("%lld", elderly), NULL);
	/* another account cannot end it */
	CURL *j = logged_in("jiandu");
	assert_int_equal(post_form(j, "/c/xingfuli/volunteers/orgs/mine", path_of("/c/xingfuli/volunteers/orgs/%lld/leave",
										   elderly),
				   &r, "member=%lld", (long long)mine),
			 404);
	done(&r);
	curl_easy_cleanup(j);
	assert_int_equal(post_form(z, "/c/xingfuli/volunteers/orgs/mine", path_of("/c/xingfuli/volunteers/orgs/%lld/leave",
										   elderly),
				   &r, "member=%lld", (long long)mine),
			 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM orgs_member WHERE id = ? AND community_id = " XFL
				" AND state = 'withdrawn'", path_of("%lld", mine), NULL),
			 1);
	request(z, "/c/xingfuli/volunteers/orgs/mine.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "已撤回"));
	done(&r);
	curl_easy_cleanup(z);
}

/* Staff: a member's full name and mobile only after a reason, audited. */
static void the_staff_full_view_is_audited(void **state)
{
	(void)state;
	struct resp r;
	int64_t patrol = org_named("幸福里义务巡逻队");
	int64_t leader = db_int("SELECT id FROM orgs_member WHERE org_id = ? AND community_id = " XFL " AND role = 'leader'",
				path_of("%lld", patrol), NULL);
	char act[200];
	snprintf(act, sizeof act, "/c/xingfuli/orgs/%lld/manage/%lld/mobile", (long long)patrol, (long long)leader);
	CURL *w = logged_in("wangjg");
	request(w, path_of("/c/xingfuli/orgs/%lld/manage", patrol), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "查看联系方式"));
	assert_false(has(&r, "13900139006"));
	done(&r);
	int views = audit_count("orgs.view_contact");
	request(w, act, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, "13900139006"));
	done(&r);
	assert_int_equal(post_form(w, act, act, &r, "reason="), 422);
	assert_true(has(&r, "请填写理由"));
	done(&r);
	assert_int_equal(audit_count("orgs.view_contact"), views);
	assert_int_equal(post_form(w, act, act, &r, "reason=%s", enc("通知巡逻排班")), 200);
	assert_true(has(&r, "王国伟:13900139006"));
	done(&r);
	assert_int_equal(audit_count("orgs.view_contact"), views + 1);
	curl_easy_cleanup(w);
}

/* The staff forms: errors by field with what was typed kept; a new
 * organization, a desk member, its leader named, dissolving. */
static void staff_forms_keep_input_and_dissolve(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	const char *nw = "/c/xingfuli/admin/orgs/new";
	assert_int_equal(post_form(w, nw, nw, &r, "name=%s&kind=volunteer&vgroup=&purpose=%s&founded_on=%s&meets=&how_to_join=",
				   enc("幸福里青年志愿服务队"), enc("联系王五:139-1234-5678"), enc("明年")),
			 422);
	assert_true(has(&r, "志愿服务队请选择志愿者类别"));
	assert_true(has(&r, "不要填写个人手机号或身份证号"));
	assert_true(has(&r, "成立日期不是有效日期"));
	assert_true(has(&r, "value=\"幸福里青年志愿服务队\""));
	assert_true(has(&r, "明年"));
	done(&r);
	assert_int_equal(post_form(w, nw, nw, &r, "name=%s&kind=arts&vgroup=&purpose=x&founded_on=&meets=&how_to_join=",
				   enc("幸福里义务巡逻队")),
			 422);
	assert_true(has(&r, "本社区已有同名的组织"));
	done(&r);
	int adds = audit_count("orgs.add");
	assert_int_equal(post_form(w, nw, nw, &r, "name=%s&kind=volunteer&vgroup=youth&purpose=%s&founded_on=%s&meets=&how_to_join=",
				   enc("幸福里青年志愿服务队"), enc("周末清洁家园"), enc("2024年5月4日")),
			 303);
	done(&r);
	assert_int_equal(audit_count("orgs.add"), adds + 1);
	int64_t youth = org_named("幸福里青年志愿服务队");
	assert_true(youth > 0);
	/* the desk form: a leader named by staff */
	const char *add = path_of("/c/xingfuli/orgs/%lld/manage/add", youth);
	assert_int_equal(post_form(w, add, add, &r, "name=%s&mobile=12345&role=leader", enc("林红梅")), 422);
	assert_true(has(&r, "请填写 11 位手机号码"));
	assert_true(has(&r, "value=\"林红梅\""));
	done(&r);
	assert_int_equal(post_form(w, add, add, &r, "name=%s&mobile=%s&role=leader", enc("林红梅"), enc("139 0714 5678")), 303);
	done(&r);
	visit(at, path_of("/c/xingfuli/volunteers/orgs/%lld", youth), NULL, &r);
	assert_true(has(&r, "林*梅(负责人)"));
	assert_false(has(&r, "林红梅"));
	done(&r);
	/* dissolving asks a reason and a day; then no applications */
	const char *dis = path_of("/c/xingfuli/admin/orgs/%lld/dissolve", youth);
	assert_int_equal(post_form(w, dis, dis, &r, "reason=&on=%s", enc("2099-01-01")), 422);
	assert_true(has(&r, "请填写理由"));
	assert_true(has(&r, "不能晚于今天"));
	done(&r);
	assert_int_equal(post_form(w, dis, dis, &r, "reason=%s&on=", enc("并入党员志愿服务队")), 422);
	done(&r);
	char today[11];
	time_t now = time(NULL) + 8 * 3600;
	struct tm tm;
	strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&now, &tm));
	assert_int_equal(post_form(w, dis, dis, &r, "reason=%s&on=%s", enc("并入党员志愿服务队"), today), 303);
	done(&r);
	curl_easy_cleanup(w);
	CURL *z = logged_in("zhangsan");
	const char *join = path_of("/c/xingfuli/volunteers/orgs/%lld/join", youth);
	request(z, join, NULL, NULL, &r);
	assert_true(has(&r, "这个组织已经解散"));
	done(&r);
	assert_int_equal(post_form(z, "/c/xingfuli/volunteers/orgs/mine", join, &r, "note="), 422);
	done(&r);
	curl_easy_cleanup(z);
}

static void the_workbench_card(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	request(w, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "组织入会待审核"));
	done(&r);
	curl_easy_cleanup(w);
}

static int64_t story_titled(const char *title)
{
	return db_int("SELECT id FROM orgs_story WHERE community_id = " XFL " AND title = ?", title, NULL);
}

/* 好人好事: the public list and page show the person by name only with
 * consent, drafts stay hidden; staff write one with a photo, refusals
 * keep what was typed, then publish and withdraw it. */
static void stories_from_draft_to_withdrawn(void **state)
{
	(void)state;
	struct resp r;
	visit(at, "/c/xingfuli/volunteers/stories/", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "深夜巡逻帮迷路老人找到家"));
	assert_true(has(&r, "王国伟")); /* consent given */
	assert_true(has(&r, "陈*英"));	 /* no consent: masked */
	assert_false(has(&r, "陈秀英"));
	assert_false(has(&r, "巾帼志愿者为留守儿童辅导功课")); /* a draft */
	done(&r);
	visit(at, path_of("/c/xingfuli/volunteers/stories/%lld", story_titled("邻居十年如一日照顾独居老人")), NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "陈*英"));
	assert_false(has(&r, "陈秀英"));
	done(&r);
	visit(at, path_of("/c/xingfuli/volunteers/stories/%lld", story_titled("巾帼志愿者为留守儿童辅导功课")), NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	visit(at, "/c/xingfuli/volunteers/stories/stories.csv", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "标题,日期,表扬对象,所属组织"));
	assert_false(has(&r, "陈秀英"));
	done(&r);
	CURL *z = logged_in("zhangsan");
	request(z, "/c/xingfuli/admin/orgs/stories/", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(z);
	CURL *w = logged_in("wangjg");
	const char *nw = "/c/xingfuli/admin/orgs/stories/new";
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x02\0\0\0\x90wS\xde";
	const char *bad[] = {"title", "拾金不昧", "told_on", "2099-01-01", "person", "周卫东", "consent", "", "org", "",
			     "body", "联系他:１３９ １２３４ ５６７８", NULL};
	assert_int_equal(post_upload(w, nw, nw, bad, "photos", "a.pdf", "%PDF-1.4", 8, &r), 422);
	assert_true(has(&r, "不能晚于今天"));
	assert_true(has(&r, "不要填写个人手机号或身份证号"));
	assert_true(has(&r, "不是完整的 JPG 或 PNG 图片"));
	assert_true(has(&r, "value=\"拾金不昧\""));
	assert_true(has(&r, "value=\"2099-01-01\""));
	done(&r);
	const char *good[] = {"title", "拾金不昧", "told_on", "2026年3月1日", "person", "周卫东", "consent", "", "org", "",
			      "body", "捡到钱包交到社区服务站,失主已领回。", NULL};
	int adds = audit_count("orgs.story_add");
	assert_int_equal(post_upload(w, nw, nw, good, "photos", "合影.png", png, sizeof png - 1, &r), 303);
	done(&r);
	assert_int_equal(audit_count("orgs.story_add"), adds + 1);
	int64_t id = story_titled("拾金不昧");
	assert_int_equal(db_int("SELECT photos FROM orgs_story WHERE id = ? AND community_id = " XFL, path_of("%lld", id), NULL), 1);
	int64_t photo = db_int("SELECT id FROM orgs_story_photo WHERE story_id = ? AND community_id = " XFL, path_of("%lld", id), NULL);
	char ph[160];
	snprintf(ph, sizeof ph, "/c/xingfuli/volunteers/stories/%lld/photos/%lld", (long long)id, (long long)photo);
	visit(at, path_of("/c/xingfuli/volunteers/stories/%lld", id), NULL, &r);
	assert_int_equal(r.status, 404); /* a draft */
	done(&r);
	visit(at, ph, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	char edit[128];
	snprintf(edit, sizeof edit, "/c/xingfuli/admin/orgs/stories/%lld", (long long)id);
	assert_int_equal(post_form(w, edit, path_of("/c/xingfuli/admin/orgs/stories/%lld/publish", id), &r, "x=1"), 303);
	done(&r);
	assert_int_equal(post_form(w, edit, path_of("/c/xingfuli/admin/orgs/stories/%lld/publish", id), &r, "x=1"), 422);
	done(&r);
	visit(at, path_of("/c/xingfuli/volunteers/stories/%lld", id), NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "周*东"));
	assert_false(has(&r, "周卫东"));
	done(&r);
	visit(at, ph, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "image/png"));
	done(&r);
	/* at most 6 photos a story: 5 more go in, then one more is refused */
	const char *fields[] = {"title", "拾金不昧", "told_on", "2026-03-01", "person", "周卫东", "consent", "", "org", "",
				"body", "捡到钱包交到社区服务站,失主已领回。", NULL};
	assert_int_equal(post_upload(w, edit, edit, fields, "photos", "b.png", png, sizeof png - 1, &r), 303);
	done(&r);
	assert_int_equal(db_int("SELECT photos FROM orgs_story WHERE id = ? AND community_id = " XFL, path_of("%lld", id), NULL), 2);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(post_upload(w, edit, edit, fields, "photos", "c.png", png, sizeof png - 1, &r), 303);
		done(&r);
	}
	assert_int_equal(post_upload(w, edit, edit, fields, "photos", "d.png", png, sizeof png - 1, &r), 422);
	assert_true(has(&r, "每篇最多 6 张照片"));
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM orgs_story_photo WHERE story_id = ? AND community_id = " XFL,
				path_of("%lld", id), NULL),
			 6);
	/* the edit form never shows the full name; left empty it keeps it, shown by the new consent */
	request(w, edit, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, "周卫东"));
	assert_true(has(&r, "周*东"));
	done(&r);
	const char *keep[] = {"title", "拾金不昧", "told_on", "2026-03-01", "person", "", "consent", "1", "org", "",
			      "body", "捡到钱包交到社区服务站,失主已领回。", NULL};
	assert_int_equal(post_upload(w, edit, edit, keep, NULL, NULL, NULL, 0, &r), 303);
	done(&r);
	visit(at, path_of("/c/xingfuli/volunteers/stories/%lld", id), NULL, &r);
	assert_true(has(&r, "周卫东"));
	done(&r);
	const char *wd = path_of("/c/xingfuli/admin/orgs/stories/%lld/withdraw", id);
	assert_int_equal(post_form(w, wd, wd, &r, "reason="), 422);
	done(&r);
	assert_int_equal(post_form(w, wd, wd, &r, "reason=%s", enc("失主不希望公开")), 303);
	done(&r);
	visit(at, path_of("/c/xingfuli/volunteers/stories/%lld", id), NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	request(w, "/c/xingfuli/admin/orgs/stories/stories.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	curl_easy_cleanup(w);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_orgs_http PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(the_public_pages_show_only_masked_names),
	    cmocka_unit_test(the_exports),
	    cmocka_unit_test(the_workbench_card),
	    cmocka_unit_test(leaders_manage_only_their_own_org),
	    cmocka_unit_test(a_resident_applies_and_withdraws),
	    cmocka_unit_test(the_staff_full_view_is_audited),
	    cmocka_unit_test(staff_forms_keep_input_and_dissolve),
	    cmocka_unit_test(stories_from_draft_to_withdrawn),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
