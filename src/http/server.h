/* The HTTP server: one h2o event loop per worker thread, each with its own
 * SO_REUSEPORT listener and its own database connection; and a few password
 * workers, each with its own database connection, that handle the requests
 * whose route runs Argon2 (ROUTE_WORKER) so that the loops never wait on a
 * hash. */
#ifndef SHEQU_HTTP_SERVER_H
#define SHEQU_HTTP_SERVER_H
#include <stddef.h>

#include "http/module.h"

struct server_opts {
	const char *host; /* "127.0.0.1" */
	int port;	  /* 0: pick a free port */
	int threads;	  /* worker threads (event loops) */
	const char *db_url;
	size_t max_body;      /* request bodies above this get 413 */
	int access_log_fd;    /* -1: no access log */
	size_t arena_cap;     /* memory cap per request */
	int trust_proxy;      /* take the client address from X-Forwarded-For when the peer is loopback */
	int hash_threads;     /* password workers; 0: ROUTE_WORKER requests run on the event loop */
	int hash_queue;	      /* most ROUTE_WORKER requests waiting or running; beyond, 503 at once */
	size_t page_cache;    /* bytes of the response cache (src/http/page_cache.h); 0: off */
	int tick_seconds;     /* modules' tick every so many seconds, on the first loop; 0: never */
};

/* Serves until SIGTERM or SIGINT, then stops accepting, lets requests in
 * flight finish (up to 10 s) and closes the databases. Prints
 * "listening on http://HOST:PORT/" on stdout once ready. 0 or -1. */
int server_run(const struct server_opts *o, const struct app *app);

#endif
