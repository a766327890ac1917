/* libFuzzer target: the dates and times people type (date_parse_typed,
 * date_parse_typed_near, date_time_parse_typed, date_parse) on any bytes. Whatever the input: an
 * accepted date is a real one in range and formats back to a string that
 * date_parse reads as the same date; an accepted time is a minute 0..1440;
 * a refusal leaves the output untouched. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	struct ymd d = {7, 7, 7}, back;
	char out[11];
	if (date_parse_typed(s, &d) == 0) {
		if (d.y < 1900 || d.y > 9999 || d.m < 1 || d.m > 12 || d.d < 1 || d.d > date_days_in_month(d.y, d.m))
			__builtin_trap();
		date_format(d, out);
		if (d.y <= 2999 && (date_parse(out, &back) != 0 || date_cmp(back, d) != 0))
			__builtin_trap();
	} else if (d.y != 7 || d.m != 7 || d.d != 7) {
		__builtin_trap();
	}
	d = (struct ymd){7, 7, 7};
	if (date_parse(s, &d) == 0) {
		date_format(d, out);
		if (strcmp(out, s) != 0)
			__builtin_trap();
	} else if (d.y != 7) {
		__builtin_trap();
	}
	d = (struct ymd){7, 7, 7};
	if (date_parse_typed_near(s, (struct ymd){2026, 11, 29}, &d) == 0) {
		if (d.y < 1900 || d.m < 1 || d.m > 12 || d.d < 1 || d.d > date_days_in_month(d.y, d.m))
			__builtin_trap();
	} else if (d.y != 7) {
		__builtin_trap();
	}
	int minute = -7;
	if (date_time_parse_typed(s, &minute) == 0) {
		if (minute < 0 || minute > 1440)
			__builtin_trap();
	} else if (minute != -7) {
		__builtin_trap();
	}
	free(s);
	return 0;
}
