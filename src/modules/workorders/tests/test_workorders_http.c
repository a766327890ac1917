/* End-to-end: the work orders' pages over the demo data (SQLite, and
 * PostgreSQL under tests/pg/with-postgres.sh): the desk intake with bad
 * input, every step through the order page with its refusals, the second
 * person an extension needs, a resident filing without an account and
 * rating and reopening with the code and phone, the public pages keeping
 * the requester's phone and full name out, the exports and the workbench. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"
#define BASE "/c/xingfuli/admin/workorders/"

static int64_t orders(void)
{
	return db_int("SELECT COUNT(*) FROM workorders_order", NULL, NULL);
}

static int64_t order_by_subject(const char *subject)
{
	return db_int("SELECT MAX(id) FROM workorders_order WHERE community_id = " XFL " AND subject = ?", subject, NULL);
}

static const char *order_path(int64_t id, const char *rest)
{
	static char p[4][128];
	static int k;
	char *out = p[k++ % 4];
	snprintf(out, 128, BASE "%lld%s", (long long)id, rest ? rest : "");
	return out;
}

/* The order's state (its column, read for checking). */
static int64_t state_is(int64_t id, const char *state)
{
	char idv[24];
	snprintf(idv, sizeof idv, "%lld", (long long)id);
	return db_int("SELECT COUNT(*) FROM workorders_order WHERE community_id = " XFL
		      " AND id = CAST(? AS BIGINT) AND state = ?",
		      idv, state);
}

static int64_t user_id(const char *username)
{
	return db_int("SELECT id FROM users WHERE username = ?", username, NULL);
}

