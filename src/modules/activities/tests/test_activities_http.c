/* End-to-end: the activities on a real server over the demo data (SQLite,
 * and PostgreSQL under tests/pg/with-postgres.sh): the public list, its
 * filters and exports, the API, both iCalendar feeds parsed with libical,
 * the whole flow (staff publish, residents sign up, the waitlist, 代报名,
 * a cancellation promoting the first in line, shown on the promoted
 * resident's page), refusals (not logged in, another community's staff,
 * no CSRF token), attendance, the list of people to phone, full data
 * audited, cancelling an activity, and the report with photos. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <libical/ical.h>
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

static void the_public_list_filters_and_exports(void **state)
{
	(void)state;
	struct resp r;
	visit(at, "/c/xingfuli/activities/", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "重阳节敬老包饺子"));
	assert_true(has(&r, "名额已满,候补 5 人"));
	assert_false(has(&r, "三八妇女节插花活动")); /* past */
	assert_false(has(&r, "八一建军节")); /* a draft */
	assert_true(has(&r, "activities.ics"));
	done(&r);
	visit(at, "/c/xingfuli/activities/?when=past", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "三八妇女节插花活动"));
	assert_true(has(&r, "有活动回顾"));
	done(&r);
	visit(at, "/c/xingfuli/activities/?kind=school", NULL, &r);
	assert_true(has(&r, "智能手机课堂"));
	assert_false(has(&r, "重阳节"));
	done(&r);
	visit(at, "/c/xingfuli/activities/?kind=nonsense", NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	visit(at, "/c/xingfuli/activities/activities.csv?kind=festival", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "重阳节敬老包饺子"));
	assert_false(has(&r, "智能手机"));
	done(&r);
	visit(at, "/c/xingfuli/activities/activities.xlsx", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(r.body.len > 100 && !memcmp(r.body.data, "PK", 2));
	done(&r);
	visit(at, "/c/xingfuli/activities/reports", NULL, &r);
	assert_true(has(&r, "三八妇女节插花活动"));
	assert_true(has(&r, "reports.xlsx"));
	done(&r);
	visit(at, "/c/xingfuli/activities/reports.csv", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "三八妇女节插花活动"));
	done(&r);
	/* 我的报名 leaves as a spreadsheet too, for its owner only */
	visit(at, "/c/xingfuli/activities/mine.csv", NULL, &r);
	assert_true(r.status == 303 || r.status == 401);
	done(&r);
	CURL *z = logged_in("zhangsan");
	request(z, "/c/xingfuli/activities/mine.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "智能手机课堂"));
	assert_true(has(&r, "已报名"));
	done(&r);
	curl_easy_cleanup(z);
	int64_t draft = db_int("SELECT id FROM activities_activity WHERE community_id = " XFL " AND state = 'draft'",
			       NULL, NULL);
	char p[96];
	snprintf(p, sizeof p, "/c/xingfuli/activities/%lld", (long long)draft);
	visit(at, p, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	visit(at, "/api/v1/c/xingfuli/activities", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"title\":\"重阳节敬老包饺子\""));
	assert_true(has(&r, "\"waitlisted\":5"));
	done(&r);
	visit(at, "/api/v1/openapi.json", NULL, &r);
	assert_true(has(&r, "/api/v1/c/{community}/activities/{id}"));
	done(&r);
}

/* The events of a feed parsed by libical: their count, and the one whose
 * UID is uid copied into *ev_out (a clone the caller frees), if any. */
static int parse_feed(const char *text, const char *uid, icalcomponent **ev_out)
{
	icalcomponent *cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	int n = 0;
	*ev_out = NULL;
	for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		n++;
		if (uid && !strcmp(icalcomponent_get_uid(ev), uid))
			*ev_out = icalcomponent_new_clone(ev);
	}
	icalcomponent_free(cal);
	return n;
}

static void both_feeds_parse_with_libical(void **state)
{
	(void)state;
	struct resp r;
	int64_t cid = db_int("SELECT id FROM org_unit WHERE slug = 'xingfuli'", NULL, NULL);
	int64_t id = db_int("SELECT id FROM activities_activity WHERE community_id = " XFL " AND title = '重阳节敬老包饺子'",
			    NULL, NULL);
	int64_t starts = db_int("SELECT starts_at FROM activities_activity WHERE community_id = " XFL
				" AND title = '重阳节敬老包饺子'",
				NULL, NULL);
	int64_t live = db_int("SELECT COUNT(*) FROM activities_activity WHERE community_id = " XFL
			      " AND state <> 'draft'",
			      NULL, NULL);
	char uid[96], path[96];
	snprintf(uid, sizeof uid, "activity-%lld-%lld@shequ", (long long)cid, (long long)id);
	visit(at, "/c/xingfuli/activities.ics", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "text/calendar; charset=utf-8"));
	icalcomponent *ev;
	assert_int_equal(parse_feed(r.body.data, uid, &ev), live); /* all from 30 days ago on */
	assert_non_null(ev);
	assert_string_equal(icalcomponent_get_summary(ev), "重阳节敬老包饺子");
	assert_string_equal(icalcomponent_get_location(ev), "社区服务中心二楼活动室");
	assert_int_equal((int64_t)icaltime_as_timet(icalcomponent_get_dtstart(ev)), starts);
	assert_int_equal((int64_t)icaltime_as_timet(icalcomponent_get_dtend(ev)), starts + 150 * 60);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CONFIRMED);
	assert_non_null(strstr(icalcomponent_get_description(ev), "敬老爱老"));
	icalproperty *url = icalcomponent_get_first_property(ev, ICAL_URL_PROPERTY);
	assert_non_null(url);
	snprintf(path, sizeof path, "/c/xingfuli/activities/%lld", (long long)id);
	assert_non_null(strstr(icalproperty_get_url(url), path));
	assert_non_null(icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY));
	icalcomponent_free(ev);
	done(&r);
	snprintf(path, sizeof path, "/c/xingfuli/activities/%lld.ics", (long long)id);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(parse_feed(r.body.data, uid, &ev), 1);
	assert_non_null(ev);
	assert_string_equal(icalcomponent_get_summary(ev), "重阳节敬老包饺子");
	icalcomponent_free(ev);
	done(&r);
	/* the activity's page and the list link to them */
	snprintf(path, sizeof path, "/c/xingfuli/activities/%lld", (long long)id);
	visit(at, path, NULL, &r);
	assert_true(has(&r, "加入日历"));
	assert_true(has(&r, ".ics\""));
	done(&r);
}

