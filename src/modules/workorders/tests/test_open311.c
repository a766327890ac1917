/* End-to-end: Open311 GeoReport v2 under /open311/v2/ over the demo data
 * (SQLite, and PostgreSQL under tests/pg/with-postgres.sh): every endpoint
 * in XML (parsed with libxml2) and JSON, every error with its status and
 * code, a POST shaped as FixMyStreet sends one, the 90-day window and the
 * 1000 cap, the keys (page and command line), and that the requester's
 * name, phone and e-mail never come back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "harness.h"

#define V2 "/open311/v2/"
#define XFL "(SELECT id FROM org_unit WHERE slug = 'xingfuli')"

static const char *fixture; /* tests/fixtures/open311/fixmystreet_post.txt */
static char key[64];        /* a key issued by `shequ apikey add` */

/* ---- helpers ---- */

/* Runs `shequ apikey ARGS` and returns its first output line (static), or NULL. */
static const char *apikey_cli(const char *args, int *status)
{
	static char line[128];
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s apikey %s --db '%s' 2>/dev/null", shequ, args, dbpath);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	line[0] = 0;
	if (!fgets(line, sizeof line, p))
		line[0] = 0;
	line[strcspn(line, "\n")] = 0;
	char rest[256];
	while (fgets(rest, sizeof rest, p))
		;
	int rc = pclose(p);
	*status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
	return line;
}

static void get(const char *path, struct resp *r)
{
	visit(at, path, NULL, r);
}

static void post(const char *path, const char *body, struct resp *r)
{
	CURL *c = client();
	request(c, path, body, NULL, r);
	curl_easy_cleanup(c);
}

/* The body parsed as XML, its root named root (asserted). Free with xmlFreeDoc. */
static xmlDocPtr xml(const struct resp *r, const char *root)
{
	assert_true(has_header(r, "text/xml; charset=utf-8"));
	assert_non_null(strstr(r->body.data, "<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
	xmlDocPtr d = xmlReadMemory(r->body.data, (int)strlen(r->body.data), "open311.xml", "UTF-8",
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!d)
		fail_msg("not XML: %s", r->body.data);
	assert_string_equal((const char *)xmlDocGetRootElement(d)->name, root);
	return d;
}

/* The text of the first node matching xpath (static copy; "" if none). */
static const char *xtext(xmlDocPtr d, const char *xpath)
{
	static char out[4096];
	out[0] = 0;
	xmlXPathContextPtr ctx = xmlXPathNewContext(d);
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	if (o && o->nodesetval && o->nodesetval->nodeNr > 0) {
		xmlChar *t = xmlNodeGetContent(o->nodesetval->nodeTab[0]);
		snprintf(out, sizeof out, "%s", t ? (const char *)t : "");
		xmlFree(t);
	}
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return out;
}

/* How many nodes match xpath. */
static int xcount(xmlDocPtr d, const char *xpath)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(d);
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	int n = o && o->nodesetval ? o->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return n;
}

/* The body parsed as JSON (asserted). */
static json_t *js(const struct resp *r)
{
	assert_true(has_header(r, "application/json; charset=utf-8"));
	json_error_t e;
	json_t *j = json_loads(r->body.data, 0, &e);
	if (!j)
		fail_msg("not JSON (%s): %s", e.text, r->body.data);
	return j;
}

/* Asserts r is an Open311 error with this status and code, in the path's format. */
static void is_error(struct resp *r, long status, const char *code, int json)
{
	if (r->status != status)
		fail_msg("status %ld, wanted %ld: %s", r->status, status, r->body.data);
	if (json) {
		json_t *j = js(r);
		assert_true(json_is_array(j));
		assert_int_equal(json_array_size(j), 1);
		assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "code")), code);
		assert_true(strlen(json_string_value(json_object_get(json_array_get(j, 0), "description"))) >
		            0);
		json_decref(j);
	} else {
		xmlDocPtr d = xml(r, "errors");
		assert_int_equal(xcount(d, "/errors/error"), 1);
		assert_string_equal(xtext(d, "/errors/error/code"), code);
		assert_true(strlen(xtext(d, "/errors/error/description")) > 0);
		xmlFreeDoc(d);
	}
}

static int64_t open311_orders(void)
{
	return db_int("SELECT COUNT(*) FROM workorders_order WHERE api_client_id IS NOT NULL", NULL, NULL);
}

/* The form body of the FixMyStreet fixture with our key in it (malloc'd). */
static char *fixture_body(const char *with_key)
{
	FILE *f = fopen(fixture, "r");
	assert_non_null(f);
	char raw[8192];
	size_t n = fread(raw, 1, sizeof raw - 1, f);
	fclose(f);
	raw[n] = 0;
	char *at_key = strstr(raw, "@KEY@");
	assert_non_null(at_key);
	char *out = malloc(n + 128);
	assert_non_null(out);
	snprintf(out, n + 128, "%.*s%s%s", (int)(at_key - raw), raw, with_key, at_key + 5);
	return out;
}

/* A minimal valid request: a complaint at an address, with its required attributes. */
static void post_ok(const char *extra, int64_t *id, char token[64])
{
	char body[2048];
	snprintf(body, sizeof body,
	         "api_key=%s&jurisdiction_id=xingfuli&service_code=complaint&address_string=%%E5%%B9%%B8%%E7%"
	         "%A6%%8F%%E9%%87%%8C"
	         "5%%E5%%8F%%B7%%E6%%A5%%BC&attribute[building]=5%%E5%%8F%%B7%%E6%%A5%%BC"
	         "&attribute[occurred_at]=2026-11-20T20:00:00%%2B08:00&description=%%E5%%A4%%9C%%E9%%97%%B4%%"
	         "E5%%99%%AA%%E9%%9F%%B3%s",
	         key, extra ? extra : "");
	struct resp r;
	post(V2 "requests.json", body, &r);
	if (r.status != 200)
		fail_msg("POST refused: %ld %s", r.status, r.body.data);
	json_t *j = js(&r);
	json_t *o = json_array_get(j, 0);
	*id = json_integer_value(json_object_get(o, "service_request_id"));
	assert_true(*id > 0);
	if (token)
		snprintf(token, 64, "%s", json_string_value(json_object_get(o, "token")));
	json_decref(j);
	done(&r);
}

/* Unix time t as a W3C UTC datetime for a URL. */
static const char *w3c(time_t t, char out[32])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

/* Inserts count orders of kind and state into 幸福里, ids first.., the newest
 * received at newest and each older one step seconds before. Bound, never printed. */
