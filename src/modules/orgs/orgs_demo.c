/* Demo data of 社区组织 for `shequ demo`: in each demo community its
 * 义务巡逻队 (12 members), 老年人协会, 文体艺术团 (广场舞队), 党员志愿服务队
 * and 巾帼志愿服务队, with leaders and members registered at the desk
 * (names and mobiles sealed like any others). In 幸福里 the grid worker
 * 王国伟 leads the patrol, the resident 张三 is a patrol member and leads
 * the dance troupe, and the supervisor 孙立 has applied to join it; 翠竹's
 * 读书会 was dissolved. Two or three 好人好事 each, published (one in
 * 幸福里 still a draft), some naming their person with consent. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/date.h"
#include "modules/orgs/orgs_web.h"
#include "org/org.h"

struct demo_org {
	const char *suffix; /* the name after the community's place word */
	int kind, group;
	const char *purpose, *meets, *join;
	int founded_years_ago, members;
};

static const struct demo_org orgs[] = {
    {"义务巡逻队", OK_PATROL, OG_NONE,
     "夜间和节假日在小区内巡逻,检查消防通道和电动车充电,发现问题报告网格员和物业。",
     "每晚 7:30-9:00,社区服务站门口集合", "年满 18 周岁、身体健康的本社区居民,在线申请或到社区服务站登记。", 8, 12},
    {"老年人协会", OK_ELDERLY, OG_NONE, "组织老年人文体活动、走访慰问高龄和独居老人,协助开展养老服务。",
     "每月第一个周三上午 9:00,社区老年活动室", "本社区 60 岁以上居民均可加入。", 12, 8},
    {"文体艺术团(广场舞队)", OK_ARTS, OG_NONE, "广场舞、太极拳和合唱排练,参加街道和区里的文艺汇演。",
     "每天晚上 7:00-8:30,社区文化广场", "喜欢跳舞唱歌的居民都可以来,跟着练两次再申请。", 5, 7},
    {"党员志愿服务队", OK_VOLUNTEER, OG_PARTY, "在职党员和社区党员参与环境整治、政策宣传和困难群众帮扶。",
     "每月第二个周六上午,社区党群服务中心", "本社区党员和到社区报到的在职党员。", 6, 7},
    {"巾帼志愿服务队", OK_VOLUNTEER, OG_WOMEN, "关爱留守儿童和独居老人,开展家庭教育和反家暴宣传。",
     "每周四下午 2:30,社区妇女之家", "热心公益的女性居民。", 4, 6},
};

static const char *const surnames[] = {"刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
				       "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩"};
static const char *const given[] = {"秀英", "桂兰", "建国", "志强", "玉珍", "德明", "海燕", "卫东", "丽华",
				    "国庆", "淑芬", "光明", "红梅", "永胜", "凤英", "家兴", "金花", "振华"};

static int64_t find_user(struct db *db, struct arena *a, const char *login)
{
	struct auth_user u;
	return auth_user_by_login(db, a, login, &u, NULL) == 0 ? u.id : 0;
}

/* Adds account uid to org as an approved member with role. 0 or -1. */
static int add_account(struct db *db, struct arena *a, int64_t cid, int64_t org, int64_t uid, const char *name,
		       const char *mobile, int role, int64_t staff, int64_t at)
{
	if (!uid)
		return 0;
	struct orgs_member m = {.user_id = uid, .name = name, .mobile = mobile, .note = ""};
	if (orgs_apply(db, a, cid, org, &m, at) != 0 || orgs_decide(db, cid, org, m.id, 1, NULL, staff, at) != 0)
		return -1;
	return role == OR_MEMBER ? 0 : orgs_set_role(db, cid, org, m.id, role, at) == 0 ? 0 : -1;
}

struct demo_story {
	int org; /* index in orgs[], -1 none */
	const char *title, *person;
	int consent, days_ago, published;
	const char *body;
};

static const struct demo_story stories[] = {
    {0, "深夜巡逻帮迷路老人找到家", "王国伟", 1, 40, 1,
     "晚上九点多,巡逻队在小区东门遇到一位找不到家的老人。队员们一边安抚老人,一边联系网格员查找登记信息,"
     "半小时后把老人平安送回家中。家属第二天送来感谢信。"},
    {3, "党员志愿者冒雨清理积水", "党员志愿服务队全体队员", 1, 75, 1,
     "暴雨过后,地下车库入口积水。党员志愿服务队十多名队员带着水泵和扫帚赶到现场,忙到深夜,"
     "保证了第二天居民正常出行。"},
    {-1, "邻居十年如一日照顾独居老人", "陈秀英", 0, 12, 1,
     "住在 6 号楼的陈阿姨十年来每天给楼下独居的李奶奶送饭、陪她聊天,逢年过节还陪老人去医院复查。"},
    {4, "巾帼志愿者为留守儿童辅导功课", "林红梅", 0, 3, 0,
     "每周四下午,巾帼志愿服务队在妇女之家为留守儿童辅导功课,已经坚持了一个学期。"},
};

