/* The disclosure catalogue: what the seed document asks each community to
 * publish, how often, and when each item is next due. Pure. */
#include <string.h>

#include "modules/disclosure/disclosure_internal.h"

/* The seed's list: 支委和社区居委会成员职责分工、党费收缴、民主评议党员、来信来访处理和办事程序、
 * 社区服务热线、计生、低保、救灾救济、财务收支、干部年度评议、热点难点处理情况. */
const struct disclosure_seed_item disclosure_seed[] = {
    {"duties", "两委成员职责分工", "支委和居委会成员姓名、职务、分工和联系方式", "《中国共产党支部工作条例(试行)》;《城市居民委员会组织法》",
     "党支部书记", "wall,web", "", CAT_PARTY, FREQ_ON_CHANGE, 0, 0},
    {"dues", "党费收缴", "党费收缴标准、应缴人数、实缴金额和使用情况", "《关于中国共产党党费收缴、使用和管理的规定》", "党支部组织委员", "wall,web",
     "", CAT_PARTY, FREQ_QUARTERLY, 0, 0},
    {"party-review", "民主评议党员", "评议安排、评议结果和处置情况", "《中国共产党党员教育管理工作条例》", "党支部", "wall,web,meeting", "",
     CAT_PARTY, FREQ_YEARLY, 0, 0},
    {"petitions", "来信来访处理和办事程序", "办事指南、受理渠道、办理时限和结果", "《信访工作条例》", "居委会主任", "wall,web", "",
     CAT_RESIDENTS, FREQ_ON_CHANGE, 0, 0},
    {"hotline", "社区服务热线", "服务热线、应急电话、值班安排", "《城市居民委员会组织法》", "居委会", "wall,web", "", CAT_RESIDENTS,
     FREQ_ON_CHANGE, 0, 0},
    {"family-planning", "计划生育", "生育登记、奖励扶助对象和资金发放", "《人口与计划生育法》", "居委会计生专干", "wall,web", "", CAT_RESIDENTS,
     FREQ_QUARTERLY, 0, 0},
    {"dibao", "最低生活保障", "低保对象名单(姓名、家庭人口、保障金额)、审批结果,公示 7 天", "《社会救助暂行办法》;《最低生活保障审核确认办法》",
     "居委会民政专干", "wall,web", "name,household_size,amount", CAT_RESIDENTS, FREQ_MONTHLY, 1, 7},
    {"relief", "救灾救济", "救助对象名单(姓名、家庭人口、救助金额)和款物发放", "《社会救助暂行办法》;《自然灾害救助条例》", "居委会民政专干",
     "wall,web", "name,household_size,amount", CAT_RESIDENTS, FREQ_IMMEDIATE, 1, 7},
    {"finance", "财务收支", "收入、支出明细和结余", "《城市居民委员会组织法》;村(居)务公开相关规定", "居委会主任", "wall,web,meeting", "",
     CAT_FINANCE, FREQ_MONTHLY, 0, 0},
    {"cadre-review", "干部年度评议", "评议方式、参评人员和评议结果", "社区干部年度考核评议办法", "街道、社区党组织", "wall,web,meeting", "",
     CAT_PARTY, FREQ_YEARLY, 0, 0},
    {"hot-issues", "热点难点处理情况", "居民关注的热点难点问题、办理进度和结果", "党务居务公开相关规定", "社区两委", "wall,web,meeting", "",
     CAT_RESIDENTS, FREQ_QUARTERLY, 0, 0},
    {"cobuild", "共驻共建协议及履行情况", "驻区单位共建协议的各方、期限、承诺事项和年度履行情况", "党务居务公开相关规定;区域化党建工作要求",
     "社区党组织", "wall,web", "", CAT_RESIDENTS, FREQ_YEARLY, 0, 0},
};
const size_t disclosure_nseed = sizeof disclosure_seed / sizeof *disclosure_seed;

static const char *const cat_names[CAT__MAX] = {"party", "residents", "finance"};
static const char *const cat_labels[CAT__MAX] = {"党务", "居务", "财务"};
static const char *const freq_names[FREQ__MAX] = {"immediate", "monthly", "quarterly", "half_yearly", "yearly",
						  "on_change"};
