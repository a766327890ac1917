/* `shequ demo`: a registry for every demo community, made through the store
 * as the desk would: 6–12 buildings in one naming style, units and rooms,
 * 150–400 residents in households of the usual shapes (elderly couples
 * and widows living alone, families, three generations, tenants), common
 * surnames and given names of their generation, valid 18-digit ID numbers
 * of the city (tenants from other provinces), mobiles for most adults,
 * tags in realistic proportions, a grid per group of three buildings, a few
 * who moved out (one due for erasure soon), one deceased and two tenants
 * registered without an address. A fixed seed per community, so every demo
 * is the same; everything in the caller's transaction. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "modules/people/people_web.h"

struct rng {
	uint64_t s;
};

static uint32_t rnd(struct rng *g)
{
	g->s ^= g->s << 13;
	g->s ^= g->s >> 7;
	g->s ^= g->s << 17;
	return (uint32_t)(g->s >> 11);
}

/* 0 .. n-1 */
static int pick(struct rng *g, int n)
{
	return (int)(rnd(g) % (uint32_t)n);
}

/* 1 with probability pct percent. */
static int chance(struct rng *g, int pct)
{
	return pick(g, 1000) < pct * 10;
}

#define N(a) ((int)(sizeof a / sizeof *a))

/* The commonest surnames first: picked with a bias to the front. */
static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊", "秦", "邱",
};

/* Given names by generation: [0] born before 1965, [1] 1965–1989, [2] after. */
static const char *const male_names[3][14] = {
    {"建国", "国庆", "志强", "德明", "永福", "春生", "建华", "桂林", "福海", "振华", "文斌", "玉山", "长青",
     "树林"},
    {"伟", "强", "磊", "军", "勇", "涛", "斌", "海波", "志刚", "建军", "晓东", "卫东", "红军", "立国"},
    {"浩", "宇", "杰", "鹏", "晨", "子豪", "浩然", "宇轩", "子轩", "俊杰", "博文", "一鸣", "梓睿", "天佑"},
};
static const char *const female_names[3][14] = {
    {"秀英", "桂英", "玉兰", "秀兰", "淑珍", "凤英", "桂兰", "素芬", "玉珍", "淑英", "翠花", "桂芳", "秀珍",
     "兰英"},
    {"丽", "敏", "静", "燕", "艳", "娟", "霞", "红梅", "丽华", "晓梅", "海燕", "秀梅", "丽娟", "雪梅"},
    {"婷", "雪", "欣", "悦", "佳怡", "梓涵", "欣怡", "雨桐", "诗涵", "子涵", "思彤", "可馨", "一诺", "语嫣"},
};

/* Where tenants come from: 石家庄, 郑州, 济南, 成都, 武汉, 合肥. */
static const char *const other_areas[] = {"130102", "410105", "370102", "510104", "420106", "340104"};
static const char *const mobile_prefixes[] = {"138", "139", "136", "137", "135", "150", "151", "158",
                                              "159", "186", "187", "188", "177", "133", "189", "130"};
static const char *const grid_names[] = {"第一网格", "第二网格", "第三网格", "第四网格"};

struct demo {
	struct db *db;
	struct arena pa; /* per resident, reset after each */
	struct rng g;
	const struct community *c;
	int64_t now;
	int year, seq; /* seq: the ID numbers' sequence, unique in the community */
	const char *area;
	const char *building, *unit, *room, *grid;
	int64_t *ids; /* residents made, for the status changes */
	int nids, capids;
	int64_t *elderly;
	int nelderly;
};

struct member {
	const char *relation, *surname;
	int age, male;
	const char *area; /* NULL: the community's */
	int tenant, no_address;
};

static const char *given(struct demo *d, int male, int age)
{
	int born = d->year - age;
	int gen = born < 1965 ? 0 : born < 1990 ? 1 : 2;
	return male ? male_names[gen][pick(&d->g, 14)] : female_names[gen][pick(&d->g, 14)];
}

static const char *surname(struct demo *d)
{
	int n = N(surnames);
	/* the square of a uniform number favours the front of the list */
	int k = pick(&d->g, n);
	return surnames[k * pick(&d->g, n) / n];
}

