/* The helpers every module's views share: links, tables and their exports,
 * form fields, the pager and filters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "web/form.h"
#include "web/upload.h"
#include "web/html.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"
#include "web/qr.h"

static struct buf out;
static struct arena arena;
static struct req req;

static int setup(void **state)
{
	(void)state;
	buf_init(&out, 1 << 20);
	arena_init(&arena, 1 << 22);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	buf_free(&out);
	arena_free(&arena);
	return 0;
}

/* A request for path?query with an empty page. */
static struct req *request(const char *path, const char *query)
{
	buf_reset(&out);
	arena_reset(&arena);
	memset(&req, 0, sizeof req);
	req.a = &arena;
	req.out = &out;
	req.path = path;
	req.csrf = "tok";
	assert_int_equal(parse_urlencoded(&arena, query, strlen(query), &req.q), PARSE_OK);
	return &req;
}

static const char *page(void)
{
	return out.data ? out.data : "";
}

#define HAS(s) assert_non_null(strstr(page(), s))
#define LACKS(s) assert_null(strstr(page(), s))

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void community_links_escape_slug_and_keep_paths(void **state)
{
	(void)state;
	request("/", "");
	h_clink(&out, "xingfuli", "/board/");
	assert_string_equal(page(), "/c/xingfuli/board/");
	buf_reset(&out);
	h_clink(&out, "a b\"/<", "/board/?a=1&b=2");
	assert_string_equal(page(), "/c/a%20b%22%2F%3C/board/?a=1&amp;b=2");
	buf_reset(&out);
	h_clink_id(&out, "x", "/board/", 42, "/file/");
	h_clink_id(&out, "x", "/log/leaf/", 7, NULL);
	assert_string_equal(page(), "/c/x/board/42/file//c/x/log/leaf/7");
	buf_reset(&out);
	h_clink_a(&out, "x", "/", "幸福里<社区>");
	assert_string_equal(page(), "<a href=\"/c/x/\">幸福里&lt;社区&gt;</a>");
	buf_reset(&out);
	h_link(&out, "javascript:alert(1)", "x");
	assert_string_equal(page(), "<a href=\"#\">x</a>");
	/* The arena forms are the plain URL, for form actions and redirects. */
	assert_string_equal(url_c(&arena, "幸福", "/admin/board/settings"),
			    "/c/%E5%B9%B8%E7%A6%8F/admin/board/settings");
	assert_string_equal(url_c_id(&arena, "x", "/board/", 9, "/objection#objection"),
			    "/c/x/board/9/objection#objection");
	assert_string_equal(url_c_id(&arena, "x", "/board/?a=1&item=", -3, NULL), "/c/x/board/?a=1&item=-3");
}

static void a_changed_query_parameter_keeps_the_others_escaped(void **state)
{
	(void)state;
	struct req *r = request("/c/x/board/", "item=5&year=2026&page=3&q=a%26b%3D%23");
	/* A new filter starts again at the first page. */
	assert_string_equal(url_with(r, "year", "2025"), "/c/x/board/?item=5&year=2025&q=a%26b%3D%23");
	assert_string_equal(url_with(r, "page", "4"), "/c/x/board/?item=5&year=2026&page=4&q=a%26b%3D%23");
	assert_string_equal(url_with(r, "item", NULL), "/c/x/board/?year=2026&q=a%26b%3D%23");
	assert_string_equal(url_with(r, "new", "\"><script>"),
			    "/c/x/board/?item=5&year=2026&q=a%26b%3D%23&new=%22%3E%3Cscript%3E");
	assert_string_equal(url_with(r, "名 称", "值&"),
			    "/c/x/board/?item=5&year=2026&q=a%26b%3D%23&%E5%90%8D%20%E7%A7%B0=%E5%80%BC%26");
	/* A repeated parameter becomes one, where it first stood. */
	r = request("/l", "a=1&b=2&a=3");
	assert_string_equal(url_with(r, "a", "9"), "/l?a=9&b=2");
	r = request("/l", "page=2");
	assert_string_equal(url_with(r, "page", NULL), "/l");
	assert_string_equal(url_with_path(r, "/l.csv", "page", NULL), "/l.csv");
}

