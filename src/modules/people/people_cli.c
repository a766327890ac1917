/* `shequ people import` and `shequ people export`: the registry from and to
 * a spreadsheet on the command line, for the first load of a community
 * and for files too big for a browser. A full export is audited as the
 * operating-system user who ran it. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/audit.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "modules/people/people_internal.h"
#include "org/org.h"
#include "web/export.h"

static const char usage[] =
    "usage: shequ people import --community SLUG FILE [--dry-run] [--db URL] [--key-file PATH]\n"
    "       shequ people export --community SLUG --format csv|xlsx -o FILE [--full] [--status living|moved_out|\n"
    "                           deceased|all] [--db URL] [--key-file PATH]\n"
    "\n"
    "import  reads residents from a CSV (UTF-8 or GB18030) or XLSX file with the usual headers\n"
    "        (姓名, 性别, 公民身份号码, 手机号码, 楼栋, 单元, 房号, 与户主关系, 人员类别 ...), checks\n"
    "        every row and writes them all, or nothing when any row is refused; --dry-run only checks.\n"
    "export  writes the community's residents masked; --full writes every field (audited).\n";

/* The files a command line may read: up to 1 GiB, 5,000,000 rows. */
#define CLI_MAX_BYTES ((size_t)1 << 30)
#define CLI_MAX_ROWS 5000000

static void progress(void *ctx, const char *stage, int rows, size_t done, size_t total)
{
	(void)ctx;
	if (!isatty(2))
		return;
	fprintf(stderr, "\r%s: %d 行 (%d%%)   ", stage, rows, total ? (int)(100.0 * (double)done / (double)total) : 100);
	if (done == total)
		fputc('\n', stderr);
}

static int cmd_import(struct db *db, struct community *c, const char *file, int dry_run)
{
	size_t n = 0;
	char *data = cli_read_file(file, CLI_MAX_BYTES, &n);
	if (!data) {
		fprintf(stderr, "shequ: people import: cannot read %s: %s\n", file, strerror(errno));
		return 1;
	}
	struct arena a;
	arena_init(&a, (size_t)1 << 30);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct people_import_options o = {.dry_run = dry_run, .now = clock_now(), .max_bytes = CLI_MAX_BYTES,
	                                  .max_rows = CLI_MAX_ROWS, .progress = progress};
	struct people_import_result res;
	int rc = db_begin(db) < 0 ? -1 : people_import(db, &a, c->id, data, n, &o, &res);
	int exit = 1;
	if (rc == -1) {
		fprintf(stderr, "shequ: people import: database error: %s\n",
		        db_last_error(db) ? db_last_error(db) : db_errmsg(db));
	} else if (rc == 2 || rc == 3) {
		fprintf(stderr, "shequ: people import: %s: %s\n", file, res.imp.fatal ? res.imp.fatal : "无法读取");
	} else if (res.bad) {
		fprintf(stderr, "%s: %d 行中有 %d 行有问题,没有导入任何数据:\n", file, res.rows, res.bad);
		for (int i = 0; i < res.imp.nkept; i++)
			fprintf(stderr, "  第 %d 行:%s\n", res.imp.errors[i].line, res.imp.errors[i].message);
		if (res.imp.nerrors > res.imp.nkept)
			fprintf(stderr, "  另有 %d 行的问题未列出\n", res.imp.nerrors - res.imp.nkept);
	} else {
		struct audit_event ev = {.actor = arena_printf(&a, "命令行(%s)", cli_os_user()),
		                         .unit_id = c->id,
		                         .action = "people.import",
		                         .entity = "people_import",
		                         .ip = "cli",
		                         .detail = arena_printf(&a, "命令行导入 %s:%d 人,新楼栋 %d 个,新房屋 %d 户", file,
		                                                 res.rows, res.nnew_buildings, res.nnew_rooms)};
		if (!dry_run && (audit_write(db, &ev, o.now) < 0 || db_commit(db) < 0)) {
			fprintf(stderr, "shequ: people import: cannot commit: %s\n", db_errmsg(db));
		} else {
			clock_gettime(CLOCK_MONOTONIC, &t1);
			double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
			printf("%s%d 行已%s,新楼栋 %d 个,新房屋 %d 户,新家庭户 %d 个;用时 %.2f 秒(%.0f 行/秒)\n",
			       dry_run ? "检查通过:" : "", res.rows, dry_run ? "检查,可以导入" : "导入", res.nnew_buildings,
			       res.nnew_rooms, res.households_new, s, s > 0 ? res.rows / s : 0.0);
			for (int i = 0; dry_run && i < res.nnew_buildings && i < 20; i++)
				printf("  将新建楼栋:%s\n", res.new_buildings[i]);
			exit = 0;
		}
	}
	db_rollback(db);
	arena_free(&a);
	free(data);
	return exit;
}

