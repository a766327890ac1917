/* SQL for the files attached to posts: stored once per community by their
 * SHA-256, named per post. */
#include <sodium.h>
#include <string.h>

#include "modules/disclosure/disclosure_internal.h"

static struct db_query q_file_put = DB_QUERY(
    "INSERT INTO disclosure_file (community_id, sha256, data, size, created_at) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (community_id, sha256) DO NOTHING");
static struct db_query q_attach_add = DB_QUERY(
    "INSERT INTO disclosure_attachment (community_id, post_id, seq, name, mime, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_attachments = DB_QUERY(
    "SELECT seq, name, mime, size, sha256 FROM disclosure_attachment WHERE community_id = ? AND post_id = ? ORDER BY seq");
static struct db_query q_file_get =
    DB_QUERY("SELECT data FROM disclosure_file WHERE community_id = ? AND sha256 = ?");

int disclosure_attach(struct db *db, int64_t community_id, int64_t post_id, int seq, const char *name, const char *mime,
		      const void *data, size_t n, int64_t now)
{
	char hex[65];
	unsigned char h[32];
	crypto_hash_sha256(h, data, n);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	struct db_stmt *st = db_stmt(db, &q_file_put);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, hex, 64);
	db_bind_blob(st, 3, data, n);
	db_bind_int(st, 4, (int64_t)n);
	db_bind_int(st, 5, now);
	if (db_run(st) != DB_DONE || !(st = db_stmt(db, &q_attach_add)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, post_id);
	db_bind_int(st, 3, seq);
	db_bind_text(st, 4, name, -1);
	db_bind_text(st, 5, mime, -1);
	db_bind_int(st, 6, (int64_t)n);
	db_bind_text(st, 7, hex, 64);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static void attachment_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct disclosure_attachment *x = slot;
	x->seq = (int)db_col_int(st, 0);
	x->name = db_col_dup(st, 1, a);
	x->mime = db_col_dup(st, 2, a);
	x->size = db_col_int(st, 3);
	x->sha256 = db_col_dup(st, 4, a);
}

int disclosure_attachments(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
			   struct disclosure_attachment **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_attachments);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, post_id);
	return db_rows(st, a, sizeof **out, ATTACH_MAX_COUNT, (void **)out, n, attachment_from_row);
}

int disclosure_file_get(struct db *db, struct arena *a, int64_t community_id, const char *sha256, const void **data,
			size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_file_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, sha256, -1);
	int rc = db_step(st), out = rc == DB_DONE ? 1 : -1;
	if (rc == DB_ROW) {
		const void *p = db_col_blob(st, 0, n);
		void *copy = arena_alloc(a, *n ? *n : 1);
		if (copy) {
			if (*n)
				memcpy(copy, p, *n);
			*data = copy;
			out = 0;
		}
	}
	db_reset(st);
	return out;
}