static void page_numbers_from_outside_are_bounded(void **state)
{
	(void)state;
	assert_int_equal(page_param(request("/l", "")), 1);
	assert_int_equal(page_param(request("/l", "page=2")), 2);
	assert_int_equal(page_param(request("/l", "page=100000")), 100000);
	static const char *const bad[] = {"page=0",
					  "page=-1",
					  "page=x",
					  "page=100001",
					  "page=2%20",
					  "page=",
					  "page=99999999999999999999",
					  "page=1&page=2",
					  "page=%2B3e1"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (page_param(request("/l", bad[i])) != -1)
			fail_msg("%s was taken", bad[i]);
	int64_t off = -1;
	assert_int_equal(page_offset(3, 20, &off), 0);
	assert_int_equal(off, 40);
	assert_int_equal(page_offset(1, 50, &off), 0);
	assert_int_equal(off, 0);
	assert_int_equal(page_offset(INT64_MAX, 50, &off), -1);
	assert_int_equal(page_offset(((int64_t)1 << 62) + 2, 2, &off), -1);
	assert_int_equal(page_offset(0, 50, &off), -1);
	assert_int_equal(page_offset(2, 0, &off), -1);
}

static void the_pager_keeps_the_filters(void **state)
{
	(void)state;
	struct req *r = request("/c/x/board/", "item=5&page=2");
	page_pager(r, 2, 1);
	assert_string_equal(
	    page(),
	    "<nav class=\"pager\" aria-label=\"翻页\"><a rel=\"prev\" href=\"/c/x/board/?item=5\">上一页</a>"
	    "<span aria-current=\"page\">第 2 页</span>"
	    "<a rel=\"next\" href=\"/c/x/board/?item=5&amp;page=3\">下一页</a></nav>");
	r = request("/c/x/board/", "item=5");
	page_pager(r, 1, 0);
	assert_string_equal(page(), "");
	page_pager(r, PAGE_MAX, 1);
	LACKS("下一页");
}

static void filter_links_mark_the_current_choice(void **state)
{
	(void)state;
	struct req *r = request("/c/x/board/", "year=2025&item=3&page=4");
	static const struct form_option years[] = {{"2026", "2026 年", NULL}, {"2025", "2025 年", NULL}};
	filter_links(r, "按年份筛选", "year", "全部年份", years, 2);
	assert_string_equal(
	    page(), "<nav class=\"filters\" aria-label=\"按年份筛选\">"
		    "<a href=\"/c/x/board/?item=3\">全部年份</a>"
		    "<a href=\"/c/x/board/?year=2026&amp;item=3\">2026 年</a>"
		    "<a href=\"/c/x/board/?year=2025&amp;item=3\" aria-current=\"page\">2025 年</a></nav>");
	r = request("/c/x/board/", "");
	filter_links(r, "按年份筛选", "year", "全部年份", years, 2);
	HAS("<a href=\"/c/x/board/\" aria-current=\"page\">全部年份</a>");
	assert_int_equal(count(page(), "aria-current"), 1);
}

static void the_filter_bar_carries_the_other_parameters(void **state)
{
	(void)state;
	struct req *r = request("/c/x/admin/audit", "kind=%22%3E&action=login&page=3");
	static const char *const names[] = {"action"};
	filter_begin(r, "筛选审计记录", names, 1);
	static const struct form_option actions[] = {{"login", "登录", NULL}, {"logout", "退出", NULL}};
	form_select(r,
		    &(struct form_field){.name = "action", .label = "操作", .value = kv_get(&r->q, "action")},
		    actions, 2);
	filter_end(r, NULL);
	HAS("<form class=\"filterbar\" method=\"get\" role=\"search\" aria-label=\"筛选审计记录\" action=\"/c/x/admin/audit\">");
	HAS("<input type=\"hidden\" name=\"kind\" value=\"&quot;&gt;\">");
	LACKS("name=\"page\"");
	LACKS("type=\"hidden\" name=\"action\"");
	LACKS("csrf"); /* a GET form changes nothing */
	HAS("<option value=\"login\" selected>登录</option>");
	HAS("<button type=\"submit\">筛选</button></div></form>");
}

static void export_links_sit_beside_the_list_with_its_filters(void **state)
{
	(void)state;
	struct req *r = request("/c/x/admin/audit", "page=3&kind=a%20b");
	export_links(r, NULL);
	assert_string_equal(
	    page(), "<p class=\"export\">导出:<a href=\"/c/x/admin/audit.xlsx?kind=a%20b\">Excel</a> · "
		    "<a href=\"/c/x/admin/audit.csv?kind=a%20b\">CSV</a></p>");
	r = request("/c/x/board/catalogue", "");
	export_links(r, "导出最近 10000 条");
	HAS(">导出最近 10000 条:<a href=\"/c/x/board/catalogue.xlsx\">Excel</a>");
}

static void a_select_keeps_the_chosen_value(void **state)
{
	(void)state;
	struct req *r = request("/", "");
	static const struct form_option o[] = {{"", "总体意见", NULL},
					       {"post:1", "一", "公开内容"},
					       {"post:2", "二", "公开内容"},
					       {"item:3", "<三>", "事项"}};
	form_select(r, &(struct form_field){.name = "target", .label = "针对", .value = "post:2"}, o, 4);
	assert_string_equal(page(),
			    "<div class=\"field\"><label for=\"f-target\">针对</label>"
			    "<select id=\"f-target\" name=\"target\"><option value=\"\">总体意见</option>"
			    "<optgroup label=\"公开内容\"><option value=\"post:1\">一</option>"
			    "<option value=\"post:2\" selected>二</option></optgroup>"
			    "<optgroup label=\"事项\"><option value=\"item:3\">&lt;三&gt;</option></optgroup>"
			    "</select></div>");
	/* Nothing chosen yet: a required select asks for a choice; nothing is selected. */
	r = request("/", "");
	form_select(r, &(struct form_field){.name = "item", .label = "事项", .required = 1}, o + 1, 2);
	HAS("required aria-required=\"true\"><option value=\"\">请选择</option>");
	LACKS("selected");
	/* A value that is no option selects nothing. */
	r = request("/", "");
	form_select(r, &(struct form_field){.name = "item", .label = "事项", .value = "post:9"}, o, 4);
	LACKS("selected");
}

static void an_error_is_tied_to_its_field(void **state)
{
	(void)state;
	struct req *r = request("/", "");
	static const struct form_option o[] = {{"a", "甲", NULL}, {"b", "乙", NULL}};
	form_select(
	    r, &(struct form_field){.name = "kind", .label = "类别", .value = "b", .error = "请选择类别"}, o,
	    2);
	HAS("<div class=\"field has-error\">");
	HAS("<p class=\"error\" id=\"e-kind\">请选择类别</p><select id=\"f-kind\" name=\"kind\" aria-invalid=\"true\" "
	    "aria-describedby=\"e-kind\">");
	/* With a hint, the control is described by both, hint first. */
	r = request("/", "");
	form_field_input(r,
			 &(struct form_field){.name = "code",
					      .label = "代码",
					      .hint = "小写字母、数字、-",
					      .value = "A\"b",
					      .error = "代码只能用小写字母",
					      .required = 1},
			 "text");
	assert_string_equal(
	    page(),
	    "<div class=\"field has-error\"><label for=\"f-code\">代码 <span class=\"req\" "
	    "aria-hidden=\"true\">*</span></label><p class=\"hint\" id=\"h-code\">小写字母、数字、-</p>"
	    "<p class=\"error\" id=\"e-code\">代码只能用小写字母</p><input type=\"text\" id=\"f-code\" "
	    "name=\"code\" required aria-required=\"true\" aria-invalid=\"true\" "
	    "aria-describedby=\"h-code e-code\" value=\"A&quot;b\"></div>");
	/* A hint alone describes it too; a password is never written back. */
	r = request("/", "");
	form_field_input(
	    r,
	    &(struct form_field){.name = "pw", .label = "密码", .hint = "至少 10 个字符", .value = "secret"},
	    "password");
	HAS("aria-describedby=\"h-pw\"");
	LACKS("secret");
	/* The old form keeps its exact markup. */
	r = request("/", "");
	form_input(r, "new", "新密码", "password", "x", "太短", 1, "new-password");
	HAS("id=\"f-new\" name=\"new\" required aria-required=\"true\" aria-invalid=\"true\" aria-describedby=\"e-new\" "
	    "autocomplete=\"new-password\"></div>");
}

static void radios_and_checkboxes_sit_in_fieldsets(void **state)
{
	(void)state;
	struct req *r = request("/", "");
	static const struct form_option o[] = {{"yes", "同意", NULL}, {"no", "不同意", NULL}};
	form_radios(r,
		    &(struct form_field){
			.name = "vote", .label = "表决", .value = "no", .error = "请表决", .required = 1},
		    o, 2);
	assert_string_equal(
	    page(),
	    "<fieldset class=\"field has-error\" aria-describedby=\"e-vote\"><legend>表决 <span "
	    "class=\"req\" aria-hidden=\"true\">*</span></legend><p class=\"error\" id=\"e-vote\">请表决</p>"
	    "<div class=\"choice\"><input type=\"radio\" id=\"f-vote\" name=\"vote\" value=\"yes\" required "
	    "aria-required=\"true\" aria-invalid=\"true\"><label for=\"f-vote\">同意</label></div>"
	    "<div class=\"choice\"><input type=\"radio\" id=\"f-vote-2\" name=\"vote\" value=\"no\" checked "
	    "aria-invalid=\"true\"><label for=\"f-vote-2\">不同意</label></div></fieldset>");
	r = request("/", "");
	form_checkbox(
	    r, &(struct form_field){.name = "agree", .label = "我已阅读", .value = "1", .hint = "必须勾选"});
	HAS("<p class=\"hint\" id=\"h-agree\">必须勾选</p><div class=\"choice\"><input type=\"checkbox\" id=\"f-agree\" "
	    "name=\"agree\" value=\"1\" checked aria-describedby=\"h-agree\"><label for=\"f-agree\">我已阅读</label></div>");
	r = request("/", "");
	form_checkbox(r, &(struct form_field){.name = "agree", .label = "我已阅读", .value = "0"});
	LACKS("checked");
	r = request("/", "");
	form_fieldset_begin(r, "cols", "名单公开列", NULL, "至少选一列");
	form_fieldset_end(r);
	assert_string_equal(
	    page(),
	    "<fieldset class=\"field has-error\" aria-describedby=\"e-cols\"><legend>名单公开列</legend>"
	    "<p class=\"error\" id=\"e-cols\">至少选一列</p></fieldset>");
}

static void date_and_number_inputs_keep_what_was_typed(void **state)
{
	(void)state;
	struct req *r = request("/", "");
	form_date(r, &(struct form_field){
			 .name = "from", .label = "开始", .value = "2026-13-01", .error = "日期不正确"});
	HAS("<input type=\"date\" id=\"f-from\" name=\"from\" aria-invalid=\"true\" aria-describedby=\"e-from\" "
	    "value=\"2026-13-01\">");
	r = request("/", "");
	form_number(r, &(struct form_field){.name = "days", .label = "天数", .value = "七"});
	HAS("<input type=\"text\" id=\"f-days\" name=\"days\" inputmode=\"numeric\" value=\"七\">");
	r = request("/", "");
	form_money(r, &(struct form_field){.name = "amount", .label = "金额", .value = "1,234.5"});
	HAS("<input type=\"text\" id=\"f-amount\" name=\"amount\" inputmode=\"decimal\" value=\"1,234.5\">");
	/* a step that cannot be taken back asks first, the question escaped */
	r = request("/", "");
	form_begin_confirm(r, "/x/close", "确定结账吗?<b>");
	HAS("<form method=\"post\" action=\"/x/close\" data-confirm=\"确定结账吗?&lt;b&gt;\" novalidate>");
}

static const struct tcol demo_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL},
    {"人数", TCOL_NUM, NULL},
    {"金额", TCOL_NUM, "金额(元)"},
    {"日期", 0, NULL},
    {"时间", 0, NULL},
    {"链接", 0, NULL},
    {"说明", 0, NULL},
    {"操作", TCOL_PAGE, NULL},
    {"编号", TCOL_EXPORT, NULL},
};
#define DEMO_NCOLS ((int)(sizeof demo_cols / sizeof *demo_cols))

