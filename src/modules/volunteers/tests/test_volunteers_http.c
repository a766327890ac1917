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
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"

/* The decimal text of v, for db_int's text parameters (one of 8 rotating buffers). */
static const char *arena_or(int64_t v)
{
	static char b[8][24];
	static int k;
	k = (k + 1) % 8;
	snprintf(b[k], sizeof b[k], "%lld", (long long)v);
	return b[k];
}

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


/* "YYYY-MM-DD" and "HH:MM" of Unix time t in China time. */
static void china(int64_t t, char day[11], char hm[6])
{
	time_t x = (time_t)(t + 8 * 3600);
	struct tm tm;
	gmtime_r(&x, &tm);
	strftime(day, 11, "%Y-%m-%d", &tm);
	strftime(hm, 6, "%H:%M", &tm);
}

/* The text between the first "after" in r's body and the next quote. */
static char *between(const struct resp *r, const char *after)
{
	const char *p = strstr(r->body.data, after);
	if (!p)
		return NULL;
	p += strlen(after);
	const char *q = strchr(p, '"');
	return q ? strndup(p, (size_t)(q - p)) : NULL;
}

static int64_t project_id, shift_id, other_shift;

static void staff_make_a_project_with_a_shift_across_midnight(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	/* errors next to the fields, what was typed kept */
	long st = post_form(w, "/c/xingfuli/admin/volunteers/projects/new", "/c/xingfuli/admin/volunteers/projects/new",
			    &r, "title=&place=%s&leader=nobody_here", enc("小区北门"));
	assert_int_equal(st, 422);
	assert_true(has(&r, "value=\"小区北门\""));
	assert_true(has(&r, "value=\"nobody_here\""));
	assert_true(has(&r, "没有这个账号"));
	done(&r);
	st = post_form(w, "/c/xingfuli/admin/volunteers/projects/new", "/c/xingfuli/admin/volunteers/projects/new", &r,
		       "title=%s&place=%s&organizer=%s&leader=wanggw&description=%s", enc("夜间护河巡查"), enc("小区北门"),
		       enc("社区平安志愿者队"), enc("沿河巡查"));
	assert_int_equal(st, 303);
	done(&r);
	project_id = db_int("SELECT id FROM volunteers_project WHERE title = '夜间护河巡查'", NULL, NULL);
	assert_true(project_id > 0);
	char page[120], action[140];
	snprintf(page, sizeof page, "/c/xingfuli/admin/volunteers/projects/%lld", (long long)project_id);
	snprintf(action, sizeof action, "%s/shifts", page);
	/* a draft is not public */
	char pub[120];
	snprintf(pub, sizeof pub, "/c/xingfuli/volunteers/projects/%lld", (long long)project_id);
	visit(at, pub, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	/* recruiting needs a shift first */
	snprintf(action, sizeof action, "%s/state", page);
	st = post_form(w, page, action, &r, "to=recruiting");
	assert_int_equal(st, 422);
	assert_true(has(&r, "请先添加至少一个班次"));
	done(&r);
	/* a shift typed wrong keeps its text */
	snprintf(action, sizeof action, "%s/shifts", page);
	st = post_form(w, page, action, &r, "date=%s&start=25:00&end=06:00&places=0", enc("明天"));
	assert_int_equal(st, 422);
	assert_true(has(&r, "value=\"25:00\""));
	assert_true(has(&r, "名额请填 1 到 1000 的整数"));
	done(&r);
	/* the shift: starting in 30 minutes for two hours (across midnight when it is late), and a night one 22:00–次日06:00 */
	int64_t now = (int64_t)time(NULL);
	char day[11], hm[6], end_day[11], end_hm[6];
	china(now + 1800, day, hm);
	china(now + 1800 + 7200, end_day, end_hm);
	st = post_form(w, page, action, &r, "date=%s&start=%s&end=%s&places=2", day, hm, end_hm);
	assert_int_equal(st, 303);
	done(&r);
	st = post_form(w, page, action, &r, "date=%s&start=22:00&end=06:00&places=3", enc("12月31日"));
	assert_int_equal(st, 303);
	done(&r);
	shift_id = db_int("SELECT MIN(id) FROM volunteers_shift WHERE project_id = (SELECT id FROM volunteers_project"
			  " WHERE title = '夜间护河巡查')", NULL, NULL);
	other_shift = db_int("SELECT MAX(id) FROM volunteers_shift WHERE project_id = (SELECT id FROM volunteers_project"
			     " WHERE title = '夜间护河巡查')", NULL, NULL);
	assert_int_equal(db_int("SELECT ends_at - starts_at FROM volunteers_shift WHERE id = (SELECT MAX(id) FROM"
				" volunteers_shift WHERE project_id = (SELECT id FROM volunteers_project WHERE title ="
				" '夜间护河巡查'))", NULL, NULL),
			 8 * 3600);
	snprintf(action, sizeof action, "%s/state", page);
	st = post_form(w, page, action, &r, "to=recruiting");
	assert_int_equal(st, 303);
	done(&r);
	/* public: places left, the night shift said so */
	visit(at, pub, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "共 2 个名额,还剩 2 个"));
	assert_true(has(&r, "22:00–次日06:00"));
	done(&r);
	visit(at, "/c/xingfuli/volunteers/", NULL, &r);
	assert_true(has(&r, "夜间护河巡查"));
	assert_true(has(&r, "还有 5 个名额"));
	assert_false(has(&r, "社区义诊志愿服务")); /* a draft */
	done(&r);
	get(w, "/c/xingfuli/admin/volunteers/projects/projects.csv", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "夜间护河巡查"));
	done(&r);
	curl_easy_cleanup(w);
}

