/* `shequ ledger export`: a community's year of entries as a workbook (a
 * sheet a month and a summary) or one CSV, for the archive and for years
 * too big for a browser. `shequ ledger import`: entries from a CSV file,
 * entered in the name of a staff member and awaiting approval by another. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/audit.h"
#include "auth/auth.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "modules/ledger/ledger_internal.h"
#include "modules/ledger/ledger_report.h"
#include "org/org.h"

static const char usage[] =
    "usage: shequ ledger export --community SLUG --year YYYY --format xlsx|csv -o FILE [--db URL]\n"
    "       shequ ledger import --community SLUG --as USERNAME FILE.csv [--dry-run] [--db URL]\n"
    "\n"
    "export  writes the community's entries of the year: xlsx holds a summary sheet (totals per\n"
    "        category and month) and a sheet of entries per month; csv all entries in one file.\n"
    "import  reads entries from a CSV file (UTF-8 or GB18030; columns 日期, 收支, 类别, 金额 or\n"
    "        收入/支出, 对方单位或个人, 凭证号, 摘要 — the import page lists them) and enters them\n"
    "        as entered by USERNAME (staff of the community), awaiting approval by someone else.\n"
    "        Every bad row is listed with its line; nothing is imported unless every row is good.\n"
    "        --dry-run checks only.\n";

/* The files the command line imports: up to 1 GiB, 2,000,000 rows. */
#define CLI_MAX_BYTES ((size_t)1 << 30)
#define CLI_MAX_ROWS 2000000

/* The id of the staff member username of community c (staff or an admin
 * above it), or 0 after saying why. */
static int64_t staff_id(struct db *db, struct arena *a, const struct community *c, const char *username)
{
	struct auth_user u;
	char *hash;
	int rc = auth_user_by_login(db, a, username, &u, &hash);
	if (rc == 0)
		rc = auth_grants_load(db, a, &u);
	if (rc < 0) {
		fprintf(stderr, "shequ: ledger import: %s\n", db_errmsg(db));
		return 0;
	}
	if (rc > 0) {
		fprintf(stderr, "shequ: ledger import: no user %s\n", username);
		return 0;
	}
	size_t nchain = 0;
	while (nchain < 3 && c->chain[nchain])
		nchain++;
	if (!(auth_roles_at(u.grants, u.ngrants, c->chain, nchain) & ROLES_STAFF)) {
		fprintf(stderr, "shequ: ledger import: %s is not staff of %s\n", username, c->slug);
		return 0;
	}
	return u.id;
}

