/* The import page's handlers: the page with the columns it reads, a check
 * (nothing written), an import (all rows or none), and the template as a
 * spreadsheet to fill in. */
#include <string.h>

#include "core/str.h"
#include "http/module.h"
#include "modules/ledger/ledger_web.h"
#include "core/xlsx_read.h"
#include "web/export.h"
#include "web/link.h"
#include "web/upload.h"

/* The file's bytes: an uploaded file named "file", else the text pasted
 * into "text"; NULL when neither holds anything. */
static const char *input(struct req *r, size_t *n, const char **name)
{
	for (size_t i = 0; i < r->files.n; i++)
		if (upload_is(&r->files.v[i], "file") && r->files.v[i].len) {
			*n = r->files.v[i].len;
			*name = r->files.v[i].filename;
			return r->files.v[i].data;
		}
	const char *text = kv_get(&r->form, "text");
	*name = NULL;
	*n = text ? strlen(text) : 0;
	return *n ? text : NULL;
}

/* The most of a CSV file's bytes the page puts into its text box. */
#define TEXT_KEPT_MAX ((size_t)2 << 20)

/* An import's own arena: a 20 MB file's rows and messages are more than a
 * request's memory allows. */
#define WORK_CAP ((size_t)1 << 30)

static enum http_result post(struct req *r)
{
	struct ledger_import_page p = {.text = kv_get(&r->form, "text"), .dry_run = kv_get(&r->form, "check") != NULL};
	size_t n;
	const char *name, *data = input(r, &n, &name);
	if (!data) {
		p.input_error = "请选择要导入的文件,或把表格内容粘贴到下面的框里";
		ledger_view_import(r, &p);
		r->body_written = 1;
		return HR_INVALID;
	}
	struct arena w;
	arena_init(&w, WORK_CAP);
	struct ledger_import_options o = {.dry_run = p.dry_run, .by = r->user->id, .now = r->now};
	struct ledger_import_result res;
	int rc = db_begin(r->db) < 0 ? -1 : ledger_import(r->db, &w, r->community->id, data, n, &o, &res);
	enum http_result hr;
	if (rc < 0) {
		db_rollback(r->db);
		hr = req_error(r, "the import of ledger entries failed");
	} else if (rc == 0 && !p.dry_run) {
		const char *detail = arena_printf(r->a, "导入凭证 %lld 张(%s,%s 至 %s)", (long long)res.added,
		                                  name ? name : "粘贴的内容", res.first, res.last);
		hr = req_audit_commit(r, "ledger.import", "ledger_entry", 0, detail) < 0
		         ? HR_ERROR
		         : req_redirect(r, arena_printf(r->a, "%s?imported=%lld&by=%lld&at=%lld&from=%lld&to=%lld",
		                                        url_c(r->a, r->community->slug, "/admin/ledger/import"),
		                                        (long long)res.added, (long long)r->user->id,
		                                        (long long)r->now, (long long)res.first_id,
		                                        (long long)res.last_id));
	} else {
		db_rollback(r->db);
		p.result = &res;
		p.rc = rc;
		p.file_name = name;
		/* a CSV file's rows go into the box, to be corrected or imported from there */
		const char *why;
		if (name && rc != 2 && n <= TEXT_KEPT_MAX && !xlsx_looks_like(data, n))
			p.text = str_decode_import(r->a, data, n, &why);
		ledger_view_import(r, &p);
		r->body_written = 1;
		hr = rc ? HR_INVALID : HR_OK;
	}
	arena_free(&w);
	return hr;
}

/* An import's key from by, at, from and to (query or form). 0, or -1
 * when one is missing or no number. */
static int batch_of(const struct kvlist *kv, struct ledger_batch *b)
{
	const char *v[4] = {kv_get(kv, "by"), kv_get(kv, "at"), kv_get(kv, "from"), kv_get(kv, "to")};
	int64_t *out[4] = {&b->by, &b->at, &b->first_id, &b->last_id};
	for (int i = 0; i < 4; i++)
		if (!v[i] || str_to_int64(v[i], out[i]) < 0)
			return -1;
	return 0;
}

enum http_result ledger_h_import(struct req *r)
{
	if (r->method == METHOD_POST)
		return post(r);
	struct ledger_import_page p = {0};
	const char *imported = kv_get(&r->q, "imported"), *withdrawn = kv_get(&r->q, "withdrawn");
	int64_t count;
	if (imported && str_to_int64(imported, &count) == 0 && count >= 0)
		p.imported = imported;
	if (withdrawn && str_to_int64(withdrawn, &count) == 0 && count >= 0)
		p.withdrawn = withdrawn;
	/* the import just made, to be taken back while its entries await approval */
	if (p.imported && batch_of(&r->q, &p.batch) == 0 &&
	    ledger_import_pending(r->db, r->community->id, &p.batch, &p.batch_pending) < 0)
		return req_error(r, "cannot count an import's pending entries");
	ledger_view_import(r, &p);
	return HR_OK;
}

/* (ledger_web.h) */
enum http_result ledger_h_import_withdraw(struct req *r)
{
	struct ledger_batch bt;
	int64_t n;
	if (batch_of(&r->form, &bt) < 0)
		return req_fail(r, HR_BAD_REQUEST, "没有指明撤回哪一次导入。");
	if (db_begin(r->db) < 0 || ledger_import_withdraw(r->db, r->community->id, &bt, &n) < 0) {
		db_rollback(r->db);
		return req_error(r, "cannot withdraw an import");
	}
	if (req_audit_commit(r, "ledger.import_withdraw", "ledger_entry", 0,
	                     arena_printf(r->a, "撤回一次导入中尚未审核的凭证 %lld 张", (long long)n)) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "%s?withdrawn=%lld",
	                                    url_c(r->a, r->community->slug, "/admin/ledger/import"), (long long)n));
}

/* (ledger_web.h) */
enum http_result ledger_h_import_template(struct req *r)
{
	static const char *const rows[][7] = {
	    {"日期", "收支", "类别", "金额", "对方单位或个人", "凭证号", "摘要"},
	    {"2026-10-08", "收入", "上级拨款/工作经费", "50000.00", "街道办事处", "示例-0001", "(示例,请删除)第四季度社区工作经费"},
	    {"2026-10-09", "支出", "办公经费", "1234.56", "文具店", "示例-0002", "(示例,请删除)购买打印纸和墨盒"},
	};
	struct export_table x;
	if (export_begin(&x, r->a, "收支凭证导入模板", rows[0], 7) < 0)
		return req_error(r, "out of request memory");
	for (size_t i = 1; i < sizeof rows / sizeof *rows; i++)
		if (export_row(&x, rows[i]) < 0)
			return req_error(r, "out of request memory");
	return export_send(r, &x, export_format(r->path));
}
