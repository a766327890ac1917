/* Attacks from outside, one test each: crafted log paths, open redirects.
 * Each reproduces a defect found by trying the site as an attacker would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.h"

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"

/* The width a tile path asks for: W of ".p/W", else 256. */
static long tile_width(const char *path)
{
	const char *p = strstr(path, ".p/");
	return p ? strtol(p + 3, NULL, 10) : 256;
}

/* Bytes received (the harness ends the body with a NUL of its own). */
static long body_len(const struct resp *r)
{
	return (long)r->body.len - 1;
}

/* The public health check answers: the server is still alive. */
static void server_is_alive(CURL *c)
{
	struct resp r;
	request(c, "/api/v1/health", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
}

static char server_log[600];

/* 1 if the servers' log holds a line containing both a and b. */
static int logged(const char *a, const char *b)
{
	FILE *f = fopen(server_log, "r");
	char line[2048];
	int found = 0;
	while (f && !found && fgets(line, sizeof line, f))
		found = strstr(line, a) && strstr(line, b);
	if (f)
		fclose(f);
	return found;
}

/* A 500 is logged with method, path, request id and the database's
 * message, and the page shows the id to quote. (Runs first: the community
 * home's statements must not be prepared yet, so renaming a table breaks
 * them on both databases.) */
static void errors_are_logged_with_their_cause(void **state)
{
	(void)state;
	assert_int_equal(db_exec1("ALTER TABLE committee_member RENAME TO committee_member_gone"), 0);
	CURL *c = client();
	struct resp r;
	request(c, "/c/xingfuli/", NULL, NULL, &r);
	assert_int_equal(db_exec1("ALTER TABLE committee_member_gone RENAME TO committee_member"), 0);
	assert_int_equal(r.status, 500);
	assert_true(has(&r, "错误编号"));
	const char *h = strcasestr(r.head.data, "x-request-id: ");
	assert_non_null(h);
	char id[32], want[64];
	snprintf(id, sizeof id, "%.*s", (int)strcspn(h + 14, "\r\n"), h + 14);
	assert_true(has(&r, id));
	snprintf(want, sizeof want, "500 GET /c/xingfuli/ request=%s:", id);
	assert_true(logged(want, "committee_member"));
	done(&r);
	/* The same page works again once the table is back. */
	request(c, "/c/xingfuli/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	curl_easy_cleanup(c);
}

/* The tile path that answered 200 with 8 KiB of process memory (its index
 * times 256 overflowed) and its neighbours, which crashed the server. */
static void crafted_tile_indexes_answer_404_and_leak_nothing(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	const char *paths[] = {
	    "/c/xingfuli/log/tile/0/x036/x028/x797/x018/x963/968",
	    "/c/xingfuli/log/tile/0/x036/x028/x797/x018/x963/969",
	    "/c/xingfuli/log/tile/0/x036/x028/x797/x018/x963/967",
	    "/c/xingfuli/log/tile/0/x072/x057/x594/x037/x927/936",
	    "/c/xingfuli/log/tile/1/x000/x140/x737/x488/x355/328",
	    "/c/xingfuli/log/tile/2/x000/x000/x549/x755/x813/888",
	    "/c/xingfuli/log/tile/3/x000/x000/x002/x147/x483/648",
	    "/c/xingfuli/log/tile/0/x018/x446/x744/x073/x709/551.p/255",
	    "/c/xingfuli/log/tile/0/x999/x999/x999/x999/x999/x999/999",
	    "/c/xingfuli/log/tile/0/x001/x000/x000/x000/x000/x000/x000/000",
	};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		request(c, paths[i], NULL, NULL, &r);
		assert_int_equal(r.status, 404);
		/* The way back leads to the community's board. */
		assert_true(has(&r, "<a href=\"/c/xingfuli/board/\">返回幸福里社区公开栏</a>"));
		/* The error page, not tile bytes, and never cacheable as immutable. */
		assert_true(has(&r, "没有这一块默克尔树数据"));
		assert_false(has_header(&r, "immutable"));
		done(&r);
	}
	server_is_alive(c);
	curl_easy_cleanup(c);
}

static unsigned long rnd_state = 20261128;
static unsigned long rnd(void)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return rnd_state >> 33;
}