/* Posts one step on the order page as c; the status. */
static long step(CURL *c, int64_t id, struct resp *r, const char *fmt, ...)
{
	char body[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(body, sizeof body, fmt, ap);
	va_end(ap);
	return post_form(c, order_path(id, NULL), order_path(id, "/act"), r, "%s", body);
}

/* China time `seconds` ago as the desk form takes it ("2026-11-28 14:30"), in a static ring. */
static const char *cst_ago(int64_t seconds)
{
	static char ring[4][32];
	static int k;
	char *out = ring[k++ % 4];
	time_t t = time(NULL) - (time_t)seconds + 8 * 3600;
	struct tm tm;
	strftime(out, 32, "%Y-%m-%d %H:%M", gmtime_r(&t, &tm));
	return out;
}

/* Records an order at the desk as c; its id. */
static int64_t desk(CURL *c, const char *kind, const char *subject)
{
	struct resp r;
	long st = post_form(c, BASE "new", BASE "new", &r,
			    "channel=visit&kind=%s&received=%s&subject=%s&description=%s&address=%s&name=%s"
			    "&phone=13712340001",
			    kind, enc(cst_ago(0)), enc(subject), enc("楼道灯坏了一个月"), enc("3号楼2单元"), enc("赵六"));
	done(&r);
	assert_int_equal(st, 303);
	return order_by_subject(subject);
}

static void intake_with_bad_input_keeps_it_and_writes_nothing(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	int64_t before = orders();
	assert_int_equal(post_form(staff, BASE "new", BASE "new", &r,
				   "channel=letter&kind=complaint&received=%s&subject=%s&description=%s&lat=95&lon=116.4",
				   enc("2026-13-01 10:00"), enc("噪音扰民投诉"), enc("夜里施工")),
			 422);
	assert_true(has(&r, "噪音扰民投诉")); /* kept */
	assert_true(has(&r, "夜里施工"));
	assert_true(has(&r, "纬度请填写"));
	assert_true(has(&r, "收到时间"));
	assert_true(has(&r, "请填写来访人姓名"));
	assert_true(has(&r, "error-summary"));
	/* The summary lists them as the form shows them: the time, the point, the name. */
	const char *t = strstr(r.body.data, "error-summary"), *t1 = t ? strstr(t, "收到时间") : NULL,
		   *t2 = t1 ? strstr(t1, "纬度请填写") : NULL, *t3 = t2 ? strstr(t2, "请填写来访人姓名") : NULL;
	assert_non_null(t3);
	done(&r);
	/* A latitude alone asks for the longitude. */
	assert_int_equal(post_form(staff, BASE "new", BASE "new", &r,
				   "channel=letter&kind=complaint&received=%s&subject=%s&description=%s&lat=39.9&name=%s",
				   enc("2026-11-01 10:00"), enc("噪音扰民投诉"), enc("夜里施工"), enc("赵六")),
			 422);
	assert_true(has(&r, "填写了纬度,也请填写经度"));
	assert_false(has(&r, "纬度请填写"));
	done(&r);
	assert_int_equal(orders(), before);
	/* Residents may not use the desk. */
	CURL *res = logged_in("zhangsan");
	request(res, BASE "new", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(res);
	curl_easy_cleanup(staff);
}

static void each_step_through_the_order_page(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	int receives = audit_count("workorders.receive");
	int64_t id = desk(staff, "request", "楼道灯不亮");
	assert_true(id > 0);
	assert_int_equal(audit_count("workorders.receive"), receives + 1);
	request(staff, order_path(id, "?done=received"), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "请告诉来访人查询码"));
	assert_false(has(&r, "13712340001")); /* masked until the audited full view */
	assert_false(has(&r, "赵六"));
	assert_true(has(&r, "查看完整信息"));
	assert_true(has(&r, "3号楼")); /* the address up to the building */
	done(&r);
	/* The full view asks why, and writes an audit row. */
	int views = audit_count("workorders.view_full");
	assert_int_equal(post_form(staff, order_path(id, "/full"), order_path(id, "/full"), &r, "reason="), 422);
	done(&r);
	assert_int_equal(audit_count("workorders.view_full"), views);
	assert_int_equal(post_form(staff, order_path(id, "/full"), order_path(id, "/full"), &r, "reason=%s",
				   enc("电话回访")),
			 200);
	assert_true(has(&r, "13712340001"));
	assert_true(has(&r, "赵六"));
	done(&r);
	assert_int_equal(audit_count("workorders.view_full"), views + 1);

	assert_int_equal(step(staff, id, &r, "action=accept&note="), 303);
	done(&r);
	assert_int_equal(state_is(id, "accepted"), 1);
	/* Assign without anyone: refused in view, nothing changed. */
	assert_int_equal(step(staff, id, &r, "action=assign&assignee=&unit=&note=%s", enc("尽快")), 422);
	assert_true(has(&r, "请选择承办人"));
	assert_true(has(&r, "尽快"));
	done(&r);
	assert_int_equal(state_is(id, "accepted"), 1);
	assert_int_equal(step(staff, id, &r, "action=assign&assignee=%lld&unit=&note=", (long long)user_id("wangjg")),
			 303);
	done(&r);
	assert_int_equal(state_is(id, "assigned"), 1);
	assert_int_equal(step(staff, id, &r, "action=start"), 303);
	done(&r);
	/* A reply needs its text: refused, the choice kept, the error beside the box. */
	assert_int_equal(step(staff, id, &r, "action=reply&note=&resolved=1"), 422);
	assert_true(has(&r, "<a href=\"#f-reply-note\">请填写答复内容</a>"));
	assert_true(has(&r, "id=\"f-reply-note\" name=\"note\" required aria-required=\"true\" aria-invalid=\"true\""));
	done(&r);
	/* Reloading the refused step's address (…/act) comes back to the order page. */
	request(staff, order_path(id, "/act"), NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(has_header(&r, order_path(id, NULL)));
	done(&r);
	/* Both missing: both named, each beside its field. */
	assert_int_equal(step(staff, id, &r, "action=reply&note="), 422);
	assert_true(has(&r, "<a href=\"#f-reply-note\">请填写答复内容。</a>"));
	assert_true(has(&r, ">请选择问题是否已解决。</a>"));
	assert_true(has(&r, "id=\"f-reply-note\" name=\"note\" required aria-required=\"true\" aria-invalid=\"true\""));
	done(&r);
	assert_int_equal(state_is(id, "in_progress"), 1);
	assert_int_equal(step(staff, id, &r, "action=note&note=%s", enc("内部:已联系物业")), 303);
	done(&r);
	request(staff, order_path(id, NULL), NULL, NULL, &r);
	assert_true(has(&r, "内部"));
	done(&r);
	assert_int_equal(step(staff, id, &r, "action=reply&note=%s&resolved=1", enc("已更换灯泡")), 303);
	done(&r);
	assert_int_equal(state_is(id, "replied"), 1);
	assert_int_equal(step(staff, id, &r, "action=close&note="), 303);
	done(&r);
	assert_int_equal(state_is(id, "closed"), 1);
	/* A closed order takes no more steps. */
	int accepts = audit_count("workorders.accept");
	assert_int_equal(step(staff, id, &r, "action=accept&note="), 422);
	done(&r);
	assert_int_equal(audit_count("workorders.accept"), accepts);
	assert_int_equal(step(staff, id, &r, "action=nonsense"), 400);
	done(&r);
	/* Reject needs a reason. */
	int64_t other = desk(staff, "inquiry", "咨询低保政策");
	assert_int_equal(step(staff, other, &r, "action=reject&note="), 422);
	done(&r);
	assert_int_equal(step(staff, other, &r, "action=reject&note=%s", enc("不属于本社区职责")), 303);
	done(&r);
	assert_int_equal(state_is(other, "rejected"), 1);
	/* Merge into an order of the community that is still open. */
	int64_t a = desk(staff, "complaint", "垃圾清运不及时"), b = desk(staff, "complaint", "垃圾清运不及时(重复)");
	assert_int_equal(step(staff, b, &r, "action=merge&into=%lld", (long long)a), 303);
	done(&r);
	assert_int_equal(state_is(b, "merged"), 1);
	/* Transfer to another community: a new order there. */
	int64_t t = desk(staff, "request", "转办测试事项");
	int64_t heping = db_int("SELECT id FROM org_unit WHERE slug = 'heping'", NULL, NULL);
	assert_int_equal(step(staff, t, &r, "action=transfer&community=%lld&note=", (long long)heping), 303);
	done(&r);
	assert_int_equal(state_is(t, "transferred"), 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM workorders_order WHERE community_id = (SELECT id FROM org_unit"
				" WHERE slug = 'heping') AND subject = ?",
				"转办测试事项", NULL),
			 1);
	curl_easy_cleanup(staff);
}

static void an_extension_needs_a_second_person(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg"), *street = logged_in("donghu");
	struct resp r;
	int64_t id = desk(staff, "petition", "信访:小区停车收费");
	assert_int_equal(step(staff, id, &r, "action=accept&note="), 303);
	done(&r);
	assert_int_equal(step(staff, id, &r, "action=extend_ask&days=10&note=%s", enc("需要业委会开会")), 303);
	done(&r);
	/* The workbench card's list: the orders whose extension waits for a decision. */
	request(street, BASE "?open=1&waiting=extension", NULL, NULL, &r);
	assert_true(has(&r, "信访:小区停车收费"));
	done(&r);
	request(street, BASE "?waiting=unsatisfied", NULL, NULL, &r);
	assert_false(has(&r, "信访:小区停车收费"));
	done(&r);
	request(street, BASE "?waiting=x", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	/* The asker cannot approve: no form for them, and a posted one is refused. */
	request(staff, order_path(id, NULL), NULL, NULL, &r);
	assert_false(has(&r, "id=\"step-extend_approve\""));
	done(&r);
	assert_int_equal(step(staff, id, &r, "action=extend_approve"), 422);
	assert_true(has(&r, "另一名工作人员")); /* shown though the step's form is not */
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM workorders_order WHERE subject = ? AND extension_state = 'requested'",
				"信访:小区停车收费", NULL),
			 1);
	request(street, order_path(id, NULL), NULL, NULL, &r);
	assert_true(has(&r, "id=\"step-extend_approve\""));
	done(&r);
	assert_int_equal(step(street, id, &r, "action=extend_approve"), 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM workorders_order WHERE subject = ? AND extension_state = 'approved'"
				" AND extension_days = 10",
				"信访:小区停车收费", NULL),
			 1);
	/* Only once. */
	assert_int_equal(step(staff, id, &r, "action=extend_ask&days=5&note=%s", enc("再延")), 422);
	done(&r);
	curl_easy_cleanup(street);
	curl_easy_cleanup(staff);
}

