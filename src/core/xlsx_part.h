/* Internal to the XLSX reader (core/xlsx_read.h): the package and its
 * parts streamed through libxml2's SAX2 parser (xlsx_read.c), shared with
 * the worksheet's reader (xlsx_sheet.c). Not for modules. */
#ifndef SHEQU_CORE_XLSX_PART_H
#define SHEQU_CORE_XLSX_PART_H
#include <libxml/parser.h>
#include <stdint.h>
#include <zip.h>

#include "core/buf.h"
#include "core/csv_import.h"

#define XLSX_COLS 16384       /* column XFD */
#define XLSX_ROWS 1048576     /* Excel's last row */
#define XLSX_MAX_STYLES 65536 /* Excel keeps at most 64,000 cell formats */
#define XLSX_MAX_NUMFMTS 4096

extern const char xlsx_msg_damaged[], xlsx_msg_memory[];

enum xlsx_part_err { XLSX_PART_OK, XLSX_PART_DAMAGED, XLSX_PART_TOO_BIG };

/* One part of the package streamed into libxml2: never more than the size
 * its directory entry declares. */
struct xlsx_part {
	zip_file_t *f;
	uint64_t size, got;
	enum xlsx_part_err err;
};

struct xlsx_reader {
	struct csv_import *imp;
	const struct csv_options *o;
	struct arena *a;
	zip_t *z;
	uint64_t limit, budget; /* bytes the parts may unzip to, and what is left of it */
	int date1904;
	int max_fields;
	size_t max_field_bytes;
	/* Shared strings: each NUL-terminated in sst, at most max_field_bytes + 1
	 * bytes of it kept (enough to know it is too long). */
	struct buf sst;
	uint32_t *sst_off;
	size_t nsst, cap_sst, max_sst;
	/* Styles: 1 where the cell format shows a date. */
	unsigned char *style_date;
	size_t nstyles;
	int fmt_id[XLSX_MAX_NUMFMTS];
	unsigned char fmt_date[XLSX_MAX_NUMFMTS];
	int nfmt;
	/* Parts named by the workbook's relationships. */
	char *sheet_path, *sst_path, *styles_path;
};

/* A part being parsed: what every handler's context starts with. */
struct xlsx_sax {
	struct xlsx_reader *x;
	xmlParserCtxtPtr ctxt;
	struct xlsx_part p;
	int done; /* the handlers have what they need: the rest is not read */
};

/* An attribute's value as SAX2 gives it: not NUL-terminated. */
struct xlsx_val {
	const char *s;
	size_t n;
};

#define NAME_IS(name, lit) (!strcmp((const char *)(name), lit))

/* Stops the import with message (Chinese; NULL: out of memory); -1. */
int xlsx_refuse(struct xlsx_reader *x, const char *message);
/* From a handler: xlsx_refuse, and the parser stops. */
void xlsx_sax_refuse(struct xlsx_sax *s, const char *message);
/* From a handler: what is needed was read; the parser stops without error. */
void xlsx_sax_done(struct xlsx_sax *s);
/* Streams part name (a path inside the package) through libxml2's SAX2
 * parser with the handlers of h, s as their context. 0 when read (or the
 * handlers were done), 1 when the part is missing, -1 when refused
 * (imp->fatal). */
int xlsx_part_parse(struct xlsx_reader *x, const char *name, xmlSAXHandler *h, struct xlsx_sax *s);
/* Attribute name (local name) of a start tag's nattr (SAX2: 5 pointers
 * each): 1 and its value in *v, or 0. */
int xlsx_attr(int nattr, const xmlChar **at, const char *name, struct xlsx_val *v);
/* 1 if v is s. */
int xlsx_val_is(struct xlsx_val v, const char *s);
/* A decimal number 0..limit of n ASCII digits in *out: 0, or -1. */
int xlsx_small_uint(const char *s, size_t n, uint64_t limit, uint64_t *out);
/* Decodes in place the escapes Excel writes for characters XML cannot
 * hold ("_x000D_" for CR, "_x005F_" for a "_" that starts one): the new
 * length of s[0..n). */
size_t xlsx_unescape(char *s, size_t n);
/* Reads the worksheet x->sheet_path and hands its rows over. 0, or -1 (imp->fatal). */
int xlsx_read_sheet(struct xlsx_reader *x);

#endif
