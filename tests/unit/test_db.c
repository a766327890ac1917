/* The portable DB API, run on SQLite and (under tests/pg/with-postgres.sh)
 * on PostgreSQL: snapshots, constraints, blobs, numbered placeholders, job locks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "db/migrate.h"

static char dir[] = "/tmp/shequ-db-XXXXXX";
static char url[512];
static struct db *a, *b; /* two connections to one database */

static struct db_query q_count = DB_QUERY("SELECT COUNT(*) FROM t");
static struct db_query q_add = DB_QUERY("INSERT INTO t (name, data) VALUES (?, ?) RETURNING id");
static struct db_query q_get = DB_QUERY("SELECT name, data, id FROM t WHERE id = ?");
static struct db_query q_two_blobs = DB_QUERY("SELECT data, data || data FROM t WHERE id = ?");
static struct db_query q_numbered = DB_QUERY("SELECT CAST(?2 AS BIGINT) - CAST(?1 AS BIGINT) + CAST(?2 AS BIGINT)");

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	const char *pg = getenv("SHEQU_TEST_PG");
	if (pg && *pg)
		snprintf(url, sizeof url, "%s", pg);
	else
		snprintf(url, sizeof url, "%s/t.db", dir);
	char err[256];
	if (db_open(url, &a, err, sizeof err) < 0 || db_open(url, &b, err, sizeof err) < 0)
		return -1;
	/* id_counter as src/db/migrations/0002_id_counter.sql makes it. */
	return db_exec_script(a, "CREATE TABLE t (id @ID@, name TEXT NOT NULL UNIQUE, data @BLOB@);"
				 "CREATE TABLE id_counter (scope BIGINT NOT NULL, name TEXT NOT NULL,"
				 " last BIGINT NOT NULL, PRIMARY KEY (scope, name))");
}

static int teardown(void **state)
{
	(void)state;
	db_exec_script(a, "DROP TABLE t; DROP TABLE id_counter");
	db_close(a);
	db_close(b);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

static int64_t count(struct db *db)
{
	int64_t n = -1;
	assert_int_equal(db_one_int(db_stmt(db, &q_count), &n), 0);
	return n;
}

static int64_t add(struct db *db, const char *name, const void *data, size_t len)
{
	struct db_stmt *st = db_stmt(db, &q_add);
	db_bind_text(st, 1, name, -1);
	db_bind_blob(st, 2, data, len);
	int64_t id = -1;
	int rc = db_one_int(st, &id);
	return rc == 0 ? id : rc;
}

static void read_snapshot_does_not_see_later_writes(void **state)
{
	(void)state;
	int64_t before = count(a);
	assert_int_equal(db_read_begin(a), 0);
	assert_int_equal(count(a), before); /* the snapshot starts here */
	assert_int_equal(db_begin(b), 0);
	assert_true(add(b, "snap", "x", 1) > 0);
	assert_int_equal(db_commit(b), 0);
	assert_int_equal(count(a), before); /* still the old state */
	db_read_end(a);
	assert_int_equal(count(a), before + 1);
}

static void constraint_violation_is_reported_and_rolled_back(void **state)
{
	(void)state;
	int64_t before = count(a);
	assert_int_equal(db_begin(a), 0);
	assert_true(add(a, "dup-1", "", 0) > 0);
	assert_int_equal(add(a, "dup-1", "", 0), DB_CONSTRAINT);
	db_rollback(a);
	assert_int_equal(count(a), before); /* nothing half-written */
	assert_int_equal(db_begin(a), 0);   /* and the connection is usable */
	assert_true(add(a, "dup-2", "", 0) > 0);
	assert_int_equal(db_commit(a), 0);
}

static void blobs_and_text_round_trip(void **state)
{
	(void)state;
	const unsigned char bytes[] = {0, 1, 0xff, '\\', 'x', 0x7f, 0};
	int64_t id = add(a, "字节 'quoted' ?", bytes, sizeof bytes);
	assert_true(id > 0);
	struct db_stmt *st = db_stmt(a, &q_get);
	db_bind_int(st, 1, id);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "字节 'quoted' ?");
	size_t n;
	const void *p = db_col_blob(st, 1, &n);
	assert_int_equal(n, sizeof bytes);
	assert_memory_equal(p, bytes, sizeof bytes);
	assert_int_equal(db_col_type(st, 1), DB_T_BLOB);
	assert_int_equal(db_col_type(st, 2), DB_T_INT);
	assert_int_equal(db_col_count(st), 3);
	assert_string_equal(db_col_name(st, 0), "name");
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	/* Two blobs of one row stay readable together. */
	st = db_stmt(a, &q_two_blobs);
	db_bind_int(st, 1, id);
	assert_int_equal(db_step(st), DB_ROW);
	size_t n1, n2;
	const unsigned char *b1 = db_col_blob(st, 0, &n1), *b2 = db_col_blob(st, 1, &n2);
	assert_int_equal(n1, sizeof bytes);
	assert_int_equal(n2, 2 * sizeof bytes);
	assert_memory_equal(b1, bytes, sizeof bytes);
	assert_memory_equal(b2 + sizeof bytes, bytes, sizeof bytes);
	db_reset(st);
}


