/* The booking rules without a database: whether a time fits a facility's
 * opening hours (overnight periods, a period ending at 24:00, statutory
 * holidays closed or open, the 调休 make-up Saturday of 9 May 2026), the
 * slot grid, length, past and window checks, the no-show block, and the
 * booking form's typed times. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "modules/facilities/facilities_internal.h"

/* "today" for the typed dates without a year */
#define D2611 ((struct ymd){2026, 11, 29})

static struct services_schedule schedule(const char *const week[7], int holidays_open, int makeup)
{
	struct services_schedule s = {.holidays_open = holidays_open, .makeup_weekday = makeup};
	for (int i = 0; i < 7; i++) {
		char err[200];
		if (services_day_parse(week[i], &s.week[i], err, sizeof err) < 0)
			fail_msg("%s: %s", week[i], err);
	}
	return s;
}

/* Whether [start, end) (typed "HH:MM") on date fits s. */
static int fits(const struct services_schedule *s, const char *date, const char *start, const char *end)
{
	struct ymd d;
	int a, b;
	assert_int_equal(date_parse(date, &d), 0);
	assert_int_equal(date_time_parse_typed(start, &a), 0);
	assert_int_equal(date_time_parse_typed(end, &b), 0);
	if (b <= a)
		b += 1440;
	struct services_day_info prev, today;
	facilities_day_info(date_add_days(d, -1), &prev);
	facilities_day_info(d, &today);
	return facilities_hours_fit(s, &prev, &today, a, b);
}

static void inside_one_period_only(void **state)
{
	(void)state;
	static const char *const week[7] = {"08:30-12:00, 14:00-17:30", "08:30-12:00, 14:00-17:30",
					    "08:30-12:00, 14:00-17:30", "08:30-12:00, 14:00-17:30",
					    "08:30-12:00, 14:00-17:30", "09:00-12:00", "休息"};
	struct services_schedule s = schedule(week, 0, 1);
	/* 2026-11-30 is a Monday */
	assert_true(fits(&s, "2026-11-30", "08:30", "12:00"));
	assert_true(fits(&s, "2026-11-30", "14:00", "15:00"));
	assert_false(fits(&s, "2026-11-30", "08:00", "09:00"));	/* before opening */
	assert_false(fits(&s, "2026-11-30", "11:30", "14:30"));	/* across the lunch break */
	assert_false(fits(&s, "2026-11-30", "17:00", "18:00"));	/* past closing */
	assert_true(fits(&s, "2026-12-05", "09:00", "12:00"));	/* Saturday morning */
	assert_false(fits(&s, "2026-12-05", "14:00", "15:00"));
	assert_false(fits(&s, "2026-12-06", "09:00", "10:00"));	/* Sunday: closed */
}

static void overnight_and_midnight(void **state)
{
	(void)state;
	static const char *const week[7] = {"18:00-次日02:00", "休息", "休息", "休息", "休息", "08:00-24:00", "休息"};
	struct services_schedule s = schedule(week, 0, 0);
	/* Monday 2026-11-30 evening into Tuesday */
	assert_true(fits(&s, "2026-11-30", "22:00", "02:00"));
	assert_true(fits(&s, "2026-11-30", "23:00", "24:00"));
	/* booked on Tuesday's date, inside Monday's overnight period */
	assert_true(fits(&s, "2026-12-01", "00:00", "01:30"));
	assert_false(fits(&s, "2026-12-01", "01:00", "03:00"));
	assert_false(fits(&s, "2026-12-01", "18:00", "19:00")); /* Tuesday itself is closed */
	/* a period ending at 24:00 (Saturday 2026-12-05) */
	assert_true(fits(&s, "2026-12-05", "22:00", "24:00"));
	assert_false(fits(&s, "2026-12-05", "23:00", "00:30"));
	assert_false(fits(&s, "2026-12-06", "00:00", "00:30")); /* nothing past Saturday's midnight */
}

