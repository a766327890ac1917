/* End-to-end: the disclosure workflow's safeguards on a real server over the
 * demo data (SQLite, and PostgreSQL under tests/pg/with-postgres.sh): the
 * two-person rule switched off only by two people, withdrawals under the
 * same rule, posts shown as they were published whatever the catalogue says
 * later, and objections limited and (when chosen) reviewed before they show. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"
#define CUIZHU "(SELECT id FROM org_unit WHERE slug = 'cuizhu')"

static int64_t count(const char *sql)
{
	return db_int(sql, NULL, NULL);
}

/* 0 if `shequ verify` finds every record of the community in order. */
static int verify(const char *community)
{
	return run_status("%s verify --db '%s' --community %s > %s/verify.out 2>&1", shequ, dbpath, community, dir);
}

/* The bytes of the page between the first `from` and the next `to` (inclusive). */
static char *section(const struct resp *r, const char *from, const char *to)
{
	const char *a = strstr(r->body.data, from);
	assert_non_null(a);
	const char *b = strstr(a, to);
	assert_non_null(b);
	size_t n = (size_t)(b - a) + strlen(to);
	char *s = malloc(n + 1);
	memcpy(s, a, n);
	s[n] = 0;
	return s;
}

/* The form's ticked boxes for a comma list of names: "&column_name=1&...". */
static const char *ticks(const char *prefix, const char *list)
{
	static char out[512];
	size_t n = 0;
	out[0] = 0;
	for (const char *p = list; *p;) {
		size_t k = strcspn(p, ",");
		n += (size_t)snprintf(out + n, sizeof out - n, "&%s%.*s=1", prefix, (int)k, p);
		p += k + (p[k] == ',');
	}
	return out;
}

/* The 低保 item's catalogue form with these public columns and title. */
static long edit_dibao(CURL *c, struct resp *r, const char *title, const char *cols)
{
	char page[96];
	snprintf(page, sizeof page, "/c/xingfuli/admin/catalogue/%lld", (long long)item_of("dibao"));
	return post_form(c, page, page, r,
			 "category=residents&title=%s&content=%s&basis=%s&frequency=monthly&responsible=%s"
			 "&channel_wall=1&channel_web=1%s&notice_days=7",
			 enc(title), enc("低保对象名单、审批结果,公示 7 天"), enc("《社会救助暂行办法》"), enc("居委会民政专干"),
			 ticks("column_", cols));
}

static void published_post_keeps_its_columns_after_a_catalogue_edit(void **state)
{
	(void)state;
	int64_t id = post_titled("%新增最低生活保障对象公示");
	char page[96], poster[128];
	snprintf(page, sizeof page, "/c/xingfuli/board/%lld", (long long)id);
	snprintf(poster, sizeof poster, "%s/poster.pdf", page);
	CURL *c = client();
	struct resp r;
	request(c, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	char *list_before = section(&r, "<table class=\"recipients\">", "</table>");
	done(&r);
	int64_t size = log_size("xingfuli");
	int edits = audit_count("disclosure.item_edit");

	/* The street admin widens the list to every column and renames the item. */
	CURL *d = logged_in("donghu");
	assert_int_equal(edit_dibao(d, &r, "最低生活保障(调整)", "name,id_number,phone,address,household_size,amount,note"),
			 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.item_edit"), edits + 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM audit_log WHERE action = 'disclosure.item_edit' AND detail LIKE ?",
				"%名单公开列: 姓名、家庭人口、金额 → 姓名、身份证号、电话、住址、家庭人口、金额、备注%",
				NULL),
			 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM audit_log WHERE action = 'disclosure.item_edit' AND detail LIKE ?",
				"%事项名称: 最低生活保障 → 最低生活保障(调整)%", NULL),
			 1);

	/* The published post shows exactly what it showed before. */
	request(c, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	char *list_after = section(&r, "<table class=\"recipients\">", "</table>");
	assert_string_equal(list_after, list_before);
	assert_false(has(&r, "<th scope=\"col\">身份证号</th>"));
	assert_false(has(&r, "110***********002X"));
	assert_false(has(&r, "138****1234"));
	assert_false(has(&r, "最低生活保障(调整)"));
	assert_true(has(&r, ">最低生活保障</a>"));
	done(&r);
	free(list_before);
	free(list_after);
	/* So does its wall poster. */
	request(c, poster, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	char file[512];
	snprintf(file, sizeof file, "%s/dibao.pdf", dir);
	FILE *f = fopen(file, "wb");
	assert_non_null(f);
	fwrite(r.body.data, 1, r.body.len - 1, f);
	fclose(f);
	done(&r);
	assert_int_equal(run_status("pdftotext %s %s/dibao.txt", file, dir), 0);
	assert_int_equal(run_status("grep -q '张\\*丰' %s/dibao.txt", dir), 0);
	assert_int_equal(run_status("grep -q '138\\*\\*\\*\\*1234' %s/dibao.txt", dir), 1);
	assert_int_equal(run_status("grep -q '身份证号' %s/dibao.txt", dir), 1);
	/* Its record is untouched and still matches the rows: nothing was appended. */
	assert_int_equal(log_size("xingfuli"), size);
	assert_int_equal(verify("xingfuli"), 0);

	/* A post drafted after the edit is shown with the new columns. */
	CURL *w = logged_in("wangjg");
	char item[32];
	snprintf(item, sizeof item, "%lld", (long long)item_of("dibao"));
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new", &r,
				   "item=%s&title=%s&body=x&notice_days=7&recipients=%s", item, enc("调整后的低保公示"),
				   enc("赵六,,13911112222,幸福里2号楼1单元301,2,500")),
			 303);
	done(&r);
	char manage[96];
	snprintf(manage, sizeof manage, "/c/xingfuli/admin/board/%lld", (long long)post_titled("调整后的低保公示"));
	request(w, manage, NULL, NULL, &r);
	assert_true(has(&r, "<th scope=\"col\">电话</th>"));
	assert_true(has(&r, "139****2222"));
	done(&r);

	/* Back as it was, for the tests that follow. */
	assert_int_equal(edit_dibao(d, &r, "最低生活保障", "name,household_size,amount"), 303);
	done(&r);
	curl_easy_cleanup(c);
	curl_easy_cleanup(d);
	curl_easy_cleanup(w);
}

