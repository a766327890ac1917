/* PostgreSQL backend over libpq. Statements are prepared once per
 * connection with their `?` placeholders rewritten to $1, $2, ...; values
 * travel as text except blobs (binary); results come back as text. */
#include <limits.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "db/db_backend.h"

/* Parameters a statement may bind: enough for `shequ copy` to insert a row
 * of the widest table (workorders_order has 56 columns). */
#define PG_MAX_PARAMS 96
#define PG_BYTEA_OID 17

struct pg_db {
	struct db base;
	PGconn *conn;
	int next_name;
	char err[512];
};

struct pg_stmt {
	struct db_stmt base;
	char name[16];
	int nparams;
	char *vals[PG_MAX_PARAMS];
	int lens[PG_MAX_PARAMS], formats[PG_MAX_PARAMS];
	char small[PG_MAX_PARAMS][24]; /* integers are written here */
	PGresult *res;
	int row, nrows;
	unsigned char **blobs; /* decoded bytea per column of the current row */
	int nblobs;
};

#define PG(db) ((struct pg_db *)(db))
#define ST(st) ((struct pg_stmt *)(st))

static void pg_set_err(struct pg_db *db, const char *msg)
{
	snprintf(db->err, sizeof db->err, "%s", msg ? msg : "unknown error");
	size_t n = strlen(db->err);
	while (n && (db->err[n - 1] == '\n' || db->err[n - 1] == ' '))
		db->err[--n] = 0;
}

static void pg_close(struct db *db)
{
	PQfinish(PG(db)->conn);
	free(db);
}

static const char *pg_errmsg(struct db *db)
{
	return PG(db)->err;
}

static int pg_exec(struct db *db, const char *sql)
{
	PGresult *r = PQexec(PG(db)->conn, sql);
	ExecStatusType s = PQresultStatus(r);
	/* a script of comments only (a migration whose work is a hook's) is empty */
	int ok = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
	if (!ok)
		pg_set_err(PG(db), PQresultErrorMessage(r));
	PQclear(r);
	return ok ? 0 : -1;
}

/* Rewrites ? placeholders (outside quotes) as $n, and numbered ones ?N as
 * $N. Returns a malloc'd string and the number of parameters. */
static char *pg_translate(const char *sql, int *count)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	char quote = 0;
	*count = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			buf_putc(&b, *p);
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			buf_putc(&b, *p);
		} else if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
			int n = 0;
			while (p[1] >= '0' && p[1] <= '9')
				n = n * 10 + (*++p - '0');
			buf_printf(&b, "$%d", n);
			if (n > *count)
				*count = n;
		} else if (*p == '?') {
			buf_printf(&b, "$%d", ++*count);
		} else {
			buf_putc(&b, *p);
		}
	}
	if (b.err) {
		buf_free(&b);
		return NULL;
	}
	return b.data ? b.data : strdup("");
}

static struct db_stmt *pg_prepare(struct db *db, const char *sql)
{
	struct pg_stmt *st = calloc(1, sizeof *st);
	int n = 0;
	char *text = st ? pg_translate(sql, &n) : NULL;
	if (!text || n > PG_MAX_PARAMS) {
		pg_set_err(PG(db), "statement too large or has too many parameters");
		free(text);
		free(st);
		return NULL;
	}
	snprintf(st->name, sizeof st->name, "s%d", PG(db)->next_name++);
	PGresult *r = PQprepare(PG(db)->conn, st->name, text, n, NULL);
	free(text);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		pg_set_err(PG(db), PQresultErrorMessage(r));
	PQclear(r);
	if (!ok) {
		free(st);
		return NULL;
	}
	st->base.db = db;
	st->nparams = n;
	st->row = -1;
	return &st->base;
}

static void pg_clear_values(struct pg_stmt *st)
{
	for (int i = 0; i < PG_MAX_PARAMS; i++) {
		if (st->vals[i] && st->vals[i] != st->small[i])
			free(st->vals[i]);
		st->vals[i] = NULL;
		st->lens[i] = 0;
		st->formats[i] = 0;
	}
}

static void pg_reset(struct db_stmt *s)
{
	struct pg_stmt *st = ST(s);
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->nrows = 0;
	for (int i = 0; i < st->nblobs; i++)
		PQfreemem(st->blobs[i]);
	free(st->blobs);
	st->blobs = NULL;
	st->nblobs = 0;
	pg_clear_values(st);
}

static void pg_finalize(struct db_stmt *s)
{
	pg_reset(s);
	free(s);
}

/* Slot for parameter i (from 1), or -1 when the statement has no such parameter. */
static int pg_slot(struct pg_stmt *st, int i)
{
	if (i < 1 || i > PG_MAX_PARAMS || i > st->nparams)
		return -1;
	i--;
	if (st->vals[i] && st->vals[i] != st->small[i])
		free(st->vals[i]);
	st->vals[i] = NULL;
	return i;
}

