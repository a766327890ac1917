/* Supervisors as witnesses: each cosigns the community's checkpoint with a
 * key of their own (C2SP tlog-cosignature), after the server shows the new
 * checkpoint is consistent with the last one they cosigned. The secret key
 * is sealed with a key derived from the supervisor's password, so the
 * server alone cannot cosign in their name. */
#include <sodium.h>
#include <string.h>

#include "db/secrets.h"
#include "auth/audit.h"
#include "auth/auth.h"
#include "http/fields.h"
#include "modules/disclosure/disclosure_routes.h"
#include "modules/disclosure/disclosure_web.h"
#include "org/org.h"
#include "web/layout.h"
#include "web/link.h"

#define SALT 16
#define NONCE crypto_secretbox_NONCEBYTES

static int derive(unsigned char key[32], const char *password, const unsigned char salt[SALT])
{
	_Static_assert(SALT == crypto_pwhash_SALTBYTES, "salt size");
	return crypto_pwhash(key, 32, password, strlen(password), salt, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			     crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
}

int disclosure_witness_seal(struct tlog_witness *w, const unsigned char sk[64], const char *password)
{
	_Static_assert(SALT + NONCE + 64 + crypto_secretbox_MACBYTES == sizeof w->sealed, "sealed size");
	unsigned char key[32];
	randombytes_buf(w->sealed, SALT + NONCE);
	if (derive(key, password, w->sealed) != 0)
		return -1;
	crypto_secretbox_easy(w->sealed + SALT + NONCE, sk, 64, w->sealed + SALT, key);
	sodium_memzero(key, sizeof key);
	memcpy(w->pk, sk + 32, 32);
	return 0;
}

int disclosure_witness_open(const struct tlog_witness *w, const char *password, unsigned char sk[64])
{
	unsigned char key[32];
	if (derive(key, password, w->sealed) != 0)
		return -1;
	int rc = crypto_secretbox_open_easy(sk, w->sealed + SALT + NONCE, 64 + crypto_secretbox_MACBYTES, w->sealed + SALT,
					    key);
	sodium_memzero(key, sizeof key);
	return rc == 0 && !memcmp(sk + 32, w->pk, 32) ? 0 : -1;
}

/* Checks the newest checkpoint against the witness's last cosigned one.
 * 0 consistent (or nothing to compare), 1 not, -1 error. */
static int check_consistent(struct db *db, struct arena *a, int64_t cid, int64_t last,
			    const struct tlog_head *h)
{
	if (last <= 0 || last == h->size)
		return 0;
	unsigned char old_root[TLOG_HASH];
	const char *note;
	if (tlog_store_checkpoint_get(db, a, cid, last, old_root, &note) != 0)
		return -1;
	unsigned char(*leaves)[TLOG_HASH], proof[TLOG_MAX_PROOF][TLOG_HASH];
	int64_t n;
	if (tlog_store_leaf_hashes(db, a, cid, h->size, &leaves, &n) < 0)
		return -1;
	const unsigned char(*L)[TLOG_HASH] = (const unsigned char(*)[TLOG_HASH])leaves;
	int len = tlog_consistency_proof(L, (uint64_t)last, (uint64_t)h->size, proof);
	return tlog_verify_consistency((uint64_t)last, (uint64_t)h->size, (const unsigned char(*)[TLOG_HASH])proof, len,
				       old_root, h->root)
		   ? 0
		   : 1;
}

int disclosure_cosign(struct db *db, struct arena *a, const struct community *c, int64_t user_id, const char *login,
		      const char *password, int64_t now, const char **why, int64_t *size)
{
	struct tlog_head h;
	int rc = tlog_store_head_get(db, a, c->id, &h);
	if (rc)
		return rc < 0 ? -1 : (*why = "本社区还没有公开记录可供联署。", 1);
	*size = h.size;
	struct tlog_witness w;
	unsigned char sk[64];
	rc = tlog_store_witness_get(db, a, c->id, user_id, &w);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		unsigned char pk[32];
		crypto_sign_keypair(pk, sk);
		char *origin;
		if (setting_get(db, a, SETTING_LOG_ORIGIN, &origin) < 0)
			return -1;
		w.name = arena_printf(a, "witness.%s/%s/%s", origin ? origin : DEFAULT_LOG_ORIGIN, c->slug, login);
		if (!w.name || disclosure_witness_seal(&w, sk, password) < 0 ||
		    tlog_store_witness_put(db, c->id, user_id, &w, now) < 0)
			return -1;
	} else if (disclosure_witness_open(&w, password, sk) < 0) {
		*why = "密码不正确,无法使用您的见证密钥。";
		return 1;
	}
	int64_t last = tlog_store_cosig_last_size(db, c->id, user_id);
	if (last < 0) {
		sodium_memzero(sk, sizeof sk);
		return -1;
	}
	if (last == h.size) {
		sodium_memzero(sk, sizeof sk);
		*why = "您已联署过当前检查点。";
		return 1;
	}
	rc = check_consistent(db, a, c->id, last, &h);
	if (rc != 0) {
		sodium_memzero(sk, sizeof sk);
		if (rc < 0)
			return -1;
		*why = "当前检查点与您上次联署的不一致:公开记录可能被改动过。已拒绝联署,请报告街道。";
		return 1;
	}
	long body = tlog_note_body_len(h.note, strlen(h.note));
	struct buf line;
	buf_init(&line, 4096);
	if (body > 0)
		tlog_cosign_line(&line, h.note, (size_t)body, w.name, sk, (uint64_t)now);
	sodium_memzero(sk, sizeof sk);
	rc = body > 0 && !line.err ? tlog_store_cosig_add(db, c->id, h.size, user_id, line.data, now) : -1;
	buf_free(&line);
	return rc == 0 ? 0 : -1;
}