static void community_staff_cannot_widen_list_columns(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	int edits = audit_count("disclosure.item_edit");
	assert_int_equal(edit_dibao(w, &r, "最低生活保障", "name,household_size,amount,phone"), 403);
	assert_true(has(&r, "增加名单公开列(电话)会公开更多个人信息,须由街道或区管理员修改"));
	/* What was ticked is kept, in words. */
	assert_true(has(&r, "id=\"f-column_phone\" name=\"column_phone\" value=\"1\" checked"));
	assert_true(has(&r, "<label for=\"f-column_phone\">电话</label>"));
	assert_false(has(&r, "name,household_size"));
	done(&r);
	assert_int_equal(audit_count("disclosure.item_edit"), edits);
	assert_int_equal(count("SELECT COUNT(*) FROM disclosure_item WHERE community_id = " XFL
			       " AND code = 'dibao' AND public_columns = 'name,household_size,amount'"),
			 1);
	/* A box the form does not have changes nothing. */
	assert_int_equal(edit_dibao(w, &r, "最低生活保障", "name,household_size,amount,salary"), 303);
	done(&r);
	assert_int_equal(count("SELECT COUNT(*) FROM disclosure_item WHERE community_id = " XFL
			       " AND code = 'dibao' AND public_columns = 'name,household_size,amount'"),
			 1);
	/* Narrowing is the community's own call. */
	assert_int_equal(edit_dibao(w, &r, "最低生活保障", "name,amount"), 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.item_edit"), edits + 2);
	/* A new item may publish the usual columns, not ID numbers. */
	int items = (int)count("SELECT COUNT(*) FROM disclosure_item WHERE community_id = " XFL);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/catalogue", "/c/xingfuli/admin/catalogue", &r,
				   "category=residents&title=%s&frequency=immediate&channel_web=1%s", enc("临时救助"),
				   ticks("column_", "name,id_number")),
			 403);
	assert_true(has(&r, "增加名单公开列(身份证号)"));
	done(&r);
	assert_int_equal(count("SELECT COUNT(*) FROM disclosure_item WHERE community_id = " XFL), items);
	/* Widening back needs the street admin, who may. */
	assert_int_equal(edit_dibao(w, &r, "最低生活保障", "name,household_size,amount"), 403);
	done(&r);
	CURL *d = logged_in("donghu");
	assert_int_equal(edit_dibao(d, &r, "最低生活保障", "name,household_size,amount"), 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.item_edit"), edits + 3);
	curl_easy_cleanup(w);
	curl_easy_cleanup(d);
}

/* Rows of one of the workflow's tables in xingfuli (SQL written out, never built). */
static int64_t rows_xfl(const char *table)
{
	static const char *const counts[][2] = {
	    {"disclosure_setting_request", "SELECT COUNT(*) FROM disclosure_setting_request WHERE community_id = " XFL},
	    {"disclosure_setting_change", "SELECT COUNT(*) FROM disclosure_setting_change WHERE community_id = " XFL},
	    {"disclosure_withdraw_request", "SELECT COUNT(*) FROM disclosure_withdraw_request WHERE community_id = " XFL},
	    {"disclosure_thread", "SELECT COUNT(*) FROM disclosure_thread WHERE community_id = " XFL},
	    {"disclosure_objection_limit", "SELECT COUNT(*) FROM disclosure_objection_limit WHERE community_id = " XFL},
	};
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
		if (!strcmp(counts[i][0], table))
			return count(counts[i][1]);
	fail_msg("no count query for %s", table);
	return -1;
}

static int64_t two_person_xfl(void)
{
	return count("SELECT two_person FROM disclosure_settings WHERE community_id = " XFL);
}

