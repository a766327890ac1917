/* `shequ demo`: each demo community's rooms and equipment (an activity room
 * that needs approval, a meeting room, a billiards table and a table-tennis
 * table confirmed at once, and a school hall a resident unit lends on
 * weekends), with bookings by its residents, organizations and the desk
 * over the past weeks and the next days: confirmed, pending, cancelled,
 * one refused and one no-show. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "modules/facilities/facilities_internal.h"
#include "org/org.h"

struct demo_facility {
	const char *name, *kind, *place, *rules, *provided_by;
	int capacity, needs_approval, slot, max, ahead;
	const char *hours[7]; /* Monday .. Sunday, as staff type them */
	int holidays_open;
};

#define DAYTIME "08:30-12:00, 14:00-21:00"

static const struct demo_facility facilities[] = {
    {"社区活动室", "活动室", "社区服务中心二层 201",
     "1. 活动结束请恢复桌椅、关闭空调和灯。\n2. 室内禁止吸烟。\n3. 需社区审核后方可使用,请提前一天预约。", "", 40, 1, 30,
     180, 14, {DAYTIME, DAYTIME, DAYTIME, DAYTIME, DAYTIME, "09:00-17:00", "09:00-17:00"}, 0},
    {"第一会议室", "会议室", "社区服务中心三层 302",
     "会议室配有投影仪,钥匙在一楼服务台领取。\n使用后请清理白板。", "", 16, 0, 30, 240, 14,
     {"08:30-17:30", "08:30-17:30", "08:30-17:30", "08:30-17:30", "08:30-17:30", "休息", "休息"}, 0},
    {"台球桌", "台球桌", "社区服务中心一层文体室", "每次最长 1 小时,球杆用后放回架上。", "", 4, 0, 30, 60, 7,
     {"09:00-21:00", "09:00-21:00", "09:00-21:00", "09:00-21:00", "09:00-21:00", "09:00-21:00", "09:00-21:00"}, 1},
    {"乒乓球台", "乒乓球台", "小区中心广场东侧", "室外球台,雨天暂停使用。", "", 4, 0, 30, 120, 7,
     {"06:00-21:00", "06:00-21:00", "06:00-21:00", "06:00-21:00", "06:00-21:00", "06:00-21:00", "06:00-21:00"}, 1},
    {"小学礼堂", "多功能厅", "小学校内,西门进入",
     "学校周末向社区开放,仅限社区组织的活动,须社区审核。\n请保持校园整洁,不得进入教学楼。", "小学 提供", 200, 1, 60,
     240, 21, {"休息", "休息", "休息", "休息", "休息", "09:00-17:00", "09:00-17:00"}, 0},
};

/* A booker for the demo: a resident, an organization or the desk. */
struct demo_booker {
	const char *name, *phone, *organization, *purpose;
	int people;
};

static const struct demo_booker bookers[] = {
    {"张桂兰", "13911012345", "老年人协会", "合唱团排练", 25},
    {"李建国", "13701234567", "", "家庭聚会", 8},
    {"王秀英", "13812345678", "志愿者服务队", "志愿者例会", 12},
    {"刘强", "13623456789", "", "业委会筹备小组讨论", 6},
    {"陈晓燕", "15001234567", "", "亲子手工活动", 10},
    {"赵德明", "18611223344", "书画社", "书法练习", 15},
};
#define NBOOKERS (sizeof bookers / sizeof *bookers)

/* Who books the billiards and table-tennis tables. */
static const struct demo_booker players[] = {
    {"孙志刚", "13512345678", "", "台球练习", 2},
    {"周敏", "13698765432", "", "乒乓球对练", 2},
    {"吴国强", "15811112222", "乒乓球爱好者协会", "周末乒乓球友谊赛", 4},
};
#define NPLAYERS (sizeof players / sizeof *players)

/* The booker of facility i (by the demo table's order) on a day. */
static const struct demo_booker *booker(size_t i, int day)
{
	size_t k = (size_t)(day + 21);
	return i == 2 || i == 3 ? &players[k % NPLAYERS] : &bookers[k % NBOOKERS];
}

/* Books facility id at day offset `day` from today, trying the starts in
 * turn until one fits; `at` is the moment the booking is made (in the past
 * for bookings already held). The booking's id or 0 when none fitted. */
