/* 凭证附件: scans of an entry's paper voucher, sealed at rest (src/pii)
 * like the work orders' attachments. Every write locks the community's
 * books first (ledger_open_month, for the entry's month), so that a month
 * closed meanwhile takes no new scan. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/str.h"
#include "core/token.h"
#include "http/multipart.h"
#include "modules/ledger/ledger_internal.h"
#include "pii/pii.h"

static struct db_query q_entry =
    DB_QUERY("SELECT period, approved_at IS NOT NULL FROM ledger_entry WHERE community_id = ? AND id = ?");
static struct db_query q_count =
    DB_QUERY("SELECT COUNT(*) FROM ledger_file WHERE community_id = ? AND entry_id = ?");
static struct db_query q_add =
    DB_QUERY("INSERT INTO ledger_file (community_id, id, entry_id, name, mime, bytes, sha256, data, added_by,"
             " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
#define FILE_COLS                                                                                            \
	"SELECT f.id, f.entry_id, f.name, f.mime, f.bytes, f.sha256, f.added_by, f.added_at, u.display_name"
#define FILE_FROM " FROM ledger_file f LEFT JOIN users u ON u.id = f.added_by"
static struct db_query q_list =
    DB_QUERY(FILE_COLS FILE_FROM " WHERE f.community_id = ? AND f.entry_id = ? ORDER BY f.id");
static struct db_query q_get =
    DB_QUERY(FILE_COLS ", f.data" FILE_FROM " WHERE f.community_id = ? AND f.entry_id = ? AND f.id = ?");
static struct db_query q_name =
    DB_QUERY("SELECT name FROM ledger_file WHERE community_id = ? AND entry_id = ? AND id = ?");
static struct db_query q_drop =
    DB_QUERY("DELETE FROM ledger_file WHERE community_id = ? AND entry_id = ? AND id = ?");

/* Locks the books for a write about entry id, in its month: 0 with
 * *approved set, LEDGER_CLOSED, LEDGER_NOT_FOUND, -1. The entry is read
 * again once the books are locked, since an edit may have moved it to
 * another month in between; once locked, nothing moves it. */
static int lock_entry(struct db *db, int64_t community_id, int64_t id, int *approved)
{
	char seen[8] = "";
	for (int round = 0; round < 2; round++) {
		struct db_stmt *st = db_stmt(db, &q_entry);
		if (!st)
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, id);
		int rc = db_step(st);
		char period[8] = "";
		if (rc == DB_ROW) {
			snprintf(period, sizeof period, "%s", db_col_text(st, 0));
			*approved = (int)db_col_int(st, 1);
		}
		db_reset(st);
		if (rc != DB_ROW)
			return rc == DB_DONE ? LEDGER_NOT_FOUND : -1;
		if (!strcmp(period, seen))
			return 0;
		if ((rc = ledger_open_month(db, community_id, period)) != 0)
			return rc;
		memcpy(seen, period, sizeof seen);
	}
	return 0; /* moved once more after the lock cannot happen: locked since round 1 */
}

int ledger_file_add(struct db *db, struct arena *a, int64_t community_id, int64_t entry_id, const char *name,
                    const void *data, size_t len, int64_t by, int64_t now, int64_t *id)
{
	const char *mime = len ? multipart_file_type(data, len) : NULL;
	if (len == 0 || len > LEDGER_FILE_MAX_BYTES)
		return LEDGER_FILE_SIZE;
	if (!mime)
		return LEDGER_FILE_TYPE;
	if (!name || !*name || utf8_len(name, strlen(name)) > LEDGER_FILE_NAME_MAX)
		return LEDGER_FILE_NAME;
	int approved, rc = lock_entry(db, community_id, entry_id, &approved);
	if (rc)
		return rc;
	struct db_stmt *st = db_stmt(db, &q_count);
	int64_t count;
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, entry_id);
	if (db_one_int(st, &count) != 0)
		return -1;
	if (count >= LEDGER_FILES_MAX)
		return LEDGER_FILE_COUNT;
	char sha[65];
	token_sha256_hex(data, len, sha);
	if (db_next_id(db, community_id, "ledger_file", id) < 0 || !(st = db_stmt(db, &q_add)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	db_bind_int(st, 3, entry_id);
	db_bind_text(st, 4, name, -1);
	db_bind_text(st, 5, mime, -1);
	db_bind_int(st, 6, (int64_t)len);
	db_bind_text(st, 7, sha, -1);
	if (pii_bind_sealed_bytes(st, 8, a, data, len) < 0) {
		db_reset(st);
		return -1;
	}
	db_bind_int(st, 9, by);
	db_bind_int(st, 10, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static void file_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct ledger_file *f = slot;
	memset(f, 0, sizeof *f);
	f->id = db_col_int(st, 0);
	f->entry_id = db_col_int(st, 1);
	f->name = db_col_dup(st, 2, a);
	f->mime = db_col_dup(st, 3, a);
	f->bytes = db_col_int(st, 4);
	f->sha256 = db_col_dup(st, 5, a);
	f->added_by = db_col_int(st, 6);
	f->added_at = db_col_int(st, 7);
	f->added_name = db_col_dup(st, 8, a);
}

/* A row of q_get: its bytes opened; data stays NULL when they do not open
 * to bytes bytes. */
static void file_full_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct ledger_file *f = slot;
	file_from_row(st, a, slot);
	f->data = pii_col_opened_bytes(st, 9, a, (size_t)f->bytes);
}

int ledger_files(struct db *db, struct arena *a, int64_t community_id, int64_t entry_id,
                 struct ledger_file_list *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = db_stmt(db, &q_list);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, entry_id);
	/* more than LEDGER_FILES_MAX only if the limit was lowered: show them all the same */
	return db_rows(st, a, sizeof *out->v, LEDGER_FILES_MAX * 4, (void **)&out->v, &out->n, file_from_row);
}

int ledger_file_get(struct db *db, struct arena *a, int64_t community_id, int64_t entry_id, int64_t id,
                    struct ledger_file *f)
{
	struct db_stmt *st = db_stmt(db, &q_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, entry_id);
	db_bind_int(st, 3, id);
	int rc = db_row(st, a, f, file_full_from_row);
	if (rc)
		return rc < 0 ? -1 : LEDGER_NOT_FOUND;
	if (!f->data) {
		log_error("ledger: scan %lld/%lld does not open %s", (long long)community_id, (long long)id,
		          pii_key_current()
		              ? "under this key (changed in the database, or sealed with another key)"
		              : "(no key installed)");
		return -1;
	}
	return 0;
}

int ledger_file_remove(struct db *db, struct arena *a, int64_t community_id, int64_t entry_id, int64_t id,
                       const char **name)
{
	int approved, rc = lock_entry(db, community_id, entry_id, &approved);
	if (rc)
		return rc;
	if (approved)
		return LEDGER_STATE;
	struct db_stmt *st = db_stmt(db, &q_name);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, entry_id);
	db_bind_int(st, 3, id);
	rc = db_step(st);
	*name = rc == DB_ROW ? db_col_dup(st, 0, a) : NULL;
	db_reset(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? LEDGER_NOT_FOUND : -1;
	if (!*name || !(st = db_stmt(db, &q_drop)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, entry_id);
	db_bind_int(st, 3, id);
	return db_run_guarded(st) == 0 ? 0 : -1;
}