struct demo {
	const char *name;
	int64_t people, fen, at;
	const char *note;
};
static const struct demo demo_rows[] = {
    {"张三", 3, 123456, 0, "有\"引号\" & <标签>"},
    {"李四", -2, -5, 1767196800, ""},
};

/* One description of the rows, for the page and the export alike. */
static void demo_write(struct table *t)
{
	for (size_t i = 0; i < 2; i++) {
		const struct demo *d = &demo_rows[i];
		table_tr(t, i ? "late" : NULL);
		table_text(t, d->name);
		table_int(t, d->people);
		table_money(t, d->fen);
		table_date(t, d->at);
		table_time(t, d->at);
		table_link(t, "/c/x/board/1", d->name);
		struct buf *c = table_cell(t, d->note);
		if (c)
			h_text(c, d->note);
		table_cell_end(t);
		c = table_cell(t, "never exported");
		if (c)
			H(c, "<button>停用</button>");
		table_cell_end(t);
		table_int(t, (int64_t)i + 100);
	}
}

/* The text of each <td>/<th> of the body, tags dropped and entities read, joined by "|" per row. */
static char *page_cells(const char *html)
{
	const char *p = strstr(html, "<tbody>");
	assert_non_null(p);
	struct buf c;
	buf_init(&c, 1 << 16);
	int in_cell = 0;
	for (; *p && strncmp(p, "</tbody>", 8); p++) {
		if (!strncmp(p, "<td", 3) || !strncmp(p, "<th", 3)) {
			if (in_cell)
				buf_putc(&c, '|');
			in_cell = 1;
		}
		if (!strncmp(p, "</tr>", 5)) {
			buf_putc(&c, '\n');
			in_cell = 0;
		}
		if (*p == '<') {
			p = strchr(p, '>');
			continue;
		}
		static const char *const ent[][2] = {
		    {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
		int done = 0;
		for (size_t e = 0; e < 5 && !done; e++)
			if (!strncmp(p, ent[e][0], strlen(ent[e][0]))) {
				buf_puts(&c, ent[e][1]);
				p += strlen(ent[e][0]) - 1;
				done = 1;
			}
		if (!done)
			buf_putc(&c, *p);
	}
	char *s = strdup(c.data ? c.data : "");
	buf_free(&c);
	return s;
}

/* The export's cells in the same form. */
static char *export_cells(const struct export_table *x)
{
	struct buf c;
	buf_init(&c, 1 << 16);
	for (size_t r = 0; r < x->nrows; r++) {
		for (int k = 0; k < x->ncols; k++) {
			if (k)
				buf_putc(&c, '|');
			buf_puts(&c, x->cells[r * (size_t)x->ncols + (size_t)k]);
		}
		buf_putc(&c, '\n');
	}
	char *s = strdup(c.data ? c.data : "");
	buf_free(&c);
	return s;
}

static void an_exported_table_has_the_cells_of_the_page(void **state)
{
	(void)state;
	struct req *r = request("/", "");
	struct table t;
	table_begin(&t, r->out, "demo", "示例", demo_cols, DEMO_NCOLS, 0, NULL);
	demo_write(&t);
	assert_int_equal(table_end(&t), 0);
	char *html = page_cells(page());
	/* The page: no export-only column; money as yuan; the page's own buttons. */
	assert_string_equal(html,
			    "张三|3|¥1,234.56|1970-01-01|1970-01-01 08:00|张三|有\"引号\" & <标签>|停用\n"
			    "李四|-2|-¥0.05|2026-01-01|2026-01-01 00:00|李四||停用\n");
	struct export_table x;
	assert_int_equal(table_begin_export(&t, &arena, &x, "示例", demo_cols, DEMO_NCOLS), 0);
	demo_write(&t);
	assert_int_equal(table_end(&t), 0);
	/* The export: the same cells but the page-only one, the export-only one added, money as a plain
	 * number. */
	assert_int_equal(x.ncols, DEMO_NCOLS - 1);
	assert_string_equal(x.title, "示例");
	static const char *const heads[] = {"姓名", "人数", "金额(元)", "日期",
					    "时间", "链接", "说明",	"编号"};
	for (int k = 0; k < x.ncols; k++)
		assert_string_equal(x.headers[k], heads[k]);
	char *exp = export_cells(&x);
	assert_string_equal(exp, "张三|3|1234.56|1970-01-01|1970-01-01 08:00|张三|有\"引号\" & <标签>|100\n"
				 "李四|-2|-0.05|2026-01-01|2026-01-01 00:00|李四||101\n");
	/* Counts and money are numbers, the rest text. */
	static const unsigned char kinds[] = {EXPORT_TEXT, EXPORT_INT,	EXPORT_MONEY, EXPORT_TEXT,
					      EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT,  EXPORT_INT};
	for (size_t row = 0; row < 2; row++)
		assert_memory_equal(x.kinds + row * (size_t)x.ncols, kinds, sizeof kinds);
	/* CSV: plain text; our own negative numbers are not guarded as formulas. */
	struct buf csv;
	buf_init(&csv, 1 << 16);
	export_csv(&csv, &x);
	assert_non_null(strstr(csv.data, "\r\n李四,-2,-0.05,2026-01-01,"));
	buf_free(&csv);
	free(html);
	free(exp);
}

/* The file member of the XLSX workbook in b (via unzip), malloc'd. */
static char *xlsx_part(const struct buf *b, const char *member)
{
	char path[] = "/tmp/shequ-test-xlsx-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, b->data, b->len), (ssize_t)b->len);
	close(fd);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "unzip -p %s %s", path, member);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	struct buf x;
	buf_init(&x, 1 << 20);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_append(&x, chunk, n);
	assert_int_equal(pclose(p), 0);
	unlink(path);
	return x.data;
}

/* A workbook holds numbers as numbers, so Excel sums them: counts plain,
 * money with the ¥ format; a number kind that is not a number stays text. */
static void a_workbook_writes_numbers_as_numbers(void **state)
{
	(void)state;
	static const char *const heads[] = {"姓名", "人数", "金额(元)"};
	struct export_table x;
	assert_int_equal(export_begin(&x, &arena, "名单", heads, 3), 0);
	static const unsigned char kinds[] = {EXPORT_TEXT, EXPORT_INT, EXPORT_MONEY};
	assert_int_equal(export_row_kinds(&x, (const char *const[]){"张三", "3", "1280.50"}, kinds), 0);
	assert_int_equal(export_row_kinds(&x, (const char *const[]){"李四", "-2", "1x"}, kinds), 0);
	assert_int_equal(export_row(&x, (const char *const[]){"王五", "7", "1.00"}), 0);
	struct buf out;
	buf_init(&out, 1 << 22);
	assert_int_equal(export_xlsx(&out, &x), 0);
	char *xml = xlsx_part(&out, "xl/worksheets/sheet1.xml");
	char *styles = xlsx_part(&out, "xl/styles.xml");
	buf_free(&out);
	/* Style 2 is the whole number, 3 the money format. */
	assert_non_null(strstr(styles, "formatCode=\"&quot;¥&quot;#,##0.00;-&quot;¥&quot;#,##0.00\""));
	free(styles);
	/* Text goes to the shared strings (t="s"); numbers are values. */
	assert_non_null(strstr(xml, "<c r=\"A2\" t=\"s\">"));
	assert_non_null(strstr(xml, "<c r=\"B2\" s=\"2\"><v>3</v></c><c r=\"C2\" s=\"3\"><v>1280.5</v></c>"));
	assert_non_null(strstr(xml, "<c r=\"B3\" s=\"2\"><v>-2</v></c><c r=\"C3\" t=\"s\">"));
	assert_non_null(strstr(xml, "<c r=\"B4\" t=\"s\">"));
	free(xml);
}

/* A rate is a percentage in a workbook (0.873 shown as 87.3%) and the
 * same text in CSV; "—" (no denominator) stays text. */
static void a_workbook_writes_rates_as_percentages(void **state)
{
	(void)state;
	static const char *const heads[] = {"社区", "满意率"};
	struct export_table x;
	assert_int_equal(export_begin(&x, &arena, "统计", heads, 2), 0);
	static const unsigned char kinds[] = {EXPORT_TEXT, EXPORT_PERCENT};
	assert_int_equal(export_row_kinds(&x, (const char *const[]){"幸福里", "87.3%"}, kinds), 0);
	assert_int_equal(export_row_kinds(&x, (const char *const[]){"和平", "—"}, kinds), 0);
	assert_int_equal(export_row_kinds(&x, (const char *const[]){"翠竹", "87.3"}, kinds), 0);
	struct buf out;
	buf_init(&out, 1 << 22);
	assert_int_equal(export_xlsx(&out, &x), 0);
	char *xml = xlsx_part(&out, "xl/worksheets/sheet1.xml");
	char *styles = xlsx_part(&out, "xl/styles.xml");
	assert_non_null(strstr(styles, "formatCode=\"0.0%\""));
	free(styles);
	assert_non_null(strstr(xml, "<v>0.873</v>"));
	assert_non_null(strstr(xml, "<c r=\"B3\" t=\"s\">"));
	assert_non_null(strstr(xml, "<c r=\"B4\" t=\"s\">")); /* no "%": not ours, text */
	free(xml);
	buf_reset(&out);
	export_csv(&out, &x);
	assert_non_null(strstr(out.data, "幸福里,87.3%"));
	buf_free(&out);
}

/* A rate on a page: written without an arena (a page's table has none);
 * none (-1) as a dash. */
static void a_percent_on_a_page_needs_no_arena(void **state)
{
	(void)state;
	struct req *r = request("/", "");
	struct table t;
	table_begin(&t, r->out, NULL, "示例", demo_cols, 2, 0, NULL);
	table_tr(&t, NULL);
	table_text(&t, "张三");
	table_percent(&t, 873);
	table_tr(&t, NULL);
	table_text(&t, "李四");
	table_percent(&t, -1);
	assert_int_equal(table_end(&t), 0);
	char *cells = page_cells(page());
	assert_string_equal(cells, "张三|87.3%\n李四|—\n");
	free(cells);
}

/* A book holds a sheet per table, in order, each named by its title and
 * written as a single table is: the summary's numbers stay numbers. */
static void a_book_writes_a_sheet_per_table(void **state)
{
	(void)state;
	static const char *const heads[] = {"月份", "金额(元)"};
	static const unsigned char kinds[] = {EXPORT_TEXT, EXPORT_MONEY};
	struct export_table x[3];
	const char *titles[] = {"1月", "2月", "汇总"};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(export_begin(&x[i], &arena, titles[i], heads, 2), 0);
		char amount[16];
		snprintf(amount, sizeof amount, "%d.25", i + 1);
		assert_int_equal(export_row_kinds(&x[i], (const char *const[]){titles[i], amount}, kinds), 0);
	}
	struct buf out;
	buf_init(&out, 1 << 22);
	assert_int_equal(export_xlsx_book(&out, x, 0), -1);
	assert_int_equal(export_xlsx_book(&out, x, 3), 0);
	char *book = xlsx_part(&out, "xl/workbook.xml");
	char *third = xlsx_part(&out, "xl/worksheets/sheet3.xml");
	char *first = xlsx_part(&out, "xl/worksheets/sheet1.xml");
	buf_free(&out);
	const char *s1 = strstr(book, "name=\"1月\""), *s2 = strstr(book, "name=\"2月\""),
		   *s3 = strstr(book, "name=\"汇总\"");
	assert_true(s1 && s2 && s3 && s1 < s2 && s2 < s3);
	/* the money format is the only one used: style 2 in every sheet */
	assert_non_null(strstr(first, "<c r=\"B2\" s=\"2\"><v>1.25</v></c>"));
	assert_non_null(strstr(third, "<c r=\"B2\" s=\"2\"><v>3.25</v></c>"));
	free(book);
	free(third);
	free(first);
	/* Two sheets of one name cannot be: refused, not a broken file. */
	buf_init(&out, 1 << 22);
	struct export_table twice[2] = {x[0], x[0]};
	assert_int_equal(export_xlsx_book(&out, twice, 2), -1);
	buf_free(&out);
}

