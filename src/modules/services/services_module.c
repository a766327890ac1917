/* The services module's table: routes, migrations, tables, hooks, OpenAPI
 * paths and its sections of a community's home page. */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "http/module.h"
#include "modules/services/services.h"
#include "modules/services/services_web.h"
#include "org/org.h"

extern const struct embedded_file services_migrations[];

#define STAFF ROLES_STAFF

static const struct route routes[] = {
    {METHOD_GET, "/c/{c}/services/", services_h_list, 0, 0},
    {METHOD_GET, "/c/{c}/services/stations.csv", services_h_export, 0, 0},
    {METHOD_GET, "/c/{c}/services/stations.xlsx", services_h_export, 0, 0},
    {METHOD_GET, "/c/{c}/services/{}", services_h_station, 0, 0},
    {METHOD_GET, "/street/{}/services/", services_h_street, 0, 0},
    {METHOD_GET, "/street/{}/services/stations.csv", services_h_street_export, 0, 0},
    {METHOD_GET, "/street/{}/services/stations.xlsx", services_h_street_export, 0, 0},
    {METHOD_GET, "/api/v1/c/{c}/services", services_h_api_list, 0, ROUTE_API},
    {METHOD_GET, "/api/v1/c/{c}/services/{}", services_h_api_station, 0, ROUTE_API},
    {METHOD_GET, "/c/{c}/admin/services/", services_h_admin, STAFF, 0},
    /* Staff exports: every column, the roster kept from the public too; before {} below. */
    {METHOD_GET, "/c/{c}/admin/services/stations.csv", services_h_admin_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/services/stations.xlsx", services_h_admin_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/services/hotlines.csv", services_h_admin_hotlines_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/services/hotlines.xlsx", services_h_admin_hotlines_export, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/services/new", services_h_station_new, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/services/hotlines/new", services_h_hotline_new, STAFF, 0},
    /* Delete: GET asks, POST removes. */
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/services/hotlines/{}/delete", services_h_hotline_delete, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/services/hotlines/{}", services_h_hotline_edit, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/services/{}/delete", services_h_station_delete, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/services/{}", services_h_station_edit, STAFF, 0},
};

