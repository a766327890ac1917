/* libFuzzer target: what staff send the registry's pages, a urlencoded
 * query or form: the list's filter (people_filter_from), the reason of a
 * full view (people_reason) and the desk's fields through people_check.
 * Neither may crash, read out of bounds or accept what breaks its promise
 * (a reason of 2–200 characters, a known tag, a positive building id or
 * "none", a building's name of at most 40 characters, or an error). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/str.h"
#include "http/parse.h"
#include "modules/people/people_web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 64 << 20);
	struct kvlist l;
	if (parse_urlencoded(&a, (const char *)data, size, &l) == PARSE_OK) {
		struct req r = {.a = &a, .now = 1780000000};
		r.q = l;
		r.form = l;
		struct people_list_page p;
		if (people_filter_from(&r, &l, &p) == 0) {
			int known = !p.f.tag;
			for (const struct people_tag_def *t = people_tags_known; p.f.tag && t->name; t++)
				known |= !strcmp(t->name, p.f.tag);
			/* -1: residents with no address, asked for by name */
			int none = !strcmp(p.building, "none") || !strcmp(p.building_name, "未登记住址") ||
			           !strcmp(p.building_name, "未登记");
			if (p.f.building_id < -1 || (p.f.building_id == -1 && !none) || !known)
				__builtin_trap();
			size_t bn = utf8_len(p.building_name, strlen(p.building_name));
			if (bn > 100 || (bn > 40 && !p.building_error))
				__builtin_trap();
			if (p.f.q && utf8_len(p.f.q, strlen(p.f.q)) > 40)
				__builtin_trap();
		}
		const char *err, *why = people_reason(&r, &err);
		if (why && (utf8_len(why, strlen(why)) < 2 || utf8_len(why, strlen(why)) > 200))
			__builtin_trap();
		const char *v[PC__MAX];
		for (int i = 0; i < PC__MAX; i++) {
			const char *s = kv_get(&l, people_field_names[i]);
			v[i] = s ? s : "";
		}
		struct people_input in = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]};
		struct people_record rec;
		struct people_problem pr[PEOPLE_MAX_PROBLEMS];
		int n = people_check(&a, &in, r.now, &rec, pr);
		if (n < 0 || n > PEOPLE_MAX_PROBLEMS)
			__builtin_trap();
	}
	arena_free(&a);
	return 0;
}