static void table_markup_names_every_cell(void **state)
{
	(void)state;
	struct req *r = request("/", "");
	struct table t;
	table_begin(&t, r->out, NULL, "示例", demo_cols, 3, TABLE_WIDE | TABLE_CARDS | TABLE_CAPTION, NULL);
	table_tr(&t, NULL);
	table_text(&t, "张三");
	table_int(&t, 3);
	table_money(&t, 100);
	assert_int_equal(table_end(&t), 0);
	assert_string_equal(
	    page(),
	    "<div class=\"wide table-cards\" role=\"region\" tabindex=\"0\" aria-label=\"示例\"><table>"
	    "<caption>示例</caption><thead><tr><th scope=\"col\">姓名</th><th scope=\"col\" "
	    "class=\"num\">人数</th><th scope=\"col\" class=\"num\">金额</th></tr></thead><tbody>"
	    "<tr><th scope=\"row\">张三</th><td class=\"num\" data-label=\"人数\">3</td>"
	    "<td class=\"num\" data-label=\"金额\">¥1.00</td></tr></tbody></table></div>");
	/* Without options: a bare table whose caption only screen readers read. */
	r = request("/", "");
	static const struct tcol plain[] = {{"理由", 0, NULL}};
	table_begin(&t, r->out, "recipients", "名单", plain, 1, 0, NULL);
	table_tr(&t, NULL);
	table_text(&t, "人手不足");
	assert_int_equal(table_end(&t), 0);
	assert_string_equal(
	    page(),
	    "<table class=\"recipients\"><caption class=\"vh\">名单</caption><thead><tr>"
	    "<th scope=\"col\">理由</th></tr></thead><tbody><tr><td>人手不足</td></tr></tbody></table>");
	/* A cell past the last column is a mistake that table_end reports. */
	r = request("/", "");
	table_begin(&t, r->out, NULL, "x", plain, 1, 0, NULL);
	table_tr(&t, NULL);
	table_text(&t, "一");
	table_text(&t, "二");
	assert_int_equal(table_end(&t), -1);
	LACKS("二");
}

