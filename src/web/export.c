#include "core/str.h"
#include "web/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "web/html.h"

int export_begin(struct export_table *t, struct arena *a, const char *title, const char *const *headers, int ncols)
{
	memset(t, 0, sizeof *t);
	t->title = title;
	t->headers = headers;
	t->ncols = ncols;
	t->a = a;
	t->cap = 64;
	t->cells = arena_alloc(a, t->cap * (size_t)ncols * sizeof *t->cells);
	t->kinds = arena_alloc(a, t->cap * (size_t)ncols);
	return t->cells && t->kinds ? 0 : -1;
}

int export_row_kinds(struct export_table *t, const char *const *values, const unsigned char *kinds)
{
	size_t n = (size_t)t->ncols;
	if (t->nrows == t->cap) {
		const char **bigger = arena_alloc(t->a, 2 * t->cap * n * sizeof *bigger);
		unsigned char *kbigger = arena_alloc(t->a, 2 * t->cap * n);
		if (!bigger || !kbigger)
			return -1;
		memcpy(bigger, t->cells, t->cap * n * sizeof *bigger);
		memcpy(kbigger, t->kinds, t->cap * n);
		t->cells = bigger;
		t->kinds = kbigger;
		t->cap *= 2;
	}
	for (size_t c = 0; c < n; c++) {
		t->cells[t->nrows * n + c] = arena_strdup(t->a, values[c] ? values[c] : "");
		t->kinds[t->nrows * n + c] = kinds ? kinds[c] : EXPORT_TEXT;
	}
	t->nrows++;
	return t->a->failed ? -1 : 0;
}

int export_row(struct export_table *t, const char *const *values)
{
	return export_row_kinds(t, values, NULL);
}

/* 1 if v is a number of kind k as the table cells write them: an optional
 * minus and digits, for money a point and two decimals, for a percentage
 * a point, one decimal and "%"; at most 15 digits in all, so that a
 * spreadsheet holds it exactly. */
static int number_text(const char *v, unsigned char k)
{
	const char *p = v + (*v == '-');
	size_t d = strspn(p, "0123456789");
	if (!d || d > (k == EXPORT_INT ? 15u : 13u))
		return 0;
	if (k == EXPORT_INT)
		return !p[d];
	if (k == EXPORT_PERCENT)
		return p[d] == '.' && strspn(p + d + 1, "0123456789") == 1 && p[d + 2] == '%' && !p[d + 3];
	return k == EXPORT_MONEY && p[d] == '.' && strspn(p + d + 1, "0123456789") == 2 && !p[d + 3];
}

/* A CSV field; number says it is one of ours (digits, '-', '.'), not text
 * from outside, so a minus sign is not guarded as a formula. */
static void csv_field(struct buf *out, const char *v, int number)
{
	/* Spreadsheets run a cell starting with these as a formula (a tab or
	 * carriage return first is skipped by some, then the rest runs). */
	int guard = !number &&
		    (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r');
	int quote = guard || strpbrk(v, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(out, '"');
	if (guard)
		buf_putc(out, '\'');
	for (; *v; v++) {
		if (*v == '"')
			buf_putc(out, '"');
		buf_putc(out, *v);
	}
	if (quote)
		buf_putc(out, '"');
}

void export_csv(struct buf *out, const struct export_table *t)
{
	buf_puts(out, "\xEF\xBB\xBF");
	for (int c = 0; c < t->ncols; c++) {
		if (c)
			buf_putc(out, ',');
		csv_field(out, t->headers[c], 0);
	}
	buf_puts(out, "\r\n");
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				buf_putc(out, ',');
			size_t i = r * (size_t)t->ncols + (size_t)c;
			csv_field(out, t->cells[i], t->kinds[i] != EXPORT_TEXT && number_text(t->cells[i], t->kinds[i]));
		}
		buf_puts(out, "\r\n");
	}
}

/* The table's title as a sheet name: without the characters Excel refuses
 * in one ([ ] : * ? / \\), at most 31 characters; NULL (Sheet1) when
 * nothing is left. */
static const char *sheet_name(const char *title, char out[128])
{
	size_t o = 0, chars = 0;
	for (const unsigned char *p = (const unsigned char *)(title ? title : ""); *p && chars < 31;) {
		size_t len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
		if (*p < 0x80 && (strchr("[]:*?/\\'", *p) || *p < 0x20)) {
			p++;
			continue;
		}
		size_t k = 0;
		while (k < len && p[k] && o + len < 127)
			k++;
		if (k < len)
			break; /* a cut sequence at the end, or no room */
		memcpy(out + o, p, len);
		o += len;
		p += len;
		chars++;
	}
	out[o] = 0;
	return o ? out : NULL;
}

struct xlsx_formats {
	lxw_format *bold, *money, *whole, *percent;
};

