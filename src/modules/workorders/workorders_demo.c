/* `shequ demo`: a year of work orders for each demo community, made through
 * the store's own steps (wo_order_add, wo_apply), so that every row and
 * timeline entry is what real use would leave: every channel and type,
 * every state, responses in time and late, overdue open orders, 信访 with
 * extensions approved by a second staff member (and one refused), ratings
 * of all three kinds, a reopened order, a transfer to another community, a
 * merged duplicate and three mediation cases with sessions. Deterministic:
 * the community's slug seeds the generator (only the tracking codes are
 * random). */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "modules/workorders/workorders_internal.h"
#include "org/org.h"

#define HOUR 3600
#define DAY 86400

struct subject {
	enum wo_kind kind;
	enum wo_channel channel;
	const char *subject, *description, *reply;
	const char *unit; /* a resident unit it goes to, or NULL for staff */
};

/* {b} in the text becomes a building number. */
static const struct subject subjects[] = {
    {WO_K_REQUEST, WO_CH_HOTLINE, "楼道灯不亮",
     "{b}号楼2单元楼道灯坏了好几天,晚上上下楼看不见,老人容易摔倒。",
     "已联系物业更换楼道灯,经回访已恢复照明。", "物业服务中心"},
    {WO_K_COMPLAINT, WO_CH_DISPATCH, "小区电梯故障", "{b}号楼电梯这个月已经停了三次,物业维修不及时。",
     "已督促物业联系电梯维保单位全面检修,并更换了控制板。", "物业服务中心"},
    {WO_K_COMPLAINT, WO_CH_WEB, "噪音扰民", "小区底商晚上十点后还在装修,噪音很大,影响休息。",
     "已约谈商户,装修时间调整为工作日8:00-12:00、14:00-18:00。", NULL},
    {WO_K_REQUEST, WO_CH_HOTLINE, "下水道堵塞", "{b}号楼门前下水道堵塞,污水外溢,气味很大。",
     "已协调排水公司疏通管道,现已恢复正常。", "区排水管理所"},
    {WO_K_INQUIRY, WO_CH_VISIT, "高龄津贴咨询", "家中老人今年满80周岁,咨询高龄津贴如何申请、需要哪些材料。",
     "已告知申请条件和材料:身份证、户口簿、银行卡,可在社区服务站办理。", NULL},
    {WO_K_COMPLAINT, WO_CH_VISIT, "停车位纠纷", "小区内固定车位被他人长期占用,多次沟通无果。",
     "已协调物业张贴告知并联系占用车主,车位已腾出。", "物业服务中心"},
    {WO_K_INQUIRY, WO_CH_HOTLINE, "低保申请咨询", "家里有人失业,收入下降,咨询低保申请条件和流程。",
     "已说明低保申请条件、所需材料和审核流程,并预约了入户调查时间。", NULL},
    {WO_K_SUGGESTION, WO_CH_WEB, "建议增设健身器材", "建议在小区中心花园增设健身器材和休息座椅。",
     "建议已纳入本年度社区微更新项目,计划下季度实施。", NULL},
    {WO_K_COMPLAINT, WO_CH_WEB, "垃圾桶站异味", "{b}号楼旁垃圾桶站清运不及时,夏天异味很大。",
     "已与环卫所协调,清运改为每日两次,并对桶站消杀。", "区环卫所"},
    {WO_K_PETITION, WO_CH_LETTER, "反映物业服务问题",
     "物业费上涨未经业主大会讨论,服务质量却在下降,请求社区协调。",
     "社区已组织业主代表与物业公司召开协调会,物业公司暂缓调价并公示服务标准。", NULL},
    {WO_K_PETITION, WO_CH_VISIT, "老旧小区加装电梯",
     "{b}号楼多数居民希望加装电梯,部分一层住户反对,请社区组织协商。",
     "社区已组织三次协商会,形成加装方案和补偿意见,已报街道审批。", NULL},
    {WO_K_PETITION, WO_CH_DISPATCH, "违章搭建", "{b}号楼一层住户私自扩建院墙,占用公共绿地。",
     "经城管执法队现场核查,违建部分已责令拆除并恢复绿地。", "街道城管执法队"},
    {WO_K_EMERGENCY, WO_CH_EMERGENCY, "燃气泄漏", "{b}号楼3单元楼道闻到明显燃气味。",
     "燃气公司抢修人员20分钟到场,已关阀更换老化胶管,隐患排除。", "燃气公司"},
    {WO_K_EMERGENCY, WO_CH_EMERGENCY, "老人走失", "家中患阿尔茨海默症的老人早上外出至今未归。",
     "社区网格员与派出所联合寻找,老人已在公园找到并安全送回。", NULL},
    {WO_K_REQUEST, WO_CH_HOTLINE, "独居老人探访", "邻居独居老人已经好几天没出门,请社区上门看看。",
     "网格员已上门探访,老人身体无恙,已纳入每周探访名单。", NULL},
    {WO_K_REQUEST, WO_CH_DISPATCH, "自来水水压不足", "{b}号楼高层水压不足,早晚用水高峰几乎没水。",
     "自来水公司已调整二次供水泵组,高峰时段水压恢复正常。", "自来水公司"},
    {WO_K_SUGGESTION, WO_CH_VISIT, "活动室周末开放", "建议活动室周末也开放,方便上班族参加活动。",
     "活动室自下月起周六全天开放,周日上午开放。", NULL},
    {WO_K_COMPLAINT, WO_CH_DISPATCH, "共享单车乱停放", "小区门口共享单车堆放,占用消防通道。",
     "已联系单车企业清运,并在门口划定停放区。", NULL},
    {WO_K_INQUIRY, WO_CH_HOTLINE, "居住证办理咨询", "咨询居住证办理需要的材料和办理地点。",
     "已告知办理材料和社区服务站办理时间。", NULL},
    {WO_K_COMPLAINT, WO_CH_WEB, "楼道堆物", "{b}号楼2单元楼道堆放大量杂物,存在消防隐患。",
     "已联系住户清理楼道堆物,并开展消防安全宣传。", NULL},
    {WO_K_REQUEST, WO_CH_LETTER, "顶层房屋漏雨", "{b}号楼顶层房屋下雨就漏,请协调维修资金维修屋面。",
     "已申请使用住宅专项维修资金,屋面防水已重做。", "物业服务中心"},
};
#define NSUBJECTS (sizeof subjects / sizeof *subjects)

