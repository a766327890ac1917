/* Public and residents' pages of the time bank: the summary (totals of
 * this year by service kind and the rules in plain Chinese, no name), and
 * 我的时间银行 (balance, moves, reports, the forms to report a service and
 * to donate hours). HTML only, through src/web. */
#include <stdio.h>
#include <string.h>

#include "modules/timebank/timebank_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* ---- the moves table (the resident's page, the staff's account page, exports) ---- */

const struct tcol tb_move_cols[] = {{"记录号", TCOL_ROWHEAD, NULL},
                                    {"日期", 0, NULL},
                                    {"类型", 0, NULL},
                                    {"服务内容", 0, NULL},
                                    {"对象", 0, NULL},
                                    {"时长", TCOL_NUM, NULL},
                                    {"分钟", TCOL_EXPORT, "时长(分钟)"},
                                    {"余额", TCOL_NUM, NULL},
                                    {"说明", 0, NULL},
                                    {"操作", TCOL_PAGE, NULL}};
const int tb_move_ncols = (int)(sizeof tb_move_cols / sizeof *tb_move_cols);

/* Who a move was with, in words: "为 李* 服务", "转给账户 12(李*)". */
static const char *party_text(struct arena *a, const struct tb_move *m)
{
	if (m->kind == TK_TRANSFER_OUT || (m->kind == TK_REVERSAL && m->party_account_id && m->pair_id))
		return arena_printf(a, "账户 %lld(%s)", (long long)m->party_account_id, m->party_masked);
	if (m->kind == TK_TRANSFER_IN)
		return arena_printf(a, "来自账户 %lld(%s)", (long long)m->party_account_id, m->party_masked);
	if (m->party_account_id)
		return arena_printf(a, "%s(账户 %lld)", m->party_masked, (long long)m->party_account_id);
	return m->party_masked;
}

void tb_move_rows(struct table *t, struct req *r, const struct tb_move *m, size_t n, int staff)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, m[i].reversed_by ? "reversed" : NULL);
		table_int(t, m[i].id);
		table_text(t, m[i].served_on);
		table_text(t, tb_kind_label(m[i].kind));
		table_text(t, m[i].service);
		table_text(t, party_text(r->a, &m[i]));
		table_text(t, arena_printf(r->a, "%s%s", m[i].minutes > 0 ? "+" : "",
		                           tb_minutes_text(r->a, m[i].minutes)));
		table_int(t, m[i].minutes);
		table_text(t, tb_minutes_text(r->a, m[i].balance_after));
		const char *say =
		    m[i].reversed_by ? arena_printf(r->a, "已被第 %lld 条冲正", (long long)m[i].reversed_by)
		    : m[i].reverses_id
		        ? arena_printf(r->a, "冲正第 %lld 条:%s", (long long)m[i].reverses_id, m[i].reason)
		        : m[i].note;
		if (!strcmp(m[i].source, "self"))
			say = arena_printf(r->a, "%s%s本人申报", say, *say ? ";" : "");
		table_text(t, say);
		struct buf *b = table_cell(t, "");
		if (b && staff && !m[i].reversed_by && m[i].kind != TK_REVERSAL) {
			H(b, "<a href=\"");
			h_clink_id(b, r->community->slug, "/admin/timebank/moves/", m[i].id, "/reverse");
			H(b, "\">冲正<span class=\"vh\">第 ");
			h_int(b, m[i].id);
			H(b, " 条</span></a>");
		}
		table_cell_end(t);
	}
}

/* ---- the public summary ---- */

