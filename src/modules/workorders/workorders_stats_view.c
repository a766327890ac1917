/* The dashboards' HTML and their exports: the period picker, the three
 * rates with their numerators, denominators and definitions, counts by
 * type and channel (a community) or by community (an area), the 12-month
 * trend as SVG charts with the same figures as a table, and the overdue
 * orders. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "modules/workorders/workorders_stats.h"
#include "web/chart.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* The definitions, as the page and the export state them. */
static const char def_respond[] =
    "首次响应(受理、交办、答复等第一次处理)在时限内的工单数 ÷ 有响应时限(没有响应时限的类型按受理时限)"
    "且时限已到或已经响应的工单数。尚在时限内、还未响应的工单暂不计入。";
static const char def_resolve[] =
    "答复为“已解决”的工单数 ÷ 已受理的工单数。不予受理、已合并到其他工单和已转办到其他社区的工单不计入。";
static const char def_satisfy[] = "评价为“满意”和“基本满意”的工单数 ÷ 已评价的工单数。";

static const char *rate_text(struct req *r, int rate)
{
	char s[16];
	wo_rate_format(rate, s, sizeof s);
	return arena_strdup(r->a, s);
}

/* "80.0%(12/15)" */
static const char *rate_with_counts(struct req *r, int rate, int64_t num, int64_t den)
{
	char s[16];
	wo_rate_format(rate, s, sizeof s);
	return arena_printf(r->a, "%s(%lld/%lld)", s, (long long)num, (long long)den);
}

static void period_picker(struct req *r, const struct wo_dash *d)
{
	static const char *const names[] = {"period", "from", "to"};
	filter_begin(r, "统计时段", names, 3);
	struct form_option opts[WO_P__MAX];
	for (int i = 0; i < WO_P__MAX; i++)
		opts[i] = (struct form_option){wo_period_name(i), wo_period_label(i), NULL};
	struct form_field fp = {"period", "时段", NULL, wo_period_name(d->g.period), NULL, 0, NULL};
	struct form_field ff = {"from",
	                        "开始日期",
	                        "自定义时段时填写,如 2026-06-01",
	                        d->g.period == WO_P_CUSTOM ? d->g.from_text : d->from,
	                        NULL,
	                        0,
	                        NULL};
	struct form_field ft = {
	    "to", "结束日期(含当日)", NULL, d->g.period == WO_P_CUSTOM ? d->g.to_text : d->to, d->error, 0,
	    NULL};
	form_select(r, &fp, opts, WO_P__MAX);
	form_date(r, &ff);
	form_date(r, &ft);
	filter_end(r, "查看");
}

static const struct tcol rate_cols[] = {
    {"指标", TCOL_ROWHEAD, NULL}, {"比率", TCOL_NUM, NULL}, {"分子", TCOL_NUM, NULL},
    {"分母", TCOL_NUM, NULL},     {"口径", 0, NULL},
};

static void rate_row(struct table *t, struct req *r, const char *name, int rate, int64_t num, int64_t den,
                     const char *def)
{
	table_tr(t, NULL);
	table_text(t, name);
	table_text(t, rate_text(r, rate));
	table_int(t, num);
	table_int(t, den);
	table_text(t, def);
}

static void rates(struct req *r, const struct wo_dash *d)
{
	struct buf *b = r->out;
	struct wo_rates w = wo_rates_from_counts(&d->total);
	H(b, "<h2>三项比率</h2>");
	struct table t;
	table_begin(&t, b, NULL, "三项比率及口径", rate_cols, 5, TABLE_CARDS, NULL);
	rate_row(&t, r, "响应率", w.respond, d->total.respond_on_time, d->total.respond_counted, def_respond);
	rate_row(&t, r, "解决率", w.resolve, d->total.resolved, d->total.accepted, def_resolve);
	rate_row(&t, r, "满意率", w.satisfy, d->total.satisfied, d->total.rated, def_satisfy);
	table_end(&t);
	H(b, "<p class=\"hint\">比率保留一位小数;分母为 0 时显示“—”。</p>");
}

static const struct tcol count_cols[] = {
    {"", TCOL_ROWHEAD, NULL}, {"登记", TCOL_NUM, NULL}, {"已办结", TCOL_NUM, NULL}};

