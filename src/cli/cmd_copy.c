/* shequ copy: move a whole deployment from one database to another. */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "cli/cli.h"
#include "db/copy.h"
#include "db/data_version.h"
#include "db/migrate.h"
#include "pii/pii.h"

static const char copy_usage[] =
    "usage: shequ copy --from URL --to URL [--key-file FILE] [--to-key-file FILE]\n"
    "Copies a whole deployment (schema, keys, every row) into a new database, e.g.\n"
    "SQLite -> PostgreSQL or back, in batches with progress, then compares the row\n"
    "count of every table. The destination must hold no shequ schema yet. Stop the\n"
    "servers writing to the source first: rows written during the copy may be missed.\n"
    "Personal data is copied sealed, as it is; the key goes with it: the source's key\n"
    "file (--key-file, default as for `shequ serve`) is copied to where the destination\n"
    "looks for its own (--to-key-file, default <db>.key or var/shequ-pg.key), unless\n"
    "the same key is already there.\n";

/* Puts the source's key file where the destination will look for its own,
 * before any data is copied. 0, or -1 (message printed) when another key
 * is already there or the file cannot be written. */
static int give_key(const char *from, const char *key, const char *to, const char *to_key)
{
	char src[4096], dst[4096], err[600];
	cli_key_path(from, key, src, sizeof src);
	cli_key_path(to, to_key, dst, sizeof dst);
	if (!strcmp(src, dst))
		return 0;
	struct pii_key there;
	unsigned char a[PII_CHECK_BYTES], b[PII_CHECK_BYTES];
	if (access(dst, F_OK) == 0) {
		if (pii_key_file_read(dst, &there, err, sizeof err) < 0) {
			fprintf(stderr, "shequ: copy: %s\n", err);
			return -1;
		}
		pii_key_check(&there, a);
		pii_key_check(pii_key_current(), b);
		sodium_memzero(&there, sizeof there);
		if (sodium_memcmp(a, b, sizeof a)) {
			fprintf(stderr, "shequ: copy: %s holds another key; give the destination's key file with --to-key-file\n",
				dst);
			return -1;
		}
		return 0;
	}
	if (pii_key_file_copy(src, dst, err, sizeof err) < 0) {
		fprintf(stderr, "shequ: copy: %s\n", err);
		return -1;
	}
	printf("personal-data key %s copied to %s (back it up apart from the database)\n", src, dst);
	return 0;
}

int cmd_copy(int argc, char **argv)
{
	static const struct option opts[] = {{"from", required_argument, 0, 'f'},
					     {"to", required_argument, 0, 't'},
					     {"key-file", required_argument, 0, 'k'},
					     {"to-key-file", required_argument, 0, 'K'},
					     {"help", no_argument, 0, 'h'},
					     {0}};
	const char *from = NULL, *to = NULL, *key = NULL, *to_key = NULL;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'f')
			from = optarg;
		else if (ch == 't')
			to = optarg;
		else if (ch == 'k')
			key = optarg;
		else if (ch == 'K')
			to_key = optarg;
		else
			return cli_usage(copy_usage, ch == 'h');
	}
	if (!from || !to || optind != argc)
		return cli_usage(copy_usage, 0);
	if (!strcmp(from, to)) {
		fprintf(stderr, "shequ: copy: source and destination are the same\n");
		return 2;
	}
	struct db *src, *dst;
	if (cli_open(from, 1, &src) < 0)
		return 1;
	if (cli_pii_key(src, from, key, CLI_KEY_REQUIRE) < 0) {
		db_close(src);
		return 1;
	}
	if (cli_open(to, 0, &dst) < 0) {
		db_close(src);
		return 1;
	}
	struct migration_set sets[32];
	size_t nsets = app_migration_sets(sets, 32);
	char err[512];
	int rc = 1;
	if (migrate_check(dst, sets, nsets, err, sizeof err) == 0 || !strstr(err, "shequ init")) {
		fprintf(stderr, "shequ: copy: %s already has a shequ schema\n", to);
		goto out;
	}
	if (give_key(from, key, to, to_key) < 0)
		goto out;
	if (migrate_apply(dst, sets, nsets, stdout, err, sizeof err) < 0) {
		fprintf(stderr, "shequ: copy: %s\n", err);
		goto out;
	}
	/* Derived tables are not copied: their triggers fill them as the rows
	 * they count arrive, and their counts are compared after. */
	const char *all[256], *tables[256], *derived[64];
	size_t nall = app_tables(all, 256), nd = app_derived_tables(derived, 64), n = 0;
	for (size_t i = 0; i < nall; i++) {
		int skip = 0;
		for (size_t k = 0; k < nd && !skip; k++)
			skip = !strcmp(all[i], derived[k]);
		if (!skip)
			tables[n++] = all[i];
	}
	printf("copying %zu tables from %s (%s) to %s (%s)\n", n, from, db_backend(src), to, db_backend(dst));
	if (db_copy(src, dst, tables, n, stdout, err, sizeof err) < 0 ||
	    db_copy_compare(src, dst, derived, nd, stdout, err, sizeof err) < 0) {
		fprintf(stderr, "shequ: copy: %s\n", err);
		goto out;
	}
	/* The triggers go on after the rows: copying bumps no version. */
	const char *vt[256];
	size_t nv = app_versioned_tables(vt, 256);
	if (data_version_install(dst, vt, nv, err, sizeof err) < 0) {
		fprintf(stderr, "shequ: copy: %s\n", err);
		goto out;
	}
	printf("copy complete\n");
	rc = 0;
out:
	db_close(src);
	db_close(dst);
	return rc;
}
