/* The facilities module's table: routes, migrations, tables, hooks, the
 * workbench cards and OpenAPI paths. */
#include <stdio.h>
#include <string.h>

#include "http/module.h"
#include "modules/facilities/facilities_web.h"

extern const struct embedded_file facilities_migrations[];

static const struct route routes[] = {
    {METHOD_GET, "/c/{c}/facilities/", facilities_h_list, 0, 0},
    /* before {} below */
    {METHOD_GET, "/c/{c}/facilities/mine", facilities_h_mine, 0, 0},
    {METHOD_POST, "/c/{c}/facilities/mine/{}/cancel", facilities_h_cancel, 0, 0},
    {METHOD_GET, "/c/{c}/facilities/{}", facilities_h_facility, 0, 0},
    {METHOD_POST, "/c/{c}/facilities/{}/book", facilities_h_book, 0, 0},
};

static const struct section sections[] = {
    {"场地预约", "/facilities/", "活动室、会议室、文体设施的开放时间和预约", 0},
    {NULL, NULL, NULL, 0},
};

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
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .migrations = facilities_migrations,
    .sections = sections,
    .tables = tables,
    .demo = facilities_demo,
    .audit_labels = audit_labels,
};