/* The tracking code of the newest order with this subject. */
static const char *code_of(const char *subject)
{
	static char code[32];
	int64_t id = order_by_subject(subject);
	assert_true(id > 0);
	/* Read it off the staff page, grouped as shown ("ABCDE-FGHJK"). */
	CURL *staff = logged_in("wangjg");
	struct resp r;
	request(staff, order_path(id, NULL), NULL, NULL, &r);
	const char *p = strstr(r.body.data, "<dt>查询码</dt><dd>");
	assert_non_null(p);
	p += strlen("<dt>查询码</dt><dd>");
	size_t n = strcspn(p, "<");
	assert_true(n < sizeof code);
	memcpy(code, p, n);
	code[n] = 0;
	done(&r);
	curl_easy_cleanup(staff);
	return code;
}

/* Follows the redirect in r (its Location header) as c: r is replaced by the page it leads to. */
static void follow(CURL *c, struct resp *r)
{
	const char *h = r->head.data ? strcasestr(r->head.data, "\nlocation: ") : NULL;
	assert_non_null(h);
	h += strlen("\nlocation: ");
	char to[512];
	size_t n = strcspn(h, "\r\n");
	assert_true(n < sizeof to);
	memcpy(to, h, n);
	to[n] = 0;
	done(r);
	request(c, to, NULL, NULL, r);
}

static void a_resident_files_anonymously_and_rates_with_code_and_phone(void **state)
{
	(void)state;
	CURL *v = client_from("127.0.0.31");
	struct resp r;
	const char *subj = "小区门口路灯不亮";
	/* No phone and not 匿名: refused, typed text kept. */
	assert_int_equal(post_form(v, "/c/xingfuli/workorders/", "/c/xingfuli/workorders/", &r,
				   "kind=request&subject=%s&description=%s&name=%s&phone=", enc(subj), enc("晚上很黑"),
				   enc("钱七")),
			 422);
	assert_true(has(&r, "请填写手机号码"));
	assert_true(has(&r, "晚上很黑"));
	assert_true(has_header(&r, "no-store"));
	done(&r);
	assert_int_equal(post_form(v, "/c/xingfuli/workorders/", "/c/xingfuli/workorders/", &r,
				   "kind=request&subject=%s&description=%s&name=%s&phone=137-1234-0002", enc(subj),
				   enc("晚上很黑"), enc("钱七")),
			 303);
	follow(v, &r); /* to a page of its own: reloading it files nothing again */
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "请记下查询码"));
	done(&r);
	int64_t id = order_by_subject(subj);
	assert_true(id > 0);
	const char *code = code_of(subj);
	/* Staff accept and reply. */
	CURL *staff = logged_in("wangjg");
	assert_int_equal(step(staff, id, &r, "action=accept&note="), 303);
	done(&r);
	assert_int_equal(step(staff, id, &r, "action=reply&note=%s&resolved=1", enc("已报修,三天内修好")), 303);
	done(&r);
	curl_easy_cleanup(staff);
	/* The tracking page: status, never the phone or the full name. */
	char path[256];
	snprintf(path, sizeof path, "/c/xingfuli/workorders/track?code=%s", code);
	request(v, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "已答复"));
	assert_false(has(&r, "13712340002"));
	assert_false(has(&r, "钱七"));
	assert_true(has_header(&r, "no-store"));
	done(&r);
	/* A wrong phone is refused; nothing rated. */
	assert_int_equal(post_form(v, path, "/c/xingfuli/workorders/track", &r,
				   "code=%s&action=rate&phone=13900000000&rating=satisfied&comment=", code),
			 422);
	assert_true(has(&r, "手机号与登记的不一致"));
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM workorders_order WHERE subject = ? AND rating IS NOT NULL", subj,
				NULL),
			 0);
	/* The right phone: 不满意, then reopen once. */
	assert_int_equal(post_form(v, path, "/c/xingfuli/workorders/track", &r,
				   "code=%s&action=rate&phone=13712340002&rating=unsatisfied&comment=%s", code,
				   enc("还是不亮")),
			 303);
	done(&r);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM workorders_order WHERE subject = ? AND rating = 'unsatisfied'", subj, NULL), 1);
	assert_int_equal(post_form(v, path, "/c/xingfuli/workorders/track", &r,
				   "code=%s&action=reopen&phone=13712340002&comment=%s", code, enc("请再修一次")),
			 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM workorders_order WHERE subject = ? AND reopened = 1", subj, NULL),
			 1);
	/* The page offers no second reopening; a posted one is refused. */
	request(v, path, NULL, NULL, &r);
	assert_false(has(&r, "要求重新办理"));
	done(&r);
	assert_int_equal(post_form(v, "/c/xingfuli/workorders/", "/c/xingfuli/workorders/track", &r,
				   "code=%s&action=reopen&phone=13712340002&comment=%s", code, enc("再来一次")),
			 422);
	done(&r);
	/* 匿名 with no phone is accepted. */
	assert_int_equal(post_form(v, "/c/xingfuli/workorders/", "/c/xingfuli/workorders/", &r,
				   "kind=suggestion&subject=%s&description=%s&anonymous=1", enc("建议增加健身器材"),
				   enc("广场上")),
			 303);
	follow(v, &r);
	assert_true(has(&r, "请记下查询码"));
	done(&r);
	/* Before any answer the requester sees both limits: the first answer's and the finishing one. */
	snprintf(path, sizeof path, "/c/xingfuli/workorders/track?code=%s", code_of("建议增加健身器材"));
	request(v, path, NULL, NULL, &r);
	assert_true(has(&r, "首次答复期限"));
	assert_true(has(&r, "办结期限"));
	done(&r);
	curl_easy_cleanup(v);
}

