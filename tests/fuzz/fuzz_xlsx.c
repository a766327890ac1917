/* libFuzzer target: xlsx_import_run on any bytes. The first byte picks
 * small limits and how the rest is read: as a package (bit 0 clear), or
 * (bit 0 set) as parts split at NUL bytes — the worksheet's rows, shared
 * strings, styles, the workbook — put into a stored ZIP with the other
 * parts, so that the fuzzer reaches the XML handlers without learning
 * deflate. Whatever the bytes: a refusal says why in valid UTF-8; rows
 * come in order with row numbers 1..1048576, at least one field and no more
 * than the limits, every field valid UTF-8 within the byte limit; the
 * joined error text is valid UTF-8; progress never goes backwards. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/str.h"
#include "core/xlsx_read.h"

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

struct check {
	int last_line, next_index, rows, max_fields;
	size_t max_field_bytes, last_done;
};

static int on_row(struct csv_import *imp, const struct csv_row *row, void *ctx)
{
	struct check *c = ctx;
	if (row->line <= c->last_line || row->line > 1048576 || row->index < c->next_index ||
	    row->nfields < 1 || row->nfields > c->max_fields)
		__builtin_trap();
	c->last_line = row->line;
	c->next_index = row->index + 1;
	c->rows++;
	for (int i = 0; i < row->nfields; i++) {
		size_t n = strlen(row->fields[i]);
		if (n > c->max_field_bytes || !utf8_valid(row->fields[i], n))
			__builtin_trap();
	}
	/* Refuse some rows so that errors pile up. */
	if (row->nfields == 2)
		csv_row_error(imp, row->line, "两项的行: %s", row->fields[0]);
	return 0;
}

static void on_progress(void *ctx, int rows, size_t done, size_t total)
{
	struct check *c = ctx;
	if (rows < 0 || done < c->last_done || done > total)
		__builtin_trap();
	c->last_done = done;
}

/* The next part of data up to a NUL (or the end); NULL when there is none. */
static const char *next_part(const uint8_t **data, size_t *size, size_t *n)
{
	if (!*size)
		return NULL;
	const uint8_t *p = *data, *end = memchr(p, 0, *size);
	*n = end ? (size_t)(end - p) : *size;
	*data += *n + (end != NULL);
	*size -= *n + (end != NULL);
	return (const char *)p;
}

static int add(zip_t *z, const char *name, const void *p, size_t n)
{
	zip_source_t *s = zip_source_buffer(z, p, n, 0);
	zip_int64_t i = s ? zip_file_add(z, name, s, 0) : -1;
	if (i < 0) {
		zip_source_free(s);
		return -1;
	}
	return zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

/* A stored ZIP package of the parts in data; malloc'd, NULL on failure. */
static uint8_t *package(const uint8_t *data, size_t size, size_t *out)
{
	static const char wb[] =
	    "<workbook xmlns:r=\"" NS_REL "\"><sheets><sheet r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] =
	    "<Relationships>"
	    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/s.xml\"/>"
	    "<Relationship Id=\"rId2\" Type=\"" NS_REL "/sharedStrings\" Target=\"/xl/ss.xml\"/>"
	    "</Relationships>";
	size_t nrows = 0, nsst = 0, nstyles = 0, nwb = 0;
	const char *rows = next_part(&data, &size, &nrows), *sst = next_part(&data, &size, &nsst),
	           *styles = next_part(&data, &size, &nstyles), *book = next_part(&data, &size, &nwb);
	static const char pre[] = "<worksheet><dimension ref=\"A1\"/><sheetData>",
	                  post[] = "</sheetData></worksheet>";
	char *sheet = malloc(sizeof pre + nrows + sizeof post);
	if (!sheet)
		return NULL;
	memcpy(sheet, pre, sizeof pre - 1);
	if (nrows)
		memcpy(sheet + sizeof pre - 1, rows, nrows);
	memcpy(sheet + sizeof pre - 1 + nrows, post, sizeof post - 1);
	size_t nsheet = sizeof pre - 1 + nrows + sizeof post - 1;

	uint8_t *bytes = NULL;
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &err) : NULL;
	if (!z) {
		zip_source_free(src);
		goto out;
	}
	zip_source_keep(src);
	if (add(z, "xl/workbook.xml", book ? book : wb, book ? nwb : sizeof wb - 1) < 0 ||
	    add(z, "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1) < 0 ||
	    add(z, "xl/worksheets/s.xml", sheet, nsheet) < 0 || (sst && add(z, "xl/ss.xml", sst, nsst) < 0) ||
	    (styles && add(z, "xl/styles.xml", styles, nstyles) < 0) || zip_close(z) < 0) {
		zip_discard(z);
		zip_source_free(src);
		goto out;
	}
	zip_stat_t st;
	if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && zip_source_open(src) == 0) {
		bytes = malloc(st.size ? st.size : 1);
		if (bytes && zip_source_read(src, bytes, st.size) != (zip_int64_t)st.size) {
			free(bytes);
			bytes = NULL;
		}
		*out = st.size;
		zip_source_close(src);
	}
	zip_source_free(src);
out:
	zip_error_fini(&err);
	free(sheet);
	return bytes;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned mode = data[0];
	data++;
	size--;
	uint8_t *built = NULL;
	if (mode & 1) {
		built = package(data, size, &size);
		if (!built)
			return 0;
		data = built;
	}
	struct arena a;
	arena_init(&a, 64 << 20);
	struct check c = {0};
	struct csv_options o = {.max_bytes = mode & 2 ? 4096 : 0,
	                        .max_rows = mode & 4 ? 5 : 0,
	                        .max_fields = mode & 8 ? 3 : 0,
	                        .max_field_bytes = mode & 16 ? 8 : 0,
	                        .max_errors = mode & 32 ? 2 : 0,
	                        .row = on_row,
	                        .progress = on_progress,
	                        .ctx = &c};
	c.max_fields = o.max_fields ? o.max_fields : 200;
	c.max_field_bytes = o.max_field_bytes ? o.max_field_bytes : 4096;
	struct csv_import imp;
	int rc = xlsx_import_run(&imp, &a, data, size, &o);
	if ((rc == -1) != (imp.fatal != NULL) || (imp.fatal && !utf8_valid(imp.fatal, strlen(imp.fatal))))
		__builtin_trap();
	if (imp.nkept > imp.nerrors || imp.rows < c.rows)
		__builtin_trap();
	for (int i = 0; i < imp.nkept; i++)
		if (imp.errors[i].line < 1 || imp.errors[i].line > 1048576 || !imp.errors[i].message)
			__builtin_trap();
	const char *all = csv_errors_text(&imp, 3);
	if (!all || !utf8_valid(all, strlen(all)) || (imp.nerrors > 0) != (*all != 0))
		__builtin_trap();
	arena_free(&a);
	free(built);
	return 0;
}
