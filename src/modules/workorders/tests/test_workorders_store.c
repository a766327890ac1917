/* The work orders' store on SQLite and (under tests/pg/with-postgres.sh)
 * PostgreSQL, on a database made by `shequ init` and `shequ demo`:
 * recording and loading orders, the masked projection (the phone never in
 * it), sealed columns really sealed, the timeline, lists, rules, the steps
 * written by wo_apply, and races between two real connections.
 * usage: test_workorders_store SHEQU_BINARY */
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
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/token.h"
#include "db/db.h"
#include "modules/workorders/workorders_internal.h"
#include "modules/workorders/workorders_stats.h"
#include "pii/pii.h"

#include "fixture.h"

static const char *shequ;
static struct fixture fx;
static struct db *a, *b; /* two connections to one database */
static struct arena ar;
static int64_t xingfuli, heping, wangjg, zhoulx, zhangsan;
static int64_t now;


#define UNIT "SELECT id FROM org_unit WHERE slug = ?"
#define USER "SELECT id FROM users WHERE username = ?"

static int setup(void **state)
{
	(void)state;
	if (fixture_make(&fx, shequ) < 0 || fixture_key_install(&fx) < 0 || fixture_open(&fx, &a) < 0 ||
	    fixture_open(&fx, &b) < 0)
		return -1;
	arena_init(&ar, 64u << 20);
	xingfuli = fixture_id(a, UNIT, "xingfuli");
	heping = fixture_id(a, UNIT, "heping");
	wangjg = fixture_id(a, USER, "wangjg");
	zhoulx = fixture_id(a, USER, "zhoulx");
	zhangsan = fixture_id(a, USER, "zhangsan");
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

/* Records an order in the community on connection db and commits it. */
static int64_t add_on(struct db *db, int64_t community, enum wo_kind kind, const char *subject,
                      const char **code)
{
	struct wo_new n = {
	    .channel = WO_CH_HOTLINE,
	    .kind = kind,
	    .subject = subject,
	    .description = "楼道灯坏了一周,请尽快修,联系电话13812345678",
	    .address = "幸福里小区3号楼2单元501室",
	    .requester_user_id = zhangsan,
	    .requester_name = "张三丰",
	    .requester_phone = "13812345678",
	    .received_by = wangjg,
	    .actor = "王建国",
	    .received_at = now - 3600,
	};
	int64_t id = 0;
	const char *c = NULL;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(wo_order_add(db, &ar, community, &n, &id, &c), 0);
	assert_int_equal(db_commit(db), 0);
	if (code)
		*code = c;
	return id;
}

static int64_t add(enum wo_kind kind, const char *subject)
{
	return add_on(a, xingfuli, kind, subject, NULL);
}

static struct wo_step by_staff(enum wo_action act, int64_t user, const char *name)
{
	struct wo_step s = {.action = act, .actor_user_id = user, .actor = name, .actor_is_staff = 1};
	return s;
}

/* Applies a step on connection db in its own transaction: the result code. */
static int apply_on(struct db *db, int64_t community, int64_t id, const struct wo_step *s, const char **why)
{
	assert_int_equal(db_begin(db), 0);
	int rc = wo_apply(db, &ar, community, id, s, now, why);
	if (rc == 0)
		assert_int_equal(db_commit(db), 0);
	else
		db_rollback(db);
	return rc;
}

static int apply(int64_t id, const struct wo_step *s)
{
	const char *why = NULL;
	int rc = apply_on(a, xingfuli, id, s, &why);
	if (rc != 0)
		fprintf(stderr, "refused: %s\n", why ? why : "(error)");
	return rc;
}

static void add_then_get_opens_and_public_masks(void **state)
{
	(void)state;
	const char *code;
	int64_t id = add_on(a, xingfuli, WO_K_REQUEST, "楼道灯不亮 13812345678", &code);
	assert_true(id > 0);
	assert_int_equal(strlen(code), WO_CODE_LEN);
	struct wo_order o;
	assert_int_equal(wo_order_get(a, &ar, xingfuli, id, &o), 0);
	assert_int_equal(o.id, id);
	assert_string_equal(o.tracking_code, code);
	assert_int_equal(o.state, WO_S_RECEIVED);
	assert_int_equal(o.channel, WO_CH_HOTLINE);
	assert_string_equal(o.subject, "楼道灯不亮 13812345678");
	assert_string_equal(o.requester_name, "张三丰");
	assert_string_equal(o.requester_phone, "13812345678");
	assert_string_equal(o.address, "幸福里小区3号楼2单元501室");
	assert_string_equal(o.description, "楼道灯坏了一周,请尽快修,联系电话13812345678");
	assert_string_equal(o.requester_name_masked, "张*丰");
	assert_string_equal(o.requester_phone_masked, "138****5678");
	assert_string_equal(o.address_masked, "幸福里小区3号楼");
	assert_string_equal(o.subject_masked, "楼道灯不亮 ***********");
	assert_int_equal(o.received_at, now - 3600);
	assert_int_equal(o.due.respond, now - 3600 + 24 * 3600);
	assert_int_equal(o.due.accept, 0);
	assert_true(o.due.finish > now);
	assert_int_equal(o.resolved, -1);
	assert_int_equal(o.rating, WO_R_NONE);
	/* The public projection: no personal field, and the phone nowhere. */
	struct wo_order p;
	assert_int_equal(wo_order_public(a, &ar, xingfuli, id, &p), 0);
	assert_null(p.requester_phone);
	assert_null(p.requester_name);
	assert_null(p.description);
	assert_null(p.address);
	assert_null(p.subject);
	assert_string_equal(p.requester_phone_masked, "138****5678");
	assert_null(strstr(p.description_masked, "13812345678"));
	assert_null(strstr(p.subject_masked, "13812345678"));
	assert_string_equal(p.subject_masked, o.subject_masked);
	/* By tracking code, however it is typed, in any community. */
	char typed[16];
	snprintf(typed, sizeof typed, "%.5s-%s", code, code + 5);
	for (char *c = typed; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	struct wo_order c;
	assert_int_equal(wo_order_by_code(a, &ar, typed, &c), 0);
	assert_int_equal(c.id, id);
	assert_int_equal(c.community_id, xingfuli);
	assert_null(c.requester_phone);
	assert_int_equal(wo_order_by_code(a, &ar, "2345678923", &c), 1);
	assert_int_equal(wo_order_by_code(a, &ar, "not a code", &c), 1);
	assert_int_equal(wo_order_public(a, &ar, xingfuli, id + 100000, &c), 1);
	/* The same number in another community is another order (or none). */
	int rc = wo_order_get(a, &ar, heping, id, &c);
	assert_true(rc == 1 || (rc == 0 && strcmp(c.tracking_code, code) && c.community_id == heping));
	/* The phone as typed matches through the blind index. */
	assert_int_equal(wo_order_phone_matches(a, xingfuli, id, "138-1234-5678"), 1);
	assert_int_equal(wo_order_phone_matches(a, xingfuli, id, "+86 138 1234 5678"), 1);
	assert_int_equal(wo_order_phone_matches(a, xingfuli, id, "13812345679"), 0);
	assert_int_equal(wo_order_phone_matches(a, xingfuli, id, ""), 0);
	assert_int_equal(wo_order_phone_matches(a, heping, id, "13812345678"), 0);
}

static struct db_query q_raw = DB_QUERY(
    "SELECT requester_phone_sealed, requester_name_sealed, description_sealed, address_sealed,"
    " requester_phone_index, requester_phone_masked, description_masked, subject_masked, address_masked,"
    " requester_name_masked FROM workorders_order WHERE community_id = ? AND id = ?");

static int contains(const void *p, size_t n, const char *s)
{
	return p && n >= strlen(s) && memmem(p, n, s, strlen(s)) != NULL;
}

static void sealed_columns_hold_no_personal_text(void **state)
{
	(void)state;
	int64_t id = add(WO_K_COMPLAINT, "噪音扰民");
	struct db_stmt *st = db_stmt(a, &q_raw);
	db_bind_int(st, 1, xingfuli);
	db_bind_int(st, 2, id);
	assert_int_equal(db_step(st), DB_ROW);
	for (int i = 0; i < 10; i++) {
		size_t n;
		const void *p = db_col_blob(st, i, &n);
		if (contains(p, n, "13812345678") || contains(p, n, "12345678") || contains(p, n, "张三丰") ||
		    contains(p, n, "501"))
			fail_msg("column %d of the order's row holds personal text", i);
		if (i < 5)
			assert_true(n >= PII_SEAL_OVERHEAD || (i == 4 && n == PII_INDEX_BYTES));
	}
	db_reset(st);
}

static void timeline_keeps_internal_notes_from_the_requester(void **state)
{
	(void)state;
	int64_t id = add(WO_K_REQUEST, "下水道堵塞");
	struct wo_step s = by_staff(WO_A_ASSIGN, wangjg, "王建国");
	s.assignee_user_id = zhoulx;
	s.note = "请周立新联系物业,居民电话13812345678";
	assert_int_equal(apply(id, &s), 0); /* from received: accepts too */
	s = by_staff(WO_A_START, zhoulx, "周立新");
	assert_int_equal(apply(id, &s), 0);
	s = by_staff(WO_A_NOTE, zhoulx, "周立新");
	s.note = "已联系物业,明早疏通";
	s.public_note = 1;
	assert_int_equal(apply(id, &s), 0);
	s = by_staff(WO_A_REPLY, zhoulx, "周立新");
	s.note = "下水道已疏通,如有问题请拨打13900139005";
	s.resolved = 1;
	assert_int_equal(apply(id, &s), 0);
	struct wo_step r = {.action = WO_A_RATE,
	                    .actor_user_id = zhangsan,
	                    .actor = "张三",
	                    .actor_is_requester = 1,
	                    .rating = WO_R_SATISFIED,
	                    .note = "很快,谢谢"};
	assert_int_equal(apply(id, &r), 0);

	struct wo_event *e;
	size_t n;
	assert_int_equal(wo_events(a, &ar, xingfuli, id, 1, &e, &n), 0);
	const enum wo_action all[] = {WO_A_RECEIVE, WO_A_ACCEPT, WO_A_ASSIGN, WO_A_NOTE,  WO_A_NOTE,
	                              WO_A_START,   WO_A_NOTE,   WO_A_REPLY,  WO_A_RATE,  WO_A_CLOSE};
	assert_int_equal(n, sizeof all / sizeof *all);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(e[i].action, all[i]);
	assert_int_equal(e[3].public_note, 0);
	assert_string_equal(e[3].note, "请周立新联系物业,居民电话13812345678");
	assert_string_equal(e[2].note, "");
	assert_int_equal(e[2].actor_user_id, wangjg);
	assert_string_equal(e[2].actor, "王建国");
	assert_string_equal(e[4].note, "交办给 周立新"); /* whom, for the staff */
	assert_int_equal(e[4].public_note, 0);
	assert_string_equal(e[7].note, "下水道已疏通,如有问题请拨打13900139005");
	assert_string_equal(e[9].actor, "系统");
	assert_int_equal(e[9].actor_user_id, 0);
	/* The requester's view: public entries only, notes masked. */
	assert_int_equal(wo_events(a, &ar, xingfuli, id, 0, &e, &n), 0);
	const enum wo_action pub[] = {WO_A_RECEIVE, WO_A_ACCEPT, WO_A_ASSIGN, WO_A_START,
	                              WO_A_NOTE,    WO_A_REPLY,  WO_A_RATE,   WO_A_CLOSE};
	assert_int_equal(n, sizeof pub / sizeof *pub);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(e[i].action, pub[i]);
		assert_int_equal(e[i].public_note, 1);
		assert_null(strstr(e[i].note, "13812345678"));
	}
	assert_string_equal(e[4].note, "已联系物业,明早疏通");
	assert_string_equal(e[5].note, "下水道已疏通,如有问题请拨打***********");
	/* The order: closed by the satisfied rating, responded at the first staff step. */
	struct wo_order o;
	assert_int_equal(wo_order_get(a, &ar, xingfuli, id, &o), 0);
	assert_int_equal(o.state, WO_S_CLOSED);
	assert_int_equal(o.closed_at, now);
	assert_int_equal(o.responded_at, now);
	assert_int_equal(o.accepted_at, now);
	assert_int_equal(o.assignee_user_id, zhoulx);
	assert_string_equal(o.assignee_name, "周立新");
	assert_string_equal(o.reply, "下水道已疏通,如有问题请拨打13900139005");
	assert_string_equal(o.reply_masked, "下水道已疏通,如有问题请拨打***********");
	assert_int_equal(o.resolved, 1);
	assert_int_equal(o.rating, WO_R_SATISFIED);
	assert_string_equal(o.rating_comment, "很快,谢谢");
	/* A second rating is refused. */
	const char *why = NULL;
	assert_int_equal(apply_on(a, xingfuli, id, &r, &why), WO_REFUSED);
	assert_string_equal(why, "该工单已评价过,不能重复评价");
}

static void petition_extension_needs_a_second_staff_member(void **state)
{
	(void)state;
	int64_t id = add(WO_K_PETITION, "邻里漏水纠纷");
	struct wo_order o;
	assert_int_equal(wo_order_get(a, &ar, xingfuli, id, &o), 0);
	assert_int_equal(o.due.finish, 0); /* 信访: counted from acceptance */
	assert_true(o.due.accept > 0);
	struct wo_step s = by_staff(WO_A_ACCEPT, wangjg, "王建国");
	assert_int_equal(apply(id, &s), 0);
	assert_int_equal(wo_order_get(a, &ar, xingfuli, id, &o), 0);
	struct wo_rule rule = wo_rule_default(WO_K_PETITION);
	assert_int_equal(o.due.finish, wo_deadlines(&rule, o.received_at, now, 0).finish);
	s = by_staff(WO_A_EXTEND_ASK, wangjg, "王建国");
	s.days = 30;
	s.note = "需等待物业维修基金审批";
	assert_int_equal(apply(id, &s), 0);
	const char *why = NULL;
	s = by_staff(WO_A_EXTEND_APPROVE, wangjg, "王建国");
	assert_int_equal(apply_on(a, xingfuli, id, &s, &why), WO_REFUSED);
	assert_string_equal(why, "延期申请须由申请人以外的另一名工作人员审批");
	s = by_staff(WO_A_EXTEND_APPROVE, zhoulx, "周立新");
	assert_int_equal(apply(id, &s), 0);
	assert_int_equal(wo_order_get(a, &ar, xingfuli, id, &o), 0);
	assert_string_equal(o.extension_state, "approved");
	assert_int_equal(o.extension_days, 30);
	assert_int_equal(o.extension_by, wangjg);
	assert_int_equal(o.extension_decided_by, zhoulx);
	assert_int_equal(o.due.finish, wo_deadlines(&rule, o.received_at, now, 30).finish);
	s = by_staff(WO_A_EXTEND_ASK, wangjg, "王建国");
	s.days = 5;
	s.note = "再延";
	assert_int_equal(apply_on(a, xingfuli, id, &s, &why), WO_REFUSED);
	assert_string_equal(why, "该工单已申请过延期,每件工单只能申请一次");
}

static void reopen_once_after_unsatisfied(void **state)
{
	(void)state;
	int64_t id = add(WO_K_REQUEST, "小区电梯故障");
	struct wo_step s = by_staff(WO_A_ACCEPT, wangjg, "王建国");
	assert_int_equal(apply(id, &s), 0);
	s = by_staff(WO_A_REPLY, wangjg, "王建国");
	s.note = "已报修";
	s.resolved = 0;
	assert_int_equal(apply(id, &s), 0);
	struct wo_order o;
	assert_int_equal(wo_order_get(a, &ar, xingfuli, id, &o), 0);
	int64_t replied = o.replied_at, finish = o.due.finish;
	struct wo_step r = {.action = WO_A_RATE,
	                    .actor_user_id = zhangsan,
	                    .actor = "张三",
	                    .actor_is_requester = 1,
	                    .rating = WO_R_UNSATISFIED,
	                    .note = "电梯还是坏的"};
	assert_int_equal(apply(id, &r), 0);
	assert_int_equal(wo_order_get(a, &ar, xingfuli, id, &o), 0);
	assert_int_equal(o.state, WO_S_REPLIED); /* 不满意 does not close */
	struct wo_step re = {
	    .action = WO_A_REOPEN, .actor_user_id = zhangsan, .actor = "张三", .actor_is_requester = 1};
	assert_int_equal(apply(id, &re), 0);
	assert_int_equal(wo_order_get(a, &ar, xingfuli, id, &o), 0);
	assert_int_equal(o.state, WO_S_IN_PROGRESS);
	assert_int_equal(o.reopened, 1);
	assert_int_equal(o.rating, WO_R_NONE);
	assert_string_equal(o.rating_comment, "");
	assert_int_equal(o.resolved, -1);
	assert_int_equal(o.replied_at, replied);
	assert_int_equal(o.due.finish, finish);
	s = by_staff(WO_A_REPLY, wangjg, "王建国");
	s.note = "电梯已修好";
	s.resolved = 1;
	assert_int_equal(apply(id, &s), 0);
	r.rating = WO_R_UNSATISFIED;
	assert_int_equal(apply(id, &r), 0);
	const char *why = NULL;
	assert_int_equal(apply_on(a, xingfuli, id, &re, &why), WO_REFUSED);
	assert_string_equal(why, "该工单已重新办理过一次,不能再次申请重新办理");
}

static struct db_query q_transferred =
    DB_QUERY("SELECT COUNT(*) FROM workorders_order WHERE community_id = ? AND transferred_from_community = ?"
             " AND transferred_from_order = ?");

static int64_t transferred_copies(int64_t id)
{
	struct db_stmt *st = db_stmt(a, &q_transferred);
	db_bind_int(st, 1, heping);
	db_bind_int(st, 2, xingfuli);
	db_bind_int(st, 3, id);
	int64_t n = -1;
	assert_int_equal(db_one_int(st, &n), 0);
	return n;
}

static void transfer_and_merge(void **state)
{
	(void)state;
	int64_t id = add(WO_K_REQUEST, "停车位纠纷");
	struct wo_step s = by_staff(WO_A_TRANSFER, wangjg, "王建国");
	s.target_community = heping;
	s.note = "车位在和平社区辖区";
	assert_int_equal(apply(id, &s), 0);
	struct wo_order o, t;
	assert_int_equal(wo_order_get(a, &ar, xingfuli, id, &o), 0);
	assert_int_equal(o.state, WO_S_TRANSFERRED);
	assert_int_equal(o.transferred_to_community, heping);
	assert_int_equal(wo_order_get(a, &ar, heping, o.transferred_to_order, &t), 0);
	assert_int_equal(t.state, WO_S_RECEIVED);
	assert_int_equal(t.transferred_from_community, xingfuli);
	assert_int_equal(t.transferred_from_order, id);
	assert_string_equal(t.requester_phone, "13812345678");
	assert_string_equal(t.subject, "停车位纠纷");
	assert_string_not_equal(t.tracking_code, o.tracking_code);
	assert_int_equal(transferred_copies(id), 1);
	const char *why = NULL;
	s.target_community = 999999;
	int64_t other = add(WO_K_REQUEST, "停车位纠纷(另一件)");
	assert_int_equal(apply_on(a, xingfuli, other, &s, &why), WO_REFUSED);
	assert_string_equal(why, "要转办的社区不存在");

	int64_t first = add(WO_K_REQUEST, "楼道灯不亮(3号楼)"),
	        dup = add(WO_K_REQUEST, "楼道灯不亮(3号楼)重复");
	s = by_staff(WO_A_MERGE, wangjg, "王建国");
	s.merge_into = first;
	assert_int_equal(apply(dup, &s), 0);
	assert_int_equal(wo_order_get(a, &ar, xingfuli, dup, &o), 0);
	assert_int_equal(o.state, WO_S_MERGED);
	assert_int_equal(o.merged_into, first);
	int64_t third = add(WO_K_REQUEST, "楼道灯不亮(又一件)");
	s.merge_into = dup;
	assert_int_equal(apply_on(a, xingfuli, third, &s, &why), WO_REFUSED);
	assert_string_equal(why, "要合并到的工单本身已被合并,请合并到它所合并到的工单");
	s.merge_into = 987654;
	assert_int_equal(apply_on(a, xingfuli, third, &s, &why), WO_REFUSED);
	assert_string_equal(why, "要合并到的工单不存在");
	assert_int_equal(apply_on(a, xingfuli, 987654, &s, &why), 1);
}

static void lists_filter_and_page(void **state)
{
	(void)state;
	int64_t ids[5];
	for (int i = 0; i < 5; i++)
		ids[i] = add(WO_K_INQUIRY, "高龄津贴咨询(列表)");
	struct wo_filter f = {.q = "高龄津贴咨询(列表", .now = now};
	struct wo_line *l;
	size_t n;
	int more;
	assert_int_equal(wo_orders(a, &ar, xingfuli, &f, 0, 3, &l, &n, &more), 0);
	assert_int_equal(n, 3);
	assert_int_equal(more, 1);
	assert_int_equal(l[0].id, ids[4]); /* newest first (same time: higher number first) */
	assert_int_equal(l[2].id, ids[2]);
	assert_string_equal(l[0].requester_name_masked, "张*丰");
	assert_int_equal(l[0].kind, WO_K_INQUIRY);
	assert_int_equal(wo_orders(a, &ar, xingfuli, &f, 3, 3, &l, &n, &more), 0);
	assert_int_equal(n, 2);
	assert_int_equal(more, 0);
	/* By tracking code, grouped as shown. */
	struct wo_order o;
	assert_int_equal(wo_order_public(a, &ar, xingfuli, ids[1], &o), 0);
	struct wo_filter byc = {.q = wo_code_grouped(&ar, o.tracking_code), .now = now};
	assert_int_equal(wo_orders(a, &ar, xingfuli, &byc, 0, 10, &l, &n, &more), 0);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].id, ids[1]);
	/* By state, kind, assignee, overdue. */
	struct wo_step s = by_staff(WO_A_ASSIGN, wangjg, "王建国");
	s.assignee_user_id = zhoulx;
	assert_int_equal(apply(ids[0], &s), 0);
	struct wo_filter fs = {.q = "高龄津贴咨询(列表", .state = WO_S_ASSIGNED + 1, .now = now};
	assert_int_equal(wo_orders(a, &ar, xingfuli, &fs, 0, 10, &l, &n, &more), 0);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].id, ids[0]);
	assert_string_equal(l[0].assignee_name, "周立新");
	struct wo_filter fa = {
	    .assignee_user_id = zhoulx, .kind = WO_K_INQUIRY + 1, .open_only = 1, .now = now};
	assert_int_equal(wo_orders(a, &ar, xingfuli, &fa, 0, 10, &l, &n, &more), 0);
	assert_true(n >= 1);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(l[i].kind, WO_K_INQUIRY);
	/* 25 hours later the four not yet answered are past their 24-hour response limit. */
	struct wo_filter fo = {.q = "高龄津贴咨询(列表", .overdue = 1, .now = now + 25 * 3600};
	assert_int_equal(wo_orders(a, &ar, xingfuli, &fo, 0, 10, &l, &n, &more), 0);
	assert_int_equal(n, 4);
	fo.now = now;
	assert_int_equal(wo_orders(a, &ar, xingfuli, &fo, 0, 10, &l, &n, &more), 0);
	assert_int_equal(n, 0);
	struct wo_filter ft = {.q = "高龄津贴咨询(列表", .from = now, .to = now + 10, .now = now};
	assert_int_equal(wo_orders(a, &ar, xingfuli, &ft, 0, 10, &l, &n, &more), 0);
	assert_int_equal(n, 0); /* received an hour ago */
	ft.from = now - 3600;
	assert_int_equal(wo_orders(a, &ar, xingfuli, &ft, 0, 10, &l, &n, &more), 0);
	assert_int_equal(n, 5);
	struct wo_filter wild = {.q = "%", .now = now};
	assert_int_equal(wo_orders(a, &ar, xingfuli, &wild, 0, 10, &l, &n, &more), 0);
	assert_int_equal(n, 0); /* % is a character, not a wildcard */
}

