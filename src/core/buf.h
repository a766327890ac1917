/* Growable byte buffer with a size cap and a sticky error: append freely,
 * check buf->err once at the end. Always NUL-terminated when data != NULL. */
#ifndef SHEQU_CORE_BUF_H
#define SHEQU_CORE_BUF_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct buf {
	char *data;
	size_t len, cap;
	size_t max; /* appends that would pass max fail and set err */
	int err;
};

/* Prepares an empty buffer that will never hold more than max bytes. */
void buf_init(struct buf *b, size_t max);
/* The out-of-line paths of buf_append and buf_putc: growth, the cap and err. */
void buf_append_slow(struct buf *b, const void *p, size_t n);
void buf_putc_slow(struct buf *b, char c);

/* Appends n bytes; on overflow or OOM sets err, frees nothing, and ignores
 * later appends. Inline: a page or an API answer is written a few bytes at
 * a time, and the common case (room left, no error) is a copy. */
static inline void buf_append(struct buf *b, const void *p, size_t n)
{
	if (!b->err && n && n < b->cap - b->len && n <= b->max - b->len) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = 0;
		return;
	}
	buf_append_slow(b, p, n);
}

/* Appends one byte; as buf_append. */
static inline void buf_putc(struct buf *b, char c)
{
	if (!b->err && b->len + 1 < b->cap && b->len < b->max) {
		b->data[b->len++] = c;
		b->data[b->len] = 0;
		return;
	}
	buf_putc_slow(b, c);
}

/* Appends a NUL-terminated string (nothing for NULL). */
void buf_puts(struct buf *b, const char *s);
/* printf-style append. */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends a signed decimal integer. */
void buf_int(struct buf *b, int64_t v);
/* Empties the buffer and clears err, keeping its memory. */
void buf_reset(struct buf *b);
/* Releases the memory; the buffer is empty afterwards. */
void buf_free(struct buf *b);
/* Literal markup or text known at compile time. */
#define BUF_LIT(b, lit) buf_append((b), "" lit, sizeof(lit) - 1)

#endif
