/* Parsers of what Open311 clients send: the POST requests form (location,
 * contact, description, attribute[code] values checked by datatype), the
 * GET requests query (ids, service codes, status, dates) and W3C datetimes.
 * Pure: no database, no HTTP; fuzzed by fuzz_workorders_open311. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checked.h"
#include "core/date.h"
#include "core/str.h"
#include "modules/workorders/workorders_open311.h"

#define MAX_DESCRIPTION 4000 /* the spec's limit, in characters */
#define MAX_FIELD 200        /* names, e-mail, address, ids, media_url */

static int fail(struct o311_err *e, int status, const char *code, const char *description)
{
	*e = (struct o311_err){status, code, description};
	return -1;
}

/* n ASCII digits at s into *v; 0 or -1. */
static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int o311_parse_datetime(const char *s, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, off = 8 * 3600;
	if (!s || strlen(s) < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
	    digits(s + 8, 2, &d))
		return -1;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > date_days_in_month(y, mo))
		return -1;
	const char *p = s + 10;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (digits(p, 2, &h) || p[2] != ':' || digits(p + 3, 2, &mi))
			return -1;
		p += 5;
		if (*p == ':') {
			if (digits(p + 1, 2, &sec))
				return -1;
			p += 3;
			if (*p == '.' || *p == ',') { /* a fraction of a second: dropped */
				p++;
				if (*p < '0' || *p > '9')
					return -1;
				while (*p >= '0' && *p <= '9')
					p++;
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return -1;
		if (sec == 60)
			sec = 59; /* a leap second reads as the second before */
		if (*p == 'Z' || *p == 'z') {
			off = 0;
			p++;
		} else if (*p == '+' || *p == '-') {
			int oh, om;
			int sign = *p == '-' ? -1 : 1;
			if (digits(p + 1, 2, &oh))
				return -1;
			p += 3;
			if (*p == ':')
				p++;
			if (digits(p, 2, &om) || oh > 23 || om > 59)
				return -1;
			p += 2;
			off = sign * (oh * 3600 + om * 60);
		}
	}
	if (*p)
		return -1;
	int64_t days = date_to_days((struct ymd){y, mo, d});
	int64_t t = days * 86400 + h * 3600 + mi * 60 + sec - off;
	if (t < 0)
		return -1;
	*out = t;
	return 0;
}

void o311_format_datetime(int64_t t, char out[32])
{
	int64_t days;
	int sec;
	date_split(t, 8 * 3600, &days, &sec);
	struct ymd d = date_from_days(days);
	unsigned y = (unsigned)d.y % 10000, m = (unsigned)d.m % 13, day = (unsigned)d.d % 32,
	         s = (unsigned)sec % 86400;
	/* Digit by digit: a list of 1,000 requests writes 3,000 of these. */
	unsigned v[6] = {y / 100, y % 100, m, day, s / 3600, s / 60 % 60}, sc = s % 60;
	char *o = out;
	for (int i = 0; i < 6; i++) {
		*o++ = (char)('0' + v[i] / 10);
		*o++ = (char)('0' + v[i] % 10);
		if (i >= 1 && i <= 5)
			*o++ = "--T::"[i - 1];
	}
	*o++ = (char)('0' + sc / 10);
	*o++ = (char)('0' + sc % 10);
	memcpy(o, "+08:00", 7);
}

int o311_parse_degrees(const char *s, int limit, int64_t *e6)
{
	if (!s)
		return -1;
	const char *p = s;
	int neg = 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	uint64_t whole = 0, frac = 0;
	int nw = 0, nf = 0, round_up = 0;
	for (; *p >= '0' && *p <= '9'; p++, nw++) {
		if (nw >= 3)
			return -1;
		whole = whole * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		p++;
		for (; *p >= '0' && *p <= '9'; p++, nf++) {
			if (nf < 6)
				frac = frac * 10 + (uint64_t)(*p - '0');
			else if (nf == 6)
				round_up = *p >= '5';
			if (nf > 30)
				return -1;
		}
	}
	if (*p || (nw == 0 && nf == 0))
		return -1;
	for (int i = nf; i < 6; i++)
		frac *= 10;
	uint64_t v;
	if (ck_mulu64(whole, 1000000, &v) || ck_addu64(v, frac + (uint64_t)round_up, &v) ||
	    v > (uint64_t)limit * 1000000)
		return -1;
	*e6 = neg ? -(int64_t)v : (int64_t)v;
	return 0;
}

