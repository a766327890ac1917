/* The transparency log, pure: RFC 6962 / RFC 9162 Merkle tree hashing and
 * proofs, C2SP checkpoints, signed notes, cosignatures and verifier keys.
 * No SQL, no HTTP: callers hand in leaf hashes and get hashes back. */
#ifndef SHEQU_TLOG_TLOG_H
#define SHEQU_TLOG_TLOG_H
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define TLOG_HASH 32
#define TLOG_MAX_PROOF 64
#define TLOG_SIG_ED25519 0x01
#define TLOG_SIG_COSIGN 0x04

/* SHA-256(0x00 || data). */
void tlog_leaf_hash(const void *data, size_t n, unsigned char out[TLOG_HASH]);
/* SHA-256(0x01 || left || right). */
void tlog_node_hash(const unsigned char l[TLOG_HASH], const unsigned char r[TLOG_HASH], unsigned char out[TLOG_HASH]);
/* The Merkle Tree Hash of the first n leaf hashes (n = 0: SHA-256 of nothing). */
void tlog_root(const unsigned char (*leaves)[TLOG_HASH], uint64_t n, unsigned char out[TLOG_HASH]);
/* The audit path for leaf index in the tree of the first n leaves; returns
 * the number of hashes written to proof, or -1 if index >= n. */
int tlog_inclusion_proof(const unsigned char (*leaves)[TLOG_HASH], uint64_t n, uint64_t index,
			 unsigned char (*proof)[TLOG_HASH]);
/* The consistency proof from the tree of size m to the tree of size n
 * (0 < m <= n); returns the number of hashes, or -1. */
int tlog_consistency_proof(const unsigned char (*leaves)[TLOG_HASH], uint64_t m, uint64_t n,
			   unsigned char (*proof)[TLOG_HASH]);
/* 1 if proof shows leaf at index is in the tree of size n with this root. */
int tlog_verify_inclusion(uint64_t index, uint64_t n, const unsigned char leaf[TLOG_HASH],
			  const unsigned char (*proof)[TLOG_HASH], int len, const unsigned char root[TLOG_HASH]);
/* 1 if proof shows the tree of size n with root_n extends the tree of size m with root_m. */
int tlog_verify_consistency(uint64_t m, uint64_t n, const unsigned char (*proof)[TLOG_HASH], int len,
			    const unsigned char root_m[TLOG_HASH], const unsigned char root_n[TLOG_HASH]);

/* A compact range: the roots of the perfect subtrees that make up a tree of
 * `size` leaves, left to right (one per set bit of size). Enough to append
 * and to compute the root without the leaves. */
#define TLOG_RANGE_MAX 64
struct tlog_range {
	uint64_t size;
	int n;
	unsigned char h[TLOG_RANGE_MAX][TLOG_HASH];
};
/* Appends a leaf hash, merging equal subtrees. */
void tlog_range_append(struct tlog_range *r, const unsigned char leaf[TLOG_HASH]);
/* The tree's root (the empty tree's for size 0). */
void tlog_range_root(const struct tlog_range *r, unsigned char out[TLOG_HASH]);
/* Serialised form: 8-byte big-endian size then the n hashes. Returns the
 * length written (out needs 8 + 64 * 32 bytes). */
size_t tlog_range_encode(const struct tlog_range *r, unsigned char *out);
/* Parses the serialised form: 0, or -1 if it is malformed. */
int tlog_range_decode(const unsigned char *in, size_t n, struct tlog_range *r);

/* tile.c: C2SP tlog-tiles paths */
#define TLOG_TILE_MAX_LEVEL 3 /* levels served: 0..3 (a level-3 hash covers 2^24 leaves) */
struct tlog_tile {
	int level, width; /* width 1..256; 256 is a full tile */
	uint64_t index;
};
/* Parses a tile path "<L>/<N>[.p/<W>]" (N written as x001/x234/067, W 1..255)
 * with checked arithmetic; levels above TLOG_TILE_MAX_LEVEL are refused. 0 or -1. */
int tlog_tile_parse(const char *path, struct tlog_tile *t);
/* The leaves a tile covers in a log of size leaves: its hashes are the
 * roots of width consecutive subtrees of *span leaves each, starting at leaf
 * *start. -1 if the tile does not exist yet, would overflow, or is a partial
 * tile whose full tile exists. 0 otherwise, and then start + width * span <= size. */
int tlog_tile_span(const struct tlog_tile *t, uint64_t size, uint64_t *start, uint64_t *span);

/* note.c: checkpoints and signed notes */
/* Appends the checkpoint body "<origin>\n<size>\n<base64 root>\n". */
void tlog_checkpoint_body(struct buf *out, const char *origin, uint64_t size, const unsigned char root[TLOG_HASH]);
/* Parses a checkpoint (body alone or a whole signed note): 0 with the
 * origin (copied into origin, cap bytes), size and root set, or -1. */
int tlog_checkpoint_parse(const char *text, size_t n, char *origin, size_t cap, uint64_t *size,
			  unsigned char root[TLOG_HASH]);
/* The 4-byte key ID: SHA-256(name || "\n" || type || public key)[:4]. */
void tlog_key_id(const char *name, unsigned char type, const unsigned char pk[32], unsigned char id[4]);
/* The verifier key "<name>+<8 hex of key ID>+<base64(0x01 || pk)>". */
void tlog_vkey(struct buf *out, const char *name, const unsigned char pk[32]);
/* Parses a verifier key into name (cap bytes) and pk: 0 or -1. */
int tlog_vkey_parse(const char *vkey, char *name, size_t cap, unsigned char pk[32]);
/* Appends a signature line "— <name> <base64(key ID || Ed25519(body))>\n"
 * for body under the 64-byte secret key sk. */
void tlog_sign_line(struct buf *out, const char *body, size_t n, const char *name, const unsigned char sk[64]);
/* Appends a cosignature line (C2SP tlog-cosignature/v1, Ed25519) over
 * the checkpoint body at time t. */
void tlog_cosign_line(struct buf *out, const char *body, size_t n, const char *name, const unsigned char sk[64],
		      uint64_t t);
/* Splits a signed note at the blank line: returns the body length
 * (including its final newline), or -1 if the note is malformed. */
long tlog_note_body_len(const char *note, size_t n);
/* 1 if the note carries a valid Ed25519 signature by (name, pk), 0 if it
 * has none or it fails, -1 if the note is malformed. */
int tlog_note_verify(const char *note, size_t n, const char *name, const unsigned char pk[32]);
/* 1 if the note carries a valid cosignature by (name, pk); *t gets its time. */
int tlog_cosign_verify(const char *note, size_t n, const char *name, const unsigned char pk[32], uint64_t *t);

#endif
