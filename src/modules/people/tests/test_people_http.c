/* End-to-end: the registry's staff pages over the demo data (SQLite, and
 * PostgreSQL under tests/pg/with-postgres.sh): the list, its search and
 * filters; masking on every page and export for every visitor; the full
 * view refused without a reason and audited with one (audit row, people_view,
 * no-store); the desk's form keeping what was typed; editing; the status;
 * the audited full export; CSV and XLSX exports that read back; the API. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/xlsx_read.h"
#include "harness.h"
#include "pii/pii.h"

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"
#define LIST "/c/xingfuli/admin/people/"

/* The resident the desk registers in the first test, found by the others. */
static char the_id[19], the_phone[12] = "13712345678";
static int64_t the_person;

static const char *path_of(const char *fmt, int64_t id)
{
	static char p[32][256];
	static int k;
	char *o = p[k++ % 32];
	snprintf(o, 256, fmt, (long long)id);
	return o;
}

static int64_t count(const char *sql)
{
	return db_int(sql, NULL, NULL);
}

/* 1 if the body holds a run of 17 digits and a digit or X (an ID number),
 * or of 11 digits starting with 1 (a mobile), standing alone. */
static int full_number_in(const struct resp *r)
{
	const char *s = r->body.data;
	size_t n = r->body.len;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' ||
		    (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || (s[i - 1] >= 'A' && s[i - 1] <= 'Z') ||
		               (s[i - 1] >= 'a' && s[i - 1] <= 'z'))))
			continue;
		size_t j = i;
		while (j < n && s[j] >= '0' && s[j] <= '9')
			j++;
		size_t run = j - i;
		int x = j < n && (s[j] == 'X' || s[j] == 'x');
		char after = j + x < n ? s[j + x] : ' ';
		int alone = !((after >= '0' && after <= '9') || (after >= 'A' && after <= 'Z') ||
		              (after >= 'a' && after <= 'z'));
		if (alone && ((run == 18) || (run == 17 && x) || (run == 11 && s[i] == '1')))
			return 1;
		i = j;
	}
	return 0;
}

static void desk_registers_and_keeps_input_on_errors(void **state)
{
	(void)state;
	memcpy(the_id, "11010519880315001X", 19);
	the_id[17] = pii_id_check_char(the_id);
	CURL *c = logged_in("wangjg");
	struct resp r;
	/* a wrong check character: 422, the input kept, the error beside the field */
	char bad[19];
	memcpy(bad, the_id, 19);
	bad[17] = bad[17] == '0' ? '1' : '0';
	assert_int_equal(post_form(c, LIST "new", LIST "new", &r,
	                           "name=%s&id_number=%s&phone=%s&building=%s&room=302", enc("测试居民"), bad,
	                           the_phone, enc("3号楼")),
	                 422);
	assert_true(has(&r, "测试居民"));
	assert_true(has(&r, bad));
	assert_true(has(&r, "id=\"e-id_number\""));
	assert_true(has(&r, "error-summary"));
	done(&r);
	int64_t before = count("SELECT COUNT(*) FROM people_person");
	int64_t audits = audit_count("people.create");
	assert_int_equal(
	    post_form(c, LIST "new", LIST "new", &r,
	              "name=%s&id_number=%s&phone=%s&building=%s&unit=%s&room=302&relation=%s&tags=%s",
	              enc("测试居民"), the_id, the_phone, enc("3号楼"), enc("2单元"), enc("户主"),
	              enc("独居老人、低保户")),
	    303);
	assert_true(has_header(&r, "location: /c/xingfuli/admin/people/"));
	done(&r);
	assert_int_equal(count("SELECT COUNT(*) FROM people_person"), before + 1);
	assert_int_equal(audit_count("people.create"), audits + 1);
	the_person =
	    db_int("SELECT id FROM people_person WHERE name = ? AND community_id = " XFL, "测试居民", NULL);
	assert_true(the_person > 0);
	/* the same ID again: the error names the registered resident */
	assert_int_equal(
	    post_form(c, LIST "new", LIST "new", &r, "name=%s&id_number=%s", enc("另一人"), the_id), 422);
	assert_true(has(&r, "已登记为居民 测试居民"));
	assert_true(has(&r, "另一人"));
	done(&r);
	assert_int_equal(count("SELECT COUNT(*) FROM people_person"), before + 1);
	/* the page shows the masked fields only */
	request(c, path_of(LIST "%lld", the_person), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "测试居民"));
	assert_true(has(&r, "另有 1 项敏感标签"));
	assert_false(has(&r, the_id));
	assert_false(has(&r, the_phone));
	assert_false(full_number_in(&r));
	done(&r);
	curl_easy_cleanup(c);
}

