#include "db/db.h"

#include <fcntl.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "db/db_backend.h"

static atomic_int db_next_slot;

int db_open(const char *url, struct db **out, char *err, size_t errlen)
{
	*out = NULL;
	if (!url || !*url) {
		snprintf(err, errlen, "no database given");
		return -1;
	}
	if (!strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13))
		return db_pg_open(url, out, err, errlen);
	if (!strncmp(url, "file:", 5))
		url += 5;
	return db_sqlite_open(url, out, err, errlen);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->nstmts; i++)
		if (db->stmts[i])
			db->ops->finalize(db->stmts[i]);
	free(db->stmts);
	db->ops->close(db);
}

const char *db_errmsg(struct db *db)
{
	return db->last_err[0] ? db->last_err : db->ops->errmsg(db);
}

/* Keeps the message of a failure until db_clear_error, so that the cause of
 * a 500 can be logged after rollbacks have run. */
static void keep_error(struct db *db, const char *what)
{
	snprintf(db->last_err, sizeof db->last_err, "%s: %s", what, db->ops->errmsg(db));
	db->last_busy = db->ops->busy && db->ops->busy(db);
}

void db_clear_error(struct db *db)
{
	db->last_err[0] = 0;
	db->last_busy = 0;
}

int db_busy(struct db *db)
{
	return db && db->last_err[0] && db->last_busy;
}

const char *db_last_error(struct db *db)
{
	return db->last_err[0] ? db->last_err : NULL;
}

const char *db_backend(struct db *db)
{
	return db->ops->name;
}

int db_begin(struct db *db)
{
	if (db->ops->begin(db) < 0) {
		keep_error(db, "begin");
		return -1;
	}
	db->in_tx = 1;
	return 0;
}

