/* Shared drawing for printing helpers (print.h). */
#include "print/print.h"
#include "web/qr.h"

cairo_status_t print_to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return ((struct buf *)closure)->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

PangoLayout *print_layout(cairo_t *cr, const char *text, double size, int bold, double width)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(PRINT_FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text, -1);
	return l;
}

void print_qr(cairo_t *cr, const char *text, double x, double y, double size)
{
	/* Version 40 has 177 modules a side. */
	static uint8_t cells[177 * 177];
	int w;
	if (qr_modules(text, cells, sizeof cells, &w) < 0)
		return;
	int quiet = 2, n = w + 2 * quiet;
	double m = size / n;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, size, size);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int r = 0; r < w; r++)
		for (int c = 0; c < w; c++)
			if (cells[r * w + c])
				cairo_rectangle(cr, x + (c + quiet) * m, y + (r + quiet) * m, m, m);
	cairo_fill(cr);
}
