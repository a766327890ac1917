#include "core/xlsx_read.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/buf.h"
#include "core/checked.h"
#include "core/date.h"
#include "core/str.h"

#define UNZIP_MAX ((uint64_t)256 << 20)
#define UNZIP_RATIO 16
#define XLSX_COLS 16384   /* column XFD */
#define XLSX_ROWS 1048576 /* Excel's last row */
#define MAX_STYLES 65536  /* Excel keeps at most 64,000 cell formats */
#define MAX_NUMFMTS 4096
#define NO_OFF SIZE_MAX /* a field that points outside the row buffer */

static const char msg_damaged[] = "文件已损坏,无法读取,请用 Excel 或 WPS 打开后另存为 XLSX 再导入";
static const char msg_unsafe[] = "文件里有不允许的内容,请用 Excel 或 WPS 打开后另存为 XLSX 再导入";
static const char msg_memory[] = "内存不足,无法读完这个文件";

enum part_err { PART_OK, PART_DAMAGED, PART_TOO_BIG };

/* One part of the package streamed into libxml2: never more than the size
 * its directory entry declares. */
struct part {
	zip_file_t *f;
	uint64_t size, got;
	enum part_err err;
};

struct xr {
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
	int fmt_id[MAX_NUMFMTS];
	unsigned char fmt_date[MAX_NUMFMTS];
	int nfmt;
	/* Parts named by the workbook's relationships. */
	char *sheet_path, *sst_path, *styles_path;
};

static int refuse(struct xr *x, const char *message)
{
	csv_import_fail(x->imp, message ? message : msg_memory);
	return -1;
}

