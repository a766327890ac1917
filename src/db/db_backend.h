/* What a storage backend provides to db.c. Private to src/db/. */
#ifndef SHEQU_DB_BACKEND_H
#define SHEQU_DB_BACKEND_H
#include "db/db.h"

struct db_ops {
	const char *name;
	void (*close)(struct db *db);
	const char *(*errmsg)(struct db *db);
	/* optional: 1 if the last failure was waiting for another connection's lock past the timeout */
	int (*busy)(struct db *db);
	int (*exec)(struct db *db, const char *sql);
	struct db_stmt *(*prepare)(struct db *db, const char *sql);
	void (*finalize)(struct db_stmt *st);
	/* Binds return 0, or -1 (index out of range, too large, no memory). */
	int (*bind_int)(struct db_stmt *st, int i, int64_t v);
	int (*bind_text)(struct db_stmt *st, int i, const char *s, size_t n);
	int (*bind_blob)(struct db_stmt *st, int i, const void *p, size_t n);
	/* optional: bind without a copy, the bytes kept until reset (NULL: copy) */
	int (*bind_text_ref)(struct db_stmt *st, int i, const char *s, size_t n);
	int (*bind_blob_ref)(struct db_stmt *st, int i, const void *p, size_t n);
	int (*bind_null)(struct db_stmt *st, int i);
	int (*step)(struct db_stmt *st);
	/* Rows inserted, updated or deleted by the statement's last step. */
	int64_t (*changes)(struct db_stmt *st);
	int64_t (*col_int)(struct db_stmt *st, int i);
	const char *(*col_text)(struct db_stmt *st, int i);
	const void *(*col_blob)(struct db_stmt *st, int i, size_t *n);
	int (*col_is_null)(struct db_stmt *st, int i);
	void (*reset)(struct db_stmt *st);
	int (*col_count)(struct db_stmt *st);
	const char *(*col_name)(struct db_stmt *st, int i);
	enum db_type (*col_type)(struct db_stmt *st, int i);
	int (*job_try_lock)(struct db *db, const char *job);
	int (*job_lock)(struct db *db, const char *job);
	int (*sync_ids)(struct db *db, const char *table, int64_t max_id);
	int (*begin)(struct db *db);	     /* a write transaction */
	int (*read_begin)(struct db *db);    /* a read-only snapshot */
	int (*commit)(struct db *db);
	void (*rollback)(struct db *db);
	int (*backup)(struct db *db, const char *path, char *err, size_t errlen);
	/* replacements for the portable migration tokens */
	const char *tok_id, *tok_blob, *tok_for_update;
	const char *tok_without_rowid; /* after a table's closing parenthesis: clustered on its primary key */
};

/* Fields shared by every backend's connection; each backend's struct starts with it. */
struct db {
	const struct db_ops *ops;
	struct db_stmt **stmts; /* by query slot */
	int nstmts;
	int in_tx;
	char last_err[512]; /* the newest failure's message, kept until db_clear_error */
	int last_busy;      /* it was a lock not obtained in time (db_busy) */
};

/* Every backend statement starts with this. */
struct db_stmt {
	struct db *db;
	int bind_failed; /* sticky: the next step fails without running; cleared by reset */
	int bind_index;
};

int db_pg_open(const char *url, struct db **out, char *err, size_t errlen);
int db_sqlite_open(const char *path, struct db **out, char *err, size_t errlen);

#endif
