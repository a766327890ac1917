/* The disclosure board's part of `shequ verify`: the kinds of record the
 * board appends to its community's log, each checked against the rows the
 * board is shown from (re-derived, byte for byte), and every row the board
 * shows as public checked to have its record. The log itself (hashes,
 * checkpoints, cosignatures) is the kernel's: src/tlog/tlog_verify.c. */
#include <sodium.h>
#include <string.h>

#include "modules/disclosure/disclosure_internal.h"
#include "org/org.h"

/* The integer member key of a record (0 if it has none). */
static int64_t member(json_t *record, const char *key)
{
	return json_integer_value(json_object_get(record, key));
}

/* The post a record names, published, or NULL (reported). *rc -1 on a database error. */
static struct disclosure_post *post_of(struct tlog_verify *v, int64_t leaf, json_t *record, int *rc)
{
	int64_t id = member(record, "post");
	struct disclosure_post *p = arena_alloc(v->a, sizeof *p);
	int got = p ? disclosure_post_get(v->db, v->a, v->c->id, id, p) : -1;
	*rc = got < 0 ? -1 : 0;
	if (got == 0 && p->status == POST_PUBLISHED)
		return p;
	if (got >= 0)
		tlog_problem(v, "record %lld names post %lld, which the board does not show as published",
		             (long long)leaf, (long long)id);
	return NULL;
}

/* A record whose row names another record as its own. 0. */
static int elsewhere(struct tlog_verify *v, int64_t leaf, const char *what, int64_t id, int64_t shown)
{
	tlog_problem(v, "record %lld records %s %lld, but the board gives record %lld for it", (long long)leaf,
	             what, (long long)id, (long long)shown);
	return 0;
}

/* Each attachment's stored bytes against the SHA-256 its record published. */
static int check_attachments(struct tlog_verify *v, const struct disclosure_post *p)
{
	struct disclosure_attachment *att;
	size_t na;
	if (disclosure_attachments(v->db, v->a, v->c->id, p->id, &att, &na) < 0)
		return -1;
	for (size_t k = 0; k < na; k++) {
		const void *data;
		size_t len;
		unsigned char h[32];
		char hex[65];
		if (disclosure_file_get(v->db, v->a, v->c->id, att[k].sha256, &data, &len) != 0) {
			tlog_problem(v, "post %lld: attachment %d is missing", (long long)p->id, att[k].seq);
			continue;
		}
		crypto_hash_sha256(h, data, len);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		if (strcmp(hex, att[k].sha256))
			tlog_problem(v,
			             "post %lld: attachment %d (%s) was changed: its bytes no longer hash to "
			             "the published SHA-256",
			             (long long)p->id, att[k].seq, att[k].name);
	}
	return 0;
}

/* "publish" and "correction": the post as the board shows it, and its files. */
static int verify_post(struct tlog_verify *v, int64_t leaf, json_t *record)
{
	int rc;
	struct disclosure_post *p = post_of(v, leaf, record, &rc);
	if (!p)
		return rc;
	if (p->leaf_index != leaf)
		return elsewhere(v, leaf, "post", p->id, p->leaf_index);
	tlog_verify_same(v, leaf, "post", p->id, disclosure_post_record(v->db, v->a, v->c, p));
	return check_attachments(v, p);
}

static int verify_withdrawal(struct tlog_verify *v, int64_t leaf, json_t *record)
{
	int rc;
	struct disclosure_post *p = post_of(v, leaf, record, &rc);
	if (!p)
		return rc;
	if (!p->withdrawn_at) {
		tlog_problem(v, "record %lld withdraws post %lld, which the board shows as not withdrawn",
		             (long long)leaf, (long long)p->id);
		return 0;
	}
	if (p->withdraw_leaf != leaf)
		return elsewhere(v, leaf, "withdrawal of post", p->id, p->withdraw_leaf);
	struct record_ctx ctx = {v->c->slug, p->withdrawn_at};
	tlog_verify_same(
	    v, leaf, "withdrawal of post", p->id,
	    disclosure_record_withdraw(v->a, &ctx, p->id, p->leaf_index, p->withdraw_reason, p->closes_objections));
	return 0;
}

/* "objection_answer" and "opinion_answer": the question and the answer as
 * the board shows them (their masked projections). */
