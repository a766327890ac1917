/* Growable byte buffer with a size cap and a sticky error: append freely,
 * check buf->err once at the end. Always NUL-terminated when data != NULL. */
#ifndef SHEQU_CORE_BUF_H
#define SHEQU_CORE_BUF_H
#include <stddef.h>
#include <stdint.h>

struct buf {
	char *data;
	size_t len, cap;
	size_t max; /* appends that would pass max fail and set err */
	int err;
};

/* Prepares an empty buffer that will never hold more than max bytes. */
void buf_init(struct buf *b, size_t max);
/* Appends n bytes; on overflow or OOM sets err, frees nothing, and ignores later appends. */
void buf_append(struct buf *b, const void *p, size_t n);
/* Appends a NUL-terminated string (nothing for NULL). */
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
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
