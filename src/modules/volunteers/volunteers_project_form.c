/* The staff forms of projects, shifts, hours and 补录 read into typed
 * values. Pure: no database, no request; the fuzz target feeds them any
 * form. Each error is in Chinese, by its field, with what was typed kept.
 * Dates and times as people type them (12月2日, 下午2点半, 22:00); a shift
 * whose end is not after its start ends the next day. */
#include <string.h>

#include "core/str.h"
#include "modules/volunteers/volunteers_web.h"

static const struct field project_fields[PF__MAX] = {
    [PF_TITLE] = {"title", "项目名称", FIELD_TEXT, 1, 60},
    [PF_DESCRIPTION] = {"description", "服务内容", FIELD_MULTILINE, 0, 2000},
    [PF_PLACE] = {"place", "服务地点", FIELD_TEXT, 1, 80},
    [PF_ORG] = {"org", "所属社区组织", FIELD_TEXT, 0, 12},
    [PF_ORGANIZER] = {"organizer", "组织单位", FIELD_TEXT, 0, 60},
    [PF_LEADER] = {"leader", "项目负责人", FIELD_LOGIN, 0, 40},
};

int vol_project_read(struct arena *a, const struct kvlist *form, struct vol_project_form *f, struct vol_project *p)
{
	int bad = fields_validate(a, form, project_fields, PF__MAX, f->vals, f->errs);
	memset(p, 0, sizeof *p);
	p->title = f->vals[PF_TITLE];
	p->description = f->vals[PF_DESCRIPTION];
	p->place = f->vals[PF_PLACE];
	p->organizer = f->vals[PF_ORGANIZER];
	/* one of the community's organizations (src/modules/orgs) by its id, "" none */
	if (!f->errs[PF_ORG] && *f->vals[PF_ORG] &&
	    (strspn(f->vals[PF_ORG], "0123456789") != strlen(f->vals[PF_ORG]) ||
	     str_to_int64(f->vals[PF_ORG], &p->org_id) < 0 || p->org_id <= 0) &&
	    ++bad)
		f->errs[PF_ORG] = "请从列表中选择社区组织";
	return bad;
}

static const struct field shift_fields[SF__MAX] = {
    [SF_DATE] = {"date", "日期", FIELD_TEXT, 1, 20},
    [SF_START] = {"start", "开始时间", FIELD_TEXT, 1, 20},
    [SF_END] = {"end", "结束时间", FIELD_TEXT, 1, 20},
    [SF_PLACES] = {"places", "名额", FIELD_TEXT, 1, 6},
};

/* A day, a start and an end typed in day, start and end into *starts and
 * *ends (an end not after the start is the next day); errors into e[kd],
 * e[ks], e[ke]. The number of errors. */
static int span(const char *day, const char *start, const char *end, struct ymd today, const char **ed,
		const char **es, const char **ee, int64_t *starts, int64_t *ends)
{
	int bad = 0;
	struct ymd d;
	int sm = 0, em = 0;
	int have_day = !*ed && date_parse_typed_near(day, today, &d) == 0 && d.y >= 2000 && d.y <= 2100;
	if (!*ed && !have_day && ++bad)
		*ed = "日期请写成 2026-11-28 或 11月28日";
	int have_start = !*es && date_time_parse_typed(start, &sm) == 0 && sm < 1440;
	if (!*es && !have_start && ++bad)
		*es = "开始时间请写成 14:30 或 下午2点半";
	int have_end = !*ee && date_time_parse_typed(end, &em) == 0 && em <= 1440;
	if (!*ee && !have_end && ++bad)
		*ee = "结束时间请写成 16:00 或 下午4点;过了午夜写 06:00";
	if (have_day && have_start && have_end) {
		if (em == sm && ++bad) {
			*ee = "结束时间不能和开始时间相同";
		} else {
			*starts = date_at_minute(d, sm);
			*ends = em > sm ? date_at_minute(d, em) : date_at_minute(date_add_days(d, 1), em);
			/* 下午4点 to 下午2点 is a slip, not a 22-hour shift */
			if (*ends - *starts > VOL_SHIFT_MAX_HOURS * 3600 && ++bad)
				*ee = "一个班次最长 16 小时;结束时间早于开始时间时算作次日,请核对";
		}
	}
	return bad;
}

/* A whole number 1..max typed in s: 0 with *v, or -1. */
static int count(const char *s, int64_t max, int64_t *v)
{
	if (!*s || strlen(s) > 6)
		return -1;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	return str_to_int64(s, v) == 0 && *v >= 1 && *v <= max ? 0 : -1;
}

