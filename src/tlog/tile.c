/* C2SP tlog-tiles paths: parsing "<L>/<N>[.p/<W>]" and working out, with
 * checked arithmetic, which leaves a tile covers in a log of a given size. */
#include <string.h>

#include "core/checked.h"
#include "tlog/tlog.h"

/* The index path has at most this many 3-digit groups: 7 groups reach
 * 10^21 > 2^64, so more can only be a crafted path. */
#define TILE_MAX_GROUPS 7

int tlog_tile_parse(const char *p, struct tlog_tile *t)
{
	/* Level: one or two decimal digits without a leading zero. */
	int l = 0, digits = 0;
	while (*p >= '0' && *p <= '9' && digits < 3) {
		l = l * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0 || digits > 2 || *p != '/' || (digits == 2 && p[-2] == '0') || l > TLOG_TILE_MAX_LEVEL)
		return -1;
	t->level = l;
	p++;
	uint64_t n = 0;
	int groups = 0;
	for (;;) {
		int x = *p == 'x';
		if (x)
			p++;
		if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9'))
			return -1;
		if (++groups > TILE_MAX_GROUPS)
			return -1;
		uint64_t g = (uint64_t)(p[0] - '0') * 100 + (uint64_t)(p[1] - '0') * 10 + (uint64_t)(p[2] - '0');
		if (ck_mulu64(n, 1000, &n) < 0 || ck_addu64(n, g, &n) < 0)
			return -1;
		p += 3;
		if (!x)
			break;
		if (*p++ != '/')
			return -1;
	}
	t->width = 256;
	if (*p == '.') {
		if (strncmp(p, ".p/", 3))
			return -1;
		p += 3;
		int w = 0;
		digits = 0;
		while (*p >= '0' && *p <= '9' && digits < 4) {
			w = w * 10 + (*p++ - '0');
			digits++;
		}
		if (*p || digits == 0 || digits > 3 || p[-digits] == '0' || w < 1 || w > 255)
			return -1;
		t->width = w;
	} else if (*p) {
		return -1;
	}
	t->index = n;
	return 0;
}

int tlog_tile_span(const struct tlog_tile *t, uint64_t size, uint64_t *start, uint64_t *span)
{
	if (t->level < 0 || t->level > TLOG_TILE_MAX_LEVEL || t->width < 1 || t->width > 256)
		return -1;
	uint64_t s = (uint64_t)1 << (8 * t->level); /* leaves under one hash of this level */
	uint64_t first, end;
	/* first = index * 256 * s; end = (index * 256 + width) * s; all checked. */
	if (ck_mulu64(t->index, 256, &first) < 0 || ck_addu64(first, (uint64_t)t->width, &end) < 0 ||
	    ck_mulu64(first, s, &first) < 0 || ck_mulu64(end, s, &end) < 0)
		return -1;
	if (end > size)
		return -1;
	/* A partial tile exists only while the full one does not. */
	if (t->width < 256) {
		uint64_t full;
		if (ck_addu64(first, 256 * s, &full) == 0 && full <= size)
			return -1;
	}
	*start = first;
	*span = s;
	return 0;
}
