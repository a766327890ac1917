/* shequ user add|passwd|grant: accounts from the command line, audited as "命令行". */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth/audit.h"
#include "auth/auth.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/str.h"
#include "app.h"
#include "org/org.h"

static const char user_usage[] =
    "usage: shequ user add --name NAME [--username U] [--phone MOBILE] [--db URL]\n"
    "       shequ user passwd LOGIN [--db URL]\n"
    "       shequ user grant LOGIN ROLE [UNIT-SLUG] [--db URL]\n"
    "The password is read from standard input (one line; not echoed on a terminal);\n"
    "`add` with no input makes a random one and prints it.\n"
    "ROLE: resident staff supervisor street_admin district_admin system_admin.\n"
    "UNIT-SLUG: the community, street or district where the role holds\n"
    "(none for system_admin).\n";

/* Reads one line from stdin without echo on a terminal. 0 with text, 1 on EOF, -1 if too long. */
static int read_password(const char *prompt, char *out, size_t n)
{
	int tty = isatty(0);
	struct termios old, quiet;
	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(0, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSANOW, &quiet);
	}
	char *got = fgets(out, (int)n, stdin);
	if (tty) {
		tcsetattr(0, TCSANOW, &old);
		fputc('\n', stderr);
	}
	if (!got)
		return 1;
	size_t len = strcspn(out, "\r\n");
	if (out[len] == 0 && len == n - 1)
		return -1;
	out[len] = 0;
	return 0;
}

/* Commits a CLI action with its audit row; prints and returns 1 on failure. */
static int finish(struct db *db, const char *action, const char *entity_id, int64_t unit, const char *detail)
{
	struct audit_event ev = {.actor = "命令行", .unit_id = unit, .action = action, .entity = "user",
				 .entity_id = entity_id, .ip = "cli", .detail = detail};
	if (audit_write(db, &ev, clock_now()) < 0 || db_commit(db) < 0) {
		fprintf(stderr, "shequ: %s\n", db_errmsg(db));
		db_rollback(db);
		return 1;
	}
	return 0;
}

static int user_add(struct db *db, const char *name, const char *username, const char *phone)
{
	if (!name || (!username && !phone)) {
		fprintf(stderr, "shequ: user add needs --name and --username or --phone\n");
		return 2;
	}
	if (username && !str_is_username(username)) {
		fprintf(stderr, "shequ: username must be 3-32 of letters, digits, _ . - and start with a letter\n");
		return 2;
	}
	char mobile[12];
	if (phone && str_mobile_normalize(phone, mobile) < 0) {
		fprintf(stderr, "shequ: phone must be an 11-digit mobile number\n");
		return 2;
	}
	if (phone)
		phone = mobile;
	char pw[AUTH_PASSWORD_MAX * 4 + 2], generated = 0;
	int rc = isatty(0) ? read_password("password: ", pw, sizeof pw) : read_password("", pw, sizeof pw);
	if (rc < 0) {
		fprintf(stderr, "shequ: password too long\n");
		return 2;
	}
	if (rc == 1 || !*pw) {
		char tok[TOKEN_TEXT];
		token_new(tok);
		memcpy(pw, tok, 16);
		pw[16] = 0;
		generated = 1;
	}
	const char *problem = auth_password_problem(pw, username, phone);
	if (problem) {
		fprintf(stderr, "shequ: password refused: %s\n", problem);
		return 2;
	}
	char hash[128];
	int64_t id;
	if (auth_password_hash(pw, hash) < 0 || db_begin(db) < 0)
		return 1;
	rc = auth_user_add(db, username, phone, name, hash, clock_now(), &id);
	if (rc != 0) {
		db_rollback(db);
		fprintf(stderr, "shequ: %s\n", rc == DB_CONSTRAINT ? "that username or phone is taken" : db_errmsg(db));
		return 1;
	}
	char ids[24];
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	if (finish(db, "user.create", ids, 0, name))
		return 1;
	printf("user %lld added%s%s\n", (long long)id, generated ? "; password: " : "", generated ? pw : "");
	return 0;
}

