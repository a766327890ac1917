/* Staff routes of the disclosure board: drafting, the two-person rule,
 * publishing, corrections, withdrawals, full recipient lists (audited),
 * answers to objections and opinions (the catalogue: disclosure_admin_catalogue.c). */
#include <string.h>

#include "auth/audit.h"
#include "core/str.h"
#include "http/fields.h"
#include "modules/disclosure/disclosure_routes.h"
#include "modules/disclosure/disclosure_web.h"
#include "org/org.h"
#include "web/export.h"
#include "web/list.h"

/* The objectors' contact phones the home page shows opened, like the full
 * recipient list, are logged before they are shown, in their own
 * transaction: one row naming the objections, never the numbers. 0 or -1. */
static int audit_contacts(struct req *r, const struct admin_board_page *p)
{
	const struct disclosure_thread *lists[2] = {p->held, p->open};
	size_t counts[2] = {p->nheld, p->nopen}, n = 0;
	const char *ids = "";
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; ids && i < counts[l]; i++)
			if (*lists[l][i].contact_phone)
				ids = arena_printf(r->a, "%s%s%lld", ids, n++ ? "," : "", (long long)lists[l][i].id);
	if (!ids)
		return -1;
	if (!n)
		return 0;
	struct audit_event ev = {.user_id = r->user->id, .actor = r->user->display_name, .unit_id = r->community->id,
				 .action = "disclosure.objection_contacts_view", .entity = "disclosure_thread",
				 .entity_id = ids, .ip = r->ip,
				 .detail = arena_printf(r->a, "查看异议人联系电话 %zu 条", n)};
	if (db_begin(r->db) < 0)
		return -1;
	if (audit_write(r->db, &ev, r->now) < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return -1;
	}
	return 0;
}

static const char *const filter_names[AF__MAX] = {"", "mine", "returned", "draft", "submitted", "published"};

/* 1 if pending post x passes the filter (returned: the ids of returned drafts). */
static int filter_keeps(const struct admin_board_page *p, const struct disclosure_post *x, int64_t user,
			const int64_t *returned, size_t nreturned)
{
	if (p->item_id && x->item_id != p->item_id)
		return 0;
	if (p->year && date_from_time(x->created_at).y != p->year)
		return 0;
	switch (p->filter) {
	case AF_MINE:
		return x->status == POST_DRAFT && x->author_id == user;
	case AF_RETURNED:
		for (size_t i = 0; i < nreturned; i++)
			if (returned[i] == x->id)
				return 1;
		return 0;
	case AF_DRAFT:
		return x->status == POST_DRAFT;
	case AF_SUBMITTED:
		return x->status == POST_SUBMITTED;
	default:
		return 1;
	}
}

