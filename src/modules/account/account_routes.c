/* Login, logout and password change. Every success is audited in the same
 * transaction; passwords are checked by auth_check_password, which throttles
 * per account and per address. Both POSTs hash, so they run on the server's
 * password workers (ROUTE_WORKER), off the event loops. */
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "core/clock.h"
#include "core/log.h"
#include "http/fields.h"
#include "modules/account/account.h"

static const struct field login_fields[] = {
    {"login", "账号", FIELD_TEXT, 1, 64},
    {"password", "密码", FIELD_PASSWORD, 1, AUTH_PASSWORD_MAX},
    {"next", "跳转地址", FIELD_HIDDEN, 0, 500},
};

static enum http_result login_page(struct req *r)
{
	struct login_form f = {0};
	f.next = kv_get(&r->q, "next");
	if (r->user)
		return req_redirect(r, req_local_path(f.next) ? f.next : "/");
	account_view_login(r, &f);
	return HR_OK;
}

/* The one community where the user holds a role of mask (a grant at a
 * street reaches all its communities): its slug, or NULL when there are none
 * or several, or on a database error. */
static const char *only_community(struct req *r, const struct auth_user *u, unsigned mask)
{
	const char *slug = NULL;
	int64_t id = 0;
	for (size_t g = 0; g < u->ngrants; g++) {
		if (!(ROLE_BIT(u->grants[g].role) & mask))
			continue;
		struct community *list;
		size_t n;
		if (org_communities_under(r->db, r->a, u->grants[g].unit_id, &list, &n) < 0)
			return NULL;
		for (size_t i = 0; i < n; i++) {
			if (id && id != list[i].id)
				return NULL;
			id = list[i].id;
			slug = list[i].slug;
		}
	}
	return slug;
}

/* Where to go after signing in: the local page asked for; else street,
 * district and system admins to the workbench of their communities
 * (/admin/), community staff to their community's workbench when they run
 * exactly one (else /admin/), holders of a module's role with a home
 * (role_home: a grid worker) to that page of their community, residents
 * and supervisors to their community's home page; else the site's home
 * page. */
static const char *after_login(struct req *r, const struct auth_user *u, const char *next)
{
	if (req_local_path(next))
		return next;
	unsigned roles = auth_roles_anywhere(u->grants, u->ngrants);
	if (roles & ROLES_ADMIN)
		return "/admin/";
	int staff = (roles & ROLES_STAFF) != 0;
	const char *slug = only_community(r, u, staff ? ROLES_STAFF : ~0u);
	/* A module's role with a page of its own (a grid worker's orders). */
	const char *home = NULL;
	for (size_t g = 0; !staff && !home && g < u->ngrants; g++)
		home = role_home(u->grants[g].role);
	const char *to = !slug ? NULL
			 : staff ? arena_printf(r->a, "/c/%s/admin/", slug)
			 : home	 ? arena_printf(r->a, "/c/%s%s", slug, home)
				 : arena_printf(r->a, "/c/%s/", slug);
	return to ? to : staff ? "/admin/" : "/";
}

