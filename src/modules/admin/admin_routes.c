/* Routes of the staff side. */
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "http/fields.h"
#include "core/clock.h"
#include "modules/admin/admin.h"
#include "web/export.h"
#include "web/list.h"

#define AUDIT_PAGE 50

/* The org unit whose communities the user runs: 0 for everywhere (system
 * admin), else the highest unit they hold an admin or staff role at. Fills
 * the list of communities under every unit they hold such a role at. */
static int reachable_communities(struct req *r, struct community **out, size_t *n)
{
	*n = 0;
	size_t cap = 0;
	*out = NULL;
	const struct auth_user *u = r->user;
	for (size_t g = 0; g < u->ngrants; g++) {
		if (!(ROLE_BIT(u->grants[g].role) & ROLES_STAFF))
			continue;
		struct community *list;
		size_t k;
		if (org_communities_under(r->db, r->a, u->grants[g].unit_id, &list, &k) < 0)
			return -1;
		struct community *merged = arena_alloc(r->a, (cap + k + 1) * sizeof *merged);
		if (!merged)
			return -1;
		if (*n)
			memcpy(merged, *out, *n * sizeof *merged);
		for (size_t i = 0; i < k; i++) {
			int dup = 0;
			for (size_t j = 0; j < *n; j++)
				dup |= merged[j].id == list[i].id;
			if (!dup)
				merged[(*n)++] = list[i];
		}
		*out = merged;
		cap += k + 1;
	}
	return 0;
}

/* The modules' links the visitor may use: admin (the /admin/ workbench's)
 * or a community's management sections (those that need a role). -1 when
 * the arena runs out. */
static int module_links(struct req *r, int admin, struct admin_links *out)
{
	size_t cap = 32;
	out->n = 0;
	out->s = arena_alloc(r->a, cap * sizeof *out->s);
	if (!out->s)
		return -1;
	for (size_t m = 0; m < r->app->nmodules; m++) {
		const struct section *s = admin ? r->app->modules[m]->admin_sections : r->app->modules[m]->sections;
		for (; s && s->title && out->n < cap; s++)
			if (s->roles && req_has_role(r, s->roles))
				out->s[out->n++] = s;
	}
	return 0;
}

/* Every module's "needs doing" cards for community c (NULL: the street and
 * district workbench). 0 or -1. */
static int module_cards(struct req *r, const struct community *c, struct workbench *w)
{
	*w = (struct workbench){.a = r->a};
	for (size_t m = 0; m < r->app->nmodules; m++)
		if (r->app->modules[m]->workbench && r->app->modules[m]->workbench(r, c, w) < 0)
			return -1;
	return 0;
}

static enum http_result dashboard(struct req *r)
{
	struct community *list;
	size_t n;
	if (reachable_communities(r, &list, &n) < 0)
		return HR_ERROR;
	struct admin_links links;
	struct workbench w;
	if (module_links(r, 1, &links) < 0 || module_cards(r, NULL, &w) < 0)
		return HR_ERROR;
	admin_view_dashboard(r, list, n, &links, &w);
	return HR_OK;
}

static enum http_result community_home(struct req *r)
{
	struct community_profile p;
	struct audit_entry *e;
	size_t n;
	if (org_profile_get(r->db, r->a, r->community->id, &p) < 0 ||
	    audit_list(r->db, r->a, r->community->id, 0, 10, &e, &n) < 0)
		return HR_ERROR;
	req_audit_labels(r, e, n);
	struct admin_links links;
	struct workbench w;
	if (module_links(r, 0, &links) < 0 || module_cards(r, r->community, &w) < 0)
		return HR_ERROR;
	admin_view_community(r, &p, e, n, &links, &w);
	return HR_OK;
}

static const struct field profile_fields[] = {
    {"address", "地址", FIELD_TEXT, 1, 100},
    {"phone", "办公电话", FIELD_PHONE, 0, 30},
    {"hotline", "服务热线", FIELD_PHONE, 0, 30},
    {"office_hours", "办公时间", FIELD_TEXT, 0, 100},
    {"intro", "社区简介", FIELD_MULTILINE, 0, 2000},
};

