/* C2SP tlog-checkpoint, signed-note and tlog-cosignature (Ed25519). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tlog/tlog.h"

#define EM_DASH "\xE2\x80\x94"

void tlog_checkpoint_body(struct buf *out, const char *origin, uint64_t size, const unsigned char root[TLOG_HASH])
{
	char b64[sodium_base64_ENCODED_LEN(TLOG_HASH, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(b64, sizeof b64, root, TLOG_HASH, sodium_base64_VARIANT_ORIGINAL);
	buf_printf(out, "%s\n%llu\n%s\n", origin, (unsigned long long)size, b64);
}

int tlog_checkpoint_parse(const char *text, size_t n, char *origin, size_t cap, uint64_t *size,
			  unsigned char root[TLOG_HASH])
{
	const char *end = text + n, *p = text;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl || nl == p || (size_t)(nl - p) >= cap)
		return -1;
	memcpy(origin, p, (size_t)(nl - p));
	origin[nl - p] = 0;
	p = nl + 1;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl || nl == p || nl - p > 20 || (p[0] == '0' && nl - p > 1))
		return -1;
	uint64_t v = 0;
	for (const char *q = p; q < nl; q++) {
		if (*q < '0' || *q > '9')
			return -1;
		v = v * 10 + (uint64_t)(*q - '0');
	}
	*size = v;
	p = nl + 1;
	nl = memchr(p, '\n', (size_t)(end - p));
	size_t got = 0;
	if (!nl || sodium_base642bin(root, TLOG_HASH, p, (size_t)(nl - p), NULL, &got, NULL,
				     sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != TLOG_HASH)
		return -1;
	return 0;
}

void tlog_key_id(const char *name, unsigned char type, const unsigned char pk[32], unsigned char id[4])
{
	crypto_hash_sha256_state st;
	unsigned char h[32];
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)name, strlen(name));
	crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
	crypto_hash_sha256_update(&st, &type, 1);
	crypto_hash_sha256_update(&st, pk, 32);
	crypto_hash_sha256_final(&st, h);
	memcpy(id, h, 4);
}

void tlog_vkey(struct buf *out, const char *name, const unsigned char pk[32])
{
	unsigned char id[4], raw[33];
	tlog_key_id(name, TLOG_SIG_ED25519, pk, id);
	raw[0] = TLOG_SIG_ED25519;
	memcpy(raw + 1, pk, 32);
	char b64[sodium_base64_ENCODED_LEN(33, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
	buf_printf(out, "%s+%02x%02x%02x%02x+%s", name, id[0], id[1], id[2], id[3], b64);
}

int tlog_vkey_parse(const char *vkey, char *name, size_t cap, unsigned char pk[32])
{
	const char *plus1 = strchr(vkey, '+');
	const char *plus2 = plus1 ? strchr(plus1 + 1, '+') : NULL;
	if (!plus1 || !plus2 || plus1 == vkey || (size_t)(plus1 - vkey) >= cap || plus2 - plus1 != 9)
		return -1;
	memcpy(name, vkey, (size_t)(plus1 - vkey));
	name[plus1 - vkey] = 0;
	unsigned char raw[33], id[4], want[4];
	size_t got = 0;
	if (sodium_base642bin(raw, sizeof raw, plus2 + 1, strlen(plus2 + 1), NULL, &got, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != 33 || raw[0] != TLOG_SIG_ED25519)
		return -1;
	memcpy(pk, raw + 1, 32);
	if (sodium_hex2bin(id, 4, plus1 + 1, 8, NULL, &got, NULL) != 0 || got != 4)
		return -1;
	tlog_key_id(name, TLOG_SIG_ED25519, pk, want);
	return memcmp(id, want, 4) == 0 ? 0 : -1;
}

/* Appends "— name base64(payload)\n". */
static void sig_line(struct buf *out, const char *name, const unsigned char *payload, size_t n)
{
	char b64[sodium_base64_ENCODED_LEN(4 + 8 + 64, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(b64, sizeof b64, payload, n, sodium_base64_VARIANT_ORIGINAL);
	buf_printf(out, EM_DASH " %s %s\n", name, b64);
}

void tlog_sign_line(struct buf *out, const char *body, size_t n, const char *name, const unsigned char sk[64])
{
	unsigned char payload[4 + 64];
	tlog_key_id(name, TLOG_SIG_ED25519, sk + 32, payload);
	crypto_sign_detached(payload + 4, NULL, (const unsigned char *)body, n, sk);
	sig_line(out, name, payload, sizeof payload);
}

/* The cosigned message: "cosignature/v1\ntime <t>\n" || body. */
static void cosign_message(struct buf *msg, const char *body, size_t n, uint64_t t)
{
	buf_printf(msg, "cosignature/v1\ntime %llu\n", (unsigned long long)t);
	buf_append(msg, body, n);
}

void tlog_cosign_line(struct buf *out, const char *body, size_t n, const char *name, const unsigned char sk[64],
		      uint64_t t)
{
	unsigned char payload[4 + 8 + 64];
	tlog_key_id(name, TLOG_SIG_COSIGN, sk + 32, payload);
	for (int i = 0; i < 8; i++)
		payload[4 + i] = (unsigned char)(t >> (56 - 8 * i));
	struct buf msg;
	buf_init(&msg, 1 << 16);
	cosign_message(&msg, body, n, t);
	crypto_sign_detached(payload + 12, NULL, (const unsigned char *)msg.data, msg.len, sk);
	buf_free(&msg);
	sig_line(out, name, payload, sizeof payload);
}

long tlog_note_body_len(const char *note, size_t n)
{
	/* The body ends at the last "\n\n" before the signature lines. */
	for (size_t i = n; i >= 2; i--) {
		if (note[i - 1] == '\n' && note[i - 2] == '\n') {
			const char *sigs = note + i;
			if ((size_t)(note + n - sigs) < 4 || memcmp(sigs, EM_DASH " ", 4))
				continue;
			return (long)(i - 1);
		}
	}
	return -1;
}

/* Finds signature lines by name whose payload starts with key ID id and
 * is len bytes; calls check on each. Returns 1 if any check passes, 0 if
 * none, -1 if the note is malformed. */
static int each_signature(const char *note, size_t n, const char *name, const unsigned char id[4], size_t len,
			  int (*check)(const unsigned char *payload, const char *body, size_t bn, const void *ctx),
			  const void *ctx)
{
	long bn = tlog_note_body_len(note, n);
	if (bn < 0)
		return -1;
	const char *p = note + bn + 1, *end = note + n;
	size_t name_len = strlen(name);
	int ok = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || nl - p < 4 || memcmp(p, EM_DASH " ", 4))
			return -1;
		const char *nm = p + 4;
		if ((size_t)(nl - nm) > name_len + 1 && !memcmp(nm, name, name_len) && nm[name_len] == ' ') {
			unsigned char payload[128];
			size_t got = 0;
			const char *b64 = nm + name_len + 1;
			if (sodium_base642bin(payload, sizeof payload, b64, (size_t)(nl - b64), NULL, &got, NULL,
					      sodium_base64_VARIANT_ORIGINAL) == 0 &&
			    got == len && !memcmp(payload, id, 4) && check(payload, note, (size_t)bn, ctx))
				ok = 1;
		}
		p = nl + 1;
	}
	return ok;
}

