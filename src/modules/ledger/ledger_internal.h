/* The ledger's own contract, shared by its files only: categories, entries
 * and their approval and reversal, months and their closing, statements,
 * party dues and what goes to the disclosure board. The rules are those of
 * migrations/0001_ledger.sql; the store (ledger_store.c and the files
 * named below) keeps them, each write under a lock on the community's
 * ledger_book row, so that two servers on one PostgreSQL database never
 * close a month while an entry is approved into it. Every function that writes runs in
 * the caller's write transaction; every reader in a read snapshot or that
 * transaction. */
#ifndef SHEQU_MODULES_LEDGER_INTERNAL_H
#define SHEQU_MODULES_LEDGER_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/csv_import.h"
#include "db/db.h"

/* What a store function answers besides 0 (done) and -1 (a database error). */
enum ledger_rc {
	LEDGER_CLOSED = 1,  /* the month is closed: nothing in it changes */
	LEDGER_DUP_VOUCHER, /* the voucher number is taken in that year */
	LEDGER_SELF,        /* the one who entered an entry cannot approve it */
	LEDGER_STATE,       /* not in a state for this (approved already, reversed, not approved yet …) */
	LEDGER_PENDING,     /* the month still has entries awaiting approval */
	LEDGER_ORDER,       /* an earlier month with entries is still open */
	LEDGER_NOT_FOUND,
	LEDGER_DUP_NAME,    /* a category of that kind has that name already */
	LEDGER_BEFORE,      /* the span ends before the books' first month */
};

enum ledger_kind { LEDGER_INCOME, LEDGER_EXPENSE };
/* "income"/"expense" and back (-1 for anything else); the Chinese word 收入/支出. */
const char *ledger_kind_code(enum ledger_kind k);
int ledger_kind_parse(const char *s);
const char *ledger_kind_word(enum ledger_kind k);

/* Largest amount of one entry: ¥100,000,000.00 (a typo of extra digits is
 * refused, and sums of a year of entries stay far from int64's limit). */
#define LEDGER_MAX_FEN INT64_C(10000000000)
/* The most entries a page exports at once (a request's memory holds about
 * that many); beyond it the page says to export a month at a time or to
 * use `shequ ledger export`. */
#define LEDGER_EXPORT_MAX 100000
#define LEDGER_EXPORT_TOO_BIG                                                                                  \
	"要导出的凭证超过 10 万张,网页一次导不出。请按月份筛选后分别导出,或请系统管理员用命令行"             \
	" shequ ledger export 导出全年。"
#define LEDGER_VOUCHER_MAX 32   /* bytes of a voucher number */
#define LEDGER_TEXT_MAX 200     /* bytes of a purpose or counterparty */

/* ---- the books (ledger_store.c) ---- */

/* Locks the community's books (its ledger_book row, made when missing) for
 * this transaction, the first step of every write to them, and copies the
 * last closed month ("" when none) to closed_through. 0 or -1. */
int ledger_book_lock(struct db *db, int64_t community_id, char closed_through[8]);
/* Locks the community's books (its ledger_book row) for this transaction,
 * for a write into period (YYYY-MM): LEDGER_CLOSED when that month is
 * closed (it or a later one), else 0 with its ledger_period row made; -1. */
int ledger_open_month(struct db *db, int64_t community_id, const char *period);
/* The month (YYYY-MM) and year of a date YYYY-MM-DD. 0 or -1. */
int ledger_month_of(const char *date, char period[8], int *year);

/* ---- categories (ledger_store.c) ---- */

struct ledger_category {
	int64_t id;
	enum ledger_kind kind;
	const char *name;
	int sort_no;
	int retired;
};

/* Gives a community the usual chart of categories (上级拨款/工作经费,
 * 共建单位资助, 社会捐赠, 其他收入; 办公经费, 活动经费, 救助支出, 设施维修,
 * 人员补贴, 其他支出), those it lacks. 0 or -1. */
int ledger_categories_seed(struct db *db, int64_t community_id, int64_t now);
/* The community's categories, income first, each kind by sort_no; the
 * retired ones too when with_retired. 0 or -1. */
int ledger_categories(struct db *db, struct arena *a, int64_t community_id, int with_retired,
                      struct ledger_category **out, size_t *n);
/* Adds a category (name trimmed, 1..40 bytes, checked by the caller).
 * 0 (*id set), LEDGER_DUP_NAME, -1. */
int ledger_category_add(struct db *db, int64_t community_id, enum ledger_kind kind, const char *name, int64_t now,
                        int64_t *id);
