/* SQL for each community's public log: leaves, the head row that
 * serialises appends and keeps the compact range, signed checkpoints, and
 * the supervisors' witness keys and cosignatures. Any module appends here. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "db/secrets.h"
#include "tlog/tlog_store.h"

/* The head row's update takes a row lock on PostgreSQL, so appends to one
 * community's log queue up even at READ COMMITTED; SQLite's single writer
 * does the same. */
static struct db_query q_bump = DB_QUERY(
    "INSERT INTO tlog_head (community_id, size) VALUES (?, 1)"
    " ON CONFLICT (community_id) DO UPDATE SET size = tlog_head.size + 1 RETURNING size");
static struct db_query q_range_get = DB_QUERY("SELECT range_hashes FROM tlog_head WHERE community_id = ?");
static struct db_query q_range_put = DB_QUERY("UPDATE tlog_head SET range_hashes = ? WHERE community_id = ?");
static struct db_query q_leaf_add =
    DB_QUERY("INSERT INTO tlog_leaf (community_id, idx, data, hash, created_at) VALUES (?, ?, ?, ?, ?)");
static struct db_query q_hashes =
    DB_QUERY("SELECT idx, hash FROM tlog_leaf WHERE community_id = ? AND idx < ? ORDER BY idx");
static struct db_query q_count = DB_QUERY("SELECT COALESCE(MAX(size), 0) FROM tlog_head WHERE community_id = ?");
static struct db_query q_cp_add =
    DB_QUERY("INSERT INTO tlog_checkpoint (community_id, size, root, note, created_at) VALUES (?, ?, ?, ?, ?)");
static struct db_query q_head = DB_QUERY(
    "SELECT size, root, note, created_at FROM tlog_checkpoint WHERE community_id = ? ORDER BY size DESC LIMIT 1");
static struct db_query q_leaf = DB_QUERY("SELECT data, hash FROM tlog_leaf WHERE community_id = ? AND idx = ?");

char *tlog_store_origin(struct db *db, struct arena *a, const char *slug)
{
	char *origin;
	if (setting_get(db, a, SETTING_LOG_ORIGIN, &origin) < 0)
		return NULL;
	return arena_printf(a, "%s/c/%s", origin ? origin : DEFAULT_LOG_ORIGIN, slug);
}

int tlog_store_signing_key(struct db *db, unsigned char sk[64])
{
	return secret_get(db, SECRET_SIGNING, sk, 64) == 0 ? 0 : -1;
}

int tlog_store_leaf_hashes(struct db *db, struct arena *a, int64_t community_id, int64_t n,
			   unsigned char (**out)[TLOG_HASH], int64_t *count)
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