/* Reads the list the filters ask for into p. HR_OK, HR_ERROR, or 400 already answered. */
static enum http_result load_list(struct req *r, struct admin_board_page *p)
{
	const char *status = kv_get(&r->q, "status"), *item = kv_get(&r->q, "item"), *year = kv_get(&r->q, "year");
	int64_t y = 0, offset = 0;
	p->filter = AF__MAX;
	for (int i = 0; i < AF__MAX; i++)
		if (!strcmp(status ? status : "", filter_names[i]))
			p->filter = (enum admin_filter)i;
	p->item_id = item ? disclosure_param_id(item) : 0;
	p->page = page_param(r);
	if (year && (str_to_int64(year, &y) < 0 || y < 1990 || y > 2999))
		y = -1;
	if (p->filter == AF__MAX || (item && !p->item_id) || y < 0 || p->page < 0 ||
	    page_offset(p->page, BOARD_PAGE, &offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "筛选条件或页码不正确。");
	p->year = (int)y;
	if (disclosure_item_titles(r->db, r->a, r->community->id, &p->titles, &p->ntitles) < 0 ||
	    disclosure_post_years(r->db, r->community->id, p->years, BOARD_YEARS, &p->nyears) < 0)
		return HR_ERROR;
	if (p->filter == AF_PUBLISHED) {
		int64_t from = y ? date_to_time((struct ymd){(int)y, 1, 1}) : 0;
		int64_t to = y ? date_to_time((struct ymd){(int)y + 1, 1, 1}) : INT64_MAX;
		if (disclosure_board_range(r->db, r->a, r->community->id, p->item_id, from, to, offset, BOARD_PAGE + 1,
					   &p->pending, &p->npending) < 0)
			return HR_ERROR;
		p->has_next = p->npending > BOARD_PAGE;
		if (p->has_next)
			p->npending = BOARD_PAGE;
		return HR_OK;
	}
	int64_t *returned = NULL;
	size_t nreturned = 0, k = 0;
	if (disclosure_pending(r->db, r->a, r->community->id, &p->pending, &p->npending) < 0 ||
	    (p->filter == AF_RETURNED && disclosure_returned_ids(r->db, r->a, r->community->id, &returned, &nreturned) < 0))
		return HR_ERROR;
	for (size_t i = 0; i < p->npending; i++)
		if (filter_keeps(p, &p->pending[i], r->user->id, returned, nreturned))
			p->pending[k++] = p->pending[i];
	p->npending = k;
	return HR_OK;
}

/* Loads and shows the board's management page into p (which may carry a
 * refused answer to show again). */
static enum http_result admin_home(struct req *r, struct admin_board_page *pp)
{
	struct admin_board_page p = *pp;
	enum http_result hr = load_list(r, &p);
	if (hr != HR_OK)
		return hr;
	if (disclosure_withdraw_requests(r->db, r->a, r->community->id, &p.withdrawals, &p.nwithdrawals) < 0 ||
	    disclosure_threads_held(r->db, r->a, r->community->id, &p.held, &p.nheld) < 0 ||
	    disclosure_threads_full(r->db, r->a, r->community->id, 0, &p.open, &p.nopen) < 0 ||
	    disclosure_items(r->db, r->a, r->community->id, 0, &p.items, &p.nitems) < 0)
		return HR_ERROR;
	p.two_person = disclosure_two_person(r->db, r->community->id);
	struct disclosure_setting_change pending;
	int rc = disclosure_setting_request_get(r->db, r->a, r->community->id, &pending);
	if (rc < 0)
		return HR_ERROR;
	p.setting_pending = rc == 0;
	struct disclosure_settings set;
	if (disclosure_settings_get(r->db, r->community->id, &set) < 0)
		return HR_ERROR;
	p.review_objections = set.review_objections;
	if (audit_contacts(r, &p) < 0)
		return HR_ERROR;
	disclosure_admin_view_home(r, &p);
	return HR_OK;
}

enum http_result disclosure_h_admin_home(struct req *r)
{
	struct admin_board_page p = {0};
	return admin_home(r, &p);
}

static const struct field post_fields[] = {
    {"item", "公开事项", FIELD_INT, 1, 12},
    {"title", "标题", FIELD_TEXT, 1, 100},
    {"body", "正文", FIELD_MULTILINE, 1, 20000},
    {"period_start", "所属期间开始", FIELD_TEXT, 0, 10},
    {"period_end", "所属期间结束", FIELD_TEXT, 0, 10},
    {"notice_days", "公示天数", FIELD_INT, 0, 3},
    {"recipients", "名单", FIELD_MULTILINE, 0, 400000},
    {"reason", "更正理由", FIELD_MULTILINE, 0, 500},
};

/* Fills the form's fields from post p (a correction starts from what it
 * corrects; an edit from the draft). */
static void post_form_fill(struct req *r, struct post_form *f, const struct disclosure_post *p)
{
	f->vals[0] = arena_printf(r->a, "%lld", (long long)p->item_id);
	f->vals[1] = p->title;
	f->vals[2] = p->body;
	char d[11];
	if (p->period_start) {
		date_format(date_from_time(p->period_start), d);
		f->vals[3] = arena_strdup(r->a, d);
	}
	if (p->period_end) {
		date_format(date_from_time(p->period_end), d);
		f->vals[4] = arena_strdup(r->a, d);
	}
	f->vals[5] = arena_printf(r->a, "%d", p->notice_days);
}

/* The post a correction replaces, from ?replaces= or the form: 0 none, 1 loaded, -1 bad. */
static int load_replaced(struct req *r, const char *v, struct disclosure_post *old)
{
	if (!v || !*v)
		return 0;
	int64_t id = disclosure_param_id(v);
	if (!id || disclosure_post_get(r->db, r->a, r->community->id, id, old) != 0 || old->status != POST_PUBLISHED ||
	    old->corrected_by || old->withdrawn_at)
		return -1;
	return 1;
}

enum http_result disclosure_h_new(struct req *r)
{
	struct post_form f = {0};
	if (disclosure_items(r->db, r->a, r->community->id, 0, &f.items, &f.nitems) < 0)
		return HR_ERROR;
	struct disclosure_post old;
	int rc = load_replaced(r, kv_get(&r->q, "replaces"), &old);
	if (rc < 0)
		return req_fail(r, HR_NOT_FOUND, "只能更正已发布、未撤回且尚未更正的内容。");
	const char *item = kv_get(&r->q, "item");
	f.vals[0] = item ? item : "";
	if (rc == 1) {
		f.replaces = &old;
		post_form_fill(r, &f, &old);
	}
	disclosure_admin_view_post_form(r, &f);
	return HR_OK;
}

/* Parses an optional date field into a time (midnight CST): 0 when empty, -1 when bad. */
static int64_t date_field(const char *v)
{
	struct ymd d;
	if (!v || !*v)
		return 0;
	return date_parse(v, &d) == 0 ? date_to_time(d) : -1;
}

/* What a valid post form gives: the post's fields and, when one was given,
 * its new list. */
struct post_input {
	struct disclosure_post p;
	struct disclosure_recipient *rows;
	int nrows;
	int list_given;	  /* a list was typed or uploaded (an edit then replaces the old one) */
	int list_allowed; /* the item carries a list (an edit to another item drops the old one) */
};

/* Reads and checks the post form into in; f keeps what was typed and the
 * errors. The number of errors (0: valid), or -1 on a database error. */
static int read_post_form(struct req *r, struct post_form *f, struct post_input *in)
{
	int bad = fields_validate(r->a, &r->form, post_fields, 8, f->vals, f->errs);
	if (disclosure_items(r->db, r->a, r->community->id, 0, &f->items, &f->nitems) < 0)
		return -1;
	struct disclosure_item item;
	int64_t item_id = f->errs[0] ? 0 : disclosure_param_id(f->vals[0]);
	if (!f->errs[0] && (!item_id || disclosure_item_get(r->db, r->a, r->community->id, item_id, &item) != 0 ||
			    item.retired_at)) {
		f->errs[0] = "请选择一个有效的公开事项";
		bad++;
	}
	int64_t ps = date_field(f->vals[3]), pe = date_field(f->vals[4]);
	if (ps < 0) {
		f->errs[3] = "日期格式应为 2026-11-01";
		bad++;
	}
	if (pe < 0) {
		f->errs[4] = "日期格式应为 2026-11-30";
		bad++;
	}
	if (ps > 0 && pe > 0 && pe < ps) {
		f->errs[4] = "结束日期不能早于开始日期";
		bad++;
	}
	int64_t notice = 0;
	if (!f->errs[5] && *f->vals[5] && (str_to_int64(f->vals[5], &notice) < 0 || notice < 0 || notice > 90)) {
		f->errs[5] = "公示天数应为 0 到 90";
		bad++;
	}
	if (!*f->vals[5] && item_id && !f->errs[0])
		notice = item.notice_days;
	if (f->replaces && !*f->vals[7]) {
		f->errs[7] = "请填写更正理由,它将与更正一起公开";
		bad++;
	}
	/* Uploads: the recipients CSV (read by disclosure_recipients_import: UTF-8 or GB18030) and attachments, type checked
	 * by content. */
	const char *list = f->vals[6];
	size_t list_len = strlen(list);
	int list_file = 0, nfiles = 0;
	for (size_t i = 0; i < r->files.n; i++) {
		const struct part *pt = &r->files.v[i];
		if (!strcmp(pt->name, "recipients_file")) {
			list = pt->data;
			list_len = pt->len;
			list_file = 1;
		} else if (!strcmp(pt->name, "attachment")) {
			if (++nfiles > ATTACH_MAX_COUNT || pt->len > ATTACH_MAX_BYTES || !multipart_file_type(pt->data, pt->len)) {
				f->file_err = arena_printf(r->a, "附件 %s 不能接受:只接受 PDF、PNG、JPEG 文件,每个不超过 10 MB,最多 10 个",
							   pt->filename);
				bad++;
			}
		}
	}
	in->list_given = list_len > 0;
	in->list_allowed = item_id && !f->errs[0] && item.personal_data;
	if (!bad && list_len) {
		const char *err = NULL;
		if (!item.personal_data) {
			f->errs[6] = "这个事项不公开名单";
			bad++;
		} else if ((in->nrows = disclosure_recipients_import(r->a, list, list_len, &in->rows, &err)) < 0) {
			if (in->nrows == -2 && list_file)
				f->file_err = err ? err : "名单文件无法读取";
			else
				f->errs[6] = err ? err : "名单无法解析";
			bad++;
		}
	}
	in->p = (struct disclosure_post){.item_id = item_id, .title = f->vals[1], .body = f->vals[2], .period_start = ps,
					 .period_end = pe, .notice_days = (int)notice, .author_id = r->user->id,
					 .created_at = r->now, .replaces_id = f->replaces ? f->replaces->id : 0,
					 .correction_reason = f->vals[7]};
	return bad;
}

/* The post form read into in: HR_OK; HR_INVALID with the form shown again
 * with its errors and everything typed; HR_ERROR. */
static enum http_result take_post_form(struct req *r, struct post_form *f, struct post_input *in)
{
	int bad = read_post_form(r, f, in);
	if (bad < 0)
		return HR_ERROR;
	if (bad) {
		disclosure_admin_view_post_form(r, f);
		r->body_written = 1;
		return HR_INVALID;
	}
	return HR_OK;
}

/* Stores the uploaded attachments of post id, numbered after the first
 * seq ones it has. 0 or -1. */
static int put_attachments(struct req *r, int64_t id, int seq)
{
	for (size_t i = 0; i < r->files.n; i++) {
		const struct part *pt = &r->files.v[i];
		if (strcmp(pt->name, "attachment"))
			continue;
		const char *name = *pt->filename ? pt->filename : "附件";
		if (disclosure_attach(r->db, r->community->id, id, ++seq, name, multipart_file_type(pt->data, pt->len),
				      pt->data, pt->len, r->now) < 0)
			return -1;
	}
	return 0;
}

enum http_result disclosure_h_create(struct req *r)
{
	struct post_form f = {0};
	struct disclosure_post old;
	int rc = load_replaced(r, kv_get(&r->form, "replaces"), &old);
	if (rc < 0)
		return req_fail(r, HR_BAD_REQUEST, "只能更正已发布、未撤回且尚未更正的内容。");
	if (rc == 1)
		f.replaces = &old;
	struct post_input in = {0};
	enum http_result hr = take_post_form(r, &f, &in);
	if (hr != HR_OK)
		return hr;
	int64_t id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (disclosure_post_add(r->db, r->community->id, &in.p, &id) < 0 ||
	    (in.nrows > 0 && disclosure_recipients_put(r->db, r->a, r->community->id, id, in.rows, in.nrows) < 0) ||
	    put_attachments(r, id, 0) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (req_audit_commit(r, f.replaces ? "disclosure.correction_draft" : "disclosure.draft", "disclosure_post", id,
			     in.nrows ? arena_printf(r->a, "名单 %d 行", in.nrows) : NULL) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "/c/%s/admin/board/%lld", r->community->slug, (long long)id));
}

/* The author's own draft for the edit form (with the post it corrects):
 * HR_OK, or the refusal already answered. */
static enum http_result load_own_draft(struct req *r, struct disclosure_post *p, struct disclosure_post *old,
				       struct post_form *f)
{
	int64_t id = disclosure_param_id(r->param[1]);
	int rc = id ? disclosure_post_get(r->db, r->a, r->community->id, id, p) : 1;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "找不到这条内容。");
	if (p->status != POST_DRAFT || p->author_id != r->user->id)
		return req_fail(r, HR_FORBIDDEN, "只有起草人可以修改或删除自己的草稿;已提交的内容须先退回。");
	if (p->replaces_id) {
		rc = disclosure_post_get(r->db, r->a, r->community->id, p->replaces_id, old);
		if (rc)
			return HR_ERROR;
		f->replaces = old;
	}
	f->editing = p;
	rc = disclosure_post_returned(r->db, r->a, r->community->id, p->id, &f->returned);
	if (rc < 0)
		return HR_ERROR;
	f->has_return = rc == 0;
	return HR_OK;
}

