/* End-to-end: the board's rules that people rely on without seeing them
 * (which publication the due boards count, retiring catalogue items, record
 * numbers, year filters, recipient-list errors), on a real server over the
 * demo data (SQLite, and PostgreSQL under tests/pg/with-postgres.sh). */
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

#include "core/date.h"
#include "harness.h"

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"
#define FINANCE "(SELECT id FROM disclosure_item WHERE community_id = " XFL " AND code = 'finance')"
#define DAYS40 "3456000"

static int64_t count(const char *sql)
{
	return db_int(sql, NULL, NULL);
}

/* A column of 幸福里's post id, as an integer. */
static int64_t post_int(const char *col, int64_t id)
{
	char sql[200], ids[32];
	snprintf(sql, sizeof sql,
	         "SELECT %s FROM disclosure_post WHERE community_id = " XFL " AND id = CAST(? AS BIGINT)",
	         col);
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	return db_int(sql, ids, NULL);
}

/* The last publication the due boards count for 幸福里's 财务收支. */
static int64_t finance_last(void)
{
	return count("SELECT last_published_at FROM disclosure_item WHERE community_id = " XFL
	             " AND code = 'finance'");
}

/* s percent-encoded for a form body, in one of a few buffers used in turn. */
static const char *form_value(const char *s)
{
	static char ring[6][2048];
	static int next;
	char *out = ring[next++ % 6];
	char *e = curl_easy_escape(NULL, s, 0);
	assert_non_null(e);
	snprintf(out, sizeof ring[0], "%s", e);
	curl_free(e);
	return out;
}

/* Drafts a post of the item as wangjg (a correction of replaces, when not 0),
 * submits it and has the street admin publish it; returns its id. */
