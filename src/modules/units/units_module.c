/* The units module's table (共驻共建): routes, migrations, tables, hooks,
 * OpenAPI paths and its sections of a community's home page. */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "http/module.h"
#include "modules/disclosure/disclosure.h"
#include "modules/units/units.h"
#include "modules/units/units_internal.h"
#include "modules/units/units_web.h"
#include "org/org.h"

extern const struct embedded_file units_migrations[];

#define STAFF ROLES_STAFF

static const struct route routes[] = {
    {METHOD_GET, "/c/{c}/units/", units_h_list, 0, 0},
    {METHOD_GET, "/c/{c}/units/units.csv", units_h_list_export, 0, 0},
    {METHOD_GET, "/c/{c}/units/units.xlsx", units_h_list_export, 0, 0},
    {METHOD_GET, "/c/{c}/units/agreements/{}", units_h_agreement, 0, 0},
    {METHOD_GET, "/c/{c}/units/report/{}", units_h_report, 0, 0},
    {METHOD_GET, "/c/{c}/units/{}", units_h_unit, 0, 0},
    {METHOD_GET, "/api/v1/c/{c}/units", units_h_api_units, 0, ROUTE_API},
    {METHOD_GET, "/api/v1/c/{c}/units/agreements", units_h_api_agreements, 0, ROUTE_API},
    {METHOD_GET, "/c/{c}/admin/units/", units_h_admin, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/units/units.csv", units_h_admin_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/units/units.xlsx", units_h_admin_export, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/units/new", units_h_unit_new, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/units/overdue", units_h_overdue, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/units/overdue.csv", units_h_overdue, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/units/overdue.xlsx", units_h_overdue, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/units/agreements/", units_h_agreements, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/units/agreements/agreements.csv", units_h_agreements_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/units/agreements/agreements.xlsx", units_h_agreements_export, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/units/agreements/new", units_h_agreement_new, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/units/agreements/{}/edit", units_h_agreement_edit, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/units/agreements/{}/commitments/new", units_h_commitment_new, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/units/agreements/{}/commitments/{}/remove", units_h_commitment_remove, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/units/agreements/{}/commitments/{}", units_h_commitment_edit, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/units/agreements/{}/state", units_h_agreement_state, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/units/agreements/{}/fulfil", units_h_fulfil, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/units/agreements/{}/board", units_h_agreement_board, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/units/agreements/{}", units_h_agreement_admin, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/units/fulfilments/{}/reverse", units_h_reverse, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/units/report/{}", units_h_report_board, STAFF, 0},
    /* The full contact: GET asks why, POST writes the audit row and shows it. */
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/units/{}/contact", units_h_unit_contact, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/units/{}", units_h_unit_edit, STAFF, 0},
};

#define COMMUNITY_PARAM "{\"$ref\":\"#/components/parameters/Community\"}"
#define ERROR_404 "\"404\":{\"$ref\":\"#/components/responses/Error\"}"
#define ERROR_400 "\"400\":{\"$ref\":\"#/components/responses/Error\"}"
#define COMMUNITY_REF "\"community\":{\"$ref\":\"#/components/schemas/OrgRef\"}"

