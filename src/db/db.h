/* The portable DB API. Modules declare each statement once as a static
 * struct db_query in their *_store.c; it is prepared once per connection on
 * first use. Placeholders are written `?`; a backend that needs another form
 * translates them. Every write runs between db_begin and db_commit.
 *
 * Portable SQL rules: integers for money (fen) and time (Unix seconds);
 * `INSERT ... RETURNING id` for new ids; statements and migrations may use
 * the tokens @ID@ (auto-increment integer primary key), @BLOB@ (bytes) and
 * @FOR_UPDATE@ (row locks on PostgreSQL, nothing on SQLite) and, after a
 * CREATE TABLE's closing parenthesis, @WITHOUT_ROWID@ (SQLite stores the
 * rows in their primary key's order, with no separate rowid tree: one
 * B-tree fewer to write per row for a table keyed by (community_id, id);
 * nothing on PostgreSQL).
 *
 * Isolation contract — what a module may assume:
 * - Reads for a page (db_read_begin) see one consistent snapshot on both
 *   backends (SQLite: a deferred read transaction; PostgreSQL: REPEATABLE
 *   READ, READ ONLY).
 * - Writes (db_begin): SQLite runs one writer at a time (BEGIN IMMEDIATE),
 *   so a write transaction is serializable. PostgreSQL runs them concurrently
 *   at READ COMMITTED: each statement sees what was committed before it
 *   started, and two transactions may read the same row and both go on.
 *   So, on every backend alike:
 *   - a step that reads a row, decides, then writes locks the row first:
 *     `SELECT ... WHERE ... @FOR_UPDATE@` at the start of the transaction,
 *     then re-reads what it decides on (a second writer waits for the first
 *     to commit and then sees its result);
 *   - or the write is guarded (`UPDATE ... WHERE status = 'submitted'`) and
 *     the caller checks with db_run_count that it changed the rows it meant
 *     to: zero rows means another transaction got there first;
 *   - new per-community ids come from db_next_id, never from the highest id plus one;
 *   - counters are single UPSERT statements, never read-then-write.
 *   Races are tested with two real connections (tests/unit/test_db.c) and
 *   two `serve` processes on PostgreSQL. */
#ifndef SHEQU_DB_DB_H
#define SHEQU_DB_DB_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

struct db;
struct db_stmt;

enum db_rc {
	DB_ROW = 1,		/* db_step: a row is ready */
	DB_DONE = 0,		/* db_step: no (more) rows; other calls: success */
	DB_ERR = -1,		/* any other failure; see db_errmsg */
	DB_CONSTRAINT = -2,	/* a UNIQUE/FOREIGN KEY/CHECK constraint refused the write */
};

struct db_query {
	const char *sql;
	int slot; /* assigned on first use; -1 before */
};
#define DB_QUERY(text) {text, -1}

/* Opens url (a file path, or file:PATH; later postgresql://...). Returns 0,
 * or -1 with a message in err. The caller owns the connection. */
int db_open(const char *url, struct db **out, char *err, size_t errlen);
void db_close(struct db *db);
/* Text of the last error on this connection (the kept one if any). */
const char *db_errmsg(struct db *db);
/* The message of the first failure kept since db_clear_error (prepare,
 * bind, step, begin, commit), or NULL: survives the rollbacks that follow a
 * failure, so the router can log the cause of a 500. */
const char *db_last_error(struct db *db);
void db_clear_error(struct db *db);
/* 1 if that failure was a lock not obtained in time: another connection
 * held the database's write lock longer than the wait (SQLite's busy
 * timeout, e.g. during a big import), so trying again later may succeed. */
int db_busy(struct db *db);
/* Name of the backend: "sqlite" or "postgresql". */
const char *db_backend(struct db *db);

/* Starts a write transaction (SQLite: BEGIN IMMEDIATE). 0 or -1. */
int db_begin(struct db *db);
int db_commit(struct db *db);
/* Rolls back if a transaction is open; harmless otherwise. */
void db_rollback(struct db *db);

/* Opens a read-only snapshot for the statements that follow, so that a page
 * is built from one consistent state of the database (and, on SQLite, with
 * one lock cycle instead of one per statement). No writes until
 * db_read_end. 0 or -1. */
int db_read_begin(struct db *db);
/* Ends the snapshot: 0, or -1 when its commit failed (it is then rolled
 * back, so the connection is usable again). */
int db_read_end(struct db *db);

