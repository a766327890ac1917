/* Public pages of the disclosure board. */
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "modules/disclosure/disclosure_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

void disclosure_view_post_state(struct req *r, const struct disclosure_post *p)
{
	struct buf *b = r->out;
	int64_t now = r->now;
	/* The 公示 tag comes and goes with the clock. */
	if (!p->withdrawn_at && p->notice_days > 0 && p->notice_start) {
		req_valid_until(r, p->notice_start);
		req_valid_until(r, disclosure_notice_end(p));
	}
	if (p->withdrawn_at)
		H(b, "<span class=\"tag tag-withdrawn\">已撤回</span>");
	else if (p->corrected_by)
		H(b, "<span class=\"tag tag-old\">已更正</span>");
	if (p->replaces_id)
		H(b, "<span class=\"tag\">更正版</span>");
	if (!p->withdrawn_at && disclosure_notice_open(p, now)) {
		H(b, "<span class=\"tag tag-open\">公示中,至 ");
		h_date(b, disclosure_notice_end(p) - 1);
		H(b, "</span>");
	}
}

void disclosure_view_due_badge(struct buf *b, enum disclosure_due d, struct ymd due)
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

/* v in decimal, then suffix, in the arena (the board prints one per
 * filter link, so no format is parsed). NULL when the arena is spent. */
static const char *decimal(struct arena *a, int64_t v, const char *suffix)
{
	struct buf t;
	buf_init(&t, 64);
	buf_int(&t, v);
	buf_puts(&t, suffix);
	const char *s = t.err ? NULL : arena_strndup(a, t.data, t.len);
	buf_free(&t);
	return s;
}

/* The board's filters: the years that have posts (none when there is only
 * one: nothing to choose), then every catalogue item. */
static void item_filter(struct req *r, const struct board_page *bp)
{
	struct form_option years[BOARD_YEARS], *items = arena_alloc(r->a, (bp->nitems + 1) * sizeof *items);
	for (size_t i = 0; i < bp->nyears; i++)
		years[i] = (struct form_option){decimal(r->a, bp->years[i], ""), decimal(r->a, bp->years[i], " 年"), NULL};
	if (bp->nyears > 1 || bp->year)
		filter_links(r, "按年份筛选", "year", "全部年份", years, bp->nyears);
	for (size_t i = 0; items && i < bp->nitems; i++)
		items[i] = (struct form_option){decimal(r->a, bp->items[i].id, ""), bp->items[i].title, NULL};
	filter_links(r, "按公开事项筛选", "item", "全部事项", items, items ? bp->nitems : 0);
}

void disclosure_view_board(struct req *r, const struct board_page *bp)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "党务居务公开栏");
	H(b, "<h1>党务居务公开栏</h1><p class=\"lead\">每一条公开内容都记入本社区的防篡改公开记录,共 ");
	h_int(b, bp->log_size);
	H(b, " 条记录。");
	h_clink_a(b, slug, "/board/catalogue", "公开目录");
	H(b, " · ");
	h_clink_a(b, slug, "/board/due", "到期情况");
	H(b, " · ");
	h_clink_a(b, slug, "/supervisors", "监督小组与核验");
	H(b, " · ");
	h_clink_a(b, slug, "/board/feed.atom", "订阅");
	H(b, " · ");
	h_clink_a(b, slug, "/board/poster.pdf", "上墙海报(A4)");
	H(b, "</p>");
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
		h_clink_id(b, slug, "/board/", p->id, NULL);
		H(b, "\">");
		h_text(b, p->title);
		H(b, "</a> ");
		disclosure_view_post_state(r, p);
		H(b, "<div class=\"meta\"><span>");
		h_text(b, p->item_title);
		H(b, "</span> · 发布于 ");
		h_time(b, p->published_at);
		H(b, " · 记录第 ");
		h_int(b, disclosure_record_no(p->leaf_index));
		H(b, " 条</div></li>");
	}
	H(b, "</ol>");
	page_pager(r, bp->page, bp->has_next);
	page_end(r);
}

/* The recipient columns shown: every one (full), or those in cols. */
static int recipient_shown(unsigned cols, int full, int c)
{
	return full || (cols & (1u << c));
}

/* The columns of a recipient table: 序号, then the shown ones. Returns how many. */
static int recipient_cols(struct tcol *out, unsigned cols, int full)
{
	int n = 0;
	out[n++] = (struct tcol){"序号", TCOL_NUM, NULL};
	for (int c = 0; c < RCOL__MAX; c++)
		if (recipient_shown(cols, full, c))
			out[n++] = (struct tcol){disclosure_recipient_col_label((enum recipient_col)c),
						 c == RCOL_HOUSEHOLD || c == RCOL_AMOUNT ? TCOL_NUM : 0,
						 c == RCOL_AMOUNT ? "金额(元)" : NULL};
	return n;
}

