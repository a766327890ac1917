/* The honours' HTML: 年度志愿服务时长排行 with its years, 星级志愿者 with
 * the thresholds, and the tables they share with their exports. Masked
 * names only. */
#include <string.h>

#include "modules/volunteers/volunteers_web.h"
#include "web/export.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

static const char *const star_names[] = {"", "一星", "二星", "三星", "四星", "五星"};

static const struct tcol rank_cols[] = {
    {"名次", TCOL_NUM, NULL}, {"志愿者", TCOL_ROWHEAD, NULL}, {"服务时长(小时)", 0, NULL},
    {"服务次数", TCOL_NUM, NULL}, {"星级", 0, NULL},
};

int volview_ranking_table(struct req *r, struct table *t, struct export_table *x, const char *title,
			  const struct vol_rank *v, size_t n, int64_t first, int stars)
{
	(void)stars;
	int ncols = (int)(sizeof rank_cols / sizeof *rank_cols);
	if (x) {
		if (table_begin_export(t, r->a, x, title, rank_cols, ncols) < 0)
			return -1;
	} else {
		table_begin(t, r->out, NULL, title, rank_cols, ncols, TABLE_CARDS, "还没有已确认的服务时长。");
	}
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_int(t, first + (int64_t)i);
		table_text(t, v[i].name_masked);
		table_text(t, arena_printf(r->a, "%lld.%lld", (long long)(v[i].minutes / 60),
					   (long long)(v[i].minutes % 60 * 10 / 60)));
		table_int(t, v[i].records);
		table_text(t, star_names[vol_stars(v[i].minutes)]);
	}
	return table_end(t);
}

void volview_ranking(struct req *r, const struct vol_ranking_page *p)
{
	struct buf *b = r->out;
	struct table t;
	const char *title = arena_printf(r->a, "%d年志愿服务时长排行", p->year);
	page_begin(r, title);
	H(b, "<h1>");
	h_text(b, title);
	H(b, "</h1><p class=\"lead\">按当年经确认的服务时长排名,前 50 名。星级按累计时长认定(见");
	h_clink_a(b, r->community->slug, "/volunteers/stars", "星级志愿者");
	H(b, ")。</p><nav class=\"filters\" aria-label=\"年份\">");
	for (int y = p->this_year; y > p->this_year - 5; y--) {
		H(b, "<a href=\"");
		h_href(b, url_with(r, "year", y == p->this_year ? NULL : arena_printf(r->a, "%d", y)));
		H(b, "\"");
		if (y == p->year)
			H(b, " aria-current=\"page\"");
		H(b, ">");
		h_int(b, y);
		H(b, "年</a>");
	}
	H(b, "</nav>");
	volview_ranking_table(r, &t, NULL, title, p->r, p->n, 1, 0);
	H(b, "<p>");
	export_links(r, NULL);
	H(b, " · ");
	h_clink_a(b, r->community->slug, "/volunteers/", "志愿服务");
	H(b, "</p>");
	page_end(r);
}

void volview_stars(struct req *r, const struct vol_stars_page *p)
{
	struct buf *b = r->out;
	struct table t;
	page_begin(r, "星级志愿者");
	H(b, "<h1>星级志愿者</h1><p class=\"lead\">按累计经确认的志愿服务时长认定:");
	for (int s = 0; s < 5; s++) {
		h_text(b, arena_printf(r->a, "%s%lld 小时%s", s ? "," : "", (long long)vol_star_hours[s], star_names[s + 1]));
	}
	H(b, "。</p>");
	volview_ranking_table(r, &t, NULL, "星级志愿者", p->r, p->n, (p->page - 1) * VOL_PER_PAGE + 1, 1);
	page_pager(r, p->page, p->has_next);
	H(b, "<p>");
	export_links(r, NULL);
	H(b, " · ");
	h_clink_a(b, r->community->slug, "/volunteers/ranking", "年度志愿服务时长排行");
	H(b, "</p>");
	page_end(r);
}
