/* End-to-end: the board's everyday workflow on a real server over the demo
 * data (SQLite, and PostgreSQL under tests/pg/with-postgres.sh): a reviewer
 * returns a submitted post with a reason and its author edits and
 * resubmits it; drafts are edited and deleted by their author only; the
 * drafter is never offered a 审核并发布 that would be refused; the 管理 link
 * on a published post; and the workbenches' "needs doing" cards with their
 * counts, on the demo data and on a fresh community. */
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
#include <time.h>

#include "harness.h"

/* s percent-encoded for a form body (libcurl's escaping; one of a few buffers in turn). */
static const char *esc(const char *s)
{
	static char ring[6][2048];
	static int next;
	char *out = ring[next++ % 6], *e = curl_easy_escape(NULL, s, 0);
	snprintf(out, sizeof ring[0], "%s", e);
	curl_free(e);
	return out;
}

static const char *post_path(int64_t id, const char *rest)
{
	static char ring[4][256];
	static int next;
	char *out = ring[next++ % 4];
	snprintf(out, sizeof ring[0], "/c/xingfuli/admin/board/%lld%s", (long long)id, rest);
	return out;
}

static const char *post_status(int64_t id)
{
	char idv[24];
	snprintf(idv, sizeof idv, "%lld", (long long)id);
	int64_t s = db_int("SELECT CASE status WHEN 'draft' THEN 1 WHEN 'submitted' THEN 2 ELSE 3 END FROM disclosure_post"
			   " WHERE id = CAST(? AS BIGINT) AND community_id = (SELECT id FROM org_unit WHERE slug = 'xingfuli')",
			   idv, NULL);
	return s == 1 ? "draft" : s == 2 ? "submitted" : s == 3 ? "published" : "gone";
}

/* wangjg drafts a 热点难点 post titled title; returns its id. */
static int64_t draft(CURL *w, const char *title)
{
	struct resp r;
	char item[32];
	snprintf(item, sizeof item, "%lld", (long long)item_of("hot-issues"));
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new", &r,
				   "item=%s&title=%s&body=%s", item, esc(title), esc("详见社区服务中心公告")),
			 303);
	done(&r);
	int64_t id = post_titled(title);
	assert_true(id > 0);
	return id;
}

/* POSTs action (submit, return, delete, …) on post id as c, with body fmt
 * after the token; returns the status. */
static long act(CURL *c, int64_t id, const char *action, const char *body, struct resp *r)
{
	char path[64];
	snprintf(path, sizeof path, "/%s", action);
	return post_form(c, post_path(id, ""), post_path(id, path), r, "%s", body);
}

