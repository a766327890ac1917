/* End-to-end: the service directory on a real server over the demo data
 * (SQLite, and PostgreSQL under tests/pg/with-postgres.sh): public pages,
 * the footer, the API, exports, who may edit, the staff forms and their
 * audit rows; and the store itself on the same database. */
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
#include "modules/services/services.h"

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"

struct station_post {
	const char *kind, *kind_other, *name, *phone, *hours, *holidays, *makeup, *duty, *duty_public, *services;
	const char *week[7]; /* overrides hours for one day when set */
};

/* The station form body for p (CSRF added by post_form). */
static const char *station_body(const struct station_post *p)
{
	static char body[8192];
	int n = snprintf(body, sizeof body, "kind=%s&kind_other=%s&name=%s&address=%s&phone=%s&services=%s",
			 enc(p->kind ? p->kind : "社区服务站"), enc(p->kind_other ? p->kind_other : ""), enc(p->name),
			 enc("幸福里 3 号楼一层"), enc(p->phone ? p->phone : ""), enc(p->services ? p->services : ""));
	for (int w = 0; w < 7; w++)
		n += snprintf(body + n, sizeof body - (size_t)n, "&hours%d=%s", w + 1,
			      enc(p->week[w] ? p->week[w] : p->hours ? p->hours : "休息"));
	snprintf(body + n, sizeof body - (size_t)n, "&holidays=%s&makeup=%s&duty=%s&duty_public=%s&note=",
		 p->holidays ? p->holidays : "0", p->makeup ? p->makeup : "1", enc(p->duty ? p->duty : ""),
		 p->duty_public ? p->duty_public : "1");
	return body;
}

static int64_t station_named(const char *name)
{
	return db_int("SELECT id FROM services_station WHERE community_id = " XFL " AND name = ?", name, NULL);
}

static int64_t count_of(const char *sql, const char *p1)
{
	return db_int(sql, p1, NULL);
}

static void every_demo_community_has_stations_and_hotlines(void **state)
{
	(void)state;
	const char *slugs[] = {"xingfuli", "heping", "cuizhu"};
	for (size_t i = 0; i < 3; i++) {
		assert_true(count_of("SELECT COUNT(*) FROM services_station WHERE community_id ="
				     " (SELECT id FROM org_unit WHERE slug = ?)",
				     slugs[i]) >= 6);
		assert_true(count_of("SELECT COUNT(*) FROM services_hotline WHERE community_id ="
				     " (SELECT id FROM org_unit WHERE slug = ?)",
				     slugs[i]) >= 3);
		/* Stations dial 0xx-xxxxxxxx; the city hotline is there from the start. */
		assert_int_equal(count_of("SELECT COUNT(*) FROM services_station WHERE community_id ="
					  " (SELECT id FROM org_unit WHERE slug = ?) AND phone NOT LIKE '0__-________'",
					  slugs[i]),
				 0);
		assert_int_equal(count_of("SELECT COUNT(*) FROM services_hotline WHERE community_id ="
					  " (SELECT id FROM org_unit WHERE slug = ?) AND kind = 'city' AND number = '12345'",
					  slugs[i]),
				 1);
	}
}

static void anyone_sees_the_directory_and_the_hotlines(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/c/xingfuli/services/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<h1>服务站点与热线</h1>"));
	assert_true(has(&r, "<h2>社会救助站</h2>"));
	assert_true(has(&r, "幸福里社区卫生服务站"));
	assert_true(has(&r, "幸福里便民药房"));
	assert_true(has(&r, "href=\"tel:12345\""));
	assert_true(has(&r, "社区应急值守电话"));
	assert_true(has(&r, "/street/donghu/services/"));
	assert_true(has(&r, "<dl class=\"contact hotlines\">")); /* stacked on a narrow screen */
	assert_true(has(&r, "今天:<span class=\"nowrap\">"));
	assert_false(has(&r, "管理服务站点和热线")); /* staff only */
	done(&r);
	/* One station: its week and the next seven days. */
	char path[96];
	snprintf(path, sizeof path, "/c/xingfuli/services/%lld", (long long)station_named("幸福里社区服务站"));
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<h1>幸福里社区服务站</h1>"));
	assert_true(has(&r, "每周办公时间"));
	/* A time range never breaks inside, nor the weekday. */
	assert_true(has(&r, "<th scope=\"row\"><span class=\"nowrap\">周一</span></th><td><span class=\"nowrap\">08:30–12:00</span>,"
			    " <span class=\"nowrap\">14:00–17:30</span></td>"));
	assert_true(has(&r, "<th scope=\"row\"><span class=\"nowrap\">周六</span></th><td><span class=\"nowrap\">09:00–12:00</span></td>"));
	assert_true(has(&r, "近 7 天办公时间"));
	assert_true(has(&r, "按周一的时间办公"));
	assert_true(has(&r, "王建国")); /* its roster is public */
	done(&r);
	/* The community's home page links here among its sections; staff see the staff page too. */
	request(c, "/c/xingfuli/", NULL, NULL, &r);
	assert_true(has(&r, "<a href=\"/c/xingfuli/services/\">服务站点与热线</a>"));
	assert_false(has(&r, "服务站点管理"));
	done(&r);
	request(c, "/c/xingfuli/services/99999", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	request(c, "/c/xingfuli/services/abc", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	/* Another community's station is not found through this one. */
	snprintf(path, sizeof path, "/c/cuizhu/services/%lld", (long long)station_named("幸福里便民药房"));
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, "幸福里便民药房"));
	done(&r);
	curl_easy_cleanup(c);
}

