/* Routes of the public site. */
#include <string.h>

#include "modules/site/site.h"
#include "web/mine.h"

/* The modules' community sections the visitor may see (public only when
 * public is set), in module order, into *out. 0 or -1. */
static int visible_sections(struct req *r, int public, const struct section ***out, size_t *n)
{
	size_t cap = 32;
	*n = 0;
	if (!(*out = arena_alloc(r->a, cap * sizeof **out)))
		return -1;
	for (size_t m = 0; m < r->app->nmodules; m++) {
		const struct section *s = r->app->modules[m]->sections;
		for (; s && s->title && *n < cap; s++)
			if (!s->roles || (!public && req_has_role(r, s->roles)))
				(*out)[(*n)++] = s;
	}
	return 0;
}

static enum http_result site_home(struct req *r)
{
	struct site_home h;
	if (org_communities_under(r->db, r->a, 0, &h.communities, &h.n) < 0 ||
	    visible_sections(r, 1, &h.sections, &h.nsections) < 0)
		return HR_ERROR;
	site_view_home(r, &h);
	return HR_OK;
}

static enum http_result site_community(struct req *r)
{
	struct site_community c = {0};
	if (org_profile_get(r->db, r->a, r->community->id, &c.profile) < 0 ||
	    org_committee_list(r->db, r->a, r->community->id, &c.members, &c.nmembers) < 0 ||
	    visible_sections(r, 0, &c.sections, &c.nsections) < 0)
		return HR_ERROR;
	site_view_community(r, &c);
	return HR_OK;
}

/* 我的: each module's pages of the signed-in visitor in this community. */
static enum http_result site_mine(struct req *r)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	struct mine m = {0};
	for (size_t i = 0; i < r->app->nmodules; i++)
		if (r->app->modules[i]->mine && r->app->modules[i]->mine(r, &m) < 0)
			return HR_ERROR;
	site_view_mine(r, &m);
	return HR_OK;
}

/* Large text (适老化): a display preference kept in a cookie, so it changes
 * nothing on the server and works without an account. */
static enum http_result site_text_size(struct req *r)
{
	const char *size = kv_get(&r->q, "size"), *back = kv_get(&r->q, "back");
	if (!size || (strcmp(size, "large") && strcmp(size, "normal")))
		return req_fail(r, HR_BAD_REQUEST, "字号只能是 large 或 normal。");
	req_cookie(r, TEXT_COOKIE, size, 365L * 24 * 3600);
	return req_redirect(r, req_local_path(back) ? back : "/");
}

static const struct route site_routes[] = {
    {METHOD_GET, "/prefs/text", site_text_size, 0, 0},
    {METHOD_GET, "/", site_home, 0, 0},
    {METHOD_GET, "/c/{c}/", site_community, 0, 0},
    {METHOD_GET, "/c/{c}/mine", site_mine, 0, 0},
    {METHOD_GET, "/api/v1/health", site_api_health, 0, ROUTE_API},
    {METHOD_GET, "/api/v1/communities", site_api_communities, 0, ROUTE_API},
    {METHOD_GET, "/api/v1/openapi.json", site_api_openapi, 0, ROUTE_API},
};

const struct module site_module = {
    .name = "site",
    .routes = site_routes,
    .nroutes = sizeof site_routes / sizeof *site_routes,
    .openapi_paths = site_openapi_paths,
    /* The core JSON API: an unknown path under it gets a JSON 404. */
    .api_prefix = "/api/",
};