/* A project of one of the community's organizations (src/modules/orgs): its
 * page links the organization, and the organization's 负责人 may run its
 * shifts like the project's own; a project of none, only staff and its own. */
static void a_project_of_an_organization_is_led_by_its_leaders(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg"), *g = logged_in("wanggw");
	int64_t patrol = db_int("SELECT id FROM orgs_org WHERE name = ? AND community_id = (SELECT id FROM org_unit"
				" WHERE slug = 'xingfuli')", "幸福里义务巡逻队", NULL);
	assert_true(patrol > 0);
	/* an organization that is not one of the list is refused by its field */
	assert_int_equal(post_form(w, "/c/xingfuli/admin/volunteers/projects/new", "/c/xingfuli/admin/volunteers/projects/new",
				   &r, "title=%s&place=%s&org=999999&organizer=&leader=", enc("组织测试项目"), enc("小区南门")),
			 422);
	assert_true(has(&r, "没有这个社区组织"));
	done(&r);
	/* a 负责人 is someone of this community: another community's staff member (孙伟 of 翠竹, by his
	 * mobile) is refused with the words for nobody, so the field tells nothing of other communities */
	assert_int_equal(post_form(w, "/c/xingfuli/admin/volunteers/projects/new", "/c/xingfuli/admin/volunteers/projects/new",
				   &r, "title=%s&place=%s&org=&organizer=&leader=13900139008", enc("负责人测试"), enc("小区南门")),
			 422);
	assert_true(has(&r, "本社区没有这个账号"));
	assert_false(has(&r, "孙伟"));
	done(&r);
	const char *titles[] = {"组织测试:周末巡逻", "组织测试:无组织"};
	int64_t ids[2];
	for (int i = 0; i < 2; i++) {
		char org[24];
		snprintf(org, sizeof org, "%lld", i == 0 ? (long long)patrol : 0LL);
		assert_int_equal(post_form(w, "/c/xingfuli/admin/volunteers/projects/new",
					   "/c/xingfuli/admin/volunteers/projects/new", &r,
					   "title=%s&place=%s&org=%s&organizer=&leader=", enc(titles[i]), enc("小区南门"),
					   i == 0 ? org : ""),
				 303);
		done(&r);
		ids[i] = db_int("SELECT id FROM volunteers_project WHERE title = ?", titles[i], NULL);
		char page[120], action[140];
		snprintf(page, sizeof page, "/c/xingfuli/admin/volunteers/projects/%lld", (long long)ids[i]);
		snprintf(action, sizeof action, "%s/shifts", page);
		assert_int_equal(post_form(w, page, action, &r, "date=%s&start=09:00&end=11:00&places=3", enc("12月30日")),
				 303);
		done(&r);
		snprintf(action, sizeof action, "%s/state", page);
		assert_int_equal(post_form(w, page, action, &r, "to=recruiting"), 303);
		done(&r);
	}
	/* the 组织单位 left empty is the organization's name, linked on the public page */
	char pub[120];
	snprintf(pub, sizeof pub, "/c/xingfuli/volunteers/projects/%lld", (long long)ids[0]);
	visit(at, pub, NULL, &r);
	char link[120];
	snprintf(link, sizeof link, "href=\"/c/xingfuli/volunteers/orgs/%lld\">幸福里义务巡逻队</a>", (long long)patrol);
	assert_true(has(&r, link));
	done(&r);
	/* places left count the shifts not yet begun: a shift moved into the past takes its places along */
	char api[120];
	snprintf(api, sizeof api, "/api/v1/c/xingfuli/volunteers/projects/%lld", (long long)ids[1]);
	visit(at, api, NULL, &r);
	assert_true(has(&r, "\"places_left\":3"));
	done(&r);
	char pid_text[24];
	snprintf(pid_text, sizeof pid_text, "%lld", (long long)ids[1]);
	db_int("UPDATE volunteers_shift SET starts_at = starts_at - 400 * 86400, ends_at = ends_at - 400 * 86400"
	       " WHERE project_id = CAST(? AS BIGINT)", pid_text, NULL);
	visit(at, api, NULL, &r);
	assert_true(has(&r, "\"places_left\":0"));
	done(&r);
	/* wanggw leads the patrol team, not these projects: its shift list opens to him, the other's does not */
	for (int i = 0; i < 2; i++) {
		char q[160], shift[120];
		snprintf(q, sizeof q, "SELECT MIN(id) FROM volunteers_shift WHERE project_id = %lld", (long long)ids[i]);
		snprintf(shift, sizeof shift, "/c/xingfuli/volunteers/shifts/%lld", (long long)db_int(q, NULL, NULL));
		get(g, shift, &r);
		assert_int_equal(r.status, i == 0 ? 200 : 403);
		done(&r);
	}
	curl_easy_cleanup(w);
	curl_easy_cleanup(g);
}

