/* The state machine (wo_refusal, pure): each action from each state,
 * allowed or refused with the exact Chinese message; who may take a step;
 * the once-only rules (rating, reopen, extension); required fields and the
 * extension's limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "modules/workorders/workorders_internal.h"

#define NOW 1780000000
#define STAFF 7
#define STAFF2 8

static struct wo_order order_in(enum wo_state st)
{
	struct wo_order o;
	memset(&o, 0, sizeof o);
	o.community_id = 3;
	o.id = 42;
	o.channel = WO_CH_LETTER;
	o.kind = WO_K_PETITION;
	o.state = st;
	o.rating = WO_R_NONE;
	o.resolved = -1;
	o.extension_state = "";
	return o;
}

/* A well-formed step of the action by staff (or by the requester for rate and reopen). */
static struct wo_step step(enum wo_action a)
{
	struct wo_step s;
	memset(&s, 0, sizeof s);
	s.action = a;
	s.actor_user_id = STAFF;
	s.actor = "王建国";
	s.actor_is_staff = 1;
	s.note = "说明";
	s.assignee_user_id = 9;
	s.resolved = 1;
	s.days = 10;
	s.target_community = 4;
	s.merge_into = 43;
	s.rating = WO_R_SATISFIED;
	if (a == WO_A_RATE || a == WO_A_REOPEN) {
		s.actor_is_staff = 0;
		s.actor_is_requester = 1;
		s.actor_user_id = 0;
		s.actor = "来信人";
	}
	return s;
}

static const char *refusal(const struct wo_order *o, const struct wo_step *s)
{
	struct wo_rule r = wo_rule_default(o->kind);
	return wo_refusal(o, &r, s, NOW);
}

/* For each action, the states it is allowed from (with a well-formed step),
 * and the message in every other state. */
struct row {
	enum wo_action a;
	unsigned allowed;
};
#define S(x) (1u << WO_S_##x)
static const struct row machine[] = {
    {WO_A_ACCEPT, S(RECEIVED)},
    {WO_A_REJECT, S(RECEIVED)},
    {WO_A_ASSIGN, S(RECEIVED) | S(ACCEPTED) | S(ASSIGNED) | S(IN_PROGRESS)},
    {WO_A_START, S(ASSIGNED)},
    {WO_A_REPLY, S(ACCEPTED) | S(ASSIGNED) | S(IN_PROGRESS)},
    {WO_A_CLOSE, S(REPLIED)},
    {WO_A_TRANSFER, S(RECEIVED) | S(ACCEPTED)},
    {WO_A_MERGE, S(RECEIVED) | S(ACCEPTED) | S(ASSIGNED) | S(IN_PROGRESS)},
    {WO_A_EXTEND_ASK, S(ACCEPTED) | S(ASSIGNED) | S(IN_PROGRESS)},
};

static const char *const final_msg[WO_S__MAX][2] = {
    [WO_S_REJECTED] = {"该工单不予受理,不能再", ""},
    [WO_S_CLOSED] = {"该工单已办结,不能再", ""},
    [WO_S_MERGED] = {"该工单已合并,不能再", ""},
    [WO_S_TRANSFERRED] = {"该工单已转办,不能再", ""},
};

static void each_staff_transition_allowed_and_refused(void **state)
{
	(void)state;
	char want[200];
	for (size_t i = 0; i < sizeof machine / sizeof *machine; i++) {
		for (int st = 0; st < WO_S__MAX; st++) {
			struct wo_order o = order_in((enum wo_state)st);
			struct wo_step s = step(machine[i].a);
			const char *got = refusal(&o, &s);
			if (machine[i].allowed & (1u << st)) {
				if (got)
					fail_msg("%s from %s refused: %s", wo_action_name(machine[i].a),
					         wo_state_name((enum wo_state)st), got);
				continue;
			}
			if (wo_state_final((enum wo_state)st))
				snprintf(want, sizeof want, "%s%s", final_msg[st][0],
				         wo_action_label(machine[i].a));
			else
				snprintf(want, sizeof want, "该工单处于“%s”状态,不能%s",
				         wo_state_label((enum wo_state)st), wo_action_label(machine[i].a));
			if (!got || strcmp(got, want))
				fail_msg("%s from %s: got %s, want %s", wo_action_name(machine[i].a),
				         wo_state_name((enum wo_state)st), got ? got : "(allowed)", want);
		}
	}
	/* Spot checks written out in full. */
	struct wo_order o = order_in(WO_S_CLOSED);
	struct wo_step s = step(WO_A_ASSIGN);
	assert_string_equal(refusal(&o, &s), "该工单已办结,不能再交办");
	o = order_in(WO_S_ACCEPTED);
	s = step(WO_A_ACCEPT);
	assert_string_equal(refusal(&o, &s), "该工单处于“已受理”状态,不能受理");
	o = order_in(WO_S_REPLIED);
	s = step(WO_A_START);
	assert_string_equal(refusal(&o, &s), "该工单处于“已答复”状态,不能开始办理");
}

