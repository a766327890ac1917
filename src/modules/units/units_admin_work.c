/* Staff routes of 共驻共建 that work on one agreement: its commitments
 * (added, edited and removed while draft), putting it in force, ending or
 * terminating it with a reason, recording fulfilments (typed dates and
 * amounts, errors by field with what was typed kept), reversing one, and
 * drafting a board post. Each POST locks what it changes in its write
 * transaction (the store does) and is audited. */
#include <string.h>

#include "core/date.h"
#include "core/str.h"
#include "http/fields.h"
#include "modules/units/units_web.h"
#include "web/link.h"

static enum http_result to_agreement(struct req *r, int64_t id, const char *done)
{
	const char *to = url_c_id(r->a, r->community->slug, "/admin/units/agreements/", id, NULL);
	return to ? req_redirect(r, arena_printf(r->a, "%s?done=%s", to, done)) : req_error(r, "out of request memory");
}

/* The message of a refused step by the store's answer. */
static const char *refusal_of(int rc)
{
	return rc == UNITS_STATE	? "协议当前的状态不允许这一操作,请刷新页面查看最新状态。"
	       : rc == UNITS_NOT_FOUND	? "没有找到要操作的记录,它可能已被删除。"
	       : rc == UNITS_REVERSED	? "这条记录已经冲销过,或本身就是冲销记录。"
	       : rc == UNITS_RANGE	? "累计数量或金额超出范围。"
					: "操作未能完成。";
}

/* ---- commitments ---- */

static const struct field c_fields[CF__MAX] = {
    [CF_UNIT] = {"unit", "承诺单位", FIELD_TEXT, 1, 20},
    [CF_KIND] = {"kind", "类别", FIELD_TEXT, 1, 20},
    [CF_PROMISE] = {"promise", "承诺内容", FIELD_TEXT, 1, 200},
    [CF_AMOUNT] = {"amount", "承诺金额(元)", FIELD_TEXT, 0, 30},
    [CF_QUANTITY] = {"quantity", "数量", FIELD_TEXT, 0, 20},
    [CF_QUNIT] = {"quantity_unit", "计量单位", FIELD_TEXT, 0, 10},
    [CF_DUE] = {"due_on", "完成期限", FIELD_TEXT, 0, 20},
    [CF_PERIOD] = {"period", "时间安排", FIELD_TEXT, 0, 60},
};

/* Reads the posted commitment form of agreement g. The number of errors. */
static int c_from_form(struct req *r, struct units_commitment_form *f, struct units_commitment *c)
{
	memset(c, 0, sizeof *c);
	int bad = fields_validate(r->a, &r->form, c_fields, CF__MAX, f->vals, f->errs);
	c->agreement_id = f->g->id;
	c->unit_id = units_id_param(f->vals[CF_UNIT]);
	int party = 0;
	for (size_t i = 0; i < f->g->nunits && !party; i++)
		party = f->g->unit_ids[i] == c->unit_id;
	if (!party && !f->errs[CF_UNIT] && ++bad)
		f->errs[CF_UNIT] = "请从协议各方中选择承诺单位";
	c->kind = units_ckind_from(f->vals[CF_KIND]);
	if (c->kind < 0 && !f->errs[CF_KIND] && ++bad)
		f->errs[CF_KIND] = "请选择类别";
	c->promise = f->vals[CF_PROMISE];
	c->quantity_unit = f->vals[CF_QUNIT];
	c->period = f->vals[CF_PERIOD];
	if (c->kind == UC_MONEY && !f->errs[CF_AMOUNT]) {
		const char *e = units_parse_amount(f->vals[CF_AMOUNT], 1, &c->amount_fen);
		if (e && ++bad)
			f->errs[CF_AMOUNT] = *f->vals[CF_AMOUNT] ? e : "资金类承诺请填写金额";
	} else if (c->kind >= 0 && !f->errs[CF_QUANTITY] && *f->vals[CF_QUANTITY]) {
		const char *e = units_parse_quantity(f->vals[CF_QUANTITY], &c->quantity);
		if (e && ++bad)
			f->errs[CF_QUANTITY] = e;
		else if (!*c->quantity_unit && !f->errs[CF_QUNIT] && ++bad)
			f->errs[CF_QUNIT] = "请填写计量单位,如 人次、次、场";
	}
	if (!f->errs[CF_DUE]) {
		const char *e = units_parse_day(r->a, f->vals[CF_DUE], "完成期限", 0, c->due_on);
		if (e && ++bad)
			f->errs[CF_DUE] = e;
	}
	static const int shown[] = {CF_PROMISE, CF_QUNIT, CF_PERIOD};
	return bad + units_refuse_personal(r->a, f->vals, f->errs, shown, sizeof shown / sizeof *shown);
}

