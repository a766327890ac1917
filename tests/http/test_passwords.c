/* End-to-end: password checks (login, password change, cosigning) are
 * throttled on the account whatever name is typed, wait rather than lock,
 * run on the password workers so that other pages stay fast, and new
 * passwords that are easy to guess are refused with the reason.
 * usage: test_passwords PATH-TO-SHEQU */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Logs in from the loopback address ip; returns the status, the response in out. */
static long login_from(const char *ip, const char *user, const char *pw, struct resp *out)
{
	CURL *c = client_from(ip);
	long status = login(c, user, pw, out);
	curl_easy_cleanup(c);
	return status;
}

/* The value of the Retry-After header, or -1. */
static long retry_after(const struct resp *r)
{
	const char *h = strcasestr(r->head.data, "retry-after: ");
	return h ? strtol(h + 13, NULL, 10) : -1;
}

/* The answer asks to wait the first wait (60 s), counted from the failure
 * that started it: in whole seconds, so one less if the clock ticked since. */
static void assert_first_wait(const struct resp *r)
{
	long w = retry_after(r);
	if (w != 60 && w != 59)
		fail_msg("Retry-After: %ld, wanted 60 (or 59)", w);
}

/* Signs the client out (POST /logout with a CSRF token from a page). */
static void logout(CURL *c)
{
	struct resp r;
	assert_int_equal(post_form(c, "/account/password", "/logout", &r, "x=1"), 303);
	done(&r);
}

static int64_t user_id(const char *username)
{
	return db_int("SELECT id FROM users WHERE username = ?", username, NULL);
}

static int64_t pw_changed_at(const char *username)
{
	return db_int("SELECT pw_changed_at FROM users WHERE username = ?", username, NULL);
}

static void phone_alias_gives_no_extra_guesses(void **state)
{
	(void)state;
	struct resp r;
	int logins = audit_count("login");
	/* Five wrong passwords for 李红: three under her user name, two under her
	 * mobile number, each from another address. */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(login_from("127.0.10.1", "lihong", "guess-guess-1", &r), 422);
		assert_true(has(&r, "账号或密码不正确"));
		done(&r);
	}
	for (int i = 0; i < 2; i++) {
		assert_int_equal(login_from("127.0.10.2", "13900139002", "guess-guess-2", &r), 422);
		done(&r);
	}
	/* The account now waits, under either name, from any address, even
	 * with the right password. */
	assert_int_equal(login_from("127.0.10.3", "13900139002", "demo-pass-2026", &r), 429);
	assert_true(has(&r, "登录失败次数过多,为保护账号安全已暂停登录,请于 "));
	assert_true(has(&r, "(约 1 分钟后)再试"));
	assert_first_wait(&r);
	assert_false(has_header(&r, "shequ_sid="));
	done(&r);
	assert_int_equal(login_from("127.0.10.4", "lihong", "demo-pass-2026", &r), 429);
	assert_first_wait(&r);
	done(&r);
	assert_int_equal(audit_count("login"), logins);
}

/* The mobile as people write it, in groups, with +86 or full-width digits,
 * names the account; a mistyped one gets the same answer as any unknown name. */
static void a_mobile_typed_in_groups_signs_in(void **state)
{
	(void)state;
	struct resp r;
	int logins = audit_count("login");
	static const char *typed[] = {"138+0013+8000", "%2B86-138-0013-8000", "%EF%BC%91%EF%BC%93%EF%BC%98%E3%80%800013%E3%80%808000"};
	for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
		assert_int_equal(login_from("127.0.10.21", typed[i], "demo-pass-2026", &r), 303);
		assert_true(has_header(&r, "shequ_sid="));
		done(&r);
	}
	assert_int_equal(audit_count("login"), logins + 3);
	assert_int_equal(login_from("127.0.10.22", "138+0013+800", "demo-pass-2026", &r), 422);
	assert_true(has(&r, "账号或密码不正确"));
	done(&r);
}

