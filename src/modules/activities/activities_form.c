/* The staff forms read into typed values: an activity (kind, title, a date
 * and times as people type them, capacity, age, sign-up closing) and a
 * desk sign-up (name, phone, 电话提醒). Pure: no database, no request; the
 * fuzz target feeds it any form. Each error is in Chinese, by its field,
 * with what was typed kept in vals. */
#include <string.h>

#include "core/date.h"
#include "core/str.h"
#include "modules/activities/activities_web.h"

static const struct field act_fields[AF__MAX] = {
    [AF_KIND] = {"kind", "活动类别", FIELD_TEXT, 1, 20},
    [AF_TITLE] = {"title", "活动名称", FIELD_TEXT, 1, 60},
    [AF_ORGANIZER] = {"organizer", "主办单位", FIELD_TEXT, 0, 60},
    [AF_FACILITY] = {"facility", "预约场地", FIELD_TEXT, 0, 12},
    [AF_PLACE] = {"place", "活动地点", FIELD_TEXT, 0, 80},
    [AF_DATE] = {"date", "活动日期", FIELD_TEXT, 1, 20},
    [AF_START] = {"start", "开始时间", FIELD_TEXT, 1, 20},
    [AF_END_DATE] = {"end_date", "结束日期", FIELD_TEXT, 0, 20},
    [AF_END] = {"end", "结束时间", FIELD_TEXT, 1, 20},
    [AF_CAPACITY] = {"capacity", "名额", FIELD_TEXT, 0, 8},
    [AF_AUDIENCE] = {"audience", "面向人群", FIELD_TEXT, 0, 60},
    [AF_MIN_AGE] = {"min_age", "最低年龄", FIELD_TEXT, 0, 4},
    [AF_CLOSE_DATE] = {"close_date", "报名截止日期", FIELD_TEXT, 0, 20},
    [AF_CLOSE_TIME] = {"close_time", "报名截止时间", FIELD_TEXT, 0, 20},
    [AF_DESCRIPTION] = {"description", "活动介绍", FIELD_MULTILINE, 0, 4000},
};

const struct field *act_form_fields(void)
{
	return act_fields;
}

/* A whole number 0..max typed in s ("" is 0): 0 with *v set, or -1. */
static int small_number(const char *s, int64_t max, int64_t *v)
{
	if (!*s) {
		*v = 0;
		return 0;
	}
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	if (strlen(s) > 12 || str_to_int64(s, v) < 0 || *v > max)
		return -1;
	return 0;
}