/* Creates and publishes an activity as wangjg with these places, starting
 * in two days; its id. */
static int64_t publish(CURL *w, const char *title, int capacity)
{
	struct resp r;
	time_t t = time(NULL) + 2 * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	char day[64];
	snprintf(day, sizeof day, "%d年%d月%d日", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/activities/new", "/c/xingfuli/admin/activities/new", &r,
				   "kind=culture&title=%s&organizer=&place=%s&date=%s&start=%s&end=%s&end_date=&capacity=%d"
				   "&audience=&min_age=&close_date=&close_time=&description=%s",
				   enc(title), enc("社区活动室"), enc(day), enc("下午2点半"), enc("16:00"), capacity,
				   enc("测试")),
			 303);
	done(&r);
	int64_t id = db_int("SELECT id FROM activities_activity WHERE community_id = " XFL " AND title = ?", title, NULL);
	assert_true(id > 0);
	char p[96];
	snprintf(p, sizeof p, "/c/xingfuli/admin/activities/%lld/publish", (long long)id);
	char page[96];
	snprintf(page, sizeof page, "/c/xingfuli/admin/activities/%lld", (long long)id);
	assert_int_equal(post_form(w, page, p, &r, "x=1"), 303);
	done(&r);
	return id;
}

static void the_form_keeps_what_was_typed_and_says_what_is_wrong(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	assert_int_equal(post_form(w, "/c/xingfuli/admin/activities/new", "/c/xingfuli/admin/activities/new", &r,
				   "kind=culture&title=%s&organizer=&place=%s&date=%s&start=%s&end=%s&end_date=&capacity=-3"
				   "&audience=&min_age=200&close_date=&close_time=&description=",
				   enc("广场舞比赛"), enc("中心广场"), enc("明年某天"), enc("下午2点半"), enc("下午1点")),
			 422);
	assert_true(has(&r, "活动日期请写成"));
	assert_true(has(&r, "明年某天"));     /* kept */
	assert_true(has(&r, "广场舞比赛"));   /* kept */
	assert_true(has(&r, "名额请填"));
	assert_true(has(&r, "最低年龄请填"));
	done(&r);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/activities/new", "/c/xingfuli/admin/activities/new", &r,
				   "kind=culture&title=%s&organizer=&place=%s&date=2030-05-01&start=%s&end=%s&end_date="
				   "&capacity=10&audience=&min_age=&close_date=&close_time=&description=",
				   enc("广场舞比赛"), enc("中心广场"), enc("下午2点半"), enc("下午1点")),
			 422);
	assert_true(has(&r, "结束时间应晚于开始时间"));
	done(&r);
	/* no kind chosen: asked for, not assumed; a year typed wrong is refused */
	assert_int_equal(post_form(w, "/c/xingfuli/admin/activities/new", "/c/xingfuli/admin/activities/new", &r,
				   "kind=&title=%s&organizer=&place=%s&date=9999-12-31&start=%s&end=%s&end_date="
				   "&capacity=10&audience=&min_age=&close_date=&close_time=&description=",
				   enc("广场舞比赛"), enc("中心广场"), enc("23:00"), enc("23:59")),
			 422);
	assert_true(has(&r, "请选择活动类别"));
	assert_true(has(&r, "活动日期应在 2000 年至 2100 年之间"));
	done(&r);
	/* a day typed without its year is the coming one */
	time_t t = time(NULL) + 3 * 86400 + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	char md[32];
	snprintf(md, sizeof md, "%d月%d日", tm.tm_mon + 1, tm.tm_mday);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/activities/new", "/c/xingfuli/admin/activities/new", &r,
				   "kind=reading&title=%s&organizer=&place=%s&date=%s&start=%s&end=%s&end_date="
				   "&capacity=10&audience=&min_age=&close_date=&close_time=&description=",
				   enc("不写年份的读书会"), enc("社区书屋"), enc(md), enc("19:00"), enc("20:30")),
			 303);
	done(&r);
	char now_text[24];
	snprintf(now_text, sizeof now_text, "%lld", (long long)time(NULL));
	int64_t ahead = db_int("SELECT starts_at - CAST(? AS BIGINT) FROM activities_activity WHERE title = ?", now_text,
			       "不写年份的读书会");
	assert_true(ahead > 2 * 86400 && ahead < 4 * 86400);
	curl_easy_cleanup(w);
}

/* Posts activity id's form with this date, times and capacity (-1: the
 * stored one). The status. */
