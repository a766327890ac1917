#include "web/list.h"

#include <string.h>

#include "core/checked.h"
#include "core/str.h"
#include "web/html.h"
#include "web/link.h"

int64_t page_param(struct req *r)
{
	const char *p = kv_get(&r->q, "page");
	int64_t v = 1;
	if (p && (kv_count(&r->q, "page") > 1 || str_to_int64(p, &v) < 0 || v < 1 || v > PAGE_MAX))
		return -1;
	return v;
}

int page_offset(int64_t page, int64_t per, int64_t *offset)
{
	uint64_t o;
	if (page < 1 || per < 1 || ck_mulu64((uint64_t)page - 1, (uint64_t)per, &o) < 0 || o > INT64_MAX)
		return -1;
	*offset = (int64_t)o;
	return 0;
}

/* A pager link to page p. */
static void pager_link(struct req *r, const char *rel, int64_t p, const char *text)
{
	struct buf *b = r->out;
	H(b, "<a rel=\"");
	h_attr(b, rel);
	H(b, "\" href=\"");
	h_href(b, url_with(r, "page", p > 1 ? arena_printf(r->a, "%lld", (long long)p) : NULL));
	H(b, "\">");
	h_text(b, text);
	H(b, "</a>");
}

void page_pager(struct req *r, int64_t page, int has_next)
{
	struct buf *b = r->out;
	if (page <= 1 && !has_next)
		return;
	H(b, "<nav class=\"pager\" aria-label=\"翻页\">");
	if (page > 1)
		pager_link(r, "prev", page - 1, "上一页");
	H(b, "<span aria-current=\"page\">第 ");
	h_int(b, page);
	H(b, " 页</span>");
	if (has_next && page < PAGE_MAX)
		pager_link(r, "next", page + 1, "下一页");
	H(b, "</nav>");
}

/* One filter link; current when it matches the page's value. */
static void filter_link(struct req *r, const char *name, const char *value, const char *text, const char *now)
{
	struct buf *b = r->out;
	H(b, "<a href=\"");
	h_href(b, url_with(r, name, value));
	H(b, "\"");
	if (value ? now && !strcmp(value, now) : !now)
		H(b, " aria-current=\"page\"");
	H(b, ">");
	h_text(b, text);
	H(b, "</a>");
}

void filter_links(struct req *r, const char *label, const char *name, const char *all,
		  const struct form_option *o, size_t n)
{
	struct buf *b = r->out;
	const char *now = kv_get(&r->q, name);
	H(b, "<nav class=\"filters\" aria-label=\"");
	h_attr(b, label);
	H(b, "\">");
	filter_link(r, name, NULL, all, now);
	for (size_t i = 0; i < n; i++)
		filter_link(r, name, o[i].value, o[i].label, now);
	H(b, "</nav>");
}

void filter_begin(struct req *r, const char *label, const char *const *names, size_t n)
{
	struct buf *b = r->out;
	H(b, "<form class=\"filterbar\" method=\"get\" role=\"search\" aria-label=\"");
	h_attr(b, label);
	H(b, "\" action=\"");
	h_href(b, r->path);
	H(b, "\">");
	for (size_t i = 0; i < r->q.n; i++) {
		const struct kv *p = &r->q.v[i];
		int own = !strcmp(p->key, "page");
		for (size_t k = 0; k < n && !own; k++)
			own = !strcmp(p->key, names[k]);
		if (!own)
			form_hidden(r, p->key, p->val);
	}
}

void filter_end(struct req *r, const char *submit)
{
	form_submit(r, submit ? submit : "筛选");
	form_end(r);
}

void export_links(struct req *r, const char *lead)
{
	/* A folder's page ("/c/x/admin/accounts/") exports as a file in it
	 * named for the folder ("…/accounts/accounts.xlsx"). */
	const char *base = r->path;
	size_t n = strlen(base);
	if (n > 1 && base[n - 1] == '/') {
		size_t k = n - 1;
		while (k > 0 && base[k - 1] != '/')
			k--;
		base = arena_printf(r->a, "%s%.*s", base, (int)(n - 1 - k), base + k);
	}
	export_links_at(r, lead, base);
}

void export_links_at(struct req *r, const char *lead, const char *base)
{
	struct buf *b = r->out;
	if (!base)
		return;
	H(b, "<p class=\"export\">");
	h_text(b, lead ? lead : "导出");
	H(b, ":");
	h_link(b, url_with_path(r, arena_printf(r->a, "%s.xlsx", base), "page", NULL), "Excel");
	H(b, " · ");
	h_link(b, url_with_path(r, arena_printf(r->a, "%s.csv", base), "page", NULL), "CSV");
	H(b, "</p>");
}
