/* The service directory as JSON: a community's hotlines and stations with
 * their hours and what they are doing now, and one station. */
#include <jansson.h>
#include <string.h>

#include "core/clock.h"
#include "modules/services/services_web.h"

static const char *const state_names[SERVICES_STATE__MAX] = {
    [SERVICES_OPEN] = "open",	      [SERVICES_LUNCH] = "lunch",	 [SERVICES_BREAK] = "break",
    [SERVICES_NOT_YET] = "not_yet",   [SERVICES_AFTER] = "after_hours", [SERVICES_DAY_OFF] = "day_off",
    [SERVICES_CLOSED_HOLIDAY] = "holiday",   [SERVICES_NO_HOURS] = "no_hours",
};

static json_t *hhmm(int minute)
{
	return json_sprintf("%02d:%02d", minute / 60 % 100, minute % 60);
}

/* The week: [{weekday, label, text, periods: [{open, close, next_day}]}]. */
static json_t *week_json(const struct services_schedule *h)
{
	json_t *week = json_array();
	for (int w = 0; week && w < 7; w++) {
		const struct services_day *d = &h->week[w];
		char text[SERVICES_HOURS_TEXT];
		json_t *periods = json_array();
		for (int i = 0; periods && i < d->n; i++) {
			int over = d->p[i].close > SERVICES_DAY_MINUTES;
			json_array_append_new(periods, json_pack("{s:o,s:o,s:b}", "open", hhmm(d->p[i].open), "close",
								 hhmm(over ? d->p[i].close - SERVICES_DAY_MINUTES : d->p[i].close),
								 "next_day", over));
		}
		json_array_append_new(week, json_pack("{s:i,s:s,s:s,s:o}", "weekday", w + 1, "label",
						      services_weekday_label(w + 1), "text",
						      services_day_format(d, text, sizeof text), "periods", periods));
	}
	return week;
}

/* Minute `at` counted from today's 00:00 (CST) as an RFC 3339 time, or JSON null. */
static json_t *change_at(const struct req *r, const struct services_clock *clk, int at)
{
	if (at < 0)
		return json_null();
	int64_t midnight = r->now - r->now % 60 - (int64_t)clk->minute * 60;
	char s[32];
	return json_string(clock_format_iso_utc(midnight + (int64_t)at * 60, s, sizeof s));
}

static json_t *station_json(const struct req *r, const struct services_clock *clk, const struct services_entry *e)
{
	const struct services_station *s = e->s;
	json_t *services = json_array();
	for (const char *p = s->services; services && *p;) {
		size_t n = strcspn(p, "\n"), k = n;
		if (k && p[k - 1] == '\r')
			k--;
		if (k)
			json_array_append_new(services, json_stringn(p, k));
		p += n + (p[n] != 0);
	}
	json_t *status = json_pack("{s:s,s:s,s:s,s:o}", "state", state_names[e->status.state], "text", e->now, "today",
				   e->today, "next_change", change_at(r, clk, e->status.next));
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:b,s:i,s:s?,s:s,s:o}", "id", (json_int_t)s->id, "kind", s->kind,
			 "name", s->name, "address", s->address, "phone", s->phone, "services", services, "hours",
			 week_json(&s->hours), "holidays_open", s->hours.holidays_open, "makeup_weekday",
			 s->hours.makeup_weekday, "duty", s->duty_public && *s->duty ? s->duty : NULL, "note", s->note,
			 "status", status);
}

enum http_result services_h_api_list(struct req *r)
{
	struct services_hotline *h;
	struct services_entry *e;
	size_t n, nh;
	struct services_clock clk;
	if (services_load(r, &clk, &e, &n, &h, &nh) < 0)
		return HR_ERROR;
	json_t *hotlines = json_array(), *stations = json_array();
	for (size_t i = 0; hotlines && i < nh; i++)
		json_array_append_new(hotlines, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)h[i].id, "kind",
							  services_hotline_kind_name(h[i].kind), "kind_label",
							  services_hotline_kind_label(h[i].kind), "name", h[i].name,
							  "number", h[i].number, "hours", h[i].hours));
	for (size_t i = 0; stations && i < n; i++)
		json_array_append_new(stations, station_json(r, &clk, &e[i]));
	/* To the minute, and kept no longer: every copy of this answer says the same. */
	int64_t minute = r->now - r->now % 60;
	req_valid_until(r, minute + 60);
	char at[32];
	return req_send_json(r, json_pack("{s:{s:s,s:s},s:s,s:o,s:o}", "community", "slug", r->community->slug, "name",
				      r->community->name, "as_of", clock_format_iso_utc(minute, at, sizeof at),
				      "hotlines", hotlines, "stations", stations));
}

enum http_result services_h_api_station(struct req *r)
{
	struct services_clock clk;
	struct services_entry *e;
	int rc = services_load_station(r, &clk, &e);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, "没有这个服务站点。");
	return req_send_json(r, station_json(r, &clk, e));
}
