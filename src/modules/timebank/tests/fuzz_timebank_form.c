/* libFuzzer target: what people type into the time bank's forms — hours
 * (2, 1.5, 1小时30分, 90分钟, 半小时), the day of a service and an account
 * number — through the parsers. The input is split at NUL bytes into up to
 * three fields. What is accepted must be in range and read back the same
 * when written as minutes; what is refused must say why. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/date.h"
#include "modules/timebank/timebank_web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[1024];
	if (size >= sizeof text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	const char *f[3] = {"", "", ""};
	int nf = 0;
	for (size_t i = 0, start = 0; i <= size && nf < 3; i++)
		if (i == size || text[i] == 0) {
			f[nf++] = text + start;
			start = i + 1;
		}
	struct arena a;
	arena_init(&a, 1u << 20);
	int64_t m = -1;
	const char *e = tb_parse_hours(f[0], &m);
	if (!e && (m <= 0 || m > TB_MOVE_MAX))
		__builtin_trap();
	if (e && !*e)
		__builtin_trap();
	if (!e) {
		/* the minutes written back as people read them parse to the same */
		char back[64];
		int64_t m2 = -1;
		snprintf(back, sizeof back, "%lld分钟", (long long)m);
		if (tb_parse_hours(back, &m2) || m2 != m)
			__builtin_trap();
		const char *shown = tb_minutes_text(&a, m);
		if (!shown || tb_parse_hours(shown, &m2) || m2 != m)
			__builtin_trap();
		if (!tb_hours_text(&a, m))
			__builtin_trap();
	}
	struct ymd today = {2026, 11, 29};
	char day[11];
	e = tb_parse_day(f[1], today, day);
	if (!e) {
		struct ymd d;
		if (strlen(day) != 10 || date_parse(day, &d) < 0 || d.y < 2000 || date_cmp(d, today) > 0)
			__builtin_trap();
	}
	int64_t id = 0;
	e = tb_parse_number(f[2], &id);
	if (!e && id <= 0)
		__builtin_trap();
	arena_free(&a);
	return 0;
}
