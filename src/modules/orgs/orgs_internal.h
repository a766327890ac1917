/* 社区组织: the orgs module's types, words and store, shared by its files
 * only. The store (orgs_store.c, orgs_member_store.c) is SQL only: writes
 * run in the caller's write transaction, each locking the organization's
 * row first; reads run in its snapshot. */
#ifndef SHEQU_MODULES_ORGS_INTERNAL_H
#define SHEQU_MODULES_ORGS_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

/* Store answers besides 0 and -1 (a database error). */
enum {
	ORGS_NOT_FOUND = 1, /* no such row in the community */
	ORGS_STATE = 2,	    /* the row is not in a state that allows the step */
	ORGS_DUP = 3,	    /* a name taken, or an account's second open membership */
	ORGS_DISSOLVED = 4, /* the organization is dissolved */
};

enum orgs_kind { OK_PATROL, OK_ELDERLY, OK_DISABLED, OK_ARTS, OK_VOLUNTEER, OK_OTHER, OK__MAX };
enum orgs_group { OG_NONE, OG_COMMUNITY, OG_PARTY, OG_YOUTH, OG_WOMEN, OG__MAX };
enum orgs_role { OR_LEADER, OR_DEPUTY, OR_MEMBER, OR__MAX };
enum orgs_mstate { OM_PENDING, OM_ACTIVE, OM_REFUSED, OM_WITHDRAWN, OM_LEFT, OM_REMOVED, OM__MAX };

/* Codes as stored and their Chinese labels (orgs_words.c). A code not in
 * the list reads as -1; the label of a value out of range is "". */
const char *orgs_kind_name(int k);
const char *orgs_kind_label(int k);
int orgs_kind_from(const char *s);
const char *orgs_group_name(int g);
const char *orgs_group_label(int g);
int orgs_group_from(const char *s);
const char *orgs_role_name(int r);
const char *orgs_role_label(int r);
int orgs_role_from(const char *s);
const char *orgs_mstate_name(int s);
const char *orgs_mstate_label(int s);
int orgs_mstate_from(const char *s);
/* "志愿服务队(党员志愿者)", "老年人协会": the kind with its group. */
const char *orgs_kind_text(struct arena *a, int kind, int group);

struct orgs_org {
	int64_t id;
	int kind;  /* enum orgs_kind */
	int group; /* enum orgs_group, OG_NONE unless a volunteer team */
	const char *name, *purpose;
	char founded_on[11]; /* "" when not known */
	const char *meets, *how_to_join;
	int active;
	char dissolved_on[11];
	const char *dissolve_reason;
	int64_t members, pending; /* kept counts */
	int64_t created_at, updated_at;
};

struct orgs_member {
	int64_t id, org_id, user_id; /* user_id 0: registered at the desk */
	const char *name;	     /* in: the full name to seal; out: NULL unless opened */
	const char *mobile;	     /* in: the full mobile to seal ("" none); out: NULL unless opened */
	const char *name_masked, *mobile_masked;
	int role;  /* enum orgs_role */
	int state; /* enum orgs_mstate */
	const char *note, *reason;
	int64_t by_user, decided_by;
	int64_t applied_at, joined_at, left_at; /* 0 when not yet */
	const char *org_name;			/* out: 我的组织 */
	int org_active;				/* out: 我的组织 */
	int64_t org_pending;			/* out: 我的组织, the organization's applications waiting */
};

/* ---- organizations (orgs_store.c) ---- */
/* Adds an active organization (id from db_next_id): 0 with o->id set,
 * ORGS_DUP (the name is taken in the community), -1. */
int orgs_org_add(struct db *db, int64_t community_id, struct orgs_org *o, int64_t by, int64_t now);
/* Replaces an organization's fields (not its state or counts), the row
 * locked: 0, ORGS_NOT_FOUND, ORGS_DUP, -1. */
int orgs_org_update(struct db *db, int64_t community_id, const struct orgs_org *o, int64_t now);
/* Locks the organization's row for the rest of the transaction and reads
 * whether it is active: 0 with *active set (may be NULL), ORGS_NOT_FOUND, -1. */
