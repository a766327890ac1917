#include "http/router.h"

#include <jansson.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "db/data_version.h"
#include "http/module.h"
#include "http/static.h"
#include "web/layout.h"

static const struct route core_routes[] = {
    {METHOD_GET, "/static/{}", static_serve, 0, 0},
};

static const int status_of[HR__MAX] = {
    [HR_OK] = 200,	    [HR_CREATED] = 201,	    [HR_REDIRECT] = 303,     [HR_NOT_MODIFIED] = 304,
    [HR_INVALID] = 422,	    [HR_BAD_REQUEST] = 400, [HR_UNAUTHORIZED] = 401, [HR_FORBIDDEN] = 403,
    [HR_NOT_FOUND] = 404,   [HR_METHOD] = 405,	    [HR_TOO_LARGE] = 413,    [HR_UNSUPPORTED] = 415,
    [HR_TOO_MANY] = 429,    [HR_ERROR] = 500,	    [HR_UNAVAILABLE] = 503,
};

static const char *const code_of[HR__MAX] = {
    [HR_OK] = "ok",		   [HR_CREATED] = "created",	     [HR_REDIRECT] = "redirect",
    [HR_NOT_MODIFIED] = "not_modified", [HR_INVALID] = "invalid",	     [HR_BAD_REQUEST] = "bad_request",
    [HR_UNAUTHORIZED] = "unauthorized", [HR_FORBIDDEN] = "forbidden",   [HR_NOT_FOUND] = "not_found",
    [HR_METHOD] = "method_not_allowed", [HR_TOO_LARGE] = "too_large",   [HR_UNSUPPORTED] = "unsupported_media_type",
    [HR_TOO_MANY] = "too_many_requests", [HR_ERROR] = "internal_error", [HR_UNAVAILABLE] = "unavailable",
};

int router_status(enum http_result hr)
{
	return (unsigned)hr < HR__MAX ? status_of[hr] : 500;
}

int router_match(const char *pattern, const char *path, const char **param, int *nparam, struct arena *a)
{
	/* Where each parameter starts in path and how long it is: copied into
	 * the arena only once the whole pattern matched, so that the routes a
	 * request is tried against and fails cost no allocation. */
	const char *start[REQ_MAX_PARAMS];
	size_t len[REQ_MAX_PARAMS];
	int n = 0;
	const char *p = pattern, *s = path;
	*nparam = 0;
	while (*p) {
		if (p[0] == '{' && p[1] == '*' && p[2] == '}' && !p[3]) {
			/* The rest of the path, slashes included (at least one character). */
			if (!*s || n == REQ_MAX_PARAMS)
				return 0;
			start[n] = s;
			len[n++] = strlen(s);
			s += len[n - 1];
			break;
		}
		if (*p == '{') {
			const char *close = strchr(p, '}');
			if (!close)
				return 0;
			size_t k = strcspn(s, "/");
			if (k == 0 || n == REQ_MAX_PARAMS)
				return 0;
			start[n] = s;
			len[n++] = k;
			s += k;
			p = close + 1;
			continue;
		}
		if (*p++ != *s++)
			return 0;
	}
	if (*s)
		return 0;
	for (int i = 0; i < n; i++)
		if (!(param[i] = arena_strndup(a, start[i], len[i])))
			return 0;
	*nparam = n;
	return 1;
}

/* ---- overlapping patterns ----
 * A pattern is literal characters, {…} (one or more characters up to the
 * next slash, all of them: router_match takes the whole rest of the
 * segment) and {*} at the end (one or more of anything). Two patterns
 * overlap when some path matches both: a walk over pairs of positions,
 * feeding the same character to both, finds one. */

struct pat_pos {
	int i;	   /* index into the pattern */
	int inseg; /* inside a {…} or {*} having taken at least one character */
};

/* The length of the placeholder token at p[i] ("{c}", "{*}"), or 0 for a literal. */
static int token_len(const char *p, int i)
{
	if (p[i] != '{')
		return 0;
	const char *close = strchr(p + i, '}');
	return close ? (int)(close - (p + i)) + 1 : 0;
}

