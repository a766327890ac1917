/* The plan test: every SELECT that the pages of every module run walks an
 * index on SQLite. A real `shequ serve` over the demo database records the
 * text of each statement it prepares (SHEQU_SQL_LOG, src/db/db.c); a
 * crawler visits every page it can reach, anonymously and as every demo
 * user, starting from the home page and from every GET route of every
 * module (so a new module is covered without editing this test); then each
 * recorded SELECT is explained (EXPLAIN QUERY PLAN) on the same database,
 * and a full scan of a table that grows with use fails the test.
 * usage: test_plans PATH-TO-SHEQU */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <curl/curl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "app.h"
#include "harness.h"

/* Tables a query may read whole: small, and growing only when the
 * deployment itself changes, not with use. */
static const char *const small_tables[] = {
    /* The map: districts, streets and communities (hundreds of rows,
     * changed by `shequ org`); the lists of every community read it whole. */
    "org_unit",
    /* One row per migration file, read at start-up. */
    "schema_migrations",
    /* The deployment's few keys, read at start-up. */
    "deployment_secret",
};

static char sql_log[600];

/* Pages of one visitor per shape (the URL with its numbers as N): enough
 * to reach every query, few enough to stay quick. */
#define PER_SHAPE 2
#define MAX_PAGES 4000

struct strs {
	char **v;
	size_t n, cap;
};

static void strs_add(struct strs *s, const char *x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		assert_non_null(s->v);
	}
	s->v[s->n] = strdup(x);
	assert_non_null(s->v[s->n]);
	s->n++;
}

static int strs_has(const struct strs *s, const char *x)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], x))
			return 1;
	return 0;
}

static size_t strs_count(const struct strs *s, const char *x)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++)
		k += !strcmp(s->v[i], x);
	return k;
}

static void strs_free(struct strs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	*s = (struct strs){0};
}

/* The URL with each run of digits as N. */
static char *shape_of(const char *url)
{
	char *s = malloc(strlen(url) + 1), *o = s;
	assert_non_null(s);
	for (const char *p = url; *p;) {
		if (isdigit((unsigned char)*p)) {
			*o++ = 'N';
			while (isdigit((unsigned char)*p))
				p++;
		} else {
			*o++ = *p++;
		}
	}
	*o = 0;
	return s;
}

/* Whether the crawler follows a link: our own pages, not assets, posters
 * (their lists are the board's) or display preferences. */
static int followed(const char *u)
{
	size_t n = strlen(u);
	return u[0] == '/' && u[1] != '/' && strncmp(u, "/static/", 8) && strncmp(u, "/prefs/", 7) &&
	       !(n > 4 && !strcmp(u + n - 4, ".pdf")) && !strstr(u, ".pdf?");
}

/* Adds the local links of an HTML page to the queue. */
static void links_of(const char *html, struct strs *queue)
{
	for (const char *p = html; (p = strstr(p, "href=\"")); ) {
		p += 6;
		const char *end = strchr(p, '"');
		if (!end)
			return;
		char url[1024];
		size_t n = 0;
		for (const char *q = p; q < end && n + 1 < sizeof url && *q != '#'; q++) {
			url[n++] = *q;
			if (!strncmp(q, "&amp;", 5))
				q += 4;
		}
		url[n] = 0;
		if (followed(url))
			strs_add(queue, url);
		p = end;
	}
}

/* Links found on pages that answered 404 (a seed may: {} is 1). */
static struct strs broken;

/* Visits every page c can reach from the seeds, PER_SHAPE pages a shape. */
static size_t crawl(CURL *c, const struct strs *seeds)
{
	struct strs queue = {0}, seen = {0}, shapes = {0};
	for (size_t i = 0; i < seeds->n; i++)
		strs_add(&queue, seeds->v[i]);
	size_t visited = 0;
	for (size_t i = 0; i < queue.n && visited < MAX_PAGES; i++) {
		const char *u = queue.v[i];
		char *shape = shape_of(u);
		if (strs_has(&seen, u) || strs_count(&shapes, shape) >= PER_SHAPE) {
			free(shape);
			continue;
		}
		strs_add(&seen, u);
		strs_add(&shapes, shape);
		free(shape);
		struct resp r;
		request(c, u, NULL, NULL, &r);
		visited++;
		if (r.status == 404 && i >= seeds->n && !strs_has(&broken, u))
			strs_add(&broken, u);
		if (r.status == 200 && has_header(&r, "content-type: text/html") && r.body.data)
			links_of(r.body.data, &queue);
		done(&r);
	}
	strs_free(&queue);
	strs_free(&seen);
	strs_free(&shapes);
	return visited;
}

