/* The import pages end to end on SQLite and (under tests/pg/with-postgres.sh)
 * PostgreSQL: a CSV in UTF-8 and in GB18030 and an XLSX uploaded, checked,
 * every bad row shown by line, nothing written until staff confirm, the
 * mapping step for a header without 姓名, one import however many confirm
 * at once, drop, the staged file sealed, the problems export, non-staff
 * refused, the workbench card, and the tick dropping abandoned files.
 * usage: test_people_import_http PATH-TO-SHEQU */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "harness.h"
#include "modules/people/people_import_web.h"
#include "pii/pii.h"

#define IMPORT "/c/xingfuli/admin/people/import"

/* Residents of xingfuli; imports of xingfuli in a state. */
static int64_t residents(void)
{
	return db_int(
	    "SELECT COUNT(*) FROM people_person p JOIN org_unit o ON o.id = p.community_id WHERE o.slug = ?",
	    "xingfuli", NULL);
}

static int64_t imports_in(const char *state)
{
	return db_int("SELECT COUNT(*) FROM people_import i JOIN org_unit o ON o.id = i.community_id"
	              " WHERE o.slug = 'xingfuli' AND i.state = ?",
	              state, NULL);
}

/* A valid 18-character ID number: area 110101, the birth date, a serial. */
static void make_id(char out[19], const char *birth8, int serial)
{
	snprintf(out, 19, "110101%s%03d", birth8, serial % 1000);
	out[17] = pii_id_check_char(out);
	out[18] = 0;
}

/* The import id in a 303's Location (…/import/ID), or -1. */
static int64_t redirected_id(const struct resp *r)
{
	const char *h = r->head.data ? strcasestr(r->head.data, "\nlocation: ") : NULL;
	const char *p = h ? strstr(h, "/admin/people/import/") : NULL;
	return p ? strtoll(p + strlen("/admin/people/import/"), NULL, 10) : -1;
}