static const struct section sections[] = {
    {"服务站点与热线", "/services/", "服务站、便民网点的办公时间、电话和服务项目,热线电话", 0},
    {"服务站点管理", "/admin/services/", "登记和修改服务站点、办公时间和热线", ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const char *const tables[] = {"services_station", "services_hours", "services_hotline", NULL};

#define COMMUNITY_PARAM "{\"$ref\":\"#/components/parameters/Community\"}"
#define ERROR_404 "\"404\":{\"$ref\":\"#/components/responses/Error\"}"
#define STATION_SCHEMA                                                                                             \
	"{\"type\":\"object\",\"required\":[\"id\",\"kind\",\"name\",\"hours\",\"status\"],\"properties\":{"         \
	"\"id\":{\"type\":\"integer\"},\"kind\":{\"type\":\"string\",\"examples\":[\"社区服务站\"]},"                     \
	"\"name\":{\"type\":\"string\"},\"address\":{\"type\":\"string\"},\"phone\":{\"type\":\"string\"},"           \
	"\"services\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"                                           \
	"\"hours\":{\"type\":\"array\",\"description\":\"周一到周日的办公时间\",\"items\":{\"type\":\"object\","        \
	"\"properties\":{\"weekday\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":7},\"label\":{\"type\":\"string\"}," \
	"\"text\":{\"type\":\"string\",\"examples\":[\"08:30–12:00, 14:00–17:30\"]},\"periods\":{\"type\":\"array\","   \
	"\"items\":{\"type\":\"object\",\"properties\":{\"open\":{\"type\":\"string\"},\"close\":{\"type\":\"string\"},"  \
	"\"next_day\":{\"type\":\"boolean\",\"description\":\"结束时间在次日\"}}}}}}},"                                  \
	"\"holidays_open\":{\"type\":\"boolean\",\"description\":\"法定节假日按当天星期的时间开放\"},"                      \
	"\"makeup_weekday\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":7,"                                         \
	"\"description\":\"调休上班日按星期几的时间办公;0 为不调休\"},"                                                   \
	"\"duty\":{\"type\":[\"string\",\"null\"],\"description\":\"值班人员,社区选择不公开时为 null\"},"                   \
	"\"note\":{\"type\":\"string\"},\"status\":{\"type\":\"object\",\"properties\":{"                               \
	"\"state\":{\"enum\":[\"open\",\"lunch\",\"break\",\"not_yet\",\"after_hours\",\"day_off\",\"holiday\","        \
	"\"no_hours\"]},\"text\":{\"type\":\"string\",\"examples\":[\"正在办公 · 今天 17:30 下班\"]},"                     \
	"\"today\":{\"type\":\"string\"},\"next_change\":{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}}}}}"

static const char openapi[] =
    "{\"/api/v1/c/{community}/services\":{\"get\":{\"summary\":\"社区的热线和服务站点,含现在是否办公(北京时间)\","
    "\"parameters\":[" COMMUNITY_PARAM "],\"responses\":{\"200\":{\"description\":\"热线和站点\",\"content\":{"
    "\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{"
    "\"community\":{\"$ref\":\"#/components/schemas/OrgRef\"},\"as_of\":{\"type\":\"string\",\"format\":\"date-time\"},"
    "\"hotlines\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
    "\"kind\":{\"enum\":[\"service\",\"emergency\",\"city\",\"other\"]},\"kind_label\":{\"type\":\"string\"},"
    "\"name\":{\"type\":\"string\"},\"number\":{\"type\":\"string\"},\"hours\":{\"type\":\"string\"}}}},"
    "\"stations\":{\"type\":\"array\",\"items\":" STATION_SCHEMA "}}}}}}," ERROR_404 "}}},"
    "\"/api/v1/c/{community}/services/{id}\":{\"get\":{\"summary\":\"一个服务站点\",\"parameters\":[" COMMUNITY_PARAM
    ",{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"integer\",\"minimum\":1}}],"
    "\"responses\":{\"200\":{\"description\":\"站点\",\"content\":{\"application/json\":{\"schema\":" STATION_SCHEMA
    "}}}," ERROR_404 "}}}}";

static int community_created(struct db *db, int64_t community_id, int64_t now)
{
	return services_seed_community(db, community_id, now);
}

/* Communities that existed before the module get the city's hotline too. */
static int migrated(struct db *db, const char *file, char *err, size_t errlen)
{
	if (strcmp(file, "0001_services.sql"))
		return 0;
	struct arena a;
	arena_init(&a, 16u << 20);
	struct community *list;
	size_t n;
	int64_t now = clock_now();
	int rc = org_communities_under(db, &a, 0, &list, &n);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = services_seed_community(db, list[i].id, now);
	arena_free(&a);
	if (rc < 0)
		snprintf(err, errlen, "services: cannot add the 12345 hotline to existing communities: %s", db_errmsg(db));
	return rc < 0 ? -1 : 0;
}

static const struct audit_label audit_labels[] = {
    {"services.station_add", "新增服务站点"},	 {"services.station_edit", "修改服务站点"},
    {"services.station_delete", "删除服务站点"}, {"services.hotline_add", "新增热线"},
    {"services.hotline_edit", "修改热线"},		 {"services.hotline_delete", "删除热线"},
    {"services_station", "服务站点"},		 {"services_hotline", "热线"},
    {NULL, NULL},
};

const struct module services_module = {
    .name = "services",
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .migrations = services_migrations,
    .migrated = migrated,
    .tables = tables,
    .community_created = community_created,
    .demo = services_demo,
    .openapi_paths = openapi,
    .sections = sections,
    .community_footer = services_footer,
    .audit_labels = audit_labels,
};
