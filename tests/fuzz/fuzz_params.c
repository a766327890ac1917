/* libFuzzer target: the small parsers of URL parameters and settings —
 * integers, local redirect targets, base URLs, log origins, bidirectional
 * controls. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "http/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = 0;
	int64_t v;
	str_to_int64(s, &v);
	if (req_local_path(s)) {
		/* A redirect target never leaves the site. */
		if (s[0] != '/' || s[1] == '/' || strpbrk(s, "\\\t\r\n "))
			__builtin_trap();
		for (const unsigned char *p = (const unsigned char *)s; *p; p++)
			if (*p < 0x21 || *p > 0x7e)
				__builtin_trap();
	}
	if (str_is_base_url(s) && (strncmp(s, "http", 4) || s[strlen(s) - 1] == '/' || strpbrk(s, "?#@ ")))
		__builtin_trap();
	if (str_is_origin(s) && strpbrk(s, "+ \n"))
		__builtin_trap();
	struct arena a;
	arena_init(&a, 1 << 20);
	if (utf8_valid(s, size)) {
		char *t = str_strip_bidi(&a, s);
		if (!t || str_has_bidi_control(t) || strlen(t) > size || !utf8_valid(t, strlen(t)))
			__builtin_trap();
	}
	arena_free(&a);
	free(s);
	return 0;
}
