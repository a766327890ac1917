/* The SQL of the residents' side: link requests (self-registration, the
 * census check, staff verification) and correction requests. Values typed
 * by residents are sealed beside their masked projection; lists read the
 * masked columns only. */
#include <string.h>

#include "modules/people/people_self.h"
#include "pii/pii.h"

/* ---- link requests ---- */

static struct db_query q_link_add =
    DB_QUERY("INSERT INTO people_link (community_id, id, user_id, name, name_masked, phone_masked, "
             "id_masked, id_index,"
             " state, person_id, decided_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

int people_self_link_add(struct db *db, struct arena *a, int64_t community_id, int64_t user_id,
                         const char *name, const char *phone, const char *id_number, const char *state,
                         int64_t person_id, int64_t now, int64_t *id)
{
	unsigned char idx[PII_INDEX_BYTES];
	if (*id_number && people_blind_index("people.id", id_number, idx) < 0)
		return -1;
	const char *nm = pii_mask_name(a, name);
	const char *pm = *phone ? pii_mask_phone(a, phone) : "";
	const char *im = *id_number ? pii_mask_id(a, id_number) : "";
	if (!nm || !pm || !im || db_next_id(db, community_id, "people_link", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_link_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	db_bind_int(st, 3, user_id);
	db_bind_text(st, 4, name, -1);
	db_bind_text(st, 5, nm, -1);
	db_bind_text(st, 6, pm, -1);
	db_bind_text(st, 7, im, -1);
	if (*id_number)
		db_bind_blob(st, 8, idx, sizeof idx);
	else
		db_bind_null(st, 8);
	db_bind_text(st, 9, state, -1);
	db_bind_int_or_null(st, 10, person_id);
	if (person_id)
		db_bind_int(st, 11, now);
	else
		db_bind_null(st, 11);
	db_bind_int(st, 12, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static struct db_query q_census = DB_QUERY(
    "UPDATE people_person SET user_id = ?, updated_at = ? WHERE community_id = ? AND id = ? AND name = ?"
    " AND user_id IS NULL AND status = 'living'");

int people_self_census_link(struct db *db, int64_t community_id, const char *name, const char *id_number,
                            int64_t user_id, int64_t now, int64_t *person_id)
{
	*person_id = 0;
	int64_t pid = 0;
	if (!*id_number)
		return 1;
	if (people_find_id_number(db, community_id, id_number, &pid) < 0)
		return -1;
	if (!pid)
		return 1;
	struct db_stmt *st = db_stmt(db, &q_census);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, community_id);
	db_bind_int(st, 4, pid);
	db_bind_text(st, 5, name, -1);
	int rc = db_run_guarded(st);
	if (rc == 0)
		*person_id = pid;
	return rc;
}

static struct db_query q_person_link = DB_QUERY("UPDATE people_person SET user_id = ?, updated_at = ? WHERE "
                                                "community_id = ? AND id = ? AND user_id IS NULL"
                                                " AND status = 'living'");

int people_self_person_link(struct db *db, int64_t community_id, int64_t person_id, int64_t user_id,
                            int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_person_link);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, community_id);
	db_bind_int(st, 4, person_id);
	return db_run_guarded(st);
}

#define LINK_COLS                                                                                            \
	"l.id, l.user_id, COALESCE(l.person_id, 0), l.name, l.name_masked, l.phone_masked, l.id_masked, "    \
	"l.state,"                                                                                           \
	" l.reason, l.created_at, COALESCE(l.decided_at, 0), COALESCE(l.decided_by, 0)"

static void link_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct people_link *l = slot;
	memset(l, 0, sizeof *l);
	l->id = db_col_int(st, 0);
	l->user_id = db_col_int(st, 1);
	l->person_id = db_col_int(st, 2);
	l->name = db_col_dup(st, 3, a);
	l->name_masked = db_col_dup(st, 4, a);
	l->phone_masked = db_col_dup(st, 5, a);
	l->id_masked = db_col_dup(st, 6, a);
	l->state = db_col_dup(st, 7, a);
	l->reason = db_col_dup(st, 8, a);
	l->created_at = db_col_int(st, 9);
	l->decided_at = db_col_int(st, 10);
	l->decided_by = db_col_int(st, 11);
}

static struct db_query q_links_pending =
    DB_QUERY("SELECT " LINK_COLS " FROM people_link l WHERE l.community_id = ? AND l.state = 'pending'"
             " ORDER BY l.created_at, l.id LIMIT ? OFFSET ?");

/* Reads up to limit + 1 rows of a bound list statement into *out. */
static int page_rows(struct db_stmt *st, struct arena *a, size_t elem, int limit, void **out, size_t *n,
                     int *more, void (*fill)(struct db_stmt *st, struct arena *a, void *slot))
{
	if (db_rows(st, a, elem, (size_t)limit + 1, out, n, fill) < 0)
		return -1;
	*more = *n > (size_t)limit;
	if (*more)
		*n = (size_t)limit;
	return 0;
}

int people_self_links_pending(struct db *db, struct arena *a, int64_t community_id, int64_t offset, int limit,
                              struct people_link **out, size_t *n, int *more)
{
	struct db_stmt *st = db_stmt(db, &q_links_pending);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, (int64_t)limit + 1);
	db_bind_int(st, 3, offset);
	return page_rows(st, a, sizeof **out, limit, (void **)out, n, more, link_from_row);
}