static void login_waits_then_gets_in_once_the_wait_is_over(void **state)
{
	(void)state;
	/* A server whose first wait is 2 seconds instead of 60 (same database). */
	static const char *const opts[] = {"--login-delay", "2", NULL};
	char url[64];
	pid_t pid = start_extra_server(url, opts);
	assert_true(pid > 0);
	at = url;
	struct resp r;
	for (int i = 0; i < 5; i++) {
		assert_int_equal(login_from("127.0.13.1", "quguanli", "guess-guess-3", &r), 422);
		done(&r);
	}
	assert_int_equal(login_from("127.0.13.1", "quguanli", "demo-pass-2026", &r), 429);
	long wait = retry_after(&r);
	assert_true(wait == 2 || wait == 1); /* whole seconds: the clock may tick between the two */
	assert_true(has(&r, "秒后)再试"));
	done(&r);
	/* Once the wait is over a guess is heard again, and the next wait is twice as long. */
	sleep((unsigned)wait + 1);
	assert_int_equal(login_from("127.0.13.1", "quguanli", "guess-guess-4", &r), 422);
	done(&r);
	assert_int_equal(login_from("127.0.13.1", "quguanli", "demo-pass-2026", &r), 429);
	wait = retry_after(&r);
	assert_true(wait == 4 || wait == 3);
	done(&r);
	sleep((unsigned)wait + 1);
	assert_int_equal(login_from("127.0.13.1", "quguanli", "demo-pass-2026", &r), 303);
	assert_true(has_header(&r, "set-cookie: shequ_sid="));
	done(&r);
	/* The success forgot the account's failures. */
	char key[32];
	snprintf(key, sizeof key, "acct:%lld", (long long)user_id("quguanli"));
	assert_int_equal(db_int("SELECT COUNT(*) FROM login_throttle WHERE key = ?", key, NULL), 0);
	at = base;
	assert_int_equal(stop_extra_server(pid), 0);
}

static void password_change_is_throttled_and_shares_the_login_count(void **state)
{
	(void)state;
	CURL *c = client_from("127.0.11.1");
	struct resp r;
	assert_int_equal(login(c, "admin", "demo-pass-2026", &r), 303);
	done(&r);
	int64_t changed = pw_changed_at("admin");
	int changes = audit_count("user.password_change");
	for (int i = 0; i < 5; i++) {
		assert_int_equal(post_form(c, "/account/password", "/account/password", &r,
					   "current=guess-guess-5&new=kite-river-48-home&confirm=kite-river-48-home"),
				 422);
		assert_true(has(&r, "<p class=\"error\" id=\"e-current\">当前密码不正确</p>"));
		done(&r);
	}
	assert_int_equal(post_form(c, "/account/password", "/account/password", &r,
				   "current=demo-pass-2026&new=kite-river-48-home&confirm=kite-river-48-home"),
			 429);
	assert_true(has(&r, "id=\"e-current\">密码错误次数过多,为保护账号安全已暂停验证,请于 "));
	assert_first_wait(&r);
	done(&r);
	assert_int_equal(pw_changed_at("admin"), changed);
	assert_int_equal(audit_count("user.password_change"), changes);
	/* Signing in again waits too: it is one count for this account here. */
	logout(c);
	assert_int_equal(login(c, "admin", "demo-pass-2026", &r), 429);
	done(&r);
	curl_easy_cleanup(c);
}

static void cosign_is_throttled_and_shares_the_login_count(void **state)
{
	(void)state;
	CURL *c = client_from("127.0.12.1");
	struct resp r;
	assert_int_equal(login(c, "jiandu", "demo-pass-2026", &r), 303);
	done(&r);
	int cosigns = audit_count("disclosure.cosign");
	int64_t lines = db_int("SELECT COUNT(*) FROM tlog_cosignature", NULL, NULL);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(post_form(c, "/c/xingfuli/log/cosign", "/c/xingfuli/log/cosign", &r,
					   "password=guess-guess-6"),
				 422);
		assert_true(has(&r, "密码不正确。"));
		done(&r);
	}
	assert_int_equal(post_form(c, "/c/xingfuli/log/cosign", "/c/xingfuli/log/cosign", &r, "password=demo-pass-2026"),
			 429);
	assert_true(has(&r, "密码错误次数过多,为保护账号安全已暂停验证,请于 "));
	assert_first_wait(&r);
	done(&r);
	assert_int_equal(audit_count("disclosure.cosign"), cosigns);
	assert_int_equal(db_int("SELECT COUNT(*) FROM tlog_cosignature", NULL, NULL), lines);
	logout(c);
	assert_int_equal(login(c, "13900139004", "demo-pass-2026", &r), 429);
	done(&r);
	curl_easy_cleanup(c);
}

