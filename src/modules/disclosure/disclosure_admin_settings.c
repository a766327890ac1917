/* Staff routes of the board's settings: the two-person rule (switched off
 * only when a second person approves) and the review of objections. Every
 * change made enters the community's public log; requests, approvals and
 * rejections are audited. */
#include <string.h>

#include "core/str.h"
#include "modules/disclosure/disclosure_routes.h"
#include "modules/disclosure/disclosure_web.h"

const char *disclosure_acting_role(const struct req *r)
{
	static const enum role order[] = {ROLE_STAFF, ROLE_STREET_ADMIN, ROLE_DISTRICT_ADMIN, ROLE_SYSTEM_ADMIN};
	for (size_t i = 0; i < sizeof order / sizeof *order; i++)
		if (r->roles & ROLE_BIT(order[i]))
			return role_name(order[i]);
	return role_name(ROLE_STAFF);
}

/* Fills the settings page. 0 or -1. */
static int load_settings(struct req *r, struct settings_page *s)
{
	int rc = disclosure_setting_request_get(r->db, r->a, r->community->id, &s->pending);
	s->has_pending = rc == 0;
	if (rc < 0 || disclosure_settings_get(r->db, r->community->id, &s->now) < 0 ||
	    disclosure_setting_changes(r->db, r->a, r->community->id, &s->changes, &s->nchanges) < 0)
		return -1;
	return 0;
}

/* Shows the settings page again with a refusal (status hr), keeping what was typed. */
static enum http_result again(struct req *r, struct settings_page *s, enum http_result hr, const char *why)
{
	struct settings_page fresh = *s;
	if (load_settings(r, &fresh) < 0)
		return HR_ERROR;
	fresh.message = why;
	disclosure_admin_view_settings(r, &fresh);
	r->body_written = 1;
	return req_fail(r, hr, why);
}

enum http_result disclosure_h_settings_page(struct req *r)
{
	struct settings_page s = {0};
	if (load_settings(r, &s) < 0)
		return HR_ERROR;
	const char *done = kv_get(&r->q, "done");
	if (done)
		s.notice = !strcmp(done, "requested") ? "已提出申请。须由本社区另一名工作人员或街道、区管理员批准后才生效。"
			   : !strcmp(done, "changed")	? "设置已变更,并记入公开记录。"
			   : !strcmp(done, "rejected")	? "申请已驳回,设置未改变。"
			   : !strcmp(done, "cancelled") ? "申请已撤销,设置未改变。"
							: NULL;
	disclosure_admin_view_settings(r, &s);
	return HR_OK;
}

enum http_result disclosure_h_settings(struct req *r)
{
	struct settings_page s = {0};
	int setting = disclosure_setting_from(kv_get(&r->form, "setting"));
	const char *v = kv_get(&r->form, "value");
	if (setting < 0 || !v || (strcmp(v, "0") && strcmp(v, "1")))
		return req_fail(r, HR_BAD_REQUEST, "设置值不正确。");
	int value = *v == '1';
	const char *reason = kv_get(&r->form, arena_printf(r->a, "reason_%s", disclosure_setting_name(setting)));
	reason = str_normalize(r->a, reason ? reason : "", reason ? strlen(reason) : 0);
	s.reason_vals[setting] = reason;
	int need = disclosure_setting_needs_approval(setting, value);
	if (utf8_len(reason, strlen(reason)) > 500)
		s.reason_errs[setting] = "理由不能超过 500 字";
	else if (need && !*reason)
		s.reason_errs[setting] = "请填写理由:它将随变更一起公开";
	if (s.reason_errs[setting])
		return again(r, &s, HR_INVALID, s.reason_errs[setting]);
	const char *why = NULL;
	int64_t leaf = -1;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = disclosure_setting_ask(r->db, r->a, r->community, setting, value, reason, r->user->id,
					disclosure_acting_role(r), r->now, &why, &leaf);
	if (rc != 0) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : again(r, &s, HR_INVALID, why);
	}
	const char *what = arena_printf(r->a, "%s%s", value ? "开启" : "关闭", disclosure_setting_label(setting));
	const char *action = arena_printf(r->a, "disclosure.%s%s", disclosure_setting_name(setting), need ? "_request" : "");
	const char *detail = need ? arena_printf(r->a, "申请%s,理由:%s", what, reason)
				  : arena_printf(r->a, "%s(公开记录第 %lld 条)%s%s", what, (long long)leaf, *reason ? ",理由:" : "",
						 reason);
	if (req_audit_commit(r, action, "disclosure_settings", r->community->id, detail) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "/c/%s/admin/board/settings?done=%s", r->community->slug,
					    need ? "requested" : "changed"));
}

enum http_result disclosure_h_settings_approve(struct req *r)
{
	struct settings_page s = {0};
	struct disclosure_setting_change ch;
	const char *why = NULL;
	int64_t leaf = -1;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = disclosure_setting_approve(r->db, r->a, r->community, r->user->id, disclosure_acting_role(r), r->now, &why,
					    &leaf, &ch);
	if (rc != 0) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : again(r, &s, HR_INVALID, why);
	}
	const char *detail = arena_printf(r->a, "批准 %s 的申请:%s%s(公开记录第 %lld 条),理由:%s", ch.requester_name,
					  ch.value ? "开启" : "关闭", disclosure_setting_label(ch.setting), (long long)leaf,
					  ch.reason);
	if (req_audit_commit(r, arena_printf(r->a, "disclosure.%s", disclosure_setting_name(ch.setting)),
				    "disclosure_settings", r->community->id, detail) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "/c/%s/admin/board/settings?done=changed", r->community->slug));
}

enum http_result disclosure_h_settings_reject(struct req *r)
{
	struct settings_page s = {0};
	struct disclosure_setting_change ch;
	const char *why = NULL;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = disclosure_setting_reject(r->db, r->a, r->community, r->user->id, &why, &ch);
	if (rc != 0) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : again(r, &s, HR_INVALID, why);
	}
	int own = ch.requested_by == r->user->id;
	const char *detail = arena_printf(r->a, "%s %s 的申请:%s%s,理由:%s", own ? "撤销" : "驳回", ch.requester_name,
					  ch.value ? "开启" : "关闭", disclosure_setting_label(ch.setting), ch.reason);
	if (req_audit_commit(r,
				    arena_printf(r->a, "disclosure.%s_%s", disclosure_setting_name(ch.setting),
						 own ? "cancel" : "reject"),
				    "disclosure_settings", r->community->id, detail) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "/c/%s/admin/board/settings?done=%s", r->community->slug,
					    own ? "cancelled" : "rejected"));
}
