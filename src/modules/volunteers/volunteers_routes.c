/* The volunteers' own routes: the public home of 志愿服务, a resident's
 * registration (志愿者注册, with their account), and the staff pages: the
 * list (search by exact name or mobile, paged, CSV/XLSX, masked), 代登记 at
 * the desk, one volunteer's page and its full view (a reason, audited). */
#include <string.h>

#include "core/str.h"
#include "modules/volunteers/volunteers_web.h"
#include "pii/pii.h"
#include "web/export.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

int64_t vol_id_param(const char *s)
{
	int64_t id;
	if (!s || !*s || *s == '+' || *s == '-' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

const char *vol_refusal_text(int rc)
{
	switch (rc) {
	case VOL_NOT_FOUND:
		return "没有找到这条记录,请检查后再试。";
	case VOL_DUPLICATE:
		return "你已经报名了这个班次。";
	case VOL_NOT_OPEN:
		return "这个项目不在招募中,不能报名。";
	case VOL_FULL:
		return "这个班次的名额已满。";
	case VOL_STARTED:
		return "班次已经开始,不能再报名或取消。";
	case VOL_GONE:
		return "这条报名已经取消。";
	case VOL_CHECKED_IN:
		return "已经签到过了,不能重复签到。";
	case VOL_NOT_IN:
		return "还没有签到,不能签退。";
	case VOL_CHECKED_OUT:
		return "已经签退过了。";
	case VOL_TOO_SOON:
		return "刚刚签到过,签退请在服务结束时再办;如果签错了,请社区工作人员在名单上更正时长。";
	case VOL_NOT_NOW:
		return "签到签退只能在班次开始前 1 小时到结束后 12 小时之内进行。";
	case VOL_STATE:
		return "当前状态不能进行这一步。";
	default:
		return "操作未能完成,请稍后再试。";
	}
}

const char *vol_hours_text(struct arena *a, int64_t minutes)
{
	if (minutes % 60 == 0)
		return arena_printf(a, "%lld 小时", (long long)(minutes / 60));
	return arena_printf(a, "%lld.%lld 小时", (long long)(minutes / 60), (long long)(minutes % 60 * 10 / 60));
}

int vol_volunteer_load(struct req *r, const char *seg, struct vol_volunteer *v, enum http_result *hr)
{
	int64_t id = vol_id_param(seg);
	int rc = id ? vol_get(r->db, r->a, r->community->id, id, v) : VOL_NOT_FOUND;
	if (rc == 0)
		return 0;
	*hr = rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这位志愿者。");
	return -1;
}

int vol_is_member(const struct req *r)
{
	return r->user && r->roles != 0;
}

/* ---- public ---- */

#define MEMBERS_ONLY "只有本社区的居民可以在网上登记志愿者;也可以到社区服务站请工作人员代为登记。"

enum http_result vol_h_register(struct req *r)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录,再登记成为志愿者。");
	if (!vol_is_member(r))
		return req_fail(r, HR_FORBIDDEN, MEMBERS_ONLY);
	r->cache_control = "no-store";
	struct vol_reg_form f = {0};
	struct vol_volunteer me;
	int rc = vol_get_by_user(r->db, r->a, r->community->id, r->user->id, &me);
	if (rc < 0)
		return HR_ERROR;
	f.editing = rc == 0;
	if (r->method != METHOD_POST) {
		if (f.editing)
			vol_reg_fill(&me, &f);
		volview_register(r, &f);
		return HR_OK;
	}
	struct vol_new v;
	if (vol_reg_read(r->a, &r->form, &f, &v)) {
		volview_register(r, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请按提示修改后再提交。");
	}
	v.user_id = r->user->id;
	v.name = r->user->display_name && *r->user->display_name ? r->user->display_name : r->user->username;
	char mobile[12] = "";
	v.phone = r->user->phone && str_mobile_normalize(r->user->phone, mobile) == 0 ? mobile : "";
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int64_t id = me.id;
	rc = f.editing ? vol_update_profile(r->db, r->community->id, me.id, &v)
		       : vol_add(r->db, r->a, r->community->id, &v, r->now, &id);
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		f.refusal = vol_refusal_text(rc);
		volview_register(r, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, f.refusal);
	}
	if (req_audit_commit(r, f.editing ? "volunteers.profile" : "volunteers.register", "volunteers_volunteer", id,
			     f.editing ? "修改志愿者登记信息" : "本人登记为志愿者") < 0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug, f.editing ? "/volunteers/?done=saved"
									    : "/volunteers/?done=registered"));
}