/* Adds a second staff member of xingfuli, 李明 (liming), once. */
static void second_staff_member(void)
{
	static int added;
	if (added++)
		return;
	run("printf 'demo-pass-2026\\n' | %s user add --name 李明 --username liming --db '%s' >/dev/null", shequ, dbpath);
	run("%s user grant liming staff xingfuli --db '%s' >/dev/null", shequ, dbpath);
}

/* wangjg drafts and submits a 热点难点 post with a 公示 of notice_days, the
 * street admin publishes it; returns its id. */
static int64_t published(const char *title, int notice_days)
{
	CURL *w = logged_in("wangjg"), *d = logged_in("donghu");
	struct resp r;
	char item[32], page[96], act[128];
	snprintf(item, sizeof item, "%lld", (long long)item_of("hot-issues"));
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new", &r,
				   "item=%s&title=%s&body=%s&notice_days=%d", item, enc(title), enc("详见社区服务中心"), notice_days),
			 303);
	done(&r);
	int64_t id = post_titled(title);
	snprintf(page, sizeof page, "/c/xingfuli/admin/board/%lld", (long long)id);
	snprintf(act, sizeof act, "%s/submit", page);
	assert_int_equal(post_form(w, page, act, &r, "x=1"), 303);
	done(&r);
	snprintf(act, sizeof act, "%s/publish", page);
	assert_int_equal(post_form(d, page, act, &r, "x=1"), 303);
	done(&r);
	curl_easy_cleanup(w);
	curl_easy_cleanup(d);
	return id;
}

static void one_staff_member_cannot_switch_the_two_person_rule_off(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *c = client();
	struct resp r;
	const char *page = "/c/xingfuli/admin/board/settings";
	int64_t size = log_size("xingfuli");
	int requests = audit_count("disclosure.two_person_request"), changes = audit_count("disclosure.two_person");
	request(c, "/c/xingfuli/supervisors", NULL, NULL, &r);
	char *public_before = section(&r, "<section id=\"settings\">", "</section>");
	assert_non_null(strstr(public_before, "双人审核:已开启"));
	done(&r);
	/* Without a reason nothing is asked. */
	assert_int_equal(post_form(w, page, page, &r, "setting=two_person&value=0&reason_two_person="), 422);
	assert_true(has(&r, "请填写理由:它将随变更一起公开"));
	done(&r);
	assert_int_equal(rows_xfl("disclosure_setting_request"), 0);
	/* With one, it is only a request: the rule stays on. */
	assert_int_equal(post_form(w, page, page, &r, "setting=two_person&value=0&reason_two_person=%s", enc("人手不足")),
			 303);
	done(&r);
	assert_int_equal(two_person_xfl(), 1);
	assert_int_equal(rows_xfl("disclosure_setting_request"), 1);
	assert_int_equal(rows_xfl("disclosure_setting_change"), 0);
	assert_int_equal(log_size("xingfuli"), size);
	assert_int_equal(audit_count("disclosure.two_person_request"), requests + 1);
	assert_int_equal(audit_count("disclosure.two_person"), changes);
	request(w, page, NULL, NULL, &r);
	assert_true(has(&r, "申请关闭双人审核。理由:人手不足"));
	assert_true(has(&r, "您不能批准自己的申请"));
	done(&r);
	/* The requester cannot approve it. */
	assert_int_equal(post_form(w, page, "/c/xingfuli/admin/board/settings/approve", &r, "x=1"), 422);
	assert_true(has(&r, "不能批准自己提出的申请"));
	done(&r);
	assert_int_equal(two_person_xfl(), 1);
	assert_int_equal(rows_xfl("disclosure_setting_request"), 1);
	assert_int_equal(log_size("xingfuli"), size);
	assert_int_equal(audit_count("disclosure.two_person"), changes);
	/* A second request waits for the first. */
	assert_int_equal(post_form(w, page, page, &r, "setting=two_person&value=0&reason_two_person=x"), 422);
	assert_true(has(&r, "已有一项待批准的设置变更申请"));
	done(&r);
	/* The public sees no change at all. */
	request(c, "/c/xingfuli/supervisors", NULL, NULL, &r);
	char *public_after = section(&r, "<section id=\"settings\">", "</section>");
	assert_string_equal(public_after, public_before);
	done(&r);
	free(public_before);
	free(public_after);
	curl_easy_cleanup(w);
	curl_easy_cleanup(c);
}