static void a_reviewer_returns_a_post_and_its_author_resubmits_it(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *d = logged_in("donghu");
	struct resp r;
	int64_t id = draft(w, "楼道堆物清理情况(退回测试)");
	assert_int_equal(act(w, id, "submit", "", &r), 303);
	done(&r);
	assert_string_equal(post_status(id), "submitted");

	/* The drafter is told it waits for someone else, with no button to press. */
	request(w, post_path(id, ""), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "等待另一名工作人员审核发布或退回"));
	assert_false(has(&r, "审核并发布"));
	assert_false(has(&r, "/return\""));
	done(&r);
	/* The reviewer sees both ways. */
	request(d, post_path(id, ""), NULL, NULL, &r);
	assert_true(has(&r, "审核并发布"));
	assert_true(has(&r, ">退回</button>"));
	done(&r);

	/* The author cannot return their own post. */
	int returns = audit_count("disclosure.return");
	assert_int_equal(act(w, id, "return", "reason=x", &r), 422);
	assert_true(has(&r, "不能退回自己起草或提交的内容"));
	done(&r);
	assert_string_equal(post_status(id), "submitted");
	/* A reason is required, and what was typed is kept. */
	assert_int_equal(act(d, id, "return", "reason=", &r), 422);
	assert_true(has(&r, "请填写退回理由"));
	done(&r);
	assert_int_equal(act(d, id, "return", "reason=%20%20", &r), 422);
	done(&r);
	assert_string_equal(post_status(id), "submitted");
	assert_int_equal(audit_count("disclosure.return"), returns);
	/* A resident cannot return anything. */
	CURL *z = logged_in("zhangsan");
	char token_page[96];
	snprintf(token_page, sizeof token_page, "/c/xingfuli/board/%lld/objection", (long long)post_titled("%新增最低生活保障对象公示"));
	assert_int_equal(post_form(z, token_page, post_path(id, "/return"), &r, "reason=%s", esc("不同意")), 403);
	done(&r);
	assert_string_equal(post_status(id), "submitted");

	/* The street admin returns it with a reason. */
	assert_int_equal(act(d, id, "return", "reason=%E6%97%B6%E9%97%B4%E5%86%99%E9%94%99%E4%BA%86", &r),
			 303);
	done(&r);
	assert_string_equal(post_status(id), "draft");
	assert_int_equal(audit_count("disclosure.return"), returns + 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM audit_log WHERE action = 'disclosure.return' AND detail = ?",
				"退回理由:时间写错了", NULL),
			 1);

	/* The author sees the reason on the draft and on the workbench. */
	request(w, post_path(id, ""), NULL, NULL, &r);
	assert_true(has(&r, "已退回修改:"));
	assert_true(has(&r, "陈静"));
	assert_true(has(&r, "时间写错了"));
	assert_true(has(&r, "修改草稿"));
	done(&r);
	request(w, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "退回修改的草稿 <strong class=\"count\">1</strong>"));
	assert_true(has(&r, "轮到您修改"));
	assert_true(has(&r, "退回理由:时间写错了"));
	done(&r);
	request(w, "/c/xingfuli/admin/board/?status=returned", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "楼道堆物清理情况(退回测试)"));
	done(&r);
	request(w, post_path(id, "/edit"), NULL, NULL, &r); /* and on the form where the change is made */
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "已退回修改:"));
	assert_true(has(&r, "时间写错了"));
	done(&r);

	/* The author edits the draft and submits it again. */
	char item[32];
	snprintf(item, sizeof item, "%lld", (long long)item_of("hot-issues"));
	assert_int_equal(post_form(w, post_path(id, "/edit"), post_path(id, "/edit"), &r, "item=%s&title=%s&body=%s", item,
				   esc("楼道堆物清理情况(已改正)"), esc("11 月 20 日完成清理")),
			 303);
	done(&r);
	assert_int_equal(post_titled("楼道堆物清理情况(已改正)"), id);
	assert_int_equal(act(w, id, "submit", "", &r), 303);
	done(&r);
	assert_string_equal(post_status(id), "submitted");
	request(w, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_false(has(&r, "退回修改的草稿"));
	assert_true(has(&r, "我提交的待审核内容 <strong class=\"count\">1</strong>"));
	assert_true(has(&r, "等待另一名工作人员审核"));
	done(&r);
	/* And the reviewer publishes it. */
	assert_int_equal(act(d, id, "publish", "", &r), 303);
	done(&r);
	assert_string_equal(post_status(id), "published");
	curl_easy_cleanup(w);
	curl_easy_cleanup(d);
	curl_easy_cleanup(z);
}

