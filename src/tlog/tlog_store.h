/* The public log, a kernel service: each community's transparency log in
 * the database (RFC 6962 leaves, C2SP checkpoints signed with the
 * deployment's key, the supervisors' witness keys and cosignatures), which
 * every module appends its public records to, and the walk `shequ verify`
 * makes over it. SQL in tlog_store.c, canonical records in tlog_record.c,
 * the walk in tlog_verify.c; hashing, notes and tiles stay pure in tlog.h.
 * The tables are the core's (src/db/migrations/0003_public_log.sql). */
#ifndef SHEQU_TLOG_TLOG_STORE_H
#define SHEQU_TLOG_TLOG_STORE_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "tlog/tlog.h"

struct community;

/* ---- canonical records (tlog_record.c, pure) ----
 * A record is the text of one leaf, and the leaf hash is over its bytes, so
 * a record is written once and never changes. It is one JSON object:
 * - with a member "type", a non-empty string naming the kind of record
 *   ("publish", "withdrawal", "setting", …); each type is registered by the
 *   one module that writes it (struct tlog_kind) so that `shequ verify` can
 *   check it against the module's rows;
 * - serialised canonically, as tlog_record_canonical makes it: keys sorted
 *   by their bytes, no whitespace, UTF-8 unescaped (jansson's JSON_COMPACT |
 *   JSON_SORT_KEYS); numbers are integers;
 * - holding no personal data: masked projections only, roles and never
 *   names of staff, ids of the module's rows so that the rows can be found.
 * Records on logs made before the kernel service (disclosure's) are of this
 * form already, byte for byte. */

/* Serialises o canonically into the arena and releases o (o may be NULL).
 * The text, or NULL when o is NULL or memory runs out. */
char *tlog_record_canonical(struct arena *a, json_t *o);
/* Parses a record and checks that it is canonical and has a type: the
 * object (the caller releases it with json_decref) with *type pointing into
 * it, or NULL. */
json_t *tlog_record_parse(const char *record, const char **type);

/* ---- the store (tlog_store.c) ---- */

/* Appends a canonical record (refused otherwise) as the next leaf of the
 * community's log, then writes and signs the new checkpoint under the
 * origin tlog_store_origin gives for slug. Runs inside the caller's write
 * transaction: the first statement bumps the community's head row, which
 * locks it until commit (PostgreSQL row lock; SQLite's single writer), so
 * appends from several server processes queue up and never share a leaf
 * index. 0 with *leaf (the new leaf's index), or -1 (the caller rolls back). */
int tlog_store_append(struct db *db, struct arena *a, int64_t community_id, const char *slug,
                      const char *record, int64_t now, int64_t *leaf);

struct tlog_head {
	int64_t size;
	unsigned char root[TLOG_HASH];
	const char *note; /* the signed checkpoint */
	int64_t at;	  /* when it was signed (Unix seconds) */
};
/* The newest checkpoint: 0, 1 if the log is empty, -1. */
int tlog_store_head_get(struct db *db, struct arena *a, int64_t community_id, struct tlog_head *h);
/* Every leaf hash of the community's first n leaves (n < 0: all). 0 or -1. */
int tlog_store_leaf_hashes(struct db *db, struct arena *a, int64_t community_id, int64_t n,
                           unsigned char (**out)[TLOG_HASH], int64_t *count);
/* One leaf's record text and hash (hex): 0, 1 if none, -1. */
int tlog_store_leaf_get(struct db *db, struct arena *a, int64_t community_id, int64_t index,
                        const char **data, const char **hash_hex);
/* A stored checkpoint: 0 with root and note, 1 if none, -1. */
int tlog_store_checkpoint_get(struct db *db, struct arena *a, int64_t community_id, int64_t size,
                              unsigned char root[TLOG_HASH], const char **note);
/* The origin line (and signing key name) of a community's log:
 * "<deployment's log origin>/c/<slug>" (set at `shequ init`). NULL on error. */
char *tlog_store_origin(struct db *db, struct arena *a, const char *slug);
/* The deployment's signing key (libsodium 64-byte form). 0 or -1. */
int tlog_store_signing_key(struct db *db, unsigned char sk[64]);

struct tlog_leaf {
	int64_t idx;
	const char *data, *hash;
};
/* Every leaf of a community in order. 0 or -1. */
int tlog_store_leaves(struct db *db, struct arena *a, int64_t community_id, struct tlog_leaf **out,
                      int64_t *n);
struct tlog_checkpoint {
	int64_t size;
	const char *root, *note;
};
/* Every stored checkpoint of a community, by size. 0 or -1. */
int tlog_store_checkpoints(struct db *db, struct arena *a, int64_t community_id, struct tlog_checkpoint **out,
                           int64_t *n);