static void a_roster_kept_private_is_shown_to_staff_only(void **state)
{
	(void)state;
	char path[96], api[96];
	int64_t id = station_named("幸福里社区居民学校");
	snprintf(path, sizeof path, "/c/xingfuli/services/%lld", (long long)id);
	snprintf(api, sizeof api, "/api/v1/c/xingfuli/services/%lld", (long long)id);
	CURL *c = client();
	struct resp r;
	request(c, path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, "值班人员"));
	assert_false(has(&r, "王建国"));
	done(&r);
	request(c, api, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"duty\":null"));
	done(&r);
	CURL *w = logged_in("wangjg");
	request(w, path, NULL, NULL, &r);
	assert_true(has(&r, "值班人员(仅工作人员可见)"));
	assert_true(has(&r, "王建国"));
	done(&r);
	curl_easy_cleanup(c);
	curl_easy_cleanup(w);
}

/* Without the page cache each worker keeps the footer it rendered with the
 * data version it read it at (req_memo): a hotline added shows on the next
 * page of every worker, never the footer kept from before. */
static void a_kept_footer_follows_the_data(void **state)
{
	(void)state;
	char other[64];
	const char *off[] = {"--page-cache", "off", NULL};
	pid_t extra = start_extra_server(other, off);
	assert_true(extra > 0);
	struct resp r;
	for (int i = 0; i < 8; i++) { /* both threads keep the footer */
		visit(other, i % 2 ? "/c/xingfuli/" : "/c/xingfuli/services/", NULL, &r);
		assert_true(has(&r, "幸福里社区热线:"));
		assert_false(has(&r, "燃气抢修电话"));
		done(&r);
	}
	CURL *d = logged_in("donghu");
	assert_int_equal(post_form(d, "/c/xingfuli/admin/services/hotlines/new", "/c/xingfuli/admin/services/hotlines/new",
				   &r, "kind=emergency&name=%s&number=%s&hours=", enc("燃气抢修电话"), enc("010-64881299")),
			 303);
	done(&r);
	for (int i = 0; i < 8; i++) {
		visit(other, i % 2 ? "/c/xingfuli/" : "/c/xingfuli/services/", NULL, &r);
		const char *footer = strstr(r.body.data, "<footer");
		assert_non_null(footer);
		assert_non_null(strstr(footer, "燃气抢修电话"));
		done(&r);
	}
	/* another community's footer is its own */
	visit(other, "/c/heping/", NULL, &r);
	assert_true(has(&r, "和平社区热线:"));
	assert_false(has(&r, "燃气抢修电话"));
	done(&r);
	curl_easy_cleanup(d);
	assert_int_equal(stop_extra_server(extra), 0);
}

static void every_community_page_shows_its_hotlines_in_the_footer(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	const char *pages[] = {"/c/xingfuli/", "/c/xingfuli/board/", "/c/xingfuli/services/", "/c/xingfuli/board/99999"};
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		request(c, pages[i], NULL, NULL, &r);
		const char *footer = strstr(r.body.data, "<footer");
		assert_non_null(footer);
		assert_non_null(strstr(footer, "幸福里社区热线:社区服务热线 <a href=\"tel:01064881200\">010-64881200</a>"));
		assert_non_null(strstr(footer, "市民服务热线 <a href=\"tel:12345\">12345</a>"));
		done(&r);
	}
	request(c, "/c/heping/", NULL, NULL, &r);
	assert_true(has(&r, "和平社区热线:"));
	assert_false(has(&r, "010-64881200"));
	done(&r);
	request(c, "/", NULL, NULL, &r); /* no community, no footer hotlines */
	assert_false(has(&r, "热线:"));
	done(&r);
	/* A community made later starts with the city's hotline. */
	run("%s org add community xinyuan 新苑社区 --parent donghu --db '%s' >/dev/null", shequ, dbpath);
	request(c, "/c/xinyuan/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "新苑社区热线:市民服务热线 <a href=\"tel:12345\">12345</a>"));
	done(&r);
	curl_easy_cleanup(c);
}