static enum http_result login_submit(struct req *r)
{
	const char *vals[3], *errs[3];
	struct login_form f = {0};
	int bad = fields_validate(r->a, &r->form, login_fields, 3, vals, errs);
	f.login = vals[0];
	f.next = vals[2];
	f.errs[0] = errs[0];
	f.errs[1] = errs[1];
	if (bad) {
		account_view_login(r, &f);
		r->body_written = 1;
		return HR_INVALID;
	}
	struct auth_attempt at = {.login = vals[0], .password = vals[1], .ip = r->ip, .now = r->now,
				  .delay = r->app->login_delay};
	at.device = req_device(r, &at.device_user);
	struct auth_user u;
	int64_t retry = 0;
	int v = auth_check_password(r->db, r->a, &at, &u, &retry);
	if (v < 0)
		return HR_ERROR;
	if (v != AUTH_OK) {
		f.message = v == AUTH_WAIT ? arena_printf(r->a, "登录失败次数过多,为保护账号安全已暂停登录,请于 %s再试。",
							   req_retry_after(r, retry))
					   : "账号或密码不正确。";
		account_view_login(r, &f);
		r->body_written = 1;
		return v == AUTH_WAIT ? HR_TOO_MANY : HR_INVALID;
	}
	char token[TOKEN_TEXT];
	struct audit_event ev = {.user_id = u.id, .actor = u.display_name, .action = "login", .entity = "user",
				 .entity_id = arena_printf(r->a, "%lld", (long long)u.id), .ip = r->ip};
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (auth_session_create(r->db, u.id, r->ip, r->now, token) < 0 || audit_write(r->db, &ev, r->now) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	req_cookie(r, SESSION_COOKIE, arena_strdup(r->a, token), -1);
	req_device_remember(r, u.id);
	/* A password opened or reset by staff is changed before anything else. */
	if (u.must_change_password)
		return req_redirect(r, "/account/password?first=1");
	return req_redirect(r, after_login(r, &u, vals[2]));
}

static enum http_result logout_submit(struct req *r)
{
	if (r->user) {
		struct audit_event ev = {.user_id = r->user->id, .actor = r->user->display_name, .action = "logout",
					 .entity = "user", .entity_id = arena_printf(r->a, "%lld", (long long)r->user->id),
					 .ip = r->ip};
		if (db_begin(r->db) < 0)
			return HR_ERROR;
		if (auth_session_delete(r->db, r->session_token) < 0 || audit_write(r->db, &ev, r->now) < 0 ||
		    db_commit(r->db) < 0) {
			db_rollback(r->db);
			return HR_ERROR;
		}
	}
	req_cookie(r, SESSION_COOKIE, "", 0);
	return req_redirect(r, "/");
}

static const struct field password_fields[] = {
    {"current", "当前密码", FIELD_PASSWORD, 1, AUTH_PASSWORD_MAX},
    {"new", "新密码", FIELD_PASSWORD, 1, AUTH_PASSWORD_MAX},
    {"confirm", "确认新密码", FIELD_PASSWORD, 1, AUTH_PASSWORD_MAX},
};

static enum http_result password_page(struct req *r)
{
	struct password_form f = {0};
	f.done = kv_get(&r->q, "done") != NULL;
	f.first = kv_get(&r->q, "first") != NULL;
	f.home = after_login(r, r->user, NULL);
	account_view_password(r, &f);
	return HR_OK;
}

static enum http_result password_submit(struct req *r)
{
	const char *vals[3];
	struct password_form f = {.first = kv_get(&r->form, "first") != NULL, .home = after_login(r, r->user, NULL)};
	int bad = fields_validate(r->a, &r->form, password_fields, 3, vals, f.errs);
	if (!f.errs[1] && *vals[1] &&
	    (f.errs[1] = auth_password_problem(vals[1], r->user->username, r->user->phone)) != NULL)
		bad++;
	if (!bad && strcmp(vals[1], vals[2])) {
		f.errs[2] = "两次输入的新密码不一致";
		bad++;
	}
	enum http_result hr = HR_INVALID;
	if (!bad) {
		/* The current password is checked last, so that a form refused
		 * for other reasons costs no hash and no attempt. */
		struct auth_attempt at = {.user_id = r->user->id, .password = vals[0], .ip = r->ip, .now = r->now,
					  .delay = r->app->login_delay};
		at.device = req_device(r, &at.device_user);
		struct auth_user u;
		int64_t retry = 0;
		int v = auth_check_password(r->db, r->a, &at, &u, &retry);
		if (v < 0)
			return HR_ERROR;
		if (v == AUTH_WAIT) {
			f.errs[0] = arena_printf(r->a, "密码错误次数过多,为保护账号安全已暂停验证,请于 %s再试",
						 req_retry_after(r, retry));
			hr = HR_TOO_MANY;
			bad++;
		} else if (v == AUTH_WRONG) {
			f.errs[0] = "当前密码不正确";
			bad++;
		}
	}
	if (bad) {
		account_view_password(r, &f);
		r->body_written = 1;
		return hr;
	}
	char newhash[128];
	if (auth_password_hash(vals[1], newhash) < 0)
		return HR_ERROR;
	struct audit_event ev = {.user_id = r->user->id, .actor = r->user->display_name,
				 .action = "user.password_change", .entity = "user",
				 .entity_id = arena_printf(r->a, "%lld", (long long)r->user->id), .ip = r->ip};
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int hooks = 0;
	for (size_t m = 0; m < r->app->nmodules; m++)
		if (r->app->modules[m]->password_changed &&
		    r->app->modules[m]->password_changed(r->db, r->user->id, vals[0], vals[1]) < 0)
			hooks = -1;
	if (hooks < 0 || auth_user_set_password(r->db, r->user->id, newhash, r->now) < 0 ||
	    auth_session_delete_others(r->db, r->user->id, r->session_token) < 0 ||
	    audit_write(r->db, &ev, r->now) < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	return req_redirect(r, "/account/password?done=1");
}

#define ANY_ROLE (~0u) /* any role at all, the core's or a module's */

static const struct route account_routes[] = {
    {METHOD_GET, "/login", login_page, 0, 0},
    {METHOD_POST, "/login", login_submit, 0, ROUTE_WORKER},
    {METHOD_POST, "/logout", logout_submit, 0, 0},
    {METHOD_GET, "/account/password", password_page, ANY_ROLE, 0},
    {METHOD_POST, "/account/password", password_submit, ANY_ROLE, ROUTE_WORKER},
};

const struct module account_module = {
    .name = "account",
    .routes = account_routes,
    .nroutes = sizeof account_routes / sizeof *account_routes,
};
