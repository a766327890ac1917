#include "core/xlsx_read.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/checked.h"
#include "core/xlsx_part.h"

/* The sheet is streamed, so the cap bounds time, not memory: a million
 * rows of a dozen columns unzip to about 470 MB. */
#define UNZIP_MAX ((uint64_t)2 << 30)
#define UNZIP_RATIO 16

const char xlsx_msg_damaged[] = "文件已损坏,无法读取,请用 Excel 或 WPS 打开后另存为 XLSX 再导入";
const char xlsx_msg_memory[] = "内存不足,无法读完这个文件";
static const char msg_unsafe[] = "文件里有不允许的内容,请用 Excel 或 WPS 打开后另存为 XLSX 再导入";

int xlsx_refuse(struct xlsx_reader *x, const char *message)
{
	csv_import_fail(x->imp, message ? message : xlsx_msg_memory);
	return -1;
}

int xlsx_looks_like(const void *data, size_t n)
{
	return data && n >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

/* ---- parts ---- */

/* Reads up to len bytes of p: never more than its directory entry declared
 * (what was budgeted for it). */
static int part_read(struct xlsx_part *p, char *out, size_t len)
{
	if (p->err)
		return -1;
	zip_int64_t n = zip_fread(p->f, out, (zip_uint64_t)len);
	if (n < 0) {
		p->err = XLSX_PART_DAMAGED;
		return -1;
	}
	p->got += (uint64_t)n;
	if (p->got > p->size) {
		p->err = XLSX_PART_TOO_BIG;
		return -1;
	}
	return (int)n;
}

void xlsx_sax_refuse(struct xlsx_sax *s, const char *message)
{
	xlsx_refuse(s->x, message);
	xmlStopParser(s->ctxt);
}

void xlsx_sax_done(struct xlsx_sax *s)
{
	s->done = 1;
	xmlStopParser(s->ctxt);
}

/* A DOCTYPE, an entity declared or referred to: never in a file Excel or
 * WPS writes, and the way to entity bombs and external entities. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	(void)name, (void)ext, (void)sys;
	xlsx_sax_refuse(ctx, msg_unsafe);
}

static void on_entity(void *ctx, const xmlChar *name, int type, const xmlChar *pub, const xmlChar *sys,
                      xmlChar *content)
{
	(void)name, (void)type, (void)pub, (void)sys, (void)content;
	xlsx_sax_refuse(ctx, msg_unsafe);
}

static void on_reference(void *ctx, const xmlChar *name)
{
	(void)name;
	xlsx_sax_refuse(ctx, msg_unsafe);
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

static int too_big(struct xlsx_reader *x)
{
	char *m = arena_printf(x->a, "文件解压后太大:最多 %llu MB", (unsigned long long)(x->limit >> 20));
	return xlsx_refuse(x, m ? m : "文件解压后太大");
}

#define CHUNK 65536

/* Streams part name (a path inside the package) through libxml2's SAX2
 * parser with the handlers of h, s as their context. 0 when read (or the
 * handlers were done), 1 when the part is missing, -1 when refused
 * (imp->fatal). */
int xlsx_part_parse(struct xlsx_reader *x, const char *name, xmlSAXHandler *h, struct xlsx_sax *s)
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
		return xlsx_refuse(x, xlsx_msg_damaged);
	if (st.size > x->budget)
		return too_big(x);
	s->p.f = zip_fopen_index(x->z, (zip_uint64_t)idx, 0);
	if (!s->p.f)
		return xlsx_refuse(x, xlsx_msg_damaged);
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
		return xlsx_refuse(x, xlsx_msg_memory);
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
	if (s->p.err == XLSX_PART_TOO_BIG)
		return too_big(x);
	/* Read to its end: fewer bytes than declared is a directory that lies too. */
	if (bad || s->p.err || !wellformed || s->p.got != s->p.size)
		return xlsx_refuse(x, xlsx_msg_damaged);
	return 0;
}

/* Attribute name (local name) of a start tag's nattr (SAX2: 5 pointers
 * each), 1 if there, else 0. */
