/* Passwords, role resolution, sessions and throttling on a real SQLite
 * database made from empty by the migrations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "auth/audit.h"
#include "auth/auth.h"
#include "db/migrate.h"
#include "org/org.h"

static char dir[] = "/tmp/shequ-test-XXXXXX";
static char path[512];
static struct db *db;
static struct arena a;

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0 || !mkdtemp(dir))
		return -1;
	const char *pg = getenv("SHEQU_TEST_PG");
	if (pg && *pg)
		snprintf(path, sizeof path, "%s", pg);
	else
		snprintf(path, sizeof path, "%s/t.db", dir);
	char err[256];
	arena_init(&a, 8 << 20);
	return db_open(path, &db, err, sizeof err);
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

static void migrations_build_schema_from_empty(void **state)
{
	(void)state;
	struct migration_set sets[8];
	size_t n = app_migration_sets(sets, 8);
	char err[256];
	assert_int_equal(migrate_check(db, sets, n, err, sizeof err), -1);
	assert_non_null(strstr(err, "shequ init"));
	int files = 0;
	for (size_t i = 0; i < n; i++)
		for (const struct embedded_file *f = sets[i].files; f->name; f++)
			files++;
	assert_true(files >= 2); /* the core's and the disclosure board's */
	assert_int_equal(migrate_apply(db, sets, n, NULL, err, sizeof err), files);
	assert_int_equal(migrate_check(db, sets, n, err, sizeof err), 0);
	assert_int_equal(migrate_apply(db, sets, n, NULL, err, sizeof err), 0); /* idempotent */
	/* A database newer than the binary is refused. */
	static const struct embedded_file none[] = {{0, 0, 0, 0}};
	struct migration_set older = {"core", none, NULL};
	assert_int_equal(migrate_check(db, &older, 1, err, sizeof err), -1);
	assert_non_null(strstr(err, "newer"));
}

static void password_hash_and_verify(void **state)
{
	(void)state;
	char h[128];
	assert_int_equal(auth_password_hash("正确的密码 horse", h), 0);
	assert_memory_equal(h, "$argon2id$", 10);
	assert_true(auth_password_verify(h, "正确的密码 horse"));
	assert_false(auth_password_verify(h, "正确的密码 horsE"));
	assert_false(auth_password_verify(h, ""));
	assert_false(auth_password_verify("plaintext", "plaintext"));
	char h2[128];
	assert_int_equal(auth_password_hash("正确的密码 horse", h2), 0);
	assert_string_not_equal(h, h2); /* salted */
	assert_int_equal(auth_password_verify_dummy("x"), 0);
}