static int is_rest(const char *p, int i)
{
	return !strncmp(p + i, "{*}", 3);
}

/* Feeds character c at pos; 1 with *out the next position, 0 when the pattern cannot take c. */
static int pat_step(const char *p, struct pat_pos pos, char c, struct pat_pos *out)
{
	int t = token_len(p, pos.i);
	if (t && is_rest(p, pos.i)) {
		*out = (struct pat_pos){pos.i, 1};
		return 1;
	}
	if (t) {
		if (c != '/') {
			*out = (struct pat_pos){pos.i, 1};
			return 1;
		}
		if (!pos.inseg)
			return 0;
		pos = (struct pat_pos){pos.i + t, 0}; /* the segment ends at the slash */
	}
	if (!p[pos.i] || p[pos.i] != c)
		return 0;
	*out = (struct pat_pos){pos.i + 1, 0};
	return 1;
}

static int pat_done(const char *p, struct pat_pos pos)
{
	int t = token_len(p, pos.i);
	if (t)
		return pos.inseg && !p[pos.i + t];
	return !p[pos.i];
}

int router_patterns_overlap(const char *p, const char *q)
{
	size_t lp = strlen(p) + 1, lq = strlen(q) + 1;
	if (lp > 256 || lq > 256)
		return 1; /* too long to walk: say they may overlap */
	/* The characters worth trying: every literal of either, '/', and one
	 * that is in neither (any other path character acts alike). */
	char alpha[520];
	size_t na = 0;
	for (const char *s = p;; s = q) {
		for (size_t i = 0; s[i]; i++)
			if (!memchr(alpha, s[i], na) && s[i] != '{' && s[i] != '}')
				alpha[na++] = s[i];
		if (s == q)
			break;
	}
	if (!memchr(alpha, '/', na))
		alpha[na++] = '/';
	alpha[na++] = '\x01';
	unsigned char(*seen)[2][256][2] = calloc(256, sizeof *seen);
	struct pos_pair {
		struct pat_pos a, b;
	} *stack = malloc(4096 * sizeof *stack);
	int found = 0;
	size_t top = 0;
	if (!seen || !stack) {
		found = 1; /* cannot tell: say they may overlap */
		goto out;
	}
	stack[top++].a = (struct pat_pos){0, 0};
	stack[0].b = (struct pat_pos){0, 0};
	seen[0][0][0][0] = 1;
	while (top) {
		struct pat_pos a = stack[top - 1].a, b = stack[top - 1].b;
		top--;
		if (pat_done(p, a) && pat_done(q, b)) {
			found = 1;
			break;
		}
		for (size_t k = 0; k < na; k++) {
			struct pat_pos na_, nb;
			if (!pat_step(p, a, alpha[k], &na_) || !pat_step(q, b, alpha[k], &nb))
				continue;
			if (seen[na_.i][na_.inseg][nb.i][nb.inseg])
				continue;
			seen[na_.i][na_.inseg][nb.i][nb.inseg] = 1;
			if (top == 4096) {
				found = 1;
				goto out;
			}
			stack[top].a = na_;
			stack[top].b = nb;
			top++;
		}
	}
out:
	free(seen);
	free(stack);
	return found;
}

/* Sets e's key: the last segment of its pattern with no parameter in it,
 * before any "{*}". */
static void route_key(struct route_entry *e)
{
	e->key_seg = -1;
	int seg = -1;
	for (const char *p = e->route->pattern; *p == '/';) {
		const char *s = ++p;
		p += strcspn(p, "/");
		seg++;
		if (memchr(s, '{', (size_t)(p - s))) {
			if (s[0] == '{' && s[1] == '*')
				return;
			continue;
		}
		if (p > s) {
			e->key_seg = seg;
			e->key = s;
			e->key_len = (size_t)(p - s);
		}
	}
}

