/* Subcommands of the shequ program. Each returns the process exit code. */
#ifndef SHEQU_CLI_H
#define SHEQU_CLI_H
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
/* Prints usage text to stdout (help) and returns 0, or to stderr and returns 2. */
int cli_usage(const char *text, int help);

#endif