static void rules_default_until_set(void **state)
{
	(void)state;
	struct wo_rule r, all[WO_K__MAX];
	assert_int_equal(wo_rule_get(a, heping, WO_K_COMPLAINT, &r), 0);
	assert_int_equal(r.respond_hours, 24);
	struct wo_rule w = {.kind = WO_K_COMPLAINT, .respond_hours = 12, .finish_days = 5, .working_days = 1};
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(wo_rule_set(a, heping, &w, wangjg, now), 0);
	w.finish_days = 4; /* a second write replaces the first */
	assert_int_equal(wo_rule_set(a, heping, &w, wangjg, now), 0);
	assert_int_equal(db_commit(a), 0);
	assert_int_equal(wo_rule_get(a, heping, WO_K_COMPLAINT, &r), 0);
	assert_int_equal(r.respond_hours, 12);
	assert_int_equal(r.finish_days, 4);
	assert_int_equal(r.working_days, 1);
	assert_int_equal(wo_rules(a, heping, all), 0);
	assert_int_equal(all[WO_K_COMPLAINT].finish_days, 4);
	assert_int_equal(all[WO_K_PETITION].accept_days, 15);
	assert_int_equal(wo_rule_get(a, xingfuli, WO_K_COMPLAINT, &r), 0);
	assert_int_equal(r.respond_hours, 24); /* another community keeps the default */
	/* A new order takes the community's rule. */
	int64_t id = add_on(a, heping, WO_K_COMPLAINT, "投诉(规则)", NULL);
	struct wo_order o;
	assert_int_equal(wo_order_public(a, &ar, heping, id, &o), 0);
	assert_int_equal(o.due.respond, now - 3600 + 12 * 3600);
	w.respond_hours = 9000; /* outside the table's CHECK */
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(wo_rule_set(a, heping, &w, wangjg, now), -1);
	db_rollback(a);
}

