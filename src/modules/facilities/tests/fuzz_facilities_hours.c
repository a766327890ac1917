/* libFuzzer target: the hours-fit function. The input is a week of hours as
 * staff type them (seven parts split by '|', through services_day_parse),
 * then the two days' kinds, the holiday and make-up rules and a span from
 * the last bytes. Any span, in range or not, must be answered without a
 * fault; a span that fits must lie in one period of the day or of the day
 * before's overnight period, and each of its parts must fit too. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "modules/facilities/facilities_internal.h"

/* 1 if [s, e) lies inside a period of d (shifted by `by` minutes). */
static int inside(const struct services_day *d, int s, int e, int by)
{
	for (int i = 0; i < d->n; i++)
		if (s + by >= d->p[i].open && e + by <= d->p[i].close)
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 10 || size > 1024)
		return 0;
	const uint8_t *tail = data + size - 10;
	char text[1024];
	memcpy(text, data, size - 10);
	text[size - 10] = 0;
	struct services_schedule s;
	memset(&s, 0, sizeof s);
	char *p = text;
	for (int w = 0; w < 7; w++) {
		char *bar = p ? strchr(p, '|') : NULL;
		if (bar)
			*bar = 0;
		char err[256];
		if (p && services_day_parse(p, &s.week[w], err, sizeof err) < 0)
			return 0;
		p = bar ? bar + 1 : NULL;
	}
	s.holidays_open = tail[0] & 1;
	s.makeup_weekday = tail[1] % 8;
	struct services_day_info prev = {1 + tail[2] % 7, (enum services_day_kind)(tail[3] % 4), NULL, 1, 1};
	struct services_day_info today = {1 + prev.weekday % 7, (enum services_day_kind)(tail[4] % 4), NULL, 1, 2};
	int start = (int16_t)(tail[5] | tail[6] << 8), end = (int16_t)(tail[7] | tail[8] << 8);
	int fit = facilities_hours_fit(&s, &prev, &today, start, end);
	if (!fit)
		return 0;
	if (start < 0 || start >= SERVICES_DAY_MINUTES || end <= start)
		__builtin_trap();
	const struct services_day *d = services_day_effective(&s, &today), *y = services_day_effective(&s, &prev);
	if (!inside(d, start, end, 0) && !inside(y, start, end, SERVICES_DAY_MINUTES))
		__builtin_trap();
	int mid = start + (end - start) / 2;
	if (mid > start && (!facilities_hours_fit(&s, &prev, &today, start, mid) ||
			    (mid < SERVICES_DAY_MINUTES && !facilities_hours_fit(&s, &prev, &today, mid, end))))
		__builtin_trap();
	(void)tail[9];
	return 0;
}