static void insert_orders(int64_t first, int64_t count, int64_t newest, int64_t step, const char *kind,
                          const char *state)
{
	struct db *db;
	char err[256];
	assert_int_equal(db_open(dbpath, &db, err, sizeof err), 0);
	struct db_stmt *st = db_prepare_adhoc(
	    db,
	    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < CAST(?2 AS BIGINT))"
	    " INSERT INTO workorders_order (community_id, id, tracking_code, channel, kind, state, subject,"
	    " subject_masked, received_at, updated_at)"
	    " SELECT " XFL
	    ", CAST(?1 AS BIGINT) + i, 'BULK' || CAST(CAST(?1 AS BIGINT) + i AS TEXT), 'web', ?5, ?6,"
	    " '批量', '批量', CAST(?3 AS BIGINT) - i * CAST(?4 AS BIGINT), CAST(?3 AS BIGINT) - i * CAST(?4 "
	    "AS BIGINT)"
	    " FROM n");
	assert_non_null(st);
	db_bind_int(st, 1, first);
	db_bind_int(st, 2, count);
	db_bind_int(st, 3, newest);
	db_bind_int(st, 4, step);
	db_bind_text(st, 5, kind, -1);
	db_bind_text(st, 6, state, -1);
	if (db_step(st) != DB_DONE)
		fail_msg("insert: %s", db_errmsg(db));
	db_finalize(st);
	db_close(db);
}

static int setup_key(void **state)
{
	(void)state;
	int status;
	const char *k = apikey_cli("add --name 测试客户端", &status);
	assert_int_equal(status, 0);
	assert_int_equal(strlen(k), 43);
	snprintf(key, sizeof key, "%s", k);
	return 0;
}

/* ---- tests ---- */

static void the_service_list_in_xml_and_json(void **state)
{
	(void)state;
	struct resp r;
	get(V2 "services.xml?jurisdiction_id=xingfuli", &r);
	assert_int_equal(r.status, 200);
	xmlDocPtr d = xml(&r, "services");
	assert_int_equal(xcount(d, "/services/service"), 5);
	assert_string_equal(xtext(d, "/services/service[1]/service_code"), "request");
	assert_string_equal(xtext(d, "/services/service[1]/service_name"), "求助/服务请求");
	assert_string_equal(xtext(d, "/services/service[1]/metadata"), "true");
	assert_string_equal(xtext(d, "/services/service[1]/type"), "realtime");
	assert_string_equal(xtext(d, "/services/service[1]/group"), "服务热线");
	assert_string_equal(xtext(d, "/services/service[service_code='petition']/group"), "来信来访");
	assert_string_equal(xtext(d, "/services/service[service_code='inquiry']/metadata"), "false");
	assert_int_equal(xcount(d, "/services/service[service_code='mediation']"), 0);
	xmlFreeDoc(d);
	done(&r);

	get(V2 "services.json?jurisdiction_id=xingfuli", &r);
	assert_int_equal(r.status, 200);
	json_t *j = js(&r);
	assert_int_equal(json_array_size(j), 5);
	json_t *s = json_array_get(j, 1);
	assert_string_equal(json_string_value(json_object_get(s, "service_code")), "complaint");
	assert_true(json_is_true(json_object_get(s, "metadata")));
	assert_string_equal(json_string_value(json_object_get(s, "keywords")), "投诉,举报,物业,噪音");
	json_decref(j);
	done(&r);
}

static void service_definitions_cover_every_datatype(void **state)
{
	(void)state;
	struct resp r;
	get(V2 "services/request.xml?jurisdiction_id=xingfuli", &r);
	assert_int_equal(r.status, 200);
	xmlDocPtr d = xml(&r, "service_definition");
	assert_string_equal(xtext(d, "/service_definition/service_code"), "request");
	assert_int_equal(xcount(d, "/service_definition/attributes/attribute"), 6);
	const char *types[] = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"};
	for (int i = 0; i < 6; i++) {
		char xp[128];
		snprintf(xp, sizeof xp, "/service_definition/attributes/attribute[%d]/datatype", i + 1);
		assert_string_equal(xtext(d, xp), types[i]);
		snprintf(xp, sizeof xp, "/service_definition/attributes/attribute[%d]/order", i + 1);
		assert_int_equal(atoi(xtext(d, xp)), i + 1);
	}
	assert_string_equal(xtext(d, "//attribute[code='building']/required"), "true");
	assert_string_equal(xtext(d, "//attribute[code='households']/required"), "false");
	assert_string_equal(xtext(d, "//attribute[code='building']/variable"), "true");
	assert_int_equal(xcount(d, "//attribute[code='urgency']/values/value"), 3);
	assert_string_equal(xtext(d, "//attribute[code='urgency']/values/value[2]/key"), "urgent");
	assert_string_equal(xtext(d, "//attribute[code='urgency']/values/value[2]/name"), "较急");
	assert_int_equal(xcount(d, "//attribute[code='facilities']/values/value"), 9);
	xmlFreeDoc(d);
	done(&r);

	get(V2 "services/request.json?jurisdiction_id=xingfuli", &r);
	assert_int_equal(r.status, 200);
	json_t *j = js(&r);
	json_t *attrs = json_object_get(j, "attributes");
	assert_int_equal(json_array_size(attrs), 6);
	json_t *occurred = json_array_get(attrs, 2);
	assert_string_equal(json_string_value(json_object_get(occurred, "code")), "occurred_at");
	assert_true(json_is_false(json_object_get(occurred, "required")));
	assert_int_equal(json_integer_value(json_object_get(occurred, "order")), 3);
	json_decref(j);
	done(&r);

	/* Public and kept: the second visit is answered from the response cache. */
	get(V2 "services/request.json?jurisdiction_id=xingfuli", &r);
	assert_int_equal(r.status, 200);
	assert_true(has_header(&r, "x-cache: hit"));
	done(&r);

	/* A service without metadata has an empty definition. */
	get(V2 "services/inquiry.json?jurisdiction_id=xingfuli", &r);
	assert_int_equal(r.status, 200);
	j = js(&r);
	assert_int_equal(json_array_size(json_object_get(j, "attributes")), 0);
	json_decref(j);
	done(&r);
}

