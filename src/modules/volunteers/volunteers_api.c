/* The service projects as JSON: a community's recruiting projects with
 * their places left, and one project (recruiting, ended or cancelled; not
 * a draft) with its coming shifts. No personal data. */
#include <jansson.h>
#include <string.h>

#include "core/clock.h"
#include "modules/volunteers/volunteers_web.h"
#include "web/list.h"

static json_t *iso(int64_t t)
{
	char s[32];
	return json_string(clock_format_iso_utc(t, s, sizeof s));
}

static json_t *project_json(const struct vol_project *p)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:I}", "id", (json_int_t)p->id, "title", p->title, "place",
			 p->place, "organizer", p->organizer, "state", p->state, "state_label",
			 vol_project_state_label(p->state), "shifts", (json_int_t)p->shifts, "places_left",
			 (json_int_t)p->places_left);
}

enum http_result vol_h_api_projects(struct req *r)
{
	int64_t page = page_param(r), off;
	if (page < 0 || page_offset(page, VOL_PER_PAGE, &off) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不正确。");
	struct vol_project *p;
	size_t n;
	if (vol_project_list(r->db, r->a, r->community->id, "recruiting", off, VOL_PER_PAGE + 1, &p, &n) < 0)
		return HR_ERROR;
	int more = n > VOL_PER_PAGE;
	if (more)
		n = VOL_PER_PAGE;
	json_t *items = json_array();
	for (size_t i = 0; items && i < n; i++)
		json_array_append_new(items, project_json(&p[i]));
	return req_send_json(r, json_pack("{s:{s:s,s:s},s:I,s:b,s:o}", "community", "slug", r->community->slug, "name",
					  r->community->name, "page", (json_int_t)page, "has_next", more, "projects",
					  items));
}

enum http_result vol_h_api_project(struct req *r)
{
	struct vol_project p;
	int64_t id = vol_id_param(r->param[1]);
	int rc = id ? vol_project_get(r->db, r->a, r->community->id, id, &p) : VOL_NOT_FOUND;
	if (rc == 0 && !strcmp(p.state, "draft"))
		rc = VOL_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个志愿服务项目。");
	struct vol_shift *s;
	size_t n;
	if (vol_shifts(r->db, r->a, r->community->id, p.id, r->now, 60, &s, &n) < 0)
		return HR_ERROR;
	json_t *o = project_json(&p), *shifts = json_array();
	for (size_t i = 0; shifts && i < n; i++) {
		if (s[i].ends_at <= r->now)
			continue;
		json_array_append_new(shifts, json_pack("{s:I,s:o,s:o,s:I,s:I}", "id", (json_int_t)s[i].id, "starts_at",
							iso(s[i].starts_at), "ends_at", iso(s[i].ends_at), "places",
							(json_int_t)s[i].places, "places_left",
							(json_int_t)(s[i].places - s[i].taken)));
		req_valid_until(r, s[i].starts_at);
	}
	if (o)
		json_object_update_new(o, json_pack("{s:s,s:s,s:o}", "description", p.description, "cancel_reason",
						    p.cancel_reason, "shifts", shifts ? shifts : json_array()));
	return req_send_json(r, o);
}
