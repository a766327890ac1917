/* Demo data of the accounts module (`shequ demo`): the demo's supervisors
 * and committee members get the term of the 两委 elected two years ago
 * (five years from March 1st), so that their pages show real dates. */
#include <stdio.h>

#include "core/date.h"
#include "modules/accounts/accounts_web.h"

int accounts_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	int year = date_from_time(now).y;
	char start[24], end[24];
	snprintf(start, sizeof start, "%04d-03-01", year - 2);
	snprintf(end, sizeof end, "%04d-02-28", year + 3);
	struct auth_member *sup;
	struct committee_member *m;
	size_t ns, nm;
	int64_t id;
	if (auth_users_with_role(db, a, c->id, ROLE_SUPERVISOR, &sup, &ns) < 0 ||
	    org_committee_list(db, a, c->id, &m, &nm) < 0)
		return -1;
	for (size_t i = 0; i < ns; i++)
		if (auth_supervisor_appoint(db, c->id, sup[i].id, start, end, now, &id) < 0)
			return -1;
	for (size_t i = 0; i < nm; i++) {
		m[i].term_start = start;
		m[i].term_end = end;
		if (org_committee_update(db, c->id, &m[i]) != 0)
			return -1;
	}
	return 0;
}
