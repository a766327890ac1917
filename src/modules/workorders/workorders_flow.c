/* The steps on a work order: which are allowed (wo_refusal, pure) and how
 * each is applied (wo_apply: lock, load, check, write, timeline).
 *
 * Decisions the state machine keeps:
 * - responded_at is set by the first staff step other than a note.
 * - replied_at is the first reply's time and stays so after a reopen: a
 *   reopened order is measured by its original dates for the rates. The
 *   later reply replaces the reply text and says again whether it resolved.
 * - A reopen (the requester, once ever, after rating 不满意) goes back to
 *   办理中, clears the rating and its comment, closed_at and resolved; the
 *   finish deadline is not moved, so an order reopened after its finish
 *   date is overdue at once.
 * - An extension is asked once per order: a refused ask is not asked
 *   again. It is decided by a staff member other than the one who asked;
 *   approving it moves the finish deadline (wo_deadlines).
 * - A rating of 满意 or 基本满意 of a replied order closes it (a second
 *   timeline entry by the system).
 * - State changes are always shown to the requester (a public timeline
 *   entry); the step's note goes with it when public, else into an
 *   internal note entry after it. Reply, reject and extension texts are
 *   always public. */
#include <stdio.h>
#include <string.h>

#include "modules/workorders/workorders_internal.h"
#include "pii/pii.h"

