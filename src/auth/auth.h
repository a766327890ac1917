/* Accounts: users, passwords, sessions, roles, login throttling.
 * Pure parts (roles.c, password.c) know nothing of SQL; auth_store.c holds the SQL. */
#ifndef SHEQU_AUTH_AUTH_H
#define SHEQU_AUTH_AUTH_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/token.h"
#include "db/db.h"

enum role {
	ROLE_RESIDENT,
	ROLE_STAFF,	      /* 社区干部 */
	ROLE_SUPERVISOR,      /* 监督员 */
	ROLE_STREET_ADMIN,    /* 街道管理员 */
	ROLE_DISTRICT_ADMIN,  /* 区管理员 */
	ROLE_SYSTEM_ADMIN,    /* 系统管理员 */
	ROLE__MAX
};
#define ROLE_BIT(r) (1u << (r))
/* Roles that may run a community: its own staff and the admins above it. */
#define ROLES_STAFF                                                                                        \
	(ROLE_BIT(ROLE_STAFF) | ROLE_BIT(ROLE_STREET_ADMIN) | ROLE_BIT(ROLE_DISTRICT_ADMIN) |            \
	 ROLE_BIT(ROLE_SYSTEM_ADMIN))
/* Roles that oversee several communities. */
#define ROLES_ADMIN (ROLE_BIT(ROLE_STREET_ADMIN) | ROLE_BIT(ROLE_DISTRICT_ADMIN) | ROLE_BIT(ROLE_SYSTEM_ADMIN))

/* A role held at an org unit (unit 0: everywhere, for system_admin). */
struct auth_grant {
	int64_t unit_id;
	enum role role;
};

struct auth_user {
	int64_t id;
	const char *username, *phone, *display_name;
	struct auth_grant *grants;
	size_t ngrants;
	int must_change_password; /* set by a reset: choose a new password at sign-in */
};

#define AUTH_SESSION_IDLE (2 * 3600)	   /* idle timeout, seconds */
#define AUTH_SESSION_ABSOLUTE (12 * 3600) /* absolute timeout, seconds */
#define AUTH_SESSION_TOUCH 60		   /* last_seen is written at most this often */
/* Password checks are throttled per account and per client address. An
 * account's first AUTH_THROTTLE_FREE attempts in a row go ahead at once; after
 * that each attempt must wait, AUTH_THROTTLE_DELAY seconds after the fifth
 * failure and twice as long after each further one, up to
 * AUTH_THROTTLE_DELAY_MAX: an attacker gets few guesses, and the owner is
 * never locked out for longer than that. An address is locked for
 * AUTH_THROTTLE_LOCK once it has AUTH_THROTTLE_IP_FAILS failures in
 * AUTH_THROTTLE_WINDOW. */
#define AUTH_THROTTLE_FREE 5
#define AUTH_THROTTLE_DELAY 60
#define AUTH_THROTTLE_DELAY_MAX (15 * 60)
#define AUTH_THROTTLE_FORGET (24 * 3600) /* an account's failures are forgotten after a quiet day */
#define AUTH_THROTTLE_WINDOW (15 * 60)
#define AUTH_THROTTLE_IP_FAILS 20
#define AUTH_THROTTLE_LOCK (15 * 60)
#define AUTH_PASSWORD_MIN 10
#define AUTH_PASSWORD_MAX 128

/* roles.c */
/* A role a module adds, e.g. {"grid_worker", "网格员"}: stored and granted
 * like the core's (`shequ user grant`), held at an org unit and below. */
struct role_def {
	const char *name;  /* lower-case ASCII letters and _, unique */
	const char *label; /* Chinese, shown to users */
	/* Where its holders who are not staff land after signing in, under
	 * their community ("/admin/workorders/?mine=1&open=1"): the page of
	 * their work, since the staff workbench is not theirs. NULL: the
	 * community's home page. */
	const char *home;
};
#define ROLE_LIMIT 32 /* roles fit one unsigned mask */
/* Adds roles after the core's (and earlier registrations), numbered from
 * ROLE__MAX on; defs ends with a NULL name. Call at startup before any
 * thread (app_register). Registering a table again is a no-op. 0, or -1
 * when a name is malformed or taken or there would be more than ROLE_LIMIT. */