int db_commit(struct db *db)
{
	if (db->ops->commit(db) < 0) {
		keep_error(db, "commit");
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

void db_rollback(struct db *db)
{
	if (db->in_tx)
		db->ops->rollback(db);
	db->in_tx = 0;
}

int db_read_begin(struct db *db)
{
	if (db->in_tx)
		return -1;
	if (db->ops->read_begin(db) < 0) {
		keep_error(db, "begin read");
		return -1;
	}
	db->in_tx = 1;
	return 0;
}

int db_read_end(struct db *db)
{
	int rc = 0;
	if (db->in_tx && db->ops->commit(db) < 0) {
		/* Never leave the snapshot open: the next request would fail to begin. */
		keep_error(db, "end read");
		db->ops->rollback(db);
		rc = -1;
	}
	db->in_tx = 0;
	return rc;
}

/* Replaces the portable tokens (@ID@, @BLOB@, @FOR_UPDATE@,
 * @WITHOUT_ROWID@) with the backend's forms; the caller frees b. 0, or -1
 * when sql is too large. */
static int expand_tokens(struct db *db, const char *sql, struct buf *b)
{
	static const char *const toks[] = {"@ID@", "@BLOB@", "@FOR_UPDATE@", "@WITHOUT_ROWID@"};
	const char *with[] = {db->ops->tok_id, db->ops->tok_blob, db->ops->tok_for_update, db->ops->tok_without_rowid};
	buf_init(b, 1 << 24);
	for (const char *p = sql; *p;) {
		size_t k = 0;
		while (k < 4 && strncmp(p, toks[k], strlen(toks[k])))
			k++;
		if (k < 4) {
			buf_puts(b, with[k]);
			p += strlen(toks[k]);
		} else {
			buf_putc(b, *p++);
		}
	}
	buf_putc(b, 0);
	return b->err ? -1 : 0;
}

int db_exec_script(struct db *db, const char *sql)
{
	struct buf b;
	int rc = expand_tokens(db, sql, &b) < 0 ? -1 : db->ops->exec(db, b.data);
	if (rc < 0)
		keep_error(db, "script");
	buf_free(&b);
	return rc;
}

const char *db_like_pattern(struct arena *a, const char *q)
{
	if (!q || !*q)
		return "";
	size_t n = strlen(q), k = 0;
	char *p = arena_alloc(a, 2 * n + 3);
	if (!p)
		return NULL;
	p[k++] = '%';
	for (size_t i = 0; i < n; i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '!')
			p[k++] = '!';
		p[k++] = q[i];
	}
	p[k++] = '%';
	p[k] = 0;
	return p;
}

int db_ident_ok(const char *name)
{
	if (!name || !*name || strlen(name) > 63 || !((*name >= 'a' && *name <= 'z') || *name == '_'))
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	return 1;
}

/* Test hook: with SHEQU_SQL_LOG naming a file, the text of each statement a
 * connection prepares (as run, tokens replaced) is appended to it, ended by
 * a NUL, so that tests/http/test_plans.c can check the plan of every query
 * the pages ran. One write per statement, so threads do not interleave. */
static void log_prepared(const char *sql)
{
	const char *path = getenv("SHEQU_SQL_LOG");
	if (!path || !*path)
		return;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	ssize_t w = write(fd, sql, strlen(sql) + 1);
	(void)w;
	close(fd);
}

struct db_stmt *db_stmt(struct db *db, struct db_query *q)
{
	int slot = __atomic_load_n(&q->slot, __ATOMIC_ACQUIRE);
	if (slot < 0) {
		int fresh = atomic_fetch_add(&db_next_slot, 1);
		int expected = -1;
		if (__atomic_compare_exchange_n(&q->slot, &expected, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			slot = fresh;
		else
			slot = expected;
	}
	if (slot >= db->nstmts) {
		int n = db->nstmts ? db->nstmts : 64;
		while (n <= slot)
			n *= 2;
		struct db_stmt **s = realloc(db->stmts, (size_t)n * sizeof *s);
		if (!s)
			return NULL;
		memset(s + db->nstmts, 0, (size_t)(n - db->nstmts) * sizeof *s);
		db->stmts = s;
		db->nstmts = n;
	}
	if (!db->stmts[slot]) {
		struct buf b;
		if (expand_tokens(db, q->sql, &b) == 0) {
			db->stmts[slot] = db->ops->prepare(db, b.data);
			log_prepared(b.data);
		}
		buf_free(&b);
		if (!db->stmts[slot]) {
			snprintf(db->last_err, sizeof db->last_err, "prepare: %s [%.200s]", db->ops->errmsg(db), q->sql);
			return NULL;
		}
	} else {
		db_reset(db->stmts[slot]);
	}
	return db->stmts[slot];
}

/* A failed bind makes the statement's next step fail (sticky), so callers
 * need not check each bind. */
static void bound(struct db_stmt *st, int i, int rc)
{
	if (rc < 0 && !st->bind_failed) {
		st->bind_failed = 1;
		st->bind_index = i;
	}
}

void db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	bound(st, i, st->db->ops->bind_int(st, i, v));
}

void db_bind_text(struct db_stmt *st, int i, const char *s, long n)
{
	if (!s)
		bound(st, i, st->db->ops->bind_null(st, i));
	else
		bound(st, i, st->db->ops->bind_text(st, i, s, n < 0 ? strlen(s) : (size_t)n));
}

void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
	bound(st, i, st->db->ops->bind_blob(st, i, p, n));
}

void db_bind_text_ref(struct db_stmt *st, int i, const char *s, long n)
{
	if (!s)
		bound(st, i, st->db->ops->bind_null(st, i));
	else
		bound(st, i,
		      (st->db->ops->bind_text_ref ? st->db->ops->bind_text_ref : st->db->ops->bind_text)(
		          st, i, s, n < 0 ? strlen(s) : (size_t)n));
}

void db_bind_blob_ref(struct db_stmt *st, int i, const void *p, size_t n)
{
	bound(st, i, (st->db->ops->bind_blob_ref ? st->db->ops->bind_blob_ref : st->db->ops->bind_blob)(st, i, p, n));
}

void db_bind_null(struct db_stmt *st, int i)
{
	bound(st, i, st->db->ops->bind_null(st, i));
}

int db_step(struct db_stmt *st)
{
	if (st->bind_failed) {
		snprintf(st->db->last_err, sizeof st->db->last_err, "parameter %d could not be bound", st->bind_index);
		return DB_ERR;
	}
	int rc = st->db->ops->step(st);
	if (rc < 0)
		keep_error(st->db, rc == DB_CONSTRAINT ? "constraint" : "step");
	return rc;
}

int64_t db_col_int(struct db_stmt *st, int i)
{
	return st->db->ops->col_int(st, i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
	const char *s = st->db->ops->col_text(st, i);
	return s ? s : "";
}

const void *db_col_blob(struct db_stmt *st, int i, size_t *n)
{
	return st->db->ops->col_blob(st, i, n);
}

int db_col_is_null(struct db_stmt *st, int i)
{
	return st->db->ops->col_is_null(st, i);
}

char *db_col_dup(struct db_stmt *st, int i, struct arena *a)
{
	return arena_strdup(a, db_col_text(st, i));
}

void db_reset(struct db_stmt *st)
{
	st->db->ops->reset(st);
	st->bind_failed = 0;
}

int db_run(struct db_stmt *st)
{
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? DB_DONE : rc;
}

int db_run_count(struct db_stmt *st, int64_t *changed)
{
	*changed = 0;
	int rc = db_step(st);
	if (rc == DB_DONE)
		*changed = st->db->ops->changes(st);
	db_reset(st);
	return rc == DB_ROW ? DB_ERR : rc;
}

int db_next_id(struct db *db, int64_t scope, const char *name, int64_t *id)
{
	return db_next_ids(db, scope, name, 1, id);
}

int db_bulk(struct db *db, int on)
{
	if (strcmp(db_backend(db), "sqlite"))
		return 0;
	/* SQLite spills dirty pages to the WAL mid-transaction once the cache
	 * holds more than the larger of cache_size and cache_spill: the default
	 * 2 MB turns a big import into page writes, so while bulk they stay in
	 * memory up to 1 GB (cache_spill). cache_size also sizes the sorter's
	 * runs for CREATE INDEX (db_indexes_create): 8 MB runs, sorted by a
	 * second thread. Back to the connection's defaults after, and the
	 * memory the page cache held returned to the system (a server process
	 * would otherwise keep the gigabyte an import used). */
	if (!on) {
		int rc = db_exec_script(db, "PRAGMA cache_spill=1; PRAGMA cache_size=-2000; PRAGMA threads=0");
		malloc_trim(0);
		return rc;
	}
	return db_exec_script(db, "PRAGMA cache_spill=-1048576; PRAGMA cache_size=-8192; PRAGMA threads=2");
}

static struct db_query q_indexes = DB_QUERY(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name");

int db_indexes_drop(struct db *db, const char *table, struct arena *a, const char ***sql, size_t *n)
{
	*sql = NULL;
	*n = 0;
	if (!db->in_tx || !db_ident_ok(table))
		return -1;
	if (strcmp(db_backend(db), "sqlite"))
		return 0;
	struct db_stmt *st = db_stmt(db, &q_indexes);
	if (!st)
		return -1;
	db_bind_text(st, 1, table, -1);
	const char **names = arena_alloc(a, 64 * sizeof *names), **v = arena_alloc(a, 64 * sizeof *v);
	int rc = DB_ERR;
	while (names && v && (rc = db_step(st)) == DB_ROW && *n < 64) {
		names[*n] = db_col_dup(st, 0, a);
		v[*n] = db_col_dup(st, 1, a);
		if (!names[*n] || !v[*n] || !db_ident_ok(names[*n]))
			break;
		(*n)++;
	}
	db_reset(st);
	if (!names || !v || rc != DB_DONE) {
		*n = 0;
		return -1;
	}
	for (size_t i = 0; i < *n; i++) {
		char drop[100];
		snprintf(drop, sizeof drop, "DROP INDEX %s", names[i]);
		if (db_exec_script(db, drop) < 0) {
			*n = 0;
			return -1;
		}
	}
	*sql = v;
	return 0;
}

int db_indexes_create(struct db *db, const char *const *sql, size_t n)
{
	/* SQLite's sorter writes its runs to temporary files only with
	 * temp_store FILE: with MEMORY (the connection's setting, see
	 * db_sqlite.c) it keeps every key in one run and sorts it alone, twice
	 * as slow. The runs hold index keys, what the database file holds. */
	int sqlite = !strcmp(db_backend(db), "sqlite");
	if (sqlite && db_exec_script(db, "PRAGMA temp_store=FILE") < 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (db->ops->exec(db, sql[i]) < 0) {
			keep_error(db, "create index");
			rc = -1;
		}
	if (sqlite && db->ops->exec(db, "PRAGMA temp_store=MEMORY") < 0)
		rc = -1;
	return rc;
}

static struct db_query q_next_ids = DB_QUERY(
    "INSERT INTO id_counter (scope, name, last) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (scope, name) DO UPDATE SET last = id_counter.last + ?3 RETURNING last");
/* SQLite: RETURNING gathers its rows in a temporary b-tree opened and closed
 * at every call (a quarter of an import's id cost); the writer holds the
 * database's only write lock from the UPDATE on, so three plain statements
 * are as safe. */
static struct db_query q_ids_bump = DB_QUERY("UPDATE id_counter SET last = last + ?3 WHERE scope = ?1 AND name = ?2");
static struct db_query q_ids_start = DB_QUERY("INSERT INTO id_counter (scope, name, last) VALUES (?1, ?2, ?3)");
static struct db_query q_ids_last = DB_QUERY("SELECT last FROM id_counter WHERE scope = ?1 AND name = ?2");

/* Runs one of the SQLite counter statements; DB_DONE/DB_ROW as db_step. */
static int ids_step(struct db *db, struct db_query *q, int64_t scope, const char *name, int64_t count,
                    int64_t *out)
{
	struct db_stmt *st = db_stmt(db, q);
	if (!st)
		return -1;
	db_bind_int(st, 1, scope);
	db_bind_text(st, 2, name, -1);
	if (count)
		db_bind_int(st, 3, count);
	if (out)
		return db_one_int(st, out);
	return db_run_count(st, out = &count) != DB_DONE ? -1 : count > 0;
}

int db_next_ids(struct db *db, int64_t scope, const char *name, int64_t count, int64_t *first)
{
	if (!db->in_tx || count < 1 || count > INT64_C(1) << 40)
		return -1;
	int64_t last;
	if (!strcmp(db_backend(db), "sqlite")) {
		int bumped = ids_step(db, &q_ids_bump, scope, name, count, NULL);
		if (bumped < 0 || (!bumped && ids_step(db, &q_ids_start, scope, name, count, NULL) != 1) ||
		    ids_step(db, &q_ids_last, scope, name, 0, &last) != 0)
			return -1;
	} else {
		struct db_stmt *st = db_stmt(db, &q_next_ids);
		if (!st)
			return -1;
		db_bind_int(st, 1, scope);
		db_bind_text(st, 2, name, -1);
		db_bind_int(st, 3, count);
		if (db_one_int(st, &last) != 0)
			return -1;
	}
	*first = last - count + 1;
	return 0;
}

static struct db_query q_ids_give_back =
    DB_QUERY("UPDATE id_counter SET last = ?3 - 1 WHERE scope = ?1 AND name = ?2 AND last >= ?3");

int db_ids_give_back(struct db *db, int64_t scope, const char *name, int64_t first)
{
	if (!db->in_tx || first < 1)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_ids_give_back);
	if (!st)
		return -1;
	db_bind_int(st, 1, scope);
	db_bind_text(st, 2, name, -1);
	db_bind_int(st, 3, first);
	int64_t changed;
	return db_run_count(st, &changed) == DB_DONE && changed == 1 ? 0 : -1;
}

int db_id_block_take(struct db *db, struct db_id_block *b, int64_t *id)
{
	if (b->left <= 0) {
		if (db_next_ids(db, b->scope, b->name, b->step, &b->next) < 0)
			return -1;
		b->left = b->step;
	}
	*id = b->next++;
	b->left--;
	return 0;
}

int db_id_block_end(struct db *db, struct db_id_block *b)
{
	if (b->left <= 0)
		return 0;
	if (db_ids_give_back(db, b->scope, b->name, b->next) < 0)
		return -1;
	b->left = 0;
	return 0;
}

int db_one_int(struct db_stmt *st, int64_t *out)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*out = db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = 1;
	}
	db_reset(st);
	return rc;
}

int db_one_text(struct db_stmt *st, struct arena *a, const char **out)
{
	*out = NULL;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		const char *t = db_col_text(st, 0);
		*out = arena_strdup(a, t ? t : "");
		rc = *out ? 0 : -1;
	} else {
		rc = rc == DB_DONE ? 1 : -1;
	}
	db_reset(st);
	return rc;
}

