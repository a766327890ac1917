/* Public pages of the disclosure board. */
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "modules/disclosure/disclosure_web.h"
#include "web/layout.h"

/* /c/<slug>/ prefix for links. */
static void base(struct buf *b, const struct req *r)
{
	H(b, "/c/");
	h_url(b, r->community->slug);
}

static void date_text(struct buf *b, int64_t t)
{
	char d[11];
	date_format(date_from_time(t), d);
	h_text(b, d);
}

void dview_post_state(struct buf *b, const struct disclosure_post *p, int64_t now)
{
	if (p->withdrawn_at)
		H(b, "<span class=\"tag tag-withdrawn\">已撤回</span>");
	else if (p->corrected_by)
		H(b, "<span class=\"tag tag-old\">已更正</span>");
	if (p->replaces_id)
		H(b, "<span class=\"tag\">更正版</span>");
	if (!p->withdrawn_at && disclosure_notice_open(p, now)) {
		H(b, "<span class=\"tag tag-open\">公示中,至 ");
		date_text(b, disclosure_notice_end(p) - 1);
		H(b, "</span>");
	}
}

void dview_due_badge(struct buf *b, enum disclosure_due d, struct ymd due)
{
	char ds[11];
	date_format(due, ds);
	switch (d) {
	case DUE_NONE:
		H(b, "<span class=\"due due-none\">随时公开</span>");
		return;
	case DUE_OK:
		H(b, "<span class=\"due due-ok\">✓ 按时 · 下次 ");
		break;
	case DUE_SOON:
		H(b, "<span class=\"due due-soon\">! 7 日内到期 · ");
		break;
	case DUE_OVERDUE:
		H(b, "<span class=\"due due-late\">✕ 已逾期 · 应于 ");
		break;
	}
	h_text(b, ds);
	H(b, "</span>");
}

/* A link to the board with these filters (0: none). */
static void board_link(struct buf *b, const struct req *r, int64_t item, int year)
{
	base(b, r);
	H(b, "/board/");
	if (item || year)
		H(b, "?");
	if (item) {
		H(b, "item=");
		h_int(b, item);
	}
	if (item && year)
		H(b, "&amp;");
	if (year) {
		H(b, "year=");
		h_int(b, year);
	}
}

/* The board's filters: the years, then every catalogue item. */
static void item_filter(struct req *r, const struct board_page *bp)
{
	struct buf *b = r->out;
	int this_year = date_from_time(r->now).y;
	H(b, "<nav class=\"filters\" aria-label=\"按年份筛选\"><a href=\"");
	board_link(b, r, bp->item_id, 0);
	H(b, "\"");
	if (!bp->year)
		H(b, " aria-current=\"page\"");
	H(b, ">全部年份</a>");
	for (int y = this_year; y > this_year - 3; y--) {
		H(b, "<a href=\"");
		board_link(b, r, bp->item_id, y);
		H(b, "\"");
		if (bp->year == y)
			H(b, " aria-current=\"page\"");
		H(b, ">");
		h_int(b, y);
		H(b, " 年</a>");
	}
	H(b, "</nav>");
	H(b, "<nav class=\"filters\" aria-label=\"按公开事项筛选\"><a href=\"");
	board_link(b, r, 0, bp->year);
	H(b, "\"");
	if (!bp->item_id)
		H(b, " aria-current=\"page\"");
	H(b, ">全部事项</a>");
	for (size_t i = 0; i < bp->nitems; i++) {
		H(b, "<a href=\"");
		board_link(b, r, bp->items[i].id, bp->year);
		H(b, "\"");
		if (bp->items[i].id == bp->item_id)
			H(b, " aria-current=\"page\"");
		H(b, ">");
		h_text(b, bp->items[i].title);
		H(b, "</a>");
	}
	H(b, "</nav>");
}