/* A table of received and closed counts, one row per label. */
static void count_table(struct req *r, const char *head, const char *caption, const char *const *labels,
                        const struct wo_counts *c, int n)
{
	struct tcol cols[3];
	memcpy(cols, count_cols, sizeof cols);
	cols[0].label = head;
	struct table t;
	table_begin(&t, r->out, NULL, caption, cols, 3, TABLE_CAPTION, NULL);
	for (int i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_text(&t, labels[i]);
		table_int(&t, c[i].received);
		table_int(&t, c[i].closed);
	}
	table_end(&t);
}

static void by_kind_and_channel(struct req *r, const struct wo_dash *d)
{
	const char *kinds[WO_K__MAX], *channels[WO_CH__MAX];
	for (int k = 0; k < WO_K__MAX; k++)
		kinds[k] = wo_kind_label(k);
	for (int c = 0; c < WO_CH__MAX; c++)
		channels[c] = wo_channel_label(c);
	H(r->out, "<h2>按类型和渠道</h2>");
	count_table(r, "类型", "按类型统计", kinds, d->kind, WO_K__MAX);
	count_table(r, "渠道", "按渠道统计", channels, d->channel, WO_CH__MAX);
}

static const struct tcol area_cols[] = {
    {"社区", TCOL_ROWHEAD, NULL}, {"登记", TCOL_NUM, NULL},   {"已办结", TCOL_NUM, NULL},
    {"响应率", TCOL_NUM, NULL},   {"解决率", TCOL_NUM, NULL}, {"满意率", TCOL_NUM, NULL},
};

static void area_row(struct table *t, struct req *r, const struct wo_counts *c)
{
	struct wo_rates w = wo_rates_from_counts(c);
	table_int(t, c->received);
	table_int(t, c->closed);
	table_text(t, rate_with_counts(r, w.respond, c->respond_on_time, c->respond_counted));
	table_text(t, rate_with_counts(r, w.resolve, c->resolved, c->accepted));
	table_text(t, rate_with_counts(r, w.satisfy, c->satisfied, c->rated));
}

static void by_community(struct req *r, const struct wo_dash *d)
{
	struct buf *b = r->out;
	H(b, "<h2>各社区</h2>");
	struct table t;
	table_begin(&t, b, NULL, "各社区的工单和三项比率", area_cols, 6, TABLE_CARDS, "没有所辖社区。");
	for (size_t i = 0; i < d->nrows; i++) {
		const struct community *c = d->rows[i].community;
		table_tr(&t, NULL);
		table_link(&t, url_c(r->a, c->slug, "/admin/workorders/dashboard"), c->name);
		area_row(&t, r, &d->rows[i].c);
	}
	if (d->nrows) {
		table_tr(&t, "total");
		table_text(&t, "合计");
		area_row(&t, r, &d->total);
	}
	table_end(&t);
}

static const struct tcol trend_cols[] = {
    {"月份", TCOL_ROWHEAD, NULL}, {"登记", TCOL_NUM, NULL},   {"已办结", TCOL_NUM, NULL},
    {"响应率", TCOL_NUM, NULL},   {"解决率", TCOL_NUM, NULL}, {"满意率", TCOL_NUM, NULL},
};

