/* The order page of the staff (/c/<slug>/admin/workorders/<id>): every
 * field, deadlines with the time left, the timeline, attachments, the
 * mediation record, and one form per step wo_refusal allows the visitor;
 * the audited full view of the requester and the audited attachment. Every
 * POST: db_begin, the store's write (wo_apply checks and locks),
 * req_audit_commit, redirect; a refused step rolls back and shows the page
 * again with the refusal over its form and the typed input kept. */
#include <string.h>

#include "core/date.h"
#include "core/str.h"
#include "modules/workorders/workorders_web.h"
#include "web/html.h"
#include "web/link.h"
#include "web/upload.h"

/* ---- the order page ---- */

/* Staff and grid workers of the community, for the assign picker. */
static int load_people(struct req *r, struct wo_order_page *p)
{
	struct auth_member *m[2] = {0};
	size_t n[2] = {0};
	int gw = role_from_name("grid_worker");
	if (auth_users_with_role(r->db, r->a, r->community->id, ROLE_STAFF, &m[0], &n[0]) < 0 ||
	    (gw >= 0 && auth_users_with_role(r->db, r->a, r->community->id, (enum role)gw, &m[1], &n[1]) < 0))
		return -1;
	p->people = arena_zalloc(r->a, (n[0] + n[1] + 1) * sizeof *p->people);
	if (!p->people)
		return -1;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < n[k]; i++)
			p->people[p->npeople++] =
			    (struct wo_person){m[k][i].id, m[k][i].display_name, k ? "网格员" : "社区工作人员"};
	return 0;
}

/* A step as the visitor, staff, with its fields filled enough for
 * wo_refusal to say whether the action is open at all. */
static struct wo_step probe(const struct req *r, enum wo_action a)
{
	struct wo_step s = wo_web_step(r, a);
	s.note = "-";
	s.assignee_unit = "-";
	s.resolved = 1;
	s.days = 1;
	s.rating = WO_R_SATISFIED;
	s.target_community = -1;
	s.merge_into = -1;
	return s;
}

/* Loads the order page (the order, its rule, timeline, pickers and the
 * actions open to the visitor). 0, 1 if no such order, -1. */
static int load_page(struct req *r, int64_t id, struct wo_order_page *p)
{
	p->now = r->now;
	int rc = wo_order_get(r->db, r->a, r->community->id, id, &p->o);
	if (rc)
		return rc;
	if (wo_rule_get(r->db, r->community->id, p->o.kind, &p->rule) < 0 ||
	    wo_files(r->db, r->a, r->community->id, id, &p->files, &p->nfiles) < 0 ||
	    wo_sessions(r->db, r->a, r->community->id, id, &p->sessions, &p->nsessions) < 0 ||
	    wo_events(r->db, r->a, r->community->id, id, 1, &p->events, &p->nevents) < 0 || load_people(r, p) < 0 ||
	    org_communities_under(r->db, r->a, 0, &p->communities, &p->ncommunities) < 0)
		return -1;
	rc = wo_mediation_get(r->db, r->a, r->community->id, id, p->full, &p->m);
	if (rc < 0)
		return -1;
	p->has_mediation = rc == 0;
	for (int a = WO_A_ACCEPT; a < WO_A__MAX; a++) {
		if (a == WO_A_RATE || a == WO_A_REOPEN || a == WO_A_REMIND)
			continue;
		struct wo_step s = probe(r, (enum wo_action)a);
		p->allowed[a] = wo_refusal(&p->o, &p->rule, &s, r->now) == NULL;
	}
	return 0;
}

static const char *done_notice(const char *done)
{
	static const struct {
		const char *key, *text;
	} n[] = {{"received", NULL},
		 {"accept", "已受理。"},
		 {"reject", "已决定不予受理,理由已告知来访人。"},
		 {"assign", "已交办。"},
		 {"start", "已开始办理。"},
		 {"reply", "已答复来访人。"},
		 {"close", "已办结。"},
		 {"transfer", "已转办,新工单已在对方社区登记。"},
		 {"merge", "已合并到所重复的工单。"},
		 {"extend_ask", "已申请延期,须由另一名工作人员批准。"},
		 {"extend_approve", "已批准延期,办结期限已顺延并告知来访人。"},
		 {"extend_refuse", "已不批准延期。"},
		 {"note", "备注已记录。"},
		 {"mediation", "调解记录已保存。"}};
	for (size_t i = 0; done && i < sizeof n / sizeof *n; i++)
		if (!strcmp(done, n[i].key))
			return n[i].text;
	return NULL;
}

static enum http_result show_order(struct req *r, struct wo_order_page *p, int64_t id)
{
	int rc = load_page(r, id, p);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个工单。");
	wo_view_order(r, p);
	return HR_OK;
}