int db_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	return db->ops->backup(db, path, err, errlen);
}

int db_col_count(struct db_stmt *st)
{
	return st->db->ops->col_count(st);
}

const char *db_col_name(struct db_stmt *st, int i)
{
	return st->db->ops->col_name(st, i);
}

enum db_type db_col_type(struct db_stmt *st, int i)
{
	return st->db->ops->col_type(st, i);
}

struct db_stmt *db_prepare_adhoc(struct db *db, const char *sql)
{
	struct buf b;
	struct db_stmt *st = expand_tokens(db, sql, &b) == 0 ? db->ops->prepare(db, b.data) : NULL;
	buf_free(&b);
	if (!st)
		keep_error(db, "prepare");
	return st;
}

void db_finalize(struct db_stmt *st)
{
	if (st)
		st->db->ops->finalize(st);
}

int db_sync_ids(struct db *db, const char *table, int64_t max_id)
{
	return db->ops->sync_ids(db, table, max_id);
}

int db_job_try_lock(struct db *db, const char *job)
{
	if (!db->in_tx)
		return -1;
	return db->ops->job_try_lock(db, job);
}

int db_job_lock(struct db *db, const char *job)
{
	if (!db->in_tx)
		return -1;
	return db->ops->job_lock(db, job);
}

int db_rows(struct db_stmt *st, struct arena *a, size_t elem, size_t max, void **out, size_t *n,
	    void (*fill)(struct db_stmt *st, struct arena *a, void *slot))
{
	size_t cap = max < 16 ? max : 16;
	char *v = arena_alloc(a, (cap ? cap : 1) * elem);
	int rc = v ? DB_DONE : DB_ERR;
	*n = 0;
	while (v && *n < max && (rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			size_t bigger = cap * 2 < max ? cap * 2 : max;
			char *w = arena_alloc(a, bigger * elem);
			if (!w) {
				rc = DB_ERR;
				break;
			}
			memcpy(w, v, cap * elem);
			v = w;
			cap = bigger;
		}
		fill(st, a, v + (*n)++ * elem);
	}
	db_reset(st);
	*out = v;
	return (rc == DB_DONE || rc == DB_ROW) && v && !a->failed ? 0 : -1;
}

int db_row(struct db_stmt *st, struct arena *a, void *slot, void (*fill)(struct db_stmt *st, struct arena *a, void *slot))
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		fill(st, a, slot);
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	return rc == DB_ROW && !a->failed ? 0 : -1;
}

void db_bind_int_or_null(struct db_stmt *st, int i, int64_t v)
{
	if (v)
		db_bind_int(st, i, v);
	else
		db_bind_null(st, i);
}

int db_run_guarded(struct db_stmt *st)
{
	int64_t n;
	if (db_run_count(st, &n) != DB_DONE)
		return -1;
	return n == 1 ? 0 : n == 0 ? 1 : -1;
}

int db_lock_row(struct db *db, struct db_query *q, int64_t community_id, int64_t id)
{
	struct db_stmt *st = db_stmt(db, q);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}
