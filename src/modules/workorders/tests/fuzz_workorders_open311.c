/* libFuzzer target: Open311's parsers of outside input. The first byte picks
 * one: a POST requests form (urlencoded → struct o311_post, attributes
 * checked by datatype), a GET requests query (→ struct o311_filter), a W3C
 * datetime, a decimal degree. What they accept must keep their promises. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/parse.h"
#include "modules/workorders/workorders_open311.h"

static void check_post(struct arena *a, const char *s, size_t n)
{
	struct kvlist form;
	if (parse_urlencoded(a, s, n, &form) != PARSE_OK)
		return;
	struct o311_post p;
	struct o311_err e = {0};
	if (o311_parse_post(a, &form, &p, &e) < 0) {
		if (!e.code || !e.description ||
		    (e.status != 400 && e.status != 403 && e.status != 404 && e.status != 500))
			__builtin_trap();
		return;
	}
	if (!p.service || (!p.has_point && !p.address_string && !p.address_id) || !p.attributes)
		__builtin_trap();
	if (p.has_point &&
	    (p.lat_e6 < -90000000 || p.lat_e6 > 90000000 || p.lon_e6 < -180000000 || p.lon_e6 > 180000000))
		__builtin_trap();
	if (*p.attributes) {
		json_t *j = json_loads(p.attributes, 0, NULL);
		if (!json_is_object(j))
			__builtin_trap();
		json_decref(j);
	}
}

static void check_filter(struct arena *a, const char *s, size_t n)
{
	struct kvlist q;
	if (parse_urlencoded(a, s, n, &q) != PARSE_OK)
		return;
	struct o311_filter f;
	struct o311_err e = {0};
	if (o311_parse_filter(a, &q, 1795000000, &f, &e) < 0) {
		if (!e.code || !e.description)
			__builtin_trap();
		return;
	}
	if (f.nids > O311_MAX_IDS)
		__builtin_trap();
	for (size_t i = 0; i < f.nids; i++)
		if (f.ids[i] <= 0)
			__builtin_trap();
	if (!f.nids && (!f.kinds || (!f.want_open && !f.want_closed) || f.from > f.to ||
	                (!f.default_window && f.to - f.from > O311_WINDOW)))
		__builtin_trap();
}

static void check_datetime(const char *s)
{
	int64_t t, again;
	char out[32];
	if (o311_parse_datetime(s, &t) < 0)
		return;
	if (t < 0)
		__builtin_trap();
	o311_format_datetime(t, out);
	if (t < 253402300800 - 86400 && (o311_parse_datetime(out, &again) < 0 || again != t))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 8192)
		return 0;
	char *text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = 0;
	struct arena a;
	arena_init(&a, 8u << 20);
	int64_t e6;
	switch (data[0] % 4) {
	case 0:
		check_post(&a, text, size - 1);
		break;
	case 1:
		check_filter(&a, text, size - 1);
		break;
	case 2:
		check_datetime(text);
		break;
	default:
		if (o311_parse_degrees(text, 180, &e6) == 0 && (e6 < -180000000 || e6 > 180000000))
			__builtin_trap();
	}
	arena_free(&a);
	free(text);
	return 0;
}
