/* Import of spreadsheets saved as XLSX (Office Open XML, what Excel and WPS
 * save by default), read with libzip and libxml2's SAX2 push parser (each
 * part streamed, never held whole: about twice as fast as xmlTextReader). The
 * rows of the workbook's first worksheet that is not hidden are handed to
 * the same callback (a row hidden in Excel is a row error, never read
 * unseen),
 * with the same struct csv_import for errors, progress and limits, as
 * csv_import_run (core/csv_import.h), so that a module writes one row
 * reader for CSV and XLSX alike:
 *
 *  - cells: shared strings, inline strings, numbers as written in the file
 *    (an ID number that Excel kept as a number arrives as "1.10101199003071E+17",
 *    for the caller to refuse with a message saying so), booleans as
 *    "TRUE"/"FALSE", formula results as their cached value, errors as their
 *    text ("#N/A"); numbers in a cell styled as a date (the built-in date
 *    formats 14–22, the East Asian 27–36 and 50–58, and custom formats with
 *    y, m or d outside quotes and brackets) become "YYYY-MM-DD" (the 1900
 *    date system, and 1904 when the workbook says so); rich text is joined,
 *    phonetic guides left out, Excel's escapes ("_x000D_") decoded; an empty
 *    cell is "";
 *  - columns: a cell's place comes from its reference (r="C5"), so that
 *    missing cells leave empty fields and nothing shifts; a row has fields
 *    up to its last cell with a value; a reference outside the sheet
 *    (r="XFE1", r="A0"), of another row or out of order refuses the file;
 *  - rows: row.line is the spreadsheet's row number (what Excel shows at the
 *    left, from r="5"), so that a message's "第 5 行" is where the user looks;
 *    rows with nothing in them are skipped, like the CSV reader does;
 *  - progress: bytes_done and bytes_total count the worksheet's XML;
 *  - hostile files: the whole file, each part's uncompressed size (as
 *    declared, and as read: never past the declared size, nor short of it
 *    for a part read to its end) and the sum of them are limited; a
 *    DOCTYPE or an entity is refused, no external resource is ever loaded;
 *    the limits on rows, fields and field bytes of struct csv_options apply
 *    unchanged. */
#ifndef SHEQU_CORE_XLSX_READ_H
#define SHEQU_CORE_XLSX_READ_H
#include <stddef.h>

#include "core/csv_import.h"

/* 1 if the n bytes start like a ZIP archive (an XLSX file), else 0. */
int xlsx_looks_like(const void *data, size_t n);

/* Reads the first shown worksheet of the XLSX workbook in data (n bytes) and hands
 * each row to o->row, as csv_import_run does (o->delim is ignored; o->max_bytes
 * limits the file; the parts may unzip to at most 16 times that, 2 GiB at
 * most). Returns 0 when the sheet was read (rows may have been refused:
 * imp->nerrors), -1 when the file was refused as a whole (not an XLSX
 * workbook, damaged, too large, a limit passed) or the callback stopped:
 * imp->fatal says why in Chinese. imp->encoding is "XLSX". */
int xlsx_import_run(struct csv_import *imp, struct arena *a, const void *data, size_t n,
                    const struct csv_options *o);

/* Reads CSV or XLSX, whichever the bytes are (xlsx_looks_like). */
int table_import_run(struct csv_import *imp, struct arena *a, const void *data, size_t n,
                     const struct csv_options *o);

#endif
