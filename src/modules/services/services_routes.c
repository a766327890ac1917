/* Routes of the service directory: the public pages of a community and of
 * a street, the spreadsheet exports, the staff pages that add, edit and
 * remove stations and hotlines (each change audited), and the footer hook. */
#include <string.h>

#include "core/str.h"
#include "http/fields.h"
#include "modules/services/services_web.h"
#include "org/org.h"
#include "pii/pii.h"
#include "web/html.h"
#include "web/link.h"
#include "web/table.h"

/* ---- shared ---- */

int64_t services_id_param(const char *s)
{
	int64_t id;
	if (!s || !*s || *s == '+' || *s == '-' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

void services_clock_now(struct req *r, struct services_clock *clk)
{
	services_calendar(r->now, clk->days, SERVICES_HORIZON, &clk->minute);
}

int services_entries(struct req *r, const struct services_clock *clk, const struct services_station *s, size_t n,
		     struct services_entry **out)
{
	*out = arena_zalloc(r->a, (n ? n : 1) * sizeof **out);
	if (!*out)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct services_entry *e = &(*out)[i];
		char text[256], today[SERVICES_HOURS_TEXT];
		e->s = &s[i];
		if (services_status(&s[i].hours, clk->days, SERVICES_HORIZON, clk->minute, &e->status) < 0)
			return -1;
		services_status_text(&e->status, clk->days, SERVICES_HORIZON, text, sizeof text);
		services_day_format(services_day_effective(&s[i].hours, &clk->days[1]), today, sizeof today);
		/* The status text holds until the station next opens or closes. */
		if (e->status.next >= 0)
			req_valid_until(r, r->now - (int64_t)clk->minute * 60 - r->now % 60 + (int64_t)e->status.next * 60);
		e->now = arena_strdup(r->a, text);
		e->today = arena_strdup(r->a, today);
	}
	return r->a->failed ? -1 : 0;
}

int services_read_stations(struct req *r, int64_t community_id, struct services_station **s, size_t *n)
{
	int rc = services_stations(r->db, r->a, community_id, s, n);
	if (rc == SERVICES_FULL)
		req_error(r, arena_printf(r->a, "community %lld has more than %d stations: the list is not shown cut short",
					  (long long)community_id, SERVICES_MAX_STATIONS));
	return rc ? -1 : 0;
}

int services_read_hotlines(struct req *r, struct services_hotline **h, size_t *n)
{
	int rc = services_hotlines(r->db, r->a, r->community->id, h, n);
	if (rc == SERVICES_FULL)
		req_error(r, arena_printf(r->a, "community %lld has more than %d hotlines: the list is not shown cut short",
					  (long long)r->community->id, SERVICES_MAX_HOTLINES));
	return rc ? -1 : 0;
}

int services_load(struct req *r, struct services_clock *clk, struct services_entry **e, size_t *n,
		  struct services_hotline **h, size_t *nh)
{
	struct services_station *s;
	services_clock_now(r, clk);
	if (services_read_stations(r, r->community->id, &s, n) < 0 || (h && services_read_hotlines(r, h, nh) < 0))
		return -1;
	if (services_entries(r, clk, s, *n, e) < 0) {
		req_error(r, "out of request memory for the station list");
		return -1;
	}
	return 0;
}

int services_load_station(struct req *r, struct services_clock *clk, struct services_entry **e)
{
	int64_t id = services_id_param(r->param[1]);
	struct services_station *s = arena_alloc(r->a, sizeof *s);
	if (!s)
		return -1;
	int rc = id ? services_station_get(r->db, r->a, r->community->id, id, s) : 1;
	if (rc)
		return rc;
	services_clock_now(r, clk);
	if (services_entries(r, clk, s, 1, e) < 0) {
		req_error(r, "out of request memory for the station");
		return -1;
	}
	return 0;
}

static enum http_result back_to_admin(struct req *r, const char *done)
{
	const char *to = url_c(r->a, r->community->slug, "/admin/services/?done=");
	return to ? req_redirect(r, arena_printf(r->a, "%s%s", to, done)) : req_error(r, "out of request memory");
}

/* Back to the overview after removing something, its name in the query so
 * that the notice can say what was removed. */
static enum http_result back_to_admin_named(struct req *r, const char *done, const char *name)
{
	const char *to = url_c(r->a, r->community->slug, "/admin/services/?done=");
	struct buf q;
	buf_init(&q, 256);
	h_url(&q, name);
	const char *url = to && !q.err ? arena_printf(r->a, "%s%s&name=%s", to, done, q.data) : NULL;
	buf_free(&q);
	return url ? req_redirect(r, url) : req_error(r, "out of request memory");
}

/* ---- public pages ---- */

enum http_result services_h_list(struct req *r)
{
	struct services_list_page p = {0};
	struct services_clock clk;
	if (services_load(r, &clk, &p.entries, &p.n, &p.hotlines, &p.nhotlines) < 0)
		return HR_ERROR;
	p.today = sview_day_label(r->a, &clk.days[1]);
	sview_list(r, &p);
	return HR_OK;
}

enum http_result services_h_station(struct req *r)
{
	struct services_clock clk;
	struct services_entry *e;
	int rc = services_load_station(r, &clk, &e);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个服务站点,它可能已被删除。");
	const struct services_station *s = e->s;
	struct services_station_page p = {.e = *e};
	for (int k = 0; k < 7; k++) {
		char h[SERVICES_HOURS_TEXT];
		p.next[k].day = &clk.days[k + 1];
		p.next[k].hours = arena_strdup(r->a, services_day_format(services_day_effective(&s->hours, &clk.days[k + 1]),
									  h, sizeof h));
	}
	sview_station(r, &p);
	return HR_OK;
}

/* The columns of the station exports: the community's, then the station's. */
static const struct tcol station_cols[] = {
    {"社区", 0, NULL}, {"类别", 0, NULL}, {"名称", 0, NULL}, {"地址", 0, NULL}, {"电话", 0, NULL},
    {"服务项目", 0, NULL}, {"周一", 0, NULL}, {"周二", 0, NULL}, {"周三", 0, NULL}, {"周四", 0, NULL},
    {"周五", 0, NULL}, {"周六", 0, NULL}, {"周日", 0, NULL}, {"法定节假日", 0, NULL}, {"调休上班日", 0, NULL},
    {"值班人员", 0, NULL}, {"备注", 0, NULL}};
#define STATION_NCOLS ((int)(sizeof station_cols / sizeof *station_cols))

/* One station as an export row, with its community's name first when the
 * table has that column (community set); staff rows (staff_station_cols)
 * hold the roster whether public or not, and whether it is. */
static void export_station(struct table *t, struct arena *a, const char *community, const struct services_station *s,
			   int staff)
{
	table_tr(t, NULL);
	if (community)
		table_text(t, community);
	table_text(t, s->kind);
	table_text(t, s->name);
	table_text(t, s->address);
	table_text(t, s->phone);
	table_text(t, s->services);
	for (int w = 0; w < 7; w++) {
		char h[SERVICES_HOURS_TEXT];
		table_text(t, arena_strdup(a, services_day_format(&s->hours.week[w], h, sizeof h)));
	}
	table_text(t, sview_holiday_rule(&s->hours));
	table_text(t, sview_makeup_rule(a, &s->hours));
	table_text(t, s->duty_public || staff ? s->duty : "");
	if (staff)
		table_text(t, s->duty_public ? "对外公开" : "仅工作人员可见");
	table_text(t, s->note);
}

/* The staff export's columns: the public ones, the roster whether public
 * or not, and whether it is shown to the public. */
static const struct tcol staff_station_cols[] = {
    {"类别", 0, NULL}, {"名称", 0, NULL}, {"地址", 0, NULL}, {"电话", 0, NULL}, {"服务项目", 0, NULL},
    {"周一", 0, NULL}, {"周二", 0, NULL}, {"周三", 0, NULL}, {"周四", 0, NULL}, {"周五", 0, NULL},
    {"周六", 0, NULL}, {"周日", 0, NULL}, {"法定节假日", 0, NULL}, {"调休上班日", 0, NULL},
    {"值班人员", 0, NULL}, {"值班人员是否公开", 0, NULL}, {"备注", 0, NULL}};
static const struct tcol hotline_cols[] = {
    {"类型", 0, NULL}, {"名称", 0, NULL}, {"号码", 0, NULL}, {"接听时间", 0, NULL}};

/* The community's stations as a spreadsheet: the public columns, or
 * (staff) every column. */
static enum http_result stations_export(struct req *r, int staff)
{
	struct services_station *s;
	size_t n;
	struct export_table x;
	struct table t;
	if (services_read_stations(r, r->community->id, &s, &n) < 0)
		return HR_ERROR;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s服务站点", r->community->name),
			       staff ? staff_station_cols : station_cols + 1,
			       staff ? (int)(sizeof staff_station_cols / sizeof *staff_station_cols) : STATION_NCOLS - 1) < 0)
		return req_error(r, "out of request memory for the export");
	for (size_t i = 0; i < n; i++)
		export_station(&t, r->a, NULL, &s[i], staff);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

