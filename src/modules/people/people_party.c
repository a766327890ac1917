/* The political registry's pages: party members by status and branch
 * (joined, full or probationary, transfers in and out), added or edited per
 * resident; training records (岗前培训, 专业培训, 学历进修) of one resident or
 * all. Both lists export as CSV and XLSX from the same column table, and
 * every change is audited in its transaction. */
#include <string.h>

#include "core/date.h"
#include "http/fields.h"
#include "modules/people/people_self.h"
#include "web/export.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

#define EXPORT_MAX 10000

static int date_ok(const char *s)
{
	struct ymd d;
	return !*s || date_parse(s, &d) == 0;
}

/* The resident of ?person= (or the form's person): 0 with *p, 1 none given
 * or not of this community, -1. */
static int chosen(struct req *r, const char *v, struct people_person *p)
{
	int64_t id = people_self_id(v);
	return id ? people_person_get(r->db, r->a, r->community->id, id, p) : 1;
}

/* The search for a resident to act on: a GET form and the residents found,
 * each linking to path?person=ID. */
static enum http_result pick(struct req *r, const char *title, const char *path)
{
	const char *q = kv_get(&r->q, "q");
	struct people_person *p = NULL;
	size_t n = 0;
	int more;
	if (q && *q) {
		struct people_filter f = {.status = PEOPLE_LIVING, .q = q};
		if (people_list(r->db, r->a, r->community->id, &f, 0, 20, &p, &n, &more) < 0)
			return HR_ERROR;
	}
	struct buf *b = r->out;
	page_begin(r, title);
	H(b, "<h1>");
	h_text(b, title);
	H(b, "</h1><form method=\"get\" action=\"");
	h_clink(b, r->community->slug, path);
	H(b,
	  "\"><label for=\"f-q\">先查找居民:姓名、拼音、身份证号或手机号</label><input id=\"f-q\" name=\"q\" "
	  "type=\"search\" value=\"");
	h_attr(b, q ? q : "");
	H(b, "\"><button type=\"submit\">查找</button></form>");
	if (q && *q) {
		H(b, "<ul>");
		for (size_t i = 0; i < n; i++) {
			H(b, "<li><a href=\"");
			h_clink(b, r->community->slug, path);
			buf_printf(b, "?person=%lld\">", (long long)p[i].id);
			h_text(b, p[i].name);
			H(b, "</a> ");
			h_text(b, p[i].id_masked);
			H(b, " ");
			h_text(b, p[i].phone_masked);
			H(b, "</li>");
		}
		if (!n)
			H(b, "<li>没有找到在册的居民</li>");
		H(b, "</ul>");
	}
	page_end(r);
	return HR_OK;
}

/* The window of a list or its export: the export holds every row (up to
 * EXPORT_MAX), the page PEOPLE_SELF_PAGE_ROWS from ?page=. 0, or -1 for a
 * page that cannot be. */
static int list_window(struct req *r, const char **format, int64_t *page, int64_t *offset, int *limit)
{
	*format = export_format(r->path);
	*page = *format ? 1 : page_param(r);
	*limit = *format ? EXPORT_MAX : PEOPLE_SELF_PAGE_ROWS;
	return page_offset(*page, *limit, offset);
}

/* Answers with n rows (of size bytes each) as an export of cols, each
 * written by row. */
static enum http_result export_rows(struct req *r, const char *title, const struct tcol *cols, int ncols,
                                    const void *rows, size_t size, size_t n,
                                    void (*row)(struct req *r, struct table *t, const void *x),
                                    const char *format)
{
	struct table t;
	struct export_table x;
	if (table_begin_export(&t, r->a, &x, title, cols, ncols) < 0)
		return HR_ERROR;
	for (size_t i = 0; i < n; i++)
		row(r, &t, (const char *)rows + i * size);
	if (table_end(&t) < 0)
		return req_error(r, "cannot build the export");
	return export_send(r, &x, format);
}

