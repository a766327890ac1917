/* SQL of the facilities and their bookings. Every statement names the
 * community; writes run in the caller's transaction. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/collate.h"
#include "modules/facilities/facilities_internal.h"
#include "pii/pii.h"

#define FACILITY_COLS                                                                                         \
	"SELECT id, name, kind, place, capacity, rules, provided_by, needs_approval, open_residents, open_orgs,"  \
	" slot_min, max_min, days_ahead, holidays_open, makeup_weekday, active, created_at, updated_at"             \
	" FROM facilities_facility WHERE community_id = ?"
static struct db_query q_list = DB_QUERY(FACILITY_COLS " ORDER BY id");
static struct db_query q_get = DB_QUERY(FACILITY_COLS " AND id = ?");
static struct db_query q_lock =
    DB_QUERY("SELECT id FROM facilities_facility WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_add = DB_QUERY(
    "INSERT INTO facilities_facility (community_id, id, name, kind, place, capacity, rules, provided_by,"
    " needs_approval, open_residents, open_orgs, slot_min, max_min, days_ahead, holidays_open, makeup_weekday,"
    " active, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18)");
static struct db_query q_update = DB_QUERY(
    "UPDATE facilities_facility SET name = ?3, kind = ?4, place = ?5, capacity = ?6, rules = ?7,"
    " provided_by = ?8, needs_approval = ?9, open_residents = ?10, open_orgs = ?11, slot_min = ?12,"
    " max_min = ?13, days_ahead = ?14, holidays_open = ?15, makeup_weekday = ?16, active = ?17, updated_at = ?18"
    " WHERE community_id = ?1 AND id = ?2");
static struct db_query q_hours_all = DB_QUERY(
    "SELECT facility_id, weekday, open_min, close_min FROM facilities_hours WHERE community_id = ?"
    " ORDER BY facility_id, weekday, open_min");
static struct db_query q_hours_one = DB_QUERY(
    "SELECT facility_id, weekday, open_min, close_min FROM facilities_hours WHERE community_id = ?"
    " AND facility_id = ? ORDER BY weekday, open_min");
static struct db_query q_hours_add = DB_QUERY(
    "INSERT INTO facilities_hours (community_id, facility_id, weekday, open_min, close_min) VALUES (?, ?, ?, ?, ?)");
static struct db_query q_hours_clear =
    DB_QUERY("DELETE FROM facilities_hours WHERE community_id = ? AND facility_id = ?");

#define BOOKING_COLS                                                                                          \
	"b.id, b.facility_id, b.starts_at, b.ends_at, b.user_id, b.name_masked, b.phone_masked, b.organization,"  \
	" b.purpose, b.people, b.state, b.by_user, b.decided_by, b.decided_at, b.reason, b.created_at, f.name,"  \
	" b.activity_id"
#define BOOKING_FROM                                                                                          \
	" FROM facilities_booking b JOIN facilities_facility f ON f.community_id = b.community_id"                \
	" AND f.id = b.facility_id WHERE b.community_id = ?"
static struct db_query q_booking =
    DB_QUERY("SELECT " BOOKING_COLS ", b.name_sealed, b.phone_sealed" BOOKING_FROM " AND b.id = ?");
static struct db_query q_overlap = DB_QUERY(
    "SELECT COUNT(*) FROM facilities_booking WHERE community_id = ? AND facility_id = ?"
    " AND starts_at > ? AND starts_at < ? AND ends_at > ? AND state IN ('pending', 'confirmed')");
static struct db_query q_book = DB_QUERY(
    "INSERT INTO facilities_booking (community_id, facility_id, id, starts_at, ends_at, user_id, name_sealed,"
    " name_masked, phone_sealed, phone_masked, organization, purpose, people, state, by_user, created_at,"
    " activity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_taken = DB_QUERY(
    "SELECT id, starts_at, ends_at, state FROM facilities_booking WHERE community_id = ? AND facility_id = ?"
    " AND starts_at > ? AND starts_at < ? AND state IN ('pending', 'confirmed') ORDER BY starts_at");
static struct db_query q_noshows = DB_QUERY(
    "SELECT starts_at FROM facilities_booking WHERE community_id = ? AND user_id = ? AND starts_at >= ?"
    " AND state = 'no_show' ORDER BY starts_at");
static struct db_query q_move = DB_QUERY(
    "UPDATE facilities_booking SET state = ?3, decided_by = ?4, decided_at = ?5, reason = ?6"
    " WHERE community_id = ?1 AND id = ?2 AND ((?7 & 1) <> 0 AND state = 'pending' OR (?7 & 2) <> 0"
    " AND state = 'confirmed') AND (?3 <> 'no_show' OR starts_at <= ?5)");
static struct db_query q_pending = DB_QUERY(
    "SELECT COUNT(*) FROM facilities_booking WHERE community_id = ? AND state = 'pending' AND starts_at >= ?");
static struct db_query q_today = DB_QUERY(
    "SELECT COUNT(*) FROM facilities_booking WHERE community_id = ? AND starts_at >= ? AND starts_at < ?"
    " AND state IN ('pending', 'confirmed')");

/* ---- facilities ---- */