/* The rows of a recipient table, on a page or into an export. */
static void recipient_rows(struct table *t, const struct disclosure_recipient *r, size_t n, unsigned cols,
			   int full)
{
	for (size_t i = 0; i < n; i++) {
		const struct recipient_text *x = full ? &r[i].full : &r[i].masked;
		table_tr(t, NULL);
		table_int(t, r[i].row);
		for (int c = 0; c < RCOL__MAX; c++) {
			if (!recipient_shown(cols, full, c))
				continue;
			switch ((enum recipient_col)c) {
			case RCOL_NAME:
				table_text(t, x->name);
				break;
			case RCOL_ID:
				table_text(t, x->id_number);
				break;
			case RCOL_PHONE:
				table_text(t, x->phone);
				break;
			case RCOL_ADDRESS:
				table_text(t, x->address);
				break;
			case RCOL_HOUSEHOLD:
				table_int(t, r[i].household_size);
				break;
			case RCOL_AMOUNT:
				table_money(t, r[i].amount_fen);
				break;
			case RCOL_NOTE:
				table_text(t, x->note);
				break;
			case RCOL__MAX:
				break;
			}
		}
	}
}

void disclosure_view_recipients(struct buf *b, const struct disclosure_recipient *r, size_t n, unsigned cols, int full)
{
	struct tcol tc[1 + RCOL__MAX];
	struct table t;
	table_begin(&t, b, "recipients", "名单", tc, recipient_cols(tc, cols, full), TABLE_WIDE | TABLE_CARDS,
		    NULL);
	recipient_rows(&t, r, n, cols, full);
	table_end(&t);
	int64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += r[i].amount_fen;
	H(b, "<p>共 ");
	h_int(b, (int64_t)n);
	H(b, " 户");
	if (recipient_shown(cols, full, RCOL_AMOUNT)) {
		H(b, ",合计 ");
		h_money(b, total);
	}
	H(b, "。</p>");
}

int disclosure_view_recipients_export(struct arena *a, struct export_table *x, const char *title,
			    const struct disclosure_recipient *r, size_t n)
{
	struct tcol tc[1 + RCOL__MAX];
	struct table t;
	if (table_begin_export(&t, a, x, title, tc, recipient_cols(tc, 0, 1)) < 0)
		return -1;
	recipient_rows(&t, r, n, 0, 1);
	return table_end(&t);
}

