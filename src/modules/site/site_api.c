/* JSON API of the foundation: /api/v1/health, /api/v1/communities, and the
 * OpenAPI document that every module's paths are merged into. */
#include <jansson.h>
#include <stdlib.h>

#include "modules/site/site.h"

const char site_openapi_paths[] =
    "{\"/api/v1/health\":{\"get\":{\"summary\":\"服务状态\",\"operationId\":\"health\","
    "\"responses\":{\"200\":{\"description\":\"服务正常\",\"content\":{\"application/json\":{\"schema\":"
    "{\"$ref\":\"#/components/schemas/Health\"}}}},\"500\":{\"$ref\":\"#/components/responses/Error\"}}}},"
    "\"/api/v1/communities\":{\"get\":{\"summary\":\"社区列表\",\"operationId\":\"listCommunities\","
    "\"responses\":{\"200\":{\"description\":\"全部社区\",\"content\":{\"application/json\":{\"schema\":"
    "{\"type\":\"object\",\"required\":[\"communities\"],\"properties\":{\"communities\":{\"type\":\"array\","
    "\"items\":{\"$ref\":\"#/components/schemas/Community\"}}}}}}}}}},"
    "\"/api/v1/openapi.json\":{\"get\":{\"summary\":\"本接口说明(OpenAPI 3.1)\",\"operationId\":\"openapi\","
    "\"responses\":{\"200\":{\"description\":\"OpenAPI 文档\"}}}}}";

enum http_result site_api_health(struct req *r)
{
	struct community *list;
	size_t n;
	if (org_communities_under(r->db, r->a, 0, &list, &n) < 0)
		return req_fail(r, HR_ERROR, "数据库不可用");
	return req_send_json(r, json_pack("{s:s,s:s,s:I}", "status", "ok", "database", db_backend(r->db),
				      "communities", (json_int_t)n));
}

enum http_result site_api_communities(struct req *r)
{
	struct community *list;
	size_t n;
	if (org_communities_under(r->db, r->a, 0, &list, &n) < 0)
		return HR_ERROR;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:{s:s,s:s},s:{s:s,s:s}}", "slug", list[i].slug,
						     "name", list[i].name, "street", "slug", list[i].street.slug,
						     "name", list[i].street.name, "district", "slug",
						     list[i].district.slug, "name", list[i].district.name));
	return req_send_json(r, json_pack("{s:o}", "communities", arr));
}

enum http_result site_api_openapi(struct req *r)
{
	buf_append(r->out, r->app->openapi, r->app->openapi_len);
	r->content_type_out = "application/json; charset=utf-8";
	r->cache_control = "public, max-age=300";
	return HR_OK;
}
