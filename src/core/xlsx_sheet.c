/* The XLSX reader's worksheet: rows streamed from the sheet's XML, cells
 * placed by their references, values by their type and style, each row
 * handed over through csv_import_row (core/xlsx_read.h). */
#include <libxml/parserInternals.h>
#include <stdint.h>
#include <string.h>

#include "core/checked.h"
#include "core/date.h"
#include "core/str.h"
#include "core/xlsx_part.h"

#define NO_OFF SIZE_MAX /* a field that points outside the row buffer */

enum cell_type { CELL_NUMBER, CELL_SHARED, CELL_INLINE, CELL_STR, CELL_BOOL, CELL_ERROR, CELL_DATE };

struct sheet {
	struct xlsx_sax s;
	struct buf row;   /* the current row's fields, each NUL-terminated */
	size_t *off;      /* where each field starts in row.data, or NO_OFF (ptr set) */
	const char **ptr; /* the fields handed over */
	unsigned *gen;    /* gen[c] == row_gen: column c has a value in this row */
	unsigned row_gen;
	int line, last_line; /* the row's number, the previous row's */
	int last_col, max_col;
	int too_many, too_long;
	int hidden; /* the row is hidden in Excel */
	int in_data, in_row, in_cell, in_is, in_rph, collect;
	/* the current cell */
	int col;
	enum cell_type type;
	int date;
	size_t start, len; /* its text in row */
};

static void sheet_chars(void *ctx, const xmlChar *ch, int len)
{
	struct sheet *s = ctx;
	struct xlsx_reader *x = s->s.x;
	if (!s->collect || len <= 0)
		return;
	size_t n = (size_t)len;
	size_t keep = s->len <= x->max_field_bytes ? x->max_field_bytes + 1 - s->len : 0;
	if (s->col < x->max_fields && keep)
		buf_append(&s->row, ch, n < keep ? n : keep);
	s->len += n;
}

/* Where ref (e.g. "C5") points: its column (from 0) and row; -1 when it is
 * not a cell of a worksheet. */
static int parse_ref(struct xlsx_val ref, int *col, int *row)
{
	uint64_t c = 0, rw;
	size_t i = 0;
	for (; i < ref.n && ref.s[i] >= 'A' && ref.s[i] <= 'Z'; i++)
		if (ck_mulu64(c, 26, &c) < 0 || ck_addu64(c, (uint64_t)(ref.s[i] - 'A' + 1), &c) < 0 ||
		    c > XLSX_COLS)
			return -1;
	if (!i || xlsx_small_uint(ref.s + i, ref.n - i, XLSX_ROWS, &rw) < 0 || rw < 1)
		return -1;
	*col = (int)c - 1;
	*row = (int)rw;
	return 0;
}

static void bad_ref(struct sheet *s, const struct xlsx_val *ref)
{
	int plain = ref && ref->n && ref->n <= 12;
	for (size_t i = 0; plain && i < ref->n; i++) {
		char c = ref->s[i];
		plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	}
	struct arena *a = s->s.x->a;
	char *m = plain ? arena_printf(a, "文件已损坏:第 %d 行有一个单元格的位置 %.*s 不对", s->line,
	                               (int)ref->n, ref->s)
	                : arena_printf(a, "文件已损坏:第 %d 行有一个单元格的位置不对", s->line);
	xlsx_sax_refuse(&s->s, m ? m : xlsx_msg_damaged);
}

static void cell_start(struct sheet *s, int nattr, const xmlChar **at)
{
	struct xlsx_reader *x = s->s.x;
	if (!s->in_row) {
		xlsx_sax_refuse(&s->s, xlsx_msg_damaged);
		return;
	}
	struct xlsx_val ref = {0}, t = {0}, st = {0};
	int has_ref = 0, has_t = 0, has_s = 0;
	for (int i = 0; i < nattr; i++, at += 5) {
		const char *name = (const char *)at[0];
		struct xlsx_val v = {(const char *)at[3], (size_t)(at[4] - at[3])};
		if (name[1])
			continue;
		if (name[0] == 'r')
			ref = v, has_ref = 1;
		else if (name[0] == 't')
			t = v, has_t = 1;
		else if (name[0] == 's')
			st = v, has_s = 1;
	}
	if (has_ref) {
		int row;
		if (parse_ref(ref, &s->col, &row) < 0 || row != s->line || s->col <= s->last_col) {
			bad_ref(s, &ref);
			return;
		}
	} else {
		if (s->last_col + 1 >= XLSX_COLS) {
			bad_ref(s, NULL);
			return;
		}
		s->col = s->last_col + 1;
	}
	s->last_col = s->col;
	s->type = !has_t || xlsx_val_is(t, "n") ? CELL_NUMBER
	          : xlsx_val_is(t, "s")         ? CELL_SHARED
	          : xlsx_val_is(t, "inlineStr") ? CELL_INLINE
	          : xlsx_val_is(t, "b")         ? CELL_BOOL
	          : xlsx_val_is(t, "e")         ? CELL_ERROR
	          : xlsx_val_is(t, "d")         ? CELL_DATE
	                                        : CELL_STR;
	uint64_t style;
	s->date = s->type == CELL_NUMBER && has_s &&
	          !xlsx_small_uint(st.s, st.n, XLSX_MAX_STYLES - 1, &style) && style < x->nstyles &&
	          x->style_date[style];
	s->start = s->row.len;
	s->len = 0;
	s->collect = s->in_is = s->in_rph = 0;
	s->in_cell = 1;
}

