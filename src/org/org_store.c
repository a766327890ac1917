/* SQL for org units, community profiles and committees. */
#include <stdlib.h>
#include <string.h>

#include "core/collate.h"

#include "org/org.h"

static const char *const kind_names[ORG__MAX] = {"district", "street", "community", "grid"};
static const char *const committee_names[COMMITTEE__MAX] = {"party", "residents"};
static const char *const committee_labels[COMMITTEE__MAX] = {"社区党组织", "社区居民委员会"};

#define COMMUNITY_COLS                                                                                     \
	"SELECT c.id, c.slug, c.name, s.id, s.slug, s.name, d.id, d.slug, d.name FROM org_unit c"          \
	" JOIN org_unit s ON s.id = c.parent_id JOIN org_unit d ON d.id = s.parent_id"                     \
	" WHERE c.kind = 'community'"
static struct db_query q_by_slug = DB_QUERY(COMMUNITY_COLS " AND c.slug = ?");
/* Unordered: org_communities_under sorts them by pinyin. */
static struct db_query q_all = DB_QUERY(COMMUNITY_COLS);
static struct db_query q_under = DB_QUERY(COMMUNITY_COLS " AND (c.id = ? OR s.id = ? OR d.id = ?)");
static struct db_query q_unit_by_slug = DB_QUERY("SELECT id, kind FROM org_unit WHERE slug = ?");
static struct db_query q_unit_add = DB_QUERY(
    "INSERT INTO org_unit (parent_id, kind, slug, name, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id");
static struct db_query q_profile_get = DB_QUERY(
    "SELECT address, phone, hotline, office_hours, intro, updated_at FROM community_profile WHERE community_id = ?");
static struct db_query q_profile_put = DB_QUERY(
    "INSERT INTO community_profile (community_id, address, phone, hotline, office_hours, intro, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_id) DO UPDATE SET address = excluded.address,"
    " phone = excluded.phone, hotline = excluded.hotline, office_hours = excluded.office_hours,"
    " intro = excluded.intro, updated_at = excluded.updated_at");
#define MEMBER_COLS "id, committee, name, title, duty, sort_order, term_start, term_end"
static struct db_query q_committee = DB_QUERY(
    "SELECT " MEMBER_COLS " FROM committee_member WHERE community_id = ?"
    " ORDER BY CASE committee WHEN 'party' THEN 0 ELSE 1 END, sort_order, id");
static struct db_query q_committee_add = DB_QUERY(
    "INSERT INTO committee_member (community_id, id, committee, name, title, duty, sort_order, term_start, term_end)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_committee_get =
    DB_QUERY("SELECT " MEMBER_COLS " FROM committee_member WHERE community_id = ? AND id = ?");
static struct db_query q_committee_lock =
    DB_QUERY("SELECT id FROM committee_member WHERE community_id = ? @FOR_UPDATE@");
static struct db_query q_committee_update =
    DB_QUERY("UPDATE committee_member SET committee = ?, name = ?, title = ?, duty = ?, term_start = ?, term_end = ?"
	     " WHERE community_id = ? AND id = ?");
static struct db_query q_committee_order =
    DB_QUERY("UPDATE committee_member SET sort_order = ? WHERE community_id = ? AND id = ?");
static struct db_query q_committee_delete = DB_QUERY("DELETE FROM committee_member WHERE community_id = ? AND id = ?");

const char *org_kind_name(enum org_kind k)
{
	return (unsigned)k < ORG__MAX ? kind_names[k] : NULL;
}

int org_kind_from_name(const char *s)
{
	for (int k = 0; s && k < ORG__MAX; k++)
		if (!strcmp(s, kind_names[k]))
			return k;
	return -1;
}

const char *committee_label(enum committee c)
{
	return (unsigned)c < COMMITTEE__MAX ? committee_labels[c] : "";
}

static void community_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct community *c = slot;
	c->id = db_col_int(st, 0);
	c->slug = db_col_dup(st, 1, a);
	c->name = db_col_dup(st, 2, a);
	c->street.id = db_col_int(st, 3);
	c->street.slug = db_col_dup(st, 4, a);
	c->street.name = db_col_dup(st, 5, a);
	c->district.id = db_col_int(st, 6);
	c->district.slug = db_col_dup(st, 7, a);
	c->district.name = db_col_dup(st, 8, a);
	c->chain[0] = c->id;
	c->chain[1] = c->street.id;
	c->chain[2] = c->district.id;
}

int org_community_by_slug(struct db *db, struct arena *a, const char *slug, struct community *out)
{
	struct db_stmt *st = db_stmt(db, &q_by_slug);
	if (!st)
		return -1;
	db_bind_text(st, 1, slug, -1);
	return db_row(st, a, out, community_from_row);
}

/* District, then street, then community, each by pinyin. */
static int by_pinyin(const void *x, const void *y)
{
	const struct community *a = x, *b = y;
	int c = collate_zh(a->district.name, b->district.name);
	if (!c)
		c = collate_zh(a->street.name, b->street.name);
	if (!c)
		c = collate_zh(a->name, b->name);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

int org_communities_under(struct db *db, struct arena *a, int64_t unit_id, struct community **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, unit_id ? &q_under : &q_all);
	if (!st)
		return -1;
	if (unit_id)
		for (int i = 1; i <= 3; i++)
			db_bind_int(st, i, unit_id);
	if (db_rows(st, a, sizeof **out, 100000, (void **)out, n, community_from_row) < 0)
		return -1;
	qsort(*out, *n, sizeof **out, by_pinyin);
	return 0;
}

