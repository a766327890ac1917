/* Staff routes of 共驻共建, units and agreements: the lists with their
 * exports, a unit's form (its contact mobile sealed, shown masked, and in
 * full only after an audited request), and an agreement's form with its
 * parties while it is a draft. Every POST locks what it changes inside its
 * write transaction and is audited. */
#include <string.h>

#include "core/str.h"
#include "http/fields.h"
#include "modules/units/units_web.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* ---- lists ---- */

static int load_units(struct req *r, struct units_admin_page *p, int all)
{
	int64_t offset, limit;
	int rc = units_page_window(r, all, &p->page, &offset, &limit);
	if (rc)
		return rc;
	if (units_unit_list(r->db, r->a, r->community->id, 0, offset, limit, &p->units, &p->n) < 0)
		return HR_ERROR;
	if (!all && p->n > UNITS_PER_PAGE) {
		p->n = UNITS_PER_PAGE;
		p->has_next = 1;
	}
	return 0;
}

static const char *notice_of(struct req *r)
{
	const char *done = kv_get(&r->q, "done");
	if (!done)
		return NULL;
	return !strcmp(done, "added")	      ? "已新增。"
	       : !strcmp(done, "saved")	      ? "已保存。"
	       : !strcmp(done, "in_force")    ? "协议已生效,可以登记履行情况。"
	       : !strcmp(done, "ended")	      ? "协议已结束。"
	       : !strcmp(done, "terminated")  ? "协议已终止。"
	       : !strcmp(done, "fulfilled")   ? "已登记履行情况。"
	       : !strcmp(done, "reversed")    ? "已冲销。"
	       : !strcmp(done, "removed")     ? "已删除承诺事项。"
	       : !strcmp(done, "drafted")     ? "已生成公开栏草稿,请到党务居务公开栏目审核发布。"
					      : NULL;
}

enum http_result units_h_admin(struct req *r)
{
	struct units_admin_page p = {0};
	int rc = load_units(r, &p, 0);
	if (rc)
		return rc;
	p.notice = notice_of(r);
	units_view_admin_units(r, &p);
	return HR_OK;
}