static void trend(struct req *r, const struct wo_dash *d)
{
	struct buf *b = r->out;
	const struct wo_trend *t = &d->trend;
	/* The table names each month with its year where the year turns; the
	 * charts' axes say only the month (a year does not fit under a slot)
	 * and their titles give the span. */
	const char *x[WO_TREND_MONTHS], *axis[WO_TREND_MONTHS];
	int64_t got[WO_TREND_MONTHS], closed[WO_TREND_MONTHS], rs[WO_TREND_MONTHS], rv[WO_TREND_MONTHS],
	    st[WO_TREND_MONTHS];
	for (int i = 0; i < WO_TREND_MONTHS; i++) {
		struct ymd m = date_from_time(t->bounds[i]);
		axis[i] = arena_printf(r->a, "%d月", m.m);
		x[i] = m.m == 1 || i == 0 ? arena_printf(r->a, "%d年%d月", m.y, m.m) : axis[i];
		struct wo_rates w = wo_rates_from_counts(&t->month[i]);
		got[i] = t->month[i].received;
		closed[i] = t->month[i].closed;
		rs[i] = w.respond;
		rv[i] = w.resolve;
		st[i] = w.satisfy;
	}
	H(b, "<h2>近 12 个月趋势</h2><p>按登记月份统计;“已办结”为当月登记的工单中现已办结的件数。</p>");
	const struct chart_series counts[] = {{"登记", CHART_BAR, got}, {"已办结", CHART_BAR, closed}};
	const struct chart_series lines[] = {
	    {"响应率", CHART_LINE, rs}, {"解决率", CHART_LINE, rv}, {"满意率", CHART_LINE, st}};
	struct ymd first = date_from_time(t->bounds[0]), last = date_from_time(t->bounds[WO_TREND_MONTHS - 1]);
	const char *span = arena_printf(r->a, "%d年%d月至%d年%d月", first.y, first.m, last.y, last.m);
	chart_svg(b, &(struct chart){"wo-trend-counts", arena_printf(r->a, "每月登记和已办结的工单(%s)", span),
	                             "柱状图,每月两根柱:登记件数和其中已办结件数。数据见下表。",
	                             WO_TREND_MONTHS, axis, counts, 2, 0});
	chart_svg(b, &(struct chart){"wo-trend-rates", arena_printf(r->a, "每月的响应率、解决率和满意率(%s)", span),
	                             "折线图,三条线分别为响应率、解决率和满意率,纵轴 0% 至 "
	                             "100%;当月无可计数的工单时该点空缺。数据见下表。",
	                             WO_TREND_MONTHS, axis, lines, 3, 1});
	struct table tt;
	table_begin(&tt, b, NULL, "近 12 个月的数据", trend_cols, 6, TABLE_CARDS | TABLE_CAPTION, NULL);
	for (int i = 0; i < WO_TREND_MONTHS; i++) {
		table_tr(&tt, NULL);
		table_text(&tt, x[i]);
		area_row(&tt, r, &t->month[i]);
	}
	table_end(&tt);
}

static const struct tcol overdue_cols[] = {
    {"工单号", TCOL_ROWHEAD, NULL}, {"社区", 0, NULL},     {"类型", 0, NULL}, {"事项", 0, NULL},
    {"登记时间", 0, NULL},          {"逾期环节", 0, NULL}, {"时限", 0, NULL}, {"逾期多久", 0, NULL},
};

static const struct community *community_by_id(const struct wo_dash *d, int64_t id)
{
	for (size_t i = 0; i < d->ncommunities; i++)
		if (d->communities[i].id == id)
			return &d->communities[i];
	return NULL;
}

static void overdue(struct req *r, const struct wo_dash *d)
{
	struct buf *b = r->out;
	H(b, "<h2 id=\"overdue\">逾期工单</h2>");
	if (d->overdue_more) {
		H(b, "<p>逾期工单较多,这里列出登记最早的 ");
		h_int(b, (int64_t)d->noverdue);
		H(b, " 件。</p>");
	}
	enum { NCOLS = sizeof overdue_cols / sizeof *overdue_cols };
	struct tcol cols[NCOLS];
	memcpy(cols, overdue_cols, sizeof cols);
	int area = !d->slug;
	/* A community's page has no community column. */
	if (!area)
		memmove(&cols[1], &cols[2], (NCOLS - 2) * sizeof *cols);
	struct table t;
	table_begin(&t, b, NULL, "逾期未处理的工单", cols, area ? NCOLS : NCOLS - 1, TABLE_CARDS, "没有逾期工单。");
	for (size_t i = 0; i < d->noverdue; i++) {
		const struct wo_overdue *o = &d->overdue[i];
		const struct community *c = area ? community_by_id(d, o->community_id) : NULL;
		const char *slug = area ? (c ? c->slug : NULL) : d->slug;
		table_tr(&t, NULL);
		const char *num = arena_printf(r->a, "%lld", (long long)o->id);
		if (slug)
			table_link(&t, url_c_id(r->a, slug, "/admin/workorders/", o->id, ""), num);
		else
			table_text(&t, num);
		if (area)
			table_text(&t, c ? c->name : "");
		table_text(&t, wo_kind_label(o->kind));
		table_text(&t, o->subject_masked);
		table_time(&t, o->received_at);
		table_text(&t, o->what);
		table_time(&t, o->due);
		table_text(&t, wo_time_left(r->a, o->due, r->now));
	}
	table_end(&t);
}

