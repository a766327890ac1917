/* libFuzzer target: the device cookie (shequ_dev) that lets a known browser
 * keep its own password-check count. */
#include <sodium.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/module.h"
#include "http/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready && sodium_init() < 0)
		__builtin_trap();
	ready = 1;
	struct app app;
	memset(&app, 0, sizeof app);
	struct arena a;
	arena_init(&a, 1 << 20);
	char *val = arena_strndup(&a, (const char *)data, size);
	struct kv kv = {DEVICE_COOKIE, val, size};
	struct req r;
	memset(&r, 0, sizeof r);
	r.app = &app;
	r.a = &a;
	r.cookies.v = &kv;
	r.cookies.n = 1;
	int64_t uid = 0;
	const char *id = req_device(&r, &uid);
	/* Without the key nobody can make a valid MAC, so nothing is accepted
	 * unless it came from req_device_remember. */
	if (id && (uid <= 0 || strlen(id) != TOKEN_TEXT - 1))
		__builtin_trap();
	/* What the server sets, it accepts, for the same account only. */
	int64_t want = size ? (int64_t)data[0] + 1 : 1;
	req_device_remember(&r, want);
	if (r.nhdr != 1 || strncmp(r.hdr[0].value, DEVICE_COOKIE "=", sizeof DEVICE_COOKIE))
		__builtin_trap();
	const char *set = r.hdr[0].value + sizeof DEVICE_COOKIE;
	kv.val = arena_strndup(&a, set, strcspn(set, ";"));
	kv.vlen = strlen(kv.val);
	if (!req_device(&r, &uid) || uid != want)
		__builtin_trap();
	arena_free(&a);
	return 0;
}
