/* Staff pages of the disclosure board. */
#include <stdlib.h>
#include <string.h>

#include "modules/disclosure/disclosure_web.h"
#include "web/layout.h"

static void abase(struct buf *b, const struct req *r)
{
	H(b, "/c/");
	h_url(b, r->community->slug);
	H(b, "/admin");
}

static const char *status_label(enum post_status s)
{
	return s == POST_DRAFT ? "草稿" : s == POST_SUBMITTED ? "待审核发布" : "已发布";
}

/* Opens a thread's box for staff: kind, what it is about, when, who, the
 * contact phone (staff only; the page's view of it is audited), the text. */
static void thread_head(struct buf *b, const struct disclosure_thread *t)
{
	H(b, "<div class=\"thread\"><p><strong>");
	h_text(b, t->kind == THREAD_OBJECTION ? "异议" : "监督意见");
	H(b, "</strong> · ");
	h_text(b, *t->post_title ? t->post_title : *t->item_title ? t->item_title : "总体");
	H(b, " · ");
	h_time(b, t->created_at);
	if (*t->author_name) {
		H(b, " · ");
		h_text(b, t->author_name);
	}
	if (*t->contact_phone) {
		H(b, " · 联系电话 ");
		h_text(b, t->contact_phone);
	}
	H(b, "</p><blockquote>");
	h_multiline(b, t->body);
	H(b, "</blockquote>");
}

/* Objections held for review: show them, or reject them as spam or abuse
 * (kept, audited, counted on the post's page). */
static void held_objections(struct req *r, const struct admin_board_page *p)
{
	struct buf *b = r->out;
	if (!p->nheld && !p->review_objections)
		return;
	H(b, "<section><h2>待审核的异议</h2><p class=\"hint\">本社区开启了“异议先审后显示”。显示后可公开答复;"
	     "只有广告、辱骂、泄露他人隐私等内容才应屏蔽,屏蔽的条数在公示页公开。</p>");
	if (!p->nheld)
		H(b, "<p>没有待审核的异议。</p>");
	for (size_t i = 0; i < p->nheld; i++) {
		const struct disclosure_thread *t = &p->held[i];
		thread_head(b, t);
		const char *action = arena_printf(r->a, "/c/%s/admin/thread/%lld/review", r->community->slug, (long long)t->id);
		form_begin(r, action);
		form_hidden(r, "decision", "show");
		form_submit(r, "审核通过,公开显示");
		form_end(r);
		form_begin(r, action);
		form_hidden(r, "decision", "reject");
		form_input(r, arena_printf(r->a, "note-%lld", (long long)t->id), "屏蔽理由(记入审计日志)", "text", NULL, NULL, 1,
			   NULL);
		form_submit(r, "屏蔽");
		form_end(r);
		H(b, "</div>");
	}
	H(b, "</section>");
}

