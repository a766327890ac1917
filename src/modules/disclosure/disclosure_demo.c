/* `shequ demo`: a board that shows every part working — 20-odd posts over
 * the year, an open 低保 公示 with a masked list, a correction, a
 * withdrawal, an answered objection, an answered supervision opinion, an
 * overdue item, and a checkpoint cosigned by the community's supervisor.
 * Each community gets its own figures, names and addresses, drawn from a
 * generator seeded with its slug (the same on every run), and its records
 * enter the public log in the order of their dates. */
#include <stdint.h>
#include <string.h>

#include "core/money.h"

#include "auth/auth.h"
#include "modules/disclosure/disclosure_internal.h"
#include "org/org.h"

#define DAY 86400
#define DEMO_PASSWORD "demo-pass-2026"

struct demo_ctx {
	struct db *db;
	struct arena *a;
	const struct community *c;
	int64_t now, author, approver;
};

/* The id of a catalogue item by code, 0 if none. */
static int64_t item_id(struct demo_ctx *d, const char *code)
{
	struct disclosure_item *items;
	size_t n;
	if (disclosure_items(d->db, d->a, d->c->id, 0, &items, &n) < 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(items[i].code, code))
			return items[i].id;
	return 0;
}

/* One post of the plan, published at days_ago; withdrawn at withdrawn_ago
 * when that is set. */
struct demo_post {
	const char *code, *title, *body;
	int days_ago;
	int64_t period_start, period_end;
	const struct disclosure_recipient *rows;
	int nrows;
	int replaces; /* 1 + the plan index of the post it corrects, or 0 */
	const char *reason;
	const void *file;
	size_t file_len;
	const char *file_name;
	int withdrawn_ago;
	const char *withdraw_reason;
	int64_t id; /* once published */
};

#define PLAN_MAX 32

struct demo_plan {
	struct demo_post p[PLAN_MAX];
	int n;
};

/* Adds a post to the plan; returns its index, or -1 when the plan is full. */
static int plan_add(struct demo_plan *pl, const struct demo_post *p)
{
	if (pl->n == PLAN_MAX)
		return -1;
	pl->p[pl->n] = *p;
	return pl->n++;
}

/* Drafts, submits and publishes post p at its date. 0 or -1. */
static int publish(struct demo_ctx *d, struct demo_plan *pl, struct demo_post *p)
{
	int64_t t = d->now - (int64_t)p->days_ago * DAY, leaf;
	struct disclosure_item item;
	int64_t iid = item_id(d, p->code);
	if (!iid || disclosure_item_get(d->db, d->a, d->c->id, iid, &item) != 0)
		return -1;
	struct disclosure_post dp = {.item_id = iid, .title = p->title, .body = p->body, .period_start = p->period_start,
				     .period_end = p->period_end, .notice_days = item.notice_days, .author_id = d->author,
				     .created_at = t - 7200, .replaces_id = p->replaces ? pl->p[p->replaces - 1].id : 0,
				     .correction_reason = p->reason};
	const char *why = NULL;
	if (disclosure_post_add(d->db, d->c->id, &dp, &p->id) < 0 ||
	    (p->nrows && disclosure_recipients_put(d->db, d->a, d->c->id, p->id, p->rows, p->nrows) < 0) ||
	    (p->file && disclosure_attach(d->db, d->c->id, p->id, 1, p->file_name,
					  multipart_file_type(p->file, p->file_len), p->file, p->file_len,
					  t - 7200) < 0) ||
	    disclosure_post_submit(d->db, d->c->id, p->id, d->author, t - 3600) != 0 ||
	    disclosure_publish(d->db, d->a, d->c, p->id, d->approver, -1, t, &why, &leaf) != 0)
		return -1;
	return 0;
}

/* Runs the plan in date order: each publication, and each withdrawal at its
 * own date, so that the public log reads as the board happened. 0 or -1. */
