/* SQL for an order's attachments (workorders_file): letter scans and
 * photos given at the desk, sealed at rest (src/pii) like the order's other
 * personal fields, listed without their bytes, read one at a time. Until
 * the store (wstore) has its own file functions, the pages' (wpages). */
#include <sodium.h>
#include <string.h>

#include "modules/workorders/workorders_web.h"
#include "pii/pii.h"

static struct db_query q_file_add = DB_QUERY(
    "INSERT INTO workorders_file (community_id, order_id, id, name, mime, size, sha256, data, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_files = DB_QUERY(
    "SELECT id, name, mime, size FROM workorders_file WHERE community_id = ? AND order_id = ? ORDER BY id");
static struct db_query q_file_get = DB_QUERY(
    "SELECT id, name, mime, size, data FROM workorders_file WHERE community_id = ? AND order_id = ? AND id = ?");

const char *wo_web_file_sniff(const void *data, size_t n)
{
	const unsigned char *d = data;
	if (n >= 5 && !memcmp(d, "%PDF-", 5))
		return "application/pdf";
	if (n >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return "image/jpeg";
	return NULL;
}

int wo_web_file_add(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, const char *name,
		    const char *mime, const void *data, size_t n, int64_t now)
{
	const struct pii_key *k = pii_key_current();
	int64_t id;
	if (!k || n > WO_FILE_MAX_BYTES || db_next_id(db, community_id, "workorders_file", &id) < 0)
		return -1;
	unsigned char *sealed = arena_alloc(a, n + PII_SEAL_OVERHEAD);
	if (!sealed)
		return -1;
	pii_seal(k, data, n, sealed);
	char hex[65];
	unsigned char h[32];
	crypto_hash_sha256(h, data, n);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	struct db_stmt *st = db_stmt(db, &q_file_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	db_bind_int(st, 3, id);
	db_bind_text(st, 4, name, -1);
	db_bind_text(st, 5, mime, -1);
	db_bind_int(st, 6, (int64_t)n);
	db_bind_text(st, 7, hex, 64);
	db_bind_blob(st, 8, sealed, n + PII_SEAL_OVERHEAD);
	db_bind_int(st, 9, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static void file_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_web_file *f = slot;
	f->id = db_col_int(st, 0);
	f->name = db_col_dup(st, 1, a);
	f->mime = db_col_dup(st, 2, a);
	f->size = db_col_int(st, 3);
}

int wo_web_files(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, struct wo_web_file **out,
		 size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_files);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	return db_rows(st, a, sizeof **out, 100, (void **)out, n, file_from_row);
}

int wo_web_file_get(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int64_t id,
		    struct wo_web_file *f, const void **data, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_file_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	db_bind_int(st, 3, id);
	int rc = db_step(st), out = rc == DB_DONE ? 1 : -1;
	if (rc == DB_ROW) {
		file_from_row(st, a, f);
		size_t len;
		const unsigned char *c = db_col_blob(st, 4, &len);
		unsigned char *plain = len >= PII_SEAL_OVERHEAD ? arena_alloc(a, len - PII_SEAL_OVERHEAD + 1) : NULL;
		const struct pii_key *k = pii_key_current();
		if (plain && k && pii_open(k, c, len, plain) == 0) {
			*data = plain;
			*n = len - PII_SEAL_OVERHEAD;
			out = 0;
		}
	}
	db_reset(st);
	return out;
}