void daview_home(struct req *r, const struct admin_board_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "公开栏管理");
	H(b, "<h1>公开栏管理</h1><p class=\"actions\"><a class=\"button\" href=\"");
	abase(b, r);
	H(b, "/board/new\">起草公开内容</a> <a href=\"");
	abase(b, r);
	H(b, "/catalogue\">管理公开目录</a> · <a href=\"/c/");
	h_url(b, r->community->slug);
	H(b, "/board/due\">到期情况</a></p>");
	if (kv_get(&r->q, "answered"))
		page_notice(r, "已答复,答复已记入公开记录。");
	if (kv_get(&r->q, "reviewed"))
		page_notice(r, "已审核,结果已记入审计日志。");
	H(b, "<div class=\"setting\"><p>");
	h_text(b, p->two_person ? "本社区实行双人审核:起草人提交后,须由另一名工作人员发布;撤回也须另一名工作人员批准。"
				: "本社区未启用双人审核。");
	H(b, " <a href=\"");
	abase(b, r);
	H(b, "/board/settings\">公开栏设置</a></p>");
	if (p->setting_pending) {
		H(b, "<p class=\"notice\" role=\"status\">有一项设置变更申请等待第二人批准,<a href=\"");
		abase(b, r);
		H(b, "/board/settings\">去处理</a>。</p>");
	}
	H(b, "</div><section><h2>待处理的内容</h2>");
	if (!p->npending)
		H(b, "<p>没有草稿或待审核的内容。</p>");
	else
		H(b, "<table><thead><tr><th scope=\"col\">标题</th><th scope=\"col\">事项</th><th scope=\"col\">状态</th>"
		     "<th scope=\"col\">起草人</th><th scope=\"col\">起草时间</th></tr></thead><tbody>");
	for (size_t i = 0; i < p->npending; i++) {
		const struct disclosure_post *x = &p->pending[i];
		H(b, "<tr><td><a href=\"");
		abase(b, r);
		H(b, "/board/");
		h_int(b, x->id);
		H(b, "\">");
		h_text(b, x->title);
		H(b, "</a>");
		if (x->replaces_id)
			H(b, "(更正)");
		H(b, "</td><td>");
		h_text(b, x->item_title);
		H(b, "</td><td>");
		h_text(b, status_label(x->status));
		H(b, "</td><td>");
		h_text(b, x->author_name);
		H(b, "</td><td>");
		h_time(b, x->created_at);
		H(b, "</td></tr>");
	}
	if (p->npending)
		H(b, "</tbody></table>");
	if (p->nwithdrawals) {
		H(b, "<h3>待批准的撤回申请</h3><ul>");
		for (size_t i = 0; i < p->nwithdrawals; i++) {
			const struct disclosure_withdraw_request *q = &p->withdrawals[i];
			H(b, "<li><a href=\"");
			abase(b, r);
			H(b, "/board/");
			h_int(b, q->post_id);
			H(b, "\">");
			h_text(b, q->post_title);
			H(b, "</a>:");
			h_text(b, q->requester_name);
			H(b, " 于 ");
			h_time(b, q->requested_at);
			H(b, " 申请撤回</li>");
		}
		H(b, "</ul>");
	}
	H(b, "</section>");
	held_objections(r, p);
	H(b, "<section><h2>待答复的异议和监督意见</h2>");
	if (!p->nopen)
		H(b, "<p>没有待答复的异议或意见。</p>");
	for (size_t i = 0; i < p->nopen; i++) {
		const struct disclosure_thread *t = &p->open[i];
		thread_head(b, t);
		form_begin(r, arena_printf(r->a, "/c/%s/admin/thread/%lld/answer", r->community->slug, (long long)t->id));
		form_textarea(r, "answer", "答复(将公开,并记入公开记录)", NULL, NULL, 1);
		form_submit(r, "公开答复");
		form_end(r);
		H(b, "</div>");
	}
	H(b, "</section>");
	page_end(r);
}

