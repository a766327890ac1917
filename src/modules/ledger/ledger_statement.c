/* Statements of a month, a quarter or a year: opening, income and expense
 * by category, closing, the big entries and a twelve-month trend, all from
 * the kept totals (ledger_period, ledger_total), so that a statement costs
 * the same however many entries the books hold. */
#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "core/date.h"
#include "web/html.h"
#include "modules/ledger/ledger_report.h"


int ledger_span_parse(const char *s, char from[8], char to[8], int *kind_month_quarter_year)
{
	size_t n = s ? strlen(s) : 0;
	int y = n >= 4 ? date_digits(s, 4) : -1, first, last, kind;
	if (y < 2000)
		return -1; /* no books before 2000 (ledger_check) */
	if (n == 4) {
		kind = LEDGER_SPAN_YEAR;
		first = 1;
		last = 12;
	} else if (n == 7 && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4') {
		kind = LEDGER_SPAN_QUARTER;
		first = (s[6] - '1') * 3 + 1;
		last = first + 2;
	} else if (n == 7 && s[4] == '-' && (first = date_digits(s + 5, 2)) >= 1 && first <= 12) {
		kind = LEDGER_SPAN_MONTH;
		last = first;
	} else {
		return -1;
	}
	snprintf(from, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)first % 100u);
	snprintf(to, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)last % 100u);
	if (kind_month_quarter_year)
		*kind_month_quarter_year = kind;
	return 0;
}

int ledger_month_ok(const char *s)
{
	char from[8], to[8];
	int kind;
	return s && strlen(s) == 7 && ledger_span_parse(s, from, to, &kind) == 0 && kind == LEDGER_SPAN_MONTH;
}

const char *ledger_span_title(struct arena *a, int kind, const char *from)
{
	static const char *const quarters[] = {"一", "二", "三", "四"};
	int y = date_digits(from, 4), m = date_digits(from + 5, 2);
	if (y < 0 || m < 1 || m > 12)
		return NULL;
	if (kind == LEDGER_SPAN_YEAR)
		return arena_printf(a, "%d年度", y);
	if (kind == LEDGER_SPAN_QUARTER)
		return arena_printf(a, "%d年第%s季度", y, quarters[(m - 1) / 3]);
	return arena_printf(a, "%d年%d月", y, m);
}

int ledger_statement(struct db *db, struct arena *a, int64_t community_id, const char *span, int64_t threshold_fen,
                     struct ledger_statement *st)
{
	memset(st, 0, sizeof *st);
	int kind;
	if (ledger_span_parse(span, st->from, st->to, &kind) < 0 || !(st->title = ledger_span_title(a, kind, st->from)))
		return -1;
	int y = date_digits(st->to, 4), first = date_digits(st->from + 5, 2), last = date_digits(st->to + 5, 2);
	/* The year of the span, and the one before for a trend reaching back. */
	struct ledger_period year[12], before[12];
	if (ledger_year(db, a, community_id, y, year) < 0 || (last < 12 && ledger_year(db, a, community_id, y - 1, before) < 0))
		return -1;
	for (int i = 0; i < 12; i++) {
		int m = last - 11 + i; /* months up to the span's last: -10 .. last */
		st->months[i] = m >= 1 ? year[m - 1] : before[m + 11];
	}
	st->opening_fen = year[first - 1].opening_fen;
	st->closing_fen = year[last - 1].closing_fen;
	for (int m = first; m <= last; m++) {
		st->income_fen += year[m - 1].income_fen;
		st->expense_fen += year[m - 1].expense_fen;
	}
	/* Months close in order (a quiet one may have no row): the span is
	 * closed when the books are closed through its last month. */
	char through[8];
	if (ledger_report_closed_through(db, community_id, through) < 0)
		return -1;
	st->closed = *through && strcmp(st->to, through) <= 0;
	if (threshold_fen <= 0)
		threshold_fen = LEDGER_BIG_FEN;
	if (ledger_report_lines(db, a, community_id, st->from, st->to, &st->lines, &st->nlines) < 0 ||
	    ledger_report_big(db, a, community_id, st->from, st->to, threshold_fen, LEDGER_BIG_MAX, &st->big,
	                      &st->nbig) < 0)
		return -1;
	return 0;
}


static void md_money(struct buf *b, int64_t fen)
{
	char m[MONEY_FORMAT_SIZE];
	buf_puts(b, money_format(fen, m, sizeof m));
}

const char *ledger_statement_markdown(struct arena *a, const struct ledger_statement *st)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	buf_printf(&b, "%s收支情况如下。\n\n", st->title);
	buf_puts(&b, "| 项目 | 金额 |\n| --- | ---: |\n| 期初余额 | ");
	md_money(&b, st->opening_fen);
	buf_puts(&b, " |\n| 本期收入 | ");
	md_money(&b, st->income_fen);
	buf_puts(&b, " |\n| 本期支出 | ");
	md_money(&b, st->expense_fen);
	buf_puts(&b, " |\n| 期末余额 | ");
	md_money(&b, st->closing_fen);
	buf_puts(&b, " |\n\n");
	for (int k = LEDGER_INCOME; k <= LEDGER_EXPENSE; k++) {
		buf_printf(&b, "## %s(按类别)\n\n| 类别 | 笔数 | 金额 |\n| --- | ---: | ---: |\n",
		           ledger_kind_word((enum ledger_kind)k));
		int any = 0;
		for (size_t i = 0; i < st->nlines; i++) {
			const struct ledger_line *l = &st->lines[i];
			if ((int)l->kind != k)
				continue;
			any = 1;
			buf_puts(&b, "| ");
			md_text(&b, l->category);
			buf_printf(&b, " | %lld | ", (long long)l->entries);
			md_money(&b, l->amount_fen);
			buf_puts(&b, " |\n");
		}
		if (!any)
			buf_puts(&b, "| 无 | 0 | ¥0.00 |\n");
		buf_puts(&b, "\n");
	}
	if (st->nbig) {
		/* Three columns, so that the board's page fits a phone. No
		 * counterparty and no purpose: free text typed at the desk may
		 * name a resident (aid, subsidies) whatever the category is
		 * called; the voucher number leads to them at the office. */
		buf_puts(&b, "## 大额收支\n\n| 日期 | 事项 | 金额 |\n| --- | --- | ---: |\n");
		for (size_t i = 0; i < st->nbig; i++) {
			const struct ledger_entry *e = &st->big[i];
			buf_printf(&b, "| %s | %s · ", e->date, ledger_kind_word(e->kind));
			md_text(&b, e->category);
			buf_puts(&b, "(凭证 ");
			md_text(&b, e->voucher_no);
			buf_puts(&b, ") | ");
			md_money(&b, e->amount_fen);
			buf_puts(&b, " |\n");
		}
		buf_puts(&b, "\n");
	}
	buf_puts(&b, "以上收支均经两人分别登记、审核,账目已按月结账。如有疑问,请到社区居委会查阅原始凭证。\n");
	const char *out = b.err ? NULL : arena_strdup(a, b.data);
	buf_free(&b);
	return out;
}
