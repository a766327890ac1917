/* `shequ demo`: a year of a demo community's accounts, made through the
 * store as the desk would. The last twelve months (this one included):
 * the street's grant each quarter (and the year's working funds in the
 * first month), support from partner units, donations; office supplies,
 * festival activities (春节, 三八, 端午, 重阳, 中秋), aid to families in
 * difficulty, repairs, allowances. Entered by the community's first staff
 * member and approved by its second (a community with one has no accounts),
 * every month but this one and the last closed, a wrong amount reversed
 * and entered again, and a few entries awaiting approval in the open
 * months. A fixed seed per community, so every demo is the same. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/date.h"
#include "modules/ledger/ledger_report.h"
#include "org/org.h"

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

/* lo .. hi */
static int64_t between(struct rng *g, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rnd(g) % (uint32_t)(hi - lo + 1));
}

static const char *one(struct rng *g, const char *const *v, size_t n)
{
	return v[rnd(g) % n];
}
#define ONE(g, v) one(g, v, sizeof v / sizeof *v)

/* An entry of the month being made, until the month is written in date
 * order (so that voucher numbers follow the dates, as at a desk). */
struct queued {
	int day;
	const char *category;
	int64_t fen;
	const char *counterparty, *purpose;
	int pending;
};
#define QUEUE_MAX 64

struct demo {
	struct queued q[QUEUE_MAX];
	int nq, qy, qm;
	struct db *db;
	struct arena *a;
	int64_t community_id, enter, approve, now;
	struct ledger_category *cats;
	size_t ncats;
	struct rng g;
	int voucher[2]; /* the last number used in the year of each of the months' two years */
	int first_year;
	struct ymd today;
};

static int64_t cat_id(struct demo *d, const char *name)
{
	for (size_t i = 0; i < d->ncats; i++)
		if (!strcmp(d->cats[i].name, name))
			return d->cats[i].id;
	return 0;
}

/* Enters an entry dated y-m-day (clamped to the month and today) and
 * approves it unless pending. 0 (*id set when id), or -1. */
static int write_entry(struct demo *d, int y, int m, int day, const char *category, int64_t fen, const char *counterparty,
                 const char *purpose, int pending, int64_t *id)
{
	struct ledger_entry e = {0};
	int last = date_days_in_month(y, m);
	if (y == d->today.y && m == d->today.m && last > d->today.d)
		last = d->today.d;
	struct ymd when = {y, m, day < 1 ? 1 : day > last ? last : day};
	date_format(when, e.date);
	snprintf(e.period, sizeof e.period, "%04d-%02d", y, m);
	e.voucher_year = y;
	int *no = &d->voucher[y > d->first_year];
	e.voucher_no = arena_printf(d->a, "记-%d-%04d", y, ++*no);
	e.category_id = cat_id(d, category);
	for (size_t i = 0; i < d->ncats; i++)
		if (d->cats[i].id == e.category_id)
			e.kind = d->cats[i].kind;
	e.amount_fen = fen;
	e.counterparty = counterparty;
	e.purpose = purpose;
	int64_t at = date_to_time(when) + 9 * 3600 + between(&d->g, 0, 7 * 3600), new_id;
	if (at > d->now)
		at = d->now - 3600;
	if (!e.category_id || !e.voucher_no || ledger_entry_add(d->db, d->community_id, &e, "demo", d->enter, at, &new_id))
		return -1;
	if (id)
		*id = new_id;
	int64_t approved = at + 86400 < d->now ? at + 86400 : d->now;
	return pending ? 0 : ledger_entry_approve(d->db, d->community_id, new_id, d->approve, approved) ? -1 : 0;
}

/* Queues an entry of the month (see write_entry). 0 or -1 (too many). */
static int entry(struct demo *d, int y, int m, int day, const char *category, int64_t fen, const char *counterparty,
                 const char *purpose, int pending, int64_t *id)
{
	(void)id;
	if (d->nq == QUEUE_MAX)
		return -1;
	d->qy = y;
	d->qm = m;
	d->q[d->nq++] = (struct queued){day, category, fen, counterparty, purpose, pending};
	return 0;
}

static int queued_cmp(const void *x, const void *y)
{
	const struct queued *a = x, *b = y;
	return a->day - b->day;
}

