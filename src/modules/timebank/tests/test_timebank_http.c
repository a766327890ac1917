/* End-to-end: the time bank on a real server over the demo data, on SQLite
 * and (under tests/pg/with-postgres.sh) PostgreSQL: the public page and its
 * JSON show totals and no name; a resident's report confirmed by staff
 * reaches the balance; the desk's deposit over the cap is refused with the
 * room left, a withdrawal beyond the balance with what was typed kept; a
 * reversal, once; a donation after seeing the receiver's masked name;
 * masking on the staff list and its exports, the full view audited; others
 * kept out of the staff pages.
 * usage: test_timebank_http PATH-TO-SHEQU */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"

static int64_t balance_of(int64_t id)
{
	char n[24];
	snprintf(n, sizeof n, "%lld", (long long)id);
	return db_int("SELECT balance_minutes FROM timebank_account WHERE community_id = " XFL
	              " AND id = CAST(? AS INTEGER)",
	              n, NULL);
}

static int64_t zhangsan_account(void)
{
	return db_int(
	    "SELECT a.id FROM timebank_account a JOIN users u ON u.id = a.user_id WHERE a.community_id = " XFL
	    " AND u.username = ?",
	    "zhangsan", NULL);
}

/* The public page and its JSON: totals of this year, the rules, no name or mobile. */
static void the_public_page_shows_totals_and_no_name(void **state)
{
	(void)state;
	struct resp r;
	visit(at, "/c/xingfuli/volunteers/timebank/", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "开户人数"));
	assert_true(has(&r, "今年存入"));
	assert_true(has(&r, "每个账户最多存 500.0 小时"));
	assert_false(has(&r, "桂芳"));
	assert_false(has(&r, "刘*"));
	assert_false(has(&r, "奶奶"));
	assert_false(has(&r, "1397123"));
	assert_false(has(&r, "139****"));
	assert_false(has(&r, "张三"));
	done(&r);
	visit(at, "/c/heping/volunteers/timebank/", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "每个账户最多存 300.0 小时"));
	done(&r);
	visit(at, "/api/v1/c/xingfuli/timebank/summary", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"deposited_minutes\""));
	assert_true(has(&r, "\"accounts\":"));
	assert_false(has(&r, "桂芳"));
	done(&r);
	visit(at, "/api/v1/openapi.json", NULL, &r);
	assert_true(has(&r, "/api/v1/c/{community}/timebank/summary"));
	done(&r);
	/* the resident's page needs a login; staff pages too */
	visit(at, "/c/xingfuli/volunteers/timebank/mine", NULL, &r);
	assert_true(r.status == 401 || r.status == 303);
	done(&r);
	visit(at, "/c/xingfuli/admin/timebank/", NULL, &r);
	assert_true(r.status == 401 || r.status == 303);
	done(&r);
	CURL *z = logged_in("zhangsan");
	request(z, "/c/xingfuli/admin/timebank/", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(z);
	/* the street's workbench counts the pending reports of its communities */
	CURL *d = logged_in("donghu");
	request(d, "/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "时间银行待确认的存入"));
	done(&r);
	curl_easy_cleanup(d);
	CURL *l = logged_in("lihong"); /* 和平's staff */
	request(l, "/c/xingfuli/admin/timebank/", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	/* nor may she open an account in 幸福里's time bank: she is no resident there */
	request(l, "/c/xingfuli/volunteers/timebank/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "只有本社区的居民可以开通"));
	done(&r);
	assert_int_equal(post_form(l, "/c/heping/volunteers/timebank/mine",
	                           "/c/xingfuli/volunteers/timebank/mine/open", &r,
	                           "name=%s&mobile=13900139002", enc("李红")),
	                 403);
	done(&r);
	curl_easy_cleanup(l);
}

/* 我为谁服务了多久: reported by the resident, pending, confirmed by staff, in the balance. */
static void a_residents_report_confirmed_reaches_the_balance(void **state)
{
	(void)state;
	CURL *z = logged_in("zhangsan");
	struct resp r;
	int64_t acc = zhangsan_account();
	assert_true(acc > 0);
	int64_t before = balance_of(acc);
	request(z, "/c/xingfuli/volunteers/timebank/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "我的时间银行"));
	assert_true(has(&r, "待确认"));
	done(&r);
	/* a date in the future is refused with the rest kept */
	assert_int_equal(post_form(z, "/c/xingfuli/volunteers/timebank/mine",
	                           "/c/xingfuli/volunteers/timebank/mine/report", &r,
	                           "party=%s&service=%s&on=2099-01-01&hours=%s", enc("蒋大爷"), enc("陪聊"),
	                           enc("1小时30分")),
	                 422);
	assert_true(has(&r, "服务日期不能晚于今天"));
	assert_true(has(&r, "1小时30分"));
	done(&r);
	assert_int_equal(post_form(z, "/c/xingfuli/volunteers/timebank/mine",
	                           "/c/xingfuli/volunteers/timebank/mine/report", &r,
	                           "party=%s&service=%s&on=2025-06-01&hours=%s", enc("蒋大爷"), enc("陪聊"),
	                           enc("1小时30分")),
	                 303);
	done(&r);
	int64_t rep = db_int("SELECT MAX(id) FROM timebank_report WHERE community_id = " XFL " AND state = ?",
	                     "pending", NULL);
	char id[24], path[128];
	snprintf(id, sizeof id, "%lld", (long long)rep);
	assert_int_equal(db_int("SELECT minutes FROM timebank_report WHERE community_id = " XFL
	                        " AND id = CAST(? AS INTEGER)",
	                        id, NULL),
	                 90);
	assert_int_equal(balance_of(acc), before);
	/* the name is kept masked */
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM timebank_report WHERE party_masked LIKE ?", "%大爷%", NULL), 0);
	CURL *w = logged_in("wangjg");
	request(w, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "待确认的存入"));
	done(&r);
	int confirms = audit_count("timebank.confirm");
	snprintf(path, sizeof path, "/c/xingfuli/admin/timebank/reports/%lld/confirm", (long long)rep);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/timebank/reports/", path, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(balance_of(acc), before + 90);
	assert_int_equal(audit_count("timebank.confirm"), confirms + 1);
	/* decided once */
	assert_int_equal(post_form(w, "/c/xingfuli/admin/timebank/reports/", path, &r, "x=1"), 422);
	assert_true(has(&r, "已处理过"));
	done(&r);
	/* another pending report refused with a reason the resident sees */
	int64_t other =
	    db_int("SELECT MIN(id) FROM timebank_report WHERE community_id = " XFL " AND state = ?",
	           "pending", NULL);
	assert_true(other > 0);
	snprintf(path, sizeof path, "/c/xingfuli/admin/timebank/reports/%lld/refuse", (long long)other);
	assert_int_equal(post_form(w, path, path, &r, "reason="), 422);
	assert_true(has(&r, "请填写理由"));
	done(&r);
	assert_int_equal(post_form(w, path, path, &r, "reason=%s", enc("服务对象不是本社区老人")), 303);
	done(&r);
	request(z, "/c/xingfuli/volunteers/timebank/mine", NULL, NULL, &r);
	assert_true(has(&r, "服务对象不是本社区老人"));
	done(&r);
	request(w, "/c/xingfuli/admin/timebank/reports/reports.csv?state=refused", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "服务对象不是本社区老人"));
	assert_false(has(&r, "大爷"));
	done(&r);
	request(w, "/c/xingfuli/admin/timebank/reports/reports.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	curl_easy_cleanup(w);
	curl_easy_cleanup(z);
}

/* The desk: an account opened, a deposit over the cap refused with the room
 * left, a withdrawal beyond the balance refused with what was typed kept,
 * a reversal once, masking on the list and exports, the full view audited. */
static void the_desk_keeps_the_rules(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	assert_int_equal(post_form(w, "/c/xingfuli/admin/timebank/new", "/c/xingfuli/admin/timebank/new", &r,
	                           "name=%s&mobile=%s", enc("欧阳秀梅"), enc("139 1111 2222")),
	                 303);
	done(&r);
	int64_t acc =
	    db_int("SELECT MAX(id) FROM timebank_account WHERE community_id = " XFL " AND mobile_masked = ?",
	           "139****2222", NULL);
	assert_true(acc > 0);
	char page[96], move[96];
	snprintf(page, sizeof page, "/c/xingfuli/admin/timebank/%lld", (long long)acc);
	snprintf(move, sizeof move, "/c/xingfuli/admin/timebank/%lld/move", (long long)acc);
	/* the cap set to 2 hours */
	assert_int_equal(post_form(w, "/c/xingfuli/admin/timebank/settings",
	                           "/c/xingfuli/admin/timebank/settings", &r, "cap=2"),
	                 303);
	done(&r);
	assert_int_equal(post_form(w, page, move, &r,
	                           "kind=deposit&hours=1.5&service=%s&on=2025-09-09&party=%s", enc("助洁"),
	                           enc("陈奶奶")),
	                 303);
	done(&r);
	assert_int_equal(balance_of(acc), 90);
	assert_int_equal(post_form(w, page, move, &r,
	                           "kind=deposit&hours=1&service=%s&on=2025-09-10&party=%s", enc("助洁"),
	                           enc("陈奶奶")),
	                 422);
	assert_true(has(&r, "还能存入 30分钟"));
	done(&r);
	assert_int_equal(balance_of(acc), 90);
	/* withdrawal beyond the balance: refused, the form keeps what was typed */
	assert_int_equal(post_form(w, page, move, &r,
	                           "kind=withdraw&hours=%s&service=%s&on=2025-09-11&note=%s", enc("3小时"),
	                           enc("助医"), enc("陪同复查")),
	                 422);
	assert_true(has(&r, "余额不足:现有 1小时30分钟"));
	assert_true(has(&r, "value=\"3小时\""));
	assert_true(has(&r, "陪同复查"));
	done(&r);
	/* hours that do not parse: the message beside the field */
	assert_int_equal(post_form(w, page, move, &r, "kind=deposit&hours=%s&service=%s&on=2025-09-11",
	                           enc("两个半"), enc("助洁")),
	                 422);
	assert_true(has(&r, "value=\"两个半\""));
	assert_true(has(&r, "如 2、1.5、1小时30分 或 90分钟"));
	done(&r);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/timebank/settings",
	                           "/c/xingfuli/admin/timebank/settings", &r, "cap=500"),
	                 303);
	done(&r);
	/* a reversal, once */
	int64_t dep = db_int("SELECT MAX(id) FROM timebank_move WHERE community_id = " XFL " AND kind = ?",
	                     "deposit", NULL);
	char rev[128];
	snprintf(rev, sizeof rev, "/c/xingfuli/admin/timebank/moves/%lld/reverse", (long long)dep);
	assert_int_equal(post_form(w, rev, rev, &r, "reason=%s", enc("记错账户")), 303);
	done(&r);
	assert_int_equal(balance_of(acc), 0);
	assert_int_equal(post_form(w, rev, rev, &r, "reason=%s", enc("再冲一次")), 422);
	assert_true(has(&r, "已冲正过"));
	done(&r);
	request(w, page, NULL, NULL, &r);
	assert_true(has(&r, "冲正第"));
	assert_true(has(&r, "已被第"));
	done(&r);
	/* the person served named by an account: checked, kept with the move */
	assert_int_equal(post_form(w, page, move, &r,
	                           "kind=deposit&hours=1&service=%s&on=2025-09-12&to=999999", enc("陪聊")),
	                 422);
	assert_true(has(&r, "本社区没有这个账户号"));
	done(&r);
	assert_int_equal(
	    post_form(w, page, move, &r, "kind=deposit&hours=1&service=%s&on=2025-09-12&to=1", enc("陪聊")),
	    303);
	done(&r);
	assert_int_equal(db_int("SELECT party_account_id FROM timebank_move WHERE community_id = " XFL
	                        " AND id = (SELECT MAX(id) FROM timebank_move WHERE community_id = " XFL
	                        " AND kind = ?)",
	                        "deposit", NULL),
	                 1);
	/* masked on the staff list and its exports */
	request(w, "/c/xingfuli/admin/timebank/?q=13911112222", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "139****2222"));
	assert_false(has(&r, "秀梅"));
	done(&r);
	request(w, "/c/xingfuli/admin/timebank/timebank.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "139****2222"));
	assert_false(has(&r, "13911112222"));
	assert_false(has(&r, "秀梅"));
	done(&r);
	request(w, "/c/xingfuli/admin/timebank/timebank.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	char exp[128];
	snprintf(exp, sizeof exp, "%s/moves.csv", page);
	request(w, exp, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "冲正"));
	done(&r);
	/* the full view asks why and is audited */
	int views = audit_count("timebank.view_contact");
	char contact[128];
	snprintf(contact, sizeof contact, "%s/contact", page);
	assert_int_equal(post_form(w, contact, contact, &r, "reason=%s", enc("联系上门服务")), 200);
	assert_true(has(&r, "欧阳秀梅"));
	assert_true(has(&r, "13911112222"));
	done(&r);
	assert_int_equal(audit_count("timebank.view_contact"), views + 1);
	/* frozen: the desk cannot deposit */
	char st[128];
	snprintf(st, sizeof st, "%s/state", page);
	assert_int_equal(post_form(w, st, st, &r, "state=frozen&reason=%s", enc("核查中")), 303);
	done(&r);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/timebank/", move, &r,
	                           "kind=deposit&hours=1&service=%s&on=2025-09-10", enc("助洁")),
	                 422);
	assert_true(has(&r, "冻结"));
	done(&r);
	curl_easy_cleanup(w);
}

