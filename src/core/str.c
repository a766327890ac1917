#include "core/str.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* The length of the well-formed UTF-8 character beyond ASCII at p, at most
 * n bytes, its code point in *cp; 0 when it is not one (a bad lead or
 * continuation byte, cut off, overlong, a surrogate, past U+10FFFF). A NUL
 * ends it (it is no continuation byte), so n may be SIZE_MAX for a
 * NUL-terminated string. */
static size_t utf8_decode(const unsigned char *p, size_t n, unsigned *cp)
{
	unsigned c = p[0];
	size_t len;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		*cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		*cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		*cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (p[k] & 0x3F);
	}
	if ((len == 3 && *cp < 0x800) || (len == 4 && (*cp < 0x10000 || *cp > 0x10FFFF)) ||
	    (*cp >= 0xD800 && *cp <= 0xDFFF))
		return 0;
	return len;
}

int utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i], cp;
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len)
			return 0;
		i += len;
	}
	return 1;
}

size_t utf8_len(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

void utf8_clip(char *s, size_t max)
{
	size_t count = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80 && ++count > max) {
			*s = 0;
			return;
		}
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

char *str_normalize(struct arena *a, const char *in, size_t n)
{
	char *out = arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		/* U+FF01..U+FF5E is EF BC 81..EF BD 9E; U+3000 is E3 80 80. */
		if (i + 2 < n && s[i] == 0xEF && (s[i + 1] == 0xBC || s[i + 1] == 0xBD)) {
			unsigned cp = 0xFF00 | ((s[i + 1] & 0x03u) << 6) | (s[i + 2] & 0x3Fu);
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				out[o++] = (char)(cp - 0xFF01 + 0x21);
				i += 3;
				continue;
			}
		}
		if (i + 2 < n && s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80) {
			out[o++] = ' ';
			i += 3;
			continue;
		}
		/* Browsers send a textarea's line breaks as CR LF: kept as LF, so
		 * that saving unchanged text changes nothing. */
		if (s[i] == '\r') {
			out[o++] = '\n';
			i += i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
			continue;
		}
		out[o++] = (char)s[i++];
	}
	size_t start = 0;
	while (start < o && is_space((unsigned char)out[start]))
		start++;
	while (o > start && is_space((unsigned char)out[o - 1]))
		o--;
	memmove(out, out + start, o - start);
	out[o - start] = 0;
	/* Text that shows nothing (zero-width spaces, fillers) is no text: a
	 * required reason made of it would enter the public record blank. */
	if (str_is_blank(out))
		out[0] = 0;
	return out;
}

int str_is_mobile(const char *s)
{
	if (!s || strlen(s) != 11 || s[0] != '1')
		return 0;
	for (int i = 0; i < 11; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The code point of the UTF-8 sequence at s (at most 3 bytes are read, each
 * checked) and its length in *len; 0 for anything else. */
static unsigned cp3(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*len = 2;
		return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*len = 3;
		return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
	}
	*len = 0;
	return 0;
}

/* 1 if code point c may separate the groups of a phone number as people
 * type it: spaces (also no-break and ideographic), hyphens and dashes (also
 * full-width), dots and brackets. */
static int phone_separator(unsigned c)
{
	return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '(' || c == ')' || c == 0xA0 || c == 0x3000 ||
	       (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFF0D || c == 0xFF0E || c == 0xFF08 ||
	       c == 0xFF09;
}

int str_mobile_normalize(const char *s, char out[12])
{
	char d[16];
	size_t n = 0;
	int plus = 0;
	if (!s)
		return -1;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t len;
		unsigned c = cp3(p, &len);
		if (!len)
			return -1;
		p += len;
		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 0xFF10 && c <= 0xFF19) /* full-width digits */
			c -= 0xFF10;
		else if ((c == '+' || c == 0xFF0B) && !n && !plus) {
			plus = 1;
			continue;
		} else if (phone_separator(c))
			continue;
		else
			return -1;
		if (n == sizeof d)
			return -1;
		d[n++] = (char)('0' + c);
	}
	size_t skip = 0;
	/* China's country code, written +86, 0086 or 86 before the 11 digits. */
	if (n == 13 && d[0] == '8' && d[1] == '6')
		skip = 2;
	else if (n == 15 && !plus && !memcmp(d, "0086", 4))
		skip = 4;
	else if (plus)
		return -1;
	if (n - skip != 11 || d[skip] != '1')
		return -1;
	memcpy(out, d + skip, 11);
	out[11] = '\0';
	return 0;
}

