/* The masked projections of personal fields shown in public lists
 * (PIPL Art. 25/28): names, resident ID numbers, phones, addresses. Pure. */
#include <string.h>

#include "core/arena.h"
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

/* Chinese numerals and 第 taken as part of a room or flat number. */
static const char *const cn_numerals[] = {"〇", "零", "一", "二", "三", "四", "五", "六", "七",
					  "八", "九", "十", "百", "第"};

/* The byte length of the digit (ASCII or full-width) or Chinese numeral
 * ending right before p (s is the string's start), else 0. */
static size_t numeral_before(const char *s, const char *p)
{
	if (p > s && p[-1] >= '0' && p[-1] <= '9')
		return 1;
	if (p - s >= 3) {
		const unsigned char *q = (const unsigned char *)p - 3;
		if (q[0] == 0xEF && q[1] == 0xBC && q[2] >= 0x90 && q[2] <= 0x99) /* ０..９ */
			return 3;
		for (size_t i = 0; i < sizeof cn_numerals / sizeof *cn_numerals; i++)
			if (!strncmp((const char *)q, cn_numerals[i], 3))
				return 3;
	}
	return 0;
}

/* The same, of the character starting at p. */
static size_t numeral_at(const char *p)
{
	if (*p >= '0' && *p <= '9')
		return 1;
	const unsigned char *q = (const unsigned char *)p;
	if (q[0] == 0xEF && q[1] == 0xBC && q[2] >= 0x90 && q[2] <= 0x99)
		return 3;
	for (size_t i = 0; i < sizeof cn_numerals / sizeof *cn_numerals; i++)
		if (!strncmp(p, cn_numerals[i], 3))
			return 3;
	return 0;
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
	/* A building before any unit, room or floor: kept up to it. */
	if (b && (!d || b < d))
		return arena_strndup(a, addr, (size_t)(b + bl - addr));
	/* No building first ("5单元502室(靠近2号楼", "平房区第十二户"): what comes
	 * before the unit, room or floor's number, or the whole when there is
	 * none, cut after an estate's name when one is there (幸福里小区平房区第十二户
	 * → 幸福里小区**); then stars. */
	size_t region = strlen(addr);
	if (d) {
		const char *start = d;
		size_t k;
		while (start > addr && ((k = numeral_before(addr, start)) || start[-1] == '-' ||
					(start[-1] >= 'A' && start[-1] <= 'Z') || (start[-1] >= 'a' && start[-1] <= 'z')))
			start -= k ? k : 1;
		region = (size_t)(start - addr);
	}
	static const char *const estates[] = {"小区", "社区", "花园", "家园", "新村", "公寓", "大院", "苑"};
	const char *e = NULL;
	for (size_t i = 0; i < sizeof estates / sizeof *estates; i++) {
		const char *p = strstr(addr, estates[i]);
		if (p && (size_t)(p - addr) + strlen(estates[i]) <= region && (!e || p + strlen(estates[i]) < e))
			e = p + strlen(estates[i]);
	}
	if (e)
		region = (size_t)(e - addr);
	if (d || e) {
		char *head = arena_strndup(a, addr, region);
		return head ? arena_printf(a, "%s**", head) : NULL;
	}
	/* Neither: the first half of the characters, then stars. */
	size_t chars = utf8_len(addr, strlen(addr)), keep = chars / 2;
	const char *p = addr;
	for (size_t i = 0; i < keep; i++)
		p += char_len(p);
	char *head = arena_strndup(a, addr, (size_t)(p - addr));
	return head ? arena_printf(a, "%s**", head) : NULL;
}

char *pii_mask_each(struct arena *a, const char *text, const char *what, const char *with)
{
	size_t wl = strlen(what), n = 0;
	if (!wl || !strstr(text, what))
		return arena_strdup(a, text);
	for (const char *p = strstr(text, what); p; p = strstr(p + wl, what))
		n++;
	size_t out_len = strlen(text) + n * strlen(with) + 1;
	char *out = arena_alloc(a, out_len), *o = out;
	if (!out)
		return NULL;
	const char *p = text;
	for (const char *q = strstr(p, what); q; q = strstr(p, what)) {
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		strcpy(o, with);
		o += strlen(with);
		p = q + wl;
	}
	strcpy(o, p);
	return out;
}

/* Characters of an e-mail's local part (RFC 5322 atoms, as people type them; '*' keeps it masked). */
static int local_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr(".!#$%&'*+/=?^_`{|}~-", c));
}
static int domain_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

char *pii_mask_email(struct arena *a, const char *text)
{
	char *out = arena_strdup(a, text);
	if (!out)
		return NULL;
	for (char *at = strchr(out, '@'); at; at = strchr(at + 1, '@')) {
		/* A domain with a dot in it after the @. */
		const char *d = at + 1;
		int dot = 0;
		while (domain_char(*d) || (*d == '.' && domain_char(d[1]) && d > at + 1 && (dot = 1)))
			d++;
		if (!dot)
			continue;
		for (char *p = at; p > out && local_char(p[-1]); p--)
			p[-1] = '*';
	}
	return out;
}

/* Stars in place the number ending right before p (s is the text's
 * start): digits, or Chinese numerals after 第 (第十二户; not 两户, 一室). */
static void star_before(char *s, char *p)
{
	size_t k;
	char *q = p;
	int digit = 0;
	while ((k = numeral_before(s, q))) {
		q -= k;
		if (k == 1 || (unsigned char)*q == 0xEF)
			digit = 1;
	}
	if (q == p || (!digit && strncmp(q, "第", 3)))
		return;
	memset(q, '*', (size_t)(p - q)); /* squeezed to one star a character by the caller */
}

char *pii_mask_rooms(struct arena *a, const char *text)
{
	static const char *const after[] = {"室", "户", "号房"};
	size_t n = strlen(text);
	char *w = arena_strdup(a, text);
	if (!w)
		return NULL;
	for (size_t i = 0; i < sizeof after / sizeof *after; i++)
		for (char *p = strstr(w, after[i]); p; p = strstr(p + strlen(after[i]), after[i]))
			star_before(w, p);
	for (char *p = strstr(w, "单元"); p; p = strstr(p + 6, "单元")) {
		star_before(w, p);
		size_t k;
		for (char *q = p + 6; (k = numeral_at(q)); q += k)
			memset(q, '*', k);
	}
	/* Each numeral is now k stars; make each one star, and "第" (kept as it was) back. */
	char *out = arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if (w[i] != '*' || text[i] == '*') {
			out[o++] = w[i++];
			continue;
		}
		size_t k = numeral_at(text + i);
		if (k == 3 && !strncmp(text + i, "第", 3))
			memcpy(out + o, "第", 3), o += 3;
		else
			out[o++] = '*';
		i += k ? k : 1;
	}
	out[o] = 0;
	return out;
}
