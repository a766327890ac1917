/* SQL for users, grants, sessions and password-check throttling. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"

static struct db_query q_user_add =
    DB_QUERY("INSERT INTO users (username, phone, display_name, pw_hash, created_at, pw_changed_at)"
             " VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
static struct db_query q_user_by_login =
    DB_QUERY("SELECT id, username, phone, display_name, pw_hash, must_change_password FROM users"
             " WHERE (username = ? OR phone = ?) AND disabled = 0 ORDER BY id LIMIT 1");
static struct db_query q_user_by_id = DB_QUERY(
    "SELECT id, username, phone, display_name, pw_hash, must_change_password FROM users WHERE id = ? AND disabled = 0");
static struct db_query q_user_set_pw =
    DB_QUERY("UPDATE users SET pw_hash = ?, pw_changed_at = ?, must_change_password = 0 WHERE id = ?");
static struct db_query q_user_reset_pw = DB_QUERY(
    "UPDATE users SET pw_hash = ?, pw_changed_at = ?, must_change_password = 1 WHERE id = ? AND disabled = 0");
static struct db_query q_user_lock = DB_QUERY(
    "SELECT id, username, phone, display_name, pw_hash, must_change_password, disabled FROM users WHERE id = ?"
    " @FOR_UPDATE@");
static struct db_query q_user_disable = DB_QUERY("UPDATE users SET disabled = ? WHERE id = ? AND disabled <> ?");
static struct db_query q_session_del_user = DB_QUERY("DELETE FROM session WHERE user_id = ?");
static struct db_query q_grant_del = DB_QUERY("DELETE FROM role_grant WHERE user_id = ? AND org_unit_id = ? AND role = ?");
static struct db_query q_grants =
    DB_QUERY("SELECT COALESCE(org_unit_id, 0), role FROM role_grant WHERE user_id = ? ORDER BY id");
static struct db_query q_grant_add =
    DB_QUERY("INSERT INTO role_grant (user_id, org_unit_id, role, granted_at) VALUES (?, ?, ?, ?)");
static struct db_query q_grant_exists = DB_QUERY(
    "SELECT COUNT(*) FROM role_grant WHERE user_id = ? AND COALESCE(org_unit_id, 0) = ? AND role = ?");
static struct db_query q_session_add = DB_QUERY(
    "INSERT INTO session (token_hash, user_id, created_at, last_seen_at, ip) VALUES (?, ?, ?, ?, ?)");
static struct db_query q_session_get =
    DB_QUERY("SELECT s.user_id, s.created_at, s.last_seen_at, u.username, u.phone, u.display_name"
             " FROM session s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.disabled = 0");
static struct db_query q_session_touch = DB_QUERY("UPDATE session SET last_seen_at = ? WHERE token_hash = ?");
static struct db_query q_session_del = DB_QUERY("DELETE FROM session WHERE token_hash = ?");
static struct db_query q_session_del_others =
    DB_QUERY("DELETE FROM session WHERE user_id = ? AND token_hash <> ?");
static struct db_query q_throttle_get =
    DB_QUERY("SELECT failures, window_start, locked_until FROM login_throttle WHERE key = ?");
/* A failure either starts a new window (the old one has passed) or adds to
 * the current one; reaching the limit locks the key and starts afresh. The
 * statement is portable; PostgreSQL cannot infer a type for "? + ?", so the
 * parameters carry casts (no-ops on SQLite). */
#define P_NOW "CAST(?2 AS BIGINT)"
#define P_LIMIT "CAST(?3 AS BIGINT)"
#define P_WINDOW "CAST(?4 AS BIGINT)"
#define P_LOCK "CAST(?5 AS BIGINT)"
#define THROTTLE_NEXT                                                                                        \
	"(CASE WHEN " P_NOW " - login_throttle.window_start > " P_WINDOW                                     \
	" THEN 1 ELSE login_throttle.failures + 1 END)"
