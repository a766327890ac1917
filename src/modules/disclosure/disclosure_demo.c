/* `shequ demo`: a board that shows every part working — 20-odd posts over
 * the year, an open 低保 公示 with a masked list, a correction, a
 * withdrawal, an answered objection, an answered supervision opinion, an
 * overdue item, and a checkpoint cosigned by the community's supervisor. */
#include <string.h>

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
	/* an attachment for the next post, consumed by post() */
	const void *file;
	size_t file_len;
	const char *file_name;
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

/* Drafts, submits and publishes a post `days_ago`. Returns its id, or 0. */
static int64_t post(struct demo_ctx *d, const char *code, const char *title, const char *body, int days_ago,
		    int64_t period_start, int64_t period_end, const struct disclosure_recipient *rows, int nrows,
		    int64_t replaces, const char *reason)
{
	int64_t t = d->now - (int64_t)days_ago * DAY, id, leaf;
	struct disclosure_item item;
	int64_t iid = item_id(d, code);
	if (!iid || disclosure_item_get(d->db, d->a, d->c->id, iid, &item) != 0)
		return 0;
	struct disclosure_post p = {.item_id = iid, .title = title, .body = body, .period_start = period_start,
				    .period_end = period_end, .notice_days = item.notice_days, .author_id = d->author,
				    .created_at = t - 7200, .replaces_id = replaces, .correction_reason = reason};
	const char *why = NULL;
	if (disclosure_post_add(d->db, d->c->id, &p, &id) < 0 ||
	    (nrows && disclosure_recipients_put(d->db, d->a, d->c->id, id, rows, nrows) < 0) ||
	    (d->file && disclosure_attach(d->db, d->c->id, id, 1, d->file_name, disclosure_attachment_sniff(d->file, d->file_len),
					  d->file, d->file_len, t - 7200) < 0) ||
	    disclosure_post_submit(d->db, d->c->id, id, d->author, t - 3600) != 0 ||
	    disclosure_publish(d->db, d->a, d->c, id, d->approver, t, &why, &leaf) != 0)
		return 0;
	d->file = NULL;
	return id;
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

int disclosure_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	struct demo_ctx d = {.db = db, .a = a, .c = c, .now = now};
	d.author = first_with_role(&d, c->id, ROLE_STAFF);
	d.approver = first_with_role(&d, c->street.id, ROLE_STREET_ADMIN);
	if (!d.author || !d.approver)
		return 0; /* a community without staff gets no demo board */
	struct ymd today = date_from_time(now);
	int y = today.y;
	const char *name = c->name;
	int ok = 1;

	ok &= post(&d, "duties", arena_printf(a, "%s两委成员职责分工", name),
		   "| 姓名 | 职务 | 分工 |\n|---|---|---|\n| 见社区首页 | 书记、主任 | 全面工作 |\n\n"
		   "两委成员分工如有调整,将在调整后 20 个工作日内更新本公开。",
		   320, 0, 0, NULL, 0, 0, NULL) != 0;
	ok &= post(&d, "hotline", "社区服务热线和值班安排",
		   "社区服务热线工作日 8:30–17:30 有人接听,夜间和节假日转值班手机。紧急情况请拨打 110、119、120。", 300, 0, 0,
		   NULL, 0, 0, NULL) != 0;
	ok &= post(&d, "petitions", "来信来访受理渠道和办事程序",
		   "1. 来访:社区服务中心一楼接待室;\n2. 来信:投入社区意见箱或邮寄;\n3. 网上:本平台“居民诉求”。\n\n"
		   "依《信访工作条例》,社区在 15 日内告知是否受理,60 日内办结。",
		   290, 0, 0, NULL, 0, 0, NULL) != 0;
	ok &= post(&d, "party-review", arena_printf(a, "%d年度民主评议党员结果", y - 1),
		   "参评党员 46 名,评为优秀 9 名、合格 37 名,无不合格党员。", 280, month_start(y - 1, 1), month_end(y - 1, 12),
		   NULL, 0, 0, NULL) != 0;
	ok &= post(&d, "cadre-review", arena_printf(a, "%d年度社区干部评议结果", y - 1),
		   "居民代表 58 人参加评议:满意 51 票、基本满意 6 票、不满意 1 票。", 270, month_start(y - 1, 1),
		   month_end(y - 1, 12), NULL, 0, 0, NULL) != 0;
	ok &= post(&d, "dues", arena_printf(a, "%d年第一季度党费收缴情况", y),
		   "应缴党员 46 人,实缴 46 人,合计 **¥3,215.00**,已全额上缴街道党工委。", 230, month_start(y, 1),
		   month_end(y, 3), NULL, 0, 0, NULL) != 0;
	/* The last dues report is from long ago: this item shows as overdue. */
	ok &= post(&d, "dues", arena_printf(a, "%d年第二季度党费收缴情况", y),
		   "应缴党员 46 人,实缴 45 人(1 人外出已补交),合计 **¥3,180.00**。", 140, month_start(y, 4), month_end(y, 6),
		   NULL, 0, 0, NULL) != 0;
	ok &= post(&d, "family-planning", arena_printf(a, "%d年上半年计划生育奖励扶助发放情况", y),
		   "发放独生子女父母奖励 23 户,共 ¥2,760.00。", 120, month_start(y, 1), month_end(y, 6), NULL, 0, 0, NULL) != 0;

	/* Monthly finance statements, each early in the following month; the
	 * October one carries its voucher summary as an image. */
	static const unsigned char png[] = {
	    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
	    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
	    0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff,
	    0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

	int64_t september = 0;
	for (int m = 1; m < today.m; m++) {
		int days_ago = date_diff(date_from_time(month_start(y, m + 1)), today) - 4;
		if (days_ago < 3)
			continue;
		const char *body = arena_printf(a,
						"| 项目 | 金额 |\n|---|---|\n| 上级拨付办公经费 | ¥%d,000.00 |\n| 水电物业 | ¥%d,250.00 |\n"
						"| 居民活动 | ¥%d80.00 |\n\n收支明细可到社区服务中心查阅凭证。",
						8 + m % 3, 2 + m % 2, 5 + m % 4);
		if (m == 10) {
			d.file = png;
			d.file_len = sizeof png;
			d.file_name = "10月凭证汇总.png";
		}
		int64_t id = post(&d, "finance", arena_printf(a, "%d年%d月财务收支公开", y, m), body, days_ago,
				  month_start(y, m), month_end(y, m), NULL, 0, 0, NULL);
		ok &= id != 0;
		if (m == 9)
			september = id;
	}
	/* A correction: the September statement had a wrong figure. */
	if (september)
		ok &= post(&d, "finance", arena_printf(a, "%d年9月财务收支公开(更正)", y),
			   "| 项目 | 金额 |\n|---|---|\n| 上级拨付办公经费 | ¥8,000.00 |\n| 水电物业 | ¥3,250.00 |\n"
			   "| 居民活动 | ¥580.00 |\n\n更正:水电物业支出原误写为 ¥3,520.00。",
			   20, month_start(y, 9), month_end(y, 9), NULL, 0, september, "水电物业支出数字录入错误") != 0;

	ok &= post(&d, "hot-issues", arena_printf(a, "%d年第三季度居民关注热点难点处理情况", y),
		   "1. 3 号楼电梯更换:已完成招标,11 月施工;\n2. 小区停车:新增夜间临时车位 40 个;\n3. 楼道堆物:清理 26 处。",
		   40, month_start(y, 7), month_end(y, 9), NULL, 0, 0, NULL) != 0;
	int64_t dup = post(&d, "hot-issues", arena_printf(a, "%d年第三季度热点难点处理情况(重复)", y), "同上一条。", 39,
			   month_start(y, 7), month_end(y, 9), NULL, 0, 0, NULL);
	ok &= dup != 0;
	const char *why;
	int64_t leaf;
	if (dup)
		ok &= disclosure_withdraw_post(db, a, c, dup, "与前一条内容重复发布,予以撤回", d.author, d.approver,
					       now - 38 * DAY, &why, &leaf) == 0;

	static const struct disclosure_recipient relief[] = {
	    {.row = 1, .full = {"赵红梅", "", "", "3号楼1单元201", "房屋漏水受损"}, .household_size = 3, .amount_fen = 200000},
	    {.row = 2, .full = {"钱立新", "", "", "5号楼2单元602", ""}, .household_size = 2, .amount_fen = 150000},
	};
	ok &= post(&d, "relief", "7月暴雨受灾家庭临时救助名单", "经入户核实,以下家庭获临时救助,款项已发放到户。", 60, 0, 0, relief, 2,
		   0, NULL) != 0;

	/* An open 低保 公示 with a masked list, published two days ago. */
	static const struct disclosure_recipient dibao[] = {
	    {.row = 1, .full = {"张三丰", "11010519491231002X", "13812341234", "幸福里3号楼2单元501", ""},
	     .household_size = 3, .amount_fen = 128050},
	    {.row = 2, .full = {"李四", "", "13912345678", "幸福里5号楼1单元302", ""}, .household_size = 1, .amount_fen = 64000},
	    {.row = 3, .full = {"欧阳中华", "", "", "幸福里8号楼3单元101", ""}, .household_size = 2, .amount_fen = 98000},
	    {.row = 4, .full = {"王芳", "", "", "幸福里1号楼1单元402", "因病"}, .household_size = 4, .amount_fen = 156000},
	};
	int64_t dibao_id = post(&d, "dibao", arena_printf(a, "%d年%d月新增最低生活保障对象公示", y, today.m),
				"经本人申请、入户调查和民主评议,拟将以下家庭纳入最低生活保障。公示期 7 天,"
				"对名单有异议的,可在本页提出,或到社区服务中心反映。",
				2, 0, 0, dibao, 4, 0, NULL);
	ok &= dibao_id != 0;
	int64_t tid;
	if (dibao_id) {
		struct disclosure_thread t = {.kind = THREAD_OBJECTION, .post_id = dibao_id, .contact_phone = "13700000000",
					      .body = "第4户家里开了一家小超市,收入应该不低,请核实。"};
		ok &= disclosure_thread_add(db, a, c->id, &t, now - DAY, &tid) == 0;
		ok &= disclosure_answer(db, a, c, tid, "经入户复核,该户超市已于今年 3 月转让,现无经营收入,符合条件。", d.author,
					now - DAY / 2, &why, &leaf) == 0;
	}

	int64_t supervisor = first_with_role(&d, c->id, ROLE_SUPERVISOR);
	if (supervisor) {
		struct disclosure_thread o = {.kind = THREAD_OPINION, .item_id = item_id(&d, "dues"), .user_id = supervisor,
					      .body = "第三季度党费收缴情况至今未公开,已超过时限,请尽快公开。"};
		ok &= disclosure_thread_add(db, a, c->id, &o, now - 3 * DAY, &tid) == 0;
		ok &= disclosure_answer(db, a, c, tid, "感谢监督。第三季度党费正在与街道对账,将于本月底前公开。", d.author,
					now - 2 * DAY - 3600, &why, &leaf) == 0;
		struct auth_user u;
		char *hash;
		int64_t size;
		if (auth_user_by_id(db, a, supervisor, &u, &hash) == 0)
			ok &= disclosure_cosign(db, a, c, supervisor, u.username ? u.username : "supervisor", DEMO_PASSWORD,
						now - 3600, &why, &size) == 0;
	}
	return ok ? 0 : -1;
}
