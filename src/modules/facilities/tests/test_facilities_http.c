/* End to end on a real server over the demo data (SQLite, and PostgreSQL
 * under tests/pg/with-postgres.sh): the public pages and API show free and
 * taken times without who; a resident books, an overlapping booking, one
 * outside the hours and one on a closed holiday are refused next to the
 * field with what was typed kept; visitors, other communities' staff and
 * posts without the CSRF token are refused; a booking that needs approval
 * waits, is approved, cancelled and its time booked again; the no-show
 * rule blocks online booking but not the desk (代订); staff lists mask
 * phones (the name with the phone's last four digits), the full view is
 * audited; the facility form and its slot select; the approval page (通过
 * alone, primary) and what each decision says; 我的预约 soonest first with
 * the new booking marked; the staff pages' breadcrumbs. */
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

#include "core/date.h"
#include "harness.h"
#include "modules/services/services.h"

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"

static int64_t facility(const char *name)
{
	return db_int("SELECT id FROM facilities_facility WHERE community_id = " XFL " AND name = ?", name, NULL);
}

static int64_t bookings(void)
{
	return db_int("SELECT COUNT(*) FROM facilities_booking", NULL, NULL);
}

/* The first working day (not a holiday, not a weekend) at least `from` days from today, as YYYY-MM-DD. */
static const char *workday(int from)
{
	static char out[4][11];
	static int k;
	struct ymd d = date_add_days(date_from_time((int64_t)time(NULL)), from);
	while (date_kind(d) != DATE_WORKDAY)
		d = date_add_days(d, 1);
	k = (k + 1) % 4;
	date_format(d, out[k]);
	return out[k];
}

/* The day n days from today, as YYYY-MM-DD (the billiards table opens every day, holidays too). */
static const char *days_ahead(int n)
{
	static char out[11];
	date_format(date_add_days(date_from_time((int64_t)time(NULL)), n), out);
	return out;
}

static char page[128], action[128];

/* Where s first is in the page's body: its offset, or -1. */
static long at_of(const struct resp *r, const char *s)
{
	const char *p = r->body.data ? strstr(r->body.data, s) : NULL;
	return p ? (long)(p - r->body.data) : -1;
}

static long book(CURL *c, int64_t fid, const char *date, const char *start, const char *end, const char *purpose,
		 struct resp *r)
{
	snprintf(page, sizeof page, "/c/xingfuli/facilities/%lld", (long long)fid);
	snprintf(action, sizeof action, "/c/xingfuli/facilities/%lld/book", (long long)fid);
	return post_form(c, page, action, r, "date=%s&start=%s&end=%s&people=2&purpose=%s&organization=", enc(date),
			 enc(start), enc(end), enc(purpose));
}

static void visitors_see_free_and_taken_times_without_who(void **state)
{
	(void)state;
	struct resp r;
	CURL *c = client();
	request(c, "/c/xingfuli/facilities/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "社区活动室"));
	assert_true(has(&r, "幸福里小学礼堂"));
	assert_true(has(&r, "幸福里小学 提供"));
	done(&r);
	char path[128];
	snprintf(path, sizeof path, "/c/xingfuli/facilities/%lld?week=%s", (long long)facility("社区活动室"), workday(1));
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "可预约"));
	assert_true(has(&r, "登录后预约"));
	assert_true(has(&r, "90 天内未到场 3 次"));
	assert_false(has(&r, "张*兰"));
	assert_false(has(&r, "<form method=\"post\""));
	done(&r);
	/* every demo community has its facilities */
	assert_true(db_int("SELECT COUNT(DISTINCT community_id) FROM facilities_facility", NULL, NULL) >= 3);
	request(c, "/c/xingfuli/facilities/facilities.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "社区活动室"));
	done(&r);
	request(c, "/c/xingfuli/facilities/facilities.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	request(c, "/api/v1/c/xingfuli/facilities", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"facilities\""));
	done(&r);
	snprintf(path, sizeof path, "/api/v1/c/xingfuli/facilities/%lld", (long long)facility("社区活动室"));
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"free\""));
	assert_true(has(&r, "\"taken\""));
	assert_false(has(&r, "name_masked"));
	done(&r);
	request(c, "/api/v1/openapi.json", NULL, NULL, &r);
	assert_true(has(&r, "/api/v1/c/{community}/facilities/{id}"));
	done(&r);
	curl_easy_cleanup(c);
}

