#include "http/fields.h"

#include <string.h>

#include "core/str.h"

/* 1 if s holds a control character (newlines allowed or not) or a
 * noncharacter U+FFFE/U+FFFF. */
static int has_control(const char *s, int allow_newline)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n' || c == '\r' || c == '\t') {
			if (!allow_newline && c != '\t')
				return 1;
		} else if (c < 0x20 || c == 0x7f) {
			return 1;
		} else if (c == 0xef && (unsigned char)s[1] == 0xbf &&
			   ((unsigned char)s[2] == 0xbe || (unsigned char)s[2] == 0xbf)) {
			return 1; /* U+FFFE, U+FFFF: no document (XML, XLSX) can hold them */
		}
	}
	return 0;
}

static int only_chars(const char *s, const char *allowed_extra)
{
	for (; *s; s++)
		if (!(*s >= '0' && *s <= '9') && !strchr(allowed_extra, *s))
			return 0;
	return 1;
}

const char *fields_text_problem(struct arena *a, const char *label, const char *v, int multiline)
{
	if (str_has_bidi_control(v))
		return arena_printf(a, "%s含有改变文字方向的控制字符,请删除后重试", label);
	return has_control(v, multiline) ? arena_printf(a, "%s含有不允许的控制字符", label) : NULL;
}

/* Checks one value by type; returns a message or NULL. */
static const char *check_value(struct arena *a, const struct field *f, const char *v)
{
	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_HIDDEN:
		return fields_text_problem(a, f->label, v, 0);
	case FIELD_PASSWORD:
		return has_control(v, 0) ? arena_printf(a, "%s含有不允许的控制字符", f->label) : NULL;
	case FIELD_MULTILINE:
		return fields_text_problem(a, f->label, v, 1);
	case FIELD_INT: {
		int64_t x;
		return str_to_int64(v, &x) ? arena_printf(a, "%s须为整数", f->label) : NULL;
	}
	case FIELD_MOBILE:
		return str_is_mobile(v) ? NULL
					: arena_printf(a, "%s应为 11 位手机号码,如 13800138000 或 138 0013 8000",
						       f->label);
	case FIELD_PHONE:
		return only_chars(v, " -+()") && strlen(v) >= 3
			   ? NULL
			   : arena_printf(a, "%s只能包含数字、空格和 - + ( )", f->label);
	case FIELD_LOGIN:
		return str_is_mobile(v) || str_is_username(v)
			   ? NULL
			   : arena_printf(a, "%s应为用户名或 11 位手机号码", f->label);
	}
	return NULL;
}

int fields_validate(struct arena *a, const struct kvlist *form, const struct field *f, size_t n,
		    const char **vals, const char **errs)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		vals[i] = "";
		errs[i] = NULL;
		size_t count = kv_count(form, f[i].name);
		if (count > 1) {
			errs[i] = arena_printf(a, "%s提交了多次", f[i].label);
			bad++;
			continue;
		}
		const char *raw = kv_get(form, f[i].name);
		const char *v = raw ? raw : "";
		if (f[i].type != FIELD_PASSWORD)
			v = str_normalize(a, v, strlen(v));
		if (!v) {
			errs[i] = "服务器内存不足";
			bad++;
			continue;
		}
		vals[i] = v;
		if (!*v) {
			if (f[i].required) {
				errs[i] = arena_printf(a, "请填写%s", f[i].label);
				bad++;
			}
			continue;
		}
		/* A mobile typed with spaces, dashes or +86 is kept as its 11 digits. */
		char m[12];
		if ((f[i].type == FIELD_MOBILE || f[i].type == FIELD_LOGIN) && !str_mobile_normalize(v, m)) {
			if (!(v = vals[i] = arena_strdup(a, m))) {
				vals[i] = "";
				errs[i] = "服务器内存不足";
				bad++;
				continue;
			}
		}
		size_t max = f[i].max_chars ? f[i].max_chars : 200;
		/* A mobile's own check says what is expected; its length is part of it. */
		if (f[i].type != FIELD_MOBILE && utf8_len(v, strlen(v)) > max) {
			errs[i] = arena_printf(a, "%s不能超过 %zu 个字", f[i].label, max);
			bad++;
			continue;
		}
		if ((errs[i] = check_value(a, &f[i], v)) != NULL)
			bad++;
	}
	return bad;
}
