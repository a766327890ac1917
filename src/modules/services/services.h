/* 服务站点与热线: each community's service stations and convenience outlets
 * (社区服务站, 社会救助站, 科普工作站, 卫生服务站, 社会保障工作站, 居民学校,
 * 便民服务网点 and any kind staff name) with their services, weekly opening
 * hours, staff on duty, phone and address; the community's hotlines; and
 * whether a station is open now, in China time.
 *
 * The opening-hours engine (services_hours.c) is pure: it is handed the
 * schedule, what kind of day yesterday, today and the following days are,
 * and the minute of the day. SQL lives in services_store.c only. */
#ifndef SHEQU_MODULES_SERVICES_H
#define SHEQU_MODULES_SERVICES_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "http/module.h"

extern const struct module services_module;

/* ---- opening hours (services_hours.c) ---- */

#define SERVICES_MAX_PERIODS 4 /* periods a weekday may have */
#define SERVICES_DAY_MINUTES 1440
/* Days the status looks at: yesterday (its overnight hours reach into
 * today), today, and 14 days ahead, enough to see past the Spring Festival
 * and National Day holidays. */
#define SERVICES_HORIZON 16
#define SERVICES_HOURS_TEXT 160 /* room for a formatted day */

/* Open from minute `open` of the day (0..1439) until minute `close`, which
 * lies in (open, open + 1440]: past 1440 it ends the next morning (22:00 to
 * 02:00 is 1320..1560). The opening minute is open, the closing one closed. */
struct services_period {
	int open, close;
};

/* One weekday's periods, in order of opening, none overlapping. No periods: closed. */
struct services_day {
	int n;
	struct services_period p[SERVICES_MAX_PERIODS];
};

struct services_schedule {
	struct services_day week[7]; /* [0] Monday .. [6] Sunday */
	/* On a statutory holiday the station keeps its weekday's hours (1) or is closed (0). */
	int holidays_open;
	/* A make-up working day (调休上班, a Saturday or Sunday worked in
	 * exchange for a holiday) keeps the hours of this weekday: 1 (Monday,
	 * the usual rule for government stations: a full working day) .. 7;
	 * 0: the station does not follow 调休 and keeps the day's own hours. */
	int makeup_weekday;
};

enum services_day_kind {
	SERVICES_WORKDAY,
	SERVICES_WEEKEND,
	SERVICES_HOLIDAY,	 /* a statutory holiday */
	SERVICES_MAKEUP_WORKDAY, /* 调休上班 */
	SERVICES_DAY_KIND__MAX
};

/* What the calendar says of one day. */
struct services_day_info {
	int weekday; /* ISO: 1 Monday .. 7 Sunday */
	enum services_day_kind kind;
	const char *holiday; /* the holiday's name ("国庆节") when kind is SERVICES_HOLIDAY, else NULL */
	int month, mday;     /* for the words: "10月8日" */
};

enum services_state {
	SERVICES_OPEN,	   /* 正在办公 */
	SERVICES_LUNCH,	   /* closed between two of today's periods, from late morning: 午休中 */
	SERVICES_BREAK,	   /* closed between two of today's periods at another time: 暂停办公 */
	SERVICES_NOT_YET,  /* today's first period has not begun: 尚未开门 */
	SERVICES_AFTER,	   /* today's periods are over: 已下班 */
	SERVICES_DAY_OFF,  /* no period today: 今天休息 */
	SERVICES_CLOSED_HOLIDAY, /* closed for today's statutory holiday: 节假日休息 */
	SERVICES_NO_HOURS, /* no period on any weekday: 暂无办公时间 */
	SERVICES_STATE__MAX
};

struct services_status {
	enum services_state state;
	/* The next change (closing when open, else opening) in minutes from
	 * today's 00:00: 1050 is today 17:30, 1440 + 510 tomorrow 08:30; -1
	 * when none falls within the days looked at (open round the clock, or
	 * closed for all of them). */
	int next;
	int round_the_clock; /* open from before yesterday to past the last day looked at */
	const char *holiday; /* today's holiday, for SERVICES_CLOSED_HOLIDAY */
};

