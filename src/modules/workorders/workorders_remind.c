/* Reminders: the background job that records, once per order and kind, a
 * deadline coming due within a day or passed, with an internal timeline
 * entry "到期提醒"; run by the server's tick (every minute, one process of
 * several at a time) and by `shequ workorders remind` for cron. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "core/log.h"
#include "modules/workorders/workorders_internal.h"

#define DAY 86400
#define BATCH 500 /* orders per kind and run (the queries' LIMIT): the next run takes the rest */

/* The open states: still the staff's turn. Must match the partial
 * indexes workorders_order_*_due in 0001_workorders.sql word for word, so
 * that SQLite uses them. */
#define OPEN "o.state IN ('received', 'accepted', 'assigned', 'in_progress')"
#define NOT_YET(what)                                                                                        \
	" AND NOT EXISTS (SELECT 1 FROM workorders_reminder r WHERE r.community_id = o.community_id"         \
	" AND r.order_id = o.id AND r.what = '" what "')"
/* Orders whose `due` column is at or before ?1 and after ?2, with extra
 * condition `cond`, that have no reminder `what` yet. */
#define DUE_QUERY(due, cond, what)                                                                           \
	DB_QUERY("SELECT o.community_id, o.id, o." due " FROM workorders_order o WHERE " OPEN cond           \
	         " AND o." due " <= ?1 AND o." due " > ?2" NOT_YET(what) " ORDER BY o." due " LIMIT 500")

struct kind {
	const char *what;
	const char *text; /* the timeline note, with the due time */
	int soon;         /* within a day (1) or passed (0) */
	struct db_query q;
};

static struct kind kinds[] = {
    {"accept_overdue", "已超过受理期限(%s),请尽快决定是否受理", 0,
     DUE_QUERY("accept_due", " AND o.accepted_at IS NULL", "accept_overdue")},
    {"accept_soon", "受理期限(%s)不足一天", 1,
     DUE_QUERY("accept_due", " AND o.accepted_at IS NULL", "accept_soon")},
    {"respond_overdue", "已超过响应时限(%s),请尽快联系诉求人", 0,
     DUE_QUERY("respond_due", " AND o.responded_at IS NULL", "respond_overdue")},
    {"finish_overdue", "已超过办结期限(%s)", 0, DUE_QUERY("finish_due", "", "finish_overdue")},
    {"finish_soon", "办结期限(%s)不足一天", 1, DUE_QUERY("finish_due", "", "finish_soon")},
};

static struct db_query q_reminder_add = DB_QUERY("INSERT INTO workorders_reminder (community_id, order_id, "
                                                 "what, due_at, recorded_at) VALUES (?, ?, ?, ?, ?)"
                                                 " ON CONFLICT (community_id, order_id, what) DO NOTHING");

struct due_row {
	int64_t community_id, id, due;
};

static void due_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct due_row *r = slot;
	r->community_id = db_col_int(st, 0);
	r->id = db_col_int(st, 1);
	r->due = db_col_int(st, 2);
}

/* Records one kind's reminders. 0 or -1. */
static int remind_kind(struct db *db, struct arena *a, struct kind *k, int64_t now, int *recorded)
{
	struct db_stmt *st = db_stmt(db, &k->q);
	if (!st)
		return -1;
	/* Passed: due in (0, now]; soon: due in (now, now + a day]. */
	db_bind_int(st, 1, k->soon ? now + DAY : now);
	db_bind_int(st, 2, k->soon ? now : 0);
	struct due_row *rows;
	size_t n;
	if (db_rows(st, a, sizeof *rows, BATCH, (void **)&rows, &n, due_from_row) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *ins = db_stmt(db, &q_reminder_add);
		if (!ins)
			return -1;
		db_bind_int(ins, 1, rows[i].community_id);
		db_bind_int(ins, 2, rows[i].id);
		db_bind_text(ins, 3, k->what, -1);
		db_bind_int(ins, 4, rows[i].due);
		db_bind_int(ins, 5, now);
		int64_t changed;
		if (db_run_count(ins, &changed) != DB_DONE)
			return -1;
		if (changed != 1)
			continue;
		char when[32], note[200];
		clock_format_cst(rows[i].due, when, sizeof when);
		snprintf(note, sizeof note, k->text, when);
		if (wo_event_add(db, a, rows[i].community_id, rows[i].id, now, 0, "系统", WO_A_REMIND, 0,
		                 note) < 0)
			return -1;
		(*recorded)++;
	}
	return 0;
}

int wo_remind(struct db *db, int64_t now, int *recorded)
{
	*recorded = 0;
	if (db_begin(db) < 0)
		return -1;
	int got = db_job_try_lock(db, "workorders_remind");
	if (got <= 0) {
		db_rollback(db);
		return got < 0 ? -1 : 0;
	}
	struct arena a;
	arena_init(&a, 8u << 20);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof kinds / sizeof *kinds; i++)
		rc = remind_kind(db, &a, &kinds[i], now, recorded);
	if (rc == 0 && a.failed)
		rc = -1;
	arena_free(&a);
	if (rc < 0 || db_commit(db) < 0) {
		db_rollback(db);
		*recorded = 0;
		return -1;
	}
	return 0;
}

int wo_tick(struct db *db, int64_t now)
{
	int n;
	if (wo_remind(db, now, &n) < 0)
		return -1;
	if (n > 0)
		log_info("workorders: %d reminders recorded", n);
	return 0;
}

static const char remind_usage[] =
    "usage: shequ workorders remind [--db URL] [--key-file FILE]\n"
    "Records a reminder (and an internal timeline entry 到期提醒) for each open work\n"
    "order whose acceptance, response or finish deadline has passed or falls due\n"
    "within a day, once per order and kind. `shequ serve` does this every minute;\n"
    "run it from cron when no server runs. Prints how many it recorded.\n";

int wo_command(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "remind"))
		return cli_usage(remind_usage,
		                 argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")));
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
	                                     {"key-file", required_argument, 0, 'k'},
	                                     {"help", no_argument, 0, 'h'},
	                                     {0}};
	const char *flag = NULL, *key = NULL;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		if (ch == 'd')
			flag = optarg;
		else if (ch == 'k')
			key = optarg;
		else
			return cli_usage(remind_usage, ch == 'h');
	}
	if (optind != argc - 1)
		return cli_usage(remind_usage, 0);
	const char *url = cli_db_url(flag);
	struct db *db;
	if (cli_open(url, 1, &db) < 0)
		return 1;
	if (cli_pii_key(db, url, key, CLI_KEY_REQUIRE) < 0) {
		db_close(db);
		return 1;
	}
	int n = 0;
	if (wo_remind(db, clock_now(), &n) < 0) {
		fprintf(stderr, "shequ: workorders remind: %s\n",
		        db_last_error(db) ? db_last_error(db) : db_errmsg(db));
		db_close(db);
		return 1;
	}
	db_close(db);
	printf("%d reminders recorded\n", n);
	return 0;
}
