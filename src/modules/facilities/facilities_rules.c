/* The booking rules that need no database: whether a time fits a
 * facility's opening hours (the service directory's schedule, holidays and
 * 调休 included), the slot grid and booking window, the no-show block, the
 * states' names, and the parsing of the booking form's typed time. */
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "modules/facilities/facilities_internal.h"

int facilities_hours_grid_fit(const struct services_schedule *s, const struct services_day_info *prev,
			      const struct services_day_info *today, int start, int end, int slot)
{
	if (start < 0 || start >= SERVICES_DAY_MINUTES || end <= start || end > start + FACILITIES_LONGEST_MIN)
		return 0;
	if (slot < 1)
		slot = 1;
	const struct services_day *d = services_day_effective(s, today);
	for (int i = 0; i < d->n; i++)
		if (start >= d->p[i].open && end <= d->p[i].close && (start - d->p[i].open) % slot == 0)
			return 1;
	/* yesterday's periods that run past midnight, on yesterday's clock */
	const struct services_day *y = services_day_effective(s, prev);
	for (int i = 0; i < y->n; i++)
		if (y->p[i].close > SERVICES_DAY_MINUTES && start + SERVICES_DAY_MINUTES >= y->p[i].open &&
		    end + SERVICES_DAY_MINUTES <= y->p[i].close &&
		    (start + SERVICES_DAY_MINUTES - y->p[i].open) % slot == 0)
			return 1;
	return 0;
}

int facilities_hours_fit(const struct services_schedule *s, const struct services_day_info *prev,
			 const struct services_day_info *today, int start, int end)
{
	return facilities_hours_grid_fit(s, prev, today, start, end, 1);
}

void facilities_day_info(struct ymd d, struct services_day_info *out)
{
	/* the calendar of the day after d: [0] is d itself */
	struct services_day_info days[2];
	int minute;
	services_calendar(date_to_time(date_add_days(d, 1)), days, 2, &minute);
	*out = days[0];
}