static void a_second_person_approves_and_the_change_is_a_public_record(void **state)
{
	(void)state;
	second_staff_member();
	CURL *l = logged_in("liming"), *w = logged_in("wangjg"), *c = client();
	struct resp r;
	const char *page = "/c/xingfuli/admin/board/settings";
	int64_t size = log_size("xingfuli");
	int changes = audit_count("disclosure.two_person");
	request(l, page, NULL, NULL, &r);
	assert_true(has(&r, "王建国 于 "));
	done(&r);
	assert_int_equal(post_form(l, page, "/c/xingfuli/admin/board/settings/approve", &r, "x=1"), 303);
	done(&r);
	assert_int_equal(two_person_xfl(), 0);
	assert_int_equal(rows_xfl("disclosure_setting_request"), 0);
	assert_int_equal(rows_xfl("disclosure_setting_change"), 1);
	assert_int_equal(log_size("xingfuli"), size + 1);
	assert_int_equal(audit_count("disclosure.two_person"), changes + 1);
	/* The new leaf is the change: the setting, the reason and the roles, no names. */
	char idx[24];
	snprintf(idx, sizeof idx, "%lld", (long long)size);
	assert_int_equal(db_int("SELECT COUNT(*) FROM tlog_leaf WHERE community_id = " XFL " AND idx = CAST(? AS BIGINT)"
				" AND data LIKE '{\"approved_role\":\"staff\",\"at\":%' AND data LIKE ?",
				idx, "%,\"reason\":\"人手不足\",\"requested_at\":%,\"requested_role\":\"staff\",\"setting\":\"two_person\",\"type\":\"setting\",\"value\":false}"),
			 1);
	assert_int_equal(count("SELECT COUNT(*) FROM tlog_leaf WHERE data LIKE '%王建国%' OR data LIKE '%李明%'"), 0);
	assert_int_equal(count("SELECT COUNT(*) FROM disclosure_setting_change WHERE community_id = " XFL
			       " AND leaf_index = (SELECT size - 1 FROM tlog_head WHERE community_id = " XFL ")"),
			 1);
	assert_int_equal(verify("xingfuli"), 0);
	request(c, "/c/xingfuli/supervisors", NULL, NULL, &r);
	assert_true(has(&r, "双人审核:未开启"));
	assert_true(has(&r, "关闭双人审核</td><td>社区干部 申请,社区干部 批准</td><td>人手不足</td>"));
	done(&r);
	/* Switching it back on takes one person, and is a record too. */
	assert_int_equal(post_form(w, page, page, &r, "setting=two_person&value=1&reason_two_person=%s", enc("人员已到岗")),
			 303);
	done(&r);
	assert_int_equal(two_person_xfl(), 1);
	assert_int_equal(rows_xfl("disclosure_setting_change"), 2);
	assert_int_equal(log_size("xingfuli"), size + 2);
	assert_int_equal(audit_count("disclosure.two_person"), changes + 2);
	assert_int_equal(count("SELECT COUNT(*) FROM tlog_leaf WHERE community_id = " XFL
			       " AND data LIKE '%\"type\":\"setting\"%' AND data LIKE '%\"value\":true%'"
			       " AND data NOT LIKE '%approved_role%'"),
			 1);
	assert_int_equal(verify("xingfuli"), 0);
	/* The street admin may turn down a request; nothing changes. */
	assert_int_equal(post_form(w, page, page, &r, "setting=two_person&value=0&reason_two_person=x"), 303);
	done(&r);
	CURL *d = logged_in("donghu");
	int rejects = audit_count("disclosure.two_person_reject");
	assert_int_equal(post_form(d, page, "/c/xingfuli/admin/board/settings/reject", &r, "x=1"), 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.two_person_reject"), rejects + 1);
	assert_int_equal(rows_xfl("disclosure_setting_request"), 0);
	assert_int_equal(two_person_xfl(), 1);
	assert_int_equal(log_size("xingfuli"), size + 2);
	assert_int_equal(post_form(d, page, "/c/xingfuli/admin/board/settings/approve", &r, "x=1"), 422);
	assert_true(has(&r, "没有待批准的设置变更申请"));
	done(&r);
	curl_easy_cleanup(l);
	curl_easy_cleanup(w);
	curl_easy_cleanup(d);
	curl_easy_cleanup(c);
}

static void withdrawal_under_the_two_person_rule_needs_a_second_person(void **state)
{
	(void)state;
	second_staff_member();
	int64_t id = published("楼道堆物清理公示", 7);
	char ids[24], manage[96], act[128], pub[96];
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	snprintf(manage, sizeof manage, "/c/xingfuli/admin/board/%lld", (long long)id);
	snprintf(pub, sizeof pub, "/c/xingfuli/board/%lld", (long long)id);
	CURL *w = logged_in("wangjg"), *l = logged_in("liming"), *c = client();
	struct resp r;
	int64_t size = log_size("xingfuli");
	int asked = audit_count("disclosure.withdraw_request"), withdrawn = audit_count("disclosure.withdraw");
	request(w, manage, NULL, NULL, &r);
	assert_true(has(&r, "撤回后公示随即结束,不再受理异议"));
	assert_true(has(&r, "申请撤回"));
	done(&r);
	/* One staff member asks: nothing is withdrawn yet. */
	snprintf(act, sizeof act, "%s/withdraw", manage);
	assert_int_equal(post_form(w, manage, act, &r, "reason=%s", enc("与第三季度通报重复")), 303);
	done(&r);
	assert_int_equal(log_size("xingfuli"), size);
	assert_int_equal(audit_count("disclosure.withdraw_request"), asked + 1);
	assert_int_equal(audit_count("disclosure.withdraw"), withdrawn);
	assert_int_equal(rows_xfl("disclosure_withdraw_request"), 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_withdrawal WHERE community_id = " XFL
				" AND post_id = CAST(? AS BIGINT)", ids, NULL),
			 0);
	request(c, pub, NULL, NULL, &r);
	assert_false(has(&r, "已撤回"));
	assert_true(has(&r, "提出异议</a>"));
	done(&r);
	/* The requester can neither carry it out nor ask twice, nor withdraw alone. */
	snprintf(act, sizeof act, "%s/withdraw_approve", manage);
	assert_int_equal(post_form(w, manage, act, &r, "x=1"), 422);
	assert_true(has(&r, "不能批准自己提出的撤回申请"));
	done(&r);
	snprintf(act, sizeof act, "%s/withdraw", manage);
	assert_int_equal(post_form(w, manage, act, &r, "reason=x"), 422);
	assert_true(has(&r, "已有撤回申请"));
	done(&r);
	assert_int_equal(log_size("xingfuli"), size);
	/* A second staff member carries it out. */
	int64_t last = count("SELECT last_published_at FROM disclosure_item WHERE community_id = " XFL
			     " AND code = 'hot-issues'");
	snprintf(act, sizeof act, "%s/withdraw_approve", manage);
	assert_int_equal(post_form(l, manage, act, &r, "x=1"), 303);
	done(&r);
	/* The item's last publication is no longer this post's: the due boards
	 * do not count a withdrawn post. */
	assert_int_equal(last, db_int("SELECT published_at FROM disclosure_post WHERE community_id = " XFL
				      " AND id = CAST(? AS BIGINT)", ids, NULL));
	assert_int_equal(count("SELECT COALESCE(last_published_at, 0) FROM disclosure_item WHERE community_id = " XFL
			       " AND code = 'hot-issues'"),
			 count("SELECT COALESCE(MAX(published_at), 0) FROM disclosure_post WHERE community_id = " XFL
			       " AND item_id = (SELECT id FROM disclosure_item WHERE community_id = " XFL
			       " AND code = 'hot-issues') AND status = 'published' AND withdrawn_at IS NULL"));
	assert_true(count("SELECT COALESCE(last_published_at, 0) FROM disclosure_item WHERE community_id = " XFL
			  " AND code = 'hot-issues'") < last);
	assert_int_equal(log_size("xingfuli"), size + 1);
	assert_int_equal(audit_count("disclosure.withdraw"), withdrawn + 1);
	assert_int_equal(rows_xfl("disclosure_withdraw_request"), 0);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_withdrawal WHERE community_id = " XFL
				" AND post_id = CAST(? AS BIGINT) AND requested_by = (SELECT id FROM users WHERE username = 'wangjg')"
				" AND withdrawn_by = (SELECT id FROM users WHERE username = 'liming') AND closes_objections = 1",
				ids, NULL),
			 1);
	/* Its record says the 公示 ended with it, and so does the page. */
	char like[160];
	snprintf(like, sizeof like, "{\"at\":%%,\"closes_objections\":true,\"community\":\"xingfuli\",\"post\":%lld,%%", (long long)id);
	assert_int_equal(db_int("SELECT COUNT(*) FROM tlog_leaf WHERE community_id = " XFL
				" AND idx = (SELECT size - 1 FROM tlog_head WHERE community_id = " XFL ") AND data LIKE ?",
				like, NULL),
			 1);
	request(c, pub, NULL, NULL, &r);
	assert_true(has(&r, "撤回。</strong>理由:与第三季度通报重复"));
	assert_true(has(&r, "撤回同时结束公示,不再受理异议"));
	assert_false(has(&r, "提出异议</a>"));
	done(&r);
	snprintf(act, sizeof act, "%s/objection", pub);
	request(c, act, NULL, NULL, &r);
	assert_false(has(&r, "提交异议"));
	done(&r);
	assert_int_equal(post_form(c, "/login", act, &r, "body=x&phone=13700002222"), 422);
	done(&r);
	assert_int_equal(verify("xingfuli"), 0);

	/* A request may be turned down: the post stays. */
	id = published("小区停车新增车位公示", 0);
	snprintf(manage, sizeof manage, "/c/xingfuli/admin/board/%lld", (long long)id);
	snprintf(act, sizeof act, "%s/withdraw", manage);
	size = log_size("xingfuli");
	assert_int_equal(post_form(w, manage, act, &r, "reason=x"), 303);
	done(&r);
	request(l, "/c/xingfuli/admin/board/", NULL, NULL, &r);
	assert_true(has(&r, "待批准的撤回申请"));
	assert_true(has(&r, "小区停车新增车位公示</a>:王建国 于 "));
	done(&r);
	CURL *d = logged_in("donghu");
	int rejected = audit_count("disclosure.withdraw_reject");
	snprintf(act, sizeof act, "%s/withdraw_reject", manage);
	assert_int_equal(post_form(d, manage, act, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.withdraw_reject"), rejected + 1);
	assert_int_equal(rows_xfl("disclosure_withdraw_request"), 0);
	assert_int_equal(log_size("xingfuli"), size);
	curl_easy_cleanup(w);
	curl_easy_cleanup(l);
	curl_easy_cleanup(d);
	curl_easy_cleanup(c);
}

/* Starts the objection limits afresh (setting up; not what is tested). */
static void forget_limits(void)
{
	db_exec1("DELETE FROM disclosure_objection_limit");
}

/* An anonymous objection to post from a fresh session; returns the status (r filled). */
static long object(const char *post_page, const char *body, const char *phone, struct resp *r)
{
	CURL *c = client();
	char act[128];
	snprintf(act, sizeof act, "%s/objection", post_page);
	long st = post_form(c, act, act, r, "body=%s&phone=%s", enc(body), phone);
	curl_easy_cleanup(c);
	return st;
}

static void objections_are_limited_per_phone_and_per_address(void **state)
{
	(void)state;
	forget_limits();
	char page[96];
	snprintf(page, sizeof page, "/c/xingfuli/board/%lld", (long long)post_titled("%新增最低生活保障对象公示"));
	int64_t threads = rows_xfl("disclosure_thread");
	struct resp r;
	/* Three from one phone, each from a fresh session, then no more. */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(object(page, "第4户情况请复核", "13700001001", &r), 303);
		done(&r);
	}
	assert_int_equal(object(page, "第四条异议:第2户有车", "13700001001", &r), 429);
	assert_true(has(&r, "提交过于频繁:同一手机号(或账号)每小时最多提交 3 条异议"));
	assert_true(has(&r, "第四条异议:第2户有车</textarea>")); /* what was typed is kept */
	assert_true(has(&r, "value=\"13700001001\""));
	assert_true(has_header(&r, "retry-after: 3600"));
	done(&r);
	assert_int_equal(rows_xfl("disclosure_thread"), threads + 3);
	/* Other phones from the same address: ten in all, then no more. */
	char phone[16];
	for (int i = 2; i <= 8; i++) {
		snprintf(phone, sizeof phone, "137000010%02d", i);
		assert_int_equal(object(page, "请复核名单", phone, &r), 303);
		done(&r);
	}
	assert_int_equal(rows_xfl("disclosure_thread"), threads + 10);
	assert_int_equal(object(page, "第十一条", "13700001009", &r), 429);
	assert_true(has(&r, "同一网络地址每小时最多提交 10 条异议"));
	done(&r);
	assert_int_equal(rows_xfl("disclosure_thread"), threads + 10);
	/* One counter per phone (8) and one for the address; the refused phone's was not kept. Hashes, not numbers. */
	assert_int_equal(rows_xfl("disclosure_objection_limit"), 9);
	assert_int_equal(count("SELECT COUNT(*) FROM disclosure_objection_limit WHERE key LIKE '%1370000%'"
			       " OR key LIKE '%127.0.0.1%'"),
			 0);
	forget_limits();
}

