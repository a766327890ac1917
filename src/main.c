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
    "  verify    check the disclosure boards' public records\n";
static const char usage_tail[] = "`shequ <command> --help` tells more; `man shequ` tells all.\n";

/* The usage text with the modules' subcommands listed after the core's. */
static int usage_all(int help)
{
	FILE *f = help ? stdout : stderr;
	fputs(usage, f);
	for (size_t i = 0; i < shequ_nmodules; i++)
		for (const struct module_command *c = shequ_modules[i]->commands; c && c->name; c++)
			fprintf(f, "  %-9s %s\n", c->name, c->summary);
	fputs(usage_tail, f);
	return help ? 0 : 2;
}

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
	char err[256];
	if (app_register(err, sizeof err) < 0) {
		fprintf(stderr, "shequ: %s\n", err);
		return 1;
	}
	if (argc < 2)
		return usage_all(0);
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help"))
		return usage_all(1);
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
	const struct module_command *mc = app_command(shequ_modules, shequ_nmodules, cmd);
	if (mc)
		return mc->run(argc - 1, argv + 1);
	fprintf(stderr, "shequ: unknown command '%s'\n", cmd);
	return usage_all(0);
}
