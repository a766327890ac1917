/* libFuzzer target: csv_import_run on any bytes. The first byte picks the
 * delimiter mode and small limits, so that every limit is reached. Whatever
 * the bytes: rows come in order with increasing start lines within the text,
 * at least one field, no more than the limits, every field valid UTF-8 with
 * no NUL; a refusal says why; reported errors name real lines; the joined
 * error text is valid UTF-8; progress never goes backwards. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/csv_import.h"
#include "core/str.h"

struct check {
	int lines; /* physical lines of the decoded text */
	int last_line, next_index, rows;
	int max_fields;
	size_t max_field_bytes, last_done;
};

static const char *const c_name[] = {"姓名", NULL};
static const char *const c_id[] = {"身份证号", "公民身份号码", "身份证号码", NULL};
static const struct csv_column cols[] = {{c_name, 1}, {c_id, 0}};

static int on_row(struct csv_import *imp, const struct csv_row *row, void *ctx)
{
	struct check *c = ctx;
	if (row->line <= c->last_line || row->line > c->lines || row->index < c->next_index ||
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
	if (row->index == 0) {
		int idx[2];
		const char *err = NULL;
		if (csv_header_map(imp->a, row, cols, 2, idx, &err) < 0
		        ? !err || !utf8_valid(err, strlen(err))
		        : idx[0] < 0 || idx[0] >= row->nfields)
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned mode = data[0];
	data++;
	size--;
	struct arena a;
	arena_init(&a, 64 << 20);
	/* The decoded text's physical lines, as the reader counts them. */
	const char *derr = NULL;
	char *text = str_decode_import(&a, (const char *)data, size, &derr);
	struct check c = {.lines = 1};
	for (size_t i = 0; text && text[i]; i++)
		if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n'))
			c.lines++;
	struct csv_options o = {.delim = (enum csv_delim)(mode & 3),
	                        .max_bytes = mode & 4 ? 512 : 0,
	                        .max_rows = mode & 8 ? 5 : 0,
	                        .max_fields = mode & 16 ? 3 : 0,
	                        .max_field_bytes = mode & 32 ? 8 : 0,
	                        .max_errors = mode & 64 ? 2 : 0,
	                        .row = on_row,
	                        .progress = on_progress,
	                        .ctx = &c};
	c.max_fields = o.max_fields ? o.max_fields : 200;
	c.max_field_bytes = o.max_field_bytes ? o.max_field_bytes : 4096;
	struct csv_import imp;
	int rc = csv_import_run(&imp, &a, data, size, &o);
	if ((rc == -1) != (imp.fatal != NULL) || (rc == 0 && !text) ||
	    (imp.fatal && !utf8_valid(imp.fatal, strlen(imp.fatal))))
		__builtin_trap();
	if (imp.nkept > imp.nerrors || imp.rows < c.rows)
		__builtin_trap();
	for (int i = 0; i < imp.nkept; i++)
		if (imp.errors[i].line < 1 || imp.errors[i].line > c.lines || !imp.errors[i].message)
			__builtin_trap();
	const char *all = csv_errors_text(&imp, 3);
	if (!all || !utf8_valid(all, strlen(all)) || (imp.nerrors > 0) != (*all != 0))
		__builtin_trap();
	arena_free(&a);
	return 0;
}
