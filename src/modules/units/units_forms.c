/* Parsing what staff type into the units forms: quantities, amounts, dates
 * and an agreement's term. Pure, and fuzzed (tests/fuzz_units_form.c). */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/str.h"
#include "modules/units/units_web.h"
#include "pii/pii.h"

#define QUANTITY_MAX 1000000000LL
#define AMOUNT_MAX 1000000000000LL /* ¥10,000,000,000.00 in fen */

const char *units_parse_quantity(const char *s, int64_t *out)
{
	/* Full-width digits fold to ASCII; spaces around are dropped. */
	char buf[32];
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
			if (n + 1 >= sizeof buf)
				return "数量太大";
			buf[n++] = (char)('0' + (p[2] - 0x90));
			p += 2;
		} else if (*p == ' ') {
			continue;
		} else if (*p >= '0' && *p <= '9') {
			if (n + 1 >= sizeof buf)
				return "数量太大";
			buf[n++] = (char)*p;
		} else {
			return "请填写整数,如 40";
		}
	}
	buf[n] = 0;
	if (!n)
		return "请填写数量";
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		v = v * 10 + (buf[i] - '0');
		if (v > QUANTITY_MAX)
			return "数量太大(不超过 10 亿)";
	}
	*out = v;
	return NULL;
}

const char *units_parse_amount(const char *s, int positive, int64_t *fen)
{
	int64_t v;
	enum money_error e = money_parse_ex(s, &v);
	if (e != MONEY_OK)
		return money_error_message(e);
	if (v < 0)
		return "金额不能为负数";
	if (positive && v == 0)
		return "金额应大于 0";
	if (v > AMOUNT_MAX)
		return "金额太大(不超过 100 亿元)";
	*fen = v;
	return NULL;
}

const char *units_parse_day(struct arena *a, const char *s, const char *label, int required, char out[11])
{
	struct ymd d;
	out[0] = 0;
	if (!s || !*s)
		return required ? arena_printf(a, "请填写%s", label) : NULL;
	if (date_parse_typed(s, &d) < 0 || d.y < 1990 || d.y > 2100)
		return arena_printf(a, "%s不是有效日期,请按 2026-03-01 的格式填写", label);
	date_format(d, out);
	return NULL;
}

int units_parse_term(struct arena *a, const char *signed_on, const char *starts, const char *ends, char out[3][11],
		     const char *errs[3])
{
	errs[0] = units_parse_day(a, signed_on, "签订日期", 1, out[0]);
	errs[1] = units_parse_day(a, starts, "开始日期", 1, out[1]);
	errs[2] = units_parse_day(a, ends, "结束日期", 1, out[2]);
	if (!errs[1] && !errs[2] && strcmp(out[1], out[2]) > 0)
		errs[2] = "结束日期不能早于开始日期";
	return (errs[0] != NULL) + (errs[1] != NULL) + (errs[2] != NULL);
}

int units_parse_year(const char *s)
{
	if (!s || strlen(s) != 4)
		return 0;
	int y = date_digits(s, 4);
	return y >= 2000 && y <= 2100 ? y : 0;
}

int units_refuse_personal(struct arena *a, const char *const *vals, const char **errs, const int *which, size_t n)
{
	int bad = 0;
	for (size_t k = 0; k < n; k++) {
		int i = which[k];
		if (errs[i] || !vals[i] || !*vals[i])
			continue;
		if (pii_text_holds_personal(a, vals[i])) {
			errs[i] = "这一项会公开显示,不要填写个人手机号或身份证号";
			bad++;
		}
	}
	return bad;
}
