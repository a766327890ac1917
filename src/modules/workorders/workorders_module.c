/* The work-orders module's table: routes, migrations, tables, roles, hooks,
 * OpenAPI paths and its sections of a community's home page. */
#include "auth/auth.h"
#include "http/module.h"
#include "modules/workorders/workorders.h"
#include "modules/workorders/workorders_internal.h"
#include "modules/workorders/workorders_open311.h"

extern const struct embedded_file workorders_migrations[];

static const char *const tables[] = {
    "workorders_rule",	      "workorders_order",    "workorders_event",    "workorders_file",
    "workorders_mediation",   "workorders_session",  "workorders_reminder", "workorders_api_client",
    "workorders_open311_contact", "workorders_api_rate", /* open311 */
    NULL,
};

/* 网格员: handles the orders of the grid they are given. */
static const struct role_def roles[] = {
    {"grid_worker", "网格员"},
    {NULL, NULL},
};

/* --- wstore: `shequ workorders remind`; open311: `shequ apikey` */
static const struct module_command commands[] = {
    {"workorders", "work orders: record due reminders (workorders remind), for cron", wo_command},
    {"apikey", "issue, list and disable Open311 API keys", wo_apikey_cmd}, /* open311 */
    {NULL, NULL, NULL},
};

/* --- open311: Open311 GeoReport v2 under /open311/v2/ and its API keys --- */
#define O311 (ROUTE_API | ROUTE_KEYED)
static const struct route routes[] = {
    {METHOD_GET, "/open311/v2/services.{}", o311_h_services, 0, O311},
    {METHOD_GET, "/open311/v2/services/{}", o311_h_service, 0, O311},
    {METHOD_GET | METHOD_POST, "/open311/v2/requests.{}", o311_h_requests, 0, O311},
    {METHOD_GET, "/open311/v2/requests/{}", o311_h_request, 0, O311},
    {METHOD_GET, "/open311/v2/tokens/{}", o311_h_token, 0, O311},
    {METHOD_GET, "/open311/discovery.{}", o311_h_discovery, 0, O311},
    {METHOD_GET | METHOD_POST, "/admin/open311/keys", wo_apikey_h_admin, ROLES_ADMIN, 0},
};

/* Counting a client's POSTs changes no public page. */
static const char *const unversioned[] = {"workorders_api_rate", NULL};

static const struct section admin_sections[] = {
    {"Open311 接口密钥", "/admin/open311/keys", "为第三方平台签发、停用 Open311 接口密钥", ROLES_ADMIN},
    {NULL, NULL, NULL, 0},
};

static const struct audit_label audit_labels[] = {
    {"workorders.open311_add", "Open311 提交诉求"},
    {"workorders.apikey_add", "签发 Open311 接口密钥"},
    {"workorders.apikey_disable", "停用 Open311 接口密钥"},
    {"workorders_api_client", "Open311 客户端"},
    {"workorders_order", "工单"},
    {NULL, NULL},
};

const struct module workorders_module = {
    .name = "workorders",
    .migrations = workorders_migrations,
    .tables = tables,
    .roles = roles,
    /* --- wstore: reminders every minute, demo data */
    .commands = commands,
    .tick = wo_tick,
    .demo = wo_demo,
    /* --- open311 --- */
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .admin_sections = admin_sections,
    .audit_labels = audit_labels,
    .api_error = o311_api_error,
    .api_prefix = "/open311/",
    .unversioned_tables = unversioned,
    .openapi_paths = o311_openapi_paths,
};
