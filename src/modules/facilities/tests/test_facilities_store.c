/* The facilities store on SQLite and (under tests/pg/with-postgres.sh)
 * PostgreSQL, on a database made by `shequ init` and `shequ demo`: a
 * facility with its hours, bookings checked and written under the
 * facility's lock (overlap, approval, refusal and cancellation freeing the
 * time, capacity, who may book, the no-show block online but not at the
 * desk), personal data sealed with masked projections, and races of eight
 * threads on their own connections: of bookings that all overlap exactly
 * one wins; bookings of distinct slots all succeed, and none overlap after.
 * usage: test_facilities_store SHEQU_BINARY */
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

#include "core/date.h"
#include "db/db.h"
#include "modules/facilities/facilities.h"
#include "modules/facilities/facilities_internal.h"
#include "pii/pii.h"

#include "fixture.h"

static const char *shequ;
static struct fixture fx;
static struct db *a;
static struct arena ar;
static int64_t xingfuli, heping, wangjg, zhangsan, liujh;
static int64_t now;

static int setup(void **state)
{
	(void)state;
	if (fixture_make(&fx, shequ) < 0 || fixture_key_install(&fx) < 0 || fixture_open(&fx, &a) < 0)
		return -1;
	arena_init(&ar, 64u << 20);
	xingfuli = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "xingfuli");
	heping = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "heping");
	wangjg = fixture_id(a, "SELECT id FROM users WHERE username = ?", "wangjg");
	zhangsan = fixture_id(a, "SELECT id FROM users WHERE username = ?", "zhangsan");
	liujh = fixture_id(a, "SELECT id FROM users WHERE username = ?", "liujh");
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

/* Adds a facility open 06:00-23:00 every day (holidays too), 30-minute slots. */
static int64_t add_facility(int64_t community, const char *name, int needs_approval, int capacity, int open_residents)
{
	struct facilities_facility f = {.name = name, .kind = "活动室", .place = "二层", .capacity = capacity,
					.needs_approval = needs_approval, .open_residents = open_residents,
					.open_orgs = 1, .slot_min = 30, .max_min = 240, .days_ahead = 30, .active = 1};
	f.hours.holidays_open = 1;
	for (int w = 0; w < 7; w++) {
		f.hours.week[w].n = 1;
		f.hours.week[w].p[0] = (struct services_period){6 * 60, 23 * 60};
	}
	int64_t id;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(facilities_add(a, community, &f, now, &id), 0);
	assert_int_equal(db_commit(a), 0);
	return id;
}

/* A request for day (days from today) from start to end (minutes). */
static struct facilities_request req(int day, int start, int end, int64_t user, int64_t by)
{
	return (struct facilities_request){.day = date_add_days(date_from_time(now), day), .start_min = start,
					   .end_min = end, .people = 5, .purpose = "活动", .name = "张三丰",
					   .phone = "13812345678", .user_id = user, .by_user = by};
}

/* Books on connection db in its own transaction at `at`: the refusal, *id set when booked. */
static enum facilities_refusal book_on(struct db *db, struct arena *ap, int64_t community, int64_t facility,
				       const struct facilities_request *q, int64_t at, int64_t *id)
{
	enum facilities_refusal r = FR__MAX;
	if (db_begin(db) < 0)
		return FR__MAX;
	if (facilities_book(db, ap, community, facility, q, at, id, &r) < 0) {
		db_rollback(db);
		return FR__MAX;
	}
	if (r == FR_OK ? db_commit(db) < 0 : (db_rollback(db), 0))
		return FR__MAX;
	return r;
}

/* As book_on, but holds the room for activity `activity` at q's time
 * (facilities_hold, as the activities module does): FR_OK, FR_TAKEN, or
 * FR__MAX on an error or another refusal. */
static enum facilities_refusal hold_on(struct db *db, struct arena *ap, int64_t facility,
				       const struct facilities_request *q, int64_t activity)
{
	if (db_begin(db) < 0)
		return FR__MAX;
	int64_t from = date_at_minute(q->day, q->start_min), to = from + (int64_t)(q->end_min - q->start_min) * 60, id;
	int rc = facilities_hold(db, ap, xingfuli, facility, activity, "社区活动", "居委会", 10, from, to, wangjg, now, &id);
	if (rc != FH_OK) {
		db_rollback(db);
		return rc == FH_TAKEN ? FR_TAKEN : FR__MAX;
	}
	return db_commit(db) < 0 ? FR__MAX : FR_OK;
}

