/* Staff pages of the time bank: the accounts list (masked), the desk's
 * opening form, the cap, an account's page with its moves and the move
 * form, the residents' reports to decide, and the page that asks a reason
 * before a step. HTML only, through src/web. */
#include <stdio.h>
#include <string.h>

#include "modules/timebank/timebank_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* 工作台 › 时间银行管理 (› here). */
static void crumbs(struct req *r, const char *here)
{
	struct crumb c[2] = {{"/admin/timebank/", "时间银行管理"}, {NULL, here}};
	page_crumbs(r, c, here ? 2 : 1);
}

static void button(struct req *r, const char *path, const char *text)
{
	H(r->out, "<a class=\"button\" href=\"");
	h_clink(r->out, r->community->slug, path);
	H(r->out, "\">");
	h_text(r->out, text);
	H(r->out, "</a> ");
}

static void field(struct req *r, const char *name, const char *label, const char *hint, const char *value,
                  const char *error, int required)
{
	struct form_field f = {name, label, hint, value, error, required, NULL, NULL};
	form_field_input(r, &f, "text");
}

/* ---- the accounts ---- */

const struct tcol tb_account_cols[] = {{"账户号", TCOL_ROWHEAD, NULL},
                                       {"户主", 0, NULL},
                                       {"手机", 0, NULL},
                                       {"余额", TCOL_NUM, NULL},
                                       {"余额(分钟)", TCOL_EXPORT | TCOL_NUM, NULL},
                                       {"累计存入", TCOL_NUM, NULL},
                                       {"累计支取", TCOL_NUM, NULL},
                                       {"记录数", TCOL_NUM, NULL},
                                       {"开户方式", 0, NULL},
                                       {"状态", 0, NULL}};
const int tb_account_ncols = (int)(sizeof tb_account_cols / sizeof *tb_account_cols);

void tb_account_rows(struct table *t, struct req *r, const struct tb_account *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_link(t, url_c_id(r->a, r->community->slug, "/admin/timebank/", a[i].id, NULL),
		           arena_printf(r->a, "%lld", (long long)a[i].id));
		table_text(t, a[i].name_masked); /* masked: the full name only through the audited view */
		table_text(t, a[i].mobile_masked);
		table_text(t, tb_minutes_text(r->a, a[i].balance));
		table_int(t, a[i].balance);
		table_text(t, tb_minutes_text(r->a, a[i].deposited));
		table_text(t, tb_minutes_text(r->a, a[i].drawn));
		table_int(t, a[i].moves);
		table_text(t, a[i].user_id ? "本人开通" : "窗口开通");
		table_text(t, tb_state_label(a[i].state));
	}
}

void tb_view_admin(struct req *r, const struct tb_admin_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "时间银行管理");
	crumbs(r, NULL);
	H(b, "<h1>时间银行管理</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>");
	button(r, "/admin/timebank/new", "窗口开户");
	button(r, "/admin/timebank/reports/",
	       p->pending ? arena_printf(r->a, "待确认的存入(%lld)", (long long)p->pending) : "居民申报");
	button(r, "/admin/timebank/settings", "每户上限");
	button(r, "/volunteers/timebank/", "公开页面");
	H(b, "</p><p>每个账户上限 ");
	h_text(b, tb_minutes_text(r->a, p->cap));
	H(b, "。</p>");
	static const char *const names[] = {"q", "state"};
	filter_begin(r, "查找账户", names, 2);
	struct form_field q = {"q", "账户号或手机号", NULL, p->q, p->q_err, 0, NULL, NULL};
	form_field_input(r, &q, "search");
	struct form_option st[TS__MAX];
	for (int i = 0; i < TS__MAX; i++)
		st[i] = (struct form_option){tb_state_name(i), tb_state_label(i), NULL};
	struct form_field s = {"state", "状态", NULL, p->state >= 0 ? tb_state_name(p->state) : "",
	                       NULL,    0,      NULL, NULL};
	form_select(r, &s, st, TS__MAX);
	filter_end(r, "查找");
	struct table t;
	table_begin(&t, b, NULL, "时间银行账户", tb_account_cols, tb_account_ncols, TABLE_CARDS,
	            "没有找到账户。");
	tb_account_rows(&t, r, p->accounts, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links(r, NULL);
	H(b, "<p class=\"hint\">姓名和手机只显示部分;查看完整信息请打开账户页面,查看将记入审计日志。</p>");
	page_end(r);
}

