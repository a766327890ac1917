/* Import of entries from a CSV file (ledger_import in ledger_internal.h):
 * the columns it knows, the header it looks for, and one pass that checks
 * each row and writes it while every row so far was good. */
#include <stdio.h>
#include <string.h>

#include "core/smap.h"
#include "core/xlsx_read.h"
#include "core/str.h"
#include "modules/ledger/ledger_internal.h"

/* The columns, in the order of enum col. */
enum col { C_DATE, C_KIND, C_CATEGORY, C_AMOUNT, C_INCOME, C_EXPENSE, C_COUNTERPARTY, C_VOUCHER, C_PURPOSE, C__MAX };

#define N(...) (const char *const[]){__VA_ARGS__, NULL}
const struct ledger_import_column ledger_import_columns[] = {
    [C_DATE] = {N("日期", "记账日期", "发生日期", "业务日期"), 1, "如 2026-10-08、2026/10/8 或 2026年10月8日;不晚于今天"},
    [C_KIND] = {N("收支", "收支类型", "收入/支出", "类型"), 0,
                "“收入”或“支出”;不填时按类别确定"},
    [C_CATEGORY] = {N("类别", "收支类别", "科目", "会计科目"), 1,
                    "本社区“收支类别”中的名称,如 办公经费"},
    [C_AMOUNT] = {N("金额", "金额(元)", "发生额"), 2,
                  "元,如 1234.56 或 ¥1,234.56,最多两位小数,大于零。也可以不用此列,改用“收入”“支出”两列"},
    [C_INCOME] = {N("收入", "收入金额", "收入(元)"), 2, "用“收入”“支出”两列时:收入填在这一列,同一行“支出”空着"},
    [C_EXPENSE] = {N("支出", "支出金额", "支出(元)"), 2, "用“收入”“支出”两列时:支出填在这一列,同一行“收入”空着"},
    [C_COUNTERPARTY] = {N("对方单位或个人", "对方单位", "往来单位", "对方", "收付款单位"), 0, "最多 66 个汉字"},
    [C_VOUCHER] = {N("凭证号", "凭证编号", "凭证字号"), 1, "同一年内不能重复"},
    [C_PURPOSE] = {N("摘要", "摘要(用途)", "用途", "事由"), 1, "最多 66 个汉字"},
    {NULL, 0, NULL},
};
#undef N

#define MAX_BYTES ((size_t)20 << 20)
#define MAX_ROWS 100000
#define HEADER_SEARCH 5 /* rows a title may take above the header */

struct run {
	struct db *db;
	struct arena *a;
	int64_t community_id;
	const struct ledger_import_options *o;
	struct ledger_import_result *res;
	struct ledger_category *cats;
	size_t ncats;
	int header;      /* the header row was found */
	int idx[C__MAX]; /* field index of each column, -1 when absent */
	int write;       /* still writing: not a dry run and no bad row yet */
	struct smap vouchers; /* "year\x1fvoucher" → line first seen */
	struct smap months;   /* YYYY-MM → 1 open, 2 closed */
	struct db_id_block ids; /* entries' ids, reserved 4096 at a time */
	int rows, max_rows; /* data rows read, and the most taken */
	int dberr;
};

/* The field of column c in row, "" when the file has no such column. */
static const char *field(const struct run *r, const struct csv_row *row, enum col c)
{
	int i = r->idx[c];
	return i >= 0 && i < row->nfields ? row->fields[i] : "";
}

/* 1 when the row is a total line of the spreadsheet (its first field with
 * something in it starts with 合计, 小计, 总计, 本月合计, 本年累计 …). */
static int is_total(const struct csv_row *row)
{
	static const char *const words[] = {"合计", "小计", "总计", "本月合计", "本月累计", "本年累计", "本年合计", NULL};
	for (int f = 0; f < row->nfields; f++) {
		const char *s = row->fields[f];
		while (*s == ' ')
			s++;
		if (!*s)
			continue;
		for (const char *const *w = words; *w; w++)
			if (!strncmp(s, *w, strlen(*w)))
				return 1;
		return 0;
	}
	return 0;
}

