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
	/* the record is paged */
	char paged[160];
	snprintf(paged, sizeof paged, "%s?page=2", path);
	visit(at, paged, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "暂无履行记录"));
	done(&r);
	snprintf(paged, sizeof paged, "%s?page=0", path);
	visit(at, paged, NULL, &r);
	assert_int_equal(r.status, 400);
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
	/* money rows amounts, the others quantities in their unit word */
	assert_true(has(&r, "120 人次"));
	assert_true(has(&r, "40 次"));
	assert_true(has(&r, "4 场"));
	assert_false(has(&r, "¥0.00"));
	/* last year is offered, not the year to come */
	char link[96];
	snprintf(link, sizeof link, "/c/xingfuli/units/report/%d\"", year - 1);
	assert_true(has(&r, link));
	snprintf(link, sizeof link, "/c/xingfuli/units/report/%d\"", year + 1);
	assert_false(has(&r, link));
	done(&r);
	snprintf(path, sizeof path, "/c/xingfuli/units/report/%d", year - 1);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(link, sizeof link, "/c/xingfuli/units/report/%d\"", year);
	assert_true(has(&r, link));
	done(&r);
	snprintf(path, sizeof path, "/c/xingfuli/units/report/%d.csv", year);
	visit(at, path, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "单位,类别,承诺项数"));
	assert_true(has(&r, "工商银行东湖支行,资金,1,30000.00,,"));
	assert_true(has(&r, "幸福里小学,场地,1,,40 次,"));
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


/* The value of attribute name in the tag [t, end), HTML entities read,
 * into out (size n); 0 when the tag has none. */
static int attr(const char *t, const char *end, const char *name, char *out, size_t n)
{
	char key[32];
	snprintf(key, sizeof key, " %s=\"", name);
	const char *p = strstr(t, key);
	if (!p || p >= end)
		return 0;
	p += strlen(key);
	const char *q = strchr(p, '"');
	size_t k = 0;
	while (p < q && k + 1 < n) {
		static const struct {
			const char *e;
			char c;
		} ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&#x27;", '\''}};
		int hit = 0;
		for (size_t i = 0; i < sizeof ents / sizeof *ents && !hit; i++)
			if (!strncmp(p, ents[i].e, strlen(ents[i].e))) {
				out[k++] = ents[i].c;
				p += strlen(ents[i].e);
				hit = 1;
			}
		if (!hit)
			out[k++] = *p++;
	}
	out[k] = 0;
	return 1;
}

/* Appends name=value (URL-encoded) to the body. */
static void add_field(char *body, size_t n, const char *name, const char *value)
{
	size_t len = strlen(body);
	snprintf(body + len, n - len, "%s%s=%s", len ? "&" : "", name, enc(value));
}

/* Posts the form of page whose action is `action` as a browser would with
 * nothing changed: its inputs (checkboxes only when checked), textareas
 * and selected options, the CSRF token among them. The status. */