static struct db_query q_throttle_fail = DB_QUERY(
    "INSERT INTO login_throttle (key, failures, window_start, locked_until)"
    " VALUES (?1, CASE WHEN " P_LIMIT " <= 1 THEN 0 ELSE 1 END, " P_NOW ", CASE WHEN " P_LIMIT
    " <= 1 THEN " P_NOW " + " P_LOCK " ELSE 0 END)"
    " ON CONFLICT (key) DO UPDATE SET"
    " failures = CASE WHEN " THROTTLE_NEXT " >= " P_LIMIT " THEN 0 ELSE " THROTTLE_NEXT " END,"
    " locked_until = CASE WHEN " THROTTLE_NEXT " >= " P_LIMIT " THEN " P_NOW " + " P_LOCK
    " ELSE login_throttle.locked_until END,"
    " window_start = CASE WHEN " THROTTLE_NEXT " >= " P_LIMIT " OR " P_NOW
    " - login_throttle.window_start > " P_WINDOW " THEN " P_NOW " ELSE login_throttle.window_start END");
static struct db_query q_throttle_del = DB_QUERY("DELETE FROM login_throttle WHERE key = ?");
/* An attempt on an account key ("acct:ID", or "name:TEXT" for a name no
 * account has). Its row reads: failures = attempts in a row not (yet) known
 * to have succeeded, window_start = when the last one was counted,
 * locked_until = when the next may start. The attempt is counted only when
 * the wait is over (the WHERE of the update; no row comes back otherwise),
 * in one statement, so concurrent attempts queue on the row lock and each
 * sees the count the one before it left. Failures older than the forget
 * period start the count again. Parameters: key, now, free attempts, first
 * delay, longest delay, forget period. */
#define A_NOW "CAST(?2 AS BIGINT)"
#define A_FREE "CAST(?3 AS BIGINT)"
#define A_BASE "CAST(?4 AS BIGINT)"
#define A_CAP "CAST(?5 AS BIGINT)"
#define A_FORGET "CAST(?6 AS BIGINT)"
#define A_NEXT                                                                                                   \
	"(CASE WHEN " A_NOW " - login_throttle.window_start > " A_FORGET " THEN 1 ELSE login_throttle.failures + 1 END)"
/* The wait after f failures in a row; the shift is capped before it can overflow. */
#define A_DELAY(f)                                                                                               \
	"(CASE WHEN " f " < " A_FREE " THEN 0 WHEN " f " - " A_FREE " >= 20 THEN " A_CAP " WHEN (" A_BASE           \
	" << CAST(" f " - " A_FREE " AS INTEGER)) >= " A_CAP " THEN " A_CAP " ELSE " A_BASE " << CAST(" f " - "     \
	A_FREE " AS INTEGER) END)"
static struct db_query q_throttle_attempt = DB_QUERY(
    "INSERT INTO login_throttle (key, failures, window_start, locked_until)"
    " VALUES (?1, 1, " A_NOW ", " A_NOW " + " A_DELAY("1") ")"
    " ON CONFLICT (key) DO UPDATE SET failures = " A_NEXT ", window_start = " A_NOW
    ", locked_until = " A_NOW " + " A_DELAY(A_NEXT) " WHERE login_throttle.locked_until <= " A_NOW
    " RETURNING failures");

int auth_user_add(struct db *db, const char *username, const char *phone, const char *display_name,
                  const char *pw_hash, int64_t now, int64_t *id)
{
	struct db_stmt *st = db_stmt(db, &q_user_add);
	if (!st)
		return -1;
	db_bind_text(st, 1, username, -1);
	db_bind_text(st, 2, phone, -1);
	db_bind_text(st, 3, display_name, -1);
	db_bind_text(st, 4, pw_hash, -1);
	db_bind_int(st, 5, now);
	db_bind_int(st, 6, now);
	int rc = db_one_int(st, id);
	return rc == 0 ? 0 : rc == DB_CONSTRAINT ? DB_CONSTRAINT : -1;
}

/* Fills u and *pw_hash from a row of (id, username, phone, display_name,
 * pw_hash, must_change_password). */
