#include "web/table.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "web/html.h"
#include "web/link.h"

/* 1 if column c is shown in t's mode. */
static int shown(const struct table *t, int c)
{
	return !(t->cols[c].flags & (t->b ? TCOL_EXPORT : TCOL_PAGE));
}

void table_begin(struct table *t, struct buf *b, const char *cls, const char *label, const struct tcol *cols,
		 int ncols, unsigned opts, const char *empty)
{
	memset(t, 0, sizeof *t);
	t->b = b;
	t->cols = cols;
	t->ncols = ncols;
	t->opts = opts;
	t->empty = empty ? empty : "暂无记录";
	t->col = -1;
	if (opts & TABLE_WIDE) {
		/* A region that scrolls must be reachable and named for keyboard users. */
		H(b, "<div class=\"wide");
		if (opts & TABLE_CARDS)
			H(b, " table-cards");
		H(b, "\" role=\"region\" tabindex=\"0\" aria-label=\"");
		h_attr(b, label);
		H(b, "\">");
	} else if (opts & TABLE_CARDS) {
		H(b, "<div class=\"table-cards\">");
	}
	H(b, "<table");
	if (cls) {
		H(b, " class=\"");
		h_attr(b, cls);
		H(b, "\"");
	}
	H(b, ">");
	if (label) {
		if (opts & TABLE_CAPTION)
			H(b, "<caption>");
		else
			H(b, "<caption class=\"vh\">");
		h_text(b, label);
		H(b, "</caption>");
	}
	H(b, "<thead><tr>");
	for (int c = 0; c < ncols; c++) {
		if (!shown(t, c))
			continue;
		H(b, "<th scope=\"col\"");
		if (cols[c].flags & TCOL_NUM)
			H(b, " class=\"num\"");
		H(b, ">");
		h_text(b, cols[c].label);
		H(b, "</th>");
	}
	H(b, "</tr></thead><tbody>");
}

int table_begin_export(struct table *t, struct arena *a, struct export_table *x, const char *title,
		       const struct tcol *cols, int ncols)
{
	memset(t, 0, sizeof *t);
	t->x = x;
	t->a = a;
	t->cols = cols;
	t->ncols = ncols;
	t->col = -1;
	int n = 0;
	const char **heads = arena_alloc(a, ((size_t)ncols + 1) * sizeof *heads);
	t->row = arena_alloc(a, ((size_t)ncols + 1) * sizeof *t->row);
	t->kinds = arena_alloc(a, (size_t)ncols + 1);
	if (!heads || !t->row || !t->kinds)
		return -1;
	for (int c = 0; c < ncols; c++)
		if (shown(t, c))
			heads[n++] = cols[c].xlabel ? cols[c].xlabel : cols[c].label;
	return export_begin(x, a, title, heads, n);
}

/* Adds the export row being filled. */
static void export_flush(struct table *t)
{
	if (export_row_kinds(t->x, t->row, t->kinds) < 0)
		t->err = 1;
}

void table_tr(struct table *t, const char *cls)
{
	if (t->col >= 0) {
		if (t->b)
			H(t->b, "</tr>");
		else
			export_flush(t);
	}
	t->col = 0;
	if (!t->b) {
		memset(t->row, 0, ((size_t)t->ncols + 1) * sizeof *t->row);
		memset(t->kinds, EXPORT_TEXT, (size_t)t->ncols + 1);
		return;
	}
	H(t->b, "<tr");
	if (cls) {
		H(t->b, " class=\"");
		h_attr(t->b, cls);
		H(t->b, "\"");
	}
	H(t->b, ">");
}

/* The export index of the current column: how many shown columns precede it. */
static int export_index(const struct table *t)
{
	int n = 0;
	for (int c = 0; c < t->col; c++)
		n += shown(t, c);
	return n;
}

/* The export slot of the current column. */
static const char **export_slot(struct table *t)
{
	return &t->row[export_index(t)];
}

/* Opens the current column's cell. Returns 1 when the page shows it (its
 * markup is open), 2 when the export takes it, 0 when this mode leaves it out
 * (the column is passed). A cell outside a row or past the last column is a
 * programming error: it is dropped and table_end reports it. */
static int cell_open(struct table *t)
{
	if (t->col < 0 || t->col >= t->ncols) {
		t->err = 1;
		return 0;
	}
	if (!shown(t, t->col)) {
		t->col++;
		return 0;
	}
	if (!t->b)
		return 2;
	const struct tcol *c = &t->cols[t->col];
	int head = (c->flags & TCOL_ROWHEAD) != 0;
	if (head)
		H(t->b, "<th scope=\"row\"");
	else
		H(t->b, "<td");
	if (c->flags & TCOL_NUM)
		H(t->b, " class=\"num\"");
	/* A card names each value; its row header is the card's title. */
	if ((t->opts & TABLE_CARDS) && !head) {
		H(t->b, " data-label=\"");
		h_attr(t->b, c->label);
		H(t->b, "\"");
	}
	H(t->b, ">");
	return 1;
}

