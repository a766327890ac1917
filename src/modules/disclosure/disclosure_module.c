/* The disclosure module's table: routes, migrations, tables, hooks. */
#include "http/module.h"
#include "modules/disclosure/disclosure_internal.h"
#include "modules/disclosure/disclosure_routes.h"

extern const struct embedded_file disclosure_migrations[];

#define STAFF ROLES_STAFF
#define SUPERVISOR ROLE_BIT(ROLE_SUPERVISOR)

static const struct route routes[] = {
    {METHOD_GET, "/c/{c}/board/", disclosure_h_board, 0, 0},
    {METHOD_GET, "/c/{c}/board/catalogue", disclosure_h_catalogue, 0, 0},
    {METHOD_GET, "/c/{c}/board/catalogue.csv", disclosure_h_catalogue_export, 0, 0},
    {METHOD_GET, "/c/{c}/board/catalogue.xlsx", disclosure_h_catalogue_export, 0, 0},
    {METHOD_GET, "/c/{c}/board/due", disclosure_h_due, 0, 0},
    {METHOD_GET, "/c/{c}/board/feed.atom", disclosure_h_feed, 0, 0},
    {METHOD_GET, "/c/{c}/board/poster.pdf", disclosure_h_board_poster, 0, ROUTE_WORKER | ROUTE_SLOW},
    {METHOD_GET, "/c/{c}/board/{}", disclosure_h_post_page, 0, 0},
    {METHOD_GET, "/c/{c}/board/{}/poster.pdf", disclosure_h_poster, 0, ROUTE_WORKER | ROUTE_SLOW},
    {METHOD_GET, "/c/{c}/board/{}/file/{}", disclosure_h_file, 0, 0},
    {METHOD_GET, "/c/{c}/board/{}/objection", disclosure_h_objection_page, 0, 0},
    {METHOD_POST, "/c/{c}/board/{}/objection", disclosure_h_objection_submit, 0, 0},
    {METHOD_GET, "/c/{c}/supervisors", disclosure_h_supervisors, 0, 0},
    {METHOD_POST, "/c/{c}/supervisors/opinion", disclosure_h_opinion_submit, SUPERVISOR, 0},
    {METHOD_GET, "/c/{c}/log/checkpoint", disclosure_h_checkpoint, 0, 0},
    {METHOD_GET, "/c/{c}/log/key", disclosure_h_key, 0, 0},
    {METHOD_GET, "/c/{c}/log/leaf/{}", disclosure_h_leaf, 0, ROUTE_API},
    {METHOD_GET, "/c/{c}/log/proof/inclusion", disclosure_h_inclusion, 0, ROUTE_API},
    {METHOD_GET, "/c/{c}/log/proof/consistency", disclosure_h_consistency, 0, ROUTE_API},
    {METHOD_GET, "/c/{c}/log/tile/{*}", disclosure_h_tile, 0, 0},
    {METHOD_GET, "/c/{c}/log/cosign", disclosure_h_cosign_page, SUPERVISOR, 0},
    /* Checks the password and opens the witness key: two Argon2 runs, on the password workers. */
    {METHOD_POST, "/c/{c}/log/cosign", disclosure_h_cosign_submit, SUPERVISOR, ROUTE_WORKER},
    /* Shows objectors' phones opened: writes an audit row first. */
    {METHOD_GET, "/c/{c}/admin/board/", disclosure_h_admin_home, STAFF, ROUTE_NO_SNAPSHOT},
    {METHOD_GET, "/c/{c}/admin/board/new", disclosure_h_new, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/board/settings", disclosure_h_settings_page, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/board/settings", disclosure_h_settings, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/board/settings/approve", disclosure_h_settings_approve, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/board/settings/reject", disclosure_h_settings_reject, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/board/new", disclosure_h_create, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/board/{}", disclosure_h_manage, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/board/{}/edit", disclosure_h_edit, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/board/{}/recipients", disclosure_h_recipients, STAFF, ROUTE_NO_SNAPSHOT},
    {METHOD_GET, "/c/{c}/admin/board/{}/recipients.csv", disclosure_h_recipients_export, STAFF, ROUTE_NO_SNAPSHOT},
    {METHOD_GET, "/c/{c}/admin/board/{}/recipients.xlsx", disclosure_h_recipients_export, STAFF, ROUTE_NO_SNAPSHOT},
    {METHOD_POST, "/c/{c}/admin/board/{}/{}", disclosure_h_action, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/thread/{}/answer", disclosure_h_answer, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/thread/{}/review", disclosure_h_review, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/catalogue", disclosure_h_catalogue_admin, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/catalogue", disclosure_h_item_add, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/catalogue/{}/retire", disclosure_h_item_retire_page, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/catalogue/{}/retire", disclosure_h_item_retire, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/catalogue/{}/restore", disclosure_h_item_restore, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/catalogue/{}", disclosure_h_item_edit, STAFF, 0},
    {METHOD_GET, "/admin/due", disclosure_h_due_all, ROLES_ADMIN, 0},
    {METHOD_GET, "/admin/due.csv", disclosure_h_due_export, ROLES_ADMIN, 0},
    {METHOD_GET, "/admin/due.xlsx", disclosure_h_due_export, ROLES_ADMIN, 0},
};