static void user_from_row(struct db_stmt *st, struct arena *a, struct auth_user *u, char **pw_hash)
{
	memset(u, 0, sizeof *u);
	u->id = db_col_int(st, 0);
	u->username = db_col_is_null(st, 1) ? NULL : db_col_dup(st, 1, a);
	u->phone = db_col_is_null(st, 2) ? NULL : db_col_dup(st, 2, a);
	u->display_name = db_col_dup(st, 3, a);
	if (pw_hash)
		*pw_hash = db_col_dup(st, 4, a);
	u->must_change_password = db_col_int(st, 5) != 0;
}

/* Steps st, a query of user_from_row's columns (then disabled, when
 * disabled is not NULL), and loads the grants. 0, 1 none, -1. */
static int user_lookup(struct db *db, struct arena *a, struct db_stmt *st, struct auth_user *u,
                       char **pw_hash, int *disabled)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		user_from_row(st, a, u, pw_hash);
		if (disabled)
			*disabled = db_col_int(st, 6) != 0;
	}
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	if (rc != DB_ROW || a->failed)
		return -1;
	return auth_grants_load(db, a, u);
}

int auth_user_by_login(struct db *db, struct arena *a, const char *login, struct auth_user *u, char **pw_hash)
{
	struct db_stmt *st = db_stmt(db, &q_user_by_login);
	if (!st)
		return -1;
	db_bind_text(st, 1, login, -1);
	db_bind_text(st, 2, login, -1);
	return user_lookup(db, a, st, u, pw_hash, NULL);
}

int auth_user_by_id(struct db *db, struct arena *a, int64_t id, struct auth_user *u, char **pw_hash)
{
	struct db_stmt *st = db_stmt(db, &q_user_by_id);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	return user_lookup(db, a, st, u, pw_hash, NULL);
}

int auth_user_set_password(struct db *db, int64_t user_id, const char *pw_hash, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_user_set_pw);
	if (!st)
		return -1;
	db_bind_text(st, 1, pw_hash, -1);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, user_id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static int delete_sessions(struct db *db, int64_t user_id)
{
	struct db_stmt *st = db_stmt(db, &q_session_del_user);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int auth_user_reset_password(struct db *db, int64_t user_id, const char *pw_hash, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_user_reset_pw);
	if (!st)
		return -1;
	db_bind_text(st, 1, pw_hash, -1);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, user_id);
	int rc = db_run_guarded(st);
	if (rc != 0)
		return rc;
	return delete_sessions(db, user_id);
}

int auth_user_lock(struct db *db, struct arena *a, int64_t user_id, struct auth_user *u, int *disabled)
{
	struct db_stmt *st = db_stmt(db, &q_user_lock);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	return user_lookup(db, a, st, u, NULL, disabled);
}

int auth_user_set_disabled(struct db *db, int64_t user_id, int disabled)
{
	struct db_stmt *st = db_stmt(db, &q_user_disable);
	if (!st)
		return -1;
	db_bind_int(st, 1, disabled ? 1 : 0);
	db_bind_int(st, 2, user_id);
	db_bind_int(st, 3, disabled ? 1 : 0);
	int rc = db_run_guarded(st);
	if (rc != 0 || !disabled)
		return rc;
	return delete_sessions(db, user_id);
}

int auth_grants_load(struct db *db, struct arena *a, struct auth_user *u)
{
	struct db_stmt *st = db_stmt(db, &q_grants);
	if (!st)
		return -1;
	db_bind_int(st, 1, u->id);
	size_t cap = 8;
	u->grants = arena_alloc(a, cap * sizeof *u->grants);
	u->ngrants = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int role = role_from_name(db_col_text(st, 1));
		if (role < 0)
			continue;
		if (u->ngrants == cap) {
			struct auth_grant *g = arena_alloc(a, 2 * cap * sizeof *g);
			if (!g)
				break;
			memcpy(g, u->grants, cap * sizeof *g);
			u->grants = g;
			cap *= 2;
		}
		if (!u->grants)
			break;
		u->grants[u->ngrants].unit_id = db_col_int(st, 0);
		u->grants[u->ngrants].role = (enum role)role;
		u->ngrants++;
	}
	db_reset(st);
	return rc == DB_DONE && !a->failed ? 0 : -1;
}