void tb_view_summary(struct req *r, const struct tb_summary_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "时间银行");
	struct crumb c[2] = {{"/volunteers/", "志愿服务"}, {NULL, "时间银行"}};
	page_crumbs(r, c, 2);
	H(b,
	  "<h1>时间银行</h1><p>为老年人服务的时间存起来,等自己需要照顾时再取出来用,也可以转赠给家人。</p>");
	H(b, "<section><h2>");
	h_int(b, p->year);
	H(b, " 年的情况</h2><dl class=\"facts\"><dt>开户人数</dt><dd>");
	h_int(b, p->accounts);
	H(b, " 人</dd><dt>今年存入</dt><dd>");
	h_text(b, tb_hours_text(r->a, p->deposited));
	H(b, " 小时</dd><dt>今年支取</dt><dd>");
	h_text(b, tb_hours_text(r->a, p->drawn));
	H(b, " 小时</dd></dl>");
	static const struct tcol cols[] = {{"服务内容", TCOL_ROWHEAD, NULL},
	                                   {"存入(小时)", TCOL_NUM, NULL},
	                                   {"存入次数", TCOL_NUM, NULL},
	                                   {"支取(小时)", TCOL_NUM, NULL},
	                                   {"支取次数", TCOL_NUM, NULL}};
	struct table t;
	table_begin(&t, b, NULL, "按服务内容统计", cols, 5, TABLE_CARDS | TABLE_CAPTION,
	            "今年还没有存入或支取。");
	for (size_t i = 0; i < p->n; i++) {
		table_tr(&t, NULL);
		table_text(&t, p->lines[i].service);
		table_text(&t, tb_hours_text(r->a, p->lines[i].deposited));
		table_int(&t, p->lines[i].deposits);
		table_text(&t, tb_hours_text(r->a, p->lines[i].drawn));
		table_int(&t, p->lines[i].withdrawals);
	}
	table_end(&t);
	H(b, "</section><section><h2>规则</h2><ol>"
	     "<li>为社区老年人提供助餐、助洁、助浴、助医、陪聊、代购等服务,"
	     "可以把服务时长存入自己的时间银行账户。</li>"
	     "<li>在“我的时间银行”里申报“我为谁服务了多久”,社区工作人员核实后存入;也可以到社区服务窗口登记。<"
	     "/li>"
	     "<li>一次最多记 24 小时,按实际服务时间记,精确到分钟。</li>"
	     "<li>每个账户最多存 ");
	h_text(b, tb_hours_text(r->a, p->cap));
	H(b, " 小时,超过的部分不能存入。</li>"
	     "<li>自己或家人需要照顾时,可以用存下的时间换取服务(支取),余额不能为负。</li>"
	     "<li>时间可以转赠给本社区的其他账户,例如给父母;转赠前会显示对方姓氏,请核对。</li>"
	     "<li>记错的记录不会被修改或删除,而是另记一条“冲正”记录,所有记录都可以查。</li>"
	     "</ol><p>");
	h_clink_a(b, r->community->slug, "/volunteers/timebank/mine", "我的时间银行");
	H(b, "</p></section>");
	page_end(r);
}

/* ---- 我的时间银行 ---- */

/* The facts of an account as a list: number (resident) or mobile and how
 * it was opened (staff), holder masked, balance with the cap, totals, state. */
void tb_view_facts(struct req *r, const struct tb_account *ac, int64_t cap, int staff)
{
	struct buf *b = r->out;
	H(b, "<dl class=\"facts\">");
	if (!staff) {
		H(b, "<dt>账户号</dt><dd>");
		h_int(b, ac->id);
		H(b, "</dd>");
	}
	H(b, "<dt>户主</dt><dd>");
	h_text(b, ac->name_masked);
	if (staff) {
		H(b, "</dd><dt>手机</dt><dd>");
		h_text(b, *ac->mobile_masked ? ac->mobile_masked : "未登记");
	}
	H(b, "</dd><dt>余额</dt><dd><strong>");
	h_text(b, tb_minutes_text(r->a, ac->balance));
	H(b, "</strong>(");
	h_text(b, tb_hours_text(r->a, ac->balance));
	H(b, " 小时,上限 ");
	h_text(b, tb_hours_text(r->a, cap));
	H(b, " 小时)</dd><dt>累计存入</dt><dd>");
	h_text(b, tb_minutes_text(r->a, ac->deposited));
	H(b, "</dd><dt>累计支取</dt><dd>");
	h_text(b, tb_minutes_text(r->a, ac->drawn));
	if (staff) {
		H(b, "</dd><dt>开户方式</dt><dd>");
		h_text(b, ac->user_id ? "本人开通" : "窗口开通");
		if (ac->person_id) {
			H(b, "</dd><dt>居民档案编号</dt><dd>");
			h_int(b, ac->person_id);
		}
	}
	H(b, "</dd><dt>状态</dt><dd>");
	h_text(b, tb_state_label(ac->state));
	if (*ac->state_reason) {
		H(b, "(");
		h_text(b, ac->state_reason);
		H(b, ")");
	}
	H(b, "</dd></dl>");
}