/* One random or boundary path segment for the log endpoints. */
static void piece(char *out, size_t cap)
{
	static const char *const nums[] = {"0",	   "1",	   "2",	   "255", "256", "257", "65535", "65536", "4294967296",
					   "9223372036854775807", "9223372036854775808", "-1", "00", "1e3", "0x10", "",
					   "%00", "..", "%2e%2e", "x"};
	static const char *const tails[] = {"", ".p/1", ".p/255", ".p/256", ".p/0", ".p/", ".p/-1", "/", "//", ".p/1/x"};
	switch (rnd() % 4) {
	case 0:
		snprintf(out, cap, "%s", nums[rnd() % (sizeof nums / sizeof *nums)]);
		break;
	case 1: { /* a tlog-tiles index path, sometimes malformed */
		size_t n = 0;
		int groups = 1 + (int)(rnd() % 9);
		for (int g = 0; g < groups && n + 8 < cap; g++)
			n += (size_t)snprintf(out + n, cap - n, "%s%03lu%s", g + 1 < groups ? "x" : "", rnd() % 1000,
					      g + 1 < groups ? "/" : "");
		snprintf(out + n, cap - n, "%s", tails[rnd() % (sizeof tails / sizeof *tails)]);
		break;
	}
	case 2:
		snprintf(out, cap, "%lu", rnd() * rnd());
		break;
	default:
		snprintf(out, cap, "%lu/%03lu%s", rnd() % 5, rnd() % 1000, tails[rnd() % (sizeof tails / sizeof *tails)]);
	}
}

/* A few hundred random and boundary paths to every log endpoint: only 200
 * with the right size, or a 4xx; the server stays up throughout. */
static void log_endpoints_survive_random_and_boundary_paths(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	int ok = 0, refused = 0;
	long log_size = -1;
	request(c, "/c/xingfuli/log/checkpoint", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(sscanf(strchr(r.body.data, '\n') + 1, "%ld", &log_size), 1);
	assert_true(log_size > 0);
	done(&r);
	for (int i = 0; i < 400; i++) {
		char a[128], b[128], path[400];
		piece(a, sizeof a);
		piece(b, sizeof b);
		int kind = i % 5;
		if (kind == 0)
			snprintf(path, sizeof path, "/c/xingfuli/log/tile/%s", a);
		else if (kind == 1)
			snprintf(path, sizeof path, "/c/xingfuli/log/tile/%lu/%s", rnd() % 4, a);
		else if (kind == 2)
			snprintf(path, sizeof path, "/c/xingfuli/log/leaf/%s", a);
		else if (kind == 3)
			snprintf(path, sizeof path, "/c/xingfuli/log/proof/inclusion?index=%s&size=%s", a, b);
		else
			snprintf(path, sizeof path, "/c/xingfuli/log/proof/consistency?from=%s&to=%s", a, b);
		request(c, path, NULL, NULL, &r);
		if (r.status == 200) {
			ok++;
			if (kind <= 1) {
				/* A tile is width hashes of 32 bytes, no more. */
				assert_int_equal(body_len(&r), 32 * tile_width(path));
			} else {
				assert_true(r.body.len > 0 && r.body.data[0] == '{');
			}
		} else {
			if (r.status < 400 || r.status > 499) {
				fprintf(stderr, "%s answered %ld\n", path, r.status);
				fail();
			}
			refused++;
		}
		done(&r);
		if (i % 50 == 49)
			server_is_alive(c);
	}
	/* Both answers occur: the generator reaches real tiles and leaves too. */
	assert_true(ok > 0);
	assert_true(refused > 0);
	/* The boundaries exactly: the last leaf exists, the next does not. */
	char path[128];
	snprintf(path, sizeof path, "/c/xingfuli/log/leaf/%ld", log_size - 1);
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	snprintf(path, sizeof path, "/c/xingfuli/log/leaf/%ld", log_size);
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	/* One spelling per leaf: what is cached as immutable has no aliases. */
	const char *aliases[] = {"/c/xingfuli/log/leaf/00", "/c/xingfuli/log/leaf/+0", "/c/xingfuli/log/leaf/01"};
	for (size_t i = 0; i < 3; i++) {
		request(c, aliases[i], NULL, NULL, &r);
		assert_int_equal(r.status, 404);
		done(&r);
	}
	snprintf(path, sizeof path, "/c/xingfuli/log/tile/0/000.p/%ld", log_size);
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, log_size < 256 ? 200 : 404);
	if (r.status == 200)
		assert_int_equal(body_len(&r), 32 * log_size);
	done(&r);
	snprintf(path, sizeof path, "/c/xingfuli/log/tile/0/000.p/%ld", log_size + 1);
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	snprintf(path, sizeof path, "/c/xingfuli/log/proof/inclusion?index=%ld&size=%ld", log_size - 1, log_size);
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	snprintf(path, sizeof path, "/c/xingfuli/log/proof/inclusion?index=%ld&size=%ld", log_size, log_size);
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	server_is_alive(c);
	curl_easy_cleanup(c);
}

