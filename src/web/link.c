#include "web/link.h"

#include <string.h>

#include "web/html.h"

/* Longest URL built here: a query is capped at PARSE_MAX_INPUT on arrival
 * and grows at most threefold when percent-encoded again. */
#define URL_MAX (3 * PARSE_MAX_INPUT + 4096)

/* "/c/<slug><path>[<id><rest>]", path and rest written by lit. */
static void cpath(struct buf *b, const char *slug, const char *path, const int64_t *id, const char *rest,
		  void (*lit)(struct buf *, const char *))
{
	H(b, "/c/");
	h_url(b, slug);
	lit(b, path);
	if (id) {
		buf_int(b, *id);
		lit(b, rest);
	}
}

void h_clink(struct buf *b, const char *slug, const char *path)
{
	cpath(b, slug, path, NULL, NULL, h_attr);
}

void h_clink_id(struct buf *b, const char *slug, const char *path, int64_t id, const char *rest)
{
	cpath(b, slug, path, &id, rest, h_attr);
}

void h_clink_a(struct buf *b, const char *slug, const char *path, const char *text)
{
	H(b, "<a href=\"");
	h_clink(b, slug, path);
	H(b, "\">");
	h_text(b, text);
	H(b, "</a>");
}

void h_link(struct buf *b, const char *url, const char *text)
{
	H(b, "<a href=\"");
	h_href(b, url);
	H(b, "\">");
	h_text(b, text);
	H(b, "</a>");
}

/* The buffer's text as an arena string; NULL on any failure. Frees u. */
static const char *finish(struct arena *a, struct buf *u)
{
	const char *s = u->err ? NULL : arena_strdup(a, u->data ? u->data : "");
	buf_free(u);
	return s;
}

static const char *url_cpath(struct arena *a, const char *slug, const char *path, const int64_t *id,
			     const char *rest)
{
	struct buf u;
	buf_init(&u, URL_MAX);
	cpath(&u, slug, path, id, rest, buf_puts);
	return finish(a, &u);
}

const char *url_c(struct arena *a, const char *slug, const char *path)
{
	return url_cpath(a, slug, path, NULL, NULL);
}

const char *url_c_id(struct arena *a, const char *slug, const char *path, int64_t id, const char *rest)
{
	return url_cpath(a, slug, path, &id, rest);
}

/* Appends "?k=v" or "&k=v", both percent-encoded. */
static void query_pair(struct buf *u, int *first, const char *k, const char *v)
{
	buf_putc(u, *first ? '?' : '&');
	*first = 0;
	h_url(u, k);
	buf_putc(u, '=');
	h_url(u, v);
}

const char *url_with_path(struct req *r, const char *path, const char *name, const char *value)
{
	struct buf u;
	buf_init(&u, URL_MAX);
	buf_puts(&u, path);
	int first = 1, placed = 0, drop_page = strcmp(name, "page") != 0;
	for (size_t i = 0; i < r->q.n; i++) {
		const struct kv *p = &r->q.v[i];
		if (drop_page && !strcmp(p->key, "page"))
			continue;
		if (strcmp(p->key, name)) {
			query_pair(&u, &first, p->key, p->val);
			continue;
		}
		if (!placed && value)
			query_pair(&u, &first, name, value);
		placed = 1;
	}
	if (!placed && value)
		query_pair(&u, &first, name, value);
	return finish(r->a, &u);
}

const char *url_with(struct req *r, const char *name, const char *value)
{
	return url_with_path(r, r->path, name, value);
}