static void field(struct req *r, const char *id, const char *name, const char *label, const char *hint,
                  const char *value, const char *error, int required)
{
	struct form_field f = {name, label, hint, value, error, required, NULL, id};
	form_field_input(r, &f, "text");
}

static void service_select(struct req *r, const char *id, const char *value, const char *error)
{
	struct form_option o[16];
	size_t n = tb_nservices < 16 ? tb_nservices : 16;
	for (size_t i = 0; i < n; i++)
		o[i] = (struct form_option){tb_services[i], tb_services[i], NULL};
	struct form_field f = {"service", "服务内容", NULL, value, error, 1, NULL, id};
	form_select(r, &f, o, n);
}

static void report_form(struct req *r, const struct tb_mine_page *p)
{
	const struct tb_form *f = &p->report;
	H(r->out, "<section><h2>申报我为老人提供的服务</h2><p "
	          "class=\"hint\">提交后由社区工作人员核实确认,确认后存入。</p>");
	if (p->refusal_at && !strcmp(p->refusal_at, "report")) {
		form_error_summary(r, f->errs, MF__MAX);
		form_refusal(r, p->refusal);
	}
	form_begin(r, url_c(r->a, r->community->slug, "/volunteers/timebank/mine/report"));
	field(r, "r-party", "party", "为谁服务", "老人的姓名,页面上只显示姓", f->vals[MF_PARTY],
	      f->errs[MF_PARTY], 1);
	service_select(r, "r-service", f->vals[MF_SERVICE], f->errs[MF_SERVICE]);
	field(r, "r-on", "on", "服务日期", "如 2026-03-01", f->vals[MF_ON], f->errs[MF_ON], 1);
	field(r, "r-hours", "hours", "服务时长", "如 2、1.5、1小时30分 或 90分钟", f->vals[MF_HOURS],
	      f->errs[MF_HOURS], 1);
	field(r, "r-note", "note", "备注", NULL, f->vals[MF_NOTE], f->errs[MF_NOTE], 0);
	form_submit(r, "提交申报");
	form_end(r);
	H(r->out, "</section>");
}

static void donate_form(struct req *r, const struct tb_mine_page *p)
{
	const struct tb_form *f = &p->donate;
	struct buf *b = r->out;
	H(b, "<section id=\"donate\"><h2>转赠给家人</h2><p "
	     "class=\"hint\">填写对方的时间银行账户号,提交后会先显示对方的姓氏请您核对。</p>");
	if (p->refusal_at && !strcmp(p->refusal_at, "donate")) {
		form_error_summary(r, f->errs, MF__MAX);
		form_refusal(r, p->refusal);
	}
	form_begin(r, url_c(r->a, r->community->slug, "/volunteers/timebank/mine/donate"));
	if (p->confirm_to_masked) {
		H(b, "<p class=\"notice\" role=\"status\">对方账户 ");
		h_int(b, p->confirm_to);
		H(b, " 的户主是:<strong>");
		h_text(b, p->confirm_to_masked);
		H(b, "</strong>。确认无误请点“确认转赠”。</p>");
		form_hidden(r, "confirm", arena_printf(r->a, "%lld", (long long)p->confirm_to));
	}
	field(r, "d-to", "to", "对方账户号", "如 12", f->vals[MF_TO], f->errs[MF_TO], 1);
	field(r, "d-hours", "hours", "转赠时长", "如 5 或 2小时30分", f->vals[MF_HOURS], f->errs[MF_HOURS],
	      1);
	char today[11];
	date_format(tb_today(r), today);
	field(r, "d-on", "on", "日期", NULL, f->vals[MF_ON] ? f->vals[MF_ON] : today, f->errs[MF_ON], 1);
	field(r, "d-note", "note", "附言", NULL, f->vals[MF_NOTE], f->errs[MF_NOTE], 0);
	form_submit(r, p->confirm_to_masked ? "确认转赠" : "下一步");
	form_end(r);
	H(b, "</section>");
}