static int64_t publish(int64_t item, const char *title, int64_t replaces)
{
	CURL *w = logged_in("wangjg"), *d = logged_in("donghu");
	struct resp r;
	char page[96], act[128];
	if (replaces)
		assert_int_equal(post_form(w, "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new",
		                           &r, "replaces=%lld&item=%lld&title=%s&body=%s&reason=%s",
		                           (long long)replaces, (long long)item, form_value(title),
		                           form_value("明细见附表"), form_value("支出金额填错")),
		                 303);
	else
		assert_int_equal(post_form(w, "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new",
		                           &r, "item=%lld&title=%s&body=%s", (long long)item,
		                           form_value(title), form_value("明细见附表")),
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

/* The row of the item titled title on the due board, between its <tr> tags, or NULL. */
static char *due_row(CURL *c, const char *title)
{
	struct resp r;
	request(c, "/c/xingfuli/board/due", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	const char *at = strstr(r.body.data, title);
	char *s = NULL;
	if (at) {
		const char *end = strstr(at, "</tr>");
		assert_non_null(end);
		s = strndup(at, (size_t)(end - at));
	}
	done(&r);
	return s;
}

static void a_correction_counts_for_the_period_it_corrects(void **state)
{
	(void)state;
	int64_t item = item_of("finance");
	/* September's statement, published 40 days ago (moved back in time
	 * with every earlier one, as if the clock had run). */
	int64_t sept = publish(item, "九月财务收支", 0);
	assert_int_equal(db_exec1("UPDATE disclosure_post SET published_at = published_at - " DAYS40
	                          ", counts_at = counts_at - " DAYS40 " WHERE community_id = " XFL
	                          " AND item_id = " FINANCE " AND status = 'published'"),
	                 0);
	assert_int_equal(db_exec1("UPDATE disclosure_item SET last_published_at = last_published_at - " DAYS40
	                          " WHERE community_id = " XFL " AND code = 'finance'"),
	                 0);
	int64_t sept_at = post_int("published_at", sept);
	assert_int_equal(finance_last(), sept_at);
	/* Its correction, published today, is not October's statement: the
	 * item still counts from September's, and a monthly item is overdue. */
	int64_t fix = publish(item, "九月财务收支(更正)", sept);
	assert_int_equal(post_int("counts_at", fix), sept_at);
	assert_int_equal(finance_last(), sept_at);
	CURL *c = client();
	char *row = due_row(c, "财务收支");
	assert_non_null(row);
	assert_non_null(strstr(row, "已逾期"));
	free(row);
	/* A correction of the correction still counts for September. */
	int64_t fix2 = publish(item, "九月财务收支(再次更正)", fix);
	assert_int_equal(post_int("counts_at", fix2), sept_at);
	/* October's own statement counts from today. */
	int64_t oct = publish(item, "十月财务收支", 0);
	int64_t oct_at = post_int("published_at", oct);
	assert_true(oct_at > sept_at);
	assert_int_equal(finance_last(), oct_at);
	row = due_row(c, "财务收支");
	assert_non_null(row);
	assert_null(strstr(row, "已逾期"));
	assert_non_null(strstr(row, "按时"));
	free(row);
	curl_easy_cleanup(c);
}

/* The migration's rule, applied again by hand to what the server wrote,
 * gives the same times: counts_at of every published post is its chain's
 * first publication. */
static void every_published_post_counts_for_its_chain_s_first_publication(void **state)
{
	(void)state;
	assert_int_equal(
	    count("SELECT COUNT(*) FROM disclosure_post WHERE status = 'published' AND counts_at IS NULL"),
	    0);
	assert_int_equal(count("SELECT COUNT(*) FROM disclosure_post p JOIN disclosure_post o"
	                       " ON o.community_id = p.community_id AND o.id = p.replaces_id"
	                       " WHERE p.status = 'published' AND p.counts_at <> o.counts_at"),
	                 0);
	assert_int_equal(count("SELECT COUNT(*) FROM disclosure_post WHERE status = 'published'"
	                       " AND replaces_id IS NULL AND counts_at <> published_at"),
	                 0);
}

#define DUES "(SELECT id FROM disclosure_item WHERE community_id = " XFL " AND code = 'dues')"

static void retiring_asks_why_and_can_be_undone(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *c = client();
	struct resp r;
	char page[96], act[128];
	int64_t id = item_of("dues");
	snprintf(page, sizeof page, "/c/xingfuli/admin/catalogue/%lld/retire", (long long)id);
	/* The list leads to a confirmation page, not to a button that acts at once. */
	request(w, "/c/xingfuli/admin/catalogue", NULL, NULL, &r);
	assert_true(has(&r, page));
	assert_false(has(&r, "action=\"/c/xingfuli/admin/catalogue/1/retire\""));
	done(&r);
	request(w, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "停用公开事项:党费收缴"));
	assert_true(has(&r, "停用理由"));
	assert_true(has(&r, "确认停用"));
	done(&r);
	/* No reason, no retirement. */
	int retires = audit_count("disclosure.item_retire"),
	    restores = audit_count("disclosure.item_restore");
	assert_int_equal(post_form(w, page, page, &r, "reason="), 422);
	assert_true(has(&r, "请填写停用理由"));
	done(&r);
	assert_int_equal(count("SELECT COUNT(*) FROM disclosure_item WHERE community_id = " XFL
	                       " AND code = 'dues' AND retired_at IS NULL"),
	                 1);
	/* Its last publication covers a quarter from now on. */
	assert_int_equal(
	    db_exec1("UPDATE disclosure_item SET last_published_at = created_at WHERE community_id = " XFL
	             " AND code = 'dues'"),
	    0);
	assert_int_equal(post_form(w, page, page, &r, "reason=%s", form_value("与党建工作合并公开")), 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.item_retire"), retires + 1);
	assert_int_equal(count("SELECT COUNT(*) FROM audit_log WHERE action = 'disclosure.item_retire'"
	                       " AND detail = '党费收缴;理由:与党建工作合并公开'"),
	                 1);
	assert_int_equal(
	    count("SELECT COUNT(*) FROM disclosure_item WHERE community_id = " XFL
	          " AND code = 'dues' AND retired_at IS NOT NULL AND retire_reason = '与党建工作合并公开'"),
	    1);
	request(w, "/c/xingfuli/admin/catalogue?retired=1", NULL, NULL, &r);
	assert_true(has(&r, "已停用。"));
	assert_true(has(&r, "党费收缴(已停用,历史内容保留;理由:与党建工作合并公开)"));
	assert_true(has(&r, "恢复</button>"));
	done(&r);
	/* Until its quarter ends the due board still shows it, as retired. */
	char *row = due_row(c, "党费收缴");
	assert_non_null(row);
	assert_non_null(strstr(row, "停用 · 本期至"));
	assert_null(strstr(row, "已逾期"));
	free(row);
	/* After the end of its last period it is gone from the board. */
	assert_int_equal(db_exec1("UPDATE disclosure_item SET last_published_at = created_at - 8640000 WHERE "
	                          "community_id = " XFL " AND code = 'dues'"),
	                 0);
	assert_null(due_row(c, "党费收缴"));
	/* A second retirement changes nothing; the page leads back. */
	assert_int_equal(post_form(w, "/c/xingfuli/admin/catalogue", page, &r, "reason=x"), 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.item_retire"), retires + 1);
	/* Undo: the item is current again, and overdue as it should be. */
	snprintf(act, sizeof act, "/c/xingfuli/admin/catalogue/%lld/restore", (long long)id);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/catalogue", act, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.item_restore"), restores + 1);
	assert_int_equal(count("SELECT COUNT(*) FROM disclosure_item WHERE community_id = " XFL
	                       " AND code = 'dues' AND retired_at IS NULL AND retire_reason IS NULL"),
	                 1);
	row = due_row(c, "党费收缴");
	assert_non_null(row);
	assert_non_null(strstr(row, "已逾期"));
	free(row);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/catalogue", act, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.item_restore"), restores + 1);
	/* Residents cannot retire anything. */
	CURL *res = logged_in("zhangsan");
	assert_int_equal(post_form(res, "/c/xingfuli/board/", page, &r, "reason=x"), 403);
	done(&r);
	curl_easy_cleanup(res);
	curl_easy_cleanup(w);
	curl_easy_cleanup(c);
}

