/* The ledger's categories page: the community's income and expense
 * categories by kind, each renamed in place and retired (停用) or brought
 * back (恢复); a form adds one. One POST route takes the four actions. */
#include <string.h>

#include "core/str.h"
#include "modules/ledger/ledger_web.h"
#include "web/layout.h"
#include "web/link.h"

#define NAME_MAX_BYTES 40

/* The typed name trimmed: NULL with *err when empty, too long, or with
 * control characters. */
static const char *category_name(struct req *r, const char *s, const char **err)
{
	const char *t = s && utf8_valid(s, strlen(s)) ? str_normalize(r->a, s, strlen(s)) : NULL;
	if (!t || !*t) {
		*err = s && *s ? "类别名称含有无法识别的字符" : "请填写类别名称";
		return NULL;
	}
	for (const unsigned char *q = (const unsigned char *)t; *q; q++)
		if (*q < 0x20 || *q == 0x7f) {
			*err = "类别名称含有换行或控制字符";
			return NULL;
		}
	if (strlen(t) > NAME_MAX_BYTES || str_has_bidi_control(t)) {
		*err = "类别名称太长了,最多 40 个字节(约 13 个汉字)";
		return NULL;
	}
	return t;
}

static void row_form(struct req *r, const struct ledger_category *c, const char *action, const char *label)
{
	form_begin(r, url_c(r->a, r->community->slug, "/admin/ledger/categories"));
	form_hidden(r, "action", action);
	form_hidden(r, "id", arena_printf(r->a, "%lld", (long long)c->id));
	form_submit(r, label);
	form_end(r);
}

/* The page: one list a kind, each category with its rename form and its
 * 停用/恢复 button; then the form that adds one. err_id: the category whose
 * rename failed (its field shows err and the typed name), 0 for the add form. */
static void view(struct req *r, const struct ledger_category *cats, size_t n, const char *notice,
                 int64_t err_id, const char *typed, const char *err, const char *typed_kind)
{
	struct buf *b = r->out;
	page_begin(r, "收支类别");
	H(b, "<p><a href=\"");
	h_clink(b, r->community->slug, "/admin/ledger/");
	H(b, "\">← 财务收支</a></p><h1>收支类别</h1>");
	if (notice)
		page_notice(r, notice);
	const char *errs[1] = {err};
	form_error_summary(r, errs, 1);
	for (int k = LEDGER_INCOME; k <= LEDGER_EXPENSE; k++) {
		H(b, "<h2>");
		h_text(b, ledger_kind_word((enum ledger_kind)k));
		H(b, "类别</h2><ul class=\"rows\">");
		for (size_t i = 0; i < n; i++) {
			const struct ledger_category *c = &cats[i];
			if ((int)c->kind != k)
				continue;
			H(b, "<li>");
			form_begin(r, url_c(r->a, r->community->slug, "/admin/ledger/categories"));
			form_hidden(r, "action", "rename");
			form_hidden(r, "id", arena_printf(r->a, "%lld", (long long)c->id));
			struct form_field f = {.name = "name",
			                       .label = c->retired ? arena_printf(r->a, "%s(已停用)", c->name)
			                                           : c->name,
			                       .value = err_id == c->id ? typed : c->name,
			                       .error = err_id == c->id ? err : NULL,
			                       .required = 1,
			                       .id = arena_printf(r->a, "name-%lld", (long long)c->id)};
			form_field_input(r, &f, "text");
			form_submit(r, "重命名");
			form_end(r);
			row_form(r, c, c->retired ? "restore" : "retire", c->retired ? "恢复" : "停用");
			H(b, "</li>");
		}
		H(b, "</ul>");
	}
	H(b, "<h2>添加类别</h2>");
	form_begin(r, url_c(r->a, r->community->slug, "/admin/ledger/categories"));
	form_hidden(r, "action", "add");
	static const struct form_option kinds[] = {{"income", "收入", NULL}, {"expense", "支出", NULL}};
	struct form_field f = {.name = "kind", .label = "收支", .value = typed_kind, .required = 1};
	form_radios(r, &f, kinds, 2);
	f = (struct form_field){.name = "name",
	                        .label = "类别名称",
	                        .value = err_id ? NULL : typed,
	                        .error = err_id ? NULL : err,
	                        .required = 1};
	form_field_input(r, &f, "text");
	form_submit(r, "添加");
	form_end(r);
	page_end(r);
}

static enum http_result show(struct req *r, const char *notice, int64_t err_id, const char *typed,
                             const char *err, const char *typed_kind)
{
	struct ledger_category *cats;
	size_t n;
	if (ledger_categories(r->db, r->a, r->community->id, 1, &cats, &n) < 0)
		return req_error(r, "cannot read the ledger's categories");
	view(r, cats, n, notice, err_id, typed, err, typed_kind);
	if (!err)
		return HR_OK;
	r->body_written = 1;
	return req_fail(r, HR_INVALID, err);
}

enum http_result ledger_h_categories(struct req *r)
{
	if (r->method != METHOD_POST) {
		const char *done = kv_get(&r->q, "done");
		return show(r, done ? "已保存。" : NULL, 0, NULL, NULL, NULL);
	}
	const char *action = kv_get(&r->form, "action");
	const char *typed = kv_get(&r->form, "name"), *err = NULL;
	int64_t id = ledger_id_param(kv_get(&r->form, "id"));
	if (!action)
		return req_fail(r, HR_BAD_REQUEST, "请求不完整。");
	int add = !strcmp(action, "add"), rename = !strcmp(action, "rename");
	int retire = !strcmp(action, "retire"), restore = !strcmp(action, "restore");
	if (!add && !rename && !retire && !restore)
		return req_fail(r, HR_BAD_REQUEST, "请求不完整。");
	if (!add && !id)
		return req_fail(r, HR_NOT_FOUND, "没有这个类别。");
	const char *kind_s = kv_get(&r->form, "kind");
	int kind = add ? ledger_kind_parse(kind_s) : 0;
	const char *name = add || rename ? category_name(r, typed, &err) : NULL;
	if (add && kind < 0 && !err)
		err = "请选择收入或支出";
	if (err)
		return show(r, NULL, add ? 0 : id, typed, err, kind_s);
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin");
	int rc;
	if (add)
		rc = ledger_category_add(r->db, r->community->id, (enum ledger_kind)kind, name, r->now, &id);
	else if (rename)
		rc = ledger_category_rename(r->db, r->community->id, id, name);
	else
		rc = ledger_category_retire(r->db, r->community->id, id, retire, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc == LEDGER_DUP_NAME)
			return show(r, NULL, add ? 0 : id, typed,
			            arena_printf(r->a, "已有名为“%s”的类别", name), kind_s);
		if (rc == LEDGER_NOT_FOUND)
			return req_fail(r, HR_NOT_FOUND, "没有这个类别。");
		return req_error(r, "cannot change a ledger category");
	}
	const char *what = add      ? "ledger.category_add"
	                   : rename ? "ledger.category_rename"
	                   : retire ? "ledger.category_retire"
	                            : "ledger.category_restore";
	if (req_audit_commit(r, what, "ledger_category", id, name ? name : "") < 0)
		return HR_ERROR;
	const char *to = url_c(r->a, r->community->slug, "/admin/ledger/categories?done=1");
	return to ? req_redirect(r, to) : req_error(r, "out of request memory");
}