void disclosure_view_attachments(struct req *r, int64_t post_id, const struct disclosure_attachment *a, size_t n)
{
	struct buf *b = r->out;
	if (!n)
		return;
	H(b, "<section><h2>附件</h2><ul class=\"files\">");
	for (size_t i = 0; i < n; i++) {
		H(b, "<li><a href=\"");
		h_clink_id(b, r->community->slug, "/board/", post_id, "/file/");
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
void disclosure_view_thread_item(struct req *r, const struct disclosure_thread *t, int context)
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
		h_int(b, disclosure_record_no(t->answer_leaf));
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
			disclosure_view_thread_item(r, &p->threads[i], 0);
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
	if (!p->objection_form) {
		req_valid_until(r, disclosure_notice_end(post));
		H(b, "<p><a class=\"button\" href=\"");
		h_attr(b, url_c_id(r->a, r->community->slug, "/board/", post->id, "/objection#objection"));
		H(b, "\">提出异议</a></p></section>");
		return;
	}
	form_error_summary(r, p->objection_errs, 2);
	form_refusal(r, p->objection_refusal);
	/* A refused form opens at this section, its errors in view. */
	form_begin(r, url_c_id(r->a, r->community->slug, "/board/", post->id, "/objection#objection"));
	form_textarea(r, "body", "异议内容", p->objection_vals[0], p->objection_errs[0], 1);
	if (!r->user)
		form_input(r, "phone", "联系电话(仅供社区回访,不公开)", "tel", p->objection_vals[1], p->objection_errs[1], 1,
			   "tel");
	form_submit(r, "提交异议");
	form_end(r);
	H(b, "</section>");
}

void disclosure_view_post(struct req *r, const struct post_page *pp)
{
	struct buf *b = r->out;
	const struct disclosure_post *p = &pp->post;
	const char *slug = r->community->slug;
	page_begin(r, p->title);
	H(b, "<article class=\"post\"><p class=\"crumbs\">");
	h_clink_a(b, slug, "/board/", "公开栏");
	H(b, " › <a href=\"");
	h_clink_id(b, slug, "/board/?item=", p->item_id, NULL);
	H(b, "\">");
	h_text(b, p->item_title);
	H(b, "</a></p><h1>");
	h_text(b, p->title);
	H(b, "</h1><p class=\"meta\">");
	disclosure_view_post_state(r, p);
	H(b, " 发布于 ");
	h_time(b, p->published_at);
	if (p->period_start) {
		H(b, " · 所属期间 ");
		h_date(b, p->period_start);
		if (p->period_end) {
			H(b, " 至 ");
			h_date(b, p->period_end);
		}
	}
	H(b, "</p>");
	/* Staff of this community get the way to correct or withdraw it (a page
	 * with a session is never kept by the cache, so others never see it). */
	if (r->user && req_has_role(r, ROLES_STAFF)) {
		H(b, "<p class=\"actions\"><a class=\"button\" href=\"");
		h_clink_id(b, slug, "/admin/board/", p->id, NULL);
		H(b, "\">管理(更正或撤回)</a></p>");
	}
	if (pp->notice)
		page_notice(r, pp->notice);
	if (p->withdrawn_at) {
		H(b, "<div class=\"withdrawn\" role=\"note\"><p><strong>本条已于 ");
		h_time(b, p->withdrawn_at);
		H(b, " 撤回。</strong>理由:");
		h_text(b, p->withdraw_reason);
		H(b, "(撤回记录第 ");
		h_int(b, disclosure_record_no(p->withdraw_leaf));
		H(b, " 条)</p>");
		if (p->closes_objections)
			H(b, "<p>撤回时本条仍在公示期内:撤回同时结束公示,不再受理异议;已提出的异议仍会答复。</p>");
		H(b, "</div>");
	}
	if (p->corrected_by) {
		H(b, "<div class=\"corrected\" role=\"note\"><p>本条已被更正,<a href=\"");
		h_clink_id(b, slug, "/board/", p->corrected_by, NULL);
		H(b, "\">查看更正后的版本</a>。原内容保留如下。</p></div>");
	}
	if (p->replaces_id) {
		H(b, "<div class=\"corrected\" role=\"note\"><p>这是对<a href=\"");
		h_clink_id(b, slug, "/board/", p->replaces_id, NULL);
		H(b, "\">《");
		h_text(b, pp->replaced.title);
		H(b, "》</a>的更正。更正理由:");
		h_text(b, p->correction_reason);
		H(b, "</p></div>");
	}
	H(b, "<div class=\"body\">");
	h_markdown(b, p->body);
	H(b, "</div>");
	disclosure_view_attachments(r, p->id, pp->attachments, pp->nattachments);
	if (p->personal_data && pp->nrecipients) {
		H(b, "<section><h2>名单</h2><p class=\"hint\">按《个人信息保护法》只公开必要信息,并作脱敏处理。</p>");
		disclosure_view_recipients(b, pp->recipients, pp->nrecipients, disclosure_recipient_cols_from(p->public_columns), 0);
		if (req_has_role(r, ROLES_STAFF)) {
			H(b, "<p><a href=\"");
			h_clink_id(b, slug, "/admin/board/", p->id, "/recipients");
			H(b, "\">查看完整名单(将记入审计日志)</a></p>");
		}
		H(b, "</section>");
	}
	thread_list(r, pp);
	objection_form(r, pp);
	H(b, "<section class=\"record\"><h2>公开记录</h2><p>本条为本社区公开记录第 <strong>");
	h_int(b, disclosure_record_no(p->leaf_index));
	H(b, "</strong> 条:发布后不能修改或删除,只能更正或撤回,而更正和撤回也都记入公开记录。");
	h_clink_a(b, slug, "/supervisors#verify", "怎样核对");
	H(b, "</p><p>上墙海报:<a href=\"");
	h_clink_id(b, slug, "/board/", p->id, "/poster.pdf");
	H(b, "\">A4</a> · <a href=\"");
	h_clink_id(b, slug, "/board/", p->id, "/poster.pdf?paper=a3");
	H(b, "\">A3</a></p><details class=\"data-links\"><summary>数据接口(供程序核验)</summary><p>记录哈希 <code>");
	h_text(b, p->leaf_hash);
	H(b, "</code></p><p><a href=\"");
	h_clink_id(b, slug, "/log/leaf/", p->leaf_index, NULL);
	H(b, "\">原始记录(JSON)</a> · <a href=\"");
	h_clink_id(b, slug, "/log/proof/inclusion?index=", p->leaf_index, NULL);
	H(b, "\">包含证明(JSON)</a> · ");
	h_clink_a(b, slug, "/log/checkpoint", "当前检查点(文本)");
	H(b, "</p></details></section></article>");
	page_end(r);
}

/* XML text: the same five escapes as HTML text. */
void disclosure_view_feed(struct req *r, const struct disclosure_post *posts, size_t n, const char *site)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	char when[32];
	H(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>");
	h_text(b, r->community->name);
	/* h_clink's escaping suits XML text and attributes alike. */
	H(b, " 党务居务公开</title><id>");
	h_text(b, site);
	h_clink(b, slug, "/board/");
	H(b, "</id><link rel=\"alternate\" href=\"");
	h_attr(b, site);
	h_clink(b, slug, "/board/");
	H(b, "\"/><link rel=\"self\" href=\"");
	h_attr(b, site);
	h_clink(b, slug, "/board/feed.atom");
	H(b, "\"/><updated>");
	clock_format_iso_utc(n ? posts[0].published_at : r->now - (r->now + 8 * 3600) % 86400, when, sizeof when);
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
		h_clink_id(b, slug, "/board/", p->id, NULL);
		H(b, "</id><link href=\"");
		h_attr(b, site);
		h_clink_id(b, slug, "/board/", p->id, NULL);
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
}
