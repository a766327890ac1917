#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "auth/auth.h"
#include "core/str.h"

int auth_password_hash(const char *pw, char out[128])
{
	_Static_assert(crypto_pwhash_STRBYTES == 128, "hash buffer size");
	return crypto_pwhash_str_alg(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				     crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) == 0
		   ? 0
		   : -1;
}

int auth_password_verify(const char *hash, const char *pw)
{
	if (!hash || !pw || strncmp(hash, "$argon2id$", 10))
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_init(void)
{
	char pw[TOKEN_TEXT];
	token_new(pw);
	if (auth_password_hash(pw, dummy_hash) < 0)
		dummy_hash[0] = 0;
}

int auth_password_verify_dummy(const char *pw)
{
	pthread_once(&dummy_once, dummy_init);
	auth_password_verify(dummy_hash, pw);
	return 0;
}

const char *auth_password_problem(const char *pw)
{
	size_t n = pw ? strlen(pw) : 0;
	if (!utf8_valid(pw ? pw : "", n))
		return "密码含有无效字符";
	size_t chars = utf8_len(pw ? pw : "", n);
	if (chars < AUTH_PASSWORD_MIN)
		return "密码至少需要 8 个字符";
	if (chars > AUTH_PASSWORD_MAX)
		return "密码不能超过 128 个字符";
	return NULL;
}
