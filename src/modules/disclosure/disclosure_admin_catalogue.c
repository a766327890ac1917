/* Staff routes of the disclosure catalogue (公开目录: items, their bases,
 * frequencies and public columns) and of the street and district
 * overview of what is due, with its export. */
#include <string.h>

#include "auth/audit.h"
#include "core/str.h"
#include "http/fields.h"
#include "modules/disclosure/disclosure_routes.h"
#include "modules/disclosure/disclosure_web.h"
#include "org/org.h"
#include "web/export.h"

/* The typed fields of the item form and where each goes in the form's
 * vals (struct catalogue_form); the code is generated, the channels and
 * list columns are ticked (choices_ticked). */
static const struct field item_fields[] = {
    {"category", "类别", FIELD_TEXT, 1, 20},
    {"title", "事项名称", FIELD_TEXT, 1, 60},
    {"content", "公开内容要素", FIELD_MULTILINE, 0, 500},
    {"basis", "依据", FIELD_MULTILINE, 0, 500},
    {"frequency", "时限", FIELD_TEXT, 1, 20},
    {"responsible", "主体", FIELD_TEXT, 0, 60},
    {"notice_days", "公示天数", FIELD_INT, 0, 3},
};
#define ITEM_NFIELDS (sizeof item_fields / sizeof *item_fields)
static const int item_slot[ITEM_NFIELDS] = {1, 2, 3, 4, 5, 6, 9};

static const char *channel_name(int i)
{
	return disclosure_channel_name((enum disclosure_channel)i);
}

static const char *column_name(int i)
{
	return disclosure_recipient_col_name((enum recipient_col)i);
}

/* The comma list of the choices ticked on the form, in their order: choice
 * i is a checkbox named prefix + name(i) sending "1". NULL when the arena
 * is exhausted. */
static const char *choices_ticked(struct req *r, const char *prefix, const char *(*name)(int), int n)
{
	const char *out = "";
	for (int i = 0; i < n && out; i++) {
		const char *v = kv_get(&r->form, arena_printf(r->a, "%s%s", prefix, name(i)));
		if (v && !strcmp(v, "1"))
			out = arena_printf(r->a, "%s%s%s", out, *out ? "," : "", name(i));
	}
	return out;
}

enum http_result disclosure_h_catalogue_admin(struct req *r)
{
	struct catalogue_form f = {0};
	if (disclosure_items(r->db, r->a, r->community->id, 1, &f.items, &f.nitems) < 0)
		return HR_ERROR;
	if (kv_get(&r->q, "saved"))
		f.notice = "已保存。";
	else if (kv_get(&r->q, "retired"))
		f.notice = "已停用。它的历史内容仍然公开;停用错了可以在下面的列表中点“恢复”。";
	else if (kv_get(&r->q, "restored"))
		f.notice = "已恢复,这个事项重新列入公开目录和到期提醒。";
	disclosure_admin_view_catalogue(r, &f);
	return HR_OK;
}

/* The columns of a list a community's own staff may make public on a new
 * item: what the rules require of a 低保 or relief list (PIPL Art. 28/29:
 * nothing beyond need). Anything wider is a street or district decision. */
#define STAFF_LIST_COLUMNS ((1u << RCOL_NAME) | (1u << RCOL_HOUSEHOLD) | (1u << RCOL_AMOUNT))

/* Publishing more of a list's personal data is decided above the community:
 * NULL if this user may make cols public where was_public were, else the
 * reason, naming the added columns. */
static const char *widening_refused(struct req *r, unsigned was_public, unsigned cols, int editing)
{
	unsigned added = cols & ~was_public;
	if (!editing)
		added &= ~STAFF_LIST_COLUMNS;
	if (!added || req_has_role(r, ROLES_ADMIN))
		return NULL;
	return arena_printf(r->a,
			    "增加名单公开列(%s)会公开更多个人信息,须由街道或区管理员修改;社区工作人员只能减少公开列。"
			    "已发布的内容不受目录修改影响。",
			    disclosure_recipient_cols_label(r->a, added));
}

/* "字段: 旧 → 新" for every field of the item that changed, in words, for
 * the audit log. */
