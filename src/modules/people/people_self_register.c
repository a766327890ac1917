/* Self-registration (/register): a resident opens an account with their
 * mobile number and asks to be linked to their record in the registry.
 * When the name and the ID number typed match a living resident of the
 * community who has no account yet (the census check, through the ID
 * number's blind index), the account is linked at once and gets the
 * resident role there; else the request waits for staff
 * (/c/{c}/admin/people/links). The POST hashes the password, so it runs
 * on a password worker (ROUTE_WORKER); registrations are throttled per
 * address like the work orders' anonymous filings. */
#include <string.h>

#include "auth/audit.h"
#include "http/fields.h"
#include "modules/people/people_self.h"
#include "web/layout.h"

enum { RF_NAME, RF_PHONE, RF_PASSWORD, RF_CONFIRM, RF_COMMUNITY, RF_ID, RF__MAX };

static const struct field register_fields[RF__MAX] = {
    {"name", "姓名", FIELD_TEXT, 1, 40},
    {"phone", "手机号码", FIELD_MOBILE, 1, 30},
    {"password", "密码", FIELD_PASSWORD, 1, AUTH_PASSWORD_MAX},
    {"confirm", "确认密码", FIELD_PASSWORD, 1, AUTH_PASSWORD_MAX},
    {"community", "所在社区", FIELD_TEXT, 1, 64},
    {"id_number", "公民身份号码", FIELD_TEXT, 0, 30},
};

struct register_form {
	const char *vals[RF__MAX], *errs[RF__MAX];
	const char *refusal;
	struct community *communities;
	size_t ncommunities;
};

static void view_register(struct req *r, const struct register_form *f)
{
	struct buf *b = r->out;
	page_begin(r, "注册居民账号");
	H(b, "<section class=\"narrow\"><h1>注册居民账号</h1>");
	H(b, "<p>用手机号注册后,社区会把账号与您在社区的居民信息关联。填写身份证号可以立即核对关联;"
	     "不填写的,由社区工作人员核实后关联。</p>");
	form_refusal(r, f->refusal);
	form_error_summary(r, f->errs, RF__MAX);
	form_begin(r, "/register");
	form_input(r, "name", "姓名", "text", f->vals[RF_NAME], f->errs[RF_NAME], 1, "name");
	form_input(r, "phone", "手机号码", "tel", f->vals[RF_PHONE], f->errs[RF_PHONE], 1, "tel");
	struct form_option *o = arena_alloc(r->a, (f->ncommunities + 1) * sizeof *o);
	for (size_t i = 0; o && i < f->ncommunities; i++)
		o[i] = (struct form_option){f->communities[i].slug, f->communities[i].name,
		                            f->communities[i].street.name};
	struct form_field cf = {.name = "community",
	                        .label = "所在社区",
	                        .value = f->vals[RF_COMMUNITY],
	                        .error = f->errs[RF_COMMUNITY],
	                        .required = 1};
	if (o)
		form_select(r, &cf, o, f->ncommunities);
	struct form_field idf = {.name = "id_number",
	                         .label = "公民身份号码(选填)",
	                         .hint = "填写后可立即与社区登记的居民信息核对;号码只用于核对,加密保存",
	                         .value = f->vals[RF_ID],
	                         .error = f->errs[RF_ID]};
	form_field_input(r, &idf, "text");
	form_input(r, "password", "密码(至少 10 个字符;不要用常见密码,不要含手机号)", "password", NULL,
	           f->errs[RF_PASSWORD], 1, "new-password");
	form_input(r, "confirm", "再次输入密码", "password", NULL, f->errs[RF_CONFIRM], 1, "new-password");
	form_submit(r, "注册");
	form_end(r);
	H(b, "<p>已有账号?<a href=\"/login\">登录</a></p></section>");
	page_end(r);
}

/* Checks the form: the name, the mobile and the ID number through
 * people_check (the registry's own rules), the community, the password.
 * The number of problems; *c and *rec filled when there are none. */
static int register_check(struct req *r, struct register_form *f, struct community *c,
                          struct people_record *rec)
{
	int bad = fields_validate(r->a, &r->form, register_fields, RF__MAX, f->vals, f->errs);
	struct people_input in = {.name = f->vals[RF_NAME],
	                          .gender = "",
	                          .id_number = f->vals[RF_ID],
	                          .birth = "",
	                          .phone = f->vals[RF_PHONE],
	                          .building = "",
	                          .unit = "",
	                          .room = "",
	                          .household = "",
	                          .relation = "",
	                          .tags = "",
	                          .grid = "",
	                          .note = ""};
	struct people_problem p[PEOPLE_MAX_PROBLEMS];
	int np = people_check(r->a, &in, r->now, rec, p);
	for (int i = 0; i < np; i++) {
		int k = !strcmp(p[i].field, "name")        ? RF_NAME
		        : !strcmp(p[i].field, "phone")     ? RF_PHONE
		        : !strcmp(p[i].field, "id_number") ? RF_ID
		                                           : -1;
		if (k >= 0 && !f->errs[k]) {
			f->errs[k] = p[i].message;
			bad++;
		}
	}
	if (!f->errs[RF_COMMUNITY]) {
		int rc = org_community_by_slug(r->db, r->a, f->vals[RF_COMMUNITY], c);
		if (rc < 0)
			return -1;
		if (rc) {
			f->errs[RF_COMMUNITY] = "请选择所在社区";
			bad++;
		}
	}
	if (!f->errs[RF_PASSWORD] &&
	    (f->errs[RF_PASSWORD] = auth_password_problem(f->vals[RF_PASSWORD], NULL, rec->phone)) != NULL)
		bad++;
	if (!f->errs[RF_PASSWORD] && !f->errs[RF_CONFIRM] &&
	    strcmp(f->vals[RF_PASSWORD], f->vals[RF_CONFIRM])) {
		f->errs[RF_CONFIRM] = "两次输入的密码不一致";
		bad++;
	}
	return bad;
}