/* Parses what staff type for one weekday: periods such as "08:30-12:00,
 * 14:00-17:30" or "上午 8:30–12:00;下午 14:00–17:30" (any dash, 至 or 到;
 * commas, 、, semicolons or spaces between periods; labels 上午/下午/晚上…
 * ignored but a 下午/晚上 time must be in 24-hour form), "22:00-02:00" or
 * "22:00-次日02:00" for hours past midnight, "24小时" (or 全天) and
 * "休息" (or nothing at all) for closed. Periods are sorted by opening.
 * 0, or -1 with the reason in Chinese in err (the typed piece quoted). */
int services_day_parse(const char *text, struct services_day *out, char *err, size_t errlen);
/* Writes d in the form services_day_parse reads back: "08:30–12:00,
 * 14:00–17:30", "22:00–次日02:00", "24小时" or "休息". Returns out. */
char *services_day_format(const struct services_day *d, char *out, size_t n);
/* 1 if no weekday has a period. */
int services_schedule_empty(const struct services_schedule *s);
/* The hours the station keeps on a day of this kind: none on a holiday
 * unless it opens on holidays, makeup_weekday's on a make-up working day,
 * else the weekday's own. */
const struct services_day *services_day_effective(const struct services_schedule *s,
						  const struct services_day_info *d);
/* The station's state at `minute` (0..1439) of today, and its next change.
 * days[0] is yesterday, days[1] today, days[2..ndays-1] the days after
 * (ndays 2..SERVICES_HORIZON; fewer days, fewer changes found). 0, or -1
 * when the arguments are out of range. */
int services_status(const struct services_schedule *s, const struct services_day_info *days, int ndays, int minute,
		    struct services_status *out);
/* The status in words, as residents read it: "正在办公 · 今天 17:30 下班",
 * "午休中 · 14:00 开门", "已下班 · 明天 08:30 开门", "节假日休息(国庆节)·
 * 10月8日 08:30 开门", "24 小时开放". days as given to services_status.
 * Returns out. */
char *services_status_text(const struct services_status *st, const struct services_day_info *days, int ndays,
			   char *out, size_t n);
/* Short label of a state ("正在办公"). */
const char *services_state_label(enum services_state s);
/* Fills days[0..ndays) from the holiday calendar (src/core/date.h) for
 * the day before `now` onwards, and *minute with now's minute of the day,
 * China Standard Time. ndays at most SERVICES_HORIZON. */
void services_calendar(int64_t now, struct services_day_info *days, int ndays, int *minute);
/* "周一" .. "周日" for ISO weekday 1..7, "" otherwise. */
const char *services_weekday_label(int weekday);

/* ---- stations and hotlines ---- */

/* The kinds of station the seed names, in the order pages list them;
 * staff may name others, listed after these. */
extern const char *const services_standard_kinds[];
extern const size_t services_nstandard_kinds;

struct services_station {
	int64_t id;
	const char *kind;     /* "社区服务站", or a kind staff named */
	const char *name;
	const char *address;
	const char *phone;    /* the station's public number, never a personal mobile */
	const char *services; /* one service a line */
	const char *duty;     /* staff on duty (a public officials' roster) */
	int duty_public;      /* the roster is shown to the public (1) or to staff only (0) */
	const char *note;
	struct services_schedule hours;
	int64_t created_at, updated_at;
};

enum services_hotline_kind {
	HOTLINE_SERVICE,   /* 服务热线 */
	HOTLINE_EMERGENCY, /* 应急热线 */
	HOTLINE_CITY,	   /* 12345 市民服务热线 */
	HOTLINE_OTHER,
	HOTLINE__MAX
};