void daview_post_form(struct req *r, const struct post_form *f)
{
	struct buf *b = r->out;
	page_begin(r, f->replaces ? "更正公开内容" : "起草公开内容");
	H(b, "<section class=\"form\"><h1>");
	h_text(b, f->replaces ? "更正公开内容" : "起草公开内容");
	H(b, "</h1>");
	if (f->replaces) {
		H(b, "<p>更正《");
		h_text(b, f->replaces->title);
		H(b, "》。已发布的内容不会被修改:更正是新的版本,原版本和更正理由都保持公开。</p>");
	}
	form_error_summary(r, f->errs, 8);
	if (f->file_err) {
		H(b, "<div class=\"error-summary\" role=\"alert\"><p>");
		h_text(b, f->file_err);
		H(b, "</p></div>");
	}
	form_begin_upload(r, arena_printf(r->a, "/c/%s/admin/board/new", r->community->slug));
	if (f->replaces)
		form_hidden(r, "replaces", arena_printf(r->a, "%lld", (long long)f->replaces->id));
	H(b, "<div class=\"field");
	if (f->errs[0])
		H(b, " has-error");
	H(b, "\"><label for=\"f-item\">公开事项 <span class=\"req\" aria-hidden=\"true\">*</span></label>");
	if (f->errs[0]) {
		H(b, "<p class=\"error\" id=\"e-item\">");
		h_text(b, f->errs[0]);
		H(b, "</p>");
	}
	H(b, "<select id=\"f-item\" name=\"item\" required><option value=\"\">请选择</option>");
	for (size_t i = 0; i < f->nitems; i++) {
		H(b, "<option value=\"");
		h_int(b, f->items[i].id);
		H(b, "\"");
		if (f->vals[0] && atoll(f->vals[0]) == f->items[i].id)
			H(b, " selected");
		H(b, ">");
		h_text(b, disclosure_category_label(f->items[i].category));
		H(b, " · ");
		h_text(b, f->items[i].title);
		if (f->items[i].personal_data)
			H(b, "(含名单)");
		H(b, "</option>");
	}
	H(b, "</select></div>");
	form_input(r, "title", "标题", "text", f->vals[1], f->errs[1], 1, NULL);
	form_textarea(r, "body", "正文(支持 Markdown,表格可用 | 分隔)", f->vals[2], f->errs[2], 1);
	form_input(r, "period_start", "所属期间开始(如 2026-11-01)", "date", f->vals[3], f->errs[3], 0, NULL);
	form_input(r, "period_end", "所属期间结束", "date", f->vals[4], f->errs[4], 0, NULL);
	form_input(r, "notice_days", "公示天数(0 为不设公示期;留空按目录默认)", "number", f->vals[5], f->errs[5], 0, NULL);
	form_textarea(r, "recipients", "名单(含个人信息的事项填写;每行一户:姓名,身份证号,电话,住址,家庭人口,金额(元),备注)",
		      f->vals[6], f->errs[6], 0);
	form_file(r, "recipients_file", "或导入名单 CSV 文件(UTF-8 或 GB18030,Excel/WPS 另存的均可)", ".csv,text/csv", 0);
	form_file(r, "attachment", "附件(PDF、PNG、JPEG,每个不超过 10 MB,最多 10 个)", ".pdf,.png,.jpg,.jpeg", 1);
	if (f->replaces)
		form_textarea(r, "reason", "更正理由", f->vals[7], f->errs[7], 1);
	form_submit(r, "保存草稿");
	form_end(r);
	H(b, "</section>");
	page_end(r);
}

/* Withdrawing a published post: the request, or under the two-person rule
 * the pending request for a second person to approve or reject. */
static void withdraw_actions(struct req *r, const struct manage_page *m)
{
	struct buf *b = r->out;
	const struct disclosure_post *p = &m->post;
	const char *slug = r->community->slug;
	H(b, "<h3>撤回</h3>");
	if (m->notice_open) {
		H(b, "<p class=\"hint\">本条正在公示(至 ");
		h_time(b, disclosure_notice_end(p));
		H(b, ")。撤回后公示随即结束,不再受理异议;已提出的异议仍须答复。撤回记录将写明这一点。</p>");
	}
	if (m->has_wreq) {
		const struct disclosure_withdraw_request *q = &m->wreq;
		H(b, "<div class=\"pending\"><p><strong>待批准的撤回申请:</strong>");
		h_text(b, q->requester_name);
		H(b, " 于 ");
		h_time(b, q->requested_at);
		H(b, " 申请撤回。理由:");
		h_text(b, q->reason);
		H(b, "</p>");
		if (q->requested_by == r->user->id) {
			H(b, "<p>须由另一名工作人员批准后才撤回;您不能批准自己的申请。</p>");
			form_begin(r, arena_printf(r->a, "/c/%s/admin/board/%lld/withdraw_reject", slug, (long long)p->id));
			form_submit(r, "撤销申请");
			form_end(r);
		} else {
			form_begin(r, arena_printf(r->a, "/c/%s/admin/board/%lld/withdraw_approve", slug, (long long)p->id));
			form_submit(r, "批准撤回(记入公开记录)");
			form_end(r);
			form_begin(r, arena_printf(r->a, "/c/%s/admin/board/%lld/withdraw_reject", slug, (long long)p->id));
			form_submit(r, "驳回");
			form_end(r);
		}
		H(b, "</div>");
		return;
	}
	if (m->two_person)
		H(b, "<p>本社区实行双人审核:撤回须由另一名工作人员批准后生效。</p>");
	form_begin(r, arena_printf(r->a, "/c/%s/admin/board/%lld/withdraw", slug, (long long)p->id));
	form_textarea(r, "reason", "撤回理由(将公开)", m->withdraw_val, m->withdraw_err, 1);
	form_submit(r, m->two_person ? "申请撤回" : "撤回");
	form_end(r);
}