static void anonymous_filing_is_rate_limited_per_address(void **state)
{
	(void)state;
	CURL *v = client_from("127.0.0.32");
	struct resp r;
	long st = 303;
	int n = 0;
	for (; n < 10 && st == 303; n++) {
		st = post_form(v, "/c/xingfuli/workorders/", "/c/xingfuli/workorders/", &r,
			       "kind=suggestion&subject=%s%d&description=x&anonymous=1", enc("限流测试"), n);
		done(&r);
	}
	assert_int_equal(st, 429);
	assert_true(n > 1 && n <= 7);
	curl_easy_cleanup(v);
}

static void a_signed_in_resident_sees_their_orders(void **state)
{
	(void)state;
	CURL *res = logged_in("zhangsan");
	struct resp r;
	assert_int_equal(post_form(res, "/c/xingfuli/workorders/", "/c/xingfuli/workorders/", &r,
				   "kind=complaint&subject=%s&description=%s", enc("楼上漏水"), enc("卫生间天花板")),
			 303);
	done(&r);
	request(res, "/c/xingfuli/workorders/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "楼上漏水"));
	assert_false(has(&r, "13800138000"));
	done(&r);
	curl_easy_cleanup(res);
	/* Answered, then looked up signed out: signing in proves it (the
	 * account's phone too), and the way back comes to this order. */
	CURL *staff = logged_in("wangjg");
	int64_t id = order_by_subject("楼上漏水");
	assert_int_equal(step(staff, id, &r, "action=accept&note="), 303);
	done(&r);
	assert_int_equal(step(staff, id, &r, "action=reply&note=%s&resolved=1", enc("已联系楼上住户维修")), 303);
	done(&r);
	curl_easy_cleanup(staff);
	char path[256];
	const char *code = code_of("楼上漏水");
	snprintf(path, sizeof path, "/c/xingfuli/workorders/track?code=%s", code);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "这个工单是用账号提交的"));
	char next[256];
	snprintf(next, sizeof next, "href=\"/login?next=%%2Fc%%2Fxingfuli%%2Fworkorders%%2Ftrack%%3Fcode%%3D%s\"", code);
	assert_true(has(&r, next));
	assert_true(has(&r, "不登录的,请填写这个账号的手机号")); /* zhangsan's account has one */
	assert_true(has(&r, ">账号的手机号"));
	done(&r);
	/* Without an account: to the sign-in page. */
	visit(at, "/c/xingfuli/workorders/mine", NULL, &r);
	assert_true(r.status == 302 || r.status == 303 || r.status == 401);
	done(&r);
}

static void the_list_filters_and_exports_masked(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	desk(staff, "complaint", "导出测试工单");
	request(staff, BASE "?kind=complaint&open=1", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "导出测试工单"));
	assert_false(has(&r, "咨询低保政策")); /* an inquiry */
	assert_true(has(&r, "全部</option>")); /* every filter can be let go */
	assert_true(has(&r, "href=\"" BASE "workorders.csv?kind=complaint&amp;open=1\""));
	done(&r);
	request(staff, BASE "workorders.csv?kind=complaint", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "工单号"));
	assert_true(has(&r, "来访人(已遮盖)"));
	assert_true(has(&r, "导出测试工单"));
	assert_false(has(&r, "赵六"));
	assert_false(has(&r, "13712340001"));
	done(&r);
	request(staff, BASE "workorders.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	request(staff, BASE "?state=bogus", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	request(staff, BASE "?q=%E5%AF%BC%E5%87%BA%E6%B5%8B%E8%AF%95", NULL, NULL, &r);
	assert_true(has(&r, "导出测试工单"));
	done(&r);
	curl_easy_cleanup(staff);
}

