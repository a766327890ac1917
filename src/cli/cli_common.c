#include <errno.h>
#include <pwd.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "db/migrate.h"
#include "db/secrets.h"
#include "pii/pii.h"

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
		if (app_schema_check(*db, err, sizeof err) < 0) {
			fprintf(stderr, "shequ: %s: %s\n", url, err);
			db_close(*db);
			*db = NULL;
			return -1;
		}
	}
	return 0;
}

char *cli_read_file(const char *path, size_t max, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct stat sb;
	char *data = NULL;
	errno = 0;
	if (fstat(fileno(f), &sb) < 0) {
		/* errno set */
	} else if (!S_ISREG(sb.st_mode)) {
		errno = EINVAL;
	} else if ((uint64_t)sb.st_size > max) {
		errno = EFBIG;
	} else if ((data = malloc((size_t)sb.st_size + 1))) {
		*n = fread(data, 1, (size_t)sb.st_size, f);
		if (*n != (size_t)sb.st_size) {
			free(data);
			data = NULL;
			errno = errno ? errno : EIO;
		} else {
			data[*n] = 0;
		}
	}
	fclose(f);
	return data;
}

const char *cli_os_user(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "?";
}

int cli_usage(const char *text, int help)
{
	fputs(text, help ? stdout : stderr);
	return help ? 0 : 2;
}

const char *cli_key_path(const char *db_url, const char *flag, char *buf, size_t n)
{
	const char *env = getenv("SHEQU_KEY_FILE");
	if (flag && *flag)
		snprintf(buf, n, "%s", flag);
	else if (env && *env)
		snprintf(buf, n, "%s", env);
	else if (!strncmp(db_url, "postgresql:", 11) || !strncmp(db_url, "postgres:", 9))
		snprintf(buf, n, "%s", "var/shequ-pg.key");
	else {
		const char *path = !strncmp(db_url, "file:", 5) ? db_url + 5 : db_url;
		snprintf(buf, n, "%.*s.key", (int)strcspn(path, "?"), path);
	}
	return buf;
}

/* Creates a missing key file (and its directory, one level). 0 or -1. */
static int create_key(const char *url, const char *path, char *err, size_t errlen)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = 0;
		mkdir(dir, 0700);
	}
	if (pii_key_file_create(path, err, errlen) < 0)
		return -1;
	printf("%s: personal-data key written to %s; back it up apart from the database\n", url, path);
	return 0;
}

int cli_pii_key(struct db *db, const char *url, const char *flag, enum cli_key_mode mode)
{
	char path[4096], err[600];
	cli_key_path(url, flag, path, sizeof path);
	unsigned char want[PII_CHECK_BYTES], have[PII_CHECK_BYTES];
	/* A database without a schema yet (init) names no key. */
	int named = secret_get(db, SECRET_PII_CHECK, want, sizeof want) == 0;
	struct pii_key k;
	if (mode == CLI_KEY_CREATE && !named && access(path, F_OK) != 0 && errno == ENOENT &&
	    create_key(url, path, err, sizeof err) < 0) {
		fprintf(stderr, "shequ: %s\n", err);
		return -1;
	}
	if (pii_key_file_read(path, &k, err, sizeof err) < 0) {
		fprintf(stderr,
			"shequ: %s\n"
			"shequ: the personal data in %s is sealed with the key file `shequ init` made beside it;\n"
			"shequ: restore the file from your key backup, or name it with --key-file (or SHEQU_KEY_FILE)\n",
			err, url);
		return -1;
	}
	pii_key_check(&k, have);
	if (named && sodium_memcmp(have, want, sizeof have)) {
		fprintf(stderr, "shequ: key file %s does not belong to %s: the database was sealed with another key\n",
			path, url);
		sodium_memzero(&k, sizeof k);
		return -1;
	}
	if (!named && mode == CLI_KEY_REQUIRE) {
		fprintf(stderr, "shequ: %s does not name its personal-data key: run `shequ migrate`\n", url);
		sodium_memzero(&k, sizeof k);
		return -1;
	}
	pii_key_install(&k);
	sodium_memzero(&k, sizeof k);
	return 0;
}

int cli_pii_key_remember(struct db *db)
{
	const struct pii_key *k = pii_key_current();
	unsigned char check[PII_CHECK_BYTES];
	if (!k)
		return -1;
	pii_key_check(k, check);
	if (db_begin(db) < 0 || secret_put_new(db, SECRET_PII_CHECK, check, sizeof check, clock_now()) < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}
