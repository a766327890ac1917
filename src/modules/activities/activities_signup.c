/* The sign-up rule and its SQL. Every step that decides on places runs
 * under the activity row's lock (@FOR_UPDATE@ on PostgreSQL; the one writer
 * of SQLite), reads the counters kept in that row, writes the sign-up and
 * the counters, all in the caller's transaction: so of any number of
 * server processes signing up at once, arrival numbers are 1, 2, 3 ...
 * without gap or repeat, the first `capacity` of them hold the places and
 * the rest wait in arrival order; a freed place goes to the lowest
 * waitlisted arrival in the transaction that frees it. */
#include <stdio.h>
#include <string.h>

#include "modules/activities/activities_internal.h"
#include "pii/pii.h"

static struct db_query q_rule = DB_QUERY(
    "SELECT state, signup_closes_at, starts_at, capacity, confirmed, waitlisted, next_arrival, ends_at"
    " FROM activities_activity WHERE community_id = ? AND id = ?");
static struct db_query q_live = DB_QUERY(
    "SELECT 1 FROM activities_signup WHERE community_id = ? AND activity_id = ? AND user_id = ?"
    " AND state <> 'cancelled'");
static struct db_query q_insert = DB_QUERY(
    "INSERT INTO activities_signup (community_id, activity_id, id, arrival, user_id, name, name_masked,"
    " phone_sealed, phone_masked, needs_call, by_user, state, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_counters = DB_QUERY(
    "UPDATE activities_activity SET confirmed = confirmed + ?3, waitlisted = waitlisted + ?4,"
    " needs_call = needs_call + ?5, next_arrival = next_arrival + ?6, attended = attended + ?7"
    " WHERE community_id = ?1 AND id = ?2");
static struct db_query q_one_state = DB_QUERY(
    "SELECT state, needs_call, user_id, attended_at IS NOT NULL FROM activities_signup"
    " WHERE community_id = ? AND activity_id = ? AND id = ?");
static struct db_query q_cancel = DB_QUERY(
    "UPDATE activities_signup SET state = 'cancelled', cancelled_at = ?"
    " WHERE community_id = ? AND activity_id = ? AND id = ? AND state = ?");
static struct db_query q_first_waiting = DB_QUERY(
    "SELECT id, needs_call FROM activities_signup WHERE community_id = ? AND activity_id = ? AND state = 'waitlisted'"
    " ORDER BY arrival LIMIT 1");
static struct db_query q_promote = DB_QUERY(
    "UPDATE activities_signup SET state = 'confirmed', promoted_at = ?"
    " WHERE community_id = ? AND activity_id = ? AND id = ? AND state = 'waitlisted'");
static struct db_query q_wait_pos = DB_QUERY(
    "SELECT COUNT(*) FROM activities_signup WHERE community_id = ? AND activity_id = ? AND state = 'waitlisted'"
    " AND arrival <= ?");
static struct db_query q_wait_positions = DB_QUERY(
    "SELECT s.activity_id, COUNT(w.id) FROM activities_signup s JOIN activities_signup w"
    " ON w.community_id = s.community_id AND w.activity_id = s.activity_id AND w.state = 'waitlisted'"
    " AND w.arrival <= s.arrival"
    " WHERE s.user_id = ? AND s.community_id = ? AND s.state = 'waitlisted' GROUP BY s.activity_id");
static struct db_query q_check_in = DB_QUERY(
    "UPDATE activities_signup SET attended_at = ? WHERE community_id = ? AND activity_id = ? AND id = ?"
    " AND state = 'confirmed' AND attended_at IS NULL");

#define SIGNUP_COLS                                                                                         \
	"SELECT s.id, s.activity_id, s.arrival, s.user_id, s.by_user, s.name, s.name_masked, s.phone_masked,"  \
	" s.state, s.needs_call, s.created_at, s.cancelled_at, s.promoted_at, s.attended_at, s.phone_sealed"
