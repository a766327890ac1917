/* The people module's vocabularies: statuses, genders and the usual tags
 * with whether each is sensitive personal information. */
#include <string.h>

#include "modules/people/people_internal.h"

static const char *const status_names[PEOPLE_STATUS__MAX] = {"living", "moved_out", "deceased"};
static const char *const status_labels[PEOPLE_STATUS__MAX] = {"在册", "已迁出", "已故"};

const char *people_status_name(enum people_status s)
{
	return (unsigned)s < PEOPLE_STATUS__MAX ? status_names[s] : "";
}

const char *people_status_label(enum people_status s)
{
	return (unsigned)s < PEOPLE_STATUS__MAX ? status_labels[s] : "";
}

int people_status_from(const char *s)
{
	for (int i = 0; s && i < PEOPLE_STATUS__MAX; i++)
		if (!strcmp(s, status_names[i]))
			return i;
	return -1;
}

const char *people_gender_label(const char *g)
{
	if (g && !strcmp(g, "m"))
		return "男";
	if (g && !strcmp(g, "f"))
		return "女";
	return "未填";
}

/* Sensitive (PIPL Art. 28): health, disability, assistance received, a
 * criminal record or correction. The others are how the community plans
 * its care and its work, and are filtered in the clear. */
const struct people_tag_def people_tags_known[] = {
    {"独居老人", 0},	 {"空巢老人", 0},	{"高龄老人", 0},     {"留守儿童", 0},	 {"退役军人", 0},
    {"流动人口", 0},	 {"居民代表", 0},	{"党员", 0},	     {"楼栋长", 0},	 {"志愿者", 0},
    {"育龄妇女", 0},	 {"出租房户", 0},	{"残疾人", 1},	     {"低保户", 1},	 {"低保边缘户", 1},
    {"特困人员", 1},	 {"重病患者", 1},	{"慢性病患者", 1},   {"精神障碍患者", 1}, {"失能老人", 1},
    {"社区矫正人员", 1}, {"刑满释放人员", 1}, {"吸毒人员", 1}, {"失业人员", 1},	 {"困难家庭", 1},
    {NULL, 0},
};

int people_tag_sensitive(const char *tag)
{
	for (const struct people_tag_def *t = people_tags_known; t->name; t++)
		if (!strcmp(t->name, tag))
			return t->sensitive;
	return 1;
}