/* The resident of ?person=: 1 with *p; else 0 with *hr the answer (the
 * picker on a GET, 404 on a POST, or 500). */
static int resident(struct req *r, const char *title, const char *path, struct people_person *p,
                    enum http_result *hr)
{
	int rc = chosen(r, kv_get(&r->q, "person"), p);
	if (rc == 0)
		return 1;
	*hr = rc < 0                     ? HR_ERROR
	      : r->method == METHOD_POST ? req_fail(r, HR_NOT_FOUND, "找不到这位居民。")
	                                 : pick(r, title, path);
	return 0;
}

/* Opens a resident's form page: the heading "title:name", the error
 * summary and the form posting to path?person=ID. */
static void person_form_begin(struct req *r, const char *title, const struct people_person *p,
                              const char *path, const char *const *errs, size_t nerrs)
{
	struct buf *b = r->out;
	page_begin(r, title);
	H(b, "<h1>");
	h_text(b, title);
	H(b, ":");
	h_text(b, p->name);
	H(b, "</h1>");
	form_error_summary(r, errs, nerrs);
	form_begin(
	    r, arena_printf(r->a, "%s?person=%lld", url_c(r->a, r->community->slug, path), (long long)p->id));
}

/* ---- party members ---- */

static const struct form_option party_options[] = {
    {"full", "正式党员", NULL}, {"probationary", "预备党员", NULL}, {"transferred_out", "已转出", NULL}};

static const struct tcol party_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL}, {"党支部", 0, NULL},       {"入党时间", 0, NULL}, {"状态", 0, NULL},
    {"转入时间", 0, NULL},        {"转入自", 0, NULL},       {"转出时间", 0, NULL}, {"转往", 0, NULL},
    {"手机号码", 0, NULL},        {"操作", TCOL_PAGE, NULL},
};
#define PARTY_NCOLS (int)(sizeof party_cols / sizeof *party_cols)

static void party_row(struct req *r, struct table *t, const void *x)
{
	const struct people_party *m = x;
	table_tr(t, NULL);
	table_text(t, m->name);
	table_text(t, m->branch);
	table_text(t, m->joined_on);
	table_text(t, people_party_status_label(m->status));
	table_text(t, m->transfer_in_on);
	table_text(t, m->transfer_in_from);
	table_text(t, m->transfer_out_on);
	table_text(t, m->transfer_out_to);
	table_text(t, m->phone_masked);
	if (!t->x)
		table_link(t,
		           arena_printf(r->a, "%s?person=%lld",
		                        url_c(r->a, r->community->slug, "/admin/people/party/edit"),
		                        (long long)m->person_id),
		           "修改");
	else
		table_text(t, "");
}

