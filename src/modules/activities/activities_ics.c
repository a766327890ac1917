/* The iCalendar feeds, built with libical: the community's activities
 * from 30 days ago on (/c/<slug>/activities.ics) and one activity
 * (/c/<slug>/activities/<id>.ics). Each VEVENT has a UID stable per
 * activity (activity-<community>-<id>@shequ), DTSTAMP from its last change
 * (so the bytes change only with the data), DTSTART/DTEND in UTC, SUMMARY,
 * LOCATION, DESCRIPTION, URL and STATUS (CANCELLED for a cancelled one). */
#include <libical/ical.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "http/module.h"
#include "modules/activities/activities_web.h"

#define FEED_MAX 500

static struct icaltimetype utc(int64_t t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

/* An activity's VEVENT as libical writes it (malloc'd), or NULL. */
static char *vevent(struct req *r, const struct act_activity *a)
{
	const char *base = r->app && r->app->public_url ? r->app->public_url : "";
	const char *uid = arena_printf(r->a, "activity-%lld-%lld@shequ", (long long)r->community->id, (long long)a->id);
	const char *url = arena_printf(r->a, "%s/c/%s/activities/%lld", base, r->community->slug, (long long)a->id);
	const char *desc =
	    arena_printf(r->a, "%s%s%s", a->description, *a->audience ? "\n面向:" : "", a->audience);
	if (desc && !strcmp(a->state, "cancelled"))
		desc = arena_printf(r->a, "活动已取消:%s\n%s", a->cancel_reason, desc);
	if (!uid || !url || !desc)
		return NULL;
	icalcomponent *ev = icalcomponent_vanew(
	    ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid), icalproperty_new_dtstamp(utc(a->updated_at)),
	    icalproperty_new_dtstart(utc(a->starts_at)), icalproperty_new_dtend(utc(a->ends_at)),
	    icalproperty_new_summary(a->title), icalproperty_new_location(a->place), icalproperty_new_description(desc),
	    icalproperty_new_url(url),
	    icalproperty_new_status(strcmp(a->state, "cancelled") ? ICAL_STATUS_CONFIRMED : ICAL_STATUS_CANCELLED),
	    (void *)0);
	if (!ev)
		return NULL;
	char *s = icalcomponent_as_ical_string_r(ev);
	icalcomponent_free(ev);
	return s;
}

/* The VEVENTs written, kept by what they are made of (as h_markdown keeps
 * HTML by its text): the community and activity and a 64-bit hash of every
 * field the event shows, so that any change, two in one second too, makes
 * a new text, while sign-ups, which change only counters, do not. A fixed
 * table, a slot per hash, the last writer's text kept. */
#define ICS_SLOTS 2048
static struct ics_slot {
	int64_t community, id;
	uint64_t made_of;
	char *text;
} slots[ICS_SLOTS];

/* FNV-1a over n bytes, continuing h. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ c[i]) * 0x100000001b3u;
	return h;
}

/* The hash of what activity a's VEVENT is made of, r's base URL and slug too. */
static uint64_t made_of(struct req *r, const struct act_activity *a)
{
	const char *base = r->app && r->app->public_url ? r->app->public_url : "";
	const char *text[] = {base, r->community->slug, a->title, a->place, a->description, a->audience, a->state,
			      a->cancel_reason};
	int64_t num[] = {a->starts_at, a->ends_at, a->updated_at};
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		h = fnv(h, text[i], strlen(text[i]) + 1); /* with its NUL: "ab","c" differs from "a","bc" */
	return fnv(h, num, sizeof num);
}
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;

/* Appends activity a's VEVENT to out, from the table or made and kept. 0 or -1. */
static int add_event(struct req *r, struct buf *out, const struct act_activity *a)
{
	uint64_t h = ((uint64_t)r->community->id * 0x9E3779B97F4A7C15u) ^ ((uint64_t)a->id * 0xC2B2AE3D27D4EB4Fu);
	struct ics_slot *s = &slots[(h >> 20) % ICS_SLOTS];
	uint64_t m = made_of(r, a);
	int hit = 0;
	pthread_mutex_lock(&slots_lock);
	if (s->text && s->community == r->community->id && s->id == a->id && s->made_of == m) {
		buf_puts(out, s->text);
		hit = 1;
	}
	pthread_mutex_unlock(&slots_lock);
	if (hit)
		return 0;
	char *text = vevent(r, a);
	if (!text)
		return -1;
	buf_puts(out, text);
	pthread_mutex_lock(&slots_lock);
	free(s->text);
	*s = (struct ics_slot){r->community->id, a->id, m, text};
	pthread_mutex_unlock(&slots_lock);
	return 0;
}

int act_ics(struct req *r, struct buf *b, const struct act_activity *v, size_t n)
{
	/* The calendar's own lines by libical, the events spliced before its end. */
	icalcomponent *cal = icalcomponent_vanew(
	    ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
	    icalproperty_new_prodid("-//shequ//activities//ZH"), icalproperty_new_method(ICAL_METHOD_PUBLISH),
	    (void *)0);
	if (!cal)
		return -1;
	icalproperty *name = icalproperty_new_x(arena_printf(r->a, "%s活动", r->community->name));
	if (name) {
		icalproperty_set_x_name(name, "X-WR-CALNAME");
		icalcomponent_add_property(cal, name);
	}
	char *head = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	static const char end[] = "END:VCALENDAR\r\n";
	size_t hl = head ? strlen(head) : 0;
	if (!head || hl < sizeof end - 1 || strcmp(head + hl - (sizeof end - 1), end)) {
		free(head);
		return -1;
	}
	buf_append(b, head, hl - (sizeof end - 1));
	free(head);
	for (size_t i = 0; i < n; i++)
		if (add_event(r, b, &v[i]) < 0)
			return -1;
	buf_append(b, end, sizeof end - 1);
	return b->err ? -1 : 0;
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
			return req_fail(r, HR_NOT_FOUND, ACT_NO_SUCH);
		memcpy(id, r->param[1], len - 4);
		id[len - 4] = 0;
		v = arena_alloc(r->a, sizeof *v);
		enum http_result hr;
		if (!v)
			return HR_ERROR;
		if (act_load(r, id, v, &hr) < 0)
			return hr;
		if (!strcmp(v->state, "draft"))
			return req_fail(r, HR_NOT_FOUND, ACT_NO_SUCH);
		n = 1;
	} else if (act_feed(r->db, r->a, r->community->id, r->now - 30 * 86400, FEED_MAX, &v, &n) < 0) {
		return HR_ERROR;
	}
	if (act_ics(r, r->out, v, n) < 0)
		return req_error(r, "libical could not write the calendar");
	r->content_type_out = "text/calendar; charset=utf-8";
	return HR_OK;
}