/* Free text in the masked columns: the requester's name, the address, room
 * numbers and e-mails are masked wherever they are typed. */
static void free_text_masks_name_address_rooms_and_email(void **state)
{
	(void)state;
	struct wo_new n = {
	    .channel = WO_CH_WEB,
	    .kind = WO_K_REQUEST,
	    .subject = "张伟家5号楼1单元302室漏水 联系zw@example.com",
	    .description = "住在张伟家,幸福里小区平房区第十二户,张伟本人在家",
	    .address = "张伟家,幸福里小区平房区第十二户",
	    .requester_name = "张伟",
	    .requester_phone = "13812345678",
	    .actor = "居民(网上)",
	    .received_at = now - 60,
	};
	int64_t id = 0;
	const char *code = NULL;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(wo_order_add(a, &ar, xingfuli, &n, &id, &code), 0);
	assert_int_equal(db_commit(a), 0);
	struct wo_order o;
	assert_int_equal(wo_order_public(a, &ar, xingfuli, id, &o), 0);
	assert_string_equal(o.subject_masked, "张*家5号楼*单元***室漏水 联系**@example.com");
	assert_string_equal(o.address_masked, "张*家,幸福里小区**");
	assert_string_equal(o.description_masked, "住在张*家,幸福里小区**,张*本人在家");
	/* Every step that writes a masked column masks the same way. */
	struct wo_step s = by_staff(WO_A_ACCEPT, wangjg, "王建国");
	s.note = "已联系张伟,1单元302室";
	s.public_note = 1;
	assert_int_equal(apply(id, &s), 0);
	s = by_staff(WO_A_REPLY, wangjg, "王建国");
	s.note = "张伟您好:5号楼1单元302室的漏水已修好,回执发到zw@example.com";
	s.resolved = 1;
	assert_int_equal(apply(id, &s), 0);
	assert_int_equal(wo_order_public(a, &ar, xingfuli, id, &o), 0);
	assert_string_equal(o.reply_masked, "张*您好:5号楼*单元***室的漏水已修好,回执发到**@example.com");
	s = (struct wo_step){.action = WO_A_RATE, .actor = "张伟", .actor_is_requester = 1,
	                     .rating = WO_R_UNSATISFIED, .note = "张伟不满意,幸福里小区平房区第十二户还在漏"};
	assert_int_equal(apply(id, &s), 0);
	assert_int_equal(wo_order_public(a, &ar, xingfuli, id, &o), 0);
	assert_string_equal(o.rating_comment_masked, "张*不满意,幸福里小区平房区第**户还在漏");
	struct wo_event *ev;
	size_t ne;
	assert_int_equal(wo_events(a, &ar, xingfuli, id, 0, &ev, &ne), 0);
	int seen = 0;
	for (size_t i = 0; i < ne; i++) {
		assert_null(strstr(ev[i].note, "张伟"));
		assert_null(strstr(ev[i].note, "302"));
		assert_null(strstr(ev[i].note, "zw@"));
		if (!strcmp(ev[i].note, "已联系张*,*单元***室"))
			seen = 1;
	}
	assert_true(seen);
	/* A reject reason is shown on the tracking page: masked too. */
	n.subject = "另一件";
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(wo_order_add(a, &ar, xingfuli, &n, &id, &code), 0);
	assert_int_equal(db_commit(a), 0);
	s = by_staff(WO_A_REJECT, wangjg, "王建国");
	s.note = "张伟家(第十二户)的事不属本社区";
	assert_int_equal(apply(id, &s), 0);
	assert_int_equal(wo_order_public(a, &ar, xingfuli, id, &o), 0);
	assert_string_equal(o.reject_reason, "张*家(第**户)的事不属本社区");
}