enum http_result units_h_admin_export(struct req *r)
{
	struct units_admin_page p = {0};
	int rc = load_units(r, &p, 1);
	if (rc)
		return rc;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s驻区单位(工作人员)", r->community->name),
			       units_admin_cols, units_admin_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	units_admin_rows(&t, r, p.units, p.n);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

static int load_agreements(struct req *r, struct units_admin_page *p, int all)
{
	int64_t offset, limit;
	int rc = units_page_window(r, all, &p->page, &offset, &limit);
	if (rc)
		return rc;
	const char *s = kv_get(&r->q, "state");
	p->state = s ? units_state_from(s) : -1;
	if (s && p->state < 0)
		return req_fail(r, HR_BAD_REQUEST, "没有这种协议状态。");
	if (units_agreement_list(r->db, r->a, r->community->id, p->state, offset, limit, &p->ags, &p->nags) < 0)
		return HR_ERROR;
	if (!all && p->nags > UNITS_PER_PAGE) {
		p->nags = UNITS_PER_PAGE;
		p->has_next = 1;
	}
	return 0;
}

enum http_result units_h_agreements(struct req *r)
{
	struct units_admin_page p = {0};
	int rc = load_agreements(r, &p, 0);
	if (rc)
		return rc;
	p.notice = notice_of(r);
	units_view_admin_agreements(r, &p);
	return HR_OK;
}

enum http_result units_h_agreements_export(struct req *r)
{
	struct units_admin_page p = {0};
	int rc = load_agreements(r, &p, 1);
	if (rc)
		return rc;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s共建协议", r->community->name), units_ag_cols,
			       units_ag_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	units_ag_rows(&t, r, p.ags, p.nags);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

/* ---- a unit ---- */

static const struct field unit_fields[UF__MAX] = {
    [UF_NAME] = {"name", "单位名称", FIELD_TEXT, 1, 60},
    [UF_KIND] = {"kind", "单位类别", FIELD_TEXT, 1, 20},
    [UF_ADDRESS] = {"address", "地址", FIELD_TEXT, 0, 100},
    [UF_PARTY_ORG] = {"party_org", "党组织名称", FIELD_TEXT, 0, 60},
    [UF_PARTY_KIND] = {"party_kind", "党组织类别", FIELD_TEXT, 1, 20},
    [UF_MEMBERS] = {"party_members", "到社区报到的在职党员人数", FIELD_TEXT, 0, 12},
    [UF_CONTACT] = {"contact_name", "联系人", FIELD_TEXT, 0, 30},
    [UF_OFFICE] = {"office_phone", "办公电话", FIELD_PHONE, 0, 30},
    [UF_MOBILE] = {"mobile", "联系人手机", FIELD_TEXT, 0, 30},
    [UF_INTRO] = {"intro", "单位简介(公开)", FIELD_MULTILINE, 0, 1000},
    [UF_ACTIVE] = {"active", "在册", FIELD_TEXT, 0, 2},
};

/* Reads the posted unit form into f and *u. The number of fields in error. */
static int unit_from_form(struct req *r, struct units_unit_form *f, struct units_unit *u)
{
	int bad = fields_validate(r->a, &r->form, unit_fields, UF__MAX, f->vals, f->errs);
	memset(u, 0, sizeof *u);
	u->name = f->vals[UF_NAME];
	u->kind = units_kind_from(f->vals[UF_KIND]);
	if (u->kind < 0 && !f->errs[UF_KIND] && ++bad)
		f->errs[UF_KIND] = "请选择单位类别";
	u->party_kind = units_party_from(f->vals[UF_PARTY_KIND]);
	if (u->party_kind < 0 && !f->errs[UF_PARTY_KIND] && ++bad)
		f->errs[UF_PARTY_KIND] = "请选择党组织类别";
	u->address = f->vals[UF_ADDRESS];
	u->party_org = f->vals[UF_PARTY_ORG];
	if (u->party_kind >= 0 && u->party_kind != UP_NONE && !*u->party_org && !f->errs[UF_PARTY_ORG] && ++bad)
		f->errs[UF_PARTY_ORG] = "请填写党组织名称,或把党组织类别选为“未建立党组织”";
	if (!f->errs[UF_MEMBERS] && *f->vals[UF_MEMBERS]) {
		const char *e = units_parse_quantity(f->vals[UF_MEMBERS], &u->party_members);
		if (e && ++bad)
			f->errs[UF_MEMBERS] = e;
	}
	u->contact_name = f->vals[UF_CONTACT];
	u->office_phone = f->vals[UF_OFFICE];
	/* An empty mobile on the edit form keeps the kept one (it is never
	 * written into the form); "无" removes it. */
	const char *m = f->vals[UF_MOBILE];
	if (!f->errs[UF_MOBILE] && *m) {
		char digits[12];
		if (!strcmp(m, "无"))
			u->mobile = "";
		else if (str_mobile_normalize(m, digits) < 0 && ++bad)
			f->errs[UF_MOBILE] = "请填写 11 位手机号码,如 139 0714 1234";
		else
			u->mobile = arena_strdup(r->a, digits);
	} else if (!f->editing)
		u->mobile = "";
	u->intro = f->vals[UF_INTRO];
	u->active = f->editing ? !strcmp(f->vals[UF_ACTIVE], "1") : 1;
	static const int shown[] = {UF_NAME, UF_ADDRESS, UF_PARTY_ORG, UF_INTRO};
	return bad + units_refuse_personal(r->a, f->vals, f->errs, shown, sizeof shown / sizeof *shown);
}

/* Fills the edit form with every stored value of u (the mobile left empty:
 * empty keeps it), so that saving it unchanged changes nothing. */
static void unit_to_form(struct arena *a, struct units_unit_form *f, const struct units_unit *u)
{
	f->vals[UF_NAME] = u->name;
	f->vals[UF_KIND] = units_kind_name(u->kind);
	f->vals[UF_ADDRESS] = u->address;
	f->vals[UF_PARTY_ORG] = u->party_org;
	f->vals[UF_PARTY_KIND] = units_party_name(u->party_kind);
	f->vals[UF_MEMBERS] = arena_printf(a, "%lld", (long long)u->party_members);
	f->vals[UF_CONTACT] = u->contact_name;
	f->vals[UF_OFFICE] = u->office_phone;
	f->vals[UF_MOBILE] = "";
	f->vals[UF_INTRO] = u->intro;
	f->vals[UF_ACTIVE] = u->active ? "1" : "0";
}

static enum http_result unit_again(struct req *r, struct units_unit_form *f, const char *refusal)
{
	f->refusal = refusal;
	units_view_unit_form(r, f);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, refusal ? refusal : "请修改表单中标出的问题。");
}

static enum http_result to_admin(struct req *r, const char *path, int64_t id, const char *done)
{
	const char *to = id ? url_c_id(r->a, r->community->slug, path, id, NULL) : url_c(r->a, r->community->slug, path);
	return to ? req_redirect(r, arena_printf(r->a, "%s?done=%s", to, done)) : req_error(r, "out of request memory");
}

enum http_result units_h_unit_new(struct req *r)
{
	struct units_unit_form f = {0};
	if (r->method != METHOD_POST) {
		f.vals[UF_KIND] = "enterprise";
		f.vals[UF_PARTY_KIND] = "branch";
		f.vals[UF_ACTIVE] = "1";
		units_view_unit_form(r, &f);
		return HR_OK;
	}
	struct units_unit u;
	if (unit_from_form(r, &f, &u))
		return unit_again(r, &f, NULL);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = units_unit_add(r->db, r->a, r->community->id, &u, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc == UNITS_DUP) {
			f.errs[UF_NAME] = "已有同名的驻区单位";
			return unit_again(r, &f, NULL);
		}
		return HR_ERROR;
	}
	if (req_audit_commit(r, "units.unit_add", "units_unit", u.id, u.name) < 0)
		return HR_ERROR;
	return to_admin(r, "/admin/units/", 0, "added");
}