void daview_manage(struct req *r, const struct manage_page *m)
{
	struct buf *b = r->out;
	const struct disclosure_post *p = &m->post;
	page_begin(r, p->title);
	H(b, "<p class=\"crumbs\"><a href=\"");
	abase(b, r);
	H(b, "/board/\">公开栏管理</a></p><h1>");
	h_text(b, p->title);
	H(b, "</h1>");
	if (m->notice)
		page_notice(r, m->notice);
	if (m->message) {
		H(b, "<div class=\"error-summary\" role=\"alert\"><p>");
		h_text(b, m->message);
		H(b, "</p></div>");
	}
	H(b, "<dl class=\"contact\"><dt>状态</dt><dd>");
	h_text(b, status_label(p->status));
	if (p->withdrawn_at)
		H(b, "(已撤回)");
	if (p->corrected_by)
		H(b, "(已更正)");
	H(b, "</dd><dt>事项</dt><dd>");
	h_text(b, p->item_title);
	H(b, "</dd><dt>起草人</dt><dd>");
	h_text(b, p->author_name);
	H(b, "</dd>");
	if (p->status == POST_PUBLISHED) {
		H(b, "<dt>发布人</dt><dd>");
		h_text(b, p->approver_name);
		H(b, "</dd><dt>公开记录</dt><dd>第 ");
		h_int(b, p->leaf_index);
		H(b, " 条 · <a href=\"/c/");
		h_url(b, r->community->slug);
		H(b, "/board/");
		h_int(b, p->id);
		H(b, "\">查看公开页面</a></dd>");
	}
	if (p->replaces_id) {
		H(b, "<dt>更正理由</dt><dd>");
		h_text(b, p->correction_reason);
		H(b, "</dd>");
	}
	H(b, "</dl><div class=\"body preview\">");
	h_markdown(b, p->body);
	H(b, "</div>");
	dview_attachments(r, p->id, m->attachments, m->nattachments);
	if (m->nrecipients) {
		H(b, "<section><h2>名单(公开时的样子)</h2>");
		dview_recipients(b, m->recipients, m->nrecipients,
				 p->personal_data ? recipient_cols_from(p->public_columns) : 0, 0);
		H(b, "<p><a href=\"");
		abase(b, r);
		H(b, "/board/");
		h_int(b, p->id);
		H(b, "/recipients\">查看完整名单(将记入审计日志)</a></p></section>");
	}
	H(b, "<section class=\"actions\"><h2>操作</h2>");
	const char *slug = r->community->slug;
	if (p->status == POST_DRAFT) {
		form_begin(r, arena_printf(r->a, "/c/%s/admin/board/%lld/submit", slug, (long long)p->id));
		form_submit(r, "提交审核");
		form_end(r);
	}
	if (p->status == POST_SUBMITTED || (p->status == POST_DRAFT && !m->two_person)) {
		if (m->two_person && (r->user->id == p->author_id || r->user->id == p->submitted_by))
			H(b, "<p>双人审核:请由另一名工作人员发布。</p>");
		form_begin(r, arena_printf(r->a, "/c/%s/admin/board/%lld/publish", slug, (long long)p->id));
		form_submit(r, "审核并发布");
		form_end(r);
	}
	if (p->status == POST_PUBLISHED && !p->withdrawn_at) {
		if (!p->corrected_by) {
			H(b, "<p><a class=\"button\" href=\"");
			abase(b, r);
			H(b, "/board/new?replaces=");
			h_int(b, p->id);
			H(b, "\">更正</a></p>");
		}
		withdraw_actions(r, m);
	}
	H(b, "</section>");
	page_end(r);
}

void daview_recipients(struct req *r, const struct manage_page *m)
{
	struct buf *b = r->out;
	page_begin(r, "完整名单");
	H(b, "<h1>完整名单:");
	h_text(b, m->post.title);
	H(b, "</h1><p class=\"notice\" role=\"status\">您正在查看未脱敏的个人信息。本次查看已记入审计日志(查看人、时间、来源地址)。"
	     "请勿外传。</p>");
	dview_recipients(b, m->recipients, m->nrecipients, 0, 1);
	H(b, "<p>导出(同样记入审计日志):<a href=\"");
	abase(b, r);
	H(b, "/board/");
	h_int(b, m->post.id);
	H(b, "/recipients.xlsx\">Excel</a> · <a href=\"");
	abase(b, r);
	H(b, "/board/");
	h_int(b, m->post.id);
	H(b, "/recipients.csv\">CSV</a></p>");
	page_end(r);
}