/* Uploads data as the file named name; the status (r filled). */
static long upload(CURL *c, const char *name, const char *data, size_t len, struct resp *r)
{
	request(c, IMPORT, NULL, NULL, r);
	char tok[64];
	const char *t = csrf_from(r);
	snprintf(tok, sizeof tok, "%s", t ? t : "");
	done(r);
	curl_mime *m = curl_mime_init(c);
	curl_mimepart *p = curl_mime_addpart(m);
	curl_mime_name(p, "csrf");
	curl_mime_data(p, tok, CURL_ZERO_TERMINATED);
	p = curl_mime_addpart(m);
	curl_mime_name(p, "file");
	curl_mime_filename(p, name);
	curl_mime_data(p, data, len);
	char url[256];
	snprintf(url, sizeof url, "%s%s", at, IMPORT);
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

/* Uploads a file and returns the new import's id (the upload must be kept). */
static int64_t upload_ok(CURL *c, const char *name, const char *data, size_t len)
{
	struct resp r;
	assert_int_equal(upload(c, name, data, len, &r), 303);
	int64_t id = redirected_id(&r);
	done(&r);
	assert_true(id > 0);
	return id;
}

static void page_of(CURL *c, int64_t id, const char *rest, struct resp *r)
{
	char path[200];
	snprintf(path, sizeof path, IMPORT "/%lld%s", (long long)id, rest ? rest : "");
	request(c, path, NULL, NULL, r);
}

/* POSTs an empty form (the CSRF token from the import's page) to …/ID/what. */
static long act(CURL *c, int64_t id, const char *what, const char *fields)
{
	char page[200], action[200];
	snprintf(page, sizeof page, IMPORT "/%lld", (long long)id);
	snprintf(action, sizeof action, IMPORT "/%lld/%s", (long long)id, what);
	struct resp r;
	long st = post_form(c, page, action, &r, "%s", fields ? fields : "");
	done(&r);
	return st;
}

/* A name for a number: its digits as 甲乙丙… (names hold no digits). */
static const char *cname(int n)
{
	static const char *const d[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
	static char out[8][64];
	static int k;
	char digits[16], *o = out[k = (k + 1) % 8];
	snprintf(digits, sizeof digits, "%d", n);
	strcpy(o, "导入");
	for (char *p = digits; *p; p++)
		strcat(o, d[*p - '0']);
	return o;
}

/* n good residents named cname(N) (serials from serial0), CSV with the usual headers. */
static char *good_csv(int n, int serial0)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_puts(&b, "姓名,性别,公民身份号码,手机号码,楼栋,单元,房号,与户主关系,人员类别\r\n");
	for (int i = 0; i < n; i++) {
		char id[19];
		make_id(id, "19800101", serial0 + i);
		char line[400];
		snprintf(line, sizeof line, "%s,%s,%s,139%08d,导入%d号楼,1单元,%d,户主,独居老人\r\n",
		         cname(serial0 + i), (id[16] - '0') % 2 ? "男" : "女", id, serial0 + i,
		         90 + (serial0 + i) % 3, 100 + i);
		buf_puts(&b, line);
	}
	buf_putc(&b, 0);
	return b.data;
}

static void upload_checks_every_row_and_writes_nothing_until_confirmed(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	int64_t before = residents();
	char id1[19], id2[19];
	make_id(id1, "19700101", 11);
	make_id(id2, "19700101", 12);
	char bad_check[19];
	snprintf(bad_check, sizeof bad_check, "%s", id2);
	bad_check[17] = bad_check[17] == '0' ? '1' : '0';
	char csv[2000];
	snprintf(csv, sizeof csv,
	         "姓名,公民身份号码,手机号码\n"
	         "好人一,%s,13800000001\n" /* line 2 good */
	         "坏校验,%s,13800000002\n" /* line 3 wrong check character */
	         ",%s,13800000003\n"       /* line 4 no name */
	         "重复人,%s,13800000004\n" /* line 5 the ID of line 2 */
	         "坏手机,,12345\n",        /* line 6 a bad mobile */
	         id1, bad_check, id2, id1);
	int64_t id = upload_ok(c, "有问题.csv", csv, strlen(csv));
	assert_int_equal(residents(), before);
	struct resp r;
	page_of(c, id, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "文件共 5 行数据"));
	assert_true(has(&r, "其中 4 行有问题"));
	/* every bad row by its line, in the problems table */
	assert_true(has(&r, "<td data-label=\"行号\" class=\"num\">3</td>") || has(&r, ">3</td>"));
	assert_true(has(&r, "与第 2 行重复"));
	assert_true(has(&r, ">6</td>"));
	assert_false(has(&r, ">2</td>"));
	assert_false(has(&r, "确认导入"));
	assert_true(has(&r, "problems.xlsx"));
	done(&r);
	/* the problems as CSV: a header and one line each */
	page_of(c, id, "/problems.csv", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "行号,问题"));
	assert_true(has(&r, "\n3,"));
	assert_true(has(&r, "\n4,"));
	assert_true(has(&r, "\n5,身份证号与第 2 行重复"));
	assert_true(has(&r, "\n6,"));
	assert_false(has(&r, "\n2,"));
	done(&r);
	page_of(c, id, "/problems.xlsx", &r);
	assert_int_equal(r.status, 200);
	assert_true(r.body.len > 4 && !memcmp(r.body.data, "PK\3\4", 4));
	done(&r);
	/* confirming a file with bad rows writes nothing, and says why */
	{
		char page[200], action[200];
		snprintf(page, sizeof page, IMPORT "/%lld", (long long)id);
		snprintf(action, sizeof action, IMPORT "/%lld/commit", (long long)id);
		assert_int_equal(post_form(c, page, action, &r, "%s", ""), 303);
		assert_true(has_header(&r, "done=nothing"));
		done(&r);
	}
	assert_int_equal(residents(), before);
	page_of(c, id, NULL, &r);
	assert_true(has(&r, "有问题,未导入"));
	assert_false(has(&r, "已检查,待确认"));
	done(&r);
	curl_easy_cleanup(c);
}

/* The sealed file of an import, read straight from the database. */
static int sealed_holds(int64_t id, const char *needle, size_t *len)
{
	struct db *db;
	char err[256];
	assert_int_equal(db_open(dbpath, &db, err, sizeof err), 0);
	static struct db_query q = DB_QUERY("SELECT file_sealed FROM people_import WHERE id = ?");
	struct db_stmt *st = db_stmt(db, &q);
	assert_non_null(st);
	db_bind_int(st, 1, id);
	assert_int_equal(db_step(st), DB_ROW);
	size_t n;
	const char *blob = db_col_blob(st, 0, &n);
	int found = blob && memmem(blob, n, needle, strlen(needle)) != NULL;
	*len = blob ? n : 0;
	db_reset(st);
	db_close(db);
	return found;
}