enum http_result services_h_export(struct req *r)
{
	return stations_export(r, 0);
}

enum http_result services_h_admin_export(struct req *r)
{
	return stations_export(r, 1);
}

/* Staff: the community's hotlines. */
enum http_result services_h_admin_hotlines_export(struct req *r)
{
	struct services_hotline *h;
	size_t n;
	struct export_table x;
	struct table t;
	if (services_read_hotlines(r, &h, &n) < 0)
		return HR_ERROR;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s热线电话", r->community->name), hotline_cols,
			       (int)(sizeof hotline_cols / sizeof *hotline_cols)) < 0)
		return req_error(r, "out of request memory for the export");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_text(&t, services_hotline_kind_label(h[i].kind));
		table_text(&t, h[i].name);
		table_text(&t, h[i].number);
		table_text(&t, h[i].hours);
	}
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

/* The street named by the path and its communities. 0, 1 not a street, -1. */
static int street_of(struct req *r, struct services_street_page *p, struct community **list, size_t *n)
{
	int64_t id;
	enum org_kind kind;
	int rc = org_unit_by_slug(r->db, r->param[0], &id, &kind);
	if (rc)
		return rc < 0 ? -1 : 1;
	if (kind != ORG_STREET)
		return 1;
	if (org_communities_under(r->db, r->a, id, list, n) < 0)
		return -1;
	p->street_slug = r->param[0];
	p->street_name = *n ? (*list)[0].street.name : r->param[0];
	return 0;
}

