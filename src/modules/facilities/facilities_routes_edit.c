/* The staff's facility form: a new facility, or one edited, with its hours
 * typed per weekday as on the service directory's station form. */
#include <stdio.h>
#include <string.h>

#include "http/fields.h"
#include "modules/facilities/facilities_web.h"
#include "web/link.h"

static const struct field facility_fields[FF__MAX] = {
    [FF_NAME] = {"name", "名称", FIELD_TEXT, 1, 60},
    [FF_KIND] = {"kind", "类别", FIELD_TEXT, 1, 30},
    [FF_PLACE] = {"place", "地点", FIELD_TEXT, 0, 100},
    [FF_CAPACITY] = {"capacity", "可容纳人数", FIELD_TEXT, 0, 10},
    [FF_RULES] = {"rules", "使用须知", FIELD_MULTILINE, 0, 2000},
    [FF_PROVIDED] = {"provided_by", "提供方", FIELD_TEXT, 0, 60},
    [FF_APPROVAL] = {"needs_approval", "需要审批", FIELD_TEXT, 0, 1},
    [FF_RESIDENTS] = {"open_residents", "居民可预约", FIELD_TEXT, 0, 1},
    [FF_ORGS] = {"open_orgs", "组织可预约", FIELD_TEXT, 0, 1},
    [FF_SLOT] = {"slot_min", "预约时段(分钟)", FIELD_TEXT, 1, 4},
    [FF_MAX] = {"max_min", "最长预约(分钟)", FIELD_TEXT, 1, 4},
    [FF_AHEAD] = {"days_ahead", "可提前预约天数", FIELD_TEXT, 1, 3},
    [FF_HOURS + 0] = {"hours1", "周一", FIELD_TEXT, 0, 120},
    [FF_HOURS + 1] = {"hours2", "周二", FIELD_TEXT, 0, 120},
    [FF_HOURS + 2] = {"hours3", "周三", FIELD_TEXT, 0, 120},
    [FF_HOURS + 3] = {"hours4", "周四", FIELD_TEXT, 0, 120},
    [FF_HOURS + 4] = {"hours5", "周五", FIELD_TEXT, 0, 120},
    [FF_HOURS + 5] = {"hours6", "周六", FIELD_TEXT, 0, 120},
    [FF_HOURS + 6] = {"hours7", "周日", FIELD_TEXT, 0, 120},
    [FF_HOLIDAYS] = {"holidays_open", "法定节假日开放", FIELD_TEXT, 0, 1},
    [FF_MAKEUP] = {"makeup_weekday", "调休上班日", FIELD_TEXT, 0, 1},
    [FF_ACTIVE] = {"active", "接受预约", FIELD_TEXT, 0, 1},
};

