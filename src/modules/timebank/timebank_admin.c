/* Staff routes of the time bank: the accounts list (search by number or
 * mobile, masked, exports), opening an account at the desk, the cap, an
 * account's page with its moves and the desk's move form (存入, 支取,
 * 转赠), reversals (冲正), freezing and closing, the audited full view of
 * name and mobile, and residents' reports to confirm or refuse. Every POST
 * locks what it changes inside its write transaction and is audited. */
#include <string.h>

#include "core/str.h"
#include "http/fields.h"
#include "modules/timebank/timebank_web.h"
#include "web/link.h"
#include "web/list.h"

static const char *notice_of(struct req *r)
{
	const char *done = kv_get(&r->q, "done");
	if (!done)
		return NULL;
	return !strcmp(done, "opened")      ? "账户已开通。"
	       : !strcmp(done, "moved")     ? "已记账。"
	       : !strcmp(done, "reversed")  ? "已冲正。"
	       : !strcmp(done, "state")     ? "账户状态已更改。"
	       : !strcmp(done, "cap")       ? "上限已保存。"
	       : !strcmp(done, "confirmed") ? "已确认并存入。"
	       : !strcmp(done, "refused")   ? "已退回申报。"
	                                    : NULL;
}

/* ---- the accounts ---- */

static int load_accounts(struct req *r, struct tb_admin_page *p, int all)
{
	int64_t offset, limit;
	int rc = tb_page_window(r, all, &p->page, &offset, &limit);
	if (rc)
		return rc;
	const char *s = kv_get(&r->q, "state");
	p->state = s && *s ? tb_state_from(s) : -1;
	if (s && *s && p->state < 0)
		return req_fail(r, HR_BAD_REQUEST, "没有这种账户状态。");
	const char *q = kv_get(&r->q, "q");
	q = q ? str_normalize(r->a, q, strlen(q)) : "";
	p->q = q;
	char mobile[12];
	int64_t id = 0;
	if (q && *q && !str_mobile_normalize(q, mobile)) {
		if (tb_account_list(r->db, r->a, r->community->id, -1, mobile, offset, limit, &p->accounts,
		                    &p->n) < 0)
			return HR_ERROR;
	} else if (q && *q && !tb_parse_number(q, &id)) {
		struct tb_account *one = arena_zalloc(r->a, sizeof *one);
		if (!one)
			return HR_ERROR;
		rc = tb_account_get(r->db, r->a, r->community->id, id, 0, one);
		if (rc < 0)
			return HR_ERROR;
		p->accounts = one;
		p->n = rc == 0 && offset == 0;
	} else {
		if (q && *q)
			p->q_err = "请输入账户号或 11 位手机号";
		if (tb_account_list(r->db, r->a, r->community->id, p->state, NULL, offset, limit,
		                    &p->accounts, &p->n) < 0)
			return HR_ERROR;
	}
	if (!all && p->n > TB_PER_PAGE) {
		p->n = TB_PER_PAGE;
		p->has_next = 1;
	}
	if (tb_reports_pending(r->db, r->community->id, &p->pending) < 0 ||
	    tb_cap(r->db, r->community->id, &p->cap) < 0)
		return HR_ERROR;
	return 0;
}

enum http_result tb_h_admin(struct req *r)
{
	struct tb_admin_page p = {0};
	int rc = load_accounts(r, &p, 0);
	if (rc)
		return rc;
	p.notice = notice_of(r);
	tb_view_admin(r, &p);
	return HR_OK;
}

