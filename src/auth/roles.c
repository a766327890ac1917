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

/* Roles modules added, after the core's: [ROLE__MAX, ROLE__MAX + nextra). */
static const struct role_def *extra[ROLE_LIMIT - ROLE__MAX];
static int nextra;

int role_count(void)
{
	return ROLE__MAX + nextra;
}

const char *role_name(enum role r)
{
	if ((unsigned)r < ROLE__MAX)
		return role_names[r];
	return (int)r >= ROLE__MAX && (int)r < role_count() ? extra[r - ROLE__MAX]->name : NULL;
}

const char *role_label(enum role r)
{
	if ((unsigned)r < ROLE__MAX)
		return role_labels[r];
	return (int)r >= ROLE__MAX && (int)r < role_count() ? extra[r - ROLE__MAX]->label : "";
}

const char *role_home(enum role r)
{
	return (int)r >= ROLE__MAX && (int)r < role_count() ? extra[r - ROLE__MAX]->home : NULL;
}

int role_from_name(const char *s)
{
	for (int r = 0; s && r < role_count(); r++)
		if (!strcmp(s, role_name((enum role)r)))
			return r;
	return -1;
}

unsigned role_bit(const char *name)
{
	int r = role_from_name(name);
	return r < 0 ? 0 : ROLE_BIT(r);
}

static int well_formed(const char *name)
{
	if (!name || !*name || strlen(name) > 32)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
			return 0;
	return 1;
}

int role_register(const struct role_def *defs)
{
	if (!defs)
		return 0;
	for (int i = 0; i < nextra; i++)
		if (extra[i] == defs)
			return 0; /* already registered */
	int n = 0;
	for (const struct role_def *d = defs; d->name; d++, n++) {
		if (!well_formed(d->name) || !d->label || role_from_name(d->name) >= 0)
			return -1;
		for (const struct role_def *e = defs; e < d; e++)
			if (!strcmp(e->name, d->name))
				return -1;
	}
	if (role_count() + n > ROLE_LIMIT)
		return -1;
	for (int i = 0; i < n; i++)
		extra[nextra++] = &defs[i];
	return 0;
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
