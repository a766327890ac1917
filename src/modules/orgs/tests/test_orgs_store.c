/* The orgs store on SQLite and (under tests/pg/with-postgres.sh)
 * PostgreSQL, on a database made by `shequ init` and `shequ demo`: the
 * membership rule (apply → pending → approved or refused; leave, withdraw
 * and removal keep the row; the kept counts equal the rows), a dissolved
 * organization takes no applications, names and mobiles are sealed with
 * masks beside them, the leader question of orgs.h, and two connections
 * applying for one account at once leaving one open membership.
 * usage: test_orgs_store SHEQU_BINARY */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "modules/orgs/orgs.h"
#include "modules/orgs/orgs_internal.h"
#include "modules/orgs/orgs_web.h"
#include "pii/pii.h"

#include "fixture.h"

static const char *shequ;
static struct fixture fx;
static struct db *a, *b; /* two connections to one database */
static struct arena ar;
static int64_t xingfuli, heping, wangjg, zhangsan, jiandu;
static int64_t now;

static int setup(void **state)
{
	(void)state;
	if (fixture_make(&fx, shequ) < 0 || fixture_key_install(&fx) < 0 || fixture_open(&fx, &a) < 0 ||
	    fixture_open(&fx, &b) < 0)
		return -1;
	arena_init(&ar, 64u << 20);
	if (fixture_script(a, "DELETE FROM orgs_story_photo; DELETE FROM orgs_story; DELETE FROM orgs_member; DELETE FROM orgs_org;") < 0)
		return -1;
	xingfuli = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "xingfuli");
	heping = fixture_id(a, "SELECT id FROM org_unit WHERE slug = ?", "heping");
	wangjg = fixture_id(a, "SELECT id FROM users WHERE username = ?", "wangjg");
	zhangsan = fixture_id(a, "SELECT id FROM users WHERE username = ?", "zhangsan");
	jiandu = fixture_id(a, "SELECT id FROM users WHERE username = ?", "jiandu");
	now = (int64_t)time(NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(a);
	db_close(b);
	arena_free(&ar);
	return fixture_remove(&fx);
}

