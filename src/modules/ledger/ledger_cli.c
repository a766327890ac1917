/* `shequ ledger export`: a community's year of entries as a workbook (a
 * sheet a month and a summary) or one CSV, for the archive and for years
 * too big for a browser. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "modules/ledger/ledger_report.h"
#include "org/org.h"

static const char usage[] =
    "usage: shequ ledger export --community SLUG --year YYYY --format xlsx|csv -o FILE [--db URL]\n"
    "\n"
    "export  writes the community's entries of the year: xlsx holds a summary sheet (totals per\n"
    "        category and month) and a sheet of entries per month; csv all entries in one file.\n";

/* Writes the export of slug's year to out. The exit code. */
static int export_year(struct db *db, const char *slug, int year, const char *format, const char *out)
{
	struct arena a;
	arena_init(&a, (size_t)4 << 30);
	struct buf b;
	buf_init(&b, (size_t)2 << 30);
	struct community c;
	const char *title;
	int exit = 1;
	int rc = org_community_by_slug(db, &a, slug, &c);
	if (rc != 0) {
		fprintf(stderr, "shequ: ledger: no community %s\n", slug);
	} else if (db_begin(db) < 0 ||
	           ledger_export_year(db, &a, c.id, year, !strcmp(format, "xlsx"), &b, &title) < 0 || b.err) {
		fprintf(stderr, "shequ: ledger export: %s\n", db_last_error(db) ? db_last_error(db) : "cannot write it");
	} else {
		FILE *fo = fopen(out, "wb");
		if (!fo || fwrite(b.data, 1, b.len, fo) != b.len || fclose(fo) != 0)
			fprintf(stderr, "shequ: ledger export: cannot write %s\n", out);
		else
			exit = 0;
		if (!exit)
			printf("%s %d 年收支明细已导出到 %s\n", c.name, year, out);
	}
	db_rollback(db);
	buf_free(&b);
	arena_free(&a);
	return exit;
}

int ledger_command(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "export"))
		return cli_usage(usage, argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")));
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},     {"community", required_argument, 0, 'c'},
	                                     {"year", required_argument, 0, 'y'},   {"format", required_argument, 0, 'f'},
	                                     {"output", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'},
	                                     {0}};
	const char *flag = NULL, *slug = NULL, *format = NULL, *out = NULL, *year_s = NULL;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "o:", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': flag = optarg; break;
		case 'c': slug = optarg; break;
		case 'y': year_s = optarg; break;
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		default: return cli_usage(usage, ch == 'h');
		}
	}
	char *end = NULL;
	long year = year_s ? strtol(year_s, &end, 10) : 0;
	if (!slug || !format || !out || optind != argc - 1 || !end || *end || year < 2000 || year > 9999 ||
	    (strcmp(format, "csv") && strcmp(format, "xlsx")))
		return cli_usage(usage, 0);
	const char *url = cli_db_url(flag);
	struct db *db;
	if (cli_open(url, 1, &db) < 0)
		return 1;
	int exit = export_year(db, slug, (int)year, format, out);
	db_close(db);
	return exit;
}
