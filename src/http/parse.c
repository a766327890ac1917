#include "http/parse.h"

#include <string.h>

#include "core/str.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long url_decode(char *dst, const char *src, size_t n, int plus)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = src[i];
		if (c == '%') {
			int hi, lo;
			if (n - i < 3 || (hi = hexval(src[i + 1])) < 0 || (lo = hexval(src[i + 2])) < 0)
				return PARSE_BAD_ESCAPE;
			dst[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus) {
			dst[o++] = ' ';
		} else {
			dst[o++] = c;
		}
	}
	dst[o] = 0;
	return (long)o;
}

/* Decodes one key or value into the arena; checks UTF-8. */
static int decode_part(struct arena *a, const char *s, size_t n, const char **out, size_t *outn)
{
	char *d = arena_alloc(a, n + 1);
	if (!d)
		return PARSE_NO_MEMORY;
	long len = url_decode(d, s, n, 1);
	if (len < 0)
		return (int)len;
	if (!utf8_valid(d, (size_t)len))
		return PARSE_BAD_UTF8;
	*out = d;
	if (outn)
		*outn = (size_t)len;
	return PARSE_OK;
}

int parse_urlencoded(struct arena *a, const char *s, size_t n, struct kvlist *out)
{
	out->v = NULL;
	out->n = 0;
	if (n > PARSE_MAX_INPUT)
		return PARSE_TOO_LONG;
	if (n == 0)
		return PARSE_OK;
	size_t pairs = 1;
	for (size_t i = 0; i < n; i++)
		pairs += s[i] == '&';
	if (pairs > PARSE_MAX_PAIRS)
		return PARSE_TOO_MANY;
	out->v = arena_alloc(a, pairs * sizeof *out->v);
	if (!out->v)
		return PARSE_NO_MEMORY;
	size_t i = 0;
	while (i <= n) {
		size_t end = i;
		while (end < n && s[end] != '&')
			end++;
		if (end > i) {
			size_t eq = i;
			while (eq < end && s[eq] != '=')
				eq++;
			if (eq - i > PARSE_MAX_KEY)
				return PARSE_TOO_LONG;
			struct kv *kv = &out->v[out->n];
			int rc = decode_part(a, s + i, eq - i, &kv->key, NULL);
			if (rc == PARSE_OK) {
				size_t vs = eq < end ? eq + 1 : end;
				rc = decode_part(a, s + vs, end - vs, &kv->val, &kv->vlen);
			}
			if (rc != PARSE_OK)
				return rc;
			out->n++;
		}
		i = end + 1;
	}
	return PARSE_OK;
}

int parse_cookies(struct arena *a, const char *s, size_t n, struct kvlist *out)
{
	out->v = NULL;
	out->n = 0;
	if (n > 8192)
		return PARSE_TOO_LONG;
	out->v = arena_alloc(a, PARSE_MAX_COOKIES * sizeof *out->v);
	if (!out->v)
		return PARSE_NO_MEMORY;
	size_t i = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == ';' || s[i] == '\t'))
			i++;
		size_t start = i;
		while (i < n && s[i] != ';')
			i++;
		size_t end = i;
		while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
			end--;
		const char *eq = memchr(s + start, '=', end - start);
		if (!eq || eq == s + start)
			continue;
		size_t klen = (size_t)(eq - (s + start)), vstart = (size_t)(eq - s) + 1;
		if (klen > PARSE_MAX_KEY || !utf8_valid(s + start, end - start))
			continue;
		if (out->n == PARSE_MAX_COOKIES)
			return PARSE_TOO_MANY;
		/* A value may be wrapped in double quotes (RFC 6265 cookie-value). */
		if (end - vstart >= 2 && s[vstart] == '"' && s[end - 1] == '"') {
			vstart++;
			end--;
		}
		struct kv *kv = &out->v[out->n];
		kv->key = arena_strndup(a, s + start, klen);
		kv->val = arena_strndup(a, s + vstart, end - vstart);
		kv->vlen = end - vstart;
		if (!kv->key || !kv->val)
			return PARSE_NO_MEMORY;
		out->n++;
	}
	return PARSE_OK;
}

const char *kv_get(const struct kvlist *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].key, key))
			return l->v[i].val;
	return NULL;
}

size_t kv_count(const struct kvlist *l, const char *key)
{
	size_t c = 0;
	for (size_t i = 0; i < l->n; i++)
		c += !strcmp(l->v[i].key, key);
	return c;
}

const char *parse_error_text(int rc)
{
	switch (rc) {
	case PARSE_BAD_ESCAPE:
		return "请求中含有错误的百分号编码";
	case PARSE_BAD_UTF8:
		return "请求中含有无效的 UTF-8 字符";
	case PARSE_TOO_MANY:
		return "请求中的字段过多";
	case PARSE_TOO_LONG:
		return "请求内容过长";
	case PARSE_NO_MEMORY:
		return "请求过大,服务器无法处理";
	}
	return "请求格式不正确";
}

int parse_etag_match(const char *s, size_t n, const char *etag)
{
	size_t elen = strlen(etag), i = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ','))
			i++;
		size_t start = i;
		while (i < n && s[i] != ',')
			i++;
		size_t end = i;
		while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
			end--;
		if (end - start == 1 && s[start] == '*')
			return 1;
		if (end - start >= 2 && s[start] == 'W' && s[start + 1] == '/')
			start += 2;
		if (end - start == elen && elen && !memcmp(s + start, etag, elen))
			return 1;
	}
	return 0;
}