static void the_pass_flow(void **state)
{
	(void)state;
	struct resp r;
	char pub[120], action[160];
	snprintf(pub, sizeof pub, "/c/xingfuli/volunteers/projects/%lld", (long long)project_id);
	snprintf(action, sizeof action, "%s/signup", pub);
	/* a resident who is not a volunteer is told to register first */
	CURL *g = logged_in("wanggw");
	long st = post_form(g, pub, action, &r, "shift=%lld", (long long)shift_id);
	assert_int_equal(st, 422);
	assert_true(has(&r, "请先登记成为志愿者"));
	done(&r);
	CURL *z = logged_in("zhangsan");
	st = post_form(z, pub, action, &r, "shift=%lld", (long long)shift_id);
	assert_int_equal(st, 303);
	done(&r);
	st = post_form(z, pub, action, &r, "shift=%lld", (long long)shift_id);
	assert_int_equal(st, 422);
	assert_true(has(&r, "你已经报名了这个班次")); /* one sign-up per shift */
	done(&r);
	get(z, "/c/xingfuli/volunteers/mine", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "夜间护河巡查"));
	assert_true(has(&r, "出示签到码"));
	done(&r);
	char q[200];
	snprintf(q, sizeof q, "%lld", (long long)shift_id);
	int64_t rid = db_int("SELECT r.id FROM volunteers_record r JOIN volunteers_volunteer v ON v.community_id ="
		     " r.community_id AND v.id = r.volunteer_id JOIN users u ON u.id = v.user_id"
		     " WHERE u.username = 'zhangsan' AND r.shift_id = CAST(? AS BIGINT)", q, NULL);
	assert_true(rid > 0);
	char pass[120];
	snprintf(pass, sizeof pass, "/c/xingfuli/volunteers/mine/pass/%lld", (long long)rid);
	get(z, pass, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<svg"));
	char *url = between(&r, "data-url=\"");
	assert_non_null(url);
	done(&r);
	/* only its hash is kept */
	char *path = strstr(url, "/c/xingfuli/");
	assert_non_null(path);
	const char *token = strrchr(path, '/') + 1;
	snprintf(q, sizeof q, "%s", token);
	assert_int_equal(db_int("SELECT COUNT(*) FROM volunteers_record WHERE token_hash = ?", q, NULL), 0);
	assert_int_equal(db_int("SELECT COUNT(*) FROM volunteers_record WHERE token_hash IS NOT NULL AND id ="
				" CAST(? AS BIGINT)", arena_or(rid), NULL), 1);
	/* the volunteer themself, or another resident, is refused */
	get(z, path, &r);
	assert_int_equal(r.status, 403);
	assert_true(has(&r, "只有这个项目的负责人"));
	done(&r);
	CURL *j = logged_in("jiandu");
	get(j, path, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(j);
	/* the token on another shift's URL is refused */
	char wrong[200];
	snprintf(wrong, sizeof wrong, "/c/xingfuli/volunteers/shifts/%lld/pass/%s", (long long)other_shift, token);
	get(g, wrong, &r);
	assert_int_equal(r.status, 404);
	assert_true(has(&r, "这个签到码无效"));
	done(&r);
	/* the leader: masked name, the shift, one button; 签到 then 签退 */
	get(g, path, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "张*"));
	assert_false(has(&r, "张三<"));
	assert_true(has(&r, "夜间护河巡查"));
	done(&r);
	int before = audit_count("volunteers.check_in");
	st = post_form(g, path, path, &r, "");
	assert_int_equal(st, 200);
	assert_true(has(&r, "已签到"));
	done(&r);
	assert_int_equal(audit_count("volunteers.check_in"), before + 1);
	/* a second check-in from the shift's list is refused */
	char list[120], check[140];
	snprintf(list, sizeof list, "/c/xingfuli/volunteers/shifts/%lld", (long long)shift_id);
	snprintf(check, sizeof check, "%s/check", list);
	st = post_form(g, list, check, &r, "record=%lld&action=in", (long long)rid);
	assert_int_equal(st, 422);
	assert_true(has(&r, "不能重复签到"));
	done(&r);
	/* the pass's 签到 button pressed again says so (its form names the step) */
	st = post_form(g, path, path, &r, "action=in");
	assert_int_equal(st, 422);
	assert_true(has(&r, "不能重复签到"));
	done(&r);
	/* a second tap on the button where 签到 stood does not end the service */
	st = post_form(g, path, path, &r, "");
	assert_int_equal(st, 422);
	assert_true(has(&r, "刚刚签到过"));
	done(&r);
	char rid_text[24];
	snprintf(rid_text, sizeof rid_text, "%lld", (long long)rid);
	db_int("UPDATE volunteers_record SET checkin_at = checkin_at - 600 WHERE id = CAST(? AS BIGINT)", rid_text, NULL);
	st = post_form(g, path, path, &r, "");
	assert_int_equal(st, 200);
	assert_true(has(&r, "已签退"));
	done(&r);
	/* check-out forgets the token */
	get(g, path, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	assert_int_equal(db_int("SELECT minutes FROM volunteers_record WHERE id = CAST(? AS BIGINT)", arena_or(rid), NULL),
			 10); /* from the check-in moved 10 minutes back */
	/* confirm, then a correction needs its reason */
	char confirm[140];
	snprintf(confirm, sizeof confirm, "%s/confirm", list);
	st = post_form(g, list, confirm, &r, "record=%lld", (long long)rid);
	assert_int_equal(st, 303);
	done(&r);
	st = post_form(g, list, confirm, &r, "record=%lld&hours=1.5&reason=", (long long)rid);
	assert_int_equal(st, 422);
	assert_true(has(&r, "value=\"1.5\""));
	assert_true(has(&r, "更正时长请写明原因"));
	done(&r);
	st = post_form(g, list, confirm, &r, "record=%lld&hours=1.5&reason=%s", (long long)rid, enc("纸质签到表为准"));
	assert_int_equal(st, 303);
	done(&r);
	assert_int_equal(db_int("SELECT confirmed_minutes FROM volunteers_record WHERE id = CAST(? AS BIGINT)",
				arena_or(rid), NULL),
			 90);
	assert_int_equal(db_int("SELECT COUNT(*) FROM volunteers_correction WHERE record_id = CAST(? AS BIGINT) AND"
				" old_minutes = 10 AND new_minutes = 90",
				arena_or(rid), NULL),
			 1);
	free(url);
	curl_easy_cleanup(g);
	curl_easy_cleanup(z);
}

static void records_and_backfill(void **state)
{
	(void)state;
	struct resp r;
	int64_t vid = db_int("SELECT v.id FROM volunteers_volunteer v JOIN users u ON u.id = v.user_id"
			     " WHERE u.username = 'zhangsan'", NULL, NULL);
	char page[120], csv[120], back[140];
	snprintf(page, sizeof page, "/c/xingfuli/admin/volunteers/%lld", (long long)vid);
	snprintf(csv, sizeof csv, "/c/xingfuli/admin/volunteers/%lld.csv", (long long)vid);
	snprintf(back, sizeof back, "%s/backfill", page);
	CURL *w = logged_in("wangjg");
	get(w, page, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "夜间护河巡查"));
	assert_true(has(&r, "王国伟")); /* confirmed by */
	assert_true(has(&r, "周末义务巡逻") || has(&r, "老年人智能手机教学"));
	done(&r);
	get(w, csv, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "夜间护河巡查"));
	assert_true(has(&r, "1.5"));
	done(&r);
	/* 补录: the form keeps what was typed; a reason is required */
	long st = post_form(w, back, back, &r, "project=%lld&date=%s&start=08:00&end=10:30&reason=", (long long)project_id,
			    enc("3月5日"));
	assert_int_equal(st, 422);
	assert_true(has(&r, "value=\"3月5日\""));
	assert_true(has(&r, "e-reason"));
	done(&r);
	int64_t before = db_int("SELECT minutes_total FROM volunteers_volunteer WHERE id = CAST(? AS BIGINT)",
				arena_or(vid), NULL);
	st = post_form(w, back, back, &r, "project=%lld&date=%s&start=08:00&end=10:30&reason=%s", (long long)project_id,
		       enc("2026-03-05"), enc("纸质签到表补录"));
	assert_int_equal(st, 303);
	done(&r);
	assert_int_equal(db_int("SELECT minutes_total FROM volunteers_volunteer WHERE id = CAST(? AS BIGINT)",
				arena_or(vid), NULL),
			 before + 150);
	get(w, page, &r);
	assert_true(has(&r, "补录:纸质签到表补录"));
	done(&r);
	curl_easy_cleanup(w);
	/* the volunteer's own records, exported */
	CURL *z = logged_in("zhangsan");
	get(z, "/c/xingfuli/volunteers/mine.csv", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "夜间护河巡查"));
	done(&r);
	get(z, "/c/xingfuli/volunteers/mine.xlsx", &r);
	assert_int_equal(r.status, 200);
	done(&r);
	curl_easy_cleanup(z);
}

