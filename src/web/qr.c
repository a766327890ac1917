/* QR codes as SVG (qr.h). */
#include <qrencode.h>
#include <string.h>

#include "web/html.h"
#include "web/qr.h"

/* The code of text, or NULL (empty, too long, or the encoder failed). */
static QRcode *encode(const char *text)
{
	if (!text || !*text || strlen(text) > QR_TEXT_MAX)
		return NULL;
	/* 8-bit mode, case kept; libqrencode picks the smallest version. */
	return QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
}

int qr_modules(const char *text, uint8_t *cells, size_t cap, int *width)
{
	QRcode *q = encode(text);
	if (!q)
		return -1;
	size_t n = (size_t)q->width * (size_t)q->width;
	if (n > cap) {
		QRcode_free(q);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		cells[i] = q->data[i] & 1;
	*width = q->width;
	QRcode_free(q);
	return 0;
}

int qr_svg(struct buf *out, const char *text, const char *label)
{
	QRcode *q = encode(text);
	if (!q)
		return -1;
	int w = q->width, quiet = 4, n = w + 2 * quiet;
	buf_printf(out,
		   "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" "
		   "shape-rendering=\"crispEdges\" aria-label=\"",
		   n, n);
	h_attr(out, label ? label : "");
	buf_printf(out, "\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"", n, n);
	/* One horizontal run of dark modules per subpath: a few kB for a URL. */
	for (int r = 0; r < w; r++)
		for (int c = 0; c < w;) {
			if (!(q->data[r * w + c] & 1)) {
				c++;
				continue;
			}
			int start = c;
			while (c < w && (q->data[r * w + c] & 1))
				c++;
			buf_printf(out, "M%d %dh%dv1h-%dz", start + quiet, r + quiet, c - start, c - start);
		}
	buf_puts(out, "\"/></svg>");
	QRcode_free(q);
	return 0;
}