/* 1 if s holds a character XML 1.0 cannot carry, which would break every
 * XML answer and spreadsheet it reaches: a C0 control other than tab, LF
 * and CR, DEL (the web forms refuse it too), a surrogate, U+FFFE or U+FFFF. */
static int unfit_text(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7f)
			return 1;
		if (p[0] == 0xED && p[1] >= 0xA0 && p[1] <= 0xBF)
			return 1; /* a surrogate (the request parser refuses these first) */
		if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
			return 1;
	}
	return 0;
}

/* The value of key when it is given and not blank, else NULL. */
static const char *given(const struct kvlist *form, const char *key)
{
	const char *v = kv_get(form, key);
	return v && !str_is_blank(v) ? v : NULL;
}

/* The normalised text of field key (NULL when blank), at most max
 * characters; one line unless multiline. 0, or -1 with *e set: code and
 * description for a bad length or line, "KEY_invalid" for a character XML
 * cannot hold. */
static int text_field(struct arena *a, const struct kvlist *form, const char *key, size_t max, int multiline,
                      const char **out, const char *code, const char *description, struct o311_err *e)
{
	const char *v = given(form, key);
	*out = NULL;
	if (!v)
		return 0;
	if (unfit_text(v)) {
		const char *c = arena_printf(a, "%s_invalid", key);
		const char *d =
		    arena_printf(a, "%s 含有不允许的控制字符或非字符(如 U+FFFF),请删除后重试。", key);
		if (!c || !d)
			return fail(e, 500, "internal_error", "服务器内存不足。");
		return fail(e, 400, c, d);
	}
	char *t = str_normalize(a, v, strlen(v));
	if (!t)
		return fail(e, 500, "internal_error", "服务器内存不足。");
	t = str_strip_bidi(a, t);
	if (!t)
		return fail(e, 500, "internal_error", "服务器内存不足。");
	if (utf8_len(t, strlen(t)) > max || (!multiline && strchr(t, '\n')))
		return fail(e, 400, code, description);
	*out = *t ? t : NULL;
	return 0;
}

/* The values given for a list attribute: attribute[code][] repeated, or
 * attribute[code] (one value, or several separated by commas). */
static size_t list_values(struct arena *a, const struct kvlist *form, const char *code, const char **vals,
                          size_t max)
{
	char k1[PARSE_MAX_KEY + 16], k2[PARSE_MAX_KEY + 16];
	snprintf(k1, sizeof k1, "attribute[%s]", code);
	snprintf(k2, sizeof k2, "attribute[%s][]", code);
	size_t n = 0;
	for (size_t i = 0; i < form->n && n < max; i++) {
		const struct kv *kv = &form->v[i];
		if (!strcmp(kv->key, k2) && !str_is_blank(kv->val)) {
			vals[n++] = kv->val;
		} else if (!strcmp(kv->key, k1)) {
			const char *s = kv->val;
			while (*s && n < max) {
				size_t len = strcspn(s, ",");
				char *one = arena_strndup(a, s, len);
				if (one && !str_is_blank(one))
					vals[n++] = one;
				s += len;
				if (*s == ',')
					s++;
			}
		}
	}
	return n;
}

/* The key of values equal to v (surrounding blanks ignored), or NULL. */
static const char *value_key(const struct o311_value *values, const char *v, struct arena *a)
{
	const char *t = str_normalize(a, v, strlen(v));
	for (; t && values && values->key; values++)
		if (!strcmp(values->key, t))
			return values->key;
	return NULL;
}

/* An attribute's error: code "attribute[CODE]_PROBLEM", the description
 * naming the field by its label (the part of its description before ':'). */
static int attr_fail(struct arena *a, struct o311_err *e, const struct o311_attr *at, const char *problem,
                     const char *what)
{
	size_t lablen = strcspn(at->description, ":");
	const char *code = arena_printf(a, "attribute[%s]_%s", at->code, problem);
	const char *desc =
	    arena_printf(a, "%.*s(attribute[%s])%s", (int)lablen, at->description, at->code, what);
	return fail(e, 400, code ? code : "attribute_invalid", desc ? desc : "附加信息填写不正确。");
}

