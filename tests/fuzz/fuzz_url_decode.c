/* libFuzzer target: percent-decoding and full-width normalisation. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *out = malloc(size + 1);
	long n = url_decode(out, (const char *)data, size, 1);
	if (n > (long)size)
		__builtin_trap();
	if (n >= 0 && utf8_valid(out, (size_t)n)) {
		struct arena a;
		arena_init(&a, 16 << 20);
		char *norm = str_normalize(&a, out, (size_t)n);
		if (!norm || strlen(norm) > (size_t)n || !utf8_valid(norm, strlen(norm)))
			__builtin_trap();
		arena_free(&a);
	}
	free(out);
	return 0;
}
