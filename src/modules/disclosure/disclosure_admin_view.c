/* Staff pages of the disclosure board. */
#include <string.h>

#include "modules/disclosure/disclosure_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

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
	H(b, "<section id=\"held\"><h2>待审核的异议</h2><p class=\"hint\">本社区开启了“异议先审后显示”。显示后可公开答复;"
	     "只有广告、辱骂、泄露他人隐私等内容才应屏蔽,屏蔽的条数在公示页公开。</p>");
	if (!p->nheld)
		H(b, "<p>没有待审核的异议。</p>");
	for (size_t i = 0; i < p->nheld; i++) {
		const struct disclosure_thread *t = &p->held[i];
		thread_head(b, t);
		const char *action = url_c_id(r->a, r->community->slug, "/admin/thread/", t->id, "/review");
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

/* The list's filters: status, then year and item, each a row of links that
 * keep the others. */
static void list_filters(struct req *r, const struct admin_board_page *p)
{
	static const struct form_option statuses[] = {{"mine", "我的草稿", NULL},	  {"returned", "退回修改", NULL},
						      {"draft", "全部草稿", NULL},	  {"submitted", "待审核发布", NULL},
						      {"published", "已发布", NULL}};
	filter_links(r, "按状态筛选", "status", "待处理", statuses, sizeof statuses / sizeof *statuses);
	/* Only years that have posts, as on the public board. */
	struct form_option years[BOARD_YEARS];
	for (size_t i = 0; i < p->nyears; i++)
		years[i] = (struct form_option){arena_printf(r->a, "%d", p->years[i]),
						arena_printf(r->a, "%d 年", p->years[i]), NULL};
	filter_links(r, "按年份筛选", "year", "全部年份", years, p->nyears);
	struct form_option *items = arena_alloc(r->a, (p->ntitles + 1) * sizeof *items);
	for (size_t i = 0; items && i < p->ntitles; i++)
		items[i] = (struct form_option){arena_printf(r->a, "%lld", (long long)p->titles[i].id), p->titles[i].title,
						NULL};
	filter_links(r, "按公开事项筛选", "item", "全部事项", items, items ? p->ntitles : 0);
}

/* The posts the filters select: drafts and posts awaiting review, or a page
 * of published ones, each with its 管理 link. */
static void post_list(struct req *r, const struct admin_board_page *p)
{
	static const struct tcol cols[] = {{"标题", TCOL_ROWHEAD, NULL}, {"事项", 0, NULL}, {"状态", 0, NULL},
					   {"起草人", 0, NULL},	       {"时间", 0, NULL},     {"操作", TCOL_PAGE, NULL}};
	static const struct tcol cols_published[] = {{"标题", TCOL_ROWHEAD, NULL}, {"事项", 0, NULL},
						     {"状态", 0, NULL},		    {"发布时间", 0, NULL},
						     {"操作", TCOL_PAGE, NULL}};
	int published = p->filter == AF_PUBLISHED;
	struct table t;
	list_filters(r, p);
	table_begin(&t, r->out, NULL, published ? "已发布的内容" : "待处理的内容", published ? cols_published : cols,
		    published ? 5 : 6, TABLE_CARDS,
		    published ? "没有符合条件的已发布内容。" : "没有符合条件的草稿或待审核内容。");
	for (size_t i = 0; i < p->npending; i++) {
		const struct disclosure_post *x = &p->pending[i];
		table_tr(&t, NULL);
		const char *manage = url_c_id(r->a, r->community->slug, "/admin/board/", x->id, NULL);
		struct buf *c = table_cell(&t, x->title);
		if (c) {
			H(c, "<a href=\"");
			h_href(c, manage);
			H(c, "\">");
			h_text(c, x->title);
			H(c, "</a>");
			if (x->replaces_id)
				H(c, "(更正)");
		}
		table_cell_end(&t);
		table_text(&t, x->item_title);
		table_text(&t, x->withdrawn_at ? "已撤回" : x->corrected_by ? "已发布(已更正)" : status_label(x->status));
		if (!published)
			table_text(&t, x->author_name);
		table_time(&t, published ? x->published_at : x->created_at);
		table_link(&t, manage, published ? "管理" : "处理");
	}
	table_end(&t);
	page_pager(r, p->page, p->has_next);
}

void disclosure_admin_view_home(struct req *r, const struct admin_board_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "公开栏管理");
	H(b, "<h1>公开栏管理</h1><p class=\"actions\"><a class=\"button\" href=\"");
	h_clink(b, slug, "/admin/board/new");
	H(b, "\">起草公开内容</a> ");
	h_clink_a(b, slug, "/admin/catalogue", "管理公开目录");
	H(b, " · ");
	h_clink_a(b, slug, "/board/due", "到期情况");
	H(b, "</p>");
	if (kv_get(&r->q, "answered"))
		page_notice(r, "已答复,答复已记入公开记录。");
	if (kv_get(&r->q, "reviewed"))
		page_notice(r, "已审核,结果已记入审计日志。");
	H(b, "<div class=\"setting\"><p>");
	h_text(b, p->two_person ? "本社区实行双人审核:起草人提交后,须由另一名工作人员发布;撤回也须另一名工作人员批准。"
				: "本社区未启用双人审核。");
	H(b, " ");
	h_clink_a(b, slug, "/admin/board/settings", "公开栏设置");
	H(b, "</p>");
	if (p->setting_pending) {
		H(b, "<p class=\"notice\" role=\"status\">有一项设置变更申请等待第二人批准,");
		h_clink_a(b, slug, "/admin/board/settings", "去处理");
		H(b, "。</p>");
	}
	if (kv_get(&r->q, "deleted"))
		page_notice(r, "草稿已删除。");
	H(b, "</div><section><h2>内容</h2>");
	post_list(r, p);
	if (p->nwithdrawals) {
		H(b, "<h3>待批准的撤回申请</h3><ul>");
		for (size_t i = 0; i < p->nwithdrawals; i++) {
			const struct disclosure_withdraw_request *q = &p->withdrawals[i];
			H(b, "<li><a href=\"");
			h_clink_id(b, slug, "/admin/board/", q->post_id, NULL);
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
	H(b, "<section id=\"open\"><h2>待答复的异议和监督意见</h2>");
	if (!p->nopen)
		H(b, "<p>没有待答复的异议或意见。</p>");
	int shown = 0; /* the refused answer's thread is among these */
	for (size_t i = 0; i < p->nopen; i++)
		shown |= p->open[i].id == p->answer_id;
	if (p->answer_id && !shown) /* answered or hidden meanwhile: say why at the top */
		form_refusal(r, p->answer_err);
	for (size_t i = 0; i < p->nopen; i++) {
		const struct disclosure_thread *t = &p->open[i];
		thread_head(b, t);
		int refused = t->id == p->answer_id;
		if (refused)
			form_error_summary(r, &p->answer_err, 1);
		form_begin(r, url_c_id(r->a, slug, "/admin/thread/", t->id, "/answer"));
		form_textarea(r, "answer", "答复(将公开,并记入公开记录)", refused ? p->answer_val : NULL,
			      refused ? p->answer_err : NULL, 1);
		form_submit(r, "公开答复");
		form_end(r);
		H(b, "</div>");
	}
	H(b, "</section>");
	page_end(r);
}

/* Who returned a draft, when and why, for its author. */
static void returned_note(struct buf *b, const struct disclosure_return *ret)
{
	H(b, "<div class=\"pending\" role=\"note\"><p><strong>已退回修改:</strong>");
	h_text(b, ret->by_name);
	H(b, " 于 ");
	h_time(b, ret->at);
	H(b, " 退回。理由:");
	h_text(b, ret->reason);
	H(b, "</p><p>请按理由修改后重新提交审核。</p></div>");
}

void disclosure_admin_view_post_form(struct req *r, const struct post_form *f)
{
	struct buf *b = r->out;
	const char *heading = f->editing ? "修改草稿" : f->replaces ? "更正公开内容" : "起草公开内容";
	page_begin(r, heading);
	H(b, "<section class=\"form\"><h1>");
	h_text(b, heading);
	H(b, "</h1>");
	if (f->editing && f->has_return)
		returned_note(b, &f->returned);
	if (f->editing)
		H(b, "<p class=\"hint\">不填名单、不选文件时,原有名单和附件保持不变;填写或导入名单将替换原名单,新选的附件将添加到原附件之后。</p>");
	if (f->replaces) {
		H(b, "<p>更正《");
		h_text(b, f->replaces->title);
		H(b, "》。已发布的内容不会被修改:更正是新的版本,原版本和更正理由都保持公开。</p>");
	}
	form_error_summary(r, f->errs, 8);
	form_refusal(r, f->file_err);
	form_begin_upload(r, f->editing ? url_c_id(r->a, r->community->slug, "/admin/board/", f->editing->id, "/edit")
				       : url_c(r->a, r->community->slug, "/admin/board/new"));
	if (f->replaces && !f->editing)
		form_hidden(r, "replaces", arena_printf(r->a, "%lld", (long long)f->replaces->id));
	struct form_option *items = arena_alloc(r->a, (f->nitems + 1) * sizeof *items);
	for (size_t i = 0; items && i < f->nitems; i++)
		items[i] = (struct form_option){
		    arena_printf(r->a, "%lld", (long long)f->items[i].id),
		    arena_printf(r->a, "%s · %s%s", disclosure_category_label(f->items[i].category),
				 f->items[i].title, f->items[i].personal_data ? "(含名单)" : ""),
		    NULL};
	form_select(
	    r,
	    &(struct form_field){
		.name = "item", .label = "公开事项", .value = f->vals[0], .error = f->errs[0], .required = 1},
	    items, items ? f->nitems : 0);
	form_input(r, "title", "标题", "text", f->vals[1], f->errs[1], 1, NULL);
	form_textarea(r, "body", "正文(支持 Markdown,表格可用 | 分隔)", f->vals[2], f->errs[2], 1);
	form_date(r, &(struct form_field){.name = "period_start",
					  .label = "所属期间开始",
					  .hint = "如 2026-11-01",
					  .value = f->vals[3],
					  .error = f->errs[3]});
	form_date(
	    r, &(struct form_field){
		   .name = "period_end", .label = "所属期间结束", .value = f->vals[4], .error = f->errs[4]});
	form_number(r, &(struct form_field){.name = "notice_days",
					    .label = "公示天数",
					    .hint = "0 为不设公示期;留空按目录默认",
					    .value = f->vals[5],
					    .error = f->errs[5]});
	form_field_textarea(
	    r, &(struct form_field){
		   .name = "recipients",
		   .label = "名单",
		   .hint = "含个人信息的事项填写;每行一户:姓名,身份证号,电话,住址,家庭人口,金额(元),备注",
		   .value = f->vals[6],
		   .error = f->errs[6]});
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
			form_begin(r, url_c_id(r->a, slug, "/admin/board/", p->id, "/withdraw_reject"));
			form_submit(r, "撤销申请");
			form_end(r);
		} else {
			form_begin(r, url_c_id(r->a, slug, "/admin/board/", p->id, "/withdraw_approve"));
			form_submit(r, "批准撤回(记入公开记录)");
			form_end(r);
			form_begin(r, url_c_id(r->a, slug, "/admin/board/", p->id, "/withdraw_reject"));
			form_submit(r, "驳回");
			form_end(r);
		}
		H(b, "</div>");
		return;
	}
	if (m->two_person)
		H(b, "<p>本社区实行双人审核:撤回须由另一名工作人员批准后生效。</p>");
	form_begin(r, url_c_id(r->a, slug, "/admin/board/", p->id, "/withdraw"));
	form_textarea(r, "reason", "撤回理由(将公开)", m->withdraw_val, m->withdraw_err, 1);
	form_submit(r, m->two_person ? "申请撤回" : "撤回");
	form_end(r);
}