static void weak_new_passwords_are_refused_with_the_reason(void **state)
{
	(void)state;
	const char *too_short = "密码至少需要 10 个字符", *has_name = "密码不能包含用户名",
		   *has_phone = "密码不能包含手机号", *common = "这是常见密码,很容易被猜中,请换一个",
		   *few = "密码过于简单:只由很少几种字符重复组成";
	/* Characters are counted, not bytes: nine Han characters are 27 bytes. */
	assert_string_equal(auth_password_problem("short-pw1", NULL, NULL), too_short);
	assert_string_equal(auth_password_problem("九个汉字还不够长啊", NULL, NULL), too_short);
	assert_null(auth_password_problem("我家门前有两棵枣树啊", NULL, NULL));
	assert_null(auth_password_problem("kite-river-48", NULL, NULL));
	/* The user name in any case, the phone anywhere. */
	assert_string_equal(auth_password_problem("My-TESTER-garden", "tester", "13700000001"), has_name);
	assert_string_equal(auth_password_problem("x13700000001y", "tester", "13700000001"), has_phone);
	assert_null(auth_password_problem("x1370000000y-z", "tester", "13700000001"));
	/* Common passwords, whatever their case and trailing punctuation. */
	const char *commons[] = {"1234567890", "123456789a", "a123456789", "qq123456789", "5201314520", "woaini1314",
				 "Woaini1314!", "1qaz2wsx3edc", "1Q2W3E4R5T", "qwertyuiop", "password123", "iloveyou520",
				 "zhangwei123", "13800138000", "P@ssw0rd123", "abc1234567"};
	for (size_t i = 0; i < sizeof commons / sizeof *commons; i++) {
		const char *why = auth_password_problem(commons[i], NULL, NULL);
		if (!why || strcmp(why, common))
			fail_msg("%s: %s", commons[i], why ? why : "accepted");
	}
	assert_string_equal(auth_password_problem("abababababab", NULL, NULL), few);
	assert_string_equal(auth_password_problem("1111111111111", NULL, NULL), few);
	assert_non_null(auth_password_problem("bad\xff\xfe utf8-pw", NULL, NULL));
	/* Repeated pieces and runs of neighbouring digits or letters, however
	 * separated, and the name or phone hidden by spaces, dashes or
	 * full-width digits. */
	const char *pattern = "密码过于简单:由重复的片段或连续的数字、字母组成";
	const char *patterns[] = {"12345678901", "abc123abc123", "abcdabcdab", "9876543210-9", "ABCDEFGHIJK",
				  "2468-2468-2468", "xyz.xyz.xyz.xyz", "Aa1!Aa1!Aa1!", "xyz!xyz!xyz!"};
	for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++) {
		const char *why = auth_password_problem(patterns[i], NULL, NULL);
		if (!why || strcmp(why, pattern))
			fail_msg("%s: %s", patterns[i], why ? why : "accepted");
	}
	assert_string_equal(auth_password_problem("zhang san 2026", "zhangsan", NULL), has_name);
	assert_string_equal(auth_password_problem("\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x98\xEF\xBC\x90\xEF\xBC\x90"
						  "\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x98\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x90",
						  "zhangsan", "13800138000"),
			    has_phone); /* １３８００１３８０００ */
	assert_string_equal(auth_password_problem("138-0013-8000x", "zhangsan", "13800138000"), has_phone);
	assert_null(auth_password_problem("river 1357 kite", "zhangsan", "13800138000"));
	/* The demo password stays good for every demo account. */
	const char *demo_users[] = {"admin", "quguanli", "donghu", "nanshan", "wangjg", "lihong", "zhengh", "jiandu",
				    "zhangsan"};
	for (size_t i = 0; i < sizeof demo_users / sizeof *demo_users; i++)
		assert_null(auth_password_problem("demo-pass-2026", demo_users[i], "13900139001"));
}

static void roles_reach_down_the_org_tree(void **state)
{
	(void)state;
	/* district 1 → street 10 → community 100; street 11 → community 101 */
	const int64_t c100[] = {100, 10, 1}, c101[] = {101, 11, 1};
	struct auth_grant street_admin[] = {{10, ROLE_STREET_ADMIN}};
	assert_int_equal(auth_roles_at(street_admin, 1, c100, 3), ROLE_BIT(ROLE_STREET_ADMIN));
	assert_int_equal(auth_roles_at(street_admin, 1, c101, 3), 0);
	struct auth_grant district[] = {{1, ROLE_DISTRICT_ADMIN}};
	assert_int_equal(auth_roles_at(district, 1, c101, 3), ROLE_BIT(ROLE_DISTRICT_ADMIN));
	struct auth_grant mixed[] = {{100, ROLE_RESIDENT}, {101, ROLE_STAFF}, {100, ROLE_SUPERVISOR}};
	assert_int_equal(auth_roles_at(mixed, 3, c100, 3), ROLE_BIT(ROLE_RESIDENT) | ROLE_BIT(ROLE_SUPERVISOR));
	assert_int_equal(auth_roles_at(mixed, 3, c101, 3), ROLE_BIT(ROLE_STAFF));
	assert_false(auth_roles_at(mixed, 3, c100, 3) & ROLES_STAFF);
	struct auth_grant sys[] = {{0, ROLE_SYSTEM_ADMIN}, {0, ROLE_STAFF}};
	/* Only system_admin holds everywhere; a unit-less staff grant means nothing. */
	assert_int_equal(auth_roles_at(sys, 2, c101, 3), ROLE_BIT(ROLE_SYSTEM_ADMIN));
	assert_int_equal(role_from_name("street_admin"), ROLE_STREET_ADMIN);
	assert_int_equal(role_from_name("boss"), -1);
	assert_string_equal(role_label(ROLE_SUPERVISOR), "监督员");
}

