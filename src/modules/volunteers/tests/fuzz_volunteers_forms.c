/* libFuzzer target: what people post to the volunteers' forms, a
 * urlencoded body, through every parser of them: the registration (the
 * resident's and the desk's), a project, a shift, 补录, a certificate's
 * period, and hours typed for a correction. None may crash, read out of
 * bounds or break its promise: every value is set, an error count matches
 * the messages, an accepted shift ends after it starts and lasts at most a
 * day with 1..1000 places, an accepted 补录 names a project, accepted hours
 * are 0..the cap, an accepted period does not end before it starts, and an
 * accepted registration has an availability and a group. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/parse.h"
#include "modules/volunteers/volunteers_web.h"

/* Traps unless vals are all set and the error count n agrees with errs. */
static void agree(int n, const char *const *vals, const char *const *errs, int k)
{
	int e = 0;
	for (int i = 0; i < k; i++) {
		if (!vals[i])
			__builtin_trap();
		e += errs[i] != NULL;
	}
	if (n < 0 || (n > 0) != (e > 0))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 16 << 20);
	struct kvlist l;
	struct ymd today = {2026, 11, 29};
	if (parse_urlencoded(&a, (const char *)data, size, &l) == PARSE_OK) {
		for (int desk = 0; desk < 2; desk++) {
			struct vol_reg_form f = {.desk = desk};
			struct vol_new v;
			int n = vol_reg_read(&a, &l, &f, &v);
			agree(n, f.vals, f.errs, RF__MAX);
			if (n == 0 && (!*v.availability || !*v.groups || (desk && (!*v.name || strlen(v.phone) != 11))))
				__builtin_trap();
		}
		struct vol_project_form pf = {0};
		struct vol_project p;
		int n = vol_project_read(&a, &l, &pf, &p);
		agree(n, pf.vals, pf.errs, PF__MAX);
		if (n == 0 && (!*p.title || !*p.place))
			__builtin_trap();
		struct vol_shift_form sf = {0};
		int64_t starts, ends, places;
		n = vol_shift_read(&a, &l, today, &sf, &starts, &ends, &places);
		agree(n, sf.vals, sf.errs, SF__MAX);
		if (n == 0 && (ends <= starts || ends - starts > 86400 || places < 1 || places > 1000))
			__builtin_trap();
		struct vol_backfill_form bf = {0};
		int64_t pid;
		n = vol_backfill_read(&a, &l, today, &bf, &starts, &ends, &pid);
		agree(n, bf.vals, bf.errs, BF__MAX);
		if (n == 0 && (ends <= starts || pid < 1 || !*bf.vals[BF_REASON]))
			__builtin_trap();
		struct vol_cert_form cf = {0};
		struct ymd from, to;
		n = vol_cert_read(&a, &l, &cf, &from, &to);
		agree(n, cf.vals, cf.errs, CF__MAX);
		if (n == 0 && date_cmp(from, to) > 0)
			__builtin_trap();
		const char *hours = kv_get(&l, "hours");
		int64_t m = -1;
		if (hours && vol_hours_parse(hours, 600, &m) == 0 && (m < 0 || m > 600))
			__builtin_trap();
	}
	arena_free(&a);
	return 0;
}