/* Takes the lock for a named background job inside the current write
 * transaction, so that of several server processes only one runs it: 1 if
 * this connection got it (held until commit or rollback), 0 if another holds
 * it, -1 on error. PostgreSQL: a transaction-scoped advisory lock; SQLite:
 * the write transaction already excludes every other writer. */
int db_job_try_lock(struct db *db, const char *job);
/* As db_job_try_lock, but waits until the lock is free. 0 or -1. */
int db_job_lock(struct db *db, const char *job);

/* Runs a script of statements with no parameters (migrations, pragmas),
 * after replacing the portable tokens. 0 or -1. */
int db_exec_script(struct db *db, const char *sql);

/* Returns the connection's prepared statement for q, reset and with no
 * bindings, or NULL on a prepare error. Bind parameters from 1. A bind that
 * fails (no such parameter, too large, no memory) is sticky: the next
 * db_step returns DB_ERR with the reason in db_errmsg. */
struct db_stmt *db_stmt(struct db *db, struct db_query *q);
void db_bind_int(struct db_stmt *st, int i, int64_t v);
/* Binds n bytes of text (n < 0: NUL-terminated); NULL binds SQL NULL. */
void db_bind_text(struct db_stmt *st, int i, const char *s, long n);
void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n);
/* As db_bind_text and db_bind_blob without copying the bytes (SQLite; a
 * copy elsewhere): they must stay as they are until the statement's next
 * reset (db_run, db_one_int, db_reset), which forgets them. For rows
 * written by the hundred thousand, where each copy is a malloc. */
void db_bind_text_ref(struct db_stmt *st, int i, const char *s, long n);
void db_bind_blob_ref(struct db_stmt *st, int i, const void *p, size_t n);
void db_bind_null(struct db_stmt *st, int i);
/* Binds v, or SQL NULL when v is 0 (optional references, times not yet set). */
void db_bind_int_or_null(struct db_stmt *st, int i, int64_t v);
/* Steps the statement: DB_ROW, DB_DONE, DB_CONSTRAINT or DB_ERR. */
int db_step(struct db_stmt *st);
/* Column readers for the current row (columns from 0). Text is valid until
 * the next step or reset; an SQL NULL reads as 0 / "" / NULL blob. */
int64_t db_col_int(struct db_stmt *st, int i);
const char *db_col_text(struct db_stmt *st, int i);
const void *db_col_blob(struct db_stmt *st, int i, size_t *n);
int db_col_is_null(struct db_stmt *st, int i);
/* Copies a text column into the arena. */
char *db_col_dup(struct db_stmt *st, int i, struct arena *a);
enum db_type { DB_T_NULL, DB_T_INT, DB_T_TEXT, DB_T_BLOB };
/* Shape of the current row: number of columns, a column's name and the
 * type of its value (for generic tools such as `shequ copy`). */
int db_col_count(struct db_stmt *st);
const char *db_col_name(struct db_stmt *st, int i);
enum db_type db_col_type(struct db_stmt *st, int i);

/* "%q%" for `LIKE ? ESCAPE '!'`, with %, _ and ! in what was typed escaped
 * by !, so that they match themselves; "" for NULL or "" (no filter). In the
 * arena; NULL when it fails. */
const char *db_like_pattern(struct arena *a, const char *q);
/* 1 if name is a plain lower-case SQL identifier ([a-z_][a-z0-9_]*, at most
 * 63 bytes). Tools that build SQL from shequ's own table and column names
 * check each name with it, so that nothing else gets in. */
int db_ident_ok(const char *name);
/* Prepares a statement for one-off use (SQL text made by a tool from its
 * own table list, never from input); the caller releases it with
 * db_finalize. NULL on error. */
struct db_stmt *db_prepare_adhoc(struct db *db, const char *sql);
void db_finalize(struct db_stmt *st);
/* After rows with explicit ids up to max_id were copied into table, lets
 * the backend move its id generator past them (PostgreSQL identity
 * sequences). 0 or -1. */
int db_sync_ids(struct db *db, const char *table, int64_t max_id);

/* Releases the statement's row and bindings so it can be used again. */
void db_reset(struct db_stmt *st);

/* Steps a statement expected to write: DB_DONE on success. Resets it. */
int db_run(struct db_stmt *st);
/* As db_run, and sets *changed to the number of rows the statement
 * inserted, updated or deleted (0 on failure): a guarded UPDATE that changed
 * no row lost a race or found nothing to change. */
int db_run_count(struct db_stmt *st, int64_t *changed);
/* The next id of a named sequence within scope (a community's id, or 0 for
 * deployment-wide ones): 1, 2, 3, ... Inside a write transaction only; the
 * counter row stays locked until commit, so concurrent transactions on
 * PostgreSQL get distinct ids and a rolled-back id is reused. 0 or -1. */
