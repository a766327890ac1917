/* Form helpers: each control with its label, its hint and its error. The
 * control's id is "f-<name>"; its error, "e-<name>", and hint, "h-<name>",
 * are tied to it by aria-describedby; what was typed is written back so a
 * rejected form keeps it. */
#ifndef SHEQU_WEB_FORM_H
#define SHEQU_WEB_FORM_H
#include <stddef.h>

#include "http/request.h"

/* One field as a page shows it. */
struct form_field {
	const char *name;  /* form key */
	const char *label; /* in Chinese */
	const char *hint;  /* a line under the label ("如 2026-11-01"), or NULL */
	const char *value; /* the current or typed value, or NULL */
	const char *error; /* the message for this field, or NULL */
	int required;
	const char *autocomplete; /* an autocomplete token, or NULL */
	/* The ids' stem ("f-<id>", "e-<id>", "h-<id>") when several forms on
	 * one page have a field of this name; NULL: the name. Inputs, text
	 * areas, selects and checkboxes only. */
	const char *id;
};

/* One choice of a select or radio group. Consecutive options with the same
 * group go into one <optgroup label=group> (NULL: none). */
struct form_option {
	const char *value, *label;
	const char *group;
};

/* Opens a POST form to action with its CSRF field. */
void form_begin(struct req *r, const char *action);
/* The same for a step that cannot be taken back (an approval, a month's
 * closing): the browser asks question (Chinese) before it posts; without
 * the page's script the form posts at once. */
void form_begin_confirm(struct req *r, const char *action, const char *question);
/* The same for a form with file inputs (multipart/form-data). */
void form_begin_upload(struct req *r, const char *action);
void form_end(struct req *r);
/* A labelled file input; accept lists types (".pdf,.png"); multiple allows several files. */
void form_file(struct req *r, const char *name, const char *label, const char *accept, int multiple);
/* The same with the field's hint and error (f: name, label, hint, error). */
void form_file_field(struct req *r, const struct form_field *f, const char *accept, int multiple);
/* A labelled input with its error (if any) tied to it by aria-describedby.
 * type: "text", "password", "tel", ... ; autocomplete may be NULL. A
 * password's value is never written back. */
void form_input(struct req *r, const char *name, const char *label, const char *type, const char *value,
		const char *error, int required, const char *autocomplete);
/* A labelled textarea. */
void form_textarea(struct req *r, const char *name, const char *label, const char *value, const char *error,
		   int required);
/* form_input and form_textarea for a described field (with its hint). */
void form_field_input(struct req *r, const struct form_field *f, const char *type);
void form_field_textarea(struct req *r, const struct form_field *f);
/* A date input (YYYY-MM-DD). */
void form_date(struct req *r, const struct form_field *f);
/* A whole-number input: a text input with inputmode="numeric", so phones
 * show digits and what was typed is kept as typed (the server checks it). */
void form_number(struct req *r, const struct form_field *f);
/* An amount of money in yuan ("1234.56"): a text input with
 * inputmode="decimal", so phones show digits and the point. */
void form_money(struct req *r, const struct form_field *f);
/* A select over n options; the option whose value equals f->value is
 * selected. A required select starts with an empty "请选择" option. */
void form_select(struct req *r, const struct form_field *f, const struct form_option *o, size_t n);
/* Radio buttons in a fieldset whose legend is the label; the one whose value
 * equals f->value is checked. */
void form_radios(struct req *r, const struct form_field *f, const struct form_option *o, size_t n);
/* A checkbox sending "1", checked when f->value is "1" (label beside it). */
void form_checkbox(struct req *r, const struct form_field *f);
/* A fieldset around related checkboxes or inputs, with a legend, an optional
 * hint and an error for the group; close it with form_fieldset_end. name
 * ties the error and hint ids ("e-<name>", "h-<name>"). */
void form_fieldset_begin(struct req *r, const char *name, const char *legend, const char *hint,
			 const char *error);
void form_fieldset_end(struct req *r);
/* A hidden field. */
void form_hidden(struct req *r, const char *name, const char *value);
void form_submit(struct req *r, const char *label);
/* A box listing the errors of a rejected form, for screen readers and the
 * eye. Wherever a view writes it, page_end moves it to the top of <main>
 * and links each item to the field that shows the same message. */
void form_error_summary(struct req *r, const char *const *errs, size_t n);
/* A box with one message refusing the form as a whole (nothing when NULL);
 * moved to the top of <main> with the summary. */
void form_refusal(struct req *r, const char *message);
/* Moves the error boxes of page b (form_error_summary, form_refusal) to the
 * start of its <main>, inside one <div id="error-summary" tabindex="-1">,
 * each item linked to its field ("#f-<name>"). Returns 1 when it moved any
 * (the page then wants the script that focuses them), 0 when there were none
 * or the page could not be rewritten (it is left as it was). */
int form_hoist_errors(struct buf *b);

#endif
