/* The facilities module's table: routes, migrations, tables, hooks, the
 * workbench cards and OpenAPI paths. */
#include <stdio.h>
#include <string.h>

#include "http/module.h"
#include "modules/facilities/facilities_internal.h"

extern const struct embedded_file facilities_migrations[];

static const char *const tables[] = {"facilities_facility", "facilities_hours", "facilities_booking", NULL};

static const struct audit_label audit_labels[] = {
    {"facilities.add", "新增场地"},	    {"facilities.edit", "修改场地"},
    {"facilities.book", "预约场地"},	    {"facilities.book_for", "代订场地"},
    {"facilities.approve", "通过预约"},   {"facilities.refuse", "不通过预约"},
    {"facilities.cancel", "取消预约"},    {"facilities.no_show", "标记未到场"},
    {"facilities.view_full", "查看预约人完整信息"}, {"facilities_facility", "场地"},
    {"facilities_booking", "场地预约"},   {NULL, NULL},
};

const struct module facilities_module = {
    .name = "facilities",
    .migrations = facilities_migrations,
    .tables = tables,
    .demo = facilities_demo,
    .audit_labels = audit_labels,
};