void dview_board(struct req *r, const struct board_page *bp)
{
	struct buf *b = r->out;
	page_begin(r, "党务居务公开栏");
	H(b, "<h1>党务居务公开栏</h1><p class=\"lead\">每一条公开内容都记入本社区的防篡改公开记录(第 ");
	h_int(b, bp->log_size);
	H(b, " 条)。<a href=\"");
	base(b, r);
	H(b, "/board/catalogue\">公开目录</a> · <a href=\"");
	base(b, r);
	H(b, "/board/due\">到期情况</a> · <a href=\"");
	base(b, r);
	H(b, "/supervisors\">监督小组与核验</a> · <a href=\"");
	base(b, r);
	H(b, "/board/feed.atom\">订阅</a> · <a href=\"");
	base(b, r);
	H(b, "/board/poster.pdf\">上墙海报(A4)</a></p>");
	item_filter(r, bp);
	if (!bp->nposts)
		H(b, "<p>暂无公开内容。</p>");
	H(b, "<ol class=\"board\">");
	for (size_t i = 0; i < bp->nposts; i++) {
		const struct disclosure_post *p = &bp->posts[i];
		int open = !p->withdrawn_at && disclosure_notice_open(p, r->now);
		H(b, "<li");
		if (open)
			H(b, " class=\"open\"");
		H(b, "><a class=\"title\" href=\"");
		base(b, r);
		H(b, "/board/");
		h_int(b, p->id);
		H(b, "\">");
		h_text(b, p->title);
		H(b, "</a> ");
		dview_post_state(b, p, r->now);
		H(b, "<div class=\"meta\"><span>");
		h_text(b, p->item_title);
		H(b, "</span> · 发布于 ");
		h_time(b, p->published_at);
		H(b, " · 记录第 ");
		h_int(b, p->leaf_index);
		H(b, " 条</div></li>");
	}
	H(b, "</ol>");
	struct buf pb;
	buf_init(&pb, 512);
	buf_printf(&pb, "/c/%s/board/?", r->community->slug);
	if (bp->item_id)
		buf_printf(&pb, "item=%lld&", (long long)bp->item_id);
	if (bp->year)
		buf_printf(&pb, "year=%d&", bp->year);
	page_pager(r, pb.data, bp->page, bp->has_next);
	buf_free(&pb);
	page_end(r);
}

void dview_recipients(struct buf *b, const struct disclosure_recipient *r, size_t n, unsigned cols, int full)
{
	H(b, "<table class=\"recipients\"><thead><tr><th scope=\"col\">序号</th>");
	for (int c = 0; c < RCOL__MAX; c++) {
		if (!full && !(cols & (1u << c)))
			continue;
		H(b, "<th scope=\"col\">");
		h_text(b, recipient_col_label((enum recipient_col)c));
		H(b, "</th>");
	}
	H(b, "</tr></thead><tbody>");
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		H(b, "<tr><td>");
		h_int(b, r[i].row);
		H(b, "</td>");
		const struct recipient_text *t = full ? &r[i].full : &r[i].masked;
		for (int c = 0; c < RCOL__MAX; c++) {
			if (!full && !(cols & (1u << c)))
				continue;
			H(b, "<td>");
			switch ((enum recipient_col)c) {
			case RCOL_NAME:
				h_text(b, t->name);
				break;
			case RCOL_ID:
				h_text(b, t->id_number);
				break;
			case RCOL_PHONE:
				h_text(b, t->phone);
				break;
			case RCOL_ADDRESS:
				h_text(b, t->address);
				break;
			case RCOL_HOUSEHOLD:
				h_int(b, r[i].household_size);
				break;
			case RCOL_AMOUNT:
				h_money(b, r[i].amount_fen);
				break;
			case RCOL_NOTE:
				h_text(b, t->note);
				break;
			case RCOL__MAX:
				break;
			}
			H(b, "</td>");
		}
		H(b, "</tr>");
		total += r[i].amount_fen;
	}
	H(b, "</tbody></table><p>共 ");
	h_int(b, (int64_t)n);
	H(b, " 户");
	if (full || (cols & (1u << RCOL_AMOUNT))) {
		H(b, ",合计 ");
		h_money(b, total);
	}
	H(b, "。</p>");
}