/* A merged into B, then B into C: A follows to C. */
static void merging_a_merged_into_order_repoints_its_merges(void **state)
{
	(void)state;
	int64_t oa = add(WO_K_REQUEST, "合并链 A"), ob = add(WO_K_REQUEST, "合并链 B"),
	        oc = add(WO_K_REQUEST, "合并链 C"), od = add(WO_K_REQUEST, "合并链 D");
	struct wo_step s = by_staff(WO_A_MERGE, wangjg, "王建国");
	s.merge_into = ob;
	assert_int_equal(apply(oa, &s), 0);
	s.merge_into = oc;
	assert_int_equal(apply(ob, &s), 0);
	struct wo_order o;
	assert_int_equal(wo_order_get(a, &ar, xingfuli, oa, &o), 0);
	assert_int_equal(o.state, WO_S_MERGED);
	assert_int_equal(o.merged_into, oc);
	assert_int_equal(wo_order_get(a, &ar, xingfuli, ob, &o), 0);
	assert_int_equal(o.merged_into, oc);
	/* And once more: C into D takes A and B along. */
	s.merge_into = od;
	assert_int_equal(apply(oc, &s), 0);
	assert_int_equal(wo_order_get(a, &ar, xingfuli, oa, &o), 0);
	assert_int_equal(o.merged_into, od);
	assert_int_equal(wo_order_get(a, &ar, xingfuli, ob, &o), 0);
	assert_int_equal(o.merged_into, od);
	assert_int_equal(wo_order_get(a, &ar, xingfuli, od, &o), 0);
	assert_int_equal(o.state, WO_S_RECEIVED);
}

