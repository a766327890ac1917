/* Arena and buffer: caps, sticky errors, reuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/collate.h"
#include "core/str.h"

static void arena_refuses_past_cap_and_stays_failed(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 100);
	assert_non_null(arena_alloc(&a, 40));
	assert_non_null(arena_alloc(&a, 40));
	assert_null(arena_alloc(&a, 40)); /* 48 + 48 + 48 > 100 */
	assert_true(a.failed);
	assert_null(arena_alloc(&a, 1)); /* sticky: even a small one is refused now */
	arena_reset(&a);
	assert_false(a.failed);
	assert_non_null(arena_alloc(&a, 90));
	arena_free(&a);
}

static void arena_allocations_are_aligned_and_independent(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1 << 20);
	char *p = arena_alloc(&a, 3), *q = arena_alloc(&a, 5);
	assert_int_equal((uintptr_t)p % 16, 0);
	assert_int_equal((uintptr_t)q % 16, 0);
	memset(p, 'x', 3);
	memset(q, 'y', 5);
	assert_int_equal(p[2], 'x');
	char *big = arena_alloc(&a, 100000); /* larger than a chunk */
	assert_non_null(big);
	memset(big, 1, 100000);
	assert_string_equal(arena_printf(&a, "%d-%s", 42, "ok"), "42-ok");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	arena_free(&a);
}

static void arena_rejects_size_overflow(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, SIZE_MAX);
	assert_null(arena_alloc(&a, SIZE_MAX - 3));
	assert_true(a.failed);
	arena_free(&a);
}

static void buf_caps_and_sticky_error(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	buf_puts(&b, "12345");
	buf_puts(&b, "678");
	assert_false(b.err);
	assert_string_equal(b.data, "12345678");
	buf_puts(&b, "abc"); /* 11 > 10 */
	assert_true(b.err);
	assert_string_equal(b.data, "12345678"); /* nothing partial was written */
	buf_putc(&b, 'z');
	assert_int_equal(b.len, 8); /* sticky */
	buf_reset(&b);
	buf_puts(&b, "123456789");
	buf_putc(&b, '0'); /* the tenth byte fits */
	assert_false(b.err);
	buf_putc(&b, '!'); /* the eleventh does not, though memory is there */
	assert_true(b.err);
	assert_string_equal(b.data, "1234567890");
	buf_reset(&b);
	assert_false(b.err);
	buf_printf(&b, "%05d", 42);
	assert_string_equal(b.data, "00042");
	buf_free(&b);
}

static void buf_printf_grows_past_small_buffer(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	char big[1000];
	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = 0;
	buf_printf(&b, "[%s]", big);
	assert_int_equal(b.len, 1001);
	assert_int_equal(b.data[0], '[');
	assert_int_equal(b.data[1000], ']');
	buf_int(&b, -12);
	assert_string_equal(b.data + 1001, "-12");
	buf_reset(&b);
	buf_int(&b, 0);
	buf_int(&b, INT64_MAX);
	buf_int(&b, INT64_MIN);
	assert_string_equal(b.data, "09223372036854775807-9223372036854775808");
	buf_free(&b);
}

static void utf8_validation(void **state)
{
	(void)state;
	assert_true(utf8_valid("社区 abc", strlen("社区 abc")));
	assert_false(utf8_valid("\xC0\xAF", 2));		/* overlong '/' */
	assert_false(utf8_valid("\xED\xA0\x80", 3));	/* surrogate */
	assert_false(utf8_valid("\xE7\xA4", 2));		/* truncated */
	assert_false(utf8_valid("a\0b", 3));		/* NUL */
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
	assert_true(utf8_valid("\xF0\x9F\x98\x80", 4));	/* emoji */
	assert_int_equal(utf8_len("社区ab", strlen("社区ab")), 4);
	char clip[] = "社区ab😀居民";
	utf8_clip(clip, 5); /* whole code points only */
	assert_string_equal(clip, "社区ab😀");
	utf8_clip(clip, 2);
	assert_string_equal(clip, "社区");
	utf8_clip(clip, 9);
	assert_string_equal(clip, "社区");
}

static void normalize_folds_fullwidth_and_trims(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1 << 16);
	const char *in = "\xE3\x80\x80１３８００１３８０００，ＡＢ ";
	assert_string_equal(str_normalize(&a, in, strlen(in)), "13800138000,AB");
	assert_string_equal(str_normalize(&a, "  张三  ", strlen("  张三  ")), "张三");
	assert_string_equal(str_normalize(&a, "第一行\r\n第二行\r第三行", strlen("第一行\r\n第二行\r第三行")), "第一行\n第二行\n第三行");
	arena_free(&a);
}

