/* The deployment as the server sees it: the module list, the migrations,
 * the secrets and the merged OpenAPI document. */
#ifndef SHEQU_APP_H
#define SHEQU_APP_H
#include <stdio.h>

#include "db/db.h"
#include "db/migrate.h"
#include "http/module.h"

extern const struct module *const shequ_modules[];
extern const size_t shequ_nmodules;
/* "core" first, then each module that has migrations. Filled by app_migration_sets. */
size_t app_migration_sets(struct migration_set *out, size_t max);

/* Every table of the deployment, parents before children: the core's, then
 * each module's. Returns how many were written to out. */
size_t app_tables(const char **out, size_t max);

/* The modules' derived_tables (filled by triggers from other tables, so
 * not copied by `shequ copy`). Returns how many were written to out. */
size_t app_derived_tables(const char **out, size_t max);

/* The tables that carry a data-version trigger: every table of
 * app_tables except the core's unversioned ones (session, login_throttle,
 * audit_log) and the modules' unversioned_tables. */
size_t app_versioned_tables(const char **out, size_t max);

/* Brings the database's schema up to the binary's: applies the migrations
 * (migrate_apply, printing to progress, which may be NULL) and installs the
 * data-version triggers on the tables that lack them. The number of
 * migrations applied, or -1 with a message in err. */
int app_migrate(struct db *db, FILE *progress, char *err, size_t errlen);
/* 0 when the database's schema is the binary's (migrate_check) and every
 * versioned table has its trigger; -1 with a message in err. */
int app_schema_check(struct db *db, char *err, size_t errlen);

/* The kinds of public-log record each module registers (struct module's
 * log_kinds), one list a module, for tlog_verify. Returns how many lists
 * were written to out. */
size_t app_log_kinds(const struct tlog_kind **out, size_t max);

/* Registers what the modules add to the program (their roles). Runs at
 * the start of main and of app_init; a second call does nothing. 0, or -1
 * with a message in err. */
int app_register(char *err, size_t errlen);
/* The subcommand called name that one of the n modules adds, or NULL. */
const struct module_command *app_command(const struct module *const *mods, size_t n, const char *name);
/* The core's own tables (src/db/migrations), parents first, NULL-terminated. */
extern const char *const app_core_tables[];
/* Loads the secrets, builds the route table (refusing routes of two
 * modules that overlap) and the OpenAPI document. 0, or -1 with a message
 * in err. */
int app_init(struct app *app, struct db *db, char *err, size_t errlen);
void app_free(struct app *app);

#define SHEQU_VERSION "0.1.0"

#endif