/* Bytes bound without a copy are what the row gets; the statement's reset
 * forgets them, so a later step that binds nothing writes NULLs rather
 * than whatever the caller's buffer holds by then. */
static void ref_binds_are_read_until_reset(void **state)
{
	(void)state;
	char name[] = "引用 bound";
	unsigned char bytes[] = {9, 0, 8};
	struct db_stmt *st = db_stmt(a, &q_add);
	db_bind_text_ref(st, 1, name, -1);
	db_bind_blob_ref(st, 2, bytes, sizeof bytes);
	int64_t id = -1;
	assert_int_equal(db_one_int(st, &id), 0);
	memset(name, 'x', sizeof name - 1);
	memset(bytes, 7, sizeof bytes);
	st = db_stmt(a, &q_get);
	db_bind_int(st, 1, id);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "引用 bound");
	size_t n;
	const unsigned char *p = db_col_blob(st, 1, &n);
	assert_int_equal(n, 3);
	assert_int_equal(p[0], 9);
	assert_int_equal(p[2], 8);
	db_reset(st);
	st = db_stmt(a, &q_add); /* nothing bound: NULL name is refused, not the old buffer */
	int64_t other = -1;
	assert_int_not_equal(db_one_int(st, &other), 0);
}

static void numbered_placeholders_bind_by_number(void **state)
{
	(void)state;
	struct db_stmt *st = db_stmt(a, &q_numbered);
	db_bind_int(st, 1, 10);
	db_bind_int(st, 2, 100);
	int64_t v = 0;
	assert_int_equal(db_one_int(st, &v), 0);
	assert_int_equal(v, 190);
}

static void a_job_runs_in_one_process_at_a_time(void **state)
{
	(void)state;
	assert_int_equal(db_job_try_lock(a, "digest"), -1); /* only inside a transaction */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(db_job_try_lock(a, "digest"), 1);
	if (!strcmp(db_backend(a), "postgresql")) {
		/* The other connection is told no while the first holds it. */
		assert_int_equal(db_begin(b), 0);
		assert_int_equal(db_job_try_lock(b, "digest"), 0);
		assert_int_equal(db_job_try_lock(b, "another-job"), 1);
		db_rollback(b);
		assert_int_equal(db_commit(a), 0);
		assert_int_equal(db_begin(b), 0);
		assert_int_equal(db_job_try_lock(b, "digest"), 1);
		assert_int_equal(db_commit(b), 0);
	} else {
		/* SQLite: the other connection cannot even start a write transaction. */
		assert_int_equal(db_commit(a), 0);
	}
}

/* ---- races between two connections (two serve processes on PostgreSQL) ---- */

static struct db_query q_rename = DB_QUERY("UPDATE t SET name = ? WHERE name = ?");
static struct db_query q_lock = DB_QUERY("SELECT name FROM t WHERE id = ? @FOR_UPDATE@");
static struct db_query q_set_name = DB_QUERY("UPDATE t SET name = ? WHERE id = ?");

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

struct race {
	int64_t value, id;
	int rc;
	char seen[64];
};