enum http_result disclosure_h_edit(struct req *r)
{
	struct disclosure_post p, old;
	struct post_form f = {0};
	enum http_result hr = load_own_draft(r, &p, &old, &f);
	if (hr != HR_OK)
		return hr;
	if (r->method == METHOD_GET) {
		if (disclosure_items(r->db, r->a, r->community->id, 0, &f.items, &f.nitems) < 0)
			return HR_ERROR;
		post_form_fill(r, &f, &p);
		f.vals[7] = p.correction_reason ? p.correction_reason : "";
		disclosure_admin_view_post_form(r, &f);
		return HR_OK;
	}
	struct post_input in = {0};
	if ((hr = take_post_form(r, &f, &in)) != HR_OK)
		return hr;
	struct disclosure_attachment *att;
	size_t natt;
	in.p.id = p.id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = disclosure_draft_update(r->db, r->community->id, &in.p, in.list_given || !in.list_allowed);
	if (rc == 1) {
		db_rollback(r->db);
		return req_fail(r, HR_INVALID, "这份草稿已被提交或删除,未作修改。");
	}
	if (rc < 0 || disclosure_attachments(r->db, r->a, r->community->id, p.id, &att, &natt) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	/* The draft's attachments and the new ones together stay within the limit. */
	size_t nnew = 0;
	for (size_t i = 0; i < r->files.n; i++)
		nnew += !strcmp(r->files.v[i].name, "attachment");
	if (natt + nnew > ATTACH_MAX_COUNT) {
		db_rollback(r->db);
		f.file_err = arena_printf(r->a, "一条内容最多 %d 个附件:这份草稿已有 %zu 个,本次最多再添加 %zu 个",
					  ATTACH_MAX_COUNT, natt, (size_t)ATTACH_MAX_COUNT - natt);
		disclosure_admin_view_post_form(r, &f);
		r->body_written = 1;
		return HR_INVALID;
	}
	if ((in.nrows > 0 && disclosure_recipients_put(r->db, r->a, r->community->id, p.id, in.rows, in.nrows) < 0) ||
	    put_attachments(r, p.id, natt ? att[natt - 1].seq : 0) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (req_audit_commit(r, "disclosure.draft_edit", "disclosure_post", p.id,
			     in.list_given ? arena_printf(r->a, "名单换为 %d 行", in.nrows) : NULL) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "/c/%s/admin/board/%lld?done=edited", r->community->slug, (long long)p.id));
}

/* Loads a post for the staff pages, drafts included, with its list as the
 * public sees it; the full list is opened only by the audited routes. */
static enum http_result load_manage(struct req *r, struct manage_page *m)
{
	int64_t id = disclosure_param_id(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "找不到这条内容。");
	int rc = disclosure_post_get(r->db, r->a, r->community->id, id, &m->post);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "找不到这条内容。");
	if (disclosure_attachments(r->db, r->a, r->community->id, id, &m->attachments, &m->nattachments) < 0 ||
	    disclosure_recipients_public(r->db, r->a, r->community->id, id, &m->recipients, &m->nrecipients) < 0)
		return HR_ERROR;
	m->two_person = disclosure_two_person(r->db, r->community->id);
	rc = disclosure_withdraw_request_get(r->db, r->a, r->community->id, id, &m->wreq);
	if (rc < 0)
		return HR_ERROR;
	m->has_wreq = rc == 0;
	rc = disclosure_post_returned(r->db, r->a, r->community->id, id, &m->returned);
	if (rc < 0)
		return HR_ERROR;
	m->has_return = rc == 0;
	m->notice_open = m->post.status == POST_PUBLISHED && !m->post.withdrawn_at && m->post.notice_days > 0 &&
			 disclosure_notice_open(&m->post, r->now);
	return HR_OK;
}