static void a_resident_books_and_refusals_are_shown_by_the_field(void **state)
{
	(void)state;
	struct resp r;
	int64_t room = facility("社区活动室"), n0 = bookings();
	int a0 = audit_count("facilities.book");
	const char *day = workday(3);
	/* a visitor is sent to sign in; nothing is written */
	CURL *v = client();
	snprintf(action, sizeof action, "/c/xingfuli/facilities/%lld/book", (long long)room);
	long st = post_form(v, "/login", action, &r, "date=%s&start=20:00&end=21:00&purpose=x", day);
	assert_true(st == 303 || st == 401);
	assert_false(has_header(&r, "/facilities/mine"));
	done(&r);
	assert_int_equal(bookings(), n0);
	curl_easy_cleanup(v);

	CURL *z = logged_in("zhangsan");
	char path[128];
	snprintf(path, sizeof path, "/c/xingfuli/facilities/%lld", (long long)room);
	request(z, path, NULL, NULL, &r);
	assert_true(has(&r, "提交预约申请"));
	done(&r);
	assert_int_equal(book(z, room, day, "下午8点", "21:00", "读书会", &r), 303);
	done(&r);
	assert_int_equal(bookings(), n0 + 1);
	assert_int_equal(audit_count("facilities.book"), a0 + 1);
	int64_t id = db_int("SELECT MAX(id) FROM facilities_booking WHERE community_id = " XFL " AND purpose = ?", "读书会",
			    NULL);
	char ids[32];
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	assert_int_equal(db_int("SELECT COUNT(*) FROM facilities_booking WHERE community_id = " XFL
				" AND id = CAST(? AS BIGINT) AND state = 'pending'",
				ids, NULL),
			 1);
	/* the form shows refusals next to the field, with what was typed */
	CURL *l = logged_in("liujh");
	assert_int_equal(book(l, room, day, "20:30", "21:00", "读书会第二场", &r), 422);
	assert_true(has(&r, "这段时间已有预约"));
	assert_true(has(&r, "读书会第二场"));
	done(&r);
	assert_int_equal(book(l, room, day, "21:00", "22:00", "夜间活动", &r), 422);
	assert_true(has(&r, "场地不开放"));
	assert_true(has(&r, "夜间活动"));
	done(&r);
	assert_int_equal(book(l, room, "下周", "14:00", "15:00", "看不懂的日期", &r), 422);
	assert_true(has(&r, "日期看不懂"));
	done(&r);
	assert_int_equal(bookings(), n0 + 1);
	/* without the CSRF token: refused, nothing written */
	char act[128];
	snprintf(act, sizeof act, "/c/xingfuli/facilities/%lld/book", (long long)room);
	request(l, act, "date=2030-01-01&start=14:00&end=15:00&purpose=x", NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	assert_int_equal(bookings(), n0 + 1);

	/* staff approve; another community's staff may not (nor book online here); a refusal needs a reason */
	CURL *li = logged_in("lihong");
	snprintf(act, sizeof act, "/c/xingfuli/facilities/%lld/book", (long long)room);
	assert_int_equal(post_form(li, "/c/heping/facilities/", act, &r,
				   "date=%s&start=14:00&end=15:00&people=2&purpose=x&organization=", day),
			 403);
	done(&r);
	assert_int_equal(bookings(), n0 + 1);
	char bpage[128], bact[160];
	snprintf(bpage, sizeof bpage, "/c/xingfuli/admin/facilities/bookings/%lld", (long long)id);
	snprintf(bact, sizeof bact, "%s/approve", bpage);
	assert_int_equal(post_form(li, "/c/heping/admin/facilities/", bact, &r, "x=1"), 403);
	done(&r);
	CURL *w = logged_in("wangjg");
	/* the approval page: 通过 alone in its form (primary), then 不通过 with its reason, then 取消预约 (outlined) */
	request(w, bpage, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	{
		long ap0 = at_of(&r, "/approve\""), rf0 = at_of(&r, "/refuse\""), cn0 = at_of(&r, "/cancel\"");
		assert_true(ap0 > 0 && rf0 > ap0 && cn0 > rf0);
		const char *approve = r.body.data + ap0;
		const char *end = strstr(approve, "</form>");
		assert_non_null(end);
		assert_null(memmem(approve, (size_t)(end - approve), "name=\"reason\"", strlen("name=\"reason\"")));
		assert_non_null(memmem(approve, (size_t)(end - approve), "<button type=\"submit\">通过</button>",
				       strlen("<button type=\"submit\">通过</button>")));
		assert_true(at_of(&r, "不通过的理由") > rf0);
		assert_true(at_of(&r, "<button type=\"submit\" class=\"secondary\">不通过</button>") > rf0);
		assert_true(at_of(&r, "<button type=\"submit\" class=\"secondary\">取消预约</button>") > cn0);
	}
	done(&r);
	snprintf(bact, sizeof bact, "%s/refuse", bpage);
	assert_int_equal(post_form(w, bpage, bact, &r, "reason="), 422);
	assert_true(has(&r, "请填写理由"));
	done(&r);
	snprintf(bact, sizeof bact, "%s/approve", bpage);
	int ap = audit_count("facilities.approve");
	assert_int_equal(post_form(w, bpage, bact, &r, "x=1"), 303);
	assert_true(has_header(&r, "done=approved"));
	done(&r);
	{
		char shown[160];
		snprintf(shown, sizeof shown, "%s?done=approved", bpage);
		request(w, shown, NULL, NULL, &r);
		assert_true(has(&r, "已通过,预约已确认。预约人可在“我的预约”中看到;没有智能手机的居民请电话告知。"));
		done(&r);
	}
	assert_int_equal(audit_count("facilities.approve"), ap + 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM facilities_booking WHERE community_id = " XFL
				" AND id = CAST(? AS BIGINT) AND state = 'confirmed'",
				ids, NULL),
			 1);
	/* the resident cancels; the time is free again */
	snprintf(bact, sizeof bact, "/c/xingfuli/facilities/mine/%lld/cancel", (long long)id);
	assert_int_equal(post_form(l, "/c/xingfuli/facilities/mine", bact, &r, "x=1"), 404); /* not liujh's */
	done(&r);
	request(z, "/c/xingfuli/facilities/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "读书会"));
	assert_true(has(&r, "已确认"));
	done(&r);
	request(z, "/c/xingfuli/facilities/mine.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "读书会"));
	done(&r);
	assert_int_equal(post_form(z, "/c/xingfuli/facilities/mine", bact, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(book(l, room, day, "20:30", "21:00", "读书会第二场", &r), 303);
	done(&r);
	curl_easy_cleanup(z);
	curl_easy_cleanup(l);
	curl_easy_cleanup(li);
	curl_easy_cleanup(w);
}

static void a_closed_holiday_is_refused(void **state)
{
	(void)state;
	/* a facility closed on holidays that takes bookings 60 days ahead */
	struct resp r;
	CURL *w = logged_in("wangjg");
	const char *hours = "09:00-17:00";
	assert_int_equal(post_form(w, "/c/xingfuli/admin/facilities/new", "/c/xingfuli/admin/facilities/new", &r,
				   "name=%s&kind=%s&place=&capacity=10&rules=&provided_by=&open_residents=1&open_orgs=1"
				   "&slot_min=60&max_min=120&days_ahead=60&hours1=%s&hours2=%s&hours3=%s&hours4=%s&hours5=%s"
				   "&hours6=%s&hours7=%s&makeup_weekday=0&active=1",
				   enc("节日测试室"), enc("活动室"), hours, hours, hours, hours, hours, hours, hours),
			 303);
	done(&r);
	int64_t room = facility("节日测试室");
	assert_true(room > 0);
	struct ymd d = date_add_days(date_from_time((int64_t)time(NULL)), 1);
	int found = 0;
	for (int k = 1; k < 60 && !found; k++, d = date_add_days(d, 1))
		if (date_kind(d) == DATE_HOLIDAY)
			found = 1;
	CURL *z = logged_in("zhangsan");
	if (found) {
		char day[11];
		date_format(date_add_days(d, -1), day);
		assert_int_equal(book(z, room, day, "10:00", "11:00", "节日活动", &r), 422);
		assert_true(has(&r, "场地不开放"));
		done(&r);
		/* the week's calendar names the holiday and keeps no hours that day */
		char path[128];
		snprintf(path, sizeof path, "/c/xingfuli/facilities/%lld?week=%s", (long long)room, day);
		request(z, path, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		struct ymd h;
		assert_int_equal(date_parse(day, &h), 0);
		char label[96];
		snprintf(label, sizeof label, "%d月%d日 %s · %s", h.m, h.d, services_weekday_label(date_weekday(h)),
			 date_holiday_name(h));
		assert_true(has(&r, label));
		done(&r);
	}
	/* a time off the grid of 60 minutes */
	assert_int_equal(book(z, room, workday(2), "10:30", "11:30", "不在时段", &r), 422);
	assert_true(has(&r, "预约时段"));
	done(&r);
	/* the facility form keeps what was typed and says what is wrong */
	assert_int_equal(post_form(w, "/c/xingfuli/admin/facilities/new", "/c/xingfuli/admin/facilities/new", &r,
				   "name=%s&kind=%s&slot_min=30&max_min=120&days_ahead=14&hours1=%s&makeup_weekday=0",
				   enc("坏时间室"), enc("活动室"), enc("九点到十点半")),
			 422);
	assert_true(has(&r, "坏时间室"));
	assert_true(has(&r, "九点到十点半"));
	done(&r);
	/* editing keeps the hours as typed back and is audited; the overnight form reads back */
	char edit[128];
	snprintf(edit, sizeof edit, "/c/xingfuli/admin/facilities/%lld", (long long)room);
	request(w, edit, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "09:00–17:00"));
	done(&r);
	int e0 = audit_count("facilities.edit");
	assert_int_equal(post_form(w, edit, edit, &r,
				   "name=%s&kind=%s&capacity=10&open_residents=1&slot_min=60&max_min=240&days_ahead=60"
				   "&hours1=%s&hours2=&hours3=&hours4=&hours5=&hours6=&hours7=&makeup_weekday=1&active=1",
				   enc("节日测试室(夜)"), enc("活动室"), enc("18:00-次日02:00")),
			 303);
	done(&r);
	assert_int_equal(audit_count("facilities.edit"), e0 + 1);
	request(w, edit, NULL, NULL, &r);
	assert_true(has(&r, "18:00–次日02:00"));
	done(&r);
	CURL *li = logged_in("lihong");
	request(li, edit, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(li);
	curl_easy_cleanup(w);
	curl_easy_cleanup(z);
}

/* The slot length is chosen from 15, 30, 60, 90, 120 minutes; a facility's
 * other stored length is kept when it is edited; the grid counts from the
 * opening (7-minute slots from 09:00: 09:00 taken, 09:06 refused). */
static void the_slot_is_chosen_and_the_grid_counts_from_the_opening(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	const char *h = "09:00-21:00";
	request(w, "/c/xingfuli/admin/facilities/new", NULL, NULL, &r);
	assert_true(has(&r, "<select"));
	assert_true(has(&r, "<option value=\"90\">90 分钟</option>"));
	done(&r);
	static const char *const fmt = "name=%s&kind=%s&open_residents=1&slot_min=%s&max_min=120&days_ahead=30"
				       "&hours1=%s&hours2=%s&hours3=%s&hours4=%s&hours5=%s&hours6=%s&hours7=%s"
				       "&holidays_open=1&makeup_weekday=0&active=1";
	assert_int_equal(post_form(w, "/c/xingfuli/admin/facilities/new", "/c/xingfuli/admin/facilities/new", &r, fmt,
				   enc("七分钟室"), enc("活动室"), "7", h, h, h, h, h, h, h),
			 422);
	assert_true(has(&r, "请从列表中选择预约时段"));
	assert_true(has(&r, "七分钟室"));
	done(&r);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/facilities/new", "/c/xingfuli/admin/facilities/new", &r, fmt,
				   enc("七分钟室"), enc("活动室"), "15", h, h, h, h, h, h, h),
			 303);
	done(&r);
	int64_t room = facility("七分钟室");
	char edit[128];
	assert_int_equal(db_int_args("UPDATE facilities_facility SET slot_min = 7 WHERE id = ?1", 1, room), 0);
	snprintf(edit, sizeof edit, "/c/xingfuli/admin/facilities/%lld", (long long)room);
	request(w, edit, NULL, NULL, &r);
	assert_true(has(&r, "<option value=\"7\" selected>7 分钟(原设置)</option>"));
	done(&r);
	assert_int_equal(post_form(w, edit, edit, &r, fmt, enc("七分钟室"), enc("活动室"), "7", h, h, h, h, h, h, h), 303);
	done(&r);
	assert_int_equal(db_int("SELECT slot_min FROM facilities_facility WHERE name = ?", "七分钟室", NULL), 7);
	/* another facility may not take that length */
	snprintf(edit, sizeof edit, "/c/xingfuli/admin/facilities/%lld", (long long)facility("台球桌"));
	assert_int_equal(post_form(w, edit, edit, &r, fmt, enc("台球桌"), enc("台球桌"), "7", h, h, h, h, h, h, h), 422);
	assert_true(has(&r, "请从列表中选择预约时段"));
	done(&r);
	CURL *z = logged_in("zhangsan");
	assert_int_equal(book(z, room, days_ahead(2), "09:00", "09:07", "七分钟", &r), 303);
	done(&r);
	assert_int_equal(book(z, room, days_ahead(2), "09:06", "09:13", "七分钟", &r), 422);
	assert_true(has(&r, "预约时段"));
	done(&r);
	curl_easy_cleanup(z);
	curl_easy_cleanup(w);
}

/* 我的预约: bookings to come first, soonest first, those over on their own
 * tab; the booking just made is marked and told; no export links for
 * residents; a "我要预约" link at the top of the facility page. */
static void mine_shows_what_is_to_come_first_and_marks_the_new_one(void **state)
{
	(void)state;
	struct resp r;
	int64_t room = facility("七分钟室"), now = (int64_t)time(NULL);
	assert_true(room > 0);
	/* the rows sit at 20:00 Beijing time of their days, clear of the 10:03 booking below whatever the hour */
	int64_t evening = (now + 8 * 3600) / 86400 * 86400 - 8 * 3600 + 20 * 3600;
#define MINE_ROW(purpose)                                                                                          \
	"INSERT INTO facilities_booking (community_id, facility_id, id, starts_at, ends_at, user_id, name_masked,"      \
	" phone_masked, purpose, people, state, created_at) SELECT " XFL ", ?1, ?2, ?3, ?4, id, '', '', '" purpose     \
	"', 2, 'confirmed', ?5 FROM users WHERE username = 'zhangsan'"
	static const struct {
		int64_t id, at;
		const char *sql;
	} rows[] = {{90020, 5 * 86400, MINE_ROW("甲远")}, {90021, 86400, MINE_ROW("乙近")}, {90022, -2 * 86400, MINE_ROW("丙过")}};
#undef MINE_ROW
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		assert_int_equal(db_int_args(rows[i].sql, 5, room, rows[i].id, evening + rows[i].at,
		                             evening + rows[i].at + 3600, now - 3 * 86400),
		                 0);
	CURL *z = logged_in("zhangsan");
	request(z, "/c/xingfuli/facilities/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(at_of(&r, "乙近") > 0 && at_of(&r, "甲远") > at_of(&r, "乙近"));
	assert_false(has(&r, "丙过"));
	assert_false(has(&r, "mine.csv"));
	assert_false(has(&r, "mine.xlsx"));
	assert_true(has(&r, "已过去的预约"));
	done(&r);
	request(z, "/c/xingfuli/facilities/mine?when=past", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "丙过"));
	assert_false(has(&r, "乙近"));
	done(&r);
	/* book: the redirect names the booking, the list marks it and the notice tells it */
	assert_int_equal(book(z, room, days_ahead(5), "10:03", "10:10", "刚订的", &r), 303);
	assert_true(has_header(&r, "/facilities/mine?done="));
	done(&r);
	int64_t id = db_int("SELECT MAX(id) FROM facilities_booking WHERE purpose = ?", "刚订的", NULL);
	char path[128];
	snprintf(path, sizeof path, "/c/xingfuli/facilities/mine?done=%lld", (long long)id);
	request(z, path, NULL, NULL, &r);
	assert_true(has(&r, "已提交预约:七分钟室"));
	{
		/* the mark sits in the row of that booking: after the row before it, before its purpose */
		long mark = at_of(&r, "<strong class=\"tag tag-open\">刚提交</strong>");
		assert_true(mark > at_of(&r, "<tbody>") && mark < at_of(&r, "刚订的"));
		assert_true(at_of(&r, "乙近") < mark);
	}
	done(&r);
	/* another's booking id marks nothing */
	CURL *l = logged_in("liujh");
	request(l, path, NULL, NULL, &r);
	assert_false(has(&r, "刚提交"));
	done(&r);
	curl_easy_cleanup(l);
	/* the facility page: a link to the form at the top for a resident, none for a visitor */
	snprintf(path, sizeof path, "/c/xingfuli/facilities/%lld", (long long)room);
	request(z, path, NULL, NULL, &r);
	assert_true(has(&r, "<a class=\"button\" href=\"#book\">我要预约</a>"));
	assert_true(has(&r, "<section id=\"book\">"));
	assert_true(at_of(&r, "#book\"") < at_of(&r, "每周开放时间"));
	done(&r);
	CURL *v = client();
	request(v, path, NULL, NULL, &r);
	assert_false(has(&r, "我要预约"));
	done(&r);
	curl_easy_cleanup(v);
	curl_easy_cleanup(z);
}

static void three_no_shows_stop_online_booking_not_the_desk(void **state)
{
	(void)state;
	int64_t table = facility("台球桌");
	int64_t now = (int64_t)time(NULL);
	/* a booking of 台球桌 by liujh in a state: ?1 facility, ?2 id, ?3–?4 its time, ?5 when made */
#define LIUJH_BOOKING(state)                                                                                       \
	"INSERT INTO facilities_booking (community_id, facility_id, id, starts_at, ends_at, user_id, name_masked,"      \
	" phone_masked, purpose, people, state, created_at) SELECT " XFL ", ?1, ?2, ?3, ?4, id, '', '', '打球', 2, '"    \
	state "', ?5 FROM users WHERE username = 'liujh'"
	for (int64_t k = 0; k < 3; k++)
		assert_int_equal(db_int_args(LIUJH_BOOKING("no_show"), 5, table, 90000 + k, now - (k + 2) * 86400,
		                             now - (k + 2) * 86400 + 3600, now - 30 * 86400),
		                 0);
	struct resp r;
	CURL *l = logged_in("liujh");
	char path[128];
	snprintf(path, sizeof path, "/c/xingfuli/facilities/%lld", (long long)table);
	request(l, path, NULL, NULL, &r);
	assert_true(has(&r, "不能在网上预约"));
	done(&r);
	int64_t n0 = bookings();
	assert_int_equal(book(l, table, days_ahead(2), "20:00", "21:00", "打球", &r), 422);
	assert_true(has(&r, "未到场"));
	done(&r);
	assert_int_equal(bookings(), n0);
	/* staff book for them at the desk */
	CURL *w = logged_in("wangjg");
	char desk[128];
	snprintf(desk, sizeof desk, "/c/xingfuli/admin/facilities/%lld/book", (long long)table);
	int a0 = audit_count("facilities.book_for");
	assert_int_equal(post_form(w, desk, desk, &r, "date=%s&start=20:00&end=21:00&people=2&purpose=%s&organization="
						      "&name=%s&phone=13812345678",
				   days_ahead(2), enc("打球"), enc("刘建华")),
			 303);
	done(&r);
	assert_int_equal(bookings(), n0 + 1);
	assert_int_equal(audit_count("facilities.book_for"), a0 + 1);
	/* marking a fourth: the page says how many in 90 days and that online booking is blocked */
	assert_int_equal(
	    db_int_args(LIUJH_BOOKING("confirmed"), 5, table, (int64_t)90010, now - 3600, now, now - 86400), 0);
	char bpage[128], act[160];
	snprintf(bpage, sizeof bpage, "/c/xingfuli/admin/facilities/bookings/90010");
	snprintf(act, sizeof act, "%s/no_show", bpage);
	assert_int_equal(post_form(w, bpage, act, &r, "x=1"), 303);
	done(&r);
	snprintf(act, sizeof act, "%s?done=no_show", bpage);
	request(w, act, NULL, NULL, &r);
	assert_true(has(&r, "已标记未到场。此人近 90 天内未到场 4 次,"));
	assert_true(has(&r, "前不能在网上预约"));
	done(&r);
	curl_easy_cleanup(l);
	curl_easy_cleanup(w);
}

static void staff_lists_mask_phones_and_the_full_view_is_audited(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	request(w, "/c/xingfuli/admin/facilities/bookings", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "138****5678"));
	assert_false(has(&r, "13812345678"));
	/* people with the same surname told apart by the phone's last four digits */
	assert_true(has(&r, " · 尾号5678"));
	done(&r);
	request(w, "/c/xingfuli/admin/facilities/bookings.csv?state=confirmed", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, "13812345678"));
	done(&r);
	request(w, "/c/xingfuli/admin/facilities/bookings.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	request(w, "/c/xingfuli/admin/facilities/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "待审批的预约"));
	done(&r);
	/* every staff page starts with the 工作台 › 场地与预约管理 breadcrumb */
	{
		char one[128], form[128], desk[128];
		int64_t any = db_int("SELECT MIN(id) FROM facilities_booking WHERE community_id = " XFL, NULL, NULL);
		snprintf(one, sizeof one, "/c/xingfuli/admin/facilities/bookings/%lld", (long long)any);
		snprintf(form, sizeof form, "/c/xingfuli/admin/facilities/%lld", (long long)facility("台球桌"));
		snprintf(desk, sizeof desk, "/c/xingfuli/admin/facilities/%lld/book", (long long)facility("台球桌"));
		const char *const pages[] = {"/c/xingfuli/admin/facilities/", "/c/xingfuli/admin/facilities/bookings",
					     "/c/xingfuli/admin/facilities/new", one, form, desk};
		for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
			request(w, pages[i], NULL, NULL, &r);
			assert_int_equal(r.status, 200);
			assert_true(has(&r, "<p class=\"crumbs noprint\"><a href=\"/c/xingfuli/admin/\">工作台</a> › "
					    "<a href=\"/c/xingfuli/admin/facilities/\">场地与预约管理</a>"));
			done(&r);
		}
	}
	request(w, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "待审批的场地预约"));
	done(&r);
	/* the street's workbench: pending bookings per community, a column of its table */
	CURL *d = logged_in("donghu");
	request(d, "/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "待审批场地预约"));
	done(&r);
	curl_easy_cleanup(d);
	int64_t id = db_int("SELECT MAX(id) FROM facilities_booking WHERE community_id = " XFL " AND phone_masked = ?",
			    "138****5678", NULL);
	char bpage[128];
	snprintf(bpage, sizeof bpage, "/c/xingfuli/admin/facilities/bookings/%lld", (long long)id);
	int a0 = audit_count("facilities.view_full");
	assert_int_equal(post_form(w, bpage, bpage, &r, "reason="), 422);
	done(&r);
	assert_int_equal(post_form(w, bpage, bpage, &r, "reason=%s", enc("电话通知预约人")), 200);
	assert_true(has(&r, "13812345678"));
	done(&r);
	assert_int_equal(audit_count("facilities.view_full"), a0 + 1);
	/* a no-show only once the booking has started */
	char nowtxt[32], act[160];
	snprintf(nowtxt, sizeof nowtxt, "%lld", (long long)time(NULL));
	int64_t past = db_int("SELECT MAX(id) FROM facilities_booking WHERE community_id = " XFL
		      " AND state = 'confirmed' AND starts_at < CAST(? AS BIGINT)",
		      nowtxt, NULL);
	int64_t future = db_int("SELECT MIN(id) FROM facilities_booking WHERE community_id = " XFL
				" AND state = 'confirmed' AND starts_at > CAST(? AS BIGINT)",
				nowtxt, NULL);
	assert_true(past > 0 && future > 0);
	int n0 = audit_count("facilities.no_show");
	snprintf(bpage, sizeof bpage, "/c/xingfuli/admin/facilities/bookings/%lld", (long long)future);
	snprintf(act, sizeof act, "%s/no_show", bpage);
	assert_int_equal(post_form(w, bpage, act, &r, "x=1"), 422);
	done(&r);
	snprintf(bpage, sizeof bpage, "/c/xingfuli/admin/facilities/bookings/%lld", (long long)past);
	snprintf(act, sizeof act, "%s/no_show", bpage);
	assert_int_equal(post_form(w, bpage, act, &r, "x=1"), 303);
	assert_true(has_header(&r, "done=no_show"));
	done(&r);
	assert_int_equal(audit_count("facilities.no_show"), n0 + 1);
	/* what it did and what it means for this person */
	snprintf(act, sizeof act, "%s?done=no_show", bpage);
	request(w, act, NULL, NULL, &r);
	assert_true(has(&r, "已标记未到场。"));
	assert_true(has(&r, "近 90 天内未到场") || has(&r, "不计入网上预约的未到场次数"));
	done(&r);
	/* residents and other communities' staff see no staff pages */
	CURL *z = logged_in("zhangsan");
	request(z, "/c/xingfuli/admin/facilities/bookings", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	CURL *li = logged_in("lihong");
	request(li, bpage, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(w);
	curl_easy_cleanup(z);
	curl_easy_cleanup(li);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_facilities_http PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(visitors_see_free_and_taken_times_without_who),
	    cmocka_unit_test(a_resident_books_and_refusals_are_shown_by_the_field),
	    cmocka_unit_test(a_closed_holiday_is_refused),
	    cmocka_unit_test(the_slot_is_chosen_and_the_grid_counts_from_the_opening),
	    cmocka_unit_test(mine_shows_what_is_to_come_first_and_marks_the_new_one),
	    cmocka_unit_test(three_no_shows_stop_online_booking_not_the_desk),
	    cmocka_unit_test(staff_lists_mask_phones_and_the_full_view_is_audited),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