int xlsx_looks_like(const void *data, size_t n)
{
	return data && n >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

/* ---- parts ---- */

/* Reads up to len bytes of p: never more than its directory entry declared
 * (what was budgeted for it). */
static int part_read(struct part *p, char *out, size_t len)
{
	if (p->err)
		return -1;
	zip_int64_t n = zip_fread(p->f, out, (zip_uint64_t)len);
	if (n < 0) {
		p->err = PART_DAMAGED;
		return -1;
	}
	p->got += (uint64_t)n;
	if (p->got > p->size) {
		p->err = PART_TOO_BIG;
		return -1;
	}
	return (int)n;
}

/* A part being parsed: what every handler's context starts with. */
struct sax {
	struct xr *x;
	xmlParserCtxtPtr ctxt;
	struct part p;
	int done; /* the handlers have what they need: the rest is not read */
};

static void sax_refuse(struct sax *s, const char *message)
{
	refuse(s->x, message);
	xmlStopParser(s->ctxt);
}

static void sax_done(struct sax *s)
{
	s->done = 1;
	xmlStopParser(s->ctxt);
}

/* A DOCTYPE, an entity declared or referred to: never in a file Excel or
 * WPS writes, and the way to entity bombs and external entities. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	(void)name, (void)ext, (void)sys;
	sax_refuse(ctx, msg_unsafe);
}

static void on_entity(void *ctx, const xmlChar *name, int type, const xmlChar *pub, const xmlChar *sys,
                      xmlChar *content)
{
	(void)name, (void)type, (void)pub, (void)sys, (void)content;
	sax_refuse(ctx, msg_unsafe);
}

static void on_reference(void *ctx, const xmlChar *name)
{
	(void)name;
	sax_refuse(ctx, msg_unsafe);
}

static void xml_quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx, (void)e;
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

static int too_big(struct xr *x)
{
	char *m = arena_printf(x->a, "文件解压后太大:最多 %llu MB", (unsigned long long)(x->limit >> 20));
	return refuse(x, m ? m : "文件解压后太大");
}

#define CHUNK 65536

/* Streams part name (a path inside the package) through libxml2's SAX2
 * parser with the handlers of h, s as their context. 0 when read (or the
 * handlers were done), 1 when the part is missing, -1 when refused
 * (imp->fatal). */
static int part_parse(struct xr *x, const char *name, xmlSAXHandler *h, struct sax *s)
{
	s->x = x;
	s->done = 0;
	memset(&s->p, 0, sizeof s->p);
	zip_int64_t idx = zip_name_locate(x->z, name, ZIP_FL_NOCASE);
	if (idx < 0)
		return 1;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(x->z, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
		return refuse(x, msg_damaged);
	if (st.size > x->budget)
		return too_big(x);
	s->p.f = zip_fopen_index(x->z, (zip_uint64_t)idx, 0);
	if (!s->p.f)
		return refuse(x, msg_damaged);
	x->budget -= st.size;
	s->p.size = st.size;
	char *chunk = malloc(CHUNK);
	h->initialized = XML_SAX2_MAGIC;
	h->internalSubset = on_doctype;
	h->externalSubset = on_doctype;
	h->entityDecl = on_entity;
	h->reference = on_reference;
	h->serror = xml_quiet;
	pthread_once(&xml_once, xml_init);
	s->ctxt = chunk ? xmlCreatePushParserCtxt(h, s, NULL, 0, NULL) : NULL;
	if (!s->ctxt) {
		free(chunk);
		zip_fclose(s->p.f);
		return refuse(x, msg_memory);
	}
	/* No entity substitution, no DTD loaded, no network: only what is in the part. */
	xmlCtxtUseOptions(s->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	int n, bad = 0;
	while (!bad && (n = part_read(&s->p, chunk, CHUNK)) > 0)
		bad = xmlParseChunk(s->ctxt, chunk, n, 0) != 0;
	if (!bad && !s->p.err)
		bad = xmlParseChunk(s->ctxt, NULL, 0, 1) != 0;
	int wellformed = s->ctxt->wellFormed;
	xmlFreeParserCtxt(s->ctxt);
	s->ctxt = NULL;
	free(chunk);
	zip_fclose(s->p.f);
	s->p.f = NULL;
	if (x->imp->stopped)
		return -1;
	if (s->done)
		return 0;
	if (s->p.err == PART_TOO_BIG)
		return too_big(x);
	/* Read to its end: fewer bytes than declared is a directory that lies too. */
	if (bad || s->p.err || !wellformed || s->p.got != s->p.size)
		return refuse(x, msg_damaged);
	return 0;
}

/* An attribute's value as SAX2 gives it: not NUL-terminated. */
struct val {
	const char *s;
	size_t n;
};

/* Attribute name (local name) of a start tag's nattr (SAX2: 5 pointers
 * each), 1 if there, else 0. */
static int attr(int nattr, const xmlChar **at, const char *name, struct val *v)
{
	for (int i = 0; i < nattr; i++, at += 5)
		if (!strcmp((const char *)at[0], name)) {
			v->s = (const char *)at[3];
			v->n = (size_t)(at[4] - at[3]);
			return 1;
		}
	return 0;
}

static int val_is(struct val v, const char *s)
{
	return v.n == strlen(s) && !memcmp(v.s, s, v.n);
}

/* A decimal number 0..limit written with ASCII digits only. */
static int small_uint(const char *s, size_t n, uint64_t limit, uint64_t *out)
{
	uint64_t v = 0;
	if (!n)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9' || ck_mulu64(v, 10, &v) < 0 ||
		    ck_addu64(v, (uint64_t)(s[i] - '0'), &v) < 0 || v > limit)
			return -1;
	*out = v;
	return 0;
}

#define NAME_IS(name, lit) (!strcmp((const char *)(name), lit))

/* ---- workbook, relationships, styles, shared strings ---- */

struct workbook {
	struct sax s;
	char *rid;
};

static void workbook_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                           const xmlChar **ns, int nattr, int ndef, const xmlChar **at)
{
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndef;
	struct workbook *w = ctx;
	struct val v;
	if (NAME_IS(name, "workbookPr")) {
		w->s.x->date1904 = attr(nattr, at, "date1904", &v) && (val_is(v, "1") || val_is(v, "true"));
	} else if (NAME_IS(name, "sheet")) {
		/* The first sheet in the workbook's order (r:id; sheetId is another). */
		if (attr(nattr, at, "id", &v) && !(w->rid = arena_strndup(w->s.x->a, v.s, v.n)))
			sax_refuse(&w->s, msg_memory);
		else
			sax_done(&w->s);
	}
}

/* The first worksheet's relationship id and the date system. */
static int read_workbook(struct xr *x, char **rid)
{
	struct workbook w = {.rid = NULL};
	xmlSAXHandler h = {.startElementNs = workbook_start};
	int rc = part_parse(x, "xl/workbook.xml", &h, &w.s);
	if (rc == 1)
		return refuse(x, "这不是 Excel 工作簿(XLSX):文件里没有工作簿");
	if (rc < 0)
		return -1;
	if (!w.rid)
		return refuse(x, "工作簿里没有工作表");
	*rid = w.rid;
	return 0;
}

struct rels {
	struct sax s;
	const char *rid;
};

/* Ends with s: the type of a relationship, whatever its schema's URL. */
static int val_ends(struct val v, const char *s)
{
	size_t k = strlen(s);
	return v.n >= k && !memcmp(v.s + v.n - k, s, k);
}

static void rels_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                       const xmlChar **ns, int nattr, int ndef, const xmlChar **at)
{
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndef;
	struct rels *r = ctx;
	struct xr *x = r->s.x;
	struct val id, type, target, mode;
	if (!NAME_IS(name, "Relationship") || !attr(nattr, at, "Id", &id) ||
	    !attr(nattr, at, "Type", &type) || !attr(nattr, at, "Target", &target) || !target.n ||
	    (attr(nattr, at, "TargetMode", &mode) && !val_is(mode, "Internal")))
		return;
	char **slot = val_is(id, r->rid)                 ? &x->sheet_path
	              : val_ends(type, "/sharedStrings") ? &x->sst_path
	              : val_ends(type, "/styles")        ? &x->styles_path
	                                                 : NULL;
	if (!slot || *slot)
		return;
	/* Relative to xl/, or absolute in the package. */
	*slot = target.s[0] == '/' ? arena_strndup(x->a, target.s + 1, target.n - 1)
	                           : arena_printf(x->a, "xl/%.*s", (int)target.n, target.s);
	if (!*slot)
		sax_refuse(&r->s, msg_memory);
}

