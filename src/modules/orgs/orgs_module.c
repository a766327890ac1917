/* The orgs module's table (社区组织与好人好事): routes, migrations, tables,
 * hooks, OpenAPI paths and its sections of a community's home page. */
#include "http/module.h"
#include "modules/orgs/orgs.h"
#include "modules/orgs/orgs_web.h"
#include "web/link.h"
#include "web/mine.h"

extern const struct embedded_file orgs_migrations[];

#define STAFF ROLES_STAFF

static const struct route routes[] = {
    {METHOD_GET, "/c/{c}/volunteers/orgs/", orgs_h_list, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/orgs/orgs.csv", orgs_h_list_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/orgs/orgs.xlsx", orgs_h_list_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/orgs/mine", orgs_h_mine, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/orgs/mine.csv", orgs_h_mine_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/orgs/mine.xlsx", orgs_h_mine_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/orgs/{}", orgs_h_org, 0, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/volunteers/orgs/{}/join", orgs_h_join, 0, 0},
    {METHOD_POST, "/c/{c}/volunteers/orgs/{}/leave", orgs_h_leave, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/stories/", orgs_h_stories, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/stories/stories.csv", orgs_h_stories_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/stories/stories.xlsx", orgs_h_stories_export, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/stories/{}", orgs_h_story, 0, 0},
    {METHOD_GET, "/c/{c}/volunteers/stories/{}/photos/{}", orgs_h_story_photo, 0, 0},
    {METHOD_GET, "/api/v1/c/{c}/orgs", orgs_h_api_list, 0, ROUTE_API},
    {METHOD_GET, "/api/v1/c/{c}/orgs/{}", orgs_h_api_one, 0, ROUTE_API},
    /* the leader's page: its 负责人 and 副负责人, and staff (checked in the handlers) */
    {METHOD_GET, "/c/{c}/orgs/{}/manage", orgs_h_manage, 0, 0},
    {METHOD_GET, "/c/{c}/orgs/{}/manage/members.csv", orgs_h_manage_export, 0, 0},
    {METHOD_GET, "/c/{c}/orgs/{}/manage/members.xlsx", orgs_h_manage_export, 0, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/orgs/{}/manage/add", orgs_h_desk, 0, 0},
    {METHOD_POST, "/c/{c}/orgs/{}/manage/{}/approve", orgs_h_approve, 0, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/orgs/{}/manage/{}/refuse", orgs_h_refuse, 0, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/orgs/{}/manage/{}/remove", orgs_h_remove, 0, 0},
    {METHOD_POST, "/c/{c}/orgs/{}/manage/{}/role", orgs_h_role, 0, 0},
    /* the full name and mobile: GET asks why, POST writes the audit row and shows them */
    {METHOD_GET | METHOD_POST, "/c/{c}/orgs/{}/manage/{}/mobile", orgs_h_mobile, 0, ROUTE_NO_SNAPSHOT},
    /* 好人好事 before the organizations' "{}" routes, which would take "stories" for an id */
    {METHOD_GET, "/c/{c}/admin/orgs/stories/", orgs_h_admin_stories, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/orgs/stories/stories.csv", orgs_h_admin_stories_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/orgs/stories/stories.xlsx", orgs_h_admin_stories_export, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/orgs/stories/new", orgs_h_story_new, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/orgs/stories/{}/publish", orgs_h_story_publish, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/orgs/stories/{}/withdraw", orgs_h_story_withdraw, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/orgs/stories/{}", orgs_h_story_edit, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/orgs/", orgs_h_admin, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/orgs/orgs.csv", orgs_h_admin_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/orgs/orgs.xlsx", orgs_h_admin_export, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/orgs/new", orgs_h_new, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/orgs/{}/dissolve", orgs_h_dissolve, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/orgs/{}", orgs_h_edit, STAFF, 0},
};

#define COMMUNITY_PARAM "{\"$ref\":\"#/components/parameters/Community\"}"
#define ERROR_404 "\"404\":{\"$ref\":\"#/components/responses/Error\"}"
#define ERROR_400 "\"400\":{\"$ref\":\"#/components/responses/Error\"}"
#define COMMUNITY_REF "\"community\":{\"$ref\":\"#/components/schemas/OrgRef\"}"
#define ORG_PROPS                                                                                                  \
	"\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},"                                              \
	"\"kind\":{\"enum\":[\"patrol\",\"elderly\",\"disabled\",\"arts\",\"volunteer\",\"other\"]},"                \
	"\"group\":{\"type\":[\"string\",\"null\"],\"enum\":[\"community\",\"party\",\"youth\",\"women\",null],"      \
	"\"description\":\"志愿服务队的志愿者类别\"},\"kind_label\":{\"type\":\"string\"},"                          \
	"\"purpose\":{\"type\":\"string\"},\"founded_on\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"},"     \
	"\"members\":{\"type\":\"integer\",\"description\":\"在册成员人数\"},\"active\":{\"type\":\"boolean\"}"

static const char openapi[] =
    "{\"/api/v1/c/{community}/orgs\":{\"get\":{\"summary\":\"社区的活跃组织(巡逻队、协会、文体团队、志愿服务队)\","
    "\"parameters\":[" COMMUNITY_PARAM ",{\"name\":\"page\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
    "\"minimum\":1}},{\"name\":\"kind\",\"in\":\"query\",\"schema\":{\"enum\":[\"patrol\",\"elderly\",\"disabled\","
    "\"arts\",\"volunteer\",\"other\"]}}],\"responses\":{\"200\":{\"description\":\"社区组织,每页 30 个\",\"content\":{"
    "\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{" COMMUNITY_REF ","
    "\"page\":{\"type\":\"integer\"},\"has_next\":{\"type\":\"boolean\"},\"orgs\":{\"type\":\"array\","
    "\"items\":{\"type\":\"object\",\"properties\":{" ORG_PROPS "}}}}}}}}," ERROR_400 "," ERROR_404 "}}},"
    "\"/api/v1/c/{community}/orgs/{id}\":{\"get\":{\"summary\":\"一个社区组织的公开信息,负责人只显示部分姓名\","
    "\"parameters\":[" COMMUNITY_PARAM ",{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":"
    "\"integer\"}}],\"responses\":{\"200\":{\"description\":\"社区组织\",\"content\":{\"application/json\":{"
    "\"schema\":{\"type\":\"object\",\"properties\":{" COMMUNITY_REF ",\"org\":{\"type\":\"object\",\"properties\":{"
    ORG_PROPS ",\"meets\":{\"type\":\"string\"},\"how_to_join\":{\"type\":\"string\"},"
    "\"dissolved_on\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"},\"leaders\":{\"type\":\"array\","
    "\"items\":{\"type\":\"object\",\"properties\":{\"name_masked\":{\"type\":\"string\"},"
    "\"role\":{\"enum\":[\"leader\",\"deputy\"]}}}}}}}}}}}," ERROR_404 "}}}}";

