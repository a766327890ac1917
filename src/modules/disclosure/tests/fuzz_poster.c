/* libFuzzer target: the poster description shequ-poster reads on stdin
 * (disclosure_poster_wire.c). Whatever the bytes: a refusal says why; what is
 * accepted keeps within every bound, and encodes back to the very same bytes,
 * so nothing was skipped, guessed or read twice. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "modules/disclosure/disclosure_poster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 64 << 20);
	struct poster_doc d;
	char err[200] = "";
	if (disclosure_poster_decode(&a, data, size, &d, err, sizeof err) < 0) {
		if (!*err || strlen(err) >= sizeof err)
			__builtin_trap();
	} else {
		if (d.kind >= POSTER__MAX || d.ctx.paper >= PAPER__MAX || d.nposts > POSTER_POSTS_MAX ||
		    d.nrecipients > POSTER_RECIPIENTS_MAX || (d.kind == POSTER_POST && d.nposts != 1) ||
		    (d.kind == POSTER_BOARD && d.nrecipients) || !d.ctx.community || !d.ctx.url)
			__builtin_trap();
		for (size_t i = 0; i < d.nposts; i++)
			if (!d.posts[i].title || !d.posts[i].body || d.posts[i].notice_days < 0)
				__builtin_trap();
		for (size_t i = 0; i < d.nrecipients; i++)
			if (!d.recipients[i].masked.name || d.recipients[i].amount_fen < 0)
				__builtin_trap();
		struct buf b;
		buf_init(&b, POSTER_WIRE_MAX);
		if (disclosure_poster_encode(&b, &d) < 0 || b.len != size || memcmp(b.data, data, size))
			__builtin_trap();
		buf_free(&b);
	}
	arena_free(&a);
	return 0;
}
