/* The module pattern: route tables that cannot compete between modules,
 * roles and subcommands modules add, and each module's tables[] against
 * the tables its migrations really make (so `shequ copy` misses none). Run
 * on SQLite and, under tests/pg/with-postgres.sh, on PostgreSQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth/auth.h"
#include "db/migrate.h"
#include "http/router.h"

static void patterns_overlap_when_a_path_matches_both(void **state)
{
	(void)state;
	static const struct {
		const char *p, *q;
		int overlap;
	} cases[] = {
	    {"/c/{c}/board/", "/c/{c}/board/", 1},
	    {"/c/{c}/board/{}", "/c/{c}/board/catalogue", 1},
	    {"/c/{c}/board/{}", "/c/xingfuli/board/7", 1},
	    {"/admin/due.{}", "/admin/due.csv", 1},
	    {"/admin/due.{}", "/admin/{}", 1},
	    {"/c/{c}/log/tile/{*}", "/c/{c}/log/tile/0/x/001", 1},
	    {"/c/{c}/log/{*}", "/c/{c}/log/checkpoint", 1},
	    {"/c/{c}/", "/c/{c}/board/", 0},
	    {"/static/{}", "/static/", 0},	      /* {} takes at least one character */
	    {"/a/{}/b", "/a/x/c", 0},
	    {"/a/{}", "/a/x/y", 0},		      /* {} stops at a slash */
	    {"/a/{}x", "/a/yx", 0},		      /* {} takes the whole segment: nothing is left for x */
	    {"/api/v1/{}", "/api/v2/x", 0},
	    {"/c/{c}/services/", "/c/{c}/board/", 0},
	    {"/c/{c}/admin/{}", "/c/{c}/admin/services/", 0}, /* the trailing slash makes a second segment */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		if (router_patterns_overlap(cases[i].p, cases[i].q) != cases[i].overlap)
			fail_msg("%s vs %s: expected %d", cases[i].p, cases[i].q, cases[i].overlap);
		if (router_patterns_overlap(cases[i].q, cases[i].p) != cases[i].overlap)
			fail_msg("%s vs %s (swapped): expected %d", cases[i].q, cases[i].p, cases[i].overlap);
	}
}

static enum http_result nothing(struct req *r)
{
	(void)r;
	return HR_OK;
}

static const struct route one_routes[] = {
    {METHOD_GET, "/c/{c}/things/", nothing, 0, 0},
    {METHOD_GET, "/c/{c}/things/{}", nothing, 0, 0},
    {METHOD_GET, "/c/{c}/things/new", nothing, 0, 0}, /* same module: the first listed wins */
};
static const struct route two_routes[] = {
    {METHOD_POST, "/c/{c}/things/{}", nothing, 0, 0}, /* another method: no competition */
    {METHOD_GET, "/c/{c}/other/", nothing, 0, 0, "test_grid_worker"},
};
static const struct route three_routes[] = {
    {METHOD_GET | METHOD_POST, "/c/{c}/things/export.csv", nothing, 0, 0},
};
static const struct route four_routes[] = {
    {METHOD_GET, "/c/{c}/four/", nothing, 0, 0, "no_such_role"},
};
static const struct role_def test_roles[] = {{"test_grid_worker", "网格员(测试)"}, {NULL, NULL}};
static int ran;
static int run_test_command(int argc, char **argv)
{
	(void)argv;
	ran = argc;
	return 0;
}
static const struct module_command test_commands[] = {{"things", "list things", run_test_command}, {NULL}};
static const struct module one = {.name = "one", .routes = one_routes, .nroutes = 3, .commands = test_commands};
static const struct module two = {.name = "two", .routes = two_routes, .nroutes = 2, .roles = test_roles};
static const struct module three = {.name = "three", .routes = three_routes, .nroutes = 1};
static const struct module four = {.name = "four", .routes = four_routes, .nroutes = 1};

/* The server refuses to start with two modules' routes competing for a
 * path, or with a route naming a role no module adds. */
static void modules_routes_are_checked_at_startup(void **state)
{
	(void)state;
	char err[300];
	assert_int_equal(role_register(test_roles), 0);
	const struct module *ok[] = {&one, &two};
	struct app app = {.modules = ok, .nmodules = 2};
	assert_int_equal(router_build(&app, err, sizeof err), 0);
	assert_int_equal(app.nroutes, 3 + 2 + 1); /* and the core's static files */
	assert_ptr_equal(app.routes[0].module, &one);
	assert_ptr_equal(app.routes[4].module, &two);
	assert_int_equal(app.routes[4].roles, role_bit("test_grid_worker"));
	assert_null(app.routes[5].module);
	free((void *)app.routes);

	const struct module *clash[] = {&one, &three};
	app = (struct app){.modules = clash, .nmodules = 2};
	assert_int_equal(router_build(&app, err, sizeof err), -1);
	assert_non_null(strstr(err, "/c/{c}/things/{} of module one overlaps route /c/{c}/things/export.csv of module three"));

	const struct module *unknown[] = {&four};
	app = (struct app){.modules = unknown, .nmodules = 1};
	assert_int_equal(router_build(&app, err, sizeof err), -1);
	assert_non_null(strstr(err, "no_such_role"));

	/* The deployment's own modules do not compete. */
	app = (struct app){.modules = shequ_modules, .nmodules = shequ_nmodules};
	if (router_build(&app, err, sizeof err) < 0)
		fail_msg("%s", err);
	free((void *)app.routes);
}

