#include "db/migrate.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"

static struct db_query q_create = DB_QUERY("CREATE TABLE IF NOT EXISTS schema_migrations ("
					   " module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,"
					   " applied_at BIGINT NOT NULL, PRIMARY KEY (module, version))");
static struct db_query q_current =
    DB_QUERY("SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE module = ?");
static struct db_query q_record =
    DB_QUERY("INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)");

/* Version number from a file name "0007_x.sql"; 0 if the name has none. */
static int migration_version(const char *name)
{
	return atoi(name);
}

/* Highest version of a module recorded in the database, or -1 on error. */
static int current_version(struct db *db, const char *module)
{
	struct db_stmt *st = db_stmt(db, &q_current);
	if (!st)
		return -1;
	db_bind_text(st, 1, module, -1);
	int64_t v = 0;
	return db_one_int(st, &v) == 0 ? (int)v : -1;
}

static int ensure_table(struct db *db)
{
	struct db_stmt *st = db_stmt(db, &q_create);
	return st && db_run(st) == DB_DONE ? 0 : -1;
}

int migrate_apply(struct db *db, const struct migration_set *sets, size_t n, FILE *progress, char *err,
		  size_t errlen)
{
	if (ensure_table(db) < 0) {
		snprintf(err, errlen, "cannot create schema_migrations: %s", db_errmsg(db));
		return -1;
	}
	int applied = 0;
	for (size_t s = 0; s < n; s++) {
		int have = current_version(db, sets[s].module);
		if (have < 0) {
			snprintf(err, errlen, "cannot read schema version: %s", db_errmsg(db));
			return -1;
		}
		for (const struct embedded_file *f = sets[s].files; f->name; f++) {
			int v = migration_version(f->name);
			if (v <= have)
				continue;
			if (db_begin(db) < 0 || db_exec_script(db, f->data) < 0) {
				snprintf(err, errlen, "migration %s/%s failed: %s", sets[s].module, f->name,
					 db_errmsg(db));
				db_rollback(db);
				return -1;
			}
			char why[400] = "";
			if (sets[s].after && sets[s].after(db, f->name, why, sizeof why) < 0) {
				snprintf(err, errlen, "migration %s/%s failed: %s", sets[s].module, f->name,
					 *why ? why : db_errmsg(db));
				db_rollback(db);
				return -1;
			}
			struct db_stmt *st = db_stmt(db, &q_record);
			if (!st) {
				db_rollback(db);
				snprintf(err, errlen, "%s", db_errmsg(db));
				return -1;
			}
			db_bind_text(st, 1, sets[s].module, -1);
			db_bind_int(st, 2, v);
			db_bind_text(st, 3, f->name, -1);
			db_bind_int(st, 4, clock_now());
			if (db_run(st) != DB_DONE || db_commit(db) < 0) {
				snprintf(err, errlen, "recording %s/%s failed: %s", sets[s].module, f->name,
					 db_errmsg(db));
				db_rollback(db);
				return -1;
			}
			if (progress)
				fprintf(progress, "applied %s/%s\n", sets[s].module, f->name);
			applied++;
		}
	}
	return applied;
}

int migrate_check(struct db *db, const struct migration_set *sets, size_t n, char *err, size_t errlen)
{
	for (size_t s = 0; s < n; s++) {
		int latest = 0;
		for (const struct embedded_file *f = sets[s].files; f->name; f++)
			if (migration_version(f->name) > latest)
				latest = migration_version(f->name);
		int have = current_version(db, sets[s].module);
		if (have < 0) {
			snprintf(err, errlen, "the database has no shequ schema (run `shequ init`)");
			return -1;
		}
		if (have < latest) {
			snprintf(err, errlen, "schema of %s is at version %d, this binary needs %d: run `shequ migrate`",
				 sets[s].module, have, latest);
			return -1;
		}
		if (have > latest) {
			snprintf(err, errlen, "schema of %s is at version %d, newer than this binary (%d)",
				 sets[s].module, have, latest);
			return -1;
		}
	}
	return 0;
}
