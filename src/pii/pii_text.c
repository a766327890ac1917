/* Free text (objections, opinions, answers, notes) scrubbed of resident ID
 * and phone numbers however they are written: 138 0013 8000, 138-0013-8000,
 * full-width １３８…, Arabic-Indic digits, 一三八零零…, zero-width spaces
 * between the digits. The text is read as NFKC in chunks that normalise
 * independently (ICU: a chunk starts at each character with a normalisation
 * boundary before it), so every normalised character knows the original
 * bytes it came from; numbers are found in the normalised text and masked
 * in the original, one '*' for each chunk that holds a digit of them. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "pii/pii.h"

#define MIN_DIGITS 7 /* shorter numbers (house numbers, amounts, counts) stay */
#define MAX_JOIN 6   /* separators allowed between two digits of one number */
#define WIDE_GAP 12  /* any characters allowed between the digit groups of a mobile or ID */

enum cls { C_OTHER, C_DIGIT, C_X, C_JOIN };

/* One character of the normalised text. */
struct nchar {
	UChar32 c;
	uint32_t chunk; /* the chunk of the original it came from */
	unsigned char cls;
	char v; /* '0'..'9', or 'X' */
};

/* Bytes [start, end) of the original that normalise together. */
struct chunk {
	size_t start, end;
};

struct norm {
	struct nchar *ch;
	size_t n, cap;
	struct chunk *chunks;
	size_t nchunks, ccap;
	UChar *u16, *out16; /* scratch for one chunk */
	int32_t u16cap, out16cap;
};

struct numeral {
	UChar32 c;
	int digit;
};

static int numeral_cmp(const void *key, const void *elem)
{
	UChar32 c = *(const UChar32 *)key, e = ((const struct numeral *)elem)->c;
	return c < e ? -1 : c > e;
}

/* The digit a Chinese numeral stands for (大写 forms, 幺 as 1 is read in
 * phone numbers, 两, the circles written for zero), or -1. */
static int han_digit(UChar32 c)
{
	static const struct numeral numerals[] = {
	    /* by code point */
	    {0x25CB, 0} /* ○ */,  {0x25EF, 0} /* ◯ */,  {0x3007, 0} /* 〇 */, {0x4E00, 1} /* 一 */,
	    {0x4E03, 7} /* 七 */, {0x4E09, 3} /* 三 */, {0x4E24, 2} /* 两 */, {0x4E5D, 9} /* 九 */,
	    {0x4E8C, 2} /* 二 */, {0x4E94, 5} /* 五 */, {0x4F0D, 5} /* 伍 */, {0x5169, 2} /* 兩 */,
	    {0x516B, 8} /* 八 */, {0x516D, 6} /* 六 */, {0x53C1, 3} /* 叁 */, {0x53C3, 3} /* 參 */,
	    {0x53C4, 3} /* 叄 */, {0x56DB, 4} /* 四 */, {0x58F9, 1} /* 壹 */, {0x5E7A, 1} /* 幺 */,
	    {0x634C, 8} /* 捌 */, {0x67D2, 7} /* 柒 */, {0x6D1E, 0} /* 洞 */, {0x7396, 9} /* 玖 */,
	    {0x8086, 4} /* 肆 */,
	    {0x8CB3, 2} /* 貳 */, {0x8D30, 2} /* 贰 */, {0x9646, 6} /* 陆 */, {0x9678, 6} /* 陸 */,
	    {0x96F6, 0} /* 零 */};
	const struct numeral *n =
	    bsearch(&c, numerals, sizeof numerals / sizeof *numerals, sizeof *numerals, numeral_cmp);
	return n ? n->digit : -1;
}

/* Characters that may stand between the digits of one number: white space
 * and any punctuation or symbol, ASCII or not (、。:;~→ …). */
static int is_joiner(UChar32 c)
{
	static const char ascii[] = " \t\r\n-.,()[]/_*+#|'\":;!?%~=<>&@$^`{}\\";
	if (c > 0 && c < 0x80)
		return memchr(ascii, (int)c, sizeof ascii - 1) != NULL;
	switch (c) {
	case 0x00B7:
	case 0x2022:
	case 0x2027:
	case 0x2043:
	case 0x2212:
	case 0x30FB:
	case 0x30FC: /* · • ‧ ⁃ − ・ ー */
		return 1;
	}
	int8_t t = u_charType(c);
	return t == U_SPACE_SEPARATOR || t == U_LINE_SEPARATOR || t == U_PARAGRAPH_SEPARATOR ||
	       (t >= U_DASH_PUNCTUATION && t <= U_OTHER_PUNCTUATION) || t == U_INITIAL_PUNCTUATION ||
	       t == U_FINAL_PUNCTUATION || (t >= U_MATH_SYMBOL && t <= U_OTHER_SYMBOL);
}

