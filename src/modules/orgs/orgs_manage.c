/* The leader's page of an organization (/c/<slug>/orgs/<id>/manage), for
 * its active 负责人 and 副负责人 and for the community's staff: members
 * and applications (masked), approving and refusing applications,
 * removing a member, registering a person at the desk; and for staff
 * only, roles and a member's full name and mobile (audited with a reason).
 * Every POST locks the organization's row in its write transaction and
 * is audited. Another organization's leader, a member or a resident gets
 * 403; a visitor is sent to log in. */
#include <string.h>

#include "modules/orgs/orgs.h"
#include "modules/orgs/orgs_web.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* Loads the organization of the path and decides who may manage it:
 * 0 with *staff set, or the result to answer. */
static int access(struct req *r, struct orgs_org *o, int *staff)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	int64_t id = orgs_id_param(r->param[1]);
	int rc = id ? orgs_org_get(r->db, r->a, r->community->id, id, o) : ORGS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个社区组织。");
	*staff = req_has_role(r, ROLES_STAFF);
	if (*staff)
		return 0;
	int lead = orgs_is_leader(r->db, r->community->id, o->id, r->user->id);
	if (lead < 0)
		return HR_ERROR;
	return lead ? 0 : req_fail(r, HR_FORBIDDEN, "只有这个组织的负责人、副负责人和社区工作人员可以管理成员。");
}

static const char *manage_url(struct req *r, int64_t org, const char *rest)
{
	return url_c_id(r->a, r->community->slug, "/orgs/", org, rest ? rest : "/manage");
}

static enum http_result back(struct req *r, int64_t org, const char *done)
{
	return req_redirect(r, arena_printf(r->a, "%s?done=%s", manage_url(r, org, NULL), done));
}

static int load_page(struct req *r, struct orgs_manage_page *p, int all)
{
	int64_t offset, limit;
	int rc = orgs_page_window(r, all, &p->page, &offset, &limit);
	if (rc)
		return rc;
	const char *s = kv_get(&r->q, "state");
	p->state = !s ? OM_ACTIVE : !strcmp(s, "all") ? -1 : orgs_mstate_from(s);
	if (s && strcmp(s, "all") && p->state != OM_ACTIVE && p->state != OM_PENDING)
		return req_fail(r, HR_BAD_REQUEST, "没有这个名单。");
	if (orgs_members(r->db, r->a, r->community->id, p->o.id, p->state, offset, limit, &p->m, &p->n) < 0)
		return HR_ERROR;
	if (!all && p->n > ORGS_PER_PAGE) {
		p->n = ORGS_PER_PAGE;
		p->has_next = 1;
	}
	return 0;
}

enum http_result orgs_h_manage(struct req *r)
{
	struct orgs_manage_page p = {0};
	int rc = access(r, &p.o, &p.staff);
	if (rc || (rc = load_page(r, &p, 0)) != 0)
		return rc;
	const char *done = kv_get(&r->q, "done");
	static const char *const notices[][2] = {
	    {"approved", "已批准加入。"}, {"refused", "已不予通过,申请人在“我的组织”中会看到理由。"},
	    {"removed", "已移出,记录保留。"}, {"added", "已登记为成员。"}, {"role", "职务已修改。"}};
	for (size_t i = 0; done && i < sizeof notices / sizeof *notices; i++)
		if (!strcmp(done, notices[i][0]))
			p.notice = notices[i][1];
	orgs_view_manage(r, &p);
	return HR_OK;
}

