/* Routes of the work orders' figures: the community dashboard (staff), the
 * street and district dashboard over the communities the visitor oversees,
 * and their spreadsheet exports. Each page reads its figures in a fixed
 * number of grouped statements, whatever the number of communities or
 * months. */
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "modules/workorders/workorders_stats.h"
#include "web/list.h"

/* The period asked for: ?from=&to= (custom, both dates included), else
 * ?period=, else this month. Bad custom dates fall back to this month
 * with d->error set, the dates kept as typed. */
static void period_param(struct req *r, struct wo_dash *d)
{
	const char *from = kv_get(&r->q, "from"), *to = kv_get(&r->q, "to");
	int p = wo_period_from(kv_get(&r->q, "period"));
	d->from = from ? from : "";
	d->to = to ? to : "";
	if ((p == WO_P_CUSTOM || (p < 0 && (*d->from || *d->to))) &&
	    wo_range_make(WO_P_CUSTOM, r->now, d->from, d->to, &d->g) == 0)
		return;
	if (p == WO_P_CUSTOM || (p < 0 && (*d->from || *d->to))) {
		d->error = "请填写起止日期,格式如 2026-06-01,结束日期不早于开始日期,时段不超过 10 年。";
		p = WO_P_MONTH;
	}
	wo_range_make(p < 0 ? WO_P_MONTH : (enum wo_period)p, r->now, NULL, NULL, &d->g);
}

/* The trend's last month: the period's, or this one when the period
 * reaches past today. */
static void trend_bounds(struct req *r, struct wo_dash *d)
{
	int64_t last = d->g.to - 1 < r->now ? d->g.to - 1 : r->now;
	wo_trend_bounds(last, d->trend.bounds);
}

static int load_community(struct req *r, struct wo_dash *d)
{
	memset(d, 0, sizeof *d);
	d->heading = r->community->name;
	d->slug = r->community->slug;
	period_param(r, d);
	trend_bounds(r, d);
	if (wo_stats_by_kind(r->db, r->a, r->community->id, d->g.from, d->g.to, r->now, &d->cells,
	                     &d->ncells) < 0 ||
	    wo_stats_trend(r->db, r->community->id, 0, r->now, &d->trend) < 0 ||
	    wo_stats_overdue(r->db, r->a, r->community->id, 0, r->now, 100, &d->overdue, &d->noverdue,
	                     &d->overdue_more) < 0)
		return -1;
	for (size_t i = 0; i < d->ncells; i++) {
		wo_counts_add(&d->total, &d->cells[i].c);
		wo_counts_add(&d->kind[d->cells[i].kind], &d->cells[i].c);
		wo_counts_add(&d->channel[d->cells[i].channel], &d->cells[i].c);
	}
	return 0;
}

static int by_community_id(const void *key, const void *elem)
{
	int64_t a = *(const int64_t *)key, b = ((const struct wo_community_counts *)elem)->community_id;
	return (a > b) - (a < b);
}

/* The counts of community id among counts ordered by community id, or NULL. */
static const struct wo_counts *counts_of(const struct wo_community_counts *c, size_t n, int64_t id)
{
	const struct wo_community_counts *k = n ? bsearch(&id, c, n, sizeof *c, by_community_id) : NULL;
	return k ? &k->c : NULL;
}

/* 0, 1 if the visitor oversees no street or district, -1. */
static int load_area(struct req *r, struct wo_dash *d)
{
	memset(d, 0, sizeof *d);
	int64_t scope = auth_admin_scope(r->user);
	if (scope < 0)
		return 1;
	period_param(r, d);
	trend_bounds(r, d);
	struct community *list;
	struct wo_community_counts *counts;
	size_t n, ncounts;
	if (org_communities_under(r->db, r->a, scope, &list, &n) < 0 ||
	    wo_stats_by_community(r->db, r->a, scope, d->g.from, d->g.to, r->now, &counts, &ncounts) < 0 ||
	    wo_stats_trend(r->db, 0, scope, r->now, &d->trend) < 0 ||
	    wo_stats_overdue(r->db, r->a, 0, scope, r->now, WO_OVERDUE_MAX, &d->overdue, &d->noverdue,
	                     &d->overdue_more) < 0)
		return -1;
	d->heading = !scope || !n                 ? "全部社区"
	             : list[0].street.id == scope ? list[0].street.name
	                                          : list[0].district.name;
	d->rows = arena_zalloc(r->a, (n ? n : 1) * sizeof *d->rows);
	if (!d->rows)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct wo_counts *c = counts_of(counts, ncounts, list[i].id);
		d->rows[i].community = &list[i];
		if (c)
			d->rows[i].c = *c;
		wo_counts_add(&d->total, &d->rows[i].c);
	}
	d->nrows = n;
	d->communities = list;
	d->ncommunities = n;
	return 0;
}

enum http_result wo_h_dashboard(struct req *r)
{
	struct wo_dash d;
	if (load_community(r, &d) < 0)
		return req_error(r, "reading the work-order figures failed");
	wo_view_dashboard(r, &d);
	return HR_OK;
}

static enum http_result send_export(struct req *r, const struct wo_dash *d)
{
	struct export_table x;
	if (wo_view_dashboard_export(r, d, &x) < 0)
		return req_error(r, "out of request memory for the work-order figures export");
	return export_send(r, &x, export_format(r->path));
}

enum http_result wo_h_dashboard_export(struct req *r)
{
	struct wo_dash d;
	if (load_community(r, &d) < 0)
		return req_error(r, "reading the work-order figures failed");
	return send_export(r, &d);
}

enum http_result wo_h_area_dashboard(struct req *r)
{
	struct wo_dash d;
	int rc = load_area(r, &d);
	if (rc)
		return rc < 0 ? req_error(r, "reading the area's work-order figures failed") : HR_FORBIDDEN;
	wo_view_dashboard(r, &d);
	return HR_OK;
}

enum http_result wo_h_area_dashboard_export(struct req *r)
{
	struct wo_dash d;
	int rc = load_area(r, &d);
	if (rc)
		return rc < 0 ? req_error(r, "reading the area's work-order figures failed") : HR_FORBIDDEN;
	return send_export(r, &d);
}

/* ---- the public list of closed orders ---- */

enum http_result wo_h_closed(struct req *r)
{
	struct wo_closed_page p = {.page = page_param(r)};
	int64_t offset;
	if (p.page < 0 || page_offset(p.page, WO_CLOSED_PER_PAGE, &offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不正确。");
	if (wo_closed_list(r->db, r->a, r->community->id, offset, WO_CLOSED_PER_PAGE, &p.rows, &p.n,
	                   &p.more) < 0)
		return req_error(r, "reading the closed work orders failed");
	wo_view_closed(r, &p);
	return HR_OK;
}

enum http_result wo_h_closed_export(struct req *r)
{
	struct wo_closed_page p = {.page = 1};
	if (wo_closed_list(r->db, r->a, r->community->id, 0, WO_CLOSED_EXPORT_MAX, &p.rows, &p.n, &p.more) <
	    0)
		return req_error(r, "reading the closed work orders failed");
	struct export_table x;
	if (wo_view_closed_export(r, &p, &x) < 0)
		return req_error(r, "out of request memory for the closed work orders export");
	return export_send(r, &x, export_format(r->path));
}