/* Writes t as a worksheet of wb, headers bold and frozen, numbers as
 * numbers. 0, or -1 when the sheet cannot be added or the arena fails. */
static int xlsx_sheet(lxw_workbook *wb, const struct xlsx_formats *f, const struct export_table *t)
{
	char sheet[32 * 4];
	const char *title = t->title ? str_xml_clean(t->a, t->title) : NULL;
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet_name(title, sheet));
	if (!ws)
		return -1;
	int oom = 0;
	for (int c = 0; c < t->ncols; c++) {
		const char *h = str_xml_clean(t->a, t->headers[c]);
		if (h)
			worksheet_write_string(ws, 0, (lxw_col_t)c, h, f->bold);
		else
			oom = 1;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 16, NULL);
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			size_t i = r * (size_t)t->ncols + (size_t)c;
			const char *v = t->cells[i];
			lxw_row_t row = (lxw_row_t)(r + 1);
			if (t->kinds[i] == EXPORT_PERCENT && number_text(v, t->kinds[i]))
				/* "87.3%" is the fraction 0.873, shown as a percentage. */
				worksheet_write_number(ws, row, (lxw_col_t)c, strtod(v, NULL) / 100, f->percent);
			else if (t->kinds[i] != EXPORT_TEXT && number_text(v, t->kinds[i]))
				/* At most 15 digits: exact as a double. */
				worksheet_write_number(ws, row, (lxw_col_t)c, strtod(v, NULL),
						       t->kinds[i] == EXPORT_MONEY ? f->money : f->whole);
			else if ((v = str_xml_clean(t->a, v)) != NULL)
				worksheet_write_string(ws, row, (lxw_col_t)c, v, NULL);
			else
				oom = 1;
		}
	worksheet_freeze_panes(ws, 1, 0);
	return oom ? -1 : 0;
}

int export_xlsx_book(struct buf *out, const struct export_table *t, size_t n)
{
	if (n == 0)
		return -1;
	/* libxlsxwriter 1.1.4 writes to files only: the workbook and its own
	 * temporary files go into a directory only this process may enter,
	 * removed before returning. */
	const char *tmp = getenv("TMPDIR");
	char dir[256], path[300];
	snprintf(dir, sizeof dir, "%s/shequ-xlsx-XXXXXX", tmp && *tmp && strlen(tmp) < 200 ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/export.xlsx", dir);
	lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = dir};
	lxw_workbook *wb = workbook_new_opt(path, &opts);
	int rc = -1, bad = !wb;
	if (wb) {
		struct xlsx_formats f = {workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
					 workbook_add_format(wb)};
		format_set_bold(f.bold);
		format_set_num_format(f.money, "\"¥\"#,##0.00;-\"¥\"#,##0.00");
		format_set_num_format(f.whole, "0");
		format_set_num_format(f.percent, "0.0%");
		for (size_t i = 0; i < n && !bad; i++)
			bad = xlsx_sheet(wb, &f, &t[i]) < 0;
	}
	if (wb && workbook_close(wb) == LXW_NO_ERROR && !bad) {
		FILE *f = fopen(path, "rb");
		char chunk[65536];
		size_t got;
		while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_append(out, chunk, got);
		if (f) {
			rc = ferror(f) || out->err ? -1 : 0;
			fclose(f);
		}
	}
	unlink(path);
	rmdir(dir);
	return rc;
}

int export_xlsx(struct buf *out, const struct export_table *t)
{
	return export_xlsx_book(out, t, 1);
}

const char *export_format(const char *path)
{
	size_t n = strlen(path);
	if (n > 4 && !strcmp(path + n - 4, ".csv"))
		return "csv";
	if (n > 5 && !strcmp(path + n - 5, ".xlsx"))
		return "xlsx";
	return NULL;
}

void export_disposition(struct req *r, const char *title, const char *format)
{
	int xlsx = format && !strcmp(format, "xlsx");
	r->content_type_out = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				   : "text/csv; charset=utf-8";
	struct buf cd;
	buf_init(&cd, 1024);
	buf_puts(&cd, "attachment; filename*=UTF-8''");
	h_url(&cd, title);
	buf_puts(&cd, xlsx ? ".xlsx" : ".csv");
	req_header(r, "content-disposition", cd.err ? "attachment" : arena_strdup(r->a, cd.data));
	buf_free(&cd);
	r->cache_control = "no-store";
}

enum http_result export_send(struct req *r, const struct export_table *t, const char *format)
{
	int xlsx = format && !strcmp(format, "xlsx");
	if (xlsx) {
		if (export_xlsx(r->out, t) < 0)
			return req_error(r, "cannot write the XLSX workbook");
	} else {
		export_csv(r->out, t);
	}
	export_disposition(r, t->title, format);
	return HR_OK;
}
