/* The people_import table's SQL: files being imported, kept sealed from
 * their check until staff import or drop them (or the tick drops them
 * after PIMP_KEEP_DAYS), and the mapping chosen for them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checked.h"
#include "modules/people/people_import_web.h"

static struct db_query q_add = DB_QUERY(
    "INSERT INTO people_import (community_id, id, filename, format, file_sealed, mapping, state, rows_total,"
    " rows_bad, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, 'checked', ?, ?, ?, ?)");

int pimp_store_add(struct db *db, int64_t community_id, const char *filename, const char *format,
                   const void *data, size_t n, const char *mapping, int rows_total, int rows_bad,
                   int64_t by_user, int64_t now, int64_t *id)
{
	const struct pii_key *k = pii_key_current();
	uint64_t len;
	if (!k || ck_addu64(n, PII_SEAL_OVERHEAD, &len) < 0 || len > SIZE_MAX)
		return -1;
	unsigned char *sealed = malloc((size_t)len);
	if (!sealed)
		return -1;
	pii_seal(k, data, n, sealed);
	int rc = -1;
	struct db_stmt *st;
	if (db_next_id(db, community_id, "people_import", id) == 0 && (st = db_stmt(db, &q_add))) {
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, *id);
		db_bind_text(st, 3, filename, -1);
		db_bind_text(st, 4, format, -1);
		db_bind_blob(st, 5, sealed, (size_t)len);
		db_bind_text(st, 6, mapping, -1);
		db_bind_int(st, 7, rows_total);
		db_bind_int(st, 8, rows_bad);
		db_bind_int_or_null(st, 9, by_user);
		db_bind_int(st, 10, now);
		rc = db_run(st) == DB_DONE ? 0 : -1;
	}
	free(sealed);
	return rc;
}

#define IMPORT_COLS                                                                                          \
	"i.id, i.filename, i.format, i.mapping, i.state, i.file_sealed IS NOT NULL, i.rows_total, "          \
	"i.rows_bad,"                                                                                        \
	" i.created_by, COALESCE(u.display_name, ''), i.created_at, COALESCE(i.done_at, 0)"

static void import_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct pimp_import *v = slot;
	v->id = db_col_int(st, 0);
	v->filename = db_col_dup(st, 1, a);
	v->format = db_col_dup(st, 2, a);
	v->mapping = db_col_dup(st, 3, a);
	v->state = db_col_dup(st, 4, a);
	v->has_file = (int)db_col_int(st, 5);
	v->rows_total = (int)db_col_int(st, 6);
	v->rows_bad = (int)db_col_int(st, 7);
	v->created_by = db_col_int(st, 8);
	v->by = db_col_dup(st, 9, a);
	v->created_at = db_col_int(st, 10);
	v->done_at = db_col_int(st, 11);
}

static struct db_query q_get =
    DB_QUERY("SELECT " IMPORT_COLS " FROM people_import i LEFT JOIN users u ON u.id ="
             " i.created_by WHERE i.community_id = ? AND i.id = ?");
static struct db_query q_lock =
    DB_QUERY("SELECT id FROM people_import WHERE community_id = ? AND id = ? @FOR_UPDATE@");

int pimp_store_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, int lock,
                   struct pimp_import *out)
{
	if (lock) {
		int rc = db_lock_row(db, &q_lock, community_id, id);
		if (rc)
			return rc;
	}
	struct db_stmt *st = db_stmt(db, &q_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_row(st, a, out, import_from_row);
}

static struct db_query q_file = DB_QUERY(
    "SELECT file_sealed FROM people_import WHERE community_id = ? AND id = ? AND file_sealed IS NOT NULL");

int pimp_store_file(struct db *db, struct arena *a, int64_t community_id, int64_t id, const char **data,
                    size_t *n)
{
	const struct pii_key *k = pii_key_current();
	struct db_stmt *st = db_stmt(db, &q_file);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? 1 : -1;
	}
	size_t len;
	const unsigned char *c = db_col_blob(st, 0, &len);
	unsigned char *m =
	    k && c && len >= PII_SEAL_OVERHEAD ? arena_alloc(a, len - PII_SEAL_OVERHEAD + 1) : NULL;
	int out = -1;
	if (m && pii_open(k, c, len, m) == 0) {
		m[len - PII_SEAL_OVERHEAD] = 0;
		*data = (const char *)m;
		*n = len - PII_SEAL_OVERHEAD;
		out = 0;
	}
	db_reset(st);
	return out;
}

static struct db_query q_recent =
    DB_QUERY("SELECT " IMPORT_COLS " FROM people_import i LEFT JOIN users u ON u.id = i.created_by"
             " WHERE i.community_id = ? ORDER BY i.created_at DESC, i.id DESC"
             " LIMIT ? OFFSET ?");

int pimp_store_recent(struct db *db, struct arena *a, int64_t community_id, int64_t offset, int limit,
                      struct pimp_import **out, size_t *n, int *more)
{
	struct db_stmt *st = db_stmt(db, &q_recent);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, (int64_t)limit + 1);
	db_bind_int(st, 3, offset);
	void *v;
	if (db_rows(st, a, sizeof **out, (size_t)limit + 1, &v, n, import_from_row) < 0)
		return -1;
	*out = v;
	*more = *n > (size_t)limit;
	if (*more)
		*n = (size_t)limit;
	return 0;
}

static struct db_query q_recheck = DB_QUERY(
    "UPDATE people_import SET mapping = ?, rows_total = ?, rows_bad = ? WHERE community_id = ? AND id = ?"
    " AND state = 'checked' AND file_sealed IS NOT NULL");

int pimp_store_recheck(struct db *db, int64_t community_id, int64_t id, const char *mapping, int rows_total,
                       int rows_bad)
{
	struct db_stmt *st = db_stmt(db, &q_recheck);
	if (!st)
		return -1;
	db_bind_text(st, 1, mapping, -1);
	db_bind_int(st, 2, rows_total);
	db_bind_int(st, 3, rows_bad);
	db_bind_int(st, 4, community_id);
	db_bind_int(st, 5, id);
	return db_run_guarded(st);
}

static struct db_query q_finish = DB_QUERY(
    "UPDATE people_import SET state = ?, file_sealed = NULL, done_at = ?,"
    " rows_total = CASE WHEN ? = 'imported' THEN ? ELSE rows_total END, rows_bad = CASE WHEN ? = 'imported'"
    " THEN 0 ELSE rows_bad END WHERE community_id = ? AND id = ? AND state = 'checked' AND file_sealed IS "
    "NOT NULL");

int pimp_store_finish(struct db *db, int64_t community_id, int64_t id, const char *state, int rows,
                      int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_finish);
	if (!st)
		return -1;
	db_bind_text(st, 1, state, -1);
	db_bind_int(st, 2, now);
	db_bind_text(st, 3, state, -1);
	db_bind_int(st, 4, rows);
	db_bind_text(st, 5, state, -1);
	db_bind_int(st, 6, community_id);
	db_bind_int(st, 7, id);
	return db_run_guarded(st);
}

/* The abandoned files, oldest first, a batch at a time; the table holds
 * few rows (one per upload), so a scan of it is cheap. */
