/* A resident's page (/c/<slug>/admin/people/<id>) and its actions: the
 * audited full view (a reason, then the opened fields once, no-store), the
 * edit form (reaching it opens the fields, so it asks a reason first and is
 * audited the same way) and the status change (moved out, deceased, back
 * on the register) with the retention period it starts. */
#include <string.h>

#include "core/date.h"
#include "modules/people/people_web.h"
#include "web/link.h"

static enum http_result not_found(struct req *r)
{
	return req_fail(r, HR_NOT_FOUND, "没有这位居民。");
}

/* Fills the page's household members and who viewed the full data. */
static int page_extras(struct req *r, struct people_person_page *p)
{
	if (p->p.household_id && people_household_members(r->db, r->a, r->community->id, p->p.household_id,
	                                                  &p->members, &p->nmembers) < 0)
		return -1;
	return people_views(r->db, r->a, r->community->id, p->p.id, PEOPLE_VIEWS_SHOWN, &p->views,
	                    &p->nviews);
}

static enum http_result show(struct req *r, struct people_person_page *p, int64_t id)
{
	int rc = id ? people_person_get(r->db, r->a, r->community->id, id, &p->p) : 1;
	if (rc)
		return rc < 0 ? req_error(r, "cannot read a resident") : not_found(r);
	if (page_extras(r, p) < 0)
		return req_error(r, "cannot read a resident's household or viewers");
	pview_person(r, p);
	return HR_OK;
}

enum http_result people_h_person(struct req *r)
{
	struct people_person_page p = {0};
	const char *done = kv_get(&r->q, "done");
	if (done)
		p.notice = !strcmp(done, "created")     ? "已登记。"
		           : !strcmp(done, "updated")   ? "已保存修改。"
		           : !strcmp(done, "status")    ? "状态已变更。"
		           : !strcmp(done, "unchanged") ? "没有变化:居民原本就是这个状态。"
		                                        : NULL;
	return show(r, &p, people_id_param(r->param[1]));
}

/* Opens the resident's sealed fields, records the view (people_view and
 * the audit row, one transaction) and leaves them in *full. 0, 1 none, -1. */
static int open_audited(struct req *r, int64_t id, const char *why, const char *what, struct people_person *p,
                        struct people_full *full)
{
	if (db_begin(r->db) < 0)
		return -1;
	int rc = people_person_get(r->db, r->a, r->community->id, id, p);
	if (rc == 0)
		rc = people_person_open(r->db, r->a, r->community->id, id, full);
	if (rc == 0 &&
	    people_view_add(r->db, r->community->id, id, r->user->id, r->user->display_name, why, r->now) < 0)
		rc = -1;
	if (rc) {
		db_rollback(r->db);
		return rc;
	}
	return req_audit_commit(r, "people.view_full", "people_person", id,
	                        arena_printf(r->a, "%s %s,理由:%s", what, p->name_masked, why)) < 0
	           ? -1
	           : 0;
}

/* The reason form again, with its error: HR_INVALID. */
static enum http_result ask_again(struct req *r, int64_t id, enum people_ask ask, const char *error)
{
	struct people_person_page p = {
	    .ask = ask, .reason = kv_get(&r->form, "reason"), .reason_error = error};
	enum http_result hr = show(r, &p, id);
	if (hr != HR_OK)
		return hr;
	r->body_written = 1;
	return req_fail(r, HR_INVALID, error);
}

enum http_result people_h_full(struct req *r)
{
	int64_t id = people_id_param(r->param[1]);
	struct people_person_page p = {.ask = PEOPLE_ASK_FULL};
	r->cache_control = "no-store";
	if (r->method != METHOD_POST)
		return show(r, &p, id);
	const char *error, *why = people_reason(r, &error);
	if (!why)
		return ask_again(r, id, PEOPLE_ASK_FULL, error);
	struct people_full full;
	int rc = id ? open_audited(r, id, why, "查看", &p.p, &full) : 1;
	if (rc)
		return rc < 0 ? req_error(r, "cannot open a resident's sealed fields") : not_found(r);
	p.ask = PEOPLE_ASK_NONE;
	p.full = &full;
	p.notice = "以下为完整信息,仅本次显示;查看已记入审计日志,居民本人可以看到。";
	if (page_extras(r, &p) < 0)
		return req_error(r, "cannot read a resident's household or viewers");
	pview_person(r, &p);
	return HR_OK;
}