static void only_staff_take_staff_steps(void **state)
{
	(void)state;
	struct wo_order o = order_in(WO_S_RECEIVED);
	struct wo_step s = step(WO_A_ACCEPT);
	s.actor_is_staff = 0;
	s.actor_is_requester = 1;
	assert_string_equal(refusal(&o, &s), "只有社区工作人员可以受理");
	s = step(WO_A_NOTE);
	s.actor_is_staff = 0;
	assert_string_equal(refusal(&o, &s), "只有社区工作人员可以备注");
	s = step(WO_A_RECEIVE);
	assert_string_equal(refusal(&o, &s), "不支持的操作");
	s = step(WO_A_REMIND);
	assert_string_equal(refusal(&o, &s), "不支持的操作");
}

static void required_fields(void **state)
{
	(void)state;
	struct wo_order o = order_in(WO_S_RECEIVED);
	struct wo_step s = step(WO_A_REJECT);
	s.note = "  ";
	assert_string_equal(refusal(&o, &s), "请填写不予受理的理由");
	s = step(WO_A_ASSIGN);
	s.assignee_user_id = 0;
	s.assignee_unit = "";
	assert_string_equal(refusal(&o, &s), "请选择承办人或填写承办单位");
	s.assignee_unit = "区供电所";
	assert_null(refusal(&o, &s));
	o = order_in(WO_S_IN_PROGRESS);
	s = step(WO_A_REPLY);
	s.note = NULL;
	assert_string_equal(refusal(&o, &s), "请填写答复内容");
	s = step(WO_A_REPLY);
	s.resolved = -1;
	assert_string_equal(refusal(&o, &s), "请说明问题是否已解决");
	s.resolved = 0;
	assert_null(refusal(&o, &s));
	s = step(WO_A_NOTE);
	s.note = "";
	assert_string_equal(refusal(&o, &s), "请填写备注内容");
	/* A note may be added in any state, final ones too. */
	o = order_in(WO_S_CLOSED);
	s = step(WO_A_NOTE);
	assert_null(refusal(&o, &s));
}

static void transfer_needs_another_community(void **state)
{
	(void)state;
	struct wo_order o = order_in(WO_S_ACCEPTED);
	struct wo_step s = step(WO_A_TRANSFER);
	s.target_community = o.community_id;
	assert_string_equal(refusal(&o, &s), "请选择要转办的其他社区");
	s.target_community = 0;
	assert_string_equal(refusal(&o, &s), "请选择要转办的其他社区");
	s.target_community = 4;
	assert_null(refusal(&o, &s));
}

static void merge_not_into_itself(void **state)
{
	(void)state;
	struct wo_order o = order_in(WO_S_RECEIVED);
	struct wo_step s = step(WO_A_MERGE);
	s.merge_into = o.id;
	assert_string_equal(refusal(&o, &s), "不能把工单合并到它自身");
	s.merge_into = 0;
	assert_string_equal(refusal(&o, &s), "请填写要合并到的工单号");
}

