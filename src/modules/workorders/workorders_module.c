/* The work-orders module's table: routes, migrations, tables, roles, hooks,
 * OpenAPI paths and its sections of a community's home page. */
#include <string.h>

#include "auth/auth.h"
#include "http/module.h"
#include "modules/workorders/workorders.h"
#include "modules/workorders/workorders_internal.h"
#include "modules/workorders/workorders_open311.h"
#include "modules/workorders/workorders_stats.h"
#include "modules/workorders/workorders_web.h"

extern const struct embedded_file workorders_migrations[];

static const char *const tables[] = {
    "workorders_rule",	      "workorders_order",    "workorders_event",    "workorders_file",
    "workorders_mediation",   "workorders_session",  "workorders_reminder", "workorders_api_client",
    "workorders_open311_contact", "workorders_api_rate", /* open311 */
    "workorders_daily", /* kept by triggers: see derived */
    NULL,
};

/* 网格员: handles the orders of the grid they are given. */
static const struct role_def roles[] = {
    {"grid_worker", "网格员", "/admin/workorders/?mine=1&open=1"},
    {NULL, NULL},
};

static const struct module_command commands[] = {
    {"workorders", "work orders: record due reminders (workorders remind), for cron", wo_command},
    {"apikey", "issue, list and disable Open311 API keys", wo_apikey_cmd},
    {NULL, NULL, NULL},
};

#define O311 (ROUTE_API | ROUTE_KEYED)
static const struct route routes[] = {
    /* Open311 GeoReport v2 under /open311/v2/ and its API keys. */
    {METHOD_GET, "/open311/v2/services.{}", o311_h_services, 0, O311},
    {METHOD_GET, "/open311/v2/services/{}", o311_h_service, 0, O311},
    {METHOD_GET | METHOD_POST, "/open311/v2/requests.{}", o311_h_requests, 0, O311},
    {METHOD_GET, "/open311/v2/requests/{}", o311_h_request, 0, O311},
    {METHOD_GET, "/open311/v2/tokens/{}", o311_h_token, 0, O311},
    {METHOD_GET, "/open311/discovery.{}", o311_h_discovery, 0, O311},
    /* Keys let a client file in every community: the system's admin issues them. */
    {METHOD_GET | METHOD_POST, "/admin/open311/keys", wo_apikey_h_admin, ROLE_BIT(ROLE_SYSTEM_ADMIN), 0},
    /* The dashboards and their exports; before any /admin/workorders/{} of an order. */
    {METHOD_GET, "/c/{c}/admin/workorders/dashboard", wo_h_dashboard, ROLES_STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/workorders/dashboard.csv", wo_h_dashboard_export, ROLES_STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/workorders/dashboard.xlsx", wo_h_dashboard_export, ROLES_STAFF, 0},
    {METHOD_GET, "/admin/workorders/dashboard", wo_h_area_dashboard, ROLES_ADMIN, 0},
    {METHOD_GET, "/admin/workorders/dashboard.csv", wo_h_area_dashboard_export, ROLES_ADMIN, 0},
    {METHOD_GET, "/admin/workorders/dashboard.xlsx", wo_h_area_dashboard_export, ROLES_ADMIN, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/workorders/summary", wo_h_summary, ROLES_STAFF, 0},
    {METHOD_GET, "/c/{c}/workorders/closed", wo_h_closed, 0, 0},
    {METHOD_GET, "/c/{c}/workorders/closed.csv", wo_h_closed_export, 0, 0},
    {METHOD_GET, "/c/{c}/workorders/closed.xlsx", wo_h_closed_export, 0, 0},
    /* Staff pages (staff and grid workers); the fixed paths before {}. */
    {METHOD_GET, "/c/{c}/admin/workorders/", wo_h_list, ROLES_STAFF, 0, "grid_worker"},
    {METHOD_GET, "/c/{c}/admin/workorders/workorders.csv", wo_h_export, ROLES_STAFF, 0, "grid_worker"},
    {METHOD_GET, "/c/{c}/admin/workorders/workorders.xlsx", wo_h_export, ROLES_STAFF, 0, "grid_worker"},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/workorders/new", wo_h_new, ROLES_STAFF, 0, "grid_worker"},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/workorders/rules", wo_h_rules, ROLES_STAFF, 0, NULL},
    {METHOD_GET, "/c/{c}/admin/workorders/{}", wo_h_order, ROLES_STAFF, 0, "grid_worker"},
    /* GET: back to the order (a reload of a refused step's page). */
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/workorders/{}/act", wo_h_act, ROLES_STAFF, 0, "grid_worker"},
    /* The full view writes its audit row on POST; GET asks why. */
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/workorders/{}/full", wo_h_full, ROLES_STAFF, 0, "grid_worker"},
    /* An attachment: its audit row is written on GET. */
    {METHOD_GET, "/c/{c}/admin/workorders/{}/files/{}", wo_h_attachment, ROLES_STAFF, ROUTE_NO_SNAPSHOT, "grid_worker"},
    /* Residents' pages (forms: never cached). */
    {METHOD_GET | METHOD_POST, "/c/{c}/workorders/", wo_h_file, 0, 0, NULL},
    {METHOD_GET | METHOD_POST, "/c/{c}/workorders/track", wo_h_track, 0, 0, NULL},
    {METHOD_GET, "/c/{c}/workorders/filed", wo_h_filed, 0, 0, NULL},
    {METHOD_GET, "/c/{c}/workorders/mine", wo_h_mine, 0, 0, NULL},
};