static size_t collect(char *p, size_t size, size_t n, void *ud)
{
	buf_append(ud, p, size * n);
	return size * n;
}

static void concurrent_objections_never_pass_the_limit(void **state)
{
	(void)state;
	forget_limits();
	enum { N = 8 };
	char page[96], body[N][256], url[N][256];
	snprintf(page, sizeof page, "/c/xingfuli/board/%lld", (long long)post_titled("%新增最低生活保障对象公示"));
	int64_t threads = rows_xfl("disclosure_thread");
	CURL *h[N];
	struct buf out[N];
	CURLM *m = curl_multi_init();
	/* Eight visitors with one phone send at once, spread over both servers on PostgreSQL. */
	for (int i = 0; i < N; i++) {
		struct resp r;
		h[i] = client();
		snprintf(url[i], sizeof url[i], "%s/objection", page);
		request(h[i], url[i], NULL, NULL, &r);
		snprintf(body[i], sizeof body[i], "csrf=%s&body=%s&phone=13700003001", csrf_from(&r), enc("同时提交"));
		done(&r);
		snprintf(url[i], sizeof url[i], "%s%s/objection", i % 2 && *base2 ? base2 : base, page);
		buf_init(&out[i], 1 << 20);
		curl_easy_setopt(h[i], CURLOPT_URL, url[i]);
		curl_easy_setopt(h[i], CURLOPT_POSTFIELDS, body[i]);
		curl_easy_setopt(h[i], CURLOPT_WRITEFUNCTION, collect);
		curl_easy_setopt(h[i], CURLOPT_WRITEDATA, &out[i]);
		curl_easy_setopt(h[i], CURLOPT_HEADERDATA, NULL);
		curl_easy_setopt(h[i], CURLOPT_HEADERFUNCTION, NULL);
		curl_multi_add_handle(m, h[i]);
	}
	int running = 1;
	while (running) {
		assert_int_equal(curl_multi_perform(m, &running), CURLM_OK);
		if (running)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	}
	int accepted = 0, refused = 0;
	for (int i = 0; i < N; i++) {
		long st = 0;
		curl_easy_getinfo(h[i], CURLINFO_RESPONSE_CODE, &st);
		accepted += st == 303;
		refused += st == 429;
		curl_multi_remove_handle(m, h[i]);
		curl_easy_cleanup(h[i]);
		buf_free(&out[i]);
	}
	curl_multi_cleanup(m);
	assert_int_equal(accepted, 3);
	assert_int_equal(refused, N - 3);
	assert_int_equal(rows_xfl("disclosure_thread"), threads + 3);
	forget_limits();
}