static void drafts_are_edited_and_deleted_by_their_author_only(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *d = logged_in("donghu");
	struct resp r;
	int64_t id = draft(w, "社区议事会议程(草稿测试)");
	int64_t size = log_size("xingfuli");
	int edits = audit_count("disclosure.draft_edit"), deletes = audit_count("disclosure.draft_delete");

	/* Another staff member may read it but neither edit nor delete it. */
	request(d, post_path(id, ""), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "只有起草人可以修改、提交或删除"));
	assert_false(has(&r, "删除草稿</button>"));
	done(&r);
	request(d, post_path(id, "/edit"), NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	char item[32];
	snprintf(item, sizeof item, "%lld", (long long)item_of("hot-issues"));
	assert_int_equal(post_form(d, "/c/xingfuli/admin/board/new", post_path(id, "/edit"), &r, "item=%s&title=%s&body=%s",
				   item, esc("别人改的标题"), esc("正文")),
			 403);
	done(&r);
	assert_int_equal(act(d, id, "delete", "confirm=1", &r), 422);
	assert_true(has(&r, "只有起草人可以删除自己的草稿"));
	done(&r);
	assert_string_equal(post_status(id), "draft");
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_post WHERE title = ?", "别人改的标题", NULL), 0);

	/* The author edits it: the form starts from the draft; a bad field keeps what was typed. */
	request(w, post_path(id, "/edit"), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<h1>修改草稿</h1>"));
	assert_true(has(&r, "社区议事会议程(草稿测试)"));
	done(&r);
	assert_int_equal(post_form(w, post_path(id, "/edit"), post_path(id, "/edit"), &r,
				   "item=%s&title=%s&body=%s&period_start=2026-13-01", item, esc("议事会议程(修改)"), esc("议题一")),
			 422);
	assert_true(has(&r, "日期格式应为"));
	assert_true(has(&r, "议事会议程(修改)"));
	done(&r);
	assert_int_equal(audit_count("disclosure.draft_edit"), edits);
	assert_int_equal(post_form(w, post_path(id, "/edit"), post_path(id, "/edit"), &r, "item=%s&title=%s&body=%s", item,
				   esc("议事会议程(修改)"), esc("议题一")),
			 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.draft_edit"), edits + 1);
	assert_int_equal(post_titled("议事会议程(修改)"), id);

	/* Submitted, it can no longer be edited or deleted by anyone. */
	assert_int_equal(act(w, id, "submit", "", &r), 303);
	done(&r);
	request(w, post_path(id, "/edit"), NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	assert_int_equal(act(w, id, "delete", "confirm=1", &r), 422);
	done(&r);
	/* Returned, it is the author's draft again, and the author deletes it. */
	assert_int_equal(act(d, id, "return", "reason=%E9%87%8D%E5%86%99", &r), 303);
	done(&r);
	assert_int_equal(act(w, id, "delete", "", &r), 422); /* not without ticking the confirmation */
	assert_true(has(&r, "草稿没有删除"));
	done(&r);
	assert_string_equal(post_status(id), "draft");
	assert_int_equal(act(w, id, "delete", "confirm=1", &r), 303);
	assert_true(has_header(&r, "location: /c/xingfuli/admin/board/?deleted="));
	done(&r);
	assert_string_equal(post_status(id), "gone");
	assert_int_equal(audit_count("disclosure.draft_delete"), deletes + 1);
	/* Nothing of a draft ever reaches the public log. */
	assert_int_equal(log_size("xingfuli"), size);
	request(w, post_path(id, ""), NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	curl_easy_cleanup(w);
	curl_easy_cleanup(d);
}

static void published_posts_have_a_manage_link_for_staff(void **state)
{
	(void)state;
	int64_t id = post_titled("%新增最低生活保障对象公示");
	char page[96];
	snprintf(page, sizeof page, "/c/xingfuli/board/%lld", (long long)id);
	struct resp r;
	visit(at, page, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, "管理(更正或撤回)"));
	done(&r);
	CURL *z = logged_in("zhangsan"), *w = logged_in("wangjg"), *h = logged_in("lihong");
	request(z, page, NULL, NULL, &r);
	assert_false(has(&r, "管理(更正或撤回)"));
	done(&r);
	/* Staff of another community do not run this one. */
	request(h, page, NULL, NULL, &r);
	assert_false(has(&r, "管理(更正或撤回)"));
	done(&r);
	request(w, page, NULL, NULL, &r);
	assert_true(has(&r, "管理(更正或撤回)"));
	assert_true(has(&r, post_path(id, "\"")));
	done(&r);
	/* The management list shows published posts too, filtered, with the same link. */
	request(w, "/c/xingfuli/admin/board/?status=published", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, post_path(id, "\">管理</a>")));
	/* Its year filter offers only years that have posts: the demo's span less than a year. */
	char ago[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	snprintf(ago, sizeof ago, "year=%d\"", tm.tm_year + 1900 - 2);
	assert_true(has(&r, "year="));
	assert_false(has(&r, ago));
	done(&r);
	char filtered[128];
	snprintf(filtered, sizeof filtered, "/c/xingfuli/admin/board/?status=published&item=%lld",
		 (long long)item_of("hot-issues"));
	request(w, filtered, NULL, NULL, &r);
	assert_false(has(&r, post_path(id, "\">管理</a>")));
	done(&r);
	request(w, "/c/xingfuli/admin/board/?status=published&year=1999", NULL, NULL, &r);
	assert_true(has(&r, "没有符合条件的已发布内容。"));
	done(&r);
	request(w, "/c/xingfuli/admin/board/?status=nonsense", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	curl_easy_cleanup(z);
	curl_easy_cleanup(w);
	curl_easy_cleanup(h);
}

/* The number of items the community's due board marks overdue. */
static int overdue_on_due_board(const char *slug)
{
	char path[96];
	struct resp r;
	snprintf(path, sizeof path, "/c/%s/board/due", slug);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	int n = 0;
	for (const char *p = r.body.data; (p = strstr(p, "已逾期")); p++)
		n++;
	done(&r);
	return n;
}

static void workbench_cards_count_what_needs_doing(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *d = logged_in("donghu");
	struct resp r;
	char want[128];
	/* The demo data: the overdue catalogue items, as the due board counts them. */
	int late = overdue_on_due_board("xingfuli");
	request(w, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<h2>待办事项</h2>"));
	if (late) {
		snprintf(want, sizeof want, "逾期未公开的事项 <strong class=\"count\">%d</strong>", late);
		assert_true(has(&r, want));
	}
	/* Every management page stays reachable from it. */
	assert_true(has(&r, "href=\"/c/xingfuli/admin/board/\""));
	assert_true(has(&r, "href=\"/c/xingfuli/admin/profile\""));
	assert_true(has(&r, "href=\"/c/xingfuli/admin/audit\""));
	done(&r);

	/* A draft of wangjg's is his card and another's for the street admin. */
	int64_t id = draft(w, "垃圾分类宣传安排(工作台测试)");
	request(w, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "我的草稿 <strong class=\"count\">1</strong>"));
	done(&r);
	request(d, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "其他人的草稿 <strong class=\"count\">1</strong>"));
	done(&r);
	assert_int_equal(act(w, id, "submit", "", &r), 303);
	done(&r);
	request(d, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "待审核发布 <strong class=\"count\">1</strong>"));
	assert_true(has(&r, "轮到您审核"));
	done(&r);
	/* The street workbench leads with the overview, then the communities with their counts. */
	request(d, "/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	int street_late = late + overdue_on_due_board("heping");
	if (street_late) {
		snprintf(want, sizeof want, "逾期未公开的事项 <strong class=\"count\">%d</strong>", street_late);
		assert_true(has(&r, want));
	}
	assert_true(has(&r, "href=\"/admin/due\""));
	assert_true(has(&r, "<td class=\"num\" data-label=\"待审核发布\">1</td>"));
	const char *cards = strstr(r.body.data, "需要关注"), *table = strstr(r.body.data, "您负责的社区");
	assert_true(cards && table && cards < table);
	done(&r);
	/* Published, nothing of it waits any more. */
	assert_int_equal(act(d, id, "publish", "", &r), 303);
	done(&r);
	request(d, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_false(has(&r, "待审核发布 <strong"));
	done(&r);
	curl_easy_cleanup(w);
	curl_easy_cleanup(d);
}

static void a_fresh_community_has_nothing_to_do(void **state)
{
	(void)state;
	run("%s org add community xinyuan 新苑社区 --parent donghu --db '%s' >/dev/null", shequ, dbpath);
	run("printf 'demo-pass-2026\\n' | %s user add --name 周新 --username zhouxin --db '%s' >/dev/null", shequ, dbpath);
	run("%s user grant zhouxin staff xinyuan --db '%s' >/dev/null", shequ, dbpath);
	CURL *c = client();
	struct resp r;
	/* Staff of exactly one community land on its workbench. */
	assert_int_equal(login(c, "zhouxin", "demo-pass-2026", &r), 303);
	assert_true(has_header(&r, "location: /c/xinyuan/admin/"));
	done(&r);
	request(c, "/c/xinyuan/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "新苑社区 · 工作台"));
	assert_false(has(&r, "逾期未公开的事项"));
	assert_false(has(&r, "草稿 <strong"));
	assert_false(has(&r, "待审核发布 <strong"));
	assert_false(has(&r, "未答复的"));
	if (!has(&r, "7 日内到期的事项"))
		assert_true(has(&r, "目前没有需要处理的事项。"));
	done(&r);
	CURL *d = logged_in("donghu");
	request(d, "/admin/", NULL, NULL, &r);
	assert_true(has(&r, ">新苑社区</a>"));
	done(&r);
	curl_easy_cleanup(c);
	curl_easy_cleanup(d);
}

static void the_audit_log_reads_in_chinese(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *a = logged_in("admin");
	struct resp r;
	int64_t id = draft(w, "audit-label-test");
	char want[64];
	snprintf(want, sizeof want, "公开内容 第 %lld 号", (long long)id);
	request(w, "/c/xingfuli/admin/audit", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "保存草稿"));
	assert_true(has(&r, want));
	assert_false(has(&r, "disclosure."));
	assert_false(has(&r, "disclosure_post"));
	done(&r);
	/* The export keeps the codes in their own columns. */
	request(w, "/c/xingfuli/admin/audit.csv", NULL, NULL, &r);
	snprintf(want, sizeof want, "保存草稿,disclosure.draft,公开内容,%lld,", (long long)id);
	assert_true(has(&r, want));
	done(&r);
	/* An action no module knows reads as a neutral phrase. */
	assert_int_equal(db_exec1("INSERT INTO audit_log (at, user_id, actor, org_unit_id, action, entity, entity_id, ip,"
				  " detail) VALUES (4102444800, NULL, '命令行', NULL, 'mystery.thing', 'mystery', '7', 'cli', '')"),
			 0);
	request(a, "/admin/audit", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, "mystery"));
	assert_true(has(&r, "其他操作"));
	assert_true(has(&r, "其他对象 第 7 号"));
	done(&r);
	curl_easy_cleanup(w);
	curl_easy_cleanup(a);
}

static void each_role_lands_where_its_work_is(void **state)
{
	(void)state;
	static const struct {
		const char *user, *to;
	} cases[] = {
	    {"zhangsan", "location: /c/xingfuli/\r"}, {"jiandu", "location: /c/xingfuli/\r"},
	    {"wangjg", "location: /c/xingfuli/admin/\r"}, {"donghu", "location: /admin/\r"},
	    {"admin", "location: /admin/\r"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		CURL *c = client();
		struct resp r;
		assert_int_equal(login(c, cases[i].user, "demo-pass-2026", &r), 303);
		if (!has_header(&r, cases[i].to))
			fail_msg("%s: %s", cases[i].user, r.head.data);
		done(&r);
		curl_easy_cleanup(c);
	}
	/* An explicit local next still wins. */
	CURL *c = client();
	struct resp r;
	request(c, "/login", NULL, NULL, &r);
	char body[256];
	snprintf(body, sizeof body, "csrf=%s&login=zhangsan&password=demo-pass-2026&next=%%2Fc%%2Fxingfuli%%2Fboard%%2F",
		 csrf_from(&r));
	done(&r);
	request(c, "/login", body, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(has_header(&r, "location: /c/xingfuli/board/\r"));
	done(&r);
	curl_easy_cleanup(c);
}

/* wangjg edits draft id (item, title kept) adding n small PDFs, on a
 * connection of its own (closed after); returns the status. */
static long edit_with_pdfs(int64_t id, int64_t item, int n)
{
	CURL *w = logged_in("wangjg");
	struct resp r;
	request(w, post_path(id, "/edit"), NULL, NULL, &r);
	char *tok = strdup(csrf_from(&r));
	done(&r);
	char itemv[32];
	snprintf(itemv, sizeof itemv, "%lld", (long long)item);
	static const char pdf[] = "%PDF-1.4\n% shequ test\n%%EOF\n";
	curl_mime *m = curl_mime_init(w);
	const char *fields[][2] = {{"csrf", tok}, {"item", itemv}, {"title", "附件上限测试"}, {"body", "见附件"}};
	for (size_t i = 0; i < 4; i++) {
		curl_mimepart *pt = curl_mime_addpart(m);
		curl_mime_name(pt, fields[i][0]);
		curl_mime_data(pt, fields[i][1], CURL_ZERO_TERMINATED);
	}
	for (int i = 0; i < n; i++) {
		curl_mimepart *pt = curl_mime_addpart(m);
		curl_mime_name(pt, "attachment");
		curl_mime_filename(pt, "凭证.pdf");
		curl_mime_data(pt, pdf, sizeof pdf - 1);
	}
	char url[256];
	snprintf(url, sizeof url, "%s%s", at, post_path(id, "/edit"));
	buf_init(&r.body, 1 << 20);
	buf_init(&r.head, 1 << 16);
	struct curl_slist *h = curl_slist_append(NULL, "Expect:");
	curl_easy_setopt(w, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(w, CURLOPT_MIMEPOST, m);
	curl_easy_setopt(w, CURLOPT_URL, url);
	curl_easy_setopt(w, CURLOPT_WRITEDATA, &r.body);
	curl_easy_setopt(w, CURLOPT_HEADERDATA, &r.head);
	assert_int_equal(curl_easy_perform(w), CURLE_OK);
	curl_easy_getinfo(w, CURLINFO_RESPONSE_CODE, &r.status);
	buf_putc(&r.body, 0);
	buf_putc(&r.head, 0);
	curl_easy_cleanup(w);
	curl_slist_free_all(h);
	curl_mime_free(m);
	free(tok);
	if (r.status == 422)
		assert_true(has(&r, "最多 10 个附件"));
	done(&r);
	return r.status;
}

/* Runs a COUNT(*) whose one parameter is the id (bound, not spliced). */
static int64_t count_where(const char *sql, int64_t id)
{
	char idv[24];
	snprintf(idv, sizeof idv, "%lld", (long long)id);
	return db_int(sql, idv, NULL);
}

/* What the attack round of issue 10 found, each refused with nothing written:
 * publishing a version the reviewer never read, submitting someone else's
 * draft, correcting a withdrawn post or under another item, publishing under
 * a retired item, a community retiring an overdue item, an item without a
 * channel, more than 10 attachments through edits, actions on a post that
 * does not exist. */
static void the_review_round_s_holes_stay_closed(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *d = logged_in("donghu");
	struct resp r;
	int64_t size = log_size("xingfuli");

	/* A stale publish form: the page showed revision 0, the post is now at 1. */
	int64_t id = draft(w, "议事会纪要(版本测试)");
	assert_int_equal(act(d, id, "submit", "", &r), 422); /* not donghu's draft */
	assert_true(has(&r, "只有起草人可以提交"));
	done(&r);
	assert_string_equal(post_status(id), "draft");
	assert_int_equal(act(w, id, "submit", "", &r), 303);
	done(&r);
	assert_int_equal(act(d, id, "return", "reason=%E8%A1%A5%E5%85%85", &r), 303);
	done(&r);
	char item[32];
	snprintf(item, sizeof item, "%lld", (long long)item_of("hot-issues"));
	assert_int_equal(post_form(w, post_path(id, "/edit"), post_path(id, "/edit"), &r, "item=%s&title=%s&body=%s", item,
				   esc("议事会纪要(版本测试)"), esc("版本二")),
			 303);
	done(&r);
	assert_int_equal(act(w, id, "submit", "", &r), 303);
	done(&r);
	assert_int_equal(act(d, id, "publish", "revision=0", &r), 422);
	assert_true(has(&r, "被修改过"));
	done(&r);
	assert_string_equal(post_status(id), "submitted");
	assert_int_equal(log_size("xingfuli"), size);
	request(d, post_path(id, ""), NULL, NULL, &r);
	assert_true(has(&r, "name=\"revision\" value=\"1\""));
	done(&r);
	assert_int_equal(act(d, id, "publish", "revision=1", &r), 303);
	done(&r);
	assert_int_equal(log_size("xingfuli"), ++size);

	/* A correction under another item, and one of a post withdrawn meanwhile. */
	char other[32], page[128];
	snprintf(other, sizeof other, "%lld", (long long)item_of("finance"));
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new", &r,
				   "replaces=%lld&item=%s&title=%s&body=x&reason=%s", (long long)id, other, esc("更正(换事项)"),
				   esc("写错了")),
			 303);
	done(&r);
	int64_t moved = post_titled("更正(换事项)");
	assert_int_equal(act(w, moved, "submit", "", &r), 303);
	done(&r);
	assert_int_equal(act(d, moved, "publish", "", &r), 422);
	assert_true(has(&r, "同一公开事项"));
	done(&r);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new", &r,
				   "replaces=%lld&item=%s&title=%s&body=x&reason=%s", (long long)id, item, esc("更正(将撤回)"),
				   esc("写错了")),
			 303);
	done(&r);
	int64_t fix = post_titled("更正(将撤回)");
	assert_int_equal(act(w, fix, "submit", "", &r), 303);
	done(&r);
	assert_int_equal(act(w, id, "withdraw", "reason=%E4%BD%9C%E5%BA%9F", &r), 303);
	done(&r);
	assert_int_equal(act(d, id, "withdraw_approve", "", &r), 303);
	done(&r);
	assert_int_equal(log_size("xingfuli"), ++size);
	assert_int_equal(act(d, fix, "publish", "", &r), 422);
	assert_true(has(&r, "已经撤回"));
	done(&r);
	assert_string_equal(post_status(fix), "submitted");
	assert_int_equal(log_size("xingfuli"), size);

	/* Actions on a post that does not exist are 404, not 500. */
	assert_int_equal(post_form(d, post_path(id, ""), post_path(999999, "/publish"), &r, "%s", ""), 404);
	done(&r);

	/* No more than 10 attachments, however many edits bring them. */
	int64_t att = draft(w, "附件上限测试");
	assert_int_equal(edit_with_pdfs(att, item_of("hot-issues"), 10), 303);
	assert_int_equal(edit_with_pdfs(att, item_of("hot-issues"), 1), 422);
	assert_int_equal(count_where("SELECT COUNT(*) FROM disclosure_attachment WHERE post_id = CAST(? AS BIGINT)", att), 10);

	/* An item needs a channel; an overdue one is retired by the street, not the community. */
	int items = (int)db_int("SELECT COUNT(*) FROM disclosure_item", NULL, NULL);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/catalogue", "/c/xingfuli/admin/catalogue", &r,
				   "category=residents&title=%s&frequency=monthly", esc("无渠道事项")),
			 422);
	assert_true(has(&r, "请至少勾选一种公开渠道"));
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_item", NULL, NULL), items);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/catalogue", "/c/xingfuli/admin/catalogue", &r,
				   "category=residents&title=%s&frequency=monthly&channel_web=1", esc("逾期停用测试")),
			 303);
	done(&r);
	int64_t late = db_int("SELECT id FROM disclosure_item WHERE title = '逾期停用测试'", NULL, NULL);
	assert_true(late > 0);
	assert_int_equal(
	    db_exec1("UPDATE disclosure_item SET created_at = created_at - 400 * 86400 WHERE title = '逾期停用测试'"), 0);
	snprintf(page, sizeof page, "/c/xingfuli/admin/catalogue/%lld/retire", (long long)late);
	assert_int_equal(post_form(w, page, page, &r, "reason=%s", esc("不想公开了")), 422);
	assert_true(has(&r, "社区不能自行停用"));
	done(&r);
	assert_int_equal(count_where("SELECT COUNT(*) FROM disclosure_item WHERE id = CAST(? AS BIGINT) AND retired_at IS NULL", late), 1);
	assert_int_equal(post_form(d, page, page, &r, "reason=%s", esc("上级已取消这项要求")), 303);
	done(&r);
	assert_int_equal(count_where("SELECT COUNT(*) FROM disclosure_item WHERE id = CAST(? AS BIGINT) AND retired_at IS NULL", late), 0);

	/* A post of a retired item is not published. */
	snprintf(item, sizeof item, "%lld", (long long)late);
	assert_int_equal(db_exec1("UPDATE disclosure_item SET retired_at = NULL WHERE title = '逾期停用测试'"), 0);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new", &r,
				   "item=%s&title=%s&body=x", item, esc("停用事项的内容")),
			 303);
	done(&r);
	int64_t orphan = post_titled("停用事项的内容");
	assert_int_equal(act(w, orphan, "submit", "", &r), 303);
	done(&r);
	assert_int_equal(post_form(d, page, page, &r, "reason=%s", esc("上级已取消这项要求")), 303);
	done(&r);
	assert_int_equal(act(d, orphan, "publish", "", &r), 422);
	assert_true(has(&r, "公开事项已停用"));
	done(&r);
	assert_string_equal(post_status(orphan), "submitted");
	assert_int_equal(log_size("xingfuli"), size);
	curl_easy_cleanup(w);
	curl_easy_cleanup(d);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_board_drafts PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	if (sodium_init() < 0)
		return 1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(workbench_cards_count_what_needs_doing),
	    cmocka_unit_test(a_reviewer_returns_a_post_and_its_author_resubmits_it),
	    cmocka_unit_test(drafts_are_edited_and_deleted_by_their_author_only),
	    cmocka_unit_test(published_posts_have_a_manage_link_for_staff),
	    cmocka_unit_test(the_audit_log_reads_in_chinese),
	    cmocka_unit_test(each_role_lands_where_its_work_is),
	    cmocka_unit_test(a_fresh_community_has_nothing_to_do),
	    cmocka_unit_test(the_review_round_s_holes_stay_closed),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