static struct db_query q_old_masking = DB_QUERY(
    "UPDATE workorders_order SET subject_masked = ? WHERE community_id = ? AND id = ?");

/* Hot issues are subjects met at least twice; one resident's own subject is
 * not listed; rows masked before rooms and e-mails were are masked on the way out. */
static void top_subjects_are_repeated_ones(void **state)
{
	(void)state;
	add(WO_K_REQUEST, "热点:小区路灯不亮");
	add(WO_K_REQUEST, "热点:小区路灯不亮");
	add(WO_K_REQUEST, "只此一件:某家私事");
	for (int i = 0; i < 2; i++) {
		int64_t id = add(WO_K_REQUEST, "旧数据");
		struct db_stmt *st = db_stmt(a, &q_old_masking);
		db_bind_text(st, 1, "旧:3单元502室 zw@example.com", -1);
		db_bind_int(st, 2, xingfuli);
		db_bind_int(st, 3, id);
		assert_int_equal(db_run(st), DB_DONE);
	}
	int old = 0;
	struct wo_subject_count *top;
	size_t n;
	assert_int_equal(wo_stats_top_subjects(a, &ar, xingfuli, now - 7200, now + 1, 100, &top, &n), 0);
	int hot = 0;
	for (size_t i = 0; i < n; i++) {
		assert_true(top[i].n >= 2);
		assert_string_not_equal(top[i].subject_masked, "只此一件:某家私事");
		if (!strcmp(top[i].subject_masked, "热点:小区路灯不亮"))
			hot = (int)top[i].n;
		if (!strcmp(top[i].subject_masked, "旧:*单元***室 **@example.com"))
			old = (int)top[i].n;
	}
	assert_int_equal(hot, 2);
	assert_int_equal(old, 2);
}

/* ---- races between two connections ---- */

struct race {
	int64_t community, id;
	struct wo_step step;
	int rc;
	const char *why;
	struct arena arena;
};

static void *apply_on_b(void *arg)
{
	struct race *r = arg;
	r->rc = db_begin(b);
	if (r->rc == 0) {
		r->rc = wo_apply(b, &r->arena, r->community, r->id, &r->step, now, &r->why);
		if (r->rc == 0)
			r->rc = db_commit(b) == 0 ? 0 : -1;
		else
			db_rollback(b);
	}
	return NULL;
}

static void sleep_ms(int ms)
{
	struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000};
	nanosleep(&t, NULL);
}

/* Connection a applies its step and holds its transaction open while b
 * tries the same; a commits; b's result is returned. */
static int race(int64_t community, int64_t id, const struct wo_step *sa, const struct wo_step *sb,
                const char **why_b)
{
	struct race r = {.community = community, .id = id, .step = *sb};
	arena_init(&r.arena, 1 << 20);
	const char *why = NULL;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(wo_apply(a, &ar, community, id, sa, now, &why), 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, apply_on_b, &r), 0);
	sleep_ms(300);
	assert_int_equal(db_commit(a), 0);
	pthread_join(t, NULL);
	*why_b = r.why ? arena_strdup(&ar, r.why) : NULL;
	arena_free(&r.arena);
	return r.rc;
}

static struct db_query q_events_of =
    DB_QUERY("SELECT COUNT(*) FROM workorders_event WHERE community_id = ? AND order_id = ? AND action = ?");

/* The count a query of (community, order, text) gives. */
static int64_t count_of(struct db_query *q, int64_t community, int64_t id, const char *text)
{
	struct db_stmt *st = db_stmt(a, q);
	db_bind_int(st, 1, community);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, text, -1);
	int64_t n = -1;
	assert_int_equal(db_one_int(st, &n), 0);
	return n;
}

static int64_t events_of(int64_t community, int64_t id, const char *action)
{
	return count_of(&q_events_of, community, id, action);
}

