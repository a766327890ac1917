/* Charts as inline SVG, written through the HTML builder: bars and lines
 * over a row of labelled slots (months), with a title and a description
 * for screen readers and a legend in HTML (so that it grows with the large
 * text mode). Colours come with a dash pattern per line, so that lines are
 * told apart without colour. A chart is a picture of figures the page also
 * gives as a table: the caller writes that table (web/table.h) beside it. */
#ifndef SHEQU_WEB_CHART_H
#define SHEQU_WEB_CHART_H
#include <stdint.h>

#include "core/buf.h"

enum chart_kind { CHART_BAR, CHART_LINE };

/* One series: a value per slot; a negative value is "none" (no bar, a gap
 * in the line). */
struct chart_series {
	const char *label; /* Chinese, in the legend */
	enum chart_kind kind;
	const int64_t *v;
};

#define CHART_MAX_SLOTS 60
#define CHART_MAX_SERIES 4

struct chart {
	const char *id;       /* unique on the page: the ids of the title and description */
	const char *title;    /* the chart's name, also its caption */
	const char *desc;     /* what it shows, in a sentence; NULL: none */
	int n;                /* slots, at most CHART_MAX_SLOTS */
	const char *const *x; /* the slots' labels ("7月") */
	const struct chart_series *s;
	int ns; /* at most CHART_MAX_SERIES */
	/* Values are tenths of a percent (0..1000) on a 0–100% axis; else
	 * whole numbers on an axis from 0 to a round number above the largest. */
	int percent;
};

/* Writes the chart as <figure class="chart"> holding the SVG (role=img,
 * named by its title and description), the legend and the caption. */
void chart_svg(struct buf *b, const struct chart *c);

/* The top of a count axis: the least of 1, 2, 5 × 10^k with 4 ticks
 * reaching max (4 for max <= 4). Pure; exported for its test. */
int64_t chart_axis_top(int64_t max);

#endif
