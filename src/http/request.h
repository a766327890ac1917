/* One HTTP request as the rest of shequ sees it: parsed, with the visitor's
 * session and the community resolved, and the response being built. No h2o
 * type appears here; src/http/server.c translates. */
#ifndef SHEQU_HTTP_REQUEST_H
#define SHEQU_HTTP_REQUEST_H
#include <stddef.h>
#include <stdint.h>

#include "auth/audit.h"
#include "auth/auth.h"
#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "http/multipart.h"
#include "http/parse.h"
#include "org/org.h"

struct app;
struct module;

enum method { METHOD_GET = 1, METHOD_POST = 2, METHOD_HEAD = 4, METHOD_OTHER = 8 };

/* What a handler reports; the router alone turns it into an HTTP status. */
enum http_result {
	HR_OK,		/* 200 with the body the handler wrote */
	HR_CREATED,	/* 201 */
	HR_REDIRECT,	/* 303 to r->location */
	HR_NOT_MODIFIED, /* 304 */
	HR_INVALID,	/* 422: a form with errors, re-shown by the handler */
	HR_BAD_REQUEST, /* 400 */
	HR_UNAUTHORIZED, /* 401 (pages: redirect to the login page) */
	HR_FORBIDDEN,	/* 403 */
	HR_NOT_FOUND,	/* 404 */
	HR_METHOD,	/* 405 */
	HR_TOO_LARGE,	/* 413 */
	HR_UNSUPPORTED, /* 415 */
	HR_TOO_MANY,	/* 429 */
	HR_ERROR,	/* 500 */
	HR_UNAVAILABLE, /* 503: the password workers are all busy */
	HR__MAX
};

#define REQ_MAX_PARAMS 4
#define REQ_MAX_HEADERS 8

struct req_header {
	const char *name, *value;
};

struct req {
	const struct app *app;
	struct db *db;
	struct arena *a;
	struct buf *out; /* response body */
	int64_t now;

	/* request */
	enum method method;
	const char *path; /* NUL-terminated, without the query */
	const char *query;
	size_t query_len;
	const char *body;
	size_t body_len;
	const char *content_type, *if_none_match, *csrf_header;
	const char *cookie_header;
	size_t cookie_len;
	const char *ip;
	struct kvlist q, form, cookies;
	struct partlist files; /* uploads of a multipart/form-data POST */
	const char *param[REQ_MAX_PARAMS];
	int nparam;
	/* Set by the server: read the data version as the first statement of
	 * a GET's read snapshot into version (cleared when it was not read). */
	int want_version;
	int64_t version;
	const void *matched; /* the router's route entry for the path, once looked up */
	int match_rc;	     /* and what the lookup found (1, 0 or -1) */

	/* who and where */
	struct community *community; /* set for routes under /c/{c}/ */
	struct auth_user *user;	     /* NULL for a visitor */
	const char *session_token;
	unsigned roles; /* ROLE_BIT mask at the community, or anywhere */
	const char *csrf;

	/* response */
	const char *content_type_out;
	const char *location;
	const char *cache_control;
	const char *etag;
	/* When the answer's content would change with the clock alone (a notice
	 * period ending, a station opening): a kept copy is valid until then.
	 * 0: the next midnight in China (pages show dates). Lower it with
	 * req_valid_until. */
	int64_t valid_until;
	const char *message; /* for the error page; Chinese */
	const char *cause;   /* for the log when the result is a 500; English */
	char id[24];	     /* request id, in the log and the X-Request-Id header */
	struct req_header hdr[REQ_MAX_HEADERS];
	int nhdr;
	int is_api;	  /* errors in the API's shape, not as pages */
	const struct module *api_module; /* whose api_error writes them; NULL: the core's JSON */
	int body_written; /* an error result keeps the handler's body */
};

/* Says the answer's content changes with the clock alone at Unix time t
 * (when t is later than now and earlier than what was said before), so that
 * a kept copy of it is not shown after t. */
void req_valid_until(struct req *r, int64_t t);
/* Adds a response header (name and value must outlive the request). */
void req_header(struct req *r, const char *name, const char *value);
/* Sets a cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the app says so.
 * max_age < 0: session cookie; 0: delete. */
