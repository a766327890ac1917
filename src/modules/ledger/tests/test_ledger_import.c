/* The import of entries (ledger_import) on SQLite and (under
 * tests/pg/with-postgres.sh) PostgreSQL, on a database made by `shequ
 * init` and `shequ demo`, its books emptied: a clean file enters every row
 * awaiting approval; every bad row is reported with its line and nothing
 * stays; a dry run writes nothing; 收入/支出 columns, GB18030 with tabs
 * and an XLSX workbook read as well; files without the columns are
 * refused whole; `shequ ledger import` on the command line.
 * usage: test_ledger_import SHEQU_BINARY */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "db/db.h"
#include "fixture.h"
#include "modules/ledger/ledger_internal.h"
#include "web/export.h"
#include <xlsxwriter.h>

static const char *shequ;
static struct fixture fx;
static struct db *a;
static struct arena ar;
static int64_t xingfuli, wangjg, now;
static char today[11], old_day[11]; /* today; a day in a month closed by setup */

static struct db_query q_count =
    DB_QUERY("SELECT COUNT(*) FROM ledger_entry WHERE community_id = ? AND source = 'import'");

/* Imported entries of 幸福里 as the connection sees them. */
static int64_t imported(void)
{
	struct db_stmt *st = db_stmt(a, &q_count);
	db_bind_int(st, 1, xingfuli);
	int64_t n = -1;
	assert_int_equal(db_one_int(st, &n), 0);
	return n;
}

static int setup(void **state)
{
	(void)state;
	if (fixture_make(&fx, shequ) < 0 || fixture_open(&fx, &a) < 0 ||
	    fixture_script(a, "DELETE FROM ledger_publication; DELETE FROM ledger_dues; DELETE FROM ledger_file;"
	                      " DELETE FROM ledger_total; DELETE FROM ledger_entry WHERE reverses_id IS NOT NULL;"
	                      " DELETE FROM ledger_entry; DELETE FROM ledger_period; DELETE FROM ledger_book;") < 0)
		return -1;
	arena_init(&ar, 256u << 20);
	xingfuli = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "xingfuli");
	wangjg = fixture_id(a, "SELECT id FROM users WHERE username = ?", "wangjg");
	now = (int64_t)time(NULL);
	struct ymd t = date_from_time(now);
	date_format(t, today);
	/* a month three months back, closed (the empty months before it need no closing) */
	struct ymd o = {t.m > 3 ? t.y : t.y - 1, t.m > 3 ? t.m - 3 : t.m + 9, 15};
	date_format(o, old_day);
	char period[8];
	snprintf(period, sizeof period, "%.7s", old_day);
	if (db_begin(a) < 0 || ledger_period_close(a, xingfuli, period, wangjg, now) != 0 || db_commit(a) < 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(a);
	arena_free(&ar);
	return fixture_remove(&fx);
}

/* Runs the import of text in a transaction left open for the caller. */
static int import(const char *text, size_t n, int dry_run, struct ledger_import_result *res)
{
	struct ledger_import_options o = {.dry_run = dry_run, .by = wangjg, .now = now};
	assert_int_equal(db_begin(a), 0);
	return ledger_import(a, &ar, xingfuli, text, n, &o, res);
}

/* The message reported for line, or NULL. */
static const char *error_at(const struct ledger_import_result *res, int line)
{
	for (int i = 0; i < res->imp.nkept; i++)
		if (res->imp.errors[i].line == line)
			return res->imp.errors[i].message;
	return NULL;
}

