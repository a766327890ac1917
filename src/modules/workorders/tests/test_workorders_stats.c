/* The three rates and the dashboard's counts on the hand-built fixture of
 * wo_stats_fixture.h, whose expected figures are written below. Runs on
 * SQLite and, with SHEQU_TEST_PG set (tests/pg/with-postgres.sh),
 * PostgreSQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/date.h"
#include "modules/workorders/workorders_stats.h"
#include "org/org.h"
#include "wo_stats_fixture.h"

static struct arena a;
static struct db *db;
static char dir[] = "/tmp/shequ-wostats-XXXXXX";
static int64_t street, xingfu, heping;

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0 || !mkdtemp(dir))
		return -1;
	char url[300], err[512];
	const char *pg = getenv("SHEQU_TEST_PG");
	if (pg && *pg)
		snprintf(url, sizeof url, "%s", pg);
	else
		snprintf(url, sizeof url, "%s/t.db", dir);
	arena_init(&a, 64 << 20);
	if (db_open(url, &db, err, sizeof err) < 0 || app_migrate(db, NULL, err, sizeof err) < 0) {
		fprintf(stderr, "setup: %s\n", err);
		return -1;
	}
	int64_t district;
	if (db_begin(db) < 0 || org_unit_add(db, 0, ORG_DISTRICT, "t-district", "测试区", NOW, &district) ||
	    org_unit_add(db, district, ORG_STREET, "t-street", "测试街道", NOW, &street) ||
	    org_unit_add(db, street, ORG_COMMUNITY, "t-xingfu", "幸福社区", NOW, &xingfu) ||
	    org_unit_add(db, street, ORG_COMMUNITY, "t-heping", "和平社区", NOW, &heping) ||
	    db_commit(db) < 0)
		return -1;
	wo_fixture(db, xingfu, heping);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(db);
	arena_free(&a);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

static const char *pct(int rate)
{
	static char out[3][16];
	static int i;
	i = (i + 1) % 3;
	wo_rate_format(rate, out[i], sizeof out[i]);
	return out[i];
}

static void rates_from_counts_round_half_up_and_show_a_dash_without_a_denominator(void **state)
{
	(void)state;
	struct wo_counts c = {.respond_on_time = 12,
	                      .respond_counted = 15,
	                      .resolved = 7,
	                      .accepted = 12,
	                      .satisfied = 5,
	                      .rated = 7};
	struct wo_rates r = wo_rates_from_counts(&c);
	assert_int_equal(r.respond, 800);
	assert_int_equal(r.resolve, 583); /* 58.333… */
	assert_int_equal(r.satisfy, 714); /* 71.428… */
	assert_string_equal(pct(r.respond), "80.0%");
	c = (struct wo_counts){.respond_on_time = 1, .respond_counted = 8, .resolved = 2, .accepted = 3};
	r = wo_rates_from_counts(&c);
	assert_int_equal(r.respond, 125);
	assert_int_equal(r.resolve, 667); /* 66.666… rounds up */
	assert_int_equal(r.satisfy, -1);
	assert_string_equal(pct(r.satisfy), "—");
	c = (struct wo_counts){.satisfied = 1, .rated = 2000, .resolved = 3, .accepted = 3};
	r = wo_rates_from_counts(&c);
	assert_int_equal(r.satisfy, 1); /* 0.05% rounds half up to 0.1% */
	assert_int_equal(r.resolve, 1000);
	assert_string_equal(pct(r.resolve), "100.0%");
}

