/* `shequ demo`: each demo community's activities. A 重阳节 lunch for
 * residents over 60 that is full with a waitlist (several signed up at
 * the desk with 电话提醒, within the next three days), a 居民学校 class
 * with the demo resident signed up, a youth mental-health class and a
 * job-skills training ahead, a 三八妇女节 activity held last month with
 * its attendance and published report, and a draft. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/date.h"
#include "modules/activities/activities_web.h"
#include "org/org.h"

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
				       "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
static const char *const given[] = {"桂兰", "秀英", "德明", "玉珍", "建华", "淑芬", "国庆", "凤英",
				    "志强", "丽华", "卫东", "春梅", "宝山", "金凤", "长顺", "月娥"};

struct demo_act {
	const char *kind, *title, *organizer, *place, *audience, *description;
	int day, start, minutes; /* day from today, minute of the day, length */
	int capacity, min_age, signups, desk_calls;
	int publish, report;
	const char *room; /* the facility it is held in (facilities demo), or NULL */
};

static const struct demo_act acts[] = {
    {"festival", "重阳节敬老包饺子", "社区居委会、社区老年协会", "社区服务中心二楼活动室", "社区60岁以上老人",
     "九九重阳,敬老爱老。邀请社区老人一起包饺子、拉家常,社区卫生服务站现场免费量血压。", 2, 9 * 60 + 30, 150,
     20, 60, 25, 6, 1, 0, NULL},
    {"school", "居民学校·智能手机课堂:学会用手机挂号和视频通话", "社区居民学校", "社区服务中心三层多功能厅",
     "社区居民,老年人优先", "手把手教老人用智能手机预约挂号、视频通话、识别诈骗电话。请带上自己的手机。", 6,
     19 * 60, 90, 30, 0, 12, 2, 1, 0},
    {"youth", "青少年心理健康课:学会和压力做朋友", "社区心理服务站", "", "10-16岁青少年及家长",
     "由心理咨询师带领,通过游戏和分享认识情绪、应对学习压力。", 9, 14 * 60, 120, 25, 0, 8, 0, 1, 0, "社区活动室"},
    {"skills", "就业技能培训:家政服务(育婴员)", "街道社会保障所", "社区社会保障工作站", "社区失业、待业居民",
     "为期一天的育婴员技能培训,结业后可参加职业技能等级认定。", 14, 9 * 60, 420, 40, 0, 5, 0, 1, 0},
    {"reading", "读书会:《平凡的世界》共读", "社区图书室", "社区图书室", "社区居民", "每月一次,欢迎带上你的读书笔记。", 20,
     19 * 60, 90, 0, 0, 6, 0, 1, 0},
    {"festival", "三八妇女节插花活动", "社区妇联", "社区服务中心二楼活动室", "社区女性居民",
     "庆祝三八国际妇女节,花艺老师教大家插花。", -25, 14 * 60, 120, 30, 0, 26, 3, 1, 1, "社区活动室"},
    {"volunteer", "八一建军节退役军人座谈会", "社区退役军人服务站", "社区党群服务中心会议室", "社区退役军人",
     "草稿:时间待与街道确认。", 30, 9 * 60, 120, 40, 0, 0, 0, 0, 0},
};

/* A small PNG (8 by 6 pixels, red fading to orange) standing for a photo of the report. */
static const char demo_photo[] =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52"
    "\x00\x00\x00\x08\x00\x00\x00\x06\x08\x02\x00\x00\x00\x71\x67\x48"
    "\xac\x00\x00\x00\x2a\x49\x44\x41\x54\x78\x9c\x6d\xc2\xa1\x11\x00"
    "\x30\x0c\x03\x31\x0f\xf6\xb8\xb8\xb8\x38\xb8\x73\xfe\x58\x59\xc0"
    "\x3a\x45\xa8\xe3\xa1\x8e\x97\x3a\x3e\xea\x38\xd4\xf1\x53\x2f\x86"
    "\xbc\x40\xb1\x86\xeb\xa2\x67\x00\x00\x00\x00\x49\x45\x4e\x44\xae"
    "\x42\x60\x82";

/* The community's facility named name, or NULL. */
static const struct facilities_room *find_room(struct db *db, struct arena *a, int64_t community_id, const char *name)
{
	struct facilities_room *m;
	size_t n;
	if (!name || facilities_rooms(db, a, community_id, &m, &n) < 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(m[i].name, name))
			return &m[i];
	return NULL;
}

