/* End-to-end: the ledger's import page (SQLite, and PostgreSQL under
 * tests/pg/with-postgres.sh): the page lists the columns and serves the
 * templates; pasted rows with mistakes are listed by line, kept in the
 * box, and nothing is imported; a file is checked and then imported,
 * awaiting another staff member's approval, audited; only the
 * community's staff may import. */
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
#define IMPORT "/c/xingfuli/admin/ledger/import"

static char today[32];

/* Entries of 幸福里 whose voucher starts with prefix. */
static int64_t vouchers(const char *prefix)
{
	char like[64];
	snprintf(like, sizeof like, "%s%%", prefix);
	return db_int("SELECT COUNT(*) FROM ledger_entry WHERE community_id = " XFL " AND voucher_no LIKE ?", like,
	              NULL);
}

static void the_page_lists_the_columns_and_serves_templates(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	request(w, IMPORT, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "导入收支凭证"));
	assert_true(has(&r, "凭证编号")); /* another name of 凭证号 */
	assert_true(has(&r, "只检查,不导入"));
	done(&r);
	request(w, IMPORT "/template.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "日期,收支,类别,金额,对方单位或个人,凭证号,摘要"));
	done(&r);
	request(w, IMPORT "/template.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body.data, "PK\3\4", 4);
	done(&r);
	request(w, "/c/xingfuli/admin/ledger/", NULL, NULL, &r);
	assert_true(has(&r, "/c/xingfuli/admin/ledger/import"));
	done(&r);
	curl_easy_cleanup(w);
}

static void pasted_rows_with_mistakes_are_listed_and_kept(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	char text[1024];
	snprintf(text, sizeof text,
	         "日期,收支,类别,金额,凭证号,摘要\n"
	         "%s,支出,办公经费,12.50,HP-1,胶水\n"
	         "%s,支出,办公经费,12.505,HP-2,三位小数\n"
	         "%s,支出,没有的类别,1,HP-3,类别不对\n",
	         today, today, today);
	const char *fields[] = {"text", text, NULL};
	struct resp r;
	assert_int_equal(post_upload(w, IMPORT, IMPORT, fields, NULL, NULL, NULL, 0, &r), 422);
	assert_true(has(&r, "有 2 行有问题,没有导入任何数据"));
	assert_true(has(&r, "第 3 行"));
	assert_true(has(&r, "第 4 行"));
	assert_false(has(&r, "第 2 行"));
	assert_true(has(&r, "没有“没有的类别”这个类别"));
	assert_true(has(&r, "HP-3,类别不对")); /* the pasted text, kept in the box */
	done(&r);
	assert_int_equal(vouchers("HP-"), 0);
	/* nothing given at all */
	const char *none[] = {"text", "", NULL};
	assert_int_equal(post_upload(w, IMPORT, IMPORT, none, NULL, NULL, NULL, 0, &r), 422);
	assert_true(has(&r, "请选择要导入的文件"));
	done(&r);
	curl_easy_cleanup(w);
}

static void a_file_is_checked_then_imported_for_another_to_approve(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	char csv[1024];
	int n = snprintf(csv, sizeof csv,
	                 "\xEF\xBB\xBF日期,收支,类别,金额,对方单位或个人,凭证号,摘要\r\n"
	                 "%s,收入,社会捐赠,800,爱心企业,HF-1,捐赠款\r\n"
	                 "%s,支出,活动经费,\"1,200.00\",演出队,HF-2,文艺演出\r\n",
	                 today, today);
	const char *check[] = {"check", "1", NULL};
	int audits = audit_count("ledger.import");
	struct resp r;
	assert_int_equal(post_upload(w, IMPORT, IMPORT, check, "file", "收支.csv", csv, (size_t)n, &r), 200);
	assert_true(has(&r, "检查通过:2 张凭证"));
	assert_true(has(&r, "¥1,200.00"));
	/* the file's rows are in the box, and one step imports them */
	assert_true(has(&r, "文件的内容已放入下方的框中"));
	assert_true(has(&r, "HF-2,文艺演出"));
	assert_true(has(&r, "导入这 2 张凭证"));
	assert_true(has(&r, "<summary>看看将导入的凭证</summary>"));
	assert_true(has(&r, "<td data-label=\"摘要\">文艺演出</td>"));
	done(&r);
	assert_int_equal(vouchers("HF-"), 0);
	assert_int_equal(post_upload(w, IMPORT, IMPORT, NULL, "file", "收支.csv", csv, (size_t)n, &r), 303);
	assert_true(has_header(&r, "imported=2"));
	done(&r);
	assert_int_equal(vouchers("HF-"), 2);
	assert_int_equal(audit_count("ledger.import"), audits + 1);
	request(w, IMPORT "?imported=2", NULL, NULL, &r);
	assert_true(has(&r, "已导入 2 张凭证"));
	done(&r);
	/* awaiting approval: not by the importer, by another */
	int64_t id = db_int("SELECT id FROM ledger_entry WHERE community_id = " XFL " AND voucher_no = ?", "HF-1", NULL);
	assert_int_equal(db_int("SELECT COUNT(*) FROM ledger_entry WHERE community_id = " XFL
	                        " AND voucher_no LIKE 'HF-%' AND approved_at IS NULL AND source = 'import'",
	                        NULL, NULL),
	                 2);
	char page[128], act[160];
	snprintf(page, sizeof page, "/c/xingfuli/admin/ledger/entries/%lld", (long long)id);
	snprintf(act, sizeof act, "%s/approve", page);
	request(w, page, NULL, NULL, &r);
	assert_true(has(&r, "须由另一名工作人员审核"));
	done(&r);
	CURL *z = logged_in("zhoulx");
	assert_int_equal(post_form(z, page, act, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM ledger_entry WHERE community_id = " XFL
	                        " AND voucher_no = ? AND approved_at IS NOT NULL", "HF-1", NULL),
	                 1);
	curl_easy_cleanup(z);
	/* the same file again: its vouchers are taken */
	assert_int_equal(post_upload(w, IMPORT, IMPORT, NULL, "file", "收支.csv", csv, (size_t)n, &r), 422);
	assert_true(has(&r, "已经用过"));
	done(&r);
	assert_int_equal(vouchers("HF-"), 2);
	curl_easy_cleanup(w);
}

static void an_import_made_by_mistake_is_taken_back(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	char text[512];
	snprintf(text, sizeof text, "日期,类别,金额,凭证号,摘要\n%s,办公经费,5,HW-1,错的\n%s,办公经费,6,HW-2,错的\n", today,
	         today);
	const char *fields[] = {"text", text, NULL};
	struct resp r;
	assert_int_equal(post_upload(w, IMPORT, IMPORT, fields, NULL, NULL, NULL, 0, &r), 303);
	const char *loc = strcasestr(r.head.data, "\nlocation: ");
	assert_non_null(loc);
	char page[300];
	assert_int_equal(sscanf(loc + 11, "%299[^\r\n]", page), 1);
	assert_non_null(strstr(page, "&at="));
	done(&r);
	assert_int_equal(vouchers("HW-"), 2);
	request(w, page, NULL, NULL, &r);
	assert_true(has(&r, "撤回这次导入(2 张未审核)"));
	done(&r);
	int audits = audit_count("ledger.import_withdraw");
	const char *path = strstr(page, "/c/");
	assert_int_equal(post_form(w, path, IMPORT "/withdraw", &r, "%s", strstr(page, "&by=") + 1), 303);
	assert_true(has_header(&r, "withdrawn=2"));
	done(&r);
	assert_int_equal(vouchers("HW-"), 0);
	assert_int_equal(audit_count("ledger.import_withdraw"), audits + 1);
	request(w, IMPORT "?withdrawn=2", NULL, NULL, &r);
	assert_true(has(&r, "已撤回 2 张导入的凭证"));
	done(&r);
	curl_easy_cleanup(w);
}

static void only_the_communitys_staff_may_import(void **state)
{
	(void)state;
	const char *users[] = {"zhangsan", "jiandu", "lihong", NULL};
	for (int u = 0; u <= 3; u++) {
		CURL *c = users[u] ? logged_in(users[u]) : client();
		const char *paths[] = {IMPORT, IMPORT "/template.csv"};
		for (size_t i = 0; i < 2; i++) {
			struct resp r;
			request(c, paths[i], NULL, NULL, &r);
			if (r.status != 403 && r.status != 303 && r.status != 401)
				fail_msg("%s got %ld for %s", users[u] ? users[u] : "a visitor", r.status, paths[i]);
			done(&r);
		}
		curl_easy_cleanup(c);
	}
	/* a POST from the other community's staff, with their own valid token (from a page they may
	 * open), is refused for the role, and nothing is written */
	CURL *l = logged_in("lihong");
	struct resp r;
	int64_t before = vouchers("LH-");
	assert_int_equal(post_form(l, "/account/password", IMPORT, &r,
	                           "text=%%E6%%97%%A5%%E6%%9C%%9F%%2C%%E7%%B1%%BB%%E5%%88%%AB%%2C%%E9%%87%%91%%E9%%A2%%9D"
	                           "%%2C%%E5%%87%%AD%%E8%%AF%%81%%E5%%8F%%B7%%2C%%E6%%91%%98%%E8%%A6%%81%%0A%s%%2C"
	                           "%%E5%%8A%%9E%%E5%%85%%AC%%E7%%BB%%8F%%E8%%B4%%B9%%2C1%%2CLH-1%%2Cx",
	                           today),
	                 403);
	done(&r);
	assert_int_equal(vouchers("LH-"), before);
	curl_easy_cleanup(l);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_ledger_import_http SHEQU_BINARY\n");
		return 2;
	}
	shequ = argv[1];
	time_t t = time(NULL) + 8 * 3600; /* China time */
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(the_page_lists_the_columns_and_serves_templates),
	    cmocka_unit_test(pasted_rows_with_mistakes_are_listed_and_kept),
	    cmocka_unit_test(a_file_is_checked_then_imported_for_another_to_approve),
	    cmocka_unit_test(an_import_made_by_mistake_is_taken_back),
	    cmocka_unit_test(only_the_communitys_staff_may_import),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc;
}
