/* shequ-certificate: the certificate renderer as a program of its own, run
 * by `shequ serve` for each 志愿服务证明 PDF (volunteers_certificate_routes.c,
 * src/core/helper.h). Reads a certificate description
 * (volunteers_certificate_wire.c) on stdin and writes the PDF on stdout.
 * Exits 0; 1 when the description is unreadable; 2 when rendering or
 * writing fails; each with one line on stderr. Kept apart from the shequ
 * program so that the server never maps cairo, pango or the fonts. */
#include <stdio.h>

#include "core/helper.h"
#include "modules/volunteers/volunteers_certificate.h"

static const char usage[] = "usage: shequ-certificate < description > certificate.pdf\n"
			    "internal: `shequ serve` runs it for each volunteer certificate; not for use by hand.\n";

static int work(struct arena *a, const char *in, size_t len, struct buf *out, char *err, size_t errlen)
{
	struct vol_cert_doc d;
	if (vol_cert_decode(a, in, len, &d, err, errlen) < 0)
		return 1;
	if (vol_cert_render(out, &d) < 0) {
		snprintf(err, errlen, "rendering failed");
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	return helper_main(argc, argv, "shequ-certificate", usage, VOL_CERT_WIRE_MAX, VOL_CERT_PDF_MAX,
			   VOL_CERT_WIRE_MAX * 4, 0, 1, work);
}
