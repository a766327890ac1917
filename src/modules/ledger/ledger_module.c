/* The ledger module's table: migrations, tables, hooks. */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "http/module.h"
#include "modules/ledger/ledger.h"
#include "modules/ledger/ledger_internal.h"
#include "modules/ledger/ledger_report.h"
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

/* Routes (one array `routes`, in this order, each group under its comment):
 * --- lpages: the entries, categories and months pages (literal paths before {})
 * --- ldues: the dues pages
 * --- lreport: the statements, publishing and exports */
static const struct route routes[] = {
    /* --- lreport: the statements, publishing and exports */
    {METHOD_GET, "/c/{c}/admin/ledger/statements/", ledger_report_h_list, ROLES_STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/ledger/statements/{}", ledger_report_h_statement, ROLES_STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/ledger/statements/{}/publish", ledger_report_h_publish, ROLES_STAFF, 0},
    /* a year of entries as a workbook takes a while: off the event loop */
    {METHOD_GET, "/c/{c}/admin/ledger/export/{}", ledger_report_h_export, ROLES_STAFF, ROUTE_WORKER | ROUTE_SLOW},
};

static const struct section sections[] = {
    /* --- lreport */
    {"财务报表", "/admin/ledger/statements/", "月度、季度、年度收支报表和趋势图,导出全年明细,提交到公开栏", ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const struct audit_label audit_labels[] = {
    /* --- lreport */
    {"ledger.statement_publish", "提交财务报表到公开栏"},
    {NULL, NULL},
};

static const struct module_command commands[] = {
    /* --- lreport */
    {"ledger", "the accounts: export a year's entries as XLSX or CSV", ledger_command},
    {NULL, NULL, NULL},
};

/* Each module group's workbench cards. */
static int workbench(struct req *r, const struct community *c, struct workbench *w)
{
	/* --- lreport */
	if (ledger_report_workbench(r, c, w) < 0)
		return -1;
	return 0;
}

/* Each module group's demo data, in the caller's transaction. */
static int demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	/* --- lreport */
	if (ledger_demo(db, a, c, now) < 0)
		return -1;
	return 0;
}

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
    .audit_labels = audit_labels,
    .commands = commands,
    .demo = demo,
    .workbench = workbench,
};