static enum http_result c_again(struct req *r, struct units_commitment_form *f, const char *refusal)
{
	f->refusal = refusal;
	units_view_commitment_form(r, f);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, refusal ? refusal : "请修改表单中标出的问题。");
}

/* The commitment form for a new commitment (editing NULL) or one of p's. */
static enum http_result commitment_form(struct req *r, struct units_agreement_page *p,
					const struct units_commitment *editing)
{
	struct units_commitment_form f = {.g = &p->g, .editing = editing};
	if (p->g.state != US_DRAFT)
		return req_fail(r, HR_BAD_REQUEST, "协议已生效,承诺事项不能再修改。");
	if (r->method != METHOD_POST) {
		if (editing) {
			f.vals[CF_UNIT] = arena_printf(r->a, "%lld", (long long)editing->unit_id);
			f.vals[CF_KIND] = units_ckind_name(editing->kind);
			f.vals[CF_PROMISE] = editing->promise;
			f.vals[CF_AMOUNT] = editing->kind == UC_MONEY ? arena_printf(r->a, "%lld.%02lld",
										     (long long)(editing->amount_fen / 100),
										     (long long)(editing->amount_fen % 100))
								      : "";
			f.vals[CF_QUANTITY] = editing->quantity ? arena_printf(r->a, "%lld", (long long)editing->quantity) : "";
			f.vals[CF_QUNIT] = editing->quantity_unit;
			f.vals[CF_DUE] = editing->due_on;
			f.vals[CF_PERIOD] = editing->period;
		}
		units_view_commitment_form(r, &f);
		return HR_OK;
	}
	struct units_commitment c;
	if (c_from_form(r, &f, &c))
		return c_again(r, &f, NULL);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc;
	if (editing) {
		c.id = editing->id;
		rc = units_commitment_update(r->db, r->community->id, &c, r->now);
	} else
		rc = units_commitment_add(r->db, r->community->id, &c, r->now);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : c_again(r, &f, refusal_of(rc));
	}
	if (req_audit_commit(r, editing ? "units.commitment_edit" : "units.commitment_add", "units_commitment", c.id,
			     arena_printf(r->a, "%s:%s", p->g.title, c.promise)) < 0)
		return HR_ERROR;
	return to_agreement(r, p->g.id, "saved");
}

enum http_result units_h_commitment_new(struct req *r)
{
	struct units_agreement_page p = {0};
	int rc = units_load_agreement(r, &p);
	return rc ? (enum http_result)rc : commitment_form(r, &p, NULL);
}

/* The commitment of the path's third parameter among p's: NULL if none. */
static const struct units_commitment *commitment_of(struct req *r, const struct units_agreement_page *p)
{
	int64_t cid = units_id_param(r->param[2]);
	for (size_t i = 0; cid && i < p->ncs; i++)
		if (p->cs[i].id == cid)
			return &p->cs[i];
	return NULL;
}