enum http_result people_party_h_list(struct req *r)
{
	const char *status = kv_get(&r->q, "status"), *branch = kv_get(&r->q, "branch");
	if (status && !people_party_status_label(status))
		status = NULL;
	const char *format;
	int64_t page, offset;
	int limit;
	if (list_window(r, &format, &page, &offset, &limit) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这一页。");
	struct people_party *m;
	size_t n;
	int more;
	if (people_party_list(r->db, r->a, r->community->id, status, branch, offset, limit, &m, &n, &more) <
	    0)
		return HR_ERROR;
	if (format)
		return export_rows(r, "党员名册", party_cols, PARTY_NCOLS, m, sizeof *m, n, party_row,
		                   format);
	struct table t;
	struct buf *b = r->out;
	page_begin(r, "党员名册");
	H(b, "<h1>党员名册</h1>");
	if (kv_get(&r->q, "done"))
		page_notice(r, "已保存。");
	H(b, "<p><a class=\"button\" href=\"");
	h_clink(b, r->community->slug, "/admin/people/party/edit");
	H(b, "\">登记党员</a></p>");
	filter_links(r, "按状态", "status", "全部", party_options, 3);
	static const char *const names[] = {"branch"};
	filter_begin(r, "按党支部", names, 1);
	struct form_field bf = {.name = "branch", .label = "党支部", .value = branch};
	form_field_input(r, &bf, "text");
	filter_end(r, NULL);
	export_links(r, NULL);
	table_begin(&t, b, NULL, "党员名册", party_cols, PARTY_NCOLS, TABLE_CARDS, "没有符合条件的党员");
	for (size_t i = 0; i < n; i++)
		party_row(r, &t, &m[i]);
	table_end(&t);
	page_pager(r, page, more);
	page_end(r);
	return HR_OK;
}

enum { PF_BRANCH, PF_JOINED, PF_STATUS, PF_IN_ON, PF_IN_FROM, PF_OUT_ON, PF_OUT_TO, PF__MAX };
static const struct field party_fields[PF__MAX] = {
    {"branch", "党支部", FIELD_TEXT, 1, 60},
    {"joined_on", "入党时间", FIELD_TEXT, 0, 10},
    {"status", "状态", FIELD_TEXT, 1, 20},
    {"transfer_in_on", "转入时间", FIELD_TEXT, 0, 10},
    {"transfer_in_from", "转入自", FIELD_TEXT, 0, 100},
    {"transfer_out_on", "转出时间", FIELD_TEXT, 0, 10},
    {"transfer_out_to", "转往", FIELD_TEXT, 0, 100},
};

static void view_party_edit(struct req *r, const struct people_person *p, const char *const *vals,
                            const char *const *errs)
{
	person_form_begin(r, "登记党员", p, "/admin/people/party/edit", errs, PF__MAX);
	for (int i = 0; i < PF__MAX; i++) {
		struct form_field f = {.name = party_fields[i].name,
		                       .label = party_fields[i].label,
		                       .value = vals[i],
		                       .error = errs[i],
		                       .required = party_fields[i].required};
		if (i == PF_STATUS)
			form_select(r, &f, party_options, 3);
		else if (i == PF_JOINED || i == PF_IN_ON || i == PF_OUT_ON)
			form_date(r, &f);
		else
			form_field_input(r, &f, "text");
	}
	form_submit(r, "保存");
	form_end(r);
	page_end(r);
}

enum http_result people_party_h_edit(struct req *r)
{
	struct people_person p;
	enum http_result hr;
	if (!resident(r, "登记党员", "/admin/people/party/edit", &p, &hr))
		return hr;
	int rc;
	const char *vals[PF__MAX] = {0}, *errs[PF__MAX] = {0};
	if (r->method != METHOD_POST) {
		struct people_party m;
		rc = people_party_get(r->db, r->a, r->community->id, p.id, &m);
		if (rc < 0)
			return HR_ERROR;
		if (rc == 0) {
			const char *v[PF__MAX] = {m.branch,         m.joined_on,        m.status,
			                          m.transfer_in_on, m.transfer_in_from, m.transfer_out_on,
			                          m.transfer_out_to};
			memcpy(vals, v, sizeof v);
		}
		view_party_edit(r, &p, vals, errs);
		return HR_OK;
	}
	int bad = fields_validate(r->a, &r->form, party_fields, PF__MAX, vals, errs);
	if (!errs[PF_STATUS] && !people_party_status_label(vals[PF_STATUS])) {
		errs[PF_STATUS] = "请选择状态";
		bad++;
	}
	const int dates[] = {PF_JOINED, PF_IN_ON, PF_OUT_ON};
	for (int i = 0; i < 3; i++)
		if (!errs[dates[i]] && !date_ok(vals[dates[i]])) {
			errs[dates[i]] = "请按 2026-11-01 的格式填写日期";
			bad++;
		}
	if (bad) {
		view_party_edit(r, &p, vals, errs);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	struct people_party m = {.person_id = p.id,
	                         .branch = vals[PF_BRANCH],
	                         .joined_on = vals[PF_JOINED],
	                         .status = vals[PF_STATUS],
	                         .transfer_in_on = vals[PF_IN_ON],
	                         .transfer_in_from = vals[PF_IN_FROM],
	                         .transfer_out_on = vals[PF_OUT_ON],
	                         .transfer_out_to = vals[PF_OUT_TO]};
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (people_party_save(r->db, r->community->id, &m, r->now) < 0)
		return db_rollback(r->db), req_error(r, "cannot save the party membership");
	if (req_audit_commit(r, "people.party_save", "people_person", p.id,
	                     arena_printf(r->a, "%s,%s,%s", p.name_masked, m.branch,
	                                  people_party_status_label(m.status))) < 0)
		return HR_ERROR;
	const char *to = url_c(r->a, r->community->slug, "/admin/people/party/?done=1");
	return to ? req_redirect(r, to) : req_error(r, "out of request memory");
}

/* ---- training records ---- */

static const struct form_option kind_options[] = {
    {"pre_job", "岗前培训", NULL}, {"professional", "专业培训", NULL}, {"education", "学历进修", NULL}};

static const struct tcol training_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL}, {"类别", 0, NULL}, {"课程", 0, NULL},
    {"学时", TCOL_NUM, NULL},     {"日期", 0, NULL}, {"证书", 0, NULL},
    {"操作", TCOL_PAGE, NULL},
};
#define TRAINING_NCOLS (int)(sizeof training_cols / sizeof *training_cols)