/* Closes the cell cell_open opened (mode 1 or 2) and moves to the next column. */
static void cell_close(struct table *t, int mode)
{
	if (mode == 1 && (t->cols[t->col].flags & TCOL_ROWHEAD))
		H(t->b, "</th>");
	else if (mode == 1)
		H(t->b, "</td>");
	if (mode)
		t->col++;
}

/* Sets the export value of the open cell (copied when the row is added)
 * and its kind. */
static void export_value(struct table *t, const char *v, enum export_kind k)
{
	int i = export_index(t);
	t->row[i] = v;
	t->kinds[i] = (unsigned char)k;
	if (!v)
		t->err = 1;
}

void table_text(struct table *t, const char *s)
{
	int m = cell_open(t);
	if (m == 1)
		h_text(t->b, s);
	else if (m == 2)
		*export_slot(t) = s;
	cell_close(t, m);
}

void table_int(struct table *t, int64_t v)
{
	int m = cell_open(t);
	if (m == 1)
		h_int(t->b, v);
	else if (m == 2)
		export_value(t, arena_printf(t->a, "%lld", (long long)v), EXPORT_INT);
	cell_close(t, m);
}

void table_money(struct table *t, int64_t fen)
{
	int m = cell_open(t);
	if (m == 1) {
		h_money(t->b, fen);
	} else if (m == 2) {
		/* A plain decimal that a spreadsheet reads as a number. */
		uint64_t v = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
		export_value(t, arena_printf(t->a, "%s%llu.%02u", fen < 0 ? "-" : "",
					     (unsigned long long)(v / 100), (unsigned)(v % 100)),
			     EXPORT_MONEY);
	}
	cell_close(t, m);
}

void table_percent(struct table *t, int tenths)
{
	int m = cell_open(t);
	char s[32] = "—"; /* on a page, t->a is NULL (table_begin): format here */
	if (tenths >= 0)
		snprintf(s, sizeof s, "%d.%d%%", tenths / 10, tenths % 10);
	if (m == 1)
		h_text(t->b, s);
	else if (m == 2)
		export_value(t, arena_strdup(t->a, s), tenths < 0 ? EXPORT_TEXT : EXPORT_PERCENT);
	cell_close(t, m);
}

/* A formatted time: <time> on the page, the text in the export. */
static void time_cell(struct table *t, int64_t time, void (*html)(struct buf *, int64_t),
		      char *(*format)(int64_t, char *, size_t))
{
	char s[32];
	int m = cell_open(t);
	if (m == 1)
		html(t->b, time);
	else if (m == 2)
		export_value(t, arena_strdup(t->a, format(time, s, sizeof s)), EXPORT_TEXT);
	cell_close(t, m);
}

void table_date(struct table *t, int64_t time)
{
	time_cell(t, time, h_date, clock_format_date_cst);
}

void table_time(struct table *t, int64_t time)
{
	time_cell(t, time, h_time, clock_format_cst);
}

void table_link(struct table *t, const char *href, const char *text)
{
	int m = cell_open(t);
	if (m == 1)
		h_link(t->b, href, text);
	else if (m == 2)
		*export_slot(t) = text;
	cell_close(t, m);
}

struct buf *table_cell(struct table *t, const char *text)
{
	t->open = cell_open(t);
	if (t->open == 2)
		*export_slot(t) = text;
	return t->open == 1 ? t->b : NULL;
}

void table_cell_end(struct table *t)
{
	cell_close(t, t->open);
	t->open = 0;
}

int table_end(struct table *t)
{
	if (!t->b) {
		if (t->col >= 0)
			export_flush(t);
		return t->err || t->a->failed ? -1 : 0;
	}
	struct buf *b = t->b;
	if (t->col >= 0) {
		H(b, "</tr>");
	} else {
		int n = 0;
		for (int c = 0; c < t->ncols; c++)
			n += shown(t, c);
		H(b, "<tr><td class=\"empty\" colspan=\"");
		h_int(b, n);
		H(b, "\">");
		h_text(b, t->empty);
		H(b, "</td></tr>");
	}
	H(b, "</tbody></table>");
	if (t->opts & (TABLE_WIDE | TABLE_CARDS))
		H(b, "</div>");
	return t->err ? -1 : 0;
}
