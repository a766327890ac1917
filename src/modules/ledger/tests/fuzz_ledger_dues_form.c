/* libFuzzer target: what staff send the dues pages, a urlencoded query or
 * form: the payment's fields through ledger_dues_check and a span or month
 * (span, month, year) through ledger_dues_span. Neither may crash, read
 * out of bounds or break its promise: an accepted payment is 0 to
 * LEDGER_MAX_FEN with a real date up to today (none for an undo) and a
 * receipt number when paid; an accepted span is first..last month of one
 * year, at most 12 months apart. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "http/parse.h"
#include "modules/ledger/ledger_dues.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 16 << 20);
	struct kvlist l;
	const int64_t now = 1780000000;
	if (parse_urlencoded(&a, (const char *)data, size, &l) == PARSE_OK) {
		int64_t fen = -1;
		char on[11];
		struct ledger_problem p[3];
		const char *receipt = kv_get(&l, "receipt_no");
		int n =
		    ledger_dues_check(kv_get(&l, "amount"), kv_get(&l, "paid_on"), receipt, now, &fen, on, p);
		if (n < 0 || n > 3)
			__builtin_trap();
		if (n == 0) {
			struct ymd d;
			if (fen < 0 || fen > LEDGER_MAX_FEN)
				__builtin_trap();
			if (fen > 0 && (date_parse(on, &d) < 0 || date_cmp(d, date_from_time(now)) > 0 ||
			                !receipt || !*receipt || strlen(receipt) > LEDGER_VOUCHER_MAX))
				__builtin_trap();
			if (fen == 0 && *on)
				__builtin_trap();
		}
		const char *keys[] = {"span", "month", "year"};
		for (int k = 0; k < 3; k++) {
			char from[8], to[8];
			const char *title;
			const char *s = kv_get(&l, keys[k]);
			if (!s || ledger_dues_span(&a, s, from, to, &title) < 0)
				continue;
			int fy, fm, ty, tm;
			if (sscanf(from, "%4d-%2d", &fy, &fm) != 2 || sscanf(to, "%4d-%2d", &ty, &tm) != 2 ||
			    fy != ty || fm < 1 || tm > 12 || fm > tm || fy < 2000 || !title || !*title)
				__builtin_trap();
		}
	}
	arena_free(&a);
	return 0;
}