static char *item_changes(struct arena *a, const struct disclosure_item *o, const struct disclosure_item *n)
{
	struct {
		const char *label, *before, *after;
	} f[] = {
	    {"类别", disclosure_category_label(o->category), disclosure_category_label(n->category)},
	    {"事项名称", o->title, n->title},
	    {"公开内容要素", o->content, n->content},
	    {"依据", o->basis, n->basis},
	    {"时限", disclosure_freq_label(o->freq), disclosure_freq_label(n->freq)},
	    {"主体", o->responsible, n->responsible},
	    {"渠道载体", disclosure_channels_label(a, disclosure_channels_from(o->channels)),
	     disclosure_channels_label(a, disclosure_channels_from(n->channels))},
	    {"名单公开列", disclosure_recipient_cols_label(a, disclosure_recipient_cols_from(o->public_columns)),
	     disclosure_recipient_cols_label(a, disclosure_recipient_cols_from(n->public_columns))},
	    {"含个人信息", o->personal_data ? "是" : "否", n->personal_data ? "是" : "否"},
	    {"公示天数", arena_printf(a, "%d", o->notice_days), arena_printf(a, "%d", n->notice_days)},
	};
	char *out = arena_printf(a, "%s", o->title);
	int changed = 0;
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		if (!f[i].before || !f[i].after || !strcmp(f[i].before, f[i].after))
			continue;
		out = arena_printf(a, "%s%s%s: %s → %s", out, changed++ ? "; " : " ", f[i].label,
				   *f[i].before ? f[i].before : "(无)", *f[i].after ? f[i].after : "(无)");
	}
	return changed ? out : arena_printf(a, "%s 未改动", o->title);
}

/* Validates the item form into it; returns the number of errors. */
static int item_from_form(struct req *r, struct catalogue_form *f, struct disclosure_item *it)
{
	const char *vals[ITEM_NFIELDS], *errs[ITEM_NFIELDS];
	int bad = fields_validate(r->a, &r->form, item_fields, ITEM_NFIELDS, vals, errs);
	for (size_t i = 0; i < ITEM_NFIELDS; i++) {
		f->vals[item_slot[i]] = vals[i];
		f->errs[item_slot[i]] = errs[i];
	}
	f->vals[0] = f->editing ? f->editing->code : "";
	f->vals[7] = choices_ticked(r, "channel_", channel_name, CHAN__MAX);
	f->vals[8] = choices_ticked(r, "column_", column_name, RCOL__MAX);
	if (!f->vals[7] || !f->vals[8])
		return -1;
	if (!disclosure_channels_from(f->vals[7])) {
		f->errs[7] = "请至少勾选一种公开渠道";
		bad++;
	}
	int cat = disclosure_category_from(f->vals[1]), freq = disclosure_freq_from(f->vals[5]);
	if (!f->errs[1] && cat < 0) {
		f->errs[1] = "请选择类别";
		bad++;
	}
	if (!f->errs[5] && freq < 0) {
		f->errs[5] = "请选择时限";
		bad++;
	}
	int64_t notice = 0;
	if (!f->errs[9] && *f->vals[9] && (str_to_int64(f->vals[9], &notice) < 0 || notice < 0 || notice > 90)) {
		f->errs[9] = "公示天数应为 0 到 90";
		bad++;
	}
	unsigned cols = disclosure_recipient_cols_from(f->vals[8]);
	*it = (struct disclosure_item){.code = f->vals[0], .category = (enum disclosure_category)cat, .title = f->vals[2],
				       .content = f->vals[3], .basis = f->vals[4], .freq = (enum disclosure_freq)freq,
				       .responsible = f->vals[6], .channels = f->vals[7], .public_columns = f->vals[8],
				       .personal_data = cols != 0, .notice_days = (int)notice};
	return bad;
}

enum http_result disclosure_h_item_add(struct req *r)
{
	struct catalogue_form f = {0};
	struct disclosure_item it;
	int bad = item_from_form(r, &f, &it);
	if (bad < 0)
		return HR_ERROR;
	if (disclosure_items(r->db, r->a, r->community->id, 1, &f.items, &f.nitems) < 0)
		return HR_ERROR;
	it.sort_order = (int)(f.nitems + 1) * 10;
	int64_t id = 0;
	const char *refused = bad ? NULL : widening_refused(r, 0, disclosure_recipient_cols_from(it.public_columns), 0);
	if (refused) {
		f.errs[8] = refused;
		disclosure_admin_view_catalogue(r, &f);
		r->body_written = 1;
		return req_fail(r, HR_FORBIDDEN, refused);
	}
	if (!bad) {
		if (db_begin(r->db) < 0)
			return HR_ERROR;
		if (disclosure_item_add(r->db, r->community->id, &it, r->now, &id) != 0) {
			db_rollback(r->db);
			return HR_ERROR;
		}
		if (req_audit_commit(r, "disclosure.item_add", "disclosure_item", id, it.title) < 0) {
			return HR_ERROR;
		}
	}
	if (bad) {
		disclosure_admin_view_catalogue(r, &f);
		r->body_written = 1;
		return HR_INVALID;
	}
	return req_redirect(r, arena_printf(r->a, "/c/%s/admin/catalogue?saved=1", r->community->slug));
}

