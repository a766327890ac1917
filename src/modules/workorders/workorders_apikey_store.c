/* SQL of the Open311 clients' keys (workorders_api_client): only a key's
 * SHA-256 and its first characters are kept. */
#include <string.h>

#include "core/token.h"
#include "modules/workorders/workorders_open311.h"

#define HINT_CHARS 6

static struct db_query q_find = DB_QUERY("SELECT id, name, key_hint, created_at, COALESCE(disabled_at, 0) "
                                         "FROM workorders_api_client WHERE key_hash = ?");
static struct db_query q_add = DB_QUERY("INSERT INTO workorders_api_client (name, key_hash, key_hint, "
                                        "created_by, created_at) VALUES (?, ?, ?, ?, ?)"
                                        " RETURNING id");
static struct db_query q_taken = DB_QUERY("SELECT id FROM workorders_api_client WHERE name = ?");
static struct db_query q_list = DB_QUERY("SELECT id, name, key_hint, created_at, COALESCE(disabled_at, 0) "
                                         "FROM workorders_api_client ORDER BY name");
static struct db_query q_disable =
    DB_QUERY("UPDATE workorders_api_client SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL");

/* One statement counts the POST into the client's current minute, starting
 * the minute afresh when it has moved on: atomic on both backends. */
static struct db_query q_hit = DB_QUERY(
    "INSERT INTO workorders_api_rate (client_id, window_start, count) VALUES (?1, ?2, 1)"
    " ON CONFLICT (client_id) DO UPDATE SET count = CASE WHEN workorders_api_rate.window_start = "
    "excluded.window_start"
    " THEN workorders_api_rate.count + 1 ELSE 1 END, window_start = excluded.window_start RETURNING count");

static void client_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_api_client *c = slot;
	*c = (struct wo_api_client){db_col_int(st, 0), db_col_dup(st, 1, a), db_col_dup(st, 2, a),
	                            db_col_int(st, 3), db_col_int(st, 4)};
}

int wo_apikey_find(struct db *db, struct arena *a, const char *key, struct wo_api_client *c)
{
	if (!key || strlen(key) > 256)
		return 1;
	char hash[65];
	token_sha256_hex(key, strlen(key), hash);
	struct db_stmt *st = db_stmt(db, &q_find);
	if (!st)
		return -1;
	db_bind_text(st, 1, hash, -1);
	return db_row(st, a, c, client_fill);
}

int wo_apikey_add(struct db *db, const char *name, int64_t by, int64_t now, char key_out[64], int64_t *id)
{
	struct db_stmt *st = db_stmt(db, &q_taken);
	if (!st)
		return -1;
	db_bind_text(st, 1, name, -1);
	int64_t other;
	int rc = db_one_int(st, &other);
	if (rc == 0)
		return 1;
	if (rc != 1)
		return -1;
	char key[TOKEN_TEXT], hash[65], hint[HINT_CHARS + 1];
	token_new(key);
	token_sha256_hex(key, strlen(key), hash);
	memcpy(hint, key, HINT_CHARS);
	hint[HINT_CHARS] = 0;
	if (!(st = db_stmt(db, &q_add)))
		return -1;
	db_bind_text(st, 1, name, -1);
	db_bind_text(st, 2, hash, -1);
	db_bind_text(st, 3, hint, -1);
	db_bind_int_or_null(st, 4, by);
	db_bind_int(st, 5, now);
	if (db_one_int(st, id) != 0)
		return -1;
	memcpy(key_out, key, TOKEN_TEXT);
	return 0;
}

int wo_apikey_list(struct db *db, struct arena *a, struct wo_api_client **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_list);
	if (!st)
		return -1;
	return db_rows(st, a, sizeof **out, 10000, (void **)out, n, client_fill);
}

int wo_apikey_disable(struct db *db, const char *name, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_disable);
	if (!st)
		return -1;
	db_bind_int(st, 1, now);
	db_bind_text(st, 2, name, -1);
	return db_run_guarded(st);
}

int wo_apikey_hit(struct db *db, int64_t client_id, int64_t now, int64_t *retry_at)
{
	int64_t window = now - now % 60, count;
	struct db_stmt *st = db_stmt(db, &q_hit);
	if (!st)
		return -1;
	db_bind_int(st, 1, client_id);
	db_bind_int(st, 2, window);
	if (db_one_int(st, &count) != 0)
		return -1;
	*retry_at = window + 60;
	return count > WO_APIKEY_PER_MINUTE ? 1 : 0;
}
