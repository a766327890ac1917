/* SQL for service stations, their opening periods and the hotlines. Every
 * statement names the community; writes run in the caller's transaction. */
#include <stdlib.h>
#include <string.h>

#include "core/collate.h"
#include "modules/services/services.h"
#include "org/org.h"

#define STATION_COLS                                                                                       \
	"SELECT id, kind, name, address, phone, services, duty, duty_public, holidays_open, makeup_weekday,"  \
	" note, created_at, updated_at FROM services_station WHERE community_id = ?"
static struct db_query q_stations = DB_QUERY(STATION_COLS " ORDER BY id");
static struct db_query q_station = DB_QUERY(STATION_COLS " AND id = ?");
static struct db_query q_station_count = DB_QUERY("SELECT COUNT(*) FROM services_station WHERE community_id = ?");
static struct db_query q_station_lock =
    DB_QUERY("SELECT id FROM services_station WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_station_add = DB_QUERY(
    "INSERT INTO services_station (community_id, id, kind, name, address, phone, services, duty, duty_public,"
    " holidays_open, makeup_weekday, note, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)");
static struct db_query q_station_update = DB_QUERY(
    "UPDATE services_station SET kind = ?3, name = ?4, address = ?5, phone = ?6, services = ?7, duty = ?8,"
    " duty_public = ?9, holidays_open = ?10, makeup_weekday = ?11, note = ?12, updated_at = ?13"
    " WHERE community_id = ?1 AND id = ?2");
static struct db_query q_station_delete =
    DB_QUERY("DELETE FROM services_station WHERE community_id = ? AND id = ?");
static struct db_query q_hours_all = DB_QUERY(
    "SELECT station_id, weekday, open_min, close_min FROM services_hours WHERE community_id = ?"
    " ORDER BY station_id, weekday, open_min");
static struct db_query q_hours_one = DB_QUERY(
    "SELECT station_id, weekday, open_min, close_min FROM services_hours WHERE community_id = ? AND station_id = ?"
    " ORDER BY weekday, open_min");
static struct db_query q_hours_add = DB_QUERY(
    "INSERT INTO services_hours (community_id, station_id, weekday, open_min, close_min) VALUES (?, ?, ?, ?, ?)");
static struct db_query q_hours_clear =
    DB_QUERY("DELETE FROM services_hours WHERE community_id = ? AND station_id = ?");

#define HOTLINE_COLS "SELECT id, kind, name, number, hours, updated_at FROM services_hotline WHERE community_id = ?"
static struct db_query q_hotlines = DB_QUERY(HOTLINE_COLS " ORDER BY id");
static struct db_query q_hotline = DB_QUERY(HOTLINE_COLS " AND id = ?");
static struct db_query q_hotline_lock =
    DB_QUERY("SELECT id FROM services_hotline WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_hotline_count = DB_QUERY("SELECT COUNT(*) FROM services_hotline WHERE community_id = ?");
static struct db_query q_hotline_add = DB_QUERY(
    "INSERT INTO services_hotline (community_id, id, kind, name, number, hours, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
static struct db_query q_hotline_update = DB_QUERY(
    "UPDATE services_hotline SET kind = ?3, name = ?4, number = ?5, hours = ?6, updated_at = ?7"
    " WHERE community_id = ?1 AND id = ?2");
static struct db_query q_hotline_delete =
    DB_QUERY("DELETE FROM services_hotline WHERE community_id = ? AND id = ?");

const char *const services_standard_kinds[] = {"社区服务站", "社会救助站", "科普工作站", "卫生服务站",
					       "社会保障工作站", "居民学校", "便民服务网点"};
const size_t services_nstandard_kinds = sizeof services_standard_kinds / sizeof *services_standard_kinds;

static const char *const hotline_names[HOTLINE__MAX] = {"service", "emergency", "city", "other"};
static const char *const hotline_labels[HOTLINE__MAX] = {"服务热线", "应急热线", "市民服务热线", "其他电话"};

const char *services_hotline_kind_name(enum services_hotline_kind k)
{
	return (unsigned)k < HOTLINE__MAX ? hotline_names[k] : NULL;
}

const char *services_hotline_kind_label(enum services_hotline_kind k)
{
	return (unsigned)k < HOTLINE__MAX ? hotline_labels[k] : "";
}

int services_hotline_kind_from(const char *s)
{
	for (int i = 0; s && i < HOTLINE__MAX; i++)
		if (!strcmp(s, hotline_names[i]))
			return i;
	return -1;
}

/* ---- stations ---- */

static void station_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct services_station *s = slot;
	memset(s, 0, sizeof *s);
	s->id = db_col_int(st, 0);
	s->kind = db_col_dup(st, 1, a);
	s->name = db_col_dup(st, 2, a);
	s->address = db_col_dup(st, 3, a);
	s->phone = db_col_dup(st, 4, a);
	s->services = db_col_dup(st, 5, a);
	s->duty = db_col_dup(st, 6, a);
	s->duty_public = db_col_int(st, 7) != 0;
	s->hours.holidays_open = db_col_int(st, 8) != 0;
	s->hours.makeup_weekday = (int)db_col_int(st, 9);
	s->note = db_col_dup(st, 10, a);
	s->created_at = db_col_int(st, 11);
	s->updated_at = db_col_int(st, 12);
}

struct hours_row {
	int64_t station_id;
	int weekday, open, close;
};

static void hours_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct hours_row *h = slot;
	h->station_id = db_col_int(st, 0);
	h->weekday = (int)db_col_int(st, 1);
	h->open = (int)db_col_int(st, 2);
	h->close = (int)db_col_int(st, 3);
}