enum http_result disclosure_h_manage(struct req *r)
{
	struct manage_page m = {0};
	enum http_result hr = load_manage(r, &m);
	if (hr != HR_OK)
		return hr;
	const char *done = kv_get(&r->q, "done");
	if (done)
		m.notice = !strcmp(done, "submitted") ? "已提交审核。"
			   : !strcmp(done, "published") ? "已发布,并记入公开记录。"
			   : !strcmp(done, "withdrawn") ? "已撤回;撤回本身也是公开记录。"
			   : !strcmp(done, "withdraw_requested") ? "已提出撤回申请,须由另一名工作人员批准后才撤回。"
			   : !strcmp(done, "withdraw_rejected")	 ? "撤回申请已撤销或驳回,内容保持公开。"
			   : !strcmp(done, "returned")		 ? "已退回起草人修改,退回理由已告知起草人。"
			   : !strcmp(done, "edited")		 ? "草稿已保存。"
								 : NULL;
	disclosure_admin_view_manage(r, &m);
	return HR_OK;
}

/* Shows the manage page again with a refusal. */
static enum http_result refuse(struct req *r, struct manage_page *m, const char *why)
{
	/* Reload: the refused action changed nothing, but the caller may have rolled back. */
	struct manage_page fresh = {0};
	enum http_result hr = load_manage(r, &fresh);
	if (hr != HR_OK) /* not found (another community's, or deleted meanwhile): 404 */
		return hr;
	fresh.message = why;
	fresh.withdraw_err = m->withdraw_err;
	fresh.withdraw_val = m->withdraw_val;
	fresh.return_err = m->return_err;
	fresh.return_val = m->return_val;
	disclosure_admin_view_manage(r, &fresh);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, why);
}