void dview_attachments(struct req *r, int64_t post_id, const struct disclosure_attachment *a, size_t n)
{
	struct buf *b = r->out;
	if (!n)
		return;
	H(b, "<section><h2>附件</h2><ul class=\"files\">");
	for (size_t i = 0; i < n; i++) {
		H(b, "<li><a href=\"");
		base(b, r);
		H(b, "/board/");
		h_int(b, post_id);
		H(b, "/file/");
		h_int(b, a[i].seq);
		H(b, "\">");
		h_text(b, a[i].name);
		H(b, "</a> <span class=\"meta\">");
		h_text(b, !strcmp(a[i].mime, "application/pdf") ? "PDF" : !strcmp(a[i].mime, "image/png") ? "PNG 图片" : "JPEG 图片");
		H(b, " · ");
		h_int(b, (a[i].size + 1023) / 1024);
		H(b, " KB · SHA-256 <code>");
		h_textn(b, a[i].sha256, 16);
		H(b, "…</code></span></li>");
	}
	H(b, "</ul></section>");
}

/* One objection or opinion with its answer (or that it awaits one). On the
 * supervisors' page (context set) the author and the subject come first. */
static void thread_item(struct req *r, const struct disclosure_thread *t, int context)
{
	struct buf *b = r->out;
	H(b, "<li><p class=\"q\"><strong>");
	if (context)
		h_text(b, t->author_name);
	else
		h_text(b, t->kind == THREAD_OBJECTION ? "异议" : "监督意见");
	H(b, "</strong>(");
	h_time(b, t->created_at);
	if (context) {
		H(b, ",");
		h_text(b, *t->post_title ? t->post_title : *t->item_title ? t->item_title : "总体");
	}
	H(b, "):");
	h_text(b, t->body_masked);
	H(b, "</p>");
	if (t->answered_at) {
		H(b, "<p class=\"a\"><strong>答复</strong>(");
		h_time(b, t->answered_at);
		H(b, ",记录第 ");
		h_int(b, t->answer_leaf);
		H(b, " 条):");
		h_text(b, t->answer_masked);
		H(b, "</p>");
	} else {
		H(b, "<p class=\"a pending\">待答复</p>");
	}
	H(b, "</li>");
}

static void thread_list(struct req *r, const struct post_page *p)
{
	struct buf *b = r->out;
	if (!p->nthreads && !p->nheld && !p->nrejected)
		return;
	H(b, "<section><h2>异议与监督意见</h2>");
	if (p->nthreads) {
		H(b, "<ol class=\"threads\">");
		for (size_t i = 0; i < p->nthreads; i++)
			thread_item(r, &p->threads[i], 0);
		H(b, "</ol>");
	}
	/* What is not shown is still counted, so that nothing is suppressed unseen. */
	if (p->nheld) {
		H(b, "<p class=\"hint\">另有 ");
		h_int(b, (int64_t)p->nheld);
		H(b, " 条异议正在审核,审核后显示。</p>");
	}
	if (p->nrejected) {
		H(b, "<p class=\"hint\">已屏蔽 ");
		h_int(b, (int64_t)p->nrejected);
		H(b, " 条异议(经工作人员认定为广告、辱骂或泄露他人隐私等),屏蔽的异议留存备查。</p>");
	}
	H(b, "</section>");
}

static void objection_form(struct req *r, const struct post_page *p)
{
	struct buf *b = r->out;
	const struct disclosure_post *post = &p->post;
	if (post->notice_days <= 0 || post->withdrawn_at)
		return;
	H(b, "<section id=\"objection\"><h2>提出异议</h2>");
	/* Said where the eye is after submitting (the page opens at #objection). */
	if (p->objection_notice)
		page_notice(r, p->objection_notice);
	if (!disclosure_notice_open(post, r->now)) {
		H(b, "<p>公示期已于 ");
		h_time(b, disclosure_notice_end(post));
		H(b, " 结束,不再受理异议。</p></section>");
		return;
	}
	H(b, "<p>公示期内(至 ");
	h_time(b, disclosure_notice_end(post));
	H(b, "),任何居民都可以对公示内容提出异议,社区将公开答复。请勿在异议中填写他人的身份证号、电话等个人信息。");
	if (p->review_objections)
		H(b, "本社区的异议经工作人员审核后显示;被屏蔽的异议留存备查,条数在本页公开。");
	H(b, "</p>");
	form_error_summary(r, p->objection_errs, 2);
	if (p->objection_refusal) {
		H(b, "<div class=\"error-summary\" role=\"alert\"><p>");
		h_text(b, p->objection_refusal);
		H(b, "</p></div>");
	}
	/* A refused form opens at this section, its errors in view. */
	form_begin(r, arena_printf(r->a, "/c/%s/board/%lld/objection#objection", r->community->slug, (long long)post->id));
	form_textarea(r, "body", "异议内容", p->objection_vals[0], p->objection_errs[0], 1);
	if (!r->user)
		form_input(r, "phone", "联系电话(仅供社区回访,不公开)", "tel", p->objection_vals[1], p->objection_errs[1], 1,
			   "tel");
	form_submit(r, "提交异议");
	form_end(r);
	H(b, "</section>");
}

