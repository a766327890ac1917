/* libFuzzer target: tlog-tiles paths and the leaves a tile covers. The
 * first 8 bytes are the log size, the rest the path. A tile that is served
 * must lie inside the log, whatever the numbers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tlog/tlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 8)
		return 0;
	uint64_t log_size = 0;
	memcpy(&log_size, data, 8);
	log_size &= INT64_MAX; /* sizes are stored as BIGINT */
	char *path = malloc(size - 8 + 1);
	memcpy(path, data + 8, size - 8);
	path[size - 8] = 0;
	struct tlog_tile t;
	if (tlog_tile_parse(path, &t) == 0) {
		if (t.level < 0 || t.level > TLOG_TILE_MAX_LEVEL || t.width < 1 || t.width > 256)
			__builtin_trap();
		uint64_t start, span;
		if (tlog_tile_span(&t, log_size, &start, &span) == 0) {
			/* start + width * span <= log size, computed without overflow */
			if (span == 0 || start > log_size || (uint64_t)t.width > (log_size - start) / span)
				__builtin_trap();
			if (t.width < 256 && span * 256 <= log_size - start)
				__builtin_trap(); /* a partial tile whose full tile exists */
		}
	}
	free(path);
	return 0;
}
