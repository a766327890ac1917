/* The people module's table: routes, migrations, tables, hooks, commands
 * and its sections of a community's workbench. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "http/module.h"
#include "web/mine.h"
#include "modules/people/people.h"
#include "modules/people/people_internal.h"
#include "modules/people/people_web.h"
#include "modules/people/people_import_web.h"
#include "modules/people/people_self.h"

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
    /* --- pself: self-registration, the resident's own record, staff verification and corrections */
    {METHOD_GET, "/register", people_self_h_register, 0, 0},
    {METHOD_POST, "/register", people_self_h_register, 0, ROUTE_WORKER},
    {METHOD_GET, "/account/people", people_self_h_me, 0, 0},
    {METHOD_POST, "/account/people/correct", people_self_h_correct, 0, 0},
    {METHOD_GET, "/c/{c}/admin/people/links", people_self_h_links, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/people/links/{}", people_self_h_link, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/corrections", people_self_h_corrections, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/people/corrections/{}", people_self_h_correction, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/cadres", people_self_h_cadres, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/people/cadres", people_self_h_cadres_publish, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/representatives", people_self_h_representatives, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/representatives.csv", people_self_h_representatives, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/representatives.xlsx", people_self_h_representatives, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/party/", people_party_h_list, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/party/party.csv", people_party_h_list, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/party/party.xlsx", people_party_h_list, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/people/party/edit", people_party_h_edit, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/training/", people_training_h_list, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/training/training.csv", people_training_h_list, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/people/training/training.xlsx", people_training_h_list, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/people/training/new", people_training_h_new, STAFF, 0},
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
    "people_training", "people_view", "people_import",    "people_setting",
    /* --- pself */
    "people_link", "people_correction", NULL,
};

/* No page a visitor without a session sees reads the registry (its pages
 * are staff's and the resident's own, never cached), so its writes leave
 * cached public pages valid; and an import of a million residents writes
 * no million data-version bumps: every table of the module is listed as
 * unversioned (the module table below). A module that shows registry data
 * on a public page must change that. */

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
    /* --- pself */
    {"居民账号关联", "/admin/people/links", "核实居民自行注册的账号,关联到居民信息", STAFF},
    {"居民信息更正", "/admin/people/corrections", "处理居民提出的本人信息更正申请", STAFF},
    {"党员名册", "/admin/people/party/", "党员的党支部、入党时间、正式或预备、转入转出,可导出", STAFF},
    {"培训记录", "/admin/people/training/", "岗前培训、专业培训、学历进修记录,可导出", STAFF},
    {"两委职责分工", "/admin/people/cadres", "两委成员的职务和分工,发布到公开栏", STAFF},
    {"居民代表", "/admin/people/representatives", "居民代表名单,可导出", STAFF},
    {NULL, NULL, NULL, 0},
};

/* Its "needs doing" cards: the registry's (ppages), checked imports
 * waiting for a confirmation (pimport), link requests and corrections
 * waiting for staff (pself). */
static int workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (people_workbench(r, c, w) < 0 || people_import_workbench(r, c, w) < 0)
		return -1;
	return people_self_workbench(r, c, w);
}

/* Demo data: the registry (ppages), then the residents' side (pself). */
static int demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	if (people_demo(db, a, c, now) < 0)
		return -1;
	return people_self_demo(db, a, c, now);
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
    "\"parameters\":[" COMMUNITY_PARAM "," QPARAM("q", "string", "姓名、拼音或首字母,或完整的身份证号、手机号") ","
    QPARAM("status", "string", "living(默认)、moved_out、deceased 或 all") "," QPARAM("building", "integer", "楼栋编号") "," QPARAM("bname", "string", "楼栋名称,或名称中的号(如 12)")
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
    /* --- pself: registration, links, corrections */
    {"people.register", "居民注册"},
    {"people.link", "关联居民账号"},
    {"people.link_refuse", "退回账号关联申请"},
    {"people.correction_ask", "申请更正居民信息"},
    {"people.correction_apply", "更正居民信息"},
    {"people.correction_refuse", "退回信息更正申请"},
    {"people.duties_draft", "生成两委职责分工公开草稿"},
    {"people.party_save", "登记党员信息"},
    {"people.training_add", "添加培训记录"},
    {"people_training", "培训记录"},
    {"people_link", "账号关联申请"},
    {"people_correction", "信息更正申请"},
    {NULL, NULL},
};

/* 我的: the visitor's own record in the registry (see, correct, who viewed it). */
static int mine(struct req *r, struct mine *m)
{
	int64_t community, person;
	int rc = people_self_person_of_user(r->db, r->user->id, &community, &person);
	if (rc < 0)
		return -1;
	mine_add(m, "我的登记信息", "/account/people",
		 rc == 0 && community == r->community->id ? "可查看、申请更正,并看到谁查看过你的完整信息"
							   : "还没有与社区登记信息关联,可在这里申请关联");
	return 0;
}

const struct module people_module = {
    .name = "people",
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .migrations = people_migrations,
    .migrated = people_migrated,
    .tables = tables,
    .unversioned_tables = tables, /* all of them: see the comment above commands */
    .audit_labels = audit_labels,
    .commands = commands,
    .tick = tick,
    /* --- ppages: demo data, API; all: sections and workbench cards */
    .demo = demo,
    .workbench = workbench,
    .mine = mine,
    .sections = sections,
    .openapi_paths = openapi,
};