/* back= and next= take only a local path: a tab, newline, backslash or
 * encoded variants must not send the browser to another site. */
static void redirects_never_leave_the_site(void **state)
{
	(void)state;
	const char *evil[] = {"%2F%09%2Fevil.example%2F", "%2F%0A%2Fevil.example%2F", "%2F%0D%2Fevil.example",
			      "%2F%5Cevil.example%2F",	  "%2F%2Fevil.example%2F",    "%2F%20%2Fevil.example",
			      "https%3A%2F%2Fevil.example", "%2Fa%5C..%5C%5Cevil.example", "%2F%E3%80%80%2Fevil.example",
			      "%2F%7F%2Fevil.example"};
	CURL *c = client();
	struct resp r;
	for (size_t i = 0; i < sizeof evil / sizeof *evil; i++) {
		char path[256];
		snprintf(path, sizeof path, "/prefs/text?size=normal&back=%s", evil[i]);
		request(c, path, NULL, NULL, &r);
		assert_int_equal(r.status, 303);
		assert_true(has_header(&r, "location: /\r"));
		done(&r);
	}
	curl_easy_cleanup(c);

	/* After logging in, next= is followed only when it is local; a target
	 * with control characters makes the form invalid (422), never a jump. */
	int followed_default = 0;
	for (size_t i = 0; i < sizeof evil / sizeof *evil; i++) {
		c = client();
		char path[256];
		snprintf(path, sizeof path, "/login?next=%s", evil[i]);
		request(c, path, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		/* The form does not carry the hostile target along. */
		assert_false(has(&r, "evil.example"));
		char *csrf = csrf_from(&r);
		char body[512];
		snprintf(body, sizeof body, "csrf=%s&login=zhangsan&password=demo-pass-2026&next=%s", csrf, evil[i]);
		done(&r);
		request(c, "/login", body, NULL, &r);
		assert_true(r.status == 303 || r.status == 422);
		assert_false(has_header(&r, "evil.example"));
		if (r.status == 303) {
			/* The resident lands on the default page instead. */
			assert_true(has_header(&r, "location: /\r") || has_header(&r, "location: /c/"));
			followed_default++;
		}
		done(&r);
		curl_easy_cleanup(c);
	}
	/* The plain ones ("//evil", "/\\evil", "https://…") reach the check. */
	assert_true(followed_default >= 3);
	/* A local next= still works. */
	c = client();
	request(c, "/login?next=%2Fc%2Fxingfuli%2Fboard%2F", NULL, NULL, &r);
	char *csrf = csrf_from(&r);
	char body[512];
	snprintf(body, sizeof body, "csrf=%s&login=zhangsan&password=demo-pass-2026&next=%%2Fc%%2Fxingfuli%%2Fboard%%2F", csrf);
	done(&r);

	request(c, "/login", body, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(has_header(&r, "location: /c/xingfuli/board/\r"));
	done(&r);
	curl_easy_cleanup(c);
}

/* One request of a race: a logged-in client and the form it will send. */
struct racer {
	CURL *c;
	const char *server; /* base URL of the serve process it talks to */
	char url[256], body[1024];
	struct resp r;
};

/* Sends every racer's POST at once (curl multi) and waits for all. */
static void race(struct racer *v, int n)
{
	CURLM *m = curl_multi_init();
	for (int i = 0; i < n; i++) {
		buf_init(&v[i].r.body, 1 << 22);
		buf_init(&v[i].r.head, 1 << 16);
		curl_easy_setopt(v[i].c, CURLOPT_URL, v[i].url);
		curl_easy_setopt(v[i].c, CURLOPT_POSTFIELDS, v[i].body);
		curl_easy_setopt(v[i].c, CURLOPT_WRITEDATA, &v[i].r.body);
		curl_easy_setopt(v[i].c, CURLOPT_HEADERDATA, &v[i].r.head);
		curl_multi_add_handle(m, v[i].c);
	}
	int running = 1;
	while (running) {
		assert_int_equal(curl_multi_perform(m, &running), CURLM_OK);
		if (running)
			curl_multi_poll(m, NULL, 0, 100, NULL);
	}
	for (int i = 0; i < n; i++) {
		curl_easy_getinfo(v[i].c, CURLINFO_RESPONSE_CODE, &v[i].r.status);
		buf_putc(&v[i].r.body, 0);
		curl_multi_remove_handle(m, v[i].c);
	}
	curl_multi_cleanup(m);
}

/* Fills a racer: fetches page on its server for a CSRF token, prepares body. */
static void ready(struct racer *v, const char *page, const char *action, const char *fields)
{
	const char *save = at;
	at = v->server;
	struct resp r;
	request(v->c, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(v->body, sizeof v->body, "csrf=%s&%s", csrf_from(&r), fields);
	done(&r);
	at = save;
	snprintf(v->url, sizeof v->url, "%s%s", v->server, action);
}

/* Two reviewers publish one submitted post at the same moment, through two
 * server processes on PostgreSQL (two threads of one on SQLite): exactly
 * one succeeds and the log grows by exactly one leaf. */
static void concurrent_publishes_append_one_leaf(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	int64_t item = item_of("hot-issues");
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new", &r,
				   "item=%lld&title=race-publish&body=x&period_start=&period_end=&notice_days=&recipients=&reason=",
				   (long long)item),
			 303);
	done(&r);
	int64_t id = db_int("SELECT id FROM disclosure_post WHERE community_id = " XFL " AND title = ?", "race-publish", NULL);
	assert_true(id > 0);
	char page[128], act[160];
	snprintf(page, sizeof page, "/c/xingfuli/admin/board/%lld", (long long)id);
	snprintf(act, sizeof act, "%s/submit", page);
	assert_int_equal(post_form(w, page, act, &r, "x=1"), 303);
	done(&r);
	curl_easy_cleanup(w);

	int64_t before = log_size("xingfuli");
	struct racer v[2] = {{.c = logged_in("donghu"), .server = base},
			     {.c = logged_in("quguanli"), .server = base2[0] ? base2 : base}};
	snprintf(act, sizeof act, "%s/publish", page);
	for (int i = 0; i < 2; i++)
		ready(&v[i], page, act, "x=1");
	race(v, 2);
	long s0 = v[0].r.status, s1 = v[1].r.status;
	/* One published (303), the other was told it already was (422). */
	assert_true((s0 == 303 && s1 == 422) || (s0 == 422 && s1 == 303));
	assert_int_equal(log_size("xingfuli"), before + 1);
	char like[64];
	snprintf(like, sizeof like, "%%\"post\":%lld,%%", (long long)id);
	assert_int_equal(db_int("SELECT COUNT(*) FROM tlog_leaf WHERE community_id = " XFL " AND data LIKE ?", like, NULL),
			 1);
	for (int i = 0; i < 2; i++) {
		done(&v[i].r);
		curl_easy_cleanup(v[i].c);
	}
}

/* Two staff answer one supervision opinion at the same moment through two
 * servers: one answer is recorded and appended to the log, the other is told
 * it was answered already. */
static void concurrent_answers_append_one_leaf(void **state)
{
	(void)state;
	CURL *j = logged_in("jiandu");
	struct resp r;
	assert_int_equal(post_form(j, "/c/xingfuli/supervisors", "/c/xingfuli/supervisors/opinion", &r,
				   "target=&body=race-opinion"),
			 303);
	done(&r);
	curl_easy_cleanup(j);
	int64_t tid = db_int("SELECT MAX(id) FROM disclosure_thread WHERE community_id = " XFL " AND kind = 'opinion'", NULL, NULL);
	assert_true(tid > 0);
	int64_t before = log_size("xingfuli");
	char act[128];
	snprintf(act, sizeof act, "/c/xingfuli/admin/thread/%lld/answer", (long long)tid);
	struct racer v[2] = {{.c = logged_in("wangjg"), .server = base},
			     {.c = logged_in("donghu"), .server = base2[0] ? base2 : base}};
	ready(&v[0], "/c/xingfuli/admin/board/", act, "answer=race-answer-a");
	ready(&v[1], "/c/xingfuli/admin/board/", act, "answer=race-answer-b");
	race(v, 2);
	long s0 = v[0].r.status, s1 = v[1].r.status;
	assert_true((s0 == 303 && s1 == 422) || (s0 == 422 && s1 == 303));
	assert_int_equal(log_size("xingfuli"), before + 1);
	for (int i = 0; i < 2; i++) {
		done(&v[i].r);
		curl_easy_cleanup(v[i].c);
	}
}

/* A reason that shows nothing (zero-width space, BOM, word joiner, Hangul
 * filler, Braille blank …) counts as no reason: it would enter the public
 * record blank. */
static void invisible_reasons_are_no_reasons(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	const char *page = "/c/xingfuli/admin/board/settings";
	const char *blank[] = {"%E2%80%8B", "%EF%BB%BF%E2%81%A0", "%E3%85%A4", "%E2%A0%80", "%C2%AD%E1%A0%8E", "%C2%A0%E3%80%80"};
	int64_t before = db_int("SELECT COUNT(*) FROM disclosure_setting_request", NULL, NULL);
	for (size_t i = 0; i < sizeof blank / sizeof *blank; i++) {
		assert_int_equal(post_form(w, page, page, &r, "setting=two_person&value=0&reason_two_person=%s", blank[i]), 422);
		assert_true(has(&r, "请填写理由"));
		done(&r);
	}
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_setting_request", NULL, NULL), before);
	curl_easy_cleanup(w);
}

/* Eight drafts created at once by four sessions on both servers all get
 * their own id (MAX(id)+1 gave two of them the same one: a 500). */
static void concurrent_drafts_get_distinct_ids(void **state)
{
	(void)state;
	int64_t item = item_of("hot-issues");
	int64_t before = db_int("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL, NULL, NULL);
	enum { N = 8 };
	struct racer v[N];
	memset(v, 0, sizeof v);
	for (int i = 0; i < N; i++) {
		v[i].c = logged_in(i % 2 ? "wangjg" : "donghu");
		v[i].server = i % 2 && base2[0] ? base2 : base;
		char fields[256];
		snprintf(fields, sizeof fields,
			 "item=%lld&title=race-draft-%d&body=x&period_start=&period_end=&notice_days=&recipients=&reason=",
			 (long long)item, i);
		ready(&v[i], "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new", fields);
	}
	race(v, N);
	for (int i = 0; i < N; i++) {
		if (v[i].r.status != 303)
			fprintf(stderr, "draft %d answered %ld\n", i, v[i].r.status);
		assert_int_equal(v[i].r.status, 303);
		done(&v[i].r);
		curl_easy_cleanup(v[i].c);
	}
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL, NULL, NULL), before + N);
	assert_int_equal(db_int("SELECT COUNT(DISTINCT id) FROM disclosure_post WHERE community_id = " XFL
				" AND title LIKE 'race-draft-%'",
				NULL, NULL),
			 N);
}

