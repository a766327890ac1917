/* Lists leave as spreadsheets: every list page can offer CSV (UTF-8 with a
 * byte-order mark, so Excel and WPS open it right) and XLSX (libxlsxwriter). */
#ifndef SHEQU_WEB_EXPORT_H
#define SHEQU_WEB_EXPORT_H
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/request.h"

/* What a cell holds: a spreadsheet sums numbers, so a workbook writes them
 * as numbers; CSV writes every kind as the same plain text. */
enum export_kind {
	EXPORT_TEXT,
	EXPORT_INT,   /* a whole number in decimal ("-12") */
	EXPORT_MONEY, /* yuan with two decimals ("1234.56"): ¥#,##0.00 in a workbook */
	EXPORT_PERCENT, /* a percentage with one decimal ("87.3%"): 0.873 shown as 0.0% in a workbook */
};

struct export_table {
	const char *title; /* sheet name and file name, Chinese allowed */
	int ncols;
	const char *const *headers;
	const char **cells;    /* nrows * ncols, row by row; NULL reads as "" */
	unsigned char *kinds;  /* the same cells' enum export_kind */
	size_t nrows, cap;
	struct arena *a;
};

/* Starts a table with these column headers. 0 or -1. */
int export_begin(struct export_table *t, struct arena *a, const char *title, const char *const *headers, int ncols);
/* Adds a row of ncols values (copied), all text. 0 or -1. */
int export_row(struct export_table *t, const char *const *values);
/* The same with each value's enum export_kind (kinds may be NULL: text). A
 * value of a number kind that does not read as one is written as text. */
int export_row_kinds(struct export_table *t, const char *const *values, const unsigned char *kinds);
/* Writes the table as CSV (RFC 4180 quoting; a value starting with = + - @
 * gets a leading ' so a spreadsheet never runs it as a formula). */
void export_csv(struct buf *out, const struct export_table *t);
/* Writes the table as an XLSX workbook: numbers as numbers (money with a
 * ¥ format and thousands separators), the rest as text. 0 or -1. */
int export_xlsx(struct buf *out, const struct export_table *t);
/* Writes n tables (n >= 1) as one workbook, a worksheet each in order,
 * named by their titles (which must differ once cleaned), written as
 * export_xlsx writes one. 0 or -1. */
int export_xlsx_book(struct buf *out, const struct export_table *t, size_t n);
/* Answers the request with the table as "csv" or "xlsx" (from a path ending
 * in .csv / .xlsx), with Content-Disposition. HR_OK or HR_ERROR. */
enum http_result export_send(struct req *r, const struct export_table *t, const char *format);
/* Says the answer (already in r->out) is a download of title as "csv" or
 * "xlsx": content type, Content-Disposition, never kept. */
void export_disposition(struct req *r, const char *title, const char *format);
/* "csv" or "xlsx" when path ends in .csv or .xlsx, else NULL. */
const char *export_format(const char *path);

#endif