static long edit(CURL *w, int64_t id, const char *date, const char *start, const char *end, int capacity,
		 struct resp *r)
{
	char page[96], idt[24];
	snprintf(page, sizeof page, "/c/xingfuli/admin/activities/%lld", (long long)id);
	snprintf(idt, sizeof idt, "%lld", (long long)id);
	if (capacity < 0)
		capacity = (int)db_int("SELECT capacity FROM activities_activity WHERE id = CAST(? AS BIGINT)"
				       " AND community_id = " XFL,
				       idt, NULL);
	return post_form(w, page, page, r,
			 "kind=culture&title=%s&organizer=&place=%s&date=%s&start=%s&end=%s&end_date=&capacity=%d"
			 "&audience=&min_age=&close_date=&close_time=&description=",
			 enc("编辑测试"), enc("社区活动室"), enc(date), enc(start), enc(end), capacity);
}

static void a_held_activity_keeps_its_time_and_places_keep_their_people(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	/* the demo's activity with a published report was held */
	int64_t held = db_int("SELECT id FROM activities_activity WHERE community_id = " XFL
			      " AND report_at IS NOT NULL ORDER BY id LIMIT 1",
			      NULL, NULL);
	assert_true(held > 0);
	assert_int_equal(edit(w, held, "2030-12-25", "10:00", "11:00", -1, &r), 422);
	assert_true(has(&r, "不能再改时间"));
	done(&r);
	char nowt[24], heldt[24];
	snprintf(nowt, sizeof nowt, "%lld", (long long)time(NULL));
	snprintf(heldt, sizeof heldt, "%lld", (long long)held);
	assert_int_equal(db_int("SELECT starts_at > CAST(? AS BIGINT) FROM activities_activity WHERE id = CAST(? AS BIGINT)",
				nowt, heldt),
			 0);
	/* places cannot drop below those who have one */
	int64_t aid = publish(w, "名额测试讲座", 5);
	CURL *z = logged_in("zhangsan"), *j = logged_in("jiandu");
	char page[96], sign[112];
	snprintf(page, sizeof page, "/c/xingfuli/activities/%lld", (long long)aid);
	snprintf(sign, sizeof sign, "%s/signup", page);
	assert_int_equal(post_form(z, page, sign, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(post_form(j, page, sign, &r, "x=1"), 303);
	done(&r);
	time_t t = time(NULL) + 2 * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	char day[32];
	snprintf(day, sizeof day, "%d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	assert_int_equal(edit(w, aid, day, "14:30", "16:00", 1, &r), 422);
	assert_true(has(&r, "已有 2 人报名成功,名额不能少于 2"));
	done(&r);
	assert_int_equal(edit(w, aid, day, "14:30", "16:00", 2, &r), 303);
	done(&r);
	char aidt[24];
	snprintf(aidt, sizeof aidt, "%lld", (long long)aid);
	assert_int_equal(db_int("SELECT capacity FROM activities_activity WHERE id = CAST(? AS BIGINT)", aidt, NULL), 2);
	curl_easy_cleanup(z);
	curl_easy_cleanup(j);
	curl_easy_cleanup(w);
}

/* Posts the activity form (new when id is 0) as w: this room (0 none), an
 * empty place, a day, times and places. The status. */
static long room_form(CURL *w, int64_t id, const char *title, int64_t room, const char *day, const char *start,
		      const char *end, int capacity, struct resp *r)
{
	char page[96];
	if (id)
		snprintf(page, sizeof page, "/c/xingfuli/admin/activities/%lld", (long long)id);
	else
		snprintf(page, sizeof page, "/c/xingfuli/admin/activities/new");
	return post_form(w, page, page, r,
			 "kind=culture&title=%s&organizer=&facility=%lld&place=&date=%s&start=%s&end=%s&end_date="
			 "&capacity=%d&audience=&min_age=&close_date=&close_time=&description=",
			 enc(title), (long long)room, enc(day), enc(start), enc(end), capacity);
}

static long room_publish(CURL *w, int64_t id, struct resp *r)
{
	char page[96], p[112];
	snprintf(page, sizeof page, "/c/xingfuli/admin/activities/%lld", (long long)id);
	snprintf(p, sizeof p, "%s/publish", page);
	return post_form(w, page, p, r, "x=1");
}

/* The booking holding activity id's room: "state start" of each, by id. */
static const char *holds_of(int64_t id)
{
	static char out[256];
	char n[24];
	snprintf(n, sizeof n, "%lld", (long long)id);
	int64_t live = db_int("SELECT COUNT(*) FROM facilities_booking WHERE activity_id = CAST(? AS BIGINT)"
			      " AND state = 'confirmed'",
			      n, NULL);
	int64_t gone = db_int("SELECT COUNT(*) FROM facilities_booking WHERE activity_id = CAST(? AS BIGINT)"
			      " AND state = 'cancelled'",
			      n, NULL);
	snprintf(out, sizeof out, "%lld live, %lld released", (long long)live, (long long)gone);
	return out;
}

static void an_activity_holds_its_room_and_nobody_else_gets_that_time(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	int64_t room = db_int("SELECT id FROM facilities_facility WHERE community_id = " XFL " AND name = ?", "社区活动室",
			      NULL);
	assert_true(room > 0);
	/* ten days ahead: inside the room's booking window, past the demo's bookings */
	time_t t = time(NULL) + 10 * 86400 + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	char day[32];
	snprintf(day, sizeof day, "%d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);

	/* a draft names the room, its place taken from it, and holds nothing yet */
	assert_int_equal(room_form(w, 0, "场地测试:书法课", room, day, "14:00", "15:30", 20, &r), 303);
	done(&r);
	int64_t a = db_int("SELECT id FROM activities_activity WHERE title = ?", "场地测试:书法课", NULL);
	assert_true(a > 0);
	assert_int_equal(db_int_args("SELECT COUNT(*) FROM activities_activity WHERE id = ?1 AND place LIKE '社区活动室%'", 1,
	                             (int64_t)a),
	                 1);
	assert_string_equal(holds_of(a), "0 live, 0 released");
	/* published: the room is held for its time */
	assert_int_equal(room_publish(w, a, &r), 303);
	done(&r);
	assert_string_equal(holds_of(a), "1 live, 0 released");
	assert_int_equal(db_int_args("SELECT COUNT(*) FROM facilities_booking b JOIN activities_activity v ON v.booking_id = b.id"
	                             " AND v.community_id = b.community_id WHERE v.id = ?1 AND b.starts_at = v.starts_at"
	                             " AND b.ends_at = v.ends_at AND b.facility_id = ?2",
	                             2, (int64_t)a, (int64_t)room),
	                 1);

	/* a resident cannot book the room over it */
	CURL *z = logged_in("zhangsan");
	char page[96], action[112];
	snprintf(page, sizeof page, "/c/xingfuli/facilities/%lld", (long long)room);
	snprintf(action, sizeof action, "%s/book", page);
	assert_int_equal(post_form(z, page, action, &r, "date=%s&start=14:30&end=15:00&people=2&purpose=%s&organization=",
				   enc(day), enc("家庭聚会")),
			 422);
	assert_true(has(&r, "已被预约") || has(&r, "已有预约") || has(&r, "被占"));
	done(&r);

	/* another activity over that time is not published, and stays a draft */
	assert_int_equal(room_form(w, 0, "场地测试:合唱排练", room, day, "15:00", "16:00", 20, &r), 303);
	done(&r);
	int64_t b = db_int("SELECT id FROM activities_activity WHERE title = ?", "场地测试:合唱排练", NULL);
	assert_int_equal(room_publish(w, b, &r), 422);
	assert_true(has(&r, "在这个时段已有预约"));
	done(&r);
	assert_int_equal(db_int_args("SELECT COUNT(*) FROM activities_activity WHERE id = ?1 AND state = 'draft'", 1, (int64_t)b),
	                 1);
	assert_string_equal(holds_of(b), "0 live, 0 released");
	/* moved to right after it, it is */
	assert_int_equal(room_form(w, b, "场地测试:合唱排练", room, day, "15:30", "16:30", 20, &r), 303);
	done(&r);
	assert_int_equal(room_publish(w, b, &r), 303);
	done(&r);
	assert_string_equal(holds_of(b), "1 live, 0 released");

	/* the first cannot move onto the second, nor take more places than the room holds */
	assert_int_equal(room_form(w, a, "场地测试:书法课", room, day, "15:00", "16:00", 20, &r), 422);
	assert_true(has(&r, "在这个时段已有预约"));
	done(&r);
	assert_int_equal(room_form(w, a, "场地测试:书法课", room, day, "14:00", "15:30", 50, &r), 422);
	assert_true(has(&r, "最多容纳 40 人"));
	done(&r);
	assert_string_equal(holds_of(a), "1 live, 0 released");
	/* places without limit do not fit a room that holds 40: said when saved, not first at publishing */
	assert_int_equal(room_form(w, 0, "场地测试:不限名额", room, day, "18:00", "19:00", 0, &r), 422);
	assert_true(has(&r, "最多容纳 40 人,活动名额须填写"));
	done(&r);
	/* the room cannot shrink below, nor be switched off under, the activities holding it */
	const char *hours = "08:30-12:00, 14:00-21:00";
	char fpage[96];
	snprintf(fpage, sizeof fpage, "/c/xingfuli/admin/facilities/%lld", (long long)room);
	const char *shrink = "name=%s&kind=%s&place=&capacity=%d&rules=&provided_by=&needs_approval=1&open_residents=1"
			     "&open_orgs=1&slot_min=30&max_min=180&days_ahead=14&hours1=%s&hours2=%s&hours3=%s&hours4=%s"
			     "&hours5=%s&hours6=%s&hours7=%s&makeup_weekday=0%s";
	assert_int_equal(post_form(w, fpage, fpage, &r, shrink, enc("社区活动室"), enc("活动室"), 10, hours, hours, hours,
				   hours, hours, hours, hours, "&active=1"),
			 422);
	assert_true(has(&r, "可容纳人数不能少于它"));
	done(&r);
	assert_int_equal(post_form(w, fpage, fpage, &r, shrink, enc("社区活动室"), enc("活动室"), 40, hours, hours, hours,
				   hours, hours, hours, hours, ""),
			 422);
	assert_true(has(&r, "请先把活动改到别处或取消,再停用"));
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM facilities_facility WHERE name = ? AND capacity = 40 AND active = 1",
				"社区活动室", NULL),
			 3);
	/* moved earlier, its hold follows: the old time released */
	assert_int_equal(room_form(w, a, "场地测试:书法课", room, day, "09:00", "10:30", 20, &r), 303);
	done(&r);
	assert_string_equal(holds_of(a), "1 live, 1 released");
	assert_int_equal(db_int_args("SELECT COUNT(*) FROM facilities_booking b JOIN activities_activity v ON v.booking_id = b.id"
	                             " AND v.community_id = b.community_id WHERE v.id = ?1 AND b.starts_at = v.starts_at"
	                             " AND b.state = 'confirmed'",
	                             1, (int64_t)a),
	                 1);

	/* the facility's staff page does not cancel a hold: the activity does */
	int64_t hold = db_int("SELECT booking_id FROM activities_activity WHERE title = ?", "场地测试:书法课", NULL);
	char bpage[96], bcancel[112];
	snprintf(bpage, sizeof bpage, "/c/xingfuli/admin/facilities/bookings/%lld", (long long)hold);
	snprintf(bcancel, sizeof bcancel, "%s/cancel", bpage);
	assert_int_equal(post_form(w, bpage, bcancel, &r, "reason=%s", enc("试试")), 422);
	done(&r);
	assert_string_equal(holds_of(a), "1 live, 1 released");
	request(w, bpage, NULL, NULL, &r);
	assert_true(has(&r, "请到活动页面修改"));
	done(&r);

	/* cancelled, the room is free again */
	char cpage[96], cancel[112];
	snprintf(cpage, sizeof cpage, "/c/xingfuli/admin/activities/%lld", (long long)a);
	snprintf(cancel, sizeof cancel, "%s/cancel", cpage);
	assert_int_equal(post_form(w, cancel, cancel, &r, "reason=%s", enc("老师生病")), 303);
	done(&r);
	assert_string_equal(holds_of(a), "0 live, 2 released");
	assert_int_equal(
	    db_int_args("SELECT COUNT(*) FROM activities_activity WHERE id = ?1 AND booking_id IS NULL", 1, (int64_t)a), 1);
	curl_easy_cleanup(z);
	curl_easy_cleanup(w);
}

static int64_t signups_in(int64_t aid, const char *state)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)aid);
	return db_int("SELECT COUNT(*) FROM activities_signup WHERE community_id = " XFL
	              " AND activity_id = CAST(? AS BIGINT) AND state = ?",
	              id, state);
}

