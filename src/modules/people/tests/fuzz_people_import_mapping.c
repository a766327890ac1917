/* libFuzzer target: the mapping an import keeps ("c=i;c=i", read back from
 * people_import.mapping and given to people_import): what the parser
 * accepts names each column at most once, within people_columns, and its
 * text reads back to the same map. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "modules/people/people_import_web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[512];
	if (size >= sizeof text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	int map[PC__MAX], again[PC__MAX];
	if (pimp_mapping_parse(text, map) < 0)
		return 0;
	for (int c = 0; c < PC__MAX; c++)
		if (map[c] < -1 || map[c] > 9999)
			__builtin_trap();
	struct arena a;
	arena_init(&a, 4096);
	const char *shown = pimp_mapping_text(&a, map);
	if (!shown || pimp_mapping_parse(shown, again) < 0 || memcmp(map, again, sizeof map))
		__builtin_trap();
	arena_free(&a);
	return 0;
}
