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

#include <sodium.h>

#include "core/clock.h"
#include "core/log.h"
#include "db/data_version.h"
#include "http/page_cache.h"
#include "http/router.h"
#include "http/server.h"

/* Longest path and query the response cache keeps answers for. */
#define PAGE_KEY_MAX 2048

/* What the response cache and data-version ETags need of a request they
 * may serve: its key and the data version read before it was handled. */
struct keep {
	const char *key; /* NULL: not a request they serve */
	size_t klen;
	int64_t version;
};

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
	/* Answers coming back from the password workers, on ctx.queue. */
	h2o_multithread_receiver_t done;
	int jobs_waiting;	 /* handed off and not yet answered (this thread only) */
	atomic_int jobs_sending; /* handed off and the worker not yet done with the queue */
	char key[PAGE_KEY_MAX];	 /* the response-cache key of the request being handled */
	/* The modules' tick (struct module), on the first loop only. */
	h2o_timeout_t tick_timeout;
	h2o_timeout_entry_t tick_entry;
};

/* A request handled on a password worker. The loop thread copies all it
 * needs out of h2o's request into the job's own arena before handing it
 * off, so the worker never touches h2o memory; only the loop thread touches
 * req, and only to answer it.
 *
 * Why req stays valid meanwhile: h2o 2.2's HTTP/1 stops reading the socket
 * and clears the connection's timeout when it hands a request to a handler
 * (lib/http1.c, handle_incoming_request / on_entity_read_complete), so a
 * client that disconnects mid-hash is noticed only when the answer is
 * written, which then fails and closes the connection. In case h2o ever
 * disposes of the request first (another protocol, a later version), a
 * shared chunk in req->pool points at the job: its dispose callback, run on
 * the loop thread when the pool is cleared, sets job->req to NULL and the
 * answer is dropped. */
struct job {
	h2o_multithread_message_t msg; /* first: the message is the job */
	struct job *next;	       /* in the pool's queue */
	struct worker *w;	       /* the loop the request came in on */
	h2o_req_t *req;		       /* NULL once h2o has disposed of the request */
	struct job **slot;	       /* in req->pool, pointing back here until answered */
	struct timespec t0;
	struct arena arena;
	struct buf out;
	struct req r;
	int status;
	struct keep keep; /* key copied into the job's arena */
	int slow;	  /* in the slow queue (ROUTE_SLOW) */
};

/* The password workers' shared queue. */
static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct job *head, *tail;
	int jobs; /* waiting or running */
	int cap;
	int stop;
	int nthreads; /* 0: no pool, everything runs on the loops */
	/* Slow renders (ROUTE_SLOW, e.g. poster PDFs) wait in their own queue,
	 * taken only when no password check waits, and at most SLOW_CAP at
	 * once, so that anonymous renders can never keep staff from signing in. */
	struct job *slow_head, *slow_tail;
	int slow_jobs;
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, 0, 0, 0, 0, NULL, NULL, 0};
#define SLOW_CAP 8

struct hasher {
	pthread_t thread;
	struct db *db;
};

static h2o_globalconf_t config;
static atomic_int stopping;

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/* The value of the first header with this token (not NUL-terminated; *len
 * bytes), or NULL. */
