/* Changing the board's settings: every change is a public record, and a
 * change that loosens a safeguard needs a second person. No HTTP here. */
#include <string.h>

#include "modules/disclosure/disclosure_internal.h"
#include "org/org.h"

/* Sets the setting, appends the change to the log and keeps its row. */
static int apply(struct db *db, struct arena *a, const struct community *c, struct disclosure_setting_change *ch,
		 int64_t *leaf)
{
	struct record_ctx ctx = {c->slug, ch->changed_at};
	char *record = disclosure_record_setting(a, &ctx, ch);
	if (!record || disclosure_setting_set(db, c->id, ch->setting, ch->value, ch->changed_at) < 0 ||
	    tlog_store_append(db, a, c->id, c->slug, record, ch->changed_at, leaf) < 0)
		return -1;
	ch->leaf_index = *leaf;
	if (disclosure_setting_change_add(db, c->id, ch) < 0)
		return -1;
	/* Once the rule is back on, an old request to switch it off is moot. */
	if (ch->setting == SETTING_TWO_PERSON && ch->value && disclosure_setting_request_drop(db, c->id) < 0)
		return -1;
	if (ch->setting == SETTING_REVIEW_OBJECTIONS && !ch->value && disclosure_threads_release(db, c->id) < 0)
		return -1;
	return 0;
}

/* The setting's current value, or -1. */
static int current(struct db *db, int64_t community_id, enum disclosure_setting s)
{
	struct disclosure_settings st;
	if (disclosure_settings_get(db, community_id, &st) < 0)
		return -1;
	return s == SETTING_TWO_PERSON ? st.two_person : st.review_objections;
}

int disclosure_setting_ask(struct db *db, struct arena *a, const struct community *c, enum disclosure_setting s,
			   int value, const char *reason, int64_t user, const char *role, int64_t now, const char **why,
			   int64_t *leaf)
{
	*leaf = -1;
	int cur = current(db, c->id, s);
	if (cur < 0)
		return -1;
	if (cur == (value != 0)) {
		*why = arena_printf(a, "%s已经%s,设置未改变。", disclosure_setting_label(s), value ? "开启" : "关闭");
		return 1;
	}
	struct disclosure_setting_change ch = {.setting = s, .value = value != 0, .reason = reason, .requested_by = user,
					       .requested_at = now, .requested_role = role, .approved_role = "",
					       .changed_at = now};
	if (!disclosure_setting_needs_approval(s, value))
		return apply(db, a, c, &ch, leaf);
	int rc = disclosure_setting_request_add(db, c->id, &ch);
	if (rc == 1)
		*why = "已有一项待批准的设置变更申请,请先批准或驳回。";
	return rc;
}

int disclosure_setting_approve(struct db *db, struct arena *a, const struct community *c, int64_t user,
			       const char *role, int64_t now, const char **why, int64_t *leaf,
			       struct disclosure_setting_change *done)
{
	struct disclosure_setting_change pending;
	int rc = disclosure_setting_request_get(db, a, c->id, &pending);
	if (rc)
		return rc < 0 ? -1 : (*why = "没有待批准的设置变更申请。", 1);
	if (pending.requested_by == user) {
		*why = "不能批准自己提出的申请:须由本社区另一名工作人员或街道、区管理员批准。";
		return 1;
	}
	/* Taken in one statement: of two approvers at once, one gets it. */
	rc = disclosure_setting_request_take(db, a, c->id, user, done);
	if (rc)
		return rc < 0 ? -1 : (*why = "这项申请刚刚已被处理。", 1);
	int cur = current(db, c->id, done->setting);
	if (cur < 0)
		return -1;
	if (cur == done->value) {
		*why = "设置已是申请的状态,申请作废。";
		return 1;
	}
	done->requester_name = pending.requester_name;
	done->approved_by = user;
	done->approved_role = role;
	done->changed_at = now;
	return apply(db, a, c, done, leaf);
}

int disclosure_setting_reject(struct db *db, struct arena *a, const struct community *c, int64_t user,
			      const char **why, struct disclosure_setting_change *done)
{
	(void)user;
	int rc = disclosure_setting_request_get(db, a, c->id, done);
	if (rc)
		return rc < 0 ? -1 : (*why = "没有待处理的设置变更申请。", 1);
	return disclosure_setting_request_drop(db, c->id) < 0 ? -1 : 0;
}