static void owner_signs_in_from_a_known_browser_while_strangers_wait(void **state)
{
	(void)state;
	/* 赵强 signs in on his own browser, which is remembered... */
	CURL *own = client_from("127.0.15.1");
	struct resp r;
	assert_int_equal(login(own, "nanshan", "demo-pass-2026", &r), 303);
	assert_true(has_header(&r, "set-cookie: shequ_dev="));
	done(&r);
	logout(own);
	/* ...strangers make the account wait... */
	for (int i = 0; i < 5; i++) {
		assert_int_equal(login_from("127.0.15.2", "nanshan", "guess-guess-7", &r), 422);
		done(&r);
	}
	assert_int_equal(login_from("127.0.15.2", "nanshan", "demo-pass-2026", &r), 429);
	done(&r);
	/* ...but not him on his browser. */
	assert_int_equal(login(own, "nanshan", "demo-pass-2026", &r), 303);
	assert_false(has_header(&r, "set-cookie: shequ_dev=")); /* already known */
	done(&r);
	/* A device cookie that this site did not sign opens nothing. */
	CURL *forged = client_from("127.0.15.3");
	char cookie[256];
	snprintf(cookie, sizeof cookie, "shequ_dev=%lld.%s.%s", (long long)user_id("nanshan"),
		 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
	curl_easy_setopt(forged, CURLOPT_COOKIE, cookie);
	assert_int_equal(login(forged, "nanshan", "demo-pass-2026", &r), 429);
	done(&r);
	curl_easy_cleanup(forged);
	curl_easy_cleanup(own);
}

static void weak_new_password_is_refused_next_to_the_field_and_nothing_changes(void **state)
{
	(void)state;
	CURL *c = client_from("127.0.14.1");
	struct resp r;
	assert_int_equal(login(c, "zhangsan", "demo-pass-2026", &r), 303);
	done(&r);
	int64_t changed = pw_changed_at("zhangsan");
	int changes = audit_count("user.password_change");
	static const struct {
		const char *pw, *why;
	} weak[] = {
	    {"short-pw1", "密码至少需要 10 个字符"},
	    {"Home-ZhangSan-7", "密码不能包含用户名"},
	    {"my-13800138000", "密码不能包含手机号"},
	    {"Woaini1314", "这是常见密码,很容易被猜中,请换一个"},
	    {"1qaz2wsx3edc", "这是常见密码,很容易被猜中,请换一个"},
	};
	for (size_t i = 0; i < sizeof weak / sizeof *weak; i++) {
		assert_int_equal(post_form(c, "/account/password", "/account/password", &r,
					   "current=demo-pass-2026&new=%s&confirm=%s", weak[i].pw, weak[i].pw),
				 422);
		char want[256];
		snprintf(want, sizeof want, "<p class=\"error\" id=\"e-new\">%s</p>", weak[i].why);
		if (!has(&r, want))
			fail_msg("%s: no '%s' on the page", weak[i].pw, want);
		assert_true(has(&r, "id=\"f-new\" name=\"new\" required aria-required=\"true\" aria-invalid=\"true\" "
				    "aria-describedby=\"e-new\""));
		done(&r);
	}
	/* Nothing changed, and refusing a weak password spent no attempt. */
	assert_int_equal(pw_changed_at("zhangsan"), changed);
	assert_int_equal(audit_count("user.password_change"), changes);
	char key[32];
	snprintf(key, sizeof key, "acct:%lld", (long long)user_id("zhangsan"));
	assert_int_equal(db_int("SELECT COUNT(*) FROM login_throttle WHERE key = ?", key, NULL), 0);
	assert_int_equal(login_from("127.0.14.2", "zhangsan", "demo-pass-2026", &r), 303);
	done(&r);
	/* A good one is taken. */
	assert_int_equal(post_form(c, "/account/password", "/account/password", &r,
				   "current=demo-pass-2026&new=kite-river-48-garden&confirm=kite-river-48-garden"),
			 303);
	done(&r);
	assert_int_equal(audit_count("user.password_change"), changes + 1);
	assert_int_equal(login_from("127.0.14.2", "zhangsan", "demo-pass-2026", &r), 422);
	done(&r);
	assert_int_equal(login_from("127.0.14.2", "zhangsan", "kite-river-48-garden", &r), 303);
	done(&r);
	curl_easy_cleanup(c);
}

/* One wrong-password POST /login sent from a thread. */
struct attempt {
	CURL *c;
	char url[128], body[256];
	pthread_barrier_t *go;
	long status;
	double ended; /* now_ms() when the answer was in */
	struct buf out, head;
};

/* Gets the login form as a visitor from ip and readies a POST of login/pw. */
static void attempt_prepare(struct attempt *t, const char *ip, const char *login, const char *pw,
			    pthread_barrier_t *go)
{
	memset(t, 0, sizeof *t);
	t->c = client_from(ip);
	t->go = go;
	struct resp r;
	request(t->c, "/login", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(t->body, sizeof t->body, "csrf=%s&login=%s&password=%s", csrf_from(&r), login, pw);
	done(&r);
	snprintf(t->url, sizeof t->url, "%s/login", at);
}

/* Thread body: no cmocka asserts here (they jump); results are checked after join. */
static void *attempt_run(void *arg)
{
	struct attempt *t = arg;
	buf_init(&t->out, 1 << 20);
	buf_init(&t->head, 1 << 16);
	curl_easy_setopt(t->c, CURLOPT_URL, t->url);
	curl_easy_setopt(t->c, CURLOPT_POSTFIELDS, t->body);
	curl_easy_setopt(t->c, CURLOPT_WRITEDATA, &t->out);
	curl_easy_setopt(t->c, CURLOPT_HEADERDATA, &t->head);
	pthread_barrier_wait(t->go);
	CURLcode rc = curl_easy_perform(t->c);
	t->ended = now_ms();
	t->status = -1;
	if (rc == CURLE_OK)
		curl_easy_getinfo(t->c, CURLINFO_RESPONSE_CODE, &t->status);
	buf_putc(&t->out, 0);
	buf_putc(&t->head, 0);
	return NULL;
}

static void attempt_free(struct attempt *t)
{
	buf_free(&t->out);
	buf_free(&t->head);
	curl_easy_cleanup(t->c);
}

static void public_pages_answer_quickly_while_passwords_are_hashed(void **state)
{
	(void)state;
	enum { N = 4, HEALTH = 5 };
	struct attempt t[N];
	pthread_t th[N];
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, N + 1);
	for (int i = 0; i < N; i++) {
		char ip[32], name[32];
		snprintf(ip, sizeof ip, "127.0.20.%d", i + 1);
		snprintf(name, sizeof name, "nobody-%d", i);
		attempt_prepare(&t[i], ip, name, "wrong-password-x", &go);
		assert_int_equal(pthread_create(&th[i], NULL, attempt_run, &t[i]), 0);
	}
	pthread_barrier_wait(&go);
	usleep(30 * 1000); /* the four are on the server, hashing or waiting to */
	/* Public pages, each on a new connection so that both event loops are
	 * asked, while the four Argon2 checks run. */
	CURL *h = client();
	curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
	double worst = 0;
	for (int i = 0; i < HEALTH; i++) {
		struct resp r;
		double t0 = now_ms();
		request(h, "/api/v1/health", NULL, NULL, &r);
		double ms = now_ms() - t0;
		assert_int_equal(r.status, 200);
		done(&r);
		if (ms > worst)
			worst = ms;
	}
	double health_done = now_ms(), slowest = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(t[i].status, 422);
		if (t[i].ended > slowest)
			slowest = t[i].ended;
		attempt_free(&t[i]);
	}
	pthread_barrier_destroy(&go);
	curl_easy_cleanup(h);
	print_message("slowest of %d health requests: %.1f ms; they ended %.1f ms before the last password check\n",
		      HEALTH, worst, slowest - health_done);
	/* One Argon2 check takes ~50-300 ms on the machines this runs on; a
	 * health answer waiting behind one would take as long. */
	if (worst >= 100.0)
		fail_msg("a health request took %.1f ms while passwords were checked", worst);
	if (health_done >= slowest)
		fail_msg("the health requests ended %.1f ms after the last password check", health_done - slowest);
}

