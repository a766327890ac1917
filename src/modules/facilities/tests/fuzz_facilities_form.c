/* libFuzzer target: the booking form's typed date, start, end and people
 * (four lines of the input), through facilities_parse_time and, when they
 * parse, the time check of a facility at a fixed moment. What parses must
 * lie in range; a time the check accepts must fit the hours. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "modules/facilities/facilities_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[512];
	if (size >= sizeof text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	const char *part[4] = {"", "", "", ""};
	char *p = text;
	for (int i = 0; i < 4 && p; i++) {
		part[i] = p;
		p = strchr(p, '\n');
		if (p)
			*p++ = 0;
	}
	struct facilities_request q;
	const char *errs[4];
	memset(&q, 0, sizeof q);
	if (facilities_parse_time((struct ymd){2026, 11, 29}, part[0], part[1], part[2], part[3], &q, errs) < 0) {
		if (!errs[0] && !errs[1] && !errs[2] && !errs[3])
			__builtin_trap();
		return 0;
	}
	if (q.start_min < 0 || q.start_min >= SERVICES_DAY_MINUTES || q.end_min <= q.start_min ||
	    q.end_min > q.start_min + SERVICES_DAY_MINUTES || q.people < 1 || q.people > 9999)
		__builtin_trap();
	struct facilities_facility f = {.slot_min = 30, .max_min = 240, .days_ahead = 30, .active = 1};
	f.hours.holidays_open = 0;
	f.hours.makeup_weekday = 1;
	for (int w = 0; w < 7; w++) {
		f.hours.week[w].n = 2;
		f.hours.week[w].p[0] = (struct services_period){8 * 60, 12 * 60};
		f.hours.week[w].p[1] = (struct services_period){18 * 60, 26 * 60};
	}
	int64_t now = date_at_minute((struct ymd){2026, 9, 28}, 9 * 60);
	enum facilities_refusal r = facilities_time_check(&f, &q, now);
	if ((unsigned)r >= FR__MAX || !*facilities_refusal_text(r) != (r == FR_OK))
		__builtin_trap();
	if (r == FR_OK) {
		struct services_day_info prev, today;
		facilities_day_info(date_add_days(q.day, -1), &prev);
		facilities_day_info(q.day, &today);
		if (!facilities_hours_grid_fit(&f.hours, &prev, &today, q.start_min, q.end_min, f.slot_min) ||
		    date_at_minute(q.day, q.start_min) < now)
			__builtin_trap();
	}
	return 0;
}