static void the_workbench_counts_orders_to_accept(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	desk(staff, "request", "工作台计数测试");
	int64_t n = db_int("SELECT COUNT(*) FROM workorders_order WHERE community_id = " XFL " AND state = 'received'",
			   NULL, NULL);
	assert_true(n >= 1);
	request(staff, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "待受理的工单"));
	/* Its 24-hour response limit makes it due soon (it has no acceptance limit: NULL is not "late"). */
	assert_true(has(&r, "即将到期的工单"));
	char count[32];
	snprintf(count, sizeof count, ">%lld<", (long long)n);
	assert_true(has(&r, count));
	done(&r);
	/* A request received three days ago and never answered is overdue, here and on the street's workbench. */
	assert_int_equal(post_form(staff, BASE "new", BASE "new", &r,
				   "channel=hotline&kind=request&received=%s&subject=%s&description=x&name=%s",
				   enc(cst_ago(3 * 86400)),
				   enc("三天前的来电"), enc("吴十")),
			 303);
	done(&r);
	request(staff, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "已逾期的工单"));
	done(&r);
	request(staff, BASE "?overdue=1", NULL, NULL, &r);
	assert_true(has(&r, "三天前的来电"));
	assert_true(has(&r, "class=\"late\""));
	assert_true(has(&r, "已逾期"));
	done(&r);
	/* The 即将到期 card leads to the orders due within 24 hours, not the overdue ones. */
	request(staff, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "href=\"/c/xingfuli/admin/workorders/?waiting=soon\""));
	done(&r);
	request(staff, BASE "?waiting=soon", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "工作台计数测试"));
	assert_false(has(&r, "三天前的来电"));
	assert_false(has(&r, "class=\"late\""));
	done(&r);
	CURL *street = logged_in("donghu");
	request(street, "/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "逾期工单"));
	assert_true(has(&r, "24 小时内到期工单"));
	done(&r);
	curl_easy_cleanup(street);
	curl_easy_cleanup(staff);
}

static void the_rules_page_saves_and_refuses_bad_numbers(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	/* A grid worker handles orders but does not set the rules. */
	CURL *gw = logged_in("wanggw");
	request(gw, BASE, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, "期限规则"));
	done(&r);
	request(gw, BASE "rules", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	request(gw, "/c/xingfuli/workorders/", NULL, NULL, &r);
	assert_true(has(&r, "href=\"" BASE "\">工单管理</a>"));
	done(&r);
	curl_easy_cleanup(gw);
	request(staff, BASE "rules", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "信访工作条例"));
	done(&r);
	assert_int_equal(post_form(staff, BASE "rules", BASE "rules", &r, "accept_petition=abc"), 422);
	done(&r);
	int rules = audit_count("workorders.rules");
	assert_int_equal(post_form(staff, BASE "rules", BASE "rules", &r,
				   "accept_petition=15&finish_petition=60&extension_petition=30&from_petition=accept"
				   "&respond_request=24&finish_request=5&working_request=1"),
			 303);
	done(&r);
	assert_int_equal(audit_count("workorders.rules"), rules + 1);
	assert_int_equal(db_int("SELECT finish_days FROM workorders_rule WHERE community_id = " XFL " AND kind = ?",
				"request", NULL),
			 5);
	curl_easy_cleanup(staff);
}

