/* The registration form read into typed values: name and mobile (at the
 * desk), skills from the fixed list with free text, availability and
 * groups. Pure: no database, no request; the fuzz target feeds it any form.
 * Each error is in Chinese, by its field, with what was typed kept. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "modules/volunteers/volunteers_web.h"

static const struct field reg_fields[3] = {
    {"name", "姓名", FIELD_TEXT, 1, 20},
    {"phone", "手机号码", FIELD_MOBILE, 1, 20},
    {"skills_note", "其他特长", FIELD_TEXT, 0, 100},
};

/* The codes of list whose checkbox <prefix><code> was sent as "1", ','
 * separated, into *codes; -1 when a box sent anything else. */
static int checked(struct arena *a, const struct kvlist *form, const char *prefix, const struct vol_choice *list,
		   size_t n, const char **codes)
{
	char key[40], out[200] = "";
	size_t len = 0;
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		snprintf(key, sizeof key, "%s%s", prefix, list[i].code);
		const char *v = kv_get(form, key);
		if (!v || !*v)
			continue;
		if (strcmp(v, "1")) {
			bad = 1;
			continue;
		}
		size_t cl = strlen(list[i].code);
		if (len + cl + 2 > sizeof out)
			continue;
		if (len)
			out[len++] = ',';
		memcpy(out + len, list[i].code, cl + 1);
		len += cl;
	}
	*codes = arena_strdup(a, out);
	if (!*codes)
		*codes = "";
	return bad ? -1 : 0;
}

int vol_reg_read(struct arena *a, const struct kvlist *form, struct vol_reg_form *f, struct vol_new *v)
{
	const char *vals[3], *errs[3];
	int bad = fields_validate(a, form, f->desk ? reg_fields : reg_fields + 2, f->desk ? 3 : 1,
				  f->desk ? vals : vals + 2, f->desk ? errs : errs + 2);
	if (!f->desk)
		vals[0] = vals[1] = "", errs[0] = errs[1] = NULL;
	f->vals[RF_NAME] = vals[0];
	f->vals[RF_PHONE] = vals[1];
	f->vals[RF_NOTE] = vals[2];
	f->errs[RF_NAME] = errs[0];
	f->errs[RF_PHONE] = errs[1];
	f->errs[RF_NOTE] = errs[2];
	f->errs[RF_SKILLS] = f->errs[RF_AVAIL] = f->errs[RF_GROUPS] = NULL;
	if (checked(a, form, "skill_", vol_skills, vol_nskills, &f->vals[RF_SKILLS]) < 0 && ++bad)
		f->errs[RF_SKILLS] = "请勾选或不勾选服务技能";
	if (checked(a, form, "avail_", vol_availability, vol_navailability, &f->vals[RF_AVAIL]) < 0 && ++bad)
		f->errs[RF_AVAIL] = "请勾选或不勾选可服务时间";
	else if (!*f->vals[RF_AVAIL] && ++bad)
		f->errs[RF_AVAIL] = "请至少选择一个可服务时间";
	if (checked(a, form, "group_", vol_groups, vol_ngroups, &f->vals[RF_GROUPS]) < 0 && ++bad)
		f->errs[RF_GROUPS] = "请勾选或不勾选志愿者队伍";
	if (f->desk && !f->errs[RF_NAME] && utf8_len(f->vals[RF_NAME], strlen(f->vals[RF_NAME])) < 2 && ++bad)
		f->errs[RF_NAME] = "请填写姓名(至少 2 个字)";
	memset(v, 0, sizeof *v);
	v->name = f->vals[RF_NAME];
	v->phone = f->vals[RF_PHONE];
	v->skills = f->vals[RF_SKILLS];
	v->skills_note = f->vals[RF_NOTE];
	v->availability = f->vals[RF_AVAIL];
	v->groups = *f->vals[RF_GROUPS] ? f->vals[RF_GROUPS] : "community";
	return bad;
}

void vol_reg_fill(const struct vol_volunteer *v, struct vol_reg_form *f)
{
	f->vals[RF_NAME] = v->name_masked;
	f->vals[RF_PHONE] = v->phone_masked;
	f->vals[RF_NOTE] = v->skills_note;
	f->vals[RF_SKILLS] = v->skills;
	f->vals[RF_AVAIL] = v->availability;
	f->vals[RF_GROUPS] = v->groups;
}

const char *vol_reason_problem(struct arena *a, const char *what, const char *reason)
{
	size_t n = reason ? utf8_len(reason, strlen(reason)) : 0;
	if (n < 2 || n > 200)
		return arena_printf(a, "请写明%s(2 到 200 个字)", what);
	return fields_text_problem(a, what, reason, 1);
}