/* Writes the queued month in date order. 0 or -1. */
static int flush(struct demo *d)
{
	/* the queue's order breaks ties: a stable sort by index */
	for (int i = 1; i < d->nq; i++)
		for (int j = i; j > 0 && queued_cmp(&d->q[j - 1], &d->q[j]) > 0; j--) {
			struct queued t = d->q[j];
			d->q[j] = d->q[j - 1];
			d->q[j - 1] = t;
		}
	for (int i = 0; i < d->nq; i++) {
		const struct queued *e = &d->q[i];
		if (write_entry(d, d->qy, d->qm, e->day, e->category, e->fen, e->counterparty, e->purpose, e->pending,
		                NULL))
			return -1;
	}
	d->nq = 0;
	return 0;
}

static const char *const partners[] = {"东湖物业服务有限公司", "市第二人民医院", "区供电公司东湖供电所",
                                       "建设银行东湖支行",   "区实验小学",     "华润万家东湖店"};
static const char *const donors[] = {"社区商户联合会", "爱心企业:顺达物流有限公司", "辖区爱心人士(匿名)",
                                     "东湖餐饮协会",   "老党员爱心基金",             "天天药房连锁"};
static const char *const office[][2] = {
    {"晨光文具东湖店", "购买打印纸、签字笔等办公用品"}, {"京东企业购", "购买硒鼓墨盒"},
    {"东湖图文快印", "印制居民议事会材料和宣传单"},     {"联通东湖营业厅", "办公宽带和电话费"},
    {"得力办公专营店", "购买文件柜和档案盒"}};
static const char *const families[] = {"刘桂兰(低保户)", "陈国强(困难残疾人家庭)", "赵秀英(独居老人)",
                                       "孙建华(大病困难家庭)", "周玉梅(单亲困难家庭)", "吴德明(特困供养)"};
static const char *const repairs[][2] = {
    {"东湖水电维修部", "更换楼道声控灯"},       {"安居防水工程队", "修补屋面防水"},
    {"康体健身器材公司", "维修小区健身器材"},   {"东湖水电维修部", "疏通公共排水管道"},
    {"鑫盛门窗厂", "维修单元门禁和防盗门"}};

/* A month of entries; pending_last: leave some awaiting approval. */
static int month(struct demo *d, int y, int m, int first, int pending)
{
	char buf[160];
	if (first && entry(d, y, m, 3, "上级拨款/工作经费", between(&d->g, 100000, 140000) * 100, "东湖街道办事处",
	                   "街道拨付年度社区工作经费", 0, NULL))
		return -1;
	if (m % 3 == 1 && entry(d, y, m, 8, "上级拨款/工作经费", between(&d->g, 60000, 80000) * 100, "东湖街道办事处",
	                        arena_printf(d->a, "街道拨付第%d季度社区服务群众专项经费", (m - 1) / 3 + 1), 0, NULL))
		return -1;
	if (m % 3 == 2 && entry(d, y, m, 12, "共建单位资助", between(&d->g, 80, 200) * 10000, ONE(&d->g, partners),
	                        "共建单位资助社区为民服务项目", 0, NULL))
		return -1;
	for (int i = 0; i < 2; i++)
		if (entry(d, y, m, (int)between(&d->g, 5, 26), "社会捐赠", between(&d->g, 50, 300) * 1000,
		          ONE(&d->g, donors), "捐赠社区爱心基金", 0, NULL))
			return -1;
	for (int i = 0; i < 4; i++) {
		size_t k = rnd(&d->g) % (sizeof office / sizeof *office);
		if (entry(d, y, m, (int)between(&d->g, 2, 27), "办公经费", between(&d->g, 8000, 150000), office[k][0],
		          office[k][1], 0, NULL))
			return -1;
	}
	const char *festival = m == 1 || m == 2 ? "春节走访慰问和联欢会" : m == 3 ? "三八妇女节主题活动"
	                       : m == 6                            ? "端午节包粽子邻里活动"
	                       : m == 9                            ? "中秋节邻里共度活动"
	                       : m == 10                           ? "重阳节敬老宴和慰问高龄老人"
	                                                           : NULL;
	if (festival && entry(d, y, m, 10, "活动经费", between(&d->g, 300, 900) * 1000, "好又多超市东湖店", festival, 0,
	                      NULL))
		return -1;
	if (entry(d, y, m, (int)between(&d->g, 14, 24), "活动经费", between(&d->g, 80, 300) * 1000, "东湖图文快印",
	          m % 2 ? "垃圾分类宣传活动物料" : "文明楼栋评比奖品", 0, NULL))
		return -1;
	for (int i = 0; i < 5; i++) {
		snprintf(buf, sizeof buf, "%s", ONE(&d->g, families));
		if (entry(d, y, m, (int)between(&d->g, 15, 25), "救助支出", between(&d->g, 5, 20) * 10000,
		          arena_strdup(d->a, buf), "发放临时困难救助金", pending && i == 4, NULL))
			return -1;
	}
	for (int i = 0; i < 2; i++) {
		size_t k = rnd(&d->g) % (sizeof repairs / sizeof *repairs);
		if (entry(d, y, m, (int)between(&d->g, 6, 27), "设施维修", between(&d->g, 600, 9000) * 100, repairs[k][0],
		          repairs[k][1], pending && i == 1, NULL))
			return -1;
	}
	if (entry(d, y, m, 28, "人员补贴", between(&d->g, 30, 42) * 10000, "社区网格员(6人)", "发放网格员工作补贴", 0,
	          NULL) ||
	    entry(d, y, m, 28, "人员补贴", between(&d->g, 10, 20) * 10000, "社区志愿者服务队", "志愿者交通和误餐补贴", 0,
	          NULL))
		return -1;
	return 0;
}