void disclosure_admin_view_manage(struct req *r, const struct manage_page *m)
{
	struct buf *b = r->out;
	const struct disclosure_post *p = &m->post;
	const char *slug = r->community->slug;
	page_begin(r, p->title);
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, slug, "/admin/board/", "公开栏管理");
	H(b, "</p><h1>");
	h_text(b, p->title);
	H(b, "</h1>");
	if (m->notice)
		page_notice(r, m->notice);
	form_refusal(r, m->message);
	if (p->status == POST_DRAFT && m->has_return)
		returned_note(b, &m->returned);
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
		h_int(b, disclosure_record_no(p->leaf_index));
		H(b, " 条 · <a href=\"");
		h_clink_id(b, slug, "/board/", p->id, NULL);
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
	disclosure_view_attachments(r, p->id, m->attachments, m->nattachments);
	if (m->nrecipients) {
		H(b, "<section><h2>名单(公开时的样子)</h2>");
		disclosure_view_recipients(b, m->recipients, m->nrecipients,
				 p->personal_data ? disclosure_recipient_cols_from(p->public_columns) : 0, 0);
		H(b, "<p><a href=\"");
		h_clink_id(b, slug, "/admin/board/", p->id, "/recipients");
		H(b, "\">查看完整名单(将记入审计日志)</a></p></section>");
	}
	H(b, "<section class=\"actions\"><h2>操作</h2>");
	int own = r->user->id == p->author_id || r->user->id == p->submitted_by;
	if (p->status == POST_DRAFT) {
		if (r->user->id == p->author_id) {
			H(b, "<p><a class=\"button\" href=\"");
			h_clink_id(b, slug, "/admin/board/", p->id, "/edit");
			H(b, "\">修改草稿</a></p>");
			form_begin(r, url_c_id(r->a, slug, "/admin/board/", p->id, "/submit"));
			form_submit(r, "提交审核");
			form_end(r);
		} else {
			H(b, "<p>这是 ");
			h_text(b, p->author_name);
			H(b, " 起草的草稿,只有起草人可以修改、提交或删除。</p>");
		}
	}
	if (p->status == POST_SUBMITTED && m->two_person && own) {
		/* The two-person rule would refuse this visitor's publishing: no button. */
		H(b, "<p class=\"notice\" role=\"status\">双人审核:已提交,等待另一名工作人员审核发布或退回。</p>");
	} else if (p->status == POST_SUBMITTED || (p->status == POST_DRAFT && !m->two_person)) {
		form_begin(r, url_c_id(r->a, slug, "/admin/board/", p->id, "/publish"));
		form_hidden(r, "revision", arena_printf(r->a, "%lld", (long long)p->revision));
		form_submit(r, "审核并发布");
		form_end(r);
	}
	if (p->status == POST_SUBMITTED && !own) {
		H(b, "<h3>退回修改</h3>");
		form_begin(r, url_c_id(r->a, slug, "/admin/board/", p->id, "/return"));
		form_textarea(r, "reason", "退回理由(起草人将看到)", m->return_val, m->return_err, 1);
		form_submit(r, "退回");
		form_end(r);
	}
	if (p->status == POST_DRAFT && r->user->id == p->author_id) {
		H(b, "<h3>删除草稿</h3><p class=\"hint\">草稿从未公开,删除后不留在公开记录中;删除记入审计日志。</p>");
		form_begin(r, url_c_id(r->a, slug, "/admin/board/", p->id, "/delete"));
		form_checkbox(r, &(struct form_field){.name = "confirm", .label = "确认删除这份草稿"});
		form_submit(r, "删除草稿");
		form_end(r);
	}
	if (p->status == POST_PUBLISHED && !p->withdrawn_at) {
		if (!p->corrected_by) {
			H(b, "<p><a class=\"button\" href=\"");
			h_clink_id(b, slug, "/admin/board/new?replaces=", p->id, NULL);
			H(b, "\">更正</a></p>");
		}
		withdraw_actions(r, m);
	}
	H(b, "</section>");
	page_end(r);
}