static struct db_query q_expire = DB_QUERY(
    "UPDATE people_import SET file_sealed = NULL WHERE file_sealed IS NOT NULL AND state = 'checked' AND"
    " created_at < ? AND (community_id, id) IN (SELECT community_id, id FROM people_import WHERE file_sealed "
    "IS"
    " NOT NULL AND state = 'checked' AND created_at < ? ORDER BY created_at LIMIT ?)");

int pimp_store_expire(struct db *db, int64_t before, int limit, int64_t *dropped)
{
	struct db_stmt *st = db_stmt(db, &q_expire);
	if (!st)
		return -1;
	db_bind_int(st, 1, before);
	db_bind_int(st, 2, before);
	db_bind_int(st, 3, limit);
	return db_run_count(st, dropped) == DB_DONE ? 0 : -1;
}

static struct db_query q_pending = DB_QUERY(
    "SELECT COUNT(*) FROM people_import WHERE community_id = ? AND created_at >= ? AND state = 'checked'"
    " AND file_sealed IS NOT NULL AND rows_bad = 0");

int pimp_store_pending(struct db *db, int64_t community_id, int64_t since, int64_t *count)
{
	struct db_stmt *st = db_stmt(db, &q_pending);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, since);
	return db_one_int(st, count) == 0 ? 0 : -1;
}