static const char *const freq_labels[FREQ__MAX] = {"即时公开", "每月", "每季度", "每半年", "每年", "长期公开,变动即更新"};
static const int freq_months[FREQ__MAX] = {0, 1, 3, 6, 12, 0};
static const char *const chan_names[CHAN__MAX] = {"wall", "web", "meeting"};
static const char *const chan_labels[CHAN__MAX] = {"公开栏上墙", "网站", "会议"};

unsigned disclosure_names_mask(const char *list, const char *const *names, size_t n)
{
	unsigned mask = 0;
	for (size_t c = 0; list && c < n; c++) {
		size_t len = strlen(names[c]);
		for (const char *p = list; (p = strstr(p, names[c])) != NULL; p += len)
			if ((p == list || p[-1] == ',') && (p[len] == ',' || p[len] == 0))
				mask |= 1u << c;
	}
	return mask;
}

const char *disclosure_channel_name(enum disclosure_channel c)
{
	return (unsigned)c < CHAN__MAX ? chan_names[c] : "";
}

const char *disclosure_channel_label(enum disclosure_channel c)
{
	return (unsigned)c < CHAN__MAX ? chan_labels[c] : "";
}

unsigned disclosure_channels_from(const char *list)
{
	return disclosure_names_mask(list, chan_names, CHAN__MAX);
}

const char *disclosure_labels_join(struct arena *a, const char *const *labels, size_t n, unsigned mask)
{
	const char *out = "";
	for (size_t c = 0; c < n && out; c++)
		if (mask & (1u << c))
			out = arena_printf(a, "%s%s%s", out, *out ? "、" : "", labels[c]);
	return out;
}

const char *disclosure_channels_label(struct arena *a, unsigned mask)
{
	return disclosure_labels_join(a, chan_labels, CHAN__MAX, mask);
}

const char *disclosure_category_name(enum disclosure_category c)
{
	return (unsigned)c < CAT__MAX ? cat_names[c] : "";
}

const char *disclosure_category_label(enum disclosure_category c)
{
	return (unsigned)c < CAT__MAX ? cat_labels[c] : "";
}

int disclosure_category_from(const char *s)
{
	for (int i = 0; s && i < CAT__MAX; i++)
		if (!strcmp(s, cat_names[i]))
			return i;
	return -1;
}

const char *disclosure_freq_name(enum disclosure_freq f)
{
	return (unsigned)f < FREQ__MAX ? freq_names[f] : "";
}

const char *disclosure_freq_label(enum disclosure_freq f)
{
	return (unsigned)f < FREQ__MAX ? freq_labels[f] : "";
}

int disclosure_freq_from(const char *s)
{
	for (int i = 0; s && i < FREQ__MAX; i++)
		if (!strcmp(s, freq_names[i]))
			return i;
	return -1;
}

int disclosure_next_due(enum disclosure_freq f, int64_t last_published, int64_t created_at, struct ymd *due)
{
	if ((unsigned)f >= FREQ__MAX || !freq_months[f])
		return 0;
	struct ymd from = date_from_time(last_published ? last_published : created_at);
	*due = date_add_months(from, freq_months[f]);
	return 1;
}

enum disclosure_due disclosure_due_state(enum disclosure_freq f, int64_t last_published, int64_t created_at,
					 int64_t now, struct ymd *due)
{
	if (!disclosure_next_due(f, last_published, created_at, due)) {
		/* A standing item never published at all is overdue once a month has passed. */
		if (!last_published && f == FREQ_ON_CHANGE) {
			*due = date_add_months(date_from_time(created_at), 1);
			int left = date_diff(date_from_time(now), *due);
			return left < 0 ? DUE_OVERDUE : left <= 7 ? DUE_SOON : DUE_OK;
		}
		return DUE_NONE;
	}
	int left = date_diff(date_from_time(now), *due);
	return left < 0 ? DUE_OVERDUE : left <= 7 ? DUE_SOON : DUE_OK;
}

int disclosure_notice_open(const struct disclosure_post *p, int64_t now)
{
	return p->notice_days > 0 && p->notice_start && now >= p->notice_start && now < disclosure_notice_end(p);
}

int64_t disclosure_notice_end(const struct disclosure_post *p)
{
	return p->notice_days > 0 && p->notice_start ? p->notice_start + (int64_t)p->notice_days * 86400 : 0;
}
