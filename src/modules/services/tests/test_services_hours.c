/* Opening hours: what staff type, and whether a station is open at a
 * minute, around lunch breaks, midnight, statutory holidays and make-up
 * working days (the 2024 National Day holiday: 1–7 October off, Sunday 29
 * September and Saturday 12 October worked). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "modules/services/services.h"

static char err[256];

static struct services_day day_of(const char *text)
{
	struct services_day d;
	err[0] = 0;
	if (services_day_parse(text, &d, err, sizeof err) != 0)
		fail_msg("%s: %s", text, err);
	return d;
}

/* The reason text is refused with. */
static const char *refusal(const char *text)
{
	struct services_day d;
	err[0] = 0;
	assert_int_equal(services_day_parse(text, &d, err, sizeof err), -1);
	assert_true(err[0] != 0);
	return err;
}

static const char *formatted(const char *text)
{
	static char out[SERVICES_HOURS_TEXT];
	struct services_day d = day_of(text);
	return services_day_format(&d, out, sizeof out);
}

static void periods_are_read_in_several_spellings(void **state)
{
	(void)state;
	struct services_day d = day_of("08:30-12:00, 14:00-17:30");
	assert_int_equal(d.n, 2);
	assert_int_equal(d.p[0].open, 510);
	assert_int_equal(d.p[0].close, 720);
	assert_int_equal(d.p[1].open, 840);
	assert_int_equal(d.p[1].close, 1050);
	const char *same[] = {"上午 08:30–12:00,下午 14:00–17:30", "上午8:30-12:00;下午14:00-17:30", "8:30至12:00、14:00到17:30",
			      "08：30～12：00，14：00～17：30", "14:00-17:30 08:30-12:00", "8点半-12点, 14点-17点30分",
			      "  08:30 - 12:00 /14:00 - 17:30  "};
	for (size_t i = 0; i < sizeof same / sizeof *same; i++)
		assert_string_equal(formatted(same[i]), "08:30–12:00, 14:00–17:30");
}

static void whole_days_open_and_closed(void **state)
{
	(void)state;
	assert_string_equal(formatted("24小时"), "24小时");
	assert_string_equal(formatted("24 小时营业"), "24小时");
	assert_string_equal(formatted("全天"), "24小时");
	assert_string_equal(formatted("00:00-24:00"), "24小时");
	assert_int_equal(day_of("24小时").p[0].close, 1440);
	assert_string_equal(formatted("休息"), "休息");
	assert_string_equal(formatted(""), "休息");
	assert_string_equal(formatted("  "), "休息");
	assert_int_equal(day_of("闭馆").n, 0);
}

static void overnight_periods_end_the_next_morning(void **state)
{
	(void)state;
	struct services_day d = day_of("22:00-02:00");
	assert_int_equal(d.n, 1);
	assert_int_equal(d.p[0].open, 1320);
	assert_int_equal(d.p[0].close, 1560);
	assert_string_equal(formatted("22:00-次日02:00"), "22:00–次日02:00");
	assert_string_equal(formatted("08:00-次日02:00"), "08:00–次日02:00");
	assert_string_equal(formatted("晚上 20:00-次日08:00"), "20:00–次日08:00");
	assert_string_equal(formatted("08:00-24:00"), "08:00–24:00");
	/* An evening to a morning reads as overnight without 次日; a closing at 00:00 is midnight. */
	assert_string_equal(formatted("18:00-06:00"), "18:00–次日06:00");
	assert_string_equal(formatted("20:00-00:00"), "20:00–24:00");
	assert_string_equal(formatted("08:00-00:00"), "08:00–24:00");
	assert_string_equal(formatted("12:00-11:00"), "12:00–次日11:00");
	/* Backwards otherwise: a slip, refused, unless 次日 says it. */
	const char *backwards[] = {"23:59-23:58", "08:00-02:00", "11:00-10:00", "13:00-12:30", "14:00-13:00"};
	for (size_t i = 0; i < sizeof backwards / sizeof *backwards; i++) {
		struct services_day d;
		assert_int_equal(services_day_parse(backwards[i], &d, err, sizeof err), -1);
		assert_non_null(strstr(err, "结束时间早于开始时间;如果跨夜营业,请写成 22:00-次日02:00"));
		assert_non_null(strstr(err, backwards[i]));
	}
	assert_string_equal(formatted("23:59-次日23:58"), "23:59–次日23:58");
	assert_string_equal(formatted("14:00-次日13:00"), "14:00–次日13:00");
}

