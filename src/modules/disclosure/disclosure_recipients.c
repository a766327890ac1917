/* Recipient lists (低保, 救灾救济, …): their columns and the parser of
 * pasted or imported rows. Pure. */
#include <string.h>

#include "core/money.h"
#include "core/str.h"
#include "modules/disclosure/disclosure.h"
#include "pii/pii.h"

/* The largest amount a row may carry: 999,999,999,999.99 yuan. */
#define RECIPIENT_MAX_FEN INT64_C(99999999999999)

static const char *const rcol_names[RCOL__MAX] = {"name", "id_number", "phone", "address",
						  "household_size", "amount", "note"};
static const char *const rcol_labels[RCOL__MAX] = {"姓名", "身份证号", "电话", "住址", "家庭人口", "金额", "备注"};

const char *recipient_col_name(enum recipient_col c)
{
	return (unsigned)c < RCOL__MAX ? rcol_names[c] : "";
}

const char *recipient_col_label(enum recipient_col c)
{
	return (unsigned)c < RCOL__MAX ? rcol_labels[c] : "";
}

unsigned recipient_cols_from(const char *list)
{
	unsigned mask = 0;
	for (int c = 0; list && c < RCOL__MAX; c++) {
		size_t n = strlen(rcol_names[c]);
		for (const char *p = list; (p = strstr(p, rcol_names[c])) != NULL; p += n)
			if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == 0))
				mask |= 1u << c;
	}
	return mask;
}

/* Splits one line into up to max fields on ',' or '\t'; trims each. */
static int split_fields(struct arena *a, const char *line, size_t n, char **f, int max)
{
	int k = 0;
	size_t start = 0;
	for (size_t i = 0; i <= n && k < max; i++) {
		if (i == n || line[i] == ',' || line[i] == '\t') {
			f[k] = str_normalize(a, line + start, i - start);
			if (!f[k])
				return -1;
			k++;
			start = i + 1;
		}
	}
	return k;
}

int recipients_parse(struct arena *a, const char *text, struct disclosure_recipient **out, const char **err)
{
	size_t cap = 16;
	int count = 0, lineno = 0;
	*out = arena_alloc(a, cap * sizeof **out);
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		lineno++;
		char *f[8] = {0};
		/* Full-width commas become ASCII ones in str_normalize, per field; fold them first. */
		char *line = str_normalize(a, p, n);
		p = nl ? nl + 1 : NULL;
		if (!line)
			return -1;
		if (!*line)
			continue;
		int k = split_fields(a, line, strlen(line), f, 8);
		if (k < 0)
			return -1;
		if (lineno == 1 && k > 0 && !strcmp(f[0], "姓名"))
			continue; /* a header line */
		if (k < 6) {
			*err = arena_printf(a, "第 %d 行:需要至少 6 项(姓名,身份证号,电话,住址,家庭人口,金额),只有 %d 项", lineno, k);
			return -1;
		}
		if (!*f[0]) {
			*err = arena_printf(a, "第 %d 行:缺少姓名", lineno);
			return -1;
		}
		if (*f[1] && !pii_id_valid(f[1])) {
			*err = arena_printf(a, "第 %d 行:身份证号 %s 校验不通过", lineno, f[1]);
			return -1;
		}
		if (*f[2] && !str_is_mobile(f[2])) {
			*err = arena_printf(a, "第 %d 行:电话应为 11 位手机号码", lineno);
			return -1;
		}
		int64_t size = 0, fen = 0;
		if (str_to_int64(f[4], &size) < 0 || size < 1 || size > 50) {
			*err = arena_printf(a, "第 %d 行:家庭人口应为 1 到 50 的整数", lineno);
			return -1;
		}
		if (money_parse(f[5], &fen) < 0 || fen < 0 || fen > RECIPIENT_MAX_FEN) {
			*err = arena_printf(a, "第 %d 行:金额应为以元计的数字,如 1280.50", lineno);
			return -1;
		}
		if ((size_t)count == cap) {
			struct disclosure_recipient *bigger = arena_alloc(a, 2 * cap * sizeof *bigger);
			if (!bigger)
				return -1;
			memcpy(bigger, *out, cap * sizeof *bigger);
			*out = bigger;
			cap *= 2;
		}
		if (count >= 2000) {
			*err = "名单最多 2000 行";
			return -1;
		}
		struct disclosure_recipient *r = &(*out)[count++];
		r->row = count;
		r->full = (struct recipient_text){f[0], f[1], f[2], f[3], k > 6 ? f[6] : ""};
		r->masked = (struct recipient_text){0};
		r->household_size = (int)size;
		r->amount_fen = fen;
	}
	return count;
}