/* Connection b, in a thread: the next id of (7, "post"), committed. */
static void *next_id_on_b(void *arg)
{
	struct race *r = arg;
	r->rc = db_begin(b);
	if (r->rc == 0 && (r->rc = db_next_id(b, 7, "post", &r->value)) == 0)
		r->rc = db_commit(b);
	return NULL;
}

/* While a holds an id in an open transaction, b asks for one too: b waits
 * for a's commit and gets the next id, never the same one. */
static void concurrent_ids_are_distinct(void **state)
{
	(void)state;
	int64_t first = 0, other = 0;
	assert_int_equal(db_next_id(a, 7, "post", &first), -1); /* only inside a transaction */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(db_next_id(a, 7, "post", &first), 0);
	assert_int_equal(db_next_id(a, 8, "post", &other), 0); /* scopes count apart */
	assert_int_equal(other, 1);
	struct race r = {0};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, next_id_on_b, &r), 0);
	sleep_ms(200);
	assert_int_equal(db_commit(a), 0);
	pthread_join(t, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.value, first + 1);
	/* A rolled-back id is given again. */
	int64_t again = 0;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(db_next_id(a, 7, "post", &again), 0);
	db_rollback(a);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(db_next_id(a, 7, "post", &other), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(other, again);
	assert_int_equal(other, first + 2);
}