static void an_empty_table_says_so(void **state)
{
	(void)state;
	struct req *r = request("/", "");
	struct table t;
	table_begin(&t, r->out, NULL, "示例", demo_cols, DEMO_NCOLS, TABLE_CARDS, NULL);
	assert_int_equal(table_end(&t), 0);
	/* Every column the page shows is spanned: the export-only one is not. */
	HAS("<tbody><tr><td class=\"empty\" colspan=\"8\">暂无记录</td></tr></tbody></table></div>");
	r = request("/", "");
	table_begin(&t, r->out, NULL, "示例", demo_cols, 2, 0, "没有草稿或待审核的内容。");
	assert_int_equal(table_end(&t), 0);
	HAS("<td class=\"empty\" colspan=\"2\">没有草稿或待审核的内容。</td>");
	/* An empty export is its header row alone. */
	struct export_table x;
	assert_int_equal(table_begin_export(&t, &arena, &x, "示例", demo_cols, DEMO_NCOLS), 0);
	assert_int_equal(table_end(&t), 0);
	assert_int_equal(x.nrows, 0);
	buf_reset(&out);
	export_csv(&out, &x);
	assert_string_equal(page(), "\xEF\xBB\xBF姓名,人数,金额(元),日期,时间,链接,说明,编号\r\n");
}

