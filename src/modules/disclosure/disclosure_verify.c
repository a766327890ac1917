/* `shequ verify` from the database: recompute every leaf hash, every
 * checkpoint root and signature, the consistency of each checkpoint with
 * the one before, every cosignature, and compare each public record with
 * the rows the board is shown from. */
#include <sodium.h>
#include <string.h>

#include "modules/disclosure/disclosure.h"
#include "org/org.h"

#define PROBLEM(...)                                                                                       \
	do {                                                                                               \
		fprintf(out, "  ✕ " __VA_ARGS__);                                                          \
		fputc('\n', out);                                                                          \
		rep->errors++;                                                                             \
	} while (0)

/* Compares a re-derived record with the leaf it should be in. */
static void check_record(FILE *out, struct verify_report *rep, const struct log_leaf *leaves, int64_t n,
			 int64_t idx, const char *what, int64_t id, const char *record)
{
	rep->records++;
	if (idx < 0 || idx >= n) {
		PROBLEM("%s %lld points at record %lld, which the log does not have", what, (long long)id, (long long)idx);
		return;
	}
	if (!record || strcmp(record, leaves[idx].data))
		PROBLEM("%s %lld differs from public record %lld: the database row was changed after publication", what,
			(long long)id, (long long)idx);
}

/* Cosignature lines of the checkpoint, verified against the supervisors' keys. */
static void check_cosignatures(struct db *db, struct arena *a, const struct community *c, FILE *out,
			       struct verify_report *rep, const struct log_checkpoint *cp)
{
	struct buf lines;
	buf_init(&lines, 1 << 16);
	if (cosig_lines(db, c->id, cp->size, &lines) < 0 || !lines.len) {
		buf_free(&lines);
		return;
	}
	struct buf note;
	buf_init(&note, 1 << 16);
	buf_puts(&note, cp->note);
	buf_puts(&note, lines.data);
	/* Every witness of the community: each line must verify under one. */
	struct auth_member *m;
	size_t nm;
	int verified = 0, lines_n = 0;
	for (const char *p = lines.data; (p = strchr(p, '\n')); p++)
		lines_n++;
	if (auth_users_with_role(db, a, c->id, ROLE_SUPERVISOR, &m, &nm) == 0) {
		for (size_t i = 0; i < nm; i++) {
			struct witness w;
			uint64_t t;
			if (witness_get(db, a, c->id, m[i].id, &w) == 0 &&
			    tlog_cosign_verify(note.data, note.len, w.name, w.pk, &t) == 1)
				verified++;
		}
	}
	rep->cosignatures += verified;
	if (verified < lines_n)
		PROBLEM("checkpoint %lld: %d of %d cosignatures do not verify", (long long)cp->size, lines_n - verified,
			lines_n);
	buf_free(&note);
	buf_free(&lines);
}

