/* Deployment-wide values made by `shequ init` — secrets (keys) and settings
 * (the public base URL, the log origin) — kept in the database so that every
 * server process and command of a deployment shares them. */
#ifndef SHEQU_DB_SECRETS_H
#define SHEQU_DB_SECRETS_H
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

#define SECRET_CSRF "csrf_key"		 /* 32 bytes: HMAC key for CSRF tokens */
#define SECRET_SIGNING "signing_key"	 /* 64 bytes: Ed25519 secret key (libsodium form) */
#define SECRET_PII_CHECK "pii_key_check" /* 32 bytes: which key file seals the personal fields
					  * (pii_key_check); the key itself is never stored here */

/* Reads exactly n bytes of the named secret: 0, 1 if missing or of another size, -1 on error. */
int secret_get(struct db *db, const char *name, unsigned char *out, size_t n);
/* Stores a secret unless one of that name exists. 0, 1 if it existed, -1 on error. */
int secret_put_new(struct db *db, const char *name, const unsigned char *v, size_t n, int64_t now);

#define SETTING_PUBLIC_URL "public_url" /* e.g. https://shequ.example.cn, no final slash */
#define SETTING_LOG_ORIGIN "log_origin" /* e.g. shequ.example.cn: logs are <origin>/c/<slug> */
#define DEFAULT_LOG_ORIGIN "shequ.local"

/* A text setting copied into the arena: 0, 1 if unset (*out NULL), -1. */
int setting_get(struct db *db, struct arena *a, const char *name, char **out);
/* Stores a text setting, replacing any earlier value. 0 or -1. */
int setting_put(struct db *db, const char *name, const char *value, int64_t now);

#endif
