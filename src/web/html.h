/* The HTML builder: the only writer of page bytes. Markup comes from string
 * literals in code (H); every value goes through an escaping function chosen
 * for its context: text, attribute, URL component or whole URL. */
#ifndef SHEQU_WEB_HTML_H
#define SHEQU_WEB_HTML_H
#include <stdint.h>

#include "core/buf.h"

/* Literal markup: accepts string literals only. */
#define H(b, lit) BUF_LIT(b, lit)

/* Text content: escapes & < > " ' (NULL writes nothing). */
void h_text(struct buf *b, const char *s);
void h_textn(struct buf *b, const char *s, size_t n);
/* A value inside a double-quoted attribute (same escaping as text). */
void h_attr(struct buf *b, const char *s);
/* A URL path segment or query value: percent-encodes all but A-Z a-z 0-9 - . _ ~ */
void h_url(struct buf *b, const char *s);
/* A whole URL in an href/src attribute: local paths ("/x", not "//x"),
 * http(s):, mailto: and tel: pass (attribute-escaped); anything else,
 * e.g. javascript:, becomes "#". */
void h_href(struct buf *b, const char *url);
/* Text with line breaks shown as <br>. */
void h_multiline(struct buf *b, const char *s);
/* Markdown rendered to HTML by cmark-gfm in its safe mode: raw HTML is
 * dropped and javascript:/data: links are removed. */
void h_markdown(struct buf *b, const char *md);
/* Writes s into Markdown (a table cell or a line) so that h_markdown shows
 * it exactly as written: every ASCII punctuation character backslash-
 * escaped (no emphasis, code, link, HTML or entity made of it, a pipe
 * never ends a cell), line breaks as spaces. NULL writes nothing. */
void md_text(struct buf *b, const char *s);
/* The same Markdown as plain text, wrapped at width columns (0: no wrap),
 * for print renderers. Returns a malloc'd string or NULL. */
char *markdown_plaintext(const char *md, int width);
void h_int(struct buf *b, int64_t v);
/* Money in fen as ¥1,234.56 (negative: -¥1,234.56). */
void h_money(struct buf *b, int64_t fen);
/* A time as "YYYY-MM-DD HH:MM" in China Standard Time, in a <time> element. */
void h_time(struct buf *b, int64_t t);
/* The date of a time as "YYYY-MM-DD" in China Standard Time, in a <time> element. */
void h_date(struct buf *b, int64_t t);

#endif
