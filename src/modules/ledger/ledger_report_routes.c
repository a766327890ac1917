/* The statements' handlers: the list of spans, a statement (and its
 * figures as a spreadsheet), handing it to the board, and a year's
 * entries as a workbook or CSV. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "modules/ledger/ledger_report.h"
#include "org/org.h"
#include "web/cards.h"
#include "web/export.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

#define SPANS_PAGE 50

/* The list's rows, newest year first: the year, its quarters, its months. */
static int span_rows(struct req *r, struct ledger_span_row **out, size_t *n)
{
	struct ledger_month *m;
	size_t nm;
	char through[8];
	const char **published;
	if (ledger_report_months(r->db, r->a, r->community->id, &m, &nm) < 0 ||
	    ledger_report_closed_through(r->db, r->community->id, through) < 0 ||
	    ledger_report_published(r->db, r->a, r->community->id, "finance", &published) < 0)
		return -1;
	*n = 0;
	if (!(*out = arena_alloc(r->a, (nm * 2 + 1) * sizeof **out)))
		return -1;
	for (size_t i = 0; i < nm; i++) {
		int year_new = i == 0 || strncmp(m[i].period, m[i - 1].period, 4);
		int q = (m[i].period[5] - '0') * 10 + (m[i].period[6] - '0');
		q = (q - 1) / 3 + 1;
		int q_new = year_new || ((m[i - 1].period[5] - '0') * 10 + (m[i - 1].period[6] - '0') - 1) / 3 + 1 != q;
		char spans[3][16];
		int kinds[3], k = 0;
		if (year_new) {
			snprintf(spans[k], sizeof spans[k], "%.4s", m[i].period);
			kinds[k++] = LEDGER_SPAN_YEAR;
		}
		if (q_new) {
			snprintf(spans[k], sizeof spans[k], "%.4s-Q%c", m[i].period, (char)('0' + q % 10));
			kinds[k++] = LEDGER_SPAN_QUARTER;
		}
		snprintf(spans[k], sizeof spans[k], "%s", m[i].period);
		kinds[k++] = LEDGER_SPAN_MONTH;
		for (int j = 0; j < k; j++) {
			struct ledger_span_row *s = &(*out)[(*n)++];
			char from[8], to[8];
			if (ledger_span_parse(spans[j], from, to, NULL) < 0 ||
			    !(s->title = ledger_span_title(r->a, kinds[j], from)))
				return -1;
			snprintf(s->span, sizeof s->span, "%.7s", spans[j]);
			s->kind = kinds[j];
			s->closed = *through && strcmp(to, through) <= 0;
			s->published = 0;
			for (const char **p = published; *p && !s->published; p++)
				s->published = !strcmp(*p, s->span);
		}
	}
	return 0;
}