/* The digit 0..9 that any other numeric character stands for (circled and
 * negative circled digits, Hangzhou numerals, counting rods, Roman
 * numerals other than Roman, which NFKC has turned into letters), or -1. */
static int numeric_digit(UChar32 c)
{
	if (u_getIntPropertyValue(c, UCHAR_NUMERIC_TYPE) == U_NT_NONE)
		return -1;
	double v = u_getNumericValue(c);
	return v >= 0 && v <= 9 && v == (double)(int)v ? (int)v : -1;
}

/* Characters that are read as not there: format characters (zero-width
 * space and joiners, direction marks and overrides), combining marks,
 * controls other than line breaks and tabs, default-ignorable fillers. */
static int is_invisible(UChar32 c)
{
	if (c == '\t' || c == '\n' || c == '\r')
		return 0;
	if (c >= 0x20 && c < 0x7F)
		return 0;
	int8_t t = u_charType(c);
	return t == U_FORMAT_CHAR || t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK ||
	       t == U_CONTROL_CHAR || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

/* Makes room in a malloc'd array of *cap elements for one more after n. 0 or -1. */
static int grow(void **p, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t want = *cap ? 2 * *cap : 256;
	void *bigger = realloc(*p, want * elem);
	if (!bigger)
		return -1;
	*p = bigger;
	*cap = want;
	return 0;
}

static int push_char(struct norm *nm, UChar32 c, uint32_t chunk)
{
	if (is_invisible(c))
		return 0;
	if (grow((void **)&nm->ch, &nm->cap, nm->n, sizeof *nm->ch) < 0)
		return -1;
	struct nchar *x = &nm->ch[nm->n++];
	x->c = c;
	x->chunk = chunk;
	x->v = 0;
	int d = c < 0x80 ? (c >= '0' && c <= '9' ? (int)(c - '0') : -1) : u_charDigitValue(c);
	if (d < 0)
		d = han_digit(c);
	if (d < 0 && c >= 0x80)
		d = numeric_digit(c);
	if (d >= 0) {
		x->cls = C_DIGIT;
		x->v = (char)('0' + d);
	} else if (c == 'X' || c == 'x') {
		x->cls = C_X;
		x->v = 'X';
	} else {
		x->cls = is_joiner(c) ? C_JOIN : C_OTHER;
	}
	return 0;
}

static int grow16(UChar **p, int32_t *cap, int32_t want)
{
	if (want <= *cap)
		return 0;
	UChar *bigger = realloc(*p, (size_t)want * sizeof **p);
	if (!bigger)
		return -1;
	*p = bigger;
	*cap = want;
	return 0;
}

/* Normalises the chunk s[start, end) and appends its characters. */
static int add_chunk(struct norm *nm, const UNormalizer2 *nfkc, const char *s, size_t start, size_t end)
{
	if (grow((void **)&nm->chunks, &nm->ccap, nm->nchunks, sizeof *nm->chunks) < 0)
		return -1;
	uint32_t id = (uint32_t)nm->nchunks;
	nm->chunks[nm->nchunks++] = (struct chunk){start, end};
	unsigned char b = (unsigned char)s[start];
	if (end - start == 1 && b < 0x80)
		return push_char(nm, b, id);
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;
	if (end - start > 1 << 16)
		return push_char(nm, 0xFFFD, id); /* a character under thousands of marks: no digit */
	if (grow16(&nm->u16, &nm->u16cap, (int32_t)(end - start) + 1) < 0)
		return -1;
	u_strFromUTF8(nm->u16, nm->u16cap, &len, s + start, (int32_t)(end - start), &st);
	if (U_FAILURE(st))
		return push_char(nm, 0xFFFD, id); /* ill-formed bytes: something that is no digit */
	int32_t out;
	for (;;) {
		st = U_ZERO_ERROR;
		out = unorm2_normalize(nfkc, nm->u16, len, nm->out16, nm->out16cap, &st);
		if (st != U_BUFFER_OVERFLOW_ERROR)
			break;
		if (grow16(&nm->out16, &nm->out16cap, out + 16) < 0)
			return -1;
	}
	if (U_FAILURE(st))
		return -1;
	for (int32_t j = 0; j < out;) {
		UChar32 c;
		U16_NEXT(nm->out16, j, out, c);
		if (push_char(nm, c, id) < 0)
			return -1;
	}
	return 0;
}

/* Splits n bytes of text into chunks and normalises them. 0 or -1. */
static int normalise(struct norm *nm, const char *s, size_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
	if (U_FAILURE(st) || n > INT32_MAX)
		return -1;
	int32_t i = 0, len = (int32_t)n;
	while (i < len) {
		int32_t start = i;
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c >= 0) {
			/* Characters that combine with what is before them join the chunk. */
			while (i < len) {
				int32_t j = i;
				UChar32 next;
				U8_NEXT(s, j, len, next);
				if (next < 0 || unorm2_hasBoundaryBefore(nfkc, next))
					break;
				i = j;
			}
		}
		if (add_chunk(nm, nfkc, s, (size_t)start, (size_t)i) < 0)
			return -1;
	}
	return 0;
}