static int64_t add_user(const char *username, const char *phone)
{
	char h[128];
	int64_t id = 0;
	assert_int_equal(auth_password_hash("password-1234", h), 0);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(auth_user_add(db, username, phone, "测试用户", h, 1000, &id), 0);
	assert_int_equal(db_commit(db), 0);
	return id;
}

/* The first column of the first row of a query, or -1. */
static int64_t db_int_of(const char *sql)
{
	struct db_stmt *st = db_prepare_adhoc(db, sql);
	int64_t v = -1;
	if (st && db_step(st) == DB_ROW)
		v = db_col_int(st, 0);
	if (st)
		db_finalize(st);
	return v;
}

static void users_found_by_username_or_phone(void **state)
{
	(void)state;
	int64_t id = add_user("tester", "13700000001");
	struct auth_user u;
	char *hash;
	assert_int_equal(auth_user_by_login(db, &a, "tester", &u, &hash), 0);
	assert_int_equal(u.id, id);
	assert_true(auth_password_verify(hash, "password-1234"));
	assert_int_equal(auth_user_by_login(db, &a, "13700000001", &u, &hash), 0);
	assert_int_equal(u.id, id);
	assert_int_equal(auth_user_by_login(db, &a, "nobody", &u, &hash), 1);
	int64_t dup;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(auth_user_add(db, "tester", NULL, "x", "h", 1, &dup), DB_CONSTRAINT);
	db_rollback(db);
}

static void sessions_expire_when_idle_and_absolutely(void **state)
{
	(void)state;
	int64_t id = add_user("sess", NULL);
	char tok[TOKEN_TEXT];
	int64_t t0 = 1700000000;
	assert_int_equal(auth_session_create(db, id, "127.0.0.1", t0, tok), 0);
	assert_int_equal(strlen(tok), 43);
	struct auth_user u;
	assert_int_equal(auth_session_resolve(db, &a, tok, t0 + 10, &u), 0);
	assert_int_equal(u.id, id);
	/* Activity keeps it alive past the idle limit... */
	int64_t t = t0;
	for (int i = 0; i < 5; i++) {
		t += AUTH_SESSION_IDLE - 60;
		assert_int_equal(auth_session_resolve(db, &a, tok, t, &u), 0);
	}
	/* ...but not past the absolute limit. */
	assert_int_equal(auth_session_resolve(db, &a, tok, t0 + AUTH_SESSION_ABSOLUTE + 1, &u), 1);
	assert_int_equal(auth_session_resolve(db, &a, tok, t0 + 10, &u), 1); /* deleted, gone for good */

	char tok2[TOKEN_TEXT];
	assert_int_equal(auth_session_create(db, id, "", t0, tok2), 0);
	assert_int_equal(auth_session_resolve(db, &a, tok2, t0 + AUTH_SESSION_IDLE + 1, &u), 1);
	assert_int_equal(auth_session_resolve(db, &a, "not-a-token", t0, &u), 1);

	/* Only the hash is stored. */
	char tok3[TOKEN_TEXT];
	assert_int_equal(auth_session_create(db, id, "", t0, tok3), 0);
	static struct db_query q = DB_QUERY("SELECT COUNT(*) FROM session WHERE token_hash = ?");
	struct db_stmt *st = db_stmt(db, &q);
	db_bind_text(st, 1, tok3, -1);
	int64_t count = -1;
	assert_int_equal(db_one_int(st, &count), 0);
	assert_int_equal(count, 0);
}

