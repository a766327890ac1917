/* The Merkle log against the RFC 6962 test vectors, proofs over every tree
 * shape up to 70 leaves, and checkpoints, signed notes and cosignatures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>

#include "tlog/tlog.h"

typedef unsigned char hash_t[TLOG_HASH];

static const char *const inputs[] = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
				      "606162636465666768696a6b6c6d6e6f"};
static const char *const roots[] = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

static hash_t leaves[8];

static void unhex(const char *hex, unsigned char *out, size_t *n)
{
	sodium_hex2bin(out, 64, hex, strlen(hex), NULL, n, NULL);
}

static void hex_of(const unsigned char *h, char out[65])
{
	sodium_bin2hex(out, 65, h, TLOG_HASH);
}

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	for (int i = 0; i < 8; i++) {
		unsigned char raw[32];
		size_t n = 0;
		unhex(inputs[i], raw, &n);
		tlog_leaf_hash(raw, n, leaves[i]);
	}
	return 0;
}

static void roots_match_rfc6962_vectors(void **state)
{
	(void)state;
	for (int n = 0; n <= 8; n++) {
		hash_t r;
		char hex[65];
		tlog_root((const hash_t *)leaves, (uint64_t)n, r);
		hex_of(r, hex);
		assert_string_equal(hex, roots[n]);
	}
}

struct proof_vector {
	uint64_t a, b;
	int len;
	const char *hashes[3];
};

static void inclusion_proofs_match_vectors(void **state)
{
	(void)state;
	/* (leaf index, tree size, path) */
	static const struct proof_vector v[] = {
	    {0, 8, 3, {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
		       "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		       "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
	    {5, 8, 3, {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
		       "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
		       "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
	    {2, 3, 1, {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
	    {1, 5, 3, {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
		       "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		       "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		hash_t proof[TLOG_MAX_PROOF], root;
		int len = tlog_inclusion_proof((const hash_t *)leaves, v[i].b, v[i].a, proof);
		assert_int_equal(len, v[i].len);
		for (int k = 0; k < len; k++) {
			char hex[65];
			hex_of(proof[k], hex);
			assert_string_equal(hex, v[i].hashes[k]);
		}
		size_t n;
		unhex(roots[v[i].b], root, &n);
		assert_true(tlog_verify_inclusion(v[i].a, v[i].b, leaves[v[i].a], (const hash_t *)proof, len, root));
		assert_false(tlog_verify_inclusion(v[i].a, v[i].b, leaves[(v[i].a + 1) % 8], (const hash_t *)proof, len, root));
	}
	hash_t proof[TLOG_MAX_PROOF];
	assert_int_equal(tlog_inclusion_proof((const hash_t *)leaves, 3, 3, proof), -1);
}

static void consistency_proofs_match_vectors(void **state)
{
	(void)state;
	static const struct proof_vector v[] = {
	    {1, 1, 0, {0}},
	    {1, 8, 3, {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
		       "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		       "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
	    {6, 8, 3, {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
		       "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
		       "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
	    {2, 5, 2, {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		       "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		hash_t proof[TLOG_MAX_PROOF], ra, rb;
		int len = tlog_consistency_proof((const hash_t *)leaves, v[i].a, v[i].b, proof);
		assert_int_equal(len, v[i].len);
		for (int k = 0; k < len; k++) {
			char hex[65];
			hex_of(proof[k], hex);
			assert_string_equal(hex, v[i].hashes[k]);
		}
		size_t n;
		unhex(roots[v[i].a], ra, &n);
		unhex(roots[v[i].b], rb, &n);
		assert_true(tlog_verify_consistency(v[i].a, v[i].b, (const hash_t *)proof, len, ra, rb));
		if (v[i].a != v[i].b)
			assert_false(tlog_verify_consistency(v[i].a, v[i].b, (const hash_t *)proof, len, rb, ra));
	}
}

static void every_proof_verifies_and_tampering_fails(void **state)
{
	(void)state;
	enum { N = 70 };
	static hash_t many[N], roots_n[N + 1];
	for (int i = 0; i < N; i++) {
		unsigned char data[2] = {(unsigned char)i, (unsigned char)(i * 7)};
		tlog_leaf_hash(data, 2, many[i]);
	}
	for (int n = 0; n <= N; n++)
		tlog_root((const hash_t *)many, (uint64_t)n, roots_n[n]);
	for (int n = 1; n <= N; n++) {
		for (int i = 0; i < n; i++) {
			hash_t proof[TLOG_MAX_PROOF];
			int len = tlog_inclusion_proof((const hash_t *)many, (uint64_t)n, (uint64_t)i, proof);
			assert_true(tlog_verify_inclusion((uint64_t)i, (uint64_t)n, many[i], (const hash_t *)proof, len, roots_n[n]));
			if (len) {
				proof[len - 1][0] ^= 1;
				assert_false(tlog_verify_inclusion((uint64_t)i, (uint64_t)n, many[i], (const hash_t *)proof, len, roots_n[n]));
			}
		}
		for (int m = 1; m <= n; m++) {
			hash_t proof[TLOG_MAX_PROOF];
			int len = tlog_consistency_proof((const hash_t *)many, (uint64_t)m, (uint64_t)n, proof);
			assert_true(tlog_verify_consistency((uint64_t)m, (uint64_t)n, (const hash_t *)proof, len, roots_n[m], roots_n[n]));
			if (m < n)
				assert_false(tlog_verify_consistency((uint64_t)m, (uint64_t)n, (const hash_t *)proof, len,
								     roots_n[m - 1], roots_n[n]));
		}
	}
}

static void compact_range_gives_the_same_roots(void **state)
{
	(void)state;
	enum { N = 70 };
	static hash_t many[N];
	struct tlog_range r = {0}, back;
	unsigned char buf[8 + TLOG_RANGE_MAX * TLOG_HASH];
	hash_t want, got;
	tlog_range_root(&r, got);
	tlog_root((const hash_t *)many, 0, want);
	assert_memory_equal(got, want, 32);
	for (int i = 0; i < N; i++) {
		unsigned char d = (unsigned char)i;
		tlog_leaf_hash(&d, 1, many[i]);
		tlog_range_append(&r, many[i]);
		tlog_range_root(&r, got);
		tlog_root((const hash_t *)many, (uint64_t)i + 1, want);
		assert_memory_equal(got, want, 32);
		size_t n = tlog_range_encode(&r, buf);
		assert_int_equal(tlog_range_decode(buf, n, &back), 0);
		assert_int_equal(back.size, r.size);
		assert_int_equal(back.n, r.n);
	}
	assert_int_equal(tlog_range_decode(buf, 7, &back), -1);
	size_t n = tlog_range_encode(&r, buf);
	assert_int_equal(tlog_range_decode(buf, n - 32, &back), -1); /* a subtree missing */
}

static void checkpoint_is_signed_and_verified(void **state)
{
	(void)state;
	unsigned char pk[32], sk[64], pk2[32], sk2[64];
	crypto_sign_keypair(pk, sk);
	crypto_sign_keypair(pk2, sk2);
	struct buf note;
	buf_init(&note, 1 << 16);
	tlog_checkpoint_body(&note, "shequ.local/c/xingfuli", 8, leaves[7]);
	size_t body = note.len;
	buf_putc(&note, '\n');
	tlog_sign_line(&note, note.data, body, "shequ.local/c/xingfuli", sk);
	assert_int_equal(tlog_note_body_len(note.data, note.len), (long)body);
	assert_non_null(strstr(note.data, "\n\n\xE2\x80\x94 shequ.local/c/xingfuli "));
	assert_int_equal(tlog_note_verify(note.data, note.len, "shequ.local/c/xingfuli", pk), 1);
	assert_int_equal(tlog_note_verify(note.data, note.len, "shequ.local/c/xingfuli", pk2), 0); /* other key */
	assert_int_equal(tlog_note_verify(note.data, note.len, "other.name", pk), 0);

	char origin[128];
	uint64_t size;
	hash_t root;
	assert_int_equal(tlog_checkpoint_parse(note.data, note.len, origin, sizeof origin, &size, root), 0);
	assert_string_equal(origin, "shequ.local/c/xingfuli");
	assert_int_equal(size, 8);
	assert_memory_equal(root, leaves[7], 32);

	/* A witness adds its cosignature; both verify, and the log's still does. */
	tlog_cosign_line(&note, note.data, body, "witness/jiandu", sk2, 1764000000);
	uint64_t t = 0;
	assert_int_equal(tlog_cosign_verify(note.data, note.len, "witness/jiandu", pk2, &t), 1);
	assert_int_equal(t, 1764000000);
	assert_int_equal(tlog_cosign_verify(note.data, note.len, "witness/jiandu", pk, &t), 0);
	assert_int_equal(tlog_note_verify(note.data, note.len, "shequ.local/c/xingfuli", pk), 1);

	/* Change one byte of the body: every signature fails. */
	note.data[strlen("shequ.local/c/xingfuli\n")] = '9';
	assert_int_equal(tlog_note_verify(note.data, note.len, "shequ.local/c/xingfuli", pk), 0);
	assert_int_equal(tlog_cosign_verify(note.data, note.len, "witness/jiandu", pk2, &t), 0);
	assert_int_equal(tlog_note_verify("no blank line\n", 14, "x", pk), -1);
	buf_free(&note);
}

static void verifier_keys_round_trip(void **state)
{
	(void)state;
	unsigned char pk[32], sk[64], back[32];
	crypto_sign_keypair(pk, sk);
	struct buf v;
	buf_init(&v, 1024);
	tlog_vkey(&v, "shequ.local/c/heping", pk);
	char name[128];
	assert_int_equal(tlog_vkey_parse(v.data, name, sizeof name, back), 0);
	assert_string_equal(name, "shequ.local/c/heping");
	assert_memory_equal(back, pk, 32);
	/* The 8 hex digits must match the key. */
	char *plus = strchr(v.data, '+');
	plus[1] = plus[1] == '0' ? '1' : '0';
	assert_int_equal(tlog_vkey_parse(v.data, name, sizeof name, back), -1);
	assert_int_equal(tlog_vkey_parse("nokey", name, sizeof name, back), -1);
	buf_free(&v);
}

/* Tile paths parse exactly as C2SP tlog-tiles writes them, and nothing
 * crafted gets through: the path that once read 8 KiB of process memory
 * (index 36028797018963968, whose multiplication overflowed) is refused. */
static void tile_paths_parse_and_overflow_is_refused(void **state)
{
	(void)state;
	struct tlog_tile t;
	assert_int_equal(tlog_tile_parse("0/000", &t), 0);
	assert_int_equal(t.level, 0);
	assert_int_equal(t.index, 0);
	assert_int_equal(t.width, 256);
	assert_int_equal(tlog_tile_parse("1/x001/x234/067.p/8", &t), 0);
	assert_int_equal(t.level, 1);
	assert_true(t.index == 1234067);
	assert_int_equal(t.width, 8);
	assert_int_equal(tlog_tile_parse("3/255.p/255", &t), 0);
	const char *bad[] = {"", "0", "0/", "00/000", "4/000", "12/000", "-1/000", "0/00", "0/0000", "0/x000",
			     "0/x000/", "0/000/", "0/000.p/0", "0/000.p/256", "0/000.p/08", "0/000.p/", "0/000.q/1",
			     "0/000.p/1x", "0/x01/000", " 0/000", "0/000 ",
			     /* 8 groups: more than any 64-bit index */
			     "0/x001/x000/x000/x000/x000/x000/x000/000",
			     /* 7 groups but beyond 2^64 */
			     "0/x999/x999/x999/x999/x999/x999/999"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(tlog_tile_parse(bad[i], &t), -1);

	uint64_t start, span;
	/* The crafted path parses (it is a valid number) but covers no leaves. */
	assert_int_equal(tlog_tile_parse("0/x036/x028/x797/x018/x963/968", &t), 0);
	assert_int_equal(tlog_tile_span(&t, 30, &start, &span), -1);
	assert_int_equal(tlog_tile_span(&t, INT64_MAX, &start, &span), -1);
	for (int level = 0; level <= 3; level++) {
		t = (struct tlog_tile){level, 256, UINT64_MAX / 256};
		assert_int_equal(tlog_tile_span(&t, UINT64_MAX, &start, &span), -1);
	}
	/* A log of 300 leaves: full tile 0, partial tile 1 of width <= 44, no tile 2. */
	t = (struct tlog_tile){0, 256, 0};
	assert_int_equal(tlog_tile_span(&t, 300, &start, &span), 0);
	assert_true(start == 0 && span == 1);
	t = (struct tlog_tile){0, 44, 1};
	assert_int_equal(tlog_tile_span(&t, 300, &start, &span), 0);
	assert_true(start == 256 && span == 1);
	t.width = 45;
	assert_int_equal(tlog_tile_span(&t, 300, &start, &span), -1);
	t = (struct tlog_tile){0, 10, 0}; /* partial of a full tile */
	assert_int_equal(tlog_tile_span(&t, 300, &start, &span), -1);
	t = (struct tlog_tile){1, 1, 0}; /* level 1 needs 256 leaves per hash */
	assert_int_equal(tlog_tile_span(&t, 300, &start, &span), 0);
	assert_true(start == 0 && span == 256);
	t.width = 2;
	assert_int_equal(tlog_tile_span(&t, 300, &start, &span), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(roots_match_rfc6962_vectors),
	    cmocka_unit_test(inclusion_proofs_match_vectors),
	    cmocka_unit_test(consistency_proofs_match_vectors),
	    cmocka_unit_test(every_proof_verifies_and_tampering_fails),
	    cmocka_unit_test(compact_range_gives_the_same_roots),
	    cmocka_unit_test(checkpoint_is_signed_and_verified),
	    cmocka_unit_test(verifier_keys_round_trip),
	    cmocka_unit_test(tile_paths_parse_and_overflow_is_refused),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