/* Holds activity v's room once published, as the staff page does; when the
 * facilities demo booked that time already, the activity keeps only its
 * place's words. 0 or -1. */
static int demo_hold(struct db *db, struct arena *a, int64_t community_id, struct act_activity *v, int64_t staff,
		     int64_t at)
{
	int64_t booking;
	int rc = facilities_hold(db, a, community_id, v->facility_id, v->id, v->title, v->organizer, (int)v->capacity,
				 v->starts_at, v->ends_at, staff, at, &booking);
	if (rc < 0)
		return -1;
	if (rc == FH_OK)
		return act_set_booking(db, community_id, v->id, booking);
	v->facility_id = 0;
	return act_update(db, community_id, v, staff, at) < 0 ? -1 : 0;
}

static int64_t find_user(struct db *db, struct arena *a, const char *login)
{
	struct auth_user u;
	return auth_user_by_login(db, a, login, &u, NULL) == 0 ? u.id : 0;
}

int act_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	int64_t staff = find_user(db, a, !strcmp(c->slug, "xingfuli") ? "wangjg" : !strcmp(c->slug, "heping") ? "lihong"
															      : "zhengh");
	int64_t resident = !strcmp(c->slug, "xingfuli") ? find_user(db, a, "zhangsan") : 0;
	struct ymd today = date_from_time(now);
	unsigned seed = (unsigned)c->id * 2654435761u;
	for (size_t k = 0; k < sizeof acts / sizeof *acts; k++) {
		const struct demo_act *d = &acts[k];
		struct act_activity v = {.kind = d->kind, .title = d->title, .organizer = d->organizer, .place = d->place,
					 .audience = d->audience, .description = d->description,
					 .capacity = d->capacity, .min_age = d->min_age};
		const struct facilities_room *room = find_room(db, a, c->id, d->room);
		if (room) { /* as the form does when the place is left for the room */
			v.facility_id = room->id;
			if (!*v.place)
				v.place = arena_printf(a, "%s(%s)", room->name, room->place);
		}
		v.starts_at = date_at_minute(date_add_days(today, d->day), d->start);
		v.ends_at = v.starts_at + (int64_t)d->minutes * 60;
		v.signup_closes_at = v.starts_at - 3600;
		/* a past one was made and signed up for a week before it */
		int64_t at = d->day < 0 ? v.starts_at - 7 * 86400 : now - 86400;
		int64_t id;
		if (act_add(db, c->id, &v, staff, at, &id) < 0)
			return -1;
		if (d->publish && act_publish(db, c->id, id, staff, at) != 0)
			return -1;
		v.id = id;
		if (d->publish && v.facility_id && demo_hold(db, a, c->id, &v, staff, at) < 0)
			return -1;
		for (int i = 0; i < d->signups; i++) {
			seed = seed * 1103515245u + 12345u;
			char name[32], phone[16];
			snprintf(name, sizeof name, "%s%s", surnames[(seed >> 8) % 20], given[(seed >> 16) % 16]);
			snprintf(phone, sizeof phone, "139%08u", (seed >> 4) % 100000000u);
			int desk = i >= d->signups - d->desk_calls;
			struct act_signup_new s = {.by_user = desk ? staff : 0, .name = name, .phone = phone,
						   .needs_call = desk};
			if (!desk && i == 0 && resident && !strcmp(d->kind, "school")) {
				s.user_id = resident;
				s.name = "张三";
				s.phone = "13800138000";
			}
			struct act_signup_done done;
			if (act_signup_add(db, a, c->id, id, &s, at + i * 60, &done) != 0)
				return -1;
			if (d->report && i % 5 != 4) {
				int changed;
				if (act_check_in(db, c->id, id, done.id, v.starts_at + 600, &changed) != 0)
					return -1;
			}
		}
		if (d->report &&
		    act_report_save(db, c->id, id,
				    "活动当天下午,20 多位女性居民在活动室跟着花艺老师学习插花,每人带回了一瓶自己插的花。"
				    "社区妇联为参加活动的居民准备了节日贺卡。",
				    1, staff, v.ends_at + 86400) != 0)
			return -1;
		int64_t pid;
		for (int i = 0; d->report && i < 2; i++)
			if (act_photo_add(db, c->id, id, i ? "合影.png" : "插花作品.png", "image/png", demo_photo,
					  sizeof demo_photo - 1, v.ends_at + 86400, &pid) != 0)
				return -1;
	}
	return 0;
}
