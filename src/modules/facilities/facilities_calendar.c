/* The week calendar of a facility's page: each day's opening periods cut
 * into free and taken stretches, and the status words of a facility now. */
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "modules/facilities/facilities_web.h"

int64_t facilities_id_param(const char *s)
{
	int64_t id;
	if (!s || !*s || *s == '+' || *s == '-' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

char *facilities_hhmm_to(char out[16], int m)
{
	char *p = out;
	if (m > SERVICES_DAY_MINUTES) {
		memcpy(p, "次日", strlen("次日"));
		p += strlen("次日");
		m -= SERVICES_DAY_MINUTES;
	}
	if (m < 0 || m > SERVICES_DAY_MINUTES)
		m = 0;
	p[0] = (char)('0' + m / 600);
	p[1] = (char)('0' + m / 60 % 10);
	p[2] = ':';
	p[3] = (char)('0' + m % 60 / 10);
	p[4] = (char)('0' + m % 10);
	p[5] = 0;
	return out;
}

const char *facilities_hhmm(struct arena *a, int m)
{
	char t[16];
	return arena_strdup(a, facilities_hhmm_to(t, m));
}

const char *facilities_when(struct arena *a, int64_t from, int64_t to)
{
	struct ymd d = date_from_time(from);
	int m = date_minute_of_day(from);
	int e = m + (int)((to - from) / 60);
	return arena_printf(a, "%d月%d日 %s %s–%s", d.m, d.d, services_weekday_label(date_weekday(d)),
			    facilities_hhmm(a, m), facilities_hhmm(a, e));
}

/* Appends a span, merging with the last one of the same kind that it touches. */
static int span_add(struct arena *a, struct facilities_span **s, size_t *n, size_t *cap, int from, int to, int taken)
{
	if (to <= from)
		return 0;
	if (*n && (*s)[*n - 1].taken == taken && (*s)[*n - 1].to == from) {
		(*s)[*n - 1].to = to;
		return 0;
	}
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct facilities_span *ns = arena_alloc(a, nc * sizeof *ns);
		if (!ns)
			return -1;
		if (*n)
			memcpy(ns, *s, *n * sizeof *ns);
		*s = ns;
		*cap = nc;
	}
	(*s)[(*n)++] = (struct facilities_span){from, to, taken};
	return 0;
}

int facilities_day_spans(struct arena *a, const struct facilities_facility *f, struct ymd d,
			 const struct services_day_info *info, const struct facilities_booking *b, size_t nb, int64_t now,
			 struct facilities_span **out, size_t *n)
{
	const struct services_day *day = services_day_effective(&f->hours, info);
	int64_t base = date_to_time(d);
	/* minutes of d from which nothing more can be booked: now, to the slot */
	int64_t nowm = (now - base) / 60;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	for (int i = 0; i < day->n; i++) {
		int from = day->p[i].open, to = day->p[i].close;
		if (nowm >= to)
			continue;
		if (nowm > from)
			from = (int)nowm;
		int at = from;
		/* walk the bookings overlapping [from, to) in order of start */
		for (;;) {
			int best = -1;
			int bs = 0, be = 0;
			for (size_t k = 0; k < nb; k++) {
				int s = (int)((b[k].starts_at - base) / 60), e = (int)((b[k].ends_at - base) / 60);
				if (e <= at || s >= to)
					continue;
				if (best < 0 || s < bs) {
					best = (int)k;
					bs = s;
					be = e;
				}
			}
			if (best < 0)
				break;
			if (bs < at)
				bs = at;
			if (be > to)
				be = to;
			if (span_add(a, out, n, &cap, at, bs, 0) < 0 || span_add(a, out, n, &cap, bs, be, 1) < 0)
				return -1;
			at = be;
		}
		if (span_add(a, out, n, &cap, at, to, 0) < 0)
			return -1;
	}
	return 0;
}

/* Fills the entry's status words at the request's clock and lowers the page's validity to the next change. */
int facilities_entry_fill(struct req *r, const struct facilities_clock *clk, const struct facilities_facility *f,
			  struct facilities_entry *e)
{
	struct services_status st;
	char text[256], today[SERVICES_HOURS_TEXT];
	e->f = f;
	if (services_status(&f->hours, clk->days, SERVICES_HORIZON, clk->minute, &st) < 0)
		return -1;
	services_status_text(&st, clk->days, SERVICES_HORIZON, text, sizeof text);
	services_day_format(services_day_effective(&f->hours, &clk->days[1]), today, sizeof today);
	if (st.next >= 0)
		req_valid_until(r, r->now - (int64_t)clk->minute * 60 - r->now % 60 + (int64_t)st.next * 60);
	e->now = arena_strdup(r->a, text);
	e->today = arena_strdup(r->a, today);
	return e->now && e->today ? 0 : -1;
}

/* Fills the request's calendar: yesterday, today and the days after. */
void facilities_clock_now(struct req *r, struct facilities_clock *clk)
{
	services_calendar(r->now, clk->days, SERVICES_HORIZON, &clk->minute);
}
