/* Staff handling of residents' correction requests
 * (/c/{c}/admin/people/corrections): the pending ones, masked, each applied
 * or refused with a reason. Applying a name, mobile or tags correction
 * checks the corrected record with people_check, as the desk would, and
 * writes it (people_person_update); an address or other correction is
 * marked done once staff have changed the record at the desk. Guarded and
 * audited in the transaction of the change. */
#include <string.h>

#include "modules/people/people_self.h"
#include "pii/pii.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

static const struct tcol cols[] = {
    {"申请时间", 0, NULL}, {"居民", TCOL_ROWHEAD, NULL}, {"信息", 0, NULL}, {"更正为", 0, NULL},
    {"说明", 0, NULL},     {"处理", TCOL_PAGE, NULL},
};

struct corrections_page {
	struct people_correction *k;
	size_t n;
	int more;
	int64_t page;
	const char *refusal;
	int64_t err_id; /* the row whose reason was refused */
	const char *reason, *reason_err;
};

static int applies_itself(const char *field)
{
	return !strcmp(field, "name") || !strcmp(field, "phone") || !strcmp(field, "tags");
}

static void view_corrections(struct req *r, const struct corrections_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "居民信息更正申请");
	H(b, "<h1>居民信息更正申请</h1>");
	const char *done = kv_get(&r->q, "done");
	if (done)
		page_notice(r, !strcmp(done, "applied") ? "已更正。" : "已退回更正申请。");
	form_refusal(r, p->refusal);
	const char *errs[1] = {p->reason_err};
	form_error_summary(r, errs, 1);
	H(b, "<p>姓名、手机号码和人员类别的更正会按登记规则核对后直接写入;住址和其他信息请先在居民信息中修改,"
	     "再标记为已更正。</p>");
	struct table t;
	table_begin(&t, b, NULL, "待处理的更正申请", cols, 6, TABLE_CARDS, "暂无待处理的更正申请");
	for (size_t i = 0; i < p->n; i++) {
		const struct people_correction *k = &p->k[i];
		table_tr(&t, NULL);
		table_time(&t, k->created_at);
		table_text(&t, k->person_name_masked);
		table_text(&t, people_self_field_label(k->field));
		table_text(&t, k->value_masked);
		table_text(&t, pii_mask_text(r->a, k->note)); /* numbers typed in it stay masked */
		struct buf *c = table_cell(&t, NULL);
		if (c) {
			const char *to =
			    url_c_id(r->a, r->community->slug, "/admin/people/corrections/", k->id, NULL);
			const char *stem = arena_printf(r->a, "k%lld", (long long)k->id);
			form_begin(r, to);
			form_hidden(r, "action", "apply");
			form_submit(r, applies_itself(k->field) ? "核对并更正" : "标记为已更正");
			form_end(r);
			form_begin(r, to);
			form_hidden(r, "action", "refuse");
			int mine = p->err_id == k->id;
			struct form_field rf = {.name = "reason",
			                        .label = "退回理由",
			                        .value = mine ? p->reason : NULL,
			                        .error = mine ? p->reason_err : NULL,
			                        .required = 1,
			                        .id = stem};
			form_field_textarea(r, &rf);
			form_submit(r, "退回");
			form_end(r);
		}
		table_cell_end(&t);
	}
	table_end(&t);
	page_pager(r, p->page, p->more);
	page_end(r);
}

static enum http_result corrections_load(struct req *r, struct corrections_page *p)
{
	int64_t offset;
	p->page = page_param(r);
	if (page_offset(p->page, PEOPLE_SELF_PAGE_ROWS, &offset) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这一页。");
	return people_self_corrections_pending(r->db, r->a, r->community->id, offset, PEOPLE_SELF_PAGE_ROWS,
	                                       &p->k, &p->n, &p->more) < 0
	           ? HR_ERROR
	           : HR_OK;
}

enum http_result people_self_h_corrections(struct req *r)
{
	struct corrections_page p = {0};
	enum http_result hr = corrections_load(r, &p);
	if (hr == HR_OK)
		view_corrections(r, &p);
	return hr;
}

static enum http_result refused(struct req *r, struct corrections_page *p, const char *message)
{
	db_rollback(r->db);
	enum http_result hr = corrections_load(r, p);
	if (hr != HR_OK)
		return hr;
	p->refusal = message;
	view_corrections(r, p);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, message ? message : "请修改表单中标出的问题。");
}

