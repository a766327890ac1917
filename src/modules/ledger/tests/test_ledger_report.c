/* The ledger's statements, the board and the yearly export on SQLite and
 * (under tests/pg/with-postgres.sh) PostgreSQL, on a database made by
 * `shequ init` and `shequ demo`, its books emptied and filled with a
 * fixture of known figures over a year boundary: spans parsed (bad ones
 * refused), totals by category, opening carried into a new year, the big
 * entries, the trend, totals read from the kept figures, publishing
 * refused while a month is open and answered with the same post the second
 * time, no resident's name on the board, and the workbook read back.
 * usage: test_ledger_report SHEQU_BINARY */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "fixture.h"
#include "modules/ledger/ledger_report.h"

static const char *shequ;
static struct fixture fx;
static struct db *db;
static struct arena ar;
static int64_t community, wangjg, zhoulx, now;


static struct ledger_category *cats;
static size_t ncats;

static int64_t cat(const char *name)
{
	for (size_t i = 0; i < ncats; i++)
		if (!strcmp(cats[i].name, name))
			return cats[i].id;
	fail_msg("no category %s", name);
	return 0;
}

static int vouchers;

/* Enters (and approves unless pending) an entry of yuan on date. */
static int64_t add(const char *date, const char *category, int64_t yuan, const char *counterparty,
                   const char *purpose, int pending)
{
	struct ledger_entry e = {0};
	snprintf(e.date, sizeof e.date, "%s", date);
	snprintf(e.period, sizeof e.period, "%.7s", date);
	e.voucher_year = atoi(date);
	e.voucher_no = arena_printf(&ar, "记-%.4s-%04d", date, ++vouchers);
	e.category_id = cat(category);
	for (size_t i = 0; i < ncats; i++)
		if (cats[i].id == e.category_id)
			e.kind = cats[i].kind;
	e.amount_fen = yuan * 100;
	e.counterparty = counterparty;
	e.purpose = purpose;
	int64_t id;
	assert_int_equal(ledger_entry_add(db, community, &e, "desk", wangjg, now, &id), 0);
	if (!pending)
		assert_int_equal(ledger_entry_approve(db, community, id, zhoulx, now), 0);
	return id;
}

/* The fixture (yuan):
 *   2024-11 closed: +100,000 上级拨款; -1,000 办公经费
 *   2024-12 closed: +2,000 社会捐赠; -6,500 救助支出 to 王秀兰; -6,000 设施维修
 *   2025-01 closed: +10,000 共建单位资助; -3,000 活动经费; -600 救助支出 to 李四海;
 *                   -700 办公经费 reversed (net 0, 2 entries)
 *   2025-02 open:   -500 办公经费; -9,000 设施维修 awaiting approval */