/* The Excel serial day number in v as "YYYY-MM-DD" in out; -1 when v is
 * not a plain non-negative number of a day Excel can show. */
static int serial_date(const char *v, int date1904, char out[11])
{
	uint64_t day = 0;
	const char *s = v;
	for (; *s >= '0' && *s <= '9'; s++)
		if (ck_mulu64(day, 10, &day) < 0 || ck_addu64(day, (uint64_t)(*s - '0'), &day) < 0 ||
		    day > 2958465) /* 9999-12-31 */
			return -1;
	if (s == v)
		return -1;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	if (*s)
		return -1;
	int64_t days;
	if (date1904) {
		days = (int64_t)day - 24107; /* 0 is 1904-01-01 */
	} else if (day == 60) {
		memcpy(out, "1900-02-29", 11); /* the day Excel believes 1900 had */
		return 0;
	} else if (day == 0) {
		return -1;
	} else {
		/* 1 is 1900-01-01; past the phantom 1900-02-29, one day less. */
		days = (int64_t)day - (day < 60 ? 25568 : 25569);
	}
	date_format(date_from_days(days), out);
	return 0;
}

static void cell_end(struct sheet *s)
{
	struct xlsx_reader *x = s->s.x;
	s->in_cell = s->collect = 0;
	if (!s->len)
		return;
	if (s->col >= x->max_fields) {
		s->too_many = 1;
		return;
	}
	const char *value = NULL; /* a value kept outside the row buffer */
	if (s->len <= x->max_field_bytes && !s->row.err) {
		const char *text = s->row.data + s->start;
		uint64_t i;
		char day[11];
		switch (s->type) {
		case CELL_SHARED:
			if (xlsx_small_uint(text, s->len, UINT32_MAX, &i) < 0 || i >= x->nsst) {
				xlsx_sax_refuse(&s->s, xlsx_msg_damaged);
				return;
			}
			value = x->sst.data + x->sst_off[i];
			s->row.len = s->start;
			s->len = strlen(value);
			if (!s->len)
				return;
			break;
		case CELL_INLINE:
		case CELL_STR:
			s->len = xlsx_unescape(s->row.data + s->start, s->len);
			s->row.len = s->start + s->len;
			break;
		case CELL_BOOL:
			value = strcmp(text, "0") ? "TRUE" : "FALSE";
			s->row.len = s->start;
			s->len = strlen(value);
			break;
		case CELL_NUMBER:
			if (s->date && serial_date(text, x->date1904, day) == 0) {
				s->row.len = s->start;
				s->len = 10;
				buf_append(&s->row, day, 10);
			}
			break;
		default:
			break;
		}
	}
	if (s->len > x->max_field_bytes) {
		s->too_long = 1;
		s->row.len = s->start;
		return;
	}
	if (value) {
		s->off[s->col] = NO_OFF;
		s->ptr[s->col] = value;
	} else {
		buf_putc(&s->row, 0);
		s->off[s->col] = s->start;
	}
	s->gen[s->col] = s->row_gen;
	if (s->col > s->max_col)
		s->max_col = s->col;
}

static void row_start(struct sheet *s, int nattr, const xmlChar **at)
{
	struct xlsx_reader *x = s->s.x;
	struct xlsx_val ref;
	uint64_t n;
	if (s->in_row) {
		xlsx_sax_refuse(&s->s, xlsx_msg_damaged);
		return;
	}
	s->in_row = 1;
	if (xlsx_attr(nattr, at, "r", &ref)) {
		if (xlsx_small_uint(ref.s, ref.n, XLSX_ROWS, &n) < 0 || (int)n <= s->last_line) {
			char *m = s->last_line
			              ? arena_printf(x->a, "文件已损坏:第 %d 行之后的行号不对", s->last_line)
			              : arena_strdup(x->a, "文件已损坏:第一行的行号不对");
			xlsx_sax_refuse(&s->s, m ? m : xlsx_msg_damaged);
			return;
		}
		s->line = (int)n;
	} else {
		if (s->last_line >= XLSX_ROWS) {
			xlsx_sax_refuse(&s->s, xlsx_msg_damaged);
			return;
		}
		s->line = s->last_line + 1;
	}
	s->last_line = s->line;
	s->last_col = s->max_col = -1;
	s->too_many = s->too_long = 0;
	struct xlsx_val h;
	s->hidden = xlsx_attr(nattr, at, "hidden", &h) && (xlsx_val_is(h, "1") || xlsx_val_is(h, "true"));
	s->in_cell = 0;
	buf_reset(&s->row);
	if (++s->row_gen == 0) {
		memset(s->gen, 0, (size_t)x->max_fields * sizeof *s->gen);
		s->row_gen = 1;
	}
}