int act_form_read(struct arena *a, const struct kvlist *form, struct ymd today, struct act_form *f,
		  struct act_activity *v)
{
	int bad = fields_validate(a, form, act_fields, AF__MAX, f->vals, f->errs);
	const char **x = f->vals, **e = f->errs;
	memset(v, 0, sizeof *v);
	v->kind = x[AF_KIND];
	v->title = x[AF_TITLE];
	v->organizer = x[AF_ORGANIZER];
	v->place = x[AF_PLACE];
	v->audience = x[AF_AUDIENCE];
	v->description = x[AF_DESCRIPTION];
	/* A room of the community's facilities (its id; "" none), booked for
	 * the activity's time once it is published; the place may then be
	 * left for the room's name. */
	if (!e[AF_FACILITY] && small_number(x[AF_FACILITY], INT64_C(999999999999), &v->facility_id) < 0 && ++bad)
		e[AF_FACILITY] = "请从列表中选择场地";
	if (!e[AF_PLACE] && !*x[AF_PLACE] && !v->facility_id && ++bad)
		e[AF_PLACE] = "请填写活动地点,或选择预约的场地";
	if (!act_kind_ok(x[AF_KIND]) && (e[AF_KIND] || ++bad)) /* a choice, also when none was made */
		e[AF_KIND] = "请选择活动类别";
	struct ymd day = {0}, end_day = {0}, close_day = {0};
	int start = 0, end = 0, close = 0;
	int have_day = !e[AF_DATE] && date_parse_typed_near(x[AF_DATE], today, &day) == 0;
	if (!e[AF_DATE] && !have_day && ++bad)
		e[AF_DATE] = "活动日期请写成 2026-10-25 或 10月25日";
	else if (have_day && (day.y < ACT_FIRST_YEAR || day.y > ACT_LAST_YEAR) && ++bad) {
		e[AF_DATE] = "活动日期应在 2000 年至 2100 年之间";
		have_day = 0;
	}
	int have_start = !e[AF_START] && date_time_parse_typed(x[AF_START], &start) == 0 && start < 1440;
	if (!e[AF_START] && !have_start && ++bad)
		e[AF_START] = "开始时间请写成 14:30 或 下午2点半";
	int have_end = !e[AF_END] && date_time_parse_typed(x[AF_END], &end) == 0;
	if (!e[AF_END] && !have_end && ++bad)
		e[AF_END] = "结束时间请写成 16:00 或 下午4点";
	end_day = day;
	int have_end_day = have_day;
	if (!e[AF_END_DATE] && *x[AF_END_DATE]) {
		have_end_day = date_parse_typed_near(x[AF_END_DATE], today, &end_day) == 0 && end_day.y >= ACT_FIRST_YEAR &&
			       end_day.y <= ACT_LAST_YEAR;
		if (!have_end_day && ++bad)
			e[AF_END_DATE] = "结束日期请写成 2026-10-25;当天结束可不填";
	}
	if (have_day && have_start)
		v->starts_at = date_at_minute(day, start);
	if (have_day && have_start && have_end && have_end_day) {
		v->ends_at = date_at_minute(end_day, end);
		if (v->ends_at <= v->starts_at && ++bad)
			e[AF_END] = "结束时间应晚于开始时间";
		else if (v->ends_at - v->starts_at > (int64_t)ACT_MAX_DAYS * 86400 && ++bad)
			e[AF_END_DATE] = "一次活动最长 31 天;更长的课程请按期分别发布";
	}
	/* Sign-up closes at the start unless staff say earlier. */
	v->signup_closes_at = v->starts_at;
	int want_close = *x[AF_CLOSE_DATE] || *x[AF_CLOSE_TIME];
	if (want_close && !e[AF_CLOSE_DATE] && !e[AF_CLOSE_TIME]) {
		int ok_day = 1, ok_time = 1;
		close_day = day;
		if (*x[AF_CLOSE_DATE])
			ok_day = date_parse_typed_near(x[AF_CLOSE_DATE], today, &close_day) == 0 && close_day.y >= ACT_FIRST_YEAR &&
				 close_day.y <= ACT_LAST_YEAR;
		else
			ok_day = have_day;
		close = 1440;
		if (*x[AF_CLOSE_TIME])
			ok_time = date_time_parse_typed(x[AF_CLOSE_TIME], &close) == 0;
		if (!ok_day && ++bad)
			e[AF_CLOSE_DATE] = "报名截止日期请写成 2026-10-20";
		if (!ok_time && ++bad)
			e[AF_CLOSE_TIME] = "报名截止时间请写成 18:00;不填为当天结束";
		if (ok_day && ok_time) {
			v->signup_closes_at = date_at_minute(close_day, close);
			if (v->starts_at && v->signup_closes_at > v->starts_at && ++bad)
				e[AF_CLOSE_DATE] = "报名截止应在活动开始之前";
		}
	}
	if (!e[AF_CAPACITY] && small_number(x[AF_CAPACITY], ACT_MAX_CAPACITY, &v->capacity) < 0 && ++bad)
		e[AF_CAPACITY] = "名额请填 0 到 100000 的整数;0 或不填为不限名额";
	if (!e[AF_MIN_AGE] && small_number(x[AF_MIN_AGE], 120, &v->min_age) < 0 && ++bad)
		e[AF_MIN_AGE] = "最低年龄请填 0 到 120 的整数;不限年龄可不填";
	return bad;
}