static void certificate_round_trip(void **state)
{
	(void)state;
	struct resp r;
	int64_t vid = db_int("SELECT v.id FROM volunteers_volunteer v JOIN users u ON u.id = v.user_id"
			     " WHERE u.username = 'zhangsan'", NULL, NULL);
	char form[140];
	snprintf(form, sizeof form, "/c/xingfuli/admin/volunteers/%lld/certificates/new", (long long)vid);
	CURL *w = logged_in("wangjg");
	/* a period without confirmed records is refused, what was typed kept */
	long st = post_form(w, form, form, &r, "from=1999-01-01&to=2001-01-01&issuer=%s", enc("幸福里社区居民委员会"));
	assert_int_equal(st, 422);
	assert_true(has(&r, "起始日期请写成"));
	assert_true(has(&r, "value=\"1999-01-01\""));
	done(&r);
	st = post_form(w, form, form, &r, "from=2001-01-01&to=2001-12-31&issuer=%s", enc("幸福里社区居民委员会"));
	assert_int_equal(st, 422);
	assert_true(has(&r, "没有已确认的服务记录"));
	done(&r);
	int64_t before = db_int("SELECT COUNT(*) FROM volunteers_certificate", NULL, NULL);
	char today[11], hm[6];
	/* not past today: a certificate proves what was done */
	china((int64_t)time(NULL) + 86400, today, hm);
	st = post_form(w, form, form, &r, "from=2020-01-01&to=%s&issuer=%s", today, enc("幸福里社区居民委员会"));
	assert_int_equal(st, 422);
	assert_true(has(&r, "截止日期不能晚于今天"));
	done(&r);
	china((int64_t)time(NULL), today, hm);
	st = post_form(w, form, form, &r, "from=2020-01-01&to=%s&issuer=%s", today, enc("幸福里社区居民委员会"));
	assert_int_equal(st, 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM volunteers_certificate", NULL, NULL), before + 1);
	int64_t cid = db_int("SELECT MAX(id) FROM volunteers_certificate WHERE community_id = " XFL, NULL, NULL);
	char idtext[24], number[64];
	snprintf(idtext, sizeof idtext, "%lld", (long long)cid);
	/* the number as stored: XFL-<year>-<id, six digits> */
	assert_int_equal(db_int("SELECT COUNT(*) FROM volunteers_certificate WHERE id = CAST(? AS BIGINT) AND community_id"
				" = " XFL " AND number LIKE 'XFL-20__-%'",
				idtext, NULL),
			 1);
	/* the certificate's totals equal its confirmed records in the period */
	assert_int_equal(db_int("SELECT minutes FROM volunteers_certificate WHERE id = CAST(? AS BIGINT) AND community_id"
				" = " XFL, idtext, NULL),
			 db_int("SELECT SUM(confirmed_minutes) FROM volunteers_record WHERE community_id = " XFL
				" AND volunteer_id = CAST(? AS BIGINT) AND confirmed_minutes IS NOT NULL",
				arena_or(vid), NULL));
	/* fetch the PDF, render it, read the QR code back */
	char page[160], pdfpath[200];
	struct resp tmp;
	snprintf(page, sizeof page, "/c/xingfuli/admin/volunteers/%lld", (long long)vid);
	get(w, page, &tmp);
	char *link = between(&tmp, "/c/xingfuli/admin/volunteers/certificates/XFL-");
	assert_non_null(link);
	snprintf(number, sizeof number, "XFL-%s", link);
	free(link);
	done(&tmp);
	snprintf(pdfpath, sizeof pdfpath, "/c/xingfuli/admin/volunteers/certificates/%s/certificate.pdf", number);
	int pdf_audits = audit_count("volunteers.certificate_pdf");
	get(w, pdfpath, &r);
	assert_int_equal(r.status, 200);
	assert_true(r.body.len > 1000 && !memcmp(r.body.data, "%PDF-", 5));
	assert_int_equal(audit_count("volunteers.certificate_pdf"), pdf_audits + 1);
	char file[600];
	snprintf(file, sizeof file, "%s/cert.pdf", dir);
	FILE *f = fopen(file, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(r.body.data, 1, r.body.len, f), r.body.len);
	fclose(f);
	done(&r);
	run("pdftoppm -r 150 -png -f 1 -l 1 '%s/cert.pdf' '%s/cert' && zbarimg --raw -q '%s'/cert*.png > '%s/qr.txt'", dir,
	    dir, dir, dir);
	snprintf(file, sizeof file, "%s/qr.txt", dir);
	f = fopen(file, "r");
	assert_non_null(f);
	char url[600] = "";
	assert_non_null(fgets(url, sizeof url, f));
	fclose(f);
	url[strcspn(url, "\r\n")] = 0;
	char *path = strstr(url, "/c/xingfuli/volunteers/certificates/");
	assert_non_null(path);
	assert_non_null(strstr(path, number));
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "有效"));
	assert_false(has(&r, "已撤销"));
	assert_true(has(&r, number));
	assert_true(has(&r, "张*"));
	assert_false(has(&r, "张三"));
	assert_false(has(&r, "13800138000"));
	done(&r);
	/* 证明核验: the number typed in small letters with a space leads to the same page */
	char typed[160], lower[64];
	snprintf(lower, sizeof lower, "%s", number);
	for (char *q = lower; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	snprintf(typed, sizeof typed, "/c/xingfuli/volunteers/certificates/?number=%%20%s", lower);
	visit(at, typed, NULL, &r);
	assert_int_equal(r.status, 303);
	char where[120];
	snprintf(where, sizeof where, "location: /c/xingfuli/volunteers/certificates/%s", number);
	assert_true(has_header(&r, where));
	done(&r);
	snprintf(typed, sizeof typed, "/c/xingfuli/volunteers/certificates/%s", lower);
	visit(at, typed, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "有效"));
	done(&r);
	visit(at, "/c/xingfuli/volunteers/certificates/?number=%3Cscript%3E", NULL, &r);
	assert_int_equal(r.status, 422);
	assert_true(has(&r, "证明编号由字母、数字"));
	done(&r);
	/* revoke: a reason, then the same URL says 已撤销 */
	char admin[160], revoke[200];
	snprintf(admin, sizeof admin, "/c/xingfuli/admin/volunteers/certificates/%s", number);
	snprintf(revoke, sizeof revoke, "%s/revoke", admin);
	st = post_form(w, admin, revoke, &r, "reason=");
	assert_int_equal(st, 422);
	done(&r);
	st = post_form(w, admin, revoke, &r, "reason=%s", enc("时长有误,重新出具"));
	assert_int_equal(st, 303);
	done(&r);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "已撤销"));
	done(&r);
	st = post_form(w, admin, revoke, &r, "reason=%s", enc("再撤销一次"));
	assert_int_equal(st, 422);
	done(&r);
	/* an unknown number */
	visit(at, "/c/xingfuli/volunteers/certificates/XFL-2026-999999", NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	curl_easy_cleanup(w);
}

