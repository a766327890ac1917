/* End-to-end: the disclosure board on a real server over the demo data
 * (SQLite, and PostgreSQL under tests/pg/with-postgres.sh). */
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
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "harness.h"
#include "tlog/tlog_store.h"

/* xingfuli is org unit 4 in the demo (district 1, streets 2-3). */
#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"

/* Submits a draft as its author, then publishes it as the street's admin
 * (the two-person rule). Returns the admin's client. */
static CURL *submit_and_publish(CURL *author, int64_t id)
{
	struct resp r;
	char mp[128], act[160];
	snprintf(mp, sizeof mp, "/c/xingfuli/admin/board/%lld", (long long)id);
	snprintf(act, sizeof act, "%s/submit", mp);
	assert_int_equal(post_form(author, mp, act, &r, "x=1"), 303);
	done(&r);
	CURL *d = logged_in("donghu");
	snprintf(act, sizeof act, "%s/publish", mp);
	assert_int_equal(post_form(d, mp, act, &r, "x=1"), 303);
	done(&r);
	return d;
}

static void board_shows_posts_and_open_notice(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/c/xingfuli/board/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "党务居务公开栏"));
	assert_true(has(&r, "公示中"));
	assert_true(has(&r, "新增最低生活保障对象公示"));
	assert_true(has(&r, "已撤回"));
	assert_true(has(&r, "已更正"));
	done(&r);
	request(c, "/c/xingfuli/board/?page=2", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	request(c, "/c/xingfuli/board/?year=2020", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "暂无公开内容"));
	done(&r);
	request(c, "/c/xingfuli/board/?year=20x", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	request(c, "/c/xingfuli/board/?page=x", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	request(c, "/c/xingfuli/board/feed.atom", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "content-type: application/atom+xml"));
	assert_true(has(&r, "<entry><title>"));
	done(&r);
	request(c, "/c/xingfuli/board/catalogue", NULL, NULL, &r);
	assert_true(has(&r, "公开内容要素"));
	assert_true(has(&r, "社会救助暂行办法"));
	done(&r);
	request(c, "/c/xingfuli/board/catalogue.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "content-type: text/csv; charset=utf-8"));
	assert_true(has(&r, "类别,事项,公开内容要素"));
	assert_true(has(&r, "最低生活保障"));
	done(&r);
	request(c, "/c/xingfuli/board/due", NULL, NULL, &r);
	assert_true(has(&r, "已逾期")); /* party dues, last reported 140 days ago */
	done(&r);
	request(c, "/c/xingfuli/board/99999", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	curl_easy_cleanup(c);
}

static void two_person_rule_and_publishing(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	char item[32];
	snprintf(item, sizeof item, "%lld", (long long)item_of("hot-issues"));
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new", &r,
				   "item=%s&title=%%E7%%94%%B5%%E6%%A2%%AF%%E5%%8A%%A0%%E8%%A3%%85%%E8%%BF%%9B%%E5%%BA%%A6&body=3%%E5%%8F%%B7%%E6%%A5%%BC&period_start=&period_end=&notice_days=&recipients=&reason=",
				   item),
			 303);
	done(&r);
	int64_t id = post_titled("电梯加装进度");
	assert_true(id > 0);
	char page[128], act[160];
	snprintf(page, sizeof page, "/c/xingfuli/admin/board/%lld", (long long)id);
	snprintf(act, sizeof act, "%s/submit", page);
	assert_int_equal(post_form(w, page, act, &r, "x=1"), 303);
	done(&r);
	/* The author cannot publish it: nothing reaches the log. */
	int64_t before = log_size("xingfuli");
	snprintf(act, sizeof act, "%s/publish", page);
	assert_int_equal(post_form(w, page, act, &r, "x=1"), 422);
	assert_true(has(&r, "双人审核"));
	done(&r);
	assert_int_equal(log_size("xingfuli"), before);
	/* A resident cannot even see it. */
	CURL *z = logged_in("zhangsan");
	request(z, page, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	char pub[96];
	snprintf(pub, sizeof pub, "/c/xingfuli/board/%lld", (long long)id);
	request(z, pub, NULL, NULL, &r);
	assert_int_equal(r.status, 404); /* not published yet */
	done(&r);
	/* A second staff member (the street's admin) publishes it. */
	CURL *d = logged_in("donghu");
	assert_int_equal(post_form(d, page, act, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(log_size("xingfuli"), before + 1);
	request(z, pub, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "电梯加装进度"));
	done(&r);
	/* Publishing twice is refused. */
	assert_int_equal(post_form(d, page, act, &r, "x=1"), 422);
	done(&r);
	assert_true(audit_count("disclosure.publish") >= 1);
	curl_easy_cleanup(w);
	curl_easy_cleanup(d);
	curl_easy_cleanup(z);
}

static void without_the_two_person_rule_the_author_publishes(void **state)
{
	(void)state;
	CURL *z = logged_in("zhengh");
	struct resp r;
	int before = audit_count("disclosure.two_person");
	/* Switching the rule off takes a second person: the street admin approves. */
	assert_int_equal(post_form(z, "/c/cuizhu/admin/board/settings", "/c/cuizhu/admin/board/settings", &r,
				   "setting=two_person&value=0&reason_two_person=%%E4%%BA%%BA%%E6%%89%%8B%%E4%%B8%%8D%%E8%%B6%%B3"),
			 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.two_person"), before);
	CURL *n = logged_in("nanshan");
	assert_int_equal(post_form(n, "/c/cuizhu/admin/board/settings", "/c/cuizhu/admin/board/settings/approve", &r, "x=1"),
			 303);
	done(&r);
	curl_easy_cleanup(n);
	assert_int_equal(audit_count("disclosure.two_person"), before + 1);
	char item[32];
	snprintf(item, sizeof item, "%lld",
		 (long long)db_int("SELECT id FROM disclosure_item WHERE community_id = (SELECT id FROM org_unit WHERE slug = 'cuizhu')"
				   " AND code = 'hotline'", NULL, NULL));
	assert_int_equal(post_form(z, "/c/cuizhu/admin/board/new", "/c/cuizhu/admin/board/new", &r,
				   "item=%s&title=%%E7%%83%%AD%%E7%%BA%%BF&body=12345", item),
			 303);
	const char *loc = strcasestr(r.head.data, "location: ");
	assert_non_null(loc);
	char page[128], act[160];
	snprintf(page, sizeof page, "%.*s", (int)strcspn(loc + 10, "\r\n"), loc + 10);
	done(&r);
	snprintf(act, sizeof act, "%s/publish", page);
	assert_int_equal(post_form(z, page, act, &r, "x=1"), 303); /* straight from draft, by its author */
	done(&r);
	/* And one person withdraws. */
	int64_t size = db_int("SELECT size FROM tlog_head WHERE community_id = (SELECT id FROM org_unit WHERE slug = 'cuizhu')",
			      NULL, NULL);
	snprintf(act, sizeof act, "%s/withdraw", page);
	assert_int_equal(post_form(z, page, act, &r, "reason=%%E9%%87%%8D%%E5%%A4%%8D"), 303);
	done(&r);
	assert_int_equal(db_int("SELECT size FROM tlog_head WHERE community_id = (SELECT id FROM org_unit WHERE slug = 'cuizhu')",
				NULL, NULL),
			 size + 1);
	assert_int_equal(post_form(z, "/c/cuizhu/admin/board/settings", "/c/cuizhu/admin/board/settings", &r,
				   "setting=two_person&value=1&reason_two_person="),
			 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.two_person"), before + 2);
	curl_easy_cleanup(z);
}

static void correction_keeps_the_old_version(void **state)
{
	(void)state;
	int64_t old = post_titled("电梯加装进度");
	CURL *w = logged_in("wangjg");
	struct resp r;
	char page[128];
	snprintf(page, sizeof page, "/c/xingfuli/admin/board/new?replaces=%lld", (long long)old);
	char item[32];
	snprintf(item, sizeof item, "%lld", (long long)item_of("hot-issues"));
	/* Without a reason it is refused. */
	assert_int_equal(post_form(w, page, "/c/xingfuli/admin/board/new", &r,
				   "replaces=%lld&item=%s&title=x&body=y&reason=", (long long)old, item),
			 422);
	assert_true(has(&r, "请填写更正理由"));
	done(&r);
	assert_int_equal(post_form(w, page, "/c/xingfuli/admin/board/new", &r,
				   "replaces=%lld&item=%s&title=%%E7%%94%%B5%%E6%%A2%%AF%%E8%%BF%%9B%%E5%%BA%%A6%%E6%%9B%%B4%%E6%%AD%%A3&body=5%%E5%%8F%%B7%%E6%%A5%%BC&reason=%%E6%%A5%%BC%%E5%%8F%%B7%%E5%%86%%99%%E9%%94%%99",
				   (long long)old, item),
			 303);
	done(&r);
	int64_t neu = post_titled("电梯进度更正");
	CURL *d = submit_and_publish(w, neu);
	char p1[96], p2[96];
	snprintf(p1, sizeof p1, "/c/xingfuli/board/%lld", (long long)old);
	snprintf(p2, sizeof p2, "/c/xingfuli/board/%lld", (long long)neu);
	request(d, p1, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "本条已被更正"));
	assert_true(has(&r, "3号楼")); /* the old text is still there */
	done(&r);
	request(d, p2, NULL, NULL, &r);
	assert_true(has(&r, "楼号写错"));
	assert_true(has(&r, "5号楼"));
	done(&r);
	curl_easy_cleanup(w);
	curl_easy_cleanup(d);
}

static void withdrawal_is_a_public_record(void **state)
{
	(void)state;
	int64_t id = post_titled("电梯进度更正");
	CURL *d = logged_in("donghu");
	struct resp r;
	char mp[128], act[160];
	snprintf(mp, sizeof mp, "/c/xingfuli/admin/board/%lld", (long long)id);
	snprintf(act, sizeof act, "%s/withdraw", mp);
	int64_t before = log_size("xingfuli");
	assert_int_equal(post_form(d, mp, act, &r, "reason="), 422);
	done(&r);
	assert_int_equal(log_size("xingfuli"), before);
	/* Under the two-person rule one person only asks; a second carries it out. */
	assert_int_equal(post_form(d, mp, act, &r, "reason=%%E4%%BF%%A1%%E6%%81%%AF%%E6%%9C%%89%%E8%%AF%%AF"), 303);
	done(&r);
	assert_int_equal(log_size("xingfuli"), before);
	CURL *w = logged_in("wangjg");
	snprintf(act, sizeof act, "%s/withdraw_approve", mp);
	assert_int_equal(post_form(w, mp, act, &r, "x=1"), 303);
	done(&r);
	curl_easy_cleanup(w);
	assert_int_equal(log_size("xingfuli"), before + 1);
	char p[96];
	snprintf(p, sizeof p, "/c/xingfuli/board/%lld", (long long)id);
	request(d, p, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "撤回。</strong>理由:信息有误"));
	done(&r);
	curl_easy_cleanup(d);
}

/* The element of the page around needle, from the last open (e.g. "<li")
 * before it to the end of the first close ("</li>") after it; the caller
 * frees it. NULL if there is none. */
static char *around(const struct resp *r, const char *needle, const char *open, const char *close)
{
	const char *t = r->body.data ? strstr(r->body.data, needle) : NULL;
	if (!t)
		return NULL;
	const char *s = t;
	while (s > r->body.data && strncmp(s, open, strlen(open)))
		s--;
	const char *e = strstr(t, close);
	return e ? strndup(s, (size_t)(e + strlen(close) - s)) : NULL;
}

/* Lists read what later records did from the rows they list: the board's
 * lines say which post was corrected and which withdrawn (the two tests
 * above), the catalogue and the due board date an item by its newest
 * publication. */
static void lists_show_corrections_withdrawals_and_last_publication(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	char path[96];
	snprintf(path, sizeof path, "/c/xingfuli/board/?item=%lld", (long long)item_of("hot-issues"));
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	char *old = around(&r, ">电梯加装进度</a>", "<li", "</li>"), *neu = around(&r, ">电梯进度更正</a>", "<li", "</li>");
	assert_non_null(old);
	assert_non_null(neu);
	assert_non_null(strstr(old, "已更正"));
	assert_null(strstr(old, "已撤回"));
	assert_null(strstr(old, "更正版"));
	assert_non_null(strstr(neu, "已撤回"));
	assert_non_null(strstr(neu, "更正版"));
	assert_null(strstr(neu, "已更正"));
	free(old);
	free(neu);
	done(&r);
	/* Published today by the tests above; the demo's last was 39 days ago. */
	char today[16];
	clock_format_date_cst(time(NULL), today, sizeof today);
	request(c, "/c/xingfuli/board/catalogue.csv", NULL, NULL, &r);
	char *row = around(&r, "热点难点处理情况", "\n", "\n");
	assert_non_null(row);
	assert_non_null(strstr(row, today));
	free(row);
	done(&r);
	request(c, "/c/xingfuli/board/due", NULL, NULL, &r);
	row = around(&r, ">热点难点处理情况<", "<tr", "</tr>");
	assert_non_null(row);
	assert_non_null(strstr(row, today));
	assert_non_null(strstr(row, "按时"));
	free(row);
	done(&r);
	curl_easy_cleanup(c);
}

static void lists_are_masked_and_full_views_audited(void **state)
{
	(void)state;
	int64_t id = post_titled("%新增最低生活保障对象公示");
	char p[96], full[128];
	snprintf(p, sizeof p, "/c/xingfuli/board/%lld", (long long)id);
	snprintf(full, sizeof full, "/c/xingfuli/admin/board/%lld/recipients", (long long)id);
	CURL *c = client();
	struct resp r;
	request(c, p, NULL, NULL, &r);
	assert_true(has(&r, "张*丰"));
	assert_true(has(&r, "欧**华"));
	assert_false(has(&r, "张三丰"));
	assert_false(has(&r, "11010519491231002X"));
	assert_false(has(&r, "13812341234"));
	done(&r);
	CURL *z = logged_in("zhangsan");
	request(z, full, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	int before = audit_count("disclosure.recipients_view_full");
	CURL *w = logged_in("wangjg");
	request(w, full, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "张三丰"));
	assert_true(has(&r, "11010519491231002X"));
	done(&r);
	assert_int_equal(audit_count("disclosure.recipients_view_full"), before + 1);
	/* Exporting the full list is logged too; residents cannot. */
	snprintf(full, sizeof full, "/c/xingfuli/admin/board/%lld/recipients.xlsx", (long long)id);
	request(z, full, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	request(w, full, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
	assert_true(has_header(&r, "content-disposition: attachment"));
	assert_memory_equal(r.body.data, "PK", 2);
	done(&r);
	assert_int_equal(audit_count("disclosure.recipients_export"), 1);
	/* Neither the public record nor the audit log holds the raw data. */
	assert_int_equal(db_int("SELECT COUNT(*) FROM tlog_leaf WHERE data LIKE '%张三丰%' OR data LIKE '%11010519491231002X%'"
				" OR data LIKE '%13812341234%'",
				NULL, NULL),
			 0);
	assert_int_equal(db_int("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%张三丰%' OR detail LIKE '%110105%'", NULL,
				NULL),
			 0);
	curl_easy_cleanup(c);
	curl_easy_cleanup(z);
	curl_easy_cleanup(w);
}

/* 0 if none of the strings is in the database's files: the SQLite file and
 * its WAL, or a PostgreSQL server's data directory after a checkpoint. */
static int in_database_files(const char *const *s, size_t n)
{
	char files[1100], cmd[2400];
	const char *pg = getenv("SHEQU_TEST_PG"), *host = pg ? strstr(pg, "host=") : NULL;
	if (host) {
		assert_int_equal(db_exec1("CHECKPOINT"), 0);
		snprintf(files, sizeof files, "%.*s/data", (int)strcspn(host + 5, "&"), host + 5);
	} else {
		snprintf(files, sizeof files, "%s %s-wal", dbpath, dbpath);
	}
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		snprintf(cmd, sizeof cmd, "grep -r -l -a -F -e '%s' %s >/dev/null 2>&1", s[i], files);
		int st = system(cmd);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) <= 1); /* 2: could not read */
		if (WEXITSTATUS(st) == 0) {
			fprintf(stderr, "in the database files: %s\n", s[i]);
			found++;
		}
	}
	return found;
}

static void personal_data_is_sealed_at_rest(void **state)
{
	(void)state;
	static const char *const clear[] = {"司马秘密", "360725197006065411", "13598765432", "和平路88号5栋302",
					    "135 9876 5432", "13598760000"};
	CURL *w = logged_in("wangjg");
	struct resp r;
	char item[32];
	snprintf(item, sizeof item, "%lld", (long long)item_of("dibao"));
	/* A list with an ID number, a phone and an address, drafted, submitted and published. */
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/new", "/c/xingfuli/admin/board/new", &r,
				   "item=%s&title=%%E4%%BD%%8E%%E4%%BF%%9D%%E5%%8A%%A0%%E5%%AF%%86%%E6%%B5%%8B%%E8%%AF%%95"
				   "&body=%%E5%%90%%8D%%E5%%8D%%95&period_start=&period_end=&notice_days=7&reason=&recipients="
				   "%%E5%%8F%%B8%%E9%%A9%%AC%%E7%%A7%%98%%E5%%AF%%86%%2C360725197006065411%%2C13598765432%%2C"
				   "%%E5%%92%%8C%%E5%%B9%%B3%%E8%%B7%%AF88%%E5%%8F%%B75%%E6%%A0%%8B302%%2C2%%2C1500",
				   item),
			 303);
	done(&r);
	int64_t id = post_titled("低保加密测试");
	assert_true(id > 0);
	char mp[128], act[160], pub[96], full[160];
	snprintf(mp, sizeof mp, "/c/xingfuli/admin/board/%lld", (long long)id);
	CURL *d = submit_and_publish(w, id);
	/* A resident objects, with a phone number in the text written with spaces. */
	CURL *c = client();
	snprintf(pub, sizeof pub, "/c/xingfuli/board/%lld", (long long)id);
	snprintf(act, sizeof act, "%s/objection", pub);
	assert_int_equal(post_form(c, act, act, &r,
				   "body=%%E8%%AF%%B7%%E5%%9B%%9E%%E7%%94%%B5%%20135%%209876%%205432&phone=13598760000"),
			 303);
	const char *loc = strcasestr(r.head.data, "location: ");
	assert_non_null(loc);
	char there[160];
	snprintf(there, sizeof there, "%.*s", (int)strcspn(loc + 10, "\r\n#"), loc + 10);
	assert_non_null(strstr(loc, "#objection\r"));
	done(&r);
	/* The confirmation stands where the form was, in view after the jump;
	 * a refused form comes back to the same place. */
	request(c, there, NULL, NULL, &r);
	const char *section = strstr(r.body.data, "<section id=\"objection\">"), *said = strstr(r.body.data, "异议已提交");
	assert_true(section && said && said > section);
	assert_true(has(&r, "/objection#objection\""));
	done(&r);
	/* The public page shows the masked projections only. */
	request(c, pub, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "司**密"));
	assert_true(has(&r, "请回电 *** **** ****"));
	for (size_t i = 0; i < sizeof clear / sizeof *clear; i++)
		assert_false(has(&r, clear[i]));
	done(&r);
	/* The rows hold the projections and sealed fields. */
	char ids[24];
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_recipient WHERE community_id = " XFL
				" AND post_id = CAST(? AS BIGINT) AND name_masked = '司**密' AND id_masked = '360***********5411'"
				" AND phone_masked = '135****5432' AND address_masked = '和平路88号5栋' AND name_sealed IS NOT NULL"
				" AND id_sealed IS NOT NULL AND phone_sealed IS NOT NULL AND address_sealed IS NOT NULL"
				" AND note_sealed IS NULL",
				ids, NULL),
			 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_thread WHERE community_id = " XFL
				" AND post_id = CAST(? AS BIGINT) AND body_masked = '请回电 *** **** ****'"
				" AND contact_masked = '135****0000' AND body_sealed IS NOT NULL AND contact_sealed IS NOT NULL",
				ids, NULL),
			 1);
	/* Not one of the clear values is anywhere in the database's files. */
	assert_int_equal(in_database_files(clear, sizeof clear / sizeof *clear), 0);
	/* Staff still see them in full: the audited list, and the objection to answer. */
	int before = audit_count("disclosure.recipients_view_full");
	snprintf(full, sizeof full, "%s/recipients", mp);
	request(w, full, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "司马秘密"));
	assert_true(has(&r, "360725197006065411"));
	assert_true(has(&r, "13598765432"));
	assert_true(has(&r, "和平路88号5栋302"));
	done(&r);
	assert_int_equal(audit_count("disclosure.recipients_view_full"), before + 1);
	snprintf(full, sizeof full, "%s/recipients.csv", mp);
	request(w, full, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "360725197006065411"));
	done(&r);
	int views = audit_count("disclosure.objection_contacts_view");
	request(w, "/c/xingfuli/admin/board/", NULL, NULL, &r);
	assert_true(has(&r, "请回电 135 9876 5432"));
	assert_true(has(&r, "13598760000"));
	done(&r);
	assert_int_equal(audit_count("disclosure.objection_contacts_view"), views + 1);
	/* A sealed field changed in the database does not open: the full view fails, shows nothing, logs no view. */
	assert_int_equal(db_exec1("UPDATE disclosure_recipient SET name_sealed = substr(name_sealed, 1, 40) WHERE community_id = "
				  XFL " AND name_masked = '司**密'"),
			 0);
	before = audit_count("disclosure.recipients_view_full");
	snprintf(full, sizeof full, "%s/recipients", mp);
	request(w, full, NULL, NULL, &r);
	assert_int_equal(r.status, 500);
	assert_false(has(&r, "360725197006065411"));
	done(&r);
	assert_int_equal(audit_count("disclosure.recipients_view_full"), before);
	request(c, pub, NULL, NULL, &r);
	assert_int_equal(r.status, 200); /* the public page reads no sealed field */
	assert_true(has(&r, "司**密"));
	done(&r);
	curl_easy_cleanup(c);
	curl_easy_cleanup(d);
	curl_easy_cleanup(w);
}

