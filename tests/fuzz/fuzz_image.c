/* libFuzzer target: upload_image_size over any bytes (the header walk of an
 * uploaded PNG or JPEG). Whatever the input it stays within the bytes it is
 * given (ASan), and an accepted image has both sides above 0 that fit the
 * header's 16 or 32 bits. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/upload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly size bytes, so that a read past them is caught */
	unsigned char *d = malloc(size ? size : 1);
	if (!d)
		return 0;
	memcpy(d, data, size);
	unsigned w = 0, h = 0;
	if (upload_image_size(d, size, &w, &h) == 0 && (!w || !h))
		__builtin_trap();
	free(d);
	return 0;
}