/* Renames one. 0, LEDGER_DUP_NAME, LEDGER_NOT_FOUND, -1. */
int ledger_category_rename(struct db *db, int64_t community_id, int64_t id, const char *name);
/* Retires one (no new entries; its history stays) or brings it back.
 * 0, LEDGER_NOT_FOUND, -1. */
int ledger_category_retire(struct db *db, int64_t community_id, int64_t id, int retired, int64_t now);

/* ---- entries (ledger_store.c) ---- */

/* An entry as typed (forms, an imported row): text fields, NULL read as "". */
struct ledger_input {
	const char *date;         /* 2026-10-08, 2026/10/8, 2026年10月8日 */
	const char *kind;         /* 收入/支出 or income/expense */
	const char *category;     /* the category's id (forms) or name (imports) */
	const char *amount;       /* 1234.56, ¥1,234.56 … (money_parse) */
	const char *counterparty;
	const char *voucher_no;
	const char *purpose;
};

/* A field's problem, in Chinese, for the form or an import row. */
struct ledger_problem {
	const char *field; /* "date", "kind", "category", "amount", "counterparty", "voucher_no", "purpose" */
	const char *message;
};
#define LEDGER_MAX_PROBLEMS 7

struct ledger_entry {
	int64_t id;
	char period[8];     /* YYYY-MM */
	char date[11];      /* YYYY-MM-DD */
	enum ledger_kind kind;
	int64_t category_id;
	const char *category; /* its name (readers) */
	int64_t amount_fen;
	const char *counterparty, *voucher_no, *purpose;
	int voucher_year;
	int64_t entered_by, entered_at, approved_by, approved_at;
	const char *entered_name, *approved_name; /* display names (readers) */
	int64_t reverses_id, reversed_by_id;
	const char *reason;
	const char *source;
	int64_t files; /* voucher scans attached (readers) */
};

/* Checks an input against the community's categories (cats, from
 * ledger_categories without the retired ones): a real date not after
 * today (now) and not before 2000, the kind, a category of that kind, an
 * amount above zero up to LEDGER_MAX_FEN with at most two decimals, a
 * voucher number (1..LEDGER_VOUCHER_MAX bytes, no control characters;
 * ASCII letters made upper-case, so that case never tells two apart), a
 * purpose (1..LEDGER_TEXT_MAX) and a counterparty up to LEDGER_TEXT_MAX.
 * Fills *e (strings in a) and returns the number of problems written to p
 * (0: good), or -1 when the arena fails. The voucher's uniqueness is the
 * store's (LEDGER_DUP_VOUCHER). */
int ledger_check(struct arena *a, const struct ledger_input *in, const struct ledger_category *cats, size_t ncats,
                 int64_t now, struct ledger_entry *e, struct ledger_problem *p);

/* Enters a checked entry, awaiting approval, in its month (made open if
 * new). source: "desk", "import" or "demo". 0 (*id set), LEDGER_CLOSED,
 * LEDGER_DUP_VOUCHER, -1. */
int ledger_entry_add(struct db *db, int64_t community_id, const struct ledger_entry *e, const char *source,
                     int64_t by, int64_t now, int64_t *id);
/* For imports: writes a checked entry, awaiting approval, under id (from
 * db_next_ids "ledger_entry"), in a month the caller opened with
 * ledger_open_month in this transaction. 0, LEDGER_DUP_VOUCHER, -1. */
int ledger_entry_insert(struct db *db, int64_t community_id, const struct ledger_entry *e, const char *source,
                        int64_t by, int64_t now, int64_t id);
/* Changes an entry not yet approved (its fields from e; the month may
 * change, both open). The one who changes it becomes the one who entered
 * it (by, now), so that whoever decided its figures last cannot approve
 * it. 0, LEDGER_CLOSED, LEDGER_DUP_VOUCHER, LEDGER_STATE (approved
 * meanwhile), LEDGER_NOT_FOUND, -1. */
int ledger_entry_update(struct db *db, int64_t community_id, int64_t id, const struct ledger_entry *e, int64_t by,
                        int64_t now);
/* Withdraws an entry not yet approved (it never counted). 0, LEDGER_CLOSED,
 * LEDGER_STATE, LEDGER_NOT_FOUND, -1. */
int ledger_entry_withdraw(struct db *db, int64_t community_id, int64_t id);
/* Approves an entry (by someone other than who entered it): it counts from
 * now on, its month's totals grow, and a reversing entry marks the one it
 * reverses. 0, LEDGER_SELF, LEDGER_STATE (approved already), LEDGER_CLOSED,
 * LEDGER_NOT_FOUND, -1. */
