/* The response cache: rendered answers to visitors without a session, kept
 * in memory and shared by the server's threads. An entry is valid while the
 * data version (src/db/data_version.h) is the one it was rendered at and
 * its time limit (the moment its content would change with the clock
 * alone, e.g. a notice period ending) has not come. Bounded in bytes; the
 * least recently used entries go first. No h2o or database type here:
 * src/http/server.c decides what may be kept and reads the version. */
#ifndef SHEQU_HTTP_PAGE_CACHE_H
#define SHEQU_HTTP_PAGE_CACHE_H
#include <stddef.h>
#include <stdint.h>

#define PAGE_CACHE_MAX_HEADERS 4

/* What an entry answers with. The strings and the body live in the entry. */
struct page_entry {
	const char *content_type, *cache_control, *etag;
	const char *hname[PAGE_CACHE_MAX_HEADERS], *hvalue[PAGE_CACHE_MAX_HEADERS];
	int nheaders;
	const char *body;
	size_t body_len;
};

/* Starts the cache with room for cap bytes (0: no cache; every call below
 * then finds nothing and keeps nothing). Entries larger than cap / 8 are
 * never kept. Call once before the server's threads start. 0 or -1. */
int page_cache_init(size_t cap);
/* Frees every entry. Only when no thread uses the cache any more. */
void page_cache_free(void);
/* 1 when the cache is on. */
int page_cache_enabled(void);

/* The entry for key (klen bytes) if it was rendered at this data version
 * and is still within its time limit at now, with a reference the caller
 * gives back with page_cache_release; else NULL. Entries of an older
 * version or past their limit are dropped on the way. Thread-safe. */
const struct page_entry *page_cache_get(const char *key, size_t klen, int64_t version, int64_t now);
/* Gives back a reference page_cache_get returned. Thread-safe. */
void page_cache_release(const struct page_entry *e);

/* Keeps a copy of the answer e describes (its strings and body are copied)
 * under key, rendered at version and valid until the Unix time until,
 * replacing an older entry of the same key and making room by dropping the
 * least recently used ones. Does nothing when the cache is off, the entry
 * too large or memory short. Thread-safe. */
void page_cache_put(const char *key, size_t klen, int64_t version, int64_t until, const struct page_entry *e);

/* How long an answer rendered at now stays true: until the next midnight
 * in China (UTC+8; pages say 今天 and print dates), or the earlier moment
 * valid_until its handler gave (0: none). */
int64_t page_cache_until(int64_t now, int64_t valid_until);

/* Counters for tests and the log: entries and bytes held, hits, misses. */
struct page_cache_stats {
	size_t entries, bytes;
	uint64_t hits, misses;
};
void page_cache_stats(struct page_cache_stats *out);

#endif