/* A <select> over fixed choices. */
static void choice(struct req *r, const char *name, const char *label, const char *const *values,
		   const char *const *labels, int n, const char *current, const char *err)
{
	struct buf *b = r->out;
	H(b, "<div class=\"field\"><label for=\"f-");
	h_attr(b, name);
	H(b, "\">");
	h_text(b, label);
	H(b, "</label>");
	if (err) {
		H(b, "<p class=\"error\">");
		h_text(b, err);
		H(b, "</p>");
	}
	H(b, "<select id=\"f-");
	h_attr(b, name);
	H(b, "\" name=\"");
	h_attr(b, name);
	H(b, "\">");
	for (int i = 0; i < n; i++) {
		H(b, "<option value=\"");
		h_attr(b, values[i]);
		H(b, "\"");
		if (current && !strcmp(current, values[i]))
			H(b, " selected");
		H(b, ">");
		h_text(b, labels[i]);
		H(b, "</option>");
	}
	H(b, "</select></div>");
}

void daview_catalogue(struct req *r, const struct catalogue_form *f)
{
	struct buf *b = r->out;
	page_begin(r, "管理公开目录");
	H(b, "<h1>管理公开目录</h1>");
	if (f->notice)
		page_notice(r, f->notice);
	H(b, "<table><thead><tr><th scope=\"col\">类别</th><th scope=\"col\">事项</th><th scope=\"col\">时限</th>"
	     "<th scope=\"col\">名单公开列</th><th scope=\"col\">操作</th></tr></thead><tbody>");
	for (size_t i = 0; i < f->nitems; i++) {
		const struct disclosure_item *it = &f->items[i];
		H(b, "<tr><td>");
		h_text(b, disclosure_category_label(it->category));
		H(b, "</td><td>");
		h_text(b, it->title);
		if (it->retired_at)
			H(b, "(已停用,历史内容保留)");
		H(b, "</td><td>");
		h_text(b, disclosure_freq_label(it->freq));
		H(b, "</td><td>");
		h_text(b, it->public_columns);
		H(b, "</td><td>");
		if (!it->retired_at) {
			H(b, "<a href=\"");
			abase(b, r);
			H(b, "/catalogue/");
			h_int(b, it->id);
			H(b, "\">编辑</a>");
			form_begin(r, arena_printf(r->a, "/c/%s/admin/catalogue/%lld/retire", r->community->slug, (long long)it->id));
			H(b, "<button type=\"submit\" class=\"small\">停用</button>");
			form_end(r);
		}
		H(b, "</td></tr>");
	}
	H(b, "</tbody></table><section class=\"form\"><h2>");
	h_text(b, f->editing ? "编辑事项" : "新增事项");
	H(b, "</h2><p class=\"hint\">修改目录只影响以后发布的内容,已发布的内容按发布时的目录显示。"
	     "增加名单公开列(公开更多个人信息)须由街道或区管理员操作,修改前后的内容记入审计日志。</p>");
	form_error_summary(r, f->errs, 10);
	if (f->editing)
		form_begin(r, arena_printf(r->a, "/c/%s/admin/catalogue/%lld", r->community->slug, (long long)f->editing->id));
	else
		form_begin(r, arena_printf(r->a, "/c/%s/admin/catalogue", r->community->slug));
	if (f->editing) {
		form_hidden(r, "code", f->editing->code);
		H(b, "<p>代码:<code>");
		h_text(b, f->editing->code);
		H(b, "</code></p>");
	} else {
		form_input(r, "code", "代码(小写字母、数字、-)", "text", f->vals[0], f->errs[0], 1, NULL);
	}
	static const char *const cats[] = {"party", "residents", "finance"};
	static const char *const cat_l[] = {"党务", "居务", "财务"};
	choice(r, "category", "类别", cats, cat_l, 3, f->vals[1], f->errs[1]);
	form_input(r, "title", "事项名称", "text", f->vals[2], f->errs[2], 1, NULL);
	form_textarea(r, "content", "公开内容要素", f->vals[3], f->errs[3], 0);
	form_textarea(r, "basis", "依据", f->vals[4], f->errs[4], 0);
	static const char *const freqs[] = {"immediate", "monthly", "quarterly", "half_yearly", "yearly", "on_change"};
	static const char *const freq_l[] = {"即时公开", "每月", "每季度", "每半年", "每年", "长期公开,变动即更新"};
	choice(r, "frequency", "时限", freqs, freq_l, 6, f->vals[5], f->errs[5]);
	form_input(r, "responsible", "主体", "text", f->vals[6], f->errs[6], 0, NULL);
	form_input(r, "channels", "渠道载体(wall,web,meeting)", "text", f->vals[7], f->errs[7], 0, NULL);
	form_input(r, "public_columns", "名单公开列(含个人信息时填写,如 name,household_size,amount)", "text", f->vals[8],
		   f->errs[8], 0, NULL);
	form_input(r, "notice_days", "默认公示天数", "number", f->vals[9], f->errs[9], 0, NULL);
	form_submit(r, "保存");
	form_end(r);
	H(b, "</section>");
	page_end(r);
}

