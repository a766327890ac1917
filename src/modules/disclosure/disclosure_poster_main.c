/* shequ-poster: the poster renderer as a program of its own, run by
 * `shequ serve` for each poster (disclosure_routes.c, src/core/helper.h).
 * Reads a poster description (disclosure_poster_wire.c) on stdin and writes
 * the PDF on stdout. Exits 0; 1 when the description is unreadable; 2 when
 * rendering or writing fails; each with one line on stderr. Kept apart from
 * the shequ program so that the server never maps cairo, pango, fontconfig
 * or the fonts, and their memory goes when this process ends. */
#include <stdio.h>

#include "core/helper.h"
#include "modules/disclosure/disclosure_poster.h"

static const char usage[] = "usage: shequ-poster < description > poster.pdf\n"
                            "internal: `shequ serve` runs it for each wall poster; not for use by hand.\n";

static int work(struct arena *a, const char *in, size_t len, struct buf *out, char *err, size_t errlen)
{
	struct poster_doc d;
	if (disclosure_poster_decode(a, in, len, &d, err, errlen) < 0)
		return 1;
	if (disclosure_poster_render(out, &d) < 0) {
		snprintf(err, errlen, "rendering failed");
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	return helper_main(argc, argv, "shequ-poster", usage, POSTER_WIRE_MAX, POSTER_PDF_MAX, POSTER_WIRE_MAX * 4, 0,
	                   1, work);
}
