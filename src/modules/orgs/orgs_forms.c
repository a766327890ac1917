/* Parsing of the orgs forms: pure functions of what was typed, with a
 * message in Chinese for each field in error (fuzzed: fuzz_orgs_form). */
#include <string.h>

#include "core/date.h"
#include "core/str.h"
#include "http/fields.h"
#include "modules/orgs/orgs_web.h"
#include "pii/pii.h"

#define PERSONAL "这一项会公开显示,不要填写个人手机号或身份证号"

const char *orgs_day_read(struct arena *a, const char *typed, const char *label, int required, const char *today,
			  char out[11])
{
	struct ymd d;
	out[0] = 0;
	if (!typed || !*typed)
		return required ? arena_printf(a, "请填写%s", label) : NULL;
	if (date_parse_typed(typed, &d) < 0 || d.y < 1950 || d.y > 2100)
		return arena_printf(a, "%s不是有效日期,请按 2026-03-01 的格式填写", label);
	date_format(d, out);
	if (today && strcmp(out, today) > 0)
		return arena_printf(a, "%s不能晚于今天", label);
	return NULL;
}

static const struct field org_fields[OF__MAX] = {
    [OF_NAME] = {"name", "组织名称", FIELD_TEXT, 1, 40},
    [OF_KIND] = {"kind", "组织类别", FIELD_TEXT, 1, 20},
    [OF_GROUP] = {"vgroup", "志愿者类别", FIELD_TEXT, 0, 20},
    [OF_PURPOSE] = {"purpose", "主要活动(公开)", FIELD_MULTILINE, 1, 1000},
    [OF_FOUNDED] = {"founded_on", "成立日期", FIELD_TEXT, 0, 20},
    [OF_MEETS] = {"meets", "固定活动时间和地点(公开)", FIELD_TEXT, 0, 100},
    [OF_JOIN] = {"how_to_join", "如何加入(公开)", FIELD_MULTILINE, 0, 500},
};

int orgs_org_read(struct arena *a, const struct kvlist *form, const char *today, struct orgs_org_form *f,
		  struct orgs_org *o)
{
	int bad = fields_validate(a, form, org_fields, OF__MAX, f->vals, f->errs);
	memset(o, 0, sizeof *o);
	o->name = f->vals[OF_NAME];
	o->kind = orgs_kind_from(f->vals[OF_KIND]);
	if (o->kind < 0 && !f->errs[OF_KIND] && ++bad)
		f->errs[OF_KIND] = "请选择组织类别";
	o->group = OG_NONE;
	if (o->kind == OK_VOLUNTEER && !f->errs[OF_GROUP]) {
		o->group = orgs_group_from(f->vals[OF_GROUP]);
		if (o->group <= OG_NONE && ++bad) {
			o->group = OG_NONE;
			f->errs[OF_GROUP] = "志愿服务队请选择志愿者类别";
		}
	}
	if (!f->errs[OF_FOUNDED]) {
		const char *e = orgs_day_read(a, f->vals[OF_FOUNDED], "成立日期", 0, today, o->founded_on);
		if (e && ++bad)
			f->errs[OF_FOUNDED] = e;
	}
	o->purpose = f->vals[OF_PURPOSE];
	o->meets = f->vals[OF_MEETS];
	o->how_to_join = f->vals[OF_JOIN];
	o->active = 1;
	static const int shown[] = {OF_NAME, OF_PURPOSE, OF_MEETS, OF_JOIN};
	for (size_t k = 0; k < sizeof shown / sizeof *shown; k++) {
		int i = shown[k];
		if (!f->errs[i] && *f->vals[i] && pii_text_holds_personal(a, f->vals[i]) && ++bad)
			f->errs[i] = PERSONAL;
	}
	return bad;
}

static const struct field desk_fields[DF__MAX] = {
    [DF_NAME] = {"name", "姓名", FIELD_TEXT, 1, 30},
    [DF_MOBILE] = {"mobile", "手机号码", FIELD_TEXT, 0, 30},
    [DF_ROLE] = {"role", "职务", FIELD_TEXT, 1, 10},
};

