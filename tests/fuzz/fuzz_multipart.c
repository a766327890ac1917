/* libFuzzer target: multipart/form-data bodies. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/str.h"
#include "http/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 64 << 20);
	struct kvlist form;
	struct partlist files;
	const char *body = (const char *)data;
	if (parse_multipart(&a, "multipart/form-data; boundary=XyZ", body, size, &form, &files) == PARSE_OK) {
		for (size_t i = 0; i < files.n; i++)
			if (files.v[i].data < body || files.v[i].data + files.v[i].len > body + size)
				__builtin_trap();
		for (size_t i = 0; i < form.n; i++)
			if (!utf8_valid(form.v[i].val, form.v[i].vlen) || strlen(form.v[i].key) > PARSE_MAX_KEY)
				__builtin_trap();
	}
	arena_free(&a);
	return 0;
}