static enum http_result statements(struct req *r, const char *format)
{
	int64_t page = format ? 1 : page_param(r), offset;
	if (page_offset(page, SPANS_PAGE, &offset) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这一页。");
	struct ledger_span_row *rows;
	size_t n;
	if (span_rows(r, &rows, &n) < 0)
		return HR_ERROR;
	if (format) {
		struct table t;
		struct export_table x;
		if (table_begin_export(&t, r->a, &x, "财务报表", ledger_span_cols, LEDGER_SPAN_NCOLS) < 0)
			return HR_ERROR;
		for (size_t i = 0; i < n; i++)
			ledger_span_row(r, &t, &rows[i]);
		if (table_end(&t) < 0)
			return req_error(r, "cannot build the statements' export");
		return export_send(r, &x, format);
	}
	size_t first = (size_t)offset < n ? (size_t)offset : n;
	size_t shown = n - first < SPANS_PAGE ? n - first : SPANS_PAGE;
	ledger_view_statements(r, rows + first, shown, page, first + shown < n);
	return HR_OK;
}

enum http_result ledger_report_h_list(struct req *r)
{
	return statements(r, NULL);
}

/* Shows the statement of span, with what the board got of it. */
static enum http_result statement(struct req *r, const char *span, const char *format, const char *refusal)
{
	struct ledger_statement st;
	char from[8], to[8];
	if (ledger_span_parse(span, from, to, NULL) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这个报表期间。请写成 2026-10、2026-Q3 或 2026。");
	if (ledger_statement(r->db, r->a, r->community->id, span, LEDGER_BIG_FEN, &st) < 0)
		return req_error(r, "cannot read the statement");
	if (format) {
		int ncols;
		const struct tcol *cols = ledger_statement_cols(&ncols);
		struct table t;
		struct export_table x;
		if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s收支情况", st.title), cols, ncols) < 0)
			return HR_ERROR;
		ledger_statement_table(&t, &st);
		if (table_end(&t) < 0)
			return req_error(r, "cannot build the statement's export");
		return export_send(r, &x, format);
	}
	struct ledger_statement_view v = {0};
	int rc = ledger_report_publication(r->db, r->community->id, "finance", span, &v.post_id);
	if (rc < 0)
		return HR_ERROR;
	v.fresh = kv_get(&r->q, "done") != NULL;
	v.refusal = refusal;
	ledger_view_statement(r, &st, span, &v);
	return HR_OK;
}

enum http_result ledger_report_h_statement(struct req *r)
{
	const char *p = r->param[1], *format = export_format(p);
	if (format && !strncmp(p, "statements.", 11))
		return statements(r, format);
	char span[8];
	size_t n = strlen(p) - (format ? strlen(format) + 1 : 0);
	if (n >= sizeof span)
		return req_fail(r, HR_NOT_FOUND, "没有这个报表期间。请写成 2026-10、2026-Q3 或 2026。");
	snprintf(span, sizeof span, "%.*s", (int)n, p);
	return statement(r, span, format, NULL);
}

enum http_result ledger_report_h_publish(struct req *r)
{
	const char *span = r->param[1];
	char from[8], to[8];
	if (ledger_span_parse(span, from, to, NULL) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这个报表期间。");
	int64_t post_id;
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin the publication's transaction");
	int rc = ledger_statement_publish(r->db, r->a, r->community->id, span, r->user->id, r->now, &post_id);
	if (rc < 0) {
		db_rollback(r->db);
		return req_error(r, "cannot hand the statement to the board");
	}
	if (rc == LEDGER_DUP_NAME) { /* handed over already: show that post */
		db_rollback(r->db);
		return req_redirect(r, url_c(r->a, r->community->slug,
		                             arena_printf(r->a, "/admin/ledger/statements/%s", span)));
	}
	if (rc) {
		db_rollback(r->db);
		enum http_result hr = statement(
		    r, span, NULL,
		    rc == LEDGER_STATE    ? "报表期间还有月份未结账,结账后才能提交到公开栏。"
		    : rc == LEDGER_BEFORE ? "这个期间在本社区开始记账之前,没有收支可以公开。"
		                          : "本社区的公开目录中没有“财务收支”事项(或已停用),请先在公开栏管理的公开目录中添加。");
		if (hr != HR_OK)
			return hr;
		r->body_written = 1;
		return HR_INVALID;
	}
	if (req_audit_commit(r, "ledger.statement_publish", "disclosure_post", post_id,
	                     arena_printf(r->a, "%s财务收支", span)) < 0)
		return HR_ERROR;
	return req_redirect(r, url_c(r->a, r->community->slug,
	                             arena_printf(r->a, "/admin/ledger/statements/%s?done=1", span)));
}

enum http_result ledger_report_h_export(struct req *r)
{
	const char *p = r->param[1], *format = export_format(p);
	int year = 0;
	if (!format || strlen(p) != 5 + strlen(format) || sscanf(p, "%4d.", &year) != 1 || year < 2000)
		return req_fail(r, HR_NOT_FOUND, "没有这个导出。请选择年份,如 2026.xlsx 或 2026.csv。");
	const char *title;
	int rc = ledger_export_year(r->db, r->a, r->community->id, year, !strcmp(format, "xlsx"), LEDGER_EXPORT_MAX,
	                            r->out, &title);
	if (rc == 1) {
		buf_reset(r->out);
		return req_fail(r, HR_INVALID, LEDGER_EXPORT_TOO_BIG);
	}
	if (rc < 0)
		return req_error(r, "cannot write the year's export");
	export_disposition(r, arena_printf(r->a, "%s%s", r->community->name, title), format);
	return HR_OK;
}

int ledger_report_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c)
		return 0;
	struct ymd d = date_add_months(date_from_time(r->now), -12);
	char since[16];
	snprintf(since, sizeof since, "%04u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u);
	int64_t n;
	if (ledger_report_unpublished(r->db, c->id, since, &n) < 0)
		return -1;
	return workbench_card(w, "财务报表待公开", n, url_c(r->a, c->slug, "/admin/ledger/statements/"),
	                      "已结账月份的收支报表还没有提交到公开栏(单月、所在季度或年度均可)", WB_TODO, NULL, 0);
}