void wo_view_dashboard(struct req *r, const struct wo_dash *d)
{
	struct buf *b = r->out;
	page_begin(r, "工单统计");
	H(b, "<p class=\"crumbs\">");
	if (d->slug)
		h_clink_a(b, d->slug, "/admin/", "工作台");
	else
		h_link(b, "/admin/", "工作台");
	H(b, "</p><h1>工单统计 · ");
	h_text(b, d->heading);
	H(b, "</h1>");
	if (d->error)
		form_refusal(r, d->error);
	period_picker(r, d);
	H(b, "<p>统计时段:");
	h_text(b, d->g.from_text);
	H(b, " 至 ");
	h_text(b, d->g.to_text);
	H(b, "(按登记时间,北京时间)。共登记 ");
	h_int(b, d->total.received);
	H(b, " 件,其中已办结 ");
	h_int(b, d->total.closed);
	H(b, " 件。</p><p>");
	export_links(r, "导出统计数据");
	H(b, "</p>");
	if (d->slug) {
		H(b, "<p>");
		h_clink_a(b, d->slug, "/admin/workorders/summary", "生成热点难点季度小结");
		H(b, " · ");
		h_clink_a(b, d->slug, "/workorders/closed", "公开的已办结工单列表");
		H(b, "</p>");
	}
	rates(r, d);
	if (d->slug)
		by_kind_and_channel(r, d);
	else
		by_community(r, d);
	trend(r, d);
	overdue(r, d);
	page_end(r);
}

/* The export's columns: the group (type and channel, or street and
 * community), then every count and rate. */
static const struct tcol export_cols[] = {
    {"", 0, NULL},
    {"", 0, NULL},
    {"登记", TCOL_NUM, NULL},
    {"已办结", TCOL_NUM, NULL},
    {"按时响应", TCOL_NUM, NULL},
    {"计入响应率", TCOL_NUM, NULL},
    {"响应率", TCOL_NUM, NULL},
    {"已解决", TCOL_NUM, NULL},
    {"已受理", TCOL_NUM, NULL},
    {"解决率", TCOL_NUM, NULL},
    {"满意和基本满意", TCOL_NUM, NULL},
    {"已评价", TCOL_NUM, NULL},
    {"满意率", TCOL_NUM, NULL},
};
#define EXPORT_NCOLS ((int)(sizeof export_cols / sizeof *export_cols))

static void figures_row(struct table *t, const char *a, const char *b, const struct wo_counts *c)
{
	struct wo_rates w = wo_rates_from_counts(c);
	table_tr(t, NULL);
	table_text(t, a);
	table_text(t, b);
	table_int(t, c->received);
	table_int(t, c->closed);
	table_int(t, c->respond_on_time);
	table_int(t, c->respond_counted);
	table_percent(t, w.respond);
	table_int(t, c->resolved);
	table_int(t, c->accepted);
	table_percent(t, w.resolve);
	table_int(t, c->satisfied);
	table_int(t, c->rated);
	table_percent(t, w.satisfy);
}

int wo_view_dashboard_export(struct req *r, const struct wo_dash *d, struct export_table *x)
{
	struct tcol cols[EXPORT_NCOLS];
	memcpy(cols, export_cols, sizeof cols);
	cols[0].label = d->slug ? "类型" : "街道";
	cols[1].label = d->slug ? "渠道" : "社区";
	const char *title =
	    arena_printf(r->a, "工单统计 %s %s至%s", d->heading, d->g.from_text, d->g.to_text);
	struct table t;
	if (!title || table_begin_export(&t, r->a, x, title, cols, EXPORT_NCOLS) < 0)
		return -1;
	if (d->slug)
		for (size_t i = 0; i < d->ncells; i++)
			figures_row(&t, wo_kind_label(d->cells[i].kind),
			            wo_channel_label(d->cells[i].channel), &d->cells[i].c);
	else
		for (size_t i = 0; i < d->nrows; i++)
			figures_row(&t, d->rows[i].community->street.name, d->rows[i].community->name,
			            &d->rows[i].c);
	figures_row(&t, "合计", "", &d->total);
	return table_end(&t);
}

