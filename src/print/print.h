/* Drawing pieces shared by the helper programs that print PDFs (the board's
 * posters, volunteers' certificates): Chinese text through pango with the
 * Noto CJK fonts, QR codes, and a cairo stream into a struct buf. Linked only
 * into helper programs (src/core/helper.h), never into the server, which must
 * not map cairo, pango or the fonts. */
#ifndef SHEQU_PRINT_PRINT_H
#define SHEQU_PRINT_PRINT_H
#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/buf.h"

#define PRINT_FONT "Noto Sans CJK SC"

/* A cairo write function appending to the struct buf given as closure; an
 * error once the buf is full (its cap) or out of memory. */
cairo_status_t print_to_buf(void *closure, const unsigned char *data, unsigned int len);

/* text laid out in PRINT_FONT at size points (bold or not), wrapped to width
 * points, word or character. The caller unrefs it (g_object_unref). */
PangoLayout *print_layout(cairo_t *cr, const char *text, double size, int bold, double width);

/* The QR code of text (qr.h's encoding: level M), size x size points with a
 * quiet zone of 2 modules on white, at (x, y). Draws nothing when text cannot
 * be encoded (empty, longer than QR_TEXT_MAX). */
void print_qr(cairo_t *cr, const char *text, double x, double y, double size);

#endif