void tb_view_open(struct req *r, const struct tb_open_page *p)
{
	page_begin(r, "窗口开户");
	crumbs(r, "窗口开户");
	H(r->out, "<h1>窗口开户</"
	          "h1><p>为没有登录账号的居民开通时间银行账户。姓名和手机号加密保存,列表中只显示部分。</p>");
	form_error_summary(r, p->errs, 3);
	form_refusal(r, p->refusal);
	form_begin(r, url_c(r->a, r->community->slug, "/admin/timebank/new"));
	field(r, "name", "姓名", NULL, p->vals[0], p->errs[0], 1);
	struct form_field m = {"mobile", "手机号", "可不填", p->vals[1], p->errs[1], 0, "tel", NULL};
	form_field_input(r, &m, "tel");
	field(r, "person", "居民档案编号", "可不填", p->vals[2], p->errs[2], 0);
	form_submit(r, "开户");
	form_end(r);
	page_end(r);
}

void tb_view_cap(struct req *r, const struct tb_cap_page *p)
{
	page_begin(r, "每户上限");
	crumbs(r, "每户上限");
	H(r->out,
	  "<h1>每户上限</h1><p>每个账户最多能存的小时数。超过上限的存入会被拒绝,并提示还能存入多少。</p>");
	const char *errs[1] = {p->err};
	form_error_summary(r, errs, 1);
	form_begin(r, url_c(r->a, r->community->slug, "/admin/timebank/settings"));
	field(r, "cap", "上限(小时)", "整数,如 500",
	      p->value ? p->value : arena_printf(r->a, "%lld", (long long)(p->cap / 60)), p->err, 1);
	form_submit(r, "保存");
	form_end(r);
	page_end(r);
}

/* ---- an account ---- */

static void move_form(struct req *r, const struct tb_account_page *p)
{
	const struct tb_form *f = &p->form;
	struct buf *b = r->out;
	H(b, "<section><h2>窗口记账</h2>");
	form_error_summary(r, f->errs, MF__MAX);
	form_refusal(r, p->refusal);
	form_begin(r, url_c_id(r->a, r->community->slug, "/admin/timebank/", p->ac.id, "/move"));
	static const struct form_option kinds[] = {{"deposit", "存入(为老人提供了服务)", NULL},
	                                           {"withdraw", "支取(接受了服务)", NULL},
	                                           {"transfer_out", "转赠(转给另一个账户)", NULL}};
	struct form_field k = {"kind", "类型", NULL, f->vals[MF_KIND], f->errs[MF_KIND], 1, NULL, NULL};
	form_radios(r, &k, kinds, 3);
	field(r, "hours", "时长", "如 2、1.5、1小时30分 或 90分钟;一次不超过 24 小时", f->vals[MF_HOURS],
	      f->errs[MF_HOURS], 1);
	/* chosen, not assumed: a wrong 助餐 would stand in the ledger */
	struct form_option o[17] = {{"", "请选择(转赠不用选)", NULL}};
	size_t n = 1 + (tb_nservices < 16 ? tb_nservices : 16);
	for (size_t i = 1; i < n; i++)
		o[i] = (struct form_option){tb_services[i - 1], tb_services[i - 1], NULL};
	struct form_field s = {
	    "service", "服务内容(存入、支取)", NULL, f->vals[MF_SERVICE], f->errs[MF_SERVICE], 0, NULL, NULL};
	form_select(r, &s, o, n);
	char today[11];
	date_format(tb_today(r), today);
	field(r, "on", "服务日期", "如 2026-03-01,不能晚于今天", f->vals[MF_ON] ? f->vals[MF_ON] : today,
	      f->errs[MF_ON], 1);
	field(r, "party", "服务对象或服务提供人", "姓名,只保存姓", f->vals[MF_PARTY], f->errs[MF_PARTY], 0);
	field(r, "to", "对方账户号", "转赠时必填;存入、支取时可填服务对象或服务提供人的账户号",
	      f->vals[MF_TO], f->errs[MF_TO], 0);
	field(r, "note", "备注", NULL, f->vals[MF_NOTE], f->errs[MF_NOTE], 0);
	form_submit(r, "记账");
	form_end(r);
	H(b, "</section>");
}