/* Reads a row of FACILITY_COLS into a facility (hours left empty). */
static void facility_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct facilities_facility *f = slot;
	memset(f, 0, sizeof *f);
	f->id = db_col_int(st, 0);
	f->name = db_col_dup(st, 1, a);
	f->kind = db_col_dup(st, 2, a);
	f->place = db_col_dup(st, 3, a);
	f->capacity = (int)db_col_int(st, 4);
	f->rules = db_col_dup(st, 5, a);
	f->provided_by = db_col_dup(st, 6, a);
	f->needs_approval = db_col_int(st, 7) != 0;
	f->open_residents = db_col_int(st, 8) != 0;
	f->open_orgs = db_col_int(st, 9) != 0;
	f->slot_min = (int)db_col_int(st, 10);
	f->max_min = (int)db_col_int(st, 11);
	f->days_ahead = (int)db_col_int(st, 12);
	f->hours.holidays_open = db_col_int(st, 13) != 0;
	f->hours.makeup_weekday = (int)db_col_int(st, 14);
	f->active = db_col_int(st, 15) != 0;
	f->created_at = db_col_int(st, 16);
	f->updated_at = db_col_int(st, 17);
}

struct hours_row {
	int64_t facility_id;
	int weekday, open, close;
};

/* Reads one opening period row. */
static void hours_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct hours_row *h = slot;
	h->facility_id = db_col_int(st, 0);
	h->weekday = (int)db_col_int(st, 1);
	h->open = (int)db_col_int(st, 2);
	h->close = (int)db_col_int(st, 3);
}

/* Attaches hours rows (ordered by facility id) to facilities ordered by id. */
static void hours_attach(struct facilities_facility *f, size_t n, const struct hours_row *h, size_t nh)
{
	size_t i = 0;
	for (size_t k = 0; k < nh; k++) {
		while (i < n && f[i].id < h[k].facility_id)
			i++;
		if (i == n || f[i].id != h[k].facility_id || h[k].weekday < 1 || h[k].weekday > 7)
			continue;
		struct services_day *d = &f[i].hours.week[h[k].weekday - 1];
		if (d->n < SERVICES_MAX_PERIODS)
			d->p[d->n++] = (struct services_period){h[k].open, h[k].close};
	}
}

/* Kind, then name in pinyin order, then id. */
static int facility_cmp(const void *x, const void *y)
{
	const struct facilities_facility *a = x, *b = y;
	int c = collate_zh(a->kind, b->kind);
	if (!c)
		c = collate_zh(a->name, b->name);
	return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

int facilities_list(struct db *db, struct arena *a, int64_t community_id, int active_only,
		    struct facilities_facility **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_list);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	if (db_rows(st, a, sizeof **out, FACILITIES_MAX, (void **)out, n, facility_from_row) < 0)
		return -1;
	struct hours_row *h;
	size_t nh;
	if (!(st = db_stmt(db, &q_hours_all)))
		return -1;
	db_bind_int(st, 1, community_id);
	if (db_rows(st, a, sizeof *h, FACILITIES_MAX * 7 * SERVICES_MAX_PERIODS, (void **)&h, &nh, hours_from_row) < 0)
		return -1;
	hours_attach(*out, *n, h, nh);
	if (active_only) {
		size_t k = 0;
		for (size_t i = 0; i < *n; i++)
			if ((*out)[i].active)
				(*out)[k++] = (*out)[i];
		*n = k;
	}
	qsort(*out, *n, sizeof **out, facility_cmp);
	return 0;
}

