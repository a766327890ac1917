/* The work-orders module's table: routes, migrations, tables, roles, hooks,
 * OpenAPI paths and its sections of a community's home page. */
#include "auth/auth.h"
#include "http/module.h"
#include "modules/workorders/workorders.h"
#include "modules/workorders/workorders_internal.h"

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
};
