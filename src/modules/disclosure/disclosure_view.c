/* Public pages of the disclosure board. */
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "modules/disclosure/disclosure_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

void disclosure_view_post_state(struct buf *b, const struct disclosure_post *p, int64_t now)
{
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

/* The board's filters: the last three years, then every catalogue item. */
static void item_filter(struct req *r, const struct board_page *bp)
{
	int this_year = date_from_time(r->now).y;
	struct form_option years[3], *items = arena_alloc(r->a, (bp->nitems + 1) * sizeof *items);
	for (int i = 0; i < 3; i++)
		years[i] = (struct form_option){arena_printf(r->a, "%d", this_year - i),
						arena_printf(r->a, "%d 年", this_year - i), NULL};
	filter_links(r, "按年份筛选", "year", "全部年份", years, 3);
	for (size_t i = 0; items && i < bp->nitems; i++)
		items[i] = (struct form_option){arena_printf(r->a, "%lld", (long long)bp->items[i].id),
						bp->items[i].title, NULL};
	filter_links(r, "按公开事项筛选", "item", "全部事项", items, items ? bp->nitems : 0);
}

void disclosure_view_board(struct req *r, const struct board_page *bp)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "党务居务公开栏");
	H(b, "<h1>党务居务公开栏</h1><p class=\"lead\">每一条公开内容都记入本社区的防篡改公开记录(第 ");
	h_int(b, bp->log_size);
	H(b, " 条)。");
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
		disclosure_view_post_state(b, p, r->now);
		H(b, "<div class=\"meta\"><span>");
		h_text(b, p->item_title);
		H(b, "</span> · 发布于 ");
		h_time(b, p->published_at);
		H(b, " · 记录第 ");
		h_int(b, p->leaf_index);
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
	disclosure_view_post_state(b, p, r->now);
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
	h_int(b, p->leaf_index);
	H(b, "</strong> 条,记录哈希 <code>");
	h_text(b, p->leaf_hash);
	H(b, "</code>。<a href=\"");
	h_clink_id(b, slug, "/log/leaf/", p->leaf_index, NULL);
	H(b, "\">原始记录</a> · <a href=\"");
	h_clink_id(b, slug, "/log/proof/inclusion?index=", p->leaf_index, NULL);
	H(b, "\">包含证明</a> · ");
	h_clink_a(b, slug, "/log/checkpoint", "当前检查点");
	H(b, "</p><p>上墙海报:<a href=\"");
	h_clink_id(b, slug, "/board/", p->id, "/poster.pdf");
	H(b, "\">A4</a> · <a href=\"");
	h_clink_id(b, slug, "/board/", p->id, "/poster.pdf?paper=a3");
	H(b, "\">A3</a></p></section></article>");
	page_end(r);
}

/* The channels ("wall,web") in words: "公开栏上墙 网站". */
static const char *channel_label(const char *ch, struct arena *a)
{
	static const char *const names[] = {"wall", "web", "meeting"};
	static const char *const words[] = {"公开栏上墙", "网站", "会议"};
	const char *s = "";
	for (size_t i = 0; i < 3; i++)
		if (strstr(ch, names[i]))
			s = arena_printf(a, "%s%s%s", s, *s ? " " : "", words[i]);
	return s;
}

/* The catalogue as the page shows it and as it is exported. */
static const struct tcol catalogue_cols[] = {
    {"类别", 0, NULL}, {"事项", 0, NULL},     {"公开内容要素", 0, NULL},
    {"依据", 0, NULL}, {"时限", 0, NULL},     {"公示天数", TCOL_NUM | TCOL_EXPORT, NULL},
    {"主体", 0, NULL}, {"渠道载体", 0, NULL}, {"上次发布", TCOL_EXPORT, NULL},
};
#define CATALOGUE_NCOLS ((int)(sizeof catalogue_cols / sizeof *catalogue_cols))

static void catalogue_rows(struct table *t, struct req *r, const struct disclosure_item *it, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_text(t, disclosure_category_label(it[i].category));
		table_link(t, url_c_id(r->a, r->community->slug, "/board/?item=", it[i].id, NULL),
			   it[i].title);
		table_text(t, it[i].content);
		table_text(t, it[i].basis);
		/* The page says the notice period with the frequency; the export has a column for it. */
		struct buf *c = table_cell(t, disclosure_freq_label(it[i].freq));
		if (c) {
			h_text(c, disclosure_freq_label(it[i].freq));
			if (it[i].notice_days) {
				H(c, ",公示 ");
				h_int(c, it[i].notice_days);
				H(c, " 天");
			}
		}
		table_cell_end(t);
		table_int(t, it[i].notice_days);
		table_text(t, it[i].responsible);
		table_text(t, channel_label(it[i].channels, r->a));
		if (it[i].last_published)
			table_date(t, it[i].last_published);
		else
			table_text(t, "从未发布");
	}
}

void disclosure_view_catalogue(struct req *r, const struct disclosure_item *it, size_t n)
{
	struct buf *b = r->out;
	struct table t;
	page_begin(r, "公开目录");
	H(b, "<h1>党务居务公开目录</h1>");
	export_links(r, NULL);
	table_begin(&t, b, "catalogue", "公开目录", catalogue_cols, CATALOGUE_NCOLS, TABLE_WIDE | TABLE_CARDS,
		    NULL);
	catalogue_rows(&t, r, it, n);
	table_end(&t);
	page_end(r);
}

