/* The HTML of the ledger's entry form and entry page; the lists' views are
 * beside their handlers in ledger_routes.c, written through one column
 * table with their exports. Never touches the database. */
#include <string.h>

#include "core/money.h"
#include "modules/ledger/ledger_web.h"
#include "web/layout.h"
#include "web/link.h"

static const struct form_option kind_options[] = {{"income", "收入", NULL}, {"expense", "支出", NULL}};

void ledger_view_entry_form(struct req *r, const char *title, const char *action, const char *const *vals,
                            const char *const *errs, const char *refusal, const struct ledger_category *cats,
                            size_t ncats)
{
	struct buf *b = r->out;
	page_begin(r, title);
	H(b, "<p><a href=\"");
	h_clink(b, r->community->slug, "/admin/ledger/entries");
	H(b, "\">← 收支明细</a></p><h1>");
	h_text(b, title);
	H(b, "</h1>");
	form_error_summary(r, errs, LF__MAX);
	form_refusal(r, refusal);
	form_begin(r, action);
	struct form_field f = {.name = "date",
	                       .label = "日期",
	                       .hint = "收支发生的日期,如 2026-10-08",
	                       .value = vals[LF_DATE],
	                       .error = errs[LF_DATE],
	                       .required = 1};
	form_date(r, &f);
	f = (struct form_field){
	    .name = "kind", .label = "收支", .value = vals[LF_KIND], .error = errs[LF_KIND], .required = 1};
	form_radios(r, &f, kind_options, 2);
	struct form_option *o = arena_alloc(r->a, (ncats ? ncats : 1) * sizeof *o);
	size_t n = 0;
	for (size_t i = 0; o && i < ncats; i++)
		if (!cats[i].retired)
			o[n++] = (struct form_option){arena_printf(r->a, "%lld", (long long)cats[i].id),
			                              cats[i].name, ledger_kind_word(cats[i].kind)};
	f = (struct form_field){.name = "category",
	                        .label = "类别",
	                        .hint = "收入类别与支出类别分组列出",
	                        .value = vals[LF_CATEGORY],
	                        .error = errs[LF_CATEGORY],
	                        .required = 1};
	form_select(r, &f, o, n);
	f = (struct form_field){.name = "amount",
	                        .label = "金额(元)",
	                        .hint = "如 1234.56",
	                        .value = vals[LF_AMOUNT],
	                        .error = errs[LF_AMOUNT],
	                        .required = 1};
	form_money(r, &f);
	f = (struct form_field){.name = "counterparty",
	                        .label = "对方单位或个人",
	                        .value = vals[LF_COUNTERPARTY],
	                        .error = errs[LF_COUNTERPARTY]};
	form_field_input(r, &f, "text");
	f = (struct form_field){.name = "voucher_no",
	                        .label = "凭证号",
	                        .hint = "同一年内不能重复",
	                        .value = vals[LF_VOUCHER],
	                        .error = errs[LF_VOUCHER],
	                        .required = 1};
	form_field_input(r, &f, "text");
	f = (struct form_field){.name = "purpose",
	                        .label = "摘要(用途)",
	                        .value = vals[LF_PURPOSE],
	                        .error = errs[LF_PURPOSE],
	                        .required = 1};
	form_field_textarea(r, &f);
	form_submit(r, "保存,等待审核");
	form_end(r);
	page_end(r);
}

/* One row of the entry's description list. */
static void dl_text(struct buf *b, const char *label, const char *value)
{
	H(b, "<dt>");
	h_text(b, label);
	H(b, "</dt><dd>");
	h_text(b, value && *value ? value : "—");
	H(b, "</dd>");
}

/* "name, time" of who did something, or "—". */
static void dl_who(struct buf *b, const char *label, const char *name, int64_t at)
{
	H(b, "<dt>");
	h_text(b, label);
	H(b, "</dt><dd>");
	if (at) {
		h_text(b, name && *name ? name : "(已删除的账号)");
		H(b, " ");
		h_time(b, at);
	} else {
		H(b, "—");
	}
	H(b, "</dd>");
}

/* A form with one button posting to the entry's action, asking question first. */
static void action_button(struct req *r, const struct ledger_entry *e, const char *rest, const char *label,
                          const char *question)
{
	form_begin_confirm(r, url_c_id(r->a, r->community->slug, "/admin/ledger/entries/", e->id, rest), question);
	form_submit(r, label);
	form_end(r);
}

