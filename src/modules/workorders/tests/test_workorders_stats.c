/* The three rates and the dashboard's counts on a hand-built fixture: 20
 * orders with chosen dates, states, limits and ratings in two communities
 * of one street, whose expected figures are written below. Runs on SQLite
 * and, with SHEQU_TEST_PG set (tests/pg/with-postgres.sh), PostgreSQL.
 *
 * The fixture is inserted with its own statement rather than through
 * wo_order_add and wo_apply, because the figures depend on exact times
 * (a response a second after its limit) that the steps stamp with "now". */
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

#define HOUR 3600
#define DAY 86400

static struct arena a;
static struct db *db;
static char dir[] = "/tmp/shequ-wostats-XXXXXX";
static int64_t street, xingfu, heping;

/* 2026-06-15 10:00 China time: the fixture's "now". */
static int64_t at(int m, int d, int h)
{
	return date_to_time((struct ymd){2026, m, d}) + (int64_t)h * HOUR;
}
#define NOW at(6, 15, 10)

struct fx {
	int64_t community;
	const char *channel, *kind, *state;
	int64_t received, accept_due, respond_due, finish_due, responded, accepted, replied;
	int resolved; /* -1: not said */
	const char *rating;
};

static struct db_query q_add = DB_QUERY(
    "INSERT INTO workorders_order (community_id, id, tracking_code, channel, kind, state, subject, subject_masked,"
    " received_at, accept_due, respond_due, finish_due, responded_at, accepted_at, replied_at, closed_at, resolved,"
    " rating, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?8)");

static void add(int64_t id, const struct fx *f)
{
	struct db_stmt *st = db_stmt(db, &q_add);
	assert_non_null(st);
	char code[32], subject[64];
	snprintf(code, sizeof code, "T%lld", (long long)id);
	snprintf(subject, sizeof subject, "工单 %lld", (long long)id);
	db_bind_int(st, 1, f->community);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, code, -1);
	db_bind_text(st, 4, f->channel, -1);
	db_bind_text(st, 5, f->kind, -1);
	db_bind_text(st, 6, f->state, -1);
	db_bind_text(st, 7, subject, -1);
	db_bind_int(st, 8, f->received);
	db_bind_int_or_null(st, 9, f->accept_due);
	db_bind_int_or_null(st, 10, f->respond_due);
	db_bind_int_or_null(st, 11, f->finish_due);
	db_bind_int_or_null(st, 12, f->responded);
	db_bind_int_or_null(st, 13, f->accepted);
	db_bind_int_or_null(st, 14, f->replied);
	db_bind_int_or_null(st, 15, strcmp(f->state, "closed") ? 0 : f->received + 5 * DAY);
	if (f->resolved < 0)
		db_bind_null(st, 16);
	else
		db_bind_int(st, 16, f->resolved);
	db_bind_text(st, 17, f->rating, -1);
	assert_int_equal(db_run(st), DB_DONE);
}

/* A hotline order received at r: respond within 24 h, finish in 7 days. */
#define HOT(r) .received = (r), .respond_due = (r) + 24 * HOUR, .finish_due = (r) + 7 * DAY