static const struct subject mediations[] = {
    {WO_K_MEDIATION, WO_CH_MEDIATION, "邻里漏水纠纷",
     "楼上卫生间漏水到楼下天花板,双方协商赔偿未果,申请社区调解。",
     "经调解双方达成协议,楼上住户负责修复防水并赔偿楼下维修费用。", NULL},
    {WO_K_MEDIATION, WO_CH_MEDIATION, "停车位纠纷", "两户居民因楼前车位使用发生争执,申请调解。",
     "经调解双方约定轮流使用楼前车位,矛盾化解。", NULL},
    {WO_K_MEDIATION, WO_CH_MEDIATION, "宠物扰邻纠纷",
     "邻居家狗夜间吠叫、楼道随地便溺,多次沟通无果,申请调解。",
     "经两次调解双方未能达成一致,已告知可通过其他途径解决。", NULL},
};

static const char *const surnames[] = {"张", "王", "李", "赵", "刘", "陈",
                                       "杨", "黄", "周", "吴", "徐", "孙"};
static const char *const given[] = {"秀英", "建华", "桂兰", "志强", "玉梅",
                                    "国庆", "丽娟", "海涛", "淑珍", "文博"};
static const char *const notes[] = {"已电话联系诉求人,了解具体情况。", "已到现场查看。",
                                    "已转交承办人,请三日内反馈。"};

struct demo {
	struct db *db;
	struct arena *a;
	const struct community *c;
	int64_t now;
	uint32_t x;                  /* xorshift32 state */
	int64_t staff, staff2, grid; /* the desk, the second (approves extensions), a grid worker or 0 */
	int staff2_local;            /* the second is the community's staff (else the street's admin) */
	const char *staff_name, *staff2_name, *grid_name;
	int64_t resident;  /* a resident with an account, or 0 */
	const char *place; /* the community's short name, for addresses */
};

static uint32_t rnd(struct demo *d, uint32_t below)
{
	d->x ^= d->x << 13;
	d->x ^= d->x >> 17;
	d->x ^= d->x << 5;
	return below ? d->x % below : 0;
}

static const char *fill(struct demo *d, const char *text, int building)
{
	const char *at = strstr(text, "{b}");
	if (!at)
		return text;
	return arena_printf(d->a, "%.*s%d%s", (int)(at - text), text, building, at + 3);
}

