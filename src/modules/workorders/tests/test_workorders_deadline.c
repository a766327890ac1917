/* Deadlines of work orders (wo_deadlines, wo_rule_default, wo_time_left):
 * calendar days and working days over the 2026 Spring Festival and National
 * Day holidays with their make-up working days, month, year and leap-year
 * ends, receipt just before and just after midnight China time (16:00 UTC),
 * hour limits across midnight, the one extension, and finish counted from
 * acceptance (信访) or from receipt (hotline requests). Every expected due
 * time is written out by hand in China time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "modules/workorders/workorders_internal.h"

/* A Unix time from a UTC wall-clock time. */
static int64_t utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = {
	    .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = s};
	return (int64_t)timegm(&tm);
}

/* A Unix time from a China-time wall-clock time (UTC+8). */
static int64_t cst(int y, int mo, int d, int h, int mi, int s)
{
	return utc(y, mo, d, h, mi, s) - 8 * 3600;
}

/* t as "YYYY-MM-DD HH:MM:SS" China time, or "-" for 0 (no such limit). */
static const char *shown(int64_t t)
{
	static char out[4][32];
	static int k;
	char *o = out[k++ % 4];
	if (t == 0)
		return "-";
	int64_t days;
	int sec;
	date_split(t, 28800, &days, &sec);
	char ymd[11];
	date_format(date_from_days(days), ymd);
	snprintf(o, 32, "%s %02d:%02d:%02d", ymd, sec / 3600, sec / 60 % 60, sec % 60);
	return o;
}

static struct wo_rule rule(enum wo_kind k)
{
	return wo_rule_default(k);
}

static void default_rules_are_the_legal_and_hotline_limits(void **state)
{
	(void)state;
	struct wo_rule p = rule(WO_K_PETITION);
	assert_int_equal(p.kind, WO_K_PETITION);
	assert_int_equal(p.accept_days, 15);
	assert_int_equal(p.finish_days, 60);
	assert_int_equal(p.finish_from_accept, 1);
	assert_int_equal(p.extension_max_days, 30);
	assert_int_equal(p.working_days, 0);
	assert_int_equal(p.respond_hours, 0);
	struct wo_rule h = rule(WO_K_REQUEST);
	assert_int_equal(h.respond_hours, 24);
	assert_int_equal(h.finish_days, 7);
	assert_int_equal(h.finish_from_accept, 0);
	assert_int_equal(h.extension_max_days, 0);
	for (int k = WO_K_COMPLAINT; k <= WO_K_INQUIRY; k++) {
		struct wo_rule r = rule((enum wo_kind)k);
		assert_int_equal(r.respond_hours, 24);
		assert_int_equal(r.finish_days, 7);
	}
	struct wo_rule e = rule(WO_K_EMERGENCY);
	assert_int_equal(e.respond_hours, 2);
	assert_int_equal(e.finish_days, 1);
	struct wo_rule m = rule(WO_K_MEDIATION);
	assert_int_equal(m.finish_days, 30);
	assert_int_equal(m.accept_days, 0);
}

static void petition_accept_within_15_days_finish_60_days_from_acceptance(void **state)
{
	(void)state;
	struct wo_rule r = rule(WO_K_PETITION);
	int64_t received = cst(2026, 3, 10, 10, 0, 0);
	struct wo_due d = wo_deadlines(&r, received, 0, 0);
	assert_string_equal(shown(d.accept), "2026-03-25 23:59:59");
	assert_string_equal(shown(d.respond), "-");
	assert_string_equal(shown(d.finish), "-"); /* not accepted yet: no finish date */
	d = wo_deadlines(&r, received, cst(2026, 3, 12, 9, 0, 0), 0);
	assert_string_equal(shown(d.accept), "2026-03-25 23:59:59");
	assert_string_equal(shown(d.finish), "2026-05-11 23:59:59"); /* 60 days from 03-12, not from 03-10 */
}

static void hotline_request_respond_24_hours_finish_7_days_from_receipt(void **state)
{
	(void)state;
	struct wo_rule r = rule(WO_K_REQUEST);
	int64_t received = cst(2026, 3, 10, 10, 0, 0);
	struct wo_due d = wo_deadlines(&r, received, 0, 0);
	assert_string_equal(shown(d.accept), "-");
	assert_string_equal(shown(d.respond), "2026-03-11 10:00:00");
	assert_string_equal(shown(d.finish), "2026-03-17 23:59:59");
	/* Accepting later moves nothing: the finish counts from receipt. */
	d = wo_deadlines(&r, received, cst(2026, 3, 13, 9, 0, 0), 0);
	assert_string_equal(shown(d.finish), "2026-03-17 23:59:59");
}

