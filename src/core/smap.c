/* The text-keyed map of smap.h: FNV-1a hashes, linear probing, at most
 * half full. */
#include <stdlib.h>
#include <string.h>

#include "core/smap.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot of key in a table with room (cap a power of two > n): where it
 * is, or where it would go. */
static size_t slot(const struct smap *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* (smap.h) */
int64_t smap_get(const struct smap *m, const char *key)
{
	if (!m->cap)
		return -1;
	size_t i = slot(m, key);
	return m->keys[i] ? m->vals[i] : -1;
}

/* Doubles the table (or makes its first 1024 slots). 0 or -1. */
static int grow(struct smap *m)
{
	struct smap g = {calloc(m->cap ? 2 * m->cap : 1024, sizeof(char *)), NULL, m->cap ? 2 * m->cap : 1024, m->n};
	g.vals = malloc(g.cap * sizeof *g.vals);
	if (!g.keys || !g.vals) {
		free(g.keys);
		free(g.vals);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i]) {
			size_t j = slot(&g, m->keys[i]);
			g.keys[j] = m->keys[i];
			g.vals[j] = m->vals[i];
		}
	free(m->keys);
	free(m->vals);
	*m = g;
	return 0;
}

/* (smap.h) */
int smap_put(struct smap *m, const char *key, int64_t v)
{
	if (2 * (m->n + 1) > m->cap && grow(m) < 0)
		return -1;
	size_t i = slot(m, key);
	if (!m->keys[i]) {
		if (!(m->keys[i] = strdup(key)))
			return -1;
		m->n++;
	}
	m->vals[i] = v;
	return 0;
}

/* (smap.h) */
void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
