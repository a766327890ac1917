/* libFuzzer target: route patterns against outside paths. Every parameter
 * handed out is a non-empty piece of the path, and a {} parameter holds no
 * slash. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/request.h"
#include "http/router.h"

static const char *const patterns[] = {
    "/c/{c}/",	     "/c/{c}/board/{}",	 "/c/{c}/board/{}/files/{}", "/c/{c}/log/tile/{*}",
    "/c/{c}/log/leaf/{}", "/static/{}", "/admin/due.{}", "/{}/{}/{}/{}/{}",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = malloc(size + 1);
	memcpy(path, data, size);
	path[size] = 0;
	struct arena a;
	arena_init(&a, 1 << 20);
	for (size_t k = 0; k < sizeof patterns / sizeof *patterns; k++) {
		const char *param[REQ_MAX_PARAMS];
		int n = -1;
		if (!router_match(patterns[k], path, param, &n, &a))
			continue;
		if (n < 0 || n > REQ_MAX_PARAMS)
			__builtin_trap();
		for (int i = 0; i < n; i++) {
			if (!param[i] || !*param[i] || !strstr(path, param[i]))
				__builtin_trap();
			int tail = strstr(patterns[k], "{*}") && i == n - 1;
			if (!tail && strchr(param[i], '/'))
				__builtin_trap();
		}
	}
	arena_free(&a);
	free(path);
	return 0;
}
