#include "core/wire.h"

#include <string.h>

#include "core/checked.h"

#define WIRE_NULL 0xffffffffu

static void put_u32(struct buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
	                      (unsigned char)v};
	buf_append(b, x, sizeof x);
}

void wire_put_int(struct buf *b, int64_t v)
{
	uint64_t u = (uint64_t)v;
	put_u32(b, (uint32_t)(u >> 32));
	put_u32(b, (uint32_t)u);
}

void wire_put_str(struct buf *b, const char *s)
{
	if (!s) {
		put_u32(b, WIRE_NULL);
		return;
	}
	size_t n = strlen(s);
	if (n >= WIRE_NULL) {
		b->err = 1;
		return;
	}
	put_u32(b, (uint32_t)n);
	buf_append(b, s, n);
}

void wire_reader_init(struct wire_reader *r, struct arena *a, const void *data, size_t len)
{
	r->p = data;
	r->left = data ? len : 0;
	r->a = a;
	r->err = 0;
}

/* The next n bytes, or NULL (err set) when fewer are left. */
static const unsigned char *take(struct wire_reader *r, size_t n)
{
	if (r->err || n > r->left) {
		r->err = 1;
		return NULL;
	}
	const unsigned char *p = r->p;
	r->p += n;
	r->left -= n;
	return p;
}

static uint32_t get_u32(struct wire_reader *r)
{
	const unsigned char *p = take(r, 4);
	return p ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3] : 0;
}

int64_t wire_get_int(struct wire_reader *r)
{
	uint64_t hi = get_u32(r), lo = get_u32(r);
	return r->err ? 0 : (int64_t)(hi << 32 | lo);
}

int64_t wire_get_range(struct wire_reader *r, int64_t min, int64_t max)
{
	int64_t v = wire_get_int(r);
	if (r->err || v < min || v > max) {
		r->err = 1;
		return min;
	}
	return v;
}

const char *wire_get_str(struct wire_reader *r, size_t max)
{
	uint32_t n = get_u32(r);
	if (!r->err && n == WIRE_NULL)
		return NULL;
	const unsigned char *p = !r->err && n <= max ? take(r, n) : NULL;
	char *s = p && !memchr(p, 0, n) ? arena_strndup(r->a, (const char *)p, n) : NULL;
	if (!s) {
		r->err = 1;
		return "";
	}
	return s;
}

const char *wire_get_text(struct wire_reader *r, size_t max)
{
	const char *s = wire_get_str(r, max);
	if (!s) {
		r->err = 1;
		return "";
	}
	return s;
}

void *wire_array(struct wire_reader *r, size_t n, size_t size)
{
	/* Each item takes at least one byte of what is left, so a count
	 * larger than that is a lie and allocates nothing. */
	uint64_t bytes;
	if (r->err || n > r->left || ck_mulu64(n, size, &bytes) < 0 || bytes > SIZE_MAX) {
		r->err = 1;
		return NULL;
	}
	void *p = arena_zalloc(r->a, bytes ? (size_t)bytes : 1);
	if (!p)
		r->err = 1;
	return p;
}

int wire_end(const struct wire_reader *r)
{
	return r->err || r->left ? -1 : 0;
}