static void address_throttle_locks_after_limit_and_clears(void **state)
{
	(void)state;
	int64_t now = 1700000000, until = 0;
	for (int i = 0; i < AUTH_THROTTLE_IP_FAILS - 1; i++)
		assert_int_equal(auth_throttle_fail(db, "ip:x", AUTH_THROTTLE_IP_FAILS, now + i), 0);
	assert_int_equal(auth_throttle_locked(db, "ip:x", now + 30, &until), 0);
	assert_int_equal(auth_throttle_fail(db, "ip:x", AUTH_THROTTLE_IP_FAILS, now + 30), 0);
	assert_int_equal(auth_throttle_locked(db, "ip:x", now + 31, &until), 1);
	assert_int_equal(until, now + 30 + AUTH_THROTTLE_LOCK);
	assert_int_equal(auth_throttle_locked(db, "ip:x", until + 1, &until), 0);
	/* Failures spread beyond one window never lock. */
	for (int i = 0; i < 10; i++)
		assert_int_equal(auth_throttle_fail(db, "ip:slow", 5, now + i * (AUTH_THROTTLE_WINDOW / 4 + 1) * 5), 0);
	assert_int_equal(auth_throttle_locked(db, "ip:slow", now + 50 * AUTH_THROTTLE_WINDOW, &until), 0);
	assert_int_equal(auth_throttle_clear(db, "ip:x"), 0);
}

static void account_waits_double_after_five_failures_up_to_fifteen_minutes(void **state)
{
	(void)state;
	int64_t t = 1700000000, until = 0;
	for (int i = 0; i < AUTH_THROTTLE_FREE; i++)
		assert_int_equal(auth_throttle_attempt(db, "acct:wait", t, 0, &until), 0);
	/* Each wait is twice the one before, capped at 15 minutes. */
	const int64_t waits[] = {60, 120, 240, 480, 900, 900, 900};
	for (size_t i = 0; i < sizeof waits / sizeof *waits; i++) {
		assert_int_equal(auth_throttle_attempt(db, "acct:wait", t, 0, &until), 1);
		assert_int_equal(until, t + waits[i]);
		assert_int_equal(auth_throttle_attempt(db, "acct:wait", t + waits[i] - 1, 0, &until), 1);
		assert_int_equal(until, t + waits[i]);
		t += waits[i];
		assert_int_equal(auth_throttle_attempt(db, "acct:wait", t, 0, &until), 0);
	}
	/* A refused attempt is not counted: the wait does not grow with it. */
	assert_int_equal(auth_throttle_attempt(db, "acct:wait", t + 1, 0, &until), 1);
	assert_int_equal(until, t + 900);
	/* After a quiet day the count starts again: five attempts go ahead. */
	t += AUTH_THROTTLE_FORGET + 900 + 1;
	for (int i = 0; i < AUTH_THROTTLE_FREE; i++)
		assert_int_equal(auth_throttle_attempt(db, "acct:wait", t, 0, &until), 0);
	assert_int_equal(auth_throttle_attempt(db, "acct:wait", t, 0, &until), 1);
	assert_int_equal(until, t + 60);
	/* A configured first wait (here 2 s) doubles the same way. */
	for (int i = 0; i < AUTH_THROTTLE_FREE; i++)
		assert_int_equal(auth_throttle_attempt(db, "acct:short", t, 2, &until), 0);
	assert_int_equal(auth_throttle_attempt(db, "acct:short", t, 2, &until), 1);
	assert_int_equal(until, t + 2);
	assert_int_equal(auth_throttle_attempt(db, "acct:short", t + 2, 2, &until), 0);
	assert_int_equal(auth_throttle_attempt(db, "acct:short", t + 2, 2, &until), 1);
	assert_int_equal(until, t + 6);
	/* Clearing (a right password) forgets everything. */
	assert_int_equal(auth_throttle_clear(db, "acct:wait"), 0);
	assert_int_equal(auth_throttle_attempt(db, "acct:wait", t, 0, &until), 0);
}

/* One password check as the login form makes it. */
static int check(const char *login, int64_t user_id, const char *pw, const char *ip, int64_t now, int64_t *retry)
{
	struct auth_attempt at = {.login = login, .user_id = user_id, .password = pw, .ip = ip, .now = now};
	struct auth_user u;
	return auth_check_password(db, &a, &at, &u, retry);
}