static void the_list_searches_and_filters(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, LIST, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "姓名、拼音或首字母,或完整的身份证号、手机号"));
	assert_true(has(&r, "下一页"));
	assert_true(has(&r, "people.xlsx"));
	assert_false(full_number_in(&r));
	done(&r);
	/* by the full ID number and the mobile (blind index), by pinyin and initials */
	const char *qs[] = {the_id, the_phone, "ceshi", "csj", NULL};
	for (int i = 0; qs[i]; i++) {
		char p[256];
		snprintf(p, sizeof p, LIST "?q=%s", qs[i]);
		request(c, p, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		if (!has(&r, "测试居民"))
			fail_msg("q=%s", qs[i]);
		if (i >= 2) /* a number typed in the search box is shown back to who typed it */
			assert_false(full_number_in(&r));
		done(&r);
	}
	/* by name prefix, and a tag that is sensitive (through its blind index) */
	char p[512];
	snprintf(p, sizeof p, LIST "?q=%s&tag=%s", enc("测试"), enc("低保户"));
	request(c, p, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "测试居民"));
	done(&r);
	/* the building filter lists that building only */
	int64_t b =
	    db_int("SELECT id FROM people_building WHERE name = '1号楼' AND community_id = " XFL, NULL, NULL);
	request(c, path_of(LIST "?building=%lld", b), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "1号楼"));
	assert_false(has(&r, "3号楼 "));
	done(&r);
	/* moved out */
	request(c, LIST "?status=moved_out", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "已迁出("));
	assert_false(has(&r, "data-label=\"状态\">在册<"));
	done(&r);
	request(c, LIST "?status=nonsense", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	request(c, LIST "?tag=x", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	curl_easy_cleanup(c);
}

/* Every people page and export as someone who may not see them. */
static void others_are_refused_everywhere(void **state)
{
	(void)state;
	const char *paths[] = {
	    LIST,
	    LIST "people.csv",
	    LIST "people.xlsx",
	    LIST "export-full",
	    LIST "new",
	    LIST "buildings",
	    path_of(LIST "%lld", the_person),
	    path_of(LIST "%lld/full", the_person),
	    path_of(LIST "%lld/edit", the_person),
	    path_of(LIST "%lld/status", the_person),
	    path_of(
	        LIST "households/%lld",
	        db_int("SELECT MIN(household_id) FROM people_person WHERE community_id = " XFL, NULL, NULL)),
	    "/api/v1/c/xingfuli/people",
	    path_of("/api/v1/c/xingfuli/people/%lld", the_person),
	    "/c/heping/admin/people/"};
	const char *users[] = {"zhangsan", "jiandu", "wanggw", "lihong", NULL};
	for (int u = 0; u <= 4; u++) {
		CURL *c = users[u] ? logged_in(users[u]) : client();
		for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
			if (u == 3 && i == sizeof paths / sizeof *paths - 1)
				continue; /* lihong is staff of heping */
			struct resp r;
			request(c, paths[i], NULL, NULL, &r);
			if (r.status != 403 && r.status != 404 && r.status != 303 && r.status != 401)
				fail_msg("%s got %ld for %s", users[u] ? users[u] : "a visitor", r.status,
				         paths[i]);
			assert_false(full_number_in(&r));
			assert_false(has(&r, the_id));
			done(&r);
		}
		curl_easy_cleanup(c);
	}
}