/* The first user holding role at unit: 0 if none. */
static int64_t first_with(struct demo *d, int64_t unit, int role, const char **name)
{
	struct auth_member *m;
	size_t n;
	if (role < 0 || auth_users_with_role(d->db, d->a, unit, (enum role)role, &m, &n) < 0 || n == 0)
		return 0;
	*name = m[0].display_name;
	return m[0].id;
}

/* Records one order received at t; *id set. 0 or -1. */
static int record(struct demo *d, const struct subject *s, int64_t t, int64_t *id)
{
	int b = 1 + (int)rnd(d, 12);
	char phone[32];
	snprintf(phone, sizeof phone, "13%u%08u", 5 + rnd(d, 5), rnd(d, 100000000));
	const char *name = arena_printf(d->a, "%s%s", surnames[rnd(d, 12)], given[rnd(d, 10)]);
	int anonymous = s->kind != WO_K_PETITION && s->kind != WO_K_MEDIATION && rnd(d, 10) == 0;
	int web = s->channel == WO_CH_WEB && d->resident && rnd(d, 3) == 0;
	struct wo_new n = {
	    .channel = s->channel,
	    .kind = s->kind,
	    .subject = s->subject,
	    .description = fill(d, s->description, b),
	    .address = arena_printf(d->a, "%s小区%d号楼%d单元%d室", d->place, b, 1 + (int)rnd(d, 4),
	                            100 * (1 + (int)rnd(d, 6)) + 1 + (int)rnd(d, 4)),
	    .anonymous = anonymous,
	    .requester_user_id = web ? d->resident : 0,
	    .requester_name = anonymous ? "" : name,
	    .requester_phone = anonymous ? "" : phone,
	    .received_by = s->channel == WO_CH_WEB ? 0 : d->staff,
	    .actor = s->channel == WO_CH_WEB ? "居民(网上)" : d->staff_name,
	    .received_at = t,
	};
	const char *code;
	return wo_order_add(d->db, d->a, d->c->id, &n, id, &code);
}

static struct wo_step staff_step(struct demo *d, enum wo_action a, int second)
{
	struct wo_step s = {.action = a,
	                    .actor_user_id = second ? d->staff2 : d->staff,
	                    .actor = second ? d->staff2_name : d->staff_name,
	                    .actor_is_staff = 1};
	return s;
}

/* Applies a step at t; a refusal here is a bug in the demo. 0 or -1. */
static int step(struct demo *d, int64_t id, const struct wo_step *s, int64_t t)
{
	const char *why = NULL;
	int rc = wo_apply(d->db, d->a, d->c->id, id, s, t, &why);
	if (rc != 0)
		fprintf(stderr, "workorders demo: %s on order %lld refused: %s\n", wo_action_name(s->action),
		        (long long)id, why ? why : "(error)");
	return rc == 0 ? 0 : -1;
}

static int assign(struct demo *d, int64_t id, const struct subject *s, int64_t t)
{
	struct wo_step st = staff_step(d, WO_A_ASSIGN, 0);
	uint32_t who = rnd(d, 3);
	if (s->unit && who == 0)
		st.assignee_unit = s->unit;
	else if (d->grid && who == 1)
		st.assignee_user_id = d->grid;
	else
		st.assignee_user_id = who == 2 && d->staff2_local ? d->staff2 : d->staff;
	if (rnd(d, 2)) {
		st.note = notes[rnd(d, 3)];
		st.public_note = (int)rnd(d, 2);
	}
	return step(d, id, &st, t);
}

static int reply(struct demo *d, int64_t id, const struct subject *s, int resolved, int64_t t)
{
	struct wo_step st = staff_step(d, WO_A_REPLY, 0);
	st.note = resolved ? s->reply : "经核查,该问题需列入明年改造计划统一解决,目前已采取临时措施。";
	st.resolved = resolved;
	return step(d, id, &st, t);
}

static int rate(struct demo *d, int64_t id, enum wo_rating r, int64_t t)
{
	static const char *const comments[] = {"处理及时,谢谢社区!", "问题基本解决,希望以后多回访。",
	                                       "问题没有解决,答复敷衍。"};
	struct wo_step st = {.action = WO_A_RATE,
	                     .actor = "诉求人",
	                     .actor_is_requester = 1,
	                     .rating = r,
	                     .note = rnd(d, 2) ? comments[r] : NULL};
	return step(d, id, &st, t);
}

