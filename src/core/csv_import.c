#include "core/csv_import.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/str.h"

#define FULLWIDTH_COMMA "\xEF\xBC\x8C" /* ， U+FF0C */
#define PROGRESS_EVERY 1000

/* The reader's state while libcsv calls back. */
struct reader {
	struct csv_import *imp;
	const struct csv_options *o;
	int max_fields;
	size_t max_field_bytes;
	struct buf row; /* the current row's fields, each followed by a NUL */
	size_t *off;    /* where each field starts in row.data */
	const char **ptr;
	int nfields;
	int too_many, too_long; /* the current row broke a limit */
	int discard;            /* drop the current row without a word (already reported) */
	int start_line;         /* the physical line the current row started on */
	int ended;              /* a row ended while the current line was fed */
	size_t done, total;     /* bytes of text fed, of all */
};

static int fail(struct csv_import *imp, const char *message)
{
	imp->stopped = 1;
	if (!imp->fatal)
		imp->fatal = message;
	return -1;
}

int csv_import_fail(struct csv_import *imp, const char *message)
{
	return fail(imp, message ? message : "导入已停止");
}

void csv_row_error(struct csv_import *imp, int line, const char *fmt, ...)
{
	imp->nerrors++;
	if (imp->nkept >= imp->cap_errors)
		return;
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	char *msg = n >= 0 ? arena_alloc(imp->a, (size_t)n + 1) : NULL;
	if (!msg) {
		imp->errors[imp->nkept++] = (struct csv_row_error){line, "这一行有误"};
		return;
	}
	if ((size_t)n < sizeof small) {
		memcpy(msg, small, (size_t)n + 1);
	} else {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	imp->errors[imp->nkept++] = (struct csv_row_error){line, msg};
}

const char *csv_errors_text(struct csv_import *imp, int max)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	int shown = 0;
	for (; shown < imp->nkept && shown < max; shown++)
		buf_printf(&b, "%s第 %d 行:%s", shown ? "; " : "", imp->errors[shown].line,
		           imp->errors[shown].message);
	if (imp->nerrors > shown && shown)
		buf_printf(&b, "; 另有 %d 行有误", imp->nerrors - shown);
	else if (imp->nerrors > shown)
		buf_printf(&b, "%d 行有误", imp->nerrors);
	const char *out = b.err ? NULL : arena_strndup(imp->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (r->imp->stopped || r->discard)
		return;
	if (r->nfields == r->max_fields) {
		r->too_many = 1;
		return;
	}
	if (len > r->max_field_bytes) {
		r->too_long = 1;
		len = 0;
	}
	r->off[r->nfields++] = r->row.len;
	if (len)
		buf_append(&r->row, s, len);
	buf_putc(&r->row, 0);
}

static void row_reset(struct reader *r)
{
	r->nfields = 0;
	r->too_many = r->too_long = r->discard = 0;
	buf_reset(&r->row);
}

static void on_row(int c, void *data)
{
	(void)c;
	struct reader *r = data;
	struct csv_import *imp = r->imp;
	r->ended = 1;
	if (imp->stopped || r->discard) {
		row_reset(r);
		return;
	}
	if (r->row.err) {
		fail(imp, "内存不足,无法读完这个文件");
		row_reset(r);
		return;
	}
	int blank = !r->too_many && !r->too_long;
	for (int i = 0; i < r->nfields; i++) {
		r->ptr[i] = r->row.data + r->off[i];
		if (blank && !str_is_blank(r->ptr[i]))
			blank = 0;
	}
	if (blank) {
		row_reset(r);
		return;
	}
	csv_import_row(imp, r->o, r->start_line, r->nfields, r->ptr, r->too_many, r->too_long, r->done,
	               r->total);
	row_reset(r);
}

int csv_import_row(struct csv_import *imp, const struct csv_options *o, int line, int nfields,
                   const char *const *fields, int too_many, int too_long, size_t done, size_t total)
{
	if (++imp->rows > imp->max_rows + imp->header_rows) {
		char *m = arena_printf(imp->a, "超过 %d 行,请分成几个文件导入", imp->max_rows);
		return fail(imp, m ? m : "行数太多");
	}
	if (too_many) {
		csv_row_error(imp, line, "超过 %d 列", imp->max_fields);
	} else if (too_long) {
		csv_row_error(imp, line, "有一项超过 %zu 字节", imp->max_field_bytes);
	} else {
		struct csv_row row = {line, imp->rows - 1, nfields, fields};
		if (o->row && o->row(imp, &row, o->ctx) < 0)
			return fail(imp, "导入已停止");
	}
	if (o->progress && imp->rows % PROGRESS_EVERY == 0)
		o->progress(o->ctx, imp->rows, done, total);
	return imp->stopped ? -1 : 0;
}

/* The delimiter a line asks for: tab if it has tabs, at least as many as
 * commas; else comma; a line with only full-width commas sets *fullwidth. */
static unsigned char pick_delim(const char *s, size_t n, int *fullwidth)
{
	size_t tabs = 0, commas = 0, wide = 0;
	for (size_t i = 0; i < n; i++) {
		tabs += s[i] == '\t';
		commas += s[i] == ',';
		if (i + 3 <= n && !memcmp(s + i, FULLWIDTH_COMMA, 3))
			wide++;
	}
	*fullwidth = !tabs && !commas && wide;
	return tabs && tabs >= commas ? '\t' : ',';
}

/* 1 if libcsv would start a row on this line: anything but spaces, tabs
 * (unless they delimit) and the line break. */
static int starts_row(const char *s, size_t n, unsigned char delim)
{
	for (size_t i = 0; i < n; i++)
		if (!(s[i] == ' ' || (s[i] == '\t' && delim != '\t') || s[i] == '\r' || s[i] == '\n'))
			return 1;
	return 0;
}

/* Feeds one line to libcsv, full-width commas turned into commas if asked. */
static int feed(struct csv_parser *p, struct reader *r, struct buf *scratch, const char *s, size_t n,
                int fullwidth)
{
	if (fullwidth) {
		buf_reset(scratch);
		for (size_t i = 0; i < n; i++) {
			if (i + 3 <= n && !memcmp(s + i, FULLWIDTH_COMMA, 3)) {
				buf_putc(scratch, ',');
				i += 2;
			} else {
				buf_putc(scratch, s[i]);
			}
		}
		if (scratch->err)
			return -1;
		s = scratch->data;
		n = scratch->len;
	}
	return csv_parse(p, s, n, on_field, on_row, r) == n ? 0 : -1;
}

int csv_import_start(struct csv_import *imp, struct arena *a, const struct csv_options *o, size_t n)
{
	memset(imp, 0, sizeof *imp);
	imp->a = a;
	imp->max_rows = o->max_rows > 0 ? o->max_rows : 100000;
	imp->header_rows = o->header_rows > 0 && o->header_rows < 100 ? o->header_rows : 0;
	imp->max_fields = o->max_fields > 0 ? o->max_fields : 200;
	imp->max_field_bytes = o->max_field_bytes ? o->max_field_bytes : 4096;
	imp->cap_errors = o->max_errors > 0 ? o->max_errors : 100;
	imp->errors = arena_alloc(a, (size_t)imp->cap_errors * sizeof *imp->errors);
	if (!imp->errors) {
		imp->cap_errors = 0;
		return fail(imp, NULL);
	}
	size_t max_bytes = o->max_bytes ? o->max_bytes : (size_t)8 << 20;
	if (n > max_bytes) {
		char *m = arena_printf(a, "文件太大:最多 %zu KB", max_bytes >> 10);
		return fail(imp, m ? m : "文件太大");
	}
	return 0;
}

int csv_import_run(struct csv_import *imp, struct arena *a, const void *data, size_t n,
                   const struct csv_options *o)
{
	if (csv_import_start(imp, a, o, n) < 0)
		return -1;
	const char *bytes = data ? data : "";
	size_t bom = n >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3) ? 3 : 0;
	const char *err = NULL;
	char *text = str_decode_import(a, bytes, n, &err);
	if (!text)
		return fail(imp, err ? err : "内存不足,无法读这个文件");
	imp->encoding = utf8_valid(bytes + bom, n - bom) ? "UTF-8" : "GB18030";
	size_t len = strlen(text);

	struct reader r = {.imp = imp,
	                   .o = o,
	                   .max_fields = imp->max_fields,
	                   .max_field_bytes = imp->max_field_bytes,
	                   .total = len};
	r.off = arena_alloc(a, (size_t)r.max_fields * sizeof *r.off);
	r.ptr = arena_alloc(a, (size_t)r.max_fields * sizeof *r.ptr);
	struct csv_parser p;
	if (!r.off || !r.ptr || csv_init(&p, 0) != 0)
		return fail(imp, "内存不足,无法读这个文件");
	/* A row holds at most the whole text plus a NUL per field. */
	buf_init(&r.row, len + (size_t)r.max_fields + 1);
	struct buf scratch;
	buf_init(&scratch, len + 1);

	unsigned char delim = o->delim == CSVI_DELIM_TAB ? '\t' : ',';
	int decided = o->delim == CSVI_DELIM_COMMA || o->delim == CSVI_DELIM_TAB, fullwidth = 0, open = 0,
	    line = 0;
	for (size_t at = 0; at < len && !imp->stopped;) {
		size_t end = at;
		while (end < len && text[end] != '\n' && text[end] != '\r')
			end++;
		if (end < len)
			end += text[end] == '\r' && end + 1 < len && text[end + 1] == '\n' ? 2 : 1;
		const char *s = text + at;
		size_t ln = end - at;
		at = end;
		line++;
		if (!open) {
			unsigned char d = delim;
			int wide = fullwidth;
			if (o->delim == CSVI_DELIM_LINE || !decided)
				d = pick_delim(s, ln, &wide);
			if (!starts_row(s, ln, d))
				continue;
			if (o->delim != CSVI_DELIM_LINE)
				decided = 1;
			delim = d;
			fullwidth = wide;
			csv_set_delim(&p, delim);
			r.start_line = line;
		}
		r.ended = 0;
		r.done = end;
		if (feed(&p, &r, &scratch, s, ln, fullwidth) < 0) {
			fail(imp, "内存不足,无法读完这个文件");
			break;
		}
		open = !r.ended;
	}
	if (!imp->stopped && open) {
		/* The last line had no line break, or a quote never closed. */
		r.ended = 0;
		csv_parse(&p, "\n", 1, on_field, on_row, &r);
		if (!r.ended) {
			csv_row_error(imp, r.start_line, "引号没有配对:从这一行起直到文件末尾都在引号里");
			r.discard = 1;
		}
	}
	csv_fini(&p, on_field, on_row, &r);
	csv_free(&p);
	buf_free(&r.row);
	buf_free(&scratch);
	if (o->progress && !imp->stopped)
		o->progress(o->ctx, imp->rows, len, len);
	return imp->stopped ? -1 : 0;
}

int csv_header_map(struct arena *a, const struct csv_row *header, const struct csv_column *cols, int ncols,
                   int *idx, const char **err)
{
	for (int i = 0; i < ncols; i++)
		idx[i] = -1;
	for (int f = 0; f < header->nfields; f++) {
		const char *h = str_normalize(a, header->fields[f], strlen(header->fields[f]));
		if (!h) {
			*err = "内存不足";
			return -1;
		}
		if (!*h)
			continue;
		for (int i = 0; i < ncols; i++) {
			int match = 0;
			for (const char *const *name = cols[i].names; *name && !match; name++) {
				const char *want = str_normalize(a, *name, strlen(*name));
				match = want && !strcasecmp(h, want);
			}
			if (!match)
				continue;
			if (idx[i] >= 0) {
				*err = arena_printf(a, "表头中 %s 列出现了两次", cols[i].names[0]);
				return -1;
			}
			idx[i] = f;
			break;
		}
	}
	for (int i = 0; i < ncols; i++)
		if (cols[i].required && idx[i] < 0) {
			*err = arena_printf(a, "表头缺少 %s 列", cols[i].names[0]);
			return -1;
		}
	return 0;
}