static void objections_only_during_the_notice_period(void **state)
{
	(void)state;
	int64_t open = post_titled("%新增最低生活保障对象公示"), closed = post_titled("7月暴雨受灾家庭临时救助名单");
	char p[96], act[128];
	CURL *c = client();
	struct resp r;
	int64_t threads = db_int("SELECT COUNT(*) FROM disclosure_thread", NULL, NULL);
	snprintf(p, sizeof p, "/c/xingfuli/board/%lld", (long long)open);
	snprintf(act, sizeof act, "%s/objection", p);
	assert_int_equal(post_form(c, act, act, &r, "body=%%E6%%9C%%89%%E5%%BC%%82%%E8%%AE%%AE"), 422);
	assert_true(has(&r, "请填写联系电话"));
	done(&r);
	assert_int_equal(post_form(c, act, act, &r, "body=%%E6%%9C%%89%%E5%%BC%%82%%E8%%AE%%AE&phone=13700001111"), 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_thread", NULL, NULL), threads + 1);
	snprintf(p, sizeof p, "/c/xingfuli/board/%lld", (long long)closed);
	snprintf(act, sizeof act, "%s/objection", p);
	request(c, p, NULL, NULL, &r);
	assert_true(has(&r, "公示期已于"));
	done(&r);
	/* The form is gone, but a POST with a valid token is refused all the same. */
	request(c, "/login", NULL, NULL, &r);
	char body[256];
	snprintf(body, sizeof body, "csrf=%s&body=x&phone=13700001111", csrf_from(&r));
	done(&r);
	request(c, act, body, NULL, &r);
	assert_int_equal(r.status, 422);
	assert_true(has(&r, "公示期"));
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_thread", NULL, NULL), threads + 1);
	curl_easy_cleanup(c);
}

static void opinions_are_answered_in_public(void **state)
{
	(void)state;
	CURL *j = logged_in("jiandu");
	struct resp r;
	char target[32];
	snprintf(target, sizeof target, "item:%lld", (long long)item_of("finance"));
	assert_int_equal(post_form(j, "/c/xingfuli/supervisors", "/c/xingfuli/supervisors/opinion", &r,
				   "target=%s&body=%%E8%%AF%%B7%%E5%%85%%AC%%E5%%BC%%80%%E6%%98%%8E%%E7%%BB%%86", target),
			 303);
	done(&r);
	int64_t tid = db_int("SELECT MAX(id) FROM disclosure_thread WHERE community_id = " XFL " AND kind = 'opinion'", NULL, NULL);
	CURL *z = logged_in("zhangsan");
	assert_int_equal(post_form(z, "/c/xingfuli/supervisors", "/c/xingfuli/supervisors/opinion", &r, "target=&body=x"), 403);
	done(&r);
	CURL *w = logged_in("wangjg");
	char act[128];
	snprintf(act, sizeof act, "/c/xingfuli/admin/thread/%lld/answer", (long long)tid);
	int64_t before = log_size("xingfuli");
	/* Too long: the management page again, the answer kept beside its thread. */
	static char longer[2001 + 16];
	strcpy(longer, "answer=");
	memset(longer + 7, 'x', 2001);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/", act, &r, "%s", longer), 422);
	assert_true(has(&r, "请填写答复(2000 字以内)"));
	assert_true(has(&r, "xxxxxxxxxxxxxxxxxxxx</textarea>"));
	assert_true(has(&r, "待答复的异议和监督意见"));
	done(&r);
	assert_int_equal(log_size("xingfuli"), before);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/", act, &r, "answer=%%E5%%B7%%B2%%E5%%85%%AC%%E5%%BC%%80"), 303);
	done(&r);
	assert_int_equal(log_size("xingfuli"), before + 1);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/board/", act, &r, "answer=again"), 422); /* answers are final */
	assert_true(has(&r, "已经答复过了"));
	done(&r);
	request(z, "/c/xingfuli/supervisors", NULL, NULL, &r);
	assert_true(has(&r, "请公开明细"));
	assert_true(has(&r, "已公开"));
	done(&r);
	curl_easy_cleanup(j);
	curl_easy_cleanup(z);
	curl_easy_cleanup(w);
}

static void supervisor_cosigns_the_checkpoint(void **state)
{
	(void)state;
	CURL *j = logged_in("jiandu");
	struct resp r;
	request(j, "/c/xingfuli/log/cosign", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "一致"));
	done(&r);
	assert_int_equal(post_form(j, "/c/xingfuli/log/cosign", "/c/xingfuli/log/cosign", &r, "password=wrong-password"), 422);
	done(&r);
	assert_int_equal(post_form(j, "/c/xingfuli/log/cosign", "/c/xingfuli/log/cosign", &r, "password=demo-pass-2026"), 303);
	done(&r);
	request(j, "/c/xingfuli/log/checkpoint", NULL, NULL, &r);
	assert_true(has_header(&r, "content-type: text/plain"));
	assert_true(has(&r, "\n\xE2\x80\x94 shequ.local/c/xingfuli "));
	assert_true(has(&r, "\xE2\x80\x94 witness.shequ.local/xingfuli/jiandu "));
	done(&r);
	curl_easy_cleanup(j);
}

