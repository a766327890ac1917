/* Files people upload through a form (multipart, src/http/multipart.h)
 * and files sent back to be opened in the browser: the checks every
 * module's upload form makes (how many, how big, the name, PDF/PNG/JPEG by
 * their first bytes) with their messages in Chinese, and the
 * content-disposition of an attachment. */
#ifndef SHEQU_WEB_UPLOAD_H
#define SHEQU_WEB_UPLOAD_H
#include <stddef.h>
#include <stdint.h>

#include "http/multipart.h"
#include "http/request.h"

/* 1 if the part is an upload of the form's file input field (not one left
 * empty; a file under any other name is not read). */
int upload_is(const struct part *p, const char *field);
/* The name an upload is kept under: its file name normalised, without
 * control characters, or "附件" when nothing is left. NULL only when the
 * arena fails. */
const char *upload_name(struct req *r, const struct part *p);
/* Checks the form's uploads under field (r->files): at most max_files,
 * names of at most name_max characters, at most max_bytes each, each a PDF,
 * PNG or JPEG (multipart_file_type). NULL, or what is wrong in Chinese. */
const char *upload_problem(struct req *r, const char *field, size_t max_files, size_t max_bytes,
                           size_t name_max);
/* Photos people put on public pages are at most this many pixels a side
 * and this many pixels in all (a 20000x20000 PNG of 1 MB would take a
 * phone's browser gigabytes to show). */
#define UPLOAD_IMAGE_SIDE_MAX 12000
#define UPLOAD_IMAGE_PIXELS_MAX 64000000u
/* The width and height of a PNG (its IHDR) or a baseline/progressive JPEG
 * (its first SOFn frame header, found by walking the markers from SOI,
 * bounded by len). 0 with *w and *h set (both > 0), or -1 for anything
 * that is not such an image, truncated ones included. */
int upload_image_size(const void *data, size_t len, unsigned *w, unsigned *h);
/* The check of one photo: a PNG or JPEG whose size is readable and within
 * UPLOAD_IMAGE_SIDE_MAX / UPLOAD_IMAGE_PIXELS_MAX. NULL, or what is wrong
 * in Chinese, naming the file. */
const char *upload_image_problem(struct req *r, const struct part *p);
/* Sends len bytes of data as the answer, of type mime, to be shown in the
 * browser under name (RFC 6266 / 5987: the UTF-8 name, percent-encoded).
 * The caller sets the cache control (and an ETag if it has one). */
void upload_send_inline(struct req *r, const void *data, size_t len, const char *mime, const char *name);
/* Sends an attachment that holds personal data once the viewing is on
 * record: opens a transaction, writes the audit row (action on entity id,
 * detail; req_audit_commit), then sends it inline, never kept by any cache
 * ("private, no-store"). HR_OK, or HR_ERROR when the row cannot be written
 * (nothing sent). */
enum http_result upload_send_audited(struct req *r, const char *action, const char *entity, int64_t id,
                                     const char *detail, const void *data, size_t len, const char *mime,
                                     const char *name);

#endif