static void fixture(void)
{
	const struct fx f[] = {
	    /* 1: on time, resolved, 满意 */
	    {xingfu, "hotline", "request", "closed", HOT(at(6, 2, 9)), .responded = at(6, 2, 9) + 2 * HOUR,
	     .accepted = at(6, 2, 9) + 2 * HOUR, .replied = at(6, 2, 9) + DAY, .resolved = 1, .rating = "satisfied"},
	    /* 2: responded six hours late, resolved, 基本满意 */
	    {xingfu, "hotline", "request", "closed", HOT(at(6, 3, 9)), .responded = at(6, 3, 9) + 30 * HOUR,
	     .accepted = at(6, 3, 9) + 30 * HOUR, .replied = at(6, 3, 9) + 2 * DAY, .resolved = 1, .rating = "basic"},
	    /* 3: a complaint, on time, not resolved, 不满意 */
	    {xingfu, "hotline", "complaint", "closed", HOT(at(6, 4, 9)), .responded = at(6, 4, 9) + HOUR, .accepted = at(6, 4, 9) + HOUR,
	     .replied = at(6, 4, 9) + DAY, .resolved = 0, .rating = "unsatisfied"},
	    /* 4: replied resolved, not rated yet */
	    {xingfu, "hotline", "request", "replied", HOT(at(6, 5, 9)), .responded = at(6, 5, 9) + HOUR, .accepted = at(6, 5, 9) + HOUR,
	     .replied = at(6, 5, 9) + DAY, .resolved = 1, .rating = NULL},
	    /* 5: in progress, on time */
	    {xingfu, "hotline", "request", "in_progress", .received = at(6, 10, 9), .respond_due = at(6, 10, 9) + 24 * HOUR,
	     .finish_due = at(6, 30, 23), .responded = at(6, 10, 9) + HOUR, .accepted = at(6, 10, 9) + HOUR, .resolved = -1},
	    /* 6: never responded, its limit (06-14 09:00) passed: counted, late, overdue */
	    {xingfu, "hotline", "request", "received", .received = at(6, 13, 9), .respond_due = at(6, 13, 9) + 24 * HOUR,
	     .resolved = -1},
	    /* 7: not responded, still within its limit: not counted yet */
	    {xingfu, "hotline", "request", "received", .received = at(6, 15, 9), .respond_due = at(6, 15, 9) + 24 * HOUR,
	     .resolved = -1},
	    /* 8: 信访 at the desk, no respond limit: the accept limit counts; accepted in 3 days */
	    {xingfu, "visit", "petition", "accepted", .received = at(6, 1, 10), .accept_due = at(6, 1, 10) + 15 * DAY,
	     .finish_due = at(8, 1, 23), .responded = at(6, 1, 10) + 3 * DAY, .accepted = at(6, 1, 10) + 3 * DAY, .resolved = -1},
	    /* 9: 信访 by letter (a shorter rule), 不予受理 after the accept limit: late; not in 解决率 */
	    {xingfu, "letter", "petition", "rejected", .received = at(6, 1, 11), .accept_due = at(6, 11, 0) - 1,
	     .responded = at(6, 15, 9), .resolved = -1},
	    /* 10: merged after acceptance: counted for 响应率, not for 解决率 */
	    {xingfu, "web", "suggestion", "merged", HOT(at(6, 6, 9)), .responded = at(6, 6, 9) + HOUR, .accepted = at(6, 6, 9) + HOUR,
	     .resolved = -1},
	    /* 11: transferred out after acceptance: the same */
	    {xingfu, "dispatch", "request", "transferred", HOT(at(6, 7, 9)), .responded = at(6, 7, 9) + HOUR,
	     .accepted = at(6, 7, 9) + HOUR, .resolved = -1},
	    /* 12: an emergency, within its 2 hours, resolved, 满意 */
	    {xingfu, "emergency", "emergency", "closed", .received = at(6, 8, 20), .respond_due = at(6, 8, 20) + 2 * HOUR,
	     .finish_due = at(6, 8, 20) + DAY, .responded = at(6, 8, 20) + HOUR, .accepted = at(6, 8, 20) + HOUR, .replied = at(6, 8, 20) + 3 * HOUR, .resolved = 1,
	     .rating = "satisfied"},
	    /* 13: an inquiry on the web, resolved, 满意 */
	    {xingfu, "web", "inquiry", "closed", HOT(at(6, 9, 9)), .responded = at(6, 9, 9) + HOUR, .accepted = at(6, 9, 9) + HOUR,
	     .replied = at(6, 9, 9) + HOUR, .resolved = 1, .rating = "satisfied"},
	    /* 14: no limit at all: not in 响应率; resolved */
	    {xingfu, "web", "inquiry", "closed", .received = at(6, 9, 10), .responded = at(6, 9, 10) + HOUR,
	     .accepted = at(6, 9, 10) + HOUR, .replied = at(6, 9, 10) + HOUR, .resolved = 1},
	    /* 15: May: in the trend only, 满意 */
	    {xingfu, "hotline", "request", "closed", HOT(at(5, 20, 9)), .responded = at(5, 20, 9) + HOUR, .accepted = at(5, 20, 9) + HOUR,
	     .replied = at(5, 20, 9) + DAY, .resolved = 1, .rating = "satisfied"},
	    /* 16: 07-01 00:00 China time: after June, and after the trend's last month */
	    {xingfu, "hotline", "request", "received", .received = at(7, 1, 0), .resolved = -1},
	    /* 17: 06-01 00:00 China time: June's first second; responded exactly at its limit (on time), 基本满意 */
	    {xingfu, "hotline", "request", "closed", HOT(at(6, 1, 0)), .responded = at(6, 1, 0) + 24 * HOUR,
	     .accepted = at(6, 1, 0) + 24 * HOUR, .replied = at(6, 1, 0) + 2 * DAY, .resolved = 1, .rating = "basic"},
	    /* 18: the other community of the street, within its limit */
	    {heping, "hotline", "request", "received", HOT(at(6, 15, 8)), .resolved = -1},
	    /* 19: a complaint past its finish limit (06-10), not replied: overdue */
	    {xingfu, "hotline", "complaint", "in_progress", .received = at(6, 2, 8), .respond_due = at(6, 2, 8) + 24 * HOUR,
	     .finish_due = at(6, 10, 0) - 1, .responded = at(6, 2, 8) + HOUR, .accepted = at(6, 2, 8) + HOUR, .resolved = -1},
	    /* 20: responded a second before its limit, not resolved, 不满意 */
	    {xingfu, "hotline", "request", "replied", HOT(at(6, 11, 9)), .responded = at(6, 11, 9) + 24 * HOUR - 1,
	     .accepted = at(6, 11, 9) + 24 * HOUR - 1, .replied = at(6, 11, 9) + 2 * DAY, .resolved = 0, .rating = "unsatisfied"},
	};
	assert_int_equal(db_begin(db), 0);
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		add((int64_t)i + 1, &f[i]);
	assert_int_equal(db_commit(db), 0);
}

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
	    org_unit_add(db, street, ORG_COMMUNITY, "t-heping", "和平社区", NOW, &heping) || db_commit(db) < 0)
		return -1;
	fixture();
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
	struct wo_counts c = {.respond_on_time = 12, .respond_counted = 15, .resolved = 7, .accepted = 12,
			      .satisfied = 5, .rated = 7};
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
	assert_int_equal(g.from, at(6, 1, 0));
	assert_int_equal(g.to, at(7, 1, 0));
	assert_string_equal(g.to_text, "2026-06-30");
	assert_int_equal(wo_range_make(WO_P_LAST_MONTH, NOW, NULL, NULL, &g), 0);
	assert_string_equal(g.from_text, "2026-05-01");
	assert_string_equal(g.to_text, "2026-05-31");
	assert_int_equal(wo_range_make(WO_P_QUARTER, NOW, NULL, NULL, &g), 0);
	assert_string_equal(g.from_text, "2026-04-01");
	assert_int_equal(g.to, at(7, 1, 0));
	assert_int_equal(wo_range_make(WO_P_YEAR, NOW, NULL, NULL, &g), 0);
	assert_string_equal(g.from_text, "2026-01-01");
	assert_string_equal(g.to_text, "2026-12-31");
	/* 2026-01-01 00:30 China time is still 2025-12-31 in UTC: the month is January. */
	assert_int_equal(wo_range_make(WO_P_LAST_MONTH, date_to_time((struct ymd){2026, 1, 1}) + 1800, NULL, NULL, &g), 0);
	assert_string_equal(g.from_text, "2025-12-01");
	assert_int_equal(wo_range_make(WO_P_CUSTOM, NOW, "2026-06-01", "2026-06-30", &g), 0);
	assert_int_equal(g.from, at(6, 1, 0));
	assert_int_equal(g.to, at(7, 1, 0));
	assert_int_equal(wo_range_make(WO_P_CUSTOM, NOW, "2026-06-30", "2026-06-01", &g), -1);
	assert_int_equal(wo_range_make(WO_P_CUSTOM, NOW, "2026-6-1", "2026-06-30", &g), -1);
	assert_int_equal(wo_range_make(WO_P_CUSTOM, NOW, "2006-01-01", "2026-06-30", &g), -1);
	assert_int_equal(wo_period_from("last-month"), WO_P_LAST_MONTH);
	assert_int_equal(wo_period_from("week"), -1);
}