/* Appends tag to the 、-list in buf (size 160). */
static void tag(char *buf, const char *t)
{
	size_t n = strlen(buf);
	snprintf(buf + n, 160 - n, "%s%s", n ? "、" : "", t);
}

/* Writes one resident; 0 or -1. The ID number's sequence is unique in the
 * community, so no write meets the registry's unique index. */
static int person(struct demo *d, const struct member *m, const char *tags, const char *note)
{
	struct arena *a = &d->pa;
	arena_reset(a);
	int born = d->year - m->age;
	int month = 1 + pick(&d->g, 12), day = 1 + pick(&d->g, 28);
	if (m->age <= 1) { /* born early in the year, never in the future */
		month = 1;
		day = 1 + pick(&d->g, 5);
	}
	int seq = d->seq++ * 2 + (m->male ? 1 : 0); /* the 17th digit: odd for men */
	char id[64]; /* 18 characters: the sizes above keep every field in its width */
	snprintf(id, sizeof id, "%.6s%04d%02d%02d%03dX", m->area ? m->area : d->area, born % 10000, month,
	         day, seq % 1000);
	id[17] = pii_id_check_char(id);
	char phone[12] = "";
	if (m->age >= 18 && chance(&d->g, m->age >= 80 ? 55 : 92))
		snprintf(phone, sizeof phone, "%s%04d%04d", mobile_prefixes[pick(&d->g, N(mobile_prefixes))],
		         pick(&d->g, 10000), pick(&d->g, 10000));
	const char *name = arena_printf(a, "%s%s", m->surname, given(d, m->male, m->age));
	struct people_input in = {
	    .name = name ? name : "",
	    .gender = "",
	    .id_number = id,
	    .birth = "",
	    .phone = phone,
	    .building = m->no_address ? "" : d->building,
	    .unit = m->no_address ? "" : d->unit,
	    .room = m->no_address ? "" : d->room,
	    .household = "",
	    .relation = m->no_address ? "" : m->relation,
	    .tags = tags,
	    .grid = m->no_address ? "" : d->grid,
	    .note = note,
	};
	struct people_record r;
	struct people_problem p[PEOPLE_MAX_PROBLEMS];
	int64_t id_out;
	if (people_check(a, &in, d->now, &r, p) != 0 ||
	    people_person_add(d->db, a, d->c->id, &r, 0, d->now - 200 * 86400, &id_out) != 0)
		return -1;
	if (d->nids == d->capids)
		return 0;
	d->ids[d->nids++] = id_out;
	if (m->age >= 75 && d->nelderly < 64)
		d->elderly[d->nelderly++] = id_out;
	return 0;
}

/* The tags of a member of a household of n: elderly care, service and
 * the sensitive ones, each in about the share a community has. */
static const char *member_tags(struct demo *d, const struct member *m, int n, int poor, char *buf)
{
	buf[0] = 0;
	if (m->age >= 80)
		tag(buf, "高龄老人");
	if (m->age >= 65 && n == 1)
		tag(buf, "独居老人");
	else if (m->age >= 65 && n == 2)
		tag(buf, "空巢老人");
	if (m->tenant)
		tag(buf, "流动人口");
	if (m->male && m->age >= 40 && chance(&d->g, 6))
		tag(buf, "退役军人");
	if (m->age >= 30 && chance(&d->g, 7))
		tag(buf, "党员");
	if (m->age >= 20 && m->age < 70 && chance(&d->g, 4))
		tag(buf, "志愿者");
	if (chance(&d->g, 2))
		tag(buf, "残疾人");
	if (poor && m->age >= 18)
		tag(buf, "低保户");
	if (m->age >= 60 && chance(&d->g, 8))
		tag(buf, "慢性病患者");
	if (m->age >= 25 && m->age < 55 && chance(&d->g, 1))
		tag(buf, "失业人员");
	return buf;
}

