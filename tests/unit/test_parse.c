/* Query, form and cookie parsing; field validation; route matching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "http/fields.h"
#include "http/multipart.h"
#include "http/parse.h"
#include "http/router.h"

static struct arena a;

static int setup(void **state)
{
	(void)state;
	arena_init(&a, 8 << 20);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&a);
	return 0;
}

static int parse(const char *s, struct kvlist *l)
{
	return parse_urlencoded(&a, s, strlen(s), l);
}

static void decodes_percent_and_plus(void **state)
{
	(void)state;
	struct kvlist l;
	assert_int_equal(parse("name=%E5%BC%A0%E4%B8%89&q=a+b%2Bc&empty=&flag", &l), PARSE_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(kv_get(&l, "name"), "张三");
	assert_string_equal(kv_get(&l, "q"), "a b+c");
	assert_string_equal(kv_get(&l, "empty"), "");
	assert_string_equal(kv_get(&l, "flag"), "");
	assert_null(kv_get(&l, "missing"));
}

static void refuses_bad_percent_encoding(void **state)
{
	(void)state;
	struct kvlist l;
	assert_int_equal(parse("a=%zz", &l), PARSE_BAD_ESCAPE);
	assert_int_equal(parse("a=%4", &l), PARSE_BAD_ESCAPE);
	assert_int_equal(parse("a=%", &l), PARSE_BAD_ESCAPE);
	assert_int_equal(parse("%G1=x", &l), PARSE_BAD_ESCAPE);
	char out[8];
	assert_int_equal(url_decode(out, "%41%62", 6, 0), 2);
	assert_string_equal(out, "Ab");
	assert_int_equal(url_decode(out, "a+b", 3, 0), 3);
	assert_string_equal(out, "a+b");
}

static void refuses_invalid_utf8_and_nul(void **state)
{
	(void)state;
	struct kvlist l;
	assert_int_equal(parse("a=%C0%AF", &l), PARSE_BAD_UTF8);
	assert_int_equal(parse("a=%FF", &l), PARSE_BAD_UTF8);
	assert_int_equal(parse("a=x%00y", &l), PARSE_BAD_UTF8);
	assert_int_equal(parse("%E5%BC=1", &l), PARSE_BAD_UTF8);
}

static void refuses_oversize_input(void **state)
{
	(void)state;
	struct kvlist l;
	size_t n = PARSE_MAX_PAIRS + 1;
	char *s = malloc(n * 2 + 1);
	for (size_t i = 0; i < n; i++) {
		s[2 * i] = 'a';
		s[2 * i + 1] = '&';
	}
	s[2 * n - 1] = 0;
	assert_int_equal(parse(s, &l), PARSE_TOO_MANY);
	free(s);
	char key[PARSE_MAX_KEY + 3];
	memset(key, 'k', PARSE_MAX_KEY + 1);
	strcpy(key + PARSE_MAX_KEY + 1, "=");
	assert_int_equal(parse(key, &l), PARSE_TOO_LONG);
	assert_int_equal(parse_urlencoded(&a, "a=1", PARSE_MAX_INPUT + 1, &l), PARSE_TOO_LONG);
}

static void keeps_duplicate_keys_in_order(void **state)
{
	(void)state;
	struct kvlist l;
	assert_int_equal(parse("tag=a&tag=b&&x=1", &l), PARSE_OK);
	assert_int_equal(kv_count(&l, "tag"), 2);
	assert_string_equal(kv_get(&l, "tag"), "a");
	assert_string_equal(l.v[1].val, "b");
	assert_int_equal(l.n, 3); /* the empty pair between && is skipped */
}

