/* The response cache and conditional GETs, from outside: what a visitor
 * without a session sees is kept and revalidated by the data version; what
 * a signed-in user or a form sees never is; a write by any process shows at
 * the next visit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* The value of header name in r (lower-case name), copied; "" if absent. */
static const char *header(const struct resp *r, const char *name)
{
	static char v[256];
	char pat[64];
	snprintf(pat, sizeof pat, "\n%s: ", name);
	const char *p = r->head.data ? strcasestr(r->head.data, pat) : NULL;
	if (!p)
		return "";
	p += strlen(pat);
	snprintf(v, sizeof v, "%.*s", (int)strcspn(p, "\r\n"), p);
	return v;
}

static void a_second_visit_is_kept_and_revalidated_by_its_etag(void **state)
{
	(void)state;
	struct resp r;
	const char *page = "/c/xingfuli/";
	visit(base, page, NULL, &r);
	done(&r);
	visit(base, page, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "x-cache: hit"));
	char etag[256];
	snprintf(etag, sizeof etag, "%s", header(&r, "etag"));
	assert_true(etag[0] == '"' && strlen(etag) > 10);
	assert_true(has(&r, "幸福里"));
	size_t len = r.body.len;
	done(&r);
	/* The browser that has it gets 304 and no body, whichever way it asks. */
	const char *forms[] = {"If-None-Match: %s", "If-None-Match: \"x\", W/%s", "If-None-Match: *"};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		char h[600];
		snprintf(h, sizeof h, forms[i], etag);
		struct curl_slist *hd = curl_slist_append(NULL, h);
		visit(base, page, hd, &r);
		curl_slist_free_all(hd);
		assert_int_equal(r.status, 304);
		assert_true(r.body.len <= 1);
		done(&r);
	}
	struct curl_slist *hd = curl_slist_append(NULL, "If-None-Match: \"not-this-one\"");
	visit(base, page, hd, &r);
	curl_slist_free_all(hd);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.body.len, len);
	done(&r);
	/* HEAD says the length and sends nothing. */
	CURL *c = client();
	curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	request(c, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "x-cache: hit"));
	char want[64];
	snprintf(want, sizeof want, "content-length: %zu", len - 1);
	assert_true(has_header(&r, want));
	done(&r);
	curl_easy_cleanup(c);
}

static void large_text_pages_are_kept_apart(void **state)
{
	(void)state;
	struct resp r;
	struct curl_slist *large = curl_slist_append(NULL, "Cookie: shequ_text=large");
	char etag_large[256], etag_normal[256];
	for (int i = 0; i < 2; i++) {
		visit(base, "/c/xingfuli/board/", large, &r);
		assert_true(has(&r, "class=\"large\""));
		snprintf(etag_large, sizeof etag_large, "%s", header(&r, "etag"));
		done(&r);
		visit(base, "/c/xingfuli/board/", NULL, &r);
		assert_false(has(&r, "class=\"large\""));
		snprintf(etag_normal, sizeof etag_normal, "%s", header(&r, "etag"));
		assert_int_equal(i == 1, has_header(&r, "x-cache: hit"));
		done(&r);
	}
	assert_string_not_equal(etag_large, etag_normal);
	curl_slist_free_all(large);
}

static void signed_in_pages_are_never_kept_nor_shared(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	for (int i = 0; i < 2; i++) {
		request(w, "/c/xingfuli/board/", NULL, NULL, &r);
		assert_true(has(&r, "<span class=\"who\">王建国"));
		assert_true(has(&r, "退出"));
		assert_false(has_header(&r, "x-cache"));
		assert_false(has_header(&r, "etag"));
		assert_true(has_header(&r, "cache-control: private, no-store"));
		done(&r);
	}
	curl_easy_cleanup(w);
	visit(base, "/c/xingfuli/board/", NULL, &r);
	assert_false(has(&r, "退出"));
	assert_false(has(&r, "<span class=\"who\">王建国"));
	done(&r);
	/* A stale session cookie is not a way into the cache either way. */
	struct curl_slist *h = curl_slist_append(NULL, "Cookie: shequ_sid=0000000000000000000000000000000000000000000");
	visit(base, "/c/xingfuli/board/", h, &r);
	assert_int_equal(r.status, 200);
	assert_false(has_header(&r, "x-cache"));
	done(&r);
	curl_slist_free_all(h);
}

static void pages_with_a_form_token_or_errors_are_not_kept(void **state)
{
	(void)state;
	struct resp r;
	char first[64] = "";
	for (int i = 0; i < 2; i++) {
		visit(base, "/login", NULL, &r);
		assert_int_equal(r.status, 200);
		assert_false(has_header(&r, "x-cache"));
		assert_true(has_header(&r, "set-cookie: shequ_aid="));
		const char *tok = csrf_from(&r);
		assert_non_null(tok);
		if (i)
			assert_string_not_equal(first, tok);
		else
			snprintf(first, sizeof first, "%s", tok);
		done(&r);
	}
	for (int i = 0; i < 2; i++) {
		visit(base, "/c/xingfuli/board/999999", NULL, &r);
		assert_int_equal(r.status, 404);
		assert_false(has_header(&r, "x-cache"));
		assert_false(has_header(&r, "etag"));
		done(&r);
	}
}