/* ---- staff: the list ---- */

/* The search text from ?q=: NULL for none, normalised; *error when too long. */
static const char *search_param(struct req *r, const char **error)
{
	const char *q = kv_get(&r->q, "q");
	*error = NULL;
	if (!q || !*q)
		return NULL;
	q = str_normalize(r->a, q, strlen(q));
	if (!q || !*q)
		return NULL;
	char mobile[12];
	if (str_mobile_normalize(q, mobile) == 0)
		return arena_strdup(r->a, mobile);
	if (utf8_len(q, strlen(q)) > 20) {
		*error = "请输入完整的姓名或 11 位手机号码";
		return NULL;
	}
	return q;
}

enum http_result vol_h_admin(struct req *r)
{
	struct vol_admin_page p = {0};
	p.page = page_param(r);
	int64_t off;
	if (p.page < 0 || page_offset(p.page, VOL_PER_PAGE, &off) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不对。");
	p.q = search_param(r, &p.q_error);
	if (!p.q_error && vol_list(r->db, r->a, r->community->id, p.q, off, VOL_PER_PAGE + 1, &p.v, &p.n) < 0)
		return HR_ERROR;
	p.has_next = p.n > VOL_PER_PAGE;
	if (p.has_next)
		p.n = VOL_PER_PAGE;
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "added"))
		p.notice = "已代为登记。";
	volview_admin(r, &p);
	return HR_OK;
}

