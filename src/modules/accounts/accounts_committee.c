/* Routes of a community's two committees (两委, /c/<slug>/admin/committee/):
 * adding, editing, removing and reordering the members the community's
 * public page lists (committee_member, src/org). Audited; each POST locks the
 * community's member rows before it reads them. */
#include <string.h>

#include "core/date.h"
#include "http/fields.h"
#include "modules/accounts/accounts_web.h"
#include "web/link.h"

static enum http_result back(struct req *r, const char *done)
{
	const char *to = url_c(r->a, r->community->slug, "/admin/committee/?done=");
	const char *url = to ? arena_printf(r->a, "%s%s", to, done) : NULL;
	return url ? req_redirect(r, url) : req_error(r, "out of request memory");
}

enum http_result accounts_h_committee(struct req *r)
{
	struct accounts_committee_page p = {0};
	if (org_committee_list(r->db, r->a, r->community->id, &p.m, &p.n) < 0)
		return HR_ERROR;
	const char *done = kv_get(&r->q, "done");
	if (done)
		p.notice = !strcmp(done, "added")     ? "已新增,公开页面即时更新。"
		           : !strcmp(done, "saved")   ? "已保存,公开页面即时更新。"
		           : !strcmp(done, "deleted") ? "已删除。"
		           : !strcmp(done, "moved")   ? "顺序已调整。"
		                                      : NULL;
	aview_committee(r, &p);
	return HR_OK;
}

static const struct field member_fields[CF__MAX] = {
    [CF_COMMITTEE] = {"committee", "所属组织", FIELD_TEXT, 1, 20},
    [CF_NAME] = {"name", "姓名", FIELD_TEXT, 1, 30},
    [CF_TITLE] = {"title", "职务", FIELD_TEXT, 1, 30},
    [CF_DUTY] = {"duty", "职责分工", FIELD_MULTILINE, 0, 300},
    [CF_TERM_START] = {"term_start", "任期开始", FIELD_TEXT, 0, 10},
    [CF_TERM_END] = {"term_end", "任期结束", FIELD_TEXT, 0, 10},
};

/* Validates the member form into m. The number of fields in error. */
static int member_from_form(struct req *r, struct accounts_member_form *f, struct committee_member *m)
{
	int bad = fields_validate(r->a, &r->form, member_fields, CF__MAX, f->vals, f->errs);
	const char *const *v = f->vals;
	struct ymd d;
	if (!f->errs[CF_COMMITTEE] && strcmp(v[CF_COMMITTEE], "party") &&
	    strcmp(v[CF_COMMITTEE], "residents")) {
		f->errs[CF_COMMITTEE] = "请选择党组织或居委会";
		bad++;
	}
	for (int k = CF_TERM_START; k <= CF_TERM_END; k++)
		if (!f->errs[k] && *v[k] && date_parse(v[k], &d) < 0) {
			f->errs[k] = arena_printf(r->a, "%s应为日期,如 2026-03-01", member_fields[k].label);
			bad++;
		}
	if (!f->errs[CF_TERM_START] && !f->errs[CF_TERM_END] && *v[CF_TERM_START] && *v[CF_TERM_END] &&
	    strcmp(v[CF_TERM_END], v[CF_TERM_START]) <= 0) {
		f->errs[CF_TERM_END] = "任期结束应晚于任期开始";
		bad++;
	}
	*m = (struct committee_member){.committee = strcmp(v[CF_COMMITTEE], "party") ? COMMITTEE_RESIDENTS
	                                                                             : COMMITTEE_PARTY,
	                               .name = v[CF_NAME],
	                               .title = v[CF_TITLE],
	                               .duty = v[CF_DUTY],
	                               .term_start = v[CF_TERM_START],
	                               .term_end = v[CF_TERM_END]};
	return bad;
}

static enum http_result member_again(struct req *r, struct accounts_member_form *f)
{
	aview_member(r, f);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
}

static const char *member_detail(struct req *r, const struct committee_member *m)
{
	return arena_printf(r->a, "%s %s %s", committee_label(m->committee), m->title, m->name);
}