int org_unit_by_slug(struct db *db, const char *slug, int64_t *id, enum org_kind *kind)
{
	struct db_stmt *st = db_stmt(db, &q_unit_by_slug);
	if (!st)
		return -1;
	db_bind_text(st, 1, slug, -1);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		*kind = (enum org_kind)org_kind_from_name(db_col_text(st, 1));
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

int org_unit_add(struct db *db, int64_t parent, enum org_kind kind, const char *slug, const char *name,
		 int64_t now, int64_t *id)
{
	struct db_stmt *st = db_stmt(db, &q_unit_add);
	if (!st)
		return -1;
	if (parent)
		db_bind_int(st, 1, parent);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, org_kind_name(kind), -1);
	db_bind_text(st, 3, slug, -1);
	db_bind_text(st, 4, name, -1);
	db_bind_int(st, 5, now);
	int rc = db_one_int(st, id);
	return rc == 0 ? 0 : rc == DB_CONSTRAINT ? DB_CONSTRAINT : -1;
}

int org_profile_get(struct db *db, struct arena *a, int64_t community_id, struct community_profile *p)
{
	struct db_stmt *st = db_stmt(db, &q_profile_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		p->address = db_col_dup(st, 0, a);
		p->phone = db_col_dup(st, 1, a);
		p->hotline = db_col_dup(st, 2, a);
		p->office_hours = db_col_dup(st, 3, a);
		p->intro = db_col_dup(st, 4, a);
		p->updated_at = db_col_int(st, 5);
	} else {
		p->address = p->phone = p->hotline = p->office_hours = p->intro = "";
		p->updated_at = 0;
	}
	db_reset(st);
	return (rc == DB_ROW || rc == DB_DONE) && !a->failed ? 0 : -1;
}

int org_profile_save(struct db *db, int64_t community_id, const struct community_profile *p, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_profile_put);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, p->address, -1);
	db_bind_text(st, 3, p->phone, -1);
	db_bind_text(st, 4, p->hotline, -1);
	db_bind_text(st, 5, p->office_hours, -1);
	db_bind_text(st, 6, p->intro, -1);
	db_bind_int(st, 7, now);
	return db_run(st) == DB_DONE ? 0 : -1;
}

static void member_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct committee_member *m = slot;
	m->id = db_col_int(st, 0);
	m->committee = strcmp(db_col_text(st, 1), committee_names[COMMITTEE_PARTY]) ? COMMITTEE_RESIDENTS : COMMITTEE_PARTY;
	m->name = db_col_dup(st, 2, a);
	m->title = db_col_dup(st, 3, a);
	m->duty = db_col_dup(st, 4, a);
	m->sort_order = (int)db_col_int(st, 5);
	m->term_start = db_col_dup(st, 6, a);
	m->term_end = db_col_dup(st, 7, a);
}

int org_committee_list(struct db *db, struct arena *a, int64_t community_id, struct committee_member **out,
		       size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_committee);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	return db_rows(st, a, sizeof **out, 200, (void **)out, n, member_from_row);
}

int org_committee_add(struct db *db, int64_t community_id, const struct committee_member *m)
{
	int64_t id;
	return org_committee_create(db, community_id, m, &id);
}

int org_committee_create(struct db *db, int64_t community_id, const struct committee_member *m, int64_t *idp)
{
	int64_t id;
	if (db_next_id(db, community_id, "committee_member", &id) < 0)
		return -1;
	*idp = id;
	struct db_stmt *st = db_stmt(db, &q_committee_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, committee_names[m->committee], -1);
	db_bind_text(st, 4, m->name, -1);
	db_bind_text(st, 5, m->title, -1);
	db_bind_text(st, 6, m->duty ? m->duty : "", -1);
	db_bind_int(st, 7, m->sort_order);
	db_bind_text(st, 8, m->term_start ? m->term_start : "", -1);
	db_bind_text(st, 9, m->term_end ? m->term_end : "", -1);
	return db_run(st) == DB_DONE ? 0 : -1;
}

int org_committee_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct committee_member *m)
{
	struct db_stmt *st = db_stmt(db, &q_committee_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_row(st, a, m, member_from_row);
}

int org_committee_lock(struct db *db, int64_t community_id)
{
	struct db_stmt *st = db_stmt(db, &q_committee_lock);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		;
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

int org_committee_update(struct db *db, int64_t community_id, const struct committee_member *m)
{
	struct db_stmt *st = db_stmt(db, &q_committee_update);
	if (!st)
		return -1;
	db_bind_text(st, 1, committee_names[m->committee], -1);
	db_bind_text(st, 2, m->name, -1);
	db_bind_text(st, 3, m->title, -1);
	db_bind_text(st, 4, m->duty ? m->duty : "", -1);
	db_bind_text(st, 5, m->term_start ? m->term_start : "", -1);
	db_bind_text(st, 6, m->term_end ? m->term_end : "", -1);
	db_bind_int(st, 7, community_id);
	db_bind_int(st, 8, m->id);
	return db_run_guarded(st);
}

int org_committee_set_order(struct db *db, int64_t community_id, int64_t id, int sort_order)
{
	struct db_stmt *st = db_stmt(db, &q_committee_order);
	if (!st)
		return -1;
	db_bind_int(st, 1, sort_order);
	db_bind_int(st, 2, community_id);
	db_bind_int(st, 3, id);
	return db_run_guarded(st);
}

int org_committee_delete(struct db *db, int64_t community_id, int64_t id)
{
	struct db_stmt *st = db_stmt(db, &q_committee_delete);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_run_guarded(st);
}
