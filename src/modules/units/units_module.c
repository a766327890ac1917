/* The units module's table: routes, migrations, tables, hooks, OpenAPI
 * paths and its sections of a community's home page. */
#include <stdio.h>
#include <string.h>

#include "http/module.h"
#include "modules/units/units.h"
#include "modules/units/units_internal.h"
#include "modules/units/units_web.h"

extern const struct embedded_file units_migrations[];

static const struct route routes[] = {
    {METHOD_GET, "/c/{c}/units/", units_h_list, 0, 0},
    {METHOD_GET, "/c/{c}/units/units.csv", units_h_list_export, 0, 0},
    {METHOD_GET, "/c/{c}/units/units.xlsx", units_h_list_export, 0, 0},
    {METHOD_GET, "/c/{c}/units/agreements/{}", units_h_agreement, 0, 0},
    {METHOD_GET, "/c/{c}/units/report/{}", units_h_report, 0, 0},
    {METHOD_GET, "/c/{c}/units/{}", units_h_unit, 0, 0},
};

static const struct section sections[] = {
    {"共驻共建", "/units/", "驻区单位、共建协议和履行情况,年度共驻共建报告", 0},
    {NULL, NULL, NULL, 0},
};

static const char *const tables[] = {"units_unit", "units_agreement", "units_agreement_unit", "units_commitment",
				     "units_fulfilment", NULL};

const struct module units_module = {
    .name = "units",
    .migrations = units_migrations,
    .tables = tables,
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .sections = sections,
    .demo = units_demo,
};
