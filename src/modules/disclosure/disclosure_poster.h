/* 上墙 posters: print-ready PDFs (A4, A3) of a post or of the current board,
 * with a QR code that opens the record online and carries the checkpoint's
 * tree size and root prefix, so paper can be checked against the record.
 *
 * The server never renders them itself: cairo, pango, fontconfig and the CJK
 * fonts would stay in its memory (about 90 MB after one poster). It loads the
 * data, encodes it as a poster description (disclosure_poster_wire.c) and
 * runs the helper program shequ-poster (disclosure_poster_main.c, linked
 * with the renderer in disclosure_poster.c), which reads the description on
 * stdin and writes the PDF on stdout (src/core/helper.h). */
#ifndef SHEQU_MODULES_DISCLOSURE_POSTER_H
#define SHEQU_MODULES_DISCLOSURE_POSTER_H
#include "core/arena.h"
#include "core/buf.h"
#include "modules/disclosure/disclosure_internal.h"

enum paper { PAPER_A4, PAPER_A3, PAPER__MAX };

struct poster_ctx {
	const char *community, *street; /* names */
	const char *url;                /* what the QR code opens, with ?cp=<size>.<root prefix> */
	int64_t cp_size;
	const char *cp_root; /* first 8 hex digits of the checkpoint root */
	/* When that checkpoint was signed (Unix seconds; 0: no checkpoint yet):
	 * the poster's date, printed and in the PDF's metadata, so that the
	 * same data always gives the same bytes. */
	int64_t cp_at;
	enum paper paper;
	/* The board poster shows the newest posts only: set when there are
	 * older ones, so that it says where to find them (url). */
	int more;
};

enum poster_kind { POSTER_POST, POSTER_BOARD, POSTER__MAX };

/* Everything a poster shows. Recipients only by their masked projections. */
struct poster_doc {
	enum poster_kind kind;
	struct poster_ctx ctx;
	const struct disclosure_post *posts; /* the post (one), or the board's newest posts */
	size_t nposts;
	const struct disclosure_recipient *recipients; /* the post's list (POSTER_POST) */
	size_t nrecipients;
	unsigned cols; /* bits of enum recipient_col shown */
};

/* Bounds of a description, checked on both sides. */
#define POSTER_WIRE_MAX ((size_t)16 << 20)  /* bytes of a whole description */
#define POSTER_TEXT_MAX ((size_t)256 << 10) /* bytes of one text (a post's body) */
#define POSTER_POSTS_MAX 100
#define POSTER_RECIPIENTS_MAX 10000
#define POSTER_PDF_MAX ((size_t)16 << 20)

/* Appends the description of d (versioned) to out. 0, or -1 when it passes
 * a bound above or out's cap. */
int disclosure_poster_encode(struct buf *out, const struct poster_doc *d);
/* Reads a description written by disclosure_poster_encode of this version
 * into d, its texts and arrays in a. Outside input: every length, count and
 * number is bounded. 0, or -1 with the reason in err (English). */
int disclosure_poster_decode(struct arena *a, const void *data, size_t len, struct poster_doc *d, char *err,
                             size_t errlen);

/* The poster's PDF appended to out (helper side only: this is the one
 * function that uses cairo and pango). 0 or -1. */
int disclosure_poster_render(struct buf *out, const struct poster_doc *d);

#endif
