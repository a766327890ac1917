/* Residents' pages of the work orders, HTML only: the filing form, the
 * tracking code after filing, the tracking page with its rating and
 * reopening forms, 我的工单. Only masked fields are ever written here. */
#include <string.h>

#include "modules/workorders/workorders_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/table.h"

static void crumbs(struct req *r)
{
	struct buf *b = r->out;
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/workorders/", "来信来访与热线");
	H(b, " · ");
	h_clink_a(b, r->community->slug, "/workorders/track", "查询办理进度");
	if (r->user) {
		H(b, " · ");
		h_clink_a(b, r->community->slug, "/workorders/mine", "我的工单");
	}
	/* Staff, and grid workers (whose role no section can name), find the desk from here. */
	if (r->user && req_has_role(r, ROLES_STAFF | role_bit("grid_worker"))) {
		H(b, " · ");
		h_clink_a(b, r->community->slug, "/admin/workorders/", "工单管理");
	}
	H(b, "</p>");
}

void wo_view_file(struct req *r, const struct wo_file_form *f)
{
	struct buf *b = r->out;
	const char *const *v = f->vals, *const *e = f->errs;
	page_begin(r, "反映问题");
	crumbs(r);
	H(b, "<section class=\"form\"><h1>向社区反映问题</h1><p class=\"lead\">求助、投诉、建议和咨询都可以在这里提交,"
	     "社区按规定时限受理和答复。紧急情况请直接拨打 110、119、120 或社区电话。</p>");
	form_refusal(r, f->refusal);
	form_error_summary(r, e, NF__MAX);
	form_begin_upload(r, url_c(r->a, r->community->slug, "/workorders/"));
	static const enum wo_kind kinds[] = {WO_K_REQUEST, WO_K_COMPLAINT, WO_K_SUGGESTION, WO_K_INQUIRY, WO_K_PETITION};
	struct form_option o[sizeof kinds / sizeof *kinds];
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		o[i] = (struct form_option){wo_kind_name(kinds[i]), wo_kind_label(kinds[i]), NULL};
	const struct form_field kf = {"kind", "类型", NULL, v[NF_KIND], e[NF_KIND], 1, NULL};
	form_radios(r, &kf, o, sizeof kinds / sizeof *kinds);
	form_input(r, "subject", "事由(一句话)", "text", v[NF_SUBJECT], e[NF_SUBJECT], 1, NULL);
	form_textarea(r, "description", "具体情况", v[NF_DESCRIPTION], e[NF_DESCRIPTION], 1);
	form_input(r, "address", "地点(如 3 号楼 2 单元门口)", "text", v[NF_ADDRESS], e[NF_ADDRESS], 0, NULL);
	wo_view_files_field(r, "照片或材料(可不传;最多 5 个,每个 5 MB 以内,照片或 PDF)", e[NF_FILES]);
	if (f->signed_in) {
		H(b, "<p class=\"hint\">您已登录,社区将按您账号的姓名和手机号联系您;提交后可在“我的工单”查看。</p>");
	} else {
		form_fieldset_begin(r, "contact", "联系方式",
				    "手机号只有社区工作人员可见,查询进度和评价时要用;公开页面不会显示", NULL);
		form_input(r, "name", "姓名(可不填)", "text", v[NF_NAME], e[NF_NAME], 0, "name");
		form_input(r, "phone", "手机号码", "tel", v[NF_PHONE], e[NF_PHONE], 0, "tel");
		const struct form_field an = {"anonymous", "匿名(不留姓名和手机号;将无法评价和重新办理)", NULL,
					      v[NF_ANONYMOUS], e[NF_ANONYMOUS], 0, NULL};
		form_checkbox(r, &an);
		form_fieldset_end(r);
	}
	form_submit(r, "提交");
	form_end(r);
	H(b, "</section>");
	page_end(r);
}

