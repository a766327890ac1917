/* libFuzzer target: an entry as typed (the form's or an import row's seven
 * fields, split at NUL bytes) through ledger_check; what it accepts must
 * keep the contract's limits: a real date by 2000 and not after today in
 * its month and voucher year, a category of the kind, an amount above zero
 * up to LEDGER_MAX_FEN, a voucher number and a purpose within their bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "modules/ledger/ledger_internal.h"

static const struct ledger_category cats[] = {
    {1, LEDGER_INCOME, "上级拨款/工作经费", 1, 0},
    {2, LEDGER_INCOME, "社会捐赠", 2, 0},
    {3, LEDGER_EXPENSE, "办公经费", 1, 0},
    {4, LEDGER_EXPENSE, "活动经费", 2, 1},
};
#define NOW INT64_C(1795900000) /* 2026-11-29 05:06 in China */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[4097];
	if (size >= sizeof text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	const char *f[7] = {"", "", "", "", "", "", ""};
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= size && k < 7; i++)
		if (i == size || text[i] == 0) {
			f[k++] = text + start;
			start = i + 1;
		}
	struct ledger_input in = {f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
	struct arena a;
	arena_init(&a, 1u << 20);
	struct ledger_entry e;
	struct ledger_problem p[LEDGER_MAX_PROBLEMS];
	int n = ledger_check(&a, &in, cats, sizeof cats / sizeof *cats, NOW, &e, p);
	if (n < -1 || n > LEDGER_MAX_PROBLEMS)
		__builtin_trap();
	for (int i = 0; i < n; i++)
		if (!p[i].field || !p[i].message || !*p[i].message)
			__builtin_trap();
	if (n == 0) {
		const struct ledger_category *c = NULL;
		for (size_t i = 0; i < sizeof cats / sizeof *cats; i++)
			if (cats[i].id == e.category_id)
				c = &cats[i];
		char year[8];
		snprintf(year, sizeof year, "%d", e.voucher_year);
		if (strlen(e.date) != 10 || strncmp(e.period, e.date, 7) || strncmp(year, e.date, 4) ||
		    strcmp(e.date, "2000-01-01") < 0 || strcmp(e.date, "2026-11-29") > 0 || !c ||
		    c->retired || c->kind != e.kind || e.amount_fen <= 0 || e.amount_fen > LEDGER_MAX_FEN ||
		    !e.voucher_no || !*e.voucher_no || strlen(e.voucher_no) > LEDGER_VOUCHER_MAX ||
		    !e.purpose || !*e.purpose || strlen(e.purpose) > LEDGER_TEXT_MAX || !e.counterparty ||
		    strlen(e.counterparty) > LEDGER_TEXT_MAX)
			__builtin_trap();
	}
	arena_free(&a);
	return 0;
}
