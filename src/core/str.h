/* Small string helpers for text that arrives from outside. */
#ifndef SHEQU_CORE_STR_H
#define SHEQU_CORE_STR_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

/* 1 if s[0..n) is well-formed UTF-8 with no NUL and no overlong or surrogate forms, else 0. */
int utf8_valid(const char *s, size_t n);
/* Number of code points in well-formed UTF-8 text. */
size_t utf8_len(const char *s, size_t n);
/* Cuts well-formed UTF-8 text s in place after its first max code points. */
void utf8_clip(char *s, size_t max);
/* Copies s into the arena with full-width ASCII (U+FF01..U+FF5E) and the
 * ideographic space folded to ASCII, line breaks (CR LF, CR) as LF, and
 * leading/trailing white space removed.
 * Text that shows nothing at all (see str_is_blank) becomes "".
 * Input must be valid UTF-8. Returns NULL only when the arena fails. */
char *str_normalize(struct arena *a, const char *s, size_t n);
/* Text from an imported file as UTF-8: a UTF-8 byte-order mark is dropped;
 * text that is not UTF-8 is read as GB18030 (what Excel and WPS save on
 * Chinese Windows). NULL with *err set when it is neither. */
char *str_decode_import(struct arena *a, const char *data, size_t n, const char **err);
/* 1 if s holds a Unicode bidirectional control (U+061C, U+200E/F,
 * U+202A..U+202E, U+2066..U+2069): they can make a title or a file name
 * read differently from what it is ("fdp.exe" shown as "exe.pdf"). */
int str_has_bidi_control(const char *s);
/* Copies s into the arena without its bidirectional controls. NULL only
 * when the arena fails. */
char *str_strip_bidi(struct arena *a, const char *s);
/* 1 if UTF-8 text s shows nothing: only white space, format characters
 * (zero-width space, BOM, word joiner, soft hyphen …), controls and blank
 * fillers. A required field holding only these is empty. */
int str_is_blank(const char *s);
/* 1 if s is a Chinese mobile number: 11 ASCII digits starting with 1. */
int str_is_mobile(const char *s);
/* The mobile number in s as people type it ("138-0013-8000",
 * "138 0013 8000", "+86 138 0013 8000", "0086 13800138000", full-width
 * digits, brackets and dots between groups) written to out as its 11 ASCII
 * digits (str_is_mobile holds). 0, or -1 (out untouched) when s is not one
 * mobile number. */
int str_mobile_normalize(const char *s, char out[12]);
/* 1 if s is a URL slug: 1..40 of [a-z0-9-], not starting or ending with '-'. */
int str_is_slug(const char *s);
/* 1 if s is a username: 3..32 of [A-Za-z0-9_.-], starting with a letter. */
int str_is_username(const char *s);
/* 1 if s can name a transparency log's origin: a host name, optionally with
 * a path ("shequ.example.cn", "gov.example.cn/shequ"), 1..100 characters of
 * [a-z0-9.-/], no space or '+' (C2SP checkpoints forbid them). */
int str_is_origin(const char *s);
/* 1 if s is an absolute http(s) base URL without query, fragment, user
 * info or final slash ("https://shequ.example.cn", "http://127.0.0.1:8080/x"). */
int str_is_base_url(const char *s);
/* Parses a decimal int64 with optional sign; whole string must match. 0 or -1. */
int str_to_int64(const char *s, int64_t *out);

/* The length (1 to 4) of the well-formed UTF-8 character at p when XML 1.0
 * may hold it; 0 when p starts a malformed sequence, a surrogate, U+FFFE,
 * U+FFFF or a C0 control other than tab, LF and CR. p is NUL-terminated. */
size_t str_xml_char_len(const unsigned char *p);
/* Where str_xml_char_len gave 0: how many bytes to replace by one U+FFFD
 * (the lead byte and up to 3 continuation bytes after it, so that U+FFFF
 * becomes one replacement character, not three). */
size_t str_xml_bad_len(const unsigned char *p);
/* s with every character XML 1.0 cannot hold (str_xml_char_len 0)
 * replaced by one U+FFFD (str_xml_bad_len), so that a document built from it stays well-formed
 * whatever the database holds: s itself when clean, else a copy in the
 * arena; NULL when out of memory. */
const char *str_xml_clean(struct arena *a, const char *s);

#endif
