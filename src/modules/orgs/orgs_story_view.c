/* Pages of 好人好事: the public list and a story with its photos (the
 * person praised as person_shown: the name only with consent), the staff
 * list and the story form with its photos and steps. HTML only, through
 * src/web. */
#include <string.h>

#include "modules/orgs/orgs_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

const struct tcol orgs_story_cols[] = {{"标题", TCOL_ROWHEAD, NULL}, {"日期", 0, NULL}, {"表扬对象", 0, NULL},
				       {"所属组织", 0, NULL}};
const int orgs_story_ncols = (int)(sizeof orgs_story_cols / sizeof *orgs_story_cols);

void orgs_story_rows(struct table *t, struct req *r, const struct orgs_story *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_link(t, url_c_id(r->a, r->community->slug, "/volunteers/stories/", s[i].id, NULL), s[i].title);
		table_text(t, s[i].told_on);
		table_text(t, s[i].person_shown);
		table_text(t, s[i].org_name);
	}
}

void orgs_view_stories(struct req *r, const struct orgs_story_list_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "好人好事");
	H(b, "<h1>好人好事</h1><p>身边的凡人善举,社区记录下来,向他们致敬。</p>");
	struct table t;
	table_begin(&t, b, NULL, "好人好事", orgs_story_cols, orgs_story_ncols, TABLE_CARDS, "还没有发布好人好事。");
	orgs_story_rows(&t, r, p->s, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links(r, NULL);
	page_end(r);
}

/* The photos of story id as figures (alt: the story's title and number). */
static void photos(struct req *r, int64_t id, const char *title, const struct orgs_photo *ph, size_t n)
{
	struct buf *b = r->out;
	if (!n)
		return;
	H(b, "<div class=\"photos\">");
	for (size_t i = 0; i < n; i++) {
		H(b, "<figure><img loading=\"lazy\" style=\"max-width:100%;height:auto\" src=\"");
		h_clink_id(b, r->community->slug, "/volunteers/stories/", id,
			   arena_printf(r->a, "/photos/%lld", (long long)ph[i].id));
		H(b, "\" alt=\"");
		h_attr(b, arena_printf(r->a, "%s 照片 %zu", title, i + 1));
		H(b, "\"></figure>");
	}
	H(b, "</div>");
}

void orgs_view_story(struct req *r, const struct orgs_story_page *p)
{
	struct buf *b = r->out;
	const struct orgs_story *s = &p->s;
	page_begin(r, s->title);
	H(b, "<p>");
	h_clink_a(b, r->community->slug, "/volunteers/stories/", "好人好事");
	H(b, "</p><h1>");
	h_text(b, s->title);
	H(b, "</h1><p>");
	h_text(b, arena_printf(r->a, "%s · 表扬对象:%s", s->told_on, s->person_shown));
	if (s->org_id && *s->org_name) {
		H(b, " · ");
		h_clink_a(b, r->community->slug, arena_printf(r->a, "/volunteers/orgs/%lld", (long long)s->org_id),
			  s->org_name);
	}
	H(b, "</p><p>");
	h_multiline(b, s->body);
	H(b, "</p>");
	photos(r, s->id, s->title, p->photos, p->nphotos);
	page_end(r);
}

/* ---- staff ---- */

const struct tcol orgs_admin_story_cols[] = {{"标题", TCOL_ROWHEAD, NULL}, {"日期", 0, NULL}, {"表扬对象(公开显示)", 0, NULL},
					     {"所属组织", 0, NULL},	       {"状态", 0, NULL}, {"照片", TCOL_NUM, NULL},
					     {"撤回理由", TCOL_EXPORT, NULL}};
const int orgs_admin_story_ncols = (int)(sizeof orgs_admin_story_cols / sizeof *orgs_admin_story_cols);

void orgs_admin_story_rows(struct table *t, struct req *r, const struct orgs_story *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_link(t, url_c_id(r->a, r->community->slug, "/admin/orgs/stories/", s[i].id, NULL), s[i].title);
		table_text(t, s[i].told_on);
		table_text(t, s[i].person_shown);
		table_text(t, s[i].org_name);
		table_text(t, orgs_sstate_label(s[i].state));
		table_int(t, s[i].photos);
		table_text(t, s[i].withdraw_reason);
	}
}

static void crumbs(struct req *r, const char *here)
{
	struct crumb c[3] = {{"/admin/orgs/", "社区组织管理"}, {"/admin/orgs/stories/", "好人好事"}, {NULL, here}};
	page_crumbs(r, c, here ? 3 : 2);
}

void orgs_view_admin_stories(struct req *r, const struct orgs_story_list_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "好人好事管理");
	crumbs(r, NULL);
	H(b, "<h1>好人好事管理</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p><a class=\"button\" href=\"");
	h_clink(b, r->community->slug, "/admin/orgs/stories/new");
	H(b, "\">写一篇好人好事</a> ");
	h_clink_a(b, r->community->slug, "/volunteers/stories/", "公开页面");
	H(b, "</p>");
	struct table t;
	table_begin(&t, b, NULL, "好人好事", orgs_admin_story_cols, orgs_admin_story_ncols, TABLE_CARDS, "还没有好人好事。");
	orgs_admin_story_rows(&t, r, p->s, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	export_links(r, NULL);
	page_end(r);
}