static struct db_query q_members = DB_QUERY(
    "SELECT u.id, u.display_name, g.granted_at FROM role_grant g JOIN users u ON u.id = g.user_id"
    " WHERE g.org_unit_id = ? AND g.role = ? AND u.disabled = 0 ORDER BY g.granted_at, u.id");

static void member_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct auth_member *m = slot;
	m->id = db_col_int(st, 0);
	m->display_name = db_col_dup(st, 1, a);
	m->granted_at = db_col_int(st, 2);
}

int auth_users_with_role(struct db *db, struct arena *a, int64_t unit_id, enum role role, struct auth_member **out,
			 size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_members);
	if (!st)
		return -1;
	db_bind_int(st, 1, unit_id);
	db_bind_text(st, 2, role_name(role), -1);
	return db_rows(st, a, sizeof **out, 1000, (void **)out, n, member_from_row);
}

int auth_grant_add(struct db *db, int64_t user_id, int64_t unit_id, enum role role, int64_t now)
{
	/* UNIQUE does not catch duplicates when org_unit_id is NULL, so ask first. */
	struct db_stmt *st = db_stmt(db, &q_grant_exists);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, unit_id);
	db_bind_text(st, 3, role_name(role), -1);
	int64_t count = 0;
	if (db_one_int(st, &count) != 0)
		return -1;
	if (count > 0)
		return DB_CONSTRAINT;
	st = db_stmt(db, &q_grant_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	if (unit_id)
		db_bind_int(st, 2, unit_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, role_name(role), -1);
	db_bind_int(st, 4, now);
	int rc = db_run(st);
	return rc == DB_DONE ? 0 : rc == DB_CONSTRAINT ? DB_CONSTRAINT : -1;
}

int auth_grant_remove(struct db *db, int64_t user_id, int64_t unit_id, enum role role)
{
	struct db_stmt *st = db_stmt(db, &q_grant_del);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, unit_id);
	db_bind_text(st, 3, role_name(role), -1);
	return db_run_guarded(st);
}

int auth_session_create(struct db *db, int64_t user_id, const char *ip, int64_t now, char token[TOKEN_TEXT])
{
	char hash[65];
	token_new(token);
	token_sha256_hex(token, strlen(token), hash);
	struct db_stmt *st = db_stmt(db, &q_session_add);
	if (!st)
		return -1;
	db_bind_text(st, 1, hash, 64);
	db_bind_int(st, 2, user_id);
	db_bind_int(st, 3, now);
	db_bind_int(st, 4, now);
	db_bind_text(st, 5, ip ? ip : "", -1);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int auth_session_resolve(struct db *db, struct arena *a, const char *token, int64_t now, struct auth_user *u)
{
	char hash[65];
	if (!token || strlen(token) != TOKEN_TEXT - 1)
		return 1;
	token_sha256_hex(token, strlen(token), hash);
	struct db_stmt *st = db_stmt(db, &q_session_get);
	if (!st)
		return -1;
	db_bind_text(st, 1, hash, 64);
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? 1 : -1;
	}
	memset(u, 0, sizeof *u);
	u->id = db_col_int(st, 0);
	int64_t created = db_col_int(st, 1), seen = db_col_int(st, 2);
	u->username = db_col_is_null(st, 3) ? NULL : db_col_dup(st, 3, a);
	u->phone = db_col_is_null(st, 4) ? NULL : db_col_dup(st, 4, a);
	u->display_name = db_col_dup(st, 5, a);
	db_reset(st);
	if (now - seen > AUTH_SESSION_IDLE || now - created > AUTH_SESSION_ABSOLUTE) {
		auth_session_delete(db, token);
		return 1;
	}
	if (now - seen >= AUTH_SESSION_TOUCH) {
		st = db_stmt(db, &q_session_touch);
		if (!st)
			return -1;
		db_bind_int(st, 1, now);
		db_bind_text(st, 2, hash, 64);
		if (db_run(st) != DB_DONE)
			return -1;
	}
	return auth_grants_load(db, a, u);
}