/* One household of the shape k at the current room. 0 or -1. */
static int household(struct demo *d, int *made, int rep, int leader)
{
	struct member m[6];
	int n = 0;
	const char *sn = surname(d);
	int shape = pick(&d->g, 100);
	int tenant = shape >= 90;
	const char *area = tenant ? other_areas[pick(&d->g, N(other_areas))] : NULL;
	if (shape < 10) { /* an elderly resident alone, mostly a widow */
		int male = chance(&d->g, 30);
		m[n++] = (struct member){"户主", sn, 68 + pick(&d->g, 24), male, NULL, 0, 0};
	} else if (shape < 28) { /* an elderly couple */
		int age = 62 + pick(&d->g, 24);
		m[n++] = (struct member){"户主", sn, age, 1, NULL, 0, 0};
		m[n++] = (struct member){"配偶", surname(d), age - pick(&d->g, 5), 0, NULL, 0, 0};
	} else if (shape < 68) { /* parents and children */
		int age = 30 + pick(&d->g, 26);
		int male = chance(&d->g, 80);
		m[n++] = (struct member){"户主", sn, age, male, NULL, 0, 0};
		m[n++] = (struct member){"配偶", surname(d), age - 2 + pick(&d->g, 5), !male, NULL, 0, 0};
		int kids = 1 + chance(&d->g, 40);
		for (int k = 0; k < kids; k++) {
			int boy = chance(&d->g, 51);
			int kage = 1 + pick(&d->g, age - 24 > 1 ? age - 24 : 1);
			m[n++] = (struct member){
			    boy ? "子" : "女", male ? sn : m[1].surname, kage, boy, NULL, 0, 0};
		}
		if (chance(&d->g, 12)) /* a widowed parent moved in */
			m[n++] = (struct member){chance(&d->g, 35) ? "父亲" : "母亲",
			                         sn,
			                         age + 26 + pick(&d->g, 8),
			                         0,
			                         NULL,
			                         0,
			                         0};
		if (!strcmp(m[n - 1].relation, "父亲"))
			m[n - 1].male = 1;
	} else if (shape < 80) { /* three generations */
		int age = 56 + pick(&d->g, 20);
		m[n++] = (struct member){"户主", sn, age, 1, NULL, 0, 0};
		m[n++] = (struct member){"配偶", surname(d), age - pick(&d->g, 4), 0, NULL, 0, 0};
		int son = age - 26 - pick(&d->g, 6);
		m[n++] = (struct member){"子", sn, son, 1, NULL, 0, 0};
		m[n++] = (struct member){"儿媳", surname(d), son - 1 - pick(&d->g, 3), 0, NULL, 0, 0};
		int boy = chance(&d->g, 52);
		m[n++] = (struct member){boy ? "孙子" : "孙女", sn, 1 + pick(&d->g, 12), boy, NULL, 0, 0};
	} else if (shape < 90) { /* a young couple or a single worker */
		int age = 23 + pick(&d->g, 12);
		int male = chance(&d->g, 55);
		m[n++] = (struct member){"户主", sn, age, male, NULL, 0, 0};
		if (chance(&d->g, 60))
			m[n++] =
			    (struct member){"配偶", surname(d), age - 1 + pick(&d->g, 3), !male, NULL, 0, 0};
	} else { /* tenants from another province */
		int age = 22 + pick(&d->g, 25);
		m[n++] = (struct member){"户主", sn, age, chance(&d->g, 60), area, 1, 0};
		if (chance(&d->g, 50))
			m[n++] = (struct member){
			    "配偶", surname(d), age - 1 + pick(&d->g, 3), !m[0].male, area, 1, 0};
		if (n == 2 && chance(&d->g, 40))
			m[n++] = (struct member){chance(&d->g, 50) ? "子" : "女",
			                         sn,
			                         3 + pick(&d->g, 10),
			                         chance(&d->g, 50),
			                         area,
			                         1,
			                         0};
	}
	int poor = !tenant && chance(&d->g, 2);
	for (int i = 0; i < n; i++) {
		char buf[160];
		member_tags(d, &m[i], n, poor, buf);
		if (i == 0 && rep && m[i].age >= 30 && !m[i].tenant)
			tag(buf, "居民代表");
		if (i == 0 && leader && !m[i].tenant)
			tag(buf, "楼栋长");
		const char *note = "";
		if (n == 1 && m[i].age >= 80)
			note = "子女在外地,每周电话回访一次";
		else if (strstr(buf, "残疾人"))
			note = "行动不便,办事可上门服务";
		if (person(d, &m[i], buf, note) < 0)
			return -1;
	}
	*made += n;
	return 0;
}

