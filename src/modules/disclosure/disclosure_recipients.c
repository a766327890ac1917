/* Recipient lists (低保, 救灾救济, …): their columns and the parser of
 * pasted or imported rows. Pure. */
#include <string.h>

#include "core/csv_import.h"
#include "core/money.h"
#include "core/str.h"
#include "modules/disclosure/disclosure_internal.h"
#include "pii/pii.h"

/* The largest amount a row may carry: 999,999,999,999.99 yuan. */
#define RECIPIENT_MAX_FEN INT64_C(99999999999999)
#define RECIPIENTS_MAX 2000
#define RECIPIENTS_MAX_BYTES ((size_t)4 << 20)

static const char *const rcol_names[RCOL__MAX] = {"name", "id_number", "phone", "address",
						  "household_size", "amount", "note"};
static const char *const rcol_labels[RCOL__MAX] = {"姓名", "身份证号", "电话", "住址", "家庭人口", "金额", "备注"};

const char *disclosure_recipient_col_name(enum recipient_col c)
{
	return (unsigned)c < RCOL__MAX ? rcol_names[c] : "";
}

const char *disclosure_recipient_col_label(enum recipient_col c)
{
	return (unsigned)c < RCOL__MAX ? rcol_labels[c] : "";
}

unsigned disclosure_recipient_cols_from(const char *list)
{
	return disclosure_names_mask(list, rcol_names, RCOL__MAX);
}

const char *disclosure_recipient_cols_label(struct arena *a, unsigned mask)
{
	return disclosure_labels_join(a, rcol_labels, RCOL__MAX, mask);
}

/* A header row's names for the columns, with the aliases people use. */
static const char *const h_name[] = {"姓名", NULL};
static const char *const h_id[] = {"身份证号", "公民身份号码", "身份证号码", "身份证", NULL};
static const char *const h_phone[] = {"电话", "手机", "手机号", "手机号码", "联系电话", NULL};
static const char *const h_address[] = {"住址", "地址", "家庭住址", "居住地址", NULL};
static const char *const h_household[] = {"家庭人口", "家庭人数", "人口", "人数", NULL};
static const char *const h_amount[] = {"金额", "金额(元)", "保障金额", "救助金额", "发放金额", NULL};
static const char *const h_note[] = {"备注", "说明", NULL};
static const struct csv_column header_cols[RCOL__MAX] = {
    {h_name, 1}, {h_id, 1}, {h_phone, 1}, {h_address, 1}, {h_household, 1}, {h_amount, 1}, {h_note, 0},
};

struct recipients_parse {
	struct arena *a;
	struct disclosure_recipient *out;
	size_t cap;
	int count;
	int col[RCOL__MAX]; /* the field each column is read from */
	int need;	    /* fields a row must have */
};

/* One row of the list (csv_import's callback): a header is read for its
 * column order; a bad row is reported and the next one read. */