enum http_result orgs_h_manage_export(struct req *r)
{
	struct orgs_manage_page p = {0};
	int rc = access(r, &p.o, &p.staff);
	if (rc || (rc = load_page(r, &p, 1)) != 0)
		return rc;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s成员", p.o.name), orgs_member_cols,
			       orgs_member_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	orgs_member_rows(&t, r, &p);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

/* The member of the path's second parameter: 0, or a 404 answered. */
static int member_of(struct req *r, const struct orgs_org *o, int full, struct orgs_member *m)
{
	int64_t id = orgs_id_param(r->param[2]);
	int rc = id ? orgs_member_get(r->db, r->a, r->community->id, o->id, id, full, m) : ORGS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这条成员记录。");
	return 0;
}

static enum http_result refused(struct req *r, int rc)
{
	db_rollback(r->db);
	if (rc < 0)
		return HR_ERROR;
	return req_fail(r, HR_INVALID,
			rc == ORGS_DISSOLVED ? "组织已解散,不能再批准加入。"
			: rc == ORGS_STATE   ? "这条记录已经处理过了,请刷新页面。"
					     : "没有这条成员记录。");
}

enum http_result orgs_h_approve(struct req *r)
{
	struct orgs_org o;
	struct orgs_member m;
	int staff, rc = access(r, &o, &staff);
	if (rc || (rc = member_of(r, &o, 0, &m)) != 0)
		return rc;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = orgs_decide(r->db, r->community->id, o.id, m.id, 1, NULL, r->user->id, r->now);
	if (rc)
		return refused(r, rc);
	if (req_audit_commit(r, "orgs.approve", "orgs_member", m.id, arena_printf(r->a, "%s:%s", o.name, m.name_masked)) <
	    0)
		return HR_ERROR;
	return back(r, o.id, "approved");
}

/* The reason page of a step on member m: GET shows it; a POST with a
 * reason returns 0 with *why set, else the page again (422). */
static int ask_reason(struct req *r, struct orgs_reason_page *p, const char **why)
{
	if (r->method != METHOD_POST) {
		orgs_view_reason(r, p);
		return HR_OK;
	}
	p->reason = kv_get(&r->form, "reason");
	if ((p->reason_err = orgs_reason_read(r->a, p->reason, why)) == NULL)
		return 0;
	orgs_view_reason(r, p);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, p->reason_err);
}

/* A step on a member that asks a reason first: refusing an application
 * or removing an active member. */
struct reason_step {
	const char *path, *title, *lead, *submit, *action, *done;
	int remove; /* 0: refuse an application (orgs_decide), 1: remove (orgs_end) */
};

static const struct reason_step refuse_step = {"refuse", "不予通过 %s 的申请", "申请人会在“我的组织”中看到理由,请写清楚。",
					       "不予通过", "orgs.refuse", "refused", 0};
static const struct reason_step remove_step = {"remove", "把 %s 移出组织", "移出后成员记录保留,可以重新申请加入。", "移出",
					       "orgs.remove", "removed", 1};

/* GET asks the reason of step k on the path's member; POST takes it. */
static enum http_result with_reason(struct req *r, const struct reason_step *k)
{
	struct orgs_org o;
	struct orgs_member m;
	int staff, rc = access(r, &o, &staff);
	if (rc || (rc = member_of(r, &o, 0, &m)) != 0)
		return rc;
	if (k->remove && !staff && m.role != OR_MEMBER)
		return req_fail(r, HR_FORBIDDEN, "负责人和副负责人由社区工作人员调整。");
	struct orgs_reason_page p = {
	    .title = arena_printf(r->a, k->title, m.name_masked),
	    .lead = k->lead,
	    .action = manage_url(r, o.id, arena_printf(r->a, "/manage/%lld/%s", (long long)m.id, k->path)),
	    .back = manage_url(r, o.id, NULL),
	    .submit = k->submit,
	};
	const char *why;
	if ((rc = ask_reason(r, &p, &why)) != 0 || r->method != METHOD_POST)
		return rc;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = k->remove ? orgs_end(r->db, r->community->id, o.id, m.id, 0, why, r->user->id, r->now)
		       : orgs_decide(r->db, r->community->id, o.id, m.id, 0, why, r->user->id, r->now);
	if (rc)
		return refused(r, rc);
	if (req_audit_commit(r, k->action, "orgs_member", m.id,
			     arena_printf(r->a, "%s:%s,理由:%s", o.name, m.name_masked, why)) < 0)
		return HR_ERROR;
	return back(r, o.id, k->done);
}

enum http_result orgs_h_refuse(struct req *r)
{
	return with_reason(r, &refuse_step);
}

enum http_result orgs_h_remove(struct req *r)
{
	return with_reason(r, &remove_step);
}

