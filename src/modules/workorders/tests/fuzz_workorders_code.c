/* libFuzzer target: a tracking code as the public types it (the 查询 form,
 * Open311's tokens/{token}); what the parser accepts must be ten
 * characters of the alphabet, and its grouped form must read back to it. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "modules/workorders/workorders_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[256], code[WO_CODE_LEN + 1], again[WO_CODE_LEN + 1];
	if (size >= sizeof text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	memset(code, 'z', sizeof code);
	if (wo_code_normalize(text, code) < 0) {
		if (code[0] != 'z') /* untouched on refusal */
			__builtin_trap();
		return 0;
	}
	if (strlen(code) != WO_CODE_LEN || strspn(code, "23456789ABCDEFGHJKLMNPQRSTUVWXYZ") != WO_CODE_LEN)
		__builtin_trap();
	struct arena a;
	arena_init(&a, 256);
	const char *shown = wo_code_grouped(&a, code);
	if (!shown || wo_code_normalize(shown, again) < 0 || strcmp(code, again))
		__builtin_trap();
	arena_free(&a);
	return 0;
}