static void records_are_numbered_from_one(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	char want[160];
	/* The oldest and the newest published post. */
	int64_t first = count("SELECT id FROM disclosure_post WHERE community_id = " XFL
	                      " AND status = 'published' ORDER BY leaf_index LIMIT 1");
	int64_t newest = count("SELECT id FROM disclosure_post WHERE community_id = " XFL
	                       " AND status = 'published' ORDER BY published_at DESC, id DESC LIMIT 1");
	int64_t leaf = post_int("leaf_index", first);
	assert_true(leaf >= 0);
	char page[96];
	snprintf(page, sizeof page, "/c/xingfuli/board/%lld", (long long)first);
	request(c, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(want, sizeof want, "本条为本社区公开记录第 <strong>%lld</strong> 条", (long long)leaf + 1);
	assert_true(has(&r, want));
	snprintf(want, sizeof want, "/c/xingfuli/log/leaf/%lld\"",
	         (long long)leaf); /* machines keep the index */
	assert_true(has(&r, want));
	done(&r);
	leaf = post_int("leaf_index", newest);
	request(c, "/c/xingfuli/board/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(want, sizeof want, "共 %lld 条记录", (long long)log_size("xingfuli"));
	assert_true(has(&r, want));
	snprintf(want, sizeof want, " · 记录第 %lld 条</div>", (long long)leaf + 1);
	assert_true(has(&r, want));
	done(&r);
	curl_easy_cleanup(c);
}

/* Published posts of 幸福里 in year y (UTC+8). */
static int64_t posts_in(int y)
{
	char from[24], to[24];
	snprintf(from, sizeof from, "%lld", (long long)date_to_time((struct ymd){y, 1, 1}));
	snprintf(to, sizeof to, "%lld", (long long)date_to_time((struct ymd){y + 1, 1, 1}));
	return db_int("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL
	              " AND status = 'published'"
	              " AND published_at >= CAST(? AS BIGINT) AND published_at < CAST(? AS BIGINT)",
	              from, to);
}

static void year_filters_offer_only_years_with_posts(void **state)
{
	(void)state;
	/* The oldest post, as if published in June 2019. */
	assert_int_equal(
	    db_exec1("UPDATE disclosure_post SET published_at = 1560000000 WHERE community_id = " XFL
	             " AND id = (SELECT id FROM disclosure_post WHERE community_id = " XFL
	             " AND status = 'published' ORDER BY leaf_index LIMIT 1)"),
	    0);
	CURL *c = client();
	struct resp r;
	request(c, "/c/xingfuli/board/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	int shown = 0;
	for (int y = 2000; y <= 2100; y++) {
		char link[32];
		snprintf(link, sizeof link, "year=%d\"", y);
		int with = posts_in(y) > 0;
		assert_int_equal(has(&r, link), with);
		shown += with;
	}
	assert_true(has(&r, "year=2019\""));
	assert_false(has(&r, "year=2020\""));
	assert_true(shown >= 2);
	done(&r);
	/* A year with no posts chosen by hand shows an empty board, not an error. */
	request(c, "/c/xingfuli/board/?year=2021", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "暂无公开内容"));
	done(&r);
	curl_easy_cleanup(c);
}

/* Where needle first is in the page, or -1. */
static long at_of(const struct resp *r, const char *needle)
{
	const char *p = strstr(r->body.data, needle);
	return p ? (long)(p - r->body.data) : -1;
}

static void supervisors_read_plain_words_first_and_details_folded(void **state)
{
	(void)state;
	CURL *c = client(), *j = logged_in("jiandu");
	struct resp r;
	request(c, "/c/xingfuli/supervisors", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	long plain = at_of(&r, "公开记录有没有被改动过"), checked = at_of(&r, "核对了什么:"),
	     not_ok = at_of(&r, "如果发现不一致:"), details = at_of(&r, "<details><summary>技术细节");
	assert_true(plain > 0 && checked > plain && not_ok > checked && details > not_ok);
	char want[64];
	snprintf(want, sizeof want, "目前共 <strong>%lld</strong> 条记录", (long long)log_size("xingfuli"));
	assert_true(has(&r, want));
	/* Keys, checkpoints and commands only inside the folded details. */
	assert_true(at_of(&r, "<pre class=\"key\">") > details);
	assert_true(at_of(&r, "<pre class=\"checkpoint\">") > details);
	assert_true(at_of(&r, "shequ verify --url") > details);
	assert_true(at_of(&r, "RFC 6962") > details);
	/* Links for programs are named so, after everything people read. */
	long data = at_of(&r, "<h2>数据接口</h2>");
	assert_true(data > at_of(&r, "<h2>监督意见</h2>"));
	assert_true(at_of(&r, "/c/xingfuli/log/checkpoint\"") > data);
	assert_true(at_of(&r, "/c/xingfuli/log/key\"") > data);
	done(&r);
	/* The cosigning page says what it found before any technical detail. */
	request(j, "/c/xingfuli/log/cosign", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	long said = at_of(&r, "<p class=\"lead\">");
	details = at_of(&r, "<details><summary>技术细节");
	assert_true(said > 0 && details > said);
	assert_true(at_of(&r, "<pre class=\"checkpoint\">") > details);
	done(&r);
	curl_easy_cleanup(c);
	curl_easy_cleanup(j);
}

/* Fetches path (a poster) into DIR/name.pdf and its text into DIR/name.txt. */
static void poster_text(CURL *c, const char *path, const char *name)
{
	struct resp r;
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body.data, "%PDF-", 5);
	char file[600];
	snprintf(file, sizeof file, "%s/%s.pdf", dir, name);
	FILE *f = fopen(file, "wb");
	assert_non_null(f);
	fwrite(r.body.data, 1, r.body.len - 1, f);
	fclose(f);
	done(&r);
	assert_int_equal(run_status("pdftotext -layout %s %s/%s.txt", file, dir, name), 0);
}

static void posters_say_what_a_reader_needs(void **state)
{
	(void)state;
	CURL *c = client();
	char path[128];
	/* The open 低保 公示: marked, money with separators, one row per line. */
	int64_t dibao = post_titled("%新增最低生活保障对象公示");
	snprintf(path, sizeof path, "/c/xingfuli/board/%lld/poster.pdf", (long long)dibao);
	poster_text(c, path, "dibao");
	assert_int_equal(run_status("grep -q '【公示中】' %s/dibao.txt", dir), 0);
	assert_int_equal(run_status("grep -q '¥1,280.50' %s/dibao.txt", dir), 0);
	assert_int_equal(run_status("grep -q '合计 ¥4,460.50' %s/dibao.txt", dir), 0);
	assert_int_equal(run_status("grep -Eq '¥[0-9]{4}' %s/dibao.txt", dir), 1);
	/* The withdrawn duplicate: when and why. */
	int64_t gone = count("SELECT post_id FROM disclosure_withdrawal WHERE community_id = " XFL
	                     " AND reason = '与前一条内容重复发布,予以撤回'");
	assert_true(gone > 0);
	snprintf(path, sizeof path, "/c/xingfuli/board/%lld/poster.pdf", (long long)gone);
	poster_text(c, path, "gone");
	assert_int_equal(run_status("grep -Eq '【本条已于 [0-9]{4}-[0-9]{2}-[0-9]{2} "
	                            "撤回】理由:与前一条内容重复发布' %s/gone.txt",
	                            dir),
	                 0);
	assert_int_equal(run_status("grep -q '公示中' %s/gone.txt", dir), 1);
	/* The board poster holds the newest 14: with more, it says where they are. */
	assert_true(count("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL
	                  " AND status = 'published'") > 14);
	poster_text(c, "/c/xingfuli/board/poster.pdf", "board");
	assert_int_equal(run_status("grep -q '更多见网上' %s/board.txt", dir), 0);
	assert_int_equal(run_status("grep -q '/c/xingfuli/board/' %s/board.txt", dir), 0);
	curl_easy_cleanup(c);
}

static void a_recipient_list_names_every_bad_row_at_once(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	int64_t posts = count("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL);
	const char *list = "姓名,身份证号,电话,住址,家庭人口,金额\n"
	                   "赵一,,,幸福里1号楼,2,800\n"
	                   ",,,幸福里2号楼,0,900\n"
	                   "钱二,,1380013,幸福里3号楼,3,1000\n"
	                   "孙三,,,幸福里4号楼,2,八百\n"
	                   "李四,,,幸福里5号楼,1,640\n";
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new", &r,
	                           "item=%lld&title=%s&body=%s&notice_days=7&recipients=%s",
	                           (long long)item_of("dibao"), form_value("十二月低保对象公示"),
	                           form_value("名单如下"), form_value(list)),
	                 422);
	assert_true(has(&r, "名单中有 3 行需要修改"));
	assert_true(has(&r, "第 3 行:缺少姓名,家庭人口应为 1 到 50 的整数"));
	assert_true(has(&r, "第 4 行:电话应为 11 位手机号码"));
	assert_true(has(&r, "第 5 行:金额应为以元计的数字"));
	assert_false(has(&r, "第 2 行:"));
	assert_false(has(&r, "第 6 行:"));
	assert_true(has(&r, "孙三")); /* what was pasted is kept */
	done(&r);
	assert_int_equal(count("SELECT COUNT(*) FROM disclosure_post WHERE community_id = " XFL), posts);
	curl_easy_cleanup(w);
}

static void catalogue_exports_write_words_not_codes(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/c/xingfuli/board/catalogue.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "公开栏上墙 网站"));
	assert_false(has(&r, "wall"));
	assert_false(has(&r, "meeting"));
	assert_false(has(&r, "monthly"));
	assert_false(has(&r, "dibao"));
	done(&r);
	curl_easy_cleanup(c);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_board_rules PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	if (sodium_init() < 0)
		return 1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_correction_counts_for_the_period_it_corrects),
	    cmocka_unit_test(every_published_post_counts_for_its_chain_s_first_publication),
	    cmocka_unit_test(retiring_asks_why_and_can_be_undone),
	    cmocka_unit_test(records_are_numbered_from_one),
	    cmocka_unit_test(year_filters_offer_only_years_with_posts),
	    cmocka_unit_test(supervisors_read_plain_words_first_and_details_folded),
	    cmocka_unit_test(posters_say_what_a_reader_needs),
	    cmocka_unit_test(a_recipient_list_names_every_bad_row_at_once),
	    cmocka_unit_test(catalogue_exports_write_words_not_codes),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
