/* Public pages of the disclosure catalogue (公开目录) and of what is due. */
#include <string.h>

#include "core/clock.h"
#include "modules/disclosure/disclosure_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* The channels ("wall,web") in words: "公开栏上墙 网站". Every
 * combination is written out, so that a page of items formats nothing. */
static const char *channel_label(const char *ch)
{
	static const char *const words[1u << CHAN__MAX] = {"",	   "公开栏上墙",	  "网站",	"公开栏上墙 网站",
							    "会议", "公开栏上墙 会议", "网站 会议", "公开栏上墙 网站 会议"};
	return words[disclosure_channels_from(ch) & ((1u << CHAN__MAX) - 1)];
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
		table_text(t, channel_label(it[i].channels));
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

/* A due board row's first cells: the item, its frequency, its last publication. */
static void due_row_start(struct table *t, const struct disclosure_item *it)
{
	table_tr(t, NULL);
	table_text(t, it->title);
	table_text(t, disclosure_freq_label(it->freq));
	if (it->last_published)
		table_date(t, it->last_published);
	else
		table_text(t, "从未发布");
}

void disclosure_view_due(struct req *r, const struct disclosure_item *it, size_t n,
			 const struct disclosure_item *retired, size_t nretired)
{
	static const struct tcol cols[] = {
	    {"事项", TCOL_ROWHEAD, NULL}, {"时限", 0, NULL}, {"上次发布", 0, NULL}, {"状态", 0, NULL}};
	struct buf *b = r->out;
	struct table t;
	page_begin(r, "公开到期情况");
	H(b, "<h1>公开到期情况</h1><p class=\"lead\">按公开目录的时限,从上次发布起算。"
	     "更正的是原来那一期,不算新的一期;撤回的内容不算。</p>");
	table_begin(&t, b, NULL, "公开到期情况", cols, 4, TABLE_CARDS, NULL);
	for (size_t i = 0; i < n; i++) {
		struct ymd due = {0, 1, 1};
		enum disclosure_due d = disclosure_due_state(it[i].freq, it[i].last_published, it[i].created_at, r->now, &due);
		due_row_start(&t, &it[i]);
		struct buf *c = table_cell(&t, NULL);
		if (c)
			disclosure_view_due_badge(c, d, due);
		table_cell_end(&t);
	}
	/* A retired item stays until the period its last publication covers
	 * has ended: until then that publication is still the one in force. */
	struct ymd today = date_from_time(r->now);
	for (size_t i = 0; i < nretired; i++) {
		struct ymd end;
		if (!disclosure_next_due(retired[i].freq, retired[i].last_published, retired[i].created_at, &end) ||
		    date_diff(today, end) < 0)
			continue;
		char ds[11], rs[11];
		date_format(end, ds);
		date_format(date_from_time(retired[i].retired_at), rs);
		due_row_start(&t, &retired[i]);
		table_text(&t, arena_printf(r->a, "已于 %s 停用 · 本期至 %s", rs, ds));
	}
	table_end(&t);
	page_end(r);
}