void disclosure_admin_view_recipients(struct req *r, const struct manage_page *m)
{
	struct buf *b = r->out;
	page_begin(r, "完整名单");
	H(b, "<h1>完整名单:");
	h_text(b, m->post.title);
	H(b, "</h1><p class=\"notice\" role=\"status\">您正在查看未脱敏的个人信息。本次查看已记入审计日志(查看人、时间、来源地址)。"
	     "请勿外传。</p>");
	disclosure_view_recipients(b, m->recipients, m->nrecipients, 0, 1);
	export_links(r, "导出(同样记入审计日志)");
	page_end(r);
}

void disclosure_admin_view_catalogue(struct req *r, const struct catalogue_form *f)
{
	static const struct tcol cols[] = {{"类别", 0, NULL},
					   {"事项", TCOL_ROWHEAD, NULL},
					   {"时限", 0, NULL},
					   {"名单公开列", 0, NULL},
					   {"操作", TCOL_PAGE, NULL}};
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	struct table t;
	page_begin(r, "管理公开目录");
	H(b, "<h1>管理公开目录</h1>");
	if (f->notice)
		page_notice(r, f->notice);
	table_begin(&t, b, NULL, "公开目录", cols, 5, TABLE_CARDS, NULL);
	for (size_t i = 0; i < f->nitems; i++) {
		const struct disclosure_item *it = &f->items[i];
		table_tr(&t, NULL);
		table_text(&t, disclosure_category_label(it->category));
		table_text(&t, it->retired_at ? arena_printf(r->a, "%s(已停用,历史内容保留;理由:%s)", it->title,
							     *it->retire_reason ? it->retire_reason : "未填写")
					      : it->title);
		table_text(&t, disclosure_freq_label(it->freq));
		table_text(&t, disclosure_recipient_cols_label(r->a, disclosure_recipient_cols_from(it->public_columns)));
		struct buf *c = table_cell(&t, NULL);
		if (c && !it->retired_at) {
			H(c, "<a href=\"");
			h_clink_id(c, slug, "/admin/catalogue/", it->id, NULL);
			H(c, "\">编辑</a> <a href=\"");
			h_clink_id(c, slug, "/admin/catalogue/", it->id, "/retire");
			H(c, "\">停用…</a>");
		} else if (c) {
			form_begin(r, url_c_id(r->a, slug, "/admin/catalogue/", it->id, "/restore"));
			H(c, "<button type=\"submit\" class=\"small\">恢复</button>");
			form_end(r);
		}
		table_cell_end(&t);
	}
	table_end(&t);
	H(b, "<section class=\"form\"><h2>");
	h_text(b, f->editing ? "编辑事项" : "新增事项");
	H(b, "</h2><p class=\"hint\">修改目录只影响以后发布的内容,已发布的内容按发布时的目录显示。"
	     "增加名单公开列(公开更多个人信息)须由街道或区管理员操作,修改前后的内容记入审计日志。</p>");
	form_error_summary(r, f->errs, 10);
	if (f->editing)
		form_begin(r, url_c_id(r->a, slug, "/admin/catalogue/", f->editing->id, NULL));
	else
		form_begin(r, url_c(r->a, slug, "/admin/catalogue"));
	static const struct form_option cats[] = {
	    {"party", "党务", NULL}, {"residents", "居务", NULL}, {"finance", "财务", NULL}};
	form_select(r,
		    &(struct form_field){
			.name = "category", .label = "类别", .value = f->vals[1], .error = f->errs[1]},
		    cats, 3);
	form_input(r, "title", "事项名称", "text", f->vals[2], f->errs[2], 1, NULL);
	form_textarea(r, "content", "公开内容要素", f->vals[3], f->errs[3], 0);
	form_textarea(r, "basis", "依据", f->vals[4], f->errs[4], 0);
	static const struct form_option freqs[] = {
	    {"immediate", "即时公开", NULL}, {"monthly", "每月", NULL},
	    {"quarterly", "每季度", NULL},   {"half_yearly", "每半年", NULL},
	    {"yearly", "每年", NULL},	     {"on_change", "长期公开,变动即更新", NULL}};
	form_select(r,
		    &(struct form_field){
			.name = "frequency", .label = "时限", .value = f->vals[5], .error = f->errs[5]},
		    freqs, 6);
	form_input(r, "responsible", "主体", "text", f->vals[6], f->errs[6], 0, NULL);
	unsigned chans = disclosure_channels_from(f->vals[7]);
	form_fieldset_begin(r, "channels", "渠道载体", NULL, f->errs[7]);
	for (int i = 0; i < CHAN__MAX; i++)
		form_checkbox(r, &(struct form_field){
				     .name = arena_printf(r->a, "channel_%s", disclosure_channel_name((enum disclosure_channel)i)),
				     .label = disclosure_channel_label((enum disclosure_channel)i),
				     .value = chans & (1u << i) ? "1" : NULL});
	form_fieldset_end(r);
	unsigned listed = disclosure_recipient_cols_from(f->vals[8]);
	form_fieldset_begin(r, "public_columns", "名单公开列",
			    "事项带有名单(如低保对象)时,勾选公示时公开的列;不带名单的事项不用勾选", f->errs[8]);
	for (int i = 0; i < RCOL__MAX; i++)
		form_checkbox(r, &(struct form_field){
				     .name = arena_printf(r->a, "column_%s", disclosure_recipient_col_name((enum recipient_col)i)),
				     .label = disclosure_recipient_col_label((enum recipient_col)i),
				     .value = listed & (1u << i) ? "1" : NULL});
	form_fieldset_end(r);
	form_number(
	    r, &(struct form_field){
		   .name = "notice_days", .label = "默认公示天数", .value = f->vals[9], .error = f->errs[9]});
	form_submit(r, "保存");
	form_end(r);
	H(b, "</section>");
	page_end(r);
}

