/* The time bank module's table (时间银行): routes, migrations, tables,
 * hooks and OpenAPI paths. */
#include <stdio.h>
#include <string.h>

#include "http/module.h"
#include "modules/timebank/timebank.h"
#include "modules/timebank/timebank_internal.h"
#include "modules/timebank/timebank_web.h"

extern const struct embedded_file timebank_migrations[];

static const char *const tables[] = {"timebank_setting", "timebank_account", "timebank_move", "timebank_year",
				     "timebank_report", NULL};

const struct module timebank_module = {
    .name = "timebank",
    .migrations = timebank_migrations,
    .tables = tables,
};