/* A donation: the receiver's masked name first, then the transfer. */
static void a_donation_shows_the_receiver_first(void **state)
{
	(void)state;
	CURL *z = logged_in("zhangsan");
	struct resp r;
	int64_t acc = zhangsan_account();
	int64_t to = db_int("SELECT MIN(id) FROM timebank_account WHERE community_id = " XFL
	                    " AND state = ? AND user_id IS NULL",
	                    "open", NULL);
	int64_t mine = balance_of(acc), theirs = balance_of(to);
	assert_true(mine >= 30);
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)to);
	assert_int_equal(post_form(z, "/c/xingfuli/volunteers/timebank/mine",
	                           "/c/xingfuli/volunteers/timebank/mine/donate", &r,
	                           "to=%s&hours=%s&on=2025-10-01", num, enc("30分钟")),
	                 200);
	assert_true(has(&r, "确认转赠"));
	assert_true(has(&r, "的户主是"));
	done(&r);
	assert_int_equal(balance_of(acc), mine);
	/* a number changed on the confirmation step is shown again, not sent to */
	char other[24];
	snprintf(other, sizeof other, "%lld", (long long)(to + 1));
	assert_int_equal(post_form(z, "/c/xingfuli/volunteers/timebank/mine",
	                           "/c/xingfuli/volunteers/timebank/mine/donate", &r,
	                           "to=%s&hours=%s&on=2025-10-01&confirm=%s", other, enc("30分钟"), num),
	                 200);
	assert_true(has(&r, "确认转赠"));
	done(&r);
	assert_int_equal(balance_of(acc), mine);
	/* beyond the balance: refused, kept */
	assert_int_equal(post_form(z, "/c/xingfuli/volunteers/timebank/mine",
	                           "/c/xingfuli/volunteers/timebank/mine/donate", &r,
	                           "to=%s&hours=24&on=2025-10-01&confirm=%s", num, num),
	                 mine >= 24 * 60 ? 303 : 422);
	done(&r);
	assert_int_equal(post_form(z, "/c/xingfuli/volunteers/timebank/mine",
	                           "/c/xingfuli/volunteers/timebank/mine/donate", &r,
	                           "to=%s&hours=%s&on=2025-10-01&confirm=%s", num, enc("30分钟"), num),
	                 303);
	done(&r);
	assert_int_equal(balance_of(acc), mine - 30);
	assert_int_equal(balance_of(to), theirs + 30);
	/* no such account */
	assert_int_equal(post_form(z, "/c/xingfuli/volunteers/timebank/mine",
	                           "/c/xingfuli/volunteers/timebank/mine/donate", &r,
	                           "to=999999&hours=1&on=2025-10-01"),
	                 422);
	assert_true(has(&r, "本社区没有这个账户号"));
	done(&r);
	request(z, "/c/xingfuli/volunteers/timebank/mine.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	curl_easy_cleanup(z);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_timebank_http PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(the_public_page_shows_totals_and_no_name),
	    cmocka_unit_test(a_residents_report_confirmed_reaches_the_balance),
	    cmocka_unit_test(the_desk_keeps_the_rules),
	    cmocka_unit_test(a_donation_shows_the_receiver_first),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