static struct db_query q_mine_one = DB_QUERY(
    SIGNUP_COLS " FROM activities_signup s WHERE s.community_id = ? AND s.activity_id = ? AND s.user_id = ?"
                " ORDER BY s.state = 'cancelled', s.arrival DESC LIMIT 1");
static struct db_query q_list_live = DB_QUERY(
    SIGNUP_COLS " FROM activities_signup s WHERE s.community_id = ? AND s.activity_id = ?"
                " AND s.state IN ('confirmed', 'waitlisted') ORDER BY s.state, s.arrival LIMIT ? OFFSET ?");
static struct db_query q_list_state = DB_QUERY(
    SIGNUP_COLS " FROM activities_signup s WHERE s.community_id = ? AND s.activity_id = ? AND s.state = ?"
                " ORDER BY s.arrival LIMIT ? OFFSET ?");
static struct db_query q_list_all = DB_QUERY(
    SIGNUP_COLS " FROM activities_signup s WHERE s.community_id = ? AND s.activity_id = ?"
                " ORDER BY s.arrival LIMIT ? OFFSET ?");
static struct db_query q_mine = DB_QUERY(
    SIGNUP_COLS ", a.id, a.kind, a.title, a.place, a.state, a.starts_at, a.ends_at, a.signup_closes_at,"
                " a.capacity, a.confirmed, a.waitlisted, a.cancel_reason"
                " FROM activities_signup s JOIN activities_activity a"
                " ON a.community_id = s.community_id AND a.id = s.activity_id"
                " WHERE s.user_id = ? AND s.community_id = ? AND s.state <> 'cancelled' AND a.ends_at > ?"
                " ORDER BY a.starts_at, a.id LIMIT ?");

static struct db_query q_calls = DB_QUERY(
    SIGNUP_COLS ", a.id, a.kind, a.title, a.place, a.state, a.starts_at, a.ends_at, a.signup_closes_at,"
                " a.capacity, a.confirmed, a.waitlisted, a.cancel_reason"
                " FROM activities_activity a JOIN activities_signup s"
                " ON s.community_id = a.community_id AND s.activity_id = a.id"
                " WHERE a.community_id = ? AND a.state = 'published' AND a.starts_at >= ? AND a.starts_at < ?"
                " AND a.needs_call > 0 AND s.needs_call = 1 AND s.state <> 'cancelled'"
                " ORDER BY a.starts_at, a.id, s.arrival LIMIT ?");

/* Adds to the activity's counters. 0 or -1. */
static int counters(struct db *db, int64_t community_id, int64_t aid, int64_t confirmed, int64_t waitlisted,
		    int64_t needs_call, int64_t arrivals, int64_t attended)
{
	struct db_stmt *st = db_stmt(db, &q_counters);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, aid);
	db_bind_int(st, 3, confirmed);
	db_bind_int(st, 4, waitlisted);
	db_bind_int(st, 5, needs_call);
	db_bind_int(st, 6, arrivals);
	db_bind_int(st, 7, attended);
	return db_run_guarded(st) == 0 ? 0 : -1;
}

struct rule {
	char state[16];
	int64_t closes, starts, capacity, confirmed, waitlisted, next_arrival, ends;
};

/* Reads what the rule decides on, the row locked first. 0, ACT_NOT_FOUND or -1. */
static int read_rule(struct db *db, int64_t community_id, int64_t aid, struct rule *r)
{
	int rc = act_lock(db, community_id, aid);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_rule);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, aid);
	rc = db_step(st);
	if (rc == DB_ROW) {
		const char *s = db_col_text(st, 0);
		snprintf(r->state, sizeof r->state, "%s", s ? s : "");
		r->closes = db_col_int(st, 1);
		r->starts = db_col_int(st, 2);
		r->capacity = db_col_int(st, 3);
		r->confirmed = db_col_int(st, 4);
		r->waitlisted = db_col_int(st, 5);
		r->next_arrival = db_col_int(st, 6);
		r->ends = db_col_int(st, 7);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? ACT_NOT_FOUND : -1;
}