static void what_is_written_reads_back_the_same(void **state)
{
	(void)state;
	const char *texts[] = {"08:30–12:00, 14:00–17:30", "22:00–次日02:00", "08:00–次日02:00", "23:59–次日23:58", "08:00–24:00", "24小时", "休息", "00:00–08:00, 09:00–10:00, 11:00–12:00, 20:00–次日06:00"};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		struct services_day d = day_of(texts[i]), again;
		char out[SERVICES_HOURS_TEXT];
		assert_string_equal(services_day_format(&d, out, sizeof out), texts[i]);
		assert_int_equal(services_day_parse(out, &again, err, sizeof err), 0);
		assert_memory_equal(&d, &again, sizeof d);
	}
}

static void bad_hours_are_refused_in_plain_chinese(void **state)
{
	(void)state;
	assert_non_null(strstr(refusal("25:00-26:00"), "“25:00”不是有效的时间"));
	assert_non_null(strstr(refusal("08:60-12:00"), "不是有效的时间"));
	assert_non_null(strstr(refusal("08:30"), "“08:30”缺少结束时间"));
	assert_non_null(strstr(refusal("08:30-"), "缺少结束时间"));
	assert_non_null(strstr(refusal("早九晚五"), "看不懂“早九晚五”"));
	assert_non_null(strstr(refusal("abc"), "看不懂“abc”"));
	assert_non_null(strstr(refusal("08:00-12:00, 11:00-14:00"), "“08:00–12:00”和“11:00–14:00”时间重叠"));
	assert_non_null(strstr(refusal("下午 2:00-5:30"), "24 小时制,如“14:00”"));
	assert_non_null(strstr(refusal("08:00-08:00"), "开始和结束时间相同"));
	assert_non_null(strstr(refusal("1:00-2:00, 3:00-4:00, 5:00-6:00, 7:00-8:00, 9:00-10:00"), "最多填写 4 段"));
	assert_non_null(strstr(refusal("休息 08:00-12:00"), "须单独填写"));
	assert_non_null(strstr(refusal("24小时, 08:00-12:00"), "须单独填写"));
	assert_non_null(strstr(refusal("24:00-08:00"), "开始时间不能是 24:00"));
	assert_non_null(strstr(refusal("8:3-12:00"), "分钟要写两位"));
	assert_non_null(strstr(refusal("800-1200"), "不是时间"));
	assert_non_null(strstr(refusal("8-12"), "不是时间"));
	assert_non_null(strstr(refusal("22:00-次日23:00"), "超过了 24 小时"));
	assert_non_null(strstr(refusal("08:00-12:00 ok"), "看不懂“ok”"));
	/* A long piece is quoted cut short, never inside a character. */
	const char *e = refusal("这是一段很长很长很长很长很长很长很长的说明文字");
	assert_non_null(strstr(e, "看不懂“这是一段很长很长很长"));
	assert_null(strstr(e, "说明文字"));
}

/* ---- the engine ---- */

#define HOLIDAY_NAME "国庆节"

/* The 2024 calendar around National Day, from the official notice. */
static enum services_day_kind kind_of(int y, int m, int d, int weekday)
{
	if (y == 2024 && m == 10 && d >= 1 && d <= 7)
		return SERVICES_HOLIDAY;
	if (y == 2024 && ((m == 9 && d == 29) || (m == 10 && d == 12)))
		return SERVICES_MAKEUP_WORKDAY;
	return weekday >= 6 ? SERVICES_WEEKEND : SERVICES_WORKDAY;
}

