/* The facilities as JSON: the community's facilities with whether each is
 * open now, and one facility with a week of free and taken times (taken
 * ones without who). */
#include <jansson.h>
#include <string.h>

#include "core/clock.h"
#include "modules/facilities/facilities_web.h"

/* A facility with its status words as a JSON object (NULL when jansson fails). */
static json_t *facility_json(const struct facilities_entry *e)
{
	const struct facilities_facility *f = e->f;
	return json_pack("{s:I,s:s,s:s,s:s,s:i,s:s,s:b,s:b,s:b,s:i,s:i,s:i,s:s,s:s}", "id", (json_int_t)f->id, "name",
			 f->name, "kind", f->kind, "place", f->place, "capacity", f->capacity, "provided_by", f->provided_by,
			 "needs_approval", f->needs_approval, "open_to_residents", f->open_residents,
			 "open_to_organizations", f->open_orgs, "slot_minutes", f->slot_min, "max_minutes", f->max_min,
			 "days_ahead", f->days_ahead, "status", e->now, "today", e->today);
}

/* GET /api/v1/c/{c}/facilities: the active facilities with whether each is open now. */
enum http_result facilities_h_api_list(struct req *r)
{
	struct facilities_facility *f;
	size_t n;
	if (facilities_list(r->db, r->a, r->community->id, 1, &f, &n) < 0)
		return HR_ERROR;
	json_t *list = json_array();
	struct facilities_clock clk;
	facilities_clock_now(r, &clk);
	for (size_t i = 0; list && i < n; i++) {
		struct facilities_entry e;
		if (facilities_entry_fill(r, &clk, &f[i], &e) < 0)
			return req_error(r, "out of request memory for the facility list");
		json_array_append_new(list, facility_json(&e));
	}
	return req_send_json(r, json_pack("{s:{s:s,s:s},s:o}", "community", "slug", r->community->slug, "name",
				      r->community->name, "facilities", list));
}

/* A span of day d as {from, to}, RFC 3339 times. */
static json_t *span_json(struct ymd d, const struct facilities_span *s)
{
	char a[32], b[32];
	return json_pack("{s:s,s:s}", "from", clock_format_iso_utc(date_at_minute(d, s->from), a, sizeof a), "to",
			 clock_format_iso_utc(date_at_minute(d, 0) + (int64_t)s->to * 60, b, sizeof b));
}

/* GET /api/v1/c/{c}/facilities/{id}[?week=]: one facility and a week of free and taken spans, never who. */
enum http_result facilities_h_api_facility(struct req *r)
{
	struct facilities_page p = {0};
	int rc = facilities_load_page(r, &p);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个场地。");
	json_t *days = json_array();
	for (int k = 0; days && k < 7; k++) {
		const struct facilities_cal_day *d = &p.days[k];
		json_t *free = json_array(), *taken = json_array();
		for (size_t i = 0; free && taken && i < d->n; i++)
			json_array_append_new(d->spans[i].taken ? taken : free, span_json(d->d, &d->spans[i]));
		char date[11];
		date_format(d->d, date);
		json_array_append_new(days, json_pack("{s:s,s:s,s:o,s:o}", "date", date, "hours", d->hours, "free", free,
						      "taken", taken));
	}
	char week[11];
	date_format(p.week, week);
	json_t *o = facility_json(&p.e);
	if (o) {
		json_object_set_new(o, "week", json_string(week));
		json_object_set_new(o, "days", days);
	}
	return req_send_json(r, o);
}
