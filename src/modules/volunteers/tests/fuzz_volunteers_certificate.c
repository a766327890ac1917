/* libFuzzer target: the certificate description shequ-certificate reads on
 * stdin (volunteers_certificate_wire.c), any bytes. The decoder may not
 * crash or read out of bounds, and what it accepts keeps the bounds of its
 * promise; encoded again it decodes to the same document. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "modules/volunteers/volunteers_certificate.h"

static int same(const char *x, const char *y)
{
	return x && y && !strcmp(x, y);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 64 << 20);
	struct vol_cert_doc d, e;
	char err[256];
	if (vol_cert_decode(&a, data, size, &d, err, sizeof err) == 0) {
		if (d.nlines > VOL_CERT_LINES_MAX || d.minutes < 0 || d.records < 0 || !d.number || !d.name || !d.url)
			__builtin_trap();
		struct buf b;
		buf_init(&b, VOL_CERT_WIRE_MAX);
		if (vol_cert_encode(&b, &d) < 0 || vol_cert_decode(&a, b.data, b.len, &e, err, sizeof err) < 0)
			__builtin_trap();
		if (!same(d.number, e.number) || !same(d.name, e.name) || !same(d.url, e.url) || d.minutes != e.minutes ||
		    d.nlines != e.nlines)
			__builtin_trap();
		for (size_t i = 0; i < d.nlines; i++)
			if (!same(d.lines[i].project_title, e.lines[i].project_title) || d.lines[i].minutes != e.lines[i].minutes)
				__builtin_trap();
		buf_free(&b);
	} else if (!*err) {
		__builtin_trap();
	}
	arena_free(&a);
	return 0;
}