enum http_result units_h_commitment_edit(struct req *r)
{
	struct units_agreement_page p = {0};
	int rc = units_load_agreement(r, &p);
	if (rc)
		return rc;
	const struct units_commitment *c = commitment_of(r, &p);
	return c ? commitment_form(r, &p, c) : req_fail(r, HR_NOT_FOUND, "这份协议没有这项承诺。");
}

enum http_result units_h_commitment_remove(struct req *r)
{
	struct units_agreement_page p = {0};
	int rc = units_load_agreement(r, &p);
	if (rc)
		return rc;
	const struct units_commitment *c = commitment_of(r, &p);
	if (!c)
		return req_fail(r, HR_NOT_FOUND, "这份协议没有这项承诺。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = units_commitment_remove(r->db, r->community->id, p.g.id, c->id);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_BAD_REQUEST, refusal_of(rc));
	}
	if (req_audit_commit(r, "units.commitment_remove", "units_commitment", c->id,
			     arena_printf(r->a, "%s:%s", p.g.title, c->promise)) < 0)
		return HR_ERROR;
	return to_agreement(r, p.g.id, "removed");
}

/* ---- the agreement's state ---- */

/* POST /state: action in_force (from draft, with a commitment at least), or
 * ended / terminated (from in force) with a reason asked on GET. */
enum http_result units_h_agreement_state(struct req *r)
{
	struct units_agreement_page p = {0};
	int rc = units_load_agreement(r, &p);
	if (rc)
		return rc;
	const char *action = kv_get(r->method == METHOD_POST ? &r->form : &r->q, "action");
	int to = units_state_from(action);
	if (to != US_IN_FORCE && to != US_ENDED && to != US_TERMINATED)
		return req_fail(r, HR_BAD_REQUEST, "请选择要进行的操作。");
	int from = to == US_IN_FORCE ? US_DRAFT : US_IN_FORCE;
	struct units_reason_page rp = {
	    .title = to == US_ENDED ? "协议期满结束" : "提前终止协议",
	    .lead = to == US_ENDED ? "协议结束后不能再登记履行情况。" : "终止后不能再登记履行情况,终止原因将公开显示。",
	    .action = url_c_id(r->a, r->community->slug, "/admin/units/agreements/", p.g.id, "/state"),
	    .back = url_c_id(r->a, r->community->slug, "/admin/units/agreements/", p.g.id, NULL),
	    .submit = to == US_ENDED ? "结束协议" : "终止协议",
	    .hidden_action = action,
	};
	const char *why = "";
	if (to != US_IN_FORCE) {
		if (r->method != METHOD_POST) {
			units_view_reason(r, &rp);
			return HR_OK;
		}
		why = kv_get(&r->form, "reason");
		why = why ? str_normalize(r->a, why, strlen(why)) : "";
		if (!why || !*why || utf8_len(why, strlen(why)) > 200) {
			rp.reason = kv_get(&r->form, "reason");
			rp.reason_err = "请填写原因(200 字以内)";
			units_view_reason(r, &rp);
			r->body_written = 1;
			return req_fail(r, HR_INVALID, rp.reason_err);
		}
	} else if (r->method != METHOD_POST)
		return req_fail(r, HR_METHOD, "请在协议页面上操作。");
	else if (!p.ncs)
		return req_fail(r, HR_BAD_REQUEST, "协议还没有承诺事项,不能生效。请先添加承诺事项。");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int state;
	rc = units_agreement_lock(r->db, r->community->id, p.g.id, &state);
	if (!rc && to == US_IN_FORCE) {
		/* Read again under the lock: its last commitment may just have gone. */
		struct units_commitment *cs;
		size_t nc;
		rc = units_commitments(r->db, r->a, r->community->id, p.g.id, 0, 1, &cs, &nc) < 0 ? -1
		     : nc == 0								 ? UNITS_STATE
											 : 0;
	}
	if (!rc)
		rc = units_agreement_set_state(r->db, r->community->id, p.g.id, from, to, why, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_BAD_REQUEST, refusal_of(rc));
	}
	if (req_audit_commit(r, arena_printf(r->a, "units.agreement_%s", units_state_name(to)), "units_agreement", p.g.id,
			     *why ? arena_printf(r->a, "%s,原因:%s", p.g.title, why) : p.g.title) < 0)
		return HR_ERROR;
	return to_agreement(r, p.g.id, units_state_name(to));
}

