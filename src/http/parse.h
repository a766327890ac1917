/* Parsers for what arrives in a request: percent-encoding, query strings and
 * urlencoded forms, cookies. Every parser has a size cap and a fuzz target. */
#ifndef SHEQU_HTTP_PARSE_H
#define SHEQU_HTTP_PARSE_H
#include <stddef.h>

#include "core/arena.h"

#define PARSE_MAX_PAIRS 256
#define PARSE_MAX_KEY 128
#define PARSE_MAX_INPUT (1 << 20)
#define PARSE_MAX_COOKIES 64

enum parse_rc {
	PARSE_OK = 0,
	PARSE_BAD_ESCAPE = -1, /* % not followed by two hex digits */
	PARSE_BAD_UTF8 = -2,   /* decoded bytes are not UTF-8, or contain NUL */
	PARSE_TOO_MANY = -3,   /* more pairs than allowed */
	PARSE_TOO_LONG = -4,   /* input or a key longer than allowed */
	PARSE_NO_MEMORY = -5,
};

struct kv {
	const char *key, *val; /* NUL-terminated, valid UTF-8 */
	size_t vlen;
};

struct kvlist {
	struct kv *v;
	size_t n;
};

/* Decodes %XX escapes (and '+' as space when plus is set) of src[0..n) into
 * dst (room for n+1 bytes), NUL-terminates it, and returns the decoded length,
 * or PARSE_BAD_ESCAPE. */
long url_decode(char *dst, const char *src, size_t n, int plus);
/* Parses "a=1&b=2" (query strings and application/x-www-form-urlencoded
 * bodies) into out, keeping every pair in order, duplicates included. */
int parse_urlencoded(struct arena *a, const char *s, size_t n, struct kvlist *out);
/* Parses a Cookie header ("a=1; b=2") into out. Malformed entries are
 * skipped; values are not decoded. */
int parse_cookies(struct arena *a, const char *s, size_t n, struct kvlist *out);
/* The value of the first pair named key, or NULL. */
const char *kv_get(const struct kvlist *l, const char *key);
/* 1 if an If-None-Match header value (n bytes: "*", or a comma-separated
 * list of entity tags, weak ones W/"..." compared by their opaque part)
 * names etag (a quoted entity tag as the server sends it), else 0. */
int parse_etag_match(const char *s, size_t n, const char *etag);
/* How many pairs are named key. */
size_t kv_count(const struct kvlist *l, const char *key);
/* Chinese text for a parse error. */
const char *parse_error_text(int rc);

#endif
