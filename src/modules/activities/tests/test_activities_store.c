/* The activities' store on SQLite and (under tests/pg/with-postgres.sh)
 * PostgreSQL, on a database made by `shequ init` and `shequ demo`: the
 * sign-up rule (places, waitlist, refusals, one live sign-up per account),
 * cancellation moving the first waitlisted up, check-in, and the rule
 * under real concurrent connections: 8 threads of 125 desk sign-ups each
 * for 50 places, then concurrent cancellations.
 * usage: test_activities_store SHEQU_BINARY */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "modules/activities/activities_internal.h"

#include "fixture.h"

static const char *shequ;
static struct fixture fx;
static struct db *a;
static struct arena ar;
static int64_t xingfuli, wangjg, zhangsan, zhoulx, jiandu;
static int64_t now;

static int setup(void **state)
{
	(void)state;
	if (fixture_make(&fx, shequ) < 0 || fixture_key_install(&fx) < 0 || fixture_open(&fx, &a) < 0)
		return -1;
	arena_init(&ar, 64u << 20);
	xingfuli = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "xingfuli");
	wangjg = fixture_id(a, "SELECT id FROM users WHERE username = ?", "wangjg");
	zhangsan = fixture_id(a, "SELECT id FROM users WHERE username = ?", "zhangsan");
	zhoulx = fixture_id(a, "SELECT id FROM users WHERE username = ?", "zhoulx");
	jiandu = fixture_id(a, "SELECT id FROM users WHERE username = ?", "jiandu");
	now = (int64_t)time(NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(a);
	arena_free(&ar);
	return fixture_remove(&fx);
}