static void validators(void **state)
{
	(void)state;
	assert_true(str_is_mobile("13800138000"));
	assert_false(str_is_mobile("1380013800"));
	assert_false(str_is_mobile("23800138000"));
	char m[12] = "unchanged";
	assert_int_equal(str_mobile_normalize("138 0013 8000", m), 0);
	assert_string_equal(m, "13800138000");
	assert_int_equal(str_mobile_normalize("\xEF\xBC\x8B" "86 \xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x98\xE2\x80\x94" "0013\xE2\x80\x94" "8000", m), 0);
	assert_string_equal(m, "13800138000"); /* full-width plus and digits, em dashes */
	memcpy(m, "unchanged", 10);
	static const char *bad[] = {"", "1380013800", "138001380000", "23800138000", "+1 138 0013 8000", "138 0013 8000x",
				    "+86+13800138000", "86 23800138000", ("\xE4\xB8\x80" "3800138000"), "\xC3", "\xE2\x80"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(str_mobile_normalize(bad[i], m), -1);
	assert_string_equal(m, "unchanged");
	assert_true(str_is_slug("xingfuli-2"));
	assert_false(str_is_slug("-x"));
	assert_false(str_is_slug("Xing"));
	assert_false(str_has_bidi_control("低保公示 fdp.exe"));
	assert_true(str_has_bidi_control("公示\xE2\x80\xAE" "fdp.exe"));  /* U+202E */
	assert_true(str_has_bidi_control("x\xE2\x81\xA6y"));          /* U+2066 */
	assert_true(str_has_bidi_control("x\xE2\x80\x8F"));           /* U+200F */
	/* What XML may hold: U+FFFF, U+FFFE, a surrogate, a control and a broken byte are not. */
	assert_int_equal(str_xml_char_len((const unsigned char *)"\xE4\xB8\xAD"), 3); /* 中 */
	assert_int_equal(str_xml_char_len((const unsigned char *)"\t"), 1);
	assert_int_equal(str_xml_char_len((const unsigned char *)"\x01"), 0);
	assert_int_equal(str_xml_char_len((const unsigned char *)"\xEF\xBF\xBF"), 0);
	assert_int_equal(str_xml_char_len((const unsigned char *)"\xEF\xBF\xBE"), 0);
	assert_int_equal(str_xml_char_len((const unsigned char *)"\xED\xA0\x80"), 0);
	assert_int_equal(str_xml_char_len((const unsigned char *)"\xE4\xB8"), 0);
	struct arena xa;
	arena_init(&xa, 1 << 16);
	const char *clean = "公示 <ok>";
	assert_ptr_equal(str_xml_clean(&xa, clean), clean);
	assert_string_equal(str_xml_clean(&xa, "a\xEF\xBF\xBF" "b\x01"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
	arena_free(&xa);
	assert_true(str_has_bidi_control("\xD8\x9C"));                 /* U+061C */
	assert_false(str_has_bidi_control("\xE2\x80\x94 \xE2\x80")); /* an em dash; a cut sequence */
	struct arena ar;
	arena_init(&ar, 1 << 16);
	assert_string_equal(str_strip_bidi(&ar, "a\xE2\x80\xAE" "fdp.exe\xE2\x80\xAC"), "afdp.exe");
	arena_free(&ar);
	assert_true(str_is_blank(""));
	assert_true(str_is_blank(" \xE2\x80\x8B\xEF\xBB\xBF\xE2\x81\xA0\xC2\xA0\xC2\xAD")); /* ZWSP BOM WJ NBSP SHY */
	assert_true(str_is_blank("\xE3\x85\xA4\xE2\xA0\x80\xE1\xA0\x8E\xE3\x80\x80"));     /* U+3164 U+2800 U+180E U+3000 */
	assert_false(str_is_blank("\xE2\x80\x8B" "x"));
	assert_false(str_is_blank("理由"));
	assert_true(str_is_origin("shequ.local"));
	assert_true(str_is_origin("gov.example.cn/shequ"));
	const char *bad_origins[] = {"", "a b", "a+b", "/x", "x/", "a//b", "A.cn", "a..b", "a\nb", "x\t"};
	for (size_t i = 0; i < sizeof bad_origins / sizeof *bad_origins; i++)
		assert_false(str_is_origin(bad_origins[i]));
	assert_true(str_is_base_url("https://shequ.example.cn"));
	assert_true(str_is_base_url("http://127.0.0.1:8080/sub"));
	const char *bad_urls[] = {"",	       "https://",	    "https://x/",	   "ftp://x",	"javascript:alert(1)",
				  "http://a b", "http://u@x",	    "http://x?q=1",	   "http://x#f", "http://x:",
				  "http://x:123456", "http:///x", "http://x/../y", "http://x\"y", "http://x:80a"};
	for (size_t i = 0; i < sizeof bad_urls / sizeof *bad_urls; i++)
		assert_false(str_is_base_url(bad_urls[i]));
	assert_true(str_is_username("wang.jg_1"));
	assert_false(str_is_username("1abc"));
	assert_false(str_is_username("ab"));
	int64_t v;
	assert_int_equal(str_to_int64("-42", &v), 0);
	assert_int_equal(v, -42);
	assert_int_equal(str_to_int64("42x", &v), -1);
	assert_int_equal(str_to_int64("", &v), -1);
	assert_int_equal(str_to_int64("99999999999999999999", &v), -1);
}

static void chinese_sorts_by_pinyin(void **state)
{
	(void)state;
	/* 翠 (cuì) comes before 和 (hé) in pinyin, after it by code point. */
	assert_true(collate_zh("翠竹社区", "和平社区") < 0);
	assert_true(strcmp("翠竹社区", "和平社区") > 0);
	assert_true(collate_zh("和平社区", "幸福里社区") < 0);
	assert_true(collate_zh("张三", "李四") > 0); /* zhāng after lǐ */
	assert_int_equal(collate_zh("王芳", "王芳"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(arena_refuses_past_cap_and_stays_failed),
	    cmocka_unit_test(arena_allocations_are_aligned_and_independent),
	    cmocka_unit_test(arena_rejects_size_overflow),
	    cmocka_unit_test(buf_caps_and_sticky_error),
	    cmocka_unit_test(buf_printf_grows_past_small_buffer),
	    cmocka_unit_test(utf8_validation),
	    cmocka_unit_test(normalize_folds_fullwidth_and_trims),
	    cmocka_unit_test(validators),
	    cmocka_unit_test(chinese_sorts_by_pinyin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
