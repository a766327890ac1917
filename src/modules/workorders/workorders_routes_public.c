/* Residents' pages of the work orders (/c/<slug>/workorders/): filing an
 * order (signed in, or as a visitor with a phone or 匿名, rate-limited per
 * address), tracking it by its code, rating the reply and reopening once
 * with the code and the phone given, and 我的工单. Every page holds a form
 * or a person's orders: none is kept by the response cache. No page shows
 * the requester's phone or full name. */
#include <string.h>

#include "core/str.h"
#include "http/fields.h"
#include "modules/workorders/workorders_web.h"
#include "web/html.h"
#include "web/link.h"

/* Throttle keys: filings without an account, and wrong phones, per address. */
static const char *filing_key(struct req *r)
{
	return arena_printf(r->a, "workorders_file:%s", r->ip ? r->ip : "");
}

static const char *phone_key(struct req *r)
{
	return arena_printf(r->a, "workorders_phone:%s", r->ip ? r->ip : "");
}

#define PHONE_TRIES 10 /* wrong phones an address may give per throttle window */

static const struct field file_fields[] = {
    {"kind", "类型", FIELD_TEXT, 1, 20},	  {"subject", "事由", FIELD_TEXT, 1, 100},
    {"description", "具体情况", FIELD_MULTILINE, 1, 4000}, {"address", "地址", FIELD_TEXT, 0, 200},
    {"name", "姓名", FIELD_TEXT, 0, 50},	  {"phone", "手机号码", FIELD_PHONE, 0, 30},
    {"anonymous", "匿名", FIELD_TEXT, 0, 1},
};
enum { FF_KIND, FF_SUBJECT, FF_DESCRIPTION, FF_ADDRESS, FF_NAME, FF_PHONE, FF_ANONYMOUS, FF__MAX };

/* The posted form into f (by the intake's field numbers) and n; the number
 * of fields in error. */
static int file_from_form(struct req *r, struct wo_file_form *f, struct wo_new *n)
{
	const char *v[FF__MAX], *e[FF__MAX];
	int bad = fields_validate(r->a, &r->form, file_fields, FF__MAX, v, e);
	static const int map[FF__MAX] = {NF_KIND, NF_SUBJECT, NF_DESCRIPTION, NF_ADDRESS, NF_NAME, NF_PHONE, NF_ANONYMOUS};
	memset(n, 0, sizeof *n);
	n->channel = WO_CH_WEB;
	int k = wo_kind_from(v[FF_KIND]);
	if (!e[FF_KIND] && (k < 0 || k == WO_K_EMERGENCY || k == WO_K_MEDIATION)) {
		e[FF_KIND] = "请选择类型";
		bad++;
	}
	n->kind = k < 0 ? WO_K_REQUEST : (enum wo_kind)k;
	n->subject = v[FF_SUBJECT];
	n->description = v[FF_DESCRIPTION];
	n->address = v[FF_ADDRESS];
	n->received_at = r->now;
	n->received_by = 0;
	if (r->user) {
		/* Name and phone come from the account. */
		n->requester_user_id = r->user->id;
		n->requester_name = r->user->display_name ? r->user->display_name : "";
		n->requester_phone = r->user->phone ? r->user->phone : "";
		n->actor = "居民(网上)";
		v[FF_NAME] = v[FF_PHONE] = v[FF_ANONYMOUS] = "";
		e[FF_NAME] = e[FF_PHONE] = e[FF_ANONYMOUS] = NULL;
	} else {
		n->anonymous = !strcmp(v[FF_ANONYMOUS], "1");
		n->actor = "来访人(网上)";
		char d[12];
		if (n->anonymous) {
			if ((*v[FF_NAME] || *v[FF_PHONE]) && !e[FF_ANONYMOUS]) {
				e[FF_ANONYMOUS] = "选择了匿名,就不要填写姓名和手机号;要查询和评价请取消匿名并填写手机号";
				bad++;
			}
		} else if (!e[FF_PHONE] && str_mobile_normalize(v[FF_PHONE], d) < 0) {
			e[FF_PHONE] = *v[FF_PHONE] ? "请填写 11 位手机号码,如 13812345678"
						   : "请填写手机号码(查询进度和评价时要用);不愿留下的请勾选“匿名”";
			bad++;
		} else {
			n->requester_phone = arena_strdup(r->a, d);
		}
		n->requester_name = v[FF_NAME];
	}
	for (int i = 0; i < FF__MAX; i++) {
		f->vals[map[i]] = v[i];
		f->errs[map[i]] = e[i];
	}
	if ((f->errs[NF_FILES] = wo_web_files_problem(r)) != NULL)
		bad++;
	return bad;
}