/* A block of ids follows the single ones and is followed by them. */
static void id_blocks_are_reserved_at_once(void **state)
{
	(void)state;
	int64_t one = 0, first = 0, after = 0;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(db_next_id(a, 9, "row", &one), 0);
	assert_int_equal(db_next_ids(a, 9, "row", 1000, &first), 0);
	assert_int_equal(db_next_id(a, 9, "row", &after), 0);
	assert_int_equal(db_next_ids(a, 9, "row", 0, &first), -1);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(first, one + 1);
	assert_int_equal(after, one + 1001);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(db_next_ids(a, 10, "row", 5, &first), 0); /* a new counter starts at 1 */
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(first, 1);
	/* Of a block of 100, 3 used: the next id is the fourth. */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(db_next_ids(a, 10, "row", 100, &first), 0);
	assert_int_equal(db_ids_give_back(a, 10, "row", first + 3), 0);
	assert_int_equal(db_ids_give_back(a, 10, "row", first + 50), -1); /* past the counter: nothing to give */
	assert_int_equal(db_next_id(a, 10, "row", &after), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(after, first + 3);
}

/* An import's block hands ids out one by one, reserving step more when
 * used up, and gives back the rest: the next id follows the last taken. */
static void id_blocks_hand_out_and_give_back(void **state)
{
	(void)state;
	struct db_id_block blk = {.scope = 11, .name = "row", .step = 4};
	int64_t id = 0, after = 0;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(db_id_block_end(a, &blk), 0); /* nothing taken, nothing to give */
	for (int64_t want = 1; want <= 6; want++) {
		assert_int_equal(db_id_block_take(a, &blk, &id), 0);
		assert_int_equal(id, want);
	}
	assert_int_equal(blk.left, 2);
	assert_int_equal(db_id_block_end(a, &blk), 0);
	assert_int_equal(blk.left, 0);
	assert_int_equal(db_next_id(a, 11, "row", &after), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(after, 7);
}

static struct db_query q_name_of = DB_QUERY("SELECT name FROM t WHERE id = ?");

/* One text read and copied: the row's, none, NULL as "". */
static void one_text_is_copied_or_missing(void **state)
{
	(void)state;
	struct arena ar;
	arena_init(&ar, 1 << 16);
	int64_t id = add(a, "社区一行", "x", 1);
	assert_true(id > 0);
	const char *t = NULL;
	struct db_stmt *st = db_stmt(a, &q_name_of);
	db_bind_int(st, 1, id);
	assert_int_equal(db_one_text(st, &ar, &t), 0);
	assert_string_equal(t, "社区一行");
	db_bind_int(st, 1, id + 100000);
	assert_int_equal(db_one_text(st, &ar, &t), 1);
	assert_null(t);
	struct db_stmt *n = db_prepare_adhoc(a, "SELECT NULL");
	assert_int_equal(db_one_text(n, &ar, &t), 0);
	assert_string_equal(t, "");
	db_finalize(n);
	arena_free(&ar);
}

static struct db_query q_one_pragma_temp = DB_QUERY("PRAGMA temp_store");
static struct db_query q_one_pragma_cache = DB_QUERY("PRAGMA cache_size");

/* On SQLite a bulk load whose index keys outgrow one of the sorter's runs
 * (some 16 MB of keys, runs of 8 MB in temporary files; whether SQLite
 * used them is not visible here, bench/people measures the speed): the
 * index is whole and used after commit, and the connection is back to
 * its settings (temp_store MEMORY, the default cache) after. */
static void a_bulk_load_bigger_than_a_run_is_whole_and_restores_the_connection(void **state)
{
	(void)state;
	if (strcmp(db_backend(a), "sqlite"))
		skip();
	struct arena ar;
	arena_init(&ar, 1 << 20);
	assert_int_equal(db_exec_script(a, "CREATE INDEX t_data ON t (data)"), 0);
	assert_int_equal(db_bulk(a, 1), 0);
	assert_int_equal(db_begin(a), 0);
	const char **sql;
	size_t n;
	assert_int_equal(db_indexes_drop(a, "t", &ar, &sql, &n), 0);
	assert_int_equal(n, 1);
	char data[400];
	for (int i = 0; i < 40000; i++) {
		char name[24];
		snprintf(name, sizeof name, "run%d", i);
		memset(data, 'a' + i % 26, sizeof data);
		memcpy(data, name, strlen(name)); /* distinct keys, not in order */
		data[sizeof data - 1] = (char)('a' + (i * 7919) % 26);
		assert_true(add(a, name, data, sizeof data) > 0);
	}
	assert_int_equal(db_indexes_create(a, sql, n), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(db_bulk(a, 0), 0);
	int64_t v;
	assert_int_equal(db_one_int(db_stmt(a, &q_one_pragma_temp), &v), 0);
	assert_int_equal(v, 2); /* MEMORY */
	assert_int_equal(db_one_int(db_stmt(a, &q_one_pragma_cache), &v), 0);
	assert_int_equal(v, -2000);
	struct db_stmt *chk = db_prepare_adhoc(a, "PRAGMA integrity_check");
	assert_non_null(chk);
	assert_int_equal(db_step(chk), DB_ROW);
	assert_string_equal(db_col_text(chk, 0), "ok");
	db_finalize(chk);
	struct db_stmt *st = db_prepare_adhoc(a, "SELECT COUNT(*) FROM t INDEXED BY t_data WHERE data >= x'72756e'"
	                                         " AND data < x'72756f'");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 40000);
	db_finalize(st);
	assert_int_equal(db_exec_script(a, "DROP INDEX t_data; DELETE FROM t WHERE name LIKE 'run%'"), 0);
	arena_free(&ar);
}

static struct db_query q_indexed = DB_QUERY("SELECT COUNT(*) FROM t WHERE data = ?");

/* A bulk load drops the secondary indexes and makes them again: the
 * index is back after commit (its plan uses it), and a UNIQUE one whose
 * rows clash refuses the load. PostgreSQL: nothing dropped. */
static void indexes_dropped_for_a_load_come_back(void **state)
{
	(void)state;
	struct arena ar;
	arena_init(&ar, 1 << 20);
	assert_int_equal(db_exec_script(a, "CREATE INDEX t_data ON t (data); CREATE UNIQUE INDEX t_uniq ON t (data, id)"),
	                 0);
	const char **sql;
	size_t n;
	assert_int_equal(db_indexes_drop(a, "t", &ar, &sql, &n), -1); /* only in a transaction */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(db_indexes_drop(a, "t", &ar, &sql, &n), 0);
	int sqlite = !strcmp(db_backend(a), "sqlite");
	assert_int_equal(n, sqlite ? 2 : 0);
	for (int i = 0; i < 50; i++) {
		char name[20];
		snprintf(name, sizeof name, "bulk%d", i);
		assert_true(add(a, name, "z", 1) > 0);
	}
	assert_int_equal(db_indexes_create(a, sql, n), 0);
	assert_int_equal(db_commit(a), 0);
	struct db_stmt *st = db_stmt(a, &q_indexed);
	db_bind_blob(st, 1, "z", 1);
	int64_t c;
	assert_int_equal(db_one_int(st, &c), 0);
	assert_int_equal(c, 50);
	if (sqlite) {
		struct db_stmt *idx = db_prepare_adhoc(a, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"
		                                          " AND name IN ('t_data', 't_uniq')");
		assert_non_null(idx);
		assert_int_equal(db_step(idx), DB_ROW);
		assert_int_equal(db_col_int(idx, 0), 2);
		db_finalize(idx);
		/* rows that break a UNIQUE index refuse the load */
		assert_int_equal(db_begin(a), 0);
		const char *const unique[] = {"CREATE UNIQUE INDEX t_one ON t (data)"};
		assert_int_equal(db_indexes_create(a, unique, 1), -1);
		db_rollback(a);
	}
	assert_int_equal(db_exec_script(a, "DROP INDEX t_data; DROP INDEX t_uniq"), 0);
	arena_free(&ar);
}

/* Connection b, in a thread: the same guarded rename as a. */
static void *rename_on_b(void *arg)
{
	struct race *r = arg;
	r->rc = db_begin(b);
	struct db_stmt *st = r->rc == 0 ? db_stmt(b, &q_rename) : NULL;
	if (st) {
		db_bind_text(st, 1, "race-won-b", -1);
		db_bind_text(st, 2, "race", -1);
		r->rc = db_run_count(st, &r->value);
		if (r->rc == DB_DONE)
			r->rc = db_commit(b);
	}
	return NULL;
}

/* Two guarded updates of one row race: the count of changed rows tells
 * the loser it lost (re-reading the row would tell both they won). */
static void guarded_update_reports_the_rows_it_changed(void **state)
{
	(void)state;
	assert_true(add(a, "race", "", 0) > 0);
	assert_int_equal(db_begin(a), 0);
	struct db_stmt *st = db_stmt(a, &q_rename);
	db_bind_text(st, 1, "race-won-a", -1);
	db_bind_text(st, 2, "race", -1);
	int64_t n = -1;
	assert_int_equal(db_run_count(st, &n), DB_DONE);
	assert_int_equal(n, 1);
	struct race r = {0};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, rename_on_b, &r), 0);
	sleep_ms(200);
	assert_int_equal(db_commit(a), 0);
	pthread_join(t, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.value, 0);
	/* Nothing matched: zero rows, not an error. */
	st = db_stmt(a, &q_rename);
	db_bind_text(st, 1, "x", -1);
	db_bind_text(st, 2, "no-such-name", -1);
	assert_int_equal(db_run_count(st, &n), DB_DONE);
	assert_int_equal(n, 0);
}

