/* The registry's staff pages under /c/<slug>/admin/people/ (community staff
 * and the admins above them): the list with its filters and masked
 * exports, the audited full export, the desk's form for a new resident,
 * the buildings and a household; and the workbench cards. A resident's own
 * page and its actions are in people_routes_person.c. */
#include <string.h>

#include "core/str.h"
#include "modules/people/people_web.h"
#include "web/cards.h"
#include "web/export.h"
#include "web/link.h"
#include "web/list.h"

const char *const people_field_names[PC__MAX] = {"name",     "gender", "id_number", "birth",     "phone",
                                                 "building", "unit",   "room",      "household", "relation",
                                                 "tags",     "grid",   "note"};

int64_t people_id_param(const char *s)
{
	int64_t id;
	if (!s || *s < '1' || *s > '9' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

int people_filter_from(struct req *r, const struct kvlist *kv, struct people_list_page *p)
{
	const char *q = kv_get(kv, "q"), *status = kv_get(kv, "status"), *b = kv_get(kv, "building"),
	           *tag = kv_get(kv, "tag");
	memset(&p->f, 0, sizeof p->f);
	p->f.status = PEOPLE_LIVING;
	p->status = "";
	p->building = "";
	if (status && *status) {
		if (!strcmp(status, "all"))
			p->f.status = -1;
		else if ((p->f.status = people_status_from(status)) < 0)
			return -1;
		p->status = status;
	}
	p->building_name = "";
	p->building_error = NULL;
	p->building_guesses = NULL;
	p->nbuilding_guesses = 0;
	p->buildings_typed = 0;
	const char *bname = kv_get(kv, "bname");
	if (b && *b) {
		if (!strcmp(b, "none"))
			p->f.building_id = -1; /* residents with no address */
		else if (!(p->f.building_id = people_id_param(b)))
			return -1;
		p->building = b;
	} else if (bname && *bname) {
		char *t = str_normalize(r->a, bname, strlen(bname));
		if (!t)
			return -1;
		p->building_name = t; /* its id: people_building_named */
		if (utf8_len(t, strlen(t)) > 40) {
			utf8_clip(t, 100); /* shown back in the field with the error */
			p->building_error = "楼栋名称最多 40 个字,请核对";
		} else if (!strcmp(t, "未登记住址") || !strcmp(t, "未登记")) {
			p->f.building_id = -1;
		}
	}
	if (tag && *tag) {
		const struct people_tag_def *t = people_tags_known;
		while (t->name && strcmp(t->name, tag))
			t++;
		if (!t->name)
			return -1;
		p->f.tag = t->name;
	}
	if (q && *q) {
		char *t = str_normalize(r->a, q, strlen(q));
		if (!t || utf8_len(t, strlen(t)) > 40)
			return -1;
		p->f.q = t;
	}
	return 0;
}

int people_building_named(struct req *r, struct people_list_page *p)
{
	if (!*p->building_name || p->f.building_id || p->building_error)
		return 0;
	int64_t id;
	int rc = people_building_find(r->db, r->community->id, p->building_name, &id);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		p->f.building_id = id;
		p->building = arena_printf(r->a, "%lld", (long long)id);
		return p->building ? 0 : -1;
	}
	int64_t number = people_building_number(p->building_name);
	if (number > 0 && people_buildings_numbered(r->db, r->a, r->community->id, number, 6, &p->building_guesses,
	                                            &p->nbuilding_guesses) < 0)
		return -1;
	if (p->nbuilding_guesses == 1) { /* "12", "12号", "12栋" for 12号楼 */
		p->f.building_id = p->building_guesses[0].id;
		p->building_name = p->building_guesses[0].name;
		p->building = arena_printf(r->a, "%lld", (long long)p->f.building_id);
		p->nbuilding_guesses = 0;
		return p->building ? 0 : -1;
	}
	p->building_error = p->nbuilding_guesses
	                        ? arena_printf(r->a, "没有名为“%s”的楼栋;名称里有 %lld 的楼栋见下面", p->building_name,
	                                       (long long)number)
	                        : arena_printf(r->a, "没有名为“%s”的楼栋,请核对名称,或到楼栋列表中查找", p->building_name);
	return p->building_error ? 0 : -1;
}

const char *people_reason(struct req *r, const char **error)
{
	const char *why = kv_get(&r->form, "reason");
	why = why ? str_normalize(r->a, why, strlen(why)) : NULL;
	size_t n = why ? utf8_len(why, strlen(why)) : 0;
	if (n < 2 || n > 200) {
		*error =
		    n ? "理由应为 2 到 200 个字,例如“核对低保申请材料”" : "请填写理由,例如“核对低保申请材料”";
		return NULL;
	}
	return why;
}

/* ---- the list and its exports ---- */

enum http_result people_h_list(struct req *r)
{
	struct people_list_page p = {0};
	int64_t offset;
	p.page = page_param(r);
	if (p.page < 0 || people_filter_from(r, &r->q, &p) < 0 ||
	    page_offset(p.page, PEOPLE_PAGE, &offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "筛选条件或页码不正确。");
	/* a few buildings are offered as a choice; more are typed by name */
	if (people_buildings(r->db, r->a, r->community->id, 0, 0, PEOPLE_BUILDING_CHOICES + 1, &p.buildings,
	                     &p.nbuildings) < 0 ||
	    people_building_named(r, &p) < 0)
		return req_error(r, "cannot read the people list");
	p.buildings_typed = p.nbuildings > PEOPLE_BUILDING_CHOICES || *p.building_name; /* typed: shown back */
	if (p.buildings_typed && p.f.building_id < 0 && !*p.building_name)
		p.building_name = "未登记住址";
	if (p.buildings_typed && p.f.building_id > 0 && !*p.building_name &&
	    people_building_name(r->db, r->a, r->community->id, p.f.building_id, &p.building_name) < 0)
		return req_error(r, "cannot read the building's name");
	if (!p.building_name)
		p.building_name = "";
	if (!p.building_error && people_list(r->db, r->a, r->community->id, &p.f, offset, PEOPLE_PAGE, &p.rows,
	                                     &p.n, &p.has_next) < 0)
		return req_error(r, "cannot read the people list");
	pview_list(r, &p);
	return HR_OK;
}

enum http_result people_h_export(struct req *r)
{
	struct people_list_page p;
	if (people_filter_from(r, &r->q, &p) < 0)
		return req_fail(r, HR_BAD_REQUEST, "筛选条件不正确。");
	if (people_building_named(r, &p) < 0)
		return req_error(r, "cannot read the building");
	if (p.building_error)
		return req_fail(r, HR_BAD_REQUEST, p.building_error);
	struct export_table x;
	int64_t rows;
	const char *title = arena_printf(r->a, "%s居民名册", r->community->name);
	int rc = title ? people_export(r->db, r->a, r->community->id, &p.f, 0, NULL, PEOPLE_EXPORT_MAX, title, &x, &rows)
	               : -1;
	if (rc == 2)
		return req_fail(r, HR_INVALID,
		                arena_printf(r->a,
		                             "一次最多导出 %d 人,现在的筛选条件超过了。请按楼栋、人员类别或状态筛选后分批导出;"
		                             "整个名册可请系统管理员用命令行导出。",
		                             PEOPLE_EXPORT_MAX));
	if (rc < 0)
		return req_error(r, "cannot build the people export");
	return export_send(r, &x, export_format(r->path));
}

/* GET: the form (reason, format, the explicit choice) carrying the list's
 * filters; POST: the file with every field opened, audited. */
enum http_result people_h_export_full(struct req *r)
{
	struct people_export_page e = {0};
	struct people_list_page p;
	/* the filters come from the form on a POST */
	if (people_filter_from(r, r->method == METHOD_POST ? &r->form : &r->q, &p) < 0)
		return req_fail(r, HR_BAD_REQUEST, "筛选条件不正确。");
	if (people_building_named(r, &p) < 0)
		return req_error(r, "cannot read the building");
	if (p.building_error)
		return req_fail(r, HR_BAD_REQUEST, p.building_error);
	r->cache_control = "no-store";
	if (r->method != METHOD_POST) {
		pview_export_full(r, &e);
		return HR_OK;
	}
	e.format = kv_get(&r->form, "format");
	e.confirm = kv_get(&r->form, "confirm");
	const char *why = people_reason(r, &e.reason_error);
	e.reason = kv_get(&r->form, "reason");
	if (!e.format || (strcmp(e.format, "csv") && strcmp(e.format, "xlsx")))
		e.format_error = "请选择文件格式";
	if (!e.confirm || strcmp(e.confirm, "1"))
		e.confirm_error = "请勾选确认:导出的文件含完整的身份证号和手机号,须妥善保管";
	if (!why || e.format_error || e.confirm_error) {
		pview_export_full(r, &e);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	struct export_table x;
	int64_t rows;
	const char *title = arena_printf(r->a, "%s居民名册(完整)", r->community->name);
	if (!title || db_begin(r->db) < 0)
		return HR_ERROR;
	struct people_viewer v = {r->user->id, r->user->display_name, arena_printf(r->a, "导出完整名册:%s", why), r->now};
	int rc = v.reason ? people_export(r->db, r->a, r->community->id, &p.f, 1, &v, PEOPLE_EXPORT_FULL_MAX, title,
	                                  &x, &rows)
	                  : -1;
	if (rc != 0)
		db_rollback(r->db);
	if (rc == 2) { /* the form again, saying so above it */
		e.refusal = arena_printf(r->a,
		                         "完整信息一次最多导出 %d 人,现在的筛选条件超过了。请回到列表按楼栋或人员类别筛选后分批导出;"
		                         "整个名册可请系统管理员用命令行导出。",
		                         PEOPLE_EXPORT_FULL_MAX);
		pview_export_full(r, &e);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, e.refusal);
	}
	if (rc < 0)
		return req_error(r, "cannot build the full people export (a sealed field does not open?)");
	if (req_audit_commit(r, "people.export_full", "people_person", 0,
	                     arena_printf(r->a, "导出 %lld 人的完整信息(%s),理由:%s", (long long)rows,
	                                  !strcmp(e.format, "csv") ? "CSV" : "Excel", why)) < 0)
		return HR_ERROR;
	enum http_result hr = export_send(r, &x, e.format);
	r->cache_control = "private, no-store";
	return hr;
}

/* ---- the desk's form ---- */

/* Reads the form into f->v. */
static void form_values(struct req *r, struct people_form *f)
{
	for (int i = 0; i < PC__MAX; i++) {
		const char *v = kv_get(&r->form, people_field_names[i]);
		f->v[i] = v ? v : "";
	}
}

static struct people_input input_of(const struct people_form *f)
{
	return (struct people_input){f->v[PC_NAME],      f->v[PC_GENDER],   f->v[PC_ID],   f->v[PC_BIRTH],
	                             f->v[PC_PHONE],     f->v[PC_BUILDING], f->v[PC_UNIT], f->v[PC_ROOM],
	                             f->v[PC_HOUSEHOLD], f->v[PC_RELATION], f->v[PC_TAGS], f->v[PC_GRID],
	                             f->v[PC_NOTE]};
}

int people_form_check(struct req *r, struct people_form *f, struct people_record *rec)
{
	struct people_input in = input_of(f);
	struct people_problem pr[PEOPLE_MAX_PROBLEMS];
	int n = people_check(r->a, &in, r->now, rec, pr);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < PC__MAX; k++)
			if (!strcmp(pr[i].field, people_field_names[k]) && !f->e[k])
				f->e[k] = pr[i].message;
	return n;
}

enum http_result people_form_again(struct req *r, struct people_form *f)
{
	pview_form(r, f);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
}

/* The error beside the ID number when another resident holds it. */
const char *people_id_taken(struct req *r, const char *id_number, int64_t except)
{
	int64_t other = 0;
	struct people_person o;
	if (people_find_id_number(r->db, r->community->id, id_number, &other) < 0 || !other ||
	    other == except)
		return NULL;
	if (people_person_get(r->db, r->a, r->community->id, other, &o) != 0)
		return "这个身份证号已经登记过了";
	return arena_printf(r->a, "这个身份证号已登记为居民 %s(编号 %lld),请勿重复登记", o.name,
	                    (long long)other);
}

enum http_result people_h_new(struct req *r)
{
	struct people_form f = {0};
	if (r->method != METHOD_POST) {
		pview_form(r, &f);
		return HR_OK;
	}
	form_values(r, &f);
	struct people_record rec;
	if (people_form_check(r, &f, &rec))
		return people_form_again(r, &f);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int64_t id = 0;
	const char *taken = *rec.id_number ? people_id_taken(r, rec.id_number, 0) : NULL;
	int rc = taken ? DB_CONSTRAINT
	               : people_person_add(r->db, r->a, r->community->id, &rec, r->user->id, r->now, &id);
	if (rc == DB_CONSTRAINT) {
		db_rollback(r->db);
		f.e[PC_ID] = taken ? taken : people_id_taken(r, rec.id_number, 0);
		if (!f.e[PC_ID])
			f.e[PC_ID] = "这个身份证号已经登记过了";
		return people_form_again(r, &f);
	}
	if (rc != 0) {
		db_rollback(r->db);
		return req_error(r, "cannot add a resident");
	}
	if (req_audit_commit(r, "people.create", "people_person", id,
	                     arena_printf(r->a, "登记居民 %s", pii_mask_name(r->a, rec.name))) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/people/", id, "?done=created"));
}

/* ---- buildings and households ---- */

enum http_result people_h_buildings(struct req *r)
{
	struct people_building *b;
	size_t n;
	int64_t page = page_param(r), offset;
	if (page < 0 || page_offset(page, PEOPLE_BUILDINGS_PAGE, &offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不正确。");
	if (people_buildings(r->db, r->a, r->community->id, 1, offset, PEOPLE_BUILDINGS_PAGE + 1, &b, &n) < 0)
		return req_error(r, "cannot read the buildings");
	int has_next = n > PEOPLE_BUILDINGS_PAGE;
	pview_buildings(r, b, has_next ? PEOPLE_BUILDINGS_PAGE : n, page, has_next);
	return HR_OK;
}

enum http_result people_h_household(struct req *r)
{
	int64_t id = people_id_param(r->param[1]);
	struct people_household_info h;
	struct people_person *m;
	size_t n;
	int rc = id ? people_household_get(r->db, r->a, r->community->id, id, &h) : 1;
	if (rc)
		return rc < 0 ? req_error(r, "cannot read a household")
		              : req_fail(r, HR_NOT_FOUND, "没有这个家庭户。");
	if (people_household_members(r->db, r->a, r->community->id, id, &m, &n) < 0)
		return req_error(r, "cannot read a household's members");
	pview_household(r, &h, m, n);
	return HR_OK;
}

/* ---- the workbench ---- */

int people_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c)
		return 0;
	struct people_bench k;
	if (people_bench_counts(r->db, c->id, r->now, &k) < 0)
		return -1;
	return workbench_card(w, "即将删除个人信息的居民", k.due_erase,
	                      url_c(r->a, c->slug, "/admin/people/?status=moved_out"),
	                      "已迁出或已故满保存期限,30 天内将删除身份证号、手机号等个人信息", WB_SOON, NULL,
	                      0) |
	       workbench_card(w, "未登记住址的居民", k.no_address, url_c(r->a, c->slug, "/admin/people/?building=none"),
	                      "在册但没有楼栋和房号,请补充住址", WB_TODO, NULL, 0);
}