static enum facilities_refusal book(int64_t community, int64_t facility, const struct facilities_request *q,
				    int64_t *id)
{
	return book_on(a, &ar, community, facility, q, now, id);
}

static void move(int64_t community, int64_t id, unsigned from, enum facilities_state to, int want)
{
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(facilities_booking_move(a, community, id, from, to, wangjg, "理由", now), want);
	assert_int_equal(db_commit(a), 0);
}

static void bookings_never_overlap_and_freed_times_can_be_booked(void **state)
{
	(void)state;
	int64_t f = add_facility(xingfuli, "测试活动室", 1, 20, 1), id, id2, id3;
	struct facilities_request q = req(2, 10 * 60, 11 * 60, zhangsan, 0);
	assert_int_equal(book(xingfuli, f, &q, &id), FR_OK);
	struct facilities_booking b;
	assert_int_equal(facilities_booking_get(a, &ar, xingfuli, id, 0, &b), 0);
	assert_int_equal(b.state, FB_PENDING); /* needs approval */
	assert_string_equal(b.name, "张*丰");
	assert_string_equal(b.phone, "138****5678");
	assert_int_equal(facilities_booking_get(a, &ar, xingfuli, id, 1, &b), 0);
	assert_string_equal(b.name, "张三丰");
	assert_string_equal(b.phone, "13812345678");
	/* overlapping a pending booking: refused; touching it: fine */
	q = req(2, 10 * 60 + 30, 11 * 60 + 30, liujh, 0);
	assert_int_equal(book(xingfuli, f, &q, &id2), FR_TAKEN);
	q = req(2, 9 * 60, 12 * 60, liujh, 0);
	assert_int_equal(book(xingfuli, f, &q, &id2), FR_TAKEN);
	q = req(2, 11 * 60, 12 * 60, liujh, 0);
	assert_int_equal(book(xingfuli, f, &q, &id2), FR_OK);
	q = req(2, 9 * 60, 10 * 60, liujh, 0);
	assert_int_equal(book(xingfuli, f, &q, &id3), FR_OK);
	/* approve, refuse: refusing frees the time */
	move(xingfuli, id, 1u << FB_PENDING, FB_CONFIRMED, 0);
	move(xingfuli, id, 1u << FB_PENDING, FB_REFUSED, 1); /* no longer pending */
	move(xingfuli, id2, 1u << FB_PENDING, FB_REFUSED, 0);
	q = req(2, 11 * 60, 11 * 60 + 30, zhangsan, 0);
	assert_int_equal(book(xingfuli, f, &q, &id2), FR_OK);
	/* a cancelled confirmed booking frees its time too */
	q = req(2, 10 * 60, 10 * 60 + 30, liujh, 0);
	assert_int_equal(book(xingfuli, f, &q, &id3), FR_TAKEN);
	move(xingfuli, id, (1u << FB_PENDING) | (1u << FB_CONFIRMED), FB_CANCELLED, 0);
	assert_int_equal(book(xingfuli, f, &q, &id3), FR_OK);
	/* a no-show only after the start */
	move(xingfuli, id3, (1u << FB_PENDING) | (1u << FB_CONFIRMED), FB_NO_SHOW, 1);
	/* staff booking: confirmed at once; other refusals */
	q = req(3, 10 * 60, 11 * 60, 0, wangjg);
	q.name = "王大妈";
	q.phone = "13900001111";
	assert_int_equal(book(xingfuli, f, &q, &id), FR_OK);
	assert_int_equal(facilities_booking_get(a, &ar, xingfuli, id, 0, &b), 0);
	assert_int_equal(b.state, FB_CONFIRMED);
	assert_int_equal(b.by_user, wangjg);
	q = req(3, 12 * 60, 13 * 60, zhangsan, 0);
	q.people = 21;
	assert_int_equal(book(xingfuli, f, &q, &id), FR_CAPACITY);
	q = req(3, 22 * 60, 24 * 60, zhangsan, 0);
	assert_int_equal(book(xingfuli, f, &q, &id), FR_CLOSED);
	q = req(3, 12 * 60 + 10, 13 * 60, zhangsan, 0);
	assert_int_equal(book(xingfuli, f, &q, &id), FR_GRID);
	q = req(31, 12 * 60, 13 * 60, zhangsan, 0);
	assert_int_equal(book(xingfuli, f, &q, &id), FR_TOO_FAR);
	q = req(-1, 12 * 60, 13 * 60, zhangsan, 0);
	assert_int_equal(book(xingfuli, f, &q, &id), FR_PAST);
	/* another community's facility does not exist here */
	q = req(3, 12 * 60, 13 * 60, zhangsan, 0);
	assert_int_equal(book(heping, f, &q, &id), FR_NO_FACILITY);
	/* a facility for organizations only */
	int64_t hall = add_facility(xingfuli, "测试礼堂", 0, 0, 0);
	assert_int_equal(book(xingfuli, hall, &q, &id), FR_NOT_OPEN_TO);
	q.organization = "老年人协会";
	assert_int_equal(book(xingfuli, hall, &q, &id), FR_OK);
	/* the taken times of the day: the pending and confirmed ones, none of the others */
	struct facilities_booking *t;
	size_t n;
	int64_t day0 = date_to_time(date_add_days(date_from_time(now), 2));
	assert_int_equal(facilities_taken(a, &ar, xingfuli, f, day0, day0 + 86400, &t, &n), 0);
	assert_int_equal(n, 3); /* 09:00-10:00, 10:00-10:30 (liujh), 11:00-11:30 (zhangsan) */
}

