/* Hours as people type them, and minutes shown as people read them. Pure,
 * and fuzzed (tests/fuzz_timebank_form.c). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "core/date.h"

#include "modules/timebank/timebank_web.h"

/* Reads a decimal number of at most 6 whole digits and 2 decimals at *p
 * (ASCII digits; full-width folded by the caller), as hundredths. 0 and *p
 * moved, or -1. */
static int number(const char **p, int64_t *hundredths)
{
	const char *s = *p;
	int64_t v = 0;
	int whole = 0, frac = 0;
	while (*s >= '0' && *s <= '9') {
		if (++whole > 6)
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	v *= 100;
	if (*s == '.') {
		s++;
		int64_t f = 0;
		while (*s >= '0' && *s <= '9') {
			if (++frac > 2)
				return -1;
			f = f * 10 + (*s++ - '0');
		}
		if (!frac)
			return -1;
		v += frac == 1 ? f * 10 : f;
	}
	if (!whole && !frac)
		return -1;
	*hundredths = v;
	*p = s;
	return 0;
}

/* Skips s at *p if it is there: 1, else 0. */
static int word(const char **p, const char *s)
{
	size_t n = strlen(s);
	if (strncmp(*p, s, n))
		return 0;
	*p += n;
	return 1;
}

/* Copies s without spaces, full-width digits and point folded to ASCII,
 * into out (size n). 0, or -1 when too long. */
static int fold(const char *s, char *out, size_t n)
{
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char c;
		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
			c = (char)('0' + (p[2] - 0x90));
			p += 2;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8E) {
			c = '.';
			p += 2;
		} else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) { /* ideographic space */
			p += 2;
			continue;
		} else if (*p == ' ' || *p == '\t') {
			continue;
		} else {
			c = (char)*p;
		}
		if (k + 1 >= n)
			return -1;
		out[k++] = c;
	}
	out[k] = 0;
	return 0;
}

const char *tb_parse_hours(const char *s, int64_t *minutes)
{
	char buf[64];
	if (!s || fold(s, buf, sizeof buf) < 0)
		return "请填写时长,如 2、1.5、1小时30分 或 90分钟";
	if (!buf[0])
		return "请填写时长";
	const char *p = buf;
	int64_t total = 0; /* in hundredths of a minute */
	int64_t h;
	if (word(&p, "半小时") || word(&p, "半个小时")) {
		total = 30 * 100;
	} else {
		if (number(&p, &h) < 0)
			return "请填写时长,如 2、1.5、1小时30分 或 90分钟";
		if (word(&p, "分钟") || word(&p, "分")) {
			total = h; /* minutes */
		} else {
			/* hours: bare, or followed by 小时/个小时/时/h */
			(void)(word(&p, "个小时") || word(&p, "小时") || word(&p, "时") || word(&p, "h") ||
			       word(&p, "H"));
			total = h * 60;
			int64_t m;
			if (word(&p, "半")) {
				total += 30 * 100;
			} else if (*p && number(&p, &m) == 0) {
				if (!(word(&p, "分钟") || word(&p, "分")) || m % 100)
					return "分钟请填整数,如 1小时30分";
				if (m >= 6000)
					return "分钟应小于 60,如 1小时30分";
				total += m;
			}
		}
	}
	if (*p)
		return "请填写时长,如 2、1.5、1小时30分 或 90分钟";
	if (total % 100)
		return "请精确到分钟(如 1.5 小时,或 1小时20分)";
	total /= 100;
	if (total <= 0)
		return "时长应大于 0";
	if (total > TB_MOVE_MAX)
		return "一次不超过 24 小时";
	*minutes = total;
	return NULL;
}

char *tb_minutes_text(struct arena *a, int64_t minutes)
{
	int neg = minutes < 0;
	uint64_t m = neg ? (uint64_t)0 - (uint64_t)minutes : (uint64_t)minutes;
	uint64_t h = m / 60, r = m % 60;
	if (!h)
		return arena_printf(a, "%s%llu分钟", neg ? "-" : "", (unsigned long long)r);
	if (!r)
		return arena_printf(a, "%s%llu小时", neg ? "-" : "", (unsigned long long)h);
	return arena_printf(a, "%s%llu小时%llu分钟", neg ? "-" : "", (unsigned long long)h,
	                    (unsigned long long)r);
}

char *tb_hours_text(struct arena *a, int64_t minutes)
{
	int neg = minutes < 0;
	uint64_t m = neg ? (uint64_t)0 - (uint64_t)minutes : (uint64_t)minutes;
	uint64_t tenths = (m * 10 + 30) / 60; /* rounded to a tenth of an hour */
	return arena_printf(a, "%s%llu.%llu", neg ? "-" : "", (unsigned long long)(tenths / 10),
	                    (unsigned long long)(tenths % 10));
}

const char *tb_parse_day(const char *s, struct ymd today, char out[11])
{
	struct ymd d;
	if (!s || !*s)
		return "请填写服务日期";
	if (date_parse_typed(s, &d) < 0)
		return "日期不对,请按 2026-03-01 的格式填写";
	if (d.y < 2000)
		return "日期不能早于 2000 年";
	if (date_cmp(d, today) > 0)
		return "服务日期不能晚于今天";
	date_format(d, out);
	return NULL;
}

const char *tb_parse_number(const char *s, int64_t *id)
{
	char buf[32];
	if (!s || fold(s, buf, sizeof buf) < 0)
		return "账户号是数字,如 12";
	if (!buf[0])
		return "请填写对方的账户号";
	int64_t v = 0;
	for (const char *p = buf; *p; p++) {
		if (*p < '0' || *p > '9')
			return "账户号是数字,如 12";
		if (v > (INT64_MAX - 9) / 10)
			return "没有这个账户号";
		v = v * 10 + (*p - '0');
	}
	if (v <= 0)
		return "没有这个账户号";
	*id = v;
	return NULL;
}