/* Runs sql on the test database (read only) and adds the first column of
 * each row to out. */
static void column_of(const char *sql, struct strs *out)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		strs_add(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* Every GET route of every module, with {c} as each community and {} as 1;
 * routes ending in {*} (log tiles) are left to the links. */
static void route_seeds(const struct strs *communities, struct strs *seeds)
{
	strs_add(seeds, "/");
	for (size_t m = 0; m < shequ_nmodules; m++) {
		const struct module *mod = shequ_modules[m];
		for (size_t i = 0; i < mod->nroutes; i++) {
			const struct route *rt = &mod->routes[i];
			if (!(rt->methods & METHOD_GET) || strstr(rt->pattern, "{*}"))
				continue;
			for (size_t k = 0; k < communities->n; k++) {
				char url[1024];
				size_t n = 0;
				for (const char *p = rt->pattern; *p && n + 64 < sizeof url;) {
					if (!strncmp(p, "{c}", 3)) {
						n += (size_t)snprintf(url + n, sizeof url - n, "%s", communities->v[k]);
						p += 3;
					} else if (!strncmp(p, "{}", 2)) {
						url[n++] = '1';
						p += 2;
					} else {
						url[n++] = *p++;
					}
				}
				url[n] = 0;
				if (!strs_has(seeds, url))
					strs_add(seeds, url);
				if (!strstr(rt->pattern, "{c}"))
					break;
			}
		}
	}
}

/* The statements the server prepared, each once. */
static void prepared(struct strs *out)
{
	FILE *f = fopen(sql_log, "rb");
	assert_non_null(f);
	struct buf all;
	buf_init(&all, 1 << 26);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&all, chunk, n);
	fclose(f);
	assert_false(all.err);
	for (size_t i = 0; i < all.len; i += strlen(all.data + i) + 1)
		if (all.data[i] && !strs_has(out, all.data + i))
			strs_add(out, all.data + i);
	buf_free(&all);
}

/* The table that name stands for in sql: the table of the alias name
 * ("FROM disclosure_post p"), else name itself. */
static void table_of(const char *sql, const char *name, char *table, size_t len)
{
	snprintf(table, len, "%s", name);
	for (const char *p = sql; *p; p++) {
		int from = !strncasecmp(p, " FROM ", 6), join = !strncasecmp(p, " JOIN ", 6);
		if (!from && !join)
			continue;
		const char *t = p + 6, *te = t;
		while (isalnum((unsigned char)*te) || *te == '_')
			te++;
		const char *a = te;
		while (*a == ' ')
			a++;
		if (!strncasecmp(a, "AS ", 3))
			a += 3;
		const char *ae = a;
		while (isalnum((unsigned char)*ae) || *ae == '_')
			ae++;
		if ((size_t)(ae - a) == strlen(name) && !strncmp(a, name, strlen(name)) && te > t) {
			snprintf(table, len, "%.*s", (int)(te - t), t);
			return;
		}
	}
}

static int small_table(const char *t)
{
	for (size_t i = 0; i < sizeof small_tables / sizeof *small_tables; i++)
		if (!strcmp(t, small_tables[i]))
			return 1;
	return 0;
}

/* Whether sql reads alias (of table) newest or oldest first by the table's
 * integer primary key and stops at a LIMIT: SQLite shows that walk of the
 * table's own b-tree as "SCAN alias", but it is the walk of an index. */
static int rowid_walk(sqlite3 *db, const char *sql, const char *alias, const char *table, int sorts)
{
	char order[160];
	snprintf(order, sizeof order, "ORDER BY %s.id", alias);
	if (sorts || !strstr(sql, " LIMIT ") || !strstr(sql, order))
		return 0;
	char *q = sqlite3_mprintf("SELECT 1 FROM pragma_table_info(%Q) WHERE name = 'id' AND pk = 1 AND type = 'INTEGER'", table);
	sqlite3_stmt *st;
	int yes = q && sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
	if (q)
		sqlite3_finalize(st);
	sqlite3_free(q);
	return yes;
}