enum http_result disclosure_h_action(struct req *r)
{
	/* Nothing is read before the write transaction: each action locks and
	 * reads the post (and what its record needs) once, inside it; the page
	 * is loaded only to show a refusal. */
	struct manage_page m = {0};
	int64_t id = disclosure_param_id(r->param[1]), leaf = -1;
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "找不到这条内容。");
	const char *action = r->param[2], *why = NULL;
	const char *done, *audit_action = arena_printf(r->a, "disclosure.%s", action), *detail = NULL;
	struct disclosure_withdraw_request q;
	int rc;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (!strcmp(action, "submit")) {
		rc = disclosure_post_submit(r->db, r->community->id, id, r->user->id, r->now);
		if (rc == 1)
			why = "只有起草人可以提交自己的草稿审核。";
		done = "submitted";
	} else if (!strcmp(action, "publish")) {
		/* The form carries the revision its page showed (absent: not checked). */
		const char *rev = kv_get(&r->form, "revision");
		int64_t seen = -1;
		if (rev && (str_to_int64(rev, &seen) < 0 || seen < 0)) {
			db_rollback(r->db);
			return req_fail(r, HR_INVALID, "表单已损坏,请刷新页面后重试。");
		}
		rc = disclosure_publish(r->db, r->a, r->community, id, r->user->id, seen, r->now, &why, &leaf);
		done = "published";
	} else if (!strcmp(action, "withdraw")) {
		const char *reason = kv_get(&r->form, "reason");
		reason = reason ? str_normalize(r->a, reason, strlen(reason)) : NULL;
		m.withdraw_val = reason;
		if (!reason || !*reason || utf8_len(reason, strlen(reason)) > 500) {
			db_rollback(r->db);
			m.withdraw_err = "请填写撤回理由(500 字以内),它将与撤回一起公开";
			return refuse(r, &m, m.withdraw_err);
		}
		/* Under the two-person rule this is a request that a second person carries out. */
		rc = disclosure_withdraw_ask(r->db, r->a, r->community, id, reason, r->user->id, r->now, &why, &leaf);
		done = leaf >= 0 ? "withdrawn" : "withdraw_requested";
		if (leaf < 0) {
			audit_action = "disclosure.withdraw_request";
			detail = arena_printf(r->a, "申请撤回,理由:%s", reason);
		}
	} else if (!strcmp(action, "withdraw_approve")) {
		rc = disclosure_withdraw_approve(r->db, r->a, r->community, id, r->user->id, r->now, &why, &leaf, &q);
		audit_action = "disclosure.withdraw";
		detail = rc ? NULL : arena_printf(r->a, "批准 %s 的撤回申请(公开记录第 %lld 条)", q.requester_name, (long long)leaf);
		done = "withdrawn";
	} else if (!strcmp(action, "withdraw_reject")) {
		rc = disclosure_withdraw_reject(r->db, r->a, r->community, id, &why, &q);
		int own = rc == 0 && q.requested_by == r->user->id;
		audit_action = own ? "disclosure.withdraw_cancel" : "disclosure.withdraw_reject";
		detail = rc ? NULL : arena_printf(r->a, "%s %s 的撤回申请,理由:%s", own ? "撤销" : "驳回", q.requester_name, q.reason);
		done = "withdraw_rejected";
	} else if (!strcmp(action, "return")) {
		const char *reason = kv_get(&r->form, "reason");
		reason = reason ? str_normalize(r->a, reason, strlen(reason)) : NULL;
		m.return_val = reason;
		if (!reason || !*reason || utf8_len(reason, strlen(reason)) > 500) {
			db_rollback(r->db);
			m.return_err = "请填写退回理由(500 字以内),起草人将看到它";
			return refuse(r, &m, m.return_err);
		}
		rc = disclosure_post_return(r->db, r->community->id, id, r->user->id, reason, r->now);
		if (rc == 1)
			why = "只能退回其他工作人员提交审核的内容,不能退回自己起草或提交的内容。";
		detail = arena_printf(r->a, "退回理由:%s", reason);
		done = "returned";
	} else if (!strcmp(action, "delete")) {
		/* A draft was never in the public log: deleting it is audited only. */
		rc = kv_get(&r->form, "confirm") ? disclosure_draft_delete(r->db, r->community->id, id, r->user->id) : 1;
		if (rc == 1)
			why = kv_get(&r->form, "confirm") ? "只有起草人可以删除自己的草稿;已提交的内容须先退回。"
							  : "草稿没有删除:请先勾选“确认删除这份草稿”,再按“删除草稿”。";
		audit_action = "disclosure.draft_delete";
		done = NULL;
	} else {
		db_rollback(r->db);
		return HR_NOT_FOUND;
	}
	if (rc < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (rc == 1 || why) {
		db_rollback(r->db);
		return refuse(r, &m, why ? why : "无法执行。");
	}
	if (!detail && leaf >= 0)
		detail = arena_printf(r->a, "公开记录第 %lld 条", (long long)leaf);
	if (req_audit_commit(r, audit_action, "disclosure_post", id, detail) < 0)
		return HR_ERROR;
	if (!done)
		return req_redirect(r, arena_printf(r->a, "/c/%s/admin/board/?deleted=%lld", r->community->slug, (long long)id));
	return req_redirect(r, arena_printf(r->a, "/c/%s/admin/board/%lld?done=%s", r->community->slug, (long long)id, done));
}