int role_register(const struct role_def *defs);
/* Number of roles known: the core's and the registered ones. */
int role_count(void);
/* The ROLE_BIT of the role named s, or 0 when there is none. */
unsigned role_bit(const char *name);
/* The role's identifier as stored ("street_admin"), or NULL for an invalid role. */
const char *role_name(enum role r);
/* The landing path of a role a module added (role_def.home), or NULL
 * (the core's roles, and module roles without one). */
const char *role_home(enum role r);
/* The role's Chinese label ("街道管理员"). */
const char *role_label(enum role r);
/* The role named s, or -1. */
int role_from_name(const char *s);
/* Roles in force at a unit, given the unit's chain of ids from itself up to
 * the top (community, street, district): a grant at any unit of the chain,
 * or a system-wide grant, applies. A bit mask of ROLE_BIT. */
unsigned auth_roles_at(const struct auth_grant *g, size_t n, const int64_t *chain, size_t nchain);
/* The widest unit at which the user holds an admin role: 0 for a system
 * admin (everywhere), else a district or street id; -1 if none. */
int64_t auth_admin_scope(const struct auth_user *u);
/* Every role the user holds anywhere, as a mask. */
unsigned auth_roles_anywhere(const struct auth_grant *g, size_t n);

/* password.c */
/* Hashes pw with Argon2id into out (crypto_pwhash_STRBYTES = 128 bytes). 0 or -1. */
int auth_password_hash(const char *pw, char out[128]);
/* 1 if pw matches the stored hash, else 0. */
int auth_password_verify(const char *hash, const char *pw);
/* Spends the time of one verification against a hash no password matches;
 * used when the account does not exist. Always 0. */
int auth_password_verify_dummy(const char *pw);
/* How many Argon2 hashes and verifications this process has run (tests
 * use it to prove a throttled attempt was not hashed). */
long auth_password_hashes(void);
/* NULL if pw is acceptable as a new password for the account with this
 * username and phone (either may be NULL), else the reason in Chinese:
 * fewer than AUTH_PASSWORD_MIN characters (code points, not bytes), more
 * than AUTH_PASSWORD_MAX, contains the username (any case) or the phone,
 * made of fewer than four different characters, mostly a repeated piece or
 * a run of consecutive digits or letters (by its letters and digits, with
 * spaces, dashes and full-width forms disregarded), or a common password
 * (tools/common_passwords.py; compared lower-cased, without trailing
 * punctuation). */
const char *auth_password_problem(const char *pw, const char *username, const char *phone);

/* auth_check.c: the one way a password is checked */
struct auth_attempt {
	const char *login;    /* the typed user name or mobile number, or NULL when user_id is set */
	int64_t user_id;      /* the signed-in account checked again (password change, cosigning) */
	const char *password;
	const char *ip;	      /* the client address */
	int64_t now;
	int64_t delay;	      /* first wait in seconds; 0: AUTH_THROTTLE_DELAY */
	const char *device;   /* a device id the browser proved it signed in from before, or NULL */
	int64_t device_user;  /* ...to this account */
};
enum auth_verdict {
	AUTH_OK,    /* the password is right: *u is the account, its failures forgotten */
	AUTH_WRONG, /* wrong password or no such account: counted on the account and the address */
	AUTH_WAIT,  /* too many failures: not even hashed; try again at *retry_at */
};
/* Resolves the account first (user name or phone alias, or the id), so that
 * every name of an account shares its count, then throttles on the account
 * and the client address before hashing. From a device that signed in to
 * the account before, the count is the device's own ("dev:ID"), so that
 * strangers' guesses cannot keep the owner waiting. An attempt is counted as a failure
 * before the hash runs (one UPSERT, so concurrent attempts from several
 * processes cannot slip past the count) and forgotten when it succeeds. An
 * unknown name costs one dummy hash, is counted on the address and under its
 * own name, and answers exactly as a wrong password does. Returns an
 * enum auth_verdict, or -1 on a database error. */