static void a_clean_file_enters_every_row_awaiting_approval(void **state)
{
	(void)state;
	const char *text = arena_printf(&ar,
	                                "幸福里社区收支明细\n"
	                                "日期,科目,金额(元),往来单位,凭证编号,摘要（用途）,余额\n"
	                                "%s,上级拨款/工作经费,\"50,000.00\",街道办事处,IM-1,第四季度工作经费,50000\n"
	                                "%s,办公经费,¥1234.56,文具店,IM-2,打印纸,48765.44\n"
	                                "%s,活动经费,300,,IM-3,重阳节活动,48465.44\n"
	                                "本月合计,,,,,,\n",
	                                today, today, today);
	struct ledger_import_result res;
	int rc = import(text, strlen(text), 0, &res);
	assert_int_equal(rc, 0);
	assert_int_equal(res.good, 3);
	assert_int_equal(res.added, 3);
	assert_int_equal(res.skipped, 1);
	assert_int_equal(res.income_fen, 5000000);
	assert_int_equal(res.expense_fen, 123456 + 30000);
	assert_string_equal(res.first, today);
	assert_int_equal(res.nshown, 3); /* the rows the check's page lists */
	assert_string_equal(res.shown[1].voucher_no, "IM-2");
	assert_int_equal(res.shown[1].amount_fen, 123456);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(imported(), 3);
	/* awaiting approval, entered by the importer, who cannot approve them */
	struct ledger_entry e;
	struct ledger_filter f = {.kind = -1, .pending = 1};
	struct ledger_entry *v;
	size_t n;
	int more;
	assert_int_equal(ledger_entries(a, &ar, xingfuli, &f, 0, 50, &v, &n, &more), 0);
	assert_int_equal(n, 3);
	assert_int_equal(ledger_entry_get(a, &ar, xingfuli, v[1].id, &e), 0);
	assert_string_equal(e.voucher_no, "IM-2");
	assert_int_equal(e.kind, LEDGER_EXPENSE); /* from the category */
	assert_int_equal(e.amount_fen, 123456);
	assert_string_equal(e.source, "import");
	assert_int_equal(e.entered_by, wangjg);
	assert_int_equal(e.approved_at, 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_entry_approve(a, xingfuli, e.id, wangjg, now), LEDGER_SELF);
	db_rollback(a);
	/* the ids reserved in a block and not used were given back: the next entry follows */
	int64_t last = v[0].id > v[2].id ? v[0].id : v[2].id, next;
	struct ledger_entry ne = e;
	ne.voucher_no = "IM-4";
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_entry_add(a, xingfuli, &ne, "desk", wangjg, now, &next), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(next, last + 1);
}

static void every_bad_row_is_reported_and_nothing_stays(void **state)
{
	(void)state;
	int64_t before = imported();
	const char *text = arena_printf(&ar,
	                                "日期,收支,类别,金额,对方单位或个人,凭证号,摘要\n"
	                                "%s,支出,办公经费,10,店,BAD-1,好的一行\n"            /* 2: good, written first */
	                                "2026-02-30,支出,办公经费,10,店,BAD-2,日期不存在\n"  /* 3 */
	                                "%s,支出,茶水费,10,店,BAD-3,没有这个类别\n"          /* 4 */
	                                "%s,收入,办公经费,10.005,店,BAD-1,三位小数和重号\n" /* 5 */
	                                "%s,支出,办公经费,10,店,IM-1,账上已有\n"              /* 6 */
	                                "%s,支出,办公经费,10,店,BAD-7,已结账的月份\n"         /* 7 */
	                                "%s,支出,办公经费,,店,BAD-8,\n"                       /* 8 */
	                                "%s,支出,办公经费,20,店,BAD-9,好的一行\n",            /* 9: good */
	                                today, today, today, today, old_day, today, today);
	struct ledger_import_result res;
	int rc = import(text, strlen(text), 0, &res);
	assert_int_equal(rc, 1);
	assert_int_equal(res.imp.nerrors, 6);
	assert_null(error_at(&res, 2));
	assert_non_null(strstr(error_at(&res, 3), "日期"));
	assert_non_null(strstr(error_at(&res, 4), "没有“茶水费”这个类别"));
	assert_non_null(strstr(error_at(&res, 5), "两位小数"));
	assert_non_null(strstr(error_at(&res, 5), "与第 2 行重复"));
	assert_non_null(strstr(error_at(&res, 5), "支出类别"));
	assert_non_null(strstr(error_at(&res, 6), "已经用过"));
	assert_non_null(strstr(error_at(&res, 7), "已结账"));
	assert_non_null(strstr(error_at(&res, 8), "请填写金额"));
	assert_non_null(strstr(error_at(&res, 8), "请填写摘要"));
	assert_null(error_at(&res, 9));
	assert_int_equal(res.good, 2);
	assert_int_equal(res.added, 1); /* the row before the first bad one: the caller rolls it back */
	db_rollback(a);
	assert_int_equal(imported(), before);
}

static void a_dry_run_writes_nothing(void **state)
{
	(void)state;
	int64_t before = imported();
	const char *text = arena_printf(&ar, "日期,类别,金额,凭证号,摘要\n%s,办公经费,1,DRY-1,检查\n", today);
	struct ledger_import_result res;
	assert_int_equal(import(text, strlen(text), 1, &res), 0);
	assert_int_equal(res.good, 1);
	assert_int_equal(res.added, 0);
	assert_int_equal(imported(), before); /* inside the transaction too */
	db_rollback(a);
}

/* text converted to GB18030, in the arena; *n its length. */
static char *to_gb18030(const char *text, size_t *n)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t in = strlen(text), out = 4 * in + 16;
	char *buf = arena_alloc(&ar, out), *src = (char *)text, *dst = buf;
	assert_true(iconv(cd, &src, &in, &dst, &out) != (size_t)-1);
	iconv_close(cd);
	*n = (size_t)(dst - buf);
	return buf;
}