int disclosure_password_changed(struct db *db, int64_t user_id, const char *old_pw, const char *new_pw)
{
	if (!old_pw)
		return tlog_store_witness_forget_user(db, user_id);
	struct arena a;
	arena_init(&a, 1 << 20);
	int64_t *cids;
	struct tlog_witness *w;
	size_t n;
	int rc = tlog_store_witness_list_user(db, &a, user_id, &cids, &w, &n);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		unsigned char sk[64];
		if (disclosure_witness_open(&w[i], old_pw, sk) < 0) {
			rc = -1;
			break;
		}
		rc = disclosure_witness_seal(&w[i], sk, new_pw);
		sodium_memzero(sk, sizeof sk);
		if (rc == 0)
			rc = tlog_store_witness_put(db, cids[i], user_id, &w[i], 0);
	}
	arena_free(&a);
	return rc;
}

/* The page: the current checkpoint, what the witness last cosigned, and
 * whether the two are consistent. */
static void cosign_view(struct req *r, const struct tlog_head *h, int has, int64_t last, int consistent,
			const char *err, const char *notice, const char *vkey)
{
	struct buf *b = r->out;
	page_begin(r, "核对并联署公开记录");
	H(b, "<section class=\"form\"><h1>核对并联署公开记录</h1><p>联署,就是您作为监督员确认:"
	     "您现在看到的公开记录,和您上次看到的一样,只是在后面添加了新内容,前面的没有被改动。</p>");
	if (notice)
		page_notice(r, notice);
	form_refusal(r, err);
	if (!has) {
		H(b, "<p>本社区还没有公开记录。</p></section>");
		page_end(r);
		return;
	}
	H(b, "<p class=\"lead\">");
	if (last <= 0) {
		H(b, "您还没有联署过。目前共 ");
		h_int(b, h->size);
		H(b, " 条记录。首次联署时,系统会为您生成一把“见证密钥”,用您的登录密码保护。");
	} else if (last == h->size) {
		H(b, "您已联署过当前的记录(共 ");
		h_int(b, h->size);
		H(b, " 条),没有新内容,无需再次联署。");
	} else if (consistent) {
		H(b, "✓ 核对一致:您上次联署时共 ");
		h_int(b, last);
		H(b, " 条记录,现在共 ");
		h_int(b, h->size);
		H(b, " 条。新增的都在后面,前面的内容没有任何改动。");
	} else {
		H(b, "✕ 不一致!您上次联署以后,前面的记录被改动过。请不要联署;保留本页截图,"
		     "立即向街道党务居务公开监督部门反映。");
	}
	H(b, "</p>");
	if (last != h->size) {
		form_begin(r, url_c(r->a, r->community->slug, "/log/cosign"));
		form_input(r, "password", "您的登录密码(用于打开见证密钥)", "password", NULL, NULL, 1, "current-password");
		form_submit(r, "核对并联署");
		form_end(r);
	}
	H(b, "<details><summary>技术细节(供技术人员核验)</summary><p>当前检查点(");
	h_int(b, h->size);
	H(b, " 条记录):</p><pre class=\"checkpoint\">");
	h_text(b, h->note);
	H(b, "</pre>");
	if (last > 0 && last != h->size) {
		H(b, "<p>与您上次联署的检查点(");
		h_int(b, last);
		H(b, " 条)之间的一致性证明:");
		h_text(b, consistent ? "✓ 通过" : "✕ 未通过");
		H(b, "</p>");
	}
	if (vkey) {
		H(b, "<p>您的见证公钥:</p><pre class=\"key\">");
		h_text(b, vkey);
		H(b, "</pre>");
	}
	H(b, "</details></section>");
	page_end(r);
}

