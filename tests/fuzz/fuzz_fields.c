/* libFuzzer target: a form body through the field table validator, and the
 * raw bytes through the mobile normaliser. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "http/fields.h"

static const struct field fields[] = {
    {"name", "姓名", FIELD_TEXT, 1, 10},	  {"note", "备注", FIELD_MULTILINE, 0, 100},
    {"n", "数量", FIELD_INT, 0, 0},		  {"m", "手机", FIELD_MOBILE, 0, 0},
    {"p", "电话", FIELD_PHONE, 0, 0},		  {"login", "账号", FIELD_LOGIN, 0, 0},
    {"pw", "密码", FIELD_PASSWORD, 0, 0},	  {"h", "隐藏", FIELD_HIDDEN, 0, 0},
};
#define N (sizeof fields / sizeof *fields)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 64 << 20);
	struct kvlist l;
	const char *vals[N], *errs[N];
	if (parse_urlencoded(&a, (const char *)data, size, &l) == PARSE_OK) {
		int bad = fields_validate(&a, &l, fields, N, vals, errs);
		int counted = 0;
		for (size_t i = 0; i < N; i++) {
			counted += errs[i] != NULL;
			if (!vals[i] || !utf8_valid(vals[i], strlen(vals[i])))
				__builtin_trap();
			if (!errs[i] && fields[i].type == FIELD_MOBILE && *vals[i] && !str_is_mobile(vals[i]))
				__builtin_trap();
			if (!errs[i] && fields[i].type == FIELD_LOGIN && *vals[i] && !str_is_mobile(vals[i]) &&
			    !str_is_username(vals[i]))
				__builtin_trap();
		}
		if (counted != bad)
			__builtin_trap();
	}
	/* Any text: a number comes out as 11 digits, or nothing is written. */
	char *s = malloc(size + 1), m[12] = "";
	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
		int rc = str_mobile_normalize(s, m);
		if (rc ? *m != '\0' : !str_is_mobile(m))
			__builtin_trap();
		free(s);
	}
	arena_free(&a);
	return 0;
}
