/* The public log as a kernel service, on SQLite and (under
 * tests/pg/with-postgres.sh) on PostgreSQL, with the core's migrations
 * alone: a module that is not the disclosure board appends its records,
 * `shequ verify`'s walk hands them to the verifier the module registered
 * (here a test-only kind), and reports what does not match, records of a
 * type no module registers, and rows missing from the log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/migrate.h"
#include "db/secrets.h"
#include "org/org.h"
#include "tlog/tlog_store.h"

extern const struct embedded_file core_migrations[];

static char dir[] = "/tmp/shequ-tlog-XXXXXX";
static char url[512];
static struct db *db, *db2; /* two connections to one database */
static struct arena a;
static struct community c = {.slug = "ceshi", .name = "测试社区"};
static unsigned char pk[32];
static const int64_t now = 1790000000;

/* The test's stand-in for a module's rows: monthly statements, each
 * published as a record of type "ledger_statement". */
struct statement {
	const char *month;
	int64_t total_fen, leaf;
};
static struct statement rows[8];
static size_t nrows;
static int verifier_calls;

/* The record of statement id (1-based), as the module writes it. */
static char *statement_record(size_t id)
{
	const struct statement *s = &rows[id - 1];
	return tlog_record_canonical(&a, json_pack("{s:s,s:I,s:s,s:I,s:s}", "community", c.slug, "id", (json_int_t)id,
						   "month", s->month, "total_fen", (json_int_t)s->total_fen, "type",
						   "ledger_statement"));
}

static int verify_statement(struct tlog_verify *v, int64_t leaf, json_t *record)
{
	verifier_calls++;
	json_int_t id = json_integer_value(json_object_get(record, "id"));
	if (id < 1 || (size_t)id > nrows) {
		tlog_problem(v, "record %lld names statement %lld, which the ledger does not have", (long long)leaf,
			     (long long)id);
		return 0;
	}
	tlog_verify_same(v, leaf, "statement", id, statement_record((size_t)id));
	return 0;
}

static int statements_in_log(struct tlog_verify *v)
{
	for (size_t i = 0; i < nrows; i++)
		tlog_verify_points(v, rows[i].leaf, "statement", (int64_t)i + 1, "ledger_statement", "id");
	return 0;
}

static const struct tlog_kind ledger_kinds[] = {
    {"ledger_statement", verify_statement, statements_in_log},
    {NULL, NULL, NULL},
};
static int verify_note(struct tlog_verify *v, int64_t leaf, json_t *record)
{
	(void)v, (void)leaf, (void)record;
	return 0;
}
static const struct tlog_kind note_kinds[] = {
    {"test_note", verify_note, NULL},
    {NULL, NULL, NULL},
};

/* Runs tlog_verify over c's log with these kind lists: its result, the
 * report, and what it wrote in out (cap bytes). */
static int verify(const struct tlog_kind *const *lists, size_t n, struct tlog_report *rep, char *out, size_t cap)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	verifier_calls = 0;
	int rc = tlog_verify(db, &a, &c, lists, n, f, rep);
	fclose(f);
	snprintf(out, cap, "%s", text ? text : "");
	free(text);
	return rc;
}

/* Appends a record in its own transaction on conn: its leaf, or -1 (rolled back). */
static int64_t append(struct db *conn, struct arena *ar, const char *record)
{
	int64_t leaf = -1;
	if (db_begin(conn) < 0)
		return -1;
	if (tlog_store_append(conn, ar, c.id, c.slug, record, now, &leaf) < 0) {
		db_rollback(conn);
		return -1;
	}
	return db_commit(conn) == 0 ? leaf : -1;
}

static int64_t log_size(void)
{
	struct tlog_head h;
	int rc = tlog_store_head_get(db, &a, c.id, &h);
	assert_true(rc >= 0);
	return rc ? 0 : h.size;
}

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0 || !mkdtemp(dir))
		return -1;
	const char *pg = getenv("SHEQU_TEST_PG");
	if (pg && *pg)
		snprintf(url, sizeof url, "%s", pg);
	else
		snprintf(url, sizeof url, "%s/t.db", dir);
	char err[256];
	arena_init(&a, 64 << 20);
	return db_open(url, &db, err, sizeof err) < 0 || db_open(url, &db2, err, sizeof err) < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(db);
	db_close(db2);
	arena_free(&a);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

/* A database whose log the disclosure module made before its 0004 (no
 * compact range column) is taken over by the core's 0003: its tables and
 * leaves stay, the column is added, and appending goes on from them. */
