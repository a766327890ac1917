#include "web/form.h"

#include <stdio.h>
#include <string.h>

#include "web/html.h"

void form_begin(struct req *r, const char *action)
{
	H(r->out, "<form method=\"post\" action=\"");
	h_href(r->out, action);
	H(r->out, "\" novalidate>");
	form_hidden(r, "csrf", req_csrf(r));
}

void form_begin_confirm(struct req *r, const char *action, const char *question)
{
	H(r->out, "<form method=\"post\" action=\"");
	h_href(r->out, action);
	H(r->out, "\" data-confirm=\"");
	h_attr(r->out, question);
	H(r->out, "\" novalidate>");
	form_hidden(r, "csrf", req_csrf(r));
}

void form_begin_upload(struct req *r, const char *action)
{
	H(r->out, "<form method=\"post\" enctype=\"multipart/form-data\" action=\"");
	h_href(r->out, action);
	H(r->out, "\" novalidate>");
	form_hidden(r, "csrf", req_csrf(r));
}

void form_end(struct req *r)
{
	H(r->out, "</form>");
}

void form_hidden(struct req *r, const char *name, const char *value)
{
	H(r->out, "<input type=\"hidden\" name=\"");
	h_attr(r->out, name);
	H(r->out, "\" value=\"");
	h_attr(r->out, value);
	H(r->out, "\">");
}

/* The hint and error paragraphs of a field or group. */
static void hint_and_error(struct buf *b, const char *name, const char *hint, const char *error)
{
	if (hint) {
		H(b, "<p class=\"hint\" id=\"h-");
		h_attr(b, name);
		H(b, "\">");
		h_text(b, hint);
		H(b, "</p>");
	}
	if (error) {
		H(b, "<p class=\"error\" id=\"e-");
		h_attr(b, name);
		H(b, "\">");
		h_text(b, error);
		H(b, "</p>");
	}
}

/* aria-describedby naming the hint and the error, when there are any. */
static void described_by(struct buf *b, const char *name, const char *hint, const char *error)
{
	if (!hint && !error)
		return;
	H(b, " aria-describedby=\"");
	if (hint) {
		H(b, "h-");
		h_attr(b, name);
	}
	if (hint && error)
		H(b, " ");
	if (error) {
		H(b, "e-");
		h_attr(b, name);
	}
	H(b, "\"");
}

static void required_mark(struct buf *b, int required)
{
	if (required)
		H(b, " <span class=\"req\" aria-hidden=\"true\">*</span>");
}

/* What the field's ids are made of: its id when set, else its name. */
static const char *field_key(const struct form_field *f)
{
	return f->id ? f->id : f->name;
}

/* Opens the field's box: its label, hint and error. */
static void field_head(struct buf *b, const struct form_field *f)
{
	H(b, "<div class=\"field");
	if (f->error)
		H(b, " has-error");
	H(b, "\"><label for=\"f-");
	h_attr(b, field_key(f));
	H(b, "\">");
	h_text(b, f->label);
	required_mark(b, f->required);
	H(b, "</label>");
	hint_and_error(b, field_key(f), f->hint, f->error);
}

/* The control's id, name, required state and ties to its hint and error. */
static void field_attrs(struct buf *b, const struct form_field *f)
{
	H(b, " id=\"f-");
	h_attr(b, field_key(f));
	H(b, "\" name=\"");
	h_attr(b, f->name);
	H(b, "\"");
	if (f->required)
		H(b, " required aria-required=\"true\"");
	if (f->error)
		H(b, " aria-invalid=\"true\"");
	described_by(b, field_key(f), f->hint, f->error);
}

void form_file(struct req *r, const char *name, const char *label, const char *accept, int multiple)
{
	const struct form_field f = {.name = name, .label = label};
	form_file_field(r, &f, accept, multiple);
}

void form_file_field(struct req *r, const struct form_field *f, const char *accept, int multiple)
{
	struct buf *b = r->out;
	field_head(b, f);
	H(b, "<input type=\"file\"");
	field_attrs(b, f);
	H(b, " accept=\"");
	h_attr(b, accept);
	H(b, "\"");
	if (multiple)
		H(b, " multiple");
	H(b, "></div>");
}