static const struct section sections[] = {
    {"党务居务公开栏", "/board/", "党务、居务、财务公开内容和公示", 0},
    {"公开目录", "/board/catalogue", "应公开的事项、依据、时限和渠道", 0},
    {"监督小组", "/supervisors", "监督员、监督意见和公开记录核验", 0},
    {"公开栏管理", "/admin/board/", "起草、审核、发布、更正和答复", ROLES_STAFF},
    {"公开目录管理", "/admin/catalogue", "增加、修改、停用和恢复应公开的事项", ROLES_STAFF},
    {"公开栏设置", "/admin/board/settings", "双人审核、异议先审后显等规则(须另一人同意)", ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const struct section admin_sections[] = {
    {"各社区公开到期情况", "/admin/due", "逾期和 7 日内到期的公开事项,按社区汇总", ROLES_ADMIN},
    {NULL, NULL, NULL, 0},
};

static const struct audit_label audit_labels[] = {
    {"disclosure.draft", "保存草稿"},
    {"disclosure.correction_draft", "起草更正"},
    {"disclosure.submit", "提交审核"},
    {"disclosure.return", "退回修改"},
    {"disclosure.draft_edit", "修改草稿"},
    {"disclosure.draft_delete", "删除草稿"},
    {"disclosure.publish", "审核发布"},
    {"disclosure.withdraw", "撤回"},
    {"disclosure.withdraw_request", "申请撤回"},
    {"disclosure.withdraw_cancel", "撤销撤回申请"},
    {"disclosure.withdraw_reject", "驳回撤回申请"},
    {"disclosure.answer", "公开答复"},
    {"disclosure.opinion", "提出监督意见"},
    {"disclosure.cosign", "监督员联署检查点"},
    {"disclosure.objection_show", "异议审核通过"},
    {"disclosure.objection_reject", "异议不予显示"},
    {"disclosure.objection_contacts_view", "查看异议人联系方式"},
    {"disclosure.recipients_view_full", "查看完整名单"},
    {"disclosure.recipients_export", "导出完整名单"},
    {"disclosure.item_add", "新增公开事项"},
    {"disclosure.item_edit", "修改公开事项"},
    {"disclosure.item_retire", "停用公开事项"},
    {"disclosure.item_restore", "恢复公开事项"},
    {"disclosure.two_person", "更改双人审核设置"},
    {"disclosure.two_person_request", "申请更改双人审核设置"},
    {"disclosure.two_person_cancel", "撤销双人审核设置申请"},
    {"disclosure.two_person_reject", "驳回双人审核设置申请"},
    {"disclosure.review_objections", "更改异议审核设置"},
    {"disclosure.review_objections_request", "申请更改异议审核设置"},
    {"disclosure.review_objections_cancel", "撤销异议审核设置申请"},
    {"disclosure.review_objections_reject", "驳回异议审核设置申请"},
    {"disclosure_post", "公开内容"},
    {"disclosure_item", "公开事项"},
    {"disclosure_thread", "异议或意见"},
    {"disclosure_settings", "公开栏设置"},
    {"disclosure_recipient", "名单"},
    {"tlog_checkpoint", "公开记录检查点"},
    {NULL, NULL},
};

static const char *const tables[] = {
    "disclosure_settings", "disclosure_item",
    "disclosure_post", "disclosure_withdrawal", "disclosure_recipient", "disclosure_thread",
    "disclosure_file", "disclosure_attachment",
    "disclosure_setting_request", "disclosure_setting_change", "disclosure_withdraw_request",
    "disclosure_objection_limit", NULL,
};

static const char openapi[] =
    "{\"/c/{community}/log/checkpoint\":{\"get\":{\"summary\":\"本社区公开记录的签名检查点(C2SP tlog-checkpoint)\","
    "\"parameters\":[{\"$ref\":\"#/components/parameters/Community\"}],"
    "\"responses\":{\"200\":{\"description\":\"signed note\",\"content\":{\"text/plain\":{}}},"
    "\"404\":{\"$ref\":\"#/components/responses/Error\"}}}},"
    "\"/c/{community}/log/key\":{\"get\":{\"summary\":\"检查点签名公钥(signed-note verifier key)\","
    "\"parameters\":[{\"$ref\":\"#/components/parameters/Community\"}],"
    "\"responses\":{\"200\":{\"description\":\"verifier key\",\"content\":{\"text/plain\":{}}}}}},"
    "\"/c/{community}/log/leaf/{index}\":{\"get\":{\"summary\":\"一条公开记录的原文和叶哈希\","
    "\"parameters\":[{\"$ref\":\"#/components/parameters/Community\"},{\"name\":\"index\",\"in\":\"path\","
    "\"required\":true,\"schema\":{\"type\":\"integer\",\"minimum\":0}}],"
    "\"responses\":{\"200\":{\"description\":\"leaf\",\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
    "\"properties\":{\"index\":{\"type\":\"integer\"},\"leaf_hash\":{\"type\":\"string\"},\"data\":{\"type\":\"string\"}}}}}},"
    "\"404\":{\"$ref\":\"#/components/responses/Error\"}}}},"
    "\"/c/{community}/log/proof/inclusion\":{\"get\":{\"summary\":\"包含证明(RFC 6962)\","
    "\"parameters\":[{\"$ref\":\"#/components/parameters/Community\"},{\"name\":\"index\",\"in\":\"query\","
    "\"required\":true,\"schema\":{\"type\":\"integer\"}},{\"name\":\"size\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"}}],"
    "\"responses\":{\"200\":{\"description\":\"哈希均为 base64\"},\"400\":{\"$ref\":\"#/components/responses/Error\"}}}},"
    "\"/c/{community}/log/proof/consistency\":{\"get\":{\"summary\":\"一致性证明(RFC 6962)\","
    "\"parameters\":[{\"$ref\":\"#/components/parameters/Community\"},{\"name\":\"from\",\"in\":\"query\","
    "\"required\":true,\"schema\":{\"type\":\"integer\"}},{\"name\":\"to\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"}}],"
    "\"responses\":{\"200\":{\"description\":\"哈希均为 base64\"},\"400\":{\"$ref\":\"#/components/responses/Error\"}}}},"
    "\"/c/{community}/log/tile/{path}\":{\"get\":{\"summary\":\"默克尔树 tile(C2SP tlog-tiles,0–3 层)\","
    "\"parameters\":[{\"$ref\":\"#/components/parameters/Community\"},{\"name\":\"path\",\"in\":\"path\","
    "\"required\":true,\"schema\":{\"type\":\"string\"}}],"
    "\"responses\":{\"200\":{\"description\":\"连续的 32 字节哈希\",\"content\":{\"application/octet-stream\":{}}}}}}}";

static int community_created(struct db *db, int64_t community_id, int64_t now)
{
	return disclosure_seed_community(db, community_id, now);
}

const struct module disclosure_module = {
    .name = "disclosure",
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .migrations = disclosure_migrations,
    .migrated = disclosure_migrated,
    .openapi_paths = openapi,
    .sections = sections,
    .admin_sections = admin_sections,
    .audit_labels = audit_labels,
    .tables = tables,
    .community_created = community_created,
    .demo = disclosure_demo,
    .password_changed = disclosure_password_changed,
    .log_kinds = disclosure_log_kinds,
    .workbench = disclosure_workbench,
};