int xlsx_attr(int nattr, const xmlChar **at, const char *name, struct xlsx_val *v)
{
	for (int i = 0; i < nattr; i++, at += 5)
		if (!strcmp((const char *)at[0], name)) {
			v->s = (const char *)at[3];
			v->n = (size_t)(at[4] - at[3]);
			return 1;
		}
	return 0;
}

int xlsx_val_is(struct xlsx_val v, const char *s)
{
	return v.n == strlen(s) && !memcmp(v.s, s, v.n);
}

/* A decimal number 0..limit written with ASCII digits only. */
int xlsx_small_uint(const char *s, size_t n, uint64_t limit, uint64_t *out)
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

/* ---- workbook, relationships, styles, shared strings ---- */

struct workbook {
	struct xlsx_sax s;
	char *rid;
};

static void workbook_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                           const xmlChar **ns, int nattr, int ndef, const xmlChar **at)
{
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndef;
	struct workbook *w = ctx;
	struct xlsx_val v;
	if (NAME_IS(name, "workbookPr")) {
		w->s.x->date1904 =
		    xlsx_attr(nattr, at, "date1904", &v) && (xlsx_val_is(v, "1") || xlsx_val_is(v, "true"));
	} else if (NAME_IS(name, "sheet")) {
		/* The first sheet in the workbook's order (r:id; sheetId is another)
		 * that is not hidden: the one the user sees on opening the file. */
		struct xlsx_val state;
		if (xlsx_attr(nattr, at, "state", &state) && !xlsx_val_is(state, "visible"))
			return;
		if (xlsx_attr(nattr, at, "id", &v) && !(w->rid = arena_strndup(w->s.x->a, v.s, v.n)))
			xlsx_sax_refuse(&w->s, xlsx_msg_memory);
		else
			xlsx_sax_done(&w->s);
	}
}

/* The first worksheet's relationship id and the date system. */
static int read_workbook(struct xlsx_reader *x, char **rid)
{
	struct workbook w = {.rid = NULL};
	xmlSAXHandler h = {.startElementNs = workbook_start};
	int rc = xlsx_part_parse(x, "xl/workbook.xml", &h, &w.s);
	if (rc == 1)
		return xlsx_refuse(x, "这不是 Excel 工作簿(XLSX):文件里没有工作簿");
	if (rc < 0)
		return -1;
	if (!w.rid)
		return xlsx_refuse(x, "工作簿里没有显示出来的工作表");
	*rid = w.rid;
	return 0;
}

struct rels {
	struct xlsx_sax s;
	const char *rid;
};

/* Ends with s: the type of a relationship, whatever its schema's URL. */
static int val_ends(struct xlsx_val v, const char *s)
{
	size_t k = strlen(s);
	return v.n >= k && !memcmp(v.s + v.n - k, s, k);
}

static void rels_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                       const xmlChar **ns, int nattr, int ndef, const xmlChar **at)
{
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndef;
	struct rels *r = ctx;
	struct xlsx_reader *x = r->s.x;
	struct xlsx_val id, type, target, mode;
	if (!NAME_IS(name, "Relationship") || !xlsx_attr(nattr, at, "Id", &id) ||
	    !xlsx_attr(nattr, at, "Type", &type) || !xlsx_attr(nattr, at, "Target", &target) || !target.n ||
	    (xlsx_attr(nattr, at, "TargetMode", &mode) && !xlsx_val_is(mode, "Internal")))
		return;
	char **slot = xlsx_val_is(id, r->rid)            ? &x->sheet_path
	              : val_ends(type, "/sharedStrings") ? &x->sst_path
	              : val_ends(type, "/styles")        ? &x->styles_path
	                                                 : NULL;
	if (!slot || *slot)
		return;
	/* Relative to xl/, or absolute in the package. */
	*slot = target.s[0] == '/' ? arena_strndup(x->a, target.s + 1, target.n - 1)
	                           : arena_printf(x->a, "xl/%.*s", (int)target.n, target.s);
	if (!*slot)
		xlsx_sax_refuse(&r->s, xlsx_msg_memory);
}