static void errors_name_the_jurisdiction_the_service_and_the_format(void **state)
{
	(void)state;
	struct resp r;
	/* Three demo communities: jurisdiction_id is required. */
	get(V2 "services.xml", &r);
	is_error(&r, 400, "jurisdiction_id_missing", 0);
	done(&r);
	get(V2 "requests.json", &r);
	is_error(&r, 400, "jurisdiction_id_missing", 1);
	done(&r);
	get(V2 "services.json?jurisdiction_id=nowhere", &r);
	is_error(&r, 404, "jurisdiction_id_not_found", 1);
	done(&r);
	get(V2 "tokens/X.xml?jurisdiction_id=nowhere", &r);
	is_error(&r, 404, "jurisdiction_id_not_found", 0);
	done(&r);
	/* An empty jurisdiction_id is as none (the spec's optional arguments). */
	get(V2 "services.xml?jurisdiction_id=", &r);
	is_error(&r, 400, "jurisdiction_id_missing", 0);
	done(&r);
	get(V2 "services/nosuch.xml?jurisdiction_id=xingfuli", &r);
	is_error(&r, 404, "service_code_not_found", 0);
	done(&r);
	get(V2 "services/mediation.json?jurisdiction_id=xingfuli", &r);
	is_error(&r, 404, "service_code_not_found", 1);
	done(&r);
	get(V2 "requests/999999.xml?jurisdiction_id=xingfuli", &r);
	is_error(&r, 404, "service_request_id_not_found", 0);
	done(&r);
	get(V2 "requests/abc.json?jurisdiction_id=xingfuli", &r);
	is_error(&r, 404, "service_request_id_not_found", 1);
	done(&r);
	get(V2 "tokens/NOSUCHTOKEN.json?jurisdiction_id=xingfuli", &r);
	is_error(&r, 404, "token_not_found", 1);
	done(&r);
	/* Another extension, and a path no route answers: XML, the format every client reads. */
	get(V2 "services.html?jurisdiction_id=xingfuli", &r);
	is_error(&r, 404, "format_not_supported", 0);
	done(&r);
	get(V2 "nothing.xml", &r);
	is_error(&r, 404, "404", 0);
	done(&r);
	get("/open311/v3/services.json", &r);
	is_error(&r, 404, "404", 1);
	done(&r);
}

static void posting_needs_a_valid_enabled_key(void **state)
{
	(void)state;
	int64_t before = open311_orders();
	struct resp r;
	post(V2 "requests.xml", "jurisdiction_id=xingfuli&service_code=request&address_string=x", &r);
	is_error(&r, 403, "api_key_missing", 0);
	done(&r);
	post(V2 "requests.json", "api_key=&jurisdiction_id=xingfuli&service_code=request&address_string=x",
	     &r);
	is_error(&r, 403, "api_key_missing", 1);
	done(&r);
	post(V2 "requests.json",
	     "api_key=not-a-key&jurisdiction_id=xingfuli&service_code=request&address_string=x", &r);
	is_error(&r, 403, "api_key_invalid", 1);
	done(&r);
	/* A key disabled on the command line stops working at once. */
	int status;
	const char *k2 = apikey_cli("add --name 停用的客户端", &status);
	assert_int_equal(status, 0);
	char k[64];
	snprintf(k, sizeof k, "%s", k2);
	apikey_cli("disable --name 停用的客户端", &status);
	assert_int_equal(status, 0);
	char body[256];
	snprintf(body, sizeof body,
	         "api_key=%s&jurisdiction_id=xingfuli&service_code=inquiry&address_string=x", k);
	post(V2 "requests.xml", body, &r);
	is_error(&r, 403, "api_key_disabled", 0);
	done(&r);
	/* The command line refuses a second client of the same name and lists both. */
	apikey_cli("add --name 停用的客户端", &status);
	assert_int_equal(status, 1);
	apikey_cli("disable --name 停用的客户端", &status);
	assert_int_equal(status, 1);
	const char *line = apikey_cli("list", &status);
	assert_int_equal(status, 0);
	assert_non_null(strstr(line, "disabled")); /* 停用的客户端 sorts first */
	assert_int_equal(open311_orders(), before);
	/* GET needs no key. */
	get(V2 "services.xml?jurisdiction_id=xingfuli", &r);
	assert_int_equal(r.status, 200);
	xmlFreeDoc(xml(&r, "services"));
	done(&r);
}

static void posting_refuses_bad_fields_and_writes_nothing(void **state)
{
	(void)state;
	int64_t before = open311_orders();
	static const struct {
		const char *fields, *code;
		long status;
	} cases[] = {
	    {"address_string=x", "service_code_missing", 400},
	    {"service_code=nosuch&address_string=x", "service_code_not_found", 404},
	    {"service_code=inquiry", "location_missing", 400},
	    {"service_code=inquiry&lat=&long=&address_string=", "location_missing", 400},
	    {"service_code=inquiry&lat=39.9", "long_missing", 400},
	    {"service_code=inquiry&lat=91&long=116.4", "lat_invalid", 400},
	    {"service_code=inquiry&lat=39.9&long=east", "long_invalid", 400},
	    {"service_code=request&address_string=x&attribute[urgency]=normal",
	     "attribute[building]_required", 400},
	    {"service_code=request&address_string=x&attribute[building]=1&attribute[urgency]=panic",
	     "attribute[urgency]_invalid", 400},
	    {"service_code=request&address_string=x&attribute[building]=1&attribute[urgency]=normal"
	     "&attribute[households]=many",
	     "attribute[households]_invalid", 400},
	    {"service_code=request&address_string=x&attribute[building]=1&attribute[urgency]=normal"
	     "&attribute[households]=100001",
	     "attribute[households]_out_of_range", 400},
	    {"service_code=request&address_string=x&attribute[building]=1&attribute[urgency]=normal"
	     "&attribute[occurred_at]=yesterday",
	     "attribute[occurred_at]_invalid", 400},
	    {"service_code=request&address_string=x&attribute[building]=1&attribute[urgency]=normal"
	     "&attribute[facilities][]=water&attribute[facilities][]=spaceship",
	     "attribute[facilities]_invalid", 400},
	    {"service_code=request&address_string=x&attribute[building]=a%0Ab&attribute[urgency]=normal",
	     "attribute[building]_invalid", 400},
	    {"service_code=inquiry&address_string=x&email=not-an-address", "email_invalid", 400},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char body[1024];
		snprintf(body, sizeof body, "api_key=%s&jurisdiction_id=xingfuli&%s", key, cases[i].fields);
		struct resp r;
		post(i % 2 ? V2 "requests.json" : V2 "requests.xml", body, &r);
		is_error(&r, cases[i].status, cases[i].code, (int)(i % 2));
		done(&r);
	}
	/* A description over the spec's 4,000 characters. */
	size_t n = 4001 * 3 + 256;
	char *body = malloc(n);
	assert_non_null(body);
	int off = snprintf(
	    body, n,
	    "api_key=%s&jurisdiction_id=xingfuli&service_code=inquiry&address_string=x&description=", key);
	for (int i = 0; i < 4001; i++)
		memcpy(body + off + i * 3, "%41", 3);
	body[off + 4001 * 3] = 0;
	struct resp r;
	post(V2 "requests.xml", body, &r);
	is_error(&r, 400, "description_too_long", 0);
	done(&r);
	free(body);
	/* Unknown jurisdiction on a POST. */
	char b2[256];
	snprintf(b2, sizeof b2, "api_key=%s&jurisdiction_id=nowhere&service_code=inquiry&address_string=x",
	         key);
	post(V2 "requests.xml", b2, &r);
	is_error(&r, 404, "jurisdiction_id_not_found", 0);
	done(&r);
	assert_int_equal(open311_orders(), before);
}

