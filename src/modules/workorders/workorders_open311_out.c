/* Open311's XML and JSON from one writer, and its error bodies. XML as the
 * spec shows it (declaration with encoding="utf-8", no namespace); JSON as
 * its programmatic mapping: lists become arrays, empty values null. */
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "modules/workorders/workorders_open311.h"

/* Writes s as XML character data, escaping markup; whatever the database
 * holds (rows written before the POST checks, by the command line, by
 * psql), a character XML 1.0 cannot hold becomes U+FFFD, so the document
 * stays well-formed. Runs of plain text are copied at once. */
static void xml_text(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	while (*p) {
		const char *esc = NULL;
		size_t esc_len = 0, skip = 1;
		switch (*p) {
		case '&':
			esc = "&amp;", esc_len = 5;
			break;
		case '<':
			esc = "&lt;", esc_len = 4;
			break;
		case '>':
			esc = "&gt;", esc_len = 4;
			break;
		case '"':
			esc = "&quot;", esc_len = 6;
			break;
		case '\'':
			esc = "&apos;", esc_len = 6;
			break;
		default: {
			size_t len = str_xml_char_len(p);
			if (len) {
				p += len;
				continue;
			}
			esc = "\xEF\xBF\xBD", esc_len = 3;
			skip = str_xml_bad_len(p);
		}
		}
		buf_append(b, run, (size_t)(p - run));
		buf_append(b, esc, esc_len);
		p += skip;
		run = p;
	}
	buf_append(b, run, (size_t)(p - run));
}

/* Writes s as a JSON string with its quotes; runs that need no escape are
 * copied at once. As in XML, a byte that does not start a character the
 * database should hold (broken UTF-8 written by psql or the command line)
 * becomes U+FFFD, so the answer stays valid JSON. */
static void json_text(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	/* 1 for the bytes a JSON string holds as they are: all but the
	 * controls, the quote and the backslash (and NUL, the end). */
	static const unsigned char plain[256] = {
	    [0x20 ... '"' - 1] = 1,
	    ['"' + 1 ... '\\' - 1] = 1,
	    ['\\' + 1 ... 0x7f] = 1,
	};
	const unsigned char *p = (const unsigned char *)s, *run = p;
	for (;; p++) {
		for (;;) {
			while (plain[*p])
				p++;
			size_t len = *p >= 0x80 ? str_xml_char_len(p) : 0;
			if (!len)
				break;
			p += len; /* a whole character beyond ASCII */
		}
		if (!*p)
			break;
		buf_append(b, run, (size_t)(p - run));
		run = p + 1;
		if (*p >= 0x80) {
			BUF_LIT(b, "\xEF\xBF\xBD");
			run = p + str_xml_bad_len(p);
			p = run - 1;
		} else if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)*p);
		} else if (*p == '\n') {
			BUF_LIT(b, "\\n");
		} else if (*p == '\r') {
			BUF_LIT(b, "\\r");
		} else if (*p == '\t') {
			BUF_LIT(b, "\\t");
		} else {
			static const char hex[] = "0123456789abcdef";
			char u[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
			buf_append(b, u, sizeof u);
		}
	}
	buf_append(b, run, (size_t)(p - run));
	buf_putc(b, '"');
}

/* Writes <name>, </name> or <name/> as close is 0, 1 or 2. */
static void xml_tag(struct buf *b, const char *name, int close)
{
	buf_append(b, close == 1 ? "</" : "<", close == 1 ? 2 : 1);
	buf_puts(b, name);
	buf_append(b, close == 2 ? "/>" : ">", close == 2 ? 2 : 1);
}

/* Starts a JSON member or element at the current depth (the comma). */
static void json_sep(struct o311_out *o)
{
	if (!o->first[o->depth])
		buf_putc(o->b, ',');
	o->first[o->depth] = 0;
}

static void json_key(struct o311_out *o, const char *name)
{
	json_sep(o);
	if (!o->list[o->depth]) { /* names are the spec's identifiers, nothing to escape */
		buf_putc(o->b, '"');
		buf_puts(o->b, name);
		BUF_LIT(o->b, "\":");
	}
}

