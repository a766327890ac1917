#include "http/multipart.h"

#include <string.h>
#include <strings.h>

#include "core/str.h"

/* The boundary parameter of a multipart content type, or NULL. */
static char *boundary_of(struct arena *a, const char *ct)
{
	const char *p = ct ? strcasestr(ct, "boundary=") : NULL;
	if (!p)
		return NULL;
	p += 9;
	size_t n;
	if (*p == '"') {
		p++;
		n = strcspn(p, "\"");
	} else {
		n = strcspn(p, "; \t");
	}
	if (n == 0 || n > 70)
		return NULL;
	return arena_printf(a, "--%.*s", (int)n, p);
}

static const char *find(const char *h, size_t hn, const char *needle, size_t nn)
{
	return nn <= hn ? memmem(h, hn, needle, nn) : NULL;
}

/* Value of a parameter (name="value") in a Content-Disposition line. */
static char *param(struct arena *a, const char *line, size_t n, const char *name)
{
	size_t k = strlen(name);
	for (const char *p = line; p + k + 2 <= line + n; p++) {
		if ((p == line || p[-1] == ' ' || p[-1] == ';') && !strncasecmp(p, name, k) && p[k] == '=' && p[k + 1] == '"') {
			const char *v = p + k + 2, *end = memchr(v, '"', (size_t)(line + n - v));
			return end ? arena_strndup(a, v, (size_t)(end - v)) : NULL;
		}
	}
	return NULL;
}

int parse_multipart(struct arena *a, const char *content_type, const char *body, size_t n, struct kvlist *form,
		    struct partlist *files)
{
	char *b = boundary_of(a, content_type);
	if (!b)
		return PARSE_BAD_ESCAPE;
	size_t bn = strlen(b);
	form->v = arena_alloc(a, MULTIPART_MAX_PARTS * sizeof *form->v);
	files->v = arena_alloc(a, MULTIPART_MAX_PARTS * sizeof *files->v);
	form->n = files->n = 0;
	if (!form->v || !files->v)
		return PARSE_NO_MEMORY;
	const char *p = find(body, n, b, bn), *end = body + n;
	if (!p)
		return PARSE_BAD_ESCAPE;
	for (int parts = 0;; parts++) {
		p += bn;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return PARSE_OK; /* the closing boundary */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return PARSE_BAD_ESCAPE;
		if (parts == MULTIPART_MAX_PARTS)
			return PARSE_TOO_MANY;
		p += 2;
		const char *hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend || hend - p > 4096)
			return PARSE_BAD_ESCAPE;
		char *name = NULL, *filename = NULL, *ctype = NULL;
		for (const char *line = p; line < hend;) {
			const char *le = find(line, (size_t)(hend - line) + 2, "\r\n", 2);
			size_t ln = (size_t)(le - line);
			if (ln > 20 && !strncasecmp(line, "Content-Disposition:", 20)) {
				name = param(a, line, ln, "name");
				filename = param(a, line, ln, "filename");
			} else if (ln > 13 && !strncasecmp(line, "Content-Type:", 13)) {
				ctype = arena_strndup(a, line + 13 + strspn(line + 13, " "), ln - 13 - strspn(line + 13, " "));
			}
			line = le + 2;
		}
		const char *data = hend + 4;
		char *delim = arena_printf(a, "\r\n%s", b);
		const char *next = delim ? find(data, (size_t)(end - data), delim, bn + 2) : NULL;
		if (!name || !next || strlen(name) > PARSE_MAX_KEY || !utf8_valid(name, strlen(name)))
			return PARSE_BAD_ESCAPE;
		size_t len = (size_t)(next - data);
		if (filename) {
			if (!utf8_valid(filename, strlen(filename)))
				return PARSE_BAD_UTF8;
			/* A right-to-left override could show "fdp.exe" as "exe.pdf". */
			if (!(filename = str_strip_bidi(a, filename)))
				return PARSE_NO_MEMORY;
			if (*filename || len)
				files->v[files->n++] = (struct part){name, filename, ctype, data, len};
		} else {
			if (!utf8_valid(data, len))
				return PARSE_BAD_UTF8;
			char *v = arena_strndup(a, data, len);
			if (!v)
				return PARSE_NO_MEMORY;
			form->v[form->n++] = (struct kv){name, v, len};
		}
		p = next + 2;
	}
}

const char *multipart_file_type(const void *data, size_t n)
{
	const unsigned char *d = data;
	if (n >= 5 && !memcmp(d, "%PDF-", 5))
		return "application/pdf";
	if (n >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return "image/jpeg";
	return NULL;
}