enum http_result services_h_street(struct req *r)
{
	struct services_street_page p = {0};
	struct community *list;
	size_t n;
	int rc = street_of(r, &p, &list, &n);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个街道,请检查地址是否正确。");
	struct services_clock clk;
	services_clock_now(r, &clk);
	p.blocks = arena_zalloc(r->a, (n ? n : 1) * sizeof *p.blocks);
	if (!p.blocks)
		return HR_ERROR;
	for (size_t i = 0; i < n; i++) {
		struct services_station *s;
		size_t k;
		if (services_read_stations(r, list[i].id, &s, &k) < 0)
			return HR_ERROR;
		if (services_entries(r, &clk, s, k, &p.blocks[i].entries) < 0)
			return req_error(r, "out of request memory for the street page");
		p.blocks[i].c = &list[i];
		p.blocks[i].n = k;
	}
	p.nblocks = n;
	p.today = sview_day_label(r->a, &clk.days[1]);
	sview_street(r, &p);
	return HR_OK;
}

enum http_result services_h_street_export(struct req *r)
{
	struct services_street_page p = {0};
	struct community *list;
	size_t n;
	int rc = street_of(r, &p, &list, &n);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个街道,请检查地址是否正确。");
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s服务站点", p.street_name), station_cols,
			       STATION_NCOLS) < 0)
		return req_error(r, "out of request memory for the export");
	for (size_t i = 0; i < n; i++) {
		struct services_station *s;
		size_t k;
		if (services_read_stations(r, list[i].id, &s, &k) < 0)
			return HR_ERROR;
		for (size_t j = 0; j < k; j++)
			export_station(&t, r->a, list[i].name, &s[j], 0);
	}
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

/* ---- the footer hook ---- */

void services_footer(struct req *r, struct buf *out)
{
	/* the same for every page of a community until its data changes */
	static __thread struct req_memo memo;
	if (req_memo_get(r, &memo, r->community->id, out))
		return;
	struct services_hotline *h;
	size_t n;
	/* A footer that cannot be read leaves the page without it, not broken
	 * (the hotline pages themselves fail loudly); such a page is not kept
	 * in the response cache. */
	if (services_hotlines(r->db, r->a, r->community->id, &h, &n) != 0) {
		r->cache_control = "no-store";
		return;
	}
	size_t at = out->len;
	sview_footer(r, out, h, n);
	if (!out->err)
		req_memo_put(r, &memo, r->community->id, out->data + at, out->len - at);
}

/* ---- staff: the overview ---- */

enum http_result services_h_admin(struct req *r)
{
	struct services_admin_page p = {0};
	struct services_clock clk;
	if (services_load(r, &clk, &p.entries, &p.n, &p.hotlines, &p.nhotlines) < 0)
		return HR_ERROR;
	const char *done = kv_get(&r->q, "done"), *name = kv_get(&r->q, "name");
	/* The name comes from the query: it is named as removed only when
	 * nothing of that name is still in the list, else the notice stays plain. */
	int gone = name && *name;
	if (gone && done && !strcmp(done, "station_deleted"))
		for (size_t i = 0; gone && i < p.n; i++)
			gone = strcmp(p.entries[i].s->name, name) != 0;
	else if (gone && done && !strcmp(done, "hotline_deleted"))
		for (size_t i = 0; gone && i < p.nhotlines; i++)
			gone = strcmp(p.hotlines[i].name, name) != 0;
	if (done)
		p.notice = !strcmp(done, "added")	? "已新增,公开页面即时更新。"
			   : !strcmp(done, "saved")	? "已保存,公开页面即时更新。"
			   : !strcmp(done, "unchanged") ? "没有修改。"
			   : !strcmp(done, "station_deleted")
			       ? (gone ? arena_printf(r->a, "已删除服务站点“%s”。", name) : "已删除。")
			   : !strcmp(done, "hotline_deleted")
			       ? (gone ? arena_printf(r->a, "已删除热线“%s”。", name) : "已删除。")
			   : !strcmp(done, "deleted") ? "已删除。"
						      : NULL;
	sview_admin(r, &p);
	return HR_OK;
}

