/* Uploaded files: their checks and names, and sending one back (upload.h). */
#include <string.h>

#include "core/str.h"
#include "db/db.h"
#include "web/html.h"
#include "web/upload.h"

int upload_is(const struct part *p, const char *field)
{
	return p->name && !strcmp(p->name, field) && (p->len || (p->filename && *p->filename));
}

const char *upload_name(struct req *r, const struct part *p)
{
	const char *n = p->filename ? str_normalize(r->a, p->filename, strlen(p->filename)) : "";
	char *clean = n ? arena_strdup(r->a, n) : NULL;
	if (!clean)
		return NULL;
	char *w = clean;
	for (const char *s = clean; *s; s++)
		if ((unsigned char)*s >= 0x20 && *s != 0x7f)
			*w++ = *s;
	*w = 0;
	return *clean ? clean : "附件";
}

const char *upload_problem(struct req *r, const char *field, size_t max_files, size_t max_bytes,
                           size_t name_max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->files.n; i++) {
		const struct part *p = &r->files.v[i];
		if (!upload_is(p, field))
			continue;
		const char *name = upload_name(r, p);
		if (!name)
			return "附件暂时无法读取,请稍后再试";
		if (++n > max_files)
			return arena_printf(r->a, "附件最多 %zu 个", max_files);
		if (utf8_len(name, strlen(name)) > name_max)
			return arena_printf(r->a, "附件的文件名太长(最多 %zu 个字),请改短后再上传", name_max);
		if (p->len > max_bytes)
			return arena_printf(r->a, "附件“%s”超过 %zu MB,请压缩后再上传", name,
			                    max_bytes >> 20);
		if (!multipart_file_type(p->data, p->len))
			return arena_printf(r->a, "附件“%s”不是 PDF、PNG 或 JPEG 文件", name);
	}
	return NULL;
}

void upload_send_inline(struct req *r, const void *data, size_t len, const char *mime, const char *name)
{
	buf_append(r->out, data, len);
	r->content_type_out = mime;
	struct buf cd;
	buf_init(&cd, 4096);
	buf_puts(&cd, "inline; filename*=UTF-8''");
	h_url(&cd, name);
	req_header(r, "content-disposition", cd.err ? "inline" : arena_strdup(r->a, cd.data));
	buf_free(&cd);
}

enum http_result upload_send_audited(struct req *r, const char *action, const char *entity, int64_t id,
                                     const char *detail, const void *data, size_t len, const char *mime,
                                     const char *name)
{
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin");
	if (req_audit_commit(r, action, entity, id, detail) < 0)
		return HR_ERROR;
	upload_send_inline(r, data, len, mime, name);
	r->cache_control = "private, no-store";
	return HR_OK;
}