static struct services_day_info days[SERVICES_HORIZON];

/* Fills days[] for today = y-m-d (days[0] is the day before). */
static void calendar(int y, int m, int d)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12};
	time_t t = timegm(&tm);
	for (int k = 0; k < SERVICES_HORIZON; k++) {
		time_t u = t + (time_t)(k - 1) * 86400;
		struct tm x;
		gmtime_r(&u, &x);
		int wd = x.tm_wday ? x.tm_wday : 7;
		enum services_day_kind kind = kind_of(x.tm_year + 1900, x.tm_mon + 1, x.tm_mday, wd);
		days[k] = (struct services_day_info){wd, kind, kind == SERVICES_HOLIDAY ? HOLIDAY_NAME : NULL, x.tm_mon + 1,
						     x.tm_mday};
	}
}

/* A government station: weekdays with a lunch break, closed at weekends
 * and on holidays, a make-up working day kept as a Monday. */
static struct services_schedule office(void)
{
	struct services_schedule s = {.holidays_open = 0, .makeup_weekday = 1};
	for (int i = 0; i < 5; i++)
		s.week[i] = day_of("08:30-12:00, 14:00-17:30");
	return s;
}

static struct services_schedule every_day(const char *text, int holidays_open)
{
	struct services_schedule s = {.holidays_open = holidays_open, .makeup_weekday = 0};
	for (int i = 0; i < 7; i++)
		s.week[i] = day_of(text);
	return s;
}

static struct services_status st;

/* The status text at hh:mm of today (calendar() first). */
static const char *at(const struct services_schedule *s, int hh, int mm)
{
	static char out[256];
	assert_int_equal(services_status(s, days, SERVICES_HORIZON, hh * 60 + mm, &st), 0);
	return services_status_text(&st, days, SERVICES_HORIZON, out, sizeof out);
}

static void a_working_day_with_a_lunch_break(void **state)
{
	(void)state;
	struct services_schedule s = office();
	calendar(2024, 9, 24); /* a Tuesday */
	assert_string_equal(at(&s, 8, 29), "尚未开门 · 今天 08:30 开门");
	assert_int_equal(st.state, SERVICES_NOT_YET);
	assert_int_equal(st.next, 510);
	assert_string_equal(at(&s, 8, 30), "正在办公 · 今天 12:00 下班"); /* the opening minute is open */
	assert_string_equal(at(&s, 11, 59), "正在办公 · 今天 12:00 下班");
	assert_string_equal(at(&s, 12, 0), "午休中 · 14:00 开门"); /* the closing minute is closed */
	assert_int_equal(st.state, SERVICES_LUNCH);
	assert_string_equal(at(&s, 13, 59), "午休中 · 14:00 开门");
	assert_string_equal(at(&s, 14, 0), "正在办公 · 今天 17:30 下班");
	assert_string_equal(at(&s, 17, 29), "正在办公 · 今天 17:30 下班");
	assert_string_equal(at(&s, 17, 30), "已下班 · 明天 08:30 开门");
	assert_int_equal(st.state, SERVICES_AFTER);
	assert_int_equal(st.next, 1440 + 510);
	assert_string_equal(at(&s, 0, 0), "尚未开门 · 今天 08:30 开门");
	assert_string_equal(at(&s, 23, 59), "已下班 · 明天 08:30 开门");
}

static void a_break_at_another_time_is_not_lunch(void **state)
{
	(void)state;
	struct services_schedule s = every_day("08:00-10:00, 18:00-20:00", 1);
	calendar(2024, 9, 24);
	assert_string_equal(at(&s, 15, 0), "暂停办公 · 18:00 开门");
	assert_int_equal(st.state, SERVICES_BREAK);
}