void disclosure_admin_view_due_all(struct req *r, const struct due_row *rows, size_t n)
{
	static const struct tcol cols[] = {{"社区", TCOL_ROWHEAD, NULL},
					   {"已逾期", TCOL_NUM, NULL},
					   {"7 日内到期", TCOL_NUM, NULL},
					   {"逾期事项", 0, NULL}};
	struct buf *b = r->out;
	struct table t;
	page_begin(r, "各社区公开到期情况");
	H(b, "<h1>各社区公开到期情况</h1>");
	export_links(r, NULL);
	table_begin(&t, b, NULL, "各社区公开到期情况", cols, 4, TABLE_CARDS, NULL);
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
		table_tr(&t, late ? "late" : NULL);
		table_link(&t, url_c(r->a, rows[i].community->slug, "/board/due"), rows[i].community->name);
		table_int(&t, late);
		table_int(&t, soon);
		table_text(&t, names.data ? names.data : "");
		buf_free(&names);
	}
	table_end(&t);
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
	form_begin(r, url_c(r->a, r->community->slug, "/admin/board/settings"));
	form_hidden(r, "setting", disclosure_setting_name(which));
	form_hidden(r, "value", value ? "1" : "0");
	form_textarea(r, arena_printf(r->a, "reason_%s", disclosure_setting_name(which)), label, s->reason_vals[which],
		      s->reason_errs[which], reason_required);
	form_submit(r, button);
	form_end(r);
}