static int64_t add_org(int64_t community, const char *name, int kind)
{
	struct orgs_org o = {.kind = kind, .name = name, .purpose = "巡逻", .meets = "每晚", .how_to_join = "申请"};
	if (kind == OK_VOLUNTEER)
		o.group = OG_PARTY;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(orgs_org_add(a, community, &o, wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	return o.id;
}

/* One step in its own transaction on db: the store's answer. */
static int apply_on(struct db *db, int64_t org, int64_t user, int64_t *id)
{
	struct orgs_member m = {.user_id = user, .name = "张三", .mobile = "13800138000", .note = "想参加"};
	if (db_begin(db) < 0)
		return -1;
	int rc = orgs_apply(db, &ar, xingfuli, org, &m, now);
	if (rc == 0 && db_commit(db) < 0)
		rc = -1;
	else if (rc)
		db_rollback(db);
	if (id)
		*id = m.id;
	return rc;
}

static int decide(int64_t org, int64_t member, int approve)
{
	assert_int_equal(db_begin(a), 0);
	int rc = orgs_decide(a, xingfuli, org, member, approve, approve ? NULL : "人数已满", wangjg, now);
	if (rc == 0)
		assert_int_equal(db_commit(a), 0);
	else
		db_rollback(a);
	return rc;
}

static int end(int64_t org, int64_t member, int64_t user, const char *reason)
{
	assert_int_equal(db_begin(a), 0);
	int rc = orgs_end(a, xingfuli, org, member, user, reason, wangjg, now);
	if (rc == 0)
		assert_int_equal(db_commit(a), 0);
	else
		db_rollback(a);
	return rc;
}

/* The organization's kept counts equal its rows. */
static void kept_equals_rows(int64_t org, int64_t active, int64_t pending)
{
	struct orgs_org o;
	int64_t ra, rp;
	assert_int_equal(orgs_org_get(a, &ar, xingfuli, org, &o), 0);
	assert_int_equal(orgs_member_counts(a, xingfuli, org, &ra, &rp), 0);
	assert_int_equal(o.members, ra);
	assert_int_equal(o.pending, rp);
	assert_int_equal(o.members, active);
	assert_int_equal(o.pending, pending);
}

static void apply_approve_leave_and_apply_again(void **state)
{
	(void)state;
	int64_t org = add_org(xingfuli, "幸福里义务巡逻队", OK_PATROL), m1, m2, m3;
	assert_int_equal(apply_on(a, org, zhangsan, &m1), 0);
	kept_equals_rows(org, 0, 1);
	/* a second open membership of the same account is refused */
	assert_int_equal(apply_on(a, org, zhangsan, NULL), ORGS_DUP);
	assert_int_equal(decide(org, m1, 1), 0);
	kept_equals_rows(org, 1, 0);
	assert_int_equal(decide(org, m1, 1), ORGS_STATE); /* decided once */
	assert_int_equal(apply_on(a, org, zhangsan, NULL), ORGS_DUP);
	assert_int_equal(orgs_is_leader(a, xingfuli, org, zhangsan), 0);
	/* another account may not end it as its own */
	assert_int_equal(end(org, m1, jiandu, ""), ORGS_NOT_FOUND);
	assert_int_equal(end(org, m1, zhangsan, ""), 0);
	kept_equals_rows(org, 0, 0);
	assert_int_equal(end(org, m1, zhangsan, ""), ORGS_STATE);
	/* history kept: a new application is a new row */
	assert_int_equal(apply_on(a, org, zhangsan, &m2), 0);
	assert_true(m2 != m1);
	assert_int_equal(decide(org, m2, 0), 0);
	kept_equals_rows(org, 0, 0);
	struct orgs_member m;
	assert_int_equal(orgs_member_get(a, &ar, xingfuli, org, m2, 0, &m), 0);
	assert_int_equal(m.state, OM_REFUSED);
	assert_string_equal(m.reason, "人数已满");
	assert_int_equal(orgs_member_get(a, &ar, xingfuli, org, m1, 0, &m), 0);
	assert_int_equal(m.state, OM_LEFT);
	assert_true(m.joined_at > 0 && m.left_at > 0);
	/* a pending application withdrawn by its owner; staff remove an active member with a reason */
	assert_int_equal(apply_on(a, org, zhangsan, &m3), 0);
	assert_int_equal(end(org, m3, 0, "不在"), ORGS_STATE); /* staff remove active members only */
	assert_int_equal(end(org, m3, zhangsan, ""), 0);
	assert_int_equal(orgs_member_get(a, &ar, xingfuli, org, m3, 0, &m), 0);
	assert_int_equal(m.state, OM_WITHDRAWN);
	assert_int_equal(apply_on(a, org, zhangsan, &m3), 0);
	assert_int_equal(decide(org, m3, 1), 0);
	assert_int_equal(end(org, m3, 0, "长期不参加巡逻"), 0);
	assert_int_equal(orgs_member_get(a, &ar, xingfuli, org, m3, 0, &m), 0);
	assert_int_equal(m.state, OM_REMOVED);
	assert_int_equal(m.decided_by, wangjg);
	kept_equals_rows(org, 0, 0);
	struct orgs_member *rows;
	size_t n;
	assert_int_equal(orgs_members(a, &ar, xingfuli, org, -1, 0, 100, &rows, &n), 0);
	assert_int_equal(n, 4); /* never deleted */
	assert_int_equal(orgs_mine(a, &ar, xingfuli, zhangsan, 0, 100, &rows, &n), 0);
	assert_int_equal(n, 4);
	assert_string_equal(rows[0].org_name, "幸福里义务巡逻队");
}

/* A dissolved organization takes no applications, nor desk members; its
 * waiting applications are refused when it dissolves. */
static void a_dissolved_org_takes_no_applications(void **state)
{
	(void)state;
	int64_t org = add_org(xingfuli, "幸福里读书会", OK_OTHER), m1;
	assert_int_equal(apply_on(a, org, jiandu, &m1), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(orgs_org_dissolve(a, xingfuli, org, "2026-03-01", "成员搬离", wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(orgs_org_dissolve(a, xingfuli, org, "2026-03-02", "再次", wangjg, now), ORGS_STATE);
	db_rollback(a);
	kept_equals_rows(org, 0, 0);
	struct orgs_member m;
	assert_int_equal(orgs_member_get(a, &ar, xingfuli, org, m1, 0, &m), 0);
	assert_int_equal(m.state, OM_REFUSED);
	assert_string_equal(m.reason, "组织已解散");
	assert_int_equal(apply_on(a, org, zhangsan, NULL), ORGS_DISSOLVED);
	struct orgs_member d = {.name = "刘秀英", .mobile = "13912345678", .role = OR_MEMBER};
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(orgs_desk_add(a, &ar, xingfuli, org, &d, wangjg, now), ORGS_DISSOLVED);
	db_rollback(a);
	/* another community's organization is not found under this one */
	int64_t other = add_org(heping, "和平义务巡逻队", OK_PATROL);
	int64_t none;
	(void)other;
	assert_int_equal(apply_on(a, 999999, zhangsan, &none), ORGS_NOT_FOUND);
}

/* Desk members: sealed name and mobile, masks in lists; the leader
 * question follows the role; orgs_name. */
static void desk_members_are_sealed_and_leaders_known(void **state)
{
	(void)state;
	int64_t org = add_org(xingfuli, "幸福里党员志愿服务队", OK_VOLUNTEER);
	struct orgs_member d = {.name = "欧阳中华", .mobile = "13912345678", .role = OR_LEADER};
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(orgs_desk_add(a, &ar, xingfuli, org, &d, wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	struct orgs_member m;
	assert_int_equal(orgs_member_get(a, &ar, xingfuli, org, d.id, 0, &m), 0);
	assert_null(m.name);
	assert_null(m.mobile);
	assert_string_equal(m.name_masked, "欧**华");
	assert_string_equal(m.mobile_masked, "139****5678");
	assert_int_equal(orgs_member_get(a, &ar, xingfuli, org, d.id, 1, &m), 0);
	assert_string_equal(m.name, "欧阳中华");
	assert_string_equal(m.mobile, "13912345678");
	assert_int_equal(fixture_id(a, "SELECT COUNT(*) FROM orgs_member WHERE name_masked = ? AND mobile_sealed IS NOT NULL"
				       " AND name_sealed IS NOT NULL", "欧**华"),
			 1);
	struct orgs_member *l;
	size_t n;
	assert_int_equal(orgs_leaders(a, &ar, xingfuli, org, &l, &n), 0);
	assert_int_equal(n, 1);
	assert_null(l[0].name);
	/* an account made 副负责人 is a leader; a 成员 is not; after leaving, not */
	int64_t mz;
	assert_int_equal(apply_on(a, org, zhangsan, &mz), 0);
	assert_int_equal(orgs_is_leader(a, xingfuli, org, zhangsan), 0);
	assert_int_equal(decide(org, mz, 1), 0);
	assert_int_equal(orgs_is_leader(a, xingfuli, org, zhangsan), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(orgs_set_role(a, xingfuli, org, mz, OR_DEPUTY, now), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(orgs_is_leader(a, xingfuli, org, zhangsan), 1);
	assert_int_equal(orgs_is_leader(a, heping, org, zhangsan), 0);
	assert_int_equal(end(org, mz, zhangsan, ""), 0);
	assert_int_equal(orgs_is_leader(a, xingfuli, org, zhangsan), 0);
	const char *name;
	assert_int_equal(orgs_name(a, &ar, xingfuli, org, &name), 0);
	assert_string_equal(name, "幸福里党员志愿服务队");
	assert_int_equal(orgs_name(a, &ar, heping, org + 1000, &name), 1);
}

struct race {
	struct db *db;
	int64_t org;
	pthread_barrier_t *go;
	int rc;
};

static void *applying(void *arg)
{
	struct race *r = arg;
	if (r->go)
		pthread_barrier_wait(r->go);
	r->rc = apply_on(r->db, r->org, jiandu, NULL);
	return NULL;
}

static int64_t open_rows(int64_t org)
{
	char sql[200];
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM orgs_member WHERE org_id = %lld AND user_id = (SELECT id FROM users WHERE username = ?)"
		 " AND state IN ('pending', 'active')",
		 (long long)org);
	return fixture_id(a, sql, "jiandu");
}

/* Two connections apply for one account at once: one application, the
 * other refused as a second one; first while a holds the organization's
 * row (b waits for its commit), then released together, many times. */
static void two_connections_leave_one_open_membership(void **state)
{
	(void)state;
	int64_t org = add_org(xingfuli, "幸福里巾帼志愿服务队", OK_VOLUNTEER);
	struct orgs_member m = {.user_id = jiandu, .name = "孙立", .mobile = "13900139004", .note = ""};
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(orgs_apply(a, &ar, xingfuli, org, &m, now), 0);
	struct race rb = {b, org, NULL, -9};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, applying, &rb), 0);
	usleep(200 * 1000);
	assert_int_equal(db_commit(a), 0);
	pthread_join(t, NULL);
	assert_int_equal(rb.rc, ORGS_DUP);
	assert_int_equal(open_rows(org), 1);
	kept_equals_rows(org, 0, 1);
	for (int round = 0; round < 20; round++) {
		assert_int_equal(end(org, m.id, jiandu, ""), 0); /* withdrawn: the next round applies afresh */
		pthread_barrier_t go;
		pthread_barrier_init(&go, NULL, 2);
		struct race r1 = {a, org, &go, -9}, r2 = {b, org, &go, -9};
		pthread_t t1, t2;
		assert_int_equal(pthread_create(&t1, NULL, applying, &r1), 0);
		assert_int_equal(pthread_create(&t2, NULL, applying, &r2), 0);
		pthread_join(t1, NULL);
		pthread_join(t2, NULL);
		pthread_barrier_destroy(&go);
		/* one went in; the other was refused as a second (or, on SQLite, may have found the database busy) */
		assert_true((r1.rc == 0) != (r2.rc == 0));
		int other = r1.rc == 0 ? r2.rc : r1.rc;
		assert_true(other == ORGS_DUP || (other == -1 && !strcmp(db_backend(a), "sqlite")));
		assert_int_equal(open_rows(org), 1);
		assert_int_equal(orgs_open_membership(a, &ar, xingfuli, org, jiandu, &m), 0);
		kept_equals_rows(org, 0, 1);
	}
}

/* The forms: kinds and groups, a founding day not in the future, public
 * fields refusing a mobile however written; the desk form's mobile. */
static void the_forms_check_what_was_typed(void **state)
{
	(void)state;
	struct kvlist form;
	const char *body = "name=%E5%B7%A1%E9%80%BB%E9%98%9F&kind=volunteer&vgroup=&purpose=%E8%81%94%E7%B3%BB%E7%8E%8B%E4"
			   "%BA%94%EF%BC%9A139-1234-5678&founded_on=2099-01-01&meets=&how_to_join=";
	assert_int_equal(parse_urlencoded(&ar, body, strlen(body), &form), 0);
	struct orgs_org_form f = {0};
	struct orgs_org o;
	assert_int_equal(orgs_org_read(&ar, &form, "2026-11-29", &f, &o), 3);
	assert_non_null(f.errs[OF_GROUP]);
	assert_non_null(f.errs[OF_PURPOSE]);
	assert_non_null(f.errs[OF_FOUNDED]);
	assert_string_equal(f.vals[OF_FOUNDED], "2099-01-01"); /* kept as typed */
	body = "name=x&kind=arts&vgroup=party&purpose=%E8%B7%B3%E8%88%9E&founded_on=2018%E5%B9%B45%E6%9C%881%E6%97%A5"
	       "&meets=&how_to_join=";
	assert_int_equal(parse_urlencoded(&ar, body, strlen(body), &form), 0);
	memset(&f, 0, sizeof f);
	assert_int_equal(orgs_org_read(&ar, &form, "2026-11-29", &f, &o), 0);
	assert_int_equal(o.group, OG_NONE); /* only a volunteer team has a group */
	assert_string_equal(o.founded_on, "2018-05-01");
	struct orgs_desk_form d = {0};
	struct orgs_member m;
	body = "name=%E5%88%98%E7%A7%80%E8%8B%B1&mobile=139+0714+1234&role=member";
	assert_int_equal(parse_urlencoded(&ar, body, strlen(body), &form), 0);
	assert_int_equal(orgs_desk_read(&ar, &form, &d, &m), 0);
	assert_string_equal(m.mobile, "13907141234");
	body = "name=&mobile=12345&role=boss";
	assert_int_equal(parse_urlencoded(&ar, body, strlen(body), &form), 0);
	memset(&d, 0, sizeof d);
	assert_int_equal(orgs_desk_read(&ar, &form, &d, &m), 3);
	const char *out;
	assert_non_null(orgs_note_read(&ar, "电话 13912345678", &out));
	assert_null(orgs_note_read(&ar, "周末有空", &out));
	assert_non_null(orgs_reason_read(&ar, "  ", &out));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SHEQU_BINARY\n", argv[0]);
		return 2;
	}
	shequ = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(apply_approve_leave_and_apply_again),
	    cmocka_unit_test(a_dissolved_org_takes_no_applications),
	    cmocka_unit_test(desk_members_are_sealed_and_leaders_known),
	    cmocka_unit_test(two_connections_leave_one_open_membership),
	    cmocka_unit_test(the_forms_check_what_was_typed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
