/* The ledger module's table: migrations, tables, hooks. */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "http/module.h"
#include "modules/ledger/ledger.h"
#include "modules/ledger/ledger_dues.h"
#include "modules/ledger/ledger_internal.h"
#include "modules/ledger/ledger_report.h"
#include "modules/ledger/ledger_web.h"
#include "org/org.h"

extern const struct embedded_file ledger_migrations[];

static const char *const tables[] = {
    "ledger_book", "ledger_category", "ledger_period", "ledger_entry", "ledger_total", "ledger_file", "ledger_dues",
    "ledger_publication", NULL,
};

/* Every community that exists when the ledger arrives gets the usual
 * categories, as a community made later does (community_created). */
static int migrated(struct db *db, const char *file, char *err, size_t errlen)
{
	if (strcmp(file, "0001_ledger.sql"))
		return 0;
	struct arena a;
	arena_init(&a, 16u << 20);
	struct community *list;
	size_t n;
	int64_t now = clock_now();
	int rc = org_communities_under(db, &a, 0, &list, &n);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = ledger_categories_seed(db, list[i].id, now);
	arena_free(&a);
	if (rc < 0)
		snprintf(err, errlen, "ledger: cannot give existing communities their categories: %s", db_errmsg(db));
	return rc < 0 ? -1 : 0;
}

#define STAFF ROLES_STAFF