int facilities_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct facilities_facility *out)
{
	struct db_stmt *st = db_stmt(db, &q_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_row(st, a, out, facility_from_row);
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

int facilities_lock(struct db *db, int64_t community_id, int64_t id)
{
	return db_lock_row(db, &q_lock, community_id, id);
}

/* Binds the fields shared by add and update (parameters 3..18). */
static void bind_facility(struct db_stmt *st, const struct facilities_facility *f, int64_t now)
{
	db_bind_text(st, 3, f->name, -1);
	db_bind_text(st, 4, f->kind, -1);
	db_bind_text(st, 5, f->place ? f->place : "", -1);
	db_bind_int(st, 6, f->capacity);
	db_bind_text(st, 7, f->rules ? f->rules : "", -1);
	db_bind_text(st, 8, f->provided_by ? f->provided_by : "", -1);
	db_bind_int(st, 9, f->needs_approval != 0);
	db_bind_int(st, 10, f->open_residents != 0);
	db_bind_int(st, 11, f->open_orgs != 0);
	db_bind_int(st, 12, f->slot_min);
	db_bind_int(st, 13, f->max_min);
	db_bind_int(st, 14, f->days_ahead);
	db_bind_int(st, 15, f->hours.holidays_open != 0);
	db_bind_int(st, 16, f->hours.makeup_weekday);
	db_bind_int(st, 17, f->active != 0);
	db_bind_int(st, 18, now);
}

/* Writes the facility's periods (its old ones cleared). 0, or a db_rc. */
static int hours_write(struct db *db, int64_t community_id, int64_t id, const struct services_schedule *h)
{
	struct db_stmt *st = db_stmt(db, &q_hours_clear);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_run(st);
	for (int w = 0; rc == DB_DONE && w < 7; w++)
		for (int i = 0; rc == DB_DONE && i < h->week[w].n && i < SERVICES_MAX_PERIODS; i++) {
			if (!(st = db_stmt(db, &q_hours_add)))
				return -1;
			db_bind_int(st, 1, community_id);
			db_bind_int(st, 2, id);
			db_bind_int(st, 3, w + 1);
			db_bind_int(st, 4, h->week[w].p[i].open);
			db_bind_int(st, 5, h->week[w].p[i].close);
			rc = db_run(st);
		}
	return rc;
}

int facilities_add(struct db *db, int64_t community_id, const struct facilities_facility *f, int64_t now, int64_t *id)
{
	if (db_next_id(db, community_id, "facilities_facility", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	bind_facility(st, f, now);
	int rc = db_run(st);
	if (rc == DB_DONE)
		rc = hours_write(db, community_id, *id, &f->hours);
	return rc == DB_CONSTRAINT ? DB_CONSTRAINT : rc == DB_DONE ? 0 : -1;
}

int facilities_update(struct db *db, int64_t community_id, const struct facilities_facility *f, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_update);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, f->id);
	bind_facility(st, f, now);
	int64_t changed;
	int rc = db_run_count(st, &changed);
	if (rc == DB_DONE && !changed)
		return 1;
	if (rc == DB_DONE)
		rc = hours_write(db, community_id, f->id, &f->hours);
	return rc == DB_CONSTRAINT ? DB_CONSTRAINT : rc == DB_DONE ? 0 : -1;
}

/* ---- bookings ---- */

/* Those starting within FACILITIES_LONGEST_MIN before `to` (the index's
 * range) and ending after `from`. */
int64_t facilities_overlapping(struct db *db, int64_t community_id, int64_t facility_id, int64_t from, int64_t to)
{
	struct db_stmt *st = db_stmt(db, &q_overlap);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, facility_id);
	db_bind_int(st, 3, from - (int64_t)FACILITIES_LONGEST_MIN * 60);
	db_bind_int(st, 4, to);
	db_bind_int(st, 5, from);
	int64_t n;
	return db_one_int(st, &n) == 0 ? n : -1;
}

/* Reads one time column. */
static void time_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	*(int64_t *)slot = db_col_int(st, 0);
}