int people_training_hours(const char *s, int *tenths)
{
	int v = 0, digits = 0, frac = -1;
	for (; *s; s++) {
		if (*s == '.' && frac < 0 && digits) {
			frac = 0;
		} else if (*s >= '0' && *s <= '9' && frac < 0 && digits < 5) {
			v = v * 10 + (*s - '0');
			digits++;
		} else if (*s >= '0' && *s <= '9' && frac == 0) {
			v = v * 10 + (*s - '0');
			frac = 1;
		} else {
			return -1;
		}
	}
	if (!digits || frac == 0)
		return -1;
	if (frac < 0)
		v *= 10;
	if (v > 100000)
		return -1;
	*tenths = v;
	return 0;
}

static void training_row(struct req *r, struct table *t, const void *x)
{
	const struct people_training *k = x;
	table_tr(t, NULL);
	table_text(t, k->name);
	table_text(t, people_training_kind_label(k->kind));
	table_text(t, k->course);
	table_text(t, arena_printf(r->a, "%d.%d", k->hours_tenths / 10, k->hours_tenths % 10));
	table_text(t, k->taken_on);
	table_text(t, k->certificate);
	if (!t->x)
		table_link(t,
		           arena_printf(r->a, "%s?person=%lld",
		                        url_c(r->a, r->community->slug, "/admin/people/training/"),
		                        (long long)k->person_id),
		           "只看此人");
	else
		table_text(t, "");
}

