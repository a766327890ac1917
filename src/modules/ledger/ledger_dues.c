/* The SQL of 党费收缴: months opened for the party members in good
 * standing, payments, the month's list, the arrears, a span per member and
 * per branch, the aggregate and its hand-over to the board. Names come
 * from people_person (the name only, never a sealed or masked number).
 * Every write first takes the community's ledger_book row, as the rest of
 * the ledger's writes do. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/checked.h"
#include "core/date.h"
#include "core/money.h"
#include "modules/disclosure/disclosure.h"
#include "modules/ledger/ledger_dues.h"
#include "modules/ledger/ledger_report.h"
#include "web/html.h"

/* Locks the community's books, as every write to them does. 0 or -1. */
static int dues_lock(struct db *db, int64_t community_id)
{
	char through[8];
	return ledger_book_lock(db, community_id, through);
}

int ledger_dues_span(struct arena *a, const char *s, char from[8], char to[8], const char **title)
{
	int kind;
	if (ledger_span_parse(s, from, to, &kind) < 0)
		return -1;
	if (title && !(*title = ledger_span_title(a, kind, from)))
		return -1;
	return 0;
}

int ledger_dues_rate(int64_t paid_fen, int64_t due_fen)
{
	if (due_fen <= 0 || paid_fen <= 0)
		return 0;
	uint64_t scaled, r;
	if (ck_mulu64((uint64_t)paid_fen, 1000, &scaled) < 0 ||
	    ck_addu64(scaled, (uint64_t)due_fen / 2, &scaled) < 0)
		r = (uint64_t)paid_fen /
		    ((uint64_t)due_fen / 1000 + 1); /* sums beyond any community's: close enough */
	else
		r = scaled / (uint64_t)due_fen;
	return r > INT_MAX ? INT_MAX : (int)r;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

int ledger_dues_check(const char *amount, const char *date, const char *receipt, int64_t now, int64_t *fen,
                      char paid_on[11], struct ledger_problem p[3])
{
	int n = 0;
	*fen = 0;
	paid_on[0] = 0;
	enum money_error me = money_parse_ex(amount ? amount : "", fen);
	if (me != MONEY_OK) {
		p[n++] = (struct ledger_problem){"amount", me == MONEY_EMPTY ? "请填写实缴金额(撤销缴费填 0)"
		                                                             : money_error_message(me)};
		*fen = 0;
	} else if (*fen < 0 || *fen > LEDGER_MAX_FEN) {
		p[n++] = (struct ledger_problem){"amount", "金额应在 0 到 100,000,000 元之间"};
		*fen = 0;
	}
	int paying = me != MONEY_OK || *fen > 0;
	struct ymd d;
	if (date && *date) {
		struct ymd today = date_from_time(now), first = {2000, 1, 1};
		if (date_parse_typed(date, &d) < 0)
			p[n++] = (struct ledger_problem){"paid_on", "请按 2026-11-01 的格式填写缴费日期"};
		else if (date_cmp(d, today) > 0 || date_cmp(d, first) < 0)
			p[n++] = (struct ledger_problem){"paid_on", "缴费日期应在 2000 年以后,不能晚于今天"};
		else if (paying)
			date_format(d, paid_on);
	} else if (paying) {
		p[n++] = (struct ledger_problem){"paid_on", "请填写缴费日期"};
	}
	if (receipt && (strlen(receipt) > LEDGER_VOUCHER_MAX || has_control(receipt)))
		p[n++] = (struct ledger_problem){"receipt_no", "收据号最多 32 个字符,不能含控制字符"};
	else if (paying && (!receipt || !*receipt))
		p[n++] = (struct ledger_problem){"receipt_no", "请填写收据号"};
	return n;
}

/* ---- writes ---- */

static struct db_query q_open =
    DB_QUERY("INSERT INTO ledger_dues (community_id, person_id, month, due_fen)"
             " SELECT m.community_id, m.person_id, ?2, m.dues_base_fen FROM people_party_member m"
             " WHERE m.community_id = ?1 AND m.status IN ('full', 'probationary')"
             " ON CONFLICT (community_id, person_id, month) DO NOTHING");

int ledger_dues_open_month(struct db *db, int64_t community_id, const char *month, int64_t *added)
{
	*added = 0;
	if (!ledger_month_ok(month) || dues_lock(db, community_id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_open);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, month, -1);
	return db_run_count(st, added) == DB_DONE ? 0 : -1;
}

static struct db_query q_pay = DB_QUERY(
    "UPDATE ledger_dues SET paid_fen = ?, paid_on = ?, receipt_no = ?, recorded_by = ?, recorded_at = ?"
    " WHERE community_id = ? AND person_id = ? AND month = ?");

int ledger_dues_pay(struct db *db, int64_t community_id, int64_t person_id, const char *month,
                    int64_t paid_fen, const char *paid_on, const char *receipt_no, int64_t by, int64_t now)
{
	if (paid_fen < 0 || paid_fen > LEDGER_MAX_FEN || dues_lock(db, community_id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_pay);
	if (!st)
		return -1;
	db_bind_int(st, 1, paid_fen);
	if (paid_fen > 0 && paid_on && *paid_on)
		db_bind_text(st, 2, paid_on, -1);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, paid_fen > 0 && receipt_no ? receipt_no : "", -1);
	db_bind_int_or_null(st, 4, by);
	db_bind_int(st, 5, now);
	db_bind_int(st, 6, community_id);
	db_bind_int(st, 7, person_id);
	db_bind_text(st, 8, month ? month : "", -1);
	int rc = db_run_guarded(st);
	return rc == 1 ? LEDGER_NOT_FOUND : rc;
}

/* ---- a month, one member ---- */

#define ROW_COLS                                                                                             \
	"d.person_id, p.name, m.branch, d.month, d.due_fen, d.paid_fen, COALESCE(d.paid_on, ''), "           \
	"d.receipt_no"
#define ROW_FROM                                                                                             \
	" FROM ledger_dues d JOIN people_party_member m ON m.community_id = d.community_id AND m.person_id " \
	"="                                                                                                  \
	" d.person_id JOIN people_person p ON p.community_id = d.community_id AND p.id = d.person_id"

static void row_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct ledger_dues_row *r = slot;
	r->person_id = db_col_int(st, 0);
	r->name = db_col_dup(st, 1, a);
	r->branch = db_col_dup(st, 2, a);
	snprintf(r->month, sizeof r->month, "%s", db_col_text(st, 3));
	r->due_fen = db_col_int(st, 4);
	r->paid_fen = db_col_int(st, 5);
	r->paid_on = db_col_dup(st, 6, a);
	r->receipt_no = db_col_dup(st, 7, a);
}

