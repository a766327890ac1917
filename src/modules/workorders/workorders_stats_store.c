/* The SQL of the work orders' figures: grouped counts over the columns of
 * workorders_order, one statement a page part (per type and channel, per
 * month, per community), never one a community or a month. The rates'
 * definitions are in workorders_stats.h; COUNTS below is where they are
 * counted, and the only place. */
#include <stdio.h>
#include <string.h>

#include "modules/workorders/workorders_stats.h"

/* An order's part in each count of struct wo_counts, as SQL over the row
 * P (o, NEW or OLD): 1 or 0. The rates' definitions are in
 * workorders_stats.h; these terms are where they are counted, and the only
 * place: COUNTS sums them over orders, the triggers of workorders_daily
 * add them up per day. */
#define LIMIT_AT(P) "COALESCE(" P ".respond_due, " P ".accept_due)"
#define COUNTED_ACCEPTED(P)                                                                                  \
	P ".accepted_at IS NOT NULL AND " P ".state NOT IN ('rejected', 'merged', 'transferred')"
#define T_CLOSED(P) "CASE WHEN " P ".state = 'closed' THEN 1 ELSE 0 END"
#define T_ON_TIME(P) "CASE WHEN " P ".responded_at <= " LIMIT_AT(P) " THEN 1 ELSE 0 END"
/* Responded to, with a limit: counted in 响应率's denominator for good. */
#define T_RESPOND_FINAL(P) "CASE WHEN " LIMIT_AT(P) " IS NOT NULL AND " P ".responded_at IS NOT NULL THEN 1 ELSE 0 END"
/* Not responded to and its limit passed at ?1: counted until it is responded to. */
#define T_RESPOND_LATE(P) "CASE WHEN " P ".responded_at IS NULL AND " LIMIT_AT(P) " < ?1 THEN 1 ELSE 0 END"
#define T_RESOLVED(P) "CASE WHEN " P ".resolved = 1 AND " COUNTED_ACCEPTED(P) " THEN 1 ELSE 0 END"
#define T_ACCEPTED(P) "CASE WHEN " COUNTED_ACCEPTED(P) " THEN 1 ELSE 0 END"
#define T_SATISFIED(P) "CASE WHEN " P ".rating IN ('satisfied', 'basic') THEN 1 ELSE 0 END"
#define T_RATED(P) "CASE WHEN " P ".rating IS NOT NULL THEN 1 ELSE 0 END"
#define T_REJECTED(P) "CASE WHEN " P ".state = 'rejected' THEN 1 ELSE 0 END"

/* The counts of struct wo_counts, in its order, over rows of
 * workorders_order o; ?1 is now (which response limits have passed). */
#define COUNTS                                                                                               \
	"COUNT(*), SUM(" T_CLOSED("o") "), SUM(" T_ON_TIME("o") "),"                                         \
	" SUM(" T_RESPOND_FINAL("o") ") + SUM(" T_RESPOND_LATE("o") "),"                                     \
	" SUM(" T_RESOLVED("o") "), SUM(" T_ACCEPTED("o") "), SUM(" T_SATISFIED("o") "),"                    \
	" SUM(" T_RATED("o") "), SUM(" T_REJECTED("o") ")"
#define NCOUNTS 9

/* The same counts over rows of workorders_daily d, but 响应率's
 * denominator, which lacks the orders not yet responded to (the caller adds
 * those from workorders_order_unresponded: add_late). */
#define DAILY_COUNTS                                                                                         \
	"SUM(d.received), SUM(d.closed), SUM(d.respond_on_time), SUM(d.respond_final), SUM(d.resolved),"    \
	" SUM(d.accepted), SUM(d.satisfied), SUM(d.rated), SUM(d.rejected)"
#define DAILY_COLS                                                                                           \
	"community_id, day, received, closed, respond_on_time, respond_final, resolved, accepted, satisfied,"  \
	" rated, rejected"
/* An order's day: days since 1970-01-01 in China time. */
#define DAY_OF(P) "(" P ".received_at + 28800) / 86400"
#define ORDER_PART(P)                                                                                        \
	T_CLOSED(P) ", " T_ON_TIME(P) ", " T_RESPOND_FINAL(P) ", " T_RESOLVED(P) ", " T_ACCEPTED(P) ", "     \
	    T_SATISFIED(P) ", " T_RATED(P) ", " T_REJECTED(P)

