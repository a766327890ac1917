/* Staff verification of link requests (/c/{c}/admin/people/links): the
 * pending requests, masked; a request's page finds the resident (by name,
 * pinyin, ID number or mobile through people_list) and links the account
 * to them, or refuses with a reason. Each decision is a guarded update,
 * audited in its transaction. Also the workbench card. */
#include <string.h>

#include "core/str.h"
#include "http/fields.h"
#include "modules/people/people_self.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

int64_t people_self_id(const char *s)
{
	int64_t id;
	if (!s || !*s || *s == '+' || *s == '-' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

const char *people_self_reason_problem(const char *reason)
{
	size_t n = reason ? utf8_len(reason, strlen(reason)) : 0;
	if (n < 2)
		return "请填写理由(至少 2 个字)";
	if (n > 200)
		return "理由最多 200 个字";
	return NULL;
}

static const struct field reason_field = {"reason", "理由", FIELD_MULTILINE, 1, 200};

int people_self_reason_read(struct req *r, const char **reason, const char **err)
{
	const char *v, *e;
	fields_validate(r->a, &r->form, &reason_field, 1, &v, &e);
	*reason = v;
	*err = e ? e : people_self_reason_problem(v);
	return *err != NULL;
}

static const char *state_label(const char *s)
{
	return !strcmp(s, "linked") ? "已关联" : !strcmp(s, "refused") ? "未通过" : "待核实";
}

static const struct tcol link_cols[] = {
    {"申请时间", 0, NULL}, {"姓名", TCOL_ROWHEAD, NULL}, {"手机号码", 0, NULL},
    {"身份证号", 0, NULL}, {"操作", TCOL_PAGE, NULL},
};

enum http_result people_self_h_links(struct req *r)
{
	int64_t page = page_param(r), offset;
	if (page_offset(page, PEOPLE_SELF_PAGE_ROWS, &offset) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这一页。");
	struct people_link *l;
	size_t n;
	int more;
	if (people_self_links_pending(r->db, r->a, r->community->id, offset, PEOPLE_SELF_PAGE_ROWS, &l, &n,
	                              &more) < 0)
		return HR_ERROR;
	struct buf *b = r->out;
	page_begin(r, "居民账号关联申请");
	H(b, "<h1>居民账号关联申请</h1>");
	const char *done = kv_get(&r->q, "done");
	if (done)
		page_notice(r, !strcmp(done, "linked") ? "已关联,该账号现在可以查看本人的居民信息。"
		                                       : "已退回申请。");
	H(b, "<p>居民自行注册后,姓名和身份证号与登记信息一致的会自动关联;以下申请需要核实本人后关联到居民,"
	     "或说明理由退回。</p>");
	struct table t;
	table_begin(&t, b, NULL, "待核实的申请", link_cols, 5, TABLE_CARDS, "暂无待核实的申请");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_time(&t, l[i].created_at);
		table_text(&t, l[i].name);
		table_text(&t, l[i].phone_masked);
		table_text(&t, *l[i].id_masked ? l[i].id_masked : "未填写");
		table_link(&t, url_c_id(r->a, r->community->slug, "/admin/people/links/", l[i].id, NULL),
		           "核实");
	}
	table_end(&t);
	page_pager(r, page, more);
	page_end(r);
	return HR_OK;
}

struct link_page {
	struct people_link l;
	const char *q;
	struct people_person *found;
	size_t nfound;
	const char *refusal, *reason, *reason_err;
};

static const struct tcol found_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL}, {"性别", 0, NULL}, {"出生年份", 0, NULL},     {"身份证号", 0, NULL},
    {"手机号码", 0, NULL},        {"住址", 0, NULL}, {"操作", TCOL_PAGE, NULL},
};

