/* End-to-end: the ledger's staff pages (SQLite, and PostgreSQL under
 * tests/pg/with-postgres.sh): one staff member enters an entry and cannot
 * approve it, the other approves; a voucher number taken shows beside its
 * field with what was typed kept; a reversal nets out; a closed month
 * refuses; residents, supervisors, visitors and other communities' staff
 * get no ledger page; the CSV export and the API hold the rows; the
 * workbench shows the cards; voucher scans are uploaded, opened (audited)
 * and removed by staff of the community only. */
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
#define L "/c/xingfuli/admin/ledger/"
#define NEW L "entries/new"

static char today[32], last_month[32], last_period[32];

static const char *path_of(const char *fmt, int64_t id)
{
	static char p[32][256];
	static int k;
	char *o = p[k++ % 32];
	snprintf(o, 256, fmt, (long long)id);
	return o;
}

/* The id of a category of 幸福里 by name. */
static int64_t category(const char *name)
{
	return db_int("SELECT id FROM ledger_category WHERE community_id = " XFL " AND name = ?", name, NULL);
}

static int64_t entry_by_voucher(const char *voucher)
{
	return db_int("SELECT id FROM ledger_entry WHERE community_id = " XFL " AND voucher_no = ?", voucher,
	              NULL);
}

/* Enters an entry through the form as c: the status of the answer. */
static long enter(CURL *c, struct resp *r, const char *date, const char *kind, const char *cat,
                  const char *amount, const char *voucher, const char *purpose)
{
	return post_form(c, NEW, NEW, r,
	                 "date=%s&kind=%s&category=%lld&amount=%s&counterparty=%s&voucher_no=%s&purpose=%s",
	                 date, kind, (long long)category(cat), amount, enc("街道办事处"), enc(voucher),
	                 enc(purpose));
}

static long approve(CURL *c, int64_t id, struct resp *r)
{
	const char *page = path_of(L "entries/%lld", id);
	return post_form(c, page, path_of(L "entries/%lld/approve", id), r, "x=1");
}

static void one_enters_the_other_approves(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *z = logged_in("zhoulx");
	struct resp r;
	request(w, NEW, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, today));
	assert_true(has(&r, "<optgroup label=\"收入\">"));
	done(&r);
	int64_t audits = audit_count("ledger.entry_add");
	assert_int_equal(
	    enter(w, &r, last_month, "income", "上级拨款/工作经费", "1234.56", "T-001", "街道拨付工作经费"),
	    303);
	done(&r);
	assert_int_equal(audit_count("ledger.entry_add"), audits + 1);
	int64_t id = entry_by_voucher("T-001");
	assert_true(id > 0);
	/* awaiting approval: the list's pending filter and the other's workbench have it */
	request(w, L "entries?pending=1", NULL, NULL, &r);
	assert_true(has(&r, "T-001"));
	assert_true(has(&r, "待审核"));
	assert_true(has(&r, "¥1,234.56"));
	done(&r);
	request(z, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "待审核凭证"));
	done(&r);
	/* its enterer cannot approve it */
	assert_int_equal(approve(w, id, &r), 422);
	assert_true(has(&r, "不能由您审核"));
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM ledger_entry WHERE id = ? AND approved_at IS NULL",
	                        path_of("%lld", id), NULL),
	                 1);
	assert_int_equal(approve(z, id, &r), 303);
	done(&r);
	assert_int_equal(audit_count("ledger.entry_approve"), 1);
	request(w, path_of(L "entries/%lld", id), NULL, NULL, &r);
	assert_true(has(&r, "已审核"));
	assert_true(has(&r, "冲销原因") || has(&r, "冲销"));
	done(&r);
	request(w, L, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "当前余额 <strong class=\"num\">¥1,234.56</strong>"));
	/* every ledger page is a link away from the overview */
	assert_true(has(&r, "href=\"/c/xingfuli/admin/ledger/statements/\""));
	assert_true(has(&r, "href=\"/c/xingfuli/admin/ledger/dues/\""));
	done(&r);
	curl_easy_cleanup(w);
	curl_easy_cleanup(z);
}

