/* CSV import: encodings, delimiters, libcsv's quoting, physical line
 * numbers, row errors that do not stop the import, limits, headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <iconv.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv_import.h"

static struct arena a;
static struct buf seen; /* every row handed over: "line:field|field\n" */

static int setup(void **state)
{
	(void)state;
	arena_init(&a, 64 << 20);
	buf_init(&seen, 1 << 20);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	buf_free(&seen);
	arena_free(&a);
	return 0;
}

static int collect(struct csv_import *imp, const struct csv_row *row, void *ctx)
{
	(void)imp;
	(void)ctx;
	buf_printf(&seen, "%d:", row->line);
	for (int i = 0; i < row->nfields; i++)
		buf_printf(&seen, "%s%s", i ? "|" : "", row->fields[i]);
	buf_putc(&seen, '\n');
	return 0;
}

/* Imports text with these options (row: collect) and returns what was seen. */
static const char *run_with(struct csv_import *imp, const char *data, size_t n, struct csv_options o)
{
	buf_reset(&seen);
	if (!o.row)
		o.row = collect;
	int rc = csv_import_run(imp, &a, data, n, &o);
	assert_true(rc == 0 || rc == -1);
	assert_true((rc == -1) == (imp->fatal != NULL));
	buf_putc(&seen, 0);
	return seen.data;
}

static const char *run(struct csv_import *imp, const char *text)
{
	return run_with(imp, text, strlen(text), (struct csv_options){0});
}

static const char *run_delim(struct csv_import *imp, const char *text, enum csv_delim d)
{
	return run_with(imp, text, strlen(text), (struct csv_options){.delim = d});
}

static void quoted_fields_keep_commas_and_doubled_quotes(void **state)
{
	(void)state;
	struct csv_import imp;
	assert_string_equal(run(&imp, "a,\"b,c\",\"他说\"\"好\"\"\",  d  ,\" e \"\n"),
	                    "1:a|b,c|他说\"好\"|d| e \n");
	assert_int_equal(imp.rows, 1);
	assert_int_equal(imp.nerrors, 0);
	assert_string_equal(imp.encoding, "UTF-8");
	/* A last line without a line break is read too; empty fields stay. */
	assert_string_equal(run(&imp, "1,,3\n4,5,"), "1:1||3\n2:4|5|\n");
}

static void line_breaks_inside_quotes_keep_later_line_numbers_right(void **state)
{
	(void)state;
	struct csv_import imp;
	const char *text = "姓名,住址\n"
	                   "张三,\"幸福里3号楼\n2单元\n501\"\n"
	                   "李四,幸福里5号楼\n"
	                   "\n"
	                   "王五,\"a\r\nb\"\r\n"
	                   "赵六,c\n";
	assert_string_equal(run(&imp, text), "1:姓名|住址\n"
	                                     "2:张三|幸福里3号楼\n2单元\n501\n"
	                                     "5:李四|幸福里5号楼\n"
	                                     "7:王五|a\r\nb\n"
	                                     "9:赵六|c\n");
	assert_int_equal(imp.rows, 5);
}

static void crlf_and_blank_rows(void **state)
{
	(void)state;
	struct csv_import imp;
	/* Windows line ends; a lone CR ends a line too; rows with nothing in them are skipped. */
	assert_string_equal(run(&imp, "a,b\r\nc,d\r\n\r\n,,,\r\n  \r\ne,f\rg,h\r\n"),
	                    "1:a|b\n2:c|d\n6:e|f\n7:g|h\n");
	assert_int_equal(imp.rows, 4);
	assert_string_equal(run(&imp, ""), "");
	assert_int_equal(imp.rows, 0);
	assert_null(imp.fatal);
}

static void byte_order_mark_is_dropped(void **state)
{
	(void)state;
	struct csv_import imp;
	assert_string_equal(run(&imp, "\xEF\xBB\xBF姓名,年龄\n张三,3\n"), "1:姓名|年龄\n2:张三|3\n");
	assert_string_equal(imp.encoding, "UTF-8");
}