static void month_year_and_leap_year_ends(void **state)
{
	(void)state;
	struct wo_rule h = rule(WO_K_REQUEST), p = rule(WO_K_PETITION);
	assert_string_equal(shown(wo_deadlines(&h, cst(2026, 1, 31, 12, 0, 0), 0, 0).finish),
	                    "2026-02-07 23:59:59");
	assert_string_equal(shown(wo_deadlines(&h, cst(2026, 12, 31, 12, 0, 0), 0, 0).finish),
	                    "2027-01-07 23:59:59");
	assert_string_equal(shown(wo_deadlines(&p, cst(2026, 12, 31, 12, 0, 0), 0, 0).accept),
	                    "2027-01-15 23:59:59");
	/* Received 02-28 of a leap year: 02-29 is the first day counted. */
	assert_string_equal(shown(wo_deadlines(&h, cst(2028, 2, 28, 9, 0, 0), 0, 0).finish),
	                    "2028-03-06 23:59:59");
	assert_string_equal(shown(wo_deadlines(&h, cst(2027, 2, 28, 9, 0, 0), 0, 0).finish),
	                    "2027-03-07 23:59:59");
	/* 信访 accepted on 12-31: 60 days run into the next year's March. */
	assert_string_equal(
	    shown(wo_deadlines(&p, cst(2026, 12, 20, 9, 0, 0), cst(2026, 12, 31, 9, 0, 0), 0).finish),
	    "2027-03-01 23:59:59");
	/* The same in a leap year: February has 29 days. */
	assert_string_equal(
	    shown(wo_deadlines(&p, cst(2027, 12, 20, 9, 0, 0), cst(2027, 12, 31, 9, 0, 0), 0).finish),
	    "2028-02-29 23:59:59");
}

static void receipt_across_china_midnight(void **state)
{
	(void)state;
	struct wo_rule h = rule(WO_K_REQUEST), p = rule(WO_K_PETITION);
	/* 15:59:59 UTC is 23:59:59 in China: still 03-10, the day not counted. */
	int64_t before = utc(2026, 3, 10, 15, 59, 59), after = utc(2026, 3, 10, 16, 0, 0);
	assert_string_equal(shown(before), "2026-03-10 23:59:59");
	assert_string_equal(shown(after), "2026-03-11 00:00:00");
	assert_string_equal(shown(wo_deadlines(&h, before, 0, 0).finish), "2026-03-17 23:59:59");
	assert_string_equal(shown(wo_deadlines(&h, after, 0, 0).finish), "2026-03-18 23:59:59");
	assert_string_equal(shown(wo_deadlines(&p, before, 0, 0).accept), "2026-03-25 23:59:59");
	assert_string_equal(shown(wo_deadlines(&p, after, 0, 0).accept), "2026-03-26 23:59:59");
	/* The response limit is clock hours: one second apart stays one second apart. */
	assert_string_equal(shown(wo_deadlines(&h, before, 0, 0).respond), "2026-03-11 23:59:59");
	assert_string_equal(shown(wo_deadlines(&h, after, 0, 0).respond), "2026-03-12 00:00:00");
}

static void hour_limits_across_midnight(void **state)
{
	(void)state;
	struct wo_rule e = rule(WO_K_EMERGENCY);
	struct wo_due d = wo_deadlines(&e, cst(2026, 3, 10, 23, 0, 0), 0, 0);
	assert_string_equal(shown(d.respond), "2026-03-11 01:00:00");
	assert_string_equal(shown(d.finish), "2026-03-11 23:59:59");
	/* At the year's end. */
	d = wo_deadlines(&e, cst(2026, 12, 31, 22, 30, 0), 0, 0);
	assert_string_equal(shown(d.respond), "2027-01-01 00:30:00");
	assert_string_equal(shown(d.finish), "2027-01-01 23:59:59");
}

static void working_days_skip_national_day_and_count_makeup_saturdays(void **state)
{
	(void)state;
	struct wo_rule p = rule(WO_K_PETITION);
	p.working_days = 1;
	/* Monday 2026-09-28: 29, 30 Sep; 1-7 Oct off; 8, 9; Saturday 10 worked; 12-16; 19-23. */
	assert_string_equal(shown(wo_deadlines(&p, cst(2026, 9, 28, 10, 0, 0), 0, 0).accept),
	                    "2026-10-23 23:59:59");
	/* Saturday 2026-09-19: Sunday 20 worked; 21-24; the 中秋 holiday 25-27; 28, 29. */
	struct wo_rule h = rule(WO_K_REQUEST);
	h.working_days = 1;
	assert_string_equal(shown(wo_deadlines(&h, cst(2026, 9, 19, 10, 0, 0), 0, 0).finish),
	                    "2026-09-29 23:59:59");
	/* Received on a holiday (2026-10-03): 8, 9, 10 (Saturday, worked), 12, 13, 14, 15. */
	assert_string_equal(shown(wo_deadlines(&h, cst(2026, 10, 3, 10, 0, 0), 0, 0).finish),
	                    "2026-10-15 23:59:59");
	/* Hours stay clock hours with working days. */
	assert_string_equal(shown(wo_deadlines(&h, cst(2026, 10, 3, 10, 0, 0), 0, 0).respond),
	                    "2026-10-04 10:00:00");
}

