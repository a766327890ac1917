/* The store tests' database (fixture.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "pii/pii.h"

int fixture_make(struct fixture *f, const char *shequ)
{
	snprintf(f->dir, sizeof f->dir, "/tmp/shequ-store-XXXXXX");
	if (!mkdtemp(f->dir)) {
		perror("fixture: mkdtemp");
		return -1;
	}
	const char *pg = getenv("SHEQU_TEST_PG");
	if (pg && *pg) {
		snprintf(f->url, sizeof f->url, "%s", pg);
		char key[700];
		snprintf(key, sizeof key, "%s/pg.key", f->dir);
		setenv("SHEQU_KEY_FILE", key, 1);
	} else {
		snprintf(f->url, sizeof f->url, "%s/t.db", f->dir);
	}
	char cmd[2000];
	snprintf(cmd, sizeof cmd, "'%s' init --db '%s' >/dev/null && '%s' demo --db '%s' >/dev/null", shequ, f->url,
	         shequ, f->url);
	if (system(cmd) != 0) {
		fprintf(stderr, "fixture: %s failed\n", cmd);
		return -1;
	}
	return 0;
}

int fixture_key_install(const struct fixture *f)
{
	const char *env = getenv("SHEQU_KEY_FILE");
	char path[700], err[256];
	if (strncmp(f->url, "postgresql:", 11))
		snprintf(path, sizeof path, "%s.key", f->url);
	else
		snprintf(path, sizeof path, "%s", env ? env : "");
	static struct pii_key k;
	if (pii_key_file_read(path, &k, err, sizeof err) < 0) {
		fprintf(stderr, "fixture: %s\n", err);
		return -1;
	}
	pii_key_install(&k);
	return 0;
}

int fixture_open(const struct fixture *f, struct db **db)
{
	char err[256];
	if (db_open(f->url, db, err, sizeof err) < 0) {
		fprintf(stderr, "fixture: cannot open %s: %s\n", f->url, err);
		return -1;
	}
	return 0;
}

int fixture_script(struct db *db, const char *sql)
{
	if (db_begin(db) < 0 || db_exec_script(db, sql) < 0 || db_commit(db) < 0) {
		fprintf(stderr, "fixture: %s: %s\n", sql, db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	return 0;
}

int64_t fixture_id(struct db *db, const char *sql, const char *name)
{
	struct db_stmt *st = db_prepare_adhoc(db, sql);
	int64_t id = -1;
	if (st)
		db_bind_text(st, 1, name, -1);
	if (!st || db_one_int(st, &id) != 0) {
		fprintf(stderr, "fixture: no %s (%s)\n", name, sql);
		id = -1;
	}
	if (st)
		db_finalize(st);
	return id;
}

int fixture_remove(struct fixture *f)
{
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	return system(cmd) == 0 ? 0 : -1;
}