static int plan_run(struct demo_ctx *d, struct demo_plan *pl)
{
	struct {
		int days_ago, index, withdraw;
	} ev[2 * PLAN_MAX], e;
	int n = 0;
	for (int i = 0; i < pl->n; i++) {
		ev[n].days_ago = pl->p[i].days_ago, ev[n].index = i, ev[n++].withdraw = 0;
		if (pl->p[i].withdraw_reason)
			ev[n].days_ago = pl->p[i].withdrawn_ago, ev[n].index = i, ev[n++].withdraw = 1;
	}
	/* Oldest first; the plan's order among the same day. */
	for (int i = 1; i < n; i++) {
		e = ev[i];
		int j = i;
		for (; j > 0 && ev[j - 1].days_ago < e.days_ago; j--)
			ev[j] = ev[j - 1];
		ev[j] = e;
	}
	for (int i = 0; i < n; i++) {
		struct demo_post *p = &pl->p[ev[i].index];
		const char *why;
		int64_t leaf;
		if (!ev[i].withdraw ? publish(d, pl, p) < 0
				    : disclosure_withdraw_post(d->db, d->a, d->c, p->id, p->withdraw_reason, d->author,
							       d->approver, d->now - (int64_t)p->withdrawn_ago * DAY, &why,
							       &leaf) != 0)
			return -1;
	}
	return 0;
}

static int64_t month_start(int y, int m)
{
	return date_to_time((struct ymd){y, m, 1});
}

static int64_t month_end(int y, int m)
{
	return date_to_time((struct ymd){y, m, date_days_in_month(y, m)});
}

/* The first user holding role at unit, 0 if none. */
static int64_t first_with_role(struct demo_ctx *d, int64_t unit, enum role role)
{
	struct auth_member *m;
	size_t n;
	return auth_users_with_role(d->db, d->a, unit, role, &m, &n) == 0 && n ? m[0].id : 0;
}

/* The community's generator: xorshift32 seeded with FNV-1a of its slug. */
static uint32_t seed_of(const char *slug)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)slug; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h ? h : 1;
}

static uint32_t rnd(uint32_t *x, uint32_t below)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x % below;
}

/* A plausible full name. */
static const char *person(struct arena *a, uint32_t *x)
{
	static const char *const family[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
					     "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"};
	static const char *const given[] = {"秀英", "桂兰", "建华", "志强", "玉珍", "国强", "丽华", "德明", "淑珍",
					    "文斌", "春梅", "海涛", "凤琴", "永福", "金花", "立军", "红霞", "长顺"};
	return arena_printf(a, "%s%s", family[rnd(x, sizeof family / sizeof *family)],
			    given[rnd(x, sizeof given / sizeof *given)]);
}

/* The place name people use for the community's homes: "幸福里" of
 * "幸福里社区", else the name as it is. */
static const char *place(struct arena *a, const char *name)
{
	size_t n = strlen(name), k = strlen("社区");
	return n > k && !strcmp(name + n - k, "社区") ? arena_strndup(a, name, n - k) : name;
}

/* A home in the community: "<place>3号楼2单元501". */
static const char *home(struct arena *a, const char *where, uint32_t *x)
{
	return arena_printf(a, "%s%u号楼%u单元%u0%u", where, 1 + rnd(x, 12), 1 + rnd(x, 4), 1 + rnd(x, 6), 1 + rnd(x, 4));
}

/* Yuan as ¥1,234.00 (demo figures are whole yuan). */
static const char *yuan(struct arena *a, int64_t y)
{
	char s[MONEY_FORMAT_SIZE];
	return arena_strdup(a, money_format(y * 100, s, sizeof s));
}

/* n recipients of a list with names, homes, household sizes and amounts. */
static struct disclosure_recipient *recipients(struct arena *a, uint32_t *x, const char *where, int n, int64_t base_fen,
					       const char *const *notes)
{
	struct disclosure_recipient *r = arena_alloc(a, (size_t)n * sizeof *r);
	for (int i = 0; r && i < n; i++) {
		memset(&r[i], 0, sizeof r[i]);
		r[i].row = i + 1;
		r[i].full.name = person(a, x);
		r[i].full.id_number = "";
		r[i].full.phone = "";
		r[i].full.address = home(a, where, x);
		r[i].full.note = notes ? notes[i] : "";
		r[i].household_size = 1 + (int)rnd(x, 4);
		r[i].amount_fen = base_fen * r[i].household_size + 1000 * (int64_t)rnd(x, 20);
	}
	return r;
}