/* An <input> of type with extra literal attributes (may be ""). */
static void input(struct req *r, const struct form_field *f, const char *type, const char *extra)
{
	struct buf *b = r->out;
	field_head(b, f);
	H(b, "<input type=\"");
	h_attr(b, type);
	H(b, "\"");
	field_attrs(b, f);
	buf_puts(b, extra);
	if (f->autocomplete) {
		H(b, " autocomplete=\"");
		h_attr(b, f->autocomplete);
		H(b, "\"");
	}
	/* A password is never sent back to the browser. */
	if (f->value && strcmp(type, "password")) {
		H(b, " value=\"");
		h_attr(b, f->value);
		H(b, "\"");
	}
	H(b, "></div>");
}

void form_field_input(struct req *r, const struct form_field *f, const char *type)
{
	input(r, f, type, "");
}

void form_input(struct req *r, const char *name, const char *label, const char *type, const char *value,
		const char *error, int required, const char *autocomplete)
{
	const struct form_field f = {.name = name,
				     .label = label,
				     .value = value,
				     .error = error,
				     .required = required,
				     .autocomplete = autocomplete};
	input(r, &f, type, "");
}

void form_date(struct req *r, const struct form_field *f)
{
	input(r, f, "date", "");
}

void form_number(struct req *r, const struct form_field *f)
{
	input(r, f, "text", " inputmode=\"numeric\"");
}

void form_money(struct req *r, const struct form_field *f)
{
	input(r, f, "text", " inputmode=\"decimal\"");
}

void form_field_textarea(struct req *r, const struct form_field *f)
{
	struct buf *b = r->out;
	field_head(b, f);
	H(b, "<textarea rows=\"5\"");
	field_attrs(b, f);
	H(b, ">");
	h_text(b, f->value);
	H(b, "</textarea></div>");
}

void form_textarea(struct req *r, const char *name, const char *label, const char *value, const char *error,
		   int required)
{
	const struct form_field f = {
	    .name = name, .label = label, .value = value, .error = error, .required = required};
	form_field_textarea(r, &f);
}

/* 1 if option value v is the field's current value. */
static int chosen(const struct form_field *f, const char *v)
{
	return f->value && v && !strcmp(f->value, v);
}

void form_select(struct req *r, const struct form_field *f, const struct form_option *o, size_t n)
{
	struct buf *b = r->out;
	field_head(b, f);
	H(b, "<select");
	field_attrs(b, f);
	H(b, ">");
	if (f->required)
		H(b, "<option value=\"\">请选择</option>");
	const char *group = NULL;
	for (size_t i = 0; i < n; i++) {
		if (o[i].group != group && (!o[i].group || !group || strcmp(o[i].group, group))) {
			if (group)
				H(b, "</optgroup>");
			group = o[i].group;
			if (group) {
				H(b, "<optgroup label=\"");
				h_attr(b, group);
				H(b, "\">");
			}
		}
		H(b, "<option value=\"");
		h_attr(b, o[i].value);
		H(b, "\"");
		if (chosen(f, o[i].value))
			H(b, " selected");
		H(b, ">");
		h_text(b, o[i].label);
		H(b, "</option>");
	}
	if (group)
		H(b, "</optgroup>");
	H(b, "</select></div>");
}

/* Opens a fieldset with its legend, hint and error, described by them. */
static void fieldset_open(struct buf *b, const char *name, const char *legend, int required, const char *hint,
			  const char *error)
{
	H(b, "<fieldset class=\"field");
	if (error)
		H(b, " has-error");
	H(b, "\"");
	described_by(b, name, hint, error);
	H(b, "><legend>");
	h_text(b, legend);
	required_mark(b, required);
	H(b, "</legend>");
	hint_and_error(b, name, hint, error);
}

