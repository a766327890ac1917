/* 社区组织与好人好事: a community's organizations (patrols, associations,
 * art troupes, volunteer teams), their members and the 好人好事 stories.
 * What the rest of shequ may use of it: the module table and two questions
 * the volunteers module asks of an organization. Everything else is private
 * to this folder (orgs_internal.h, orgs_web.h). */
#ifndef SHEQU_MODULES_ORGS_H
#define SHEQU_MODULES_ORGS_H
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "http/module.h"

extern const struct module orgs_module;

/* 1 when account user_id holds an active 负责人 or 副负责人 membership of
 * organization org_id of the community (dissolved organizations included:
 * their leaders keep their history), 0 when not (also for no such
 * organization), -1 on a database error. Runs in the caller's snapshot or
 * transaction. */
int orgs_is_leader(struct db *db, int64_t community_id, int64_t org_id, int64_t user_id);

/* The name of organization org_id of the community, copied into a:
 * 0 with *name set, 1 when there is no such organization, -1 on error. */
int orgs_name(struct db *db, struct arena *a, int64_t community_id, int64_t org_id, const char **name);

/* An organization to choose (the volunteers' project form). */
struct orgs_choice {
	int64_t id;
	const char *name;
};
/* The community's active organizations, by id, at most 200, in a:
 * 0 or -1. */
int orgs_choices(struct db *db, struct arena *a, int64_t community_id, struct orgs_choice **out, size_t *n);

#endif
