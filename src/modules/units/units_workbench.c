/* What needs doing in 共驻共建, on the community's staff workbench:
 * agreements in force ending within 60 days, and commitments past their
 * due date without full fulfilment (with their page). One indexed query a
 * card. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/date.h"
#include "modules/units/units_web.h"
#include "web/cards.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

static struct db_query q_ending = DB_QUERY(
    "SELECT COUNT(*) FROM units_agreement WHERE community_id = ? AND state = 'in_force' AND ends_on <= ?");
#define OVERDUE_WHERE                                                                                              \
	" FROM units_commitment c JOIN units_agreement g ON g.community_id = c.community_id AND g.id = c.agreement_id" \
	" WHERE c.community_id = ? AND c.due_on > '' AND c.due_on < ? AND g.state = 'in_force'"                       \
	" AND ((c.kind = 'money' AND c.done_fen < c.amount_fen) OR (c.kind <> 'money' AND c.done_quantity < c.quantity))"
static struct db_query q_overdue_count = DB_QUERY("SELECT COUNT(*)" OVERDUE_WHERE);
static struct db_query q_overdue = DB_QUERY(
    "SELECT c.id, c.agreement_id, c.unit_id, c.kind, c.promise, c.amount_fen, c.quantity, c.quantity_unit, c.due_on,"
    " c.period, c.done_fen, c.done_quantity, g.title" OVERDUE_WHERE " ORDER BY c.due_on, c.id LIMIT ? OFFSET ?");

/* Overdue commitments per community under an admin's unit (0: all). */
static struct db_query q_overdue_under = DB_QUERY(
    "SELECT o.id, o.slug, COUNT(*) FROM org_unit o JOIN org_unit s ON s.id = o.parent_id"
    " JOIN units_commitment c ON c.community_id = o.id AND c.due_on > '' AND c.due_on < ?2"
    " JOIN units_agreement g ON g.community_id = c.community_id AND g.id = c.agreement_id AND g.state = 'in_force'"
    " WHERE o.kind = 'community' AND (?1 = 0 OR o.id = ?1 OR s.id = ?1 OR s.parent_id = ?1)"
    " AND ((c.kind = 'money' AND c.done_fen < c.amount_fen) OR (c.kind <> 'money' AND c.done_quantity < c.quantity))"
    " GROUP BY o.id, o.slug ORDER BY o.id");

struct under_row {
	int64_t community_id, n;
	const char *slug;
};

static void under_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct under_row *u = slot;
	u->community_id = db_col_int(st, 0);
	u->slug = db_col_dup(st, 1, a);
	u->n = db_col_int(st, 2);
}

static void today_plus(int64_t now, int days, char out[11])
{
	date_format(date_add_days(date_from_time(now), days), out);
}

static int count(struct db *db, struct db_query *q, int64_t community_id, const char *day, int64_t *n)
{
	struct db_stmt *st = db_stmt(db, q);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, day, -1);
	return db_one_int(st, n) == 0 ? 0 : -1;
}

/* The street and district workbench: overdue commitments per community
 * (the communities table's column) and over all, from one grouped query. */
static int street_cards(struct req *r, struct workbench *w)
{
	int64_t unit = auth_admin_scope(r->user);
	if (unit < 0)
		return 0;
	char today[11];
	today_plus(r->now, 0, today);
	struct db_stmt *st = db_stmt(r->db, &q_overdue_under);
	if (!st)
		return -1;
	db_bind_int(st, 1, unit);
	db_bind_text(st, 2, today, -1);
	struct under_row *u;
	size_t n;
	if (db_rows(st, r->a, sizeof *u, 100000, (void **)&u, &n, under_from_row) < 0)
		return -1;
	int64_t all = 0;
	for (size_t i = 0; i < n; i++) {
		all += u[i].n;
		struct wb_card card = {.title = "共建承诺逾期", .count = u[i].n, .urgency = WB_OVERDUE,
				       .community_id = u[i].community_id};
		if (workbench_add(w, &card) < 0)
			return -1;
	}
	return workbench_card(w, "共建承诺逾期未完成", all, n ? url_c(r->a, u[0].slug, "/admin/units/overdue") : NULL,
			      arena_printf(r->a, "涉及 %zu 个社区,见下表", n), WB_OVERDUE, NULL, 0);
}

