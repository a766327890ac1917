/* libFuzzer target: what a witness or a verifier reads from outside —
 * checkpoints, signed notes, cosignatures, verifier keys and the stored
 * compact range. */
#include <sodium.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tlog/tlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char pk[32];
	if (sodium_init() < 0)
		return 0;
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = 0;
	char origin[256];
	uint64_t n;
	unsigned char root[TLOG_HASH];
	if (tlog_checkpoint_parse(text, size, origin, sizeof origin, &n, root) == 0 && strlen(origin) >= sizeof origin)
		__builtin_trap();
	long body = tlog_note_body_len(text, size);
	if (body > (long)size)
		__builtin_trap();
	tlog_note_verify(text, size, "shequ.local/c/xingfuli", pk);
	uint64_t t;
	tlog_cosign_verify(text, size, "witness.shequ.local/xingfuli/jiandu", pk, &t);
	char name[256];
	unsigned char key[32];
	if (tlog_vkey_parse(text, name, sizeof name, key) == 0 && strlen(name) >= sizeof name)
		__builtin_trap();
	struct tlog_range r;
	if (tlog_range_decode(data, size, &r) == 0 && (r.n < 0 || r.n > TLOG_RANGE_MAX))
		__builtin_trap();
	free(text);
	return 0;
}
