#include "core/date.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/log.h"

#define CST (8 * 3600)
#define DAY 86400

/* data/holidays-cn.txt, embedded by tools/embed.py (meson.build). */
extern const struct embedded_file date_holiday_files[];

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian), after
 * Howard Hinnant's days_from_civil. */
int64_t date_to_days(struct ymd d)
{
	int64_t y = (int64_t)d.y - (d.m <= 2);
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct ymd date_from_days(int64_t z)
{
	z += 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	return (struct ymd){(int)(y + (m <= 2)), m, d};
}

void date_split(int64_t t, int offset, int64_t *days, int *second)
{
	/* Split first, then add the offset, so that nothing can overflow. */
	int64_t dd = t / DAY, s = t % DAY;
	if (s < 0) {
		s += DAY;
		dd--;
	}
	s += offset;
	if (s >= DAY) {
		s -= DAY;
		dd++;
	} else if (s < 0) {
		s += DAY;
		dd--;
	}
	*days = dd;
	*second = (int)s;
}

struct ymd date_from_time(int64_t t)
{
	int64_t days;
	int s;
	date_split(t, CST, &days, &s);
	return date_from_days(days);
}

int64_t date_to_time(struct ymd d)
{
	return date_to_days(d) * DAY - CST;
}

int date_minute_of_day(int64_t t)
{
	int64_t days;
	int s;
	date_split(t, CST, &days, &s);
	return s / 60;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

struct ymd date_add_months(struct ymd d, int months)
{
	int64_t total = (int64_t)d.y * 12 + (d.m - 1) + months;
	int64_t y = floor_div(total, 12);
	struct ymd r = {(int)y, (int)(total - y * 12) + 1, d.d};
	int last = date_days_in_month(r.y, r.m);
	if (r.d > last)
		r.d = last;
	return r;
}

struct ymd date_add_days(struct ymd d, int days)
{
	return date_from_days(date_to_days(d) + days);
}

int date_diff(struct ymd a, struct ymd b)
{
	return (int)(date_to_days(b) - date_to_days(a));
}

int date_weekday(struct ymd d)
{
	/* 1970-01-01 was a Thursday (4). */
	int64_t k = date_to_days(d) + 3;
	return (int)(k - floor_div(k, 7) * 7) + 1;
}

void date_format(struct ymd d, char out[11])
{
	unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, dd = (unsigned)d.d % 100u;
	snprintf(out, 11, "%04u-%02u-%02u", y, m, dd);
}

/* (date.h) */
int date_digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_parse(const char *s, struct ymd *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	int y = date_digits(s, 4), m = date_digits(s + 5, 2), dd = date_digits(s + 8, 2);
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || dd < 1 || dd > date_days_in_month(y, m))
		return -1;
	*d = (struct ymd){y, m, dd};
	return 0;
}

/* ---- the holiday table ---- */

#define HOLIDAY_MAX 1024
#define HOLIDAY_NAME 32

struct holiday {
	int64_t day; /* date_to_days */
	int makeup;  /* 班: a weekend day worked; else 休 */
	char name[HOLIDAY_NAME];
};

static struct holiday holidays[HOLIDAY_MAX];
static size_t nholidays;
static int holidays_bad; /* lines refused while loading */
static pthread_once_t holidays_once = PTHREAD_ONCE_INIT;

static int holiday_cmp(const void *a, const void *b)
{
	const struct holiday *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* One line "YYYY-MM-DD 休 春节" or "YYYY-MM-DD 班 春节", comments cut off
 * already: 0 added, 1 nothing on it, -1 malformed. */
static int holiday_line(const char *s, size_t n)
{
	while (n && is_blank(s[n - 1]))
		n--;
	while (n && is_blank(*s)) {
		s++;
		n--;
	}
	if (!n)
		return 1;
	char date[11];
	struct ymd d;
	if (n < 10 || nholidays == HOLIDAY_MAX)
		return -1;
	memcpy(date, s, 10);
	date[10] = 0;
	if (date_parse(date, &d) < 0)
		return -1;
	size_t i = 10;
	if (i == n || !is_blank(s[i]))
		return -1;
	while (i < n && is_blank(s[i]))
		i++;
	int makeup;
	if (n - i >= 3 && !memcmp(s + i, "休", 3))
		makeup = 0;
	else if (n - i >= 3 && !memcmp(s + i, "班", 3))
		makeup = 1;
	else
		return -1;
	i += 3;
	if (i == n || !is_blank(s[i]))
		return -1;
	while (i < n && is_blank(s[i]))
		i++;
	if (n - i >= HOLIDAY_NAME)
		return -1;
	struct holiday *h = &holidays[nholidays++];
	h->day = date_to_days(d);
	h->makeup = makeup;
	memcpy(h->name, s + i, n - i);
	h->name[n - i] = 0;
	return 0;
}

static void holidays_load(void)
{
	const struct embedded_file *f = date_holiday_files;
	while (f->name && strcmp(f->name, "holidays-cn.txt"))
		f++;
	if (!f->name) {
		log_error("date: the holiday table is not compiled in");
		holidays_bad = 1;
		return;
	}
	int lineno = 0;
	for (size_t at = 0; at < f->len;) {
		const char *line = f->data + at;
		const char *nl = memchr(line, '\n', f->len - at);
		size_t n = nl ? (size_t)(nl - line) : f->len - at;
		at += n + 1;
		lineno++;
		const char *hash = memchr(line, '#', n);
		if (hash)
			n = (size_t)(hash - line);
		if (holiday_line(line, n) < 0) {
			log_error("date: holidays-cn.txt line %d is not \"YYYY-MM-DD 休|班 name\"; skipped",
			          lineno);
			holidays_bad = 1;
		}
	}
	qsort(holidays, nholidays, sizeof *holidays, holiday_cmp);
	for (size_t i = 1; i < nholidays; i++)
		if (holidays[i].day == holidays[i - 1].day) {
			char d[11];
			date_format(date_from_days(holidays[i].day), d);
			log_error("date: holidays-cn.txt lists %s twice", d);
			holidays_bad = 1;
		}
}

/* The first entry on or after day (nholidays if none). */
static size_t holiday_from(int64_t day)
{
	pthread_once(&holidays_once, holidays_load);
	size_t lo = 0, hi = nholidays;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (holidays[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct holiday *holiday_on(struct ymd d)
{
	int64_t day = date_to_days(d);
	size_t i = holiday_from(day);
	return i < nholidays && holidays[i].day == day ? &holidays[i] : NULL;
}

int date_holidays_check(void)
{
	pthread_once(&holidays_once, holidays_load);
	return holidays_bad || !nholidays ? -1 : 0;
}

int date_holidays_known(int year)
{
	size_t i = holiday_from(date_to_days((struct ymd){year, 1, 1}));
	return i < nholidays && holidays[i].day < date_to_days((struct ymd){year + 1, 1, 1});
}

enum date_kind date_kind(struct ymd d)
{
	const struct holiday *h = holiday_on(d);
	if (h)
		return h->makeup ? DATE_MAKEUP_WORKDAY : DATE_HOLIDAY;
	return date_weekday(d) >= 6 ? DATE_WEEKEND : DATE_WORKDAY;
}

int date_is_workday(struct ymd d)
{
	enum date_kind k = date_kind(d);
	return k == DATE_WORKDAY || k == DATE_MAKEUP_WORKDAY;
}

const char *date_holiday_name(struct ymd d)
{
	const struct holiday *h = holiday_on(d);
	return h && !h->makeup ? h->name : NULL;
}

struct ymd date_add_workdays(struct ymd d, int n)
{
	struct ymd r = d;
	while (n > 0) {
		r = date_add_days(r, 1);
		if (date_is_workday(r))
			n--;
	}
	return r;
}

int64_t date_deadline(int64_t start, int n, int working)
{
	if (n < 0)
		n = 0;
	struct ymd from = date_from_time(start);
	struct ymd last = working ? date_add_workdays(from, n) : date_add_days(from, n);
	return date_to_time(last) + DAY - 1;
}

/* 1 when the n bytes at s are all ASCII digits. */
static int digits_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The value of n ASCII digits at s. */
static int digits_value(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int small_number(const char **p);

int date_parse_typed_near(const char *s, struct ymd today, struct ymd *out)
{
	if (date_parse_typed(s, out) == 0)
		return 0;
	if (!s)
		return -1;
	/* month, a separator, day, and 日/号 after 月 */
	const char *p = s;
	int m = small_number(&p), d;
	if (m < 1 || m > 12)
		return -1;
	int chinese = !strncmp(p, "月", 3);
	if (chinese)
		p += 3;
	else if (*p == '-' || *p == '/' || *p == '.')
		p++;
	else
		return -1;
	if ((d = small_number(&p)) < 1)
		return -1;
	if (chinese && (!strcmp(p, "日") || !strcmp(p, "号")))
		p += 3;
	if (*p)
		return -1;
	/* the year that puts it in [today - 90, today + 275] */
	for (int y = today.y - 1; y <= today.y + 1; y++) {
		struct ymd c = {y, m, d};
		if (d > date_days_in_month(y, m))
			continue;
		int diff = date_diff(today, c);
		if (diff >= -90 && diff <= 275) {
			*out = c;
			return 0;
		}
	}
	return -1;
}

/* Skips one of the words at *p (UTF-8) and returns its index, or -1. */
static int skip_word(const char **p, const char *const *words, int n)
{
	for (int i = 0; i < n; i++) {
		size_t len = strlen(words[i]);
		if (!strncmp(*p, words[i], len)) {
			*p += len;
			return i;
		}
	}
	return -1;
}

/* One or two ASCII digits at *p, as a number; -1 when there are none or more. */
static int small_number(const char **p)
{
	const char *s = *p;
	int v = 0, n = 0;
	while (*s >= '0' && *s <= '9' && n < 3) {
		v = v * 10 + (*s++ - '0');
		n++;
	}
	if (n == 0 || n > 2)
		return -1;
	*p = s;
	return v;
}

/* A number 0..59 written in Chinese at *p (零, 一 … 九, 两, 十, 十一 … 十九,
 * 二十 … 五十九), as a number; -1 when there is none. */
static int chinese_number(const char **p)
{
	static const char *const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "两"};
	const char *s = *p;
	int tens = -1, ones = -1;
	int d = skip_word(&s, digits, 11);
	if (d == 10)
		d = 2;
	if (!strncmp(s, "十", 3)) {
		if (d == 0)
			return -1; /* 零十 */
		tens = d < 0 ? 1 : d;
		s += 3;
		ones = skip_word(&s, digits, 10); /* 十两 is not written */
		if (ones == 0)
			return -1;
	} else if (d == 0) {
		ones = skip_word(&s, digits, 10); /* 零五 (分) */
		if (ones < 0)
			ones = 0;
	} else if (d > 0) {
		ones = d;
	} else {
		return -1;
	}
	int v = (tens > 0 ? tens * 10 : 0) + (ones > 0 ? ones : 0);
	if (v > 59)
		return -1;
	*p = s;
	return v;
}

int date_time_parse_typed(const char *s, int *minute)
{
	static const char *const periods[] = {"上午", "早上", "中午", "下午", "晚上"};
	enum { AM, MORNING, NOON, PM, EVENING };
	static const char *const colons[] = {":", "\xEF\xBC\x9A"}; /* : and the full-width ： */
	static const char *const hour_marks[] = {"点", "时"};
	if (!s)
		return -1;
	const char *p = s;
	while (*p == ' ')
		p++;
	int period = skip_word(&p, periods, 5);
	while (*p == ' ')
		p++;
	int h = small_number(&p), m = 0;
	int chinese = h < 0; /* 下午两点, 三点一刻, 十点二十分: then 点 or 时 must follow */
	if (chinese && (h = chinese_number(&p)) < 0)
		return -1;
	if (!chinese && skip_word(&p, colons, 2) >= 0) {
		if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
			return -1;
		m = small_number(&p);
		if (skip_word(&p, colons, 2) >= 0) { /* seconds: only :00 */
			if (p[0] != '0' || p[1] != '0')
				return -1;
			p += 2;
		}
	} else if (skip_word(&p, hour_marks, 2) >= 0) {
		static const char *const quarters[] = {"一刻", "三刻", "半", "整"};
		int q = skip_word(&p, quarters, 4);
		if (q >= 0) {
			m = q == 0 ? 15 : q == 1 ? 45 : q == 2 ? 30 : 0;
		} else if (*p >= '0' && *p <= '9') {
			if ((m = small_number(&p)) < 0 || strncmp(p, "分", 3))
				return -1;
			p += 3;
		} else if (*p && (m = chinese_number(&p)) >= 0) {
			if (strncmp(p, "分", 3)) /* as 14点30 is: 分 says they are minutes */
				return -1;
			p += 3;
		} else if (*p) {
			return -1;
		} else {
			m = 0;
		}
	} else {
		return -1;
	}
	while (*p == ' ')
		p++;
	if (*p || m > 59 || h > 24 || (h == 24 && m))
		return -1;
	if (period >= 0) {
		/* 12-hour words: 下午2点 is 14:00; 下午14:00 is taken as written */
		if (h == 0 || h == 24)
			return -1;
		if ((period == PM || period == EVENING) && h < 12)
			h += 12;
		else if ((period == AM || period == MORNING) && h == 12)
			h = 0;
		else if ((period == AM || period == MORNING) && h > 12)
			return -1;
		else if (period == NOON && h > 2 && h != 12 && h < 11)
			return -1;
		else if (period == NOON && h <= 2)
			h += 12;
	}
	*minute = h * 60 + m;
	return 0;
}

int64_t date_at_minute(struct ymd d, int minute)
{
	return date_to_time(d) + (int64_t)minute * 60;
}

int date_cmp(struct ymd a, struct ymd b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	return a.d < b.d ? -1 : a.d > b.d;
}

int date_parse_typed(const char *s, struct ymd *out)
{
	struct ymd got, *d = &got;
	size_t n = strlen(s);
	if (n == 8 && digits_only(s, 8)) {
		*d = (struct ymd){digits_value(s, 4), digits_value(s + 4, 2), digits_value(s + 6, 2)};
	} else {
		int part[3], k = 0;
		const char *p = s;
		while (k < 3) {
			if (*p < '0' || *p > '9')
				return -1;
			int v = 0, digits = 0;
			while (*p >= '0' && *p <= '9' && digits < 5) {
				v = v * 10 + (*p++ - '0');
				digits++;
			}
			if (digits > (k == 0 ? 4 : 2) || (k == 0 && digits != 4))
				return -1;
			part[k++] = v;
			if (k == 3)
				break;
			if (*p == '-' || *p == '/' || *p == '.')
				p++;
			else if (!strncmp(p, k == 1 ? "年" : "月", 3))
				p += 3;
			else
				return -1;
		}
		if (!strcmp(p, "日") || !strcmp(p, "号"))
			p += 3;
		if (*p)
			return -1;
		*d = (struct ymd){part[0], part[1], part[2]};
	}
	if (d->y < 1900 || d->m < 1 || d->m > 12 || d->d < 1 || d->d > date_days_in_month(d->y, d->m))
		return -1;
	*out = got;
	return 0;
}
