/* The masked projections of personal fields shown in public lists
 * (PIPL Art. 25/28): names, resident ID numbers, phones, addresses. Pure. */
#include <string.h>

#include "core/str.h"
#include "pii/pii.h"

/* Byte length of the UTF-8 character at s. */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

char *pii_mask_name(struct arena *a, const char *name)
{
	size_t n = strlen(name), chars = utf8_len(name, n);
	char *out = arena_alloc(a, n + 8);
	if (!out)
		return NULL;
	if (chars <= 1) {
		strcpy(out, chars ? "*" : "");
		return out;
	}
	size_t first = char_len(name), o = 0;
	memcpy(out, name, first);
	o = first;
	if (chars == 2) {
		out[o++] = '*';
		out[o] = 0;
		return out;
	}
	/* Keep the first and the last character, a star for each one between. */
	const char *last = name + n;
	do
		last--;
	while (last > name && ((unsigned char)*last & 0xC0) == 0x80);
	for (size_t i = 0; i < chars - 2; i++)
		out[o++] = '*';
	strcpy(out + o, last);
	return out;
}

/* Keeps `head` leading and `tail` trailing bytes of an ASCII string, starring the rest. */
static char *keep_ends(struct arena *a, const char *s, size_t head, size_t tail)
{
	size_t n = strlen(s);
	char *out = arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		out[i] = (i < head || i >= n - tail) ? s[i] : '*';
	out[n] = 0;
	return out;
}

char *pii_mask_id(struct arena *a, const char *id)
{
	size_t n = strlen(id);
	if (n == 18 || n == 15)
		return keep_ends(a, id, 3, 4);
	return keep_ends(a, id, 0, 0);
}

char *pii_mask_phone(struct arena *a, const char *phone)
{
	size_t n = strlen(phone);
	return n >= 8 ? keep_ends(a, phone, 3, 4) : keep_ends(a, phone, 0, 0);
}

/* The earliest of the marks in s that the test accepts, or NULL; *len gets its length. */
static const char *earliest(const char *s, const char *const *marks, size_t n, int (*ok)(const char *at, size_t len),
			    size_t *len)
{
	const char *best = NULL;
	for (size_t i = 0; i < n; i++) {
		size_t ml = strlen(marks[i]);
		for (const char *p = strstr(s, marks[i]); p; p = strstr(p + ml, marks[i]))
			if ((!ok || ok(p, ml)) && (!best || p < best)) {
				best = p;
				*len = ml;
				break;
			}
	}
	return best;
}

/* 楼 right before a digit is a floor (3楼301室), not a building. */
static int is_building_lou(const char *at, size_t len)
{
	return !(len == 3 && !strncmp(at, "楼", 3) && at[3] >= '0' && at[3] <= '9');
}
static int is_floor_lou(const char *at, size_t len)
{
	return !is_building_lou(at, len);
}

char *pii_mask_address(struct arena *a, const char *addr)
{
	static const char *const buildings[] = {"号楼", "栋", "幢", "楼"};
	static const char *const details[] = {"单元", "室", "户", "层"};
	static const char *const floors[] = {"楼"};
	if (!*addr)
		return arena_strdup(a, "");
	size_t bl = 0, dl = 0, fl = 0;
	const char *b = earliest(addr, buildings, 4, is_building_lou, &bl);
	const char *d = earliest(addr, details, 4, NULL, &dl);
	const char *f = earliest(addr, floors, 1, is_floor_lou, &fl);
	if (f && (!d || f < d))
		d = f;
	/* A unit, room or floor named before any building ("5单元502室(靠近2号楼"):
	 * keep what comes before its number, then stars. */
	if (d && (!b || d < b)) {
		const char *start = d;
		while (start > addr && ((start[-1] >= '0' && start[-1] <= '9') || start[-1] == '-' ||
					(start[-1] >= 'A' && start[-1] <= 'Z') || (start[-1] >= 'a' && start[-1] <= 'z')))
			start--;
		char *head = arena_strndup(a, addr, (size_t)(start - addr));
		return head ? arena_printf(a, "%s**", head) : NULL;
	}
	if (b)
		return arena_strndup(a, addr, (size_t)(b + bl - addr));
	/* No building: the first half of the characters, then stars. */
	size_t chars = utf8_len(addr, strlen(addr)), keep = chars / 2;
	const char *p = addr;
	for (size_t i = 0; i < keep; i++)
		p += char_len(p);
	char *head = arena_strndup(a, addr, (size_t)(p - addr));
	return head ? arena_printf(a, "%s**", head) : NULL;
}
