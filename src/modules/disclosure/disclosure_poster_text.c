/* A post's Markdown as a wall poster prints it: plain text, with each row
 * of a table written out as "列名:值" pairs instead of raw pipes. Pure. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "modules/disclosure/disclosure_internal.h"
#include "web/html.h"

#define CELLS_MAX 32

/* Splits a table line "| a | b |" into at most CELLS_MAX cells (pointers
 * into line, which is cut in place); returns how many. A "\|" stays in
 * its cell. */
static int split_cells(char *line, char **cells)
{
	char *p = line;
	while (*p == ' ')
		p++;
	if (*p == '|')
		p++;
	size_t n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\r'))
		p[--n] = 0;
	if (n && p[n - 1] == '|' && (n < 2 || p[n - 2] != '\\'))
		p[--n] = 0;
	int k = 0;
	char *start = p;
	for (char *q = p;; q++) {
		if (*q == 0 || (*q == '|' && (q == p || q[-1] != '\\'))) {
			int end = *q == 0;
			*q = 0;
			char *c = start;
			while (*c == ' ')
				c++;
			size_t m = strlen(c);
			while (m && c[m - 1] == ' ')
				c[--m] = 0;
			if (k < CELLS_MAX)
				cells[k++] = c;
			if (end)
				break;
			start = q + 1;
		}
	}
	return k;
}

/* Whether a line is a table's delimiter row ("| --- | :-: |"). */
static int delimiter_row(const char *s)
{
	int dash = 0;
	for (; *s; s++) {
		if (*s == '-')
			dash = 1;
		else if (!strchr("|: \r", *s))
			return 0;
	}
	return dash;
}

char *disclosure_poster_body(const char *md)
{
	char *plain = markdown_plaintext(md ? md : "", 0);
	if (!plain)
		return NULL;
	struct buf out;
	buf_init(&out, (size_t)4 << 20);
	char *head[CELLS_MAX];
	int nhead = 0, in_table = 0;
	for (char *line = plain; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		const char *t = line;
		while (*t == ' ')
			t++;
		if (*t != '|') {
			in_table = 0;
			buf_puts(&out, line);
			buf_putc(&out, '\n');
		} else if (!in_table) {
			/* The header: kept as the names of the cells below. */
			in_table = 1;
			nhead = split_cells(line, head);
		} else if (!delimiter_row(t)) {
			char *cells[CELLS_MAX];
			int n = split_cells(line, cells);
			for (int i = 0; i < n; i++) {
				if (i)
					buf_puts(&out, ";");
				if (i < nhead && *head[i]) {
					buf_puts(&out, head[i]);
					buf_puts(&out, ":");
				}
				buf_puts(&out, cells[i]);
			}
			buf_putc(&out, '\n');
		}
		line = nl ? nl + 1 : NULL;
	}
	char *s = out.err ? NULL : strdup(out.data ? out.data : "");
	buf_free(&out);
	free(plain);
	return s;
}