enum http_result disclosure_h_item_edit(struct req *r)
{
	struct catalogue_form f = {0};
	struct disclosure_item old;
	int64_t id = disclosure_param_id(r->param[1]);
	if (!id || disclosure_item_get(r->db, r->a, r->community->id, id, &old) != 0)
		return req_fail(r, HR_NOT_FOUND, "找不到这个公开事项。");
	f.editing = &old;
	if (disclosure_items(r->db, r->a, r->community->id, 1, &f.items, &f.nitems) < 0)
		return HR_ERROR;
	if (r->method != METHOD_POST) {
		f.vals[0] = old.code;
		f.vals[1] = disclosure_category_name(old.category);
		f.vals[2] = old.title;
		f.vals[3] = old.content;
		f.vals[4] = old.basis;
		f.vals[5] = disclosure_freq_name(old.freq);
		f.vals[6] = old.responsible;
		f.vals[7] = old.channels;
		f.vals[8] = old.public_columns;
		f.vals[9] = arena_printf(r->a, "%d", old.notice_days);
		disclosure_admin_view_catalogue(r, &f);
		return HR_OK;
	}
	struct disclosure_item it;
	int bad = item_from_form(r, &f, &it);
	if (bad < 0)
		return HR_ERROR;
	if (bad) {
		disclosure_admin_view_catalogue(r, &f);
		r->body_written = 1;
		return HR_INVALID;
	}
	it.id = id;
	it.code = old.code;
	const char *refused = widening_refused(
	    r, old.personal_data ? disclosure_recipient_cols_from(old.public_columns) : 0, disclosure_recipient_cols_from(it.public_columns), 1);
	if (refused) {
		f.errs[8] = refused;
		disclosure_admin_view_catalogue(r, &f);
		r->body_written = 1;
		return req_fail(r, HR_FORBIDDEN, refused);
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (disclosure_item_update(r->db, r->community->id, &it, r->now) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	/* The catalogue's history is its audit trail: every changed field,
	 * before and after. Published posts keep what they were published with. */
	if (req_audit_commit(r, "disclosure.item_edit", "disclosure_item", id, item_changes(r->a, &old, &it)) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "/c/%s/admin/catalogue?saved=1", r->community->slug));
}

static const struct field retire_fields[] = {
    {"reason", "停用理由", FIELD_MULTILINE, 1, 200},
};

/* The item of the URL into it: 0, or the result to answer with. */
static enum http_result item_of_url(struct req *r, struct disclosure_item *it)
{
	int64_t id = disclosure_param_id(r->param[1]);
	if (!id || disclosure_item_get(r->db, r->a, r->community->id, id, it) != 0)
		return req_fail(r, HR_NOT_FOUND, "找不到这个公开事项。");
	return HR_OK;
}

/* The catalogue page, saying what was done. */
static enum http_result back_to_catalogue(struct req *r, const char *done)
{
	return req_redirect(r, arena_printf(r->a, "/c/%s/admin/catalogue?%s=1", r->community->slug, done));
}

enum http_result disclosure_h_item_retire_page(struct req *r)
{
	struct retire_page p = {0};
	enum http_result hr = item_of_url(r, &p.item);
	if (hr != HR_OK)
		return hr;
	if (p.item.retired_at)
		return back_to_catalogue(r, "saved");
	disclosure_admin_view_retire(r, &p);
	return HR_OK;
}

enum http_result disclosure_h_item_retire(struct req *r)
{
	struct retire_page p = {0};
	enum http_result hr = item_of_url(r, &p.item);
	if (hr != HR_OK)
		return hr;
	if (fields_validate(r->a, &r->form, retire_fields, 1, &p.reason, &p.error)) {
		if (p.error && !*p.reason)
			p.error = "请填写停用理由,例如“上级已取消这项公开要求”";
		disclosure_admin_view_retire(r, &p);
		r->body_written = 1;
		return HR_INVALID;
	}
	/* An overdue item is not made to vanish from the due boards by the
	 * community that owes it: it publishes first, or the street decides.
	 * (Read before the transaction: a publication meanwhile only makes it
	 * less overdue.) */
	struct ymd due;
	if (!p.item.retired_at && !req_has_role(r, ROLES_ADMIN) &&
	    disclosure_due_state(p.item.freq, p.item.last_published, p.item.created_at, r->now, &due) == DUE_OVERDUE) {
		p.error = arena_printf(r->a,
				       "这项公开已逾期(应于 %04d-%02d-%02d 公开),社区不能自行停用:请先发布本期内容;"
				       "如上级确已取消这项要求,请街道管理员停用",
				       due.y, due.m, due.d);
		disclosure_admin_view_retire(r, &p);
		r->body_written = 1;
		return HR_INVALID;
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = disclosure_item_retire(r->db, r->community->id, p.item.id, p.reason, r->now);
	if (rc != 0) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : back_to_catalogue(r, "saved");
	}
	if (req_audit_commit(r, "disclosure.item_retire", "disclosure_item", p.item.id,
			     arena_printf(r->a, "%s;理由:%s", p.item.title, p.reason)) < 0)
		return HR_ERROR;
	return back_to_catalogue(r, "retired");
}

enum http_result disclosure_h_item_restore(struct req *r)
{
	struct disclosure_item it;
	enum http_result hr = item_of_url(r, &it);
	if (hr != HR_OK)
		return hr;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = disclosure_item_restore(r->db, r->community->id, it.id, r->now);
	if (rc != 0) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : back_to_catalogue(r, "saved");
	}
	if (req_audit_commit(r, "disclosure.item_restore", "disclosure_item", it.id, it.title) < 0)
		return HR_ERROR;
	return back_to_catalogue(r, "restored");
}