static const char *header_value(h2o_req_t *req, const h2o_token_t *token, size_t *len)
{
	ssize_t i = h2o_find_header(&req->headers, token, -1);
	if (i < 0)
		return NULL;
	h2o_iovec_t v = req->headers.entries[i].value;
	*len = v.len;
	return v.base;
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
	case 503:
		return "Service Unavailable";
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

/* Copies n bytes into the arena, or NULL for a NULL s. */
static const char *dup_or_null(struct arena *a, const char *s, size_t n)
{
	return s ? arena_strndup(a, s, n) : NULL;
}

/* The binary's identity and the site's address, in data-version ETags:
 * another build or address renders the same data differently. The first 16
 * hex digits of their SHA-256. */
static char build_id[17] = "0";

static void build_id_init(const char *public_url)
{
	FILE *f = fopen("/proc/self/exe", "rb");
	if (!f)
		return;
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	unsigned char chunk[1 << 16], h[crypto_hash_sha256_BYTES];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		crypto_hash_sha256_update(&st, chunk, n);
	fclose(f);
	/* Feeds and posters print absolute links made from it. */
	if (public_url)
		crypto_hash_sha256_update(&st, (const unsigned char *)public_url, strlen(public_url));
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(build_id, sizeof build_id, h, 8);
}

/* Sets w->key for a GET or HEAD the response cache and data-version ETags
 * may serve: one without a session cookie, whose path and query fit. The
 * key is the text size (the only preference that changes the bytes) and
 * the path with its query. Returns its length, or 0 for other requests.
 * Uses w->arena. */
static size_t cache_key(struct worker *w, h2o_req_t *req)
{
	enum method m = method_of(req->method);
	if ((m != METHOD_GET && m != METHOD_HEAD) || req->path.len + 2 > sizeof w->key)
		return 0;
	size_t n;
	const char *cookie = header_value(req, H2O_TOKEN_COOKIE, &n);
	int large = 0;
	if (cookie) {
		struct kvlist l;
		if (parse_cookies(&w->arena, cookie, n, &l) != PARSE_OK || kv_get(&l, SESSION_COOKIE))
			return 0;
		const char *text = kv_get(&l, TEXT_COOKIE);
		large = text && !strcmp(text, "large");
	}
	w->key[0] = large ? 'L' : 'N';
	w->key[1] = ' ';
	memcpy(w->key + 2, req->path.base, req->path.len);
	return req->path.len + 2;
}


/* With the cache off, the version comes from the page's snapshot (asked
 * for with want_version); without it there is no ETag. */
static void keep_version(struct keep *k, const struct req *r)
{
	if (!k->key || page_cache_enabled())
		return;
	if (r->want_version)
		k->version = r->version;
	else
		k->key = NULL;
}

/* After the router, for a request the cache may serve: an answer that is
 * the same for every visitor (200, no session, no form token, no cookie
 * set, not marked private or no-store by its handler: a handler whose
 * bytes depend on more than the data, the path and query, the text size
 * and the clock says no-store) gets an ETag from the binary, the data version, its
 * time limit and the text size unless its handler chose one; it is kept in
 * the response cache; and it becomes 304 when the browser already has it. */
static void keep_answer(const struct keep *k, struct req *r, int *status)
{
	if (!k->key || *status != 200 || r->user || r->csrf)
		return;
	if (r->cache_control && (strstr(r->cache_control, "no-store") || !strncmp(r->cache_control, "private", 7)))
		return;
	struct page_entry e = {.content_type = r->content_type_out, .cache_control = r->cache_control,
			       .body = r->out->data, .body_len = r->out->len};
	for (int i = 0; i < r->nhdr; i++) {
		if (!strcasecmp(r->hdr[i].name, "set-cookie"))
			return;
		if (strcasecmp(r->hdr[i].name, "x-request-id") && e.nheaders < PAGE_CACHE_MAX_HEADERS) {
			e.hname[e.nheaders] = r->hdr[i].name;
			e.hvalue[e.nheaders++] = r->hdr[i].value;
		}
	}
	int64_t until = page_cache_until(r->now, r->valid_until);
	if (!r->etag)
		r->etag = arena_printf(r->a, "\"%s-%lld-%lld%c\"", build_id, (long long)k->version, (long long)until,
				       k->key[0]);
	if (!r->etag)
		return;
	e.etag = r->etag;
	page_cache_put(k->key, k->klen, k->version, until, &e);
	if (r->if_none_match && parse_etag_match(r->if_none_match, strlen(r->if_none_match), r->etag))
		*status = 304;
}

/* Fills r from req, with the strings copied into a. own: copy the query and
 * the body too, so that r can be handled on another thread while h2o's
 * memory is left alone; otherwise they point into req. */
static void fill_req(struct worker *w, h2o_req_t *req, struct req *r, struct arena *a, struct buf *out, int own)
{
	memset(r, 0, sizeof *r);
	r->app = w->app;
	r->db = w->db;
	r->a = a;
	r->out = out;
	r->now = clock_now();
	r->method = method_of(req->method);
	size_t plen = req->query_at != SIZE_MAX ? req->query_at : req->path.len;
	r->path = arena_strndup(a, req->path.base, plen);
	if (req->query_at != SIZE_MAX) {
		r->query = req->path.base + req->query_at + 1;
		r->query_len = req->path.len - req->query_at - 1;
		if (own)
			r->query = arena_strndup(a, r->query, r->query_len);
	}
	r->body = req->entity.base;
	r->body_len = req->entity.base ? req->entity.len : 0;
	if (own && r->body)
		r->body = arena_strndup(a, r->body, r->body_len);
	size_t n;
	const char *v = header_value(req, H2O_TOKEN_CONTENT_TYPE, &n);
	r->content_type = dup_or_null(a, v, n);
	v = header_value(req, H2O_TOKEN_IF_NONE_MATCH, &n);
	r->if_none_match = dup_or_null(a, v, n);
	v = header_value(req, H2O_TOKEN_COOKIE, &n);
	r->cookie_header = dup_or_null(a, v, n);
	r->cookie_len = v ? n : 0;
	for (size_t i = 0; i < req->headers.size; i++) {
		h2o_header_t *h = &req->headers.entries[i];
		if (h2o_lcstris(h->name->base, h->name->len, H2O_STRLIT("x-csrf-token")))
			r->csrf_header = arena_strndup(a, h->value.base, h->value.len);
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
			h2o_iovec_t xv = req->headers.entries[xi].value;
			const char *last = xv.base + xv.len;
			const char *start = last;
			while (start > xv.base && start[-1] != ',')
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
	r->ip = arena_strdup(a, ip);
}

/* Sends the answer r describes on req. Loop thread only. */
static void respond(struct worker *w, h2o_req_t *req, struct req *r, int status, struct timespec *t0)
{
	if (status == 413 && !r->out->len)
		buf_puts(r->out, "提交的内容过大\n");
	if (!r->content_type_out)
		r->content_type_out = "text/plain; charset=utf-8";

	req->res.status = status;
	req->res.reason = reason_phrase(status);
	h2o_iovec_t ct = h2o_strdup(&req->pool, r->content_type_out, strlen(r->content_type_out));
	h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL, ct.base, ct.len);
	add_header(req, "content-security-policy", csp);
	add_header(req, "x-content-type-options", "nosniff");
	add_header(req, "x-frame-options", "DENY");
	add_header(req, "referrer-policy", "same-origin");
	add_header(req, "cache-control", r->cache_control ? r->cache_control : "no-cache");
	if (r->etag)
		add_header(req, "etag", r->etag);
	if (r->location && (status == 303 || status == 301 || status == 302))
		add_header(req, "location", r->location);
	for (int i = 0; i < r->nhdr; i++)
		add_header(req, r->hdr[i].name, r->hdr[i].value);

	static h2o_generator_t generator = {NULL, NULL};
	h2o_iovec_t body = h2o_iovec_init(NULL, 0);
	if (status != 304 && r->out->len)
		body = h2o_strdup(&req->pool, r->out->data, r->out->len);
	req->res.content_length = body.len;
	access_log(w, r, status, body.len, t0);
	h2o_start_response(req, &generator);
	/* A HEAD answer says how long the body would be and sends none: bytes
	 * after it would be read as the start of the next response. */
	if (r->method == METHOD_HEAD)
		body = h2o_iovec_init(NULL, 0);
	h2o_send(req, &body, 1, H2O_SEND_STATE_FINAL);
}

/* The pool of a request answered from the cache is being cleared: the
 * entry's bytes are sent, its reference goes back. */
static void on_cached_dispose(void *p)
{
	page_cache_release(*(const struct page_entry **)p);
}

/* Answers req with a kept entry (304 when the browser already has it),
 * sending the entry's own bytes; it holds a reference until h2o is done.
 * Loop thread only. */
static void respond_cached(struct worker *w, h2o_req_t *req, const struct page_entry *e, struct timespec *t0)
{
	const struct page_entry **slot = h2o_mem_alloc_shared(&req->pool, sizeof *slot, on_cached_dispose);
	*slot = e;
	size_t n;
	const char *inm = header_value(req, H2O_TOKEN_IF_NONE_MATCH, &n);
	int status = inm && e->etag && parse_etag_match(inm, n, e->etag) ? 304 : 200;
	req->res.status = status;
	req->res.reason = reason_phrase(status);
	h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL, e->content_type,
		       strlen(e->content_type));
	h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("content-security-policy"), 0, NULL,
			      csp, sizeof csp - 1);
	h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("x-content-type-options"), 0, NULL,
			      H2O_STRLIT("nosniff"));
	h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("x-frame-options"), 0, NULL,
			      H2O_STRLIT("DENY"));
	h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("referrer-policy"), 0, NULL,
			      H2O_STRLIT("same-origin"));
	const char *cc = e->cache_control ? e->cache_control : "no-cache";
	h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("cache-control"), 0, NULL, cc, strlen(cc));
	h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("etag"), 0, NULL, e->etag, strlen(e->etag));
	/* Says where the answer came from, for operators and the tests. */
	h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("x-cache"), 0, NULL, H2O_STRLIT("hit"));
	for (int i = 0; i < e->nheaders; i++)
		h2o_add_header_by_str(&req->pool, &req->res.headers, e->hname[i], strlen(e->hname[i]), 1, NULL,
				      e->hvalue[i], strlen(e->hvalue[i]));
	h2o_iovec_t body = h2o_iovec_init(status == 304 ? NULL : e->body, status == 304 ? 0 : e->body_len);
	req->res.content_length = body.len;
	if (w->opts->access_log_fd >= 0) {
		struct req r;
		fill_req(w, req, &r, &w->arena, &w->out, 0);
		access_log(w, &r, status, body.len, t0);
	}
	static h2o_generator_t generator = {NULL, NULL};
	h2o_start_response(req, &generator);
	if (method_of(req->method) == METHOD_HEAD)
		body = h2o_iovec_init(NULL, 0);
	h2o_send(req, &body, 1, H2O_SEND_STATE_FINAL);
}

