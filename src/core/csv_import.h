/* Import of tabular text: a CSV file saved by Excel or WPS, or rows pasted
 * from a spreadsheet into a text box. One reader for every module:
 *
 *  - encoding: a UTF-8 byte-order mark is dropped; valid UTF-8 is read as
 *    UTF-8, anything else as GB18030 (what Excel saves on Chinese Windows);
 *    text that is neither is refused as a whole, with a message saying so;
 *  - delimiter: comma, tab (text pasted from Excel), or the full-width comma
 *    typed on a Chinese keyboard, detected (see enum csv_delim);
 *  - fields: parsed by libcsv: quoted fields, doubled quotes, line breaks
 *    inside quotes; an unquoted field loses its surrounding spaces and tabs;
 *  - rows: handed one at a time to a callback, with the physical line the
 *    row starts on, so that a message can say "第 12 行" even after a field
 *    that spans lines. Rows with nothing in them are skipped;
 *  - errors: a bad row does not stop the import. The callback (or the reader,
 *    for a row past a limit) reports it with csv_row_error and the reader
 *    goes on; csv_errors_text joins them for the user;
 *  - limits on bytes, rows, fields per row and bytes per field, all checked;
 *  - progress: an optional callback every so many rows, for big files. */
#ifndef SHEQU_CORE_CSV_IMPORT_H
#define SHEQU_CORE_CSV_IMPORT_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

enum csv_delim {
	/* Decided once, by the first line that holds anything: tab if it has at
	 * least as many tabs as commas (and some), else comma if it has any, else
	 * the full-width comma "，" if it has any, else comma. */
	CSVI_DELIM_AUTO,
	/* Decided the same way for each row by the line it starts on: for text
	 * pasted by hand, where rows typed with commas follow rows copied from
	 * Excel with tabs. */
	CSVI_DELIM_LINE,
	CSVI_DELIM_COMMA,
	CSVI_DELIM_TAB,
};
/* With the full-width comma as delimiter, every "，" on the row's lines
 * separates fields, inside quotes too. */

struct csv_row {
	int line;                  /* physical line (from 1) on which the row starts */
	int index;                 /* rows handed over before this one (from 0; a header is row 0) */
	int nfields;               /* >= 1 */
	const char *const *fields; /* UTF-8, NUL-terminated; valid only during the callback */
};

struct csv_import;

struct csv_options {
	enum csv_delim delim;
	size_t max_bytes;       /* of the data as given; 0: 8 MiB */
	int max_rows;           /* rows with something in them; 0: 100000 */
	int header_rows;        /* rows above the data (a header) allowed beyond max_rows */
	int max_fields;         /* per row; 0: 200 */
	size_t max_field_bytes; /* per field, UTF-8; 0: 4096 */
	int max_errors;         /* row errors kept for csv_errors_text; 0: 100 (more are only counted) */
	/* Called for each row with something in it. Returns 0 to go on, or -1
	 * to stop the import (say why first with csv_import_fail). */
	int (*row)(struct csv_import *imp, const struct csv_row *row, void *ctx);
	/* Optional: called every 1000 rows and once at the end with the rows
	 * read so far and how much of the (decoded) text they cover. */
	void (*progress)(void *ctx, int rows, size_t bytes_done, size_t bytes_total);
	void *ctx;
};

struct csv_row_error {
	int line;
	const char *message; /* Chinese, without the line number */
};

struct csv_import {
	struct arena *a;      /* the messages live here */
	const char *encoding; /* "UTF-8" or "GB18030" once decoded, else NULL */
	int rows;             /* rows read (with something in them, handed over or refused) */
	int nerrors;          /* row errors reported */
	int nkept;            /* of which kept in errors[] */
	struct csv_row_error *errors;
	const char *fatal; /* why the whole import was refused or stopped, NULL if it was not */
	/* private to the reader */
	int cap_errors, stopped;
	int max_rows, max_fields; /* struct csv_options' limits, defaults applied */
	int header_rows;
	size_t max_field_bytes;
};

/* Reads data (n bytes, any of the encodings above) and hands each row to
 * o->row. Returns 0 when the whole text was read (rows may still have been
 * refused: see imp->nerrors); -1 when the text was refused as a whole
 * (encoding, size, too many rows) or the callback stopped it: imp->fatal
 * then says why in Chinese (NULL only when the arena failed). *imp is
 * filled here; its memory comes from a. */
int csv_import_run(struct csv_import *imp, struct arena *a, const void *data, size_t n,
                   const struct csv_options *o);
/* Reports a refused row from a callback, as printf; the message is Chinese
 * and leaves out the line number, which csv_errors_text adds. */
void csv_row_error(struct csv_import *imp, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Stops the import from a callback with a message for the user (Chinese);
 * returns -1 for the callback to return. */
int csv_import_fail(struct csv_import *imp, const char *message);
/* The first max row errors as one text for the user, "第 2 行:…; 第 5 行:…",
 * and how many more there are; "" when there are none. NULL if the arena fails. */
const char *csv_errors_text(struct csv_import *imp, int max);

/* For the readers (csv_import_run, xlsx_import_run): fills *imp with o's
 * limits, defaults applied, and room for the row errors. 0; -1 when the data
 * (n bytes) is over max_bytes (imp->fatal says so) or the arena fails. */
int csv_import_start(struct csv_import *imp, struct arena *a, const struct csv_options *o, size_t n);
/* For the readers: a row with something in it, counted against max_rows
 * (past it the import stops); reported rather than handed over when it had
 * more fields than max_fields (too_many) or a longer one (too_long); then
 * progress every 1000 rows, at done bytes of total. 0 to go on, -1 when the
 * import stopped (imp->fatal). */
int csv_import_row(struct csv_import *imp, const struct csv_options *o, int line, int nfields,
                   const char *const *fields, int too_many, int too_long, size_t done, size_t total);

/* A column a module expects in a header row: its name and the aliases
 * people use for it, e.g. {"身份证号", "公民身份号码", "身份证号码", NULL}. */
struct csv_column {
	const char *const *names; /* NULL-terminated; names[0] is the one messages use */
	int required;
};
/* Finds each column in a header row: idx[i] is the field index of cols[i],
 * or -1 when the header does not name it. Names compare after folding
 * full-width letters, digits and punctuation to ASCII, dropping spaces
 * (ASCII and full-width) at both ends, and ignoring ASCII case. Returns 0;
 * or -1 with *err (Chinese) when a required column is missing or two header
 * fields name the same column. */
int csv_header_map(struct arena *a, const struct csv_row *header, const struct csv_column *cols, int ncols,
                   int *idx, const char **err);

#endif