void daview_due_all(struct req *r, const struct due_row *rows, size_t n)
{
	struct buf *b = r->out;
	page_begin(r, "各社区公开到期情况");
	H(b, "<h1>各社区公开到期情况</h1><p>导出:<a href=\"/admin/due.xlsx\">Excel</a> · <a href=\"/admin/due.csv\">CSV</a></p><table><thead><tr><th scope=\"col\">社区</th><th scope=\"col\">已逾期</th>"
	     "<th scope=\"col\">7 日内到期</th><th scope=\"col\">逾期事项</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		int late = 0, soon = 0;
		struct buf names;
		buf_init(&names, 4096);
		for (size_t k = 0; k < rows[i].nitems; k++) {
			struct ymd due;
			const struct disclosure_item *it = &rows[i].items[k];
			enum disclosure_due d = disclosure_due_state(it->freq, it->last_published, it->created_at, r->now, &due);
			if (d == DUE_OVERDUE) {
				late++;
				if (names.len)
					buf_puts(&names, "、");
				buf_puts(&names, it->title);
			}
			soon += d == DUE_SOON;
		}
		H(b, "<tr");
		if (late)
			H(b, " class=\"late\"");
		H(b, "><td><a href=\"/c/");
		h_url(b, rows[i].community->slug);
		H(b, "/board/due\">");
		h_text(b, rows[i].community->name);
		H(b, "</a></td><td>");
		h_int(b, late);
		H(b, "</td><td>");
		h_int(b, soon);
		H(b, "</td><td>");
		h_text(b, names.data ? names.data : "");
		H(b, "</td></tr>");
		buf_free(&names);
	}
	H(b, "</tbody></table>");
	page_end(r);
}

/* "开启" / "关闭" */
static const char *on_off(int v)
{
	return v ? "开启" : "关闭";
}

/* The form that asks to set one setting to value, with its reason field. */
static void setting_form(struct req *r, const struct settings_page *s, enum disclosure_setting which, int value,
			 const char *label, const char *button, int reason_required)
{
	form_begin(r, arena_printf(r->a, "/c/%s/admin/board/settings", r->community->slug));
	form_hidden(r, "setting", disclosure_setting_name(which));
	form_hidden(r, "value", value ? "1" : "0");
	form_textarea(r, arena_printf(r->a, "reason_%s", disclosure_setting_name(which)), label, s->reason_vals[which],
		      s->reason_errs[which], reason_required);
	form_submit(r, button);
	form_end(r);
}

