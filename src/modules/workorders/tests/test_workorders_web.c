/* The pages' own readers of what people type: a map point in decimal
 * degrees, a received time in China time, and which deadline an order is
 * working to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"
#include "modules/workorders/workorders_web.h"

static void degrees_are_read_in_millionths_within_range(void **state)
{
	(void)state;
	int64_t v = 0;
	assert_int_equal(wo_web_degrees("39.9042", 90, &v), 0);
	assert_int_equal(v, 39904200);
	assert_int_equal(wo_web_degrees("-116.407400", 180, &v), 0);
	assert_int_equal(v, -116407400);
	assert_int_equal(wo_web_degrees("+0.000001", 90, &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(wo_web_degrees("90", 90, &v), 0);
	assert_int_equal(v, 90000000);
	assert_int_equal(wo_web_degrees("180.000000", 180, &v), 0);
	/* Out of range, too precise, or not a number: refused, v untouched. */
	v = 7;
	const char *bad[] = {"90.000001", "95", "-90.1", "1.1234567", "", "-", ".5", "5.", "1e3", "39,9", " 39.9",
			     "39.9 ", "1000", "12a", "--1", "0x10"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(wo_web_degrees(bad[i], 90, &v), -1);
	assert_int_equal(v, 7);
	assert_int_equal(wo_web_degrees("180.5", 180, &v), -1);
}

static void received_times_are_china_time(void **state)
{
	(void)state;
	int64_t t;
	/* 2026-11-28 14:30 in China is 06:30 UTC. */
	assert_int_equal(wo_web_time("2026-11-28 14:30", &t), 0);
	assert_int_equal(t, 1795847400);
	assert_int_equal(wo_web_time("2026-11-28T14:30", &t), 0);
	assert_int_equal(t, 1795847400);
	assert_int_equal(wo_web_time("2026-11-28", &t), 0);
	assert_int_equal(t, 1795847400 - 14 * 3600 - 30 * 60);
	/* Midnight in China is the day before in UTC. */
	assert_int_equal(wo_web_time("2026-01-01 00:00", &t), 0);
	assert_int_equal(t, 1767196800);
	const char *bad[] = {"2026-11-28 24:00", "2026-11-28 14:60", "2026-02-30 10:00", "2026-11-28 1430",
			     "2026-11-28 14:3",  "28/11/2026",	     "2026-11-28 14:30:00", "", "2026-1-28 14:30"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(wo_web_time(bad[i], &t), -1);
}

static void the_deadline_in_force_follows_the_state(void **state)
{
	(void)state;
	struct wo_due d = {.accept = 100, .respond = 50, .finish = 300};
	/* Received: the first response comes before acceptance. */
	assert_int_equal(wo_web_next_due(WO_S_RECEIVED, &d, 0), 50);
	assert_int_equal(wo_web_next_due(WO_S_RECEIVED, &d, 40), 100);
	assert_int_equal(wo_web_next_due(WO_S_IN_PROGRESS, &d, 40), 300);
	assert_int_equal(wo_web_next_due(WO_S_ASSIGNED, &d, 0), 50);
	/* Replied: the requester's turn; final: none. */
	assert_int_equal(wo_web_next_due(WO_S_REPLIED, &d, 40), 0);
	assert_int_equal(wo_web_next_due(WO_S_CLOSED, &d, 40), 0);
	struct wo_due none = {0};
	assert_int_equal(wo_web_next_due(WO_S_ACCEPTED, &none, 0), 0);
	struct wo_due finish_only = {.finish = 9};
	assert_int_equal(wo_web_next_due(WO_S_RECEIVED, &finish_only, 0), 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(degrees_are_read_in_millionths_within_range),
	    cmocka_unit_test(received_times_are_china_time),
	    cmocka_unit_test(the_deadline_in_force_follows_the_state),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