static int cmd_export(struct db *db, struct community *c, const char *format, const char *out, int full, int status)
{
	struct arena a;
	arena_init(&a, (size_t)4 << 30);
	struct people_filter f = {.status = status};
	struct export_table t;
	int64_t rows;
	int exit = 1;
	struct buf b;
	buf_init(&b, (size_t)2 << 30);
	struct people_viewer v = {0, arena_printf(&a, "命令行(%s)", cli_os_user()), "命令行导出完整名册", clock_now()};
	if (db_begin(db) < 0 || people_export(db, &a, c->id, &f, full, full ? &v : NULL, 0, "居民名册", &t, &rows) != 0) {
		fprintf(stderr, "shequ: people export: %s\n",
		        !pii_key_current() ? "no key" : db_last_error(db) ? db_last_error(db) : "cannot read the registry");
		goto done;
	}
	if (!strcmp(format, "csv"))
		export_csv(&b, &t);
	else if (export_xlsx(&b, &t) < 0) {
		fprintf(stderr, "shequ: people export: cannot write the workbook\n");
		goto done;
	}
	if (full) {
		struct audit_event ev = {.actor = arena_printf(&a, "命令行(%s)", cli_os_user()),
		                         .unit_id = c->id,
		                         .action = "people.export_full",
		                         .entity = "people_person",
		                         .ip = "cli",
		                         .detail = arena_printf(&a, "命令行导出 %lld 人的完整信息到 %s", (long long)rows, out)};
		if (audit_write(db, &ev, clock_now()) < 0 || db_commit(db) < 0) {
			fprintf(stderr, "shequ: people export: cannot write the audit row: %s\n", db_errmsg(db));
			goto done;
		}
	}
	FILE *fo = b.err ? NULL : fopen(out, "wb");
	if (!fo || fwrite(b.data, 1, b.len, fo) != b.len || fclose(fo) != 0) {
		fprintf(stderr, "shequ: people export: cannot write %s\n", out);
		goto done;
	}
	printf("%lld 人已导出到 %s%s\n", (long long)rows, out, full ? "(完整信息,已记入审计日志)" : "(已遮蔽)");
	exit = 0;
done:
	db_rollback(db);
	buf_free(&b);
	arena_free(&a);
	return exit;
}

int people_command(int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "import") && strcmp(argv[1], "export")))
		return cli_usage(usage, argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")));
	int import = !strcmp(argv[1], "import");
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
	                                     {"key-file", required_argument, 0, 'k'},
	                                     {"community", required_argument, 0, 'c'},
	                                     {"dry-run", no_argument, 0, 'n'},
	                                     {"format", required_argument, 0, 'f'},
	                                     {"output", required_argument, 0, 'o'},
	                                     {"full", no_argument, 0, 'F'},
	                                     {"status", required_argument, 0, 's'},
	                                     {"help", no_argument, 0, 'h'},
	                                     {0}};
	const char *flag = NULL, *key = NULL, *slug = NULL, *format = NULL, *out = NULL, *status_s = "living";
	int dry_run = 0, full = 0, ch;
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "o:", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': flag = optarg; break;
		case 'k': key = optarg; break;
		case 'c': slug = optarg; break;
		case 'n': dry_run = 1; break;
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'F': full = 1; break;
		case 's': status_s = optarg; break;
		default: return cli_usage(usage, ch == 'h');
		}
	}
	int status = !strcmp(status_s, "all") ? -1 : people_status_from(status_s);
	if (!slug || (import && optind != argc - 2) || (!import && (optind != argc - 1 || !format || !out)) ||
	    (!import && strcmp(format, "csv") && strcmp(format, "xlsx")) || (status < 0 && strcmp(status_s, "all")))
		return cli_usage(usage, 0);
	const char *url = cli_db_url(flag);
	struct db *db;
	if (cli_open(url, 1, &db) < 0)
		return 1;
	if (cli_pii_key(db, url, key, CLI_KEY_REQUIRE) < 0) {
		db_close(db);
		return 1;
	}
	struct arena a;
	arena_init(&a, 1u << 16);
	struct community c;
	int rc = org_community_by_slug(db, &a, slug, &c);
	int exit;
	if (rc != 0) {
		fprintf(stderr, "shequ: people: no community %s\n", slug);
		exit = 1;
	} else if (import) {
		exit = cmd_import(db, &c, argv[argc - 1], dry_run);
	} else {
		exit = cmd_export(db, &c, format, out, full, status);
	}
	arena_free(&a);
	db_close(db);
	return exit;
}
