/* The time bank module's table (时间银行): routes, migrations, tables,
 * hooks, the workbench card and OpenAPI paths. Its public page sits under
 * the volunteers' pages (/c/<slug>/volunteers/timebank/), its staff pages
 * under /c/<slug>/admin/timebank/. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "http/module.h"
#include "modules/timebank/timebank.h"
#include "modules/timebank/timebank_internal.h"
#include "modules/timebank/timebank_web.h"
#include "web/cards.h"
#include "web/link.h"
#include "web/mine.h"

extern const struct embedded_file timebank_migrations[];
int tb_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

#define STAFF ROLES_STAFF

static const struct route routes[] = {
    {METHOD_GET, "/c/{c}/volunteers/timebank/", tb_h_summary, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/timebank/mine", tb_h_mine, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/timebank/mine.csv", tb_h_mine_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/timebank/mine.xlsx", tb_h_mine_export, 0, 0},
    {METHOD_POST, "/c/{c}/volunteers/timebank/mine/open", tb_h_mine_open, 0, 0},
    {METHOD_POST, "/c/{c}/volunteers/timebank/mine/report", tb_h_mine_report, 0, 0},
    {METHOD_POST, "/c/{c}/volunteers/timebank/mine/donate", tb_h_mine_donate, 0, 0},
    {METHOD_GET, "/api/v1/c/{c}/timebank/summary", tb_h_api_summary, 0, ROUTE_API},
    {METHOD_GET, "/c/{c}/admin/timebank/", tb_h_admin, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/timebank/timebank.csv", tb_h_admin_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/timebank/timebank.xlsx", tb_h_admin_export, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/timebank/new", tb_h_open, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/timebank/settings", tb_h_cap, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/timebank/reports/", tb_h_reports, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/timebank/reports/reports.csv", tb_h_reports_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/timebank/reports/reports.xlsx", tb_h_reports_export, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/timebank/reports/{}/confirm", tb_h_report_confirm, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/timebank/reports/{}/refuse", tb_h_report_refuse, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/timebank/moves/{}/reverse", tb_h_reverse, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/timebank/{}/move", tb_h_move, STAFF, 0},
    /* The full name and mobile: GET asks why, POST writes the audit row and shows them. */
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/timebank/{}/contact", tb_h_contact, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/timebank/{}/state", tb_h_state, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/timebank/{}/moves.csv", tb_h_account_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/timebank/{}/moves.xlsx", tb_h_account_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/timebank/{}", tb_h_account, STAFF, 0},
};

static const char openapi[] =
    "{\"/api/v1/c/{community}/timebank/"
    "summary\":{\"get\":{\"summary\":\"时间银行今年的公开统计(不含任何个人信息)\","
    "\"parameters\":[{\"$ref\":\"#/components/parameters/"
    "Community\"}],\"responses\":{\"200\":{\"description\":"
    "\"开户数、每户上限,今年按服务内容的存入和支取(分钟)\",\"content\":{\"application/json\":{\"schema\":{"
    "\"type\":\"object\",\"properties\":{\"community\":{\"$ref\":\"#/components/schemas/OrgRef\"},"
    "\"year\":{\"type\":\"integer\"},\"accounts\":{\"type\":\"integer\"},\"cap_minutes\":{\"type\":"
    "\"integer\"},"
    "\"deposited_minutes\":{\"type\":\"integer\"},\"drawn_minutes\":{\"type\":\"integer\"},"
    "\"services\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
    "\"service\":{\"type\":\"string\"},\"deposited_minutes\":{\"type\":\"integer\"},"
    "\"drawn_minutes\":{\"type\":\"integer\"},\"deposits\":{\"type\":\"integer\"},"
    "\"withdrawals\":{\"type\":\"integer\"}}}}}}}}},"
    "\"404\":{\"$ref\":\"#/components/responses/Error\"}}}}}";