static void view_link(struct req *r, const struct link_page *p)
{
	struct buf *b = r->out;
	const char *self = url_c_id(r->a, r->community->slug, "/admin/people/links/", p->l.id, NULL);
	page_begin(r, "核实账号关联申请");
	H(b, "<h1>核实账号关联申请</h1>");
	form_refusal(r, p->refusal);
	const char *errs[1] = {p->reason_err};
	form_error_summary(r, errs, 1);
	H(b, "<dl class=\"facts\"><dt>姓名</dt><dd>");
	h_text(b, p->l.name);
	H(b, "</dd><dt>手机号码</dt><dd>");
	h_text(b, p->l.phone_masked);
	H(b, "</dd><dt>身份证号</dt><dd>");
	h_text(b, *p->l.id_masked ? p->l.id_masked : "未填写");
	H(b, "</dd><dt>申请时间</dt><dd>");
	h_time(b, p->l.created_at);
	H(b, "</dd><dt>状态</dt><dd>");
	h_text(b, state_label(p->l.state));
	H(b, "</dd></dl>");
	if (strcmp(p->l.state, "pending")) {
		H(b, "<p><a href=\"");
		h_clink(b, r->community->slug, "/admin/people/links");
		H(b, "\">返回申请列表</a></p>");
		page_end(r);
		return;
	}
	H(b, "<h2>查找居民</h2><form method=\"get\" action=\"");
	h_attr(b, self);
	H(b, "\"><label for=\"f-q\">姓名、拼音、身份证号或手机号</label><input id=\"f-q\" name=\"q\" "
	     "type=\"search\" value=\"");
	h_attr(b, p->q ? p->q : "");
	H(b, "\"><button type=\"submit\">查找</button></form>");
	if (p->q) {
		struct table t;
		table_begin(&t, b, NULL, "查找结果", found_cols, 7, TABLE_CARDS, "没有找到在册的居民");
		for (size_t i = 0; i < p->nfound; i++) {
			const struct people_person *x = &p->found[i];
			table_tr(&t, NULL);
			table_text(&t, x->name);
			table_text(&t, people_gender_label(x->gender));
			if (x->birth_year)
				table_int(&t, x->birth_year);
			else
				table_text(&t, "");
			table_text(&t, x->id_masked);
			table_text(&t, x->phone_masked);
			table_text(&t, arena_printf(r->a, "%s %s %s", x->building, x->unit, x->room));
			struct buf *c = table_cell(&t, NULL);
			if (x->user_id) {
				if (c)
					H(c, "已关联其他账号");
			} else if (c) {
				form_begin(r, self);
				form_hidden(r, "action", "link");
				form_hidden(r, "person", arena_printf(r->a, "%lld", (long long)x->id));
				form_submit(r, "关联到此居民");
				form_end(r);
			}
			table_cell_end(&t);
		}
		table_end(&t);
	}
	H(b, "<h2>退回申请</h2>");
	form_begin(r, self);
	form_hidden(r, "action", "refuse");
	form_textarea(r, "reason", "退回理由(申请人可以看到)", p->reason, p->reason_err, 1);
	form_submit(r, "退回申请");
	form_end(r);
	page_end(r);
}

/* Loads the request of the path and, with ?q=, the residents it finds. */
static enum http_result link_load(struct req *r, struct link_page *p)
{
	int64_t id = people_self_id(r->param[1]);
	int rc = id ? people_self_link_get(r->db, r->a, r->community->id, id, &p->l) : 1;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "找不到这个申请。");
	if (!p->q) {
		const char *q = kv_get(&r->q, "q");
		p->q = q && *q && utf8_len(q, strlen(q)) <= 40 ? q : NULL;
	}
	if (p->q) {
		struct people_filter f = {.status = PEOPLE_LIVING, .q = p->q};
		int more;
		if (people_list(r->db, r->a, r->community->id, &f, 0, 20, &p->found, &p->nfound, &more) < 0)
			return HR_ERROR;
	}
	return HR_OK;
}

static enum http_result link_refused(struct req *r, struct link_page *p, enum http_result hr,
                                     const char *message)
{
	db_rollback(r->db);
	enum http_result lr = link_load(r, p);
	if (lr != HR_OK)
		return lr;
	p->refusal = message;
	view_link(r, p);
	r->body_written = 1;
	return req_fail(r, hr, message ? message : "请修改表单中标出的问题。");
}

