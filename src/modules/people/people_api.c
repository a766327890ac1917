/* The registry's JSON API for staff (jansson): a page of residents with
 * the list's filters, and one resident; masked, as the pages show them. */
#include <jansson.h>
#include <string.h>

#include "core/str.h"
#include "modules/people/people_web.h"

static json_t *person_json(const struct people_person *p)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:i,s:s,s:s,s:s?}", "id",
	                 (json_int_t)p->id, "name", p->name, "name_masked", p->name_masked, "gender",
	                 p->gender, "birth_year", p->birth_year ? json_integer(p->birth_year) : json_null(),
	                 "id_masked", p->id_masked, "phone_masked", p->phone_masked, "building", p->building,
	                 "unit", p->unit, "room", p->room, "household", p->household, "relation", p->relation,
	                 "household_id", p->household_id ? json_integer(p->household_id) : json_null(),
	                 "tags", p->tags, "tags_hidden", p->tags_hidden, "status",
	                 people_status_name(p->status), "grid", p->grid, "left_on",
	                 *p->left_on ? p->left_on : NULL);
}

enum http_result people_h_api_list(struct req *r)
{
	struct people_list_page p;
	const char *off = kv_get(&r->q, "offset");
	int64_t offset = 0;
	if (people_filter_from(r, &r->q, &p) < 0 ||
	    (off && *off && (str_to_int64(off, &offset) < 0 || offset < 0 || offset > 10000000)))
		return req_fail(r, HR_BAD_REQUEST, "筛选条件或 offset 不正确。");
	if (people_building_named(r, &p) < 0)
		return req_error(r, "cannot read the building");
	if (p.building_error)
		return req_fail(r, HR_BAD_REQUEST, p.building_error);
	struct people_person *rows;
	size_t n;
	int more;
	if (people_list(r->db, r->a, r->community->id, &p.f, offset, PEOPLE_PAGE, &rows, &n, &more) < 0)
		return req_error(r, "cannot read the people list");
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, person_json(&rows[i])) < 0) {
			json_decref(a);
			a = NULL;
		}
	r->cache_control = "private, no-store";
	return req_send_json(r, a ? json_pack("{s:{s:s,s:s},s:I,s:i,s:b,s:o}", "community", "slug",
	                                      r->community->slug, "name", r->community->name, "offset",
	                                      (json_int_t)offset, "limit", PEOPLE_PAGE, "more", more,
	                                      "people", a)
	                          : NULL);
}

enum http_result people_h_api_person(struct req *r)
{
	int64_t id = people_id_param(r->param[1]);
	struct people_person p;
	int rc = id ? people_person_get(r->db, r->a, r->community->id, id, &p) : 1;
	if (rc)
		return rc < 0 ? req_error(r, "cannot read a resident")
		              : req_fail(r, HR_NOT_FOUND, "没有这位居民。");
	r->cache_control = "private, no-store";
	return req_send_json(r, person_json(&p));
}
