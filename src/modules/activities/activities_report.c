/* The report written after an activity (活动回顾) and its photos: the SQL,
 * and the staff page that saves the text, publishes it and takes PNG or
 * JPEG photos (at most ACT_MAX_PHOTOS, sniffed by their bytes). */
#include <string.h>

#include "http/multipart.h"
#include "modules/activities/activities_web.h"
#include "web/link.h"
#include "web/upload.h"

static struct db_query q_report = DB_QUERY(
    "UPDATE activities_activity SET report = ?, report_at = ?, updated_by = ?, updated_at = ?"
    " WHERE community_id = ? AND id = ? AND state = 'published' AND ends_at <= ?");
static struct db_query q_photo_add = DB_QUERY(
    "INSERT INTO activities_photo (community_id, activity_id, id, name, mime, size, data, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_photo_count = DB_QUERY(
    "UPDATE activities_activity SET photos = photos + 1 WHERE community_id = ? AND id = ? AND photos < ?");
static struct db_query q_photos = DB_QUERY(
    "SELECT id, name, mime, size FROM activities_photo WHERE community_id = ? AND activity_id = ? ORDER BY id");
static struct db_query q_photo = DB_QUERY(
    "SELECT id, name, mime, size, data FROM activities_photo WHERE community_id = ? AND activity_id = ? AND id = ?");

int act_report_save(struct db *db, int64_t community_id, int64_t aid, const char *text, int publish, int64_t by,
		    int64_t now)
{
	int rc = act_lock(db, community_id, aid);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_report);
	if (!st)
		return -1;
	db_bind_text(st, 1, text, -1);
	db_bind_int_or_null(st, 2, publish ? now : 0);
	db_bind_int_or_null(st, 3, by);
	db_bind_int(st, 4, now);
	db_bind_int(st, 5, community_id);
	db_bind_int(st, 6, aid);
	db_bind_int(st, 7, now);
	rc = db_run_guarded(st);
	return rc == 1 ? ACT_STATE : rc;
}

int act_photo_add(struct db *db, int64_t community_id, int64_t aid, const char *name, const char *mime,
		  const void *data, size_t len, int64_t now, int64_t *id)
{
	struct db_stmt *st = db_stmt(db, &q_photo_count);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, aid);
	db_bind_int(st, 3, ACT_MAX_PHOTOS);
	int rc = db_run_guarded(st);
	if (rc)
		return rc == 1 ? ACT_STATE : -1;
	if (db_next_id(db, community_id, "activities_photo", id) < 0 || !(st = db_stmt(db, &q_photo_add)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, aid);
	db_bind_int(st, 3, *id);
	db_bind_text(st, 4, name, -1);
	db_bind_text(st, 5, mime, -1);
	db_bind_int(st, 6, (int64_t)len);
	db_bind_blob(st, 7, data, len);
	db_bind_int(st, 8, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static void photo_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct act_photo *p = slot;
	p->id = db_col_int(st, 0);
	p->name = db_col_dup(st, 1, a);
	p->mime = db_col_dup(st, 2, a);
	p->size = db_col_int(st, 3);
	p->data = NULL;
}

int act_photos(struct db *db, struct arena *a, int64_t community_id, int64_t aid, struct act_photo **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_photos);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, aid);
	return db_rows(st, a, sizeof **out, ACT_MAX_PHOTOS + 1, (void **)out, n, photo_fill);
}

static void photo_fill_data(struct db_stmt *st, struct arena *a, void *slot)
{
	photo_fill(st, a, slot);
	struct act_photo *p = slot;
	size_t n;
	const void *d = db_col_blob(st, 4, &n);
	void *copy = arena_alloc(a, n ? n : 1);
	if (copy && n)
		memcpy(copy, d, n);
	p->data = copy;
	p->size = (int64_t)n;
}