int vol_shift_read(struct arena *a, const struct kvlist *form, struct ymd today, struct vol_shift_form *f,
		   int64_t *starts, int64_t *ends, int64_t *places)
{
	int bad = fields_validate(a, form, shift_fields, SF__MAX, f->vals, f->errs);
	*starts = *ends = *places = 0;
	bad += span(f->vals[SF_DATE], f->vals[SF_START], f->vals[SF_END], today, &f->errs[SF_DATE],
		    &f->errs[SF_START], &f->errs[SF_END], starts, ends);
	if (!f->errs[SF_PLACES] && count(f->vals[SF_PLACES], 1000, places) < 0 && ++bad)
		f->errs[SF_PLACES] = "名额请填 1 到 1000 的整数";
	return bad;
}

int vol_hours_parse(const char *s, int64_t max_minutes, int64_t *minutes)
{
	size_t n = strlen(s);
	const char *unit = "小时";
	if (n > strlen(unit) && !strcmp(s + n - strlen(unit), unit))
		n -= strlen(unit);
	while (n && s[n - 1] == ' ')
		n--;
	if (!n || n > 8)
		return -1;
	int64_t whole = 0, frac = 0, scale = 1;
	size_t i = 0;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		whole = whole * 10 + (s[i] - '0'); /* at most 8 digits: no overflow */
	if (!i)
		return -1;
	if (i < n) {
		if (s[i] != '.' || i + 1 == n || n - i - 1 > 2)
			return -1;
		for (i++; i < n; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			frac = frac * 10 + (s[i] - '0');
			scale *= 10;
		}
	}
	int64_t m = whole * 60 + frac * 60 / scale;
	if (m > max_minutes)
		return -1;
	*minutes = m;
	return 0;
}

static const struct field backfill_fields[BF__MAX] = {
    [BF_DATE] = {"date", "服务日期", FIELD_TEXT, 1, 20},
    [BF_START] = {"start", "开始时间", FIELD_TEXT, 1, 20},
    [BF_END] = {"end", "结束时间", FIELD_TEXT, 1, 20},
    [BF_PROJECT] = {"project", "服务项目编号", FIELD_TEXT, 1, 12},
    [BF_REASON] = {"reason", "补录原因", FIELD_TEXT, 1, 200},
};

int vol_backfill_read(struct arena *a, const struct kvlist *form, struct ymd today, struct vol_backfill_form *f,
		      int64_t *starts, int64_t *ends, int64_t *pid)
{
	int bad = fields_validate(a, form, backfill_fields, BF__MAX, f->vals, f->errs);
	*starts = *ends = *pid = 0;
	bad += span(f->vals[BF_DATE], f->vals[BF_START], f->vals[BF_END], today, &f->errs[BF_DATE],
		    &f->errs[BF_START], &f->errs[BF_END], starts, ends);
	if (!f->errs[BF_PROJECT] && count(f->vals[BF_PROJECT], 999999, pid) < 0 && ++bad)
		f->errs[BF_PROJECT] = "请填写服务项目的编号(项目列表第一列)";
	if (!f->errs[BF_REASON] && utf8_len(f->vals[BF_REASON], strlen(f->vals[BF_REASON])) < 2 && ++bad)
		f->errs[BF_REASON] = "请写明补录原因,如“纸质签到表补录”";
	return bad;
}

static const struct field cert_fields[CF__MAX] = {
    [CF_FROM] = {"from", "起始日期", FIELD_TEXT, 1, 20},
    [CF_TO] = {"to", "截止日期", FIELD_TEXT, 1, 20},
    [CF_ISSUER] = {"issuer", "出具单位", FIELD_TEXT, 1, 60},
};

int vol_cert_read(struct arena *a, const struct kvlist *form, struct vol_cert_form *f, struct ymd *from,
		  struct ymd *to)
{
	int bad = fields_validate(a, form, cert_fields, CF__MAX, f->vals, f->errs);
	int ok_from = !f->errs[CF_FROM] && date_parse_typed(f->vals[CF_FROM], from) == 0 && from->y >= 2000 &&
		      from->y <= 2100;
	int ok_to = !f->errs[CF_TO] && date_parse_typed(f->vals[CF_TO], to) == 0 && to->y >= 2000 && to->y <= 2100;
	if (!f->errs[CF_FROM] && !ok_from && ++bad)
		f->errs[CF_FROM] = "起始日期请写成 2026-01-01 或 2026年1月1日";
	if (!f->errs[CF_TO] && !ok_to && ++bad)
		f->errs[CF_TO] = "截止日期请写成 2026-12-31 或 2026年12月31日";
	if (ok_from && ok_to && date_cmp(*from, *to) > 0 && ++bad)
		f->errs[CF_TO] = "截止日期不能早于起始日期";
	return bad;
}
