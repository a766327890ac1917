/* QR codes on pages: a URL (a certificate's check page, a volunteer's
 * check-in pass) drawn as inline SVG, so that a phone's camera opens it.
 * Built with libqrencode, error correction level M. */
#ifndef SHEQU_WEB_QR_H
#define SHEQU_WEB_QR_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Most bytes of text a code carries here (a URL; level M holds 2331 bytes in
 * version 40, and a phone reads small versions far better). */
#define QR_TEXT_MAX 512

/* Appends <svg> of the code for text to out: one path, black on white with a
 * quiet zone of 4 modules, sized by CSS (width 100%, square), with role="img"
 * and label (escaped) as its accessible name. 0, or -1 (text empty or longer
 * than QR_TEXT_MAX, or libqrencode failed) with nothing appended. */
int qr_svg(struct buf *out, const char *text, const char *label);

/* The code's modules: *width set and width*width bytes (1 dark, 0 light, row
 * by row, no quiet zone) written to cells, which holds cap bytes. For tests
 * and printers that draw it themselves. 0, or -1 as qr_svg, or when cap is
 * too small. */
int qr_modules(const char *text, uint8_t *cells, size_t cap, int *width);

#endif
