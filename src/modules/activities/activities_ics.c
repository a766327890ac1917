/* The iCalendar feeds, built with libical: the community's activities
 * from 30 days ago on (/c/<slug>/activities.ics) and one activity
 * (/c/<slug>/activities/<id>.ics). Each VEVENT has a UID stable per
 * activity (activity-<community>-<id>@shequ), DTSTAMP from its last change
 * (so the bytes change only with the data), DTSTART/DTEND in UTC, SUMMARY,
 * LOCATION, DESCRIPTION, URL and STATUS (CANCELLED for a cancelled one). */
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "http/module.h"
#include "modules/activities/activities_web.h"

#define FEED_MAX 500

static struct icaltimetype utc(int64_t t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

char *act_ics(struct req *r, const struct act_activity *v, size_t n)
{
	icalcomponent *cal = icalcomponent_vanew(
	    ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
	    icalproperty_new_prodid("-//shequ//activities//ZH"), icalproperty_new_method(ICAL_METHOD_PUBLISH),
	    (void *)0);
	if (!cal)
		return NULL;
	const char *base = r->app && r->app->public_url ? r->app->public_url : "";
	icalproperty *name = icalproperty_new_x(arena_printf(r->a, "%s活动", r->community->name));
	if (name) {
		icalproperty_set_x_name(name, "X-WR-CALNAME");
		icalcomponent_add_property(cal, name);
	}
	for (size_t i = 0; i < n; i++) {
		const struct act_activity *a = &v[i];
		const char *uid = arena_printf(r->a, "activity-%lld-%lld@shequ", (long long)r->community->id,
					       (long long)a->id);
		const char *url = arena_printf(r->a, "%s/c/%s/activities/%lld", base, r->community->slug,
					       (long long)a->id);
		const char *desc = arena_printf(r->a, "%s%s%s", a->description, *a->audience ? "\n面向:" : "",
						a->audience);
		if (!strcmp(a->state, "cancelled"))
			desc = arena_printf(r->a, "活动已取消:%s\n%s", a->cancel_reason, desc ? desc : "");
		if (!uid || !url || !desc)
			break;
		icalcomponent *ev = icalcomponent_vanew(
		    ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid), icalproperty_new_dtstamp(utc(a->updated_at)),
		    icalproperty_new_dtstart(utc(a->starts_at)), icalproperty_new_dtend(utc(a->ends_at)),
		    icalproperty_new_summary(a->title), icalproperty_new_location(a->place),
		    icalproperty_new_description(desc), icalproperty_new_url(url),
		    icalproperty_new_status(strcmp(a->state, "cancelled") ? ICAL_STATUS_CONFIRMED : ICAL_STATUS_CANCELLED),
		    (void *)0);
		if (!ev) {
			icalcomponent_free(cal);
			return NULL;
		}
		icalcomponent_add_component(cal, ev);
	}
	char *s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (!s)
		return NULL;
	char *out = arena_strdup(r->a, s);
	free(s);
	return out;
}

enum http_result act_h_feed(struct req *r)
{
	struct act_activity *v;
	size_t n;
	if (r->nparam > 1) {
		/* one activity: "<id>.ics" */
		char id[24];
		size_t len = strlen(r->param[1]);
		if (len - 4 >= sizeof id)
			return req_fail(r, HR_NOT_FOUND, "没有这个活动。");
		memcpy(id, r->param[1], len - 4);
		id[len - 4] = 0;
		v = arena_alloc(r->a, sizeof *v);
		enum http_result hr;
		if (!v)
			return HR_ERROR;
		if (act_load(r, id, v, &hr) < 0)
			return hr;
		if (!strcmp(v->state, "draft"))
			return req_fail(r, HR_NOT_FOUND, "没有这个活动。");
		n = 1;
	} else if (act_feed(r->db, r->a, r->community->id, r->now - 30 * 86400, FEED_MAX, &v, &n) < 0) {
		return HR_ERROR;
	}
	char *ics = act_ics(r, v, n);
	if (!ics)
		return req_error(r, "libical could not write the calendar");
	buf_append(r->out, ics, strlen(ics));
	r->content_type_out = "text/calendar; charset=utf-8";
	return HR_OK;
}
