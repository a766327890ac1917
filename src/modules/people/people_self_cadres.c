/* The political registry's lighter pages: the two committees' members
 * with their duties (org's committee_member, kept on the accounts
 * module's committee page), published to the board as a draft of the
 * 两委成员职责分工 item through disclosure_draft_add; and the residents'
 * representatives (居民代表: residents with that tag), exportable. */
#include <string.h>

#include "core/buf.h"
#include "web/html.h"
#include "modules/disclosure/disclosure.h"
#include "modules/people/people_self.h"
#include "web/export.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

#define DUTIES_ITEM "duties" /* the catalogue's 两委成员职责分工 */
#define REPRESENTATIVE_TAG "居民代表"

static const struct tcol cadre_cols[] = {
    {"班子", 0, NULL},
    {"姓名", TCOL_ROWHEAD, NULL},
    {"职务", 0, NULL},
    {"职责分工", 0, NULL},
};

enum http_result people_self_h_cadres(struct req *r)
{
	struct committee_member *m;
	size_t n;
	if (org_committee_list(r->db, r->a, r->community->id, &m, &n) < 0)
		return HR_ERROR;
	struct buf *b = r->out;
	page_begin(r, "两委成员职责分工");
	H(b, "<h1>两委成员职责分工</h1>");
	const char *done = kv_get(&r->q, "done");
	if (done)
		page_notice(r, "已生成公开栏草稿,请到公开栏的草稿中核对后提交审核。");
	H(b, "<p>成员和分工在“两委成员”页面维护。发布到公开栏会生成一份“两委成员职责分工”的草稿,"
	     "经审核后公开。</p>");
	struct table t;
	table_begin(&t, b, NULL, "两委成员职责分工", cadre_cols, 4, TABLE_CARDS, "还没有登记两委成员");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_text(&t, committee_label(m[i].committee));
		table_text(&t, m[i].name);
		table_text(&t, m[i].title);
		table_text(&t, m[i].duty);
	}
	table_end(&t);
	if (n) {
		form_begin(r, url_c(r->a, r->community->slug, "/admin/people/cadres"));
		form_submit(r, "发布到公开栏");
		form_end(r);
	}
	page_end(r);
	return HR_OK;
}


enum http_result people_self_h_cadres_publish(struct req *r)
{
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	struct committee_member *m;
	size_t n;
	if (org_committee_list(r->db, r->a, r->community->id, &m, &n) < 0)
		return db_rollback(r->db), HR_ERROR;
	if (!n)
		return db_rollback(r->db), req_fail(r, HR_INVALID, "还没有登记两委成员,无法发布。");
	struct buf md;
	buf_init(&md, 1 << 20);
	buf_puts(&md, "| 班子 | 姓名 | 职务 | 职责分工 |\n|---|---|---|---|\n");
	for (size_t i = 0; i < n; i++) {
		buf_puts(&md, "| ");
		md_text(&md, committee_label(m[i].committee));
		buf_puts(&md, " | ");
		md_text(&md, m[i].name);
		buf_puts(&md, " | ");
		md_text(&md, m[i].title);
		buf_puts(&md, " | ");
		md_text(&md, m[i].duty);
		buf_puts(&md, " |\n");
	}
	buf_putc(&md, 0);
	const char *body = md.err ? NULL : arena_strdup(r->a, md.data);
	buf_free(&md);
	const char *title = arena_printf(r->a, "%s两委成员职责分工", r->community->name);
	int64_t post;
	int rc = body && title ? disclosure_draft_add(r->db, r->community->id, DUTIES_ITEM, title, body,
	                                              r->user->id, r->now, &post)
	                       : -1;
	if (rc)
		return db_rollback(r->db),
		       rc < 0 ? req_error(r, "cannot start the duties draft")
		              : req_fail(r, HR_INVALID,
		                         "公开目录中没有“两委成员职责分工”这一项,请先在公开目录中添加。");
	if (req_audit_commit(r, "people.duties_draft", "disclosure_post", post, title) < 0)
		return HR_ERROR;
	const char *to = url_c(r->a, r->community->slug, "/admin/people/cadres?done=1");
	return to ? req_redirect(r, to) : req_error(r, "out of request memory");
}

static const struct tcol rep_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL}, {"性别", 0, NULL}, {"出生年份", 0, NULL},
    {"手机号码", 0, NULL},        {"住址", 0, NULL},
};

enum http_result people_self_h_representatives(struct req *r)
{
	struct people_filter f = {.status = PEOPLE_LIVING, .tag = REPRESENTATIVE_TAG};
	const char *format = export_format(r->path);
	if (format) {
		struct export_table x;
		int64_t rows;
		if (people_export(r->db, r->a, r->community->id, &f, 0, NULL, PEOPLE_EXPORT_MAX, "居民代表", &x, &rows) != 0)
			return req_error(r, "cannot export the representatives");
		return export_send(r, &x, format);
	}
	int64_t page = page_param(r), offset;
	if (page_offset(page, PEOPLE_SELF_PAGE_ROWS, &offset) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这一页。");
	struct people_person *p;
	size_t n;
	int more;
	if (people_list(r->db, r->a, r->community->id, &f, offset, PEOPLE_SELF_PAGE_ROWS, &p, &n, &more) < 0)
		return HR_ERROR;
	struct buf *b = r->out;
	page_begin(r, "居民代表");
	H(b, "<h1>居民代表</h1><p>人员类别含“居民代表”的在册居民。</p>");
	export_links(r, NULL);
	struct table t;
	table_begin(&t, b, NULL, "居民代表", rep_cols, 5, TABLE_CARDS, "还没有标记为居民代表的居民");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_text(&t, p[i].name);
		table_text(&t, people_gender_label(p[i].gender));
		if (p[i].birth_year)
			table_int(&t, p[i].birth_year);
		else
			table_text(&t, "");
		table_text(&t, p[i].phone_masked);
		table_text(&t, arena_printf(r->a, "%s %s %s", p[i].building, p[i].unit, p[i].room));
	}
	table_end(&t);
	page_pager(r, page, more);
	page_end(r);
	return HR_OK;
}
