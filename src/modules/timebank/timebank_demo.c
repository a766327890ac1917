/* Demo data of the time bank for `shequ demo`: in each demo community,
 * younger retirees (低龄老人, 60 to 70) who serve old people living alone
 * (高龄独居老人) hold accounts opened at the desk, with a year of deposits
 * (助餐, 助洁, 陪聊 …), a few withdrawals by members who now need care
 * themselves, a donation from a daughter to her mother, one deposit
 * reversed, and two residents' reports waiting for staff; the demo
 * resident's own account. Dates are relative to the demo's clock. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/date.h"
#include "modules/timebank/timebank_web.h"
#include "org/org.h"

struct demo_holder {
	const char *name, *mobile;
	const char *serves; /* the old person served, masked when stored */
	const char *service[3];
	int minutes[3];
};

static const struct demo_holder holders[] = {
    {"刘桂芳", "13971230101", "陈奶奶", {"助餐", "陪聊", "助洁"}, {60, 90, 120}},
    {"王建华", "13971230102", "李爷爷", {"助医", "代购", "陪聊"}, {150, 45, 60}},
    {"张玉兰", "13971230103", "周奶奶", {"助洁", "助浴", "陪聊"}, {120, 90, 60}},
    {"赵德明", "13971230104", "吴爷爷", {"助行", "助医", "代购"}, {60, 180, 40}},
    {"孙秀珍", "13971230105", "郑奶奶", {"助餐", "助洁", "理发"}, {60, 120, 30}},
    {"李春生", "13971230106", "黄爷爷", {"陪聊", "代购", "助餐"}, {90, 50, 60}},
    {"何淑英", "13971230107", "冯奶奶", {"助浴", "助洁", "陪聊"}, {90, 120, 75}},
    {"陈国强", "13971230108", "马爷爷", {"助医", "助行", "陪聊"}, {120, 60, 90}},
};
#define NHOLDERS (sizeof holders / sizeof *holders)

/* The day `days` before now, "YYYY-MM-DD". */
static void day_before(int64_t now, int days, char out[11])
{
	date_format(date_add_days(date_from_time(now), -days), out);
}

static int deposit(struct db *db, int64_t cid, int64_t acc, const char *service, int minutes,
                   const char *party, int days_ago, int64_t by, int64_t now, int64_t *id)
{
	struct tb_move m = {.account_id = acc,
	                    .minutes = minutes,
	                    .service = service,
	                    .party_masked = party,
	                    .note = "",
	                    .source = "desk"};
	day_before(now, days_ago, m.served_on);
	int64_t room;
	int rc = tb_deposit(db, cid, &m, by, now - (int64_t)days_ago * 86400, &room);
	if (id)
		*id = m.id;
	return rc ? -1 : 0;
}

int tb_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	struct auth_member *m;
	size_t n;
	int64_t staff = 0, resident = 0;
	if (auth_users_with_role(db, a, c->id, ROLE_STAFF, &m, &n) < 0)
		return -1;
	if (n)
		staff = m[0].id;
	if (auth_users_with_role(db, a, c->id, ROLE_RESIDENT, &m, &n) < 0)
		return -1;
	const char *resident_name = NULL;
	if (n) {
		resident = m[0].id;
		resident_name = m[0].display_name;
	}
	/* Communities differ a little: 和平 has a lower cap, 翠竹 fewer members. */
	int shift = !strcmp(c->slug, "heping") ? 1 : !strcmp(c->slug, "cuizhu") ? 2 : 0;
	if (shift == 1 && tb_cap_set(db, c->id, 300 * 60, staff, now) < 0)
		return -1;
	size_t nh = shift == 2 ? 6 : NHOLDERS;
	int64_t acc[NHOLDERS];
	for (size_t i = 0; i < nh; i++) {
		struct tb_account ac = {.name = holders[i].name, .mobile = holders[i].mobile};
		if (tb_account_open(db, a, c->id, &ac, staff, now - 380 * 86400) != 0)
			return -1;
		acc[i] = ac.id;
	}
	/* A year of service: each member about twice a month. */
	int64_t first_deposit = 0;
	for (int week = 52; week >= 1; week--)
		for (size_t i = 0; i < nh; i++) {
			if ((week + (int)i + shift) % 2)
				continue;
			int k = (week + (int)i) % 3;
			const struct demo_holder *h = &holders[i];
			int64_t id;
			if (deposit(db, c->id, acc[i], h->service[k], h->minutes[k], h->serves,
			            week * 7 - (int)i % 5, staff, now, &id) < 0)
				return -1;
			if (!first_deposit && i == 1)
				first_deposit = id;
		}
	/* Two members now need care themselves and draw hours. */
	for (int month = 3; month >= 1; month--) {
		struct tb_move w = {.account_id = acc[3],
		                    .minutes = 120,
		                    .service = "助医",
		                    .party_masked = "社区志愿者",
		                    .note = "腿脚不便,陪同复查"};
		day_before(now, month * 30, w.served_on);
		int64_t room;
		if (tb_withdraw(db, c->id, &w, staff, now - (int64_t)month * 30 * 86400, &room) != 0)
			return -1;
		struct tb_move w2 = {.account_id = acc[0],
		                     .minutes = 90,
		                     .service = "助洁",
		                     .party_masked = "社区志愿者",
		                     .note = ""};
		day_before(now, month * 30 - 5, w2.served_on);
		if (tb_withdraw(db, c->id, &w2, staff, now - (int64_t)(month * 30 - 5) * 86400, &room) != 0)
			return -1;
	}
	/* A daughter donates hours to her mother's account. */
	struct tb_account mother = {.name = "钱秀英", .mobile = ""};
	if (tb_account_open(db, a, c->id, &mother, staff, now - 60 * 86400) != 0)
		return -1;
	char on[11];
	day_before(now, 40, on);
	int64_t out, room;
	if (tb_transfer(db, c->id, acc[2], mother.id, 600, on, "给妈妈用", staff, now - 40 * 86400, &out,
	                &room) != 0)
		return -1;
	/* One deposit was recorded on the wrong account: reversed. */
	int64_t rev;
	day_before(now, 20, on);
	if (first_deposit && tb_reverse(db, c->id, first_deposit, "记错账户,应记入另一位志愿者", on, staff,
	                                now - 20 * 86400, &rev) != 0)
		return -1;
	/* The demo resident's own account, with a confirmed report and two pending. */
	if (resident) {
		struct tb_account own = {.user_id = resident,
		                         .name = resident_name ? resident_name : "居民",
		                         .mobile = "13800138000"};
		if (tb_account_open(db, a, c->id, &own, resident, now - 200 * 86400) != 0)
			return -1;
		static const struct {
			const char *service, *party;
			int minutes, days;
		} reps[] = {{"陪聊", "蒋*", 90, 30}, {"代购", "蒋*", 60, 6}, {"助餐", "韩*", 45, 2}};
		for (size_t i = 0; i < 3; i++) {
			struct tb_report r = {.account_id = own.id,
			                      .service = reps[i].service,
			                      .minutes = reps[i].minutes,
			                      .party_masked = reps[i].party,
			                      .note = ""};
			day_before(now, reps[i].days, r.served_on);
			if (tb_report_add(db, c->id, &r, now - (int64_t)reps[i].days * 86400) != 0)
				return -1;
			int64_t mv;
			if (i == 0 &&
			    tb_report_confirm(db, c->id, r.id, staff, now - 25 * 86400, &mv, &room) != 0)
				return -1;
		}
	}
	return 0;
}
