/* shequ demo: a realistic demo deployment — one district, two streets,
 * three communities with their two committees, and an account for every role. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/auth.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "app.h"
#include "org/org.h"

#define DEMO_PASSWORD "demo-pass-2026"

static const char demo_usage[] = "usage: shequ demo [--db URL] [--key-file FILE]\n"
				 "Fills an initialised, empty database with demo data and prints the logins.\n"
				 "Its personal data is sealed with the database's key file (see shequ init).\n";

struct demo_community {
	const char *street, *slug, *name, *address, *phone, *hotline, *intro;
};

static const struct demo_community communities[] = {
    {"donghu", "xingfuli", "幸福里社区", "东湖街道幸福里 12 号社区服务中心一层", "010-6488 1201", "010-6488 1200",
     "幸福里社区建于 1998 年,共有住宅楼 36 栋、居民 3,200 余户,辖区内有小学一所、社区卫生服务站一处。\n"
     "社区党支部和居委会实行“一站式”服务,居民办事不出社区。"},
    {"donghu", "heping", "和平社区", "东湖街道和平路 88 号", "010-6488 2301", "010-6488 2300",
     "和平社区以老旧小区为主,60 岁以上居民占三成,设有日间照料中心和老年活动室。"},
    {"nanshan", "cuizhu", "翠竹社区", "南山街道翠竹园 3 号楼底商", "010-6512 3301", "010-6512 3300",
     "翠竹社区为新建商品房社区,驻区单位 14 家,共驻共建活动丰富。"},
};

struct demo_member {
	enum committee committee;
	const char *name, *title, *duty;
};

static const struct demo_member members[3][6] = {
    {{COMMITTEE_PARTY, "王建国", "党支部书记", "主持党支部全面工作,负责党建和党务公开"},
     {COMMITTEE_PARTY, "刘淑芬", "党支部副书记", "党员教育管理、党费收缴、民主评议党员"},
     {COMMITTEE_PARTY, "赵志刚", "党支部委员", "宣传、统战和共驻共建"},
     {COMMITTEE_RESIDENTS, "王建国", "居委会主任", "主持居委会全面工作,负责居务公开和财务"},
     {COMMITTEE_RESIDENTS, "陈晓梅", "居委会副主任", "民政、低保、救灾救济、计划生育"},
     {COMMITTEE_RESIDENTS, "周立新", "居委会委员", "治安保卫、人民调解、来信来访"}},
    {{COMMITTEE_PARTY, "李红", "党支部书记", "主持党支部全面工作"},
     {COMMITTEE_PARTY, "孙国庆", "党支部委员", "组织、宣传和老党员服务"},
     {COMMITTEE_RESIDENTS, "李红", "居委会主任", "主持居委会全面工作"},
     {COMMITTEE_RESIDENTS, "马玉兰", "居委会副主任", "居家养老、民政和残疾人服务"},
     {COMMITTEE_RESIDENTS, "杨帆", "居委会委员", "文体活动、志愿者和居民学校"},
     {0, NULL, NULL, NULL}},
    {{COMMITTEE_PARTY, "郑海燕", "党支部书记", "主持党支部全面工作,联系驻区单位党组织"},
     {COMMITTEE_PARTY, "吴磊", "党支部委员", "组织和宣传"},
     {COMMITTEE_RESIDENTS, "郑海燕", "居委会主任", "主持居委会全面工作"},
     {COMMITTEE_RESIDENTS, "何静", "居委会委员", "民政、社会保障和就业服务"},
     {0, NULL, NULL, NULL},
     {0, NULL, NULL, NULL}},
};

struct demo_user {
	const char *username, *phone, *name, *role, *unit, *what;
};

static const struct demo_user users[] = {
    {"admin", NULL, "系统管理员", "system_admin", NULL, "系统管理员,管理全部单位"},
    {"quguanli", NULL, "刘敏", "district_admin", "shifan", "示范区区管理员"},
    {"donghu", NULL, "陈静", "street_admin", "donghu", "东湖街道管理员(幸福里、和平)"},
    {"nanshan", NULL, "赵强", "street_admin", "nanshan", "南山街道管理员(翠竹)"},
    {"wangjg", "13900139001", "王建国", "staff", "xingfuli", "幸福里社区干部"},
    {"lihong", "13900139002", "李红", "staff", "heping", "和平社区干部"},
    {"zhengh", "13900139003", "郑海燕", "staff", "cuizhu", "翠竹社区干部"},
    {"jiandu", "13900139004", "孙立", "supervisor", "xingfuli", "幸福里社区监督员"},
    {"zhangsan", "13800138000", "张三", "resident", "xingfuli", "幸福里社区居民"},
    {"zhoulx", "13900139005", "周立新", "staff", "xingfuli", "幸福里社区居委会委员,人民调解、来信来访"},
    {"wanggw", "13900139006", "王国伟", "grid_worker", "xingfuli", "幸福里社区网格员"},
    {"zhaoli", "13900139007", "赵丽", "staff", "heping", "和平社区干部,审核财务收支"},
    {"sunwei", "13900139008", "孙伟", "staff", "cuizhu", "翠竹社区干部,审核财务收支"},
};

/* Writes the whole demo inside the caller's transaction. 0 or -1. */
static int demo_fill(struct db *db, int64_t now)
{
	int64_t district, street[2], unit;
	if (org_unit_add(db, 0, ORG_DISTRICT, "shifan", "示范区", now, &district) ||
	    org_unit_add(db, district, ORG_STREET, "donghu", "东湖街道", now, &street[0]) ||
	    org_unit_add(db, district, ORG_STREET, "nanshan", "南山街道", now, &street[1]))
		return -1;
	for (size_t i = 0; i < sizeof communities / sizeof *communities; i++) {
		const struct demo_community *c = &communities[i];
		int64_t parent = strcmp(c->street, "donghu") ? street[1] : street[0];
		if (org_unit_add(db, parent, ORG_COMMUNITY, c->slug, c->name, now, &unit))
			return -1;
		for (size_t m = 0; m < shequ_nmodules; m++)
			if (shequ_modules[m]->community_created && shequ_modules[m]->community_created(db, unit, now) < 0)
				return -1;
		struct community_profile p = {c->address, c->phone, c->hotline, "周一至周五 8:30-17:30,周六上午值班",
					      c->intro, now};
		if (org_profile_save(db, unit, &p, now))
			return -1;
		for (int k = 0; k < 6 && members[i][k].name; k++) {
			struct committee_member m = {0, members[i][k].committee, members[i][k].name,
						     members[i][k].title, members[i][k].duty, k};
			if (org_committee_add(db, unit, &m))
				return -1;
		}
	}
	for (size_t i = 0; i < sizeof users / sizeof *users; i++) {
		const struct demo_user *u = &users[i];
		char hash[128];
		int64_t id;
		enum org_kind kind;
		/* People hold their accounts and posts from before the demo's year
		 * of records (a supervisor is appointed before giving opinions). */
		int64_t since = now - 400 * 86400;
		if (auth_password_hash(DEMO_PASSWORD, hash) ||
		    auth_user_add(db, u->username, u->phone, u->name, hash, since, &id))
			return -1;
		unit = 0;
		if (u->unit && org_unit_by_slug(db, u->unit, &unit, &kind))
			return -1;
		if (auth_grant_add(db, id, unit, (enum role)role_from_name(u->role), since))
			return -1;
	}
	/* Each module fills each community, now that its people exist. */
	struct arena a;
	arena_init(&a, 256u << 20);
	for (size_t i = 0; i < sizeof communities / sizeof *communities; i++) {
		struct community c;
		if (org_community_by_slug(db, &a, communities[i].slug, &c) != 0)
			goto fail;
		for (size_t m = 0; m < shequ_nmodules; m++)
			if (shequ_modules[m]->demo && shequ_modules[m]->demo(db, &a, &c, now) < 0) {
				fprintf(stderr, "shequ: demo data of module %s failed in %s\n", shequ_modules[m]->name, c.slug);
				goto fail;
			}
	}
	arena_free(&a);
	struct audit_event ev = {.actor = "命令行", .action = "demo.load", .entity = "deployment", .ip = "cli",
				 .detail = "载入示例数据"};
	return audit_write(db, &ev, now);
fail:
	arena_free(&a);
	return -1;
}

int cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, 0, 'd'}, {"key-file", required_argument, 0, 'k'}, {"help", no_argument, 0, 'h'}, {0}};
	const char *flag = NULL, *key = NULL;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'd')
			flag = optarg;
		else if (ch == 'k')
			key = optarg;
		else
			return cli_usage(demo_usage, ch == 'h');
	}
	if (optind != argc)
		return cli_usage(demo_usage, 0);
	const char *url = cli_db_url(flag);
	struct db *db;
	if (cli_open(url, 1, &db) < 0)
		return 1;
	if (cli_pii_key(db, url, key, CLI_KEY_REQUIRE) < 0) {
		db_close(db);
		return 1;
	}
	int64_t id;
	enum org_kind kind;
	if (org_unit_by_slug(db, "shifan", &id, &kind) == 0) {
		fprintf(stderr, "shequ: %s already holds the demo data\n", url);
		db_close(db);
		return 1;
	}
	if (db_begin(db) < 0 || demo_fill(db, clock_now()) < 0 || db_commit(db) < 0) {
		fprintf(stderr, "shequ: demo: %s\n", db_errmsg(db));
		db_rollback(db);
		db_close(db);
		return 1;
	}
	db_close(db);
	printf("demo data loaded into %s\n", url);
	printf("demo logins (password for all: %s):\n", DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof users / sizeof *users; i++)
		printf("  %-10s %s\n", users[i].username, users[i].what);
	return 0;
}
