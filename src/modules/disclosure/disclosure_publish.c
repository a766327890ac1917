/* Publishing, withdrawing and answering: the actions that append to a
 * community's public record. No HTTP here; the routes and the demo call them. */
#include <string.h>

#include "modules/disclosure/disclosure_internal.h"
#include "org/org.h"
#include "pii/pii.h"

/* The record of p, with what lives in other rows (its public list, its
 * attachments) read in the caller's transaction; replaced_leaf is the leaf
 * of the post p corrects (0 for none). */
static char *post_record(struct db *db, struct arena *a, const struct community *c, const struct disclosure_post *p,
			 int64_t replaced_leaf)
{
	/* From the post's own view of its item, never the catalogue's current
	 * one: a catalogue edit changes later posts, not this record. */
	struct disclosure_recipient *r = NULL;
	size_t nr = 0;
	if (p->personal_data && disclosure_recipients_public(db, a, c->id, p->id, &r, &nr) < 0)
		return NULL;
	struct disclosure_attachment *att;
	size_t natt;
	if (disclosure_attachments(db, a, c->id, p->id, &att, &natt) < 0)
		return NULL;
	struct record_ctx ctx = {c->slug, p->published_at};
	return disclosure_record_publish(a, &ctx, p, r, (int)nr, replaced_leaf, att, natt);
}

char *disclosure_post_record(struct db *db, struct arena *a, const struct community *c, const struct disclosure_post *p)
{
	int64_t replaced_leaf = 0;
	if (p->replaces_id) {
		struct disclosure_post old;
		if (disclosure_post_get(db, a, c->id, p->replaces_id, &old) != 0)
			return NULL;
		replaced_leaf = old.leaf_index;
	}
	return post_record(db, a, c, p, replaced_leaf);
}

int disclosure_publish(struct db *db, struct arena *a, const struct community *c, int64_t post_id, int64_t approver,
		       int64_t seen_revision, int64_t now, const char **why, int64_t *leaf)
{
	/* Lock first, then read: a concurrent publisher waits here and then
	 * finds the post published, instead of appending a second leaf. */
	if (disclosure_post_lock(db, c->id, post_id) < 0)
		return -1;
	struct disclosure_post p;
	int rc = disclosure_post_get(db, a, c->id, post_id, &p);
	if (rc)
		return rc < 0 ? -1 : (*why = "找不到这条公开内容。", 1);
	if (p.status == POST_PUBLISHED) {
		*why = "这条内容已经发布,不能再次发布。";
		return 1;
	}
	if (seen_revision >= 0 && seen_revision != p.revision) {
		*why = "这条内容在您打开页面之后被修改过:请阅读下面的最新内容,再决定是否发布。";
		return 1;
	}
	struct disclosure_item it;
	rc = disclosure_item_get(db, a, c->id, p.item_id, &it);
	if (rc)
		return rc < 0 ? -1 : (*why = "找不到这条内容的公开事项。", 1);
	if (it.retired_at) {
		*why = "这条内容所属的公开事项已停用:请先在公开目录中恢复该事项,或改选其他事项。";
		return 1;
	}
	if (disclosure_two_person(db, c->id)) {
		if (p.status != POST_SUBMITTED) {
			*why = "本社区实行双人审核:请先提交审核,再由另一名工作人员发布。";
			return 1;
		}
		if (approver == p.author_id || approver == p.submitted_by) {
			*why = "本社区实行双人审核:起草或提交人不能自己发布,请由另一名工作人员审核发布。";
			return 1;
		}
	}
	/* Everything the record is made of is read here, once, under the lock. */
	struct disclosure_post old = {0};
	if (p.replaces_id) {
		if (disclosure_post_lock(db, c->id, p.replaces_id) < 0)
			return -1;
		if (disclosure_post_get(db, a, c->id, p.replaces_id, &old) != 0 || old.status != POST_PUBLISHED) {
			*why = "被更正的内容不存在或尚未发布。";
			return 1;
		}
		if (old.corrected_by) {
			*why = "被更正的内容已有更正版本,请在最新版本上更正。";
			return 1;
		}
		if (old.withdrawn_at) {
			*why = "被更正的内容已经撤回,不能再更正;如需重新公开,请起草一条新内容。";
			return 1;
		}
		if (old.item_id != p.item_id) {
			*why = "更正须与被更正的内容属于同一公开事项,请改回原来的事项。";
			return 1;
		}
	}
	p.status = POST_PUBLISHED;
	p.published_at = now;
	p.notice_start = p.notice_days > 0 ? now : 0;
	p.approved_by = approver;
	char *record = disclosure_post_record(db, a, c, &p);
	if (!record || tlog_store_append(db, a, c->id, c->slug, record, now, leaf) < 0)
		return -1;
	/* The lock makes losing this race impossible; a guard that changed no
	 * row would mean it was lost, and the whole transaction rolls back. */
	rc = disclosure_post_mark_published(db, c->id, post_id, approver, now, p.notice_start, *leaf);
	return rc == 0 && disclosure_post_snapshot(db, c->id, &p) == 0 &&
			       disclosure_item_published(db, c->id, p.item_id, post_id) == 0 &&
			       (!p.replaces_id || disclosure_post_mark_corrected(db, c->id, p.replaces_id, post_id) == 0)
		   ? 0
		   : -1;
}

/* Whether the post can be withdrawn: 0, or 1 with *why. */
static int withdrawable(const struct disclosure_post *p, const char **why)
{
	if (p->status != POST_PUBLISHED) {
		*why = "只有已发布的内容才需要撤回;草稿可直接修改。";
		return 1;
	}
	if (p->withdrawn_at) {
		*why = "这条内容已经撤回。";
		return 1;
	}
	return 0;
}