enum http_result people_training_h_list(struct req *r)
{
	int64_t person = people_self_id(kv_get(&r->q, "person"));
	const char *format;
	int64_t page, offset;
	int limit;
	if (list_window(r, &format, &page, &offset, &limit) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这一页。");
	struct people_training *k;
	size_t n;
	int more;
	if (people_training_list(r->db, r->a, r->community->id, person, offset, limit, &k, &n, &more) < 0)
		return HR_ERROR;
	if (format)
		return export_rows(r, "培训记录", training_cols, TRAINING_NCOLS, k, sizeof *k, n,
		                   training_row, format);
	struct table t;
	struct buf *b = r->out;
	page_begin(r, "培训记录");
	H(b, "<h1>培训记录</h1>");
	if (kv_get(&r->q, "done"))
		page_notice(r, "已添加培训记录。");
	H(b, "<p><a class=\"button\" href=\"");
	h_clink(b, r->community->slug, "/admin/people/training/new");
	if (person)
		buf_printf(b, "?person=%lld", (long long)person);
	H(b, "\">添加培训记录</a>");
	if (person) {
		H(b, " <a href=\"");
		h_clink(b, r->community->slug, "/admin/people/training/");
		H(b, "\">查看全部</a>");
	}
	H(b, "</p>");
	export_links(r, NULL);
	table_begin(&t, b, NULL, "培训记录", training_cols, TRAINING_NCOLS, TABLE_CARDS, "还没有培训记录");
	for (size_t i = 0; i < n; i++)
		training_row(r, &t, &k[i]);
	table_end(&t);
	page_pager(r, page, more);
	page_end(r);
	return HR_OK;
}

enum { TF_KIND, TF_COURSE, TF_HOURS, TF_DATE, TF_CERT, TF__MAX };
static const struct field training_fields[TF__MAX] = {
    {"kind", "类别", FIELD_TEXT, 1, 20},         {"course", "课程", FIELD_TEXT, 1, 100},
    {"hours", "学时", FIELD_TEXT, 1, 10},        {"taken_on", "日期", FIELD_TEXT, 1, 10},
    {"certificate", "证书", FIELD_TEXT, 0, 100},
};

static void view_training_new(struct req *r, const struct people_person *p, const char *const *vals,
                              const char *const *errs)
{
	person_form_begin(r, "添加培训记录", p, "/admin/people/training/new", errs, TF__MAX);
	for (int i = 0; i < TF__MAX; i++) {
		struct form_field f = {.name = training_fields[i].name,
		                       .label = training_fields[i].label,
		                       .value = vals[i],
		                       .error = errs[i],
		                       .required = training_fields[i].required};
		if (i == TF_KIND) {
			form_select(r, &f, kind_options, 3);
		} else if (i == TF_DATE) {
			form_date(r, &f);
		} else if (i == TF_HOURS) {
			f.hint = "如 16 或 1.5";
			form_field_input(r, &f, "text");
		} else {
			form_field_input(r, &f, "text");
		}
	}
	form_submit(r, "添加");
	form_end(r);
	page_end(r);
}

enum http_result people_training_h_new(struct req *r)
{
	struct people_person p;
	enum http_result hr;
	if (!resident(r, "添加培训记录", "/admin/people/training/new", &p, &hr))
		return hr;
	const char *vals[TF__MAX] = {0}, *errs[TF__MAX] = {0};
	if (r->method != METHOD_POST) {
		view_training_new(r, &p, vals, errs);
		return HR_OK;
	}
	int bad = fields_validate(r->a, &r->form, training_fields, TF__MAX, vals, errs);
	struct people_training t = {.person_id = p.id,
	                            .kind = vals[TF_KIND],
	                            .course = vals[TF_COURSE],
	                            .taken_on = vals[TF_DATE],
	                            .certificate = vals[TF_CERT]};
	if (!errs[TF_KIND] && !people_training_kind_label(t.kind)) {
		errs[TF_KIND] = "请选择类别";
		bad++;
	}
	if (!errs[TF_HOURS] && people_training_hours(vals[TF_HOURS], &t.hours_tenths) < 0) {
		errs[TF_HOURS] = "学时应为 0 到 10000 之间的数,最多一位小数";
		bad++;
	}
	struct ymd d;
	if (!errs[TF_DATE] && (date_parse(t.taken_on, &d) < 0 || date_to_time(d) > r->now)) {
		errs[TF_DATE] = "请按 2026-11-01 的格式填写日期,不能晚于今天";
		bad++;
	}
	if (bad) {
		view_training_new(r, &p, vals, errs);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	int64_t id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (people_training_add(r->db, r->community->id, &t, r->user->id, r->now, &id) < 0)
		return db_rollback(r->db), req_error(r, "cannot add the training record");
	if (req_audit_commit(r, "people.training_add", "people_training", id,
	                     arena_printf(r->a, "%s,%s,%s", p.name_masked, people_training_kind_label(t.kind),
	                                  t.course)) < 0)
		return HR_ERROR;
	const char *to = url_c(r->a, r->community->slug, "/admin/people/training/?done=1");
	return to ? req_redirect(r, to) : req_error(r, "out of request memory");
}
