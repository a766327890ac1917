/* Argon2id hashes and what makes a new password acceptable. */
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/auth.h"
#include "core/str.h"

/* tools/common_passwords.py, generated at build time. */
extern const char *const auth_common_passwords[];
extern const size_t auth_common_passwords_n;

static atomic_long hashes;

long auth_password_hashes(void)
{
	return atomic_load(&hashes);
}

int auth_password_hash(const char *pw, char out[128])
{
	_Static_assert(crypto_pwhash_STRBYTES == 128, "hash buffer size");
	atomic_fetch_add(&hashes, 1);
	return crypto_pwhash_str_alg(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				     crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) == 0
		   ? 0
		   : -1;
}

int auth_password_verify(const char *hash, const char *pw)
{
	if (!hash || !pw || strncmp(hash, "$argon2id$", 10))
		return 0;
	atomic_fetch_add(&hashes, 1);
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_init(void)
{
	char pw[TOKEN_TEXT];
	token_new(pw);
	if (crypto_pwhash_str_alg(dummy_hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		dummy_hash[0] = 0;
}

int auth_password_verify_dummy(const char *pw)
{
	pthread_once(&dummy_once, dummy_init);
	auth_password_verify(dummy_hash, pw);
	return 0;
}

static int cmp_entry(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* 1 if pw, lower-cased and with trailing punctuation dropped, is on the
 * list of common passwords. */
static int is_common(const char *pw, size_t n)
{
	char low[AUTH_PASSWORD_MAX * 4 + 1];
	if (n >= sizeof low)
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = pw[i] >= 'A' && pw[i] <= 'Z' ? (char)(pw[i] - 'A' + 'a') : pw[i];
	low[n] = 0;
	if (bsearch(low, auth_common_passwords, auth_common_passwords_n, sizeof *auth_common_passwords, cmp_entry))
		return 1;
	while (n > 0 && strchr("!@#$%^&*.?~_-+=", low[n - 1]))
		low[--n] = 0;
	return bsearch(low, auth_common_passwords, auth_common_passwords_n, sizeof *auth_common_passwords,
		       cmp_entry) != NULL;
}

/* Number of different code points in well-formed UTF-8 text, counted up to 8. */
static int distinct_chars(const char *s, size_t n)
{
	const char *seen[8];
	size_t seen_len[8];
	int k = 0;
	for (size_t i = 0; i < n && k < 8;) {
		size_t len = 1;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0xF0)
			len = 4;
		else if (c >= 0xE0)
			len = 3;
		else if (c >= 0xC0)
			len = 2;
		int dup = 0;
		for (int j = 0; j < k && !dup; j++)
			dup = seen_len[j] == len && !memcmp(seen[j], s + i, len);
		if (!dup) {
			seen[k] = s + i;
			seen_len[k++] = len;
		}
		i += len;
	}
	return k;
}

/* The letters and digits of s, lower-cased, with full-width forms folded
 * to ASCII and everything else (spaces, dashes, dots, other scripts)
 * dropped: "Zhang San-2026" and "ｚｈａｎｇｓａｎ２０２６" both give
 * "zhangsan2026". Writes at most cap - 1 bytes; returns the length. */
static size_t skeleton(const char *s, char *out, size_t cap)
{
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && k + 1 < cap;) {
		unsigned c = *p;
		size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		if (len == 3 && p[1] && p[2]) {
			unsigned cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
			c = cp >= 0xFF01 && cp <= 0xFF5E ? cp - 0xFEE0 : 0;
		} else if (len != 1) {
			c = 0;
		}
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[k++] = (char)c;
		for (size_t i = 0; i < len && *p; i++)
			p++;
	}
	out[k] = 0;
	return k;
}

/* 1 if s (n >= 2) repeats a shorter piece: "abcabcab", "abc123abc123". */
static int repeats(const char *s, size_t n)
{
	for (size_t unit = 1; unit <= n / 2; unit++) {
		size_t i = unit;
		while (i < n && s[i] == s[i - unit])
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

/* 1 if s is a run of neighbouring keys in order, up or down, digits
 * wrapping 9→0 ("12345678901", "9876543210", "abcdefghij"). */
static int is_sequence(const char *s, size_t n)
{
	if (n < 2)
		return 0;
	for (int dir = -1; dir <= 1; dir += 2) {
		size_t i = 1;
		for (; i < n; i++) {
			int a = s[i - 1], b = s[i];
			int digits = a >= '0' && a <= '9' && b >= '0' && b <= '9';
			int next = digits ? '0' + ((a - '0' + dir + 10) % 10) : a + dir;
			if (b != next)
				break;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

const char *auth_password_problem(const char *pw, const char *username, const char *phone)
{
	size_t n = pw ? strlen(pw) : 0;
	if (!utf8_valid(pw ? pw : "", n))
		return "密码含有无效字符";
	size_t chars = utf8_len(pw ? pw : "", n);
	if (chars < AUTH_PASSWORD_MIN)
		return "密码至少需要 10 个字符";
	if (chars > AUTH_PASSWORD_MAX)
		return "密码不能超过 128 个字符";
	/* Compared by letters and digits alone, so spaces, dashes and
	 * full-width forms do not hide the name or the phone. */
	char sk[AUTH_PASSWORD_MAX * 4 + 1], user_sk[128], phone_sk[64];
	size_t skn = skeleton(pw, sk, sizeof sk);
	if (username && *username && (strcasestr(pw, username) || (skeleton(username, user_sk, sizeof user_sk) >= 3 &&
								    strstr(sk, user_sk))))
		return "密码不能包含用户名";
	if (phone && *phone && (strstr(pw, phone) || (skeleton(phone, phone_sk, sizeof phone_sk) >= 7 &&
						      strstr(sk, phone_sk))))
		return "密码不能包含手机号";
	if (distinct_chars(pw, n) < 4)
		return "密码过于简单:只由很少几种字符重复组成";
	if (is_common(pw, n))
		return "这是常见密码,很容易被猜中,请换一个";
	char low[AUTH_PASSWORD_MAX * 4 + 1];
	size_t ln = 0;
	for (; pw[ln] && ln + 1 < sizeof low; ln++)
		low[ln] = pw[ln] >= 'A' && pw[ln] <= 'Z' ? (char)(pw[ln] - 'A' + 'a') : pw[ln];
	low[ln] = 0;
	if ((skn >= 2 && (repeats(sk, skn) || is_sequence(sk, skn)) && skn * 10 >= chars * 8) || repeats(low, ln))
		return "密码过于简单:由重复的片段或连续的数字、字母组成";
	return NULL;
}
