/* Public routes of 社区组织: the list of active organizations by kind with
 * its export, one organization's page (leaders by masked name, member
 * count, how to join), and for a logged-in resident the application form
 * (申请加入), 我的组织 and leaving (退出). No full name or mobile is read
 * here: lists and pages read the masked columns only. */
#include <string.h>

#include "core/date.h"
#include "core/str.h"
#include "modules/orgs/orgs.h"
#include "modules/orgs/orgs_web.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

#define RESIDENTS_ONLY "只有本社区的居民可以在网上申请加入;可到社区服务站请工作人员登记。"

int64_t orgs_id_param(const char *s)
{
	int64_t id;
	if (!s || *s < '1' || *s > '9' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

int orgs_page_window(struct req *r, int all, int64_t *page, int64_t *offset, int64_t *limit)
{
	*page = page_param(r);
	if (*page < 0 || page_offset(*page, ORGS_PER_PAGE, offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不正确。");
	if (all) {
		*offset = 0;
		*page = 1;
	}
	*limit = all ? ORGS_EXPORT_MAX : ORGS_PER_PAGE + 1;
	return 0;
}

const char *orgs_today(struct req *r)
{
	char *d = arena_alloc(r->a, 11);
	if (d)
		date_format(date_from_time(r->now), d);
	return d ? d : "";
}

/* 1 if the logged-in visitor may apply online: someone with a role in
 * this community (a resident, its grid worker or staff). */
static int may_apply(struct req *r)
{
	return r->user && r->roles != 0;
}

/* ---- the list ---- */

static int load_list(struct req *r, struct orgs_list_page *p, int all)
{
	int64_t offset, limit;
	int rc = orgs_page_window(r, all, &p->page, &offset, &limit);
	if (rc)
		return rc;
	const char *k = kv_get(&r->q, "kind");
	p->kind = k ? orgs_kind_from(k) : -1;
	if (k && p->kind < 0)
		return req_fail(r, HR_BAD_REQUEST, "没有这种组织类别。");
	if (orgs_org_list(r->db, r->a, r->community->id, 1, p->kind, offset, limit, &p->orgs, &p->n) < 0)
		return HR_ERROR;
	if (!all && p->n > ORGS_PER_PAGE) {
		p->n = ORGS_PER_PAGE;
		p->has_next = 1;
	}
	return 0;
}

enum http_result orgs_h_list(struct req *r)
{
	struct orgs_list_page p = {0};
	int rc = load_list(r, &p, 0);
	if (rc)
		return rc;
	orgs_view_list(r, &p);
	return HR_OK;
}

enum http_result orgs_h_list_export(struct req *r)
{
	struct orgs_list_page p = {0};
	int rc = load_list(r, &p, 1);
	if (rc)
		return rc;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s社区组织", r->community->name), orgs_list_cols,
			       orgs_list_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	orgs_list_rows(&t, r, p.orgs, p.n);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

/* ---- one organization ---- */

/* Loads the organization of the path's first parameter: 0, or the result
 * to answer (404 when none in the community, or dissolved and !dissolved_too). */
static int load_org(struct req *r, struct orgs_org *o, int dissolved_too)
{
	int64_t id = orgs_id_param(r->param[1]);
	int rc = id ? orgs_org_get(r->db, r->a, r->community->id, id, o) : ORGS_NOT_FOUND;
	if (rc == 0 && !o->active && !dissolved_too)
		rc = ORGS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个社区组织。");
	return 0;
}

enum http_result orgs_h_org(struct req *r)
{
	struct orgs_org_page p = {0};
	int rc = load_org(r, &p.o, 1);
	if (rc)
		return rc;
	if (orgs_leaders(r->db, r->a, r->community->id, p.o.id, &p.leaders, &p.nleaders) < 0)
		return HR_ERROR;
	if (r->user) {
		struct orgs_member *m = arena_zalloc(r->a, sizeof *m);
		if (!m)
			return HR_ERROR;
		rc = orgs_open_membership(r->db, r->a, r->community->id, p.o.id, r->user->id, m);
		if (rc < 0)
			return HR_ERROR;
		p.mine = rc == 0 ? m : NULL;
		int lead = orgs_is_leader(r->db, r->community->id, p.o.id, r->user->id);
		if (lead < 0)
			return HR_ERROR;
		p.may_manage = lead || req_has_role(r, ROLES_STAFF);
	}
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "applied"))
		p.notice = "申请已提交,等待组织负责人或社区工作人员审核;结果可在“我的组织”中查看。";
	orgs_view_org(r, &p);
	return HR_OK;
}

/* ---- applying ---- */

static const char *refusal_text(int rc)
{
	switch (rc) {
	case ORGS_DUP:
		return "你已经是这个组织的成员,或已有一份申请在等待审核。";
	case ORGS_DISSOLVED:
		return "这个组织已经解散,不再接受申请。";
	case ORGS_NOT_FOUND:
		return "没有这个社区组织。";
	default:
		return "这一步现在不能进行,请刷新后再试。";
	}
}

enum http_result orgs_h_join(struct req *r)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	struct orgs_org o;
	int rc = load_org(r, &o, 1);
	if (rc)
		return rc;
	struct orgs_join_page p = {.o = &o};
	if (!may_apply(r))
		p.refusal = RESIDENTS_ONLY;
	else if (!o.active)
		p.refusal = refusal_text(ORGS_DISSOLVED);
	if (r->method != METHOD_POST || p.refusal) {
		orgs_view_join(r, &p);
		if (r->method != METHOD_POST)
			return HR_OK;
		r->body_written = 1;
		return req_fail(r, may_apply(r) ? HR_INVALID : HR_FORBIDDEN, p.refusal);
	}
	const char *note;
	p.note = kv_get(&r->form, "note");
	if ((p.note_err = orgs_note_read(r->a, p.note, &note)) != NULL) {
		orgs_view_join(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.note_err);
	}
	struct orgs_member m = {.user_id = r->user->id,
				.name = r->user->display_name && *r->user->display_name ? r->user->display_name
											 : r->user->username,
				.mobile = r->user->phone ? r->user->phone : "",
				.note = note};
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = orgs_apply(r->db, r->a, r->community->id, o.id, &m, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		p.refusal = refusal_text(rc);
		orgs_view_join(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.refusal);
	}
	if (req_audit_commit(r, "orgs.apply", "orgs_member", m.id, o.name) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "%s?done=applied",
					    url_c_id(r->a, r->community->slug, "/volunteers/orgs/", o.id, NULL)));
}

/* ---- 我的组织 ---- */

static int load_mine(struct req *r, struct orgs_mine_page *p, int all)
{
	int64_t offset, limit;
	int rc = orgs_page_window(r, all, &p->page, &offset, &limit);
	if (rc)
		return rc;
	if (orgs_mine(r->db, r->a, r->community->id, r->user->id, offset, limit, &p->m, &p->n) < 0)
		return HR_ERROR;
	if (!all && p->n > ORGS_PER_PAGE) {
		p->n = ORGS_PER_PAGE;
		p->has_next = 1;
	}
	return 0;
}

enum http_result orgs_h_mine(struct req *r)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	struct orgs_mine_page p = {0};
	int rc = load_mine(r, &p, 0);
	if (rc)
		return rc;
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "left"))
		p.notice = "已退出。";
	else if (done && !strcmp(done, "withdrawn"))
		p.notice = "已撤回申请。";
	orgs_view_mine(r, &p);
	return HR_OK;
}

