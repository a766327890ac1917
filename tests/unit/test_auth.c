/* Passwords, role resolution, sessions and throttling on a real SQLite
 * database made from empty by the migrations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
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
	assert_non_null(auth_password_problem("short"));
	assert_null(auth_password_problem("八个汉字也可以的"));
	assert_non_null(auth_password_problem("bad\xff\xfe utf8"));
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

static void throttle_locks_after_limit_and_clears(void **state)
{
	(void)state;
	int64_t now = 1700000000, until = 0;
	for (int i = 0; i < AUTH_THROTTLE_USER_FAILS - 1; i++)
		assert_int_equal(auth_throttle_fail(db, "user:x", AUTH_THROTTLE_USER_FAILS, now + i), 0);
	assert_int_equal(auth_throttle_locked(db, "user:x", now + 10, &until), 0);
	assert_int_equal(auth_throttle_fail(db, "user:x", AUTH_THROTTLE_USER_FAILS, now + 10), 0);
	assert_int_equal(auth_throttle_locked(db, "user:x", now + 11, &until), 1);
	assert_int_equal(until, now + 10 + AUTH_THROTTLE_LOCK);
	assert_int_equal(auth_throttle_locked(db, "user:x", until + 1, &until), 0);
	/* Failures spread beyond one window never lock. */
	for (int i = 0; i < 10; i++)
		assert_int_equal(auth_throttle_fail(db, "user:slow", 5, now + i * (AUTH_THROTTLE_WINDOW / 4 + 1) * 5), 0);
	assert_int_equal(auth_throttle_locked(db, "user:slow", now + 50 * AUTH_THROTTLE_WINDOW, &until), 0);
	assert_int_equal(auth_throttle_clear(db, "user:x"), 0);
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
	    cmocka_unit_test(throttle_locks_after_limit_and_clears),
	    cmocka_unit_test(audit_rows_scoped_to_units_below),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
