/* Tables described once: a list page and its .csv/.xlsx export share one
 * array of columns and one function that writes the rows. The same cell calls
 * write HTML cells on the page (table_begin) or plain values into an export
 * table (table_begin_export, then export_send). A list page is then:
 *
 *	static const struct tcol cols[] = {{"姓名", TCOL_ROWHEAD, NULL}, {"金额", TCOL_NUM, "金额(元)"}};
 *	static void rows(struct table *t, ...) { for (...) { table_tr(t, NULL); table_text(t, ..); table_money(t, ..); } }
 *	page:   table_begin(&t, r->out, NULL, "名单", cols, 2, TABLE_CARDS, NULL); rows(&t, ...); table_end(&t);
 *	export: table_begin_export(&t, r->a, &x, title, cols, 2); rows(&t, ...); table_end(&t); export_send(r, &x, ..);
 */
#ifndef SHEQU_WEB_TABLE_H
#define SHEQU_WEB_TABLE_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "web/export.h"

enum tcol_flag {
	TCOL_NUM = 1,	  /* numbers and money: right-aligned, tabular figures */
	TCOL_ROWHEAD = 2, /* the row's header: <th scope="row"> on the page */
	TCOL_PAGE = 4,	  /* on the page only (actions, badges) */
	TCOL_EXPORT = 8,  /* in the export only (details the page leaves out) */
};

struct tcol {
	const char *label;  /* the column header, in Chinese */
	unsigned flags;	    /* enum tcol_flag */
	const char *xlabel; /* the export's header when it says more ("金额(元)"); NULL: label */
};

enum table_opt {
	/* Inside a horizontal-scroll region (div.wide, focusable and named by the label). */
	TABLE_WIDE = 1,
	/* On narrow screens each row stacks into a card (div.table-cards), every
	 * cell named by its column (data-label). */
	TABLE_CARDS = 2,
	/* The label shows as the caption; without it the caption is for screen readers only. */
	TABLE_CAPTION = 4,
};

struct table {
	struct buf *b;		/* page mode: the page */
	struct export_table *x; /* export mode: the export */
	struct arena *a;	/* export mode: cell values until the row is added */
	const struct tcol *cols;
	int ncols;
	unsigned opts;
	const char *empty; /* the message row of a table without rows */
	int col;	   /* the column the next cell fills; -1 before the first row */
	const char **row; /* export mode: the values of the row being filled */
	unsigned char *kinds; /* and their enum export_kind */
	int open;	  /* table_cell's cell: 1 on the page, 2 in the export, 0 none */
	int err;	  /* a row could not be added, or a cell had no column */
};

/* Opens a table on page b: the wrapper the options ask for, <table> with
 * class cls (may be NULL), a caption holding label, the header row of the
 * columns shown on pages (scope=col), and <tbody>. empty is the message of a
 * table that gets no rows (NULL: "暂无记录"). */
void table_begin(struct table *t, struct buf *b, const char *cls, const char *label, const struct tcol *cols,
		 int ncols, unsigned opts, const char *empty);
/* Prepares an export of the same columns (TCOL_PAGE ones left out), titled
 * title (sheet and file name). 0 or -1. */
int table_begin_export(struct table *t, struct arena *a, struct export_table *x, const char *title,
		       const struct tcol *cols, int ncols);
/* Starts a row (closing the one before); cls, a class for the row's <tr>, may
 * be NULL. Cells then fill the columns in order, one call per column. */
void table_tr(struct table *t, const char *cls);
/* Text (NULL: an empty cell). */
void table_text(struct table *t, const char *s);
/* A whole number (a number in a workbook). */
void table_int(struct table *t, int64_t v);
/* Money in fen: ¥1,234.56 on the page, 1234.56 in CSV, a number formatted
 * ¥#,##0.00 in a workbook. */
void table_money(struct table *t, int64_t fen);
/* A rate in tenths of a percent (873: "87.3%"), or "—" when negative (no
 * denominator); a number formatted as a percentage in a workbook. */
void table_percent(struct table *t, int tenths);
/* The date of a time, YYYY-MM-DD in China Standard Time. */
void table_date(struct table *t, int64_t time);
/* A time, YYYY-MM-DD HH:MM in China Standard Time. */
void table_time(struct table *t, int64_t time);
/* A link to href with text; the export keeps the text. */
void table_link(struct table *t, const char *href, const char *text);
/* A cell whose page markup the caller writes: returns the page to write it
 * into, or NULL when this mode does not show the column or is the export,
 * where the cell's value is text. End it with table_cell_end either way. */
struct buf *table_cell(struct table *t, const char *text);
void table_cell_end(struct table *t);
/* Closes the last row; a table without rows gets its message row. Closes
 * the table (and wrapper) on a page, or checks the export. 0 or -1. */
int table_end(struct table *t);

#endif