int ledger_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	struct auth_member *staff;
	size_t n;
	if (auth_users_with_role(db, a, c->id, ROLE_STAFF, &staff, &n) < 0)
		return -1;
	if (n < 2)
		return 0; /* one person cannot both enter and approve */
	struct demo d = {.db = db, .a = a, .community_id = c->id, .now = now, .today = date_from_time(now)};
	/* the two longest in post by their accounts' order: the first enters */
	d.enter = staff[0].id < staff[1].id ? staff[0].id : staff[1].id;
	d.approve = staff[0].id < staff[1].id ? staff[1].id : staff[0].id;
	for (size_t i = 2; i < n; i++)
		if (staff[i].id < d.enter)
			d.approve = d.enter, d.enter = staff[i].id;
		else if (staff[i].id < d.approve)
			d.approve = staff[i].id;
	d.g.s = 0x9E3779B97F4A7C15u ^ (uint64_t)c->id * 0x100000001B3u;
	if (ledger_categories(db, a, c->id, 0, &d.cats, &d.ncats) < 0)
		return -1;
	struct ymd start = date_add_months((struct ymd){d.today.y, d.today.m, 1}, -11);
	d.first_year = start.y;
	for (int i = 0; i < 12; i++) {
		struct ymd mo = date_add_months(start, i);
		int open = i >= 10; /* last month and this one */
		if (month(&d, mo.y, mo.m, i == 0, open) || flush(&d))
			return -1;
		if (i == 10) {
			/* at the month's end: 38,500.00 typed for 3,850.00, reversed
			 * and entered again */
			int64_t wrong, rev;
			int end = date_days_in_month(mo.y, mo.m);
			if (write_entry(&d, mo.y, mo.m, end, "设施维修", 3850000, "东湖水电维修部", "更换二号楼水泵", 0, &wrong))
				return -1;
			const char *vno = arena_printf(a, "记-%d-%04d", mo.y, ++d.voucher[mo.y > d.first_year]);
			char date[11];
			date_format((struct ymd){mo.y, mo.m, end}, date);
			if (!vno || ledger_entry_reverse(db, c->id, wrong, date, vno, "金额录入错误,多录一位数", d.enter,
			                                 now - 20 * 86400, &rev) ||
			    ledger_entry_approve(db, c->id, rev, d.approve, now - 19 * 86400) ||
			    write_entry(&d, mo.y, mo.m, end, "设施维修", 385000, "东湖水电维修部", "更换二号楼水泵(更正金额)", 0,
			                NULL))
				return -1;
		}
		if (!open) {
			char p[8];
			snprintf(p, sizeof p, "%04d-%02d", mo.y, mo.m);
			int64_t at = date_to_time(date_add_months(mo, 1)) + 3 * 86400;
			if (ledger_period_close(db, c->id, p, d.approve, at < now ? at : now))
				return -1;
		}
	}
	return 0;
}