static int pg_bind_int(struct db_stmt *s, int i, int64_t v)
{
	struct pg_stmt *st = ST(s);
	if ((i = pg_slot(st, i)) < 0)
		return -1;
	snprintf(st->small[i], sizeof st->small[i], "%lld", (long long)v);
	st->vals[i] = st->small[i];
	st->formats[i] = 0;
	return 0;
}

static int pg_bind_text(struct db_stmt *s, int i, const char *p, size_t n)
{
	struct pg_stmt *st = ST(s);
	if ((i = pg_slot(st, i)) < 0 || n >= INT_MAX)
		return -1;
	st->vals[i] = malloc(n + 1);
	if (!st->vals[i])
		return -1;
	memcpy(st->vals[i], p, n);
	st->vals[i][n] = 0;
	st->formats[i] = 0;
	return 0;
}

static int pg_bind_blob(struct db_stmt *s, int i, const void *p, size_t n)
{
	struct pg_stmt *st = ST(s);
	if ((i = pg_slot(st, i)) < 0 || n >= INT_MAX)
		return -1;
	st->vals[i] = malloc(n ? n : 1);
	if (!st->vals[i])
		return -1;
	memcpy(st->vals[i], p, n);
	st->lens[i] = (int)n;
	st->formats[i] = 1;
	return 0;
}

static int pg_bind_null(struct db_stmt *s, int i)
{
	return pg_slot(ST(s), i) < 0 ? -1 : 0;
}

static int64_t pg_changes(struct db_stmt *s)
{
	struct pg_stmt *st = ST(s);
	const char *n = st->res ? PQcmdTuples(st->res) : "";
	return *n ? strtoll(n, NULL, 10) : 0;
}

static int pg_step(struct db_stmt *s)
{
	struct pg_stmt *st = ST(s);
	struct pg_db *db = PG(s->db);
	if (!st->res) {
		st->res = PQexecPrepared(db->conn, st->name, st->nparams, (const char *const *)st->vals, st->lens,
					 st->formats, 0);
		ExecStatusType es = PQresultStatus(st->res);
		if (es != PGRES_TUPLES_OK && es != PGRES_COMMAND_OK) {
			pg_set_err(db, PQresultErrorMessage(st->res));
			const char *state = PQresultErrorField(st->res, PG_DIAG_SQLSTATE);
			int constraint = state && !strncmp(state, "23", 2);
			PQclear(st->res);
			st->res = NULL;
			return constraint ? DB_CONSTRAINT : DB_ERR;
		}
		st->nrows = PQntuples(st->res);
		st->row = -1;
	}
	for (int i = 0; i < st->nblobs; i++) {
		PQfreemem(st->blobs[i]);
		st->blobs[i] = NULL;
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		return DB_ROW;
	}
	st->row = st->nrows;
	return DB_DONE;
}

static int pg_has_cell(struct pg_stmt *st, int i)
{
	return st->res && st->row >= 0 && st->row < st->nrows && i >= 0 && i < PQnfields(st->res) &&
	       !PQgetisnull(st->res, st->row, i);
}

static int64_t pg_col_int(struct db_stmt *s, int i)
{
	struct pg_stmt *st = ST(s);
	if (!pg_has_cell(st, i))
		return 0;
	const char *v = PQgetvalue(st->res, st->row, i);
	if (v[0] == 't' && v[1] == 0)
		return 1; /* boolean true */
	return strtoll(v, NULL, 10);
}

static const char *pg_col_text(struct db_stmt *s, int i)
{
	struct pg_stmt *st = ST(s);
	return pg_has_cell(st, i) ? PQgetvalue(st->res, st->row, i) : NULL;
}

static const void *pg_col_blob(struct db_stmt *s, int i, size_t *n)
{
	struct pg_stmt *st = ST(s);
	*n = 0;
	if (!pg_has_cell(st, i))
		return NULL;
	const char *v = PQgetvalue(st->res, st->row, i);
	if (PQftype(st->res, i) != PG_BYTEA_OID) {
		*n = (size_t)PQgetlength(st->res, st->row, i);
		return v;
	}
	/* Each column keeps its own decoded copy until the next row or reset,
	 * so that several blobs of one row can be read together. */
	int nf = PQnfields(st->res);
	if (!st->blobs) {
		st->blobs = calloc((size_t)nf, sizeof *st->blobs);
		if (!st->blobs)
			return NULL;
		st->nblobs = nf;
	}
	PQfreemem(st->blobs[i]);
	st->blobs[i] = PQunescapeBytea((const unsigned char *)v, n);
	return st->blobs[i];
}