void dview_post(struct req *r, const struct post_page *pp)
{
	struct buf *b = r->out;
	const struct disclosure_post *p = &pp->post;
	page_begin(r, p->title);
	H(b, "<article class=\"post\"><p class=\"crumbs\"><a href=\"");
	base(b, r);
	H(b, "/board/\">公开栏</a> › <a href=\"");
	base(b, r);
	H(b, "/board/?item=");
	h_int(b, p->item_id);
	H(b, "\">");
	h_text(b, p->item_title);
	H(b, "</a></p><h1>");
	h_text(b, p->title);
	H(b, "</h1><p class=\"meta\">");
	dview_post_state(b, p, r->now);
	H(b, " 发布于 ");
	h_time(b, p->published_at);
	if (p->period_start) {
		H(b, " · 所属期间 ");
		date_text(b, p->period_start);
		if (p->period_end) {
			H(b, " 至 ");
			date_text(b, p->period_end);
		}
	}
	H(b, "</p>");
	if (pp->notice)
		page_notice(r, pp->notice);
	if (p->withdrawn_at) {
		H(b, "<div class=\"withdrawn\" role=\"note\"><p><strong>本条已于 ");
		h_time(b, p->withdrawn_at);
		H(b, " 撤回。</strong>理由:");
		h_text(b, p->withdraw_reason);
		H(b, "(撤回记录第 ");
		h_int(b, p->withdraw_leaf);
		H(b, " 条)</p>");
		if (p->closes_objections)
			H(b, "<p>撤回时本条仍在公示期内:撤回同时结束公示,不再受理异议;已提出的异议仍会答复。</p>");
		H(b, "</div>");
	}
	if (p->corrected_by) {
		H(b, "<div class=\"corrected\" role=\"note\"><p>本条已被更正,<a href=\"");
		base(b, r);
		H(b, "/board/");
		h_int(b, p->corrected_by);
		H(b, "\">查看更正后的版本</a>。原内容保留如下。</p></div>");
	}
	if (p->replaces_id) {
		H(b, "<div class=\"corrected\" role=\"note\"><p>这是对<a href=\"");
		base(b, r);
		H(b, "/board/");
		h_int(b, p->replaces_id);
		H(b, "\">《");
		h_text(b, pp->replaced.title);
		H(b, "》</a>的更正。更正理由:");
		h_text(b, p->correction_reason);
		H(b, "</p></div>");
	}
	H(b, "<div class=\"body\">");
	h_markdown(b, p->body);
	H(b, "</div>");
	dview_attachments(r, p->id, pp->attachments, pp->nattachments);
	if (p->personal_data && pp->nrecipients) {
		H(b, "<section><h2>名单</h2><p class=\"hint\">按《个人信息保护法》只公开必要信息,并作脱敏处理。</p>");
		dview_recipients(b, pp->recipients, pp->nrecipients, recipient_cols_from(p->public_columns), 0);
		if (req_has_role(r, ROLES_STAFF)) {
			H(b, "<p><a href=\"");
			base(b, r);
			H(b, "/admin/board/");
			h_int(b, p->id);
			H(b, "/recipients\">查看完整名单(将记入审计日志)</a></p>");
		}
		H(b, "</section>");
	}
	thread_list(r, pp);
	objection_form(r, pp);
	H(b, "<section class=\"record\"><h2>公开记录</h2><p>本条为本社区公开记录第 <strong>");
	h_int(b, p->leaf_index);
	H(b, "</strong> 条,记录哈希 <code>");
	h_text(b, p->leaf_hash);
	H(b, "</code>。<a href=\"");
	base(b, r);
	H(b, "/log/leaf/");
	h_int(b, p->leaf_index);
	H(b, "\">原始记录</a> · <a href=\"");
	base(b, r);
	H(b, "/log/proof/inclusion?index=");
	h_int(b, p->leaf_index);
	H(b, "\">包含证明</a> · <a href=\"");
	base(b, r);
	H(b, "/log/checkpoint\">当前检查点</a></p><p>上墙海报:<a href=\"");
	base(b, r);
	H(b, "/board/");
	h_int(b, p->id);
	H(b, "/poster.pdf\">A4</a> · <a href=\"");
	base(b, r);
	H(b, "/board/");
	h_int(b, p->id);
	H(b, "/poster.pdf?paper=a3\">A3</a></p></section></article>");
	page_end(r);
}

