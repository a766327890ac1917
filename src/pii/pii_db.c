/* Sealed columns: binding a personal field sealed under the process's key,
 * and opening one read back, for every store that keeps personal data. */
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