int router_build(struct app *app, char *err, size_t errlen)
{
	size_t n = sizeof core_routes / sizeof *core_routes;
	for (size_t m = 0; m < app->nmodules; m++)
		n += app->modules[m]->nroutes;
	struct route_entry *e = calloc(n, sizeof *e);
	if (!e) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	size_t k = 0;
	for (size_t m = 0; m <= app->nmodules; m++) {
		const struct module *mod = m < app->nmodules ? app->modules[m] : NULL;
		const struct route *routes = mod ? mod->routes : core_routes;
		size_t nr = mod ? mod->nroutes : sizeof core_routes / sizeof *core_routes;
		for (size_t i = 0; i < nr; i++, k++) {
			e[k] = (struct route_entry){&routes[i], mod, routes[i].roles, -1, NULL, 0};
			route_key(&e[k]);
			if (routes[i].role) {
				unsigned bit = role_bit(routes[i].role);
				if (!bit) {
					snprintf(err, errlen, "route %s of module %s names the role %s, which no module adds",
						 routes[i].pattern, mod ? mod->name : "core", routes[i].role);
					free(e);
					return -1;
				}
				e[k].roles |= bit;
			}
		}
	}
	/* Routes of different modules must not compete for a path: within one
	 * module the first listed wins, between modules nobody would know. */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			if (e[i].module == e[j].module || !(e[i].route->methods & e[j].route->methods))
				continue;
			if (router_patterns_overlap(e[i].route->pattern, e[j].route->pattern)) {
				snprintf(err, errlen, "route %s of module %s overlaps route %s of module %s",
					 e[i].route->pattern, e[i].module ? e[i].module->name : "core",
					 e[j].route->pattern, e[j].module ? e[j].module->name : "core");
				free(e);
				return -1;
			}
		}
	app->routes = e;
	app->nroutes = n;
	return 0;
}

/* What an error means when the handler said nothing more (Chinese, for
 * people reading API errors as well as pages). */
static const char *default_message(enum http_result hr)
{
	switch (hr) {
	case HR_NOT_FOUND:
		return "找不到这个地址。";
	case HR_BAD_REQUEST:
		return "请求格式不正确。";
	case HR_UNAUTHORIZED:
		return "请先登录。";
	case HR_FORBIDDEN:
		return "没有权限。";
	case HR_ERROR:
		return "服务器内部错误。";
	default:
		return "";
	}
}

/* Writes the core's JSON error body: {"error": {"status", "code", "message"}}. */
static void json_error(struct req *r, enum http_result hr, int status)
{
	if (r->api_module && r->api_module->api_error) {
		buf_reset(r->out);
		r->api_module->api_error(r, status, code_of[hr], r->message ? r->message : default_message(hr));
		if (!r->content_type_out)
			r->content_type_out = "application/json; charset=utf-8";
		return;
	}
	json_t *o = json_pack("{s:{s:i,s:s,s:s,s:s}}", "error", "status", status, "code", code_of[hr], "message",
			      r->message ? r->message : default_message(hr), "request_id", r->id);
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	buf_reset(r->out);
	buf_puts(r->out, s ? s : "{\"error\":{\"status\":500,\"code\":\"internal_error\",\"message\":\"\"}}");
	buf_putc(r->out, '\n');
	free(s);
	json_decref(o);
	r->content_type_out = "application/json; charset=utf-8";
}

static const char *method_name(enum method m)
{
	return m == METHOD_GET ? "GET" : m == METHOD_POST ? "POST" : m == METHOD_HEAD ? "HEAD" : "OTHER";
}

/* Turns a handler result into the final status, writing error bodies.
 * Every 500 is logged with its cause: the database's kept error if any. */