enum http_result people_self_h_link(struct req *r)
{
	struct link_page p = {0};
	if (r->method != METHOD_POST) {
		enum http_result hr = link_load(r, &p);
		if (hr == HR_OK)
			view_link(r, &p);
		return hr;
	}
	const char *action = kv_get(&r->form, "action");
	int64_t id = people_self_id(r->param[1]);
	if (!action || !id)
		return req_fail(r, HR_BAD_REQUEST, "请从申请页面提交。");
	int link = !strcmp(action, "link");
	int64_t person = link ? people_self_id(kv_get(&r->form, "person")) : 0;
	if (!link) {
		if (people_self_reason_read(r, &p.reason, &p.reason_err))
			return link_refused(r, &p, HR_INVALID, NULL);
	} else if (!person) {
		return req_fail(r, HR_BAD_REQUEST, "请选择要关联的居民。");
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	struct people_link l;
	int rc = people_self_link_get(r->db, r->a, r->community->id, id, &l);
	if (rc)
		return rc < 0 ? (db_rollback(r->db), HR_ERROR)
		              : (db_rollback(r->db), req_fail(r, HR_NOT_FOUND, "找不到这个申请。"));
	if (strcmp(l.state, "pending"))
		return link_refused(r, &p, HR_INVALID, "这个申请已经处理过了。");
	struct people_person who;
	if (link) {
		rc = people_person_get(r->db, r->a, r->community->id, person, &who);
		if (rc < 0)
			return db_rollback(r->db), HR_ERROR;
		if (rc == 1)
			return link_refused(r, &p, HR_INVALID, "找不到这位居民,请重新查找。");
		rc = people_self_person_link(r->db, r->community->id, person, l.user_id, r->now);
		if (rc < 0)
			return db_rollback(r->db), HR_ERROR;
		if (rc == 1)
			return link_refused(r, &p, HR_INVALID, "这位居民已关联其他账号,或已不在册。");
		int g = auth_grant_add(r->db, l.user_id, r->community->id, ROLE_RESIDENT, r->now);
		if (g < 0 && g != DB_CONSTRAINT)
			return db_rollback(r->db), HR_ERROR;
	}
	rc = people_self_link_decide(r->db, r->community->id, id, link ? "linked" : "refused", person,
	                             r->user->id, link ? "" : p.reason, r->now);
	if (rc < 0)
		return db_rollback(r->db), HR_ERROR;
	if (rc == 1)
		return link_refused(r, &p, HR_INVALID, "这个申请已经处理过了。");
	const char *detail = link ? arena_printf(r->a, "关联到居民 %s", who.name_masked)
	                          : arena_printf(r->a, "退回:%s", p.reason);
	if (req_audit_commit(r, link ? "people.link" : "people.link_refuse", "people_link", id, detail) < 0)
		return HR_ERROR;
	const char *to = url_c(r->a, r->community->slug,
	                       link ? "/admin/people/links?done=linked" : "/admin/people/links?done=refused");
	return to ? req_redirect(r, to) : req_error(r, "out of request memory");
}

int people_self_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c)
		return 0;
	int64_t links, corrections;
	if (people_self_pending_counts(r->db, c->id, &links, &corrections) < 0)
		return -1;
	const char *lp = url_c(r->a, c->slug, "/admin/people/links");
	const char *cp = url_c(r->a, c->slug, "/admin/people/corrections");
	if (!lp || !cp)
		return -1;
	if (workbench_card(w, "待核实的居民账号", links, lp, "居民注册后等待关联到居民信息", WB_TODO, NULL,
	                   0) < 0 ||
	    workbench_card(w, "待处理的信息更正", corrections, cp, "居民申请更正本人信息", WB_TODO, NULL, 0) <
	        0)
		return -1;
	return 0;
}
