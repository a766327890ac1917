/* Staff routes of 社区组织: every organization of the community (paged,
 * CSV/XLSX), the new and edit forms (errors by field, what was typed
 * kept) and dissolving with a reason and a day. Every POST locks the
 * organization's row inside its write transaction and is audited. */
#include <string.h>

#include "modules/orgs/orgs_web.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

static int load_all(struct req *r, struct orgs_list_page *p, int all)
{
	int64_t offset, limit;
	int rc = orgs_page_window(r, all, &p->page, &offset, &limit);
	if (rc)
		return rc;
	p->kind = -1;
	if (orgs_org_list(r->db, r->a, r->community->id, 0, -1, offset, limit, &p->orgs, &p->n) < 0)
		return HR_ERROR;
	if (!all && p->n > ORGS_PER_PAGE) {
		p->n = ORGS_PER_PAGE;
		p->has_next = 1;
	}
	return 0;
}

enum http_result orgs_h_admin(struct req *r)
{
	struct orgs_list_page p = {0};
	int rc = load_all(r, &p, 0);
	if (rc)
		return rc;
	const char *done = kv_get(&r->q, "done");
	static const char *const notices[][2] = {
	    {"added", "已新增。请在“成员管理”中登记负责人和成员。"}, {"saved", "已保存。"}, {"dissolved", "组织已解散。"}};
	for (size_t i = 0; done && i < sizeof notices / sizeof *notices; i++)
		if (!strcmp(done, notices[i][0]))
			p.notice = notices[i][1];
	orgs_view_admin(r, &p);
	return HR_OK;
}

enum http_result orgs_h_admin_export(struct req *r)
{
	struct orgs_list_page p = {0};
	int rc = load_all(r, &p, 1);
	if (rc)
		return rc;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s社区组织(工作人员)", r->community->name),
			       orgs_admin_cols, orgs_admin_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	orgs_admin_rows(&t, r, p.orgs, p.n);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

static enum http_result form_again(struct req *r, struct orgs_org_form *f, const char *refusal)
{
	f->refusal = refusal;
	orgs_view_org_form(r, f);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, refusal ? refusal : "请修改表单中标出的问题。");
}

static enum http_result to_admin(struct req *r, const char *done)
{
	return req_redirect(r, arena_printf(r->a, "%s?done=%s", url_c(r->a, r->community->slug, "/admin/orgs/"), done));
}

enum http_result orgs_h_new(struct req *r)
{
	struct orgs_org_form f = {0};
	if (r->method != METHOD_POST) {
		orgs_view_org_form(r, &f);
		return HR_OK;
	}
	struct orgs_org o;
	if (orgs_org_read(r->a, &r->form, orgs_today(r), &f, &o))
		return form_again(r, &f, NULL);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = orgs_org_add(r->db, r->community->id, &o, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc == ORGS_DUP) {
			f.errs[OF_NAME] = "本社区已有同名的组织";
			return form_again(r, &f, NULL);
		}
		return HR_ERROR;
	}
	if (req_audit_commit(r, "orgs.add", "orgs_org", o.id, o.name) < 0)
		return HR_ERROR;
	return to_admin(r, "added");
}

static void org_to_form(struct orgs_org_form *f, const struct orgs_org *o)
{
	f->vals[OF_NAME] = o->name;
	f->vals[OF_KIND] = orgs_kind_name(o->kind);
	f->vals[OF_GROUP] = orgs_group_name(o->group);
	f->vals[OF_PURPOSE] = o->purpose;
	f->vals[OF_FOUNDED] = o->founded_on;
	f->vals[OF_MEETS] = o->meets;
	f->vals[OF_JOIN] = o->how_to_join;
}

static int load(struct req *r, struct orgs_org *o)
{
	int64_t id = orgs_id_param(r->param[1]);
	int rc = id ? orgs_org_get(r->db, r->a, r->community->id, id, o) : ORGS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个社区组织。");
	return 0;
}

enum http_result orgs_h_edit(struct req *r)
{
	struct orgs_org old;
	int rc = load(r, &old);
	if (rc)
		return rc;
	struct orgs_org_form f = {.editing = &old};
	if (r->method != METHOD_POST) {
		org_to_form(&f, &old);
		orgs_view_org_form(r, &f);
		return HR_OK;
	}
	struct orgs_org o;
	if (orgs_org_read(r->a, &r->form, orgs_today(r), &f, &o))
		return form_again(r, &f, NULL);
	o.id = old.id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = orgs_org_update(r->db, r->community->id, &o, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc == ORGS_DUP) {
			f.errs[OF_NAME] = "本社区已有同名的组织";
			return form_again(r, &f, NULL);
		}
		return rc == ORGS_NOT_FOUND ? req_fail(r, HR_NOT_FOUND, "没有这个社区组织。") : HR_ERROR;
	}
	if (req_audit_commit(r, "orgs.edit", "orgs_org", o.id, o.name) < 0)
		return HR_ERROR;
	return to_admin(r, "saved");
}

enum http_result orgs_h_dissolve(struct req *r)
{
	struct orgs_org o;
	int rc = load(r, &o);
	if (rc)
		return rc;
	struct orgs_reason_page p = {
	    .title = arena_printf(r->a, "解散%s", o.name),
	    .lead = "解散后组织页面标为“已解散”,不再接受入会申请,待审核的申请将自动不予通过;成员记录保留。",
	    .action = url_c_id(r->a, r->community->slug, "/admin/orgs/", o.id, "/dissolve"),
	    .back = url_c_id(r->a, r->community->slug, "/admin/orgs/", o.id, NULL),
	    .submit = "确认解散",
	    .with_date = 1,
	    .on = orgs_today(r),
	};
	if (!o.active)
		p.refusal = "这个组织已经解散。";
	if (r->method != METHOD_POST) {
		orgs_view_reason(r, &p);
		return HR_OK;
	}
	const char *why;
	char on[11];
	p.reason = kv_get(&r->form, "reason");
	p.on = kv_get(&r->form, "on");
	p.reason_err = orgs_reason_read(r->a, p.reason, &why);
	p.on_err = orgs_day_read(r->a, p.on, "解散日期", 1, orgs_today(r), on);
	if (p.reason_err || p.on_err || p.refusal) {
		orgs_view_reason(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.refusal ? p.refusal : "请修改表单中标出的问题。");
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = orgs_org_dissolve(r->db, r->community->id, o.id, on, why, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		p.refusal = "这个组织已经解散。";
		orgs_view_reason(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.refusal);
	}
	if (req_audit_commit(r, "orgs.dissolve", "orgs_org", o.id, arena_printf(r->a, "%s:%s", o.name, why)) < 0)
		return HR_ERROR;
	return to_admin(r, "dissolved");
}