static const struct section sections[] = {
    {"社区组织", "/volunteers/orgs/", "巡逻队、老年人协会、文体艺术团和志愿服务队,在线申请加入", 0},
    {"好人好事", "/volunteers/stories/", "身边的凡人善举", 0},
    {"社区组织管理", "/admin/orgs/", "登记社区组织,审核入会申请,管理成员", ROLES_STAFF},
    {"好人好事管理", "/admin/orgs/stories/", "撰写、发布和撤回好人好事", ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const char *const tables[] = {"orgs_org", "orgs_member", "orgs_story", "orgs_story_photo", NULL};

static const struct audit_label audit_labels[] = {
    {"orgs.add", "新增社区组织"},
    {"orgs.edit", "修改社区组织"},
    {"orgs.dissolve", "解散社区组织"},
    {"orgs.apply", "申请加入社区组织"},
    {"orgs.withdraw", "撤回入会申请"},
    {"orgs.leave", "退出社区组织"},
    {"orgs.approve", "批准入会"},
    {"orgs.refuse", "入会申请不予通过"},
    {"orgs.remove", "移出组织成员"},
    {"orgs.role", "调整组织成员职务"},
    {"orgs.desk_add", "现场登记组织成员"},
    {"orgs.view_contact", "查看组织成员联系方式"},
    {"orgs.story_add", "撰写好人好事"},
    {"orgs.story_edit", "修改好人好事"},
    {"orgs.story_publish", "发布好人好事"},
    {"orgs.story_withdraw", "撤回好人好事"},
    {"orgs_story", "好人好事"},
    {"orgs_org", "社区组织"},
    {"orgs_member", "组织成员"},
    {NULL, NULL},
};

/* 我的: the organizations the visitor belongs to or applied to. */
static int mine(struct req *r, struct mine *m)
{
	struct orgs_member *v;
	size_t n;
	if (orgs_mine(r->db, r->a, r->community->id, r->user->id, 0, 100, &v, &n) < 0)
		return -1;
	size_t active = 0, pending = 0;
	for (size_t i = 0; i < n; i++) {
		active += v[i].state == OM_ACTIVE;
		pending += v[i].state == OM_PENDING;
	}
	const char *line = active || pending ? arena_printf(r->a, "已加入 %zu 个组织%s", active,
							   pending ? arena_printf(r->a, ",%zu 个申请待审核", pending) : "")
					     : NULL;
	if (n)
		mine_add(m, "我的组织", url_c(r->a, r->community->slug, "/volunteers/orgs/mine"), line);
	return 0;
}

const struct module orgs_module = {
    .name = "orgs",
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .migrations = orgs_migrations,
    .tables = tables,
    .demo = orgs_demo,
    .sections = sections,
    .audit_labels = audit_labels,
    .workbench = orgs_workbench,
    .mine = mine,
    .openapi_paths = openapi,
};
