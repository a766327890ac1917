/* The codes the orgs module stores and the Chinese words pages show. */
#include <string.h>

#include "modules/orgs/orgs_internal.h"

static const char *const kinds[OK__MAX][2] = {
    {"patrol", "义务巡逻队"}, {"elderly", "老年人协会"},   {"disabled", "残疾人协会"},
    {"arts", "文体艺术团"},   {"volunteer", "志愿服务队"}, {"other", "其他组织"},
};
static const char *const groups[OG__MAX][2] = {
    {"", ""}, {"community", "社区志愿者"}, {"party", "党员志愿者"}, {"youth", "青年志愿者"}, {"women", "巾帼志愿者"},
};
static const char *const roles[OR__MAX][2] = {{"leader", "负责人"}, {"deputy", "副负责人"}, {"member", "成员"}};
static const char *const mstates[OM__MAX][2] = {
    {"pending", "待审核"}, {"active", "在册"},	{"refused", "未通过"},
    {"withdrawn", "已撤回"}, {"left", "已退出"}, {"removed", "已移出"},
};

static const char *const sstates[OS__MAX][2] = {{"draft", "草稿"}, {"published", "已发布"}, {"withdrawn", "已撤回"}};

static int from(const char *const (*t)[2], int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(t[i][0], s))
			return i;
	return -1;
}

#define WORDS(what, table, max)                                                                                    \
	const char *orgs_##what##_name(int k) { return k >= 0 && k < max ? table[k][0] : ""; }                       \
	const char *orgs_##what##_label(int k) { return k >= 0 && k < max ? table[k][1] : ""; }                      \
	int orgs_##what##_from(const char *s) { return from(table, max, s); }

WORDS(kind, kinds, OK__MAX)
WORDS(group, groups, OG__MAX)
WORDS(role, roles, OR__MAX)
WORDS(mstate, mstates, OM__MAX)
WORDS(sstate, sstates, OS__MAX)

const char *orgs_kind_text(struct arena *a, int kind, int group)
{
	if (kind == OK_VOLUNTEER && group > OG_NONE && group < OG__MAX)
		return arena_printf(a, "%s(%s)", orgs_kind_label(kind), orgs_group_label(group));
	return orgs_kind_label(kind);
}