int auth_session_delete(struct db *db, const char *token)
{
	char hash[65];
	token_sha256_hex(token, strlen(token), hash);
	struct db_stmt *st = db_stmt(db, &q_session_del);
	if (!st)
		return -1;
	db_bind_text(st, 1, hash, 64);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int auth_session_delete_others(struct db *db, int64_t user_id, const char *keep_token)
{
	char hash[65] = "";
	if (keep_token)
		token_sha256_hex(keep_token, strlen(keep_token), hash);
	struct db_stmt *st = db_stmt(db, &q_session_del_others);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	db_bind_text(st, 2, hash, -1);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int auth_throttle_locked(struct db *db, const char *key, int64_t now, int64_t *until)
{
	struct db_stmt *st = db_stmt(db, &q_throttle_get);
	if (!st)
		return -1;
	db_bind_text(st, 1, key, -1);
	int rc = db_step(st);
	int locked = 0;
	if (rc == DB_ROW) {
		int64_t lu = db_col_int(st, 2);
		if (lu > now) {
			locked = 1;
			*until = lu;
		}
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? locked : -1;
}

int auth_throttle_fail(struct db *db, const char *key, int limit, int64_t now)
{
	/* One statement, so that concurrent failures from several server
	 * processes are all counted (PostgreSQL runs it at READ COMMITTED, where
	 * a read-then-write would lose updates). Parameters: key, now, limit,
	 * window, lock seconds. */
	struct db_stmt *st = db_stmt(db, &q_throttle_fail);
	if (!st)
		return -1;
	db_bind_text(st, 1, key, -1);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, limit);
	db_bind_int(st, 4, AUTH_THROTTLE_WINDOW);
	db_bind_int(st, 5, AUTH_THROTTLE_LOCK);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int auth_throttle_clear(struct db *db, const char *key)
{
	struct db_stmt *st = db_stmt(db, &q_throttle_del);
	if (!st)
		return -1;
	db_bind_text(st, 1, key, -1);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int auth_throttle_attempt(struct db *db, const char *key, int64_t now, int64_t delay, int64_t *until)
{
	struct db_stmt *st = db_stmt(db, &q_throttle_attempt);
	if (!st)
		return -1;
	db_bind_text(st, 1, key, -1);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, AUTH_THROTTLE_FREE);
	db_bind_int(st, 4, delay > 0 ? delay : AUTH_THROTTLE_DELAY);
	db_bind_int(st, 5, AUTH_THROTTLE_DELAY_MAX > delay ? AUTH_THROTTLE_DELAY_MAX : delay);
	db_bind_int(st, 6, AUTH_THROTTLE_FORGET);
	int64_t failures;
	int rc = db_one_int(st, &failures);
	if (rc == 0)
		return 0;
	if (rc != 1)
		return -1;
	/* Not counted: the wait is not over. Read until when, for the message. */
	rc = auth_throttle_locked(db, key, now, until);
	if (rc == 0) /* the wait ended in between: ask the visitor to try again now */
		*until = now;
	return rc < 0 ? -1 : 1;
}

#define TERM_COLS                                                                                                  \
	"t.id, t.user_id, u.display_name, u.phone, t.appointed_on, t.term_end, t.ended_on, t.end_reason"
static struct db_query q_terms =
    DB_QUERY("SELECT " TERM_COLS " FROM supervisor_term t JOIN users u ON u.id = t.user_id WHERE t.community_id = ?"
	     " ORDER BY CASE WHEN t.ended_on IS NULL THEN 0 ELSE 1 END, CASE WHEN t.ended_on IS NULL THEN t.appointed_on"
	     " ELSE '' END, t.ended_on DESC, t.id DESC");
static struct db_query q_term_serving =
    DB_QUERY("SELECT " TERM_COLS " FROM supervisor_term t JOIN users u ON u.id = t.user_id"
	     " WHERE t.community_id = ? AND t.user_id = ? AND t.ended_on IS NULL ORDER BY t.id LIMIT 1");
static struct db_query q_term_lock = DB_QUERY(
    "SELECT 1 FROM supervisor_term WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_term_get = DB_QUERY("SELECT " TERM_COLS
					     " FROM supervisor_term t JOIN users u ON u.id = t.user_id"
					     " WHERE t.community_id = ? AND t.id = ?");
static struct db_query q_term_add =
    DB_QUERY("INSERT INTO supervisor_term (community_id, id, user_id, appointed_on, term_end, created_at)"
	     " VALUES (?, ?, ?, ?, ?, ?)");
static struct db_query q_term_end =
    DB_QUERY("UPDATE supervisor_term SET ended_on = ?, end_reason = ?, ended_at = ?"
	     " WHERE community_id = ? AND id = ? AND ended_on IS NULL");

static void term_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct auth_supervisor_term *t = slot;
	t->id = db_col_int(st, 0);
	t->user_id = db_col_int(st, 1);
	t->display_name = db_col_dup(st, 2, a);
	t->phone = db_col_is_null(st, 3) ? NULL : db_col_dup(st, 3, a);
	t->appointed_on = db_col_dup(st, 4, a);
	t->term_end = db_col_dup(st, 5, a);
	t->ended_on = db_col_is_null(st, 6) ? NULL : db_col_dup(st, 6, a);
	t->end_reason = db_col_dup(st, 7, a);
}

int auth_supervisor_terms(struct db *db, struct arena *a, int64_t community_id, struct auth_supervisor_term **out,
			  size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_terms);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_rows(st, a, sizeof **out, 1000, (void **)out, n, term_from_row);
}

/* The public page's projection: who serves since when and until when,
 * nothing else of the account (no name, no phone). */
static struct db_query q_terms_public =
    DB_QUERY("SELECT user_id, appointed_on, term_end FROM supervisor_term"
	     " WHERE community_id = ? AND ended_on IS NULL ORDER BY id");

static void public_term_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct auth_supervisor_term *t = slot;
	*t = (struct auth_supervisor_term){.user_id = db_col_int(st, 0), .end_reason = ""};
	t->appointed_on = db_col_dup(st, 1, a);
	t->term_end = db_col_dup(st, 2, a);
}