enum http_result wo_h_order(struct req *r)
{
	int64_t id = wo_web_id(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这个工单。");
	struct wo_order_page p = {0};
	p.notice = done_notice(kv_get(&r->q, "done"));
	return show_order(r, &p, id);
}

/* A form value normalised, "" when absent. */
static const char *form_text(struct req *r, const char *name)
{
	const char *v = kv_get(&r->form, name);
	return v ? str_normalize(r->a, v, strlen(v)) : "";
}

/* The step of the posted form; NULL why when the form itself reads, else
 * a message (the typed values stay in r->form) and, in *field, the name of
 * the field it is about (NULL: the form as a whole); *second is a second
 * problem of the same form, about field *second_field, or NULL. */
static const char *step_from_form(struct req *r, struct wo_step *s, const char **field, const char **second,
                                  const char **second_field)
{
	*field = *second = *second_field = NULL;
	const char *v = kv_get(&r->form, "action");
	int a = v ? wo_action_from(v) : -1;
	if (a < 0 || a == WO_A_RECEIVE || a == WO_A_RATE || a == WO_A_REOPEN || a == WO_A_REMIND || a == WO_A_MEDIATION)
		return "无法识别的操作。";
	*s = wo_web_step(r, (enum wo_action)a);
	const char *note = kv_get(&r->form, "note");
	s->note = note ? str_normalize(r->a, note, strlen(note)) : "";
	if (s->note && utf8_len(s->note, strlen(s->note)) > 4000)
		return *field = "note", "文字太长,请在 4000 字以内。";
	s->public_note = (v = kv_get(&r->form, "public")) && !strcmp(v, "1");
	switch (s->action) {
	case WO_A_ASSIGN: {
		const char *who = kv_get(&r->form, "assignee");
		const char *unit = kv_get(&r->form, "unit");
		unit = unit ? str_normalize(r->a, unit, strlen(unit)) : "";
		s->assignee_user_id = wo_web_id(who);
		s->assignee_unit = unit;
		*field = "assignee";
		if (!s->assignee_user_id && !*unit)
			return "请选择承办人,或填写承办的驻区单位名称。";
		if (s->assignee_user_id && *unit)
			return "承办人和驻区单位只能选一个。";
		if (s->assignee_user_id) {
			struct wo_order_page people = {0};
			if (load_people(r, &people) < 0)
				return "暂时无法读取承办人名单,请稍后再试。";
			size_t i = 0;
			while (i < people.npeople && people.people[i].id != s->assignee_user_id)
				i++;
			if (i == people.npeople)
				return "承办人须是本社区的工作人员或网格员,请从名单中选择。";
		}
		if (utf8_len(unit, strlen(unit)) > 100)
			return *field = "unit", "驻区单位名称请在 100 字以内。";
		*field = NULL;
		break;
	}
	case WO_A_REPLY:
		v = kv_get(&r->form, "resolved");
		if (!v || (strcmp(v, "1") && strcmp(v, "0"))) {
			if (!*s->note) /* both: the reply box first, as the form shows them */
				return *field = "note", *second_field = "resolved", *second = "请选择问题是否已解决。",
				       "请填写答复内容。";
			return *field = "resolved", "请选择问题是否已解决。";
		}
		s->resolved = v[0] == '1';
		s->public_note = 1;
		break;
	case WO_A_EXTEND_ASK: {
		int64_t d;
		v = kv_get(&r->form, "days");
		if (!v || str_to_int64(v, &d) < 0 || d < 1 || d > 365)
			return *field = "days", *second_field = "note", *second = *s->note ? NULL : "请填写延期理由。",
			       "请用数字填写延长的天数,如 15。";
		s->days = (int)d;
		break;
	}
	case WO_A_TRANSFER:
		s->target_community = wo_web_id(kv_get(&r->form, "community"));
		if (!s->target_community)
			return *field = "community", "请选择转办到哪个社区。";
		if (s->target_community == r->community->id)
			return *field = "community", "不能转办给本社区。";
		break;
	case WO_A_MERGE:
		s->merge_into = wo_web_id(kv_get(&r->form, "into"));
		if (!s->merge_into)
			return *field = "into", "请填写所重复的工单号(数字)。";
		break;
	default:
		break;
	}
	return NULL;
}

/* Shows the order page again with the refusal over the step's form (the
 * mediation form `what`, NULL for others), beside `field` when it is about
 * one (and a second problem beside field2), what was typed kept (422). */
static enum http_result refuse(struct req *r, int64_t id, const struct wo_step *s, const char *what, const char *why,
                               const char *field, const char *second, const char *field2)
{
	struct wo_order_page p = {.refusal = why,
	                          .refused = s->action,
	                          .refused_what = what,
	                          .kept = &r->form,
	                          .refused_field = field,
	                          .refusal2 = second,
	                          .refused_field2 = field2};
	enum http_result hr = show_order(r, &p, id);
	if (hr != HR_OK)
		return hr;
	r->body_written = 1;
	return req_fail(r, HR_INVALID, why);
}

/* After a store write that answered rc (not 0): rolls back, and answers an
 * error (-1) or a missing order (1); HR_OK for a refusal (WO_REFUSED, the
 * caller shows why). */
static enum http_result undo(struct req *r, int rc)
{
	db_rollback(r->db);
	return rc < 0 ? HR_ERROR : rc == 1 ? req_fail(r, HR_NOT_FOUND, "没有这个工单。") : HR_OK;
}

/* The mediation record's three forms (what): the parties and the
 * mediator, a session, the outcome; each written by the store, which
 * refuses what the record does not take. */
static enum http_result mediation_act(struct req *r, int64_t id)
{
	const char *what = form_text(r, "what");
	struct wo_step actor = wo_web_step(r, WO_A_MEDIATION);
	const char *why = NULL, *action, *detail, *field = NULL, *second = NULL, *field2 = NULL;
	int64_t at = 0, sid;
	int rc = 0, agreed = 0;
	/* Lengths first: a form that is too long is refused whichever it is. */
	static const struct {
		const char *name, *label;
		size_t max;
	} longest[] = {{"parties", "当事人", 2000}, {"mediator", "人民调解员", 50},  {"place", "调解地点", 100},
	               {"note", "调解情况", 4000},  {"agreement", "协议内容", 4000}};
	for (size_t i = 0; i < sizeof longest / sizeof *longest; i++) {
		const char *v = form_text(r, longest[i].name);
		if (utf8_len(v, strlen(v)) > longest[i].max)
			return refuse(r, id, &actor, what,
			              arena_printf(r->a, "%s太长,请在 %zu 字以内。", longest[i].label, longest[i].max),
			              longest[i].name, NULL, NULL);
	}
	if (!strcmp(what, "parties")) {
		action = "workorders.mediation_parties";
		detail = arena_printf(r->a, "调解员:%s", form_text(r, "mediator"));
		if (!*form_text(r, "parties"))
			why = "请填写当事人。", field = "parties";
		if (!*form_text(r, "mediator")) {
			const char **w = why ? &second : &why, **f = why ? &field2 : &field;
			*w = "请填写人民调解员。", *f = "mediator";
		}
	} else if (!strcmp(what, "session")) {
		action = "workorders.mediation_session";
		detail = "调解记录";
		/* A session may be recorded ahead, up to the end of tomorrow (China time). */
		int64_t last = date_to_time(date_add_days(date_from_time(r->now), 2));
		if (wo_web_time(form_text(r, "session"), &at) < 0)
			why = "调解时间请按“2026-11-28 14:30”的格式填写。", field = "session";
		else if (at >= last)
			why = "调解时间不能晚于明天。", field = "session";
		else if (at < r->now - 366 * 86400)
			why = "调解时间不能早于一年前。", field = "session";
		if (!*form_text(r, "note")) {
			const char **w = why ? &second : &why, **f = why ? &field2 : &field;
			*w = "请填写调解情况。", *f = "note";
		}
	} else if (!strcmp(what, "outcome")) {
		action = "workorders.mediation_outcome";
		const char *o = form_text(r, "outcome");
		agreed = !strcmp(o, "agreed");
		detail = agreed ? "调解达成协议" : "调解未达成协议";
		if (!agreed && strcmp(o, "failed"))
			why = "请选择调解结果。", field = "outcome";
	} else {
		return req_fail(r, HR_BAD_REQUEST, "无法识别的操作。");
	}
	if (!why) {
		if (db_begin(r->db) < 0)
			return HR_ERROR;
		rc = what[0] == 'p' ? wo_mediation_put(r->db, r->a, r->community->id, id, form_text(r, "parties"),
						       form_text(r, "mediator"), &actor, r->now, &why)
		     : what[0] == 's' ? wo_session_add(r->db, r->a, r->community->id, id, at, form_text(r, "place"),
						       form_text(r, "note"), &actor, r->now, &sid, &why)
				      : wo_mediation_conclude(r->db, r->a, r->community->id, id, agreed,
							      form_text(r, "agreement"), &actor, r->now, &why);
		enum http_result hr = rc ? undo(r, rc) : HR_OK;
		if (hr != HR_OK)
			return hr;
		if (why && agreed && !*form_text(r, "agreement"))
			field = "agreement"; /* the store asks for the agreement's text */
	}
	if (why)
		return refuse(r, id, &actor, what, why, field, second, field2);
	if (req_audit_commit(r, action, "workorders_order", id, detail) < 0)
		return HR_ERROR;
	return wo_web_to_order(r, id, "mediation");
}

enum http_result wo_h_act(struct req *r)
{
	int64_t id = wo_web_id(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这个工单。");
	/* A refused step is shown at …/act: reloading or bookmarking it comes back to the order. */
	if (r->method != METHOD_POST)
		return wo_web_to_order(r, id, NULL);
	const char *act = kv_get(&r->form, "action");
	if (act && !strcmp(act, "mediation"))
		return mediation_act(r, id);
	struct wo_step s = {0};
	const char *field, *second, *field2;
	const char *why = step_from_form(r, &s, &field, &second, &field2);
	if (why) {
		if (!s.actor) /* not even an action we know */
			return req_fail(r, HR_BAD_REQUEST, why);
		return refuse(r, id, &s, NULL, why, field, second, field2);
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = wo_apply(r->db, r->a, r->community->id, id, &s, r->now, &why);
	if (rc) {
		enum http_result hr = undo(r, rc);
		if (hr != HR_OK)
			return hr;
		/* The store refuses a blank required note last of its checks: then it is the note's. */
		static const enum wo_action noted[] = {WO_A_REJECT, WO_A_REPLY, WO_A_EXTEND_ASK, WO_A_NOTE};
		for (size_t i = 0; why && !*s.note && i < sizeof noted / sizeof *noted; i++)
			if (s.action == noted[i] && strstr(why, "请填写"))
				field = "note";
		if (why && s.action == WO_A_EXTEND_ASK && strstr(why, "延期天数"))
			field = "days";
		if (why && s.action == WO_A_MERGE && (strstr(why, "合并到") || strstr(why, "工单号")))
			field = "into";
		return refuse(r, id, &s, NULL, why ? why : "现在不能进行这一步。", field, NULL, NULL);
	}
	const char *detail = *s.note ? arena_printf(r->a, "%s:%s", wo_action_label(s.action),
						    s.public_note ? s.note : "(内部备注)")
				     : wo_action_label(s.action);
	if (req_audit_commit(r, arena_printf(r->a, "workorders.%s", wo_action_name(s.action)), "workorders_order", id,
			     detail) < 0)
		return HR_ERROR;
	return wo_web_to_order(r, id, wo_action_name(s.action));
}

/* GET asks why; POST with a reason writes the audit row, then shows the
 * order with the requester's full name and phone. */
enum http_result wo_h_full(struct req *r)
{
	int64_t id = wo_web_id(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "没有这个工单。");
	struct wo_order_page p = {0};
	r->cache_control = "no-store";
	if (r->method != METHOD_POST) {
		p.ask_full = 1;
		return show_order(r, &p, id);
	}
	const char *why = kv_get(&r->form, "reason");
	why = why ? str_normalize(r->a, why, strlen(why)) : "";
	if (!*why || utf8_len(why, strlen(why)) > 200) {
		p.ask_full = 1;
		p.refusal = "请填写查看完整信息的理由(200 字以内),例如“电话回访来访人”。";
		p.refused = WO_A__MAX;
		p.kept = &r->form;
		enum http_result hr = show_order(r, &p, id);
		if (hr != HR_OK)
			return hr;
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.refusal);
	}
	int rc = wo_order_get(r->db, r->a, r->community->id, id, &p.o);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个工单。");
	if (!req_has_role(r, ROLES_STAFF) && p.o.assignee_user_id != r->user->id)
		return req_fail(r, HR_FORBIDDEN, "网格员只能查看交办给自己的工单的完整信息。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (req_audit_commit(r, "workorders.view_full", "workorders_order", id,
			     arena_printf(r->a, "查看来访人完整信息,理由:%s", why)) < 0)
		return HR_ERROR;
	p.full = 1;
	return show_order(r, &p, id);
}

/* One attachment: a full view of personal data, audited before it is sent. */
enum http_result wo_h_attachment(struct req *r)
{
	int64_t id = wo_web_id(r->param[1]), fid = wo_web_id(r->param[2]);
	struct wo_file f;
	int rc = id && fid ? wo_file_get(r->db, r->a, r->community->id, id, fid, &f) : 1;
	if (rc)
		return rc < 0 ? req_error(r, "cannot read or open a work-order attachment")
		              : req_fail(r, HR_NOT_FOUND, "找不到这个附件。");
	if (!req_has_role(r, ROLES_STAFF)) { /* a grid worker: only the orders assigned to them */
		struct wo_order o;
		rc = wo_order_public(r->db, r->a, r->community->id, id, &o);
		if (rc)
			return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个工单。");
		if (o.assignee_user_id != r->user->id)
			return req_fail(r, HR_FORBIDDEN, "网格员只能查看交办给自己的工单的附件。");
	}
	return upload_send_audited(r, "workorders.file_view", "workorders_order", id,
	                           arena_printf(r->a, "查看附件“%s”", f.name), f.data, (size_t)f.size, f.mime, f.name);
}
