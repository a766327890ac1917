/* The volunteers' store on SQLite and (under tests/pg/with-postgres.sh)
 * PostgreSQL, on a database made by `shequ init` and `shequ demo`: the
 * hours arithmetic (across midnight, capped), check-in and check-out of a
 * night shift (22:00–次日06:00) with double check-in refused and
 * check-out only after check-in, places never oversold with several
 * connections racing for the last places, one sign-up per volunteer and
 * shift, and confirmation with corrections keeping the year's summary and
 * the volunteer's totals equal to the confirmed records.
 * usage: test_volunteers_store SHEQU_BINARY */
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

#include "core/date.h"
#include "db/db.h"
#include "modules/volunteers/volunteers_internal.h"

#include "fixture.h"

static const char *shequ;
static struct fixture fx;
static struct db *a;
static struct arena ar;
static int64_t xingfuli, wangjg;
static int64_t now;

static int setup(void **state)
{
	(void)state;
	if (fixture_make(&fx, shequ) < 0 || fixture_key_install(&fx) < 0 || fixture_open(&fx, &a) < 0)
		return -1;
	arena_init(&ar, 64u << 20);
	xingfuli = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "xingfuli");
	wangjg = fixture_id(a, "SELECT id FROM users WHERE username = ?", "wangjg");
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

/* A recruiting project with one shift from starts to ends with places. */
static int64_t shift(int64_t starts, int64_t ends, int64_t places, int64_t *project)
{
	struct vol_project p = {.title = "周末义务巡逻", .place = "小区东门", .organizer = "社区平安志愿者队"};
	int64_t pid, sid;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(vol_project_add(a, xingfuli, &p, wangjg, now, &pid), 0);
	assert_int_equal(vol_shift_add(a, xingfuli, pid, starts, ends, places, now, &sid), 0);
	assert_int_equal(vol_project_set_state(a, xingfuli, pid, "recruiting", NULL, now), 0);
	assert_int_equal(db_commit(a), 0);
	if (project)
		*project = pid;
	return sid;
}

/* A new volunteer registered at the desk. */
static int64_t volunteer(struct db *db, const char *name)
{
	struct vol_new v = {.by_user = wangjg, .name = name, .phone = "13912345678", .availability = "weekends",
			    .groups = "community"};
	int64_t id;
	struct arena t;
	arena_init(&t, 1u << 20);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(vol_add(db, &t, xingfuli, &v, now, &id), 0);
	assert_int_equal(db_commit(db), 0);
	arena_free(&t);
	return id;
}

/* One store step in its own transaction, committed when it answers 0. */
#define STEP(db, call)                                                                                       \
	({                                                                                                   \
		int rc_ = -1;                                                                                \
		for (int tries_ = 0; tries_ < 50; tries_++) {                                                \
			if (db_begin(db) < 0) {                                                              \
				usleep(20000);                                                               \
				continue;                                                                    \
			}                                                                                    \
			rc_ = (call);                                                                        \
			if (rc_ == 0 && db_commit(db) < 0)                                                   \
				rc_ = -1;                                                                    \
			else if (rc_)                                                                        \
				db_rollback(db);                                                             \
			break;                                                                               \
		}                                                                                            \
		rc_;                                                                                         \
	})

static void minutes_across_midnight_and_capped(void **state)
{
	(void)state;
	struct ymd d = {2026, 11, 28};
	int64_t starts = date_at_minute(d, 22 * 60), ends = date_at_minute(date_add_days(d, 1), 6 * 60);
	/* 21:50 to 06:10 the next morning: 8 h 20 min */
	assert_int_equal(vol_minutes(starts - 600, ends + 600, starts, ends), 500);
	/* cut at the shift's 8 hours plus 2 */
	assert_int_equal(vol_minutes(starts - 3600, ends + 5 * 3600, starts, ends), 600);
	/* seconds do not count, a backwards pair is nothing */
	assert_int_equal(vol_minutes(starts, starts + 119, starts, ends), 1);
	assert_int_equal(vol_minutes(ends, starts, starts, ends), 0);
	assert_int_equal(vol_minutes(starts, starts, starts, ends), 0);
	/* the window: an hour before, twelve after */
	assert_true(vol_in_window(starts - 3600, starts, ends));
	assert_false(vol_in_window(starts - 3601, starts, ends));
	assert_true(vol_in_window(ends + 12 * 3600, starts, ends));
	assert_false(vol_in_window(ends + 12 * 3600 + 1, starts, ends));
	/* the stars: 100, 300, 600, 1000, 1500 hours */
	assert_int_equal(vol_stars(100 * 60 - 1), 0);
	assert_int_equal(vol_stars(100 * 60), 1);
	assert_int_equal(vol_stars(300 * 60), 2);
	assert_int_equal(vol_stars(999 * 60 + 59), 3);
	assert_int_equal(vol_stars(1000 * 60), 4);
	assert_int_equal(vol_stars(1500 * 60), 5);
	assert_int_equal(vol_stars(INT64_C(1) << 40), 5);
}

