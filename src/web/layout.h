/* The page shell (head, header, navigation, footer), error pages and form
 * helpers that every module's views share. */
#ifndef SHEQU_WEB_LAYOUT_H
#define SHEQU_WEB_LAYOUT_H
#include <stdint.h>

#include "http/request.h"
#include "web/html.h"

/* Opens the page: doctype, head with the title and stylesheet, the site
 * header with the visitor's navigation, and <main>. */
void page_begin(struct req *r, const char *title);
/* Closes <main>, writes the footer, closes the document. */
void page_end(struct req *r);
/* Writes a whole error page for an HTTP status with a Chinese explanation. */
void page_error(struct req *r, int status, const char *message);

/* Opens a POST form to action with its CSRF field. */
void form_begin(struct req *r, const char *action);
/* The same for a form with file inputs (multipart/form-data). */
void form_begin_upload(struct req *r, const char *action);
void form_end(struct req *r);
/* A labelled file input; accept lists types ("".pdf,.png""); multiple allows several files. */
void form_file(struct req *r, const char *name, const char *label, const char *accept, int multiple);
/* A labelled input with its error (if any) tied to it by aria-describedby.
 * type: "text", "password", "tel", ... ; autocomplete may be NULL. */
void form_input(struct req *r, const char *name, const char *label, const char *type, const char *value,
		const char *error, int required, const char *autocomplete);
/* A labelled textarea. */
void form_textarea(struct req *r, const char *name, const char *label, const char *value, const char *error,
		   int required);
/* A hidden field. */
void form_hidden(struct req *r, const char *name, const char *value);
void form_submit(struct req *r, const char *label);
/* A box listing the errors of a rejected form, for screen readers and the eye. */
void form_error_summary(struct req *r, const char *const *errs, size_t n);
/* A notice paragraph (role=status). */
void page_notice(struct req *r, const char *text);
/* "上一页 / 下一页" links: base is a path (may hold a query ending in ? or &). */
void page_pager(struct req *r, const char *base, int64_t page, int has_next);

#endif