static int read_rels(struct xlsx_reader *x, const char *rid)
{
	struct rels r = {.rid = rid};
	xmlSAXHandler h = {.startElementNs = rels_start};
	int rc = xlsx_part_parse(x, "xl/_rels/workbook.xml.rels", &h, &r.s);
	if (rc < 0)
		return -1;
	if (rc == 1 || !x->sheet_path)
		return xlsx_refuse(x, xlsx_msg_damaged);
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

static int numfmt_is_date(const struct xlsx_reader *x, uint64_t id)
{
	for (int i = 0; i < x->nfmt; i++)
		if ((uint64_t)x->fmt_id[i] == id)
			return x->fmt_date[i];
	return builtin_is_date(id);
}

struct styles {
	struct xlsx_sax s;
	int in_xfs;
};

static void styles_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                         const xmlChar **ns, int nattr, int ndef, const xmlChar **at)
{
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndef;
	struct styles *st = ctx;
	struct xlsx_reader *x = st->s.x;
	struct xlsx_val v, code;
	uint64_t id;
	if (NAME_IS(name, "numFmt")) {
		if (x->nfmt < XLSX_MAX_NUMFMTS && xlsx_attr(nattr, at, "formatCode", &code) &&
		    xlsx_attr(nattr, at, "numFmtId", &v) && !xlsx_small_uint(v.s, v.n, INT32_MAX, &id)) {
			x->fmt_id[x->nfmt] = (int)id;
			x->fmt_date[x->nfmt++] = (unsigned char)format_is_date(code.s, code.n);
		}
	} else if (NAME_IS(name, "cellXfs")) {
		st->in_xfs = 1;
	} else if (st->in_xfs && NAME_IS(name, "xf")) {
		if (x->nstyles == XLSX_MAX_STYLES) {
			xlsx_sax_refuse(&st->s, xlsx_msg_damaged);
			return;
		}
		x->style_date[x->nstyles++] =
		    (unsigned char)(xlsx_attr(nattr, at, "numFmtId", &v) &&
		                    !xlsx_small_uint(v.s, v.n, INT32_MAX, &id) && numfmt_is_date(x, id));
	}
}

static void styles_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	(void)prefix, (void)uri;
	struct styles *st = ctx;
	if (NAME_IS(name, "cellXfs"))
		xlsx_sax_done(&st->s);
}

static int read_styles(struct xlsx_reader *x)
{
	x->style_date = arena_zalloc(x->a, XLSX_MAX_STYLES);
	if (!x->style_date)
		return xlsx_refuse(x, xlsx_msg_memory);
	struct styles st = {.in_xfs = 0};
	xmlSAXHandler h = {.startElementNs = styles_start, .endElementNs = styles_end};
	return xlsx_part_parse(x, x->styles_path ? x->styles_path : "xl/styles.xml", &h, &st.s) < 0 ? -1 : 0;
}

struct sst {
	struct xlsx_sax s;
	size_t start; /* the current string's start in x->sst */
	int in_si, in_t, in_rph;
};

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
		        : c >= 'A' && c <= 'F' ? c - 'A' + 10
		        : c >= 'a' && c <= 'f' ? c - 'a' + 10
		                               : -1;
		if (d < 0)
			return -1;
		v = v << 4 | (unsigned)d;
	}
	*out = v;
	return 0;
}