void act_form_fill(struct arena *a, const struct act_activity *v, struct act_form *f)
{
	char d[11];
	f->vals[AF_KIND] = v->kind;
	f->vals[AF_TITLE] = v->title;
	f->vals[AF_ORGANIZER] = v->organizer;
	f->vals[AF_PLACE] = v->place;
	f->vals[AF_FACILITY] = v->facility_id ? arena_printf(a, "%lld", (long long)v->facility_id) : "";
	date_format(date_from_time(v->starts_at), d);
	f->vals[AF_DATE] = arena_strdup(a, d);
	int sm = date_minute_of_day(v->starts_at), em = date_minute_of_day(v->ends_at);
	f->vals[AF_START] = arena_printf(a, "%02d:%02d", sm / 60, sm % 60);
	struct ymd sd = date_from_time(v->starts_at), ed = date_from_time(v->ends_at);
	if (em == 0 && v->ends_at > v->starts_at) {
		ed = date_add_days(ed, -1); /* midnight: 24:00 of the day before */
		em = 1440;
	}
	date_format(ed, d);
	f->vals[AF_END_DATE] = date_cmp(sd, ed) ? arena_strdup(a, d) : "";
	f->vals[AF_END] = arena_printf(a, "%02d:%02d", em / 60, em % 60);
	f->vals[AF_CAPACITY] = arena_printf(a, "%lld", (long long)v->capacity);
	f->vals[AF_AUDIENCE] = v->audience;
	f->vals[AF_MIN_AGE] = v->min_age ? arena_printf(a, "%lld", (long long)v->min_age) : "";
	f->vals[AF_CLOSE_DATE] = "";
	f->vals[AF_CLOSE_TIME] = "";
	if (v->signup_closes_at != v->starts_at) {
		date_format(date_from_time(v->signup_closes_at), d);
		int cm = date_minute_of_day(v->signup_closes_at);
		f->vals[AF_CLOSE_DATE] = arena_strdup(a, d);
		f->vals[AF_CLOSE_TIME] = arena_printf(a, "%02d:%02d", cm / 60, cm % 60);
	}
	f->vals[AF_DESCRIPTION] = v->description;
}

static const struct field desk_fields[DF__MAX] = {
    [DF_NAME] = {"name", "姓名", FIELD_TEXT, 1, 20},
    [DF_PHONE] = {"phone", "联系电话", FIELD_PHONE, 1, 20},
    [DF_CALL] = {"needs_call", "电话提醒", FIELD_HIDDEN, 0, 1},
};

int act_desk_read(struct arena *a, const struct kvlist *form, struct act_desk_form *f, struct act_signup_new *s)
{
	int bad = fields_validate(a, form, desk_fields, DF__MAX, f->vals, f->errs);
	memset(s, 0, sizeof *s);
	s->name = f->vals[DF_NAME];
	s->phone = f->vals[DF_PHONE];
	if (!f->errs[DF_CALL] && *f->vals[DF_CALL] && strcmp(f->vals[DF_CALL], "1") && ++bad)
		f->errs[DF_CALL] = "电话提醒请勾选或不勾选";
	s->needs_call = !strcmp(f->vals[DF_CALL], "1");
	if (!f->errs[DF_PHONE]) {
		size_t digits = 0;
		char first = 0;
		for (const char *p = s->phone; *p; p++)
			if (*p >= '0' && *p <= '9' && !digits++)
				first = *p;
		if ((digits < 7 || digits > 15) && ++bad)
			f->errs[DF_PHONE] = "请填写能联系到本人的电话号码(手机或座机)";
		else if (first == '1' && digits != 11 && ++bad) /* a mobile number mistyped */
			f->errs[DF_PHONE] = arena_printf(a, "手机号码应为 11 位,这里是 %zu 位", digits);
	}
	return bad;
}