static int recipient_row(struct csv_import *imp, const struct csv_row *row, void *ctx)
{
	struct recipients_parse *ps = ctx;
	struct arena *a = ps->a;
	char *f[RCOL__MAX];
	for (int c = 0; c < RCOL__MAX; c++) {
		int i = ps->col[c];
		const char *v = i >= 0 && i < row->nfields ? row->fields[i] : "";
		if (!(f[c] = str_normalize(a, v, strlen(v))))
			return csv_import_fail(imp, "内存不足");
	}
	int k = row->nfields;
	if (row->index == 0 && !strcmp(f[RCOL_NAME], "姓名")) {
		/* A header: when it names every column, they may come in any order. */
		int idx[RCOL__MAX];
		const char *unused;
		if (csv_header_map(a, row, header_cols, RCOL__MAX, idx, &unused) == 0) {
			ps->need = 0;
			for (int c = 0; c < RCOL__MAX; c++) {
				ps->col[c] = idx[c];
				if (header_cols[c].required && idx[c] + 1 > ps->need)
					ps->need = idx[c] + 1;
			}
		}
		return 0;
	}
	if (k < ps->need) {
		csv_row_error(imp, row->line, "需要至少 %d 项(姓名,身份证号,电话,住址,家庭人口,金额),只有 %d 项", ps->need, k);
		return 0;
	}
	/* Every problem of the row at once, so that it is fixed in one go. */
	const char *why[5];
	int nwhy = 0;
	if (!*f[RCOL_NAME])
		why[nwhy++] = "缺少姓名";
	if (*f[RCOL_ID] && !pii_id_valid(f[RCOL_ID]))
		why[nwhy++] = arena_printf(a, "身份证号 %s 校验不通过", f[RCOL_ID]);
	char mobile[12];
	if (*f[RCOL_PHONE] && str_mobile_normalize(f[RCOL_PHONE], mobile) < 0)
		why[nwhy++] = "电话应为 11 位手机号码";
	else if (*f[RCOL_PHONE] && !(f[RCOL_PHONE] = arena_strdup(a, mobile)))
		return csv_import_fail(imp, "内存不足");
	int64_t size = 0, fen = 0;
	if (str_to_int64(f[RCOL_HOUSEHOLD], &size) < 0 || size < 1 || size > 50)
		why[nwhy++] = "家庭人口应为 1 到 50 的整数";
	if (money_parse(f[RCOL_AMOUNT], &fen) < 0 || fen < 0 || fen > RECIPIENT_MAX_FEN)
		why[nwhy++] = "金额应为以元计的数字,如 1280.50";
	if (nwhy) {
		const char *all = why[0];
		for (int i = 1; i < nwhy && all; i++)
			all = arena_printf(a, "%s,%s", all, why[i]);
		if (!all)
			return csv_import_fail(imp, "内存不足");
		csv_row_error(imp, row->line, "%s", all);
		return 0;
	}
	if (ps->count >= RECIPIENTS_MAX)
		return csv_import_fail(imp, "名单最多 2000 行");
	if ((size_t)ps->count == ps->cap) {
		struct disclosure_recipient *bigger = arena_alloc(a, 2 * ps->cap * sizeof *bigger);
		if (!bigger)
			return csv_import_fail(imp, "内存不足");
		memcpy(bigger, ps->out, ps->cap * sizeof *bigger);
		ps->out = bigger;
		ps->cap *= 2;
	}
	struct disclosure_recipient *r = &ps->out[ps->count++];
	r->row = ps->count;
	r->full = (struct recipient_text){f[RCOL_NAME], f[RCOL_ID], f[RCOL_PHONE], f[RCOL_ADDRESS], f[RCOL_NOTE]};
	r->masked = (struct recipient_text){0};
	r->household_size = (int)size;
	r->amount_fen = fen;
	return 0;
}

int disclosure_recipients_import(struct arena *a, const void *data, size_t n, struct disclosure_recipient **out,
		      const char **err)
{
	struct recipients_parse ps = {.a = a, .cap = 16, .need = 6};
	for (int c = 0; c < RCOL__MAX; c++)
		ps.col[c] = c;
	ps.out = arena_alloc(a, ps.cap * sizeof *ps.out);
	struct csv_options o = {.delim = CSVI_DELIM_LINE,
				.max_bytes = RECIPIENTS_MAX_BYTES,
				.max_fields = 64,
				.max_field_bytes = 1024,
				.max_errors = RECIPIENTS_MAX,
				.row = recipient_row,
				.ctx = &ps};
	struct csv_import imp;
	*out = NULL;
	if (!ps.out)
		return -1;
	if (csv_import_run(&imp, a, data, n, &o) < 0) {
		*err = imp.fatal;
		return imp.encoding ? -1 : -2;
	}
	if (imp.nerrors) {
		/* Every bad row, each with its line and reasons. */
		const char *rows = csv_errors_text(&imp, RECIPIENTS_MAX);
		*err = imp.nerrors == 1 || !rows
			   ? rows
			   : arena_printf(a, "名单中有 %d 行需要修改,请一并改好后再提交。%s", imp.nerrors, rows);
		return -1;
	}
	*out = ps.out;
	return ps.count;
}

int disclosure_recipients_parse(struct arena *a, const char *text, struct disclosure_recipient **out, const char **err)
{
	return disclosure_recipients_import(a, text, text ? strlen(text) : 0, out, err);
}