static void a_night_shift_checked_in_once_and_out_after(void **state)
{
	(void)state;
	int64_t starts = now + 3600 * 30, ends = starts + 8 * 3600;
	int64_t sid = shift(starts, ends, 5, NULL), vid = volunteer(a, "李守夜"), rid;
	assert_int_equal(STEP(a, vol_signup(a, xingfuli, sid, vid, 0, now, &rid)), 0);
	assert_int_equal(STEP(a, vol_signup(a, xingfuli, sid, vid, 0, now, &rid)), VOL_DUPLICATE);
	/* too early, check-out first */
	assert_int_equal(STEP(a, vol_check(a, xingfuli, rid, 0, wangjg, starts - 3601)), VOL_NOT_NOW);
	assert_int_equal(STEP(a, vol_check(a, xingfuli, rid, 1, wangjg, starts)), VOL_NOT_IN);
	assert_int_equal(STEP(a, vol_check(a, xingfuli, rid, 0, wangjg, starts - 300)), 0);
	assert_int_equal(STEP(a, vol_check(a, xingfuli, rid, 0, wangjg, starts)), VOL_CHECKED_IN);
	/* checked in: no cancellation */
	assert_int_equal(STEP(a, vol_signup_cancel(a, xingfuli, rid, vid, starts - 200)), VOL_CHECKED_IN);
	/* out at 06:05 the next day: 8 h 10 min */
	assert_int_equal(STEP(a, vol_check(a, xingfuli, rid, 1, wangjg, ends + 300)), 0);
	assert_int_equal(STEP(a, vol_check(a, xingfuli, rid, 1, wangjg, ends + 400)), VOL_CHECKED_OUT);
	struct vol_record r;
	assert_int_equal(vol_record_get(a, &ar, xingfuli, rid, &r), 0);
	assert_int_equal(r.minutes, 490);
	assert_int_equal(r.confirmed_minutes, -1);
}

struct racer {
	int64_t sid, vid[20];
	int ok, full, failures;
};

static void *racing(void *arg)
{
	struct racer *w = arg;
	struct db *db;
	if (fixture_open(&fx, &db) < 0) {
		w->failures++;
		return NULL;
	}
	for (int i = 0; i < 20; i++) {
		int64_t rid;
		int rc = STEP(db, vol_signup(db, xingfuli, w->sid, w->vid[i], 0, now, &rid));
		if (rc == 0)
			w->ok++;
		else if (rc == VOL_FULL)
			w->full++;
		else
			w->failures++;
	}
	db_close(db);
	return NULL;
}

static void places_never_oversold(void **state)
{
	(void)state;
	enum { THREADS = 4, PLACES = 30 };
	int64_t pid, sid = shift(now + 5 * 86400, now + 5 * 86400 + 7200, PLACES, &pid);
	struct racer w[THREADS];
	pthread_t t[THREADS];
	for (int k = 0; k < THREADS; k++) {
		memset(&w[k], 0, sizeof w[k]);
		w[k].sid = sid;
		for (int i = 0; i < 20; i++)
			w[k].vid[i] = volunteer(a, "赵抢位");
	}
	for (int k = 0; k < THREADS; k++)
		assert_int_equal(pthread_create(&t[k], NULL, racing, &w[k]), 0);
	int ok = 0, full = 0;
	for (int k = 0; k < THREADS; k++) {
		pthread_join(t[k], NULL);
		assert_int_equal(w[k].failures, 0);
		ok += w[k].ok;
		full += w[k].full;
	}
	assert_int_equal(ok, PLACES);
	assert_int_equal(full, THREADS * 20 - PLACES);
	struct vol_shift s;
	assert_int_equal(vol_shift_get(a, xingfuli, sid, &s), 0);
	assert_int_equal(s.taken, PLACES);
	struct vol_project p;
	assert_int_equal(vol_project_get(a, &ar, xingfuli, pid, &p), 0);
	assert_int_equal(p.places_left, 0);
	struct vol_record *r;
	size_t n;
	assert_int_equal(vol_shift_records(a, &ar, xingfuli, sid, 1000, &r, &n), 0);
	assert_int_equal(n, PLACES);
	/* a cancellation gives the place back */
	assert_int_equal(STEP(a, vol_signup_cancel(a, xingfuli, r[0].id, r[0].volunteer_id, now)), 0);
	assert_int_equal(STEP(a, vol_signup_cancel(a, xingfuli, r[0].id, r[0].volunteer_id, now)), VOL_GONE);
	assert_int_equal(vol_shift_get(a, xingfuli, sid, &s), 0);
	assert_int_equal(s.taken, PLACES - 1);
}

static struct db_query q_sum_year = DB_QUERY(
    "SELECT COALESCE(SUM(minutes), 0) FROM volunteers_year WHERE community_id = ? AND volunteer_id = ?");