enum http_result orgs_h_mine_export(struct req *r)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	struct orgs_mine_page p = {0};
	int rc = load_mine(r, &p, 1);
	if (rc)
		return rc;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, "我的组织", orgs_mine_cols, orgs_mine_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	orgs_mine_rows(&t, r, p.m, p.n);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

/* POST .../orgs/{id}/leave with member=ID: the account's own membership
 * ends (退出) or its application is withdrawn. */
enum http_result orgs_h_leave(struct req *r)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	int64_t org = orgs_id_param(r->param[1]), member = orgs_id_param(kv_get(&r->form, "member"));
	if (!org || !member)
		return req_fail(r, HR_NOT_FOUND, "没有这条记录。");
	struct orgs_member m;
	int rc = orgs_member_get(r->db, r->a, r->community->id, org, member, 0, &m);
	if (rc == 0 && m.user_id != r->user->id)
		rc = ORGS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这条记录。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = orgs_end(r->db, r->community->id, org, member, r->user->id, "", r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_INVALID, "这条记录已经结束,请刷新“我的组织”。");
	}
	const char *name;
	if (orgs_name(r->db, r->a, r->community->id, org, &name) != 0)
		name = "";
	int pending = m.state == OM_PENDING;
	if (req_audit_commit(r, pending ? "orgs.withdraw" : "orgs.leave", "orgs_member", member, name) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "%s?done=%s", url_c(r->a, r->community->slug, "/volunteers/orgs/mine"),
					    pending ? "withdrawn" : "left"));
}