static int finish(struct req *r, enum http_result hr)
{
	if (hr == HR_ERROR && db_busy(r->db)) {
		/* another connection held the write lock past the wait (a big
		 * import): nothing was saved, and a try a little later works */
		log_error("503 %s %s request=%s: %s: %s", method_name(r->method), r->path, r->id,
		          r->cause ? r->cause : "busy", db_last_error(r->db));
		r->message = "系统正在保存一大批数据(例如导入居民),这次操作没有保存。请稍等几秒后再试一次。";
		req_header(r, "retry-after", "10");
		hr = HR_UNAVAILABLE;
	}
	int status = router_status(hr);
	if (status == 500) {
		const char *cause = r->cause ? r->cause : db_last_error(r->db);
		log_error("500 %s %s request=%s: %s", method_name(r->method), r->path, r->id,
			  cause ? cause : "a handler failed without a database error");
	}
	if (hr == HR_UNAUTHORIZED && !r->is_api) {
		/* A page that needs a login sends the visitor to the login form and back. */
		const char *next = r->method == METHOD_GET ? r->path : "/";
		struct buf tmp;
		buf_init(&tmp, 4096);
		BUF_LIT(&tmp, "/login?next=");
		h_url(&tmp, next);
		r->location = tmp.err ? "/login" : arena_strdup(r->a, tmp.data);
		buf_free(&tmp);
		return 303;
	}
	if (status >= 400) {
		if (r->is_api) {
			if (!r->body_written) /* an API's own error body (Open311's codes) is kept */
				json_error(r, hr, status);
		} else if (!r->body_written)
			page_error(r, status, r->message);
		if (!r->content_type_out)
			r->content_type_out = "text/html; charset=utf-8";
	}
	if (status == 303 && !r->location)
		r->location = "/";
	return status;
}

/* Finds the route for r: 1 found (*out set), 0 none, -1 a path match with another method. */
#define PATH_SEGS 16

static int find_route(struct req *r, const struct route_entry **out)
{
	const struct app *app = r->app;
	int other_method = 0;
	unsigned m = r->method == METHOD_HEAD ? METHOD_GET : r->method;
	/* where the path's first PATH_SEGS segments start and how long they are */
	const char *seg[PATH_SEGS];
	size_t seglen[PATH_SEGS];
	int nseg = 0;
	for (const char *p = r->path; *p == '/' && nseg < PATH_SEGS;) {
		seg[nseg] = ++p;
		p += strcspn(p, "/");
		seglen[nseg] = (size_t)(p - seg[nseg]);
		nseg++;
	}
	for (size_t k = 0; k < app->nroutes; k++) {
		const struct route_entry *e = &app->routes[k];
		if (e->key_seg >= 0 && e->key_seg < PATH_SEGS &&
		    (e->key_seg >= nseg || seglen[e->key_seg] != e->key_len || memcmp(seg[e->key_seg], e->key, e->key_len)))
			continue;
		const struct route *route = e->route;
		if (!router_match(route->pattern, r->path, r->param, &r->nparam, r->a))
			continue;
		if (!(route->methods & m)) {
			other_method = 1;
			continue;
		}
		*out = &app->routes[k];
		return 1;
	}
	return other_method ? -1 : 0;
}

/* find_route for r's own path, looked up once a request: the server asks
 * for the route's flags before dispatching. */
static int route_of(struct req *r, const struct route_entry **out)
{
	if (!r->matched && !r->match_rc) {
		const struct route_entry *e = NULL;
		r->match_rc = find_route(r, &e);
		r->matched = e;
		if (!r->match_rc)
			r->match_rc = 2; /* looked up, none */
	}
	*out = r->matched;
	return r->match_rc == 2 ? 0 : r->match_rc;
}

/* Sets the Allow header of a 405 from the routes whose pattern matches
 * r's path; returns the message that says which methods those are. */
static const char *allow_header(struct req *r)
{
	unsigned m = 0;
	const char *param[REQ_MAX_PARAMS];
	int nparam;
	for (size_t k = 0; k < r->app->nroutes; k++)
		if (router_match(r->app->routes[k].route->pattern, r->path, param, &nparam, r->a))
			m |= r->app->routes[k].route->methods;
	const char *allow = (m & METHOD_GET) && (m & METHOD_POST) ? "GET, HEAD, POST"
			    : (m & METHOD_GET)			? "GET, HEAD"
								: "POST";
	req_header(r, "allow", allow);
	return (m & METHOD_GET) && (m & METHOD_POST) ? "这个地址只接受 GET 和 POST 请求。"
	       : (m & METHOD_GET)		     ? "这个地址只接受 GET 请求(查看)。"
						     : "这个地址只接受 POST 请求(表单提交)。";
}