static void two_staff_accept_at_once_one_wins(void **state)
{
	(void)state;
	int64_t id = add(WO_K_PETITION, "两人同时受理");
	struct wo_step sa = by_staff(WO_A_ACCEPT, wangjg, "王建国"),
	               sb = by_staff(WO_A_ACCEPT, zhoulx, "周立新");
	const char *why = NULL;
	assert_int_equal(race(xingfuli, id, &sa, &sb, &why), WO_REFUSED);
	assert_string_equal(why, "该工单处于“已受理”状态,不能受理");
	assert_int_equal(events_of(xingfuli, id, "accept"), 1);
}

static void two_approvals_of_one_extension_apply_once(void **state)
{
	(void)state;
	int64_t id = add(WO_K_PETITION, "两人同时批准延期");
	struct wo_step s = by_staff(WO_A_ACCEPT, wangjg, "王建国");
	assert_int_equal(apply(id, &s), 0);
	s = by_staff(WO_A_EXTEND_ASK, wangjg, "王建国");
	s.days = 20;
	s.note = "需要现场复核";
	assert_int_equal(apply(id, &s), 0);
	struct wo_order o;
	assert_int_equal(wo_order_get(a, &ar, xingfuli, id, &o), 0);
	int64_t before = o.due.finish;
	struct wo_step sa = by_staff(WO_A_EXTEND_APPROVE, zhoulx, "周立新"), sb = sa;
	const char *why = NULL;
	assert_int_equal(race(xingfuli, id, &sa, &sb, &why), WO_REFUSED);
	assert_string_equal(why, "该工单没有待审批的延期申请");
	assert_int_equal(events_of(xingfuli, id, "extend_approve"), 1);
	assert_int_equal(wo_order_get(a, &ar, xingfuli, id, &o), 0);
	assert_int_equal(o.due.finish, before + 20 * 86400); /* calendar days, added once */
}

static void two_transfers_make_one_new_order(void **state)
{
	(void)state;
	int64_t id = add(WO_K_REQUEST, "两人同时转办");
	struct wo_step sa = by_staff(WO_A_TRANSFER, wangjg, "王建国"),
	               sb = by_staff(WO_A_TRANSFER, zhoulx, "周立新");
	sa.target_community = sb.target_community = heping;
	const char *why = NULL;
	assert_int_equal(race(xingfuli, id, &sa, &sb, &why), WO_REFUSED);
	assert_string_equal(why, "该工单已转办,不能再转办");
	assert_int_equal(transferred_copies(id), 1);
}

struct crossed {
	int64_t id;
	struct wo_step step;
	int rc;
	const char *why;
	struct arena arena;
};

static void *crossed_on_b(void *arg)
{
	struct crossed *r = arg;
	r->rc = db_begin(b);
	if (r->rc == 0) {
		r->rc = wo_apply(b, &r->arena, xingfuli, r->id, &r->step, now, &r->why);
		if (r->rc == 0)
			r->rc = db_commit(b) == 0 ? 0 : -1;
		else
			db_rollback(b);
	}
	return NULL;
}

/* Staff on a has order x locked (its page's step under way) while staff on
 * b merges y into x; then a merges x into y. Without the orders locked in
 * id order the two wait on each other (PostgreSQL: deadlock, an error);
 * with it a wins and b is refused. */
static void crossed_merges_do_not_deadlock(void **state)
{
	(void)state;
	int64_t x = add(WO_K_REQUEST, "交叉合并 甲"), y = add(WO_K_REQUEST, "交叉合并 乙");
	struct crossed r = {.id = y, .step = by_staff(WO_A_MERGE, zhoulx, "周立新")};
	r.step.merge_into = x;
	arena_init(&r.arena, 1 << 20);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(wo_order_lock(a, xingfuli, x), 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, crossed_on_b, &r), 0);
	sleep_ms(300);
	struct wo_step s = by_staff(WO_A_MERGE, wangjg, "王建国");
	s.merge_into = y;
	const char *why = NULL;
	int rc = wo_apply(a, &ar, xingfuli, x, &s, now, &why);
	if (rc == 0)
		assert_int_equal(db_commit(a), 0);
	else
		db_rollback(a);
	pthread_join(t, NULL);
	assert_int_equal(rc, 0);
	assert_int_equal(r.rc, WO_REFUSED);
	assert_string_equal(r.why, "要合并到的工单本身已被合并,请合并到它所合并到的工单");
	arena_free(&r.arena);
	struct wo_order o;
	assert_int_equal(wo_order_get(a, &ar, xingfuli, x, &o), 0);
	assert_int_equal(o.merged_into, y);
	assert_int_equal(wo_order_get(a, &ar, xingfuli, y, &o), 0);
	assert_int_equal(o.state, WO_S_RECEIVED);
}

/* ---- mediation and attachments ---- */