/* Witnesses: supervisors cosign the whole log of their community, each with
 * a key of their own, sealed under their password. */
struct tlog_witness {
	const char *name;
	unsigned char pk[32];
	unsigned char sealed[120]; /* salt 16 || nonce 24 || secretbox(secret key 64) */
};
/* The witness key of a supervisor: 0, 1 if none, -1. */
int tlog_store_witness_get(struct db *db, struct arena *a, int64_t community_id, int64_t user_id,
                           struct tlog_witness *w);
/* Stores (or replaces) a supervisor's witness key. 0 or -1. */
int tlog_store_witness_put(struct db *db, int64_t community_id, int64_t user_id, const struct tlog_witness *w,
                           int64_t now);
/* Every witness key of a user, for re-sealing on a password change. 0 or -1. */
int tlog_store_witness_list_user(struct db *db, struct arena *a, int64_t user_id, int64_t **communities,
                                 struct tlog_witness **w, size_t *n);
/* Forgets a user's witness keys (a password reset cannot unseal them). 0 or -1. */
int tlog_store_witness_forget_user(struct db *db, int64_t user_id);
/* Records a cosignature line for a checkpoint. 0, DB_CONSTRAINT if already, -1. */
int tlog_store_cosig_add(struct db *db, int64_t community_id, int64_t size, int64_t user_id, const char *line,
                         int64_t now);
/* The size of the newest checkpoint this user cosigned, 0 if none, -1. */
int64_t tlog_store_cosig_last_size(struct db *db, int64_t community_id, int64_t user_id);
/* Appends the stored cosignature lines of a checkpoint to out. 0 or -1. */
int tlog_store_cosig_lines(struct db *db, int64_t community_id, int64_t size, struct buf *out);

/* The C step of the core migration 0003_public_log.sql (struct
 * migration_set's `after`): a database whose log tables were made by the
 * disclosure module before its 0004 has no tlog_head.range_hashes; this
 * adds it. Other files: nothing. 0, or -1 with a message in err. */
int tlog_store_migrated(struct db *db, const char *file, char *err, size_t errlen);

/* ---- verification (tlog_verify.c) ----
 * `shequ verify` walks a community's log: the kernel checks every leaf hash,
 * every checkpoint's root, signature and consistency with the one before and
 * every cosignature, then hands each record by its "type" to the verifier
 * the writing module registered, which compares it with the module's rows.
 * A record whose type no module registers is a problem. */

struct tlog_report {
	int64_t leaves, checkpoints, cosignatures;
	int64_t records; /* records handed to their module's verifier */
	int errors;
};

/* What a verifier sees: the community, its whole log, and where problems go. */
struct tlog_verify {
	struct db *db;
	struct arena *a;
	const struct community *c;
	FILE *out;
	const struct tlog_leaf *leaves; /* leaves[i] is record i */
	int64_t n;
	struct tlog_report rep;
};

/* A type of record a module appends, and how to check one. A module lists
 * its kinds in an array ending with a NULL type (struct module's log_kinds);
 * each type is registered by one module only. */
struct tlog_kind {
	const char *type;
	/* Checks record `leaf` (parsed; its text is v->leaves[leaf].data)
	 * against the rows it was made from, reporting each mismatch with
	 * tlog_problem. 0, or -1 on a database error. */
	int (*verify)(struct tlog_verify *v, int64_t leaf, json_t *record);
	/* May be NULL. Called once after the walk, for the other direction:
	 * every row the module shows as public has its record in the log
	 * (tlog_verify_points). A module with several kinds whose rows are
	 * read together checks them from one kind. 0, or -1 on a database error. */
	int (*rows)(struct tlog_verify *v);
};

/* Checks community c's whole log, dispatching records to the kinds in
 * lists (nlists arrays, each ending with a NULL type). Writes one line per
 * problem (saying where) and progress to out. 0 when all holds, 1 on a
 * mismatch, -1 on a database error. */
int tlog_verify(struct db *db, struct arena *a, const struct community *c,
                const struct tlog_kind *const *lists, size_t nlists, FILE *out, struct tlog_report *rep);
/* Reports a problem: one line "  ✕ …" on v->out, counted in v->rep.errors. */
void tlog_problem(struct tlog_verify *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Compares the record re-derived from a module's row (what, id: "post",
 * 12) with the text of record `leaf`; reports a mismatch (record NULL:
 * could not be derived). */
void tlog_verify_same(struct tlog_verify *v, int64_t leaf, const char *what, int64_t id, const char *record);
/* For a row shown as public (what, id) that says its record is `leaf`:
 * 1 if the log has that record, of this type, naming the row by its integer
 * member key (key NULL: the type alone); else reports it and returns 0. */
int tlog_verify_points(struct tlog_verify *v, int64_t leaf, const char *what, int64_t id, const char *type,
                       const char *key);

#endif
