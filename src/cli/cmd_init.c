/* shequ init, shequ migrate, shequ backup: the database's life cycle. */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/str.h"
#include "db/migrate.h"
#include "db/secrets.h"
#include "pii/pii.h"

static const char init_usage[] =
    "usage: shequ init [--db URL] [--key-file FILE] [--public-url URL] [--log-origin NAME]\n"
    "Creates a new database with the current schema, a CSRF key and the\n"
    "deployment's Ed25519 signing key, and the key file that seals personal data.\n"
    "Refuses a database that already has a schema.\n"
    "  --key-file FILE    the personal-data key file (default: beside the database file\n"
    "                     as <db>.key; var/shequ-pg.key for PostgreSQL; an existing key\n"
    "                     file there is used)\n"
    "  --public-url URL   the site's address as visitors reach it (https://shequ.example.cn);\n"
    "                     `serve --public-url` overrides it\n"
    "  --log-origin NAME  names the deployment's transparency logs: <NAME>/c/<community>\n"
    "                     (default shequ.local); fixed for the life of the logs\n";
static const char migrate_usage[] = "usage: shequ migrate [--db URL] [--key-file FILE]\n"
				    "Applies the migrations this binary has and the database lacks. Personal\n"
				    "data stored in clear by older versions is sealed with the key file (made\n"
				    "when the database has none yet).\n";
static const char backup_usage[] = "usage: shequ backup [--db URL] [--key-file FILE] FILE\n"
				   "Copies the database to FILE; safe while shequ serves. The key file is\n"
				   "not in the copy: back it up apart.\n";

static const struct option db_opts[] = {
    {"db", required_argument, 0, 'd'}, {"key-file", required_argument, 0, 'k'}, {"help", no_argument, 0, 'h'}, {0}};

/* Parses --db, --key-file and --help; returns the exit code to leave with, or -1 to go on. */
static int parse_db_opts(int argc, char **argv, const char *usage, const char **db, const char **key)
{
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:h", db_opts, NULL)) != -1) {
		if (c == 'd')
			*db = optarg;
		else if (c == 'k')
			*key = optarg;
		else
			return cli_usage(usage, c == 'h');
	}
	return -1;
}

/* Creates the parent directory of a file path if it is missing. */
static void ensure_parent_dir(const char *path)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir && !strstr(path, "://")) {
		*slash = 0;
		mkdir(dir, 0755);
	}
}

/* Applies migrations, printing them. 0 or -1. */
static int run_migrations(struct db *db, const char *url)
{
	char err[512];
	int applied = app_migrate(db, stdout, err, sizeof err);
	if (applied < 0) {
		fprintf(stderr, "shequ: %s: %s\n", url, err);
		return -1;
	}
	printf("%s: schema up to date (%d migration%s applied)\n", url, applied, applied == 1 ? "" : "s");
	return 0;
}

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"key-file", required_argument, 0, 'k'},
					     {"public-url", required_argument, 0, 'u'},
					     {"log-origin", required_argument, 0, 'o'},
					     {"help", no_argument, 0, 'h'},
					     {0}};
	const char *flag = NULL, *key = NULL, *public_url = NULL, *origin = DEFAULT_LOG_ORIGIN;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			flag = optarg;
		else if (c == 'k')
			key = optarg;
		else if (c == 'u')
			public_url = optarg;
		else if (c == 'o')
			origin = optarg;
		else
			return cli_usage(init_usage, c == 'h');
	}
	if (optind != argc)
		return cli_usage(init_usage, 0);
	if (public_url && !str_is_base_url(public_url)) {
		fprintf(stderr, "shequ: --public-url wants http(s)://HOST[:PORT][/PATH] without a final slash\n");
		return 2;
	}
	if (!str_is_origin(origin)) {
		fprintf(stderr, "shequ: --log-origin wants a host name, optionally with a path, of [a-z0-9.-/]\n");
		return 2;
	}
	const char *url = cli_db_url(flag);
	ensure_parent_dir(url);
	struct db *db;
	if (cli_open(url, 0, &db) < 0)
		return 1;
	struct migration_set sets[32];
	size_t n = app_migration_sets(sets, 32);
	char err[512];
	if (migrate_check(db, sets, n, err, sizeof err) == 0 || !strstr(err, "shequ init")) {
		fprintf(stderr, "shequ: %s already has a shequ schema; use `shequ migrate` to upgrade it\n", url);
		db_close(db);
		return 1;
	}
	if (cli_pii_key(db, url, key, CLI_KEY_CREATE) < 0 || run_migrations(db, url) < 0) {
		db_close(db);
		return 1;
	}
	unsigned char csrf[32], pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	randombytes_buf(csrf, sizeof csrf);
	crypto_sign_keypair(pk, sk);
	int64_t now = clock_now();
	unsigned char check[PII_CHECK_BYTES];
	pii_key_check(pii_key_current(), check);
	if (db_begin(db) < 0 || secret_put_new(db, SECRET_CSRF, csrf, sizeof csrf, now) < 0 ||
	    secret_put_new(db, SECRET_SIGNING, sk, sizeof sk, now) < 0 ||
	    secret_put_new(db, SECRET_PII_CHECK, check, sizeof check, now) < 0 ||
	    setting_put(db, SETTING_LOG_ORIGIN, origin, now) < 0 ||
	    (public_url && setting_put(db, SETTING_PUBLIC_URL, public_url, now) < 0) || db_commit(db) < 0) {
		fprintf(stderr, "shequ: cannot store keys: %s\n", db_errmsg(db));
		db_rollback(db);
		db_close(db);
		return 1;
	}
	sodium_memzero(sk, sizeof sk);
	char hex[2 * sizeof pk + 1];
	sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
	printf("%s: initialised; signing public key %s\n", url, hex);
	db_close(db);
	return 0;
}

int cmd_migrate(int argc, char **argv)
{
	const char *flag = NULL, *key = NULL;
	int rc = parse_db_opts(argc, argv, migrate_usage, &flag, &key);
	if (rc >= 0)
		return rc;
	if (optind != argc)
		return cli_usage(migrate_usage, 0);
	const char *url = cli_db_url(flag);
	struct db *db;
	if (cli_open(url, 0, &db) < 0)
		return 1;
	rc = cli_pii_key(db, url, key, CLI_KEY_CREATE) < 0 || run_migrations(db, url) < 0 ? 1 : 0;
	if (rc == 0 && cli_pii_key_remember(db) < 0) {
		fprintf(stderr, "shequ: %s: cannot store the key check: %s\n", url, db_errmsg(db));
		rc = 1;
	}
	db_close(db);
	return rc;
}

int cmd_backup(int argc, char **argv)
{
	const char *flag = NULL, *key = NULL;
	int rc = parse_db_opts(argc, argv, backup_usage, &flag, &key);
	if (rc >= 0)
		return rc;
	if (optind != argc - 1)
		return cli_usage(backup_usage, 0);
	const char *url = cli_db_url(flag), *dest = argv[optind];
	struct db *db;
	if (cli_open(url, 1, &db) < 0)
		return 1;
	char err[512];
	if (db_backup(db, dest, err, sizeof err) < 0) {
		fprintf(stderr, "shequ: backup: %s\n", err);
		db_close(db);
		return 1;
	}
	char path[4096];
	printf("backed up %s to %s\n", url, dest);
	printf("the personal fields in it open only with the key file %s: back that up too, kept apart\n",
	       cli_key_path(url, key, path, sizeof path));
	db_close(db);
	return 0;
}
