/* The C step of migration 0007_pii: databases made before it hold the
 * personal fields of recipient lists and objections in clear. Inside the
 * migration's transaction, each such row gets its fields sealed under the
 * key file and its masked projections, and then the clear-text columns are
 * dropped. Published lists and answered threads keep the masked values
 * their public records already hold, so that `shequ verify` still matches
 * them and the pages show what the log says. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "modules/disclosure/disclosure_internal.h"
#include "pii/pii.h"

struct clear_recipient {
	int64_t community_id, post_id, row;
	struct recipient_text t;
};

struct post_record {
	int64_t community_id, post_id;
	const char *data; /* the publication's record */
};

struct clear_thread {
	int64_t community_id, id;
	const char *body, *contact, *leaf; /* leaf: the answer's record, "" if unanswered */
};

static const char drop_clear[] = "ALTER TABLE disclosure_recipient DROP COLUMN name;"
                                 "ALTER TABLE disclosure_recipient DROP COLUMN id_number;"
                                 "ALTER TABLE disclosure_recipient DROP COLUMN phone;"
                                 "ALTER TABLE disclosure_recipient DROP COLUMN address;"
                                 "ALTER TABLE disclosure_recipient DROP COLUMN note;"
                                 "ALTER TABLE disclosure_thread DROP COLUMN body;"
                                 "ALTER TABLE disclosure_thread DROP COLUMN contact_phone;";

/* Reads every row of an ad hoc query into an arena array via fill. 0 or -1. */
static int read_all(struct db *db, struct arena *a, const char *sql, size_t elem, void **out, size_t *n,
                    void (*fill)(struct db_stmt *st, struct arena *a, void *slot))
{
	struct db_stmt *st = db_prepare_adhoc(db, sql);
	if (!st)
		return -1;
	int rc = db_rows(st, a, elem, (size_t)1 << 40, out, n, fill);
	db_finalize(st);
	return rc;
}

static void recipient_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct clear_recipient *r = slot;
	r->community_id = db_col_int(st, 0);
	r->post_id = db_col_int(st, 1);
	r->row = db_col_int(st, 2);
	r->t = (struct recipient_text){db_col_dup(st, 3, a), db_col_dup(st, 4, a), db_col_dup(st, 5, a),
	                               db_col_dup(st, 6, a), db_col_dup(st, 7, a)};
}

static void record_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct post_record *p = slot;
	p->community_id = db_col_int(st, 0);
	p->post_id = db_col_int(st, 1);
	p->data = db_col_dup(st, 2, a);
}

/* The "recipients" rows of a post's publication record (owned by *rec,
 * which the caller frees), or NULL when the post has none. */
static json_t *record_rows(const struct post_record *p, size_t np, int64_t community_id, int64_t post_id,
                           json_t **rec)
{
	*rec = NULL;
	for (size_t k = 0; k < np; k++)
		if (p[k].community_id == community_id && p[k].post_id == post_id) {
			*rec = json_loads(p[k].data, 0, NULL);
			break;
		}
	return json_object_get(*rec, "recipients");
}

static void thread_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct clear_thread *t = slot;
	t->community_id = db_col_int(st, 0);
	t->id = db_col_int(st, 1);
	t->body = db_col_dup(st, 2, a);
	t->contact = db_col_dup(st, 3, a);
	t->leaf = db_col_dup(st, 4, a);
}

/* Binds the string member `key` of a record's JSON to parameter i; 0 if it has none. */
static int bind_from_record(struct db_stmt *st, int i, const char *record, const char *key)
{
	json_t *o = *record ? json_loads(record, 0, NULL) : NULL;
	const char *v = json_string_value(json_object_get(o, key));
	if (v)
		db_bind_text(st, i, v, -1);
	json_decref(o);
	return v != NULL;
}