static long post_unchanged(CURL *c, const char *page, const char *action, struct resp *out)
{
	struct resp r;
	request(c, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	char want[256], body[16384] = "", name[128], value[4096], type[32];
	snprintf(want, sizeof want, "<form method=\"post\" action=\"%s\"", action);
	const char *f = strstr(r.body.data, want);
	assert_non_null(f);
	const char *end = strstr(f, "</form>");
	assert_non_null(end);
	for (const char *t = f; (t = strchr(t + 1, '<')) && t < end;) {
		const char *close = strchr(t, '>');
		if (!strncmp(t, "<input", 6)) {
			if (!attr(t, close, "name", name, sizeof name))
				continue;
			if (!attr(t, close, "type", type, sizeof type))
				strcpy(type, "text");
			const char *ck = strstr(t, " checked");
			if ((!strcmp(type, "checkbox") || !strcmp(type, "radio")) && (!ck || ck > close))
				continue;
			if (!strcmp(type, "submit"))
				continue;
			if (!attr(t, close, "value", value, sizeof value))
				value[0] = 0;
			add_field(body, sizeof body, name, value);
		} else if (!strncmp(t, "<textarea", 9)) {
			assert_true(attr(t, close, "name", name, sizeof name));
			const char *e = strstr(close, "</textarea>");
			/* the content, entities read, through a made-up attribute */
			char tmp[4200];
			snprintf(tmp, sizeof tmp, " v=\"%.*s\"", (int)(e - close - 1), close + 1);
			attr(tmp, tmp + strlen(tmp), "v", value, sizeof value);
			add_field(body, sizeof body, name, value);
		} else if (!strncmp(t, "<select", 7)) {
			assert_true(attr(t, close, "name", name, sizeof name));
			const char *e = strstr(close, "</select>");
			const char *sel = strstr(close, " selected");
			value[0] = 0;
			if (sel && sel < e) {
				const char *o = sel;
				while (strncmp(o, "<option", 7))
					o--;
				attr(o, sel, "value", value, sizeof value);
			}
			add_field(body, sizeof body, name, value);
		}
	}
	done(&r);
	request(c, action, body, NULL, out);
	return out->status;
}

static int64_t unit_named(const char *name)
{
	return db_int("SELECT id FROM units_unit WHERE community_id = " XFL " AND name = ?", name, NULL);
}

/* Visitors, residents, another community's staff and a missing CSRF token
 * are refused; nothing is written. */
static void others_cannot_manage_the_units(void **state)
{
	(void)state;
	struct resp r;
	const char *body = "name=%E5%81%B7%E5%BB%BA&kind=school&party_kind=none";
	CURL *anon = client();
	request(anon, "/c/xingfuli/admin/units/", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(has_header(&r, "location: /login?next="));
	done(&r);
	curl_easy_cleanup(anon);
	CURL *z = logged_in("zhangsan");
	request(z, "/c/xingfuli/admin/units/", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	assert_int_equal(post_form(z, "/c/xingfuli/units/", "/c/xingfuli/admin/units/new", &r, "%s", body), 403);
	done(&r);
	curl_easy_cleanup(z);
	CURL *l = logged_in("lihong"); /* 和平社区 */
	request(l, "/c/xingfuli/admin/units/agreements/1", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	assert_int_equal(post_form(l, "/c/heping/admin/units/", "/c/xingfuli/admin/units/new", &r, "%s", body), 403);
	done(&r);
	assert_int_equal(post_form(l, "/c/heping/admin/units/", "/c/xingfuli/admin/units/agreements/1/fulfil", &r,
				   "commitment=1&done_on=2026-03-01&what=x&quantity=1"),
			 403);
	done(&r);
	curl_easy_cleanup(l);
	CURL *w = logged_in("wangjg");
	request(w, "/c/xingfuli/admin/units/new", body, NULL, &r);
	assert_int_equal(r.status, 403);
	assert_true(has(&r, "CSRF"));
	done(&r);
	curl_easy_cleanup(w);
	assert_int_equal(unit_named("偷建"), -1);
}

/* A unit with its contact mobile sealed: lists show it masked, the full
 * number only after an audited request with a reason. */
static void a_units_contact_is_masked_and_its_full_view_audited(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	int adds = audit_count("units.unit_add"), views = audit_count("units.view_contact");
	/* errors by field, what was typed kept */
	assert_int_equal(post_form(w, "/c/xingfuli/admin/units/new", "/c/xingfuli/admin/units/new", &r,
				   "name=&kind=school&party_kind=branch&party_org=&party_members=%s&mobile=12345", enc("三十")),
			 422);
	assert_true(has(&r, "请填写单位名称"));
	assert_true(has(&r, "请填写整数"));
	assert_true(has(&r, "请填写 11 位手机号码"));
	assert_true(has(&r, "value=\"12345\""));
	assert_true(has(&r, "value=\"三十\""));
	done(&r);
	/* a public field holding a mobile is refused */
	assert_int_equal(post_form(w, "/c/xingfuli/admin/units/new", "/c/xingfuli/admin/units/new", &r,
				   "name=%s&kind=school&party_kind=none&intro=%s", enc("某单位"), enc("联系 138-0013-8000")),
			 422);
	assert_true(has(&r, "不要填写个人手机号"));
	done(&r);
	assert_int_equal(unit_named("某单位"), -1);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/units/new", "/c/xingfuli/admin/units/new", &r,
				   "name=%s&kind=enterprise&party_kind=branch&party_org=%s&party_members=%s&contact_name=%s"
				   "&office_phone=027-86650000&mobile=%s&intro=%s",
				   enc("东湖科技公司"), enc("东湖科技公司党支部"), enc("１５"), enc("周经理"), enc("139 0000 1111"),
				   enc("高新技术企业")),
			 303);
	done(&r);
	assert_int_equal(audit_count("units.unit_add"), adds + 1);
	int64_t id = unit_named("东湖科技公司");
	assert_true(id > 0);
	assert_int_equal(db_int("SELECT party_members FROM units_unit WHERE name = ?", "东湖科技公司", NULL), 15);
	request(w, "/c/xingfuli/admin/units/", NULL, NULL, &r);
	assert_true(has(&r, "139****1111"));
	assert_false(has(&r, "13900001111"));
	done(&r);
	char page[96], contact[128];
	snprintf(page, sizeof page, "/c/xingfuli/admin/units/%lld", (long long)id);
	snprintf(contact, sizeof contact, "%s/contact", page);
	request(w, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(has(&r, "13900001111"));
	done(&r);
	assert_int_equal(post_form(w, contact, contact, &r, "reason="), 422);
	done(&r);
	assert_int_equal(audit_count("units.view_contact"), views);
	assert_int_equal(post_form(w, contact, contact, &r, "reason=%s", enc("联系共建活动")), 200);
	assert_true(has(&r, "13900001111"));
	done(&r);
	assert_int_equal(audit_count("units.view_contact"), views + 1);
	/* the public never sees it */
	visit(at, "/c/xingfuli/units/", NULL, &r);
	assert_true(has(&r, "东湖科技公司"));
	assert_false(has(&r, "139****1111"));
	assert_false(has(&r, "周经理"));
	done(&r);
	curl_easy_cleanup(w);
}

/* An agreement from draft to in force to ended: commitments only while
 * draft, fulfilments only while in force (money beyond the promise taken
 * and shown), typed dates and amounts kept with their errors, a reversal,
 * a board draft, all audited. */
static void an_agreement_from_draft_to_ended(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	int64_t unit = unit_named("东湖科技公司");
	assert_true(unit > 0);
	char u[32];
	snprintf(u, sizeof u, "%lld", (long long)unit);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/units/agreements/new", "/c/xingfuli/admin/units/agreements/new",
				   &r, "title=%s&signed_on=%s&starts_on=2026%%2F1%%2F1&ends_on=2025-12-31&summary=x",
				   enc("科技助老协议"), enc("2026年1月5日")),
			 422);
	assert_true(has(&r, "结束日期不能早于开始日期"));
	assert_true(has(&r, "请至少选择一个"));
	assert_true(has(&r, "value=\"2026年1月5日\""));
	done(&r);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/units/agreements/new", "/c/xingfuli/admin/units/agreements/new",
				   &r, "title=%s&signed_on=%s&starts_on=2026%%2F1%%2F1&ends_on=2026-12-31&summary=%s&unit=%s",
				   enc("科技助老协议"), enc("2026年1月5日"), enc("企业为社区老人提供智能手机培训"), u),
			 303);
	done(&r);
	int64_t ag = agreement_titled("科技助老协议");
	assert_true(ag > 0);
	assert_int_equal(db_int("SELECT COUNT(*) FROM units_agreement WHERE title = ? AND signed_on = '2026-01-05'"
				" AND starts_on = '2026-01-01'", "科技助老协议", NULL), 1);
	char base[96], cnew[128], fulfil[128], st[128], board[128];
	snprintf(base, sizeof base, "/c/xingfuli/admin/units/agreements/%lld", (long long)ag);
	snprintf(cnew, sizeof cnew, "%s/commitments/new", base);
	snprintf(fulfil, sizeof fulfil, "%s/fulfil", base);
	snprintf(st, sizeof st, "%s/state", base);
	snprintf(board, sizeof board, "%s/board", base);
	/* a draft takes no fulfilment and cannot go in force without commitments */
	request(w, fulfil, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	assert_int_equal(post_form(w, base, st, &r, "action=in_force"), 400);
	done(&r);
	assert_int_equal(post_form(w, cnew, cnew, &r, "unit=%s&kind=money&promise=%s&amount=12.345", u, enc("资助")), 422);
	assert_true(has(&r, "value=\"12.345\""));
	done(&r);
	assert_int_equal(post_form(w, cnew, cnew, &r, "unit=%s&kind=money&promise=%s&amount=%s", u, enc("资助培训经费"),
				   enc("¥1,000")),
			 303);
	done(&r);
	assert_int_equal(post_form(w, cnew, cnew, &r, "unit=%s&kind=volunteers&promise=%s&quantity=%s&quantity_unit=%s", u,
				   enc("志愿者授课"), enc("４０"), enc("人次")),
			 303);
	done(&r);
	int64_t money = db_int("SELECT c.id FROM units_commitment c JOIN units_agreement g ON g.community_id = c.community_id"
		       " AND g.id = c.agreement_id WHERE g.title = ? AND c.kind = 'money'", "科技助老协议", NULL);
	assert_true(money > 0);
	assert_int_equal(db_int("SELECT amount_fen FROM units_commitment c JOIN units_agreement g ON g.community_id ="
				" c.community_id AND g.id = c.agreement_id WHERE g.title = ? AND c.kind = 'money'",
				"科技助老协议", NULL),
			 100000);
	/* while draft: a commitment edited and one removed; a party with commitments is not dropped */
	int64_t vol = db_int("SELECT c.id FROM units_commitment c JOIN units_agreement g ON g.community_id = c.community_id"
			     " AND g.id = c.agreement_id WHERE g.title = ? AND c.kind = 'volunteers'", "科技助老协议", NULL);
	char cedit[160], cremove[200], edit[128], v[32];
	snprintf(v, sizeof v, "%lld", (long long)vol);
	snprintf(cedit, sizeof cedit, "%s/commitments/%lld", base, (long long)vol);
	snprintf(cremove, sizeof cremove, "%s/remove", cedit);
	snprintf(edit, sizeof edit, "%s/edit", base);
	assert_int_equal(post_form(w, cedit, cedit, &r, "unit=%s&kind=volunteers&promise=%s&quantity=50&quantity_unit=%s", u,
				   enc("志愿者授课"), enc("人次")),
			 303);
	done(&r);
	assert_int_equal(db_int("SELECT quantity FROM units_commitment WHERE id = ? AND community_id = " XFL, v, NULL), 50);
	int64_t school = unit_named("幸福里小学");
	char both[64];
	snprintf(both, sizeof both, "%lld", (long long)school);
	assert_int_equal(post_form(w, edit, edit, &r, "title=%s&signed_on=2026-01-05&starts_on=2026-01-01&ends_on=2026-12-31"
				   "&summary=x&unit=%s", enc("科技助老协议"), both),
			 422);
	assert_true(has(&r, "还有承诺事项"));
	done(&r);
	assert_int_equal(post_form(w, base, cremove, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM units_commitment WHERE id = ? AND community_id = " XFL, v, NULL), 0);
	int ins = audit_count("units.agreement_in_force");
	assert_int_equal(post_form(w, base, st, &r, "action=in_force"), 303);
	done(&r);
	assert_int_equal(audit_count("units.agreement_in_force"), ins + 1);
	/* in force: commitments fixed */
	assert_int_equal(post_form(w, base, cnew, &r, "unit=%s&kind=room&promise=x", u), 400);
	done(&r);
	char m[32];
	snprintf(m, sizeof m, "%lld", (long long)money);
	/* bad date and amount: kept with their errors */
	assert_int_equal(post_form(w, fulfil, fulfil, &r, "commitment=%s&done_on=2026-13-45&what=%s&amount=12.345", m,
				   enc("到位")),
			 422);
	assert_true(has(&r, "履行日期不是有效日期"));
	assert_true(has(&r, "value=\"2026-13-45\""));
	assert_true(has(&r, "value=\"12.345\""));
	done(&r);
	assert_int_equal(post_form(w, fulfil, fulfil, &r, "commitment=%s&done_on=2025-12-01&what=%s&amount=100", m,
				   enc("到位")),
			 422);
	assert_true(has(&r, "早于协议开始日期"));
	done(&r);
	int fs = audit_count("units.fulfil");
	assert_int_equal(post_form(w, fulfil, fulfil, &r, "commitment=%s&done_on=%s&what=%s&amount=%s", m,
				   enc("2026年3月2日"), enc("培训经费到位"), enc("1500")),
			 303);
	done(&r);
	assert_int_equal(audit_count("units.fulfil"), fs + 1);
	char pub[96];
	snprintf(pub, sizeof pub, "/c/xingfuli/units/agreements/%lld", (long long)ag);
	visit(at, pub, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "已完成 ¥1,500.00 / 承诺 ¥1,000.00(150.0%),超出承诺"));
	done(&r);
	/* reversal */
	int64_t fid = db_int("SELECT id FROM units_fulfilment WHERE what = ? AND community_id = " XFL, "培训经费到位", NULL);
	char rev[128];
	snprintf(rev, sizeof rev, "/c/xingfuli/admin/units/fulfilments/%lld/reverse", (long long)fid);
	assert_int_equal(post_form(w, rev, rev, &r, "reason=&on=2026-03-03"), 422);
	done(&r);
	assert_int_equal(post_form(w, rev, rev, &r, "reason=%s&on=2026-03-03", enc("金额录错")), 303);
	done(&r);
	assert_int_equal(post_form(w, base, rev, &r, "reason=%s&on=2026-03-03", enc("再冲一次")), 400);
	done(&r);
	assert_int_equal(db_int("SELECT done_fen FROM units_commitment WHERE id = ? AND community_id = " XFL, m, NULL), 0);
	/* the board draft */
	int drafts = (int)db_int("SELECT COUNT(*) FROM disclosure_post WHERE title LIKE ?", "%科技助老协议%", NULL);
	assert_int_equal(post_form(w, base, board, &r, "x=1"), 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_post WHERE title LIKE ?", "%科技助老协议%", NULL), drafts + 1);
	/* ended: no more fulfilments */
	assert_int_equal(post_form(w, base, st, &r, "action=ended&reason="), 422);
	done(&r);
	assert_int_equal(post_form(w, base, st, &r, "action=ended&reason=%s", enc("协议期满")), 303);
	done(&r);
	request(w, fulfil, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	curl_easy_cleanup(w);
}

/* The JSON API holds no contact data and no drafts; its paths are in the
 * OpenAPI document; the workbench shows what needs doing. */
static void the_api_and_the_workbench(void **state)
{
	(void)state;
	struct resp r;
	visit(at, "/api/v1/c/xingfuli/units", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"party_kind\":\"branch\""));
	assert_false(has(&r, "contact"));
	assert_false(has(&r, "mobile"));
	assert_false(has(&r, "13907141234"));
	done(&r);
	visit(at, "/api/v1/c/xingfuli/units/agreements", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"commitments\":[{"));
	assert_false(has(&r, "草案"));
	assert_false(has(&r, "\"draft\""));
	done(&r);
	visit(at, "/api/v1/c/xingfuli/units/agreements?state=draft", NULL, &r);
	assert_int_equal(r.status, 400);
	done(&r);
	visit(at, "/api/v1/openapi.json", NULL, &r);
	assert_true(has(&r, "/api/v1/c/{community}/units/agreements"));
	done(&r);
	CURL *w = logged_in("wangjg");
	request(w, "/c/xingfuli/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "共建协议即将到期"));
	assert_true(has(&r, "共建承诺逾期未完成"));
	done(&r);
	request(w, "/c/xingfuli/admin/units/overdue", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "出资维修小区健身器材和路灯"));
	done(&r);
	CURL *d = logged_in("donghu"); /* the street's admin */
	request(d, "/admin/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "共建承诺逾期未完成"));
	done(&r);
	curl_easy_cleanup(d);
	request(w, "/c/xingfuli/admin/units/overdue.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "协议,承诺内容,完成期限,履行情况"));
	assert_true(has(&r, "出资维修小区健身器材和路灯"));
	done(&r);
	curl_easy_cleanup(w);
}

/* The yearly report as a board draft; a community without the catalogue
 * item is told so, and nothing is written. */
static void the_yearly_report_goes_to_the_board(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	int drafts = (int)db_int("SELECT COUNT(*) FROM disclosure_post WHERE title = ?", "2026年度共驻共建报告", NULL);
	assert_int_equal(post_form(w, "/c/xingfuli/admin/units/report/2026", "/c/xingfuli/admin/units/report/2026", &r,
				   "x=1"),
			 303);
	done(&r);
	assert_int_equal(db_int("SELECT COUNT(*) FROM disclosure_post WHERE title = ?", "2026年度共驻共建报告", NULL),
			 drafts + 1);
	assert_true(db_int("SELECT COUNT(*) FROM disclosure_post WHERE title = ? AND body LIKE ?", "2026年度共驻共建报告",
			   "%| 单位 | 类别 |%") >= 1);
	/* terminating an agreement in force: the reason is shown on its public page */
	int64_t ag = agreement_titled("在职党员进社区志愿服务协议");
	char st[128], pub[96];
	snprintf(st, sizeof st, "/c/xingfuli/admin/units/agreements/%lld/state", (long long)ag);
	snprintf(pub, sizeof pub, "/c/xingfuli/units/agreements/%lld", (long long)ag);
	request(w, "/c/xingfuli/admin/units/agreements/3/state?action=terminated", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "提前终止协议"));
	done(&r);
	assert_int_equal(post_form(w, pub, st, &r, "action=terminated&reason=%s", enc("单位搬迁出辖区")), 303);
	done(&r);
	visit(at, pub, NULL, &r);
	assert_true(has(&r, "已终止(单位搬迁出辖区)"));
	done(&r);
	assert_int_equal(post_form(w, pub, st, &r, "action=in_force"), 400);
	done(&r);
	curl_easy_cleanup(w);
	/* 和平 without the item */
	assert_int_equal(db_exec1("DELETE FROM disclosure_item WHERE code = 'cobuild' AND community_id ="
				  " (SELECT id FROM org_unit WHERE slug = 'heping')"),
			 0);
	CURL *l = logged_in("lihong");
	int audits = audit_count("units.report_draft");
	assert_int_equal(post_form(l, "/c/heping/admin/units/report/2026", "/c/heping/admin/units/report/2026", &r, "x=1"),
			 400);
	assert_true(has(&r, "shequ migrate"));
	done(&r);
	assert_int_equal(audit_count("units.report_draft"), audits);
	curl_easy_cleanup(l);
}

/* An id as text for db_int's parameters (a ring of 4). */
static const char *id_text(int64_t id)
{
	static char ring[4][24];
	static int next;
	char *s = ring[next++ % 4];
	snprintf(s, 24, "%lld", (long long)id);
	return s;
}

/* Keeps a copy of table's rows of 幸福里 whose key column is id in snap
 * (made empty, then filled: PostgreSQL takes no parameter in CREATE TABLE
 * ... AS). Names are literals; the id is bound. */
#define SNAPSHOT(table, key, snap, id)                                                                              \
	do {                                                                                                        \
		assert_int_equal(db_exec1("DROP TABLE IF EXISTS " snap), 0);                                        \
		assert_int_equal(db_exec1("CREATE TABLE " snap " AS SELECT * FROM " table " WHERE 1 = 0"), 0);      \
		assert_int_equal(db_int_args("INSERT INTO " snap " SELECT * FROM " table " WHERE community_id = " XFL \
		                             " AND " key " = ?1",                                                  \
		                             1, (int64_t)(id)),                                                    \
		                 0);                                                                               \
	} while (0)
/* Rows of table (key = id) that differ from the copy kept in snap, in the
 * columns cols: 0 when saving changed nothing there. */
#define CHANGED(cols, table, key, snap, id)                                                                        \
	db_int_args("SELECT COUNT(*) FROM (SELECT " cols " FROM " table " WHERE community_id = " XFL " AND " key      \
	            " = ?1 EXCEPT SELECT " cols " FROM " snap ") x",                                               \
	            1, (int64_t)(id))

#define UNIT_FIELDS                                                                                                \
	"name, kind, address, party_org, party_kind, party_members, contact_name, office_phone, contact_mobile_sealed," \
	" contact_mobile_masked, intro, active"
#define AG_FIELDS "title, signed_on, starts_on, ends_on, summary, state, end_reason"
#define C_FIELDS                                                                                                   \
	"id, agreement_id, unit_id, kind, promise, amount_fen, quantity, quantity_unit, due_on, period, done_fen,"    \
	" done_quantity"

/* Every edit form (a unit, a draft agreement with a party no longer
 * active, its money and counted commitments) shows every stored value,
 * and saving it unchanged changes nothing; the staff list and its export
 * show the contact name and office phone. */
static void edit_forms_saved_unchanged_change_nothing(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	int64_t bank = unit_named("工商银行东湖支行");
	assert_true(bank > 0);
	char page[96];
	snprintf(page, sizeof page, "/c/xingfuli/admin/units/%lld", (long long)bank);
	assert_int_equal(db_int("SELECT party_members FROM units_unit WHERE name = ? AND community_id = " XFL,
				"工商银行东湖支行", NULL),
			 18);
	request(w, page, NULL, NULL, &r);
	assert_true(has(&r, "name=\"party_members\""));
	assert_true(has(&r, "value=\"18\""));
	done(&r);
	SNAPSHOT("units_unit", "id", "t_units_unit_before", bank);
	assert_int_equal(post_unchanged(w, page, page, &r), 303);
	done(&r);
	assert_int_equal(CHANGED(UNIT_FIELDS, "units_unit", "id", "t_units_unit_before", bank), 0);
	/* the staff list and its exports: contact name and office phone */
	request(w, "/c/xingfuli/admin/units/", NULL, NULL, &r);
	assert_true(has(&r, "李经理"));
	assert_true(has(&r, "027-86653300"));
	done(&r);
	request(w, "/c/xingfuli/admin/units/units.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "李经理,027-86653300"));
	done(&r);
	/* a draft whose party is no longer active, with two commitments */
	int64_t ag = agreement_titled("%草案%");
	int64_t party = db_int("SELECT unit_id FROM units_agreement_unit WHERE community_id = " XFL " AND agreement_id = ?",
			       id_text(ag), NULL);
	assert_true(party > 0);
	char base[96], cnew[128], edit[128], pid[32];
	snprintf(base, sizeof base, "/c/xingfuli/admin/units/agreements/%lld", (long long)ag);
	snprintf(cnew, sizeof cnew, "%s/commitments/new", base);
	snprintf(edit, sizeof edit, "%s/edit", base);
	snprintf(pid, sizeof pid, "%lld", (long long)party);
	assert_int_equal(post_form(w, cnew, cnew, &r, "unit=%s&kind=money&promise=%s&amount=%s&due_on=2027-06-30&period=%s",
				   pid, enc("资助红色物业活动"), enc("1234.5"), enc("每季度")),
			 303);
	done(&r);
	assert_int_equal(post_form(w, cnew, cnew, &r, "unit=%s&kind=volunteers&promise=%s&quantity=12&quantity_unit=%s", pid,
				   enc("党员志愿服务"), enc("人次")),
			 303);
	done(&r);
	assert_int_equal(db_int("UPDATE units_unit SET active = 0 WHERE community_id = " XFL
				" AND id = CAST(? AS BIGINT) RETURNING id",
				id_text(party), NULL),
			 party);
	SNAPSHOT("units_agreement", "id", "t_units_ag_before", ag);
	SNAPSHOT("units_agreement_unit", "agreement_id", "t_units_party_before", ag);
	SNAPSHOT("units_commitment", "agreement_id", "t_units_c_before", ag);
	assert_int_equal(post_unchanged(w, edit, edit, &r), 303);
	done(&r);
	assert_int_equal(CHANGED(AG_FIELDS, "units_agreement", "id", "t_units_ag_before", ag), 0);
	assert_int_equal(CHANGED("unit_id", "units_agreement_unit", "agreement_id", "t_units_party_before", ag), 0);
	/* and none lost: the copy less what is there now */
	assert_int_equal(db_int("SELECT COUNT(*) FROM (SELECT unit_id FROM t_units_party_before EXCEPT SELECT unit_id FROM"
	                        " units_agreement_unit WHERE community_id = " XFL
	                        " AND agreement_id IN (SELECT id FROM t_units_ag_before)) x",
	                        NULL, NULL),
	                 0);
	int64_t n = db_int("SELECT COUNT(*) FROM units_commitment WHERE agreement_id = ? AND community_id = " XFL,
			   id_text(ag), NULL);
	assert_int_equal(n, 2);
	for (int k = 0; k < 2; k++) {
		int64_t cid = db_int(k ? "SELECT MAX(id) FROM units_commitment WHERE agreement_id = ? AND community_id = " XFL
				       : "SELECT MIN(id) FROM units_commitment WHERE agreement_id = ? AND community_id = " XFL,
				     id_text(ag), NULL);
		char cedit[160];
		snprintf(cedit, sizeof cedit, "%s/commitments/%lld", base, (long long)cid);
		assert_int_equal(post_unchanged(w, cedit, cedit, &r), 303);
		done(&r);
	}
	assert_int_equal(CHANGED(C_FIELDS, "units_commitment", "agreement_id", "t_units_c_before", ag), 0);
	assert_int_equal(db_int("UPDATE units_unit SET active = 1 WHERE community_id = " XFL
				" AND id = CAST(? AS BIGINT) RETURNING id",
				id_text(party), NULL),
			 party);
	assert_int_equal(db_exec1("DROP TABLE t_units_unit_before; DROP TABLE t_units_ag_before;"
	                          " DROP TABLE t_units_party_before; DROP TABLE t_units_c_before"),
	                 0);
	curl_easy_cleanup(w);
}

/* A fulfilment dated after today is refused by its field; a number beside
 * a Chinese numeral (联系王五:139…) is refused in a fulfilment's content
 * and a unit's intro, as a plain mobile is. Nothing is written. */
static void future_fulfilments_and_disguised_mobiles_are_refused(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	int64_t ag = agreement_titled("%健康金融%");
	int64_t c = db_int("SELECT MIN(id) FROM units_commitment WHERE community_id = " XFL " AND agreement_id = ?",
			   id_text(ag), NULL);
	assert_true(c > 0);
	char fulfil[128], cid[32];
	snprintf(fulfil, sizeof fulfil, "/c/xingfuli/admin/units/agreements/%lld/fulfil", (long long)ag);
	snprintf(cid, sizeof cid, "%lld", (long long)c);
	int fs = audit_count("units.fulfil");
	assert_int_equal(post_form(w, fulfil, fulfil, &r, "commitment=%s&done_on=2099-01-01&what=%s&amount=100&quantity=1",
				   cid, enc("提前登记")),
			 422);
	assert_true(has(&r, "履行日期不能晚于今天"));
	assert_true(has(&r, "value=\"2099-01-01\""));
	done(&r);
	static const char *const disguised[] = {"联系张三13912345678", "联系王五:13912345678", "热线一13912345678"};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(post_form(w, fulfil, fulfil, &r, "commitment=%s&done_on=2026-03-01&what=%s&amount=100&quantity=1",
					   cid, enc(disguised[i])),
				 422);
		assert_true(has(&r, "不要填写个人手机号"));
		done(&r);
		assert_int_equal(post_form(w, "/c/xingfuli/admin/units/new", "/c/xingfuli/admin/units/new", &r,
					   "name=%s&kind=school&party_kind=none&intro=%s", enc("某某单位"), enc(disguised[i])),
				 422);
		assert_true(has(&r, "不要填写个人手机号"));
		done(&r);
	}
	assert_int_equal(audit_count("units.fulfil"), fs);
	assert_int_equal(unit_named("某某单位"), -1);
	curl_easy_cleanup(w);
}

/* A unit's staff page lists its agreements with its commitments and a
 * 登记履行 link for each commitment of an agreement in force; the
 * fulfilment form shows promised and done in the choice and warns, without
 * refusing, when the commitment is fully done already. */
static void a_units_page_leads_to_recording_its_delivery(void **state)
{
	(void)state;
	struct resp r;
	CURL *w = logged_in("wangjg");
	int64_t bank = unit_named("工商银行东湖支行");
	int64_t ag = agreement_titled("%健康金融%");
	int64_t c = db_int("SELECT id FROM units_commitment WHERE community_id = " XFL " AND unit_id = ? AND agreement_id = ?",
			   id_text(bank), id_text(ag));
	assert_true(c > 0);
	assert_int_equal(db_int("SELECT done_fen - amount_fen FROM units_commitment WHERE community_id = " XFL " AND id = ?",
				id_text(c), NULL),
			 0); /* fully done in the demo */
	char page[96], link[200], fulfil[128];
	snprintf(page, sizeof page, "/c/xingfuli/admin/units/%lld", (long long)bank);
	snprintf(fulfil, sizeof fulfil, "/c/xingfuli/admin/units/agreements/%lld/fulfil", (long long)ag);
	snprintf(link, sizeof link, "href=\"%s?commitment=%lld\"", fulfil, (long long)c);
	request(w, page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "共建协议和承诺事项"));
	assert_true(has(&r, "健康金融"));
	assert_true(has(&r, link));
	assert_true(has(&r, ">登记履行</a>"));
	done(&r);
	snprintf(link, sizeof link, "%s?commitment=%lld", fulfil, (long long)c);
	request(w, link, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "该承诺已完成,确定还要登记吗?"));
	assert_true(has(&r, "承诺 ¥30,000.00"));
	assert_true(has(&r, "已全部完成"));
	done(&r);
	/* a commitment not done yet: no warning */
	int64_t open = db_int("SELECT MIN(id) FROM units_commitment WHERE community_id = " XFL " AND agreement_id = ?"
			      " AND (amount_fen > done_fen OR quantity > done_quantity)",
			      id_text(ag), NULL);
	if (open > 0) {
		snprintf(link, sizeof link, "%s?commitment=%lld", fulfil, (long long)open);
		request(w, link, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		assert_false(has(&r, "该承诺已完成"));
		done(&r);
	}
	/* warned, not refused */
	int fs = audit_count("units.fulfil");
	char cid[32];
	snprintf(cid, sizeof cid, "%lld", (long long)c);
	assert_int_equal(post_form(w, link, fulfil, &r, "commitment=%s&done_on=2026-03-05&what=%s&amount=200", cid,
				   enc("追加资助")),
			 303);
	done(&r);
	assert_int_equal(audit_count("units.fulfil"), fs + 1);
	curl_easy_cleanup(w);
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
	    cmocka_unit_test(the_api_and_the_workbench),
	    cmocka_unit_test(others_cannot_manage_the_units),
	    cmocka_unit_test(a_units_contact_is_masked_and_its_full_view_audited),
	    cmocka_unit_test(an_agreement_from_draft_to_ended),
	    cmocka_unit_test(the_yearly_report_goes_to_the_board),
	    cmocka_unit_test(edit_forms_saved_unchanged_change_nothing),
	    cmocka_unit_test(future_fulfilments_and_disguised_mobiles_are_refused),
	    cmocka_unit_test(a_units_page_leads_to_recording_its_delivery),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	curl_global_cleanup();
	return rc || server_exit_bad;
}