/* Where an order stops. */
enum fate { F_RECEIVED, F_ACCEPTED, F_ASSIGNED, F_IN_PROGRESS, F_REPLIED, F_CLOSED, F_RATED, F_REJECTED };

/* Takes an order through its steps towards fate, from t on, never past
 * now: a step that would fall later is not taken. 0 or -1. */
static int handle(struct demo *d, int64_t id, const struct subject *s, int64_t t, enum fate fate)
{
	int64_t lim = d->now - HOUR;
	int emergency = s->kind == WO_K_EMERGENCY, petition = s->kind == WO_K_PETITION;
	/* First response: emergencies within 2 hours; others mostly within a day, some late. */
	t += emergency  ? (int64_t)(10 + rnd(d, 100)) * 60
	     : petition ? (int64_t)(1 + rnd(d, 10)) * DAY
	                : (int64_t)(1 + rnd(d, 36)) * HOUR;
	if (fate == F_RECEIVED || t > lim)
		return 0;
	if (fate == F_REJECTED) {
		struct wo_step st = staff_step(d, WO_A_REJECT, 0);
		st.note = "该事项属于法院诉讼程序,不属于社区受理范围,已告知诉求人依法通过诉讼途径解决。";
		return step(d, id, &st, t);
	}
	struct wo_step acc = staff_step(d, WO_A_ACCEPT, 0);
	if (step(d, id, &acc, t) < 0)
		return -1;
	if (fate == F_ACCEPTED || (t += (int64_t)(1 + rnd(d, 20)) * HOUR) > lim)
		return 0;
	if (assign(d, id, s, t) < 0)
		return -1;
	if (fate == F_ASSIGNED || (t += (int64_t)(1 + rnd(d, 20)) * HOUR) > lim)
		return 0;
	struct wo_step start = staff_step(d, WO_A_START, 0);
	if (step(d, id, &start, t) < 0)
		return -1;
	t += emergency ? HOUR : petition ? (int64_t)(10 + rnd(d, 45)) * DAY : (int64_t)(1 + rnd(d, 8)) * DAY;
	if (fate == F_IN_PROGRESS || t > lim)
		return 0;
	if (reply(d, id, s, rnd(d, 100) < 85, t) < 0)
		return -1;
	if (fate == F_REPLIED || (t += (int64_t)(2 + rnd(d, 48)) * HOUR) > lim)
		return 0;
	if (fate == F_CLOSED) {
		struct wo_step cl = staff_step(d, WO_A_CLOSE, 0);
		return step(d, id, &cl, t);
	}
	uint32_t p = rnd(d, 100);
	enum wo_rating r = p < 60 ? WO_R_SATISFIED : p < 85 ? WO_R_BASIC : WO_R_UNSATISFIED;
	if (rate(d, id, r, t) < 0)
		return -1;
	if (r == WO_R_UNSATISFIED && (t += DAY) <= lim) {
		struct wo_step cl = staff_step(d, WO_A_CLOSE, 0);
		return step(d, id, &cl, t);
	}
	return 0;
}

/* A 信访 whose handling asks for an extension: approved by the second staff
 * member (refused when `refuse`), then answered. 0 or -1. */
static int extended(struct demo *d, const struct subject *s, int64_t t, int refuse)
{
	int64_t id;
	if (record(d, s, t, &id) < 0)
		return -1;
	struct wo_step st = staff_step(d, WO_A_ACCEPT, 0);
	if (step(d, id, &st, t += 3 * DAY) < 0 || assign(d, id, s, t += DAY) < 0)
		return -1;
	st = staff_step(d, WO_A_START, 0);
	if (step(d, id, &st, t += DAY) < 0)
		return -1;
	st = staff_step(d, WO_A_EXTEND_ASK, 0);
	st.days = refuse ? 15 : 30;
	st.note =
	    refuse ? "需等待街道答复,申请延期" : "涉及多户居民意见征集和专项维修资金审批,需延长办理期限";
	if (step(d, id, &st, t += 45 * DAY) < 0)
		return -1;
	st = staff_step(d, refuse ? WO_A_EXTEND_REFUSE : WO_A_EXTEND_APPROVE, 1);
	st.note = refuse ? "街道已答复,请在原期限内办结" : "同意延期 30 天";
	if (step(d, id, &st, t += DAY) < 0)
		return -1;
	if ((t += refuse ? 10 * DAY : 25 * DAY) > d->now - HOUR)
		return 0;
	if (reply(d, id, s, 1, t) < 0)
		return -1;
	return rate(d, id, refuse ? WO_R_BASIC : WO_R_SATISFIED, t + DAY);
}