enum http_result units_h_unit_edit(struct req *r)
{
	int64_t id = units_id_param(r->param[1]);
	struct units_unit old;
	int rc = id ? units_unit_get(r->db, r->a, r->community->id, id, 0, &old) : UNITS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个驻区单位。");
	struct units_unit_form f = {.editing = &old};
	if (units_agreements_of_unit(r->db, r->a, r->community->id, id, 1, &f.ags, &f.nags) < 0 ||
	    units_commitments(r->db, r->a, r->community->id, 0, id, 500, &f.cs, &f.ncs) < 0)
		return HR_ERROR;
	if (r->method != METHOD_POST) {
		unit_to_form(r->a, &f, &old);
		units_view_unit_form(r, &f);
		return HR_OK;
	}
	struct units_unit u;
	if (unit_from_form(r, &f, &u))
		return unit_again(r, &f, NULL);
	u.id = id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = units_unit_update(r->db, r->a, r->community->id, &u, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc == UNITS_DUP) {
			f.errs[UF_NAME] = "已有同名的驻区单位";
			return unit_again(r, &f, NULL);
		}
		return rc == UNITS_NOT_FOUND ? req_fail(r, HR_NOT_FOUND, "没有这个驻区单位。") : HR_ERROR;
	}
	const char *detail = arena_printf(r->a, "%s%s", u.name, u.mobile ? ";联系人手机已修改" : "");
	if (req_audit_commit(r, "units.unit_edit", "units_unit", id, detail) < 0)
		return HR_ERROR;
	return to_admin(r, "/admin/units/", 0, "saved");
}

/* GET asks why; POST with a reason writes the audit row, then shows the
 * contact's full mobile. */