int disclosure_verify(struct db *db, struct arena *a, const struct community *c, FILE *out, struct verify_report *rep)
{
	memset(rep, 0, sizeof *rep);
	struct log_leaf *leaves;
	struct log_checkpoint *cps;
	int64_t n, ncp;
	unsigned char sk[64];
	if (log_leaves(db, a, c->id, &leaves, &n) < 0 || log_checkpoints(db, a, c->id, &cps, &ncp) < 0 ||
	    log_signing_key(db, sk) < 0)
		return -1;
	unsigned char pk[32];
	memcpy(pk, sk + 32, 32);
	sodium_memzero(sk, sizeof sk);
	const char *origin = log_origin(db, a, c->slug);
	if (!origin)
		return -1;
	rep->leaves = n;
	unsigned char(*hashes)[TLOG_HASH] = arena_alloc(a, (size_t)(n ? n : 1) * TLOG_HASH);
	if (!hashes)
		return -1;
	for (int64_t i = 0; i < n; i++) {
		if (leaves[i].idx != i)
			PROBLEM("record %lld is missing (found %lld in its place)", (long long)i, (long long)leaves[i].idx);
		tlog_leaf_hash(leaves[i].data, strlen(leaves[i].data), hashes[i]);
		char hex[65];
		sodium_bin2hex(hex, sizeof hex, hashes[i], TLOG_HASH);
		if (strcmp(hex, leaves[i].hash))
			PROBLEM("record %lld: its text does not hash to the stored leaf hash %.16s…", (long long)i, leaves[i].hash);
		if (n >= 10000 && i % 10000 == 0)
			fprintf(out, "  … %lld/%lld records\n", (long long)i, (long long)n);
	}
	const unsigned char(*H)[TLOG_HASH] = (const unsigned char(*)[TLOG_HASH])hashes;
	unsigned char prev_root[TLOG_HASH];
	int64_t prev = 0;
	for (int64_t k = 0; k < ncp; k++) {
		const struct log_checkpoint *cp = &cps[k];
		rep->checkpoints++;
		if (cp->size > n) {
			PROBLEM("checkpoint %lld is larger than the log (%lld records)", (long long)cp->size, (long long)n);
			continue;
		}
		unsigned char root[TLOG_HASH], stored[TLOG_HASH], noted[TLOG_HASH];
		tlog_root(H, (uint64_t)cp->size, root);
		char org[256];
		uint64_t size;
		if (sodium_hex2bin(stored, TLOG_HASH, cp->root, 64, NULL, NULL, NULL) != 0 ||
		    sodium_memcmp(root, stored, TLOG_HASH))
			PROBLEM("checkpoint %lld: the records give root %02x%02x…, the stored root differs", (long long)cp->size,
				root[0], root[1]);
		if (tlog_checkpoint_parse(cp->note, strlen(cp->note), org, sizeof org, &size, noted) < 0 ||
		    strcmp(org, origin) || size != (uint64_t)cp->size || sodium_memcmp(noted, root, TLOG_HASH))
			PROBLEM("checkpoint %lld: the signed note does not say this origin, size and root", (long long)cp->size);
		if (tlog_note_verify(cp->note, strlen(cp->note), origin, pk) != 1)
			PROBLEM("checkpoint %lld: the signature does not verify with the deployment's key", (long long)cp->size);
		if (prev) {
			unsigned char proof[TLOG_MAX_PROOF][TLOG_HASH];
			int len = tlog_consistency_proof(H, (uint64_t)prev, (uint64_t)cp->size, proof);
			if (!tlog_verify_consistency((uint64_t)prev, (uint64_t)cp->size, (const unsigned char(*)[TLOG_HASH])proof,
						     len, prev_root, stored))
				PROBLEM("checkpoint %lld is not consistent with checkpoint %lld", (long long)cp->size,
					(long long)prev);
		}
		memcpy(prev_root, stored, TLOG_HASH);
		prev = cp->size;
		check_cosignatures(db, a, c, out, rep, cp);
	}
	if (ncp && cps[ncp - 1].size != n)
		PROBLEM("the newest checkpoint covers %lld records, the log has %lld", (long long)cps[ncp - 1].size,
			(long long)n);

	/* The rows the board shows must say what the public record says. */
	int64_t *ids;
	size_t nid;
	if (disclosure_published_ids(db, a, c->id, &ids, &nid) < 0)
		return -1;
	for (size_t i = 0; i < nid; i++) {
		struct disclosure_post p;
		if (disclosure_post_get(db, a, c->id, ids[i], &p) != 0)
			return -1;
		check_record(out, rep, leaves, n, p.leaf_index, "post", p.id, disclosure_post_record(db, a, c, &p));
		struct disclosure_attachment *att;
		size_t na;
		if (disclosure_attachments(db, a, c->id, p.id, &att, &na) < 0)
			return -1;
		for (size_t k = 0; k < na; k++) {
			const void *data;
			size_t len;
			unsigned char h[32];
			char hex[65];
			if (disclosure_file_get(db, a, c->id, att[k].sha256, &data, &len) != 0) {
				PROBLEM("post %lld: attachment %d is missing", (long long)p.id, att[k].seq);
				continue;
			}
			crypto_hash_sha256(h, data, len);
			sodium_bin2hex(hex, sizeof hex, h, sizeof h);
			if (strcmp(hex, att[k].sha256))
				PROBLEM("post %lld: attachment %d (%s) was changed: its bytes no longer hash to the published SHA-256",
					(long long)p.id, att[k].seq, att[k].name);
		}
		if (p.withdrawn_at) {
			struct record_ctx ctx = {c->slug, p.withdrawn_at};
			check_record(out, rep, leaves, n, p.withdraw_leaf, "withdrawal of post", p.id,
				     record_withdraw(a, &ctx, p.id, p.leaf_index, p.withdraw_reason, p.closes_objections));
		}
	}
	struct disclosure_thread *t;
	size_t nt;
	for (int kind = 0; kind < 2; kind++) {
		/* -1 lists opinions; objections come with their posts. */
		if (kind == 0) {
			for (size_t i = 0; i < nid; i++) {
				if (disclosure_threads(db, a, c->id, ids[i], &t, &nt) < 0)
					return -1;
				for (size_t k = 0; k < nt; k++) {
					if (!t[k].answered_at || t[k].kind != THREAD_OBJECTION)
						continue;
					struct record_ctx ctx = {c->slug, t[k].answered_at};
					check_record(out, rep, leaves, n, t[k].answer_leaf, "answer to objection", t[k].id,
						     record_answer(a, &ctx, "objection_answer", t[k].id, t[k].post_id,
								   t[k].body_masked, t[k].answer_masked));
				}
			}
		} else {
			if (disclosure_threads(db, a, c->id, -1, &t, &nt) < 0)
				return -1;
			for (size_t k = 0; k < nt; k++) {
				if (!t[k].answered_at)
					continue;
				struct record_ctx ctx = {c->slug, t[k].answered_at};
				check_record(out, rep, leaves, n, t[k].answer_leaf, "answer to opinion", t[k].id,
					     record_answer(a, &ctx, "opinion_answer", t[k].id, t[k].post_id, t[k].body_masked,
							   t[k].answer_masked));
			}
		}
	}
	/* Every change of the board's settings (the two-person rule, the review
	 * of objections) against its record. */
	struct disclosure_setting_change *sc;
	size_t nsc;
	if (disclosure_setting_changes(db, a, c->id, &sc, &nsc) < 0)
		return -1;
	for (size_t k = 0; k < nsc; k++) {
		struct record_ctx ctx = {c->slug, sc[k].changed_at};
		check_record(out, rep, leaves, n, sc[k].leaf_index, "setting change", sc[k].leaf_index,
			     record_setting(a, &ctx, &sc[k]));
	}
	return rep->errors ? 1 : 0;
}