static const char *label(enum wo_action a)
{
	return wo_action_label(a);
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Why the order's state does not allow the action, built from the labels
 * into a per-thread ring of four (wo_refusal has no arena): valid until
 * the thread's fourth refusal after it. */
static const char *wrong_state(const struct wo_order *o, enum wo_action a)
{
	static _Thread_local char ring[4][160];
	static _Thread_local int k;
	char *out = ring[k++ % 4];
	if (wo_state_final(o->state))
		snprintf(out, sizeof ring[0], "该工单%s,不能再%s", wo_state_label(o->state), label(a));
	else
		snprintf(out, sizeof ring[0], "该工单处于“%s”状态,不能%s", wo_state_label(o->state),
		         label(a));
	return out;
}

static int in(enum wo_state s, unsigned mask)
{
	return (mask >> s) & 1u;
}
#define S(x) (1u << WO_S_##x)

/* 1 for the steps a grid worker may take on an order assigned to them. */
static int grid_may(enum wo_action a)
{
	return a == WO_A_START || a == WO_A_REPLY || a == WO_A_NOTE || a == WO_A_MEDIATION || a == WO_A_EXTEND_ASK;
}

const char *wo_refusal(const struct wo_order *o, const struct wo_rule *rule, const struct wo_step *s,
                       int64_t now)
{
	(void)now;
	enum wo_action a = s->action;
	if ((unsigned)a >= WO_A__MAX || a == WO_A_RECEIVE || a == WO_A_REMIND)
		return "不支持的操作";
	if (a == WO_A_RATE || a == WO_A_REOPEN) {
		if (!s->actor_is_requester)
			return a == WO_A_RATE ? "只有提出诉求的本人可以评价"
			                      : "只有提出诉求的本人可以申请重新办理";
	} else if (!s->actor_is_staff) {
		static _Thread_local char msg[96];
		if (!s->actor_is_grid || !grid_may(a)) {
			snprintf(msg, sizeof msg, "只有社区工作人员可以%s", label(a));
			return msg;
		}
		if (o->assignee_user_id != s->actor_user_id || s->actor_user_id <= 0)
			return "网格员只能办理交办给自己的工单";
	}
	switch (a) {
	case WO_A_ACCEPT:
		return o->state == WO_S_RECEIVED ? NULL : wrong_state(o, a);
	case WO_A_REJECT:
		if (o->state != WO_S_RECEIVED)
			return wrong_state(o, a);
		return blank(s->note) ? "请填写不予受理的理由" : NULL;
	case WO_A_ASSIGN:
		if (!in(o->state, S(RECEIVED) | S(ACCEPTED) | S(ASSIGNED) | S(IN_PROGRESS)))
			return wrong_state(o, a);
		return s->assignee_user_id <= 0 && blank(s->assignee_unit) ? "请选择承办人或填写承办单位"
		                                                           : NULL;
	case WO_A_START:
		return o->state == WO_S_ASSIGNED ? NULL : wrong_state(o, a);
	case WO_A_REPLY:
		if (!in(o->state, S(ACCEPTED) | S(ASSIGNED) | S(IN_PROGRESS)))
			return wrong_state(o, a);
		if (blank(s->note))
			return "请填写答复内容";
		return s->resolved == 0 || s->resolved == 1 ? NULL : "请说明问题是否已解决";
	case WO_A_CLOSE:
		return o->state == WO_S_REPLIED ? NULL : wrong_state(o, a);
	case WO_A_RATE:
		if (!in(o->state, S(REPLIED) | S(CLOSED)))
			return wo_state_final(o->state) ? wrong_state(o, a) : "工单答复后才能评价";
		if (o->rating != WO_R_NONE)
			return "该工单已评价过,不能重复评价";
		return (unsigned)s->rating < WO_R__MAX ? NULL : "请选择评价:满意、基本满意或不满意";
	case WO_A_REOPEN:
		if (o->reopened)
			return "该工单已重新办理过一次,不能再次申请重新办理";
		if (!in(o->state, S(REPLIED) | S(CLOSED)))
			return wrong_state(o, a);
		return o->rating == WO_R_UNSATISFIED ? NULL : "只有评价为“不满意”后才能申请重新办理";
	case WO_A_TRANSFER:
		if (!in(o->state, S(RECEIVED) | S(ACCEPTED)))
			return wrong_state(o, a);
		return s->target_community <= 0 || s->target_community == o->community_id
		           ? "请选择要转办的其他社区"
		           : NULL;
	case WO_A_MERGE:
		if (!in(o->state, S(RECEIVED) | S(ACCEPTED) | S(ASSIGNED) | S(IN_PROGRESS)))
			return wrong_state(o, a);
		if (s->merge_into <= 0)
			return "请填写要合并到的工单号";
		return s->merge_into == o->id ? "不能把工单合并到它自身" : NULL;
	case WO_A_EXTEND_ASK:
		if (!rule || rule->extension_max_days <= 0)
			return "该类工单不允许延期";
		if (o->extension_state && !strcmp(o->extension_state, "refused"))
			return "该工单的延期申请未获批准,不能再次申请";
		if (o->extension_state && *o->extension_state)
			return "该工单已申请过延期,每件工单只能申请一次";
		if (!in(o->state, S(ACCEPTED) | S(ASSIGNED) | S(IN_PROGRESS)))
			return wrong_state(o, a);
		if (s->days < 1 || s->days > rule->extension_max_days) {
			static _Thread_local char msg[96];
			snprintf(msg, sizeof msg, "延期天数须在 1 到 %d 天之间", rule->extension_max_days);
			return msg;
		}
		return blank(s->note) ? "请填写延期理由" : NULL;
	case WO_A_EXTEND_APPROVE:
	case WO_A_EXTEND_REFUSE:
		if (!o->extension_state || strcmp(o->extension_state, "requested"))
			return "该工单没有待审批的延期申请";
		if (wo_state_final(o->state))
			return wrong_state(o, a);
		return s->actor_user_id > 0 && s->actor_user_id != o->extension_by
		           ? NULL
		           : "延期申请须由申请人以外的另一名工作人员审批";
	case WO_A_NOTE:
		return blank(s->note) ? "请填写备注内容" : NULL;
	case WO_A_MEDIATION:
		if (o->kind != WO_K_MEDIATION && o->channel != WO_CH_MEDIATION)
			return "只有调解类工单可以记录调解情况";
		if (wo_state_final(o->state))
			return wrong_state(o, a);
		return blank(s->note) ? "请填写调解情况" : NULL;
	default:
		return "不支持的操作";
	}
}

/* ---- applying a step ---- */

static struct db_query q_update = DB_QUERY(
    "UPDATE workorders_order SET state = ?3, accepted_at = ?4, assigned_at = ?5, replied_at = ?6, closed_at "
    "= ?7,"
    " responded_at = ?8, accept_due = ?9, respond_due = ?10, finish_due = ?11, assignee_user_id = ?12,"
    " assignee_unit = ?13, reject_reason = ?14, resolved = ?15, extension_state = ?16, extension_days = ?17,"
    " extension_reason = ?18, extension_by = ?19, extension_decided_by = ?20, reopened = ?21, rating = ?22,"
    " rated_at = ?23, merged_into = ?24, transferred_to_community = ?25, transferred_to_order = ?26,"
    " updated_at = ?27 WHERE community_id = ?1 AND id = ?2");
static struct db_query q_reply = DB_QUERY(
    "UPDATE workorders_order SET reply_sealed = ?1, reply_masked = ?2 WHERE community_id = ?3 AND id = ?4");
static struct db_query q_comment =
    DB_QUERY("UPDATE workorders_order SET rating_comment_sealed = ?1,"
             " rating_comment_masked = ?2 WHERE community_id = ?3 AND id = ?4");
static struct db_query q_reminders_clear =
    DB_QUERY("DELETE FROM workorders_reminder WHERE community_id = ? AND order_id = ? AND what IN "
             "('finish_soon', 'finish_overdue')");
static struct db_query q_merge_repoint =
    DB_QUERY("UPDATE workorders_order SET merged_into = ?1, updated_at = ?2 WHERE community_id = ?3"
             " AND merged_into = ?4 AND state = 'merged'");
static struct db_query q_community =
    DB_QUERY("SELECT COUNT(*) FROM org_unit WHERE id = ? AND kind = 'community'");

static struct db_query q_user_name = DB_QUERY("SELECT display_name FROM users WHERE id = ?");

/* An internal timeline entry "交办给 <name or unit>" after an assign. 0 or -1. */
static int assigned_note(struct db *db, struct arena *a, const struct wo_order *o, const struct wo_step *s,
			 int64_t now)
{
	const char *who = o->assignee_unit;
	if (o->assignee_user_id > 0) {
		struct db_stmt *st = db_stmt(db, &q_user_name);
		if (!st)
			return -1;
		db_bind_int(st, 1, o->assignee_user_id);
		int rc = db_step(st);
		who = rc == DB_ROW ? db_col_dup(st, 0, a) : "";
		db_reset(st);
		if (rc != DB_ROW && rc != DB_DONE)
			return -1;
	}
	return who && *who ? wo_event_add(db, a, o->community_id, o->id, now, s->actor_user_id, s->actor, WO_A_NOTE, 0,
					 arena_printf(a, "交办给 %s", who))
			   : 0;
}

static int write_order(struct db *db, const struct wo_order *o, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_update);
	if (!st)
		return -1;
	db_bind_int(st, 1, o->community_id);
	db_bind_int(st, 2, o->id);
	db_bind_text(st, 3, wo_state_name(o->state), -1);
	db_bind_int_or_null(st, 4, o->accepted_at);
	db_bind_int_or_null(st, 5, o->assigned_at);
	db_bind_int_or_null(st, 6, o->replied_at);
	db_bind_int_or_null(st, 7, o->closed_at);
	db_bind_int_or_null(st, 8, o->responded_at);
	db_bind_int_or_null(st, 9, o->due.accept);
	db_bind_int_or_null(st, 10, o->due.respond);
	db_bind_int_or_null(st, 11, o->due.finish);
	db_bind_int_or_null(st, 12, o->assignee_user_id);
	db_bind_text(st, 13, o->assignee_unit ? o->assignee_unit : "", -1);
	db_bind_text(st, 14, o->reject_reason ? o->reject_reason : "", -1);
	if (o->resolved == 0 || o->resolved == 1)
		db_bind_int(st, 15, o->resolved);
	else
		db_bind_null(st, 15);
	db_bind_text(st, 16, o->extension_state ? o->extension_state : "", -1);
	db_bind_int(st, 17, o->extension_days);
	db_bind_text(st, 18, o->extension_reason ? o->extension_reason : "", -1);
	db_bind_int_or_null(st, 19, o->extension_by);
	db_bind_int_or_null(st, 20, o->extension_decided_by);
	db_bind_int(st, 21, o->reopened ? 1 : 0);
	if (o->rating == WO_R_NONE)
		db_bind_null(st, 22);
	else
		db_bind_text(st, 22, wo_rating_name(o->rating), -1);
	db_bind_int_or_null(st, 23, o->rated_at);
	db_bind_int_or_null(st, 24, o->merged_into);
	db_bind_int_or_null(st, 25, o->transferred_to_community);
	db_bind_int_or_null(st, 26, o->transferred_to_order);
	db_bind_int(st, 27, now);
	return db_run_guarded(st) == 0 ? 0 : -1;
}

