/* The facilities module's table: routes, migrations, tables, hooks, the
 * workbench cards and OpenAPI paths. */
#include <stdio.h>
#include <string.h>

#include "http/module.h"
#include "modules/facilities/facilities_web.h"
#include "auth/auth.h"
#include "web/cards.h"
#include "web/link.h"
#include "web/mine.h"

extern const struct embedded_file facilities_migrations[];

#define STAFF ROLES_STAFF

static const struct route routes[] = {
    {METHOD_GET, "/c/{c}/facilities/", facilities_h_list, 0, 0},
    /* before {} below */
    {METHOD_GET, "/c/{c}/facilities/facilities.csv", facilities_h_list_export, 0, 0},
    {METHOD_GET, "/c/{c}/facilities/facilities.xlsx", facilities_h_list_export, 0, 0},
    {METHOD_GET, "/c/{c}/facilities/mine", facilities_h_mine, 0, 0},
    {METHOD_GET, "/c/{c}/facilities/mine.csv", facilities_h_mine_export, 0, 0},
    {METHOD_GET, "/c/{c}/facilities/mine.xlsx", facilities_h_mine_export, 0, 0},
    {METHOD_POST, "/c/{c}/facilities/mine/{}/cancel", facilities_h_cancel, 0, 0},
    {METHOD_GET, "/c/{c}/facilities/{}", facilities_h_facility, 0, 0},
    {METHOD_POST, "/c/{c}/facilities/{}/book", facilities_h_book, 0, 0},
    {METHOD_GET, "/api/v1/c/{c}/facilities", facilities_h_api_list, 0, ROUTE_API},
    {METHOD_GET, "/api/v1/c/{c}/facilities/{}", facilities_h_api_facility, 0, ROUTE_API},
    {METHOD_GET, "/c/{c}/admin/facilities/", facilities_h_admin, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/facilities/new", facilities_h_facility_new, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/facilities/facilities.csv", facilities_h_list_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/facilities/facilities.xlsx", facilities_h_list_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/facilities/bookings", facilities_h_bookings, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/facilities/bookings.csv", facilities_h_bookings_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/facilities/bookings.xlsx", facilities_h_bookings_export, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/facilities/bookings/{}", facilities_h_booking, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/facilities/bookings/{}/approve", facilities_h_approve, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/facilities/bookings/{}/refuse", facilities_h_refuse, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/facilities/bookings/{}/cancel", facilities_h_staff_cancel, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/facilities/bookings/{}/no_show", facilities_h_no_show, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/facilities/{}/book", facilities_h_desk, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/facilities/{}", facilities_h_facility_edit, STAFF, 0},
};

static const struct section sections[] = {
    {"场地预约", "/facilities/", "活动室、会议室、文体设施的开放时间和预约", 0},
    {"场地与预约管理", "/admin/facilities/", "登记场地和开放时间,审批、代订和取消预约", ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const char *const tables[] = {"facilities_facility", "facilities_hours", "facilities_booking", NULL};

#define COMMUNITY_PARAM "{\"$ref\":\"#/components/parameters/Community\"}"
#define ERROR_404 "\"404\":{\"$ref\":\"#/components/responses/Error\"}"
#define FACILITY_PROPS                                                                                             \
	"\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\","              \
	"\"examples\":[\"活动室\"]},\"place\":{\"type\":\"string\"},\"capacity\":{\"type\":\"integer\","               \
	"\"description\":\"可容纳人数,0 为不限\"},\"provided_by\":{\"type\":\"string\",\"description\":"              \
	"\"驻区单位提供时为单位名称,社区自有为空\"},\"needs_approval\":{\"type\":\"boolean\"},"                           \
	"\"open_to_residents\":{\"type\":\"boolean\"},\"open_to_organizations\":{\"type\":\"boolean\"},"               \
	"\"slot_minutes\":{\"type\":\"integer\"},\"max_minutes\":{\"type\":\"integer\"},"                               \
	"\"days_ahead\":{\"type\":\"integer\"},\"status\":{\"type\":\"string\",\"examples\":[\"正在办公 · 今天 21:00 下班\"]}," \
	"\"today\":{\"type\":\"string\"}"
#define SPAN "{\"type\":\"object\",\"properties\":{\"from\":{\"type\":\"string\",\"format\":\"date-time\"},"       \
	"\"to\":{\"type\":\"string\",\"format\":\"date-time\"}}}"

static const char openapi[] =
    "{\"/api/v1/c/{community}/facilities\":{\"get\":{\"summary\":\"社区可预约的场地,含现在是否开放(北京时间)\","
    "\"parameters\":[" COMMUNITY_PARAM "],\"responses\":{\"200\":{\"description\":\"场地\",\"content\":{"
    "\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{"
    "\"community\":{\"$ref\":\"#/components/schemas/OrgRef\"},\"facilities\":{\"type\":\"array\",\"items\":"
    "{\"type\":\"object\",\"properties\":{" FACILITY_PROPS "}}}}}}}}," ERROR_404 "}}},"
    "\"/api/v1/c/{community}/facilities/{id}\":{\"get\":{\"summary\":\"一个场地和一周的空闲、已预约时间(不含预约人)\","
    "\"parameters\":[" COMMUNITY_PARAM ",{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":"
    "{\"type\":\"integer\",\"minimum\":1}},{\"name\":\"week\",\"in\":\"query\",\"required\":false,"
    "\"description\":\"这一周中的任一天,默认本周\",\"schema\":{\"type\":\"string\",\"format\":\"date\"}}],"
    "\"responses\":{\"200\":{\"description\":\"场地和一周的预约情况\",\"content\":{\"application/json\":{"
    "\"schema\":{\"type\":\"object\",\"properties\":{" FACILITY_PROPS ",\"week\":{\"type\":\"string\","
    "\"format\":\"date\",\"description\":\"这一周的周一\"},\"days\":{\"type\":\"array\",\"items\":{"
    "\"type\":\"object\",\"properties\":{\"date\":{\"type\":\"string\",\"format\":\"date\"},"
    "\"hours\":{\"type\":\"string\"},\"free\":{\"type\":\"array\",\"items\":" SPAN "},"
    "\"taken\":{\"type\":\"array\",\"items\":" SPAN "}}}}}}}}}," ERROR_404 "}}}}";

/* The community's cards: bookings awaiting approval, today's bookings; on
 * the street and district workbench, the pending ones per community. */
static int workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c) {
		/* the street and district workbench: a column of the communities table */
		int64_t unit = r->user ? auth_admin_scope(r->user) : -1;
		int64_t(*rows)[2];
		size_t n;
		if (unit < 0)
			return 0;
		if (facilities_pending_under(r->db, r->a, unit, r->now, &rows, &n) < 0)
			return -1;
		for (size_t i = 0; i < n; i++)
			if (workbench_card(w, "待审批场地预约", rows[i][1], NULL, NULL, WB_TODO, NULL, rows[i][0]) < 0)
				return -1;
		return 0;
	}
	int64_t pending, today;
	if (facilities_counts(r->db, c->id, r->now, &pending, &today) < 0)
		return -1;
	char d[11];
	date_format(date_from_time(r->now), d);
	if (workbench_card(w, "待审批的场地预约", pending,
			   url_c(r->a, c->slug, "/admin/facilities/bookings?state=pending"), "居民和组织提交的预约,审批后生效",
			   WB_TODO, NULL, 0) < 0 ||
	    workbench_card(w, "今天的场地预约", today,
			   url_c(r->a, c->slug, arena_printf(r->a, "/admin/facilities/bookings?date=%s", d)),
			   "开门、交接钥匙;预约人未到场的请标记", WB_NORMAL, NULL, 0) < 0)
		return -1;
	return 0;
}

static const struct audit_label audit_labels[] = {
    {"facilities.add", "新增场地"},	    {"facilities.edit", "修改场地"},
    {"facilities.book", "预约场地"},	    {"facilities.book_for", "代订场地"},
    {"facilities.approve", "通过预约"},   {"facilities.refuse", "不通过预约"},
    {"facilities.cancel", "取消预约"},    {"facilities.no_show", "标记未到场"},
    {"facilities.view_full", "查看预约人完整信息"}, {"facilities_facility", "场地"},
    {"facilities_booking", "场地预约"},   {NULL, NULL},
};

/* 我的: the visitor's bookings not yet over, the next named. */
static int mine(struct req *r, struct mine *m)
{
	struct facilities_filter f = {.state = -1, .user_id = r->user->id, .when = FW_UPCOMING, .at = r->now,
				      .limit = 50};
	struct facilities_booking *b;
	size_t n;
	if (facilities_bookings(r->db, r->a, r->community->id, &f, &b, &n) < 0)
		return -1;
	size_t live = 0;
	const struct facilities_booking *next = NULL;
	for (size_t i = 0; i < n && i < 50; i++)
		if (b[i].state == FB_PENDING || b[i].state == FB_CONFIRMED) {
			live++;
			if (!next)
				next = &b[i];
		}
	const char *line = next ? arena_printf(r->a, "%zu 个预约未结束%s;最近:%s %s", live, n > 50 ? "以上" : "",
					     next->facility_name, facilities_when(r->a, next->starts_at, next->ends_at))
				: NULL;
	mine_add(m, "我的场地预约", url_c(r->a, r->community->slug, "/facilities/mine"), line);
	return 0;
}

const struct module facilities_module = {
    .name = "facilities",
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .migrations = facilities_migrations,
    .sections = sections,
    .tables = tables,
    .demo = facilities_demo,
    .audit_labels = audit_labels,
    .openapi_paths = openapi,
    .workbench = workbench,
    .mine = mine,
};