static void phone_alias_gives_no_extra_guesses(void **state)
{
	(void)state;
	int64_t id = add_user("alias", "13700000009"), t = 1700000000, retry = 0;
	long h0 = auth_password_hashes();
	/* Five wrong passwords in all, whichever name they come under... */
	for (int i = 0; i < 3; i++)
		assert_int_equal(check("alias", 0, "wrong-password", "10.0.0.1", t, &retry), AUTH_WRONG);
	for (int i = 0; i < 2; i++)
		assert_int_equal(check("13700000009", 0, "wrong-password", "10.0.0.2", t, &retry), AUTH_WRONG);
	assert_int_equal(auth_password_hashes() - h0, 5);
	/* ...and the account waits, under either name, even with the right
	 * password and from a fresh address; nothing is hashed. */
	assert_int_equal(check("alias", 0, "password-1234", "10.0.0.3", t, &retry), AUTH_WAIT);
	assert_int_equal(retry, t + AUTH_THROTTLE_DELAY);
	assert_int_equal(check("13700000009", 0, "password-1234", "10.0.0.4", t + 30, &retry), AUTH_WAIT);
	assert_int_equal(check(NULL, id, "password-1234", "10.0.0.4", t + 59, &retry), AUTH_WAIT);
	assert_int_equal(retry, t + AUTH_THROTTLE_DELAY);
	assert_int_equal(auth_password_hashes() - h0, 5);
	/* Once the wait is over the right password works and the count is forgotten. */
	struct auth_attempt at = {.login = "13700000009", .password = "password-1234", .ip = "10.0.0.4",
				  .now = t + 60};
	struct auth_user u;
	assert_int_equal(auth_check_password(db, &a, &at, &u, &retry), AUTH_OK);
	assert_int_equal(u.id, id);
	assert_int_equal(auth_password_hashes() - h0, 6);
	for (int i = 0; i < AUTH_THROTTLE_FREE; i++)
		assert_int_equal(check("alias", 0, "wrong-password", "10.0.0.5", t + 61, &retry), AUTH_WRONG);
	assert_int_equal(check("alias", 0, "wrong-password", "10.0.0.5", t + 61, &retry), AUTH_WAIT);
}

static void known_device_is_not_held_up_by_strangers_guesses(void **state)
{
	(void)state;
	int64_t id = add_user("owner", NULL), other = add_user("neighbour", NULL), t = 1700000000, retry = 0;
	for (int i = 0; i < AUTH_THROTTLE_FREE; i++)
		assert_int_equal(check("owner", 0, "wrong-password", "10.0.4.1", t, &retry), AUTH_WRONG);
	assert_int_equal(check("owner", 0, "password-1234", "10.0.4.1", t, &retry), AUTH_WAIT);
	/* The owner's browser, known to be his, gets in at once... */
	struct auth_attempt at = {.login = "owner", .password = "password-1234", .ip = "10.0.4.2", .now = t,
				  .device = "device-1", .device_user = id};
	struct auth_user u;
	assert_int_equal(auth_check_password(db, &a, &at, &u, &retry), AUTH_OK);
	/* ...and strangers still wait: the account's count is untouched. */
	assert_int_equal(check("owner", 0, "password-1234", "10.0.4.3", t, &retry), AUTH_WAIT);
	/* A device of another account does not help. */
	at.device_user = other;
	assert_int_equal(auth_check_password(db, &a, &at, &u, &retry), AUTH_WAIT);
	/* The device has a count of its own, throttled the same way. */
	at.device_user = id;
	at.password = "wrong-password";
	for (int i = 0; i < AUTH_THROTTLE_FREE; i++)
		assert_int_equal(auth_check_password(db, &a, &at, &u, &retry), AUTH_WRONG);
	assert_int_equal(auth_check_password(db, &a, &at, &u, &retry), AUTH_WAIT);
	assert_int_equal(retry, t + AUTH_THROTTLE_DELAY);
}

