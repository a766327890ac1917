/* What the people module's migrations do that their SQL cannot: on SQLite,
 * 0003_checks_in_place.sql's rewriting of people_person's CHECKs. */
#include "people_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The CHECKs as 0001_people.sql wrote them, and as ORs of equalities. */
static const char *const checks[][2] = {
    {"CHECK (gender IN ('', 'm', 'f'))", "CHECK (gender = '' OR gender = 'm' OR gender = 'f')"},
    {"CHECK (status IN ('living', 'moved_out', 'deceased'))",
     "CHECK (status = 'living' OR status = 'moved_out' OR status = 'deceased')"},
};

static struct db_query q_table_sql =
    DB_QUERY("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'people_person'");
static struct db_query q_version = DB_QUERY("PRAGMA schema_version");
static struct db_query q_table_sql_set =
    DB_QUERY("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'people_person'");

/* people_person's definition in *sql (malloc'd), or -1. */
static int table_sql(struct db *db, char **sql)
{
	struct db_stmt *st = db_stmt(db, &q_table_sql);
	if (!st)
		return -1;
	*sql = NULL;
	if (db_step(st) == DB_ROW && db_col_text(st, 0))
		*sql = strdup(db_col_text(st, 0));
	db_reset(st);
	return *sql ? 0 : -1;
}

/* Replaces the first `from` in s (big enough) by `to`. 0, or -1 when absent. */
static int replace_once(char *s, const char *from, const char *to)
{
	char *at = strstr(s, from);
	if (!at)
		return -1;
	size_t nf = strlen(from), nt = strlen(to);
	memmove(at + nt, at + nf, strlen(at + nf) + 1);
	memcpy(at, to, nt);
	return 0;
}

/* The documented way to change a constraint that every stored row still
 * meets: the definition edited in sqlite_schema in the migration's
 * transaction, and the schema version bumped so that every connection
 * reads it again. The edited definition is checked by reading it back. */
static int checks_in_place(struct db *db, char *err, size_t errlen)
{
	char *old = NULL, *sql = NULL, *now = NULL;
	int64_t version = 0;
	int rc = -1;
	if (table_sql(db, &old) < 0 || !(sql = malloc(strlen(old) + 256))) {
		snprintf(err, errlen, "people: cannot read people_person's definition");
		goto out;
	}
	strcpy(sql, old);
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++)
		if (replace_once(sql, checks[i][0], checks[i][1]) < 0) {
			snprintf(err, errlen, "people: people_person's definition lacks %s", checks[i][0]);
			goto out;
		}
	struct db_stmt *st = db_stmt(db, &q_version);
	if (!st || db_one_int(st, &version) != 0 || db_exec_script(db, "PRAGMA writable_schema=ON") < 0)
		goto failed;
	st = db_stmt(db, &q_table_sql_set);
	if (st)
		db_bind_text(st, 1, sql, -1);
	int set = st && db_run(st) == DB_DONE;
	char bump[80];
	snprintf(bump, sizeof bump, "PRAGMA writable_schema=OFF; PRAGMA schema_version=%lld", (long long)version + 1);
	if (db_exec_script(db, bump) < 0 || !set || table_sql(db, &now) < 0)
		goto failed;
	if (strcmp(now, sql)) {
		snprintf(err, errlen, "people: people_person's definition reads back otherwise than written");
		goto out;
	}
	rc = 0;
	goto out;
failed:
	snprintf(err, errlen, "people: cannot rewrite people_person's checks: %s", db_errmsg(db));
out:
	free(old);
	free(sql);
	free(now);
	return rc;
}

int people_migrated(struct db *db, const char *file, char *err, size_t errlen)
{
	if (!strcmp(file, "0003_checks_in_place.sql") && !strcmp(db_backend(db), "sqlite"))
		return checks_in_place(db, err, errlen);
	return 0;
}