static void periods_are_china_months_quarters_and_years(void **state)
{
	(void)state;
	struct wo_range g;
	assert_int_equal(wo_range_make(WO_P_MONTH, NOW, NULL, NULL, &g), 0);
	assert_int_equal(g.from, fx_at(6, 1, 0));
	assert_int_equal(g.to, fx_at(7, 1, 0));
	assert_string_equal(g.to_text, "2024-06-30");
	assert_int_equal(wo_range_make(WO_P_LAST_MONTH, NOW, NULL, NULL, &g), 0);
	assert_string_equal(g.from_text, "2024-05-01");
	assert_string_equal(g.to_text, "2024-05-31");
	assert_int_equal(wo_range_make(WO_P_QUARTER, NOW, NULL, NULL, &g), 0);
	assert_string_equal(g.from_text, "2024-04-01");
	assert_int_equal(g.to, fx_at(7, 1, 0));
	assert_int_equal(wo_range_make(WO_P_YEAR, NOW, NULL, NULL, &g), 0);
	assert_string_equal(g.from_text, "2024-01-01");
	assert_string_equal(g.to_text, "2024-12-31");
	/* 2024-01-01 00:30 China time is still 2023-12-31 in UTC: the month is January. */
	assert_int_equal(
	    wo_range_make(WO_P_LAST_MONTH, date_to_time((struct ymd){2024, 1, 1}) + 1800, NULL, NULL, &g), 0);
	assert_string_equal(g.from_text, "2023-12-01");
	assert_int_equal(wo_range_make(WO_P_CUSTOM, NOW, "2024-06-01", "2024-06-30", &g), 0);
	assert_int_equal(g.from, fx_at(6, 1, 0));
	assert_int_equal(g.to, fx_at(7, 1, 0));
	assert_int_equal(wo_range_make(WO_P_CUSTOM, NOW, "2024-06-30", "2024-06-01", &g), -1);
	assert_int_equal(wo_range_make(WO_P_CUSTOM, NOW, "2024-6-1", "2024-06-30", &g), -1);
	assert_int_equal(wo_range_make(WO_P_CUSTOM, NOW, "2004-01-01", "2024-06-30", &g), -1);
	assert_int_equal(wo_period_from("last-month"), WO_P_LAST_MONTH);
	assert_int_equal(wo_period_from("week"), -1);
}

/* June's figures of 幸福社区, summed from the per type and channel rows. */
static void june_counts_and_rates_of_the_community(void **state)
{
	(void)state;
	struct wo_kind_counts *k;
	size_t n;
	assert_int_equal(wo_stats_by_kind(db, &a, xingfu, fx_at(6, 1, 0), fx_at(7, 1, 0), NOW, &k, &n), 0);
	struct wo_counts t = {0};
	int64_t hotline_request = -1, web_inquiry = -1, petition = 0;
	for (size_t i = 0; i < n; i++) {
		wo_counts_add(&t, &k[i].c);
		if (k[i].kind == WO_K_REQUEST && k[i].channel == WO_CH_HOTLINE)
			hotline_request = k[i].c.received;
		if (k[i].kind == WO_K_INQUIRY && k[i].channel == WO_CH_WEB)
			web_inquiry = k[i].c.received;
		if (k[i].kind == WO_K_PETITION)
			petition += k[i].c.received;
	}
	assert_int_equal(n, 8);               /* hotline request/complaint, visit and letter petition, web
	                                         suggestion/inquiry, dispatch, emergency */
	assert_int_equal(hotline_request, 8); /* 1 2 4 5 6 7 17 20 */
	assert_int_equal(web_inquiry, 2);
	assert_int_equal(petition, 2);
	assert_int_equal(t.received, 17);        /* 1–14, 17, 19, 20 */
	assert_int_equal(t.closed, 7);           /* 1 2 3 12 13 14 17 */
	assert_int_equal(t.respond_counted, 15); /* all but 7 (within its limit) and 14 (no limit) */
	assert_int_equal(t.respond_on_time, 12); /* late: 2, 6 (never), 9 */
	assert_int_equal(t.accepted, 12); /* not 6 7 (not accepted), 9 rejected, 10 merged, 11 transferred */
	assert_int_equal(t.resolved, 7);  /* 1 2 4 12 13 14 17 */
	assert_int_equal(t.rated, 7);     /* 1 2 3 12 13 17 20 */
	assert_int_equal(t.satisfied, 5); /* 1 2 12 13 17 */
	assert_int_equal(t.rejected, 1);  /* 9 */
	struct wo_rates r = wo_rates_from_counts(&t);
	assert_string_equal(pct(r.respond), "80.0%");
	assert_string_equal(pct(r.resolve), "58.3%");
	assert_string_equal(pct(r.satisfy), "71.4%");
	/* At 06-17 order 7's limit has passed too: counted, and late. */
	assert_int_equal(
	    wo_stats_by_kind(db, &a, xingfu, fx_at(6, 1, 0), fx_at(7, 1, 0), fx_at(6, 17, 0), &k, &n), 0);
	t = (struct wo_counts){0};
	for (size_t i = 0; i < n; i++)
		wo_counts_add(&t, &k[i].c);
	assert_int_equal(t.respond_counted, 16);
	assert_int_equal(t.respond_on_time, 12);
}

