/* Routes of residents' accounts at a community (/c/<slug>/admin/accounts/):
 * the list with its exports, opening an account with a password shown once,
 * resetting a password, disabling and enabling. Community staff (and the
 * admins above them) manage residents and supervisors of the community only:
 * never staff or admins, never their own account. Every change is audited;
 * a POST locks the account before it decides. */
#include <sodium.h>
#include <string.h>

#include "core/str.h"
#include "http/fields.h"
#include "modules/accounts/accounts_web.h"
#include "pii/pii.h"
#include "web/export.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

#define EXPORT_MAX 10000 /* rows an export holds at most */

/* ---- shared ---- */

int64_t accounts_id_param(const char *s)
{
	int64_t id;
	if (!s || !*s || *s == '+' || *s == '-' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

int accounts_new_password(char out[16])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	for (int tries = 0; tries < 20; tries++) {
		size_t k = 0;
		for (int i = 0; i < 12; i++) {
			if (i && i % 4 == 0)
				out[k++] = '-';
			out[k++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
		}
		out[k] = 0;
		if (!auth_password_problem(out, NULL, NULL))
			return 0;
	}
	return -1;
}

const char *accounts_mobile(struct arena *a, const char *v)
{
	char d[12];
	return str_mobile_normalize(v, d) == 0 ? arena_strdup(a, d) : v;
}

/* The account's page, with a notice after a change (?done=). */
enum http_result accounts_show(struct req *r, int64_t id, accounts_check_fn *check, const char *base,
                               const char *list, const struct community *scope, size_t nscope)
{
	struct accounts_row row;
	struct auth_user u = {0};
	int rc = id ? accounts_get(r->db, r->a, id, &row) : 1;
	if (rc == 0) {
		u.id = id;
		rc = auth_grants_load(r->db, r->a, &u);
	}
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个账号。");
	int missing = 0;
	const char *why = check(r, &u, &missing);
	if (missing)
		return req_fail(r, HR_NOT_FOUND, "没有这个账号。");
	struct accounts_page p = {.acct = &row,
	                          .grants = &u,
	                          .manageable = why == NULL,
	                          .why_not = why,
	                          .base = base,
	                          .list = list,
	                          .scope = scope,
	                          .nscope = nscope};
	const char *done = kv_get(&r->q, "done");
	if (done)
		p.notice = !strcmp(done, "disabled") ? "账号已停用,它在各设备上的登录已全部退出。"
		           : !strcmp(done, "enabled")   ? "账号已恢复,可以重新登录。"
		           : !strcmp(done, "unchanged") ? "没有变化:账号原本就是这个状态。"
		           : !strcmp(done, "is_disabled") ? "账号已停用,不能重置密码;请先恢复账号。"
		           : !strcmp(done, "unconfirmed") ? "密码没有重置:请先勾选“已核实是本人要求重置”,再按“重置密码”。"
		           : !strcmp(done, "granted") ? "已授予社区干部角色。"
		           : !strcmp(done, "revoked") ? "已撤销社区干部角色。"
		                                      : NULL;
	aview_account(r, &p);
	return HR_OK;
}

static const char *const act_names[] = {"accounts.reset_password", "accounts.disable", "accounts.enable"};

enum http_result accounts_act(struct req *r, int64_t id, enum accounts_act what, accounts_check_fn *check,
                              const char *base)
{
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这个账号。");
	char pw[16], hash[128];
	if (what == ACCOUNTS_RESET && (accounts_new_password(pw) < 0 || auth_password_hash(pw, hash) < 0))
		return req_error(r, "cannot make an initial password");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	struct auth_user u;
	int disabled = 0, missing = 0;
	int rc = auth_user_lock(r->db, r->a, id, &u, &disabled);
	const char *why = rc == 0 ? check(r, &u, &missing) : NULL;
	if (rc || missing || why) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		return rc || missing ? req_fail(r, HR_NOT_FOUND, "没有这个账号。")
		                     : req_fail(r, HR_FORBIDDEN, why);
	}
	/* A reset locks the owner out at once: only when staff tick that they checked it is their wish. */
	if (what == ACCOUNTS_RESET && !kv_get(&r->form, "confirm")) {
		db_rollback(r->db);
		const char *back = arena_printf(r->a, "%s?done=unconfirmed", base);
		return back ? req_redirect(r, back) : req_error(r, "out of request memory");
	}
	rc = what == ACCOUNTS_RESET     ? auth_user_reset_password(r->db, id, hash, r->now)
	     : what == ACCOUNTS_DISABLE ? auth_user_set_disabled(r->db, id, 1)
	                                : auth_user_set_disabled(r->db, id, 0);
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		const char *back = arena_printf(r->a, "%s?done=%s", base,
		                                what == ACCOUNTS_RESET ? "is_disabled" : "unchanged");
		return back ? req_redirect(r, back) : req_error(r, "out of request memory");
	}
	const char *detail = arena_printf(r->a, "%s(%s)", u.display_name,
	                                  u.phone      ? pii_mask_phone(r->a, u.phone)
	                                  : u.username ? u.username
	                                               : "");
	if (req_audit_commit(r, act_names[what], "user", id, detail) < 0)
		return HR_ERROR;
	if (what != ACCOUNTS_RESET) {
		const char *back =
		    arena_printf(r->a, "%s?done=%s", base, what == ACCOUNTS_DISABLE ? "disabled" : "enabled");
		return back ? req_redirect(r, back) : req_error(r, "out of request memory");
	}
	struct accounts_slip s = {.name = u.display_name,
	                          .login = u.phone ? u.phone : u.username,
	                          .username = u.phone ? u.username : NULL,
	                          .password = pw,
	                          .community = r->community ? r->community->name : NULL,
	                          .back = base,
	                          .site = r->app->public_url,
	                          .reset = 1};
	r->cache_control = "no-store";
	aview_slip(r, &s);
	return HR_OK;
}

