/* 好人好事: the public list (newest first, paged, CSV/XLSX) and page of a
 * published story with its photos; the staff's list, the story form
 * (multipart: up to ORGS_MAX_PHOTOS whole PNG or JPEG photos), publishing
 * and withdrawing with a reason. The person praised shows by name only
 * when the form's 本人同意公开姓名 box was ticked, else masked; public
 * fields refuse mobiles and ID numbers. Every POST locks the story's row
 * in its write transaction and is audited. */
#include <string.h>

#include "http/multipart.h"
#include "modules/orgs/orgs_web.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"
#include "web/upload.h"

/* ---- public ---- */

static int load_list(struct req *r, struct orgs_story_list_page *p, int published_only, int all)
{
	int64_t offset, limit;
	int rc = orgs_page_window(r, all, &p->page, &offset, &limit);
	if (rc)
		return rc;
	if (orgs_story_list(r->db, r->a, r->community->id, published_only, offset, limit, &p->s, &p->n) < 0)
		return HR_ERROR;
	if (!all && p->n > ORGS_PER_PAGE) {
		p->n = ORGS_PER_PAGE;
		p->has_next = 1;
	}
	return 0;
}

enum http_result orgs_h_stories(struct req *r)
{
	struct orgs_story_list_page p = {0};
	int rc = load_list(r, &p, 1, 0);
	if (rc)
		return rc;
	orgs_view_stories(r, &p);
	return HR_OK;
}

/* Sends the rows of p as an export titled title. */
static enum http_result send_export(struct req *r, const char *title, const struct tcol *cols, int ncols,
				    void (*rows)(struct table *, struct req *, const struct orgs_story *, size_t),
				    const struct orgs_story_list_page *p)
{
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, title, cols, ncols) < 0)
		return req_error(r, "out of request memory for the export");
	rows(&t, r, p->s, p->n);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

enum http_result orgs_h_stories_export(struct req *r)
{
	struct orgs_story_list_page p = {0};
	int rc = load_list(r, &p, 1, 1);
	if (rc)
		return rc;
	return send_export(r, arena_printf(r->a, "%s好人好事", r->community->name), orgs_story_cols, orgs_story_ncols,
			   orgs_story_rows, &p);
}

#define NO_STORY "没有这篇好人好事,或它已撤回。"

enum http_result orgs_h_story(struct req *r)
{
	struct orgs_story_page p = {0};
	int64_t id = orgs_id_param(r->param[1]);
	int rc = id ? orgs_story_get(r->db, r->a, r->community->id, id, 0, &p.s) : ORGS_NOT_FOUND;
	if (rc == 0 && p.s.state != OS_PUBLISHED)
		rc = ORGS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, NO_STORY);
	if (orgs_photos(r->db, r->a, r->community->id, id, &p.photos, &p.nphotos) < 0)
		return HR_ERROR;
	orgs_view_story(r, &p);
	return HR_OK;
}

/* A photo: of a published story to anyone, of any story to staff. */
enum http_result orgs_h_story_photo(struct req *r)
{
	int64_t id = orgs_id_param(r->param[1]), pid = orgs_id_param(r->param[2]);
	struct orgs_story s;
	int staff = req_has_role(r, ROLES_STAFF);
	int rc = id && pid ? orgs_story_get(r->db, r->a, r->community->id, id, 0, &s) : ORGS_NOT_FOUND;
	if (rc == 0 && s.state != OS_PUBLISHED && !staff)
		rc = ORGS_NOT_FOUND;
	struct orgs_photo ph;
	if (rc == 0)
		rc = orgs_photo_get(r->db, r->a, r->community->id, id, pid, &ph);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这张照片。");
	upload_send_inline(r, ph.data, (size_t)ph.size, ph.mime, ph.name);
	if (s.state != OS_PUBLISHED)
		r->cache_control = "private, no-store";
	return HR_OK;
}

/* ---- staff ---- */