/* ---- fulfilments ---- */

static const struct field f_fields[FF__MAX] = {
    [FF_COMMITMENT] = {"commitment", "承诺事项", FIELD_TEXT, 1, 20},
    [FF_ON] = {"done_on", "履行日期", FIELD_TEXT, 1, 20},
    [FF_WHAT] = {"what", "履行内容", FIELD_TEXT, 1, 200},
    [FF_AMOUNT] = {"amount", "到位金额(元)", FIELD_TEXT, 0, 30},
    [FF_QUANTITY] = {"quantity", "完成数量", FIELD_TEXT, 0, 20},
    [FF_EVIDENCE] = {"evidence", "佐证材料说明", FIELD_TEXT, 0, 200},
};

static enum http_result f_again(struct req *r, struct units_fulfil_form *f, const char *refusal)
{
	f->refusal = refusal;
	units_view_fulfil_form(r, f);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, refusal ? refusal : "请修改表单中标出的问题。");
}

/* 1 if commitment id of p is fully done (a warning on the form, not a
 * refusal: more may be given than promised). */
static int done_already(const struct units_agreement_page *p, int64_t id)
{
	for (size_t i = 0; id && i < p->ncs; i++)
		if (p->cs[i].id == id)
			return units_progress_tenths(&p->cs[i]) >= 1000;
	return 0;
}

enum http_result units_h_fulfil(struct req *r)
{
	struct units_agreement_page p = {0};
	int rc = units_load_agreement(r, &p);
	if (rc)
		return rc;
	struct units_fulfil_form f = {.g = &p.g, .cs = p.cs, .ncs = p.ncs};
	if (p.g.state != US_IN_FORCE)
		return req_fail(r, HR_BAD_REQUEST, "只有履行中的协议才能登记履行情况。");
	if (r->method != METHOD_POST) {
		char today[11];
		date_format(date_from_time(r->now), today);
		f.vals[FF_ON] = arena_strdup(r->a, today);
		f.vals[FF_COMMITMENT] = kv_get(&r->q, "commitment");
		f.done_already = done_already(&p, units_id_param(f.vals[FF_COMMITMENT]));
		units_view_fulfil_form(r, &f);
		return HR_OK;
	}
	int bad = fields_validate(r->a, &r->form, f_fields, FF__MAX, f.vals, f.errs);
	struct units_fulfilment x = {.commitment_id = units_id_param(f.vals[FF_COMMITMENT]), .what = f.vals[FF_WHAT],
				     .evidence = f.vals[FF_EVIDENCE]};
	const struct units_commitment *c = NULL;
	for (size_t i = 0; i < p.ncs; i++)
		if (p.cs[i].id == x.commitment_id)
			c = &p.cs[i];
	f.done_already = done_already(&p, x.commitment_id);
	if (!c && !f.errs[FF_COMMITMENT] && ++bad)
		f.errs[FF_COMMITMENT] = "请选择这份协议的一项承诺";
	if (!f.errs[FF_ON]) {
		char today[11];
		date_format(date_from_time(r->now), today);
		const char *e = units_parse_day(r->a, f.vals[FF_ON], "履行日期", 1, x.done_on);
		if (!e && strcmp(x.done_on, p.g.starts_on) < 0)
			e = arena_printf(r->a, "履行日期早于协议开始日期(%s)", p.g.starts_on);
		if (!e && strcmp(x.done_on, today) > 0) /* what is not done yet does not count toward progress */
			e = arena_printf(r->a, "履行日期不能晚于今天(%s),请在完成后再登记", today);
		if (e && ++bad)
			f.errs[FF_ON] = e;
	}
	/* Money given beyond the promise is taken and shown as such. */
	if (c && c->kind == UC_MONEY && !f.errs[FF_AMOUNT]) {
		const char *e = units_parse_amount(f.vals[FF_AMOUNT], 1, &x.amount_fen);
		if (e && ++bad)
			f.errs[FF_AMOUNT] = *f.vals[FF_AMOUNT] ? e : "资金类承诺请填写到位金额";
	} else if (c && !f.errs[FF_QUANTITY]) {
		const char *e = units_parse_quantity(f.vals[FF_QUANTITY], &x.quantity);
		if (!e && !x.quantity)
			e = "完成数量应大于 0";
		if (e && ++bad)
			f.errs[FF_QUANTITY] = *f.vals[FF_QUANTITY] ? e : "请填写完成数量";
	}
	static const int shown[] = {FF_WHAT};
	bad += units_refuse_personal(r->a, f.vals, f.errs, shown, 1);
	if (bad)
		return f_again(r, &f, NULL);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = units_fulfilment_add(r->db, r->community->id, &x, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : f_again(r, &f, refusal_of(rc));
	}
	if (req_audit_commit(r, "units.fulfil", "units_fulfilment", x.id,
			     arena_printf(r->a, "%s:%s,%s", p.g.title, c->promise, x.what)) < 0)
		return HR_ERROR;
	return to_agreement(r, p.g.id, "fulfilled");
}