void tb_view_account(struct req *r, const struct tb_account_page *p)
{
	struct buf *b = r->out;
	const char *title = arena_printf(r->a, "时间银行账户 %lld", (long long)p->ac.id);
	page_begin(r, title);
	crumbs(r, title);
	H(b, "<h1>");
	h_text(b, title);
	H(b, "</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	tb_view_facts(r, &p->ac, p->cap, 1);
	H(b, "<p>");
	button(r, arena_printf(r->a, "/admin/timebank/%lld/contact", (long long)p->ac.id),
	       "查看完整姓名和手机号");
	if (p->ac.state != TS_CLOSED)
		button(r, arena_printf(r->a, "/admin/timebank/%lld/state", (long long)p->ac.id),
		       "冻结、恢复或注销");
	H(b, "</p>");
	if (p->ac.state == TS_OPEN)
		move_form(r, p);
	else if (p->refusal)
		form_refusal(r, p->refusal);
	H(b, "<section><h2>收支明细</h2>");
	struct table t;
	table_begin(&t, b, NULL, "收支明细", tb_move_cols, tb_move_ncols, TABLE_CARDS, "还没有记录。");
	tb_move_rows(&t, r, p->moves, p->n, 1);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links_at(r, NULL, url_c_id(r->a, r->community->slug, "/admin/timebank/", p->ac.id, "/moves"));
	H(b, "</section>");
	page_end(r);
}

/* ---- residents' reports ---- */

const struct tcol tb_report_cols[] = {{"申报号", TCOL_ROWHEAD, NULL},
                                      {"账户", 0, NULL},
                                      {"服务日期", 0, NULL},
                                      {"服务内容", 0, NULL},
                                      {"对象", 0, NULL},
                                      {"时长", TCOL_NUM, NULL},
                                      {"分钟", TCOL_EXPORT | TCOL_NUM, "时长(分钟)"},
                                      {"申报人说明", 0, NULL},
                                      {"提交时间", 0, NULL},
                                      {"状态", 0, NULL},
                                      {"处理", 0, "退回理由"}};
const int tb_report_ncols = (int)(sizeof tb_report_cols / sizeof *tb_report_cols);

void tb_report_rows(struct table *t, struct req *r, const struct tb_report *rep, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct tb_report *x = &rep[i];
		table_tr(t, NULL);
		table_int(t, x->id);
		table_link(t, url_c_id(r->a, r->community->slug, "/admin/timebank/", x->account_id, NULL),
		           arena_printf(r->a, "%lld %s", (long long)x->account_id, x->account_masked));
		table_text(t, x->served_on);
		table_text(t, x->service);
		table_text(t, x->party_masked);
		table_text(t, tb_minutes_text(r->a, x->minutes));
		table_int(t, x->minutes);
		table_text(t, x->note ? x->note : ""); /* what staff check before confirming */
		table_time(t, x->created_at);
		table_text(t, tb_rstate_label(x->state));
		struct buf *c = table_cell(t, x->reason);
		if (c && x->state == TR_PENDING) {
			form_begin(r, url_c_id(r->a, r->community->slug, "/admin/timebank/reports/", x->id,
			                       "/confirm"));
			H(c, "<button type=\"submit\">确认存入<span class=\"vh\">申报 ");
			h_int(c, x->id);
			H(c, "</span></button>");
			form_end(r);
			H(c, " <a href=\"");
			h_clink_id(c, r->community->slug, "/admin/timebank/reports/", x->id, "/refuse");
			H(c, "\">退回<span class=\"vh\">申报 ");
			h_int(c, x->id);
			H(c, "</span></a>");
		} else if (c) {
			h_text(c, x->reason);
		}
		table_cell_end(t);
	}
}

void tb_view_reports(struct req *r, const struct tb_reports_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "居民申报的服务");
	crumbs(r, "居民申报");
	H(b, "<h1>居民申报的服务</"
	     "h1><p>居民在“我的时间银行”申报的服务,核实后确认存入(确认时检查上限),或填写理由退回。</p>");
	if (p->notice)
		page_notice(r, p->notice);
	form_refusal(r, p->refusal);
	struct form_option st[TR__MAX];
	for (int i = 0; i < TR__MAX; i++)
		st[i] = (struct form_option){tb_rstate_name(i), tb_rstate_label(i), NULL};
	filter_links(r, "按状态筛选", "state", "全部", st, TR__MAX);
	struct table t;
	table_begin(&t, b, NULL, "居民申报", tb_report_cols, tb_report_ncols, TABLE_CARDS,
	            "没有这种状态的申报。");
	tb_report_rows(&t, r, p->reports, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links(r, NULL);
	page_end(r);
}

/* ---- a reason before a step ---- */

void tb_view_reason(struct req *r, const struct tb_reason_page *p)
{
	struct buf *b = r->out;
	page_begin(r, p->title);
	crumbs(r, NULL);
	H(b, "<h1>");
	h_text(b, p->title);
	H(b, "</h1>");
	if (p->shown) {
		H(b, "<p class=\"notice\" role=\"status\">");
		h_text(b, p->shown);
		H(b, "</p><p>");
		h_link(b, p->back, "返回");
		H(b, "</p>");
		page_end(r);
		return;
	}
	H(b, "<p>");
	h_text(b, p->lead);
	H(b, "</p>");
	const char *errs[2] = {p->choice_err, p->reason_err};
	form_error_summary(r, errs, 2);
	form_refusal(r, p->refusal);
	form_begin(r, p->action);
	if (p->choices) {
		struct form_field s = {"state", "改为", NULL, p->choice, p->choice_err, 1, NULL, NULL};
		form_select(r, &s, p->choices, p->nchoices);
	}
	field(r, "reason", "理由", NULL, p->reason, p->reason_err, 1);
	form_submit(r, p->submit);
	form_end(r);
	H(b, "<p>");
	h_link(b, p->back, "取消");
	H(b, "</p>");
	page_end(r);
}
