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

/* The big-endian number of n (2 or 4) bytes at p. */
static unsigned be(const unsigned char *p, int n)
{
	unsigned v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

int upload_image_size(const void *data, size_t len, unsigned *w, unsigned *h)
{
	const unsigned char *d = data;
	static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	unsigned width = 0, height = 0;
	if (len >= 24 && !memcmp(d, png, 8) && !memcmp(d + 12, "IHDR", 4)) {
		width = be(d + 16, 4);
		height = be(d + 20, 4);
	} else if (len >= 4 && d[0] == 0xFF && d[1] == 0xD8) {
		size_t i = 2;
		for (;;) {
			while (i < len && d[i] == 0xFF && i + 1 < len && d[i + 1] == 0xFF)
				i++; /* fill bytes */
			if (i + 4 > len || d[i] != 0xFF)
				return -1;
			unsigned char m = d[i + 1];
			if (m == 0xD9 || m == 0xDA) /* the end, or the scan, before any frame header */
				return -1;
			if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) { /* no length */
				i += 2;
				continue;
			}
			size_t seg = be(d + i + 2, 2);
			if (seg < 2 || seg > len - i - 2)
				return -1;
			if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
				if (seg < 7)
					return -1;
				height = be(d + i + 5, 2);
				width = be(d + i + 7, 2);
				break;
			}
			i += 2 + seg;
		}
	} else {
		return -1;
	}
	if (!width || !height)
		return -1;
	*w = width;
	*h = height;
	return 0;
}

const char *upload_image_problem(struct req *r, const struct part *p)
{
	unsigned w, h;
	const char *name = upload_name(r, p);
	if (!name)
		return "内存不足,请稍后再试";
	if (upload_image_size(p->data, p->len, &w, &h) < 0)
		return arena_printf(r->a, "“%s”不是完整的 JPG 或 PNG 图片", name);
	if (w > UPLOAD_IMAGE_SIDE_MAX || h > UPLOAD_IMAGE_SIDE_MAX || (uint64_t)w * h > UPLOAD_IMAGE_PIXELS_MAX)
		return arena_printf(r->a, "“%s”有 %u×%u 像素,太大了;请缩小到每边 %d 像素以内(手机照片一般不用改)", name, w,
				    h, UPLOAD_IMAGE_SIDE_MAX);
	return NULL;
}