static void password_requests_beyond_the_queue_get_503_at_once(void **state)
{
	(void)state;
	/* One password worker and room for one request in all. */
	static const char *const opts[] = {"--hash-threads", "1", "--hash-queue", "1", NULL};
	char url[64];
	pid_t pid = start_extra_server(url, opts);
	assert_true(pid > 0);
	at = url;
	enum { N = 4 };
	struct attempt t[N];
	pthread_t th[N];
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, N + 1);
	for (int i = 0; i < N; i++) {
		char ip[32], name[32];
		snprintf(ip, sizeof ip, "127.0.21.%d", i + 1);
		snprintf(name, sizeof name, "nobody-q%d", i);
		attempt_prepare(&t[i], ip, name, "wrong-password-y", &go);
		assert_int_equal(pthread_create(&th[i], NULL, attempt_run, &t[i]), 0);
	}
	pthread_barrier_wait(&go);
	int heard = 0, busy = 0;
	double heard_at = 0, last_busy = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(th[i], NULL);
		if (t[i].status == 422) {
			heard++;
			heard_at = t[i].ended;
		} else if (t[i].status == 503) {
			busy++;
			assert_non_null(strstr(t[i].out.data, "服务器正忙,请稍后再试。"));
			assert_non_null(strcasestr(t[i].head.data, "retry-after: 1\r\n"));
			if (t[i].ended > last_busy)
				last_busy = t[i].ended;
		}
	}
	/* The four arrive within a few milliseconds; one hash takes far longer.
	 * So one is heard, the other three are turned away before it ends. */
	assert_int_equal(heard, 1);
	assert_int_equal(busy, N - 1);
	assert_true(last_busy < heard_at);
	for (int i = 0; i < N; i++)
		attempt_free(&t[i]);
	pthread_barrier_destroy(&go);
	/* Room again once it is done. */
	struct resp r;
	assert_int_equal(login_from("127.0.21.9", "nobody-q9", "wrong-password-y", &r), 422);
	done(&r);
	at = base;
	assert_int_equal(stop_extra_server(pid), 0);
}

