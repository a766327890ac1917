/* HTML escaping in every context. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "web/export.h"
#include "web/html.h"

static struct buf b;

static int setup(void **state)
{
	(void)state;
	buf_init(&b, 1 << 16);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	buf_free(&b);
	return 0;
}

#define OUT() (buf_reset(&b), &b)

static void text_escapes_markup(void **state)
{
	(void)state;
	h_text(OUT(), "<script>alert('x')</script> & \"q\"");
	assert_string_equal(b.data, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
	h_text(OUT(), "社区公开栏");
	assert_string_equal(b.data, "社区公开栏");
	h_text(OUT(), NULL);
	assert_int_equal(b.len, 0);
}

static void attribute_cannot_be_broken_out_of(void **state)
{
	(void)state;
	h_attr(OUT(), "x\" onmouseover=\"alert(1)");
	assert_string_equal(b.data, "x&quot; onmouseover=&quot;alert(1)");
	h_attr(OUT(), "a'b");
	assert_string_equal(b.data, "a&#39;b");
}

static void url_component_percent_encodes(void **state)
{
	(void)state;
	h_url(OUT(), "a b/c?d=e&f#g");
	assert_string_equal(b.data, "a%20b%2Fc%3Fd%3De%26f%23g");
	h_url(OUT(), "幸福");
	assert_string_equal(b.data, "%E5%B9%B8%E7%A6%8F");
	h_url(OUT(), "\"><");
	assert_string_equal(b.data, "%22%3E%3C");
	h_url(OUT(), "Az09-._~");
	assert_string_equal(b.data, "Az09-._~");
}

static void href_allows_only_safe_schemes(void **state)
{
	(void)state;
	h_href(OUT(), "javascript:alert(1)");
	assert_string_equal(b.data, "#");
	h_href(OUT(), "JaVaScRiPt:alert(1)");
	assert_string_equal(b.data, "#");
	h_href(OUT(), "data:text/html,x");
	assert_string_equal(b.data, "#");
	h_href(OUT(), "//evil.example/");
	assert_string_equal(b.data, "#");
	h_href(OUT(), "/c/x/?a=1&b=\"2\"");
	assert_string_equal(b.data, "/c/x/?a=1&amp;b=&quot;2&quot;");
	h_href(OUT(), "https://example.org/a");
	assert_string_equal(b.data, "https://example.org/a");
	h_href(OUT(), "tel:12345");
	assert_string_equal(b.data, "tel:12345");
	h_href(OUT(), "/a\nb");
	assert_string_equal(b.data, "#");
}

static void multiline_escapes_and_breaks(void **state)
{
	(void)state;
	h_multiline(OUT(), "一<b>\r\n二\n");
	assert_string_equal(b.data, "一&lt;b&gt;<br>二<br>");
}

static void money_in_yuan_with_separators(void **state)
{
	(void)state;
	h_money(OUT(), 123456);
	assert_string_equal(b.data, "¥1,234.56");
	h_money(OUT(), -5);
	assert_string_equal(b.data, "-¥0.05");
	h_money(OUT(), 100000000);
	assert_string_equal(b.data, "¥1,000,000.00");
}

static void time_is_china_standard_time(void **state)
{
	(void)state;
	h_time(OUT(), 0);
	assert_string_equal(b.data, "<time>1970-01-01 08:00</time>");
}

static void markdown_is_rendered_safely(void **state)
{
	(void)state;
	h_markdown(OUT(), "# 公告\n\n**低保**名单<script>alert(1)</script>\n\n[点我](javascript:alert(1))\n\n| 项目 | 金额 |\n|---|---|\n| 水电 | 120 |\n");
	assert_non_null(strstr(b.data, "<h1>公告</h1>"));
	assert_non_null(strstr(b.data, "<strong>低保</strong>"));
	assert_null(strstr(b.data, "<script>"));
	assert_null(strstr(b.data, "javascript:"));
	assert_non_null(strstr(b.data, "<table>"));
	assert_non_null(strstr(b.data, "<td>水电</td>"));
}

/* Text put into Markdown with md_text shows exactly as written, in a
 * table cell too: no emphasis, code, HTML, link or entity made of it. */
static void md_text_shows_as_written(void **state)
{
	(void)state;
	struct buf md;
	buf_init(&md, 4096);
	buf_puts(&md, "| 凭证号 |\n|---|\n| ");
	md_text(&md, "*em* `c` <b>x</b> [a](http://e.cn) a|b &lt; #1\n_u_ \\");
	buf_puts(&md, " |\n");
	buf_putc(&md, 0);
	h_markdown(OUT(), md.data);
	buf_free(&md);
	assert_non_null(strstr(b.data, "<td>*em* `c` &lt;b&gt;x&lt;/b&gt; [a](http://e.cn) a|b &amp;lt; #1 _u_ \\</td>"));
}

