/* Personal fields encrypted at rest: libsodium secretbox under a key kept in
 * a file beside the database (never in it), a keyed blind index for exact
 * lookups, and the key file itself. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pii/pii.h"

#define SEAL_VERSION 1
#define KDF_CONTEXT "shequpii" /* crypto_kdf contexts are 8 bytes */

static const char key_comment[] =
    "# shequ personal-data key (个人信息密钥), made by `shequ init`.\n"
    "# Back it up apart from the database: without it the personal fields cannot be read.\n";

void pii_key_derive(struct pii_key *k, const unsigned char master[PII_KEY_BYTES])
{
	crypto_kdf_derive_from_key(k->box, sizeof k->box, 1, KDF_CONTEXT, master);
	crypto_kdf_derive_from_key(k->index, sizeof k->index, 2, KDF_CONTEXT, master);
	crypto_kdf_derive_from_key(k->check, sizeof k->check, 3, KDF_CONTEXT, master);
}

void pii_key_check(const struct pii_key *k, unsigned char out[PII_CHECK_BYTES])
{
	static const char what[] = "shequ personal-data key check";
	crypto_generichash(out, PII_CHECK_BYTES, (const unsigned char *)what, sizeof what - 1, k->check,
	                   sizeof k->check);
}

int pii_key_file_create(const char *path, char *err, size_t errlen)
{
	unsigned char master[PII_KEY_BYTES];
	char hex[2 * PII_KEY_BYTES + 1], text[sizeof key_comment + sizeof hex + 1];
	randombytes_buf(master, sizeof master);
	sodium_bin2hex(hex, sizeof hex, master, sizeof master);
	sodium_memzero(master, sizeof master);
	int len = snprintf(text, sizeof text, "%s%s\n", key_comment, hex);
	sodium_memzero(hex, sizeof hex);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create key file %s: %s", path, strerror(errno));
		sodium_memzero(text, sizeof text);
		return -1;
	}
	int ok = fchmod(fd, 0600) == 0 && write(fd, text, (size_t)len) == len && fsync(fd) == 0;
	sodium_memzero(text, sizeof text);
	if (close(fd) != 0 || !ok) {
		snprintf(err, errlen, "cannot write key file %s: %s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

int pii_key_file_read(const char *path, struct pii_key *k, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		snprintf(err, errlen, "cannot read key file %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (st.st_mode & 077)) {
		snprintf(err, errlen,
		         "key file %s must be a regular file that only its owner can read (chmod 600 %s)",
		         path, path);
		close(fd);
		return -1;
	}
	char text[1024];
	ssize_t n = read(fd, text, sizeof text - 1);
	close(fd);
	if (n < 0) {
		snprintf(err, errlen, "cannot read key file %s: %s", path, strerror(errno));
		return -1;
	}
	text[n] = 0;
	unsigned char master[PII_KEY_BYTES];
	int found = 0;
	for (char *line = text, *next; line && *line && !found; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		size_t len = strcspn(line, " \t\r");
		if (*line == '#' || !len)
			continue;
		size_t got = 0;
		found = len == 2 * PII_KEY_BYTES && line[len + strspn(line + len, " \t\r")] == 0 &&
		                sodium_hex2bin(master, sizeof master, line, len, NULL, &got, NULL) == 0 &&
		                got == PII_KEY_BYTES
		            ? 1
		            : -1;
	}
	sodium_memzero(text, sizeof text);
	if (found != 1) {
		snprintf(err, errlen, "key file %s does not hold a key (64 hex digits on a line)", path);
		return -1;
	}
	pii_key_derive(k, master);
	sodium_memzero(master, sizeof master);
	return 0;
}

int pii_key_file_copy(const char *from, const char *to, char *err, size_t errlen)
{
	struct pii_key k;
	if (pii_key_file_read(from, &k, err, errlen) < 0)
		return -1;
	sodium_memzero(&k, sizeof k);
	char text[1024];
	int in = open(from, O_RDONLY | O_CLOEXEC);
	ssize_t n = in >= 0 ? read(in, text, sizeof text) : -1;
	if (in >= 0)
		close(in);
	int out = n > 0 ? open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600) : -1;
	int ok = out >= 0 && fchmod(out, 0600) == 0 && write(out, text, (size_t)n) == n && fsync(out) == 0;
	sodium_memzero(text, sizeof text);
	if (out >= 0 && close(out) != 0)
		ok = 0;
	if (!ok) {
		snprintf(err, errlen, "cannot copy key file %s to %s: %s", from, to, strerror(errno));
		if (out >= 0)
			unlink(to);
		return -1;
	}
	return 0;
}

static struct pii_key installed;
static int have_key;

void pii_key_install(const struct pii_key *k)
{
	if (k)
		installed = *k;
	else
		sodium_memzero(&installed, sizeof installed);
	have_key = k != NULL;
}

const struct pii_key *pii_key_current(void)
{
	return have_key ? &installed : NULL;
}

/* Nonces come from a per-thread buffer of random bytes refilled 170
 * nonces at a time: one getrandom call for many seals (an import of a
 * million residents seals four million fields). A forked child starts a
 * new generation and so refills before its first seal, so that no two
 * processes hand out the same bytes; bytes handed out are wiped. */
static unsigned fork_generation = 1;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

static void forked(void)
{
	__atomic_add_fetch(&fork_generation, 1, __ATOMIC_RELAXED);
}

static void atfork_register(void)
{
	pthread_atfork(NULL, NULL, forked);
}

static void nonce(unsigned char out[crypto_secretbox_NONCEBYTES])
{
	static __thread unsigned char pool[170 * crypto_secretbox_NONCEBYTES];
	static __thread size_t left;
	static __thread unsigned generation;
	pthread_once(&atfork_once, atfork_register);
	unsigned g = __atomic_load_n(&fork_generation, __ATOMIC_RELAXED);
	if (left < crypto_secretbox_NONCEBYTES || generation != g) {
		randombytes_buf(pool, sizeof pool);
		left = sizeof pool;
		generation = g;
	}
	unsigned char *p = pool + sizeof pool - left;
	memcpy(out, p, crypto_secretbox_NONCEBYTES);
	sodium_memzero(p, crypto_secretbox_NONCEBYTES);
	left -= crypto_secretbox_NONCEBYTES;
}

void pii_seal(const struct pii_key *k, const void *m, size_t n, unsigned char *out)
{
	out[0] = SEAL_VERSION;
	nonce(out + 1);
	crypto_secretbox_easy(out + 1 + crypto_secretbox_NONCEBYTES, m, n, out + 1, k->box);
}

int pii_open(const struct pii_key *k, const unsigned char *c, size_t n, unsigned char *out)
{
	if (n < PII_SEAL_OVERHEAD || c[0] != SEAL_VERSION)
		return -1;
	return crypto_secretbox_open_easy(out, c + 1 + crypto_secretbox_NONCEBYTES,
	                                  n - 1 - crypto_secretbox_NONCEBYTES, c + 1, k->box) == 0
	           ? 0
	           : -1;
}

unsigned char *pii_seal_text(struct arena *a, const struct pii_key *k, const char *s, size_t *len)
{
	size_t n = strlen(s);
	unsigned char *out = k ? arena_alloc(a, n + PII_SEAL_OVERHEAD) : NULL;
	if (!out)
		return NULL;
	pii_seal(k, s, n, out);
	*len = n + PII_SEAL_OVERHEAD;
	return out;
}

char *pii_open_text(struct arena *a, const struct pii_key *k, const void *c, size_t n)
{
	if (!k || !c || n < PII_SEAL_OVERHEAD)
		return NULL;
	char *out = arena_alloc(a, n - PII_SEAL_OVERHEAD + 1);
	if (!out || pii_open(k, c, n, (unsigned char *)out) < 0)
		return NULL;
	out[n - PII_SEAL_OVERHEAD] = 0;
	return memchr(out, 0, n - PII_SEAL_OVERHEAD) ? NULL : out;
}

void pii_blind_index(const struct pii_key *k, const char *field, const void *v, size_t n,
                     unsigned char out[PII_INDEX_BYTES])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, k->index, sizeof k->index, PII_INDEX_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)field, strlen(field) + 1);
	crypto_generichash_update(&st, v, n);
	crypto_generichash_final(&st, out, PII_INDEX_BYTES);
}