/* Walks ledger_dues_month (community, month, person). */
static struct db_query q_month =
    DB_QUERY("SELECT " ROW_COLS ROW_FROM " WHERE d.community_id = ? AND d.month = ?"
             " ORDER BY d.person_id LIMIT ? OFFSET ?");

/* Trims a page read with limit + 1 rows to limit, setting *more. */
static void page_trim(size_t *n, int limit, int *more)
{
	*more = *n > (size_t)limit;
	if (*more)
		*n = (size_t)limit;
}

int ledger_dues_month(struct db *db, struct arena *a, int64_t community_id, const char *month, int64_t offset,
                      int limit, struct ledger_dues_row **out, size_t *n, int *more)
{
	struct db_stmt *st = db_stmt(db, &q_month);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, month, -1);
	db_bind_int(st, 3, (int64_t)limit + 1);
	db_bind_int(st, 4, offset);
	if (db_rows(st, a, sizeof **out, (size_t)limit + 1, (void **)out, n, row_fill) < 0)
		return -1;
	page_trim(n, limit, more);
	return 0;
}

static struct db_query q_get =
    DB_QUERY("SELECT " ROW_COLS ROW_FROM " WHERE d.community_id = ? AND d.person_id = ? AND d.month = ?");

int ledger_dues_get(struct db *db, struct arena *a, int64_t community_id, int64_t person_id,
                    const char *month, struct ledger_dues_row *out)
{
	struct db_stmt *st = db_stmt(db, &q_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, person_id);
	db_bind_text(st, 3, month ? month : "", -1);
	int rc = db_row(st, a, out, row_fill);
	return rc == 1 ? LEDGER_NOT_FOUND : rc;
}

/* ---- arrears ---- */