static void a_voucher_clash_shows_beside_its_field(void **state)
{
	(void)state;
	CURL *z = logged_in("zhoulx");
	struct resp r;
	assert_int_equal(enter(z, &r, last_month, "expense", "办公经费", "88.80", "T-001", "购买打印纸"),
	                 422);
	assert_true(has(&r, "id=\"e-voucher_no\""));
	assert_true(has(&r, "已经用过"));
	assert_true(has(&r, "value=\"88.80\""));
	assert_true(has(&r, "购买打印纸"));
	done(&r);
	/* a field's own problem shows beside it too, with the rest kept */
	assert_int_equal(enter(z, &r, "2026-13-45", "expense", "办公经费", "88.80", "T-002", "购买打印纸"),
	                 422);
	assert_true(has(&r, "id=\"e-date\""));
	assert_true(has(&r, "value=\"T-002\""));
	done(&r);
	assert_int_equal(entry_by_voucher("T-002"), -1);
	curl_easy_cleanup(z);
}

static void a_reversal_nets_out(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *z = logged_in("zhoulx");
	struct resp r;
	assert_int_equal(enter(z, &r, last_month, "expense", "办公经费", "500", "T-002", "购买办公用品"),
	                 303);
	done(&r);
	int64_t id = entry_by_voucher("T-002");
	assert_int_equal(approve(w, id, &r), 303);
	done(&r);
	request(w, L, NULL, NULL, &r);
	assert_true(has(&r, "¥734.56"));
	done(&r);
	const char *page = path_of(L "entries/%lld", id);
	const char *rev = path_of(L "entries/%lld/reverse", id);
	/* a reversal without a reason: refused beside the field */
	assert_int_equal(post_form(w, page, rev, &r, "date=%s&voucher_no=T-003&reason=", today), 422);
	assert_true(has(&r, "id=\"e-reason\""));
	done(&r);
	assert_int_equal(
	    post_form(w, page, rev, &r, "date=%s&voucher_no=T-003&reason=%s", today, enc("重复报销")), 303);
	done(&r);
	int64_t rid = entry_by_voucher("T-003");
	assert_true(rid > 0);
	assert_int_equal(db_int("SELECT amount_fen FROM ledger_entry WHERE voucher_no = 'T-003'", NULL, NULL),
	                 -50000);
	/* a second reversal while the first awaits approval is refused */
	assert_int_equal(
	    post_form(w, page, rev, &r, "date=%s&voucher_no=T-004&reason=%s", today, enc("再冲")), 422);
	done(&r);
	assert_int_equal(approve(w, rid, &r), 422); /* wangjg entered it */
	done(&r);
	assert_int_equal(approve(z, rid, &r), 303);
	done(&r);
	request(w, L, NULL, NULL, &r);
	assert_true(has(&r, "当前余额 <strong class=\"num\">¥1,234.56</strong>"));
	done(&r);
	request(w, page, NULL, NULL, &r);
	assert_true(has(&r, "已冲销"));
	assert_true(has(&r, path_of("/entries/%lld\"", rid)));
	done(&r);
	request(w, path_of(L "entries/%lld", rid), NULL, NULL, &r);
	assert_true(has(&r, "冲销凭证"));
	assert_true(has(&r, "重复报销"));
	assert_true(has(&r, path_of("/entries/%lld\"", id)));
	done(&r);
	assert_int_equal(audit_count("ledger.entry_reverse"), 1);
	curl_easy_cleanup(w);
	curl_easy_cleanup(z);
}

