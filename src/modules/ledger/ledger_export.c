/* A year's accounts as a spreadsheet: a workbook with a summary sheet
 * (totals per category and month, from the kept totals) and a sheet of
 * entries per month, or one CSV of all the year's entries. Money is yuan
 * as numbers, so the sheets sum. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "modules/ledger/ledger_report.h"
#include "web/export.h"

static const char *const entry_heads[] = {"日期", "凭证号", "收支", "类别", "摘要", "对方单位或个人", "金额(元)", "状态"};
#define ENTRY_NCOLS 8
static const unsigned char entry_kinds[ENTRY_NCOLS] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT,  EXPORT_TEXT,
                                                       EXPORT_TEXT, EXPORT_TEXT, EXPORT_MONEY, EXPORT_TEXT};

/* fen as yuan with two decimals ("-1234.05"), in a. */
static const char *yuan(struct arena *a, int64_t fen)
{
	uint64_t v = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	return arena_printf(a, "%s%" PRIu64 ".%02u", fen < 0 ? "-" : "", v / 100, (unsigned)(v % 100));
}

struct sheets {
	struct arena *a;
	struct export_table *month; /* 12 sheets, or one (CSV) */
	int one;
	int err;
	size_t rows, max; /* rows added, and the most wanted (0: any) */
};

static int add_entry(void *ctx, const struct ledger_entry *e)
{
	struct sheets *s = ctx;
	if (s->max && ++s->rows > s->max)
		return 1;
	int m = (e->period[5] - '0') * 10 + (e->period[6] - '0');
	if (m < 1 || m > 12)
		return 0;
	const char *state = e->reversed_by_id ? "已冲销" : e->approved_at ? "已审核" : "待审核";
	const char *v[ENTRY_NCOLS] = {e->date,    e->voucher_no, ledger_kind_word(e->kind), e->category, e->purpose,
	                              e->counterparty, yuan(s->a, e->amount_fen), state};
	if (export_row_kinds(&s->month[s->one ? 0 : m - 1], v, entry_kinds) < 0)
		return s->err = -1;
	return 0;
}

/* The summary sheet: a row per category (its total each month and the
 * year's), then the income, the expense and the balance of each month. */
static int summary(struct db *db, struct arena *a, int64_t community_id, int year, struct export_table *t)
{
	static const char *const heads[] = {"类别", "收支", "1月", "2月",  "3月",  "4月",  "5月",
	                                    "6月",  "7月",  "8月", "9月", "10月", "11月", "12月", "全年合计(元)"};
	enum { NCOLS = 15 };
	unsigned char kinds[NCOLS];
	memset(kinds, EXPORT_MONEY, sizeof kinds);
	kinds[0] = kinds[1] = EXPORT_TEXT;
	struct ledger_category *cats;
	size_t ncats;
	struct ledger_period months[12];
	if (export_begin(t, a, "汇总", heads, NCOLS) < 0 || ledger_categories(db, a, community_id, 1, &cats, &ncats) < 0 ||
	    ledger_year(db, a, community_id, year, months) < 0)
		return -1;
	int64_t *fen = arena_alloc(a, (ncats ? ncats : 1) * 12 * sizeof *fen);
	if (!fen)
		return -1;
	memset(fen, 0, (ncats ? ncats : 1) * 12 * sizeof *fen);
	for (int m = 0; m < 12; m++) {
		struct ledger_line *l;
		size_t n;
		if (ledger_report_lines(db, a, community_id, months[m].period, months[m].period, &l, &n) < 0)
			return -1;
		for (size_t i = 0; i < n; i++)
			for (size_t c = 0; c < ncats; c++)
				if (cats[c].id == l[i].category_id)
					fen[c * 12 + (size_t)m] = l[i].amount_fen;
	}
	const char *v[NCOLS];
	for (size_t c = 0; c < ncats; c++) {
		int64_t sum = 0;
		for (int m = 0; m < 12; m++)
			sum += fen[c * 12 + (size_t)m];
		if (!sum && cats[c].retired)
			continue;
		v[0] = cats[c].name;
		v[1] = ledger_kind_word(cats[c].kind);
		for (int m = 0; m < 12; m++)
			v[2 + m] = yuan(a, fen[c * 12 + (size_t)m]);
		v[14] = yuan(a, sum);
		if (export_row_kinds(t, v, kinds) < 0)
			return -1;
	}
	static const char *const totals[] = {"收入合计", "支出合计", "月末余额"};
	for (int k = 0; k < 3; k++) {
		int64_t sum = 0;
		v[0] = totals[k];
		v[1] = "";
		for (int m = 0; m < 12; m++) {
			int64_t x = k == 0 ? months[m].income_fen : k == 1 ? months[m].expense_fen : months[m].closing_fen;
			sum = k == 2 ? x : sum + x;
			v[2 + m] = yuan(a, x);
		}
		v[14] = yuan(a, sum);
		if (export_row_kinds(t, v, kinds) < 0)
			return -1;
	}
	return 0;
}

int ledger_export_year(struct db *db, struct arena *a, int64_t community_id, int year, int xlsx, size_t max,
                       struct buf *out, const char **title)
{
	if (year < 2000 || year > 9999)
		return -1;
	*title = arena_printf(a, "%d年收支明细", year);
	struct export_table t[13];
	struct sheets s = {a, xlsx ? &t[1] : &t[0], !xlsx, 0, 0, max};
	if (!*title || (xlsx && summary(db, a, community_id, year, &t[0]) < 0))
		return -1;
	for (int m = 0; m < (xlsx ? 12 : 1); m++)
		if (export_begin(&s.month[m], a, xlsx ? arena_printf(a, "%d月", m + 1) : *title, entry_heads,
		                 ENTRY_NCOLS) < 0)
			return -1;
	struct ledger_filter f = {.year = year, .kind = -1};
	int rc = ledger_entries_each(db, a, community_id, &f, add_entry, &s);
	if (rc == 1 && !s.err)
		return 1;
	if (rc != 0 || s.err)
		return -1;
	if (!xlsx) {
		export_csv(out, &t[0]);
		return out->err ? -1 : 0;
	}
	return export_xlsx_book(out, t, 13);
}