/* Loads what the page shows; 0 or -1. */
static int cosign_load(struct req *r, struct tlog_head *h, int *has, int64_t *last, int *consistent,
		       const char **vkey)
{
	int rc = tlog_store_head_get(r->db, r->a, r->community->id, h);
	if (rc < 0)
		return -1;
	*has = rc == 0;
	*last = tlog_store_cosig_last_size(r->db, r->community->id, r->user->id);
	if (*last < 0)
		return -1;
	*consistent = *has ? check_consistent(r->db, r->a, r->community->id, *last, h) == 0 : 1;
	struct tlog_witness w;
	*vkey = NULL;
	if (tlog_store_witness_get(r->db, r->a, r->community->id, r->user->id, &w) == 0) {
		struct buf v;
		buf_init(&v, 1024);
		unsigned char raw[33] = {TLOG_SIG_COSIGN};
		memcpy(raw + 1, w.pk, 32);
		char b64[64];
		unsigned char id[4];
		tlog_key_id(w.name, TLOG_SIG_COSIGN, w.pk, id);
		sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
		buf_printf(&v, "%s+%02x%02x%02x%02x+%s", w.name, id[0], id[1], id[2], id[3], b64);
		*vkey = arena_strdup(r->a, v.data);
		buf_free(&v);
	}
	return 0;
}

enum http_result disclosure_h_cosign_page(struct req *r)
{
	struct tlog_head h;
	int has, consistent;
	int64_t last;
	const char *vkey;
	if (cosign_load(r, &h, &has, &last, &consistent, &vkey) < 0)
		return HR_ERROR;
	cosign_view(r, &h, has, last, consistent, NULL, kv_get(&r->q, "done") ? "已联署。" : NULL, vkey);
	return HR_OK;
}

enum http_result disclosure_h_cosign_submit(struct req *r)
{
	const char *pw = kv_get(&r->form, "password");
	struct auth_user u;
	const char *why = NULL;
	int64_t size = 0, retry = 0;
	enum http_result hr = HR_INVALID;
	struct auth_attempt at = {.user_id = r->user->id, .password = pw ? pw : "", .ip = r->ip, .now = r->now,
				  .delay = r->app->login_delay};
	at.device = req_device(r, &at.device_user);
	int v = auth_check_password(r->db, r->a, &at, &u, &retry);
	if (v < 0)
		return HR_ERROR;
	if (v == AUTH_WAIT) {
		why = arena_printf(r->a, "密码错误次数过多,为保护账号安全已暂停验证,请于 %s再试。", req_retry_after(r, retry));
		hr = HR_TOO_MANY;
	} else if (v == AUTH_WRONG) {
		why = "密码不正确。";
	} else {
		if (db_begin(r->db) < 0)
			return HR_ERROR;
		int rc = disclosure_cosign(r->db, r->a, r->community, r->user->id, u.username ? u.username : u.phone, pw,
					   r->now, &why, &size);
		if (rc < 0) {
			db_rollback(r->db);
			return HR_ERROR;
		}
		if (rc == 0) {
			struct audit_event ev = {.user_id = r->user->id, .actor = r->user->display_name,
						 .unit_id = r->community->id, .action = "disclosure.cosign",
						 .entity = "tlog_checkpoint", .entity_id = arena_printf(r->a, "%lld", (long long)size),
						 .ip = r->ip};
			if (audit_write(r->db, &ev, r->now) < 0 || db_commit(r->db) < 0) {
				db_rollback(r->db);
				return HR_ERROR;
			}
			return req_redirect(r, arena_printf(r->a, "/c/%s/log/cosign?done=1", r->community->slug));
		}
		db_rollback(r->db);
	}
	struct tlog_head h;
	int has, consistent;
	int64_t last;
	const char *vkey;
	if (cosign_load(r, &h, &has, &last, &consistent, &vkey) < 0)
		return HR_ERROR;
	cosign_view(r, &h, has, last, consistent, why, NULL, vkey);
	r->body_written = 1;
	return hr;
}
