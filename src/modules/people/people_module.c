/* The people module's table: routes, migrations, tables, hooks, commands
 * and its sections of a community's workbench. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "http/module.h"
#include "modules/people/people.h"
#include "modules/people/people_internal.h"
#include "modules/people/people_web.h"

extern const struct embedded_file people_migrations[];

#define STAFF ROLES_STAFF

static const struct route routes[] = {
    {0, NULL, NULL, 0, 0},
};

static const char *const tables[] = {
    "people_building", "people_room", "people_household", "people_person",  "people_tag", "people_party_member",
    "people_training", "people_view", "people_import",    "people_setting", NULL,
};

static const struct module_command commands[] = {
    {"people", "the people registry: import residents from CSV/XLSX, export them", people_command},
    {NULL, NULL, NULL},
};

/* Erases the personal fields of those who left once their retention period
 * has passed, a few hundred at a time, in one server process. */
static int tick(struct db *db, int64_t now)
{
	if (db_begin(db) < 0)
		return -1;
	int got = db_job_try_lock(db, "people.erase");
	int64_t erased = 0;
	if (got < 0 || (got == 1 && people_erase_due(db, now, 500, &erased) < 0)) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db) < 0)
		return -1;
	if (erased)
		log_info("people: erased the personal fields of %lld residents past their retention period",
		         (long long)erased);
	return 0;
}

static const struct audit_label audit_labels[] = {
    {"people.view_full", "查看居民完整信息"},
    {"people.import", "导入居民"},
    {"people.export_full", "导出居民完整信息"},
    {"people_person", "居民"},
    {"people_import", "居民导入"},
    {NULL, NULL},
};

const struct module people_module = {
    .name = "people",
    .routes = routes,
    .nroutes = 0,
    .migrations = people_migrations,
    .tables = tables,
    .audit_labels = audit_labels,
    .commands = commands,
    .tick = tick,
    /* --- ppages: demo data, workbench cards, sections, API */
    .demo = people_demo,
};
