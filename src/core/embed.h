/* Files compiled into the binary by tools/embed.py (assets, migrations). */
#ifndef SHEQU_CORE_EMBED_H
#define SHEQU_CORE_EMBED_H
#include <stddef.h>

struct embedded_file {
	const char *name; /* base name, e.g. "site.css"; NULL ends a table */
	const char *data; /* NUL-terminated after len bytes */
	size_t len;
	const char *etag; /* 16 hex digits of the content's SHA-256 */
};

#endif