static void parses_cookies(void **state)
{
	(void)state;
	struct kvlist l;
	const char *h = "a=1; shequ_sid=abc;  b=\"q\" ;bad; =nokey; c=";
	assert_int_equal(parse_cookies(&a, h, strlen(h), &l), PARSE_OK);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_string_equal(kv_get(&l, "shequ_sid"), "abc");
	assert_string_equal(kv_get(&l, "b"), "q");
	assert_string_equal(kv_get(&l, "c"), "");
	assert_null(kv_get(&l, "bad"));
	assert_int_equal(l.n, 4);
	const char *bin = "x=\xff\xfe; y=2";
	assert_int_equal(parse_cookies(&a, bin, strlen(bin), &l), PARSE_OK);
	assert_null(kv_get(&l, "x")); /* not UTF-8: skipped */
	assert_string_equal(kv_get(&l, "y"), "2");
	char big[9000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = 0;
	assert_int_equal(parse_cookies(&a, big, strlen(big), &l), PARSE_TOO_LONG);
}

static const struct field form[] = {
    {"name", "姓名", FIELD_TEXT, 1, 4},
    {"phone", "手机号", FIELD_MOBILE, 0, 0},
    {"age", "年龄", FIELD_INT, 0, 0},
    {"note", "备注", FIELD_MULTILINE, 0, 0},
};

static void fields_normalise_and_explain(void **state)
{
	(void)state;
	struct kvlist l;
	const char *vals[4], *errs[4];
	assert_int_equal(parse("name=+%E5%BC%A0%E4%B8%89+&phone=%EF%BC%91%EF%BC%93%EF%BC%98%EF%BC%90%EF%BC%90%EF%BC%91%EF%BC%93%EF%BC%98%EF%BC%90%EF%BC%90%EF%BC%90&age=7&note=a%0Ab", &l), PARSE_OK);
	assert_int_equal(fields_validate(&a, &l, form, 4, vals, errs), 0);
	assert_string_equal(vals[0], "张三");
	assert_string_equal(vals[1], "13800138000"); /* full-width digits folded */
	assert_string_equal(vals[3], "a\nb");

	assert_int_equal(parse("phone=123&age=x&name=%E4%B8%80%E4%BA%8C%E4%B8%89%E5%9B%9B%E4%BA%94", &l), PARSE_OK);
	assert_int_equal(fields_validate(&a, &l, form, 4, vals, errs), 3);
	assert_string_equal(errs[0], "姓名不能超过 4 个字");
	assert_string_equal(errs[1], "手机号应为 11 位手机号码,如 13800138000 或 138 0013 8000");
	assert_string_equal(errs[2], "年龄须为整数");
	assert_null(errs[3]);

	assert_int_equal(parse("name=a&name=b", &l), PARSE_OK);
	assert_int_equal(fields_validate(&a, &l, form, 4, vals, errs), 1);
	assert_string_equal(errs[0], "姓名提交了多次");

	assert_int_equal(parse("name=%20&note=x", &l), PARSE_OK);
	assert_int_equal(fields_validate(&a, &l, form, 4, vals, errs), 1);
	assert_string_equal(errs[0], "请填写姓名");

	assert_int_equal(parse("name=a%01b", &l), PARSE_OK);
	assert_int_equal(fields_validate(&a, &l, form, 4, vals, errs), 1);
	assert_string_equal(errs[0], "姓名含有不允许的控制字符");

	/* U+FFFF and U+FFFE: no XML or XLSX export could hold them. */
	assert_int_equal(parse("name=a%EF%BF%BFb&note=x%EF%BF%BE", &l), PARSE_OK);
	assert_int_equal(fields_validate(&a, &l, form, 4, vals, errs), 2);
	assert_string_equal(errs[0], "姓名含有不允许的控制字符");
	assert_string_equal(errs[3], "备注含有不允许的控制字符");
}

static const struct field login_form[] = {
    {"phone", "联系电话", FIELD_MOBILE, 1, 11},
    {"login", "账号", FIELD_LOGIN, 1, 0},
};

/* A mobile comes out as its 11 digits however it was typed, in a mobile
 * field (even one capped at 11 characters) and in a login field. */
static void mobiles_typed_in_groups_come_out_as_eleven_digits(void **state)
{
	(void)state;
	static const char *typed[] = {"138-0013-8000", "138+0013+8000", "%2B86+138+0013+8000", "%2B86-13800138000",
				      "0086+13800138000", "8613800138000", "(%2B86)+138.0013.8000",
				      "%EF%BC%91%EF%BC%93%EF%BC%98%E3%80%800013%EF%BC%8D8000"};
	struct kvlist l;
	const char *vals[2], *errs[2];
	for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
		char *body = arena_printf(&a, "phone=%s&login=%s", typed[i], typed[i]);
		assert_int_equal(parse(body, &l), PARSE_OK);
		assert_int_equal(fields_validate(&a, &l, login_form, 2, vals, errs), 0);
		assert_string_equal(vals[0], "13800138000");
		assert_string_equal(vals[1], "13800138000");
	}
	/* A username stays a username; what is not one mobile says what is expected. */
	assert_int_equal(parse("phone=138-0013-800&login=wang.jg", &l), PARSE_OK);
	assert_int_equal(fields_validate(&a, &l, login_form, 2, vals, errs), 1);
	assert_string_equal(vals[1], "wang.jg");
	assert_string_equal(errs[0], "联系电话应为 11 位手机号码,如 13800138000 或 138 0013 8000");
	assert_string_equal(vals[0], "138-0013-800"); /* kept as typed, to be corrected */
	assert_int_equal(parse("phone=%2B1+138+0013+8000&login=138-0013-80001", &l), PARSE_OK);
	assert_int_equal(fields_validate(&a, &l, login_form, 2, vals, errs), 2);
	assert_string_equal(errs[1], "账号应为用户名或 11 位手机号码");
}