int act_signup_add(struct db *db, struct arena *a, int64_t community_id, int64_t aid, const struct act_signup_new *s,
		   int64_t now, struct act_signup_done *done)
{
	struct rule r;
	int rc = read_rule(db, community_id, aid, &r);
	if (rc)
		return rc;
	if (strcmp(r.state, "published"))
		return ACT_NOT_OPEN;
	if (now >= r.starts)
		return ACT_STARTED;
	if (now >= r.closes)
		return ACT_CLOSED;
	struct db_stmt *st;
	if (s->user_id) {
		if (!(st = db_stmt(db, &q_live)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, aid);
		db_bind_int(st, 3, s->user_id);
		int64_t one;
		rc = db_one_int(st, &one);
		if (rc == 0)
			return ACT_DUPLICATE;
		if (rc != 1)
			return -1;
	}
	int64_t id;
	if (db_next_id(db, community_id, "activities_signup", &id) < 0)
		return -1;
	int confirmed = r.capacity == 0 || r.confirmed < r.capacity;
	const char *phone = s->phone ? s->phone : "";
	const char *nm = pii_mask_name(a, s->name), *pm = pii_mask_phone(a, phone);
	if (!nm || !pm || !(st = db_stmt(db, &q_insert)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, aid);
	db_bind_int(st, 3, id);
	db_bind_int(st, 4, r.next_arrival);
	db_bind_int_or_null(st, 5, s->user_id);
	db_bind_text(st, 6, s->name, -1);
	db_bind_text(st, 7, nm, -1);
	if (pii_bind_sealed(st, 8, a, phone) < 0) {
		db_reset(st);
		return -1;
	}
	db_bind_text(st, 9, pm, -1);
	db_bind_int(st, 10, s->needs_call ? 1 : 0);
	db_bind_int_or_null(st, 11, s->by_user);
	db_bind_text(st, 12, confirmed ? "confirmed" : "waitlisted", -1);
	db_bind_int(st, 13, now);
	rc = db_run(st);
	if (rc == DB_CONSTRAINT && s->user_id)
		return ACT_DUPLICATE;
	if (rc != DB_DONE)
		return -1;
	if (counters(db, community_id, aid, confirmed, !confirmed, s->needs_call ? 1 : 0, 1, 0) < 0)
		return -1;
	done->id = id;
	done->arrival = r.next_arrival;
	done->confirmed = confirmed;
	return 0;
}

int act_fill_places(struct db *db, int64_t community_id, int64_t aid, int64_t now, int64_t *n)
{
	struct rule r;
	int rc = read_rule(db, community_id, aid, &r);
	if (n)
		*n = 0;
	if (rc)
		return rc == ACT_NOT_FOUND ? 0 : -1;
	while (r.waitlisted > 0 && (r.capacity == 0 || r.confirmed < r.capacity)) {
		struct db_stmt *st = db_stmt(db, &q_first_waiting);
		if (!st)
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, aid);
		rc = db_step(st);
		int64_t sid = rc == DB_ROW ? db_col_int(st, 0) : 0;
		db_reset(st);
		if (rc != DB_ROW)
			return -1; /* the counters say someone waits: they must agree with the rows */
		if (!(st = db_stmt(db, &q_promote)))
			return -1;
		db_bind_int(st, 1, now);
		db_bind_int(st, 2, community_id);
		db_bind_int(st, 3, aid);
		db_bind_int(st, 4, sid);
		if (db_run_guarded(st) != 0 || counters(db, community_id, aid, 1, -1, 0, 0, 0) < 0)
			return -1;
		r.confirmed++;
		r.waitlisted--;
		if (n)
			++*n;
	}
	return 0;
}

int act_signup_cancel(struct db *db, int64_t community_id, int64_t aid, int64_t sid, int64_t user_id, int64_t now,
		      int64_t *promoted)
{
	*promoted = 0;
	int rc = act_lock(db, community_id, aid);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_one_state);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, aid);
	db_bind_int(st, 3, sid);
	char state[16] = "";
	int needs_call = 0, attended = 0;
	int64_t owner = 0;
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(state, sizeof state, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
		needs_call = (int)db_col_int(st, 1);
		owner = db_col_int(st, 2);
		attended = db_col_int(st, 3) != 0;
	}
	db_reset(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ACT_NOT_FOUND : -1;
	if (user_id && owner != user_id)
		return ACT_NOT_FOUND;
	if (!strcmp(state, "cancelled"))
		return ACT_GONE;
	if (attended)
		return ACT_ATTENDED;
	if (!(st = db_stmt(db, &q_cancel)))
		return -1;
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, community_id);
	db_bind_int(st, 3, aid);
	db_bind_int(st, 4, sid);
	db_bind_text(st, 5, state, -1);
	rc = db_run_guarded(st);
	if (rc)
		return rc == 1 ? ACT_GONE : -1;
	int was_confirmed = !strcmp(state, "confirmed");
	if (counters(db, community_id, aid, -was_confirmed, -!was_confirmed, -needs_call, 0, 0) < 0)
		return -1;
	if (!was_confirmed)
		return 0;
	/* The place freed goes to the first in line, in this transaction. */
	if (!(st = db_stmt(db, &q_first_waiting)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, aid);
	rc = db_step(st);
	int64_t first = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc == DB_ERR)
		return -1;
	int64_t n;
	if (act_fill_places(db, community_id, aid, now, &n) < 0)
		return -1;
	*promoted = n ? first : 0;
	return 0;
}