int units_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c)
		return street_cards(r, w);
	char soon[11], today[11];
	today_plus(r->now, 60, soon);
	today_plus(r->now, 0, today);
	int64_t ending, overdue;
	if (count(r->db, &q_ending, c->id, soon, &ending) < 0 || count(r->db, &q_overdue_count, c->id, today, &overdue) < 0)
		return -1;
	if (workbench_card(w, "共建协议即将到期", ending, url_c(r->a, c->slug, "/admin/units/agreements/?state=in_force"),
			   "履行中的共建协议将在 60 天内到期,请做好总结和续签", WB_SOON, NULL, 0) < 0)
		return -1;
	return workbench_card(w, "共建承诺逾期未完成", overdue, url_c(r->a, c->slug, "/admin/units/overdue"),
			      "已过完成期限、尚未完全履行的承诺事项", WB_OVERDUE, NULL, 0);
}

struct overdue_row {
	struct units_commitment c;
	const char *title;
};

static void overdue_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct overdue_row *o = slot;
	memset(o, 0, sizeof *o);
	o->c.id = db_col_int(st, 0);
	o->c.agreement_id = db_col_int(st, 1);
	o->c.unit_id = db_col_int(st, 2);
	o->c.kind = units_ckind_from(db_col_text(st, 3));
	o->c.promise = db_col_dup(st, 4, a);
	o->c.amount_fen = db_col_int(st, 5);
	o->c.quantity = db_col_int(st, 6);
	o->c.quantity_unit = db_col_dup(st, 7, a);
	snprintf(o->c.due_on, sizeof o->c.due_on, "%s", db_col_text(st, 8));
	o->c.period = db_col_dup(st, 9, a);
	o->c.done_fen = db_col_int(st, 10);
	o->c.done_quantity = db_col_int(st, 11);
	o->title = db_col_dup(st, 12, a);
}

static const struct tcol cols[] = {{"协议", TCOL_ROWHEAD, NULL}, {"承诺内容", 0, NULL}, {"完成期限", 0, NULL},
				   {"履行情况", 0, NULL}};

static void rows(struct table *t, struct req *r, const struct overdue_row *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_link(t, url_c_id(r->a, r->community->slug, "/admin/units/agreements/", o[i].c.agreement_id, NULL),
			   o[i].title);
		table_text(t, units_promise_text(r->a, &o[i].c));
		table_text(t, o[i].c.due_on);
		table_text(t, units_progress(r->a, &o[i].c));
	}
}

/* /admin/units/overdue (and .csv, .xlsx): the commitments past due without
 * full fulfilment, the longest overdue first. */
enum http_result units_h_overdue(struct req *r)
{
	const char *fmt = export_format(r->path);
	int64_t page, offset, limit;
	int rc = units_page_window(r, fmt != NULL, &page, &offset, &limit);
	if (rc)
		return rc;
	char today[11];
	today_plus(r->now, 0, today);
	struct db_stmt *st = db_stmt(r->db, &q_overdue);
	if (!st)
		return HR_ERROR;
	db_bind_int(st, 1, r->community->id);
	db_bind_text(st, 2, today, -1);
	db_bind_int(st, 3, limit);
	db_bind_int(st, 4, offset);
	struct overdue_row *o;
	size_t n;
	if (db_rows(st, r->a, sizeof *o, (size_t)limit, (void **)&o, &n, overdue_from_row) < 0)
		return HR_ERROR;
	struct table t;
	if (fmt) {
		struct export_table x;
		if (table_begin_export(&t, r->a, &x, arena_printf(r->a, "%s逾期未完成的承诺事项", r->community->name), cols,
				       4) < 0)
			return req_error(r, "out of request memory for the export");
		rows(&t, r, o, n);
		if (table_end(&t) < 0)
			return req_error(r, "out of request memory for the export");
		return export_send(r, &x, fmt);
	}
	int has_next = n > UNITS_PER_PAGE;
	if (has_next)
		n = UNITS_PER_PAGE;
	struct buf *b = r->out;
	page_begin(r, "逾期未完成的承诺事项");
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/admin/units/", "共驻共建管理");
	H(b, "</p><h1>逾期未完成的承诺事项</h1><p class=\"lead\">履行中的共建协议里,已过完成期限、尚未完全履行的承诺。</p>");
	table_begin(&t, b, NULL, "逾期未完成的承诺事项", cols, 4, TABLE_CARDS, "没有逾期未完成的承诺事项。");
	rows(&t, r, o, n);
	table_end(&t);
	page_pager(r, page, has_next);
	export_links(r, NULL);
	page_end(r);
	return HR_OK;
}
