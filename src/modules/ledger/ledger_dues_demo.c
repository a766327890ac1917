/* Demo dues (`shequ demo`): for a community with party members, the last
 * twelve months opened, most paid around the 10th with a receipt number,
 * every fifth member two recent months behind, every seventh one month
 * ahead. Runs after the people module's demo (module order). */
#include <stdio.h>

#include "core/date.h"
#include "modules/ledger/ledger_dues.h"

int ledger_dues_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	int64_t members;
	if (ledger_dues_demo_bases(db, c->id, now, &members) < 0)
		return -1;
	if (!members)
		return 0;
	struct ymd today = date_from_time(now);
	struct ymd first = {today.y, today.m, 1};
	int receipt = 0;
	for (int back = 11; back >= 0; back--) {
		struct ymd m = date_add_months(first, -back);
		char month[8], paid_on[11];
		snprintf(month, sizeof month, "%04d-%02d", m.y, m.m);
		int64_t added;
		struct ledger_dues_row *rows;
		size_t n;
		int more;
		if (ledger_dues_open_month(db, c->id, month, &added) < 0 ||
		    ledger_dues_month(db, a, c->id, month, 0, LEDGER_DUES_EXPORT_MAX, &rows, &n, &more) < 0)
			return -1;
		struct ymd on = {m.y, m.m, 10};
		if (date_cmp(on, today) > 0)
			continue; /* this month's collection has not started yet */
		date_format(on, paid_on);
		for (size_t i = 0; i < n; i++) {
			if (i % 5 == 1 && back < 2)
				continue; /* behind for the last two months */
			int64_t fen = rows[i].due_fen;
			if (i % 7 == 3 && back == 0)
				fen *= 2; /* paid next month's too */
			char no[24];
			snprintf(no, sizeof no, "DF%04d%02d-%03d", m.y, m.m, ++receipt % 1000);
			if (ledger_dues_pay(db, c->id, rows[i].person_id, month, fen, paid_on, no, 0,
			                    date_to_time(on) + 10 * 3600) < 0)
				return -1;
		}
	}
	return 0;
}
