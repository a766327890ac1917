/* `shequ demo`: every kind of station a community has, with real-looking
 * hours (a lunch break, a Saturday morning, evening classes, a pharmacy
 * open past midnight, a clinic open on holidays), phones in the
 * community's own exchange, a roster of its committee members, and its
 * hotlines beside the 12345 every community starts with. */
#include <stdio.h>
#include <string.h>

#include "modules/services/services.h"
#include "org/org.h"

struct demo_station {
	const char *kind, *suffix, *where, *services, *note;
	const char *hours[7]; /* Monday .. Sunday, as staff type them */
	int holidays_open, makeup_weekday, duty_public, with_duty;
};

#define WORKDAYS "08:30-12:00, 14:00-17:30"

static const struct demo_station stations[] = {
    {"社区服务站", "社区服务站", "社区服务中心一层",
     "居民事务受理、开具证明\n老年人优待证办理\n流动人口登记、居住证办理\n残疾人证申领初审", "周六上午有工作人员值班。",
     {WORKDAYS, WORKDAYS, WORKDAYS, WORKDAYS, WORKDAYS, "09:00-12:00", "休息"}, 0, 1, 1, 1},
    {"社会救助站", "社区社会救助站", "社区服务中心一层东侧",
     "最低生活保障申请\n临时救助\n特困人员供养\n医疗救助咨询", "遇急难情况,非办公时间请拨打社区应急值守电话。",
     {WORKDAYS, WORKDAYS, WORKDAYS, WORKDAYS, WORKDAYS, "休息", "休息"}, 0, 1, 1, 1},
    {"科普工作站", "社区科普工作站", "社区服务中心二层",
     "科普讲座和展板\n防范电信诈骗宣传\n青少年科学体验", "",
     {"休息", "09:00-11:30, 14:30-17:00", "09:00-11:30, 14:30-17:00", "09:00-11:30, 14:30-17:00",
      "09:00-11:30, 14:30-17:00", "09:00-11:30", "休息"},
     0, 0, 1, 0},
    {"卫生服务站", "社区卫生服务站", "5号楼底商",
     "常见病、多发病诊疗\n慢性病随访管理\n预防接种\n家庭医生签约\n65 岁以上老年人免费体检", "节假日照常接诊。",
     {"08:00-12:00, 13:30-17:00", "08:00-12:00, 13:30-17:00", "08:00-12:00, 13:30-17:00", "08:00-12:00, 13:30-17:00",
      "08:00-12:00, 13:30-17:00", "08:00-12:00", "08:00-12:00"},
     1, 0, 1, 0},
    {"社会保障工作站", "社区社会保障工作站", "社区服务中心一层西侧",
     "城乡居民养老保险、医疗保险参保登记\n就业、失业登记\n社保卡申领和挂失", "",
     {WORKDAYS, WORKDAYS, WORKDAYS, WORKDAYS, WORKDAYS, "休息", "休息"}, 0, 1, 1, 1},
    {"居民学校", "社区居民学校", "社区服务中心三层多功能厅",
     "老年书法班(周二晚)\n智能手机课堂(周四晚)\n家庭教育讲座(周六上午)", "课程安排以每月公告为准。",
     {"休息", "19:00-21:00", "休息", "19:00-21:00", "休息", "09:00-11:30", "休息"}, 0, 0, 0, 1},
    {"便民服务网点", "便民药房", "南门外临街",
     "非处方药品\n夜间急用药\n免费测量血压", "夜间购药请按门铃。",
     {"08:00-次日02:00", "08:00-次日02:00", "08:00-次日02:00", "08:00-次日02:00", "08:00-次日02:00", "08:00-次日02:00",
      "08:00-次日02:00"},
     1, 0, 1, 0},
    {"便民服务网点", "便民维修点", "8号楼北侧车棚旁",
     "小家电维修\n配钥匙、修鞋\n自行车修理", "",
     {"08:00-12:00, 13:00-19:00", "08:00-12:00, 13:00-19:00", "08:00-12:00, 13:00-19:00", "08:00-12:00, 13:00-19:00",
      "08:00-12:00, 13:00-19:00", "08:00-12:00, 13:00-19:00", "08:00-12:00, 13:00-19:00"},
     1, 0, 1, 0},
};

