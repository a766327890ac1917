/* SQLite backend: WAL, synchronous=FULL, a busy timeout, BEGIN IMMEDIATE
 * for writes so that writers queue instead of failing at commit. */
#include <pthread.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db_backend.h"

struct sqlite_db {
	struct db base;
	sqlite3 *h;
};

struct sqlite_stmt {
	struct db_stmt base;
	sqlite3_stmt *s;
};

#define H(db) (((struct sqlite_db *)(db))->h)
#define S(st) (((struct sqlite_stmt *)(st))->s)

static void sq_close(struct db *db)
{
	sqlite3_close_v2(H(db));
	free(db);
}

static const char *sq_errmsg(struct db *db)
{
	return sqlite3_errmsg(H(db));
}

static int sq_busy(struct db *db)
{
	int e = sqlite3_errcode(H(db)) & 0xff;
	return e == SQLITE_BUSY || e == SQLITE_LOCKED;
}

static int sq_exec(struct db *db, const char *sql)
{
	return sqlite3_exec(H(db), sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static struct db_stmt *sq_prepare(struct db *db, const char *sql)
{
	struct sqlite_stmt *st = calloc(1, sizeof *st);
	if (!st)
		return NULL;
	if (sqlite3_prepare_v3(H(db), sql, -1, SQLITE_PREPARE_PERSISTENT, &st->s, NULL) != SQLITE_OK) {
		free(st);
		return NULL;
	}
	st->base.db = db;
	return &st->base;
}

static void sq_finalize(struct db_stmt *st)
{
	sqlite3_finalize(S(st));
	free(st);
}

static int sq_bind_int(struct db_stmt *st, int i, int64_t v)
{
	return sqlite3_bind_int64(S(st), i, v) == SQLITE_OK ? 0 : -1;
}

static int sq_bind_text(struct db_stmt *st, int i, const char *s, size_t n)
{
	if (n > INT_MAX)
		return -1;
	return sqlite3_bind_text(S(st), i, s, (int)n, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

static int sq_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
	if (n > INT_MAX)
		return -1;
	return sqlite3_bind_blob(S(st), i, p, (int)n, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

/* The _ref binds: SQLite reads the caller's bytes until sq_reset clears
 * the bindings. */
static int sq_bind_text_ref(struct db_stmt *st, int i, const char *s, size_t n)
{
	if (n > INT_MAX)
		return -1;
	return sqlite3_bind_text(S(st), i, s, (int)n, SQLITE_STATIC) == SQLITE_OK ? 0 : -1;
}

static int sq_bind_blob_ref(struct db_stmt *st, int i, const void *p, size_t n)
{
	if (n > INT_MAX)
		return -1;
	return sqlite3_bind_blob(S(st), i, p, (int)n, SQLITE_STATIC) == SQLITE_OK ? 0 : -1;
}

static int sq_bind_null(struct db_stmt *st, int i)
{
	return sqlite3_bind_null(S(st), i) == SQLITE_OK ? 0 : -1;
}

static int64_t sq_changes(struct db_stmt *st)
{
	return sqlite3_changes64(H(st->db));
}

static int sq_step(struct db_stmt *st)
{
	int rc = sqlite3_step(S(st));
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return DB_CONSTRAINT;
	return DB_ERR;
}

static int64_t sq_col_int(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(S(st), i);
}

static const char *sq_col_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(S(st), i);
}

static const void *sq_col_blob(struct db_stmt *st, int i, size_t *n)
{
	const void *p = sqlite3_column_blob(S(st), i);
	*n = (size_t)sqlite3_column_bytes(S(st), i);
	return p;
}

static int sq_col_is_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(S(st), i) == SQLITE_NULL;
}

static void sq_reset(struct db_stmt *st)
{
	sqlite3_reset(S(st));
	sqlite3_clear_bindings(S(st));
}

/* Transaction control runs as prepared statements: parsing "COMMIT" on
 * every request showed up in profiles. */
static struct db_query q_begin = DB_QUERY("BEGIN IMMEDIATE");
static struct db_query q_read = DB_QUERY("BEGIN DEFERRED");
static struct db_query q_commit = DB_QUERY("COMMIT");
static struct db_query q_rollback = DB_QUERY("ROLLBACK");

static int sq_run(struct db *db, struct db_query *q)
{
	struct db_stmt *st = db_stmt(db, q);
	return st && db_run(st) == DB_DONE ? 0 : -1;
}

static int sq_col_count(struct db_stmt *st)
{
	return sqlite3_column_count(S(st));
}

static const char *sq_col_name(struct db_stmt *st, int i)
{
	return sqlite3_column_name(S(st), i);
}

static enum db_type sq_col_type(struct db_stmt *st, int i)
{
	switch (sqlite3_column_type(S(st), i)) {
	case SQLITE_INTEGER:
		return DB_T_INT;
	case SQLITE_BLOB:
		return DB_T_BLOB;
	case SQLITE_NULL:
		return DB_T_NULL;
	}
	return DB_T_TEXT;
}

/* INTEGER PRIMARY KEY picks max(id)+1 by itself. */
static int sq_sync_ids(struct db *db, const char *table, int64_t max_id)
{
	(void)db;
	(void)table;
	(void)max_id;
	return 0;
}

static int sq_job_try_lock(struct db *db, const char *job)
{
	(void)db;
	(void)job;
	return 1; /* BEGIN IMMEDIATE already holds the database's one write lock */
}

static int sq_job_lock(struct db *db, const char *job)
{
	(void)db;
	(void)job;
	return 0; /* BEGIN IMMEDIATE already holds the database's one write lock */
}

static int sq_begin(struct db *db)
{
	return sq_run(db, &q_begin);
}

static int sq_commit(struct db *db)
{
	return sq_run(db, &q_commit);
}

static void sq_rollback(struct db *db)
{
	sq_run(db, &q_rollback);
}

static int sq_read_begin(struct db *db)
{
	/* A deferred transaction takes its snapshot at the first read. */
	return sq_run(db, &q_read);
}

static int sq_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.partial", path) >= (int)sizeof tmp) {
		snprintf(err, errlen, "path too long");
		return -1;
	}
	unlink(tmp);
	sqlite3 *dst;
	if (sqlite3_open(tmp, &dst) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", tmp, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return -1;
	}
	sqlite3_backup *bk = sqlite3_backup_init(dst, "main", H(db), "main");
	int rc = SQLITE_ERROR;
	if (bk) {
		/* Copy in steps so writers are blocked only briefly; a write by
		 * another connection restarts the copy, which is what keeps it
		 * consistent. */
		do {
			rc = sqlite3_backup_step(bk, 256);
			if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
				sqlite3_sleep(20);
		} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
		sqlite3_backup_finish(bk);
	}
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "backup failed: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		unlink(tmp);
		return -1;
	}
	sqlite3_close(dst);
	if (rename(tmp, path) < 0) {
		snprintf(err, errlen, "cannot rename %s to %s", tmp, path);
		unlink(tmp);
		return -1;
	}
	return 0;
}

