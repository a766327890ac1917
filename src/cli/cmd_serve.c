/* shequ serve: options from flags, then environment, then a config file. */
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "auth/auth.h"
#include "cli/cli.h"
#include "core/str.h"
#include "db/secrets.h"
#include "http/server.h"

static const char serve_usage[] =
    "usage: shequ serve [options]\n"
    "  --db URL            database (default $SHEQU_DB or var/shequ.db)\n"
    "  --key-file FILE     the key that seals personal data (default $SHEQU_KEY_FILE, else\n"
    "                      <db>.key beside a database file, var/shequ-pg.key for PostgreSQL);\n"
    "                      without it shequ refuses to start\n"
    "  --listen HOST:PORT  address to listen on (default 127.0.0.1:8080; port 0 picks one)\n"
    "  --threads N         worker threads, one event loop and database connection each\n"
    "                      (default: number of cores)\n"
    "  --max-body BYTES    largest request body accepted (default 33554432: room for\n"
    "                      a post with its attachments, 10 MB each)\n"
    "  --access-log FILE   append one line per request to FILE ('-' for stderr, 'off' for none)\n"
    "  --secure-cookies    mark cookies Secure (when a TLS proxy is in front)\n"
    "  --trust-proxy       take the client address from X-Forwarded-For on requests\n"
    "                      from this machine (a reverse proxy on loopback)\n"
    "  --public-url URL    the site's address as visitors reach it, for absolute links\n"
    "                      in feeds and poster QR codes (default: the one given to\n"
    "                      `shequ init --public-url`, else http://HOST:PORT of --listen)\n"
    "  --hash-threads N    password workers, each with its own database connection:\n"
    "                      they check and hash passwords, and wait for the poster\n"
    "                      renderer, off the event loops (default 2; 0: on the loops)\n"
    "  --hash-queue N      password and poster requests waiting or running at most;\n"
    "                      beyond that the server answers 503 at once (default 64)\n"
    "  --login-delay SECS  after 5 wrong passwords in a row an account waits SECS\n"
    "                      before the next attempt, twice as long after each further\n"
    "                      one, at most 15 minutes (default 60)\n"
    "  --page-cache SIZE   keep rendered pages for visitors without a session in memory,\n"
    "                      valid while the data they show is unchanged: SIZE in MB\n"
    "                      (1..4096), 'on' for 16 or 'off' (default on)\n"
    "  --tick-seconds N    run the modules' background work (work-order reminders)\n"
    "                      every N seconds, 0 for never (default 60)\n"
    "  --config FILE       read `key = value` lines: db, key_file, listen, threads,\n"
    "                      max_body, access_log, secure_cookies, trust_proxy,\n"
    "                      hash_threads, hash_queue, login_delay, public_url, page_cache\n"
    "Environment: SHEQU_DB, SHEQU_KEY_FILE, SHEQU_LISTEN, SHEQU_THREADS. Flags win over\n"
    "the environment, which wins over the config file.\n";

struct serve_conf {
	const char *db, *key_file, *listen, *threads, *max_body, *access_log, *secure, *proxy, *public_url;
	const char *hash_threads, *hash_queue, *login_delay, *page_cache, *tick_seconds;
};

/* Fills unset fields of c from a config file, with the values kept in a.
 * 0 or -1 (message printed). */
static int read_config(const char *path, struct serve_conf *c, struct arena *a)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "shequ: cannot read config %s\n", path);
		return -1;
	}
	char line[1024];
	int lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *p = line + strspn(line, " \t");
		if (*p == '#' || *p == '\n' || !*p)
			continue;
		char *eq = strchr(p, '=');
		if (!eq) {
			fprintf(stderr, "shequ: %s:%d: expected key = value\n", path, lineno);
			fclose(f);
			return -1;
		}
		char *k_end = eq;
		while (k_end > p && (k_end[-1] == ' ' || k_end[-1] == '\t'))
			k_end--;
		*k_end = 0;
		char *v = eq + 1 + strspn(eq + 1, " \t");
		v[strcspn(v, "\r\n")] = 0;
		for (size_t n = strlen(v); n && (v[n - 1] == ' ' || v[n - 1] == '\t'); n--)
			v[n - 1] = 0;
		const char **slot = !strcmp(p, "db")		  ? &c->db
				    : !strcmp(p, "key_file")	  ? &c->key_file
				    : !strcmp(p, "listen")	  ? &c->listen
				    : !strcmp(p, "threads")	  ? &c->threads
				    : !strcmp(p, "max_body")	  ? &c->max_body
				    : !strcmp(p, "access_log")	  ? &c->access_log
				    : !strcmp(p, "secure_cookies") ? &c->secure
				    : !strcmp(p, "trust_proxy")	  ? &c->proxy
				    : !strcmp(p, "public_url")	  ? &c->public_url
				    : !strcmp(p, "hash_threads")	  ? &c->hash_threads
				    : !strcmp(p, "hash_queue")	  ? &c->hash_queue
				    : !strcmp(p, "login_delay")	  ? &c->login_delay
				    : !strcmp(p, "page_cache")	  ? &c->page_cache
								  : NULL;
		if (!slot) {
			fprintf(stderr, "shequ: %s:%d: unknown key '%s'\n", path, lineno, p);
			fclose(f);
			return -1;
		}
		if (!*slot)
			*slot = arena_strdup(a, v);
	}
	fclose(f);
	return 0;
}