int ledger_entry_approve(struct db *db, int64_t community_id, int64_t id, int64_t by, int64_t now);
/* Enters the reversing entry of an approved one (amount negated, same
 * kind and category, counterparty kept) dated date in an open month, with
 * its own voucher number and the reason; it awaits approval like any
 * entry. 0 (*id set), LEDGER_STATE (not approved, reversed or being
 * reversed, or itself a reversal), LEDGER_CLOSED, LEDGER_DUP_VOUCHER,
 * LEDGER_NOT_FOUND, -1. */
int ledger_entry_reverse(struct db *db, int64_t community_id, int64_t id, const char *date, const char *voucher_no,
                         const char *reason, int64_t by, int64_t now, int64_t *new_id);
/* One entry with names. 0, LEDGER_NOT_FOUND, -1. */
int ledger_entry_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct ledger_entry *e);

struct ledger_filter {
	const char *period; /* YYYY-MM, or NULL for the whole year */
	int year;           /* with period NULL: that year's months; 0 with period NULL: every month */
	int kind;           /* -1 any, else enum ledger_kind */
	int64_t category_id; /* 0 any */
	int pending;        /* only those awaiting approval */
};
/* A page of entries, in date order then id (newest month last), offset
 * rows skipped, at most limit; *more when there are others after. Walks
 * ledger_entry_period (or ledger_entry_pending). 0 or -1. */
int ledger_entries(struct db *db, struct arena *a, int64_t community_id, const struct ledger_filter *f,
                   int64_t offset, int limit, struct ledger_entry **out, size_t *n, int *more);
/* Calls fn for every entry the filter selects, in the same order (exports
 * of a year). 0, -1, or what fn returned when not 0. */
int ledger_entries_each(struct db *db, struct arena *a, int64_t community_id, const struct ledger_filter *f,
                        int (*fn)(void *ctx, const struct ledger_entry *e), void *ctx);

/* ---- months (ledger_months.c) ---- */

struct ledger_period {
	char period[8];
	int closed;
	int64_t closed_at, closed_by;
	int64_t opening_fen, income_fen, expense_fen, closing_fen; /* of approved entries; frozen once closed */
	int64_t pending;   /* entries awaiting approval */
};

/* Closes a month: only when every earlier month with entries is closed
 * (else LEDGER_ORDER) and none of its entries awaits approval; freezes its figures, opening with
 * the last closed month's closing. A month without entries may be closed
 * too (a quiet month). 0, LEDGER_CLOSED (already), LEDGER_PENDING,
 * LEDGER_ORDER, -1. */
int ledger_period_close(struct db *db, int64_t community_id, const char *period, int64_t by, int64_t now);
/* The months of a year (12, January first) as they stand: closed ones
 * frozen, open ones from the approved totals, openings carried forward
 * from the months before. 0 or -1. */
int ledger_year(struct db *db, struct arena *a, int64_t community_id, int year, struct ledger_period out[12]);
/* The balance now: the last closed month's closing plus what was approved
 * in open months since. 0 or -1. */
int ledger_balance(struct db *db, int64_t community_id, int64_t *fen);

/* ---- statements (ledger_statement.c) ---- */

struct ledger_line {
	int64_t category_id;
	const char *category;
	enum ledger_kind kind;
	int64_t amount_fen;
	int64_t entries;
};

struct ledger_statement {
	char from[8], to[8];   /* first and last month, YYYY-MM */
	const char *title;     /* 2026年10月 / 2026年第三季度 / 2026年 */
	int closed;            /* every month of it is closed */
	int64_t opening_fen, income_fen, expense_fen, closing_fen;
	struct ledger_line *lines; /* by category, income first, each kind by sort_no; categories with nothing left out */
	size_t nlines;
	struct ledger_entry *big;  /* approved entries of at least threshold (absolute), by amount then date */
	size_t nbig;
	struct ledger_period months[12]; /* the 12 months up to to, for the trend chart */
};

/* Parses a span: "2026-10" (a month), "2026-Q3" (a quarter), "2026" (a
 * year) into its first and last month. 0 or -1. */
int ledger_span_parse(const char *s, char from[8], char to[8], int *kind_month_quarter_year);
/* 1 when s is a month "YYYY-MM" ledger_span_parse takes, else 0. */
int ledger_month_ok(const char *s);
/* The statement of a span, from the kept totals (never the entries, save
 * the big ones, at most 200). 0 or -1. */
int ledger_statement(struct db *db, struct arena *a, int64_t community_id, const char *span, int64_t threshold_fen,
                     struct ledger_statement *st);

/* ---- party dues (ledger_dues.c; more in ledger_dues.h) ---- */