/* Writes a sealed text and its masked projection (the reply, the rating's comment). */
static int write_sealed(struct db *db, struct arena *a, struct db_query *q, const struct wo_order *o,
                        const char *text)
{
	const char *m = wo_mask_free(a, text, o->requester_name, o->address);
	struct db_stmt *st = db_stmt(db, q);
	if (!st || !m || wo_bind_sealed(st, 1, a, text) < 0)
		return -1;
	db_bind_text(st, 2, m, -1);
	db_bind_int(st, 3, o->community_id);
	db_bind_int(st, 4, o->id);
	return db_run_guarded(st) == 0 ? 0 : -1;
}

/* The state change's public entry, then the note as an internal entry
 * when it is not public. */
static int record(struct db *db, struct arena *a, const struct wo_order *o, const struct wo_step *s,
                  enum wo_action action, int64_t now, int always_public)
{
	int pub = always_public || s->public_note;
	if (wo_event_add_for(db, a, o->community_id, o->id, now, s->actor_user_id, s->actor, action, 1,
	                     pub ? s->note : NULL, o->requester_name, o->address) < 0)
		return -1;
	if (!pub && !blank(s->note))
		return wo_event_add_for(db, a, o->community_id, o->id, now, s->actor_user_id, s->actor,
		                        WO_A_NOTE, 0, s->note, o->requester_name, o->address);
	return 0;
}

