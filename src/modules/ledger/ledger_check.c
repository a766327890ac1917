/* One check for an entry, whether typed at the desk or read from an
 * imported row: every problem named by field, in Chinese. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/str.h"
#include "modules/ledger/ledger_internal.h"

struct check {
	struct arena *a;
	struct ledger_problem *p;
	int n;
};

static void problem(struct check *c, const char *field, const char *message)
{
	if (c->n < LEDGER_MAX_PROBLEMS)
		c->p[c->n++] = (struct ledger_problem){field, message};
}

/* s trimmed and folded (str_normalize), "" for NULL; NULL (and a problem)
 * when it is no UTF-8 or holds control characters, or the arena fails. */
static const char *clean(struct check *c, const char *field, const char *s)
{
	if (!s || !*s)
		return "";
	size_t n = strlen(s);
	if (!utf8_valid(s, n)) {
		problem(c, field, "含有无法识别的字符");
		return NULL;
	}
	char *t = str_normalize(c->a, s, n);
	if (!t)
		return NULL;
	for (const unsigned char *q = (const unsigned char *)t; *q; q++)
		if (*q < 0x20 || *q == 0x7f) {
			problem(c, field, "含有换行或控制字符");
			return NULL;
		}
	if (str_has_bidi_control(t)) {
		problem(c, field, "含有改变文字方向的不可见字符");
		return NULL;
	}
	return t;
}

/* A text field: required or not, at most max bytes. */
static const char *text(struct check *c, const char *field, const char *s, size_t max, int required,
                        const char *label)
{
	const char *t = clean(c, field, s);
	if (!t)
		return NULL;
	if (required && !*t)
		problem(c, field, arena_printf(c->a, "请填写%s", label));
	else if (strlen(t) > max)
		problem(c, field, arena_printf(c->a, "%s太长了:最多 %zu 个汉字(只写字母、数字时最多 %zu 个)", label, max / 3, max));
	else
		return t;
	return NULL;
}

/* Why a date that date_parse_typed refused is wrong: a month or a day
 * that does not exist when it reads as three numbers (2026/2/30), else
 * how to write one. */
static const char *date_problem(struct arena *a, const char *s)
{
	int v[3], k = 0;
	while (*s && k < 3) {
		if (*s < '0' || *s > '9') {
			s++;
			continue;
		}
		int n = 0, len = 0;
		for (; *s >= '0' && *s <= '9'; s++)
			if (++len <= 6)
				n = n * 10 + (*s - '0');
		v[k++] = len <= 6 ? n : -1;
	}
	if (k == 3 && v[0] >= 2000 && v[0] <= 9999 && v[1] >= 0 && v[2] >= 0) {
		if (v[1] < 1 || v[1] > 12)
			return arena_printf(a, "日期中的月份 %d 不存在,请核对", v[1]);
		if (v[2] < 1 || v[2] > date_days_in_month(v[0], v[1]))
			return arena_printf(a, "%d年%d月没有%d日,请核对日期", v[0], v[1], v[2]);
	}
	return "日期看不懂:请写成 2026-10-08、2026/10/8 或 2026年10月8日";
}

/* The category named by id (a form's value) or by name (an import's),
 * of the kind given (-1: any). */
static const struct ledger_category *find_category(const char *s, const struct ledger_category *cats, size_t n)
{
	int64_t id;
	if (str_to_int64(s, &id) == 0) {
		for (size_t i = 0; i < n; i++)
			if (cats[i].id == id)
				return &cats[i];
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (!strcmp(cats[i].name, s))
			return &cats[i];
	return NULL;
}

int ledger_check(struct arena *a, const struct ledger_input *in, const struct ledger_category *cats, size_t ncats,
                 int64_t now, struct ledger_entry *e, struct ledger_problem *p)
{
	struct check c = {a, p, 0};
	memset(e, 0, sizeof *e);

	const char *date = clean(&c, "date", in->date);
	if (date) {
		struct ymd d, today = date_from_time(now);
		if (!*date)
			problem(&c, "date", "请填写日期");
		else if (date_parse_typed(date, &d) < 0)
			problem(&c, "date", date_problem(a, date));
		else if (d.y < 2000)
			problem(&c, "date", "日期早于 2000 年,请核对");
		else if (date_cmp(d, today) > 0)
			problem(&c, "date", "日期晚于今天:请在发生后再记账");
		else {
			date_format(d, e->date);
			snprintf(e->period, sizeof e->period, "%.7s", e->date);
			e->voucher_year = d.y;
		}
	}

	const char *kind = clean(&c, "kind", in->kind);
	int k = kind ? ledger_kind_parse(kind) : -1;
	if (kind && *kind && k < 0)
		problem(&c, "kind", "收支应为“收入”或“支出”");
	else if (kind && *kind)
		e->kind = (enum ledger_kind)k;

	const char *cat = clean(&c, "category", in->category);
	if (cat) {
		const struct ledger_category *found = *cat ? find_category(cat, cats, ncats) : NULL;
		if (!*cat)
			problem(&c, "category", "请选择类别");
		else if (!found || found->retired)
			problem(&c, "category", arena_printf(a, "没有“%s”这个类别(可在“收支类别”中添加)", cat));
		else if (k >= 0 && found->kind != (enum ledger_kind)k)
			problem(&c, "category",
			        arena_printf(a, "“%s”是%s类别,与收支不符", found->name, ledger_kind_word(found->kind)));
		else {
			e->category_id = found->id;
			e->category = found->name;
			if (kind && !*kind) /* left out: the category's */
				e->kind = found->kind;
		}
	}
	if (kind && !*kind && !e->category_id)
		problem(&c, "kind", "请选择收入或支出");

	const char *amount = clean(&c, "amount", in->amount);
	if (amount) {
		int64_t fen = 0;
		enum money_error me = money_parse_ex(amount, &fen);
		if (me != MONEY_OK)
			problem(&c, "amount", me == MONEY_EMPTY ? "请填写金额" : money_error_message(me));
		else if (fen <= 0)
			problem(&c, "amount", "金额应大于零:冲销请在原凭证页面操作");
		else if (fen > LEDGER_MAX_FEN)
			problem(&c, "amount", "金额超过一亿元,请核对");
		else
			e->amount_fen = fen;
	}

	e->counterparty = text(&c, "counterparty", in->counterparty, LEDGER_TEXT_MAX, 0, "对方单位或个人");
	e->voucher_no = text(&c, "voucher_no", in->voucher_no, LEDGER_VOUCHER_MAX, 1, "凭证号");
	if (e->voucher_no) { /* "ji-0001" and "JI-0001" are one voucher: kept upper-case */
		char *v = arena_strdup(a, e->voucher_no);
		for (char *q = v; q && *q; q++)
			if (*q >= 'a' && *q <= 'z')
				*q = (char)(*q - 'a' + 'A');
		e->voucher_no = v;
	}
	e->purpose = text(&c, "purpose", in->purpose, LEDGER_TEXT_MAX, 1, "摘要(用途)");
	if (!e->counterparty)
		e->counterparty = "";
	if (a->failed)
		return -1;
	return c.n;
}
