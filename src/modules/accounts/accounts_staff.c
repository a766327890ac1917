/* Routes of community staff accounts for street, district and system
 * admins (/admin/accounts/): the staff of the communities under the admin's
 * unit, opening a staff account at one of them, granting and revoking the
 * staff role, resetting a password, disabling and enabling. An admin acts
 * only inside their unit and never on admins (their own account included):
 * admin roles are granted with the command line alone. */
#include <string.h>

#include "core/str.h"
#include "http/fields.h"
#include "modules/accounts/accounts_web.h"
#include "pii/pii.h"
#include "web/export.h"
#include "web/list.h"

#define EXPORT_MAX 10000

/* The communities under the admin's unit. 0, or -1 (a 500). */
static int scope_communities(struct req *r, struct community **list, size_t *n)
{
	int64_t scope = auth_admin_scope(r->user);
	if (scope < 0) {
		*list = NULL;
		*n = 0;
		return 0;
	}
	return org_communities_under(r->db, r->a, scope, list, n);
}

/* The community of slug among list, or NULL. */
static const struct community *in_scope(const struct community *list, size_t n, int64_t id, const char *slug)
{
	for (size_t i = 0; i < n; i++)
		if ((slug && !strcmp(list[i].slug, slug)) || (!slug && list[i].id == id))
			return &list[i];
	return NULL;
}

/* Accounts with a grant at a community under the admin's unit; never an
 * admin, never the admin's own account, never one that is staff outside
 * the admin's unit. */
static const char *staff_check(struct req *r, const struct auth_user *u, int *missing)
{
	struct community *list;
	size_t n;
	*missing = 1;
	if (scope_communities(r, &list, &n) < 0)
		return "暂时无法读取您管辖的社区,请稍后再试。";
	int outside = 0;
	for (size_t g = 0; g < u->ngrants; g++) {
		int inside = in_scope(list, n, u->grants[g].unit_id, NULL) != NULL;
		if (inside)
			*missing = 0;
		else if (u->grants[g].role == ROLE_STAFF)
			outside = 1;
	}
	if (u->id == r->user->id) {
		*missing = 0;
		return "不能在这里管理自己的账号;修改自己的密码请到“修改密码”。";
	}
	if (auth_roles_anywhere(u->grants, u->ngrants) & ROLES_ADMIN)
		return "这是管理员的账号,不能在这里管理。";
	if (outside)
		return "该账号在您管辖范围以外的社区也担任干部,请联系上级管理员处理。";
	return NULL;
}

/* The staff list, with the grant form as typed (g may be NULL). */
static enum http_result staff_list(struct req *r, const struct accounts_grant_form *g)
{
	struct accounts_filter f = {.role = "", .disabled = -1, .q = ""};
	struct accounts_list_page p = {.f = &f, .grant = g};
	int64_t offset;
	const char *q = kv_get(&r->q, "q");
	if (q && *q) {
		char *t = str_normalize(r->a, q, strlen(q));
		if (!t || utf8_len(t, strlen(t)) > 30)
			return req_fail(r, HR_BAD_REQUEST, "搜索内容太长。");
		f.q = accounts_mobile(r->a, t);
	}
	p.page = page_param(r);
	if (p.page < 0 || page_offset(p.page, ACCOUNTS_PAGE, &offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不正确。");
	int64_t scope = auth_admin_scope(r->user);
	if (accounts_staff_list(r->db, r->a, scope, f.q, offset, ACCOUNTS_PAGE + 1, &p.rows, &p.n) < 0)
		return HR_ERROR;
	p.has_next = p.n > ACCOUNTS_PAGE;
	if (p.has_next)
		p.n = ACCOUNTS_PAGE;
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "granted"))
		p.notice = "已授予社区干部角色。";
	struct community *list;
	size_t n;
	if (scope_communities(r, &list, &n) < 0)
		return HR_ERROR;
	aview_staff_list(r, &p, list, n);
	return HR_OK;
}

enum http_result accounts_h_staff_list(struct req *r)
{
	return staff_list(r, NULL);
}

/* The grant form refused: the list again, the error beside the field. */
static enum http_result grant_again(struct req *r, struct accounts_grant_form *g)
{
	enum http_result hr = staff_list(r, g);
	if (hr != HR_OK)
		return hr;
	r->body_written = 1;
	return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
}

enum http_result accounts_h_staff_export(struct req *r)
{
	struct accounts_row *rows;
	size_t n;
	if (accounts_staff_list(r->db, r->a, auth_admin_scope(r->user), "", 0, EXPORT_MAX, &rows, &n) < 0)
		return HR_ERROR;
	struct table t;
	struct export_table x;
	if (table_begin_export(&t, r->a, &x, "社区干部账号", aview_staff_cols, aview_staff_ncols) < 0)
		return req_error(r, "out of request memory");
	aview_staff_table(r, &t, rows, n, 1);
	if (table_end(&t) < 0)
		return req_error(r, "cannot build the staff export");
	return export_send(r, &x, export_format(r->path));
}

enum http_result accounts_h_staff_new(struct req *r)
{
	struct accounts_new_form f = {.staff = 1};
	struct community *list;
	if (scope_communities(r, &list, &f.ncommunities) < 0)
		return HR_ERROR;
	f.communities = list;
	aview_new(r, &f);
	return HR_OK;
}

enum http_result accounts_h_staff_create(struct req *r)
{
	struct accounts_new_form f = {.staff = 1};
	struct community *list;
	if (scope_communities(r, &list, &f.ncommunities) < 0)
		return HR_ERROR;
	f.communities = list;
	int bad = accounts_new_from_form(r, &f);
	const struct community *c = in_scope(list, f.ncommunities, 0, f.vals[AF_COMMUNITY]);
	if (!f.errs[AF_COMMUNITY] && !c) {
		f.errs[AF_COMMUNITY] = "请选择您管辖范围内的社区";
		bad++;
	}
	if (bad)
		return accounts_new_again(r, &f);
	return accounts_open(r, &f, c->id, ROLE_STAFF, c->name, "/admin/accounts/", NULL);
}

