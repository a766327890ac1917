/* The honours' routes: 年度志愿服务时长排行 (the first 50 of a year, masked
 * names, from the summary) and 星级志愿者 (by cumulative confirmed hours),
 * each with its CSV/XLSX export. */
#include <string.h>

#include "core/date.h"
#include "core/str.h"
#include "modules/volunteers/volunteers_web.h"
#include "web/export.h"
#include "web/list.h"
#include "web/table.h"

#define RANK_TOP 50

/* The year of ?year= (this year, China time, when absent): 0 when it is not
 * a year from 2000 to 2100. */
static int year_param(struct req *r, int *this_year)
{
	*this_year = date_from_time(r->now).y;
	const char *y = kv_get(&r->q, "year");
	if (!y || !*y)
		return *this_year;
	int64_t v;
	if (strlen(y) != 4 || str_to_int64(y, &v) < 0 || v < 2000 || v > 2100)
		return 0;
	return (int)v;
}

enum http_result vol_h_ranking(struct req *r)
{
	struct vol_ranking_page p = {0};
	if (!(p.year = year_param(r, &p.this_year)))
		return req_fail(r, HR_BAD_REQUEST, "年份不对。");
	if (vol_ranking(r->db, r->a, r->community->id, p.year, 0, RANK_TOP, &p.r, &p.n) < 0)
		return HR_ERROR;
	volview_ranking(r, &p);
	return HR_OK;
}

enum http_result vol_h_ranking_export(struct req *r)
{
	int this_year, year = year_param(r, &this_year);
	if (!year)
		return req_fail(r, HR_BAD_REQUEST, "年份不对。");
	struct vol_rank *v;
	size_t n;
	if (vol_ranking(r->db, r->a, r->community->id, year, 0, RANK_TOP, &v, &n) < 0)
		return HR_ERROR;
	struct export_table x;
	struct table t;
	if (volview_ranking_table(r, &t, &x, arena_printf(r->a, "%s%d年志愿服务时长排行", r->community->name, year), v,
				  n, 1, 0) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

enum http_result vol_h_stars(struct req *r)
{
	struct vol_stars_page p = {0};
	p.page = page_param(r);
	int64_t off;
	if (p.page < 0 || page_offset(p.page, VOL_PER_PAGE, &off) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不对。");
	if (vol_starred(r->db, r->a, r->community->id, vol_star_hours[0] * 60, off, VOL_PER_PAGE + 1, &p.r, &p.n) < 0)
		return HR_ERROR;
	p.has_next = p.n > VOL_PER_PAGE;
	if (p.has_next)
		p.n = VOL_PER_PAGE;
	volview_stars(r, &p);
	return HR_OK;
}

enum http_result vol_h_stars_export(struct req *r)
{
	struct vol_rank *v;
	size_t n;
	if (vol_starred(r->db, r->a, r->community->id, vol_star_hours[0] * 60, 0, VOL_EXPORT_MAX, &v, &n) < 0)
		return HR_ERROR;
	struct export_table x;
	struct table t;
	if (volview_ranking_table(r, &t, &x, arena_printf(r->a, "%s星级志愿者", r->community->name), v, n, 1, 1) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}