/* Opens a month for dues: a row for every party member in good standing
 * (people_party_member status full or probationary) who lacks one, due
 * the member's monthly amount (dues_base_fen). *added set. 0 or -1. */
int ledger_dues_open_month(struct db *db, int64_t community_id, const char *month, int64_t *added);
/* Records a payment for a member's month (amount replaces what was paid
 * before; 0 undoes it). 0, LEDGER_NOT_FOUND (no such member month), -1. */
int ledger_dues_pay(struct db *db, int64_t community_id, int64_t person_id, const char *month, int64_t paid_fen,
                    const char *paid_on, const char *receipt_no, int64_t by, int64_t now);

struct ledger_dues_sum {
	int64_t members;     /* distinct members with a row in the span */
	int64_t due_fen, paid_fen;
	int64_t paid_members; /* members who paid every month of the span in full */
};
/* The aggregate of a span (YYYY-MM, YYYY-Qn or YYYY): what the board gets. 0 or -1. */
int ledger_dues_summary(struct db *db, int64_t community_id, const char *span, struct ledger_dues_sum *s);
/* Hands a span's dues summary (members, due, paid, rate; never a
 * member's amount) to the board as a draft of its 党费收缴 item ('dues'),
 * remembered in ledger_publication. 0 (*post_id set), LEDGER_DUP_NAME
 * (handed already: *post_id is that post), LEDGER_NOT_FOUND (no such
 * item), -1. */
int ledger_dues_publish(struct db *db, struct arena *a, int64_t community_id, const char *span, int64_t by,
                        int64_t now, int64_t *post_id);

/* ---- import of entries from CSV or XLSX (ledger_import.c) ---- */

struct ledger_import_options {
	int dry_run;      /* check only: write nothing */
	int64_t by, now;  /* who imports (the entries' enterer), when */
	size_t max_bytes; /* of the file; 0: 20 MiB */
	int max_rows;     /* rows below the header; 0: 100,000 */
};

struct ledger_import_result {
	struct csv_import imp;    /* rows read, each bad row's line and reason, or why the file was refused */
	int64_t good;             /* rows that passed every check */
	int64_t added;            /* entries written (0 on a dry run) */
	int64_t skipped;          /* 合计/小计 rows left out */
	int64_t income_fen, expense_fen; /* sums of the good rows */
	char first[11], last[11]; /* earliest and latest date of the good rows ("" when none) */
	int64_t first_id, last_id; /* the entries written: every id between is this import's */
	struct ledger_entry *shown; /* the first LEDGER_IMPORT_SHOWN good rows, for the check's page */
	size_t nshown;
};
#define LEDGER_IMPORT_SHOWN 50

/* The columns an import file may have, for the import page: each with
 * its names (names[0] the one to use; the others are accepted too),
 * whether it is required, and what goes in it. NULL-terminated. */
struct ledger_import_column {
	const char *const *names;
	int required; /* 1 required, 0 not, 2 one of 金额 or 收入/支出 */
	const char *help;
};
extern const struct ledger_import_column ledger_import_columns[];

/* Reads a file of entries, CSV (UTF-8 or GB18030, comma or tab) or the
 * first sheet of an XLSX workbook (table_import_run), with a header
 * row naming the columns of ledger_import_columns: 日期, 类别, 凭证号,
 * 摘要 and either 金额 (with 收支, or the category's kind) or 收入 and 支出
 * amount columns; others ignored) and enters every row as an entry
 * awaiting approval (source "import"), in the caller's write transaction.
 * Each row is checked as a typed entry (ledger_check) and against the
 * books: a closed month, a voucher number taken in that year by the books
 * or by an earlier row; every bad row is reported with its line and
 * reason. Rows whose first field is 合计, 小计, 本月合计 … are skipped and
 * counted. Nothing is written after the first bad row: the caller rolls
 * back unless the answer is 0. Returns 0 (clean: written unless dry_run),
 * 1 (rows refused: res->imp.nerrors), 2 (the file refused as a whole:
 * res->imp.fatal), -1 (a database error). Memory from a. */
int ledger_import(struct db *db, struct arena *a, int64_t community_id, const void *data, size_t n,
                  const struct ledger_import_options *o, struct ledger_import_result *res);
/* One import: the entries it wrote, source "import", entered by by at at,
 * with ids first_id..last_id (an import's ids are one run: the counter's
 * row stays locked until it commits). */
struct ledger_batch {
	int64_t by, at, first_id, last_id;
};
/* An import's entries still awaiting approval, counted (*n). 0 or -1. */
int ledger_import_pending(struct db *db, int64_t community_id, const struct ledger_batch *b, int64_t *n);
/* Withdraws an import's entries still awaiting approval (with their
 * scans), under the books' lock, for a file imported by mistake; the
 * approved ones stay (reverse them). *n withdrawn. 0 or -1. */
