/* `shequ demo`: each demo community's volunteers and service projects. In
 * 幸福里 the demo resident 张三 registered themself; in every community a
 * dozen residents registered at the desk, in the groups and with the
 * skills a community's volunteers have (党员 patrols, 巾帼 elder care, 青年
 * phone lessons). A year of 周末义务巡逻 (a night shift 22:00–次日06:00 each
 * Saturday, led by the grid worker in 幸福里) with its hours checked and
 * confirmed (the last week's waiting for confirmation), one corrected; 重阳节敬老服务 held and ended; 垃圾分类督导 and
 * 老年人智能手机教学 recruiting, with a shift today that 张三 signed up for. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/date.h"
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

/* A project added at `at` by staff, with leader (0 none), made recruiting. */
static int project(struct db *db, int64_t cid, const char *title, const char *what, const char *place,
		   const char *organizer, int64_t leader, int64_t staff, int64_t at, int64_t *id)
{
	struct vol_project p = {.title = title, .description = what, .place = place, .organizer = organizer,
				.leader_user_id = leader};
	return vol_project_add(db, cid, &p, staff, at, id) < 0 ? -1
	       : vol_project_set_state(db, cid, *id, "recruiting", NULL, at) != 0 ? -1
										: 0;
}

/* A past shift of project pid from starts to ends with volunteers v[0..n)
 * signed up a week before, checked in and out around it, and confirmed
 * the next day. */
static int held(struct db *db, int64_t cid, int64_t pid, int64_t starts, int64_t ends, const int64_t *v, size_t n,
		int64_t by, int confirm, unsigned *seed)
{
	int64_t sid, rid;
	if (vol_shift_add(db, cid, pid, starts, ends, (int64_t)n + 2, starts - 8 * 86400, &sid) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		*seed = *seed * 1103515245u + 12345u;
		int64_t in = starts - (int64_t)(*seed >> 8) % 900, out = ends + (int64_t)(*seed >> 12) % 1200 - 600;
		if (vol_signup(db, cid, sid, v[i], 0, starts - 7 * 86400, &rid) != 0 ||
		    vol_check(db, cid, rid, 0, by, in) != 0 || vol_check(db, cid, rid, 1, by, out) != 0 ||
		    (confirm && vol_confirm(db, cid, rid, -1, NULL, by, ends + 86400) != 0))
			return -1;
	}
	return 0;
}