/* A change made from the command line (another process, no server told)
 * shows at the next visit to each server. */
static void a_command_line_write_shows_at_the_next_visit(void **state)
{
	(void)state;
	char other[64];
	pid_t extra = -1;
	if (!*base2) {
		const char *none[] = {NULL};
		extra = start_extra_server(other, none);
		assert_true(extra > 0);
	}
	const char *servers[2] = {base, *base2 ? base2 : other};
	struct resp r;
	char etag[2][256];
	for (int i = 0; i < 2; i++) {
		visit(servers[i], "/", NULL, &r);
		done(&r);
		visit(servers[i], "/", NULL, &r);
		assert_true(has_header(&r, "x-cache: hit"));
		assert_false(has(&r, "缓存测试社区"));
		snprintf(etag[i], sizeof etag[i], "%s", header(&r, "etag"));
		done(&r);
	}
	run("%s org add community huancun 缓存测试社区 --parent donghu --db '%s' >/dev/null", shequ, dbpath);
	for (int i = 0; i < 2; i++) {
		char h[600];
		snprintf(h, sizeof h, "If-None-Match: %s", etag[i]);
		struct curl_slist *hd = curl_slist_append(NULL, h);
		visit(servers[i], "/", hd, &r);
		curl_slist_free_all(hd);
		assert_int_equal(r.status, 200);
		assert_false(has_header(&r, "x-cache"));
		assert_true(has(&r, "缓存测试社区"));
		assert_string_not_equal(header(&r, "etag"), etag[i]);
		done(&r);
	}
	if (extra > 0)
		assert_int_equal(stop_extra_server(extra), 0);
}

/* Feeds, checkpoints, tiles, attachments and posters answer 304 to a
 * browser that has them; tiles are immutable for a year. */
static void every_public_kind_of_answer_is_conditional(void **state)
{
	(void)state;
	char tile[96], file[96];
	int64_t size = log_size("xingfuli");
	assert_true(size > 0 && size < 256);
	snprintf(tile, sizeof tile, "/c/xingfuli/log/tile/0/000.p/%lld", (long long)size);
	int64_t post = db_int("SELECT MIN(a.post_id) FROM disclosure_attachment a JOIN disclosure_post p"
			      " ON p.community_id = a.community_id AND p.id = a.post_id WHERE p.status = 'published'"
			      " AND p.community_id = (SELECT id FROM org_unit WHERE slug = 'xingfuli')",
			      NULL, NULL);
	assert_true(post > 0);
	snprintf(file, sizeof file, "/c/xingfuli/board/%lld/file/1", (long long)post);
	const char *paths[] = {"/c/xingfuli/board/feed.atom", "/c/xingfuli/log/checkpoint", tile, file,
			       "/c/xingfuli/board/poster.pdf"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		struct resp r;
		visit(base, paths[i], NULL, &r);
		if (r.status != 200)
			fail_msg("%s: %ld", paths[i], r.status);
		char etag[256], h[600];
		snprintf(etag, sizeof etag, "%s", header(&r, "etag"));
		if (!etag[0])
			fail_msg("%s has no ETag", paths[i]);
		if (paths[i] == tile)
			assert_true(has_header(&r, "cache-control: public, max-age=31536000, immutable"));
		done(&r);
		snprintf(h, sizeof h, "If-None-Match: %s", etag);
		struct curl_slist *hd = curl_slist_append(NULL, h);
		visit(base, paths[i], hd, &r);
		curl_slist_free_all(hd);
		if (r.status != 304)
			fail_msg("%s with its ETag: %ld", paths[i], r.status);
		done(&r);
	}
}

/* `serve --page-cache off` keeps nothing but still answers 304s. */
static void the_cache_can_be_turned_off(void **state)
{
	(void)state;
	char url[64];
	const char *off[] = {"--page-cache", "off", NULL};
	pid_t pid = start_extra_server(url, off);
	assert_true(pid > 0);
	struct resp r;
	char etag[256];
	for (int i = 0; i < 2; i++) {
		visit(url, "/c/xingfuli/board/", NULL, &r);
		assert_int_equal(r.status, 200);
		assert_false(has_header(&r, "x-cache"));
		snprintf(etag, sizeof etag, "%s", header(&r, "etag"));
		done(&r);
	}
	char h[600];
	snprintf(h, sizeof h, "If-None-Match: %s", etag);
	struct curl_slist *hd = curl_slist_append(NULL, h);
	visit(url, "/c/xingfuli/board/", hd, &r);
	curl_slist_free_all(hd);
	assert_int_equal(r.status, 304);
	done(&r);
	assert_int_equal(stop_extra_server(pid), 0);
	/* Bad sizes are refused before anything starts. */
	assert_int_not_equal(run_status("%s serve --db '%s' --page-cache 0 2>/dev/null", shequ, dbpath), 0);
	assert_int_not_equal(run_status("%s serve --db '%s' --page-cache lots 2>/dev/null", shequ, dbpath), 0);
}

