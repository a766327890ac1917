/* libFuzzer target: money_parse on any bytes, and money_format on any int64.
 * Whatever the input: a refusal has a reason and a Chinese message; an
 * accepted amount formats as ¥…, and that text parses back to the same fen;
 * every int64 formats within MONEY_FORMAT_SIZE and reads back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/str.h"

static void roundtrip(int64_t fen)
{
	char s[MONEY_FORMAT_SIZE];
	int64_t back = 0;
	if (!money_format(fen, s, sizeof s) || !utf8_valid(s, strlen(s)) ||
	    strncmp(s + (fen < 0), "\xC2\xA5", 2) != 0)
		__builtin_trap();
	if (money_parse_ex(s, &back) != MONEY_OK || back != fen)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	int64_t fen = 0x5eed;
	enum money_error e = money_parse_ex(s, &fen);
	if ((unsigned)e >= MONEY__MAX)
		__builtin_trap();
	if (e != MONEY_OK) {
		if (fen != 0x5eed || !*money_error_message(e) || money_parse(s, &fen) != -1)
			__builtin_trap();
	} else {
		roundtrip(fen);
	}
	if (size >= 8) {
		int64_t v;
		memcpy(&v, data, 8);
		roundtrip(v);
	}
	free(s);
	return 0;
}
