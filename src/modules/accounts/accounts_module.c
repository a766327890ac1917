/* The accounts module's table: routes, sections on the workbenches and
 * the Chinese names of its audit actions. It has no tables of its own for
 * accounts (users and role_grant are the core's). */
#include "http/module.h"
#include "modules/accounts/accounts.h"
#include "modules/accounts/accounts_web.h"

#define STAFF ROLES_STAFF
#define ADMIN ROLES_ADMIN

static const struct route routes[] = {
    {METHOD_GET, "/c/{c}/admin/accounts/", accounts_h_list, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/accounts/accounts.csv", accounts_h_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/accounts/accounts.xlsx", accounts_h_export, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/accounts/new", accounts_h_new, STAFF, 0},
    /* Opening an account and resetting a password hash: password workers. */
    {METHOD_POST, "/c/{c}/admin/accounts/new", accounts_h_create, STAFF, ROUTE_WORKER},
    {METHOD_GET, "/c/{c}/admin/accounts/{}", accounts_h_account, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/accounts/{}/reset", accounts_h_reset, STAFF, ROUTE_WORKER},
    {METHOD_POST, "/c/{c}/admin/accounts/{}/disable", accounts_h_disable, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/accounts/{}/enable", accounts_h_enable, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/supervisors/", accounts_h_supervisors, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/supervisors/new", accounts_h_appoint_page, STAFF, 0},
    /* Appointing may open an account (a hash): a password worker. */
    {METHOD_POST, "/c/{c}/admin/supervisors/new", accounts_h_appoint, STAFF, ROUTE_WORKER},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/supervisors/{}/end", accounts_h_end_term, STAFF, 0},
    {METHOD_GET, "/c/{c}/admin/committee/", accounts_h_committee, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/committee/new", accounts_h_member_new, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/committee/{}/delete", accounts_h_member_delete, STAFF, 0},
    {METHOD_POST, "/c/{c}/admin/committee/{}/move", accounts_h_member_move, STAFF, 0},
    {METHOD_GET | METHOD_POST, "/c/{c}/admin/committee/{}", accounts_h_member_edit, STAFF, 0},
    {METHOD_GET, "/admin/accounts/", accounts_h_staff_list, ADMIN, 0},
    {METHOD_GET, "/admin/accounts/accounts.csv", accounts_h_staff_export, ADMIN, 0},
    {METHOD_GET, "/admin/accounts/accounts.xlsx", accounts_h_staff_export, ADMIN, 0},
    {METHOD_GET, "/admin/accounts/new", accounts_h_staff_new, ADMIN, 0},
    {METHOD_POST, "/admin/accounts/new", accounts_h_staff_create, ADMIN, ROUTE_WORKER},
    {METHOD_POST, "/admin/accounts/grant", accounts_h_staff_grant, ADMIN, 0},
    {METHOD_GET, "/admin/accounts/{}", accounts_h_staff_account, ADMIN, 0},
    {METHOD_POST, "/admin/accounts/{}/reset", accounts_h_staff_reset, ADMIN, ROUTE_WORKER},
    {METHOD_POST, "/admin/accounts/{}/disable", accounts_h_staff_disable, ADMIN, 0},
    {METHOD_POST, "/admin/accounts/{}/enable", accounts_h_staff_enable, ADMIN, 0},
    {METHOD_POST, "/admin/accounts/{}/revoke", accounts_h_staff_revoke, ADMIN, 0},
};

static const struct section sections[] = {
    {"居民账号", "/admin/accounts/", "开通居民账号,重置密码,停用账号", ROLES_STAFF},
    {"监督员", "/admin/supervisors/", "聘任监督员,登记任期,结束聘任", ROLES_STAFF},
    {"两委成员", "/admin/committee/", "党组织和居委会成员的职务、分工、任期和顺序", ROLES_STAFF},
    {NULL, NULL, NULL, 0},
};

static const struct section admin_sections[] = {
    {"社区干部账号", "/admin/accounts/", "开通社区干部账号,授予或撤销干部角色,重置密码,停用账号",
     ROLES_ADMIN},
    {NULL, NULL, NULL, 0},
};

static const struct audit_label audit_labels[] = {
    {"accounts.create", "开通居民账号"},
    {"accounts.staff_create", "开通社区干部账号"},
    {"accounts.reset_password", "重置密码"},
    {"accounts.disable", "停用账号"},
    {"accounts.enable", "恢复账号"},
    {"accounts.staff_grant", "授予社区干部角色"},
    {"accounts.staff_revoke", "撤销社区干部角色"},
    {"accounts.supervisor_appoint", "聘任监督员"},
    {"accounts.supervisor_end", "结束监督员聘任"},
    {"accounts.committee_add", "新增两委成员"},
    {"accounts.committee_edit", "修改两委成员"},
    {"accounts.committee_delete", "删除两委成员"},
    {"accounts.committee_move", "调整两委成员顺序"},
    {"committee_member", "两委成员"},
    {NULL, NULL},
};

const struct module accounts_module = {
    .name = "accounts",
    .routes = routes,
    .nroutes = sizeof routes / sizeof *routes,
    .demo = accounts_demo,
    .sections = sections,
    .admin_sections = admin_sections,
    .audit_labels = audit_labels,
};