static size_t ignore(char *p, size_t size, size_t n, void *ud)
{
	(void)p;
	(void)ud;
	return size * n;
}

/* Visitors asking for many posters at once (each query string a new
 * render) get 503 beyond a few, and a staff member signing in meanwhile is
 * served before the posters still waiting. */
static void posters_cannot_keep_staff_from_signing_in(void **state)
{
	(void)state;
	enum { N = 16 };
	CURL *h[N + 1];
	char url[N + 1][160], body[256];
	CURL *c = client();
	struct resp r;
	request(c, "/login", NULL, NULL, &r);
	snprintf(body, sizeof body, "csrf=%s&login=wangjg&password=demo-pass-2026", csrf_from(&r));
	done(&r);
	CURLM *m = curl_multi_init();
	for (int i = 0; i <= N; i++) {
		h[i] = i < N ? curl_easy_init() : c;
		if (i < N)
			snprintf(url[i], sizeof url[i], "%s/c/xingfuli/board/poster.pdf?paper=a3&n=%d", base, i);
		else
			snprintf(url[i], sizeof url[i], "%s/login", base);
		curl_easy_setopt(h[i], CURLOPT_URL, url[i]);
		curl_easy_setopt(h[i], CURLOPT_WRITEFUNCTION, ignore);
		curl_easy_setopt(h[i], CURLOPT_HEADERFUNCTION, ignore);
		if (i == N)
			curl_easy_setopt(h[i], CURLOPT_POSTFIELDS, body);
		curl_multi_add_handle(m, h[i]);
	}
	int running = 1, finished = 0, login_at = -1, ok_after_login = 0, busy = 0, ok = 0;
	while (running || finished <= N) {
		assert_int_equal(curl_multi_perform(m, &running), CURLM_OK);
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(m, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			assert_int_equal(msg->data.result, CURLE_OK);
			long status = 0;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
			if (msg->easy_handle == c) {
				assert_int_equal(status, 303);
				login_at = finished;
			} else if (status == 503) {
				busy++;
			} else {
				assert_int_equal(status, 200);
				ok++;
				ok_after_login += login_at >= 0;
			}
			finished++;
		}
		if (running)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	}
	assert_true(login_at >= 0);
	assert_true(busy >= N - 8);
	assert_true(ok >= 1 && ok <= 8);
	/* Signed in before the posters that were still waiting were drawn. */
	assert_true(ok_after_login >= 1);
	for (int i = 0; i <= N; i++) {
		curl_multi_remove_handle(m, h[i]);
		curl_easy_cleanup(h[i]);
	}
	curl_multi_cleanup(m);
}

/* On PostgreSQL TRUNCATE fires no row trigger: its own statement trigger
 * bumps the version (on SQLite DELETE without WHERE fires the row ones).
 * Last: it empties the hotlines. */
static void emptying_a_table_by_hand_shows_at_the_next_visit(void **state)
{
	(void)state;
	struct resp r;
	const char *page = "/c/xingfuli/services/";
	visit(base, page, NULL, &r);
	done(&r);
	visit(base, page, NULL, &r);
	assert_true(has_header(&r, "x-cache: hit"));
	assert_true(has(&r, "12345"));
	done(&r);
	const char *pg = getenv("SHEQU_TEST_PG");
	assert_int_equal(db_exec1(pg && *pg ? "TRUNCATE services_hotline" : "DELETE FROM services_hotline"), 0);
	visit(base, page, NULL, &r);
	assert_false(has_header(&r, "x-cache"));
	assert_false(has(&r, "12345"));
	done(&r);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_cache PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	if (sodium_init() < 0)
		return 1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_second_visit_is_kept_and_revalidated_by_its_etag),
	    cmocka_unit_test(large_text_pages_are_kept_apart),
	    cmocka_unit_test(signed_in_pages_are_never_kept_nor_shared),
	    cmocka_unit_test(pages_with_a_form_token_or_errors_are_not_kept),
	    cmocka_unit_test(a_command_line_write_shows_at_the_next_visit),
	    cmocka_unit_test(every_public_kind_of_answer_is_conditional),
	    cmocka_unit_test(the_cache_can_be_turned_off),
	    cmocka_unit_test(posters_cannot_keep_staff_from_signing_in),
	    cmocka_unit_test(emptying_a_table_by_hand_shows_at_the_next_visit),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
