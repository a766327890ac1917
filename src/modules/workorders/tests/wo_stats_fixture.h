/* The rates' hand-built fixture, shared by the unit test and the HTTP
 * test: 20 orders of June 2024 (and one each side of it) with chosen
 * dates, states, limits and ratings, in two communities of one street. The
 * expected figures are written in the tests. Orders are numbered from
 * WO_FX_ID + 1 to WO_FX_ID + 20, in the order below.
 *
 * The fixture is inserted with its own statement rather than through
 * wo_order_add and wo_apply, because the figures depend on exact times (a
 * response a second before its limit) that the steps stamp with "now". */
#ifndef WO_STATS_FIXTURE_H
#define WO_STATS_FIXTURE_H
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "db/db.h"

#define HOUR 3600
#define DAY 86400
#define WO_FX_ID 9000

/* A time of 2024 in China time. */
static int64_t fx_at(int m, int d, int h)
{
	return date_to_time((struct ymd){2024, m, d}) + (int64_t)h * HOUR;
}
/* 2024-06-15 10:00 China time: the unit test's "now". */
#define NOW fx_at(6, 15, 10)

struct fx {
	int64_t community;
	const char *channel, *kind, *state;
	int64_t received, accept_due, respond_due, finish_due, responded, accepted, replied;
	int resolved; /* -1: not said */
	const char *rating;
};

static struct db_query q_add = DB_QUERY("INSERT INTO workorders_order (community_id, id, tracking_code, "
                                        "channel, kind, state, subject, subject_masked,"
                                        " received_at, accept_due, respond_due, finish_due, responded_at, "
                                        "accepted_at, replied_at, closed_at, resolved,"
                                        " rating, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, "
                                        "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?8)");