/* The communities under unit ?S (0: all): c, with T joined on them as
 * alias A. CROSS JOIN keeps SQLite's join order: the (few) communities
 * first, then each one's rows through an index that starts with
 * community_id, never a walk over every community's rows (PostgreSQL
 * plans it alike). */
#define UNDER_T(S, T, A)                                                                                     \
	" FROM org_unit c CROSS JOIN org_unit s CROSS JOIN " T " " A " WHERE s.id = c.parent_id AND " A         \
	".community_id = c.id AND c.kind = 'community'"                                                      \
	" AND (" S " = 0 OR c.id = " S " OR s.id = " S " OR s.parent_id = " S ")"
#define UNDER(S) UNDER_T(S, "workorders_order", "o")

static struct db_query q_by_kind =
    DB_QUERY("SELECT o.kind, o.channel, " COUNTS " FROM workorders_order o"
             " WHERE o.community_id = ?2 AND o.received_at >= ?3 AND o.received_at < ?4"
             " GROUP BY o.kind, o.channel ORDER BY o.kind, o.channel");

/* Per community under ?1, over the days [?2, ?3). */
static struct db_query q_by_community =
    DB_QUERY("SELECT d.community_id, " DAILY_COUNTS UNDER_T("?1", "workorders_daily", "d")
             " AND d.day >= ?2 AND d.day < ?3 GROUP BY d.community_id ORDER BY d.community_id");
/* The orders under ?2 received in [?3, ?4) not responded to whose limit
 * passed before ?1, per community. */
static struct db_query q_late_by_community =
    DB_QUERY("SELECT o.community_id, COUNT(*)" UNDER("?2") " AND o.responded_at IS NULL AND o.received_at >= ?3"
             " AND o.received_at < ?4 AND " LIMIT_AT("o") " < ?1 GROUP BY o.community_id");

/* Month i of a trend: received_at before bound ?(i + 3), ?2 the first bound. */
#define MONTH_OF                                                                                             \
	"CASE WHEN o.received_at < ?3 THEN 0 WHEN o.received_at < ?4 THEN 1 WHEN o.received_at < ?5 THEN 2"  \
	" WHEN o.received_at < ?6 THEN 3 WHEN o.received_at < ?7 THEN 4 WHEN o.received_at < ?8 THEN 5"      \
	" WHEN o.received_at < ?9 THEN 6 WHEN o.received_at < ?10 THEN 7 WHEN o.received_at < ?11 THEN 8"    \
	" WHEN o.received_at < ?12 THEN 9 WHEN o.received_at < ?13 THEN 10 ELSE 11 END"

static struct db_query q_trend =
    DB_QUERY("SELECT " MONTH_OF ", " COUNTS " FROM workorders_order o"
             " WHERE o.community_id = ?15 AND o.received_at >= ?2 AND o.received_at < ?14"
             " GROUP BY 1 ORDER BY 1");
/* The same months over workorders_daily, bounds as days; and the orders
 * not yet responded to of each month. */
#define MONTH_OF_DAY                                                                                         \
	"CASE WHEN d.day < ?2 THEN 0 WHEN d.day < ?3 THEN 1 WHEN d.day < ?4 THEN 2"                          \
	" WHEN d.day < ?5 THEN 3 WHEN d.day < ?6 THEN 4 WHEN d.day < ?7 THEN 5"                              \
	" WHEN d.day < ?8 THEN 6 WHEN d.day < ?9 THEN 7 WHEN d.day < ?10 THEN 8"                             \
	" WHEN d.day < ?11 THEN 9 WHEN d.day < ?12 THEN 10 ELSE 11 END"
static struct db_query q_trend_under =
    DB_QUERY("SELECT " MONTH_OF_DAY ", " DAILY_COUNTS UNDER_T("?14", "workorders_daily", "d")
             " AND d.day >= ?1 AND d.day < ?13 GROUP BY 1 ORDER BY 1");
static struct db_query q_trend_late =
    DB_QUERY("SELECT " MONTH_OF ", COUNT(*)" UNDER("?15") " AND o.responded_at IS NULL"
             " AND o.received_at >= ?2 AND o.received_at < ?14 AND " LIMIT_AT("o") " < ?1 GROUP BY 1");