static int read_rels(struct xr *x, const char *rid)
{
	struct rels r = {.rid = rid};
	xmlSAXHandler h = {.startElementNs = rels_start};
	int rc = part_parse(x, "xl/_rels/workbook.xml.rels", &h, &r.s);
	if (rc < 0)
		return -1;
	if (rc == 1 || !x->sheet_path)
		return refuse(x, msg_damaged);
	return 0;
}

/* 1 if a number format's code shows a date: y, m or d outside quotes,
 * brackets ([Red], [$-804]) and escapes. */
static int format_is_date(const char *code, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = code[i];
		if (c == '"' || c == '[') {
			char close = c == '"' ? '"' : ']';
			while (i + 1 < n && code[i + 1] != close)
				i++;
			i++;
		} else if (c == '\\' || c == '_' || c == '*') {
			i++;
		} else if (c == 'y' || c == 'Y' || c == 'm' || c == 'M' || c == 'd' || c == 'D') {
			return 1;
		}
	}
	return 0;
}

/* The built-in formats that show dates: 14–22, and the East Asian ones
 * (27–36, 50–58: "yyyy年m月d日" and the like). */
static int builtin_is_date(uint64_t id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

static int numfmt_is_date(const struct xr *x, uint64_t id)
{
	for (int i = 0; i < x->nfmt; i++)
		if ((uint64_t)x->fmt_id[i] == id)
			return x->fmt_date[i];
	return builtin_is_date(id);
}

struct styles {
	struct sax s;
	int in_xfs;
};

static void styles_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                         const xmlChar **ns, int nattr, int ndef, const xmlChar **at)
{
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndef;
	struct styles *st = ctx;
	struct xr *x = st->s.x;
	struct val v, code;
	uint64_t id;
	if (NAME_IS(name, "numFmt")) {
		if (x->nfmt < MAX_NUMFMTS && attr(nattr, at, "formatCode", &code) &&
		    attr(nattr, at, "numFmtId", &v) && !small_uint(v.s, v.n, INT32_MAX, &id)) {
			x->fmt_id[x->nfmt] = (int)id;
			x->fmt_date[x->nfmt++] = (unsigned char)format_is_date(code.s, code.n);
		}
	} else if (NAME_IS(name, "cellXfs")) {
		st->in_xfs = 1;
	} else if (st->in_xfs && NAME_IS(name, "xf")) {
		if (x->nstyles == MAX_STYLES) {
			sax_refuse(&st->s, msg_damaged);
			return;
		}
		x->style_date[x->nstyles++] =
		    (unsigned char)(attr(nattr, at, "numFmtId", &v) &&
		                    !small_uint(v.s, v.n, INT32_MAX, &id) && numfmt_is_date(x, id));
	}
}