static void two_amount_columns_in_gb18030_with_tabs(void **state)
{
	(void)state;
	const char *text = arena_printf(&ar,
	                                "日期\t收支\t类别\t收入\t支出\t凭证号\t摘要\n"
	                                "%s\t\t社会捐赠\t200\t\tGB-1\t爱心捐赠\n"
	                                "%s\t\t办公经费\t\t35.50\tGB-2\t墨盒\n"
	                                "%s\t\t办公经费\t5\t6\tGB-3\t两列都填\n"
	                                "%s\t收入\t办公经费\t\t7\tGB-4\t收支不符\n",
	                                today, today, today, today);
	size_t n;
	char *gb = to_gb18030(text, &n);
	struct ledger_import_result res;
	assert_int_equal(import(gb, n, 1, &res), 1);
	assert_string_equal(res.imp.encoding, "GB18030");
	assert_int_equal(res.imp.nerrors, 2);
	assert_non_null(strstr(error_at(&res, 4), "只能填一个"));
	assert_non_null(strstr(error_at(&res, 5), "收支写的是“收入”"));
	assert_int_equal(res.good, 2);
	assert_int_equal(res.income_fen, 20000);
	assert_int_equal(res.expense_fen, 3550);
	db_rollback(a);
}

static void an_xlsx_workbook_imports_too(void **state)
{
	(void)state;
	static const char *const head[] = {"日期", "收支", "类别", "金额", "凭证号", "摘要"};
	struct export_table x;
	assert_int_equal(export_begin(&x, &ar, "收支", head, 6), 0);
	const char *row1[] = {today, "支出", "设施维修", "880.5", "XL-1", "修理路灯"};
	const char *row2[] = {today, "收入", "共建单位资助", "10000", "XL-2", "共建资助"};
	static const unsigned char kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_MONEY, EXPORT_TEXT, EXPORT_TEXT};
	assert_int_equal(export_row_kinds(&x, row1, kinds), 0);
	assert_int_equal(export_row_kinds(&x, row2, kinds), 0);
	struct buf b;
	buf_init(&b, 1 << 24);
	assert_int_equal(export_xlsx(&b, &x), 0);
	struct ledger_import_result res;
	assert_int_equal(import(b.data, b.len, 0, &res), 0);
	assert_string_equal(res.imp.encoding, "XLSX");
	assert_int_equal(res.added, 2);
	assert_int_equal(res.expense_fen, 88050);
	assert_int_equal(res.income_fen, 1000000);
	db_rollback(a);
	buf_free(&b);
}

/* A workbook whose amounts are formulas' results: binary noise is the
 * amount Excel shows; a real third decimal is still refused. */
static void formula_noise_in_a_workbook_is_the_amount_shown(void **state)
{
	(void)state;
	char path[700];
	snprintf(path, sizeof path, "%s/noise.xlsx", fx.dir);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	static const char *const head[] = {"日期", "类别", "金额", "凭证号", "摘要"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	const double amounts[] = {12.3 + 1e-13, 0.1 * 3 * 100, 1.234};
	for (int i = 0; i < 3; i++) {
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, today, NULL);
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 1, "办公经费", NULL);
		worksheet_write_number(ws, (lxw_row_t)(i + 1), 2, amounts[i], NULL);
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 3, arena_printf(&ar, "NZ-%d", i), NULL);
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 4, "公式算出的金额", NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char data[1 << 16];
	size_t n = fread(data, 1, sizeof data, f);
	fclose(f);
	struct ledger_import_result res;
	assert_int_equal(import(data, n, 1, &res), 1);
	assert_int_equal(res.imp.nerrors, 1);
	assert_non_null(strstr(error_at(&res, 4), "两位小数")); /* 1.234: a real third decimal */
	assert_int_equal(res.good, 2);
	assert_int_equal(res.expense_fen, 1230 + 3000);
	db_rollback(a);
}

static void files_without_the_columns_are_refused_whole(void **state)
{
	(void)state;
	struct ledger_import_result res;
	const char *no_voucher = "日期,类别,金额,摘要\n2026-01-01,办公经费,1,x\n";
	assert_int_equal(import(no_voucher, strlen(no_voucher), 0, &res), 2);
	assert_non_null(strstr(res.imp.fatal, "凭证号"));
	db_rollback(a);
	const char *both = "日期,类别,金额,收入,凭证号,摘要\n";
	assert_int_equal(import(both, strlen(both), 0, &res), 2);
	assert_non_null(strstr(res.imp.fatal, "只保留一种"));
	db_rollback(a);
	const char *header_only = "日期,类别,金额,凭证号,摘要\n";
	assert_int_equal(import(header_only, strlen(header_only), 0, &res), 2);
	assert_non_null(strstr(res.imp.fatal, "没有数据"));
	db_rollback(a);
	const char *nothing = "";
	assert_int_equal(import(nothing, 0, 0, &res), 2);
	db_rollback(a);
	/* more rows than allowed */
	struct ledger_import_options o = {.by = wangjg, .now = now, .max_rows = 2};
	const char *three = arena_printf(&ar, "日期,类别,金额,凭证号,摘要\n%s,办公经费,1,M-1,x\n%s,办公经费,1,M-2,x\n"
	                                      "%s,办公经费,1,M-3,x\n", today, today, today);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_import(a, &ar, xingfuli, three, strlen(three), &o, &res), 2);
	assert_non_null(strstr(res.imp.fatal, "最多导入 2 行"));
	db_rollback(a);
}