void wo_view_filed(struct req *r, const struct wo_order *o, size_t nfiles)
{
	struct buf *b = r->out;
	page_begin(r, "已提交");
	crumbs(r);
	H(b, "<h1>已提交,请记下查询码</h1><p class=\"notice\" role=\"status\">您的查询码是 <strong class=\"hotline nowrap\">");
	h_text(b, wo_code_grouped(r->a, o->tracking_code));
	H(b, "</strong></p><dl class=\"contact\"><dt>事由</dt><dd>");
	h_text(b, o->subject_masked);
	H(b, "</dd><dt>提交时间</dt><dd>");
	h_time(b, o->received_at);
	if (nfiles) {
		H(b, "</dd><dt>附件</dt><dd>已收到 ");
		h_int(b, (int64_t)nfiles);
		H(b, " 个");
	}
	H(b, "</dd></dl><p>请把查询码抄在纸上,或截图、打印本页保存。凭查询码可以在本社区的“来信来访与热线”页面"
	     "查询受理和答复情况;答复后凭查询码和手机号可以评价。</p><p><a href=\"");
	h_clink(b, r->community->slug, "/workorders/track?code=");
	h_url(b, o->tracking_code);
	H(b, "\">查看办理进度</a></p>");
	page_end(r);
}

/* The limits the requester is waiting on: the first answer (acceptance
 * or response) while none came, and the finishing date. */
static void public_due(struct req *r, const struct wo_order *o)
{
	if (wo_state_final(o->state) || o->state == WO_S_REPLIED)
		return;
	int64_t first = 0;
	if (o->state == WO_S_RECEIVED && o->due.accept)
		first = o->due.accept;
	if (!o->responded_at && o->due.respond && (!first || o->due.respond < first))
		first = o->due.respond;
	if (first)
		wo_view_dt_due(r, o->state == WO_S_RECEIVED && first == o->due.accept ? "受理期限" : "首次答复期限",
			       first, 0);
	wo_view_dt_due(r, "办结期限", o->due.finish, 0);
}

/* For an order filed with an account, to a visitor not signed in as it:
 * signing in proves it; when the order has no phone to prove it with
 * instead, 0 (no form to show), else 1. Always 1 for other orders. */
static int sign_in_offer(struct req *r, const struct wo_track_page *p)
{
	if (p->proved || !p->o.requester_user_id)
		return 1;
	struct buf *b = r->out;
	struct buf q;
	buf_init(&q, 256);
	buf_printf(&q, "/c/%s/workorders/track?code=%s", r->community->slug, p->code);
	H(b, "<p>这个工单是用账号提交的。<a href=\"/login?next=");
	h_url(b, q.err ? "" : q.data);
	buf_free(&q);
	H(b, "\">登录提交时用的账号</a>后即可评价或要求重新办理,不用填手机号");
	int phone = p->o.requester_phone_masked && *p->o.requester_phone_masked;
	if (phone)
		H(b, ";不登录的,请填写这个账号的手机号。</p>");
	else
		H(b, "。</p>");
	return phone;
}

/* The requester's forms: proved by the account, or asking for the phone. */
static void requester_form(struct req *r, const struct wo_track_page *p, const char *action)
{
	form_begin(r, url_c(r->a, r->community->slug, "/workorders/track"));
	form_hidden(r, "code", p->code);
	form_hidden(r, "action", action);
	if (!p->proved)
		form_input(r, "phone", p->o.requester_user_id ? "账号的手机号" : "登记时留下的手机号", "tel", p->phone,
		           p->phone_err, 1, "tel");
}

