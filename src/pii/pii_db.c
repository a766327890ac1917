/* Sealed columns: binding a personal field or a file sealed under the
 * process's key, and opening one read back, for every store that keeps
 * personal data. */
#include "db/db.h"
#include "pii/pii.h"

int pii_bind_sealed(struct db_stmt *st, int i, struct arena *a, const char *s)
{
	if (!s || !*s) {
		db_bind_null(st, i);
		return 0;
	}
	size_t len;
	unsigned char *c = pii_seal_text(a, pii_key_current(), s, &len);
	if (!c)
		return -1;
	db_bind_blob_ref(st, i, c, len);
	return 0;
}

char *pii_col_opened(struct db_stmt *st, int i, struct arena *a)
{
	size_t n;
	const void *c = db_col_blob(st, i, &n);
	return db_col_is_null(st, i) ? arena_strdup(a, "") : pii_open_text(a, pii_key_current(), c, n);
}

int pii_bind_sealed_bytes(struct db_stmt *st, int i, struct arena *a, const void *data, size_t n)
{
	const struct pii_key *k = pii_key_current();
	unsigned char *c = k ? arena_alloc(a, n + PII_SEAL_OVERHEAD) : NULL;
	if (!c)
		return -1;
	pii_seal(k, data, n, c);
	db_bind_blob_ref(st, i, c, n + PII_SEAL_OVERHEAD);
	return 0;
}

unsigned char *pii_col_opened_bytes(struct db_stmt *st, int i, struct arena *a, size_t n)
{
	size_t len;
	const unsigned char *c = db_col_blob(st, i, &len);
	const struct pii_key *k = pii_key_current();
	if (!c || !k || len != n + PII_SEAL_OVERHEAD)
		return NULL;
	unsigned char *out = arena_alloc(a, n + 1);
	return out && pii_open(k, c, len, out) == 0 ? out : NULL;
}