static void rating_by_the_requester_once_after_the_reply(void **state)
{
	(void)state;
	struct wo_order o = order_in(WO_S_REPLIED);
	struct wo_step s = step(WO_A_RATE);
	assert_null(refusal(&o, &s));
	o.state = WO_S_CLOSED; /* closed by staff before the rating */
	assert_null(refusal(&o, &s));
	o.state = WO_S_IN_PROGRESS;
	assert_string_equal(refusal(&o, &s), "工单答复后才能评价");
	o.state = WO_S_REJECTED;
	assert_string_equal(refusal(&o, &s), "该工单不予受理,不能再评价");
	o.state = WO_S_REPLIED;
	o.rating = WO_R_BASIC;
	assert_string_equal(refusal(&o, &s), "该工单已评价过,不能重复评价");
	o.rating = WO_R_NONE;
	s.rating = WO_R_NONE;
	assert_string_equal(refusal(&o, &s), "请选择评价:满意、基本满意或不满意");
	s = step(WO_A_RATE);
	s.actor_is_requester = 0;
	s.actor_is_staff = 1;
	assert_string_equal(refusal(&o, &s), "只有提出诉求的本人可以评价");
}

static void reopen_by_the_requester_once_after_unsatisfied(void **state)
{
	(void)state;
	struct wo_order o = order_in(WO_S_REPLIED);
	struct wo_step s = step(WO_A_REOPEN);
	assert_string_equal(refusal(&o, &s), "只有评价为“不满意”后才能申请重新办理");
	o.rating = WO_R_BASIC;
	assert_string_equal(refusal(&o, &s), "只有评价为“不满意”后才能申请重新办理");
	o.rating = WO_R_UNSATISFIED;
	assert_null(refusal(&o, &s));
	o.state = WO_S_CLOSED;
	assert_null(refusal(&o, &s));
	o.reopened = 1;
	assert_string_equal(refusal(&o, &s), "该工单已重新办理过一次,不能再次申请重新办理");
	o.reopened = 0;
	o.state = WO_S_IN_PROGRESS;
	assert_string_equal(refusal(&o, &s), "该工单处于“办理中”状态,不能重新办理");
	o.state = WO_S_REPLIED;
	s.actor_is_requester = 0;
	s.actor_is_staff = 1;
	assert_string_equal(refusal(&o, &s), "只有提出诉求的本人可以申请重新办理");
}

static void extension_once_within_the_rule(void **state)
{
	(void)state;
	struct wo_order o = order_in(WO_S_IN_PROGRESS);
	struct wo_step s = step(WO_A_EXTEND_ASK);
	s.days = 30;
	assert_null(refusal(&o, &s));
	s.days = 31;
	assert_string_equal(refusal(&o, &s), "延期天数须在 1 到 30 天之间");
	s.days = 0;
	assert_string_equal(refusal(&o, &s), "延期天数须在 1 到 30 天之间");
	s.days = 5;
	s.note = "";
	assert_string_equal(refusal(&o, &s), "请填写延期理由");
	s = step(WO_A_EXTEND_ASK);
	o.extension_state = "requested";
	assert_string_equal(refusal(&o, &s), "该工单已申请过延期,每件工单只能申请一次");
	o.extension_state = "approved";
	assert_string_equal(refusal(&o, &s), "该工单已申请过延期,每件工单只能申请一次");
	o.extension_state = "refused";
	assert_string_equal(refusal(&o, &s), "该工单的延期申请未获批准,不能再次申请");
	/* Hotline requests have no extension. */
	o = order_in(WO_S_IN_PROGRESS);
	o.kind = WO_K_REQUEST;
	assert_string_equal(refusal(&o, &s), "该类工单不允许延期");
	/* A community rule may allow fewer days. */
	o.kind = WO_K_PETITION;
	struct wo_rule r = wo_rule_default(WO_K_PETITION);
	r.extension_max_days = 7;
	s.days = 8;
	assert_string_equal(wo_refusal(&o, &r, &s, NOW), "延期天数须在 1 到 7 天之间");
}

static void extension_decided_by_a_second_staff_member(void **state)
{
	(void)state;
	for (int approve = 0; approve < 2; approve++) {
		enum wo_action a = approve ? WO_A_EXTEND_APPROVE : WO_A_EXTEND_REFUSE;
		struct wo_order o = order_in(WO_S_IN_PROGRESS);
		struct wo_step s = step(a);
		assert_string_equal(refusal(&o, &s), "该工单没有待审批的延期申请");
		o.extension_state = "requested";
		o.extension_by = STAFF;
		assert_string_equal(refusal(&o, &s), "延期申请须由申请人以外的另一名工作人员审批");
		s.actor_user_id = STAFF2;
		assert_null(refusal(&o, &s));
		o.extension_state = "approved";
		assert_string_equal(refusal(&o, &s), "该工单没有待审批的延期申请");
		o.extension_state = "requested";
		s.actor_is_staff = 0;
		s.actor_is_requester = 1;
		assert_string_equal(refusal(&o, &s), approve ? "只有社区工作人员可以批准延期"
		                                             : "只有社区工作人员可以不批准延期");
	}
}