/* Connection b, in a thread: locks the row, then reads its name. */
static void *lock_on_b(void *arg)
{
	struct race *r = arg;
	r->rc = db_begin(b);
	struct db_stmt *st = r->rc == 0 ? db_stmt(b, &q_lock) : NULL;
	if (st) {
		db_bind_int(st, 1, r->id);
		r->rc = db_step(st);
		if (r->rc == DB_ROW)
			snprintf(r->seen, sizeof r->seen, "%s", db_col_text(st, 0));
		db_reset(st);
		db_commit(b);
	}
	return NULL;
}

/* A row locked with @FOR_UPDATE@ makes the second reader wait and then
 * see what the first committed. */
static void locked_read_waits_and_sees_the_commit(void **state)
{
	(void)state;
	int64_t id = add(a, "lock-before", "", 0);
	assert_true(id > 0);
	assert_int_equal(db_begin(a), 0);
	struct db_stmt *st = db_stmt(a, &q_lock);
	db_bind_int(st, 1, id);
	assert_int_equal(db_step(st), DB_ROW);
	db_reset(st);
	struct race r = {.id = id};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, lock_on_b, &r), 0);
	sleep_ms(200);
	st = db_stmt(a, &q_set_name);
	db_bind_text(st, 1, "lock-after", -1);
	db_bind_int(st, 2, id);
	assert_int_equal(db_run(st), DB_DONE);
	assert_int_equal(db_commit(a), 0);
	pthread_join(t, NULL);
	assert_int_equal(r.rc, DB_ROW);
	assert_string_equal(r.seen, "lock-after");
}