static void reverse_form(struct req *r, const struct ledger_entry *e, const struct ledger_reverse_form *rf)
{
	static const struct ledger_reverse_form none;
	if (!rf)
		rf = &none;
	struct buf *b = r->out;
	H(b, "<h2>冲销</h2><p>冲销会录入一张金额相反的凭证,审核通过后与原凭证相抵。</p>");
	form_begin(r, url_c_id(r->a, r->community->slug, "/admin/ledger/entries/", e->id, "/reverse"));
	struct form_field f = {.name = "date",
	                       .label = "冲销日期",
	                       .hint = "须在未结账的月份",
	                       .value = rf->vals[0],
	                       .error = rf->errs[0],
	                       .required = 1};
	form_date(r, &f);
	f = (struct form_field){.name = "voucher_no",
	                        .label = "新凭证号",
	                        .value = rf->vals[1],
	                        .error = rf->errs[1],
	                        .required = 1};
	form_field_input(r, &f, "text");
	f = (struct form_field){
	    .name = "reason", .label = "冲销原因", .value = rf->vals[2], .error = rf->errs[2], .required = 1};
	form_field_textarea(r, &f);
	form_submit(r, "冲销");
	form_end(r);
}

void ledger_view_entry(struct req *r, const struct ledger_entry *e, const char *notice, const char *refusal,
                       const struct ledger_reverse_form *rf, const struct ledger_file_list *files)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, arena_printf(r->a, "凭证 %s", e->voucher_no));
	H(b, "<p><a href=\"");
	h_clink(b, slug, "/admin/ledger/entries");
	H(b, "\">← 收支明细</a></p><h1>凭证 ");
	h_text(b, e->voucher_no);
	H(b, "</h1>");
	if (notice)
		page_notice(r, notice);
	form_refusal(r, refusal);
	if (rf)
		form_error_summary(r, rf->errs, 3);
	H(b, "<dl class=\"facts\">");
	dl_text(b, "状态", ledger_entry_status(e));
	dl_text(b, "日期", e->date);
	dl_text(b, "收支", ledger_kind_word(e->kind));
	dl_text(b, "类别", e->category);
	H(b, "<dt>金额</dt><dd class=\"num\">");
	h_money(b, e->amount_fen);
	H(b, "</dd>");
	dl_text(b, "对方单位或个人", e->counterparty);
	dl_text(b, "凭证号", e->voucher_no);
	dl_text(b, "摘要(用途)", e->purpose);
	if (e->reverses_id)
		dl_text(b, "冲销原因", e->reason);
	dl_who(b, "录入", e->entered_name, e->entered_at);
	dl_who(b, "审核", e->approved_name, e->approved_at);
	H(b, "</dl>");
	if (e->reverses_id) {
		H(b, "<p>本凭证冲销 <a href=\"");
		h_clink_id(b, slug, "/admin/ledger/entries/", e->reverses_id, NULL);
		H(b, "\">原凭证</a>。</p>");
	}
	if (e->reversed_by_id) {
		H(b, "<p>本凭证已被 <a href=\"");
		h_clink_id(b, slug, "/admin/ledger/entries/", e->reversed_by_id, NULL);
		H(b, "\">冲销凭证</a> 冲销。</p>");
	}
	if (!e->approved_at) {
		if (r->user && e->entered_by == r->user->id)
			H(b, "<p>这张凭证由您录入,须由另一名工作人员审核。</p>");
		else {
			char m[MONEY_FORMAT_SIZE];
			action_button(r, e, "/approve", "审核通过",
			              arena_printf(r->a, "审核通过凭证 %s(%s %s)后,它计入账目,不能再修改或撤回。确定审核通过吗?",
			                           e->voucher_no, ledger_kind_word(e->kind),
			                           money_format(e->amount_fen, m, sizeof m)));
		}
		if (!e->reverses_id) {
			H(b, "<p><a class=\"button\" href=\"");
			h_clink_id(b, slug, "/admin/ledger/entries/", e->id, "/edit");
			H(b, "\">修改</a></p>");
		}
		action_button(r, e, "/withdraw", "撤回", "撤回后这张凭证作废,不计入账目。确定撤回吗?");
	} else if (!e->reverses_id && !e->reversed_by_id) {
		reverse_form(r, e, rf);
	}
	ledger_view_files(r, e, files);
	page_end(r);
}