/* Routes (one array `routes`, in this order, each group under its comment). */
static const struct route routes[] = {
    /* --- lpages: the entries, categories and months pages (literal paths before {}) */
    {METHOD_GET, "/c/{c}/admin/ledger/", ledger_h_overview, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/entries", ledger_h_entries, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/entries.csv", ledger_h_entries, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/entries.xlsx", ledger_h_entries, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/ledger/entries/new", ledger_h_entry_new, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/entries/{}", ledger_h_entry, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/ledger/entries/{}/edit", ledger_h_entry_edit, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/ledger/entries/{}/approve", ledger_h_entry_approve, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/ledger/entries/{}/withdraw", ledger_h_entry_withdraw, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/ledger/entries/{}/reverse", ledger_h_entry_reverse, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/ledger/categories", ledger_h_categories, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/months", ledger_h_months, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/months.csv", ledger_h_months, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/months.xlsx", ledger_h_months, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/ledger/months/close", ledger_h_month_close, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/ledger/import", ledger_h_import, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/import/template.csv", ledger_h_import_template, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/import/template.xlsx", ledger_h_import_template, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/ledger/import/withdraw", ledger_h_import_withdraw, STAFF, 0},
    {METHOD_GET, "/api/v1/c/{c}/ledger/entries", ledger_h_api_entries, STAFF, ROUTE_API},
    {METHOD_GET, "/api/v1/c/{c}/ledger/entries/{}", ledger_h_api_entry, STAFF, ROUTE_API},
    /* --- lfile: voucher scans */
    {METHOD_POST, "/c/{c}/admin/ledger/entries/{}/files", ledger_h_file_upload, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/entries/{}/files/{}", ledger_h_file, STAFF, ROUTE_NO_SNAPSHOT},
    {METHOD_POST, "/c/{c}/admin/ledger/entries/{}/files/{}/remove", ledger_h_file_remove, STAFF, 0},
    /* --- ldues: the dues pages */
    {METHOD_GET, "/c/{c}/admin/ledger/dues/", ledger_dues_h_month, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/dues/dues.csv", ledger_dues_h_month, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/dues/dues.xlsx", ledger_dues_h_month, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/ledger/dues/open", ledger_dues_h_open, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/ledger/dues/pay", ledger_dues_h_pay, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/dues/arrears", ledger_dues_h_arrears, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/dues/arrears.csv", ledger_dues_h_arrears, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/dues/arrears.xlsx", ledger_dues_h_arrears, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/dues/year", ledger_dues_h_year, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/dues/year.csv", ledger_dues_h_year, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/dues/year.xlsx", ledger_dues_h_year, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/dues/branches.csv", ledger_dues_h_branches, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/dues/branches.xlsx", ledger_dues_h_branches, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/ledger/dues/publish", ledger_dues_h_publish, STAFF, 0},
    /* --- lreport: the statements, publishing and exports */
    {METHOD_GET, "/c/{c}/admin/ledger/statements/", ledger_report_h_list, ROLES_STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/statements/{}", ledger_report_h_statement, ROLES_STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/ledger/statements/{}/publish", ledger_report_h_publish, ROLES_STAFF, 0},
    /* a year of entries as a workbook takes a while: off the event loop */
    {METHOD_GET, "/c/{c}/admin/ledger/export/{}", ledger_report_h_export, ROLES_STAFF, ROUTE_WORKER | ROUTE_SLOW},
};

/* Cards on the community workbench. */
static const struct section sections[] = {
    /* --- lpages */
    {"财务收支", "/admin/ledger/", "收支凭证录入与审核、收支明细、月末结账、收支类别", STAFF},
    /* --- ldues */
    {"党费收缴", "/admin/ledger/dues/", "党员每月应缴和实缴党费、欠缴名单、年度汇总,可导出、提交公开栏", STAFF},
    /* --- lreport */
    {"财务报表", "/admin/ledger/statements/", "月度、季度、年度收支报表和趋势图,导出全年明细,提交到公开栏", STAFF},
    {NULL, NULL, NULL, 0},
};

/* Its "needs doing" cards: entries and months (lpages), dues in arrears
 * (ldues), closed months not yet on the board (lreport). */
static int workbench(struct req *r, const struct community *c, struct workbench *w)
{
	/* --- lpages */
	if (ledger_pages_workbench(r, c, w) < 0)
		return -1;
	/* --- ldues */
	if (ledger_dues_workbench(r, c, w) < 0)
		return -1;
	/* --- lreport */
	return ledger_report_workbench(r, c, w);
}

/* Demo data: a year of entries (lreport), then dues, after the people
 * module's party members (ldues). */
static int demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	/* --- lreport */
	if (ledger_demo(db, a, c, now) < 0)
		return -1;
	/* --- ldues */
	return ledger_dues_demo(db, a, c, now);
}

static const struct module_command commands[] = {
    /* --- lreport */
    {"ledger", "the accounts: export a year's entries as XLSX or CSV, import entries from CSV", ledger_command},
    {NULL, NULL, NULL},
};

static const struct audit_label audit_labels[] = {
    /* --- lpages */
    {"ledger.entry_add", "录入收支凭证"},
    {"ledger.import", "导入收支凭证"},
    {"ledger.import_withdraw", "撤回导入的收支凭证"},
    {"ledger.entry_update", "修改收支凭证"},
    {"ledger.entry_withdraw", "撤回收支凭证"},
    {"ledger.entry_approve", "审核收支凭证"},
    {"ledger.entry_reverse", "冲销收支凭证"},
    {"ledger.category_add", "添加收支类别"},
    {"ledger.category_rename", "重命名收支类别"},
    {"ledger.category_retire", "停用收支类别"},
    {"ledger.category_restore", "恢复收支类别"},
    {"ledger.period_close", "月末结账"},
    {"ledger_entry", "收支凭证"},
    {"ledger_category", "收支类别"},
    {"ledger_period", "会计月份"},
    /* --- ldues */
    {"ledger.dues_open", "开始党费收缴"},
    {"ledger.dues_pay", "登记党费缴纳"},
    {"ledger.dues_publish", "党费收缴情况提交公开栏"},
    {"ledger_dues", "党费记录"},
    /* --- lreport */
    {"ledger.statement_publish", "提交财务报表到公开栏"},
    /* --- lfile */
    {"ledger.file_add", "上传凭证附件"},
    {"ledger.file_view", "查看凭证附件"},
    {"ledger.file_remove", "删除凭证附件"},
    {NULL, NULL},
};

/* --- lpages: the JSON API's OpenAPI paths */
#define LEDGER_COMMUNITY_PARAM "{\"$ref\":\"#/components/parameters/Community\"}"
#define LEDGER_ERROR_404 "\"404\":{\"$ref\":\"#/components/responses/Error\"}"
#define LEDGER_QPARAM(n, t, d) \
	"{\"name\":\"" n "\",\"in\":\"query\",\"description\":\"" d "\",\"schema\":{\"type\":\"" t "\"}}"
#define LEDGER_ENTRY_SCHEMA                                                                                    \
	"{\"type\":\"object\",\"description\":\"收支凭证\",\"properties\":{\"id\":{\"type\":\"integer\"},"       \
	"\"period\":{\"type\":\"string\"},\"date\":{\"type\":\"string\"},\"kind\":{\"enum\":[\"income\","       \
	"\"expense\"]},\"category_id\":{\"type\":\"integer\"},\"category\":{\"type\":\"string\"},"               \
	"\"amount_fen\":{\"type\":\"integer\",\"description\":\"金额(分);冲销凭证为负\"},"                         \
	"\"counterparty\":{\"type\":\"string\"},\"voucher_no\":{\"type\":\"string\"},\"purpose\":{"              \
	"\"type\":\"string\"},\"status\":{\"enum\":[\"待审核\",\"已审核\",\"已冲销\",\"冲销凭证\"]},"             \
	"\"entered_by\":{\"type\":\"integer\"},\"entered_name\":{\"type\":\"string\"},\"entered_at\":{"           \
	"\"type\":\"integer\"},\"approved_by\":{\"type\":[\"integer\",\"null\"]},\"approved_at\":{\"type\":["      \
	"\"integer\",\"null\"]},\"approved_name\":{\"type\":\"string\"},\"reverses_id\":{\"type\":[\"integer\","  \
	"\"null\"]},\"reversed_by_id\":{\"type\":[\"integer\",\"null\"]},\"reason\":{\"type\":\"string\"}}}"

/* --- lfile: the entry's voucher scans (the one entry's answer only) */
#define LEDGER_FILES_SCHEMA                                                                                    \
	"{\"type\":\"object\",\"properties\":{\"files\":{\"type\":\"array\",\"description\":\"凭证附件(扫描件)\","   \
	"\"items\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":"           \
	"\"string\"},\"mime\":{\"enum\":[\"application/pdf\",\"image/png\",\"image/jpeg\"]},\"bytes\":{\"type\":"    \
	"\"integer\"},\"sha256\":{\"type\":\"string\"}}}}}}"

static const char openapi[] =
    "{\"/api/v1/c/{community}/ledger/entries\":{\"get\":{\"summary\":\"社区收支凭证的一页(50 张,按日期;社区干部)\","
    "\"parameters\":[" LEDGER_COMMUNITY_PARAM "," LEDGER_QPARAM("month", "string", "月份 YYYY-MM") ","
    LEDGER_QPARAM("year", "integer", "年份") "," LEDGER_QPARAM("kind", "string", "income 或 expense") ","
    LEDGER_QPARAM("category", "integer", "类别编号") "," LEDGER_QPARAM("pending", "integer", "1:只看待审核") ","
    LEDGER_QPARAM("offset", "integer", "跳过的张数") "],"
    "\"responses\":{\"200\":{\"description\":\"凭证\",\"content\":{\"application/json\":{\"schema\":{"
    "\"type\":\"object\",\"properties\":{\"community\":{\"$ref\":\"#/components/schemas/OrgRef\"},"
    "\"offset\":{\"type\":\"integer\"},\"limit\":{\"type\":\"integer\"},\"more\":{\"type\":\"boolean\"},"
    "\"entries\":{\"type\":\"array\",\"items\":" LEDGER_ENTRY_SCHEMA "}}}}}}," LEDGER_ERROR_404 "}}},"
    "\"/api/v1/c/{community}/ledger/entries/{id}\":{\"get\":{\"summary\":\"一张收支凭证(社区干部)\",\"parameters\":["
    LEDGER_COMMUNITY_PARAM ",{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"integer\","
    "\"minimum\":1}}],\"responses\":{\"200\":{\"description\":\"凭证及其附件\",\"content\":{\"application/json\":{"
    "\"schema\":{\"allOf\":[" LEDGER_ENTRY_SCHEMA "," LEDGER_FILES_SCHEMA "]}}}}," LEDGER_ERROR_404 "}}}}";

/* The ledger's pages are staff's; what the public sees of it goes through
 * the disclosure board (its own, versioned tables). So no public page
 * reads these tables, and an import of 100,000 entries writes no 100,000
 * data-version bumps: all are unversioned. */
const struct module ledger_module = {
    .name = "ledger",
    .migrations = ledger_migrations,
    .migrated = migrated,
    .tables = tables,
    .unversioned_tables = tables,
    .community_created = ledger_categories_seed,
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .sections = sections,
    .workbench = workbench,
    .demo = demo,
    .audit_labels = audit_labels,
    .commands = commands,
    .openapi_paths = openapi,
};
