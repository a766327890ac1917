/* Calendar dates in China Standard Time (UTC+8, no DST), the official
 * holiday schedule, working days and deadlines. The one place that does
 * civil-date arithmetic (src/core/clock.c formats times with it).
 *
 * Dates are proleptic Gregorian; functions taking a struct ymd expect a real
 * date (month 1..12, day within the month) unless they say otherwise.
 *
 * Holidays come from data/holidays-cn.txt, compiled into the binary and
 * parsed on first use: the State Council's yearly notice
 * (国务院办公厅关于…部分节假日安排的通知) gives the days off (休) and the
 * make-up working days on weekends (班). A year the table does not cover
 * (date_holidays_known() == 0) has only weekends as days off. */
#ifndef SHEQU_CORE_DATE_H
#define SHEQU_CORE_DATE_H
#include <stdint.h>

struct ymd {
	int y, m, d;
};

/* The calendar date in China Standard Time of a Unix time. */
struct ymd date_from_time(int64_t t);
/* 00:00 CST of d, in Unix seconds. */
int64_t date_to_time(struct ymd d);
/* 28..31 for a month 1..12 (Gregorian leap years: 2000 is one, 2100 is not); 0 for another m. */
int date_days_in_month(int y, int m);
/* d plus (or minus) months, clamped to the end of the month: 01-31 + 1 -> 02-28 (02-29 in a leap year). */
struct ymd date_add_months(struct ymd d, int months);
/* d plus (or minus) days. */
struct ymd date_add_days(struct ymd d, int days);
/* Days from a to b (b - a): negative when b is earlier. */
int date_diff(struct ymd a, struct ymd b);
/* ISO weekday: 1 Monday .. 7 Sunday. */
int date_weekday(struct ymd d);
/* Minute of the day in China Standard Time, 0..1439. */
int date_minute_of_day(int64_t t);
/* Writes "YYYY-MM-DD" (10 characters and a NUL). */
void date_format(struct ymd d, char out[11]);
/* Days since 1970-01-01 of d (negative before it), and the date of such a day number. */
int64_t date_to_days(struct ymd d);
struct ymd date_from_days(int64_t days);
/* Splits a Unix time seen at offset seconds east of UTC (CST: 28800) into a
 * day number (as date_to_days) and the second of that day, 0..86399. */
void date_split(int64_t t, int offset, int64_t *days, int *second);
/* Parses exactly "YYYY-MM-DD" naming a real date in the years 1900..2999
 * (no spaces, signs or short fields): 0 with *d set, or -1 with *d untouched. */
int date_parse(const char *s, struct ymd *d);
/* The n (1..9) characters at s as a number when all are ASCII digits,
 * else -1 (a NUL stops it as a non-digit): for fixed-width fields such as
 * the "10" of "2026-10". */
int date_digits(const char *s, int n);
/* Reads a date as people type it: 2024-01-05, 2024/1/5, 2024.1.5,
 * 2024年1月5日 (or 号), 20240105; a real date in 1900..9999. 0 with *d set,
 * or -1 with *d untouched. */
int date_parse_typed(const char *s, struct ymd *d);
/* As date_parse_typed, and also a day typed without its year (12月2日,
 * 12月2号, 12-2, 12/2, 12.2): the year is the one that puts it from 90
 * days before today to 275 days after, as people mean when they name a
 * coming or recent day (on 2026-11-29, 1月5日 is 2027-01-05 and 11月1日
 * is 2026-11-01). For forms about events, not for records of the past. */
int date_parse_typed_near(const char *s, struct ymd today, struct ymd *d);
/* Reads a time of day as people type it: 14:30, 9:05, 14：30 (full-width
 * colon), 14:30:00 (seconds must be 00), 14点, 14点30分, 14点半, 14时30分, and
 * with 上午/早上/中午/下午/晚上 before it in 12-hour form (下午2点 is 14:00,
 * 晚上8:30 20:30, 中午12点 12:00, 上午12点 00:00); a time after 下午/晚上 may
 * also be written in 24-hour form (下午14:00). Hours and minutes may be
 * written in Chinese before 点/时: 下午两点, 十点一刻, 三点三刻, 九点整,
 * 十一点二十分. "24:00" (or 24点) is the end of the day, 1440. 0 with
 * *minute set to 0..1440, or -1 untouched. */
int date_time_parse_typed(const char *s, int *minute);
/* The Unix time of minute (0..1440, 1440 being the next day's 00:00) of
 * day d, China Standard Time. */
int64_t date_at_minute(struct ymd d, int minute);
/* -1, 0 or 1 as a is before, on or after b. */
int date_cmp(struct ymd a, struct ymd b);

enum date_kind { DATE_WORKDAY, DATE_WEEKEND, DATE_HOLIDAY, DATE_MAKEUP_WORKDAY };
/* What kind of day d is by the official schedule: a holiday (休, even on a
 * weekend), a make-up working day (班, a weekend day worked), else a weekend
 * or a working day by its weekday. */
enum date_kind date_kind(struct ymd d);
/* 1 if people work on d: DATE_WORKDAY or DATE_MAKEUP_WORKDAY. */
int date_is_workday(struct ymd d);
/* The festival a holiday belongs to ("春节", "国庆节"…); NULL on any other
 * day, make-up working days included. The string is static. */
const char *date_holiday_name(struct ymd d);
/* 1 when the holiday table covers that year (holds at least one of its days),
 * else 0: then only weekends count as days off. */
int date_holidays_known(int year);
/* 0 if the compiled-in table parsed cleanly; -1 if a line was malformed
 * (logged, and skipped) or the table is missing. For tests and start-up. */
int date_holidays_check(void);
/* The n-th working day after d (n >= 0; n == 0 gives d itself, whatever
 * kind of day it is; a negative n is taken as 0). */
struct ymd date_add_workdays(struct ymd d, int n);

/* The deadline of something received at the moment `start`, due within n
 * days: returns 23:59:59 CST of the deadline's last day, in Unix seconds.
 *
 * The day of receipt is not counted (as Chinese law counts periods in days:
 * 期间开始的当日不计入). With working = 0 the last day is the n-th calendar
 * day after the day of receipt; with working = 1 it is the n-th working day
 * after it, by date_is_workday: holidays and weekends are skipped, make-up
 * Saturdays and Sundays count. So a thing received on a holiday or a weekend
 * has its first counted day on the next working day. n == 0 gives the end of
 * the day of receipt.
 *
 * This function does not decide which kind of day a rule means: the caller
 * does. 《信访工作条例》 states its limits in days (15 days to decide
 * whether to accept, 60 to finish, at most 30 more), hotline rules in hours or
 * working days; the work-orders module chooses calendar or working days per
 * rule and passes `working` accordingly. */
int64_t date_deadline(int64_t start, int n, int working);

#endif