enum http_result accounts_h_member_new(struct req *r)
{
	struct accounts_member_form f = {0};
	if (r->method != METHOD_POST) {
		f.vals[CF_COMMITTEE] = kv_get(&r->q, "committee");
		aview_member(r, &f);
		return HR_OK;
	}
	struct committee_member m;
	if (member_from_form(r, &f, &m))
		return member_again(r, &f);
	struct committee_member *all;
	size_t n;
	int64_t id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	/* Last in its committee: after the highest order, read under the lock. */
	int rc = org_committee_lock(r->db, r->community->id);
	if (rc == 0)
		rc = org_committee_list(r->db, r->a, r->community->id, &all, &n);
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (all[i].committee == m.committee && all[i].sort_order >= m.sort_order)
			m.sort_order = all[i].sort_order + 1;
	if (rc == 0)
		rc = org_committee_create(r->db, r->community->id, &m, &id);
	if (rc != 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (req_audit_commit(r, "accounts.committee_add", "committee_member", id, member_detail(r, &m)) < 0)
		return HR_ERROR;
	return back(r, "added");
}

/* Starts the write transaction, locks the community's members and reads
 * member id again: 0, or 1 (gone) / -1 with the transaction rolled back. */
static int lock_member(struct req *r, int64_t id, struct committee_member *m)
{
	if (db_begin(r->db) < 0)
		return -1;
	int rc = org_committee_lock(r->db, r->community->id);
	if (rc == 0)
		rc = org_committee_get(r->db, r->a, r->community->id, id, m);
	if (rc != 0)
		db_rollback(r->db);
	return rc;
}

/* The member of the path's id, for a page: 0, or the result to answer. */
static enum http_result member_of_path(struct req *r, int64_t *id, struct committee_member *m)
{
	*id = accounts_id_param(r->param[1]);
	int rc = *id ? org_committee_get(r->db, r->a, r->community->id, *id, m) : 1;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这位成员,可能已被删除。");
	return HR_OK;
}

enum http_result accounts_h_member_edit(struct req *r)
{
	int64_t id;
	struct committee_member old;
	enum http_result hr = member_of_path(r, &id, &old);
	if (hr != HR_OK)
		return hr;
	struct accounts_member_form f = {.editing = &old};
	if (r->method != METHOD_POST) {
		f.vals[CF_COMMITTEE] = old.committee == COMMITTEE_PARTY ? "party" : "residents";
		f.vals[CF_NAME] = old.name;
		f.vals[CF_TITLE] = old.title;
		f.vals[CF_DUTY] = old.duty;
		f.vals[CF_TERM_START] = old.term_start;
		f.vals[CF_TERM_END] = old.term_end;
		aview_member(r, &f);
		return HR_OK;
	}
	struct committee_member m;
	if (member_from_form(r, &f, &m))
		return member_again(r, &f);
	m.id = id;
	int rc = lock_member(r, id, &old);
	if (rc == 0 && (rc = org_committee_update(r->db, r->community->id, &m)) != 0)
		db_rollback(r->db);
	if (rc != 0)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这位成员,可能刚被删除。");
	const char *detail = arena_printf(r->a, "%s → %s", member_detail(r, &old), member_detail(r, &m));
	if (req_audit_commit(r, "accounts.committee_edit", "committee_member", id, detail) < 0)
		return HR_ERROR;
	return back(r, "saved");
}

enum http_result accounts_h_member_delete(struct req *r)
{
	int64_t id;
	struct committee_member old;
	enum http_result hr = member_of_path(r, &id, &old);
	if (hr != HR_OK)
		return hr;
	if (r->method != METHOD_POST) {
		aview_member_delete(r, &old);
		return HR_OK;
	}
	int rc = lock_member(r, id, &old);
	if (rc == 0 && (rc = org_committee_delete(r->db, r->community->id, id)) != 0)
		db_rollback(r->db);
	if (rc != 0)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这位成员,可能已被删除。");
	if (req_audit_commit(r, "accounts.committee_delete", "committee_member", id, member_detail(r, &old)) <
	    0)
		return HR_ERROR;
	return back(r, "deleted");
}

/* Moves a member one place up or down within its committee (form field
 * dir), renumbering the committee's order 0, 1, 2 ... */
enum http_result accounts_h_member_move(struct req *r)
{
	int64_t id = accounts_id_param(r->param[1]);
	const char *dir = kv_get(&r->form, "dir");
	if (!id || !dir || (strcmp(dir, "up") && strcmp(dir, "down")))
		return req_fail(r, HR_BAD_REQUEST, "调整顺序的请求不完整。");
	struct committee_member *all = NULL;
	size_t n = 0;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = org_committee_lock(r->db, r->community->id);
	if (rc == 0)
		rc = org_committee_list(r->db, r->a, r->community->id, &all, &n);
	size_t at = n;
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (all[i].id == id)
			at = i;
	if (rc != 0 || at == n) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这位成员,可能已被删除。");
	}
	/* The list is by committee, then order: the neighbour is beside it. */
	size_t other = !strcmp(dir, "up") ? at - 1 : at + 1;
	if ((at == 0 && !strcmp(dir, "up")) || other >= n || all[other].committee != all[at].committee) {
		db_rollback(r->db);
		return back(r, "moved");
	}
	struct committee_member t = all[at];
	all[at] = all[other];
	all[other] = t;
	int order = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (all[i].committee != t.committee)
			continue;
		if (all[i].sort_order != order)
			rc = org_committee_set_order(r->db, r->community->id, all[i].id, order);
		order++;
	}
	if (rc != 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (req_audit_commit(
	        r, "accounts.committee_move", "committee_member", id,
	        arena_printf(r->a, "%s %s", member_detail(r, &t), !strcmp(dir, "up") ? "上移" : "下移")) < 0)
		return HR_ERROR;
	return back(r, "moved");
}
