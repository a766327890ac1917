#include "db/migrate.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"

/* The lock every migrating process takes inside each migration's
 * transaction: PostgreSQL advisory lock, SQLite's one write lock. */
#define MIGRATE_LOCK "shequ schema migrations"

static struct db_query q_create = DB_QUERY("CREATE TABLE IF NOT EXISTS schema_migrations ("
					   " module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,"
					   " applied_at BIGINT NOT NULL, checksum TEXT, PRIMARY KEY (module, version))");
static struct db_query q_has_sum_sqlite = DB_QUERY(
    "SELECT COUNT(*) FROM pragma_table_info('schema_migrations') WHERE name = 'checksum'");
static struct db_query q_has_sum_pg = DB_QUERY(
    "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema()"
    " AND table_name = 'schema_migrations' AND column_name = 'checksum'");
static struct db_query q_add_sum = DB_QUERY("ALTER TABLE schema_migrations ADD COLUMN checksum TEXT");
static struct db_query q_current =
    DB_QUERY("SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE module = ?");
static struct db_query q_record = DB_QUERY(
    "INSERT INTO schema_migrations (module, version, name, applied_at, checksum) VALUES (?, ?, ?, ?, ?)");
static struct db_query q_applied =
    DB_QUERY("SELECT version, name, checksum FROM schema_migrations WHERE module = ? ORDER BY version");
static struct db_query q_adopt =
    DB_QUERY("UPDATE schema_migrations SET checksum = ? WHERE module = ? AND version = ? AND checksum IS NULL");

/* Version number from a file name "0007_x.sql"; 0 if the name has none. */
static int migration_version(const char *name)
{
	return atoi(name);
}

void migrate_checksum(const struct embedded_file *f, char hex[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)f->data, f->len);
	sodium_bin2hex(hex, 65, h, sizeof h);
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

/* 1 when schema_migrations has its checksum column, 0 when not, -1. */
static int has_checksums(struct db *db)
{
	struct db_stmt *st = db_stmt(db, strcmp(db_backend(db), "sqlite") ? &q_has_sum_pg : &q_has_sum_sqlite);
	int64_t has = 0;
	return st && db_one_int(st, &has) == 0 ? has > 0 : -1;
}

/* Creates schema_migrations, or gives an older one its checksum column,
 * under the migration lock so that two processes starting on one new
 * PostgreSQL database do not both create it. 0 or -1. */
static int ensure_table(struct db *db)
{
	if (db_begin(db) < 0 || db_job_lock(db, MIGRATE_LOCK) < 0)
		goto fail;
	struct db_stmt *st = db_stmt(db, &q_create);
	if (!st || db_run(st) != DB_DONE)
		goto fail;
	int has = has_checksums(db);
	if (has < 0)
		goto fail;
	if (!has && (!(st = db_stmt(db, &q_add_sum)) || db_run(st) != DB_DONE))
		goto fail;
	if (db_commit(db) == 0)
		return 0;
fail:
	db_rollback(db);
	return -1;
}

/* The set's file for a version, or NULL. */
static const struct embedded_file *file_of(const struct migration_set *set, int version)
{
	for (const struct embedded_file *f = set->files; f->name; f++)
		if (migration_version(f->name) == version)
			return f;
	return NULL;
}

/* Checks each applied migration of a set against the binary's file: a
 * changed file is refused; a row from before checksums were kept takes the
 * file's (when adopt is set; else it is left as it is). 0, or -1 with a
 * message in err. */