static void row_end(struct sheet *s)
{
	struct xlsx_reader *x = s->s.x;
	s->in_row = 0;
	if (s->row.err) {
		xlsx_sax_refuse(&s->s, xlsx_msg_memory);
		return;
	}
	int blank = !s->too_many && !s->too_long;
	for (int c = 0; c <= s->max_col; c++) {
		if (s->gen[c] != s->row_gen) {
			s->ptr[c] = "";
			continue;
		}
		if (s->off[c] != NO_OFF)
			s->ptr[c] = s->row.data + s->off[c];
		if (blank && !str_is_blank(s->ptr[c]))
			blank = 0;
	}
	if (blank)
		return;
	if (s->hidden) { /* what the eye does not see on the sheet is not imported unseen */
		x->imp->rows++;
		csv_row_error(x->imp, s->line, "这一行在 Excel 中被隐藏了:请取消隐藏后核对,不需要的请删除");
		return;
	}
	if (csv_import_row(x->imp, x->o, s->line, s->max_col + 1, s->ptr, s->too_many, s->too_long,
	                   (size_t)s->s.p.got, (size_t)s->s.p.size) < 0)
		xmlStopParser(s->s.ctxt);
}

static void sheet_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                        const xmlChar **ns, int nattr, int ndef, const xmlChar **at)
{
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndef;
	struct sheet *s = ctx;
	const char *n = (const char *)name;
	if (!s->in_data) {
		s->in_data = NAME_IS(n, "sheetData");
		return;
	}
	if (n[0] == 'c' && !n[1])
		cell_start(s, nattr, at);
	else if (n[0] == 'v' && !n[1])
		s->collect = s->in_cell && s->type != CELL_INLINE;
	else if (n[0] == 't' && !n[1])
		s->collect = s->in_is && !s->in_rph;
	else if (NAME_IS(n, "is"))
		s->in_is = s->in_cell;
	else if (NAME_IS(n, "rPh"))
		s->in_rph = 1;
	else if (NAME_IS(n, "row"))
		row_start(s, nattr, at);
}

static void sheet_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	(void)prefix, (void)uri;
	struct sheet *s = ctx;
	const char *n = (const char *)name;
	if (!s->in_data)
		return;
	if (n[0] == 'c' && !n[1]) {
		if (s->in_cell)
			cell_end(s);
	} else if ((n[0] == 'v' || n[0] == 't') && !n[1]) {
		s->collect = 0;
	} else if (NAME_IS(n, "is")) {
		s->in_is = 0;
	} else if (NAME_IS(n, "rPh")) {
		s->in_rph = 0;
	} else if (NAME_IS(n, "row")) {
		if (s->in_cell)
			cell_end(s);
		if (!s->s.x->imp->stopped)
			row_end(s);
	} else if (NAME_IS(n, "sheetData")) {
		xlsx_sax_done(&s->s); /* what follows (merged cells, print settings) is not ours */
	}
}

int xlsx_read_sheet(struct xlsx_reader *x)
{
	struct sheet s = {.last_line = 0};
	uint64_t cap;
	if (ck_mulu64((uint64_t)x->max_fields, (uint64_t)x->max_field_bytes + 1, &cap) < 0 ||
	    ck_addu64(cap, 16, &cap) < 0 || cap > SIZE_MAX)
		cap = SIZE_MAX;
	s.off = arena_alloc(x->a, (size_t)x->max_fields * sizeof *s.off);
	s.ptr = arena_alloc(x->a, (size_t)x->max_fields * sizeof *s.ptr);
	s.gen = arena_zalloc(x->a, (size_t)x->max_fields * sizeof *s.gen);
	if (!s.off || !s.ptr || !s.gen)
		return xlsx_refuse(x, xlsx_msg_memory);
	buf_init(&s.row, (size_t)cap);
	xmlSAXHandler h = {.startElementNs = sheet_start,
	                   .endElementNs = sheet_end,
	                   .characters = sheet_chars,
	                   .cdataBlock = sheet_chars,
	                   .ignorableWhitespace = sheet_chars};
	int rc = xlsx_part_parse(x, x->sheet_path, &h, &s.s);
	buf_free(&s.row);
	if (rc == 1)
		return xlsx_refuse(x, xlsx_msg_damaged);
	if (rc == 0 && x->o->progress)
		x->o->progress(x->o->ctx, x->imp->rows, (size_t)s.s.p.size, (size_t)s.s.p.size);
	return rc;
}