/* Counts the registration on the address: 0 may go on, 1 refused (the
 * page written), -1. In a transaction of its own, so that it is counted
 * whatever becomes of the registration. */
static int throttle(struct req *r, struct register_form *f)
{
	const char *key = arena_printf(r->a, "people_register:%s", r->ip ? r->ip : "");
	int64_t until = 0;
	if (!key || db_begin(r->db) < 0)
		return -1;
	int rc = auth_throttle_locked(r->db, key, r->now, &until);
	if (rc == 0 && auth_throttle_fail(r->db, key, PEOPLE_SELF_REGISTRATIONS, r->now) < 0)
		rc = -1;
	if (rc || db_commit(r->db) < 0) {
		db_rollback(r->db);
		if (rc == 1)
			f->refusal =
			    arena_printf(r->a, "从这个网络注册的账号太多,请在 %s再试,或联系所在社区。",
			                 req_retry_after(r, until));
		return rc == 1 ? 1 : -1;
	}
	return 0;
}

static enum http_result show(struct req *r, struct register_form *f, enum http_result hr)
{
	if (org_communities_under(r->db, r->a, 0, &f->communities, &f->ncommunities) < 0)
		return HR_ERROR;
	view_register(r, f);
	if (hr == HR_OK)
		return HR_OK;
	r->body_written = 1;
	return req_fail(r, hr, f->refusal ? f->refusal : "请修改表单中标出的问题。");
}

enum http_result people_self_h_register(struct req *r)
{
	r->cache_control = "no-store";
	struct register_form f = {0};
	if (r->method != METHOD_POST) {
		if (r->user)
			return req_redirect(r, "/account/people");
		f.vals[RF_COMMUNITY] = kv_get(&r->q, "c");
		return show(r, &f, HR_OK);
	}
	struct community c;
	struct people_record rec;
	int bad = register_check(r, &f, &c, &rec);
	if (bad < 0)
		return HR_ERROR;
	if (bad)
		return show(r, &f, HR_INVALID);
	int t = throttle(r, &f);
	if (t)
		return t < 0 ? HR_ERROR : show(r, &f, HR_TOO_MANY);
	char hash[128];
	if (auth_password_hash(f.vals[RF_PASSWORD], hash) < 0)
		return req_error(r, "cannot hash the new password");
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int64_t uid, pid = 0, lid;
	int rc = auth_user_add(r->db, NULL, rec.phone, rec.name, hash, r->now, &uid);
	if (rc == DB_CONSTRAINT) {
		db_rollback(r->db);
		f.errs[RF_PHONE] = "这个手机号已经注册过,请直接登录;忘记密码请联系所在社区";
		return show(r, &f, HR_INVALID);
	}
	int linked = 0;
	if (rc == 0) {
		linked = people_self_census_link(r->db, c.id, rec.name, rec.id_number, uid, r->now, &pid);
		if (linked == 0) {
			int g = auth_grant_add(r->db, uid, c.id, ROLE_RESIDENT, r->now);
			linked = g == 0 || g == DB_CONSTRAINT ? 1 : -1;
		} else if (linked == 1) {
			linked = 0;
		}
	}
	const char *detail = linked ? "身份核对一致,已与居民信息关联" : "等待社区工作人员核实";
	struct audit_event ev = {.user_id = uid,
	                         .actor = rec.name,
	                         .unit_id = c.id,
	                         .action = "people.register",
	                         .entity = "people_link",
	                         .ip = r->ip,
	                         .detail = detail};
	char token[TOKEN_TEXT];
	if (rc != 0 || linked < 0 ||
	    people_self_link_add(r->db, r->a, c.id, uid, rec.name, rec.phone, rec.id_number,
	                         linked ? "linked" : "pending", pid, r->now, &lid) < 0 ||
	    !(ev.entity_id = arena_printf(r->a, "%lld", (long long)lid)) ||
	    audit_write(r->db, &ev, r->now) < 0 ||
	    auth_session_create(r->db, uid, r->ip, r->now, token) < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return req_error(r, "cannot record the registration");
	}
	req_cookie(r, SESSION_COOKIE, arena_strdup(r->a, token), -1);
	return req_redirect(r, "/account/people?registered=1");
}
