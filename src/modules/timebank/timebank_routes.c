/* Public and residents' routes of the time bank: the public summary (totals
 * only, no name), its JSON, and a resident's 我的时间银行 (open an account,
 * report a service given, donate hours to a relative's account after
 * seeing their masked name). Shared helpers of the module's handlers. */
#include <jansson.h>
#include <string.h>

#include "auth/auth.h"
#include "core/str.h"
#include "http/fields.h"
#include "modules/timebank/timebank_web.h"
#include "pii/pii.h"
#include "web/link.h"
#include "web/list.h"

int tb_page_window(struct req *r, int all, int64_t *page, int64_t *offset, int64_t *limit)
{
	*page = page_param(r);
	if (*page < 0 || page_offset(*page, TB_PER_PAGE, offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不正确。");
	if (all) {
		*offset = 0;
		*page = 1;
	}
	*limit = all ? TB_EXPORT_MAX : TB_PER_PAGE + 1;
	return 0;
}

int64_t tb_id_param(const char *s)
{
	int64_t id;
	if (!s || *s < '1' || *s > '9' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

struct ymd tb_today(struct req *r)
{
	return date_from_time(r->now);
}

static const struct field form_fields[MF__MAX] = {
    [MF_KIND] = {"kind", "类型", FIELD_TEXT, 1, 20},
    [MF_HOURS] = {"hours", "时长", FIELD_TEXT, 1, 30},
    [MF_SERVICE] = {"service", "服务内容", FIELD_TEXT, 0, 10},
    [MF_ON] = {"on", "服务日期", FIELD_TEXT, 1, 20},
    [MF_PARTY] = {"party", "服务对象(或服务提供人)姓名", FIELD_TEXT, 0, 20},
    [MF_TO] = {"to", "对方账户号", FIELD_TEXT, 0, 20},
    [MF_NOTE] = {"note", "备注", FIELD_TEXT, 0, 100},
};

int tb_form_read(struct req *r, struct tb_form *f, int with_kind, int kind, struct tb_move *m, int64_t *to)
{
	memset(m, 0, sizeof *m);
	*to = 0;
	struct field fs[MF__MAX];
	memcpy(fs, form_fields, sizeof fs);
	fs[MF_KIND].required = with_kind;
	int bad = fields_validate(r->a, &r->form, fs, MF__MAX, f->vals, f->errs);
	if (with_kind) {
		kind = tb_kind_from(f->vals[MF_KIND]);
		if (kind != TK_DEPOSIT && kind != TK_WITHDRAW && kind != TK_TRANSFER_OUT) {
			if (!f->errs[MF_KIND] && ++bad)
				f->errs[MF_KIND] = "请选择存入、支取或转赠";
			kind = TK_DEPOSIT;
		}
	}
	m->kind = kind;
	if (!f->errs[MF_HOURS]) {
		const char *e = tb_parse_hours(f->vals[MF_HOURS], &m->minutes);
		if (e && ++bad)
			f->errs[MF_HOURS] = e;
	}
	if (!f->errs[MF_ON]) {
		const char *e = tb_parse_day(f->vals[MF_ON], tb_today(r), m->served_on);
		if (e && ++bad)
			f->errs[MF_ON] = e;
	}
	if (kind == TK_TRANSFER_OUT) {
		if (!f->errs[MF_TO]) {
			const char *e = tb_parse_number(f->vals[MF_TO], to);
			if (e && ++bad)
				f->errs[MF_TO] = e;
		}
		m->service = "转赠";
	} else {
		/* the person served (or who served) may also be named by an account */
		if (!f->errs[MF_TO] && *f->vals[MF_TO]) {
			const char *e = tb_parse_number(f->vals[MF_TO], to);
			if (e && ++bad)
				f->errs[MF_TO] = e;
		}
		m->service = f->vals[MF_SERVICE];
		if (!f->errs[MF_SERVICE] && !tb_service_known(m->service) && ++bad)
			f->errs[MF_SERVICE] = "请选择服务内容";
		/* the person served (or who served): kept only masked */
		const char *who = f->vals[MF_PARTY];
		if (!f->errs[MF_PARTY] && *who && pii_text_holds_personal(r->a, who) && ++bad)
			f->errs[MF_PARTY] = "只填姓名,不要填手机号或身份证号";
		m->party_masked = *who ? pii_mask_name(r->a, who) : "";
	}
	if (!f->errs[MF_NOTE] && pii_text_holds_personal(r->a, f->vals[MF_NOTE]) && ++bad)
		f->errs[MF_NOTE] = "备注里不要写手机号或身份证号";
	m->note = f->vals[MF_NOTE];
	return bad;
}

/* ---- the public summary ---- */

static int load_summary(struct req *r, struct tb_summary_page *p)
{
	p->year = tb_today(r).y;
	if (tb_setting(r->db, r->community->id, &p->cap, &p->accounts) < 0 ||
	    tb_year(r->db, r->a, r->community->id, p->year, &p->lines, &p->n) < 0)
		return -1;
	for (size_t i = 0; i < p->n; i++) {
		p->deposited += p->lines[i].deposited;
		p->drawn += p->lines[i].drawn;
	}
	return 0;
}

enum http_result tb_h_summary(struct req *r)
{
	struct tb_summary_page p = {0};
	if (load_summary(r, &p) < 0)
		return HR_ERROR;
	tb_view_summary(r, &p);
	return HR_OK;
}

/* GET /api/v1/c/{c}/timebank/summary: the public totals of this year. */
enum http_result tb_h_api_summary(struct req *r)
{
	struct tb_summary_page p = {0};
	if (load_summary(r, &p) < 0)
		return HR_ERROR;
	json_t *list = json_array();
	for (size_t i = 0; list && i < p.n; i++)
		json_array_append_new(list, json_pack("{s:s,s:I,s:I,s:I,s:I}", "service", p.lines[i].service,
		                                      "deposited_minutes", (json_int_t)p.lines[i].deposited,
		                                      "drawn_minutes", (json_int_t)p.lines[i].drawn,
		                                      "deposits", (json_int_t)p.lines[i].deposits,
		                                      "withdrawals", (json_int_t)p.lines[i].withdrawals));
	return req_send_json(r, json_pack("{s:{s:s,s:s},s:i,s:I,s:I,s:I,s:I,s:o}", "community", "slug",
	                                  r->community->slug, "name", r->community->name, "year", p.year,
	                                  "accounts", (json_int_t)p.accounts, "cap_minutes",
	                                  (json_int_t)p.cap, "deposited_minutes", (json_int_t)p.deposited,
	                                  "drawn_minutes", (json_int_t)p.drawn, "services", list));
}

/* ---- 我的时间银行 ---- */

/* Loads the resident's account, a page of its moves and its recent
 * reports. 0, or an http result. */
static int load_mine(struct req *r, struct tb_mine_page *p, int all)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	r->cache_control = "no-store";
	int rc = tb_account_of_user(r->db, r->a, r->community->id, r->user->id, &p->ac);
	if (rc < 0 || tb_cap(r->db, r->community->id, &p->cap) < 0)
		return HR_ERROR;
	p->has_account = rc == 0;
	p->may_open = req_has_role(r, ROLE_BIT(ROLE_RESIDENT) | ROLES_STAFF);
	if (!p->has_account)
		return all ? req_fail(r, HR_NOT_FOUND, "您还没有时间银行账户。") : 0;
	int64_t offset, limit;
	if ((rc = tb_page_window(r, all, &p->page, &offset, &limit)) != 0)
		return rc;
	if (tb_moves(r->db, r->a, r->community->id, p->ac.id, offset, limit, &p->moves, &p->n) < 0 ||
	    tb_reports(r->db, r->a, r->community->id, p->ac.id, -1, 0, 10, &p->reports, &p->nreports) < 0)
		return HR_ERROR;
	if (!all && p->n > TB_PER_PAGE) {
		p->n = TB_PER_PAGE;
		p->has_next = 1;
	}
	return 0;
}

enum http_result tb_h_mine(struct req *r)
{
	struct tb_mine_page p = {0};
	int rc = load_mine(r, &p, 0);
	if (rc)
		return rc;
	const char *done = kv_get(&r->q, "done");
	if (done)
		p.notice = !strcmp(done, "opened")     ? "账户已开通。"
		           : !strcmp(done, "reported") ? "已提交,等社区工作人员核实确认后存入。"
		           : !strcmp(done, "donated") ? "已转赠。"
		                                      : NULL;
	tb_view_mine(r, &p);
	return HR_OK;
}

enum http_result tb_h_mine_export(struct req *r)
{
	struct tb_mine_page p = {0};
	int rc = load_mine(r, &p, 1);
	if (rc)
		return rc;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, "我的时间银行收支明细", tb_move_cols, tb_move_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	tb_move_rows(&t, r, p.moves, p.n, 0);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

/* Shows the resident's page again with a refused form (kept as typed). */
static enum http_result mine_again(struct req *r, struct tb_mine_page *p, const char *at, const char *refusal)
{
	db_rollback(r->db);
	struct tb_mine_page q = *p;
	int rc = load_mine(r, &q, 0);
	if (rc)
		return rc;
	q.refusal = refusal;
	q.refusal_at = at;
	tb_view_mine(r, &q);
	r->body_written = 1;
	return req_fail(r, HR_INVALID, refusal ? refusal : "请按提示修改后再提交。");
}

static const struct field open_fields[2] = {
    {"name", "姓名", FIELD_TEXT, 1, 20},
    {"mobile", "手机号", FIELD_MOBILE, 1, 20},
};

enum http_result tb_h_mine_open(struct req *r)
{
	if (!r->user)
		return req_fail(r, HR_UNAUTHORIZED, "请先登录。");
	if (!req_has_role(r, ROLE_BIT(ROLE_RESIDENT) | ROLES_STAFF))
		return req_fail(r, HR_FORBIDDEN, "只有本社区的居民可以开通时间银行账户。");
	struct tb_mine_page p = {0};
	int bad = fields_validate(r->a, &r->form, open_fields, 2, p.open.vals, p.open.errs);
	if (bad)
		return mine_again(r, &p, "open", NULL);
	struct tb_account ac = {.user_id = r->user->id, .name = p.open.vals[0], .mobile = p.open.vals[1]};
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = tb_account_open(r->db, r->a, r->community->id, &ac, r->user->id, r->now);
	if (rc == TB_DUP)
		return mine_again(r, &p, "open", "您已经有时间银行账户了。");
	if (rc)
		return HR_ERROR;
	if (req_audit_commit(r, "timebank.open_self", "timebank_account", ac.id, "居民自己开通时间银行账户") <
	    0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug, "/volunteers/timebank/mine?done=opened"));
}

/* Loads the resident's page and reads one of its forms (f, of kind, shown
 * again at `at` when refused). 0, or the http result to answer. */
static int mine_form(struct req *r, struct tb_mine_page *p, struct tb_form *f, int kind, struct tb_move *m,
                     int64_t *to, const char *at)
{
	int rc = load_mine(r, p, 0);
	if (rc)
		return rc;
	if (!p->has_account)
		return req_fail(r, HR_NOT_FOUND, "您还没有时间银行账户。");
	if (tb_form_read(r, f, 0, kind, m, to))
		return mine_again(r, p, at, NULL);
	return 0;
}

enum http_result tb_h_mine_report(struct req *r)
{
	struct tb_mine_page p = {0};
	struct tb_move m;
	int64_t to;
	int rc = mine_form(r, &p, &p.report, TK_DEPOSIT, &m, &to, "report");
	if (rc)
		return rc;
	if (!*m.party_masked) {
		p.report.errs[MF_PARTY] = "请填写您为谁服务(姓名只显示姓)";
		return mine_again(r, &p, "report", NULL);
	}
	struct tb_report rep = {.account_id = p.ac.id,
	                        .service = m.service,
	                        .minutes = m.minutes,
	                        .party_masked = m.party_masked,
	                        .note = m.note};
	memcpy(rep.served_on, m.served_on, sizeof rep.served_on);
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = tb_report_add(r->db, r->community->id, &rep, r->now);
	if (rc == TB_STATE)
		return mine_again(r, &p, "report", "账户已冻结或注销,不能申报。");
	if (rc)
		return HR_ERROR;
	if (req_audit_commit(
	        r, "timebank.report", "timebank_report", rep.id,
	        arena_printf(r->a, "申报服务 %s %s", m.service, tb_minutes_text(r->a, m.minutes))) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug, "/volunteers/timebank/mine?done=reported"));
}

enum http_result tb_h_mine_donate(struct req *r)
{
	struct tb_mine_page p = {0};
	struct tb_move m;
	int64_t to;
	int rc = mine_form(r, &p, &p.donate, TK_TRANSFER_OUT, &m, &to, "donate");
	if (rc)
		return rc;
	struct tb_account recv;
	rc = tb_account_get(r->db, r->a, r->community->id, to, 0, &recv);
	if (rc < 0)
		return HR_ERROR;
	if (rc || recv.id == p.ac.id) {
		p.donate.errs[MF_TO] = rc ? "本社区没有这个账户号" : "不能转赠给自己";
		return mine_again(r, &p, "donate", NULL);
	}
	/* First the receiver's masked name to confirm; then the transfer. */
	/* confirm holds the account number whose holder was shown: a number
	 * changed on the confirmation step is shown again, never sent to */
	const char *confirm = kv_get(&r->form, "confirm");
	if (!confirm || tb_id_param(confirm) != to) {
		p.confirm_to = to;
		p.confirm_to_masked = recv.name_masked;
		tb_view_mine(r, &p);
		return HR_OK;
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int64_t out, room = 0;
	rc = tb_transfer(r->db, r->community->id, p.ac.id, to, m.minutes, m.served_on, m.note, r->user->id,
	                 r->now, &out, &room);
	if (rc == TB_FUNDS)
		return mine_again(r, &p, "donate",
		                  arena_printf(r->a, "余额不足:现有 %s。", tb_minutes_text(r->a, room)));
	if (rc == TB_CAP) /* how much room is left would tell the other's balance: not said */
		return mine_again(r, &p, "donate", "对方账户的时长将超过上限,不能转入这么多;请少转一些,或请社区工作人员帮忙。");
	if (rc == TB_STATE)
		return mine_again(r, &p, "donate", "您的或对方的账户已冻结或注销。");
	if (rc == TB_RANGE || rc == TB_SAME || rc == TB_NOT_FOUND)
		return mine_again(r, &p, "donate", "不能这样转赠,请核对账户号和时长。");
	if (rc)
		return HR_ERROR;
	if (req_audit_commit(r, "timebank.donate", "timebank_move", out,
	                     arena_printf(r->a, "转赠 %s 给账户 %lld", tb_minutes_text(r->a, m.minutes),
	                                  (long long)to)) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug, "/volunteers/timebank/mine?done=donated"));
}
