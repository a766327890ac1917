/* `shequ verify` from the database, the kernel's part: recompute every leaf
 * hash, every checkpoint's root and signature, the consistency of each
 * checkpoint with the one before and every cosignature; then hand each
 * record to the verifier its module registered for its type, which
 * compares it with the rows the module shows. */
#include <stdarg.h>
#include <sodium.h>
#include <string.h>

#include "auth/auth.h"
#include "org/org.h"
#include "tlog/tlog_store.h"

void tlog_problem(struct tlog_verify *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("  ✕ ", v->out);
	vfprintf(v->out, fmt, ap);
	fputc('\n', v->out);
	va_end(ap);
	v->rep.errors++;
}

/* 1 if the log has record leaf, which a row (what, id) points at; else reports it. */
static int in_log(struct tlog_verify *v, int64_t leaf, const char *what, int64_t id)
{
	if (leaf >= 0 && leaf < v->n)
		return 1;
	tlog_problem(v, "%s %lld points at record %lld, which the log does not have", what, (long long)id,
	             (long long)leaf);
	return 0;
}

void tlog_verify_same(struct tlog_verify *v, int64_t leaf, const char *what, int64_t id, const char *record)
{
	if (in_log(v, leaf, what, id) && (!record || strcmp(record, v->leaves[leaf].data)))
		tlog_problem(
		    v,
		    "%s %lld differs from public record %lld: the database row was changed after publication",
		    what, (long long)id, (long long)leaf);
}

int tlog_verify_points(struct tlog_verify *v, int64_t leaf, const char *what, int64_t id, const char *type,
                       const char *key)
{
	if (!in_log(v, leaf, what, id))
		return 0;
	const char *t;
	json_t *rec = tlog_record_parse(v->leaves[leaf].data, &t);
	int ok = rec && !strcmp(t, type) &&
	         (!key || (json_is_integer(json_object_get(rec, key)) &&
	                   json_integer_value(json_object_get(rec, key)) == id));
	json_decref(rec);
	if (!ok)
		tlog_problem(v, "%s %lld points at record %lld, which is not its record (%s)", what,
		             (long long)id, (long long)leaf, type);
	return ok;
}