static void job_free(struct job *job)
{
	arena_free(&job->arena);
	buf_free(&job->out);
	free(job);
}

/* req->pool is being cleared: the request is gone. Loop thread. */
static void on_req_dispose(void *p)
{
	struct job **slot = p;
	if (*slot)
		(*slot)->req = NULL;
}

/* Queues req for the password workers. 0, or -1 when there is no room
 * (or no memory): then nothing was queued and the caller answers. */
static int hand_off(struct worker *w, h2o_req_t *req, const struct keep *keep, int slow, struct timespec *t0)
{
	struct job *job = calloc(1, sizeof *job);
	if (!job)
		return -1;
	arena_init(&job->arena, w->opts->arena_cap);
	buf_init(&job->out, 16u << 20);
	fill_req(w, req, &job->r, &job->arena, &job->out, 1);
	job->r.db = NULL; /* the worker's own connection, set when it runs */
	job->w = w;
	job->req = req;
	job->t0 = *t0;
	job->keep = *keep;
	job->r.want_version = keep->key && !page_cache_enabled();
	if (keep->key)
		job->keep.key = arena_strndup(&job->arena, keep->key, keep->klen);
	if (!job->r.path || job->arena.failed || (keep->key && !job->keep.key)) {
		job_free(job);
		return -1;
	}
	job->slow = slow;
	pthread_mutex_lock(&pool.mu);
	int room = !pool.stop && (slow ? pool.slow_jobs < SLOW_CAP : pool.jobs < pool.cap);
	if (room) {
		struct job **head = slow ? &pool.slow_head : &pool.head, **tail = slow ? &pool.slow_tail : &pool.tail;
		if (slow)
			pool.slow_jobs++;
		else
			pool.jobs++;
		if (*tail)
			(*tail)->next = job;
		else
			*head = job;
		*tail = job;
		w->jobs_waiting++;
		atomic_fetch_add(&w->jobs_sending, 1);
		/* Still on the loop thread, so the request cannot be disposed of
		 * before the hook is in place. */
		job->slot = h2o_mem_alloc_shared(&req->pool, sizeof *job->slot, on_req_dispose);
		*job->slot = job;
		pthread_cond_signal(&pool.cv);
	}
	pthread_mutex_unlock(&pool.mu);
	if (!room)
		job_free(job);
	return room ? 0 : -1;
}