static void norm_free(struct norm *nm)
{
	free(nm->ch);
	free(nm->chunks);
	free(nm->u16);
	free(nm->out16);
}

/* Value of the digits of group g (at most 4 digits are ever asked for). */
static int group_value(const struct nchar *ch, const size_t *mem, size_t from, size_t len)
{
	int v = 0;
	for (size_t k = 0; k < len; k++) {
		if (ch[mem[from + k]].cls != C_DIGIT)
			return -1;
		v = v * 10 + (ch[mem[from + k]].v - '0');
	}
	return v;
}

/* The one separator between two groups, or 0 when there are more than one. */
static UChar32 gap_char(const struct nchar *ch, size_t before, size_t after)
{
	return after == before + 2 ? ch[before + 1].c : 0;
}

/* Groups of a number: runs of adjacent digits. starts[g] indexes mem. */
struct groups {
	size_t *start, *len;
	size_t n;
};

/* 1 if the number is one or more dates such as 2024-01-15, 2024.1.5 or
 * 2024/01/15 (the last optionally followed by a space and an hour before a
 * colon): dates are not personal numbers. */
static int is_dates(const struct nchar *ch, size_t nch, const size_t *mem, const struct groups *g)
{
	size_t k = 0;
	while (k + 3 <= g->n) {
		size_t y = g->start[k], m = g->start[k + 1], d = g->start[k + 2];
		UChar32 s1 = gap_char(ch, mem[y + g->len[k] - 1], mem[m]);
		UChar32 s2 = gap_char(ch, mem[m + g->len[k + 1] - 1], mem[d]);
		int yv = g->len[k] == 4 ? group_value(ch, mem, y, 4) : -1;
		int mv = g->len[k + 1] <= 2 ? group_value(ch, mem, m, g->len[k + 1]) : -1;
		int dv = g->len[k + 2] <= 2 ? group_value(ch, mem, d, g->len[k + 2]) : -1;
		if (yv < 1900 || yv > 2099 || mv < 1 || mv > 12 || dv < 1 || dv > 31 || s1 != s2 ||
		    (s1 != '-' && s1 != '.' && s1 != '/'))
			return 0;
		k += 3;
	}
	if (k == g->n)
		return 1;
	/* The time after the last date: an hour, then :minutes and :seconds. */
	if (k == 0 || g->n - k > 3 || g->len[k] > 2)
		return 0;
	size_t h = g->start[k], prev = mem[h - 1], last = mem[h + g->len[k] - 1];
	int hv = group_value(ch, mem, h, g->len[k]);
	if (gap_char(ch, prev, mem[h]) != ' ' || hv < 0 || hv > 23)
		return 0;
	if (k + 1 == g->n)
		return last + 1 < nch && ch[last + 1].c == ':';
	for (size_t q = k + 1; q < g->n; q++) {
		size_t st = g->start[q];
		int v = g->len[q] == 2 ? group_value(ch, mem, st, 2) : -1;
		if (v < 0 || v > 59 || gap_char(ch, mem[st - 1], mem[st]) != ':')
			return 0;
	}
	return 1;
}

