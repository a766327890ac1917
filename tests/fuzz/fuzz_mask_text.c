/* libFuzzer target: the free-text masker. Whatever the text, masking gives
 * well-formed UTF-8 from well-formed UTF-8, never a longer text, a fixed
 * point (masking again changes nothing, and nothing is found), and no
 * mobile number is left in it as read after NFKC - checked here by a scan
 * of its own with a narrower idea of digits and separators than the
 * masker's, so that anything it finds the masker should have masked. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "core/str.h"
#include "pii/pii.h"

/* The digit of c: any Unicode decimal digit and the plain Chinese numerals; else -1. */
static int digit(UChar32 c)
{
	static const UChar32 han[10] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
	                                0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
	int d = u_charDigitValue(c);
	for (int i = 0; d < 0 && i < 10; i++)
		if (c == han[i] || (i == 0 && c == 0x3007))
			d = i;
	return d;
}

/* 1 if the NFKC form of s holds 1[3-9] and 9 more digits, consecutive
 * digits apart by at most 3 spaces, hyphens or dots (format characters
 * not counted). */
static int mobile_left(const char *s)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
	int32_t n16 = 0;
	u_strFromUTF8(NULL, 0, &n16, s, -1, &st);
	st = U_ZERO_ERROR;
	UChar *u = malloc(((size_t)n16 + 1) * sizeof *u);
	u_strFromUTF8(u, n16 + 1, NULL, s, -1, &st);
	int32_t cap = 18 * n16 + 16, len;
	UChar *v = malloc((size_t)cap * sizeof *v);
	st = U_ZERO_ERROR;
	len = unorm2_normalize(nfkc, u, n16, v, cap, &st);
	if (U_FAILURE(st))
		__builtin_trap();
	char run[11];
	int have = 0, gap = 0, found = 0;
	for (int32_t i = 0; i < len && !found;) {
		UChar32 c;
		U16_NEXT(v, i, len, c);
		int d = digit(c);
		if (d >= 0) {
			if (gap > 3)
				have = 0;
			if (have == 11) {
				memmove(run, run + 1, 10);
				have = 10;
			}
			run[have++] = (char)('0' + d);
			gap = 0;
			found = have == 11 && run[0] == '1' && run[1] >= '3';
		} else if (u_charType(c) == U_FORMAT_CHAR) {
			continue;
		} else if (c == ' ' || c == '-' || c == '.' || u_charType(c) == U_SPACE_SEPARATOR) {
			gap++;
		} else {
			have = 0;
		}
	}
	free(u);
	free(v);
	return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = 0;
	size_t len = strlen(text);
	struct arena a;
	arena_init(&a, 64 << 20);
	char *out = pii_mask_text(&a, text);
	if (!out || strlen(out) > len)
		__builtin_trap();
	if (utf8_valid(text, len) && !utf8_valid(out, strlen(out)))
		__builtin_trap();
	char *again = pii_mask_text(&a, out);
	struct pii_span *s;
	size_t n = 1;
	if (!again || strcmp(again, out) || pii_text_find(&a, out, strlen(out), &s, &n) < 0 || n)
		__builtin_trap();
	if (utf8_valid(out, strlen(out)) && mobile_left(out))
		__builtin_trap();
	/* Spans lie inside the text, in order, each holding 7 digits or more. */
	if (pii_text_find(&a, text, len, &s, &n) < 0)
		__builtin_trap();
	for (size_t i = 0; i < n; i++)
		if (s[i].start >= s[i].end || s[i].end > len || (i && s[i].start < s[i - 1].end) ||
		    s[i].digits < 7 || s[i].kind >= PII__MAX)
			__builtin_trap();
	arena_free(&a);
	free(text);
	return 0;
}