static void a_mediation_records_parties_sessions_and_outcome(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	int64_t id = desk(staff, "mediation", "邻里漏水纠纷调解");
	request(staff, order_path(id, NULL), NULL, NULL, &r);
	assert_true(has(&r, "id=\"mediation-parties\""));
	assert_false(has(&r, "id=\"mediation-session\"")); /* parties first */
	done(&r);
	/* Without the mediator: refused in view, what was typed kept. */
	assert_int_equal(step(staff, id, &r, "action=mediation&what=parties&parties=%s&mediator=",
			      enc("501 室王某 13612345678、601 室李某")),
			 422);
	assert_true(has(&r, "<a href=\"#f-mediator\">请填写人民调解员。</a>"));
	assert_true(has(&r, "601 室李某"));
	done(&r);
	/* Too long: refused beside the field. */
	char parties[2002];
	memset(parties, 'a', 2001);
	parties[2001] = 0;
	assert_int_equal(step(staff, id, &r, "action=mediation&what=parties&parties=%s&mediator=%s", parties,
			      enc("周立新")),
			 422);
	assert_true(has(&r, "<a href=\"#f-parties\">当事人太长,请在 2000 字以内。</a>"));
	done(&r);
	/* Neither: both named. */
	assert_int_equal(step(staff, id, &r, "action=mediation&what=parties&parties=&mediator="), 422);
	assert_true(has(&r, "<a href=\"#f-parties\">请填写当事人。</a>"));
	assert_true(has(&r, "<a href=\"#f-mediator\">请填写人民调解员。</a>"));
	done(&r);
	assert_int_equal(step(staff, id, &r, "action=mediation&what=parties&parties=%s&mediator=%s",
			      enc("501 室王某 13612345678、601 室李某"), enc("周立新")),
			 303);
	done(&r);
	request(staff, order_path(id, NULL), NULL, NULL, &r);
	assert_true(has(&r, "周立新"));
	assert_false(has(&r, "13612345678")); /* the parties masked until the full view */
	assert_false(has(&r, "id=\"mediation-session\"")); /* sessions after the case is accepted */
	/* Changing them shows them in full: only after the audited full view. */
	assert_false(has(&r, "id=\"mediation-parties\""));
	assert_true(has(&r, "要修改当事人和调解员,请先"));
	done(&r);
	assert_int_equal(step(staff, id, &r, "action=mediation&what=session&session=%s&place=%s&note=%s",
			      enc("2026-11-20 15:00"), enc("社区调解室"), enc("双方到场")),
			 422);
	assert_true(has(&r, "请先受理调解申请"));
	done(&r);
	assert_int_equal(step(staff, id, &r, "action=accept&note="), 303);
	done(&r);
	request(staff, order_path(id, NULL), NULL, NULL, &r);
	assert_true(has(&r, "id=\"mediation-session\""));
	done(&r);
	assert_int_equal(step(staff, id, &r, "action=mediation&what=session&session=%s&place=%s&note=%s",
			      enc("2026-11-20 15:00"), enc("社区调解室"), enc("双方到场,初步沟通")),
			 303);
	done(&r);
	/* Agreed without the agreement's text: refused (by the store). */
	assert_int_equal(step(staff, id, &r, "action=mediation&what=outcome&outcome=agreed&agreement="), 422);
	assert_true(has(&r, "<a href=\"#f-agreement\">达成协议的,请填写协议内容。</a>"));
	done(&r);
	/* A session later than tomorrow: refused beside its time, the missing text named too. */
	assert_int_equal(step(staff, id, &r, "action=mediation&what=session&session=%s&note=",
			      enc("2099-01-01 10:00")),
			 422);
	assert_true(has(&r, "<a href=\"#f-session\">调解时间不能晚于明天。</a>"));
	assert_true(has(&r, "<a href=\"#f-session-note\">请填写调解情况。</a>"));
	done(&r);
	assert_int_equal(step(staff, id, &r, "action=mediation&what=outcome&outcome=agreed&agreement=%s",
			      enc("601 室承担维修费用 800 元")),
			 303);
	done(&r);
	request(staff, order_path(id, NULL), NULL, NULL, &r);
	assert_true(has(&r, "达成调解协议"));
	assert_true(has(&r, "双方到场,初步沟通"));
	assert_false(has(&r, "id=\"mediation-outcome\"")); /* concluded once */
	done(&r);
	assert_int_equal(step(staff, id, &r, "action=mediation&what=outcome&outcome=failed&agreement="), 422);
	done(&r);
	assert_int_equal(post_form(staff, order_path(id, "/full"), order_path(id, "/full"), &r, "reason=%s",
				   enc("核对协议")),
			 200);
	assert_true(has(&r, "601 室承担维修费用 800 元"));
	assert_true(has(&r, "13612345678"));
	done(&r);
	/* An ordinary request has no mediation record. */
	int64_t other = desk(staff, "request", "不是调解的工单");
	request(staff, order_path(other, NULL), NULL, NULL, &r);
	assert_false(has(&r, "人民调解</h2>"));
	done(&r);
	assert_int_equal(step(staff, other, &r, "action=mediation&what=parties&parties=x&mediator=y"), 422);
	done(&r);
	curl_easy_cleanup(staff);
}

/* Posts the desk form as multipart with nfiles copies of data as name; the status. */
/* Posts a multipart form to path (whose GET gives the CSRF token): the
 * n fields (name, value pairs) and nfiles copies of one file. */
static long upload(CURL *c, const char *path, const char *const (*fields)[2], size_t n, const char *name,
		   const char *data, size_t len, int nfiles, struct resp *r)
{
	request(c, path, NULL, NULL, r);
	char tok[64];
	snprintf(tok, sizeof tok, "%s", csrf_from(r));
	done(r);
	curl_mime *m = curl_mime_init(c);
	curl_mimepart *p = curl_mime_addpart(m);
	curl_mime_name(p, "csrf");
	curl_mime_data(p, tok, CURL_ZERO_TERMINATED);
	for (size_t i = 0; i < n; i++) {
		p = curl_mime_addpart(m);
		curl_mime_name(p, fields[i][0]);
		curl_mime_data(p, fields[i][1], CURL_ZERO_TERMINATED);
	}
	for (int i = 0; i < nfiles; i++) {
		p = curl_mime_addpart(m);
		curl_mime_name(p, "files");
		curl_mime_filename(p, name);
		curl_mime_data(p, data, len);
	}
	char url[256];
	snprintf(url, sizeof url, "%s%s", at, path);
	buf_init(&r->body, 1 << 22);
	buf_init(&r->head, 1 << 16);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, m);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &r->head);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	buf_putc(&r->body, 0);
	buf_putc(&r->head, 0);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, NULL);
	curl_mime_free(m);
	return r->status;
}

/* A letter recorded at the desk with nfiles copies of a file. */
static long desk_upload(CURL *c, const char *subject, const char *name, const char *data, size_t len, int nfiles,
			struct resp *r)
{
	const char *const fields[][2] = {{"channel", "letter"},   {"kind", "complaint"},
	                                 {"received", cst_ago(0)}, {"subject", subject},
	                                 {"description", "附来信扫描件"}, {"name", "孙九"},
	                                 {"phone", "13712340003"}};
	return upload(c, BASE "new", fields, sizeof fields / sizeof *fields, name, data, len, nfiles, r);
}