static void rankings_and_stars_masked(void **state)
{
	(void)state;
	struct resp r;
	visit(at, "/c/xingfuli/volunteers/ranking", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "志愿服务时长排行"));
	assert_true(has(&r, "*")); /* masked names */
	assert_false(has(&r, "张三"));
	assert_false(has(&r, "138"));
	done(&r);
	/* the first of the ranking is the one with the most minutes this year in the summary */
	int64_t top = db_int("SELECT volunteer_id FROM volunteers_year WHERE community_id = " XFL " AND year ="
			     " (SELECT MAX(year) FROM volunteers_year) ORDER BY minutes DESC, volunteer_id DESC LIMIT 1",
			     NULL, NULL);
	assert_true(top > 0);
	visit(at, "/c/xingfuli/volunteers/ranking.csv", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "1,"));
	done(&r);
	visit(at, "/c/xingfuli/volunteers/ranking?year=1999", NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	visit(at, "/c/xingfuli/volunteers/stars", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "一星"));
	assert_false(has(&r, "张三"));
	done(&r);
	visit(at, "/c/xingfuli/volunteers/stars.xlsx", NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	visit(at, "/c/xingfuli/volunteers/", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "服务时长前十名"));
	assert_false(has(&r, "张三"));
	done(&r);
}

static void the_workbench_shows_the_cards(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	get(w, "/c/xingfuli/admin/", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "服务时长待确认"));
	assert_true(has(&r, "/c/xingfuli/admin/volunteers/pending"));
	done(&r);
	get(w, "/c/xingfuli/admin/volunteers/pending", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "周末义务巡逻"));
	done(&r);
	CURL *d = logged_in("donghu");
	get(d, "/admin/", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "服务时长待确认"));
	assert_true(has(&r, "/admin/volunteers/pending"));
	done(&r);
	curl_easy_cleanup(d);
	get(w, "/c/xingfuli/admin/volunteers/today", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<h1>今日志愿服务班次</h1>"));
	done(&r);
	curl_easy_cleanup(w);
}