static void a_fixmystreet_post_is_accepted_and_found_by_its_token(void **state)
{
	(void)state;
	int64_t before = open311_orders();
	char *body = fixture_body(key);
	struct resp r;
	post(V2 "requests.xml", body, &r);
	free(body);
	if (r.status != 200)
		fail_msg("FixMyStreet's POST refused: %ld %s", r.status, r.body.data);
	xmlDocPtr d = xml(&r, "service_requests");
	assert_int_equal(xcount(d, "/service_requests/request"), 1);
	char id[32], token[64];
	snprintf(id, sizeof id, "%s", xtext(d, "/service_requests/request/service_request_id"));
	snprintf(token, sizeof token, "%s", xtext(d, "/service_requests/request/token"));
	assert_true(atoll(id) > 0);
	assert_true(strlen(token) > 0);
	assert_string_equal(xtext(d, "/service_requests/request/service_notice"),
	                    "社区 24 小时内响应,7 日内办结并答复。");
	assert_int_equal(xcount(d, "/service_requests/request/account_id"), 1);
	xmlFreeDoc(d);
	done(&r);
	assert_int_equal(open311_orders(), before + 1);

	/* An ordinary work order: channel web, the client's id, the attributes given (blank ones and
	 * the service's unknown ones left out), the contact sealed. */
	assert_int_equal(
	    db_int(
	        "SELECT COUNT(*) FROM workorders_order WHERE id = CAST(? AS BIGINT) AND community_id = " XFL
	        " AND channel = 'web' AND kind = 'request' AND state = 'received' AND tracking_code = ?",
	        id, token),
	    1);
	assert_int_equal(
	    db_int(
	        "SELECT COUNT(*) FROM workorders_order WHERE id = CAST(? AS BIGINT) AND community_id = " XFL
	        " AND attributes = ?",
	        id, "{\"building\":\"3号楼2单元\",\"urgency\":\"urgent\"}"),
	    1);
	assert_int_equal(
	    db_int(
	        "SELECT COUNT(*) FROM workorders_order WHERE id = CAST(? AS BIGINT) AND community_id = " XFL
	        " AND subject = ? AND requester_name_sealed IS NOT NULL AND requester_phone_sealed IS NOT "
	        "NULL",
	        id, "3号楼电梯停运"),
	    1);
	assert_int_equal(
	    db_int("SELECT COUNT(*) FROM workorders_open311_contact WHERE order_id = CAST(? AS BIGINT)"
	           " AND email_sealed IS NOT NULL",
	           id, NULL),
	    1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM workorders_open311_contact WHERE email_sealed = ?",
	                        "fms-user@example.cn", NULL),
	                 0);
	assert_int_equal(audit_count("workorders.open311_add") >= 1, 1);

	/* FixMyStreet polls tokens/{token}.xml with its jurisdiction. */
	char path[256];
	snprintf(path, sizeof path, V2 "tokens/%s.xml?jurisdiction_id=xingfuli", token);
	get(path, &r);
	assert_int_equal(r.status, 200);
	d = xml(&r, "service_requests");
	assert_string_equal(xtext(d, "/service_requests/request/service_request_id"), id);
	assert_string_equal(xtext(d, "/service_requests/request/token"), token);
	xmlFreeDoc(d);
	done(&r);
	snprintf(path, sizeof path, V2 "tokens/%s.json?jurisdiction_id=xingfuli", token);
	get(path, &r);
	assert_int_equal(r.status, 200);
	json_t *j = js(&r);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(j, 0), "service_request_id")),
	                 atoll(id));
	json_decref(j);
	done(&r);
	/* The token of another community's jurisdiction is not found there. */
	snprintf(path, sizeof path, V2 "tokens/%s.xml?jurisdiction_id=heping", token);
	get(path, &r);
	is_error(&r, 404, "token_not_found", 0);
	done(&r);

	/* And reads it back as the spec's fields, in both formats. */
	snprintf(path, sizeof path, V2 "requests/%s.xml?jurisdiction_id=xingfuli", id);
	get(path, &r);
	assert_int_equal(r.status, 200);
	d = xml(&r, "service_requests");
	assert_string_equal(xtext(d, "//request/service_request_id"), id);
	assert_string_equal(xtext(d, "//request/status"), "open");
	assert_string_equal(xtext(d, "//request/service_code"), "request");
	assert_string_equal(xtext(d, "//request/service_name"), "求助/服务请求");
	assert_string_equal(xtext(d, "//request/lat"), "39.915"); /* 39.9151234 rounded to ~100 m */
	assert_string_equal(xtext(d, "//request/long"), "116.404");
	assert_string_equal(xtext(d, "//request/agency_responsible"), "幸福里社区");
	assert_int_equal(strlen(xtext(d, "//request/requested_datetime")), 25);
	assert_non_null(strstr(xtext(d, "//request/requested_datetime"), "+08:00"));
	assert_non_null(strstr(xtext(d, "//request/expected_datetime"), "T23:59:59+08:00"));
	assert_string_equal(xtext(d, "//request/media_url"), "");
	/* The subject (the first line, its "title:" dropped), never the text. */
	assert_string_equal(xtext(d, "//request/description"), "3号楼电梯停运");
	xmlFreeDoc(d);
	done(&r);
	snprintf(path, sizeof path, V2 "requests/%s.json?jurisdiction_id=xingfuli", id);
	get(path, &r);
	assert_int_equal(r.status, 200);
	j = js(&r);
	json_t *o = json_array_get(j, 0);
	assert_true(json_is_real(json_object_get(o, "lat")));
	assert_string_equal(json_string_value(json_object_get(o, "status")), "open");
	assert_true(json_is_null(json_object_get(o, "media_url")));
	json_decref(j);
	done(&r);
}