int auth_check_password(struct db *db, struct arena *a, const struct auth_attempt *at, struct auth_user *u,
			int64_t *retry_at);

/* auth_store.c: users */
/* Adds a user; username or phone may be NULL (not both). 0, DB_CONSTRAINT if
 * the username or phone is taken, or -1. Runs inside the caller's transaction. */
int auth_user_add(struct db *db, const char *username, const char *phone, const char *display_name,
		  const char *pw_hash, int64_t now, int64_t *id);
/* Finds an enabled user by username or mobile number. 0 found (with the
 * password hash copied into *pw_hash), 1 not found, -1 error. */
int auth_user_by_login(struct db *db, struct arena *a, const char *login, struct auth_user *u, char **pw_hash);
/* Finds a user by id (grants loaded). 0, 1 not found, -1. */
int auth_user_by_id(struct db *db, struct arena *a, int64_t id, struct auth_user *u, char **pw_hash);
/* Replaces the password hash with one the user chose (clearing
 * must_change_password). 0 or -1. */
int auth_user_set_password(struct db *db, int64_t user_id, const char *pw_hash, int64_t now);
/* Sets a password someone else chose for the user (an account opened or
 * reset by staff): the user must change it at the next sign-in, and every
 * session of the user ends. 0, 1 if there is no such enabled user, or -1. */
int auth_user_reset_password(struct db *db, int64_t user_id, const char *pw_hash, int64_t now);
/* Locks the user's row until commit (PostgreSQL FOR UPDATE; SQLite's write
 * transaction holds the database) and reads it, disabled or not, with its
 * grants: 0, 1 if there is none, -1. *disabled may be NULL. */
int auth_user_lock(struct db *db, struct arena *a, int64_t user_id, struct auth_user *u, int *disabled);
/* Disables (disabled 1) or enables (0) the account; disabling ends every
 * session of it. Guarded: 0 if it changed, 1 if it already was so or there
 * is no such user, -1. */
int auth_user_set_disabled(struct db *db, int64_t user_id, int disabled);
/* Loads the user's grants into u. 0 or -1. */
int auth_grants_load(struct db *db, struct arena *a, struct auth_user *u);
/* Grants role at unit (0: everywhere). 0, DB_CONSTRAINT if already held, or -1. */
int auth_grant_add(struct db *db, int64_t user_id, int64_t unit_id, enum role role, int64_t now);
/* Revokes role at unit (a unit above 0). 0 if a grant was removed, 1 if
 * there was none, or -1. */
int auth_grant_remove(struct db *db, int64_t user_id, int64_t unit_id, enum role role);

struct auth_member {
	int64_t id;
	const char *display_name;
	int64_t granted_at;
};
/* Users holding role at exactly this unit, by name. 0 or -1. */
int auth_users_with_role(struct db *db, struct arena *a, int64_t unit_id, enum role role, struct auth_member **out,
			 size_t *n);

/* auth_store.c: supervisors' appointments (监督员), table supervisor_term */
struct auth_supervisor_term {
	int64_t id, user_id;
	const char *display_name, *phone; /* the account's; phone may be NULL */
	const char *appointed_on, *term_end; /* YYYY-MM-DD, China time */
	const char *ended_on;		     /* YYYY-MM-DD, or NULL while serving */
	const char *end_reason;		     /* "" while serving */
};
/* A community's supervisor appointments: those serving first, by
 * appointment date, then the ended ones, latest ended first; at most 1000.
 * A page that lists the supervisors (auth_users_with_role) finds each one's
 * appointment date and term here by user_id. 0 or -1. */