/* ---- staff: stations ---- */

static const struct field station_fields[SF__MAX] = {
    [SF_KIND] = {"kind", "类别", FIELD_TEXT, 1, 20},
    [SF_KIND_OTHER] = {"kind_other", "其他类别名称", FIELD_TEXT, 0, 20},
    [SF_NAME] = {"name", "名称", FIELD_TEXT, 1, 60},
    [SF_ADDRESS] = {"address", "地址", FIELD_TEXT, 0, 100},
    [SF_PHONE] = {"phone", "电话", FIELD_PHONE, 0, 30},
    [SF_SERVICES] = {"services", "服务项目", FIELD_MULTILINE, 0, 1000},
    [SF_HOURS + 0] = {"hours1", "周一", FIELD_TEXT, 0, 100},
    [SF_HOURS + 1] = {"hours2", "周二", FIELD_TEXT, 0, 100},
    [SF_HOURS + 2] = {"hours3", "周三", FIELD_TEXT, 0, 100},
    [SF_HOURS + 3] = {"hours4", "周四", FIELD_TEXT, 0, 100},
    [SF_HOURS + 4] = {"hours5", "周五", FIELD_TEXT, 0, 100},
    [SF_HOURS + 5] = {"hours6", "周六", FIELD_TEXT, 0, 100},
    [SF_HOURS + 6] = {"hours7", "周日", FIELD_TEXT, 0, 100},
    [SF_HOLIDAYS] = {"holidays", "法定节假日", FIELD_TEXT, 1, 10},
    [SF_MAKEUP] = {"makeup", "调休上班日", FIELD_TEXT, 1, 10},
    [SF_DUTY] = {"duty", "值班人员", FIELD_MULTILINE, 0, 500},
    [SF_DUTY_PUBLIC] = {"duty_public", "值班人员是否公开", FIELD_TEXT, 1, 10},
    [SF_NOTE] = {"note", "备注", FIELD_MULTILINE, 0, 500},
};

/* The kinds the form offers: the standard ones, then others in use. */
static void form_kinds(struct req *r, struct services_station_form *f)
{
	struct services_station *s;
	size_t n = 0;
	if (services_stations(r->db, r->a, r->community->id, &s, &n) != 0)
		n = 0;
	f->kinds = arena_alloc(r->a, (services_nstandard_kinds + n + 1) * sizeof *f->kinds);
	if (!f->kinds)
		return;
	for (size_t i = 0; i < services_nstandard_kinds; i++)
		f->kinds[f->nkinds++] = services_standard_kinds[i];
	for (size_t i = 0; i < n; i++) {
		int seen = 0;
		for (size_t k = 0; k < f->nkinds && !seen; k++)
			seen = !strcmp(f->kinds[k], s[i].kind);
		if (!seen)
			f->kinds[f->nkinds++] = s[i].kind;
	}
}

/* Numbers a public phone field may hold whatever else it looks like:
 * emergency and government service numbers, and 95xxx / 96xxx service
 * lines (5 digits), 400 / 800 numbers (10 digits). */
static int service_number(const char *d, size_t n)
{
	static const char *const known[] = {"110", "119", "120", "122", "12110", "12315", "12320", "12328", "12333",
					    "12345", "12348", "12355", "12358", "12365", "12369", "12395", "12338"};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (!strcmp(d, known[i]))
			return 1;
	if (n == 5 && d[0] == '9' && (d[1] == '5' || d[1] == '6'))
		return 1;
	return n == 10 && (!strncmp(d, "400", 3) || !strncmp(d, "800", 3));
}

/* 1 if a phone field dials or hides a mobile: its digits, separators
 * dropped, hold 1[3-9] and nine more digits anywhere, so that +86 / 0086 /
 * 86 in front, an extension or a landline beside it changes nothing. An
 * 18-digit resident ID number (valid check digit) among them counts too.
 * (Not pii_text_find's 15-digit old IDs: a landline with a 4-digit
 * extension has 15 digits.) */
static int dials_mobile(const char *v)
{
	char d[64];
	size_t n = 0;
	for (; *v; v++)
		if (*v >= '0' && *v <= '9') {
			if (n == sizeof d - 1)
				return 1; /* longer than any phone field: refused rather than half read */
			d[n++] = *v;
		}
	d[n] = 0;
	if (service_number(d, n))
		return 0;
	for (size_t i = 0; i + 11 <= n; i++)
		if (d[i] == '1' && d[i + 1] >= '3' && d[i + 1] <= '9')
			return 1;
	for (size_t i = 0; i + 18 <= n; i++) {
		char id[19];
		memcpy(id, d + i, 18);
		id[18] = 0;
		if (pii_id_valid(id))
			return 1;
	}
	return 0;
}