/* 不满意, reopened once, answered again, then 基本满意. */
static int reopened(struct demo *d, const struct subject *s, int64_t t)
{
	int64_t id;
	if (record(d, s, t, &id) < 0 || handle(d, id, s, t, F_REPLIED) < 0)
		return -1;
	t += 12 * DAY;
	if (rate(d, id, WO_R_UNSATISFIED, t) < 0)
		return -1;
	struct wo_step st = {.action = WO_A_REOPEN, .actor = "诉求人", .actor_is_requester = 1};
	if (step(d, id, &st, t + HOUR) < 0 || reply(d, id, s, 1, t + 5 * DAY) < 0)
		return -1;
	return rate(d, id, WO_R_BASIC, t + 6 * DAY);
}

/* A duplicate merged into the first report of the same problem. */
static int merged(struct demo *d, const struct subject *s, int64_t t)
{
	int64_t first, dup;
	if (record(d, s, t, &first) < 0 || record(d, s, t + 2 * HOUR, &dup) < 0)
		return -1;
	struct wo_step st = staff_step(d, WO_A_ACCEPT, 0);
	if (step(d, first, &st, t + 3 * HOUR) < 0)
		return -1;
	st = staff_step(d, WO_A_MERGE, 0);
	st.merge_into = first;
	st.note = "与先前工单反映同一问题,合并办理";
	st.public_note = 1;
	if (step(d, dup, &st, t + 4 * HOUR) < 0 || assign(d, first, s, t + 5 * HOUR) < 0)
		return -1;
	st = staff_step(d, WO_A_START, 0);
	if (step(d, first, &st, t + DAY) < 0 || reply(d, first, s, 1, t + 3 * DAY) < 0)
		return -1;
	return rate(d, first, WO_R_SATISFIED, t + 4 * DAY);
}

static int transferred(struct demo *d, const struct subject *s, int64_t t)
{
	static const char *const to[][2] = {
	    {"xingfuli", "heping"}, {"heping", "xingfuli"}, {"cuizhu", "heping"}};
	int64_t target = 0, id;
	enum org_kind kind;
	for (size_t i = 0; i < sizeof to / sizeof *to; i++)
		if (!strcmp(d->c->slug, to[i][0]) && org_unit_by_slug(d->db, to[i][1], &target, &kind) != 0)
			target = 0;
	if (!target || record(d, s, t, &id) < 0)
		return target ? -1 : 0;
	struct wo_step st = staff_step(d, WO_A_TRANSFER, 0);
	st.target_community = target;
	st.note = "反映的位置在相邻社区辖区内,转相邻社区办理";
	st.public_note = 1;
	return step(d, id, &st, t + 2 * HOUR);
}

/* A mediation case: the record, one or two sessions, the outcome (the
 * third one fails), and the order answered and closed. */
static int mediation(struct demo *d, int k, int64_t t)
{
	static const char *const parties[] = {"602室住户与502室住户", "3号楼两户车主",
	                                      "4号楼养犬住户与对门邻居"};
	const struct subject *s = &mediations[k];
	int64_t id, sid;
	const char *why = NULL;
	if (record(d, s, t, &id) < 0)
		return -1;
	struct wo_step st = staff_step(d, WO_A_ACCEPT, d->staff2 != 0);
	if (step(d, id, &st, t += DAY) < 0)
		return -1;
	const char *mediator = d->staff2 ? d->staff2_name : d->staff_name;
	if (wo_mediation_put(d->db, d->a, d->c->id, id, parties[k], mediator, &st, t, &why) != 0)
		return -1;
	if (wo_session_add(d->db, d->a, d->c->id, id, t + 2 * DAY, "社区人民调解室",
	                   "双方陈述事实和诉求,初步交换意见", &st, t + 2 * DAY, &sid, &why) != 0)
		return -1;
	if (k != 1 && wo_session_add(d->db, d->a, d->c->id, id, t + 9 * DAY, "社区人民调解室",
	                             k == 2 ? "双方分歧较大,未能达成一致" : "双方就修复方式和费用达成一致",
	                             &st, t + 9 * DAY, &sid, &why) != 0)
		return -1;
	t += 10 * DAY;
	if (wo_mediation_conclude(d->db, d->a, d->c->id, id, k != 2,
	                          k == 0 ? "楼上住户于十日内修复卫生间防水,并承担楼下天花板维修费用 1200 元"
	                                 : "双方约定单双日轮流使用楼前车位",
	                          &st, t, &why) != 0)
		return -1;
	if (reply(d, id, s, k != 2, t + HOUR) < 0)
		return -1;
	return rate(d, id, k == 2 ? WO_R_UNSATISFIED : WO_R_SATISFIED, t + DAY);
}