/* Imports file into slug's books as entered by username. The exit code. */
static int import_file(struct db *db, const char *slug, const char *username, const char *file, int dry_run)
{
	size_t n = 0;
	char *data = cli_read_file(file, CLI_MAX_BYTES, &n);
	if (!data) {
		fprintf(stderr, "shequ: ledger import: cannot read %s: %s\n", file, strerror(errno));
		return 1;
	}
	struct arena a;
	arena_init(&a, (size_t)4 << 30);
	struct community c;
	struct ledger_import_result res;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct ledger_import_options o = {.dry_run = dry_run, .now = clock_now(), .max_bytes = CLI_MAX_BYTES,
	                                  .max_rows = CLI_MAX_ROWS};
	int exit = 1, rc = org_community_by_slug(db, &a, slug, &c);
	if (rc != 0) {
		fprintf(stderr, "shequ: ledger: no community %s\n", slug);
		goto out;
	}
	if (!(o.by = staff_id(db, &a, &c, username)))
		goto out;
	rc = db_begin(db) < 0 || db_bulk(db, 1) < 0 ? -1 : ledger_import(db, &a, c.id, data, n, &o, &res);
	if (rc == -1) {
		fprintf(stderr, "shequ: ledger import: database error: %s\n",
		        db_last_error(db) ? db_last_error(db) : db_errmsg(db));
	} else if (rc == 2) {
		fprintf(stderr, "shequ: ledger import: %s: %s\n", file, res.imp.fatal ? res.imp.fatal : "无法读取");
	} else if (rc == 1) {
		fprintf(stderr, "%s: 有 %d 行有问题,没有导入任何数据:\n", file, res.imp.nerrors);
		for (int i = 0; i < res.imp.nkept; i++)
			fprintf(stderr, "  第 %d 行:%s\n", res.imp.errors[i].line, res.imp.errors[i].message);
		if (res.imp.nerrors > res.imp.nkept)
			fprintf(stderr, "  另有 %d 行的问题未列出\n", res.imp.nerrors - res.imp.nkept);
	} else {
		struct audit_event ev = {.actor = arena_printf(&a, "命令行(%s,以 %s 名义)", cli_os_user(), username),
		                         .unit_id = c.id,
		                         .action = "ledger.import",
		                         .entity = "ledger_entry",
		                         .ip = "cli",
		                         .detail = arena_printf(&a, "%s: %lld entries", file, (long long)res.good)};
		if (!dry_run && (audit_write(db, &ev, o.now) < 0 || db_commit(db) < 0)) {
			fprintf(stderr, "shequ: ledger import: cannot commit: %s\n", db_errmsg(db));
		} else {
			clock_gettime(CLOCK_MONOTONIC, &t1);
			double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
			printf("%s%lld 张凭证已%s(%s 至 %s,收入 %lld.%02lld 元,支出 %lld.%02lld 元%s);"
			       "用时 %.2f 秒(%.0f 行/秒)\n",
			       dry_run ? "检查通过:" : "", (long long)res.good, dry_run ? "检查,可以导入" : "导入,待审核",
			       res.first, res.last, (long long)(res.income_fen / 100), (long long)(res.income_fen % 100),
			       (long long)(res.expense_fen / 100), (long long)(res.expense_fen % 100),
			       res.skipped ? arena_printf(&a, ",跳过合计行 %lld 行", (long long)res.skipped) : "", s,
			       s > 0 ? (double)res.good / s : 0.0);
			exit = 0;
		}
	}
	db_rollback(db);
	db_bulk(db, 0);
out:
	arena_free(&a);
	free(data);
	return exit;
}

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
	           ledger_export_year(db, &a, c.id, year, !strcmp(format, "xlsx"), 0, &b, &title) != 0 || b.err) {
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
	int import = argc >= 2 && !strcmp(argv[1], "import");
	if (argc < 2 || (strcmp(argv[1], "export") && !import))
		return cli_usage(usage, argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")));
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},     {"community", required_argument, 0, 'c'},
	                                     {"year", required_argument, 0, 'y'},   {"format", required_argument, 0, 'f'},
	                                     {"output", required_argument, 0, 'o'}, {"as", required_argument, 0, 'a'},
	                                     {"dry-run", no_argument, 0, 'n'},      {"help", no_argument, 0, 'h'},
	                                     {0}};
	const char *flag = NULL, *slug = NULL, *format = NULL, *out = NULL, *year_s = NULL, *as = NULL;
	int ch, dry_run = 0;
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "o:", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': flag = optarg; break;
		case 'c': slug = optarg; break;
		case 'y': year_s = optarg; break;
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'a': as = optarg; break;
		case 'n': dry_run = 1; break;
		default: return cli_usage(usage, ch == 'h');
		}
	}
	char *end = NULL;
	long year = year_s ? strtol(year_s, &end, 10) : 0;
	if (import ? !slug || !as || optind != argc - 2 || format || out || year_s
	           : !slug || !format || !out || optind != argc - 1 || !end || *end || year < 2000 || year > 9999 ||
	                 as || dry_run || (strcmp(format, "csv") && strcmp(format, "xlsx")))
		return cli_usage(usage, 0);
	const char *url = cli_db_url(flag);
	struct db *db;
	if (cli_open(url, 1, &db) < 0)
		return 1;
	int exit = import ? import_file(db, slug, as, argv[argc - 1], dry_run)
	                  : export_year(db, slug, (int)year, format, out);
	db_close(db);
	return exit;
}
