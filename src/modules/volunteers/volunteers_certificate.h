/* 志愿服务证明 as a PDF (A4, Chinese): the certificate's number, the
 * volunteer's name as printed, the period, total hours and the records
 * listed, the issuer and the date, and a QR code of the online check page.
 *
 * As the board's posters (disclosure_poster.h), the server never renders
 * it: it encodes a description (volunteers_certificate_wire.c) and runs the
 * helper program shequ-certificate (volunteers_certificate_main.c with the
 * renderer in volunteers_certificate_pdf.c), which reads it on stdin and
 * writes the PDF on stdout (src/core/helper.h). */
#ifndef SHEQU_MODULES_VOLUNTEERS_CERTIFICATE_H
#define SHEQU_MODULES_VOLUNTEERS_CERTIFICATE_H
#include "core/arena.h"
#include "core/buf.h"
#include "modules/volunteers/volunteers_internal.h"

/* Everything a certificate shows. */
struct vol_cert_doc {
	const char *community, *issuer, *number, *name, *period_from, *period_to, *url;
	int64_t minutes, records, issued_at;
	const struct vol_certificate_line *lines;
	size_t nlines;
};

/* Bounds of a description, checked on both sides. */
#define VOL_CERT_WIRE_MAX ((size_t)1 << 20)
#define VOL_CERT_TEXT_MAX ((size_t)1024)
#define VOL_CERT_PDF_MAX ((size_t)8 << 20)

/* Appends the description of d (versioned) to out. 0, or -1 when it passes
 * a bound above or out's cap. */
int vol_cert_encode(struct buf *out, const struct vol_cert_doc *d);
/* Reads a description written by vol_cert_encode of this version into d,
 * its texts and lines in a. Outside input: every length, count and number
 * is bounded. 0, or -1 with the reason in err (English). */
int vol_cert_decode(struct arena *a, const void *data, size_t len, struct vol_cert_doc *d, char *err, size_t errlen);
/* The certificate's PDF appended to out (helper side only: cairo and pango). 0 or -1. */
int vol_cert_render(struct buf *out, const struct vol_cert_doc *d);

#endif
