#include <string.h>

#include "auth/auth.h"

static const char *const role_names[ROLE__MAX] = {
    [ROLE_RESIDENT] = "resident",	      [ROLE_STAFF] = "staff",
    [ROLE_SUPERVISOR] = "supervisor",	      [ROLE_STREET_ADMIN] = "street_admin",
    [ROLE_DISTRICT_ADMIN] = "district_admin", [ROLE_SYSTEM_ADMIN] = "system_admin",
};

static const char *const role_labels[ROLE__MAX] = {
    [ROLE_RESIDENT] = "居民",		   [ROLE_STAFF] = "社区干部",	 [ROLE_SUPERVISOR] = "监督员",
    [ROLE_STREET_ADMIN] = "街道管理员", [ROLE_DISTRICT_ADMIN] = "区管理员", [ROLE_SYSTEM_ADMIN] = "系统管理员",
};

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE__MAX ? role_names[r] : NULL;
}

const char *role_label(enum role r)
{
	return (unsigned)r < ROLE__MAX ? role_labels[r] : "";
}

int role_from_name(const char *s)
{
	for (int r = 0; s && r < ROLE__MAX; r++)
		if (!strcmp(s, role_names[r]))
			return r;
	return -1;
}

unsigned auth_roles_at(const struct auth_grant *g, size_t n, const int64_t *chain, size_t nchain)
{
	unsigned mask = 0;
	for (size_t i = 0; i < n; i++) {
		if (g[i].unit_id == 0) {
			/* Only a system administrator holds a role everywhere. */
			if (g[i].role == ROLE_SYSTEM_ADMIN)
				mask |= ROLE_BIT(ROLE_SYSTEM_ADMIN);
			continue;
		}
		for (size_t k = 0; k < nchain; k++)
			if (chain[k] == g[i].unit_id)
				mask |= ROLE_BIT(g[i].role);
	}
	return mask;
}

unsigned auth_roles_anywhere(const struct auth_grant *g, size_t n)
{
	unsigned mask = 0;
	for (size_t i = 0; i < n; i++)
		mask |= ROLE_BIT(g[i].role);
	return mask;
}

int64_t auth_admin_scope(const struct auth_user *u)
{
	int64_t best = -1;
	int best_rank = -1;
	for (size_t g = 0; g < u->ngrants; g++) {
		int rank = u->grants[g].role == ROLE_SYSTEM_ADMIN     ? 3
			   : u->grants[g].role == ROLE_DISTRICT_ADMIN ? 2
			   : u->grants[g].role == ROLE_STREET_ADMIN   ? 1
								      : -1;
		if (rank > best_rank) {
			best_rank = rank;
			best = u->grants[g].role == ROLE_SYSTEM_ADMIN ? 0 : u->grants[g].unit_id;
		}
	}
	return best;
}
