/* Money in integer fen: the one parser of typed and imported amounts and
 * the one formatter of shown ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/money.h"

static int64_t fen_of(const char *s)
{
	int64_t fen = -777;
	if (money_parse(s, &fen) < 0)
		fail_msg("money_parse refused \"%s\"", s);
	return fen;
}

static void amounts_are_read_in_the_forms_people_type(void **state)
{
	(void)state;
	assert_int_equal(fen_of("1234"), 123400);
	assert_int_equal(fen_of("1234.5"), 123450);
	assert_int_equal(fen_of("1234.56"), 123456);
	assert_int_equal(fen_of("1,234.56"), 123456);
	assert_int_equal(fen_of("1,234,567"), 123456700);
	assert_int_equal(fen_of("¥1234.5"), 123450);
	assert_int_equal(fen_of("￥1,234.56"), 123456);
	assert_int_equal(fen_of("¥ 1,234.56"), 123456);
	assert_int_equal(fen_of("１２３４．５６"), 123456);
	assert_int_equal(fen_of("１，２３４．５"), 123450);
	assert_int_equal(fen_of("  98.00 "), 9800);
	assert_int_equal(fen_of("\u3000980\u3000"), 98000); /* ideographic spaces */
	assert_int_equal(fen_of("1280元"), 128000);
	assert_int_equal(fen_of("0"), 0);
	assert_int_equal(fen_of("0.05"), 5);
	assert_int_equal(fen_of("007"), 700);
	assert_int_equal(fen_of("-12"), -1200);
	assert_int_equal(fen_of("-¥1,234.56"), -123456);
	assert_int_equal(fen_of("¥-0.5"), -50);
	assert_int_equal(fen_of("－５"), -500);
	assert_int_equal(fen_of("-0"), 0);
}

static void money_refuses_what_is_not_an_amount(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		enum money_error why;
	} bad[] = {
	    {"", MONEY_EMPTY},
	    {"   ", MONEY_EMPTY},
	    {NULL, MONEY_EMPTY},
	    {"1.234", MONEY_DECIMALS},
	    {"1.230", MONEY_DECIMALS},
	    {"１．２３４", MONEY_DECIMALS},
	    {"12,34", MONEY_COMMA},
	    {"1234,567", MONEY_COMMA},
	    {"1,2345", MONEY_COMMA},
	    {",123", MONEY_COMMA},
	    {"1,234,56", MONEY_COMMA},
	    {"1,234.5,6", MONEY_COMMA},
	    {"1,", MONEY_COMMA},
	    {"abc", MONEY_SYNTAX},
	    {"12a", MONEY_SYNTAX},
	    {".5", MONEY_SYNTAX},
	    {"5.", MONEY_SYNTAX},
	    {"1.2.3", MONEY_SYNTAX},
	    {"-", MONEY_SYNTAX},
	    {"¥", MONEY_SYNTAX},
	    {"--5", MONEY_SYNTAX},
	    {"¥¥5", MONEY_SYNTAX},
	    {"+5", MONEY_SYNTAX},
	    {"5-", MONEY_SYNTAX},
	    {"1 234", MONEY_SYNTAX},
	    {"1e3", MONEY_SYNTAX},
	    {"0x10", MONEY_SYNTAX},
	    {"\xEF\xBC", MONEY_SYNTAX}, /* a cut UTF-8 sequence */
	    {"92233720368547758.08", MONEY_RANGE},
	    {"-92233720368547758.09", MONEY_RANGE},
	    {"99999999999999999999999", MONEY_RANGE},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int64_t fen = 42;
		enum money_error e = money_parse_ex(bad[i].s, &fen);
		if (e != bad[i].why)
			fail_msg("\"%s\": got %d, want %d", bad[i].s ? bad[i].s : "(null)", (int)e,
			         (int)bad[i].why);
		assert_int_equal(fen, 42); /* untouched */
		assert_int_equal(money_parse(bad[i].s, &fen), -1);
		assert_true(strlen(money_error_message(e)) > 0);
	}
	/* The extremes themselves fit. */
	assert_int_equal(fen_of("92233720368547758.07"), INT64_MAX);
	assert_int_equal(fen_of("-92,233,720,368,547,758.08"), INT64_MIN);
	assert_string_equal(money_error_message(MONEY_DECIMALS), "金额最多两位小数(到分)");
	assert_string_equal(money_error_message(MONEY_OK), "");
}

static void format_groups_thousands_and_keeps_the_sign_outside(void **state)
{
	(void)state;
	char s[MONEY_FORMAT_SIZE];
	assert_string_equal(money_format(123456, s, sizeof s), "¥1,234.56");
	assert_string_equal(money_format(-123456, s, sizeof s), "-¥1,234.56");
	assert_string_equal(money_format(0, s, sizeof s), "¥0.00");
	assert_string_equal(money_format(-5, s, sizeof s), "-¥0.05");
	assert_string_equal(money_format(100000, s, sizeof s), "¥1,000.00");
	assert_string_equal(money_format(99999, s, sizeof s), "¥999.99");
	assert_string_equal(money_format(100000000, s, sizeof s), "¥1,000,000.00");
	assert_string_equal(money_format(INT64_MAX, s, sizeof s), "¥92,233,720,368,547,758.07");
	assert_string_equal(money_format(INT64_MIN, s, sizeof s), "-¥92,233,720,368,547,758.08");
	/* Too small a buffer: NULL and an empty string, never a cut amount. */
	char exact[11]; /* "¥1,234.56" is 10 bytes */
	assert_null(money_format(123456, exact, 10));
	assert_string_equal(exact, "");
	assert_string_equal(money_format(123456, exact, 11), "¥1,234.56");
	assert_null(money_format(123456, exact, 0));
}

static void formatted_amounts_read_back_the_same(void **state)
{
	(void)state;
	static const int64_t v[] = {0,       1,       -1,        99,        100,       101,          123456,
	                            -123456, 1000000, 999999999, INT64_MAX, INT64_MIN, INT64_MIN + 1};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		char s[MONEY_FORMAT_SIZE];
		assert_int_equal(fen_of(money_format(v[i], s, sizeof s)), v[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(amounts_are_read_in_the_forms_people_type),
	    cmocka_unit_test(money_refuses_what_is_not_an_amount),
	    cmocka_unit_test(format_groups_thousands_and_keeps_the_sign_outside),
	    cmocka_unit_test(formatted_amounts_read_back_the_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