enum http_result orgs_h_admin_stories(struct req *r)
{
	struct orgs_story_list_page p = {0};
	int rc = load_list(r, &p, 0, 0);
	if (rc)
		return rc;
	const char *done = kv_get(&r->q, "done");
	static const char *const notices[][2] = {{"published", "已发布。"}, {"withdrawn", "已撤回,公开页面不再显示。"}};
	for (size_t i = 0; done && i < sizeof notices / sizeof *notices; i++)
		if (!strcmp(done, notices[i][0]))
			p.notice = notices[i][1];
	orgs_view_admin_stories(r, &p);
	return HR_OK;
}

enum http_result orgs_h_admin_stories_export(struct req *r)
{
	struct orgs_story_list_page p = {0};
	int rc = load_list(r, &p, 0, 1);
	if (rc)
		return rc;
	return send_export(r, arena_printf(r->a, "%s好人好事(工作人员)", r->community->name), orgs_admin_story_cols,
			   orgs_admin_story_ncols, orgs_admin_story_rows, &p);
}

/* What is wrong with the form's photos given `have` already, or NULL:
 * each a whole PNG or JPEG of a size a phone can show, at most
 * ORGS_MAX_PHOTOS in all, each at most ORGS_PHOTO_BYTES. */
static const char *photo_problem(struct req *r, size_t have)
{
	size_t n = 0;
	for (size_t i = 0; i < r->files.n; i++)
		if (upload_is(&r->files.v[i], "photos")) {
			const char *why = upload_image_problem(r, &r->files.v[i]);
			if (why)
				return why;
			n++;
		}
	if (have + n > ORGS_MAX_PHOTOS)
		return arena_printf(r->a, "每篇最多 %d 张照片,已有 %zu 张", ORGS_MAX_PHOTOS, have);
	return upload_problem(r, "photos", ORGS_MAX_PHOTOS, ORGS_PHOTO_BYTES, 100);
}

/* The form page (again, with status when refused). */
static enum http_result form_page(struct req *r, struct orgs_story_form *f, int refused)
{
	if (orgs_org_list(r->db, r->a, r->community->id, 1, -1, 0, 200, &f->orgs, &f->norgs) < 0)
		return HR_ERROR;
	if (f->editing && orgs_photos(r->db, r->a, r->community->id, f->editing->id, &f->photos, &f->nphotos) < 0)
		return HR_ERROR;
	orgs_view_story_form(r, f);
	if (!refused)
		return HR_OK;
	r->body_written = 1;
	return req_fail(r, HR_INVALID, f->refusal ? f->refusal : "请修改表单中标出的问题。");
}

/* Adds the form's photos to story id. 0, a store refusal, or -1; *added counts them. */
static int add_photos(struct req *r, int64_t id, size_t *added)
{
	*added = 0;
	for (size_t i = 0; i < r->files.n; i++) {
		const struct part *f = &r->files.v[i];
		if (!upload_is(f, "photos"))
			continue;
		const char *name = upload_name(r, f);
		int64_t pid;
		int rc = name ? orgs_photo_add(r->db, r->community->id, id, name, multipart_file_type(f->data, f->len),
					       f->data, f->len, r->now, &pid)
			      : -1;
		if (rc)
			return rc;
		++*added;
	}
	return 0;
}

static enum http_result to_story(struct req *r, int64_t id, const char *done)
{
	return req_redirect(r, arena_printf(r->a, "%s?done=%s",
					    url_c_id(r->a, r->community->slug, "/admin/orgs/stories/", id, NULL), done));
}

/* Saves the posted form: a new draft (editing NULL) or the story edited,
 * with its new photos. */
