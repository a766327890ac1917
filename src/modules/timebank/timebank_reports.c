/* SQL for residents' reports of a service they gave (我为谁服务了多久):
 * pending until staff confirm them (the deposit happens then, the cap
 * checked at that moment) or refuse them with a reason. */
#include <stdio.h>
#include <string.h>

#include "modules/timebank/timebank_internal.h"

static struct db_query q_add = DB_QUERY(
    "INSERT INTO timebank_report (community_id, id, account_id, service, served_on, minutes, party_masked,"
    " party_account_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_acc_state =
    DB_QUERY("SELECT state FROM timebank_account WHERE community_id = ? AND id = ?");
static struct db_query q_lock =
    DB_QUERY("SELECT state FROM timebank_report WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_decide = DB_QUERY(
    "UPDATE timebank_report SET state = ?3, reason = ?4, move_id = ?5, decided_by = ?6, decided_at = ?7"
    " WHERE community_id = ?1 AND id = ?2 AND state = 'pending'");
#define REPORT_COLS                                                                                          \
	"SELECT r.id, r.account_id, r.service, r.served_on, r.minutes, r.party_masked, r.party_account_id, " \
	"r.note,"                                                                                            \
	" r.state, r.reason, r.move_id, r.created_at, r.decided_by, r.decided_at, a.name_masked"             \
	" FROM timebank_report r JOIN timebank_account a ON a.community_id = r.community_id AND a.id = "     \
	"r.account_id"                                                                                       \
	" WHERE r.community_id = ?"
static struct db_query q_one = DB_QUERY(REPORT_COLS " AND r.id = ?");
static struct db_query q_of_acc =
    DB_QUERY(REPORT_COLS " AND r.account_id = ? ORDER BY r.id DESC LIMIT ? OFFSET ?");
static struct db_query q_of_state =
    DB_QUERY(REPORT_COLS " AND r.state = ? ORDER BY r.id DESC LIMIT ? OFFSET ?");
static struct db_query q_all = DB_QUERY(REPORT_COLS " ORDER BY r.id DESC LIMIT ? OFFSET ?");
static struct db_query q_pending =
    DB_QUERY("SELECT COUNT(*) FROM timebank_report WHERE community_id = ? AND state = 'pending'");

static void report_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct tb_report *r = slot;
	memset(r, 0, sizeof *r);
	r->id = db_col_int(st, 0);
	r->account_id = db_col_int(st, 1);
	r->service = db_col_dup(st, 2, a);
	snprintf(r->served_on, sizeof r->served_on, "%s", db_col_text(st, 3));
	r->minutes = db_col_int(st, 4);
	r->party_masked = db_col_dup(st, 5, a);
	r->party_account_id = db_col_int(st, 6);
	r->note = db_col_dup(st, 7, a);
	r->state = tb_rstate_from(db_col_text(st, 8));
	r->reason = db_col_dup(st, 9, a);
	r->move_id = db_col_int(st, 10);
	r->created_at = db_col_int(st, 11);
	r->decided_by = db_col_int(st, 12);
	r->decided_at = db_col_int(st, 13);
	r->account_masked = db_col_dup(st, 14, a);
}

int tb_report_add(struct db *db, int64_t community_id, struct tb_report *r, int64_t now)
{
	if (r->minutes <= 0 || r->minutes > TB_MOVE_MAX)
		return TB_STATE;
	struct db_stmt *st = db_stmt(db, &q_acc_state);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, r->account_id);
	int rc = db_step(st);
	int state = rc == DB_ROW ? tb_state_from(db_col_text(st, 0)) : -1;
	db_reset(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? TB_NOT_FOUND : -1;
	if (state != TS_OPEN)
		return TB_STATE;
	if (db_next_id(db, community_id, "timebank_report", &r->id) < 0 || !(st = db_stmt(db, &q_add)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, r->id);
	db_bind_int(st, 3, r->account_id);
	db_bind_text(st, 4, r->service, -1);
	db_bind_text(st, 5, r->served_on, -1);
	db_bind_int(st, 6, r->minutes);
	db_bind_text(st, 7, r->party_masked ? r->party_masked : "", -1);
	db_bind_int_or_null(st, 8, r->party_account_id);
	db_bind_text(st, 9, r->note ? r->note : "", -1);
	db_bind_int(st, 10, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

/* Locks a report and answers whether it is pending: 0, TB_NOT_FOUND,
 * TB_STATE, -1. */
static int lock_pending(struct db *db, int64_t community_id, int64_t id)
{
	struct db_stmt *st = db_stmt(db, &q_lock);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	int state = rc == DB_ROW ? tb_rstate_from(db_col_text(st, 0)) : -1;
	db_reset(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? TB_NOT_FOUND : -1;
	return state == TR_PENDING ? 0 : TB_STATE;
}

/* Marks a locked pending report decided. 0, TB_STATE, -1. */
static int decide(struct db *db, int64_t community_id, int64_t id, int state, const char *reason,
                  int64_t move_id, int64_t by, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_decide);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, tb_rstate_name(state), -1);
	db_bind_text(st, 4, reason ? reason : "", -1);
	db_bind_int_or_null(st, 5, move_id);
	db_bind_int(st, 6, by);
	db_bind_int(st, 7, now);
	int rc = db_run_guarded(st);
	return rc == 1 ? TB_STATE : rc;
}

int tb_report_confirm(struct db *db, int64_t community_id, int64_t id, int64_t by, int64_t now,
                      int64_t *move_id, int64_t *room)
{
	int rc = lock_pending(db, community_id, id);
	if (rc)
		return rc;
	struct arena a;
	arena_init(&a, 16u << 10);
	struct tb_report r;
	rc = tb_report_get(db, &a, community_id, id, &r);
	if (!rc) {
		struct tb_move m = {.account_id = r.account_id,
		                    .minutes = r.minutes,
		                    .service = r.service,
		                    .party_account_id = r.party_account_id,
		                    .party_masked = r.party_masked,
		                    .note = r.note,
		                    .source = "self",
		                    .source_id = id};
		snprintf(m.served_on, sizeof m.served_on, "%s", r.served_on);
		rc = tb_deposit(db, community_id, &m, by, now, room);
		if (!rc && !(rc = decide(db, community_id, id, TR_CONFIRMED, "", m.id, by, now)))
			*move_id = m.id;
	}
	arena_free(&a);
	return rc;
}

int tb_report_refuse(struct db *db, int64_t community_id, int64_t id, const char *reason, int64_t by,
                     int64_t now)
{
	int rc = lock_pending(db, community_id, id);
	return rc ? rc : decide(db, community_id, id, TR_REFUSED, reason, 0, by, now);
}

int tb_report_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct tb_report *r)
{
	struct db_stmt *st = db_stmt(db, &q_one);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_row(st, a, r, report_from_row);
	return rc == 1 ? TB_NOT_FOUND : rc;
}

int tb_reports(struct db *db, struct arena *a, int64_t community_id, int64_t account_id, int state,
               int64_t offset, int64_t limit, struct tb_report **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, account_id > 0 ? &q_of_acc : state >= 0 ? &q_of_state : &q_all);
	if (!st)
		return -1;
	int i = 1;
	db_bind_int(st, i++, community_id);
	if (account_id > 0)
		db_bind_int(st, i++, account_id);
	else if (state >= 0)
		db_bind_text(st, i++, tb_rstate_name(state), -1);
	db_bind_int(st, i++, limit);
	db_bind_int(st, i, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, report_from_row);
}

int tb_reports_pending(struct db *db, int64_t community_id, int64_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_pending);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_one_int(st, n) == 0 ? 0 : -1;
}