/* For a path no route answers (or before one is found): is it under a
 * module's API prefix? Sets r->is_api and r->api_module. */
static void api_by_prefix(struct req *r)
{
	for (size_t m = 0; m < r->app->nmodules; m++) {
		const char *pre = r->app->modules[m]->api_prefix;
		if (pre && !strncmp(r->path, pre, strlen(pre))) {
			r->is_api = 1;
			r->api_module = r->app->modules[m];
			return;
		}
	}
}

/* Resolves the session cookie into r->user. 0, or -1 on a database error. */
static int load_session(struct req *r)
{
	const char *sid = kv_get(&r->cookies, SESSION_COOKIE);
	if (!sid || !*sid)
		return 0;
	struct auth_user *u = arena_alloc(r->a, sizeof *u);
	if (!u)
		return -1;
	int rc = auth_session_resolve(r->db, r->a, sid, r->now, u);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		req_cookie(r, SESSION_COOKIE, "", 0);
		return 0;
	}
	r->user = u;
	r->session_token = sid;
	return 0;
}

/* A request id unique in this deployment's logs: a random process prefix
 * and a counter. Shown on the 500 page so a user can quote it. */
static void request_id(struct req *r)
{
	static uint32_t prefix;
	static atomic_ullong seq;
	uint32_t p = __atomic_load_n(&prefix, __ATOMIC_RELAXED);
	if (!p) {
		p = randombytes_random() | 1;
		__atomic_store_n(&prefix, p, __ATOMIC_RELAXED);
	}
	snprintf(r->id, sizeof r->id, "%08x-%llu", p, (unsigned long long)atomic_fetch_add(&seq, 1));
	req_header(r, "X-Request-Id", r->id);
}

unsigned router_route_flags(struct req *r)
{
	const struct route_entry *e = NULL;
	return route_of(r, &e) == 1 ? e->route->flags : 0;
}

int router_unavailable(struct req *r)
{
	req_header(r, "retry-after", "1");
	const struct route_entry *e = NULL;
	if (route_of(r, &e) == 1 && (e->route->flags & ROUTE_API)) {
		r->is_api = 1;
		r->api_module = e->module;
	} else {
		api_by_prefix(r);
	}
	return finish(r, req_fail(r, HR_UNAVAILABLE, "服务器正忙,请稍后再试。"));
}

/* finish for an answer given before the handler ran, then the end of the
 * read snapshot if one was begun (after the error page, which may read). */
static int leave(struct req *r, int snapshot, enum http_result hr)
{
	int status = finish(r, hr);
	if (snapshot)
		db_read_end(r->db);
	return status;
}