static void signup_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct act_signup *s = slot;
	s->id = db_col_int(st, 0);
	s->activity_id = db_col_int(st, 1);
	s->arrival = db_col_int(st, 2);
	s->user_id = db_col_int(st, 3);
	s->by_user = db_col_int(st, 4);
	s->name = db_col_dup(st, 5, a);
	s->name_masked = db_col_dup(st, 6, a);
	s->phone_masked = db_col_dup(st, 7, a);
	s->state = db_col_dup(st, 8, a);
	s->needs_call = (int)db_col_int(st, 9);
	s->created_at = db_col_int(st, 10);
	s->cancelled_at = db_col_int(st, 11);
	s->promoted_at = db_col_int(st, 12);
	s->attended_at = db_col_int(st, 13);
	s->phone = NULL;
}

/* The same, with the phone opened (NULL when it does not open). */
static void signup_fill_open(struct db_stmt *st, struct arena *a, void *slot)
{
	signup_fill(st, a, slot);
	struct act_signup *s = slot;
	s->phone = pii_col_opened(st, 14, a);
}

int act_signup_mine(struct db *db, struct arena *a, int64_t community_id, int64_t aid, int64_t user_id,
		    struct act_signup *out)
{
	struct db_stmt *st = db_stmt(db, &q_mine_one);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, aid);
	db_bind_int(st, 3, user_id);
	int rc = db_row(st, a, out, signup_fill);
	return rc == 1 ? ACT_NOT_FOUND : rc;
}

int act_wait_position(struct db *db, int64_t community_id, int64_t aid, int64_t arrival, int64_t *pos)
{
	struct db_stmt *st = db_stmt(db, &q_wait_pos);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, aid);
	db_bind_int(st, 3, arrival);
	return db_one_int(st, pos) == 0 ? 0 : -1;
}

