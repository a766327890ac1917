/* What needs doing in 社区组织: join applications waiting for a decision,
 * on the community's staff workbench (the kept counts of its
 * organizations, one indexed query), for a leader the applications to the
 * organizations the account leads (one query over its memberships), and a
 * column of the street and district workbench (one grouped query). */
#include <string.h>

#include "auth/auth.h"
#include "modules/orgs/orgs_web.h"
#include "web/cards.h"
#include "web/link.h"

static struct db_query q_pending = DB_QUERY(
    "SELECT COALESCE(SUM(pending), 0) FROM orgs_org WHERE community_id = ? AND state = 'active'");
static struct db_query q_led = DB_QUERY(
    "SELECT o.id, o.pending FROM orgs_member m JOIN orgs_org o ON o.community_id = m.community_id AND o.id = m.org_id"
    " WHERE m.user_id = ? AND m.community_id = ? AND m.state = 'active' AND m.role IN ('leader', 'deputy')"
    " AND o.pending > 0 ORDER BY o.id LIMIT 20");
static struct db_query q_under = DB_QUERY(
    "SELECT o.id, o.slug, SUM(g.pending) FROM org_unit o JOIN org_unit s ON s.id = o.parent_id"
    " JOIN orgs_org g ON g.community_id = o.id AND g.state = 'active'"
    " WHERE o.kind = 'community' AND (?1 = 0 OR o.id = ?1 OR s.id = ?1 OR s.parent_id = ?1)"
    " GROUP BY o.id, o.slug HAVING SUM(g.pending) > 0 ORDER BY o.id");

struct led {
	int64_t id, pending;
};

static void led_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct led *l = slot;
	l->id = db_col_int(st, 0);
	l->pending = db_col_int(st, 1);
}

struct under {
	int64_t community_id, n;
	const char *slug;
};

static void under_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct under *u = slot;
	u->community_id = db_col_int(st, 0);
	u->slug = db_col_dup(st, 1, a);
	u->n = db_col_int(st, 2);
}

static int street_cards(struct req *r, struct workbench *w)
{
	int64_t unit = auth_admin_scope(r->user);
	if (unit < 0)
		return 0;
	struct db_stmt *st = db_stmt(r->db, &q_under);
	if (!st)
		return -1;
	db_bind_int(st, 1, unit);
	struct under *u;
	size_t n;
	if (db_rows(st, r->a, sizeof *u, 1000, (void **)&u, &n, under_from_row) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct wb_card card = {.title = "组织入会待审核", .count = u[i].n, .urgency = WB_TODO,
				       .community_id = u[i].community_id};
		if (workbench_add(w, &card) < 0)
			return -1;
	}
	return 0;
}

int orgs_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c)
		return street_cards(r, w);
	if (req_has_role(r, ROLES_STAFF)) {
		struct db_stmt *st = db_stmt(r->db, &q_pending);
		if (!st)
			return -1;
		db_bind_int(st, 1, c->id);
		int64_t n = 0;
		if (db_one_int(st, &n) < 0)
			return -1;
		return workbench_card(w, "组织入会待审核", n, url_c(r->a, c->slug, "/admin/orgs/"),
				      "居民申请加入社区组织,由组织负责人或社区工作人员审核", WB_TODO, NULL, 0);
	}
	if (!r->user)
		return 0;
	struct db_stmt *st = db_stmt(r->db, &q_led);
	if (!st)
		return -1;
	db_bind_int(st, 1, r->user->id);
	db_bind_int(st, 2, c->id);
	struct led *l;
	size_t n;
	if (db_rows(st, r->a, sizeof *l, 20, (void **)&l, &n, led_from_row) < 0)
		return -1;
	int64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += l[i].pending;
	return workbench_card(w, "我负责的组织有入会申请", total,
			      n ? url_c_id(r->a, c->slug, "/orgs/", l[0].id, "/manage?state=pending") : NULL,
			      "请审核居民的入会申请", WB_TODO, NULL, 0);
}
