/* Org units: district → street → community (→ grid), with Chinese names and
 * URL slugs; each community's public profile and its two committees. */
#ifndef SHEQU_ORG_ORG_H
#define SHEQU_ORG_ORG_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

enum org_kind { ORG_DISTRICT, ORG_STREET, ORG_COMMUNITY, ORG_GRID, ORG__MAX };

struct org_ref {
	int64_t id;
	const char *slug, *name;
};

struct community {
	int64_t id;
	const char *slug, *name;
	struct org_ref street, district;
	int64_t chain[3]; /* community, street, district: for role resolution */
};

struct community_profile {
	const char *address, *phone, *hotline, *office_hours, *intro;
	int64_t updated_at;
};

enum committee { COMMITTEE_PARTY, COMMITTEE_RESIDENTS, COMMITTEE__MAX };

struct committee_member {
	int64_t id;
	enum committee committee;
	const char *name, *title, *duty;
	int sort_order;
	const char *term_start, *term_end; /* YYYY-MM-DD or "" (NULL reads as "") */
};

/* "district", "street", ... and their Chinese labels. */
const char *org_kind_name(enum org_kind k);
int org_kind_from_name(const char *s);
const char *committee_label(enum committee c);

/* Finds a community by slug. 0 found, 1 not found, -1 error. */
int org_community_by_slug(struct db *db, struct arena *a, const char *slug, struct community *out);
/* Lists communities at or below unit (0: all), ordered by district, street
 * and name, each in pinyin order. 0 or -1. */
int org_communities_under(struct db *db, struct arena *a, int64_t unit_id, struct community **out, size_t *n);
/* Finds any org unit by slug: 0 with *id, *kind set, 1 not found, -1 error. */
int org_unit_by_slug(struct db *db, const char *slug, int64_t *id, enum org_kind *kind);
/* Adds an org unit under parent (0 for a district). 0, DB_CONSTRAINT if the slug is taken, or -1. */
int org_unit_add(struct db *db, int64_t parent, enum org_kind kind, const char *slug, const char *name,
		 int64_t now, int64_t *id);
/* Reads the profile (empty fields if none saved). 0 or -1. */
int org_profile_get(struct db *db, struct arena *a, int64_t community_id, struct community_profile *p);
/* Saves the profile. 0 or -1. */
int org_profile_save(struct db *db, int64_t community_id, const struct community_profile *p, int64_t now);
/* Lists the committee members of a community, party first, by sort order. 0 or -1. */
int org_committee_list(struct db *db, struct arena *a, int64_t community_id, struct committee_member **out,
		       size_t *n);
/* Adds a committee member. 0 or -1. */
int org_committee_add(struct db *db, int64_t community_id, const struct committee_member *m);
/* Adds a committee member (id from db_next_id) and returns its id. 0 or -1. */
int org_committee_create(struct db *db, int64_t community_id, const struct committee_member *m, int64_t *id);
/* Reads one member: 0, 1 if there is none, -1. */
int org_committee_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct committee_member *m);
/* Locks every member row of the community until commit (an edit, removal
 * or reordering reads them first). 0 or -1. */
int org_committee_lock(struct db *db, int64_t community_id);
/* Replaces a member's committee, name, title, duty and term (m->id names
 * it; its order is kept). 0, 1 if there is none, -1. */
int org_committee_update(struct db *db, int64_t community_id, const struct committee_member *m);
/* Sets a member's place in its committee's order. 0, 1 if none, -1. */
int org_committee_set_order(struct db *db, int64_t community_id, int64_t id, int sort_order);
/* Removes a member. 0, 1 if there is none, -1. */
int org_committee_delete(struct db *db, int64_t community_id, int64_t id);

#endif