int act_photo_get(struct db *db, struct arena *a, int64_t community_id, int64_t aid, int64_t pid,
		  struct act_photo *out)
{
	struct db_stmt *st = db_stmt(db, &q_photo);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, aid);
	db_bind_int(st, 3, pid);
	int rc = db_row(st, a, out, photo_fill_data);
	if (rc == 0 && !out->data)
		return -1;
	return rc == 1 ? ACT_NOT_FOUND : rc;
}

/* What is wrong with the form's photos (PNG or JPEG only), or NULL. */
static const char *photos_problem(struct req *r, size_t have)
{
	size_t n = 0;
	for (size_t i = 0; i < r->files.n; i++)
		n += upload_is(&r->files.v[i], "photos");
	if (have + n > ACT_MAX_PHOTOS)
		return arena_printf(r->a, "每个活动最多 %d 张照片,已有 %zu 张", ACT_MAX_PHOTOS, have);
	/* photos only (the kernel's check would also take a PDF), whole, of a
	 * size a phone can show; then how many, how big, their names */
	for (size_t i = 0; i < r->files.n; i++) {
		const char *why = upload_is(&r->files.v[i], "photos") ? upload_image_problem(r, &r->files.v[i]) : NULL;
		if (why)
			return why;
	}
	return upload_problem(r, "photos", ACT_MAX_PHOTOS, ACT_PHOTO_BYTES, 100);
}

enum http_result act_h_report(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	if (act_load(r, r->param[1], &v, &hr) < 0)
		return hr;
	struct act_report_page p = {.v = &v, .text = v.report};
	struct act_photo *ph;
	if (act_photos(r->db, r->a, r->community->id, v.id, &ph, &p.nphotos) < 0)
		return HR_ERROR;
	p.photos = ph;
	if (r->method != METHOD_POST) {
		const char *done = kv_get(&r->q, "done");
		if (done && !strcmp(done, "saved"))
			p.notice = v.report_at ? "活动回顾已发布。" : "已保存,尚未发布。";
		actview_report(r, &p);
		return HR_OK;
	}
	static const struct field fields[] = {{"report", "活动回顾", FIELD_MULTILINE, 1, 2000},
					      {"publish", "发布", FIELD_HIDDEN, 0, 1}};
	const char *vals[2], *errs[2];
	int bad = fields_validate(r->a, &r->form, fields, 2, vals, errs);
	p.text = vals[0];
	p.error = errs[0];
	p.photo_error = photos_problem(r, p.nphotos);
	if (!bad && (strcmp(v.state, "published") || r->now < v.ends_at))
		p.error = "活动结束后才能发布活动回顾。";
	if (bad || p.error || p.photo_error) {
		actview_report(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = act_report_save(r->db, r->community->id, v.id, vals[0], !strcmp(vals[1], "1"), r->user->id, r->now);
	size_t added = 0;
	for (size_t i = 0; rc == 0 && i < r->files.n; i++) {
		const struct part *f = &r->files.v[i];
		if (!upload_is(f, "photos"))
			continue;
		int64_t pid;
		const char *name = upload_name(r, f);
		rc = name ? act_photo_add(r->db, r->community->id, v.id, name, multipart_file_type(f->data, f->len),
					  f->data, f->len, r->now, &pid)
			  : -1;
		added++;
	}
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		p.error = rc == ACT_STATE ? "活动结束后才能发布活动回顾;照片最多 9 张。" : act_refusal_text(rc);
		actview_report(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.error);
	}
	if (req_audit_commit(r, "activities.report", "activities_activity", v.id,
			     arena_printf(r->a, "%s:活动回顾%s,新增照片 %zu 张", v.title,
					  !strcmp(vals[1], "1") ? "发布" : "保存", added)) < 0)
		return HR_ERROR;
	const char *u = url_c_id(r->a, r->community->slug, "/admin/activities/", v.id, "/report?done=saved");
	return u ? req_redirect(r, u) : HR_ERROR;
}