/* The community's exchange, "010-648812" from its office phone
 * "010-6488 1201": station k dials "010-6488121" k, its emergency line
 * "010-64881299". */
static const char *exchange(struct arena *a, const char *phone, int64_t id)
{
	char d[16];
	size_t n = 0;
	for (const char *p = phone; p && *p && n < sizeof d - 1; p++)
		if (*p >= '0' && *p <= '9')
			d[n++] = *p;
	d[n] = 0;
	if (n != 11 || d[0] != '0')
		return arena_printf(a, "010-6490%02d", (int)(id % 100));
	return arena_printf(a, "%.3s-%.6s", d, d + 3);
}

/* "幸福里" of "幸福里社区". */
static const char *short_name(struct arena *a, const char *name)
{
	size_t n = strlen(name), k = strlen("社区");
	return n > k && !strcmp(name + n - k, "社区") ? arena_strndup(a, name, n - k) : name;
}

/* A duty roster from the community's committee: one line per member, up to three. */
static const char *roster(struct arena *a, const struct committee_member *m, size_t n)
{
	static const char *const days[] = {"周一、周四", "周二、周五", "周三"};
	const char *out = "";
	size_t used = 0;
	for (size_t i = 0; out && i < n && used < 3; i++) {
		int again = 0;
		for (size_t j = 0; j < i; j++)
			again |= !strcmp(m[j].name, m[i].name);
		if (again)
			continue;
		out = arena_printf(a, "%s%s%s:%s(%s)", out, used ? "\n" : "", days[used], m[i].name, m[i].title);
		used++;
	}
	return out;
}

int services_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	struct community_profile p;
	struct committee_member *m;
	size_t nm;
	if (org_profile_get(db, a, c->id, &p) < 0 || org_committee_list(db, a, c->id, &m, &nm) < 0)
		return -1;
	const char *ex = exchange(a, p.phone, c->id), *base = short_name(a, c->name), *duty = roster(a, m, nm);
	if (!ex || !base || !duty)
		return -1;
	for (size_t i = 0; i < sizeof stations / sizeof *stations; i++) {
		const struct demo_station *d = &stations[i];
		struct services_station s = {
		    .kind = d->kind,
		    .name = arena_printf(a, "%s%s", base, d->suffix),
		    .address = arena_printf(a, "%s%s", base, d->where),
		    .phone = arena_printf(a, "%s1%zu", ex, i),
		    .services = d->services,
		    .duty = d->with_duty ? duty : "",
		    .duty_public = d->duty_public,
		    .note = d->note,
		    .hours = {.holidays_open = d->holidays_open, .makeup_weekday = d->makeup_weekday},
		};
		char err[256];
		for (int w = 0; w < 7; w++)
			if (services_day_parse(d->hours[w], &s.hours.week[w], err, sizeof err) < 0)
				return -1;
		int64_t id;
		if (!s.name || !s.address || !s.phone || services_station_add(db, c->id, &s, now, &id) != 0)
			return -1;
	}
	/* The service hotline is the one on the community's profile, without its spaces. */
	char service[32];
	size_t k = 0;
	for (const char *q = p.hotline; *q && k < sizeof service - 1; q++)
		if (*q != ' ')
			service[k++] = *q;
	service[k] = 0;
	if (!k)
		snprintf(service, sizeof service, "%s00", ex);
	struct services_hotline h[] = {
	    {.kind = HOTLINE_SERVICE, .name = "社区服务热线", .number = service, .hours = "工作日 8:30-17:30"},
	    {.kind = HOTLINE_EMERGENCY, .name = "社区应急值守电话", .number = arena_printf(a, "%s99", ex), .hours = "24小时"},
	    {.kind = HOTLINE_OTHER, .name = "物业服务中心报修", .number = arena_printf(a, "%s88", ex),
	     .hours = "每天 8:00-20:00"},
	};
	for (size_t i = 0; i < sizeof h / sizeof *h; i++) {
		int64_t id;
		if (!h[i].number || services_hotline_add(db, c->id, &h[i], now, &id) < 0)
			return -1;
	}
	return 0;
}