/* Opens a nested level (object or list) named name. */
static void push(struct o311_out *o, const char *name, int is_list, const char *item)
{
	if (o->depth + 1 >= (int)sizeof o->first) {
		o->b->err = 1; /* deeper than any Open311 document: a writer bug, a 500 */
		return;
	}
	if (o->json) {
		if (o->depth >= 0)
			json_key(o, name);
		buf_putc(o->b, is_list ? '[' : '{');
	} else {
		xml_tag(o->b, name, 0);
	}
	o->depth++;
	o->first[o->depth] = 1;
	o->list[o->depth] = (unsigned char)is_list;
	o->item[o->depth] = item;
	o->name[o->depth] = name;
}

void o311_begin(struct o311_out *o, struct buf *b, int json, const char *name, int is_list, const char *item)
{
	memset(o, 0, sizeof *o);
	o->b = b;
	o->json = json;
	o->depth = -1;
	if (!json)
		BUF_LIT(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
	push(o, name, is_list, item);
}

void o311_close(struct o311_out *o)
{
	if (o->depth < 0)
		return;
	if (o->json)
		buf_putc(o->b, o->list[o->depth] ? ']' : '}');
	else
		xml_tag(o->b, o->name[o->depth], 1);
	o->depth--;
}

void o311_end(struct o311_out *o)
{
	while (o->depth >= 0)
		o311_close(o);
	buf_putc(o->b, '\n');
}

void o311_item(struct o311_out *o)
{
	push(o, o->depth >= 0 && o->item[o->depth] ? o->item[o->depth] : "item", 0, NULL);
}

void o311_list(struct o311_out *o, const char *name, const char *item)
{
	push(o, name, 1, item);
}

void o311_str(struct o311_out *o, const char *name, const char *v)
{
	if (o->json) {
		json_key(o, name);
		if (v && *v)
			json_text(o->b, v);
		else
			BUF_LIT(o->b, "null");
		return;
	}
	if (o->depth >= 0 && o->list[o->depth] && o->item[o->depth])
		name = o->item[o->depth];
	if (!v || !*v) {
		xml_tag(o->b, name, 2);
		return;
	}
	xml_tag(o->b, name, 0);
	xml_text(o->b, v);
	xml_tag(o->b, name, 1);
}

void o311_num(struct o311_out *o, const char *name, const char *text)
{
	if (o->json) {
		json_key(o, name);
		buf_puts(o->b, text && *text ? text : "null");
	} else {
		o311_str(o, name, text);
	}
}

void o311_int(struct o311_out *o, const char *name, int64_t v)
{
	char t[24];
	snprintf(t, sizeof t, "%lld", (long long)v);
	o311_num(o, name, t);
}

void o311_bool(struct o311_out *o, const char *name, int v)
{
	o311_num(o, name, v ? "true" : "false");
}

/* 1 if the path asks for JSON (ends in .json). */
static int wants_json(const char *path)
{
	size_t n = path ? strlen(path) : 0;
	return n >= 5 && !strcmp(path + n - 5, ".json");
}

void o311_api_error(struct req *r, int status, const char *code, const char *message)
{
	struct o311_out o;
	int json = wants_json(r->path);
	char num[8];
	if (!code || !*code || !strcmp(code, "internal_error") || !strcmp(code, "not_found") ||
	    !strcmp(code, "bad_request") || !strcmp(code, "forbidden") ||
	    !strcmp(code, "method_not_allowed")) {
		/* The router's own results: the code is the status, as the spec's examples show. */
		snprintf(num, sizeof num, "%d", status);
		code = num;
	}
	o311_begin(&o, r->out, json, "errors", 1, "error");
	o311_item(&o);
	o311_str(&o, "code", code);
	o311_str(&o, "description", message && *message ? message : "请求无法完成。");
	o311_end(&o);
	r->content_type_out = json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
}