/* Answers that came back from the password workers. Loop thread. */
static void on_jobs_done(h2o_multithread_receiver_t *receiver, h2o_linklist_t *messages)
{
	struct worker *w = H2O_STRUCT_FROM_MEMBER(struct worker, done, receiver);
	while (!h2o_linklist_is_empty(messages)) {
		h2o_multithread_message_t *m = H2O_STRUCT_FROM_MEMBER(h2o_multithread_message_t, link, messages->next);
		h2o_linklist_unlink(&m->link);
		struct job *job = (struct job *)m;
		w->jobs_waiting--;
		if (job->req) {
			*job->slot = NULL;
			keep_version(&job->keep, &job->r);
			keep_answer(&job->keep, &job->r, &job->status);
			respond(w, job->req, &job->r, job->status, &job->t0);
		}
		job_free(job);
	}
}

/* A password worker: runs queued requests through the router on its own
 * database connection and sends each answer back to the request's loop. */
static void *hasher_main(void *arg)
{
	struct hasher *h = arg;
	for (;;) {
		pthread_mutex_lock(&pool.mu);
		while (!pool.head && !pool.slow_head && !pool.stop)
			pthread_cond_wait(&pool.cv, &pool.mu);
		/* Password checks first; slow renders when none waits. */
		int slow = !pool.head;
		struct job **head = slow ? &pool.slow_head : &pool.head, **tail = slow ? &pool.slow_tail : &pool.tail;
		struct job *job = *head;
		if (job) {
			*head = job->next;
			if (!*head)
				*tail = NULL;
		}
		pthread_mutex_unlock(&pool.mu);
		if (!job)
			break;
		job->r.db = h->db;
		job->r.now = clock_now();
		job->status = router_dispatch(&job->r);
		struct worker *w = job->w;
		pthread_mutex_lock(&pool.mu);
		if (job->slow)
			pool.slow_jobs--;
		else
			pool.jobs--;
		pthread_mutex_unlock(&pool.mu);
		/* After this the loop thread may free the job at any moment. */
		h2o_multithread_send_message(&w->done, &job->msg);
		atomic_fetch_sub(&w->jobs_sending, 1);
	}
	return NULL;
}