static void three_no_shows_block_online_booking_but_not_the_desk(void **state)
{
	(void)state;
	int64_t f = add_facility(xingfuli, "测试台球桌", 0, 0, 1), id;
	/* three bookings held (made 20 days ago for 19, 15 and 10 days ago), each a no-show */
	for (int k = 0; k < 3; k++) {
		int ago = k == 0 ? 19 : k == 1 ? 15 : 10;
		struct facilities_request q = req(-ago, 9 * 60, 10 * 60, liujh, 0);
		assert_int_equal(book_on(a, &ar, xingfuli, f, &q, now - 20 * 86400, &id), FR_OK);
		move(xingfuli, id, 1u << FB_CONFIRMED, FB_NO_SHOW, 0);
	}
	struct facilities_request q = req(1, 9 * 60, 10 * 60, liujh, 0);
	assert_int_equal(book(xingfuli, f, &q, &id), FR_NOSHOWS);
	q.by_user = wangjg; /* staff book for them at the desk */
	assert_int_equal(book(xingfuli, f, &q, &id), FR_OK);
	/* another resident is not blocked */
	q = req(1, 10 * 60, 11 * 60, zhangsan, 0);
	assert_int_equal(book(xingfuli, f, &q, &id), FR_OK);
}

/* ---- races ---- */

#define THREADS 8
#define PER_THREAD 6

struct racer {
	int64_t facility;
	int k;		 /* the thread's number */
	int distinct;	 /* book distinct slots (1) or all over one time (0) */
	int holds;	 /* odd threads hold the room for an activity instead of booking */
	int won, failed; /* bookings made, errors */
	pthread_barrier_t *go;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	struct db *db;
	struct arena ap;
	if (fixture_open(&fx, &db) < 0) {
		r->failed++;
		pthread_barrier_wait(r->go);
		return NULL;
	}
	arena_init(&ap, 8u << 20);
	pthread_barrier_wait(r->go);
	for (int i = 0; i < (r->distinct ? PER_THREAD : 1); i++) {
		/* distinct: thread k's i-th slot is on day 1 + i, half-hour k;
		 * together: each overlaps 10:30-11:00 */
		struct facilities_request q =
		    r->distinct ? req(1 + i, 8 * 60 + 30 * r->k, 8 * 60 + 30 * (r->k + 1), zhangsan, 0)
				: req(1, 10 * 60 + (r->k % 2) * 30, 11 * 60 + (r->k % 3) * 30, zhangsan, 0);
		int64_t id;
		enum facilities_refusal rf = FR__MAX;
		for (int tries = 0; tries < 50 && rf == FR__MAX; tries++)
			rf = r->holds && r->k % 2 ? hold_on(db, &ap, r->facility, &q, 1000 + r->k)
						  : book_on(db, &ap, xingfuli, r->facility, &q, now, &id);
		if (rf == FR_OK)
			r->won++;
		else if (rf != FR_TAKEN)
			r->failed++;
		arena_reset(&ap);
	}
	arena_free(&ap);
	db_close(db);
	return NULL;
}

/* Runs THREADS racers; the total of bookings won. */
static int run_race(int64_t facility, int distinct, int holds)
{
	pthread_t t[THREADS];
	struct racer r[THREADS];
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, THREADS);
	for (int k = 0; k < THREADS; k++) {
		r[k] = (struct racer){.facility = facility, .k = k, .distinct = distinct, .holds = holds, .go = &go};
		assert_int_equal(pthread_create(&t[k], NULL, race, &r[k]), 0);
	}
	int won = 0;
	for (int k = 0; k < THREADS; k++) {
		pthread_join(t[k], NULL);
		assert_int_equal(r[k].failed, 0);
		won += r[k].won;
	}
	pthread_barrier_destroy(&go);
	return won;
}