/* 1 if the number is one or more times of day such as 14:30, 8:05:10 or
 * 14:30-16:00 (hours and minutes joined by ':', times by '-', '~' or a
 * space): times are not personal numbers. */
static int is_times(const struct nchar *ch, const size_t *mem, const struct groups *g)
{
	size_t k = 0;
	while (k < g->n) {
		if (k > 0) {
			UChar32 sep = gap_char(ch, mem[g->start[k] - 1], mem[g->start[k]]);
			if (sep != '-' && sep != '~' && sep != ' ')
				return 0;
		}
		int hv = g->len[k] <= 2 ? group_value(ch, mem, g->start[k], g->len[k]) : -1;
		if (hv < 0 || hv > 24 || k + 1 >= g->n)
			return 0;
		size_t units = 0;
		for (k++; k < g->n && units < 2; k++, units++) {
			size_t st = g->start[k];
			int v = g->len[k] == 2 ? group_value(ch, mem, st, 2) : -1;
			if (gap_char(ch, mem[st - 1], mem[st]) != ':')
				break;
			if (v < 0 || v > 59)
				return 0;
		}
		if (units == 0)
			return 0;
	}
	return 1;
}

/* 1 if the number is an amount: 123456.78, or grouped by thousands as
 * 12,345,678.90, with at most 10 digits before the point. */
static int is_amount(const struct nchar *ch, const size_t *mem, const struct groups *g)
{
	size_t ng = g->n, intdigits = g->len[0];
	/* An X joins only numbers of 14 digits or more, longer than any amount. */
	if (ng < 2 || (g->len[0] > 1 && ch[mem[0]].v == '0'))
		return 0;
	size_t last = ng - 1;
	int decimals = gap_char(ch, mem[g->start[last] - 1], mem[g->start[last]]) == '.' && g->len[last] <= 2;
	size_t whole = decimals ? last : ng;
	if (whole > 1 && g->len[0] > 3)
		return 0;
	for (size_t k = 1; k < whole; k++) {
		if (g->len[k] != 3 || gap_char(ch, mem[g->start[k] - 1], mem[g->start[k]]) != ',')
			return 0;
		intdigits += 3;
	}
	return (decimals || whole > 1) && intdigits <= 10;
}

/* 1 if 11 digits in a row of the number read as a mobile number: such a
 * number is masked even when it looks like dates or an amount. */
static int mobile_inside(const struct nchar *ch, const size_t *mem, size_t cnt)
{
	for (size_t k = 0; k + 11 <= cnt; k++)
		if (ch[mem[k]].v == '1' && ch[mem[k + 1]].v >= '3' && ch[mem[k + 1]].v <= '9')
			return 1;
	return 0;
}

static enum pii_kind kind_of(const struct nchar *ch, const size_t *mem, size_t cnt)
{
	char d[19];
	if (cnt > 18)
		return PII_NUMBER;
	for (size_t k = 0; k < cnt; k++)
		d[k] = ch[mem[k]].v;
	d[cnt] = 0;
	if ((cnt == 18 || cnt == 15) && pii_id_valid(d))
		return PII_ID;
	const char *m = cnt == 13 && d[0] == '8' && d[1] == '6' ? d + 2 : d;
	if (strlen(m) == 11 && m[0] == '1' && m[1] >= '3' && m[1] <= '9' && !strchr(m, 'X'))
		return PII_MOBILE;
	if (d[0] == '0' && cnt >= 10 && cnt <= 12 && !strchr(d, 'X'))
		return PII_LANDLINE;
	return PII_NUMBER;
}

static int span_cmp(const void *x, const void *y)
{
	const struct pii_span *a = x, *b = y;
	return a->start < b->start ? -1 : a->start > b->start;
}

/* Puts the spans of both looks in text order, one span where two overlap
 * (the second look may reach across a number the first one found). */
static void order_spans(struct pii_span *sp, size_t *n)
{
	if (*n < 2)
		return;
	qsort(sp, *n, sizeof *sp, span_cmp);
	size_t k = 0;
	for (size_t i = 1; i < *n; i++) {
		if (sp[i].start < sp[k].end) {
			if (sp[i].end > sp[k].end)
				sp[k].end = sp[i].end;
			sp[k].digits += sp[i].digits;
			if (sp[i].kind < sp[k].kind) /* ID, then mobile, then landline, then any */
				sp[k].kind = sp[i].kind;
		} else {
			sp[++k] = sp[i];
		}
	}
	*n = k + 1;
}