static int user_passwd(struct db *db, struct arena *a, const char *login)
{
	struct auth_user u;
	char *old;
	int rc = auth_user_by_login(db, a, login, &u, &old);
	if (rc) {
		fprintf(stderr, "shequ: no such user: %s\n", login);
		return 1;
	}
	char pw[AUTH_PASSWORD_MAX * 4 + 2];
	if (read_password("new password: ", pw, sizeof pw) != 0) {
		fprintf(stderr, "shequ: no password given\n");
		return 2;
	}
	const char *problem = auth_password_problem(pw, u.username, u.phone);
	if (problem) {
		fprintf(stderr, "shequ: password refused: %s\n", problem);
		return 2;
	}
	char hash[128], ids[24];
	snprintf(ids, sizeof ids, "%lld", (long long)u.id);
	if (auth_password_hash(pw, hash) < 0 || db_begin(db) < 0)
		return 1;
	int hooks = 0;
	for (size_t m = 0; m < shequ_nmodules; m++)
		if (shequ_modules[m]->password_changed && shequ_modules[m]->password_changed(db, u.id, NULL, pw) < 0)
			hooks = -1;
	if (hooks < 0 || auth_user_set_password(db, u.id, hash, clock_now()) < 0 ||
	    auth_session_delete_others(db, u.id, NULL) < 0) {
		db_rollback(db);
		return 1;
	}
	if (finish(db, "user.password_reset", ids, 0, NULL))
		return 1;
	printf("password of %s changed; their sessions were ended\n", login);
	return 0;
}

static int user_grant(struct db *db, struct arena *a, const char *login, const char *rolename, const char *slug)
{
	int role = role_from_name(rolename);
	if (role < 0) {
		fprintf(stderr, "shequ: unknown role %s\n", rolename);
		return 2;
	}
	if ((role == ROLE_SYSTEM_ADMIN) != (slug == NULL)) {
		fprintf(stderr, "shequ: %s\n", slug ? "system_admin holds everywhere: give no unit"
						    : "this role needs the unit (community, street or district) where it holds");
		return 2;
	}
	struct auth_user u;
	char *hash;
	if (auth_user_by_login(db, a, login, &u, &hash)) {
		fprintf(stderr, "shequ: no such user: %s\n", login);
		return 1;
	}
	int64_t unit = 0;
	enum org_kind kind;
	if (slug && org_unit_by_slug(db, slug, &unit, &kind)) {
		fprintf(stderr, "shequ: no such org unit: %s\n", slug);
		return 1;
	}
	if (slug && ((role == ROLE_STREET_ADMIN && kind != ORG_STREET) ||
		     (role == ROLE_DISTRICT_ADMIN && kind != ORG_DISTRICT) ||
		     (role <= ROLE_SUPERVISOR && kind != ORG_COMMUNITY))) {
		fprintf(stderr, "shequ: %s is granted at a %s, and %s is a %s\n", rolename,
			role == ROLE_STREET_ADMIN ? "street" : role == ROLE_DISTRICT_ADMIN ? "district" : "community",
			slug, org_kind_name(kind));
		return 2;
	}
	if (db_begin(db) < 0)
		return 1;
	int rc = auth_grant_add(db, u.id, unit, (enum role)role, clock_now());
	if (rc != 0) {
		db_rollback(db);
		fprintf(stderr, "shequ: %s\n", rc == DB_CONSTRAINT ? "the user already holds that role there" : db_errmsg(db));
		return 1;
	}
	char ids[24];
	snprintf(ids, sizeof ids, "%lld", (long long)u.id);
	if (finish(db, "user.grant", ids, unit, rolename))
		return 1;
	printf("%s is now %s%s%s\n", login, rolename, slug ? " at " : "", slug ? slug : "");
	return 0;
}

int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},   {"name", required_argument, 0, 'n'},
					     {"username", required_argument, 0, 'u'}, {"phone", required_argument, 0, 'p'},
					     {"help", no_argument, 0, 'h'},	       {0}};
	const char *db_flag = NULL, *name = NULL, *username = NULL, *phone = NULL;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'd')
			db_flag = optarg;
		else if (ch == 'n')
			name = optarg;
		else if (ch == 'u')
			username = optarg;
		else if (ch == 'p')
			phone = optarg;
		else
			return cli_usage(user_usage, ch == 'h');
	}
	int nargs = argc - optind;
	char **args = argv + optind;
	if (nargs < 1)
		return cli_usage(user_usage, 0);
	struct db *db;
	if (cli_open(cli_db_url(db_flag), 1, &db) < 0)
		return 1;
	struct arena a;
	arena_init(&a, 1 << 20);
	int rc;
	if (!strcmp(args[0], "add") && nargs == 1)
		rc = user_add(db, name, username, phone);
	else if (!strcmp(args[0], "passwd") && nargs == 2)
		rc = user_passwd(db, &a, args[1]);
	else if (!strcmp(args[0], "grant") && (nargs == 3 || nargs == 4))
		rc = user_grant(db, &a, args[1], args[2], nargs == 4 ? args[3] : NULL);
	else
		rc = cli_usage(user_usage, 0);
	arena_free(&a);
	db_close(db);
	return rc;
}
