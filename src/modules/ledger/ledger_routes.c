/* The ledger's staff pages for entries: the entries' list with its exports, the entry
 * form, an entry's page and its actions (approve, edit, withdraw,
 * reverse). The overview, the months and the workbench are in
 * ledger_routes_months.c, the categories in ledger_routes_cats.c. Every write: POST (CSRF checked
 * by the router), db_begin, the store, req_audit_commit, redirect; a
 * refusal rolls back and shows the page again with the reason. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/str.h"
#include "modules/ledger/ledger_web.h"
#include "web/export.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* ---- shared ---- */

int64_t ledger_id_param(const char *s)
{
	int64_t id;
	if (!s || *s < '1' || *s > '9' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

int ledger_year_param(const char *s)
{
	int64_t y;
	if (!s || !*s)
		return 0;
	if (str_to_int64(s, &y) < 0 || y < 2000 || y > 2099)
		return -1;
	return (int)y;
}

int ledger_filter_from(const struct kvlist *q, struct ledger_filter *f)
{
	memset(f, 0, sizeof *f);
	f->kind = -1;
	const char *month = kv_get(q, "month"), *kind = kv_get(q, "kind"), *cat = kv_get(q, "category");
	if (month && *month) {
		if (!ledger_month_ok(month))
			return -1;
		f->period = month;
	}
	if ((f->year = ledger_year_param(kv_get(q, "year"))) < 0)
		return -1;
	if (kind && *kind && (f->kind = ledger_kind_parse(kind)) < 0)
		return -1;
	if (cat && *cat && !(f->category_id = ledger_id_param(cat)))
		return -1;
	const char *pending = kv_get(q, "pending");
	f->pending = pending && !strcmp(pending, "1");
	return 0;
}

const char *ledger_entry_status(const struct ledger_entry *e)
{
	if (!e->approved_at)
		return "待审核";
	if (e->reverses_id)
		return "冲销凭证";
	return e->reversed_by_id ? "已冲销" : "已审核";
}

static enum http_result go(struct req *r, const char *path)
{
	return path ? req_redirect(r, path) : req_error(r, "out of request memory");
}

/* Writes the audit row of action on entry id, commits, and goes to the
 * entry's page (rest: its query, "?done=..."). */
static enum http_result audited(struct req *r, const char *action, int64_t id, const char *detail,
                                const char *rest)
{
	if (req_audit_commit(r, action, "ledger_entry", id, detail) < 0)
		return HR_ERROR;
	return go(r, url_c_id(r->a, r->community->slug, "/admin/ledger/entries/", id, rest));
}

/* The entry of the path's {id}: 0 with *e, else *hr the answer. */
static int entry_of(struct req *r, struct ledger_entry *e, enum http_result *hr)
{
	int64_t id = ledger_id_param(r->param[1]);
	int rc = id ? ledger_entry_get(r->db, r->a, r->community->id, id, e) : LEDGER_NOT_FOUND;
	if (rc == 0)
		return 0;
	*hr =
	    rc < 0 ? req_error(r, "cannot read a ledger entry") : req_fail(r, HR_NOT_FOUND, "没有这张凭证。");
	return -1;
}

/* ---- the entries' list and its exports ---- */

static const struct tcol entry_cols[] = {
    {"日期", 0, NULL},
    {"凭证号", TCOL_ROWHEAD, NULL},
    {"收支", 0, NULL},
    {"类别", 0, NULL},
    {"金额", TCOL_NUM, "金额(元)"},
    {"对方单位或个人", 0, NULL},
    {"摘要", 0, NULL},
    {"状态", 0, NULL},
    {"附件", TCOL_NUM, "凭证附件数"},
    {"录入人", 0, NULL},
    {"审核人", TCOL_EXPORT, NULL},
};
#define ENTRY_NCOLS (int)(sizeof entry_cols / sizeof *entry_cols)

struct rows {
	struct req *r;
	struct table *t;
	size_t n, max; /* rows written, and the most an export takes (0: any) */
};

/* A text cell; in an export a copy, since ledger_entries_each reuses its
 * row's memory before the export takes the row. */
static void cell(struct table *t, const char *s)
{
	table_text(t, t->x && s ? arena_strdup(t->a, s) : s);
}

static int entry_row(void *ctx, const struct ledger_entry *e)
{
	struct rows *x = ctx;
	struct table *t = x->t;
	if (x->max && ++x->n > x->max)
		return 1;
	table_tr(t, NULL);
	cell(t, e->date);
	if (t->x)
		cell(t, e->voucher_no);
	else
		table_link(t, url_c_id(x->r->a, x->r->community->slug, "/admin/ledger/entries/", e->id, NULL),
		           e->voucher_no);
	table_text(t, ledger_kind_word(e->kind));
	cell(t, e->category);
	table_money(t, e->amount_fen);
	cell(t, e->counterparty);
	cell(t, e->purpose);
	table_text(t, ledger_entry_status(e));
	table_int(t, e->files);
	cell(t, e->entered_name);
	cell(t, e->approved_name);
	return t->err ? -1 : 0;
}

/* The filter bar: month or year, kind, category, pending only. */
static void entries_filters(struct req *r, const struct ledger_category *cats, size_t ncats)
{
	static const char *const names[] = {"month", "year", "kind", "category", "pending"};
	/* "全部" first: a filter left alone filters nothing */
	static const struct form_option kinds[] = {
	    {"", "全部", NULL}, {"income", "收入", NULL}, {"expense", "支出", NULL}};
	filter_begin(r, "筛选凭证", names, 5);
	struct form_field f = {
	    .name = "month", .label = "月份", .hint = "如 2026-10", .value = kv_get(&r->q, "month")};
	form_field_input(r, &f, "month");
	f = (struct form_field){
	    .name = "year", .label = "年份", .hint = "如 2026", .value = kv_get(&r->q, "year")};
	form_number(r, &f);
	f = (struct form_field){.name = "kind", .label = "收支", .value = kv_get(&r->q, "kind")};
	form_select(r, &f, kinds, 3);
	struct form_option *o = arena_alloc(r->a, (ncats + 1) * sizeof *o);
	size_t n = 0;
	if (o)
		o[n++] = (struct form_option){"", "全部类别", NULL};
	for (size_t i = 0; o && i < ncats; i++)
		o[n++] = (struct form_option){arena_printf(r->a, "%lld", (long long)cats[i].id), cats[i].name,
		                              ledger_kind_word(cats[i].kind)};
	f = (struct form_field){.name = "category", .label = "类别", .value = kv_get(&r->q, "category")};
	form_select(r, &f, o, n);
	f = (struct form_field){.name = "pending", .label = "只看待审核", .value = kv_get(&r->q, "pending")};
	form_checkbox(r, &f);
	filter_end(r, NULL);
}

enum http_result ledger_h_entries(struct req *r)
{
	struct ledger_filter f;
	if (ledger_filter_from(&r->q, &f) < 0)
		return req_fail(r, HR_BAD_REQUEST, "筛选条件不正确:月份如 2026-10,年份如 2026。");
	const char *format = export_format(r->path);
	if (format) {
		struct table t;
		struct export_table x;
		struct rows rw = {r, &t, 0, LEDGER_EXPORT_MAX};
		if (table_begin_export(&t, r->a, &x, "收支明细", entry_cols, ENTRY_NCOLS) < 0)
			return req_error(r, "out of request memory");
		int rc = ledger_entries_each(r->db, r->a, r->community->id, &f, entry_row, &rw);
		if (rc == 1)
			return req_fail(r, HR_INVALID, LEDGER_EXPORT_TOO_BIG);
		if (rc || table_end(&t) < 0)
			return req_error(r, "cannot export the ledger's entries");
		return export_send(r, &x, format);
	}
	int64_t page = page_param(r), offset;
	if (page < 0 || page_offset(page, LEDGER_PAGE_ROWS, &offset) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这一页。");
	struct ledger_entry *e;
	struct ledger_category *cats;
	size_t n, ncats;
	int more;
	if (ledger_entries(r->db, r->a, r->community->id, &f, offset, LEDGER_PAGE_ROWS, &e, &n, &more) < 0 ||
	    ledger_categories(r->db, r->a, r->community->id, 1, &cats, &ncats) < 0)
		return req_error(r, "cannot read the ledger's entries");
	struct buf *b = r->out;
	const char *title = f.pending ? "待审核凭证" : "收支明细";
	page_begin(r, title);
	H(b, "<p><a href=\"");
	h_clink(b, r->community->slug, "/admin/ledger/");
	H(b, "\">← 财务收支</a></p><h1>");
	h_text(b, title);
	H(b, "</h1>");
	if (f.pending)
		H(b, "<p>您录入的凭证须由另一名工作人员审核;“录入人”一栏是别人的,您可以审核。</p>");
	H(b, "<p><a class=\"button\" href=\"");
	h_clink(b, r->community->slug, "/admin/ledger/entries/new");
	H(b, "\">记一笔</a> <a class=\"button secondary\" href=\"");
	h_clink(b, r->community->slug, "/admin/ledger/import");
	H(b, "\">导入凭证</a></p>");
	entries_filters(r, cats, ncats);
	export_links(r, NULL);
	struct table t;
	struct rows rw = {r, &t};
	table_begin(&t, b, NULL, "收支明细", entry_cols, ENTRY_NCOLS, TABLE_CARDS, "没有符合条件的凭证");
	for (size_t i = 0; i < n; i++)
		entry_row(&rw, &e[i]);
	table_end(&t);
	page_pager(r, page, more);
	page_end(r);
	return HR_OK;
}

/* ---- the entry form ---- */

static const char *const field_names[LF__MAX] = {"date",         "kind",       "category", "amount",
                                                 "counterparty", "voucher_no", "purpose"};

/* The posted form's values into vals, checked into *e, or the problems
 * written into errs: 0 good, 1 problems, -1 out of memory. */
static int check_form(struct req *r, const char **vals, const struct ledger_category *cats, size_t ncats,
                      struct ledger_entry *e, const char **errs)
{
	for (int i = 0; i < LF__MAX; i++)
		vals[i] = kv_get(&r->form, field_names[i]);
	struct ledger_input in = {vals[LF_DATE],         vals[LF_KIND],    vals[LF_CATEGORY], vals[LF_AMOUNT],
	                          vals[LF_COUNTERPARTY], vals[LF_VOUCHER], vals[LF_PURPOSE]};
	struct ledger_problem p[LEDGER_MAX_PROBLEMS];
	int n = ledger_check(r->a, &in, cats, ncats, r->now, e, p);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < LF__MAX; k++)
			if (!strcmp(p[i].field, field_names[k]) && !errs[k])
				errs[k] = p[i].message;
	return n < 0 ? -1 : n > 0;
}

/* What a refused write of an entry says, beside its field: 1 when rc was
 * such a refusal (errs set), 0 when not. */
static int store_refusal(struct req *r, int rc, const struct ledger_entry *e, const char **errs)
{
	if (rc == LEDGER_CLOSED)
		errs[LF_DATE] = arena_printf(r->a, "%s 已结账,不能再记入或修改:请核对日期", e->period);
	else if (rc == LEDGER_DUP_VOUCHER)
		errs[LF_VOUCHER] =
		    arena_printf(r->a, "凭证号“%s”在 %d 年已经用过,请换一个", e->voucher_no, e->voucher_year);
	else
		return 0;
	return 1;
}

static enum http_result form_again(struct req *r, const char *title, const char *action,
                                   const char *const *vals, const char *const *errs, const char *refusal,
                                   const struct ledger_category *cats, size_t ncats)
{
	ledger_view_entry_form(r, title, action, vals, errs, refusal, cats, ncats);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
}

static const char *entry_detail(struct req *r, const struct ledger_entry *e)
{
	char m[32];
	money_format(e->amount_fen, m, sizeof m);
	return arena_printf(r->a, "%s 凭证号 %s,%s %s", e->date, e->voucher_no, ledger_kind_word(e->kind), m);
}

enum http_result ledger_h_entry_new(struct req *r)
{
	struct ledger_category *cats;
	size_t ncats;
	if (ledger_categories(r->db, r->a, r->community->id, 0, &cats, &ncats) < 0)
		return req_error(r, "cannot read the ledger's categories");
	const char *action = url_c(r->a, r->community->slug, "/admin/ledger/entries/new");
	const char *vals[LF__MAX] = {0}, *errs[LF__MAX] = {0};
	if (r->method != METHOD_POST) {
		char today[11];
		date_format(date_from_time(r->now), today);
		vals[LF_DATE] = arena_strdup(r->a, today);
		vals[LF_KIND] = kv_get(&r->q, "kind");
		ledger_view_entry_form(r, "记一笔", action, vals, errs, NULL, cats, ncats);
		return HR_OK;
	}
	struct ledger_entry e;
	int bad = check_form(r, vals, cats, ncats, &e, errs);
	if (bad < 0)
		return req_error(r, "out of request memory");
	if (bad)
		return form_again(r, "记一笔", action, vals, errs, NULL, cats, ncats);
	int64_t id;
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin");
	int rc = ledger_entry_add(r->db, r->community->id, &e, "desk", r->user->id, r->now, &id);
	if (rc) {
		db_rollback(r->db);
		if (store_refusal(r, rc, &e, errs))
			return form_again(r, "记一笔", action, vals, errs, NULL, cats, ncats);
		return req_error(r, "cannot add a ledger entry");
	}
	return audited(r, "ledger.entry_add", id, entry_detail(r, &e), "?done=added");
}

enum http_result ledger_h_entry_edit(struct req *r)
{
	struct ledger_entry old;
	enum http_result hr;
	if (entry_of(r, &old, &hr) < 0)
		return hr;
	if (old.approved_at || old.reverses_id)
		return req_fail(r, HR_NOT_FOUND, "这张凭证已审核或是冲销凭证,不能修改。");
	struct ledger_category *cats;
	size_t ncats;
	if (ledger_categories(r->db, r->a, r->community->id, 0, &cats, &ncats) < 0)
		return req_error(r, "cannot read the ledger's categories");
	const char *action = url_c_id(r->a, r->community->slug, "/admin/ledger/entries/", old.id, "/edit");
	const char *title = arena_printf(r->a, "修改凭证 %s", old.voucher_no);
	const char *vals[LF__MAX] = {0}, *errs[LF__MAX] = {0};
	if (r->method != METHOD_POST) {
		char m[32];
		money_format(old.amount_fen, m, sizeof m);
		const char *v[LF__MAX] = {old.date,
		                          ledger_kind_code(old.kind),
		                          arena_printf(r->a, "%lld", (long long)old.category_id),
		                          arena_strdup(r->a, m),
		                          old.counterparty,
		                          old.voucher_no,
		                          old.purpose};
		memcpy(vals, v, sizeof v);
		ledger_view_entry_form(r, title, action, vals, errs, NULL, cats, ncats);
		return HR_OK;
	}
	struct ledger_entry e;
	int bad = check_form(r, vals, cats, ncats, &e, errs);
	if (bad < 0)
		return req_error(r, "out of request memory");
	if (bad)
		return form_again(r, title, action, vals, errs, NULL, cats, ncats);
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin");
	int rc = ledger_entry_update(r->db, r->community->id, old.id, &e, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		if (store_refusal(r, rc, &e, errs))
			return form_again(r, title, action, vals, errs, NULL, cats, ncats);
		if (rc == LEDGER_STATE || rc == LEDGER_NOT_FOUND)
			return form_again(r, title, action, vals, errs,
			                  "这张凭证刚刚已被审核或撤回,不能再修改。", cats, ncats);
		return req_error(r, "cannot update a ledger entry");
	}
	return audited(r, "ledger.entry_update", old.id, entry_detail(r, &e), "?done=updated");
}

/* ---- an entry's page and its actions ---- */

enum http_result ledger_h_entry(struct req *r)
{
	struct ledger_entry e;
	enum http_result hr;
	if (entry_of(r, &e, &hr) < 0)
		return hr;
	const char *done = kv_get(&r->q, "done"), *notice = NULL;
	if (done && !strcmp(done, "added"))
		notice = "已保存,等待另一名工作人员审核。";
	else if (done && !strcmp(done, "updated"))
		notice = "已修改。";
	else if (done && !strcmp(done, "approved"))
		notice = "已审核通过,计入账目。";
	else if (done && !strcmp(done, "reversed"))
		notice = "已录入冲销凭证,等待审核。";
	else if (done && !strcmp(done, "files"))
		notice = "凭证附件已上传,列在下方“凭证附件”中。";
	else if (done && !strcmp(done, "file_removed"))
		notice = "已删除凭证附件。";
	struct ledger_file_list files;
	if (ledger_files(r->db, r->a, r->community->id, e.id, &files) < 0)
		return req_error(r, "cannot read an entry's scans");
	ledger_view_entry(r, &e, notice, NULL, NULL, &files);
	return HR_OK;
}

/* (ledger_web.h) */
enum http_result ledger_entry_again(struct req *r, const char *message, const struct ledger_reverse_form *rf,
                                    const char *files_error)
{
	struct ledger_entry e;
	enum http_result hr;
	if (entry_of(r, &e, &hr) < 0)
		return hr;
	struct ledger_file_list files;
	if (ledger_files(r->db, r->a, r->community->id, e.id, &files) < 0)
		return req_error(r, "cannot read an entry's scans");
	files.error = files_error;
	ledger_view_entry(r, &e, NULL, message, rf, &files);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, message ? message : files_error ? files_error : "请修改表单中标出的问题。");
}

/* The entry's page again with a refusal (the transaction rolled back). */
static enum http_result refuse(struct req *r, const char *message, const struct ledger_reverse_form *rf)
{
	return ledger_entry_again(r, message, rf, NULL);
}

static const char *state_message(int rc)
{
	switch (rc) {
	case LEDGER_SELF:
		return "这张凭证是您录入的,不能由您审核:请另一名工作人员审核。";
	case LEDGER_STATE:
		return "这张凭证的状态已经变了(已审核、已撤回或已冲销),请看最新状态。";
	case LEDGER_CLOSED:
		return "凭证所在月份已结账,不能再改动。";
	case LEDGER_NOT_FOUND:
		return "没有这张凭证(可能已被撤回)。";
	default:
		return NULL;
	}
}

enum http_result ledger_h_entry_approve(struct req *r)
{
	int64_t id = ledger_id_param(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这张凭证。");
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin");
	int rc = ledger_entry_approve(r->db, r->community->id, id, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		return state_message(rc) ? refuse(r, state_message(rc), NULL)
		                         : req_error(r, "cannot approve an entry");
	}
	return audited(r, "ledger.entry_approve", id, "审核通过", "?done=approved");
}

enum http_result ledger_h_entry_withdraw(struct req *r)
{
	struct ledger_entry e;
	enum http_result hr;
	if (entry_of(r, &e, &hr) < 0)
		return hr;
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin");
	int rc = ledger_entry_withdraw(r->db, r->community->id, e.id);
	if (rc) {
		db_rollback(r->db);
		return state_message(rc) ? refuse(r, state_message(rc), NULL)
		                         : req_error(r, "cannot withdraw an entry");
	}
	if (req_audit_commit(r, "ledger.entry_withdraw", "ledger_entry", e.id, entry_detail(r, &e)) < 0)
		return HR_ERROR;
	return go(r, url_c(r->a, r->community->slug, "/admin/ledger/entries?pending=1"));
}

/* A text field of the reversal form: trimmed, required, at most max bytes,
 * no control characters. NULL with *err set when it is not good. */
static const char *reverse_text(struct req *r, const char *s, size_t max, const char *label, const char **err)
{
	const char *t = s ? str_normalize(r->a, s, strlen(s)) : NULL;
	if (!t || !*t)
		*err = arena_printf(r->a, "请填写%s", label);
	else if (!utf8_valid(t, strlen(t)) || str_has_bidi_control(t))
		*err = arena_printf(r->a, "%s含有无法识别的字符", label);
	else if (strlen(t) > max)
		*err = arena_printf(r->a, "%s太长了,最多 %zu 个字节", label, max);
	else {
		for (const unsigned char *q = (const unsigned char *)t; *q; q++)
			if (*q < 0x20 || *q == 0x7f) {
				*err = arena_printf(r->a, "%s含有换行或控制字符", label);
				return NULL;
			}
		return t;
	}
	return NULL;
}

enum http_result ledger_h_entry_reverse(struct req *r)
{
	int64_t id = ledger_id_param(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这张凭证。");
	struct ledger_reverse_form rf = {
	    {kv_get(&r->form, "date"), kv_get(&r->form, "voucher_no"), kv_get(&r->form, "reason")}, {0}};
	struct ymd d;
	char date[11] = "";
	const char *ds = rf.vals[0] && utf8_valid(rf.vals[0], strlen(rf.vals[0]))
	                     ? str_normalize(r->a, rf.vals[0], strlen(rf.vals[0]))
	                     : NULL;
	if (!ds || !*ds)
		rf.errs[0] = "请填写冲销日期";
	else if (date_parse_typed(ds, &d) < 0 || d.y < 2000)
		rf.errs[0] = "日期不是有效日期:请写成 2026-10-08 这样";
	else if (date_cmp(d, date_from_time(r->now)) > 0)
		rf.errs[0] = "日期晚于今天";
	else
		date_format(d, date);
	const char *voucher = reverse_text(r, rf.vals[1], LEDGER_VOUCHER_MAX, "新凭证号", &rf.errs[1]);
	const char *reason = reverse_text(r, rf.vals[2], LEDGER_TEXT_MAX, "冲销原因", &rf.errs[2]);
	if (rf.errs[0] || rf.errs[1] || rf.errs[2])
		return refuse(r, NULL, &rf);
	int64_t new_id;
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin");
	int rc = ledger_entry_reverse(r->db, r->community->id, id, date, voucher, reason, r->user->id, r->now,
	                              &new_id);
	if (rc) {
		db_rollback(r->db);
		if (rc == LEDGER_CLOSED)
			rf.errs[0] = arena_printf(r->a, "%.7s 已结账,冲销日期须在未结账的月份", date);
		else if (rc == LEDGER_DUP_VOUCHER)
			rf.errs[1] =
			    arena_printf(r->a, "凭证号“%s”在 %.4s 年已经用过,请换一个", voucher, date);
		else if (rc == LEDGER_STATE)
			return refuse(
			    r, "这张凭证不能冲销:它尚未审核、已被冲销、正在冲销中,或本身就是冲销凭证。",
			    NULL);
		else if (state_message(rc))
			return refuse(r, state_message(rc), NULL);
		else
			return req_error(r, "cannot reverse an entry");
		return refuse(r, NULL, &rf);
	}
	return audited(
	    r, "ledger.entry_reverse", new_id,
	    arena_printf(r->a, "冲销凭证 %lld,新凭证号 %s,原因:%s", (long long)id, voucher, reason),
	    "?done=reversed");
}
