/* The activities as JSON: a community's upcoming (or past) published
 * activities, and one activity with its places. No personal data. */
#include <jansson.h>
#include <string.h>

#include "core/clock.h"
#include "modules/activities/activities_web.h"
#include "web/list.h"

static json_t *iso(int64_t t)
{
	char s[32];
	return json_string(clock_format_iso_utc(t, s, sizeof s));
}

static json_t *line_json(const struct act_line *l)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:I,s:I,s:I,s:s}", "id", (json_int_t)l->id, "kind", l->kind,
			 "kind_label", act_kind_label(l->kind), "title", l->title, "place", l->place, "starts_at",
			 iso(l->starts_at), "ends_at", iso(l->ends_at), "signup_closes_at", iso(l->signup_closes_at),
			 "capacity", (json_int_t)l->capacity, "confirmed", (json_int_t)l->confirmed, "waitlisted",
			 (json_int_t)l->waitlisted, "state", l->state);
}

enum http_result act_h_api_list(struct req *r)
{
	int64_t page = page_param(r), off;
	const char *when = kv_get(&r->q, "when"), *kind = kv_get(&r->q, "kind");
	int past = when && !strcmp(when, "past");
	if (kind && !*kind)
		kind = NULL;
	if (page < 0 || page_offset(page, ACT_PER_PAGE, &off) < 0 || (kind && !act_kind_ok(kind)) ||
	    (when && *when && !past))
		return req_fail(r, HR_BAD_REQUEST, "页码、时间(when)或类别(kind)不正确。");
	struct act_line *l;
	size_t n;
	if (act_list(r->db, r->a, r->community->id, past ? ACT_PAST : ACT_UPCOMING, kind, r->now, off,
		     ACT_PER_PAGE + 1, &l, &n) < 0)
		return HR_ERROR;
	int more = n > ACT_PER_PAGE;
	if (more)
		n = ACT_PER_PAGE;
	json_t *items = json_array();
	for (size_t i = 0; items && i < n; i++) {
		json_array_append_new(items, line_json(&l[i]));
		req_valid_until(r, l[i].signup_closes_at);
		req_valid_until(r, l[i].starts_at);
		req_valid_until(r, l[i].ends_at);
	}
	return req_send_json(r, json_pack("{s:{s:s,s:s},s:I,s:b,s:o}", "community", "slug", r->community->slug, "name",
					  r->community->name, "page", (json_int_t)page, "has_next", more, "activities",
					  items));
}

enum http_result act_h_api_one(struct req *r)
{
	struct act_activity v;
	enum http_result hr;
	if (act_load(r, r->param[1], &v, &hr) < 0)
		return hr;
	if (!strcmp(v.state, "draft"))
		return req_fail(r, HR_NOT_FOUND, ACT_NO_SUCH);
	struct act_line l = {v.id, v.kind, v.title, v.place, v.state, v.starts_at, v.ends_at, v.signup_closes_at,
			     v.capacity, v.confirmed, v.waitlisted, v.attended, v.needs_call, v.report_at};
	json_t *o = line_json(&l);
	if (o)
		json_object_update_new(o, json_pack("{s:s,s:s,s:I,s:s,s:s,s:s?}", "organizer", v.organizer, "audience",
						    v.audience, "min_age", (json_int_t)v.min_age, "description",
						    v.description, "cancel_reason", v.cancel_reason, "report",
						    v.report_at ? v.report : NULL));
	req_valid_until(r, v.signup_closes_at);
	req_valid_until(r, v.starts_at);
	req_valid_until(r, v.ends_at);
	return req_send_json(r, o);
}
