/* The activities' cards on a community's staff workbench: activities
 * ended in the last 60 days without a published report, and sign-ups to
 * phone (电话提醒) for activities in the next 3 days and the next 7. Each
 * one indexed query over the activities starting in a window; the street
 * workbench (c NULL) gets none. */
#include "modules/activities/activities_web.h"
#include "web/cards.h"
#include "web/link.h"

static struct db_query q_no_report = DB_QUERY(
    "SELECT COUNT(*) FROM activities_activity WHERE community_id = ? AND state = 'published' AND starts_at > ?"
    " AND starts_at < ? AND ends_at <= ? AND report_at IS NULL");
static struct db_query q_calls = DB_QUERY(
    "SELECT COALESCE(SUM(CASE WHEN starts_at < ? THEN needs_call ELSE 0 END), 0), COALESCE(SUM(needs_call), 0)"
    " FROM activities_activity WHERE community_id = ? AND state = 'published' AND starts_at >= ? AND starts_at < ?");

int act_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c)
		return 0;
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
	    workbench_card(w, "本周活动需电话提醒", soon ? 0 : week, url_c(r->a, c->slug, "/admin/activities/calls"),
			   "7 天内开始的活动中登记了电话提醒的报名", WB_NORMAL, NULL, 0) < 0)
		return -1;
	return 0;
}
