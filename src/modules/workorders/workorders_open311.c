/* Open311 GeoReport v2 handlers under /open311/v2/: the service list and
 * definitions, POST requests (an API key per client) and the public GETs of
 * requests and tokens. Every answer in XML or JSON by the path's extension.
 *
 * What the GETs show is the masked projection: the requester's name, phone
 * and e-mail never; the address up to the building; a map point rounded to
 * 3 decimals (about 100 m), so that a home cannot be pinpointed. */
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "core/str.h"
#include "modules/workorders/workorders_open311.h"
#include "org/org.h"

#define SUBJECT_MAX 50 /* characters of the description's first line kept as the order's subject */

/* Answers the error e in the path's format. Returns the matching result. */
static enum http_result fail(struct req *r, const struct o311_err *e)
{
	if (e->status >= 500)
		return req_error(r, e->description);
	buf_reset(r->out);
	o311_api_error(r, e->status, e->code, e->description);
	r->body_written = 1;
	return e->status == 404   ? HR_NOT_FOUND
	       : e->status == 403 ? HR_FORBIDDEN
	       : e->status == 429 ? HR_TOO_MANY
	                          : HR_BAD_REQUEST;
}

static enum http_result fail3(struct req *r, int status, const char *code, const char *description)
{
	struct o311_err e = {status, code, description};
	return fail(r, &e);
}

/* Splits a path segment "name.fmt": *name (in the arena) and 1 for JSON,
 * 0 for XML; -1 for another extension or none. */
static int split_format(struct req *r, const char *seg, const char **name)
{
	const char *dot = strrchr(seg, '.');
	if (!dot || dot == seg)
		return -1;
	int json = !strcmp(dot, ".json");
	if (!json && strcmp(dot, ".xml"))
		return -1;
	*name = arena_strndup(r->a, seg, (size_t)(dot - seg));
	return *name ? json : -1;
}

/* The format named by a route's extension parameter ("xml", "json"): 0 for
 * XML, 1 for JSON, -1 for another. */
static int format_of(const char *ext)
{
	return !strcmp(ext, "json") ? 1 : !strcmp(ext, "xml") ? 0 : -1;
}

static enum http_result bad_format(struct req *r)
{
	return fail3(r, 404, "format_not_supported", "只支持 .xml 和 .json 两种格式。");
}

/* The community named by jurisdiction_id (its slug); without one, the
 * deployment's only community. 0, or -1 with *e set. */
static int jurisdiction(struct req *r, const char *jid, struct community *c, struct o311_err *e)
{
	if (jid && !str_is_blank(jid)) {
		int rc = org_community_by_slug(r->db, r->a, jid, c);
		if (rc == 0)
			return 0;
		*e = rc < 0 ? (struct o311_err){500, "internal_error", "cannot look the community up"}
		            : (struct o311_err){404, "jurisdiction_id_not_found",
		                                "没有这个社区(jurisdiction_id)。"};
		return -1;
	}
	struct community *list;
	size_t n;
	if (org_communities_under(r->db, r->a, 0, &list, &n) < 0) {
		*e = (struct o311_err){500, "internal_error", "cannot list the communities"};
		return -1;
	}
	if (n == 1) {
		*c = list[0];
		return 0;
	}
	*e = (struct o311_err){400, "jurisdiction_id_missing",
	                       "缺少 jurisdiction_id(社区代码,见社区网址 /c/<代码>/)。"};
	return -1;
}

/* What every GET starts with: the format from the path (name non-NULL: the
 * segment "name.fmt", its name into *name; else the extension alone) and
 * the community of jurisdiction_id. HR_OK, or the error answered. */
static enum http_result get_start(struct req *r, const char **name, int *json, struct community *c)
{
	*json = name ? split_format(r, r->param[0], name) : format_of(r->param[0]);
	if (*json < 0)
		return bad_format(r);
	struct o311_err e;
	if (jurisdiction(r, kv_get(&r->q, "jurisdiction_id"), c, &e) < 0)
		return fail(r, &e);
	return HR_OK;
}

