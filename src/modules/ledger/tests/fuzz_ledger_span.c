/* libFuzzer target: a statement's span as typed in its URL, through
 * ledger_span_parse; what it accepts is a month, a quarter or a year of
 * 2000..9999 whose first and last months are in one year in order, and
 * which writes back to the same text, with its title. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "modules/ledger/ledger_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[64], from[8], to[8], back[32];
	if (size >= sizeof text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	int kind = -1;
	if (ledger_span_parse(text, from, to, &kind) < 0)
		return 0;
	int y, m1, y2, m2;
	if (sscanf(from, "%4d-%2d", &y, &m1) != 2 || sscanf(to, "%4d-%2d", &y2, &m2) != 2 || y != y2 || y < 2000 ||
	    m1 < 1 || m2 > 12 || m1 > m2)
		__builtin_trap();
	if (kind == LEDGER_SPAN_MONTH && m1 == m2)
		snprintf(back, sizeof back, "%s", from);
	else if (kind == LEDGER_SPAN_QUARTER && m2 == m1 + 2 && m1 % 3 == 1)
		snprintf(back, sizeof back, "%04d-Q%d", y, m2 / 3);
	else if (kind == LEDGER_SPAN_YEAR && m1 == 1 && m2 == 12)
		snprintf(back, sizeof back, "%04d", y);
	else
		__builtin_trap();
	if (strcmp(back, text))
		__builtin_trap();
	struct arena a;
	arena_init(&a, 4096);
	if (!ledger_span_title(&a, kind, from))
		__builtin_trap();
	arena_free(&a);
	return 0;
}