/* Puts every field of the table through the personal-number checks: phone
 * fields refuse a mobile or ID number among their digits (with
 * mobile_msg), every other field a mobile or ID number in its text. Fields
 * already in error are left as they are. The number of new errors. */
static int refuse_personal_numbers(struct arena *a, const struct field *fields, size_t n, const char **vals,
				   const char **errs, const char *mobile_msg)
{
	int bad = 0;
	for (size_t k = 0; k < n; k++) {
		if (errs[k] || !*vals[k])
			continue;
		if (fields[k].type == FIELD_PHONE)
			errs[k] = dials_mobile(vals[k]) ? mobile_msg : NULL;
		else if (pii_text_holds_personal(a, vals[k]))
			errs[k] = arena_printf(a, "%s中不要填写个人手机号或身份证号", fields[k].label);
		bad += errs[k] != NULL;
	}
	return bad;
}

static const char no_mobile[] = "请填写站点的固定电话或服务电话,不要公布个人手机号";

/* Reads the posted station form into f and *s; default_kind is the kind
 * the form's select started on. The number of fields in error. */
static int station_from_form(struct req *r, struct services_station_form *f, struct services_station *s,
			     const char *default_kind)
{
	int bad = fields_validate(r->a, &r->form, station_fields, SF__MAX, f->vals, f->errs);
	memset(s, 0, sizeof *s);
	s->kind = f->vals[SF_KIND];
	/* A kind typed in 其他类别名称 with the select left as it was means
	 * 其他; with another kind chosen on purpose it is a contradiction. */
	if (*f->vals[SF_KIND_OTHER] && strcmp(s->kind, "other") && !f->errs[SF_KIND] && !f->errs[SF_KIND_OTHER]) {
		if (!strcmp(s->kind, default_kind)) {
			f->vals[SF_KIND] = s->kind = "other";
		} else {
			f->errs[SF_KIND_OTHER] =
			    arena_printf(r->a, "类别选择了“%s”,又填写了其他类别名称;请在类别中选择“其他类别”,或清空这一项",
					 s->kind);
			bad++;
		}
	}
	if (!strcmp(s->kind, "other")) {
		s->kind = f->vals[SF_KIND_OTHER];
		if (!f->errs[SF_KIND_OTHER] && !*s->kind) {
			f->errs[SF_KIND_OTHER] = "选择了“其他类别”,请填写类别名称";
			bad++;
		}
	}
	s->name = f->vals[SF_NAME];
	s->address = f->vals[SF_ADDRESS];
	s->phone = f->vals[SF_PHONE];
	s->services = f->vals[SF_SERVICES];
	s->duty = f->vals[SF_DUTY];
	s->note = f->vals[SF_NOTE];
	/* Every field, the kind and the name too: all of them are published.
	 * Not the hours, which are read as times and stored as minutes. */
	bad += refuse_personal_numbers(r->a, station_fields, SF_HOURS, f->vals, f->errs, no_mobile);
	bad += refuse_personal_numbers(r->a, station_fields + SF_HOURS + 7, SF__MAX - SF_HOURS - 7,
				       f->vals + SF_HOURS + 7, f->errs + SF_HOURS + 7, no_mobile);
	for (int w = 0; w < 7; w++) {
		char why[256];
		if (f->errs[SF_HOURS + w])
			continue;
		if (services_day_parse(f->vals[SF_HOURS + w], &s->hours.week[w], why, sizeof why) < 0) {
			f->errs[SF_HOURS + w] = arena_printf(r->a, "%s:%s", services_weekday_label(w + 1), why);
			bad++;
		}
	}
	const char *h = f->vals[SF_HOLIDAYS], *m = f->vals[SF_MAKEUP], *d = f->vals[SF_DUTY_PUBLIC];
	if (!f->errs[SF_HOLIDAYS] && strcmp(h, "0") && strcmp(h, "1")) {
		f->errs[SF_HOLIDAYS] = "请选择法定节假日是否开放";
		bad++;
	}
	if (!f->errs[SF_MAKEUP] && (strlen(m) != 1 || m[0] < '0' || m[0] > '7')) {
		f->errs[SF_MAKEUP] = "请选择调休上班日按哪天的时间办公";
		bad++;
	}
	if (!f->errs[SF_DUTY_PUBLIC] && strcmp(d, "0") && strcmp(d, "1")) {
		f->errs[SF_DUTY_PUBLIC] = "请选择值班人员是否对外公开";
		bad++;
	}
	s->hours.holidays_open = h[0] == '1';
	s->hours.makeup_weekday = m[0] >= '0' && m[0] <= '7' ? m[0] - '0' : 1;
	s->duty_public = d[0] != '0';
	return bad;
}