static void the_api_lists_projects(void **state)
{
	(void)state;
	struct resp r;
	visit(at, "/api/v1/c/xingfuli/volunteers/projects", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"projects\""));
	assert_true(has(&r, "垃圾分类督导"));
	assert_true(has(&r, "\"places_left\""));
	assert_false(has(&r, "社区义诊志愿服务")); /* a draft */
	done(&r);
	int64_t id = db_int("SELECT id FROM volunteers_project WHERE community_id = " XFL " AND title = '垃圾分类督导'",
			    NULL, NULL);
	char path[120];
	snprintf(path, sizeof path, "/api/v1/c/xingfuli/volunteers/projects/%lld", (long long)id);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"shifts\""));
	assert_true(has(&r, "\"starts_at\""));
	done(&r);
	id = db_int("SELECT id FROM volunteers_project WHERE community_id = " XFL " AND state = 'draft'", NULL, NULL);
	snprintf(path, sizeof path, "/api/v1/c/xingfuli/volunteers/projects/%lld", (long long)id);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	visit(at, "/api/v1/openapi.json", NULL, &r);
	assert_true(has(&r, "/api/v1/c/{community}/volunteers/projects/{id}"));
	done(&r);
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
	    cmocka_unit_test(staff_make_a_project_with_a_shift_across_midnight),
	    cmocka_unit_test(the_pass_flow),
	    cmocka_unit_test(a_project_of_an_organization_is_led_by_its_leaders),
	    cmocka_unit_test(records_and_backfill),
	    cmocka_unit_test(certificate_round_trip),
	    cmocka_unit_test(rankings_and_stars_masked),
	    cmocka_unit_test(the_workbench_shows_the_cards),
	    cmocka_unit_test(the_api_lists_projects),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