static void a_closed_month_refuses(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *z = logged_in("zhoulx");
	struct resp r;
	/* with an entry awaiting approval the month cannot be closed */
	assert_int_equal(enter(w, &r, last_month, "expense", "活动经费", "20", "T-005", "重阳节活动"), 303);
	done(&r);
	assert_int_equal(post_form(z, L "months", L "months/close", &r, "period=%s", last_period), 422);
	assert_true(has(&r, "待审核"));
	done(&r);
	int64_t id = entry_by_voucher("T-005");
	const char *page = path_of(L "entries/%lld", id);
	assert_int_equal(post_form(w, page, path_of(L "entries/%lld/withdraw", id), &r, "x=1"), 303);
	done(&r);
	assert_int_equal(entry_by_voucher("T-005"), -1);
	request(z, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "待结账月份"));
	done(&r);
	char hidden[64];
	snprintf(hidden, sizeof hidden, "name=\"period\" value=\"%s\"", last_period);
	request(z, path_of(L "months?year=%lld", atoi(last_period)), NULL, NULL, &r);
	assert_true(has(&r, hidden)); /* the 结账 button of the next month to close */
	done(&r);
	/* this month cannot be closed before it ends */
	char this_period[8];
	snprintf(this_period, sizeof this_period, "%.7s", today);
	assert_int_equal(post_form(z, L "months", L "months/close", &r, "period=%s", this_period), 422);
	done(&r);
	assert_int_equal(post_form(z, L "months", L "months/close", &r, "period=%s", last_period), 303);
	done(&r);
	assert_int_equal(audit_count("ledger.period_close"), 1);
	request(z, path_of(L "months?year=%lld", atoi(last_period)), NULL, NULL, &r);
	assert_true(has(&r, "已结账"));
	assert_false(has(&r, hidden));
	done(&r);
	assert_int_equal(post_form(z, L "months", L "months/close", &r, "period=%s", last_period), 422);
	done(&r);
	request(z, path_of(L "months.csv?year=%lld", atoi(last_period)), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, last_period));
	assert_true(has(&r, "已结账"));
	assert_true(has(&r, "1234.56"));
	done(&r);
	/* nothing more is entered into it, said beside the date, typed input kept */
	assert_int_equal(enter(w, &r, last_month, "expense", "活动经费", "20", "T-006", "重阳节活动"), 422);
	assert_true(has(&r, "id=\"e-date\""));
	assert_true(has(&r, "已结账"));
	assert_true(has(&r, "value=\"T-006\""));
	done(&r);
	curl_easy_cleanup(w);
	curl_easy_cleanup(z);
}

static void others_get_no_ledger_page(void **state)
{
	(void)state;
	int64_t id = entry_by_voucher("T-001");
	const char *paths[] = {L,
	                       L "entries",
	                       L "entries.csv",
	                       L "entries.xlsx",
	                       NEW,
	                       path_of(L "entries/%lld", id),
	                       path_of(L "entries/%lld/edit", id),
	                       L "categories",
	                       L "months",
	                       "/api/v1/c/xingfuli/ledger/entries",
	                       path_of("/api/v1/c/xingfuli/ledger/entries/%lld", id)};
	const char *users[] = {"zhangsan", "jiandu", "lihong", NULL};
	for (int u = 0; u <= 3; u++) {
		CURL *c = users[u] ? logged_in(users[u]) : client();
		for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
			struct resp r;
			request(c, paths[i], NULL, NULL, &r);
			if (r.status != 403 && r.status != 303 && r.status != 401)
				fail_msg("%s got %ld for %s", users[u] ? users[u] : "a visitor", r.status,
				         paths[i]);
			assert_false(has(&r, "T-001"));
			done(&r);
		}
		curl_easy_cleanup(c);
	}
}

static void exports_and_api_hold_the_rows(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	request(w, L "entries.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "T-001"));
	assert_true(has(&r, "1234.56"));
	assert_true(has(&r, "T-003"));
	assert_true(has(&r, "-500.00"));
	done(&r);
	request(w, L "entries.csv?kind=income", NULL, NULL, &r);
	assert_true(has(&r, "T-001"));
	assert_false(has(&r, "T-002"));
	done(&r);
	request(w, L "entries.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(r.body.len > 100 && !memcmp(r.body.data, "PK", 2));
	done(&r);
	request(w, L "entries?month=bad", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	/* the filter bar as sent untouched: 全部 for kind and category, every row */
	request(w, L "entries?month=&year=&kind=&category=", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<option value=\"\" selected>全部</option>"));
	assert_true(has(&r, "T-001"));
	assert_true(has(&r, "T-002"));
	done(&r);
	request(w, path_of(L "entries?year=%lld", atoi(last_period)), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "T-001"));
	done(&r);
	request(w, "/api/v1/c/xingfuli/ledger/entries", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"voucher_no\":\"T-001\""));
	assert_true(has(&r, "\"amount_fen\":123456"));
	done(&r);
	request(w, path_of("/api/v1/c/xingfuli/ledger/entries/%lld", entry_by_voucher("T-003")), NULL, NULL,
	        &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"amount_fen\":-50000"));
	done(&r);
	request(w, "/api/v1/c/xingfuli/ledger/entries/999999", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	request(w, "/api/v1/openapi.json", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "/api/v1/c/{community}/ledger/entries/{id}"));
	done(&r);
	curl_easy_cleanup(w);
}