/* Puts one period into the station's week, ignoring what cannot fit. */
static void hours_put(struct services_station *s, const struct hours_row *h)
{
	if (h->weekday < 1 || h->weekday > 7)
		return;
	struct services_day *d = &s->hours.week[h->weekday - 1];
	if (d->n < SERVICES_MAX_PERIODS)
		d->p[d->n++] = (struct services_period){h->open, h->close};
}

/* Attaches hours rows (by station id, in order) to stations sorted by id. */
static void hours_attach(struct services_station *s, size_t n, const struct hours_row *h, size_t nh)
{
	size_t i = 0;
	for (size_t k = 0; k < nh; k++) {
		while (i < n && s[i].id < h[k].station_id)
			i++;
		if (i < n && s[i].id == h[k].station_id)
			hours_put(&s[i], &h[k]);
	}
}

/* Rank of a kind in the list pages' order: the standard kinds, then the rest. */
static size_t kind_rank(const char *kind)
{
	for (size_t i = 0; i < services_nstandard_kinds; i++)
		if (!strcmp(kind, services_standard_kinds[i]))
			return i;
	return services_nstandard_kinds;
}

static int station_cmp(const void *x, const void *y)
{
	const struct services_station *a = x, *b = y;
	size_t ra = kind_rank(a->kind), rb = kind_rank(b->kind);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	int c = ra == services_nstandard_kinds ? collate_zh(a->kind, b->kind) : 0;
	if (!c)
		c = collate_zh(a->name, b->name);
	return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

int services_stations(struct db *db, struct arena *a, int64_t community_id, struct services_station **out,
		      size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_stations);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	/* One row past the cap tells a full list from a cut one. */
	if (db_rows(st, a, sizeof **out, SERVICES_MAX_STATIONS + 1, (void **)out, n, station_from_row) < 0)
		return -1;
	if (*n > SERVICES_MAX_STATIONS) {
		*n = 0;
		return SERVICES_FULL;
	}
	struct hours_row *h;
	size_t nh;
	const size_t max_hours = SERVICES_MAX_STATIONS * 7 * SERVICES_MAX_PERIODS;
	if (!(st = db_stmt(db, &q_hours_all)))
		return -1;
	db_bind_int(st, 1, community_id);
	if (db_rows(st, a, sizeof *h, max_hours + 1, (void **)&h, &nh, hours_from_row) < 0)
		return -1;
	if (nh > max_hours) {
		*n = 0;
		return SERVICES_FULL;
	}
	hours_attach(*out, *n, h, nh);
	qsort(*out, *n, sizeof **out, station_cmp);
	return 0;
}

