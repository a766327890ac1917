/* The HTTP test harness (tests/http/harness.c). */
#ifndef SHEQU_TESTS_HARNESS_H
#define SHEQU_TESTS_HARNESS_H
#include <curl/curl.h>
#include <sys/types.h>

#include "core/buf.h"
#include "db/db.h"

struct resp {
	long status;
	struct buf body, head;
};

extern const char *shequ;  /* path of the binary under test */
extern char dir[];	    /* the temporary directory */
extern char dbpath[512];   /* the database URL the servers use */
extern char base[64], base2[64];
extern const char *at;	    /* the server requests go to: base, or base2 on PostgreSQL */
extern pid_t server, server2;
extern int server_exit_bad;

/* A browser-like client with its own cookie jar. */
CURL *client(void);
/* A client whose requests come from this loopback address (any of
 * 127.0.0.0/8), so that tests do not share the per-address throttle. */
CURL *client_from(const char *ip);
/* GET (body NULL) or form POST to the current server; fills r. */
void request(CURL *c, const char *path, const char *body, struct curl_slist *hdrs, struct resp *r);
void done(struct resp *r);
/* GETs path from server (a base URL such as base or base2) as a new
 * visitor without cookies, with extra headers (may be NULL); fills r. */
void visit(const char *server, const char *path, struct curl_slist *hdrs, struct resp *r);
int has(const struct resp *r, const char *s);
int has_header(const struct resp *r, const char *s);
/* s URL-encoded for a form body or a query: the result lives until 16
 * more calls (one thread only). */
const char *enc(const char *s);
/* The CSRF token of the first form on the page. */
char *csrf_from(const struct resp *r);
/* Logs in through the form; returns the final status. */
long login(CURL *c, const char *user, const char *password, struct resp *out);
/* A client logged in as a demo user. */
CURL *logged_in(const char *user);
/* Rows in audit_log with this action. */
int audit_count(const char *action);
/* POSTs a form to action after fetching page for its CSRF token: the body is
 * "csrf=TOKEN&" followed by fmt (printf-style, values already URL-encoded). */
long post_form(CURL *c, const char *page, const char *action, struct resp *out, const char *fmt, ...);
/* POSTs a multipart form to action after fetching page for its CSRF token:
 * the plain fields of fields (name, value, name, value, …, NULL; may be
 * NULL) and, when file_field is not NULL, a file of len bytes named
 * filename. The status (out filled). */
long post_upload(CURL *c, const char *page, const char *action, const char *const *fields, const char *file_field,
                 const char *filename, const void *data, size_t len, struct resp *out);
/* A file for post_files: its name as the browser sends it, and its bytes. */
struct upload {
	const char *name, *data;
	size_t len;
};
/* The same as post_upload with n files under the input field and no plain
 * field. The status (out filled). */
long post_files(CURL *c, const char *page, const char *action, const char *field, const struct upload *files,
                size_t n, struct resp *out);
/* Runs a shell command and returns its exit status (-1 if it did not exit). */
int run_status(const char *fmt, ...);
/* Runs a shell command; exits the test on failure. */
void run(const char *fmt, ...);
/* Starts one more `shequ serve` on the test database with extra options
 * (NULL-terminated); fills url ("http://127.0.0.1:PORT"). Its pid, or -1. */
pid_t start_extra_server(char *url, const char *const *extra);
/* Stops it with SIGTERM: 0 if it exited cleanly, else -1. */
int stop_extra_server(pid_t pid);
/* cmocka group setup/teardown: start and stop the server(s). */
int start_server(void **state);
int stop_server(void **state);

#endif

#ifndef SHEQU_TESTS_HARNESS_DB
#define SHEQU_TESTS_HARNESS_DB
/* Runs one SQL statement on the test database with up to two text
 * parameters and returns the first column of the first row as an integer
 * (-1 if none). For setting up and checking, never for what is tested. */
int64_t db_int(const char *sql, const char *p1, const char *p2);
/* Runs one SQL statement with no result. 0 or -1. */
int db_exec1(const char *sql);
/* Runs one SQL statement with n integer parameters (int64_t each, bound
 * as ?1..?n): the first column of its first row, 0 when it returns none
 * (an UPDATE, an INSERT), -1 when it fails. Ids and times of the test go
 * in as parameters, never printed into the SQL. */
int64_t db_int_args(const char *sql, int n, ...);
/* The demo community 幸福里's catalogue item with this code, its newest
 * post whose title is LIKE like, and a community's public log size. */
int64_t item_of(const char *code);
int64_t post_titled(const char *like);
int64_t log_size(const char *community);
#endif