/* Sends a whole POST /login from ip on a raw socket and hangs up without
 * reading the answer: with a reset when rst, else with a FIN. */
static void post_and_hang_up(const char *ip, const char *cookie, const char *body, int rst)
{
	int port = atoi(strrchr(at, ':') + 1);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in me = {.sin_family = AF_INET}, srv = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, ip, &me.sin_addr);
	inet_pton(AF_INET, "127.0.0.1", &srv.sin_addr);
	assert_int_equal(bind(fd, (struct sockaddr *)&me, sizeof me), 0);
	assert_int_equal(connect(fd, (struct sockaddr *)&srv, sizeof srv), 0);
	char req[1024];
	int n = snprintf(req, sizeof req,
			 "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: %s\r\n"
			 "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n\r\n%s",
			 cookie, strlen(body), body);
	assert_int_equal(write(fd, req, (size_t)n), n);
	if (rst) {
		usleep(50 * 1000); /* let the server read it and start hashing */
		struct linger l = {1, 0};
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
	}
	close(fd);
}

/* Lines of the access log that contain s. */
static int access_log_lines(const char *s)
{
	char path[600], line[1024];
	snprintf(path, sizeof path, "%s/access.log", dir);
	FILE *f = fopen(path, "r");
	int n = 0;
	while (f && fgets(line, sizeof line, f))
		n += strstr(line, s) != NULL;
	if (f)
		fclose(f);
	return n;
}

static void client_hanging_up_mid_hash_leaves_the_server_well(void **state)
{
	(void)state;
	/* A visitor cookie and its CSRF token, so that the POST gets to the hash. */
	CURL *c = client_from("127.0.22.1");
	struct resp r;
	request(c, "/login", NULL, NULL, &r);
	const char *sc = strcasestr(r.head.data, "set-cookie: shequ_aid=");
	assert_non_null(sc);
	char cookie[128], body[256];
	snprintf(cookie, sizeof cookie, "%.*s", (int)strcspn(sc + 12, ";"), sc + 12);
	snprintf(body, sizeof body, "csrf=%s&login=gone-away&password=wrong-password-z", csrf_from(&r));
	done(&r);
	for (int i = 0; i < 4; i++)
		post_and_hang_up("127.0.22.1", cookie, body, i % 2);
	/* Each was still checked and answered (into a closed socket): the
	 * access log has all four. */
	const char *line = "127.0.22.1 user=0 POST /login 422";
	for (int i = 0; i < 300 && access_log_lines(line) < 4; i++) /* up to 30 s: Argon2 on a loaded machine */
		usleep(100 * 1000);
	assert_int_equal(access_log_lines(line), 4);
	/* And the server goes on. */
	request(c, "/api/v1/health", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	assert_int_equal(login_from("127.0.22.2", "wangjg", "demo-pass-2026", &r), 303);
	done(&r);
	curl_easy_cleanup(c);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_passwords PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(phone_alias_gives_no_extra_guesses),
	    cmocka_unit_test(a_mobile_typed_in_groups_signs_in),
	    cmocka_unit_test(login_waits_then_gets_in_once_the_wait_is_over),
	    cmocka_unit_test(password_change_is_throttled_and_shares_the_login_count),
	    cmocka_unit_test(cosign_is_throttled_and_shares_the_login_count),
	    cmocka_unit_test(owner_signs_in_from_a_known_browser_while_strangers_wait),
	    cmocka_unit_test(weak_new_password_is_refused_next_to_the_field_and_nothing_changes),
	    cmocka_unit_test(public_pages_answer_quickly_while_passwords_are_hashed),
	    cmocka_unit_test(password_requests_beyond_the_queue_get_503_at_once),
	    cmocka_unit_test(client_hanging_up_mid_hash_leaves_the_server_well),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
