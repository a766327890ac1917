/* The HTTP test harness: a real `shequ serve` (two on PostgreSQL) over a
 * database made by `shequ init` and `shequ demo`, and a libcurl client
 * with a cookie jar per visitor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

const char *shequ;
char dir[] = "/tmp/shequ-http-XXXXXX";
char dbpath[512];
char base[64], base2[64];
const char *at = base; /* the server requests go to */
pid_t server, server2;
int server_exit_bad; /* cmocka reports a failed group teardown but still exits 0 */


static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
	buf_append(ud, p, size * n);
	return size * n;
}

/* A browser-like client: its own cookie jar. */
CURL *client(void)
{
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
	return c;
}

CURL *client_from(const char *ip)
{
	CURL *c = client();
	curl_easy_setopt(c, CURLOPT_INTERFACE, ip);
	return c;
}

/* Sends a request; body non-NULL makes it a form POST. */
void request(CURL *c, const char *path, const char *body, struct curl_slist *hdrs, struct resp *r)
{
	char url[512];
	snprintf(url, sizeof url, "%s%s", at, path);
	buf_init(&r->body, 1 << 22);
	buf_init(&r->head, 1 << 16);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &r->head);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	} else {
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	}
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	buf_putc(&r->body, 0);
	buf_putc(&r->head, 0);
}

void visit(const char *server, const char *path, struct curl_slist *hdrs, struct resp *r)
{
	const char *save = at;
	at = server;
	CURL *c = client();
	request(c, path, NULL, hdrs, r);
	curl_easy_cleanup(c);
	at = save;
}

void done(struct resp *r)
{
	buf_free(&r->body);
	buf_free(&r->head);
}

int has(const struct resp *r, const char *s)
{
	return r->body.data && strstr(r->body.data, s) != NULL;
}

int has_header(const struct resp *r, const char *s)
{
	return r->head.data && strcasestr(r->head.data, s) != NULL;
}

/* The CSRF token from the first form on a page. */
const char *enc(const char *s)
{
	static char *ring[16];
	static int next;
	curl_free(ring[next]);
	ring[next] = curl_easy_escape(NULL, s, 0);
	const char *out = ring[next];
	next = (next + 1) % 16;
	return out;
}

char *csrf_from(const struct resp *r)
{
	static char tok[64];
	const char *p = strstr(r->body.data, "name=\"csrf\" value=\"");
	assert_non_null(p);
	p += strlen("name=\"csrf\" value=\"");
	size_t n = strcspn(p, "\"");
	assert_true(n < sizeof tok);
	memcpy(tok, p, n);
	tok[n] = 0;
	return tok;
}

/* Fetches the login form, then posts the credentials; returns the status. */
long login(CURL *c, const char *user, const char *password, struct resp *out)
{
	struct resp r;
	request(c, "/login", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	char body[512];
	snprintf(body, sizeof body, "csrf=%s&login=%s&password=%s", csrf_from(&r), user, password);
	done(&r);
	request(c, "/login", body, NULL, out);
	return out->status;
}

CURL *logged_in(const char *user)
{
	CURL *c = client();
	struct resp r;
	assert_int_equal(login(c, user, "demo-pass-2026", &r), 303);
	done(&r);
	return c;
}

/* Counts rows in the audit log with this action, read straight from the database. */
int audit_count(const char *action)
{
	static struct db_query q = DB_QUERY("SELECT COUNT(*) FROM audit_log WHERE action = ?");
	struct db *db;
	char err[256];
	assert_int_equal(db_open(dbpath, &db, err, sizeof err), 0);
	struct db_stmt *st = db_stmt(db, &q);
	assert_non_null(st);
	db_bind_text(st, 1, action, -1);
	int64_t n = -1;
	assert_int_equal(db_one_int(st, &n), 0);
	db_close(db);
	return (int)n;
}

void run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	if (system(cmd) != 0) {
		fprintf(stderr, "failed: %s\n", cmd);
		exit(1);
	}
}

