/* The one place a password is checked: signing in, changing the password,
 * cosigning a checkpoint. Throttling is keyed on the account, whatever name
 * was typed for it (or on the owner's known device), and on the client
 * address. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/str.h"

int auth_check_password(struct db *db, struct arena *a, const struct auth_attempt *at, struct auth_user *u,
			int64_t *retry_at)
{
	char *hash = NULL, mobile[12];
	/* A mobile typed in groups ("138 0013 8000") names the same account. */
	const char *login = at->login ? at->login : "";
	if (!str_mobile_normalize(login, mobile))
		login = mobile;
	int found = at->user_id ? auth_user_by_id(db, a, at->user_id, u, &hash)
				: auth_user_by_login(db, a, login, u, &hash);
	if (found < 0)
		return -1;
	char *key;
	int own_device = found == 0 && at->device && at->device_user == u->id;
	if (found != 0) /* a name no account has: throttled alike, so the answers do not tell */
		key = arena_printf(a, "name:%s", login);
	else if (own_device) /* the owner's own browser */
		key = arena_printf(a, "dev:%s", at->device);
	else
		key = arena_printf(a, "acct:%lld", (long long)u->id);
	char *ipkey = arena_printf(a, "ip:%s", at->ip ? at->ip : "-");
	if (!key || !ipkey)
		return -1;

	/* The address is checked here and counted after the hash, so that
	 * right passwords never count against a shared address; attempts
	 * already hashing when it reaches its limit (a few: one per password
	 * worker) still finish. */
	/* The owner's known browser has its own count and is not held up by
	 * strangers' failures from a shared address (one NAT, one office). */
	int rc = own_device ? 0 : auth_throttle_locked(db, ipkey, at->now, retry_at);
	if (rc != 0)
		return rc < 0 ? -1 : AUTH_WAIT;
	rc = auth_throttle_attempt(db, key, at->now, at->delay, retry_at);
	if (rc != 0)
		return rc < 0 ? -1 : AUTH_WAIT;

	/* The attempt is counted; now spend the hash, a dummy one when there
	 * is no account, so that timing does not tell which accounts exist. */
	int ok = found == 0 ? auth_password_verify(hash, at->password ? at->password : "")
			    : (auth_password_verify_dummy(at->password ? at->password : ""), 0);
	if (ok)
		return auth_throttle_clear(db, key) < 0 ? -1 : AUTH_OK;
	return auth_throttle_fail(db, ipkey, AUTH_THROTTLE_IP_FAILS, at->now) < 0 ? -1 : AUTH_WRONG;
}