int ledger_import_withdraw(struct db *db, int64_t community_id, const struct ledger_batch *b, int64_t *n);

/* ---- the board (ledger_publish.c) ---- */

/* Hands a closed span's statement (every month of it closed) to the
 * disclosure board as a draft of its 财务收支 item ('finance'), remembered
 * in ledger_publication; the board's own review and publish steps follow.
 * 0 (*post_id set), LEDGER_STATE (a month still open), LEDGER_BEFORE (it
 * ends before the books' first month: nothing to tell), LEDGER_DUP_NAME
 * (handed already: *post_id is that post), LEDGER_NOT_FOUND (the
 * community has no such item), -1. */
int ledger_statement_publish(struct db *db, struct arena *a, int64_t community_id, const char *span, int64_t by,
                             int64_t now, int64_t *post_id);

/* ---- voucher scans (ledger_files.c) ---- */

/* 凭证附件: scans and photos of an entry's paper voucher (发票, 收据,
 * 银行回单). The bytes are sealed at rest (src/pii, the process's key);
 * sha256 is of the plain bytes. Staff only: routes check the role before
 * reading one, and every opening is audited by the route. */
#define LEDGER_FILES_MAX 10             /* scans an entry */
#define LEDGER_FILE_MAX_BYTES (10 << 20) /* bytes of one scan */
#define LEDGER_FILE_NAME_MAX 100        /* characters of a scan's file name */

/* What ledger_file_add refuses besides LEDGER_CLOSED and LEDGER_NOT_FOUND. */
enum ledger_file_rc {
	LEDGER_FILE_COUNT = 100, /* the entry has LEDGER_FILES_MAX scans already */
	LEDGER_FILE_SIZE,        /* empty, or above LEDGER_FILE_MAX_BYTES */
	LEDGER_FILE_TYPE,        /* not a PDF, PNG or JPEG by its first bytes */
	LEDGER_FILE_NAME,        /* no name, or above LEDGER_FILE_NAME_MAX characters */
};

struct ledger_file {
	int64_t id, entry_id, bytes, added_by, added_at;
	const char *name, *mime, *sha256;
	const char *added_name;    /* display name of who added it (lists) */
	const unsigned char *data; /* opened (ledger_file_get); NULL in lists */
};

/* An entry's scans, the list the entry's page shows. */
struct ledger_file_list {
	struct ledger_file *v;
	size_t n;
	const char *error; /* why an upload was refused, beside the upload field; NULL */
};

/* Adds a scan of len bytes to an entry, under the books' lock
 * (ledger_book_lock: a closed month takes no new scan). The type is read from the bytes (PDF, PNG or JPEG: mime set from
 * it), never from what a browser said; name is kept as given (the caller
 * cleans it). At most LEDGER_FILES_MAX an entry, 1..LEDGER_FILE_MAX_BYTES
 * bytes, a name of 1..LEDGER_FILE_NAME_MAX characters. 0 (*id set),
 * LEDGER_CLOSED, LEDGER_NOT_FOUND (no such entry), LEDGER_FILE_COUNT,
 * LEDGER_FILE_SIZE, LEDGER_FILE_TYPE, LEDGER_FILE_NAME, -1 (a database
 * error, or no key to seal with). */
int ledger_file_add(struct db *db, struct arena *a, int64_t community_id, int64_t entry_id, const char *name,
                    const void *data, size_t len, int64_t by, int64_t now, int64_t *id);
/* An entry's scans without their bytes, oldest first, with who added
 * them. 0 or -1. */
int ledger_files(struct db *db, struct arena *a, int64_t community_id, int64_t entry_id,
                 struct ledger_file_list *out);
/* One scan of an entry with its bytes opened. 0, LEDGER_NOT_FOUND, -1
 * (also when the bytes do not open under the process's key: logged). */
int ledger_file_get(struct db *db, struct arena *a, int64_t community_id, int64_t entry_id, int64_t id,
                    struct ledger_file *f);
/* Removes a scan while its entry awaits approval (an approved entry's
 * evidence stays), under the books' lock. *name set to the removed scan's
 * name (for the audit row). 0, LEDGER_STATE (the entry is approved),
 * LEDGER_CLOSED, LEDGER_NOT_FOUND, -1. */
int ledger_file_remove(struct db *db, struct arena *a, int64_t community_id, int64_t entry_id, int64_t id,
                       const char **name);

#endif