static void attachments_are_checked_sealed_and_audited(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	static const char png[] = "\x89PNG\r\n\x1a\n0000IHDR-not-really-an-image";
	int64_t before = orders();
	/* Not a PDF, PNG or JPEG: refused, nothing written. */
	assert_int_equal(desk_upload(staff, "附件测试(文本)", "letter.txt", "hello", 5, 1, &r), 422);
	assert_true(has(&r, "不是 PDF、PNG 或 JPEG 文件"));
	done(&r);
	/* A name of 101 characters: refused in the form (not a fault); one of spaces is kept as 附件. */
	char longname[160];
	memset(longname, 'a', 97);
	strcpy(longname + 97, ".png");
	assert_int_equal(desk_upload(staff, "附件测试(长名)", longname, png, sizeof png - 1, 1, &r), 422);
	assert_true(has(&r, "附件的文件名太长"));
	done(&r);
	assert_int_equal(orders(), before);
	/* Six files: refused. */
	assert_int_equal(desk_upload(staff, "附件测试(六个)", "scan.png", png, sizeof png - 1, 6, &r), 422);
	assert_true(has(&r, "附件最多 5 个"));
	done(&r);
	assert_int_equal(orders(), before);
	assert_int_equal(desk_upload(staff, "附件测试", "来信扫描.png", png, sizeof png - 1, 2, &r), 303);
	done(&r);
	assert_int_equal(desk_upload(staff, "附件测试(空名)", "   ", png, sizeof png - 1, 1, &r), 303);
	done(&r);
	char blank_id[24];
	snprintf(blank_id, sizeof blank_id, "%lld", (long long)order_by_subject("附件测试(空名)"));
	assert_int_equal(db_int("SELECT COUNT(*) FROM workorders_file WHERE community_id = " XFL
				" AND order_id = CAST(? AS BIGINT) AND name = '附件'",
				blank_id, NULL),
			 1);
	int64_t id = order_by_subject("附件测试");
	char idv[24], size[24];
	snprintf(idv, sizeof idv, "%lld", (long long)id);
	snprintf(size, sizeof size, "%zu", sizeof png - 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM workorders_file WHERE community_id = " XFL
				" AND order_id = CAST(? AS BIGINT) AND size = CAST(? AS BIGINT)",
				idv, size),
			 2);
	/* Sealed at rest: the stored bytes are the file's sealed (41 bytes more), not the file's. */
	assert_int_equal(db_int("SELECT COUNT(*) FROM workorders_file WHERE community_id = " XFL
				" AND order_id = CAST(? AS BIGINT) AND LENGTH(data) = size + 41",
				idv, NULL),
			 2);
	request(staff, order_path(id, NULL), NULL, NULL, &r);
	assert_true(has(&r, "来信扫描.png"));
	const char *href = strstr(r.body.data, "/files/");
	assert_non_null(href);
	char path[128];
	snprintf(path, sizeof path, "%s/files/%lld", order_path(id, NULL), (long long)strtoll(href + 7, NULL, 10));
	done(&r);
	int views = audit_count("workorders.file_view");
	request(staff, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "image/png"));
	assert_true(has_header(&r, "no-store"));
	assert_int_equal(memcmp(r.body.data, png, sizeof png - 1), 0);
	done(&r);
	assert_int_equal(audit_count("workorders.file_view"), views + 1);
	/* Not for residents. */
	CURL *res = logged_in("zhangsan");
	request(res, path, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	/* A resident files with a photo: checked as at the desk, kept sealed with the order. */
	const char *const filing[][2] = {{"kind", "request"}, {"subject", "楼道堆物照片"}, {"description", "见照片"}};
	assert_int_equal(upload(res, "/c/xingfuli/workorders/", filing, 3, "note.txt", "hello", 5, 1, &r), 422);
	assert_true(has(&r, "不是 PDF、PNG 或 JPEG 文件"));
	assert_true(has(&r, "楼道堆物照片")); /* kept */
	done(&r);
	assert_int_equal(order_by_subject("楼道堆物照片"), 0);
	assert_int_equal(upload(res, "/c/xingfuli/workorders/", filing, 3, "楼道.png", png, sizeof png - 1, 1, &r), 303);
	follow(res, &r); /* the filed page says the photo arrived */
	assert_true(has(&r, "<dt>附件</dt><dd>已收到 1 个</dd>"));
	done(&r);
	snprintf(idv, sizeof idv, "%lld", (long long)order_by_subject("楼道堆物照片"));
	assert_int_equal(db_int("SELECT COUNT(*) FROM workorders_file WHERE community_id = " XFL
				" AND order_id = CAST(? AS BIGINT) AND LENGTH(data) = size + 41",
				idv, NULL),
			 1);
	curl_easy_cleanup(res);
	curl_easy_cleanup(staff);
}

/* A grid worker records and handles the orders assigned to them; every
 * decision is the staff's, and the full view is only of their own orders. */