static struct db_query q_link_get =
    DB_QUERY("SELECT " LINK_COLS " FROM people_link l WHERE l.community_id = ? AND l.id = ?");

int people_self_link_get(struct db *db, struct arena *a, int64_t community_id, int64_t id,
                         struct people_link *out)
{
	struct db_stmt *st = db_stmt(db, &q_link_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_row(st, a, out, link_from_row);
}

static struct db_query q_link_decide =
    DB_QUERY("UPDATE people_link SET state = ?, person_id = ?, decided_by = ?, decided_at = ?, reason = ?"
             " WHERE community_id = ? AND id = ? AND state = 'pending'");

int people_self_link_decide(struct db *db, int64_t community_id, int64_t id, const char *state,
                            int64_t person_id, int64_t by_user, const char *reason, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_link_decide);
	if (!st)
		return -1;
	db_bind_text(st, 1, state, -1);
	db_bind_int_or_null(st, 2, person_id);
	db_bind_int_or_null(st, 3, by_user);
	db_bind_int(st, 4, now);
	db_bind_text(st, 5, reason ? reason : "", -1);
	db_bind_int(st, 6, community_id);
	db_bind_int(st, 7, id);
	return db_run_guarded(st);
}

static struct db_query q_links_of_user = DB_QUERY(
    "SELECT " LINK_COLS ", o.slug, o.name FROM people_link l JOIN org_unit o ON o.id = l.community_id"
    " WHERE l.user_id = ? ORDER BY l.created_at DESC, l.id DESC LIMIT 20");

static void user_link_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	link_from_row(st, a, slot);
	struct people_link *l = slot;
	l->community_slug = db_col_dup(st, 12, a);
	l->community_name = db_col_dup(st, 13, a);
}

int people_self_links_of_user(struct db *db, struct arena *a, int64_t user_id, struct people_link **out,
                              size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_links_of_user);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	return db_rows(st, a, sizeof **out, 20, (void **)out, n, user_link_from_row);
}

static struct db_query q_person_of_user = DB_QUERY("SELECT community_id, id FROM people_person WHERE user_id "
                                                   "= ? AND erased_at IS NULL ORDER BY updated_at DESC"
                                                   " LIMIT 1");