/* Open orders (not final, not yet replied) with a limit passed at ?1. */
#define OVERDUE_COLS                                                                                         \
	"SELECT o.community_id, o.id, o.kind, o.state, o.subject_masked, o.received_at, o.accept_due,"       \
	" o.accepted_at, o.respond_due, o.responded_at, o.finish_due, o.replied_at"
#define OVERDUE_WHERE                                                                                        \
	" AND o.state IN ('received', 'accepted', 'assigned', 'in_progress')"                                \
	" AND ((o.accepted_at IS NULL AND o.accept_due < ?1) OR (o.responded_at IS NULL AND o.respond_due "  \
	"< ?1)"                                                                                              \
	" OR (o.replied_at IS NULL AND o.finish_due < ?1))"
/* Ordered by received_at + 0 so that no index gives the order: the open
 * states' index (workorders_order_state) is then taken, which reads the
 * open orders only, not every order of the community by date. */
static struct db_query q_overdue =
    DB_QUERY(OVERDUE_COLS " FROM workorders_order o WHERE o.community_id = ?2" OVERDUE_WHERE
                          " ORDER BY o.received_at + 0, o.id LIMIT ?3");
static struct db_query q_overdue_under = DB_QUERY(
    OVERDUE_COLS UNDER("?2") OVERDUE_WHERE " ORDER BY o.received_at + 0, o.community_id, o.id LIMIT ?3");

/* Reads the NCOUNTS columns from column i on. */
static void counts_from_row(struct db_stmt *st, int i, struct wo_counts *c)
{
	c->received = db_col_int(st, i);
	c->closed = db_col_int(st, i + 1);
	c->respond_on_time = db_col_int(st, i + 2);
	c->respond_counted = db_col_int(st, i + 3);
	c->resolved = db_col_int(st, i + 4);
	c->accepted = db_col_int(st, i + 5);
	c->satisfied = db_col_int(st, i + 6);
	c->rated = db_col_int(st, i + 7);
	c->rejected = db_col_int(st, i + 8);
}

static void kind_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct wo_kind_counts *k = slot;
	int kind = wo_kind_from(db_col_text(st, 0)), channel = wo_channel_from(db_col_text(st, 1));
	/* A name this binary does not know (a newer schema's) counts as the last of each. */
	k->kind = kind < 0 ? WO_K__MAX - 1 : (enum wo_kind)kind;
	k->channel = channel < 0 ? WO_CH__MAX - 1 : (enum wo_channel)channel;
	counts_from_row(st, 2, &k->c);
}

/* Statement q bound to (now, key, from, to), or NULL. */
static struct db_stmt *period_stmt(struct db *db, struct db_query *q, int64_t now, int64_t key, int64_t from,
                                   int64_t to)
{
	struct db_stmt *st = db_stmt(db, q);
	if (st) {
		db_bind_int(st, 1, now);
		db_bind_int(st, 2, key);
		db_bind_int(st, 3, from);
		db_bind_int(st, 4, to);
	}
	return st;
}

/* Runs a grouped count statement bound to (now, key, from, to) into rows
 * of elem bytes filled by fill. 0 or -1. */
static int grouped(struct db *db, struct db_query *q, struct arena *a, int64_t key, int64_t from, int64_t to,
                   int64_t now, size_t elem, size_t max, void **out, size_t *n,
                   void (*fill)(struct db_stmt *st, struct arena *a, void *slot))
{
	struct db_stmt *st = period_stmt(db, q, now, key, from, to);
	return st ? db_rows(st, a, elem, max, out, n, fill) : -1;
}

int wo_stats_by_kind(struct db *db, struct arena *a, int64_t community_id, int64_t from, int64_t to,
                     int64_t now, struct wo_kind_counts **out, size_t *n)
{
	return grouped(db, &q_by_kind, a, community_id, from, to, now, sizeof **out,
	               (size_t)WO_K__MAX * WO_CH__MAX + 8, (void **)out, n, kind_from_row);
}

static void community_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct wo_community_counts *k = slot;
	k->community_id = db_col_int(st, 0);
	counts_from_row(st, 1, &k->c);
}

