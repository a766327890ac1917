/* The volunteers module's table: routes, migrations, tables, hooks, audit
 * labels and its sections of a community's home page. */
#include "http/module.h"
#include "modules/volunteers/volunteers.h"
#include "modules/volunteers/volunteers_web.h"
#include "web/link.h"
#include "web/mine.h"

extern const struct embedded_file volunteers_migrations[];

#define STAFF ROLES_STAFF

static const struct route routes[] = {
    {METHOD_GET, "/c/{c}/volunteers/", vol_h_home, 0, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/volunteers/register", vol_h_register, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/ranking", vol_h_ranking, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/ranking.csv", vol_h_ranking_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/ranking.xlsx", vol_h_ranking_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/stars", vol_h_stars, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/stars.csv", vol_h_stars_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/stars.xlsx", vol_h_stars_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/projects/{}", vol_h_project, 0, 0},
    {METHOD_POST, "/c/{c}/volunteers/projects/{}/signup", vol_h_signup, 0, 0},
    {METHOD_POST, "/c/{c}/volunteers/projects/{}/cancel", vol_h_cancel, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/mine", vol_h_mine, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/mine.csv", vol_h_mine_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/mine.xlsx", vol_h_mine_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/mine/pass/{}", vol_h_pass, 0, ROUTE_NO_SNAPSHOT},
    {METHOD_GET, "/c/{c}/volunteers/shifts/{}", vol_h_shift, 0, 0},
    {METHOD_POST, "/c/{c}/volunteers/shifts/{}/signups", vol_h_shift_signup, 0, 0},
    {METHOD_POST, "/c/{c}/volunteers/shifts/{}/check", vol_h_check, 0, 0},
    {METHOD_POST, "/c/{c}/volunteers/shifts/{}/confirm", vol_h_confirm, 0, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/volunteers/shifts/{}/pass/{}", vol_h_scan, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/certificates/", vol_h_cert_lookup, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/certificates/{}", vol_h_cert_check, 0, 0},
    {METHOD_GET, "/api/v1/c/{c}/volunteers/projects", vol_h_api_projects, 0, ROUTE_API},
    {METHOD_GET, "/api/v1/c/{c}/volunteers/projects/{}", vol_h_api_project, 0, ROUTE_API},
    {METHOD_GET, "/c/{c}/admin/volunteers/", vol_h_admin, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/volunteers/certificates/{}", vol_h_cert_admin, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/volunteers/certificates/{}/certificate.pdf", vol_h_cert_pdf, STAFF,
     ROUTE_WORKER | ROUTE_SLOW | ROUTE_NO_SNAPSHOT},
    {METHOD_POST, "/c/{c}/admin/volunteers/certificates/{}/revoke", vol_h_cert_revoke, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/volunteers/pending", vol_h_pending, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/volunteers/today", vol_h_today, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/volunteers/projects/", vol_h_projects, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/volunteers/projects/projects.csv", vol_h_projects_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/volunteers/projects/projects.xlsx", vol_h_projects_export, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/volunteers/projects/new", vol_h_project_new, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/volunteers/projects/{}", vol_h_project_edit, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/volunteers/projects/{}/state", vol_h_project_state, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/volunteers/projects/{}/shifts", vol_h_shift_add, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/volunteers/volunteers.csv", vol_h_admin_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/volunteers/volunteers.xlsx", vol_h_admin_export, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/volunteers/new", vol_h_desk, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/volunteers/{}", vol_h_volunteer, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/volunteers/{}/full", vol_h_full, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/volunteers/{}/backfill", vol_h_backfill, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/volunteers/{}/certificates/new", vol_h_cert_new, STAFF, 0},
};

static const struct section sections[] = {
    {"志愿服务", "/volunteers/", "志愿服务项目报名、服务时长和志愿者荣誉", 0},
    {"志愿服务管理", "/admin/volunteers/", "志愿者登记、服务项目、签到签退和时长确认", ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const char *const tables[] = {"volunteers_volunteer", "volunteers_project", "volunteers_shift",
				     "volunteers_record",    "volunteers_correction", "volunteers_year",
				     "volunteers_certificate", "volunteers_certificate_record", NULL};

#define COMMUNITY_PARAM "{\"$ref\":\"#/components/parameters/Community\"}"
#define ERROR_404 "\"404\":{\"$ref\":\"#/components/responses/Error\"}"
#define PROJECT_PROPS                                                                                              \
	"\"id\":{\"type\":\"integer\"},\"title\":{\"type\":\"string\"},\"place\":{\"type\":\"string\"},"            \
	"\"organizer\":{\"type\":\"string\"},\"state\":{\"enum\":[\"recruiting\",\"ended\",\"cancelled\"]},"           \
	"\"state_label\":{\"type\":\"string\",\"examples\":[\"招募中\"]},\"shifts\":{\"type\":\"integer\"},"          \
	"\"places_left\":{\"type\":\"integer\",\"description\":\"各班次剩余名额之和\"}"

static const char openapi[] =
    "{\"/api/v1/c/{community}/volunteers/projects\":{\"get\":{\"summary\":\"社区正在招募的志愿服务项目\","
    "\"parameters\":[" COMMUNITY_PARAM ",{\"name\":\"page\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
    "\"minimum\":1}}],\"responses\":{\"200\":{\"description\":\"项目列表\",\"content\":{\"application/json\":{"
    "\"schema\":{\"type\":\"object\",\"properties\":{\"community\":{\"type\":\"object\"},\"page\":{\"type\":"
    "\"integer\"},\"has_next\":{\"type\":\"boolean\"},\"projects\":{\"type\":\"array\",\"items\":{\"type\":"
    "\"object\",\"properties\":{" PROJECT_PROPS "}}}}}}}},\"400\":{\"$ref\":\"#/components/responses/Error\"},"
    ERROR_404 "}}},"
    "\"/api/v1/c/{community}/volunteers/projects/{id}\":{\"get\":{\"summary\":\"一个志愿服务项目及其近期班次\","
    "\"parameters\":[" COMMUNITY_PARAM ",{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{"
    "\"type\":\"integer\",\"minimum\":1}}],\"responses\":{\"200\":{\"description\":\"项目\",\"content\":{"
    "\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{" PROJECT_PROPS ",\"description\":{"
    "\"type\":\"string\"},\"cancel_reason\":{\"type\":\"string\"},\"shifts\":{\"type\":\"array\",\"items\":{"
    "\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"starts_at\":{\"type\":\"string\","
    "\"format\":\"date-time\"},\"ends_at\":{\"type\":\"string\",\"format\":\"date-time\"},\"places\":{\"type\":"
    "\"integer\"},\"places_left\":{\"type\":\"integer\"}}}}}}}}}," ERROR_404 "}}}}";

static const struct audit_label audit_labels[] = {
    {"volunteers.register", "登记为志愿者"},
    {"volunteers.profile", "修改志愿者登记信息"},
    {"volunteers.desk_register", "代为登记志愿者"},
    {"volunteers.view_full", "查看志愿者完整信息"},
    {"volunteers.signup", "志愿服务报名"},
    {"volunteers.cancel", "取消志愿服务报名"},
    {"volunteers.desk_signup", "代为报名志愿服务"},
    {"volunteers.check_in", "志愿者签到"},
    {"volunteers.check_out", "志愿者签退"},
    {"volunteers.confirm", "确认服务时长"},
    {"volunteers.correct", "更正服务时长"},
    {"volunteers.backfill", "补录服务记录"},
    {"volunteers.project_add", "新建服务项目"},
    {"volunteers.project_edit", "修改服务项目"},
    {"volunteers.project_state", "服务项目状态"},
    {"volunteers.shift_add", "添加班次"},
    {"volunteers.certificate", "出具志愿服务证明"},
    {"volunteers.certificate_pdf", "下载志愿服务证明"},
    {"volunteers.certificate_revoke", "撤销志愿服务证明"},
    {"volunteers_certificate", "志愿服务证明"},
    {"volunteers_volunteer", "志愿者"},
    {"volunteers_record", "志愿服务记录"},
    {"volunteers_project", "服务项目"},
    {"volunteers_shift", "班次"},
    {NULL, NULL},
};

/* 我的: the visitor's volunteering here, with their confirmed hours. */
static int mine(struct req *r, struct mine *m)
{
	struct vol_volunteer v;
	int rc = vol_get_by_user(r->db, r->a, r->community->id, r->user->id, &v);
	if (rc < 0)
		return -1;
	if (rc == 0)
		mine_add(m, "我的志愿服务", url_c(r->a, r->community->slug, "/volunteers/mine"),
			 arena_printf(r->a, "累计确认服务 %s;报名的班次、签到凭证和服务记录都在这里",
				      vol_hours_text(r->a, v.minutes_total)));
	else
		mine_add(m, "志愿服务", url_c(r->a, r->community->slug, "/volunteers/"), "还没有登记成为志愿者,可在这里登记和报名");
	return 0;
}

const struct module volunteers_module = {
    .name = "volunteers",
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .migrations = volunteers_migrations,
    .tables = tables,
    .demo = vol_demo,
    .sections = sections,
    .audit_labels = audit_labels,
    .workbench = vol_workbench,
    .mine = mine,
    .openapi_paths = openapi,
};
