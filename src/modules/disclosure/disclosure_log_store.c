/* SQL for each community's transparency log: leaves, the head counter that
 * serialises appends, and signed checkpoints. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "db/secrets.h"
#include "modules/disclosure/disclosure.h"

/* The head row's update takes a row lock on PostgreSQL, so appends to one
 * community's log queue up even at READ COMMITTED; SQLite's single writer
 * does the same. */
static struct db_query q_bump = DB_QUERY(
    "INSERT INTO tlog_head (community_id, size) VALUES (?, 1)"
    " ON CONFLICT (community_id) DO UPDATE SET size = tlog_head.size + 1 RETURNING size");
static struct db_query q_leaf_add =
    DB_QUERY("INSERT INTO tlog_leaf (community_id, idx, data, hash, created_at) VALUES (?, ?, ?, ?, ?)");
static struct db_query q_hashes =
    DB_QUERY("SELECT idx, hash FROM tlog_leaf WHERE community_id = ? AND idx < ? ORDER BY idx");
static struct db_query q_count = DB_QUERY("SELECT COALESCE(MAX(size), 0) FROM tlog_head WHERE community_id = ?");
static struct db_query q_cp_add =
    DB_QUERY("INSERT INTO tlog_checkpoint (community_id, size, root, note, created_at) VALUES (?, ?, ?, ?, ?)");
static struct db_query q_head = DB_QUERY(
    "SELECT size, root, note FROM tlog_checkpoint WHERE community_id = ? ORDER BY size DESC LIMIT 1");
static struct db_query q_leaf = DB_QUERY("SELECT data, hash FROM tlog_leaf WHERE community_id = ? AND idx = ?");

char *log_origin(struct arena *a, const char *slug)
{
	return arena_printf(a, "shequ.local/c/%s", slug);
}

int log_signing_key(struct db *db, unsigned char sk[64])
{
	return secret_get(db, SECRET_SIGNING, sk, 64) == 0 ? 0 : -1;
}

int log_leaf_hashes(struct db *db, struct arena *a, int64_t community_id, int64_t n, unsigned char (**out)[TLOG_HASH],
		    int64_t *count)
{
	if (n < 0) {
		struct db_stmt *c = db_stmt(db, &q_count);
		if (!c)
			return -1;
		db_bind_int(c, 1, community_id);
		if (db_one_int(c, &n) != 0)
			return -1;
	}
	*out = arena_alloc(a, (size_t)(n > 0 ? n : 1) * TLOG_HASH);
	*count = 0;
	struct db_stmt *st = db_stmt(db, &q_hashes);
	if (!st || !*out)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, n);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		/* Leaves must be numbered 0, 1, 2, … without a gap. */
		if (db_col_int(st, 0) != *count || *count >= n ||
		    sodium_hex2bin((*out)[*count], TLOG_HASH, db_col_text(st, 1), 64, NULL, NULL, NULL) != 0) {
			rc = DB_ERR;
			break;
		}
		(*count)++;
	}
	db_reset(st);
	return rc == DB_DONE && *count == n ? 0 : -1;
}

int log_append(struct db *db, struct arena *a, int64_t community_id, const char *slug, const char *record,
	       int64_t now, int64_t *index, char hash_hex[65])
{
	struct db_stmt *st = db_stmt(db, &q_bump);
	int64_t size;
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	if (db_one_int(st, &size) != 0)
		return -1;
	*index = size - 1;
	unsigned char leaf[TLOG_HASH];
	tlog_leaf_hash(record, strlen(record), leaf);
	sodium_bin2hex(hash_hex, 65, leaf, TLOG_HASH);
	if (!(st = db_stmt(db, &q_leaf_add)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *index);
	db_bind_text(st, 3, record, -1);
	db_bind_text(st, 4, hash_hex, 64);
	db_bind_int(st, 5, now);
	if (db_run(st) != DB_DONE)
		return -1;

	unsigned char(*leaves)[TLOG_HASH];
	int64_t n;
	if (log_leaf_hashes(db, a, community_id, size, &leaves, &n) < 0)
		return -1;
	unsigned char root[TLOG_HASH], sk[64];
	tlog_root((const unsigned char(*)[TLOG_HASH])leaves, (uint64_t)n, root);
	if (log_signing_key(db, sk) < 0)
		return -1;
	const char *origin = log_origin(a, slug);
	struct buf note;
	buf_init(&note, 1 << 16);
	tlog_checkpoint_body(&note, origin, (uint64_t)n, root);
	size_t body = note.len;
	buf_putc(&note, '\n');
	tlog_sign_line(&note, note.data, body, origin, sk);
	sodium_memzero(sk, sizeof sk);
	char root_hex[65];
	sodium_bin2hex(root_hex, sizeof root_hex, root, TLOG_HASH);
	int rc = -1;
	if (!note.err && (st = db_stmt(db, &q_cp_add))) {
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, n);
		db_bind_text(st, 3, root_hex, 64);
		db_bind_text(st, 4, note.data, (long)note.len);
		db_bind_int(st, 5, now);
		rc = db_run(st) == DB_DONE ? 0 : -1;
	}
	buf_free(&note);
	return rc;
}

int log_head_get(struct db *db, struct arena *a, int64_t community_id, struct log_head *h)
{
	struct db_stmt *st = db_stmt(db, &q_head);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int rc = db_step(st), out = -1;
	if (rc == DB_ROW) {
		h->size = db_col_int(st, 0);
		h->note = db_col_dup(st, 2, a);
		out = sodium_hex2bin(h->root, TLOG_HASH, db_col_text(st, 1), 64, NULL, NULL, NULL) == 0 && h->note ? 0 : -1;
	} else if (rc == DB_DONE) {
		h->size = 0;
		h->note = NULL;
		out = 1;
	}
	db_reset(st);
	return out;
}

int log_leaf_get(struct db *db, struct arena *a, int64_t community_id, int64_t index, const char **data,
		 const char **hash_hex)
{
	struct db_stmt *st = db_stmt(db, &q_leaf);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, index);
	int rc = db_step(st), out = -1;
	if (rc == DB_ROW) {
		*data = db_col_dup(st, 0, a);
		*hash_hex = db_col_dup(st, 1, a);
		out = *data && *hash_hex ? 0 : -1;
	} else if (rc == DB_DONE) {
		out = 1;
	}
	db_reset(st);
	return out;
}