static void an_import_is_taken_back_while_it_awaits_approval(void **state)
{
	(void)state;
	int64_t before = imported();
	const char *text = arena_printf(&ar, "日期,类别,金额,凭证号,摘要\n%s,办公经费,1,WB-1,x\n%s,办公经费,2,WB-2,x\n"
	                                     "%s,办公经费,3,WB-3,x\n", today, today, today);
	const char *other = arena_printf(&ar, "日期,类别,金额,凭证号,摘要\n%s,办公经费,4,WC-1,x\n", today);
	struct ledger_import_result res, res2;
	int64_t at = now + 7; /* both imports in the same second, by the same person */
	struct ledger_import_options o = {.by = wangjg, .now = at};
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_import(a, &ar, xingfuli, text, strlen(text), &o, &res), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_import(a, &ar, xingfuli, other, strlen(other), &o, &res2), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(res.last_id - res.first_id, 2);
	assert_true(res2.first_id > res.last_id);
	struct ledger_batch b = {wangjg, at, res.first_id, res.last_id};
	/* one is approved meanwhile: it stays */
	int64_t zhoulx = fixture_id(a, "SELECT id FROM users WHERE username = ?", "zhoulx"), left;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_entry_approve(a, xingfuli, res.first_id, zhoulx, now), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(ledger_import_pending(a, xingfuli, &b, &left), 0);
	assert_int_equal(left, 2);
	/* another's key takes nothing back */
	struct ledger_batch wrong = b;
	wrong.by = zhoulx;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(ledger_import_withdraw(a, xingfuli, &wrong, &left), 0);
	assert_int_equal(left, 0);
	assert_int_equal(ledger_import_withdraw(a, xingfuli, &b, &left), 0);
	assert_int_equal(left, 2);
	assert_int_equal(db_commit(a), 0);
	/* the approved one and the other import of that second stay */
	assert_int_equal(imported(), before + 2);
	assert_int_equal(ledger_import_pending(a, xingfuli, &b, &left), 0);
	assert_int_equal(left, 0);
}

static void the_command_line_imports_as_a_staff_member(void **state)
{
	(void)state;
	char file[700], cmd[2000];
	snprintf(file, sizeof file, "%s/in.csv", fx.dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fprintf(f, "日期,类别,金额,凭证号,摘要\n%s,办公经费,12.30,CLI-1,命令行导入\n", today);
	fclose(f);
	int64_t before = imported();
	/* a resident is no staff; a dry run writes nothing; then the import */
	snprintf(cmd, sizeof cmd, "'%s' ledger import --db '%s' --community xingfuli --as zhangsan '%s' 2>/dev/null",
	         shequ, fx.url, file);
	assert_int_not_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd,
	         "'%s' ledger import --db '%s' --community xingfuli --as wangjg --dry-run '%s' >/dev/null", shequ, fx.url,
	         file);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(imported(), before);
	snprintf(cmd, sizeof cmd, "'%s' ledger import --db '%s' --community xingfuli --as wangjg '%s' >/dev/null",
	         shequ, fx.url, file);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(imported(), before + 1);
	/* the same file again: its voucher is taken, nothing more */
	snprintf(cmd, sizeof cmd, "'%s' ledger import --db '%s' --community xingfuli --as wangjg '%s' 2>/dev/null",
	         shequ, fx.url, file);
	assert_int_not_equal(system(cmd), 0);
	assert_int_equal(imported(), before + 1);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SHEQU_BINARY\n", argv[0]);
		return 2;
	}
	shequ = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_clean_file_enters_every_row_awaiting_approval),
	    cmocka_unit_test(every_bad_row_is_reported_and_nothing_stays),
	    cmocka_unit_test(a_dry_run_writes_nothing),
	    cmocka_unit_test(two_amount_columns_in_gb18030_with_tabs),
	    cmocka_unit_test(an_xlsx_workbook_imports_too),
	    cmocka_unit_test(formula_noise_in_a_workbook_is_the_amount_shown),
	    cmocka_unit_test(files_without_the_columns_are_refused_whole),
	    cmocka_unit_test(an_import_is_taken_back_while_it_awaits_approval),
	    cmocka_unit_test(the_command_line_imports_as_a_staff_member),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
