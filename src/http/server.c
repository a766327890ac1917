/* h2o glue: everything that touches libh2o lives in this file. */
#define H2O_USE_LIBUV 0
#include <h2o.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/log.h"
#include "http/router.h"
#include "http/server.h"

struct worker {
	h2o_context_t ctx; /* first: on_req finds the worker from req->conn->ctx */
	h2o_accept_ctx_t accept_ctx;
	h2o_socket_t *listener;
	pthread_t thread;
	int fd;
	int id;
	struct db *db;
	struct arena arena;
	struct buf out;
	const struct server_opts *opts;
	const struct app *app;
};

static h2o_globalconf_t config;
static atomic_int stopping;

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

static const char *header_value(h2o_req_t *req, const h2o_token_t *token, size_t *len, h2o_mem_pool_t *pool)
{
	ssize_t i = h2o_find_header(&req->headers, token, -1);
	if (i < 0)
		return NULL;
	h2o_iovec_t v = req->headers.entries[i].value;
	*len = v.len;
	return h2o_strdup(pool, v.base, v.len).base;
}

static enum method method_of(h2o_iovec_t m)
{
	if (h2o_memis(m.base, m.len, H2O_STRLIT("GET")))
		return METHOD_GET;
	if (h2o_memis(m.base, m.len, H2O_STRLIT("POST")))
		return METHOD_POST;
	if (h2o_memis(m.base, m.len, H2O_STRLIT("HEAD")))
		return METHOD_HEAD;
	return METHOD_OTHER;
}

static void add_header(h2o_req_t *req, const char *name, const char *value)
{
	size_t vn = strlen(value);
	h2o_iovec_t v = h2o_strdup(&req->pool, value, vn);
	h2o_add_header_by_str(&req->pool, &req->res.headers, name, strlen(name), 1, NULL, v.base, v.len);
}

static void access_log(struct worker *w, struct req *r, int status, size_t bytes, struct timespec *t0)
{
	if (w->opts->access_log_fd < 0)
		return;
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
	char when[32], line[1024];
	time_t now = (time_t)r->now;
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* The path is logged without its query, which may carry personal data. */
	int n = snprintf(line, sizeof line, "%s %s user=%lld %s %.200s %d %zu %.2fms\n", when, r->ip,
			 (long long)(r->user ? r->user->id : 0),
			 r->method == METHOD_GET	? "GET"
			 : r->method == METHOD_POST ? "POST"
			 : r->method == METHOD_HEAD ? "HEAD"
						    : "OTHER",
			 r->path, status, bytes, ms);
	if (n > 0) {
		ssize_t wr = write(w->opts->access_log_fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
		(void)wr;
	}
}

static const char *reason_phrase(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 201:
		return "Created";
	case 303:
		return "See Other";
	case 304:
		return "Not Modified";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 413:
		return "Payload Too Large";
	case 415:
		return "Unsupported Media Type";
	case 422:
		return "Unprocessable Content";
	case 429:
		return "Too Many Requests";
	}
	return "Internal Server Error";
}

/* Responses h2o writes itself (413 for a body over the cap) go through the
 * host's fallback path: they get the same security headers as ours. */
static h2o_iovec_t hn_csp = {H2O_STRLIT("content-security-policy")}, hn_nosniff = {H2O_STRLIT("x-content-type-options")},
		   hn_frame = {H2O_STRLIT("x-frame-options")}, hn_referrer = {H2O_STRLIT("referrer-policy")},
		   hn_cache = {H2O_STRLIT("cache-control")};
static h2o_headers_command_t fallback_headers[] = {
    {H2O_HEADERS_CMD_SETIFEMPTY, &hn_csp, {(char *)csp, sizeof csp - 1}},
    {H2O_HEADERS_CMD_SETIFEMPTY, &hn_nosniff, {H2O_STRLIT("nosniff")}},
    {H2O_HEADERS_CMD_SETIFEMPTY, &hn_frame, {H2O_STRLIT("DENY")}},
    {H2O_HEADERS_CMD_SETIFEMPTY, &hn_referrer, {H2O_STRLIT("same-origin")}},
    {H2O_HEADERS_CMD_SETIFEMPTY, &hn_cache, {H2O_STRLIT("no-store")}},
    {H2O_HEADERS_CMD_NULL, NULL, {NULL, 0}},
};