int services_station_get(struct db *db, struct arena *a, int64_t community_id, int64_t id,
			 struct services_station *out)
{
	struct db_stmt *st = db_stmt(db, &q_station);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_row(st, a, out, station_from_row);
	if (rc)
		return rc;
	struct hours_row *h;
	size_t nh;
	if (!(st = db_stmt(db, &q_hours_one)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	if (db_rows(st, a, sizeof *h, 7 * SERVICES_MAX_PERIODS, (void **)&h, &nh, hours_from_row) < 0)
		return -1;
	hours_attach(out, 1, h, nh);
	return 0;
}

int services_station_lock(struct db *db, int64_t community_id, int64_t id)
{
	return db_lock_row(db, &q_station_lock, community_id, id);
}

/* Binds the fields shared by add and update (parameters 3..13). */
static void bind_station(struct db_stmt *st, const struct services_station *s, int64_t now)
{
	db_bind_text(st, 3, s->kind, -1);
	db_bind_text(st, 4, s->name, -1);
	db_bind_text(st, 5, s->address ? s->address : "", -1);
	db_bind_text(st, 6, s->phone ? s->phone : "", -1);
	db_bind_text(st, 7, s->services ? s->services : "", -1);
	db_bind_text(st, 8, s->duty ? s->duty : "", -1);
	db_bind_int(st, 9, s->duty_public != 0);
	db_bind_int(st, 10, s->hours.holidays_open != 0);
	db_bind_int(st, 11, s->hours.makeup_weekday);
	db_bind_text(st, 12, s->note ? s->note : "", -1);
	db_bind_int(st, 13, now);
}

/* Writes the station's periods (after its old ones were cleared). 0, or a db_rc. */
static int hours_write(struct db *db, int64_t community_id, int64_t id, const struct services_schedule *h)
{
	for (int w = 0; w < 7; w++)
		for (int i = 0; i < h->week[w].n && i < SERVICES_MAX_PERIODS; i++) {
			struct db_stmt *st = db_stmt(db, &q_hours_add);
			if (!st)
				return -1;
			db_bind_int(st, 1, community_id);
			db_bind_int(st, 2, id);
			db_bind_int(st, 3, w + 1);
			db_bind_int(st, 4, h->week[w].p[i].open);
			db_bind_int(st, 5, h->week[w].p[i].close);
			int rc = db_run(st);
			if (rc != DB_DONE)
				return rc;
		}
	return 0;
}

static int hours_clear(struct db *db, int64_t community_id, int64_t id)
{
	struct db_stmt *st = db_stmt(db, &q_hours_clear);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

/* How many rows the community has (count: q_station_count or
 * q_hotline_count): 0 below max, SERVICES_FULL at or over it, -1. */
static int full(struct db *db, struct db_query *count, int64_t community_id, int64_t max)
{
	struct db_stmt *st = db_stmt(db, count);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int64_t n;
	if (db_one_int(st, &n) != 0)
		return -1;
	return n >= max ? SERVICES_FULL : 0;
}

int services_station_add(struct db *db, int64_t community_id, const struct services_station *s, int64_t now,
			 int64_t *id)
{
	/* The counter row db_next_id takes stays locked until commit: a second
	 * add in the same community waits here, then counts the first's row. */
	if (db_next_id(db, community_id, "services_station", id) < 0)
		return -1;
	int rc = full(db, &q_station_count, community_id, SERVICES_MAX_STATIONS);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_station_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	bind_station(st, s, now);
	rc = db_run(st);
	if (rc != DB_DONE)
		return rc == DB_CONSTRAINT ? DB_CONSTRAINT : -1;
	return hours_write(db, community_id, *id, &s->hours) == 0 ? 0 : -1;
}

int services_station_update(struct db *db, int64_t community_id, const struct services_station *s, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_station_update);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, s->id);
	bind_station(st, s, now);
	int64_t changed = 0;
	int rc = db_run_count(st, &changed);
	if (rc != DB_DONE)
		return rc == DB_CONSTRAINT ? DB_CONSTRAINT : -1;
	if (!changed)
		return 1;
	if (hours_clear(db, community_id, s->id) < 0)
		return -1;
	return hours_write(db, community_id, s->id, &s->hours) == 0 ? 0 : -1;
}

int services_station_delete(struct db *db, int64_t community_id, int64_t id)
{
	if (hours_clear(db, community_id, id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_station_delete);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int64_t changed = 0;
	if (db_run_count(st, &changed) != DB_DONE)
		return -1;
	return changed ? 0 : 1;
}

/* ---- hotlines ---- */

static void hotline_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct services_hotline *h = slot;
	h->id = db_col_int(st, 0);
	int k = services_hotline_kind_from(db_col_text(st, 1));
	h->kind = k < 0 ? HOTLINE_OTHER : (enum services_hotline_kind)k;
	h->name = db_col_dup(st, 2, a);
	h->number = db_col_dup(st, 3, a);
	h->hours = db_col_dup(st, 4, a);
	h->updated_at = db_col_int(st, 5);
}

static int hotline_cmp(const void *x, const void *y)
{
	const struct services_hotline *a = x, *b = y;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

int services_hotlines(struct db *db, struct arena *a, int64_t community_id, struct services_hotline **out,
		      size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_hotlines);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	if (db_rows(st, a, sizeof **out, SERVICES_MAX_HOTLINES + 1, (void **)out, n, hotline_from_row) < 0)
		return -1;
	if (*n > SERVICES_MAX_HOTLINES) {
		*n = 0;
		return SERVICES_FULL;
	}
	qsort(*out, *n, sizeof **out, hotline_cmp);
	return 0;
}

int services_hotline_get(struct db *db, struct arena *a, int64_t community_id, int64_t id,
			 struct services_hotline *out)
{
	struct db_stmt *st = db_stmt(db, &q_hotline);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_row(st, a, out, hotline_from_row);
}

int services_hotline_lock(struct db *db, int64_t community_id, int64_t id)
{
	return db_lock_row(db, &q_hotline_lock, community_id, id);
}

static void bind_hotline(struct db_stmt *st, const struct services_hotline *h, int64_t now)
{
	db_bind_text(st, 3, services_hotline_kind_name(h->kind), -1);
	db_bind_text(st, 4, h->name, -1);
	db_bind_text(st, 5, h->number, -1);
	db_bind_text(st, 6, h->hours ? h->hours : "", -1);
	db_bind_int(st, 7, now);
}

int services_hotline_add(struct db *db, int64_t community_id, const struct services_hotline *h, int64_t now,
			 int64_t *id)
{
	if (db_next_id(db, community_id, "services_hotline", id) < 0)
		return -1;
	int rc = full(db, &q_hotline_count, community_id, SERVICES_MAX_HOTLINES);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_hotline_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	bind_hotline(st, h, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int services_hotline_update(struct db *db, int64_t community_id, const struct services_hotline *h, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_hotline_update);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, h->id);
	bind_hotline(st, h, now);
	int64_t changed = 0;
	if (db_run_count(st, &changed) != DB_DONE)
		return -1;
	return changed ? 0 : 1;
}

int services_hotline_delete(struct db *db, int64_t community_id, int64_t id)
{
	struct db_stmt *st = db_stmt(db, &q_hotline_delete);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int64_t changed = 0;
	if (db_run_count(st, &changed) != DB_DONE)
		return -1;
	return changed ? 0 : 1;
}

int services_seed_community(struct db *db, int64_t community_id, int64_t now)
{
	struct services_hotline city = {.kind = HOTLINE_CITY, .name = "市民服务热线", .number = "12345",
					.hours = "24小时"};
	int64_t id;
	/* A community whose hotlines are full needs no seed. */
	return services_hotline_add(db, community_id, &city, now, &id) < 0 ? -1 : 0;
}