/* 1 if the digits at mem[0..cnt) are a mobile number or a resident ID
 * with a valid check character: the two numbers worth finding even when
 * words or markup stand between their groups. */
static int strong_number(const struct nchar *ch, const size_t *mem, size_t cnt)
{
	if (cnt != 11 && cnt != 18)
		return 0;
	enum pii_kind k = kind_of(ch, mem, cnt);
	return (cnt == 11 && k == PII_MOBILE) || (cnt == 18 && k == PII_ID);
}

/* Second look, for mobiles and IDs only: digit groups may be parted by up
 * to WIDE_GAP characters of anything but digits (138加0013加8000,
 * 138<b>0013</b>8000, 身份证110105出生1949年12月31日…002X). A candidate
 * starts at the start of a group and ends at the end of one. Adds spans and
 * flags chunks like scan. 0 or -1. */
static int wide_scan(const struct norm *nm, unsigned char *mask, struct pii_span **spans, size_t *nspans, size_t *cap)
{
	const struct nchar *ch = nm->ch;
	size_t n = nm->n, *pos = malloc((n ? n : 1) * sizeof *pos), np = 0;
	if (!pos)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (ch[i].cls != C_DIGIT && ch[i].cls != C_X)
			continue;
		/* A lone Chinese numeral is a word here (四位, 一个), not a digit. */
		int lone = (i == 0 || ch[i - 1].cls != C_DIGIT) && (i + 1 == n || ch[i + 1].cls != C_DIGIT);
		if (lone && han_digit(ch[i].c) >= 0)
			continue;
		pos[np++] = i;
	}
	for (size_t s = 0; s < np; s++) {
		if (ch[pos[s]].cls != C_DIGIT || (s > 0 && pos[s - 1] + 1 == pos[s]))
			continue; /* not the start of a group */
		size_t e = s;
		while (e + 1 < np && e + 1 - s < 18 && pos[e + 1] - pos[e] - 1 <= WIDE_GAP) {
			e++;
			size_t cnt = e - s + 1;
			int group_end = e + 1 == np || pos[e + 1] != pos[e] + 1;
			if (!group_end || !strong_number(ch, pos + s, cnt))
				continue;
			int fresh = 0;
			for (size_t k = s; k <= e; k++)
				fresh |= !mask[ch[pos[k]].chunk];
			if (!fresh)
				continue; /* the first look found it already */
			for (size_t k = s; k <= e; k++)
				mask[ch[pos[k]].chunk] = 1;
			if (grow((void **)spans, cap, *nspans, sizeof **spans) < 0) {
				free(pos);
				return -1;
			}
			(*spans)[(*nspans)++] = (struct pii_span){nm->chunks[ch[pos[s]].chunk].start,
			                                          nm->chunks[ch[pos[e]].chunk].end,
			                                          kind_of(ch, pos + s, cnt), (int)cnt};
		}
	}
	free(pos);
	return 0;
}

/* Finds the numbers to mask in the normalised text: spans appended to
 * *spans (malloc'd), their chunks flagged in mask. 0 or -1. */