/* Fills the community's registry. 0 or -1. */
int people_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	(void)a;
	struct demo d = {.db = db, .c = c, .now = now, .year = date_from_time(now).y};
	/* FNV-1a of the slug: a fixed seed, different per community */
	uint64_t h = 1469598103934665603ull;
	for (const char *s = c->slug; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	d.g.s = h ? h : 1;
	d.area = strcmp(c->street.slug ? c->street.slug : "", "nanshan") ? "110105" : "110108";
	int64_t ids[512], elderly[64];
	d.ids = ids;
	d.capids = N(ids);
	d.elderly = elderly;
	arena_init(&d.pa, 1u << 20);
	int target = 150 + pick(&d.g, 251);
	int nb = 6 + pick(&d.g, 7);
	int style = pick(&d.g, 2);
	char place[64];
	snprintf(place, sizeof place, "%s", c->name);
	char *suffix = strstr(place, "社区");
	if (suffix)
		*suffix = 0;
	int made = 0, rc = 0;
	/* The buildings share the residents evenly; rooms fill from the first
	 * floor of each unit with some left empty (sold, not yet moved in). */
	int per = (target + nb - 1) / nb;
	for (int b = 0; rc == 0 && b < nb && made < target; b++) {
		char bname[96], unit[32], room[32];
		if (style)
			snprintf(bname, sizeof bname, "%s%d栋", place, b + 1);
		else
			snprintf(bname, sizeof bname, "%d号楼", b + 1);
		d.building = bname;
		d.grid = grid_names[(b / 3) % N(grid_names)];
		int units = 1 + pick(&d.g, 3);
		int in_building = 0, first = 1;
		for (int floor = 1; rc == 0 && floor <= 6 && in_building < per && made < target; floor++)
			for (int u = 1; rc == 0 && u <= units; u++)
				for (int k = 1; rc == 0 && k <= 2; k++) {
					if (in_building >= per || chance(&d.g, 15))
						continue;
					snprintf(unit, sizeof unit, "%d单元", u);
					snprintf(room, sizeof room, "%d%02d", floor, k);
					d.unit = unit;
					d.room = room;
					int before = made;
					rc = household(&d, &made, first, first);
					first = 0;
					in_building += made - before;
				}
	}
	/* two tenants registered at the desk before they named a room */
	for (int i = 0; rc == 0 && i < 2; i++) {
		struct member m = {
		    "", surname(&d), 24 + pick(&d.g, 15), i == 0, other_areas[pick(&d.g, N(other_areas))], 1,
		    1};
		rc = person(&d, &m, "流动人口", "");
	}
	/* A few moved out this year; one three years ago, due for erasure
	 * within the month; one elderly resident died last month. */
	for (int i = 0; rc == 0 && i < 4 && d.nids > 40; i++) {
		int64_t id = d.ids[(i * 37 + 11) % d.nids];
		char on[16];
		int64_t when = now - (int64_t)(30 + 60 * i) * 86400;
		int64_t days = PEOPLE_RETENTION_DAYS;
		if (i == 3 && people_retention_days(db, c->id, &days) == 0)
			when = now - (days - 12) * 86400; /* erase_after = when + days: 12 days from now */
		struct ymd y = date_from_time(when);
		snprintf(on, sizeof on, "%04d-%02d-%02d", y.y, y.m, y.d);
		rc = people_person_set_status(db, c->id, id, PEOPLE_MOVED_OUT, on, when) < 0 ? -1 : 0;
	}
	if (rc == 0 && d.nelderly) {
		int64_t when = now - 35 * 86400;
		struct ymd y = date_from_time(when);
		char on[16];
		snprintf(on, sizeof on, "%04d-%02d-%02d", y.y, y.m, y.d);
		rc = people_person_set_status(db, c->id, d.elderly[d.nelderly / 2], PEOPLE_DECEASED, on,
		                              when) < 0
		         ? -1
		         : 0;
	}
	arena_free(&d.pa);
	return rc;
}
