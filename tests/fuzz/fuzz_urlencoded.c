/* libFuzzer target: query strings and urlencoded form bodies. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/str.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 64 << 20);
	struct kvlist l;
	if (parse_urlencoded(&a, (const char *)data, size, &l) == PARSE_OK) {
		for (size_t i = 0; i < l.n; i++) {
			/* Every parsed key and value must be valid UTF-8 of the stated length. */
			if (!utf8_valid(l.v[i].key, strlen(l.v[i].key)) || strlen(l.v[i].val) != l.v[i].vlen ||
			    !utf8_valid(l.v[i].val, l.v[i].vlen))
				__builtin_trap();
			(void)kv_get(&l, l.v[i].key);
		}
	}
	arena_free(&a);
	return 0;
}