static void arrear_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct ledger_dues_arrear *r = slot;
	r->person_id = db_col_int(st, 0);
	r->name = db_col_dup(st, 1, a);
	r->branch = db_col_dup(st, 2, a);
	r->months = db_col_int(st, 3);
	r->owed_fen = db_col_int(st, 4);
	snprintf(r->oldest, sizeof r->oldest, "%s", db_col_text(st, 5));
	snprintf(r->latest, sizeof r->latest, "%s", db_col_text(st, 6));
}

/* Walks ledger_dues_owed (the months still owed only). */
static struct db_query q_arrears =
    DB_QUERY("SELECT d.person_id, p.name, m.branch, COUNT(*), SUM(d.due_fen - d.paid_fen), MIN(d.month), "
             "MAX(d.month)" ROW_FROM
             " WHERE d.community_id = ? AND d.paid_fen < d.due_fen GROUP BY d.person_id, p.name, m.branch"
             " ORDER BY MIN(d.month), d.person_id LIMIT ? OFFSET ?");

int ledger_dues_arrears(struct db *db, struct arena *a, int64_t community_id, int64_t offset, int limit,
                        struct ledger_dues_arrear **out, size_t *n, int *more)
{
	struct db_stmt *st = db_stmt(db, &q_arrears);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, (int64_t)limit + 1);
	db_bind_int(st, 3, offset);
	if (db_rows(st, a, sizeof **out, (size_t)limit + 1, (void **)out, n, arrear_fill) < 0)
		return -1;
	page_trim(n, limit, more);
	return 0;
}

static struct db_query q_arrears_count = DB_QUERY(
    "SELECT COUNT(DISTINCT person_id) FROM ledger_dues WHERE community_id = ? AND paid_fen < due_fen");

int ledger_dues_arrears_count(struct db *db, int64_t community_id, int64_t *members)
{
	struct db_stmt *st = db_stmt(db, &q_arrears_count);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	*members = 0;
	return db_one_int(st, members) < 0 ? -1 : 0;
}

/* ---- a span per member, per branch, in all ---- */

/* The months between from and to (index of month in the span, -1 outside). */
static int month_index(const char *from, const char *month)
{
	int fy = 0, fm = 0, y = 0, m = 0;
	if (sscanf(from, "%4d-%2d", &fy, &fm) != 2 || sscanf(month, "%4d-%2d", &y, &m) != 2)
		return -1;
	int i = (y - fy) * 12 + (m - fm);
	return i >= 0 && i < 12 ? i : -1;
}

/* The page's members first (ledger_dues' key: community, person, month),
 * then their rows of the span. */
static struct db_query q_members =
    DB_QUERY("WITH page AS (SELECT DISTINCT person_id FROM ledger_dues WHERE community_id = ?1 AND month "
             "BETWEEN ?2 AND ?3"
             " ORDER BY person_id LIMIT ?4 OFFSET ?5)"
             " SELECT " ROW_COLS
             " FROM page JOIN ledger_dues d ON d.community_id = ?1 AND d.person_id = page.person_id"
             " JOIN people_party_member m ON m.community_id = d.community_id AND m.person_id = d.person_id"
             " JOIN people_person p ON p.community_id = d.community_id AND p.id = d.person_id"
             " WHERE d.month BETWEEN ?2 AND ?3 ORDER BY d.person_id, d.month");

int ledger_dues_members(struct db *db, struct arena *a, int64_t community_id, const char *from,
                        const char *to, int64_t offset, int limit, struct ledger_dues_member **out, size_t *n,
                        int *more)
{
	*out = NULL;
	*n = 0;
	*more = 0;
	struct db_stmt *st = db_stmt(db, &q_members);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, from, -1);
	db_bind_text(st, 3, to, -1);
	db_bind_int(st, 4, (int64_t)limit + 1);
	db_bind_int(st, 5, offset);
	struct ledger_dues_row *rows;
	size_t nrows;
	if (db_rows(st, a, sizeof *rows, ((size_t)limit + 1) * 12, (void **)&rows, &nrows, row_fill) < 0)
		return -1;
	struct ledger_dues_member *m = arena_alloc(a, (nrows ? nrows : 1) * sizeof *m);
	if (!m)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < nrows; i++) {
		if (!k || m[k - 1].person_id != rows[i].person_id) {
			if (k == (size_t)limit) {
				*more = 1;
				break;
			}
			memset(&m[k], 0, sizeof m[k]);
			m[k].person_id = rows[i].person_id;
			m[k].name = rows[i].name;
			m[k].branch = rows[i].branch;
			k++;
		}
		int j = month_index(from, rows[i].month);
		if (j < 0)
			continue;
		struct ledger_dues_member *x = &m[k - 1];
		x->opened[j] = 1;
		x->due_fen[j] = rows[i].due_fen;
		x->paid_fen[j] = rows[i].paid_fen;
		x->due_total += rows[i].due_fen;
		x->paid_total += rows[i].paid_fen;
	}
	*out = m;
	*n = k;
	return 0;
}

