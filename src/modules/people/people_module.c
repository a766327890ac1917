/* The people module's table: routes, migrations, tables, hooks, commands
 * and its sections of a community's workbench. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "http/module.h"
#include "modules/people/people.h"
#include "modules/people/people_internal.h"
#include "modules/people/people_self.h"

extern const struct embedded_file people_migrations[];

#define STAFF ROLES_STAFF

static const struct route routes[] = {
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
};

static const char *const tables[] = {
    "people_building", "people_room", "people_household", "people_person",  "people_tag", "people_party_member",
    "people_training", "people_view", "people_import",    "people_setting",
    /* --- pself */
    "people_link", "people_correction", NULL,
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

static const struct section sections[] = {
    /* --- pself */
    {"居民账号关联", "/admin/people/links", "核实居民自行注册的账号,关联到居民信息", STAFF},
    {"居民信息更正", "/admin/people/corrections", "处理居民提出的本人信息更正申请", STAFF},
    {"党员名册", "/admin/people/party/", "党员的党支部、入党时间、正式或预备、转入转出,可导出", STAFF},
    {"培训记录", "/admin/people/training/", "岗前培训、专业培训、学历进修记录,可导出", STAFF},
    {"两委职责分工", "/admin/people/cadres", "两委成员的职务和分工,发布到公开栏", STAFF},
    {"居民代表", "/admin/people/representatives", "居民代表名单,可导出", STAFF},
    {NULL, NULL, NULL, 0},
};

/* --- pself: the workbench cards and the demo data of the residents' side */
static int workbench(struct req *r, const struct community *c, struct workbench *w)
{
	return people_self_workbench(r, c, w);
}

static int demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	return people_self_demo(db, a, c, now);
}

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
    .demo = demo,
};
