#include "http/request.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/audit.h"
#include "core/token.h"
#include "http/module.h"

void req_header(struct req *r, const char *name, const char *value)
{
	if (r->nhdr < REQ_MAX_HEADERS && name && value) {
		r->hdr[r->nhdr].name = name;
		r->hdr[r->nhdr].value = value;
		r->nhdr++;
	}
}

void req_valid_until(struct req *r, int64_t t)
{
	if (t > r->now && (!r->valid_until || t < r->valid_until))
		r->valid_until = t;
}

void req_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	const char *secure = r->app && r->app->secure_cookies ? "; Secure" : "";
	char *v;
	if (max_age < 0)
		v = arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", name, value, secure);
	else
		v = arena_printf(r->a, "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s", name, value,
				 max_age, secure);
	req_header(r, "set-cookie", v);
}

/* The cookie value the CSRF token is bound to: the session, else the visitor cookie. */
static const char *csrf_binding(struct req *r)
{
	if (r->session_token)
		return r->session_token;
	const char *aid = kv_get(&r->cookies, VISITOR_COOKIE);
	return aid && strlen(aid) == TOKEN_TEXT - 1 ? aid : NULL;
}

static char *csrf_for(struct req *r, const char *binding)
{
	char msg[128], *tok = arena_alloc(r->a, TOKEN_TEXT);
	if (!tok)
		return NULL;
	int n = snprintf(msg, sizeof msg, "csrf|%s", binding);
	token_hmac(r->app->csrf_key, msg, (size_t)n, tok);
	return tok;
}

const char *req_csrf(struct req *r)
{
	if (r->csrf)
		return r->csrf;
	const char *binding = csrf_binding(r);
	if (!binding) {
		char *aid = arena_alloc(r->a, TOKEN_TEXT);
		if (!aid)
			return "";
		token_new(aid);
		req_cookie(r, VISITOR_COOKIE, aid, 365L * 24 * 3600);
		/* Later calls in this request must bind to the same value. */
		struct kv *v = arena_alloc(r->a, (r->cookies.n + 1) * sizeof *v);
		if (!v)
			return "";
		if (r->cookies.n)
			memcpy(v, r->cookies.v, r->cookies.n * sizeof *v);
		v[r->cookies.n] = (struct kv){VISITOR_COOKIE, aid, TOKEN_TEXT - 1};
		r->cookies.v = v;
		r->cookies.n++;
		binding = aid;
	}
	r->csrf = csrf_for(r, binding);
	return r->csrf ? r->csrf : "";
}

int req_csrf_ok(struct req *r)
{
	const char *binding = csrf_binding(r);
	const char *sent = kv_get(&r->form, "csrf");
	if (!sent)
		sent = r->csrf_header;
	if (!binding || !sent)
		return 0;
	const char *want = csrf_for(r, binding);
	return want && token_equal(want, sent);
}

int req_local_path(const char *s)
{
	if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return 0;
	/* Browsers drop tabs and newlines from URLs and read '\\' as '/', so
	 * "/<TAB>/evil.example" would leave the site: only printable ASCII
	 * without backslashes passes (our own paths are ASCII). */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f || *p == '\\')
			return 0;
	return 1;
}

enum http_result req_redirect(struct req *r, const char *path)
{
	r->location = req_local_path(path) ? path : "/";
	return HR_REDIRECT;
}

enum http_result req_error(struct req *r, const char *cause)
{
	r->cause = cause;
	return HR_ERROR;
}

enum http_result req_fail(struct req *r, enum http_result result, const char *message)
{
	r->message = message;
	return result;
}

int req_memo_get(const struct req *r, struct req_memo *m, int64_t key, struct buf *out)
{
	if (!r->want_version || !m->valid || m->key != key || m->version != r->version)
		return 0;
	buf_append(out, m->text.data, m->text.len);
	return 1;
}

/* The memos each thread has filled, freed when the thread ends. */
static pthread_key_t memo_key;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;

static void memos_free(void *first)
{
	for (struct req_memo *m = first, *next; m; m = next) {
		next = m->next;
		buf_free(&m->text);
		m->valid = 0;
		m->next = NULL;
	}
}

static void memo_key_make(void)
{
	pthread_key_create(&memo_key, memos_free);
}

void req_memo_put(const struct req *r, struct req_memo *m, int64_t key, const char *text, size_t len)
{
	m->valid = 0;
	if (!r->want_version || len > 65536)
		return;
	if (!m->text.max) { /* the thread's first use of this memo */
		buf_init(&m->text, 65536);
		pthread_once(&memo_once, memo_key_make);
		m->next = pthread_getspecific(memo_key);
		pthread_setspecific(memo_key, m);
	}
	buf_reset(&m->text);
	buf_append(&m->text, text, len);
	if (m->text.err)
		return;
	m->key = key;
	m->version = r->version;
	m->valid = 1;
}

