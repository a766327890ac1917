/* What list pages share around their table: the page number from the query,
 * the pager, filters (links or a GET form) and the export links. Every link
 * is the current page with one parameter changed (url_with), so filters and
 * paging keep each other. */
#ifndef SHEQU_WEB_LIST_H
#define SHEQU_WEB_LIST_H
#include <stddef.h>
#include <stdint.h>

#include "http/request.h"
#include "web/form.h"

/* The highest page number a list accepts. */
#define PAGE_MAX 100000

/* The page asked for by ?page=: 1 when absent, -1 when it is not a whole
 * number from 1 to PAGE_MAX (the caller answers 400). */
int64_t page_param(struct req *r);
/* The offset of the first row of page at per rows a page. 0, or -1 when page
 * or per is below 1 or the offset does not fit. */
int page_offset(int64_t page, int64_t per, int64_t *offset);
/* "上一页 · 第 N 页 · 下一页": links to this page with ?page= changed, other
 * parameters (the filters) kept. Nothing on a single first page. */
void page_pager(struct req *r, int64_t page, int has_next);
/* A row of filter links named label (aria-label): first "all" (the
 * parameter removed), then one per option (name set to its value); the link
 * matching the current ?name= carries aria-current. */
void filter_links(struct req *r, const char *label, const char *name, const char *all,
		  const struct form_option *o, size_t n);
/* Opens the filter bar: a GET form to this page named label, carrying as
 * hidden fields the query parameters other than its own n names (and the
 * page, so a new filter starts at page 1). The caller writes its fields
 * (form_select, form_field_input, ...) and closes it with filter_end. */
void filter_begin(struct req *r, const char *label, const char *const *names, size_t n);
/* The submit button (label, NULL: "筛选") and the end of the filter bar. */
void filter_end(struct req *r, const char *submit);
/* "<lead>:Excel · CSV" beside a list: links to this path with .xlsx and
 * .csv appended (a path ending in "/" gets its last folder's name first:
 * "/admin/accounts/" → "/admin/accounts/accounts.xlsx") and the same
 * filters (without the page: an export holds every row). lead NULL: "导出". */
void export_links(struct req *r, const char *lead);
/* As export_links, to base.xlsx and base.csv (an absolute path without its
 * extension): for a list whose files are not named for the page's path
 * (an account's moves: "…/timebank/6/moves"), or a page shown again after a
 * POST to another path. */
void export_links_at(struct req *r, const char *lead, const char *base);

#endif