static void core_migration_adopts_an_older_log(void **state)
{
	(void)state;
	struct embedded_file before[3] = {core_migrations[0], core_migrations[1], {0}};
	assert_string_equal(before[1].name, "0002_id_counter.sql");
	struct migration_set set = {"core", before, tlog_store_migrated};
	char err[512];
	assert_int_equal(migrate_apply(db, &set, 1, NULL, err, sizeof err), 2);
	/* The log as disclosure's 0001_disclosure.sql made it. */
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(db_exec_script(db, "CREATE TABLE tlog_head (community_id BIGINT PRIMARY KEY REFERENCES org_unit (id),"
					    " size BIGINT NOT NULL);"
					    "CREATE TABLE tlog_leaf (community_id BIGINT NOT NULL, idx BIGINT NOT NULL,"
					    " data TEXT NOT NULL, hash TEXT NOT NULL, created_at BIGINT NOT NULL,"
					    " PRIMARY KEY (community_id, idx));"
					    "CREATE TABLE tlog_checkpoint (community_id BIGINT NOT NULL, size BIGINT NOT NULL,"
					    " root TEXT NOT NULL, note TEXT NOT NULL, created_at BIGINT NOT NULL,"
					    " PRIMARY KEY (community_id, size));"
					    "CREATE TABLE tlog_witness (community_id BIGINT NOT NULL,"
					    " user_id BIGINT NOT NULL REFERENCES users (id), name TEXT NOT NULL,"
					    " public_key @BLOB@ NOT NULL, sealed_key @BLOB@ NOT NULL, created_at BIGINT NOT NULL,"
					    " PRIMARY KEY (community_id, user_id));"
					    "CREATE TABLE tlog_cosignature (community_id BIGINT NOT NULL, size BIGINT NOT NULL,"
					    " user_id BIGINT NOT NULL REFERENCES users (id), line TEXT NOT NULL,"
					    " created_at BIGINT NOT NULL, PRIMARY KEY (community_id, size, user_id))"),
			 0);
	int64_t district, street;
	unsigned char sk[64];
	crypto_sign_keypair(pk, sk);
	assert_int_equal(org_unit_add(db, 0, ORG_DISTRICT, "qu", "测试区", now, &district), 0);
	assert_int_equal(org_unit_add(db, district, ORG_STREET, "jiedao", "测试街道", now, &street), 0);
	assert_int_equal(org_unit_add(db, street, ORG_COMMUNITY, c.slug, c.name, now, &c.id), 0);
	assert_int_equal(secret_put_new(db, SECRET_SIGNING, sk, sizeof sk, now), 0);
	assert_int_equal(setting_put(db, SETTING_LOG_ORIGIN, "test.shequ", now), 0);
	/* One leaf and its signed checkpoint, as the old store wrote them. */
	const char *old = "{\"n\":0,\"type\":\"test_note\"}";
	unsigned char leaf[TLOG_HASH], root[TLOG_HASH];
	char hex[65], sql[1024];
	tlog_leaf_hash(old, strlen(old), leaf);
	tlog_root((const unsigned char(*)[TLOG_HASH])leaf, 1, root);
	struct buf note;
	buf_init(&note, 4096);
	tlog_checkpoint_body(&note, "test.shequ/c/ceshi", 1, root);
	size_t body = note.len;
	buf_putc(&note, '\n');
	tlog_sign_line(&note, note.data, body, "test.shequ/c/ceshi", sk);
	sodium_bin2hex(hex, sizeof hex, leaf, TLOG_HASH);
	snprintf(sql, sizeof sql,
		 "INSERT INTO tlog_head (community_id, size) VALUES (%lld, 1);"
		 "INSERT INTO tlog_leaf (community_id, idx, data, hash, created_at) VALUES (%lld, 0, '%s', '%s', 0);",
		 (long long)c.id, (long long)c.id, old, hex);
	assert_int_equal(db_exec_script(db, sql), 0);
	sodium_bin2hex(hex, sizeof hex, root, TLOG_HASH);
	snprintf(sql, sizeof sql,
		 "INSERT INTO tlog_checkpoint (community_id, size, root, note, created_at) VALUES (%lld, 1, '%s', '%.*s', 0)",
		 (long long)c.id, hex, (int)note.len, note.data);
	assert_int_equal(db_exec_script(db, sql), 0);
	buf_free(&note);
	assert_int_equal(db_commit(db), 0);

	/* The whole core set: 0003 (which adds the column) and the later ones are new. */
	struct migration_set all = {"core", core_migrations, tlog_store_migrated};
	int later = 0;
	for (const struct embedded_file *f = core_migrations; f->name; f++)
		later += strcmp(f->name, "0003") > 0;
	assert_true(later >= 2);
	assert_int_equal(migrate_apply(db, &all, 1, NULL, err, sizeof err), later);
	assert_int_equal(migrate_check(db, &all, 1, err, sizeof err), 0);
	struct db_stmt *st = db_prepare_adhoc(db, "SELECT COUNT(*) FROM tlog_head WHERE range_hashes IS NULL");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 1);
	db_finalize(st);
	/* The next append rebuilds the range from the leaves and extends the old checkpoint. */
	assert_int_equal(append(db, &a, "{\"n\":1,\"type\":\"test_note\"}"), 1);
	assert_int_equal(log_size(), 2);
	const struct tlog_kind *lists[] = {note_kinds};
	struct tlog_report rep;
	char out[4096];
	assert_int_equal(verify(lists, 1, &rep, out, sizeof out), 0);
	assert_int_equal(rep.leaves, 2);
	assert_int_equal(rep.checkpoints, 2);
	assert_int_equal(rep.records, 2);
	assert_string_equal(out, "");
	/* Running 0003's step again changes nothing. */
	assert_int_equal(tlog_store_migrated(db, "0003_public_log.sql", err, sizeof err), 0);
}