static void proofs_verify_against_the_signed_checkpoint(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/c/xingfuli/log/key", NULL, NULL, &r);
	char name[128];
	unsigned char pk[32], root[32];
	r.body.data[strcspn(r.body.data, "\n")] = 0;
	assert_int_equal(tlog_vkey_parse(r.body.data, name, sizeof name, pk), 0);
	done(&r);
	request(c, "/c/xingfuli/log/checkpoint", NULL, NULL, &r);
	assert_int_equal(tlog_note_verify(r.body.data, strlen(r.body.data), name, pk), 1);
	char origin[128];
	uint64_t size;
	assert_int_equal(tlog_checkpoint_parse(r.body.data, strlen(r.body.data), origin, sizeof origin, &size, root), 0);
	done(&r);
	char path[128];
	snprintf(path, sizeof path, "/c/xingfuli/log/proof/inclusion?index=3&size=%llu", (unsigned long long)size);
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"proof\":["));
	done(&r);
	request(c, "/c/xingfuli/log/proof/inclusion?index=999999", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(has(&r, "\"code\":\"bad_request\""));
	done(&r);
	request(c, "/c/xingfuli/log/tile/0/000.p/3", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.body.len - 1, 3 * 32);
	done(&r);
	request(c, "/c/xingfuli/log/tile/0/x000/000", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	curl_easy_cleanup(c);
}

static void catalogue_items_are_added_edited_and_retired(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	/* The form asks in words and choices: no code to type, channels and
	 * list columns ticked. */
	request(w, "/c/xingfuli/admin/catalogue", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, "name=\"code\""));
	assert_false(has(&r, "wall,web"));
	assert_true(has(&r, "<label for=\"f-channel_wall\">公开栏上墙</label>"));
	assert_true(has(&r, "<label for=\"f-column_household_size\">家庭人口</label>"));
	assert_true(has(&r, "姓名、家庭人口、金额")); /* 低保's public columns in the list */
	done(&r);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/catalogue", "/c/xingfuli/admin/catalogue", &r,
				   "category=residents&title=%%E5%%8A%%A0%%E8%%A3%%85%%E7%%94%%B5%%E6%%A2%%AF&content=&basis=&frequency=quarterly&responsible=&channel_web=1&channel_meeting=1&notice_days="),
			 303);
	done(&r);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/catalogue", "/c/xingfuli/admin/catalogue", &r,
				   "category=nope&title=x&frequency=weekly"),
			 422);
	assert_true(has(&r, "请选择类别"));
	assert_true(has(&r, "请选择时限"));
	done(&r);
	/* Its code was made from its id. */
	int64_t id = db_int("SELECT id FROM disclosure_item WHERE community_id = " XFL " AND title = '加装电梯'", NULL, NULL);
	assert_true(id > 0);
	char code[32];
	snprintf(code, sizeof code, "item-%lld", (long long)id);
	assert_int_equal(item_of(code), id);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_item WHERE community_id = " XFL
				" AND title = '加装电梯' AND channels = 'web,meeting' AND public_columns = ''",
				NULL, NULL),
			 1);
	char page[96], act[128];
	snprintf(page, sizeof page, "/c/xingfuli/admin/catalogue/%lld", (long long)id);
	request(w, page, NULL, NULL, &r);
	assert_false(has(&r, code));
	assert_false(has(&r, "代码"));
	assert_true(has(&r, "id=\"f-channel_meeting\" name=\"channel_meeting\" value=\"1\" checked"));
	done(&r);
	int edits = audit_count("disclosure.item_edit");
	assert_int_equal(post_form(w, page, page, &r,
				   "category=residents&title=%%E5%%8A%%A0%%E8%%A3%%85%%E7%%94%%B5%%E6%%A2%%AF%%E8%%BF%%9B%%E5%%BA%%A6&frequency=monthly&channel_web=1"),
			 303);
	done(&r);
	assert_int_equal(audit_count("disclosure.item_edit"), edits + 1);
	/* The audit trail says what changed in words. */
	assert_int_equal(db_int("SELECT COUNT(*) FROM audit_log WHERE action = 'disclosure.item_edit'"
				" AND detail LIKE '%时限: 每季度 → 每月%' AND detail LIKE '%渠道载体: 网站、会议 → 网站%'",
				NULL, NULL),
			 1);
	snprintf(act, sizeof act, "%s/retire", page);
	assert_int_equal(post_form(w, act, act, &r, "reason=%%E5%%B7%%B2%%E5%%AE%%8C%%E5%%B7%%A5"), 303);
	done(&r);
	request(w, "/c/xingfuli/board/catalogue", NULL, NULL, &r);
	assert_false(has(&r, "加装电梯进度")); /* retired items leave the public catalogue */
	done(&r);
	request(w, "/c/xingfuli/admin/catalogue", NULL, NULL, &r);
	assert_true(has(&r, "加装电梯进度(已停用,历史内容保留;理由:已完工)"));
	done(&r);
	curl_easy_cleanup(w);
}

