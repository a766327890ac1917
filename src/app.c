#include "app.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/data_version.h"
#include "db/secrets.h"
#include "http/router.h"
#include "module_list.h" /* made by the top meson.build from its module list */
#include "tlog/tlog_store.h"

extern const struct embedded_file core_migrations[];

/* Each module folder <name> defines `const struct module <name>_module`. */
#define MODULE(name) extern const struct module name##_module;
SHEQU_MODULES(MODULE)
#undef MODULE
#define MODULE(name) &name##_module,
const struct module *const shequ_modules[] = {SHEQU_MODULES(MODULE)};
#undef MODULE
const size_t shequ_nmodules = sizeof shequ_modules / sizeof *shequ_modules;

size_t app_migration_sets(struct migration_set *out, size_t max)
{
	size_t n = 0;
	if (n < max)
		out[n++] = (struct migration_set){"core", core_migrations, tlog_store_migrated};
	for (size_t i = 0; i < shequ_nmodules && n < max; i++)
		if (shequ_modules[i]->migrations)
			out[n++] = (struct migration_set){shequ_modules[i]->name, shequ_modules[i]->migrations,
							  shequ_modules[i]->migrated};
	return n;
}

/* The foundation's tables and the public log's (src/db/migrations), parents first. */
const char *const app_core_tables[] = {
    "org_unit", "community_profile", "committee_member", "users", "role_grant", "supervisor_term",
    "session", "login_throttle", "audit_log", "deployment_secret", "id_counter",
    "tlog_head", "tlog_leaf", "tlog_checkpoint", "tlog_witness", "tlog_cosignature", NULL,
};

size_t app_tables(const char **out, size_t max)
{
	size_t n = 0;
	for (const char *const *t = app_core_tables; *t && n < max; t++)
		out[n++] = *t;
	for (size_t i = 0; i < shequ_nmodules; i++)
		for (const char *const *t = shequ_modules[i]->tables; t && *t && n < max; t++)
			out[n++] = *t;
	return n;
}

size_t app_derived_tables(const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < shequ_nmodules; i++)
		for (const char *const *t = shequ_modules[i]->derived_tables; t && *t && n < max; t++)
			out[n++] = *t;
	return n;
}

/* The core's tables whose writes never change a public page. */
static const char *const core_unversioned[] = {"session", "login_throttle", "audit_log", NULL};

static int listed(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (!strcmp(*list, name))
			return 1;
	return 0;
}

size_t app_versioned_tables(const char **out, size_t max)
{
	const char *all[512];
	size_t n = app_tables(all, 512), k = 0;
	for (size_t i = 0; i < n && k < max; i++) {
		int skip = listed(core_unversioned, all[i]);
		for (size_t m = 0; m < shequ_nmodules && !skip; m++)
			skip = listed(shequ_modules[m]->unversioned_tables, all[i]);
		if (!skip)
			out[k++] = all[i];
	}
	return k;
}

int app_migrate(struct db *db, FILE *progress, char *err, size_t errlen)
{
	struct migration_set sets[64];
	size_t n = app_migration_sets(sets, 64);
	int applied = migrate_apply(db, sets, n, progress, err, errlen);
	if (applied < 0)
		return -1;
	const char *tables[512];
	size_t nt = app_versioned_tables(tables, 512);
	return data_version_install(db, tables, nt, err, errlen) < 0 ? -1 : applied;
}

int app_schema_check(struct db *db, char *err, size_t errlen)
{
	struct migration_set sets[64];
	size_t n = app_migration_sets(sets, 64);
	if (migrate_check(db, sets, n, err, errlen) < 0)
		return -1;
	const char *tables[512];
	size_t nt = app_versioned_tables(tables, 512);
	return data_version_check(db, tables, nt, err, errlen);
}

size_t app_log_kinds(const struct tlog_kind **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < shequ_nmodules && n < max; i++)
		if (shequ_modules[i]->log_kinds)
			out[n++] = shequ_modules[i]->log_kinds;
	return n;
}