static void the_trend_puts_each_order_in_its_china_month(void **state)
{
	(void)state;
	struct wo_trend t;
	wo_trend_bounds(NOW, t.bounds);
	assert_int_equal(t.bounds[0], date_to_time((struct ymd){2023, 7, 1}));
	assert_int_equal(t.bounds[11], fx_at(6, 1, 0));
	assert_int_equal(t.bounds[12], fx_at(7, 1, 0));
	assert_int_equal(wo_stats_trend(db, xingfu, 0, NOW, &t), 0);
	for (int i = 0; i < 10; i++)
		assert_int_equal(t.month[i].received, 0);
	assert_int_equal(t.month[10].received, 1); /* May: 15 */
	assert_int_equal(t.month[10].satisfied, 1);
	assert_int_equal(t.month[11].received, 17); /* June; 16 (July) is outside */
	assert_int_equal(t.month[11].respond_on_time, 12);
	assert_int_equal(t.month[11].accepted, 12);
	/* The street: 18 of 和平社区 joins June. */
	assert_int_equal(wo_stats_trend(db, 0, street, NOW, &t), 0);
	assert_int_equal(t.month[11].received, 18);
	assert_int_equal(t.month[11].respond_counted, 15);
	/* Everywhere (scope 0) is the same here. */
	assert_int_equal(wo_stats_trend(db, 0, 0, NOW, &t), 0);
	assert_int_equal(t.month[10].received, 1);
	assert_int_equal(t.month[11].received, 18);
}

static void the_street_has_a_row_per_community_with_orders(void **state)
{
	(void)state;
	struct wo_community_counts *c;
	size_t n;
	assert_int_equal(wo_stats_by_community(db, &a, street, fx_at(6, 1, 0), fx_at(7, 1, 0), NOW, &c, &n),
	                 0);
	assert_int_equal(n, 2);
	const struct wo_community_counts *x = c[0].community_id == xingfu ? &c[0] : &c[1];
	const struct wo_community_counts *h = c[0].community_id == heping ? &c[0] : &c[1];
	assert_int_equal(x->community_id, xingfu);
	assert_int_equal(h->community_id, heping);
	assert_int_equal(x->c.received, 17);
	assert_int_equal(x->c.respond_on_time, 12);
	assert_int_equal(x->c.resolved, 7);
	assert_int_equal(x->c.satisfied, 5);
	assert_int_equal(h->c.received, 1);
	assert_int_equal(h->c.respond_counted, 0);
	/* The community itself as the scope: its row only. */
	assert_int_equal(wo_stats_by_community(db, &a, heping, fx_at(6, 1, 0), fx_at(7, 1, 0), NOW, &c, &n),
	                 0);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].community_id, heping);
	/* May: only 15. */
	assert_int_equal(wo_stats_by_community(db, &a, street, fx_at(5, 1, 0), fx_at(6, 1, 0), NOW, &c, &n),
	                 0);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].c.received, 1);
}

static void overdue_orders_are_the_open_ones_past_a_limit(void **state)
{
	(void)state;
	struct wo_overdue *o;
	size_t n;
	int more;
	assert_int_equal(wo_stats_overdue(db, &a, xingfu, 0, NOW, 50, &o, &n, &more), 0);
	assert_int_equal(n, 2);
	assert_int_equal(more, 0);
	assert_int_equal(o[0].id, WO_FX_ID + 19); /* received first */
	assert_string_equal(o[0].what, "办结");
	assert_int_equal(o[0].due, fx_at(6, 10, 0) - 1);
	assert_int_equal(o[1].id, WO_FX_ID + 6);
	assert_string_equal(o[1].what, "响应");
	assert_int_equal(o[1].state, WO_S_RECEIVED);
	assert_int_equal(wo_stats_overdue(db, &a, xingfu, 0, NOW, 1, &o, &n, &more), 0);
	assert_int_equal(n, 1);
	assert_int_equal(more, 1);
	/* The street at 06-16: 7 and 18 are past their respond limits too. */
	assert_int_equal(wo_stats_overdue(db, &a, 0, street, fx_at(6, 16, 10), 50, &o, &n, &more), 0);
	assert_int_equal(n, 4);
	assert_int_equal(o[0].id, WO_FX_ID + 19);
	assert_int_equal(o[1].id, WO_FX_ID + 6);
	assert_int_equal(o[2].community_id, heping);
	assert_int_equal(o[3].id, WO_FX_ID + 7);
}