/* text in GB18030, as Excel saves it on Chinese Windows. */
static size_t to_gb18030(const char *utf8, char *out, size_t cap)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char *in = (char *)utf8, *o = out;
	size_t inleft = strlen(utf8), left = cap;
	assert_int_not_equal(iconv(cd, &in, &inleft, &o, &left), (size_t)-1);
	iconv_close(cd);
	return cap - left;
}

static void gb18030_files_are_converted(void **state)
{
	(void)state;
	struct csv_import imp;
	/* 䶮 (U+4DAE) is four bytes in GB18030 and missing from GBK. */
	const char *utf8 = "姓名,住址\r\n王䶮,\"幸福里,3号楼\"\r\n";
	char gb[256];
	size_t n = to_gb18030(utf8, gb, sizeof gb);
	assert_true(n < strlen(utf8)); /* two bytes a Han character, not three */
	assert_string_equal(run_with(&imp, gb, n, (struct csv_options){0}),
	                    "1:姓名|住址\n2:王䶮|幸福里,3号楼\n");
	assert_string_equal(imp.encoding, "GB18030");
	/* 张三 = D5C5 C8FD, and no line break at the end. */
	assert_string_equal(run_with(&imp, "\xD5\xC5\xC8\xFD,3", 6, (struct csv_options){0}), "1:张三|3\n");
	assert_string_equal(imp.encoding, "GB18030");
}

static void text_in_neither_encoding_is_refused_as_a_whole(void **state)
{
	(void)state;
	struct csv_import imp;
	assert_string_equal(run_with(&imp, "a,b\n\x81\x20,c\n", 9, (struct csv_options){0}), "");
	assert_non_null(imp.fatal);
	assert_non_null(strstr(imp.fatal, "文字无法识别"));
	assert_null(imp.encoding);
	assert_int_equal(imp.rows, 0);
	assert_string_equal(run_with(&imp,
	                             "\xFF\xFE"
	                             "a\0b\0",
	                             6, (struct csv_options){0}),
	                    ""); /* UTF-16 */
	assert_non_null(imp.fatal);
}

static void delimiters_are_detected(void **state)
{
	(void)state;
	struct csv_import imp;
	/* Pasted from Excel: tabs, and commas inside the fields stay. */
	assert_string_equal(run(&imp, "张三\t幸福里3号楼,2单元\t3\n李四\t\t1\n"),
	                    "1:张三|幸福里3号楼,2单元|3\n2:李四||1\n");
	/* Typed on a Chinese keyboard: full-width commas. */
	assert_string_equal(run(&imp, "王五，幸福里1号楼，２\n"), "1:王五|幸福里1号楼|２\n");
	/* Decided once by the first line: a later line's tabs are spaces. */
	assert_string_equal(run(&imp, "a,b\nc\td,e\n"), "1:a|b\n2:c\td|e\n");
	/* Or for each row, for text pasted by hand that mixes them. */
	assert_string_equal(run_delim(&imp, "a,b\nc\td\n王五，３\n\"x,y\"\t\"1\n2\"\n", CSVI_DELIM_LINE),
	                    "1:a|b\n2:c|d\n3:王五|３\n4:x,y|1\n2\n");
	assert_string_equal(run_delim(&imp, "a\tb,c\n", CSVI_DELIM_COMMA), "1:a\tb|c\n");
	assert_string_equal(run_delim(&imp, "a\tb,c\n", CSVI_DELIM_TAB), "1:a|b,c\n");
}

/* Refuses rows whose second field is not "ok", and says why. */
static int check_ok(struct csv_import *imp, const struct csv_row *row, void *ctx)
{
	(void)ctx;
	if (row->nfields < 2 || strcmp(row->fields[1], "ok")) {
		csv_row_error(imp, row->line, "第二项应为 ok,不是 %s",
		              row->nfields < 2 ? "空" : row->fields[1]);
		return 0;
	}
	return collect(imp, row, ctx);
}