static void holidays_and_makeup_days(void **state)
{
	(void)state;
	static const char *const week[7] = {"09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00",
					    "09:00-17:00", "休息", "10:00-12:00"};
	/* 2026-05-01 (a Friday) is 劳动节 */
	struct services_schedule closed = schedule(week, 0, 1), open = schedule(week, 1, 0);
	assert_false(fits(&closed, "2026-05-01", "10:00", "11:00"));
	assert_true(fits(&open, "2026-05-01", "10:00", "11:00"));
	/* 2026-05-09, a Saturday, is worked (调休): Monday's hours with makeup 1, the Saturday's own with 0 */
	assert_true(fits(&closed, "2026-05-09", "14:00", "15:00"));
	assert_false(fits(&open, "2026-05-09", "14:00", "15:00"));
	/* the Saturday after is an ordinary Saturday: closed */
	assert_false(fits(&closed, "2026-05-16", "14:00", "15:00"));
	/* Sunday 2026-05-03 is a holiday: closed unless open on holidays */
	assert_false(fits(&closed, "2026-05-03", "10:00", "11:00"));
	assert_true(fits(&open, "2026-05-03", "10:00", "11:00"));
}

static void grid_length_past_and_window(void **state)
{
	(void)state;
	static const char *const week[7] = {"08:00-22:00", "08:00-22:00", "08:00-22:00", "08:00-22:00",
					    "08:00-22:00", "08:00-22:00", "08:00-22:00"};
	struct facilities_facility f = {.slot_min = 30, .max_min = 120, .days_ahead = 14, .active = 1};
	f.hours = schedule(week, 1, 0);
	struct ymd today = {2026, 11, 30};
	int64_t now = date_at_minute(today, 10 * 60); /* Monday 10:00 */
	struct facilities_request q = {.day = today, .start_min = 14 * 60, .end_min = 15 * 60, .people = 1};
	assert_int_equal(facilities_time_check(&f, &q, now), FR_OK);
	q.start_min = 14 * 60 + 15;
	assert_int_equal(facilities_time_check(&f, &q, now), FR_GRID);
	q.start_min = 14 * 60, q.end_min = 15 * 60 + 10;
	assert_int_equal(facilities_time_check(&f, &q, now), FR_GRID);
	q.end_min = 16 * 60 + 30;
	assert_int_equal(facilities_time_check(&f, &q, now), FR_LENGTH);
	q.start_min = 9 * 60, q.end_min = 10 * 60 + 30; /* started at 9:00 */
	assert_int_equal(facilities_time_check(&f, &q, now), FR_PAST);
	q.start_min = 10 * 60; /* starting now is fine */
	assert_int_equal(facilities_time_check(&f, &q, now), FR_OK);
	q.day = date_add_days(today, 14), q.start_min = 14 * 60, q.end_min = 15 * 60;
	assert_int_equal(facilities_time_check(&f, &q, now), FR_OK);
	q.day = date_add_days(today, 15);
	assert_int_equal(facilities_time_check(&f, &q, now), FR_TOO_FAR);
	q.day = today, q.start_min = 21 * 60, q.end_min = 22 * 60 + 30;
	assert_int_equal(facilities_time_check(&f, &q, now), FR_CLOSED);
}

/* The grid counts from the opening of the period the booking falls in, not
 * from midnight: 7-minute slots from 09:00, 60-minute ones from 08:30 and
 * 14:00, 90-minute ones through midnight from 18:00. */
