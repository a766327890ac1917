/* Public routes of 共驻共建: the community's units and agreements in force,
 * one unit, one agreement with its commitments' progress, and the yearly
 * report with its CSV/XLSX export. No personal contact data is read here:
 * lists read the masked columns only and the pages never show them. */
#include <string.h>

#include "core/money.h"
#include "core/str.h"
#include "modules/units/units_web.h"
#include "web/list.h"
#include "web/table.h"

int64_t units_id_param(const char *s)
{
	int64_t id;
	if (!s || *s < '1' || *s > '9' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

int units_progress_tenths(const struct units_commitment *c)
{
	int64_t want = c->kind == UC_MONEY ? c->amount_fen : c->quantity;
	int64_t done = c->kind == UC_MONEY ? c->done_fen : c->done_quantity;
	if (want <= 0)
		return -1;
	if (done <= 0)
		return 0;
	/* done * 1000 / want without overflow: done is below 2^62 */
	__int128 t = (__int128)done * 1000 / want;
	return t > 100000 ? 100000 : (int)t;
}

const char *units_progress(struct arena *a, const struct units_commitment *c)
{
	char d[MONEY_FORMAT_SIZE], w[MONEY_FORMAT_SIZE];
	int t = units_progress_tenths(c);
	const char *pct = t < 0 ? "" : arena_printf(a, "(%d.%d%%)", t / 10, t % 10);
	if (c->kind == UC_MONEY)
		return arena_printf(a, "已完成 %s / 承诺 %s%s%s", money_format(c->done_fen, d, sizeof d),
				    money_format(c->amount_fen, w, sizeof w), pct, t > 1000 ? ",超出承诺" : "");
	if (c->quantity > 0)
		return arena_printf(a, "已完成 %lld / %lld %s%s", (long long)c->done_quantity, (long long)c->quantity,
				    c->quantity_unit, pct);
	return arena_printf(a, "已完成 %lld %s", (long long)c->done_quantity, c->quantity_unit);
}

const char *units_promise_text(struct arena *a, const struct units_commitment *c)
{
	char w[MONEY_FORMAT_SIZE];
	const char *what = c->kind == UC_MONEY ? money_format(c->amount_fen, w, sizeof w)
			   : c->quantity     ? arena_printf(a, "%lld %s", (long long)c->quantity, c->quantity_unit)
					     : "";
	const char *when = *c->due_on ? arena_printf(a, ",%s 前", c->due_on) : "";
	const char *period = c->period && *c->period ? arena_printf(a, ",%s", c->period) : "";
	return arena_printf(a, "%s%s%s%s%s", c->promise, *what ? ":" : "", what, period, when);
}

int units_page_window(struct req *r, int all, int64_t *page, int64_t *offset, int64_t *limit)
{
	*page = page_param(r);
	if (*page < 0 || page_offset(*page, UNITS_PER_PAGE, offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码不正确。");
	if (all) {
		*offset = 0;
		*page = 1;
	}
	*limit = all ? UNITS_EXPORT_MAX : UNITS_PER_PAGE + 1;
	return 0;
}

/* ---- the list ---- */

/* The page's units and what goes beside them. 0, or an http result. */
static int load_list(struct req *r, struct units_list_page *p, int all)
{
	int64_t offset, limit;
	int rc = units_page_window(r, all, &p->page, &offset, &limit);
	if (rc)
		return rc;
	if (units_unit_list(r->db, r->a, r->community->id, 1, offset, limit, &p->units, &p->n) < 0 ||
	    units_contribs(r->db, r->a, r->community->id, &p->contrib, &p->ncontrib) < 0)
		return HR_ERROR;
	if (!all && p->n > UNITS_PER_PAGE) {
		p->n = UNITS_PER_PAGE;
		p->has_next = 1;
	}
	return 0;
}

enum http_result units_h_list(struct req *r)
{
	struct units_list_page p = {0};
	int rc = load_list(r, &p, 0);
	if (rc)
		return rc;
	if (p.page == 1 && units_agreement_list(r->db, r->a, r->community->id, US_IN_FORCE, 0, 50, &p.in_force,
						&p.nin_force) < 0)
		return HR_ERROR;
	units_view_list(r, &p);
	return HR_OK;
}

enum http_result units_h_list_export(struct req *r)
{
	struct units_list_page p = {0};
	int rc = load_list(r, &p, 1);
	if (rc)
		return rc;
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s驻区单位", r->community->name), units_list_cols,
			       units_list_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	units_list_rows(&t, r, &p, 0);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, export_format(r->path));
}

/* ---- one unit ---- */

enum http_result units_h_unit(struct req *r)
{
	struct units_unit_page p = {0};
	int64_t id = units_id_param(r->param[1]);
	int rc = id ? units_unit_get(r->db, r->a, r->community->id, id, 0, &p.u) : UNITS_NOT_FOUND;
	if (rc == 0 && !p.u.active)
		rc = UNITS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个驻区单位。");
	struct units_commitment *cs;
	size_t n;
	if (units_agreements_of_unit(r->db, r->a, r->community->id, id, 0, &p.ags, &p.nags) < 0 ||
	    units_commitments(r->db, r->a, r->community->id, 0, id, 500, &cs, &n) < 0)
		return HR_ERROR;
	/* Only the commitments of the agreements shown (drafts are not). */
	p.cs = cs;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < p.nags; k++)
			if (p.ags[k].id == cs[i].agreement_id) {
				p.cs[p.ncs++] = cs[i];
				break;
			}
	units_view_unit(r, &p);
	return HR_OK;
}

/* ---- one agreement ---- */

enum http_result units_h_agreement(struct req *r)
{
	struct units_agreement_page p = {0};
	int64_t id = units_id_param(r->param[1]);
	int rc = id ? units_agreement_get(r->db, r->a, r->community->id, id, &p.g) : UNITS_NOT_FOUND;
	if (rc == 0 && p.g.state == US_DRAFT)
		rc = UNITS_NOT_FOUND;
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这份共建协议,或它还没有生效。");
	int64_t offset, limit;
	if ((rc = units_page_window(r, 0, &p.page, &offset, &limit)) != 0)
		return rc;
	if (units_commitments(r->db, r->a, r->community->id, id, 0, 500, &p.cs, &p.ncs) < 0 ||
	    units_fulfilments(r->db, r->a, r->community->id, id, 0, offset, (size_t)limit, &p.fs, &p.nfs) < 0)
		return HR_ERROR;
	if (p.nfs > UNITS_PER_PAGE) {
		p.nfs = UNITS_PER_PAGE;
		p.has_next = 1;
	}
	units_view_agreement(r, &p);
	return HR_OK;
}

/* ---- the yearly report ---- */

int units_report_load(struct req *r, int year, struct units_report_page *p)
{
	memset(p, 0, sizeof *p);
	p->year = year;
	if (units_report(r->db, r->a, r->community->id, year, &p->lines, &p->n) < 0)
		return -1;
	for (size_t i = 0; i < p->n; i++) {
		p->promised_fen += p->lines[i].promised_fen;
		p->done_fen += p->lines[i].done_fen;
		p->events += p->lines[i].events;
	}
	return 0;
}

/* /units/report/2026, /units/report/2026.csv, /units/report/2026.xlsx */
enum http_result units_h_report(struct req *r)
{
	const char *seg = r->param[1];
	const char *fmt = export_format(seg);
	char y[8] = {0};
	size_t n = strcspn(seg, ".");
	if (n == 4)
		memcpy(y, seg, 4);
	int year = units_parse_year(y);
	if (!year || (seg[n] && !fmt))
		return req_fail(r, HR_NOT_FOUND, "没有这一年的报告,请检查年份。");
	struct units_report_page p;
	if (units_report_load(r, year, &p) < 0)
		return HR_ERROR;
	if (!fmt) {
		units_view_report(r, &p);
		return HR_OK;
	}
	struct export_table x;
	struct table t;
	if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s%d年共驻共建报告", r->community->name, year),
			       units_report_cols, units_report_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	units_report_rows(&t, r->a, &p);
	if (table_end(&t) < 0)
		return req_error(r, "out of request memory for the export");
	return export_send(r, &x, fmt);
}