int orgs_desk_read(struct arena *a, const struct kvlist *form, struct orgs_desk_form *f, struct orgs_member *m)
{
	int bad = fields_validate(a, form, desk_fields, DF__MAX, f->vals, f->errs);
	memset(m, 0, sizeof *m);
	m->name = f->vals[DF_NAME];
	m->mobile = "";
	if (!f->errs[DF_MOBILE] && *f->vals[DF_MOBILE]) {
		char digits[12];
		if (str_mobile_normalize(f->vals[DF_MOBILE], digits) < 0 && ++bad)
			f->errs[DF_MOBILE] = "请填写 11 位手机号码,如 139 0714 1234";
		else
			m->mobile = arena_strdup(a, digits);
	}
	m->role = orgs_role_from(f->vals[DF_ROLE]);
	if (m->role < 0 && !f->errs[DF_ROLE] && ++bad)
		f->errs[DF_ROLE] = "请选择职务";
	m->note = "";
	return bad;
}

/* The typed text normalised and checked for 0 (or 1 when required) to 200
 * characters: NULL with *out set, or the message. */
static const char *short_text(struct arena *a, const char *typed, int required, const char *ask, const char **out)
{
	const char *s = typed ? str_normalize(a, typed, strlen(typed)) : "";
	*out = "";
	if (!s)
		return "内存不足,请重试";
	if (required && !*s)
		return ask;
	if (utf8_len(s, strlen(s)) > 200)
		return "请写在 200 字以内";
	const char *bad = fields_text_problem(a, "填写的内容", s, 1);
	if (bad)
		return bad;
	*out = s;
	return NULL;
}

const char *orgs_reason_read(struct arena *a, const char *typed, const char **out)
{
	return short_text(a, typed, 1, "请填写理由(200 字以内)", out);
}

const char *orgs_note_read(struct arena *a, const char *typed, const char **out)
{
	const char *e = short_text(a, typed, 0, NULL, out);
	if (!e && **out && pii_text_holds_personal(a, *out)) {
		*out = "";
		return "附言里不要写手机号或身份证号,组织负责人会通过社区联系你";
	}
	return e;
}

static const struct field story_fields[SF__MAX] = {
    [SF_TITLE] = {"title", "标题", FIELD_TEXT, 1, 60},
    [SF_ON] = {"told_on", "日期", FIELD_TEXT, 1, 20},
    [SF_PERSON] = {"person", "表扬的个人或集体", FIELD_TEXT, 0, 40},
    [SF_CONSENT] = {"consent", "本人同意公开姓名", FIELD_HIDDEN, 0, 1},
    [SF_ORG] = {"org", "所属组织", FIELD_TEXT, 0, 20},
    [SF_BODY] = {"body", "正文", FIELD_MULTILINE, 1, 5000},
};

int orgs_story_read(struct arena *a, const struct kvlist *form, const char *today, struct orgs_story_form *f,
		    struct orgs_story *s)
{
	int bad = fields_validate(a, form, story_fields, SF__MAX, f->vals, f->errs);
	memset(s, 0, sizeof *s);
	s->title = f->vals[SF_TITLE];
	/* Editing, an empty person keeps the one kept (never written into the form). */
	s->person = *f->vals[SF_PERSON] ? f->vals[SF_PERSON] : NULL;
	if (!s->person && !f->editing && !f->errs[SF_PERSON] && ++bad)
		f->errs[SF_PERSON] = "请填写表扬的个人或集体";
	s->body = f->vals[SF_BODY];
	s->consent = !strcmp(f->vals[SF_CONSENT], "1");
	if (!f->errs[SF_ON]) {
		const char *e = orgs_day_read(a, f->vals[SF_ON], "日期", 1, today, s->told_on);
		if (e && ++bad)
			f->errs[SF_ON] = e;
	}
	if (!f->errs[SF_ORG] && *f->vals[SF_ORG]) {
		int64_t id = orgs_id_param(f->vals[SF_ORG]);
		if (!id && ++bad)
			f->errs[SF_ORG] = "请从列表中选择组织";
		s->org_id = id;
	}
	static const int shown[] = {SF_TITLE, SF_PERSON, SF_BODY};
	for (size_t k = 0; k < sizeof shown / sizeof *shown; k++) {
		int i = shown[k];
		if (!f->errs[i] && *f->vals[i] && pii_text_holds_personal(a, f->vals[i]) && ++bad)
			f->errs[i] = PERSONAL;
	}
	return bad;
}