int orgs_org_lock(struct db *db, int64_t community_id, int64_t id, int *active);
/* Dissolves an active organization (guarded) on day `on` with the reason,
 * refusing its waiting applications ("组织已解散"): 0, ORGS_NOT_FOUND,
 * ORGS_STATE (dissolved already), -1. */
int orgs_org_dissolve(struct db *db, int64_t community_id, int64_t id, const char *on, const char *reason,
		      int64_t by, int64_t now);
/* One organization: 0, ORGS_NOT_FOUND, -1. */
int orgs_org_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct orgs_org *o);
/* A page of organizations by id after offset, at most limit (ask limit+1
 * to learn of a next page): the public's (active only, of one kind when
 * kind >= 0) or every one for staff (active_only 0, kind ignored). 0 or -1. */
int orgs_org_list(struct db *db, struct arena *a, int64_t community_id, int active_only, int kind, int64_t offset,
		  int64_t limit, struct orgs_org **out, size_t *n);

/* ---- members (orgs_member_store.c) ---- */
/* A logged-in resident applies to join (m->user_id, m->name, m->mobile,
 * m->note) under the organization's lock: ORGS_NOT_FOUND, ORGS_DISSOLVED,
 * ORGS_DUP (the account has a pending or active membership already);
 * else a pending membership, 0 with m->id set. -1 on error. */
int orgs_apply(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, struct orgs_member *m,
	       int64_t now);
/* Registers a person at the desk (m->name, m->mobile, m->role; user_id 0)
 * as an active member, by account `by`: 0 with m->id set, ORGS_NOT_FOUND,
 * ORGS_DISSOLVED, -1. */
int orgs_desk_add(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, struct orgs_member *m,
		  int64_t by, int64_t now);
/* Approves (approve 1) or refuses (with reason) a pending application
 * under the organization's lock: 0, ORGS_NOT_FOUND, ORGS_STATE (not
 * pending), ORGS_DISSOLVED (approving in a dissolved organization), -1. */
int orgs_decide(struct db *db, int64_t community_id, int64_t org_id, int64_t member_id, int approve,
		const char *reason, int64_t by, int64_t now);
/* Ends a membership under the organization's lock: the account user_id
 * leaving itself (user_id not 0: only its own; an active one is 退出, a
 * pending one withdrawn), or removed by `by` with a reason (user_id 0:
 * active members only). 0, ORGS_NOT_FOUND, ORGS_STATE, -1. */
int orgs_end(struct db *db, int64_t community_id, int64_t org_id, int64_t member_id, int64_t user_id,
	     const char *reason, int64_t by, int64_t now);
/* Gives an active member a role (负责人, 副负责人, 成员): 0,
 * ORGS_NOT_FOUND, ORGS_STATE (not active), -1. */
int orgs_set_role(struct db *db, int64_t community_id, int64_t org_id, int64_t member_id, int role, int64_t now);
/* One membership of the organization, with name and mobile opened when
 * full (NULL when they do not open): 0, ORGS_NOT_FOUND, -1. */
int orgs_member_get(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, int64_t member_id,
		    int full, struct orgs_member *m);
/* A page of an organization's memberships in state (-1: every state, newest
 * first; else that state, oldest first), masked only, at most limit after
 * offset. 0 or -1. */
int orgs_members(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, int state, int64_t offset,
		 int64_t limit, struct orgs_member **out, size_t *n);
/* The active 负责人 and 副负责人 of an organization, masked, at most 10. 0 or -1. */
int orgs_leaders(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, struct orgs_member **out,
		 size_t *n);
/* The account's memberships in the community, every state, newest first,
 * with their organizations' names, states and waiting applications
 * (org_name, org_active, org_pending), at most limit
 * after offset. 0 or -1. */
int orgs_mine(struct db *db, struct arena *a, int64_t community_id, int64_t user_id, int64_t offset, int64_t limit,
	      struct orgs_member **out, size_t *n);
/* The account's open (pending or active) membership of the organization:
 * 0 with *m set, ORGS_NOT_FOUND, -1. */
int orgs_open_membership(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, int64_t user_id,
			 struct orgs_member *m);