static void a_clean_csv_imports_once_and_drops_the_file(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	int64_t before = residents();
	int audits = audit_count("people.import");
	char *csv = good_csv(3, 100);
	int64_t id = upload_ok(c, "名册.csv", csv, strlen(csv));
	/* kept sealed: the bytes of the file are not in the column */
	size_t len;
	assert_false(sealed_holds(id, cname(100), &len));
	assert_int_equal(len, strlen(csv) + PII_SEAL_OVERHEAD);
	assert_int_equal(residents(), before);
	struct resp r;
	page_of(c, id, NULL, &r);
	assert_true(has(&r, "文件共 3 行数据(UTF-8 编码),全部通过检查"));
	assert_true(has(&r, "确认导入"));
	assert_true(has(&r, "导入90号楼")); /* a building it will make */
	done(&r);
	/* the workbench counts it */
	request(c, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_true(has(&r, "待确认的居民导入"));
	done(&r);
	assert_int_equal(act(c, id, "commit", NULL), 303);
	assert_int_equal(residents(), before + 3);
	assert_int_equal(audit_count("people.import"), audits + 1);
	page_of(c, id, NULL, &r);
	assert_true(has(&r, "已导入 3 位居民"));
	done(&r);
	assert_false(sealed_holds(id, cname(100), &len));
	assert_int_equal(len, 0);
	/* again: nothing more */
	assert_int_equal(act(c, id, "commit", NULL), 303);
	assert_int_equal(residents(), before + 3);
	assert_int_equal(audit_count("people.import"), audits + 1);
	/* the same file uploaded again: every resident registered, said once, not row by row */
	int64_t again = upload_ok(c, "名册.csv", csv, strlen(csv));
	page_of(c, again, NULL, &r);
	assert_true(has(&r, "没有需要导入的新居民"));
	assert_false(has(&r, "请在表格中改正这些行"));
	done(&r);
	free(csv);
	curl_easy_cleanup(c);
}

/* GB18030 bytes of UTF-8 text (malloc'd, length in *n). */
static char *to_gb18030(const char *s, size_t *n)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t in = strlen(s), cap = in * 2 + 16, out = cap;
	char *buf = malloc(cap), *ip = (char *)s, *op = buf;
	assert_true(iconv(cd, &ip, &in, &op, &out) != (size_t)-1);
	iconv_close(cd);
	*n = cap - out;
	return buf;
}

static void a_gb18030_csv_is_read_and_imported(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	int64_t before = residents();
	char *csv = good_csv(2, 200);
	size_t n;
	char *gb = to_gb18030(csv, &n);
	int64_t id = upload_ok(c, "gbk.csv", gb, n);
	struct resp r;
	page_of(c, id, NULL, &r);
	assert_true(has(&r, "文件共 2 行数据(GB18030 编码),全部通过检查"));
	done(&r);
	assert_int_equal(act(c, id, "commit", NULL), 303);
	assert_int_equal(residents(), before + 2);
	assert_int_equal(db_int("SELECT COUNT(*) FROM people_person WHERE name = ?", cname(201), NULL), 1);
	free(gb);
	free(csv);
	curl_easy_cleanup(c);
}

static void an_xlsx_is_read_and_imported(void **state)
{
	(void)state;
	char path[700];
	snprintf(path, sizeof path, "%s/import.xlsx", dir);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "名册");
	const char *head[] = {"姓名", "身份证号", "联系电话", "楼号", "房号"};
	for (int k = 0; k < 5; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, head[k], NULL);
	for (int i = 0; i < 4; i++) {
		char id[19], name[40], phone[20], room[10];
		make_id(id, "19650505", 300 + i);
		snprintf(name, sizeof name, "表格%s", cname(i) + strlen("导入"));
		snprintf(phone, sizeof phone, "1370000%04d", i);
		snprintf(room, sizeof room, "%d", 201 + i);
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, name, NULL);
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 1, id, NULL);
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 2, phone, NULL);
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 3, "表格3号楼", NULL);
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 4, room, NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char data[1 << 20];
	size_t n = fread(data, 1, sizeof data, f);
	fclose(f);
	CURL *c = logged_in("wangjg");
	int64_t before = residents();
	int64_t id = upload_ok(c, "名册.xlsx", data, n);
	assert_int_equal(db_int("SELECT COUNT(*) FROM people_import WHERE format = 'xlsx' AND filename = ?",
	                        "名册.xlsx", NULL),
	                 1);
	struct resp r;
	page_of(c, id, NULL, &r);
	assert_true(has(&r, "文件共 4 行数据,全部通过检查"));
	done(&r);
	assert_int_equal(residents(), before);
	assert_int_equal(act(c, id, "commit", NULL), 303);
	assert_int_equal(residents(), before + 4);
	curl_easy_cleanup(c);
}