struct services_hotline {
	int64_t id;
	enum services_hotline_kind kind;
	const char *name, *number, *hours;
	int64_t updated_at;
};

/* "service", ... and "服务热线", ...; -1 for an unknown name. */
const char *services_hotline_kind_name(enum services_hotline_kind k);
const char *services_hotline_kind_label(enum services_hotline_kind k);
int services_hotline_kind_from(const char *s);

/* services_store.c. Reads filter by community; writes run inside the
 * caller's transaction. */

/* A community keeps at most this many stations and hotlines: adding one
 * more is refused (SERVICES_FULL), and a list that would hold more (rows
 * written some other way) is not read in part but refused (SERVICES_FULL). */
#define SERVICES_MAX_STATIONS 500
#define SERVICES_MAX_HOTLINES 100
#define SERVICES_FULL 2

/* The community's stations, standard kinds first in their order, then
 * other kinds, names in pinyin order within a kind. 0, SERVICES_FULL when
 * it has more than SERVICES_MAX_STATIONS (nothing is returned), or -1. */
int services_stations(struct db *db, struct arena *a, int64_t community_id, struct services_station **out,
		      size_t *n);
/* One station: 0, 1 if it does not exist in this community, -1. */
int services_station_get(struct db *db, struct arena *a, int64_t community_id, int64_t id,
			 struct services_station *out);
/* Locks the station's row for the rest of the transaction: 0, 1 if there is none, -1. */
int services_station_lock(struct db *db, int64_t community_id, int64_t id);
/* Adds a station with its hours; *id is its new id. 0, DB_CONSTRAINT when
 * the community has a station of that name, SERVICES_FULL when it has
 * SERVICES_MAX_STATIONS already, or -1. The count is taken after the
 * community's station counter is locked (db_next_id), so two concurrent
 * adds cannot both pass it. */
int services_station_add(struct db *db, int64_t community_id, const struct services_station *s, int64_t now,
			 int64_t *id);
/* Replaces station s->id's fields and hours (lock it first). 0, 1 if there
 * is no such station, DB_CONSTRAINT when another station has the name, -1. */
int services_station_update(struct db *db, int64_t community_id, const struct services_station *s, int64_t now);
/* Removes a station and its hours. 0, 1 if there is none, -1. */
int services_station_delete(struct db *db, int64_t community_id, int64_t id);

/* The community's hotlines: service, emergency, city, other; then by id.
 * 0, SERVICES_FULL when it has more than SERVICES_MAX_HOTLINES (nothing
 * is returned), or -1. */
int services_hotlines(struct db *db, struct arena *a, int64_t community_id, struct services_hotline **out,
		      size_t *n);
/* One hotline: 0, 1 if none, -1. */
int services_hotline_get(struct db *db, struct arena *a, int64_t community_id, int64_t id,
			 struct services_hotline *out);
/* Adds a hotline. 0, SERVICES_FULL when the community has
 * SERVICES_MAX_HOTLINES already (counted under the lock of its hotline
 * counter, as for stations), or -1. */
int services_hotline_add(struct db *db, int64_t community_id, const struct services_hotline *h, int64_t now,
			 int64_t *id);
/* Locks the hotline's row for the rest of the transaction: 0, 1 if there is none, -1. */
int services_hotline_lock(struct db *db, int64_t community_id, int64_t id);
/* Replaces hotline h->id (lock it first). 0, 1 if there is none, -1. */
int services_hotline_update(struct db *db, int64_t community_id, const struct services_hotline *h, int64_t now);
/* Removes a hotline. 0, 1 if there is none, -1. */
int services_hotline_delete(struct db *db, int64_t community_id, int64_t id);
/* What every new community starts with: the city's 12345 hotline. 0 or -1. */
int services_seed_community(struct db *db, int64_t community_id, int64_t now);

/* services_demo.c: stations and hotlines for a demo community. 0 or -1. */
int services_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

#endif
