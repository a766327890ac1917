/* libFuzzer target: what is posted to the orgs forms, a urlencoded body,
 * through orgs_org_read (the organization form), orgs_desk_read (a member
 * registered at the desk), orgs_story_read (好人好事), orgs_reason_read
 * and orgs_note_read. None may crash, read out of bounds or break its
 * promise: an accepted organization has a name, a kind of the list and a
 * group exactly when it is a volunteer team, a founding day "" or
 * YYYY-MM-DD not after today; an accepted desk member has a name, a role
 * of the list and a mobile of "" or 11 digits; an accepted story has a
 * title, a person, a body and a day not after today; an accepted reason
 * has 1 to 200 characters. Every field in error has a message. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/str.h"
#include "http/parse.h"
#include "modules/orgs/orgs_web.h"

#define TODAY "2026-11-29"

static void day_ok(const char *d, int required)
{
	size_t n = strlen(d);
	if ((required && n != 10) || (n != 0 && n != 10) || (n && strcmp(d, TODAY) > 0))
		__builtin_trap();
}

/* n errors counted, and as many messages among errs[0..k) (plus extra). */
static void counted(int n, const char *const *errs, int k, const char *extra)
{
	int e = extra != NULL;
	for (int i = 0; i < k; i++)
		e += errs[i] != NULL;
	if (n < 0 || (n > 0) != (e > 0))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 16 << 20);
	struct kvlist l;
	if (parse_urlencoded(&a, (const char *)data, size, &l) == PARSE_OK) {
		struct orgs_org_form f = {0};
		struct orgs_org o;
		int n = orgs_org_read(&a, &l, TODAY, &f, &o);
		counted(n, f.errs, OF__MAX, NULL);
		if (n == 0 && (!*o.name || o.kind < 0 || o.kind >= OK__MAX || (o.kind == OK_VOLUNTEER) != (o.group > OG_NONE) ||
			       o.group >= OG__MAX))
			__builtin_trap();
		if (n == 0)
			day_ok(o.founded_on, 0);
		struct orgs_desk_form d = {0};
		struct orgs_member m;
		n = orgs_desk_read(&a, &l, &d, &m);
		counted(n, d.errs, DF__MAX, NULL);
		if (n == 0) {
			size_t len = strlen(m.mobile);
			if (!*m.name || m.role < 0 || m.role >= OR__MAX || (len != 0 && len != 11))
				__builtin_trap();
			for (size_t i = 0; i < len; i++)
				if (m.mobile[i] < '0' || m.mobile[i] > '9')
					__builtin_trap();
		}
		struct orgs_story_form s = {0};
		struct orgs_story st;
		n = orgs_story_read(&a, &l, TODAY, &s, &st);
		counted(n, s.errs, SF__MAX, NULL);
		if (n == 0 && (!*st.title || !*st.person || !*st.body || st.org_id < 0))
			__builtin_trap();
		if (n == 0)
			day_ok(st.told_on, 1);
		const char *out;
		const char *typed = kv_get(&l, "reason");
		if (typed && !orgs_reason_read(&a, typed, &out) && (!*out || utf8_len(out, strlen(out)) > 200))
			__builtin_trap();
		typed = kv_get(&l, "note");
		if (typed && !orgs_note_read(&a, typed, &out) && utf8_len(out, strlen(out)) > 200)
			__builtin_trap();
	}
	arena_free(&a);
	return 0;
}