static void categories_are_added_renamed_and_retired(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	const char *page = L "categories";
	assert_int_equal(post_form(w, page, page, &r, "action=add&kind=expense&name=%s", enc("慰问支出")),
	                 303);
	done(&r);
	int64_t id = category("慰问支出");
	assert_true(id > 0);
	assert_int_equal(post_form(w, page, page, &r, "action=add&kind=expense&name=%s", enc("慰问支出")),
	                 422);
	assert_true(has(&r, "已有名为"));
	done(&r);
	assert_int_equal(
	    post_form(w, page, page, &r, "action=rename&id=%lld&name=%s", (long long)id, enc("走访慰问")),
	    303);
	done(&r);
	assert_int_equal(category("走访慰问"), id);
	assert_int_equal(post_form(w, page, page, &r, "action=retire&id=%lld", (long long)id), 303);
	done(&r);
	request(w, NEW, NULL, NULL, &r);
	assert_false(has(&r, "走访慰问"));
	done(&r);
	assert_int_equal(post_form(w, page, page, &r, "action=restore&id=%lld", (long long)id), 303);
	done(&r);
	request(w, NEW, NULL, NULL, &r);
	assert_true(has(&r, "走访慰问"));
	done(&r);
	request(w, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "财务收支"));
	done(&r);
	curl_easy_cleanup(w);
}

static void a_pending_entry_is_edited_until_approved(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *z = logged_in("zhoulx");
	struct resp r;
	assert_int_equal(enter(z, &r, today, "expense", "设施维修", "20", "T-010", "更换楼道灯泡"), 303);
	done(&r);
	int64_t id = entry_by_voucher("T-010");
	const char *edit = path_of(L "entries/%lld/edit", id);
	request(z, edit, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "value=\"¥20.00\""));
	assert_true(has(&r, "更换楼道灯泡"));
	done(&r);
	int64_t updates = audit_count("ledger.entry_update");
	assert_int_equal(post_form(z, edit, edit, &r,
	                           "date=%s&kind=expense&category=%lld&amount=25.5&voucher_no=T-010"
	                           "&purpose=%s",
	                           today, (long long)category("设施维修"), enc("更换楼道灯泡两只")),
	                 303);
	done(&r);
	assert_int_equal(audit_count("ledger.entry_update"), updates + 1);
	assert_int_equal(db_int("SELECT amount_fen FROM ledger_entry WHERE voucher_no = 'T-010'", NULL, NULL),
	                 2550);
	/* a category of the other kind is refused beside the category */
	assert_int_equal(post_form(z, edit, edit, &r,
	                           "date=%s&kind=expense&category=%lld&amount=25.5&voucher_no=T-010"
	                           "&purpose=x",
	                           today, (long long)category("社会捐赠")),
	                 422);
	assert_true(has(&r, "id=\"e-category\""));
	done(&r);
	assert_int_equal(approve(w, id, &r), 303);
	done(&r);
	request(z, edit, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	request(z, path_of(L "entries/%lld", id), NULL, NULL, &r);
	assert_false(has(&r, "/edit\""));
	assert_true(has(&r, "冲销"));
	done(&r);
	curl_easy_cleanup(w);
	curl_easy_cleanup(z);
}

/* The server on the demo database, its books emptied: these tests count
 * what they enter (the demo's year of entries is for the pages). */
static int start(void **state)
{
	static const char *const empty[] = {
	    "DELETE FROM ledger_publication", "DELETE FROM ledger_file", "DELETE FROM ledger_total",
	    "DELETE FROM ledger_entry WHERE reverses_id IS NOT NULL", "DELETE FROM ledger_entry",
	    "DELETE FROM ledger_period", "DELETE FROM ledger_book",
	};
	if (start_server(state) != 0)
		return -1;
	for (size_t i = 0; i < sizeof empty / sizeof *empty; i++)
		if (db_exec1(empty[i]) != 0)
			return -1;
	return 0;
}

