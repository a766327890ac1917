/* The SQL of the ledger's staff pages that the contract lacks: the
 * workbench's counts, one indexed statement each. */
#include <stdio.h>
#include <string.h>

#include "modules/ledger/ledger_web.h"

/* Walks ledger_entry_pending (partial: only entries awaiting approval),
 * never the community's whole history: "entered_at > 0" (every entry's)
 * makes SQLite prefer it to the primary key. */
static struct db_query q_pending_others = DB_QUERY(
    "SELECT COUNT(*) FROM ledger_entry WHERE community_id = ? AND approved_at IS NULL AND entered_at > 0"
    " AND entered_by <> ?");
/* The primary key (community_id, period): the community's months before this one. */
static struct db_query q_open_past = DB_QUERY(
    "SELECT COUNT(*) FROM ledger_period WHERE community_id = ? AND period < ? AND closed_at IS NULL");

int ledger_bench_counts(struct db *db, int64_t community_id, int64_t viewer, const char *this_month,
                        struct ledger_bench *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = db_stmt(db, &q_pending_others);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, viewer);
	if (db_one_int(st, &out->pending_others) < 0 || !(st = db_stmt(db, &q_open_past)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, this_month, -1);
	return db_one_int(st, &out->open_past) < 0 ? -1 : 0;
}

/* The primary key again, from the community's first month. */
static struct db_query q_next_open =
    DB_QUERY("SELECT period FROM ledger_period WHERE community_id = ? AND period < ?"
             " AND closed_at IS NULL ORDER BY period LIMIT 1");

int ledger_next_open(struct db *db, int64_t community_id, const char *before, char out[8])
{
	out[0] = 0;
	struct db_stmt *st = db_stmt(db, &q_next_open);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, before, -1);
	int rc = db_step(st);
	if (rc == DB_ROW)
		snprintf(out, 8, "%s", db_col_text(st, 0));
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}