int disclosure_withdraw_post(struct db *db, struct arena *a, const struct community *c, int64_t post_id,
			     const char *reason, int64_t requested_by, int64_t user, int64_t now, const char **why,
			     int64_t *leaf)
{
	if (disclosure_post_lock(db, c->id, post_id) < 0)
		return -1;
	struct disclosure_post p;
	int rc = disclosure_post_get(db, a, c->id, post_id, &p);
	if (rc)
		return rc < 0 ? -1 : (*why = "找不到这条公开内容。", 1);
	if (withdrawable(&p, why))
		return 1;
	if (requested_by == user && disclosure_two_person(db, c->id)) {
		*why = "本社区实行双人审核:撤回须由另一名工作人员批准。";
		return 1;
	}
	/* Withdrawn while its 公示 runs, the post takes no more objections: the record says so. */
	int closes = p.notice_days > 0 && disclosure_notice_open(&p, now);
	struct record_ctx ctx = {c->slug, now};
	char *record = disclosure_record_withdraw(a, &ctx, post_id, p.leaf_index, reason, closes);
	if (!record || tlog_store_append(db, a, c->id, c->slug, record, now, leaf) < 0)
		return -1;
	rc = disclosure_withdraw(db, c->id, post_id, reason, requested_by, user, now, *leaf, closes);
	return rc == 0 && disclosure_withdraw_request_drop(db, c->id, post_id) == 0 ? 0 : -1;
}

int disclosure_withdraw_ask(struct db *db, struct arena *a, const struct community *c, int64_t post_id,
			    const char *reason, int64_t user, int64_t now, const char **why, int64_t *leaf)
{
	*leaf = -1;
	if (!disclosure_two_person(db, c->id))
		return disclosure_withdraw_post(db, a, c, post_id, reason, user, user, now, why, leaf);
	struct disclosure_post p;
	int rc = disclosure_post_get(db, a, c->id, post_id, &p);
	if (rc)
		return rc < 0 ? -1 : (*why = "找不到这条公开内容。", 1);
	if (withdrawable(&p, why))
		return 1;
	struct disclosure_withdraw_request q = {.post_id = post_id, .requested_by = user, .requested_at = now,
						.reason = reason};
	rc = disclosure_withdraw_request_add(db, c->id, &q);
	if (rc == 1)
		*why = "这条内容已有撤回申请,等待另一名工作人员批准。";
	return rc;
}

int disclosure_withdraw_approve(struct db *db, struct arena *a, const struct community *c, int64_t post_id,
				int64_t user, int64_t now, const char **why, int64_t *leaf,
				struct disclosure_withdraw_request *done)
{
	struct disclosure_withdraw_request pending;
	int rc = disclosure_withdraw_request_get(db, a, c->id, post_id, &pending);
	if (rc)
		return rc < 0 ? -1 : (*why = "这条内容没有待批准的撤回申请。", 1);
	if (pending.requested_by == user) {
		*why = "不能批准自己提出的撤回申请:须由另一名工作人员批准。";
		return 1;
	}
	/* Taken in one statement: of two approvers at once, one gets it. */
	rc = disclosure_withdraw_request_take(db, a, c->id, post_id, user, done);
	if (rc)
		return rc < 0 ? -1 : (*why = "这项撤回申请刚刚已被处理。", 1);
	done->requester_name = pending.requester_name;
	done->post_title = pending.post_title;
	return disclosure_withdraw_post(db, a, c, post_id, done->reason, done->requested_by, user, now, why, leaf);
}

int disclosure_withdraw_reject(struct db *db, struct arena *a, const struct community *c, int64_t post_id,
			       const char **why, struct disclosure_withdraw_request *done)
{
	int rc = disclosure_withdraw_request_get(db, a, c->id, post_id, done);
	if (rc)
		return rc < 0 ? -1 : (*why = "这条内容没有待处理的撤回申请。", 1);
	return disclosure_withdraw_request_drop(db, c->id, post_id) < 0 ? -1 : 0;
}

int disclosure_answer(struct db *db, struct arena *a, const struct community *c, int64_t thread_id, const char *answer,
		      int64_t user, int64_t now, const char **why, int64_t *leaf)
{
	if (disclosure_thread_lock(db, c->id, thread_id) < 0)
		return -1;
	struct disclosure_thread t;
	int rc = disclosure_thread_get(db, a, c->id, thread_id, &t);
	if (rc)
		return rc < 0 ? -1 : (*why = "找不到这条异议或意见。", 1);
	if (t.answered_at) {
		*why = "已经答复过了;答复是公开记录,不能修改。";
		return 1;
	}
	/* The answer makes the question public too: a held objection is reviewed first. */
	if (t.status != THREAD_SHOWN) {
		*why = t.status == THREAD_HELD ? "这条异议尚未审核:请先审核显示,再公开答复。" : "这条异议已被屏蔽,不作公开答复。";
		return 1;
	}
	struct record_ctx ctx = {c->slug, now};
	const char *masked = pii_mask_text(a, answer);
	char *record = masked ? disclosure_record_answer(a, &ctx, t.kind == THREAD_OBJECTION ? "objection_answer" : "opinion_answer",
					      thread_id, t.post_id, t.body_masked, masked)
			      : NULL;
	if (!record || tlog_store_append(db, a, c->id, c->slug, record, now, leaf) < 0)
		return -1;
	rc = disclosure_thread_answer(db, c->id, thread_id, answer, masked, user, now, *leaf);
	return rc == 0 ? 0 : -1;
}