static void staff_see_masked_pages_and_exports(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	const char *paths[] = {
	    LIST,
	    LIST "?page=2",
	    LIST "?status=all",
	    LIST "buildings",
	    LIST "new",
	    LIST "export-full",
	    path_of(LIST "%lld", the_person),
	    path_of(LIST "%lld/full", the_person),
	    path_of(LIST "%lld/edit", the_person),
	    path_of(LIST "%lld/status", the_person),
	    path_of(LIST "households/%lld",
	            db_int("SELECT household_id FROM people_person WHERE id = CAST(? AS BIGINT)"
	                   " AND community_id = " XFL,
	                   path_of("%lld", the_person), NULL)),
	    LIST "people.csv",
	    LIST "people.csv?status=all",
	    "/api/v1/c/xingfuli/people",
	    "/api/v1/c/xingfuli/people?offset=50",
	    path_of("/api/v1/c/xingfuli/people/%lld", the_person),
	    "/c/xingfuli/admin/"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		struct resp r;
		request(c, paths[i], NULL, NULL, &r);
		if (r.status != 200)
			fail_msg("%ld for %s", r.status, paths[i]);
		if (full_number_in(&r))
			fail_msg("a full number in %s", paths[i]);
		done(&r);
	}
	struct resp r;
	request(c, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "人员信息"));
	assert_true(has(&r, "即将删除个人信息的居民"));
	done(&r);
	request(c, "/api/v1/openapi.json", NULL, NULL, &r);
	assert_true(has(&r, "/api/v1/c/{community}/people/{id}"));
	done(&r);
	curl_easy_cleanup(c);
}

static void the_full_view_needs_a_reason_and_is_audited(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	const char *full = path_of(LIST "%lld/full", the_person);
	int64_t audits = audit_count("people.view_full");
	int64_t views = count("SELECT COUNT(*) FROM people_view");
	assert_int_equal(post_form(c, full, full, &r, "reason="), 422);
	assert_false(has(&r, the_id));
	done(&r);
	assert_int_equal(post_form(c, full, full, &r, "reason=x"), 422);
	done(&r);
	assert_int_equal(audit_count("people.view_full"), audits);
	assert_int_equal(count("SELECT COUNT(*) FROM people_view"), views);
	assert_int_equal(post_form(c, full, full, &r, "reason=%s", enc("核对低保申请材料")), 200);
	assert_true(has(&r, the_id));
	assert_true(has(&r, the_phone));
	assert_true(has(&r, "独居老人、低保户"));
	assert_true(has_header(&r, "no-store"));
	done(&r);
	assert_int_equal(audit_count("people.view_full"), audits + 1);
	assert_int_equal(count("SELECT COUNT(*) FROM people_view"), views + 1);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM audit_log WHERE action = 'people.view_full' AND detail LIKE ?",
	           "%核对低保申请材料%", NULL),
	    1);
	/* the resident's page says who looked, and shows the masked fields again */
	request(c, path_of(LIST "%lld", the_person), NULL, NULL, &r);
	assert_true(has(&r, "核对低保申请材料"));
	assert_false(has(&r, the_id));
	done(&r);
	curl_easy_cleanup(c);
}

static void edit_round_trip(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	const char *edit = path_of(LIST "%lld/edit", the_person);
	int64_t audits = audit_count("people.view_full");
	assert_int_equal(post_form(c, edit, edit, &r, "reason="), 422);
	done(&r);
	assert_int_equal(post_form(c, edit, edit, &r, "reason=%s", enc("居民来电更正手机号")), 200);
	assert_true(has(&r, the_id));
	assert_true(has(&r, "value=\"13712345678\""));
	assert_true(has_header(&r, "no-store"));
	done(&r);
	assert_int_equal(audit_count("people.view_full"), audits + 1);
	/* a bad mobile: 422, the typed values kept */
	assert_int_equal(post_form(c, edit, edit, &r,
	                           "save=1&name=%s&id_number=%s&phone=123&building=%s&room=302",
	                           enc("测试居民"), the_id, enc("3号楼")),
	                 422);
	assert_true(has(&r, "value=\"123\""));
	assert_true(has(&r, "id=\"e-phone\""));
	done(&r);
	int64_t updates = audit_count("people.update");
	assert_int_equal(
	    post_form(c, edit, edit, &r,
	              "save=1&name=%s&id_number=%s&phone=13987654321&building=%s&unit=%s&room=302&tags=%s",
	              enc("测试居民"), the_id, enc("3号楼"), enc("2单元"), enc("独居老人")),
	    303);
	done(&r);
	assert_int_equal(audit_count("people.update"), updates + 1);
	memcpy(the_phone, "13987654321", 12);
	request(c, path_of(LIST "%lld", the_person), NULL, NULL, &r);
	assert_true(has(&r, "139****4321"));
	assert_false(has(&r, "敏感标签"));
	done(&r);
	char p[128];
	snprintf(p, sizeof p, LIST "?q=%s", the_phone);
	request(c, p, NULL, NULL, &r);
	assert_true(has(&r, "测试居民"));
	done(&r);
	curl_easy_cleanup(c);
}

