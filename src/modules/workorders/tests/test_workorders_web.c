/* The pages' own readers of what people type: a map point in decimal
 * degrees, a received time in China time, and which deadline an order is
 * working to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/date.h"
#include "modules/workorders/workorders_internal.h"
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

/* Free text and a mediation's parties, masked for the places that show
 * them: names at the start of each party's line wherever they appear, rooms
 * and numbers; masking again changes nothing. */
static void parties_and_free_text_are_masked(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1 << 20);
	const char *m = wo_mask_parties(&a, "张三 楼上住户,13612345678\n李四光 楼下住户\n501 室王某");
	assert_non_null(m);
	assert_null(strstr(m, "张三"));
	assert_null(strstr(m, "李四光"));
	assert_null(strstr(m, "13612345678"));
	assert_non_null(strstr(m, "张* 楼上住户"));
	assert_non_null(strstr(m, "李*光 楼下住户"));
	assert_string_equal(wo_mask_parties(&a, m), m);
	/* The requester's name and address in a reply. */
	const char *f = wo_mask_free(&a, "已联系张三,到幸福里3号楼2单元501室查看", "张三", "幸福里3号楼2单元501室");
	assert_non_null(f);
	assert_null(strstr(f, "张三"));
	assert_null(strstr(f, "501"));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(degrees_are_read_in_millionths_within_range),
	    cmocka_unit_test(received_times_are_china_time),
	    cmocka_unit_test(the_deadline_in_force_follows_the_state),
	    cmocka_unit_test(parties_and_free_text_are_masked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