/* The pairs of live bookings of a facility that overlap (should be none). */
static int64_t overlaps(int64_t facility)
{
	static struct db_query q = DB_QUERY(
	    "SELECT COUNT(*) FROM facilities_booking x JOIN facilities_booking y ON y.community_id = x.community_id"
	    " AND y.facility_id = x.facility_id AND y.id > x.id AND y.starts_at < x.ends_at AND y.ends_at > x.starts_at"
	    " WHERE x.community_id = ? AND x.facility_id = ? AND x.state IN ('pending', 'confirmed')"
	    " AND y.state IN ('pending', 'confirmed')");
	struct db_stmt *st = db_stmt(a, &q);
	assert_non_null(st);
	db_bind_int(st, 1, xingfuli);
	db_bind_int(st, 2, facility);
	int64_t n = -1;
	assert_int_equal(db_one_int(st, &n), 0);
	return n;
}

static void of_concurrent_overlapping_bookings_exactly_one_wins(void **state)
{
	(void)state;
	for (int round = 0; round < 3; round++) {
		int64_t f = add_facility(xingfuli, round == 0 ? "竞争一" : round == 1 ? "竞争二" : "竞争三", 0, 0, 1);
		assert_int_equal(run_race(f, 0, 0), 1);
		assert_int_equal(overlaps(f), 0);
	}
}

/* Rooms held for activities take the same lock: residents booking and
 * activities holding one time at once, exactly one of all of them wins. */
static void activities_and_residents_racing_for_one_time_exactly_one_wins(void **state)
{
	(void)state;
	for (int round = 0; round < 3; round++) {
		int64_t f = add_facility(xingfuli, round == 0 ? "混合竞争一" : round == 1 ? "混合竞争二" : "混合竞争三", 0, 0, 1);
		assert_int_equal(run_race(f, 0, 1), 1);
		assert_int_equal(overlaps(f), 0);
	}
}

/* The finding of a 7-minute grid counted from midnight: with hours
 * 09:00-21:00 a booking from 09:00 is taken, one from 09:06 refused. */
static void the_grid_counts_from_the_opening(void **state)
{
	(void)state;
	struct facilities_facility f = {.name = "七分钟场地", .kind = "活动室", .place = "", .rules = "", .provided_by = "",
					.open_residents = 1, .open_orgs = 1, .slot_min = 7, .max_min = 120, .days_ahead = 30,
					.active = 1};
	f.hours.holidays_open = 1;
	for (int w = 0; w < 7; w++) {
		f.hours.week[w].n = 1;
		f.hours.week[w].p[0] = (struct services_period){9 * 60, 21 * 60};
	}
	int64_t fid, id;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(facilities_add(a, xingfuli, &f, now, &fid), 0);
	assert_int_equal(db_commit(a), 0);
	struct facilities_request q = req(2, 9 * 60, 9 * 60 + 7, zhangsan, 0);
	assert_int_equal(book(xingfuli, fid, &q, &id), FR_OK);
	q = req(2, 9 * 60 + 13, 9 * 60 + 20, zhangsan, 0);
	assert_int_equal(book(xingfuli, fid, &q, &id), FR_GRID);
	q = req(2, 9 * 60 + 14, 9 * 60 + 28, zhangsan, 0);
	assert_int_equal(book(xingfuli, fid, &q, &id), FR_OK);
}

static void concurrent_bookings_of_distinct_slots_all_succeed(void **state)
{
	(void)state;
	int64_t f = add_facility(xingfuli, "并发场地", 0, 0, 1);
	assert_int_equal(run_race(f, 1, 0), THREADS * PER_THREAD);
	assert_int_equal(overlaps(f), 0);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SHEQU_BINARY\n", argv[0]);
		return 2;
	}
	shequ = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bookings_never_overlap_and_freed_times_can_be_booked),
	    cmocka_unit_test(three_no_shows_block_online_booking_but_not_the_desk),
	    cmocka_unit_test(of_concurrent_overlapping_bookings_exactly_one_wins),
	    cmocka_unit_test(activities_and_residents_racing_for_one_time_exactly_one_wins),
	    cmocka_unit_test(concurrent_bookings_of_distinct_slots_all_succeed),
	    cmocka_unit_test(the_grid_counts_from_the_opening),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