int act_wait_positions(struct db *db, int64_t community_id, int64_t user_id, struct act_mine *m, size_t n,
		       int64_t *pos)
{
	struct db_stmt *st = db_stmt(db, &q_wait_positions);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, community_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t aid = db_col_int(st, 0), p = db_col_int(st, 1);
		for (size_t i = 0; i < n; i++)
			if (m[i].act.id == aid)
				pos[i] = p;
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

int act_signups(struct db *db, struct arena *a, int64_t community_id, int64_t aid, const char *state,
		int open_phones, int64_t offset, int64_t limit, struct act_signup **out, size_t *n)
{
	int all = state && !strcmp(state, "all");
	struct db_stmt *st = db_stmt(db, all ? &q_list_all : state ? &q_list_state : &q_list_live);
	if (!st)
		return -1;
	int i = 1;
	db_bind_int(st, i++, community_id);
	db_bind_int(st, i++, aid);
	if (state && !all)
		db_bind_text(st, i++, state, -1);
	db_bind_int(st, i++, limit);
	db_bind_int(st, i, offset);
	if (db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, open_phones ? signup_fill_open : signup_fill) <
	    0)
		return -1;
	for (size_t k = 0; open_phones && k < *n; k++)
		if (!(*out)[k].phone)
			return -1;
	return 0;
}

static void mine_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct act_mine *m = slot;
	signup_fill(st, a, &m->s);
	m->act.id = db_col_int(st, 15);
	m->act.kind = db_col_dup(st, 16, a);
	m->act.title = db_col_dup(st, 17, a);
	m->act.place = db_col_dup(st, 18, a);
	m->act.state = db_col_dup(st, 19, a);
	m->act.starts_at = db_col_int(st, 20);
	m->act.ends_at = db_col_int(st, 21);
	m->act.signup_closes_at = db_col_int(st, 22);
	m->act.capacity = db_col_int(st, 23);
	m->act.confirmed = db_col_int(st, 24);
	m->act.waitlisted = db_col_int(st, 25);
	m->cancel_reason = db_col_dup(st, 26, a);
}

static void call_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	mine_fill(st, a, slot);
	struct act_mine *m = slot;
	m->s.phone = pii_col_opened(st, 14, a);
}

int act_calls(struct db *db, struct arena *a, int64_t community_id, int64_t from, int64_t to, int64_t limit,
	      struct act_mine **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_calls);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, from);
	db_bind_int(st, 3, to);
	db_bind_int(st, 4, limit);
	if (db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, call_fill) < 0)
		return -1;
	for (size_t k = 0; k < *n; k++)
		if (!(*out)[k].s.phone)
			return -1;
	return 0;
}

int act_mine(struct db *db, struct arena *a, int64_t community_id, int64_t user_id, int64_t after, int64_t limit,
	     struct act_mine **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_mine);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, community_id);
	db_bind_int(st, 3, after);
	db_bind_int(st, 4, limit);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, mine_fill);
}

int act_check_in(struct db *db, int64_t community_id, int64_t aid, int64_t sid, int64_t now, int *changed)
{
	*changed = 0;
	struct rule rule;
	int rc = read_rule(db, community_id, aid, &rule);
	if (rc)
		return rc;
	if (strcmp(rule.state, "published"))
		return ACT_NOT_OPEN;
	if (now < rule.starts - ACT_CHECK_IN_EARLY || now > rule.ends + ACT_CHECK_IN_LATE)
		return ACT_NOT_NOW;
	struct db_stmt *st = db_stmt(db, &q_check_in);
	if (!st)
		return -1;
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, community_id);
	db_bind_int(st, 3, aid);
	db_bind_int(st, 4, sid);
	rc = db_run_guarded(st);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		/* Checked in already (harmless), or not a confirmed sign-up. */
		if (!(st = db_stmt(db, &q_one_state)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, aid);
		db_bind_int(st, 3, sid);
		rc = db_step(st);
		int ok = rc == DB_ROW && db_col_text(st, 0) && !strcmp(db_col_text(st, 0), "confirmed");
		db_reset(st);
		return rc == DB_ERR ? -1 : ok ? 0 : ACT_NOT_FOUND;
	}
	*changed = 1;
	return counters(db, community_id, aid, 0, 0, 0, 0, 1);
}