/* A bind that fails makes the step fail with the reason kept; the kept
 * error survives a rollback until cleared. */
static void failed_binds_are_sticky_and_errors_kept(void **state)
{
	(void)state;
	db_clear_error(a);
	assert_null(db_last_error(a));
	assert_int_equal(db_begin(a), 0);
	struct db_stmt *st = db_stmt(a, &q_add);
	db_bind_text(st, 1, "never", -1);
	db_bind_int(st, 9, 1); /* the statement has two parameters */
	int64_t id;
	assert_int_equal(db_one_int(st, &id), DB_ERR);
	db_rollback(a);
	assert_non_null(db_last_error(a));
	assert_non_null(strstr(db_last_error(a), "parameter 9"));
	/* The statement is usable again, and nothing was written. */
	db_clear_error(a);
	assert_true(add(a, "after-bind", "", 0) > 0);
	assert_null(db_last_error(a));
	struct db_stmt *chk = db_stmt(a, &q_count);
	int64_t n;
	assert_int_equal(db_one_int(chk, &n), 0);
	/* A failed statement's message is kept with its cause. */
	assert_int_equal(add(a, "after-bind", "", 0), DB_CONSTRAINT);
	assert_non_null(db_last_error(a));
	assert_non_null(strstr(db_last_error(a), "constraint"));
}

/* ---- migrations: checksums and the lock ---- */

static const struct embedded_file mig_v1[] = {
    {"0001_a.sql", "CREATE TABLE mtest_a (x BIGINT);", 32, NULL},
    {"0002_b.sql", "CREATE TABLE mtest_b (x BIGINT);", 32, NULL},
    {"0003_c.sql", "INSERT INTO mtest_a (x) VALUES (1);", 35, NULL},
    {NULL, NULL, 0, NULL},
};
/* The same set with 0001 edited after it was applied, and a new 0004. */
static const struct embedded_file mig_edited[] = {
    {"0001_a.sql", "CREATE TABLE mtest_a (x BIGINT, y TEXT);", 40, NULL},
    {"0002_b.sql", "CREATE TABLE mtest_b (x BIGINT);", 32, NULL},
    {"0003_c.sql", "INSERT INTO mtest_a (x) VALUES (1);", 35, NULL},
    {"0004_d.sql", "CREATE TABLE mtest_d (x BIGINT);", 32, NULL},
    {NULL, NULL, 0, NULL},
};

struct mig_race {
	struct db *db;
	int applied;
	char err[256];
};

static void *migrate_in_thread(void *arg)
{
	struct mig_race *m = arg;
	struct migration_set set = {"mtest", mig_v1, NULL};
	m->applied = migrate_apply(m->db, &set, 1, NULL, m->err, sizeof m->err);
	return NULL;
}

/* Two connections migrate one empty database at once (two serve processes
 * starting on PostgreSQL): each file is applied exactly once and neither
 * fails. Then an edited applied file is refused by both check and apply,
 * before anything changes; a row from before checksums is adopted. */