/* Records the order again in the target community (its own rule and
 * deadlines, the personal fields opened and sealed again) and links both
 * ways. 0, WO_REFUSED, -1. */
static int transfer(struct db *db, struct arena *a, struct wo_order *o, const struct wo_step *s, int64_t now,
                    const char **why)
{
	struct db_stmt *st = db_stmt(db, &q_community);
	int64_t n = 0;
	if (!st)
		return -1;
	db_bind_int(st, 1, s->target_community);
	if (db_one_int(st, &n) != 0)
		return -1;
	if (n == 0) {
		*why = "要转办的社区不存在";
		return WO_REFUSED;
	}
	struct wo_new w = {
	    .channel = o->channel,
	    .kind = o->kind,
	    .subject = o->subject,
	    .description = o->description,
	    .address = o->address,
	    .has_point = o->has_point,
	    .lat_e6 = o->lat_e6,
	    .lon_e6 = o->lon_e6,
	    .anonymous = o->anonymous,
	    .requester_user_id = o->requester_user_id,
	    .requester_name = o->requester_name,
	    .requester_phone = o->requester_phone,
	    .attributes = o->attributes,
	    .api_client_id = o->api_client_id,
	    .received_by = s->actor_user_id,
	    .actor = s->actor,
	    .received_at = now,
	    .transferred_from_community = o->community_id,
	    .transferred_from_order = o->id,
	};
	int64_t id;
	const char *code;
	if (wo_order_add(db, a, s->target_community, &w, &id, &code) < 0)
		return -1;
	if (!blank(s->note) && wo_event_add_for(db, a, s->target_community, id, now, s->actor_user_id,
	                                        s->actor, WO_A_NOTE, 0, s->note, o->requester_name,
	                                        o->address) < 0)
		return -1;
	o->state = WO_S_TRANSFERRED;
	o->transferred_to_community = s->target_community;
	o->transferred_to_order = id;
	return 0;
}

