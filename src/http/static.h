/* Static assets (CSS, icons) compiled into the binary, served with an ETag
 * and a year-long cache; pages link them with ?v=<etag> so a new build is
 * fetched at once. */
#ifndef SHEQU_HTTP_STATIC_H
#define SHEQU_HTTP_STATIC_H
#include "http/request.h"

/* The ETag (16 hex digits) of the named asset, or "" if there is none. */
const char *static_etag(const char *name);
/* Route handler for /static/{}. */
enum http_result static_serve(struct req *r);

#endif