int req_has_role(const struct req *r, unsigned need)
{
	return (r->roles & need) != 0;
}

const char *req_retry_after(struct req *r, int64_t until)
{
	int64_t wait = until > r->now ? until - r->now : 1;
	req_header(r, "retry-after", arena_printf(r->a, "%lld", (long long)wait));
	time_t t = (time_t)(until + 8 * 3600);
	struct tm tm;
	char hms[16];
	gmtime_r(&t, &tm);
	strftime(hms, sizeof hms, "%H:%M:%S", &tm);
	/* Near a minute or more, in whole minutes rounded up. */
	char *s = wait < 55 ? arena_printf(r->a, "%s(约 %lld 秒后)", hms, (long long)wait)
			    : arena_printf(r->a, "%s(约 %lld 分钟后)", hms, (long long)((wait + 59) / 60));
	return s ? s : "";
}

/* The MAC of a device cookie's user id and device id. */
static void device_mac(struct req *r, long long uid, const char *id, char out[TOKEN_TEXT])
{
	char msg[128];
	int n = snprintf(msg, sizeof msg, "device|%lld|%s", uid, id);
	token_hmac(r->app->csrf_key, msg, (size_t)n, out);
}

const char *req_device(struct req *r, int64_t *user_id)
{
	const char *v = kv_get(&r->cookies, DEVICE_COOKIE);
	char id[TOKEN_TEXT], mac[TOKEN_TEXT], want[TOKEN_TEXT];
	long long uid;
	int used = 0;
	if (!v || strlen(v) > 160 || sscanf(v, "%lld.%43[A-Za-z0-9_-].%43[A-Za-z0-9_-]%n", &uid, id, mac, &used) != 3 ||
	    v[used] || uid <= 0 || strlen(id) != TOKEN_TEXT - 1)
		return NULL;
	device_mac(r, uid, id, want);
	if (!token_equal(want, mac))
		return NULL;
	*user_id = uid;
	return arena_strdup(r->a, id);
}

void req_device_remember(struct req *r, int64_t user_id)
{
	int64_t had = 0;
	if (req_device(r, &had) && had == user_id)
		return;
	char id[TOKEN_TEXT], mac[TOKEN_TEXT];
	token_new(id);
	device_mac(r, (long long)user_id, id, mac);
	char *v = arena_printf(r->a, "%lld.%s.%s", (long long)user_id, id, mac);
	if (v)
		req_cookie(r, DEVICE_COOKIE, v, 180L * 24 * 3600);
}

enum http_result req_send_json(struct req *r, json_t *o)
{
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (!s)
		return req_error(r, "cannot encode the JSON answer");
	buf_puts(r->out, s);
	buf_putc(r->out, '\n');
	free(s);
	r->content_type_out = "application/json; charset=utf-8";
	return HR_OK;
}

int req_audit_commit(struct req *r, const char *action, const char *entity, int64_t id, const char *detail)
{
	struct audit_event ev = {.user_id = r->user ? r->user->id : 0,
				 .actor = r->user ? r->user->display_name : NULL,
				 .unit_id = r->community ? r->community->id : 0,
				 .action = action,
				 .entity = entity,
				 .entity_id = arena_printf(r->a, "%lld", (long long)id),
				 .ip = r->ip,
				 .detail = detail};
	if (!ev.entity_id || audit_write(r->db, &ev, r->now) < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return -1;
	}
	return 0;
}

/* What the core itself writes to the audit log. */
static const struct audit_label core_labels[] = {
    {"login", "登录"},
    {"logout", "退出登录"},
    {"user.create", "新建账号"},
    {"user.grant", "授予角色"},
    {"user.password_change", "修改密码"},
    {"user.password_reset", "重置密码"},
    {"org.create", "新建组织单位"},
    {"demo.load", "载入演示数据"},
    {"user", "账号"},
    {"deployment", "系统"},
    {"org_unit", "组织单位"},
    {NULL, NULL},
};

static const char *label_in(const struct audit_label *l, const char *key)
{
	for (; l && l->key; l++)
		if (!strcmp(l->key, key))
			return l->label;
	return NULL;
}

static const char *audit_label(const struct req *r, const char *key)
{
	const char *found = key && *key ? label_in(core_labels, key) : NULL;
	for (size_t m = 0; !found && key && *key && r->app && m < r->app->nmodules; m++)
		found = label_in(r->app->modules[m]->audit_labels, key);
	return found;
}

void req_audit_labels(const struct req *r, struct audit_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		e[i].action_label = audit_label(r, e[i].action);
		e[i].entity_label = audit_label(r, e[i].entity);
	}
}
