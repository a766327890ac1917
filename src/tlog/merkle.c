/* RFC 6962 §2.1 / RFC 9162 §2.1: tree hashes and proofs. */
#include <sodium.h>
#include <string.h>

#include "tlog/tlog.h"

void tlog_leaf_hash(const void *data, size_t n, unsigned char out[TLOG_HASH])
{
	crypto_hash_sha256_state st;
	const unsigned char zero = 0;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &zero, 1);
	crypto_hash_sha256_update(&st, data, n);
	crypto_hash_sha256_final(&st, out);
}

void tlog_node_hash(const unsigned char l[TLOG_HASH], const unsigned char r[TLOG_HASH], unsigned char out[TLOG_HASH])
{
	crypto_hash_sha256_state st;
	const unsigned char one = 1;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &one, 1);
	crypto_hash_sha256_update(&st, l, TLOG_HASH);
	crypto_hash_sha256_update(&st, r, TLOG_HASH);
	crypto_hash_sha256_final(&st, out);
}

/* The largest power of two smaller than n (n > 1). */
static uint64_t split(uint64_t n)
{
	uint64_t k = 1;
	while (k << 1 < n)
		k <<= 1;
	return k;
}

/* MTH(D[0:n]) for n >= 1. */
static void mth(const unsigned char (*d)[TLOG_HASH], uint64_t n, unsigned char out[TLOG_HASH])
{
	if (n == 1) {
		memcpy(out, d[0], TLOG_HASH);
		return;
	}
	uint64_t k = split(n);
	unsigned char l[TLOG_HASH], r[TLOG_HASH];
	mth(d, k, l);
	mth(d + k, n - k, r);
	tlog_node_hash(l, r, out);
}

void tlog_root(const unsigned char (*leaves)[TLOG_HASH], uint64_t n, unsigned char out[TLOG_HASH])
{
	if (n == 0)
		crypto_hash_sha256(out, (const unsigned char *)"", 0);
	else
		mth(leaves, n, out);
}

/* PATH(m, D[0:n]), appended at proof[*len]. */
static void path(const unsigned char (*d)[TLOG_HASH], uint64_t n, uint64_t m, unsigned char (*proof)[TLOG_HASH],
		 int *len)
{
	if (n <= 1)
		return;
	uint64_t k = split(n);
	if (m < k) {
		path(d, k, m, proof, len);
		mth(d + k, n - k, proof[(*len)++]);
	} else {
		path(d + k, n - k, m - k, proof, len);
		mth(d, k, proof[(*len)++]);
	}
}

int tlog_inclusion_proof(const unsigned char (*leaves)[TLOG_HASH], uint64_t n, uint64_t index,
			 unsigned char (*proof)[TLOG_HASH])
{
	if (index >= n)
		return -1;
	int len = 0;
	path(leaves, n, index, proof, &len);
	return len;
}

/* SUBPROOF(m, D[0:n], b), appended at proof[*len]. */
static void subproof(const unsigned char (*d)[TLOG_HASH], uint64_t m, uint64_t n, int b,
		     unsigned char (*proof)[TLOG_HASH], int *len)
{
	if (m == n) {
		if (!b)
			mth(d, n, proof[(*len)++]);
		return;
	}
	uint64_t k = split(n);
	if (m <= k) {
		subproof(d, m, k, b, proof, len);
		mth(d + k, n - k, proof[(*len)++]);
	} else {
		subproof(d + k, m - k, n - k, 0, proof, len);
		mth(d, k, proof[(*len)++]);
	}
}

int tlog_consistency_proof(const unsigned char (*leaves)[TLOG_HASH], uint64_t m, uint64_t n,
			   unsigned char (*proof)[TLOG_HASH])
{
	if (m == 0 || m > n)
		return -1;
	int len = 0;
	subproof(leaves, m, n, 1, proof, &len);
	return len;
}