/* Rendered Markdown is kept by its text: the second rendering is the same,
 * texts that share a slot never get each other's HTML, and a text too large
 * to keep still renders. */
static void markdown_renders_the_same_when_kept(void **state)
{
	(void)state;
	static const char md[] = "**低保**名单<script>alert(1)</script>";
	h_markdown(OUT(), md);
	char *first = strdup(b.data);
	h_markdown(OUT(), md);
	assert_string_equal(b.data, first);
	assert_null(strstr(b.data, "<script>"));
	free(first);
	/* 2,000 texts over 256 slots: each is replaced and found again many times. */
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 2000; i++) {
			char in[32], want[48];
			snprintf(in, sizeof in, "*x%d*", i);
			snprintf(want, sizeof want, "<p><em>x%d</em></p>\n", i);
			h_markdown(OUT(), in);
			assert_string_equal(b.data, want);
		}
	struct buf big;
	buf_init(&big, 1 << 20);
	for (int i = 0; i < 5000; i++)
		buf_puts(&big, "长文 ");
	for (int round = 0; round < 2; round++) {
		h_markdown(OUT(), big.data);
		assert_int_equal(strncmp(b.data, "<p>长文 长文", strlen("<p>长文 长文")), 0);
		assert_true(b.len > big.len);
	}
	buf_free(&big);
}

static void exports_quote_and_defuse_formulas(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1 << 20);
	static const char *const cols[] = {"姓名", "说明"};
	struct export_table t;
	assert_int_equal(export_begin(&t, &a, "名单", cols, 2), 0);
	const char *r1[] = {"张三", "有\"引号\",和逗号"};
	const char *r2[] = {"=HYPERLINK(\"x\")", "+1"};
	const char *r3[] = {"李四", NULL};
	const char *r4[] = {"\t=1+1", "\r@SUM(A1)"};
	assert_int_equal(export_row(&t, r1), 0);
	assert_int_equal(export_row(&t, r2), 0);
	assert_int_equal(export_row(&t, r3), 0);
	assert_int_equal(export_row(&t, r4), 0);
	export_csv(OUT(), &t);
	assert_string_equal(b.data, "\xEF\xBB\xBF姓名,说明\r\n张三,\"有\"\"引号\"\",和逗号\"\r\n"
				    "\"'=HYPERLINK(\"\"x\"\")\",\"'+1\"\r\n李四,\r\n"
				    "\"'\t=1+1\",\"'\r@SUM(A1)\"\r\n");
	buf_reset(&b);
	/* The workbook is written in a private directory, removed afterwards. */
	char tmp[] = "/tmp/shequ-test-tmp-XXXXXX";
	assert_non_null(mkdtemp(tmp));
	setenv("TMPDIR", tmp, 1);
	assert_int_equal(export_xlsx(&b, &t), 0);
	unsetenv("TMPDIR");
	assert_int_equal(rmdir(tmp), 0); /* empty: nothing was left behind */
	assert_memory_equal(b.data, "PK", 2); /* a zip container */
	assert_true(b.len > 1000);
	/* The sheet is named by the title, less what Excel refuses in a sheet name. */
	struct export_table named;
	assert_int_equal(export_begin(&named, &a, "名单[2026]:一/二?", cols, 2), 0);
	assert_int_equal(export_row(&named, r1), 0);
	buf_reset(&b);
	assert_int_equal(export_xlsx(&b, &named), 0);
	char path[] = "/tmp/shequ-test-xlsx-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_true(write(fd, b.data, b.len) == (ssize_t)b.len);
	close(fd);
	char cmd[400];
	snprintf(cmd, sizeof cmd,
		 "python3 -c \"import sys, zipfile; w = zipfile.ZipFile(sys.argv[1]).read('xl/workbook.xml').decode();"
		 " sys.exit(0 if 'name=\\\"名单2026一二\\\"' in w else 1)\" %s",
		 path);
	assert_int_equal(system(cmd), 0);
	unlink(path);
	assert_string_equal(export_format("/c/x/board/catalogue.xlsx"), "xlsx");
	assert_string_equal(export_format("/a.csv"), "csv");
	assert_null(export_format("/a.pdf"));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(text_escapes_markup),	  cmocka_unit_test(attribute_cannot_be_broken_out_of),
	    cmocka_unit_test(url_component_percent_encodes), cmocka_unit_test(href_allows_only_safe_schemes),
	    cmocka_unit_test(multiline_escapes_and_breaks),  cmocka_unit_test(money_in_yuan_with_separators),
	    cmocka_unit_test(time_is_china_standard_time),   cmocka_unit_test(markdown_is_rendered_safely),
	    cmocka_unit_test(md_text_shows_as_written),
	    cmocka_unit_test(markdown_renders_the_same_when_kept),
	    cmocka_unit_test(exports_quote_and_defuse_formulas),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
