/* The resident's own record (/account/people): their registry data in full
 * (their own: no reason asked, never kept by a cache), their household's
 * members with names masked, who saw their full data and why, and a form
 * to ask for a correction of a field, with the outcome of earlier ones.
 * Before an account is linked the page says where its request stands. */
#include <string.h>

#include "auth/audit.h"
#include "core/str.h"
#include "http/fields.h"
#include "modules/people/people_self.h"
#include "web/layout.h"
#include "web/table.h"

struct me_page {
	int registered;
	struct people_link *links;
	size_t nlinks;
	int has_person;
	struct people_person p;
	struct people_full full;
	struct people_person *members;
	size_t nmembers;
	struct people_view *views;
	size_t nviews;
	struct people_correction *corrections;
	size_t ncorrections;
	const char *vals[3], *errs[3];
	const char *done;
};

static const struct field correct_fields[3] = {
    {"field", "要更正的信息", FIELD_TEXT, 1, 20},
    {"value", "正确的内容", FIELD_TEXT, 1, 200},
    {"note", "说明", FIELD_MULTILINE, 0, 500},
};

static const struct form_option field_options[] = {
    {"name", "姓名", NULL},     {"phone", "手机号码", NULL}, {"address", "住址", NULL},
    {"tags", "人员类别", NULL}, {"other", "其他", NULL},
};

static const char *link_state_text(const char *s)
{
	return !strcmp(s, "linked")    ? "已与居民信息关联"
	       : !strcmp(s, "refused") ? "未通过核实"
	                               : "等待社区工作人员核实";
}

static const char *correction_state_text(const char *s)
{
	return !strcmp(s, "applied") ? "已更正" : !strcmp(s, "refused") ? "未更正" : "等待处理";
}

static void fact(struct buf *b, const char *label, const char *value)
{
	H(b, "<dt>");
	h_text(b, label);
	H(b, "</dt><dd>");
	h_text(b, value && *value ? value : "未登记");
	H(b, "</dd>");
}

static const struct tcol view_cols[] = {{"时间", 0, NULL}, {"查看人", 0, NULL}, {"理由", 0, NULL}};
static const struct tcol corr_cols[] = {
    {"申请时间", 0, NULL}, {"信息", 0, NULL}, {"更正为", 0, NULL}, {"结果", 0, NULL}, {"说明", 0, NULL},
};

static void view_record(struct req *r, const struct me_page *m)
{
	struct buf *b = r->out;
	const struct people_person *p = &m->p;
	H(b, "<h2>登记信息</h2><dl class=\"facts\">");
	fact(b, "姓名", p->name);
	fact(b, "性别", people_gender_label(p->gender));
	fact(b, "出生日期", m->full.birth);
	fact(b, "公民身份号码", m->full.id_number);
	fact(b, "手机号码", m->full.phone);
	fact(b, "住址", arena_printf(r->a, "%s %s %s", p->building, p->unit, p->room));
	fact(b, "与户主关系", p->relation);
	const char *tags = *p->tags && *m->full.tags ? arena_printf(r->a, "%s、%s", p->tags, m->full.tags)
	                   : *p->tags                ? p->tags
	                                             : m->full.tags;
	fact(b, "人员类别", tags);
	fact(b, "状态", people_status_label(p->status));
	H(b, "</dl>");
	if (m->nmembers > 1) {
		H(b, "<h2>同户成员</h2><ul>");
		for (size_t i = 0; i < m->nmembers; i++) {
			if (m->members[i].id == p->id)
				continue;
			H(b, "<li>");
			h_text(b, m->members[i].name_masked);
			if (*m->members[i].relation) {
				H(b, "(");
				h_text(b, m->members[i].relation);
				H(b, ")");
			}
			H(b, "</li>");
		}
		H(b, "</ul>");
	}
	H(b, "<h2>谁查看过我的完整信息</h2>");
	struct table t;
	table_begin(&t, b, NULL, "谁查看过我的完整信息", view_cols, 3, TABLE_CARDS,
	            "还没有人查看过您的完整信息");
	for (size_t i = 0; i < m->nviews; i++) {
		table_tr(&t, NULL);
		table_time(&t, m->views[i].at);
		table_text(&t, m->views[i].actor);
		table_text(&t, m->views[i].reason);
	}
	table_end(&t);
	H(b, "<h2>申请更正信息</h2>");
	if (m->done)
		page_notice(r, "更正申请已提交,社区工作人员处理后会在这里显示结果。");
	form_error_summary(r, m->errs, 3);
	form_begin(r, "/account/people/correct");
	struct form_field ff = {.name = "field",
	                        .label = "要更正的信息",
	                        .value = m->vals[0],
	                        .error = m->errs[0],
	                        .required = 1};
	form_select(r, &ff, field_options, sizeof field_options / sizeof *field_options);
	form_input(r, "value", "正确的内容", "text", m->vals[1], m->errs[1], 1, NULL);
	form_textarea(r, "note", "说明(选填)", m->vals[2], m->errs[2], 0);
	form_submit(r, "提交更正申请");
	form_end(r);
	table_begin(&t, b, NULL, "我的更正申请", corr_cols, 5, TABLE_CARDS | TABLE_CAPTION, "还没有更正申请");
	for (size_t i = 0; i < m->ncorrections; i++) {
		const struct people_correction *k = &m->corrections[i];
		table_tr(&t, NULL);
		table_time(&t, k->created_at);
		table_text(&t, people_self_field_label(k->field));
		table_text(&t, k->value_masked);
		table_text(&t, correction_state_text(k->state));
		table_text(&t, k->reason);
	}
	table_end(&t);
}