static void content_type(struct req *r, int json)
{
	r->content_type_out = json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
}

/* ---- services ---- */

static void service_fields(struct o311_out *o, const struct o311_service *s)
{
	o311_str(o, "service_code", wo_kind_name(s->kind));
	o311_str(o, "service_name", s->name);
	o311_str(o, "description", s->description);
	o311_bool(o, "metadata", s->attrs != NULL);
	o311_str(o, "type", "realtime");
	o311_str(o, "keywords", s->keywords);
	o311_str(o, "group", s->group);
}

enum http_result o311_h_services(struct req *r)
{
	struct community c;
	int json;
	enum http_result hr = get_start(r, NULL, &json, &c);
	if (hr != HR_OK)
		return hr;
	size_t n;
	const struct o311_service *s = o311_services(&n);
	struct o311_out o;
	o311_begin(&o, r->out, json, "services", 1, "service");
	for (size_t i = 0; i < n; i++) {
		o311_item(&o);
		service_fields(&o, &s[i]);
		o311_close(&o);
	}
	o311_end(&o);
	content_type(r, json);
	return HR_OK;
}

enum http_result o311_h_service(struct req *r)
{
	const char *code;
	struct community c;
	int json;
	enum http_result hr = get_start(r, &code, &json, &c);
	if (hr != HR_OK)
		return hr;
	const struct o311_service *s = o311_service(code);
	if (!s)
		return fail3(r, 404, "service_code_not_found", "没有这个服务类型(service_code)。");
	struct o311_out o;
	o311_begin(&o, r->out, json, "service_definition", 0, NULL);
	o311_str(&o, "service_code", wo_kind_name(s->kind));
	o311_list(&o, "attributes", "attribute");
	for (size_t i = 0; s->attrs && s->attrs[i]; i++) {
		const struct o311_attr *at = s->attrs[i];
		o311_item(&o);
		o311_bool(&o, "variable", 1);
		o311_str(&o, "code", at->code);
		o311_str(&o, "datatype", o311_datatype_name(at->datatype));
		o311_bool(&o, "required", s->required[i]);
		o311_str(&o, "datatype_description", at->datatype_description);
		o311_int(&o, "order", (int64_t)i + 1);
		o311_str(&o, "description", at->description);
		if (at->values) {
			o311_list(&o, "values", "value");
			for (const struct o311_value *v = at->values; v->key; v++) {
				o311_item(&o);
				o311_str(&o, "key", v->key);
				o311_str(&o, "name", v->name);
				o311_close(&o);
			}
			o311_close(&o);
		}
		o311_close(&o);
	}
	o311_end(&o);
	content_type(r, json);
	return HR_OK;
}

/* ---- POST requests ---- */

/* The order's subject: the description's first line (a "title:" label, as
 * FixMyStreet writes it, dropped), at most SUBJECT_MAX characters; else the
 * service's name. */
static const char *subject_of(struct arena *a, const struct o311_post *p)
{
	const char *d = p->description;
	if (d) {
		size_t len = strcspn(d, "\n");
		if (len >= 6 && !strncasecmp(d, "title:", 6)) {
			d += 6;
			len -= 6;
		}
		char *line = str_normalize(a, d, len);
		if (line && *line) {
			/* cut at a character boundary */
			size_t bytes = 0, chars = 0;
			while (line[bytes] && chars < SUBJECT_MAX) {
				bytes++;
				while ((line[bytes] & 0xC0) == 0x80)
					bytes++;
				chars++;
			}
			return arena_strndup(a, line, bytes);
		}
	}
	return p->service->name;
}

/* The requester's name from first_name and last_name: Chinese names family
 * name first without a space ("张" + "三"), others "first last". */