/* The form's values from a saved station. */
static void station_to_form(struct arena *a, const struct services_station *s, struct services_station_form *f)
{
	f->vals[SF_KIND] = s->kind;
	f->vals[SF_NAME] = s->name;
	f->vals[SF_ADDRESS] = s->address;
	f->vals[SF_PHONE] = s->phone;
	f->vals[SF_SERVICES] = s->services;
	for (int w = 0; w < 7; w++) {
		char h[SERVICES_HOURS_TEXT];
		f->vals[SF_HOURS + w] = arena_strdup(a, services_day_format(&s->hours.week[w], h, sizeof h));
	}
	f->vals[SF_HOLIDAYS] = s->hours.holidays_open ? "1" : "0";
	f->vals[SF_MAKEUP] = arena_printf(a, "%d", s->hours.makeup_weekday);
	f->vals[SF_DUTY] = s->duty;
	f->vals[SF_DUTY_PUBLIC] = s->duty_public ? "1" : "0";
	f->vals[SF_NOTE] = s->note;
}

/* Shows the form again with its errors (422), keeping what was typed. */
static enum http_result station_again(struct req *r, struct services_station_form *f)
{
	form_kinds(r, f);
	sview_station_form(r, f);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
}

/* What changed between two versions of a station, for the audit log, with
 * the number of changed fields in *n. NULL when the arena fails. */
static const char *station_changes(struct arena *a, const struct services_station *o, const struct services_station *s,
				   int *n)
{
	const char *out = s->name;
	*n = 0;
	struct {
		const char *label, *was, *now;
		int show;
	} f[] = {{"类别", o->kind, s->kind, 1},	       {"名称", o->name, s->name, 1},
		 {"地址", o->address, s->address, 1},  {"电话", o->phone, s->phone, 1},
		 {"服务项目", o->services, s->services, 0}, {"值班人员", o->duty, s->duty, 0},
		 {"备注", o->note, s->note, 0}};
	for (size_t i = 0; out && i < sizeof f / sizeof *f; i++)
		if (strcmp(f[i].was, f[i].now) && ++*n)
			out = f[i].show ? arena_printf(a, "%s;%s:%s→%s", out, f[i].label, f[i].was, f[i].now)
					: arena_printf(a, "%s;%s已修改", out, f[i].label);
	for (int w = 0; out && w < 7; w++) {
		char was[SERVICES_HOURS_TEXT], now[SERVICES_HOURS_TEXT];
		services_day_format(&o->hours.week[w], was, sizeof was);
		services_day_format(&s->hours.week[w], now, sizeof now);
		if (strcmp(was, now) && ++*n)
			out = arena_printf(a, "%s;%s:%s→%s", out, services_weekday_label(w + 1), was, now);
	}
	if (out && o->hours.holidays_open != s->hours.holidays_open && ++*n)
		out = arena_printf(a, "%s;法定节假日:%s", out, sview_holiday_rule(&s->hours));
	if (out && o->hours.makeup_weekday != s->hours.makeup_weekday && ++*n)
		out = arena_printf(a, "%s;调休上班日:%s", out, sview_makeup_rule(a, &s->hours));
	if (out && o->duty_public != s->duty_public && ++*n)
		out = arena_printf(a, "%s;值班人员%s", out, s->duty_public ? "对外公开" : "仅工作人员可见");
	return out;
}

enum http_result services_h_station_new(struct req *r)
{
	struct services_station_form f = {0};
	if (r->method != METHOD_POST) {
		static const char weekday[] = "08:30-12:00, 14:00-17:30";
		f.vals[SF_KIND] = services_standard_kinds[0];
		for (int w = 0; w < 7; w++)
			f.vals[SF_HOURS + w] = w < 5 ? weekday : "休息";
		f.vals[SF_HOLIDAYS] = "0";
		f.vals[SF_MAKEUP] = "1";
		f.vals[SF_DUTY_PUBLIC] = "1";
		form_kinds(r, &f);
		sview_station_form(r, &f);
		return HR_OK;
	}
	struct services_station s;
	if (station_from_form(r, &f, &s, services_standard_kinds[0]))
		return station_again(r, &f);
	int64_t id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = services_station_add(r->db, r->community->id, &s, r->now, &id);
	if (rc != 0) {
		db_rollback(r->db);
		if (rc == SERVICES_FULL) {
			f.refusal = arena_printf(r->a, "本社区已登记 %d 个服务站点,达到上限,不能再新增;请先删除不再使用的站点。",
						 SERVICES_MAX_STATIONS);
			return station_again(r, &f);
		}
		if (rc != DB_CONSTRAINT)
			return HR_ERROR;
		f.errs[SF_NAME] = arena_printf(r->a, "本社区已有名为“%s”的站点,请换一个名称", s.name);
		return station_again(r, &f);
	}
	if (req_audit_commit(r, "services.station_add", "services_station", id, arena_printf(r->a, "%s(%s)", s.name, s.kind)) <
	    0)
		return HR_ERROR;
	return back_to_admin(r, "added");
}