int facilities_noshows(struct db *db, struct arena *a, int64_t community_id, int64_t user_id, int64_t since,
		       int64_t **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_noshows);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, user_id);
	db_bind_int(st, 3, since);
	/* a few hundred no-shows are far past the block; more are not read */
	return db_rows(st, a, sizeof **out, 1000, (void **)out, n, time_from_row);
}

int facilities_noshow_state(struct db *db, struct arena *a, int64_t community_id, int64_t user_id, int64_t now,
			    int *recent, int64_t *until)
{
	int64_t *t;
	size_t n;
	int64_t since = now - (int64_t)(FACILITIES_NOSHOW_WINDOW_DAYS + FACILITIES_NOSHOW_BLOCK_DAYS) * 86400;
	if (facilities_noshows(db, a, community_id, user_id, since, &t, &n) < 0)
		return -1;
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += t[i] >= now - (int64_t)FACILITIES_NOSHOW_WINDOW_DAYS * 86400;
	if (recent)
		*recent = k;
	*until = facilities_noshow_until(t, n);
	if (*until <= now)
		*until = 0;
	return 0;
}

/* The no-show block of an online booker: 1 if blocked at now, 0 if not, -1. */
static int noshow_blocked(struct db *db, struct arena *a, int64_t community_id, int64_t user_id, int64_t now)
{
	int64_t until;
	if (facilities_noshow_state(db, a, community_id, user_id, now, NULL, &until) < 0)
		return -1;
	return until > 0;
}

int facilities_book(struct db *db, struct arena *a, int64_t community_id, int64_t facility_id,
		    const struct facilities_request *q, int64_t now, int64_t *id, enum facilities_refusal *refusal)
{
	*refusal = FR_OK;
	int rc = facilities_lock(db, community_id, facility_id);
	if (rc < 0)
		return -1;
	struct facilities_facility f;
	if (rc == 1 || (rc = facilities_get(db, a, community_id, facility_id, &f)) == 1 || (rc == 0 && !f.active)) {
		*refusal = FR_NO_FACILITY;
		return 0;
	}
	if (rc < 0)
		return -1;
	int org = q->organization && *q->organization;
	if ((org && !f.open_orgs) || (!org && !f.open_residents && !q->by_user)) {
		*refusal = FR_NOT_OPEN_TO;
		return 0;
	}
	if (f.capacity > 0 && q->people > f.capacity) {
		*refusal = FR_CAPACITY;
		return 0;
	}
	if ((*refusal = facilities_time_check(&f, q, now)) != FR_OK)
		return 0;
	if (q->user_id && !q->by_user) {
		int b = noshow_blocked(db, a, community_id, q->user_id, now);
		if (b < 0)
			return -1;
		if (b) {
			*refusal = FR_NOSHOWS;
			return 0;
		}
	}
	int64_t from = date_at_minute(q->day, q->start_min),
		to = from + (int64_t)(q->end_min - q->start_min) * 60;
	int64_t taken = facilities_overlapping(db, community_id, facility_id, from, to);
	if (taken < 0)
		return -1;
	if (taken > 0) {
		*refusal = FR_TAKEN;
		return 0;
	}
	return facilities_insert(db, a, community_id, facility_id, q, from, to,
				 f.needs_approval && !q->by_user ? "pending" : "confirmed", 0, now, id);
}