static const char *env_or(const char *have, const char *name)
{
	const char *v = getenv(name);
	return have ? have : v && *v ? v : NULL;
}

static int cmd_serve_with(struct serve_conf *cp, const char *config, struct arena *conf);

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, 0, 'd'},	      {"listen", required_argument, 0, 'l'},
	    {"threads", required_argument, 0, 't'},   {"max-body", required_argument, 0, 'm'},
	    {"access-log", required_argument, 0, 'a'}, {"config", required_argument, 0, 'c'},
	    {"secure-cookies", no_argument, 0, 's'},   {"help", no_argument, 0, 'h'},
	    {"trust-proxy", no_argument, 0, 'p'},     {"public-url", required_argument, 0, 'u'},
	    {"hash-threads", required_argument, 0, 'H'}, {"key-file", required_argument, 0, 'k'},
	    {"hash-queue", required_argument, 0, 'Q'}, {"login-delay", required_argument, 0, 'D'},
	    {"page-cache", required_argument, 0, 'P'}, {"tick-seconds", required_argument, 0, 'T'}, {0}};
	struct serve_conf c = {0};
	const char *config = NULL;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			c.db = optarg;
			break;
		case 'l':
			c.listen = optarg;
			break;
		case 'k':
			c.key_file = optarg;
			break;
		case 't':
			c.threads = optarg;
			break;
		case 'm':
			c.max_body = optarg;
			break;
		case 'a':
			c.access_log = optarg;
			break;
		case 'c':
			config = optarg;
			break;
		case 's':
			c.secure = "1";
			break;
		case 'p':
			c.proxy = "1";
			break;
		case 'u':
			c.public_url = optarg;
			break;
		case 'H':
			c.hash_threads = optarg;
			break;
		case 'Q':
			c.hash_queue = optarg;
			break;
		case 'D':
			c.login_delay = optarg;
			break;
		case 'P':
			c.page_cache = optarg;
			break;
		case 'T':
			c.tick_seconds = optarg;
			break;
		default:
			return cli_usage(serve_usage, ch == 'h');
		}
	}
	if (optind != argc)
		return cli_usage(serve_usage, 0);
	c.db = env_or(c.db, "SHEQU_DB");
	c.key_file = env_or(c.key_file, "SHEQU_KEY_FILE");
	c.listen = env_or(c.listen, "SHEQU_LISTEN");
	c.threads = env_or(c.threads, "SHEQU_THREADS");
	struct arena conf;
	arena_init(&conf, 1 << 20);
	int rc = cmd_serve_with(&c, config, &conf);
	arena_free(&conf);
	return rc;
}