static int on_req(h2o_handler_t *self, h2o_req_t *req)
{
	(void)self;
	struct worker *w = (struct worker *)req->conn->ctx;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	arena_reset(&w->arena);
	buf_reset(&w->out);

	struct req r;
	memset(&r, 0, sizeof r);
	r.app = w->app;
	r.db = w->db;
	r.a = &w->arena;
	r.out = &w->out;
	r.now = clock_now();
	r.method = method_of(req->method);
	size_t plen = req->query_at != SIZE_MAX ? req->query_at : req->path.len;
	r.path = arena_strndup(&w->arena, req->path.base, plen);
	if (req->query_at != SIZE_MAX) {
		r.query = req->path.base + req->query_at + 1;
		r.query_len = req->path.len - req->query_at - 1;
	}
	r.body = req->entity.base;
	r.body_len = req->entity.base ? req->entity.len : 0;
	size_t n;
	r.content_type = header_value(req, H2O_TOKEN_CONTENT_TYPE, &n, &req->pool);
	r.if_none_match = header_value(req, H2O_TOKEN_IF_NONE_MATCH, &n, &req->pool);
	r.cookie_header = header_value(req, H2O_TOKEN_COOKIE, &r.cookie_len, &req->pool);
	for (size_t i = 0; i < req->headers.size; i++) {
		h2o_header_t *h = &req->headers.entries[i];
		if (h2o_lcstris(h->name->base, h->name->len, H2O_STRLIT("x-csrf-token")))
			r.csrf_header = h2o_strdup(&req->pool, h->value.base, h->value.len).base;
	}
	struct sockaddr_storage ss;
	char ip[INET6_ADDRSTRLEN] = "-";
	socklen_t sl = req->conn->callbacks->get_peername(req->conn, (struct sockaddr *)&ss);
	if (sl && ss.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, ip, sizeof ip);
	else if (sl && ss.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, ip, sizeof ip);
	/* Behind a reverse proxy on this machine, the client is the last
	 * address the proxy appended to X-Forwarded-For. */
	if (w->opts->trust_proxy && (!strcmp(ip, "127.0.0.1") || !strcmp(ip, "::1"))) {
		size_t xn;
		ssize_t xi = h2o_find_header_by_str(&req->headers, H2O_STRLIT("x-forwarded-for"), -1);
		if (xi >= 0) {
			h2o_iovec_t v = req->headers.entries[xi].value;
			const char *last = v.base + v.len;
			const char *start = last;
			while (start > v.base && start[-1] != ',')
				start--;
			while (start < last && *start == ' ')
				start++;
			xn = (size_t)(last - start);
			char tmp[INET6_ADDRSTRLEN];
			struct in6_addr a6;
			struct in_addr a4;
			if (xn && xn < sizeof tmp) {
				memcpy(tmp, start, xn);
				tmp[xn] = 0;
				if (inet_pton(AF_INET, tmp, &a4) == 1 || inet_pton(AF_INET6, tmp, &a6) == 1)
					memcpy(ip, tmp, xn + 1);
			}
		}
	}
	r.ip = h2o_strdup(&req->pool, ip, strlen(ip)).base;

	int status;
	if (!r.path) {
		status = 500;
	} else if (r.body_len > w->opts->max_body) {
		status = 413;
	} else {
		status = router_dispatch(&r);
	}
	if (status == 413 && !r.out->len)
		buf_puts(r.out, "提交的内容过大\n");
	if (!r.content_type_out)
		r.content_type_out = "text/plain; charset=utf-8";

	req->res.status = status;
	req->res.reason = reason_phrase(status);
	h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL, r.content_type_out,
		       strlen(r.content_type_out));
	add_header(req, "content-security-policy", csp);
	add_header(req, "x-content-type-options", "nosniff");
	add_header(req, "x-frame-options", "DENY");
	add_header(req, "referrer-policy", "same-origin");
	add_header(req, "cache-control", r.cache_control ? r.cache_control : "no-cache");
	if (r.etag)
		add_header(req, "etag", r.etag);
	if (r.location && (status == 303 || status == 301 || status == 302))
		add_header(req, "location", r.location);
	for (int i = 0; i < r.nhdr; i++)
		add_header(req, r.hdr[i].name, r.hdr[i].value);

	static h2o_generator_t generator = {NULL, NULL};
	h2o_iovec_t body = h2o_iovec_init(NULL, 0);
	if (status != 304 && r.out->len)
		body = h2o_strdup(&req->pool, r.out->data, r.out->len);
	req->res.content_length = body.len;
	access_log(w, &r, status, body.len, &t0);
	h2o_start_response(req, &generator);
	h2o_send(req, &body, 1, H2O_SEND_STATE_FINAL);
	return 0;
}

static void on_accept(h2o_socket_t *listener, const char *err)
{
	if (err)
		return;
	struct worker *w = listener->data;
	h2o_socket_t *sock = h2o_evloop_socket_accept(listener);
	if (sock)
		h2o_accept(&w->accept_ctx, sock);
}