static void street_admin_sees_due_across_communities(void **state)
{
	(void)state;
	CURL *d = logged_in("donghu");
	struct resp r;
	request(d, "/admin/due", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "幸福里社区"));
	assert_true(has(&r, "和平社区"));
	assert_false(has(&r, "翠竹社区"));
	assert_true(has(&r, "党费收缴"));
	done(&r);
	curl_easy_cleanup(d);
}

static void attachments_and_csv_lists_are_uploaded(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	request(w, "/c/xingfuli/admin/board/new", NULL, NULL, &r);
	char *tok = strdup(csrf_from(&r));
	done(&r);
	char item[32];
	snprintf(item, sizeof item, "%lld", (long long)item_of("relief"));
	/* A GB18030 CSV (张三 = D5 C5 C8 FD), a PDF, and a text file pretending to be a PDF. */
	static const char csv[] = "\xD0\xD5\xC3\xFB,\xC9\xED\xB7\xDD\xD6\xA4,\xB5\xE7\xBB\xB0,\xD7\xA1\xD6\xB7,\xC8\xCB,\xBD\xF0\xB6\xEE\n"
				  "\xD5\xC5\xC8\xFD,,,9\xBA\xC5\xC2\xA5,2,300\n";
	static const char pdf[] = "%PDF-1.4\n% shequ test\n%%EOF\n";
	for (int round = 0; round < 2; round++) {
		curl_mime *m = curl_mime_init(w);
		const char *fields[][2] = {{"csrf", tok}, {"item", item}, {"title", round ? "上传测试" : "坏附件"}, {"body", "见附件"}};
		for (size_t i = 0; i < 4; i++) {
			curl_mimepart *pt = curl_mime_addpart(m);
			curl_mime_name(pt, fields[i][0]);
			curl_mime_data(pt, fields[i][1], CURL_ZERO_TERMINATED);
		}
		curl_mimepart *pt = curl_mime_addpart(m);
		curl_mime_name(pt, "recipients_file");
		curl_mime_filename(pt, "名单.csv");
		curl_mime_data(pt, csv, sizeof csv - 1);
		pt = curl_mime_addpart(m);
		curl_mime_name(pt, "attachment");
		curl_mime_filename(pt, round ? "发放凭证.pdf" : "fake.pdf");
		if (round)
			curl_mime_data(pt, pdf, sizeof pdf - 1);
		else
			curl_mime_data(pt, "just text", CURL_ZERO_TERMINATED);
		curl_easy_setopt(w, CURLOPT_MIMEPOST, m);
		char url[256];
		snprintf(url, sizeof url, "%s/c/xingfuli/admin/board/new", at);
		buf_init(&r.body, 1 << 20);
		buf_init(&r.head, 1 << 16);
		curl_easy_setopt(w, CURLOPT_URL, url);
		curl_easy_setopt(w, CURLOPT_WRITEDATA, &r.body);
		curl_easy_setopt(w, CURLOPT_HEADERDATA, &r.head);
		assert_int_equal(curl_easy_perform(w), CURLE_OK);
		curl_easy_getinfo(w, CURLINFO_RESPONSE_CODE, &r.status);
		buf_putc(&r.body, 0);
		buf_putc(&r.head, 0);
		curl_easy_setopt(w, CURLOPT_MIMEPOST, NULL);
		curl_mime_free(m);
		if (!round) {
			assert_int_equal(r.status, 422);
			assert_true(has(&r, "只接受 PDF、PNG、JPEG"));
		} else {
			assert_int_equal(r.status, 303);
		}
		done(&r);
	}
	free(tok);
	int64_t id = post_titled("上传测试");
	assert_true(id > 0);
	assert_int_equal(post_titled("坏附件"), 0); /* the refused upload stored nothing */
	char ids[24];
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_recipient WHERE community_id = " XFL
				" AND post_id = CAST(? AS BIGINT) AND name_masked = '张*' AND household_size = 2 AND amount_fen = 30000",
				ids, NULL),
			 1);
	char p[96], f[128];
	snprintf(p, sizeof p, "/c/xingfuli/board/%lld", (long long)id);
	snprintf(f, sizeof f, "%s/file/1", p);
	/* A draft's file is staff's only, and no shared cache may keep it. */
	request(w, f, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "cache-control: private, no-store"));
	assert_false(has_header(&r, "immutable"));
	done(&r);
	CURL *d = submit_and_publish(w, id);
	request(d, p, NULL, NULL, &r);
	assert_true(has(&r, "发放凭证.pdf"));
	assert_true(has(&r, "张*")); /* the CSV's 张三, masked */
	done(&r);
	CURL *anon = client();
	request(anon, f, NULL, NULL, &r); /* once published, public and immutable */
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "cache-control: public, max-age=31536000, immutable"));
	done(&r);
	curl_easy_cleanup(anon);
	request(d, f, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "content-type: application/pdf"));
	assert_true(has_header(&r, "filename*=UTF-8''%E5%8F%91"));
	assert_int_equal(r.body.len - 1, sizeof pdf - 1);
	assert_memory_equal(r.body.data, pdf, sizeof pdf - 1);
	done(&r);
	/* The file's hash is in the public record. */
	int64_t leaf = db_int("SELECT leaf_index FROM disclosure_post WHERE community_id = " XFL " AND title = '上传测试'", NULL, NULL);
	unsigned char h[32];
	char hex[65];
	crypto_hash_sha256(h, (const unsigned char *)pdf, sizeof pdf - 1);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	char like[128];
	snprintf(like, sizeof like, "%%\"sha256\":\"%s\"%%", hex);
	char idx[24];
	snprintf(idx, sizeof idx, "%lld", (long long)leaf);
	assert_int_equal(db_int("SELECT COUNT(*) FROM tlog_leaf WHERE community_id = " XFL
				" AND idx = CAST(?2 AS BIGINT) AND data LIKE ?1",
				like, idx),
			 1);
	curl_easy_cleanup(w);
	curl_easy_cleanup(d);
}