static int64_t book(struct db *db, struct arena *a, int64_t cid, int64_t fid, int day, int len, const struct demo_booker *b,
		    int64_t user, const char *user_name, int64_t staff, int64_t at, int64_t now)
{
	static const int starts[] = {9 * 60, 10 * 60, 14 * 60 + 30, 15 * 60, 19 * 60};
	const size_t ns = sizeof starts / sizeof *starts;
	for (size_t k = 0; k < ns; k++) {
		/* a different first choice from day to day and facility to facility */
		size_t i = ((size_t)(day + 21) * 3 + (size_t)fid + k) % ns;
		struct facilities_request q = {
		    .day = date_add_days(date_from_time(now), day), .start_min = starts[i], .end_min = starts[i] + len,
		    .people = b->people, .organization = b->organization, .purpose = b->purpose, .name = user && user_name ? user_name : b->name,
		    .phone = b->phone, .user_id = user, .by_user = staff};
		int64_t id;
		enum facilities_refusal r;
		if (facilities_book(db, a, cid, fid, &q, at, &id, &r) < 0)
			return -1;
		if (r == FR_OK)
			return id;
	}
	return 0;
}

int facilities_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	size_t nl = strlen(c->name) >= strlen("社区") ? strlen(c->name) - strlen("社区") : strlen(c->name);
	const char *place = arena_strndup(a, c->name, nl);
	struct auth_member *m;
	size_t n;
	int64_t staff = 0, resident = 0;
	const char *resident_name = NULL;
	if (auth_users_with_role(db, a, c->id, ROLE_STAFF, &m, &n) < 0)
		return -1;
	if (n)
		staff = m[0].id;
	if (auth_users_with_role(db, a, c->id, ROLE_RESIDENT, &m, &n) < 0)
		return -1;
	if (n) {
		resident = m[0].id;
		resident_name = m[0].display_name;
	}
	int64_t ids[sizeof facilities / sizeof *facilities];
	for (size_t i = 0; i < sizeof facilities / sizeof *facilities; i++) {
		const struct demo_facility *d = &facilities[i];
		struct facilities_facility f = {
		    .name = d->provided_by[0] ? arena_printf(a, "%s%s", place, d->name) : d->name, .kind = d->kind,
		    .place = d->provided_by[0] ? arena_printf(a, "%s%s", place, d->place) : d->place, .rules = d->rules,
		    .provided_by = d->provided_by[0] ? arena_printf(a, "%s%s", place, d->provided_by) : "",
		    .capacity = d->capacity, .needs_approval = d->needs_approval, .open_residents = !d->provided_by[0],
		    .open_orgs = 1, .slot_min = d->slot, .max_min = d->max, .days_ahead = d->ahead, .active = 1};
		f.hours.holidays_open = d->holidays_open;
		for (int w = 0; w < 7; w++) {
			char err[200];
			if (services_day_parse(d->hours[w], &f.hours.week[w], err, sizeof err) < 0)
				return -1;
		}
		if (facilities_add(db, c->id, &f, now - 60 * 86400, &ids[i]) != 0)
			return -1;
	}
	/* The past three weeks: held bookings, one no-show, one cancelled. */
	int cancelled = 0;
	for (int day = -21; day < 0; day += 2) {
		int64_t at = now + (int64_t)(day - 3) * 86400;
		for (size_t i = 0; i < 4; i++) {
			const struct demo_booker *b = booker(i, day);
			int64_t id = book(db, a, c->id, ids[i], day, i == 2 ? 60 : 90, b, b->organization[0] ? 0 : resident,
					  resident_name, b->organization[0] ? staff : 0, at, now);
			if (id < 0)
				return -1;
			if (id && i == 0 && facilities_booking_move(db, c->id, id, 1u << FB_PENDING, FB_CONFIRMED, staff, "",
								   at + 3600) < 0)
				return -1;
			if (id && day == -9 && i == 2 &&
			    facilities_booking_move(db, c->id, id, 1u << FB_CONFIRMED, FB_NO_SHOW, staff, "未到场", now) < 0)
				return -1;
			if (id && day >= -15 && i == 1 && !cancelled++ &&
			    facilities_booking_move(db, c->id, id, 1u << FB_CONFIRMED, FB_CANCELLED, 0, "临时有事", at + 7200) < 0)
				return -1;
		}
	}
	/* The next days: confirmed ones, two awaiting approval, one refused. */
	for (int day = 1; day <= 7; day++) {
		for (size_t i = 0; i < sizeof facilities / sizeof *facilities; i++) {
			const struct demo_booker *b = booker(i, day);
			if ((day + (int)i) % 2)
				continue;
			int64_t id = book(db, a, c->id, ids[i], day, i == 4 ? 180 : 60, b, b->organization[0] ? 0 : resident,
					  resident_name, 0, now, now);
			if (id < 0)
				return -1;
			if (id && i == 0 && day == 4 &&
			    facilities_booking_move(db, c->id, id, 1u << FB_PENDING, FB_REFUSED, staff,
						    "当天活动室已安排社区党课,请改约其他时间。", now) < 0)
				return -1;
		}
	}
	return 0;
}