enum http_result units_h_unit_contact(struct req *r)
{
	int64_t id = units_id_param(r->param[1]);
	struct units_unit u;
	int rc = id ? units_unit_get(r->db, r->a, r->community->id, id, 0, &u) : UNITS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个驻区单位。");
	r->cache_control = "no-store";
	struct units_reason_page p = {
	    .title = arena_printf(r->a, "查看%s联系人手机", u.name),
	    .lead = "联系人手机属于个人信息,查看将连同理由记入审计日志。",
	    .action = url_c_id(r->a, r->community->slug, "/admin/units/", id, "/contact"),
	    .back = url_c_id(r->a, r->community->slug, "/admin/units/", id, NULL),
	    .submit = "查看完整手机号",
	};
	if (r->method != METHOD_POST) {
		units_view_reason(r, &p);
		return HR_OK;
	}
	const char *why = kv_get(&r->form, "reason");
	why = why ? str_normalize(r->a, why, strlen(why)) : "";
	if (!why || !*why || utf8_len(why, strlen(why)) > 200) {
		p.reason = kv_get(&r->form, "reason");
		p.reason_err = "请填写查看理由(200 字以内),例如“联系共建活动安排”";
		units_view_reason(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.reason_err);
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (req_audit_commit(r, "units.view_contact", "units_unit", id, arena_printf(r->a, "查看联系人手机,理由:%s", why)) <
	    0)
		return HR_ERROR;
	if (units_unit_get(r->db, r->a, r->community->id, id, 1, &u) < 0)
		return HR_ERROR;
	p.shown = u.mobile ? (*u.mobile ? arena_printf(r->a, "%s:%s", *u.contact_name ? u.contact_name : "联系人", u.mobile)
					: "没有登记联系人手机。")
			   : "手机号无法解密,请联系系统管理员。";
	units_view_reason(r, &p);
	return HR_OK;
}

/* ---- an agreement's header and parties ---- */

static const struct field ag_fields[AF_UNITS] = {
    [AF_TITLE] = {"title", "协议名称", FIELD_TEXT, 1, 80},
    [AF_SIGNED] = {"signed_on", "签订日期", FIELD_TEXT, 1, 20},
    [AF_STARTS] = {"starts_on", "开始日期", FIELD_TEXT, 1, 20},
    [AF_ENDS] = {"ends_on", "结束日期", FIELD_TEXT, 1, 20},
    [AF_SUMMARY] = {"summary", "协议摘要(公开)", FIELD_MULTILINE, 0, 2000},
};

/* Reads the posted agreement form: its fields and the ticked units. The
 * number of errors. */
static int ag_from_form(struct req *r, struct units_agreement_form *f, struct units_agreement *g)
{
	memset(g, 0, sizeof *g);
	int bad = fields_validate(r->a, &r->form, ag_fields, AF_UNITS, f->vals, f->errs);
	char days[3][11];
	const char *de[3];
	units_parse_term(r->a, f->vals[AF_SIGNED], f->vals[AF_STARTS], f->vals[AF_ENDS], days, de);
	for (int i = 0; i < 3; i++)
		if (!f->errs[AF_SIGNED + i] && de[i] && ++bad)
			f->errs[AF_SIGNED + i] = de[i];
	memcpy(g->signed_on, days[0], 11);
	memcpy(g->starts_on, days[1], 11);
	memcpy(g->ends_on, days[2], 11);
	g->title = f->vals[AF_TITLE];
	g->summary = f->vals[AF_SUMMARY];
	size_t n = kv_count(&r->form, "unit");
	f->chosen = arena_alloc(r->a, (n ? n : 1) * sizeof *f->chosen);
	if (!f->chosen)
		return bad + 1;
	for (size_t i = 0; i < r->form.n; i++)
		if (!strcmp(r->form.v[i].key, "unit")) {
			int64_t id = units_id_param(r->form.v[i].val);
			int seen = !id;
			for (size_t k = 0; k < f->nchosen && !seen; k++)
				seen = f->chosen[k] == id;
			if (!seen)
				f->chosen[f->nchosen++] = id;
		}
	if (!f->nchosen && ++bad)
		f->errs[AF_UNITS] = "请至少选择一个参与共建的驻区单位";
	g->unit_ids = f->chosen;
	g->nunits = f->nchosen;
	static const int shown[] = {AF_TITLE, AF_SUMMARY};
	return bad + units_refuse_personal(r->a, f->vals, f->errs, shown, sizeof shown / sizeof *shown);
}

static enum http_result ag_form_page(struct req *r, struct units_agreement_form *f, int refused, const char *refusal)
{
	struct units_unit *active;
	size_t nactive;
	if (units_unit_list(r->db, r->a, r->community->id, 1, 0, 500, &active, &nactive) < 0)
		return HR_ERROR;
	/* The parties of the agreement edited are offered even when no longer
	 * active: left out, saving the form unchanged would drop them. */
	size_t nparties = f->editing ? f->editing->nunits : 0;
	f->units = arena_alloc(r->a, (nactive + nparties + 1) * sizeof *f->units);
	if (!f->units)
		return HR_ERROR;
	memcpy(f->units, active, nactive * sizeof *active);
	f->nunits = nactive;
	for (size_t i = 0; i < nparties; i++) {
		int listed = 0;
		for (size_t k = 0; k < nactive && !listed; k++)
			listed = active[k].id == f->editing->unit_ids[i];
		if (!listed)
			f->units[f->nunits++] =
			    (struct units_unit){.id = f->editing->unit_ids[i], .name = f->editing->unit_names[i]};
	}
	f->refusal = refusal;
	units_view_agreement_form(r, f);
	if (!refused)
		return HR_OK;
	r->body_written = 1;
	return req_fail(r, HR_INVALID, refusal ? refusal : "请修改表单中标出的问题。");
}

enum http_result units_h_agreement_new(struct req *r)
{
	struct units_agreement_form f = {0};
	if (r->method != METHOD_POST)
		return ag_form_page(r, &f, 0, NULL);
	struct units_agreement g;
	if (ag_from_form(r, &f, &g))
		return ag_form_page(r, &f, 1, NULL);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = units_agreement_add(r->db, r->community->id, &g, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc == UNITS_NOT_FOUND) {
			f.errs[AF_UNITS] = "所选单位不存在或已被删除,请重新选择";
			return ag_form_page(r, &f, 1, NULL);
		}
		return HR_ERROR;
	}
	if (req_audit_commit(r, "units.agreement_add", "units_agreement", g.id, g.title) < 0)
		return HR_ERROR;
	return to_admin(r, "/admin/units/agreements/", g.id, "added");
}

