#include "web/form.h"

#include <string.h>

#include "web/html.h"

void form_begin(struct req *r, const char *action)
{
	H(r->out, "<form method=\"post\" action=\"");
	h_href(r->out, action);
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

/* Opens the field's box: its label, hint and error. */
static void field_head(struct buf *b, const struct form_field *f)
{
	H(b, "<div class=\"field");
	if (f->error)
		H(b, " has-error");
	H(b, "\"><label for=\"f-");
	h_attr(b, f->name);
	H(b, "\">");
	h_text(b, f->label);
	required_mark(b, f->required);
	H(b, "</label>");
	hint_and_error(b, f->name, f->hint, f->error);
}

/* The control's id, name, required state and ties to its hint and error. */
static void field_attrs(struct buf *b, const struct form_field *f)
{
	H(b, " id=\"f-");
	h_attr(b, f->name);
	H(b, "\" name=\"");
	h_attr(b, f->name);
	H(b, "\"");
	if (f->required)
		H(b, " required aria-required=\"true\"");
	if (f->error)
		H(b, " aria-invalid=\"true\"");
	described_by(b, f->name, f->hint, f->error);
}

void form_file(struct req *r, const char *name, const char *label, const char *accept, int multiple)
{
	struct buf *b = r->out;
	const struct form_field f = {.name = name, .label = label};
	field_head(b, &f);
	H(b, "<input type=\"file\"");
	field_attrs(b, &f);
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

void form_error_summary(struct req *r, const char *const *errs, size_t n)
{
	struct buf *b = r->out;
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		if (!errs[i])
			continue;
		if (!any)
			H(b,
			  "<div class=\"error-summary\" role=\"alert\"><p>请修改以下问题后再提交:</p><ul>");
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
	H(r->out, "<div class=\"error-summary\" role=\"alert\"><p>");
	h_text(r->out, message);
	H(r->out, "</p></div>");
}