/* Opens a listening socket with SO_REUSEPORT. Returns the fd or -1. */
static int listen_on(const char *host, int port)
{
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
		log_error("listen: %s is not an IPv4 address", host);
		return -1;
	}
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 1024) < 0) {
		log_error("listen on %s:%d: %s", host, port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	h2o_context_init(&w->ctx, h2o_evloop_create(), &config);
	w->accept_ctx.ctx = &w->ctx;
	w->accept_ctx.hosts = config.hosts;
	w->listener = h2o_evloop_socket_create(w->ctx.loop, w->fd, H2O_SOCKET_FLAG_DONT_READ);
	w->listener->data = w;
	h2o_socket_read_start(w->listener, on_accept);

	while (!atomic_load(&stopping))
		h2o_evloop_run(w->ctx.loop, 200);

	/* Stop accepting, close idle keep-alive connections, and let the
	 * connections with a request in flight finish. */
	h2o_socket_read_stop(w->listener);
	h2o_socket_close(w->listener);
	h2o_context_request_shutdown(&w->ctx);
	int64_t deadline = clock_now() + 10;
	while (!h2o_linklist_is_empty(&w->ctx.http1._conns) && clock_now() < deadline)
		h2o_evloop_run(w->ctx.loop, 100);
	/* request_shutdown arms HTTP/2's graceful-shutdown timer even with no
	 * HTTP/2 connection; disarm it so the context can be disposed. */
	if (h2o_timeout_is_linked(&w->ctx.http2._graceful_shutdown_timeout))
		h2o_timeout_unlink(&w->ctx.http2._graceful_shutdown_timeout);
	h2o_evloop_t *loop = w->ctx.loop;
	/* libh2o 2.2.5 leaves the context's 88-byte queue behind and crashes
	 * if asked to destroy it here; tests/lsan.supp names that leak. */
	h2o_context_dispose(&w->ctx);
	h2o_evloop_destroy(loop);
	return NULL;
}

int server_run(const struct server_opts *o, const struct app *app)
{
	int nthreads = o->threads > 0 ? o->threads : 1;
	struct worker *workers = calloc((size_t)nthreads, sizeof *workers);
	if (!workers)
		return -1;
	h2o_config_init(&config);
	config.max_request_entity_size = o->max_body;
	h2o_hostconf_t *host = h2o_config_register_host(&config, h2o_iovec_init(H2O_STRLIT("default")), 65535);
	config.http1.upgrade_to_http2 = 0;
	config.server_name = h2o_iovec_init(H2O_STRLIT("")); /* no Server header naming the library */
	h2o_headers_register(&host->fallback_path, fallback_headers);
	h2o_pathconf_t *path = h2o_config_register_path(host, "/", 0);
	h2o_handler_t *handler = h2o_create_handler(path, sizeof *handler);
	handler->on_req = on_req;

	int port = o->port, rc = -1, started = 0;
	for (int i = 0; i < nthreads; i++) {
		struct worker *w = &workers[i];
		w->id = i;
		w->opts = o;
		w->app = app;
		arena_init(&w->arena, o->arena_cap);
		buf_init(&w->out, 16u << 20);
		char err[256];
		if (db_open(o->db_url, &w->db, err, sizeof err) < 0) {
			log_error("database: %s", err);
			goto out;
		}
		if ((w->fd = listen_on(o->host, port)) < 0)
			goto out;
		if (port == 0) {
			struct sockaddr_in sa;
			socklen_t sl = sizeof sa;
			getsockname(w->fd, (struct sockaddr *)&sa, &sl);
			port = ntohs(sa.sin_port);
		}
	}

	/* Workers get SIGINT/SIGTERM blocked; the main thread waits for them. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (int i = 0; i < nthreads; i++) {
		if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]) != 0) {
			log_error("cannot start worker thread");
			atomic_store(&stopping, 1);
			break;
		}
		started++;
	}
	if (started == nthreads) {
		printf("listening on http://%s:%d/\n", o->host, port);
		fflush(stdout);
		log_info("serving with %d threads, database %s", nthreads, db_backend(workers[0].db));
		int sig = 0;
		sigwait(&set, &sig);
		log_info("signal %d: finishing requests in flight", sig);
		atomic_store(&stopping, 1);
	}
	for (int i = 0; i < started; i++)
		pthread_join(workers[i].thread, NULL);
	rc = started == nthreads ? 0 : -1;
out:
	for (int i = 0; i < nthreads; i++) {
		db_close(workers[i].db);
		arena_free(&workers[i].arena);
		buf_free(&workers[i].out);
		if (workers[i].fd > 0 && i >= started)
			close(workers[i].fd);
	}
	free(workers);
	log_info("stopped");
	return rc;
}