static void poster_pdf_opens_and_holds_the_title(void **state)
{
	(void)state;
	int64_t id = post_titled("%新增最低生活保障对象公示");
	char path[128], file[512];
	snprintf(path, sizeof path, "/c/xingfuli/board/%lld/poster.pdf?paper=a3", (long long)id);
	CURL *c = client();
	struct resp r;
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "content-type: application/pdf"));
	assert_memory_equal(r.body.data, "%PDF-", 5);
	snprintf(file, sizeof file, "%s/poster.pdf", dir);
	FILE *f = fopen(file, "wb");
	assert_non_null(f);
	fwrite(r.body.data, 1, r.body.len - 1, f);
	fclose(f);
	done(&r);
	assert_int_equal(run_status("pdftotext %s %s/poster.txt", file, dir), 0);
	assert_int_equal(run_status("grep -q '新增最低生活保障对象公示' %s/poster.txt", dir), 0);
	assert_int_equal(run_status("grep -q '张\\*丰' %s/poster.txt", dir), 0);	  /* masked */
	assert_int_equal(run_status("grep -q '张三丰' %s/poster.txt", dir), 1);	  /* never in full */
	assert_int_equal(run_status("grep -q '检查点根哈希前缀' %s/poster.txt", dir), 0);
	request(c, "/c/xingfuli/board/poster.pdf", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	request(c, "/c/xingfuli/board/poster.pdf?paper=b5", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	curl_easy_cleanup(c);
}

/* The whole of a small file (maps, logs), NUL-terminated; NULL if unreadable. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b, 16 << 20);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	buf_putc(&b, 0);
	return b.err ? NULL : b.data;
}

/* 1 if the server process pid has any of the poster renderer's libraries
 * or fonts mapped (libqrencode is not one: pages draw QR codes as SVG). */
static int maps_renderer(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
	char *maps = slurp(path);
	assert_non_null(maps);
	static const char *const names[] = {"libcairo", "libpango", "libfontconfig", "libfreetype", "libharfbuzz",
					    "NotoSansCJK", "fontconfig/"};
	int found = 0;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strstr(maps, names[i])) {
			fprintf(stderr, "server %d maps %s\n", (int)pid, names[i]);
			found = 1;
		}
	free(maps);
	return found;
}

