/* Random tokens and hashes (libsodium). */
#ifndef SHEQU_CORE_TOKEN_H
#define SHEQU_CORE_TOKEN_H
#include <stddef.h>

#define TOKEN_BYTES 32
/* base64url without padding of 32 bytes is 43 characters. */
#define TOKEN_TEXT 44

/* Fills out with a fresh 256-bit random token as base64url text (43 chars + NUL). */
void token_new(char out[TOKEN_TEXT]);
/* SHA-256 of s[0..n) as 64 lowercase hex digits + NUL. */
void token_sha256_hex(const char *s, size_t n, char out[65]);
/* HMAC-SHA-256 of msg under key (32 bytes), as base64url text (43 chars + NUL). */
void token_hmac(const unsigned char key[32], const char *msg, size_t n, char out[TOKEN_TEXT]);
/* 1 if the two NUL-terminated strings are equal, in time independent of where they differ. */
int token_equal(const char *a, const char *b);

#endif
