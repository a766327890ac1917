/* Demo data of 共驻共建 for `shequ demo`: each demo community's resident
 * units with their party organizations, this year's co-building
 * agreements (one ending within weeks, one last year's ended, one draft),
 * their commitments and some fulfilments, one of them reversed. Dates are
 * relative to the demo's clock so that the pages look current. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/date.h"
#include "modules/units/units_web.h"
#include "org/org.h"

struct demo_unit {
	const char *name;
	int kind;
	const char *address, *party_org;
	int party_kind, members;
	const char *contact, *office, *mobile, *intro;
};

/* The school and the property company take the community's name. */
static void units_for(struct arena *a, const struct community *c, struct demo_unit u[5])
{
	const char *place = !strcmp(c->slug, "heping") ? "和平路" : !strcmp(c->slug, "cuizhu") ? "翠竹" : "幸福里";
	u[0] = (struct demo_unit){arena_printf(a, "%s小学", place), UK_SCHOOL, arena_printf(a, "%s 18 号", place),
				  arena_printf(a, "%s小学党支部", place), UP_BRANCH, 36, "陈老师", "027-86651208",
				  "13907141234", "区属公办小学,学生 1,200 余人;周末向社区开放操场和多功能厅。"};
	u[1] = (struct demo_unit){"区人民医院社区卫生服务中心", UK_HOSPITAL, "东湖路 102 号", "区人民医院社区卫生服务中心党支部",
				  UP_BRANCH, 21, "王医生", "027-86652120", "13807149876",
				  "承担辖区基本医疗和公共卫生服务,签约家庭医生团队 6 个。"};
	u[2] = (struct demo_unit){"工商银行东湖支行", UK_BANK, "东湖路 66 号", "工商银行东湖支行党支部", UP_BRANCH, 18,
				  "李经理", "027-86653300", "13607145566", "为社区居民提供金融服务,开展防范电信诈骗宣传。"};
	u[3] = (struct demo_unit){arena_printf(a, "鑫盛物业%s项目部", place), UK_PROPERTY, arena_printf(a, "%s 3 号楼底商", place),
				  "鑫盛物业公司党总支", UP_GENERAL_BRANCH, 9, "赵主任", "027-86654400", "13545671234",
				  "负责小区物业服务;红色物业试点单位。"};
	u[4] = (struct demo_unit){"区税务局第二税务所", UK_ORGAN, "东湖路 8 号", "区税务局第二税务所党支部", UP_BRANCH, 27,
				  "孙所长", "027-86655500", "", "机关在职党员到社区报到,参与志愿服务。"};
}

struct demo_c {
	int unit, kind;
	const char *promise;
	int64_t amount; /* fen or quantity */
	const char *qunit, *period;
	int due_month; /* 0: none; -1: 20 days before today (past due) */
	int done[3];   /* fulfilments: each a month with amount or quantity below */
	int64_t done_amount;
};

static int add_commitment(struct db *db, int64_t cid, int64_t ag, const int64_t *uid, const struct demo_c *d, int year,
			  int64_t now, int64_t *id)
{
	struct units_commitment c = {.agreement_id = ag, .unit_id = uid[d->unit], .kind = d->kind, .promise = d->promise,
				     .quantity_unit = d->qunit, .period = d->period};
	if (d->kind == UC_MONEY)
		c.amount_fen = d->amount;
	else
		c.quantity = d->amount;
	if (d->due_month < 0)
		date_format(date_add_days(date_from_time(now), -20), c.due_on);
	else if (d->due_month)
		date_format((struct ymd){year, d->due_month, d->due_month == 2 ? 28 : 30}, c.due_on);
	int rc = units_commitment_add(db, cid, &c, now);
	*id = c.id;
	return rc;
}

