/* The work-orders module's table: routes, migrations, tables, roles, hooks,
 * OpenAPI paths and its sections of a community's home page. */
#include "auth/auth.h"
#include "http/module.h"
#include "modules/workorders/workorders.h"
#include "modules/workorders/workorders_internal.h"
#include "modules/workorders/workorders_stats.h"

extern const struct embedded_file workorders_migrations[];

static const char *const tables[] = {
    "workorders_rule",	      "workorders_order",    "workorders_event",    "workorders_file",
    "workorders_mediation",   "workorders_session",  "workorders_reminder", "workorders_api_client",
    NULL,
};

/* 网格员: handles the orders of the grid they are given. */
static const struct role_def roles[] = {
    {"grid_worker", "网格员"},
    {NULL, NULL},
};

static const struct route routes[] = {
    /* --- wstats: the dashboards and their exports; before any /admin/workorders/{} of an order. */
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
};

static const struct section sections[] = {
    /* --- wstats */
    {"已办结的工单", "/workorders/closed", "社区办结的来信来访和热线诉求(已隐去个人信息)", 0},
    {"工单统计", "/admin/workorders/dashboard", "响应率、解决率、满意率,每月趋势和逾期工单", ROLES_STAFF},
    {"热点难点季度小结", "/admin/workorders/summary", "由本季度工单生成小结,保存为公开栏草稿", ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const struct section admin_sections[] = {
    /* --- wstats */
    {"工单统计", "/admin/workorders/dashboard", "所辖各社区的工单、三项比率、趋势和逾期工单", 0},
    {NULL, NULL, NULL, 0},
};

static const struct audit_label audit_labels[] = {
    /* --- wstats */
    {"workorders.summary_draft", "工单季度小结存为公开栏草稿"},
    {NULL, NULL},
};

/* --- wstore: `shequ workorders remind` */
static const struct module_command commands[] = {
    {"workorders", "work orders: record due reminders (workorders remind), for cron", wo_command},
    {NULL, NULL, NULL},
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
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .sections = sections,
    .admin_sections = admin_sections,
    .audit_labels = audit_labels,
};