static int setup(void **state)
{
	(void)state;
	if (fixture_make(&fx, shequ) < 0 || fixture_open(&fx, &db) < 0)
		return -1;
	arena_init(&ar, 64u << 20);
	community = fixture_id(db, "SELECT id FROM org_unit WHERE slug = ?", "heping");
	wangjg = fixture_id(db, "SELECT id FROM users WHERE username = ?", "wangjg");
	zhoulx = fixture_id(db, "SELECT id FROM users WHERE username = ?", "zhoulx");
	now = (int64_t)time(NULL);
	if (db_begin(db) < 0 ||
	    db_exec_script(db, "DELETE FROM ledger_publication; DELETE FROM ledger_dues; DELETE FROM ledger_file;"
	                       " DELETE FROM ledger_total; DELETE FROM ledger_entry WHERE reverses_id IS NOT NULL;"
	                       " DELETE FROM ledger_entry; DELETE FROM ledger_period; DELETE FROM ledger_book;") < 0 ||
	    ledger_categories(db, &ar, community, 0, &cats, &ncats) < 0) {
		fprintf(stderr, "cannot empty the books: %s\n", db_errmsg(db));
		return -1;
	}
	add("2024-11-05", "上级拨款/工作经费", 100000, "东湖街道办事处", "年度工作经费", 0);
	add("2024-11-20", "办公经费", 1000, "晨光文具", "办公用品", 0);
	assert_int_equal(ledger_period_close(db, community, "2024-11", zhoulx, now), 0);
	add("2024-12-03", "社会捐赠", 2000, "社区商户联合会", "捐赠爱心基金", 0);
	add("2024-12-10", "救助支出", 6500, "王秀兰", "王秀兰家庭大病救助", 0);
	add("2024-12-18", "设施维修", 6000, "东湖水电维修部", "更换水泵", 0);
	assert_int_equal(ledger_period_close(db, community, "2024-12", zhoulx, now), 0);
	add("2025-01-06", "共建单位资助", 10000, "建设银行东湖支行", "共建资助", 0);
	add("2025-01-15", "活动经费", 3000, "好又多超市", "春节联欢会", 0);
	add("2025-01-20", "救助支出", 600, "李四海", "临时救助", 0);
	int64_t wrong = add("2025-01-22", "办公经费", 700, "京东企业购", "硒鼓", 0), rev;
	assert_int_equal(ledger_entry_reverse(db, community, wrong, "2025-01-25", "记-2025-0900", "重复录入", wangjg, now,
	                                      &rev),
	                 0);
	assert_int_equal(ledger_entry_approve(db, community, rev, zhoulx, now), 0);
	assert_int_equal(ledger_period_close(db, community, "2025-01", zhoulx, now), 0);
	add("2025-02-10", "办公经费", 500, "晨光文具", "打印纸", 0);
	add("2025-02-12", "设施维修", 9000, "安居防水工程队", "屋面防水", 1);
	return db_commit(db);
}

static int teardown(void **state)
{
	(void)state;
	db_close(db);
	arena_free(&ar);
	return fixture_remove(&fx);
}