static void the_weekend_and_friday_evening(void **state)
{
	(void)state;
	struct services_schedule s = office();
	calendar(2024, 9, 20); /* Friday */
	assert_string_equal(at(&s, 18, 0), "已下班 · 9月23日 08:30 开门");
	calendar(2024, 9, 21); /* Saturday */
	assert_string_equal(at(&s, 10, 0), "今天休息 · 9月23日 08:30 开门");
	assert_int_equal(st.state, SERVICES_DAY_OFF);
	calendar(2024, 9, 22); /* Sunday */
	assert_string_equal(at(&s, 10, 0), "今天休息 · 明天 08:30 开门");
}

static void closed_for_a_statutory_holiday(void **state)
{
	(void)state;
	struct services_schedule s = office();
	calendar(2024, 10, 3); /* Thursday, in the holiday */
	assert_string_equal(at(&s, 10, 0), "节假日休息(国庆节)· 10月8日 08:30 开门");
	assert_int_equal(st.state, SERVICES_CLOSED_HOLIDAY);
	assert_string_equal(st.holiday, "国庆节");
	calendar(2024, 9, 30); /* Monday, the eve */
	assert_string_equal(at(&s, 17, 30), "已下班 · 10月8日 08:30 开门");
	calendar(2024, 10, 7); /* the last day off */
	assert_string_equal(at(&s, 20, 0), "节假日休息(国庆节)· 明天 08:30 开门");
}

static void open_on_holidays_by_the_weekday(void **state)
{
	(void)state;
	struct services_schedule s = office();
	s.holidays_open = 1;
	calendar(2024, 10, 3); /* a Thursday: Thursday's hours */
	assert_string_equal(at(&s, 9, 0), "正在办公 · 今天 12:00 下班");
	calendar(2024, 10, 5); /* a Saturday: no hours even so; Monday the 7th is a holiday, open */
	assert_string_equal(at(&s, 9, 0), "今天休息 · 10月7日 08:30 开门");
}

static void a_makeup_working_day_keeps_monday_hours(void **state)
{
	(void)state;
	struct services_schedule s = office();
	s.week[0] = day_of("08:00-12:00, 13:30-18:00"); /* Mondays start earlier */
	calendar(2024, 10, 12);				 /* Saturday worked in exchange */
	assert_string_equal(at(&s, 8, 0), "正在办公 · 今天 12:00 下班");
	assert_string_equal(at(&s, 12, 30), "午休中 · 13:30 开门");
	assert_string_equal(at(&s, 18, 0), "已下班 · 10月14日 08:00 开门"); /* Sunday off, then Monday */
	calendar(2024, 10, 11);						     /* Friday before */
	assert_string_equal(at(&s, 18, 0), "已下班 · 明天 08:00 开门");
	calendar(2024, 9, 29); /* the Sunday worked before the holiday */
	assert_string_equal(at(&s, 9, 0), "正在办公 · 今天 12:00 下班");
	assert_string_equal(at(&s, 18, 0), "已下班 · 明天 08:00 开门");
	/* A station that does not follow 调休 keeps the weekend. */
	s.makeup_weekday = 0;
	calendar(2024, 10, 12);
	assert_string_equal(at(&s, 9, 0), "今天休息 · 10月14日 08:00 开门");
	/* ...and one that keeps Friday's hours on it. */
	s.makeup_weekday = 5;
	assert_string_equal(at(&s, 8, 0), "尚未开门 · 今天 08:30 开门");
}

static void overnight_hours_reach_into_the_next_day(void **state)
{
	(void)state;
	struct services_schedule s = every_day("22:00-02:00", 1);
	calendar(2024, 9, 24);
	assert_string_equal(at(&s, 23, 0), "正在办公 · 明天 02:00 下班");
	assert_string_equal(at(&s, 1, 0), "正在办公 · 今天 02:00 下班"); /* yesterday's period */
	assert_string_equal(at(&s, 1, 59), "正在办公 · 今天 02:00 下班");
	assert_string_equal(at(&s, 2, 0), "尚未开门 · 今天 22:00 开门");
	assert_string_equal(at(&s, 22, 0), "正在办公 · 明天 02:00 下班");
	assert_string_equal(at(&s, 21, 59), "尚未开门 · 今天 22:00 开门");
	/* Closing at midnight reads as 24:00 of the day. */
	struct services_schedule late = every_day("08:00-24:00", 1);
	assert_string_equal(at(&late, 23, 0), "正在办公 · 今天 24:00 下班");
	assert_string_equal(at(&late, 0, 0), "尚未开门 · 今天 08:00 开门");
	/* 08:00-24:00 and 00:00-02:00 the next day join across midnight. */
	struct services_schedule joined = every_day("00:00-02:00, 08:00-24:00", 1);
	assert_string_equal(at(&joined, 23, 0), "正在办公 · 明天 02:00 下班");
}