size_t xlsx_unescape(char *s, size_t n)
{
	size_t in = 0, out = 0;
	while (in < n) {
		unsigned u, lo;
		if (s[in] != '_' || n - in < 7 || s[in + 1] != 'x' || s[in + 6] != '_' ||
		    hex4(s + in + 2, &u) < 0 || u == 0) {
			s[out++] = s[in++];
			continue;
		}
		size_t used = 7;
		if (u >= 0xD800 && u <= 0xDBFF && n - in >= 14 && s[in + 7] == '_' && s[in + 8] == 'x' &&
		    s[in + 13] == '_' && hex4(s + in + 9, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
			u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			used = 14;
		} else if (u >= 0xD800 && u <= 0xDFFF) {
			s[out++] = s[in++]; /* half a pair: kept as written */
			continue;
		}
		/* The character is never longer than its escape (7 bytes, or 14 for 4). */
		if (u < 0x80) {
			s[out++] = (char)u;
		} else if (u < 0x800) {
			s[out++] = (char)(0xC0 | u >> 6);
			s[out++] = (char)(0x80 | (u & 0x3F));
		} else if (u < 0x10000) {
			s[out++] = (char)(0xE0 | u >> 12);
			s[out++] = (char)(0x80 | ((u >> 6) & 0x3F));
			s[out++] = (char)(0x80 | (u & 0x3F));
		} else {
			s[out++] = (char)(0xF0 | u >> 18);
			s[out++] = (char)(0x80 | ((u >> 12) & 0x3F));
			s[out++] = (char)(0x80 | ((u >> 6) & 0x3F));
			s[out++] = (char)(0x80 | (u & 0x3F));
		}
		in += used;
	}
	return out;
}

static int sst_push(struct xlsx_reader *x, size_t start)
{
	if (x->nsst == x->max_sst) {
		char *m = arena_printf(x->a, "文件太大:不同的文字超过 %zu 条", x->max_sst);
		return xlsx_refuse(x, m ? m : "文件太大");
	}
	if (x->nsst == x->cap_sst) {
		size_t cap = x->cap_sst ? x->cap_sst * 2 : 1024;
		if (cap > x->max_sst)
			cap = x->max_sst;
		uint32_t *off = realloc(x->sst_off, cap * sizeof *off);
		if (!off)
			return xlsx_refuse(x, xlsx_msg_memory);
		x->sst_off = off;
		x->cap_sst = cap;
	}
	size_t len = x->sst.len - start;
	if (!x->sst.err && len && len <= x->max_field_bytes)
		x->sst.len = start + xlsx_unescape(x->sst.data + start, len);
	buf_putc(&x->sst, 0);
	if (x->sst.err || start > UINT32_MAX)
		return xlsx_refuse(x, xlsx_msg_memory);
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
	struct xlsx_reader *x = t->s.x;
	if (!t->in_t || len <= 0)
		return;
	size_t have = x->sst.len - t->start, room = x->max_field_bytes + 1, n = (size_t)len;
	if (have < room)
		buf_append(&x->sst, ch, n < room - have ? n : room - have);
}

/* The shared strings: each <si> as the join of its <t>, whether plain or in
 * rich-text runs <r>, leaving out phonetic runs <rPh>. */
static int read_sst(struct xlsx_reader *x)
{
	struct sst t = {.in_si = 0};
	xmlSAXHandler h = {.startElementNs = sst_start,
	                   .endElementNs = sst_end,
	                   .characters = sst_chars,
	                   .cdataBlock = sst_chars,
	                   .ignorableWhitespace = sst_chars};
	return xlsx_part_parse(x, x->sst_path ? x->sst_path : "xl/sharedStrings.xml", &h, &t.s) < 0 ? -1 : 0;
}

int xlsx_import_run(struct csv_import *imp, struct arena *a, const void *data, size_t n,
                    const struct csv_options *o)
{
	if (csv_import_start(imp, a, o, n) < 0)
		return -1;
	imp->encoding = "XLSX";
	struct xlsx_reader x = {.imp = imp, .o = o, .a = a};
	size_t max_bytes = o->max_bytes ? o->max_bytes : (size_t)8 << 20;
	if (!xlsx_looks_like(data, n))
		return xlsx_refuse(&x, "这不是 XLSX 文件,请在 Excel 或 WPS 里另存为 XLSX 再导入");
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
	char *rid = NULL;
	if (!x.z)
		xlsx_refuse(&x, xlsx_msg_damaged);
	else if (read_workbook(&x, &rid) == 0 && read_rels(&x, rid) == 0 && read_styles(&x) == 0 &&
	         read_sst(&x) == 0 && xlsx_read_sheet(&x) == 0)
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