/* Checks one scalar attribute value and sets it in obj. 0 or -1. */
static int scalar_attr(struct arena *a, const struct o311_attr *at, const char *raw, json_t *obj,
                       struct o311_err *e)
{
	if (unfit_text(raw))
		return attr_fail(a, e, at, "invalid",
		                 "含有不允许的控制字符或非字符(如 U+FFFF),请删除后重试。");
	char *t = str_normalize(a, raw, strlen(raw));
	if (!t || !(t = str_strip_bidi(a, t)))
		return fail(e, 500, "internal_error", "服务器内存不足。");
	size_t len = utf8_len(t, strlen(t));
	json_t *v = NULL;
	switch (at->datatype) {
	case O311_STRING:
	case O311_TEXT:
		if ((int64_t)len > at->max)
			return attr_fail(a, e, at, "too_long",
			                 arena_printf(a, "不能超过 %lld 字。", (long long)at->max));
		if (at->datatype == O311_STRING && strchr(t, '\n'))
			return attr_fail(a, e, at, "invalid", "只能填一行,不能换行。");
		v = json_string(t);
		break;
	case O311_NUMBER: {
		int64_t n;
		if (str_to_int64(t, &n) < 0)
			return attr_fail(a, e, at, "invalid", "应当是整数。");
		if (n < at->min || n > at->max)
			return attr_fail(a, e, at, "out_of_range",
			                 arena_printf(a, "应在 %lld 到 %lld 之间。", (long long)at->min,
			                              (long long)at->max));
		v = json_integer(n);
		break;
	}
	case O311_DATETIME: {
		int64_t when;
		char w3c[32];
		if (o311_parse_datetime(t, &when) < 0)
			return attr_fail(a, e, at, "invalid",
			                 "不是有效的日期时间(如 2026-11-28T09:30:00+08:00)。");
		o311_format_datetime(when, w3c);
		v = json_string(w3c);
		break;
	}
	case O311_SINGLE: {
		const char *key = value_key(at->values, t, a);
		if (!key)
			return attr_fail(a, e, at, "invalid", "不是列表中的选项。");
		v = json_string(key);
		break;
	}
	default:
		return attr_fail(a, e, at, "invalid", "类型不对。");
	}
	if (!v || json_object_set_new(obj, at->code, v) < 0)
		return fail(e, 500, "internal_error", "服务器内存不足。");
	return 0;
}

int o311_parse_attributes(struct arena *a, const struct o311_service *s, const struct kvlist *form,
                          const char **json, struct o311_err *e)
{
	*json = "";
	if (!s->attrs)
		return 0;
	json_t *obj = json_object();
	if (!obj)
		return fail(e, 500, "internal_error", "服务器内存不足。");
	int rc = 0;
	for (size_t i = 0; rc == 0 && s->attrs[i]; i++) {
		const struct o311_attr *at = s->attrs[i];
		int present = 0;
		if (at->datatype == O311_MULTI) {
			const char *vals[32];
			size_t n = list_values(a, form, at->code, vals, sizeof vals / sizeof *vals);
			json_t *arr = n ? json_array() : NULL;
			for (size_t k = 0; rc == 0 && k < n; k++) {
				const char *key = value_key(at->values, vals[k], a);
				if (!key) {
					rc = attr_fail(a, e, at, "invalid", "含有不在列表中的选项。");
					break;
				}
				int dup = 0;
				for (size_t j = 0; j < json_array_size(arr); j++)
					dup |= !strcmp(json_string_value(json_array_get(arr, j)), key);
				if (!dup)
					json_array_append_new(arr, json_string(key));
			}
			if (rc == 0 && arr) {
				present = 1;
				if (json_object_set_new(obj, at->code, arr) < 0)
					rc = fail(e, 500, "internal_error", "服务器内存不足。");
			} else {
				json_decref(arr);
			}
		} else {
			char key[PARSE_MAX_KEY + 16];
			snprintf(key, sizeof key, "attribute[%s]", at->code);
			const char *v = given(form, key);
			if (v) {
				present = 1;
				rc = scalar_attr(a, at, v, obj, e);
			}
		}
		if (rc == 0 && !present && s->required[i])
			rc = attr_fail(a, e, at, "required", "必须填写。");
	}
	if (rc == 0 && json_object_size(obj)) {
		char *text = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
		*json = text ? arena_strdup(a, text) : NULL;
		free(text);
		if (!*json)
			rc = fail(e, 500, "internal_error", "服务器内存不足。");
	}
	json_decref(obj);
	return rc;
}

