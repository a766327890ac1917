/* Inline SVG charts: a fixed drawing box scaled to the page's width by its
 * viewBox; numbers in the markup are the chart's own coordinates, every
 * text goes through the escaping writers. */
#include "web/chart.h"

#include "web/html.h"

#define W 640
#define HT 240
#define LEFT 52
#define RIGHT 12
#define TOP 14
#define BOTTOM 34
#define PLOT_W (W - LEFT - RIGHT)
#define PLOT_H (HT - TOP - BOTTOM)

/* Colours with 3:1 contrast or more on white, and a dash per line. */
static const char *const colour[CHART_MAX_SERIES] = {"#1f5fa8", "#b5531c", "#2a7a3f", "#7a3f9a"};
static const char *const dash[CHART_MAX_SERIES] = {"", "6 3", "2 3", "8 3 2 3"};

int64_t chart_axis_top(int64_t max)
{
	if (max <= 4)
		return 4;
	for (int64_t p = 1; p <= INT64_MAX / 50; p *= 10) {
		static const int64_t m[] = {1, 2, 5};
		for (int i = 0; i < 3; i++)
			if (4 * m[i] * p >= max)
				return 4 * m[i] * p;
	}
	return max;
}

/* The y of value v on an axis from 0 to top. */
static double y_of(int64_t v, int64_t top)
{
	if (v > top)
		v = top;
	return TOP + PLOT_H - (double)PLOT_H * (double)v / (double)top;
}

static void axis(struct buf *b, const struct chart *c, int64_t top)
{
	H(b, "<g font-size=\"12\" fill=\"#444\">");
	for (int i = 0; i <= 4; i++) {
		int64_t v = top * i / 4;
		double y = y_of(v, top);
		buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", LEFT,
		           W - RIGHT, y, y, i ? "#ddd" : "#888");
		buf_printf(b, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LEFT - 6, y + 4);
		if (c->percent)
			buf_printf(b, "%lld%%", (long long)(v / 10));
		else
			buf_int(b, v);
		H(b, "</text>");
	}
	double slot = (double)PLOT_W / c->n;
	/* Every label when they fit, else every other one. */
	int step = slot >= 36 ? 1 : 2;
	for (int i = 0; i < c->n; i += step) {
		buf_printf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", LEFT + slot * (i + 0.5),
		           HT - BOTTOM + 18);
		h_text(b, c->x[i]);
		H(b, "</text>");
	}
	H(b, "</g>");
}

static void bars(struct buf *b, const struct chart *c, int64_t top)
{
	int nbars = 0;
	for (int k = 0; k < c->ns; k++)
		nbars += c->s[k].kind == CHART_BAR;
	if (!nbars)
		return;
	double slot = (double)PLOT_W / c->n, bw = slot * 0.8 / nbars;
	for (int k = 0, j = 0; k < c->ns; k++) {
		if (c->s[k].kind != CHART_BAR)
			continue;
		buf_printf(b, "<g fill=\"%s\">", colour[k]);
		for (int i = 0; i < c->n; i++) {
			int64_t v = c->s[k].v[i];
			if (v <= 0)
				continue;
			double y = y_of(v, top);
			buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
			           LEFT + slot * i + slot * 0.1 + bw * j, y, bw, TOP + PLOT_H - y);
		}
		H(b, "</g>");
		j++;
	}
}

static void lines(struct buf *b, const struct chart *c, int64_t top)
{
	double slot = (double)PLOT_W / c->n;
	for (int k = 0; k < c->ns; k++) {
		if (c->s[k].kind != CHART_LINE)
			continue;
		const int64_t *v = c->s[k].v;
		buf_printf(b, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\"", colour[k]);
		if (*dash[k])
			buf_printf(b, " stroke-dasharray=\"%s\"", dash[k]);
		H(b, " d=\"");
		int pen = 0;
		for (int i = 0; i < c->n; i++) {
			if (v[i] < 0) {
				pen = 0;
				continue;
			}
			buf_printf(b, "%c%.1f %.1f", pen ? 'L' : 'M', LEFT + slot * (i + 0.5),
			           y_of(v[i], top));
			pen = 1;
		}
		H(b, "\"/>");
		buf_printf(b, "<g fill=\"%s\">", colour[k]);
		for (int i = 0; i < c->n; i++)
			if (v[i] >= 0)
				buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\"/>",
				           LEFT + slot * (i + 0.5), y_of(v[i], top));
		H(b, "</g>");
	}
}

static void legend(struct buf *b, const struct chart *c)
{
	H(b, "<ul class=\"chart-legend\">");
	for (int k = 0; k < c->ns; k++) {
		H(b, "<li><svg width=\"24\" height=\"12\" aria-hidden=\"true\" focusable=\"false\">");
		if (c->s[k].kind == CHART_BAR)
			buf_printf(b, "<rect x=\"6\" y=\"0\" width=\"12\" height=\"12\" fill=\"%s\"/>",
			           colour[k]);
		else
			buf_printf(b,
			           "<line x1=\"0\" x2=\"24\" y1=\"6\" y2=\"6\" stroke=\"%s\" "
			           "stroke-width=\"2\"%s%s%s/>",
			           colour[k], *dash[k] ? " stroke-dasharray=\"" : "", dash[k],
			           *dash[k] ? "\"" : "");
		H(b, "</svg>");
		h_text(b, c->s[k].label);
		H(b, "</li>");
	}
	H(b, "</ul>");
}

/* <tag id="<id><suffix>">text</tag>; tag is "title" or "desc". */
static void named(struct buf *b, const char *tag, const char *id, const char *suffix, const char *text)
{
	buf_printf(b, "<%s id=\"", tag);
	h_attr(b, id);
	buf_printf(b, "%s\">", suffix);
	h_text(b, text);
	buf_printf(b, "</%s>", tag);
}

void chart_svg(struct buf *b, const struct chart *c)
{
	if (c->n <= 0 || c->n > CHART_MAX_SLOTS || c->ns <= 0 || c->ns > CHART_MAX_SERIES)
		return;
	int64_t top = 1000;
	if (!c->percent) {
		int64_t max = 0;
		for (int k = 0; k < c->ns; k++)
			for (int i = 0; i < c->n; i++)
				if (c->s[k].v[i] > max)
					max = c->s[k].v[i];
		top = chart_axis_top(max);
	}
	/* The drawing keeps a least width (CSS: in rem, so large text makes
	 * it larger) and scrolls sideways in its own region on a narrow
	 * screen, rather than shrinking its labels below reading size. */
	H(b, "<figure class=\"chart\"><div class=\"wide\" role=\"region\" tabindex=\"0\" aria-label=\"");
	h_attr(b, c->title);
	H(b, "(可左右滑动)\"><svg role=\"img\" viewBox=\"0 0 ");
	buf_printf(b, "%d %d", W, HT);
	H(b, "\" aria-labelledby=\"");
	h_attr(b, c->id);
	H(b, "-t");
	if (c->desc) {
		H(b, " ");
		h_attr(b, c->id);
		H(b, "-d");
	}
	H(b, "\">");
	named(b, "title", c->id, "-t", c->title);
	if (c->desc)
		named(b, "desc", c->id, "-d", c->desc);
	axis(b, c, top);
	bars(b, c, top);
	lines(b, c, top);
	H(b, "</svg></div>");
	legend(b, c);
	H(b, "<figcaption>");
	h_text(b, c->title);
	H(b, "</figcaption></figure>\n");
}