static int on_req(h2o_handler_t *self, h2o_req_t *req)
{
	(void)self;
	struct worker *w = (struct worker *)req->conn->ctx;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	arena_reset(&w->arena);
	buf_reset(&w->out);

	/* A visitor without a session may be answered from the cache, when the
	 * data version says the kept answer is still true. */
	struct keep keep = {NULL, 0, 0};
	size_t klen = cache_key(w, req);
	if (klen && !page_cache_enabled()) {
		/* No cache to look in: the ETag's version is read in the page's
		 * own snapshot (keep_version). */
		keep.key = w->key;
		keep.klen = klen;
	} else if (klen && data_version_get(w->db, &keep.version) == 0) {
		keep.key = w->key;
		keep.klen = klen;
		const struct page_entry *e = page_cache_get(w->key, klen, keep.version, clock_now());
		if (e) {
			respond_cached(w, req, e, &t0);
			return 0;
		}
	}
	arena_reset(&w->arena);

	struct req r;
	unsigned flags;
	fill_req(w, req, &r, &w->arena, &w->out, 0);
	r.want_version = keep.key && !page_cache_enabled();
	int status;
	if (!r.path || w->arena.failed) {
		status = 500;
	} else if (r.body_len > w->opts->max_body) {
		status = 413;
	} else if (pool.nthreads > 0 && (flags = router_route_flags(&r)) & ROUTE_WORKER) {
		if (hand_off(w, req, &keep, (flags & ROUTE_SLOW) != 0, &t0) == 0)
			return 0; /* answered by on_jobs_done */
		status = router_unavailable(&r);
	} else {
		status = router_dispatch(&r);
		keep_version(&keep, &r);
		keep_answer(&keep, &r, &status);
	}
	respond(w, req, &r, status, &t0);
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

/* Runs every module's tick on this loop's connection, then arms the timer
 * again. A failure is logged and the next tick comes as usual. Loop thread. */
static void on_tick(h2o_timeout_entry_t *entry)
{
	struct worker *w = H2O_STRUCT_FROM_MEMBER(struct worker, tick_entry, entry);
	for (size_t i = 0; i < w->app->nmodules; i++) {
		const struct module *m = w->app->modules[i];
		if (!m->tick)
			continue;
		db_clear_error(w->db);
		if (m->tick(w->db, clock_now()) < 0) {
			const char *why = db_last_error(w->db);
			log_error("module %s: background work failed: %s", m->name, why ? why : "(no database error)");
			db_rollback(w->db);
		}
	}
	h2o_timeout_link(w->ctx.loop, &w->tick_timeout, &w->tick_entry);
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
	h2o_multithread_register_receiver(w->ctx.queue, &w->done, on_jobs_done);
	int ticking = w->id == 0 && w->opts->tick_seconds > 0;
	if (ticking) {
		h2o_timeout_init(w->ctx.loop, &w->tick_timeout, (uint64_t)w->opts->tick_seconds * 1000);
		w->tick_entry.cb = on_tick;
		h2o_timeout_link(w->ctx.loop, &w->tick_timeout, &w->tick_entry);
	}

	while (!atomic_load(&stopping))
		h2o_evloop_run(w->ctx.loop, 200);
	if (ticking) {
		if (h2o_timeout_is_linked(&w->tick_entry))
			h2o_timeout_unlink(&w->tick_entry);
		h2o_timeout_dispose(w->ctx.loop, &w->tick_timeout);
	}

	/* Stop accepting, close idle keep-alive connections, and let the
	 * connections with a request in flight finish. Requests handed to the
	 * password workers are always waited for: their jobs point at this
	 * loop's queue and requests. */
	h2o_socket_read_stop(w->listener);
	h2o_socket_close(w->listener);
	h2o_context_request_shutdown(&w->ctx);
	/* Idle keep-alive connections are closed by h2o's own request timeout
	 * (http1.req_timeout, 10 s by default), not by the shutdown request:
	 * wait past it, or a connection used just before the signal would still
	 * be open when the context is disposed of. */
	int64_t deadline = clock_now() + (int64_t)config.http1.req_timeout / 1000 + 2;
	while ((!h2o_linklist_is_empty(&w->ctx.http1._conns) && clock_now() < deadline) || w->jobs_waiting > 0 ||
	       atomic_load(&w->jobs_sending) > 0)
		h2o_evloop_run(w->ctx.loop, 100);
	h2o_multithread_unregister_receiver(w->ctx.queue, &w->done);
	if (!h2o_linklist_is_empty(&w->ctx.http1._conns)) {
		/* A client still holds a connection mid-request (a body never
		 * finished): h2o cannot dispose of a context with live connections
		 * (it aborts), so leave them to the process's exit. */
		log_error("a connection was still open %lld s after the stop signal; left to the exit",
			  (long long)config.http1.req_timeout / 1000 + 2);
		return NULL;
	}
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
	build_id_init(app->public_url);
	if (page_cache_init(o->page_cache) < 0) {
		free(workers);
		return -1;
	}
	h2o_config_init(&config);
	config.max_request_entity_size = o->max_body;
	h2o_hostconf_t *host = h2o_config_register_host(&config, h2o_iovec_init(H2O_STRLIT("default")), 65535);
	config.http1.upgrade_to_http2 = 0;
	config.server_name = h2o_iovec_init(H2O_STRLIT("")); /* no Server header naming the library */
	h2o_headers_register(&host->fallback_path, fallback_headers);
	h2o_pathconf_t *path = h2o_config_register_path(host, "/", 0);
	h2o_handler_t *handler = h2o_create_handler(path, sizeof *handler);
	handler->on_req = on_req;

	int nhashers = o->hash_threads > 0 ? o->hash_threads : 0, hstarted = 0;
	struct hasher *hashers = nhashers ? calloc((size_t)nhashers, sizeof *hashers) : NULL;
	if (nhashers && !hashers) {
		free(workers);
		return -1;
	}
	pool.head = pool.tail = pool.slow_head = pool.slow_tail = NULL;
	pool.jobs = pool.slow_jobs = pool.stop = pool.nthreads = 0;
	pool.cap = o->hash_queue > 0 ? o->hash_queue : 1;

	int port = o->port, rc = -1, started = 0;
	for (int i = 0; i < nhashers; i++) {
		char err[256];
		if (db_open(o->db_url, &hashers[i].db, err, sizeof err) < 0) {
			log_error("database: %s", err);
			goto out;
		}
	}
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
	for (int i = 0; i < nhashers; i++) {
		if (pthread_create(&hashers[i].thread, NULL, hasher_main, &hashers[i]) != 0) {
			log_error("cannot start password worker");
			goto out;
		}
		hstarted++;
	}
	pool.nthreads = hstarted;
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
		log_info("serving with %d threads and %d password workers, database %s", nthreads, hstarted,
			 db_backend(workers[0].db));
		int sig = 0;
		sigwait(&set, &sig);
		log_info("signal %d: finishing requests in flight", sig);
		atomic_store(&stopping, 1);
	}
	for (int i = 0; i < started; i++)
		pthread_join(workers[i].thread, NULL);
	rc = started == nthreads ? 0 : -1;
out:
	/* The loops have waited for every job they handed off: the queue is empty. */
	pthread_mutex_lock(&pool.mu);
	pool.stop = 1;
	pthread_cond_broadcast(&pool.cv);
	pthread_mutex_unlock(&pool.mu);
	for (int i = 0; i < hstarted; i++)
		pthread_join(hashers[i].thread, NULL);
	for (int i = 0; i < nhashers; i++)
		db_close(hashers[i].db);
	free(hashers);
	for (int i = 0; i < nthreads; i++) {
		db_close(workers[i].db);
		arena_free(&workers[i].arena);
		buf_free(&workers[i].out);
		if (workers[i].fd > 0 && i >= started)
			close(workers[i].fd);
	}
	free(workers);
	page_cache_free();
	log_info("stopped");
	return rc;
}