void form_fieldset_begin(struct req *r, const char *name, const char *legend, const char *hint, const char *error)
{
	fieldset_open(r->out, name, legend, 0, hint, error);
}

void form_fieldset_end(struct req *r)
{
	H(r->out, "</fieldset>");
}

/* The id of choice i of a group: "f-<name>" for the first, so that a label
 * or summary can point to it, then "f-<name>-2", ... */
static void choice_id(struct buf *b, const char *name, size_t i)
{
	H(b, "f-");
	h_attr(b, name);
	if (i) {
		H(b, "-");
		h_int(b, (int64_t)i + 1);
	}
}

/* One radio or checkbox with its label beside it. */
static void choice_input(struct buf *b, const char *type, const struct form_field *f, size_t i,
			 const char *value, const char *label, int checked, int described)
{
	H(b, "<div class=\"choice\"><input type=\"");
	h_attr(b, type);
	H(b, "\" id=\"");
	choice_id(b, f->name, i);
	H(b, "\" name=\"");
	h_attr(b, f->name);
	H(b, "\" value=\"");
	h_attr(b, value);
	H(b, "\"");
	if (checked)
		H(b, " checked");
	if (f->required && !i)
		H(b, " required aria-required=\"true\"");
	if (f->error)
		H(b, " aria-invalid=\"true\"");
	if (described)
		described_by(b, f->name, f->hint, f->error);
	H(b, "><label for=\"");
	choice_id(b, f->name, i);
	H(b, "\">");
	h_text(b, label);
	H(b, "</label></div>");
}

void form_radios(struct req *r, const struct form_field *f, const struct form_option *o, size_t n)
{
	struct buf *b = r->out;
	fieldset_open(b, f->name, f->label, f->required, f->hint, f->error);
	for (size_t i = 0; i < n; i++)
		choice_input(b, "radio", f, i, o[i].value, o[i].label, chosen(f, o[i].value), 0);
	H(b, "</fieldset>");
}

void form_checkbox(struct req *r, const struct form_field *f)
{
	struct buf *b = r->out;
	H(b, "<div class=\"field");
	if (f->error)
		H(b, " has-error");
	H(b, "\">");
	hint_and_error(b, f->name, f->hint, f->error);
	choice_input(b, "checkbox", f, 0, "1", f->label, chosen(f, "1"), 1);
	H(b, "</div>");
}

void form_submit(struct req *r, const char *label)
{
	H(r->out, "<div class=\"actions\"><button type=\"submit\">");
	h_text(r->out, label);
	H(r->out, "</button></div>");
}

/* Opens an error box; page_end finds boxes by this exact markup. */
#define SUMMARY_OPEN "<div class=\"error-summary\" role=\"alert\">"

void form_error_summary(struct req *r, const char *const *errs, size_t n)
{
	struct buf *b = r->out;
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		if (!errs[i])
			continue;
		if (!any)
			H(b, SUMMARY_OPEN "<p>请修改以下问题后再提交:</p><ul>");
		any = 1;
		H(b, "<li>");
		h_text(b, errs[i]);
		H(b, "</li>");
	}
	if (any)
		H(b, "</ul></div>");
}

void form_refusal(struct req *r, const char *message)
{
	if (!message)
		return;
	H(r->out, SUMMARY_OPEN "<p>");
	h_text(r->out, message);
	H(r->out, "</p></div>");
}

/* The first occurrence of n bytes of p in [from, to) of b, or NULL. */
static const char *find(const struct buf *b, size_t from, size_t to, const char *p, size_t n)
{
	if (from > to || to > b->len)
		return NULL;
	return memmem(b->data + from, to - from, p, n);
}

#define FIND(b, from, to, lit) find((b), (from), (to), "" lit, sizeof(lit) - 1)

/* The name of the field whose error paragraph (written by hint_and_error
 * with the id e-NAME) holds exactly the escaped message msg (n bytes): sets
 * name and nlen, returns 1; 0 when none does. */