static void signed_in_checks_count_on_the_same_account(void **state)
{
	(void)state;
	int64_t id = add_user("resigner", NULL), t = 1700000000, retry = 0;
	/* Password change and cosigning check by id; login by name: one count. */
	for (int i = 0; i < 3; i++)
		assert_int_equal(check(NULL, id, "wrong-password", "10.0.1.1", t, &retry), AUTH_WRONG);
	for (int i = 0; i < 2; i++)
		assert_int_equal(check("resigner", 0, "wrong-password", "10.0.1.1", t, &retry), AUTH_WRONG);
	assert_int_equal(check(NULL, id, "password-1234", "10.0.1.1", t, &retry), AUTH_WAIT);
	assert_int_equal(check(NULL, id, "password-1234", "10.0.1.1", t + AUTH_THROTTLE_DELAY, &retry), AUTH_OK);
}

static void unknown_names_cost_a_hash_and_are_throttled_alike(void **state)
{
	(void)state;
	int64_t t = 1700000000, retry = 0;
	long h0 = auth_password_hashes();
	for (int i = 0; i < AUTH_THROTTLE_FREE; i++)
		assert_int_equal(check("no-such-user", 0, "wrong-password", "10.0.2.1", t, &retry), AUTH_WRONG);
	assert_int_equal(auth_password_hashes() - h0, AUTH_THROTTLE_FREE);
	/* The sixth answers as an account's would, again without a hash. */
	assert_int_equal(check("no-such-user", 0, "wrong-password", "10.0.2.1", t, &retry), AUTH_WAIT);
	assert_int_equal(retry, t + AUTH_THROTTLE_DELAY);
	assert_int_equal(auth_password_hashes() - h0, AUTH_THROTTLE_FREE);
	/* Another unknown name is counted apart (and on the address). */
	assert_int_equal(check("no-such-user-2", 0, "wrong-password", "10.0.2.1", t, &retry), AUTH_WRONG);
	assert_int_equal(db_int_of("SELECT failures FROM login_throttle WHERE key = 'ip:10.0.2.1'"),
			 AUTH_THROTTLE_FREE + 1);
}

static void address_is_limited_across_accounts(void **state)
{
	(void)state;
	add_user("victim", NULL);
	int64_t t = 1700000000, retry = 0;
	char name[32];
	for (int i = 0; i < AUTH_THROTTLE_IP_FAILS; i++) {
		snprintf(name, sizeof name, "guess-%d", i);
		assert_int_equal(check(name, 0, "wrong-password", "10.0.3.1", t, &retry), AUTH_WRONG);
	}
	long h0 = auth_password_hashes();
	assert_int_equal(check("victim", 0, "password-1234", "10.0.3.1", t + 1, &retry), AUTH_WAIT);
	assert_int_equal(retry, t + AUTH_THROTTLE_LOCK);
	assert_int_equal(auth_password_hashes(), h0);
	/* The account itself is not held up: another address gets in at once. */
	assert_int_equal(check("victim", 0, "password-1234", "10.0.3.2", t + 1, &retry), AUTH_OK);
	/* Nor is its owner's known browser behind the locked address (one NAT). */
	struct auth_user u;
	struct auth_attempt at = {.login = "victim", .password = "password-1234", .ip = "10.0.3.1", .now = t + 2,
				  .device = "device-v"};
	assert_int_equal(auth_user_by_login(db, &a, "victim", &u, NULL), 0);
	at.device_user = u.id;
	assert_int_equal(auth_check_password(db, &a, &at, &u, &retry), AUTH_OK);
	/* A device of no account there still waits. */
	at.device_user = u.id + 1000;
	assert_int_equal(auth_check_password(db, &a, &at, &u, &retry), AUTH_WAIT);
}

struct racer {
	int allowed, waited, errors;
};