/* The text fields of a POST: where each goes, its limit (characters) and
 * its error. The location's two come first. */
static const struct {
	const char *key;
	size_t off, max;
	int multiline;
	const char *code, *description;
} text_fields_of[] = {
    {"address_string", offsetof(struct o311_post, address_string), MAX_FIELD, 0, "address_string_invalid",
     "address_string(地址)应是一行文字,不超过 200 字。"},
    {"address_id", offsetof(struct o311_post, address_id), MAX_FIELD, 0, "address_id_invalid",
     "address_id 应是一行文字,不超过 200 字。"},
    {"email", offsetof(struct o311_post, email), MAX_FIELD, 0, "email_invalid",
     "email 应是一行文字,不超过 200 字。"},
    {"device_id", offsetof(struct o311_post, device_id), MAX_FIELD, 0, "device_id_invalid",
     "device_id 应是一行文字,不超过 200 字。"},
    {"account_id", offsetof(struct o311_post, account_id), MAX_FIELD, 0, "account_id_invalid",
     "account_id 应是一行文字,不超过 200 字。"},
    {"first_name", offsetof(struct o311_post, first_name), MAX_FIELD, 0, "first_name_invalid",
     "first_name(名)应是一行文字,不超过 200 字。"},
    {"last_name", offsetof(struct o311_post, last_name), MAX_FIELD, 0, "last_name_invalid",
     "last_name(姓)应是一行文字,不超过 200 字。"},
    {"phone", offsetof(struct o311_post, phone), MAX_FIELD, 0, "phone_invalid", "phone(电话)应是一行文字。"},
    {"description", offsetof(struct o311_post, description), MAX_DESCRIPTION, 1, "description_too_long",
     "description(描述)不能超过 4000 字。"},
    {"media_url", offsetof(struct o311_post, media_url), 2000, 0, "media_url_invalid",
     "media_url 应是一个网址。"},
};

/* Reads text_fields_of[from, to) into p. 0, or -1 with *e set. */
static int text_fields(struct arena *a, const struct kvlist *form, struct o311_post *p, size_t from,
                       size_t to, struct o311_err *e)
{
	for (size_t i = from; i < to; i++) {
		const char **slot = (const char **)((char *)p + text_fields_of[i].off);
		if (text_field(a, form, text_fields_of[i].key, text_fields_of[i].max,
		               text_fields_of[i].multiline, slot, text_fields_of[i].code,
		               text_fields_of[i].description, e) < 0)
			return -1;
	}
	return 0;
}

int o311_parse_post(struct arena *a, const struct kvlist *form, struct o311_post *p, struct o311_err *e)
{
	*p = (struct o311_post){0};
	p->jurisdiction_id = given(form, "jurisdiction_id");
	p->api_key = given(form, "api_key");
	const char *code = given(form, "service_code");
	if (!code)
		return fail(e, 400, "service_code_missing", "缺少 service_code(服务类型)。");
	if (!(p->service = o311_service(code)))
		return fail(e, 404, "service_code_not_found", "没有这个服务类型(service_code)。");
	const char *lat = given(form, "lat"), *lon = given(form, "long");
	if (lat || lon) {
		if (!lat || !lon)
			return fail(e, 400, lat ? "long_missing" : "lat_missing",
			            "lat 和 long(纬度和经度)要同时提供。");
		if (o311_parse_degrees(lat, 90, &p->lat_e6) < 0)
			return fail(e, 400, "lat_invalid", "lat(纬度)应是 -90 到 90 之间的小数。");
		if (o311_parse_degrees(lon, 180, &p->lon_e6) < 0)
			return fail(e, 400, "long_invalid", "long(经度)应是 -180 到 180 之间的小数。");
		p->has_point = 1;
	}
	if (text_fields(a, form, p, 0, 2, e) < 0)
		return -1;
	if (!p->has_point && !p->address_string && !p->address_id)
		return fail(e, 400, "location_missing",
		            "缺少位置:请提供 lat 和 long,或 address_string,或 address_id。");
	if (text_fields(a, form, p, 2, sizeof text_fields_of / sizeof *text_fields_of, e) < 0)
		return -1;
	if (p->email && !strchr(p->email, '@'))
		return fail(e, 400, "email_invalid", "email 不是有效的电子邮件地址。");
	return o311_parse_attributes(a, p->service, form, &p->attributes, e);
}