enum http_result services_h_station_edit(struct req *r)
{
	int64_t id = services_id_param(r->param[1]);
	struct services_station old;
	int rc = id ? services_station_get(r->db, r->a, r->community->id, id, &old) : 1;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个服务站点,它可能已被删除。");
	struct services_station_form f = {.editing = &old};
	if (r->method != METHOD_POST) {
		station_to_form(r->a, &old, &f);
		form_kinds(r, &f);
		sview_station_form(r, &f);
		return HR_OK;
	}
	struct services_station s;
	if (station_from_form(r, &f, &s, old.kind))
		return station_again(r, &f);
	s.id = id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	/* The row is locked, then read again: what the audit row says was
	 * there is what was replaced, and a save that changes nothing of it
	 * writes nothing. */
	int nchanged = 0;
	const char *detail = NULL;
	rc = services_station_lock(r->db, r->community->id, id);
	if (rc == 0)
		rc = services_station_get(r->db, r->a, r->community->id, id, &old);
	if (rc == 0 && !(detail = station_changes(r->a, &old, &s, &nchanged))) {
		db_rollback(r->db);
		return req_error(r, "out of request memory for the audit detail");
	}
	if (rc == 0 && nchanged == 0) {
		db_rollback(r->db);
		return back_to_admin(r, "unchanged");
	}
	if (rc == 0)
		rc = services_station_update(r->db, r->community->id, &s, r->now);
	if (rc != 0) {
		db_rollback(r->db);
		if (rc == 1)
			return req_fail(r, HR_NOT_FOUND, "没有这个服务站点,它可能刚被删除。");
		if (rc != DB_CONSTRAINT)
			return HR_ERROR;
		f.errs[SF_NAME] = arena_printf(r->a, "本社区已有名为“%s”的站点,请换一个名称", s.name);
		return station_again(r, &f);
	}
	if (req_audit_commit(r, "services.station_edit", "services_station", id, detail) < 0)
		return HR_ERROR;
	return back_to_admin(r, "saved");
}

enum http_result services_h_station_delete(struct req *r)
{
	int64_t id = services_id_param(r->param[1]);
	struct services_station old;
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这个服务站点。");
	if (r->method != METHOD_POST) {
		int got = services_station_get(r->db, r->a, r->community->id, id, &old);
		if (got)
			return got < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个服务站点,它可能已被删除。");
		const char *edit = url_c_id(r->a, r->community->slug, "/admin/services/", id, NULL);
		struct services_delete_page p = {
		    .what = "服务站点",
		    .name = old.name,
		    .consequence = "删除后,这个站点不再出现在社区和街道的服务站点页面、导出表格和接口中;"
				   "它的办公时间和值班人员一并删除,不能恢复。操作记入审计日志。",
		    .action = url_c_id(r->a, r->community->slug, "/admin/services/", id, "/delete"),
		    .back = edit};
		if (!p.action || !p.back)
			return req_error(r, "out of request memory");
		sview_delete_confirm(r, &p);
		return HR_OK;
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = services_station_lock(r->db, r->community->id, id);
	if (rc == 0)
		rc = services_station_get(r->db, r->a, r->community->id, id, &old);
	if (rc == 0)
		rc = services_station_delete(r->db, r->community->id, id);
	if (rc != 0) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个服务站点,它可能已被删除。");
	}
	if (req_audit_commit(r, "services.station_delete", "services_station", id,
			 arena_printf(r->a, "%s(%s)", old.name, old.kind)) < 0)
		return HR_ERROR;
	return back_to_admin_named(r, "station_deleted", old.name);
}

/* ---- staff: hotlines ---- */

static const struct field hotline_fields[HF__MAX] = {
    [HF_KIND] = {"kind", "类型", FIELD_TEXT, 1, 20},
    [HF_NAME] = {"name", "名称", FIELD_TEXT, 1, 30},
    [HF_NUMBER] = {"number", "号码", FIELD_PHONE, 1, 30},
    [HF_HOURS] = {"hours", "接听时间", FIELD_TEXT, 0, 50},
};

static int hotline_from_form(struct req *r, struct services_hotline_form *f, struct services_hotline *h)
{
	int bad = fields_validate(r->a, &r->form, hotline_fields, HF__MAX, f->vals, f->errs);
	int kind = services_hotline_kind_from(f->vals[HF_KIND]);
	if (!f->errs[HF_KIND] && kind < 0) {
		f->errs[HF_KIND] = "请选择热线类型";
		bad++;
	}
	bad += refuse_personal_numbers(r->a, hotline_fields, HF__MAX, f->vals, f->errs,
				       "请填写热线或值班固定电话,不要公布个人手机号");
	*h = (struct services_hotline){.kind = kind < 0 ? HOTLINE_OTHER : (enum services_hotline_kind)kind,
				       .name = f->vals[HF_NAME], .number = f->vals[HF_NUMBER], .hours = f->vals[HF_HOURS]};
	return bad;
}

