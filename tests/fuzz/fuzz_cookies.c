/* libFuzzer target: the Cookie header, and the same bytes as an
 * If-None-Match header. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 16 << 20);
	struct kvlist l;
	if (parse_cookies(&a, (const char *)data, size, &l) == PARSE_OK) {
		if (l.n > PARSE_MAX_COOKIES)
			__builtin_trap();
		for (size_t i = 0; i < l.n; i++)
			if (!*l.v[i].key || strlen(l.v[i].val) != l.v[i].vlen || strchr(l.v[i].key, ';'))
				__builtin_trap();
	}
	arena_free(&a);
	/* Entity tags hold no comma, so a list naming one matches it whatever surrounds it. */
	if (parse_etag_match((const char *)data, size, "\"v1\"") && !memchr(data, '*', size) &&
	    !memmem(data, size, "\"v1\"", 4))
		__builtin_trap();
	return 0;
}