static enum http_result profile_page(struct req *r)
{
	struct community_profile p;
	if (org_profile_get(r->db, r->a, r->community->id, &p) < 0)
		return HR_ERROR;
	struct profile_form f = {.vals = {p.address, p.phone, p.hotline, p.office_hours, p.intro}};
	f.saved = kv_get(&r->q, "saved") != NULL;
	admin_view_profile(r, &f);
	return HR_OK;
}

static enum http_result profile_submit(struct req *r)
{
	struct profile_form f = {0};
	if (fields_validate(r->a, &r->form, profile_fields, 5, f.vals, f.errs)) {
		admin_view_profile(r, &f);
		r->body_written = 1;
		return HR_INVALID;
	}
	struct community_profile p = {f.vals[0], f.vals[1], f.vals[2], f.vals[3], f.vals[4], r->now};
	struct audit_event ev = {.user_id = r->user->id, .actor = r->user->display_name,
				 .unit_id = r->community->id, .action = "community.profile_update",
				 .entity = "community", .entity_id = r->community->slug, .ip = r->ip};
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (org_profile_save(r->db, r->community->id, &p, r->now) < 0 || audit_write(r->db, &ev, r->now) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	return req_redirect(r, arena_printf(r->a, "/c/%s/admin/profile?saved=1", r->community->slug));
}

/* Shows audit rows of unit (0: all) with paging. */
static enum http_result audit_page(struct req *r, int64_t unit)
{
	int64_t page = page_param(r), offset;
	if (page < 0 || page_offset(page, AUDIT_PAGE, &offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不正确。");
	struct audit_entry *e;
	size_t n;
	if (audit_list(r->db, r->a, unit, offset, AUDIT_PAGE + 1, &e, &n) < 0)
		return HR_ERROR;
	req_audit_labels(r, e, n);
	int more = n > AUDIT_PAGE;
	admin_view_audit(r, e, more ? AUDIT_PAGE : n, page, more);
	return HR_OK;
}

static enum http_result audit_all(struct req *r)
{
	int64_t unit = auth_admin_scope(r->user);
	if (unit < 0)
		return HR_FORBIDDEN;
	return audit_page(r, unit);
}

static enum http_result audit_community(struct req *r)
{
	return audit_page(r, r->community->id);
}

#define AUDIT_EXPORT_MAX 10000

/* The newest audit rows of unit (0: all) as CSV or XLSX. */
static enum http_result audit_export(struct req *r, int64_t unit, const char *title)
{
	struct audit_entry *e;
	size_t n;
	struct export_table t;
	if (audit_list(r->db, r->a, unit, 0, AUDIT_EXPORT_MAX, &e, &n) < 0)
		return HR_ERROR;
	req_audit_labels(r, e, n);
	if (admin_view_audit_export(r->a, &t, title, e, n) < 0)
		return HR_ERROR;
	return export_send(r, &t, export_format(r->path));
}

static enum http_result audit_all_export(struct req *r)
{
	int64_t unit = auth_admin_scope(r->user);
	if (unit < 0)
		return HR_FORBIDDEN;
	return audit_export(r, unit, "审计日志");
}

static enum http_result audit_community_export(struct req *r)
{
	return audit_export(r, r->community->id, arena_printf(r->a, "%s审计日志", r->community->name));
}

static const struct route admin_routes[] = {
    {METHOD_GET, "/admin/audit.csv", audit_all_export, ROLES_ADMIN, 0},
    {METHOD_GET, "/admin/audit.xlsx", audit_all_export, ROLES_ADMIN, 0},
    {METHOD_GET, "/c/{c}/admin/audit.csv", audit_community_export, ROLES_STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/audit.xlsx", audit_community_export, ROLES_STAFF, 0},
    {METHOD_GET, "/admin/", dashboard, ROLES_STAFF, 0},
    {METHOD_GET, "/admin/audit", audit_all, ROLES_ADMIN, 0},
    {METHOD_GET, "/c/{c}/admin/", community_home, ROLES_STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/profile", profile_page, ROLES_STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/profile", profile_submit, ROLES_STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/audit", audit_community, ROLES_STAFF, 0},
};

static const struct audit_label audit_labels[] = {
    {"community.profile_update", "修改社区信息"},
    {"community", "社区"},
    {NULL, NULL},
};

const struct module admin_module = {
    .name = "admin",
    .routes = admin_routes,
    .nroutes = sizeof admin_routes / sizeof *admin_routes,
    .audit_labels = audit_labels,
};
