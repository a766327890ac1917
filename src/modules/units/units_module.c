/* The units module's table: routes, migrations, tables, hooks, OpenAPI
 * paths and its sections of a community's home page. */
#include <stdio.h>
#include <string.h>

#include "http/module.h"
#include "modules/units/units.h"
#include "modules/units/units_internal.h"

extern const struct embedded_file units_migrations[];

static const char *const tables[] = {"units_unit", "units_agreement", "units_agreement_unit", "units_commitment",
				     "units_fulfilment", NULL};

const struct module units_module = {
    .name = "units",
    .migrations = units_migrations,
    .tables = tables,
};