void req_cookie(struct req *r, const char *name, const char *value, long max_age);
/* The CSRF token for forms on this page; sets the visitor cookie if needed. */
const char *req_csrf(struct req *r);
/* 1 if the request carries a CSRF token (form field `csrf` or header
 * X-CSRF-Token) that matches the visitor's cookie. */
int req_csrf_ok(struct req *r);
/* Redirects (303) to a local path. Returns HR_REDIRECT. */
enum http_result req_redirect(struct req *r, const char *path);
/* 1 if s is a safe local redirect target: "/..." of printable ASCII with no
 * white space, control character or backslash, not starting "//". */
int req_local_path(const char *s);
/* Records why a request fails with 500 (logged by the router with the
 * method, path and request id) and returns HR_ERROR. */
enum http_result req_error(struct req *r, const char *cause);
/* Sets the message shown on the error page and returns result. */
enum http_result req_fail(struct req *r, enum http_result result, const char *message);
/* For an answer asking to wait until `until` (Unix seconds): sets the
 * Retry-After header and returns when, in words, for the message: "14:05:30
 * (约 2 分钟后)" (UTC+8). "" if the arena fails. */
const char *req_retry_after(struct req *r, int64_t until);
/* The browser's device id, when it carries a device cookie this deployment
 * signed (set after a successful sign-in), with the account it signed in to
 * in *user_id; else NULL. Password checks from a known device are throttled
 * on the device, so that others' wrong guesses do not hold its owner up. */
const char *req_device(struct req *r, int64_t *user_id);
/* Remembers this browser as a device of the account (a signed cookie, 180
 * days), unless it already is. */
void req_device_remember(struct req *r, int64_t user_id);
/* The community-scoped role mask check: 1 if any bit of need is held. */
int req_has_role(const struct req *r, unsigned need);
/* Fills the Chinese action and entity names of n audit rows from the
 * core's names and the modules' audit_labels (unknown ones stay NULL). */
void req_audit_labels(const struct req *r, struct audit_entry *e, size_t n);
/* Answers with o as compact JSON (application/json; UTF-8) and releases
 * it. o NULL (a failed json_pack) or not encodable: a 500 with the cause.
 * HR_OK or HR_ERROR. json_t is jansson's. */
struct json_t;
enum http_result req_send_json(struct req *r, struct json_t *o);
/* Writes the audit row of a staff action by r's user at r's community
 * (entity and its id, detail in words) and commits r's transaction, in
 * which the change it records was written. 0, or -1 with everything rolled
 * back. */
int req_audit_commit(struct req *r, const char *action, const char *entity, int64_t id, const char *detail);

#define SESSION_COOKIE "shequ_sid"
/* A piece of pages that depends only on data in versioned tables (a
 * community's hotlines in every page's footer), kept by the worker thread
 * that made it with the data version of the snapshot it was read in, and
 * written again while that version holds, so that not every page reads it.
 * Declare one `static __thread struct req_memo` per piece. Used only when
 * the request read its snapshot's version (r->want_version still set: a GET
 * under --page-cache off; with the page cache on, whole pages are kept). */
struct req_memo {
	int64_t key, version;
	int valid;
	struct buf text;
	struct req_memo *next; /* the thread's other memos, freed when it ends */
};
/* 1 with the kept text appended to out when m holds key at r's snapshot's
 * version; else 0 (nothing kept, another key or version, or no version). */
int req_memo_get(const struct req *r, struct req_memo *m, int64_t key, struct buf *out);
/* Keeps text[0..len) in m for key at r's version; nothing when r has none
 * or the text is over 64 kB. */
void req_memo_put(const struct req *r, struct req_memo *m, int64_t key, const char *text, size_t len);

#define VISITOR_COOKIE "shequ_aid"
#define TEXT_COOKIE "shequ_text" /* "large" for the large-text mode */
#define DEVICE_COOKIE "shequ_dev" /* "UID.ID.MAC": a browser that signed in to account UID */

#endif
