/* libFuzzer target: what staff type as a weekday's hours, through the parser;
 * what it accepts must format and read back to the same periods. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "modules/services/services.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[512];
	if (size >= sizeof text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	struct services_day d, again;
	char err[256], out[SERVICES_HOURS_TEXT];
	if (services_day_parse(text, &d, err, sizeof err) < 0) {
		if (!err[0])
			__builtin_trap();
		return 0;
	}
	if (d.n < 0 || d.n > SERVICES_MAX_PERIODS)
		__builtin_trap();
	for (int i = 0; i < d.n; i++)
		if (d.p[i].open < 0 || d.p[i].open >= SERVICES_DAY_MINUTES || d.p[i].close <= d.p[i].open ||
		    d.p[i].close > d.p[i].open + SERVICES_DAY_MINUTES || (i && d.p[i].open < d.p[i - 1].close))
			__builtin_trap();
	services_day_format(&d, out, sizeof out);
	if (services_day_parse(out, &again, err, sizeof err) < 0 || memcmp(&d, &again, sizeof d))
		__builtin_trap();
	return 0;
}