static void mediation_records_parties_sessions_and_outcome(void **state)
{
	(void)state;
	struct wo_new n = {.channel = WO_CH_MEDIATION,
	                   .kind = WO_K_MEDIATION,
	                   .subject = "邻里漏水纠纷(调解)",
	                   .requester_name = "李四",
	                   .requester_phone = "13700001111",
	                   .actor = "周立新",
	                   .received_by = zhoulx,
	                   .received_at = now};
	int64_t id, other = add(WO_K_REQUEST, "不是调解");
	const char *code, *why = NULL;
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(wo_order_add(a, &ar, xingfuli, &n, &id, &code), 0);
	assert_int_equal(db_commit(a), 0);
	struct wo_step st = by_staff(WO_A_MEDIATION, zhoulx, "周立新");
	int64_t sid;
	assert_int_equal(db_begin(a), 0);
	/* Sessions and the outcome come after the case is accepted. */
	assert_int_equal(
	    wo_session_add(a, &ar, xingfuli, id, now, "居委会调解室", "第一次调解", &st, now, &sid, &why),
	    WO_REFUSED);
	assert_string_equal(why, "请先受理调解申请,再记录调解过程和结果");
	struct wo_step acc = by_staff(WO_A_ACCEPT, zhoulx, "周立新");
	assert_int_equal(wo_apply(a, &ar, xingfuli, id, &acc, now, &why), 0);
	assert_int_equal(
	    wo_session_add(a, &ar, xingfuli, id, now, "居委会调解室", "第一次调解", &st, now, &sid, &why),
	    WO_REFUSED);
	assert_string_equal(why, "请先登记调解当事人和调解员");
	assert_int_equal(wo_mediation_put(a, &ar, xingfuli, other, "甲、乙", "周立新", &st, now, &why),
	                 WO_REFUSED);
	assert_string_equal(why, "只有调解类工单可以记录调解情况");
	assert_int_equal(wo_mediation_put(a, &ar, xingfuli, id, "李四(601室,13700001111)与王五(501室)",
	                                  "周立新", &st, now, &why),
	                 0);
	assert_int_equal(wo_session_add(a, &ar, xingfuli, id, now, "居委会调解室",
	                                "双方到场,王五同意先修防水", &st, now, &sid, &why),
	                 0);
	assert_int_equal(wo_mediation_conclude(a, &ar, xingfuli, id, 1, "", &st, now, &why), WO_REFUSED);
	assert_string_equal(why, "达成协议的,请填写协议内容。");
	assert_int_equal(wo_mediation_conclude(a, &ar, xingfuli, id, 1,
	                                       "王五于十日内修复防水层,承担李四维修费 800 元", &st, now,
	                                       &why),
	                 0);
	assert_int_equal(wo_mediation_conclude(a, &ar, xingfuli, id, 0, NULL, &st, now, &why), WO_REFUSED);
	assert_string_equal(why, "还没有登记调解,或调解已有结果");
	assert_int_equal(wo_mediation_put(a, &ar, xingfuli, id, "甲", "乙", &st, now, &why), WO_REFUSED);
	assert_string_equal(why, "调解已有结果,不能再修改当事人和调解员");
	assert_int_equal(db_commit(a), 0);
	struct wo_mediation m;
	assert_int_equal(wo_mediation_get(a, &ar, xingfuli, id, 1, &m), 0);
	assert_string_equal(m.parties, "李四(601室,13700001111)与王五(501室)");
	assert_null(strstr(m.parties_masked, "13700001111"));
	assert_string_equal(m.mediator, "周立新");
	assert_string_equal(m.outcome, "agreed");
	assert_string_equal(m.agreement, "王五于十日内修复防水层,承担李四维修费 800 元");
	assert_int_equal(m.concluded_at, now);
	assert_int_equal(wo_mediation_get(a, &ar, xingfuli, id, 0, &m), 0);
	assert_null(m.parties);
	assert_null(m.agreement);
	assert_int_equal(wo_mediation_get(a, &ar, xingfuli, other, 0, &m), 1);
	struct wo_session *ss;
	size_t ns;
	assert_int_equal(wo_sessions(a, &ar, xingfuli, id, &ss, &ns), 0);
	assert_int_equal(ns, 1);
	assert_int_equal(ss[0].id, sid);
	assert_string_equal(ss[0].place, "居委会调解室");
	assert_string_equal(ss[0].note, "双方到场,王五同意先修防水");
	assert_int_equal(events_of(xingfuli, id, "mediation"), 3);
	/* Only the outcome is told to the requester. */
	struct wo_event *e;
	size_t ne;
	assert_int_equal(wo_events(a, &ar, xingfuli, id, 0, &e, &ne), 0);
	assert_int_equal(ne, 3); /* received, accepted, the outcome */
	assert_string_equal(e[2].note, "调解达成协议");
}

static void attachments_at_most_five_of_five_megabytes(void **state)
{
	(void)state;
	int64_t id = add(WO_K_REQUEST, "附件");
	struct wo_step st = by_staff(WO_A_NOTE, wangjg, "王建国");
	const char *why = NULL;
	static unsigned char big[WO_FILE_MAX_BYTES + 1];
	memset(big, 'x', sizeof big);
	const char photo[] = "JPEG:楼道照片 13812345678";
	int64_t fid;
	assert_int_equal(db_begin(a), 0);
	for (int i = 0; i < WO_FILES_MAX; i++)
		assert_int_equal(wo_file_add(a, &ar, xingfuli, id, "楼道.jpg", "image/jpeg",
		                             i ? big : (const void *)photo,
		                             i ? WO_FILE_MAX_BYTES : sizeof photo - 1, &st, now, &fid, &why),
		                 0);
	assert_int_equal(
	    wo_file_add(a, &ar, xingfuli, id, "6.jpg", "image/jpeg", photo, 3, &st, now, &fid, &why),
	    WO_REFUSED);
	assert_string_equal(why, "每件工单最多 5 个附件");
	assert_int_equal(db_commit(a), 0);
	int64_t id2 = add(WO_K_REQUEST, "附件太大");
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(
	    wo_file_add(a, &ar, xingfuli, id2, "big.bin", "", big, sizeof big, &st, now, &fid, &why),
	    WO_REFUSED);
	assert_string_equal(why, "每个附件不能超过 5 MB");
	assert_int_equal(wo_file_add(a, &ar, xingfuli, id2, "empty", "", big, 0, &st, now, &fid, &why),
	                 WO_REFUSED);
	assert_string_equal(why, "附件是空的");
	/* The requester adds files while the order waits for acceptance (as they file), not after. */
	struct wo_step resident = {.action = WO_A_NOTE, .actor = "张三", .actor_is_requester = 1};
	assert_int_equal(wo_file_add(a, &ar, xingfuli, id2, "a.jpg", "", photo, 3, &resident, now, &fid, &why), 0);
	db_rollback(a);
	struct wo_step accept = by_staff(WO_A_ACCEPT, wangjg, "王建国");
	assert_int_equal(apply(id2, &accept), 0);
	assert_int_equal(db_begin(a), 0);
	assert_int_equal(
	    wo_file_add(a, &ar, xingfuli, id2, "a.jpg", "", photo, 3, &resident, now, &fid, &why),
	    WO_REFUSED);
	assert_string_equal(why, "工单受理后,补充材料请交给社区工作人员");
	assert_int_equal(wo_file_add(a, &ar, xingfuli, 987654, "a.txt", "", photo, 3, &st, now, &fid, &why),
	                 1);
	db_rollback(a);
	struct wo_file *fs;
	size_t n;
	assert_int_equal(wo_files(a, &ar, xingfuli, id, &fs, &n), 0);
	assert_int_equal(n, WO_FILES_MAX);
	assert_null(fs[0].data);
	assert_int_equal(fs[0].size, (int64_t)sizeof photo - 1);
	assert_int_equal(fs[1].size, WO_FILE_MAX_BYTES);
	char sha[65];
	token_sha256_hex(photo, sizeof photo - 1, sha);
	assert_string_equal(fs[0].sha256, sha);
	struct wo_file f;
	assert_int_equal(wo_file_get(a, &ar, xingfuli, id, fs[0].id, &f), 0);
	assert_memory_equal(f.data, photo, sizeof photo - 1);
	assert_string_equal(f.mime, "image/jpeg");
	assert_int_equal(wo_file_get(a, &ar, xingfuli, id2, fs[0].id, &f), 1); /* another order's file */
	/* The bytes are sealed at rest. */
	static struct db_query q =
	    DB_QUERY("SELECT data FROM workorders_file WHERE community_id = ? AND id = ?");
	struct db_stmt *s = db_stmt(a, &q);
	db_bind_int(s, 1, xingfuli);
	db_bind_int(s, 2, fs[0].id);
	assert_int_equal(db_step(s), DB_ROW);
	size_t len;
	const void *raw = db_col_blob(s, 0, &len);
	assert_int_equal(len, sizeof photo - 1 + PII_SEAL_OVERHEAD);
	assert_false(contains(raw, len, "13812345678"));
	assert_false(contains(raw, len, "JPEG"));
	db_reset(s);
	assert_int_equal(events_of(xingfuli, id, "note"), WO_FILES_MAX);
}

/* ---- reminders ---- */

static struct db_query q_reminder =
    DB_QUERY("SELECT COUNT(*) FROM workorders_reminder WHERE community_id = ? AND order_id = ? AND what = ?");

