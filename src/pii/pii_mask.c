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

char *pii_mask_address(struct arena *a, const char *addr)
{
	static const char *const marks[] = {"号楼", "栋", "幢", "楼"};
	if (!*addr)
		return arena_strdup(a, "");
	const char *cut = NULL;
	for (size_t i = 0; i < sizeof marks / sizeof *marks && !cut; i++) {
		const char *p = strstr(addr, marks[i]);
		if (p)
			cut = p + strlen(marks[i]);
	}
	if (cut)
		return arena_strndup(a, addr, (size_t)(cut - addr));
	/* No building: the first half of the characters, then stars. */
	size_t chars = utf8_len(addr, strlen(addr)), keep = chars / 2;
	const char *p = addr;
	for (size_t i = 0; i < keep; i++)
		p += char_len(p);
	char *head = arena_strndup(a, addr, (size_t)(p - addr));
	return head ? arena_printf(a, "%s**", head) : NULL;
}