/* A published activity starting in two days with capacity places. */
static int64_t activity(int64_t capacity, const char *state)
{
	struct act_activity v = {.kind = "festival", .title = "重阳节敬老包饺子", .place = "社区活动室",
				 .starts_at = now + 2 * 86400, .ends_at = now + 2 * 86400 + 7200,
				 .signup_closes_at = now + 86400, .capacity = capacity, .audience = "60岁以上老人",
				 .min_age = 60};
	int64_t id;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(act_add(a, xingfuli, &v, wangjg, now, &id), 0);
	if (!strcmp(state, "published"))
		assert_int_equal(act_publish(a, xingfuli, id, wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	return id;
}

/* One sign-up in its own transaction on db: the store's answer. */
static int sign_up(struct db *db, int64_t aid, int64_t user, const char *name, struct act_signup_done *d)
{
	struct arena t;
	arena_init(&t, 1u << 20);
	struct act_signup_new s = {.user_id = user, .by_user = user ? 0 : wangjg, .name = name,
				   .phone = "13812345678", .needs_call = !user};
	int rc = -1;
	for (int tries = 0; tries < 50; tries++) {
		if (db_begin(db) < 0) {
			usleep(20000); /* SQLite busy past its timeout under 8 writers: try again */
			continue;
		}
		rc = act_signup_add(db, &t, xingfuli, aid, &s, now, d);
		if (rc == 0 && db_commit(db) < 0)
			rc = -1;
		else if (rc)
			db_rollback(db);
		break;
	}
	arena_free(&t);
	return rc;
}

static int cancel(struct db *db, int64_t aid, int64_t sid, int64_t user, int64_t *promoted)
{
	int rc = -1;
	for (int tries = 0; tries < 50; tries++) {
		if (db_begin(db) < 0) {
			usleep(20000);
			continue;
		}
		rc = act_signup_cancel(db, xingfuli, aid, sid, user, now, promoted);
		if (rc == 0 && db_commit(db) < 0)
			rc = -1;
		else if (rc)
			db_rollback(db);
		break;
	}
	return rc;
}

static int64_t q_int(const char *sql, int64_t aid)
{
	struct db_stmt *st = db_prepare_adhoc(a, sql);
	assert_non_null(st);
	db_bind_int(st, 1, xingfuli);
	db_bind_int(st, 2, aid);
	int64_t v = -1;
	if (db_step(st) == DB_ROW)
		v = db_col_int(st, 0);
	db_finalize(st);
	return v;
}

static void places_then_waitlist_then_promotion(void **state)
{
	(void)state;
	int64_t aid = activity(2, "published");
	struct act_signup_done d1, d2, d3, d4;
	assert_int_equal(sign_up(a, aid, zhangsan, "张三", &d1), 0);
	assert_int_equal(d1.confirmed, 1);
	assert_int_equal(d1.arrival, 1);
	assert_int_equal(sign_up(a, aid, zhangsan, "张三", &d2), ACT_DUPLICATE);
	assert_int_equal(sign_up(a, aid, zhoulx, "周立新", &d2), 0);
	assert_int_equal(d2.confirmed, 1);
	assert_int_equal(sign_up(a, aid, jiandu, "孙立", &d3), 0);
	assert_int_equal(d3.confirmed, 0);
	assert_int_equal(d3.arrival, 3);
	assert_int_equal(sign_up(a, aid, 0, "刘桂兰", &d4), 0);
	assert_int_equal(d4.confirmed, 0);
	int64_t pos;
	assert_int_equal(act_wait_position(a, xingfuli, aid, d4.arrival, &pos), 0);
	assert_int_equal(pos, 2);
	struct act_activity v;
	assert_int_equal(act_get(a, &ar, xingfuli, aid, &v), 0);
	assert_int_equal(v.confirmed, 2);
	assert_int_equal(v.waitlisted, 2);
	assert_int_equal(v.needs_call, 1);
	/* someone else cannot cancel zhangsan's sign-up as themselves */
	int64_t promoted = -1;
	assert_int_equal(cancel(a, aid, d1.id, zhoulx, &promoted), ACT_NOT_FOUND);
	/* zhangsan cancels: the first in line (jiandu, arrival 3) moves up */
	assert_int_equal(cancel(a, aid, d1.id, zhangsan, &promoted), 0);
	assert_int_equal(promoted, d3.id);
	assert_int_equal(cancel(a, aid, d1.id, zhangsan, &promoted), ACT_GONE);
	struct act_signup s;
	assert_int_equal(act_signup_mine(a, &ar, xingfuli, aid, jiandu, &s), 0);
	assert_string_equal(s.state, "confirmed");
	assert_true(s.promoted_at > 0);
	assert_string_equal(s.name_masked, "孙*");
	assert_int_equal(act_wait_position(a, xingfuli, aid, d4.arrival, &pos), 0);
	assert_int_equal(pos, 1);
	/* a waitlisted one leaving promotes nobody */
	assert_int_equal(cancel(a, aid, d4.id, 0, &promoted), 0);
	assert_int_equal(promoted, 0);
	assert_int_equal(act_get(a, &ar, xingfuli, aid, &v), 0);
	assert_int_equal(v.confirmed, 2);
	assert_int_equal(v.waitlisted, 0);
	assert_int_equal(v.needs_call, 0);
	/* after cancelling, zhangsan may sign up again: at the end of the line */
	assert_int_equal(sign_up(a, aid, zhangsan, "张三", &d1), 0);
	assert_int_equal(d1.confirmed, 0);
	assert_int_equal(d1.arrival, 5);
	/* the desk sign-up's phone is sealed; staff open it, the list masks it */
	struct act_signup *l;
	size_t n;
	assert_int_equal(act_signups(a, &ar, xingfuli, aid, "all", 1, 0, 10, &l, &n), 0);
	assert_int_equal(n, 5);
	assert_string_equal(l[3].phone, "13812345678");
	assert_string_equal(l[3].phone_masked, "138****5678");
	assert_int_equal(q_int("SELECT COUNT(*) FROM activities_signup WHERE community_id = ? AND activity_id = ?"
			       " AND phone_sealed IS NOT NULL AND phone_masked = '138****5678'",
			       aid),
			 5);
	/* check-in: a confirmed one, twice harmless; a waitlisted one refused */
	int changed;
	assert_int_equal(act_get(a, &ar, xingfuli, aid, &v), 0);
	int64_t at = v.starts_at; /* check-in happens at the door */
	assert_int_equal(db_begin(a), 0);
	/* not days before the start, nor long after the end */
	assert_int_equal(act_check_in(a, xingfuli, aid, d2.id, v.starts_at - ACT_CHECK_IN_EARLY - 1, &changed),
			 ACT_NOT_NOW);
	assert_int_equal(act_check_in(a, xingfuli, aid, d2.id, v.ends_at + ACT_CHECK_IN_LATE + 1, &changed),
			 ACT_NOT_NOW);
	assert_int_equal(act_check_in(a, xingfuli, aid, d2.id, at, &changed), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(act_check_in(a, xingfuli, aid, d2.id, at, &changed), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(act_check_in(a, xingfuli, aid, d1.id, at, &changed), ACT_NOT_FOUND);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(act_get(a, &ar, xingfuli, aid, &v), 0);
	assert_int_equal(v.attended, 1);
	/* one who came cannot be cancelled */
	assert_int_equal(cancel(a, aid, d2.id, 0, &promoted), ACT_ATTENDED);
	/* more places by an edit move the line up */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(act_lock(a, xingfuli, aid), 0);
	v.capacity = 3;
	assert_int_equal(act_update(a, xingfuli, &v, wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(act_signup_mine(a, &ar, xingfuli, aid, zhangsan, &s), 0);
	assert_string_equal(s.state, "confirmed");
}

static void refusals(void **state)
{
	(void)state;
	struct act_signup_done d;
	int64_t draft = activity(10, "draft");
	assert_int_equal(sign_up(a, draft, zhangsan, "张三", &d), ACT_NOT_OPEN);
	assert_int_equal(sign_up(a, 999999, zhangsan, "张三", &d), ACT_NOT_FOUND);
	int64_t aid = activity(10, "published");
	int64_t saved = now;
	now = saved + 86400; /* sign-up closes */
	assert_int_equal(sign_up(a, aid, zhangsan, "张三", &d), ACT_CLOSED);
	now = saved + 2 * 86400; /* it has started */
	assert_int_equal(sign_up(a, aid, zhangsan, "张三", &d), ACT_STARTED);
	now = saved;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(act_cancel(a, xingfuli, aid, "场地检修", wangjg, now), 0);
	assert_int_equal(act_cancel(a, xingfuli, aid, "场地检修", wangjg, now), ACT_STATE);
	assert_int_equal(act_publish(a, xingfuli, aid, wangjg, now), ACT_STATE);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(sign_up(a, aid, zhangsan, "张三", &d), ACT_NOT_OPEN);
}

#define THREADS 8
#define EACH 125
#define PLACES 50

struct worker {
	int64_t aid;
	int k;
	int failures;
	int64_t ids[EACH];		/* sign-ups made (race 1); to cancel (race 2) */
	int64_t promoted[EACH];
	int n;
};

static void *signing(void *arg)
{
	struct worker *w = arg;
	struct db *db;
	if (fixture_open(&fx, &db) < 0) {
		w->failures = EACH;
		return NULL;
	}
	for (int i = 0; i < EACH; i++) {
		char name[32];
		snprintf(name, sizeof name, "居民%d-%03d", w->k, i);
		struct act_signup_done d;
		if (sign_up(db, w->aid, 0, name, &d) != 0)
			w->failures++;
		else
			w->ids[w->n++] = d.id;
	}
	db_close(db);
	return NULL;
}

static void *cancelling(void *arg)
{
	struct worker *w = arg;
	struct db *db;
	if (fixture_open(&fx, &db) < 0) {
		w->failures = w->n;
		return NULL;
	}
	for (int i = 0; i < w->n; i++)
		if (cancel(db, w->aid, w->ids[i], 0, &w->promoted[i]) != 0)
			w->failures++;
	db_close(db);
	return NULL;
}

/* 1000 sign-ups for 50 places from 8 connections at once: exactly 50
 * places, 950 waiting, arrivals 1..1000 once each, every place's number
 * below every waiting one's. Then 8 connections cancel 40 places at once:
 * 40 promotions, each of a different sign-up, the next 40 in line. */
static void a_thousand_at_once_for_fifty_places(void **state)
{
	(void)state;
	int64_t aid = activity(PLACES, "published");
	static struct worker w[THREADS];
	pthread_t t[THREADS];
	for (int k = 0; k < THREADS; k++) {
		memset(&w[k], 0, sizeof w[k]);
		w[k].aid = aid;
		w[k].k = k;
		assert_int_equal(pthread_create(&t[k], NULL, signing, &w[k]), 0);
	}
	for (int k = 0; k < THREADS; k++) {
		pthread_join(t[k], NULL);
		assert_int_equal(w[k].failures, 0);
	}
	const int total = THREADS * EACH;
	struct act_activity v;
	assert_int_equal(act_get(a, &ar, xingfuli, aid, &v), 0);
	assert_int_equal(v.confirmed, PLACES);
	assert_int_equal(v.waitlisted, total - PLACES);
	assert_int_equal(v.next_arrival, total + 1);
	assert_int_equal(q_int("SELECT COUNT(*) FROM activities_signup WHERE community_id = ? AND activity_id = ?"
			       " AND state = 'confirmed'",
			       aid),
			 PLACES);
	assert_int_equal(q_int("SELECT COUNT(*) FROM activities_signup WHERE community_id = ? AND activity_id = ?"
			       " AND state = 'waitlisted'",
			       aid),
			 total - PLACES);
	assert_int_equal(q_int("SELECT COUNT(DISTINCT arrival) FROM activities_signup WHERE community_id = ?"
			       " AND activity_id = ?",
			       aid),
			 total);
	assert_int_equal(q_int("SELECT MIN(arrival) FROM activities_signup WHERE community_id = ? AND activity_id = ?",
			       aid),
			 1);
	assert_int_equal(q_int("SELECT MAX(arrival) FROM activities_signup WHERE community_id = ? AND activity_id = ?",
			       aid),
			 total);
	assert_int_equal(q_int("SELECT MAX(arrival) FROM activities_signup WHERE community_id = ? AND activity_id = ?"
			       " AND state = 'confirmed'",
			       aid),
			 PLACES);
	assert_int_equal(q_int("SELECT MIN(arrival) FROM activities_signup WHERE community_id = ? AND activity_id = ?"
			       " AND state = 'waitlisted'",
			       aid),
			 PLACES + 1);

	/* the confirmed ones (arrivals 1..40) cancelled from 8 connections at once */
	struct act_signup *l;
	size_t n;
	assert_int_equal(act_signups(a, &ar, xingfuli, aid, "confirmed", 0, 0, 40, &l, &n), 0);
	assert_int_equal(n, 40);
	for (int k = 0; k < THREADS; k++) {
		memset(&w[k], 0, sizeof w[k]);
		w[k].aid = aid;
		for (size_t i = (size_t)k; i < n; i += THREADS)
			w[k].ids[w[k].n++] = l[i].id;
		assert_int_equal(pthread_create(&t[k], NULL, cancelling, &w[k]), 0);
	}
	int64_t seen[40];
	int nseen = 0;
	for (int k = 0; k < THREADS; k++) {
		pthread_join(t[k], NULL);
		assert_int_equal(w[k].failures, 0);
		for (int i = 0; i < w[k].n; i++) {
			assert_true(w[k].promoted[i] > 0);
			for (int j = 0; j < nseen; j++)
				assert_true(seen[j] != w[k].promoted[i]);
			seen[nseen++] = w[k].promoted[i];
		}
	}
	assert_int_equal(nseen, 40);
	assert_int_equal(act_get(a, &ar, xingfuli, aid, &v), 0);
	assert_int_equal(v.confirmed, PLACES);
	assert_int_equal(v.waitlisted, total - PLACES - 40);
	assert_int_equal(q_int("SELECT COUNT(*) FROM activities_signup WHERE community_id = ? AND activity_id = ?"
			       " AND promoted_at IS NOT NULL",
			       aid),
			 40);
	assert_int_equal(q_int("SELECT MAX(arrival) FROM activities_signup WHERE community_id = ? AND activity_id = ?"
			       " AND state = 'confirmed'",
			       aid),
			 PLACES + 40);
	assert_int_equal(q_int("SELECT MIN(arrival) FROM activities_signup WHERE community_id = ? AND activity_id = ?"
			       " AND state = 'waitlisted'",
			       aid),
			 PLACES + 41);
}

struct twice {
	int64_t aid;
	int rc;
};

static void *same_account(void *arg)
{
	struct twice *t = arg;
	struct db *db;
	t->rc = -9;
	if (fixture_open(&fx, &db) < 0)
		return NULL;
	struct act_signup_done d;
	t->rc = sign_up(db, t->aid, zhangsan, "张三", &d);
	db_close(db);
	return NULL;
}

/* One account signing up from 8 connections at once (a double tap, two
 * phones): one sign-up, the other 7 told it exists. */
static void one_account_at_once_gets_one_sign_up(void **state)
{
	(void)state;
	int64_t aid = activity(5, "published");
	struct twice t[THREADS];
	pthread_t th[THREADS];
	for (int k = 0; k < THREADS; k++) {
		t[k].aid = aid;
		assert_int_equal(pthread_create(&th[k], NULL, same_account, &t[k]), 0);
	}
	int ok = 0, dup = 0;
	for (int k = 0; k < THREADS; k++) {
		pthread_join(th[k], NULL);
		ok += t[k].rc == 0;
		dup += t[k].rc == ACT_DUPLICATE;
	}
	assert_int_equal(ok, 1);
	assert_int_equal(dup, THREADS - 1);
	assert_int_equal(q_int("SELECT COUNT(*) FROM activities_signup WHERE community_id = ? AND activity_id = ?", aid), 1);
	struct act_activity v;
	assert_int_equal(act_get(a, &ar, xingfuli, aid, &v), 0);
	assert_int_equal(v.confirmed, 1);
	assert_int_equal(v.next_arrival, 2);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SHEQU_BINARY\n", argv[0]);
		return 2;
	}
	shequ = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(places_then_waitlist_then_promotion),
	    cmocka_unit_test(refusals),
	    cmocka_unit_test(a_thousand_at_once_for_fifty_places),
	    cmocka_unit_test(one_account_at_once_gets_one_sign_up),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
