/* The activities' cards on a community's staff workbench: activities
 * ended in the last 60 days without a published report, and sign-ups to
 * phone (电话提醒) for activities in the next 3 days and the next 7. Each
 * one indexed query over the activities starting in a window. On the
 * street and district workbench (c NULL): the same counts for each
 * community the visitor oversees, in one grouped query, and an overview
 * card of each. */
#include "auth/auth.h"
#include "modules/activities/activities_web.h"
#include "web/cards.h"
#include "web/link.h"

static struct db_query q_no_report = DB_QUERY(
    "SELECT COUNT(*) FROM activities_activity WHERE community_id = ? AND state = 'published' AND starts_at > ?"
    " AND starts_at < ? AND ends_at <= ? AND report_at IS NULL");
static struct db_query q_calls = DB_QUERY(
    "SELECT COALESCE(SUM(CASE WHEN starts_at < ? THEN needs_call ELSE 0 END), 0), COALESCE(SUM(needs_call), 0)"
    " FROM activities_activity WHERE community_id = ? AND state = 'published' AND starts_at >= ? AND starts_at < ?");

static struct db_query q_under = DB_QUERY(
    "SELECT c.id, c.slug,"
    " COALESCE(SUM(CASE WHEN a.ends_at <= ?2 AND a.report_at IS NULL THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN a.starts_at >= ?2 THEN a.needs_call ELSE 0 END), 0)"
    " FROM org_unit c JOIN org_unit s ON s.id = c.parent_id"
    " JOIN activities_activity a ON a.community_id = c.id AND a.state = 'published' AND a.starts_at > ?3"
    " AND a.starts_at < ?4"
    " WHERE c.kind = 'community' AND (?1 = 0 OR c.id = ?1 OR s.id = ?1 OR s.parent_id = ?1)"
    " GROUP BY c.id, c.slug ORDER BY c.id");

/* The street and district workbench: a card of each kind per community
 * (its column in the communities table) and an overview card leading to
 * the first community that has one. */
static int street_cards(struct req *r, struct workbench *w)
{
	int64_t unit = auth_admin_scope(r->user);
	if (unit < 0)
		return 0;
	struct db_stmt *st = db_stmt(r->db, &q_under);
	if (!st)
		return -1;
	db_bind_int(st, 1, unit);
	db_bind_int(st, 2, r->now);
	db_bind_int(st, 3, r->now - 60 * 86400);
	db_bind_int(st, 4, r->now + 3 * 86400);
	int64_t reports = 0, calls = 0;
	const char *first_report = NULL, *first_call = NULL;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0), nr = db_col_int(st, 2), nc = db_col_int(st, 3);
		const char *slug = db_col_text(st, 1);
		if (nr && !first_report)
			first_report = url_c(r->a, slug, "/admin/activities/");
		if (nc && !first_call)
			first_call = url_c(r->a, slug, "/admin/activities/calls");
		reports += nr;
		calls += nc;
		struct wb_card cards[] = {
		    {.title = "活动待写回顾", .count = nr, .urgency = WB_TODO, .community_id = id},
		    {.title = "3 天内活动需电话提醒", .count = nc, .urgency = WB_SOON, .community_id = id},
		};
		for (size_t k = 0; k < sizeof cards / sizeof *cards; k++)
			if (cards[k].count && workbench_add(w, &cards[k]) < 0) {
				db_reset(st);
				return -1;
			}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return -1;
	if (workbench_card(w, "活动待写回顾", reports, first_report, "各社区已结束、尚未发布回顾的活动,见下表", WB_TODO,
			   NULL, 0) < 0 ||
	    workbench_card(w, "3 天内活动需电话提醒", calls, first_call, "各社区登记了电话提醒的报名,见下表", WB_SOON,
			   NULL, 0) < 0)
		return -1;
	return 0;
}

int act_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c)
		return street_cards(r, w);
	struct db_stmt *st = db_stmt(r->db, &q_no_report);
	int64_t n = 0, soon = 0, week = 0;
	if (!st)
		return -1;
	db_bind_int(st, 1, c->id);
	db_bind_int(st, 2, r->now - 60 * 86400);
	db_bind_int(st, 3, r->now);
	db_bind_int(st, 4, r->now);
	if (db_one_int(st, &n) < 0 || !(st = db_stmt(r->db, &q_calls)))
		return -1;
	db_bind_int(st, 1, r->now + 3 * 86400);
	db_bind_int(st, 2, c->id);
	db_bind_int(st, 3, r->now);
	db_bind_int(st, 4, r->now + 7 * 86400);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		soon = db_col_int(st, 0);
		week = db_col_int(st, 1);
	}
	db_reset(st);
	if (rc != DB_ROW)
		return -1;
	if (workbench_card(w, "活动待写回顾", n, url_c(r->a, c->slug, "/admin/activities/"),
			   "活动已结束,请写简短回顾并上传照片", WB_TODO, NULL, 0) < 0 ||
	    workbench_card(w, "3 天内活动需电话提醒", soon, url_c(r->a, c->slug, "/admin/activities/calls"),
			   "没有智能手机的居民,请打电话提醒参加", WB_SOON, NULL, 0) < 0 ||
	    workbench_card(w, "本周活动需电话提醒", soon ? 0 : week, url_c(r->a, c->slug, "/admin/activities/calls?days=7"),
			   "7 天内开始的活动中登记了电话提醒的报名", WB_NORMAL, NULL, 0) < 0)
		return -1;
	return 0;
}
