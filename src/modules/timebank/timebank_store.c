/* SQL for the time bank's settings and accounts. Every statement names the
 * community; writes run in the caller's transaction, each locking what it
 * reads before it writes. Name and mobile are sealed beside their masks. */
#include <string.h>

#include "modules/timebank/timebank_internal.h"
#include "pii/pii.h"

static struct db_query q_cap = DB_QUERY("SELECT cap_minutes FROM timebank_setting WHERE community_id = ?");
static struct db_query q_cap_set = DB_QUERY(
    "INSERT INTO timebank_setting (community_id, cap_minutes, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (community_id) DO UPDATE SET cap_minutes = ?2, updated_by = ?3, updated_at = ?4");

#define ACC_COLS                                                                                             \
	"SELECT id, user_id, person_id, name_masked, mobile_masked, balance_minutes, deposited_minutes,"     \
	" drawn_minutes, moves, state, state_reason, created_by, created_at, updated_at"
static struct db_query q_acc = DB_QUERY(ACC_COLS ", name_sealed, mobile_sealed FROM timebank_account"
                                                 " WHERE community_id = ? AND id = ?");
static struct db_query q_acc_user =
    DB_QUERY(ACC_COLS " FROM timebank_account WHERE community_id = ? AND user_id = ?");
static struct db_query q_acc_all = DB_QUERY(ACC_COLS " FROM timebank_account WHERE community_id = ?"
                                                     " ORDER BY id LIMIT ? OFFSET ?");
static struct db_query q_acc_state =
    DB_QUERY(ACC_COLS " FROM timebank_account WHERE community_id = ? AND state = ?"
                      " ORDER BY id LIMIT ? OFFSET ?");
static struct db_query q_acc_mobile = DB_QUERY(ACC_COLS " FROM timebank_account WHERE community_id = ?"
                                                        " AND mobile_index = ? ORDER BY id LIMIT ? OFFSET ?");
static struct db_query q_acc_add =
    DB_QUERY("INSERT INTO timebank_account (community_id, id, user_id, person_id, name_sealed, name_masked, "
             "mobile_sealed,"
             " mobile_masked, mobile_index, created_by, created_at, updated_at)"
             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)");
static struct db_query q_acc_lock = DB_QUERY("SELECT state, balance_minutes FROM timebank_account"
                                             " WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_acc_set_state = DB_QUERY("UPDATE timebank_account SET state = ?3, state_reason = "
                                                  "?4, updated_at = ?5 WHERE community_id = ?1 AND id = ?2");
static struct db_query q_acc_count =
    DB_QUERY("INSERT INTO timebank_setting (community_id, accounts) VALUES (?, 1)"
             " ON CONFLICT (community_id) DO UPDATE SET accounts = timebank_setting.accounts + 1");
static struct db_query q_setting =
    DB_QUERY("SELECT cap_minutes, accounts FROM timebank_setting WHERE community_id = ?");

int tb_cap(struct db *db, int64_t community_id, int64_t *cap)
{
	struct db_stmt *st = db_stmt(db, &q_cap);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int rc = db_one_int(st, cap);
	if (rc == 1)
		*cap = TB_CAP_DEFAULT;
	return rc == 0 || rc == 1 ? 0 : -1;
}

int tb_cap_set(struct db *db, int64_t community_id, int64_t cap, int64_t by, int64_t now)
{
	if (cap <= 0 || cap > TB_CAP_MAX)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_cap_set);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, cap);
	db_bind_int(st, 3, by);
	db_bind_int(st, 4, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static void acc_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct tb_account *ac = slot;
	memset(ac, 0, sizeof *ac);
	ac->id = db_col_int(st, 0);
	ac->user_id = db_col_int(st, 1);
	ac->person_id = db_col_int(st, 2);
	ac->name_masked = db_col_dup(st, 3, a);
	ac->mobile_masked = db_col_dup(st, 4, a);
	ac->balance = db_col_int(st, 5);
	ac->deposited = db_col_int(st, 6);
	ac->drawn = db_col_int(st, 7);
	ac->moves = db_col_int(st, 8);
	ac->state = tb_state_from(db_col_text(st, 9));
	ac->state_reason = db_col_dup(st, 10, a);
	ac->created_by = db_col_int(st, 11);
	ac->created_at = db_col_int(st, 12);
	ac->updated_at = db_col_int(st, 13);
}

/* acc_from_row with name and mobile opened (columns 14, 15). */
static void full_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct tb_account *ac = slot;
	acc_from_row(st, a, slot);
	ac->name = pii_col_opened(st, 14, a);
	ac->mobile = pii_col_opened(st, 15, a);
}