static void branch_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct ledger_dues_branch *b = slot;
	b->branch = db_col_dup(st, 0, a);
	b->members = db_col_int(st, 1);
	b->due_fen = db_col_int(st, 2);
	b->paid_fen = db_col_int(st, 3);
}

static struct db_query q_branches = DB_QUERY(
    "SELECT m.branch, COUNT(DISTINCT d.person_id), SUM(d.due_fen), SUM(d.paid_fen) FROM ledger_dues d"
    " JOIN people_party_member m ON m.community_id = d.community_id AND m.person_id = d.person_id"
    " WHERE d.community_id = ? AND d.month BETWEEN ? AND ? GROUP BY m.branch ORDER BY m.branch");

int ledger_dues_branches(struct db *db, struct arena *a, int64_t community_id, const char *from,
                         const char *to, struct ledger_dues_branch **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_branches);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, from, -1);
	db_bind_text(st, 3, to, -1);
	return db_rows(st, a, sizeof **out, 1000, (void **)out, n, branch_fill);
}

static struct db_query q_summary =
    DB_QUERY("SELECT COUNT(DISTINCT person_id), COALESCE(SUM(due_fen), 0), COALESCE(SUM(paid_fen), 0),"
             " COUNT(DISTINCT CASE WHEN paid_fen < due_fen THEN person_id END)"
             " FROM ledger_dues WHERE community_id = ? AND month BETWEEN ? AND ?");

int ledger_dues_summary(struct db *db, int64_t community_id, const char *span, struct ledger_dues_sum *s)
{
	char from[8], to[8];
	struct arena a;
	arena_init(&a, 4096);
	int rc = ledger_dues_span(&a, span, from, to, NULL);
	arena_free(&a);
	memset(s, 0, sizeof *s);
	struct db_stmt *st = rc < 0 ? NULL : db_stmt(db, &q_summary);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, from, -1);
	db_bind_text(st, 3, to, -1);
	rc = db_step(st);
	if (rc == DB_ROW) {
		s->members = db_col_int(st, 0);
		s->due_fen = db_col_int(st, 1);
		s->paid_fen = db_col_int(st, 2);
		s->paid_members = s->members - db_col_int(st, 3);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : -1;
}

/* ---- the board ---- */

static struct db_query q_published =
    DB_QUERY("SELECT post_id FROM ledger_publication WHERE community_id = ? AND what = 'dues' AND span = ?");

int ledger_dues_published(struct db *db, int64_t community_id, const char *span, int64_t *post_id)
{
	struct db_stmt *st = db_stmt(db, &q_published);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, span, -1);
	*post_id = 0;
	int rc = db_one_int(st, post_id);
	return rc < 0 ? -1 : 0;
}

static struct db_query q_publication_add =
    DB_QUERY("INSERT INTO ledger_publication (community_id, what, span, post_id, created_by, created_at)"
             " VALUES (?, 'dues', ?, ?, ?, ?)");

/* Fewer members than this in a branch and its figures would be someone's own. */
#define DUES_GROUP_MIN 3

/* The aggregate as the board's Markdown: totals, and per branch when there
 * are several and each has at least DUES_GROUP_MIN members; never a
 * member's name or amount. */