static const struct db_ops sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.errmsg = sq_errmsg,
	.busy = sq_busy,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.bind_int = sq_bind_int,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.bind_text_ref = sq_bind_text_ref,
	.bind_blob_ref = sq_bind_blob_ref,
	.bind_null = sq_bind_null,
	.changes = sq_changes,
	.step = sq_step,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.col_is_null = sq_col_is_null,
	.reset = sq_reset,
	.col_count = sq_col_count,
	.col_name = sq_col_name,
	.col_type = sq_col_type,
	.sync_ids = sq_sync_ids,
	.job_try_lock = sq_job_try_lock,
	.job_lock = sq_job_lock,
	.begin = sq_begin,
	.read_begin = sq_read_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.backup = sq_backup,
	.tok_id = "INTEGER PRIMARY KEY",
	.tok_blob = "BLOB",
	.tok_for_update = "",
	.tok_without_rowid = " WITHOUT ROWID",
};

static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

/* Process-wide settings that must precede sqlite3_initialize(). */
static void sqlite_configure(void)
{
	/* Memory statistics take a global mutex on every allocation. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_sqlite_open(const char *path, struct db **out, char *err, size_t errlen)
{
	pthread_once(&sqlite_once, sqlite_configure);
	struct sqlite_db *db = calloc(1, sizeof *db);
	if (!db) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, db->h ? sqlite3_errmsg(db->h) : "cannot open");
		sqlite3_close_v2(db->h);
		free(db);
		return -1;
	}
	db->base.ops = &sqlite_ops;
	sqlite3_busy_timeout(db->h, 5000);
	sqlite3_extended_result_codes(db->h, 1);
	/* mmap_size: pages are read from the mapped file, not copied by a
	 * pread each (a list of 1,000 rows over a large table spent a fifth
	 * of its time in pread); writes still go through the WAL.
	 * temp_store=MEMORY: statement journals (every insert into a table
	 * with a data-version trigger has one) stay in memory instead of
	 * spilling to a temporary file past 64 KiB, which made a big import
	 * a few hundred thousand pwrite calls. */
	if (sq_exec(&db->base, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
	                       " PRAGMA mmap_size=1073741824; PRAGMA temp_store=MEMORY;") < 0) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(db->h));
		sq_close(&db->base);
		return -1;
	}
	*out = &db->base;
	return 0;
}