static void masked_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	acc_from_row(st, a, slot);
}

int tb_account_open(struct db *db, struct arena *a, int64_t community_id, struct tb_account *ac, int64_t by,
                    int64_t now)
{
	const struct pii_key *k = pii_key_current();
	const char *name = ac->name ? ac->name : "", *mobile = ac->mobile ? ac->mobile : "";
	char *nm = pii_mask_name(a, name), *mm = pii_mask_phone(a, mobile);
	if (!k || !nm || !mm)
		return -1;
	if (db_next_id(db, community_id, "timebank_account", &ac->id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_acc_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, ac->id);
	db_bind_int_or_null(st, 3, ac->user_id);
	db_bind_int_or_null(st, 4, ac->person_id);
	unsigned char idx[PII_INDEX_BYTES];
	if (pii_bind_sealed(st, 5, a, name) < 0 || pii_bind_sealed(st, 7, a, mobile) < 0) {
		db_reset(st);
		return -1;
	}
	db_bind_text(st, 6, nm, -1);
	db_bind_text(st, 8, mm, -1);
	if (*mobile) {
		pii_blind_index(k, "timebank.mobile", mobile, strlen(mobile), idx);
		db_bind_blob(st, 9, idx, sizeof idx);
	} else {
		db_bind_null(st, 9);
	}
	db_bind_int(st, 10, by);
	db_bind_int(st, 11, now);
	int rc = db_run(st);
	ac->name_masked = nm;
	ac->mobile_masked = mm;
	if (rc != DB_DONE)
		return rc == DB_CONSTRAINT ? TB_DUP : -1;
	if (!(st = db_stmt(db, &q_acc_count)))
		return -1;
	db_bind_int(st, 1, community_id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int tb_account_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, int full,
                   struct tb_account *ac)
{
	struct db_stmt *st = db_stmt(db, &q_acc);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_row(st, a, ac, full ? full_from_row : masked_from_row);
	return rc == 1 ? TB_NOT_FOUND : rc;
}

int tb_account_of_user(struct db *db, struct arena *a, int64_t community_id, int64_t user_id,
                       struct tb_account *ac)
{
	struct db_stmt *st = db_stmt(db, &q_acc_user);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, user_id);
	int rc = db_row(st, a, ac, acc_from_row);
	return rc == 1 ? TB_NOT_FOUND : rc;
}

int tb_account_list(struct db *db, struct arena *a, int64_t community_id, int state, const char *mobile,
                    int64_t offset, int64_t limit, struct tb_account **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, mobile ? &q_acc_mobile : state >= 0 ? &q_acc_state : &q_acc_all);
	if (!st)
		return -1;
	int i = 1;
	db_bind_int(st, i++, community_id);
	unsigned char idx[PII_INDEX_BYTES];
	if (mobile) {
		const struct pii_key *k = pii_key_current();
		if (!k) {
			db_reset(st);
			return -1;
		}
		pii_blind_index(k, "timebank.mobile", mobile, strlen(mobile), idx);
		db_bind_blob(st, i++, idx, sizeof idx);
	} else if (state >= 0) {
		db_bind_text(st, i++, tb_state_name(state), -1);
	}
	db_bind_int(st, i++, limit);
	db_bind_int(st, i, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, acc_from_row);
}

int tb_account_set_state(struct db *db, int64_t community_id, int64_t id, int state, const char *reason,
                         int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_acc_lock);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	int cur = -1;
	int64_t balance = 0;
	if (rc == DB_ROW) {
		cur = tb_state_from(db_col_text(st, 0));
		balance = db_col_int(st, 1);
	}
	db_reset(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? TB_NOT_FOUND : -1;
	if (cur == TS_CLOSED || state < 0 || state >= TS__MAX || (state == TS_CLOSED && balance != 0))
		return TB_STATE;
	if (!(st = db_stmt(db, &q_acc_set_state)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, tb_state_name(state), -1);
	db_bind_text(st, 4, reason ? reason : "", -1);
	db_bind_int(st, 5, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int tb_setting(struct db *db, int64_t community_id, int64_t *cap, int64_t *accounts)
{
	struct db_stmt *st = db_stmt(db, &q_setting);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int rc = db_step(st);
	*cap = rc == DB_ROW ? db_col_int(st, 0) : TB_CAP_DEFAULT;
	*accounts = rc == DB_ROW ? db_col_int(st, 1) : 0;
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}