/* Cosignature lines of the checkpoint, verified against the supervisors' keys. */
static void check_cosignatures(struct tlog_verify *v, const struct tlog_checkpoint *cp)
{
	struct buf lines;
	buf_init(&lines, 1 << 16);
	if (tlog_store_cosig_lines(v->db, v->c->id, cp->size, &lines) < 0 || !lines.len) {
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
	if (auth_users_with_role(v->db, v->a, v->c->id, ROLE_SUPERVISOR, &m, &nm) == 0) {
		for (size_t i = 0; i < nm; i++) {
			struct tlog_witness w;
			uint64_t t;
			if (tlog_store_witness_get(v->db, v->a, v->c->id, m[i].id, &w) == 0 &&
			    tlog_cosign_verify(note.data, note.len, w.name, w.pk, &t) == 1)
				verified++;
		}
	}
	v->rep.cosignatures += verified;
	if (verified < lines_n)
		tlog_problem(v, "checkpoint %lld: %d of %d cosignatures do not verify", (long long)cp->size,
		             lines_n - verified, lines_n);
	buf_free(&note);
	buf_free(&lines);
}

/* Every leaf hash against its record text; fills hashes. */
static void check_leaves(struct tlog_verify *v, unsigned char (*hashes)[TLOG_HASH])
{
	for (int64_t i = 0; i < v->n; i++) {
		if (v->leaves[i].idx != i)
			tlog_problem(v, "record %lld is missing (found %lld in its place)", (long long)i,
			             (long long)v->leaves[i].idx);
		tlog_leaf_hash(v->leaves[i].data, strlen(v->leaves[i].data), hashes[i]);
		char hex[65];
		sodium_bin2hex(hex, sizeof hex, hashes[i], TLOG_HASH);
		if (strcmp(hex, v->leaves[i].hash))
			tlog_problem(v, "record %lld: its text does not hash to the stored leaf hash %.16s…",
			             (long long)i, v->leaves[i].hash);
		if (v->n >= 10000 && i % 10000 == 0)
			fprintf(v->out, "  … %lld/%lld records\n", (long long)i, (long long)v->n);
	}
}

/* Every stored checkpoint: its root from the records, its signed note, its
 * consistency with the checkpoint before it, its cosignatures. */
static void check_checkpoints(struct tlog_verify *v, const unsigned char (*H)[TLOG_HASH],
                              const struct tlog_checkpoint *cps, int64_t ncp, const char *origin,
                              const unsigned char pk[32])
{
	unsigned char prev_root[TLOG_HASH];
	int64_t prev = 0;
	for (int64_t k = 0; k < ncp; k++) {
		const struct tlog_checkpoint *cp = &cps[k];
		v->rep.checkpoints++;
		if (cp->size > v->n) {
			tlog_problem(v, "checkpoint %lld is larger than the log (%lld records)",
			             (long long)cp->size, (long long)v->n);
			continue;
		}
		unsigned char root[TLOG_HASH], stored[TLOG_HASH], noted[TLOG_HASH];
		tlog_root(H, (uint64_t)cp->size, root);
		char org[256];
		uint64_t size;
		if (sodium_hex2bin(stored, TLOG_HASH, cp->root, 64, NULL, NULL, NULL) != 0 ||
		    sodium_memcmp(root, stored, TLOG_HASH))
			tlog_problem(
			    v, "checkpoint %lld: the records give root %02x%02x…, the stored root differs",
			    (long long)cp->size, root[0], root[1]);
		if (tlog_checkpoint_parse(cp->note, strlen(cp->note), org, sizeof org, &size, noted) < 0 ||
		    strcmp(org, origin) || size != (uint64_t)cp->size ||
		    sodium_memcmp(noted, root, TLOG_HASH))
			tlog_problem(
			    v, "checkpoint %lld: the signed note does not say this origin, size and root",
			    (long long)cp->size);
		if (tlog_note_verify(cp->note, strlen(cp->note), origin, pk) != 1)
			tlog_problem(
			    v, "checkpoint %lld: the signature does not verify with the deployment's key",
			    (long long)cp->size);
		if (prev) {
			unsigned char proof[TLOG_MAX_PROOF][TLOG_HASH];
			int len = tlog_consistency_proof(H, (uint64_t)prev, (uint64_t)cp->size, proof);
			if (!tlog_verify_consistency((uint64_t)prev, (uint64_t)cp->size,
			                             (const unsigned char(*)[TLOG_HASH])proof, len, prev_root,
			                             stored))
				tlog_problem(v, "checkpoint %lld is not consistent with checkpoint %lld",
				             (long long)cp->size, (long long)prev);
		}
		memcpy(prev_root, stored, TLOG_HASH);
		prev = cp->size;
		check_cosignatures(v, cp);
	}
	if (ncp && cps[ncp - 1].size != v->n)
		tlog_problem(v, "the newest checkpoint covers %lld records, the log has %lld",
		             (long long)cps[ncp - 1].size, (long long)v->n);
}

/* The kind registered for type, or NULL. */
static const struct tlog_kind *kind_of(const struct tlog_kind *const *lists, size_t nlists, const char *type)
{
	for (size_t i = 0; i < nlists; i++)
		for (const struct tlog_kind *k = lists[i]; k && k->type; k++)
			if (!strcmp(k->type, type))
				return k;
	return NULL;
}

/* Each record to its module's verifier; then each module's rows to the log. 0 or -1. */
static int check_records(struct tlog_verify *v, const struct tlog_kind *const *lists, size_t nlists)
{
	for (int64_t i = 0; i < v->n; i++) {
		const char *type;
		json_t *rec = tlog_record_parse(v->leaves[i].data, &type);
		const struct tlog_kind *k = rec ? kind_of(lists, nlists, type) : NULL;
		int rc = 0;
		if (!rec) {
			tlog_problem(v,
			             "record %lld is not a canonical record (one JSON object with a "
			             "\"type\", keys sorted)",
			             (long long)i);
		} else if (!k) {
			tlog_problem(v, "record %lld is of type \"%s\", which no module registers",
			             (long long)i, type);
		} else {
			v->rep.records++;
			rc = k->verify(v, i, rec);
		}
		json_decref(rec);
		if (rc < 0)
			return -1;
		if (v->n >= 10000 && i % 10000 == 0)
			fprintf(v->out, "  … %lld/%lld records checked against their rows\n", (long long)i,
			        (long long)v->n);
	}
	for (size_t i = 0; i < nlists; i++)
		for (const struct tlog_kind *k = lists[i]; k && k->type; k++)
			if (k->rows && k->rows(v) < 0)
				return -1;
	return 0;
}

int tlog_verify(struct db *db, struct arena *a, const struct community *c,
                const struct tlog_kind *const *lists, size_t nlists, FILE *out, struct tlog_report *rep)
{
	struct tlog_verify v = {.db = db, .a = a, .c = c, .out = out};
	struct tlog_leaf *leaves;
	struct tlog_checkpoint *cps;
	int64_t ncp;
	unsigned char sk[64], pk[32];
	memset(rep, 0, sizeof *rep);
	if (tlog_store_leaves(db, a, c->id, &leaves, &v.n) < 0 ||
	    tlog_store_checkpoints(db, a, c->id, &cps, &ncp) < 0 || tlog_store_signing_key(db, sk) < 0)
		return -1;
	memcpy(pk, sk + 32, 32);
	sodium_memzero(sk, sizeof sk);
	const char *origin = tlog_store_origin(db, a, c->slug);
	unsigned char(*hashes)[TLOG_HASH] = arena_alloc(a, (size_t)(v.n ? v.n : 1) * TLOG_HASH);
	if (!origin || !hashes)
		return -1;
	v.leaves = leaves;
	v.rep.leaves = v.n;
	check_leaves(&v, hashes);
	check_checkpoints(&v, (const unsigned char(*)[TLOG_HASH])hashes, cps, ncp, origin, pk);
	int rc = check_records(&v, lists, nlists);
	*rep = v.rep;
	return rc < 0 ? -1 : rep->errors ? 1 : 0;
}