/* A whole number lo..hi as typed (ASCII digits only), else -1. */
static int whole(const char *s, int lo, int hi)
{
	int v = 0, n = 0;
	for (; s && *s >= '0' && *s <= '9'; s++, n++) {
		if (n >= 6)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return n && s && !*s && v >= lo && v <= hi ? v : -1;
}

/* Reads the form into f (strings in the arena). 0, or -1 with errors by field. */
static int facility_from_form(struct req *r, struct facilities_facility_form *form, struct facilities_facility *f)
{
	int bad = fields_validate(r->a, &r->form, facility_fields, FF__MAX, form->vals, form->errs);
	const char **v = form->vals;
	memset(f, 0, sizeof *f);
	f->name = v[FF_NAME];
	f->kind = v[FF_KIND];
	f->place = v[FF_PLACE];
	f->rules = v[FF_RULES];
	f->provided_by = v[FF_PROVIDED];
	f->needs_approval = !strcmp(v[FF_APPROVAL], "1");
	f->open_residents = !strcmp(v[FF_RESIDENTS], "1");
	f->open_orgs = !strcmp(v[FF_ORGS], "1");
	f->hours.holidays_open = !strcmp(v[FF_HOLIDAYS], "1");
	f->active = !strcmp(v[FF_ACTIVE], "1");
	f->capacity = *v[FF_CAPACITY] ? whole(v[FF_CAPACITY], 0, 100000) : 0;
	if (f->capacity < 0 && !form->errs[FF_CAPACITY])
		form->errs[FF_CAPACITY] = "可容纳人数请填 0 到 100000 的整数(0 表示不限)。", bad++;
	f->slot_min = whole(v[FF_SLOT], 1, 240);
	if (!facilities_slot_allowed(f->slot_min, form->editing ? form->editing->slot_min : 0))
		f->slot_min = -1;
	if (f->slot_min < 0 && !form->errs[FF_SLOT])
		form->errs[FF_SLOT] = "请从列表中选择预约时段:15、30、60、90 或 120 分钟。", bad++;
	f->max_min = whole(v[FF_MAX], 5, FACILITIES_LONGEST_MIN);
	if (f->max_min < 0 && !form->errs[FF_MAX])
		form->errs[FF_MAX] = "最长预约请填 5 到 1440 之间的分钟数,如 120。", bad++;
	else if (f->slot_min > 0 && f->max_min > 0 && f->max_min < f->slot_min && !form->errs[FF_MAX])
		form->errs[FF_MAX] = "最长预约不能短于一个预约时段。", bad++;
	f->days_ahead = whole(v[FF_AHEAD], 0, 90);
	if (f->days_ahead < 0 && !form->errs[FF_AHEAD])
		form->errs[FF_AHEAD] = "可提前预约天数请填 0 到 90 的整数。", bad++;
	f->hours.makeup_weekday = *v[FF_MAKEUP] ? whole(v[FF_MAKEUP], 0, 7) : 0;
	if (f->hours.makeup_weekday < 0 && !form->errs[FF_MAKEUP])
		form->errs[FF_MAKEUP] = "请选择调休上班日的开放时间。", bad++;
	for (int w = 0; w < 7; w++) {
		char err[200];
		if (form->errs[FF_HOURS + w])
			continue;
		if (services_day_parse(v[FF_HOURS + w], &f->hours.week[w], err, sizeof err) < 0) {
			form->errs[FF_HOURS + w] = arena_strdup(r->a, err);
			bad++;
		}
	}
	return bad ? -1 : 0;
}

/* Fills the form's values from a facility (strings in the arena). */
static void facility_to_form(struct arena *a, const struct facilities_facility *f, struct facilities_facility_form *form)
{
	const char **v = form->vals;
	v[FF_NAME] = f->name;
	v[FF_KIND] = f->kind;
	v[FF_PLACE] = f->place;
	v[FF_CAPACITY] = f->capacity ? arena_printf(a, "%d", f->capacity) : "";
	v[FF_RULES] = f->rules;
	v[FF_PROVIDED] = f->provided_by;
	v[FF_APPROVAL] = f->needs_approval ? "1" : "";
	v[FF_RESIDENTS] = f->open_residents ? "1" : "";
	v[FF_ORGS] = f->open_orgs ? "1" : "";
	v[FF_SLOT] = arena_printf(a, "%d", f->slot_min);
	v[FF_MAX] = arena_printf(a, "%d", f->max_min);
	v[FF_AHEAD] = arena_printf(a, "%d", f->days_ahead);
	for (int w = 0; w < 7; w++) {
		char h[SERVICES_HOURS_TEXT];
		v[FF_HOURS + w] = arena_strdup(a, services_day_format(&f->hours.week[w], h, sizeof h));
	}
	v[FF_HOLIDAYS] = f->hours.holidays_open ? "1" : "";
	v[FF_MAKEUP] = arena_printf(a, "%d", f->hours.makeup_weekday);
	v[FF_ACTIVE] = f->active ? "1" : "";
}

/* Shows the facility form again with its errors (422), keeping what was typed. */
static enum http_result again(struct req *r, struct facilities_facility_form *form)
{
	fview_facility_form(r, form);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
}

/* GET shows the empty facility form, POST adds the facility (audited). */
enum http_result facilities_h_facility_new(struct req *r)
{
	struct facilities_facility_form form = {0};
	struct facilities_facility f;
	if (r->method != METHOD_POST) {
		struct facilities_facility d = {.name = "", .kind = "活动室", .place = "", .rules = "", .provided_by = "",
						.open_residents = 1, .open_orgs = 1, .slot_min = 30, .max_min = 120,
						.days_ahead = 14, .active = 1};
		for (int w = 0; w < 7; w++) {
			d.hours.week[w].n = 1;
			d.hours.week[w].p[0] = (struct services_period){9 * 60, 21 * 60};
		}
		facility_to_form(r->a, &d, &form);
		fview_facility_form(r, &form);
		return HR_OK;
	}
	if (facility_from_form(r, &form, &f) < 0)
		return again(r, &form);
	int64_t id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = facilities_add(r->db, r->community->id, &f, r->now, &id);
	if (rc) {
		db_rollback(r->db);
		if (rc != DB_CONSTRAINT)
			return HR_ERROR;
		form.errs[FF_NAME] = arena_printf(r->a, "本社区已有名为“%s”的场地,请换一个名称。", f.name);
		return again(r, &form);
	}
	if (req_audit_commit(r, "facilities.add", "facilities_facility", id, arena_printf(r->a, "%s(%s)", f.name, f.kind)) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug, "/admin/facilities/?done=added"));
}

/* GET shows a facility's form, POST replaces it under its row lock (audited). */
enum http_result facilities_h_facility_edit(struct req *r)
{
	int64_t id = facilities_id_param(r->param[1]);
	struct facilities_facility old, f;
	int rc = id ? facilities_get(r->db, r->a, r->community->id, id, &old) : 1;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个场地。");
	struct facilities_facility_form form = {.editing = &old};
	if (r->method != METHOD_POST) {
		facility_to_form(r->a, &old, &form);
		fview_facility_form(r, &form);
		return HR_OK;
	}
	if (facility_from_form(r, &form, &f) < 0)
		return again(r, &form);
	f.id = id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = facilities_lock(r->db, r->community->id, id);
	/* activities holding the room keep it as it was promised to them */
	int64_t held = 0, most = 0;
	if (rc == 0 && (!f.active || f.capacity > 0) &&
	    facilities_holds_ahead(r->db, r->community->id, id, r->now, &held, &most) < 0)
		rc = -1;
	if (rc == 0 && held && (!f.active || most > f.capacity)) {
		db_rollback(r->db);
		if (!f.active)
			form.errs[FF_ACTIVE] = arena_printf(r->a, "还有 %lld 个社区活动占用这个场地,请先把活动改到别处或取消,再停用。",
							    (long long)held);
		else
			form.errs[FF_CAPACITY] = arena_printf(r->a, "占用这个场地的社区活动中有一个名额为 %lld 人,可容纳人数不能少于它。",
							      (long long)most);
		return again(r, &form);
	}
	if (rc == 0)
		rc = facilities_update(r->db, r->community->id, &f, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc == 1)
			return req_fail(r, HR_NOT_FOUND, "没有这个场地,它可能已被删除。");
		if (rc != DB_CONSTRAINT)
			return HR_ERROR;
		form.errs[FF_NAME] = arena_printf(r->a, "本社区已有名为“%s”的场地,请换一个名称。", f.name);
		return again(r, &form);
	}
	if (req_audit_commit(r, "facilities.edit", "facilities_facility", id, arena_printf(r->a, "%s(%s)", f.name, f.kind)) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug, "/admin/facilities/?done=saved"));
}