static void grid_workers_act_only_on_orders_assigned_to_them(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg"), *grid = logged_in("wanggw");
	struct resp r;
	/* Their page is in the header, since the staff workbench is not theirs. */
	request(grid, "/c/xingfuli/", NULL, NULL, &r);
	assert_true(has(&r, "/c/xingfuli/admin/workorders/?mine=1&amp;open=1\">我的工作</a>"));
	done(&r);
		int64_t mine = desk(staff, "request", "网格员测试:井盖松动"), other = desk(staff, "petition", "网格员测试:信访件");
	assert_int_equal(step(grid, mine, &r, "action=accept&note="), 422);
	assert_true(has(&r, "只有社区工作人员可以"));
	done(&r);
	assert_true(state_is(mine, "received"));
	char who[64];
	snprintf(who, sizeof who, "action=assign&assignee=%lld", (long long)user_id("wanggw"));
	assert_int_equal(step(staff, mine, &r, "%s", who), 303);
	done(&r);
	request(staff, order_path(mine, NULL), NULL, NULL, &r);
	assert_true(has(&r, "交办给 王国伟")); /* the timeline says to whom */
	done(&r);
	assert_int_equal(step(grid, mine, &r, "action=start"), 303);
	done(&r);
	assert_int_equal(step(grid, mine, &r, "action=reply&resolved=1&note=%s", enc("已更换井盖")), 303);
	done(&r);
	assert_true(state_is(mine, "replied"));
	request(staff, order_path(mine, NULL), NULL, NULL, &r);
	assert_true(has(&r, "<dt>问题是否解决</dt><dd>已解决</dd>"));
	done(&r);
	assert_int_equal(step(grid, mine, &r, "action=close"), 422);
	done(&r);
	/* Not theirs: no step, no full view. */
	assert_int_equal(step(staff, other, &r, "action=accept&note="), 303);
	done(&r);
	assert_int_equal(step(grid, other, &r, "action=reply&resolved=1&note=%s", enc("答复")), 422);
	assert_true(has(&r, "网格员只能办理交办给自己的工单"));
	done(&r);
	assert_int_equal(step(staff, other, &r, "action=extend_ask&days=10&note=%s", enc("需要调查")), 303);
	done(&r);
	assert_int_equal(step(grid, other, &r, "action=extend_approve"), 422);
	done(&r);
	assert_true(state_is(other, "accepted"));
	assert_int_equal(post_form(grid, order_path(other, "/full"), order_path(other, "/full"), &r, "reason=%s",
				   enc("回访")),
			 403);
	done(&r);
	assert_int_equal(post_form(grid, order_path(mine, "/full"), order_path(mine, "/full"), &r, "reason=%s",
				   enc("电话回访")),
			 200);
	assert_true(has(&r, "13712340001"));
	done(&r);
	curl_easy_cleanup(grid);
	curl_easy_cleanup(staff);
}

/* Only the community's staff and grid workers can be given an order. */
static void assign_takes_only_the_communitys_staff_and_grid_workers(void **state)
{
	(void)state;
	CURL *staff = logged_in("wangjg");
	struct resp r;
	int64_t id = desk(staff, "request", "交办测试:路灯");
	const char *who[] = {"zhangsan", "lihong", "admin"};
	for (size_t i = 0; i < sizeof who / sizeof *who; i++) {
		assert_int_equal(step(staff, id, &r, "action=assign&assignee=%lld", (long long)user_id(who[i])), 422);
		assert_true(has(&r, "承办人须是本社区的工作人员或网格员"));
		done(&r);
	}
	assert_int_equal(step(staff, id, &r, "action=assign&assignee=999999"), 422);
	done(&r);
	assert_true(state_is(id, "received"));
	assert_int_equal(step(staff, id, &r, "action=assign&assignee=%lld", (long long)user_id("zhoulx")), 303);
	done(&r);
	assert_true(state_is(id, "assigned"));
	curl_easy_cleanup(staff);
}

/* A signed-in resident's filings are limited too (per account). Last: it
 * leaves zhangsan unable to file for the throttle window. */
static void a_signed_in_resident_is_rate_limited_too(void **state)
{
	(void)state;
	CURL *res = logged_in("zhangsan");
	struct resp r;
	long st = 303;
	int n = 0;
	for (; n < 30 && st == 303; n++) {
		st = post_form(res, "/c/heping/workorders/", "/c/heping/workorders/", &r,
			       "kind=suggestion&subject=%s%d&description=x", enc("账号限流"), n);
		done(&r);
	}
	assert_int_equal(st, 429);
	assert_true(n > 10 && n <= 21);
	curl_easy_cleanup(res);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_workorders_http PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(intake_with_bad_input_keeps_it_and_writes_nothing),
	    cmocka_unit_test(each_step_through_the_order_page),
	    cmocka_unit_test(an_extension_needs_a_second_person),
	    cmocka_unit_test(a_resident_files_anonymously_and_rates_with_code_and_phone),
	    cmocka_unit_test(anonymous_filing_is_rate_limited_per_address),
	    cmocka_unit_test(a_signed_in_resident_sees_their_orders),
	    cmocka_unit_test(the_list_filters_and_exports_masked),
	    cmocka_unit_test(the_workbench_counts_orders_to_accept),
	    cmocka_unit_test(the_rules_page_saves_and_refuses_bad_numbers),
	    cmocka_unit_test(a_mediation_records_parties_sessions_and_outcome),
	    cmocka_unit_test(attachments_are_checked_sealed_and_audited),
	    cmocka_unit_test(grid_workers_act_only_on_orders_assigned_to_them),
	    cmocka_unit_test(assign_takes_only_the_communitys_staff_and_grid_workers),
	    cmocka_unit_test(a_signed_in_resident_is_rate_limited_too),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