static const char *publish_body(struct arena *a, const char *title, const struct ledger_dues_sum *s,
                                const struct ledger_dues_branch *br, size_t nbr)
{
	struct buf b;
	buf_init(&b, 64u << 10);
	char due[MONEY_FORMAT_SIZE], paid[MONEY_FORMAT_SIZE];
	int rate = ledger_dues_rate(s->paid_fen, s->due_fen);
	buf_printf(&b, "%s,本社区党费收缴情况如下。\n\n", title);
	buf_printf(&b, "- 应缴人数:%lld 人\n- 应缴金额:%s\n- 实缴金额:%s\n- 收缴率:%d.%d%%\n",
	           (long long)s->members, money_format(s->due_fen, due, sizeof due),
	           money_format(s->paid_fen, paid, sizeof paid), rate / 10, rate % 10);
	int small = 0;
	for (size_t i = 0; i < nbr; i++)
		small |= br[i].members < DUES_GROUP_MIN;
	if (nbr > 1 && small)
		buf_printf(&b, "\n有的党支部不足 %d 人,为免显示个人缴费情况,不分支部列出。\n", DUES_GROUP_MIN);
	else if (nbr > 1) {
		buf_puts(
		    &b,
		    "\n| 党支部 | 应缴人数 | 应缴金额 | 实缴金额 | 收缴率 |\n|---|---:|---:|---:|---:|\n");
		for (size_t i = 0; i < nbr; i++) {
			int r = ledger_dues_rate(br[i].paid_fen, br[i].due_fen);
			buf_puts(&b, "| ");
			md_text(&b, *br[i].branch ? br[i].branch : "未填党支部"); /* a branch's name as typed */
			buf_printf(&b, " | %lld | %s | %s | %d.%d%% |\n", (long long)br[i].members,
			           money_format(br[i].due_fen, due, sizeof due),
			           money_format(br[i].paid_fen, paid, sizeof paid), r / 10, r % 10);
		}
	}
	buf_puts(&b, "\n党费收缴情况接受全体党员监督,如有疑问请与社区党组织联系。\n");
	const char *out = b.err || !b.data ? NULL : arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return out;
}

int ledger_dues_publish(struct db *db, struct arena *a, int64_t community_id, const char *span, int64_t by,
                        int64_t now, int64_t *post_id)
{
	char from[8], to[8];
	const char *name;
	*post_id = 0;
	if (ledger_dues_span(a, span, from, to, &name) < 0 || dues_lock(db, community_id) < 0 ||
	    ledger_dues_published(db, community_id, span, post_id) < 0)
		return -1;
	if (*post_id)
		return LEDGER_DUP_NAME;
	struct ledger_dues_sum s;
	struct ledger_dues_branch *br;
	size_t nbr;
	if (ledger_dues_summary(db, community_id, span, &s) < 0 ||
	    ledger_dues_branches(db, a, community_id, from, to, &br, &nbr) < 0)
		return -1;
	if (!s.members)
		return LEDGER_STATE;
	const char *title = arena_printf(a, "%s党费收缴情况", name);
	const char *body = title ? publish_body(a, name, &s, br, nbr) : NULL;
	if (!body)
		return -1;
	int rc = disclosure_draft_add(db, community_id, "dues", title, body, by, now, post_id);
	if (rc)
		return rc == 1 ? LEDGER_NOT_FOUND : -1;
	struct db_stmt *st = db_stmt(db, &q_publication_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, span, -1);
	db_bind_int(st, 3, *post_id);
	db_bind_int(st, 4, by);
	db_bind_int(st, 5, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

/* ---- demo ---- */

static struct db_query q_demo_bases = DB_QUERY(
    "UPDATE people_party_member SET dues_base_fen = CASE person_id % 4 WHEN 0 THEN 1000 WHEN 1 THEN 2000"
    " WHEN 2 THEN 3200 ELSE 5000 END, updated_at = ? WHERE community_id = ? AND dues_base_fen = 0"
    " AND status IN ('full', 'probationary')");
static struct db_query q_demo_members = DB_QUERY(
    "SELECT COUNT(*) FROM people_party_member WHERE community_id = ? AND status IN ('full', 'probationary')");

int ledger_dues_demo_bases(struct db *db, int64_t community_id, int64_t now, int64_t *members)
{
	struct db_stmt *st = db_stmt(db, &q_demo_members);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	*members = 0;
	if (db_one_int(st, members) < 0 || !(st = db_stmt(db, &q_demo_bases)))
		return -1;
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, community_id);
	return db_run(st) == DB_DONE ? 0 : -1;
}