static int check_applied(struct db *db, const struct migration_set *set, int adopt, char *err, size_t errlen)
{
	struct {
		int version;
		char name[128];
		char sum[65];
	} rows[256];
	size_t n = 0;
	struct db_stmt *st = db_stmt(db, &q_applied);
	if (!st) {
		snprintf(err, errlen, "cannot read schema_migrations: %s", db_errmsg(db));
		return -1;
	}
	db_bind_text(st, 1, set->module, -1);
	int rc;
	while ((rc = db_step(st)) == DB_ROW && n < sizeof rows / sizeof *rows) {
		rows[n].version = (int)db_col_int(st, 0);
		snprintf(rows[n].name, sizeof rows[n].name, "%s", db_col_text(st, 1));
		snprintf(rows[n].sum, sizeof rows[n].sum, "%s", db_col_is_null(st, 2) ? "" : db_col_text(st, 2));
		n++;
	}
	db_reset(st);
	if (rc == DB_ERR) {
		snprintf(err, errlen, "cannot read schema_migrations: %s", db_errmsg(db));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct embedded_file *f = file_of(set, rows[i].version);
		if (!f)
			continue; /* newer than the binary: migrate_check says so */
		char sum[65];
		migrate_checksum(f, sum);
		if (!*rows[i].sum) {
			if (!adopt)
				continue;
			if (!(st = db_stmt(db, &q_adopt))) {
				snprintf(err, errlen, "%s", db_errmsg(db));
				return -1;
			}
			db_bind_text(st, 1, sum, -1);
			db_bind_text(st, 2, set->module, -1);
			db_bind_int(st, 3, rows[i].version);
			if (db_run(st) != DB_DONE) {
				snprintf(err, errlen, "recording the checksum of %s/%s failed: %s", set->module,
					 rows[i].name, db_errmsg(db));
				return -1;
			}
			continue;
		}
		if (strcmp(sum, rows[i].sum)) {
			snprintf(err, errlen,
				 "migration %s/%s was changed after this database applied it (checksum %.12s…, "
				 "applied %.12s…): put the file back as it was and write the change as a new migration",
				 set->module, f->name, sum, rows[i].sum);
			return -1;
		}
	}
	return 0;
}

/* Applies one migration in its own transaction, under the migration lock;
 * 1 applied, 0 another process applied it first, -1 with err. */
static int apply_one(struct db *db, const struct migration_set *set, const struct embedded_file *f, char *err,
		     size_t errlen)
{
	int v = migration_version(f->name);
	if (db_begin(db) < 0 || db_job_lock(db, MIGRATE_LOCK) < 0) {
		snprintf(err, errlen, "cannot lock the schema: %s", db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	/* Read again under the lock: another process may have got here first. */
	int have = current_version(db, set->module);
	if (have < 0) {
		snprintf(err, errlen, "cannot read schema version: %s", db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	if (v <= have) {
		db_rollback(db);
		return 0;
	}
	if (db_exec_script(db, f->data) < 0) {
		snprintf(err, errlen, "migration %s/%s failed: %s", set->module, f->name, db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	char why[400] = "";
	if (set->after && set->after(db, f->name, why, sizeof why) < 0) {
		snprintf(err, errlen, "migration %s/%s failed: %s", set->module, f->name, *why ? why : db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	char sum[65];
	migrate_checksum(f, sum);
	struct db_stmt *st = db_stmt(db, &q_record);
	if (!st) {
		snprintf(err, errlen, "%s", db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	db_bind_text(st, 1, set->module, -1);
	db_bind_int(st, 2, v);
	db_bind_text(st, 3, f->name, -1);
	db_bind_int(st, 4, clock_now());
	db_bind_text(st, 5, sum, -1);
	if (db_run(st) != DB_DONE || db_commit(db) < 0) {
		snprintf(err, errlen, "recording %s/%s failed: %s", set->module, f->name, db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	return 1;
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
		/* Refuse before changing anything when an applied file was edited;
		 * rows from before checksums take the file's now. */
		if (db_begin(db) < 0 || db_job_lock(db, MIGRATE_LOCK) < 0) {
			snprintf(err, errlen, "cannot lock the schema: %s", db_errmsg(db));
			db_rollback(db);
			return -1;
		}
		if (check_applied(db, &sets[s], 1, err, errlen) < 0) {
			db_rollback(db);
			return -1;
		}
		if (db_commit(db) < 0) {
			snprintf(err, errlen, "%s", db_errmsg(db));
			return -1;
		}
		int have = current_version(db, sets[s].module);
		if (have < 0) {
			snprintf(err, errlen, "cannot read schema version: %s", db_errmsg(db));
			return -1;
		}
		for (const struct embedded_file *f = sets[s].files; f->name; f++) {
			if (migration_version(f->name) <= have)
				continue;
			int rc = apply_one(db, &sets[s], f, err, errlen);
			if (rc < 0)
				return -1;
			if (rc == 1 && progress)
				fprintf(progress, "applied %s/%s\n", sets[s].module, f->name);
			applied += rc;
		}
	}
	return applied;
}

int migrate_check(struct db *db, const struct migration_set *sets, size_t n, char *err, size_t errlen)
{
	if (n && current_version(db, sets[0].module) >= 0 && has_checksums(db) == 0) {
		snprintf(err, errlen, "the database was migrated by an older shequ: run `shequ migrate`");
		return -1;
	}
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
		if (check_applied(db, &sets[s], 0, err, errlen) < 0)
			return -1;
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