static void status_change(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	const char *st = path_of(LIST "%lld/status", the_person);
	const char *idv = path_of("%lld", the_person);
	int64_t audits = audit_count("people.set_status");
	assert_int_equal(post_form(c, st, st, &r, "status=moved_out&on=2999-01-01"), 422);
	assert_true(has(&r, "id=\"e-on\""));
	done(&r);
	assert_int_equal(post_form(c, st, st, &r, "status=moved_out&on=2026-01-05"), 303);
	done(&r);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM people_person WHERE id = CAST(? AS BIGINT) AND community_id = " XFL
	           " AND status = 'moved_out' AND left_on = '2026-01-05' AND erase_after IS NOT NULL",
	           idv, NULL),
	    1);
	assert_int_equal(audit_count("people.set_status"), audits + 1);
	request(c, path_of(LIST "%lld", the_person), NULL, NULL, &r);
	assert_true(has(&r, "已迁出(2026-01-05)"));
	assert_true(has(&r, "恢复在册"));
	done(&r);
	assert_int_equal(post_form(c, st, st, &r, "status=living&on="), 303);
	done(&r);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM people_person WHERE id = CAST(? AS BIGINT) AND community_id = " XFL
	           " AND status = 'living' AND erase_after IS NULL",
	           idv, NULL),
	    1);
	assert_int_equal(audit_count("people.set_status"), audits + 2);
	curl_easy_cleanup(c);
}

static void the_full_export_is_chosen_and_audited(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	const char *page = LIST "export-full";
	int64_t audits = audit_count("people.export_full");
	char q[200];
	snprintf(q, sizeof q, "q=%s&format=csv&reason=%s", the_id, enc("报送街道低保复核名单"));
	assert_int_equal(post_form(c, page, page, &r, "%s", q), 422); /* no confirmation */
	assert_true(has(&r, "id=\"e-confirm\""));
	assert_false(has(&r, the_phone));
	done(&r);
	assert_int_equal(audit_count("people.export_full"), audits);
	assert_int_equal(post_form(c, page, page, &r, "%s&confirm=1", q), 200);
	assert_true(has(&r, the_id));
	assert_true(has(&r, the_phone));
	assert_true(has_header(&r, "no-store"));
	done(&r);
	assert_int_equal(audit_count("people.export_full"), audits + 1);
	curl_easy_cleanup(c);
}

struct read_back {
	int rows, has_name_header;
};

static int on_row(struct csv_import *imp, const struct csv_row *row, void *ctx)
{
	(void)imp;
	struct read_back *b = ctx;
	if (row->index == 0)
		b->has_name_header = !strcmp(row->fields[0], "姓名") && row->nfields == 13;
	else
		b->rows++;
	return 0;
}

