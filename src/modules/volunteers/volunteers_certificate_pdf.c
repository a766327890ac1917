/* The certificate's PDF drawn with cairo and pango (src/print): A4, a red
 * title, the statement in the words of 志愿服务记录与证明出具办法, the
 * records listed (continued on further pages), the issuer and date, and
 * the QR code of the check page with the number under it. Pure: the same
 * description gives the same bytes (the creation date is the issue date).
 * Linked only into shequ-certificate, never into the server. */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/date.h"
#include "modules/volunteers/volunteers_certificate.h"
#include "print/print.h"

#define W 595.28
#define H 841.89
#define MARGIN 56.0

struct page {
	cairo_t *cr;
	double y;
	int number;
	const struct vol_cert_doc *d;
};

/* Writes text at the current line, wrapped to the width; y moves down. */
static void text(struct page *pg, const char *s, double size, int bold, double gap)
{
	PangoLayout *l = print_layout(pg->cr, s, size, bold, W - 2 * MARGIN);
	cairo_move_to(pg->cr, MARGIN, pg->y);
	pango_cairo_show_layout(pg->cr, l);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	pg->y += h + gap;
	g_object_unref(l);
}

/* The footer of every page: number and page. */
static void footer(struct page *pg)
{
	char foot[160];
	snprintf(foot, sizeof foot, "证明编号 %s · 第 %d 页", pg->d->number, pg->number);
	PangoLayout *l = print_layout(pg->cr, foot, 9, 0, W - 2 * MARGIN);
	cairo_set_source_rgb(pg->cr, 0.35, 0.35, 0.35);
	cairo_move_to(pg->cr, MARGIN, H - 36);
	pango_cairo_show_layout(pg->cr, l);
	cairo_set_source_rgb(pg->cr, 0, 0, 0);
	g_object_unref(l);
}

static void new_page(struct page *pg)
{
	footer(pg);
	cairo_show_page(pg->cr);
	pg->number++;
	pg->y = MARGIN;
}

/* "2026年3月5日" of a time, China time. */
static void day_text(int64_t t, char *out, size_t n)
{
	struct ymd d = date_from_time(t);
	snprintf(out, n, "%d年%d月%d日", d.y, d.m, d.d);
}

int vol_cert_render(struct buf *out, const struct vol_cert_doc *d)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(print_to_buf, out, W, H);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		return -1;
	char date[32];
	clock_format_iso_utc(d->issued_at, date, sizeof date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "shequ");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "志愿服务证明");
	struct page pg = {.cr = cairo_create(s), .y = MARGIN, .number = 1, .d = d};
	cairo_t *cr = pg.cr;

	cairo_set_source_rgb(cr, 0.70, 0.15, 0.12);
	PangoLayout *l = print_layout(cr, "志愿服务证明", 28, 1, W - 2 * MARGIN);
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	cairo_move_to(cr, MARGIN, pg.y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	cairo_set_source_rgb(cr, 0, 0, 0);
	pg.y += 56;
	char line[600];
	snprintf(line, sizeof line, "编号:%s", d->number);
	text(&pg, line, 11, 0, 18);

	char from[32], to[32];
	struct ymd f, t;
	if (date_parse(d->period_from, &f) == 0)
		snprintf(from, sizeof from, "%d年%d月%d日", f.y, f.m, f.d);
	else
		snprintf(from, sizeof from, "%s", d->period_from);
	if (date_parse(d->period_to, &t) == 0)
		snprintf(to, sizeof to, "%d年%d月%d日", t.y, t.m, t.d);
	else
		snprintf(to, sizeof to, "%s", d->period_to);
	snprintf(line, sizeof line,
		 "兹证明 %s 同志于 %s 至 %s 期间,在%s参加志愿服务 %lld 次,经服务项目负责人或社区工作人员确认的"
		 "志愿服务时长累计 %lld.%lld 小时。服务记录如下:",
		 d->name, from, to, d->community, (long long)d->records, (long long)(d->minutes / 60),
		 (long long)(d->minutes % 60 * 10 / 60));
	text(&pg, line, 14, 0, 16);

	double bottom = H - MARGIN - 150;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct vol_certificate_line *x = &d->lines[i];
		char day[32];
		day_text(x->starts_at, day, sizeof day);
		int sm = date_minute_of_day(x->starts_at), em = date_minute_of_day(x->ends_at);
		snprintf(line, sizeof line, "%zu. %s %02d:%02d–%02d:%02d  %s  %lld.%lld 小时", i + 1, day, sm / 60, sm % 60,
			 em / 60, em % 60, x->project_title, (long long)(x->minutes / 60),
			 (long long)(x->minutes % 60 * 10 / 60));
		if (pg.y > (pg.number == 1 ? bottom : H - MARGIN - 40))
			new_page(&pg);
		text(&pg, line, 10, 0, 3);
	}
	/* the issuer, the date and the QR code keep together at the foot */
	if (pg.y > bottom)
		new_page(&pg);
	double qr = 110, qy = H - MARGIN - qr - 20;
	print_qr(cr, d->url, W - MARGIN - qr, qy, qr);
	char issued[32];
	day_text(d->issued_at, issued, sizeof issued);
	snprintf(line, sizeof line, "出具单位:%s\n出具日期:%s\n\n扫描右侧二维码或打开下面的网址,可以在网上核对本证明是否有效:\n%s",
		 d->issuer, issued, d->url);
	l = print_layout(cr, line, 10, 0, W - 2 * MARGIN - qr - 16);
	cairo_move_to(cr, MARGIN, qy);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	footer(&pg);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	int ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && !out->err;
	cairo_surface_destroy(s);
	return ok ? 0 : -1;
}