static const char *channel_label(const char *ch, struct arena *a)
{
	struct buf t;
	buf_init(&t, 256);
	if (strstr(ch, "wall"))
		buf_puts(&t, "公开栏上墙 ");
	if (strstr(ch, "web"))
		buf_puts(&t, "网站 ");
	if (strstr(ch, "meeting"))
		buf_puts(&t, "会议 ");
	char *s = arena_strdup(a, t.data ? t.data : "");
	buf_free(&t);
	return s;
}

void dview_catalogue(struct req *r, const struct disclosure_item *it, size_t n)
{
	struct buf *b = r->out;
	page_begin(r, "公开目录");
	H(b, "<h1>党务居务公开目录</h1><p>导出:<a href=\"");
	base(b, r);
	H(b, "/board/catalogue.xlsx\">Excel</a> · <a href=\"");
	base(b, r);
	H(b, "/board/catalogue.csv\">CSV</a></p><div class=\"wide\"><table class=\"catalogue\"><thead><tr><th scope=\"col\">类别</th>"
	     "<th scope=\"col\">事项</th><th scope=\"col\">公开内容要素</th><th scope=\"col\">依据</th>"
	     "<th scope=\"col\">时限</th><th scope=\"col\">主体</th><th scope=\"col\">渠道载体</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		H(b, "<tr><td>");
		h_text(b, disclosure_category_label(it[i].category));
		H(b, "</td><td><a href=\"");
		base(b, r);
		H(b, "/board/?item=");
		h_int(b, it[i].id);
		H(b, "\">");
		h_text(b, it[i].title);
		H(b, "</a></td><td>");
		h_text(b, it[i].content);
		H(b, "</td><td>");
		h_text(b, it[i].basis);
		H(b, "</td><td>");
		h_text(b, disclosure_freq_label(it[i].freq));
		if (it[i].notice_days) {
			H(b, ",公示 ");
			h_int(b, it[i].notice_days);
			H(b, " 天");
		}
		H(b, "</td><td>");
		h_text(b, it[i].responsible);
		H(b, "</td><td>");
		h_text(b, channel_label(it[i].channels, r->a));
		H(b, "</td></tr>");
	}
	H(b, "</tbody></table></div>");
	page_end(r);
}

void dview_due(struct req *r, const struct disclosure_item *it, size_t n)
{
	struct buf *b = r->out;
	page_begin(r, "公开到期情况");
	H(b, "<h1>公开到期情况</h1><p class=\"lead\">按公开目录的时限,从上次发布起算。</p><table><thead><tr>"
	     "<th scope=\"col\">事项</th><th scope=\"col\">时限</th><th scope=\"col\">上次发布</th><th scope=\"col\">状态</th>"
	     "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		struct ymd due = {0, 1, 1};
		enum disclosure_due d = disclosure_due_state(it[i].freq, it[i].last_published, it[i].created_at, r->now, &due);
		H(b, "<tr><td>");
		h_text(b, it[i].title);
		H(b, "</td><td>");
		h_text(b, disclosure_freq_label(it[i].freq));
		H(b, "</td><td>");
		if (it[i].last_published)
			date_text(b, it[i].last_published);
		else
			H(b, "从未发布");
		H(b, "</td><td>");
		dview_due_badge(b, d, due);
		H(b, "</td></tr>");
	}
	H(b, "</tbody></table>");
	page_end(r);
}