/* /admin/units/fulfilments/{id}/reverse: GET asks the reason and date, POST reverses. */
enum http_result units_h_reverse(struct req *r)
{
	int64_t id = units_id_param(r->param[1]);
	struct units_fulfilment o;
	int rc = id ? units_fulfilment_get(r->db, r->a, r->community->id, id, &o) : UNITS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这条履行记录。");
	char today[11];
	date_format(date_from_time(r->now), today);
	struct units_reason_page p = {
	    .title = "冲销履行记录",
	    .lead = arena_printf(r->a, "冲销“%s”(%s):登记一条数量和金额相反的记录,原记录保留并标明已冲销。", o.what,
				 o.done_on),
	    .action = url_c_id(r->a, r->community->slug, "/admin/units/fulfilments/", id, "/reverse"),
	    .back = url_c_id(r->a, r->community->slug, "/admin/units/agreements/", o.agreement_id, NULL),
	    .submit = "冲销",
	    .with_date = 1,
	    .on = today,
	};
	if (o.reversed_by || o.reverses_id)
		return req_fail(r, HR_BAD_REQUEST, refusal_of(UNITS_REVERSED));
	if (r->method != METHOD_POST) {
		p.on = arena_strdup(r->a, today);
		units_view_reason(r, &p);
		return HR_OK;
	}
	const char *why = kv_get(&r->form, "reason");
	why = why ? str_normalize(r->a, why, strlen(why)) : "";
	char on[11];
	p.reason = kv_get(&r->form, "reason");
	p.on = kv_get(&r->form, "on");
	p.on_err = units_parse_day(r->a, p.on, "冲销日期", 1, on);
	if (!p.on_err && strcmp(on, today) > 0)
		p.on_err = arena_printf(r->a, "冲销日期不能晚于今天(%s)", today);
	if (!why || !*why || utf8_len(why, strlen(why)) > 200)
		p.reason_err = "请填写冲销原因(200 字以内)";
	if (p.reason_err || p.on_err) {
		units_view_reason(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int64_t rev;
	rc = units_fulfilment_reverse(r->db, r->community->id, id, on, why, r->user->id, r->now, &rev);
	if (rc) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_BAD_REQUEST, refusal_of(rc));
	}
	if (req_audit_commit(r, "units.reverse", "units_fulfilment", id,
			     arena_printf(r->a, "冲销“%s”,原因:%s", o.what, why)) < 0)
		return HR_ERROR;
	return to_agreement(r, o.agreement_id, "reversed");
}