static void grid_from_the_opening_of_the_period(void **state)
{
	(void)state;
	static const char *const nine[7] = {"09:00-21:00", "09:00-21:00", "09:00-21:00", "09:00-21:00",
					    "09:00-21:00", "09:00-21:00", "09:00-21:00"};
	static const char *const split[7] = {"08:30-12:00, 14:15-18:00", "08:30-12:00, 14:15-18:00",
					     "08:30-12:00, 14:15-18:00", "08:30-12:00, 14:15-18:00",
					     "08:30-12:00, 14:15-18:00", "08:30-12:00, 14:15-18:00",
					     "08:30-12:00, 14:15-18:00"};
	static const char *const night[7] = {"18:00-次日02:00", "18:00-次日02:00", "18:00-次日02:00", "18:00-次日02:00",
					     "18:00-次日02:00", "18:00-次日02:00", "18:00-次日02:00"};
	struct facilities_facility f = {.slot_min = 7, .max_min = 120, .days_ahead = 14, .active = 1};
	f.hours = schedule(nine, 1, 0);
	struct ymd today = {2026, 11, 30};
	int64_t now = date_at_minute(today, 8 * 60);
	struct facilities_request q = {.day = today, .start_min = 9 * 60, .end_min = 9 * 60 + 7, .people = 1};
	assert_int_equal(facilities_time_check(&f, &q, now), FR_OK);
	q.start_min = 9 * 60 + 6, q.end_min = 9 * 60 + 13; /* on midnight's grid, not the opening's */
	assert_int_equal(facilities_time_check(&f, &q, now), FR_GRID);
	q.start_min = 9 * 60 + 70, q.end_min = 9 * 60 + 84;
	assert_int_equal(facilities_time_check(&f, &q, now), FR_OK);
	f.slot_min = 60;
	f.hours = schedule(split, 1, 0);
	q.start_min = 8 * 60 + 30, q.end_min = 9 * 60 + 30;
	assert_int_equal(facilities_time_check(&f, &q, now), FR_OK);
	q.start_min = 9 * 60, q.end_min = 10 * 60;
	assert_int_equal(facilities_time_check(&f, &q, now), FR_GRID);
	q.start_min = 14 * 60 + 15, q.end_min = 15 * 60 + 15; /* the afternoon's own grid */
	assert_int_equal(facilities_time_check(&f, &q, now), FR_OK);
	q.start_min = 15 * 60, q.end_min = 16 * 60;
	assert_int_equal(facilities_time_check(&f, &q, now), FR_GRID);
	f.slot_min = 90;
	f.hours = schedule(night, 1, 0);
	q.day = date_add_days(today, 1);
	q.start_min = 0, q.end_min = 90; /* 18:00 + 4 slots, on the day before's period */
	assert_int_equal(facilities_time_check(&f, &q, now), FR_OK);
	q.start_min = 30, q.end_min = 120;
	assert_int_equal(facilities_time_check(&f, &q, now), FR_GRID);
	q.start_min = 22 * 60 + 30, q.end_min = 24 * 60; /* 18:00 + 3 slots */
	assert_int_equal(facilities_time_check(&f, &q, now), FR_OK);
}

static void three_no_shows_in_ninety_days_block_thirty(void **state)
{
	(void)state;
	const int64_t D = 86400;
	int64_t t[4] = {100 * D, 10 * D, 60 * D, 0};
	/* two: no block */
	assert_int_equal(facilities_noshow_until(t, 2), 0);
	/* 10, 60, 100 days: three within 90 days, blocked 30 days after the last */
	assert_int_equal(facilities_noshow_until(t, 3), 130 * D);
	/* spread wider than 90 days: no block */
	int64_t w[3] = {0, 50 * D, 91 * D};
	assert_int_equal(facilities_noshow_until(w, 3), 0);
	int64_t e[3] = {0, 50 * D, 90 * D};
	assert_int_equal(facilities_noshow_until(e, 3), 120 * D);
	(void)t[3];
}

static void typed_times(void **state)
{
	(void)state;
	struct facilities_request q = {0};
	const char *errs[4];
	assert_int_equal(facilities_parse_time(D2611, "2026年12月1日", "下午2点半", "16:00", "12", &q, errs), 0);
	/* the day without its year, as residents type it: the coming 12月1日 */
	struct facilities_request q2;
	assert_int_equal(facilities_parse_time(D2611, "12月1日", "下午2点半", "16:00", "12", &q2, errs), 0);
	assert_int_equal(date_cmp(q2.day, q.day), 0);
	assert_int_equal(q.day.y, 2026);
	assert_int_equal(q.day.d, 1);
	assert_int_equal(q.start_min, 14 * 60 + 30);
	assert_int_equal(q.end_min, 16 * 60);
	assert_int_equal(q.people, 12);
	/* an end before the start is the next morning */
	assert_int_equal(facilities_parse_time(D2611, "2026-12-01", "22:00", "01:00", "", &q, errs), 0);
	assert_int_equal(q.end_min, 25 * 60);
	assert_int_equal(q.people, 1);
	assert_int_equal(facilities_parse_time(D2611, "明天", "25:00", "", "0", &q, errs), -1);
	assert_non_null(errs[0]);
	assert_non_null(errs[1]);
	assert_non_null(errs[2]);
	assert_non_null(errs[3]);
	assert_int_equal(facilities_parse_time(D2611, "2026-12-01", "24:00", "24:00", "99999", &q, errs), -1);
	assert_non_null(errs[1]);
	assert_non_null(errs[3]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(inside_one_period_only),
	    cmocka_unit_test(overnight_and_midnight),
	    cmocka_unit_test(holidays_and_makeup_days),
	    cmocka_unit_test(grid_length_past_and_window),
	    cmocka_unit_test(grid_from_the_opening_of_the_period),
	    cmocka_unit_test(three_no_shows_in_ninety_days_block_thirty),
	    cmocka_unit_test(typed_times),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