void wo_view_track(struct req *r, const struct wo_track_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "查询办理进度");
	crumbs(r);
	H(b, "<h1>查询办理进度</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	form_refusal(r, p->refusal);
	H(b, "<form method=\"get\" action=\"");
	h_clink(b, r->community->slug, "/workorders/track");
	H(b, "\">");
	form_input(r, "code", "查询码", "text", p->code, p->code_err, 1, "off");
	form_submit(r, "查询");
	H(b, "</form>");
	if (!p->found) {
		page_end(r);
		return;
	}
	const struct wo_order *o = &p->o;
	H(b, "<section><h2>");
	h_text(b, o->subject_masked);
	H(b, "</h2><dl class=\"contact\"><dt>状态</dt><dd>");
	h_text(b, wo_state_label(o->state));
	H(b, "</dd><dt>类型</dt><dd>");
	h_text(b, wo_kind_label(o->kind));
	H(b, "</dd><dt>提交时间</dt><dd>");
	h_time(b, o->received_at);
	H(b, "</dd>");
	public_due(r, o);
	if (o->reply_masked && *o->reply_masked) {
		H(b, "<dt>答复</dt><dd>");
		h_multiline(b, o->reply_masked);
		H(b, "</dd>");
	}
	if (o->reject_reason && *o->reject_reason) {
		H(b, "<dt>不予受理理由</dt><dd>");
		h_text(b, o->reject_reason);
		H(b, "</dd>");
	}
	if (o->rating != WO_R_NONE) {
		H(b, "<dt>您的评价</dt><dd>");
		h_text(b, wo_rating_label(o->rating));
		H(b, "</dd>");
	}
	H(b, "</dl></section><section><h2>办理过程</h2><ol class=\"threads\">");
	for (size_t i = 0; i < p->nevents; i++) {
		H(b, "<li><span class=\"meta\">");
		h_time(b, p->events[i].at);
		H(b, "</span> ");
		h_text(b, wo_action_label(p->events[i].action));
		if (p->events[i].note && *p->events[i].note) {
			H(b, "<br>");
			h_multiline(b, p->events[i].note);
		}
		H(b, "</li>");
	}
	H(b, "</ol></section>");
	if (p->may_rate) {
		H(b, "<section class=\"form\"><h2>评价</h2>");
	}
	if (p->may_rate && sign_in_offer(r, p)) {
		requester_form(r, p, "rate");
		static const struct form_option o3[] = {
		    {"satisfied", "满意", NULL}, {"basic", "基本满意", NULL}, {"unsatisfied", "不满意", NULL}};
		const struct form_field f = {"rating", "您对办理结果", NULL, p->rating, NULL, 1, NULL};
		form_radios(r, &f, o3, 3);
		form_textarea(r, "comment", "意见(可不填)", p->comment, NULL, 0);
		form_submit(r, "提交评价");
		form_end(r);
	}
	if (p->may_rate)
		H(b, "</section>");
	if (p->may_reopen) {
		H(b, "<section class=\"form\"><h2>重新办理</h2><p>对办理结果不满意,可以要求重新办理一次。</p>");
		if (sign_in_offer(r, p)) {
			requester_form(r, p, "reopen");
			form_textarea(r, "comment", "还有什么问题没有解决", p->comment, NULL, 1);
			form_submit(r, "要求重新办理");
			form_end(r);
		}
		H(b, "</section>");
	}
	page_end(r);
}

static const struct tcol mine_cols[] = {
    {"查询码", TCOL_ROWHEAD, NULL}, {"事由", 0, NULL}, {"状态", 0, NULL}, {"提交时间", 0, NULL}};

void wo_view_mine(struct req *r, const struct wo_line *l, size_t n)
{
	struct buf *b = r->out;
	page_begin(r, "我的工单");
	crumbs(r);
	H(b, "<h1>我的工单</h1>");
	struct table t;
	table_begin(&t, b, NULL, "我的工单", mine_cols, 4, TABLE_CARDS, "您还没有在本社区提交过工单");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		struct buf q;
		buf_init(&q, 128);
		h_url(&q, l[i].tracking_code);
		const char *to = url_c(r->a, r->community->slug, "/workorders/track?code=");
		table_link(&t, to && !q.err ? arena_printf(r->a, "%s%s", to, q.data) : "",
		           wo_code_grouped(r->a, l[i].tracking_code));
		buf_free(&q);
		table_text(&t, l[i].subject_masked);
		table_text(&t, wo_state_label(l[i].state));
		table_time(&t, l[i].received_at);
	}
	table_end(&t);
	page_end(r);
}
