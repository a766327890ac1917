/* multipart/form-data (RFC 7578): forms with file uploads. */
#ifndef SHEQU_HTTP_MULTIPART_H
#define SHEQU_HTTP_MULTIPART_H
#include <stddef.h>

#include "core/arena.h"
#include "http/parse.h"

#define MULTIPART_MAX_PARTS 64

struct part {
	const char *name;	  /* the form field */
	const char *filename;	  /* NULL for a plain field */
	const char *content_type; /* as sent; never trusted for files */
	const char *data;	  /* points into the body */
	size_t len;
};

struct partlist {
	struct part *v;
	size_t n;
};

/* Parses body by the boundary named in content_type. Plain fields (valid
 * UTF-8, no NUL) are appended to form; file parts go to files. Returns
 * PARSE_OK or a parse error (bad framing is PARSE_BAD_ESCAPE). */
int parse_multipart(struct arena *a, const char *content_type, const char *body, size_t n, struct kvlist *form,
		    struct partlist *files);
/* The type of an uploaded file read from its first bytes, never from what
 * the browser said: "application/pdf", "image/png" or "image/jpeg" (the
 * attachments the site takes); NULL for anything else. */
const char *multipart_file_type(const void *data, size_t n);

#endif