enum http_result orgs_h_role(struct req *r)
{
	struct orgs_org o;
	struct orgs_member m;
	int staff, rc = access(r, &o, &staff);
	if (rc || (rc = member_of(r, &o, 0, &m)) != 0)
		return rc;
	if (!staff)
		return req_fail(r, HR_FORBIDDEN, "负责人和副负责人由社区工作人员调整。");
	int role = orgs_role_from(kv_get(&r->form, "role"));
	if (role < 0)
		return req_fail(r, HR_BAD_REQUEST, "请选择职务。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = orgs_set_role(r->db, r->community->id, o.id, m.id, role, r->now);
	if (rc)
		return refused(r, rc);
	if (req_audit_commit(r, "orgs.role", "orgs_member", m.id,
			     arena_printf(r->a, "%s:%s 任%s", o.name, m.name_masked, orgs_role_label(role))) < 0)
		return HR_ERROR;
	return back(r, o.id, "role");
}

/* GET asks why; POST with a reason writes the audit row, then shows the
 * member's full name and mobile. Staff only. */
enum http_result orgs_h_mobile(struct req *r)
{
	struct orgs_org o;
	struct orgs_member m;
	int staff, rc = access(r, &o, &staff);
	if (rc || (rc = member_of(r, &o, 0, &m)) != 0)
		return rc;
	if (!staff)
		return req_fail(r, HR_FORBIDDEN, "完整的姓名和手机号只有社区工作人员可以查看。");
	r->cache_control = "no-store";
	struct orgs_reason_page p = {
	    .title = arena_printf(r->a, "查看 %s 的联系方式", m.name_masked),
	    .lead = "姓名和手机号属于个人信息,查看将连同理由记入审计日志。",
	    .action = manage_url(r, o.id, arena_printf(r->a, "/manage/%lld/mobile", (long long)m.id)),
	    .back = manage_url(r, o.id, NULL),
	    .submit = "查看完整信息",
	};
	const char *why;
	if ((rc = ask_reason(r, &p, &why)) != 0 || r->method != METHOD_POST)
		return rc;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (req_audit_commit(r, "orgs.view_contact", "orgs_member", m.id,
			     arena_printf(r->a, "%s:%s,理由:%s", o.name, m.name_masked, why)) < 0)
		return HR_ERROR;
	if (member_of(r, &o, 1, &m) != 0)
		return HR_ERROR;
	p.shown = m.name && m.mobile ? arena_printf(r->a, "%s:%s", m.name, *m.mobile ? m.mobile : "没有登记手机号")
				     : "信息无法解密,请联系系统管理员。";
	orgs_view_reason(r, &p);
	return HR_OK;
}

enum http_result orgs_h_desk(struct req *r)
{
	struct orgs_org o;
	int staff, rc = access(r, &o, &staff);
	if (rc)
		return rc;
	struct orgs_desk_form f = {0};
	if (!o.active)
		f.refusal = "组织已解散,不能再登记成员。";
	if (r->method != METHOD_POST) {
		f.vals[DF_ROLE] = "member";
		orgs_view_desk(r, &o, &f);
		return HR_OK;
	}
	struct orgs_member m;
	int bad = orgs_desk_read(r->a, &r->form, &f, &m);
	if (!bad && !staff && m.role != OR_MEMBER && ++bad)
		f.errs[DF_ROLE] = "负责人和副负责人由社区工作人员登记";
	if (bad || f.refusal) {
		orgs_view_desk(r, &o, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, f.refusal ? f.refusal : "请修改表单中标出的问题。");
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = orgs_desk_add(r->db, r->a, r->community->id, o.id, &m, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		f.refusal = "组织已解散,不能再登记成员。";
		orgs_view_desk(r, &o, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, f.refusal);
	}
	if (req_audit_commit(r, "orgs.desk_add", "orgs_member", m.id,
			     arena_printf(r->a, "%s:代登记 %s(%s)", o.name, m.name_masked ? m.name_masked : "",
					  orgs_role_label(m.role))) < 0)
		return HR_ERROR;
	return back(r, o.id, "added");
}