/* Another module's records go through the same call, are signed under
 * the community's origin and are checked by the verifier it registered. */
static void any_module_appends_and_its_registered_kind_verifies(void **state)
{
	(void)state;
	static const struct statement months[] = {{"2026-09", 1234500, 0}, {"2026-10", 98000, 0}, {"2026-11", 0, 0}};
	int64_t first = log_size();
	for (size_t i = 0; i < 3; i++) {
		rows[nrows++] = months[i];
		rows[i].leaf = append(db, &a, statement_record(i + 1));
		assert_int_equal(rows[i].leaf, first + (int64_t)i);
	}
	assert_string_equal(statement_record(2),
			    "{\"community\":\"ceshi\",\"id\":2,\"month\":\"2026-10\",\"total_fen\":98000,\"type\":\"ledger_statement\"}");
	struct tlog_head h;
	assert_int_equal(tlog_store_head_get(db, &a, c.id, &h), 0);
	assert_int_equal(h.size, first + 3);
	assert_int_equal(tlog_note_verify(h.note, strlen(h.note), "test.shequ/c/ceshi", pk), 1);
	const char *data, *hash;
	assert_int_equal(tlog_store_leaf_get(db, &a, c.id, rows[2].leaf, &data, &hash), 0);
	assert_string_equal(data, statement_record(3));

	const struct tlog_kind *lists[] = {note_kinds, ledger_kinds};
	struct tlog_report rep;
	char out[4096];
	assert_int_equal(verify(lists, 2, &rep, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(verifier_calls, 3);
	assert_int_equal(rep.records, first + 3);
	assert_int_equal(rep.leaves, first + 3);
	assert_int_equal(rep.errors, 0);
}

/* The module's verifier finds a row changed after its record was appended,
 * and the rows pass finds a row that says it is in the log but is not. */
static void verifiers_report_changed_and_missing_rows(void **state)
{
	(void)state;
	const struct tlog_kind *lists[] = {note_kinds, ledger_kinds};
	struct tlog_report rep;
	char out[4096], want[160];
	rows[1].total_fen += 100; /* 1 yuan more than published */
	assert_int_equal(verify(lists, 2, &rep, out, sizeof out), 1);
	snprintf(want, sizeof want, "statement 2 differs from public record %lld", (long long)rows[1].leaf);
	assert_non_null(strstr(out, want));
	assert_int_equal(rep.errors, 1);
	rows[1].total_fen -= 100;

	rows[nrows++] = (struct statement){"2026-12", 5000, 99};
	assert_int_equal(verify(lists, 2, &rep, out, sizeof out), 1);
	assert_non_null(strstr(out, "statement 4 points at record 99, which the log does not have"));
	rows[3].leaf = rows[0].leaf; /* another statement's record */
	assert_int_equal(verify(lists, 2, &rep, out, sizeof out), 1);
	snprintf(want, sizeof want, "statement 4 points at record %lld, which is not its record", (long long)rows[0].leaf);
	assert_non_null(strstr(out, want));
	assert_int_equal(rep.errors, 1);
	nrows--;
	assert_int_equal(verify(lists, 2, &rep, out, sizeof out), 0);
}

/* A record whose type no module registers cannot be checked against
 * anything: verify says so, naming the record and the type. */
static void a_record_type_no_module_registers_is_reported(void **state)
{
	(void)state;
	int64_t leaf = append(db, &a, "{\"amount_fen\":1,\"type\":\"mystery_payment\"}");
	assert_true(leaf > 0);
	const struct tlog_kind *lists[] = {note_kinds, ledger_kinds};
	struct tlog_report rep;
	char out[4096], want[160];
	assert_int_equal(verify(lists, 2, &rep, out, sizeof out), 1);
	snprintf(want, sizeof want, "record %lld is of type \"mystery_payment\", which no module registers",
		 (long long)leaf);
	assert_non_null(strstr(out, want));
	assert_int_equal(rep.errors, 1);
	assert_int_equal(rep.records, leaf); /* every record but that one was checked */
	assert_int_equal(rep.leaves, leaf + 1);
	/* Registered, it verifies. */
	static const struct tlog_kind mystery[] = {{"mystery_payment", verify_note, NULL}, {NULL, NULL, NULL}};
	const struct tlog_kind *more[] = {note_kinds, ledger_kinds, mystery};
	assert_int_equal(verify(more, 3, &rep, out, sizeof out), 0);
	assert_int_equal(rep.records, leaf + 1);
}

/* Only canonical records with a type enter the log; nothing of a refused
 * one is left behind. */
static void only_canonical_records_are_appended(void **state)
{
	(void)state;
	static const char *const refused[] = {
	    "{\"type\":\"test_note\",\"n\":2}",	 /* keys out of order */
	    "{\"n\": 2,\"type\":\"test_note\"}",	 /* a space */
	    "{\"n\":2}",				 /* no type */
	    "{\"n\":2,\"type\":\"\"}",			 /* an empty type */
	    "{\"n\":2,\"type\":7}",			 /* a type that is not a string */
	    "[\"test_note\"]",				 /* not an object */
	    "{\"n\":2,\"n\":3,\"type\":\"test_note\"}", /* a key twice */
	    "{\"n\":2,\"type\":\"test_note\"}\n",	 /* text after it */
	    "not json",
	};
	int64_t size = log_size();
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		assert_null(tlog_record_parse(refused[i], NULL));
		assert_int_equal(append(db, &a, refused[i]), -1);
	}
	assert_int_equal(log_size(), size);
	const char *type;
	json_t *o = tlog_record_parse("{\"n\":2,\"type\":\"test_note\"}", &type);
	assert_non_null(o);
	assert_string_equal(type, "test_note");
	json_decref(o);
	/* The helper writes that form: keys sorted, compact, UTF-8 as it is. */
	assert_string_equal(tlog_record_canonical(&a, json_pack("{s:s,s:i,s:s}", "type", "test_note", "b", 1, "a", "公开")),
			    "{\"a\":\"公开\",\"b\":1,\"type\":\"test_note\"}");
	assert_null(tlog_record_canonical(&a, NULL));
}

struct racer {
	int64_t leaf;
	int rc;
};

/* Connection db2, in a thread: one append, committed. */
static void *append_on_db2(void *arg)
{
	struct racer *r = arg;
	struct arena a2;
	arena_init(&a2, 16 << 20);
	r->leaf = append(db2, &a2, "{\"n\":4,\"type\":\"test_note\"}");
	r->rc = r->leaf < 0 ? -1 : 0;
	arena_free(&a2);
	return NULL;
}

/* Two appends at once (two connections, as two server processes would
 * make them): the second waits for the first to commit and takes the next
 * leaf; the log and its checkpoints still verify. */
static void concurrent_appends_take_the_next_leaf(void **state)
{
	(void)state;
	int64_t size = log_size(), leaf = -1;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(tlog_store_append(db, &a, c.id, c.slug, "{\"n\":3,\"type\":\"test_note\"}", now, &leaf), 0);
	assert_int_equal(leaf, size);
	struct racer r = {-1, -1};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, append_on_db2, &r), 0);
	struct timespec ts = {0, 200 * 1000000L};
	nanosleep(&ts, NULL);
	assert_int_equal(db_commit(db), 0);
	pthread_join(t, NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.leaf, size + 1);
	assert_int_equal(log_size(), size + 2);
	static const struct tlog_kind mystery[] = {{"mystery_payment", verify_note, NULL}, {NULL, NULL, NULL}};
	const struct tlog_kind *lists[] = {note_kinds, ledger_kinds, mystery};
	struct tlog_report rep;
	char out[4096];
	assert_int_equal(verify(lists, 3, &rep, out, sizeof out), 0);
	assert_int_equal(rep.checkpoints, size + 2); /* one a record, the old first one's included */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(core_migration_adopts_an_older_log),
	    cmocka_unit_test(any_module_appends_and_its_registered_kind_verifies),
	    cmocka_unit_test(verifiers_report_changed_and_missing_rows),
	    cmocka_unit_test(a_record_type_no_module_registers_is_reported),
	    cmocka_unit_test(only_canonical_records_are_appended),
	    cmocka_unit_test(concurrent_appends_take_the_next_leaf),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