static void *race_attempts(void *arg)
{
	struct racer *rc = arg;
	struct db *own;
	char err[256];
	if (db_open(path, &own, err, sizeof err) < 0) {
		rc->errors++;
		return NULL;
	}
	for (int i = 0; i < 5; i++) {
		int64_t until;
		int v = auth_throttle_attempt(own, "acct:race", 1700000000, 0, &until);
		if (v == 0)
			rc->allowed++;
		else if (v == 1)
			rc->waited++;
		else
			rc->errors++;
	}
	db_close(own);
	return NULL;
}

static void concurrent_attempts_on_four_connections_let_exactly_five_through(void **state)
{
	(void)state;
	pthread_t th[4];
	struct racer rc[4] = {{0}};
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, race_attempts, &rc[i]), 0);
	int allowed = 0, waited = 0, errors = 0;
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		allowed += rc[i].allowed;
		waited += rc[i].waited;
		errors += rc[i].errors;
	}
	assert_int_equal(errors, 0);
	assert_int_equal(allowed, AUTH_THROTTLE_FREE);
	assert_int_equal(waited, 20 - AUTH_THROTTLE_FREE);
}

static void audit_rows_scoped_to_units_below(void **state)
{
	(void)state;
	int64_t d, s1, s2, c1, c2;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(org_unit_add(db, 0, ORG_DISTRICT, "d", "区", 1, &d), 0);
	assert_int_equal(org_unit_add(db, d, ORG_STREET, "s1", "街道一", 1, &s1), 0);
	assert_int_equal(org_unit_add(db, d, ORG_STREET, "s2", "街道二", 1, &s2), 0);
	assert_int_equal(org_unit_add(db, s1, ORG_COMMUNITY, "c1", "社区一", 1, &c1), 0);
	assert_int_equal(org_unit_add(db, s2, ORG_COMMUNITY, "c2", "社区二", 1, &c2), 0);
	struct audit_event e1 = {.actor = "甲", .unit_id = c1, .action = "a.one"};
	struct audit_event e2 = {.actor = "乙", .unit_id = c2, .action = "a.two"};
	assert_int_equal(audit_write(db, &e1, 5), 0);
	assert_int_equal(audit_write(db, &e2, 6), 0);
	assert_int_equal(db_commit(db), 0);
	struct audit_entry *e;
	size_t n;
	assert_int_equal(audit_list(db, &a, s1, 0, 10, &e, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].action, "a.one");
	assert_string_equal(e[0].unit_name, "社区一");
	assert_int_equal(audit_list(db, &a, d, 0, 10, &e, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].action, "a.two"); /* newest first */
	assert_int_equal(audit_list(db, &a, c2, 0, 10, &e, &n), 0);
	assert_int_equal(n, 1);
	struct community c;
	assert_int_equal(org_community_by_slug(db, &a, "c2", &c), 0);
	assert_int_equal(c.chain[1], s2);
	assert_int_equal(c.chain[2], d);
	assert_int_equal(org_community_by_slug(db, &a, "s2", &c), 1); /* a street is not a community */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(migrations_build_schema_from_empty),
	    cmocka_unit_test(password_hash_and_verify),
	    cmocka_unit_test(roles_reach_down_the_org_tree),
	    cmocka_unit_test(users_found_by_username_or_phone),
	    cmocka_unit_test(sessions_expire_when_idle_and_absolutely),
	    cmocka_unit_test(weak_new_passwords_are_refused_with_the_reason),
	    cmocka_unit_test(address_throttle_locks_after_limit_and_clears),
	    cmocka_unit_test(account_waits_double_after_five_failures_up_to_fifteen_minutes),
	    cmocka_unit_test(phone_alias_gives_no_extra_guesses),
	    cmocka_unit_test(signed_in_checks_count_on_the_same_account),
	    cmocka_unit_test(known_device_is_not_held_up_by_strangers_guesses),
	    cmocka_unit_test(unknown_names_cost_a_hash_and_are_throttled_alike),
	    cmocka_unit_test(address_is_limited_across_accounts),
	    cmocka_unit_test(concurrent_attempts_on_four_connections_let_exactly_five_through),
	    cmocka_unit_test(audit_rows_scoped_to_units_below),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