int people_self_person_of_user(struct db *db, int64_t user_id, int64_t *community_id, int64_t *person_id)
{
	struct db_stmt *st = db_stmt(db, &q_person_of_user);
	if (!st)
		return -1;
	db_bind_int(st, 1, user_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*community_id = db_col_int(st, 0);
		*person_id = db_col_int(st, 1);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

static struct db_query q_pending_links =
    DB_QUERY("SELECT COUNT(*) FROM people_link WHERE community_id = ? AND state = 'pending'");
static struct db_query q_pending_corrections =
    DB_QUERY("SELECT COUNT(*) FROM people_correction WHERE community_id = ? AND state = 'pending'");

int people_self_pending_counts(struct db *db, int64_t community_id, int64_t *links, int64_t *corrections)
{
	struct db_query *q[2] = {&q_pending_links, &q_pending_corrections};
	int64_t *out[2] = {links, corrections};
	for (int i = 0; i < 2; i++) {
		struct db_stmt *st = db_stmt(db, q[i]);
		if (!st)
			return -1;
		db_bind_int(st, 1, community_id);
		if (db_one_int(st, out[i]) != 0)
			return -1;
	}
	return 0;
}

/* ---- corrections ---- */

static const struct {
	const char *field, *label;
} fields[] = {
    {"name", "姓名"}, {"phone", "手机号码"}, {"address", "住址"}, {"tags", "人员类别"}, {"other", "其他"},
};

const char *people_self_field_label(const char *field)
{
	for (size_t i = 0; field && i < sizeof fields / sizeof *fields; i++)
		if (!strcmp(fields[i].field, field))
			return fields[i].label;
	return NULL;
}

static struct db_query q_correction_add =
    DB_QUERY("INSERT INTO people_correction (community_id, id, person_id, user_id, field, value_sealed, "
             "value_masked, note,"
             " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

int people_self_correction_add(struct db *db, struct arena *a, int64_t community_id, int64_t person_id,
                               int64_t user_id, const char *field, const char *value,
                               const char *value_masked, const char *note, int64_t now, int64_t *id)
{
	if (db_next_id(db, community_id, "people_correction", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_correction_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	db_bind_int(st, 3, person_id);
	db_bind_int(st, 4, user_id);
	db_bind_text(st, 5, field, -1);
	if (pii_bind_sealed(st, 6, a, value) < 0) {
		db_reset(st);
		return -1;
	}
	db_bind_text(st, 7, value_masked, -1);
	db_bind_text(st, 8, note, -1);
	db_bind_int(st, 9, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

#define CORR_COLS                                                                                            \
	"k.id, k.person_id, k.user_id, k.field, k.value_masked, k.note, k.state, k.reason, k.created_at,"    \
	" COALESCE(k.decided_at, 0)"

static void correction_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct people_correction *k = slot;
	memset(k, 0, sizeof *k);
	k->id = db_col_int(st, 0);
	k->person_id = db_col_int(st, 1);
	k->user_id = db_col_int(st, 2);
	k->field = db_col_dup(st, 3, a);
	k->value_masked = db_col_dup(st, 4, a);
	k->note = db_col_dup(st, 5, a);
	k->state = db_col_dup(st, 6, a);
	k->reason = db_col_dup(st, 7, a);
	k->created_at = db_col_int(st, 8);
	k->decided_at = db_col_int(st, 9);
}

static void pending_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	correction_from_row(st, a, slot);
	((struct people_correction *)slot)->person_name_masked = db_col_dup(st, 10, a);
}

static struct db_query q_corrections_pending =
    DB_QUERY("SELECT " CORR_COLS ", p.name_masked FROM people_correction k JOIN people_person p"
             " ON p.community_id = k.community_id AND p.id = k.person_id WHERE k.community_id = ? AND "
             "k.state = 'pending'"
             " ORDER BY k.created_at, k.id LIMIT ? OFFSET ?");

int people_self_corrections_pending(struct db *db, struct arena *a, int64_t community_id, int64_t offset,
                                    int limit, struct people_correction **out, size_t *n, int *more)
{
	struct db_stmt *st = db_stmt(db, &q_corrections_pending);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, (int64_t)limit + 1);
	db_bind_int(st, 3, offset);
	return page_rows(st, a, sizeof **out, limit, (void **)out, n, more, pending_from_row);
}

static struct db_query q_corrections_of =
    DB_QUERY("SELECT " CORR_COLS " FROM people_correction k WHERE k.community_id = ? AND k.person_id = ?"
             " ORDER BY k.created_at DESC, k.id DESC LIMIT 20");

int people_self_corrections_of(struct db *db, struct arena *a, int64_t community_id, int64_t person_id,
                               struct people_correction **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_corrections_of);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, person_id);
	return db_rows(st, a, sizeof **out, 20, (void **)out, n, correction_from_row);
}

static struct db_query q_correction_get = DB_QUERY(
    "SELECT " CORR_COLS ", k.value_sealed FROM people_correction k WHERE k.community_id = ? AND k.id = ?");

int people_self_correction_get(struct db *db, struct arena *a, int64_t community_id, int64_t id,
                               struct people_correction *out)
{
	struct db_stmt *st = db_stmt(db, &q_correction_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? 1 : -1;
	}
	correction_from_row(st, a, out);
	out->value = pii_col_opened(st, 10, a);
	db_reset(st);
	return out->value ? 0 : -1;
}

static struct db_query q_correction_decide =
    DB_QUERY("UPDATE people_correction SET state = ?, decided_by = ?, decided_at = ?, reason = ?"
             " WHERE community_id = ? AND id = ? AND state = 'pending'");

int people_self_correction_decide(struct db *db, int64_t community_id, int64_t id, const char *state,
                                  int64_t by_user, const char *reason, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_correction_decide);
	if (!st)
		return -1;
	db_bind_text(st, 1, state, -1);
	db_bind_int_or_null(st, 2, by_user);
	db_bind_int(st, 3, now);
	db_bind_text(st, 4, reason ? reason : "", -1);
	db_bind_int(st, 5, community_id);
	db_bind_int(st, 6, id);
	return db_run_guarded(st);
}