void orgs_view_story_form(struct req *r, const struct orgs_story_form *f)
{
	struct buf *b = r->out;
	const struct orgs_story *s = f->editing;
	const char *slug = r->community->slug;
	const char *title = s ? arena_printf(r->a, "好人好事:%s", s->title) : "写一篇好人好事";
	page_begin(r, title);
	crumbs(r, s ? "修改" : "新写");
	H(b, "<h1>");
	h_text(b, title);
	H(b, "</h1>");
	if (f->notice)
		page_notice(r, f->notice);
	if (s) {
		H(b, "<p>");
		h_text(b, arena_printf(r->a, "状态:%s", orgs_sstate_label(s->state)));
		if (s->state == OS_WITHDRAWN)
			h_text(b, arena_printf(r->a, "(理由:%s)", s->withdraw_reason));
		H(b, "</p>");
	}
	const char *errs[SF__MAX + 1];
	memcpy(errs, f->errs, sizeof f->errs);
	errs[SF__MAX] = f->photo_err;
	form_error_summary(r, errs, SF__MAX + 1);
	form_refusal(r, f->refusal);
	if (!s || s->state != OS_WITHDRAWN) {
		form_begin_upload(r, s ? url_c_id(r->a, slug, "/admin/orgs/stories/", s->id, NULL)
				       : url_c(r->a, slug, "/admin/orgs/stories/new"));
		struct form_field t = {"title", "标题", "如 巡逻队员深夜帮迷路老人回家", f->vals[SF_TITLE], f->errs[SF_TITLE], 1,
				       NULL, NULL};
		form_field_input(r, &t, "text");
		struct form_field on = {"told_on", "日期", "如 2026-03-01 或 2026年3月1日", f->vals[SF_ON], f->errs[SF_ON], 1, NULL,
					NULL};
		form_field_input(r, &on, "text");
		const char *hint = s ? arena_printf(r->a, "现在公开显示为“%s”;不修改请留空", s->person_shown)
				     : "公开页面只显示部分姓名,除非勾选下面的同意";
		struct form_field pe = {"person", "表扬的个人或集体", hint, f->vals[SF_PERSON], f->errs[SF_PERSON], !s, "off",
					NULL};
		form_field_input(r, &pe, "text");
		struct form_field co = {"consent", "本人同意公开姓名", NULL, f->vals[SF_CONSENT], NULL, 0, NULL, NULL};
		form_checkbox(r, &co);
		struct form_option *o = arena_alloc(r->a, (f->norgs + 1) * sizeof *o);
		size_t no = 0;
		if (o) {
			o[no++] = (struct form_option){"", "不属于某个组织", NULL};
			for (size_t i = 0; i < f->norgs; i++)
				o[no++] = (struct form_option){arena_printf(r->a, "%lld", (long long)f->orgs[i].id),
							       f->orgs[i].name, NULL};
		}
		struct form_field og = {"org", "所属组织", NULL, f->vals[SF_ORG], f->errs[SF_ORG], 0, NULL, NULL};
		form_select(r, &og, o, o ? no : 0);
		struct form_field bo = {"body", "正文", "不要写手机号或身份证号", f->vals[SF_BODY], f->errs[SF_BODY], 1, NULL,
					NULL};
		form_field_textarea(r, &bo);
		struct form_field ph = {"photos", "照片", arena_printf(r->a, "PNG 或 JPEG,每张不超过 2 MB,每篇最多 %d 张",
								      ORGS_MAX_PHOTOS),
					NULL, f->photo_err, 0, NULL, NULL};
		form_file_field(r, &ph, ".png,.jpg,.jpeg", 1);
		form_submit(r, "保存");
		form_end(r);
	}
	if (s) {
		if (f->nphotos) {
			H(b, "<h2>照片</h2><div class=\"photos\">");
			for (size_t i = 0; i < f->nphotos; i++) {
				H(b, "<figure><img style=\"max-width:100%;height:auto\" src=\"");
				h_clink_id(b, slug, "/volunteers/stories/", s->id,
					   arena_printf(r->a, "/photos/%lld", (long long)f->photos[i].id));
				H(b, "\" alt=\"");
				h_attr(b, arena_printf(r->a, "照片 %zu:%s", i + 1, f->photos[i].name));
				H(b, "\"></figure>");
			}
			H(b, "</div>");
		}
		if (s->state == OS_DRAFT) {
			form_begin_confirm(r, url_c_id(r->a, slug, "/admin/orgs/stories/", s->id, "/publish"),
					   "发布后居民都能看到,确定发布吗?");
			form_submit(r, "发布");
			form_end(r);
		} else if (s->state == OS_PUBLISHED) {
			H(b, "<p>");
			h_clink_a(b, slug, arena_printf(r->a, "/volunteers/stories/%lld", (long long)s->id), "查看公开页面");
			H(b, " · ");
			h_clink_a(b, slug, arena_printf(r->a, "/admin/orgs/stories/%lld/withdraw", (long long)s->id), "撤回");
			H(b, "</p>");
		}
	}
	page_end(r);
}