static void styles_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	(void)prefix, (void)uri;
	struct styles *st = ctx;
	if (NAME_IS(name, "cellXfs"))
		sax_done(&st->s);
}

static int read_styles(struct xr *x)
{
	x->style_date = arena_zalloc(x->a, MAX_STYLES);
	if (!x->style_date)
		return refuse(x, msg_memory);
	struct styles st = {.in_xfs = 0};
	xmlSAXHandler h = {.startElementNs = styles_start, .endElementNs = styles_end};
	return part_parse(x, x->styles_path ? x->styles_path : "xl/styles.xml", &h, &st.s) < 0 ? -1 : 0;
}

struct sst {
	struct sax s;
	size_t start; /* the current string's start in x->sst */
	int in_si, in_t, in_rph;
};

static int sst_push(struct xr *x, size_t start)
{
	if (x->nsst == x->max_sst) {
		char *m = arena_printf(x->a, "文件太大:不同的文字超过 %zu 条", x->max_sst);
		return refuse(x, m ? m : "文件太大");
	}
	if (x->nsst == x->cap_sst) {
		size_t cap = x->cap_sst ? x->cap_sst * 2 : 1024;
		if (cap > x->max_sst)
			cap = x->max_sst;
		uint32_t *off = realloc(x->sst_off, cap * sizeof *off);
		if (!off)
			return refuse(x, msg_memory);
		x->sst_off = off;
		x->cap_sst = cap;
	}
	buf_putc(&x->sst, 0);
	if (x->sst.err || start > UINT32_MAX)
		return refuse(x, msg_memory);
	x->sst_off[x->nsst++] = (uint32_t)start;
	return 0;
}

static void sst_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                      const xmlChar **ns, int nattr, int ndef, const xmlChar **at)
{
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)nattr, (void)ndef, (void)at;
	struct sst *t = ctx;
	if (NAME_IS(name, "si")) {
		t->start = t->s.x->sst.len;
		t->in_si = 1;
		t->in_t = t->in_rph = 0;
	} else if (NAME_IS(name, "t")) {
		t->in_t = t->in_si && !t->in_rph;
	} else if (NAME_IS(name, "rPh")) {
		t->in_rph = 1;
	}
}

static void sst_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	(void)prefix, (void)uri;
	struct sst *t = ctx;
	if (NAME_IS(name, "t")) {
		t->in_t = 0;
	} else if (NAME_IS(name, "rPh")) {
		t->in_rph = 0;
	} else if (NAME_IS(name, "si") && t->in_si) {
		t->in_si = 0;
		if (sst_push(t->s.x, t->start) < 0)
			xmlStopParser(t->s.ctxt);
	}
}

/* Text of a shared string: at most max_field_bytes + 1 bytes of it kept,
 * enough to know it is too long. */
static void sst_chars(void *ctx, const xmlChar *ch, int len)
{
	struct sst *t = ctx;
	struct xr *x = t->s.x;
	if (!t->in_t || len <= 0)
		return;
	size_t have = x->sst.len - t->start, room = x->max_field_bytes + 1, n = (size_t)len;
	if (have < room)
		buf_append(&x->sst, ch, n < room - have ? n : room - have);
}

/* The shared strings: each <si> as the join of its <t>, whether plain or in
 * rich-text runs <r>, leaving out phonetic runs <rPh>. */
static int read_sst(struct xr *x)
{
	struct sst t = {.in_si = 0};
	xmlSAXHandler h = {.startElementNs = sst_start,
	                   .endElementNs = sst_end,
	                   .characters = sst_chars,
	                   .cdataBlock = sst_chars,
	                   .ignorableWhitespace = sst_chars};
	return part_parse(x, x->sst_path ? x->sst_path : "xl/sharedStrings.xml", &h, &t.s) < 0 ? -1 : 0;
}