/* ---- the community's accounts ---- */

/* Residents and supervisors of r's community, not staff or admins anywhere,
 * not the user's own account. */
static const char *community_check(struct req *r, const struct auth_user *u, int *missing)
{
	int member = 0;
	for (size_t g = 0; g < u->ngrants; g++)
		if (u->grants[g].unit_id == r->community->id)
			member = 1;
	*missing = !member;
	if (u->id == r->user->id)
		return "不能在这里管理自己的账号;修改自己的密码请到“修改密码”。";
	if (auth_roles_anywhere(u->grants, u->ngrants) & ROLES_STAFF)
		return "这是社区干部或管理员的账号,社区工作人员不能在这里管理;请联系街道管理员。";
	return NULL;
}

/* The list's filters from the query: 0, or -1 when one is malformed (400). */
static int filter_from_query(struct req *r, struct accounts_filter *f)
{
	const char *role = kv_get(&r->q, "role"), *state = kv_get(&r->q, "state"), *q = kv_get(&r->q, "q");
	f->role = "";
	f->disabled = -1;
	f->q = "";
	if (role && *role) {
		if (strcmp(role, "resident") && strcmp(role, "supervisor") && strcmp(role, "staff"))
			return -1;
		f->role = role;
	}
	if (state && *state) {
		if (strcmp(state, "enabled") && strcmp(state, "disabled"))
			return -1;
		f->disabled = !strcmp(state, "disabled");
	}
	if (q && *q) {
		char *t = str_normalize(r->a, q, strlen(q));
		if (!t || utf8_len(t, strlen(t)) > 30)
			return -1;
		f->q = accounts_mobile(r->a, t);
	}
	return 0;
}