/* The safeguards in force and every change of them, as the public record says it. */
static void settings_section(struct req *r, const struct supervisors_page *s)
{
	struct buf *b = r->out;
	H(b, "<section id=\"settings\"><h2>公开栏设置</h2><ul><li>双人审核:");
	h_text(b, s->settings.two_person ? "已开启(发布和撤回都须两名工作人员)" : "未开启");
	H(b, "</li><li>异议先审后显示:");
	h_text(b, s->settings.review_objections ? "已开启" : "未开启");
	H(b, "</li><li>审核中屏蔽的异议:");
	h_int(b, s->rejected);
	H(b, " 条</li></ul>");
	if (!s->nchanges) {
		H(b, "<p>设置从未变更。</p></section>");
		return;
	}
	H(b, "<div class=\"wide\"><table><caption>设置变更(每一次都记入公开记录)</caption><thead><tr>"
	     "<th scope=\"col\">时间</th><th scope=\"col\">变更</th><th scope=\"col\">申请 / 批准</th>"
	     "<th scope=\"col\">理由</th><th scope=\"col\">记录</th></tr></thead><tbody>");
	for (size_t i = 0; i < s->nchanges; i++) {
		const struct disclosure_setting_change *c = &s->changes[i];
		H(b, "<tr><td>");
		h_time(b, c->changed_at);
		H(b, "</td><td>");
		h_text(b, c->value ? "开启" : "关闭");
		h_text(b, disclosure_setting_label(c->setting));
		H(b, "</td><td>");
		h_text(b, role_label(role_from_name(c->requested_role)));
		H(b, " 申请");
		if (c->approved_by) {
			H(b, ",");
			h_text(b, role_label(role_from_name(c->approved_role)));
			H(b, " 批准");
		}
		H(b, "</td><td>");
		h_text(b, c->reason);
		H(b, "</td><td><a href=\"");
		base(b, r);
		H(b, "/log/leaf/");
		h_int(b, c->leaf_index);
		H(b, "\">第 ");
		h_int(b, c->leaf_index);
		H(b, " 条</a></td></tr>");
	}
	H(b, "</tbody></table></div></section>");
}

