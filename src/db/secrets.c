#include "db/secrets.h"

#include <string.h>

static struct db_query q_get = DB_QUERY("SELECT value FROM deployment_secret WHERE name = ?");
static struct db_query q_put = DB_QUERY(
    "INSERT INTO deployment_secret (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING");

int secret_get(struct db *db, const char *name, unsigned char *out, size_t n)
{
	struct db_stmt *st = db_stmt(db, &q_get);
	if (!st)
		return -1;
	db_bind_text(st, 1, name, -1);
	int rc = db_step(st), found = 1;
	if (rc == DB_ROW) {
		size_t len;
		const void *p = db_col_blob(st, 0, &len);
		if (p && len == n) {
			memcpy(out, p, n);
			found = 0;
		}
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? found : -1;
}

static struct db_query q_set = DB_QUERY(
    "INSERT INTO deployment_secret (name, value, created_at) VALUES (?, ?, ?)"
    " ON CONFLICT (name) DO UPDATE SET value = excluded.value, created_at = excluded.created_at");

int setting_get(struct db *db, struct arena *a, const char *name, char **out)
{
	*out = NULL;
	struct db_stmt *st = db_stmt(db, &q_get);
	if (!st)
		return -1;
	db_bind_text(st, 1, name, -1);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		size_t len;
		const char *p = db_col_blob(st, 0, &len);
		*out = arena_strndup(a, p ? p : "", len);
		if (!*out)
			rc = DB_ERR;
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

int setting_put(struct db *db, const char *name, const char *value, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_set);
	if (!st)
		return -1;
	db_bind_text(st, 1, name, -1);
	db_bind_blob(st, 2, value, strlen(value));
	db_bind_int(st, 3, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int secret_put_new(struct db *db, const char *name, const unsigned char *v, size_t n, int64_t now)
{
	unsigned char tmp[128];
	int have = n <= sizeof tmp ? secret_get(db, name, tmp, n) : -1;
	if (have <= 0)
		return have < 0 ? -1 : 1;
	struct db_stmt *st = db_stmt(db, &q_put);
	if (!st)
		return -1;
	db_bind_text(st, 1, name, -1);
	db_bind_blob(st, 2, v, n);
	db_bind_int(st, 3, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}