static int spawn_server(pid_t *pid, char *url, const char *const *extra);

int start_server(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	/* tests/pg/with-postgres.sh sets SHEQU_TEST_PG to run the suite on PostgreSQL. */
	const char *pg = getenv("SHEQU_TEST_PG");
	if (pg && *pg) {
		snprintf(dbpath, sizeof dbpath, "%s", pg);
		/* No file beside a PostgreSQL database: the key file is named. */
		char key[600];
		snprintf(key, sizeof key, "%s/pg.key", dir);
		setenv("SHEQU_KEY_FILE", key, 1);
	} else {
		snprintf(dbpath, sizeof dbpath, "%s/t.db", dir);
	}
	run("%s init --db '%s' >/dev/null", shequ, dbpath);
	run("%s demo --db '%s' >/dev/null", shequ, dbpath);
	if (spawn_server(&server, base, NULL) < 0)
		return -1;
	/* On PostgreSQL a second process serves the same database: the two must act as one site. */
	if (pg && *pg && spawn_server(&server2, base2, NULL) < 0)
		return -1;
	return 0;
}

/* Starts `shequ serve` on a free port, with the extra options (NULL-terminated,
 * may be NULL); fills *pid and url. 0 or -1. */
static int spawn_server(pid_t *pid, char *url, const char *const *extra)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	char log[300];
	snprintf(log, sizeof log, "%s/access.log", dir);
	const char *argv[32] = {shequ, "serve", "--db", dbpath, "--listen", "127.0.0.1:0", "--threads", "2",
				"--max-body", "65536", "--access-log", log};
	size_t n = 12;
	for (size_t i = 0; extra && extra[i] && n < 31; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	*pid = fork();
	if (*pid == 0) {
		dup2(fds[1], 1);
		/* A suite that reads the server's log names a file for its stderr. */
		const char *log_to = getenv("SHEQU_TEST_SERVER_LOG");
		if (log_to && *log_to) {
			int lf = open(log_to, O_WRONLY | O_CREAT | O_APPEND, 0600);
			if (lf >= 0)
				dup2(lf, 2);
		}
		close(fds[0]);
		execv(shequ, (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	FILE *f = fdopen(fds[0], "r");
	char line[256];
	if (!fgets(line, sizeof line, f)) {
		fclose(f);
		return -1;
	}
	int port = 0;
	if (sscanf(line, "listening on http://127.0.0.1:%d/", &port) != 1) {
		fclose(f);
		return -1;
	}
	snprintf(url, 64, "http://127.0.0.1:%d", port);
	fclose(f);
	return 0;
}

pid_t start_extra_server(char *url, const char *const *extra)
{
	pid_t pid;
	return spawn_server(&pid, url, extra) == 0 ? pid : -1;
}

int stop_extra_server(pid_t pid)
{
	int status = 0;
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int stop_server(void **state)
{
	(void)state;
	int status = 0, status2 = 0;
	if (server2) {
		kill(server2, SIGTERM);
		waitpid(server2, &status2, 0);
	}
	kill(server, SIGTERM);
	waitpid(server, &status, 0);
	status |= status2;
	run("rm -rf %s", dir);
	/* A clean shutdown on SIGTERM exits 0. */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	fprintf(stderr, "shequ serve did not exit cleanly on SIGTERM (status %d)\n", status);
	server_exit_bad = 1;
	return -1;
}


int64_t db_int(const char *sql, const char *p1, const char *p2)
{
	struct db *db;
	char err[256];
	if (db_open(dbpath, &db, err, sizeof err) < 0)
		return -1;
	struct db_stmt *st = db_prepare_adhoc(db, sql);
	int64_t v = -1;
	if (st) {
		if (p1)
			db_bind_text(st, 1, p1, -1);
		if (p2)
			db_bind_text(st, 2, p2, -1);
		if (db_step(st) == DB_ROW)
			v = db_col_int(st, 0);
		db_finalize(st);
	}
	db_close(db);
	return v;
}

int64_t db_int_args(const char *sql, int n, ...)
{
	struct db *db;
	char err[256];
	if (db_open(dbpath, &db, err, sizeof err) < 0)
		return -1;
	struct db_stmt *st = db_prepare_adhoc(db, sql);
	int64_t v = -1;
	if (st) {
		va_list ap;
		va_start(ap, n);
		for (int i = 0; i < n; i++)
			db_bind_int(st, i + 1, va_arg(ap, int64_t));
		va_end(ap);
		int rc = db_step(st);
		v = rc == DB_ROW ? db_col_int(st, 0) : rc == DB_DONE ? 0 : -1;
		db_finalize(st);
	}
	db_close(db);
	return v;
}

int db_exec1(const char *sql)
{
	struct db *db;
	char err[256];
	if (db_open(dbpath, &db, err, sizeof err) < 0)
		return -1;
	int rc = db_exec_script(db, sql);
	db_close(db);
	return rc;
}

long post_form(CURL *c, const char *page, const char *action, struct resp *out, const char *fmt, ...)
{
	struct resp r;
	request(c, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	char *tok = csrf_from(&r);
	char body[16384];
	int n = snprintf(body, sizeof body, "csrf=%s&", tok);
	done(&r);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(body + n, sizeof body - (size_t)n, fmt, ap);
	va_end(ap);
	request(c, action, body, NULL, out);
	return out->status;
}

/* post_upload and post_files: the fields, then n files under file_field. */
static long post_multipart(CURL *c, const char *page, const char *action, const char *const *fields,
                           const char *file_field, const struct upload *files, size_t n, struct resp *out)
{
	struct resp r;
	request(c, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	char tok[128];
	const char *t = csrf_from(&r);
	snprintf(tok, sizeof tok, "%s", t ? t : "");
	done(&r);
	curl_mime *m = curl_mime_init(c);
	curl_mimepart *p = curl_mime_addpart(m);
	curl_mime_name(p, "csrf");
	curl_mime_data(p, tok, CURL_ZERO_TERMINATED);
	for (size_t i = 0; fields && fields[i] && fields[i + 1]; i += 2) {
		p = curl_mime_addpart(m);
		curl_mime_name(p, fields[i]);
		curl_mime_data(p, fields[i + 1], CURL_ZERO_TERMINATED);
	}
	for (size_t i = 0; file_field && i < n; i++) {
		p = curl_mime_addpart(m);
		curl_mime_name(p, file_field);
		curl_mime_filename(p, files[i].name);
		curl_mime_data(p, files[i].data, files[i].len);
	}
	char url[512];
	snprintf(url, sizeof url, "%s%s", at, action);
	buf_init(&out->body, 1 << 22);
	buf_init(&out->head, 1 << 16);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, m);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &out->body);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &out->head);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	buf_putc(&out->body, 0);
	buf_putc(&out->head, 0);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, NULL);
	curl_mime_free(m);
	return out->status;
}

long post_upload(CURL *c, const char *page, const char *action, const char *const *fields, const char *file_field,
                 const char *filename, const void *data, size_t len, struct resp *out)
{
	const struct upload one = {filename, data, len};
	return post_multipart(c, page, action, fields, file_field, &one, 1, out);
}

long post_files(CURL *c, const char *page, const char *action, const char *field, const struct upload *files,
                size_t n, struct resp *out)
{
	return post_multipart(c, page, action, NULL, field, files, n, out);
}

int run_status(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"

int64_t item_of(const char *code)
{
	return db_int("SELECT id FROM disclosure_item WHERE community_id = " XFL " AND code = ?", code, NULL);
}

int64_t post_titled(const char *like)
{
	return db_int("SELECT MAX(id) FROM disclosure_post WHERE community_id = " XFL " AND title LIKE ?", like, NULL);
}

int64_t log_size(const char *community)
{
	return db_int("SELECT size FROM tlog_head WHERE community_id = (SELECT id FROM org_unit WHERE slug = ?)", community,
		      NULL);
}
