/* SQL for 志愿服务证明: issuing one over a period of a volunteer's confirmed
 * records (a snapshot: the name as printed, sealed; totals; each record's
 * confirmed minutes), reading it by its number for the check page and the
 * PDF, and revoking it with a reason. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/pinyin.h"
#include "modules/volunteers/volunteers_internal.h"
#include "pii/pii.h"

static struct db_query q_confirmed = DB_QUERY(
    "SELECT id, confirmed_minutes FROM volunteers_record WHERE community_id = ? AND volunteer_id = ?"
    " AND starts_at >= ? AND starts_at < ? AND confirmed_minutes IS NOT NULL ORDER BY starts_at, id LIMIT ?");
static struct db_query q_volunteer = DB_QUERY("SELECT 1 FROM volunteers_volunteer WHERE community_id = ? AND id = ?");
static struct db_query q_add = DB_QUERY(
    "INSERT INTO volunteers_certificate (community_id, id, number, volunteer_id, name_sealed, name_masked, minutes,"
    " records, period_from, period_to, issuer, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_line = DB_QUERY(
    "INSERT INTO volunteers_certificate_record (community_id, certificate_id, record_id, minutes) VALUES (?, ?, ?, ?)");
#define CERT_COLS                                                                                             \
	"SELECT id, volunteer_id, number, name_masked, minutes, records, period_from, period_to, issuer,"     \
	" issued_by, issued_at, revoked_at, revoke_reason, name_sealed FROM volunteers_certificate"
static struct db_query q_get = DB_QUERY(CERT_COLS " WHERE community_id = ? AND number = ?");
static struct db_query q_of = DB_QUERY(
    CERT_COLS " WHERE community_id = ? AND volunteer_id = ? ORDER BY id DESC LIMIT ?");
static struct db_query q_lines = DB_QUERY(
    "SELECT p.title, r.starts_at, r.ends_at, c.minutes FROM volunteers_certificate_record c"
    " JOIN volunteers_record r ON r.community_id = c.community_id AND r.id = c.record_id"
    " JOIN volunteers_project p ON p.community_id = r.community_id AND p.id = r.project_id"
    " WHERE c.community_id = ? AND c.certificate_id = ? ORDER BY r.starts_at, r.id LIMIT ?");
static struct db_query q_revoke = DB_QUERY(
    "UPDATE volunteers_certificate SET revoked_at = ?3, revoke_reason = ?4, revoked_by = ?5"
    " WHERE community_id = ?1 AND id = ?2 AND revoked_at IS NULL");
static struct db_query q_exists = DB_QUERY("SELECT 1 FROM volunteers_certificate WHERE community_id = ? AND id = ?");

struct line {
	int64_t record, minutes;
};

static void line_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct line *l = slot;
	l->record = db_col_int(st, 0);
	l->minutes = db_col_int(st, 1);
}

int vol_certificate_issue(struct db *db, struct arena *a, int64_t community_id, const char *prefix, int64_t vid,
			  struct ymd from, struct ymd to, const char *name, const char *issuer, int64_t by,
			  int64_t now, struct vol_certificate *out)
{
	struct db_stmt *st = db_stmt(db, &q_volunteer);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, vid);
	int64_t one;
	int rc = db_one_int(st, &one);
	if (rc)
		return rc == 1 ? VOL_NOT_FOUND : -1;
	if (!(st = db_stmt(db, &q_confirmed)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, vid);
	db_bind_int(st, 3, date_at_minute(from, 0));
	db_bind_int(st, 4, date_at_minute(date_add_days(to, 1), 0));
	db_bind_int(st, 5, VOL_CERT_LINES_MAX);
	struct line *l;
	size_t n;
	if (db_rows(st, a, sizeof *l, VOL_CERT_LINES_MAX, (void **)&l, &n, line_fill) < 0)
		return -1;
	if (!n)
		return VOL_STATE;
	int64_t minutes = 0;
	for (size_t i = 0; i < n; i++)
		minutes += l[i].minutes; /* at most 2000 records of at most 26 hours each */
	char f[11], t[11];
	date_format(from, f);
	date_format(to, t);
	memset(out, 0, sizeof *out);
	if (db_next_id(db, community_id, "volunteers_certificate", &out->id) < 0)
		return -1;
	out->number = arena_printf(a, "%s-%d-%06lld", prefix, date_from_time(now).y, (long long)out->id);
	out->name_masked = pii_mask_name(a, name);
	if (!out->number || !out->name_masked || !(st = db_stmt(db, &q_add)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, out->id);
	db_bind_text(st, 3, out->number, -1);
	db_bind_int(st, 4, vid);
	if (pii_bind_sealed(st, 5, a, name) < 0) {
		db_reset(st);
		return -1;
	}
	db_bind_text(st, 6, out->name_masked, -1);
	db_bind_int(st, 7, minutes);
	db_bind_int(st, 8, (int64_t)n);
	db_bind_text(st, 9, f, -1);
	db_bind_text(st, 10, t, -1);
	db_bind_text(st, 11, issuer, -1);
	db_bind_int_or_null(st, 12, by);
	db_bind_int(st, 13, now);
	if (db_run(st) != DB_DONE)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!(st = db_stmt(db, &q_line)))
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, out->id);
		db_bind_int(st, 3, l[i].record);
		db_bind_int(st, 4, l[i].minutes);
		if (db_run(st) != DB_DONE)
			return -1;
	}
	out->volunteer_id = vid;
	out->minutes = minutes;
	out->records = (int64_t)n;
	out->period_from = arena_strdup(a, f);
	out->period_to = arena_strdup(a, t);
	out->issuer = issuer;
	out->issued_by = by;
	out->issued_at = now;
	out->revoke_reason = "";
	return 0;
}