static void poster_is_the_same_bytes_twice_and_the_server_maps_no_renderer(void **state)
{
	(void)state;
	int64_t id = post_titled("%新增最低生活保障对象公示");
	char path[128];
	snprintf(path, sizeof path, "/c/xingfuli/board/%lld/poster.pdf?paper=a3", (long long)id);
	CURL *c = client();
	struct resp r1, r2;
	request(c, path, NULL, NULL, &r1);
	request(c, "/c/xingfuli/board/poster.pdf", NULL, NULL, &r2);
	assert_int_equal(r2.status, 200);
	done(&r2);
	sleep(1); /* a clock in the bytes would show */
	request(c, path, NULL, NULL, &r2);
	assert_int_equal(r1.status, 200);
	assert_int_equal(r2.status, 200);
	assert_int_equal(r2.body.len, r1.body.len);
	assert_memory_equal(r2.body.data, r1.body.data, r1.body.len);
	/* Dated by the newest checkpoint, in the PDF's metadata too. */
	int64_t signed_at = db_int("SELECT created_at FROM tlog_checkpoint WHERE community_id = " XFL
				   " ORDER BY size DESC LIMIT 1",
				   NULL, NULL);
	time_t t = (time_t)signed_at;
	struct tm tm;
	gmtime_r(&t, &tm);
	char date[64];
	strftime(date, sizeof date, "/CreationDate (%Y%m%d%H%M%SZ)", &tm);
	assert_non_null(memmem(r1.body.data, r1.body.len, date, strlen(date)));
	done(&r1);
	done(&r2);
	curl_easy_cleanup(c);
	/* Rendered in a helper process: the server never loaded cairo, pango,
	 * fontconfig or the fonts. */
	assert_false(maps_renderer(server));
	if (server2)
		assert_false(maps_renderer(server2));
}

