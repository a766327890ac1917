/* shequ-certificate: the certificate renderer as a program of its own, run by
 * `shequ serve` for each 志愿服务证明 PDF (volunteers_certificate_routes.c,
 * src/core/helper.h). Reads a certificate description
 * (volunteers_certificate_wire.c) on stdin and writes
 * the PDF on stdout. Exits 0; 1 when the description is unreadable; 2 when
 * rendering or writing fails; each with one line on stderr. Kept apart from
 * the shequ program so that the server never maps cairo, pango, fontconfig
 * or the fonts, and their memory goes when this process ends. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "modules/volunteers/volunteers_certificate.h"

static const char usage[] = "usage: shequ-certificate < description > certificate.pdf\n"
			    "internal: `shequ serve` runs it for each volunteer certificate; not for use by hand.\n";

/* Reads all of fd into b (at most b->max bytes). 0, or -1 with errno or b->err. */
static int read_all(int fd, struct buf *b)
{
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n == 0)
			return 0;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf_append(b, chunk, (size_t)n);
		if (b->err)
			return -1;
	}
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		int help = argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));
		fputs(usage, help ? stdout : stderr);
		return help ? 0 : 2;
	}
	struct buf in, out;
	struct arena a;
	buf_init(&in, VOL_CERT_WIRE_MAX);
	buf_init(&out, VOL_CERT_PDF_MAX);
	arena_init(&a, VOL_CERT_WIRE_MAX * 4);
	char err[256];
	struct vol_cert_doc d;
	int rc = 0;
	if (read_all(0, &in) < 0) {
		fprintf(stderr, "shequ-certificate: reading the description: %s\n",
		        in.err ? "it passes the size limit" : strerror(errno));
		rc = 1;
	} else if (vol_cert_decode(&a, in.data, in.len, &d, err, sizeof err) < 0) {
		fprintf(stderr, "shequ-certificate: %s\n", err);
		rc = 1;
	} else if (vol_cert_render(&out, &d) < 0) {
		fprintf(stderr, "shequ-certificate: rendering failed%s\n",
		        out.err ? " (the PDF passes the size limit)" : "");
		rc = 2;
	} else if (write_all(1, out.data, out.len) < 0) {
		fprintf(stderr, "shequ-certificate: writing the PDF: %s\n", strerror(errno));
		rc = 2;
	}
	buf_free(&in);
	buf_free(&out);
	arena_free(&a);
	return rc;
}
