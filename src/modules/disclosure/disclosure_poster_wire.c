/* The poster description the server hands shequ-poster: a magic line with
 * the version, then the fields in a fixed order (src/core/wire.h). A helper
 * of another version (the program replaced on disk while the server runs)
 * refuses it instead of misreading it. */
#include <stdio.h>
#include <string.h>

#include "core/wire.h"
#include "modules/disclosure/disclosure_poster.h"

#define MAGIC "shequ-poster 2\n"

/* Unix times from year 1970 to 9999; leaf indexes and sizes as the log's. */
#define TIME_MAX INT64_C(253402300799)
#define INDEX_MAX (INT64_C(1) << 50)
/* Money in fen: ten thousand rows of at most 10^14 fen still add up in an int64. */
#define FEN_MAX INT64_C(100000000000000)

/* A text the helper needs: NULL goes as "". */
static void put_text(struct buf *b, const char *s)
{
	wire_put_str(b, s ? s : "");
}

static void put_post(struct buf *b, const struct disclosure_post *p)
{
	put_text(b, p->title);
	put_text(b, p->item_title);
	put_text(b, p->body);
	wire_put_str(b, p->correction_reason);
	wire_put_int(b, p->published_at);
	wire_put_int(b, p->leaf_index);
	wire_put_int(b, p->replaces_id);
	wire_put_int(b, p->corrected_by);
	wire_put_int(b, p->withdrawn_at);
	wire_put_int(b, p->notice_start);
	wire_put_int(b, p->notice_days);
	wire_put_int(b, p->notice_open != 0);
	put_text(b, p->withdraw_reason);
}

static void get_post(struct wire_reader *r, struct disclosure_post *p)
{
	p->title = wire_get_text(r, POSTER_TEXT_MAX);
	p->item_title = wire_get_text(r, POSTER_TEXT_MAX);
	p->body = wire_get_text(r, POSTER_TEXT_MAX);
	p->correction_reason = wire_get_str(r, POSTER_TEXT_MAX);
	p->published_at = wire_get_range(r, 0, TIME_MAX);
	p->leaf_index = wire_get_range(r, -1, INDEX_MAX);
	p->replaces_id = wire_get_range(r, 0, INDEX_MAX);
	p->corrected_by = wire_get_range(r, 0, INDEX_MAX);
	p->withdrawn_at = wire_get_range(r, 0, TIME_MAX);
	p->notice_start = wire_get_range(r, 0, TIME_MAX);
	p->notice_days = (int)wire_get_range(r, 0, 36500);
	p->notice_open = (int)wire_get_range(r, 0, 1);
	p->withdraw_reason = wire_get_text(r, POSTER_TEXT_MAX);
	p->status = POST_PUBLISHED;
}

int disclosure_poster_encode(struct buf *out, const struct poster_doc *d)
{
	if (d->nposts > POSTER_POSTS_MAX || d->nrecipients > POSTER_RECIPIENTS_MAX)
		return -1;
	size_t len0 = out->len;
	BUF_LIT(out, MAGIC);
	wire_put_int(out, d->kind);
	wire_put_int(out, d->ctx.paper);
	put_text(out, d->ctx.community);
	put_text(out, d->ctx.street);
	put_text(out, d->ctx.url);
	put_text(out, d->ctx.cp_root);
	wire_put_int(out, d->ctx.cp_size);
	wire_put_int(out, d->ctx.cp_at);
	wire_put_int(out, d->ctx.more != 0);
	wire_put_int(out, (int64_t)d->nposts);
	for (size_t i = 0; i < d->nposts; i++)
		put_post(out, &d->posts[i]);
	wire_put_int(out, d->cols);
	wire_put_int(out, (int64_t)d->nrecipients);
	for (size_t i = 0; i < d->nrecipients; i++) {
		const struct disclosure_recipient *x = &d->recipients[i];
		wire_put_int(out, x->row);
		put_text(out, x->masked.name);
		put_text(out, x->masked.address);
		wire_put_int(out, x->household_size);
		wire_put_int(out, x->amount_fen);
	}
	return out->err || out->len - len0 > POSTER_WIRE_MAX ? -1 : 0;
}

int disclosure_poster_decode(struct arena *a, const void *data, size_t len, struct poster_doc *d, char *err,
                             size_t errlen)
{
	memset(d, 0, sizeof *d);
	size_t m = sizeof MAGIC - 1;
	if (len < m || memcmp(data, MAGIC, m)) {
		/* Name the version it carries, if it looks like ours. */
		const char *s = data;
		size_t k = 0;
		while (k < len && k < 32 && s[k] >= 0x20 && s[k] < 0x7f)
			k++;
		snprintf(err, errlen, "not a poster description of version 2 (it starts \"%.*s\")", (int)k,
		         s ? s : "");
		return -1;
	}
	if (len > POSTER_WIRE_MAX) {
		snprintf(err, errlen, "the description passes %zu bytes", POSTER_WIRE_MAX);
		return -1;
	}
	struct wire_reader r;
	wire_reader_init(&r, a, (const char *)data + m, len - m);
	d->kind = (enum poster_kind)wire_get_range(&r, 0, POSTER__MAX - 1);
	d->ctx.paper = (enum paper)wire_get_range(&r, 0, PAPER__MAX - 1);
	d->ctx.community = wire_get_text(&r, POSTER_TEXT_MAX);
	d->ctx.street = wire_get_text(&r, POSTER_TEXT_MAX);
	d->ctx.url = wire_get_text(&r, POSTER_TEXT_MAX);
	d->ctx.cp_root = wire_get_text(&r, 64);
	d->ctx.cp_size = wire_get_range(&r, 0, INDEX_MAX);
	d->ctx.cp_at = wire_get_range(&r, 0, TIME_MAX);
	d->ctx.more = (int)wire_get_range(&r, 0, 1);
	int64_t n =
	    wire_get_range(&r, d->kind == POSTER_POST ? 1 : 0, d->kind == POSTER_POST ? 1 : POSTER_POSTS_MAX);
	struct disclosure_post *posts = wire_array(&r, (size_t)n, sizeof *posts);
	for (int64_t i = 0; posts && i < n; i++)
		get_post(&r, &posts[i]);
	d->posts = posts;
	d->nposts = posts ? (size_t)n : 0;
	d->cols = (unsigned)wire_get_range(&r, 0, (1 << RCOL__MAX) - 1);
	n = wire_get_range(&r, 0, d->kind == POSTER_POST ? POSTER_RECIPIENTS_MAX : 0);
	struct disclosure_recipient *rs = wire_array(&r, (size_t)n, sizeof *rs);
	for (int64_t i = 0; rs && i < n; i++) {
		rs[i].row = (int)wire_get_range(&r, 0, 1000000);
		rs[i].masked.name = wire_get_text(&r, POSTER_TEXT_MAX);
		rs[i].masked.address = wire_get_text(&r, POSTER_TEXT_MAX);
		rs[i].household_size = (int)wire_get_range(&r, 0, 10000);
		rs[i].amount_fen = wire_get_range(&r, 0, FEN_MAX);
	}
	d->recipients = rs;
	d->nrecipients = rs ? (size_t)n : 0;
	if (wire_end(&r) < 0) {
		if (r.err)
			snprintf(err, errlen, "the description is cut short, malformed or out of bounds");
		else
			snprintf(err, errlen, "the description has %zu bytes after its end", r.left);
		return -1;
	}
	return 0;
}
