/* A compact binary encoding for what the server hands a helper program
 * (src/core/helper.h): integers as 8 bytes big-endian, strings as a 4-byte
 * big-endian length and their bytes (0xffffffff for NULL). The reader is for
 * outside input: every length is checked against what is left and against
 * the caller's bound, and the first problem sticks, so a decoder reads
 * everything and checks once at the end. */
#ifndef SHEQU_CORE_WIRE_H
#define SHEQU_CORE_WIRE_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"

void wire_put_int(struct buf *b, int64_t v);
/* s may be NULL; longer than 0xfffffffe bytes sets b->err. */
void wire_put_str(struct buf *b, const char *s);

struct wire_reader {
	const unsigned char *p;
	size_t left;
	struct arena *a; /* where strings and arrays are copied */
	int err;         /* sticky: a read went past the end, past a bound, or the arena failed */
};

void wire_reader_init(struct wire_reader *r, struct arena *a, const void *data, size_t len);
/* The next integer; 0 once r->err is set. */
int64_t wire_get_int(struct wire_reader *r);
/* The next integer, which must lie in [min, max]; else min and r->err set. */
int64_t wire_get_range(struct wire_reader *r, int64_t min, int64_t max);
/* The next string, NUL-terminated in the arena: at most max bytes, no NUL
 * inside. NULL for an encoded NULL, and "" once r->err is set. */
const char *wire_get_str(struct wire_reader *r, size_t max);
/* The next string, which may not be NULL. */
const char *wire_get_text(struct wire_reader *r, size_t max);
/* A zeroed arena array for n items of size bytes each (n may be 0), read
 * next: NULL with r->err set when n passes the bytes left (each item takes at
 * least one) or the arena's cap. */
void *wire_array(struct wire_reader *r, size_t n, size_t size);
/* 0 when everything read was well formed and nothing is left; else -1. */
int wire_end(const struct wire_reader *r);

#endif