int disclosure_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	struct demo_ctx d = {.db = db, .a = a, .c = c, .now = now};
	d.author = first_with_role(&d, c->id, ROLE_STAFF);
	d.approver = first_with_role(&d, c->street.id, ROLE_STREET_ADMIN);
	if (!d.author || !d.approver)
		return 0; /* a community without staff gets no demo board */
	struct ymd today = date_from_time(now);
	int y = today.y;
	const char *name = c->name, *where = place(a, c->name);
	uint32_t x = seed_of(c->slug);
	struct demo_plan *pl = arena_alloc(a, sizeof *pl);
	if (!pl || !where)
		return -1;
	pl->n = 0;
	int ok = 1;
#define PLAN(...) (ok &= plan_add(pl, &(struct demo_post){__VA_ARGS__}) >= 0)

	/* The party branch and its figures. */
	int members = 30 + (int)rnd(&x, 30), best = members / 5 + (int)rnd(&x, 3);
	int reps = 40 + (int)rnd(&x, 30), unhappy = (int)rnd(&x, 3), fair = 3 + (int)rnd(&x, 6);
	PLAN(.code = "duties", .title = arena_printf(a, "%s两委成员职责分工", name),
	     .body = "| 姓名 | 职务 | 分工 |\n|---|---|---|\n| 见社区首页 | 书记、主任 | 全面工作 |\n\n"
		     "两委成员分工如有调整,将在调整后 20 个工作日内更新本公开。",
	     .days_ago = 320);
	PLAN(.code = "hotline", .title = "社区服务热线和值班安排",
	     .body = "社区服务热线工作日 8:30–17:30 有人接听,夜间和节假日转值班手机。紧急情况请拨打 110、119、120。",
	     .days_ago = 300);
	PLAN(.code = "petitions", .title = "来信来访受理渠道和办事程序",
	     .body = arena_printf(a,
				  "1. 来访:%s社区服务中心接待室;\n2. 来信:投入社区意见箱或邮寄;\n3. 电话:社区服务热线。\n\n"
				  "依《信访工作条例》,社区在 15 日内告知是否受理,60 日内办结。",
				  where),
	     .days_ago = 290);
	PLAN(.code = "party-review", .title = arena_printf(a, "%d年度民主评议党员结果", y - 1),
	     .body = arena_printf(a, "参评党员 %d 名,评为优秀 %d 名、合格 %d 名,无不合格党员。", members, best,
				  members - best),
	     .days_ago = 280, .period_start = month_start(y - 1, 1), .period_end = month_end(y - 1, 12));
	PLAN(.code = "cadre-review", .title = arena_printf(a, "%d年度社区干部评议结果", y - 1),
	     .body = arena_printf(a, "居民代表 %d 人参加评议:满意 %d 票、基本满意 %d 票、不满意 %d 票。", reps,
				  reps - fair - unhappy, fair, unhappy),
	     .days_ago = 270, .period_start = month_start(y - 1, 1), .period_end = month_end(y - 1, 12));
	int64_t dues = members * (60 + (int64_t)rnd(&x, 20));
	PLAN(.code = "dues", .title = arena_printf(a, "%d年第一季度党费收缴情况", y),
	     .body = arena_printf(a, "应缴党员 %d 人,实缴 %d 人,合计 **%s**,已全额上缴街道党工委。", members, members,
				  yuan(a, dues)),
	     .days_ago = 230, .period_start = month_start(y, 1), .period_end = month_end(y, 3));
	/* The last dues report is from long ago: this item shows as overdue. */
	PLAN(.code = "dues", .title = arena_printf(a, "%d年第二季度党费收缴情况", y),
	     .body = arena_printf(a, "应缴党员 %d 人,实缴 %d 人(1 人外出已补交),合计 **%s**。", members, members - 1,
				  yuan(a, dues - 60)),
	     .days_ago = 140, .period_start = month_start(y, 4), .period_end = month_end(y, 6));
	int families = 10 + (int)rnd(&x, 20);
	PLAN(.code = "family-planning", .title = arena_printf(a, "%d年上半年计划生育奖励扶助发放情况", y),
	     .body = arena_printf(a, "发放独生子女父母奖励 %d 户,共 %s。", families, yuan(a, families * 120)),
	     .days_ago = 120, .period_start = month_start(y, 1), .period_end = month_end(y, 6));

	/* Monthly finance statements, each early in the following month; the
	 * October one carries its voucher summary as an image. */
	static const unsigned char png[] = {
	    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
	    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
	    0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff,
	    0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
	int64_t grant = 6000 + 1000 * (int64_t)rnd(&x, 5);
	int september = -1;
	int64_t sept_util = 0;
	for (int m = 1; m < today.m; m++) {
		int days_ago = date_diff(date_from_time(month_start(y, m + 1)), today) - 4;
		if (days_ago < 3)
			continue;
		int64_t util = 1800 + 50 * (int64_t)rnd(&x, 30), events = 200 + 10 * (int64_t)rnd(&x, 60);
		const char *body = arena_printf(a,
						"| 项目 | 金额 |\n|---|---|\n| 上级拨付办公经费 | %s |\n| 水电物业 | %s |\n"
						"| 居民活动 | %s |\n\n收支明细可到社区服务中心查阅凭证。",
						yuan(a, grant), yuan(a, util), yuan(a, events));
		int k = plan_add(pl, &(struct demo_post){.code = "finance",
							 .title = arena_printf(a, "%d年%d月财务收支公开", y, m),
							 .body = body,
							 .days_ago = days_ago,
							 .period_start = month_start(y, m),
							 .period_end = month_end(y, m),
							 .file = m == 10 ? png : NULL,
							 .file_len = m == 10 ? sizeof png : 0,
							 .file_name = m == 10 ? "10月凭证汇总.png" : NULL});
		ok &= k >= 0;
		if (m == 9) {
			september = k;
			sept_util = util;
		}
	}
	/* A correction: the September statement had two figures swapped. */
	if (september >= 0) {
		int64_t wrong = sept_util % 100 ? sept_util : sept_util + 270;
		PLAN(.code = "finance", .title = arena_printf(a, "%d年9月财务收支公开(更正)", y),
		     .body = arena_printf(a,
					  "| 项目 | 金额 |\n|---|---|\n| 上级拨付办公经费 | %s |\n| 水电物业 | %s |\n\n"
					  "更正:水电物业支出原误写为 %s。",
					  yuan(a, grant), yuan(a, sept_util), yuan(a, wrong + 90)),
		     .days_ago = 20, .period_start = month_start(y, 9), .period_end = month_end(y, 9),
		     .replaces = september + 1, .reason = "水电物业支出数字录入错误");
	}

	/* What residents raised this quarter, three of the community's own. */
	static const char *const issues[] = {
	    "%u 号楼电梯更换:已完成招标,下月施工",	   "小区停车:新增夜间临时车位 %u 个",
	    "楼道堆物:清理 %u 处",			   "%u 号楼外墙脱落:已设围挡,维修资金申请中",
	    "健身器材损坏:%u 处已报修,更换完成",	   "垃圾分类:新增分类投放点 %u 处",
	    "老年餐桌:新增送餐上门 %u 户",		   "雨后积水:疏通雨水管道 %u0 米"};
	uint32_t first = rnd(&x, 8);
	const char *hot = arena_printf(a, "1. %s;\n2. %s;\n3. %s。", arena_printf(a, issues[first], 2 + rnd(&x, 20)),
				       arena_printf(a, issues[(first + 3) % 8], 5 + rnd(&x, 40)),
				       arena_printf(a, issues[(first + 5) % 8], 3 + rnd(&x, 30)));
	PLAN(.code = "hot-issues", .title = arena_printf(a, "%d年第三季度居民关注热点难点处理情况", y), .body = hot,
	     .days_ago = 40, .period_start = month_start(y, 7), .period_end = month_end(y, 9));
	PLAN(.code = "hot-issues", .title = arena_printf(a, "%d年第三季度热点难点处理情况(重复)", y), .body = "同上一条。",
	     .days_ago = 39, .period_start = month_start(y, 7), .period_end = month_end(y, 9), .withdrawn_ago = 38,
	     .withdraw_reason = "与前一条内容重复发布,予以撤回");

	static const char *const relief_notes[] = {"房屋漏水受损", "", "家中电器泡水"};
	PLAN(.code = "relief", .title = "7月暴雨受灾家庭临时救助名单",
	     .body = "经入户核实,以下家庭获临时救助,款项已发放到户。",
	     .rows = recipients(a, &x, where, 3, 50000, relief_notes), .nrows = 3, .days_ago = 60);

	/* An open 低保 公示 with a masked list, published two days ago; the
	 * first community's list is the one the tests know. */
	static const struct disclosure_recipient xingfuli_dibao[] = {
	    {.row = 1, .full = {"张三丰", "11010519491231002X", "13812341234", "幸福里3号楼2单元501", ""},
	     .household_size = 3, .amount_fen = 128050},
	    {.row = 2, .full = {"李四", "", "13912345678", "幸福里5号楼1单元302", ""}, .household_size = 1, .amount_fen = 64000},
	    {.row = 3, .full = {"欧阳中华", "", "", "幸福里8号楼3单元101", ""}, .household_size = 2, .amount_fen = 98000},
	    {.row = 4, .full = {"王芳", "", "", "幸福里1号楼1单元402", "因病"}, .household_size = 4, .amount_fen = 156000},
	};
	static const char *const dibao_notes[] = {"", "因病", "", "残疾"};
	int xfl = !strcmp(c->slug, "xingfuli");
	int ndibao = xfl ? 4 : 2 + (int)rnd(&x, 3);
	int dibao = plan_add(pl, &(struct demo_post){
				     .code = "dibao",
				     .title = arena_printf(a, "%d年%d月新增最低生活保障对象公示", y, today.m),
				     .body = "经本人申请、入户调查和民主评议,拟将以下家庭纳入最低生活保障。公示期 7 天,"
					     "对名单有异议的,可在本页提出,或到社区服务中心反映。",
				     .rows = xfl ? xingfuli_dibao : recipients(a, &x, where, ndibao, 30000, dibao_notes),
				     .nrows = ndibao,
				     .days_ago = 2});
	ok &= dibao >= 0;
#undef PLAN
	if (!ok || plan_run(&d, pl) < 0)
		return -1;

	/* What came after, in date order: a supervisor's opinion and its
	 * answer, an objection to the 公示 and its answer, the supervisor's
	 * cosignature of the log. */
	const char *why;
	int64_t leaf, tid;
	int64_t supervisor = first_with_role(&d, c->id, ROLE_SUPERVISOR);
	if (supervisor) {
		struct disclosure_thread o = {.kind = THREAD_OPINION, .item_id = item_id(&d, "dues"), .user_id = supervisor,
					      .body = "第三季度党费收缴情况至今未公开,已超过时限,请尽快公开。"};
		ok &= disclosure_thread_add(db, a, c->id, &o, now - 3 * DAY, &tid) == 0;
		ok &= disclosure_answer(db, a, c, tid, "感谢监督。第三季度党费正在与街道对账,将于本月底前公开。", d.author,
					now - DAY - 3600, &why, &leaf) == 0;
	}
	struct disclosure_thread t = {.kind = THREAD_OBJECTION, .post_id = pl->p[dibao].id, .contact_phone = "13700000000",
				      .body = arena_printf(a, "第%d户家里开了一家小超市,收入应该不低,请核实。", ndibao)};
	ok &= disclosure_thread_add(db, a, c->id, &t, now - DAY, &tid) == 0;
	ok &= disclosure_answer(db, a, c, tid, "经入户复核,该户超市已于今年 3 月转让,现无经营收入,符合条件。", d.author,
				now - DAY / 2, &why, &leaf) == 0;
	if (supervisor) {
		struct auth_user u;
		char *hash;
		int64_t size;
		if (auth_user_by_id(db, a, supervisor, &u, &hash) == 0)
			ok &= disclosure_cosign(db, a, c, supervisor, u.username ? u.username : "supervisor", DEMO_PASSWORD,
						now - 3600, &why, &size) == 0;
	}
	return ok ? 0 : -1;
}
