/* The activities module's table: routes, migrations, tables, hooks,
 * OpenAPI paths and its sections of a community's home page. */
#include <stdio.h>
#include <string.h>

#include "http/module.h"
#include "modules/activities/activities.h"
#include "modules/activities/activities_internal.h"

extern const struct embedded_file activities_migrations[];

static const char *const tables[] = {"activities_activity", "activities_signup", "activities_photo", NULL};

const struct module activities_module = {
    .name = "activities",
    .migrations = activities_migrations,
    .tables = tables,
};
