/* The supervisors' page: who they are, their opinions and the board's
 * answers, the settings and their public history, and how to check the
 * public record. */
#include <string.h>

#include "core/clock.h"
#include "modules/disclosure/disclosure_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

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
			   arena_printf(r->a, "第 %lld 条", (long long)disclosure_record_no(c->leaf_index)));
	}
	table_end(&t);
	H(b, "</section>");
}

/* How anyone can tell that nothing was changed: in plain words first, then
 * the technical details folded away for those who check with a program. */
static void verify_section(struct req *r, const struct supervisors_page *s)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	H(b, "<section id=\"verify\"><h2>公开记录有没有被改动过</h2>"
	     "<p>本社区在平台上发布的每一条公开内容,以及每一次撤回、更正和对异议的答复,都按先后顺序记入一份"
	     "<strong>只能往后添加、不能修改或删除</strong>的公开记录。");
	if (s->has_head) {
		H(b, "目前共 <strong>");
		h_int(b, s->head.size);
		H(b, "</strong> 条记录,平台最近一次确认是在 ");
		h_time(b, s->head.at);
		H(b, "。");
	} else {
		H(b, "本社区还没有公开记录。");
	}
	H(b, "</p><p><strong>核对了什么:</strong>每次有新内容,平台都为整份记录盖一个“电子印章”(检查点)。"
	     "监督员定期联署这个印章;每次联署时系统会自动比对:从您上次联署到现在,记录是否<strong>只是在后面添加了新内容,"
	     "前面的内容一字未改</strong>。公开栏海报上的核验码也可以用同样的办法核对。</p>"
	     "<p><strong>如果发现不一致:</strong>联署页或海报核对出现“✕ 不一致”时,请不要自行处理。"
	     "请保留海报、截图或页面地址,向街道党务居务公开监督部门反映,由技术人员用下面的方法核验。</p>");
	if (req_has_role(r, ROLE_BIT(ROLE_SUPERVISOR))) {
		H(b, "<p>");
		h_clink_a(b, slug, "/log/cosign", "去核对并联署当前记录");
		H(b, "</p>");
	}
	H(b, "<details><summary>技术细节(供技术人员核验)</summary><p>记录按 RFC 6962 组成默克尔树,"
	     "检查点由平台密钥签名(C2SP signed note)。平台公钥:</p><pre class=\"key\">");
	h_text(b, s->vkey);
	H(b, "</pre>");
	if (s->has_head) {
		H(b, "<p>当前检查点(共 ");
		h_int(b, s->head.size);
		H(b, " 条记录):</p><pre class=\"checkpoint\">");
		h_text(b, s->head.note);
		H(b, "</pre>");
	}
	H(b, "<p>从外部核验整个记录的命令:</p><pre>shequ verify --url ");
	h_text(b, r->app->public_url ? r->app->public_url : "");
	H(b, "/c/");
	h_text(b, slug);
	H(b, "/</pre></details></section>");
}

/* Links for programs, kept out of the reading path and named as such. */
static void data_links(struct req *r)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	H(b, "<section class=\"data-links\"><h2>数据接口</h2><p class=\"hint\">供程序读取的原始数据,不是给人阅读的页面:</p><p>");
	h_clink_a(b, slug, "/log/checkpoint", "检查点(文本)");
	H(b, " · ");
	h_clink_a(b, slug, "/log/key", "平台公钥(文本)");
	H(b, " · ");
	h_clink_a(b, slug, "/board/feed.atom", "公开内容订阅(Atom)");
	H(b, "</p></section>");
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
		const struct supervisor_term *t = s->terms ? &s->terms[i] : NULL;
		H(b, "<li>");
		h_text(b, s->members[i].display_name);
		H(b, "(聘任于 ");
		if (t && t->appointed_on)
			h_text(b, t->appointed_on);
		else
			h_date(b, s->members[i].granted_at);
		if (t && t->term_end && *t->term_end) {
			H(b, ",任期至 ");
			h_text(b, t->term_end);
		}
		H(b, ")</li>");
	}
	H(b, "</ul></section>");
	verify_section(r, s);
	settings_section(r, s);
	H(b, "<section><h2>监督意见</h2>");
	if (!s->nopinions)
		H(b, "<p>暂无监督意见。</p>");
	H(b, "<ol class=\"threads\">");
	for (size_t i = 0; i < s->nopinions; i++)
		disclosure_view_thread_item(r, &s->opinions[i], 1);
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
		h_clink_a(b, r->community->slug, "/log/cosign", "核对并联署当前记录");
		H(b, "</p></section>");
	}
	data_links(r);
	page_end(r);
}
