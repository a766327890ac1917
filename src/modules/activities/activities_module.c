/* The activities module's table: routes, migrations, tables, hooks,
 * OpenAPI paths and its sections of a community's home page. */
#include <stdio.h>
#include <string.h>

#include "http/module.h"
#include "modules/activities/activities.h"
#include "modules/activities/activities_web.h"
#include "web/link.h"
#include "web/mine.h"

extern const struct embedded_file activities_migrations[];
int act_workbench(struct req *r, const struct community *c, struct workbench *w);

#define STAFF ROLES_STAFF

static const struct route routes[] = {
    {METHOD_GET, "/c/{c}/activities.ics", act_h_feed, 0, 0},
    {METHOD_GET, "/c/{c}/activities/", act_h_list, 0, 0},
    {METHOD_GET, "/c/{c}/activities/activities.csv", act_h_export, 0, 0},
    {METHOD_GET, "/c/{c}/activities/activities.xlsx", act_h_export, 0, 0},
    {METHOD_GET, "/c/{c}/activities/mine", act_h_mine, 0, 0},
    {METHOD_GET, "/c/{c}/activities/mine.csv", act_h_mine_export, 0, 0},
    {METHOD_GET, "/c/{c}/activities/mine.xlsx", act_h_mine_export, 0, 0},
    {METHOD_GET, "/c/{c}/activities/reports", act_h_reports, 0, 0},
    {METHOD_GET, "/c/{c}/activities/reports.csv", act_h_reports_export, 0, 0},
    {METHOD_GET, "/c/{c}/activities/reports.xlsx", act_h_reports_export, 0, 0},
    {METHOD_GET, "/c/{c}/activities/{}", act_h_activity, 0, 0},
    {METHOD_POST, "/c/{c}/activities/{}/signup", act_h_signup, 0, 0},
    {METHOD_POST, "/c/{c}/activities/{}/cancel", act_h_cancel_mine, 0, 0},
    {METHOD_GET, "/c/{c}/activities/{}/photos/{}", act_h_photo, 0, 0},
    {METHOD_GET, "/api/v1/c/{c}/activities", act_h_api_list, 0, ROUTE_API},
    {METHOD_GET, "/api/v1/c/{c}/activities/{}", act_h_api_one, 0, ROUTE_API},
    {METHOD_GET, "/c/{c}/admin/activities/", act_h_admin, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/activities/activities.csv", act_h_admin_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/activities/activities.xlsx", act_h_admin_export, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/activities/new", act_h_new, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/activities/calls", act_h_calls, STAFF, ROUTE_NO_SNAPSHOT},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/activities/{}", act_h_edit, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/activities/{}/publish", act_h_publish, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/activities/{}/cancel", act_h_cancel, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/activities/{}/signups", act_h_signups, STAFF, ROUTE_NO_SNAPSHOT},
    {METHOD_GET, "/c/{c}/admin/activities/{}/signups.csv", act_h_signups_export, STAFF, ROUTE_NO_SNAPSHOT},
    {METHOD_GET, "/c/{c}/admin/activities/{}/signups.xlsx", act_h_signups_export, STAFF, ROUTE_NO_SNAPSHOT},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/activities/{}/signups/new", act_h_desk, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/activities/{}/signups/{}/cancel", act_h_signup_cancel, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/activities/{}/attendance", act_h_attendance, STAFF, ROUTE_NO_SNAPSHOT},
    {METHOD_POST, "/c/{c}/admin/activities/{}/attendance/{}", act_h_check_in, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/activities/{}/report", act_h_report, STAFF, 0},
};

