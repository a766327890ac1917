/* libFuzzer target: a file of entries (CSV in any encoding, or XLSX)
 * through ledger_import on a real SQLite database made once by `shequ
 * init` and `shequ demo`, half the inputs as a dry run. Whatever the
 * bytes, the answer keeps the contract: 0 only with no row refused and
 * no file refusal, 1 with refused rows (each with a line and a message),
 * 2 with the reason; never more entries written than rows that passed,
 * none on a dry run; and after the caller's rollback the books are as
 * they were. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "cli/cli.h"
#include "modules/ledger/ledger_internal.h"

static struct db *db;
static int64_t community, user, entries;

static struct db_query q_count = DB_QUERY("SELECT COUNT(*) FROM ledger_entry");
static struct db_query q_id = DB_QUERY("SELECT id FROM org_unit WHERE slug = 'xingfuli'");
static struct db_query q_user = DB_QUERY("SELECT id FROM users WHERE username = 'wangjg'");

static int64_t one(struct db_query *q)
{
	int64_t v = -1;
	struct db_stmt *st = db_stmt(db, q);
	if (!st || db_one_int(st, &v) != 0)
		__builtin_trap();
	return v;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	static char dir[] = "/tmp/shequ-fuzz-ledger-XXXXXX";
	char path[128], err[256];
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/f.db", dir);
	char *init[] = {"init", "--db", path, NULL}, *demo[] = {"demo", "--db", path, NULL};
	FILE *quiet = freopen("/dev/null", "w", stdout);
	(void)quiet;
	if (app_register(err, sizeof err) < 0 || cmd_init(3, init) != 0 || cmd_demo(3, demo) != 0 ||
	    db_open(path, &db, err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_ledger_import: cannot make its database: %s\n", err);
		abort();
	}
	community = one(&q_id);
	user = one(&q_user);
	entries = one(&q_count);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 64u << 20);
	struct ledger_import_options o = {.dry_run = size & 1, .by = user, .now = INT64_C(1795900000)};
	struct ledger_import_result res;
	if (db_begin(db) < 0)
		__builtin_trap();
	int rc = ledger_import(db, &a, community, data, size, &o, &res);
	if (rc < 0 || rc > 2)
		__builtin_trap();
	if (rc == 0 && (res.imp.nerrors || res.imp.fatal))
		__builtin_trap();
	if (rc == 1 && (!res.imp.nerrors || res.imp.nkept < 1))
		__builtin_trap();
	if (rc == 2 && (!res.imp.fatal || !*res.imp.fatal))
		__builtin_trap();
	for (int i = 0; i < res.imp.nkept; i++)
		if (res.imp.errors[i].line < 1 || !res.imp.errors[i].message || !*res.imp.errors[i].message)
			__builtin_trap();
	if (res.added > res.good || (o.dry_run && res.added) || res.good < 0 || res.skipped < 0)
		__builtin_trap();
	if (one(&q_count) != entries + res.added)
		__builtin_trap();
	db_rollback(db);
	if (one(&q_count) != entries)
		__builtin_trap();
	arena_free(&a);
	return 0;
}