static const char *name_of(struct arena *a, const struct o311_post *p)
{
	const char *f = p->first_name ? p->first_name : "", *l = p->last_name ? p->last_name : "";
	if (!*f && !*l)
		return NULL;
	int cjk = (*f & 0x80) || (*l & 0x80);
	if (cjk)
		return arena_printf(a, "%s%s", l, f);
	return arena_printf(a, "%s%s%s", f, *f && *l ? " " : "", l);
}

static enum http_result o311_h_post(struct req *r)
{
	int json = format_of(r->param[0]);
	if (json < 0)
		return bad_format(r);
	const char *key = kv_get(&r->form, "api_key");
	if (!key || !*key)
		return fail3(r, 403, "api_key_missing", "缺少 api_key:请向社区管理员申请接口密钥。");
	struct wo_api_client client;
	int rc = wo_apikey_find(r->db, r->a, key, &client);
	if (rc < 0)
		return req_error(r, "cannot look the API key up");
	if (rc == 1)
		return fail3(r, 403, "api_key_invalid", "api_key 无效。");
	if (client.disabled_at)
		return fail3(r, 403, "api_key_disabled", "这个 api_key 已停用,请联系管理员。");
	struct community c;
	struct o311_err e;
	if (jurisdiction(r, kv_get(&r->form, "jurisdiction_id"), &c, &e) < 0)
		return fail(r, &e);
	struct o311_post p;
	if (o311_parse_post(r->a, &r->form, &p, &e) < 0)
		return fail(r, &e);

	char mobile[12];
	const char *phone = p.phone && str_mobile_normalize(p.phone, mobile) == 0 ? mobile : p.phone;
	const char *requester = name_of(r->a, &p);
	const char *address = p.address_string ? p.address_string : p.address_id;
	struct wo_new n = {
	    .channel = WO_CH_WEB,
	    .kind = p.service->kind,
	    .subject = subject_of(r->a, &p),
	    .description = p.description ? p.description : "",
	    .address = address ? address : "",
	    .has_point = p.has_point,
	    .lat_e6 = p.lat_e6,
	    .lon_e6 = p.lon_e6,
	    .anonymous = !requester && !phone && !p.email,
	    .requester_name = requester,
	    .requester_phone = phone,
	    .attributes = p.attributes,
	    .api_client_id = client.id,
	    .actor = arena_printf(r->a, "Open311:%s", client.name),
	    .received_at = r->now,
	};
	if (!n.subject || !n.actor)
		return req_error(r, "out of memory");
	int64_t id;
	const char *token;
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin the transaction");
	int64_t retry_at;
	int over = wo_apikey_hit(r->db, client.id, r->now, &retry_at);
	if (over != 0) {
		db_rollback(r->db);
		if (over < 0)
			return req_error(r, "cannot count the client's requests");
		const char *when = req_retry_after(r, retry_at);
		return fail3(r, 429, "rate_limited",
		             arena_printf(r->a, "提交太频繁:每个客户端每分钟最多 %d 条,请于 %s 再试。",
		                          WO_APIKEY_PER_MINUTE, when));
	}
	char idtext[24];
	struct audit_event ev = {.actor = n.actor,
	                         .unit_id = c.id,
	                         .action = "workorders.open311_add",
	                         .entity = "workorders_order",
	                         .entity_id = idtext,
	                         .ip = r->ip,
	                         .detail = p.service->name};
	if (wo_order_add(r->db, r->a, c.id, &n, &id, &token) < 0 ||
	    o311_contact_add(r->db, r->a, c.id, id, p.email, p.device_id, p.account_id) < 0 ||
	    (snprintf(idtext, sizeof idtext, "%lld", (long long)id), audit_write(r->db, &ev, r->now)) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return req_error(r, "cannot record the Open311 request");
	}
	struct o311_out o;
	o311_begin(&o, r->out, json, "service_requests", 1, "request");
	o311_item(&o);
	o311_int(&o, "service_request_id", id);
	o311_str(&o, "token", token);
	o311_str(&o, "service_notice", p.service->notice);
	o311_str(&o, "account_id", NULL);
	o311_end(&o);
	content_type(r, json);
	r->cache_control = "no-store";
	return HR_OK;
}

