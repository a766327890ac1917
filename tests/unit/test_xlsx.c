/* XLSX import: workbooks written by libxlsxwriter read back cell by cell
 * (shared and inline strings, numbers as written, dates by their format,
 * gaps, empty rows, only the first sheet, row numbers from the file);
 * hostile packages built with libzip refused as a whole with a Chinese
 * message; the limits of struct csv_options; then the pinyin of names and
 * the collation keys that order lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "core/buf.h"
#include "core/collate.h"
#include "core/pinyin.h"
#include "core/xlsx_read.h"

static struct arena a;
static struct buf seen; /* every row handed over: "line:field|field\n" */
static char dir[64];    /* where the workbooks are written */

static int setup(void **state)
{
	(void)state;
	arena_init(&a, 256 << 20);
	buf_init(&seen, 16 << 20);
	strcpy(dir, "/tmp/test_xlsx_XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return -1;
	buf_free(&seen);
	arena_free(&a);
	return 0;
}

static char *path_of(const char *name)
{
	static char p[128];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	rewind(f);
	unsigned char *d = arena_alloc(&a, (size_t)len + 1);
	assert_non_null(d);
	assert_int_equal(fread(d, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return d;
}

/* Keeps the tests' small workbooks as fuzzing seeds when asked
 * (XLSX_SEEDS=tests/fuzz/seeds/fuzz_xlsx), after the byte fuzz_xlsx reads
 * its mode from (0: the package as it is, default limits). */
static void keep_seed(const char *name, const unsigned char *d, size_t n)
{
	const char *to = getenv("XLSX_SEEDS");
	if (!to || !name || n > 4096)
		return;
	char p[512];
	snprintf(p, sizeof p, "%s/%s.xlsx", to, name);
	FILE *f = fopen(p, "wb");
	if (f) {
		fputc(0, f);
		fwrite(d, 1, n, f);
		fclose(f);
	}
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

/* Reads a workbook's bytes with these options (row: collect) and returns what was seen. */
static const char *run_with(struct csv_import *imp, const unsigned char *d, size_t n, struct csv_options o)
{
	buf_reset(&seen);
	if (!o.row)
		o.row = collect;
	int rc = table_import_run(imp, &a, d, n, &o);
	assert_true(rc == 0 || rc == -1);
	assert_true((rc == -1) == (imp->fatal != NULL));
	buf_putc(&seen, 0);
	return seen.data;
}

static const char *run_file(struct csv_import *imp, const char *name)
{
	size_t n;
	unsigned char *d = slurp(path_of(name), &n);
	return run_with(imp, d, n, (struct csv_options){.max_bytes = 64 << 20});
}

/* ---- packages built by hand ---- */

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define WORKBOOK                                                                                               \
	"<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets><sheet name=\"人员\" sheetId=\"1\" " \
	"r:id=\"rId1\"/></sheets></workbook>"
#define RELS                                                                                                 \
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"             \
	"<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"         \
	"<Relationship Id=\"rId2\" Type=\"" NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"         \
	"<Relationship Id=\"rId3\" Type=\"" NS_REL "/styles\" Target=\"/xl/styles.xml\"/></Relationships>"

struct zpart {
	const char *name, *text;
};

/* A ZIP package of these parts (NULL text: left out), deflated. */
static unsigned char *make_zip(const struct zpart *parts, int nparts, size_t *n)
{
	const char *p = path_of("hand.zip");
	int err;
	zip_t *z = zip_open(p, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(z);
	for (int i = 0; i < nparts; i++) {
		if (!parts[i].text)
			continue;
		zip_source_t *s = zip_source_buffer(z, parts[i].text, strlen(parts[i].text), 0);
		assert_non_null(s);
		assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	return slurp(p, n);
}

/* A workbook of the first sheet's rows (sheetData's content) and the other
 * parts as given (NULL: none). */
static unsigned char *make_book(const char *workbook, const char *sst, const char *styles, const char *rows,
                                size_t *n)
{
	char *sheet =
	    arena_printf(&a, "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>%s</sheetData></worksheet>", rows);
	const struct zpart parts[] = {
	    {"[Content_Types].xml",
	     "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
	    {"xl/workbook.xml", workbook},
	    {"xl/_rels/workbook.xml.rels", RELS},
	    {"xl/worksheets/sheet1.xml", sheet},
	    {"xl/sharedStrings.xml", sst},
	    {"xl/styles.xml", styles},
	};
	return make_zip(parts, 6, n);
}

static const char *run_book(struct csv_import *imp, const char *name, const char *workbook, const char *sst,
                            const char *styles, const char *rows, struct csv_options o)
{
	size_t n;
	unsigned char *d = make_book(workbook, sst, styles, rows, &n);
	keep_seed(name, d, n);
	return run_with(imp, d, n, o);
}

/* Finds name's headers in a package and sets the uncompressed size both
 * declare (local header and central directory) to size. */
static void lie_about_size(unsigned char *d, size_t n, const char *name, uint32_t size)
{
	size_t k = strlen(name);
	int patched = 0;
	for (size_t i = 0; i + 46 + k <= n; i++) {
		if (!memcmp(d + i, "PK\x03\x04", 4) && !memcmp(d + i + 30, name, k)) {
			memcpy(d + i + 22, &size, 4);
			patched++;
		} else if (!memcmp(d + i, "PK\x01\x02", 4) && !memcmp(d + i + 46, name, k)) {
			memcpy(d + i + 24, &size, 4);
			patched++;
		}
	}
	assert_int_equal(patched, 2);
}

/* ---- workbooks written by libxlsxwriter ---- */

static void cells_come_back_as_written(void **state)
{
	(void)state;
	lxw_workbook *wb = workbook_new(path_of("cells.xlsx"));
	lxw_worksheet *ws = workbook_add_worksheet(wb, "居民");
	lxw_worksheet *other = workbook_add_worksheet(wb, "说明");
	lxw_format *ymd = workbook_add_format(wb);
	format_set_num_format(ymd, "yyyy-mm-dd");
	lxw_format *builtin = workbook_add_format(wb);
	format_set_num_format_index(builtin, 14);
	lxw_format *chinese = workbook_add_format(wb);
	format_set_num_format(chinese, "yyyy\"年\"m\"月\"d\"日\"");
	lxw_format *red = workbook_add_format(wb);
	format_set_num_format(red, "[Red]0.00");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	const char *head[] = {"姓名", "身份证号", "年龄", "出生日期", "登记日", "入住日", "余额", "备注"};
	for (int c = 0; c < 8; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], bold);
	worksheet_write_string(ws, 1, 0, "张三丰", NULL);
	worksheet_write_number(ws, 1, 1, 110101199003071234.0, NULL); /* an ID Excel kept as a number */
	worksheet_write_number(ws, 1, 2, 36, NULL);
	lxw_datetime born = {1990, 3, 7, 0, 0, 0};
	worksheet_write_datetime(ws, 1, 3, &born, ymd);
	lxw_datetime reg = {2024, 2, 29, 13, 30, 0};
	worksheet_write_datetime(ws, 1, 4, &reg, builtin);
	lxw_datetime in = {1900, 1, 1, 0, 0, 0};
	worksheet_write_datetime(ws, 1, 5, &in, chinese);
	worksheet_write_number(ws, 1, 6, 12.5, red);
	worksheet_write_string(ws, 1, 7, "独居老人 · 幸福里3号楼", NULL);
	/* A sparse row, two empty rows (one only styled), then booleans and a formula. */
	worksheet_write_string(ws, 2, 0, "李四", NULL);
	worksheet_write_string(ws, 2, 3, "D列", NULL);
	worksheet_write_blank(ws, 4, 2, bold);
	worksheet_write_boolean(ws, 5, 0, 1, NULL);
	worksheet_write_boolean(ws, 5, 1, 0, NULL);
	worksheet_write_formula_num(ws, 5, 2, "=1+1", NULL, 2);
	worksheet_write_string(ws, 5, 3, "", NULL);
	worksheet_write_string(ws, 9, 1, "第十行", NULL);
	worksheet_write_string(other, 0, 0, "不该读到", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	struct csv_import imp;
	const char *got = run_file(&imp, "cells.xlsx");
	assert_null(imp.fatal);
	assert_string_equal(imp.encoding, "XLSX");
	assert_string_equal(got, "1:姓名|身份证号|年龄|出生日期|登记日|入住日|余额|备注\n"
	                         "2:张三丰|1.101011990030712E+17|36|1990-03-07|2024-02-29|1900-01-01|12.5|"
	                         "独居老人 · 幸福里3号楼\n"
	                         "3:李四|||D列\n"
	                         "6:TRUE|FALSE|2\n"
	                         "10:|第十行\n");
	assert_int_equal(imp.rows, 5);
	assert_int_equal(imp.nerrors, 0);
}

static void inline_and_rich_strings_are_joined(void **state)
{
	(void)state;
	/* constant_memory: libxlsxwriter writes strings inline, as some tools do. */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(path_of("inline.xlsx"), &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	worksheet_write_string(ws, 0, 0, "王五", NULL);
	worksheet_write_string(ws, 0, 2, "欧阳娜娜", NULL);
	worksheet_write_number(ws, 1, 1, -0.25, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	struct csv_import imp;
	assert_string_equal(run_file(&imp, "inline.xlsx"), "1:王五||欧阳娜娜\n2:|-0.25\n");

	wb = workbook_new(path_of("rich.xlsx"));
	ws = workbook_add_worksheet(wb, NULL);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_rich_string_tuple f1 = {.format = NULL, .string = "幸福里"};
	lxw_rich_string_tuple f2 = {.format = bold, .string = "3号楼"};
	lxw_rich_string_tuple *runs[] = {&f1, &f2, NULL};
	worksheet_write_rich_string(ws, 0, 0, runs, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	assert_string_equal(run_file(&imp, "rich.xlsx"), "1:幸福里3号楼\n");
}

struct progress {
	int calls, last_rows;
	size_t last_done, total;
};

static void on_progress(void *ctx, int rows, size_t done, size_t total)
{
	struct progress *q = ctx;
	assert_true(rows >= q->last_rows && done >= q->last_done && done <= total);
	q->calls++;
	q->last_rows = rows;
	q->last_done = done;
	q->total = total;
}

static void a_workbook_of_many_rows_reports_progress(void **state)
{
	(void)state;
	lxw_workbook *wb = workbook_new(path_of("many.xlsx"));
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	for (int r = 0; r < 2500; r++) {
		char name[32];
		snprintf(name, sizeof name, "居民%d", r % 100);
		worksheet_write_string(ws, (lxw_row_t)r, 0, name, NULL);
		worksheet_write_number(ws, (lxw_row_t)r, 1, r, NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	struct progress p = {0};
	size_t n;
	unsigned char *d = slurp(path_of("many.xlsx"), &n);
	struct csv_import imp;
	const char *got = run_with(&imp, d, n, (struct csv_options){.progress = on_progress, .ctx = &p});
	assert_null(imp.fatal);
	assert_int_equal(imp.rows, 2500);
	assert_non_null(strstr(got, "\n2500:居民99|2499\n"));
	assert_int_equal(p.calls, 3); /* at 1000, 2000 and the end */
	assert_int_equal(p.last_rows, 2500);
	assert_int_equal(p.last_done, p.total);

	/* Past max_rows: refused as a whole. */
	run_with(&imp, d, n, (struct csv_options){.max_rows = 2000});
	assert_string_equal(imp.fatal, "超过 2000 行,请分成几个文件导入");
}

static int stop_at_second_row(struct csv_import *imp, const struct csv_row *row, void *ctx)
{
	(void)ctx;
	return row->index == 1 ? csv_import_fail(imp, "身份证号有误,已停止") : 0;
}

static void row_limits_are_row_errors(void **state)
{
	(void)state;
	lxw_workbook *wb = workbook_new(path_of("wide.xlsx"));
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	worksheet_write_string(ws, 0, 0, "姓名", NULL);
	worksheet_write_string(ws, 1, 0, "张三", NULL);
	worksheet_write_string(ws, 1, 5, "第六列", NULL);
	worksheet_write_string(ws, 2, 0, "很长很长的名字", NULL);
	worksheet_write_string(ws, 3, 0, "李四", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	size_t n;
	unsigned char *d = slurp(path_of("wide.xlsx"), &n);
	struct csv_import imp;
	const char *got = run_with(&imp, d, n, (struct csv_options){.max_fields = 3, .max_field_bytes = 12});
	assert_null(imp.fatal);
	assert_string_equal(got, "1:姓名\n4:李四\n");
	assert_int_equal(imp.rows, 4);
	assert_int_equal(imp.nerrors, 2);
	assert_string_equal(csv_errors_text(&imp, 5), "第 2 行:超过 3 列; 第 3 行:有一项超过 12 字节");

	/* The callback stops the import: refused with its reason. */
	assert_int_equal(table_import_run(&imp, &a, d, n, &(struct csv_options){.row = stop_at_second_row}),
	                 -1);
	assert_string_equal(imp.fatal, "身份证号有误,已停止");

	/* Over max_bytes as a file. */
	run_with(&imp, d, n, (struct csv_options){.max_bytes = 1024});
	assert_string_equal(imp.fatal, "文件太大:最多 1 KB");
}

/* What the user does not see on opening the file is not read unseen: a
 * hidden sheet is passed over for the first shown one, a hidden row is a
 * row error. */
static void hidden_sheets_and_rows_are_not_read_unseen(void **state)
{
	(void)state;
	lxw_workbook *wb = workbook_new(path_of("hidden.xlsx"));
	lxw_worksheet *secret = workbook_add_worksheet(wb, "另一张");
	lxw_worksheet *shown = workbook_add_worksheet(wb, "名单");
	worksheet_write_string(secret, 0, 0, "隐藏的表", NULL);
	worksheet_write_string(shown, 0, 0, "姓名", NULL);
	worksheet_write_string(shown, 1, 0, "张三", NULL);
	worksheet_write_string(shown, 2, 0, "藏起来的一行", NULL);
	lxw_row_col_options hide = {.hidden = 1};
	worksheet_set_row_opt(shown, 2, LXW_DEF_ROW_HEIGHT, NULL, &hide);
	worksheet_write_string(shown, 3, 0, "李四", NULL);
	worksheet_activate(shown);
	worksheet_hide(secret);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	size_t n;
	unsigned char *d = slurp(path_of("hidden.xlsx"), &n);
	keep_seed("hidden.xlsx", d, n);
	struct csv_import imp;
	const char *got = run_with(&imp, d, n, (struct csv_options){0});
	assert_null(imp.fatal);
	assert_string_equal(got, "1:姓名\n2:张三\n4:李四\n");
	assert_int_equal(imp.nerrors, 1);
	assert_string_equal(csv_errors_text(&imp, 5), "第 3 行:这一行在 Excel 中被隐藏了:请取消隐藏后核对,不需要的请删除");
	/* a workbook whose every sheet is hidden has nothing to read */
	const char *all_hidden = "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets><sheet name=\"人员\" "
	                         "sheetId=\"1\" state=\"veryHidden\" r:id=\"rId1\"/></sheets></workbook>";
	run_book(&imp, "all-hidden.xlsx", all_hidden, NULL, NULL, "<row r=\"1\"><c t=\"inlineStr\"><is><t>x</t></is></c></row>",
	         (struct csv_options){0});
	assert_string_equal(imp.fatal, "工作簿里没有显示出来的工作表");
}

static void csv_and_old_excel_files_are_told_apart(void **state)
{
	(void)state;
	struct csv_import imp;
	const char *csv = "姓名,电话\n张三,13800138000\n";
	assert_string_equal(run_with(&imp, (const unsigned char *)csv, strlen(csv), (struct csv_options){0}),
	                    "1:姓名|电话\n2:张三|13800138000\n");
	assert_string_equal(imp.encoding, "UTF-8");
	const unsigned char xls[16] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	run_with(&imp, xls, sizeof xls, (struct csv_options){0});
	assert_string_equal(imp.fatal, "这是旧版 Excel(.xls)或设了密码的文件,请另存为 XLSX 或 CSV 再导入");
	assert_int_equal(xlsx_looks_like("PK\x03\x04", 4), 1);
	assert_int_equal(xlsx_looks_like("PK\x03", 3), 0);
	assert_int_equal(xlsx_import_run(&imp, &a, csv, strlen(csv), &(struct csv_options){0}), -1);
	assert_string_equal(imp.fatal, "这不是 XLSX 文件,请在 Excel 或 WPS 里另存为 XLSX 再导入");
}

/* ---- packages built by hand: what other programs write ---- */

static void shared_strings_skip_phonetic_runs_and_join_rich_text(void **state)
{
	(void)state;
	const char *sst =
	    "<sst xmlns=\"" NS_MAIN "\"><si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh></si>"
	    "<si><r><t>张</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> 三</t></r></si>"
	    "<si><t/></si><si/></sst>";
	const char *rows =
	    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c>"
	    "<c r=\"C2\" t=\"s\"><v>2</v></c><c r=\"D2\" t=\"s\"><v>3</v></c>"
	    "<c r=\"E2\" t=\"e\"><v>#N/A</v></c><c r=\"F2\" t=\"str\"><f>A2</f><v>漢字</v></c></row>"
	    /* cells without r follow the previous one; a row without r the previous row */
	    "<row><c t=\"inlineStr\"><is><t>无</t></is></c><c><v>7</v></c></row>";
	struct csv_import imp;
	assert_string_equal(run_book(&imp, "phonetic", WORKBOOK, sst, NULL, rows, (struct csv_options){0}),
	                    "2:漢字|张 三|||#N/A|漢字\n3:无|7\n");
	assert_null(imp.fatal);
}

static void escapes_excel_writes_are_decoded(void **state)
{
	(void)state;
	/* _xHHHH_ for what XML cannot hold; _x005F_ for a "_" that would start one;
	 * a pair of escapes for a character past U+FFFF; half a pair and NUL kept as written. */
	const char *sst =
	    "<sst><si><t>a_x000D_b_x005F_x0041_c_xD83D__xDE00__xDE00__x0000__x12_</t></si></sst>";
	const char *rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
	                   "<c r=\"B1\" t=\"inlineStr\"><is><t>_x4E00_二</t></is></c>"
	                   "<c r=\"C1\" t=\"str\"><v>_x0031_</v></c><c r=\"D1\"><v>1</v></c></row>";
	struct csv_import imp;
	assert_string_equal(run_book(&imp, "escapes", WORKBOOK, sst, NULL, rows, (struct csv_options){0}),
	                    "1:a\rb_x0041_c😀_xDE00__x0000__x12_|一二|1|1\n");
	assert_null(imp.fatal);
}

static void dates_follow_the_workbook_date_system(void **state)
{
	(void)state;
	const char *styles = "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"2\">"
	                     "<numFmt numFmtId=\"164\" formatCode=\"[$-804]yyyy/m/d\"/>"
	                     "<numFmt numFmtId=\"165\" formatCode=\"&quot;dd&quot;0.0\"/></numFmts>"
	                     "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
	                     "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
	                     "<xf numFmtId=\"31\"/></cellXfs></styleSheet>";
	const char *rows = "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>1.5</v></c>"
	                   "<c r=\"C1\" s=\"2\"><v>33000</v></c><c r=\"D1\" s=\"3\"><v>33000</v></c>"
	                   "<c r=\"E1\" s=\"0\"><v>33000</v></c><c r=\"F1\" s=\"1\"><v>-3</v></c>"
	                   "<c r=\"G1\" s=\"9\"><v>5</v></c></row>";
	const char *wb1904 =
	    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><workbookPr date1904=\"1\"/>"
	    "<sheets><sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	struct csv_import imp;
	/* 1904: day 0 is 1904-01-01; a quoted "dd" is no date; style 9 does not exist. */
	assert_string_equal(run_book(&imp, "date1904", wb1904, NULL, styles, rows, (struct csv_options){0}),
	                    "1:1904-01-01|1904-01-02|33000|1994-05-08|33000|-3|5\n");
	/* 1900: day 0 is no date, 1 is 1900-01-01, 60 the day Excel believes 1900 had. */
	const char *rows1900 = "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>1</v></c>"
	                       "<c r=\"C1\" s=\"1\"><v>59</v></c><c r=\"D1\" s=\"1\"><v>60</v></c>"
	                       "<c r=\"E1\" s=\"1\"><v>61</v></c><c r=\"F1\" s=\"3\"><v>32939</v></c>"
	                       "<c r=\"G1\" s=\"1\"><v>2958466</v></c></row>";
	assert_string_equal(
	    run_book(&imp, "date1900", WORKBOOK, NULL, styles, rows1900, (struct csv_options){0}),
	    "1:0|1900-01-01|1900-02-28|1900-02-29|1900-03-01|1990-03-07|2958466\n");
}

/* ---- hostile packages ---- */

static void a_package_without_a_workbook_is_refused(void **state)
{
	(void)state;
	const struct zpart parts[] = {{"word/document.xml", "<document/>"}};
	size_t n;
	unsigned char *d = make_zip(parts, 1, &n);
	struct csv_import imp;
	run_with(&imp, d, n, (struct csv_options){0});
	assert_string_equal(imp.fatal, "这不是 Excel 工作簿(XLSX):文件里没有工作簿");
	assert_int_equal(imp.rows, 0);
	/* A workbook without sheets, or whose sheet is not in the package. */
	run_book(&imp, "nosheet", "<workbook><sheets/></workbook>", NULL, NULL, "", (struct csv_options){0});
	assert_string_equal(imp.fatal, "工作簿里没有显示出来的工作表");
	const char *wb2 =
	    "<workbook xmlns:r=\"" NS_REL "\"><sheets><sheet r:id=\"rId9\"/></sheets></workbook>";
	run_book(&imp, "norel", wb2, NULL, NULL, "", (struct csv_options){0});
	assert_string_equal(imp.fatal, "文件已损坏,无法读取,请用 Excel 或 WPS 打开后另存为 XLSX 再导入");
}

static void doctypes_and_entities_are_refused(void **state)
{
	(void)state;
	const char *unsafe = "文件里有不允许的内容,请用 Excel 或 WPS 打开后另存为 XLSX 再导入";
	const char *rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>";
	const char *ssts[] = {
	    "<!DOCTYPE sst [<!ENTITY a \"张三\">]><sst><si><t>&a;</t></si></sst>",
	    "<!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><sst><si><t>&x;</t></si></sst>",
	    "<!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
	    "<sst><si><t>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</t></si></sst>",
	    "<!DOCTYPE sst SYSTEM \"http://127.0.0.1:9/x.dtd\"><sst><si><t>a</t></si></sst>",
	};
	struct csv_import imp;
	for (int i = 0; i < 4; i++) {
		run_book(&imp, i ? NULL : "doctype", WORKBOOK, ssts[i], NULL, rows, (struct csv_options){0});
		assert_string_equal(imp.fatal, unsafe);
		assert_int_equal(imp.rows, 0);
	}
	/* An entity used without a DOCTYPE is no well-formed XML. */
	run_book(&imp, NULL, WORKBOOK, "<sst><si><t>&a;</t></si></sst>", NULL, rows, (struct csv_options){0});
	assert_string_equal(imp.fatal, "文件已损坏,无法读取,请用 Excel 或 WPS 打开后另存为 XLSX 再导入");
}

static void sizes_that_lie_and_bombs_are_refused(void **state)
{
	(void)state;
	/* 1.5 MB of one repeated row (rows and cells may leave out r=): a few KB once deflated. */
	struct buf big;
	buf_init(&big, 8 << 20);
	for (int r = 1; r <= 40000; r++)
		BUF_LIT(&big, "<row><c><v>1234567890</v></c></row>");
	assert_false(big.err);
	size_t n;
	unsigned char *d = make_book(WORKBOOK, NULL, NULL, big.data, &n);
	buf_free(&big);
	assert_true(n < 64 << 10);
	struct csv_import imp;
	/* 64 KB may unzip to 1 MB: the sheet declares more. */
	run_with(&imp, d, n, (struct csv_options){.max_bytes = 64 << 10});
	assert_string_equal(imp.fatal, "文件解压后太大:最多 1 MB");
	assert_int_equal(imp.rows, 0);
	/* The same sheet declaring 100 bytes: found out while reading. */
	lie_about_size(d, n, "xl/worksheets/sheet1.xml", 100);
	run_with(&imp, d, n, (struct csv_options){.max_bytes = 64 << 10});
	assert_string_equal(imp.fatal, "文件解压后太大:最多 1 MB");
	/* A part (read to its end) declaring more than it holds. */
	d = make_book(WORKBOOK, NULL, NULL, "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", &n);
	lie_about_size(d, n, "xl/_rels/workbook.xml.rels", 100000);
	run_with(&imp, d, n, (struct csv_options){0});
	assert_string_equal(imp.fatal, "文件已损坏,无法读取,请用 Excel 或 WPS 打开后另存为 XLSX 再导入");
}

static void bad_cell_references_are_refused(void **state)
{
	(void)state;
	struct csv_import imp;
	struct {
		const char *rows, *fatal;
	} cases[] = {
	    {"<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>",
	     "文件已损坏:第 1 行有一个单元格的位置 XFE1 不对"},
	    {"<row r=\"1\"><c r=\"A0\"><v>1</v></c></row>", "文件已损坏:第 1 行有一个单元格的位置 A0 不对"},
	    {"<row r=\"3\"><c r=\"A4\"><v>1</v></c></row>", "文件已损坏:第 3 行有一个单元格的位置 A4 不对"},
	    {"<row r=\"2\"><c r=\"B2\"><v>1</v></c><c r=\"A2\"><v>1</v></c></row>",
	     "文件已损坏:第 2 行有一个单元格的位置 A2 不对"},
	    {"<row r=\"2\"><c r=\"1A\"><v>1</v></c></row>", "文件已损坏:第 2 行有一个单元格的位置 1A 不对"},
	    {"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>",
	     "文件已损坏,无法读取,请用 Excel 或 WPS 打开后另存为 XLSX 再导入"},
	    {"<row r=\"5\"/><row r=\"4\"/>", "文件已损坏:第 5 行之后的行号不对"},
	    {"<row r=\"1048577\"/>", "文件已损坏:第一行的行号不对"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		run_book(&imp, i ? NULL : "badref", WORKBOOK, NULL, NULL, cases[i].rows,
		         (struct csv_options){0});
		assert_string_equal(imp.fatal, cases[i].fatal);
	}
	/* The last column and row Excel has are fine. */
	assert_string_equal(run_book(&imp, "lastcell", WORKBOOK, NULL, NULL,
	                             "<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>",
	                             (struct csv_options){.max_fields = 3}),
	                    "");
	assert_null(imp.fatal);
	assert_string_equal(csv_errors_text(&imp, 5), "第 1048576 行:超过 3 列");
}

static void truncated_and_damaged_packages_are_refused(void **state)
{
	(void)state;
	lxw_workbook *wb = workbook_new(path_of("cut.xlsx"));
	worksheet_write_string(workbook_add_worksheet(wb, NULL), 0, 0, "张三", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	size_t n;
	unsigned char *d = slurp(path_of("cut.xlsx"), &n);
	const char *damaged = "文件已损坏,无法读取,请用 Excel 或 WPS 打开后另存为 XLSX 再导入";
	struct csv_import imp;
	for (size_t cut = 4; cut < n; cut += n / 7) {
		run_with(&imp, d, cut, (struct csv_options){0});
		assert_string_equal(imp.fatal, damaged);
	}
	/* A byte changed inside the deflated sheet: its checksum no longer holds. */
	unsigned char *bad = arena_alloc(&a, n);
	memcpy(bad, d, n);
	for (size_t i = 0; i + 30 < n; i++)
		if (!memcmp(bad + i, "PK\x03\x04", 4) &&
		    !memcmp(bad + i + 30, "xl/worksheets/sheet1.xml", 24)) {
			bad[i + 30 + 24 + 10] ^= 0x55;
			break;
		}
	run_with(&imp, bad, n, (struct csv_options){0});
	assert_string_equal(imp.fatal, damaged);
	/* XML that is not well-formed. */
	run_book(&imp, "notxml", WORKBOOK, NULL, NULL, "<row r=\"1\"><c r=\"A1\"><v>1</c></row>",
	         (struct csv_options){0});
	assert_string_equal(imp.fatal, damaged);
}

/* ---- pinyin and collation ---- */

static void pinyin(const char *s, const char *full, const char *initials)
{
	char *f = NULL, *i = NULL;
	assert_int_equal(pinyin_of(&a, s, &f, &i), 0);
	assert_string_equal(f, full);
	assert_string_equal(i, initials);
}

static void pinyin_of_names(void **state)
{
	(void)state;
	pinyin("张三丰", "zhangsanfeng", "zsf");
	/* The first character is read as a surname (ICU's Han-Latin/Names). */
	pinyin("单田芳", "shantianfang", "stf");
	pinyin("曾国藩", "zengguofan", "zgf");
	pinyin("长江", "changjiang", "cj");
	pinyin("江长", "jiangzhang", "jz");
	/* Letters and digits kept, full-width ones folded; the rest dropped. */
	pinyin("李A·小明2", "liaxiaoming2", "laxm2");
	pinyin(" 欧阳 娜娜 ", "ouyangnana", "oynn");
	pinyin("ＷＡＮＧ　Ｆａｎｇ１２", "wangfang12", "wangfang12");
	pinyin("Zoe-阿明", "zoeaming", "zoeam");
	pinyin("", "", "");
	pinyin("😀，。", "", "");
	pinyin("𠀀", "he", "h"); /* outside the kept table: asked of ICU */
	char *f, *i;
	assert_int_equal(pinyin_of(&a, "张\xE4\xB8", &f, &i), -1);
	assert_int_equal(pinyin_of(&a, "\xC0\xAF", &f, &i), -1);
	assert_int_equal(pinyin_of(&a, "\xED\xA0\x80", &f, &i), -1); /* a surrogate */
}

struct keyed {
	const char *s;
	unsigned char *k;
	size_t n;
};

/* Names no other test has read: each thread learns their characters at once. */
static const char *const cold[] = {"龚鹏飞", "蔺相如", "诸葛孔明", "司马懿",
                                   "褚遂良", "郦道元", "阚泽",     "邝露"};
#define NCOLD (sizeof cold / sizeof *cold)

static void *pinyin_worker(void *arg)
{
	char **out = arg;
	struct arena mine;
	arena_init(&mine, 1 << 20);
	for (size_t i = 0; i < NCOLD; i++) {
		char *f, *in;
		out[i] = pinyin_of(&mine, cold[i], &f, &in) == 0 ? strdup(f) : NULL;
	}
	arena_free(&mine);
	return NULL;
}

static void pinyin_is_safe_from_threads(void **state)
{
	(void)state;
	enum { T = 4 };
	char *got[T][NCOLD];
	pthread_t th[T];
	for (int t = 0; t < T; t++)
		assert_int_equal(pthread_create(&th[t], NULL, pinyin_worker, got[t]), 0);
	for (int t = 0; t < T; t++)
		pthread_join(th[t], NULL);
	for (size_t i = 0; i < NCOLD; i++) {
		char *f, *in;
		assert_int_equal(pinyin_of(&a, cold[i], &f, &in), 0);
		for (int t = 0; t < T; t++) {
			assert_non_null(got[t][i]);
			assert_string_equal(got[t][i], f);
			free(got[t][i]);
		}
	}
	char *f, *in;
	assert_int_equal(pinyin_of(&a, "诸葛孔明", &f, &in), 0);
	assert_string_equal(f, "zhugekongming");
}

static int by_key(const void *x, const void *y)
{
	const struct keyed *p = x, *q = y;
	int c = memcmp(p->k, q->k, p->n < q->n ? p->n : q->n);
	return c ? c : (p->n > q->n) - (p->n < q->n);
}

static int by_collate(const void *x, const void *y)
{
	return collate_zh(*(const char *const *)x, *(const char *const *)y);
}

static void collation_keys_order_as_collate_zh(void **state)
{
	(void)state;
	const char *names[] = {"张三",   "李四", "王五", "阿明",   "赵六",   "安娜", "Zoe", "欧阳娜娜",
	                       "张三丰", "张",   "",     "单田芳", "曾国藩", "abc",  "ABC", "李四"};
	enum { N = sizeof names / sizeof *names };
	struct keyed keyed[N];
	const char *sorted[N];
	for (int i = 0; i < N; i++) {
		keyed[i].s = sorted[i] = names[i];
		keyed[i].k = collate_zh_key(&a, names[i], &keyed[i].n);
		assert_non_null(keyed[i].k);
	}
	qsort(keyed, N, sizeof *keyed, by_key);
	qsort(sorted, N, sizeof *sorted, by_collate);
	for (int i = 0; i < N; i++)
		assert_string_equal(keyed[i].s, sorted[i]);
	/* Pinyin order: ā(阿), ān(安), lǐ, ōu, wáng, zhāng, zhào. */
	assert_string_equal(sorted[1], "阿明");
	assert_string_equal(sorted[2], "安娜");
	size_t n1, n2;
	unsigned char *k1 = collate_zh_key(&a, "李四", &n1), *k2 = collate_zh_key(&a, "李四", &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(k1, k2, n1);
	/* Not UTF-8: still a key, never a crash. */
	assert_non_null(collate_zh_key(&a, "\xFF\xFE", &n1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cells_come_back_as_written),
	    cmocka_unit_test(inline_and_rich_strings_are_joined),
	    cmocka_unit_test(a_workbook_of_many_rows_reports_progress),
	    cmocka_unit_test(row_limits_are_row_errors),
	    cmocka_unit_test(hidden_sheets_and_rows_are_not_read_unseen),
	    cmocka_unit_test(csv_and_old_excel_files_are_told_apart),
	    cmocka_unit_test(shared_strings_skip_phonetic_runs_and_join_rich_text),
	    cmocka_unit_test(escapes_excel_writes_are_decoded),
	    cmocka_unit_test(dates_follow_the_workbook_date_system),
	    cmocka_unit_test(a_package_without_a_workbook_is_refused),
	    cmocka_unit_test(doctypes_and_entities_are_refused),
	    cmocka_unit_test(sizes_that_lie_and_bombs_are_refused),
	    cmocka_unit_test(bad_cell_references_are_refused),
	    cmocka_unit_test(truncated_and_damaged_packages_are_refused),
	    cmocka_unit_test(pinyin_of_names),
	    cmocka_unit_test(pinyin_is_safe_from_threads),
	    cmocka_unit_test(collation_keys_order_as_collate_zh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
