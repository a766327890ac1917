/* The people module's table: routes, migrations, tables, hooks, commands
 * and its sections of a community's workbench. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "http/module.h"
#include "modules/people/people.h"
#include "modules/people/people_internal.h"
#include "modules/people/people_web.h"
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
    /* --- ppages: the staff pages and the JSON API (literal paths before {}) */
    {METHOD_GET, "/c/{c}/admin/people/", people_h_list, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/people.csv", people_h_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/people.xlsx", people_h_export, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/people/export-full", people_h_export_full, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/people/new", people_h_new, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/buildings", people_h_buildings, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/households/{}", people_h_household, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/{}", people_h_person, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/people/{}/full", people_h_full, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/people/{}/edit", people_h_edit, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/people/{}/status", people_h_status, STAFF, 0},
    {METHOD_GET, "/api/v1/c/{c}/people", people_h_api_list, STAFF, ROUTE_API},
    {METHOD_GET, "/api/v1/c/{c}/people/{}", people_h_api_person, STAFF, ROUTE_API},
};

static const char *const tables[] = {
    "people_building", "people_room", "people_household", "people_person",  "people_tag", "people_party_member",
    "people_training", "people_view", "people_import",    "people_setting", NULL,
};

/* No page a visitor without a session sees reads the registry (its pages
 * are staff's and the resident's own, never cached), so its writes leave
 * cached public pages valid; and an import of a million residents writes
 * no million data-version bumps. A module that shows registry data on a
 * public page must take its table out of this list. */
static const char *const unversioned[] = {
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

/* The registry's cards on the community workbench. */
static const struct section sections[] = {
    /* --- ppages */
    {"人员信息", "/admin/people/", "居民名册:楼栋、家庭户、人员类别,登记、查询和导出", STAFF},
    /* --- pimport: the import page */
    {"居民导入", "/admin/people/import", "从 Excel 或 CSV 批量导入居民:先检查,再确认", STAFF},
    {NULL, NULL, NULL, 0},
};

/* Its "needs doing" cards: the registry's (ppages) and checked imports
 * waiting for a confirmation (pimport). */
static int workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (people_workbench(r, c, w) < 0)
		return -1;
	return people_import_workbench(r, c, w);
}

/* --- ppages: the JSON API's OpenAPI paths */
#define COMMUNITY_PARAM "{\"$ref\":\"#/components/parameters/Community\"}"
#define ERROR_404 "\"404\":{\"$ref\":\"#/components/responses/Error\"}"
#define PERSON_SCHEMA                                                                                           \
	"{\"type\":\"object\",\"description\":\"居民(已遮蔽)\",\"properties\":{\"id\":{\"type\":\"integer\"},"        \
	"\"name\":{\"type\":\"string\"},\"name_masked\":{\"type\":\"string\"},\"gender\":{\"enum\":[\"m\",\"f\",\"\"]},"  \
	"\"birth_year\":{\"type\":[\"integer\",\"null\"]},\"id_masked\":{\"type\":\"string\"},"                     \
	"\"phone_masked\":{\"type\":\"string\"},\"building\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\"},"     \
	"\"room\":{\"type\":\"string\"},\"household\":{\"type\":\"string\"},\"household_id\":{\"type\":[\"integer\","   \
	"\"null\"]},\"relation\":{\"type\":\"string\"},\"tags\":{\"type\":\"string\",\"description\":\"非敏感类别,顿号分隔\"}," \
	"\"tags_hidden\":{\"type\":\"integer\",\"description\":\"加密保存的敏感类别个数\"},"                              \
	"\"status\":{\"enum\":[\"living\",\"moved_out\",\"deceased\"]},\"grid\":{\"type\":\"string\"},"                \
	"\"left_on\":{\"type\":[\"string\",\"null\"],\"description\":\"迁出或去世日期 YYYY-MM-DD\"}}}"
#define QPARAM(n, t, d) "{\"name\":\"" n "\",\"in\":\"query\",\"description\":\"" d "\",\"schema\":{\"type\":\"" t "\"}}"

static const char openapi[] =
    "{\"/api/v1/c/{community}/people\":{\"get\":{\"summary\":\"社区居民名册的一页(50 人,按拼音排序,已遮蔽;社区干部)\","
    "\"parameters\":[" COMMUNITY_PARAM "," QPARAM("q", "string", "姓名、拼音或首字母、身份证号、手机号") ","
    QPARAM("status", "string", "living(默认)、moved_out、deceased 或 all") "," QPARAM("building", "integer", "楼栋编号")
    "," QPARAM("tag", "string", "人员类别") "," QPARAM("offset", "integer", "跳过的人数") "],"
    "\"responses\":{\"200\":{\"description\":\"居民\",\"content\":{\"application/json\":{\"schema\":{"
    "\"type\":\"object\",\"properties\":{\"community\":{\"$ref\":\"#/components/schemas/OrgRef\"},"
    "\"offset\":{\"type\":\"integer\"},\"limit\":{\"type\":\"integer\"},\"more\":{\"type\":\"boolean\"},"
    "\"people\":{\"type\":\"array\",\"items\":" PERSON_SCHEMA "}}}}}}," ERROR_404 "}}},"
    "\"/api/v1/c/{community}/people/{id}\":{\"get\":{\"summary\":\"一位居民(已遮蔽;社区干部)\",\"parameters\":["
    COMMUNITY_PARAM ",{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"integer\","
    "\"minimum\":1}}],\"responses\":{\"200\":{\"description\":\"居民\",\"content\":{\"application/json\":{"
    "\"schema\":" PERSON_SCHEMA "}}}," ERROR_404 "}}}}";

static const struct audit_label audit_labels[] = {
    {"people.view_full", "查看居民完整信息"},
    {"people.import", "导入居民"},
    {"people.export_full", "导出居民完整信息"},
    {"people_person", "居民"},
    {"people_import", "居民导入"},
    /* --- ppages: the desk's writes */
    {"people.create", "登记居民"},
    {"people.update", "修改居民信息"},
    {"people.set_status", "变更居民状态"},
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
    .unversioned_tables = unversioned,
    .audit_labels = audit_labels,
    .commands = commands,
    .tick = tick,
    /* --- ppages: demo data, API; both: sections and workbench cards */
    .demo = people_demo,
    .workbench = workbench,
    .sections = sections,
    .openapi_paths = openapi,
};
