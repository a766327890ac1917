#include "web/html.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/money.h"

void h_textn(struct buf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_append(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_append(b, s + start, n - start);
}

void h_text(struct buf *b, const char *s)
{
	if (s)
		h_textn(b, s, strlen(s));
}

void h_attr(struct buf *b, const char *s)
{
	h_text(b, s);
}

/* RFC 3986 unreserved: the characters h_url leaves as they are. */
static int unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
	       c == '_' || c == '~';
}

void h_url(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	while (s && *s) {
		/* Unreserved characters go out in runs, the others one by one. */
		size_t k = 0;
		while (s[k] && unreserved((unsigned char)s[k]))
			k++;
		buf_append(b, s, k);
		s += k;
		if (*s) {
			unsigned char c = (unsigned char)*s++;
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			buf_append(b, e, 3);
		}
	}
}

static int url_allowed(const char *u)
{
	if (u[0] == '/')
		return u[1] != '/' && u[1] != '\\';
	static const char *const schemes[] = {"http://", "https://", "mailto:", "tel:"};
	for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
		if (!strncasecmp(u, schemes[i], strlen(schemes[i])))
			return 1;
	/* Relative references without a scheme ("a/b", "?x=1", "#top"). */
	size_t head = strcspn(u, ":/?#");
	return u[head] != ':';
}

void h_href(struct buf *b, const char *url)
{
	if (!url || strpbrk(url, "\r\n\t") || !url_allowed(url))
		buf_putc(b, '#');
	else
		h_attr(b, url);
}

void h_multiline(struct buf *b, const char *s)
{
	while (s && *s) {
		size_t n = strcspn(s, "\n");
		size_t k = n;
		if (k && s[k - 1] == '\r')
			k--;
		h_textn(b, s, k);
		s += n;
		if (*s == '\n') {
			H(b, "<br>");
			s++;
		}
	}
}

static pthread_once_t cmark_once = PTHREAD_ONCE_INIT;

static void cmark_setup(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* Parses Markdown with the GFM extensions; the caller frees both. */
static cmark_node *markdown_parse(const char *md, cmark_parser **pp)
{
	pthread_once(&cmark_once, cmark_setup);
	/* CMARK_OPT_DEFAULT is safe: CMARK_OPT_UNSAFE is what would let raw HTML
	 * through. GFM tables suit financial statements; strikethrough and
	 * autolinks read as residents expect. */
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	if (!p)
		return NULL;
	static const char *const exts[] = {"table", "strikethrough", "autolink", "tagfilter"};
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, md, strlen(md));
	*pp = p;
	return cmark_parser_finish(p);
}

char *markdown_plaintext(const char *md, int width)
{
	cmark_parser *p = NULL;
	cmark_node *doc = md ? markdown_parse(md, &p) : NULL;
	char *text = doc ? cmark_render_plaintext(doc, CMARK_OPT_DEFAULT, width) : NULL;
	if (doc)
		cmark_node_free(doc);
	if (p)
		cmark_parser_free(p);
	return text;
}

/* Rendered Markdown, kept by its text: the same text always renders the
 * same, so an entry is never stale, and a published body, rendered on every
 * view of its page and of the feed, is parsed once. Direct-mapped by a hash
 * of the text (the text itself is compared), MD_SLOTS entries of at most
 * MD_ENTRY_MAX bytes: at most 8 MB, shared by the server's threads. */
#define MD_SLOTS 256
#define MD_ENTRY_MAX (32 * 1024)
static struct md_slot {
	char *md, *html; /* one allocation: the text, its NUL, then the HTML */
	size_t md_len, html_len;
} md_memo[MD_SLOTS];
static pthread_mutex_t md_lock = PTHREAD_MUTEX_INITIALIZER;

/* FNV-1a. */
static uint64_t md_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* Appends the memo's HTML for md to b: 1, or 0 when it holds none. */
static int md_recall(struct buf *b, struct md_slot *e, const char *md, size_t n)
{
	pthread_mutex_lock(&md_lock);
	int hit = e->md && e->md_len == n && !memcmp(e->md, md, n);
	if (hit)
		buf_append(b, e->html, e->html_len);
	pthread_mutex_unlock(&md_lock);
	return hit;
}

void md_text(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n' || c == '\r')
			buf_putc(b, ' ');
		else if ((c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e)) {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else
			buf_putc(b, (char)c);
	}
}

static void md_keep(struct md_slot *e, const char *md, size_t n, const char *html, size_t hn)
{
	if (n + hn + 1 > MD_ENTRY_MAX)
		return;
	char *m = malloc(n + 1 + hn);
	if (!m)
		return;
	memcpy(m, md, n + 1);
	memcpy(m + n + 1, html, hn);
	pthread_mutex_lock(&md_lock);
	free(e->md);
	*e = (struct md_slot){m, m + n + 1, n, hn};
	pthread_mutex_unlock(&md_lock);
}

void h_markdown(struct buf *b, const char *md)
{
	if (!md)
		return;
	size_t n = strlen(md);
	struct md_slot *e = &md_memo[md_hash(md, n) % MD_SLOTS];
	if (md_recall(b, e, md, n))
		return;
	cmark_parser *p = NULL;
	cmark_node *doc = markdown_parse(md, &p);
	if (!p) {
		b->err = 1;
		return;
	}
	char *html = doc ? cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(p)) : NULL;
	if (html) {
		size_t hn = strlen(html);
		buf_append(b, html, hn);
		md_keep(e, md, n, html, hn);
	} else {
		b->err = 1;
	}
	free(html);
	if (doc)
		cmark_node_free(doc);
	cmark_parser_free(p);
}

void h_int(struct buf *b, int64_t v)
{
	buf_int(b, v);
}

void h_money(struct buf *b, int64_t fen)
{
	char s[MONEY_FORMAT_SIZE];
	buf_puts(b, money_format(fen, s, sizeof s));
}

/* A formatted time in a <time> element. */
static void time_element(struct buf *b, int64_t t, char *(*format)(int64_t, char *, size_t))
{
	char s[32];
	format(t, s, sizeof s);
	H(b, "<time>");
	h_text(b, s);
	H(b, "</time>");
}

void h_time(struct buf *b, int64_t t)
{
	time_element(b, t, clock_format_cst);
}

void h_date(struct buf *b, int64_t t)
{
	time_element(b, t, clock_format_date_cst);
}