/* The form prefilled with a resident's fields, opened. */
static void form_of(struct people_form *f, const struct people_person *p, const struct people_full *full)
{
	const char *v[PC__MAX] = {p->name,     p->gender, full->id_number, full->birth,  full->phone,
	                          p->building, p->unit,   p->room,         p->household, p->relation,
	                          NULL,        p->grid,   full->note};
	memcpy(f->v, v, sizeof v);
	f->v[PC_GENDER] = !strcmp(p->gender, "m") ? "男" : !strcmp(p->gender, "f") ? "女" : "";
}

enum http_result people_h_edit(struct req *r)
{
	int64_t id = people_id_param(r->param[1]);
	r->cache_control = "no-store";
	if (r->method != METHOD_POST) {
		struct people_person_page p = {.ask = PEOPLE_ASK_EDIT};
		return show(r, &p, id);
	}
	struct people_form f = {.person_id = id};
	if (!kv_get(&r->form, "save")) { /* the reason: opens the fields into the form */
		const char *error, *why = people_reason(r, &error);
		if (!why)
			return ask_again(r, id, PEOPLE_ASK_EDIT, error);
		struct people_person p;
		struct people_full full;
		int rc = id ? open_audited(r, id, why, "修改", &p, &full) : 1;
		if (rc)
			return rc < 0 ? req_error(r, "cannot open a resident's sealed fields") : not_found(r);
		form_of(&f, &p, &full);
		f.v[PC_TAGS] = *p.tags && *full.tags ? arena_printf(r->a, "%s、%s", p.tags, full.tags)
		               : *p.tags             ? p.tags
		                                     : full.tags;
		f.reason = why;
		pview_form(r, &f);
		return HR_OK;
	}
	for (int i = 0; i < PC__MAX; i++) {
		const char *v = kv_get(&r->form, people_field_names[i]);
		f.v[i] = v ? v : "";
	}
	f.reason = kv_get(&r->form, "reason");
	struct people_record rec;
	if (people_form_check(r, &f, &rec))
		return people_form_again(r, &f);
	if (!id)
		return not_found(r);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	const char *taken = *rec.id_number ? people_id_taken(r, rec.id_number, id) : NULL;
	int rc =
	    taken ? DB_CONSTRAINT : people_person_update(r->db, r->a, r->community->id, id, &rec, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc == 1)
			return not_found(r);
		if (rc != DB_CONSTRAINT)
			return req_error(r, "cannot update a resident");
		f.e[PC_ID] = taken ? taken : "这个身份证号已登记为另一位居民";
		return people_form_again(r, &f);
	}
	if (req_audit_commit(r, "people.update", "people_person", id,
	                     arena_printf(r->a, "修改居民 %s 的信息", pii_mask_name(r->a, rec.name))) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/people/", id, "?done=updated"));
}

enum http_result people_h_status(struct req *r)
{
	int64_t id = people_id_param(r->param[1]);
	struct people_status_page s = {0};
	int rc = id ? people_person_get(r->db, r->a, r->community->id, id, &s.p) : 1;
	if (rc)
		return rc < 0 ? req_error(r, "cannot read a resident") : not_found(r);
	if (people_retention_days(r->db, r->community->id, &s.retention_days) < 0)
		return req_error(r, "cannot read the retention period");
	if (r->method != METHOD_POST) {
		s.status = people_status_name(s.p.status == PEOPLE_LIVING ? PEOPLE_MOVED_OUT : PEOPLE_LIVING);
		pview_status(r, &s);
		return HR_OK;
	}
	s.status = kv_get(&r->form, "status");
	s.on = kv_get(&r->form, "on");
	int st = s.status ? people_status_from(s.status) : -1;
	struct ymd d;
	char on[11] = "";
	if (st < 0)
		s.status_error = "请选择新的状态";
	if (st > 0) {
		if (!s.on || !*s.on)
			s.on_error = "请填写日期,如 2026-11-01";
		else if (date_parse(s.on, &d) < 0)
			s.on_error = "日期应写成 2026-11-01 这样";
		else if (date_to_time(d) > r->now)
			s.on_error = "日期不能晚于今天";
		else
			date_format(d, on);
	}
	if (s.status_error || s.on_error) {
		pview_status(r, &s);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = people_person_set_status(r->db, r->community->id, id, (enum people_status)st, on, r->now);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? req_error(r, "cannot change a resident's status")
		              : req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/people/", id,
		                                         "?done=unchanged"));
	}
	if (req_audit_commit(r, "people.set_status", "people_person", id,
	                     arena_printf(r->a, "%s:%s%s%s", s.p.name_masked,
	                                  people_status_label((enum people_status)st), *on ? ",日期 " : "",
	                                  on)) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/people/", id, "?done=status"));
}