/* The manage page's post with its list opened in full. */
static enum http_result load_full(struct req *r, struct manage_page *m)
{
	enum http_result hr = load_manage(r, m);
	if (hr == HR_OK &&
	    disclosure_recipients_full(r->db, r->a, r->community->id, m->post.id, &m->recipients, &m->nrecipients) < 0)
		return HR_ERROR;
	return hr;
}

enum http_result disclosure_h_recipients(struct req *r)
{
	struct manage_page m = {0};
	enum http_result hr = load_full(r, &m);
	if (hr != HR_OK)
		return hr;
	/* Every view of full personal data is logged, in its own transaction,
	 * before the data is shown. The log row names the list, never its contents. */
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (req_audit_commit(r, "disclosure.recipients_view_full", "disclosure_post", m.post.id,
			 arena_printf(r->a, "查看完整名单 %zu 行", m.nrecipients)) < 0)
		return HR_ERROR;
	r->cache_control = "no-store";
	disclosure_admin_view_recipients(r, &m);
	return HR_OK;
}

enum http_result disclosure_h_answer(struct req *r)
{
	int64_t id = disclosure_param_id(r->param[1]);
	const char *answer = kv_get(&r->form, "answer");
	answer = answer ? str_normalize(r->a, answer, strlen(answer)) : NULL;
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "找不到这条异议或意见。");
	const char *why = NULL;
	int64_t leaf;
	int rc = 1;
	if (!answer || !*answer || utf8_len(answer, strlen(answer)) > 2000) {
		why = "请填写答复(2000 字以内),答复将公开";
	} else {
		if (db_begin(r->db) < 0)
			return HR_ERROR;
		rc = disclosure_answer(r->db, r->a, r->community, id, answer, r->user->id, r->now, &why, &leaf);
		if (rc != 0)
			db_rollback(r->db);
	}
	if (rc < 0)
		return HR_ERROR;
	if (rc) {
		/* The management page again, the answer kept beside its thread. */
		struct admin_board_page p = {.answer_id = id, .answer_val = answer ? answer : "", .answer_err = why};
		enum http_result hr = admin_home(r, &p);
		if (hr != HR_OK)
			return hr;
		r->body_written = 1;
		return req_fail(r, HR_INVALID, why);
	}
	if (req_audit_commit(r, "disclosure.answer", "disclosure_thread", id,
			 arena_printf(r->a, "公开记录第 %lld 条", (long long)leaf)) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "/c/%s/admin/board/?answered=%lld", r->community->slug, (long long)id));
}