/* The items of community id among items grouped by community_id
 * ascending (disclosure_items_due_under): where they start, and *k of them. */
static struct disclosure_item *items_of(struct disclosure_item *items, size_t n, int64_t id, size_t *k)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (items[mid].community_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < n && items[end].community_id == id)
		end++;
	*k = end - lo;
	return items + lo;
}

/* The communities under the user's scope (by pinyin) and the items of all
 * of them, read in two queries whatever their number. 0, 1 if the user
 * has no street or district scope, -1. */
static int due_scope(struct req *r, struct community **list, size_t *n, struct disclosure_item **items, size_t *nitems)
{
	int64_t scope = auth_admin_scope(r->user);
	if (scope < 0)
		return 1;
	return org_communities_under(r->db, r->a, scope, list, n) < 0 ||
			       disclosure_items_due_under(r->db, r->a, scope, items, nitems) < 0
		   ? -1
		   : 0;
}

enum http_result disclosure_h_due_all(struct req *r)
{
	struct community *list;
	struct disclosure_item *items;
	size_t n, nitems;
	int rc = due_scope(r, &list, &n, &items, &nitems);
	if (rc)
		return rc < 0 ? HR_ERROR : HR_FORBIDDEN;
	struct due_row *rows = arena_alloc(r->a, (n ? n : 1) * sizeof *rows);
	if (!rows)
		return HR_ERROR;
	for (size_t i = 0; i < n; i++) {
		rows[i].community = &list[i];
		rows[i].items = items_of(items, nitems, list[i].id, &rows[i].nitems);
	}
	disclosure_admin_view_due_all(r, rows, n);
	return HR_OK;
}

enum http_result disclosure_h_due_export(struct req *r)
{
	struct community *list;
	struct disclosure_item *all;
	size_t n, nall;
	int rc = due_scope(r, &list, &n, &all, &nall);
	if (rc)
		return rc < 0 ? HR_ERROR : HR_FORBIDDEN;
	static const char *const cols[] = {"街道", "社区", "事项", "时限", "上次发布", "应于", "状态"};
	struct export_table t;
	if (export_begin(&t, r->a, "公开到期情况", cols, 7) < 0)
		return HR_ERROR;
	for (size_t i = 0; i < n; i++) {
		size_t k;
		struct disclosure_item *items = items_of(all, nall, list[i].id, &k);
		for (size_t j = 0; j < k; j++) {
			struct ymd due = {0, 1, 1};
			enum disclosure_due d = disclosure_due_state(items[j].freq, items[j].last_published, items[j].created_at,
								     r->now, &due);
			char last[16] = "从未发布", when[11] = "";
			if (items[j].last_published)
				date_format(date_from_time(items[j].last_published), last);
			if (d != DUE_NONE)
				date_format(due, when);
			const char *row[] = {list[i].street.name, list[i].name, items[j].title, disclosure_freq_label(items[j].freq),
					     arena_strdup(r->a, last), arena_strdup(r->a, when),
					     d == DUE_OVERDUE ? "已逾期" : d == DUE_SOON ? "7 日内到期" : d == DUE_OK ? "按时" : "随时公开"};
			if (export_row(&t, row) < 0)
				return HR_ERROR;
		}
	}
	return export_send(r, &t, export_format(r->path));
}