/* Roles modules add are numbered after the core's, stored by name, and
 * cannot take a name twice; subcommands are found by name. */
static void modules_add_roles_and_commands(void **state)
{
	(void)state;
	assert_int_equal(role_register(test_roles), 0); /* again: nothing changes */
	int r = role_from_name("test_grid_worker");
	assert_true(r >= ROLE__MAX);
	assert_string_equal(role_name((enum role)r), "test_grid_worker");
	assert_string_equal(role_label((enum role)r), "网格员(测试)");
	assert_int_equal(role_bit("test_grid_worker"), ROLE_BIT(r));
	assert_int_equal(role_bit("nobody"), 0);
	static const struct role_def taken[] = {{"staff", "又一个干部"}, {NULL, NULL}};
	static const struct role_def bad[] = {{"Grid Worker", "网格员"}, {NULL, NULL}};
	static const struct role_def twice[] = {{"test_a", "甲"}, {"test_a", "乙"}, {NULL, NULL}};
	assert_int_equal(role_register(taken), -1);
	assert_int_equal(role_register(bad), -1);
	assert_int_equal(role_register(twice), -1);
	assert_int_equal(role_from_name("test_a"), -1); /* a refused table adds nothing */

	const struct module *mods[] = {&one, &two};
	const struct module_command *c = app_command(mods, 2, "things");
	assert_non_null(c);
	char *argv[] = {"things", "--all", NULL};
	assert_int_equal(c->run(2, argv), 0);
	assert_int_equal(ran, 2);
	assert_null(app_command(mods, 2, "serve"));
}

/* ---- each module's tables[] is what its migrations make ---- */

static struct db_query q_tables_sqlite =
    DB_QUERY("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
static struct db_query q_tables_pg = DB_QUERY(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name");

/* The tables of the database now, as a comma-joined sorted list without schema_migrations. */
static void tables_now(struct db *db, char *out, size_t n)
{
	struct db_stmt *st = db_stmt(db, strcmp(db_backend(db), "sqlite") ? &q_tables_pg : &q_tables_sqlite);
	assert_non_null(st);
	size_t len = 0;
	out[0] = 0;
	while (db_step(st) == DB_ROW) {
		const char *t = db_col_text(st, 0);
		if (!strcmp(t, "schema_migrations") || !strcmp(t, "data_version"))
			continue;
		len += (size_t)snprintf(out + len, n - len, "%s,", t);
		assert_true(len < n);
	}
	db_reset(st);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The tables a list names plus those before, as the same kind of list. */
static void tables_listed(const char *const *before, size_t nbefore, const char *const *list, char *out, size_t n)
{
	const char *all[512];
	size_t k = 0;
	for (size_t i = 0; i < nbefore; i++)
		all[k++] = before[i];
	for (const char *const *t = list; t && *t; t++)
		all[k++] = *t;
	qsort(all, k, sizeof *all, cmp_str);
	size_t len = 0;
	out[0] = 0;
	for (size_t i = 0; i < k; i++)
		len += (size_t)snprintf(out + len, n - len, "%s,", all[i]);
}

static void each_modules_tables_match_its_migrations(void **state)
{
	(void)state;
	char dir[] = "/tmp/shequ-modules-XXXXXX", url[512], err[512];
	const char *pg = getenv("SHEQU_TEST_PG");
	if (pg && *pg)
		snprintf(url, sizeof url, "%s", pg);
	else {
		assert_non_null(mkdtemp(dir));
		snprintf(url, sizeof url, "%s/t.db", dir);
	}
	struct db *db;
	assert_int_equal(db_open(url, &db, err, sizeof err), 0);
	struct migration_set sets[32];
	size_t n = app_migration_sets(sets, 32);
	static char have[16384], want[16384];
	const char *seen[512];
	size_t nseen = 0;
	for (size_t s = 0; s < n; s++) {
		if (migrate_apply(db, sets, s + 1, NULL, err, sizeof err) < 0)
			fail_msg("migrating %s: %s", sets[s].module, err);
		const char *const *list = NULL;
		if (!strcmp(sets[s].module, "core"))
			list = app_core_tables;
		for (size_t m = 0; m < shequ_nmodules; m++)
			if (!strcmp(shequ_modules[m]->name, sets[s].module))
				list = shequ_modules[m]->tables;
		tables_now(db, have, sizeof have);
		tables_listed(seen, nseen, list, want, sizeof want);
		if (strcmp(have, want))
			fail_msg("after the migrations of %s the database has tables\n  %s\nbut the tables lists say\n  %s",
				 sets[s].module, have, want);
		for (const char *const *t = list; t && *t; t++)
			seen[nseen++] = *t;
	}
	/* A module without migrations lists no tables. */
	for (size_t m = 0; m < shequ_nmodules; m++)
		if (!shequ_modules[m]->migrations)
			assert_true(!shequ_modules[m]->tables || !shequ_modules[m]->tables[0]);
	db_close(db);
	if (!(pg && *pg)) {
		char cmd[600];
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		assert_int_equal(system(cmd), 0);
	}
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	char err[256];
	if (app_register(err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(patterns_overlap_when_a_path_matches_both),
	    cmocka_unit_test(modules_routes_are_checked_at_startup),
	    cmocka_unit_test(modules_add_roles_and_commands),
	    cmocka_unit_test(each_modules_tables_match_its_migrations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