static void the_street_page_lists_its_communities_stations(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/street/donghu/services/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<h1>东湖街道服务站点</h1>"));
	/* A compact table per community, a card per row on a narrow screen. */
	assert_true(has(&r, "<div class=\"table-cards\"><table class=\"services-street\"><caption class=\"vh\">幸福里社区的服务站点</caption>"
			    "<thead><tr><th scope=\"col\">站点</th><th scope=\"col\">类别</th><th scope=\"col\">现在</th>"
			    "<th scope=\"col\">电话</th></tr></thead>"));
	assert_true(has(&r, "<td data-label=\"电话\"><a href=\"tel:"));
	assert_true(has(&r, "<td data-label=\"现在\"><strong>"));
	assert_true(has(&r, "幸福里社区服务站"));
	assert_true(has(&r, "和平社区服务站"));
	assert_false(has(&r, "翠竹社区服务站")); /* 南山街道 */
	done(&r);
	request(c, "/street/xingfuli/services/", NULL, NULL, &r); /* a community, not a street */
	assert_int_equal(r.status, 404);
	done(&r);
	request(c, "/street/nowhere/services/", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	curl_easy_cleanup(c);
}

static void the_api_and_its_openapi_paths(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/api/v1/c/xingfuli/services", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "content-type: application/json"));
	assert_true(has(&r, "\"community\":{\"slug\":\"xingfuli\""));
	assert_true(has(&r, "\"number\":\"12345\""));
	assert_true(has(&r, "\"name\":\"幸福里便民药房\""));
	assert_true(has(&r, "{\"open\":\"08:00\",\"close\":\"02:00\",\"next_day\":true}"));
	assert_true(has(&r, "\"state\":"));
	done(&r);
	request(c, "/api/v1/c/xingfuli/services/99999", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_true(has(&r, "\"code\":\"not_found\""));
	done(&r);
	request(c, "/api/v1/c/nowhere/services", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	request(c, "/api/v1/openapi.json", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"/api/v1/c/{community}/services\""));
	assert_true(has(&r, "\"/api/v1/c/{community}/services/{id}\""));
	done(&r);
	curl_easy_cleanup(c);
}

/* Saves the response body to dir/name. */
static void save(const struct resp *r, const char *name)
{
	char file[600];
	snprintf(file, sizeof file, "%s/%s", dir, name);
	FILE *f = fopen(file, "wb");
	assert_non_null(f);
	fwrite(r->body.data, 1, r->body.len - 1, f);
	fclose(f);
}

static void the_directory_leaves_as_csv_and_xlsx(void **state)
{
	(void)state;
	CURL *c = client();
	struct resp r;
	request(c, "/c/xingfuli/services/stations.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "content-type: text/csv; charset=utf-8"));
	assert_true(has_header(&r, "content-disposition: attachment"));
	assert_memory_equal(r.body.data, "\xEF\xBB\xBF类别,名称,地址,电话,服务项目,周一", strlen("\xEF\xBB\xBF类别,名称,地址,电话,服务项目,周一"));
	assert_true(has(&r, "社区服务站,幸福里社区服务站,幸福里社区服务中心一层,010-64881210,"));
	assert_true(has(&r, "08:00–次日02:00"));
	done(&r);
	request(c, "/c/xingfuli/services/stations.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
	assert_memory_equal(r.body.data, "PK", 2);
	save(&r, "stations.xlsx");
	done(&r);
	/* The workbook opens, and holds the stations. */
	assert_int_equal(run_status("unzip -p %s/stations.xlsx xl/sharedStrings.xml > %s/strings.xml", dir, dir), 0);
	assert_int_equal(run_status("grep -q '幸福里社区卫生服务站' %s/strings.xml", dir), 0);
	assert_int_equal(run_status("grep -q '调休上班日' %s/strings.xml", dir), 0);
	request(c, "/street/donghu/services/stations.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "社区,类别,名称"));
	assert_true(has(&r, "和平社区,社区服务站,和平社区服务站"));
	done(&r);
	request(c, "/street/donghu/services/stations.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body.data, "PK", 2);
	done(&r);
	curl_easy_cleanup(c);
}

static void staff_export_every_column_and_the_hotlines(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	request(w, "/c/xingfuli/admin/services/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	/* The staff page links to the staff exports, its lists are cards on a narrow screen. */
	assert_true(has(&r, "href=\"/c/xingfuli/admin/services/stations.xlsx\""));
	assert_true(has(&r, "href=\"/c/xingfuli/admin/services/hotlines.csv\""));
	assert_false(has(&r, "href=\"/c/xingfuli/services/stations.csv\""));
	assert_true(has(&r, "<div class=\"table-cards\"><table><caption class=\"vh\">服务站点</caption>"));
	assert_true(has(&r, "<div class=\"table-cards\"><table><caption class=\"vh\">热线电话</caption>"));
	assert_false(has(&r, "class=\"wide\""));
	done(&r);
	request(w, "/c/xingfuli/admin/services/stations.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "content-type: text/csv; charset=utf-8"));
	assert_true(has(&r, "值班人员,值班人员是否公开,备注"));
	assert_true(has(&r, "仅工作人员可见")); /* the private roster too */
	assert_true(has(&r, "幸福里社区居民学校"));
	done(&r);
	/* The public export leaves that roster out. */
	CURL *anon = client();
	request(anon, "/c/xingfuli/services/stations.csv", NULL, NULL, &r);
	assert_false(has(&r, "仅工作人员可见"));
	done(&r);
	request(w, "/c/xingfuli/admin/services/stations.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body.data, "PK", 2);
	done(&r);
	request(w, "/c/xingfuli/admin/services/hotlines.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "类型,名称,号码,接听时间"));
	assert_true(has(&r, ",12345,"));
	char cd[256];
	snprintf(cd, sizeof cd, "filename*=UTF-8''%s.csv", enc("幸福里社区热线电话"));
	assert_true(has_header(&r, cd));
	done(&r);
	request(w, "/c/xingfuli/admin/services/hotlines.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body.data, "PK", 2);
	done(&r);
	/* Staff only. */
	request(anon, "/c/xingfuli/admin/services/stations.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	done(&r);
	CURL *z = logged_in("zhangsan");
	request(z, "/c/xingfuli/admin/services/stations.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	request(z, "/c/xingfuli/admin/services/hotlines.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	CURL *l = logged_in("lihong"); /* 和平社区 */
	request(l, "/c/xingfuli/admin/services/stations.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(l);
	curl_easy_cleanup(z);
	curl_easy_cleanup(anon);
	curl_easy_cleanup(w);
}

static void residents_and_visitors_cannot_edit(void **state)
{
	(void)state;
	struct station_post p = {.name = "居民偷建的站点", .hours = "24小时"};
	struct resp r;
	CURL *z = logged_in("zhangsan");
	request(z, "/c/xingfuli/admin/services/", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	/* With a valid CSRF token from a page the resident may see: refused for the role. */
	assert_int_equal(post_form(z, "/c/xingfuli/services/", "/c/xingfuli/admin/services/new", &r, "%s",
				   station_body(&p)),
			 403);
	done(&r);
	curl_easy_cleanup(z);
	CURL *anon = client();
	request(anon, "/c/xingfuli/admin/services/new", NULL, NULL, &r);
	assert_int_equal(r.status, 303); /* to the login page */
	assert_true(has_header(&r, "location: /login?next="));
	done(&r);
	curl_easy_cleanup(anon);
	assert_int_equal(station_named("居民偷建的站点"), -1);
}

static void staff_of_another_community_cannot_edit(void **state)
{
	(void)state;
	int64_t id = station_named("幸福里社区服务站");
	char page[96], del[128];
	snprintf(page, sizeof page, "/c/xingfuli/admin/services/%lld", (long long)id);
	snprintf(del, sizeof del, "%s/delete", page);
	struct station_post p = {.name = "被改掉的站点", .hours = "休息"};
	CURL *l = logged_in("lihong"); /* 和平社区 */
	struct resp r;
	request(l, page, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	assert_int_equal(post_form(l, "/c/heping/admin/services/", page, &r, "%s", station_body(&p)), 403);
	done(&r);
	assert_int_equal(post_form(l, "/c/heping/admin/services/", del, &r, "x=1"), 403);
	done(&r);
	request(l, del, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	assert_int_equal(station_named("幸福里社区服务站"), id);
	/* The same id through her own community is her own community's station. */
	char own[96];
	snprintf(own, sizeof own, "/c/heping/admin/services/%lld", (long long)id);
	assert_int_equal(post_form(l, "/c/heping/admin/services/", own, &r, "%s", station_body(&p)), 303);
	done(&r);
	assert_int_equal(station_named("幸福里社区服务站"), id);
	assert_int_equal(station_named("被改掉的站点"), -1);
	assert_int_equal(count_of("SELECT COUNT(*) FROM services_station WHERE community_id ="
				  " (SELECT id FROM org_unit WHERE slug = 'heping') AND name = ?",
				  "被改掉的站点"),
			 1);
	curl_easy_cleanup(l);
}

static void staff_add_edit_and_remove_a_station_audited(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	int adds = audit_count("services.station_add"), edits = audit_count("services.station_edit"),
	    dels = audit_count("services.station_delete");
	/* No CSRF token: refused before anything is read. */
	request(w, "/c/xingfuli/admin/services/new", "name=x", NULL, &r);
	assert_int_equal(r.status, 403);
	assert_true(has(&r, "CSRF"));
	done(&r);
	/* Errors next to their fields, what was typed kept. */
	struct station_post bad = {.name = "", .phone = "138 1234 5678", .hours = "休息", .duty = "值班电话 13912345678"};
	bad.week[0] = "25:00-26:00";
	bad.week[2] = "下午 2:00-5:30";
	assert_int_equal(post_form(w, "/c/xingfuli/admin/services/new", "/c/xingfuli/admin/services/new", &r, "%s",
				   station_body(&bad)),
			 422);
	assert_true(has(&r, "class=\"error-summary\""));
	assert_true(has(&r, "<p class=\"error\" id=\"e-hours1\">周一:“25:00”不是有效的时间"));
	assert_true(has(&r, "aria-describedby=\"e-hours1\" value=\"25:00-26:00\""));
	assert_true(has(&r, "id=\"e-hours3\">周三:“下午 2:00-5:30”:下午和晚上的时间请用 24 小时制,如“14:00”"));
	assert_true(has(&r, "id=\"e-name\">请填写名称"));
	assert_true(has(&r, "id=\"e-phone\">请填写站点的固定电话或服务电话,不要公布个人手机号"));
	assert_true(has(&r, "value=\"138 1234 5678\""));
	assert_true(has(&r, "id=\"e-duty\">值班人员中不要填写个人手机号或身份证号"));
	done(&r);
	assert_int_equal(audit_count("services.station_add"), adds);
	/* "其他类别" needs its name. */
	struct station_post other = {.kind = "other", .name = "幸福里老年餐桌", .hours = "24小时"};
	assert_int_equal(post_form(w, "/c/xingfuli/admin/services/new", "/c/xingfuli/admin/services/new", &r, "%s",
				   station_body(&other)),
			 422);
	assert_true(has(&r, "id=\"e-kind_other\">选择了“其他类别”,请填写类别名称"));
	done(&r);
	/* A kind typed while another kind was chosen on purpose: refused next to the field. */
	other.kind = "社会救助站";
	other.kind_other = "老年餐桌";
	assert_int_equal(post_form(w, "/c/xingfuli/admin/services/new", "/c/xingfuli/admin/services/new", &r, "%s",
				   station_body(&other)),
			 422);
	assert_true(has(&r, "id=\"e-kind_other\">类别选择了“社会救助站”,又填写了其他类别名称"));
	done(&r);
	assert_int_equal(station_named("幸福里老年餐桌"), -1);
	/* A new kind typed with the select left on its default: 其他 is taken.
	 * Open round the clock, on holidays too. */
	other.kind = NULL; /* 社区服务站, the form's default */
	other.holidays = "1";
	other.makeup = "0";
	other.phone = "010-64881230";
	other.services = "助餐\n送餐上门";
	other.duty = "周一至周五:刘淑芬";
	assert_int_equal(post_form(w, "/c/xingfuli/admin/services/new", "/c/xingfuli/admin/services/new", &r, "%s",
				   station_body(&other)),
			 303);
	assert_true(has_header(&r, "location: /c/xingfuli/admin/services/?done=added"));
	done(&r);
	assert_int_equal(audit_count("services.station_add"), adds + 1);
	int64_t id = station_named("幸福里老年餐桌");
	assert_true(id > 0);
	assert_int_equal(count_of("SELECT COUNT(*) FROM services_hours WHERE community_id = " XFL " AND station_id ="
				  " (SELECT id FROM services_station WHERE community_id = " XFL " AND name = ?)"
				  " AND open_min = 0 AND close_min = 1440",
				  "幸福里老年餐桌"),
			 7);
	CURL *anon = client();
	request(anon, "/c/xingfuli/services/", NULL, NULL, &r);
	assert_true(has(&r, "<h2>老年餐桌</h2>"));
	assert_true(has(&r, "幸福里老年餐桌</a><p><strong>24 小时开放</strong></p>"));
	done(&r);
	/* The same name twice is refused, with the form kept. */
	assert_int_equal(post_form(w, "/c/xingfuli/admin/services/new", "/c/xingfuli/admin/services/new", &r, "%s",
				   station_body(&other)),
			 422);
	assert_true(has(&r, "本社区已有名为“幸福里老年餐桌”的站点"));
	assert_true(has(&r, "<option value=\"老年餐桌\""));
	done(&r);
	/* Edited: closed every day. */
	char page[96], del[128];
	snprintf(page, sizeof page, "/c/xingfuli/admin/services/%lld", (long long)id);
	snprintf(del, sizeof del, "%s/delete", page);
	request(w, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "id=\"f-hours1\" name=\"hours1\" value=\"24小时\""));
	assert_true(has(&r, "<option value=\"老年餐桌\" selected>"));
	done(&r);
	struct station_post closed = {.kind = "老年餐桌", .name = "幸福里老年餐桌", .hours = "休息", .phone = "010-64881230"};
	assert_int_equal(post_form(w, page, page, &r, "%s", station_body(&closed)), 303);
	done(&r);
	assert_int_equal(audit_count("services.station_edit"), edits + 1);
	assert_int_equal(count_of("SELECT COUNT(*) FROM audit_log WHERE action = 'services.station_edit' AND detail LIKE ?",
				  "%周一:24小时→休息%"),
			 1);
	request(anon, "/c/xingfuli/services/", NULL, NULL, &r);
	assert_true(has(&r, "幸福里老年餐桌</a><p><strong>暂无办公时间</strong></p>"));
	done(&r);
	/* Saved again as it is: nothing written, and said so. Line breaks
	 * come from the browser as CR LF and are kept as LF. */
	closed.services = "助餐\r\n送餐上门";
	closed.duty = "周一:刘淑芬\r\n周二:王建国";
	assert_int_equal(post_form(w, page, page, &r, "%s", station_body(&closed)), 303);
	done(&r);
	assert_int_equal(audit_count("services.station_edit"), edits + 2);
	assert_int_equal(post_form(w, page, page, &r, "%s", station_body(&closed)), 303);
	assert_true(has_header(&r, "location: /c/xingfuli/admin/services/?done=unchanged"));
	done(&r);
	assert_int_equal(audit_count("services.station_edit"), edits + 2);
	request(w, "/c/xingfuli/admin/services/?done=unchanged", NULL, NULL, &r);
	assert_true(has(&r, "没有修改。"));
	done(&r);
	/* Removed, after a page that asks. */
	request(w, page, NULL, NULL, &r);
	assert_true(has(&r, "<a class=\"button\" href=\"/c/xingfuli/admin/services/"));
	assert_true(has(&r, "/delete\">删除这个站点</a>"));
	done(&r);
	request(w, del, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<h1>确定删除服务站点“幸福里老年餐桌”吗?</h1>"));
	assert_true(has(&r, "不再出现在社区和街道的服务站点页面"));
	assert_true(has(&r, "<button type=\"submit\">确定删除</button>"));
	{
		char cancel[160], action[200];
		snprintf(cancel, sizeof cancel, "<a href=\"%s\">取消</a>", page);
		snprintf(action, sizeof action, "<form method=\"post\" action=\"%s\"", del);
		assert_true(has(&r, cancel));
		assert_true(has(&r, action));
	}
	done(&r);
	assert_int_equal(audit_count("services.station_delete"), dels); /* asking deletes nothing */
	assert_true(station_named("幸福里老年餐桌") > 0);
	assert_int_equal(post_form(w, del, del, &r, "x=1"), 303);
	assert_true(has_header(&r, "location: /c/xingfuli/admin/services/?done=station_deleted&name="));
	done(&r);
	{
		char back[256];
		snprintf(back, sizeof back, "/c/xingfuli/admin/services/?done=station_deleted&name=%s", enc("幸福里老年餐桌"));
		request(w, back, NULL, NULL, &r);
		assert_true(has(&r, "已删除服务站点“幸福里老年餐桌”。"));
		done(&r);
		/* A name still in the list is not claimed to be gone. */
		snprintf(back, sizeof back, "/c/xingfuli/admin/services/?done=station_deleted&name=%s", enc("幸福里社区服务站"));
		request(w, back, NULL, NULL, &r);
		assert_false(has(&r, "已删除服务站点"));
		assert_true(has(&r, "已删除。"));
		done(&r);
	}
	assert_int_equal(audit_count("services.station_delete"), dels + 1);
	assert_int_equal(station_named("幸福里老年餐桌"), -1);
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM services_hours WHERE community_id = " XFL " AND station_id = CAST(? AS BIGINT)",
		   sid, NULL),
	    0);
	char pub[96];
	snprintf(pub, sizeof pub, "/c/xingfuli/services/%lld", (long long)id);
	request(anon, pub, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/services/", del, &r, "x=1"), 404);
	done(&r);
	request(w, del, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	curl_easy_cleanup(anon);
	curl_easy_cleanup(w);
}

static void staff_keep_the_hotlines(void **state)
{
	(void)state;
	CURL *d = logged_in("donghu"); /* the street's admin runs its communities too */
	struct resp r;
	int adds = audit_count("services.hotline_add"), edits = audit_count("services.hotline_edit"),
	    dels = audit_count("services.hotline_delete");
	char body[512];
	snprintf(body, sizeof body, "kind=emergency&name=%s&number=%s&hours=", enc("供暖抢修电话"), enc("13812345678"));
	assert_int_equal(post_form(d, "/c/xingfuli/admin/services/hotlines/new", "/c/xingfuli/admin/services/hotlines/new",
				   &r, "%s", body),
			 422);
	assert_true(has(&r, "id=\"e-number\">请填写热线或值班固定电话,不要公布个人手机号"));
	assert_true(has(&r, "value=\"供暖抢修电话\""));
	done(&r);
	snprintf(body, sizeof body, "kind=nonsense&name=%s&number=%s&hours=", enc("供暖抢修电话"), enc("010-64881277"));
	assert_int_equal(post_form(d, "/c/xingfuli/admin/services/hotlines/new", "/c/xingfuli/admin/services/hotlines/new",
				   &r, "%s", body),
			 422);
	assert_true(has(&r, "请选择热线类型"));
	done(&r);
	snprintf(body, sizeof body, "kind=emergency&name=%s&number=%s&hours=%s", enc("供暖抢修电话"), enc("010-64881277"),
		 enc("供暖季 24小时"));
	assert_int_equal(post_form(d, "/c/xingfuli/admin/services/hotlines/new", "/c/xingfuli/admin/services/hotlines/new",
				   &r, "%s", body),
			 303);
	done(&r);
	assert_int_equal(audit_count("services.hotline_add"), adds + 1);
	CURL *anon = client();
	request(anon, "/c/xingfuli/board/", NULL, NULL, &r);
	assert_true(has(&r, "供暖抢修电话 <a href=\"tel:01064881277\">010-64881277</a>"));
	done(&r);
	int64_t id = db_int("SELECT id FROM services_hotline WHERE community_id = " XFL " AND name = ?", "供暖抢修电话", NULL);
	char page[128], del[160];
	snprintf(page, sizeof page, "/c/xingfuli/admin/services/hotlines/%lld", (long long)id);
	snprintf(del, sizeof del, "%s/delete", page);
	snprintf(body, sizeof body, "kind=emergency&name=%s&number=%s&hours=", enc("供暖抢修电话"), enc("010-64881278"));
	assert_int_equal(post_form(d, page, page, &r, "%s", body), 303);
	done(&r);
	assert_int_equal(audit_count("services.hotline_edit"), edits + 1);
	/* The same again: nothing written. */
	assert_int_equal(post_form(d, page, page, &r, "%s", body), 303);
	assert_true(has_header(&r, "location: /c/xingfuli/admin/services/?done=unchanged"));
	done(&r);
	assert_int_equal(audit_count("services.hotline_edit"), edits + 1);
	request(anon, "/c/xingfuli/", NULL, NULL, &r);
	assert_true(has(&r, "010-64881278"));
	assert_false(has(&r, "010-64881277"));
	done(&r);
	/* Removed, after a page that asks. */
	request(d, del, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "<h1>确定删除热线“供暖抢修电话”吗?</h1>"));
	assert_true(has(&r, "页脚"));
	assert_true(has(&r, "<button type=\"submit\">确定删除</button>"));
	done(&r);
	assert_int_equal(audit_count("services.hotline_delete"), dels);
	assert_int_equal(post_form(d, del, del, &r, "x=1"), 303);
	assert_true(has_header(&r, "location: /c/xingfuli/admin/services/?done=hotline_deleted&name="));
	done(&r);
	{
		char back[256];
		snprintf(back, sizeof back, "/c/xingfuli/admin/services/?done=hotline_deleted&name=%s", enc("供暖抢修电话"));
		request(d, back, NULL, NULL, &r);
		assert_true(has(&r, "已删除热线“供暖抢修电话”。"));
		done(&r);
	}
	assert_int_equal(audit_count("services.hotline_delete"), dels + 1);
	request(anon, "/c/xingfuli/", NULL, NULL, &r);
	assert_false(has(&r, "供暖抢修电话"));
	done(&r);
	/* A resident cannot touch them. */
	CURL *z = logged_in("zhangsan");
	snprintf(page, sizeof page, "/c/xingfuli/admin/services/hotlines/%lld",
		 (long long)db_int("SELECT id FROM services_hotline WHERE community_id = " XFL " AND kind = 'city'", NULL, NULL));
	snprintf(del, sizeof del, "%s/delete", page);
	assert_int_equal(post_form(z, "/c/xingfuli/services/", del, &r, "x=1"), 403);
	done(&r);
	request(z, del, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	assert_int_equal(count_of("SELECT COUNT(*) FROM services_hotline WHERE community_id = " XFL " AND kind = ?", "city"),
			 1);
	curl_easy_cleanup(z);
	curl_easy_cleanup(anon);
	curl_easy_cleanup(d);
}

/* ---- the store, straight on the test database ---- */

static void the_store_keeps_stations_apart_per_community(void **state)
{
	(void)state;
	struct db *db;
	char err[256];
	struct arena a;
	arena_init(&a, 16 << 20);
	assert_int_equal(db_open(dbpath, &db, err, sizeof err), 0);
	int64_t xfl = db_int("SELECT id FROM org_unit WHERE slug = 'xingfuli'", NULL, NULL),
		hp = db_int("SELECT id FROM org_unit WHERE slug = 'heping'", NULL, NULL);
	struct services_station s = {.kind = "科普工作站", .name = "存储测试站", .phone = "010-64881240", .duty_public = 1,
				     .hours = {.holidays_open = 1, .makeup_weekday = 5}};
	assert_int_equal(services_day_parse("22:00-02:00", &s.hours.week[4], err, sizeof err), 0);
	assert_int_equal(services_day_parse("08:30-12:00, 14:00-17:30", &s.hours.week[0], err, sizeof err), 0);
	int64_t id, id2;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(services_station_add(db, xfl, &s, 1000, &id), 0);
	assert_int_equal(services_station_add(db, xfl, &s, 1000, &id2), DB_CONSTRAINT); /* same name */
	db_rollback(db);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(services_station_add(db, xfl, &s, 1000, &id), 0);
	s.name = "存储测试站(和平)";
	assert_int_equal(services_station_add(db, hp, &s, 1000, &id2), 0);
	s.name = "存储测试站";
	assert_int_equal(db_commit(db), 0);
	struct services_station got;
	assert_int_equal(services_station_get(db, &a, xfl, id, &got), 0);
	assert_string_equal(got.name, "存储测试站");
	assert_int_equal(got.hours.holidays_open, 1);
	assert_int_equal(got.hours.makeup_weekday, 5);
	assert_memory_equal(&got.hours.week, &s.hours.week, sizeof s.hours.week);
	/* Its id reads another community's station, if any, never this one. */
	int rc = services_station_get(db, &a, hp, id, &got);
	assert_true(rc == 1 || (rc == 0 && strcmp(got.name, "存储测试站")));
	struct services_station *list;
	size_t n;
	int seen = 0;
	assert_int_equal(services_stations(db, &a, hp, &list, &n), 0);
	for (size_t i = 0; i < n; i++) {
		assert_string_not_equal(list[i].name, "存储测试站");
		seen += !strcmp(list[i].name, "存储测试站(和平)");
	}
	assert_int_equal(seen, 1);
	/* Update and delete touch their own community only. */
	s.id = id;
	s.name = "存储测试站(改)";
	s.hours.week[4].n = 0;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(services_station_lock(db, xfl, id), 0);
	assert_int_equal(services_station_update(db, xfl, &s, 2000), 0);
	s.id = 99999;
	assert_int_equal(services_station_lock(db, xfl, 99999), 1);
	assert_int_equal(services_station_update(db, xfl, &s, 2000), 1);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(services_station_get(db, &a, xfl, id, &got), 0);
	assert_string_equal(got.name, "存储测试站(改)");
	assert_int_equal(got.hours.week[4].n, 0);
	assert_int_equal(got.hours.week[0].n, 2);
	assert_int_equal(got.updated_at, 2000);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(services_station_delete(db, xfl, id), 0);
	assert_int_equal(services_station_delete(db, xfl, id), 1);
	assert_int_equal(services_station_delete(db, hp, id2), 0);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(services_station_get(db, &a, xfl, id, &got), 1);
	/* Hotlines, in kind order. */
	struct services_hotline *h;
	assert_int_equal(services_hotlines(db, &a, xfl, &h, &n), 0);
	assert_true(n >= 4);
	for (size_t i = 1; i < n; i++)
		assert_true(h[i - 1].kind <= h[i].kind);
	assert_int_equal(h[0].kind, HOTLINE_SERVICE);
	db_close(db);
	arena_free(&a);
}

/* Review F1: no field of a station or a hotline publishes a personal
 * mobile or ID number, however it is dressed up; what was typed is kept. */
static void personal_numbers_are_refused_in_every_field(void **state)
{
	(void)state;
	CURL *w = logged_in("wangjg");
	struct resp r;
	const char *form = "/c/xingfuli/admin/services/new";
	int adds = audit_count("services.station_add");
	const char *phones[] = {"0086 13800138000", "008613800138000", "13800138000-1", "010-1234 13800138000",
				"+86 138 0013 8000"};
	for (size_t i = 0; i < sizeof phones / sizeof *phones; i++) {
		struct station_post p = {.name = "号码测试站", .phone = phones[i], .hours = "休息"};
		assert_int_equal(post_form(w, form, form, &r, "%s", station_body(&p)), 422);
		assert_true(has(&r, "id=\"e-phone\">请填写站点的固定电话或服务电话,不要公布个人手机号"));
		done(&r);
	}
	struct {
		struct station_post p;
		const char *field;
	} texts[] = {
	    {{.name = "王建国13800138000", .hours = "休息"}, "name"},
	    {{.name = "站110101199003074573", .hours = "休息"}, "name"},
	    {{.kind = "other", .kind_other = "K13800138000", .name = "号码测试站", .hours = "休息"}, "kind_other"},
	    {{.kind = "李四13800138000", .name = "号码测试站", .hours = "休息"}, "kind"},
	    {{.name = "号码测试站", .services = "办证\n找李四13800138000", .hours = "休息"}, "services"},
	    {{.name = "号码测试站", .duty = "李四 138-0013-8000", .hours = "休息"}, "duty"},
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		assert_int_equal(post_form(w, form, form, &r, "%s", station_body(&texts[i].p)), 422);
		char want[128];
		snprintf(want, sizeof want, "id=\"e-%s\">", texts[i].field);
		assert_true(has(&r, want));
		assert_true(has(&r, "中不要填写个人手机号或身份证号"));
		done(&r);
	}
	/* A landline with its extension, a service number, and opening hours full of digits pass. */
	struct station_post ok = {.name = "号码测试站", .phone = "010-64881200-1395", .hours = "08:00-11:30, 13:00-17:00",
				  .services = "咨询 12345\n周一至周五 13:30-17:30 19:00-21:00"};
	assert_int_equal(post_form(w, form, form, &r, "%s", station_body(&ok)), 303);
	done(&r);
	assert_int_equal(audit_count("services.station_add"), adds + 1);
	assert_true(station_named("号码测试站") > 0);
	/* Hotlines: the number, the name and the hours. */
	const char *hform = "/c/xingfuli/admin/services/hotlines/new";
	struct {
		const char *name, *number, *hours, *field;
	} hl[] = {
	    {"张三手机13800138000", "010-64881290", "", "name"},
	    {"夜间值班", "010-64881290", "找李四13800138000", "hours"},
	    {"夜间值班", "0086 13800138000", "", "number"},
	    {"夜间值班", "010-1234 13800138000", "", "number"},
	    {"夜间值班", "13800138000-1", "", "number"},
	};
	for (size_t i = 0; i < sizeof hl / sizeof *hl; i++) {
		char body[512], want[64];
		snprintf(body, sizeof body, "kind=service&name=%s&number=%s&hours=%s", enc(hl[i].name), enc(hl[i].number),
			 enc(hl[i].hours));
		assert_int_equal(post_form(w, hform, hform, &r, "%s", body), 422);
		snprintf(want, sizeof want, "id=\"e-%s\">", hl[i].field);
		assert_true(has(&r, want));
		assert_true(has(&r, "夜间值班") || has(&r, "张三手机13800138000")); /* typed text kept */
		done(&r);
	}
	assert_int_equal(count_of("SELECT COUNT(*) FROM services_hotline WHERE community_id = " XFL " AND number LIKE ?",
				  "%13800138000%"),
			 0);
	curl_easy_cleanup(w);
}

/* Review F2: a community's hotlines stop at SERVICES_MAX_HOTLINES; the
 * 101st is refused, in the store and on the form, and a list somehow
 * longer is refused rather than shown cut short. */
static void the_hotline_after_the_cap_is_refused(void **state)
{
	(void)state;
	struct db *db;
	char err[256];
	assert_int_equal(db_open(dbpath, &db, err, sizeof err), 0);
	int64_t xfl = db_int("SELECT id FROM org_unit WHERE slug = 'xingfuli'", NULL, NULL);
	int64_t have = db_int("SELECT COUNT(*) FROM services_hotline WHERE community_id = " XFL, NULL, NULL);
	assert_true(have > 0 && have < SERVICES_MAX_HOTLINES);
	struct services_hotline h = {.kind = HOTLINE_OTHER, .name = "上限测试", .number = "010-64881299", .hours = ""};
	int64_t id;
	assert_int_equal(db_begin(db), 0);
	for (int64_t i = have; i < SERVICES_MAX_HOTLINES; i++)
		assert_int_equal(services_hotline_add(db, xfl, &h, 1000, &id), 0);
	assert_int_equal(services_hotline_add(db, xfl, &h, 1000, &id), SERVICES_FULL);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(db_int("SELECT COUNT(*) FROM services_hotline WHERE community_id = " XFL, NULL, NULL),
			 SERVICES_MAX_HOTLINES);
	/* The form says so, and keeps what was typed. */
	CURL *w = logged_in("wangjg");
	struct resp r;
	const char *hform = "/c/xingfuli/admin/services/hotlines/new";
	int adds = audit_count("services.hotline_add");
	char body[256];
	snprintf(body, sizeof body, "kind=service&name=%s&number=%s&hours=", enc("第一百零一条"), enc("010-64881298"));
	assert_int_equal(post_form(w, hform, hform, &r, "%s", body), 422);
	assert_true(has(&r, "本社区已登记 100 条热线,达到上限,不能再新增"));
	assert_true(has(&r, "value=\"第一百零一条\""));
	done(&r);
	assert_int_equal(audit_count("services.hotline_add"), adds);
	/* All 100 are listed. */
	request(w, "/c/xingfuli/admin/services/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	/* A row past the cap written around the store: the lists fail loudly. */
	assert_int_equal(db_exec1("INSERT INTO services_hotline (community_id, id, kind, name, number, hours, created_at,"
				  " updated_at) SELECT id, 100000, 'other', '上限测试', '010-64881299', '', 1, 1 FROM org_unit"
				  " WHERE slug = 'xingfuli'"),
			 0);
	struct services_hotline *list;
	size_t n = 7;
	struct arena a;
	arena_init(&a, 16 << 20);
	assert_int_equal(services_hotlines(db, &a, xfl, &list, &n), SERVICES_FULL);
	assert_int_equal(n, 0);
	request(w, "/c/xingfuli/services/", NULL, NULL, &r);
	assert_int_equal(r.status, 500);
	done(&r);
	request(w, "/api/v1/c/xingfuli/services", NULL, NULL, &r);
	assert_int_equal(r.status, 500);
	done(&r);
	assert_int_equal(db_exec1("DELETE FROM services_hotline WHERE name = '上限测试'"), 0);
	request(w, "/c/xingfuli/services/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	done(&r);
	arena_free(&a);
	db_close(db);
	curl_easy_cleanup(w);
}

/* Last: it drops the module's tables under the running servers. */
static void communities_older_than_the_module_get_the_city_hotline(void **state)
{
	(void)state;
	assert_int_equal(db_exec1("DROP TABLE services_hours; DROP TABLE services_station; DROP TABLE services_hotline;"
				  " DELETE FROM schema_migrations WHERE module = 'services';"
				  " DELETE FROM id_counter WHERE name IN ('services_station', 'services_hotline');"),
			 0);
	run("%s migrate --db '%s' >/dev/null", shequ, dbpath);
	int64_t communities = db_int("SELECT COUNT(*) FROM org_unit WHERE kind = 'community'", NULL, NULL);
	assert_int_equal(communities, 4); /* the demo's three and 新苑 */
	assert_int_equal(db_int("SELECT COUNT(*) FROM services_hotline WHERE kind = 'city' AND number = '12345'", NULL, NULL),
			 communities);
	assert_int_equal(db_int("SELECT COUNT(*) FROM services_station", NULL, NULL), 0);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_services_http PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_demo_community_has_stations_and_hotlines),
	    cmocka_unit_test(anyone_sees_the_directory_and_the_hotlines),
	    cmocka_unit_test(a_roster_kept_private_is_shown_to_staff_only),
	    cmocka_unit_test(every_community_page_shows_its_hotlines_in_the_footer),
	    cmocka_unit_test(a_kept_footer_follows_the_data),
	    cmocka_unit_test(the_street_page_lists_its_communities_stations),
	    cmocka_unit_test(the_api_and_its_openapi_paths),
	    cmocka_unit_test(the_directory_leaves_as_csv_and_xlsx),
	    cmocka_unit_test(staff_export_every_column_and_the_hotlines),
	    cmocka_unit_test(residents_and_visitors_cannot_edit),
	    cmocka_unit_test(staff_of_another_community_cannot_edit),
	    cmocka_unit_test(staff_add_edit_and_remove_a_station_audited),
	    cmocka_unit_test(staff_keep_the_hotlines),
	    cmocka_unit_test(the_store_keeps_stations_apart_per_community),
	    cmocka_unit_test(personal_numbers_are_refused_in_every_field),
	    cmocka_unit_test(the_hotline_after_the_cap_is_refused),
	    cmocka_unit_test(communities_older_than_the_module_get_the_city_hotline),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