void dview_supervisors(struct req *r, const struct supervisors_page *s)
{
	struct buf *b = r->out;
	page_begin(r, "监督小组");
	H(b, "<h1>党务居务公开监督小组</h1>");
	if (s->notice)
		page_notice(r, s->notice);
	H(b, "<section><h2>监督员</h2>");
	if (!s->nmembers)
		H(b, "<p>尚未聘请监督员。</p>");
	H(b, "<ul>");
	for (size_t i = 0; i < s->nmembers; i++) {
		H(b, "<li>");
		h_text(b, s->members[i].display_name);
		H(b, "(聘任于 ");
		date_text(b, s->members[i].granted_at);
		H(b, ")</li>");
	}
	H(b, "</ul></section><section><h2>核验公开记录</h2><p>本社区的每一条公开内容都按 RFC 6962 记入默克尔树,"
	     "检查点由平台密钥签名(C2SP signed note)。任何人都可以用下面的公钥核验:</p><pre class=\"key\">");
	h_text(b, s->vkey);
	H(b, "</pre>");
	if (s->has_head) {
		H(b, "<p>当前检查点(共 ");
		h_int(b, s->head.size);
		H(b, " 条记录):</p><pre class=\"checkpoint\">");
		h_text(b, s->head.note);
		H(b, "</pre>");
	}
	H(b, "<p><a href=\"");
	base(b, r);
	H(b, "/log/checkpoint\">检查点</a> · <a href=\"");
	base(b, r);
	H(b, "/log/key\">公钥</a> · 用命令 <code>shequ verify --url</code> 从外部核验整个记录。</p></section>");
	settings_section(r, s);
	H(b, "<section><h2>监督意见</h2>");
	if (!s->nopinions)
		H(b, "<p>暂无监督意见。</p>");
	H(b, "<ol class=\"threads\">");
	for (size_t i = 0; i < s->nopinions; i++)
		thread_item(r, &s->opinions[i], 1);
	H(b, "</ol></section>");
	if (req_has_role(r, ROLE_BIT(ROLE_SUPERVISOR))) {
		H(b, "<section><h2>提出监督意见</h2>");
		form_error_summary(r, s->errs, 2);
		form_begin(r, arena_printf(r->a, "/c/%s/supervisors/opinion", r->community->slug));
		H(b, "<div class=\"field\"><label for=\"f-target\">针对</label><select id=\"f-target\" name=\"target\">"
		     "<option value=\"\">总体意见</option><optgroup label=\"公开内容\">");
		for (size_t i = 0; i < s->nposts; i++) {
			H(b, "<option value=\"post:");
			h_int(b, s->posts[i].id);
			H(b, "\">");
			h_text(b, s->posts[i].title);
			H(b, "</option>");
		}
		H(b, "</optgroup><optgroup label=\"应公开而未公开的事项\">");
		for (size_t i = 0; i < s->nitems; i++) {
			H(b, "<option value=\"item:");
			h_int(b, s->items[i].id);
			H(b, "\">");
			h_text(b, s->items[i].title);
			H(b, "</option>");
		}
		H(b, "</optgroup></select></div>");
		form_textarea(r, "body", "意见内容", s->vals[1], s->errs[1], 1);
		form_submit(r, "提交监督意见");
		form_end(r);
		H(b, "<p><a href=\"");
		base(b, r);
		H(b, "/log/cosign\">见证签名:核对并联署当前检查点</a></p></section>");
	}
	page_end(r);
}

/* XML text: the same five escapes as HTML text. */
void dview_feed(struct req *r, const struct disclosure_post *posts, size_t n, const char *site)
{
	struct buf *b = r->out;
	char when[32];
	H(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>");
	h_text(b, r->community->name);
	H(b, " 党务居务公开</title><id>");
	h_text(b, site);
	H(b, "/c/");
	h_url(b, r->community->slug);
	H(b, "/board/</id><link rel=\"alternate\" href=\"");
	h_attr(b, site);
	H(b, "/c/");
	h_url(b, r->community->slug);
	H(b, "/board/\"/><link rel=\"self\" href=\"");
	h_attr(b, site);
	H(b, "/c/");
	h_url(b, r->community->slug);
	H(b, "/board/feed.atom\"/><updated>");
	clock_format_iso_utc(n ? posts[0].published_at : r->now, when, sizeof when);
	h_text(b, when);
	H(b, "</updated>");
	for (size_t i = 0; i < n; i++) {
		const struct disclosure_post *p = &posts[i];
		H(b, "<entry><title>");
		h_text(b, p->title);
		if (p->withdrawn_at)
			H(b, "(已撤回)");
		H(b, "</title><id>");
		h_text(b, site);
		H(b, "/c/");
		h_url(b, r->community->slug);
		H(b, "/board/");
		h_int(b, p->id);
		H(b, "</id><link href=\"");
		h_attr(b, site);
		H(b, "/c/");
		h_url(b, r->community->slug);
		H(b, "/board/");
		h_int(b, p->id);
		H(b, "\"/><updated>");
		clock_format_iso_utc(p->published_at, when, sizeof when);
		h_text(b, when);
		H(b, "</updated><category term=\"");
		h_attr(b, p->item_title);
		H(b, "\"/><author><name>");
		h_text(b, r->community->name);
		H(b, "</name></author><content type=\"html\">");
		struct buf html;
		buf_init(&html, 1 << 20);
		h_markdown(&html, p->body);
		h_text(b, html.data ? html.data : "");
		buf_free(&html);
		H(b, "</content></entry>");
	}
	H(b, "</feed>\n");
	r->content_type_out = "application/atom+xml; charset=utf-8";
}
