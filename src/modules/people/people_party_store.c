/* The SQL of the political registry: party members (people_party_member)
 * and training records (people_training), read with the resident's name
 * and masked mobile from people_person, never a sealed column. */
#include <string.h>

#include "modules/people/people_self.h"

static const struct {
	const char *name, *label;
} party_states[] = {{"full", "正式党员"}, {"probationary", "预备党员"}, {"transferred_out", "已转出"}};

const char *people_party_status_label(const char *s)
{
	for (size_t i = 0; s && i < sizeof party_states / sizeof *party_states; i++)
		if (!strcmp(party_states[i].name, s))
			return party_states[i].label;
	return NULL;
}

static const struct {
	const char *name, *label;
} training_kinds[] = {{"pre_job", "岗前培训"}, {"professional", "专业培训"}, {"education", "学历进修"}};

const char *people_training_kind_label(const char *k)
{
	for (size_t i = 0; k && i < sizeof training_kinds / sizeof *training_kinds; i++)
		if (!strcmp(training_kinds[i].name, k))
			return training_kinds[i].label;
	return NULL;
}

#define PARTY_COLS                                                                                           \
	"m.person_id, p.name, p.phone_masked, m.branch, m.joined_on, m.status, m.transfer_in_on,"            \
	" m.transfer_in_from, m.transfer_out_on, m.transfer_out_to"

static void party_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct people_party *m = slot;
	m->person_id = db_col_int(st, 0);
	m->name = db_col_dup(st, 1, a);
	m->phone_masked = db_col_dup(st, 2, a);
	m->branch = db_col_dup(st, 3, a);
	m->joined_on = db_col_dup(st, 4, a);
	m->status = db_col_dup(st, 5, a);
	m->transfer_in_on = db_col_dup(st, 6, a);
	m->transfer_in_from = db_col_dup(st, 7, a);
	m->transfer_out_on = db_col_dup(st, 8, a);
	m->transfer_out_to = db_col_dup(st, 9, a);
}

/* Walks people_party_branch (community, status, branch). */
static struct db_query q_party_list = DB_QUERY(
    "SELECT " PARTY_COLS " FROM people_party_member m JOIN people_person p ON p.community_id = m.community_id"
    " AND p.id = m.person_id WHERE m.community_id = ?1 AND (?2 = '' OR m.status = ?2) AND (?3 = '' OR "
    "m.branch = ?3)"
    " ORDER BY m.status, m.branch, m.person_id LIMIT ?4 OFFSET ?5");

int people_party_list(struct db *db, struct arena *a, int64_t community_id, const char *status,
                      const char *branch, int64_t offset, int limit, struct people_party **out, size_t *n,
                      int *more)
{
	struct db_stmt *st = db_stmt(db, &q_party_list);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, status ? status : "", -1);
	db_bind_text(st, 3, branch ? branch : "", -1);
	db_bind_int(st, 4, (int64_t)limit + 1);
	db_bind_int(st, 5, offset);
	if (db_rows(st, a, sizeof **out, (size_t)limit + 1, (void **)out, n, party_from_row) < 0)
		return -1;
	*more = *n > (size_t)limit;
	if (*more)
		*n = (size_t)limit;
	return 0;
}

static struct db_query q_party_get = DB_QUERY(
    "SELECT " PARTY_COLS " FROM people_party_member m JOIN people_person p ON p.community_id = m.community_id"
    " AND p.id = m.person_id WHERE m.community_id = ? AND m.person_id = ?");

int people_party_get(struct db *db, struct arena *a, int64_t community_id, int64_t person_id,
                     struct people_party *out)
{
	struct db_stmt *st = db_stmt(db, &q_party_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, person_id);
	return db_row(st, a, out, party_from_row);
}

static struct db_query q_party_save = DB_QUERY(
    "INSERT INTO people_party_member (community_id, person_id, branch, joined_on, status, transfer_in_on,"
    " transfer_in_from, transfer_out_on, transfer_out_to, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (community_id, person_id) DO UPDATE SET branch = excluded.branch, joined_on = "
    "excluded.joined_on,"
    " status = excluded.status, transfer_in_on = excluded.transfer_in_on, transfer_in_from = "
    "excluded.transfer_in_from,"
    " transfer_out_on = excluded.transfer_out_on, transfer_out_to = excluded.transfer_out_to,"
    " updated_at = excluded.updated_at");

int people_party_save(struct db *db, int64_t community_id, const struct people_party *m, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_party_save);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, m->person_id);
	const char *v[7] = {m->branch,           m->joined_on,       m->status,         m->transfer_in_on,
	                    m->transfer_in_from, m->transfer_out_on, m->transfer_out_to};
	for (int i = 0; i < 7; i++)
		db_bind_text(st, 3 + i, v[i] ? v[i] : "", -1);
	db_bind_int(st, 10, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

#define TRAINING_COLS "t.id, t.person_id, p.name, t.kind, t.course, t.hours_tenths, t.taken_on, t.certificate"

static void training_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct people_training *t = slot;
	t->id = db_col_int(st, 0);
	t->person_id = db_col_int(st, 1);
	t->name = db_col_dup(st, 2, a);
	t->kind = db_col_dup(st, 3, a);
	t->course = db_col_dup(st, 4, a);
	t->hours_tenths = (int)db_col_int(st, 5);
	t->taken_on = db_col_dup(st, 6, a);
	t->certificate = db_col_dup(st, 7, a);
}

/* Walks people_training_person (community, person, taken_on). */
static struct db_query q_training_list = DB_QUERY(
    "SELECT " TRAINING_COLS " FROM people_training t JOIN people_person p ON p.community_id = t.community_id"
    " AND p.id = t.person_id WHERE t.community_id = ?1 AND (?2 = 0 OR t.person_id = ?2)"
    " ORDER BY t.taken_on DESC, t.id DESC LIMIT ?3 OFFSET ?4");

int people_training_list(struct db *db, struct arena *a, int64_t community_id, int64_t person_id,
                         int64_t offset, int limit, struct people_training **out, size_t *n, int *more)
{
	struct db_stmt *st = db_stmt(db, &q_training_list);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, person_id);
	db_bind_int(st, 3, (int64_t)limit + 1);
	db_bind_int(st, 4, offset);
	if (db_rows(st, a, sizeof **out, (size_t)limit + 1, (void **)out, n, training_from_row) < 0)
		return -1;
	*more = *n > (size_t)limit;
	if (*more)
		*n = (size_t)limit;
	return 0;
}

static struct db_query q_training_add =
    DB_QUERY("INSERT INTO people_training (community_id, id, person_id, kind, course, hours_tenths, "
             "taken_on, certificate,"
             " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

int people_training_add(struct db *db, int64_t community_id, const struct people_training *t, int64_t by_user,
                        int64_t now, int64_t *id)
{
	if (db_next_id(db, community_id, "people_training", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_training_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	db_bind_int(st, 3, t->person_id);
	db_bind_text(st, 4, t->kind, -1);
	db_bind_text(st, 5, t->course, -1);
	db_bind_int(st, 6, t->hours_tenths);
	db_bind_text(st, 7, t->taken_on, -1);
	db_bind_text(st, 8, t->certificate, -1);
	db_bind_int(st, 9, now);
	db_bind_int_or_null(st, 10, by_user);
	return db_run(st) == DB_DONE ? 0 : -1;
}
