#include "core/money.h"

#include <string.h>

#include "core/checked.h"

/* The characters an amount is made of, with their full-width and other
 * look-alikes folded: '0'..'9', ',', '.', '-', ' ', 'Y' (¥ or ￥), 'U' (元);
 * END at the NUL; OTHER for anything else. */
enum { END = 0, OTHER = 1 };

static int next_sym(const unsigned char **p)
{
	const unsigned char *s = *p;
	if (!*s)
		return END;
	if (*s < 0x80) {
		*p = s + 1;
		if ((*s >= '0' && *s <= '9') || *s == ',' || *s == '.' || *s == '-')
			return *s;
		return *s == ' ' || *s == '\t' ? ' ' : OTHER;
	}
	static const struct {
		const char *utf8;
		char sym;
	} fold[] = {
	    {"\xC2\xA5", 'Y'},     /* ¥ U+00A5 */
	    {"\xEF\xBF\xA5", 'Y'}, /* ￥ U+FFE5 */
	    {"\xE5\x85\x83", 'U'}, /* 元 */
	    {"\xEF\xBC\x8C", ','}, /* ， U+FF0C */
	    {"\xEF\xBC\x8E", '.'}, /* ． U+FF0E */
	    {"\xEF\xBC\x8D", '-'}, /* － U+FF0D */
	    {"\xE2\x88\x92", '-'}, /* − U+2212 */
	    {"\xE3\x80\x80", ' '}, /* ideographic space U+3000 */
	    {"\xC2\xA0", ' '},     /* no-break space */
	};
	/* Full-width digits U+FF10..U+FF19: EF BC 90..99. */
	if (s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99) {
		*p = s + 3;
		return '0' + (s[2] - 0x90);
	}
	for (size_t i = 0; i < sizeof fold / sizeof *fold; i++) {
		size_t n = strlen(fold[i].utf8);
		if (!strncmp((const char *)s, fold[i].utf8, n)) {
			*p = s + n;
			return fold[i].sym;
		}
	}
	*p = s + 1;
	return OTHER;
}

enum money_error money_parse_ex(const char *str, int64_t *fen)
{
	const unsigned char *p = (const unsigned char *)(str ? str : "");
	int c = next_sym(&p);
	while (c == ' ')
		c = next_sym(&p);
	if (c == END)
		return MONEY_EMPTY;
	int neg = 0, sign_seen = 0, cur_seen = 0;
	while ((c == '-' && !sign_seen) || (c == 'Y' && !cur_seen)) {
		if (c == '-')
			neg = sign_seen = 1;
		else
			cur_seen = 1;
		c = next_sym(&p);
		while (cur_seen && c == ' ')
			c = next_sym(&p);
	}
	/* The whole part: digits, optionally grouped by threes with commas. */
	uint64_t v = 0;
	int digits = 0, group = 0, grouped = 0;
	for (;; c = next_sym(&p)) {
		if (c >= '0' && c <= '9') {
			if (ck_mulu64(v, 10, &v) < 0 || ck_addu64(v, (uint64_t)(c - '0'), &v) < 0)
				return MONEY_RANGE;
			digits++;
			group++;
		} else if (c == ',') {
			if (!digits || (grouped ? group != 3 : group > 3))
				return MONEY_COMMA;
			grouped = 1;
			group = 0;
		} else {
			break;
		}
	}
	if (!digits)
		return MONEY_SYNTAX;
	if (grouped && group != 3)
		return MONEY_COMMA;
	uint64_t cents = 0;
	if (c == '.') {
		int fd = 0;
		for (c = next_sym(&p); c >= '0' && c <= '9'; c = next_sym(&p)) {
			if (++fd > 2)
				return MONEY_DECIMALS;
			cents = cents * 10 + (uint64_t)(c - '0');
		}
		if (!fd)
			return MONEY_SYNTAX;
		if (fd == 1)
			cents *= 10;
	}
	if (c == 'U')
		c = next_sym(&p);
	while (c == ' ')
		c = next_sym(&p);
	if (c != END)
		return c == ',' ? MONEY_COMMA : MONEY_SYNTAX;
	if (ck_mulu64(v, 100, &v) < 0 || ck_addu64(v, cents, &v) < 0)
		return MONEY_RANGE;
	/* INT64_MIN's magnitude is INT64_MAX + 1. */
	if (v > (uint64_t)INT64_MAX + (neg ? 1u : 0u))
		return MONEY_RANGE;
	*fen = neg ? (int64_t)(0 - v) : (int64_t)v;
	return MONEY_OK;
}

int money_parse(const char *s, int64_t *fen)
{
	return money_parse_ex(s, fen) == MONEY_OK ? 0 : -1;
}

const char *money_error_message(enum money_error e)
{
	static const char *const msg[MONEY__MAX] = {
	    "",
	    "请填写金额",
	    "金额应为以元计的数字,如 1280.50",
	    "金额最多两位小数(到分)",
	    "金额的千位分隔符位置不对,应如 1,234.56",
	    "金额超出可以处理的范围",
	};
	return (unsigned)e < MONEY__MAX ? msg[e] : msg[MONEY_SYNTAX];
}

char *money_format(int64_t fen, char *out, size_t n)
{
	/* Built right to left; the magnitude as unsigned so that INT64_MIN negates. */
	char tmp[MONEY_FORMAT_SIZE];
	size_t o = sizeof tmp;
	uint64_t v = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	tmp[--o] = 0;
	tmp[--o] = (char)('0' + v % 10);
	tmp[--o] = (char)('0' + v / 10 % 10);
	tmp[--o] = '.';
	v /= 100;
	int k = 0;
	do {
		if (k && k % 3 == 0)
			tmp[--o] = ',';
		tmp[--o] = (char)('0' + v % 10);
		v /= 10;
		k++;
	} while (v);
	o -= 2;
	memcpy(tmp + o, "\xC2\xA5", 2); /* ¥ */
	if (fen < 0)
		tmp[--o] = '-';
	size_t len = sizeof tmp - o;
	if (n < len) {
		if (n)
			*out = 0;
		return NULL;
	}
	memcpy(out, tmp + o, len);
	return out;
}