/* The community's row in rows (sorted by community id), or NULL. */
static struct wo_community_counts *community_row(struct wo_community_counts *rows, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows[mid].community_id == id)
			return &rows[mid];
		if (rows[mid].community_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int wo_stats_by_community(struct db *db, struct arena *a, int64_t scope, int64_t from, int64_t to,
                          int64_t now, struct wo_community_counts **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_by_community);
	if (!st)
		return -1;
	db_bind_int(st, 1, scope);
	db_bind_int(st, 2, wo_day_of(from));
	db_bind_int(st, 3, wo_day_of(to));
	if (db_rows(st, a, sizeof **out, 100000, (void **)out, n, community_from_row) < 0)
		return -1;
	if (!(st = period_stmt(db, &q_late_by_community, now, scope, from, to)))
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct wo_community_counts *row = community_row(*out, *n, db_col_int(st, 0));
		if (row) /* always: a late order is counted received on its day */
			row->c.respond_counted += db_col_int(st, 1);
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

/* Adds the orders not yet responded to whose limit passed by now to each
 * month's 响应率 denominator, for the communities under scope. 0 or -1. */
static int trend_late(struct db *db, int64_t scope, int64_t now, struct wo_trend *t)
{
	struct db_stmt *st = db_stmt(db, &q_trend_late);
	if (!st)
		return -1;
	db_bind_int(st, 1, now);
	for (int i = 0; i <= WO_TREND_MONTHS; i++)
		db_bind_int(st, i + 2, t->bounds[i]);
	db_bind_int(st, 15, scope);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t m = db_col_int(st, 0);
		if (m >= 0 && m < WO_TREND_MONTHS)
			t->month[m].respond_counted += db_col_int(st, 1);
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

int wo_stats_trend(struct db *db, int64_t community_id, int64_t scope, int64_t now, struct wo_trend *t)
{
	struct db_stmt *st = db_stmt(db, community_id > 0 ? &q_trend : &q_trend_under);
	if (!st)
		return -1;
	memset(t->month, 0, sizeof t->month);
	if (community_id > 0) {
		db_bind_int(st, 1, now);
		for (int i = 0; i <= WO_TREND_MONTHS; i++)
			db_bind_int(st, i + 2, t->bounds[i]);
		db_bind_int(st, 15, community_id);
	} else {
		for (int i = 0; i <= WO_TREND_MONTHS; i++)
			db_bind_int(st, i + 1, wo_day_of(t->bounds[i]));
		db_bind_int(st, 14, scope);
	}
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t m = db_col_int(st, 0);
		if (m >= 0 && m < WO_TREND_MONTHS)
			counts_from_row(st, 1, &t->month[m]);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return -1;
	return community_id > 0 ? 0 : trend_late(db, scope, now, t);
}

/* An overdue line as read; the limit it shows is picked by overdue_pick. */
struct overdue_row {
	struct wo_overdue o;
	int64_t due[3]; /* accept, respond, finish; 0 for none */
	int done[3];    /* accepted, responded, replied */
};

static void overdue_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct overdue_row *r = slot;
	r->o.community_id = db_col_int(st, 0);
	r->o.id = db_col_int(st, 1);
	int kind = wo_kind_from(db_col_text(st, 2)), state = wo_state_from(db_col_text(st, 3));
	r->o.kind = kind < 0 ? WO_K__MAX - 1 : (enum wo_kind)kind;
	r->o.state = state < 0 ? WO_S_RECEIVED : (enum wo_state)state;
	r->o.subject_masked = db_col_dup(st, 4, a);
	r->o.received_at = db_col_int(st, 5);
	for (int i = 0; i < 3; i++) {
		r->due[i] = db_col_int(st, 6 + 2 * i);
		r->done[i] = !db_col_is_null(st, 7 + 2 * i);
	}
}

/* The earliest limit passed at now without its step, and which. */
static void overdue_pick(const struct overdue_row *r, int64_t now, struct wo_overdue *o)
{
	static const char *const what[] = {"受理", "响应", "办结"};
	*o = r->o;
	o->due = 0;
	o->what = "";
	for (int i = 0; i < 3; i++)
		if (r->due[i] && !r->done[i] && r->due[i] < now && (!o->due || r->due[i] < o->due)) {
			o->due = r->due[i];
			o->what = what[i];
		}
}

int wo_stats_overdue(struct db *db, struct arena *a, int64_t community_id, int64_t scope, int64_t now,
                     size_t max, struct wo_overdue **out, size_t *n, int *more)
{
	struct db_stmt *st = db_stmt(db, community_id > 0 ? &q_overdue : &q_overdue_under);
	if (!st)
		return -1;
	if (max > WO_OVERDUE_MAX)
		max = WO_OVERDUE_MAX;
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, community_id > 0 ? community_id : scope);
	db_bind_int(st, 3, (int64_t)max + 1);
	struct overdue_row *rows;
	size_t k;
	*n = 0;
	*more = 0;
	if (db_rows(st, a, sizeof *rows, max + 1, (void **)&rows, &k, overdue_from_row) < 0)
		return -1;
	*more = k > max;
	if (*more)
		k = max;
	*out = arena_alloc(a, (k ? k : 1) * sizeof **out);
	if (!*out)
		return -1;
	for (size_t i = 0; i < k; i++)
		overdue_pick(&rows[i], now, &(*out)[i]);
	*n = k;
	return 0;
}

