/* shequ org: districts, streets, communities and grids from the command line. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "auth/audit.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/str.h"
#include "org/org.h"

static const char org_usage[] =
    "usage: shequ org add KIND SLUG NAME [--parent SLUG] [--db URL]\n"
    "       shequ org list [--db URL]\n"
    "KIND: district, street (under a district), community (under a street), grid (under a\n"
    "community). SLUG: the unit's URL name, lower-case letters, digits and -. A new\n"
    "community gets each module's defaults (e.g. the disclosure catalogue).\n";

static const enum org_kind parent_kind[ORG__MAX] = {ORG__MAX, ORG_DISTRICT, ORG_STREET, ORG_COMMUNITY};

static int org_add(struct db *db, const char *kind_s, const char *slug, const char *name, const char *parent_slug)
{
	int kind = org_kind_from_name(kind_s);
	if (kind < 0 || !str_is_slug(slug) || !*name) {
		fprintf(stderr, "shequ: org add: bad kind, slug or name\n");
		return 2;
	}
	int64_t parent = 0;
	enum org_kind pk;
	if (kind != ORG_DISTRICT) {
		if (!parent_slug || org_unit_by_slug(db, parent_slug, &parent, &pk) != 0 || pk != parent_kind[kind]) {
			fprintf(stderr, "shequ: org add: a %s needs --parent naming a %s\n", kind_s, org_kind_name(parent_kind[kind]));
			return 2;
		}
	} else if (parent_slug) {
		fprintf(stderr, "shequ: org add: a district has no parent\n");
		return 2;
	}
	int64_t now = clock_now(), id;
	if (db_begin(db) < 0)
		return 1;
	int rc = org_unit_add(db, parent, (enum org_kind)kind, slug, name, now, &id);
	if (rc == 0 && kind == ORG_COMMUNITY) {
		struct community_profile p = {"", "", "", "", "", now};
		rc = org_profile_save(db, id, &p, now);
		for (size_t m = 0; rc == 0 && m < shequ_nmodules; m++)
			if (shequ_modules[m]->community_created)
				rc = shequ_modules[m]->community_created(db, id, now);
	}
	struct audit_event ev = {.actor = "命令行", .unit_id = id, .action = "org.create", .entity = "org_unit",
				 .entity_id = slug, .ip = "cli", .detail = name};
	if (rc != 0 || audit_write(db, &ev, now) < 0 || db_commit(db) < 0) {
		fprintf(stderr, "shequ: org add: %s\n", rc == DB_CONSTRAINT ? "that slug is taken" : db_errmsg(db));
		db_rollback(db);
		return 1;
	}
	printf("%s %s (%s) added\n", kind_s, slug, name);
	return 0;
}

int cmd_org(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"parent", required_argument, 0, 'p'},
					     {"help", no_argument, 0, 'h'},	{0}};
	const char *dbf = NULL, *parent = NULL;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'd')
			dbf = optarg;
		else if (ch == 'p')
			parent = optarg;
		else
			return cli_usage(org_usage, ch == 'h');
	}
	int n = argc - optind;
	char **args = argv + optind;
	if (n < 1 || !((!strcmp(args[0], "add") && n == 4) || (!strcmp(args[0], "list") && n == 1)))
		return cli_usage(org_usage, 0);
	struct db *db;
	if (cli_open(cli_db_url(dbf), 1, &db) < 0)
		return 1;
	int rc = 0;
	if (!strcmp(args[0], "add")) {
		rc = org_add(db, args[1], args[2], args[3], parent);
	} else {
		struct arena a;
		arena_init(&a, 64 << 20);
		struct community *list;
		size_t k;
		if (org_communities_under(db, &a, 0, &list, &k) < 0)
			rc = 1;
		for (size_t i = 0; rc == 0 && i < k; i++)
			printf("%-20s %s / %s / %s\n", list[i].slug, list[i].district.name, list[i].street.name, list[i].name);
		arena_free(&a);
	}
	db_close(db);
	return rc;
}