static void routes_match_patterns(void **state)
{
	(void)state;
	const char *p[REQ_MAX_PARAMS];
	int n;
	assert_true(router_match("/c/{c}/admin/", "/c/xingfuli/admin/", p, &n, &a));
	assert_int_equal(n, 1);
	assert_string_equal(p[0], "xingfuli");
	assert_false(router_match("/c/{c}/admin/", "/c//admin/", p, &n, &a));
	assert_false(router_match("/c/{c}/", "/c/x/y/", p, &n, &a));
	assert_false(router_match("/c/{c}/", "/c/x", p, &n, &a));
	assert_true(router_match("/static/{}", "/static/site.css", p, &n, &a));
	assert_false(router_match("/", "/x", p, &n, &a));
	/* two parameters and the rest of a path, copied once all matched */
	assert_true(router_match("/c/{c}/activities/{}/photos/{*}", "/c/heping/activities/12/photos/3/big", p, &n, &a));
	assert_int_equal(n, 3);
	assert_string_equal(p[0], "heping");
	assert_string_equal(p[1], "12");
	assert_string_equal(p[2], "3/big");
	assert_false(router_match("/c/{c}/activities/{}/photos/{*}", "/c/heping/activities/12/photos/", p, &n, &a));
	assert_int_equal(n, 0);
	assert_false(router_match("/c/{c}/units/{}", "/c/heping/units/7/x", p, &n, &a));
	assert_int_equal(n, 0);
	assert_int_equal(router_status(HR_INVALID), 422);
	assert_int_equal(router_status(HR_TOO_LARGE), 413);
}

static void multipart_forms_and_files(void **state)
{
	(void)state;
	const char body[] = "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n公示\r\n"
			    "--XyZ\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"a.pdf\"\r\n"
			    "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\nbinary\x00\xff\r\n--XyZ--\r\n";
	struct kvlist form;
	struct partlist files;
	assert_int_equal(parse_multipart(&a, "multipart/form-data; boundary=XyZ", body, sizeof body - 1, &form, &files),
			 PARSE_OK);
	assert_int_equal(form.n, 1);
	assert_string_equal(kv_get(&form, "title"), "公示");
	assert_int_equal(files.n, 1);
	assert_string_equal(files.v[0].filename, "a.pdf");
	assert_int_equal(files.v[0].len, strlen("%PDF-1.4\r\nbinary") + 2);
	assert_memory_equal(files.v[0].data, "%PDF-1.4\r\nbinary\x00\xff", files.v[0].len);
	/* No boundary, a bad one, a missing end, a field that is not UTF-8. */
	assert_int_equal(parse_multipart(&a, "multipart/form-data", body, sizeof body - 1, &form, &files), PARSE_BAD_ESCAPE);
	assert_int_equal(parse_multipart(&a, "multipart/form-data; boundary=Other", body, sizeof body - 1, &form, &files),
			 PARSE_BAD_ESCAPE);
	const char cut[] = "--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nabc";
	assert_int_equal(parse_multipart(&a, "multipart/form-data; boundary=XyZ", cut, sizeof cut - 1, &form, &files),
			 PARSE_BAD_ESCAPE);
	const char bad[] = "--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n\xff\xfe\r\n--XyZ--";
	assert_int_equal(parse_multipart(&a, "multipart/form-data; boundary=XyZ", bad, sizeof bad - 1, &form, &files),
			 PARSE_BAD_UTF8);
}

static void imports_decode_utf8_bom_and_gb18030(void **state)
{
	(void)state;
	const char *err = NULL;
	const char *bom = "\xEF\xBB\xBF张三,1";
	assert_string_equal(str_decode_import(&a, bom, strlen(bom), &err), "张三,1");
	/* 张三 in GB18030 (what Excel saves on Chinese Windows). */
	assert_string_equal(str_decode_import(&a, "\xD5\xC5\xC8\xFD,3", 6, &err), "张三,3");
	assert_null(str_decode_import(&a, "\x81", 1, &err));
	assert_non_null(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(decodes_percent_and_plus),	    cmocka_unit_test(refuses_bad_percent_encoding),
	    cmocka_unit_test(refuses_invalid_utf8_and_nul), cmocka_unit_test(refuses_oversize_input),
	    cmocka_unit_test(keeps_duplicate_keys_in_order), cmocka_unit_test(parses_cookies),
	    cmocka_unit_test(fields_normalise_and_explain),
	    cmocka_unit_test(mobiles_typed_in_groups_come_out_as_eleven_digits),
	    cmocka_unit_test(routes_match_patterns),
	    cmocka_unit_test(multipart_forms_and_files),     cmocka_unit_test(imports_decode_utf8_bom_and_gb18030),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