static void cert_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct vol_certificate *c = slot;
	c->id = db_col_int(st, 0);
	c->volunteer_id = db_col_int(st, 1);
	c->number = db_col_dup(st, 2, a);
	c->name_masked = db_col_dup(st, 3, a);
	c->minutes = db_col_int(st, 4);
	c->records = db_col_int(st, 5);
	c->period_from = db_col_dup(st, 6, a);
	c->period_to = db_col_dup(st, 7, a);
	c->issuer = db_col_dup(st, 8, a);
	c->issued_by = db_col_int(st, 9);
	c->issued_at = db_col_int(st, 10);
	c->revoked_at = db_col_int(st, 11);
	c->revoke_reason = db_col_dup(st, 12, a);
	c->name = NULL;
}

static void cert_fill_open(struct db_stmt *st, struct arena *a, void *slot)
{
	cert_fill(st, a, slot);
	((struct vol_certificate *)slot)->name = pii_col_opened(st, 13, a);
}

int vol_certificate_get(struct db *db, struct arena *a, int64_t community_id, const char *number, int open_name,
			struct vol_certificate *out)
{
	struct db_stmt *st = db_stmt(db, &q_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, number, -1);
	int rc = db_row(st, a, out, open_name ? cert_fill_open : cert_fill);
	if (rc == 0 && open_name && !out->name)
		return -1;
	return rc == 1 ? VOL_NOT_FOUND : rc;
}

static void cline_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct vol_certificate_line *l = slot;
	l->project_title = db_col_dup(st, 0, a);
	l->starts_at = db_col_int(st, 1);
	l->ends_at = db_col_int(st, 2);
	l->minutes = db_col_int(st, 3);
}

int vol_certificate_lines(struct db *db, struct arena *a, int64_t community_id, int64_t cid,
			  struct vol_certificate_line **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_lines);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, cid);
	db_bind_int(st, 3, VOL_CERT_LINES_MAX);
	return db_rows(st, a, sizeof **out, VOL_CERT_LINES_MAX, (void **)out, n, cline_fill);
}

int vol_certificates_of(struct db *db, struct arena *a, int64_t community_id, int64_t vid, int64_t limit,
			struct vol_certificate **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_of);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, vid);
	db_bind_int(st, 3, limit);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, cert_fill);
}

int vol_certificate_revoke(struct db *db, int64_t community_id, int64_t id, const char *reason, int64_t by,
			   int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_revoke);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, now);
	db_bind_text(st, 4, reason, -1);
	db_bind_int_or_null(st, 5, by);
	int rc = db_run_guarded(st);
	if (rc != 1)
		return rc;
	if (!(st = db_stmt(db, &q_exists)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int64_t one;
	rc = db_one_int(st, &one);
	return rc == 0 ? VOL_STATE : rc == 1 ? VOL_NOT_FOUND : -1;
}

const char *vol_cert_prefix(struct arena *a, const char *name, const char *slug)
{
	char *full, *ini;
	size_t len = strlen(name), sq = strlen("社区");
	if (len > sq && !strcmp(name + len - sq, "社区")) /* 幸福里社区 → 幸福里 */
		name = arena_strndup(a, name, len - sq);
	const char *p = name && pinyin_of(a, name, &full, &ini) == 0 && *ini ? ini : slug;
	char out[8];
	size_t n = 0;
	for (; p && *p && n < 4; p++)
		if (isalnum((unsigned char)*p))
			out[n++] = (char)toupper((unsigned char)*p);
	out[n] = 0;
	return arena_strdup(a, n ? out : "SQ");
}