static int check_sig(const unsigned char *payload, const char *body, size_t bn, const void *ctx)
{
	return crypto_sign_verify_detached(payload + 4, (const unsigned char *)body, bn, ctx) == 0;
}

int tlog_note_verify(const char *note, size_t n, const char *name, const unsigned char pk[32])
{
	unsigned char id[4];
	tlog_key_id(name, TLOG_SIG_ED25519, pk, id);
	return each_signature(note, n, name, id, 4 + 64, check_sig, pk);
}

struct cosign_ctx {
	const unsigned char *pk;
	uint64_t *t;
};

static int check_cosig(const unsigned char *payload, const char *body, size_t bn, const void *ctx)
{
	const struct cosign_ctx *c = ctx;
	uint64_t t = 0;
	for (int i = 0; i < 8; i++)
		t = (t << 8) | payload[4 + i];
	struct buf msg;
	buf_init(&msg, 1 << 16);
	cosign_message(&msg, body, bn, t);
	int ok = !msg.err && crypto_sign_verify_detached(payload + 12, (const unsigned char *)msg.data, msg.len, c->pk) == 0;
	buf_free(&msg);
	if (ok)
		*c->t = t;
	return ok;
}

int tlog_cosign_verify(const char *note, size_t n, const char *name, const unsigned char pk[32], uint64_t *t)
{
	unsigned char id[4];
	uint64_t dummy;
	struct cosign_ctx c = {pk, t ? t : &dummy};
	tlog_key_id(name, TLOG_SIG_COSIGN, pk, id);
	return each_signature(note, n, name, id, 4 + 8 + 64, check_cosig, &c);
}