static void working_days_over_the_spring_festival(void **state)
{
	(void)state;
	struct wo_rule h = rule(WO_K_REQUEST);
	h.working_days = 1;
	/* Friday 2026-02-13: Saturday 14 worked; 15-23 off; 24-27; Saturday 28 worked; Monday 2 March. */
	assert_string_equal(shown(wo_deadlines(&h, cst(2026, 2, 13, 10, 0, 0), 0, 0).finish),
	                    "2026-03-02 23:59:59");
	/* The same seven days counted as calendar days. */
	h.working_days = 0;
	assert_string_equal(shown(wo_deadlines(&h, cst(2026, 2, 13, 10, 0, 0), 0, 0).finish),
	                    "2026-02-20 23:59:59");
}

static void extension_is_added_once_from_the_original_last_day(void **state)
{
	(void)state;
	struct wo_rule p = rule(WO_K_PETITION);
	int64_t received = cst(2026, 3, 10, 10, 0, 0), accepted = cst(2026, 3, 12, 9, 0, 0);
	assert_string_equal(shown(wo_deadlines(&p, received, accepted, 30).finish), "2026-06-10 23:59:59");
	/* Recomputing with the same approved extension gives the same day: it is not added again. */
	assert_string_equal(shown(wo_deadlines(&p, received, accepted, 30).finish), "2026-06-10 23:59:59");
	/* The acceptance limit does not move with the extension. */
	assert_string_equal(shown(wo_deadlines(&p, received, accepted, 30).accept), "2026-03-25 23:59:59");
	/* No extension before acceptance: no finish date yet. */
	assert_string_equal(shown(wo_deadlines(&p, received, 0, 30).finish), "-");
	/* In working days: 5 from Monday 2026-09-28 end on Saturday 10 October (worked); 3 more: 12, 13, 14.
	 */
	struct wo_rule w = {.kind = WO_K_PETITION,
	                    .finish_days = 5,
	                    .finish_from_accept = 1,
	                    .working_days = 1,
	                    .extension_max_days = 30};
	assert_string_equal(shown(wo_deadlines(&w, received, cst(2026, 9, 28, 10, 0, 0), 0).finish),
	                    "2026-10-10 23:59:59");
	assert_string_equal(shown(wo_deadlines(&w, received, cst(2026, 9, 28, 10, 0, 0), 3).finish),
	                    "2026-10-14 23:59:59");
}

static void finish_from_acceptance_or_from_receipt(void **state)
{
	(void)state;
	int64_t received = cst(2026, 4, 1, 9, 0, 0), accepted = cst(2026, 4, 10, 9, 0, 0);
	struct wo_rule p = rule(WO_K_PETITION), h = rule(WO_K_REQUEST);
	assert_string_equal(shown(wo_deadlines(&p, received, accepted, 0).finish), "2026-06-09 23:59:59");
	assert_string_equal(shown(wo_deadlines(&h, received, accepted, 0).finish), "2026-04-08 23:59:59");
	/* A rule with a zero limit has no such deadline. */
	struct wo_rule none = {.kind = WO_K_SUGGESTION};
	struct wo_due d = wo_deadlines(&none, received, accepted, 10);
	assert_true(d.accept == 0 && d.respond == 0 && d.finish == 0);
}

static void time_left_in_words(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 4096);
	int64_t now = cst(2026, 3, 10, 10, 0, 0);
	assert_string_equal(wo_time_left(&a, 0, now), "");
	assert_string_equal(wo_time_left(&a, now + 3 * 86400 + 4 * 3600 + 120, now), "还剩 3 天 4 小时");
	assert_string_equal(wo_time_left(&a, now + 2 * 86400, now), "还剩 2 天");
	assert_string_equal(wo_time_left(&a, now + 5 * 3600 + 600, now), "还剩 5 小时 10 分钟");
	assert_string_equal(wo_time_left(&a, now + 45 * 60 + 30, now), "还剩 45 分钟");
	assert_string_equal(wo_time_left(&a, now + 30, now), "还剩不到 1 分钟");
	assert_string_equal(wo_time_left(&a, now, now), "还剩不到 1 分钟");
	assert_string_equal(wo_time_left(&a, now - 1, now), "已逾期 1 分钟");
	assert_string_equal(wo_time_left(&a, now - 3 * 3600 - 5, now), "已逾期 3 小时");
	assert_string_equal(wo_time_left(&a, now - 2 * 86400 - 3600, now), "已逾期 2 天");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(default_rules_are_the_legal_and_hotline_limits),
	    cmocka_unit_test(petition_accept_within_15_days_finish_60_days_from_acceptance),
	    cmocka_unit_test(hotline_request_respond_24_hours_finish_7_days_from_receipt),
	    cmocka_unit_test(month_year_and_leap_year_ends),
	    cmocka_unit_test(receipt_across_china_midnight),
	    cmocka_unit_test(hour_limits_across_midnight),
	    cmocka_unit_test(working_days_skip_national_day_and_count_makeup_saturdays),
	    cmocka_unit_test(working_days_over_the_spring_festival),
	    cmocka_unit_test(extension_is_added_once_from_the_original_last_day),
	    cmocka_unit_test(finish_from_acceptance_or_from_receipt),
	    cmocka_unit_test(time_left_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