static int field_of_message(const struct buf *b, const char *msg, size_t n, const char **name, size_t *nlen)
{
	static const char open[] = "<p class=\"error\" id=\"e-";
	size_t at = 0;
	const char *p;
	while ((p = find(b, at, b->len, open, sizeof open - 1))) {
		const char *nm = p + sizeof open - 1;
		const char *q = FIND(b, (size_t)(nm - b->data), b->len, "\">");
		if (!q)
			return 0;
		const char *text = q + 2;
		size_t left = b->len - (size_t)(text - b->data);
		if (left >= n + 4 && !memcmp(text, msg, n) && !memcmp(text + n, "</p>", 4)) {
			*name = nm;
			*nlen = (size_t)(q - nm);
			return 1;
		}
		at = (size_t)(text - b->data);
	}
	return 0;
}

/* Copies one error box [s, e) into out, each list item made a link to the
 * field whose error it repeats: to the control ("#f-NAME") when the page has
 * one by that id, else to the error itself ("#e-NAME", a group's). */
static void copy_box(struct buf *out, const struct buf *b, size_t s, size_t e)
{
	size_t at = s;
	const char *li;
	while ((li = FIND(b, at, e, "<li>"))) {
		size_t ms = (size_t)(li - b->data) + 4;
		const char *end = FIND(b, ms, e, "</li>");
		if (!end)
			break;
		size_t me = (size_t)(end - b->data);
		buf_append(out, b->data + at, ms - at);
		const char *name;
		size_t nlen;
		if (field_of_message(b, b->data + ms, me - ms, &name, &nlen)) {
			char id[80];
			int ctl = nlen + 2 < sizeof id - 8;
			if (ctl) {
				int k = snprintf(id, sizeof id, "id=\"f-%.*s\"", (int)nlen, name);
				ctl = k > 0 && (size_t)k < sizeof id && find(b, 0, b->len, id, (size_t)k);
			}
			H(out, "<a href=\"#");
			buf_puts(out, ctl ? "f-" : "e-");
			buf_append(out, name, nlen); /* already attribute-escaped where it was written */
			H(out, "\">");
			buf_append(out, b->data + ms, me - ms);
			H(out, "</a>");
		} else {
			buf_append(out, b->data + ms, me - ms);
		}
		at = me;
	}
	buf_append(out, b->data + at, e - at);
}

int form_hoist_errors(struct buf *b)
{
	static const char main_open[] = "<main id=\"main\">";
	if (b->err || !b->data)
		return 0;
	const char *m = find(b, 0, b->len, main_open, sizeof main_open - 1);
	if (!m)
		return 0;
	size_t top = (size_t)(m - b->data) + sizeof main_open - 1;
	if (!FIND(b, top, b->len, SUMMARY_OPEN))
		return 0;
	struct buf out;
	buf_init(&out, b->max ? b->max : (size_t)-1);
	buf_append(&out, b->data, top);
	/* One focus target around the boxes, for the page's script and the skip link. */
	H(&out, "<div id=\"error-summary\" tabindex=\"-1\">");
	size_t at = top;
	const char *s;
	while ((s = FIND(b, at, b->len, SUMMARY_OPEN))) {
		const char *e = FIND(b, (size_t)(s - b->data), b->len, "</div>");
		if (!e)
			break;
		copy_box(&out, b, (size_t)(s - b->data), (size_t)(e - b->data) + 6);
		at = (size_t)(e - b->data) + 6;
	}
	H(&out, "</div>");
	/* The rest of the page without the boxes. */
	at = top;
	while ((s = FIND(b, at, b->len, SUMMARY_OPEN))) {
		const char *e = FIND(b, (size_t)(s - b->data), b->len, "</div>");
		if (!e)
			break;
		buf_append(&out, b->data + at, (size_t)(s - b->data) - at);
		at = (size_t)(e - b->data) + 6;
	}
	buf_append(&out, b->data + at, b->len - at);
	int ok = !out.err;
	if (ok) {
		buf_reset(b);
		buf_append(b, out.data, out.len);
	}
	buf_free(&out);
	return ok && !b->err;
}