/* Reads masked columns only; the outcome from the state and resolved. */
static struct db_query q_closed = DB_QUERY(
    "SELECT o.id, o.kind, o.subject_masked, o.address_masked, o.received_at, o.closed_at, o.state, o.resolved"
    " FROM workorders_order o WHERE o.community_id = ? AND o.closed_at IS NOT NULL"
    " ORDER BY o.closed_at DESC, o.id DESC LIMIT ? OFFSET ?");

static void closed_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_closed *c = slot;
	c->id = db_col_int(st, 0);
	int kind = wo_kind_from(db_col_text(st, 1));
	c->kind = kind < 0 ? WO_K__MAX - 1 : (enum wo_kind)kind;
	c->subject_masked = db_col_dup(st, 2, a);
	c->address_masked = db_col_dup(st, 3, a);
	c->received_at = db_col_int(st, 4);
	c->closed_at = db_col_int(st, 5);
	c->outcome = !strcmp(db_col_text(st, 6), "rejected") ? WO_O_REJECTED
	             : db_col_int(st, 7) == 1                ? WO_O_RESOLVED
	                                                     : WO_O_UNRESOLVED;
}

int wo_closed_list(struct db *db, struct arena *a, int64_t community_id, int64_t offset, int limit,
                   struct wo_closed **out, size_t *n, int *more)
{
	struct db_stmt *st = db_stmt(db, &q_closed);
	*n = 0;
	*more = 0;
	if (!st || limit <= 0)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, (int64_t)limit + 1);
	db_bind_int(st, 3, offset);
	if (db_rows(st, a, sizeof **out, (size_t)limit + 1, (void **)out, n, closed_from_row) < 0)
		return -1;
	*more = *n > (size_t)limit;
	if (*more)
		*n = (size_t)limit;
	return 0;
}

static struct db_query q_top_subjects = DB_QUERY(
    "SELECT o.subject_masked, COUNT(*) FROM workorders_order o WHERE o.community_id = ? AND o.received_at >= "
    "?"
    " AND o.received_at < ? GROUP BY o.subject_masked HAVING COUNT(*) >= 2"
    " ORDER BY COUNT(*) DESC, o.subject_masked LIMIT ?");

static void subject_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_subject_count *s = slot;
	/* Masked again for rows recorded before rooms and e-mails were masked. */
	s->subject_masked = wo_mask_free(a, db_col_text(st, 0), NULL, NULL);
	s->n = db_col_int(st, 1);
}

int wo_stats_top_subjects(struct db *db, struct arena *a, int64_t community_id, int64_t from, int64_t to,
                          int max, struct wo_subject_count **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_top_subjects);
	if (!st || max <= 0)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, from);
	db_bind_int(st, 3, to);
	db_bind_int(st, 4, max);
	return db_rows(st, a, sizeof **out, (size_t)max, (void **)out, n, subject_from_row);
}

/* ---- workorders_daily: kept by triggers ---- */