/* ---- GET requests, one request, tokens ---- */

/* Millionths of a degree as degrees rounded to 3 decimals ("39.905"). */
static void degrees3(int64_t e6, char out[32])
{
	int64_t e3 = (e6 >= 0 ? e6 + 500 : e6 - 500) / 1000;
	int64_t mag = e3 < 0 ? -e3 : e3;
	snprintf(out, 32, "%s%lld.%03lld", e3 < 0 ? "-" : "", (long long)(mag / 1000),
	         (long long)(mag % 1000));
}

/* What a request's status_notes say: a fixed phrase of its state and, once
 * answered, whether the problem was solved. Never the reply or a reason:
 * staff write names and rooms in them, and GETs need no key. */
static const char *status_notes(const struct o311_row *w)
{
	switch (w->state) {
	case WO_S_RECEIVED:
		return "已登记,待受理";
	case WO_S_ACCEPTED:
		return "已受理";
	case WO_S_ASSIGNED:
	case WO_S_IN_PROGRESS:
		return "办理中";
	case WO_S_REPLIED:
		return w->resolved == 1   ? "已答复,问题已解决"
		       : w->resolved == 0 ? "已答复,问题未解决"
		                          : "已答复";
	case WO_S_CLOSED:
		return w->resolved == 1   ? "已办结,问题已解决"
		       : w->resolved == 0 ? "已办结,问题未解决"
		                          : "已办结";
	case WO_S_REJECTED:
		return "不予受理";
	case WO_S_MERGED:
		return "已合并到其他工单";
	case WO_S_TRANSFERRED:
		return "已转其他社区办理";
	default:
		return wo_state_label(w->state);
	}
}

static void request_fields(struct req *r, struct o311_out *o, const struct community *c,
                           const struct o311_row *w)
{
	const struct o311_service *s = o311_service(wo_kind_name(w->kind));
	int closed = wo_state_final(w->state);
	char when[32], lat[32], lon[32];
	o311_int(o, "service_request_id", w->id);
	o311_str(o, "status", closed ? "closed" : "open");
	o311_str(o, "status_notes", status_notes(w));
	o311_str(o, "service_name", s ? s->name : wo_kind_label(w->kind));
	o311_str(o, "service_code", wo_kind_name(w->kind));
	o311_str(o, "description", w->subject_masked); /* the title only, never the text */
	o311_str(o, "agency_responsible",
	         *w->assignee_unit ? arena_printf(r->a, "%s(%s)", c->name, w->assignee_unit) : c->name);
	o311_str(o, "service_notice", s ? s->notice : NULL);
	o311_format_datetime(w->received_at, when);
	o311_str(o, "requested_datetime", when);
	o311_format_datetime(closed && w->closed_at ? w->closed_at : w->updated_at, when);
	o311_str(o, "updated_datetime", when);
	if (!closed && w->finish_due) {
		o311_format_datetime(w->finish_due, when);
		o311_str(o, "expected_datetime", when);
	} else {
		o311_str(o, "expected_datetime", NULL);
	}
	o311_str(o, "address", w->address_masked);
	o311_str(o, "address_id", NULL);
	o311_str(o, "zipcode", NULL);
	if (w->has_point) {
		degrees3(w->lat_e6, lat);
		degrees3(w->lon_e6, lon);
	}
	o311_num(o, "lat", w->has_point ? lat : NULL);
	o311_num(o, "long", w->has_point ? lon : NULL);
	o311_str(o, "media_url", NULL);
}