int router_dispatch(struct req *r)
{
	db_clear_error(r->db);
	request_id(r);
	api_by_prefix(r);
	int rc = PARSE_OK;
	if (r->cookie_header && parse_cookies(r->a, r->cookie_header, r->cookie_len, &r->cookies) != PARSE_OK)
		r->cookies.n = 0; /* an unreadable Cookie header counts as none */
	if (r->query_len && (rc = parse_urlencoded(r->a, r->query, r->query_len, &r->q)) != PARSE_OK)
		return finish(r, req_fail(r, HR_BAD_REQUEST, parse_error_text(rc)));

	const struct route_entry *entry = NULL;
	int found = route_of(r, &entry);
	if (found == 0 && r->path[strlen(r->path) - 1] != '/' && (r->method == METHOD_GET || r->method == METHOD_HEAD)) {
		/* "/c/x" → "/c/x/" when only the slashed form exists. */
		char *slashed = arena_printf(r->a, "%s/", r->path);
		const char *save = r->path;
		r->path = slashed;
		const struct route_entry *alt;
		if (slashed && req_local_path(slashed) && find_route(r, &alt) == 1) {
			r->location = slashed;
			return finish(r, HR_REDIRECT);
		}
		r->path = save;
	}
	if (found == 0) {
		/* A signed-in user's "not found" page still shows them signed in;
		 * it is theirs alone, never kept (server.c keeps only 200s). */
		if (!r->is_api && load_session(r) < 0)
			return finish(r, HR_ERROR);
		if (r->user)
			r->cache_control = "private, no-store";
		return finish(r, req_fail(r, HR_NOT_FOUND, NULL));
	}
	if (found < 0)
		return finish(r, req_fail(r, HR_METHOD, allow_header(r)));
	const struct route *route = entry->route;
	/* The API's error shape is the one its module chose; a page route is
	 * answered with pages even under an API prefix. */
	r->is_api = (route->flags & ROUTE_API) != 0;
	r->api_module = r->is_api ? entry->module : NULL;

	if (!(route->flags & ROUTE_KEYED) && load_session(r) < 0)
		return finish(r, HR_ERROR);
	/* GET never changes state, so its reads share one snapshot, from the
	 * community's lookup on (the session's, which may write, come before). */
	int snapshot = r->method != METHOD_POST && !(route->flags & ROUTE_NO_SNAPSHOT) && db_read_begin(r->db) == 0;
	if (r->want_version && !(snapshot && data_version_get(r->db, &r->version) == 0))
		r->want_version = 0;
	int community_route = strstr(route->pattern, "{c}") != NULL;
	if (community_route) {
		struct community *c = arena_alloc(r->a, sizeof *c);
		if (!c)
			return leave(r, snapshot, HR_ERROR);
		int f = org_community_by_slug(r->db, r->a, r->param[0], c);
		if (f < 0)
			return leave(r, snapshot, HR_ERROR);
		if (f == 1)
			return leave(r, snapshot, req_fail(r, HR_NOT_FOUND, "找不到这个社区,请检查地址是否正确。"));
		r->community = c;
	}
	if (r->user)
		r->roles = community_route ? auth_roles_at(r->user->grants, r->user->ngrants, r->community->chain, 3)
					   : auth_roles_anywhere(r->user->grants, r->user->ngrants);
	if (entry->roles) {
		if (!r->user)
			return leave(r, snapshot, req_fail(r, HR_UNAUTHORIZED, "请先登录。"));
		if (!req_has_role(r, entry->roles))
			return leave(r, snapshot, req_fail(r, HR_FORBIDDEN, NULL));
	}
	if (r->method == METHOD_POST) {
		if (r->body_len) {
			if (r->content_type && !strncasecmp(r->content_type, "multipart/form-data", 19))
				rc = parse_multipart(r->a, r->content_type, r->body, r->body_len, &r->form, &r->files);
			else if (r->content_type && !strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33))
				rc = parse_urlencoded(r->a, r->body, r->body_len, &r->form);
			else
				return leave(r, snapshot, req_fail(r, HR_UNSUPPORTED, "只接受表单提交(urlencoded 或 multipart/form-data)。"));
			if (rc != PARSE_OK)
				return leave(r, snapshot, req_fail(r, HR_BAD_REQUEST, parse_error_text(rc)));
		}
		if (!(route->flags & ROUTE_KEYED) && !req_csrf_ok(r))
			return leave(r, snapshot, req_fail(r, HR_FORBIDDEN,
						  "表单已过期或来源无法确认(CSRF 校验失败),请返回刷新页面后重新提交。"));
	}
	enum http_result hr = route->handler(r);
	if (snapshot && db_read_end(r->db) < 0) {
		r->body_written = 0;
		buf_reset(r->out);
		hr = HR_ERROR;
	}
	if (r->a->failed || r->out->err) {
		r->cause = "the request ran out of its memory cap";
		r->body_written = 0;
		buf_reset(r->out);
		hr = HR_ERROR;
	}
	if (!r->content_type_out)
		r->content_type_out = r->is_api ? "application/json; charset=utf-8" : "text/html; charset=utf-8";
	/* What a signed-in user sees may hold personal data (objectors' phones,
	 * full lists): never kept by the browser or a proxy. */
	if (r->user && (!r->cache_control || strncmp(r->cache_control, "public", 6)))
		r->cache_control = "private, no-store";
	return finish(r, hr);
}
