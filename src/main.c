/* shequ: the community platform's one program. Subcommands in src/cli/. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "cli/cli.h"

static const char usage[] =
    "usage: shequ <command> [options]\n"
    "commands:\n"
    "  init      create a new database with its keys\n"
    "  serve     serve the site and the API over HTTP\n"
    "  demo      fill a new database with demo data\n"
    "  user      add users, set passwords, grant roles\n"
    "  org       add districts, streets, communities and grids\n"
    "  migrate   bring a database's schema up to this version\n"
    "  backup    copy the database while it serves\n"
    "  copy      move a whole deployment to another database (SQLite, PostgreSQL)\n"
    "  verify    check the disclosure boards' public records\n"
    "`shequ <command> --help` tells more; `man shequ` tells all.\n";

int main(int argc, char **argv)
{
	/* Everything shequ writes (the database and its WAL, the key file,
	 * backups, logs) holds keys, password hashes or personal data: readable
	 * by the deployment's own user only. */
	umask(077);
	if (sodium_init() < 0) {
		fprintf(stderr, "shequ: libsodium failed to start\n");
		return 1;
	}
	if (argc < 2)
		return cli_usage(usage, 0);
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help"))
		return cli_usage(usage, 1);
	if (!strcmp(cmd, "--version")) {
		printf("shequ %s\n", SHEQU_VERSION);
		return 0;
	}
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} cmds[] = {{"init", cmd_init},	      {"serve", cmd_serve},	{"demo", cmd_demo},
		    {"user", cmd_user},	      {"migrate", cmd_migrate}, {"backup", cmd_backup},
		    {"copy", cmd_copy}, {"verify", cmd_verify},
		    {"org", cmd_org}};
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		if (!strcmp(cmd, cmds[i].name))
			return cmds[i].run(argc - 1, argv + 1);
	fprintf(stderr, "shequ: unknown command '%s'\n", cmd);
	return cli_usage(usage, 0);
}