void disclosure_admin_view_settings(struct req *r, const struct settings_page *s)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "公开栏设置");
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, slug, "/admin/board/", "公开栏管理");
	H(b, "</p><h1>公开栏设置</h1>");
	if (s->notice)
		page_notice(r, s->notice);
	form_refusal(r, s->message);
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
			form_begin(r, url_c(r->a, slug, "/admin/board/settings/reject"));
			form_submit(r, "撤销申请");
			form_end(r);
		} else {
			H(b, "<p>批准后立即生效,并记入公开记录(含理由)。</p>");
			form_begin(r, url_c(r->a, slug, "/admin/board/settings/approve"));
			form_submit(r, "批准");
			form_end(r);
			form_begin(r, url_c(r->a, slug, "/admin/board/settings/reject"));
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

	static const struct tcol cols[] = {{"时间", 0, NULL},	{"设置", 0, NULL}, {"申请人", 0, NULL},
					   {"批准人", 0, NULL}, {"理由", 0, NULL}, {"公开记录", 0, NULL}};
	struct table t;
	H(b, "<section><h2>变更记录</h2>");
	table_begin(&t, b, NULL, "设置变更记录", cols, 6, TABLE_WIDE | TABLE_CARDS, "尚无设置变更。");
	for (size_t i = 0; i < s->nchanges; i++) {
		const struct disclosure_setting_change *c = &s->changes[i];
		table_tr(&t, NULL);
		table_time(&t, c->changed_at);
		table_text(
		    &t, arena_printf(r->a, "%s%s", on_off(c->value), disclosure_setting_label(c->setting)));
		table_text(&t, c->requester_name);
		table_text(&t, c->approved_by ? c->approver_name : "(无须批准)");
		table_text(&t, c->reason);
		table_text(&t, arena_printf(r->a, "第 %lld 条", (long long)disclosure_record_no(c->leaf_index)));
	}
	table_end(&t);
	H(b, "</section>");
	page_end(r);
}