static const char openapi[] =
    "{\"/api/v1/c/{community}/units\":{\"get\":{\"summary\":\"社区的驻区单位及其党组织(不含联系人信息)\","
    "\"parameters\":[" COMMUNITY_PARAM ",{\"name\":\"page\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
    "\"minimum\":1}}],\"responses\":{\"200\":{\"description\":\"驻区单位,每页 30 个\",\"content\":{"
    "\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{" COMMUNITY_REF ","
    "\"page\":{\"type\":\"integer\"},\"has_next\":{\"type\":\"boolean\"},\"units\":{\"type\":\"array\","
    "\"items\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},"
    "\"kind\":{\"enum\":[\"organ\",\"school\",\"hospital\",\"enterprise\",\"bank\",\"property\",\"other\"]},"
    "\"kind_label\":{\"type\":\"string\"},\"party_org\":{\"type\":\"string\"},"
    "\"party_kind\":{\"enum\":[\"committee\",\"general_branch\",\"branch\",\"none\"]},"
    "\"party_members\":{\"type\":\"integer\",\"description\":\"到社区报到的在职党员人数\"},"
    "\"address\":{\"type\":\"string\"},\"intro\":{\"type\":\"string\"}}}}}}}}}," ERROR_400 "," ERROR_404 "}}},"
    "\"/api/v1/c/{community}/units/agreements\":{\"get\":{\"summary\":\"社区的共建协议(不含草稿)及承诺事项和履行进度\","
    "\"parameters\":[" COMMUNITY_PARAM ",{\"name\":\"state\",\"in\":\"query\",\"schema\":{\"enum\":[\"in_force\","
    "\"ended\",\"terminated\"]}}],\"responses\":{\"200\":{\"description\":\"共建协议,最新的在前,至多 100 份\","
    "\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{" COMMUNITY_REF ","
    "\"agreements\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
    "\"title\":{\"type\":\"string\"},\"signed_on\":{\"type\":\"string\",\"format\":\"date\"},"
    "\"starts_on\":{\"type\":\"string\",\"format\":\"date\"},\"ends_on\":{\"type\":\"string\",\"format\":\"date\"},"
    "\"state\":{\"enum\":[\"in_force\",\"ended\",\"terminated\"]},\"summary\":{\"type\":\"string\"},"
    "\"commitments\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
    "\"id\":{\"type\":\"integer\"},\"unit_id\":{\"type\":\"integer\"},\"unit\":{\"type\":\"string\"},"
    "\"kind\":{\"enum\":[\"money\",\"room\",\"volunteers\",\"service\",\"other\"]},\"promise\":{\"type\":\"string\"},"
    "\"amount_fen\":{\"type\":\"integer\",\"description\":\"承诺金额,单位:分\"},\"quantity\":{\"type\":\"integer\"},"
    "\"quantity_unit\":{\"type\":\"string\"},\"due_on\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"},"
    "\"period\":{\"type\":\"string\"},\"done_fen\":{\"type\":\"integer\"},\"done_quantity\":{\"type\":\"integer\"},"
    "\"progress\":{\"type\":\"string\"}}}}}}}}}}}}," ERROR_400 "," ERROR_404 "}}}}";

static const struct section sections[] = {
    {"共驻共建", "/units/", "驻区单位、共建协议和履行情况,年度共驻共建报告", 0},
    {"共驻共建管理", "/admin/units/", "登记驻区单位,管理共建协议、承诺事项和履行情况", ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const char *const tables[] = {"units_unit", "units_agreement", "units_agreement_unit", "units_commitment",
				     "units_fulfilment", "units_year", NULL};

/* Communities made before this module get the board's "cobuild" item
 * (新 communities get it from the disclosure seed). */
static int migrated(struct db *db, const char *file, char *err, size_t errlen)
{
	if (strcmp(file, "0001_units.sql"))
		return 0;
	struct arena a;
	arena_init(&a, 16u << 20);
	struct community *list;
	size_t n;
	int64_t now = clock_now();
	int rc = org_communities_under(db, &a, 0, &list, &n);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = disclosure_seed_item_ensure(db, list[i].id, "cobuild", now) < 0 ? -1 : 0;
	arena_free(&a);
	if (rc < 0)
		snprintf(err, errlen, "units: cannot add the cobuild board item to existing communities: %s", db_errmsg(db));
	return rc < 0 ? -1 : 0;
}

static const struct audit_label audit_labels[] = {
    {"units.unit_add", "登记驻区单位"},
    {"units.unit_edit", "修改驻区单位"},
    {"units.view_contact", "查看驻区单位联系人手机"},
    {"units.agreement_add", "新建共建协议"},
    {"units.agreement_edit", "修改共建协议"},
    {"units.agreement_in_force", "共建协议生效"},
    {"units.agreement_ended", "共建协议期满结束"},
    {"units.agreement_terminated", "共建协议终止"},
    {"units.commitment_add", "添加承诺事项"},
    {"units.commitment_edit", "修改承诺事项"},
    {"units.commitment_remove", "删除承诺事项"},
    {"units.fulfil", "登记履行情况"},
    {"units.reverse", "冲销履行记录"},
    {"units.board_draft", "共建协议提交公开栏草稿"},
    {"units.report_draft", "年度共驻共建报告提交公开栏草稿"},
    {"units_unit", "驻区单位"},
    {"units_agreement", "共建协议"},
    {"units_commitment", "承诺事项"},
    {"units_fulfilment", "履行记录"},
    {"units_report", "年度共驻共建报告"},
    {NULL, NULL},
};

const struct module units_module = {
    .name = "units",
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .migrations = units_migrations,
    .migrated = migrated,
    .tables = tables,
    .demo = units_demo,
    .sections = sections,
    .audit_labels = audit_labels,
    .workbench = units_workbench,
    .openapi_paths = openapi,
};