static void view_me(struct req *r, const struct me_page *m)
{
	struct buf *b = r->out;
	page_begin(r, "我的居民信息");
	H(b, "<h1>我的居民信息</h1>");
	if (m->registered)
		page_notice(r, m->has_person ? "注册成功,已与居民信息关联。"
		                             : "注册成功,等待社区工作人员核实后关联居民信息。");
	if (m->has_person) {
		H(b, "<p>以下是社区登记的您的完整信息,只有您本人能看到这一页。</p>");
		view_record(r, m);
	} else if (!m->nlinks) {
		H(b, "<p>您的账号还没有关联居民信息。请联系所在社区,或<a "
		     "href=\"/register\">提交关联申请</a>。</p>");
	}
	if (!m->has_person && m->nlinks) {
		H(b, "<h2>关联申请</h2><ul>");
		for (size_t i = 0; i < m->nlinks; i++) {
			H(b, "<li>");
			h_text(b, m->links[i].community_name);
			H(b, ":");
			h_text(b, link_state_text(m->links[i].state));
			if (*m->links[i].reason) {
				H(b, "(理由:");
				h_text(b, m->links[i].reason);
				H(b, ")");
			}
			H(b, "</li>");
		}
		H(b, "</ul>");
	}
	page_end(r);
}

/* Loads what the page shows for the signed-in user. */
static enum http_result me_load(struct req *r, struct me_page *m, int64_t *community_id)
{
	int64_t pid = 0;
	int rc = people_self_person_of_user(r->db, r->user->id, community_id, &pid);
	if (rc < 0)
		return HR_ERROR;
	if (rc == 1)
		return people_self_links_of_user(r->db, r->a, r->user->id, &m->links, &m->nlinks) < 0
		           ? HR_ERROR
		           : HR_OK;
	m->has_person = 1;
	if (people_person_get(r->db, r->a, *community_id, pid, &m->p) != 0 ||
	    people_person_open(r->db, r->a, *community_id, pid, &m->full) != 0 ||
	    (m->p.household_id && people_household_members(r->db, r->a, *community_id, m->p.household_id,
	                                                   &m->members, &m->nmembers) < 0) ||
	    people_views(r->db, r->a, *community_id, pid, 50, &m->views, &m->nviews) < 0 ||
	    people_self_corrections_of(r->db, r->a, *community_id, pid, &m->corrections, &m->ncorrections) <
	        0)
		return req_error(r, "cannot load the resident's own record");
	return HR_OK;
}

enum http_result people_self_h_me(struct req *r)
{
	r->cache_control = "no-store";
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	struct me_page m = {.registered = kv_get(&r->q, "registered") != NULL, .done = kv_get(&r->q, "done")};
	int64_t cid;
	enum http_result hr = me_load(r, &m, &cid);
	if (hr == HR_OK)
		view_me(r, &m);
	return hr;
}

/* The masked form of a corrected value, as staff lists show it. */
static const char *masked_value(struct arena *a, const char *field, const char *value)
{
	char mobile[12];
	if (!strcmp(field, "name"))
		return pii_mask_name(a, value);
	if (!strcmp(field, "phone") && str_mobile_normalize(value, mobile) == 0)
		return pii_mask_phone(a, mobile);
	if (!strcmp(field, "address"))
		return pii_mask_address(a, value);
	return pii_mask_text(a, value);
}

enum http_result people_self_h_correct(struct req *r)
{
	r->cache_control = "no-store";
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	struct me_page m = {0};
	int bad = fields_validate(r->a, &r->form, correct_fields, 3, m.vals, m.errs);
	if (!m.errs[0] && !people_self_field_label(m.vals[0])) {
		m.errs[0] = "请选择要更正的信息";
		bad++;
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int64_t cid, kid;
	enum http_result hr = me_load(r, &m, &cid);
	if (hr != HR_OK)
		return db_rollback(r->db), hr;
	if (!m.has_person)
		return db_rollback(r->db),
		       req_fail(r, HR_FORBIDDEN, "您的账号还没有关联居民信息,暂时不能申请更正。");
	if (bad) {
		db_rollback(r->db);
		view_me(r, &m);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	const char *masked = masked_value(r->a, m.vals[0], m.vals[1]);
	struct audit_event ev = {.user_id = r->user->id,
	                         .actor = r->user->display_name,
	                         .unit_id = cid,
	                         .action = "people.correction_ask",
	                         .entity = "people_correction",
	                         .ip = r->ip,
	                         .detail = people_self_field_label(m.vals[0])};
	if (!masked ||
	    people_self_correction_add(r->db, r->a, cid, m.p.id, r->user->id, m.vals[0], m.vals[1], masked,
	                               m.vals[2], r->now, &kid) < 0 ||
	    !(ev.entity_id = arena_printf(r->a, "%lld", (long long)kid)) ||
	    audit_write(r->db, &ev, r->now) < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return req_error(r, "cannot record the correction request");
	}
	return req_redirect(r, "/account/people?done=1");
}