/* Counts of an organization's rows by state, from the rows (a check for
 * tests): active and pending. 0 or -1. */
int orgs_member_counts(struct db *db, int64_t community_id, int64_t org_id, int64_t *active, int64_t *pending);

/* ---- 好人好事 (orgs_story_store.c) ---- */
enum orgs_sstate { OS_DRAFT, OS_PUBLISHED, OS_WITHDRAWN, OS__MAX };
const char *orgs_sstate_name(int s);
const char *orgs_sstate_label(int s);
int orgs_sstate_from(const char *s);

#define ORGS_MAX_PHOTOS 6
#define ORGS_PHOTO_BYTES (2u << 20)

struct orgs_story {
	int64_t id;
	const char *title;
	char told_on[11];
	const char *body;	  /* "" on list rows */
	const char *person;	  /* in: the name to seal; out: NULL unless opened */
	const char *person_shown; /* out: the name (consent) or its mask */
	int consent;
	int64_t org_id;	      /* 0: none */
	const char *org_name; /* out: "" when none */
	int state;	      /* enum orgs_sstate */
	const char *withdraw_reason;
	int64_t published_at, photos, created_at, updated_at;
};

struct orgs_photo {
	int64_t id;
	const char *name, *mime;
	int64_t size;
	const void *data; /* NULL in lists */
};

/* Adds a draft (id from db_next_id), the person sealed and person_shown
 * set from consent: 0 with s->id set, ORGS_NOT_FOUND (s->org_id is not an
 * organization of the community), -1. */
int orgs_story_add(struct db *db, struct arena *a, int64_t community_id, struct orgs_story *s, int64_t by,
		   int64_t now);
/* Locks the story's row and reads its state and photo count: 0,
 * ORGS_NOT_FOUND, -1. */
int orgs_story_lock(struct db *db, int64_t community_id, int64_t id, int *state, int64_t *photos);
/* Replaces a draft's or published story's fields (a withdrawn one is
 * ORGS_STATE), the row locked; s->person NULL keeps the kept person (and
 * shows it by the new consent). 0, ORGS_NOT_FOUND, ORGS_STATE, -1. */
int orgs_story_update(struct db *db, struct arena *a, int64_t community_id, const struct orgs_story *s, int64_t by,
		      int64_t now);
/* Publishes a draft (guarded): 0, ORGS_NOT_FOUND, ORGS_STATE, -1. */
int orgs_story_publish(struct db *db, int64_t community_id, int64_t id, int64_t by, int64_t now);
/* Withdraws a published story with the reason (guarded): 0,
 * ORGS_NOT_FOUND, ORGS_STATE, -1. */
int orgs_story_withdraw(struct db *db, int64_t community_id, int64_t id, const char *reason, int64_t by,
			int64_t now);
/* One story with its body and organization's name; its person opened
 * into s->person when full (NULL when it does not open). 0,
 * ORGS_NOT_FOUND, -1. */
int orgs_story_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, int full, struct orgs_story *s);
/* A page of stories without bodies: published ones newest first
 * (published_only), or every one for staff, newest first. 0 or -1. */
int orgs_story_list(struct db *db, struct arena *a, int64_t community_id, int published_only, int64_t offset,
		    int64_t limit, struct orgs_story **out, size_t *n);
/* Adds a photo to a story that is not withdrawn, its row locked and its
 * kept count raised: 0 with *id set, ORGS_STATE (withdrawn, or
 * ORGS_MAX_PHOTOS already), ORGS_NOT_FOUND, -1. */
int orgs_photo_add(struct db *db, int64_t community_id, int64_t story_id, const char *name, const char *mime,
		   const void *data, size_t len, int64_t now, int64_t *id);
/* A story's photos without their bytes, in order. 0 or -1. */
int orgs_photos(struct db *db, struct arena *a, int64_t community_id, int64_t story_id, struct orgs_photo **out,
		size_t *n);
/* One photo with its bytes: 0, ORGS_NOT_FOUND, -1. */
int orgs_photo_get(struct db *db, struct arena *a, int64_t community_id, int64_t story_id, int64_t id,
		   struct orgs_photo *out);

#endif
