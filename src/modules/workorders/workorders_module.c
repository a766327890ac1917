/* The work-orders module's table: routes, migrations, tables, roles, hooks,
 * OpenAPI paths and its sections of a community's home page. */
#include "auth/auth.h"
#include "http/module.h"
#include "modules/workorders/workorders.h"
#include "modules/workorders/workorders_internal.h"
#include "modules/workorders/workorders_web.h"

extern const struct embedded_file workorders_migrations[];

static const char *const tables[] = {
    "workorders_rule",	      "workorders_order",    "workorders_event",    "workorders_file",
    "workorders_mediation",   "workorders_session",  "workorders_reminder", "workorders_api_client",
    NULL,
};

static const struct route routes[] = {
    /* --- wpages: staff pages (staff and grid workers); the fixed paths before {} */
    {METHOD_GET, "/c/{c}/admin/workorders/", wo_h_list, ROLES_STAFF, 0, "grid_worker"},
    {METHOD_GET, "/c/{c}/admin/workorders/workorders.csv", wo_h_export, ROLES_STAFF, 0, "grid_worker"},
    {METHOD_GET, "/c/{c}/admin/workorders/workorders.xlsx", wo_h_export, ROLES_STAFF, 0, "grid_worker"},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/workorders/new", wo_h_new, ROLES_STAFF, 0, "grid_worker"},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/workorders/rules", wo_h_rules, ROLES_STAFF, 0, NULL},
    {METHOD_GET, "/c/{c}/admin/workorders/{}", wo_h_order, ROLES_STAFF, 0, "grid_worker"},
    {METHOD_POST, "/c/{c}/admin/workorders/{}/act", wo_h_act, ROLES_STAFF, 0, "grid_worker"},
    /* The full view writes its audit row on POST; GET asks why. */
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/workorders/{}/full", wo_h_full, ROLES_STAFF, 0, "grid_worker"},
    /* An attachment: its audit row is written on GET. */
    {METHOD_GET, "/c/{c}/admin/workorders/{}/files/{}", wo_h_attachment, ROLES_STAFF, ROUTE_NO_SNAPSHOT, "grid_worker"},
    /* --- wpages: residents' pages (forms: never cached) */
    {METHOD_GET | METHOD_POST, "/c/{c}/workorders/", wo_h_file, 0, 0, NULL},
    {METHOD_GET | METHOD_POST, "/c/{c}/workorders/track", wo_h_track, 0, 0, NULL},
    {METHOD_GET, "/c/{c}/workorders/mine", wo_h_mine, 0, 0, NULL},
};

static const struct section sections[] = {
    /* --- wpages: sections */
    {"来信来访与热线", "/workorders/", "向社区反映问题,凭查询码查询办理进度和评价", 0},
    {"工单管理", "/admin/workorders/", "登记来信来访和热线,受理、交办、答复,期限提醒", ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const struct audit_label audit_labels[] = {
    /* --- wpages: the pages' audit actions and entities */
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
    {"workorders_order", "工单"},
    {"workorders_rule", "工单期限规则"},
    {NULL, NULL},
};

/* 网格员: handles the orders of the grid they are given. */
static const struct role_def roles[] = {
    {"grid_worker", "网格员"},
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
    /* --- wpages: routes, sections, audit labels, workbench */
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .sections = sections,
    .audit_labels = audit_labels,
    .workbench = wo_workbench,
};
