/* 共驻共建 as JSON: a community's units (no contact data) and its
 * agreements (not drafts) with their commitments and progress. */
#include <jansson.h>
#include <string.h>

#include "modules/units/units_web.h"
#include "web/list.h"

static json_t *unit_json(const struct units_unit *u)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:s}", "id", (json_int_t)u->id, "name", u->name, "kind",
			 units_kind_name(u->kind), "kind_label", units_kind_label(u->kind), "party_org", u->party_org,
			 "party_kind", units_party_name(u->party_kind), "party_members", (json_int_t)u->party_members,
			 "address", u->address, "intro", u->intro);
}

/* GET /api/v1/c/{c}/units?page=N: the active units, 30 a page. */
enum http_result units_h_api_units(struct req *r)
{
	int64_t page = page_param(r), offset;
	if (page < 0 || page_offset(page, UNITS_PER_PAGE, &offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不正确。");
	struct units_unit *u;
	size_t n;
	if (units_unit_list(r->db, r->a, r->community->id, 1, offset, UNITS_PER_PAGE + 1, &u, &n) < 0)
		return HR_ERROR;
	int more = n > UNITS_PER_PAGE;
	if (more)
		n = UNITS_PER_PAGE;
	json_t *list = json_array();
	for (size_t i = 0; list && i < n; i++)
		json_array_append_new(list, unit_json(&u[i]));
	return req_send_json(r, json_pack("{s:{s:s,s:s},s:I,s:b,s:o}", "community", "slug", r->community->slug, "name",
					  r->community->name, "page", (json_int_t)page, "has_next", more, "units", list));
}

static json_t *commitment_json(struct arena *a, const struct units_commitment *c)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:I,s:I,s:s,s:s?,s:s,s:I,s:I,s:s}", "id", (json_int_t)c->id, "unit_id",
			 (json_int_t)c->unit_id, "unit", c->unit_name, "kind", units_ckind_name(c->kind), "promise",
			 c->promise, "amount_fen", (json_int_t)c->amount_fen, "quantity", (json_int_t)c->quantity,
			 "quantity_unit", c->quantity_unit, "due_on", *c->due_on ? c->due_on : NULL, "period", c->period,
			 "done_fen", (json_int_t)c->done_fen, "done_quantity", (json_int_t)c->done_quantity, "progress",
			 units_progress(a, c));
}

/* GET /api/v1/c/{c}/units/agreements?state=in_force|ended|terminated: the
 * agreements (newest first, at most 100), each with its commitments. */
enum http_result units_h_api_agreements(struct req *r)
{
	const char *s = kv_get(&r->q, "state");
	int state = s ? units_state_from(s) : -1;
	if (s && (state < 0 || state == US_DRAFT))
		return req_fail(r, HR_BAD_REQUEST, "state 应为 in_force、ended 或 terminated。");
	struct units_agreement *g;
	size_t n;
	if (units_agreement_list(r->db, r->a, r->community->id, state, 0, 100, &g, &n) < 0)
		return HR_ERROR;
	/* The commitments of all these agreements in one read, by agreement. */
	struct units_commitment *cs;
	size_t nc;
	if (units_commitments_shown(r->db, r->a, r->community->id, 5000, &cs, &nc) < 0)
		return HR_ERROR;
	json_t *list = json_array();
	for (size_t i = 0; list && i < n; i++) {
		if (g[i].state == US_DRAFT)
			continue;
		json_t *cj = json_array();
		for (size_t k = 0; cj && k < nc; k++)
			if (cs[k].agreement_id == g[i].id)
				json_array_append_new(cj, commitment_json(r->a, &cs[k]));
		json_array_append_new(list, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)g[i].id, "title",
						      g[i].title, "signed_on", g[i].signed_on, "starts_on", g[i].starts_on,
						      "ends_on", g[i].ends_on, "state", units_state_name(g[i].state),
						      "summary", g[i].summary, "commitments", cj));
	}
	return req_send_json(r, json_pack("{s:{s:s,s:s},s:o}", "community", "slug", r->community->slug, "name",
					  r->community->name, "agreements", list));
}