/* 面向70岁以上: a resident the registry knows to be younger (刘建华, born
 * 1965) is refused online and told why; old enough, or not linked to the
 * registry (张三: staff check at the door), they sign up. */
static void the_age_an_activity_is_for_is_checked_against_the_registry(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *l = logged_in("liujh"), *z = logged_in("zhangsan");
	struct resp r;
	time_t t = time(NULL) + 5 * 86400 + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	char day[32];
	snprintf(day, sizeof day, "%d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	const char *titles[] = {"年龄测试:七十岁以上", "年龄测试:六十岁以上"};
	const int ages[] = {70, 60};
	int64_t ids[2];
	for (int i = 0; i < 2; i++) {
		assert_int_equal(post_form(w, "/c/xingfuli/admin/activities/new", "/c/xingfuli/admin/activities/new", &r,
					   "kind=festival&title=%s&organizer=&place=%s&date=%s&start=09:00&end=10:00&end_date="
					   "&capacity=10&audience=&min_age=%d&close_date=&close_time=&description=",
					   enc(titles[i]), enc("社区活动室"), enc(day), ages[i]),
				 303);
		done(&r);
		ids[i] = db_int("SELECT id FROM activities_activity WHERE title = ?", titles[i], NULL);
		char page[96], p[112];
		snprintf(page, sizeof page, "/c/xingfuli/admin/activities/%lld", (long long)ids[i]);
		snprintf(p, sizeof p, "%s/publish", page);
		assert_int_equal(post_form(w, page, p, &r, "x=1"), 303);
		done(&r);
	}
	char page[96], sign[112];
	snprintf(page, sizeof page, "/c/xingfuli/activities/%lld", (long long)ids[0]);
	snprintf(sign, sizeof sign, "%s/signup", page);
	assert_int_equal(post_form(l, page, sign, &r, "x=1"), 422);
	assert_true(has(&r, "面向 70 岁以上"));
	done(&r);
	assert_int_equal(signups_in(ids[0], "confirmed"), 0);
	assert_int_equal(post_form(z, page, sign, &r, "x=1"), 303); /* not in the registry */
	done(&r);
	snprintf(page, sizeof page, "/c/xingfuli/activities/%lld", (long long)ids[1]);
	snprintf(sign, sizeof sign, "%s/signup", page);
	assert_int_equal(post_form(l, page, sign, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(signups_in(ids[0], "confirmed"), 1);
	assert_int_equal(signups_in(ids[1], "confirmed"), 1);
	curl_easy_cleanup(w);
	curl_easy_cleanup(l);
	curl_easy_cleanup(z);
}

static void sign_up_waitlist_desk_and_promotion(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *z = logged_in("zhangsan"), *j = logged_in("jiandu"),
	     *l = logged_in("lihong"), *anon = client();
	struct resp r;
	int64_t aid = publish(w, "社区乒乓球友谊赛", 1);
	char page[96], sign[96], cancel[96], admin[96], desk[96];
	snprintf(page, sizeof page, "/c/xingfuli/activities/%lld", (long long)aid);
	snprintf(sign, sizeof sign, "/c/xingfuli/activities/%lld/signup", (long long)aid);
	snprintf(cancel, sizeof cancel, "/c/xingfuli/activities/%lld/cancel", (long long)aid);
	snprintf(admin, sizeof admin, "/c/xingfuli/admin/activities/%lld/signups", (long long)aid);
	snprintf(desk, sizeof desk, "/c/xingfuli/admin/activities/%lld/signups/new", (long long)aid);
	int signups = audit_count("activities.signup");

	/* not logged in: sent to the login page, nothing written */
	get(anon, page, &r);
	assert_true(has(&r, "登录后报名"));
	done(&r);
	long st = post_form(anon, "/login", sign, &r, "x=1");
	assert_true(st == 303 || st == 401);
	done(&r);
	assert_int_equal(signups_in(aid, "confirmed") + signups_in(aid, "waitlisted"), 0);
	/* no CSRF token: refused */
	request(z, sign, "x=1", NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	assert_int_equal(signups_in(aid, "confirmed"), 0);

	/* zhangsan takes the one place; jiandu waits first in line */
	assert_int_equal(post_form(z, page, sign, &r, "x=1"), 303);
	done(&r);
	get(z, page, &r);
	assert_true(has(&r, "你已报名"));
	done(&r);
	assert_int_equal(post_form(z, page, sign, &r, "x=1"), 422); /* twice: refused */
	assert_true(has(&r, "你已经报名了这个活动"));
	done(&r);
	assert_int_equal(post_form(j, page, sign, &r, "x=1"), 303);
	done(&r);
	get(j, page, &r);
	assert_true(has(&r, "你在候补第 1 位"));
	done(&r);
	assert_int_equal(audit_count("activities.signup"), signups + 2);
	/* another community's staff cannot take a place online here */
	assert_int_equal(post_form(l, page, sign, &r, "x=1"), 403);
	assert_true(has(&r, "只有本社区的居民可以在网上报名"));
	done(&r);
	assert_int_equal(signups_in(aid, "waitlisted"), 1);

	/* 代报名 at the desk: same rule, second in line; the errors by field first */
	assert_int_equal(post_form(w, desk, desk, &r, "name=%s&phone=139111188889", enc("刘桂兰")), 422);
	assert_true(has(&r, "手机号码应为 11 位,这里是 12 位"));
	assert_true(has(&r, "139111188889")); /* what was typed, kept */
	done(&r);
	assert_int_equal(post_form(w, desk, desk, &r, "name=&phone=abc&needs_call=1"), 422);
	assert_true(has(&r, "联系电话"));
	done(&r);
	assert_int_equal(post_form(w, desk, desk, &r, "name=%s&phone=13912345678&needs_call=1", enc("刘桂兰")), 303);
	assert_true(has_header(&r, "done=waitlisted&pos=2")); /* the place in line, to tell the caller */
	done(&r);
	assert_int_equal(signups_in(aid, "waitlisted"), 2);
	assert_int_equal(audit_count("activities.desk_signup") > 0, 1);
	/* another community's staff can neither see the list nor sign up here */
	get(l, admin, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	assert_int_equal(post_form(l, "/c/heping/admin/activities/", desk, &r, "name=%s&phone=13912345670", enc("王五")),
			 403);
	done(&r);
	assert_int_equal(signups_in(aid, "waitlisted"), 2);

	/* the staff list masks names and phones unless full data is asked for, and then it is audited */
	get(w, admin, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "刘*兰"));
	assert_true(has(&r, "139****5678"));
	assert_false(has(&r, "13912345678"));
	done(&r);
	int full = audit_count("activities.signups_full");
	char fullp[128];
	snprintf(fullp, sizeof fullp, "%s?full=1", admin);
	get(w, fullp, &r);
	assert_true(has(&r, "13912345678"));
	assert_true(has(&r, "刘桂兰"));
	done(&r);
	assert_int_equal(audit_count("activities.signups_full"), full + 1);
	char csv[128];
	snprintf(csv, sizeof csv, "%s.csv", admin);
	get(w, csv, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "139****5678"));
	assert_false(has(&r, "13912345678"));
	done(&r);

	/* zhangsan cancels: jiandu moves up, and sees it on the page */
	char aid_text[24];
	snprintf(aid_text, sizeof aid_text, "%lld", (long long)aid);
	int64_t zs = db_int("SELECT s.id FROM activities_signup s JOIN users u ON u.id = s.user_id WHERE u.username = ?"
	                    " AND s.state = 'confirmed' AND s.activity_id = CAST(? AS BIGINT)",
	                    "zhangsan", aid_text);
	assert_true(zs > 0);
	/* jiandu cannot cancel zhangsan's sign-up */
	assert_int_equal(post_form(j, page, cancel, &r, "signup=%lld", (long long)zs), 422);
	done(&r);
	assert_int_equal(post_form(z, page, cancel, &r, "signup=%lld", (long long)zs), 303);
	done(&r);
	get(j, page, &r);
	assert_true(has(&r, "你已报名"));
	assert_true(has(&r, "由候补递补"));
	done(&r);
	get(j, "/c/xingfuli/activities/mine", &r);
	assert_true(has(&r, "社区乒乓球友谊赛"));
	assert_true(has(&r, "3 天内开始"));
	done(&r);
	assert_int_equal(signups_in(aid, "confirmed"), 1);
	assert_int_equal(signups_in(aid, "waitlisted"), 1);
	/* the counters kept with the row agree */
	assert_int_equal(db_int_args("SELECT confirmed * 1000 + waitlisted FROM activities_activity WHERE community_id = " XFL
	                             " AND id = ?1",
	                             1, aid),
	                 1001);

	/* the desk sign-up with 电话提醒 is on the list to phone, number in full, audited */
	int calls = audit_count("activities.calls_view");
	get(w, "/c/xingfuli/admin/activities/calls", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "社区乒乓球友谊赛"));
	assert_true(has(&r, "13912345678"));
	done(&r);
	assert_int_equal(audit_count("activities.calls_view"), calls + 1);

	/* attendance: jiandu checked in, twice harmless */
	char att[128], in[160];
	snprintf(att, sizeof att, "/c/xingfuli/admin/activities/%lld/attendance", (long long)aid);
	/* jiandu's sign-up to it */
	const char *const q = "SELECT s.id FROM activities_signup s JOIN users u ON u.id = s.user_id WHERE u.username = ?"
	                      " AND s.activity_id = CAST(? AS BIGINT)";
	snprintf(in, sizeof in, "%s/%lld", att, (long long)db_int(q, "jiandu", aid_text));
	get(w, att, &r);
	assert_true(has(&r, "签到表"));
	assert_true(has(&r, "孙立"));
	assert_true(has(&r, "现场登记(未报名者)")); /* blank rows on the printed sheet */
	assert_true(has(&r, ">工作台</a> › <a")); /* where the page sits */
	done(&r);
	/* days before the start: refused, said why */
	assert_int_equal(post_form(w, att, in, &r, "x=1"), 422);
	assert_true(has(&r, "签到只能在活动开始前 2 小时"));
	done(&r);
	/* at the door (the activity moved to now for the test) */
	static const char moved[] =
	    "UPDATE activities_activity SET starts_at = ?1, ends_at = ?2 WHERE id = ?3 AND community_id = " XFL;
	int64_t starts0 =
	    db_int_args("SELECT starts_at FROM activities_activity WHERE id = ?1 AND community_id = " XFL, 1, aid);
	int64_t ends0 = db_int_args("SELECT ends_at FROM activities_activity WHERE id = ?1 AND community_id = " XFL, 1, aid);
	assert_int_equal(db_int_args(moved, 3, (int64_t)time(NULL) - 600, (int64_t)time(NULL) + 3000, aid), 0);
	assert_int_equal(post_form(w, att, in, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(post_form(w, att, in, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(
	    db_int_args("SELECT attended FROM activities_activity WHERE community_id = " XFL " AND id = ?1", 1, aid), 1);
	get(w, att, &r);
	assert_true(has(&r, "已签到 1 人"));
	done(&r);
	/* back to its own time, for the steps that follow */
	assert_int_equal(db_int_args(moved, 3, starts0, ends0, aid), 0);

	/* staff cancel jiandu's place on his behalf: the desk sign-up waiting first moves up */
	char staff_cancel[160];
	snprintf(staff_cancel, sizeof staff_cancel, "/c/xingfuli/admin/activities/%lld/signups/%lld/cancel",
		 (long long)aid, (long long)db_int(q, "jiandu", aid_text));
	int cancels = audit_count("activities.signup_cancel");
	/* not while he is checked in: one who came cannot be cancelled */
	assert_int_equal(post_form(w, admin, staff_cancel, &r, "x=1"), 422);
	assert_true(has(&r, "已经签到"));
	done(&r);
	assert_int_equal(audit_count("activities.signup_cancel"), cancels);
	assert_int_equal(db_int_args("UPDATE activities_signup SET attended_at = NULL WHERE id = ?1 AND community_id = " XFL, 1,
	                             db_int(q, "jiandu", aid_text)),
	                 0);
	assert_int_equal(
	    db_int_args("UPDATE activities_activity SET attended = 0 WHERE id = ?1 AND community_id = " XFL, 1, aid), 0);
	assert_int_equal(post_form(w, admin, staff_cancel, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(post_form(w, admin, staff_cancel, &r, "x=1"), 422); /* twice: already cancelled */
	done(&r);
	assert_int_equal(audit_count("activities.signup_cancel"), cancels + 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM activities_signup WHERE name = ? AND state = 'confirmed'"
				" AND promoted_at IS NOT NULL",
				"刘桂兰", NULL),
			 1);
	get(j, page, &r);
	assert_false(has(&r, "你已报名"));
	done(&r);
	/* zhangsan signs up again, at the end of the line */
	assert_int_equal(post_form(z, page, sign, &r, "x=1"), 303);
	done(&r);
	get(z, page, &r);
	assert_true(has(&r, "你在候补第 1 位"));
	done(&r);
	get(z, "/c/xingfuli/activities/mine", &r);
	assert_true(has(&r, "你在候补第 1 位"));
	done(&r);
	/* the list to phone over 7 days, and a window it does not take */
	get(w, "/c/xingfuli/admin/activities/calls?days=7", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "7 天内开始的活动"));
	assert_true(has(&r, "13912345678"));
	done(&r);
	get(w, "/c/xingfuli/admin/activities/calls?days=9", &r);
	assert_int_equal(r.status, 400);
	done(&r);

	/* the activity cancelled with a reason: the sign-ups are told on their page, the feed says so */
	char ics[128], uid[96];
	snprintf(ics, sizeof ics, "%s.ics", page);
	snprintf(uid, sizeof uid, "activity-%lld-%lld@shequ",
		 (long long)db_int("SELECT id FROM org_unit WHERE slug = 'xingfuli'", NULL, NULL), (long long)aid);
	icalcomponent *ev;
	visit(at, ics, NULL, &r);
	assert_int_equal(parse_feed(r.body.data, uid, &ev), 1);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CONFIRMED);
	icalcomponent_free(ev);
	done(&r);
	char can[128];
	snprintf(can, sizeof can, "/c/xingfuli/admin/activities/%lld/cancel", (long long)aid);
	assert_int_equal(post_form(w, can, can, &r, "reason="), 422);
	assert_true(has(&r, "取消原因"));
	done(&r);
	assert_int_equal(post_form(w, can, can, &r, "reason=%s", enc("场地临时检修,改期另行通知")), 303);
	done(&r);
	visit(at, ics, NULL, &r);
	assert_int_equal(parse_feed(r.body.data, uid, &ev), 1);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
	assert_non_null(strstr(icalcomponent_get_description(ev), "场地临时检修"));
	icalcomponent_free(ev);
	done(&r);
	visit(at, "/c/xingfuli/activities.ics", NULL, &r);
	assert_true(has(&r, "STATUS:CANCELLED"));
	done(&r);
	get(j, "/c/xingfuli/activities/mine", &r);
	assert_false(has(&r, "社区乒乓球友谊赛")); /* his sign-up was cancelled before */
	done(&r);
	get(j, page, &r);
	assert_true(has(&r, "活动已取消"));
	assert_true(has(&r, "场地临时检修"));
	done(&r);
	get(z, "/c/xingfuli/activities/mine", &r);
	assert_true(has(&r, "社区乒乓球友谊赛"));
	assert_true(has(&r, "活动已取消"));
	assert_true(has(&r, "场地临时检修"));
	done(&r);
	assert_int_equal(post_form(z, "/account/password", sign, &r, "x=1"), 422);
	assert_true(has(&r, "不能报名"));
	done(&r);
	curl_easy_cleanup(w);
	curl_easy_cleanup(z);
	curl_easy_cleanup(j);
	curl_easy_cleanup(l);
	curl_easy_cleanup(anon);
}

static void a_report_with_photos_after_the_activity(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	int64_t past = db_int("SELECT id FROM activities_activity WHERE community_id = " XFL
			      " AND title = '三八妇女节插花活动'",
			      NULL, NULL);
	int64_t ahead = db_int("SELECT id FROM activities_activity WHERE community_id = " XFL
			       " AND title = '重阳节敬老包饺子'",
			       NULL, NULL);
	char page[96];
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x02\0\0\0\x90wS\xde";
	const char *fields[] = {"report", "活动圆满结束,照片见下。", "publish", "1", NULL};
	/* not before it ends */
	snprintf(page, sizeof page, "/c/xingfuli/admin/activities/%lld/report", (long long)ahead);
	assert_int_equal(post_upload(w, page, page, fields, "photos", "a.png", png, sizeof png - 1, &r), 422);
	assert_true(has(&r, "活动结束后才能发布"));
	done(&r);
	snprintf(page, sizeof page, "/c/xingfuli/admin/activities/%lld/report", (long long)past);
	/* a PDF is not a photo */
	assert_int_equal(post_upload(w, page, page, fields, "photos", "a.pdf", "%PDF-1.4\n%%EOF\n", 15, &r), 422);
	assert_true(has(&r, "“a.pdf”不是完整的 JPG 或 PNG 图片"));
	done(&r);
	/* nor three bytes that begin as a JPEG, nor a 20000x20000 PNG */
	assert_int_equal(post_upload(w, page, page, fields, "photos", "b.jpg", "\xff\xd8\xff", 3, &r), 422);
	assert_true(has(&r, "不是完整的 JPG 或 PNG 图片"));
	done(&r);
	static const char huge[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x4e\x20\0\0\x4e\x20\x08\x02\0\0\0\0\0\0\0";
	assert_int_equal(post_upload(w, page, page, fields, "photos", "c.png", huge, sizeof huge - 1, &r), 422);
	assert_true(has(&r, "20000×20000 像素,太大了"));
	done(&r);
	assert_int_equal(post_upload(w, page, page, fields, "photos", "合影.png", png, sizeof png - 1, &r), 303);
	done(&r);
	struct resp v;
	char pub[96];
	snprintf(pub, sizeof pub, "/c/xingfuli/activities/%lld", (long long)past);
	visit(at, pub, NULL, &v);
	assert_true(has(&v, "活动圆满结束"));
	assert_true(has(&v, "/photos/"));
	done(&v);
	visit(at, "/c/xingfuli/activities/reports", NULL, &v);
	assert_true(has(&v, "活动圆满结束"));
	done(&v);
	char photo[128];
	snprintf(photo, sizeof photo, "/c/xingfuli/activities/%lld/photos/%lld", (long long)past,
		 (long long)db_int("SELECT MAX(id) FROM activities_photo", NULL, NULL));
	visit(at, photo, NULL, &v);
	assert_int_equal(v.status, 200);
	assert_true(has_header(&v, "image/png"));
	done(&v);
	curl_easy_cleanup(w);
}

static void the_workbench_shows_the_cards(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	get(w, "/c/xingfuli/admin/", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "3 天内活动需电话提醒"));
	done(&r);
	get(w, "/c/xingfuli/admin/activities/", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "重阳节敬老包饺子"));
	done(&r);
	curl_easy_cleanup(w);
	/* the street's workbench: the overview card, leading to a community's list to phone */
	CURL *d = logged_in("donghu");
	get(d, "/admin/", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "3 天内活动需电话提醒"));
	assert_true(has(&r, "/admin/activities/calls"));
	done(&r);
	curl_easy_cleanup(d);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_activities_http PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(the_public_list_filters_and_exports),
	    cmocka_unit_test(both_feeds_parse_with_libical),
	    cmocka_unit_test(the_form_keeps_what_was_typed_and_says_what_is_wrong),
	    cmocka_unit_test(sign_up_waitlist_desk_and_promotion),
	    cmocka_unit_test(the_age_an_activity_is_for_is_checked_against_the_registry),
	    cmocka_unit_test(a_held_activity_keeps_its_time_and_places_keep_their_people),
	    cmocka_unit_test(an_activity_holds_its_room_and_nobody_else_gets_that_time),
	    cmocka_unit_test(a_report_with_photos_after_the_activity),
	    cmocka_unit_test(the_workbench_shows_the_cards),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