static void overnight_hours_and_holidays(void **state)
{
	(void)state;
	struct services_schedule s = every_day("22:00-02:00", 0);
	/* The night before the holiday runs into its first morning... */
	calendar(2024, 10, 1);
	assert_string_equal(at(&s, 1, 0), "正在办公 · 今天 02:00 下班");
	assert_string_equal(at(&s, 3, 0), "节假日休息(国庆节)· 10月8日 22:00 开门");
	/* ...but a holiday night does not run into the next day. */
	calendar(2024, 10, 8);
	assert_string_equal(at(&s, 1, 0), "尚未开门 · 今天 22:00 开门");
}

static void round_the_clock_and_no_hours(void **state)
{
	(void)state;
	struct services_schedule s = every_day("24小时", 1);
	calendar(2024, 10, 3);
	assert_string_equal(at(&s, 3, 0), "24 小时开放");
	assert_int_equal(st.state, SERVICES_OPEN);
	assert_int_equal(st.next, -1);
	/* Closed on holidays: open until the holiday begins. */
	struct services_schedule c = every_day("24小时", 0);
	calendar(2024, 9, 30);
	assert_string_equal(at(&c, 12, 0), "正在办公 · 今天 24:00 下班");
	struct services_schedule none = every_day("休息", 1);
	assert_string_equal(at(&none, 12, 0), "暂无办公时间");
	assert_int_equal(st.state, SERVICES_NO_HOURS);
	/* Hours only on days that are all holidays within reach. */
	struct services_schedule rare = {.holidays_open = 0};
	rare.week[3] = day_of("09:00-10:00"); /* Thursdays */
	calendar(2024, 10, 1);
	assert_int_equal(services_status(&rare, days, 5, 12 * 60, &st), 0);
	char out[128];
	assert_string_equal(services_status_text(&st, days, 5, out, sizeof out), "节假日休息(国庆节)· 近期不开放");
}

static void out_of_range_arguments_are_refused(void **state)
{
	(void)state;
	struct services_schedule s = office();
	calendar(2024, 9, 24);
	assert_int_equal(services_status(&s, days, 1, 600, &st), -1);
	assert_int_equal(services_status(&s, days, SERVICES_HORIZON + 1, 600, &st), -1);
	assert_int_equal(services_status(&s, days, SERVICES_HORIZON, -1, &st), -1);
	assert_int_equal(services_status(&s, days, SERVICES_HORIZON, 1440, &st), -1);
	/* Two days are enough for today's closing. */
	assert_int_equal(services_status(&s, days, 2, 600, &st), 0);
	assert_int_equal(st.next, 720);
}

static void effective_hours_of_a_day(void **state)
{
	(void)state;
	struct services_schedule s = office();
	struct services_day_info hol = {4, SERVICES_HOLIDAY, "国庆节", 10, 3}, mk = {6, SERVICES_MAKEUP_WORKDAY, NULL, 10, 12},
				 sat = {6, SERVICES_WEEKEND, NULL, 10, 19}, bad = {9, SERVICES_WORKDAY, NULL, 1, 1};
	assert_int_equal(services_day_effective(&s, &hol)->n, 0);
	assert_int_equal(services_day_effective(&s, &mk)->n, 2);
	assert_int_equal(services_day_effective(&s, &sat)->n, 0);
	assert_int_equal(services_day_effective(&s, &bad)->n, 0);
	assert_string_equal(services_weekday_label(7), "周日");
	assert_string_equal(services_weekday_label(0), "");
}

