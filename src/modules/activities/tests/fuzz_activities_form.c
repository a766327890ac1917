/* libFuzzer target: what staff post to the activity form and the 代报名
 * form, a urlencoded body, through act_form_read and act_desk_read.
 * Neither may crash, read out of bounds or break its promise: an accepted
 * activity has a kind of the list, a title and a place, an end after its
 * start and at most ACT_MAX_DAYS later, sign-up closing no later than the
 * start, 0..ACT_MAX_CAPACITY places and an age of 0..120; an accepted desk
 * sign-up has a name and a phone of 7 to 15 digits. Every field in error
 * has a message. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/parse.h"
#include "modules/activities/activities_web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 16 << 20);
	struct kvlist l;
	if (parse_urlencoded(&a, (const char *)data, size, &l) == PARSE_OK) {
		struct act_form f = {0};
		struct act_activity v;
		int n = act_form_read(&a, &l, (struct ymd){2026, 11, 29}, &f, &v);
		int errs = 0;
		for (int k = 0; k < AF__MAX; k++) {
			if (!f.vals[k])
				__builtin_trap();
			errs += f.errs[k] != NULL;
		}
		if (n < 0 || (n > 0) != (errs > 0))
			__builtin_trap();
		if (n == 0 && (!act_kind_ok(v.kind) || !*v.title || !*v.place || v.ends_at <= v.starts_at ||
			       v.ends_at - v.starts_at > (int64_t)ACT_MAX_DAYS * 86400 ||
			       v.signup_closes_at > v.starts_at || v.capacity < 0 || v.capacity > ACT_MAX_CAPACITY ||
			       v.min_age < 0 || v.min_age > 120))
			__builtin_trap();
		if (n == 0) {
			/* what the edit form shows of it reads back the same */
			struct act_form g = {0};
			act_form_fill(&a, &v, &g);
			for (int k = 0; k < AF__MAX; k++)
				if (!g.vals[k])
					__builtin_trap();
		}
		struct act_desk_form d = {0};
		struct act_signup_new s;
		n = act_desk_read(&a, &l, &d, &s);
		if (n == 0) {
			size_t digits = 0;
			for (const char *p = s.phone; *p; p++)
				digits += *p >= '0' && *p <= '9';
			if (!*s.name || digits < 7 || digits > 15 || (s.needs_call != 0 && s.needs_call != 1))
				__builtin_trap();
		}
	}
	arena_free(&a);
	return 0;
}