static void fx_add(struct db *db, int64_t id, const struct fx *f)
{
	struct db_stmt *st = db_stmt(db, &q_add);
	assert_non_null(st);
	char code[32], subject[64];
	snprintf(code, sizeof code, "WSTATS-%lld", (long long)id);
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

/* Inserts the fixture: xingfu holds all but one, heping one. */
static void wo_fixture(struct db *db, int64_t xingfu, int64_t heping)
{
	const struct fx f[] = {
	    /* 1: on time, resolved, 满意 */
	    {xingfu, "hotline", "request", "closed", HOT(fx_at(6, 2, 9)),
	     .responded = fx_at(6, 2, 9) + 2 * HOUR, .accepted = fx_at(6, 2, 9) + 2 * HOUR,
	     .replied = fx_at(6, 2, 9) + DAY, .resolved = 1, .rating = "satisfied"},
	    /* 2: responded six hours late, resolved, 基本满意 */
	    {xingfu, "hotline", "request", "closed", HOT(fx_at(6, 3, 9)),
	     .responded = fx_at(6, 3, 9) + 30 * HOUR, .accepted = fx_at(6, 3, 9) + 30 * HOUR,
	     .replied = fx_at(6, 3, 9) + 2 * DAY, .resolved = 1, .rating = "basic"},
	    /* 3: a complaint, on time, not resolved, 不满意 */
	    {xingfu, "hotline", "complaint", "closed", HOT(fx_at(6, 4, 9)),
	     .responded = fx_at(6, 4, 9) + HOUR, .accepted = fx_at(6, 4, 9) + HOUR,
	     .replied = fx_at(6, 4, 9) + DAY, .resolved = 0, .rating = "unsatisfied"},
	    /* 4: replied resolved, not rated yet */
	    {xingfu, "hotline", "request", "replied", HOT(fx_at(6, 5, 9)), .responded = fx_at(6, 5, 9) + HOUR,
	     .accepted = fx_at(6, 5, 9) + HOUR, .replied = fx_at(6, 5, 9) + DAY, .resolved = 1,
	     .rating = NULL},
	    /* 5: in progress, on time */
	    {xingfu, "hotline", "request", "in_progress", .received = fx_at(6, 10, 9),
	     .respond_due = fx_at(6, 10, 9) + 24 * HOUR, .finish_due = fx_at(6, 30, 23),
	     .responded = fx_at(6, 10, 9) + HOUR, .accepted = fx_at(6, 10, 9) + HOUR, .resolved = -1},
	    /* 6: never responded, its limit (06-14 09:00) passed: counted, late, overdue */
	    {xingfu, "hotline", "request", "received", .received = fx_at(6, 13, 9),
	     .respond_due = fx_at(6, 13, 9) + 24 * HOUR, .resolved = -1},
	    /* 7: not responded, still within its limit: not counted yet */
	    {xingfu, "hotline", "request", "received", .received = fx_at(6, 15, 9),
	     .respond_due = fx_at(6, 15, 9) + 24 * HOUR, .resolved = -1},
	    /* 8: 信访 at the desk, no respond limit: the accept limit counts; accepted in 3 days */
	    {xingfu, "visit", "petition", "accepted", .received = fx_at(6, 1, 10),
	     .accept_due = fx_at(6, 1, 10) + 15 * DAY, .finish_due = fx_at(8, 1, 23),
	     .responded = fx_at(6, 1, 10) + 3 * DAY, .accepted = fx_at(6, 1, 10) + 3 * DAY, .resolved = -1},
	    /* 9: 信访 by letter (a shorter rule), 不予受理 after the accept limit: late; not in 解决率 */
	    {xingfu, "letter", "petition", "rejected", .received = fx_at(6, 1, 11),
	     .accept_due = fx_at(6, 11, 0) - 1, .responded = fx_at(6, 15, 9), .resolved = -1},
	    /* 10: merged after acceptance: counted for 响应率, not for 解决率 */
	    {xingfu, "web", "suggestion", "merged", HOT(fx_at(6, 6, 9)), .responded = fx_at(6, 6, 9) + HOUR,
	     .accepted = fx_at(6, 6, 9) + HOUR, .resolved = -1},
	    /* 11: transferred out after acceptance: the same */
	    {xingfu, "dispatch", "request", "transferred", HOT(fx_at(6, 7, 9)),
	     .responded = fx_at(6, 7, 9) + HOUR, .accepted = fx_at(6, 7, 9) + HOUR, .resolved = -1},
	    /* 12: an emergency, within its 2 hours, resolved, 满意 */
	    {xingfu, "emergency", "emergency", "closed", .received = fx_at(6, 8, 20),
	     .respond_due = fx_at(6, 8, 20) + 2 * HOUR, .finish_due = fx_at(6, 8, 20) + DAY,
	     .responded = fx_at(6, 8, 20) + HOUR, .accepted = fx_at(6, 8, 20) + HOUR,
	     .replied = fx_at(6, 8, 20) + 3 * HOUR, .resolved = 1, .rating = "satisfied"},
	    /* 13: an inquiry on the web, resolved, 满意 */
	    {xingfu, "web", "inquiry", "closed", HOT(fx_at(6, 9, 9)), .responded = fx_at(6, 9, 9) + HOUR,
	     .accepted = fx_at(6, 9, 9) + HOUR, .replied = fx_at(6, 9, 9) + HOUR, .resolved = 1,
	     .rating = "satisfied"},
	    /* 14: no limit at all: not in 响应率; resolved */
	    {xingfu, "web", "inquiry", "closed", .received = fx_at(6, 9, 10),
	     .responded = fx_at(6, 9, 10) + HOUR, .accepted = fx_at(6, 9, 10) + HOUR,
	     .replied = fx_at(6, 9, 10) + HOUR, .resolved = 1},
	    /* 15: May: in the trend only, 满意 */
	    {xingfu, "hotline", "request", "closed", HOT(fx_at(5, 20, 9)),
	     .responded = fx_at(5, 20, 9) + HOUR, .accepted = fx_at(5, 20, 9) + HOUR,
	     .replied = fx_at(5, 20, 9) + DAY, .resolved = 1, .rating = "satisfied"},
	    /* 16: 07-01 00:00 China time: after June, and after the trend's last month */
	    {xingfu, "hotline", "request", "received", .received = fx_at(7, 1, 0), .resolved = -1},
	    /* 17: 06-01 00:00 China time: June's first second; responded exactly at its limit (on time),
	       基本满意 */
	    {xingfu, "hotline", "request", "closed", HOT(fx_at(6, 1, 0)),
	     .responded = fx_at(6, 1, 0) + 24 * HOUR, .accepted = fx_at(6, 1, 0) + 24 * HOUR,
	     .replied = fx_at(6, 1, 0) + 2 * DAY, .resolved = 1, .rating = "basic"},
	    /* 18: the other community of the street, within its limit */
	    {heping, "hotline", "request", "received", HOT(fx_at(6, 15, 8)), .resolved = -1},
	    /* 19: a complaint past its finish limit (06-10), not replied: overdue */
	    {xingfu, "hotline", "complaint", "in_progress", .received = fx_at(6, 2, 8),
	     .respond_due = fx_at(6, 2, 8) + 24 * HOUR, .finish_due = fx_at(6, 10, 0) - 1,
	     .responded = fx_at(6, 2, 8) + HOUR, .accepted = fx_at(6, 2, 8) + HOUR, .resolved = -1},
	    /* 20: responded a second before its limit, not resolved, 不满意 */
	    {xingfu, "hotline", "request", "replied", HOT(fx_at(6, 11, 9)),
	     .responded = fx_at(6, 11, 9) + 24 * HOUR - 1, .accepted = fx_at(6, 11, 9) + 24 * HOUR - 1,
	     .replied = fx_at(6, 11, 9) + 2 * DAY, .resolved = 0, .rating = "unsatisfied"},
	};
	assert_int_equal(db_begin(db), 0);
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		fx_add(db, WO_FX_ID + (int64_t)i + 1, &f[i]);
	assert_int_equal(db_commit(db), 0);
}

#endif
