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

char *clock_format_cst(int64_t t, char *out, size_t n)
{
	struct civil c = civil_at(t, CST_OFFSET);
	snprintf(out, n, "%04d-%02d-%02d %02d:%02d", c.d.y, c.d.m, c.d.d, c.h, c.min);
	return out;
}

char *clock_format_date_cst(int64_t t, char *out, size_t n)
{
	struct civil c = civil_at(t, CST_OFFSET);
	snprintf(out, n, "%04d-%02d-%02d", c.d.y, c.d.m, c.d.d);
	return out;
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