/* Checks and locks the order merged into. 0, WO_REFUSED, -1. */
static int merge_target(struct db *db, struct arena *a, const struct wo_order *o, int64_t into,
                        const char **why)
{
	int rc = wo_order_lock(db, o->community_id, into);
	if (rc < 0)
		return -1;
	struct wo_order t;
	if (rc == 0)
		rc = wo_order_public(db, a, o->community_id, into, &t);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		*why = "要合并到的工单不存在";
		return WO_REFUSED;
	}
	if (wo_state_final(t.state)) {
		*why = t.state == WO_S_MERGED ? "要合并到的工单本身已被合并,请合并到它所合并到的工单"
		                              : "要合并到的工单已结束办理,不能合并";
		return WO_REFUSED;
	}
	return 0;
}

int wo_apply(struct db *db, struct arena *a, int64_t community_id, int64_t id, const struct wo_step *s,
             int64_t now, const char **why)
{
	*why = NULL;
	int rc;
	/* Two orders merged into each other at once: both locked in id order,
	 * so that one waits for the other (no deadlock) and is then refused. */
	if (s->action == WO_A_MERGE && s->merge_into > 0 && s->merge_into < id &&
	    (rc = wo_order_lock(db, community_id, s->merge_into)) < 0)
		return -1;
	rc = wo_order_lock(db, community_id, id);
	if (rc != 0)
		return rc;
	struct wo_order o;
	rc = wo_order_get(db, a, community_id, id, &o);
	if (rc != 0)
		return rc;
	struct wo_rule rule;
	if (wo_rule_get(db, community_id, o.kind, &rule) < 0)
		return -1;
	const char *no = wo_refusal(&o, &rule, s, now);
	if (no) {
		*why = no;
		return WO_REFUSED;
	}
	if ((s->actor_is_staff || s->actor_is_grid) && s->action != WO_A_NOTE && o.responded_at == 0)
		o.responded_at = now;
	int pub = 0; /* the note is always public */
	struct db_stmt *st;
	switch (s->action) {
	case WO_A_ACCEPT:
	accept:
		o.state = WO_S_ACCEPTED;
		o.accepted_at = now;
		o.due.finish = wo_deadlines(&rule, o.received_at, o.accepted_at, 0).finish;
		if (s->action == WO_A_ASSIGN) {
			if (wo_event_add(db, a, community_id, id, now, s->actor_user_id, s->actor,
			                 WO_A_ACCEPT, 1, NULL) < 0)
				return -1;
			goto assign;
		}
		break;
	case WO_A_REJECT:
		o.state = WO_S_REJECTED;
		o.reject_reason = wo_mask_free(a, s->note, o.requester_name, o.address); /* shown on the tracking page: the full text is in the sealed timeline */
		o.closed_at = now; /* finished here: the public list of closed orders shows it as 不予受理 */
		pub = 1;
		break;
	case WO_A_ASSIGN:
		if (o.state == WO_S_RECEIVED)
			goto accept;
	assign:
		o.state = WO_S_ASSIGNED;
		o.assigned_at = now;
		o.assignee_user_id = s->assignee_user_id > 0 ? s->assignee_user_id : 0;
		o.assignee_unit = s->assignee_user_id > 0 ? "" : s->assignee_unit;
		break;
	case WO_A_START:
		o.state = WO_S_IN_PROGRESS;
		break;
	case WO_A_REPLY:
		o.state = WO_S_REPLIED;
		if (o.replied_at == 0)
			o.replied_at = now;
		o.resolved = s->resolved;
		if (write_sealed(db, a, &q_reply, &o, s->note) < 0)
			return -1;
		pub = 1;
		break;
	case WO_A_CLOSE:
		o.state = WO_S_CLOSED;
		o.closed_at = now;
		break;
	case WO_A_RATE:
		o.rating = s->rating;
		o.rated_at = now;
		if (write_sealed(db, a, &q_comment, &o, s->note) < 0)
			return -1;
		pub = 1;
		break;
	case WO_A_REOPEN:
		o.state = WO_S_IN_PROGRESS;
		o.reopened = 1;
		o.rating = WO_R_NONE;
		o.rated_at = 0;
		o.closed_at = 0;
		o.resolved = -1;
		if (write_sealed(db, a, &q_comment, &o, NULL) < 0)
			return -1;
		pub = 1;
		break;
	case WO_A_TRANSFER:
		rc = transfer(db, a, &o, s, now, why);
		if (rc != 0)
			return rc;
		break;
	case WO_A_MERGE:
		rc = merge_target(db, a, &o, s->merge_into, why);
		if (rc != 0)
			return rc;
		o.state = WO_S_MERGED;
		o.merged_into = s->merge_into;
		/* Orders merged into this one follow it: no chain of merges. */
		if (!(st = db_stmt(db, &q_merge_repoint)))
			return -1;
		db_bind_int(st, 1, s->merge_into);
		db_bind_int(st, 2, now);
		db_bind_int(st, 3, community_id);
		db_bind_int(st, 4, id);
		if (db_run(st) != DB_DONE)
			return -1;
		if (wo_event_add(db, a, community_id, s->merge_into, now, s->actor_user_id, s->actor,
		                 WO_A_NOTE, 0,
		                 arena_printf(a, "工单 %lld 作为重复诉求合并到本工单", (long long)id)) < 0)
			return -1;
		break;
	case WO_A_EXTEND_ASK:
		o.extension_state = "requested";
		o.extension_days = s->days;
		o.extension_reason = wo_mask_free(a, s->note, o.requester_name, o.address); /* told to the requester, as the reject reason */
		o.extension_by = s->actor_user_id;
		pub = 1;
		break;
	case WO_A_EXTEND_APPROVE:
		o.extension_state = "approved";
		o.extension_decided_by = s->actor_user_id;
		o.due.finish = wo_deadlines(&rule, o.received_at, o.accepted_at, o.extension_days).finish;
		/* The finish reminders start over for the new date. */
		if (!(st = db_stmt(db, &q_reminders_clear)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, id);
		if (db_run(st) != DB_DONE)
			return -1;
		pub = 1;
		break;
	case WO_A_EXTEND_REFUSE:
		o.extension_state = "refused";
		o.extension_decided_by = s->actor_user_id;
		pub = 1;
		break;
	case WO_A_NOTE:
	case WO_A_MEDIATION:
		if (write_order(db, &o, now) < 0)
			return -1;
		return wo_event_add_for(db, a, community_id, id, now, s->actor_user_id, s->actor, s->action,
		                        s->public_note ? 1 : 0, s->note, o.requester_name, o.address);
	default:
		*why = "不支持的操作";
		return WO_REFUSED;
	}
	if (write_order(db, &o, now) < 0 || record(db, a, &o, s, s->action, now, pub) < 0)
		return -1;
	/* Whom it was given to, for the staff's timeline. */
	if (s->action == WO_A_ASSIGN && assigned_note(db, a, &o, s, now) < 0)
		return -1;
	/* A satisfied rating of a replied order closes it. */
	if (s->action == WO_A_RATE && o.state == WO_S_REPLIED &&
	    (s->rating == WO_R_SATISFIED || s->rating == WO_R_BASIC)) {
		o.state = WO_S_CLOSED;
		o.closed_at = now;
		if (write_order(db, &o, now) < 0 ||
		    wo_event_add(db, a, community_id, id, now, 0, "系统", WO_A_CLOSE, 1,
		                 "评价为满意或基本满意,自动办结") < 0)
			return -1;
	}
	return 0;
}