/* The rest of cmd_serve, once flags and environment are read. */
static int cmd_serve_with(struct serve_conf *cp, const char *config, struct arena *conf)
{
	struct serve_conf c = *cp;
	if (config && read_config(config, &c, conf) < 0)
		return 2;

	struct server_opts o = {.host = "127.0.0.1", .port = 8080, .max_body = 32u << 20, .arena_cap = 64u << 20,
				.hash_threads = 2, .hash_queue = 64};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	o.threads = cores > 0 ? (int)cores : 1;
	int64_t v;
	if (c.threads && (str_to_int64(c.threads, &v) < 0 || v < 1 || v > 256)) {
		fprintf(stderr, "shequ: --threads must be 1..256\n");
		return 2;
	}
	if (c.threads)
		o.threads = (int)v;
	if (c.max_body && (str_to_int64(c.max_body, &v) < 0 || v < 1024 || v > (1 << 30))) {
		fprintf(stderr, "shequ: --max-body must be 1024..1073741824\n");
		return 2;
	}
	if (c.max_body)
		o.max_body = (size_t)v;
	if (c.hash_threads && (str_to_int64(c.hash_threads, &v) < 0 || v < 0 || v > 64)) {
		fprintf(stderr, "shequ: --hash-threads must be 0..64\n");
		return 2;
	}
	if (c.hash_threads)
		o.hash_threads = (int)v;
	if (c.hash_queue && (str_to_int64(c.hash_queue, &v) < 0 || v < 1 || v > 100000)) {
		fprintf(stderr, "shequ: --hash-queue must be 1..100000\n");
		return 2;
	}
	if (c.hash_queue)
		o.hash_queue = (int)v;
	int64_t login_delay = 0;
	if (c.login_delay && (str_to_int64(c.login_delay, &login_delay) < 0 || login_delay < 1 ||
			      login_delay > AUTH_THROTTLE_DELAY_MAX)) {
		fprintf(stderr, "shequ: --login-delay must be 1..%d seconds\n", AUTH_THROTTLE_DELAY_MAX);
		return 2;
	}
	o.page_cache = 16u << 20;
	if (c.page_cache && !strcmp(c.page_cache, "off"))
		o.page_cache = 0;
	else if (c.page_cache && strcmp(c.page_cache, "on")) {
		if (str_to_int64(c.page_cache, &v) < 0 || v < 1 || v > 4096) {
			fprintf(stderr, "shequ: --page-cache must be off, on or 1..4096 (MB)\n");
			return 2;
		}
		o.page_cache = (size_t)v << 20;
	}
	o.tick_seconds = 60;
	if (c.tick_seconds && (str_to_int64(c.tick_seconds, &v) < 0 || v < 0 || v > 86400)) {
		fprintf(stderr, "shequ: --tick-seconds must be 0..86400\n");
		return 2;
	}
	if (c.tick_seconds)
		o.tick_seconds = (int)v;
	static char host[256];
	if (c.listen) {
		const char *colon = strrchr(c.listen, ':');
		if (!colon || colon == c.listen || (size_t)(colon - c.listen) >= sizeof host ||
		    str_to_int64(colon + 1, &v) < 0 || v < 0 || v > 65535) {
			fprintf(stderr, "shequ: --listen wants HOST:PORT, e.g. 127.0.0.1:8080\n");
			return 2;
		}
		memcpy(host, c.listen, (size_t)(colon - c.listen));
		host[colon - c.listen] = 0;
		o.host = host;
		o.port = (int)v;
	}
	o.access_log_fd = 2;
	if (c.access_log && !strcmp(c.access_log, "off"))
		o.access_log_fd = -1;
	else if (c.access_log && strcmp(c.access_log, "-")) {
		o.access_log_fd = open(c.access_log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
		if (o.access_log_fd < 0) {
			fprintf(stderr, "shequ: cannot open access log %s\n", c.access_log);
			return 1;
		}
	}
	o.db_url = cli_db_url(c.db);
	if (c.public_url && !str_is_base_url(c.public_url)) {
		fprintf(stderr, "shequ: --public-url wants http(s)://HOST[:PORT][/PATH] without a final slash\n");
		return 2;
	}

	struct db *db;
	if (cli_open(o.db_url, 1, &db) < 0)
		return 1;
	/* Nothing is served without the key: pages would fail where they open personal data. */
	if (cli_pii_key(db, o.db_url, c.key_file, CLI_KEY_REQUIRE) < 0) {
		db_close(db);
		return 1;
	}
	struct app app;
	char err[512];
	if (app_init(&app, db, err, sizeof err) < 0) {
		fprintf(stderr, "shequ: %s\n", err);
		db_close(db);
		return 1;
	}
	app.secure_cookies = c.secure && strcmp(c.secure, "0") && strcmp(c.secure, "false");
	/* Absolute links come from configuration, never from the Host header. */
	char *stored = NULL;
	if (!c.public_url && setting_get(db, conf, SETTING_PUBLIC_URL, &stored) < 0) {
		fprintf(stderr, "shequ: cannot read settings: %s\n", db_errmsg(db));
		db_close(db);
		app_free(&app);
		return 1;
	}
	app.public_url = c.public_url	? c.public_url
			 : stored	? stored
					: arena_printf(conf, "http://%s:%d", o.host, o.port);
	o.trust_proxy = c.proxy && strcmp(c.proxy, "0") && strcmp(c.proxy, "false");
	app.login_delay = login_delay;
	db_close(db);
	int rc = server_run(&o, &app);
	app_free(&app);
	if (o.access_log_fd > 2)
		close(o.access_log_fd);
	return rc < 0 ? 1 : 0;
}