/* Length of the bidirectional control at s (UTF-8), or 0. */
static size_t bidi_at(const unsigned char *s)
{
	if (s[0] == 0xD8 && s[1] == 0x9C) /* U+061C */
		return 2;
	if (s[0] != 0xE2 || (s[1] != 0x80 && s[1] != 0x81))
		return 0;
	unsigned cp = 0x2000u + ((unsigned)(s[1] & 0x3F) << 6) + (s[2] & 0x3Fu);
	int bidi = cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
	return bidi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
}

int str_has_bidi_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (bidi_at(p))
			return 1;
	return 0;
}

char *str_strip_bidi(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *out = arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t skip = bidi_at(p);
		if (skip)
			p += skip;
		else
			out[k++] = (char)*p++;
	}
	out[k] = 0;
	return out;
}

int str_is_blank(const char *s)
{
	int32_t i = 0, n = (int32_t)strlen(s);
	while (i < n) {
		UChar32 c;
		U8_NEXT((const uint8_t *)s, i, n, c);
		if (c < 0)
			return 0; /* not text: let the validators refuse it */
		int8_t t = u_charType(c);
		/* Fillers and blank patterns that render as nothing though their
		 * category says otherwise (Hangul fillers, Braille blank). */
		int filler = c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800;
		if (!(u_isUWhiteSpace(c) || t == U_FORMAT_CHAR || t == U_CONTROL_CHAR || filler))
			return 0;
	}
	return 1;
}

int str_is_slug(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 40 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

int str_is_origin(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 100 || s[0] == '/' || s[0] == '.' || s[n - 1] == '/')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '.' ||
		      s[i] == '/'))
			return 0;
	return !strstr(s, "//") && !strstr(s, "..");
}

int str_is_base_url(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	const char *p = s && !strncmp(s, "https://", 8) ? s + 8 : s && !strncmp(s, "http://", 7) ? s + 7 : NULL;
	if (!p || n > 200 || !*p || s[n - 1] == '/')
		return 0;
	size_t host = strcspn(p, ":/");
	if (host == 0)
		return 0;
	for (const char *q = p; *q; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '-' ||
		      *q == '.' || *q == '/' || *q == ':' || *q == '_' || *q == '~'))
			return 0;
	if (p[host] == ':') {
		const char *port = p + host + 1;
		size_t k = strspn(port, "0123456789");
		if (k < 1 || k > 5 || (port[k] && port[k] != '/'))
			return 0;
	}
	return !strstr(p, "//") && !strstr(p, "..");
}

int str_is_username(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 3 || n > 32)
		return 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
		      c == '.' || c == '-'))
			return 0;
	}
	return 1;
}

int str_to_int64(const char *s, int64_t *out)
{
	if (!s || !*s)
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || end == s || s[0] == ' ' || s[0] == '+')
		return -1;
	*out = v;
	return 0;
}

char *str_decode_import(struct arena *a, const char *data, size_t n, const char **err)
{
	if (n >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		n -= 3;
	}
	if (utf8_valid(data, n))
		return arena_strndup(a, data, n);
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1) {
		*err = "无法识别文件编码";
		return NULL;
	}
	size_t cap = n * 2 + 4, left = cap;
	char *out = arena_alloc(a, cap), *o = out;
	char *in = (char *)data;
	size_t inleft = n;
	size_t rc = out ? iconv(cd, &in, &inleft, &o, &left) : (size_t)-1;
	iconv_close(cd);
	if (rc == (size_t)-1 || inleft || !left) {
		*err = "这不像是表格文件,或其中的文字无法识别:请选择 Excel(.xlsx)文件,或在 Excel/WPS 中“另存为”CSV 后再导入";
		return NULL;
	}
	*o = 0;
	if (!utf8_valid(out, (size_t)(o - out))) {
		*err = "文件中含有无效字符";
		return NULL;
	}
	return out;
}

size_t str_xml_char_len(const unsigned char *p)
{
	unsigned c = p[0], cp;
	if (c < 0x80)
		return c >= 0x20 || c == '\t' || c == '\n' || c == '\r' ? 1 : 0;
	size_t len = utf8_decode(p, SIZE_MAX, &cp);
	return len && cp != 0xFFFE && cp != 0xFFFF ? len : 0;
}

size_t str_xml_bad_len(const unsigned char *p)
{
	size_t n = 1;
	while (n < 4 && (p[n] & 0xC0) == 0x80)
		n++;
	return n;
}

const char *str_xml_clean(struct arena *a, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t bad = 0, n = 0;
	while (p[n]) {
		size_t len = str_xml_char_len(p + n);
		bad += !len;
		n += len ? len : 1;
	}
	if (!bad)
		return s;
	char *out = arena_alloc(a, n + 2 * bad + 1), *o = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n;) {
		size_t len = str_xml_char_len(p + i);
		if (len) {
			memcpy(o, p + i, len);
			o += len;
			i += len;
		} else {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			i += str_xml_bad_len(p + i);
		}
	}
	*o = 0;
	return out;
}
