/* libFuzzer target: one resident's fields as typed at the desk or read from
 * a row of an imported file (the input split at 0x1f into the fields of
 * struct people_input). Whatever is given, people_check must not crash, and
 * what it accepts must be what the registry may store: a valid ID number
 * whose birth date and gender it took, an 11-digit mobile, a building for a
 * room, at most 20 tags of at most 20 characters. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "modules/people/people_internal.h"

#define NFIELDS 13

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	const char *f[NFIELDS];
	char *p = text;
	for (int i = 0; i < NFIELDS; i++) {
		f[i] = p;
		char *sep = p ? strchr(p, 0x1f) : NULL;
		if (sep) {
			*sep = 0;
			p = sep + 1;
		} else {
			p = NULL;
			for (int j = i + 1; j < NFIELDS; j++)
				f[j] = "";
			break;
		}
	}
	struct people_input in = {f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]};
	struct arena a;
	arena_init(&a, 1u << 20);
	struct people_record r;
	struct people_problem pr[PEOPLE_MAX_PROBLEMS];
	/* 2026-11-29 12:00 China time */
	int n = people_check(&a, &in, 1795924800, &r, pr);
	if (n < 0 || n > PEOPLE_MAX_PROBLEMS)
		__builtin_trap();
	for (int i = 0; i < n; i++)
		if (!pr[i].field || !pr[i].message || !utf8_valid(pr[i].message, strlen(pr[i].message)))
			__builtin_trap();
	if (n == 0) {
		if (!*r.name || (*r.id_number && !pii_id_valid(r.id_number)))
			__builtin_trap();
		if (*r.id_number && (strlen(r.birth) != 10 || !*r.gender))
			__builtin_trap();
		if (*r.phone && !str_is_mobile(r.phone))
			__builtin_trap();
		if (!*r.building && (*r.room || *r.unit))
			__builtin_trap();
		if (r.ntags < 0 || r.ntags > 20)
			__builtin_trap();
		for (int i = 0; i < r.ntags; i++)
			if (!*r.tags[i] || utf8_len(r.tags[i], strlen(r.tags[i])) > 20)
				__builtin_trap();
		char id18[19];
		if (*r.id_number) {
			people_id_18(r.id_number, id18);
			if (strlen(id18) != 18 || !pii_id_valid(id18))
				__builtin_trap();
		}
	}
	arena_free(&a);
	free(text);
	return 0;
}