/* A rejected form's errors move to the top of <main>, wherever the view
 * wrote them, each linked to its field; the fields keep what was typed. */
static void errors_move_to_the_top_linked_to_their_fields(void **state)
{
	(void)state;
	struct req *r = request("/", "");
	H(r->out, "<header></header><main id=\"main\"><h1>提出异议</h1><p>说明</p>");
	const char *errs[] = {"请填写异议内容", NULL, "请选择<类别>"};
	form_error_summary(r, errs, 3);
	form_refusal(r, "公示期已结束");
	form_textarea(r, "body", "异议内容", "我的 <意见>", errs[0], 1);
	form_fieldset_begin(r, "kind", "类别", NULL, errs[2]);
	form_fieldset_end(r);
	H(r->out, "</main>");
	assert_int_equal(form_hoist_errors(&out), 1);
	assert_string_equal(
	    page(), "<header></header><main id=\"main\"><div id=\"error-summary\" tabindex=\"-1\">"
		    "<div class=\"error-summary\" role=\"alert\"><p>请修改以下问题后再提交:</p><ul>"
		    "<li><a href=\"#f-body\">请填写异议内容</a></li>"
		    "<li><a href=\"#e-kind\">请选择&lt;类别&gt;</a></li></ul></div>"
		    "<div class=\"error-summary\" role=\"alert\"><p>公示期已结束</p></div></div>"
		    "<h1>提出异议</h1><p>说明</p>"
		    "<div class=\"field has-error\"><label for=\"f-body\">异议内容 <span class=\"req\" "
		    "aria-hidden=\"true\">*</span></label><p class=\"error\" id=\"e-body\">请填写异议内容</p>"
		    "<textarea rows=\"5\" id=\"f-body\" name=\"body\" required aria-required=\"true\" "
		    "aria-invalid=\"true\" aria-describedby=\"e-body\">我的 &lt;意见&gt;</textarea></div>"
		    "<fieldset class=\"field has-error\" aria-describedby=\"e-kind\"><legend>类别</legend>"
		    "<p class=\"error\" id=\"e-kind\">请选择&lt;类别&gt;</p></fieldset></main>");
	/* A page without errors, or without a <main>, is left as it was. */
	r = request("/", "");
	H(r->out, "<main id=\"main\"><p>好</p></main>");
	assert_int_equal(form_hoist_errors(&out), 0);
	assert_string_equal(page(), "<main id=\"main\"><p>好</p></main>");
	r = request("/", "");
	form_refusal(r, "不行");
	assert_int_equal(form_hoist_errors(&out), 0);
	assert_string_equal(page(), "<div class=\"error-summary\" role=\"alert\"><p>不行</p></div>");
}