static int add_agreement(struct db *db, int64_t cid, const char *title, const char *summary, int64_t *units, size_t n,
			 struct ymd from, struct ymd to, int64_t by, int64_t now, int64_t *id)
{
	struct units_agreement g = {.title = title, .summary = summary, .unit_ids = units, .nunits = n};
	date_format(date_add_days(from, -10), g.signed_on);
	date_format(from, g.starts_on);
	date_format(to, g.ends_on);
	int rc = units_agreement_add(db, cid, &g, by, now);
	*id = g.id;
	return rc;
}

static int fulfil(struct db *db, int64_t cid, int64_t commitment, struct ymd on, const char *what, int64_t fen,
		  int64_t qty, const char *evidence, int64_t by, int64_t now, int64_t *id)
{
	struct units_fulfilment f = {.commitment_id = commitment, .what = what, .amount_fen = fen, .quantity = qty,
				     .evidence = evidence};
	date_format(on, f.done_on);
	int rc = units_fulfilment_add(db, cid, &f, by, now);
	if (id)
		*id = f.id;
	return rc;
}

int units_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	struct auth_member *staff;
	size_t ns;
	if (auth_users_with_role(db, a, c->id, ROLE_STAFF, &staff, &ns) < 0)
		return -1;
	int64_t by = ns ? staff[0].id : 0;
	struct demo_unit du[5];
	units_for(a, c, du);
	int64_t uid[5];
	for (int i = 0; i < 5; i++) {
		struct units_unit u = {.name = du[i].name, .kind = du[i].kind, .address = du[i].address,
				       .party_org = du[i].party_org, .party_kind = du[i].party_kind,
				       .party_members = du[i].members, .contact_name = du[i].contact,
				       .office_phone = du[i].office, .mobile = du[i].mobile, .intro = du[i].intro, .active = 1};
		if (units_unit_add(db, a, c->id, &u, now))
			return -1;
		uid[i] = u.id;
	}
	struct ymd today = date_from_time(now);
	int y = today.y;
	struct ymd jan1 = {y, 1, 1}, dec31 = {y, 12, 31};
	int64_t ag[4];
	int64_t pair1[2] = {uid[0], uid[3]}, pair2[2] = {uid[1], uid[2]}, one[1] = {uid[4]}, last[1] = {uid[2]};
	if (add_agreement(db, c->id, arena_printf(a, "%d年度社区—学校—物业共建协议", y),
			  "学校周末开放操场和多功能厅供社区活动;物业出资支持老旧设施维修,组织员工参与环境整治。", pair1, 2,
			  jan1, dec31, by, now, &ag[0]) ||
	    add_agreement(db, c->id, arena_printf(a, "%d年度健康金融进社区共建协议", y),
			  "卫生服务中心每月义诊和健康讲座;银行捐助困难家庭帮扶资金,开展防诈骗宣传。", pair2, 2,
			  jan1, dec31, by, now, &ag[1]) ||
	    add_agreement(db, c->id, "在职党员进社区志愿服务协议", "税务所在职党员到社区报到,参与网格志愿服务。", one, 1,
			  date_add_months(today, -11), date_add_days(today, 30), by, now, &ag[2]) ||
	    add_agreement(db, c->id, arena_printf(a, "%d年度金融助老共建协议", y - 1), "银行为社区老人讲解防诈骗知识。", last,
			  1, (struct ymd){y - 1, 1, 1}, (struct ymd){y - 1, 12, 31}, by, now, &ag[3]))
		return -1;
	static const struct demo_c cs0[] = {
	    {0, UC_ROOM, "周末开放操场和多功能厅", 40, "次", "每周六 全天", 0, {3, 5, 9}, 0},
	    {0, UC_VOLUNTEERS, "教师志愿者辅导社区“四点半课堂”", 120, "人次", "每周二、四下午", 0, {4, 6, 10}, 0},
	    {1, UC_MONEY, "出资维修小区健身器材和路灯", 5000000, "", "", -1, {5, 8, 0}, 2000000},
	    {1, UC_VOLUNTEERS, "物业员工参与环境整治", 60, "人次", "每月一次", 0, {4, 7, 0}, 0},
	};
	static const struct demo_c cs1[] = {
	    {0, UC_SERVICE, "社区义诊和健康讲座", 12, "次", "每月一次", 0, {3, 4, 5}, 0},
	    {1, UC_MONEY, "捐助困难家庭帮扶资金", 3000000, "", "", 6, {6, 0, 0}, 3000000},
	    {1, UC_SERVICE, "防范电信诈骗宣传", 4, "场", "每季度一次", 0, {3, 0, 0}, 0},
	};
	static const struct demo_c cs2[] = {
	    {0, UC_VOLUNTEERS, "在职党员参与网格巡查和志愿服务", 100, "人次", "", 0, {2, 5, 8}, 0},
	};
	struct {
		const struct demo_c *c;
		size_t n;
		int64_t ag;
		int64_t *units;
	} sets[] = {{cs0, 4, ag[0], pair1}, {cs1, 3, ag[1], pair2}, {cs2, 1, ag[2], one}};
	int64_t cids[4][4];
	for (int s = 0; s < 3; s++)
		for (size_t k = 0; k < sets[s].n; k++)
			if (add_commitment(db, c->id, sets[s].ag, sets[s].units, &sets[s].c[k], y, now, &cids[s][k]))
				return -1;
	int64_t lastc;
	struct demo_c old = {0, UC_SERVICE, "防诈骗讲座", 2, "场", "", 0, {0, 0, 0}, 0};
	if (add_commitment(db, c->id, ag[3], last, &old, y - 1, now, &lastc))
		return -1;
	for (int i = 0; i < 4; i++)
		if (units_agreement_set_state(db, c->id, ag[i], US_DRAFT, US_IN_FORCE, "", by, now))
			return -1;
	struct ymd lastday = {y - 1, 11, 20};
	if (fulfil(db, c->id, lastc, lastday, "防诈骗讲座(老年大学)", 0, 2, "签到表", by, now, NULL) ||
	    units_agreement_set_state(db, c->id, ag[3], US_IN_FORCE, US_ENDED, "协议期满", by, now))
		return -1;
	/* fulfilments in the months before this one */
	for (int s = 0; s < 3; s++)
		for (size_t k = 0; k < sets[s].n; k++) {
			const struct demo_c *d = &sets[s].c[k];
			for (int j = 0; j < 3 && d->done[j]; j++) {
				if (d->done[j] >= today.m)
					continue;
				struct ymd on = {y, d->done[j], 12 + j};
				int64_t fen = d->kind == UC_MONEY ? d->done_amount / (d->done[1] ? 2 : 1) : 0;
				int64_t qty = d->kind == UC_MONEY ? 0 : d->kind == UC_ROOM ? 4 : d->kind == UC_SERVICE ? 1 : 10;
				const char *what = d->kind == UC_MONEY ? "资金到位" : arena_printf(a, "%s(%d月)", d->promise, on.m);
				if (fulfil(db, c->id, cids[s][k], on, what, fen, qty, "照片和签到表已存档", by, now, NULL))
					return -1;
			}
		}
	/* one mistaken entry reversed */
	int64_t wrong, rev;
	struct ymd on = {y, today.m > 2 ? today.m - 1 : 1, 3};
	if (fulfil(db, c->id, cids[1][0], on, "义诊(重复录入)", 0, 1, "", by, now, &wrong) ||
	    units_fulfilment_reverse(db, c->id, wrong, arena_printf(a, "%04d-%02d-%02d", on.y, on.m, 4), "重复录入", by,
				     now, &rev))
		return -1;
	/* and a draft for next year */
	int64_t next;
	int64_t p3[1] = {uid[3]};
	return add_agreement(db, c->id, arena_printf(a, "%d年度红色物业共建协议(草案)", y + 1), "草案,待双方确认。", p3, 1,
			     (struct ymd){y + 1, 1, 1}, (struct ymd){y + 1, 12, 31}, by, now, &next);
}
