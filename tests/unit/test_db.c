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
#include <unistd.h>

#include "db/db.h"

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
	return db_exec_script(a, "CREATE TABLE t (id @ID@, name TEXT NOT NULL UNIQUE, data @BLOB@)");
}

static int teardown(void **state)
{
	(void)state;
	db_exec_script(a, "DROP TABLE t");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(read_snapshot_does_not_see_later_writes),
	    cmocka_unit_test(constraint_violation_is_reported_and_rolled_back),
	    cmocka_unit_test(blobs_and_text_round_trip),
	    cmocka_unit_test(numbered_placeholders_bind_by_number),
	    cmocka_unit_test(a_job_runs_in_one_process_at_a_time),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
