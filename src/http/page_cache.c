#include "http/page_cache.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define NBUCKETS 4096 /* a power of two */

/* An entry and its bytes, in one allocation: the struct, the key, the
 * strings and the body. */
struct node {
	struct page_entry e; /* first: what callers see */
	struct node *chain;  /* next in the bucket */
	struct node *newer, *older;
	uint64_t hash;
	char *key;
	size_t klen, size;
	int64_t version, until;
	int refs;   /* callers holding it */
	int linked; /* in the table and the list; 0 once dropped */
};

static struct {
	pthread_mutex_t mu;
	size_t cap, bytes, entries;
	int64_t newest; /* the highest data version seen */
	uint64_t hits, misses;
	struct node *bucket[NBUCKETS];
	struct node *head, *tail; /* most and least recently used */
} cache = {.mu = PTHREAD_MUTEX_INITIALIZER};

/* SipHash with a key drawn at start, so that nobody outside can choose
 * keys that fall into one bucket and make lookups walk long chains. */
static unsigned char hash_key[crypto_shorthash_KEYBYTES];

static uint64_t hash_of(const char *p, size_t n)
{
	unsigned char out[crypto_shorthash_BYTES];
	crypto_shorthash(out, (const unsigned char *)p, n, hash_key);
	uint64_t h;
	memcpy(&h, out, sizeof h);
	return h;
}

int64_t page_cache_until(int64_t now, int64_t valid_until)
{
	int64_t day = 86400, shift = 8 * 3600;
	int64_t midnight = ((now + shift) / day + 1) * day - shift;
	return valid_until > 0 && valid_until < midnight ? valid_until : midnight;
}

int page_cache_init(size_t cap)
{
	page_cache_free();
	if (sodium_init() < 0)
		return -1;
	crypto_shorthash_keygen(hash_key);
	cache.cap = cap;
	return 0;
}

int page_cache_enabled(void)
{
	return cache.cap > 0;
}

static void list_unlink(struct node *n)
{
	if (n->newer)
		n->newer->older = n->older;
	else
		cache.head = n->older;
	if (n->older)
		n->older->newer = n->newer;
	else
		cache.tail = n->newer;
	n->newer = n->older = NULL;
}

static void list_push(struct node *n)
{
	n->older = cache.head;
	n->newer = NULL;
	if (cache.head)
		cache.head->newer = n;
	cache.head = n;
	if (!cache.tail)
		cache.tail = n;
}

/* Takes n out of the table and the list; frees it unless a caller holds it
 * (then the last page_cache_release does). Lock held. */
static void drop(struct node *n)
{
	struct node **p = &cache.bucket[n->hash & (NBUCKETS - 1)];
	while (*p && *p != n)
		p = &(*p)->chain;
	if (*p)
		*p = n->chain;
	list_unlink(n);
	n->linked = 0;
	cache.bytes -= n->size;
	cache.entries--;
	if (!n->refs)
		free(n);
}

/* A newer data version makes every older entry useless: drop them all at
 * once rather than one by one as they are asked for. Lock held. */
static void see_version(int64_t version)
{
	if (version <= cache.newest)
		return;
	cache.newest = version;
	for (struct node *n = cache.tail, *next; n; n = next) {
		next = n->newer;
		if (n->version < version)
			drop(n);
	}
}

void page_cache_free(void)
{
	pthread_mutex_lock(&cache.mu);
	while (cache.tail)
		drop(cache.tail);
	cache.cap = 0;
	cache.newest = 0;
	cache.hits = cache.misses = 0;
	pthread_mutex_unlock(&cache.mu);
}

const struct page_entry *page_cache_get(const char *key, size_t klen, int64_t version, int64_t now)
{
	if (!cache.cap)
		return NULL;
	uint64_t h = hash_of(key, klen);
	pthread_mutex_lock(&cache.mu);
	see_version(version);
	struct node *n = cache.bucket[h & (NBUCKETS - 1)];
	while (n && !(n->hash == h && n->klen == klen && !memcmp(n->key, key, klen)))
		n = n->chain;
	if (n && (n->version < version || now >= n->until)) {
		drop(n);
		n = NULL;
	} else if (n && n->version != version) {
		n = NULL; /* rendered after a write this caller has not seen yet */
	}
	if (n) {
		n->refs++;
		list_unlink(n);
		list_push(n);
		cache.hits++;
	} else {
		cache.misses++;
	}
	pthread_mutex_unlock(&cache.mu);
	return n ? &n->e : NULL;
}

void page_cache_release(const struct page_entry *e)
{
	if (!e)
		return;
	struct node *n = (struct node *)e;
	pthread_mutex_lock(&cache.mu);
	if (--n->refs == 0 && !n->linked)
		free(n);
	pthread_mutex_unlock(&cache.mu);
}

/* Copies s (may be NULL) to *at and returns where it went. */
static const char *copy_str(char **at, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	memcpy(*at, s, n);
	const char *r = *at;
	*at += n;
	return r;
}

static size_t len_or_0(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

void page_cache_put(const char *key, size_t klen, int64_t version, int64_t until, const struct page_entry *e)
{
	if (!cache.cap)
		return;
	size_t size = sizeof(struct node) + klen + e->body_len + len_or_0(e->content_type) +
		      len_or_0(e->cache_control) + len_or_0(e->etag);
	int nh = e->nheaders < PAGE_CACHE_MAX_HEADERS ? e->nheaders : PAGE_CACHE_MAX_HEADERS;
	for (int i = 0; i < nh; i++)
		size += len_or_0(e->hname[i]) + len_or_0(e->hvalue[i]);
	if (size > cache.cap / 8)
		return;
	struct node *n = malloc(size);
	if (!n)
		return;
	memset(n, 0, sizeof *n);
	char *at = (char *)(n + 1);
	n->key = at;
	memcpy(at, key, klen);
	at += klen;
	n->e.body = at;
	if (e->body_len)
		memcpy(at, e->body, e->body_len);
	at += e->body_len;
	n->e.body_len = e->body_len;
	n->e.content_type = copy_str(&at, e->content_type);
	n->e.cache_control = copy_str(&at, e->cache_control);
	n->e.etag = copy_str(&at, e->etag);
	for (int i = 0; i < nh; i++) {
		n->e.hname[i] = copy_str(&at, e->hname[i]);
		n->e.hvalue[i] = copy_str(&at, e->hvalue[i]);
	}
	n->e.nheaders = nh;
	n->hash = hash_of(key, klen);
	n->klen = klen;
	n->size = size;
	n->version = version;
	n->until = until;
	n->linked = 1;

	pthread_mutex_lock(&cache.mu);
	see_version(version);
	if (version < cache.newest) {
		/* Rendered before a write that another thread has seen since. */
		pthread_mutex_unlock(&cache.mu);
		free(n);
		return;
	}
	struct node **p = &cache.bucket[n->hash & (NBUCKETS - 1)];
	for (struct node *o = *p; o; o = o->chain)
		if (o->hash == n->hash && o->klen == klen && !memcmp(o->key, key, klen)) {
			drop(o);
			break;
		}
	while (cache.tail && cache.bytes + size > cache.cap)
		drop(cache.tail);
	n->chain = *p;
	*p = n;
	list_push(n);
	cache.bytes += size;
	cache.entries++;
	pthread_mutex_unlock(&cache.mu);
}

void page_cache_stats(struct page_cache_stats *out)
{
	pthread_mutex_lock(&cache.mu);
	out->entries = cache.entries;
	out->bytes = cache.bytes;
	out->hits = cache.hits;
	out->misses = cache.misses;
	pthread_mutex_unlock(&cache.mu);
}