static void review_mode_holds_objections_until_approved(void **state)
{
	(void)state;
	forget_limits();
	CURL *w = logged_in("wangjg"), *c = client();
	struct resp r;
	const char *settings = "/c/xingfuli/admin/board/settings", *home = "/c/xingfuli/admin/board/";
	char page[96];
	snprintf(page, sizeof page, "/c/xingfuli/board/%lld", (long long)post_titled("%新增最低生活保障对象公示"));
	int64_t size = log_size("xingfuli"), changes = rows_xfl("disclosure_setting_change");
	/* One staff member switches review on; the change is a public record. */
	assert_int_equal(post_form(w, settings, settings, &r, "setting=review_objections&value=1&reason_review_objections=%s",
				   enc("近期出现大量广告")),
			 303);
	done(&r);
	assert_int_equal(count("SELECT review_objections FROM disclosure_settings WHERE community_id = " XFL), 1);
	assert_int_equal(log_size("xingfuli"), size + 1);
	assert_int_equal(rows_xfl("disclosure_setting_change"), changes + 1);
	/* A new objection is held: not on the page, but counted there. */
	assert_int_equal(object(page, "第3户的家庭人口与实际不符", "13700002001", &r), 303);
	assert_true(has_header(&r, "objected=held"));
	done(&r);
	int64_t held = count("SELECT MAX(id) FROM disclosure_thread WHERE community_id = " XFL);
	assert_int_equal(count("SELECT COUNT(*) FROM disclosure_thread WHERE community_id = " XFL " AND status = 'held'"), 1);
	request(c, page, NULL, NULL, &r);
	assert_false(has(&r, "第3户的家庭人口与实际不符"));
	assert_true(has(&r, "另有 1 条异议正在审核,审核后显示。"));
	done(&r);
	/* It cannot be answered (and so made public) before it is reviewed. */
	char act[128];
	snprintf(act, sizeof act, "/c/xingfuli/admin/thread/%lld/answer", (long long)held);
	assert_int_equal(post_form(w, home, act, &r, "answer=%s", enc("已复核")), 422);
	done(&r);
	/* Staff who review it see the objector's phone opened; the view is audited. */
	int views = audit_count("disclosure.objection_contacts_view");
	request(w, home, NULL, NULL, &r);
	assert_true(has(&r, "待审核的异议"));
	assert_true(has(&r, "第3户的家庭人口与实际不符"));
	assert_true(has(&r, "13700002001"));
	done(&r);
	assert_int_equal(audit_count("disclosure.objection_contacts_view"), views + 1);
	assert_int_equal(count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%13700002001%'"
			       " OR entity_id LIKE '%13700002001%'"),
			 0);
	/* Shown by staff, it appears. */
	int shows = audit_count("disclosure.objection_show"), rejects = audit_count("disclosure.objection_reject");
	snprintf(act, sizeof act, "/c/xingfuli/admin/thread/%lld/review", (long long)held);
	assert_int_equal(post_form(w, home, act, &r, "decision=show"), 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.objection_show"), shows + 1);
	request(c, page, NULL, NULL, &r);
	assert_true(has(&r, "第3户的家庭人口与实际不符"));
	assert_false(has(&r, "正在审核"));
	done(&r);
	/* Rejected as spam, it is kept and counted, never shown. */
	assert_int_equal(object(page, "专业办证加微信", "13700002002", &r), 303);
	done(&r);
	int64_t spam = count("SELECT MAX(id) FROM disclosure_thread WHERE community_id = " XFL);
	snprintf(act, sizeof act, "/c/xingfuli/admin/thread/%lld/review", (long long)spam);
	char field[64];
	snprintf(field, sizeof field, "note-%lld", (long long)spam);
	assert_int_equal(post_form(w, home, act, &r, "decision=reject&%s=", field), 422); /* a reason is required */
	done(&r);
	assert_int_equal(post_form(w, home, act, &r, "decision=reject&%s=%s", field, enc("广告")), 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.objection_reject"), rejects + 1);
	assert_int_equal(count("SELECT COUNT(*) FROM disclosure_thread WHERE community_id = " XFL
			       " AND status = 'rejected' AND body_masked = '专业办证加微信' AND body_sealed IS NOT NULL"
			       " AND review_note = '广告'"),
			 1);
	request(c, page, NULL, NULL, &r);
	assert_false(has(&r, "专业办证加微信"));
	assert_true(has(&r, "已屏蔽 1 条异议"));
	done(&r);
	request(c, "/c/xingfuli/supervisors", NULL, NULL, &r);
	assert_true(has(&r, "审核中屏蔽的异议:1 条"));
	done(&r);
	/* Switching review off shows what is still held, and is a record too. */
	assert_int_equal(object(page, "公示栏的名单看不清", "13700002003", &r), 303);
	done(&r);
	assert_int_equal(post_form(w, settings, settings, &r, "setting=review_objections&value=0&reason_review_objections="),
			 303);
	done(&r);
	assert_int_equal(log_size("xingfuli"), size + 2);
	request(c, page, NULL, NULL, &r);
	assert_true(has(&r, "公示栏的名单看不清"));
	assert_false(has(&r, "正在审核"));
	done(&r);
	assert_int_equal(verify("xingfuli"), 0);
	forget_limits();
	curl_easy_cleanup(w);
	curl_easy_cleanup(c);
}

/* Visits path on each server twice: the second visit is answered from the
 * response cache. */
static void warm(const char *const servers[2], const char *path)
{
	struct resp r;
	for (int i = 0; i < 2; i++) {
		visit(servers[i], path, NULL, &r);
		assert_int_equal(r.status, 200);
		done(&r);
		visit(servers[i], path, NULL, &r);
		assert_true(has_header(&r, "x-cache: hit"));
		done(&r);
	}
}

/* Fails the test unless path shows text on both servers. */
static void both_show(const char *const servers[2], const char *path, const char *text)
{
	struct resp r;
	for (int i = 0; i < 2; i++) {
		visit(servers[i], path, NULL, &r);
		assert_int_equal(r.status, 200);
		if (!has(&r, text))
			fail_msg("%s%s does not show %s", servers[i], path, text);
		done(&r);
	}
}

/* Publishing, answering an objection and withdrawing each show at the very
 * next visit of a visitor without a session, in this server process and in
 * another one (on SQLite a second `serve` of the same file; on PostgreSQL
 * the harness's second server), though both keep rendered pages. */
static void every_process_shows_a_change_at_the_next_visit(void **state)
{
	(void)state;
	second_staff_member();
	forget_limits();
	char other[64];
	pid_t extra = -1;
	if (!*base2) {
		const char *none[] = {NULL};
		extra = start_extra_server(other, none);
		assert_true(extra > 0);
	}
	const char *const servers[2] = {base, *base2 ? base2 : other};
	const char *board = "/c/xingfuli/board/";
	struct resp r;
	warm(servers, board);

	int64_t id = published("小区东门停车位分配方案公示", 7);
	both_show(servers, board, "小区东门停车位分配方案公示");

	char page[96], act[128];
	snprintf(page, sizeof page, "/c/xingfuli/board/%lld", (long long)id);
	warm(servers, page);
	assert_int_equal(object(page, "分配时请优先照顾行动不便的老人", "13700004001", &r), 303);
	done(&r);
	both_show(servers, page, "分配时请优先照顾行动不便的老人");
	int64_t tid = count("SELECT MAX(id) FROM disclosure_thread WHERE community_id = " XFL);
	warm(servers, page);
	CURL *w = logged_in("wangjg"), *l = logged_in("liming");
	snprintf(act, sizeof act, "/c/xingfuli/admin/thread/%lld/answer", (long long)tid);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/", act, &r, "answer=%s", enc("已预留4个车位给70岁以上老人")),
			 303);
	done(&r);
	both_show(servers, page, "已预留4个车位给70岁以上老人");

	warm(servers, page);
	warm(servers, board);
	char manage[96];
	snprintf(manage, sizeof manage, "/c/xingfuli/admin/board/%lld", (long long)id);
	snprintf(act, sizeof act, "%s/withdraw", manage);
	assert_int_equal(post_form(w, manage, act, &r, "reason=%s", enc("方案需重新征求意见")), 303);
	done(&r);
	snprintf(act, sizeof act, "%s/withdraw_approve", manage);
	assert_int_equal(post_form(l, manage, act, &r, "x=1"), 303);
	done(&r);
	both_show(servers, page, "已撤回");
	both_show(servers, page, "方案需重新征求意见");
	curl_easy_cleanup(w);
	curl_easy_cleanup(l);
	if (extra > 0)
		assert_int_equal(stop_extra_server(extra), 0);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_board_workflow PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	if (sodium_init() < 0)
		return 1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(published_post_keeps_its_columns_after_a_catalogue_edit),
	    cmocka_unit_test(community_staff_cannot_widen_list_columns),
	    cmocka_unit_test(one_staff_member_cannot_switch_the_two_person_rule_off),
	    cmocka_unit_test(a_second_person_approves_and_the_change_is_a_public_record),
	    cmocka_unit_test(withdrawal_under_the_two_person_rule_needs_a_second_person),
	    cmocka_unit_test(objections_are_limited_per_phone_and_per_address),
	    cmocka_unit_test(concurrent_objections_never_pass_the_limit),
	    cmocka_unit_test(review_mode_holds_objections_until_approved),
	    cmocka_unit_test(every_process_shows_a_change_at_the_next_visit),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