/* ---- the worksheet ---- */

enum cell_type { CELL_NUMBER, CELL_SHARED, CELL_INLINE, CELL_STR, CELL_BOOL, CELL_ERROR, CELL_DATE };

struct sheet {
	struct sax s;
	struct buf row;   /* the current row's fields, each NUL-terminated */
	size_t *off;      /* where each field starts in row.data, or NO_OFF (ptr set) */
	const char **ptr; /* the fields handed over */
	unsigned *gen;    /* gen[c] == row_gen: column c has a value in this row */
	unsigned row_gen;
	int line, last_line; /* the row's number, the previous row's */
	int last_col, max_col;
	int too_many, too_long;
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
	struct xr *x = s->s.x;
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
static int parse_ref(struct val ref, int *col, int *row)
{
	uint64_t c = 0, rw;
	size_t i = 0;
	for (; i < ref.n && ref.s[i] >= 'A' && ref.s[i] <= 'Z'; i++)
		if (ck_mulu64(c, 26, &c) < 0 || ck_addu64(c, (uint64_t)(ref.s[i] - 'A' + 1), &c) < 0 ||
		    c > XLSX_COLS)
			return -1;
	if (!i || small_uint(ref.s + i, ref.n - i, XLSX_ROWS, &rw) < 0 || rw < 1)
		return -1;
	*col = (int)c - 1;
	*row = (int)rw;
	return 0;
}

static void bad_ref(struct sheet *s, const struct val *ref)
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
	sax_refuse(&s->s, m ? m : msg_damaged);
}

static void cell_start(struct sheet *s, int nattr, const xmlChar **at)
{
	struct xr *x = s->s.x;
	if (!s->in_row) {
		sax_refuse(&s->s, msg_damaged);
		return;
	}
	struct val ref = {0}, t = {0}, st = {0};
	int has_ref = 0, has_t = 0, has_s = 0;
	for (int i = 0; i < nattr; i++, at += 5) {
		const char *name = (const char *)at[0];
		struct val v = {(const char *)at[3], (size_t)(at[4] - at[3])};
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
	s->type = !has_t || val_is(t, "n") ? CELL_NUMBER
	          : val_is(t, "s")         ? CELL_SHARED
	          : val_is(t, "inlineStr") ? CELL_INLINE
	          : val_is(t, "b")         ? CELL_BOOL
	          : val_is(t, "e")         ? CELL_ERROR
	          : val_is(t, "d")         ? CELL_DATE
	                                   : CELL_STR;
	uint64_t style;
	s->date = s->type == CELL_NUMBER && has_s && !small_uint(st.s, st.n, MAX_STYLES - 1, &style) &&
	          style < x->nstyles && x->style_date[style];
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
	struct xr *x = s->s.x;
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
			if (small_uint(text, s->len, UINT32_MAX, &i) < 0 || i >= x->nsst) {
				sax_refuse(&s->s, msg_damaged);
				return;
			}
			value = x->sst.data + x->sst_off[i];
			s->row.len = s->start;
			s->len = strlen(value);
			if (!s->len)
				return;
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
	struct xr *x = s->s.x;
	struct val ref;
	uint64_t n;
	if (s->in_row) {
		sax_refuse(&s->s, msg_damaged);
		return;
	}
	s->in_row = 1;
	if (attr(nattr, at, "r", &ref)) {
		if (small_uint(ref.s, ref.n, XLSX_ROWS, &n) < 0 || (int)n <= s->last_line) {
			char *m = s->last_line
			              ? arena_printf(x->a, "文件已损坏:第 %d 行之后的行号不对", s->last_line)
			              : arena_strdup(x->a, "文件已损坏:第一行的行号不对");
			sax_refuse(&s->s, m ? m : msg_damaged);
			return;
		}
		s->line = (int)n;
	} else {
		if (s->last_line >= XLSX_ROWS) {
			sax_refuse(&s->s, msg_damaged);
			return;
		}
		s->line = s->last_line + 1;
	}
	s->last_line = s->line;
	s->last_col = s->max_col = -1;
	s->too_many = s->too_long = 0;
	s->in_cell = 0;
	buf_reset(&s->row);
	if (++s->row_gen == 0) {
		memset(s->gen, 0, (size_t)x->max_fields * sizeof *s->gen);
		s->row_gen = 1;
	}
}

static void row_end(struct sheet *s)
{
	struct xr *x = s->s.x;
	s->in_row = 0;
	if (s->row.err) {
		sax_refuse(&s->s, msg_memory);
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
		sax_done(&s->s); /* what follows (merged cells, print settings) is not ours */
	}
}

static int read_sheet(struct xr *x)
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
		return refuse(x, msg_memory);
	buf_init(&s.row, (size_t)cap);
	xmlSAXHandler h = {.startElementNs = sheet_start,
	                   .endElementNs = sheet_end,
	                   .characters = sheet_chars,
	                   .cdataBlock = sheet_chars,
	                   .ignorableWhitespace = sheet_chars};
	int rc = part_parse(x, x->sheet_path, &h, &s.s);
	buf_free(&s.row);
	if (rc == 1)
		return refuse(x, msg_damaged);
	if (rc == 0 && x->o->progress)
		x->o->progress(x->o->ctx, x->imp->rows, (size_t)s.s.p.size, (size_t)s.s.p.size);
	return rc;
}