/* Finds the header among the first rows: the first that names every
 * required column. A row of one field (a title) is passed over. 0 (not
 * yet or found), -1 (the import stops: imp->fatal). */
static int header(struct run *r, struct csv_import *imp, const struct csv_row *row)
{
	struct csv_column cols[C__MAX];
	for (int i = 0; i < C__MAX; i++)
		cols[i] = (struct csv_column){ledger_import_columns[i].names, ledger_import_columns[i].required == 1};
	const char *err = NULL;
	int filled = 0;
	for (int f = 0; f < row->nfields; f++)
		filled += *row->fields[f] != 0;
	if (csv_header_map(r->a, row, cols, C__MAX, r->idx, &err) == 0) {
		if (r->idx[C_AMOUNT] < 0 && r->idx[C_INCOME] < 0 && r->idx[C_EXPENSE] < 0)
			return csv_import_fail(imp, "表头缺少 金额 列(或“收入”“支出”两列)");
		if (r->idx[C_AMOUNT] >= 0 && (r->idx[C_INCOME] >= 0 || r->idx[C_EXPENSE] >= 0))
			return csv_import_fail(imp, "表头同时有“金额”列和“收入”“支出”列,请只保留一种");
		r->header = 1;
		return 0;
	}
	if (filled <= 1 && row->index + 1 < HEADER_SEARCH)
		return 0; /* a title above the header */
	return csv_import_fail(imp, arena_printf(r->a, "第 %d 行应是表头:%s。可用的列名见导入页面的“导入文件的列”", row->line,
	                                         err ? err : "无法识别"));
}

/* An amount as a workbook's number cell holds it: a formula's result
 * carries binary noise (12.30000000000001, 12.299999999999999) that no one
 * typed. Such a plain number, its third decimal on a run of at least nine
 * zeros or nines, is the two-decimal amount it shows; anything else is
 * left for ledger_check to judge. The result in a, or s. */
static const char *cell_amount(struct arena *a, const char *s)
{
	const char *dot = strchr(s, '.');
	size_t n = strlen(s);
	if (!dot || strspn(s, "0123456789") != (size_t)(dot - s) || dot == s || n - (size_t)(dot - s) < 13 ||
	    strspn(dot + 1, "0123456789") != n - (size_t)(dot - s) - 1 || n > 40)
		return s;
	const char *tail = dot + 3;
	size_t zeros = strspn(tail, "0"), nines = strspn(tail, "9");
	if (zeros < 9 && nines < 9)
		return s;
	/* cents: the integer part and two decimals, as a number */
	unsigned long long cents = 0;
	for (const char *q = s; q < dot + 3; q++)
		if (q != dot) {
			if (cents > 100000000000000ULL)
				return s; /* far past any amount: ledger_check refuses it */
			cents = cents * 10 + (unsigned long long)(*q - '0');
		}
	if (nines >= 9)
		cents++;
	return arena_printf(a, "%llu.%02llu", cents / 100, cents % 100);
}

/* The amount and kind of a row with 收入 and 支出 columns: one of them
 * filled. Sets in->amount and, when the kind column is empty, in->kind. 0,
 * or 1 after reporting the row. */
