/* Subcommands of the shequ program. Each returns the process exit code. */
#ifndef SHEQU_CLI_H
#define SHEQU_CLI_H
#include <stddef.h>

#include "db/db.h"

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_org(int argc, char **argv);

/* The database to use: the --db flag, else $SHEQU_DB, else var/shequ.db. */
const char *cli_db_url(const char *flag);
/* Opens the database; with check set, also refuses a schema that does not
 * match this binary. Prints the reason and returns -1 on failure. */
int cli_open(const char *url, int check, struct db **db);
/* The personal-data key file of a database: the flag, else $SHEQU_KEY_FILE,
 * else beside a database file (<path>.key), else var/shequ-pg.key for a
 * PostgreSQL URL. Written into buf (n bytes). */
const char *cli_key_path(const char *db_url, const char *flag, char *buf, size_t n);
enum cli_key_mode {
	CLI_KEY_REQUIRE, /* the file must be there and belong to the database */
	CLI_KEY_CREATE,	 /* init, migrate: a database that names no key yet takes the file, made when missing */
};
/* Reads the database's key file and installs the key for the process
 * (pii_key_install), after checking it against the check value the
 * database holds. Prints the reason and returns -1 when the file is
 * missing, unreadable, open to others or belongs to another database. */
int cli_pii_key(struct db *db, const char *url, const char *flag, enum cli_key_mode mode);
/* Stores the installed key's check value in a database that has none. 0 or -1. */
int cli_pii_key_remember(struct db *db);
/* Reads a whole regular file of at most max bytes into memory (malloc,
 * NUL-terminated; the caller frees it); *n set. NULL with errno set when
 * it cannot be opened or read, is not a regular file (EINVAL) or is
 * bigger (EFBIG). */
char *cli_read_file(const char *path, size_t max, size_t *n);
/* The operating-system user who runs the command, for audit rows ("?"
 * when unknown). */
const char *cli_os_user(void);
/* Prints usage text to stdout (help) and returns 0, or to stderr and returns 2. */
int cli_usage(const char *text, int help);

#endif