int disclosure_view_catalogue_export(struct req *r, const struct disclosure_item *it, size_t n, struct export_table *x)
{
	struct table t;
	if (table_begin_export(&t, r->a, x, arena_printf(r->a, "%s公开目录", r->community->name),
			       catalogue_cols, CATALOGUE_NCOLS) < 0)
		return -1;
	catalogue_rows(&t, r, it, n);
	return table_end(&t);
}

void disclosure_view_due(struct req *r, const struct disclosure_item *it, size_t n)
{
	static const struct tcol cols[] = {
	    {"事项", TCOL_ROWHEAD, NULL}, {"时限", 0, NULL}, {"上次发布", 0, NULL}, {"状态", 0, NULL}};
	struct buf *b = r->out;
	struct table t;
	page_begin(r, "公开到期情况");
	H(b, "<h1>公开到期情况</h1><p class=\"lead\">按公开目录的时限,从上次发布起算。</p>");
	table_begin(&t, b, NULL, "公开到期情况", cols, 4, TABLE_CARDS, NULL);
	for (size_t i = 0; i < n; i++) {
		struct ymd due = {0, 1, 1};
		enum disclosure_due d = disclosure_due_state(it[i].freq, it[i].last_published, it[i].created_at, r->now, &due);
		table_tr(&t, NULL);
		table_text(&t, it[i].title);
		table_text(&t, disclosure_freq_label(it[i].freq));
		if (it[i].last_published)
			table_date(&t, it[i].last_published);
		else
			table_text(&t, "从未发布");
		struct buf *c = table_cell(&t, NULL);
		if (c)
			disclosure_view_due_badge(c, d, due);
		table_cell_end(&t);
	}
	table_end(&t);
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
	/* A plain scrolling table, not cards: the workflow tests read these cells verbatim. */
	static const struct tcol cols[] = {{"时间", 0, NULL},
					   {"变更", 0, NULL},
					   {"申请 / 批准", 0, NULL},
					   {"理由", 0, NULL},
					   {"记录", 0, NULL}};
	struct table t;
	table_begin(&t, b, NULL, "设置变更(每一次都记入公开记录)", cols, 5, TABLE_WIDE | TABLE_CAPTION, NULL);
	for (size_t i = 0; i < s->nchanges; i++) {
		const struct disclosure_setting_change *c = &s->changes[i];
		table_tr(&t, NULL);
		table_time(&t, c->changed_at);
		table_text(&t, arena_printf(r->a, "%s%s", c->value ? "开启" : "关闭",
					    disclosure_setting_label(c->setting)));
		struct buf *cell = table_cell(&t, NULL);
		if (cell) {
			h_text(cell, role_label(role_from_name(c->requested_role)));
			H(cell, " 申请");
			if (c->approved_by) {
				H(cell, ",");
				h_text(cell, role_label(role_from_name(c->approved_role)));
				H(cell, " 批准");
			}
		}
		table_cell_end(&t);
		table_text(&t, c->reason);
		table_link(&t, url_c_id(r->a, r->community->slug, "/log/leaf/", c->leaf_index, NULL),
			   arena_printf(r->a, "第 %lld 条", (long long)c->leaf_index));
	}
	table_end(&t);
	H(b, "</section>");
}

void disclosure_view_supervisors(struct req *r, const struct supervisors_page *s)
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
		h_date(b, s->members[i].granted_at);
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
	H(b, "<p>");
	h_clink_a(b, r->community->slug, "/log/checkpoint", "检查点");
	H(b, " · ");
	h_clink_a(b, r->community->slug, "/log/key", "公钥");
	H(b, " · 用命令 <code>shequ verify --url</code> 从外部核验整个记录。</p></section>");
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
		form_begin(r, url_c(r->a, r->community->slug, "/supervisors/opinion"));
		/* 总体意见, then the posts, then the items that should have been published. */
		struct form_option *o = arena_alloc(r->a, (1 + s->nposts + s->nitems) * sizeof *o);
		size_t n = 0;
		if (o) {
			o[n++] = (struct form_option){"", "总体意见", NULL};
			for (size_t i = 0; i < s->nposts; i++)
				o[n++] = (struct form_option){
				    arena_printf(r->a, "post:%lld", (long long)s->posts[i].id),
				    s->posts[i].title, "公开内容"};
			for (size_t i = 0; i < s->nitems; i++)
				o[n++] = (struct form_option){
				    arena_printf(r->a, "item:%lld", (long long)s->items[i].id),
				    s->items[i].title, "应公开而未公开的事项"};
		}
		form_select(r,
			    &(struct form_field){
				.name = "target", .label = "针对", .value = s->vals[0], .error = s->errs[0]},
			    o, n);
		form_textarea(r, "body", "意见内容", s->vals[1], s->errs[1], 1);
		form_submit(r, "提交监督意见");
		form_end(r);
		H(b, "<p>");
		h_clink_a(b, r->community->slug, "/log/cosign", "见证签名:核对并联署当前检查点");
		H(b, "</p></section>");
	}
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