enum http_result accounts_h_list(struct req *r)
{
	struct accounts_filter f;
	struct accounts_list_page p = {.f = &f};
	int64_t offset;
	p.page = page_param(r);
	if (p.page < 0 || filter_from_query(r, &f) < 0 || page_offset(p.page, ACCOUNTS_PAGE, &offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "筛选条件或页码不正确。");
	if (accounts_list(r->db, r->a, r->community->id, &f, offset, ACCOUNTS_PAGE + 1, &p.rows, &p.n) < 0)
		return HR_ERROR;
	p.has_next = p.n > ACCOUNTS_PAGE;
	if (p.has_next)
		p.n = ACCOUNTS_PAGE;
	aview_list(r, &p);
	return HR_OK;
}

enum http_result accounts_h_export(struct req *r)
{
	struct accounts_filter f;
	struct accounts_row *rows;
	size_t n;
	if (filter_from_query(r, &f) < 0)
		return req_fail(r, HR_BAD_REQUEST, "筛选条件不正确。");
	if (accounts_list(r->db, r->a, r->community->id, &f, 0, EXPORT_MAX, &rows, &n) < 0)
		return HR_ERROR;
	struct table t;
	struct export_table x;
	const char *title = arena_printf(r->a, "%s账号", r->community->name);
	if (!title || table_begin_export(&t, r->a, &x, title, aview_list_cols, aview_list_ncols) < 0)
		return req_error(r, "out of request memory");
	aview_list_table(r, &t, rows, n, 1);
	if (table_end(&t) < 0)
		return req_error(r, "cannot build the accounts export");
	return export_send(r, &x, export_format(r->path));
}

static const struct field new_fields[AF__MAX] = {
    [AF_NAME] = {"name", "姓名", FIELD_TEXT, 1, 30},
    [AF_MOBILE] = {"mobile", "手机号", FIELD_TEXT, 1, 20},
    [AF_USERNAME] = {"username", "用户名", FIELD_TEXT, 0, 32},
    [AF_COMMUNITY] = {"community", "所在社区", FIELD_TEXT, 0, 40},
};

enum http_result accounts_h_new(struct req *r)
{
	struct accounts_new_form f = {0};
	aview_new(r, &f);
	return HR_OK;
}

int accounts_new_from_form(struct req *r, struct accounts_new_form *f)
{
	int bad = fields_validate(r->a, &r->form, new_fields, AF__MAX, f->vals, f->errs);
	if (!f->errs[AF_MOBILE]) {
		const char *m = accounts_mobile(r->a, f->vals[AF_MOBILE]);
		if (!str_is_mobile(m)) {
			f->errs[AF_MOBILE] = "手机号应为 11 位数字,如 13800138000(可带空格或短横线)";
			bad++;
		} else {
			f->vals[AF_MOBILE] = m;
		}
	}
	if (!f->errs[AF_USERNAME] && *f->vals[AF_USERNAME] && !str_is_username(f->vals[AF_USERNAME])) {
		f->errs[AF_USERNAME] = "用户名为 3 到 32 个英文字母、数字或 _ . -,以字母开头";
		bad++;
	}
	return bad;
}

enum http_result accounts_new_again(struct req *r, struct accounts_new_form *f)
{
	aview_new(r, f);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
}

/* Opens an account with role at unit, in r's transaction, and audits it.
 * 0, 1 when the mobile or username is taken (rolled back, f's errors set),
 * -1 (rolled back). */
static int open_account(struct req *r, struct accounts_new_form *f, const char *hash, int64_t unit_id,
                        enum role role, const char *unit_name, const struct accounts_also *also, int64_t *id)
{
	const char *username = *f->vals[AF_USERNAME] ? f->vals[AF_USERNAME] : NULL;
	if (db_begin(r->db) < 0)
		return -1;
	int rc = auth_user_add(r->db, username, f->vals[AF_MOBILE], f->vals[AF_NAME], hash, r->now, id);
	if (rc == DB_CONSTRAINT) {
		db_rollback(r->db);
		f->refusal = "这个手机号或用户名已经有账号了。如果是同一个人,请不要重复开通;如需找回,"
		             "请在账号列表中搜索并重置密码。";
		f->errs[AF_MOBILE] = "该手机号或用户名已有账号";
		return 1;
	}
	if (rc == 0)
		rc = auth_grant_add(r->db, *id, unit_id, role, r->now);
	if (rc == 0)
		rc = auth_user_reset_password(r->db, *id, hash, r->now);
	if (rc == 0 && also)
		rc = also->run(r, *id, also->ctx);
	if (rc != 0) {
		db_rollback(r->db);
		return -1;
	}
	const char *detail =
	    arena_printf(r->a, "%s(%s),%s,%s%s", f->vals[AF_NAME], pii_mask_phone(r->a, f->vals[AF_MOBILE]),
	                 role_label(role), unit_name, also && also->detail ? also->detail : "");
	const char *action = also && also->action ? also->action
	                     : role == ROLE_STAFF ? "accounts.staff_create"
	                                          : "accounts.create";
	return req_audit_commit(r, action, "user", *id, detail) < 0 ? -1 : 0;
}

/* Makes the initial password, opens the account and shows the slip. */
enum http_result accounts_open(struct req *r, struct accounts_new_form *f, int64_t unit_id, enum role role,
                               const char *unit_name, const char *list, const struct accounts_also *also)
{
	char pw[16], hash[128];
	if (accounts_new_password(pw) < 0 || auth_password_hash(pw, hash) < 0)
		return req_error(r, "cannot make an initial password");
	int64_t id;
	int rc = open_account(r, f, hash, unit_id, role, unit_name, also, &id);
	if (rc)
		return rc < 0 ? HR_ERROR : accounts_new_again(r, f);
	const char *username = *f->vals[AF_USERNAME] ? f->vals[AF_USERNAME] : NULL;
	struct accounts_slip s = {.name = f->vals[AF_NAME],
	                          .login = f->vals[AF_MOBILE],
	                          .username = username,
	                          .password = pw,
	                          .community = unit_name,
	                          .back = arena_printf(r->a, "%s%lld", list, (long long)id),
	                          .site = r->app->public_url};
	r->cache_control = "no-store";
	aview_slip(r, &s);
	return HR_OK;
}

enum http_result accounts_h_create(struct req *r)
{
	struct accounts_new_form f = {0};
	if (accounts_new_from_form(r, &f))
		return accounts_new_again(r, &f);
	const char *list = url_c(r->a, r->community->slug, "/admin/accounts/");
	if (!list)
		return req_error(r, "out of request memory");
	return accounts_open(r, &f, r->community->id, ROLE_RESIDENT, r->community->name, list, NULL);
}

static const char *community_base(struct req *r, int64_t id)
{
	return url_c_id(r->a, r->community->slug, "/admin/accounts/", id, NULL);
}

enum http_result accounts_h_account(struct req *r)
{
	int64_t id = accounts_id_param(r->param[1]);
	return accounts_show(r, id, community_check, community_base(r, id),
	                     url_c(r->a, r->community->slug, "/admin/accounts/"), NULL, 0);
}

enum http_result accounts_h_reset(struct req *r)
{
	int64_t id = accounts_id_param(r->param[1]);
	return accounts_act(r, id, ACCOUNTS_RESET, community_check, community_base(r, id));
}

enum http_result accounts_h_disable(struct req *r)
{
	int64_t id = accounts_id_param(r->param[1]);
	return accounts_act(r, id, ACCOUNTS_DISABLE, community_check, community_base(r, id));
}

enum http_result accounts_h_enable(struct req *r)
{
	int64_t id = accounts_id_param(r->param[1]);
	return accounts_act(r, id, ACCOUNTS_ENABLE, community_check, community_base(r, id));
}