/* Components that every module's paths may refer to. */
static const char openapi_base[] =
    "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"社区数字平台 API\",\"version\":\"" SHEQU_VERSION "\","
    "\"description\":\"shequ 的 JSON 接口。错误一律以 Error 结构返回。\"},"
    "\"servers\":[{\"url\":\"/\"}],\"paths\":{},"
    "\"components\":{\"schemas\":{"
    "\"Error\":{\"type\":\"object\",\"required\":[\"error\"],\"properties\":{\"error\":{\"type\":\"object\","
    "\"required\":[\"status\",\"code\",\"message\"],\"properties\":{\"status\":{\"type\":\"integer\"},"
    "\"code\":{\"type\":\"string\",\"examples\":[\"not_found\"]},\"message\":{\"type\":\"string\"}}}}},"
    "\"Health\":{\"type\":\"object\",\"required\":[\"status\",\"database\"],\"properties\":{"
    "\"status\":{\"const\":\"ok\"},\"database\":{\"enum\":[\"sqlite\",\"postgresql\"]},"
    "\"communities\":{\"type\":\"integer\"}}},"
    "\"OrgRef\":{\"type\":\"object\",\"properties\":{\"slug\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"}}},"
    "\"Community\":{\"type\":\"object\",\"required\":[\"slug\",\"name\",\"street\",\"district\"],\"properties\":{"
    "\"slug\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},"
    "\"street\":{\"$ref\":\"#/components/schemas/OrgRef\"},\"district\":{\"$ref\":\"#/components/schemas/OrgRef\"}}}},"
    "\"parameters\":{\"Community\":{\"name\":\"community\",\"in\":\"path\",\"required\":true,"
    "\"description\":\"社区的 URL 标识,如 xingfuli\",\"schema\":{\"type\":\"string\"}}},"
    "\"responses\":{\"Error\":{\"description\":\"错误\",\"content\":{\"application/json\":{\"schema\":"
    "{\"$ref\":\"#/components/schemas/Error\"}}}}}}}";

int app_register(char *err, size_t errlen)
{
	for (size_t i = 0; i < shequ_nmodules; i++)
		if (role_register(shequ_modules[i]->roles) < 0) {
			snprintf(err, errlen, "module %s adds a role that is malformed, already taken, or one too many",
				 shequ_modules[i]->name);
			return -1;
		}
	return 0;
}

const struct module_command *app_command(const struct module *const *mods, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		for (const struct module_command *c = mods[i]->commands; c && c->name; c++)
			if (!strcmp(c->name, name))
				return c;
	return NULL;
}

int app_init(struct app *app, struct db *db, char *err, size_t errlen)
{
	memset(app, 0, sizeof *app);
	app->modules = shequ_modules;
	app->nmodules = shequ_nmodules;
	if (app_register(err, errlen) < 0 || router_build(app, err, errlen) < 0)
		return -1;
	if (secret_get(db, SECRET_CSRF, app->csrf_key, sizeof app->csrf_key) != 0) {
		snprintf(err, errlen, "the database has no CSRF key (was it made by `shequ init`?)");
		return -1;
	}
	json_error_t je;
	json_t *doc = json_loads(openapi_base, 0, &je);
	json_t *paths = doc ? json_object_get(doc, "paths") : NULL;
	for (size_t i = 0; paths && i < shequ_nmodules; i++) {
		if (!shequ_modules[i]->openapi_paths)
			continue;
		json_t *p = json_loads(shequ_modules[i]->openapi_paths, 0, &je);
		if (!p) {
			snprintf(err, errlen, "OpenAPI paths of module %s: %s", shequ_modules[i]->name, je.text);
			json_decref(doc);
			return -1;
		}
		json_object_update(paths, p);
		json_decref(p);
	}
	char *text = paths ? json_dumps(doc, JSON_INDENT(1)) : NULL;
	json_decref(doc);
	if (!text) {
		snprintf(err, errlen, "cannot build the OpenAPI document");
		return -1;
	}
	app->openapi = text;
	app->openapi_len = strlen(text);
	return 0;
}

void app_free(struct app *app)
{
	free((char *)app->openapi);
	free((void *)app->routes);
	app->openapi = NULL;
	app->routes = NULL;
}