static void requests_filter_by_id_code_status_and_dates(void **state)
{
	(void)state;
	int64_t a, b;
	post_ok(NULL, &a, NULL);
	post_ok(NULL, &b, NULL);
	char path[512], ids[64];
	struct resp r;
	/* service_request_id: a comma list, overriding the other filters. */
	snprintf(path, sizeof path,
	         V2 "requests.xml?jurisdiction_id=xingfuli&service_request_id=%lld,%lld&status=closed",
	         (long long)a, (long long)b);
	get(path, &r);
	assert_int_equal(r.status, 200);
	xmlDocPtr d = xml(&r, "service_requests");
	assert_int_equal(xcount(d, "/service_requests/request"), 2);
	snprintf(ids, sizeof ids, "%lld", (long long)b);
	assert_string_equal(xtext(d, "/service_requests/request[1]/service_request_id"),
	                    ids); /* newest first */
	xmlFreeDoc(d);
	done(&r);

	/* Close b: status=closed lists it, status=open does not. */
	assert_int_equal(
	    db_exec1(
	        "UPDATE workorders_order SET state = 'closed', closed_at = updated_at, resolved = 1, "
	        "reply_masked = '已修好' WHERE api_client_id IS NOT NULL AND state = 'received' AND id = "
	        "(SELECT MAX(id) FROM workorders_order WHERE api_client_id IS NOT NULL)"),
	    0);
	char t1[32], t2[32];
	time_t now = time(NULL);
	snprintf(path, sizeof path,
	         V2 "requests.json?jurisdiction_id=xingfuli&status=closed&start_date=%s&end_date=%s",
	         w3c(now - 80 * 86400, t1), w3c(now + 3600, t2));
	get(path, &r);
	assert_int_equal(r.status, 200);
	json_t *j = js(&r);
	assert_true(json_array_size(j) >= 1);
	for (size_t i = 0; i < json_array_size(j); i++)
		assert_string_equal(json_string_value(json_object_get(json_array_get(j, i), "status")),
		                    "closed");
	int found = 0;
	for (size_t i = 0; i < json_array_size(j); i++)
		if (json_integer_value(json_object_get(json_array_get(j, i), "service_request_id")) == b) {
			found = 1;
			assert_string_equal(
			    json_string_value(json_object_get(json_array_get(j, i), "status_notes")),
			    "已办结,问题已解决"); /* never the reply's text */
		}
	assert_true(found);
	json_decref(j);
	done(&r);

	/* service_code as a comma list; status=open. */
	get(V2 "requests.json?jurisdiction_id=xingfuli&service_code=complaint,petition&status=open", &r);
	assert_int_equal(r.status, 200);
	j = js(&r);
	found = 0;
	for (size_t i = 0; i < json_array_size(j); i++) {
		json_t *o = json_array_get(j, i);
		const char *code = json_string_value(json_object_get(o, "service_code"));
		assert_true(!strcmp(code, "complaint") || !strcmp(code, "petition"));
		assert_string_equal(json_string_value(json_object_get(o, "status")), "open");
		found |= json_integer_value(json_object_get(o, "service_request_id")) == a;
		assert_false(json_integer_value(json_object_get(o, "service_request_id")) == b);
	}
	assert_true(found);
	json_decref(j);
	done(&r);

	/* Bad filters. */
	get(V2 "requests.xml?jurisdiction_id=xingfuli&start_date=yesterday", &r);
	is_error(&r, 400, "start_date_invalid", 0);
	done(&r);
	get(V2 "requests.json?jurisdiction_id=xingfuli&end_date=2026-13-01T00:00:00Z", &r);
	is_error(&r, 400, "end_date_invalid", 1);
	done(&r);
	get(V2 "requests.xml?jurisdiction_id=xingfuli&start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:"
	       "00:00Z",
	    &r);
	is_error(&r, 400, "date_range_too_long", 0);
	done(&r);
	get(V2 "requests.xml?jurisdiction_id=xingfuli&start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:"
	       "00:00Z",
	    &r);
	is_error(&r, 400, "date_range_invalid", 0);
	done(&r);
	get(V2 "requests.json?jurisdiction_id=xingfuli&status=pending", &r);
	is_error(&r, 400, "status_invalid", 1);
	done(&r);
	get(V2 "requests.json?jurisdiction_id=xingfuli&service_request_id=1,x", &r);
	is_error(&r, 400, "service_request_id_invalid", 1);
	done(&r);
	get(V2 "requests.xml?jurisdiction_id=xingfuli&service_code=mediation", &r);
	is_error(&r, 404, "service_code_not_found", 0);
	done(&r);
	/* Exactly 90 days is allowed, with the +08:00 offset. */
	get(V2 "requests.xml?jurisdiction_id=xingfuli&start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-"
	       "04-01T00:00:00%2B08:00",
	    &r);
	assert_int_equal(r.status, 200);
	xmlFreeDoc(xml(&r, "service_requests"));
	done(&r);
}

static void the_default_window_is_90_days_and_at_most_1000(void **state)
{
	(void)state;
	time_t now = time(NULL);
	/* 1,100 requests in the last 46 days, and 5 from 100 to 104 days ago. */
	insert_orders(500000, 1100, now - 60, 3600, "request", "received");
	insert_orders(600000, 5, now - 100 * 86400, 86400, "suggestion", "closed");
	struct resp r;
	get(V2 "requests.json?jurisdiction_id=xingfuli", &r);
	assert_int_equal(r.status, 200);
	json_t *j = js(&r);
	assert_int_equal(json_array_size(j), 1000);
	for (size_t i = 0; i < json_array_size(j); i++)
		assert_true(json_integer_value(json_object_get(json_array_get(j, i), "service_request_id")) <
		            600000);
	json_decref(j);
	done(&r);
	get(V2 "requests.xml?jurisdiction_id=xingfuli&service_code=request", &r);
	assert_int_equal(r.status, 200);
	xmlDocPtr d = xml(&r, "service_requests");
	assert_int_equal(xcount(d, "/service_requests/request"), 1000);
	xmlFreeDoc(d);
	done(&r);
	/* A list of ids longer than one batch of the store's statement, in any order. */
	char ids[512];
	int off = 0;
	for (int i = 24; i >= 0; i--)
		off += snprintf(ids + off, sizeof ids - (size_t)off, "%s%d", i == 24 ? "" : ",", 500000 + i);
	char idpath[640];
	snprintf(idpath, sizeof idpath, V2 "requests.json?jurisdiction_id=xingfuli&service_request_id=%s",
	         ids);
	get(idpath, &r);
	assert_int_equal(r.status, 200);
	j = js(&r);
	assert_int_equal(json_array_size(j), 25);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(j, 0), "service_request_id")),
	                 500000);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(j, 24), "service_request_id")),
	                 500024);
	json_decref(j);
	done(&r);
	/* The old ones, asked for by date: the window from start_date is 90 days. */
	char path[256], t1[32], t2[32];
	snprintf(path, sizeof path, V2 "requests.json?jurisdiction_id=xingfuli&start_date=%s&end_date=%s",
	         w3c(now - 110 * 86400, t1), w3c(now - 95 * 86400, t2));
	get(path, &r);
	assert_int_equal(r.status, 200);
	j = js(&r);
	size_t mine = 0;
	for (size_t i = 0; i < json_array_size(j); i++)
		mine +=
		    json_integer_value(json_object_get(json_array_get(j, i), "service_request_id")) >= 600000;
	assert_int_equal(mine, 5);
	json_decref(j);
	done(&r);
	/* With start_date alone, 90 days from it. */
	snprintf(path, sizeof path,
	         V2 "requests.json?jurisdiction_id=xingfuli&start_date=%s&service_code=suggestion",
	         w3c(now - 104 * 86400 - 3600, t1));
	get(path, &r);
	assert_int_equal(r.status, 200);
	j = js(&r);
	mine = 0;
	for (size_t i = 0; i < json_array_size(j); i++)
		mine +=
		    json_integer_value(json_object_get(json_array_get(j, i), "service_request_id")) >= 600000;
	assert_int_equal(mine, 5);
	json_decref(j);
	done(&r);
	/* The default list is kept until its oldest request leaves the window, and a new request shows at
	 * once. */
	get(V2 "requests.json?jurisdiction_id=xingfuli&service_code=inquiry", &r);
	assert_int_equal(r.status, 200);
	done(&r);
	char body[256];
	snprintf(body, sizeof body,
	         "api_key=%s&jurisdiction_id=xingfuli&service_code=inquiry&address_string=x&description=new",
	         key);
	post(V2 "requests.xml", body, &r);
	assert_int_equal(r.status, 200);
	xmlFreeDoc(xml(&r, "service_requests"));
	done(&r);
	get(V2 "requests.json?jurisdiction_id=xingfuli&service_code=inquiry", &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "\"description\":\"new\""));
	done(&r);
}