static enum http_result save(struct req *r, struct orgs_story_form *f)
{
	struct orgs_story s;
	int bad = orgs_story_read(r->a, &r->form, orgs_today(r), f, &s);
	f->photo_err = photo_problem(r, f->editing ? (size_t)f->editing->photos : 0);
	if (bad || f->photo_err)
		return form_page(r, f, 1);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc;
	if (f->editing) {
		s.id = f->editing->id;
		rc = orgs_story_update(r->db, r->a, r->community->id, &s, r->user->id, r->now);
	} else
		rc = orgs_story_add(r->db, r->a, r->community->id, &s, r->user->id, r->now);
	size_t added = 0;
	if (rc == 0)
		rc = add_photos(r, s.id, &added);
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		if (rc == ORGS_NOT_FOUND)
			f->errs[SF_ORG] = "所选组织不存在,请重新选择";
		else
			f->refusal = "这篇已撤回不能再修改,或照片已满 6 张。";
		return form_page(r, f, 1);
	}
	if (req_audit_commit(r, f->editing ? "orgs.story_edit" : "orgs.story_add", "orgs_story", s.id,
			     arena_printf(r->a, "%s;新增照片 %zu 张", s.title, added)) < 0)
		return HR_ERROR;
	return to_story(r, s.id, "saved");
}

enum http_result orgs_h_story_new(struct req *r)
{
	struct orgs_story_form f = {0};
	if (r->method != METHOD_POST) {
		f.vals[SF_ON] = orgs_today(r);
		return form_page(r, &f, 0);
	}
	return save(r, &f);
}

static int load_story(struct req *r, struct orgs_story *s)
{
	int64_t id = orgs_id_param(r->param[1]);
	int rc = id ? orgs_story_get(r->db, r->a, r->community->id, id, 0, s) : ORGS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这篇好人好事。");
	return 0;
}

enum http_result orgs_h_story_edit(struct req *r)
{
	struct orgs_story s;
	int rc = load_story(r, &s);
	if (rc)
		return rc;
	struct orgs_story_form f = {.editing = &s};
	if (r->method == METHOD_POST)
		return save(r, &f);
	f.vals[SF_TITLE] = s.title;
	f.vals[SF_ON] = s.told_on;
	f.vals[SF_PERSON] = ""; /* empty keeps it: the full name is never shown again */
	f.vals[SF_CONSENT] = s.consent ? "1" : "";
	f.vals[SF_ORG] = s.org_id ? arena_printf(r->a, "%lld", (long long)s.org_id) : "";
	f.vals[SF_BODY] = s.body;
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "saved"))
		f.notice = s.state == OS_DRAFT ? "已保存为草稿,核对后请发布。" : "已保存。";
	return form_page(r, &f, 0);
}

enum http_result orgs_h_story_publish(struct req *r)
{
	struct orgs_story s;
	int rc = load_story(r, &s);
	if (rc)
		return rc;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = orgs_story_publish(r->db, r->community->id, s.id, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_INVALID, "只有草稿可以发布。");
	}
	if (req_audit_commit(r, "orgs.story_publish", "orgs_story", s.id, s.title) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "%s?done=published", url_c(r->a, r->community->slug, "/admin/orgs/stories/")));
}

enum http_result orgs_h_story_withdraw(struct req *r)
{
	struct orgs_story s;
	int rc = load_story(r, &s);
	if (rc)
		return rc;
	struct orgs_reason_page p = {
	    .title = arena_printf(r->a, "撤回:%s", s.title),
	    .lead = "撤回后公开页面不再显示这篇好人好事,记录保留。",
	    .action = url_c_id(r->a, r->community->slug, "/admin/orgs/stories/", s.id, "/withdraw"),
	    .back = url_c_id(r->a, r->community->slug, "/admin/orgs/stories/", s.id, NULL),
	    .submit = "撤回",
	};
	if (s.state != OS_PUBLISHED)
		p.refusal = "只有已发布的可以撤回。";
	if (r->method != METHOD_POST) {
		orgs_view_reason(r, &p);
		return HR_OK;
	}
	const char *why;
	p.reason = kv_get(&r->form, "reason");
	p.reason_err = orgs_reason_read(r->a, p.reason, &why);
	if (p.reason_err || p.refusal) {
		orgs_view_reason(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.refusal ? p.refusal : p.reason_err);
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = orgs_story_withdraw(r->db, r->community->id, s.id, why, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_INVALID, "只有已发布的可以撤回。");
	}
	if (req_audit_commit(r, "orgs.story_withdraw", "orgs_story", s.id, arena_printf(r->a, "%s:%s", s.title, why)) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "%s?done=withdrawn", url_c(r->a, r->community->slug, "/admin/orgs/stories/")));
}
