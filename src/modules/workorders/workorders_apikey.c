/* Open311 API keys: the admin page /admin/open311/keys (list the clients,
 * issue a key shown once, disable one) and `shequ apikey add|list|disable`. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/str.h"
#include "modules/workorders/workorders_open311.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/table.h"

#define NAME_MAX_CHARS 60

/* A client's name as typed: normalised, one line, 1..60 characters. NULL
 * with *why set when it is not one. */
static const char *client_name(struct arena *a, const char *typed, const char **why)
{
	char *s = typed ? str_normalize(a, typed, strlen(typed)) : NULL;
	if (!s || !*s) {
		*why = "请填写客户端名称。";
		return NULL;
	}
	if (strchr(s, '\n') || utf8_len(s, strlen(s)) > NAME_MAX_CHARS || str_has_bidi_control(s)) {
		*why = "名称应是一行文字,不超过 60 字。";
		return NULL;
	}
	return s;
}

static const struct tcol cols[] = {
    {"客户端", TCOL_ROWHEAD, NULL},
    {"密钥开头", 0, NULL},
    {"签发时间", 0, NULL},
    {"状态", 0, NULL},
    {"操作", 0, NULL},
};

/* The page: the key just issued (once), the form, the clients. */
static void keys_page(struct req *r, struct wo_api_client *list, size_t n, const char *key,
                      const char *key_name, const char *typed, const char *error)
{
	page_begin(r, "Open311 接口密钥");
	struct buf *b = r->out;
	BUF_LIT(b, "<h1>Open311 接口密钥</h1><p>第三方平台(如 FixMyStreet)通过 Open311 GeoReport v2 接口");
	BUF_LIT(b, "向社区提交诉求时,需要使用管理员签发的密钥。接口地址:<code>");
	h_text(b, r->app->public_url ? r->app->public_url : "");
	BUF_LIT(b, "/open311/v2/</code>,社区代码(jurisdiction_id)即社区网址 /c/&lt;代码&gt;/ 中的代码。</p>");
	if (key) {
		BUF_LIT(b, "<div class=\"notice\" role=\"status\"><p>已为“");
		h_text(b, key_name);
		BUF_LIT(b, "”签发密钥。密钥只显示这一次,请立即复制并妥善交给对方:</p><p><code>");
		h_text(b, key);
		BUF_LIT(b, "</code></p></div>");
	}
	if (error)
		form_error_summary(r, &error, 1);
	BUF_LIT(b, "<h2>签发新密钥</h2>");
	form_begin(r, "/admin/open311/keys");
	form_hidden(r, "action", "add");
	struct form_field f = {
	    "name", "客户端名称", "如“某某平台”,不超过 60 字,不能与已有的重名", typed, error, 1, NULL};
	form_field_input(r, &f, "text");
	form_submit(r, "签发密钥");
	form_end(r);
	BUF_LIT(b, "<h2>已签发的密钥</h2>");
	struct table t;
	table_begin(&t, b, NULL, "Open311 客户端", cols, 5, TABLE_CARDS, "还没有签发密钥");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_text(&t, list[i].name);
		table_text(&t, arena_printf(r->a, "%s…", list[i].key_hint));
		table_time(&t, list[i].created_at);
		table_text(&t, list[i].disabled_at ? "已停用" : "使用中");
		struct buf *cell = table_cell(&t, "");
		if (cell && !list[i].disabled_at) {
			form_begin(r, "/admin/open311/keys");
			form_hidden(r, "action", "disable");
			form_hidden(r, "name", list[i].name);
			BUF_LIT(cell, "<button type=\"submit\">停用“");
			h_text(cell, list[i].name);
			BUF_LIT(cell, "”</button>");
			form_end(r);
		}
		table_cell_end(&t);
	}
	table_end(&t);
	page_end(r);
}

enum http_result wo_apikey_h_admin(struct req *r)
{
	struct wo_api_client *list;
	size_t n;
	if (r->method != METHOD_POST) {
		if (wo_apikey_list(r->db, r->a, &list, &n) < 0)
			return HR_ERROR;
		keys_page(r, list, n, NULL, NULL, NULL, NULL);
		return HR_OK;
	}
	const char *action = kv_get(&r->form, "action"), *why = NULL;
	const char *typed = kv_get(&r->form, "name");
	const char *name = client_name(r->a, typed, &why);
	r->cache_control = "no-store";
	if (action && !strcmp(action, "disable")) {
		if (!name)
			return req_fail(r, HR_BAD_REQUEST, why);
		if (db_begin(r->db) < 0)
			return HR_ERROR;
		int rc = wo_apikey_disable(r->db, name, r->now);
		if (rc < 0) {
			db_rollback(r->db);
			return HR_ERROR;
		}
		if (rc == 1) {
			db_rollback(r->db);
			return req_fail(r, HR_NOT_FOUND, "没有这个客户端,或它的密钥已经停用。");
		}
		if (req_audit_commit(r, "workorders.apikey_disable", "workorders_api_client", 0, name) < 0)
			return HR_ERROR;
		return req_redirect(r, "/admin/open311/keys");
	}
	if (!action || strcmp(action, "add"))
		return req_fail(r, HR_BAD_REQUEST, "不认识的操作。");
	char key[64];
	int64_t id = 0;
	int rc = 1;
	if (name) {
		if (db_begin(r->db) < 0)
			return HR_ERROR;
		rc = wo_apikey_add(r->db, name, r->user ? r->user->id : 0, r->now, key, &id);
		if (rc < 0) {
			db_rollback(r->db);
			return HR_ERROR;
		}
		if (rc == 1) {
			db_rollback(r->db);
			why = "已有同名的客户端,请换一个名称。";
		} else if (req_audit_commit(r, "workorders.apikey_add", "workorders_api_client", id, name) <
		           0) {
			return HR_ERROR;
		}
	}
	if (wo_apikey_list(r->db, r->a, &list, &n) < 0)
		return HR_ERROR;
	if (rc != 0) {
		keys_page(r, list, n, NULL, NULL, typed, why);
		r->body_written = 1;
		return HR_INVALID;
	}
	keys_page(r, list, n, key, name, NULL, NULL);
	return HR_OK;
}