/* Filled by triggers from workorders_order: `shequ copy` copies the orders
 * and compares the counts the triggers made. */
static const char *const derived[] = {"workorders_daily", NULL};

/* 0004 adds workorders_daily: its triggers, and its rows from the orders
 * already there. */
static int migrated(struct db *db, const char *file, char *err, size_t errlen)
{
	return strcmp(file, "0004_workorders_daily.sql") ? 0 : wo_stats_counters_install(db, err, errlen);
}

/* Counting a client's POSTs changes no public page. */
static const char *const unversioned[] = {"workorders_api_rate", NULL};

static const struct section sections[] = {
    {"来信来访与热线", "/workorders/", "向社区反映问题,凭查询码查询办理进度和评价", 0},
    {"工单管理", "/admin/workorders/", "登记来信来访和热线,受理、交办、答复,期限提醒", ROLES_STAFF},
    {"已办结的工单", "/workorders/closed", "社区办结的来信来访和热线诉求(已隐去个人信息)", 0},
    {"工单统计", "/admin/workorders/dashboard", "响应率、解决率、满意率,每月趋势和逾期工单", ROLES_STAFF},
    {"热点难点季度小结", "/admin/workorders/summary", "由本季度工单生成小结,保存为公开栏草稿", ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const struct section admin_sections[] = {
    {"工单统计", "/admin/workorders/dashboard", "所辖各社区的工单、三项比率、趋势和逾期工单", ROLES_ADMIN},
    {"Open311 接口密钥", "/admin/open311/keys", "为第三方平台签发、停用 Open311 接口密钥", ROLE_BIT(ROLE_SYSTEM_ADMIN)},
    {NULL, NULL, NULL, 0},
};

static const struct audit_label audit_labels[] = {
    {"workorders.open311_add", "Open311 提交诉求"},
    {"workorders.apikey_add", "签发 Open311 接口密钥"},
    {"workorders.apikey_disable", "停用 Open311 接口密钥"},
    {"workorders.summary_draft", "工单季度小结存为公开栏草稿"},
    {"workorders.receive", "登记工单"},
    {"workorders.accept", "受理工单"},
    {"workorders.reject", "不予受理工单"},
    {"workorders.assign", "交办工单"},
    {"workorders.start", "开始办理工单"},
    {"workorders.reply", "答复工单"},
    {"workorders.close", "办结工单"},
    {"workorders.transfer", "转办工单"},
    {"workorders.merge", "合并工单"},
    {"workorders.extend_ask", "申请工单延期"},
    {"workorders.extend_approve", "批准工单延期"},
    {"workorders.extend_refuse", "不批准工单延期"},
    {"workorders.note", "工单备注"},
    {"workorders.mediation_parties", "登记调解当事人和调解员"},
    {"workorders.mediation_session", "添加调解记录"},
    {"workorders.mediation_outcome", "记录调解结果"},
    {"workorders.view_full", "查看来访人完整信息"},
    {"workorders.file_view", "查看工单附件"},
    {"workorders.rules", "修改工单期限规则"},
    {"workorders_rule", "工单期限规则"},
    {"workorders_api_client", "Open311 客户端"},
    {"workorders_order", "工单"},
    {NULL, NULL},
};

const struct module workorders_module = {
    .name = "workorders",
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .migrations = workorders_migrations,
    .migrated = migrated,
    .tables = tables,
    .derived_tables = derived,
    .unversioned_tables = unversioned,
    .roles = roles,
    .commands = commands,
    .demo = wo_demo,
    .tick = wo_tick, /* reminders every minute */
    .sections = sections,
    .admin_sections = admin_sections,
    .audit_labels = audit_labels,
    .workbench = wo_workbench,
    .api_error = o311_api_error,
    .api_prefix = "/open311/",
    .openapi_paths = o311_openapi_paths,
};