static void spans_are_months_quarters_and_years(void **state)
{
	(void)state;
	char from[8], to[8];
	int kind = -1;
	assert_int_equal(ledger_span_parse("2025-01", from, to, &kind), 0);
	assert_string_equal(from, "2025-01");
	assert_string_equal(to, "2025-01");
	assert_int_equal(kind, LEDGER_SPAN_MONTH);
	assert_int_equal(ledger_span_parse("2024-Q4", from, to, &kind), 0);
	assert_string_equal(from, "2024-10");
	assert_string_equal(to, "2024-12");
	assert_int_equal(kind, LEDGER_SPAN_QUARTER);
	assert_int_equal(ledger_span_parse("2025", from, to, &kind), 0);
	assert_string_equal(from, "2025-01");
	assert_string_equal(to, "2025-12");
	assert_int_equal(kind, LEDGER_SPAN_YEAR);
	static const char *const bad[] = {"",        "2025-13", "2025-00", "2025-Q5", "2025-Q0", "2025-q1", "25-01",
	                                  "2025-1",  "2025/01", "1999",    "1999-12", "2025-01x", "2025-",  "20251",
	                                  "２０２５", "-2025",  "2025-Q",  "abcd"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (ledger_span_parse(bad[i], from, to, &kind) != -1)
			fail_msg("span \"%s\" taken", bad[i]);
	assert_int_equal(ledger_span_parse(NULL, from, to, &kind), -1);
	struct ledger_statement st;
	assert_int_equal(ledger_statement(db, &ar, community, "2025-13", 0, &st), -1);
}

static const struct ledger_line *line(const struct ledger_statement *st, const char *category)
{
	for (size_t i = 0; i < st->nlines; i++)
		if (!strcmp(st->lines[i].category, category))
			return &st->lines[i];
	return NULL;
}

static void a_month_has_its_totals_by_category(void **state)
{
	(void)state;
	struct ledger_statement st;
	assert_int_equal(ledger_statement(db, &ar, community, "2025-01", 0, &st), 0);
	assert_string_equal(st.title, "2025年1月");
	assert_int_equal(st.closed, 1);
	assert_int_equal(st.opening_fen, 8850000);
	assert_int_equal(st.income_fen, 1000000);
	assert_int_equal(st.expense_fen, 360000);
	assert_int_equal(st.closing_fen, 9490000);
	/* income first, each kind in the chart's order; the reversed pair nets 0 */
	assert_int_equal(st.nlines, 4);
	assert_string_equal(st.lines[0].category, "共建单位资助");
	assert_int_equal(st.lines[0].kind, LEDGER_INCOME);
	assert_int_equal(st.lines[0].amount_fen, 1000000);
	assert_string_equal(st.lines[1].category, "办公经费");
	assert_int_equal(st.lines[1].amount_fen, 0);
	assert_int_equal(st.lines[1].entries, 2);
	assert_string_equal(st.lines[2].category, "活动经费");
	assert_int_equal(st.lines[2].amount_fen, 300000);
	assert_string_equal(st.lines[3].category, "救助支出");
	assert_int_equal(st.lines[3].amount_fen, 60000);
	/* ¥5,000.00 and above: the partner's support only */
	assert_int_equal(st.nbig, 1);
	assert_string_equal(st.big[0].counterparty, "建设银行东湖支行");
	/* the trend: the 12 months up to January, back into the year before */
	assert_string_equal(st.months[0].period, "2024-02");
	assert_string_equal(st.months[10].period, "2024-12");
	assert_int_equal(st.months[10].closing_fen, 8850000);
	assert_string_equal(st.months[11].period, "2025-01");
	assert_int_equal(st.months[11].income_fen, 1000000);
	/* a lower threshold lists more, largest first */
	assert_int_equal(ledger_statement(db, &ar, community, "2025-01", 60000, &st), 0);
	assert_int_equal(st.nbig, 5);
	assert_int_equal(st.big[0].amount_fen, 1000000);
	assert_int_equal(st.big[1].amount_fen, 300000);
	assert_int_equal(st.big[4].amount_fen, 60000);
}

static void a_year_carries_the_opening_over_the_boundary(void **state)
{
	(void)state;
	struct ledger_statement st;
	assert_int_equal(ledger_statement(db, &ar, community, "2024", 0, &st), 0);
	assert_string_equal(st.title, "2024年度");
	assert_int_equal(st.closed, 1);
	assert_int_equal(st.opening_fen, 0);
	assert_int_equal(st.income_fen, 10200000);
	assert_int_equal(st.expense_fen, 1350000);
	assert_int_equal(st.closing_fen, 8850000);
	assert_int_equal(line(&st, "上级拨款/工作经费")->amount_fen, 10000000);
	assert_int_equal(line(&st, "救助支出")->amount_fen, 650000);
	assert_null(line(&st, "共建单位资助"));
	assert_int_equal(st.nbig, 3); /* 100,000; 6,500; 6,000 */
	assert_int_equal(st.big[1].amount_fen, 650000);
	assert_int_equal(ledger_statement(db, &ar, community, "2024-Q4", 0, &st), 0);
	assert_string_equal(st.title, "2024年第四季度");
	assert_int_equal(st.closing_fen, 8850000);
	/* 2025 opens with 2024's closing; February is open, its pending entry not counted */
	assert_int_equal(ledger_statement(db, &ar, community, "2025", 0, &st), 0);
	assert_int_equal(st.closed, 0);
	assert_int_equal(st.opening_fen, 8850000);
	assert_int_equal(st.income_fen, 1000000);
	assert_int_equal(st.expense_fen, 410000);
	assert_int_equal(st.closing_fen, 9440000);
	assert_int_equal(line(&st, "设施维修") == NULL, 1);
	assert_int_equal(ledger_statement(db, &ar, community, "2025-Q1", 0, &st), 0);
	assert_int_equal(st.closed, 0);
	assert_int_equal(st.months[11].period[6], '3');
}

/* The statement reads the kept totals: a change there (never made by
 * hand in real books) shows, the entries unchanged. */
static void totals_come_from_the_kept_figures(void **state)
{
	(void)state;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(db_exec_script(db, "UPDATE ledger_total SET amount_fen = amount_fen + 1 WHERE period = '2025-02'"), 0);
	struct ledger_statement st;
	assert_int_equal(ledger_statement(db, &ar, community, "2025-02", 0, &st), 0);
	assert_int_equal(st.expense_fen, 50001);
	db_rollback(db);
}

static struct db_query q_post = DB_QUERY("SELECT title, body, status FROM disclosure_post WHERE community_id = ? AND id = ?");

static void publishing_waits_for_closed_months_and_happens_once(void **state)
{
	(void)state;
	int64_t post = -1, again = -1;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(ledger_statement_publish(db, &ar, community, "2025-Q1", zhoulx, now, &post), LEDGER_STATE);
	assert_int_equal(ledger_statement_publish(db, &ar, community, "2025-02", zhoulx, now, &post), LEDGER_STATE);
	assert_int_equal(ledger_statement_publish(db, &ar, community, "2025-1", zhoulx, now, &post), -1);
	/* before the books' first month (2024-11) there is nothing to tell */
	assert_int_equal(ledger_statement_publish(db, &ar, community, "2024-10", zhoulx, now, &post), LEDGER_BEFORE);
	assert_int_equal(ledger_statement_publish(db, &ar, community, "2005", zhoulx, now, &post), LEDGER_BEFORE);
	assert_int_equal(ledger_statement_publish(db, &ar, community, "2024", zhoulx, now, &post), 0);
	assert_true(post > 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(ledger_statement_publish(db, &ar, community, "2024", wangjg, now, &again), LEDGER_DUP_NAME);
	assert_int_equal(again, post);
	db_rollback(db);
	struct db_stmt *st = db_stmt(db, &q_post);
	db_bind_int(st, 1, community);
	db_bind_int(st, 2, post);
	assert_int_equal(db_step(st), DB_ROW);
	char *title = db_col_dup(st, 0, &ar), *body = db_col_dup(st, 1, &ar), *status = db_col_dup(st, 2, &ar);
	db_reset(st);
	assert_string_equal(title, "2024年度财务收支情况");
	assert_string_equal(status, "draft");
	assert_non_null(strstr(body, "| 期末余额 | ¥88,500.00 |"));
	assert_non_null(strstr(body, "| 上级拨款\\/工作经费 | 1 | ¥100,000.00 |")); /* shown as written: md_text */
	/* the aid went to 王秀兰: the board says who in general only */
	assert_null(strstr(body, "王秀兰"));
	assert_non_null(strstr(body, " | 支出 · 救助支出(凭证 "));
	assert_non_null(strstr(body, "¥6,500.00 |"));
	assert_null(strstr(body, "###")); /* headings one level under the post's title */
	assert_null(strstr(body, "东湖水电维修部")); /* no counterparty, no purpose: free text stays at the office */
}

/* Reads the workbook at path back with python3: per sheet its name, rows
 * and the sum of column G (entries) or each row's label and column O
 * (summary), and how many amounts were text. */
static char *read_back(const char *path)
{
	static const char script[] =
	    "import sys,zipfile,re,xml.etree.ElementTree as E\n"
	    "z=zipfile.ZipFile(sys.argv[1]);n='{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'\n"
	    "ss=[''.join(t.text or '' for t in si.iter(n+'t')) for si in E.fromstring(z.read('xl/sharedStrings.xml')).iter(n+'si')]\n"
	    "names=[s.get('name') for s in E.fromstring(z.read('xl/workbook.xml')).iter(n+'sheet')]\n"
	    "text=0\n"
	    "for i,name in enumerate(names):\n"
	    " rows=[]\n"
	    " for r in E.fromstring(z.read('xl/worksheets/sheet%d.xml'%(i+1))).iter(n+'row'):\n"
	    "  row={}\n"
	    "  for c in r.iter(n+'c'):\n"
	    "   col=re.match('[A-Z]+',c.get('r')).group(0);v=c.find(n+'v')\n"
	    "   row[col]=ss[int(v.text)] if c.get('t')=='s' else float(v.text)\n"
	    "   if c.get('t')=='s' and col in ('G','O') and r.get('r')!='1': text+=1\n"
	    "  rows.append(row)\n"
	    " if name=='汇总':\n"
	    "  for row in rows[1:]: print('%s|%s|%.2f'%(name,row['A'],row['O']))\n"
	    " else: print('%s|%d|%.2f'%(name,len(rows)-1,sum(r['G'] for r in rows[1:])))\n"
	    "print('text|%d'%text)\n";
	char sp[700], cmd[1500];
	snprintf(sp, sizeof sp, "%s/read.py", fx.dir);
	FILE *f = fopen(sp, "w");
	assert_non_null(f);
	fputs(script, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "python3 '%s' '%s'", sp, path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	struct buf out;
	buf_init(&out, 1 << 20);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_append(&out, chunk, n);
	assert_int_equal(pclose(p), 0);
	char *s = arena_strdup(&ar, out.data ? out.data : "");
	buf_free(&out);
	return s;
}

static void the_year_exports_as_a_workbook_whose_totals_match(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 26);
	const char *title;
	assert_int_equal(db_begin(db), 0);
	/* 2024 holds 5 entries: a limit below refuses before writing anything */
	assert_int_equal(ledger_export_year(db, &ar, community, 2024, 1, 4, &b, &title), 1);
	assert_int_equal(b.len, 0);
	assert_int_equal(ledger_export_year(db, &ar, community, 2024, 1, 5, &b, &title), 0);
	db_rollback(db);
	assert_string_equal(title, "2024年收支明细");
	char path[700];
	snprintf(path, sizeof path, "%s/2024.xlsx", fx.dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b.data, 1, b.len, f), b.len);
	fclose(f);
	buf_free(&b);
	char *got = read_back(path);
	static const char *const want[] = {
	    "汇总|上级拨款/工作经费|100000.00\n", "汇总|社会捐赠|2000.00\n", "汇总|救助支出|6500.00\n",
	    "汇总|收入合计|102000.00\n", "汇总|支出合计|13500.00\n", "汇总|月末余额|88500.00\n", "1月|0|0.00\n",
	    "11月|2|101000.00\n", "12月|3|14500.00\n", "text|0\n"};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(got, want[i]))
			fail_msg("no \"%s\" in:\n%s", want[i], got);
	/* the summary first, then the months in order */
	assert_true(strstr(got, "汇总|") < strstr(got, "1月|"));
	assert_true(strstr(got, "1月|") < strstr(got, "12月|"));
	/* the command line writes the same workbook */
	char cmd[2000];
	snprintf(cmd, sizeof cmd,
	         "'%s' ledger export --community heping --year 2024 --format xlsx -o '%s/cli.xlsx' --db '%s' >/dev/null",
	         shequ, fx.dir, fx.url);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/cli.xlsx", fx.dir);
	assert_string_equal(read_back(path), got);
	snprintf(cmd, sizeof cmd, "'%s' ledger export --community heping --year 24 --format xlsx -o '%s/x' --db '%s' 2>/dev/null",
	         shequ, fx.dir, fx.url);
	assert_int_not_equal(system(cmd), 0);
	/* 2025 as CSV: all entries, the pending and reversing ones marked */
	buf_init(&b, 1 << 26);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(ledger_export_year(db, &ar, community, 2025, 0, 0, &b, &title), 0);
	db_rollback(db);
	assert_non_null(strstr(b.data, "日期,凭证号,收支,类别,摘要,对方单位或个人,金额(元),状态\r\n"));
	assert_non_null(strstr(b.data, "2025-01-22,记-2025-0009,支出,办公经费,硒鼓,京东企业购,700.00,已冲销\r\n"));
	assert_non_null(strstr(b.data, ",-700.00,已审核\r\n"));
	assert_non_null(strstr(b.data, "2025-02-12,记-2025-0011,支出,设施维修,屋面防水,安居防水工程队,9000.00,待审核\r\n"));
	buf_free(&b);
	assert_int_equal(ledger_export_year(db, &ar, community, 1999, 0, 0, &b, &title), -1);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SHEQU_BINARY\n", argv[0]);
		return 2;
	}
	shequ = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(spans_are_months_quarters_and_years),
	    cmocka_unit_test(a_month_has_its_totals_by_category),
	    cmocka_unit_test(a_year_carries_the_opening_over_the_boundary),
	    cmocka_unit_test(totals_come_from_the_kept_figures),
	    cmocka_unit_test(publishing_waits_for_closed_months_and_happens_once),
	    cmocka_unit_test(the_year_exports_as_a_workbook_whose_totals_match),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
