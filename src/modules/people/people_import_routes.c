/* The import pages' handlers: upload and check a file (kept sealed), show
 * what the check found, choose the columns, import exactly the checked file
 * once, drop it; the problems and the history as spreadsheets; the
 * workbench card and the tick that drops abandoned files. The checks run on
 * the slow workers: a big file takes seconds. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/str.h"
#include "http/module.h"
#include "modules/people/people_import_web.h"
#include "web/cards.h"
#include "web/export.h"
#include "web/link.h"
#include "web/list.h"
#include "web/upload.h"

/* ---- shared ---- */

static int64_t id_param(const char *s)
{
	int64_t id;
	if (!s || *s < '1' || *s > '9' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

static const char *import_url(struct req *r, int64_t id, const char *rest)
{
	return url_c_id(r->a, r->community->slug, "/admin/people/import/", id, rest);
}

/* Back to an import's page with a notice (done_notice). */
static enum http_result to_import(struct req *r, int64_t id, const char *done)
{
	const char *to = import_url(r, id, NULL);
	return to ? req_redirect(r, arena_printf(r->a, "%s?done=%s", to, done))
	          : req_error(r, "out of request memory");
}

/* The check of a kept file: people_import as a dry run with the import's
 * mapping (or chosen, when given) in the caller's snapshot or transaction;
 * its memory from w. 0 or 2 (people_import's), 1 when the file is gone,
 * -1 on error. */
static int check_kept(struct req *r, struct arena *w, const struct pimp_import *imp, const int *chosen,
                      struct people_import_result *res)
{
	const char *data;
	size_t n;
	int rc = pimp_store_file(r->db, w, r->community->id, imp->id, &data, &n);
	if (rc)
		return rc;
	int map[PC__MAX];
	if (!chosen && pimp_mapping_parse(imp->mapping, map) < 0)
		return -1;
	struct people_import_options o = {.dry_run = 1,
	                                  .mapping = chosen          ? chosen
	                                             : *imp->mapping ? map
	                                                             : NULL,
	                                  .by_user = r->user ? r->user->id : 0,
	                                  .now = r->now,
	                                  .max_bytes = PIMP_MAX_BYTES,
	                                  .max_rows = PIMP_MAX_ROWS};
	return people_import(r->db, w, r->community->id, data, n, &o, res);
}

/* An upload's own arena: the file decoded, its rows and messages (far more
 * than a request's cap allows for a 20 MiB file). */
#define WORK_CAP ((size_t)512 << 20)

/* ---- the import page ---- */

static enum http_result home(struct req *r, const char *file_error)
{
	struct pimp_home_page p = {.file_error = file_error, .page = page_param(r)};
	int64_t offset;
	if (p.page < 0 || page_offset(p.page, PIMP_PER_PAGE, &offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不对。");
	if (pimp_store_recent(r->db, r->a, r->community->id, offset, PIMP_PER_PAGE, &p.recent, &p.nrecent,
	                      &p.more) < 0)
		return HR_ERROR;
	pimp_view_home(r, &p);
	if (!file_error)
		return HR_OK;
	r->body_written = 1;
	return HR_INVALID;
}

enum http_result people_import_h_home(struct req *r)
{
	return home(r, NULL);
}

enum http_result people_import_h_upload(struct req *r)
{
	const struct part *f = NULL;
	for (size_t i = 0; i < r->files.n; i++)
		if (!strcmp(r->files.v[i].name, "file") && r->files.v[i].len)
			f = &r->files.v[i];
	if (!f)
		return home(r, "请选择要导入的文件(CSV 或 Excel .xlsx)");
	if (f->len > PIMP_MAX_BYTES)
		return home(r, "文件超过 20 MB,请分成几个文件上传,或请系统管理员用命令行导入");
	/* the file's name as shown: upload_name's, at most 100 characters */
	const char *shown = upload_name(r, f);
	char *name = shown ? arena_strdup(r->a, shown) : NULL;
	if (!name)
		return req_error(r, "out of request memory");
	utf8_clip(name, 100);
	const char *format = f->len >= 4 && !memcmp(f->data, "PK\3\4", 4) ? "xlsx" : "csv";
	struct arena w;
	arena_init(&w, WORK_CAP);
	struct people_import_options o = {.dry_run = 1,
	                                  .by_user = r->user->id,
	                                  .now = r->now,
	                                  .max_bytes = PIMP_MAX_BYTES,
	                                  .max_rows = PIMP_MAX_ROWS};
	struct people_import_result res;
	int rc = db_read_begin(r->db) < 0
	             ? -1
	             : people_import(r->db, &w, r->community->id, f->data, f->len, &o, &res);
	if (db_read_end(r->db) < 0)
		rc = -1;
	enum http_result hr;
	int64_t id;
	if (rc < 0) {
		hr = req_error(r, "the check of an uploaded file failed");
	} else if (rc == 2 && !(res.mapping.header && res.rows == 0)) {
		/* refused as a whole (encoding, size, rows): nothing to keep */
		hr = home(r, arena_strdup(r->a, res.imp.fatal ? res.imp.fatal : "无法读取这个文件"));
	} else if (db_begin(r->db) < 0 ||
	           pimp_store_add(r->db, r->community->id, name, format, f->data, f->len, "", res.rows,
	                          rc == 2 ? 0 : res.bad, r->user->id, r->now, &id) < 0 ||
	           db_commit(r->db) < 0) {
		db_rollback(r->db);
		hr = req_error(r, "cannot keep an uploaded file");
	} else {
		const char *to = import_url(r, id, NULL);
		hr = to ? req_redirect(r, to) : req_error(r, "out of request memory");
	}
	arena_free(&w);
	return hr;
}

/* ---- one import ---- */

/* The history of imports as a spreadsheet (…/import/imports.csv|xlsx). */
static enum http_result history_export(struct req *r, const char *format)
{
	struct export_table x;
	struct table t;
	struct pimp_import *v;
	size_t n;
	int more;
	if (table_begin_export(&t, r->a, &x, "居民导入记录", pimp_history_cols, pimp_history_ncols) < 0)
		return HR_ERROR;
	for (int64_t off = 0;; off += 500) {
		if (pimp_store_recent(r->db, r->a, r->community->id, off, 500, &v, &n, &more) < 0)
			return HR_ERROR;
		pimp_view_history_table(r, &t, v, n);
		if (!more)
			break;
	}
	if (table_end(&t) < 0)
		return HR_ERROR;
	return export_send(r, &x, format);
}

static const char *done_notice(const char *done)
{
	if (!done)
		return NULL;
	if (!strcmp(done, "imported"))
		return "已导入。文件已删除,导入记入审计日志。";
	if (!strcmp(done, "dropped"))
		return "已放弃这次导入,文件已删除。";
	if (!strcmp(done, "already"))
		return "这个文件已经由其他操作处理过了,没有再次导入。";
	if (!strcmp(done, "changed"))
		return "确认时人员库已有变化,这个文件现在有问题,没有导入任何数据。请看下面的问题。";
	if (!strcmp(done, "mapped"))
		return "已按您选择的列重新检查。";
	if (!strcmp(done, "nothing"))
		return "这个文件没有可以导入的居民:检查时有问题的行须在表格中改正后重新上传。没有导入任何数据。";
	return NULL;
}

/* Loads an import by the path's id and shows it, its kept file checked
 * (with chosen and errs: the mapping form as submitted). */
static enum http_result show(struct req *r, int64_t id, const int *chosen, const char *const *errs)
{
	struct pimp_import imp;
	int rc = id ? pimp_store_get(r->db, r->a, r->community->id, id, 0, &imp) : 1;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这次导入,它可能属于其他社区。");
	struct pimp_result_page p = {
	    .imp = &imp, .chosen = chosen, .map_errors = errs, .notice = done_notice(kv_get(&r->q, "done"))};
	struct people_import_result res;
	struct arena w;
	arena_init(&w, WORK_CAP);
	enum http_result hr = HR_OK;
	if (!strcmp(imp.state, "checked") && imp.has_file) {
		int crc = check_kept(r, &w, &imp, NULL, &res);
		if (crc < 0) {
			arena_free(&w);
			return req_error(r, "cannot check a kept import file");
		}
		if (crc != 1) {
			p.checked = 1;
			p.rc = crc;
			p.res = &res;
			p.clean = crc == 0 && !res.bad && res.rows > 0;
			p.want_mapping = crc == 2 || errs || (kv_get(&r->q, "map") != NULL);
		}
	}
	r->cache_control = "no-store";
	pimp_view_result(r, &p);
	if (errs) {
		r->body_written = 1;
		hr = HR_INVALID;
	}
	arena_free(&w);
	return hr;
}

enum http_result people_import_h_show(struct req *r)
{
	const char *fmt = export_format(r->param[1]);
	if (fmt && (!strcmp(r->param[1], "imports.csv") || !strcmp(r->param[1], "imports.xlsx")))
		return history_export(r, fmt);
	return show(r, id_param(r->param[1]), NULL, NULL);
}

enum http_result people_import_h_problems(struct req *r)
{
	const char *fmt = export_format(r->param[2]);
	int64_t id = id_param(r->param[1]);
	if (!fmt || strncmp(r->param[2], "problems.", 9) || !id)
		return req_fail(r, HR_NOT_FOUND, "没有这个页面。");
	struct pimp_import imp;
	int rc = pimp_store_get(r->db, r->a, r->community->id, id, 0, &imp);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这次导入。");
	struct arena w;
	arena_init(&w, WORK_CAP);
	struct people_import_result res;
	rc = !strcmp(imp.state, "checked") && imp.has_file ? check_kept(r, &w, &imp, NULL, &res) : 1;
	if (rc == 1) {
		arena_free(&w);
		return req_fail(r, HR_NOT_FOUND, "这次导入的文件已经删除,没有可导出的问题。");
	}
	struct export_table x;
	struct table t;
	enum http_result hr = HR_ERROR;
	if (rc >= 0 &&
	    table_begin_export(&t, r->a, &x, "导入问题", pimp_problem_cols, pimp_problem_ncols) == 0) {
		if (rc == 2) {
			table_tr(&t, NULL);
			table_text(&t, "整个文件");
			table_text(&t, res.imp.fatal ? res.imp.fatal : "无法读取这个文件");
		}
		for (int i = 0; i < res.imp.nkept; i++) {
			table_tr(&t, NULL);
			table_int(&t, res.imp.errors[i].line);
			table_text(&t, res.imp.errors[i].message);
		}
		if (res.imp.nerrors > res.imp.nkept) {
			table_tr(&t, NULL);
			table_text(&t, "其余");
			table_text(&t, arena_printf(r->a, "另有 %d 行的问题未列出,请改正以上各行后重新上传",
			                            res.imp.nerrors - res.imp.nkept));
		}
		if (table_end(&t) == 0) {
			r->cache_control = "no-store";
			hr = export_send(r, &x, fmt);
		}
	}
	arena_free(&w);
	return hr;
}

/* ---- the mapping step ---- */

enum http_result people_import_h_mapping(struct req *r)
{
	int64_t id = id_param(r->param[1]);
	struct pimp_import imp;
	int rc = id ? pimp_store_get(r->db, r->a, r->community->id, id, 0, &imp) : 1;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这次导入。");
	if (strcmp(imp.state, "checked") || !imp.has_file)
		return to_import(r, id, "already");
	int *chosen = arena_alloc(r->a, PC__MAX * sizeof *chosen);
	const char **errs = arena_zalloc(r->a, PC__MAX * sizeof *errs);
	if (!chosen || !errs)
		return req_error(r, "out of request memory");
	int bad = 0;
	for (int c = 0; c < PC__MAX; c++) {
		char key[8];
		snprintf(key, sizeof key, "m%d", c);
		const char *v = kv_get(&r->form, key);
		int64_t i = -1;
		chosen[c] = -1;
		if (v && *v && strcmp(v, "-1") && (str_to_int64(v, &i) < 0 || i < 0 || i > 199)) {
			errs[c] = "请从列表中选择";
			bad++;
			continue;
		}
		chosen[c] = (int)i;
		for (int d = 0; i >= 0 && d < c; d++)
			if (chosen[d] == i) {
				errs[c] = arena_printf(r->a, "这一列已选作“%s”,同一列只能导入一个字段",
				                       people_columns[d].names[0]);
				bad++;
				break;
			}
	}
	if (chosen[PC_NAME] < 0 && !errs[PC_NAME]) {
		errs[PC_NAME] = "请选择哪一列是“姓名”";
		bad++;
	}
	if (bad)
		return show(r, id, chosen, errs);
	struct arena w;
	arena_init(&w, WORK_CAP);
	struct people_import_result res;
	rc = db_read_begin(r->db) < 0 ? -1 : check_kept(r, &w, &imp, chosen, &res);
	if (db_read_end(r->db) < 0)
		rc = -1;
	const char *mapping = pimp_mapping_text(r->a, chosen);
	enum http_result hr;
	if (rc == 1) {
		hr = to_import(r, id, "already");
	} else if (rc < 0 || !mapping || db_begin(r->db) < 0 ||
	           (rc = pimp_store_recheck(r->db, r->community->id, id, mapping, res.rows,
	                                    rc == 2 ? 0 : res.bad)) < 0 ||
	           db_commit(r->db) < 0) {
		db_rollback(r->db);
		hr = req_error(r, "cannot check a kept file with a new mapping");
	} else {
		hr = to_import(r, id, rc ? "already" : "mapped");
	}
	arena_free(&w);
	return hr;
}

/* ---- confirm or drop ---- */

enum http_result people_import_h_commit(struct req *r)
{
	int64_t id = id_param(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这次导入。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	struct pimp_import imp;
	int rc = pimp_store_get(r->db, r->a, r->community->id, id, 1, &imp);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这次导入。");
	}
	if (strcmp(imp.state, "checked") || !imp.has_file) {
		db_rollback(r->db);
		return to_import(r, id, "already");
	}
	if (imp.rows_bad || !imp.rows_total) { /* the check found nothing to import: the file has not changed */
		db_rollback(r->db);
		return to_import(r, id, "nothing");
	}
	struct arena w;
	arena_init(&w, WORK_CAP);
	const char *data;
	size_t n;
	int map[PC__MAX];
	struct people_import_result res;
	struct people_import_options o = {.dry_run = 0,
	                                  .mapping = *imp.mapping ? map : NULL,
	                                  .by_user = r->user->id,
	                                  .now = r->now,
	                                  .max_bytes = PIMP_MAX_BYTES,
	                                  .max_rows = PIMP_MAX_ROWS};
	enum http_result hr;
	rc = pimp_store_file(r->db, &w, r->community->id, id, &data, &n);
	if (rc == 0)
		rc = pimp_mapping_parse(imp.mapping, map) < 0
		         ? -1
		         : people_import(r->db, &w, r->community->id, data, n, &o, &res);
	if (rc < 0) {
		db_rollback(r->db);
		hr = req_error(r, "the import of a checked file failed");
	} else if (rc == 1) {
		db_rollback(r->db);
		hr = to_import(r, id, "already");
	} else if (rc == 2 || rc == 3 || res.bad || !res.rows) {
		/* the registry changed since the check (3: while importing, on
		 * PostgreSQL): nothing written; say so */
		db_rollback(r->db);
		int rows = res.rows, bad = rc == 2 || rc == 3 ? 0 : res.bad;
		if (db_begin(r->db) < 0 ||
		    pimp_store_recheck(r->db, r->community->id, id, imp.mapping, rows, bad) < 0 ||
		    db_commit(r->db) < 0) {
			db_rollback(r->db);
			hr = req_error(r, "cannot save a new check");
		} else {
			hr = to_import(r, id, "changed");
		}
	} else if ((rc = pimp_store_finish(r->db, r->community->id, id, "imported", res.rows, r->now)) != 0) {
		db_rollback(r->db);
		hr = rc < 0 ? req_error(r, "cannot mark an import done") : to_import(r, id, "already");
	} else if (req_audit_commit(r, "people.import", "people_import", id,
	                            arena_printf(r->a, "%s:%d 人,新楼栋 %d 个,新房屋 %d 户", imp.filename,
	                                         res.rows, res.nnew_buildings, res.nnew_rooms)) < 0) {
		hr = req_error(r, "cannot commit an import");
	} else {
		hr = to_import(r, id, "imported");
	}
	arena_free(&w);
	return hr;
}

enum http_result people_import_h_drop(struct req *r)
{
	int64_t id = id_param(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这次导入。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	struct pimp_import imp = {0};
	int rc = pimp_store_get(r->db, r->a, r->community->id, id, 1, &imp);
	if (rc == 0)
		rc = pimp_store_finish(r->db, r->community->id, id, "dropped", 0, r->now);
	if (rc < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (rc == 1) {
		db_rollback(r->db);
		return imp.id == id ? to_import(r, id, "already")
		                    : req_fail(r, HR_NOT_FOUND, "没有这次导入。");
	}
	if (req_audit_commit(r, "people.import_drop", "people_import", id, imp.filename) < 0)
		return HR_ERROR;
	return to_import(r, id, "dropped");
}

/* ---- workbench and tick ---- */

int people_import_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c)
		return 0;
	int64_t count;
	if (pimp_store_pending(r->db, c->id, r->now - (int64_t)PIMP_KEEP_DAYS * 86400, &count) < 0)
		return -1;
	return workbench_card(w, "待确认的居民导入", count, url_c(r->a, c->slug, "/admin/people/import"),
	                      "文件已检查,确认导入或放弃;7 天后自动删除", WB_TODO, NULL, 0);
}

int people_import_tick(struct db *db, int64_t now)
{
	if (db_begin(db) < 0)
		return -1;
	int got = db_job_try_lock(db, "people.import_expire");
	int64_t dropped = 0;
	if (got < 0 ||
	    (got == 1 && pimp_store_expire(db, now - (int64_t)PIMP_KEEP_DAYS * 86400, 200, &dropped) < 0)) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db) < 0)
		return -1;
	if (dropped)
		log_info("people: dropped %lld import files left unconfirmed for %d days", (long long)dropped,
		         PIMP_KEEP_DAYS);
	return 0;
}