static void an_unknown_header_goes_through_the_mapping_step(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	int64_t before = residents();
	char id[19], csv[600];
	make_id(id, "19900909", 401);
	snprintf(csv, sizeof csv, "序号,户内成员,证件,移动电话\n1,映射丙,%s,13600000001\n", id);
	int64_t iid = upload_ok(c, "自定义表头.csv", csv, strlen(csv));
	struct resp r;
	page_of(c, iid, NULL, &r);
	assert_true(has(&r, "无法检查这个文件"));
	assert_true(has(&r, "<details id=\"mapping\" open>"));
	assert_true(has(&r, "第 2 列“户内成员”"));
	assert_false(has(&r, "确认导入"));
	done(&r);
	/* no name chosen: refused beside the select, input kept */
	char page[200], action[200];
	snprintf(page, sizeof page, IMPORT "/%lld", (long long)iid);
	snprintf(action, sizeof action, IMPORT "/%lld/mapping", (long long)iid);
	assert_int_equal(post_form(c, page, action, &r, "m0=-1&m2=2&m4=3"), 422);
	assert_true(has(&r, "请选择哪一列是“姓名”"));
	assert_true(has(&r, "id=\"e-m0\""));
	done(&r);
	/* one column for two fields: refused */
	assert_int_equal(post_form(c, page, action, &r, "m0=1&m2=1"), 422);
	assert_true(has(&r, "同一列只能导入一个字段"));
	done(&r);
	assert_int_equal(post_form(c, page, action, &r, "m0=1&m2=2&m4=3"), 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM people_import WHERE mapping = ?", "0=1;2=2;4=3", NULL),
	                 1);
	page_of(c, iid, "?done=mapped", &r);
	assert_true(has(&r, "已按您选择的列重新检查"));
	assert_true(has(&r, "文件共 1 行数据"));
	assert_true(has(&r, "确认导入"));
	assert_true(has(&r, "文件中没有导入的列:第 1 列“序号”"));
	done(&r);
	assert_int_equal(residents(), before);
	assert_int_equal(act(c, iid, "commit", NULL), 303);
	assert_int_equal(residents(), before + 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM people_person WHERE name = ?", "映射丙", NULL), 1);
	curl_easy_cleanup(c);
}

struct racer {
	CURL *c;
	char path[200], body[200];
	long status;
};

static void *race(void *arg)
{
	struct racer *x = arg;
	struct resp r;
	request(x->c, x->path, x->body, NULL, &r);
	x->status = r.status;
	done(&r);
	return NULL;
}

static void two_confirms_at_once_import_once(void **state)
{
	(void)state;
	CURL *c1 = logged_in("wangjg"), *c2 = logged_in("admin");
	int64_t before = residents();
	int audits = audit_count("people.import");
	char *csv = good_csv(40, 500);
	int64_t id = upload_ok(c1, "并发.csv", csv, strlen(csv));
	struct racer x[2] = {{.c = c1}, {.c = c2}};
	for (int i = 0; i < 2; i++) {
		struct resp r;
		page_of(x[i].c, id, NULL, &r);
		assert_int_equal(r.status, 200);
		const char *tok = csrf_from(&r);
		assert_non_null(tok);
		snprintf(x[i].body, sizeof x[i].body, "csrf=%s", tok);
		snprintf(x[i].path, sizeof x[i].path, IMPORT "/%lld/commit", (long long)id);
		done(&r);
	}
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, race, &x[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(x[0].status, 303);
	assert_int_equal(x[1].status, 303);
	assert_int_equal(residents(), before + 40);
	assert_int_equal(audit_count("people.import"), audits + 1);
	free(csv);
	curl_easy_cleanup(c1);
	curl_easy_cleanup(c2);
}

static void drop_deletes_the_file_and_imports_nothing(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	int64_t before = residents(), dropped = imports_in("dropped");
	char *csv = good_csv(2, 600);
	int64_t id = upload_ok(c, "放弃.csv", csv, strlen(csv));
	assert_int_equal(act(c, id, "drop", NULL), 303);
	assert_int_equal(imports_in("dropped"), dropped + 1);
	size_t len;
	assert_false(sealed_holds(id, cname(600), &len));
	assert_int_equal(len, 0);
	assert_int_equal(act(c, id, "commit", NULL), 303);
	assert_int_equal(residents(), before);
	struct resp r;
	page_of(c, id, NULL, &r);
	assert_true(has(&r, "已放弃"));
	assert_false(has(&r, "确认导入"));
	done(&r);
	free(csv);
	curl_easy_cleanup(c);
}

static void others_are_refused(void **state)
{
	(void)state;
	const char *who[] = {"zhangsan", "jiandu", "lihong"};
	char *csv = good_csv(1, 700);
	for (int i = 0; i < 3; i++) {
		CURL *c = logged_in(who[i]);
		struct resp r;
		request(c, IMPORT, NULL, NULL, &r);
		assert_int_equal(r.status, 403);
		done(&r);
		request(c, IMPORT "/1", NULL, NULL, &r);
		assert_int_equal(r.status, 403);
		done(&r);
		curl_easy_cleanup(c);
	}
	/* a visitor is sent to sign in */
	struct resp r;
	visit(at, IMPORT, NULL, &r);
	assert_true(r.status == 303 || r.status == 401);
	done(&r);
	free(csv);
}

static void a_refused_file_is_not_kept(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	int64_t n = db_int("SELECT COUNT(*) FROM people_import", NULL, NULL);
	struct resp r;
	const char junk[] = "\xff\xfe\x00\x01 not text at all \x80\x81";
	assert_int_equal(upload(c, "坏文件.csv", junk, sizeof junk - 1, &r), 422);
	assert_true(has(&r, "id=\"e-file\""));
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM people_import", NULL, NULL), n);
	curl_easy_cleanup(c);
}

static void the_tick_drops_files_left_unconfirmed(void **state)
{
	(void)state;
	CURL *c = logged_in("wangjg");
	char *csv = good_csv(1, 800);
	int64_t id = upload_ok(c, "忘了.csv", csv, strlen(csv));
	char sql[200];
	snprintf(sql, sizeof sql,
	         "UPDATE people_import SET created_at = created_at - 8 * 86400 WHERE id = %lld",
	         (long long)id);
	assert_int_equal(db_exec1(sql), 0);
	struct db *db;
	char err[256];
	assert_int_equal(db_open(dbpath, &db, err, sizeof err), 0);
	assert_int_equal(people_import_tick(db, (int64_t)time(NULL)), 0);
	db_close(db);
	size_t len;
	sealed_holds(id, "x", &len);
	assert_int_equal(len, 0);
	struct resp r;
	page_of(c, id, NULL, &r);
	assert_true(has(&r, "超过 7 天未确认,文件已删除"));
	done(&r);
	/* the history lists it and exports */
	request(c, IMPORT "/imports.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "忘了.csv"));
	done(&r);
	free(csv);
	curl_easy_cleanup(c);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_people_import_http PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(upload_checks_every_row_and_writes_nothing_until_confirmed),
	    cmocka_unit_test(a_clean_csv_imports_once_and_drops_the_file),
	    cmocka_unit_test(a_gb18030_csv_is_read_and_imported),
	    cmocka_unit_test(an_xlsx_is_read_and_imported),
	    cmocka_unit_test(an_unknown_header_goes_through_the_mapping_step),
	    cmocka_unit_test(two_confirms_at_once_import_once),
	    cmocka_unit_test(drop_deletes_the_file_and_imports_nothing),
	    cmocka_unit_test(others_are_refused),
	    cmocka_unit_test(a_refused_file_is_not_kept),
	    cmocka_unit_test(the_tick_drops_files_left_unconfirmed),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
