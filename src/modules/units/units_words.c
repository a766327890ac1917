/* The units module's codes as stored and their Chinese labels. Pure. */
#include <string.h>

#include "modules/units/units_internal.h"

static const char *const kind_names[UK__MAX] = {"organ", "school", "hospital", "enterprise", "bank", "property", "other"};
static const char *const kind_labels[UK__MAX] = {"机关事业单位", "学校", "医院", "企业", "银行", "物业公司", "其他"};
static const char *const party_names[UP__MAX] = {"committee", "general_branch", "branch", "none"};
static const char *const party_labels[UP__MAX] = {"党委", "党总支", "党支部", "未建立党组织"};
static const char *const state_names[US__MAX] = {"draft", "in_force", "ended", "terminated"};
static const char *const state_labels[US__MAX] = {"草稿", "履行中", "已到期", "已终止"};
static const char *const ckind_names[UC__MAX] = {"money", "room", "volunteers", "service", "other"};
static const char *const ckind_labels[UC__MAX] = {"资金", "场地", "志愿服务", "专业服务", "其他"};

/* The index of s in names[0..n), or -1. */
static int find(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

#define WORDS(fn, names, labels, max)                                                                              \
	const char *units_##fn##_name(int k) { return k >= 0 && k < max ? names[k] : ""; }                          \
	const char *units_##fn##_label(int k) { return k >= 0 && k < max ? labels[k] : ""; }                        \
	int units_##fn##_from(const char *s) { return find(names, max, s); }

WORDS(kind, kind_names, kind_labels, UK__MAX)
WORDS(party, party_names, party_labels, UP__MAX)
WORDS(state, state_names, state_labels, US__MAX)
WORDS(ckind, ckind_names, ckind_labels, UC__MAX)