/* The record as it stands with the corrected field replaced, checked. 0
 * good (*rec), 1 refused (*message), -1. */
static int corrected(struct req *r, const struct people_correction *k, struct people_record *rec,
                     const char **message)
{
	struct people_person p;
	struct people_full f;
	if (people_person_get(r->db, r->a, r->community->id, k->person_id, &p) != 0 ||
	    people_person_open(r->db, r->a, r->community->id, k->person_id, &f) != 0)
		return -1;
	const char *tags = *p.tags && *f.tags ? arena_printf(r->a, "%s、%s", p.tags, f.tags)
	                   : *p.tags          ? p.tags
	                                      : f.tags;
	struct people_input in = {.name = p.name,
	                          .gender = p.gender,
	                          .id_number = f.id_number,
	                          .birth = f.birth,
	                          .phone = f.phone,
	                          .building = p.building,
	                          .unit = p.unit,
	                          .room = p.room,
	                          .household = p.household,
	                          .relation = p.relation,
	                          .tags = tags,
	                          .grid = p.grid,
	                          .note = f.note};
	if (!strcmp(k->field, "name"))
		in.name = k->value;
	else if (!strcmp(k->field, "phone"))
		in.phone = k->value;
	else
		in.tags = k->value;
	struct people_problem pr[PEOPLE_MAX_PROBLEMS];
	if (people_check(r->a, &in, r->now, rec, pr) > 0) {
		*message = arena_printf(r->a, "更正后的信息不符合登记规则:%s", pr[0].message);
		return 1;
	}
	return 0;
}

enum http_result people_self_h_correction(struct req *r)
{
	struct corrections_page p = {0};
	int64_t id = people_self_id(r->param[1]);
	const char *action = kv_get(&r->form, "action");
	if (!id || !action)
		return req_fail(r, HR_BAD_REQUEST, "请从更正申请页面提交。");
	int apply = !strcmp(action, "apply");
	if (!apply && people_self_reason_read(r, &p.reason, &p.reason_err)) {
		p.err_id = id;
		return refused(r, &p, NULL);
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	struct people_correction k;
	int rc = people_self_correction_get(r->db, r->a, r->community->id, id, &k);
	if (rc)
		return db_rollback(r->db),
		       rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "找不到这个更正申请。");
	if (strcmp(k.state, "pending"))
		return refused(r, &p, "这个更正申请已经处理过了。");
	if (apply && applies_itself(k.field)) {
		struct people_record rec;
		const char *message = NULL;
		rc = corrected(r, &k, &rec, &message);
		if (rc)
			return rc < 0
			           ? (db_rollback(r->db), req_error(r, "cannot read the record to correct"))
			           : refused(r, &p, message);
		rc = people_person_update(r->db, r->a, r->community->id, k.person_id, &rec, r->now);
		if (rc == DB_CONSTRAINT)
			return refused(r, &p, "这个身份证号已登记给另一位居民。");
		if (rc)
			return db_rollback(r->db), req_error(r, "cannot write the corrected record");
	}
	rc = people_self_correction_decide(r->db, r->community->id, id, apply ? "applied" : "refused",
	                                   r->user->id, apply ? "" : p.reason, r->now);
	if (rc)
		return rc < 0 ? (db_rollback(r->db), HR_ERROR) : refused(r, &p, "这个更正申请已经处理过了。");
	const char *detail = arena_printf(r->a, "%s%s%s", people_self_field_label(k.field),
	                                  apply ? ":已更正" : ":退回,", apply ? "" : p.reason);
	if (req_audit_commit(r, apply ? "people.correction_apply" : "people.correction_refuse",
	                     "people_correction", id, detail) < 0)
		return HR_ERROR;
	const char *to = url_c(r->a, r->community->slug,
	                       apply ? "/admin/people/corrections?done=applied"
	                             : "/admin/people/corrections?done=refused");
	return to ? req_redirect(r, to) : req_error(r, "out of request memory");
}
