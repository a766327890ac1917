/* Deadlines of work orders: the built-in rules, the due times an order
 * has, and the time left in words. Pure. */
#include <stdint.h>

#include "core/date.h"
#include "modules/workorders/workorders_internal.h"

#define HOUR 3600
#define DAY 86400

struct wo_rule wo_rule_default(enum wo_kind k)
{
	struct wo_rule r = {.kind = k};
	switch (k) {
	case WO_K_PETITION: /* 《信访工作条例》: 15 days to decide, 60 from acceptance, one extension of 30 */
		r.accept_days = 15;
		r.finish_days = 60;
		r.finish_from_accept = 1;
		r.extension_max_days = 30;
		break;
	case WO_K_EMERGENCY:
		r.respond_hours = 2;
		r.finish_days = 1;
		break;
	case WO_K_MEDIATION:
		r.finish_days = 30;
		break;
	default: /* hotline-style requests, complaints, suggestions, inquiries */
		r.respond_hours = 24;
		r.finish_days = 7;
		break;
	}
	return r;
}

struct wo_due wo_deadlines(const struct wo_rule *r, int64_t received, int64_t accepted, int extension_days)
{
	struct wo_due d = {0, 0, 0};
	if (r->accept_days > 0)
		d.accept = date_deadline(received, r->accept_days, r->working_days);
	if (r->respond_hours > 0)
		d.respond = received + (int64_t)r->respond_hours * HOUR;
	if (r->finish_days > 0) {
		int64_t from = r->finish_from_accept ? accepted : received;
		if (from > 0) {
			d.finish = date_deadline(from, r->finish_days, r->working_days);
			/* The extension counts on from the original last day, which is not counted again. */
			if (extension_days > 0)
				d.finish = date_deadline(d.finish, extension_days, r->working_days);
		}
	}
	return d;
}

const char *wo_time_left(struct arena *a, int64_t due, int64_t now)
{
	if (due == 0)
		return "";
	if (due >= now) {
		int64_t s = due - now;
		int64_t days = s / DAY, hours = s % DAY / HOUR, minutes = s % HOUR / 60;
		if (days > 0)
			return hours ? arena_printf(a, "还剩 %lld 天 %lld 小时", (long long)days,
			                            (long long)hours)
			             : arena_printf(a, "还剩 %lld 天", (long long)days);
		if (hours > 0)
			return minutes ? arena_printf(a, "还剩 %lld 小时 %lld 分钟", (long long)hours,
			                              (long long)minutes)
			               : arena_printf(a, "还剩 %lld 小时", (long long)hours);
		return minutes ? arena_printf(a, "还剩 %lld 分钟", (long long)minutes) : "还剩不到 1 分钟";
	}
	int64_t s = now - due;
	if (s >= DAY)
		return arena_printf(a, "已逾期 %lld 天", (long long)(s / DAY));
	if (s >= HOUR)
		return arena_printf(a, "已逾期 %lld 小时", (long long)(s / HOUR));
	return arena_printf(a, "已逾期 %lld 分钟", (long long)(s < 60 ? 1 : s / 60));
}