/* The path of a scan of entry id under a community (rest may be ""). */
static const char *scan_path(const char *slug, int64_t id, int64_t fid, const char *rest)
{
	static char p[8][256];
	static int k;
	char *o = p[k++ % 8];
	snprintf(o, 256, "/c/%s/admin/ledger/entries/%lld/files/%lld%s", slug, (long long)id, (long long)fid, rest);
	return o;
}

static int64_t scans_of(int64_t id)
{
	return db_int("SELECT COUNT(*) FROM ledger_file WHERE community_id = " XFL " AND entry_id = ?",
	              path_of("%lld", id), NULL);
}

static void voucher_scans_are_uploaded_opened_and_kept(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg"), *z = logged_in("zhoulx");
	struct resp r;
	assert_int_equal(enter(w, &r, today, "expense", "办公经费", "88", "T-F01", "购买打印纸"), 303);
	done(&r);
	int64_t id = entry_by_voucher("T-F01");
	const char *page = path_of(L "entries/%lld", id), *action = path_of(L "entries/%lld/files", id);
	request(w, page, NULL, NULL, &r);
	assert_true(has(&r, "凭证附件"));
	assert_true(has(&r, "还没有凭证附件"));
	assert_true(has(&r, "上传凭证扫描件"));
	assert_true(has(&r, "accept=\"application/pdf,image/png,image/jpeg\" multiple"));
	assert_true(has(&r, "enctype=\"multipart/form-data\""));
	done(&r);
	/* two at once, one audit row */
	static const char png[] = "\x89PNG\r\n\x1a\nSCAN-OF-A-RECEIPT";
	static const char pdf[] = "%PDF-1.4 SCAN-OF-AN-INVOICE";
	const struct upload two[] = {{"收据.png", png, sizeof png - 1}, {"发票.pdf", pdf, sizeof pdf - 1}};
	int adds = audit_count("ledger.file_add");
	assert_int_equal(post_files(w, page, action, "files", two, 2, &r), 303);
	done(&r);
	assert_int_equal(audit_count("ledger.file_add"), adds + 1);
	assert_int_equal(scans_of(id), 2);
	int64_t f1 = db_int("SELECT MIN(id) FROM ledger_file WHERE community_id = " XFL " AND entry_id = ?",
	                    path_of("%lld", id), NULL);
	int64_t f2 = db_int("SELECT MAX(id) FROM ledger_file WHERE community_id = " XFL " AND entry_id = ?",
	                    path_of("%lld", id), NULL);
	request(w, path_of(L "entries/%lld?done=files", id), NULL, NULL, &r);
	assert_true(has(&r, "凭证附件已上传"));
	assert_true(has(&r, "收据.png"));
	assert_true(has(&r, "发票.pdf"));
	assert_true(has(&r, "(1 KB)"));
	assert_true(has(&r, scan_path("xingfuli", id, f1, "\"")));
	assert_true(has(&r, scan_path("xingfuli", id, f2, "/remove\"")));
	done(&r);
	/* the list counts them (the export's column 凭证附件数) */
	request(w, L "entries.csv?pending=1", NULL, NULL, &r);
	assert_true(has(&r, "凭证附件数"));
	assert_true(has(&r, "T-F01,支出,办公经费,88.00,街道办事处,购买打印纸,待审核,2,"));
	done(&r);
	/* opened by staff: the bytes, inline, never kept, an audit row each time */
	int views = audit_count("ledger.file_view");
	request(z, scan_path("xingfuli", id, f1, ""), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.body.len - 1, sizeof png - 1);
	assert_memory_equal(r.body.data, png, sizeof png - 1);
	assert_true(has_header(&r, "content-type: image/png"));
	assert_true(has_header(&r, "content-disposition: inline; filename*=UTF-8''%E6%94%B6%E6%8D%AE.png"));
	assert_true(has_header(&r, "cache-control: private, no-store"));
	done(&r);
	assert_int_equal(audit_count("ledger.file_view"), views + 1);
	/* the API lists them */
	request(w, path_of("/api/v1/c/xingfuli/ledger/entries/%lld", id), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"files\":[{"));
	assert_true(has(&r, "\"mime\":\"application/pdf\""));
	assert_true(has(&r, path_of("\"bytes\":%lld", (int64_t)sizeof pdf - 1)));
	done(&r);
	request(w, "/api/v1/openapi.json", NULL, NULL, &r);
	assert_true(has(&r, "凭证附件(扫描件)"));
	done(&r);
	/* a text file, or none: the entry's page again with the reason, nothing written */
	const struct upload txt[] = {{"说明.txt", "hello", 5}};
	assert_int_equal(post_files(w, page, action, "files", txt, 1, &r), 422);
	assert_true(has(&r, "<h1>凭证 T-F01</h1>"));
	assert_true(has(&r, "id=\"e-files\""));
	assert_true(has(&r, "附件“说明.txt”不是 PDF、PNG 或 JPEG 文件"));
	assert_true(has(&r, "<div id=\"error-summary\"")); /* at the top too, where the focus goes */
	done(&r);
	assert_int_equal(post_files(w, page, action, "files", NULL, 0, &r), 422);
	assert_true(has(&r, "请选择要上传的凭证扫描件"));
	done(&r);
	/* without the form's token: refused */
	request(w, action, "x=1", NULL, &r);
	assert_true(r.status == 403 || r.status == 400);
	done(&r);
	assert_int_equal(scans_of(id), 2);
	assert_int_equal(audit_count("ledger.file_add"), adds + 1);
	/* another community's staff (not at this community, nor through their
	 * own: ids are per community), a resident, a visitor */
	const struct {
		const char *user, *slug;
		long status;
	} others[] = {{"lihong", "xingfuli", 403}, {"lihong", "heping", 404}, {"zhangsan", "xingfuli", 403},
	              {NULL, "xingfuli", 303}};
	for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
		CURL *c = others[i].user ? logged_in(others[i].user) : client();
		request(c, scan_path(others[i].slug, id, f1, ""), NULL, NULL, &r);
		if (r.status != others[i].status || has(&r, "SCAN-OF"))
			fail_msg("%s at %s got %ld", others[i].user ? others[i].user : "a visitor", others[i].slug,
			         r.status);
		assert_true(others[i].user || has_header(&r, "location: /login"));
		done(&r);
		curl_easy_cleanup(c);
	}
	assert_int_equal(audit_count("ledger.file_view"), views + 1);
	/* removed while pending; once approved the evidence stays */
	assert_int_equal(post_form(w, page, scan_path("xingfuli", id, f2, "/remove"), &r, "x=1"), 303);
	done(&r);
	assert_int_equal(scans_of(id), 1);
	assert_int_equal(audit_count("ledger.file_remove"), 1);
	assert_int_equal(approve(z, id, &r), 303);
	done(&r);
	request(w, page, NULL, NULL, &r);
	assert_false(has(&r, "/remove\""));
	done(&r);
	assert_int_equal(post_form(w, page, scan_path("xingfuli", id, f1, "/remove"), &r, "x=1"), 422);
	assert_true(has(&r, "已审核,附件作为凭据保留"));
	done(&r);
	assert_int_equal(scans_of(id), 1);
	curl_easy_cleanup(w);
	curl_easy_cleanup(z);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_ledger_http SHEQU_BINARY\n");
		return 2;
	}
	shequ = argv[1];
	time_t t = time(NULL) + 8 * 3600; /* China time */
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	int y = tm.tm_year + 1900, m = tm.tm_mon; /* last month, 1-based: m (0 means December before) */
	if (m == 0) {
		y--;
		m = 12;
	}
	snprintf(last_month, sizeof last_month, "%04d-%02d-15", y, m);
	snprintf(last_period, sizeof last_period, "%.7s", last_month);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(one_enters_the_other_approves),
	    cmocka_unit_test(a_voucher_clash_shows_beside_its_field),
	    cmocka_unit_test(a_reversal_nets_out),
	    cmocka_unit_test(a_closed_month_refuses),
	    cmocka_unit_test(others_get_no_ledger_page),
	    cmocka_unit_test(exports_and_api_hold_the_rows),
	    cmocka_unit_test(categories_are_added_renamed_and_retired),
	    cmocka_unit_test(a_pending_entry_is_edited_until_approved),
	    cmocka_unit_test(voucher_scans_are_uploaded_opened_and_kept),
	};
	int rc = cmocka_run_group_tests(tests, start, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