void daview_settings(struct req *r, const struct settings_page *s)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "公开栏设置");
	H(b, "<p class=\"crumbs\"><a href=\"");
	abase(b, r);
	H(b, "/board/\">公开栏管理</a></p><h1>公开栏设置</h1>");
	if (s->notice)
		page_notice(r, s->notice);
	if (s->message) {
		H(b, "<div class=\"error-summary\" role=\"alert\"><p>");
		h_text(b, s->message);
		H(b, "</p></div>");
	}
	H(b, "<p>每一次设置变更都记入本社区的公开记录,居民和监督员都能看到。</p>");

	H(b, "<section><h2>双人审核</h2><p>当前:<strong>");
	h_text(b, on_off(s->now.two_person));
	H(b, "</strong>。");
	h_text(b, s->now.two_person ? "起草人提交后,须由另一名工作人员审核发布;撤回须由另一名工作人员批准。"
				    : "一名工作人员即可发布和撤回。");
	H(b, "</p>");
	if (s->has_pending && s->pending.setting == SETTING_TWO_PERSON) {
		const struct disclosure_setting_change *q = &s->pending;
		H(b, "<div class=\"pending\"><p><strong>待批准的申请:</strong>");
		h_text(b, q->requester_name);
		H(b, " 于 ");
		h_time(b, q->requested_at);
		H(b, " 申请");
		h_text(b, on_off(q->value));
		H(b, "双人审核。理由:");
		h_text(b, q->reason);
		H(b, "</p>");
		if (q->requested_by == r->user->id) {
			H(b, "<p>须由本社区另一名工作人员或街道、区管理员批准后才生效;您不能批准自己的申请。</p>");
			form_begin(r, arena_printf(r->a, "/c/%s/admin/board/settings/reject", slug));
			form_submit(r, "撤销申请");
			form_end(r);
		} else {
			H(b, "<p>批准后立即生效,并记入公开记录(含理由)。</p>");
			form_begin(r, arena_printf(r->a, "/c/%s/admin/board/settings/approve", slug));
			form_submit(r, "批准");
			form_end(r);
			form_begin(r, arena_printf(r->a, "/c/%s/admin/board/settings/reject", slug));
			form_submit(r, "驳回");
			form_end(r);
		}
		H(b, "</div>");
	} else if (s->now.two_person) {
		H(b, "<p>关闭双人审核须由本社区另一名工作人员或街道、区管理员批准后才生效。</p>");
		setting_form(r, s, SETTING_TWO_PERSON, 0, "关闭理由(将公开)", "申请关闭双人审核", 1);
	} else {
		H(b, "<p>开启只需一人,立即生效。</p>");
		setting_form(r, s, SETTING_TWO_PERSON, 1, "理由(可不填,将公开)", "开启双人审核", 0);
	}
	H(b, "</section>");

	H(b, "<section><h2>异议先审后显示</h2><p>当前:<strong>");
	h_text(b, on_off(s->now.review_objections));
	H(b, "</strong>。");
	h_text(b, s->now.review_objections
		      ? "居民提交的异议先由工作人员审核,显示后才公开;屏蔽的异议保留备查,其条数在公示页公开。"
		      : "居民提交的异议立即在公示页显示。");
	H(b, "</p>");
	setting_form(r, s, SETTING_REVIEW_OBJECTIONS, !s->now.review_objections, "理由(可不填,将公开)",
		     s->now.review_objections ? "关闭先审后显示(待审核的异议随即显示)" : "开启先审后显示", 0);
	H(b, "</section>");

	H(b, "<section><h2>变更记录</h2>");
	if (!s->nchanges)
		H(b, "<p>尚无设置变更。</p>");
	else
		H(b, "<div class=\"wide\"><table><thead><tr><th scope=\"col\">时间</th><th scope=\"col\">设置</th>"
		     "<th scope=\"col\">申请人</th><th scope=\"col\">批准人</th><th scope=\"col\">理由</th>"
		     "<th scope=\"col\">公开记录</th></tr></thead><tbody>");
	for (size_t i = 0; i < s->nchanges; i++) {
		const struct disclosure_setting_change *c = &s->changes[i];
		H(b, "<tr><td>");
		h_time(b, c->changed_at);
		H(b, "</td><td>");
		h_text(b, on_off(c->value));
		h_text(b, disclosure_setting_label(c->setting));
		H(b, "</td><td>");
		h_text(b, c->requester_name);
		H(b, "</td><td>");
		h_text(b, c->approved_by ? c->approver_name : "(无须批准)");
		H(b, "</td><td>");
		h_text(b, c->reason);
		H(b, "</td><td>第 ");
		h_int(b, c->leaf_index);
		H(b, " 条</td></tr>");
	}
	if (s->nchanges)
		H(b, "</tbody></table></div>");
	H(b, "</section>");
	page_end(r);
}