static const struct section sections[] = {
    {"社区活动", "/activities/", "节日活动、文体活动、居民学校和培训,在线报名", 0},
    {"活动管理", "/admin/activities/", "发布活动、代报名、签到、电话提醒和活动回顾", ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const char *const tables[] = {"activities_activity", "activities_signup", "activities_photo", NULL};

#define COMMUNITY_PARAM "{\"$ref\":\"#/components/parameters/Community\"}"
#define ERROR_404 "\"404\":{\"$ref\":\"#/components/responses/Error\"}"
#define LINE_PROPS                                                                                                 \
	"\"id\":{\"type\":\"integer\"},\"kind\":{\"enum\":[\"festival\",\"culture\",\"school\",\"youth\",\"skills\"," \
	"\"reading\",\"volunteer\",\"other\"]},\"kind_label\":{\"type\":\"string\",\"examples\":[\"节日活动\"]},"       \
	"\"title\":{\"type\":\"string\"},\"place\":{\"type\":\"string\"},"                                            \
	"\"starts_at\":{\"type\":\"string\",\"format\":\"date-time\"},\"ends_at\":{\"type\":\"string\","              \
	"\"format\":\"date-time\"},\"signup_closes_at\":{\"type\":\"string\",\"format\":\"date-time\"},"             \
	"\"capacity\":{\"type\":\"integer\",\"description\":\"名额;0 为不限\"},\"confirmed\":{\"type\":\"integer\"},"  \
	"\"waitlisted\":{\"type\":\"integer\"},\"state\":{\"enum\":[\"published\",\"cancelled\"]}"

static const char openapi[] =
    "{\"/api/v1/c/{community}/activities\":{\"get\":{\"summary\":\"社区的近期或往期活动(已发布)\","
    "\"parameters\":[" COMMUNITY_PARAM ",{\"name\":\"when\",\"in\":\"query\",\"schema\":{\"enum\":[\"past\"]},"
    "\"description\":\"past:往期;不填为近期\"},{\"name\":\"kind\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}},"
    "{\"name\":\"page\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1}}],"
    "\"responses\":{\"200\":{\"description\":\"活动列表\",\"content\":{\"application/json\":{\"schema\":{"
    "\"type\":\"object\",\"properties\":{\"community\":{\"type\":\"object\"},\"page\":{\"type\":\"integer\"},"
    "\"has_next\":{\"type\":\"boolean\"},\"activities\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
    "\"properties\":{" LINE_PROPS "}}}}}}}},\"400\":{\"$ref\":\"#/components/responses/Error\"}," ERROR_404 "}}},"
    "\"/api/v1/c/{community}/activities/{id}\":{\"get\":{\"summary\":\"一个活动\",\"parameters\":[" COMMUNITY_PARAM
    ",{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"integer\",\"minimum\":1}}],"
    "\"responses\":{\"200\":{\"description\":\"活动\",\"content\":{\"application/json\":{\"schema\":{"
    "\"type\":\"object\",\"properties\":{" LINE_PROPS ",\"organizer\":{\"type\":\"string\"},"
    "\"audience\":{\"type\":\"string\"},\"min_age\":{\"type\":\"integer\"},\"description\":{\"type\":\"string\"},"
    "\"cancel_reason\":{\"type\":\"string\"},\"report\":{\"type\":[\"string\",\"null\"]}}}}}}," ERROR_404 "}}}}";

static const struct audit_label audit_labels[] = {
    {"activities.add", "新建活动"},
    {"activities.edit", "修改活动"},
    {"activities.publish", "发布活动"},
    {"activities.cancel", "取消活动"},
    {"activities.signup", "活动报名"},
    {"activities.desk_signup", "代报名"},
    {"activities.signup_cancel", "取消活动报名"},
    {"activities.signups_full", "查看报名名单完整信息"},
    {"activities.signups_export_full", "导出报名名单完整信息"},
    {"activities.attendance_view", "查看签到名单"},
    {"activities.check_in", "活动签到"},
    {"activities.calls_view", "查看电话提醒名单"},
    {"activities.report", "活动回顾"},
    {"activities_activity", "活动"},
    {"activities_signup", "活动报名"},
    {NULL, NULL},
};

/* 我的: the visitor's sign-ups of activities not yet over, the next named. */
static int mine(struct req *r, struct mine *m)
{
	struct act_mine *v;
	size_t n;
	if (act_mine(r->db, r->a, r->community->id, r->user->id, r->now, 100, &v, &n) < 0)
		return -1;
	const char *line = NULL;
	if (n) {
		struct ymd d = date_from_time(v[0].act.starts_at);
		line = arena_printf(r->a, "%zu 个活动未结束%s;最近:%d月%d日 %s", n, n == 100 ? "以上" : "", d.m, d.d,
				    v[0].act.title);
	}
	mine_add(m, "我的活动报名", url_c(r->a, r->community->slug, "/activities/mine"), line);
	return 0;
}

const struct module activities_module = {
    .name = "activities",
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .migrations = activities_migrations,
    .tables = tables,
    .demo = act_demo,
    .openapi_paths = openapi,
    .sections = sections,
    .audit_labels = audit_labels,
    .workbench = act_workbench,
    .mine = mine,
};
