/* A small map from text keys to non-negative int64 values: open
 * addressing, keys copied, grown by doubling. For the readers of imported
 * files (the distinct buildings, rooms and ID numbers of a residents'
 * file; the voucher numbers of a ledger file). Not for concurrent use. */
#ifndef SHEQU_CORE_SMAP_H
#define SHEQU_CORE_SMAP_H
#include <stddef.h>
#include <stdint.h>

struct smap {
	char **keys;
	int64_t *vals;
	size_t cap, n;
};
/* A map starts zeroed: struct smap m = {0}. */

/* The value of key, or -1 when absent. */
int64_t smap_get(const struct smap *m, const char *key);
/* Sets key (copied) to v (v >= 0). 0 or -1 (out of memory: m unchanged). */
int smap_put(struct smap *m, const char *key, int64_t v);
/* Frees the keys and the table; m is empty again. */
void smap_free(struct smap *m);

#endif