int tlog_verify_inclusion(uint64_t index, uint64_t n, const unsigned char leaf[TLOG_HASH],
			  const unsigned char (*proof)[TLOG_HASH], int len, const unsigned char root[TLOG_HASH])
{
	/* RFC 9162 §2.1.3.2 */
	if (index >= n)
		return 0;
	uint64_t fn = index, sn = n - 1;
	unsigned char r[TLOG_HASH];
	memcpy(r, leaf, TLOG_HASH);
	for (int i = 0; i < len; i++) {
		if (sn == 0)
			return 0;
		if ((fn & 1) || fn == sn) {
			tlog_node_hash(proof[i], r, r);
			if (!(fn & 1))
				while (fn && !(fn & 1)) {
					fn >>= 1;
					sn >>= 1;
				}
		} else {
			tlog_node_hash(r, proof[i], r);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && sodium_memcmp(r, root, TLOG_HASH) == 0;
}

int tlog_verify_consistency(uint64_t m, uint64_t n, const unsigned char (*proof)[TLOG_HASH], int len,
			    const unsigned char root_m[TLOG_HASH], const unsigned char root_n[TLOG_HASH])
{
	/* RFC 9162 §2.1.4.2 */
	if (m == 0 || m > n)
		return 0;
	if (m == n)
		return len == 0 && sodium_memcmp(root_m, root_n, TLOG_HASH) == 0;
	if (len == 0)
		return 0;
	unsigned char first[TLOG_HASH];
	int start = 0;
	if ((m & (m - 1)) == 0) { /* m is a power of two: root_m is the first node */
		memcpy(first, root_m, TLOG_HASH);
	} else {
		memcpy(first, proof[0], TLOG_HASH);
		start = 1;
	}
	uint64_t fn = m - 1, sn = n - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	unsigned char fr[TLOG_HASH], sr[TLOG_HASH];
	memcpy(fr, first, TLOG_HASH);
	memcpy(sr, first, TLOG_HASH);
	for (int i = start; i < len; i++) {
		if (sn == 0)
			return 0;
		if ((fn & 1) || fn == sn) {
			tlog_node_hash(proof[i], fr, fr);
			tlog_node_hash(proof[i], sr, sr);
			if (!(fn & 1))
				while (fn && !(fn & 1)) {
					fn >>= 1;
					sn >>= 1;
				}
		} else {
			tlog_node_hash(sr, proof[i], sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && sodium_memcmp(fr, root_m, TLOG_HASH) == 0 && sodium_memcmp(sr, root_n, TLOG_HASH) == 0;
}

void tlog_range_append(struct tlog_range *r, const unsigned char leaf[TLOG_HASH])
{
	memcpy(r->h[r->n++], leaf, TLOG_HASH);
	r->size++;
	/* Each trailing zero bit of the new size is one merge of two equal subtrees. */
	for (uint64_t s = r->size; !(s & 1) && r->n >= 2; s >>= 1) {
		tlog_node_hash(r->h[r->n - 2], r->h[r->n - 1], r->h[r->n - 2]);
		r->n--;
	}
}

void tlog_range_root(const struct tlog_range *r, unsigned char out[TLOG_HASH])
{
	if (r->n == 0) {
		crypto_hash_sha256(out, (const unsigned char *)"", 0);
		return;
	}
	unsigned char acc[TLOG_HASH];
	memcpy(acc, r->h[r->n - 1], TLOG_HASH);
	for (int i = r->n - 2; i >= 0; i--)
		tlog_node_hash(r->h[i], acc, acc);
	memcpy(out, acc, TLOG_HASH);
}

size_t tlog_range_encode(const struct tlog_range *r, unsigned char *out)
{
	for (int i = 0; i < 8; i++)
		out[i] = (unsigned char)(r->size >> (56 - 8 * i));
	memcpy(out + 8, r->h, (size_t)r->n * TLOG_HASH);
	return 8 + (size_t)r->n * TLOG_HASH;
}

int tlog_range_decode(const unsigned char *in, size_t n, struct tlog_range *r)
{
	if (n < 8 || (n - 8) % TLOG_HASH)
		return -1;
	uint64_t size = 0;
	for (int i = 0; i < 8; i++)
		size = (size << 8) | in[i];
	int count = (int)((n - 8) / TLOG_HASH);
	/* One subtree per set bit of the size. */
	if (count != __builtin_popcountll(size) || count > TLOG_RANGE_MAX)
		return -1;
	r->size = size;
	r->n = count;
	memcpy(r->h, in + 8, (size_t)count * TLOG_HASH);
	return 0;
}