int auth_supervisor_terms(struct db *db, struct arena *a, int64_t community_id, struct auth_supervisor_term **out,
			  size_t *n);
/* The serving appointments only, for a public page: user_id, appointed_on
 * and term_end filled, no name or phone read (display_name and phone NULL,
 * ended_on NULL). At most 1000. 0 or -1. */
int auth_supervisor_terms_public(struct db *db, struct arena *a, int64_t community_id,
				 struct auth_supervisor_term **out, size_t *n);
/* The user's serving appointment at the community: 0 with *t filled, 1 if
 * none, -1. */
int auth_supervisor_serving(struct db *db, struct arena *a, int64_t community_id, int64_t user_id,
			    struct auth_supervisor_term *t);
/* Records an appointment (id from db_next_id) and grants the supervisor
 * role at the community, kept if already held. In the caller's
 * transaction, which should hold the user's row locked (auth_user_lock).
 * 0 or -1. */
int auth_supervisor_appoint(struct db *db, int64_t community_id, int64_t user_id, const char *appointed_on,
			    const char *term_end, int64_t now, int64_t *id);
/* Locks and reads one appointment of the community: 0, 1 none, -1. */
int auth_supervisor_term_lock(struct db *db, struct arena *a, int64_t community_id, int64_t id,
			      struct auth_supervisor_term *t);
/* Ends a serving appointment on ended_on for reason, and revokes the
 * supervisor role at the community. Guarded: 0 if it ended it, 1 if it
 * was not serving (ended meanwhile), -1. */
int auth_supervisor_end(struct db *db, int64_t community_id, int64_t id, int64_t user_id, const char *ended_on,
			const char *reason, int64_t now);

/* auth_store.c: sessions */
/* Creates a session for user and returns its token (the cookie value); only
 * the token's hash is stored. 0 or -1. */
int auth_session_create(struct db *db, int64_t user_id, const char *ip, int64_t now, char token[TOKEN_TEXT]);
/* Resolves a session token at time now: 0 with *u filled (grants loaded),
 * 1 if unknown, expired (idle or absolute) or the user is disabled, -1 on
 * error. Refreshes last_seen at most once a minute. */
int auth_session_resolve(struct db *db, struct arena *a, const char *token, int64_t now, struct auth_user *u);
/* Ends the session with this token. 0 or -1. */
int auth_session_delete(struct db *db, const char *token);
/* Ends every session of the user except the one with keep_token (may be NULL). 0 or -1. */
int auth_session_delete_others(struct db *db, int64_t user_id, const char *keep_token);

/* auth_store.c: throttling */
/* 1 if key is locked at now (with *until set), 0 if not, -1 on error. */
int auth_throttle_locked(struct db *db, const char *key, int64_t now, int64_t *until);
/* Counts a failure for key; locks it for AUTH_THROTTLE_LOCK once limit
 * failures fall in one window of AUTH_THROTTLE_WINDOW. For addresses. 0 or -1. */
int auth_throttle_fail(struct db *db, const char *key, int limit, int64_t now);
/* Counts an attempt on an account key before its password is checked, if
 * the key's wait is over: 0 when the attempt may go ahead (and has been
 * counted as a failure; clear the key when it succeeds), 1 when it must wait
 * until *until (nothing counted), -1 on error. After n failures in a row the
 * next attempt waits 0 for n < AUTH_THROTTLE_FREE, else delay << (n -
 * AUTH_THROTTLE_FREE) seconds, at most AUTH_THROTTLE_DELAY_MAX. */
int auth_throttle_attempt(struct db *db, const char *key, int64_t now, int64_t delay, int64_t *until);
/* Forgets the failures of key. 0 or -1. */
int auth_throttle_clear(struct db *db, const char *key);

#endif