static void mediation_records_only_on_mediation_cases(void **state)
{
	(void)state;
	struct wo_order o = order_in(WO_S_IN_PROGRESS);
	struct wo_step s = step(WO_A_MEDIATION);
	assert_string_equal(refusal(&o, &s), "只有调解类工单可以记录调解情况");
	o.kind = WO_K_MEDIATION;
	assert_null(refusal(&o, &s));
	o.state = WO_S_CLOSED;
	assert_string_equal(refusal(&o, &s), "该工单已办结,不能再调解记录");
}

static void vocabularies_round_trip(void **state)
{
	(void)state;
	for (int i = 0; i < WO_CH__MAX; i++)
		assert_int_equal(wo_channel_from(wo_channel_name((enum wo_channel)i)), i);
	for (int i = 0; i < WO_K__MAX; i++)
		assert_int_equal(wo_kind_from(wo_kind_name((enum wo_kind)i)), i);
	for (int i = 0; i < WO_S__MAX; i++)
		assert_int_equal(wo_state_from(wo_state_name((enum wo_state)i)), i);
	for (int i = 0; i < WO_R__MAX; i++)
		assert_int_equal(wo_rating_from(wo_rating_name((enum wo_rating)i)), i);
	for (int i = 0; i < WO_A__MAX; i++)
		assert_int_equal(wo_action_from(wo_action_name((enum wo_action)i)), i);
	assert_int_equal(wo_kind_from("nope"), -1);
	assert_int_equal(wo_kind_from(NULL), -1);
	assert_string_equal(wo_kind_label(WO_K_PETITION), "信访");
	assert_string_equal(wo_channel_label(WO_CH_DISPATCH), "12345 派单");
	assert_string_equal(wo_state_label(WO_S_REJECTED), "不予受理");
	assert_string_equal(wo_rating_label(WO_R_BASIC), "基本满意");
	assert_string_equal(wo_rating_label(WO_R_NONE), "");
	assert_string_equal(wo_action_label(WO_A_REMIND), "到期提醒");
	assert_int_equal(wo_state_final(WO_S_CLOSED), 1);
	assert_int_equal(wo_state_final(WO_S_REPLIED), 0);
	char c[WO_CODE_LEN + 1], d[WO_CODE_LEN + 1];
	wo_code_new(c);
	assert_int_equal(strlen(c), WO_CODE_LEN);
	assert_int_equal(wo_code_normalize(c, d), 0);
	assert_string_equal(c, d);
	assert_int_equal(wo_code_normalize("abcde-fghjk", d), 0);
	assert_string_equal(d, "ABCDEFGHJK");
	assert_int_equal(wo_code_normalize("ABCDE FGHJ0", d), -1); /* 0 is not in the alphabet */
	assert_int_equal(wo_code_normalize("ABCDEFGHJ", d), -1);
	assert_int_equal(wo_code_normalize("ABCDEFGHJKM", d), -1);
	struct arena a;
	arena_init(&a, 256);
	assert_string_equal(wo_code_grouped(&a, "ABCDEFGHJK"), "ABCDE-FGHJK");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(each_staff_transition_allowed_and_refused),
	    cmocka_unit_test(only_staff_take_staff_steps),
	    cmocka_unit_test(required_fields),
	    cmocka_unit_test(transfer_needs_another_community),
	    cmocka_unit_test(merge_not_into_itself),
	    cmocka_unit_test(rating_by_the_requester_once_after_the_reply),
	    cmocka_unit_test(reopen_by_the_requester_once_after_unsatisfied),
	    cmocka_unit_test(extension_once_within_the_rule),
	    cmocka_unit_test(extension_decided_by_a_second_staff_member),
	    cmocka_unit_test(mediation_records_only_on_mediation_cases),
	    cmocka_unit_test(vocabularies_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
