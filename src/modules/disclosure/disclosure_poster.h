/* 上墙 posters: print-ready PDFs (A4, A3) of a post or of the current board,
 * with a QR code that opens the record online and carries the checkpoint's
 * tree size and root prefix, so paper can be checked against the record. */
#ifndef SHEQU_MODULES_DISCLOSURE_POSTER_H
#define SHEQU_MODULES_DISCLOSURE_POSTER_H
#include "core/buf.h"
#include "modules/disclosure/disclosure_internal.h"

enum paper { PAPER_A4, PAPER_A3 };

struct poster_ctx {
	const char *community, *street; /* names */
	const char *url;		  /* what the QR code opens, with ?cp=<size>.<root prefix> */
	int64_t cp_size;
	const char *cp_root;		  /* first 8 hex digits of the checkpoint root */
	int64_t now;
	enum paper paper;
};

/* A poster of one post, its masked list included. Appends the PDF to out. 0 or -1. */
int disclosure_poster_post(struct buf *out, const struct poster_ctx *c, const struct disclosure_post *p,
		const struct disclosure_recipient *r, size_t nr, unsigned cols);
/* A poster of the board: the newest posts, one line each. 0 or -1. */
int disclosure_poster_board(struct buf *out, const struct poster_ctx *c, const struct disclosure_post *posts, size_t n);

#endif