int xlsx_import_run(struct csv_import *imp, struct arena *a, const void *data, size_t n,
                    const struct csv_options *o)
{
	if (csv_import_start(imp, a, o, n) < 0)
		return -1;
	imp->encoding = "XLSX";
	struct xr x = {.imp = imp, .o = o, .a = a};
	size_t max_bytes = o->max_bytes ? o->max_bytes : (size_t)8 << 20;
	if (!xlsx_looks_like(data, n))
		return refuse(&x, "这不是 XLSX 文件,请在 Excel 或 WPS 里另存为 XLSX 再导入");
	if (ck_mulu64(max_bytes, UNZIP_RATIO, &x.limit) < 0 || x.limit > UNZIP_MAX)
		x.limit = UNZIP_MAX;
	x.budget = x.limit;
	x.max_fields = imp->max_fields;
	x.max_field_bytes = imp->max_field_bytes;
	uint64_t max_sst;
	if (ck_mulu64((uint64_t)imp->max_rows, (uint64_t)x.max_fields, &max_sst) < 0 || max_sst > UINT32_MAX)
		max_sst = UINT32_MAX;
	x.max_sst = (size_t)max_sst;
	buf_init(&x.sst, (size_t)(x.limit < SIZE_MAX ? x.limit : SIZE_MAX));

	zip_error_t zerr;
	zip_error_init(&zerr);
	zip_source_t *src = zip_source_buffer_create(data, n, 0, &zerr);
	if (src) {
		x.z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
		if (!x.z)
			zip_source_free(src);
	}
	zip_error_fini(&zerr);
	int rc = -1;
	char *rid;
	if (!x.z)
		refuse(&x, msg_damaged);
	else if (read_workbook(&x, &rid) == 0 && read_rels(&x, rid) == 0 && read_styles(&x) == 0 &&
	         read_sst(&x) == 0 && read_sheet(&x) == 0)
		rc = 0;
	if (x.z)
		zip_discard(x.z);
	buf_free(&x.sst);
	free(x.sst_off);
	return rc < 0 || imp->stopped ? -1 : 0;
}

int table_import_run(struct csv_import *imp, struct arena *a, const void *data, size_t n,
                     const struct csv_options *o)
{
	if (xlsx_looks_like(data, n))
		return xlsx_import_run(imp, a, data, n, o);
	/* An OLE2 compound file: an old .xls, or an XLSX saved with a password. */
	if (data && n >= 8 && !memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
		if (csv_import_start(imp, a, o, 0) < 0)
			return -1;
		return csv_import_fail(imp,
		                       "这是旧版 Excel(.xls)或设了密码的文件,请另存为 XLSX 或 CSV 再导入");
	}
	return csv_import_run(imp, a, data, n, o);
}