int facilities_insert(struct db *db, struct arena *a, int64_t community_id, int64_t facility_id,
		      const struct facilities_request *q, int64_t from, int64_t to, const char *state,
		      int64_t activity_id, int64_t now, int64_t *id)
{
	if (db_next_id(db, community_id, "facilities_booking", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_book);
	if (!st)
		return -1;
	const char *name = q->name ? q->name : "", *phone = q->phone ? q->phone : "";
	const char *nm = pii_mask_name(a, name), *pm = pii_mask_phone(a, phone);
	if (!nm || !pm)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, facility_id);
	db_bind_int(st, 3, *id);
	db_bind_int(st, 4, from);
	db_bind_int(st, 5, to);
	db_bind_int_or_null(st, 6, q->user_id);
	if (pii_bind_sealed(st, 7, a, name) < 0 || pii_bind_sealed(st, 9, a, phone) < 0) {
		db_reset(st);
		return -1;
	}
	db_bind_text(st, 8, nm, -1);
	db_bind_text(st, 10, pm, -1);
	db_bind_text(st, 11, q->organization ? q->organization : "", -1);
	db_bind_text(st, 12, q->purpose ? q->purpose : "", -1);
	db_bind_int(st, 13, q->people > 0 ? q->people : 1);
	db_bind_text(st, 14, state, -1);
	db_bind_int_or_null(st, 15, q->by_user);
	db_bind_int(st, 16, now);
	db_bind_int_or_null(st, 17, activity_id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

/* Reads a row of BOOKING_COLS: name and phone masked. */
static void booking_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct facilities_booking *b = slot;
	memset(b, 0, sizeof *b);
	b->id = db_col_int(st, 0);
	b->facility_id = db_col_int(st, 1);
	b->starts_at = db_col_int(st, 2);
	b->ends_at = db_col_int(st, 3);
	b->user_id = db_col_int(st, 4);
	b->name = db_col_dup(st, 5, a);
	b->phone = db_col_dup(st, 6, a);
	b->organization = db_col_dup(st, 7, a);
	b->purpose = db_col_dup(st, 8, a);
	b->people = (int)db_col_int(st, 9);
	int s = facilities_state_from(db_col_text(st, 10));
	b->state = s < 0 ? FB_CANCELLED : (enum facilities_state)s;
	b->by_user = db_col_int(st, 11);
	b->decided_by = db_col_int(st, 12);
	b->decided_at = db_col_int(st, 13);
	b->reason = db_col_dup(st, 14, a);
	b->created_at = db_col_int(st, 15);
	b->facility_name = db_col_dup(st, 16, a);
	b->activity_id = db_col_int(st, 17);
}

/* As booking_from_row, with the sealed name and phone opened (columns 18, 19). */
static void booking_full_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct facilities_booking *b = slot;
	booking_from_row(st, a, slot);
	const char *n = pii_col_opened(st, 18, a), *p = pii_col_opened(st, 19, a);
	b->name = n ? n : "(无法解密)";
	b->phone = p ? p : "(无法解密)";
}

int facilities_booking_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, int full,
			   struct facilities_booking *out)
{
	struct db_stmt *st = db_stmt(db, &q_booking);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_row(st, a, out, full ? booking_full_from_row : booking_from_row);
}

int facilities_booking_move(struct db *db, int64_t community_id, int64_t id, unsigned from, enum facilities_state to,
			    int64_t by, const char *reason, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_move);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, facilities_state_name(to), -1);
	db_bind_int_or_null(st, 4, by);
	db_bind_int(st, 5, now);
	db_bind_text(st, 6, reason ? reason : "", -1);
	db_bind_int(st, 7, (int64_t)(from & ((1u << FB_PENDING) | (1u << FB_CONFIRMED))));
	return db_run_guarded(st);
}

/* Reads a taken time of the calendar: id, start, end, state. */
static void taken_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct facilities_booking *b = slot;
	memset(b, 0, sizeof *b);
	b->id = db_col_int(st, 0);
	b->starts_at = db_col_int(st, 1);
	b->ends_at = db_col_int(st, 2);
	int s = facilities_state_from(db_col_text(st, 3));
	b->state = s < 0 ? FB_CANCELLED : (enum facilities_state)s;
}

int facilities_taken(struct db *db, struct arena *a, int64_t community_id, int64_t facility_id, int64_t from,
		     int64_t to, struct facilities_booking **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_taken);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, facility_id);
	db_bind_int(st, 3, from - (int64_t)FACILITIES_LONGEST_MIN * 60);
	db_bind_int(st, 4, to);
	/* a week and a day of 5-minute slots at most */
	return db_rows(st, a, sizeof **out, 8 * 288, (void **)out, n, taken_from_row);
}

int facilities_counts(struct db *db, int64_t community_id, int64_t now, int64_t *pending, int64_t *today)
{
	struct db_stmt *st = db_stmt(db, &q_pending);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, now);
	if (db_one_int(st, pending) != 0)
		return -1;
	if (!(st = db_stmt(db, &q_today)))
		return -1;
	struct ymd d = date_from_time(now);
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, date_to_time(d));
	db_bind_int(st, 3, date_to_time(date_add_days(d, 1)));
	return db_one_int(st, today) == 0 ? 0 : -1;
}

