#include "core/clock.h"

#include <stdio.h>
#include <time.h>

#define CST_OFFSET (8 * 3600)

int64_t clock_now(void)
{
	return (int64_t)time(NULL);
}

char *clock_format_cst(int64_t t, char *out, size_t n)
{
	time_t s = (time_t)(t + CST_OFFSET);
	struct tm tm;
	gmtime_r(&s, &tm);
	strftime(out, n, "%Y-%m-%d %H:%M", &tm);
	return out;
}

char *clock_format_date_cst(int64_t t, char *out, size_t n)
{
	time_t s = (time_t)(t + CST_OFFSET);
	struct tm tm;
	gmtime_r(&s, &tm);
	strftime(out, n, "%Y-%m-%d", &tm);
	return out;
}

char *clock_format_iso_utc(int64_t t, char *out, size_t n)
{
	time_t s = (time_t)t;
	struct tm tm;
	gmtime_r(&s, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

char *clock_format_http(int64_t t, char *out, size_t n)
{
	time_t s = (time_t)t;
	struct tm tm;
	gmtime_r(&s, &tm);
	strftime(out, n, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	return out;
}
