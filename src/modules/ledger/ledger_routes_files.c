/* 凭证附件: staff upload scans of an entry's paper voucher, open them (each
 * opening audited, as a supervisor reads in the audit log who looked at
 * what) and remove them while the entry awaits approval. A refusal shows
 * the entry's page again with the reason beside the upload field. */
#include <string.h>

#include "modules/ledger/ledger_web.h"
#include "web/link.h"
#include "web/upload.h"

/* What a refused scan says, in Chinese; NULL when rc is no refusal. */
static const char *refusal(struct req *r, int rc, const char *name)
{
	switch (rc) {
	case LEDGER_CLOSED:
		return "凭证所在月份已结账,不能再添加或删除附件。";
	case LEDGER_NOT_FOUND:
		return "找不到这个附件(可能已被删除)。";
	case LEDGER_STATE:
		return "这张凭证已审核,附件作为凭据保留,不能删除。";
	case LEDGER_FILE_COUNT:
		return arena_printf(r->a, "每张凭证最多 %d 个附件,这张凭证放不下了:请先删除不需要的附件",
		                    LEDGER_FILES_MAX);
	case LEDGER_FILE_SIZE:
		return arena_printf(r->a, "附件“%s”是空的或超过 %d MB", name, LEDGER_FILE_MAX_BYTES >> 20);
	case LEDGER_FILE_TYPE:
		return arena_printf(r->a, "附件“%s”不是 PDF、PNG 或 JPEG 文件", name);
	case LEDGER_FILE_NAME:
		return arena_printf(r->a, "附件的文件名太长(最多 %d 个字),请改短后再上传",
		                    LEDGER_FILE_NAME_MAX);
	default:
		return NULL;
	}
}

enum http_result ledger_h_file_upload(struct req *r)
{
	int64_t id = ledger_id_param(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这张凭证。");
	const char *why =
	    upload_problem(r, "files", LEDGER_FILES_MAX, LEDGER_FILE_MAX_BYTES, LEDGER_FILE_NAME_MAX);
	size_t n = 0;
	for (size_t i = 0; i < r->files.n; i++)
		n += (size_t)upload_is(&r->files.v[i], "files");
	if (!why && !n)
		why = "请选择要上传的凭证扫描件";
	if (why)
		return ledger_entry_again(r, NULL, NULL, why);
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin");
	const char *names = "";
	for (size_t i = 0; i < r->files.n; i++) {
		const struct part *p = &r->files.v[i];
		if (!upload_is(p, "files"))
			continue;
		const char *name = names ? upload_name(r, p) : NULL;
		int64_t fid;
		int rc = name ? ledger_file_add(r->db, r->a, r->community->id, id, name, p->data, p->len,
		                                r->user->id, r->now, &fid)
		              : -1;
		if (rc == LEDGER_NOT_FOUND) {
			db_rollback(r->db);
			return req_fail(r, HR_NOT_FOUND, "没有这张凭证(可能已被撤回)。");
		}
		if (rc) {
			db_rollback(r->db);
			return refusal(r, rc, name) ? ledger_entry_again(r, NULL, NULL, refusal(r, rc, name))
			                            : req_error(r, "cannot add a voucher scan");
		}
		names = arena_printf(r->a, "%s%s“%s”", names, *names ? "、" : "", name);
	}
	if (!names) {
		db_rollback(r->db);
		return req_error(r, "out of request memory");
	}
	if (req_audit_commit(r, "ledger.file_add", "ledger_entry", id,
	                     arena_printf(r->a, "上传凭证附件 %s", names)) < 0)
		return HR_ERROR;
	return req_redirect(
	    r, url_c_id(r->a, r->community->slug, "/admin/ledger/entries/", id, "?done=files"));
}

enum http_result ledger_h_file(struct req *r)
{
	int64_t id = ledger_id_param(r->param[1]), fid = ledger_id_param(r->param[2]);
	struct ledger_file f;
	int rc = id && fid ? ledger_file_get(r->db, r->a, r->community->id, id, fid, &f) : LEDGER_NOT_FOUND;
	if (rc)
		return rc < 0 ? req_error(r, "cannot read or open a voucher scan")
		              : req_fail(r, HR_NOT_FOUND, "找不到这个附件。");
	return upload_send_audited(r, "ledger.file_view", "ledger_entry", id,
	                           arena_printf(r->a, "查看凭证附件“%s”", f.name), f.data, (size_t)f.bytes,
	                           f.mime, f.name);
}

enum http_result ledger_h_file_remove(struct req *r)
{
	int64_t id = ledger_id_param(r->param[1]), fid = ledger_id_param(r->param[2]);
	if (!id || !fid)
		return req_fail(r, HR_NOT_FOUND, "找不到这个附件。");
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin");
	const char *name;
	int rc = ledger_file_remove(r->db, r->a, r->community->id, id, fid, &name);
	if (rc) {
		db_rollback(r->db);
		return refusal(r, rc, "") ? ledger_entry_again(r, refusal(r, rc, ""), NULL, NULL)
		                          : req_error(r, "cannot remove a voucher scan");
	}
	if (req_audit_commit(r, "ledger.file_remove", "ledger_entry", id,
	                     arena_printf(r->a, "删除凭证附件“%s”", name)) < 0)
		return HR_ERROR;
	return req_redirect(
	    r, url_c_id(r->a, r->community->slug, "/admin/ledger/entries/", id, "?done=file_removed"));
}