/* Sends raw bytes to the server and returns what it answers (until it
 * closes or 2 s pass), NUL-terminated, in a static buffer. */
static const char *raw_exchange(const char *bytes)
{
	static char out[65536];
	int port = atoi(strrchr(base, ':') + 1);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	struct timeval tv = {2, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	assert_true(write(fd, bytes, strlen(bytes)) == (ssize_t)strlen(bytes));
	size_t n = 0;
	ssize_t k;
	while (n + 1 < sizeof out && (k = read(fd, out + n, sizeof out - 1 - n)) > 0)
		n += (size_t)k;
	out[n] = 0;
	close(fd);
	return out;
}

/* The answers h2o writes itself (413 before the body is read) carry the
 * same security headers as ours, and no response names the server library. */
static void server_written_errors_carry_security_headers(void **state)
{
	(void)state;
	const char *res = raw_exchange("POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n"
				       "Content-Type: application/x-www-form-urlencoded\r\n\r\n");
	assert_non_null(strstr(res, "HTTP/1.1 413"));
	assert_non_null(strcasestr(res, "x-content-type-options: nosniff"));
	assert_non_null(strcasestr(res, "content-security-policy: default-src 'self'"));
	assert_non_null(strcasestr(res, "x-frame-options: DENY"));
	assert_null(strcasestr(res, "\nserver:"));
	CURL *c = client();
	struct resp r;
	request(c, "/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has_header(&r, "\nserver:"));
	assert_false(has_header(&r, "h2o"));
	assert_true(has_header(&r, "x-request-id: "));
	done(&r);
	curl_easy_cleanup(c);
}

/* A HEAD answer carries the length and no body: a body would be read as
 * the start of the next response on the same connection. */
static void head_answers_carry_no_body(void **state)
{
	(void)state;
	const char *res = raw_exchange("HEAD /c/xingfuli/board/ HTTP/1.1\r\nHost: x\r\n\r\n"
				       "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	const char *end = strstr(res, "\r\n\r\n");
	assert_non_null(end);
	assert_non_null(strstr(res, "HTTP/1.1 200"));
	/* The next bytes after HEAD's header block are the GET's status line. */
	assert_memory_equal(end + 4, "HTTP/1.1 200", 12);
	assert_non_null(strstr(end + 4, "\"status\":\"ok\""));
	assert_null(strstr(res, "<html"));
}

/* HEAD is redirected to the slashed path as GET is (a HEAD that got a 404
 * where GET gets the page would tell link checkers the page is gone). */
static void head_follows_the_slash_redirect(void **state)
{
	(void)state;
	const char *res = raw_exchange("HEAD /c/xingfuli/board HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	assert_non_null(strstr(res, "HTTP/1.1 303"));	/* HEAD is redirected to the slashed path as GET is */
	assert_non_null(strcasestr(res, "location: /c/xingfuli/board/"));
}

/* API errors carry a message even when the handler gave none, and a 405
 * says which methods the path takes. */
static void errors_say_what_went_wrong(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/api/v1/no-such-thing", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body.data, "\"message\":\"找不到这个地址。\""));
	done(&r);
	curl_easy_cleanup(c);
	const char *res = raw_exchange("PUT /c/xingfuli/board/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
				       "Connection: close\r\n\r\n");
	assert_non_null(strstr(res, "HTTP/1.1 405"));
	assert_non_null(strcasestr(res, "allow: GET, HEAD"));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_security PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	snprintf(server_log, sizeof server_log, "/tmp/shequ-security-%d.log", (int)getpid());
	setenv("SHEQU_TEST_SERVER_LOG", server_log, 1);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(errors_are_logged_with_their_cause),
	    cmocka_unit_test(crafted_tile_indexes_answer_404_and_leak_nothing),
	    cmocka_unit_test(log_endpoints_survive_random_and_boundary_paths),
	    cmocka_unit_test(redirects_never_leave_the_site),
	    cmocka_unit_test(concurrent_publishes_append_one_leaf),
	    cmocka_unit_test(concurrent_drafts_get_distinct_ids),
	    cmocka_unit_test(concurrent_answers_append_one_leaf),
	    cmocka_unit_test(invisible_reasons_are_no_reasons),
	    cmocka_unit_test(server_written_errors_carry_security_headers),
	    cmocka_unit_test(head_answers_carry_no_body),
	    cmocka_unit_test(head_follows_the_slash_redirect),
	    cmocka_unit_test(errors_say_what_went_wrong),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	if (rc || server_exit_bad) {
		char cmd[700];
		snprintf(cmd, sizeof cmd, "tail -40 %s >&2", server_log);
		if (system(cmd) != 0)
			fprintf(stderr, "(no server log)\n");
	}
	unlink(server_log);
	return rc || server_exit_bad;
}