static void exports_read_back(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	int64_t living =
	    count("SELECT COUNT(*) FROM people_person WHERE status = 'living' AND community_id = " XFL);
	const char *paths[] = {LIST "people.csv", LIST "people.xlsx"};
	for (int i = 0; i < 2; i++) {
		struct resp r;
		request(c, paths[i], NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		assert_false(full_number_in(&r));
		struct arena a;
		arena_init(&a, 64u << 20);
		struct read_back b = {0};
		struct csv_import imp;
		struct csv_options o = {.row = on_row, .ctx = &b};
		/* the harness ends the body with a NUL it counts */
		if (table_import_run(&imp, &a, r.body.data, r.body.len - 1, &o) != 0)
			fail_msg("%s: %s", paths[i], imp.fatal ? imp.fatal : "?");
		assert_int_equal(b.has_name_header, 1);
		assert_int_equal(b.rows, living);
		arena_free(&a);
		done(&r);
	}
	curl_easy_cleanup(c);
}

/* A community with more buildings than a choice holds: the filter takes a
 * building's name (kept with its error when none has it), a building's
 * link shows its name there, exports refuse an unknown name, and the
 * buildings page goes on over pages. */
static void many_buildings_are_typed_by_name(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	struct resp r;
	request(c, LIST, NULL, NULL, &r); /* a few: a choice */
	assert_true(has(&r, "<select id=\"f-building\""));
	assert_false(has(&r, "name=\"bname\""));
	done(&r);
	request(c, LIST "?bname=zzz", NULL, NULL, &r); /* a name typed anyway is answered by the field */
	assert_true(has(&r, "没有名为“zzz”的楼栋"));
	assert_true(has(&r, "value=\"zzz\""));
	done(&r);
	{
		char longname[512] = "/c/xingfuli/admin/people/?bname="; /* 32 + 41 × 9 bytes */
		for (int i = 0; i < 41; i++)
			strcat(longname, "%E6%A5%BC");
		request(c, longname, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		assert_true(has(&r, "楼栋名称最多 40 个字"));
		done(&r);
	}
	assert_int_equal(db_exec1("INSERT INTO people_building (community_id, id, name, sort_no, created_at) VALUES (" XFL
	                          ", 899999, '600栋', 600, 1)"),
	                 0);
	for (int i = 0; i < 130; i++) {
		char sql[300];
		snprintf(sql, sizeof sql,
		         "INSERT INTO people_building (community_id, id, name, sort_no, created_at) VALUES (" XFL
		         ", %d, '%d号楼', %d, 1)",
		         900000 + i, 500 + i, 500 + i);
		assert_int_equal(db_exec1(sql), 0);
	}
	request(c, LIST, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "name=\"bname\""));
	assert_false(has(&r, "<select id=\"f-building\""));
	assert_false(has(&r, ">629号楼<"));
	done(&r);
	char p[512];
	snprintf(p, sizeof p, LIST "?bname=%s", enc("1号楼"));
	request(c, p, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "value=\"1号楼\""));
	assert_true(has(&r, "1号楼 "));
	assert_false(has(&r, "3号楼 "));
	done(&r);
	snprintf(p, sizeof p, LIST "?bname=%s", enc("99号楼"));
	request(c, p, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "没有名为“99号楼”的楼栋"));
	assert_true(has(&r, "value=\"99号楼\""));
	assert_false(has(&r, "1号楼 "));
	done(&r);
	int64_t b =
	    db_int("SELECT id FROM people_building WHERE name = '1号楼' AND community_id = " XFL, NULL, NULL);
	request(c, path_of(LIST "?building=%lld", b), NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "value=\"1号楼\""));
	done(&r);
	/* a number alone finds the only building carrying it, and offers them when several do */
	request(c, LIST "?bname=501", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "value=\"501号楼\""));
	assert_false(has(&r, "没有名为"));
	done(&r);
	snprintf(p, sizeof p, LIST "?bname=%s", enc("600号"));
	request(c, p, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "没有名为“600号”的楼栋"));
	assert_true(has(&r, "您要找的是不是"));
	assert_true(has(&r, "bname=600%E6%A0%8B\">600栋</a>") || has(&r, ">600栋</a>"));
	assert_true(has(&r, ">600号楼</a>"));
	assert_false(has(&r, "people.csv"));
	done(&r);
	/* those with no address: the field says so */
	request(c, LIST "?building=none", NULL, NULL, &r);
	assert_true(has(&r, "value=\"未登记住址\""));
	done(&r);
	/* the last digits of a number find nobody, and the page says why */
	request(c, LIST "?q=5944", NULL, NULL, &r);
	assert_true(has(&r, "须输入完整的号码"));
	done(&r);
	snprintf(p, sizeof p, LIST "people.csv?bname=%s", enc("99号楼"));
	request(c, p, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	snprintf(p, sizeof p, "/api/v1/c/xingfuli/people?bname=%s", enc("1号楼"));
	request(c, p, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, "3号楼"));
	done(&r);
	request(c, LIST "buildings", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "page=2"));
	assert_false(has(&r, ">629号楼<"));
	done(&r);
	request(c, LIST "buildings?page=2", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, ">629号楼<"));
	assert_true(has(&r, "未划分"));
	done(&r);
	request(c, LIST "buildings?page=9", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "这一页没有楼栋了"));
	done(&r);
	curl_easy_cleanup(c);
	assert_int_equal(db_exec1("DELETE FROM people_building WHERE id >= 899999 AND community_id = " XFL), 0);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_people_http SHEQU_BINARY\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(desk_registers_and_keeps_input_on_errors),
	    cmocka_unit_test(the_list_searches_and_filters),
	    cmocka_unit_test(others_are_refused_everywhere),
	    cmocka_unit_test(staff_see_masked_pages_and_exports),
	    cmocka_unit_test(the_full_view_needs_a_reason_and_is_audited),
	    cmocka_unit_test(edit_round_trip),
	    cmocka_unit_test(status_change),
	    cmocka_unit_test(the_full_export_is_chosen_and_audited),
	    cmocka_unit_test(exports_read_back),
	    cmocka_unit_test(many_buildings_are_typed_by_name),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