int db_next_id(struct db *db, int64_t scope, const char *name, int64_t *id);
/* Prepares the connection for writing many rows in one transaction (an
 * import), or back to normal: on SQLite a page cache big enough that the
 * transaction's pages stay in memory until commit; nothing on PostgreSQL.
 * 0 or -1. */
int db_bulk(struct db *db, int on);
/* For loading many rows into a table in one write transaction on SQLite:
 * drops the table's secondary indexes (those made by CREATE INDEX),
 * keeping their SQL in the arena (*sql, *n), so that the rows go in
 * without an index insertion each; db_indexes_create makes them again
 * before commit, sorted in one pass each (a UNIQUE one fails there if the
 * rows break it, and the caller rolls back). Readers on other connections
 * keep the indexes until commit. Nothing on PostgreSQL (*n = 0). 0 or -1. */
int db_indexes_drop(struct db *db, const char *table, struct arena *a, const char ***sql, size_t *n);
int db_indexes_create(struct db *db, const char *const *sql, size_t n);
/* As db_next_id for count ids at once (an import of many rows): the first
 * of count consecutive ids in *first. count 1..2^40. 0 or -1. */
int db_next_ids(struct db *db, int64_t scope, const char *name, int64_t count, int64_t *first);
/* Gives back the ids from first to the counter's last, reserved by this
 * transaction (db_next_ids) and left unused, so that the next ids follow
 * the ones used. Only inside the transaction that reserved them: it holds
 * the counter's row until commit. 0 or -1. */
int db_ids_give_back(struct db *db, int64_t scope, const char *name, int64_t first);
/* Ids of one named sequence handed out one by one to an import's many rows,
 * reserved `step` at a time (db_next_ids) instead of one counter update
 * each. Zero-initialize with scope, name and step; db_id_block_end gives
 * back those left when the rows are written, so that the next ids follow
 * the last one taken. All inside one write transaction. */
struct db_id_block {
	int64_t scope;
	const char *name;
	int64_t step;       /* ids reserved at a time, 1..2^40 */
	int64_t next, left; /* the next id to hand out; how many are reserved from it */
};
/* The next id of b in *id, reserving b->step more when none are left. 0 or -1. */
int db_id_block_take(struct db *db, struct db_id_block *b, int64_t *id);
/* Gives back the ids of b reserved and not taken (db_ids_give_back). 0 or -1. */
int db_id_block_end(struct db *db, struct db_id_block *b);
/* Steps a statement returning one integer (e.g. RETURNING id or a count);
 * 0 with *out set, 1 if no row, or an error code. Resets it. */
int db_one_int(struct db_stmt *st, int64_t *out);
/* As db_one_int for the first column's text, copied into a ("" for NULL):
 * 0 with *out, 1 when there is no row, -1 on error. */
int db_one_text(struct db_stmt *st, struct arena *a, const char **out);

/* Runs an UPDATE or DELETE of one row guarded by a condition in its WHERE
 * (e.g. "AND status = 'draft'"): 0 if it changed the row, 1 if it changed
 * none (the row is gone or the condition no longer holds: a lost race or a
 * refused step), -1 on error or when it changed several. Resets it. */
int db_run_guarded(struct db_stmt *st);

/* Runs a lock query of one row, bound to (community_id, id), e.g.
 * "SELECT 1 FROM t WHERE community_id = ? AND id = ? @FOR_UPDATE@": the
 * row stays locked until commit (SQLite: the write transaction holds the
 * database). 0, 1 if there is no such row, -1 on error. */
int db_lock_row(struct db *db, struct db_query *q, int64_t community_id, int64_t id);

/* Reads every row of st into an array grown in the arena, elem bytes a row,
 * at most max rows; fill(st, a, slot) copies one row into its slot. Resets
 * st. 0, or -1 on a database error or when the arena runs out. */
int db_rows(struct db_stmt *st, struct arena *a, size_t elem, size_t max, void **out, size_t *n,
	    void (*fill)(struct db_stmt *st, struct arena *a, void *slot));
/* Reads one row with fill: 0, 1 if there is none, -1 on error. Resets st. */
int db_row(struct db_stmt *st, struct arena *a, void *slot, void (*fill)(struct db_stmt *st, struct arena *a, void *slot));

/* Copies the whole database to path while others may be writing (SQLite
 * online backup). 0 or -1. */
int db_backup(struct db *db, const char *path, char *err, size_t errlen);

#endif