/* The status as the pages compute it: the official calendar at a CST time. */
static const char *at_cst(const struct services_schedule *s, int y, int m, int d, int hh, int mm)
{
	static char out[256];
	int minute;
	services_calendar(date_to_time((struct ymd){y, m, d}) + hh * 3600 + mm * 60, days, SERVICES_HORIZON, &minute);
	assert_int_equal(minute, hh * 60 + mm);
	assert_int_equal(services_status(s, days, SERVICES_HORIZON, minute, &st), 0);
	return services_status_text(&st, days, SERVICES_HORIZON, out, sizeof out);
}

static void the_calendar_reads_the_official_holidays(void **state)
{
	(void)state;
	struct services_schedule s = office();
	/* 国庆节 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked. */
	assert_string_equal(at_cst(&s, 2025, 10, 3, 10, 0), "节假日休息(国庆节)· 10月9日 08:30 开门");
	assert_int_equal(days[0].kind, SERVICES_HOLIDAY);
	assert_int_equal(days[1].weekday, 5);
	assert_int_equal(days[1].month, 10);
	assert_int_equal(days[1].mday, 3);
	assert_int_equal(days[9].kind, SERVICES_MAKEUP_WORKDAY); /* 11 October */
	assert_int_equal(days[7].kind, SERVICES_WORKDAY);	 /* 9 October, a Thursday */
	assert_string_equal(at_cst(&s, 2025, 10, 6, 10, 0), "节假日休息(中秋节)· 10月9日 08:30 开门");
	assert_string_equal(at_cst(&s, 2025, 10, 11, 9, 0), "正在办公 · 今天 12:00 下班");
	assert_string_equal(at_cst(&s, 2025, 9, 28, 18, 0), "已下班 · 明天 08:30 开门");
	assert_string_equal(at_cst(&s, 2025, 9, 30, 17, 30), "已下班 · 10月9日 08:30 开门");
	/* 春节 2026: nine days off, 15–23 February, with Saturdays 14 and 28 worked. */
	assert_string_equal(at_cst(&s, 2026, 2, 15, 10, 0), "节假日休息(春节)· 2月24日 08:30 开门");
	assert_string_equal(at_cst(&s, 2026, 2, 14, 10, 0), "正在办公 · 今天 12:00 下班");
	/* Midnight and the last minute of a day, China time. */
	assert_string_equal(at_cst(&s, 2025, 9, 24, 0, 0), "尚未开门 · 今天 08:30 开门");
	assert_string_equal(at_cst(&s, 2025, 9, 24, 23, 59), "已下班 · 明天 08:30 开门");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(periods_are_read_in_several_spellings),
	    cmocka_unit_test(whole_days_open_and_closed),
	    cmocka_unit_test(overnight_periods_end_the_next_morning),
	    cmocka_unit_test(what_is_written_reads_back_the_same),
	    cmocka_unit_test(bad_hours_are_refused_in_plain_chinese),
	    cmocka_unit_test(a_working_day_with_a_lunch_break),
	    cmocka_unit_test(a_break_at_another_time_is_not_lunch),
	    cmocka_unit_test(the_weekend_and_friday_evening),
	    cmocka_unit_test(closed_for_a_statutory_holiday),
	    cmocka_unit_test(open_on_holidays_by_the_weekday),
	    cmocka_unit_test(a_makeup_working_day_keeps_monday_hours),
	    cmocka_unit_test(overnight_hours_reach_into_the_next_day),
	    cmocka_unit_test(overnight_hours_and_holidays),
	    cmocka_unit_test(round_the_clock_and_no_hours),
	    cmocka_unit_test(out_of_range_arguments_are_refused),
	    cmocka_unit_test(effective_hours_of_a_day),
	    cmocka_unit_test(the_calendar_reads_the_official_holidays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