static int two_columns(struct run *r, struct csv_import *imp, const struct csv_row *row, struct ledger_input *in)
{
	const char *inc = field(r, row, C_INCOME), *exp = field(r, row, C_EXPENSE);
	const char *ni = str_normalize(r->a, inc, strlen(inc)), *ne = str_normalize(r->a, exp, strlen(exp));
	const char *kn = str_normalize(r->a, in->kind, strlen(in->kind));
	if (!ni || !ne || !kn)
		return 1;
	if (*ni && *ne) {
		csv_row_error(imp, row->line, "收入和支出只能填一个");
		return 1;
	}
	if (!*ni && !*ne)
		return 0; /* ledger_check says 请填写金额 */
	enum ledger_kind k = *ni ? LEDGER_INCOME : LEDGER_EXPENSE;
	in->amount = *ni ? ni : ne;
	if (imp->encoding && !strcmp(imp->encoding, "XLSX"))
		in->amount = cell_amount(r->a, in->amount);
	if (!*kn) {
		in->kind = ledger_kind_code(k);
	} else if (ledger_kind_parse(kn) >= 0 && ledger_kind_parse(kn) != (int)k) {
		csv_row_error(imp, row->line, "收支写的是“%s”,金额却填在“%s”列", kn, ledger_kind_word(k));
		return 1;
	}
	return 0;
}

static struct db_query q_voucher_taken = DB_QUERY(
    "SELECT 1 FROM ledger_entry WHERE community_id = ? AND voucher_year = ? AND voucher_no = ?");

