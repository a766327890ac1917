/* Field tables: a form is declared as an array of fields and validated in
 * one pass before the handler uses it (kcgi's keys[] idea). Values come out
 * normalised (full-width ASCII folded, trimmed); errors come out in Chinese,
 * one per field, ready to show next to it. */
#ifndef SHEQU_HTTP_FIELDS_H
#define SHEQU_HTTP_FIELDS_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "http/parse.h"

enum field_type {
	FIELD_TEXT,	/* one line: no control characters */
	FIELD_MULTILINE, /* may hold newlines */
	FIELD_INT,	/* decimal integer */
	FIELD_MOBILE,	/* 11-digit mobile number, given as its digits (str_mobile_normalize) */
	FIELD_PHONE,	/* a phone number: digits, spaces, '-', '+', '(', ')' */
	FIELD_LOGIN,	/* a username or a mobile number (given as its 11 digits) */
	FIELD_PASSWORD, /* taken as typed: never normalised or trimmed */
	FIELD_HIDDEN,	/* hidden fields: a one-line value, no message of its own */
};

struct field {
	const char *name;  /* form key */
	const char *label; /* Chinese label, used in messages */
	enum field_type type;
	int required;
	size_t max_chars; /* in characters (code points); 0: 200 */
};

/* The problem with a free text typed outside a field table (a reason, a
 * note): control or direction-changing characters (newlines too unless
 * multiline), named by label, in Chinese; NULL when none. */
const char *fields_text_problem(struct arena *a, const char *label, const char *v, int multiline);
/* Validates form against n fields. vals[i] receives the normalised value
 * ("" when absent), errs[i] a message or NULL. Returns the number of fields
 * in error; a field sent twice is an error. */
int fields_validate(struct arena *a, const struct kvlist *form, const struct field *f, size_t n,
		    const char **vals, const char **errs);

#endif