static void migrations_are_locked_and_checksummed(void **state)
{
	(void)state;
	struct mig_race ra = {a, 0, ""}, rb = {b, 0, ""};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, migrate_in_thread, &rb), 0);
	migrate_in_thread(&ra);
	pthread_join(t, NULL);
	if (ra.applied < 0 || rb.applied < 0)
		fail_msg("migrate failed: %s / %s", ra.err, rb.err);
	assert_int_equal(ra.applied + rb.applied, 3);
	static struct db_query q_rows = DB_QUERY("SELECT COUNT(*) FROM mtest_a");
	int64_t rows = 0;
	assert_int_equal(db_one_int(db_stmt(a, &q_rows), &rows), 0);
	assert_int_equal(rows, 1); /* 0003 ran once */

	char err[512];
	struct migration_set same = {"mtest", mig_v1, NULL}, edited = {"mtest", mig_edited, NULL};
	assert_int_equal(migrate_check(a, &same, 1, err, sizeof err), 0);
	assert_int_equal(migrate_check(a, &edited, 1, err, sizeof err), -1);
	assert_non_null(strstr(err, "mtest/0001_a.sql was changed"));
	assert_int_equal(migrate_apply(a, &edited, 1, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "mtest/0001_a.sql was changed"));
	static struct db_query q_d = DB_QUERY("SELECT COUNT(*) FROM schema_migrations WHERE module = 'mtest'");
	int64_t n = 0;
	assert_int_equal(db_one_int(db_stmt(a, &q_d), &n), 0);
	assert_int_equal(n, 3); /* 0004 was not applied */

	/* A database migrated before checksums were kept: check lets it be,
	 * apply records the files' checksums, and from then on an edit shows. */
	assert_int_equal(db_exec_script(a, "UPDATE schema_migrations SET checksum = NULL WHERE module = 'mtest'"), 0);
	assert_int_equal(migrate_check(a, &edited, 1, err, sizeof err), -1); /* behind: 0004 */
	assert_non_null(strstr(err, "shequ migrate"));
	assert_int_equal(migrate_apply(a, &same, 1, NULL, err, sizeof err), 0);
	static struct db_query q_sums =
	    DB_QUERY("SELECT COUNT(*) FROM schema_migrations WHERE module = 'mtest' AND checksum IS NOT NULL");
	assert_int_equal(db_one_int(db_stmt(a, &q_sums), &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(migrate_check(a, &edited, 1, err, sizeof err), -1);
	assert_non_null(strstr(err, "was changed"));
	assert_int_equal(db_exec_script(a, "DROP TABLE mtest_a; DROP TABLE mtest_b;"
					   " DELETE FROM schema_migrations WHERE module = 'mtest'"),
			 0);
}

static struct db_query q_like = DB_QUERY("SELECT COUNT(*) FROM t WHERE name LIKE ? ESCAPE '!'");

/* What people type is matched as typed: %, _ and ! are no wildcards. */
static void like_pattern_matches_what_was_typed(void **state)
{
	(void)state;
	struct arena ar;
	arena_init(&ar, 4096);
	assert_string_equal(db_like_pattern(&ar, ""), "");
	assert_string_equal(db_like_pattern(&ar, NULL), "");
	assert_string_equal(db_like_pattern(&ar, "50%_!楼"), "%50!%!_!!楼%");
	assert_true(add(a, "like-50%_!楼道", "", 0) > 0);
	assert_true(add(a, "like-50ab楼道", "", 0) > 0);
	int64_t n = -1;
	struct db_stmt *st = db_stmt(a, &q_like);
	db_bind_text(st, 1, db_like_pattern(&ar, "50%_!楼"), -1);
	assert_int_equal(db_one_int(st, &n), 0);
	assert_int_equal(n, 1);
	st = db_stmt(a, &q_like);
	db_bind_text(st, 1, db_like_pattern(&ar, "like-50"), -1);
	assert_int_equal(db_one_int(st, &n), 0);
	assert_int_equal(n, 2);
	arena_free(&ar);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(read_snapshot_does_not_see_later_writes),
	    cmocka_unit_test(constraint_violation_is_reported_and_rolled_back),
	    cmocka_unit_test(blobs_and_text_round_trip),
	    cmocka_unit_test(ref_binds_are_read_until_reset),
	    cmocka_unit_test(numbered_placeholders_bind_by_number),
	    cmocka_unit_test(a_job_runs_in_one_process_at_a_time),
	    cmocka_unit_test(concurrent_ids_are_distinct),
	    cmocka_unit_test(id_blocks_are_reserved_at_once),
	    cmocka_unit_test(indexes_dropped_for_a_load_come_back),
	    cmocka_unit_test(id_blocks_hand_out_and_give_back),
	    cmocka_unit_test(one_text_is_copied_or_missing),
	    cmocka_unit_test(a_bulk_load_bigger_than_a_run_is_whole_and_restores_the_connection),
	    cmocka_unit_test(migrations_are_locked_and_checksummed),
	    cmocka_unit_test(guarded_update_reports_the_rows_it_changed),
	    cmocka_unit_test(locked_read_waits_and_sees_the_commit),
	    cmocka_unit_test(failed_binds_are_sticky_and_errors_kept),
	    cmocka_unit_test(like_pattern_matches_what_was_typed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
