/* Links inside the site. A URL is put together from pieces, never printed
 * from a format: a community's slug, path literals from code, numbers, and
 * query names and values percent-encoded (h_url). The h_ writers put the URL
 * into an href attribute (attribute-escaped, as h_href would); the url_
 * builders return it as an arena string for form actions, redirects and
 * h_href. */
#ifndef SHEQU_WEB_LINK_H
#define SHEQU_WEB_LINK_H
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/request.h"

/* Writes "/c/<slug><path>" into an href attribute: slug percent-encoded,
 * path a literal from code ("/board/catalogue", "/board/?item="; never
 * outside text: it is attribute-escaped but not percent-encoded). */
void h_clink(struct buf *b, const char *slug, const char *path);
/* Writes "/c/<slug><path><id><rest>": h_clink(b, slug, "/board/") then the
 * decimal id and rest (a literal from code, or NULL for nothing). */
void h_clink_id(struct buf *b, const char *slug, const char *path, int64_t id, const char *rest);
/* Writes <a href="/c/<slug><path>">text</a> (path as for h_clink). */
void h_clink_a(struct buf *b, const char *slug, const char *path, const char *text);
/* Writes <a href="url">text</a>: url through h_href, text through h_text. */
void h_link(struct buf *b, const char *url, const char *text);

/* The URL of h_clink as an arena string; NULL when the arena fails. */
const char *url_c(struct arena *a, const char *slug, const char *path);
/* The URL of h_clink_id as an arena string; NULL when the arena fails. */
const char *url_c_id(struct arena *a, const char *slug, const char *path, int64_t id, const char *rest);

/* The current page (r->path) with its query, but parameter name set to
 * value, or removed when value is NULL. Other parameters keep their order;
 * name takes the place of its first occurrence (or goes last), repeats of it
 * are dropped. Changing any parameter but "page" drops "page" too: a new
 * filter starts at the first page. Names and values are percent-encoded.
 * An arena string, NULL when the arena fails. */
const char *url_with(struct req *r, const char *name, const char *value);
/* The same query change applied to another path (a literal or a path built
 * here), e.g. the ".csv" beside a list page. */
const char *url_with_path(struct req *r, const char *path, const char *name, const char *value);

#endif