/* The upsert that adds the order P's part (sign "" or "-") to its day. */
#define DAILY_UPSERT(P, SIGN)                                                                                \
	"INSERT INTO workorders_daily (" DAILY_COLS ") SELECT " P ".community_id, " DAY_OF(P) ", " SIGN "1"   \
	", " SIGN "(" T_CLOSED(P) "), " SIGN "(" T_ON_TIME(P) "), " SIGN "(" T_RESPOND_FINAL(P) "), " SIGN  \
	"(" T_RESOLVED(P) "), " SIGN "(" T_ACCEPTED(P) "), " SIGN "(" T_SATISFIED(P) "), " SIGN             \
	"(" T_RATED(P) "), " SIGN "(" T_REJECTED(P) ") WHERE TRUE"                                          \
	" ON CONFLICT (community_id, day) DO UPDATE SET received = workorders_daily.received + excluded.received," \
	" closed = workorders_daily.closed + excluded.closed,"                                               \
	" respond_on_time = workorders_daily.respond_on_time + excluded.respond_on_time,"                   \
	" respond_final = workorders_daily.respond_final + excluded.respond_final,"                         \
	" resolved = workorders_daily.resolved + excluded.resolved,"                                         \
	" accepted = workorders_daily.accepted + excluded.accepted,"                                         \
	" satisfied = workorders_daily.satisfied + excluded.satisfied,"                                      \
	" rated = workorders_daily.rated + excluded.rated, rejected = workorders_daily.rejected + excluded.rejected"
/* After taking P's part away: its day goes when no order is left on it,
 * so that the rows are the days with orders (what `shequ copy` compares). */
#define DAILY_PRUNE(P)                                                                                       \
	"DELETE FROM workorders_daily WHERE community_id = " P ".community_id AND day = " DAY_OF(P)          \
	" AND received = 0"
/* The columns an order's part depends on: other updates fire nothing. */
#define DAILY_OF                                                                                             \
	"community_id, received_at, state, accepted_at, responded_at, respond_due, accept_due, resolved, rating"

static const char sqlite_triggers[] =
    "CREATE TRIGGER workorders_daily_insert AFTER INSERT ON workorders_order BEGIN " DAILY_UPSERT("NEW", "")
    "; END;\n"
    "CREATE TRIGGER workorders_daily_update AFTER UPDATE OF " DAILY_OF " ON workorders_order BEGIN " DAILY_UPSERT(
        "OLD", "-") "; " DAILY_PRUNE("OLD") "; " DAILY_UPSERT("NEW", "") "; END;\n"
                     "CREATE TRIGGER workorders_daily_delete AFTER DELETE ON workorders_order BEGIN " DAILY_UPSERT(
                         "OLD", "-") "; " DAILY_PRUNE("OLD") "; END;\n";

static const char pg_triggers[] =
    "CREATE FUNCTION workorders_daily_count() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN\n"
    " IF TG_OP <> 'INSERT' THEN " DAILY_UPSERT("OLD", "-") "; " DAILY_PRUNE("OLD") "; END IF;\n"
    " IF TG_OP <> 'DELETE' THEN " DAILY_UPSERT("NEW", "") "; END IF;\n"
    " RETURN NULL; END $f$;\n"
    "CREATE TRIGGER workorders_daily_insert_delete AFTER INSERT OR DELETE ON workorders_order"
    " FOR EACH ROW EXECUTE FUNCTION workorders_daily_count();\n"
    "CREATE TRIGGER workorders_daily_update AFTER UPDATE OF " DAILY_OF " ON workorders_order"
    " FOR EACH ROW EXECUTE FUNCTION workorders_daily_count();\n";

static const char daily_fill[] = "INSERT INTO workorders_daily (" DAILY_COLS ") SELECT o.community_id, " DAY_OF(
    "o") ", COUNT(*), SUM(" T_CLOSED("o") "), SUM(" T_ON_TIME("o") "), SUM(" T_RESPOND_FINAL("o") "), SUM(" T_RESOLVED("o") "),"
         " SUM(" T_ACCEPTED("o") "), SUM(" T_SATISFIED("o") "), SUM(" T_RATED("o") "), SUM(" T_REJECTED("o") ")"
         " FROM workorders_order o GROUP BY o.community_id, " DAY_OF("o");

int wo_stats_counters_fill(struct db *db)
{
	return db_exec_script(db, "DELETE FROM workorders_daily") < 0 || db_exec_script(db, daily_fill) < 0 ? -1 : 0;
}

int wo_stats_counters_install(struct db *db, char *err, size_t errlen)
{
	int pg = strcmp(db_backend(db), "sqlite") != 0;
	if (db_exec_script(db, pg ? pg_triggers : sqlite_triggers) < 0 || wo_stats_counters_fill(db) < 0) {
		snprintf(err, errlen, "workorders: cannot keep workorders_daily: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}