static int64_t reminders(int64_t id, const char *what)
{
	return count_of(&q_reminder, xingfuli, id, what);
}

static void reminders_are_recorded_once_per_kind(void **state)
{
	(void)state;
	int64_t id = add(WO_K_REQUEST, "楼道灯不亮(提醒)"), pet = add(WO_K_PETITION, "信访(提醒)");
	struct wo_order o, p;
	assert_int_equal(wo_order_public(a, &ar, xingfuli, id, &o), 0);
	assert_int_equal(wo_order_public(a, &ar, xingfuli, pet, &p), 0);
	int n = -1;
	/* An hour before the finish date: the response (24 h) is overdue, the finish is near. */
	int64_t t = o.due.finish - 3600;
	assert_int_equal(wo_remind(a, t, &n), 0);
	assert_true(n >= 2);
	assert_int_equal(reminders(id, "respond_overdue"), 1);
	assert_int_equal(reminders(id, "finish_soon"), 1);
	assert_int_equal(reminders(id, "finish_overdue"), 0);
	assert_int_equal(events_of(xingfuli, id, "remind"), 2);
	/* Again at the same time: nothing new. */
	assert_int_equal(wo_remind(a, t, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(events_of(xingfuli, id, "remind"), 2);
	/* Past the finish date: finish_overdue, once. */
	assert_int_equal(wo_remind(a, o.due.finish + 1, &n), 0);
	assert_int_equal(reminders(id, "finish_overdue"), 1);
	assert_int_equal(events_of(xingfuli, id, "remind"), 3);
	struct wo_event *e;
	size_t ne;
	assert_int_equal(wo_events(a, &ar, xingfuli, id, 1, &e, &ne), 0);
	assert_int_equal(e[ne - 1].action, WO_A_REMIND);
	assert_string_equal(e[ne - 1].actor, "系统");
	assert_int_equal(e[ne - 1].public_note, 0);
	assert_non_null(strstr(e[ne - 1].note, "已超过办结期限"));
	/* Reminders are internal: the requester's timeline has none. */
	assert_int_equal(wo_events(a, &ar, xingfuli, id, 0, &e, &ne), 0);
	for (size_t i = 0; i < ne; i++)
		assert_int_not_equal(e[i].action, WO_A_REMIND);
	/* The petition: acceptance overdue; no finish date before acceptance. */
	assert_int_equal(reminders(pet, "accept_soon"), 0);
	assert_int_equal(wo_remind(a, p.due.accept - 60, &n), 0);
	assert_int_equal(reminders(pet, "accept_soon"), 1);
	assert_int_equal(wo_remind(a, p.due.accept + 60, &n), 0);
	assert_int_equal(reminders(pet, "accept_overdue"), 1);
	assert_int_equal(reminders(pet, "finish_overdue"), 0);
	/* A closed order gets no reminder. */
	int64_t done = add(WO_K_REQUEST, "已办结(提醒)");
	struct wo_step s = by_staff(WO_A_REJECT, wangjg, "王建国");
	s.note = "不属于社区职责";
	assert_int_equal(apply(done, &s), 0);
	assert_int_equal(wo_remind(a, now + 30 * 86400, &n), 0);
	assert_int_equal(reminders(done, "respond_overdue"), 0);
	assert_int_equal(reminders(done, "finish_overdue"), 0);
}

/* Waits up to seconds for the order's reminder of that kind: 1 if it came. */
static int reminder_comes(int64_t id, const char *what, int seconds)
{
	for (int i = 0; i < seconds * 10; i++) {
		if (reminders(id, what) == 1)
			return 1;
		sleep_ms(100);
	}
	return 0;
}

/* An emergency whose 2-hour response limit passed a minute ago (add()
 * receives it an hour ago; the limit is moved back for the test). */
static int64_t late_emergency(const char *subject)
{
	static struct db_query q =
	    DB_QUERY("UPDATE workorders_order SET respond_due = ? WHERE community_id = ? AND id = ?");
	int64_t id = add(WO_K_EMERGENCY, subject);
	assert_int_equal(db_begin(a), 0);
	struct db_stmt *st = db_stmt(a, &q);
	db_bind_int(st, 1, now - 60);
	db_bind_int(st, 2, xingfuli);
	db_bind_int(st, 3, id);
	assert_int_equal(db_run(st), DB_DONE);
	assert_int_equal(db_commit(a), 0);
	return id;
}

static void the_server_records_reminders_on_its_tick(void **state)
{
	(void)state;
	int64_t id = late_emergency("小区电梯困人(服务器提醒)");
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		execl(shequ, shequ, "serve", "--db", fx.url, "--listen", "127.0.0.1:0", "--threads", "1",
		      "--tick-seconds", "1", (char *)NULL);
		_exit(127);
	}
	int came = reminder_comes(id, "respond_overdue", 15);
	kill(pid, SIGTERM);
	int status;
	waitpid(pid, &status, 0);
	assert_int_equal(came, 1);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* one timeline entry for each reminder recorded: the response's, and the
	 * finish's too when its deadline falls within a day of now (near China's
	 * midnight an emergency's does) */
	assert_int_equal(events_of(xingfuli, id, "remind"),
	                 reminders(id, "respond_overdue") + reminders(id, "finish_soon") + reminders(id, "finish_overdue"));
	/* And `shequ workorders remind`, for cron. */
	id = late_emergency("小区电梯困人(命令提醒)");
	char cmd[1500];
	snprintf(cmd, sizeof cmd,
	         "'%s' workorders remind --db '%s' | grep -q '^[1-9][0-9]* reminders recorded$'", shequ, fx.url);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(reminders(id, "respond_overdue"), 1);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SHEQU_BINARY\n", argv[0]);
		return 2;
	}
	shequ = argv[1];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(add_then_get_opens_and_public_masks),
	    cmocka_unit_test(sealed_columns_hold_no_personal_text),
	    cmocka_unit_test(timeline_keeps_internal_notes_from_the_requester),
	    cmocka_unit_test(petition_extension_needs_a_second_staff_member),
	    cmocka_unit_test(reopen_once_after_unsatisfied),
	    cmocka_unit_test(transfer_and_merge),
	    cmocka_unit_test(free_text_masks_name_address_rooms_and_email),
	    cmocka_unit_test(merging_a_merged_into_order_repoints_its_merges),
	    cmocka_unit_test(top_subjects_are_repeated_ones),
	    cmocka_unit_test(lists_filter_and_page),
	    cmocka_unit_test(rules_default_until_set),
	    cmocka_unit_test(two_staff_accept_at_once_one_wins),
	    cmocka_unit_test(two_approvals_of_one_extension_apply_once),
	    cmocka_unit_test(two_transfers_make_one_new_order),
	    cmocka_unit_test(crossed_merges_do_not_deadlock),
	    cmocka_unit_test(mediation_records_parties_sessions_and_outcome),
	    cmocka_unit_test(attachments_at_most_five_of_five_megabytes),
	    cmocka_unit_test(reminders_are_recorded_once_per_kind),
	    cmocka_unit_test(the_server_records_reminders_on_its_tick),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
