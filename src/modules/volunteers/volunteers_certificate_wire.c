/* The certificate description the server hands shequ-certificate: a magic
 * line with the version, then the fields in a fixed order (src/core/wire.h).
 * A helper of another version refuses it instead of misreading it. */
#include <stdio.h>
#include <string.h>

#include "core/wire.h"
#include "modules/volunteers/volunteers_certificate.h"

#define MAGIC "shequ-certificate 1\n"

/* Unix times from 1970 to 9999. */
#define TIME_MAX INT64_C(253402300799)
/* Minutes of at most VOL_CERT_LINES_MAX records of at most a day and a half each. */
#define MINUTES_MAX ((int64_t)VOL_CERT_LINES_MAX * 36 * 60)

static void put_text(struct buf *b, const char *s)
{
	wire_put_str(b, s ? s : "");
}

int vol_cert_encode(struct buf *out, const struct vol_cert_doc *d)
{
	if (d->nlines > VOL_CERT_LINES_MAX)
		return -1;
	size_t len0 = out->len;
	BUF_LIT(out, MAGIC);
	put_text(out, d->community);
	put_text(out, d->issuer);
	put_text(out, d->number);
	put_text(out, d->name);
	put_text(out, d->period_from);
	put_text(out, d->period_to);
	put_text(out, d->url);
	wire_put_int(out, d->minutes);
	wire_put_int(out, d->records);
	wire_put_int(out, d->issued_at);
	wire_put_int(out, (int64_t)d->nlines);
	for (size_t i = 0; i < d->nlines; i++) {
		put_text(out, d->lines[i].project_title);
		wire_put_int(out, d->lines[i].starts_at);
		wire_put_int(out, d->lines[i].ends_at);
		wire_put_int(out, d->lines[i].minutes);
	}
	return out->err || out->len - len0 > VOL_CERT_WIRE_MAX ? -1 : 0;
}

int vol_cert_decode(struct arena *a, const void *data, size_t len, struct vol_cert_doc *d, char *err, size_t errlen)
{
	memset(d, 0, sizeof *d);
	size_t m = sizeof MAGIC - 1;
	if (len < m || memcmp(data, MAGIC, m)) {
		const char *s = data;
		size_t k = 0;
		while (s && k < len && k < 32 && s[k] >= 0x20 && s[k] < 0x7f)
			k++;
		snprintf(err, errlen, "not a certificate description of version 1 (it starts \"%.*s\")", (int)k,
			 s ? s : "");
		return -1;
	}
	if (len > VOL_CERT_WIRE_MAX) {
		snprintf(err, errlen, "the description passes %zu bytes", VOL_CERT_WIRE_MAX);
		return -1;
	}
	struct wire_reader r;
	wire_reader_init(&r, a, (const char *)data + m, len - m);
	d->community = wire_get_text(&r, VOL_CERT_TEXT_MAX);
	d->issuer = wire_get_text(&r, VOL_CERT_TEXT_MAX);
	d->number = wire_get_text(&r, 64);
	d->name = wire_get_text(&r, VOL_CERT_TEXT_MAX);
	d->period_from = wire_get_text(&r, 10);
	d->period_to = wire_get_text(&r, 10);
	d->url = wire_get_text(&r, VOL_CERT_TEXT_MAX);
	d->minutes = wire_get_range(&r, 0, MINUTES_MAX);
	d->records = wire_get_range(&r, 0, VOL_CERT_LINES_MAX);
	d->issued_at = wire_get_range(&r, 0, TIME_MAX);
	int64_t n = wire_get_range(&r, 0, VOL_CERT_LINES_MAX);
	struct vol_certificate_line *l = wire_array(&r, (size_t)n, sizeof *l);
	for (int64_t i = 0; l && i < n; i++) {
		l[i].project_title = wire_get_text(&r, VOL_CERT_TEXT_MAX);
		l[i].starts_at = wire_get_range(&r, 0, TIME_MAX);
		l[i].ends_at = wire_get_range(&r, 0, TIME_MAX);
		l[i].minutes = wire_get_range(&r, 0, 36 * 60);
	}
	d->lines = l;
	d->nlines = l ? (size_t)n : 0;
	if (wire_end(&r) < 0) {
		if (r.err)
			snprintf(err, errlen, "the description is cut short, malformed or out of bounds");
		else
			snprintf(err, errlen, "the description has %zu bytes after its end", r.left);
		return -1;
	}
	return 0;
}