/* June's figures of 幸福社区, summed from the per type and channel rows. */
static void june_counts_and_rates_of_the_community(void **state)
{
	(void)state;
	struct wo_kind_counts *k;
	size_t n;
	assert_int_equal(wo_stats_by_kind(db, &a, xingfu, at(6, 1, 0), at(7, 1, 0), NOW, &k, &n), 0);
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
	assert_int_equal(n, 8); /* hotline request/complaint, visit and letter petition, web suggestion/inquiry, dispatch, emergency */
	assert_int_equal(hotline_request, 8); /* 1 2 4 5 6 7 17 20 */
	assert_int_equal(web_inquiry, 2);
	assert_int_equal(petition, 2);
	assert_int_equal(t.received, 17); /* 1–14, 17, 19, 20 */
	assert_int_equal(t.closed, 7);	  /* 1 2 3 12 13 14 17 */
	assert_int_equal(t.respond_counted, 15); /* all but 7 (within its limit) and 14 (no limit) */
	assert_int_equal(t.respond_on_time, 12); /* late: 2, 6 (never), 9 */
	assert_int_equal(t.accepted, 12);	  /* not 6 7 (not accepted), 9 rejected, 10 merged, 11 transferred */
	assert_int_equal(t.resolved, 7);	  /* 1 2 4 12 13 14 17 */
	assert_int_equal(t.rated, 7);		  /* 1 2 3 12 13 17 20 */
	assert_int_equal(t.satisfied, 5);	  /* 1 2 12 13 17 */
	struct wo_rates r = wo_rates_from_counts(&t);
	assert_string_equal(pct(r.respond), "80.0%");
	assert_string_equal(pct(r.resolve), "58.3%");
	assert_string_equal(pct(r.satisfy), "71.4%");
	/* At 06-17 order 7's limit has passed too: counted, and late. */
	assert_int_equal(wo_stats_by_kind(db, &a, xingfu, at(6, 1, 0), at(7, 1, 0), at(6, 17, 0), &k, &n), 0);
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
	assert_int_equal(t.bounds[0], date_to_time((struct ymd){2025, 7, 1}));
	assert_int_equal(t.bounds[11], at(6, 1, 0));
	assert_int_equal(t.bounds[12], at(7, 1, 0));
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
	assert_int_equal(wo_stats_by_community(db, &a, street, at(6, 1, 0), at(7, 1, 0), NOW, &c, &n), 0);
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
	assert_int_equal(wo_stats_by_community(db, &a, heping, at(6, 1, 0), at(7, 1, 0), NOW, &c, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].community_id, heping);
	/* May: only 15. */
	assert_int_equal(wo_stats_by_community(db, &a, street, at(5, 1, 0), at(6, 1, 0), NOW, &c, &n), 0);
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
	assert_int_equal(o[0].id, 19); /* received first */
	assert_string_equal(o[0].what, "办结");
	assert_int_equal(o[0].due, at(6, 10, 0) - 1);
	assert_int_equal(o[1].id, 6);
	assert_string_equal(o[1].what, "响应");
	assert_int_equal(o[1].state, WO_S_RECEIVED);
	assert_int_equal(wo_stats_overdue(db, &a, xingfu, 0, NOW, 1, &o, &n, &more), 0);
	assert_int_equal(n, 1);
	assert_int_equal(more, 1);
	/* The street at 06-16: 7 and 18 are past their respond limits too. */
	assert_int_equal(wo_stats_overdue(db, &a, 0, street, at(6, 16, 10), 50, &o, &n, &more), 0);
	assert_int_equal(n, 4);
	assert_int_equal(o[0].id, 19);
	assert_int_equal(o[1].id, 6);
	assert_int_equal(o[2].community_id, heping);
	assert_int_equal(o[3].id, 7);
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
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