/* Installs a stand-in for shequ-poster in folder: a shell script. */
static void fake_helper(const char *folder, const char *script)
{
	char path[600];
	snprintf(path, sizeof path, "%s/shequ-poster", folder);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n%s\n", script);
	fclose(f);
	assert_int_equal(chmod(path, 0700), 0);
}

/* A poster request that fails in the helper: a 500 error page (no byte of
 * the helper's output) and the cause in the server's log. */
static void poster_fails_with(const char *path, const char *log, const char *cause)
{
	CURL *c = client();
	struct resp r;
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 500);
	assert_true(has_header(&r, "content-type: text/html"));
	assert_false(has_header(&r, "content-disposition"));
	assert_null(memmem(r.body.data, r.body.len, "%PDF", 4));
	assert_null(memmem(r.body.data, r.body.len, "garbage", 7));
	assert_true(has(&r, "</html>"));
	done(&r);
	curl_easy_cleanup(c);
	int logged = run_status("grep -qF '%s' %s", cause, log);
	if (logged)
		run_status("cat %s >&2", log);
	assert_int_equal(logged, 0);
}

/* A server (one event loop) that runs the shequ-poster of helper_folder,
 * logging to helper_log; its requests go there until the teardown. */
static char helper_folder[400], helper_log[400], helper_url[64];
static pid_t helper_server;

static int start_helper_server(void **state)
{
	(void)state;
	snprintf(helper_folder, sizeof helper_folder, "%s/helpers", dir);
	snprintf(helper_log, sizeof helper_log, "%s/helpers.log", dir);
	if (mkdir(helper_folder, 0700) < 0)
		return -1;
	/* One event loop: a poster that blocked it would hold up every other request. */
	setenv("SHEQU_HELPER_DIR", helper_folder, 1);
	setenv("SHEQU_TEST_SERVER_LOG", helper_log, 1);
	const char *const one_loop[] = {"--threads", "1", NULL};
	helper_server = start_extra_server(helper_url, one_loop);
	unsetenv("SHEQU_HELPER_DIR");
	unsetenv("SHEQU_TEST_SERVER_LOG");
	at = helper_url;
	return helper_server > 0 ? 0 : -1;
}

static int stop_helper_server(void **state)
{
	(void)state;
	at = base;
	return helper_server > 0 ? stop_extra_server(helper_server) : 0;
}