static int verify_answer(struct tlog_verify *v, int64_t leaf, json_t *record)
{
	const char *type = json_string_value(json_object_get(record, "type"));
	int objection = !strcmp(type, "objection_answer");
	int64_t id = member(record, "id");
	struct disclosure_thread t;
	int rc = disclosure_thread_get(v->db, v->a, v->c->id, id, &t);
	if (rc < 0)
		return -1;
	if (rc || !t.answered_at || (t.kind == THREAD_OBJECTION) != objection) {
		tlog_problem(v, "record %lld answers %s %lld, which the board does not show as answered",
		             (long long)leaf, objection ? "objection" : "opinion", (long long)id);
		return 0;
	}
	if (t.answer_leaf != leaf)
		return elsewhere(v, leaf, objection ? "answer to objection" : "answer to opinion", t.id,
		                 t.answer_leaf);
	struct record_ctx ctx = {v->c->slug, t.answered_at};
	tlog_verify_same(v, leaf, objection ? "answer to objection" : "answer to opinion", t.id,
	                 disclosure_record_answer(v->a, &ctx, type, t.id, t.post_id, t.body_masked, t.answer_masked));
	return 0;
}

/* "setting": the change of a board setting kept under this record's index. */
static int verify_setting(struct tlog_verify *v, int64_t leaf, json_t *record)
{
	(void)record;
	struct disclosure_setting_change *sc;
	size_t n;
	if (disclosure_setting_changes(v->db, v->a, v->c->id, &sc, &n) < 0)
		return -1;
	for (size_t k = 0; k < n; k++) {
		if (sc[k].leaf_index != leaf)
			continue;
		struct record_ctx ctx = {v->c->slug, sc[k].changed_at};
		tlog_verify_same(v, leaf, "setting change", leaf, disclosure_record_setting(v->a, &ctx, &sc[k]));
		return 0;
	}
	tlog_problem(v, "record %lld changes a setting, but the board keeps no such change", (long long)leaf);
	return 0;
}

/* Every published post, its withdrawal and the answers to its objections
 * have their records: nothing is on the board that the log does not hold. */
static int posts_in_log(struct tlog_verify *v)
{
	int64_t *ids;
	size_t nid;
	if (disclosure_published_ids(v->db, v->a, v->c->id, &ids, &nid) < 0)
		return -1;
	for (size_t i = 0; i < nid; i++) {
		struct disclosure_post p;
		if (disclosure_post_get(v->db, v->a, v->c->id, ids[i], &p) != 0)
			return -1;
		tlog_verify_points(v, p.leaf_index, "post", p.id, p.replaces_id ? "correction" : "publish",
		                   "post");
		if (p.withdrawn_at)
			tlog_verify_points(v, p.withdraw_leaf, "withdrawal of post", p.id, "withdrawal",
			                   "post");
		struct disclosure_thread *t;
		size_t nt;
		if (disclosure_threads(v->db, v->a, v->c->id, p.id, &t, &nt) < 0)
			return -1;
		for (size_t k = 0; k < nt; k++)
			if (t[k].answered_at && t[k].kind == THREAD_OBJECTION)
				tlog_verify_points(v, t[k].answer_leaf, "answer to objection", t[k].id,
				                   "objection_answer", "id");
	}
	return 0;
}

static int opinions_in_log(struct tlog_verify *v)
{
	struct disclosure_thread *t;
	size_t nt;
	if (disclosure_threads(v->db, v->a, v->c->id, -1, &t, &nt) < 0)
		return -1;
	for (size_t k = 0; k < nt; k++)
		if (t[k].answered_at)
			tlog_verify_points(v, t[k].answer_leaf, "answer to opinion", t[k].id,
			                   "opinion_answer", "id");
	return 0;
}

static int settings_in_log(struct tlog_verify *v)
{
	struct disclosure_setting_change *sc;
	size_t n;
	if (disclosure_setting_changes(v->db, v->a, v->c->id, &sc, &n) < 0)
		return -1;
	for (size_t k = 0; k < n; k++)
		tlog_verify_points(v, sc[k].leaf_index, "setting change", sc[k].leaf_index, "setting", NULL);
	return 0;
}

const struct tlog_kind disclosure_log_kinds[] = {
    {"publish", verify_post, posts_in_log},
    {"correction", verify_post, NULL}, /* its rows are posts: checked with "publish" */
    {"withdrawal", verify_withdrawal, NULL},
    {"objection_answer", verify_answer, NULL},
    {"opinion_answer", verify_answer, opinions_in_log},
    {"setting", verify_setting, settings_in_log},
    {NULL, NULL, NULL},
};