static int demo_projects(struct db *db, struct arena *a, const struct community *c, int64_t now, int64_t staff,
			 const int64_t *ids, size_t nids)
{
	int xfl = !strcmp(c->slug, "xingfuli");
	int64_t leader = xfl ? vol_demo_user(db, a, "wanggw") : 0;
	int64_t by = leader ? leader : staff;
	struct ymd today = date_from_time(now);
	unsigned seed = (unsigned)c->id * 40503u;
	int64_t year_ago = now - 365 * 86400, pid, sid, rid;
	/* 周末义务巡逻: every Saturday night of the last year, four volunteers a night */
	if (project(db, c->id, "周末义务巡逻", "两人一组沿小区围墙和地下车库巡查,留意陌生人员、消防通道堵塞和高空抛物,发现问题及时报告网格员。",
		    "小区东门岗亭集合", "社区平安志愿者队", leader, staff, year_ago - 30 * 86400, &pid) != 0)
		return -1;
	struct ymd d = date_add_days(today, -364);
	while (date_weekday(d) != 6)
		d = date_add_days(d, 1);
	for (int w = 0; date_cmp(d, today) < 0; w++, d = date_add_days(d, 7)) {
		int64_t starts = date_at_minute(d, 22 * 60), ends = date_at_minute(date_add_days(d, 1), 6 * 60);
		if (ends + VOL_WINDOW_LATE >= now)
			break;
		int64_t v[4];
		for (int k = 0; k < 4; k++)
			v[k] = ids[(size_t)(w + k * 3) % nids];
		/* the last week's patrol waits for its hours to be confirmed */
		if (held(db, c->id, pid, starts, ends, v, 4, by, ends + 8 * 86400 < now, &seed) != 0)
			return -1;
	}
	/* the coming Saturday's night patrol */
	d = date_add_days(today, 1);
	while (date_weekday(d) != 6)
		d = date_add_days(d, 1);
	if (vol_shift_add(db, c->id, pid, date_at_minute(d, 22 * 60), date_at_minute(date_add_days(d, 1), 6 * 60), 6,
			  now - 86400, &sid) != 0 ||
	    vol_signup(db, c->id, sid, ids[1 % nids], 0, now - 3600, &rid) != 0)
		return -1;
	/* one confirmed record corrected afterwards */
	struct vol_record *r;
	size_t n;
	if (vol_volunteer_records(db, a, c->id, ids[0], 0, 20, &r, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (r[i].confirmed_minutes > 30) {
			if (vol_confirm(db, c->id, r[i].id, r[i].confirmed_minutes - 30, "核对纸质签到表,提前半小时离开", staff,
					r[i].ends_at + 2 * 86400) != 0)
				return -1;
			break;
		}
	/* 重阳节敬老服务: held last month, ended */
	int64_t at = now - 60 * 86400;
	if (project(db, c->id, "重阳节敬老服务", "陪社区高龄、独居老人包饺子、理发、量血压,给行动不便的老人送餐上门。",
		    "社区服务中心二楼活动室", "社区居委会、社区老年协会", 0, staff, at, &pid) != 0)
		return -1;
	struct ymd cy = date_add_days(today, -35);
	int64_t v5[5] = {ids[2 % nids], ids[3 % nids], ids[5 % nids], ids[8 % nids], ids[9 % nids]};
	if (held(db, c->id, pid, date_at_minute(cy, 8 * 60 + 30), date_at_minute(cy, 11 * 60 + 30), v5, 5, staff, 1,
		 &seed) != 0 ||
	    vol_project_set_state(db, c->id, pid, "ended", NULL, now - 30 * 86400) != 0)
		return -1;
	/* 垃圾分类督导: mornings at the sorting points, the next two weeks */
	if (project(db, c->id, "垃圾分类督导", "早上在垃圾分类投放点值守,指导居民分类投放、破袋,做好记录。", "各楼栋垃圾分类投放点",
		    "社区党委", leader, staff, now - 3 * 86400, &pid) != 0)
		return -1;
	for (int k = 0; k < 14; k++)
		if (vol_shift_add(db, c->id, pid, date_at_minute(date_add_days(today, k), 7 * 60),
				  date_at_minute(date_add_days(today, k), 9 * 60), 4, now - 3 * 86400, &sid) != 0)
			return -1;
	/* 老年人智能手机教学: today 19:00–21:00, 张三 (or the first volunteer) signed up */
	if (project(db, c->id, "老年人智能手机教学", "一对一教老人用手机视频通话、扫码就医、识别诈骗短信。", "社区党群服务中心三楼",
		    "青年志愿者服务队", leader, staff, now - 5 * 86400, &pid) != 0 ||
	    vol_shift_add(db, c->id, pid, date_at_minute(today, 19 * 60), date_at_minute(today, 21 * 60), 8,
			  now - 5 * 86400, &sid) != 0 ||
	    vol_signup(db, c->id, sid, ids[0], 0, now - 4 * 86400, &rid) != 0 ||
	    vol_shift_add(db, c->id, pid, date_at_minute(date_add_days(today, 7), 19 * 60),
			  date_at_minute(date_add_days(today, 7), 21 * 60), 8, now - 5 * 86400, &sid) != 0)
		return -1;
	/* a certificate for the first volunteer over the last year, and one revoked */
	struct vol_full full;
	struct vol_certificate cert;
	struct ymd from = date_add_days(today, -365), to = date_add_days(today, -1);
	if (vol_open(db, a, c->id, ids[0], &full) != 0 ||
	    vol_certificate_issue(db, a, c->id, vol_cert_prefix(a, c->name, c->slug), ids[0], from, to, full.name,
				  arena_printf(a, "%s居民委员会", c->name), staff, now - 7 * 86400, &cert) != 0)
		return -1;
	if (vol_open(db, a, c->id, ids[1 % nids], &full) != 0 ||
	    vol_certificate_issue(db, a, c->id, vol_cert_prefix(a, c->name, c->slug), ids[1 % nids], from, to,
				  full.name, arena_printf(a, "%s居民委员会", c->name), staff, now - 20 * 86400, &cert) != 0 ||
	    vol_certificate_revoke(db, c->id, cert.id, "服务记录有误,已重新核对", staff, now - 19 * 86400) != 0)
		return -1;
	/* a draft */
	struct vol_project draft = {.title = "社区义诊志愿服务", .description = "草稿:时间待与社区卫生服务中心确认。",
				    .place = "社区广场", .organizer = "社区卫生服务中心"};
	return vol_project_add(db, c->id, &draft, staff, now - 86400, &pid) < 0 ? -1 : 0;
}

int vol_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	const char *staff_login = !strcmp(c->slug, "xingfuli") ? "wangjg" : !strcmp(c->slug, "heping") ? "lihong"
												   : "zhengh";
	int64_t staff = vol_demo_user(db, a, staff_login);
	unsigned seed = (unsigned)c->id * 2246822519u;
	int64_t id, ids[16];
	size_t nids = 0;
	if (!strcmp(c->slug, "xingfuli")) {
		int64_t zs = vol_demo_user(db, a, "zhangsan");
		struct vol_new v = {.user_id = zs, .name = "张三", .phone = "13800138000", .skills = "it,repair",
				    .skills_note = "会用剪辑软件", .availability = "weekends,evenings",
				    .groups = "youth"};
		if (zs && vol_add(db, a, c->id, &v, now - 200 * 86400, &id) != 0)
			return -1;
		if (zs)
			ids[nids++] = id;
	}
	for (size_t i = 0; i < sizeof profiles / sizeof *profiles; i++) {
		seed = seed * 1103515245u + 12345u;
		char name[32], phone[16];
		snprintf(name, sizeof name, "%s%s", surnames[(seed >> 8) % 20], given[(seed >> 16) % 16]);
		snprintf(phone, sizeof phone, "137%08u", (seed >> 4) % 100000000u);
		const struct demo_profile *p = &profiles[i];
		struct vol_new v = {.by_user = staff, .name = name, .phone = phone, .skills = p->skills,
				    .skills_note = p->note, .availability = p->availability, .groups = p->groups};
		if (vol_add(db, a, c->id, &v, now - (int64_t)(400 - 20 * i) * 86400, &ids[nids++]) != 0)
			return -1;
	}
	return demo_projects(db, a, c, now, staff, ids, nids);
}