static enum http_result hotline_again(struct req *r, struct services_hotline_form *f)
{
	sview_hotline_form(r, f);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
}

enum http_result services_h_hotline_new(struct req *r)
{
	struct services_hotline_form f = {0};
	if (r->method != METHOD_POST) {
		f.vals[HF_KIND] = services_hotline_kind_name(HOTLINE_SERVICE);
		sview_hotline_form(r, &f);
		return HR_OK;
	}
	struct services_hotline h;
	if (hotline_from_form(r, &f, &h))
		return hotline_again(r, &f);
	int64_t id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = services_hotline_add(r->db, r->community->id, &h, r->now, &id);
	if (rc != 0) {
		db_rollback(r->db);
		if (rc != SERVICES_FULL)
			return HR_ERROR;
		f.refusal = arena_printf(r->a, "本社区已登记 %d 条热线,达到上限,不能再新增;请先删除不再使用的热线。",
					 SERVICES_MAX_HOTLINES);
		return hotline_again(r, &f);
	}
	if (req_audit_commit(r, "services.hotline_add", "services_hotline", id, arena_printf(r->a, "%s %s", h.name, h.number)) < 0)
		return HR_ERROR;
	return back_to_admin(r, "added");
}

enum http_result services_h_hotline_edit(struct req *r)
{
	int64_t id = services_id_param(r->param[1]);
	struct services_hotline old;
	int rc = id ? services_hotline_get(r->db, r->a, r->community->id, id, &old) : 1;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这条热线,它可能已被删除。");
	struct services_hotline_form f = {.editing = &old};
	if (r->method != METHOD_POST) {
		f.vals[HF_KIND] = services_hotline_kind_name(old.kind);
		f.vals[HF_NAME] = old.name;
		f.vals[HF_NUMBER] = old.number;
		f.vals[HF_HOURS] = old.hours;
		sview_hotline_form(r, &f);
		return HR_OK;
	}
	struct services_hotline h;
	if (hotline_from_form(r, &f, &h))
		return hotline_again(r, &f);
	h.id = id;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	/* Locked and read again inside the transaction, as for stations. */
	rc = services_hotline_lock(r->db, r->community->id, id);
	if (rc == 0)
		rc = services_hotline_get(r->db, r->a, r->community->id, id, &old);
	if (rc == 0 && old.kind == h.kind && !strcmp(old.name, h.name) && !strcmp(old.number, h.number) &&
	    !strcmp(old.hours, h.hours)) {
		db_rollback(r->db);
		return back_to_admin(r, "unchanged");
	}
	if (rc == 0)
		rc = services_hotline_update(r->db, r->community->id, &h, r->now);
	if (rc != 0) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这条热线,它可能刚被删除。");
	}
	const char *detail = arena_printf(r->a, "%s %s → %s %s(%s)", old.name, old.number, h.name, h.number,
					  services_hotline_kind_label(h.kind));
	if (req_audit_commit(r, "services.hotline_edit", "services_hotline", id, detail) < 0)
		return HR_ERROR;
	return back_to_admin(r, "saved");
}

enum http_result services_h_hotline_delete(struct req *r)
{
	int64_t id = services_id_param(r->param[1]);
	struct services_hotline old;
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这条热线。");
	if (r->method != METHOD_POST) {
		int got = services_hotline_get(r->db, r->a, r->community->id, id, &old);
		if (got)
			return got < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这条热线,它可能已被删除。");
		struct services_delete_page p = {
		    .what = "热线",
		    .name = old.name,
		    .consequence = arena_printf(r->a,
						"删除后,%s不再出现在本社区各页面的页脚和服务站点页面的热线电话中,不能恢复。"
						"操作记入审计日志。",
						old.number),
		    .action = url_c_id(r->a, r->community->slug, "/admin/services/hotlines/", id, "/delete"),
		    .back = url_c_id(r->a, r->community->slug, "/admin/services/hotlines/", id, NULL)};
		if (!p.action || !p.back || !p.consequence)
			return req_error(r, "out of request memory");
		sview_delete_confirm(r, &p);
		return HR_OK;
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = services_hotline_lock(r->db, r->community->id, id);
	if (rc == 0)
		rc = services_hotline_get(r->db, r->a, r->community->id, id, &old);
	if (rc == 0)
		rc = services_hotline_delete(r->db, r->community->id, id);
	if (rc != 0) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这条热线,它可能已被删除。");
	}
	if (req_audit_commit(r, "services.hotline_delete", "services_hotline", id,
			 arena_printf(r->a, "%s %s", old.name, old.number)) < 0)
		return HR_ERROR;
	return back_to_admin_named(r, "hotline_deleted", old.name);
}
