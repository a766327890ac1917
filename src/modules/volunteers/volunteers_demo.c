/* `shequ demo`: each demo community's volunteers. In 幸福里 the demo
 * resident 张三 registered themself; in every community a dozen residents
 * registered at the desk, in the groups and with the skills a community's
 * volunteers have (党员 patrols, 巾帼 elder care, 青年 phone lessons). */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "modules/volunteers/volunteers_web.h"
#include "org/org.h"

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
				       "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
static const char *const given[] = {"桂兰", "秀英", "德明", "玉珍", "建华", "淑芬", "国庆", "凤英",
				    "志强", "丽华", "卫东", "春梅", "宝山", "金凤", "长顺", "月娥"};

struct demo_profile {
	const char *skills, *note, *availability, *groups;
};
static const struct demo_profile profiles[] = {
    {"patrol", "退休民警", "weekdays,weekends", "party"},
    {"elder,medical", "退休护士", "weekdays", "women,community"},
    {"it", "", "weekends,evenings", "youth"},
    {"tutor", "中学语文教师", "weekends", "community"},
    {"repair", "会修小家电", "weekends", "party"},
    {"env", "", "weekdays,weekends", "women"},
    {"legal", "律师", "evenings", "party"},
    {"arts", "广场舞领队", "evenings", "women"},
    {"elder", "", "weekdays", "community"},
    {"psych", "心理咨询师", "weekends", "youth"},
    {"rescue,drive", "持有红十字救护员证", "weekends", "youth,party"},
    {"patrol,env", "", "weekdays", "community"},
};

/* The account id of login, or 0. */
int64_t vol_demo_user(struct db *db, struct arena *a, const char *login)
{
	struct auth_user u;
	return auth_user_by_login(db, a, login, &u, NULL) == 0 ? u.id : 0;
}

int vol_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	const char *staff_login = !strcmp(c->slug, "xingfuli") ? "wangjg" : !strcmp(c->slug, "heping") ? "lihong"
												   : "zhengh";
	int64_t staff = vol_demo_user(db, a, staff_login);
	unsigned seed = (unsigned)c->id * 2246822519u;
	int64_t id;
	if (!strcmp(c->slug, "xingfuli")) {
		int64_t zs = vol_demo_user(db, a, "zhangsan");
		struct vol_new v = {.user_id = zs, .name = "张三", .phone = "13800138000", .skills = "it,repair",
				    .skills_note = "会用剪辑软件", .availability = "weekends,evenings",
				    .groups = "youth"};
		if (zs && vol_add(db, a, c->id, &v, now - 200 * 86400, &id) != 0)
			return -1;
	}
	for (size_t i = 0; i < sizeof profiles / sizeof *profiles; i++) {
		seed = seed * 1103515245u + 12345u;
		char name[32], phone[16];
		snprintf(name, sizeof name, "%s%s", surnames[(seed >> 8) % 20], given[(seed >> 16) % 16]);
		snprintf(phone, sizeof phone, "137%08u", (seed >> 4) % 100000000u);
		const struct demo_profile *p = &profiles[i];
		struct vol_new v = {.by_user = staff, .name = name, .phone = phone, .skills = p->skills,
				    .skills_note = p->note, .availability = p->availability, .groups = p->groups};
		if (vol_add(db, a, c->id, &v, now - (int64_t)(400 - 20 * i) * 86400, &id) != 0)
			return -1;
	}
	return 0;
}
