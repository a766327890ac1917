/* libFuzzer target: the hours staff type on a training record, through the
 * parser; what it accepts is within 0–10000 hours and formats back (as the
 * list shows it, "12.5") to the same tenths. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "modules/people/people_self.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[64], out[32];
	if (size >= sizeof text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	int t = -1, again = -1;
	if (people_training_hours(text, &t) < 0)
		return 0;
	if (t < 0 || t > 100000)
		__builtin_trap();
	snprintf(out, sizeof out, "%d.%d", t / 10, t % 10);
	if (people_training_hours(out, &again) < 0 || again != t)
		__builtin_trap();
	return 0;
}