/* ---- the public list of closed orders ---- */

static const struct tcol closed_cols[] = {
    {"事项", TCOL_ROWHEAD, NULL}, {"类型", 0, NULL},     {"位置", 0, NULL},
    {"登记日期", 0, NULL},        {"办结日期", 0, NULL}, {"结果", 0, NULL},
};

static void closed_rows(struct table *t, const struct wo_closed_page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct wo_closed *c = &p->rows[i];
		table_tr(t, NULL);
		table_text(t, c->subject_masked);
		table_text(t, wo_kind_label(c->kind));
		table_text(t, c->address_masked);
		table_date(t, c->received_at);
		table_date(t, c->closed_at);
		table_text(t, wo_outcome_label(c->outcome));
	}
}

void wo_view_closed(struct req *r, const struct wo_closed_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "已办结的工单");
	H(b, "<h1>已办结的工单</h1><p class=\"lead\">");
	h_text(b, r->community->name);
	H(b, "办结的来信来访、热线和网上诉求,最近办结的在前。为保护个人信息,不公开诉求人、电话和具体门牌,"
	     "位置只到楼栋,事项中的号码已隐去。</p><p>");
	export_links(r, NULL);
	H(b, "(导出最近办结的 ");
	h_int(b, WO_CLOSED_EXPORT_MAX);
	H(b, " 件以内)</p>");
	struct table t;
	table_begin(&t, b, NULL, "已办结的工单", closed_cols, 6, TABLE_CARDS, "还没有办结的工单。");
	closed_rows(&t, p);
	table_end(&t);
	page_pager(r, p->page, p->more);
	page_end(r);
}

int wo_view_closed_export(struct req *r, const struct wo_closed_page *p, struct export_table *x)
{
	const char *title = arena_printf(r->a, "%s已办结的工单", r->community->name);
	struct table t;
	if (!title || table_begin_export(&t, r->a, x, title, closed_cols, 6) < 0)
		return -1;
	closed_rows(&t, p);
	return table_end(&t);
}

/* ---- the quarterly summary ---- */

void wo_view_summary(struct req *r, const struct wo_summary_form *f)
{
	struct buf *b = r->out;
	page_begin(r, "热点难点处理情况 · 季度小结");
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/admin/workorders/dashboard", "工单统计");
	H(b, "</p><h1>热点难点处理情况 · 季度小结</h1>"
	     "<p>根据所选季度的工单生成,"
	     "可修改后保存为公开栏“热点难点处理情况”事项的草稿。草稿须在公开栏管理中提交,"
	     "经另一名工作人员审核后发布,发布后记入公开日志。正文不要写入诉求人的姓名、电话和门牌号。</p>");
	form_refusal(r, f->refusal);
	static const char *const names[] = {"quarter"};
	filter_begin(r, "选择季度", names, 1);
	struct form_option opts[8];
	for (int i = 0; i < 8; i++)
		opts[i] = (struct form_option){f->quarters[i], f->quarter_labels[i], NULL};
	const char *cur = arena_printf(r->a, "%d-%d", f->year, f->q);
	struct form_field fq = {"quarter", "季度", NULL, cur, NULL, 0, NULL};
	form_select(r, &fq, opts, 8);
	filter_end(r, "重新生成");
	form_begin(r, url_c(r->a, r->community->slug, "/admin/workorders/summary"));
	form_hidden(r, "quarter", cur);
	struct form_field ft = {"title", "标题", NULL, f->title, f->title_err, 1, "off"};
	struct form_field fb = {"body", "正文", "支持 Markdown:## 小标题,- 列表", f->body, f->body_err,
	                        1,      NULL};
	form_field_input(r, &ft, "text");
	form_field_textarea(r, &fb);
	form_submit(r, "保存为公开草稿");
	form_end(r);
	page_end(r);
}