/* One community's counts over all time, from the orders themselves. */
static struct wo_counts counted(int64_t community_id)
{
	struct wo_kind_counts *k;
	size_t n;
	struct wo_counts sum = {0};
	assert_int_equal(wo_stats_by_kind(db, &a, community_id, 0, NOW + 400 * 86400, NOW, &k, &n), 0);
	for (size_t i = 0; i < n; i++)
		wo_counts_add(&sum, &k[i].c);
	return sum;
}

/* The street's counts of the community over all time, from workorders_daily. */
static struct wo_counts kept(int64_t community_id)
{
	struct wo_community_counts *c;
	size_t n;
	assert_int_equal(wo_stats_by_community(db, &a, street, 0, NOW + 400 * 86400, NOW, &c, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (c[i].community_id == community_id)
			return c[i].c;
	return (struct wo_counts){0};
}

static void assert_kept_as_counted(void)
{
	int64_t ids[] = {xingfu, heping};
	for (size_t i = 0; i < 2; i++) {
		struct wo_counts c = counted(ids[i]), k = kept(ids[i]);
		assert_true(c.received > 0);
		assert_memory_equal(&c, &k, sizeof c);
	}
}

/* workorders_daily follows inserts, updates of every column it counts and
 * deletes, made by hand as psql would; filling it again from the orders
 * gives the same rows. Runs last: it changes the fixture. */
static void the_daily_counts_follow_every_write(void **state)
{
	(void)state;
	assert_kept_as_counted();
	const char *writes[] = {
	    "UPDATE workorders_order SET rating = 'satisfied' WHERE rating IS NULL AND state = 'replied'",
	    "UPDATE workorders_order SET rating = NULL WHERE rating = 'unsatisfied'",
	    "UPDATE workorders_order SET state = 'closed', resolved = 1 WHERE state = 'replied'",
	    "UPDATE workorders_order SET responded_at = NULL, state = 'received' WHERE id % 3 = 0",
	    "UPDATE workorders_order SET responded_at = received_at + 60 WHERE id % 5 = 0",
	    "UPDATE workorders_order SET respond_due = NULL, accept_due = received_at + 86400 WHERE id % 7 = 0",
	    "UPDATE workorders_order SET accepted_at = NULL WHERE id % 4 = 1",
	    "UPDATE workorders_order SET received_at = received_at - 40 * 86400 WHERE id % 6 = 2",
	    "UPDATE workorders_order SET subject = subject || '!'",
	    "DELETE FROM workorders_order WHERE id % 8 = 3",
	};
	for (size_t i = 0; i < sizeof writes / sizeof *writes; i++) {
		assert_int_equal(db_exec_script(db, writes[i]), 0);
		assert_kept_as_counted();
	}
	int64_t rows = 0, days = -1;
	struct db_query q_rows = DB_QUERY("SELECT COUNT(*) FROM workorders_daily");
	struct db_query q_days = DB_QUERY("SELECT COUNT(*) FROM (SELECT DISTINCT community_id,"
	                                  " (received_at + 28800) / 86400 FROM workorders_order) x");
	assert_int_equal(db_one_int(db_stmt(db, &q_rows), &rows), 0);
	assert_int_equal(db_one_int(db_stmt(db, &q_days), &days), 0);
	assert_int_equal(rows, days); /* a row for each day with orders, none left at zero */
	struct wo_counts before = kept(xingfu);
	assert_int_equal(wo_stats_counters_fill(db), 0);
	struct wo_counts after = kept(xingfu);
	assert_memory_equal(&before, &after, sizeof before);
	assert_kept_as_counted();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rates_from_counts_round_half_up_and_show_a_dash_without_a_denominator),
	    cmocka_unit_test(periods_are_china_months_quarters_and_years),
	    cmocka_unit_test(june_counts_and_rates_of_the_community),
	    cmocka_unit_test(the_trend_puts_each_order_in_its_china_month),
	    cmocka_unit_test(the_street_has_a_row_per_community_with_orders),
	    cmocka_unit_test(overdue_orders_are_the_open_ones_past_a_limit),
	    cmocka_unit_test(the_daily_counts_follow_every_write),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