/* 1 when the books have the voucher number in that year, 0 not, -1. */
static int voucher_taken(struct run *r, int year, const char *no)
{
	struct db_stmt *st = db_stmt(r->db, &q_voucher_taken);
	if (!st)
		return -1;
	db_bind_int(st, 1, r->community_id);
	db_bind_int(st, 2, year);
	db_bind_text(st, 3, no, -1);
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Whether the month is open for entries (opened in this transaction on
 * first sight, then remembered). 0 open, LEDGER_CLOSED, -1. */
static int month_open(struct run *r, const char *period)
{
	int64_t known = smap_get(&r->months, period);
	if (known > 0)
		return known == 1 ? 0 : LEDGER_CLOSED;
	int rc = ledger_open_month(r->db, r->community_id, period);
	if (rc < 0 || smap_put(&r->months, period, rc == LEDGER_CLOSED ? 2 : 1) < 0)
		return -1;
	return rc;
}

/* One row below the header: checked, then written while r->write. */
static int row_fn(struct csv_import *imp, const struct csv_row *row, void *ctx)
{
	struct run *r = ctx;
	if (!r->header)
		return header(r, imp, row);
	if (++r->rows > r->max_rows)
		return csv_import_fail(imp, arena_printf(r->a, "一次最多导入 %d 行,请分成几个文件", r->max_rows));
	if (is_total(row)) {
		r->res->skipped++;
		return 0;
	}
	struct ledger_input in = {
	    .date = field(r, row, C_DATE),
	    .kind = field(r, row, C_KIND),
	    .category = field(r, row, C_CATEGORY),
	    .amount = field(r, row, C_AMOUNT),
	    .counterparty = field(r, row, C_COUNTERPARTY),
	    .voucher_no = field(r, row, C_VOUCHER),
	    .purpose = field(r, row, C_PURPOSE),
	};
	if (imp->encoding && !strcmp(imp->encoding, "XLSX")) /* number cells as Excel shows them */
		in.amount = cell_amount(r->a, in.amount);
	if (r->idx[C_AMOUNT] < 0 && two_columns(r, imp, row, &in)) {
		r->write = 0;
		return r->a->failed ? csv_import_fail(imp, "内存不足") : 0;
	}
	struct ledger_entry e;
	struct ledger_problem p[LEDGER_MAX_PROBLEMS];
	int np = ledger_check(r->a, &in, r->cats, r->ncats, r->o->now, &e, p);
	if (np < 0)
		return csv_import_fail(imp, "内存不足");
	/* every problem of the row, joined: 金额:…;凭证号:… */
	static const struct {
		const char *field, *label;
	} labels[] = {{"date", "日期"},         {"kind", "收支"},   {"category", "类别"},
	              {"amount", "金额"},       {"counterparty", "对方单位或个人"},
	              {"voucher_no", "凭证号"}, {"purpose", "摘要"}};
	const char *text = "";
	for (int i = 0; i < np && text; i++) {
		const char *label = p[i].field;
		for (size_t j = 0; j < sizeof labels / sizeof *labels; j++)
			if (!strcmp(labels[j].field, p[i].field))
				label = labels[j].label;
		/* "金额最多两位小数" needs no "金额:" before it; "请填写" does */
		if (strstr(p[i].message, label))
			text = arena_printf(r->a, "%s%s%s", text, i ? ";" : "", p[i].message);
		else
			text = arena_printf(r->a, "%s%s%s:%s", text, i ? ";" : "", label, p[i].message);
	}
	int rc;
	if (text && e.voucher_no && e.voucher_year) { /* the voucher number against earlier rows and the books */
		char key[LEDGER_VOUCHER_MAX + 16];
		snprintf(key, sizeof key, "%d\x1f%s", e.voucher_year, e.voucher_no);
		int64_t first = smap_get(&r->vouchers, key);
		if ((rc = first >= 0 ? 0 : voucher_taken(r, e.voucher_year, e.voucher_no)) < 0)
			goto dberr;
		if (first >= 0)
			text = arena_printf(r->a, "%s%s凭证号 %s 与第 %lld 行重复(同一年内凭证号不能重复)", text,
			                    *text ? ";" : "", e.voucher_no, (long long)first);
		else if (rc)
			text = arena_printf(r->a, "%s%s凭证号 %s 在 %d 年已经用过(账上已有这张凭证)", text, *text ? ";" : "",
			                    e.voucher_no, e.voucher_year);
		else if (smap_put(&r->vouchers, key, row->line) < 0)
			return csv_import_fail(imp, "内存不足");
	}
	if (text && *e.period) {
		if ((rc = month_open(r, e.period)) < 0)
			goto dberr;
		if (rc == LEDGER_CLOSED)
			text = arena_printf(r->a, "%s%s%.4s年%s月已结账,不能再记入(更正请在未结账的月份冲销)", text,
			                    *text ? ";" : "", e.period, e.period[5] == '0' ? e.period + 6 : e.period + 5);
	}
	if (!text)
		return csv_import_fail(imp, "内存不足");
	if (*text) {
		const char *v = field(r, row, C_VOUCHER);
		if (e.voucher_no && *v) /* the row as the file names it, for finding it */
			csv_row_error(imp, row->line, "(凭证号 %s)%s", e.voucher_no, text);
		else
			csv_row_error(imp, row->line, "%s", text);
		r->write = 0;
		return 0;
	}
	struct ledger_import_result *res = r->res;
	if (res->nshown < LEDGER_IMPORT_SHOWN) { /* its strings live in r->a as long as the result */
		if (!res->shown && !(res->shown = arena_alloc(r->a, LEDGER_IMPORT_SHOWN * sizeof *res->shown)))
			return csv_import_fail(imp, "内存不足");
		res->shown[res->nshown++] = e;
	}
	res->good++;
	if (e.kind == LEDGER_INCOME)
		res->income_fen += e.amount_fen; /* rows (< 2^31) × LEDGER_MAX_FEN (< 2^34): no overflow */
	else
		res->expense_fen += e.amount_fen;
	if (!*res->first || strcmp(e.date, res->first) < 0)
		memcpy(res->first, e.date, sizeof res->first);
	if (strcmp(e.date, res->last) > 0)
		memcpy(res->last, e.date, sizeof res->last);
	if (r->write) {
		int64_t id;
		if (db_id_block_take(r->db, &r->ids, &id) < 0 ||
		    (rc = ledger_entry_insert(r->db, r->community_id, &e, "import", r->o->by, r->o->now, id)) < 0)
			goto dberr;
		if (rc) { /* the books took the voucher meanwhile: cannot be under the lock */
			csv_row_error(imp, row->line, "凭证号 %s 已被占用", e.voucher_no);
			r->write = 0;
			return 0;
		}
		res->added++;
		if (!res->first_id)
			res->first_id = id;
		res->last_id = id;
	}
	return 0;
dberr:
	r->dberr = 1;
	return csv_import_fail(imp, "数据库出错,没有导入任何数据,请稍后再试");
}

int ledger_import(struct db *db, struct arena *a, int64_t community_id, const void *data, size_t n,
                  const struct ledger_import_options *o, struct ledger_import_result *res)
{
	memset(res, 0, sizeof *res);
	struct run r = {.db = db,
	                .a = a,
	                .community_id = community_id,
	                .o = o,
	                .res = res,
	                .write = !o->dry_run,
	                .ids = {.scope = community_id, .name = "ledger_entry", .step = 4096},
	                .max_rows = o->max_rows ? o->max_rows : MAX_ROWS};
	if (ledger_categories(db, a, community_id, 0, &r.cats, &r.ncats) < 0)
		return -1;
	struct csv_options co = {.delim = CSVI_DELIM_AUTO,
	                         .max_bytes = o->max_bytes ? o->max_bytes : MAX_BYTES,
	                         .max_rows = r.max_rows + HEADER_SEARCH + 1,
	                         .max_fields = 50,
	                         .max_field_bytes = 1024,
	                         .row = row_fn,
	                         .ctx = &r};
	int rc = table_import_run(&res->imp, a, data, n, &co);
	if (rc == 0 && !r.header && !res->imp.fatal)
		rc = csv_import_fail(&res->imp, "文件里没有表头和数据");
	if (rc == 0 && r.write && db_id_block_end(db, &r.ids) < 0)
		r.dberr = 1;
	smap_free(&r.vouchers);
	smap_free(&r.months);
	if (r.dberr || a->failed)
		return -1;
	if (rc < 0)
		return 2;
	if (res->imp.nerrors)
		return 1;
	if (!res->good && !res->skipped)
		return csv_import_fail(&res->imp, "表头下面没有数据行"), 2;
	return 0;
}

/* ---- an import taken back ---- */

#define BATCH " FROM ledger_entry WHERE community_id = ?1 AND id >= ?4 AND id <= ?5 AND source = 'import'" \
	      " AND entered_by = ?2 AND entered_at = ?3 AND approved_at IS NULL"
static struct db_query q_batch_count = DB_QUERY("SELECT COUNT(*)" BATCH);
static struct db_query q_batch_files =
    DB_QUERY("DELETE FROM ledger_file WHERE community_id = ?1 AND entry_id IN (SELECT id" BATCH ")");
static struct db_query q_batch_drop = DB_QUERY("DELETE" BATCH);

/* Binds the batch's key to q's statement; NULL on error. */
static struct db_stmt *batch(struct db *db, struct db_query *q, int64_t community_id, const struct ledger_batch *b)
{
	struct db_stmt *st = db_stmt(db, q);
	if (st) {
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, b->by);
		db_bind_int(st, 3, b->at);
		db_bind_int(st, 4, b->first_id);
		db_bind_int(st, 5, b->last_id);
	}
	return st;
}

int ledger_import_pending(struct db *db, int64_t community_id, const struct ledger_batch *b, int64_t *n)
{
	struct db_stmt *st = batch(db, &q_batch_count, community_id, b);
	return st && db_one_int(st, n) == 0 ? 0 : -1;
}

int ledger_import_withdraw(struct db *db, int64_t community_id, const struct ledger_batch *b, int64_t *n)
{
	char through[8];
	struct db_stmt *st;
	*n = 0;
	/* pending entries are never in a closed month: no month to check */
	if (ledger_book_lock(db, community_id, through) < 0 ||
	    !(st = batch(db, &q_batch_files, community_id, b)) || db_run(st) != DB_DONE ||
	    !(st = batch(db, &q_batch_drop, community_id, b)))
		return -1;
	return db_run_count(st, n) == DB_DONE ? 0 : -1;
}