static void poster_helper_failures_answer_500_with_the_cause_logged(void **state)
{
	(void)state;
	const char *folder = helper_folder, *log = helper_log, *url = helper_url;
	const char *poster = "/c/xingfuli/board/poster.pdf";

	fake_helper(folder, "cat >/dev/null; echo garbage");
	poster_fails_with(poster, log, "shequ-poster wrote no whole PDF (8 bytes)");
	/* Killed halfway through a PDF. */
	fake_helper(folder, "cat >/dev/null; printf '%%PDF-1.5 garbage'; kill -9 $$");
	poster_fails_with(poster, log, "500 GET /c/xingfuli/board/poster.pdf request=");
	poster_fails_with(poster, log, "shequ-poster was killed by signal 9");
	/* A PDF without its end. */
	fake_helper(folder, "cat >/dev/null; printf '%%PDF-1.5\\n1 0 obj garbage\\n'");
	poster_fails_with(poster, log, "shequ-poster wrote no whole PDF (25 bytes)");
	/* What it says on stderr goes into the log line. */
	fake_helper(folder, "cat >/dev/null; echo 'shequ-poster: not a poster description of version 1' >&2; exit 1");
	poster_fails_with(poster, log, "shequ-poster exited with status 1: shequ-poster: not a poster description of version 1");
	char missing[600];
	snprintf(missing, sizeof missing, "cannot start %s/shequ-poster: No such file or directory", folder);
	run("rm %s/shequ-poster", folder);
	poster_fails_with(poster, log, missing);

	/* A slow poster runs beside the event loop: the board page is answered meanwhile. */
	char real[600], script[800], out[500];
	snprintf(real, sizeof real, "%s", shequ);
	*strrchr(real, '/') = 0;
	snprintf(script, sizeof script, "sleep 3; exec %s/shequ-poster", real);
	fake_helper(folder, script);
	snprintf(out, sizeof out, "%s/slow", dir);
	run("curl -s -o %s.pdf -w '%%{http_code}' %s%s > %s.code 2>&1 &", out, url, poster, out);
	usleep(500000);
	CURL *c = client();
	struct resp r;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	request(c, "/c/xingfuli/board/", NULL, NULL, &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(r.status, 200);
	done(&r);
	curl_easy_cleanup(c);
	double waited = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(waited < 1.5);
	/* ... and the slow poster still arrives whole. */
	assert_int_equal(run_status("for i in $(seq 100); do grep -q 200 %s.code 2>/dev/null && break; sleep 0.1; done; "
				    "grep -q 200 %s.code && head -c 5 %s.pdf | grep -q '%%PDF-'",
				    out, out, out),
			 0);
}

static void verify_passes_then_finds_tampering(void **state)
{
	(void)state;
	char out[512];
	snprintf(out, sizeof out, "%s/verify.out", dir);
	assert_int_equal(run_status("%s verify --db '%s' > %s 2>&1", shequ, dbpath, out), 0);
	assert_int_equal(run_status("grep -q 'all public records check out' %s", out), 0);
	assert_int_equal(run_status("%s verify --url %s/c/xingfuli/ > %s 2>&1", shequ, at, out), 0);
	assert_int_equal(run_status("grep -q 'signature ✓' %s", out), 0);
	/* Change one stored byte of record 2. */
	assert_int_equal(db_exec1("UPDATE tlog_leaf SET data = REPLACE(data, '\"type\":\"publish\"', '\"type\":\"publisH\"')"
				  " WHERE community_id = " XFL " AND idx = 2"),
			 0);
	assert_int_equal(run_status("%s verify --db '%s' --community xingfuli > %s 2>&1", shequ, dbpath, out), 1);
	assert_int_equal(run_status("grep -q 'record 2: its text does not hash' %s", out), 0);
	assert_int_equal(run_status("%s verify --url %s/c/xingfuli/ > %s 2>&1", shequ, at, out), 1);
	assert_int_equal(run_status("grep -q 'DOES NOT MATCH' %s", out), 0);
	/* Changed attachment bytes are caught. */
	assert_int_equal(db_exec1("UPDATE disclosure_file SET data = data || data WHERE community_id = " XFL), 0);
	assert_int_equal(run_status("%s verify --db '%s' --community xingfuli > %s 2>&1", shequ, dbpath, out), 1);
	assert_int_equal(run_status("grep -q 'was changed: its bytes no longer hash' %s", out), 0);
	/* A masked projection put back in full is caught, naming the post. */
	char want[96];
	int64_t dibao = post_titled("%新增最低生活保障对象公示");
	assert_int_equal(db_exec1("UPDATE disclosure_recipient SET name_masked = '张三丰' WHERE community_id = " XFL
				  " AND name_masked = '张*丰'"),
			 0);
	assert_int_equal(run_status("%s verify --db '%s' --community xingfuli > %s 2>&1", shequ, dbpath, out), 1);
	snprintf(want, sizeof want, "post %lld differs from public record", (long long)dibao);
	assert_int_equal(run_status("grep -q '%s' %s", want, out), 0);
	/* A changed post row is caught too, naming the post. */
	assert_int_equal(db_exec1("UPDATE disclosure_post SET body = body || '!' WHERE community_id = (SELECT id FROM org_unit WHERE slug = 'heping') AND id = 1"), 0);
	assert_int_equal(run_status("%s verify --db '%s' --community heping > %s 2>&1", shequ, dbpath, out), 1);
	assert_int_equal(run_status("grep -q 'post 1 differs from public record' %s", out), 0);
}

/* A record appended through the log service by a module this deployment
 * does not have: the log itself checks out from outside, and verify from
 * the database names the record that nothing can check. */
static void verify_names_a_record_type_no_module_registers(void **state)
{
	(void)state;
	char out[512], want[160], err[256];
	snprintf(out, sizeof out, "%s/verify.out", dir);
	assert_int_equal(run_status("%s verify --db '%s' --community cuizhu > %s 2>&1", shequ, dbpath, out), 0);
	int64_t size = log_size("cuizhu"), leaf = -1;
	struct db *db;
	struct arena a;
	arena_init(&a, 1 << 20);
	assert_int_equal(db_open(dbpath, &db, err, sizeof err), 0);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(tlog_store_append(db, &a, db_int("SELECT id FROM org_unit WHERE slug = 'cuizhu'", NULL, NULL),
					   "cuizhu",
					   "{\"community\":\"cuizhu\",\"month\":\"2026-11\",\"total_fen\":120000,"
					   "\"type\":\"ledger_statement\"}",
					   time(NULL), &leaf),
			 0);
	assert_int_equal(db_commit(db), 0);
	db_close(db);
	arena_free(&a);
	assert_int_equal(leaf, size);
	assert_int_equal(log_size("cuizhu"), size + 1);
	assert_int_equal(run_status("%s verify --db '%s' --community cuizhu > %s 2>&1", shequ, dbpath, out), 1);
	snprintf(want, sizeof want, "record %lld is of type \"ledger_statement\", which no module registers",
		 (long long)leaf);
	assert_int_equal(run_status("grep -qF '%s' %s", want, out), 0);
	/* That problem and nothing else: its line and the community's summary. */
	assert_int_equal(run_status("grep -c '✕' %s | grep -qx 2", out), 0);
	assert_int_equal(run_status("%s verify --url %s/c/cuizhu/ > %s 2>&1", shequ, at, out), 0);
	assert_int_equal(run_status("grep -q 'signature ✓' %s", out), 0);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_board PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	if (sodium_init() < 0)
		return 1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(board_shows_posts_and_open_notice),
	    cmocka_unit_test(two_person_rule_and_publishing),
	    cmocka_unit_test(without_the_two_person_rule_the_author_publishes),
	    cmocka_unit_test(correction_keeps_the_old_version),
	    cmocka_unit_test(withdrawal_is_a_public_record),
	    cmocka_unit_test(lists_show_corrections_withdrawals_and_last_publication),
	    cmocka_unit_test(lists_are_masked_and_full_views_audited),
	    cmocka_unit_test(personal_data_is_sealed_at_rest),
	    cmocka_unit_test(objections_only_during_the_notice_period),
	    cmocka_unit_test(opinions_are_answered_in_public),
	    cmocka_unit_test(supervisor_cosigns_the_checkpoint),
	    cmocka_unit_test(proofs_verify_against_the_signed_checkpoint),
	    cmocka_unit_test(catalogue_items_are_added_edited_and_retired),
	    cmocka_unit_test(street_admin_sees_due_across_communities),
	    cmocka_unit_test(poster_pdf_opens_and_holds_the_title),
	    cmocka_unit_test(poster_is_the_same_bytes_twice_and_the_server_maps_no_renderer),
	    cmocka_unit_test_setup_teardown(poster_helper_failures_answer_500_with_the_cause_logged, start_helper_server,
					    stop_helper_server),
	    cmocka_unit_test(attachments_and_csv_lists_are_uploaded),
	    cmocka_unit_test(verify_passes_then_finds_tampering),
	    cmocka_unit_test(verify_names_a_record_type_no_module_registers),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
