#include "core/clock.h"

#include <stdio.h>
#include <time.h>

#include "core/date.h"

#define CST_OFFSET (8 * 3600)

int64_t clock_now(void)
{
	return (int64_t)time(NULL);
}

/* The civil date and time of day of t at offset seconds east of UTC. */
struct civil {
	struct ymd d;
	int h, min, s;
};

static struct civil civil_at(int64_t t, int offset)
{
	int64_t days;
	int sec;
	date_split(t, offset, &days, &sec);
	return (struct civil){date_from_days(days), sec / 3600, sec / 60 % 60, sec % 60};
}

/* Writes v (0 <= v < 10^w) as w digits at p; returns the end. */
static char *digits(char *p, int v, int w)
{
	for (int i = w - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + w;
}

/* "YYYY-MM-DD", then " HH:MM" when with_time, into out (n bytes), as
 * snprintf would; pages print many dates, so the usual years skip
 * snprintf's format parsing. */
static char *format_civil(struct civil c, int with_time, char *out, size_t n)
{
	if (c.d.y < 0 || c.d.y > 9999 || n < 17) {
		if (with_time)
			snprintf(out, n, "%04d-%02d-%02d %02d:%02d", c.d.y, c.d.m, c.d.d, c.h, c.min);
		else
			snprintf(out, n, "%04d-%02d-%02d", c.d.y, c.d.m, c.d.d);
		return out;
	}
	char *p = digits(out, c.d.y, 4);
	*p++ = '-';
	p = digits(p, c.d.m, 2);
	*p++ = '-';
	p = digits(p, c.d.d, 2);
	if (with_time) {
		*p++ = ' ';
		p = digits(p, c.h, 2);
		*p++ = ':';
		p = digits(p, c.min, 2);
	}
	*p = 0;
	return out;
}

char *clock_format_cst(int64_t t, char *out, size_t n)
{
	return format_civil(civil_at(t, CST_OFFSET), 1, out, n);
}

char *clock_format_date_cst(int64_t t, char *out, size_t n)
{
	return format_civil(civil_at(t, CST_OFFSET), 0, out, n);
}

char *clock_format_iso_utc(int64_t t, char *out, size_t n)
{
	struct civil c = civil_at(t, 0);
	snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.d.y, c.d.m, c.d.d, c.h, c.min, c.s);
	return out;
}

char *clock_format_http(int64_t t, char *out, size_t n)
{
	static const char wday[7][4] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static const char mon[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct civil c = civil_at(t, 0);
	snprintf(out, n, "%s, %02d %s %04d %02d:%02d:%02d GMT", wday[date_weekday(c.d) - 1], c.d.d,
	         mon[c.d.m - 1], c.d.y, c.h, c.min, c.s);
	return out;
}
