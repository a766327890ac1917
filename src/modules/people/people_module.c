/* The people module's table: routes, migrations, tables, hooks, commands
 * and its sections of a community's workbench. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "http/module.h"
#include "modules/people/people.h"
#include "modules/people/people_internal.h"
#include "modules/people/people_import_web.h"

extern const struct embedded_file people_migrations[];

#define STAFF ROLES_STAFF

static const struct route routes[] = {
    /* --- pimport: the import pages (upload, check, mapping, confirm or drop) */
    {METHOD_GET, "/c/{c}/admin/people/import", people_import_h_home, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/people/import", people_import_h_upload, STAFF, ROUTE_WORKER | ROUTE_SLOW},
    {METHOD_GET, "/c/{c}/admin/people/import/{}", people_import_h_show, STAFF, ROUTE_WORKER | ROUTE_SLOW},
    {METHOD_GET, "/c/{c}/admin/people/import/{}/{}", people_import_h_problems, STAFF, ROUTE_WORKER | ROUTE_SLOW},
    {METHOD_POST, "/c/{c}/admin/people/import/{}/mapping", people_import_h_mapping, STAFF, ROUTE_WORKER | ROUTE_SLOW},
    {METHOD_POST, "/c/{c}/admin/people/import/{}/commit", people_import_h_commit, STAFF, ROUTE_WORKER | ROUTE_SLOW},
    {METHOD_POST, "/c/{c}/admin/people/import/{}/drop", people_import_h_drop, STAFF, 0},
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
	/* --- pimport: drop the files of imports left unconfirmed */
	if (people_import_tick(db, now) < 0)
		return -1;
	return 0;
}

static const struct section sections[] = {
    /* --- pimport: the import page */
    {"居民导入", "/admin/people/import", "从 Excel 或 CSV 批量导入居民:先检查,再确认", STAFF},
    {NULL, NULL, NULL, 0},
};

/* --- pimport: the card of checked imports waiting for a confirmation */
static int workbench(struct req *r, const struct community *c, struct workbench *w)
{
	return people_import_workbench(r, c, w);
}

static const struct audit_label audit_labels[] = {
    {"people.view_full", "查看居民完整信息"},
    {"people.import", "导入居民"},
    {"people.export_full", "导出居民完整信息"},
    {"people_person", "居民"},
    {"people_import", "居民导入"},
    /* --- pimport: dropping a checked import */
    {"people.import_drop", "放弃居民导入"},
    {NULL, NULL},
};

const struct module people_module = {
    .name = "people",
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .migrations = people_migrations,
    .tables = tables,
    .audit_labels = audit_labels,
    .commands = commands,
    .tick = tick,
    .sections = sections,
    .workbench = workbench,
};
