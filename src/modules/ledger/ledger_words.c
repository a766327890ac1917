/* The ledger's codes and the Chinese words pages show for them. */
#include <string.h>

#include "modules/ledger/ledger_internal.h"

const char *ledger_kind_code(enum ledger_kind k)
{
	return k == LEDGER_INCOME ? "income" : "expense";
}

int ledger_kind_parse(const char *s)
{
	if (!s)
		return -1;
	if (!strcmp(s, "income") || !strcmp(s, "收入") || !strcmp(s, "收"))
		return LEDGER_INCOME;
	if (!strcmp(s, "expense") || !strcmp(s, "支出") || !strcmp(s, "支"))
		return LEDGER_EXPENSE;
	return -1;
}

const char *ledger_kind_word(enum ledger_kind k)
{
	return k == LEDGER_INCOME ? "收入" : "支出";
}