static const struct section sections[] = {
    {"时间银行", "/volunteers/timebank/", "为老人服务的时间存起来,将来需要时再用;规则和全社区的存取情况", 0},
    {"时间银行管理", "/admin/timebank/", "时间银行开户、存入、支取、转赠和冲正,确认居民申报的服务",
     ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const char *const tables[] = {"timebank_setting", "timebank_account", "timebank_move",
                                     "timebank_year",    "timebank_report",  NULL};

static const struct audit_label audit_labels[] = {
    {"timebank.open", "时间银行窗口开户"},     {"timebank.open_self", "居民开通时间银行账户"},
    {"timebank.deposit", "时间银行存入"},      {"timebank.withdraw", "时间银行支取"},
    {"timebank.transfer_out", "时间银行转赠"}, {"timebank.donate", "居民转赠时间"},
    {"timebank.reverse", "时间银行冲正"},      {"timebank.state", "更改时间银行账户状态"},
    {"timebank.cap", "更改时间银行每户上限"},  {"timebank.view_contact", "查看时间银行户主姓名和手机号"},
    {"timebank.report", "居民申报服务时长"},   {"timebank.confirm", "确认居民申报并存入"},
    {"timebank.refuse", "退回居民申报"},       {"timebank_account", "时间银行账户"},
    {"timebank_move", "时间银行记录"},         {"timebank_report", "时间银行申报"},
    {"timebank_setting", "时间银行设置"},      {NULL, NULL},
};

/* Pending reports per community under an admin's unit (0: all): one
 * grouped read, each community's count by the reports' state index. */
static struct db_query q_pending_under =
    DB_QUERY("SELECT o.id, o.slug, COUNT(*) FROM org_unit o JOIN org_unit s ON s.id = o.parent_id"
             " JOIN timebank_report t ON t.community_id = o.id AND t.state = 'pending'"
             " WHERE o.kind = 'community' AND (?1 = 0 OR o.id = ?1 OR s.id = ?1 OR s.parent_id = ?1)"
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

/* The street and district workbench: pending reports per community (the
 * communities table's column) and their sum, leading to the first one's list. */
static int street_cards(struct req *r, struct workbench *w)
{
	int64_t unit = auth_admin_scope(r->user);
	if (unit < 0)
		return 0;
	struct db_stmt *st = db_stmt(r->db, &q_pending_under);
	if (!st)
		return -1;
	db_bind_int(st, 1, unit);
	struct under_row *u;
	size_t n;
	if (db_rows(st, r->a, sizeof *u, 100000, (void **)&u, &n, under_from_row) < 0)
		return -1;
	int64_t all = 0;
	for (size_t i = 0; i < n; i++) {
		all += u[i].n;
		struct wb_card card = {.title = "时间银行待确认",
		                       .count = u[i].n,
		                       .urgency = WB_TODO,
		                       .community_id = u[i].community_id};
		if (workbench_add(w, &card) < 0)
			return -1;
	}
	return workbench_card(w, "时间银行待确认的存入", all,
	                      n ? url_c(r->a, u[0].slug, "/admin/timebank/reports/") : NULL,
	                      arena_printf(r->a, "涉及 %zu 个社区,见下表", n), WB_TODO, NULL, 0);
}

/* 待确认的存入: residents' reports waiting for staff. */
static int workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c)
		return street_cards(r, w);
	int64_t n;
	if (tb_reports_pending(r->db, c->id, &n) < 0)
		return -1;
	return workbench_card(w, "待确认的存入", n, url_c(r->a, c->slug, "/admin/timebank/reports/"),
	                      "居民申报的时间银行服务时长,核实后确认存入或退回", WB_TODO, NULL, 0);
}

/* 我的: the visitor's time bank account here, with its balance. */
static int mine(struct req *r, struct mine *m)
{
	struct tb_account ac;
	int rc = tb_account_of_user(r->db, r->a, r->community->id, r->user->id, &ac);
	if (rc < 0)
		return -1;
	struct tb_report *rep;
	size_t nrep = 0;
	if (rc == 0 && tb_reports(r->db, r->a, r->community->id, ac.id, TR_PENDING, 0, 20, &rep, &nrep) < 0)
		return -1;
	mine_add(m, "我的时间银行", url_c(r->a, r->community->slug, "/volunteers/timebank/mine"),
		 rc == 0 ? arena_printf(r->a, "余额 %s%s", tb_minutes_text(r->a, ac.balance),
					nrep ? arena_printf(r->a, ";%zu 份申报等待社区确认", nrep) : "")
			 : "还没有开户:为老人服务的时间可以存起来,将来需要时再用");
	return 0;
}

const struct module timebank_module = {
    .name = "timebank",
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .migrations = timebank_migrations,
    .tables = tables,
    .demo = tb_demo,
    .sections = sections,
    .audit_labels = audit_labels,
    .workbench = workbench,
    .mine = mine,
    .openapi_paths = openapi,
};
