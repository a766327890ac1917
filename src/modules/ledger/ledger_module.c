/* The ledger module's table: migrations, tables, hooks. */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "http/module.h"
#include "modules/ledger/ledger.h"
#include "modules/ledger/ledger_dues.h"
#include "modules/ledger/ledger_internal.h"
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
#define STAFF ROLES_STAFF
static const struct route routes[] = {
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
};

/* Its pages on the community workbench. */
static const struct section sections[] = {
    /* --- ldues */
    {"党费收缴", "/admin/ledger/dues/", "党员每月应缴和实缴党费、欠缴名单、年度汇总,可导出、提交公开栏", STAFF},
    {NULL, NULL, NULL, 0},
};

/* Chinese names of its audit actions and entities. */
static const struct audit_label audit_labels[] = {
    /* --- ldues */
    {"ledger.dues_open", "开始党费收缴"},
    {"ledger.dues_pay", "登记党费缴纳"},
    {"ledger.dues_publish", "党费收缴情况提交公开栏"},
    {"ledger_dues", "党费记录"},
    {NULL, NULL},
};

/* Its "needs doing" cards. */
static int workbench(struct req *r, const struct community *c, struct workbench *w)
{
	/* --- ldues */
	return ledger_dues_workbench(r, c, w);
}

/* Demo data, after the people module's (its party members). */
static int demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	/* --- ldues */
	return ledger_dues_demo(db, a, c, now);
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
    .workbench = workbench,
    .demo = demo,
};