static struct db_query q_bookings = DB_QUERY(
    "SELECT " BOOKING_COLS ", b.name_sealed, b.phone_sealed" BOOKING_FROM
    " AND b.starts_at >= ?2 AND b.starts_at < ?3 AND (?4 = 0 OR b.facility_id = ?4) AND (?5 = '' OR b.state = ?5)"
    " ORDER BY b.starts_at DESC, b.id DESC LIMIT ?6 OFFSET ?7");
static struct db_query q_bookings_user = DB_QUERY(
    "SELECT " BOOKING_COLS ", b.name_sealed, b.phone_sealed" BOOKING_FROM
    " AND b.user_id = ?8 AND b.starts_at >= ?2 AND b.starts_at < ?3 AND (?4 = 0 OR b.facility_id = ?4)"
    " AND (?5 = '' OR b.state = ?5) AND b.ends_at <= ?9 ORDER BY b.starts_at DESC, b.id DESC LIMIT ?6 OFFSET ?7");
/* a user's bookings not yet over, soonest first (they start at most a day before they end) */
static struct db_query q_bookings_user_soon = DB_QUERY(
    "SELECT " BOOKING_COLS ", b.name_sealed, b.phone_sealed" BOOKING_FROM
    " AND b.user_id = ?8 AND b.starts_at >= ?2 AND b.starts_at < ?3 AND (?4 = 0 OR b.facility_id = ?4)"
    " AND (?5 = '' OR b.state = ?5) AND b.ends_at > ?9 ORDER BY b.starts_at, b.id LIMIT ?6 OFFSET ?7");

int facilities_bookings(struct db *db, struct arena *a, int64_t community_id, const struct facilities_filter *f,
			struct facilities_booking **out, size_t *n)
{
	int soon = f->user_id && f->when == FW_UPCOMING;
	struct db_stmt *st = db_stmt(db, soon ? &q_bookings_user_soon : f->user_id ? &q_bookings_user : &q_bookings);
	if (!st)
		return -1;
	size_t limit = f->limit ? f->limit : 50;
	int64_t from = f->from, to = f->to ? f->to : INT64_MAX;
	if (soon && from < f->at - (int64_t)FACILITIES_LONGEST_MIN * 60)
		from = f->at - (int64_t)FACILITIES_LONGEST_MIN * 60; /* what is not over started at most a day ago */
	if (f->user_id && f->when == FW_PAST && to > f->at)
		to = f->at;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, from);
	db_bind_int(st, 3, to);
	db_bind_int(st, 4, f->facility_id);
	db_bind_text(st, 5, f->state >= 0 ? facilities_state_name((enum facilities_state)f->state) : "", -1);
	db_bind_int(st, 6, (int64_t)limit + 1);
	db_bind_int(st, 7, (int64_t)f->offset);
	if (f->user_id) {
		db_bind_int(st, 8, f->user_id);
		db_bind_int(st, 9, f->when == FW_ALL ? INT64_MAX : f->at);
	}
	return db_rows(st, a, sizeof **out, limit + 1, (void **)out, n, f->full ? booking_full_from_row : booking_from_row);
}

static struct db_query q_pending_under = DB_QUERY(
    "SELECT c.id, COUNT(*) FROM org_unit c JOIN org_unit s ON s.id = c.parent_id"
    " JOIN facilities_booking b ON b.community_id = c.id AND b.state = 'pending' AND b.starts_at >= ?2"
    " WHERE c.kind = 'community' AND (?1 = 0 OR c.id = ?1 OR s.id = ?1 OR s.parent_id = ?1)"
    " GROUP BY c.id ORDER BY c.id");

/* Reads {community id, count}. */
static void pair_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	int64_t *v = slot;
	v[0] = db_col_int(st, 0);
	v[1] = db_col_int(st, 1);
}

int facilities_pending_under(struct db *db, struct arena *a, int64_t unit, int64_t now, int64_t (**out)[2], size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_pending_under);
	if (!st)
		return -1;
	db_bind_int(st, 1, unit);
	db_bind_int(st, 2, now);
	return db_rows(st, a, sizeof **out, 100000, (void **)out, n, pair_from_row);
}
