/* The router: matches a request to a module's route, resolves the session,
 * the community and the visitor's roles, enforces CSRF and role checks, runs
 * the handler and maps its result to an HTTP status and, for errors, a page
 * or a JSON error. */
#ifndef SHEQU_HTTP_ROUTER_H
#define SHEQU_HTTP_ROUTER_H
#include "http/request.h"

/* Handles r and returns the HTTP status; the body is in r->out and the
 * headers in r. */
int router_dispatch(struct req *r);
/* The flags of the route r's method and path lead to (ROUTE_WORKER, ...);
 * 0 when none does. */
unsigned router_route_flags(struct req *r);
/* Answers 503 (a page, or the API's error for an API route or prefix) saying the server is busy, with
 * Retry-After; for requests the password workers have no room for. */
int router_unavailable(struct req *r);
/* Matches path against pattern; fills params. 1 on match, else 0. */
int router_match(const char *pattern, const char *path, const char **param, int *nparam, struct arena *a);
/* Builds app->routes from the modules' route tables (then the core's),
 * resolving the module roles routes name, and refuses routes of different
 * modules whose patterns a path could match both (with a method in
 * common). 0, or -1 with the first problem in err. */
struct app;
int router_build(struct app *app, char *err, size_t errlen);
/* 1 when some path matches both patterns, else 0. */
int router_patterns_overlap(const char *p, const char *q);
/* The HTTP status for a handler result. */
int router_status(enum http_result hr);

#endif
