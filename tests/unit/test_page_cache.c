/* The response cache's own rules: valid only at its data version and
 * before its time limit, bounded in bytes with the least recently used
 * entries out first, and entries in use kept alive until given back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "http/page_cache.h"

static void put(const char *key, int64_t version, int64_t until, const char *body)
{
	struct page_entry e = {.content_type = "text/html; charset=utf-8", .etag = "\"e\"", .body = body,
			       .body_len = strlen(body)};
	page_cache_put(key, strlen(key), version, until, &e);
}

static const struct page_entry *get(const char *key, int64_t version, int64_t now)
{
	return page_cache_get(key, strlen(key), version, now);
}

static void valid_at_its_version_and_before_its_limit(void **state)
{
	(void)state;
	page_cache_init(1 << 20);
	put("N /a", 5, 1000, "aaa");
	const struct page_entry *e = get("N /a", 5, 999);
	assert_non_null(e);
	assert_int_equal(e->body_len, 3);
	assert_memory_equal(e->body, "aaa", 3);
	assert_string_equal(e->content_type, "text/html; charset=utf-8");
	page_cache_release(e);
	assert_null(get("L /a", 5, 999)); /* another text size is another page */
	assert_null(get("N /a", 5, 1000)); /* its time has come: gone */
	put("N /a", 5, 1000, "aaa");
	assert_null(get("N /a", 4, 10)); /* a reader that has not seen version 5 yet */
	assert_non_null((e = get("N /a", 5, 10)));
	page_cache_release(e);
	assert_null(get("N /a", 6, 10)); /* a write happened */
	assert_null(get("N /a", 5, 10)); /* and it was dropped */
	/* Something rendered before a write that others have seen is not kept. */
	put("N /b", 5, 1000, "old");
	assert_null(get("N /b", 6, 10));
	struct page_cache_stats st;
	page_cache_stats(&st);
	assert_int_equal(st.entries, 0);
	assert_int_equal(st.bytes, 0);
	page_cache_free();
}

static void bounded_with_the_least_recently_used_out_first(void **state)
{
	(void)state;
	size_t cap = 64 << 10;
	page_cache_init(cap);
	char body[4000];
	memset(body, 'x', sizeof body - 1);
	body[sizeof body - 1] = 0;
	char key[32];
	for (int i = 0; i < 100; i++) {
		snprintf(key, sizeof key, "N /p/%d", i);
		put(key, 1, 1000, body);
		/* /p/0 is asked for all along: it stays. */
		const struct page_entry *e = get("N /p/0", 1, 10);
		assert_non_null(e);
		page_cache_release(e);
		struct page_cache_stats st;
		page_cache_stats(&st);
		assert_true(st.bytes <= cap);
	}
	assert_null(get("N /p/1", 1, 10));
	assert_null(get("N /p/50", 1, 10));
	const struct page_entry *e = get("N /p/99", 1, 10);
	assert_non_null(e);
	page_cache_release(e);
	/* Too large for an eighth of the room: never kept. */
	static char big[(64 << 10) / 8 + 1];
	memset(big, 'y', sizeof big - 1);
	put("N /big", 1, 1000, big);
	assert_null(get("N /big", 1, 10));
	page_cache_free();
}

static void an_entry_in_use_outlives_its_drop(void **state)
{
	(void)state;
	page_cache_init(1 << 20);
	put("N /a", 1, 1000, "first");
	const struct page_entry *e = get("N /a", 1, 10);
	assert_non_null(e);
	put("N /a", 1, 1000, "second"); /* replaces it in the table */
	put("N /c", 2, 1000, "newer");	 /* and a write drops everything older */
	assert_memory_equal(e->body, "first", 5); /* still readable (ASan would see otherwise) */
	page_cache_release(e);
	assert_null(get("N /a", 2, 10));
	page_cache_free();
}

static void page_cache_off_keeps_nothing(void **state)
{
	(void)state;
	page_cache_init(0);
	assert_false(page_cache_enabled());
	put("N /a", 1, 1000, "a");
	assert_null(get("N /a", 1, 10));
}

/* Two threads reading, writing and bumping versions at once stay within the
 * cap and never see a body that is not a whole one (run under TSan/ASan). */
static void *hammer(void *arg)
{
	int id = *(int *)arg;
	char key[32], body[600];
	for (int i = 0; i < 20000; i++) {
		int64_t v = 1 + i / 1000;
		snprintf(key, sizeof key, "N /%d", i % 37);
		memset(body, 'a' + (i % 26), sizeof body - 1);
		body[sizeof body - 1] = 0;
		if ((i + id) % 3 == 0)
			put(key, v, 1000, body);
		const struct page_entry *e = get(key, v, 10);
		if (e) {
			for (size_t k = 1; k < e->body_len; k++)
				if (e->body[k] != e->body[0])
					return (void *)1;
			page_cache_release(e);
		}
	}
	return NULL;
}

static void threads_share_it_safely(void **state)
{
	(void)state;
	page_cache_init(16 << 10);
	pthread_t t[2];
	int ids[2] = {0, 1};
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, hammer, &ids[i]), 0);
	for (int i = 0; i < 2; i++) {
		void *rc;
		pthread_join(t[i], &rc);
		assert_null(rc);
	}
	struct page_cache_stats st;
	page_cache_stats(&st);
	assert_true(st.bytes <= 16 << 10);
	assert_true(st.hits > 0);
	page_cache_free();
}

/* A page is true until the next midnight in China at the latest. */
static void valid_until_midnight_or_earlier(void **state)
{
	(void)state;
	int64_t late = 1796054340; /* 2026-11-30 23:59 UTC+8 */
	int64_t midnight = late + 60, opening = midnight + 8 * 3600 + 1800;
	assert_int_equal(page_cache_until(late, 0), midnight);
	assert_int_equal(page_cache_until(late, opening), midnight); /* a station opening at 08:30 */
	assert_int_equal(page_cache_until(late, late + 30), late + 30);
	assert_int_equal(page_cache_until(midnight, 0), midnight + 86400);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(valid_at_its_version_and_before_its_limit),
	    cmocka_unit_test(bounded_with_the_least_recently_used_out_first),
	    cmocka_unit_test(an_entry_in_use_outlives_its_drop),
	    cmocka_unit_test(page_cache_off_keeps_nothing),
	    cmocka_unit_test(valid_until_midnight_or_earlier),
	    cmocka_unit_test(threads_share_it_safely),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