static int pg_col_is_null(struct db_stmt *s, int i)
{
	return !pg_has_cell(ST(s), i);
}

static int pg_col_count(struct db_stmt *s)
{
	struct pg_stmt *st = ST(s);
	return st->res ? PQnfields(st->res) : 0;
}

static const char *pg_col_name(struct db_stmt *s, int i)
{
	struct pg_stmt *st = ST(s);
	return st->res ? PQfname(st->res, i) : NULL;
}

static enum db_type pg_col_type(struct db_stmt *s, int i)
{
	struct pg_stmt *st = ST(s);
	if (!pg_has_cell(st, i))
		return DB_T_NULL;
	switch (PQftype(st->res, i)) {
	case 20: /* int8 */
	case 21: /* int2 */
	case 23: /* int4 */
		return DB_T_INT;
	case PG_BYTEA_OID:
		return DB_T_BLOB;
	}
	return DB_T_TEXT;
}

static int pg_job_try_lock(struct db *db, const char *job)
{
	static struct db_query q = DB_QUERY("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))");
	struct db_stmt *st = db_stmt(db, &q);
	if (!st)
		return -1;
	db_bind_text(st, 1, job, -1);
	int64_t got = 0;
	return db_one_int(st, &got) == 0 ? (got ? 1 : 0) : -1;
}

static int pg_job_lock(struct db *db, const char *job)
{
	static struct db_query q = DB_QUERY("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))");
	struct db_stmt *st = db_stmt(db, &q);
	if (!st)
		return -1;
	db_bind_text(st, 1, job, -1);
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? 0 : -1;
}

/* Moves the table's identity sequence on id, if it has one, past max_id.
 * setval on a NULL sequence (no identity column) does nothing. */
static int pg_sync_ids(struct db *db, const char *table, int64_t max_id)
{
	static struct db_query q = DB_QUERY("SELECT setval(pg_get_serial_sequence(?, 'id'), ?, ?)");
	struct db_stmt *st = db_stmt(db, &q);
	if (!st)
		return -1;
	db_bind_text(st, 1, table, -1);
	db_bind_int(st, 2, max_id > 0 ? max_id : 1);
	db_bind_text(st, 3, max_id > 0 ? "true" : "false", -1);
	return db_run(st) == DB_DONE ? 0 : -1;
}

/* Write transactions run at READ COMMITTED: every write path is a single
 * statement per row (upserts, inserts under unique constraints) or needs
 * only last-writer-wins; see doc/scaling.md. */
static int pg_begin(struct db *db)
{
	return pg_exec(db, "BEGIN ISOLATION LEVEL READ COMMITTED");
}

static int pg_read_begin(struct db *db)
{
	return pg_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

static int pg_commit(struct db *db)
{
	return pg_exec(db, "COMMIT");
}

static void pg_rollback(struct db *db)
{
	pg_exec(db, "ROLLBACK");
}

static int pg_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	(void)db;
	(void)path;
	snprintf(err, errlen, "use pg_dump to back up a PostgreSQL database");
	return -1;
}

static const struct db_ops pg_ops = {
    .name = "postgresql",
    .close = pg_close,
    .errmsg = pg_errmsg,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .bind_blob = pg_bind_blob,
    .bind_null = pg_bind_null,
    .changes = pg_changes,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .col_blob = pg_col_blob,
    .col_is_null = pg_col_is_null,
    .reset = pg_reset,
    .col_count = pg_col_count,
    .col_name = pg_col_name,
    .col_type = pg_col_type,
    .sync_ids = pg_sync_ids,
    .job_try_lock = pg_job_try_lock,
    .job_lock = pg_job_lock,
    .begin = pg_begin,
    .read_begin = pg_read_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .backup = pg_backup,
    .tok_id = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    .tok_blob = "BYTEA",
	.tok_for_update = "FOR UPDATE",
	.tok_without_rowid = "",
};

int db_pg_open(const char *url, struct db **out, char *err, size_t errlen)
{
	struct pg_db *db = calloc(1, sizeof *db);
	if (!db) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	db->conn = PQconnectdb(url);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		snprintf(err, errlen, "postgresql: %s", PQerrorMessage(db->conn));
		PQfinish(db->conn);
		free(db);
		return -1;
	}
	db->base.ops = &pg_ops;
	/* Quiet NOTICEs (e.g. IF NOT EXISTS) and pin the session's settings. */
	if (pg_exec(&db->base, "SET client_min_messages = warning; SET TIME ZONE 'UTC'") < 0) {
		snprintf(err, errlen, "postgresql: %s", db->err);
		pg_close(&db->base);
		return -1;
	}
	*out = &db->base;
	return 0;
}