int orgs_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	int xfl = !strcmp(c->slug, "xingfuli");
	const char *place = !strcmp(c->slug, "heping") ? "和平" : !strcmp(c->slug, "cuizhu") ? "翠竹" : "幸福里";
	int64_t staff = find_user(db, a, xfl ? "wangjg" : !strcmp(c->slug, "heping") ? "lihong" : "zhengh");
	struct ymd today = date_from_time(now);
	unsigned seed = (unsigned)c->id * 2654435761u;
	int64_t ids[sizeof orgs / sizeof *orgs];
	for (size_t k = 0; k < sizeof orgs / sizeof *orgs; k++) {
		const struct demo_org *d = &orgs[k];
		struct orgs_org o = {.kind = d->kind, .group = d->group, .purpose = d->purpose, .meets = d->meets,
				     .how_to_join = d->join, .active = 1};
		o.name = arena_printf(a, "%s%s", place, d->suffix);
		struct ymd f = today;
		f.y -= d->founded_years_ago;
		f.d = 1;
		date_format(f, o.founded_on);
		int64_t at = now - 200 * 86400;
		if (orgs_org_add(db, c->id, &o, staff, at) != 0)
			return -1;
		ids[k] = o.id;
		int accounts = 0;
		if (xfl && k == 0) { /* 王国伟 leads the patrol, 张三 patrols */
			if (add_account(db, a, c->id, o.id, find_user(db, a, "wanggw"), "王国伟", "13900139006", OR_LEADER,
					staff, at) < 0 ||
			    add_account(db, a, c->id, o.id, find_user(db, a, "zhangsan"), "张三", "13800138000", OR_MEMBER,
					staff, at) < 0)
				return -1;
			accounts = 2;
		}
		if (xfl && k == 2) { /* 张三 leads the dance troupe */
			if (add_account(db, a, c->id, o.id, find_user(db, a, "zhangsan"), "张三", "13800138000", OR_LEADER,
					staff, at) < 0)
				return -1;
			accounts = 1;
		}
		for (int i = accounts; i < d->members; i++) {
			seed = seed * 1103515245u + 12345u;
			struct orgs_member m = {
			    .name = arena_printf(a, "%s%s", surnames[(seed >> 8) % (sizeof surnames / sizeof *surnames)],
						 given[(seed >> 16) % (sizeof given / sizeof *given)]),
			    .mobile = arena_printf(a, "139%08u", (seed >> 4) % 100000000u),
			    .role = i == 0 ? OR_LEADER : i == 1 ? OR_DEPUTY : OR_MEMBER,
			    .note = ""};
			if (orgs_desk_add(db, a, c->id, o.id, &m, staff, at + i * 3600) != 0)
				return -1;
		}
	}
	for (size_t k = 0; k < sizeof stories / sizeof *stories; k++) {
		const struct demo_story *d = &stories[k];
		if (!xfl && !d->published)
			continue;
		struct orgs_story s = {.title = d->title, .person = !xfl && k == 0 ? "赵志强" : d->person, .consent = d->consent, .body = d->body,
				       .org_id = d->org >= 0 ? ids[d->org] : 0};
		date_format(date_add_days(today, -d->days_ago), s.told_on);
		int64_t at = now - (int64_t)(d->days_ago - 1) * 86400;
		if (orgs_story_add(db, a, c->id, &s, staff, at) != 0 ||
		    (d->published && orgs_story_publish(db, c->id, s.id, staff, at) != 0))
			return -1;
	}
	if (xfl) { /* 孙立 applied to the dance troupe */
		struct orgs_member m = {.user_id = find_user(db, a, "jiandu"), .name = "孙立", .mobile = "13900139004",
					.note = "退休了,想跟着一起跳舞"};
		if (m.user_id && orgs_apply(db, a, c->id, ids[2], &m, now - 2 * 86400) != 0)
			return -1;
	}
	if (!strcmp(c->slug, "cuizhu")) {
		struct orgs_org o = {.kind = OK_OTHER, .name = "翠竹读书会", .purpose = "每月共读一本书,交流读书心得。",
				     .meets = "每月最后一个周日下午,社区图书室", .active = 1};
		if (orgs_org_add(db, c->id, &o, staff, now - 400 * 86400) != 0)
			return -1;
		char on[11];
		date_format(date_add_days(today, -30), on);
		if (orgs_org_dissolve(db, c->id, o.id, on, "组织者搬离社区,成员并入老年人协会读书小组", staff, now) != 0)
			return -1;
	}
	return 0;
}