static int scan(const struct norm *nm, unsigned char *mask, struct pii_span **spans, size_t *nspans)
{
	const struct nchar *ch = nm->ch;
	size_t n = nm->n, cap = 0;
	size_t *mem = malloc((n ? n : 1) * sizeof *mem * 3);
	if (!mem)
		return -1;
	struct groups g = {mem + n, mem + 2 * n, 0};
	*spans = NULL;
	*nspans = 0;
	for (size_t i = 0; i < n;) {
		if (ch[i].cls != C_DIGIT) {
			i++;
			continue;
		}
		size_t cnt = 0, j = i + 1;
		mem[cnt++] = i;
		for (;;) {
			size_t k = j, joins = 0;
			while (k < n && ch[k].cls == C_JOIN && joins < MAX_JOIN)
				k++, joins++;
			if (k < n && (ch[k].cls == C_DIGIT || (ch[k].cls == C_X && cnt >= 14))) {
				mem[cnt++] = k;
				j = k + 1;
				continue;
			}
			break;
		}
		i = mem[cnt - 1] + 1;
		if (cnt < MIN_DIGITS)
			continue;
		size_t longest = 0;
		g.n = 0;
		for (size_t k = 0; k < cnt; k++) {
			if (k == 0 || mem[k] != mem[k - 1] + 1) {
				g.start[g.n] = k;
				g.len[g.n++] = 0;
			}
			if (++g.len[g.n - 1] > longest)
				longest = g.len[g.n - 1];
		}
		if (longest < MIN_DIGITS && !mobile_inside(ch, mem, cnt) &&
		    (is_dates(ch, n, mem, &g) || is_times(ch, mem, &g) || is_amount(ch, mem, &g)))
			continue;
		for (size_t k = 0; k < cnt; k++)
			mask[ch[mem[k]].chunk] = 1;
		if (grow((void **)spans, &cap, *nspans, sizeof **spans) < 0) {
			free(mem);
			return -1;
		}
		(*spans)[(*nspans)++] = (struct pii_span){nm->chunks[ch[mem[0]].chunk].start,
		                                          nm->chunks[ch[mem[cnt - 1]].chunk].end,
		                                          kind_of(ch, mem, cnt), (int)cnt};
	}
	free(mem);
	if (wide_scan(nm, mask, spans, nspans, &cap) < 0)
		return -1;
	order_spans(*spans, nspans);
	return 0;
}

/* One pass: normalise, scan. *mask (malloc'd, one byte a chunk) and the spans. */
static int find(const char *text, size_t n, struct norm *nm, unsigned char **mask, struct pii_span **spans,
                size_t *nspans)
{
	memset(nm, 0, sizeof *nm);
	*mask = NULL;
	*spans = NULL;
	if (normalise(nm, text, n) < 0)
		return -1;
	*mask = calloc(nm->nchunks ? nm->nchunks : 1, 1);
	return *mask ? scan(nm, *mask, spans, nspans) : -1;
}

int pii_text_find(struct arena *a, const char *text, size_t n, struct pii_span **out, size_t *count)
{
	struct norm nm;
	unsigned char *mask;
	struct pii_span *spans;
	size_t ns = 0;
	int rc = find(text, n, &nm, &mask, &spans, &ns);
	*out = NULL;
	*count = 0;
	if (rc == 0) {
		*out = arena_alloc(a, (ns ? ns : 1) * sizeof **out);
		if (*out) {
			if (ns)
				memcpy(*out, spans, ns * sizeof **out);
			*count = ns;
		} else {
			rc = -1;
		}
	}
	free(spans);
	free(mask);
	norm_free(&nm);
	return rc;
}

char *pii_mask_text(struct arena *a, const char *text)
{
	char *cur = arena_strdup(a, text);
	while (cur) {
		struct norm nm;
		unsigned char *mask;
		struct pii_span *spans;
		size_t ns = 0, len = strlen(cur);
		char *next = NULL;
		int rc = find(cur, len, &nm, &mask, &spans, &ns);
		if (rc == 0 && ns && (next = arena_alloc(a, len + 1)) != NULL) {
			size_t o = 0;
			for (size_t k = 0; k < nm.nchunks; k++) {
				const struct chunk *c = &nm.chunks[k];
				if (mask[k]) {
					next[o++] = '*';
				} else {
					memcpy(next + o, cur + c->start, c->end - c->start);
					o += c->end - c->start;
				}
			}
			next[o] = 0;
		}
		free(spans);
		free(mask);
		norm_free(&nm);
		if (rc == 0 && !ns)
			return cur;
		if (!next)
			return NULL;
		/* Masking can only remove digits; mask again until nothing is left. */
		cur = next;
	}
	return NULL;
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

int pii_text_holds_personal(struct arena *a, const char *text)
{
	struct pii_span *sp;
	size_t n;
	if (!text || !*text)
		return 0;
	if (pii_text_find(a, text, strlen(text), &sp, &n) < 0)
		return 1; /* not checked: not published */
	for (size_t i = 0; i < n; i++)
		if (sp[i].kind == PII_MOBILE || sp[i].kind == PII_ID || span_holds_personal(a, text, sp[i].start, sp[i].end))
			return 1;
	return 0;
}