static void bad_rows_are_collected_and_the_import_goes_on(void **state)
{
	(void)state;
	struct csv_import imp;
	const char *text = "a,ok\nb,no\n\"c\nc\",ok\nd,bad\ne,ok\n";
	assert_string_equal(run_with(&imp, text, strlen(text), (struct csv_options){.row = check_ok}),
	                    "1:a|ok\n3:c\nc|ok\n6:e|ok\n");
	assert_null(imp.fatal);
	assert_int_equal(imp.rows, 5);
	assert_int_equal(imp.nerrors, 2);
	assert_int_equal(imp.errors[0].line, 2);
	assert_int_equal(imp.errors[1].line, 5);
	assert_string_equal(csv_errors_text(&imp, 5),
	                    "第 2 行:第二项应为 ok,不是 no; 第 5 行:第二项应为 ok,不是 bad");
	assert_string_equal(csv_errors_text(&imp, 1), "第 2 行:第二项应为 ok,不是 no; 另有 1 行有误");
	/* Only max_errors are kept; the rest are counted. */
	run_with(&imp, "x,1\nx,2\nx,3\n", 12, (struct csv_options){.row = check_ok, .max_errors = 2});
	assert_int_equal(imp.nerrors, 3);
	assert_int_equal(imp.nkept, 2);
	assert_string_equal(csv_errors_text(&imp, 10),
	                    "第 1 行:第二项应为 ok,不是 1; 第 2 行:第二项应为 ok,不是 2; 另有 1 行有误");
	run(&imp, "a,b\n");
	assert_string_equal(csv_errors_text(&imp, 5), "");
}

static void an_unclosed_quote_is_a_row_error(void **state)
{
	(void)state;
	struct csv_import imp;
	assert_string_equal(run(&imp, "a,b\nc,\"d\ne,f\n"), "1:a|b\n");
	assert_null(imp.fatal);
	assert_int_equal(imp.nerrors, 1);
	assert_int_equal(imp.errors[0].line, 2);
	assert_non_null(strstr(imp.errors[0].message, "引号"));
}

static int stop_at_second(struct csv_import *imp, const struct csv_row *row, void *ctx)
{
	if (row->index == 1)
		return csv_import_fail(imp, "名单最多 1 行");
	return collect(imp, row, ctx);
}

static void limits_are_checked(void **state)
{
	(void)state;
	struct csv_import imp;
	/* Bytes: the whole file. */
	assert_string_equal(run_with(&imp, "a,b\nc,d\n", 8, (struct csv_options){.max_bytes = 7}), "");
	assert_non_null(strstr(imp.fatal, "文件太大"));
	assert_string_equal(run_with(&imp, "a,b\nc,d\n", 8, (struct csv_options){.max_bytes = 8}),
	                    "1:a|b\n2:c|d\n");
	/* Rows: stops with a message. */
	assert_string_equal(run_with(&imp, "1\n2\n3\n4\n", 8, (struct csv_options){.max_rows = 3}),
	                    "1:1\n2:2\n3:3\n");
	assert_string_equal(imp.fatal, "超过 3 行,请分成几个文件导入");
	/* a header above 3 rows of data is not one of them */
	assert_string_equal(run_with(&imp, "h\n2\n3\n4\n", 8, (struct csv_options){.max_rows = 3, .header_rows = 1}),
	                    "1:h\n2:2\n3:3\n4:4\n");
	assert_null(imp.fatal);
	assert_string_equal(
	    run_with(&imp, "h\n2\n3\n4\n5\n", 10, (struct csv_options){.max_rows = 3, .header_rows = 1}),
	    "1:h\n2:2\n3:3\n4:4\n");
	assert_string_equal(imp.fatal, "超过 3 行,请分成几个文件导入");
	/* Fields and field length: that row is refused, the others read. */
	assert_string_equal(run_with(&imp, "a,b,c\na,b,c,d\ne\n", 16, (struct csv_options){.max_fields = 3}),
	                    "1:a|b|c\n3:e\n");
	assert_null(imp.fatal);
	assert_string_equal(csv_errors_text(&imp, 5), "第 2 行:超过 3 列");
	assert_string_equal(run_with(&imp, "abcd,e\nabc,e\n", 13, (struct csv_options){.max_field_bytes = 3}),
	                    "2:abc|e\n");
	assert_string_equal(csv_errors_text(&imp, 5), "第 1 行:有一项超过 3 字节");
	/* The callback can stop the import. */
	assert_string_equal(run_with(&imp, "1\n2\n3\n", 6, (struct csv_options){.row = stop_at_second}),
	                    "1:1\n");
	assert_string_equal(imp.fatal, "名单最多 1 行");
}