static void image_sizes_are_read_from_png_and_jpeg_headers(void **state)
{
	(void)state;
	unsigned w = 7, h = 7;
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
					    0, 0, 0x02, 0x80, 0, 0, 0x01, 0xe0, 8, 2, 0, 0, 0};
	assert_int_equal(upload_image_size(png, sizeof png, &w, &h), 0);
	assert_int_equal(w, 640);
	assert_int_equal(h, 480);
	assert_int_equal(upload_image_size(png, 23, &w, &h), -1); /* cut before the height */
	/* SOI, fill bytes, APP0 of 16 bytes, SOF2 (progressive) 480 high 640 wide */
	static const unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0,
					    1, 0, 0, 0xFF, 0xC2, 0, 11, 8, 0x01, 0xe0, 0x02, 0x80, 1, 1, 0x11, 0};
	w = h = 7;
	assert_int_equal(upload_image_size(jpg, sizeof jpg, &w, &h), 0);
	assert_int_equal(w, 640);
	assert_int_equal(h, 480);
	assert_int_equal(upload_image_size(jpg, 25, &w, &h), -1); /* the frame header cut */
	/* a scan before any frame header; a length past the end; DHT is not a frame */
	static const unsigned char scan[] = {0xFF, 0xD8, 0xFF, 0xDA, 0, 2};
	static const unsigned char longer[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x40, 0, 1, 2, 3};
	static const unsigned char dht[] = {0xFF, 0xD8, 0xFF, 0xC4, 0, 7, 1, 0, 1, 0, 1, 0xFF, 0xD9};
	w = h = 7;
	assert_int_equal(upload_image_size(scan, sizeof scan, &w, &h), -1);
	assert_int_equal(upload_image_size(longer, sizeof longer, &w, &h), -1);
	assert_int_equal(upload_image_size(dht, sizeof dht, &w, &h), -1);
	assert_int_equal(upload_image_size("\xff\xd8\xff", 3, &w, &h), -1);
	assert_int_equal(upload_image_size("%PDF-1.4", 8, &w, &h), -1);
	assert_int_equal(w + h, 14); /* untouched */
}

