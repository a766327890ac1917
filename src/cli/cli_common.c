#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "cli/cli.h"
#include "db/migrate.h"

const char *cli_db_url(const char *flag)
{
	if (flag && *flag)
		return flag;
	const char *env = getenv("SHEQU_DB");
	return env && *env ? env : "var/shequ.db";
}

int cli_open(const char *url, int check, struct db **db)
{
	char err[512];
	if (db_open(url, db, err, sizeof err) < 0) {
		fprintf(stderr, "shequ: %s\n", err);
		return -1;
	}
	if (check) {
		struct migration_set sets[32];
		size_t n = app_migration_sets(sets, 32);
		if (migrate_check(*db, sets, n, err, sizeof err) < 0) {
			fprintf(stderr, "shequ: %s: %s\n", url, err);
			db_close(*db);
			*db = NULL;
			return -1;
		}
	}
	return 0;
}

int cli_usage(const char *text, int help)
{
	fputs(text, help ? stdout : stderr);
	return help ? 0 : 2;
}