static int seal_rows(struct db *db, struct arena *a, char *err, size_t errlen)
{
	struct clear_recipient *r;
	struct post_record *pr;
	struct clear_thread *t;
	size_t nr, npr, nt;
	if (read_all(db, a,
	             "SELECT community_id, post_id, row_no, name, id_number, phone, address, note FROM "
	             "disclosure_recipient ORDER BY community_id, post_id, row_no",
	             sizeof *r, (void **)&r, &nr, recipient_fill) < 0 ||
	    read_all(db, a,
	             "SELECT p.community_id, p.id, l.data FROM disclosure_post p JOIN tlog_leaf l"
	             " ON l.community_id = p.community_id AND l.idx = p.leaf_index WHERE p.status = 'published'"
	             " AND EXISTS (SELECT 1 FROM disclosure_recipient x WHERE x.community_id = p.community_id"
	             " AND x.post_id = p.id)",
	             sizeof *pr, (void **)&pr, &npr, record_fill) < 0 ||
	    read_all(db, a,
	             "SELECT t.community_id, t.id, t.body, t.contact_phone, COALESCE(l.data, '') FROM "
	             "disclosure_thread t"
	             " LEFT JOIN tlog_leaf l ON l.community_id = t.community_id AND l.idx = t.answer_leaf"
	             " AND t.answered_at IS NOT NULL",
	             sizeof *t, (void **)&t, &nt, thread_fill) < 0)
		return -1;
	if ((nr || nt) && !pii_key_current()) {
		snprintf(err, errlen,
		         "%zu recipient rows and %zu objections hold personal data in clear; sealing them "
		         "needs the "
		         "key file (run `shequ migrate` with --key-file, or where `shequ init` left it)",
		         nr, nt);
		return -1;
	}
	struct db_stmt *st = db_prepare_adhoc(
	    db, "UPDATE disclosure_recipient SET name_sealed = ?1, id_sealed = ?2, phone_sealed = ?3, "
	        "address_sealed = ?4,"
	        " note_sealed = ?5, name_masked = ?6, id_masked = ?7, phone_masked = ?8, address_masked = ?9,"
	        " note_masked = ?10 WHERE community_id = ?11 AND post_id = ?12 AND row_no = ?13");
	int rc = st ? 0 : -1;
	static const char *const keys[5] = {"name", "id_number", "phone", "address", "note"};
	json_t *rec = NULL, *rows = NULL;
	for (size_t i = 0; rc == 0 && i < nr; i++) {
		if (i == 0 || r[i].community_id != r[i - 1].community_id || r[i].post_id != r[i - 1].post_id) {
			json_decref(rec);
			rows = record_rows(pr, npr, r[i].community_id, r[i].post_id, &rec);
		}
		if (disclosure_recipient_bind(st, 1, a, &r[i].t) < 0)
			rc = -1;
		/* A published list's public record already says what was published
		 * of each row (rows 1..n in order, its public columns only). */
		json_t *row = r[i].row >= 1 ? json_array_get(rows, (size_t)(r[i].row - 1)) : NULL;
		for (int k = 0; k < 5; k++) {
			const char *v = json_string_value(json_object_get(row, keys[k]));
			if (v)
				db_bind_text(st, 6 + k, v, -1);
		}
		db_bind_int(st, 11, r[i].community_id);
		db_bind_int(st, 12, r[i].post_id);
		db_bind_int(st, 13, r[i].row);
		if (rc == 0 && db_run(st) != DB_DONE)
			rc = -1;
	}
	json_decref(rec);
	db_finalize(st);
	st = rc == 0 ? db_prepare_adhoc(db, "UPDATE disclosure_thread SET body_sealed = ?1, body_masked = ?2,"
	                                    " contact_sealed = ?3, contact_masked = ?4, answer_masked = ?5"
	                                    " WHERE community_id = ?6 AND id = ?7")
	             : NULL;
	rc = st ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < nt; i++) {
		if (disclosure_thread_bind(st, 1, a, t[i].body, t[i].contact) < 0)
			rc = -1;
		/* An answered thread's public record already says what was published. */
		bind_from_record(st, 2, t[i].leaf, "question");
		if (!bind_from_record(st, 5, t[i].leaf, "answer"))
			db_bind_null(st, 5);
		db_bind_int(st, 6, t[i].community_id);
		db_bind_int(st, 7, t[i].id);
		if (rc == 0 && db_run(st) != DB_DONE)
			rc = -1;
	}
	db_finalize(st);
	return rc;
}

int disclosure_migrated(struct db *db, const char *file, char *err, size_t errlen)
{
	if (!strstr(file, "_pii.sql"))
		return 0;
	/* SQLite zeroes the clear text it frees; PostgreSQL keeps dead rows on
	 * disk until VACUUM FULL (README: upgrading). */
	int sqlite = !strcmp(db_backend(db), "sqlite");
	if (sqlite && db_exec_script(db, "PRAGMA secure_delete = ON") < 0)
		return -1;
	struct arena a;
	arena_init(&a, (size_t)1 << 32);
	int rc = seal_rows(db, &a, err, errlen) == 0 && db_exec_script(db, drop_clear) == 0 ? 0 : -1;
	arena_free(&a);
	if (sqlite && db_exec_script(db, "PRAGMA secure_delete = OFF") < 0)
		rc = -1;
	return rc;
}