/* Decodes the code of text with zbarimg (zbar-tools) from a PGM image of its
 * modules, 4 pixels each with a quiet zone of 4 modules; the text read, in got_text. */
static void qr_read_back(const char *text, char *got_text, size_t n)
{
	static uint8_t cells[177 * 177];
	int w;
	assert_int_equal(qr_modules(text, cells, sizeof cells, &w), 0);
	char path[] = "/tmp/shequ-qr-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	int px = 4, side = (w + 8) * px;
	fprintf(f, "P5\n%d %d\n255\n", side, side);
	for (int y = 0; y < side; y++)
		for (int x = 0; x < side; x++) {
			int r = y / px - 4, c = x / px - 4;
			int dark = r >= 0 && c >= 0 && r < w && c < w && cells[r * w + c];
			fputc(dark ? 0 : 255, f);
		}
	fclose(f);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "zbarimg --raw -q pgm:%s", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t got = fread(got_text, 1, n - 1, p);
	got_text[got] = 0;
	pclose(p);
	unlink(path);
	if (got && got_text[got - 1] == '\n')
		got_text[got - 1] = 0;
}

static void a_qr_code_reads_back_as_its_text(void **state)
{
	(void)state;
	char got[600];
	const char *url = "https://shequ.example.cn/c/xingfuli/volunteers/certificates/ZY2026-000123?k=Ab3_x";
	qr_read_back(url, got, sizeof got);
	assert_string_equal(got, url);
	qr_read_back("志愿服务证明 2026", got, sizeof got);
	assert_string_equal(got, "志愿服务证明 2026");

	/* The SVG: one path, the label escaped, the viewBox the code plus its quiet zone. */
	uint8_t cells[177 * 177];
	int w;
	assert_int_equal(qr_modules(url, cells, sizeof cells, &w), 0);
	char box[64];
	snprintf(box, sizeof box, "viewBox=\"0 0 %d %d\"", w + 8, w + 8);
	buf_reset(&out);
	assert_int_equal(qr_svg(&out, url, "扫码核验 <证明>"), 0);
	buf_putc(&out, 0);
	assert_non_null(strstr(out.data, box));
	assert_non_null(strstr(out.data, "aria-label=\"扫码核验 &lt;证明&gt;\""));
	const char *path = strstr(out.data, "<path");
	assert_non_null(path);
	assert_null(strstr(path + 1, "<path"));

	/* Refused: empty, too long, too small a buffer; nothing appended. */
	char longer[QR_TEXT_MAX + 2];
	memset(longer, 'a', sizeof longer - 1);
	longer[sizeof longer - 1] = 0;
	buf_reset(&out);
	assert_int_equal(qr_svg(&out, "", "x"), -1);
	assert_int_equal(qr_svg(&out, longer, "x"), -1);
	assert_int_equal(out.len, 0);
	assert_int_equal(qr_modules(url, cells, 20, &w), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(community_links_escape_slug_and_keep_paths),
	    cmocka_unit_test(a_changed_query_parameter_keeps_the_others_escaped),
	    cmocka_unit_test(page_numbers_from_outside_are_bounded),
	    cmocka_unit_test(a_percent_on_a_page_needs_no_arena),
	    cmocka_unit_test(the_pager_keeps_the_filters),
	    cmocka_unit_test(filter_links_mark_the_current_choice),
	    cmocka_unit_test(the_filter_bar_carries_the_other_parameters),
	    cmocka_unit_test(export_links_sit_beside_the_list_with_its_filters),
	    cmocka_unit_test(a_select_keeps_the_chosen_value),
	    cmocka_unit_test(an_error_is_tied_to_its_field),
	    cmocka_unit_test(radios_and_checkboxes_sit_in_fieldsets),
	    cmocka_unit_test(date_and_number_inputs_keep_what_was_typed),
	    cmocka_unit_test(an_exported_table_has_the_cells_of_the_page),
	    cmocka_unit_test(table_markup_names_every_cell),
	    cmocka_unit_test(an_empty_table_says_so),
	    cmocka_unit_test(errors_move_to_the_top_linked_to_their_fields),
	    cmocka_unit_test(a_workbook_writes_numbers_as_numbers),
	    cmocka_unit_test(a_workbook_writes_rates_as_percentages),
	    cmocka_unit_test(a_book_writes_a_sheet_per_table),
	    cmocka_unit_test(image_sizes_are_read_from_png_and_jpeg_headers),
	    cmocka_unit_test(a_qr_code_reads_back_as_its_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