int auth_supervisor_terms_public(struct db *db, struct arena *a, int64_t community_id,
				 struct auth_supervisor_term **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_terms_public);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_rows(st, a, sizeof **out, 1000, (void **)out, n, public_term_from_row);
}

int auth_supervisor_serving(struct db *db, struct arena *a, int64_t community_id, int64_t user_id,
			    struct auth_supervisor_term *t)
{
	struct db_stmt *st = db_stmt(db, &q_term_serving);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, user_id);
	return db_row(st, a, t, term_from_row);
}

int auth_supervisor_appoint(struct db *db, int64_t community_id, int64_t user_id, const char *appointed_on,
			    const char *term_end, int64_t now, int64_t *id)
{
	if (db_next_id(db, community_id, "supervisor_term", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_term_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	db_bind_int(st, 3, user_id);
	db_bind_text(st, 4, appointed_on, -1);
	db_bind_text(st, 5, term_end, -1);
	db_bind_int(st, 6, now);
	if (db_run(st) != DB_DONE)
		return -1;
	int rc = auth_grant_add(db, user_id, community_id, ROLE_SUPERVISOR, now);
	return rc == 0 || rc == DB_CONSTRAINT ? 0 : -1;
}

int auth_supervisor_term_lock(struct db *db, struct arena *a, int64_t community_id, int64_t id,
			      struct auth_supervisor_term *t)
{
	int rc = db_lock_row(db, &q_term_lock, community_id, id);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_term_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_row(st, a, t, term_from_row);
}

int auth_supervisor_end(struct db *db, int64_t community_id, int64_t id, int64_t user_id, const char *ended_on,
			const char *reason, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_term_end);
	if (!st)
		return -1;
	db_bind_text(st, 1, ended_on, -1);
	db_bind_text(st, 2, reason, -1);
	db_bind_int(st, 3, now);
	db_bind_int(st, 4, community_id);
	db_bind_int(st, 5, id);
	int rc = db_run_guarded(st);
	if (rc != 0)
		return rc;
	return auth_grant_remove(db, user_id, community_id, ROLE_SUPERVISOR) < 0 ? -1 : 0;
}
