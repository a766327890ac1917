/* 社区组织 as JSON: the active organizations and one organization, public
 * fields only (leaders by masked name, no mobile). */
#include <jansson.h>
#include <string.h>

#include "modules/orgs/orgs_web.h"
#include "web/list.h"

static json_t *org_json(struct arena *a, const struct orgs_org *o)
{
	return json_pack("{s:I,s:s,s:s,s:s?,s:s,s:s,s:s?,s:I,s:b}", "id", (json_int_t)o->id, "name", o->name, "kind",
			 orgs_kind_name(o->kind), "group", o->group ? orgs_group_name(o->group) : NULL, "kind_label",
			 orgs_kind_text(a, o->kind, o->group), "purpose", o->purpose, "founded_on",
			 *o->founded_on ? o->founded_on : NULL, "members", (json_int_t)o->members, "active", o->active);
}

/* GET /api/v1/c/{c}/orgs?page=N&kind=K: the active organizations, 30 a page. */
enum http_result orgs_h_api_list(struct req *r)
{
	int64_t page = page_param(r), offset;
	if (page < 0 || page_offset(page, ORGS_PER_PAGE, &offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不正确。");
	const char *k = kv_get(&r->q, "kind");
	int kind = k ? orgs_kind_from(k) : -1;
	if (k && kind < 0)
		return req_fail(r, HR_BAD_REQUEST, "kind 应为 patrol、elderly、disabled、arts、volunteer 或 other。");
	struct orgs_org *o;
	size_t n;
	if (orgs_org_list(r->db, r->a, r->community->id, 1, kind, offset, ORGS_PER_PAGE + 1, &o, &n) < 0)
		return HR_ERROR;
	int more = n > ORGS_PER_PAGE;
	if (more)
		n = ORGS_PER_PAGE;
	json_t *list = json_array();
	for (size_t i = 0; list && i < n; i++)
		json_array_append_new(list, org_json(r->a, &o[i]));
	return req_send_json(r, json_pack("{s:{s:s,s:s},s:I,s:b,s:o}", "community", "slug", r->community->slug, "name",
					  r->community->name, "page", (json_int_t)page, "has_next", more, "orgs", list));
}

/* GET /api/v1/c/{c}/orgs/{id}: one organization with its leaders (masked). */
enum http_result orgs_h_api_one(struct req *r)
{
	int64_t id = orgs_id_param(r->param[1]);
	struct orgs_org o;
	int rc = id ? orgs_org_get(r->db, r->a, r->community->id, id, &o) : ORGS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个社区组织。");
	struct orgs_member *m;
	size_t n;
	if (orgs_leaders(r->db, r->a, r->community->id, id, &m, &n) < 0)
		return HR_ERROR;
	json_t *leaders = json_array();
	for (size_t i = 0; leaders && i < n; i++)
		json_array_append_new(leaders, json_pack("{s:s,s:s}", "name_masked", m[i].name_masked, "role",
							 orgs_role_name(m[i].role)));
	json_t *j = org_json(r->a, &o);
	if (!j)
		return HR_ERROR;
	json_object_set_new(j, "meets", json_string(o.meets));
	json_object_set_new(j, "how_to_join", json_string(o.how_to_join));
	json_object_set_new(j, "dissolved_on", *o.dissolved_on ? json_string(o.dissolved_on) : json_null());
	json_object_set_new(j, "leaders", leaders);
	return req_send_json(r, json_pack("{s:{s:s,s:s},s:o}", "community", "slug", r->community->slug, "name",
					  r->community->name, "org", j));
}
