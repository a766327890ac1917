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

/* The digit at p as pii_text_find reads it: an ASCII or full-width digit,
 * a Chinese numeral (a name's 三 or 五 next to a number joins it), X or x
 * (an ID number's check character). '0'..'9' or 'X' with its length in
 * *len, or 0 when p holds none. */
static char digit_at(const char *p, size_t *len)
{
	/* the numerals in UTF-8 (3 bytes each) and, in the same order, what they stand for */
	static const char han[] = "〇○零洞一幺壹二两兩贰貳三叁叄參四肆五伍六陆陸七柒八捌九玖";
	static const char val[] = "00001112222233334455666778899";
	const unsigned char *u = (const unsigned char *)p;
	*len = 1;
	if ((*p >= '0' && *p <= '9') || *p == 'X' || *p == 'x')
		return *p == 'x' ? 'X' : *p;
	if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
		*len = 3;
		return (char)('0' + (u[2] - 0x90));
	}
	if ((u[0] & 0xF0) != 0xE0 || !u[1] || !u[2])
		return 0; /* the numerals are 3 bytes long; no reading past the end */
	for (size_t i = 0; i + 3 <= sizeof han - 1; i += 3)
		if (!memcmp(p, han + i, 3)) {
			*len = 3;
			return val[i / 3];
		}
	return 0;
}

/* 1 if bytes [from, to) of text, a number pii_text_find found, hold a
 * mobile (1[3-9] and nine more digits) or a resident ID number (17 digits
 * and a valid check character) lying within one run of digits ("王五
 * 13912345678": 五 and the mobile are one run of 12) or filling whole runs
 * ("五:139-1234-5678"). A date or time, runs of 2 and 4 digits, never
 * fills 11 or 18. */
static int span_holds_personal(struct arena *a, const char *text, size_t from, size_t to)
{
	size_t cap = to - from + 1, n = 0;
	char *d = arena_alloc(a, cap);
	int *run = arena_alloc(a, cap * sizeof *run);
	if (!d || !run)
		return 1; /* not checked: not published */
	int r = 0, gap = 1;
	for (size_t i = from; i < to;) {
		size_t len;
		char c = digit_at(text + i, &len);
		if (!c) {
			gap = 1;
			for (i++; i < to && ((unsigned char)text[i] & 0xC0) == 0x80; i++)
				;
			continue;
		}
		r += gap;
		gap = 0;
		run[n] = r;
		d[n++] = c;
		i += len;
	}
	for (size_t i = 0; i < n; i++) {
		static const size_t lens[] = {11, 18};
		for (int k = 0; k < 2; k++) {
			size_t j = i + lens[k] - 1; /* the window's last digit */
			if (j >= n)
				continue;
			int whole = (i == 0 || run[i - 1] != run[i]) && (j + 1 == n || run[j + 1] != run[j]);
			if (run[i] != run[j] && !whole)
				continue;
			if (k == 0) {
				int mobile = d[i] == '1' && d[i + 1] >= '3' && d[i + 1] <= '9';
				for (size_t m = i; mobile && m <= j; m++)
					mobile = d[m] != 'X';
				if (mobile)
					return 1;
			} else {
				char id[19];
				memcpy(id, d + i, 18);
				id[18] = 0;
				if (pii_id_valid(id))
					return 1;
			}
		}
	}
	return 0;
}

int units_refuse_personal(struct arena *a, const char *const *vals, const char **errs, const int *which, size_t n)
{
	int bad = 0;
	for (size_t k = 0; k < n; k++) {
		int i = which[k];
		struct pii_span *sp;
		size_t ns;
		if (errs[i] || !vals[i] || !*vals[i])
			continue;
		int found = pii_text_find(a, vals[i], strlen(vals[i]), &sp, &ns) < 0; /* not checked: not published */
		for (size_t j = 0; !found && j < ns; j++)
			found = sp[j].kind == PII_MOBILE || sp[j].kind == PII_ID ||
				span_holds_personal(a, vals[i], sp[j].start, sp[j].end);
		if (found) {
			errs[i] = "这一项会公开显示,不要填写个人手机号或身份证号";
			bad++;
		}
	}
	return bad;
}