enum http_result disclosure_h_review(struct req *r)
{
	int64_t id = disclosure_param_id(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "找不到这条异议。");
	const char *decision = kv_get(&r->form, "decision");
	const char *note = kv_get(&r->form, arena_printf(r->a, "note-%lld", (long long)id));
	note = note ? str_normalize(r->a, note, strlen(note)) : "";
	int reject = decision && !strcmp(decision, "reject");
	if (!decision || (!reject && strcmp(decision, "show")))
		return req_fail(r, HR_BAD_REQUEST, "审核结果不正确。");
	if (reject && (!*note || utf8_len(note, strlen(note)) > 200))
		return req_fail(r, HR_INVALID, "请填写屏蔽理由(200 字以内),如广告、辱骂、泄露他人隐私。理由记入审计日志。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = disclosure_thread_review(r->db, r->community->id, id, reject ? THREAD_REJECTED : THREAD_SHOWN, r->user->id,
					  r->now, reject ? note : NULL);
	if (rc != 0) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_INVALID, "这条异议不在待审核状态,可能已被处理。");
	}
	/* The audit row holds the decision and the reason, never the objection's text or phone. */
	if (req_audit_commit(r, reject ? "disclosure.objection_reject" : "disclosure.objection_show", "disclosure_thread", id,
			 reject ? arena_printf(r->a, "屏蔽理由:%s", note) : "审核后显示") < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "/c/%s/admin/board/?reviewed=%lld", r->community->slug, (long long)id));
}

enum http_result disclosure_h_recipients_export(struct req *r)
{
	struct manage_page m = {0};
	enum http_result hr = load_full(r, &m);
	if (hr != HR_OK)
		return hr;
	struct export_table t;
	if (disclosure_view_recipients_export(r->a, &t, arena_printf(r->a, "%s-名单", m.post.title), m.recipients,
				    m.nrecipients) < 0)
		return HR_ERROR;
	/* Leaving the building with full personal data is a view of it: logged first. */
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (req_audit_commit(r, "disclosure.recipients_export", "disclosure_post", m.post.id,
			 arena_printf(r->a, "导出完整名单 %zu 行(%s)", m.nrecipients, export_format(r->path))) < 0)
		return HR_ERROR;
	return export_send(r, &t, export_format(r->path));
}