enum http_result o311_h_requests(struct req *r)
{
	if (r->method == METHOD_POST)
		return o311_h_post(r);
	struct community c;
	int json;
	enum http_result hr = get_start(r, NULL, &json, &c);
	if (hr != HR_OK)
		return hr;
	struct o311_err e;
	struct o311_filter f;
	if (o311_parse_filter(r->a, &r->q, r->now, &f, &e) < 0)
		return fail(r, &e);
	struct o311_row *rows;
	size_t n;
	if (o311_rows(r->db, r->a, c.id, &f, &rows, &n) < 0)
		return HR_ERROR;
	struct o311_out o;
	o311_begin(&o, r->out, json, "service_requests", 1, "request");
	for (size_t i = 0; i < n; i++) {
		o311_item(&o);
		request_fields(r, &o, &c, &rows[i]);
		o311_close(&o);
	}
	o311_end(&o);
	/* The default window moves with the clock: the answer changes when its
	 * oldest request leaves the last 90 days (new and changed requests
	 * change the data version). */
	if (f.default_window && n)
		req_valid_until(r, rows[n - 1].received_at + O311_WINDOW + 1);
	content_type(r, json);
	return HR_OK;
}

enum http_result o311_h_request(struct req *r)
{
	const char *idtext;
	struct community c;
	int json;
	enum http_result hr = get_start(r, &idtext, &json, &c);
	if (hr != HR_OK)
		return hr;
	int64_t id;
	struct o311_row w;
	int rc = str_to_int64(idtext, &id) < 0 || id <= 0 ? 1 : o311_row(r->db, r->a, c.id, id, NULL, &w);
	if (rc < 0)
		return HR_ERROR;
	if (rc == 1)
		return fail3(r, 404, "service_request_id_not_found", "没有这个工单(service_request_id)。");
	struct o311_out o;
	o311_begin(&o, r->out, json, "service_requests", 1, "request");
	o311_item(&o);
	request_fields(r, &o, &c, &w);
	o311_end(&o);
	content_type(r, json);
	return HR_OK;
}

enum http_result o311_h_token(struct req *r)
{
	const char *token;
	struct community c;
	int json;
	enum http_result hr = get_start(r, &token, &json, &c);
	if (hr != HR_OK)
		return hr;
	struct o311_row w;
	int rc = *token && strlen(token) <= 64 ? o311_row(r->db, r->a, c.id, 0, token, &w) : 1;
	if (rc < 0)
		return HR_ERROR;
	if (rc == 1)
		return fail3(r, 404, "token_not_found", "没有这个查询码(token)。");
	struct o311_out o;
	o311_begin(&o, r->out, json, "service_requests", 1, "request");
	o311_item(&o);
	o311_int(&o, "service_request_id", w.id);
	o311_str(&o, "token", w.tracking_code);
	o311_end(&o);
	content_type(r, json);
	return HR_OK;
}

/* The changeset of what the discovery document and the service list say:
 * bump it when the catalogue (workorders_open311_services.c) changes. */
#define O311_CHANGESET "2026-11-29T00:00:00+08:00"

enum http_result o311_h_discovery(struct req *r)
{
	int json = format_of(r->param[0]);
	if (json < 0)
		return bad_format(r);
	const char *base = r->app->public_url ? r->app->public_url : "";
	struct o311_out o;
	o311_begin(&o, r->out, json, "discovery", 0, NULL);
	o311_str(&o, "changeset", O311_CHANGESET);
	o311_str(&o, "contact", "接口使用问题请联系所在街道或区的系统管理员。");
	o311_str(&o, "key_service", "提交诉求需要接口密钥(api_key),由管理员在 /admin/open311/keys 签发。");
	o311_list(&o, "endpoints", "endpoint");
	o311_item(&o);
	o311_str(&o, "specification", "http://wiki.open311.org/GeoReport_v2");
	o311_str(&o, "url", arena_printf(r->a, "%s/open311/v2/", base)); /* clients append services.xml … */
	o311_str(&o, "changeset", O311_CHANGESET);
	o311_str(&o, "type", "production");
	o311_list(&o, "formats", "format");
	o311_str(&o, "format", "text/xml");
	o311_str(&o, "format", "application/json");
	o311_end(&o);
	content_type(r, json);
	return HR_OK;
}