static void personal_data_never_appears_in_a_get(void **state)
{
	(void)state;
	int64_t id;
	char token[64];
	post_ok(
	    "&first_name=%E5%A4%A7%E4%BC%9F&last_name=%E7%8E%8B&phone=13712345678&email=wangdw%40example.cn"
	    "&description=%E7%8E%8B%E5%A4%A7%E4%BC%9F13712345678",
	    &id, token);
	char paths[6][256];
	snprintf(paths[0], 256, V2 "requests.xml?jurisdiction_id=xingfuli");
	snprintf(paths[1], 256, V2 "requests.json?jurisdiction_id=xingfuli&service_request_id=%lld",
	         (long long)id);
	snprintf(paths[2], 256, V2 "requests/%lld.xml?jurisdiction_id=xingfuli", (long long)id);
	snprintf(paths[3], 256, V2 "requests/%lld.json?jurisdiction_id=xingfuli", (long long)id);
	snprintf(paths[4], 256, V2 "tokens/%s.xml?jurisdiction_id=xingfuli", token);
	snprintf(paths[5], 256, V2 "requests.json?jurisdiction_id=xingfuli&service_code=complaint");
	for (int i = 0; i < 6; i++) {
		struct resp r;
		get(paths[i], &r);
		assert_int_equal(r.status, 200);
		assert_false(has(&r, "13712345678"));
		assert_false(has(&r, "1371234"));
		assert_false(has(&r, "王大伟"));
		assert_false(has(&r, "大伟"));
		assert_false(has(&r, "wangdw"));
		assert_false(has(&r, "13912345678"));
		assert_false(has(&r, "李小明"));
		assert_false(has(&r, "fms-user"));
		done(&r);
	}
}

/* POSTs fields (after the key and the jurisdiction) to requests.json; the new id, or 0 if refused. */
static int64_t post_fields(const char *fields)
{
	char body[2048];
	snprintf(body, sizeof body, "api_key=%s&jurisdiction_id=xingfuli&%s", key, fields);
	struct resp r;
	post(V2 "requests.json", body, &r);
	int64_t id = 0;
	if (r.status == 200) {
		json_t *j = js(&r);
		id = json_integer_value(json_object_get(json_array_get(j, 0), "service_request_id"));
		json_decref(j);
	}
	done(&r);
	return id;
}

/* The member of the XLSX workbook in r's body (via unzip), malloc'd. */
static char *xlsx_part(const struct resp *r, const char *member)
{
	char path[] = "/tmp/shequ-test-o311-xlsx-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, r->body.data, r->body.len), (ssize_t)r->body.len);
	close(fd);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "unzip -p %s %s", path, member);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	struct buf x;
	buf_init(&x, 1 << 16);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_append(&x, chunk, n);
	assert_int_equal(pclose(p), 0);
	unlink(path);
	assert_false(x.err);
	return x.data;
}

/* Asserts the workbook's shared strings parse as XML and hold want. */
static void xlsx_strings_parse(const struct resp *r, const char *want)
{
	char *sst = xlsx_part(r, "xl/sharedStrings.xml");
	xmlDocPtr d = xmlReadMemory(sst, (int)strlen(sst), "sharedStrings.xml", "UTF-8",
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!d)
		fail_msg("sharedStrings.xml is not XML: %s", sst);
	xmlFreeDoc(d);
	assert_non_null(strstr(sst, want));
	free(sst);
}