/* Orders Unix times, earliest first. */
static int cmp_time(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

int64_t facilities_noshow_until(int64_t *times, size_t n)
{
	const int64_t window = (int64_t)FACILITIES_NOSHOW_WINDOW_DAYS * 86400,
		      block = (int64_t)FACILITIES_NOSHOW_BLOCK_DAYS * 86400;
	int64_t until = 0;
	if (n < FACILITIES_NOSHOW_LIMIT)
		return 0;
	qsort(times, n, sizeof *times, cmp_time);
	for (size_t i = FACILITIES_NOSHOW_LIMIT - 1; i < n; i++)
		if (times[i] - times[i - (FACILITIES_NOSHOW_LIMIT - 1)] <= window && times[i] + block > until)
			until = times[i] + block;
	return until;
}

enum facilities_refusal facilities_time_check(const struct facilities_facility *f, const struct facilities_request *q,
					      int64_t now)
{
	int slot = f->slot_min > 0 ? f->slot_min : 30;
	/* the length here; where it starts on the grid (from the period's opening) after the hours */
	if (q->start_min < 0 || q->start_min >= SERVICES_DAY_MINUTES || q->end_min <= q->start_min ||
	    (q->end_min - q->start_min) % slot)
		return FR_GRID;
	if (q->end_min - q->start_min > f->max_min || q->end_min - q->start_min > FACILITIES_LONGEST_MIN)
		return FR_LENGTH;
	if (date_at_minute(q->day, q->start_min) < now)
		return FR_PAST;
	if (date_diff(date_from_time(now), q->day) > f->days_ahead)
		return FR_TOO_FAR;
	struct services_day_info prev, today;
	facilities_day_info(date_add_days(q->day, -1), &prev);
	facilities_day_info(q->day, &today);
	if (!facilities_hours_fit(&f->hours, &prev, &today, q->start_min, q->end_min))
		return FR_CLOSED;
	if (!facilities_hours_grid_fit(&f->hours, &prev, &today, q->start_min, q->end_min, slot))
		return FR_GRID;
	return FR_OK;
}

const int facilities_slots[FACILITIES_NSLOTS] = {15, 30, 60, 90, 120};

int facilities_slot_allowed(int slot, int kept)
{
	for (int i = 0; i < FACILITIES_NSLOTS; i++)
		if (slot == facilities_slots[i])
			return 1;
	return slot > 0 && slot == kept;
}

static const char *const refusals[FR__MAX] = {
    [FR_OK] = "",
    [FR_NO_FACILITY] = "没有这个场地,或场地已停用。",
    [FR_GRID] = "开始时间须是开放时间加整数个预约时段(见“每段 … 分钟”),时长也须是整数个时段。",
    [FR_LENGTH] = "预约时长超过了场地允许的最长时间。",
    [FR_PAST] = "不能预约已经过去的时间。",
    [FR_TOO_FAR] = "超出了可提前预约的天数。",
    [FR_CLOSED] = "这段时间场地不开放(请看开放时间,节假日可能不开放)。",
    [FR_TAKEN] = "这段时间已有预约,请换一个时间。",
    [FR_NOSHOWS] = "近 90 天内 3 次预约未到场,30 天内不能在网上预约;如需使用请到社区服务站办理。",
    [FR_NOT_OPEN_TO] = "这个场地不接受这类预约。",
    [FR_CAPACITY] = "人数超过了场地可容纳的人数。",
};

const char *facilities_refusal_text(enum facilities_refusal r)
{
	return (unsigned)r < FR__MAX ? refusals[r] : "";
}

static const char *const state_names[FB__MAX] = {"pending", "confirmed", "refused", "cancelled", "no_show"};
static const char *const state_labels[FB__MAX] = {"待审批", "已确认", "未通过", "已取消", "未到场"};

const char *facilities_state_name(enum facilities_state s)
{
	return (unsigned)s < FB__MAX ? state_names[s] : "";
}

const char *facilities_state_label(enum facilities_state s)
{
	return (unsigned)s < FB__MAX ? state_labels[s] : "";
}

int facilities_state_from(const char *s)
{
	for (int i = 0; s && i < FB__MAX; i++)
		if (!strcmp(s, state_names[i]))
			return i;
	return -1;
}

/* A whole number 1..9999 as typed (ASCII digits, surrounding blanks allowed), else -1. */
static int small_count(const char *s)
{
	while (*s == ' ')
		s++;
	int v = 0, n = 0;
	for (; *s >= '0' && *s <= '9'; s++, n++) {
		if (n >= 4)
			return -1;
		v = v * 10 + (*s - '0');
	}
	while (*s == ' ')
		s++;
	return n && !*s && v >= 1 ? v : -1;
}

int facilities_parse_time(struct ymd today, const char *date, const char *start, const char *end, const char *people,
			  struct facilities_request *q, const char *errs[4])
{
	errs[0] = errs[1] = errs[2] = errs[3] = NULL;
	if (!date || !*date)
		errs[0] = "请填写日期。";
	else if (date_parse_typed_near(date, today, &q->day) < 0)
		errs[0] = "日期看不懂,请写成 12月2日 或 2026-12-02。";
	if (!start || !*start)
		errs[1] = "请填写开始时间。";
	else if (date_time_parse_typed(start, &q->start_min) < 0 || q->start_min >= SERVICES_DAY_MINUTES)
		errs[1] = "开始时间看不懂,请写成 14:30 或 下午2点半。";
	if (!end || !*end)
		errs[2] = "请填写结束时间。";
	else if (date_time_parse_typed(end, &q->end_min) < 0)
		errs[2] = "结束时间看不懂,请写成 16:00 或 下午4点。";
	if (!errs[1] && !errs[2] && q->end_min <= q->start_min)
		q->end_min += SERVICES_DAY_MINUTES; /* 22:00 to 01:00: the next morning */
	if (!people || !*people)
		q->people = 1;
	else if ((q->people = small_count(people)) < 0)
		errs[3] = "人数请填 1 到 9999 的整数。";
	return errs[0] || errs[1] || errs[2] || errs[3] ? -1 : 0;
}