enum http_result tb_h_admin_export(struct req *r)
{
	struct tb_admin_page p = {0};
	int rc = load_accounts(r, &p, 1);
	if (rc)
		return rc;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s时间银行账户", r->community->name),
	                       tb_account_cols, tb_account_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	tb_account_rows(&t, r, p.accounts, p.n);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

static const struct field open_fields[3] = {
    {"name", "姓名", FIELD_TEXT, 1, 20},
    {"mobile", "手机号", FIELD_MOBILE, 0, 20},
    {"person", "居民档案编号(可不填)", FIELD_TEXT, 0, 20},
};

enum http_result tb_h_open(struct req *r)
{
	struct tb_open_page p = {0};
	if (r->method != METHOD_POST) {
		tb_view_open(r, &p);
		return HR_OK;
	}
	int bad = fields_validate(r->a, &r->form, open_fields, 3, p.vals, p.errs);
	int64_t person = 0;
	if (!p.errs[2] && *p.vals[2] && !(person = tb_id_param(p.vals[2])) && ++bad)
		p.errs[2] = "居民档案编号是数字";
	if (bad) {
		tb_view_open(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请按提示修改后再提交。");
	}
	struct tb_account ac = {.person_id = person, .name = p.vals[0], .mobile = p.vals[1]};
	if (db_begin(r->db) < 0 ||
	    tb_account_open(r->db, r->a, r->community->id, &ac, r->user->id, r->now) != 0)
		return HR_ERROR;
	if (req_audit_commit(r, "timebank.open", "timebank_account", ac.id, "窗口开通时间银行账户") < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/timebank/", ac.id, "?done=opened"));
}

enum http_result tb_h_cap(struct req *r)
{
	struct tb_cap_page p = {0};
	if (tb_cap(r->db, r->community->id, &p.cap) < 0)
		return HR_ERROR;
	if (r->method != METHOD_POST) {
		tb_view_cap(r, &p);
		return HR_OK;
	}
	p.value = kv_get(&r->form, "cap");
	int64_t h = 0;
	const char *v = p.value ? str_normalize(r->a, p.value, strlen(p.value)) : "";
	if (!v || str_to_int64(v, &h) < 0 || h < 1 || h > TB_CAP_MAX / 60) {
		p.err = "请填写 1 到 100000 之间的整数(小时)";
		tb_view_cap(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, p.err);
	}
	if (db_begin(r->db) < 0 || tb_cap_set(r->db, r->community->id, h * 60, r->user->id, r->now) < 0)
		return HR_ERROR;
	if (req_audit_commit(r, "timebank.cap", "timebank_setting", r->community->id,
	                     arena_printf(r->a, "每个账户上限改为 %lld 小时", (long long)h)) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug, "/admin/timebank/?done=cap"));
}

/* ---- an account ---- */

/* The account of the path's first parameter, a page of its moves. 0, or an
 * http result. */
static int load_account(struct req *r, struct tb_account_page *p, int all)
{
	int64_t id = tb_id_param(r->param[1]);
	int rc = id ? tb_account_get(r->db, r->a, r->community->id, id, 0, &p->ac) : TB_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个时间银行账户。");
	int64_t offset, limit;
	if ((rc = tb_page_window(r, all, &p->page, &offset, &limit)) != 0)
		return rc;
	if (tb_moves(r->db, r->a, r->community->id, id, offset, limit, &p->moves, &p->n) < 0 ||
	    tb_cap(r->db, r->community->id, &p->cap) < 0)
		return HR_ERROR;
	if (!all && p->n > TB_PER_PAGE) {
		p->n = TB_PER_PAGE;
		p->has_next = 1;
	}
	return 0;
}

enum http_result tb_h_account(struct req *r)
{
	struct tb_account_page p = {0};
	int rc = load_account(r, &p, 0);
	if (rc)
		return rc;
	p.notice = notice_of(r);
	tb_view_account(r, &p);
	return HR_OK;
}

enum http_result tb_h_account_export(struct req *r)
{
	struct tb_account_page p = {0};
	int rc = load_account(r, &p, 1);
	if (rc)
		return rc;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x,
	                       arena_printf(r->a, "时间银行账户%lld收支明细", (long long)p.ac.id),
	                       tb_move_cols, tb_move_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	tb_move_rows(&t, r, p.moves, p.n, 1);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

/* The account page again with the refused form as typed. */
static enum http_result account_again(struct req *r, struct tb_account_page *p, const char *refusal)
{
	db_rollback(r->db);
	struct tb_account_page q = {.form = p->form};
	int rc = load_account(r, &q, 0);
	if (rc)
		return rc;
	q.refusal = refusal;
	tb_view_account(r, &q);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, refusal ? refusal : "请按提示修改后再提交。");
}

enum http_result tb_h_move(struct req *r)
{
	struct tb_account_page p = {0};
	int64_t id = tb_id_param(r->param[1]);
	struct tb_move m;
	int64_t to, room = 0;
	if (tb_form_read(r, &p.form, 1, 0, &m, &to))
		return account_again(r, &p, NULL);
	m.account_id = id;
	m.source = "desk";
	if (m.kind != TK_TRANSFER_OUT && to) {
		struct tb_account party;
		int prc = tb_account_get(r->db, r->a, r->community->id, to, 0, &party);
		if (prc < 0)
			return HR_ERROR;
		if (prc || to == id) {
			p.form.errs[MF_TO] = prc ? "本社区没有这个账户号" : "服务对象不能是本账户";
			return account_again(r, &p, NULL);
		}
		m.party_account_id = to;
		if (!*m.party_masked)
			m.party_masked = party.name_masked;
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc;
	int64_t move_id = 0;
	if (m.kind == TK_DEPOSIT)
		rc = tb_deposit(r->db, r->community->id, &m, r->user->id, r->now, &room);
	else if (m.kind == TK_WITHDRAW)
		rc = tb_withdraw(r->db, r->community->id, &m, r->user->id, r->now, &room);
	else
		rc = tb_transfer(r->db, r->community->id, id, to, m.minutes, m.served_on, m.note, r->user->id,
		                 r->now, &move_id, &room);
	if (m.kind != TK_TRANSFER_OUT)
		move_id = m.id;
	switch (rc) {
	case 0:
		break;
	case TB_NOT_FOUND:
		if (m.kind == TK_TRANSFER_OUT) {
			p.form.errs[MF_TO] = "本社区没有这个账户号";
			return account_again(r, &p, NULL);
		}
		db_rollback(r->db);
		return req_fail(r, HR_NOT_FOUND, "没有这个时间银行账户。");
	case TB_CAP:
		if (tb_cap(r->db, r->community->id, &p.cap) < 0)
			return HR_ERROR;
		return account_again(r, &p,
		                     arena_printf(r->a, "超过每个账户 %s 的上限:%s还能存入 %s。",
		                                  tb_minutes_text(r->a, p.cap),
		                                  m.kind == TK_TRANSFER_OUT ? "对方账户" : "本账户",
		                                  tb_minutes_text(r->a, room)));
	case TB_FUNDS:
		return account_again(r, &p,
		                     arena_printf(r->a, "余额不足:现有 %s。", tb_minutes_text(r->a, room)));
	case TB_STATE:
		return account_again(r, &p, "账户已冻结或注销,不能记账。");
	case TB_SAME:
		p.form.errs[MF_TO] = "不能转给本账户";
		return account_again(r, &p, NULL);
	case TB_RANGE:
		return account_again(r, &p, "时长超出范围。");
	default:
		return HR_ERROR;
	}
	if (req_audit_commit(
	        r, arena_printf(r->a, "timebank.%s", tb_kind_name(m.kind)), "timebank_move", move_id,
	        arena_printf(r->a, "%s %s", tb_kind_label(m.kind), tb_minutes_text(r->a, m.minutes))) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/timebank/", id, "?done=moved"));
}

/* The reason typed on a reason page: normalised, 1..200 characters with no
 * control character, or NULL. */
static const char *reason_of(struct req *r)
{
	const char *why = kv_get(&r->form, "reason");
	why = why ? str_normalize(r->a, why, strlen(why)) : NULL;
	return why && *why && utf8_len(why, strlen(why)) <= 200 && !fields_text_problem(r->a, "理由", why, 1) ? why
														: NULL;
}

static enum http_result reason_again(struct req *r, struct tb_reason_page *p, const char *refusal)
{
	db_rollback(r->db);
	p->reason = kv_get(&r->form, "reason");
	if (!refusal)
		p->reason_err = "请填写理由(200 字以内)";
	p->refusal = refusal;
	tb_view_reason(r, p);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, refusal ? refusal : p->reason_err);
}

enum http_result tb_h_contact(struct req *r)
{
	int64_t id = tb_id_param(r->param[1]);
	struct tb_account ac;
	int rc = id ? tb_account_get(r->db, r->a, r->community->id, id, 0, &ac) : TB_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个时间银行账户。");
	r->cache_control = "no-store";
	struct tb_reason_page p = {
	    .title = arena_printf(r->a, "查看账户 %lld 的姓名和手机号", (long long)id),
	    .lead = "姓名和手机号属于个人信息,查看将连同理由记入审计日志。",
	    .action = url_c_id(r->a, r->community->slug, "/admin/timebank/", id, "/contact"),
	    .back = url_c_id(r->a, r->community->slug, "/admin/timebank/", id, NULL),
	    .submit = "查看完整信息",
	};
	if (r->method != METHOD_POST) {
		tb_view_reason(r, &p);
		return HR_OK;
	}
	const char *why = reason_of(r);
	if (!why)
		return reason_again(r, &p, NULL);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (req_audit_commit(r, "timebank.view_contact", "timebank_account", id,
	                     arena_printf(r->a, "查看姓名和手机号,理由:%s", why)) < 0)
		return HR_ERROR;
	if (tb_account_get(r->db, r->a, r->community->id, id, 1, &ac) < 0)
		return HR_ERROR;
	p.shown = ac.name && ac.mobile ? arena_printf(r->a, "%s%s%s", ac.name,
	                                              *ac.mobile ? ",手机 " : ",未登记手机", ac.mobile)
	                               : "信息无法解密,请联系系统管理员。";
	tb_view_reason(r, &p);
	return HR_OK;
}

enum http_result tb_h_state(struct req *r)
{
	int64_t id = tb_id_param(r->param[1]);
	struct tb_account ac;
	int rc = id ? tb_account_get(r->db, r->a, r->community->id, id, 0, &ac) : TB_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个时间银行账户。");
	static const struct form_option choices[] = {{"open", "正常(恢复使用)", NULL},
	                                             {"frozen", "冻结(暂停存取)", NULL},
	                                             {"closed", "注销(余额须为 0)", NULL}};
	struct tb_reason_page p = {
	    .title = arena_printf(r->a, "更改账户 %lld 的状态", (long long)id),
	    .lead = arena_printf(r->a, "现在:%s。冻结或注销的账户不能存入、支取或转赠。",
	                         tb_state_label(ac.state)),
	    .action = url_c_id(r->a, r->community->slug, "/admin/timebank/", id, "/state"),
	    .back = url_c_id(r->a, r->community->slug, "/admin/timebank/", id, NULL),
	    .submit = "保存",
	    .choices = choices,
	    .nchoices = 3,
	};
	if (r->method != METHOD_POST) {
		tb_view_reason(r, &p);
		return HR_OK;
	}
	p.choice = kv_get(&r->form, "state");
	int state = tb_state_from(p.choice);
	const char *why = reason_of(r);
	if (state < 0) {
		p.choice_err = "请选择状态";
		return reason_again(r, &p, NULL);
	}
	if (!why)
		return reason_again(r, &p, NULL);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = tb_account_set_state(r->db, r->community->id, id, state, why, r->now);
	if (rc == TB_STATE)
		return reason_again(r, &p,
		                    ac.state == TS_CLOSED ? "账户已注销,不能再更改。"
		                                          : "还有余额的账户不能注销,请先支取或转赠。");
	if (rc)
		return HR_ERROR;
	if (req_audit_commit(r, "timebank.state", "timebank_account", id,
	                     arena_printf(r->a, "账户状态改为%s,理由:%s", tb_state_label(state), why)) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/timebank/", id, "?done=state"));
}

enum http_result tb_h_reverse(struct req *r)
{
	int64_t id = tb_id_param(r->param[1]);
	struct tb_move m;
	int rc = id ? tb_move_get(r->db, r->a, r->community->id, id, &m) : TB_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这条记录。");
	struct tb_reason_page p = {
	    .title = arena_printf(r->a, "冲正第 %lld 条记录(%s %s)", (long long)id, tb_kind_label(m.kind),
	                          tb_minutes_text(r->a, m.minutes)),
	    .lead = "冲正会新增一条相反的记录,原记录保留不改;转赠会连同对方的一条一起冲正。",
	    .action = url_c_id(r->a, r->community->slug, "/admin/timebank/moves/", id, "/reverse"),
	    .back = url_c_id(r->a, r->community->slug, "/admin/timebank/", m.account_id, NULL),
	    .submit = "冲正",
	};
	if (r->method != METHOD_POST) {
		tb_view_reason(r, &p);
		return HR_OK;
	}
	const char *why = reason_of(r);
	if (!why)
		return reason_again(r, &p, NULL);
	char on[11];
	date_format(tb_today(r), on);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int64_t rev;
	rc = tb_reverse(r->db, r->community->id, id, why, on, r->user->id, r->now, &rev);
	if (rc == TB_REVERSED)
		return reason_again(r, &p, "这条记录已冲正过,或本身是冲正记录。");
	if (rc == TB_FUNDS)
		return reason_again(r, &p, "余额不足以冲正(存入的时长已被支取或转出)。");
	if (rc == TB_STATE)
		return reason_again(r, &p, "账户已注销,不能冲正。");
	if (rc)
		return HR_ERROR;
	if (req_audit_commit(r, "timebank.reverse", "timebank_move", id,
	                     arena_printf(r->a, "冲正,理由:%s", why)) < 0)
		return HR_ERROR;
	return req_redirect(
	    r, url_c_id(r->a, r->community->slug, "/admin/timebank/", m.account_id, "?done=reversed"));
}

/* ---- residents' reports ---- */

static int load_reports(struct req *r, struct tb_reports_page *p, int all)
{
	int64_t offset, limit;
	int rc = tb_page_window(r, all, &p->page, &offset, &limit);
	if (rc)
		return rc;
	const char *s = kv_get(&r->q, "state");
	p->state = s ? (*s ? tb_rstate_from(s) : -1) : TR_PENDING;
	if (s && *s && p->state < 0)
		return req_fail(r, HR_BAD_REQUEST, "没有这种状态。");
	if (tb_reports(r->db, r->a, r->community->id, 0, p->state, offset, limit, &p->reports, &p->n) < 0)
		return HR_ERROR;
	if (!all && p->n > TB_PER_PAGE) {
		p->n = TB_PER_PAGE;
		p->has_next = 1;
	}
	return 0;
}

enum http_result tb_h_reports_export(struct req *r)
{
	struct tb_reports_page p = {0};
	int rc = load_reports(r, &p, 1);
	if (rc)
		return rc;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s时间银行居民申报", r->community->name),
	                       tb_report_cols, tb_report_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	tb_report_rows(&t, r, p.reports, p.n);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

enum http_result tb_h_reports(struct req *r)
{
	struct tb_reports_page p = {0};
	int rc = load_reports(r, &p, 0);
	if (rc)
		return rc;
	p.notice = notice_of(r);
	tb_view_reports(r, &p);
	return HR_OK;
}

enum http_result tb_h_report_confirm(struct req *r)
{
	int64_t id = tb_id_param(r->param[1]), move_id, room = 0, cap;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = tb_report_confirm(r->db, r->community->id, id, r->user->id, r->now, &move_id, &room);
	const char *refusal = NULL;
	if (rc == TB_CAP && tb_cap(r->db, r->community->id, &cap) == 0)
		refusal =
		    arena_printf(r->a, "超过每个账户 %s 的上限:该账户还能存入 %s。请退回,或先调整上限。",
		                 tb_minutes_text(r->a, cap), tb_minutes_text(r->a, room));
	else if (rc == TB_STATE)
		refusal = "这条申报已处理过,或账户已冻结、注销。";
	else if (rc == TB_NOT_FOUND) {
		db_rollback(r->db);
		return req_fail(r, HR_NOT_FOUND, "没有这条申报。");
	} else if (rc)
		return HR_ERROR;
	if (refusal) {
		db_rollback(r->db);
		struct tb_reports_page p = {0};
		if ((rc = load_reports(r, &p, 0)) != 0)
			return rc;
		p.refusal = refusal;
		tb_view_reports(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, refusal);
	}
	if (req_audit_commit(r, "timebank.confirm", "timebank_report", id, "确认居民申报的服务并存入") < 0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug, "/admin/timebank/reports/?done=confirmed"));
}

enum http_result tb_h_report_refuse(struct req *r)
{
	int64_t id = tb_id_param(r->param[1]);
	struct tb_report rep;
	int rc = id ? tb_report_get(r->db, r->a, r->community->id, id, &rep) : TB_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这条申报。");
	struct tb_reason_page p = {
	    .title = arena_printf(r->a, "退回申报:%s %s %s", rep.served_on, rep.service,
	                          tb_minutes_text(r->a, rep.minutes)),
	    .lead = "退回的理由会显示给申报的居民。",
	    .action = url_c_id(r->a, r->community->slug, "/admin/timebank/reports/", id, "/refuse"),
	    .back = url_c(r->a, r->community->slug, "/admin/timebank/reports/"),
	    .submit = "退回",
	};
	if (r->method != METHOD_POST) {
		tb_view_reason(r, &p);
		return HR_OK;
	}
	const char *why = reason_of(r);
	if (!why)
		return reason_again(r, &p, NULL);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = tb_report_refuse(r->db, r->community->id, id, why, r->user->id, r->now);
	if (rc == TB_STATE)
		return reason_again(r, &p, "这条申报已处理过。");
	if (rc)
		return HR_ERROR;
	if (req_audit_commit(r, "timebank.refuse", "timebank_report", id,
	                     arena_printf(r->a, "退回申报,理由:%s", why)) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug, "/admin/timebank/reports/?done=refused"));
}