static void posting_refuses_characters_xml_cannot_hold(void **state)
{
	(void)state;
	int64_t before = open311_orders();
	static const struct {
		const char *fields, *code;
	} cases[] = {
	    {"service_code=inquiry&lat=39.9&long=116.4&description=a%EF%BF%BFb", "description_invalid"},
	    {"service_code=inquiry&lat=39.9&long=116.4&description=a%EF%BF%BEb", "description_invalid"},
	    {"service_code=inquiry&lat=39.9&long=116.4&description=a%01b", "description_invalid"},
	    {"service_code=inquiry&address_string=x%0By", "address_string_invalid"},
	    {"service_code=inquiry&address_string=x&first_name=%EF%BF%BF", "first_name_invalid"},
	    {"service_code=inquiry&address_string=x&phone=139%08", "phone_invalid"},
	    {"service_code=inquiry&address_string=x&media_url=http://x/%EF%BF%BE", "media_url_invalid"},
	    {"service_code=request&address_string=x&attribute[building]=1%EF%BF%BF&attribute[urgency]=normal",
	     "attribute[building]_invalid"},
	    {"service_code=request&address_string=x&attribute[building]=1&attribute[urgency]=normal"
	     "&attribute[details]=a%1Bb",
	     "attribute[details]_invalid"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char body[1024];
		snprintf(body, sizeof body, "api_key=%s&jurisdiction_id=xingfuli&%s", key, cases[i].fields);
		struct resp r;
		post(i % 2 ? V2 "requests.json" : V2 "requests.xml", body, &r);
		is_error(&r, 400, cases[i].code, (int)(i % 2));
		done(&r);
	}
	assert_int_equal(open311_orders(), before);
}

static void stored_unfit_characters_still_give_well_formed_xml_and_xlsx(void **state)
{
	(void)state;
	/* Written past the POST checks (the command line, psql): U+FFFF, U+FFFE and C0 controls. */
	char sql[1024];
	long long now = (long long)time(NULL);
	snprintf(
	    sql, sizeof sql,
	    "INSERT INTO workorders_order (community_id, id, tracking_code, channel, kind, state, subject,"
	    " subject_masked, description_masked, address_masked, received_at, updated_at, closed_at, "
	    "resolved)"
	    " VALUES (" XFL ", 400001, 'UNFIT1', 'web', 'request', 'closed', 'BAD\xef\xbf\xbf\x01题',"
	    " 'BAD\xef\xbf\xbf\x01题', 'D\xef\xbf\xbe\x1f', '5\xef\xbf\xbe号楼\x02', %lld, %lld, %lld, 1)",
	    now - 60, now - 30, now - 30);
	assert_int_equal(db_exec1(sql), 0);
	struct resp r;
	get(V2 "requests.xml?jurisdiction_id=xingfuli", &r);
	assert_int_equal(r.status, 200);
	xmlDocPtr d = xml(&r, "service_requests");
	assert_true(xcount(d, "//request[service_request_id='400001']") == 1);
	assert_non_null(strstr(xtext(d, "//request[service_request_id='400001']/description"), "BAD"));
	xmlFreeDoc(d);
	done(&r);
	get(V2 "requests/400001.xml?jurisdiction_id=xingfuli", &r);
	assert_int_equal(r.status, 200);
	xmlFreeDoc(xml(&r, "service_requests"));
	done(&r);
	/* The public list of closed orders and the staff export, as workbooks. */
	visit(at, "/c/xingfuli/workorders/closed.xlsx", NULL, &r);
	assert_int_equal(r.status, 200);
	xlsx_strings_parse(&r, "BAD");
	done(&r);
	CURL *staff = logged_in("wangjg");
	request(staff, "/c/xingfuli/admin/workorders/workorders.xlsx", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	xlsx_strings_parse(&r, "BAD");
	done(&r);
	curl_easy_cleanup(staff);
}

static void gets_show_the_title_and_the_state_never_free_text(void **state)
{
	(void)state;
	/* 屋顶漏水\n我是张伟,住5号楼1单元302室 */
	int64_t id = post_fields("service_code=inquiry&address_string=x&description=%E5%B1%8B%E9%A1%B6%E6%BC%"
	                         "8F%E6%B0%B4%0A%E6%88%91"
	                         "%E6%98%AF%E5%BC%A0%E4%BC%9F%EF%BC%8C%E4%BD%8F5%E5%8F%B7%E6%A5%BC1%E5%8D%95%"
	                         "E5%85%83302%E5%AE%A4");
	assert_true(id > 0);
	char sql[512];
	snprintf(sql, sizeof sql,
	         "UPDATE workorders_order SET state = 'replied', resolved = 1,"
	         " reply_masked = '已联系张伟(***)到5号楼1单元302室维修' WHERE id = %lld",
	         (long long)id);
	assert_int_equal(db_exec1(sql), 0);
	char paths[4][256];
	snprintf(paths[0], 256, V2 "requests.xml?jurisdiction_id=xingfuli");
	snprintf(paths[1], 256, V2 "requests.json?jurisdiction_id=xingfuli");
	snprintf(paths[2], 256, V2 "requests/%lld.xml?jurisdiction_id=xingfuli", (long long)id);
	snprintf(paths[3], 256, V2 "requests/%lld.json?jurisdiction_id=xingfuli", (long long)id);
	for (int i = 0; i < 4; i++) {
		struct resp r;
		get(paths[i], &r);
		assert_int_equal(r.status, 200);
		assert_false(has(&r, "张伟"));
		assert_false(has(&r, "我是"));
		assert_false(has(&r, "302室"));
		assert_false(has(&r, "已联系"));
		assert_false(has(&r, "维修"));
		if (i >= 2) /* the order alone */
			assert_false(has(&r, "302"));
		assert_true(has(&r, "屋顶漏水"));
		assert_true(has(&r, "已答复,问题已解决"));
		done(&r);
	}
	struct resp r;
	get(paths[2], &r);
	xmlDocPtr d = xml(&r, "service_requests");
	assert_string_equal(xtext(d, "//request/description"), "屋顶漏水");
	assert_string_equal(xtext(d, "//request/status_notes"), "已答复,问题已解决");
	xmlFreeDoc(d);
	done(&r);
}

static void petitions_are_taken_but_never_listed(void **state)
{
	(void)state;
	/* 信访 is offered as a service: a POST is taken. */
	int64_t id =
	    post_fields("service_code=petition&address_string=x&description=%E4%BF%A1%E8%AE%BF%E4%BA%8B"
	                "%E9%A1%B9");
	assert_true(id > 0);
	char paths[5][256];
	snprintf(paths[0], 256, V2 "requests.xml?jurisdiction_id=xingfuli");
	snprintf(paths[1], 256, V2 "requests.json?jurisdiction_id=xingfuli&service_code=petition");
	snprintf(paths[2], 256, V2 "requests.json?jurisdiction_id=xingfuli&service_request_id=%lld",
	         (long long)id);
	snprintf(paths[3], 256, V2 "requests.xml?jurisdiction_id=xingfuli&service_code=petition,inquiry");
	snprintf(paths[4], 256, V2 "requests.json?jurisdiction_id=xingfuli&status=open");
	for (int i = 0; i < 5; i++) {
		struct resp r;
		get(paths[i], &r);
		assert_int_equal(r.status, 200);
		assert_false(has(&r, "信访事项"));
		assert_false(has(&r, "\"petition\""));
		assert_false(has(&r, "<service_code>petition<"));
		done(&r);
	}
	char path[256];
	struct resp r;
	snprintf(path, sizeof path, V2 "requests/%lld.xml?jurisdiction_id=xingfuli", (long long)id);
	get(path, &r);
	is_error(&r, 404, "service_request_id_not_found", 0);
	done(&r);
	snprintf(path, sizeof path, V2 "requests/%lld.json?jurisdiction_id=xingfuli", (long long)id);
	get(path, &r);
	is_error(&r, 404, "service_request_id_not_found", 1);
	done(&r);
}

static void admins_issue_and_disable_keys_on_the_page(void **state)
{
	(void)state;
	CURL *c = logged_in("admin");
	struct resp r;
	request(c, "/admin/open311/keys", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(has(&r, "Open311 接口密钥"));
	assert_true(has(&r, "测试客户端"));
	done(&r);
	int before = audit_count("workorders.apikey_add");
	/* A name already taken is refused in view, the name kept. */
	assert_int_equal(post_form(c, "/admin/open311/keys", "/admin/open311/keys", &r, "action=add&name=%s",
	                           "%E6%B5%8B%E8%AF%95%E5%AE%A2%E6%88%B7%E7%AB%AF"),
	                 422);
	assert_true(has(&r, "已有同名的客户端"));
	done(&r);
	assert_int_equal(post_form(c, "/admin/open311/keys", "/admin/open311/keys", &r, "action=add&name=%s",
	                           "%E7%BD%91%E9%A1%B5%E5%B9%B3%E5%8F%B0"),
	                 200);
	const char *p = strstr(r.body.data, "只显示这一次");
	assert_non_null(p);
	p = strstr(p, "<code>");
	assert_non_null(p);
	char k[64];
	snprintf(k, sizeof k, "%.43s", p + 6);
	assert_true(has_header(&r, "no-store")); /* the key is never kept */
	done(&r);
	assert_int_equal(audit_count("workorders.apikey_add"), before + 1);
	assert_int_equal(db_int("SELECT COUNT(*) FROM workorders_api_client WHERE key_hash = ?", k, NULL), 0);
	char body[256];
	snprintf(body, sizeof body,
	         "api_key=%s&jurisdiction_id=xingfuli&service_code=inquiry&address_string=x", k);
	post(V2 "requests.xml", body, &r);
	assert_int_equal(r.status, 200);
	xmlFreeDoc(xml(&r, "service_requests"));
	done(&r);
	int disabled = audit_count("workorders.apikey_disable");
	assert_int_equal(post_form(c, "/admin/open311/keys", "/admin/open311/keys", &r,
	                           "action=disable&name=%s", "%E7%BD%91%E9%A1%B5%E5%B9%B3%E5%8F%B0"),
	                 303);
	done(&r);
	assert_int_equal(audit_count("workorders.apikey_disable"), disabled + 1);
	post(V2 "requests.xml", body, &r);
	is_error(&r, 403, "api_key_disabled", 0);
	done(&r);
	curl_easy_cleanup(c);
	/* Residents and staff of a community may not. */
	CURL *res = logged_in("zhangsan");
	request(res, "/admin/open311/keys", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	curl_easy_cleanup(res);
	/* A street's admin neither: a key files in every community. */
	CURL *street = logged_in("donghu");
	request(street, "/admin/open311/keys", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	done(&r);
	request(street, "/admin/", NULL, NULL, &r);
	assert_false(has(&r, "/admin/open311/keys"));
	assert_true(has(&r, "/admin/workorders/dashboard\">工单统计"));
	done(&r);
	curl_easy_cleanup(street);
	get("/admin/open311/keys", &r);
	assert_int_equal(r.status, 303);
	done(&r);
}

static void discovery_names_the_v2_endpoint(void **state)
{
	(void)state;
	struct resp r;
	get("/open311/discovery.xml", &r);
	assert_int_equal(r.status, 200);
	xmlDocPtr d = xml(&r, "discovery");
	assert_string_equal(xtext(d, "/discovery/endpoints/endpoint/specification"),
	                    "http://wiki.open311.org/GeoReport_v2");
	assert_string_equal(xtext(d, "/discovery/endpoints/endpoint/type"), "production");
	assert_int_equal(xcount(d, "/discovery/endpoints/endpoint/formats/format"), 2);
	assert_non_null(strstr(xtext(d, "/discovery/endpoints/endpoint/url"), "/open311/v2"));
	xmlFreeDoc(d);
	done(&r);
	get("/open311/discovery.json", &r);
	assert_int_equal(r.status, 200);
	json_t *j = js(&r);
	json_t *formats = json_object_get(json_array_get(json_object_get(j, "endpoints"), 0), "formats");
	assert_string_equal(json_string_value(json_array_get(formats, 1)), "application/json");
	json_decref(j);
	done(&r);
}

static void a_client_over_its_minute_waits(void **state)
{
	(void)state;
	int status;
	char k[64], body[256];
	snprintf(k, sizeof k, "%s", apikey_cli("add --name 限流客户端", &status));
	assert_int_equal(status, 0);
	/* Start early in a minute, so that the 121 POSTs fall in one window. */
	time_t now = time(NULL);
	if (now % 60 > 40) {
		struct timespec ts = {60 - now % 60, 0};
		nanosleep(&ts, NULL);
	}
	snprintf(body, sizeof body, "api_key=%s&jurisdiction_id=heping&service_code=inquiry&address_string=x",
	         k);
	int64_t before = open311_orders();
	struct resp r;
	for (int i = 0; i < 120; i++) {
		post(V2 "requests.json", body, &r);
		if (r.status != 200)
			fail_msg("POST %d refused: %ld %s", i + 1, r.status, r.body.data);
		done(&r);
	}
	post(V2 "requests.xml", body, &r);
	is_error(&r, 429, "rate_limited", 0);
	assert_true(has_header(&r, "retry-after:"));
	done(&r);
	assert_int_equal(open311_orders(), before + 120);
	/* Another client is not held up. */
	int64_t id;
	post_ok(NULL, &id, NULL);
}

static void openapi_lists_the_open311_paths(void **state)
{
	(void)state;
	struct resp r;
	get("/api/v1/openapi.json", &r);
	assert_int_equal(r.status, 200);
	json_t *j = js(&r);
	json_t *paths = json_object_get(j, "paths");
	assert_non_null(json_object_get(json_object_get(paths, "/open311/v2/requests.{format}"), "post"));
	assert_non_null(json_object_get(json_object_get(paths, "/open311/v2/requests.{format}"), "get"));
	assert_non_null(json_object_get(paths, "/open311/discovery.{format}"));
	assert_non_null(json_object_get(paths, "/open311/v2/services.{format}"));
	assert_non_null(json_object_get(paths, "/open311/v2/services/{service_code}.{format}"));
	assert_non_null(json_object_get(paths, "/open311/v2/requests/{service_request_id}.{format}"));
	assert_non_null(json_object_get(paths, "/open311/v2/tokens/{token}.{format}"));
	json_decref(j);
	done(&r);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: test_open311 PATH-TO-SHEQU FIXMYSTREET-FIXTURE\n");
		return 2;
	}
	shequ = argv[1];
	fixture = argv[2];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	xmlInitParser();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(the_service_list_in_xml_and_json, setup_key),
	    cmocka_unit_test(service_definitions_cover_every_datatype),
	    cmocka_unit_test(errors_name_the_jurisdiction_the_service_and_the_format),
	    cmocka_unit_test(posting_needs_a_valid_enabled_key),
	    cmocka_unit_test(posting_refuses_bad_fields_and_writes_nothing),
	    cmocka_unit_test(a_fixmystreet_post_is_accepted_and_found_by_its_token),
	    cmocka_unit_test(requests_filter_by_id_code_status_and_dates),
	    cmocka_unit_test(personal_data_never_appears_in_a_get),
	    cmocka_unit_test(posting_refuses_characters_xml_cannot_hold),
	    cmocka_unit_test(stored_unfit_characters_still_give_well_formed_xml_and_xlsx),
	    cmocka_unit_test(gets_show_the_title_and_the_state_never_free_text),
	    cmocka_unit_test(petitions_are_taken_but_never_listed),
	    cmocka_unit_test(the_default_window_is_90_days_and_at_most_1000),
	    cmocka_unit_test(admins_issue_and_disable_keys_on_the_page),
	    cmocka_unit_test(discovery_names_the_v2_endpoint),
	    cmocka_unit_test(openapi_lists_the_open311_paths),
	    cmocka_unit_test(a_client_over_its_minute_waits),
	};
	int rc = cmocka_run_group_tests(tests, start_server, stop_server);
	xmlCleanupParser();
	curl_global_cleanup();
	return rc || server_exit_bad;
}