struct progress_log {
	int calls, last_rows;
	size_t last_done, total;
};

static void on_progress(void *ctx, int rows, size_t done, size_t total)
{
	struct progress_log *p = ctx;
	assert_true(rows >= p->last_rows && done >= p->last_done && done <= total);
	p->calls++;
	p->last_rows = rows;
	p->last_done = done;
	p->total = total;
}

static int count_only(struct csv_import *imp, const struct csv_row *row, void *ctx)
{
	(void)imp;
	(void)row;
	(void)ctx;
	return 0;
}

static void progress_is_reported_for_big_files(void **state)
{
	(void)state;
	struct buf big;
	buf_init(&big, 1 << 20);
	for (int i = 0; i < 2500; i++)
		buf_printf(&big, "%d,居民%d\n", i, i);
	struct progress_log p = {0};
	struct csv_import imp;
	struct csv_options o = {.row = count_only, .progress = on_progress, .ctx = &p};
	assert_int_equal(csv_import_run(&imp, &a, big.data, big.len, &o), 0);
	assert_int_equal(imp.rows, 2500);
	assert_int_equal(p.calls, 3); /* 1000, 2000, the end */
	assert_int_equal(p.last_rows, 2500);
	assert_int_equal(p.last_done, big.len);
	assert_int_equal(p.total, big.len);
	buf_free(&big);
}

static const char *const c_name[] = {"姓名", NULL};
static const char *const c_id[] = {"身份证号", "公民身份号码", "身份证号码", NULL};
static const char *const c_note[] = {"备注", "Note", NULL};
static const struct csv_column cols[] = {{c_name, 1}, {c_id, 1}, {c_note, 0}};

static int header_of(const char *const *names, int n, int *idx, const char **err)
{
	struct csv_row row = {1, 0, n, names};
	return csv_header_map(&a, &row, cols, 3, idx, err);
}

static void header_names_map_to_columns_with_aliases(void **state)
{
	(void)state;
	int idx[3];
	const char *err = NULL;
	const char *const h1[] = {" 序号 ", "公民身份号码", "\u3000姓名\u3000"};
	assert_int_equal(header_of(h1, 3, idx, &err), 0);
	assert_int_equal(idx[0], 2);
	assert_int_equal(idx[1], 1);
	assert_int_equal(idx[2], -1);
	const char *const h2[] = {"ＮＯＴＥ", "姓名", "身份证号码"}; /* full-width, any case */
	assert_int_equal(header_of(h2, 3, idx, &err), 0);
	assert_int_equal(idx[0], 1);
	assert_int_equal(idx[1], 2);
	assert_int_equal(idx[2], 0);
	const char *const h3[] = {"姓名", "电话"};
	assert_int_equal(header_of(h3, 2, idx, &err), -1);
	assert_string_equal(err, "表头缺少 身份证号 列");
	const char *const h4[] = {"姓名", "身份证号", "公民身份号码"};
	assert_int_equal(header_of(h4, 3, idx, &err), -1);
	assert_string_equal(err, "表头中 身份证号 列出现了两次");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(quoted_fields_keep_commas_and_doubled_quotes),
	    cmocka_unit_test(line_breaks_inside_quotes_keep_later_line_numbers_right),
	    cmocka_unit_test(crlf_and_blank_rows),
	    cmocka_unit_test(byte_order_mark_is_dropped),
	    cmocka_unit_test(gb18030_files_are_converted),
	    cmocka_unit_test(text_in_neither_encoding_is_refused_as_a_whole),
	    cmocka_unit_test(delimiters_are_detected),
	    cmocka_unit_test(bad_rows_are_collected_and_the_import_goes_on),
	    cmocka_unit_test(an_unclosed_quote_is_a_row_error),
	    cmocka_unit_test(limits_are_checked),
	    cmocka_unit_test(progress_is_reported_for_big_files),
	    cmocka_unit_test(header_names_map_to_columns_with_aliases),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
