/* Poster rendering with cairo (PDF surface), pango (Chinese text with the
 * Noto CJK fonts) and QR codes, drawn with src/print. Pure: takes data, returns PDF bytes, the
 * same bytes for the same data. Linked only into the helper shequ-poster,
 * never into the server (disclosure_poster.h says why). */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/money.h"
#include "modules/disclosure/disclosure_poster.h"
#include "print/print.h"
#include "web/html.h"

struct page {
	cairo_t *cr;
	double w, h, margin, y, bottom, scale;
	const struct poster_ctx *c;
	int number;
};

/* The red header band and the footer with the QR code and the checkpoint. */
static void frame(struct page *pg)
{
	cairo_t *cr = pg->cr;
	double s = pg->scale, band = 64 * s;
	cairo_set_source_rgb(cr, 0.70, 0.15, 0.12);
	cairo_rectangle(cr, 0, 0, pg->w, band);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	char *head = g_strdup_printf("%s · 党务居务公开", pg->c->community);
	PangoLayout *l = print_layout(cr, head, 22 * s, 1, pg->w - 2 * pg->margin);
	cairo_move_to(cr, pg->margin, 18 * s);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	g_free(head);

	double qr = 96 * s, fy = pg->h - pg->margin - qr;
	print_qr(cr, pg->c->url, pg->w - pg->margin - qr, fy, qr);
	/* Dated by the checkpoint it was made from, not by the clock: the
	 * same record gives the same poster. */
	char when[32] = "";
	if (pg->c->cp_at)
		clock_format_cst(pg->c->cp_at, when, sizeof when);
	char *foot = g_strdup_printf("扫码查看网上原件,核对本张与公开记录是否一致。\n打印时公开记录共 %lld 条,检查点根哈希前缀 %s%s%s%s。\n"
				     "%s · 第 %d 页",
				     (long long)pg->c->cp_size, pg->c->cp_root, *when ? ",签于 " : "", when,
				     *when ? "(北京时间)" : "", pg->c->street, pg->number);
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	l = print_layout(cr, foot, 10 * s, 0, pg->w - 3 * pg->margin - qr);
	cairo_move_to(cr, pg->margin, fy + 20 * s);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	g_free(foot);
	cairo_set_source_rgb(cr, 0, 0, 0);
	pg->y = band + 28 * s;
	pg->bottom = fy - 16 * s;
}

static void next_page(struct page *pg)
{
	cairo_show_page(pg->cr);
	pg->number++;
	frame(pg);
}

/* Writes text, continuing on new pages line by line when it runs out of room. */
static void flow(struct page *pg, const char *text, double size, int bold, double gap_after)
{
	double width = pg->w - 2 * pg->margin;
	PangoLayout *l = print_layout(pg->cr, text, size * pg->scale, bold, width);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double top = -1, shift = 0;
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double ly = (double)logical.y / PANGO_SCALE, lh = (double)logical.height / PANGO_SCALE;
		if (top < 0)
			top = ly;
		if (pg->y + (ly - shift) + lh > pg->bottom) {
			next_page(pg);
			shift = ly;
		}
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		int baseline = pango_layout_iter_get_baseline(it);
		cairo_move_to(pg->cr, pg->margin, pg->y + (double)baseline / PANGO_SCALE - shift);
		pango_cairo_show_layout_line(pg->cr, line);
	} while (pango_layout_iter_next_line(it));
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	pg->y += h - shift + gap_after * pg->scale;
	pango_layout_iter_free(it);
	g_object_unref(l);
}

/* flow, but a block that fits on one page is never split: it starts on the
 * next page when it does not fit in what is left of this one. */
static void flow_whole(struct page *pg, const char *text, double size, int bold, double gap_after)
{
	PangoLayout *l = print_layout(pg->cr, text, size * pg->scale, bold, pg->w - 2 * pg->margin);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	g_object_unref(l);
	double room = pg->bottom - pg->y, page_room = pg->bottom - (64 + 28) * pg->scale;
	if (h > room && h <= page_room)
		next_page(pg);
	flow(pg, text, size, bold, gap_after);
}

/* Text of several lines, each kept whole (a table row, a list entry). */
static void flow_lines(struct page *pg, const char *text, double size, int bold, double gap_after)
{
	char *copy = g_strdup(text);
	for (char *line = copy, *nl; line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = 0;
		if (*line)
			flow_whole(pg, line, size, bold, 3);
		else if (nl)
			pg->y += size * 0.6 * pg->scale;
	}
	g_free(copy);
	pg->y += gap_after * pg->scale;
}