/* ---- shequ apikey ---- */

static const char apikey_usage[] = "usage: shequ apikey add --name NAME [--db URL]\n"
                                   "       shequ apikey list [--db URL]\n"
                                   "       shequ apikey disable --name NAME [--db URL]\n"
                                   "Keys of Open311 clients (POST /open311/v2/requests.xml needs one).\n"
                                   "`add` prints the new key once; only its SHA-256 is stored.\n";

/* Commits a CLI action with its audit row; prints and returns 1 on failure. */
static int commit_audited(struct db *db, const char *action, const char *name)
{
	struct audit_event ev = {.actor = "命令行",
	                         .action = action,
	                         .entity = "workorders_api_client",
	                         .entity_id = name,
	                         .ip = "cli",
	                         .detail = name};
	if (audit_write(db, &ev, clock_now()) < 0 || db_commit(db) < 0) {
		fprintf(stderr, "shequ: %s\n", db_errmsg(db));
		db_rollback(db);
		return 1;
	}
	return 0;
}

int wo_apikey_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"name", required_argument, NULL, 'n'},
	    {"db", required_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *typed = NULL, *dburl = NULL;
	if (argc < 2)
		return cli_usage(apikey_usage, 0);
	const char *sub = argv[1];
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h"))
		return cli_usage(apikey_usage, 1);
	optind = 2;
	int c;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'n')
			typed = optarg;
		else if (c == 'd')
			dburl = optarg;
		else
			return cli_usage(apikey_usage, c == 'h');
	}
	if (optind != argc || (strcmp(sub, "list") && !typed) || (!strcmp(sub, "list") && typed))
		return cli_usage(apikey_usage, 0);
	struct arena a;
	arena_init(&a, 4u << 20);
	const char *why = NULL, *name = typed ? client_name(&a, typed, &why) : NULL;
	if (typed && !name) {
		fprintf(stderr, "shequ: %s\n", why);
		arena_free(&a);
		return 2;
	}
	struct db *db;
	if (cli_open(cli_db_url(dburl), 1, &db) < 0) {
		arena_free(&a);
		return 1;
	}
	int status = 0;
	if (!strcmp(sub, "add")) {
		char key[64];
		int64_t id;
		int rc = db_begin(db) < 0 ? -1 : wo_apikey_add(db, name, 0, clock_now(), key, &id);
		if (rc == 0 && !(status = commit_audited(db, "workorders.apikey_add", name))) {
			printf("%s\n", key);
		} else if (rc != 0) {
			db_rollback(db);
			fprintf(stderr, "shequ: %s\n",
			        rc == 1 ? "a client of that name exists already" : db_errmsg(db));
			status = 1;
		}
	} else if (!strcmp(sub, "disable")) {
		int rc = db_begin(db) < 0 ? -1 : wo_apikey_disable(db, name, clock_now());
		if (rc == 0) {
			status = commit_audited(db, "workorders.apikey_disable", name);
		} else {
			db_rollback(db);
			fprintf(stderr, "shequ: %s\n",
			        rc == 1 ? "no such client, or its key is disabled already" : db_errmsg(db));
			status = 1;
		}
	} else if (!strcmp(sub, "list")) {
		struct wo_api_client *list;
		size_t n;
		if (wo_apikey_list(db, &a, &list, &n) < 0) {
			fprintf(stderr, "shequ: %s\n", db_errmsg(db));
			status = 1;
		}
		for (size_t i = 0; status == 0 && i < n; i++) {
			char when[32];
			clock_format_cst(list[i].created_at, when, sizeof when);
			printf("%s\t%s…\t%s\t%s\n", list[i].name, list[i].key_hint, when,
			       list[i].disabled_at ? "disabled" : "active");
		}
	} else {
		status = cli_usage(apikey_usage, 0);
	}
	db_close(db);
	arena_free(&a);
	return status;
}