/* Explains sql; prints and counts each full scan of a table that grows. */
static int full_scans(sqlite3 *db, const struct strs *tables, const char *sql)
{
	char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;
	if (!eqp || sqlite3_prepare_v2(db, eqp, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "cannot explain (%s): %s\n", sqlite3_errmsg(db), sql);
		sqlite3_free(eqp);
		return 1;
	}
	sqlite3_free(eqp);
	struct strs plan = {0};
	int sorts = 0, bad = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3);
		strs_add(&plan, d);
		sorts |= !strcmp(d, "USE TEMP B-TREE FOR ORDER BY");
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < plan.n; i++) {
		const char *d = plan.v[i];
		/* "SCAN t" walks the whole table; "SCAN t USING [COVERING] INDEX i"
		 * walks an index in its order (and stops at a LIMIT). */
		if (strncmp(d, "SCAN ", 5) || strstr(d, " USING ") || strstr(d, "VIRTUAL TABLE") ||
		    !strcmp(d, "SCAN CONSTANT ROW"))
			continue;
		char name[128], table[128];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(d + 5, " "), d + 5);
		table_of(sql, name, table, sizeof table);
		if (!strs_has(tables, table) || small_table(table) || rowid_walk(db, sql, name, table, sorts))
			continue;
		fprintf(stderr, "full scan of %s (%s) in: %s\n", table, d, sql);
		bad++;
	}
	strs_free(&plan);
	return bad;
}

/* Whether some statement in sqls reads a table of mod. */
static int reads_module(const struct module *mod, const struct strs *sqls)
{
	for (const char *const *t = mod->tables; t && *t; t++)
		for (size_t i = 0; i < sqls->n; i++) {
			char from[160], join[160];
			snprintf(from, sizeof from, "FROM %s ", *t);
			snprintf(join, sizeof join, "JOIN %s ", *t);
			if (strstr(sqls->v[i], from) || strstr(sqls->v[i], join))
				return 1;
		}
	return 0;
}

static void every_list_query_walks_an_index(void **state)
{
	(void)state;
	/* The statements prepared from now on: the server's, for the pages. */
	assert_int_equal(truncate(sql_log, 0), 0);
	struct strs communities = {0}, users = {0}, seeds = {0}, sqls = {0}, tables = {0};
	column_of("SELECT slug FROM org_unit WHERE kind = 'community' ORDER BY id", &communities);
	column_of("SELECT username FROM users WHERE disabled = 0 ORDER BY id", &users);
	column_of("SELECT name FROM sqlite_master WHERE type = 'table'", &tables);
	assert_true(communities.n >= 2);
	assert_true(users.n >= 5);
	route_seeds(&communities, &seeds);
	CURL *c = client();
	size_t pages = crawl(c, &seeds);
	curl_easy_cleanup(c);
	for (size_t i = 0; i < users.n; i++) {
		c = logged_in(users.v[i]);
		pages += crawl(c, &seeds);
		curl_easy_cleanup(c);
	}
	/* every link a page shows leads somewhere (an export link to a file
	 * no route serves was found by a user, not by a test) */
	for (size_t i = 0; i < broken.n; i++)
		fprintf(stderr, "a page links to %s, which answers 404\n", broken.v[i]);
	assert_int_equal(broken.n, 0);
	prepared(&sqls);
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	size_t selects = 0;
	int bad = 0;
	for (size_t i = 0; i < sqls.n; i++) {
		const char *s = sqls.v[i];
		while (isspace((unsigned char)*s))
			s++;
		if (strncasecmp(s, "SELECT", 6) && strncasecmp(s, "WITH", 4))
			continue;
		selects++;
		bad += full_scans(db, &tables, s);
	}
	sqlite3_close(db);
	fprintf(stderr, "%zu pages crawled as %zu visitors; %zu statements prepared, %zu of them SELECTs; %d full scans\n",
		pages, users.n + 1, sqls.n, selects, bad);
	/* A crawl that reached few queries would prove nothing: every module
	 * with tables has its pages' queries among them. */
	assert_true(pages >= 200);
	assert_true(selects >= 40);
	for (size_t m = 0; m < shequ_nmodules; m++)
		if (shequ_modules[m]->tables && !reads_module(shequ_modules[m], &sqls)) {
			fprintf(stderr, "no query of module %s was reached\n", shequ_modules[m]->name);
			bad++;
		}
	assert_int_equal(bad, 0);
	strs_free(&communities);
	strs_free(&users);
	strs_free(&seeds);
	strs_free(&sqls);
	strs_free(&tables);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_plans PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	/* Plans are SQLite's; PostgreSQL runs the same statements. */
	const char *pg = getenv("SHEQU_TEST_PG");
	if (pg && *pg) {
		fprintf(stderr, "test_plans: SQLite only, skipped\n");
		return 77;
	}
	snprintf(sql_log, sizeof sql_log, "/tmp/shequ-plans-%d.sql", (int)getpid());
	/* The server inherits it; this process prepares nothing through src/db. */
	setenv("SHEQU_SQL_LOG", sql_log, 1);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_list_query_walks_an_index),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	unlink(sql_log);
	return rc || server_exit_bad;
}