static struct db_query q_sum_rec = DB_QUERY(
    "SELECT COALESCE(SUM(confirmed_minutes), 0) FROM volunteers_record WHERE community_id = ? AND volunteer_id = ?");
static struct db_query q_total =
    DB_QUERY("SELECT minutes_total FROM volunteers_volunteer WHERE community_id = ? AND id = ?");
static struct db_query q_n_year = DB_QUERY(
    "SELECT COALESCE(SUM(records), 0) FROM volunteers_year WHERE community_id = ? AND volunteer_id = ?");
static struct db_query q_n_rec = DB_QUERY(
    "SELECT COUNT(*) FROM volunteers_record WHERE community_id = ? AND volunteer_id = ?"
    " AND confirmed_minutes IS NOT NULL");

/* The integer that q answers for the community and volunteer vid. */
static int64_t one(struct db_query *q, int64_t vid)
{
	struct db_stmt *st = db_stmt(a, q);
	assert_non_null(st);
	db_bind_int(st, 1, xingfuli);
	db_bind_int(st, 2, vid);
	int64_t v;
	assert_int_equal(db_one_int(st, &v), 0);
	return v;
}

/* The year summary's minutes and records of volunteer vid, and the sum of
 * its confirmed records, must agree; so must the volunteer's totals. */
static void summary_agrees(int64_t vid, int64_t want)
{
	int64_t sum_rec = one(&q_sum_rec, vid);
	assert_int_equal(one(&q_sum_year, vid), sum_rec);
	assert_int_equal(one(&q_total, vid), sum_rec);
	assert_int_equal(sum_rec, want);
	assert_int_equal(one(&q_n_year, vid), one(&q_n_rec, vid));
}

static void corrections_keep_the_summary_equal_to_the_records(void **state)
{
	(void)state;
	int64_t starts = now + 60, ends = starts + 2 * 3600;
	int64_t pid, sid = shift(starts, ends, 3, &pid), vid = volunteer(a, "钱确认"), rid;
	assert_int_equal(STEP(a, vol_signup(a, xingfuli, sid, vid, wangjg, now, &rid)), 0);
	/* nothing to confirm before check-out */
	assert_int_equal(STEP(a, vol_confirm(a, xingfuli, rid, -1, NULL, wangjg, now)), VOL_NOT_IN);
	assert_int_equal(STEP(a, vol_check(a, xingfuli, rid, 0, wangjg, starts)), 0);
	assert_int_equal(STEP(a, vol_check(a, xingfuli, rid, 1, wangjg, ends)), 0);
	assert_int_equal(STEP(a, vol_confirm(a, xingfuli, rid, -1, NULL, wangjg, ends)), 0);
	summary_agrees(vid, 120);
	/* a correction needs a reason and a change; it is kept as a row */
	assert_int_equal(STEP(a, vol_confirm(a, xingfuli, rid, 90, "", wangjg, ends)), VOL_STATE);
	assert_int_equal(STEP(a, vol_confirm(a, xingfuli, rid, 120, "重复", wangjg, ends)), VOL_STATE);
	assert_int_equal(STEP(a, vol_confirm(a, xingfuli, rid, 90, "提前半小时离开", wangjg, ends)), 0);
	summary_agrees(vid, 90);
	assert_int_equal(STEP(a, vol_confirm(a, xingfuli, rid, 100, "核对签到表", wangjg, ends)), 0);
	summary_agrees(vid, 100);
	/* the ranking reads the summary: this volunteer with the corrected minutes, most first */
	struct vol_rank *rk;
	size_t nr, found = 0;
	assert_int_equal(vol_ranking(a, &ar, xingfuli, date_from_time(starts).y, 0, 10000, &rk, &nr), 0);
	for (size_t i = 0; i < nr; i++) {
		if (i)
			assert_true(rk[i - 1].minutes >= rk[i].minutes);
		if (rk[i].volunteer_id == vid) {
			assert_int_equal(rk[i].minutes, 100);
			found++;
		}
	}
	assert_int_equal(found, 1);
	/* 补录 counts at once, confirmed by who entered it */
	int64_t bid;
	assert_int_equal(STEP(a, vol_backfill(a, xingfuli, pid, vid, now - 30 * 86400, now - 30 * 86400 + 3600, 60,
					      "纸质签到表补录", wangjg, now, &bid)),
			 0);
	summary_agrees(vid, 160);
	struct vol_record r;
	assert_int_equal(vol_record_get(a, &ar, xingfuli, rid, &r), 0);
	assert_int_equal(r.confirmed_minutes, 100);
	assert_int_equal(r.minutes, 120); /* what the check-in and check-out gave stays */
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_volunteers_store SHEQU_BINARY\n");
		return 2;
	}
	shequ = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(minutes_across_midnight_and_capped),
	    cmocka_unit_test(a_night_shift_checked_in_once_and_out_after),
	    cmocka_unit_test(places_never_oversold),
	    cmocka_unit_test(corrections_keep_the_summary_equal_to_the_records),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