enum http_result wo_h_file(struct req *r)
{
	r->cache_control = "no-store";
	struct wo_file_form f = {.signed_in = r->user != NULL};
	if (r->method != METHOD_POST) {
		f.vals[NF_KIND] = "request";
		wo_view_file(r, &f);
		return HR_OK;
	}
	struct wo_new n;
	if (file_from_form(r, &f, &n)) {
		wo_view_file(r, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	/* Filings are limited per address without an account, per account with one. */
	int64_t until = 0;
	const char *key = r->user ? arena_printf(r->a, "workorders_file_user:%lld", (long long)r->user->id)
				  : filing_key(r);
	int rc = key ? auth_throttle_locked(r->db, key, r->now, &until) : -1;
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		f.refusal = arena_printf(r->a, "%s提交的工单太多,请在 %s再提交,或拨打社区电话。",
					 r->user ? "您的账号" : "从这个网络", req_retry_after(r, until));
		wo_view_file(r, &f);
		r->body_written = 1;
		return req_fail(r, HR_TOO_MANY, f.refusal);
	}
	if (auth_throttle_fail(r->db, key, r->user ? WO_USER_FILINGS : WO_ANON_FILINGS, r->now) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	int64_t id;
	const char *code;
	struct wo_step actor = {.actor_user_id = r->user ? r->user->id : 0, .actor = n.actor, .actor_is_requester = 1};
	if (wo_order_add(r->db, r->a, r->community->id, &n, &id, &code) < 0 || wo_web_files_store(r, id, &actor) < 0) {
		db_rollback(r->db);
		return req_error(r, "cannot record the filed work order or its attachments");
	}
	if (db_commit(r->db) < 0)
		return HR_ERROR;
	/* To a page of its own, so that reloading it files nothing again. */
	const char *to = arena_printf(r->a, "%s%s", url_c(r->a, r->community->slug, "/workorders/filed?code="), code);
	return to ? req_redirect(r, to) : req_error(r, "out of request memory");
}

enum http_result wo_h_filed(struct req *r)
{
	r->cache_control = "no-store";
	const char *code = kv_get(&r->q, "code");
	struct wo_order o;
	int rc = code && *code ? wo_order_by_code(r->db, r->a, code, &o) : 1;
	if (rc < 0)
		return HR_ERROR;
	if (rc || o.community_id != r->community->id)
		return req_fail(r, HR_NOT_FOUND, "没有找到这个查询码的工单。");
	struct wo_file *files; /* counted, so that the page can say they arrived */
	size_t nfiles;
	if (wo_files(r->db, r->a, r->community->id, o.id, &files, &nfiles) < 0)
		return HR_ERROR;
	wo_view_filed(r, &o, nfiles);
	return HR_OK;
}

/* Loads the order with this code at this community (masked) and its public
 * timeline into p. 0, 1 if none, -1. */
static int load_tracked(struct req *r, struct wo_track_page *p)
{
	int rc = wo_order_by_code(r->db, r->a, p->code, &p->o);
	if (rc == 0 && p->o.community_id != r->community->id)
		rc = 1;
	if (rc)
		return rc;
	p->found = 1;
	return wo_events(r->db, r->a, r->community->id, p->o.id, 0, &p->events, &p->nevents);
}

/* The requester's step (rate or reopen) as the page's visitor. */
static struct wo_step requester_step(struct req *r, enum wo_action a)
{
	return (struct wo_step){.action = a,
				.actor_user_id = r->user ? r->user->id : 0,
				.actor = "来访人",
				.actor_is_requester = 1,
				.public_note = 1,
				.note = "",
				.rating = WO_R_NONE};
}

/* Which requester steps the order allows now, for the forms shown. */
static void requester_options(struct req *r, struct wo_track_page *p)
{
	struct wo_rule rule;
	if (wo_rule_get(r->db, r->community->id, p->o.kind, &rule) < 0)
		return;
	struct wo_step s = requester_step(r, WO_A_RATE);
	s.rating = WO_R_SATISFIED;
	p->may_rate = !wo_refusal(&p->o, &rule, &s, r->now);
	s = requester_step(r, WO_A_REOPEN);
	s.note = "-";
	p->may_reopen = !wo_refusal(&p->o, &rule, &s, r->now);
}

static const char *code_of(struct req *r, const struct kvlist *l)
{
	const char *c = kv_get(l, "code");
	return c ? str_normalize(r->a, c, strlen(c)) : "";
}

enum http_result wo_h_track(struct req *r)
{
	r->cache_control = "no-store";
	struct wo_track_page p = {.now = r->now};
	if (r->method != METHOD_POST) {
		p.code = code_of(r, &r->q);
		if (*p.code) {
			int rc = load_tracked(r, &p);
			if (rc < 0)
				return HR_ERROR;
			if (rc)
				p.code_err = "没有找到这个查询码的工单,请核对后重新输入";
			else {
				/* The forms show to anyone with the code; the phone (or the account) proves it. */
				p.proved = r->user && p.o.requester_user_id == r->user->id;
				requester_options(r, &p);
			}
		}
		const char *done = kv_get(&r->q, "done");
		p.notice = !done ? NULL
			   : !strcmp(done, "rate") ? "感谢您的评价。"
			   : !strcmp(done, "reopen") ? "已重新提交办理,社区将重新处理并答复您。"
						       : NULL;
		wo_view_track(r, &p);
		if (p.code_err) {
			r->body_written = 1;
			return req_fail(r, HR_NOT_FOUND, p.code_err);
		}
		return HR_OK;
	}
	/* Rate or reopen, proved by the phone (or the account). */
	p.code = code_of(r, &r->form);
	const char *phone = kv_get(&r->form, "phone");
	p.phone = phone ? phone : "";
	const char *act = kv_get(&r->form, "action");
	enum wo_action a = act && !strcmp(act, "reopen") ? WO_A_REOPEN : WO_A_RATE;
	struct wo_step s = requester_step(r, a);
	const char *note = kv_get(&r->form, "comment");
	s.note = note ? str_normalize(r->a, note, strlen(note)) : "";
	if (a == WO_A_RATE) {
		const char *rv = kv_get(&r->form, "rating");
		int rt = rv ? wo_rating_from(rv) : -1;
		s.rating = rt < 0 ? WO_R_NONE : (enum wo_rating)rt;
		p.rating = rv;
	}
	p.comment = s.note;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = load_tracked(r, &p);
	const char *why = NULL;
	int64_t until;
	if (rc == 0) {
		int mine = r->user && p.o.requester_user_id == r->user->id;
		if (!mine) {
			int locked = auth_throttle_locked(r->db, phone_key(r), r->now, &until);
			int m = locked ? 0 : wo_order_phone_matches(r->db, r->community->id, p.o.id, p.phone);
			if (locked < 0 || m < 0)
				rc = -1;
			else if (locked)
				why = arena_printf(r->a, "手机号核对错误次数太多,请在 %s再试。", req_retry_after(r, until));
			else if (!m) {
				why = p.o.requester_user_id ? "手机号与提交工单的账号的不一致,请输入该账号的手机号,或登录后再办理"
				                            : "手机号与登记的不一致,请输入登记工单时留下的手机号";
				p.phone_err = why;
				if (auth_throttle_fail(r->db, phone_key(r), PHONE_TRIES, r->now) < 0)
					rc = -1;
			}
		}
		if (rc == 0 && !why && utf8_len(s.note, strlen(s.note)) > 1000)
			why = "文字太长,请在 1000 字以内。";
		if (rc == 0 && !why) {
			rc = wo_apply(r->db, r->a, r->community->id, p.o.id, &s, r->now, &why);
			if (rc == WO_REFUSED)
				rc = 0;
			else if (rc == 0)
				why = NULL;
		}
	}
	if (rc < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (rc == 1) {
		db_rollback(r->db);
		p.found = 0;
		p.code_err = "没有找到这个查询码的工单,请核对后重新输入";
		wo_view_track(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_NOT_FOUND, p.code_err);
	}
	if (why) {
		/* Keep the throttle's count of a wrong phone; nothing else was written. */
		if (p.phone_err ? db_commit(r->db) < 0 : (db_rollback(r->db), 0))
			return HR_ERROR;
		p.refusal = why;
		p.proved = r->user && p.o.requester_user_id == r->user->id;
		requester_options(r, &p);
		wo_view_track(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, why);
	}
	if (db_commit(r->db) < 0)
		return HR_ERROR;
	struct buf q;
	buf_init(&q, 256);
	h_url(&q, p.code);
	const char *to = url_c(r->a, r->community->slug, "/workorders/track?code=");
	to = to && !q.err ? arena_printf(r->a, "%s%s&done=%s", to, q.data, a == WO_A_RATE ? "rate" : "reopen") : NULL;
	buf_free(&q);
	return to ? req_redirect(r, to) : req_error(r, "out of request memory");
}

enum http_result wo_h_mine(struct req *r)
{
	if (!r->user)
		return HR_UNAUTHORIZED;
	r->cache_control = "no-store";
	struct wo_filter f = {.requester_user_id = r->user->id, .now = r->now};
	struct wo_line *l;
	size_t n;
	int more;
	if (wo_orders(r->db, r->a, r->community->id, &f, 0, 200, &l, &n, &more) < 0)
		return HR_ERROR;
	wo_view_mine(r, l, n);
	return HR_OK;
}
