/* The page shell (head, header, navigation, footer) and error pages that
 * every module's views share; it brings the form helpers (web/form.h) along. */
#ifndef SHEQU_WEB_LAYOUT_H
#define SHEQU_WEB_LAYOUT_H
#include <stdint.h>

#include "http/request.h"
#include "web/form.h"
#include "web/html.h"

/* Opens the page: doctype, head with the title and stylesheet, the site
 * header with the visitor's navigation, and <main>. */
void page_begin(struct req *r, const char *title);
/* Closes <main>, writes the footer, closes the document. */
void page_end(struct req *r);
/* Writes a whole error page for an HTTP status with a Chinese explanation. */
void page_error(struct req *r, int status, const char *message);

/* One step of a page's trail: a path under the request's community (NULL:
 * the page itself, as plain text) and its words. */
struct crumb {
	const char *path, *text;
};
/* The trail at the top of a page of the request's community: 工作台 ›
 * c[0] › … › c[n-1] for its staff (the community's name instead of 工作台
 * for anyone else), each step with a path a link under /c/<slug>. Left off
 * printed pages. */
void page_crumbs(struct req *r, const struct crumb *c, size_t n);

/* A notice paragraph (role=status). */
void page_notice(struct req *r, const char *text);

/* A titled section of link cards to the modules' sections (struct section
 * in http/module.h): under /c/<slug> when slug is set, else the paths as
 * they are. Writes nothing when n is 0. */
struct section;
void page_section_cards(struct req *r, const char *heading, const char *slug, const struct section *const *s,
			size_t n);

#endif
