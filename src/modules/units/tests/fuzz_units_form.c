/* libFuzzer target: what staff type into the units forms — quantities,
 * amounts, dates, an agreement's term, a report's year and the refusal of
 * personal numbers in public fields — through the parsers. The input is split at NUL bytes into up to four fields. What is
 * accepted must be in range and read back the same; what is refused must
 * say why. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/money.h"
#include "modules/units/units_web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[1024];
	if (size >= sizeof text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	const char *f[4] = {"", "", "", ""};
	int nf = 0;
	for (size_t i = 0, start = 0; i <= size && nf < 4; i++)
		if (i == size || text[i] == 0) {
			f[nf++] = text + start;
			start = i + 1;
		}
	struct arena a;
	arena_init(&a, 1u << 20);
	int64_t q, fen;
	const char *e = units_parse_quantity(f[0], &q);
	if (!e && (q < 0 || q > 1000000000LL))
		__builtin_trap();
	if (!e) {
		char back[32];
		int64_t q2;
		snprintf(back, sizeof back, "%lld", (long long)q);
		if (units_parse_quantity(back, &q2) || q2 != q)
			__builtin_trap();
	} else if (!*e)
		__builtin_trap();
	e = units_parse_amount(f[0], 0, &fen);
	if (!e) {
		char back[MONEY_FORMAT_SIZE];
		int64_t fen2;
		if (fen < 0 || fen > 1000000000000LL || units_parse_amount(money_format(fen, back, sizeof back), 0, &fen2) ||
		    fen2 != fen)
			__builtin_trap();
	}
	char days[3][11];
	const char *errs[3];
	int bad = units_parse_term(&a, f[1], f[2], f[3], days, errs);
	if (bad < 0 || bad > 3)
		__builtin_trap();
	if (!errs[1] && !errs[2] && strcmp(days[1], days[2]) > 0)
		__builtin_trap();
	for (int i = 0; i < 3; i++) {
		char again[11];
		if (!errs[i] && (strlen(days[i]) != 10 || units_parse_day(&a, days[i], "x", 1, again) || strcmp(again, days[i])))
			__builtin_trap();
	}
	/* a public field: refused or not, and a refusal says why */
	static const int which[] = {0, 1};
	const char *pv[2] = {f[0], f[1]}, *pe[2] = {NULL, NULL};
	int refused = units_refuse_personal(&a, pv, pe, which, 2);
	if (refused < 0 || refused > 2 || (refused > 0) != (pe[0] != NULL || pe[1] != NULL))
		__builtin_trap();
	int y = units_parse_year(f[0]);
	if (y && (y < 2000 || y > 2100))
		__builtin_trap();
	arena_free(&a);
	return 0;
}