int wo_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	struct demo d = {.db = db, .a = a, .c = c, .now = now, .x = 2166136261u};
	for (const unsigned char *p = (const unsigned char *)c->slug; *p; p++)
		d.x = (d.x ^ *p) * 16777619u;
	if (!d.x)
		d.x = 1;
	size_t nl = strlen(c->name) >= strlen("社区") ? strlen(c->name) - strlen("社区") : strlen(c->name);
	d.place = arena_strndup(a, c->name, nl);
	d.staff = first_with(&d, c->id, ROLE_STAFF, &d.staff_name);
	if (!d.staff || !d.place)
		return d.place ? 0 : -1; /* a community without staff gets no orders */
	struct auth_member *m;
	size_t n;
	if (auth_users_with_role(db, a, c->id, ROLE_STAFF, &m, &n) < 0)
		return -1;
	for (size_t i = 0; i < n && !d.staff2; i++)
		if (m[i].id != d.staff) {
			d.staff2 = m[i].id;
			d.staff2_name = m[i].display_name;
			d.staff2_local = 1;
		}
	/* Without a second staff member here, the street's administrator approves. */
	if (!d.staff2)
		d.staff2 = first_with(&d, c->street.id, ROLE_STREET_ADMIN, &d.staff2_name);
	d.grid = first_with(&d, c->id, role_from_name("grid_worker"), &d.grid_name);
	const char *rn;
	d.resident = first_with(&d, c->id, ROLE_RESIDENT, &rn);

	int total = 60 + (int)rnd(&d, 61), last = 8;
	int64_t from = now - 365 * (int64_t)DAY, recent = now - 10 * (int64_t)DAY;
	int off = (int)rnd(&d, NSUBJECTS);
	/* Ordinary orders, oldest first; the special ones at fixed places. */
	for (int i = 0; i < total; i++) {
		int64_t t = i < total - last
		                ? from + (recent - from) * i / (total - last) + (int64_t)rnd(&d, DAY)
		                : recent + (now - 2 * HOUR - recent) * (i - (total - last)) / last;
		const struct subject *s = &subjects[(size_t)(i + off) % NSUBJECTS];
		int rc = 0;
		if (i == total * 3 / 20 || i == total * 7 / 20 || i == total * 11 / 20)
			rc = extended(&d, &subjects[9 + i % 3], t, 0);
		else if (i == total * 9 / 20)
			rc = extended(&d, &subjects[10], t, 1);
		else if (i == total * 6 / 20)
			rc = reopened(&d, &subjects[0], t);
		else if (i == total * 10 / 20)
			rc = transferred(&d, &subjects[3], t);
		else if (i == total * 12 / 20)
			rc = merged(&d, &subjects[1], t);
		else if (i == total * 4 / 20 || i == total * 8 / 20 || i == total * 14 / 20)
			rc = mediation(&d, i == total * 4 / 20 ? 0 : i == total * 8 / 20 ? 1 : 2, t);
		else {
			int64_t id;
			enum fate f;
			uint32_t p = rnd(&d, 100);
			if (i >= total - last) {
				static const enum fate tail[] = {F_REPLIED,  F_IN_PROGRESS, F_ASSIGNED,
				                                 F_RECEIVED, F_ACCEPTED,    F_IN_PROGRESS,
				                                 F_ASSIGNED, F_RECEIVED};
				f = tail[i - (total - last)];
			} else if (i == total - last - 3 || i == total - last - 6)
				f = F_IN_PROGRESS; /* weeks past its finish date: overdue */
			else if (i == total - last - 1)
				f = F_RECEIVED; /* ten days without a response: overdue */
			else if (i == total - last - 2)
				f = F_REPLIED; /* waiting for the requester's rating */
			else if (p < 5 || i == total / 10)
				f = F_REJECTED;
			else if (p < 15)
				f = F_CLOSED;
			else
				f = F_RATED;
			rc = record(&d, s, t, &id);
			if (rc == 0)
				rc = handle(&d, id, s, t, f);
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}