int units_load_agreement(struct req *r, struct units_agreement_page *p)
{
	int64_t id = units_id_param(r->param[1]);
	int rc = id ? units_agreement_get(r->db, r->a, r->community->id, id, &p->g) : UNITS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这份共建协议。");
	int64_t offset, limit;
	if ((rc = units_page_window(r, 0, &p->page, &offset, &limit)) != 0)
		return rc;
	if (units_commitments(r->db, r->a, r->community->id, id, 0, 500, &p->cs, &p->ncs) < 0 ||
	    units_fulfilments(r->db, r->a, r->community->id, id, 0, offset, (size_t)limit, &p->fs, &p->nfs) < 0)
		return HR_ERROR;
	if (p->nfs > UNITS_PER_PAGE) {
		p->nfs = UNITS_PER_PAGE;
		p->has_next = 1;
	}
	p->staff = 1;
	return 0;
}

/* The agreement's staff page: parties, commitments, fulfilments, actions. */
enum http_result units_h_agreement_admin(struct req *r)
{
	struct units_agreement_page p = {0};
	int rc = units_load_agreement(r, &p);
	if (rc)
		return rc;
	p.notice = notice_of(r);
	units_view_admin_agreement(r, &p);
	return HR_OK;
}

/* A draft's title, term, summary and parties: GET the form, POST it. */
enum http_result units_h_agreement_edit(struct req *r)
{
	struct units_agreement_page p = {0};
	int rc = units_load_agreement(r, &p);
	if (rc)
		return rc;
	struct units_agreement_form f = {.editing = &p.g};
	if (p.g.state != US_DRAFT)
		return req_fail(r, HR_BAD_REQUEST, "协议已生效,不能再修改内容。");
	if (r->method != METHOD_POST) {
		f.vals[AF_TITLE] = p.g.title;
		f.vals[AF_SIGNED] = p.g.signed_on;
		f.vals[AF_STARTS] = p.g.starts_on;
		f.vals[AF_ENDS] = p.g.ends_on;
		f.vals[AF_SUMMARY] = p.g.summary;
		f.chosen = p.g.unit_ids;
		f.nchosen = p.g.nunits;
		return ag_form_page(r, &f, 0, NULL);
	}
	struct units_agreement g;
	if (ag_from_form(r, &f, &g))
		return ag_form_page(r, &f, 1, NULL);
	g.id = p.g.id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = units_agreement_update(r->db, r->community->id, &g, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc == UNITS_STATE)
			return ag_form_page(r, &f, 1, "协议已生效,或去掉的单位还有承诺事项(请先删除它的承诺事项)。");
		if (rc == UNITS_NOT_FOUND) {
			f.errs[AF_UNITS] = "所选单位不存在或已被删除,请重新选择";
			return ag_form_page(r, &f, 1, NULL);
		}
		return HR_ERROR;
	}
	if (req_audit_commit(r, "units.agreement_edit", "units_agreement", g.id, g.title) < 0)
		return HR_ERROR;
	return to_admin(r, "/admin/units/agreements/", g.id, "saved");
}