/* Opens a PDF surface of the chosen paper and draws the first frame. */
static cairo_surface_t *begin(struct buf *out, const struct poster_ctx *c, struct page *pg)
{
	double w = c->paper == PAPER_A3 ? 841.89 : 595.28, h = c->paper == PAPER_A3 ? 1190.55 : 841.89;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(print_to_buf, out, w, h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		return NULL;
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "shequ");
	/* cairo would write the current time as the creation date. */
	char date[32];
	clock_format_iso_utc(c->cp_at, date, sizeof date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	memset(pg, 0, sizeof *pg);
	pg->cr = cairo_create(s);
	pg->w = w;
	pg->h = h;
	pg->scale = c->paper == PAPER_A3 ? 1.414 : 1.0;
	pg->margin = 48 * pg->scale;
	pg->c = c;
	pg->number = 1;
	frame(pg);
	return s;
}

static int finish(cairo_surface_t *s, struct page *pg, struct buf *out)
{
	cairo_show_page(pg->cr);
	cairo_destroy(pg->cr);
	cairo_surface_finish(s);
	int ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && !out->err;
	cairo_surface_destroy(s);
	return ok ? 0 : -1;
}

static int poster_post(struct buf *out, const struct poster_ctx *c, const struct disclosure_post *p,
		       const struct disclosure_recipient *r, size_t nr, unsigned cols)
{
	struct page pg;
	cairo_surface_t *s = begin(out, c, &pg);
	if (!s)
		return -1;
	if (p->withdrawn_at) {
		char when[32];
		clock_format_date_cst(p->withdrawn_at, when, sizeof when);
		char *w = g_strdup_printf("【本条已于 %s 撤回】%s%s", when, *p->withdraw_reason ? "理由:" : "",
					  p->withdraw_reason);
		flow(&pg, w, 16, 1, 6);
		g_free(w);
	} else if (p->notice_open) {
		flow(&pg, "【公示中】", 18, 1, 6);
	}
	flow(&pg, p->title, 24, 1, 10);
	char pub[32], meta[256];
	clock_format_date_cst(p->published_at, pub, sizeof pub);
	snprintf(meta, sizeof meta, "%s · 发布于 %s · 公开记录第 %lld 条", p->item_title, pub,
		 (long long)p->leaf_index + 1);
	flow(&pg, meta, 11, 0, 14);
	if (p->replaces_id && p->correction_reason) {
		char *why = g_strdup_printf("本条为更正版本。更正理由:%s", p->correction_reason);
		flow(&pg, why, 12, 0, 10);
		g_free(why);
	}
	char *body = disclosure_poster_body(p->body);
	flow_lines(&pg, body ? body : "", 13, 0, 14);
	free(body);
	if (nr) {
		struct buf t;
		buf_init(&t, 4 << 20);
		int64_t total = 0;
		for (size_t i = 0; i < nr; i++) {
			buf_printf(&t, "%d. ", r[i].row);
			if (cols & (1u << RCOL_NAME))
				buf_printf(&t, "%s  ", r[i].masked.name);
			if (cols & (1u << RCOL_ADDRESS) && *r[i].masked.address)
				buf_printf(&t, "%s  ", r[i].masked.address);
			if (cols & (1u << RCOL_HOUSEHOLD))
				buf_printf(&t, "家庭人口 %d  ", r[i].household_size);
			if (cols & (1u << RCOL_AMOUNT)) {
				char money[MONEY_FORMAT_SIZE];
				buf_puts(&t, money_format(r[i].amount_fen, money, sizeof money));
				total += r[i].amount_fen;
			}
			buf_putc(&t, '\n');
		}
		if (cols & (1u << RCOL_AMOUNT)) {
			char money[MONEY_FORMAT_SIZE];
			buf_printf(&t, "共 %zu 户,合计 %s", nr, money_format(total, money, sizeof money));
		}
		flow(&pg, "名单(已按规定脱敏)", 14, 1, 6);
		flow_lines(&pg, t.data ? t.data : "", 12, 0, 10);
		buf_free(&t);
	}
	if (p->notice_days > 0) {
		char end[32];
		clock_format_cst(disclosure_notice_end(p), end, sizeof end);
		char *note = g_strdup_printf("公示期至 %s。对公示内容有异议的,请扫码在网上提出,或到社区服务中心反映。", end);
		flow(&pg, note, 12, 1, 10);
		g_free(note);
	}
	return finish(s, &pg, out);
}

static int poster_board(struct buf *out, const struct poster_ctx *c, const struct disclosure_post *posts, size_t n)
{
	struct page pg;
	cairo_surface_t *s = begin(out, c, &pg);
	if (!s)
		return -1;
	flow(&pg, "公开栏", 26, 1, 12);
	for (size_t i = 0; i < n; i++) {
		char pub[32];
		clock_format_date_cst(posts[i].published_at, pub, sizeof pub);
		char *line = g_strdup_printf("%s%s\n%s · %s · 记录第 %lld 条", posts[i].title,
					     posts[i].withdrawn_at     ? "(已撤回)"
					     : posts[i].corrected_by ? "(已更正)"
					     : posts[i].notice_open  ? "(公示中)"
								     : "",
					     posts[i].item_title, pub, (long long)posts[i].leaf_index + 1);
		flow_whole(&pg, line, 13, 0, 8);
		g_free(line);
	}
	if (c->more) {
		char *more = g_strdup_printf("更早的公开内容未能全部印在本张,更多见网上:%s", c->url);
		flow_whole(&pg, more, 12, 1, 8);
		g_free(more);
	}
	return finish(s, &pg, out);
}

int disclosure_poster_render(struct buf *out, const struct poster_doc *d)
{
	if (d->kind == POSTER_POST)
		return d->nposts == 1 ? poster_post(out, &d->ctx, d->posts, d->recipients, d->nrecipients, d->cols) : -1;
	return poster_board(out, &d->ctx, d->posts, d->nposts);
}