/* Calls each(item) for every comma-separated item of every value of key in
 * q (blank items skipped); stops at the first non-zero result. */
static int each_item(struct arena *a, const struct kvlist *q, const char *key,
                     int (*each)(void *ctx, const char *item), void *ctx)
{
	for (size_t i = 0; i < q->n; i++) {
		if (strcmp(q->v[i].key, key))
			continue;
		const char *s = q->v[i].val;
		while (*s) {
			size_t len = strcspn(s, ",");
			char *one = arena_strndup(a, s, len);
			if (!one)
				return -2;
			char *t = str_normalize(a, one, len);
			if (!t)
				return -2;
			int rc = *t ? each(ctx, t) : 0;
			if (rc)
				return rc;
			s += len;
			if (*s == ',')
				s++;
		}
	}
	return 0;
}

static int add_id(void *ctx, const char *item)
{
	struct o311_filter *f = ctx;
	int64_t id;
	if (str_to_int64(item, &id) < 0 || id <= 0)
		return -1;
	if (f->nids == O311_MAX_IDS)
		return -3;
	for (size_t i = 0; i < f->nids; i++)
		if (f->ids[i] == id)
			return 0;
	f->ids[f->nids++] = id;
	return 0;
}

static int add_kind(void *ctx, const char *item)
{
	const struct o311_service *s = o311_service(item);
	if (!s)
		return -1;
	*(unsigned *)ctx |= 1u << s->kind;
	return 0;
}

static int add_status(void *ctx, const char *item)
{
	struct o311_filter *f = ctx;
	if (!strcmp(item, "open"))
		f->want_open = 1;
	else if (!strcmp(item, "closed"))
		f->want_closed = 1;
	else
		return -1;
	return 0;
}

int o311_parse_filter(struct arena *a, const struct kvlist *q, int64_t now, struct o311_filter *f,
                      struct o311_err *e)
{
	*f = (struct o311_filter){0};
	if (!(f->ids = arena_alloc(a, O311_MAX_IDS * sizeof *f->ids)))
		return fail(e, 500, "internal_error", "服务器内存不足。");
	int rc = each_item(a, q, "service_request_id", add_id, f);
	if (rc == -3)
		return fail(e, 400, "service_request_id_too_many", "service_request_id 一次最多 1000 个。");
	if (rc)
		return fail(e, 400, "service_request_id_invalid",
		            "service_request_id 应是以逗号分隔的工单号。");
	if (f->nids)
		return 0; /* the ids override every other argument */
	if (each_item(a, q, "service_code", add_kind, &f->kinds))
		return fail(e, 404, "service_code_not_found", "没有这个服务类型(service_code)。");
	if (!f->kinds) {
		size_t n;
		const struct o311_service *s = o311_services(&n);
		for (size_t i = 0; i < n; i++)
			f->kinds |= 1u << s[i].kind;
	}
	if (each_item(a, q, "status", add_status, f))
		return fail(e, 400, "status_invalid", "status 只能是 open 或 closed。");
	if (!f->want_open && !f->want_closed)
		f->want_open = f->want_closed = 1;
	const char *start = given(q, "start_date"), *end = given(q, "end_date");
	int64_t from = 0, to = 0;
	if (start && o311_parse_datetime(start, &from) < 0)
		return fail(e, 400, "start_date_invalid",
		            "start_date 不是有效的 W3C 日期时间(如 2026-11-01T00:00:00+08:00)。");
	if (end && o311_parse_datetime(end, &to) < 0)
		return fail(e, 400, "end_date_invalid",
		            "end_date 不是有效的 W3C 日期时间(如 2026-11-30T00:00:00+08:00)。");
	if (start && end) {
		if (to < from)
			return fail(e, 400, "date_range_invalid", "end_date 早于 start_date。");
		if (to - from > O311_WINDOW)
			return fail(e, 400, "date_range_too_long", "start_date 到 end_date 不能超过 90 天。");
	} else if (start) {
		to = from + O311_WINDOW;
	} else if (end) {
		from = to > O311_WINDOW ? to - O311_WINDOW : 0;
	} else {
		f->default_window = 1; /* up to now: nothing is received later than now */
		to = INT64_MAX;
		from = now > O311_WINDOW ? now - O311_WINDOW : 0;
	}
	f->from = from;
	f->to = to;
	return 0;
}