void tb_view_mine(struct req *r, const struct tb_mine_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "我的时间银行");
	struct crumb c[3] = {
	    {"/volunteers/", "志愿服务"}, {"/volunteers/timebank/", "时间银行"}, {NULL, "我的时间银行"}};
	page_crumbs(r, c, 3);
	H(b, "<h1>我的时间银行</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	if (p->confirm_to_masked) { /* the second step of a donation: said where the eye is */
		H(b, "<p class=\"notice\" role=\"status\">还没有转赠:请核对对方账户 ");
		h_int(b, p->confirm_to);
		H(b, " 的户主是 <strong>");
		h_text(b, p->confirm_to_masked);
		H(b, "</strong>,无误请到 <a href=\"#donate\">下方“转赠给家人”</a> 点“确认转赠”。</p>");
	}
	if (!p->has_account && !p->may_open) {
		H(b, "<p>您还没有本社区的时间银行账户。只有本社区的居民可以开通;"
		     "请先在“人员信息”中关联本社区的居民信息,或到社区服务窗口办理。</p>");
		page_end(r);
		return;
	}
	if (!p->has_account) {
		H(b, "<p>您还没有时间银行账户。开通后可以申报为老人提供的服务,"
		     "存下的时间以后可以换取服务或转赠给家人。</p>");
		form_error_summary(r, p->open.errs, 2);
		form_refusal(r, p->refusal);
		form_begin(r, url_c(r->a, r->community->slug, "/volunteers/timebank/mine/open"));
		field(r, NULL, "name", "姓名", NULL, p->open.vals[0], p->open.errs[0], 1);
		struct form_field m = {
		    "mobile", "手机号", "只用于社区工作人员联系您", p->open.vals[1], p->open.errs[1], 1,
		    "tel",    NULL};
		form_field_input(r, &m, "tel");
		form_submit(r, "开通账户");
		form_end(r);
		page_end(r);
		return;
	}
	H(b, "<section><h2>账户</h2>");
	tb_view_facts(r, &p->ac, p->cap, 0);
	H(b, "</section>");
	H(b, "<section><h2>我的申报</h2>");
	static const struct tcol rcols[] = {
	    {"服务日期", TCOL_ROWHEAD, NULL}, {"服务内容", 0, NULL}, {"对象", 0, NULL},
	    {"时长", TCOL_NUM, NULL},         {"状态", 0, NULL},     {"说明", 0, NULL}};
	struct table t;
	table_begin(&t, b, NULL, "我的申报", rcols, 6, TABLE_CARDS, "还没有申报。");
	for (size_t i = 0; i < p->nreports; i++) {
		const struct tb_report *x = &p->reports[i];
		table_tr(&t, NULL);
		table_text(&t, x->served_on);
		table_text(&t, x->service);
		table_text(&t, x->party_masked);
		table_text(&t, tb_minutes_text(r->a, x->minutes));
		table_text(&t, tb_rstate_label(x->state));
		table_text(&t, x->reason);
	}
	table_end(&t);
	H(b, "</section>");
	if (p->ac.state == TS_OPEN) {
		report_form(r, p);
		donate_form(r, p);
	}
	H(b, "<section><h2>收支明细</h2>");
	table_begin(&t, b, NULL, "收支明细", tb_move_cols, tb_move_ncols, TABLE_CARDS, "还没有记录。");
	tb_move_rows(&t, r, p->moves, p->n, 0);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links_at(r, NULL, url_c(r->a, r->community->slug, "/volunteers/timebank/mine"));
	H(b, "</section>");
	page_end(r);
}