int tlog_store_append(struct db *db, struct arena *a, int64_t community_id, const char *slug, const char *record,
		      int64_t now, int64_t *leaf)
{
	json_t *parsed = tlog_record_parse(record, NULL);
	if (!parsed)
		return -1;
	json_decref(parsed);
	struct db_stmt *st = db_stmt(db, &q_bump);
	int64_t size;
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	if (db_one_int(st, &size) != 0)
		return -1;
	*leaf = size - 1;
	unsigned char leaf_hash[TLOG_HASH];
	char hash_hex[65];
	tlog_leaf_hash(record, strlen(record), leaf_hash);
	sodium_bin2hex(hash_hex, sizeof hash_hex, leaf_hash, TLOG_HASH);
	if (!(st = db_stmt(db, &q_leaf_add)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *leaf);
	db_bind_text(st, 3, record, -1);
	db_bind_text(st, 4, hash_hex, 64);
	db_bind_int(st, 5, now);
	if (db_run(st) != DB_DONE)
		return -1;

	/* The new root from the stored compact range; rebuilt from every leaf
	 * only when it is missing or out of step. */
	struct tlog_range *range = arena_zalloc(a, sizeof *range);
	if (!range || !(st = db_stmt(db, &q_range_get)))
		return -1;
	db_bind_int(st, 1, community_id);
	int have = 0;
	if (db_step(st) == DB_ROW && !db_col_is_null(st, 0)) {
		size_t len;
		const unsigned char *p = db_col_blob(st, 0, &len);
		have = p && tlog_range_decode(p, len, range) == 0 && range->size == (uint64_t)size - 1;
	}
	db_reset(st);
	if (have) {
		tlog_range_append(range, leaf_hash);
	} else {
		unsigned char(*leaves)[TLOG_HASH];
		int64_t count;
		if (tlog_store_leaf_hashes(db, a, community_id, size, &leaves, &count) < 0)
			return -1;
		memset(range, 0, sizeof *range);
		for (int64_t i = 0; i < count; i++)
			tlog_range_append(range, leaves[i]);
	}
	int64_t n = (int64_t)range->size;
	unsigned char root[TLOG_HASH], sk[64], enc[8 + TLOG_RANGE_MAX * TLOG_HASH];
	tlog_range_root(range, root);
	size_t enc_len = tlog_range_encode(range, enc);
	if (!(st = db_stmt(db, &q_range_put)))
		return -1;
	db_bind_blob(st, 1, enc, enc_len);
	db_bind_int(st, 2, community_id);
	if (db_run(st) != DB_DONE)
		return -1;
	if (tlog_store_signing_key(db, sk) < 0)
		return -1;
	const char *origin = tlog_store_origin(db, a, slug);
	if (!origin)
		return -1;
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

int tlog_store_head_get(struct db *db, struct arena *a, int64_t community_id, struct tlog_head *h)
{
	struct db_stmt *st = db_stmt(db, &q_head);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int rc = db_step(st), out = -1;
	if (rc == DB_ROW) {
		h->size = db_col_int(st, 0);
		h->note = db_col_dup(st, 2, a);
		h->at = db_col_int(st, 3);
		out = sodium_hex2bin(h->root, TLOG_HASH, db_col_text(st, 1), 64, NULL, NULL, NULL) == 0 && h->note ? 0 : -1;
	} else if (rc == DB_DONE) {
		h->size = 0;
		h->note = NULL;
		h->at = 0;
		out = 1;
	}
	db_reset(st);
	return out;
}

int tlog_store_leaf_get(struct db *db, struct arena *a, int64_t community_id, int64_t index, const char **data,
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

static struct db_query q_w_get = DB_QUERY(
    "SELECT name, public_key, sealed_key FROM tlog_witness WHERE community_id = ? AND user_id = ?");
static struct db_query q_w_put = DB_QUERY(
    "INSERT INTO tlog_witness (community_id, user_id, name, public_key, sealed_key, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (community_id, user_id) DO UPDATE SET name = excluded.name,"
    " public_key = excluded.public_key, sealed_key = excluded.sealed_key");
static struct db_query q_w_user = DB_QUERY(
    "SELECT community_id, name, public_key, sealed_key FROM tlog_witness WHERE user_id = ? ORDER BY community_id");
static struct db_query q_w_forget = DB_QUERY("DELETE FROM tlog_witness WHERE user_id = ?");
static struct db_query q_cosig_add = DB_QUERY(
    "INSERT INTO tlog_cosignature (community_id, size, user_id, line, created_at) VALUES (?, ?, ?, ?, ?)");
static struct db_query q_cosig_last = DB_QUERY(
    "SELECT COALESCE(MAX(size), 0) FROM tlog_cosignature WHERE community_id = ? AND user_id = ?");
static struct db_query q_cosig_lines = DB_QUERY(
    "SELECT line FROM tlog_cosignature WHERE community_id = ? AND size = ? ORDER BY user_id");
static struct db_query q_cp_get = DB_QUERY(
    "SELECT root, note FROM tlog_checkpoint WHERE community_id = ? AND size = ?");

/* Reads (name, public_key, sealed_key) starting at column c. 0 or -1. */
static int witness_from_row(struct db_stmt *st, struct arena *a, int c, struct tlog_witness *w)
{
	size_t n1, n2;
	const void *pk = db_col_blob(st, c + 1, &n1), *sealed = db_col_blob(st, c + 2, &n2);
	if (!pk || n1 != 32 || !sealed || n2 != sizeof w->sealed)
		return -1;
	w->name = db_col_dup(st, c, a);
	memcpy(w->pk, pk, 32);
	memcpy(w->sealed, sealed, sizeof w->sealed);
	return w->name ? 0 : -1;
}

int tlog_store_witness_get(struct db *db, struct arena *a, int64_t community_id, int64_t user_id,
			   struct tlog_witness *w)
{
	struct db_stmt *st = db_stmt(db, &q_w_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, user_id);
	int rc = db_step(st), out = rc == DB_DONE ? 1 : -1;
	if (rc == DB_ROW)
		out = witness_from_row(st, a, 0, w);
	db_reset(st);
	return out;
}

int tlog_store_witness_put(struct db *db, int64_t community_id, int64_t user_id, const struct tlog_witness *w,
			   int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_w_put);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, user_id);
	db_bind_text(st, 3, w->name, -1);
	db_bind_blob(st, 4, w->pk, 32);
	db_bind_blob(st, 5, w->sealed, sizeof w->sealed);
	db_bind_int(st, 6, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int tlog_store_witness_list_user(struct db *db, struct arena *a, int64_t user_id, int64_t **communities,
				 struct tlog_witness **w, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_w_user);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	size_t cap = 64;
	*communities = arena_alloc(a, cap * sizeof **communities);
	*w = arena_alloc(a, cap * sizeof **w);
	*n = 0;
	int rc = DB_DONE;
	while (*w && *communities && *n < cap && (rc = db_step(st)) == DB_ROW) {
		(*communities)[*n] = db_col_int(st, 0);
		if (witness_from_row(st, a, 1, &(*w)[*n]) < 0) {
			rc = DB_ERR;
			break;
		}
		(*n)++;
	}
	db_reset(st);
	return (rc == DB_DONE || rc == DB_ROW) && *w && *communities ? 0 : -1;
}

int tlog_store_witness_forget_user(struct db *db, int64_t user_id)
{
	struct db_stmt *st = db_stmt(db, &q_w_forget);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int tlog_store_cosig_add(struct db *db, int64_t community_id, int64_t size, int64_t user_id, const char *line,
			 int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_cosig_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, size);
	db_bind_int(st, 3, user_id);
	db_bind_text(st, 4, line, -1);
	db_bind_int(st, 5, now);
	int rc = db_run(st);
	return rc == DB_DONE ? 0 : rc == DB_CONSTRAINT ? DB_CONSTRAINT : -1;
}

int64_t tlog_store_cosig_last_size(struct db *db, int64_t community_id, int64_t user_id)
{
	struct db_stmt *st = db_stmt(db, &q_cosig_last);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, user_id);
	int64_t v = 0;
	return db_one_int(st, &v) == 0 ? v : -1;
}

int tlog_store_cosig_lines(struct db *db, int64_t community_id, int64_t size, struct buf *out)
{
	struct db_stmt *st = db_stmt(db, &q_cosig_lines);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, size);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		buf_puts(out, db_col_text(st, 0));
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

int tlog_store_checkpoint_get(struct db *db, struct arena *a, int64_t community_id, int64_t size,
			      unsigned char root[TLOG_HASH], const char **note)
{
	struct db_stmt *st = db_stmt(db, &q_cp_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, size);
	int rc = db_step(st), out = rc == DB_DONE ? 1 : -1;
	if (rc == DB_ROW) {
		*note = db_col_dup(st, 1, a);
		out = *note && sodium_hex2bin(root, TLOG_HASH, db_col_text(st, 0), 64, NULL, NULL, NULL) == 0 ? 0 : -1;
	}
	db_reset(st);
	return out;
}

static struct db_query q_leaves = DB_QUERY("SELECT idx, data, hash FROM tlog_leaf WHERE community_id = ? ORDER BY idx");
static struct db_query q_cps =
    DB_QUERY("SELECT size, root, note FROM tlog_checkpoint WHERE community_id = ? ORDER BY size");


static void leaf_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct tlog_leaf *l = slot;
	l->idx = db_col_int(st, 0);
	l->data = db_col_dup(st, 1, a);
	l->hash = db_col_dup(st, 2, a);
}

