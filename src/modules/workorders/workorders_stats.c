/* The pure part of the work orders' figures: rates from counts, periods
 * and the months of a trend, in China time. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "modules/workorders/workorders_stats.h"

/* num / den in tenths of a percent, rounded half up; -1 when den is 0. */
static int rate_of(int64_t num, int64_t den)
{
	if (den <= 0 || num < 0)
		return -1;
	if (num > den)
		num = den;
	/* num <= den, so num * 1000 fits whenever den < INT64_MAX / 1000. */
	if (den > INT64_MAX / 2000)
		return (int)(num / (den / 1000));
	return (int)((num * 2000 + den) / (2 * den));
}

struct wo_rates wo_rates_from_counts(const struct wo_counts *c)
{
	return (struct wo_rates){
	    .respond = rate_of(c->respond_on_time, c->respond_counted),
	    .resolve = rate_of(c->resolved, c->accepted),
	    .satisfy = rate_of(c->satisfied, c->rated),
	};
}

void wo_rate_format(int rate, char *out, size_t len)
{
	if (rate < 0)
		snprintf(out, len, "—");
	else
		snprintf(out, len, "%d.%d%%", rate / 10, rate % 10);
}

void wo_counts_add(struct wo_counts *a, const struct wo_counts *b)
{
	a->received += b->received;
	a->closed += b->closed;
	a->respond_on_time += b->respond_on_time;
	a->respond_counted += b->respond_counted;
	a->resolved += b->resolved;
	a->accepted += b->accepted;
	a->satisfied += b->satisfied;
	a->rated += b->rated;
	a->rejected += b->rejected;
}

int64_t wo_day_of(int64_t t)
{
	return (t + 8 * 3600) / 86400;
}

void wo_trend_bounds(int64_t last, int64_t bounds[WO_TREND_MONTHS + 1])
{
	struct ymd d = date_from_time(last);
	d.d = 1;
	for (int i = 0; i <= WO_TREND_MONTHS; i++)
		bounds[i] = date_to_time(date_add_months(d, i - (WO_TREND_MONTHS - 1)));
}

static const char *const period_names[WO_P__MAX] = {"month", "last-month", "quarter", "year", "custom"};
static const char *const period_labels[WO_P__MAX] = {"本月", "上月", "本季度", "本年", "自定义"};

const char *wo_period_name(enum wo_period p)
{
	return (unsigned)p < WO_P__MAX ? period_names[p] : "";
}

const char *wo_period_label(enum wo_period p)
{
	return (unsigned)p < WO_P__MAX ? period_labels[p] : "";
}

int wo_period_from(const char *s)
{
	for (int i = 0; s && i < WO_P__MAX; i++)
		if (!strcmp(s, period_names[i]))
			return i;
	return -1;
}

/* The period p from day a to the day before b. */
static void range_set(struct wo_range *out, enum wo_period p, struct ymd a, struct ymd b)
{
	out->period = p;
	out->from = date_to_time(a);
	out->to = date_to_time(b);
	date_format(a, out->from_text);
	date_format(date_add_days(b, -1), out->to_text);
}

int wo_range_make(enum wo_period p, int64_t now, const char *from, const char *to, struct wo_range *out)
{
	struct ymd today = date_from_time(now), a = today, b;
	a.d = 1;
	switch (p) {
	case WO_P_MONTH:
		b = date_add_months(a, 1);
		break;
	case WO_P_LAST_MONTH:
		b = a;
		a = date_add_months(a, -1);
		break;
	case WO_P_QUARTER:
		a.m = (a.m - 1) / 3 * 3 + 1;
		b = date_add_months(a, 3);
		break;
	case WO_P_YEAR:
		a.m = 1;
		b = (struct ymd){a.y + 1, 1, 1};
		break;
	case WO_P_CUSTOM: {
		struct ymd last;
		if (!from || !to || date_parse(from, &a) < 0 || date_parse(to, &last) < 0)
			return -1;
		int days = date_diff(a, last);
		if (days < 0 || days > 3660)
			return -1;
		b = date_add_days(last, 1);
		break;
	}
	default:
		return -1;
	}
	range_set(out, p, a, b);
	return 0;
}

const char *wo_outcome_label(enum wo_outcome o)
{
	static const char *const label[WO_O__MAX] = {"已解决", "未解决", "不予受理"};
	return (unsigned)o < WO_O__MAX ? label[o] : "";
}

int wo_quarter_range(const char *s, int64_t now, struct wo_range *out, int *year, int *q)
{
	struct ymd start;
	if (!s || !*s) {
		struct ymd today = date_from_time(now);
		start = date_add_months((struct ymd){today.y, (today.m - 1) / 3 * 3 + 1, 1}, -3);
	} else {
		if (strlen(s) != 6 || s[4] != '-' || s[5] < '1' || s[5] > '4')
			return -1;
		int y = 0;
		for (int i = 0; i < 4; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			y = y * 10 + (s[i] - '0');
		}
		if (y < 2000 || y > 2999)
			return -1;
		start = (struct ymd){y, (s[5] - '1') * 3 + 1, 1};
		if (date_to_time(start) > now)
			return -1;
	}
	range_set(out, WO_P_CUSTOM, start, date_add_months(start, 3));
	*year = start.y;
	*q = (start.m - 1) / 3 + 1;
	return 0;
}
