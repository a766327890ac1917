/* The time bank module's table (时间银行): routes, migrations, tables,
 * hooks, the workbench card and OpenAPI paths. Its public page sits under
 * the volunteers' pages (/c/<slug>/volunteers/timebank/), its staff pages
 * under /c/<slug>/admin/timebank/. */
#include <stdio.h>
#include <string.h>

#include "http/module.h"
#include "modules/timebank/timebank.h"
#include "modules/timebank/timebank_internal.h"
#include "modules/timebank/timebank_web.h"
#include "web/cards.h"
#include "web/link.h"

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

/* 待确认的存入: residents' reports waiting for staff. */
static int workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c)
		return 0;
	int64_t n;
	if (tb_reports_pending(r->db, c->id, &n) < 0)
		return -1;
	return workbench_card(w, "待确认的存入", n, url_c(r->a, c->slug, "/admin/timebank/reports/"),
	                      "居民申报的时间银行服务时长,核实后确认存入或退回", WB_TODO, NULL, 0);
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
    .openapi_paths = openapi,
};