enum http_result vol_h_admin_export(struct req *r)
{
	const char *error, *q = search_param(r, &error);
	if (error)
		return req_fail(r, HR_BAD_REQUEST, error);
	struct vol_volunteer *v;
	size_t n;
	if (vol_list(r->db, r->a, r->community->id, q, 0, VOL_EXPORT_MAX, &v, &n) < 0)
		return HR_ERROR;
	struct export_table x;
	struct table t;
	if (volview_volunteers_export(r, &t, &x, v, n) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

enum http_result vol_h_desk(struct req *r)
{
	struct vol_reg_form f = {.desk = 1};
	r->cache_control = "no-store";
	if (r->method != METHOD_POST) {
		volview_register(r, &f);
		return HR_OK;
	}
	struct vol_new v;
	if (vol_reg_read(r->a, &r->form, &f, &v)) {
		volview_register(r, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请按提示修改后再提交。");
	}
	v.by_user = r->user->id;
	int64_t id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (vol_add(r->db, r->a, r->community->id, &v, r->now, &id) != 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (req_audit_commit(r, "volunteers.desk_register", "volunteers_volunteer", id,
			     arena_printf(r->a, "代登记志愿者 %s", pii_mask_name(r->a, v.name))) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/volunteers/", id, "?done=added"));
}

/* ---- staff: one volunteer ---- */

static enum http_result volunteer_page(struct req *r, struct vol_volunteer_page *p, struct vol_volunteer *v)
{
	enum http_result hr;
	if (vol_volunteer_load(r, r->param[1], v, &hr) < 0)
		return hr;
	p->v = v;
	p->page = page_param(r);
	int64_t off;
	if (p->page < 0 || page_offset(p->page, VOL_PER_PAGE, &off) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不对。");
	if (vol_volunteer_records(r->db, r->a, r->community->id, v->id, off, VOL_PER_PAGE + 1, &p->r, &p->n) < 0)
		return HR_ERROR;
	p->has_next = p->n > VOL_PER_PAGE;
	if (p->has_next)
		p->n = VOL_PER_PAGE;
	if (vol_certificates_of(r->db, r->a, r->community->id, v->id, 50, &p->certs, &p->ncerts) < 0)
		return HR_ERROR;
	return HR_OK;
}

/* The records of volunteer v as an export (title). */
static enum http_result records_export(struct req *r, const struct vol_volunteer *v, const char *title)
{
	struct vol_record *x;
	size_t n;
	if (vol_volunteer_records(r->db, r->a, r->community->id, v->id, 0, VOL_EXPORT_MAX, &x, &n) < 0)
		return HR_ERROR;
	struct export_table e;
	struct table t;
	if (volview_records_begin(r, &t, &e, title) < 0)
		return req_error(r, "out of request memory for the export");
	volview_record_rows(r, &t, x, n);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	r->cache_control = "private, no-store";
	return export_send(r, &e, export_format(r->path));
}

enum http_result vol_h_records_export(struct req *r)
{
	struct vol_volunteer v;
	const char *seg = r->param[1], *dot = strrchr(seg, '.');
	int64_t id = dot ? vol_id_param(arena_strndup(r->a, seg, (size_t)(dot - seg))) : 0;
	int rc = id ? vol_get(r->db, r->a, r->community->id, id, &v) : VOL_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这位志愿者。");
	return records_export(r, &v, arena_printf(r->a, "志愿服务记录-%s", v.name_masked));
}

enum http_result vol_h_mine_export(struct req *r)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	struct vol_volunteer v;
	int rc = vol_get_by_user(r->db, r->a, r->community->id, r->user->id, &v);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "你还没有登记为志愿者。");
	return records_export(r, &v, "我的志愿服务记录");
}

enum http_result vol_h_volunteer(struct req *r)
{
	const char *dot = strrchr(r->param[1], '.');
	if (dot && (!strcmp(dot, ".csv") || !strcmp(dot, ".xlsx")))
		return vol_h_records_export(r); /* /admin/volunteers/<id>.csv: the records, as export_links makes it */
	struct vol_volunteer_page p = {0};
	struct vol_volunteer v;
	enum http_result hr = volunteer_page(r, &p, &v);
	if (hr != HR_OK)
		return hr;
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "added"))
		p.notice = "已代为登记。";
	else if (done && !strcmp(done, "backfill"))
		p.notice = "已补录,时长已计入。";
	volview_volunteer(r, &p);
	return HR_OK;
}

enum http_result vol_h_full(struct req *r)
{
	struct vol_volunteer_page p = {.ask = 1};
	struct vol_volunteer v;
	r->cache_control = "no-store";
	enum http_result hr = volunteer_page(r, &p, &v);
	if (hr != HR_OK)
		return hr;
	if (r->method != METHOD_POST) {
		volview_volunteer(r, &p);
		return HR_OK;
	}
	const char *why = kv_get(&r->form, "reason");
	why = why ? str_normalize(r->a, why, strlen(why)) : NULL;
	size_t n = why ? utf8_len(why, strlen(why)) : 0;
	if (n < 2 || n > 200 || fields_text_problem(r->a, "理由", why, 1)) {
		p.reason = kv_get(&r->form, "reason");
		p.reason_error = n >= 2 && n <= 200 ? fields_text_problem(r->a, "理由", why, 1)
				 : n ? "理由应为 2 到 200 个字,例如“核对服务记录”"
				     : "请填写理由,例如“核对服务记录”";
		volview_volunteer(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.reason_error);
	}
	struct vol_full full;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (vol_open(r->db, r->a, r->community->id, v.id, &full) != 0) {
		db_rollback(r->db);
		return req_error(r, "cannot open a volunteer's sealed name or mobile");
	}
	if (req_audit_commit(r, "volunteers.view_full", "volunteers_volunteer", v.id,
			     arena_printf(r->a, "查看志愿者 %s 的完整信息,理由:%s", v.name_masked, why)) < 0)
		return HR_ERROR;
	p.ask = 0;
	p.full = &full;
	p.notice = "以下为完整信息,仅本次显示;查看已记入审计日志。";
	volview_volunteer(r, &p);
	return HR_OK;
}