static const char *staff_base(struct req *r, int64_t id)
{
	return arena_printf(r->a, "/admin/accounts/%lld", (long long)id);
}

enum http_result accounts_h_staff_account(struct req *r)
{
	int64_t id = accounts_id_param(r->param[0]);
	struct community *list;
	size_t n;
	if (scope_communities(r, &list, &n) < 0)
		return HR_ERROR;
	return accounts_show(r, id, staff_check, staff_base(r, id), "/admin/accounts/", list, n);
}

enum http_result accounts_h_staff_reset(struct req *r)
{
	int64_t id = accounts_id_param(r->param[0]);
	return accounts_act(r, id, ACCOUNTS_RESET, staff_check, staff_base(r, id));
}

enum http_result accounts_h_staff_disable(struct req *r)
{
	int64_t id = accounts_id_param(r->param[0]);
	return accounts_act(r, id, ACCOUNTS_DISABLE, staff_check, staff_base(r, id));
}

enum http_result accounts_h_staff_enable(struct req *r)
{
	int64_t id = accounts_id_param(r->param[0]);
	return accounts_act(r, id, ACCOUNTS_ENABLE, staff_check, staff_base(r, id));
}

static const struct field grant_fields[] = {
    {"mobile", "手机号", FIELD_TEXT, 1, 20},
    {"community", "社区", FIELD_TEXT, 1, 40},
};

/* Grants the staff role to the account of a mobile number (POST
 * /admin/accounts/grant), at a community under the admin's unit. */
enum http_result accounts_h_staff_grant(struct req *r)
{
	struct accounts_grant_form g = {0};
	const char **vals = g.vals;
	int bad = fields_validate(r->a, &r->form, grant_fields, 2, g.vals, g.errs);
	const char *mobile = accounts_mobile(r->a, vals[0]);
	if (!g.errs[0] && !str_is_mobile(mobile)) {
		g.errs[0] = "手机号应为 11 位数字,如 13800138000(可带空格或短横线)";
		bad++;
	}
	if (bad)
		return grant_again(r, &g);
	struct community *list;
	size_t n;
	if (scope_communities(r, &list, &n) < 0)
		return HR_ERROR;
	const struct community *c = in_scope(list, n, 0, vals[1]);
	if (!c)
		return req_fail(r, HR_FORBIDDEN, "只能在您管辖范围内的社区授予干部角色。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	struct auth_user u;
	int rc = auth_user_by_login(r->db, r->a, mobile, &u, NULL);
	if (rc == 0)
		rc = auth_user_lock(r->db, r->a, u.id, &u, NULL);
	int missing = 0;
	const char *why = rc == 0 ? staff_check(r, &u, &missing) : NULL;
	/* An account new to the unit may join it: only refusals for admins,
	 * oneself and staff elsewhere count here. */
	if (rc || why) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		g.errs[0] = rc ? "没有用这个手机号登记的账号;请先用“开通社区干部账号”开通" : why;
		return grant_again(r, &g);
	}
	rc = auth_grant_add(r->db, u.id, c->id, ROLE_STAFF, r->now);
	if (rc == DB_CONSTRAINT) {
		db_rollback(r->db);
		const char *back = arena_printf(r->a, "/admin/accounts/%lld?done=unchanged", (long long)u.id);
		return back ? req_redirect(r, back) : req_error(r, "out of request memory");
	}
	if (rc < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (req_audit_commit(
	        r, "accounts.staff_grant", "user", u.id,
	        arena_printf(r->a, "%s(%s),%s", u.display_name, pii_mask_phone(r->a, mobile), c->name)) < 0)
		return HR_ERROR;
	const char *back = arena_printf(r->a, "/admin/accounts/%lld?done=granted", (long long)u.id);
	return back ? req_redirect(r, back) : req_error(r, "out of request memory");
}

/* Revokes the staff role at one community (POST /admin/accounts/{id}/revoke). */
enum http_result accounts_h_staff_revoke(struct req *r)
{
	int64_t id = accounts_id_param(r->param[0]);
	const char *slug = kv_get(&r->form, "community");
	struct community *list;
	size_t n;
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这个账号。");
	if (scope_communities(r, &list, &n) < 0)
		return HR_ERROR;
	const struct community *c = slug ? in_scope(list, n, 0, slug) : NULL;
	if (!c)
		return req_fail(r, HR_FORBIDDEN, "只能撤销您管辖范围内社区的干部角色。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	struct auth_user u;
	int missing = 0;
	int rc = auth_user_lock(r->db, r->a, id, &u, NULL);
	const char *why = rc == 0 ? staff_check(r, &u, &missing) : NULL;
	if (rc || missing || why) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		return rc || missing ? req_fail(r, HR_NOT_FOUND, "没有这个账号。")
		                     : req_fail(r, HR_FORBIDDEN, why);
	}
	rc = auth_grant_remove(r->db, id, c->id, ROLE_STAFF);
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		const char *back = arena_printf(r->a, "%s?done=unchanged", staff_base(r, id));
		return back ? req_redirect(r, back) : req_error(r, "out of request memory");
	}
	if (req_audit_commit(r, "accounts.staff_revoke", "user", id,
	                     arena_printf(r->a, "%s,%s", u.display_name, c->name)) < 0)
		return HR_ERROR;
	const char *back = arena_printf(r->a, "%s?done=revoked", staff_base(r, id));
	return back ? req_redirect(r, back) : req_error(r, "out of request memory");
}
