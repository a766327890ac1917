/* shequ copy: move a whole deployment from one database to another. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "cli/cli.h"
#include "db/copy.h"
#include "db/migrate.h"

static const char copy_usage[] =
    "usage: shequ copy --from URL --to URL\n"
    "Copies a whole deployment (schema, keys, every row) into a new database, e.g.\n"
    "SQLite -> PostgreSQL or back, in batches with progress, then compares the row\n"
    "count of every table. The destination must hold no shequ schema yet. Stop the\n"
    "servers writing to the source first: rows written during the copy may be missed.\n";

int cmd_copy(int argc, char **argv)
{
	static const struct option opts[] = {{"from", required_argument, 0, 'f'},
					     {"to", required_argument, 0, 't'},
					     {"help", no_argument, 0, 'h'},
					     {0}};
	const char *from = NULL, *to = NULL;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'f')
			from = optarg;
		else if (ch == 't')
			to = optarg;
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
	if (migrate_apply(dst, sets, nsets, stdout, err, sizeof err) < 0) {
		fprintf(stderr, "shequ: copy: %s\n", err);
		goto out;
	}
	const char *tables[256];
	size_t n = app_tables(tables, 256);
	printf("copying %zu tables from %s (%s) to %s (%s)\n", n, from, db_backend(src), to, db_backend(dst));
	if (db_copy(src, dst, tables, n, stdout, err, sizeof err) < 0) {
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