int tlog_store_leaves(struct db *db, struct arena *a, int64_t community_id, struct tlog_leaf **out,
		      int64_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_leaves);
	size_t got = 0;
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int rc = db_rows(st, a, sizeof **out, (size_t)1 << 32, (void **)out, &got, leaf_from_row);
	*n = (int64_t)got;
	return rc;
}

static void checkpoint_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct tlog_checkpoint *c = slot;
	c->size = db_col_int(st, 0);
	c->root = db_col_dup(st, 1, a);
	c->note = db_col_dup(st, 2, a);
}

int tlog_store_checkpoints(struct db *db, struct arena *a, int64_t community_id, struct tlog_checkpoint **out,
			   int64_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_cps);
	size_t got = 0;
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int rc = db_rows(st, a, sizeof **out, (size_t)1 << 32, (void **)out, &got, checkpoint_from_row);
	*n = (int64_t)got;
	return rc;
}

/* 1 if tlog_head has the column range_hashes, 0 if not, -1 on error. Asks
 * for no row: the statement's column names tell, on either backend. */
static int head_has_range(struct db *db)
{
	struct db_stmt *st = db_prepare_adhoc(db, "SELECT * FROM tlog_head WHERE 1 = 0");
	if (!st)
		return -1;
	int rc = db_step(st) == DB_DONE ? 0 : -1;
	for (int i = 0; rc == 0 && i < db_col_count(st); i++) {
		const char *name = db_col_name(st, i);
		if (name && !strcmp(name, "range_hashes"))
			rc = 1;
	}
	db_finalize(st);
	return rc;
}

int tlog_store_migrated(struct db *db, const char *file, char *err, size_t errlen)
{
	if (strcmp(file, "0003_public_log.sql"))
		return 0;
	int has = head_has_range(db);
	if (has == 0 && db_exec_script(db, "ALTER TABLE tlog_head ADD COLUMN range_hashes @BLOB@") < 0)
		has = -1;
	if (has < 0)
		snprintf(err, errlen, "tlog_head.range_hashes: %s", db_errmsg(db));
	return has < 0 ? -1 : 0;
}
